//! Remarks on an error written on the line under it: a chat's or a reply's next line
//! ("^ that one is fixed now", "[10:05] ben: 0101 gone 👍", "Der Fehler ist behoben",
//! "这个错误已修复"). A fresh-eyes tester found the body above such a line counted as the
//! customer's current error. The line above is then headed as over (`labels`), as a
//! label above it would head it; "still failing", "not fixed" or a question keep it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::fields::has_code;
use super::past::{self, NotNow};
use crate::pattern::re;

/// The lines with a code that the next line (a blank one aside) says are over: "{…}"
/// then "^ that one is fixed now", a chat's "[10:05] ben: 0101 gone 👍" (`past::remark_over`).
pub(crate) fn remarked(view: &str) -> Vec<(Range<usize>, NotNow)> {
    let mut out = Vec::new();
    if !past::says_over(view) {
        return out;
    }
    let (mut pos, mut above): (usize, Option<(Range<usize>, &str)>) = (0, None);
    for line in view.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if let Some((range, prev)) = above.take()
            && has_code(prev)
            && remark_over(prev, line)
        {
            out.push((range, NotNow::Over));
        }
        above = Some((start..pos, line));
    }
    out
}

/// Whether `line` is a remark on the line above it (`above`, which holds a code) that
/// says its error is over: a chat's or reply's next line ("^ that one is fixed now",
/// "[10:05] ben: 0101 gone 👍", "Der Fehler ist behoben.", "这个错误已修复", "Ya está
/// solucionado"). The remark must point at it: `^`, a word that refers back ("that",
/// "das", "este error", `这个`), its code or the code's four digits, or no subject at
/// all (only a few filler words before the word that says over). A vetoing word ("still",
/// "not", a question) keeps the error, as in a sentence.
fn remark_over(above: &str, line: &str) -> bool {
    let words = CHAT_PREFIX.replace(line.trim(), "");
    let words = words.trim();
    if words.chars().count() > 120 || words.contains(['{', '=']) || words.contains("HTTP/") {
        return false;
    }
    let Some(at) = past::over_at(words) else {
        return false;
    };
    let above_codes = past::codes_in(above);
    let own_codes = past::codes_in(words);
    if own_codes.iter().any(|c| !above_codes.contains(c)) {
        return false;
    }
    let digits = |code: &String| {
        code.rsplit('.')
            .next()
            .is_some_and(|d| DIGITS.find_iter(words).any(|w| w.as_str() == d))
    };
    let pointed = words.starts_with(['^', '↑'])
        || past::refers_back(words)
        || BACK_REMARK.is_match(words)
        || !own_codes.is_empty()
        || above_codes.iter().any(digits);
    pointed || subjectless(words.get(..at).unwrap_or_default())
}

/// A chat line's time and speaker (`[10:05] ben: `, `10:05 Ana: `), and the `^` or `↑`
/// that points at the line above, before a remark's words.
static CHAT_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\[[^\]\n]{1,30}\]\s*|\d{1,2}:\d{2}(?::\d{2})?\s+)?(?:[\p{L}][\p{L}\d ._-]{0,30}[:：]\s+)?(?i:(?:thanks|thank you|thx|ok|okay|update|fyi|good news|danke|gracias|merci|obrigad[oa])[!,.:;]*\s+|(?:谢谢|好的)[!,.，。！]*\s*)?",
    )
});
/// Four digits standing alone (`0101 gone`).
static DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)\d{4}(?-u:\b)"));
/// Words of other languages that refer back to what was just named, and "the error".
static BACK_REMARK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[\^↑]\s*)?(?:(?:that|this|the) (?:one|error|issue|problem)|der fehler|dieser fehler|el error|este error|ese error|eso|esto|ce|cette erreur|cela|ça|isso|esse erro|este erro|o erro|l'erreur)\b|^(?:这个|那个|该|此)?(?:错误|问题|报错)",
    )
});

/// Whether only filler words stand before the word that says over ("Fixed now", "Ya
/// está solucionado", "Jetzt behoben", `已修复`): a remark with no subject of its own.
fn subjectless(before: &str) -> bool {
    const FILLERS: &[&str] = &[
        "now",
        "ok",
        "okay",
        "update",
        "all",
        "already",
        "finally",
        "is",
        "it's",
        "its",
        "ya",
        "está",
        "esta",
        "es",
        "ist",
        "jetzt",
        "schon",
        "inzwischen",
        "mittlerweile",
        "já",
        "está",
        "c'est",
        "est",
        "maintenant",
        "déjà",
    ];
    before
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_lowercase();
            FILLERS.contains(&w.as_str()) || w.chars().all(|c| "现在已经都".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::remark_over;

    const BODY: &str = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist.\"}";

    #[test]
    fn a_remark_on_the_next_line_that_points_at_the_error_says_it_is_over() {
        for line in [
            "^ that one is fixed now",
            "[10:05] ben: 0101 gone 👍",
            "10:05 Ana: APIG.0101 is resolved",
            "Der Fehler ist behoben.",
            "这个错误已修复",
            "Ya está solucionado, gracias.",
            "Fixed now.",
            "↑ erledigt",
            "Thanks, it's fixed now!",
            "Update: das ist jetzt behoben",
            "谢谢，这个问题已经解决了",
        ] {
            assert!(remark_over(BODY, line), "{line}");
        }
        for line in [
            "^ still failing",
            "^ not fixed",
            "The deployment is fixed now but this error keeps coming.",
            "The deployment is fixed now.",
            "0308 is gone, this one is new",
            "APIG.0308 is resolved",
            "Is that one fixed?",
            "2026-12-07T10:00:00Z INFO retry resolved {\"ok\":true}",
        ] {
            assert!(!remark_over(BODY, line), "{line}");
        }
    }
}
