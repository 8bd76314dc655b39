//! Key material: key blocks between their markers, token syntaxes, words that are one
//! credential together, and base64 wrapped over several lines.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::re;
use crate::redact::keys::past_quote_marks;
use crate::redact::names::looks_like_a_credential;
use crate::redact::rules::rules;
use crate::redact::scan::{line_end, line_start};

/// What follows a key block's begin marker when its end marker is missing (the key was
/// cut off): base64, line breaks, escaped line breaks, armor headers.
static KEY_BODY: LazyLock<Regex> = LazyLock::new(|| re(r"\A(?:[A-Za-z0-9+/=:, \t\r\n-]|\\+[nr])*"));
/// A run of base64 no word of a sentence is.
static KEY_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"[A-Za-z0-9+/=]{16,}"));

/// Between a block's markers; to the end of the key material when the end is missing.
pub(crate) fn blocks(text: &str, spans: &mut Vec<Range<usize>>) {
    for block in &rules().blocks {
        for begin in block.begin.find_iter(text) {
            let start = begin.end();
            // An end after another begin closes that one: this block was cut off.
            let next_begin = block
                .begin
                .find_at(text, start)
                .map_or(text.len(), |m| m.start());
            let end = match block
                .end
                .find_at(text, start)
                .filter(|e| e.start() < next_begin)
            {
                Some(end) => end.start(),
                None => {
                    // Cut off: the key material after the marker, if there is any (a
                    // sentence that names the marker has none).
                    let rest = text.get(start..).unwrap_or_default();
                    let body = KEY_BODY.find(rest).map_or("", |m| m.as_str()).trim_end();
                    if !KEY_RUN.is_match(body) {
                        continue;
                    }
                    start + body.len()
                }
            };
            spans.push(start..end);
        }
    }
}

/// Token syntaxes, wherever they stand.
pub(crate) fn tokens(text: &str, spans: &mut Vec<Range<usize>>) {
    spans.extend(rules().tokens.find_iter(text).map(|m| m.range()));
}

/// Words that are one credential together (an IAM AK beside its SK): each named part.
pub(crate) fn together(text: &str, spans: &mut Vec<Range<usize>>) {
    for pattern in &rules().together {
        for c in pattern.captures_iter(text) {
            let named = pattern.capture_names().flatten();
            spans.extend(named.filter_map(|n| c.name(n)).map(|m| m.range()));
        }
    }
}

/// Base64 wrapped over lines (an IAM token at 64 columns): a redacted value that fills
/// its line to the end takes the lines after it that are base64 alone, and the base64 that
/// opens the next line when a quote, comma or space closes it (the last line of a token
/// in a JSON string).
pub(crate) fn wrapped(text: &str, spans: &mut [Range<usize>]) {
    let b = text.as_bytes();
    let base64 = |c: &u8| c.is_ascii_alphanumeric() || b"+/=_-".contains(c);
    for span in spans.iter_mut() {
        let line_from = (span.start..span.end)
            .rev()
            .find(|&i| matches!(b.get(i), Some(b'\n' | b'\r')))
            .map_or(span.start, |i| i + 1);
        let last = b.get(line_from..span.end).unwrap_or_default();
        // The line is full (wrapped at 64 or 76 columns, header name included).
        let width = span.end - line_start(b, span.end);
        if width < 60
            || last.len() < 16
            || !last.iter().all(base64)
            || line_end(b, span.end) != span.end
        {
            continue;
        }
        let head = b
            .get(line_start(b, span.end)..line_from)
            .unwrap_or_default();
        // The line opens with a mail's quote marks (`> X-Auth-Token: MIIE…`, `> > MIIE…`).
        let quoted = head.iter().find(|c| !b" \t".contains(c)) == Some(&b'>');
        // A line of a token reads as one: no `key=value` (`always-auth=true`), no plain
        // word (`region = eu-de`); only the last line is shorter than the others.
        let piece = |run: &[u8]| {
            let word = std::str::from_utf8(run).unwrap_or_default();
            !word.trim_end_matches('=').contains('=')
                && (looks_like_a_credential(word) || word.ends_with('='))
        };
        let mut previous: Option<usize> = None;
        loop {
            let next = (span.end..b.len())
                .find(|&i| b.get(i) != Some(&b'\r'))
                .unwrap_or(b.len());
            if b.get(next) != Some(&b'\n') {
                break;
            }
            let end = line_end(b, next + 1);
            // An e-mail quotes every line of the token as it quoted the first.
            let from = if quoted {
                past_quote_marks(b, next + 1)
            } else {
                next + 1
            };
            let line = b.get(from..end).unwrap_or_default();
            let run = line.iter().take_while(|c| base64(c)).count();
            // A later line may be longer than the first: a mail client wrapped the first
            // lines only, or the first stands after a long prefix (a JSON log's message).
            if run == 0 || !line.get(..run).is_some_and(piece) {
                break;
            }
            if run < line.len() {
                if line.get(run).is_some_and(|c| b"\"'`,; \t\\".contains(c)) {
                    span.end = from + run;
                }
                break;
            }
            span.end = end;
            // A line shorter than the one before it is the token's last.
            if previous.is_some_and(|p| run * 4 < p * 3) {
                break;
            }
            previous = Some(run);
        }
    }
}
