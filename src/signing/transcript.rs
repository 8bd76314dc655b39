//! Reading the signed request, and the gateway's answer, out of a paste: a `curl -v`
//! transcript (HTTP/1.1 or HTTP/2), raw HTTP request text, or a HAR file's first request
//! that carries an `Authorization` header.

use std::sync::LazyLock;

use regex::Regex;

use super::canonical::Request;
use crate::pattern::re;

/// What the gateway answered, as far as the paste shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Answer {
    pub(crate) status: Option<u16>,
    /// `APIG.0303`, `APIGW.0301`.
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    /// The response's `Date` header.
    pub(crate) date: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Transcript {
    pub(crate) request: Request,
    pub(crate) answer: Answer,
    /// A body given by hand whose length differs from the Content-Length sent: (given,
    /// sent). Then it is not the body that was sent.
    pub(crate) given_body_length: Option<(usize, u64)>,
    /// A curl transcript that ends inside the request's headers (no blank `>` line): what
    /// it does not show may still have been sent.
    pub(crate) cut: bool,
    /// What reading the paste left unsure (a raw body that is not Content-Length long).
    pub(crate) notes: Vec<String>,
}

static REQUEST_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:>\s?)?([A-Z]{3,7})\s+(\S+)\s+HTTP/\d(?:\.\d)?\s*$"));
/// A header line; the value keeps the whitespace the transcript shows (the canonical
/// request trims it, and the untrimmed variant needs it).
static HEADER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]?(.*?)\r?$"));
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| re(r"\[:authority:\s*([^\]\s]+)\]"));
static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^(?:<\s?)?HTTP/\d(?:\.\d)?\s+(\d{3})\b"));
static RESPONSE_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(?im)^<\s?date:\s*(.+?)\s*$"));
/// A `Date` line of a raw response (after its status line), with or without curl's `<`.
static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(?im)^(?:<\s?)?date:\s*(.+?)\s*$"));
static ERROR_CODE: LazyLock<Regex> = LazyLock::new(|| re(r#""error_code"\s*:\s*"([^"]+)""#));
static ERROR_MSG: LazyLock<Regex> =
    LazyLock::new(|| re(r#""error_msg"\s*:\s*"((?:[^"\\]|\\.)*)""#));

/// The signed request and the answer in `text`, if it holds a request. A paste of
/// several exchanges (a retry, a redirect followed, a proxy's CONNECT) is read exchange
/// by exchange, each request with the answer that follows it; the one checked is the
/// first signed request the gateway rejected, and a note says which.
pub(crate) fn read(text: &str) -> Option<Transcript> {
    if let Some(t) = har(text) {
        return Some(t);
    }
    let python = super::pydebug::as_raw(text);
    let text = python.as_deref().unwrap_or(text);
    choose(exchanges(text))
}

/// Each request of `text` with the answer after it, up to the next request line. A
/// proxy's `CONNECT` (curl through `https_proxy`) only opens a tunnel: it is skipped.
fn exchanges(text: &str) -> Vec<Transcript> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if REQUEST_LINE.is_match(line.trim_end()) {
            starts.push(at);
        }
        at += line.len();
    }
    let mut out = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let before = i.checked_sub(1).map_or(0, |p| starts[p]);
        let (Some(segment), Some(lead)) = (text.get(start..end), text.get(before..start)) else {
            continue;
        };
        let Some((mut request, shown)) = request_lines(segment) else {
            continue;
        };
        if request.method.eq_ignore_ascii_case("CONNECT") {
            continue;
        }
        if request.header("host").is_none()
            && let Some(a) = AUTHORITY
                .captures_iter(lead)
                .last()
                .or_else(|| AUTHORITY.captures(segment))
        {
            // HTTP/2: curl prints the pseudo-headers just before the request.
            request.headers.push(("Host".into(), a[1].to_string()));
        }
        out.push(Transcript {
            answer: answer(segment, None),
            request,
            given_body_length: None,
            cut: shown.cut,
            notes: shown.notes,
        });
    }
    out
}

/// The exchange to check: the first signed request that was rejected, else the first
/// signed one, else the first; with more than one, a note names it and the others.
fn choose(mut list: Vec<Transcript>) -> Option<Transcript> {
    let signed = |t: &Transcript| t.request.signature_header().is_some();
    let rejected =
        |t: &Transcript| t.answer.status.is_some_and(|s| s >= 400) || t.answer.code.is_some();
    let pick = list
        .iter()
        .position(|t| signed(t) && rejected(t))
        .or_else(|| list.iter().position(signed))
        .unwrap_or(0);
    if pick >= list.len() {
        return None;
    }
    let note = (list.len() > 1).then(|| several_note(&list, pick));
    let mut chosen = list.swap_remove(pick);
    chosen.notes.extend(note);
    Some(chosen)
}

/// Which of several requests was checked, and how the others were answered.
fn several_note(list: &[Transcript], pick: usize) -> String {
    let describe = |i: usize, t: &Transcript| {
        let status = t
            .answer
            .status
            .map_or("no answer shown".to_string(), |s| format!("answered {s}"));
        format!(
            "request {} ({} {}, {status})",
            i + 1,
            t.request.method,
            t.request.target
        )
    };
    let others: Vec<String> = list
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != pick)
        .map(|(i, t)| describe(i, t))
        .collect();
    format!(
        "The paste holds {} (a retry, or a redirect followed): the one checked is {}, each with its own answer. Not checked here: {}; paste one alone to check it.",
        crate::wording::count_of(list.len(), "request"),
        describe(pick, &list[pick]),
        others.join(", ")
    )
}

/// What the request's text left open: cut before its headers end, a body not as sent.
#[derive(Default)]
struct Shown {
    cut: bool,
    notes: Vec<String>,
}

/// The request line and the headers after it: curl's `> ` lines, or raw HTTP (then the
/// bytes after the blank line, as many as Content-Length says, are the body).
fn request_lines(text: &str) -> Option<(Request, Shown)> {
    // Each line without its line end, and where the next one starts in `text`.
    let mut next = 0;
    let lines: Vec<(&str, usize)> = text
        .split_inclusive('\n')
        .map(|raw| {
            next += raw.len();
            let line = raw.strip_suffix('\n').unwrap_or(raw);
            (line.strip_suffix('\r').unwrap_or(line), next)
        })
        .collect();
    let start = lines
        .iter()
        .position(|(l, _)| REQUEST_LINE.is_match(l.trim_end()))?;
    let caps = REQUEST_LINE.captures(lines[start].0.trim_end())?;
    let curl = lines[start].0.starts_with('>');
    let mut request = Request {
        method: caps[1].to_string(),
        target: caps[2].to_string(),
        ..Request::default()
    };
    let mut shown = Shown::default();
    let mut blank = None;
    let mut ended = false;
    for &(line, line_end) in lines.iter().skip(start + 1) {
        let line = if curl {
            match line.strip_prefix('>') {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None if line.starts_with('*') => continue,
                None => {
                    ended = true;
                    break;
                }
            }
        } else {
            line
        };
        if line.trim().is_empty() {
            blank = Some(line_end);
            break;
        }
        if let Some(h) = HEADER.captures(line) {
            request.headers.push((h[1].to_string(), h[2].to_string()));
        }
    }
    shown.cut = curl && blank.is_none() && !ended;
    if !curl {
        let from = blank.unwrap_or(text.len());
        let declared = request
            .header("content-length")
            .and_then(|l| l.trim().parse::<usize>().ok());
        match raw_body(text, from, declared) {
            Ok(body) => request.body = Some(body),
            Err(note) => shown.notes.push(note),
        }
    }
    Some((request, shown))
}

/// The raw request's body: the bytes after its blank line, up to a response's status
/// line; exactly Content-Length of them when it is sent (line ends kept as they are).
/// When the text shown cannot be those bytes, the body stands as not given, and why.
fn raw_body(text: &str, from: usize, declared: Option<usize>) -> Result<Vec<u8>, String> {
    let rest = text.get(from..).unwrap_or_default();
    let until = STATUS_LINE.find(rest).map_or(rest.len(), |m| m.start());
    let shown = rest.get(..until).unwrap_or_default().as_bytes();
    let Some(declared) = declared else {
        let end = shown
            .iter()
            .rposition(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(0, |i| i + 1);
        return Ok(shown.get(..end).unwrap_or_default().to_vec());
    };
    let (body, after) = shown.split_at(declared.min(shown.len()));
    if body.len() == declared && after.iter().all(u8::is_ascii_whitespace) {
        return Ok(body.to_vec());
    }
    let trimmed = shown.trim_ascii_end().len();
    Err(format!(
        "The body was not checked: the request text shows {trimmed} bytes after its blank line, but it sent Content-Length: {declared}, so the bytes shown are not the ones sent (line ends changed, or cut, when it was pasted). Give the exact body to check it."
    ))
}

fn answer(text: &str, status: Option<u16>) -> Answer {
    Answer {
        status: status.or_else(|| {
            STATUS_LINE
                .captures_iter(text)
                .last()
                .and_then(|c| c[1].parse().ok())
        }),
        code: ERROR_CODE.captures(text).map(|c| c[1].to_string()),
        message: ERROR_MSG
            .captures(text)
            .map(|c| c[1].replace("\\\"", "\"").replace("\\\\", "\\")),
        date: response_date(text),
    }
}

/// The response's `Date`: curl's `< Date:` line, or a `Date:` line after the status line
/// of a raw response (never the request's own `Date` header).
fn response_date(text: &str) -> Option<String> {
    let found = match STATUS_LINE.find(text) {
        Some(status) => ANY_DATE.captures(text.get(status.start()..)?),
        None => RESPONSE_DATE.captures(text),
    };
    found.map(|c| c[1].to_string())
}

/// A HAR file: its entries whose request carries a signature (or an `Authorization`
/// header), chosen among as a transcript's exchanges are.
fn har(text: &str) -> Option<Transcript> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') || !trimmed.contains("\"entries\"") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(trimmed).ok()?;
    let entries = value.get("log")?.get("entries")?.as_array()?;
    choose(entries.iter().filter_map(har_entry).collect())
}

fn har_entry(entry: &serde_json::Value) -> Option<Transcript> {
    let req = entry.get("request")?;
    let str_of =
        |v: &serde_json::Value, k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_string);
    let pairs = |v: Option<&serde_json::Value>| -> Vec<(String, String)> {
        v.and_then(|h| h.as_array())
            .map(|list| {
                list.iter()
                    .filter_map(|h| Some((str_of(h, "name")?, str_of(h, "value")?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut headers = pairs(req.get("headers"));
    if !headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("authorization")
            || v.trim_start().starts_with(super::canonical::ALGORITHM)
    }) {
        return None;
    }
    let url = str_of(req, "url")?;
    let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let (authority, target) = after_scheme
        .find('/')
        .map_or((after_scheme, "/"), |i| after_scheme.split_at(i));
    // HTTP/2 HARs name the host `:authority`.
    for (name, _) in headers.iter_mut() {
        if name == ":authority" {
            *name = "Host".into();
        }
    }
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        headers.push(("Host".into(), authority.to_string()));
    }
    headers.retain(|(n, _)| !n.starts_with(':'));
    let body = req
        .get("postData")
        .and_then(|p| str_of(p, "text"))
        .map(String::into_bytes);
    let resp = entry.get("response");
    let status = resp
        .and_then(|r| r.get("status"))
        .and_then(|s| s.as_u64())
        .and_then(|s| u16::try_from(s).ok());
    let content = resp
        .and_then(|r| r.get("content"))
        .and_then(|c| str_of(c, "text"))
        .unwrap_or_default();
    let mut answer = answer(&content, status);
    answer.date = pairs(resp.and_then(|r| r.get("headers")))
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("date"))
        .map(|(_, v)| v);
    Some(Transcript {
        request: Request {
            method: str_of(req, "method")?,
            target: target.to_string(),
            headers,
            // A HAR shows the whole request: no postData is no body.
            body: Some(body.unwrap_or_default()),
        },
        answer,
        given_body_length: None,
        cut: false,
        notes: Vec::new(),
    })
}
