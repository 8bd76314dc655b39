//! Where a code's clause, sentence and parenthesis lie in the text around it: the parts
//! whose words say whether the code is over or earlier.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::words::{EARLIER, NOW, OVER, REFERENCE, STILL};
use crate::pattern::re;

/// The line of `text` that byte `at` is on, without its newline.
pub(crate) fn line_around(text: &str, at: usize) -> &str {
    text.get(line_range(text, at)).unwrap_or_default()
}

/// Where [`line_around`]'s line is in `text`.
pub(crate) fn line_range(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text
        .get(..at)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| at + i);
    start..end
}

/// Whether `c` ends a sentence at byte `i` of `text`: `.!?;` before a space or the end
/// (not the dot of `APIG.0308` or `e.code`), the Chinese stops, a line's end, an
/// ellipsis before a space (a chat's "fixed … now it fails": a pause between two
/// statements).
pub(super) fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '\n' | '。' | '！' | '？' | '；' | ';' => true,
        '.' | '!' | '?' | '…' => text
            .get(i + 1..)
            .and_then(|r| r.chars().next())
            .is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// Whether `c` at byte `i` of `text` ends a clause: a sentence's end, a comma before a
/// space (not one between a JSON body's fields), a bracket, `但`.
pub(crate) fn ends_clause(text: &str, i: usize, c: char) -> bool {
    // A narrowed Chinese comma is `,` before a Chinese char; `但` is "but".
    ends_sentence(text, i, c)
        || matches!(c, '，' | '、' | '(' | ')' | '（' | '）' | '但')
        || (c == ','
            && text
                .get(i + 1..)
                .and_then(|r| r.chars().next())
                .is_some_and(|n| n.is_whitespace() || !n.is_ascii()))
}

/// Where the part of `text` around byte `at` lies, between two places `ends` says end
/// it, with the char that ends it when `with_end` (a sentence's `?`).
pub(super) fn around(
    text: &str,
    at: usize,
    with_end: bool,
    ends: impl Fn(&str, usize, char) -> bool,
) -> Range<usize> {
    let before = text.get(..at).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(text, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = text.get(at..).unwrap_or_default();
    // The code's own dot is no end: look past the code's first char.
    let end = after
        .char_indices()
        .skip(1)
        .find(|&(i, c)| ends(text, at + i, c))
        .map_or(text.len(), |(i, c)| {
            at + i + if with_end { c.len_utf8() } else { 0 }
        });
    start..end
}

/// Another code, where a sentence that names several stops being about this one.
pub(super) static CODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:apigw|apig|apic)[ ._-]?\d{4}\b"));

/// The sentence of the code at `at`, from the code before it to the code after it when it
/// names others ("APIG.0303 went away, but now APIG.0304 The app is not authorized": the
/// "not" is the other code's).
pub(super) fn sentence(text: &str, at: usize) -> &str {
    let whole = around(text, at, true, ends_sentence);
    let before = text.get(whole.start..at).unwrap_or_default();
    let start = CODE
        .find_iter(before)
        .last()
        .map_or(whole.start, |m| whole.start + m.end());
    let after = text.get(at..whole.end).unwrap_or_default();
    let end = CODE
        .find_iter(after)
        .nth(1)
        .map_or(whole.end, |m| at + m.start());
    text.get(start..end).unwrap_or_default()
}

/// Where the clause of the code at `at` lies: the parenthesis it is in ("(see INC-4411: APIG.0101,
/// resolved in May)"), else its words up to a comma or " but ", with a parenthesis right
/// after them ("APIG.0308 (solved by raising the limit)"). A parenthesis that only tags
/// the words around it with the code ("之前的限流问题（APIG.0308）已经不再出现了", "the old
/// timeout (APIG.0203, 504) is gone") is read with them: they say what it is.
pub(super) fn clause_range(text: &str, at: usize) -> Range<usize> {
    let Some(inner) = parenthesis(text, at) else {
        return words_around(text, at, at);
    };
    let closed = text
        .get(inner.end..)
        .is_some_and(|r| r.starts_with([')', '）']));
    let own = text.get(inner.clone()).unwrap_or_default();
    if !closed || says_something(own) {
        return inner;
    }
    words_around(text, inner.start, inner.end)
}

/// Whether the words of a parenthesis, without its codes, say something of them.
fn says_something(inner: &str) -> bool {
    let words = CODE.replace_all(inner, " ");
    [&OVER, &STILL, &EARLIER, &NOW, &REFERENCE]
        .iter()
        .any(|r| r.is_match(&words))
}

/// The words around `from..to` (a code, or a parenthesis from its opening bracket to its
/// closing one) up to a clause's end or " but ", with a parenthesis right after them.
fn words_around(text: &str, from: usize, to: usize) -> Range<usize> {
    let part =
        around(text, from, false, ends_clause).start..around(text, to, false, ends_clause).end;
    // " but " ends a clause too (ASCII lower-casing keeps every byte where it was).
    let lower = text
        .get(part.clone())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let start = lower
        .get(..from.saturating_sub(part.start))
        .and_then(|b| b.rfind(" but "))
        .map_or(part.start, |i| part.start + i + 5);
    let end = lower
        .get(to.saturating_sub(part.start)..)
        .and_then(|a| a.find(" but "))
        .map_or(part.end, |i| to + i);
    // A parenthesis that follows the clause says something of its code.
    let after = text.get(part.end..).unwrap_or_default();
    let close = match after.strip_prefix('(').or_else(|| after.strip_prefix('（')) {
        Some(inner) if end == part.end => inner
            .find([')', '）', '\n'])
            .map_or(text.len(), |i| part.end + after.len() - inner.len() + i),
        _ => end,
    };
    start..close
}

/// Where the parenthesis around byte `at` lies on its line, if it is in one: from its
/// opening bracket up to its closing one (or the line's end).
pub(super) fn parenthesis(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let open = before.get(line_start..)?.rfind(['(', '（'])? + line_start;
    if before.get(open..)?.contains([')', '）']) {
        return None;
    }
    let after = text.get(at..)?;
    let close = after.find([')', '）', '\n'])?;
    Some(open..at + close)
}
