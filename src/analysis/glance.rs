//! A first look at text the engineer did not hand over yet (the clipboard, when the
//! window gains focus): is it an APIG error, and how would a one-line offer name it?
//! Reads fields only: no catalog match, nothing kept. Bounded, so a huge clipboard
//! costs no more than a short one.

use super::fields;
use crate::redact::redact;

/// How much of the text the glance reads.
const GLANCE_BYTES: usize = 64 * 1024;
/// The offer's length: one line of a banner.
const SUMMARY_CHARS: usize = 72;

/// "APIG.0308 429 The throttling threshold…" when `text` looks like an APIG error: it
/// names an APIG code, or it is an error response (an error JSON, a status line of 400
/// or more) in the shape of a paste. None for anything else, such as a password or prose.
pub(crate) fn glance(text: &str) -> Option<String> {
    let text = text.trim();
    let end = (0..=GLANCE_BYTES.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let head = text.get(..end).unwrap_or_default();
    let coded = fields::has_code(head);
    let error_shaped = super::looks_like_response(head)
        && (head.contains("error_code")
            || head.contains("error_msg")
            || fields::first_status(head).is_some_and(|s| s >= 400));
    if !coded && !error_shaped {
        return None;
    }
    let found = fields::read(head, &|_| false).into_iter().next();
    let status = fields::first_status(head).filter(|s| *s >= 400);
    let mut parts: Vec<String> = Vec::new();
    if let Some(code) = found.as_ref().and_then(|f| f.raw_code.clone()) {
        parts.push(code);
    }
    if let Some(status) = found.as_ref().and_then(|f| f.http_status).or(status) {
        parts.push(status.to_string());
    }
    if let Some(message) = found.and_then(|f| f.message) {
        parts.push(message);
    }
    if parts.is_empty() {
        parts.push(head.lines().next().unwrap_or_default().to_string());
    }
    Some(shorten(&redact(&parts.join(" "))))
}

fn shorten(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= SUMMARY_CHARS {
        return line;
    }
    let kept: String = line.chars().take(SUMMARY_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_apig_error_is_named_by_code_status_and_message() {
        let curl = "< HTTP/1.1 429 Too Many Requests\n< X-Request-Id: 7f\n<\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}";
        let offer = glance(curl).expect("an APIG error");
        assert!(
            offer.starts_with("APIG.0308 429 The throttling threshold"),
            "{offer}"
        );
        assert!(offer.chars().count() <= SUMMARY_CHARS, "{offer}");
        assert_eq!(glance("APIG.0101").as_deref(), Some("APIG.0101"));
        let log = "2026-11-27T06:38:00Z ERROR status=401 {\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect app authentication information\"}";
        assert!(glance(log).is_some_and(|o| o.starts_with("APIG.0301 401")));
    }

    #[test]
    fn other_text_is_not_offered() {
        for text in [
            "",
            "hunter2",
            "Meeting at 4, see you there",
            "fn main() {\n    println!(\"hello\");\n}",
            "HTTP/1.1 200 OK\n\n{\"ok\":true}",
        ] {
            assert_eq!(glance(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_credential_in_the_clipboard_never_reaches_the_offer() {
        let offer = glance("APIG.0301 Authorization: Bearer sk-live-abcdef0123456789").unwrap();
        assert!(!offer.contains("sk-live"), "{offer}");
    }

    #[test]
    fn a_huge_clipboard_is_read_only_at_its_start() {
        let mut text = "é".repeat(GLANCE_BYTES);
        text.push_str("APIG.0308");
        assert_eq!(glance(&text), None, "a code past the glance is not seen");
    }
}
