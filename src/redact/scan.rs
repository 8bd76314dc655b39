//! Reading a value where it stands, byte by byte: quoted at any level of escaping
//! (`"v"`, `\"v\"`, `\\\"v\\\"`), a list (`["v"]`, `('u', 'p')`), a bare word. A quoted
//! value never runs past the end of its line: an unterminated quote takes the rest of its
//! line, never a quote of a later line. Positions only ever stop at ASCII bytes, so every
//! range lies on char boundaries.

use std::ops::Range;

use super::REDACTED;

/// A value found after a key.
pub(crate) enum Value {
    /// A quoted string's inside, and what a shell glues to its closing quote (`'abc'X`).
    Quoted {
        inner: Range<usize>,
        tail: Option<Range<usize>>,
    },
    Bare(Range<usize>),
    /// The elements of `[...]` or `(...)`.
    List(Vec<Range<usize>>),
    /// An object, `null`, an empty value, a value already redacted.
    Nothing,
}

impl Value {
    /// The ranges that hold the secret.
    pub(crate) fn ranges(self) -> Vec<Range<usize>> {
        match self {
            Value::Quoted { inner, tail } => std::iter::once(inner).chain(tail).collect(),
            Value::Bare(r) => vec![r],
            Value::List(v) => v,
            Value::Nothing => Vec::new(),
        }
    }
}

/// Where the line holding `pos` ends.
pub(crate) fn line_end(b: &[u8], pos: usize) -> usize {
    b.get(pos..)
        .and_then(|rest| rest.iter().position(|&c| c == b'\n' || c == b'\r'))
        .map_or(b.len(), |i| pos + i)
}

/// Where the line holding `pos` starts.
pub(crate) fn line_start(b: &[u8], pos: usize) -> usize {
    b.get(..pos.min(b.len()))
        .and_then(|head| head.iter().rposition(|&c| c == b'\n' || c == b'\r'))
        .map_or(0, |i| i + 1)
}

/// Where the line holding `pos` ends, a written line break (`\n`, `\r` in a JSON
/// string or a Python bytes repr) counting as one.
pub(crate) fn escaped_line_end(b: &[u8], pos: usize) -> usize {
    let end = line_end(b, pos);
    (pos..end)
        .find(|&i| b.get(i) == Some(&b'\\') && matches!(b.get(i + 1), Some(b'n' | b'r')))
        .unwrap_or(end)
}

pub(crate) fn skip_blanks(b: &[u8], mut pos: usize) -> usize {
    while matches!(b.get(pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    pos
}

/// Past blanks at `pos`, and past a line break when the next line continues this one
/// (a folded header: it starts with blanks), as many times as lines are folded.
pub(crate) fn skip_folds(b: &[u8], pos: usize) -> usize {
    let mut pos = skip_blanks(b, pos);
    loop {
        let mut next = pos;
        while b.get(next) == Some(&b'\r') {
            next += 1;
        }
        if b.get(next) != Some(&b'\n') || !matches!(b.get(next + 1), Some(b' ' | b'\t')) {
            return pos;
        }
        pos = skip_blanks(b, next + 1);
    }
}

/// Backslashes then a quote at `pos`: (how many backslashes, the quote).
pub(crate) fn opening(b: &[u8], pos: usize) -> Option<(usize, u8)> {
    let n = (pos..b.len())
        .take_while(|&i| b.get(i) == Some(&b'\\'))
        .count();
    match b.get(pos + n) {
        Some(&q @ (b'"' | b'\'' | b'`')) => Some((n, q)),
        _ => None,
    }
}

/// The end of a string opened by `n` backslashes and `q`, whose inside starts at
/// `start`: (where the inside ends, where the closing sequence ends). A quote closes
/// when the backslashes before it are the opening's own (a quote escaped one level
/// deeper has more); an unterminated string ends with its line.
pub(crate) fn closing(b: &[u8], start: usize, n: usize, q: u8) -> (usize, usize) {
    let mut i = start;
    while let Some(&c) = b.get(i) {
        if c == b'\n' || c == b'\r' {
            return unterminated(b, start, i);
        }
        if c == q {
            let run = (start..i)
                .rev()
                .take_while(|&j| b.get(j) == Some(&b'\\'))
                .count();
            if run >= n && (run - n).is_multiple_of(2 * (n + 1)) {
                return (i - n, i + 1);
            }
        }
        i += 1;
    }
    unterminated(b, start, b.len())
}

/// The end of an unterminated string at `start`: its line, or the JSON string around it.
fn unterminated(b: &[u8], start: usize, line: usize) -> (usize, usize) {
    let end = string_end(b, start, line);
    (end, end)
}

/// A byte that ends a bare value.
fn ends_bare(c: u8) -> bool {
    c.is_ascii_whitespace() || b"'\"`,;&)]}><|\\".contains(&c)
}

/// How far a bracket group after a value is read for its closing bracket.
const GROUP_READ: usize = 4 * 1024;

/// The end of a bare value starting at `pos`. A `{…}` or `[…]` that closes the word is
/// syntax after the value, not part of it (`password=…{"a":1}`, a one-line log glued to
/// its JSON body; `secret=…[1]`, an index): the value ends before it, and it stays. A
/// bracket inside the word (`pa[ss]word`, closed within it) or one never closed is the
/// value's own.
pub(crate) fn bare_end(b: &[u8], pos: usize) -> usize {
    let mut depth = 0usize;
    for i in pos..b.len() {
        match b.get(i).copied().unwrap_or(b' ') {
            b'{' | b'[' if i > pos && group_ends_word(b, i) => return i,
            b'{' | b'[' | b'(' => depth += 1,
            b')' | b']' | b'}' if depth > 0 => depth -= 1,
            c if ends_bare(c) => return i,
            _ => {}
        }
    }
    b.len()
}

/// The bracket group opening at `open` closes on its line, within `GROUP_READ` bytes (a
/// long line costs no more than a short one), and the word ends with it.
fn group_ends_word(b: &[u8], open: usize) -> bool {
    let Some(&first) = b.get(open) else {
        return false;
    };
    let close = if first == b'{' { b'}' } else { b']' };
    let mut depth = 0usize;
    for i in open..b.len().min(open + GROUP_READ) {
        match b.get(i) {
            None | Some(b'\n' | b'\r') => return false,
            Some(&c) if c == first => depth += 1,
            Some(&c) if c == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return b
                        .get(i + 1)
                        .is_none_or(|&n| ends_bare(n) || matches!(n, b'{' | b'['));
                }
            }
            _ => {}
        }
    }
    false
}

/// Words that stand for no value.
fn is_empty_word(word: &str) -> bool {
    ["null", "none", "nil", "true", "false", "undefined"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// The value starting at `pos` of `text`.
pub(crate) fn value_at(text: &str, pos: usize) -> Value {
    let b = text.as_bytes();
    let rest = text.get(pos..).unwrap_or_default();
    if rest.starts_with(REDACTED) {
        return Value::Nothing;
    }
    match b.get(pos) {
        None | Some(b'{') => Value::Nothing,
        Some(b'[') => list(text, pos + 1, b']'),
        Some(b'(') => list(text, pos + 1, b')'),
        Some(_) => single(text, pos),
    }
}

/// A quoted string or a bare word at `pos`.
fn single(text: &str, pos: usize) -> Value {
    let b = text.as_bytes();
    if let Some((n, q)) = opening(b, pos) {
        let start = pos + n + 1;
        let (end, after) = closing(b, start, n, q);
        let glued =
            n == 0 && after > end && !text.get(after..).unwrap_or_default().starts_with(REDACTED);
        let tail_end = if glued { bare_end(b, after) } else { after };
        return Value::Quoted {
            inner: start..end,
            tail: (tail_end > after).then_some(after..tail_end),
        };
    }
    let end = bare_end(b, pos);
    let word = text.get(pos..end).unwrap_or_default();
    if end == pos || is_empty_word(word) {
        Value::Nothing
    } else {
        Value::Bare(pos..end)
    }
}

/// The elements of a list whose inside starts at `pos`, up to `close` on the same line.
fn list(text: &str, mut pos: usize, close: u8) -> Value {
    let b = text.as_bytes();
    let mut out = Vec::new();
    loop {
        pos = skip_blanks(b, pos);
        match b.get(pos) {
            None | Some(b'\n' | b'\r' | b'{' | b'[' | b'(') => break,
            Some(&c) if c == close => break,
            _ => {}
        }
        let next = match single(text, pos) {
            Value::Quoted { inner, tail } => {
                let after = tail.as_ref().map_or(inner.end, |t| t.end);
                out.push(inner);
                out.extend(tail);
                after
            }
            Value::Bare(r) => {
                let after = r.end;
                out.push(r);
                after
            }
            _ => bare_end(b, pos),
        };
        // Past the closing quote, then to the separator.
        pos = skip_blanks(b, next);
        while matches!(b.get(pos), Some(b'"' | b'\'' | b'`' | b'\\')) {
            pos += 1;
        }
        pos = skip_blanks(b, pos);
        if b.get(pos) == Some(&b',') {
            pos += 1;
        } else {
            break;
        }
    }
    Value::List(out)
}

/// Where a header value that stands inside a JSON string (`"error_msg":"... Cookie: a=b",
/// "request_id":...`) ends: at a quote that closes the string (then `,"`, `}`, `]` or the
/// end of the line), not at the quotes of its own parameters (`username="u", realm=`).
pub(crate) fn string_end(b: &[u8], from: usize, end: usize) -> usize {
    (from..end)
        .find(|&i| {
            b.get(i) == Some(&b'"') && b.get(i.wrapping_sub(1)) != Some(&b'\\') && {
                let next = skip_blanks(b, i + 1);
                match b.get(next) {
                    Some(b'}' | b']') | None => true,
                    Some(b',') => b.get(skip_blanks(b, next + 1)) == Some(&b'"'),
                    Some(_) => next >= end,
                }
            }
        })
        .unwrap_or(end)
}
