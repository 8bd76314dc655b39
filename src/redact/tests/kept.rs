//! What an engineer needs to read stays: a query parameter or field merely *named* `key`
//! holding a word or an id, the syntax after a value, a prompt that asks for a secret.

use crate::redact::redact;

/// A name that is also a word of data (`key`, `session`, `ticket`) keeps a value that is
/// a word, a date or an id of words and numbers, in a query, JSON, YAML and a form; a
/// value that reads as a credential still goes.
#[test]
fn a_generic_name_keeps_a_value_that_is_data() {
    for text in [
        "GET /v1/orders?sort=asc&key=orderDate&limit=20 HTTP/1.1",
        "{\"key\": \"order-123\", \"value\": 42}",
        "key: customer_id\nsession: checkout-2",
        "POST /cart ticket=SR-20261207-0042&sign=v2",
        "{'access': 'read-only', 'auth': 'iam'}",
    ] {
        assert_eq!(redact(text), text);
    }
    for (text, secret) in [
        (
            "GET /maps?key=AIzaSyB4x9Lm2Qw7Er5Ty3Ui1Op&lang=de",
            "AIzaSyB4x9Lm2Qw7Er5Ty3Ui1Op",
        ),
        ("{\"key\": \"k7Hq2Lm9Rw4Z\"}", "k7Hq2Lm9Rw4Z"),
        (
            "session=9f86d081884c7d659a2feaa0c55ad015",
            "9f86d081884c7d659a2feaa0c55ad015",
        ),
    ] {
        let out = redact(text);
        assert!(!out.contains(secret), "{out}");
    }
}

/// A value ends where the syntax ends it: a JSON body glued after it on a one-line log,
/// an index, a template's braces; a bracket inside the value is the value's own.
#[test]
fn brackets_after_a_value_stay() {
    for (text, secret, kept) in [
        ("password=Lw8Ke3Rt6Yq{\"a\":1}", "Lw8Ke3Rt6Yq", "{\"a\":1}"),
        (
            "2026-12-07 token=Tk9Lm2Nb4Vc6Xz{\"error_code\":\"APIG.0301\"}",
            "Tk9Lm2Nb4Vc6Xz",
            "{\"error_code\":\"APIG.0301\"}",
        ),
        ("secret=Sq1Wd3Ef5Rg7[1]", "Sq1Wd3Ef5Rg7", "[1]"),
        (
            "db_pwd=Pl0Ok9Ij8{{nested}} next",
            "Pl0Ok9Ij8",
            "{{nested}} next",
        ),
        ("passwd=Zx[9]Cv8Bn7 end", "Cv8Bn7", " end"),
    ] {
        let out = redact(text);
        assert!(!out.contains(secret), "{out}");
        assert!(out.contains(kept), "{kept} was lost: {out}");
    }
}

/// A prompt that asks for a secret names it and is none: as a call's argument, a shell
/// option's value, a map's string; in English and German. A password that happens to end
/// with a colon still goes.
#[test]
fn a_prompt_string_is_not_a_value() {
    for text in [
        "pw = getpass.getpass(\"Password: \")",
        "read -s -p \"Enter your secret key: \" SK",
        "token = prompt('API token?')",
        "kennwort = input(\"Kennwort: \")",
        "{\"password\": \"Password:\"}",
    ] {
        assert_eq!(redact(text), text);
    }
    let out = redact("{\"password\": \"Gr8Pw0rd2024:\"}");
    assert!(!out.contains("Gr8Pw0rd2024"), "{out}");
}

/// A sentence that names a signature, token, password or secret, in CJK text with
/// full-width punctuation after it or in plain prose, passes unchanged: a word of running
/// text ends at that punctuation, and the next clause (a request id) is no value of the
/// name. A credential written after such a name in prose still goes.
#[test]
fn sentences_naming_a_credential_word_pass_unchanged() {
    for text in [
        "客戶說呼叫API一直回傳401，錯誤訊息是「Incorrect app authentication information: verify signature fail」，請求ID：tw44tw44tw44tw44tw44tw44tw44tw44",
        "报错信息：verify token expired，请求ID：ab12ab12ab12ab12ab12ab12ab12ab12",
        "お客様の環境で signature mismatch。リクエストID：9x9x9x9x9x9x9x9x9x9x",
        "The password reset works, but the secret rotation failed at 10:42 UTC.",
        "Please verify the signature of the request; the token was refreshed yesterday.",
    ] {
        assert_eq!(redact(text), text);
    }
    let out = redact("客戶的 signature So08kQ2x9LmRw4Zt7Yp，請求ID：tw44tw44tw44tw44");
    assert!(!out.contains("So08kQ2x9LmRw4Zt7Yp"), "{out}");
    assert!(out.contains("tw44tw44tw44tw44"), "{out}");
}
