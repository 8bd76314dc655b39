//! A code only named, not reported ("the APIG.0308 errors from yesterday are gone",
//! "上周的 APIG.0308 限流问题已经解决了", "we fixed APIG.0308 last week, now 401"), and the
//! facts around it. The block's status, request id, message, `Date` and request are those
//! of the response or record the paste reports: a code a sentence names takes none of
//! them, and when the block reports no code they are read as an error without one (a
//! status-only answer, never the named code's).

use super::{
    CODE_SPACE_MESSAGE, CODE_THEN_MESSAGE, Evidence, Fields, after_code_space, after_code_then,
    by_status_alone, codeless, from_page, is_han, keyed_message, looks_like_message, may_code_then,
    named_in_passing, up_to_next_field,
};
use std::ops::Range;

use crate::analysis::past::{self, NotNow};
use crate::analysis::{html, logtime};
use crate::catalog::narrow;

/// Whether the code `raw` (as `text` writes it; `code` normalized) is only named (Some),
/// with why it is not a current error when the paste says (`past`): every place names it
/// inside a sentence or as not current ([`named_in_passing`]), and, for a code only named
/// in passing, no message of its own follows it where it is first written ("they saw
/// APIG.0201: Backend unavailable" reports it). Chinese going on after a space is the
/// sentence, not a message ("APIG.0308 限流问题已经解决了": the throttling problem was
/// solved).
pub(super) fn only_named(
    text: &str,
    narrowed: &str,
    positions: &[(Range<usize>, String)],
    raw: &str,
    code: &str,
) -> Option<Option<NotNow>> {
    let not_now = named_in_passing(narrowed, positions, code)?;
    let reported = message_after(text, raw) || id_beside(text, raw, code);
    (not_now.is_some() || !reported).then_some(not_now)
}

/// Whether the sentence of the first `raw` of `text` says now ("today again APIG.0402,
/// request id 9876…", "heute wieder APIG.0402, Request-ID …") and gives a request id:
/// it reports the code so, as a response gives its id (a sentence about what it was,
/// "yesterday it was APIG.0303 (req …)", only names it).
fn id_beside(text: &str, raw: &str, code: &str) -> bool {
    let Some(sentence) = text
        .find(raw)
        .and_then(|at| past::sentence_said_now(text, at))
    else {
        return false;
    };
    past::codes_in(sentence).iter().all(|c| c == code)
        && super::ids::read(&narrow(sentence)).0.is_some()
}

/// Whether a message follows the first `raw` of `text` on its line.
fn message_after(text: &str, raw: &str) -> bool {
    let Some(line) = text
        .find(raw)
        .and_then(|at| text.get(at..))
        .and_then(|from| from.lines().next())
    else {
        return false;
    };
    let rest = line.strip_prefix(raw).unwrap_or_default();
    if rest.starts_with([' ', '\t']) && rest.trim_start().starts_with(is_han) {
        return false;
    }
    let then = may_code_then(line)
        .then(|| CODE_THEN_MESSAGE.find(line))
        .flatten()
        .filter(|m| m.start() == 0)
        .map(|m| up_to_next_field(after_code_then(m.as_str())))
        .is_some_and(|m| !m.is_empty());
    then || CODE_SPACE_MESSAGE
        .find(line)
        .filter(|m| m.start() == 0)
        .map(|m| up_to_next_field(after_code_space(m.as_str())))
        .is_some_and(|m| looks_like_message(&m))
}

/// The error of a code only named: the code, in passing (and why it is not current, if
/// the paste says), with the time of its own line (a log line's) and nothing else.
pub(super) fn code_alone(
    text: &str,
    raw: &str,
    code: &str,
    first_line: Option<&str>,
    not_now: Option<NotNow>,
) -> Fields {
    let line = text
        .find(raw)
        .map(|at| past::line_around(text, at))
        .unwrap_or_default();
    Fields {
        raw_code: Some(raw.to_string()),
        code: Some(code.to_string()),
        in_passing: true,
        not_now,
        seen_at: logtime::seen_at(line, &Evidence::default(), first_line),
        ..Fields::default()
    }
}

/// The error the block's own facts make when every code in it is only named: a response
/// read as if no code were named (a message field, an error page), or its error status
/// alone. Prose around the code is not searched for messages: the one it would find may
/// be the named code's ("we fixed APIG.0308 (The throttling threshold …) last week").
/// None when the block says none of them (a sentence alone).
pub(super) fn facts_left(
    text: &str,
    shared: Fields,
    page: Option<html::Page>,
    known: &dyn Fn(&str) -> bool,
) -> Option<Fields> {
    match page {
        Some(page) => from_page(page, shared),
        None if keyed_message(text).is_some() => codeless(text, shared, known),
        None => by_status_alone(shared),
    }
}

/// `text` with each JSON body that a sentence says is over or earlier ("Yesterday we had
/// {…} but that is fixed now", [`past::body_in_sentence`]) written as the code of
/// `named` it holds: the body's message, status and request id are that old error's,
/// never an error of their own, and the sentence is then read as it would be with the
/// code alone. None when no body is so written.
pub(super) fn bodies_as_codes(text: &str, named: &[Fields]) -> Option<String> {
    let mut bodies: Vec<(Range<usize>, &str)> = Vec::new();
    let said_past = named
        .iter()
        .filter(|f| matches!(f.not_now, Some(NotNow::Over | NotNow::Earlier)))
        .filter_map(|f| f.raw_code.as_deref());
    for raw in said_past {
        for (at, _) in text.match_indices(raw) {
            let Some(body) = past::body_in_sentence(text, at) else {
                continue;
            };
            if !bodies
                .iter()
                .any(|(b, _)| b.start < body.end && body.start < b.end)
            {
                bodies.push((body, raw));
            }
        }
    }
    if bodies.is_empty() {
        return None;
    }
    bodies.sort_by_key(|(b, _)| b.start);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (body, raw) in bodies {
        out.push_str(text.get(from..body.start).unwrap_or_default());
        out.push_str(raw);
        from = body.end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Some(out)
}

/// How many places of one named code [`without_named_sentences`] looks at.
const NAMED_PLACES: usize = 16;

/// `text` without the sentences that hold the code of any of `named` said not to be
/// current (earlier, over: a code only named in passing gives its sentence's facts to the
/// error without a code the block makes) and none of `reported` (written, normalized): what such a sentence says ("last month we
/// had APIG.0308 (request id …)") is the named code's, while one that also reports a
/// code is that code's too.
pub(super) fn without_named_sentences(
    text: &str,
    named: &[Fields],
    reported: &[(String, String)],
) -> String {
    let mut cut: Vec<Range<usize>> = named
        .iter()
        .filter(|f| f.not_now.is_some())
        .filter_map(|f| f.raw_code.as_deref())
        .flat_map(|raw| text.match_indices(raw).take(NAMED_PLACES))
        .map(|(at, _)| past::sentence_range(text, at))
        .filter(|r| {
            let sentence = text.get(r.clone()).unwrap_or_default();
            !reported
                .iter()
                .any(|(raw, _)| sentence.contains(raw.as_str()))
        })
        .collect();
    cut.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for r in cut {
        if r.start >= from {
            out.push_str(text.get(from..r.start).unwrap_or_default());
        }
        from = from.max(r.end);
    }
    out.push_str(text.get(from..).unwrap_or_default());
    out
}

/// `text` without the lines that hold the code of any of `named` (as written).
pub(super) fn without_lines_of<'a>(text: &str, named: impl Iterator<Item = &'a Fields>) -> String {
    let raws: Vec<&str> = named.filter_map(|f| f.raw_code.as_deref()).collect();
    text.split_inclusive('\n')
        .filter(|line| !raws.iter().any(|raw| line.contains(raw)))
        .collect()
}
