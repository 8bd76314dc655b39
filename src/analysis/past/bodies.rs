//! A JSON body written inside a sentence ("Yesterday we had {…} but that is fixed now")
//! or with a remark after it on its line ("{…} (behoben)"): the sentence, not the body's
//! fields, says whether it is an error the customer has now.

use std::ops::Range;

use super::CODE;
use super::runbook;

/// The code's line with the JSON object around it written as the code alone, and where
/// the code is in it, when the object stands inside a sentence ([`body_in_sentence`]):
/// the sentence says whether the body is an error the customer has now.
pub(super) fn sentence_around_object(text: &str, at: usize) -> Option<(String, usize)> {
    let body = body_in_sentence(text, at)?;
    let line_start = text.get(..body.start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(body.end..)?
        .find('\n')
        .map_or(text.len(), |i| body.end + i);
    let code = CODE.find_at(text, at).filter(|m| m.start() == at)?;
    let (before, after) = (
        text.get(line_start..body.start)?,
        text.get(body.end..line_end)?,
    );
    Some((format!("{before}{}{after}", code.as_str()), before.len()))
}

/// Where the JSON object around the code at `at` lies when it stands inside a sentence
/// ("Yesterday we had {…} but that is fixed now", "Der Fehler {…} ist behoben"): a word
/// before it on its line. None for a body on a line of its own, after a key or a label
/// (`body: {…}`, `Now: {…}`), after a status, or in a log record that opens with its time.
pub(crate) fn body_in_sentence(text: &str, at: usize) -> Option<Range<usize>> {
    let open = runbook::outermost_object(text, at)?;
    let line_start = text.get(..open)?.rfind('\n').map_or(0, |i| i + 1);
    let close = object_end(text, open)?;
    let before = text.get(line_start..open)?;
    let in_prose = before.trim_end().ends_with(char::is_alphabetic)
        && !before
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c == '[');
    (in_prose || words_after(text, line_start, open, close)).then_some(open..close)
}

/// Whether the body `open..close` opens its line and words follow it there ("{…}
/// (behoben, seit gestern geht es)", "{…} 这个错误已修复", "{…} — fixed now"): a remark on
/// it. Only its saying the body is over counts ([`not_now`]): "{…} (same as before)" is
/// no earlier error.
fn words_after(text: &str, line_start: usize, open: usize, close: usize) -> bool {
    let line_end = text
        .get(close..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| close + i);
    let after = text.get(close..line_end).unwrap_or_default().trim_start();
    let opens_line = text
        .get(line_start..open)
        .is_some_and(|b| b.trim().is_empty());
    let remark = after
        .trim_start_matches(|c: char| "([（<>-–—←→⇒:".contains(c) || c.is_whitespace())
        .starts_with(char::is_alphabetic);
    opens_line && remark
}

/// The byte after the `}` that closes the object opened at `open`, on its line.
fn object_end(text: &str, open: usize) -> Option<usize> {
    let (mut depth, mut quoted, mut escaped) = (0_usize, false, false);
    for (i, c) in text.get(open..)?.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '\n' => return None,
            '{' if !quoted => depth += 1,
            '}' if !quoted => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}
