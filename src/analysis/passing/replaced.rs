//! An earlier code that a later one replaced: "We got APIG.0301 before. Now it says
//! APIG.0302", "first it returned APIG.0303.⏎Now it says APIG.0304", "Erst kam
//! APIG.0401, jetzt kommt APIG.0402". The later code, said with "now" ([`said_now`]),
//! is what calls give now; the one before it, in an earlier clause, sentence or line, is
//! history. A fresh-eyes tester found both counted as current errors, each the match.
//!
//! A word that keeps the earlier one current ("still", "also", "too", "auch",
//! "también", `也`) in either clause leaves both as they were, and so does the same code
//! written again ("APIG.0308 before, and now APIG.0308 again").

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::now::said_now;
use crate::catalog::catalog_code;
use crate::pattern::re;

/// How many bytes after a code the code that replaced it may stand: a sentence or two.
const WITHIN: usize = 400;
/// How many codes after it are looked at.
const LATER_CODES: usize = 3;

/// A code as `fields` reads it in a narrowed text.
static CODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:apigw|apig|apic)[ ._-]?\d{4}(?-u:\b)"));

/// Words of "now" (`now::NOW`, `now::NOW_CHINESE`), found anywhere: a text without any
/// has no code said now, and is not read further.
static NOW_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "now",
            "jetzt",
            "nun",
            "ahora",
            "maintenant",
            "agora",
            "currently",
            "现在",
            "現在",
            "目前",
            "如今",
        ])
        .expect("fixed words")
});

/// Words that keep an earlier error current beside a later one, compared whole.
const BOTH: &[&str] = &[
    "still", "also", "too", "again", "both", "noch", "auch", "wieder", "beide", "también",
    "tambien", "todavía", "todavia", "aún", "sigue", "siguen", "aussi", "encore", "toujours",
    "ainda", "também", "continua",
];
/// Chinese words that do the same, found anywhere in the clause.
const BOTH_CHINESE: &[&str] = &["还", "也", "又", "仍", "依然", "同时"];

/// Whether the code at byte `at` of `text` (narrowed) is replaced by a later one said
/// with "now", and is not said now itself.
pub(crate) fn replaced(text: &str, at: usize) -> bool {
    later_now(text, at).is_some()
}

/// The lines of `view` whose every code a later line's code said with "now" replaced
/// (see the module's doc): each is history, as under a label "Before:". A code a record
/// holds (`"error_code":"…"`) is read with its record, not headed. Only the codes
/// a word of now stands after are read, so a long log without one is read once, fast.
pub(crate) fn replaced_lines(view: &str) -> Vec<Range<usize>> {
    let nows: Vec<usize> = NOW_WORDS.find_iter(view).map(|m| m.start()).collect();
    if nows.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in CODE.find_iter(view) {
        let first_now = nows.partition_point(|&n| n < m.end());
        if nows.get(first_now).is_none_or(|&n| n > m.end() + WITHIN) {
            continue;
        }
        let line = crate::analysis::past::line_range(view, m.start());
        if out.last().is_some_and(|l| *l == line) {
            continue;
        }
        if matches!(
            super::before(view, m.start()),
            super::Before::Key | super::Before::FailureLevel
        ) {
            // A record's field (a response's body, a log line at a failure level): the
            // record's own facts go with it, and a line is no place to part them.
            continue;
        }
        let by_other_line = later_now(view, m.start()).is_some_and(|later| later >= line.end);
        let every = by_other_line
            && CODE
                .find_iter(view.get(line.clone()).unwrap_or_default())
                .all(|c| later_now(view, line.start + c.start()).is_some());
        if every {
            out.push(line);
        }
    }
    out
}

/// Where the later code said with "now" that replaces the code at `at` starts, if one does.
fn later_now(text: &str, at: usize) -> Option<usize> {
    let own = CODE.find_at(text, at).filter(|m| m.start() == at)?;
    let window_end = floor_char(text, (own.end() + WITHIN).min(text.len()));
    let window = text.get(own.end()..window_end)?;
    if NOW_WORDS.find(window).is_none() || said_now(kept(text, at)) {
        return None;
    }
    if keeps_both(clause_of(text, own.start(), own.end())) {
        return None;
    }
    let code = catalog_code(own.as_str());
    for later in CODE.find_iter(window).take(LATER_CODES) {
        let start = own.end() + later.start();
        if catalog_code(later.as_str()) == code {
            return None;
        }
        if said_now(kept(text, start)) {
            let end = own.end() + later.end();
            return (!keeps_both(clause_of(text, start, end))).then_some(start);
        }
    }
    None
}

/// The line of `text` up to byte `at`, its end trimmed of spaces and quotes.
fn kept(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '“'))
}

/// Chars that end a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ';' | ',' | '!' | '?' | '\n' | '，' | '。' | '；' | '！' | '？'
    )
}

/// The clause of the code at `start..end` of `text`: from the clause end before it to
/// the one after it (a code's own dot is no end).
fn clause_of(text: &str, start: usize, end: usize) -> &str {
    let before = text.get(..start).unwrap_or_default();
    let from = before.rfind(ends_clause).map_or(0, |i| {
        i + before
            .get(i..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8)
    });
    let after = text.get(end..).unwrap_or_default();
    let to = after.find(ends_clause).map_or(text.len(), |i| end + i);
    text.get(from..to).unwrap_or_default()
}

/// Whether `clause` has a word that keeps an earlier error current beside a later one.
fn keeps_both(clause: &str) -> bool {
    BOTH_CHINESE.iter().any(|w| clause.contains(w))
        || clause.split(|c: char| !c.is_alphanumeric()).any(|w| {
            BOTH.iter()
                .any(|b| w.eq_ignore_ascii_case(b) || w.to_lowercase() == *b)
        })
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::{replaced, replaced_lines};

    fn first(text: &str) -> bool {
        replaced(text, text.find("APIG.").expect("a code"))
    }

    #[test]
    fn an_earlier_code_before_one_said_now_is_replaced() {
        for text in [
            "We were getting APIG.0308. Now we get APIG.0201",
            "Initially the gateway answered APIG.0303; now it answers APIG.0304 instead.",
            "Zuerst gab es APIG.0301. Jetzt bekommen wir APIG.0302.",
            "Au début c'était APIG.0401. Maintenant le serveur renvoie APIG.0402.",
            "Ayer devolvía APIG.0308, ahora devuelve APIG.0201",
            "昨天报 APIG.0301。现在报 APIG.0303",
        ] {
            assert!(first(text), "{text}");
        }
    }

    #[test]
    fn a_code_still_there_the_same_code_or_no_now_is_not() {
        for text in [
            "We still get APIG.0308. Now we also get APIG.0201",
            "APIG.0308 on orders. Now payments gets APIG.0201 too",
            "APIG.0308 before, and now APIG.0308 again",
            "We get APIG.0308. Yesterday we got APIG.0201.",
            "Until now APIG.0308 never appeared; today APIG.0201.",
            "APIG.0301 ist noch da, jetzt kommt auch APIG.0302",
            "先是 APIG.0301，现在还有 APIG.0302",
        ] {
            assert!(!first(text), "{text}");
        }
    }

    #[test]
    fn only_lines_before_a_line_said_now_are_history() {
        let text =
            "Hi,\nthe first call returned APIG.0303.\nNow every call says APIG.0304.\nThanks";
        let lines = replaced_lines(text);
        let headed: Vec<&str> = lines.iter().filter_map(|r| text.get(r.clone())).collect();
        assert_eq!(headed, ["the first call returned APIG.0303."]);
        // One line with both: its codes are read where they are, not headed whole.
        assert!(replaced_lines("Erst kam APIG.0401, jetzt kommt APIG.0402.").is_empty());
        assert!(replaced_lines("unknown APIG.0401\nunknown APIG.0402").is_empty());
    }
}
