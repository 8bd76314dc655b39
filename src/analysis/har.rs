//! HAR files (browser devtools exports): every entry whose response is an error becomes
//! an HTTP transcript, read like a pasted `curl -v`. The entry's `startedDateTime` heads
//! it as a `*` info line, so each error has its time and a HAR gets a timeline.

use base64::Engine;
use serde_json::Value;

/// The error exchanges of a HAR file.
pub(crate) struct Har {
    /// Each error entry as a transcript.
    pub(crate) exchanges: Vec<String>,
    /// Error entries whose base64 body is not text: read by their status and headers only.
    pub(crate) undecoded: usize,
}

/// The error exchanges of a HAR file as transcripts; None if `text` is not a HAR.
pub(crate) fn entries(text: &str) -> Option<Har> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') || !trimmed.contains("\"entries\"") {
        return None;
    }
    let har: Value = serde_json::from_str(trimmed).ok()?;
    let entries = har.get("log")?.get("entries")?.as_array()?;
    let mut out = Har {
        exchanges: Vec::new(),
        undecoded: 0,
    };
    for (exchange, decoded) in entries.iter().filter_map(transcript) {
        out.exchanges.push(exchange);
        out.undecoded += usize::from(!decoded);
    }
    Some(out)
}

/// What the analysis says of error entries whose base64 body is not text.
pub(crate) fn undecoded_warning(n: usize) -> String {
    format!(
        "The body of {} of the HAR is base64 that does not decode to text: read by status and headers only; the body may hold the error code.",
        crate::wording::count_of(n, "error response")
    )
}

/// An entry whose response is an error, as a transcript, and whether its body could be
/// read (a base64 body that is not text cannot).
fn transcript(entry: &Value) -> Option<(String, bool)> {
    let request = entry.get("request")?;
    let response = entry.get("response")?;
    let status = response.get("status")?.as_u64()?;
    let content = response.get("content");
    let text = content
        .and_then(|c| c.get("text"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let base64 = content
        .and_then(|c| c.get("encoding"))
        .and_then(Value::as_str)
        .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
    let decoded = if base64 { decoded(text) } else { None };
    let read = !base64 || decoded.is_some();
    let body = decoded.as_deref().unwrap_or(if base64 { "" } else { text });
    if status < 400 && !super::fields::has_code(body) {
        return None;
    }
    let mut out = String::new();
    let started = str_at(entry, "startedDateTime");
    if !started.is_empty() {
        // The first time in the text is the error's (`clock::seen_at`): this one.
        out.push_str(&format!("* Started {started}\n"));
    }
    out.push_str(&format!(
        "> {} {} HTTP/1.1\n",
        str_at(request, "method"),
        str_at(request, "url")
    ));
    push_headers(&mut out, request, "> ");
    out.push_str(&format!(
        "< HTTP/1.1 {status} {}\n",
        str_at(response, "statusText")
    ));
    push_headers(&mut out, response, "< ");
    out.push('\n');
    out.push_str(body);
    out.push('\n');
    Some((out, read))
}

/// A base64 body as the text it encodes; None when it is not base64 or not UTF-8 text.
fn decoded(text: &str) -> Option<String> {
    let packed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(packed)
        .ok()?;
    String::from_utf8(bytes).ok()
}

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn push_headers(out: &mut String, part: &Value, prefix: &str) {
    let headers = part.get("headers").and_then(Value::as_array);
    for h in headers.into_iter().flatten() {
        out.push_str(&format!(
            "{prefix}{}: {}\n",
            str_at(h, "name"),
            str_at(h, "value")
        ));
    }
}
