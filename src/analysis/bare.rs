//! A code-only line right after its code's full record, at the same second, is that
//! error written again ("giving up after 3 attempts, last error APIG.0201"): counted
//! once. Only when nothing on the line says otherwise: a line that also names an id, a
//! path or a method its record does not show (`ERROR APIG.0308 cccc3333dddd4444`,
//! `[req 7f3a…] APIG.0308`, `APIG.0308 POST /v1/orders`) may be another request, and
//! is counted on its own, the warning saying what the count would be were it the same.
//!
//! Likewise a line that names the code of the error just before it as its cause or as
//! the reason for a retry ("caused by APIG.0308", "retry 1/3 after APIG.0308"), within
//! a minute and with no status, request id or message other than that error's: it says
//! why the call failed or what the client does next, not that a new response came back.
//! A retry line that shows a response of its own (its status, request id or message) is
//! a new error; a retry that is only announced is not counted, the warning saying what
//! the count would be were each a response.

use super::FoundError;
use super::blocks::Block;
use super::fields::{id_key, line_before_code};

/// HTTP methods: a request's, so a line naming another than its record's is another call.
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// The errors, without a record that names only a code (no status, message, request id
/// or path of its own) written right after a record that reported that code with its
/// facts, at the same second, and saying nothing that record's text does not. At most
/// one such line per record is taken for it. The warnings say what the count would be
/// either way.
pub(super) fn without_repeats(
    mut found: Vec<FoundError>,
    blocks: &[Block],
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    if !found.iter().any(bare) {
        return found;
    }
    let key = |e: &FoundError| Some((e.code.clone()?, e.seen_at?.at));
    let text = |e: &FoundError| blocks.get(e.block).map_or("", |b| b.text.as_str());
    // The full record just before, not yet repeated.
    let mut before: Option<&FoundError> = None;
    let (mut merged, mut apart) = (0, Vec::new());
    let keep: Vec<bool> = found
        .iter()
        .map(|e| {
            if !bare(e) {
                before = Some(e);
                return true;
            }
            let Some(record) = before
                .take()
                .filter(|r| key(r).is_some() && key(r) == key(e))
            else {
                return true;
            };
            let unseen = unseen_marks(text(e), text(record));
            if unseen.is_empty() {
                merged += 1;
                return false;
            }
            apart.push(unseen.join(", "));
            true
        })
        .collect();
    if merged > 0 {
        warnings.push(merged_warning(merged));
    }
    if !apart.is_empty() {
        warnings.push(apart_warning(&apart));
    }
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
    found
}

/// Words before a code that name it as a failure's cause or a retry's reason, compared
/// with the line's text before the code in lower case (`Caused by:`, `retrying after`,
/// `重试`).
const ECHO_WORDS: &[&str] = &[
    "caused by",
    "cause:",
    "cause=",
    "root cause",
    "retry",
    "retries",
    "retrying",
    "backoff",
    "back off",
    "backing off",
    "重试",
    "原因",
];

/// Words before a code that say a response came back with it (`retry 2/3 failed with`,
/// `attempt 2 got`): a try of its own, whatever else the line says.
const RESPONSE_WORDS: &[&str] = &[
    "fail", "got", "return", "receiv", "respon", "answer", "失败", "返回", "收到",
];

/// How long after its error a cause or retry line may come to be taken for it: a
/// client's backoff between tries is seconds, not minutes.
const ECHO_SECONDS: i64 = 60;

/// The errors, without each line that only names the code of the error kept just before
/// it as its cause or a retry's reason (see the module's doc); the warning says how many
/// and what the count would be otherwise.
pub(super) fn without_echoes(
    found: Vec<FoundError>,
    blocks: &[Block],
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let text = |e: &FoundError| blocks.get(e.block).map_or("", |b| b.text.as_str());
    let mut kept: Vec<FoundError> = Vec::with_capacity(found.len());
    let mut echoes = 0;
    for e in found {
        match kept.last() {
            Some(before) if echoes_error(&e, before, text(&e), text(before)) => echoes += 1,
            _ => kept.push(e),
        }
    }
    if echoes > 0 {
        warnings.push(echoes_warning(echoes));
    }
    kept
}

/// Whether `e` (its block's text `line`) names the code of `before` (its text `record`)
/// only as a cause or a retry's reason, and shows no response of its own.
fn echoes_error(e: &FoundError, before: &FoundError, line: &str, record: &str) -> bool {
    let Some(code) = e
        .code
        .as_deref()
        .filter(|c| before.code.as_deref() == Some(*c))
    else {
        return false;
    };
    let says_echo = line_before_code(line, code).is_some_and(|head| {
        let head = head.to_lowercase();
        ECHO_WORDS.iter().any(|w| head.contains(w))
            && !RESPONSE_WORDS.iter().any(|w| head.contains(w))
    });
    let same_id = match (&e.request_id, &before.request_id) {
        (None, _) => true,
        (Some(a), Some(b)) => id_key(a) == id_key(b),
        (Some(_), None) => false,
    };
    let soon = match (before.seen_at, e.seen_at) {
        (Some(a), Some(b)) => a.zone == b.zone && (0..=ECHO_SECONDS).contains(&(b.at - a.at)),
        _ => true,
    };
    says_echo
        && soon
        && same_id
        && e.http_status.is_none_or(|s| before.http_status == Some(s))
        && e.message
            .as_ref()
            .is_none_or(|m| before.message.as_ref() == Some(m))
        && unseen_marks(line, record).is_empty()
}

fn echoes_warning(n: usize) -> String {
    let (lines, own, it) = if n == 1 {
        ("1 line names".to_string(), "its", "it")
    } else {
        (format!("{n} lines name"), "their", "each")
    };
    format!(
        "Counted once: {lines} the code of the error just before as its cause or the reason for a retry (\"caused by\", \"retry … after\"), with no status, request id or message of {own} own: the same failure, not a new response; were {it} a response of its own, the count would be {n} higher."
    )
}

/// Names a code and no fact of its own that the reading took: status, message,
/// request id, path.
fn bare(e: &FoundError) -> bool {
    e.http_status.is_none()
        && e.message.is_none()
        && e.request_id.is_none()
        && e.evidence.path.is_none()
}

fn merged_warning(n: usize) -> String {
    format!(
        "Counted once: {n} {} only a code right after that code's full record, at the same second, taken as the same error written again (a summary or retry line); were {} a request of its own, the count would be {n} higher.",
        if n == 1 { "line names" } else { "lines name" },
        if n == 1 { "it" } else { "each" },
    )
}

fn apart_warning(marks: &[String]) -> String {
    let n = marks.len();
    let (lines, it, what) = if n == 1 {
        ("1 line names".to_string(), "it", "something")
    } else {
        (format!("{n} lines name"), "each", "things")
    };
    format!(
        "Counted apart: {lines} only a code right after that code's full record, at the same second, but also {what} the record does not show ({}): another request, it seems; were {it} the same error written again, the count would be {n} lower.",
        marks.join("; "),
    )
}

/// What `line` says that can tell one request from another (an id-like token, a path or
/// URL, an HTTP method, an IP address) and `record` does not hold, compared ignoring
/// ASCII case (a hex id may be written in capitals). Codes and times are not such marks.
fn unseen_marks(line: &str, record: &str) -> Vec<String> {
    let record = record.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    for token in line.split(|c: char| c.is_whitespace() || "[](){}<>\"'`,;|=".contains(c)) {
        let token = token.trim_end_matches([':', '.']);
        if is_mark(token)
            && !record.contains(&token.to_ascii_lowercase())
            && !out.iter().any(|t| t == token)
        {
            out.push(token.to_string());
        }
    }
    out
}

/// Whether `token` tells requests apart: a path (`/v1/orders`) or URL, an HTTP method,
/// an IPv4 address, or an id (8 chars or more of letters, digits, `-`, `_` and `.`, with
/// a digit and a letter that is not a time's `T` or `Z`, or 16 hex digits); never an
/// APIG code.
fn is_mark(token: &str) -> bool {
    if super::fields::has_code(token) {
        return false;
    }
    let path = token.contains("://")
        || (token.starts_with('/') && token.chars().any(|c| c.is_ascii_alphanumeric()));
    let ipv4 = token.split('.').count() == 4
        && token
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()));
    let id_chars = token
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let digit = token.chars().any(|c| c.is_ascii_digit());
    let letter = token
        .chars()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'T' | 'Z' | 't' | 'z'));
    let hex = token.chars().filter(char::is_ascii_hexdigit).count() >= 16
        && token.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let id = id_chars && token.len() >= 8 && ((digit && letter) || hex);
    path || ipv4 || id || METHODS.contains(&token)
}

#[cfg(test)]
mod tests {
    use super::unseen_marks;

    const RECORD: &str = "2026-12-07T03:10:02Z ERROR [pool-1-thread-3] c.e.Client POST /v1/orders APIG.0308 The throttling threshold has been reached request_id=aaaa1111bbbb2222 status=429";

    #[test]
    fn a_summary_line_says_nothing_its_record_does_not() {
        for line in [
            "2026-12-07T03:10:02Z ERROR APIG.0308",
            "2026-12-07T03:10:02Z ERROR giving up after 3 attempts, last error APIG.0308",
            "2026-12-07T03:10:02Z ERROR [pool-1-thread-3] c.e.Client gave up: APIG.0308",
            "20261207T031002Z ERROR POST /v1/orders APIG.0308",
            "2026-12-07T03:10:02.123+08:00 ERROR apigw.0308 AAAA1111BBBB2222",
        ] {
            assert_eq!(unseen_marks(line, RECORD), Vec::<String>::new(), "{line}");
        }
    }

    #[test]
    fn an_id_a_path_a_method_or_an_address_the_record_lacks_tells_another_request() {
        for (line, mark) in [
            (
                "2026-12-07T03:10:02Z ERROR APIG.0308 cccc3333dddd4444",
                "cccc3333dddd4444",
            ),
            (
                "2026-12-07T03:10:02Z ERROR [req 7f3a9c01-1111-4a2b-9c3d-0123456789ab] APIG.0308",
                "7f3a9c01-1111-4a2b-9c3d-0123456789ab",
            ),
            ("2026-12-07T03:10:02Z ERROR APIG.0308 GET /v1/items", "GET"),
            (
                "2026-12-07T03:10:02Z ERROR [pool-1-thread-7] APIG.0308",
                "pool-1-thread-7",
            ),
            (
                "2026-12-07T03:10:02Z ERROR 10.0.3.17 APIG.0308",
                "10.0.3.17",
            ),
        ] {
            assert_eq!(
                unseen_marks(line, RECORD).first().map(String::as_str),
                Some(mark),
                "{line}"
            );
        }
    }
}
