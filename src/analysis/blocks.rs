//! Cutting a paste into blocks that each hold one error: an HTTP exchange (request and
//! response), a log record (a line, or a multi-line JSON/exception object), or the whole
//! text when it is only a message.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{adds_context, foreign_code, has_code, has_context};

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

/// HTTP transcripts: a block per request/response exchange. Lines that only give a
/// time (`--- response at 2026-03-01T09:40:34Z ---`, a log line) just before a request
/// or status line belong to the exchange that follows, not to the one they end.
fn exchanges(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let (mut has_status, mut has_request) = (false, false);
    // Where in `current` the trailing run of time lines (and blank lines) begins.
    let mut times_from: Option<usize> = None;
    for line in text.lines() {
        // A status line holds `HTTP/`, a request line `HTTP/` or `curl`: a line with
        // neither (a header, a body) is not matched against them.
        let http = line.contains("HTTP/");
        let is_request = (http || line.contains("curl")) && REQUEST_LINE.is_match(line);
        let is_status = http && STATUS_LINE.is_match(line);
        let starts_new = (is_request && has_status) || (is_status && has_status && !has_request);
        if starts_new && !current.trim().is_empty() {
            let next = times_from.map_or_else(String::new, |at| current.split_off(at));
            blocks.push(std::mem::replace(&mut current, next));
            has_status = false;
            has_request = false;
        }
        if is_status {
            has_status = true;
            has_request = false;
        }
        has_request |= is_request;
        if is_request || is_status || !(line.trim().is_empty() || is_time_line(line)) {
            times_from = None;
        } else if times_from.is_none() && is_time_line(line) {
            times_from = Some(current.len());
        }
        current.push_str(line);
        current.push('\n');
    }
    if !current.trim().is_empty() {
        blocks.push(current);
    }
    blocks.into_iter().flat_map(succeeded_apart).collect()
}

/// An exchange whose response succeeded (1xx–3xx), split from the lines before its
/// request or status line when those name an error code: "ERROR APIG.0308 …" logged
/// before a retry's `HTTP/1.1 200 OK` is an error of its own, not one the 200 answered
/// (read together, the error was dropped as a success).
fn succeeded_apart(block: String) -> Vec<String> {
    // As in [`exchanges`]: a line without `HTTP/` (or `curl`) is not matched against them.
    let http = |l: &str| l.contains("HTTP/");
    let first = block.lines().position(|l| {
        ((http(l) || l.contains("curl")) && REQUEST_LINE.is_match(l))
            || (http(l) && STATUS_LINE.is_match(l))
    });
    let succeeded = block
        .lines()
        .filter(|l| http(l))
        .find_map(|l| STATUS_LINE.captures(l))
        .and_then(|c| c[1].parse::<u16>().ok())
        .is_some_and(|status| status < 400);
    let Some(first) = first.filter(|&n| n > 0 && succeeded) else {
        return vec![block];
    };
    let lines: Vec<&str> = block.lines().collect();
    let (before, exchange) = lines.split_at(first);
    if !before.iter().any(|l| has_code(l)) {
        return vec![block];
    }
    let join = |part: &[&str]| part.iter().map(|l| format!("{l}\n")).collect::<String>();
    vec![join(before), join(exchange)]
}

/// A line that gives a time and is neither a header, a body nor a transcript line.
fn is_time_line(line: &str) -> bool {
    let line = line.trim();
    !line.starts_with(['<', '>', '{', '[', '"'])
        && !HEADER_LINE.is_match(line)
        && super::logtime::has_time_of_day(line)
}

static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][\w-]*:\s").expect("fixed pattern"));

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
        if last_had_code && frame(&record) {
            // A stack trace's frames go on the record above: what follows them (.NET's
            // `HttpStatusCode: 403` after the trace) is still its context.
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
        && joins(before)
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

/// A blank record, or a Markdown code fence (```` ``` ````, ```` ```json ````).
fn blank_or_fence(record: &str) -> bool {
    let line = record.trim();
    line.is_empty() || (line.starts_with("```") && !line.contains('\n'))
}

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

/// A short name for the shape of the input, shown with the analysis.
pub(crate) fn format_of(text: &str) -> String {
    let trimmed = text.trim();
    let lines: Vec<&str> = trimmed.lines().collect();
    let name = if lines.iter().any(|l| l.starts_with("> "))
        && lines.iter().any(|l| l.starts_with("< "))
    {
        "curl -v transcript"
    } else if has_status_line(trimmed) {
        "HTTP response"
    } else if trimmed.starts_with('<') && super::html::is_html(trimmed) {
        "HTML page"
    } else if trimmed.starts_with('{') && serde_json::from_str::<serde_json::Value>(trimmed).is_ok()
    {
        "JSON body"
    } else if trimmed.starts_with('{') {
        "JSON-like text"
    } else if lines.iter().filter(|l| starts_with_time(l)).count() >= 2 {
        // Lines that begin with their time are a log, whatever one of them holds (an
        // exception's name in a log line does not make the paste an SDK exception).
        "log"
    } else if trimmed.contains("Exception") {
        "SDK exception"
    } else if lines.len() == 1 && has_code(trimmed) && trimmed.len() <= 16 {
        "error code"
    } else if lines.len() > 1 {
        "log"
    } else {
        "text"
    };
    name.to_string()
}

/// A line that begins as a log line does: with a date or time (`2026-11-27T06:38:00Z`,
/// `06:38:00`, `[27/Nov/2026:…`).
fn starts_with_time(line: &str) -> bool {
    line.trim_start()
        .trim_start_matches('[')
        .starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_that_mentions_an_exception_is_a_log_and_a_stack_trace_an_exception() {
        let log = "2026-11-27T06:38:00Z ERROR APIG.0201 status=504\n\
                   2026-11-27T06:38:02Z WARN retry failed: java.net.SocketTimeoutException\n\
                   [27/Nov/2026:06:38:03 +0000] \"GET /v1/x HTTP/1.1\" 429 86\n";
        assert_eq!(format_of(log), "log");
        let trace = "com.huaweicloud.sdk.core.exception.ServiceResponseException: APIG.0301\n\
                     \tat com.huaweicloud.sdk.core.HcClient.invoke(HcClient.java:120)\n";
        assert_eq!(format_of(trace), "SDK exception");
    }

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
