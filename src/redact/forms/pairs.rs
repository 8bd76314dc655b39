//! Credentials in structured pairs: HAR and Postman name/value objects, environment
//! entries, XML elements and attributes, cookie arrays, PHP dumps, and CSV columns under a
//! header.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::schemes::{params, params_start};

use crate::pattern::re;
use crate::redact::names::{is_secret_header, is_secret_name};
use crate::redact::scan::{Value, escaped_line_end, line_end, string_end, value_at};

/// A name/value object with the name first: HAR headers, cookies and query strings,
/// Postman variables, ECS environments (`{"name": "X", "value": "..."}`).
static NAME_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)\\*["'](?:name|key|header)\\*["']\s*:\s*\\*["'](?P<name>[^"'\\\r\n]{1,200})\\*["']\s*,\s*\\*["']value\\*["']\s*:\s*"#,
    )
});
/// The same object with the value first.
static VALUE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)\\*"value\\*"\s*:\s*(?P<value>\\*"[^"\r\n]*?")\s*,\s*\\*"(?:name|key|header)\\*"\s*:\s*\\*"(?P<name>[^"\\\r\n]{1,200})\\*""#,
    )
});
/// A Kubernetes or compose environment entry: `- name: DB_PASSWORD` then `value: ...`.
static YAML_ENV: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?m)^[ \t]*-?[ \t]*name:[ \t]*["']?(?P<name>[A-Za-z0-9_.-]+)["']?[ \t]*\r*\n[ \t]*value:[ \t]*"#,
    )
});
/// An XML element (`<password>...</password>`) and a config entry
/// (`<add key="Password" value="..."/>`).
static XML_ELEMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"<(?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)>(?P<value>[^<\r\n]+)</"));
/// An element named for a secret that holds it in an attribute: `<token value="…"/>`.
static XML_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"<(?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)\s+(?:[^<>\r\n]*?\s)?value\s*=\s*"#)
});
static XML_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?i)\b(?:name|key)\s*=\s*\\*["'](?P<name>[^"'\\\r\n]{1,200})\\*["']\s+value\s*=\s*"#)
});
/// A CSV header line naming its columns (`User Name,Access Key Id,Secret Access Key`):
/// a whole line (indented, quoted in a transcript), after a label (`sent: User Name,...`),
/// or the start of a string (`"body":"User Name,...`), never the end of a sentence
/// ("checked secret,abc" is no header, and the line under it no row).
static CSV_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?m)(?:^[ \t>]*|:[ \t]*(?:\\*["'])?|[=(\[,{][ \t]*\\*["'])(?P<cells>[A-Za-z][A-Za-z0-9 _-]*(?:,[A-Za-z][A-Za-z0-9 _-]*)+)\r*$"#,
    )
});
/// A PHP `var_dump` entry: `["password"]=>` (`["password":protected]=>` for an object's
/// field), its value on the next line as `string(8) "…"`.
static VAR_DUMP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"\[\\*"(?P<name>[^"\\\r\n\]]{1,200})\\*"(?::[^\]\r\n]{0,100})?\][ \t]*=>[ \t]*(?:\r?\n[ \t]*)?(?:string\((?P<len>\d{1,9})\)[ \t]*)?"#,
    )
});
/// A PHP `print_r` entry: `[password] => value`, the value the rest of its line.
static PRINT_R: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\[(?P<name>[A-Za-z_][A-Za-z0-9_.-]{0,200})(?::[A-Za-z_:]{1,100})?\] => ")
});
/// A HAR `cookies` array: every value in it is a cookie.
static COOKIES: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\\*"cookies\\*"\s*:\s*\["#));
static VALUE_KEY: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\\*"value\\*"\s*:\s*"#));

/// Name/value objects and environment entries with a secret name; HAR cookie arrays.
pub(crate) fn name_values(text: &str, spans: &mut Vec<Range<usize>>) {
    for c in NAME_VALUE
        .captures_iter(text)
        .chain(YAML_ENV.captures_iter(text))
    {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && names_a_secret(name.as_str())
        {
            named_value(text, name.as_str(), all.end(), spans);
        }
    }
    for c in VALUE_NAME.captures_iter(text) {
        if let (Some(name), Some(value)) = (c.name("name"), c.name("value"))
            && is_secret_name(name.as_str())
        {
            named_value(text, name.as_str(), value.start(), spans);
        }
    }
    for c in XML_ELEMENT.captures_iter(text) {
        if let (Some(name), Some(value)) = (c.name("name"), c.name("value"))
            && is_secret_name(name.as_str())
        {
            spans.push(value.range());
        }
    }
    for c in XML_ATTRIBUTE.captures_iter(text) {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && is_secret_name(name.as_str())
        {
            // The attribute's own quotes: what follows them (`/>`) is markup.
            match value_at(text, all.end()) {
                Value::Quoted { inner, .. } if !inner.is_empty() => spans.push(inner),
                Value::Bare(r) => spans.push(r),
                _ => {}
            }
        }
    }
    for c in XML_ENTRY.captures_iter(text) {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && is_secret_name(name.as_str())
        {
            spans.extend(value_at(text, all.end()).ranges());
        }
    }
    php_dumps(text, spans);
    let b = text.as_bytes();
    for m in COOKIES.find_iter(text) {
        let end = (m.end()..b.len())
            .find(|&i| b.get(i) == Some(&b']'))
            .unwrap_or(b.len());
        let inside = text.get(m.end()..end).unwrap_or_default();
        for v in VALUE_KEY.find_iter(inside) {
            spans.extend(value_at(text, m.end() + v.end()).ranges());
        }
    }
}

/// PHP's dumps of an array or object: `var_dump` gives a string's length, so the value is
/// read by it (a quote inside it does not end it); `print_r` writes the value bare to the
/// end of its line, spaces and all (a nested `Array` or `Object` is no value).
fn php_dumps(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    for c in VAR_DUMP.captures_iter(text) {
        let (Some(name), Some(all)) = (c.name("name"), c.get(0)) else {
            continue;
        };
        if !is_secret_name(name.as_str()) {
            continue;
        }
        let len = c.name("len").and_then(|l| l.as_str().parse::<usize>().ok());
        let start = all.end() + 1;
        match len {
            Some(n) if b.get(all.end()) == Some(&b'"') && b.get(start + n) == Some(&b'"') => {
                spans.push(start..start + n);
            }
            _ => spans.extend(value_at(text, all.end()).ranges()),
        }
    }
    for c in PRINT_R.captures_iter(text) {
        let (Some(name), Some(all)) = (c.name("name"), c.get(0)) else {
            continue;
        };
        // To the end of the line, or of the JSON string the dump is written in.
        let end = string_end(b, all.end(), escaped_line_end(b, all.end()));
        let value = text.get(all.end()..end).unwrap_or_default().trim_end();
        let nested = value == "Array" || value.ends_with(" Object");
        if is_secret_name(name.as_str()) && !value.is_empty() && !nested {
            spans.push(all.end()..all.end() + value.len());
        }
    }
}

/// The name of a name/value object names a secret. Postman's API-key auth is written as
/// such objects: `{"key": "value", "value": "<the key>"}` holds the secret,
/// `{"key": "key", "value": "X-Api-Key"}` the header's name, which stays.
fn names_a_secret(name: &str) -> bool {
    name.eq_ignore_ascii_case("value")
        || (!name.eq_ignore_ascii_case("key") && is_secret_name(name))
}

/// The value at `at` of a name/value pair named `name`. A header's value (a HAR
/// `Authorization`, a YAML `value: Bearer …`) is the rest of its line when bare, and a
/// signing scheme's keeps its scheme and its kept parameters (`SignedHeaders`), as on a
/// header line.
fn named_value(text: &str, name: &str, at: usize, spans: &mut Vec<Range<usize>>) {
    if !is_secret_header(name) {
        spans.extend(value_at(text, at).ranges());
        return;
    }
    let b = text.as_bytes();
    let (range, tail) = match value_at(text, at) {
        Value::Quoted { inner, tail } => (inner, tail),
        Value::Bare(r) => {
            // To the end of the line, or of the JSON string the line is written in.
            let end = string_end(b, r.start, escaped_line_end(b, r.start));
            let line = text.get(r.start..end).unwrap_or_default();
            (r.start..r.start + line.trim_end().len(), None)
        }
        other => {
            spans.extend(other.ranges());
            return;
        }
    };
    match text.get(range.clone()).and_then(params_start) {
        Some(start) => {
            params(text, range.start + start, spans);
        }
        None => spans.push(range),
    }
    spans.extend(tail);
}

/// CSV with a header line (a credentials file downloaded from a console): the cells under
/// a column named for a secret, in the rows below with as many cells.
pub(crate) fn csv_columns(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    for header in CSV_HEADER
        .captures_iter(text)
        .filter_map(|c| c.name("cells"))
    {
        let names: Vec<&str> = header.as_str().trim_end().split(',').collect();
        let secret: Vec<bool> = names.iter().map(|n| is_secret_name(n.trim())).collect();
        if !secret.contains(&true) {
            continue;
        }
        let mut pos = header.end();
        while let Some(start) = next_line(b, pos) {
            // A row ends with its line, or with the JSON string it is written in.
            let line = line_end(b, start);
            let end = (start..line)
                .find(|&i| matches!(b.get(i), Some(b'"' | b'\\')))
                .unwrap_or(line);
            let cells = cell_ranges(b, start, end);
            if cells.len() != names.len() {
                break;
            }
            for (cell, _) in cells.into_iter().zip(&secret).filter(|(_, s)| **s) {
                spans.push(cell);
            }
            pos = line;
        }
    }
}

/// The start of the line after the line break at `pos`, if there is one.
fn next_line(b: &[u8], mut pos: usize) -> Option<usize> {
    while b.get(pos) == Some(&b'\r') {
        pos += 1;
    }
    (b.get(pos) == Some(&b'\n') && pos + 1 < b.len()).then_some(pos + 1)
}

/// The comma-separated cells of `b[start..end]`.
fn cell_ranges(b: &[u8], start: usize, end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = start;
    for i in start..=end {
        if i == end || b.get(i) == Some(&b',') {
            out.push(from..i);
            from = i + 1;
        }
    }
    out
}
