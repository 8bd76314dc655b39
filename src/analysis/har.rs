//! HAR files (browser devtools exports): every entry whose response is an error becomes
//! an HTTP transcript, read like a pasted `curl -v`. The entry's `startedDateTime` heads
//! it as a `*` info line, so each error has its time and a HAR gets a timeline.

use serde_json::Value;

/// The error exchanges of a HAR file as transcripts; None if `text` is not a HAR.
pub(crate) fn entries(text: &str) -> Option<Vec<String>> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') || !trimmed.contains("\"entries\"") {
        return None;
    }
    let har: Value = serde_json::from_str(trimmed).ok()?;
    let entries = har.get("log")?.get("entries")?.as_array()?;
    Some(entries.iter().filter_map(transcript).collect())
}

fn transcript(entry: &Value) -> Option<String> {
    let request = entry.get("request")?;
    let response = entry.get("response")?;
    let status = response.get("status")?.as_u64()?;
    let body = response
        .get("content")
        .and_then(|c| c.get("text"))
        .and_then(Value::as_str)
        .unwrap_or_default();
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
    Some(out)
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
