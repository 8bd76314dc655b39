//! An e-mail thread pasted whole: the message on top, then the quoted history below
//! "On Mon, 3 Jun 2024, X wrote:", "-----Original Message-----", an Outlook header
//! (`From: … Sent: …`, `发件人：… 发送时间：…`) or lines quoted with `>`. An error in the
//! history is an earlier message's: when the message on top reports an error of its own,
//! the history's are not counted and take none of its facts (the history is read apart),
//! and the answer says where they were seen. When the message on top reports none
//! ("see the customer's mail below"), the history holds the error, and is read as such.

use std::sync::LazyLock;

use regex::Regex;

use super::FoundError;
use super::past::{self, NotNow};
use crate::pattern::re;

/// A line that opens the history below it.
static OPENS_HISTORY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original|mensaje reenviado|message d'origine|message transféré|mensagem original|mensagem encaminhada|原始邮件|邮件原件|转发的邮件)\s*-{2,}|begin forwarded message:|(?:on|am|le|el|il|op)\s.+\b(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef)\b.*:|.+写道\s*[:：])\s*$",
    )
});
/// The first line of an Outlook header block, and the lines that make it one.
static FROM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:\*\*)?(?:from|发件人)\s*(?:\*\*)?\s*[:：]"));
static HEADER_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\s*(?:\*\*)?(?:sent|发送时间|时间|subject|主题)\s*(?:\*\*)?\s*[:：]")
});

/// A paste cut into the message on top and its quoted history, each as lines of the
/// paste (the history's quote marks kept: `views` removes them).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Thread {
    pub(crate) current: String,
    pub(crate) quoted: String,
}

/// The message on top and the history of `text`; None when it holds no history, or
/// nothing above it (a forwarded message alone is read as it is).
pub(crate) fn split(text: &str) -> Option<Thread> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let history = history_ranges(&lines);
    let quoting = super::views::quote_depth(text).is_some();
    let (mut current, mut quoted) = (String::new(), String::new());
    for (i, line) in lines.iter().enumerate() {
        let in_history = history.iter().any(|r| r.contains(&i))
            || (quoting && line.trim_start().starts_with('>'));
        if in_history {
            quoted.push_str(line);
        } else {
            current.push_str(line);
        }
    }
    (!quoted.trim().is_empty() && !current.trim().is_empty()).then_some(Thread { current, quoted })
}

/// The lines of the quoted history, as ranges of line indexes. An opening line whose
/// history is quoted with `>` (a reply written below the quote, "bottom-posted") holds
/// only that quote: the unquoted text after it is the new message. One whose history is
/// not quoted (Outlook's header, "Original Message") runs to the end. A paste that opens
/// with `>` lines and goes on unquoted is a bottom-posted reply without an attribution
/// line (not curl's request lines, which its `<` response lines follow).
fn history_ranges(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let quote = |l: &str| l.trim_start().starts_with('>');
    let blank = |l: &str| l.trim().is_empty();
    // The first line after `from` that is neither quoted nor blank.
    let run_end = |from: usize| {
        (from..lines.len())
            .find(|&j| lines.get(j).is_some_and(|l| !quote(l) && !blank(l)))
            .unwrap_or(lines.len())
    };
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let first = (0..lines.len()).find(|&j| lines.get(j).is_some_and(|l| !blank(l)));
    if let Some(first) = first.filter(|&f| lines.get(f).is_some_and(|l| quote(l))) {
        let end = run_end(first);
        let below = lines.get(end).copied().unwrap_or_default();
        let curl = lines
            .get(first..end)
            .is_some_and(|run| run.iter().any(|l| CURL_REQUEST.is_match(l)));
        if end < lines.len() && !curl && !below.trim_start().starts_with(['<', '*']) {
            out.push(first..end);
        }
    }
    let mut i = 0;
    while i < lines.len() {
        if out.iter().any(|r| r.contains(&i)) || !opens_history(lines, i) {
            i += 1;
            continue;
        }
        let next = (i + 1..lines.len()).find(|&j| lines.get(j).is_some_and(|l| !blank(l)));
        let quoted_below = next.is_some_and(|j| lines.get(j).is_some_and(|l| quote(l)));
        let end = if quoted_below {
            run_end(i + 1)
        } else {
            lines.len()
        };
        out.push(i..end);
        i = end.max(i + 1);
    }
    out
}

/// A request line or header that curl -v writes after `> ` (`> GET /v1 HTTP/1.1`,
/// `> Host: a`): such lines are a transcript, not an e-mail's quote.
static CURL_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*>\s*(?:(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP/|(?:Host|User-Agent|Accept|Content-Type|Content-Length|Authorization)\s*:)",
    )
});

/// Whether line `i` opens the history: an attribution line, an "Original Message" rule,
/// or `From:` followed within three lines by `Sent:` or `Subject:` (an HTTP response has
/// neither).
fn opens_history(lines: &[&str], i: usize) -> bool {
    let line = lines.get(i).copied().unwrap_or_default();
    let trimmed = line.trim_end();
    // Each form ends with a colon or a rule's dash: another line is not searched (the
    // pattern's Unicode `\b` runs on the regex crate's slowest engine on text that is
    // not ASCII).
    if trimmed.ends_with(['-', ':', '：']) && OPENS_HISTORY.is_match(trimmed) {
        return true;
    }
    FROM.is_match(line)
        && lines
            .iter()
            .skip(i + 1)
            .take(3)
            .any(|l| HEADER_NEXT.is_match(l))
}

/// The errors, those of the history (blocks from `history_from` on) not counted when the
/// message on top reports one of its own (a code, a match, an error status), with a
/// warning that names them; kept, with a note, when it reports none.
pub(crate) fn apply(
    found: Vec<FoundError>,
    history_from: usize,
    current: &str,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let quoted = |e: &FoundError| e.block >= history_from;
    if !found.iter().any(quoted) {
        return found;
    }
    let found = without_top_statuses_of_the_history(found, history_from);
    // A code only named in passing on top ("any news on APIG.0308?") asks about the
    // history's error; one said to be over or earlier is the top's own word on it.
    let reports = |e: &FoundError| {
        let coded = e.code.is_some() && (!e.named_in_passing || e.not_now.is_some());
        coded || e.matched().is_some() || e.http_status.is_some_and(|s| s >= 400)
    };
    if !found.iter().any(|e| !quoted(e) && reports(e)) {
        let found = without_statuses_said_over(found, history_from, current, warnings);
        if found.iter().any(quoted) {
            warnings.push(
                "Read from the e-mail's quoted history: the new message (outside the quote) reports no error of its own, so the quoted error is taken as the customer's.".into(),
            );
        }
        let found = with_the_top_s_request_id(found, history_from, current);
        let found = unsure_if_top_says_all_works(found, history_from, current, warnings);
        return unsure_if_top_names_another_status(found, history_from, current, warnings);
    }
    let (kept, history): (Vec<FoundError>, Vec<FoundError>) =
        found.into_iter().partition(|e| !quoted(e));
    let mut named: Vec<String> = history
        .iter()
        .map(|e| match (&e.code, e.http_status) {
            (Some(code), _) => code.clone(),
            (None, Some(status)) => format!("an error with status {status}"),
            (None, None) => "an error without a code".into(),
        })
        .collect();
    named.dedup();
    warnings.push(format!(
        "Not counted: {}, {}; no status, request id or date of the new message is given to it.",
        named.join(", "),
        NotNow::Quoted.said()
    ));
    kept
}

/// The quoted errors taken as the customer's, when the new message gives a request id of
/// its own ("still failing today, X-Request-Id: 9f9f…"): the quoted request id is an
/// earlier call's, not the paste's newest. Each quoted error says so, naming both, so the
/// answer does not present the old id as the call the customer asks about now. (A
/// fresh-eyes tester's paste showed only the quoted id.)
fn with_the_top_s_request_id(
    mut found: Vec<FoundError>,
    history_from: usize,
    current: &str,
) -> Vec<FoundError> {
    let Some(top) = super::fields::request_id_of(current) else {
        return found;
    };
    let same = |id: &str| super::fields::id_key(id) == super::fields::id_key(&top);
    for e in found.iter_mut().filter(|e| e.block >= history_from) {
        match e.request_id.as_deref() {
            Some(old) if same(old) => {}
            Some(old) => e.warnings.push(format!(
                "Request id {old} is the quoted earlier message's; the new message gives {top} for a later call, whose response it does not show: the row named is the quoted error's."
            )),
            None => e.warnings.push(format!(
                "The new message gives request id {top} for a later call, whose response it does not show: the row named is the quoted error's."
            )),
        }
    }
    found
}

/// A status alone on top (no code, row or request id) that an error of the quoted
/// history has is the top telling what the history shows ("they now see a 403" above
/// the forwarded 403 body), not an error of its own: it is dropped, so the history's
/// error is read as the customer's.
fn without_top_statuses_of_the_history(
    found: Vec<FoundError>,
    history_from: usize,
) -> Vec<FoundError> {
    let quoted_statuses = quoted_statuses(&found, history_from);
    found
        .into_iter()
        .filter(|e| {
            let status_only = e.code.is_none() && e.matched().is_none() && e.request_id.is_none();
            e.block >= history_from
                || !status_only
                || !e.http_status.is_some_and(|s| quoted_statuses.contains(&s))
        })
        .collect()
}

/// An error status (4xx, 5xx) written as a number of its own.
/// A full stop may end the sentence after it ("return HTTP 503."), not a version's dot.
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^\d.:/-])([45]\d\d)(?:$|[^\d.:/-]|\.(?:\s|$))"));

/// The statuses of the quoted history's errors.
fn quoted_statuses(found: &[FoundError], history_from: usize) -> Vec<u16> {
    found
        .iter()
        .filter(|e| e.block >= history_from)
        .filter_map(|e| e.http_status)
        .collect()
}

/// The quoted history's rows made guesses, never the match, each saying `why`.
fn quoted_as_guesses(found: &mut [FoundError], history_from: usize, why: &str) {
    for e in found.iter_mut().filter(|e| e.block >= history_from) {
        for c in &mut e.candidates {
            c.confidence = c.confidence.min(super::MATCH_THRESHOLD - 0.01);
            c.reasons.push(why.to_string());
        }
    }
}

/// The statuses the message on top says are over ("the 401 is gone", "the old 504 is
/// resolved").
fn statuses_said_over(current: &str) -> Vec<u16> {
    STATUS
        .captures_iter(current)
        .filter_map(|c| c.get(1))
        .filter(|m| past::said_past(current, m.start()))
        .filter_map(|m| m.as_str().parse::<u16>().ok())
        .collect()
}

/// The quoted errors whose status the top says is over are not counted: the top reports
/// no error, and says the one the history shows is gone.
fn without_statuses_said_over(
    found: Vec<FoundError>,
    history_from: usize,
    current: &str,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let over = statuses_said_over(current);
    let (gone, kept): (Vec<FoundError>, Vec<FoundError>) = found
        .into_iter()
        .partition(|e| e.block >= history_from && e.http_status.is_some_and(|s| over.contains(&s)));
    if let Some(first) = gone.first() {
        let mut named: Vec<String> = gone
            .iter()
            .map(|e| {
                e.code
                    .clone()
                    .unwrap_or_else(|| "an error without a code".into())
            })
            .collect();
        named.dedup();
        let status = first.http_status.unwrap_or_default();
        warnings.push(format!(
            "Not counted: {}, quoted in a thread whose new message says its status ({status}) is over: not an error the customer has now.",
            named.join(", ")
        ));
    }
    kept
}

/// The message on top says the calls work again ("today everything works fine again",
/// "no more errors", `恢复正常`).
static ALL_WORKS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:works?(?:\s+(?:fine|ok|okay|well|normally))?\s+(?:again|now)|working\s+(?:fine\s+)?(?:again|now)|no\s+(?:more|further)\s+errors?|back\s+to\s+normal|(?:you\s+)?can\s+close\s+(?:the|this)\s+ticket|funktioniert\s+(?:wieder|jetzt)|funciona\s+(?:de\s+nuevo|otra\s+vez|ahora)|ya\s+funciona|ça\s+(?:re)?marche|funciona\s+(?:de\s+novo|agora))\b|恢复正常|一切正常|不再报错|已经正常|已经好了|现在好了|可以用了",
    )
});

/// The top reports no error and says the calls work again: the quoted error may be over,
/// so its rows are guesses, and the answer says why.
fn unsure_if_top_says_all_works(
    mut found: Vec<FoundError>,
    history_from: usize,
    current: &str,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let quoted = found.iter().any(|e| e.block >= history_from);
    if !quoted {
        return found;
    }
    // "Works again", or a line that says an error is over with nothing saying it is not
    // ("resolved now", "ya está resuelto"; not "still not resolved"). A line that names a
    // status or a code says which error is over ("the old 504 is resolved; now a 401"):
    // `without_statuses_said_over` reads those.
    let names_one = |line: &str| {
        let lower = line.to_ascii_lowercase();
        super::fields::has_ascii_digit_run(line, 3)
            || lower.contains("apig")
            || lower.contains("apic")
    };
    let Some(said) = ALL_WORKS.find(current).map(|m| m.as_str()).or_else(|| {
        current
            .lines()
            .map(str::trim)
            .find(|line| !names_one(line) && super::past::over_at(line).is_some())
    }) else {
        return found;
    };
    let why = format!("the new message says \"{said}\": the quoted error may be over");
    quoted_as_guesses(&mut found, history_from, &why);
    warnings.push(format!("Unsure: {why}, so its rows are guesses."));
    found
}

/// The history's errors taken as the customer's, but the message on top names an error
/// status none of them has ("we now get 502 instead of the timeout" above a quoted 504),
/// not as one that is over: the top's error is another, so the history's rows are
/// guesses, never the match.
fn unsure_if_top_names_another_status(
    mut found: Vec<FoundError>,
    history_from: usize,
    current: &str,
    warnings: &mut Vec<String>,
) -> Vec<FoundError> {
    let quoted_statuses = quoted_statuses(&found, history_from);
    // A status the top says is over is no other error ("the old 504 is resolved").
    let mut other: Vec<u16> = STATUS
        .captures_iter(current)
        .filter_map(|c| c.get(1))
        .filter(|m| !past::said_past(current, m.start()))
        .filter_map(|m| m.as_str().parse::<u16>().ok())
        .filter(|s| !quoted_statuses.contains(s))
        .collect();
    other.dedup();
    let Some(status) = other.first() else {
        return found;
    };
    let why = format!(
        "the new message names HTTP {status}, which no error of the quoted history has: the customer's error now may be another"
    );
    quoted_as_guesses(&mut found, history_from, &why);
    warnings.push(format!(
        "Unsure: {why}, so the quoted error's rows are guesses."
    ));
    found
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn the_history_below_an_attribution_a_rule_or_a_header_is_cut_off() {
        for (text, top) in [
            (
                "Now 401 APIG.0303.\n\nOn Mon, 3 Jun 2024, X <x@example.com> wrote:\n> {\"error_code\":\"APIG.0308\"}\n",
                "Now 401 APIG.0303.\n\n",
            ),
            (
                "Now 401.\n-----Original Message-----\nFrom: X\n{\"error_code\":\"APIG.0308\"}\n",
                "Now 401.\n",
            ),
            (
                "Now 401.\nFrom: X <x@example.com>\nSent: Monday, June 3, 2024 10:00\nTo: support\nSubject: errors\n\nAPIG.0308\n",
                "Now 401.\n",
            ),
            (
                "现在返回401。\n在 2024年6月3日 X 写道：\n之前是APIG.0308\n",
                "现在返回401。\n",
            ),
            (
                "Now 401.\n发件人: X\n发送时间: 2024年6月3日\n主题: 报错\nAPIG.0308\n",
                "Now 401.\n",
            ),
        ] {
            let thread = split(text).expect("a thread");
            assert_eq!(thread.current, top, "{text}");
        }
    }

    #[test]
    fn a_reply_written_below_the_quote_is_the_new_message() {
        for (text, new) in [
            (
                "On Mon, 3 Jun 2024, X wrote:\n> we had APIG.0308\n\nNow 401 APIG.0303.\n",
                "Now 401 APIG.0303.\n",
            ),
            (
                "> {\"error_code\":\"APIG.0308\"}\n> Still happening?\n\nYes, now APIG.0303.\n",
                "Yes, now APIG.0303.\n",
            ),
            (
                "Am 03.06.2024 um 10:00 schrieb Support:\n\n> Früher APIG.0308.\nHier: APIG.0301\n",
                "Hier: APIG.0301\n",
            ),
            (
                "在 2024年6月3日 09:12，李伟 写道：\n> 之前的报错 APIG.0308\n\n现在变成了 APIG.0303\n",
                "现在变成了 APIG.0303\n",
            ),
        ] {
            let thread = split(text).expect("a thread");
            assert_eq!(thread.current, new, "{text}");
        }
    }

    #[test]
    fn a_response_or_a_quote_alone_is_no_thread() {
        for text in [
            "HTTP/1.1 401 Unauthorized\nDate: Mon, 03 Jun 2024 10:00:00 GMT\nFrom: client@example.com\n\n{}\n",
            "On Mon, Customer wrote:\n> HTTP/1.1 429 Too Many Requests\n",
            "> GET /v1 HTTP/1.1\n> Host: a\n< HTTP/1.1 403 Forbidden\n",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }
}
