//! Python's `http.client` debug output (`HTTPConnection.debuglevel = 1`, which
//! `requests` and `urllib3` users turn on): the request is printed as the bytes literals
//! sent (`send: b'POST /v1 HTTP/1.1\r\nHost: …\r\n\r\n'`, then the body in a second
//! `send:`), the answer as `reply:` and `header:` lines. Written back as the raw HTTP it
//! was, it is read like any raw request, its body exactly as sent.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::re;

/// `send: b'…'`, `reply: '…'`: the literal, its quote and its text.
static LITERAL: LazyLock<Regex> =
    LazyLock::new(|| re(r#"^(send|reply):\s*b?(?:'(.*)'|"(.*)")\s*$"#));
static HEADER: LazyLock<Regex> = LazyLock::new(|| re(r"^header:\s*(.*)$"));

/// The raw HTTP `text` shows, when it is `http.client` debug output with a request.
pub(super) fn as_raw(text: &str) -> Option<String> {
    let mut sent = Vec::new();
    let mut reply = Vec::new();
    let mut rest = String::new();
    for line in text.lines() {
        if let Some(c) = LITERAL.captures(line) {
            let literal = c.get(2).or_else(|| c.get(3)).map_or("", |m| m.as_str());
            let target = if &c[1] == "send" {
                &mut sent
            } else {
                &mut reply
            };
            target.extend(unescape(literal));
        } else if let Some(c) = HEADER.captures(line) {
            reply.extend_from_slice(c[1].as_bytes());
            reply.extend_from_slice(b"\r\n");
        } else {
            rest.push_str(line);
            rest.push('\n');
        }
    }
    if sent.is_empty() {
        return None;
    }
    let mut out = String::from_utf8_lossy(&sent).into_owned();
    out.push_str("\r\n");
    out.push_str(&String::from_utf8_lossy(&reply));
    out.push_str("\r\n");
    out.push_str(&rest);
    Some(out)
}

/// The bytes a Python bytes (or str) literal's text stands for.
fn unescape(literal: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(literal.len());
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('r') => out.push(b'\r'),
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(b) => out.push(b),
                    Err(_) => out.extend_from_slice(format!("\\x{hex}").as_bytes()),
                }
            }
            Some(other) => {
                let mut buf = [0; 4];
                out.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
            }
            None => out.push(b'\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_literals_become_the_raw_request_and_answer() {
        let text = "send: b'POST /v1 HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 9\\r\\n\\r\\n'\nsend: b'{\"a\":\\'\\xc3\\xa9\\'}'\nreply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nheader: Date: Tue, 02 Jan 2024 03:04:06 GMT\n{\"error_code\":\"APIG.0303\"}\n";
        let raw = as_raw(text).expect("debug output");
        assert!(raw.starts_with("POST /v1 HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n{\"a\":'é'}\r\nHTTP/1.1 401 Unauthorized\r\nDate: Tue, 02 Jan 2024 03:04:06 GMT\r\n\r\n{\"error_code\""), "{raw:?}");
        assert_eq!(as_raw("> GET / HTTP/1.1\n"), None);
    }
}
