//! Several error objects in one block (JSON bodies written one after another, a JSON
//! array of errors, two SDK exception dumps on one line): each error is read from its own
//! object, so one object's request id, message or status never becomes another's. What
//! lies outside the objects (a status line, a header) is lent to those that lack it.

use std::ops::Range;

use super::{Fields, error_codes, evidence_of, ids, read_text, status_of};
use crate::analysis::logtime;
use crate::analysis::repeats;
use crate::catalog::narrow;

/// The errors of `text`, one per object, when at least two `{…}` objects each hold a code;
/// None otherwise (the block is read whole).
pub(super) fn read_each(
    text: &str,
    first_line: Option<&str>,
    known: &dyn Fn(&str) -> bool,
) -> Option<Vec<Fields>> {
    let codes: Vec<usize> = error_codes(text).map(|m| m.start()).collect();
    if codes.len() < 2 {
        return None;
    }
    let objects = coded_objects(text, &codes);
    if objects.len() < 2 {
        return None;
    }
    let outside = without(text, &objects);
    let narrowed = narrow(&outside);
    let (request_id, note) = ids::read(&narrowed);
    let status = status_of(&narrowed);
    let evidence = evidence_of(text);
    let seen_at = logtime::seen_at(text, &evidence, first_line);
    let mut found: Vec<Fields> = Vec::new();
    for object in objects.iter().filter_map(|r| text.get(r.clone())) {
        for mut f in read_text(object, None, known) {
            f.http_status = f.http_status.or(status);
            if f.request_id.is_none() {
                f.request_id.clone_from(&request_id);
                f.notes.extend(note.clone());
            }
            f.seen_at = f.seen_at.or(seen_at);
            f.evidence = evidence.clone();
            found.push(f);
        }
    }
    if super::has_code(&outside) {
        found.extend(read_text(&outside, first_line, known));
    }
    Some(repeats::once_per_block(found))
}

/// The innermost `{…}` objects of `text` holding a code (one of `codes`, byte offsets in
/// order), in order. Braces in double-quoted strings do not count; a quote does not run
/// past its line.
fn coded_objects(text: &str, codes: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // The braces open: where, and whether a coded object closed inside it.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let (mut quoted, mut escaped) = (false, false);
    for (i, b) in text.bytes().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b'\n' => quoted = false,
            b'{' if !quoted => open.push((i, false)),
            b'}' if !quoted => {
                let Some((start, inner)) = open.pop() else {
                    continue;
                };
                let span = start..i + 1;
                let coded = !inner && holds(codes, &span);
                if coded {
                    out.push(span);
                }
                if let Some(parent) = open.last_mut() {
                    parent.1 |= coded || inner;
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Whether one of `codes` (in order) lies in `span`.
fn holds(codes: &[usize], span: &Range<usize>) -> bool {
    let first = codes.partition_point(|&c| c < span.start);
    codes.get(first).is_some_and(|&c| c < span.end)
}

/// `text` without `objects` (in order, apart), each replaced by a line break so that what
/// stood before and after it are not read as one line.
fn without(text: &str, objects: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for r in objects {
        out.push_str(text.get(from..r.start).unwrap_or_default());
        out.push('\n');
        from = r.end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Fields> {
        super::super::read(text, &|_| false)
    }

    #[test]
    fn objects_on_one_line_keep_their_own_fields() {
        let concatenated = r#"{"error_msg":"Incorrect app authentication information: app not found","error_code":"APIG.0303","request_id":"1212aaaa"}{"error_code":"APIG.0304","error_msg":"The app is not authorized to access the API","request_id":"3434bbbb"}"#;
        let array = r#"[{"error_msg":"Unknown client IP address","error_code":"APIG.0401","request_id":"5656cccc"},{"error_msg":"API access denied","error_code":"APIG.0306","request_id":"7878dddd","status":403}]"#;
        let sdk = "failed: ServiceResponseException{httpStatusCode=429, errorCode='APIG.0308', errorMsg='The throttling threshold has been reached', requestId='9a9a9a9a'} then ServiceResponseException{httpStatusCode=401, errorCode='APIG.0307', errorMsg='The token must be updated', requestId='bcbcbcbc'}";
        for (text, want) in [
            (
                concatenated,
                [
                    (
                        "APIG.0303",
                        "Incorrect app authentication information: app not found",
                        "1212aaaa",
                        None,
                    ),
                    (
                        "APIG.0304",
                        "The app is not authorized to access the API",
                        "3434bbbb",
                        None,
                    ),
                ],
            ),
            (
                array,
                [
                    ("APIG.0401", "Unknown client IP address", "5656cccc", None),
                    ("APIG.0306", "API access denied", "7878dddd", Some(403)),
                ],
            ),
            (
                sdk,
                [
                    (
                        "APIG.0308",
                        "The throttling threshold has been reached",
                        "9a9a9a9a",
                        Some(429),
                    ),
                    (
                        "APIG.0307",
                        "The token must be updated",
                        "bcbcbcbc",
                        Some(401),
                    ),
                ],
            ),
        ] {
            let found = read(text);
            let got: Vec<_> = found
                .iter()
                .map(|f| {
                    (
                        f.code.as_deref().unwrap_or_default(),
                        f.message.as_deref().unwrap_or_default(),
                        f.request_id.as_deref().unwrap_or_default(),
                        f.http_status,
                    )
                })
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn one_object_of_the_same_code_twice_is_one_error_and_two_ids_are_two() {
        let same = r#"{"error_code":"APIG.0308","request_id":"1212aaaa"}{"error_code":"APIG.0308","request_id":"1212aaaa"}"#;
        assert_eq!(read(same).len(), 1);
        let two = r#"[{"error_code":"APIG.0308","request_id":"1212aaaa"},{"error_code":"APIG.0308","request_id":"3434bbbb"}]"#;
        let ids: Vec<_> = read(two).into_iter().map(|f| f.request_id).collect();
        assert_eq!(ids, [Some("1212aaaa".into()), Some("3434bbbb".into())]);
    }

    #[test]
    fn a_status_line_outside_the_objects_is_lent_to_each() {
        let text = "HTTP/1.1 403 Forbidden\n\n{\"errors\":[{\"error_code\":\"APIG.0401\",\"request_id\":\"5656cccc\"},{\"error_code\":\"APIG.0306\",\"request_id\":\"7878dddd\"}]}";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.http_status == Some(403)));
    }
}
