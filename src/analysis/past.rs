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
                "named inside a sentence as resolved, fixed or gone: not an error the customer has now"
            }
            NotNow::Earlier => {
                "named inside a sentence or a reference as an earlier error (a past ticket, \"last week\", \"previously\"): not the current one"
            }
            NotNow::Source => {
                "written in source code (a comparison, a case label, a comment or a constant): not an error that happened"
            }
            NotNow::Documentation => {
                "looks like documentation or a runbook (a condition such as \"if the response is …\"), not a response"
            }
            NotNow::Table => {
                "a row of a table of codes with no time or request id in any row: documentation, or a list of errors seen (read as a guess, never the match)"
            }
            NotNow::Quoted => {
                "seen in the e-mail's quoted history (an earlier message of the thread), below a message that reports its own error"
            }
        }
    }
}

/// Why the code at byte `at` of `text` (narrowed) is not a current error, if it is not.
pub(crate) fn not_now(text: &str, at: usize) -> Option<NotNow> {
    if super::source::in_source(text, at) {
        return Some(NotNow::Source);
    }
    let how = before(text, at);
    if how == Before::FailureLevel {
        // A failure the log reports ("ERROR retrying if possible: APIG.0308"): whatever
        // the words, it happened.
        return None;
    }
    if how == Before::Key {
        // A record's field (`"error_code":"APIG.0308"`, a catalog message after it that
        // says "no longer"): what it says is what happened, unless a condition holds it
        // (a runbook's example body).
        return runbook::conditional(text, at).then_some(NotNow::Documentation);
    }
    if runbook::conditional(text, at) {
        return Some(NotNow::Documentation);
    }
    let (clause, sentence) = (clause(text, at), sentence(text, at));
    if over(clause, sentence) {
        return Some(NotNow::Over);
    }
    // A word that says the code came back (`got`, `returned`) reports it, whatever the
    // time ("the customer got APIG.0308 last week" is the ticket's error).
    (how != Before::ReportWord && earlier(text, at, clause)).then_some(NotNow::Earlier)
}

/// Words that say an error is over.
static OVER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:gone(?: away)?|went away|disappeared|vanished|resolved|fixed|solved|cleared up|(?:no longer|no more|not any ?more|stopped|don'?t|do not|doesn'?t|does not)(?: \w+){0,2}? (?:see|seeing|seen|get|getting|receive|receiving|hit|hitting|happen\w*|occur\w*|appear\w*|show\w*|reproduc\w*|com(?:e|es|ing))\b|(?:errors?|issues?|problems?|have|has|had|were|was|are|is) stopped\b|(?:is|are|was|were) (?:now )?(?:history|over|a thing of the past)\b|no longer (?:an? )?(?:issue|problem|error)s?\b)|已[^，。；,.;]{0,6}?(?:解决|修复|消失|恢复)|解决了|修复了|消失了|没有了|不再|恢复正常",
    )
});
/// Words that keep an error current, or make the sentence a question.
static STILL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:not|never|still|again|back|yet|un(?:resolved|fixed|solved)|reappear\w*|recur\w*|persist\w*|keeps?)\b|n't\b|\?|？|没有?解决|未解决|未修复|没有?修复|仍|还是|依然|又|再次|重新",
    )
});
/// Words that place an error in the past.
static EARLIER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:previously|previous|earlier|formerly|before|ago|used to|last (?:week|month|year|time|night|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))\b|之前|以前|上周|上个?月|上次|去年|曾经?",
    )
});
/// Words that place an error now.
static NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:now|today|currently|still|again|since|keeps?|continu\w*|persist\w*|every|always)\b|现在|目前|至今|一直|仍|还|又|依然",
    )
});
/// A parenthesis that refers to another ticket or page: `(see INC-4411: …)`, `(#123)`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?-i:\b[A-Z]{2,}-\d+\b)|(?i)\b(?:see|ref|cf|ticket|case|incident)\b|#\d+|工单|参见|详见")
});

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
    EARLIER.is_match(clause) || parenthesis(text, at).is_some_and(|p| REFERENCE.is_match(p))
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

/// The clause of the code at `at`: the parenthesis it is in ("(see INC-4411: APIG.0101,
/// resolved in May)"), else its words up to a comma or " but ", with a parenthesis right
/// after them ("APIG.0308 (solved by raising the limit)").
pub(crate) fn clause(text: &str, at: usize) -> &str {
    if let Some(inner) = parenthesis(text, at) {
        return inner;
    }
    let part = around(text, at, false, ends_clause);
    // " but " ends a clause too (ASCII lower-casing keeps every byte where it was).
    let lower = text
        .get(part.clone())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let own = at - part.start;
    let start = lower
        .get(..own)
        .and_then(|b| b.rfind(" but "))
        .map_or(part.start, |i| part.start + i + 5);
    let end = lower
        .get(own..)
        .and_then(|a| a.find(" but "))
        .map_or(part.end, |i| at + i);
    // A parenthesis that follows the clause says something of its code.
    let after = text.get(part.end..).unwrap_or_default();
    let close = match after.strip_prefix('(').or_else(|| after.strip_prefix('（')) {
        Some(inner) if end == part.end => inner
            .find([')', '）', '\n'])
            .map_or(text.len(), |i| part.end + after.len() - inner.len() + i),
        _ => end,
    };
    text.get(start..close).unwrap_or_default()
}

/// The text of the parenthesis around byte `at` on its line, if it is in one.
fn parenthesis(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let open = before.get(line_start..)?.rfind(['(', '（'])? + line_start;
    if before.get(open..)?.contains([')', '）']) {
        return None;
    }
    let after = text.get(at..)?;
    let close = after.find([')', '）', '\n'])?;
    text.get(open..at + close)
}

#[cfg(test)]
mod tests {
    use super::{NotNow, not_now};

    /// How the first `APIG.` code of `text` is not current, if it is not.
    fn of(text: &str) -> Option<NotNow> {
        not_now(text, text.find("APIG.").expect("a code"))
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
