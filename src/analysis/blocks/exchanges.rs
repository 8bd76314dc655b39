//! HTTP transcripts cut into exchanges: a request and its response, each a block. The
//! words a customer wrote under a response ("After we fixed the key we now get
//! APIG.0302") are theirs, not the response's: a code they name that the response does not
//! is read apart, so it never takes the response's status and request id.

use std::sync::LazyLock;

use regex::Regex;

use super::{REQUEST_LINE, STATUS_LINE, bracket_balance};
use crate::analysis::fields::has_code;
use crate::analysis::past::codes_in;

/// HTTP transcripts: a block per request/response exchange. Lines that only give a
/// time (`--- response at 2026-03-01T09:40:34Z ---`, a log line) just before a request
/// or status line belong to the exchange that follows, not to the one they end. Words
/// written under a response's body that name another code are a block of their own
/// ([`Reply`]).
pub(super) fn exchanges(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let (mut has_status, mut has_request) = (false, false);
    // Where in `current` the trailing run of time lines (and blank lines) begins.
    let mut times_from: Option<usize> = None;
    let mut reply = Reply::default();
    for line in text.lines() {
        // A status line holds `HTTP/`, a request line `HTTP/` or `curl`: a line with
        // neither (a header, a body) is not matched against them.
        let http = line.contains("HTTP/");
        let is_request = (http || line.contains("curl")) && REQUEST_LINE.is_match(line);
        let is_status = http && STATUS_LINE.is_match(line);
        let starts_new = (is_request && has_status) || (is_status && has_status && !has_request);
        if starts_new && !current.trim().is_empty() {
            let next = times_from.map_or_else(String::new, |at| current.split_off(at));
            let done = std::mem::replace(&mut current, next);
            push_exchange(&mut blocks, done, reply.words_from);
            has_status = false;
            has_request = false;
        }
        if starts_new || is_request {
            reply = Reply::default();
        }
        if is_status {
            has_status = true;
            has_request = false;
            reply = Reply {
                headers: true,
                ..Reply::default()
            };
        } else if !is_request && has_status {
            reply.read(line, current.len());
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
        push_exchange(&mut blocks, current, reply.words_from);
    }
    blocks.into_iter().flat_map(succeeded_apart).collect()
}

/// Where a response stands, line by line after its status line: its headers, its body,
/// and the words written under the body once it ended.
#[derive(Default)]
struct Reply {
    /// Still in the headers (until a blank line, curl's lone `<`, or a line that is no
    /// header).
    headers: bool,
    /// The body began; it is JSON (opened with `{` or `[`), HTML (with `<`), or text.
    body: Option<Body>,
    /// The brackets a JSON body left open so far.
    depth: i64,
    /// The body ended: a JSON body's brackets closed, an HTML page's `</html>`, or a
    /// blank line after a text body.
    ended: bool,
    /// Where in the block the words written under the body begin.
    words_from: Option<usize>,
    /// The headers said the body is JSON (`Content-Type: application/json`): a line of
    /// words where the body would be is no body.
    json_declared: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Json,
    Html,
    Text,
}

impl Reply {
    /// Read `line`, which will stand at byte `at` of its block.
    fn read(&mut self, line: &str, at: usize) {
        if self.words_from.is_some() {
            return;
        }
        let bare = line.trim_start_matches(['<', ' ', '\t']).trim_end();
        if self.headers {
            if bare.is_empty() {
                self.headers = false;
                return;
            }
            if HEADER_LINE.is_match(bare) || line.trim_start().starts_with(['<', '*']) {
                self.json_declared |= JSON_TYPE.is_match(bare);
                return;
            }
            self.headers = false;
        }
        if self.ended {
            if written_under(line) {
                self.words_from = Some(at);
            }
            return;
        }
        let Some(body) = self.body else {
            if line.trim().is_empty() || line.trim_start().starts_with('*') {
                return;
            }
            let body = match line.trim_start().chars().next() {
                Some('{' | '[') => Body::Json,
                Some('<') => Body::Html,
                _ => Body::Text,
            };
            if body == Body::Text && self.json_declared && written_under(line) {
                // No body came (a 401 with its headers only): these are the words under it.
                self.words_from = Some(at);
                return;
            }
            self.body = Some(body);
            self.after_body_line(body, line);
            return;
        };
        if line.trim().is_empty() {
            self.ended |= body == Body::Text;
            return;
        }
        self.after_body_line(body, line);
    }

    fn after_body_line(&mut self, body: Body, line: &str) {
        match body {
            Body::Json => {
                self.depth += bracket_balance(line);
                self.ended = self.depth <= 0;
            }
            Body::Html => self.ended = line.to_ascii_lowercase().contains("</html>"),
            Body::Text => {}
        }
    }
}

/// A line a person wrote under a response: words (it opens with a letter), not a
/// transcript's, a header's or a body's line.
fn written_under(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().next().is_some_and(char::is_alphabetic)
        && !REQUEST_LINE.is_match(line)
        && !STATUS_LINE.is_match(line)
}

/// `block` as one exchange, or, when the words written under its response name a code
/// the exchange above them does not, as the exchange and those words apart: that code's
/// error is reported by the words alone, with none of the response's facts.
fn push_exchange(blocks: &mut Vec<String>, mut block: String, words_from: Option<usize>) {
    let Some(at) = words_from.filter(|&at| at < block.len() && block.is_char_boundary(at)) else {
        blocks.push(block);
        return;
    };
    let words = block.split_off(at);
    let above = codes_in(&block);
    let another = has_code(&words) && codes_in(&words).iter().any(|c| !above.contains(c));
    if another && !block.trim().is_empty() {
        blocks.push(block);
        blocks.push(words);
    } else {
        block.push_str(&words);
        blocks.push(block);
    }
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
        && crate::analysis::logtime::has_time_of_day(line)
}

/// A `Content-Type` header of JSON (`application/json`, `application/problem+json`).
static JSON_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^content-type:\s*application/[\w.+-]*json").expect("fixed pattern")
});

static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][\w-]*:\s").expect("fixed pattern"));

#[cfg(test)]
mod tests {
    use super::exchanges;

    const RESPONSE: &str = "HTTP/1.1 401 Unauthorized\nX-Request-Id: 5b0c7e9f2a1d4c3b8e6f0a9d1c2b3e4f\n\n{\"error_code\":\"APIG.0301\",\n \"error_msg\":\"Incorrect IAM authentication information\"}\n";

    #[test]
    fn words_under_a_response_that_name_another_code_are_a_block_of_their_own() {
        for words in [
            "\nAfter we fixed the key we now get APIG.0302 on every call\n",
            "Now it says APIG.0308 instead.\n",
            "\nJetzt kommt APIG.0308.\nWas tun?\n",
            "\n现在返回 APIG.0308\n",
        ] {
            let blocks = exchanges(&format!("{RESPONSE}{words}"));
            assert_eq!(blocks.len(), 2, "{words}: {blocks:?}");
            assert!(blocks[0].contains("APIG.0301") && !blocks[1].contains("APIG.0301"));
            assert!(!blocks[1].contains("X-Request-Id") && !blocks[1].contains("401"));
        }
    }

    #[test]
    fn words_under_a_json_response_without_its_body_are_no_body() {
        let headers_only = "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\nX-Request-Id: 5b0c\n\nAfter the fix we get APIG.0302 instead.\n";
        assert_eq!(exchanges(headers_only).len(), 2);
        // Without a JSON type the line may be a text body: it stays.
        let text = "HTTP/1.1 403 Forbidden\n\nAPIG.0302 forbidden for this user\n";
        assert_eq!(exchanges(text).len(), 1);
    }

    #[test]
    fn words_that_name_the_same_code_or_none_and_a_body_stay_with_the_response() {
        for words in [
            "\nWe still get APIG.0301 on every call\n",
            "\nThis happens on every call since Monday.\n",
        ] {
            assert_eq!(exchanges(&format!("{RESPONSE}{words}")).len(), 1, "{words}");
        }
        // A text body with a code is the body, and a header block's lines are headers.
        let text_body = "HTTP/1.1 403 Forbidden\nContent-Type: text/plain\n\nAPIG.0302 forbidden\n";
        assert_eq!(exchanges(text_body).len(), 1);
        // An HTML page's text lines are the page's until it closes.
        let page = "HTTP/1.1 502 Bad Gateway\n\n<html>\n<body>\n\nSee APIG.0202 in the docs\n</body></html>\n";
        assert_eq!(exchanges(page).len(), 1);
    }

    #[test]
    fn another_response_after_a_blank_line_is_its_own_exchange() {
        let two = format!(
            "{RESPONSE}\nHTTP/1.1 429 Too Many Requests\nX-Request-Id: 77aa\n\n{{\"error_code\":\"APIG.0308\"}}\n"
        );
        let blocks = exchanges(&two);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(blocks[1].contains("429") && blocks[1].contains("APIG.0308"));
    }
}
