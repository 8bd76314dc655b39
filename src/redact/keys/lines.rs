//! A key's value on the lines under it: alone on the next line (`Password:` then the
//! password, `Authorization: Bearer` then the token), or indented under it (a YAML block
//! scalar, a folded header).

use std::ops::Range;

use crate::redact::names::{looks_like_a_credential, looks_like_a_key};
use crate::redact::scan::{
    bare_end, escaped_line_end, line_end, line_start, skip_blanks, string_end,
};

/// The credential alone on the line after a header or key whose value is empty or only a
/// scheme (`Authorization: Bearer` then the token, plain, indented or after a written
/// `\n`), and the indented lines that continue it.
pub(super) fn next_line_value(text: &str, from: usize, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    // A quoted e-mail's marks (`> `, `> > `) open the next line as they opened this one.
    let Some(at) = past_one_line_break(b, from).map(|p| past_quote_marks(b, p)) else {
        return;
    };
    let end = bare_end(b, at);
    if text.get(at..end).is_some_and(looks_like_a_credential) {
        spans.push(at..end);
        indented_lines(text, end, spans);
    }
}

/// The credential alone on the line after a label that ends its line (`Password:` then
/// the password, `Secret access key:` then the key), in a mail's quote marks as the label
/// was: a word reading as a credential (as a key's, when `strict`: the label is a word of
/// data too, `key:`) with nothing after it on its line or in its JSON string, never the
/// next `key:` or `key=` entry nor a sentence.
pub(super) fn alone_on_next_line(
    text: &str,
    from: usize,
    strict: bool,
    spans: &mut Vec<Range<usize>>,
) {
    let b = text.as_bytes();
    let Some(at) = past_one_line_break(b, from).map(|p| past_quote_marks(b, p)) else {
        return;
    };
    let end = bare_end(b, at);
    let word = text.get(at..end).unwrap_or_default();
    let stop = string_end(b, end, escaped_line_end(b, end));
    let alone = text.get(end..stop).is_some_and(|rest| {
        rest.trim_matches([' ', '\t', '"', '\'', '\\', ',', '}', ']'])
            .is_empty()
    });
    let field = word.ends_with(':') || word.trim_end_matches('=').contains('=');
    let reads = if strict {
        looks_like_a_key(word)
    } else {
        looks_like_a_credential(word)
    };
    if alone && !field && reads {
        spans.push(at..end);
    }
}

/// Past blanks and e-mail quote marks (`> > `) at `pos`.
pub(crate) fn past_quote_marks(b: &[u8], mut pos: usize) -> usize {
    while matches!(b.get(pos), Some(b' ' | b'\t' | b'>')) {
        pos += 1;
    }
    pos
}

/// Past blanks and one line break, real or written (`\n`, `\r\n` at any escaping), at
/// `pos`; None when there is no line break there.
fn past_one_line_break(b: &[u8], pos: usize) -> Option<usize> {
    let mut pos = skip_blanks(b, pos);
    loop {
        let run = (pos..b.len())
            .take_while(|&i| b.get(i) == Some(&b'\\'))
            .count();
        match (b.get(pos + run), run) {
            (Some(b'\r'), 0) => pos += 1,
            (Some(b'r'), 1..) => pos += run + 1,
            (Some(b'\n'), 0) => return Some(pos + 1),
            (Some(b'n'), 1..) => return Some(pos + run + 1),
            _ => return None,
        }
    }
}

/// The lines under the one ending at `from` that are indented deeper than it and are no
/// `key: value` of their own nor a sentence: a YAML block scalar (`secret: |`), a folded header line
/// (`X-Auth-Token: MIIE…` then ` AQcC…`).
pub(super) fn indented_lines(text: &str, from: usize, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let indent = |start: usize| skip_blanks(b, start) - start;
    let own = indent(line_start(b, from));
    let mut pos = line_end(b, from);
    let mut taken: Option<Range<usize>> = None;
    while let Some(next) = real_line_after(b, pos) {
        // A line ends at a written line break too, and at the JSON string it is in.
        let end = string_end(b, next, escaped_line_end(b, next));
        let body = text
            .get(skip_blanks(b, next)..end)
            .unwrap_or_default()
            .trim_end();
        let code = crate::redact::forms::code_at(text, skip_blanks(b, next)).is_some();
        if body.is_empty() || indent(next) <= own || is_entry(body) || is_sentence(body) || code {
            break;
        }
        let start = skip_blanks(b, next);
        taken = Some(taken.map_or(start, |t| t.start)..start + body.len());
        pos = line_end(b, end);
    }
    spans.extend(taken);
}

/// The start of the line after the line break at `pos` (`\r\n` or `\n`).
fn real_line_after(b: &[u8], mut pos: usize) -> Option<usize> {
    while b.get(pos) == Some(&b'\r') {
        pos += 1;
    }
    (b.get(pos) == Some(&b'\n')).then_some(pos + 1)
}

/// A line that is a `key: value` or a list item of its own, not a value's continuation.
fn is_entry(line: &str) -> bool {
    line.starts_with("- ")
        || line.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"_-.\"'".contains(&c))
        })
}

/// Three words or more, most of them of letters alone: a sentence under a label
/// ("Password:" then "  at least 8 characters, with digits"), not a value.
fn is_sentence(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    let plain = words
        .iter()
        .filter(|w| {
            let w = w.trim_matches(|c: char| ".,;:!?()".contains(c));
            !w.is_empty() && w.chars().all(char::is_alphabetic)
        })
        .count();
    words.len() >= 3 && plain * 3 >= words.len() * 2
}
