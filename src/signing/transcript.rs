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
static ERROR_CODE: LazyLock<Regex> = LazyLock::new(|| re(r#""error_code"\s*:\s*"([^"]+)""#));
static ERROR_MSG: LazyLock<Regex> =
    LazyLock::new(|| re(r#""error_msg"\s*:\s*"((?:[^"\\]|\\.)*)""#));

/// The signed request and the answer in `text`, if it holds a request.
pub(crate) fn read(text: &str) -> Option<Transcript> {
    if let Some(t) = har(text) {
        return Some(t);
    }
    let request = request_lines(text)?;
    Some(Transcript {
        answer: answer(text, None),
        request,
        given_body_length: None,
    })
}

/// The request line and the headers after it: curl's `> ` lines, or raw HTTP (then the
/// text after the blank line, up to a response, is the body).
fn request_lines(text: &str) -> Option<Request> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| REQUEST_LINE.is_match(l.trim_end()))?;
    let caps = REQUEST_LINE.captures(lines[start].trim_end())?;
    let curl = lines[start].starts_with('>');
    let mut request = Request {
        method: caps[1].to_string(),
        target: caps[2].to_string(),
        ..Request::default()
    };
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let line = if curl {
            match line.strip_prefix('>') {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None if line.starts_with('*') => continue,
                None => {
                    end = i;
                    break;
                }
            }
        } else {
            line
        };
        if line.trim().is_empty() {
            end = i;
            break;
        }
        if let Some(h) = HEADER.captures(line) {
            request.headers.push((h[1].to_string(), h[2].to_string()));
        }
    }
    if request.header("host").is_none()
        && let Some(a) = AUTHORITY.captures(text)
    {
        request.headers.push(("Host".into(), a[1].to_string()));
    }
    if !curl {
        request.body = Some(raw_body(&lines, end).into_bytes());
    }
    Some(request)
}

/// The raw request's body: the lines after its blank line, up to a response's status line.
fn raw_body(lines: &[&str], blank: usize) -> String {
    let rest = lines.get(blank + 1..).unwrap_or_default();
    let body: Vec<&str> = rest
        .iter()
        .take_while(|l| !STATUS_LINE.is_match(l))
        .copied()
        .collect();
    body.join("\n").trim_end_matches('\n').to_string()
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
        date: RESPONSE_DATE.captures(text).map(|c| c[1].to_string()),
    }
}

/// A HAR file: the first entry whose request has an `Authorization` header.
fn har(text: &str) -> Option<Transcript> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') || !trimmed.contains("\"entries\"") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(trimmed).ok()?;
    let entries = value.get("log")?.get("entries")?.as_array()?;
    entries.iter().find_map(har_entry)
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
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("authorization"))
    {
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
    })
}
