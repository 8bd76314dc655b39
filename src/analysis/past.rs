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
//!
//! The parts: `words` (what the words of each language say), `clause` (where a code's
//! clause, sentence and parenthesis lie), `bodies` (a JSON body inside a sentence) and
//! `heading` (what a label line says of the lines under it).

mod bodies;
mod clause;
mod heading;
mod words;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::passing::{Before, before};
use super::runbook;
use crate::pattern::re;
pub(crate) use bodies::body_in_sentence;
use bodies::sentence_around_object;
use clause::{CODE, around, clause_range, ends_sentence, sentence};
pub(crate) use clause::{ends_clause, line_around, line_range};
pub(crate) use heading::{Heading, heading};
use words::{EARLIER, NOW, OVER, PAST_WORDS, SHIFT, STILL, earlier, over};

/// Why a code a paste writes is not the customer's current error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NotNow {
    /// Named as an earlier error: counted only when nothing else is reported.
    Earlier,
    /// The value a test's failure report says it received (`Received: "APIG.0303"`,
    /// JUnit's `but was: <APIG.0303>`): maybe the response's code, but written as a
    /// value, not a response. As [`NotNow::Test`], and listed before what was expected.
    TestReceived,
    /// In a test's assertion or its failure report (`assert 'APIG.0303' == …`, pytest's
    /// `E  + APIG.0303`): a value a test compared, which may be what came back or what
    /// was expected. Counted only when nothing else is reported, and then as a guess.
    Test,
    /// The value a test's failure report says the test expected (JUnit's `expected:
    /// <APIG.0308>`, Hamcrest's `Expected: "APIG.0308"`): what the test wanted, never
    /// an error, even alone.
    TestExpected,
    /// A row of a table of codes with no time or request id in any row: documentation
    /// copies the catalog so, and so does a customer listing the errors seen. Counted only
    /// when nothing else is reported, and then as a guess, never the match.
    Table,
    /// In an e-mail's quoted history below a message that reports its own error.
    Quoted,
    /// Above a later message of a thread that says an error is fixed and reports another
    /// one after it ("ok the token thing is fixed … now every call fails with
    /// APIG.0308"): the error the thread moved on from.
    Replaced,
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
        matches!(
            self,
            NotNow::Over | NotNow::Source | NotNow::Documentation | NotNow::TestExpected
        )
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
            NotNow::TestReceived => {
                "written in a test's failure report as the value it received (`Received:`, `but was:`): probably the response's code, but not a response the paste shows"
            }
            NotNow::TestExpected => {
                "written in a test's failure report as the value the test expected (`expected:`, `Expected:`, or pytest's literal compared with the response it received): what the test wanted, not an error that happened"
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
            NotNow::Replaced => {
                "an earlier error of the thread: a later message says an error is fixed and reports a new one after it, which is the current error (check that the fix was for this one)"
            }
            NotNow::Quoted => {
                "seen in the e-mail's quoted history (an earlier message of the thread), beside a new message that reports its own error"
            }
        }
    }
}

/// Where a code only named is written, in a few words for a row's reason and a group's
/// line ("row uncertain: APIG.0308 is only {…}"): a table row or a test's report is no
/// sentence, and the answer does not call it one.
pub(crate) fn written(kind: Option<NotNow>) -> &'static str {
    match kind {
        None | Some(NotNow::Over | NotNow::Earlier) => "named inside a sentence",
        Some(NotNow::Table) => "listed in a table of codes",
        Some(NotNow::Test | NotNow::TestReceived | NotNow::TestExpected) => {
            "written in a test's failure report"
        }
        Some(NotNow::Quoted) => "in the e-mail's quoted history",
        Some(NotNow::Replaced) => "in an earlier message of the thread",
        Some(NotNow::Documentation) => "written in documentation or a runbook",
        Some(NotNow::Source) => "written in source code",
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
    if super::source::right_literal(text, at) {
        // `assert 'APIG.0201' == 'APIG.0308'`: a comparison, but a test's report of it.
        return (Some(NotNow::TestExpected), false);
    }
    if super::source::in_source(text, at) {
        return (Some(NotNow::Source), false);
    }
    if super::source::expected_in_report(text, at) {
        return (Some(NotNow::TestExpected), false);
    }
    if super::source::in_test(text, at) {
        let kind = if super::source::received_value(text, at) {
            NotNow::TestReceived
        } else if super::source::expected_value(text, at) {
            NotNow::TestExpected
        } else {
            NotNow::Test
        };
        return (Some(kind), false);
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
    let said = said_of(text, at, how);
    if said.is_none() && super::passing::replaced(text, at) {
        // A later code said with "now" replaced it ("We got APIG.0301 before. Now it
        // says APIG.0302"): history, whatever word reported it.
        return (Some(NotNow::Earlier), false);
    }
    (said, how == Before::Passing)
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
    let range = after_shift(text, range, at);
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

/// The clause `range` of the code at `at`, from where it turns to a new statement when
/// words that say something is over stand before the code and a word of now or of a
/// failure comes between them ("the token thing is fixed and now every call fails with
/// APIG.0308"): the words before the turn are about another error, which the code
/// replaced. "we no longer get APIG.0308", "fixed the bug behind APIG.0308" are read
/// whole.
fn after_shift(text: &str, range: Range<usize>, at: usize) -> Range<usize> {
    match text.get(range.start..at).and_then(turn_after_over) {
        Some(turn) => range.start + turn..range.end,
        None => range,
    }
}

/// Where `before` (the words before a code) turns to a new statement after its last
/// words that say something is over ("the 401 is fixed, now it says …", "ok the token
/// thing is fixed … every other call fails with"): the byte of the turning word.
pub(crate) fn turn_after_over(before: &str) -> Option<usize> {
    let over = OVER.find_iter(before).last()?;
    // "fixed now: APIG.0308" is still the code's own "now".
    let gap = before.get(over.end()..).unwrap_or_default();
    let trimmed = gap.trim_start();
    let skip = ["now", "Now", "NOW"]
        .iter()
        .find_map(|w| trimmed.strip_prefix(w))
        .map_or(0, |rest| gap.len() - rest.len());
    let turn = SHIFT.find(gap.get(skip..).unwrap_or_default())?;
    Some(over.end() + skip + turn.start())
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

/// The range of the sentence of `text` around byte `at` (a code's own dot is no end).
pub(crate) fn sentence_range(text: &str, at: usize) -> Range<usize> {
    around(text, at, true, ends_sentence)
}

/// The sentence of the code at byte `at` of `text` (up to the codes around it) when it
/// has a word of now ("today again APIG.0402, request id …", "heute wieder APIG.0402").
pub(crate) fn sentence_said_now(text: &str, at: usize) -> Option<&str> {
    let sentence = sentence(text, at);
    NOW.is_match(sentence).then_some(sentence)
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
            "El APIG.0308 ya no nos sale desde ayer",
            "L'APIG.0308 ne se produit plus",
            "Der APIG.0308 war dann weg",
            "O APIG.0308 desapareceu",
            "APIG.0308 不见了",
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
            "¿APIG.0308 ya no aparece? Todavía sale en cada llamada",
            "APIG.0308 没了解决办法",
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
            "Antes teníamos APIG.0303 en las llamadas",
            "Auparavant on avait APIG.0303",
            "La semana pasada: APIG.0308",
            "Antes era APIG.0303",
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
            "Antes de llamar a la API recibimos APIG.0303",
        ] {
            assert_eq!(of(text), None, "{text}");
        }
    }
}
