//! Cutting a paste into blocks that each hold one error: an HTTP exchange (request and
//! response), a log record (a line, or a multi-line JSON/exception object), or the whole
//! text when it is only a message.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{adds_context, exception_message, foreign_code, has_code, has_context};

mod between;
mod exchanges;
mod format;
mod pytest;

use between::{quiet_label, speaker};
use exchanges::exchanges;
pub(crate) use format::format_of;

static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[<\s]*HTTP/\d(?:\.\d)?\s+(\d{3})\b").expect("fixed pattern"));
static REQUEST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[>\s]*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+\s+HTTP/|\s*\$?\s*curl\s)",
    )
    .expect("fixed pattern")
});

/// A record that begins with its time, in any form `logtime` reads: ISO (`-` or `/`),
/// a time alone, syslog, epoch milliseconds or seconds, access log, RFC 2822, `03/01/2026`
/// (`6/5/2024`), klog, compact ISO, Kibana's `Jun 5, 2024 @ 14:03:22.123`.
static STAMPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*\[?(?:(?:\d{4}[-/]\d{2}[-/]\d{2}[T ])?\d{2}:\d{2}:\d{2}|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\b|1\d{12}\b|1\d{9}(?:\.\d+)?(?:\]|\s)|\d{2}/[A-Za-z]{3}/\d{4}:|(?:[A-Z][a-z]{2},\s*)?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:|\d{1,2}/\d{1,2}/\d{4}[ T]\d{1,2}:|[IWEF]\d{4} \d{2}:\d{2}:\d{2}|\d{8}T\d{6}Z|[A-Z][a-z]{2,8} \d{1,2}, \d{4} @ \d{2}:)",
    )
    .expect("fixed pattern")
});
/// The lines that continue a log record rather than start one: indented (a stack
/// frame), `at …`, `Caused by:`, `... 3 more`, a bracket or quote of a pretty-printed
/// body, an exception's class name (`com.example.ApigException: …`), a traceback.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s|at\s|Caused by\b|\.\.\.|[{}\[\]\x22]|Traceback\b|[a-z][\w$]*(?:\.[\w$]+)+(?:Exception|Error|Throwable)\b)",
    )
    .expect("fixed pattern")
});

/// A piece of a paste read for its errors, and the first line of the log record it
/// continues (whose time it has when it gives none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) text: String,
    pub(crate) first_line: Option<String>,
}

impl From<String> for Block {
    fn from(text: String) -> Self {
        Block {
            text,
            first_line: None,
        }
    }
}

/// The blocks of `text`, each to be read for one error (or a few on one line).
/// `foreign` tells another service's code that a loaded catalog has (`WOMBAT.0001`):
/// a record that names one is an error of its own, never context for its neighbour
/// (`None` when no catalog has such codes: nothing to look for). `said` tells a line
/// that holds a catalog message whole: a timed log line that does is an error of its
/// own too, code or not.
pub(crate) fn split(
    text: &str,
    foreign: Option<&dyn Fn(&str) -> bool>,
    said: &dyn Fn(&str) -> bool,
) -> Vec<Block> {
    if has_status_line(text) {
        exchanges(text).into_iter().map(Block::from).collect()
    } else {
        records(text, foreign, said)
    }
}

/// Whether a line of `text` is an HTTP status line. Such a line holds `HTTP/`: a text
/// without it is not read line by line.
pub(crate) fn has_status_line(text: &str) -> bool {
    text.contains("HTTP/") && text.lines().any(|l| STATUS_LINE.is_match(l))
}

/// A record that names an error code: APIG's, or one a loaded catalog has.
fn coded(record: &str, foreign: Option<&dyn Fn(&str) -> bool>) -> bool {
    has_code(record) || foreign.is_some_and(|known| foreign_code(record).is_some_and(|c| known(&c)))
}

/// Logs and bodies: a record per line, or per balanced `{...}` spanning lines. A record
/// without a code that carries a status, request id or keyed message joins its coded
/// neighbour, and the next such record too while each adds what it lacks ("a
/// status given on the next line"). A timed record that holds a catalog message
/// (`said`) counts as coded.
///
/// A record that does not start with a time but continues one that does (a stack
/// trace's lines, a pretty-printed body: [`CONTINUATION`]) keeps that one's first line,
/// for its time.
///
/// A JSON array of objects (a log export: `[{"@timestamp":…,"status":429,"body":{…}},
/// …]`) is a record per element, each with its own time, status and request id, and
/// never another element's context.
fn records(
    text: &str,
    foreign: Option<&dyn Fn(&str) -> bool>,
    said: &dyn Fn(&str) -> bool,
) -> Vec<Block> {
    let raw: Vec<(String, bool)> = balanced_records(text)
        .into_iter()
        .flat_map(|r| match array_elements(&r) {
            Some(elements) => elements.into_iter().map(|e| (e, true)).collect(),
            None => vec![(r, false)],
        })
        .collect();
    let raw = pytest::joined(raw);
    let named: Vec<bool> = raw
        .iter()
        .map(|(r, _)| coded(r, foreign) || (stamped(r) && said(r)))
        .collect();
    if !named.contains(&true) {
        return vec![Block::from(text.to_string())];
    }
    let mut out: Vec<Block> = Vec::new();
    // The code-less record just before, joined to the next coded one if it has context.
    // Context is only looked for next to a coded record: a long log is mostly other lines.
    let mut previous: Option<String> = None;
    let mut last_had_code = false;
    // The first line of the last record that started with a time, while the records
    // after it continue it.
    let mut record_start: Option<String> = None;
    for ((record, element), named) in raw.into_iter().zip(named) {
        if element {
            // An element is a record of its own, whole: it takes no neighbour's facts.
            if named {
                out.push(Block::from(record));
            }
            previous = None;
            last_had_code = false;
            record_start = None;
            continue;
        }
        if blank_or_fence(&record) {
            // A ticket parts its sentence from the body it quotes with a blank line or a
            // Markdown fence ("gets HTTP 504 and the body says:", the JSON): no record.
            continue;
        }
        let own_time = stamped(&record);
        let continues = !own_time && CONTINUATION.is_match(&record);
        if own_time {
            record_start = record.lines().next().map(str::to_string);
        } else if !CONTINUATION.is_match(&record) {
            record_start = None;
        }
        if named {
            // A timed line's context is its own body's too, when the body continues it
            // (`… ERROR call got HTTP 504, body:` then the JSON).
            let joined = match previous.take() {
                Some(p) if adds_context(&record, &p) && (!stamped(&p) || continues) => p + &record,
                _ => record,
            };
            // A line read for the catalog message it holds, then the coded body that
            // continues it: one error, said twice.
            let said_before = last_had_code
                && continues
                && out.last().is_some_and(|last| !coded(&last.text, foreign));
            if let Some(last) = out.last_mut().filter(|_| said_before) {
                last.text.push_str(&joined);
                continue;
            }
            out.push(Block {
                text: joined,
                first_line: if own_time { None } else { record_start.clone() },
            });
            last_had_code = true;
            continue;
        }
        let after_exception = || previous.as_deref().is_some_and(exception_message);
        if frame(&record) && (last_had_code || after_exception()) {
            // A stack trace's frames go on the record above: what follows them (.NET's
            // `HttpStatusCode: 403` after the trace) is still its context, and an SDK
            // exception's message above them goes on the code its dump names below them.
            continue;
        }
        // A line that ends with a colon introduces what follows ("now the call gets a
        // 429:", then the body): it is the next record's context, not the last one's.
        let attach = last_had_code
            && !introduces(&record)
            && has_context(&record)
            && !own_time
            && out
                .last()
                .is_some_and(|last| adds_context(&last.text, &record));
        if last_had_code && !attach && !own_time && (quiet_label(&record) || speaker(&record)) {
            // A ticket's labelled line that gives the error nothing (`Hora: 14:03:22`,
            // with no date; `Region: eu-de`; `Expected result: 201 Created`) or a chat's
            // speaker line (`[14:03] Lina Park`) between an error and its facts keeps
            // them together: the request id on the line after it is still that error's.
            continue;
        }
        // A ticket's labelled lines (`状态码：429`, `request_id：…`, `错误信息：…`) go on
        // the record one after another, each while it adds what the record lacks.
        match out.last_mut() {
            Some(last) if attach => last.text.push_str(&record),
            _ => {
                previous = Some(match previous.take() {
                    Some(p) if labelled_run(&p, &record, own_time) => p + &record,
                    _ => record,
                });
                last_had_code = false;
            }
        }
    }
    out
}

/// A record that ends with a colon: it introduces the record after it.
fn introduces(record: &str) -> bool {
    record.trim_end().ends_with([':', '：'])
}

/// Records this long or longer are not read as a ticket's labelled lines: a long log's
/// other lines are not read for context one by one.
const LABELLED_LINE: usize = 300;

/// Whether `record` goes on the run of a ticket's labelled lines `before` it (`Time: …`,
/// then `Status: 401`, then the body): both short, untimed and context, so the coded
/// record after them takes them all.
///
/// A label line ("Response headers:", "Body:") goes on the run too, and so does a
/// `Date:` header after lines that gave the response's facts (`Status: 504`,
/// `X-Request-Id: …`): the run is the response's headers, not an e-mail's.
fn labelled_run(before: &str, record: &str, own_time: bool) -> bool {
    let joins = |r: &str| has_context(r) || introduces(r);
    let date_header = || DATE_HEADER.is_match(record) && has_context(before);
    !own_time
        && record.len() < LABELLED_LINE
        && before.len() < LABELLED_LINE * 8
        && !stamped(before)
        && (joins(record) || date_header())
        && (joins(before) || exception_message(before))
}

/// A response's `Date:` header line.
static DATE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*date:\s").expect("fixed pattern"));

/// The elements of `record` when it is a JSON array of two or more objects, each as its
/// own text; None for anything else (a log line, an array of values, broken JSON).
fn array_elements(record: &str) -> Option<Vec<String>> {
    let whole = record.trim();
    let inner = whole.strip_prefix('[')?.strip_suffix(']')?;
    if !inner.trim_start().starts_with('{')
        || serde_json::from_str::<serde::de::IgnoredAny>(whole).is_err()
    {
        return None;
    }
    // Valid JSON: a string's quotes and escapes are the only way to hide a bracket.
    let mut elements = Vec::new();
    let (mut depth, mut from) = (0_i64, 0);
    let (mut quoted, mut escaped) = (false, false);
    let mut cut = |end: usize, from: usize| {
        let element = inner.get(from..end).unwrap_or_default().trim();
        elements.push(format!("{element}\n"));
    };
    for (i, b) in inner.bytes().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b'{' | b'[' if !quoted => depth += 1,
            b'}' | b']' if !quoted => depth -= 1,
            b',' if !quoted && depth == 0 => {
                cut(i, from);
                from = i + 1;
            }
            _ => {}
        }
    }
    cut(inner.len(), from);
    let objects = elements.iter().all(|e| e.starts_with('{'));
    (objects && elements.len() >= 2).then_some(elements)
}

/// A blank record, a Markdown code fence (```` ``` ````, ```` ```json ````) or a Jira
/// one (`{code}`, `{code:json}`, `{noformat}`).
fn blank_or_fence(record: &str) -> bool {
    let line = record.trim();
    line.is_empty()
        || (!line.contains('\n') && (line.starts_with("```") || JIRA_FENCE.is_match(line)))
}

static JIRA_FENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\{(?:code|noformat|quote|panel)(?::[^}\n]*)?\}$").expect("fixed pattern")
});

/// A stack trace's frame or its `Caused by`/`... 3 more` lines: indented, no context.
fn frame(record: &str) -> bool {
    let trimmed = record.trim_start();
    record.starts_with([' ', '\t'])
        && (trimmed.starts_with("at ") || trimmed.starts_with("..."))
        && !has_context(record)
}

/// A record that starts with a time is a log line of its own, never another's context.
fn stamped(record: &str) -> bool {
    STAMPED.is_match(record)
}

/// Lines grouped so that brackets opened on one line and closed on a later one stay in
/// one record. Unbalanced text (a truncated body) ends its record at the end of input.
fn balanced_records(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth: i64 = 0;
    for line in text.lines() {
        current.push_str(line);
        current.push('\n');
        depth += bracket_balance(line);
        if depth <= 0 {
            out.push(std::mem::take(&mut current));
            depth = 0;
        } else if current.len() > 1 << 20 {
            // A runaway bracket must not glue a whole log into one record.
            out.push(std::mem::take(&mut current));
            depth = 0;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn bracket_balance(line: &str) -> i64 {
    let mut balance = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match (quote, c) {
            (_, _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"') => quote = Some('"'),
            (None, '{' | '[') => balance += 1,
            (None, '}' | ']') => balance -= 1,
            _ => {}
        }
    }
    balance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_transcripts_split_per_exchange() {
        let text = "> GET /a HTTP/1.1\n> Host: x\n>\n< HTTP/1.1 404 Not Found\n< X: y\n<\n{\"error_code\":\"APIG.0101\"}\n> GET /b HTTP/1.1\n< HTTP/1.1 429 Too Many Requests\n\n{\"error_code\":\"APIG.0308\"}\n";
        let blocks = split(text, None, &|_| false);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.contains("0101") && blocks[1].text.contains("0308"));
    }

    #[test]
    fn multi_line_objects_stay_together_and_status_lines_join() {
        let text = "2026-01-01 ERROR call failed status=401\n{\n  \"error_code\": \"APIG.0301\"\n}\nINFO unrelated\n2026 ERROR APIG.0308 again\n";
        let blocks = split(text, None, &|_| false);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(blocks[0].text.contains("status=401") && blocks[0].text.contains("APIG.0301"));
    }

    #[test]
    fn text_without_code_is_one_block() {
        assert_eq!(
            split(
                "the throttling threshold was reached\nplease help",
                None,
                &|_| false
            )
            .len(),
            1
        );
    }
}
