//! The gateway's request id of a block: written with its key, else a bare 32-hex token on
//! an access-log line. A request's own header (`> X-Request-Id:` in a curl transcript,
//! `-H 'X-Request-Id: …'`, the headers under a request line) is the client's, never the
//! gateway's; a placeholder (`null`, `None`, `xxxxxxxx`) is no id, like a redacted one, and
//! the answer says the field held one; a value that only looks made up (`2222…2222`) is
//! still the id its field gives; and two different ids (the response header's and the
//! body's) are both said, never one taken silently.

use super::{ACCESS_LOG_LINE, BARE_REQUEST_ID, REQUEST_ID, REQUEST_LINE, STATUS_LINE};

/// At most this many keyed ids are looked at in a block: enough to see a header and a
/// body disagree, without reading every id of a long block.
const LOOKED_AT: usize = 16;
/// A request's headers are looked for this many lines above an id, at most.
const HEADER_LINES: usize = 64;
/// Values that stand where an id would be, and are none (compared lower-case).
const PLACEHOLDERS: &[&str] = &[
    "null",
    "nil",
    "none",
    "undefined",
    "unknown",
    "empty",
    "redacted",
    "masked",
    "hidden",
    "removed",
    "placeholder",
    "request_id",
    "request-id",
    "requestid",
];

/// One id as the text writes it, with its key.
struct Said<'t> {
    key: &'t str,
    id: &'t str,
    header: bool,
    /// Named in a sentence or a ticket's label, not a record's field.
    prose: bool,
}

/// The request id of `text` (narrowed) and, when it gives two different ones, a note that
/// names both and says which is shown.
pub(super) fn read(text: &str) -> (Option<String>, Option<String>) {
    let mut said: Vec<Said> = Vec::new();
    // The first placeholder a field held, said when no id is found.
    let mut held: Option<&str> = None;
    for c in REQUEST_ID.captures_iter(text).take(LOOKED_AT) {
        // A label's id (the fourth group) holds a digit: `request id from the log: none`
        // names no id.
        let labelled = c
            .get(4)
            .filter(|m| m.as_str().bytes().any(|b| b.is_ascii_digit()));
        let field = c.get(1).or_else(|| c.get(2));
        let id = field.or_else(|| c.get(3)).or_else(|| c.get(5)).or(labelled);
        let (Some(all), Some(id)) = (c.get(0), id) else {
            continue;
        };
        if request_side(text, all.start()) {
            continue;
        }
        if placeholder(id.as_str()) {
            held.get_or_insert(id.as_str());
            continue;
        }
        let key = text
            .get(all.start()..id.start())
            .unwrap_or_default()
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '=' | '"' | '\''))
            .trim_start_matches(['"', '\'']);
        let header = key.contains('-') && on_its_own_line(text, all.start());
        said.push(Said {
            key,
            // A sentence's full stop is no part of the id (`…, request id: 7b8c….`).
            id: id.as_str().trim_end_matches('.'),
            header,
            prose: field.is_none() || in_a_sentence(text, all.start(), key),
        });
    }
    // The body's id is the gateway's own answer; then the response header's; a
    // sentence's (`request 5b1d… failed`) is the paste's word only, which may be another
    // error's (an earlier one the ticket names), so it is taken when there is no other.
    let Some(shown) = said
        .iter()
        .find(|s| !s.header && !s.prose)
        .or_else(|| said.iter().find(|s| s.header))
        .or_else(|| said.first())
    else {
        let id = bare(text);
        let note = held.filter(|_| id.is_none()).map(|value| format!(
            "The request id field holds \"{value}\", a placeholder or a masked value, not an id: search the gateway's logs by time and path instead."
        ));
        return (id, note);
    };
    let note = said
        .iter()
        .find(|s| !s.id.eq_ignore_ascii_case(shown.id))
        .map(|other| {
            let why = if (other.header || other.prose) && !shown.header && !shown.prose {
                " (the response's field: the gateway's answer)"
            } else if other.prose && shown.header {
                " (the response's header: the gateway's answer; the other is only written in a sentence, maybe of another error)"
            } else {
                ""
            };
            format!(
                "The paste gives two request ids for this error: {} and {}. The first is shown as the request id{why}; search the gateway's logs for both.",
                described(shown),
                described(other)
            )
        });
    (Some(shown.id.to_string()), note)
}

fn described(s: &Said) -> String {
    if s.header {
        format!("{} (response header {})", s.id, s.key)
    } else {
        format!("{} ({})", s.id, s.key)
    }
}

/// A bare 32-hex token on an access-log line (`"POST /v1/orders HTTP/1.1" 504 … ab12…`).
fn bare(text: &str) -> Option<String> {
    // An access-log line holds `HTTP/`: without it the pattern is not run (on text that
    // is not ASCII it would run on the regex crate's slowest engine).
    text.contains("HTTP/").then_some(())?;
    ACCESS_LOG_LINE
        .find_iter(text)
        .find_map(|line| BARE_REQUEST_ID.captures(line.as_str()))
        .map(|c| c[1].to_string())
        .filter(|id| !placeholder(id))
}

/// What two spellings of one request id have in common: a hex or UUID id (the gateway's
/// form) lower-cased, since a log or a ticket may write it in capitals; any other id as
/// written, where case may be its own.
pub(crate) fn id_key(id: &str) -> std::borrow::Cow<'_, str> {
    let hex = id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && id.chars().filter(char::is_ascii_hexdigit).count() >= 8;
    if hex && id.chars().any(|c| c.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(id.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(id)
    }
}

/// A value that only holds an id's place: a word for nothing (`null`, `None`,
/// `undefined`), the key's own name, no letter or digit (`********`), or the `x` or `0`
/// of a template repeated (`xxxxxxxx`, `00000000`, `xxxxxxxx-xxxx-…`). Another character
/// repeated (`22222222…`) is a made-up id, but the one the field gives: it is the id, as
/// the gateway's logs and a test system's may hold it.
pub(super) fn placeholder(id: &str) -> bool {
    let lower = id.to_ascii_lowercase();
    let mut chars = lower.chars().filter(char::is_ascii_alphanumeric);
    let first = chars.next();
    PLACEHOLDERS.contains(&lower.as_str())
        || first.is_none_or(|f| matches!(f, 'x' | '0') && chars.all(|c| c == f))
}

/// Whether the line of `at` holds nothing before it but `<` and spaces: a header line.
fn on_its_own_line(text: &str, at: usize) -> bool {
    line_prefix(text, at)
        .chars()
        .all(|c| c == '<' || c.is_whitespace())
}

/// A keyed id written inside a line of words (`Yesterday we got APIG.0306, request id:
/// 5d6e…`, `之前报错 APIG.0303，request_id: 2468…`): a colon after a key that is not
/// quoted (no JSON field) and does not begin its line (no header, no label). Such an id
/// may be an earlier error's, which the ticket names before today's response; the
/// response's own header or body names today's. (`request_id=…`, a log's or an SDK
/// dump's field, stays a field.)
fn in_a_sentence(text: &str, at: usize, key: &str) -> bool {
    let prefix = line_prefix(text, at);
    let quoted = prefix.ends_with(['"', '\'']);
    let colon = text
        .get(at + key.len()..)
        .unwrap_or_default()
        .trim_start_matches(['"', '\'', ' ', '\t'])
        .starts_with(':');
    let begins_line = prefix
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '<' | '>' | '*' | '-' | '•' | '|'));
    colon && !quoted && !begins_line
}

/// The text of `at`'s line before it.
fn line_prefix(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or_default();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    before.get(start..).unwrap_or_default()
}

/// Whether the id at `at` is one the client sent: on a curl `>` line, in a curl `-H`
/// option, or among the headers under a request line (before the blank line or status
/// line that ends them).
fn request_side(text: &str, at: usize) -> bool {
    let prefix = line_prefix(text, at);
    if prefix.trim_start().starts_with('>') {
        return true;
    }
    let option = prefix.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\''));
    if option.ends_with("-H") || option.ends_with("--header") {
        return true;
    }
    if !prefix.trim().is_empty() {
        return false;
    }
    let above = text.get(..at - prefix.len()).unwrap_or_default();
    for line in above.lines().rev().take(HEADER_LINES) {
        if line.trim().is_empty() || STATUS_LINE.is_match(line) {
            return false;
        }
        if REQUEST_LINE.is_match(line) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request id after its label and a space, or a colon with spaces around it.
    #[test]
    fn an_id_after_its_label_and_a_space_or_a_spaced_colon_is_read() {
        let id = "7f3c2a1b9d8e4f60a1b2c3d4e5f60718";
        for text in [
            format!("request id {id}"),
            format!("Request ID {id} failed"),
            format!("X-Request-Id : {id}"),
            format!("请求ID: {id}"),
            format!("request-id {id}"),
            format!("リクエストID: {id}"),
            format!("請求編號 {id}"),
            format!("request id 是 {id}"),
        ] {
            assert_eq!(read(&text).0.as_deref(), Some(id), "{text}");
        }
        assert_eq!(read("request id is unknown").0, None);
    }

    #[test]
    fn placeholders_are_no_ids_and_real_ids_are() {
        for id in [
            "null",
            "None",
            "undefined",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            "00000000000000000000000000000000",
            "REDACTED",
            "request_id",
        ] {
            assert!(placeholder(id), "{id}");
        }
        for id in [
            "9a8b7c6d5e4f3a2b",
            "client-trace-0001",
            "abab",
            "nullable01",
            "22222222222222222222222222222222",
            "aaaaaaaa",
        ] {
            assert!(!placeholder(id), "{id}");
        }
    }

    #[test]
    fn hex_and_uuid_ids_are_one_id_in_either_case_and_other_ids_keep_theirs() {
        assert_eq!(id_key("5E1D2C3B4A5F6071"), "5e1d2c3b4a5f6071");
        assert_eq!(
            id_key("7F3A9C01-1111-4A2B-9C3D-0123456789AB"),
            "7f3a9c01-1111-4a2b-9c3d-0123456789ab"
        );
        assert_eq!(id_key("Client-Trace-0001"), "Client-Trace-0001");
        assert_eq!(id_key("ABC"), "ABC");
    }

    #[test]
    fn the_word_request_before_a_hex_or_uuid_token_names_the_id() {
        let line =
            "ERROR request 5e1d2c3b4a5f60718293a4b5c6d7e8f9 failed with APIG.0308 (HTTP 429)";
        assert_eq!(
            read(line).0.as_deref(),
            Some("5e1d2c3b4a5f60718293a4b5c6d7e8f9")
        );
        let bracket = "ERROR [req 7F3A9C01-1111-4A2B-9C3D-0123456789AB] APIG.0308";
        assert_eq!(
            read(bracket).0.as_deref(),
            Some("7F3A9C01-1111-4A2B-9C3D-0123456789AB")
        );
        // Words are not ids, nor a short number.
        for text in [
            "request failed with APIG.0308",
            "request 12345 failed",
            "request body too large",
        ] {
            assert_eq!(read(text).0, None, "{text}");
        }
    }

    #[test]
    fn a_response_s_own_field_is_shown_before_an_id_a_sentence_names() {
        for (prose, field) in [
            (
                "Authorization failed for request 5b1d9e0c7a3f4e2d8c6b4a2f0e9d8c7b at 10:15.",
                "{\"error_code\":\"APIG.0301\",\"request_id\":\"06171ffb0df9daee36452bcf48385971\"}",
            ),
            (
                "Request id from our own log: 11aa22bb33cc44dd55ee66ff77aa88bb",
                "error_code=APIG.0308 request_id=99ff88ee77dd66cc55bb44aa33ff22ee",
            ),
        ] {
            let text = format!("{prose}\n\nHTTP/1.1 401 Unauthorized\n\n{field}");
            let (shown, note) = read(&text);
            let shown = shown.expect("an id");
            assert!(field.contains(&shown), "{text}: {shown}");
            let note = note.expect("both are named");
            assert!(note.contains("the response's field"), "{note}");
        }
    }

    #[test]
    fn a_ticket_s_label_with_words_before_its_colon_gives_the_id() {
        let ticket = "we fixed APIG.0308 last week, now 401.\nRequest id from our gateway log: 6b1e0c9d2a7f4e3b8c5d1a0f9e8d7c6b\nThanks";
        assert_eq!(
            read(ticket).0.as_deref(),
            Some("6b1e0c9d2a7f4e3b8c5d1a0f9e8d7c6b")
        );
        assert_eq!(read("The request id in our logs: unknown-yet").0, None);
        assert_eq!(read("request ids are missing: see below").0, None);
    }

    #[test]
    fn a_field_s_made_up_id_is_taken_and_a_placeholder_is_said() {
        let made_up = r#"rid=22222222222222222222222222222222 body={"error_code":"APIG.0308","request_id":"22222222222222222222222222222222"}"#;
        assert_eq!(
            read(made_up),
            (Some("22222222222222222222222222222222".into()), None)
        );
        for masked in [
            r#"{"error_code":"APIG.0308","request_id":"null"}"#,
            "request_id=xxxxxxxx-xxxx-xxxx error APIG.0308",
            r#"{"request_id":"00000000000000000000000000000000","error_code":"APIG.0303"}"#,
        ] {
            let (id, note) = read(masked);
            assert_eq!(id, None, "{masked}");
            assert!(
                note.is_some_and(|n| n.contains("placeholder or a masked value")),
                "{masked}"
            );
        }
    }

    #[test]
    fn a_request_header_is_the_client_s_and_a_response_header_is_not() {
        let raw = "GET /v1/x HTTP/1.1\nHost: a\nX-Request-Id: client-0001\n\nHTTP/1.1 403 Forbidden\nX-Request-Id: 5a5a5a5a6b6b6b6b\n";
        assert_eq!(read(raw), (Some("5a5a5a5a6b6b6b6b".into()), None));
        let curl =
            "curl -H 'X-Request-Id: client-0001' https://a/v1\n{\"error_code\":\"APIG.0302\"}";
        assert_eq!(read(curl), (None, None));
        let verbose =
            "> GET /v1 HTTP/1.1\n> X-Request-Id: client-0001\n>\n< HTTP/1.1 403 Forbidden\n";
        assert_eq!(read(verbose), (None, None));
    }
}
