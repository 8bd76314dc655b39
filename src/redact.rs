//! Removing credentials from pasted text before it is stored or copied out.

use std::sync::LazyLock;

use regex::Regex;

pub const REDACTED: &str = "[redacted]";

const SECRET_HEADERS: &str = "authorization|proxy-authorization|x-auth-token|x-subject-token|x-security-token|cookie|set-cookie";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("redaction patterns are fixed and tested")
}

/// `Authorization: ...` header lines (raw HTTP, curl `>`/`<` lines).
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?im)^([<>\s]*(?:{SECRET_HEADERS})\s*:[ \t]*)(\S.*?)[ \t]*$"
    ))
});
/// HAR headers: `{"name": "Authorization", "value": "..."}`.
static HAR_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)("name"\s*:\s*"(?:{SECRET_HEADERS})"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)"#
    ))
});
/// `key: value` / `"key": "value"` / `key=value` for secret-bearing keys, also inside JSON
/// or log lines: the secret headers, ak/sk, and any key naming a secret, password or token.
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)(["']?\b(?:{SECRET_HEADERS}|ak|sk|[a-z_-]*(?:secret|password|passwd|token)[a-z_-]*)["']?\s*[:=]\s*["']?)([^"'\s,;}}&]+)"#
    ))
});
/// `Access=` and `Signature=` inside an SDK-HMAC-SHA256 authorization value.
static SIGNATURE_PARTS: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)\b(Access|Signature)=([^,\s"']+)"#));
/// IAM tokens: long base64 blobs starting with MII.
static IAM_TOKEN: LazyLock<Regex> = LazyLock::new(|| re(r"MII[A-Za-z0-9+/=_-]{60,}"));

/// `text` with every credential value replaced by `[redacted]`.
pub fn redact(text: &str) -> String {
    let keep_key = format!("${{1}}{REDACTED}");
    let text = HEADER_LINE.replace_all(text, keep_key.as_str());
    let text = HAR_HEADER.replace_all(&text, keep_key.as_str());
    let text = KEY_VALUE.replace_all(&text, |c: &regex::Captures<'_>| {
        if &c[2] == REDACTED || c[2].starts_with("[redacted") {
            c[0].to_string()
        } else {
            format!("{}{REDACTED}", &c[1])
        }
    });
    let text = SIGNATURE_PARTS.replace_all(&text, keep_key.as_str());
    IAM_TOKEN.replace_all(&text, REDACTED).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(input: &str, secret: &str) {
        let out = redact(input);
        assert!(!out.contains(secret), "{secret:?} survived in {out:?}");
        assert!(out.contains(REDACTED), "{out:?}");
    }

    #[test]
    fn secret_headers_are_redacted() {
        for name in [
            "Authorization",
            "Proxy-Authorization",
            "X-Auth-Token",
            "X-Subject-Token",
            "X-Security-Token",
            "Cookie",
            "Set-Cookie",
        ] {
            clean(
                &format!("> {name}: s3cr3tvalue42\n> Host: a"),
                "s3cr3tvalue42",
            );
            clean(
                &format!("{}: s3cr3tvalue42\r\n", name.to_lowercase()),
                "s3cr3tvalue42",
            );
        }
    }

    #[test]
    fn har_headers_are_redacted() {
        clean(
            r#"{"name": "X-Auth-Token", "value": "abcdef123456"}"#,
            "abcdef123456",
        );
    }

    #[test]
    fn hmac_access_and_signature_are_redacted() {
        let auth = "SDK-HMAC-SHA256 Access=071fe245-9cf6-4d75-822d-c29945a1e06a, SignedHeaders=host;x-sdk-date, Signature=c3f1b5a3e8a9d0e6f7";
        let out = redact(&format!("log: auth value {auth}"));
        assert!(
            !out.contains("071fe245") && !out.contains("c3f1b5a3e8a9d0e6f7"),
            "{out}"
        );
        assert!(out.contains("SignedHeaders=host;x-sdk-date"), "{out}");
    }

    #[test]
    fn ak_sk_secret_and_password_values_are_redacted() {
        clean("ak: HPUAXXXXXXXXEXAMPLE", "HPUAXXXXXXXXEXAMPLE");
        clean(
            "config sk=Zm9vYmFyYmF6cXV4 region=eu-de",
            "Zm9vYmFyYmF6cXV4",
        );
        clean(r#"{"app_secret": "topsecret-value"}"#, "topsecret-value");
        clean("password: hunter2hunter2", "hunter2hunter2");
        clean("client_secret=abc123xyz", "abc123xyz");
        clean("note: refresh_token=r3fr3shval", "r3fr3shval");
    }

    #[test]
    fn iam_tokens_are_redacted_anywhere() {
        let token = format!(
            "MIIEhgYJKoZIhvcNAQcCoIIEdzCCBHMCAQExDTALBglghkgBZQMEAgEwggKQBgkqhkiG9w0BBwGgggKBBIICfXsidG9rZW4iOnsiZXhwaXJlc19hdCI6{}",
            "A".repeat(40)
        );
        clean(&format!("body contained {token} here"), &token);
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "HTTP/1.1 401 Unauthorized\nX-Request-Id: 4f1a\n{\"error_code\":\"APIG.0301\"}";
        assert_eq!(redact(text), text);
    }
}
