//! Several error objects in one block (JSON bodies written one after another, a JSON
//! array of errors, two SDK exception dumps on one line): each error is read from its own
//! object, so one object's request id, message or status never becomes another's. What
//! lies outside the objects (a status line, a header) is lent to those that lack it.

use std::ops::Range;

use super::{Fields, error_codes, evidence_of, ids, read_text, status_of};
use crate::analysis::logtime;
use crate::analysis::past::NotNow;
use crate::analysis::repeats;
use crate::catalog::{catalog_code, narrow};

/// The errors of `text`, one per object, when at least two `{…}` objects each hold a code,
/// or one does among records without a code (an Elasticsearch export's `hits`, whose 200
/// beside the error has a request id of its own); None otherwise (the block is read whole).
pub(super) fn read_each(
    text: &str,
    first_line: Option<&str>,
    known: &dyn Fn(&str) -> bool,
) -> Option<Vec<Fields>> {
    // An object with a code is read where a `}` closes a `{`: a text without `{` (a log
    // line, most of a log) has none, and is not scanned for them.
    if !text.contains('{') {
        return None;
    }
    let codes: Vec<usize> = error_codes(text).map(|m| m.start()).collect();
    if codes.is_empty() {
        return None;
    }
    let Objects {
        coded,
        uncoded,
        records_apart,
    } = objects_of(text, &codes);
    if coded.len() < 2 && !(records_apart && coded.len() == 1) {
        return None;
    }
    let (objects, wrappers): (Vec<Range<usize>>, Vec<Range<usize>>) = coded.into_iter().unzip();
    // Outside every object: an object without a code (`{"status":200,"body":{"ok":true}}`
    // beside the errors) is another response, whose status is none of theirs.
    let mut cut: Vec<Range<usize>> = wrappers.iter().cloned().chain(uncoded).collect();
    cut.sort_by_key(|r| r.start);
    let outside = without(text, &cut);
    let narrowed = narrow(&outside);
    let (request_id, note) = ids::read(&narrowed);
    let status = status_of(&narrowed);
    let evidence = evidence_of(text);
    let seen_at = logtime::seen_at(text, &evidence, first_line);
    let mut found: Vec<Fields> = Vec::new();
    for (object, span) in objects.iter().zip(&wrappers) {
        let (Some(object), Some(wrapper)) = (text.get(object.clone()), text.get(span.clone()))
        else {
            continue;
        };
        // An object a runbook's condition or a program holds, or one said to be over, is
        // read in its place in the block: its codes are only named, and lent nothing.
        if let Some(kind) = not_now(text, &codes, span) {
            found.extend(error_codes(object).map(|m| Fields {
                raw_code: Some(m.as_str().to_string()),
                code: Some(catalog_code(m.as_str())),
                in_passing: true,
                not_now: Some(kind),
                ..Fields::default()
            }));
            continue;
        }
        // The wrapper's fields are the object's own (`{"status":429,"body":{…}}`), its
        // time too (`{"@timestamp":…,"body":{…}}`): never the first object's for all.
        let own_time = logtime::seen_at(wrapper, &evidence, None);
        let wrapper = narrow(wrapper);
        // An object a test's report says the test received: said where it was read.
        let received = codes
            .iter()
            .find(|&&at| span.contains(&at))
            .and_then(|&at| crate::analysis::source::received_note(text, at));
        for mut f in read_text(object, None, known) {
            f.notes
                .extend(received.clone().filter(|n| !f.notes.contains(n)));
            f.http_status = f.http_status.or_else(|| status_of(&wrapper)).or(status);
            if f.request_id.is_none() {
                let (id, id_note) = match ids::read(&wrapper) {
                    (Some(id), own) => (Some(id), own),
                    (None, _) => (request_id.clone(), note.clone()),
                };
                f.request_id = id;
                f.notes.extend(id_note);
            }
            f.seen_at = f.seen_at.or(own_time).or(seen_at);
            f.evidence = evidence.clone();
            found.push(f);
        }
    }
    if super::has_code(&outside) {
        // Only its codes: the facts outside the objects are lent to them above, never
        // an error of their own beside them (a sentence's code's, see `named`).
        found.extend(
            read_text(&outside, first_line, known)
                .into_iter()
                .filter(|f| f.code.is_some()),
        );
    }
    Some(repeats::once_per_block(found))
}

/// The objects of a block, as [`objects_of`] finds them.
struct Objects {
    /// The innermost `{…}` objects holding a code, in order, each with its wrapper: the
    /// widest object around it that holds no other coded object
    /// (`{"status":429,"body":{…}}` of an array of responses), or itself.
    coded: Vec<(Range<usize>, Range<usize>)>,
    /// The widest objects outside the wrappers that hold no code.
    uncoded: Vec<Range<usize>>,
    /// An array holds objects with a code and objects without one: records, each its own
    /// (a log export's hits), so no wrapper grows past the array.
    records_apart: bool,
}

/// A bracket still open while [`objects_of`] reads.
struct Open {
    start: usize,
    /// How many coded objects closed inside it (2 or more: no wrapper grows past it).
    inner: usize,
    /// `[`: its object elements are records side by side.
    array: bool,
    /// An array that holds an object without a code.
    uncoded_element: bool,
}

/// The objects of `text` around and beside `codes` (byte offsets in order). Braces in
/// double-quoted strings do not count; a quote does not run past its line.
fn objects_of(text: &str, codes: &[usize]) -> Objects {
    let mut coded: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut uncoded: Vec<Range<usize>> = Vec::new();
    let mut records_apart = false;
    let mut open: Vec<Open> = Vec::new();
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
            b'{' | b'[' if !quoted => open.push(Open {
                start: i,
                inner: 0,
                array: b == b'[',
                uncoded_element: false,
            }),
            // A `]` that closes no array (prose's) is not one.
            b']' if !quoted && open.last().is_some_and(|o| o.array) => {
                records_apart |= close_array(&mut open);
            }
            b'}' if !quoted => {
                // An array left open inside the object (`[` in a value's prose) ends with it.
                while open.last().is_some_and(|o| o.array) {
                    records_apart |= close_array(&mut open);
                }
                let Some(Open { start, inner, .. }) = open.pop() else {
                    continue;
                };
                let span = start..i + 1;
                let has_code = inner == 0 && holds(codes, &span);
                if inner <= 1 {
                    // Those found since it opened lie inside it.
                    while uncoded.last().is_some_and(|r| r.start > start) {
                        uncoded.pop();
                    }
                }
                match (inner, has_code, coded.last_mut()) {
                    (0, true, _) => coded.push((span.clone(), span)),
                    (0, false, _) => uncoded.push(span),
                    // Its one coded object is the last found.
                    (1, _, Some(last)) => last.1 = span,
                    _ => {}
                }
                if let Some(parent) = open.last_mut() {
                    parent.inner += inner + usize::from(has_code);
                    parent.uncoded_element |= parent.array && inner == 0 && !has_code;
                }
            }
            _ => {}
        }
    }
    coded.sort_by_key(|(r, _)| r.start);
    Objects {
        coded,
        uncoded,
        records_apart,
    }
}

/// Closes the array on top of `open`, and says whether it held coded and uncoded object
/// records side by side: then each is its own, so no coded one's wrapper grows past its
/// element, and the others stay cut out.
fn close_array(open: &mut Vec<Open>) -> bool {
    let Some(array) = open.pop() else {
        return false;
    };
    let apart = array.inner > 0 && array.uncoded_element;
    let inner = if apart {
        array.inner.max(2)
    } else {
        array.inner
    };
    if let Some(parent) = open.last_mut() {
        parent.inner += inner;
    }
    apart
}

/// Why the codes of `span` (of `codes`, offsets in `text`) are not a current error, when
/// every one of them is not: the strongest reason ([`crate::analysis::past`]).
fn not_now(text: &str, codes: &[usize], span: &Range<usize>) -> Option<NotNow> {
    let first = codes.partition_point(|&c| c < span.start);
    let inside = codes.get(first..)?.iter().take_while(|&&c| c < span.end);
    let mut strongest: Option<NotNow> = None;
    for &at in inside {
        strongest = strongest.max(Some(crate::analysis::past::not_now(text, at)?));
    }
    strongest
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
    fn each_response_of_an_array_keeps_its_own_status_and_id() {
        let before = r#"[{"status":429,"body":{"error_code":"APIG.0308","request_id":"1111aaaa"}},{"status":200,"body":{"ok":true}},{"status":401,"body":{"error_code":"APIG.0303"},"request_id":"2222bbbb"}]"#;
        let after = r#"[{"body":{"error_code":"APIG.0308"},"http_status":"429"},
{"response":{"error_code":"APIG.0303","request_id":"2222bbbb"},"statusCode":401}]"#;
        for text in [before, after] {
            let got: Vec<_> = read(text)
                .into_iter()
                .map(|f| (f.code.unwrap_or_default(), f.http_status, f.request_id))
                .collect();
            assert_eq!(got[0].0, "APIG.0308", "{text}");
            assert_eq!(got[0].1, Some(429), "{text}");
            assert_eq!(got[1].0, "APIG.0303", "{text}");
            assert_eq!(got[1].1, Some(401), "{text}");
            assert_eq!(got[1].2.as_deref(), Some("2222bbbb"), "{text}");
        }
        // Another response's status is no one's: not the first's lent to the rest, nor a
        // success's to an error.
        let unsaid = r#"[{"body":{"error_code":"APIG.0308"},"status":429},{"status":200,"body":{"ok":true}},{"body":{"error_code":"APIG.0303"}}]"#;
        let statuses: Vec<_> = read(unsaid).into_iter().map(|f| f.http_status).collect();
        assert_eq!(statuses, [Some(429), None]);
    }

    #[test]
    fn a_status_line_outside_the_objects_is_lent_to_each() {
        let text = "HTTP/1.1 403 Forbidden\n\n{\"errors\":[{\"error_code\":\"APIG.0401\",\"request_id\":\"5656cccc\"},{\"error_code\":\"APIG.0306\",\"request_id\":\"7878dddd\"}]}";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.http_status == Some(403)));
    }
}
