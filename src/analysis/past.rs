//! Codes a paste writes that are not the error the customer has now: one said to be over
//! ("the APIG.0308 errors are gone", "上周的 APIG.0308 已经解决了"), one named as an
//! earlier error ("(see INC-4411: APIG.0101, resolved in May)", "APIG.0308 last week"),
//! one in source code (`if e.error_code == "APIG.0308":`, `// retry on APIG.0308`) and
//! one in documentation or a runbook ("If the response is {…APIG.0201…} then restart
//! the backend"). A fresh-eyes tester found each taken for a current error, with the
//! status and `Date` of the response beside it.
//!
//! Such a code is read as a code only named (`fields/named.rs`): it takes none of the
//! block's facts and no row of it is the match. One over, in source code or in
//! documentation is never counted; one named as earlier is counted only when the paste
//! reports nothing else (as a code named in passing is, `passing.rs`).
//!
//! What is read is the code's clause: the words around it up to a sentence's end, a
//! comma, `but` or a bracket around it; a vetoing word ("still", "again", "not", a
//! question) leaves the code as it was read before.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::passing::{Before, before};
use super::runbook;
use crate::pattern::re;

/// Why a code a paste writes is not the customer's current error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NotNow {
    /// Named as an earlier error: counted only when nothing else is reported.
    Earlier,
    /// In a test's assertion or its failure report (`assert 'APIG.0303' == …`, pytest's
    /// `E  + APIG.0303`): a value a test compared, which may be what came back or what
    /// was expected. Counted only when nothing else is reported, and then as a guess.
    Test,
    /// A row of a table of codes with no time or request id in any row: documentation
    /// copies the catalog so, and so does a customer listing the errors seen. Counted only
    /// when nothing else is reported, and then as a guess, never the match.
    Table,
    /// In an e-mail's quoted history below a message that reports its own error.
    Quoted,
    /// In a condition: documentation or a runbook ("if the response is …"), not a response.
    Documentation,
    /// In source code: a comparison, a case label, a comment, a constant.
    Source,
    /// Said to be over: resolved, fixed, gone, no longer seen.
    Over,
}

impl NotNow {
    /// Whether a code so written is never an error of the paste, even alone.
    pub(crate) fn never_counted(self) -> bool {
        matches!(self, NotNow::Over | NotNow::Source | NotNow::Documentation)
    }

    /// What the paste does with the code, for "Not counted: APIG.0308, …".
    pub(crate) fn said(self) -> &'static str {
        match self {
            NotNow::Over => {
                "named inside a sentence, under a label, in a remark on it or in a table row's state as resolved, fixed or gone: not an error the customer has now"
            }
            NotNow::Earlier => {
                "named inside a sentence, a reference or under a label as an earlier error (a past ticket, \"last week\", \"previously\"): not the current one"
            }
            NotNow::Test => {
                "written in a test's assertion or its failure diff (a value a test compared, expected or received): not a response the paste shows"
            }
            NotNow::Source => {
                "written in source code (a comparison, a case label, a comment or a constant): not an error that happened"
            }
            NotNow::Documentation => {
                "looks like documentation or a runbook (a condition such as \"if the response is …\"), not a response"
            }
            NotNow::Table => {
                "a row of a table of codes (or a list of codes with their messages) with no time or request id in any row: documentation such as the error-code page, or a list of errors seen (read as a guess, never the match)"
            }
            NotNow::Quoted => {
                "seen in the e-mail's quoted history (an earlier message of the thread), beside a new message that reports its own error"
            }
        }
    }
}

/// Why the code at byte `at` of `text` (narrowed) is not a current error, if it is not.
pub(crate) fn not_now(text: &str, at: usize) -> Option<NotNow> {
    not_now_or_passing(text, at).0
}

/// [`not_now`], and, when that is None, whether the code is named in passing (a word of
/// a sentence stands before it, [`Before::Passing`]): what stands before it is read once
/// for both.
pub(crate) fn not_now_or_passing(text: &str, at: usize) -> (Option<NotNow>, bool) {
    if super::source::in_source(text, at) {
        return (Some(NotNow::Source), false);
    }
    if super::source::in_test(text, at) {
        return (Some(NotNow::Test), false);
    }
    let how = before(text, at);
    if how == Before::FailureLevel {
        // A failure the log reports ("ERROR retrying if possible: APIG.0308"): whatever
        // the words, it happened.
        return (None, false);
    }
    if runbook::conditional(text, at) {
        return (Some(NotNow::Documentation), false);
    }
    if how == Before::Key {
        // A record's field (`"error_code":"APIG.0308"`, a catalog message after it that
        // says "no longer"): what it says is what happened, unless the record is written
        // inside a sentence, which then says what it is.
        let said = sentence_around_object(text, at).and_then(|(sentence, at)| {
            let said = said_of(&sentence, at, before(&sentence, at));
            // A remark after a body on its line ("{…} (fixed)") says only whether it is over.
            let remark = sentence.get(..at).is_some_and(|b| b.trim().is_empty());
            said.filter(|kind| !remark || *kind == NotNow::Over)
        });
        return (said, false);
    }
    (said_of(text, at, how), how == Before::Passing)
}

/// Whether the words around byte `at` of `text` (a status, "the old 504 is resolved;
/// they now see a 403") say that what is there is over or earlier.
pub(crate) fn said_past(text: &str, at: usize) -> bool {
    said_of(text, at, Before::Passing).is_some()
}

/// What the words around the code at `at` say of it (`how` is what stands before it).
fn said_of(text: &str, at: usize, how: Before) -> Option<NotNow> {
    // Every part read below (the clause, the sentence, a clause that refers back, a
    // parenthesis) lies on the code's line: a line without a word of the past says
    // nothing of it. A paste of many codes is not read clause by clause for each.
    if !PAST_WORDS.is_match(line_around(text, at)) {
        return None;
    }
    let range = clause_range(text, at);
    let clause = text.get(range.clone()).unwrap_or_default();
    let sentence = sentence(text, at);
    if over(clause, sentence) {
        return Some(NotNow::Over);
    }
    if let Some(kind) = referred(text, range.end, clause, sentence, how) {
        return Some(kind);
    }
    // A word that says the code came back (`got`, `returned`) reports it, whatever the
    // time ("the customer got APIG.0308 last week" is the ticket's error).
    (how != Before::ReportWord && earlier(text, at, clause)).then_some(NotNow::Earlier)
}

/// The line of `text` that byte `at` is on, without its newline.
pub(crate) fn line_around(text: &str, at: usize) -> &str {
    let start = text
        .get(..at)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or_default()
}

/// What the clause after the code's own says of it when it refers back to it ("…
/// APIG.0203 but that is fixed now", "seeing APIG.0308? that was last week, should be
/// fixed"): over, or only earlier when the code's sentence asks about it or a word reports
/// it (the writer may have it now: unsure, so counted when nothing else is); earlier.
/// Nothing when the code's own clause says it is there now ("APIG.0308 keeps coming, it
/// was fixed in May").
fn referred(
    text: &str,
    clause_end: usize,
    clause: &str,
    sentence: &str,
    how: Before,
) -> Option<NotNow> {
    if STILL.is_match(clause) || NOW.is_match(clause) {
        return None;
    }
    let tail = referring_clause(text, clause_end)?;
    if over(tail, tail) {
        let asked = sentence.contains(['?', '？']);
        return Some(if asked || how == Before::ReportWord {
            NotNow::Earlier
        } else {
            NotNow::Over
        });
    }
    let past = EARLIER.is_match(tail) && !NOW.is_match(tail) && !STILL.is_match(tail);
    (past && how != Before::ReportWord).then_some(NotNow::Earlier)
}

/// Words that open a clause about what was just named: "that", "it", "which", "das",
/// `这个`, after a conjunction or not.
static BACK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:but|and|yes|aber|und|doch)\s+)?(?:that|this|it|it's|which|those|these|they|das|dies|dieser|diese|es|der|die)\b|^(?:但是?|不过|而且|可是)?(?:这个|那个|这|它|该|此)",
    )
});

/// The clause after `clause_end` (on the same line) when it opens with a word that refers
/// back ([`BACK`]), up to its sentence's end.
fn referring_clause(text: &str, clause_end: usize) -> Option<&str> {
    let line = text.get(clause_end..)?.split('\n').next()?;
    let skipped = line
        .trim_start_matches(|c: char| c.is_whitespace() || ",;.!?:)-–—，。；？！）".contains(c));
    BACK.find(skipped)?;
    let from = clause_end + (line.len() - skipped.len());
    let end = around(text, from, true, ends_sentence).end;
    text.get(from..end)
}

/// The code's line with the JSON object around it written as the code alone, and where
/// the code is in it, when the object stands inside a sentence ([`body_in_sentence`]):
/// the sentence says whether the body is an error the customer has now.
fn sentence_around_object(text: &str, at: usize) -> Option<(String, usize)> {
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

/// Words that say an error is over.
static OVER: LazyLock<Regex> = LazyLock::new(|| re(OVER_WORDS));
const OVER_WORDS: &str = r"(?i)\b(?:gone(?: away)?|went away|disappeared|vanished|resolved|fixed|solved|cleared up|(?:no longer|no more|not any ?more|stopped|don'?t|do not|doesn'?t|does not)(?: \w+){0,2}? (?:see|seeing|seen|get|getting|receive|receiving|hit|hitting|happen\w*|occur\w*|appear\w*|show\w*|reproduc\w*|com(?:e|es|ing))\b|(?:errors?|issues?|problems?|have|has|had|were|was|are|is) stopped\b|(?:is|are|was|were) (?:now )?(?:history|over|a thing of the past)\b|no longer (?:an? )?(?:issue|problem|error)s?\b)|已[^，。；,.;]{0,6}?(?:解决|修复|消失|恢复)|解决了|修复了|消失了|没有了|不再|恢复正常|已经好了|现在好了|(?i:\b(?:behoben|gelöst|erledigt|verschwunden|repariert|gefixt)\b|\b(?:nicht|nie|keine?n?) (?:\w+ ){0,2}?mehr (?:\w+ ){0,2}?(?:auf|vor|gesehen|aufgetreten|aufgetaucht|gekommen)\b|\b(?:tritt|treten|taucht|tauchen|kommt|kommen|erscheint|erscheinen|sehen|bekommen|erhalten)\b(?: \w+){0,3}? (?:nicht|nie) mehr\b)|(?i:\b(?:solucionad[oa]s?|resuelt[oa]s?|arreglad[oa]s?|corregid[oa]s?|résolue?s?|corrigée?s?|réglée?s?|resolvid[oa]s?|corrigid[oa]s?|ya funciona)\b)";
/// Words that keep an error current, or make the sentence a question (Spanish, French
/// and Portuguese negations too: "no está solucionado" keeps it).
static STILL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:not|never|still|again|back|yet|un(?:resolved|fixed|solved)|reappear\w*|recur\w*|persist\w*|keeps?|supposed(?:ly)?|should have been|thought|meant to|nicht|noch|wieder|weiterhin|erneut|ungelöst|no|todavía|aún|sigue|siguen|pas|toujours|encore|ainda|não)\b|n't\b|\?|？|没有?解决|未解决|未修复|没有?修复|仍|还是|依然|又|再次|重新",
    )
});
/// Words that place an error in the past.
static EARLIER: LazyLock<Regex> = LazyLock::new(|| re(EARLIER_WORDS));
const EARLIER_WORDS: &str = r"(?i)\b(?:previously|previous|earlier|formerly|before|ago|used to|last (?:week|month|year|time|night|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|vorher|früher|zuvor|damals|(?:letzte|vorige)[nrs]? (?:woche|monat|jahr|mal|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag))\b|之前|以前|上周|上个?月|上次|去年|曾经?";
/// Words that place an error now.
static NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:now|today|currently|still|again|since|keeps?|continu\w*|persist\w*|every|always|jetzt|heute|aktuell|derzeit|momentan|zurzeit|seit|immer noch|noch immer|wieder|weiterhin|ständig)\b|现在|目前|至今|一直|仍|还|又|依然",
    )
});
/// A parenthesis that refers to another ticket or page: `(see INC-4411: …)`, `(#123)`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| re(REFERENCE_WORDS));
const REFERENCE_WORDS: &str =
    r"(?-i:\b[A-Z]{2,}-\d+\b)|(?i)\b(?:see|ref|cf|ticket|case|incident)\b|#\d+|工单|参见|详见";

/// [`OVER`], [`EARLIER`] and [`REFERENCE`] in one pattern, without their word
/// boundaries: it matches wherever one of them matches in any part of the text searched
/// (and more), so a line it does not match holds no word that could say a code on it is
/// over or earlier. Without boundaries it runs on the regex crate's fast engine on any
/// text, ASCII or not.
static PAST_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let loose = |p: &str| p.replace(r"(?-u:\b)", "").replace(r"\b", "");
    re(&format!(
        "(?:{})|(?:{})|(?:{})",
        loose(OVER_WORDS),
        loose(EARLIER_WORDS),
        loose(REFERENCE_WORDS)
    ))
});

/// What a label line says of the errors under it ("Before (fixed since Friday):",
/// "Now:", "现在："): see `labels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heading {
    /// Over or earlier: what follows is not the customer's current error.
    Past(NotNow),
    /// Now, still or new: what follows is current.
    Now,
    /// Neither ("Response:", "Body:").
    Neither,
}

/// Whether `text` has a word that says an error is over anywhere (read before its lines
/// are asked one by one).
pub(crate) fn says_over(text: &str) -> bool {
    OVER.is_match(text)
}

/// Whether `text` has a word that keeps an error current or asks about it ("still",
/// "not", "again", a question): words that say it is over do not count beside one.
pub(crate) fn vetoed(text: &str) -> bool {
    STILL.is_match(text)
}

/// Where `text` says an error is over, when nothing in it says it is not: the byte its
/// words that say so start at.
pub(crate) fn over_at(text: &str) -> Option<usize> {
    let m = OVER.find(text)?;
    over(text, text).then_some(m.start())
}

/// Whether `text` opens with a word that refers back to what was just named ("that",
/// "it", "das", `这个`).
pub(crate) fn refers_back(text: &str) -> bool {
    BACK.is_match(text)
}

/// The codes `text` names (`APIG.0308`, `apig 0308`), as the catalog writes them.
pub(crate) fn codes_in(text: &str) -> Vec<String> {
    CODE.find_iter(text)
        .map(|c| crate::catalog::catalog_code(c.as_str()))
        .collect()
}

/// Words a label says now with, beyond [`NOW`]: "After:", "New:", `之后：`, `最新：`.
static LABEL_NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:after|afterwards|new|newer|latest|current|this (?:morning|afternoon|evening|week)|tonight|danach|nachher|neu\w*)\b|之后|以后|后来|新|最新|今天|今日|当前",
    )
});

/// What the words of a label say of what follows them. Its last clause outside brackets
/// speaks first ("限流的问题已经解决了，但是现在出现了新的错误：" is about now), then a
/// bracket beside a bare word ("Before (fixed since Friday):", "之前（已修复）：").
pub(crate) fn heading(label: &str) -> Heading {
    let outside = BRACKETED.replace_all(label, " ");
    let last = last_clause(&outside);
    if over(last, last) {
        return Heading::Past(NotNow::Over);
    }
    if NOW.is_match(last) || STILL.is_match(last) || LABEL_NOW.is_match(last) {
        return Heading::Now;
    }
    let brackets: Vec<&str> = BRACKETED.find_iter(label).map(|m| m.as_str()).collect();
    if brackets.iter().any(|b| over(b, b)) {
        return Heading::Past(NotNow::Over);
    }
    if brackets
        .iter()
        .any(|b| NOW.is_match(b) || STILL.is_match(b))
    {
        return Heading::Now;
    }
    if EARLIER.is_match(last) {
        return Heading::Past(NotNow::Earlier);
    }
    Heading::Neither
}

/// A bracketed part of a label: `(fixed since Friday)`, `（已修复）`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| re(r"[(（][^()（）]*[)）]"));

/// The last clause of `text`: after its last clause end or " but ".
fn last_clause(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_clause(text, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = text.get(start..).unwrap_or_default();
    let but = tail
        .to_ascii_lowercase()
        .rfind(" but ")
        .map_or(0, |i| i + 5);
    tail.get(but..).unwrap_or_default()
}

/// Whether the clause says the error is over, and nothing in its sentence says it is not.
fn over(clause: &str, sentence: &str) -> bool {
    let Some(m) = OVER.find(clause) else {
        return false;
    };
    // The words that say it is over ("no longer", "don't see") are no veto of their own.
    let rest = sentence.replacen(m.as_str(), " ", 1);
    !STILL.is_match(&rest)
}

/// Whether the code at `at` is named as an earlier error: a time in the past in its
/// clause, or a parenthesis around it that refers to another ticket, and no word of now.
fn earlier(text: &str, at: usize, clause: &str) -> bool {
    if NOW.is_match(clause) {
        return false;
    }
    EARLIER.is_match(clause)
        || parenthesis(text, at)
            .and_then(|p| text.get(p))
            .is_some_and(|p| REFERENCE.is_match(p))
}

/// Whether `c` ends a sentence at byte `i` of `text`: `.!?;` before a space or the end
/// (not the dot of `APIG.0308` or `e.code`), the Chinese stops, a line's end.
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '\n' | '。' | '！' | '？' | '；' | ';' => true,
        '.' | '!' | '?' => text
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
fn around(
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
static CODE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:apigw|apig|apic)[ ._-]?\d{4}\b"));

/// The sentence of the code at `at`, from the code before it to the code after it when it
/// names others ("APIG.0303 went away, but now APIG.0304 The app is not authorized": the
/// "not" is the other code's).
fn sentence(text: &str, at: usize) -> &str {
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
fn clause_range(text: &str, at: usize) -> Range<usize> {
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
fn parenthesis(text: &str, at: usize) -> Option<Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::{NotNow, not_now};

    const BODY: &str = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist.\"}";

    /// How the first `APIG.` code of `text` is not current, if it is not.
    fn of(text: &str) -> Option<NotNow> {
        not_now(text, text.find("APIG.").expect("a code"))
    }

    #[test]
    fn words_after_a_body_on_its_line_that_say_it_is_fixed_make_it_over() {
        for after in [
            " (behoben, seit gestern geht es)",
            " 这个错误已修复",
            " — fixed by the backend team yesterday",
            " (ya está solucionado)",
            " → 已经解决了",
        ] {
            let text = format!("{BODY}{after}");
            assert_eq!(of(&text), Some(NotNow::Over), "{text}");
        }
        for after in [
            " (not fixed yet)",
            " still failing after the fix",
            " (same as before)",
            " took 30 ms",
            " 仍未解决",
        ] {
            let text = format!("{BODY}{after}");
            assert_eq!(of(&text), None, "{text}");
        }
    }

    #[test]
    fn a_code_said_to_be_over_is_over() {
        for text in [
            "APIG.0308 errors are gone, everything returns 200 now",
            "The APIG.0308 errors from yesterday are gone after we raised the limit.",
            "we fixed APIG.0308 last week, now 401.",
            "APIG.0308 has been resolved by the backend team",
            "We no longer see APIG.0308 since the deploy",
            "APIG.0308 stopped happening after noon",
            "(see INC-4411: APIG.0101, resolved in May)",
            "last month they had APIG.0308 (solved by raising the limit); today 403",
            "上周的 APIG.0308 限流问题已经解决了",
            "APIG.0308 不再出现了",
            "APIG.0308 已经没有了",
            "之前的 APIG.0301 问题已经修复。",
        ] {
            assert_eq!(of(text), Some(NotNow::Over), "{text}");
        }
    }

    #[test]
    fn a_code_still_there_or_asked_about_is_not_over() {
        for text in [
            "APIG.0308 is still not fixed",
            "I thought APIG.0308 was fixed but it's back",
            "Has APIG.0308 been resolved?",
            "APIG.0308 keeps coming back after being fixed",
            "APIG.0308 问题仍未解决",
            "APIG.0308 又出现了，之前已经解决",
            "{\"error_code\":\"APIG.1234\",\"error_msg\":\"The API group is no longer available on the marketplace.\"}",
            "2026-12-07T10:00:00Z ERROR APIG.0201 backend stopped responding",
        ] {
            assert_ne!(of(text), Some(NotNow::Over), "{text}");
        }
        let two = "APIG.0308 errors are gone, but now APIG.0303 is not fixed";
        assert_eq!(of(two), Some(NotNow::Over));
        assert_eq!(not_now(two, two.rfind("APIG.").expect("a code")), None);
    }

    #[test]
    fn a_code_named_as_earlier_is_earlier_unless_a_word_reports_it() {
        for text in [
            "(see INC-4411: APIG.0101 for the history)",
            "APIG.0308 last week, now something else",
            "Previously: APIG.0308 on the orders API",
            "Earlier in May: APIG.0303",
            "之前报过 APIG.0308 的工单",
        ] {
            assert_eq!(of(text), Some(NotNow::Earlier), "{text}");
        }
        for text in [
            "the customer got APIG.0308 last week",
            "Since last week: APIG.0308 on every call",
            "APIG.0308 again today, as previously",
            "HTTP 401 APIG.0303",
            "2026-12-07T10:00:00Z ERROR retrying if possible: APIG.0308",
            "2026-12-07T10:00:00Z WARN previously cached token rejected: APIG.0307",
        ] {
            assert_eq!(of(text), None, "{text}");
        }
    }
}
