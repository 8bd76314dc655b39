//! Removing credentials from text before it is stored, exported or printed. One module,
//! used by every path that writes what a customer sent (history, the store, incident
//! notes and names, the saved query, Markdown, the CLI's output), so a form of secret is
//! covered everywhere once it is covered here.
//!
//! The rules are data (`data/redaction.toml`: key-name families, headers, schemes, token
//! syntaxes, key blocks); this module finds every secret's range in the text, then
//! replaces them all at once. Text that is cut for display or storage is redacted whole
//! first ([`redact_part`], [`redact_prefix`]): a cut can separate a value from the name
//! that marks it as a secret.
//!
//! The value goes, the name stays (`Authorization: [redacted]`, `password=[redacted]`),
//! and the evidence a ticket needs (codes, statuses, request ids, hosts, dates) stays.

mod forms;
mod keys;
mod names;
mod rules;
mod scan;
mod tables;

use std::ops::Range;

/// What stands in for a removed credential.
pub const REDACTED: &str = "[redacted]";

/// Text beyond a cut that is still read to redact up to it: a key block or a wrapped
/// token that starts before the cut is found whole.
const CUT_MARGIN: usize = 64 * 1024;

/// `text` with every credential value replaced by `[redacted]`.
pub fn redact(text: &str) -> String {
    replaced(text, &secrets(text), 0..text.len())
}

/// `whole[part]`, redacted as it stands inside `whole`: what a cut of a text may show.
pub(crate) fn redact_part(whole: &str, part: Range<usize>) -> String {
    let start = whole.floor_char_boundary(part.start.min(whole.len()));
    let end = whole.ceil_char_boundary(part.end.min(whole.len()).max(start));
    replaced(whole, &secrets(whole), start..end)
}

/// At most `max` bytes of the beginning of `text`, redacted before it is cut.
pub(crate) fn redact_prefix(text: &str, max: usize) -> String {
    let window = text.floor_char_boundary(max.saturating_add(CUT_MARGIN).min(text.len()));
    let head = text.get(..window).unwrap_or_default();
    let mut out = redact(head);
    if out.len() > max {
        out.truncate(out.floor_char_boundary(max));
    }
    out
}

/// Markdown with each block (a list item with the lines indented under it, a heading, a
/// paragraph) redacted on its own: a form one block holds (a note's `secret,VALUE` read
/// as a CSV header, a `password:` waiting for the lines under it) never takes words of the
/// next block, so the checklist steps of an exported incident stay as written.
pub(crate) fn redact_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut block = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let starts = line.trim().is_empty()
            || line.starts_with(['-', '*', '+', '#'])
            || line
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()));
        if starts && pos > block {
            out.push_str(&redact(text.get(block..pos).unwrap_or_default()));
            block = pos;
        }
        pos += line.len();
    }
    out.push_str(&redact(text.get(block..).unwrap_or_default()));
    out
}

/// The secrets of a whole text, to take out of texts cut from it and reshaped (an
/// analysis joins a message's lines, unescapes it, quotes its detail in a reason): the
/// reshaped cut may have lost what marked its secret (the CSV header, the key name, the
/// `scheme://`), so each secret is removed by what it is, then the cut is redacted by form.
pub(crate) struct Scrub {
    pattern: Option<regex::Regex>,
}

impl Scrub {
    pub(crate) fn of(text: &str) -> Scrub {
        let mut pieces: Vec<&str> = secrets(text)
            .into_iter()
            .filter_map(|s| text.get(s))
            // A wrapped token's lines apart: an analysis undoes the written `\n`.
            .flat_map(|s| s.split("\\n").flat_map(|x| x.split("\\r")))
            .flat_map(|s| s.split(|c: char| c.is_whitespace() || "\\\"'`,;".contains(c)))
            // A secret's pieces too, as a cut may hold one (a URL's path).
            .flat_map(|p| std::iter::once(p).chain(p.split(['/', '@', '?', '&', '=', ':'])))
            .filter(|p| p.len() >= 4 && names::looks_like_a_credential(p))
            .collect();
        pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
        pieces.dedup();
        let alternation: Vec<String> = pieces.iter().map(|p| regex::escape(p)).collect();
        let pattern = (!pieces.is_empty())
            .then(|| {
                regex::RegexBuilder::new(&alternation.join("|"))
                    .size_limit(64 * 1024 * 1024)
                    .build()
                    .ok()
            })
            .flatten();
        Scrub { pattern }
    }

    /// `cut` without the whole text's secrets, then redacted by form.
    pub(crate) fn apply(&self, cut: &str) -> String {
        match &self.pattern {
            Some(p) => redact(&p.replace_all(cut, REDACTED)),
            None => redact(cut),
        }
    }
}

/// The byte ranges of every secret in `text`, sorted and merged. Text with written line
/// breaks (a JSON string, a log of escaped lines) is read a second time with them as real
/// ones, so what only its lines show (a CSV file, a wrapped token, a YAML entry) is found.
fn secrets(text: &str) -> Vec<Range<usize>> {
    let mut spans = found(text);
    if let Some(view) = with_written_line_breaks(text) {
        spans.extend(found(&view));
    }
    if let Some((plain, at)) = with_plain_spellings(text) {
        let mut more = found(&plain);
        if let Some(view) = with_written_line_breaks(&plain) {
            more.extend(found(&view));
        }
        spans.extend(more.into_iter().map(|s| at.of(s.start)..at.of(s.end)));
    }
    let found = merged(text, spans);
    let echoes = echoes(text, &found);
    if echoes.is_empty() {
        return found;
    }
    merged(text, found.into_iter().chain(echoes).collect())
}

/// Every other place in `text` where a secret found by its form stands again, bare (a
/// header's value echoed in an `error_msg`, a form's password quoted in a log line): what
/// is a secret in one place is one everywhere, in every output. Only values no word of a
/// sentence is (eight characters or more, reading as a credential) are looked for, and
/// never an IAM access key id, which is evidence where it stands alone.
fn echoes(text: &str, found: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut values: Vec<&str> = found
        .iter()
        .filter_map(|s| text.get(s.clone()))
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || "\\\"'`,;&".contains(c)))
        .map(|v| {
            v.rsplit_once('=')
                .filter(|(_, t)| !t.is_empty())
                .map_or(v, |(_, t)| t)
        })
        .filter(|v| is_echoed_secret(v))
        .collect();
    if values.is_empty() {
        return Vec::new();
    }
    values.sort_unstable();
    values.dedup();
    let Ok(finder) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&values)
    else {
        return Vec::new();
    };
    finder.find_iter(text).map(|m| m.range()).collect()
}

/// A value long and odd enough to look for elsewhere in the text.
fn is_echoed_secret(value: &str) -> bool {
    let access_key_id = value.len() == 20
        && value
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    value.len() >= 8
        && !access_key_id
        && !value.starts_with(REDACTED)
        && !value.bytes().all(|c| c.is_ascii_digit())
        && names::looks_like_a_credential(value)
}

/// `text` with each other spelling of key punctuation or a key name (`\\u0026`, `&quot;`,
/// `%3D`, a full-width colon, `密码`, a zero-width space) written as the rules read it,
/// and where its pieces stand in `text`. None when there is none.
fn with_plain_spellings(text: &str) -> Option<(String, Origins)> {
    let spellings = &rules::rules().spellings;
    let mut found = spellings.finder.find_iter(text).peekable();
    found.peek()?;
    let mut plain = String::with_capacity(text.len());
    let mut origins = Origins(Vec::new());
    let mut pos = 0;
    for m in found {
        let Some(to) = spellings.written.get(m.pattern().as_usize()) else {
            continue;
        };
        origins.0.push((plain.len(), pos, false));
        plain.push_str(text.get(pos..m.start()).unwrap_or_default());
        origins.0.push((plain.len(), m.start(), true));
        plain.push_str(to);
        pos = m.end();
    }
    origins.0.push((plain.len(), pos, false));
    plain.push_str(text.get(pos..).unwrap_or_default());
    origins.0.push((plain.len(), text.len(), false));
    Some((plain, origins))
}

/// Where each piece of a plain view starts in it and in the text, and whether it is a
/// respelling (all of whose bytes stand for its start): a few entries per spelling, where
/// a position for every byte would take eight times the text.
struct Origins(Vec<(usize, usize, bool)>);

impl Origins {
    /// Where the view's position `at` stands in the text.
    fn of(&self, at: usize) -> usize {
        let k = self.0.partition_point(|&(start, _, _)| start <= at);
        match k.checked_sub(1).and_then(|k| self.0.get(k)) {
            Some(&(start, origin, false)) => origin + (at - start),
            Some(&(_, origin, true)) => origin,
            None => 0,
        }
    }
}

/// `text` with each written line break (`\n`, `\r`, at any level of escaping) made a
/// real one of the same length (`\r\n`), so every position stays where it was.
fn with_written_line_breaks(text: &str) -> Option<String> {
    if !text.contains("\\n") && !text.contains("\\r") {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| c == b'\\')
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        let letter = bytes.get(i + run).copied();
        if let (Some(b'n' | b'r'), Some(written)) = (letter, bytes.get_mut(i..=i + run)) {
            written.fill(b'\r');
            if letter == Some(b'n')
                && let Some(last) = written.last_mut()
            {
                *last = b'\n';
            }
        }
        i += run + 1;
    }
    String::from_utf8(bytes).ok()
}

/// Every rule's ranges in `text`.
fn found(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    forms::blocks(text, &mut spans);
    forms::tokens(text, &mut spans);
    forms::together(text, &mut spans);
    forms::schemes(text, &mut spans);
    keys::key_values(text, &mut spans);
    forms::userinfo(text, &mut spans);
    forms::flags(text, &mut spans);
    forms::prose_names(text, &mut spans);
    forms::calls(text, &mut spans);
    forms::name_values(text, &mut spans);
    forms::csv_columns(text, &mut spans);
    tables::cells_and_pairs(text, &mut spans);
    forms::wrapped(text, &mut spans);
    spans
}

/// Ranges on char boundaries, sorted, overlapping and touching ones joined, empty and
/// already redacted ones dropped, and those that hold no value whatever rule found them: a
/// placeholder (`<token>`, `$SK`) or a prompt (`getpass("Password: ")`).
fn merged(text: &str, mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    for s in &mut spans {
        s.start = text.floor_char_boundary(s.start.min(text.len()));
        s.end = text.ceil_char_boundary(s.end.min(text.len()));
    }
    spans.retain(|s| {
        s.start < s.end
            && text.get(s.clone()).is_some_and(|v| {
                v != REDACTED && !names::is_placeholder_value(v) && !names::is_prompt(v)
            })
    });
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// `text[part]` with each secret range in it replaced.
fn replaced(text: &str, secrets: &[Range<usize>], part: Range<usize>) -> String {
    let mut out = String::with_capacity(part.len());
    let mut pos = part.start;
    for s in secrets {
        let (start, end) = (s.start.max(part.start), s.end.min(part.end));
        if start >= end {
            continue;
        }
        out.push_str(text.get(pos..start).unwrap_or_default());
        out.push_str(REDACTED);
        pos = end;
    }
    out.push_str(text.get(pos..part.end).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests;
