//! A label line heads the lines under it: "Before (fixed since Friday):" then a body,
//! then "Now:" and another body. The first body is not the customer's current error: its
//! label says so, not a sentence around its code. (A fresh-eyes tester found such a body
//! counted as a current error beside the one under "Now:".)
//!
//! A label is a short line that ends in a colon, or a Markdown heading, with no code or
//! body in it. One that says over or earlier (`past::heading`) heads the lines under it
//! until a label that says now ("Now:", "Today:", "现在：", "Jetzt:"), a label or a
//! sentence after a blank line, another label that says over or earlier, or the end. A
//! label that opens a line ("Previously: {…}") heads that line alone. A test's failure
//! report heads the lines of its diff the same way (`- APIG.0101`, `+ APIG.0303`).

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::blocks::Block;
use super::fields::{Fields, has_code};
use super::past::{Heading, NotNow, heading};
use crate::pattern::re;

/// A label, at most this many chars long: a sentence that ends in a colon is no label.
const LABEL_CHARS: usize = 60;

/// The blocks of `view` (in order, as `blocks::split` cut it), each with what the label
/// above it says of it when that is over or earlier. A block that runs across a label
/// (an HTTP exchange, whose block runs to the next request) is cut there: the lines under
/// "Before (fixed):" are read apart from the response above them.
pub(crate) fn cut(view: &str, blocks: Vec<Block>) -> (Vec<Block>, Vec<Option<NotNow>>) {
    let mut headed = headed(view);
    headed.extend(diffs(view));
    headed.extend(super::remarks::remarked(view));
    // A line before one whose code is said with "now" ("Now it says APIG.0302") is history.
    headed.extend(
        super::passing::replaced_lines(view)
            .into_iter()
            .map(|line| (line, NotNow::Earlier)),
    );
    if headed.is_empty() {
        let heads = vec![None; blocks.len()];
        return (blocks, heads);
    }
    let head_at = |at: usize| {
        headed
            .iter()
            .filter(|(r, _)| r.contains(&at))
            .map(|(_, kind)| *kind)
            .max()
    };
    let (mut out, mut heads) = (Vec::new(), Vec::new());
    let mut cursor = 0;
    for block in blocks {
        // The block's lines, each with the label that heads it, those of one label joined.
        let mut pieces: Vec<(String, Option<NotNow>)> = Vec::new();
        for line in block.text.split_inclusive('\n') {
            let written = line.trim_end_matches(['\n', '\r']);
            let found = (!written.trim().is_empty())
                .then(|| view.get(cursor..)?.find(written))
                .flatten();
            let head = match found {
                Some(i) => {
                    cursor += i + written.len();
                    head_at(cursor - written.len())
                }
                None => pieces.last().and_then(|p| p.1),
            };
            match pieces.last_mut() {
                Some(piece) if piece.1 == head => piece.0.push_str(line),
                _ => pieces.push((line.to_string(), head)),
            }
        }
        if pieces.len() <= 1 {
            heads.push(pieces.first().and_then(|p| p.1));
            out.push(block);
            continue;
        }
        for (text, head) in pieces {
            heads.push(head);
            out.push(Block {
                text,
                first_line: block.first_line.clone(),
            });
        }
    }
    (out, heads)
}

/// The errors read from blocks a label says are over or earlier: their codes are only
/// named (as a sentence that says so would make them), so they are counted as that
/// says. An error without a code is left as it is: no code to name in the warning.
pub(crate) fn apply(found: &mut [Fields], heads: &[Option<NotNow>]) {
    for f in found.iter_mut().filter(|f| f.code.is_some()) {
        if let Some(Some(kind)) = heads.get(f.block) {
            f.in_passing = true;
            f.not_now = f.not_now.max(Some(*kind));
        }
    }
}

/// The ranges of `view` a label says are over or earlier, with what it says.
fn headed(view: &str) -> Vec<(Range<usize>, NotNow)> {
    let mut out = Vec::new();
    // The label heading the lines now read: where it starts, and what it says.
    let mut open: Option<(usize, NotNow)> = None;
    // Whether a blank line came just before, and whether the open label heads a line yet.
    let (mut pos, mut blank, mut content) = (0, false, false);
    for line in view.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        let ends = match label(trimmed).map(heading) {
            Some(Heading::Past(kind)) => {
                close(&mut out, &mut open, start);
                open = Some((start, kind));
                content = false;
                blank = false;
                continue;
            }
            Some(Heading::Now) => true,
            // "Before (fixed):", a blank line, "Response:": still the label's.
            Some(Heading::Neither) => blank && content,
            None => match opening_label(trimmed).map(heading) {
                Some(Heading::Now) => true,
                Some(Heading::Past(kind)) => {
                    if open.is_none() {
                        out.push((start..pos, kind));
                    }
                    false
                }
                _ => blank && content && prose(trimmed),
            },
        };
        if ends {
            close(&mut out, &mut open, start);
        }
        content = true;
        blank = false;
    }
    close(&mut out, &mut open, pos);
    out
}

/// Words a test's failure report holds: a paste without any has no diff to look for.
static TEST_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "assert", "expected", "but was", "received", "left:", "right:",
        ])
        .expect("fixed words")
});

/// The lines of a failure's diff below a test's assertion (`AssertionError: 'APIG.0303'
/// != 'APIG.0101'`, then `- APIG.0303` and `+ APIG.0101`): what the test compared, each
/// line a block of its own that cannot see the assertion above it.
fn diffs(view: &str) -> Vec<(Range<usize>, NotNow)> {
    let mut out = Vec::new();
    if !TEST_WORDS.is_match(view) {
        return out;
    }
    let (mut pos, mut under) = (0, false);
    // Under pytest's `assert '…' == '…'`: its `-` lines are what the test expected, its
    // `+` lines what it got.
    let mut literals = false;
    // Inside a diff whose header names its sides (Jest's `- Expected` / `+ Received`):
    // whether a line of it was read yet (a blank line then ends it).
    let mut sided: Option<bool> = None;
    for line in view.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if let Some(read) = sided {
            if line.trim().is_empty() {
                if read {
                    sided = None;
                }
                continue;
            }
            sided = Some(true);
            // The expected side is what the test compared; the received side is the
            // response, read as one.
            if EXPECTED_SIDE.is_match(line) {
                out.push((start..pos, NotNow::Test));
            }
            continue;
        }
        if RECEIVED_HEADER.is_match(line) {
            sided = Some(false);
            continue;
        }
        if under && super::source::diff_line(line) && !super::source::receives(line) {
            let kind = match line.trim_start().trim_start_matches('E').trim_start() {
                l if literals && l.starts_with('-') => NotNow::TestExpected,
                l if literals && l.starts_with('+') => NotNow::TestReceived,
                _ => NotNow::Test,
            };
            out.push((start..pos, kind));
            continue;
        }
        under = super::source::asserts(line);
        literals = super::source::compares_literals(line);
    }
    out
}

/// The header line of a diff's received side (`+ Received  + 1`), after its expected
/// side's (`- Expected  - 1`): the `-` lines under them are what the test expected.
static RECEIVED_HEADER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\+\s*(?:Received|Actual)\b"));
/// A line of a diff's expected side.
static EXPECTED_SIDE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*-(?:\s|$)"));

/// Ends the open label's range at `end`.
fn close(out: &mut Vec<(Range<usize>, NotNow)>, open: &mut Option<(usize, NotNow)>, end: usize) {
    if let Some((start, kind)) = open.take() {
        out.push((start..end, kind));
    }
}

/// The words of `line` (trimmed) when it is a label: a Markdown heading or a short line
/// ending in a colon (`**Before (fixed):**`), with no code, body or value in it.
fn label(line: &str) -> Option<&str> {
    // Read only as far as needed: a long log's lines are none.
    let heading = line.starts_with('#');
    if !heading && !line.trim_end_matches(['*', '_']).ends_with([':', '：']) {
        return None;
    }
    let bare = line.trim_matches(|c: char| matches!(c, '*' | '_' | '#' | '>' | ' ' | '\t'));
    let short = bare.chars().count() <= LABEL_CHARS;
    let plain = short && !bare.contains(['{', '}', '=', '|']) && !has_code(bare);
    plain.then_some(bare)
}

/// The words before the colon of a line that a label opens with a body after it
/// (`Previously: {…}`, `Now: {…}`); a line that goes on in words ("Last week: APIG.0308,
/// today: …") is read by its sentences.
fn opening_label(line: &str) -> Option<&str> {
    let bare = line.trim_start_matches(['*', '_', '#', ' ', '\t']);
    // A chat's time and speaker before it (`[10:01] Kunde: letzte Woche: {…}`).
    let bare = chat_prefix(bare).map_or(bare, |n| bare.get(n..).unwrap_or(bare));
    // The first colon, within a label's length, then a body: checked before any pattern.
    let (colon, _) = bare
        .char_indices()
        .take(LABEL_CHARS + 1)
        .find(|&(_, c)| matches!(c, ':' | '：'))?;
    let body = bare
        .get(colon..)?
        .trim_start_matches([':', '：'])
        .trim_start();
    if !body.starts_with(['{', '[']) {
        return None;
    }
    let words = bare.get(..colon)?.trim_end_matches(['*', '_', ' ']);
    let plain = words.chars().count() >= 2 && !words.contains(['{', '}', '[', ']', '=']);
    (plain && !has_code(words) && !words.starts_with(|c: char| c.is_ascii_digit())).then_some(words)
}

/// How many bytes of `line` a chat's time in brackets and its speaker's name take
/// (`[10:01] Kunde: `, `[09:02] customer: `), when a label and a body follow them.
fn chat_prefix(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find(']')?;
    let time = rest.get(..close)?;
    if close > 25 || !time.contains(':') || !time.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after = rest.get(close + 1..)?;
    let speaker = after.trim_start();
    let colon = speaker.find([':', '：'])?;
    let name = speaker.get(..colon)?;
    let named = !name.is_empty() && name.chars().count() <= 30 && !name.contains(['{', '[']);
    let taken = line.len() - speaker.len() + colon;
    let label = line
        .get(taken..)?
        .trim_start_matches([':', '：'])
        .trim_start();
    // Only a label follows: a body right after the speaker is the speaker's, not labelled.
    (named && !label.starts_with(['{', '['])).then(|| line.len() - label.len())
}

/// A line of prose: it opens with a letter, has three words or more (or is Chinese), and
/// holds no code, body, header or status line.
fn prose(line: &str) -> bool {
    let words = line.split_whitespace().count() >= 3 || line.chars().any(is_han);
    line.starts_with(char::is_alphabetic)
        && words
        && !has_code(line)
        && !line.contains(['{', '='])
        && !line.contains("HTTP/")
        && !HEADER.is_match(line)
}

/// A header line (`Content-Type: application/json`).
static HEADER: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z][\w-]*:\s"));

/// A Chinese character: a Chinese sentence has no spaces to count its words by.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `view` a label says are over or earlier.
    fn headed_lines(view: &str) -> Vec<(String, NotNow)> {
        headed(view)
            .into_iter()
            .flat_map(|(r, kind)| {
                view.get(r)
                    .unwrap_or_default()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| (l.to_string(), kind))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn a_past_label_heads_the_lines_under_it_until_a_label_of_now() {
        for (view, kind) in [
            (
                "Before (fixed since Friday):\nAAA\n\nNow:\nBBB\n",
                NotNow::Over,
            ),
            (
                "**Old error (resolved):**\n\nAAA\n\n**Current error:**\nBBB\n",
                NotNow::Over,
            ),
            ("Previously:\nAAA\nToday:\nBBB\n", NotNow::Earlier),
            ("之前（已修复）：\nAAA\n现在：\nBBB\n", NotNow::Over),
            (
                "上周的报错（已经解决）：\nAAA\n\n今天的报错：\nBBB\n",
                NotNow::Over,
            ),
            ("Vorher (behoben):\nAAA\n\nJetzt:\nBBB\n", NotNow::Over),
            ("Letzte Woche:\nAAA\n\nHeute:\nBBB\n", NotNow::Earlier),
            (
                "## Before the fix\nAAA\n## After the fix\nBBB\n",
                NotNow::Earlier,
            ),
            (
                "Before (fixed since Friday):\nAAA\n\nThanks for your help with BBB\n",
                NotNow::Over,
            ),
        ] {
            let lines = headed_lines(view);
            assert!(
                lines.iter().any(|(l, k)| l == "AAA" && *k == kind),
                "{view}\n{lines:?}"
            );
            assert!(
                lines.iter().all(|(l, _)| !l.contains("BBB")),
                "{view}\n{lines:?}"
            );
        }
    }

    #[test]
    fn a_label_of_now_or_one_that_says_nothing_heads_nothing() {
        for view in [
            "Now:\nA\n",
            "Still failing since Friday:\nA\n",
            "Not fixed yet:\nA\n",
            "The old one is fixed, but now we get:\nA\n",
            "限流的问题已经解决了，但是现在出现了新的错误：\nA\n",
            "Response body:\nA\n",
            "Previously (still open):\nA\n",
            "Seit dem Fix ist es nicht behoben:\nA\n",
            "Date: Mon, 10 Jun 2024 09:40:00 GMT\nA\n",
        ] {
            assert_eq!(headed_lines(view), [], "{view}");
        }
    }

    #[test]
    fn a_label_that_opens_a_line_heads_that_line() {
        let view = "Previously: {A}\nNow: {B}\n";
        assert_eq!(
            headed_lines(view),
            [("Previously: {A}".to_string(), NotNow::Earlier)]
        );
        let over = "Old error (resolved): {A}\n{B}\n";
        assert_eq!(
            headed_lines(over),
            [("Old error (resolved): {A}".to_string(), NotNow::Over)]
        );
    }
}
