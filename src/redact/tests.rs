//! What redaction takes and keeps, form by form.

use super::*;

#[test]
fn ordinary_text_is_untouched() {
    let text = "HTTP/1.1 401 Unauthorized\nX-Request-Id: 4f1a\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}\nbasic authentication is off; bearer token expected";
    assert_eq!(redact(text), text);
}

#[test]
fn redacting_twice_changes_nothing_more() {
    for text in [
        "Authorization: Bearer abcdef0123456789\npassword=\"a b c\"",
        "OS_PASSWORD='abc'X rest",
        "Cookie: session=\"v1\"; other=2",
        "{\"credential\":{\"access\":\"AK1\",\"secret\":\"SK1\"}}",
    ] {
        let once = redact(text);
        assert_eq!(redact(&once), once, "{text}");
    }
}

/// A parameter scheme's header loses each value but the kept ones: the path in a
/// Digest `uri` is the request's (an analysis showed `Path: [redacted]`), and what
/// follows the parameters that is not one still goes.
#[test]
fn a_digest_header_keeps_its_uri_and_loses_its_response() {
    let text = "Authorization: Digest username=\"bob\", realm=\"api\", nonce=\"dcd98b7102dd2f0e\", uri=\"/v1/orders\", response=\"6629fae49393a05397450978507c4ef1\"";
    let out = redact(text);
    assert!(out.contains("uri=\"/v1/orders\""), "{out}");
    assert!(
        !out.contains("6629fae4") && !out.contains("dcd98b71"),
        "{out}"
    );
    let trailing =
        redact("Authorization: Digest username=\"bob\", response=\"r1\" s3cretTrailer99");
    assert!(!trailing.contains("s3cretTrailer99"), "{trailing}");
}

#[test]
fn a_part_is_redacted_as_it_stands_in_the_whole() {
    let whole = "Lack of client_secret=abc123def and more";
    let start = whole.find("=abc").unwrap_or_default();
    assert_eq!(
        redact_part(whole, start..whole.len()),
        "=[redacted] and more"
    );
}

#[test]
fn a_markdown_block_keeps_its_forms_to_itself() {
    let text = "- [ ] Check the key (to do)\n  - Note: secret,LEAK7004csv\n- [ ] The client's clock is correct: X-Sdk-Date (to do, 2026-12-07T09:51:09Z)\n  - Note: sent\n    password=hunter2hunter2\n";
    let out = redact_blocks(text);
    assert!(
        out.contains(
            "- [ ] The client's clock is correct: X-Sdk-Date (to do, 2026-12-07T09:51:09Z)\n"
        ),
        "{out}"
    );
    assert!(
        !out.contains("LEAK7004csv") && !out.contains("hunter2"),
        "{out}"
    );
}

#[test]
fn a_prefix_is_redacted_before_it_is_cut() {
    let text = format!("{}password=\"hunter2hunter2\"", "x".repeat(90));
    let cut = redact_prefix(&text, 100);
    assert!(cut.len() <= 100 && !cut.contains("hunt"), "{cut}");
}

/// A key name of another script written as JSON's `\u` escapes (Python's and Java's
/// JSON writers do that by default), once or twice escaped, lower or upper hex: its
/// value goes as when the name is written plainly.
#[test]
fn a_foreign_key_name_written_as_json_escapes_takes_its_value() {
    for (text, secret) in [
        (r#"{"contrase\u00f1a":"Vq7mRt2xLp9w"}"#, "Vq7mRt2xLp9w"),
        (r#"{"\u5BC6\u7801": "Hn4kWz8sTq1c"}"#, "Hn4kWz8sTq1c"),
        (
            r#"{"error_msg":"{\"\\u043f\\u0430\\u0440\\u043e\\u043b\\u044c\":\"Jb6pXe3vNr5d\"}"}"#,
            "Jb6pXe3vNr5d",
        ),
    ] {
        let out = redact(text);
        assert!(!out.contains(secret), "{text} -> {out}");
        assert!(out.contains("[redacted]"), "{text} -> {out}");
    }
}

/// An Alibaba Cloud AccessKey id of the longer, newer form goes (`LTAI5t` and 18 to
/// 24 more characters), as the shorter one does.
#[test]
fn a_long_alibaba_access_key_id_goes() {
    let text = "tried the LTAI key LTAI5tQm8Rz2Kw9Vn4Hx7Bc3Jd too, same error";
    let out = redact(text);
    assert!(!out.contains("LTAI5tQm8Rz2"), "{out}");
    assert!(
        out.starts_with("tried the LTAI key ") && out.ends_with(" too, same error"),
        "{out}"
    );
}

/// A mask shown instead of a password is no secret and stays whole; a bold label's
/// value still goes.
#[test]
fn a_mask_stays_whole_and_a_bold_label_s_value_goes() {
    for text in [
        "password: ********",
        "Passwort = ••••••••",
        "\"password\": \"********\"",
    ] {
        assert_eq!(redact(text), text);
    }
    let out = redact("**Password:** Kq8vTz3mWp5x");
    assert_eq!(out, "**Password:** [redacted]");
}

/// An access key id and its secret access key on adjacent lines go when the first ends its
/// line after a label or a sentence (a note's `customer sent: …`), as when it stands alone.
#[test]
fn an_ak_and_its_sk_on_adjacent_lines_go_after_a_label() {
    let ak = "HPUAQZ7XK2M4N6P8R0T1";
    let sk = "Ws4Ed6Rf8Tg0Yh2Uj4Ik6Ol8Pz1Xc3Vb5Nm7Qa9S";
    for text in [
        format!("customer sent:   {sk}\n  {ak}"),
        format!("the keys are {ak}\n{sk}\nthanks"),
        format!("> {ak}\n> {sk}"),
    ] {
        let out = redact(&text);
        assert!(!out.contains(ak) && !out.contains(sk), "{out}");
    }
}

mod kept;
mod layouts;
