//! Removing credentials from text before it is stored, exported or printed. One module,
//! used by every path that writes what a customer sent (history, the store, incident
//! notes, Markdown, the CLI's output), so a form of secret is covered everywhere once it
//! is covered here.
//!
//! The rules keep the name of what was removed (`Authorization: [redacted]`,
//! `password=[redacted]`) and leave the evidence a ticket needs (codes, statuses, request
//! ids, hosts, dates) alone.

use std::sync::LazyLock;

use regex::{Captures, Regex};

pub const REDACTED: &str = "[redacted]";

/// Headers whose whole value is a credential.
const SECRET_HEADERS: &str = "authorization|proxy-authorization|x-auth-token|x-subject-token|x-security-token|x-amz-security-token|x-api-key|api-key|apikey|cookie|set-cookie";

/// Key names whose value is a credential, in JSON, logs, forms, query strings and shells:
/// anything naming a secret, password, token, key or signature, and `ak`/`sk` with any
/// prefix (`HUAWEICLOUD_SDK_AK`).
const SECRET_KEYS: &str = r"[a-z0-9_.-]*(?:secret|passw(?:or)?d|pwd|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|signature|session[_-]?id)[a-z0-9_.-]*|(?:[a-z0-9]+_)*(?:ak|sk)";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("redaction patterns are fixed and tested")
}

/// PEM private keys, also cut off before their end line.
static PEM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(-----BEGIN [A-Z ]*PRIVATE KEY-----)((?:[A-Za-z0-9+/=:,\s-]|\\[nr])*?)(-----END [A-Z ]*PRIVATE KEY-----|[^A-Za-z0-9+/=:,\s\\-]|\z)",
    )
});
/// HAR name/value objects with a secret name, in either order.
static HAR_NAME_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)("name"\s*:\s*"(?:{SECRET_HEADERS}|{SECRET_KEYS})"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)"#
    ))
});
static HAR_VALUE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)("value"\s*:\s*")((?:[^"\\]|\\.)*)("\s*,\s*"name"\s*:\s*"(?:{SECRET_HEADERS}|{SECRET_KEYS})")"#
    ))
});
/// A HAR `cookies` array: every value in it is a cookie.
static HAR_COOKIES: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)"cookies"\s*:\s*\[[^\]]*\]"#));
static JSON_VALUE: LazyLock<Regex> = LazyLock::new(|| re(r#"("value"\s*:\s*")((?:[^"\\]|\\.)*)"#));
/// `Authorization: ...` wherever it stands: a header line, `curl -H '...'`, a log, a
/// Python dict. The value runs to the closing quote or the end of the line.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?im)((?:^|[^a-z0-9_-])(?:{SECRET_HEADERS})['"\\]*\s*[:=]\s*['"\\]*)((?:[^'"\\\r\n]|\\[^'"\\nrt])+)"#
    ))
});
/// `Bearer <token>` / `Basic <credentials>` in any text.
static SCHEME_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(\b(?:bearer|basic)\s+)([A-Za-z0-9._~+/=-]{8,})"));
/// `scheme://user:password@host` (HTTP, JDBC, AMQP, database URLs).
static URL_USERINFO: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)([a-z][a-z0-9+.-]*://[^/\s:@'"]*:)([^@\s/'"]+)(@)"#));
/// `curl -u user:password` and `curl -b 'cookies'`.
static CURL_USER: LazyLock<Regex> =
    LazyLock::new(|| re(r#"((?:^|\s)(?:-u|--user)\s*['"]?[^:\s'"]*:)([^\s'"]+)"#));
static CURL_COOKIE: LazyLock<Regex> =
    LazyLock::new(|| re(r#"((?:^|\s)(?:-b|--cookie)\s+['"]?)([^'"\r\n]+)"#));
/// `key: value` / `"key": "value"` / `key=value` / `export KEY="value"` for secret keys;
/// quoted values may hold spaces and escaped quotes, and JSON inside JSON is read too.
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i)(?P<head>\b(?:{SECRET_KEYS})['"\\]*\s*[:=]\s*)(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)'|\\"(?P<eq>[^"\\]*)\\"|(?P<bare>[^\s'",;&}}\])<>]+))"#
    ))
});
/// SDK builder calls: `.WithSk("...")`, `setSecretKey("...")`.
static SETTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(\b(?:with|set)_?(?:ak|sk|secret(?:_?key)?|access_?key|password|(?:security_?)?token)\s*\(\s*["'])([^"']*)"#,
    )
});
/// `Access=`, `Signature=` and `Credential=` inside an authorization value.
static SIGNATURE_PARTS: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)\b(Access|Signature|Credential)=([^,\s"']+)"#));
/// JSON web tokens (OAuth id and access tokens).
static JWT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"));
/// IAM tokens: long base64 blobs starting with MII.
static IAM_TOKEN: LazyLock<Regex> = LazyLock::new(|| re(r"MII[A-Za-z0-9+/=_-]{60,}"));

/// `text` with every credential value replaced by `[redacted]`.
pub fn redact(text: &str) -> String {
    let keep = |c: &Captures<'_>| format!("{}{REDACTED}", &c[1]);
    let around = |c: &Captures<'_>| format!("{}{REDACTED}{}", &c[1], &c[3]);
    let text = PEM.replace_all(text, |c: &Captures<'_>| {
        // The line break after a cut-off key belongs to the text that follows it.
        let body = &c[2];
        let trailing = body.get(body.trim_end().len()..).unwrap_or_default();
        format!("{}{REDACTED}{trailing}{}", &c[1], &c[3])
    });
    let text = HAR_NAME_VALUE.replace_all(&text, keep);
    let text = HAR_VALUE_NAME.replace_all(&text, around);
    let text = HAR_COOKIES.replace_all(&text, |c: &Captures<'_>| {
        JSON_VALUE.replace_all(&c[0], keep).into_owned()
    });
    let text = HEADER.replace_all(&text, |c: &Captures<'_>| unless_done(c, 2, keep));
    let text = SCHEME_TOKEN.replace_all(&text, |c: &Captures<'_>| {
        if looks_like_a_credential(&c[2]) {
            keep(c)
        } else {
            c[0].to_string()
        }
    });
    let text = URL_USERINFO.replace_all(&text, around);
    let text = CURL_USER.replace_all(&text, keep);
    let text = CURL_COOKIE.replace_all(&text, |c: &Captures<'_>| unless_done(c, 2, keep));
    let text = KEY_VALUE.replace_all(&text, key_value);
    let text = SETTER.replace_all(&text, keep);
    let text = SIGNATURE_PARTS.replace_all(&text, |c: &Captures<'_>| unless_done(c, 2, keep));
    let text = JWT.replace_all(&text, REDACTED);
    IAM_TOKEN.replace_all(&text, REDACTED).into_owned()
}

/// The match as it is when its value was already redacted by an earlier rule.
fn unless_done(c: &Captures<'_>, value: usize, redact: impl Fn(&Captures<'_>) -> String) -> String {
    if c[value].starts_with("[redacted") {
        c[0].to_string()
    } else {
        redact(c)
    }
}

/// A word after `Bearer`/`Basic` is a credential unless it reads like prose ("basic
/// authentication"): credentials carry digits or symbols, or are long.
fn looks_like_a_credential(word: &str) -> bool {
    word.len() >= 20
        || word
            .chars()
            .any(|c| c.is_ascii_digit() || "=+/._~-".contains(c))
}

fn key_value(c: &Captures<'_>) -> String {
    let head = &c["head"];
    let (quote, value) = if let Some(v) = c.name("dq") {
        ("\"", v.as_str())
    } else if let Some(v) = c.name("sq") {
        ("'", v.as_str())
    } else if let Some(v) = c.name("eq") {
        ("\\\"", v.as_str())
    } else {
        ("", c.name("bare").map_or("", |v| v.as_str()))
    };
    if value.is_empty() || value.starts_with("[redacted") || value == "null" {
        return c[0].to_string();
    }
    format!("{head}{quote}{REDACTED}{quote}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "HTTP/1.1 401 Unauthorized\nX-Request-Id: 4f1a\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}\nbasic authentication is off; bearer token expected";
        assert_eq!(redact(text), text);
    }

    #[test]
    fn redacting_twice_changes_nothing_more() {
        let once = redact("Authorization: Bearer abcdef0123456789\npassword=\"a b c\"");
        assert_eq!(redact(&once), once);
    }
}
