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

/// How many lines after an error a chat's remark on it may come, with no other code
/// between: a colleague's message, a speaker's name and time lines (`张三 10:12`).
const REMARK_WITHIN: usize = 6;

/// The lines with a code that a later line says are over: the next line ("{…}" then "^
/// that one is fixed now", a chat's "[10:05] ben: 0101 gone 👍"), or a chat's later message
/// that points at it ("[10:15] Anna: that one's gone now"), with no other line with a code
/// between and at most [`REMARK_WITHIN`] lines on (`remark_over`).
pub(crate) fn remarked(view: &str) -> Vec<(Range<usize>, NotNow)> {
    let mut out = Vec::new();
    // Only a line after one with a code can be a remark on it: a paste without a code
    // has none. Its pattern reads any text fast, where the words that say over (with
    // Unicode word boundaries) read text that is not ASCII, bytes of a binary file, on
    // the regex crate's slowest engine: they are looked for once, and only when a line
    // follows one with a code.
    if !has_code(view) {
        return out;
    }
    let mut says_over: Option<bool> = None;
    let mut pos = 0;
    let mut coded: Option<Coded<'_>> = None;
    // Where the run of a pretty-printed body's lines that the current line ends began.
    let mut body_from: Option<usize> = None;
    let mut exchange = Exchange::default();
    for line in view.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let in_body = body_line(line);
        exchange.read(line, start, in_body);
        if line.trim().is_empty() {
            continue;
        }
        body_from = if in_body {
            body_from.or(Some(start))
        } else {
            None
        };
        let mut remark = false;
        if let Some(c) = coded.as_mut() {
            // The rest of the coded line's body (its message, its `}`) is that error's.
            if c.body && in_body && !has_code(line) {
                c.range.end = pos;
                continue;
            }
            c.body = false;
            c.after += 1;
            if c.after <= REMARK_WITHIN {
                if !*says_over.get_or_insert_with(|| past::says_over(view)) {
                    // Nothing in the paste says anything is over.
                    return out;
                }
                if remark_over(c.line, line) {
                    out.push((c.range.clone(), NotNow::Over));
                    remark = true;
                } else {
                    match turn(c.line, line) {
                        Turn::NewError => out.push((c.range.clone(), NotNow::Replaced)),
                        Turn::Fixed => c.fixed = true,
                        Turn::Other if c.fixed && has_other_code(c.line, line) => {
                            out.push((c.range.clone(), NotNow::Replaced));
                        }
                        Turn::Other => {}
                    }
                }
            }
        }
        if remark {
            coded = None;
        } else if has_code(line) {
            let from = if in_body {
                body_from.unwrap_or(start)
            } else {
                start
            };
            // A response's body is remarked on with its status line and headers: they are
            // that error's facts, never an error of their own without it.
            let from = exchange.from.map_or(from, |at| at.min(from));
            coded = Some(Coded {
                range: from..pos,
                line,
                after: 0,
                fixed: false,
                body: in_body,
            });
        }
    }
    out
}

/// The last line with a code, how many lines (blank ones aside) came after it, and
/// whether one of them said something is fixed without pointing at it ([`Turn::Fixed`]).
struct Coded<'t> {
    range: Range<usize>,
    line: &'t str,
    after: usize,
    fixed: bool,
    /// Whether its line is one of a pretty-printed body's, which the lines after it
    /// continue while they are too.
    body: bool,
}

/// The HTTP exchange the lines read so far are in: where its request or status line
/// began, while the lines after it are a transcript's (`< …`, `> …`, `* …`), its headers
/// (up to the blank line) or its body.
#[derive(Default)]
struct Exchange {
    from: Option<usize>,
    /// Its status line was read (a status line after it begins another exchange).
    answered: bool,
    /// Its header lines are being read.
    headers: bool,
}

impl Exchange {
    /// Read `line` at byte `start`; `in_body` says it is a body's line.
    fn read(&mut self, line: &str, start: usize, in_body: bool) {
        let http = line.contains("HTTP/");
        let trimmed = line.trim();
        if http && REQUEST_LINE.is_match(line) {
            *self = Exchange {
                from: Some(start),
                answered: false,
                headers: true,
            };
        } else if http && STATUS_LINE.is_match(line) {
            let from = self.from.filter(|_| !self.answered).unwrap_or(start);
            *self = Exchange {
                from: Some(from),
                answered: true,
                headers: true,
            };
        } else if trimmed.is_empty() {
            self.headers = false;
        } else if trimmed.starts_with(['<', '>', '*']) {
            // A transcript's line; curl's lone `<` ends the response's headers.
            self.headers &= trimmed != "<";
        } else if in_body || (self.headers && HEADER.is_match(trimmed)) {
            // A header keeps the headers read; a body's line ends them.
            self.headers &= !in_body;
        } else {
            *self = Exchange::default();
        }
    }
}

/// A request line (of a transcript, `> GET /v1 HTTP/1.1`), a status line, a header.
static REQUEST_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[>\s]*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP/"));
static STATUS_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^[<\s]*HTTP/\d(?:\.\d)?\s+\d{3}\b"));
static HEADER: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z][\w-]*:\s"));

/// Whether `line` is one of a pretty-printed JSON body's: a brace, an array's bracket
/// (not a chat's `[10:02]`), or a key and its value.
fn body_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['{', '}', ']'])
        || t == "["
        || t.starts_with("[{")
        || (t.starts_with('"') && t.contains("\":"))
}

/// What a chat's later line says of the error above it when it does not point at it.
#[derive(Debug, PartialEq, Eq)]
enum Turn {
    /// Something is fixed, then another error is reported on the line ("ok the token
    /// thing is fixed … every other call fails with APIG.0308", "the 401 is fixed, now it
    /// says 403: {…}"): the thread moved on from the error above.
    NewError,
    /// Something is fixed, and no code follows on the line ("ok the token thing is fixed,
    /// I regenerated it"): a later line's other code is the new error.
    Fixed,
    /// Neither.
    Other,
}

/// What `line` (a chat's later line, not a log record) says of the error of `above`
/// when it says something is fixed before any code of its own, naming no code but
/// `above`'s there. Unsure what was fixed, it only makes the error above the one the
/// thread moved on from ([`NotNow::Replaced`]), never over.
fn turn(above: &str, line: &str) -> Turn {
    let words = CHAT_PREFIX.replace(line.trim(), "");
    let words = words.trim();
    if words.chars().count() > 300 || LOG_RECORD.is_match(words) {
        return Turn::Other;
    }
    // The line's own words end where its error begins: a code, or the body holding it.
    let first_code = CODE_AT.find(words).map(|m| m.start());
    let head_end = first_code.map(|at| words.get(..at).unwrap_or_default().find('{').unwrap_or(at));
    let head = words
        .get(..head_end.unwrap_or(words.len()))
        .unwrap_or_default();
    if head.contains(['{', '=']) || past::over_at(head).is_none() || past_label(head) {
        return Turn::Other;
    }
    let above_codes = past::codes_in(above);
    if past::codes_in(head)
        .iter()
        .any(|c| !above_codes.contains(c))
    {
        return Turn::Other;
    }
    // The code after must be a new report ("now it says", "every call fails with"), not
    // what the words fixed ("We fixed APIG.0308 last week").
    match first_code {
        Some(_) if has_other_code(above, words) && past::turn_after_over(head).is_some() => {
            Turn::NewError
        }
        Some(_) => Turn::Other,
        None => Turn::Fixed,
    }
}

/// Whether `head` is a label that says what follows it is over or earlier ("Before
/// (fixed since Friday):", "**Old error (resolved):**"): it heads the lines under it
/// (`labels`), it does not move a thread on. "the 401 is fixed, now it says 403:" ends
/// on now.
fn past_label(head: &str) -> bool {
    let label = head
        .trim()
        .trim_matches(|c: char| c == '*' || c == '#' || c.is_whitespace());
    label.ends_with([':', '：']) && matches!(past::heading(label), past::Heading::Past(_))
}

/// Whether `line` names a code `above` does not.
fn has_other_code(above: &str, line: &str) -> bool {
    let above_codes = past::codes_in(above);
    past::codes_in(line)
        .iter()
        .any(|c| !above_codes.contains(c))
}

/// A log record's level or date: its lines are the log's, not a chat's remarks.
static LOG_RECORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\d{4}-\d{2}-\d{2}|\b(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|SEVERE)\b")
});

/// A code, where a line's own words end and its error begins.
static CODE_AT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:apigw|apig|apic)[ ._-]?\d{4}\b"));

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
    // A line that ends with a colon introduces what follows it ("Last week's error,
    // solved:"): a label over the lines below, no remark on the one above.
    if words.chars().count() > 120
        || words.contains(['{', '='])
        || words.contains("HTTP/")
        || words.ends_with([':', '：'])
    {
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
    // Only the clause the word that says over is in may lack a subject ("NTP was off
    // by 20 min. fixed it, all good now", "调大了，现在好了").
    let before = words.get(..at).unwrap_or_default();
    let sentence = before
        .rsplit(['.', '!', '?', ';', ',', '。', '！', '？', '；', '，'])
        .next()
        .unwrap_or(before);
    pointed || subjectless(sentence)
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
#[path = "remarks_tests.rs"]
mod tests;
