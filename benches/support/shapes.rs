//! Adversarial pastes of 256 KB, the most the analysis budget covers: shapes written to
//! be slow (one line without a newline, thousands of distinct unknown codes and long
//! messages, deep JSON, a HAR of many entries, digits everywhere, binary bytes, CRLF,
//! near misses of every catalog message). The analysis bench measures each, and
//! `examples/analysis_shapes.rs` runs one for a profiler. Deterministic: no randomness
//! but a fixed linear congruential sequence.

#![allow(dead_code, reason = "each includer uses part of it")]

use apig_explorer::Catalog;

/// The size every shape is made to.
pub(crate) const SIZE: usize = 256 * 1024;

/// Words of the catalog's own prose, so no text is ruled out by its words alone.
pub(crate) const WORDS: [&str; 24] = [
    "backend",
    "request",
    "failed",
    "invalid",
    "parameter",
    "timeout",
    "the",
    "service",
    "authentication",
    "signature",
    "token",
    "expired",
    "not",
    "found",
    "access",
    "denied",
    "quota",
    "exceeded",
    "app",
    "api",
    "information",
    "incorrect",
    "is",
    "of",
];

/// A fixed pseudo-random sequence (the constants of Knuth's MMIX).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.next() % WORDS.len()]
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

/// Every shape, by name; `catalog` is the one the near misses are made from.
pub(crate) fn all(catalog: &Catalog) -> Vec<(&'static str, String)> {
    vec![
        ("one line, no newline", one_line()),
        (
            "distinct unknown codes, long messages",
            unknown_codes_long(),
        ),
        ("distinct codeless messages", codeless_lines()),
        ("deep JSON", deep_json()),
        ("JSON of many error objects", json_errors()),
        ("HAR of many entries", har()),
        ("digits and statuses", digits()),
        ("binary bytes", binary()),
        ("CRLF log", crlf_log()),
        ("near misses of catalog messages", near_misses(catalog)),
        ("prose quoting many messages", quoting_prose(catalog)),
        ("log lines quoting messages", lines_quoting(catalog)),
        ("curl transcripts", transcripts()),
    ]
}

/// 256 KB of the catalog's words on one line, no code, no newline: read as prose.
pub(crate) fn one_line() -> String {
    let mut s = Sequence(1);
    let mut text = String::new();
    while text.len() < SIZE {
        text.push_str(s.word());
        text.push(' ');
    }
    text
}

/// Log lines each with a code no catalog has and a distinct message of 200 to 300 chars
/// (the longest compared by resemblance).
pub(crate) fn unknown_codes_long() -> String {
    let mut s = Sequence(2);
    let mut log = String::new();
    let mut i = 0usize;
    while log.len() < SIZE {
        let mut message = s.words(20);
        while message.len() < 200 + i % 100 {
            message.push(' ');
            message.push_str(s.word());
        }
        log.push_str(&format!(
            "2026-11-27T06:{:02}:{:02}Z ERROR {{\"error_code\":\"APIG.{:04}\",\"error_msg\":\"{message} {i}\"}}\n",
            (i / 60) % 60,
            i % 60,
            5000 + i % 5000,
        ));
        i += 1;
    }
    log
}

/// Log lines without codes, each a distinct short message of catalog words.
pub(crate) fn codeless_lines() -> String {
    let mut s = Sequence(3);
    let mut log = String::new();
    let mut i = 0usize;
    while log.len() < SIZE {
        let n = 3 + s.next() % 10;
        log.push_str(&format!(
            "2026-11-27T06:38:{:02}Z ERROR {{\"error_msg\":\"{} {i}\"}}\n",
            i % 60,
            s.words(n)
        ));
        i += 1;
    }
    log
}

/// Objects nested as deep as 256 KB allows, an error at the bottom.
pub(crate) fn deep_json() -> String {
    let inner =
        "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}";
    let depth = (SIZE - inner.len()) / 8;
    let mut text = "{\"a\":[".repeat(depth);
    text.push_str(inner);
    text.push_str(&"]}".repeat(depth));
    text
}

/// One JSON array of small error objects, unknown codes and distinct messages.
pub(crate) fn json_errors() -> String {
    let mut s = Sequence(4);
    let mut text = String::from("[");
    let mut i = 0usize;
    while text.len() < SIZE {
        text.push_str(&format!(
            "{{\"error_code\":\"APIG.{:04}\",\"error_msg\":\"{} {i}\",\"request_id\":\"{:032x}\"}},",
            9000 + i % 1000,
            s.words(6),
            s.next()
        ));
        i += 1;
    }
    text.push_str("{}]");
    text
}

/// A HAR whose entries are all error responses, each with its own unknown code.
pub(crate) fn har() -> String {
    let mut s = Sequence(5);
    let mut entries = Vec::new();
    let mut len = 0;
    let mut i = 0usize;
    while len < SIZE {
        let body = format!(
            "{{\\\"error_code\\\":\\\"APIG.{:04}\\\",\\\"error_msg\\\":\\\"{} {i}\\\"}}",
            7000 + i % 1000,
            s.words(8)
        );
        let entry = format!(
            "{{\"startedDateTime\":\"2026-11-27T06:{:02}:{:02}.000Z\",\"request\":{{\"method\":\"GET\",\"url\":\"https://api.example.com/v1/items/{i}\",\"headers\":[{{\"name\":\"X-Sdk-Date\",\"value\":\"20261127T060000Z\"}}]}},\"response\":{{\"status\":{},\"statusText\":\"Error\",\"headers\":[{{\"name\":\"X-Request-Id\",\"value\":\"{:032x}\"}}],\"content\":{{\"mimeType\":\"application/json\",\"text\":\"{body}\"}}}}}}",
            (i / 60) % 60,
            i % 60,
            [400, 401, 403, 404, 429, 500, 502, 504][i % 8],
            s.next()
        );
        len += entry.len() + 1;
        entries.push(entry);
        i += 1;
    }
    format!(
        "{{\"log\":{{\"version\":\"1.2\",\"entries\":[{}]}}}}",
        entries.join(",")
    )
}

/// Numbers everywhere: statuses, codes without their prefix, times, ids.
pub(crate) fn digits() -> String {
    let mut s = Sequence(6);
    let mut text = String::new();
    while text.len() < SIZE {
        let n = s.next();
        text.push_str(&match n % 6 {
            0 => format!("{} ", [400, 401, 403, 404, 429, 500, 502, 503, 504][n % 9]),
            1 => format!("0{} ", 300 + n % 700),
            2 => format!("{}.{} ", n % 10_000, n % 97),
            3 => format!("HTTP/1.1 {} ", 400 + n % 200),
            4 => format!("{:010}\n", n),
            _ => format!("APIG{:04} ", n % 10_000),
        });
    }
    text
}

/// Bytes of every value, read as the window reads a file: invalid UTF-8 replaced.
pub(crate) fn binary() -> String {
    let mut s = Sequence(7);
    let bytes: Vec<u8> = (0..SIZE).map(|_| (s.next() % 256) as u8).collect();
    let mut text = String::new();
    for c in String::from_utf8_lossy(&bytes).chars() {
        if text.len() + c.len_utf8() > SIZE {
            break;
        }
        text.push(c);
    }
    text
}

/// A Windows log: CRLF line ends, unknown codes, distinct messages.
pub(crate) fn crlf_log() -> String {
    let mut s = Sequence(8);
    let mut log = String::new();
    let mut i = 0usize;
    while log.len() < SIZE {
        log.push_str(&format!(
            "2026-11-27 06:{:02}:{:02},123 ERROR [worker-{}] APIG.{:04}: {} {i}\r\n",
            (i / 60) % 60,
            i % 60,
            i % 8,
            6000 + i % 1000,
            s.words(4 + i % 8)
        ));
        i += 1;
    }
    log
}

/// Each line a catalog message with one char changed, without a code: every line
/// resembles a row and is compared by resemblance.
pub(crate) fn near_misses(catalog: &Catalog) -> String {
    let mut s = Sequence(9);
    let mut log = String::new();
    let rows = catalog.entries.len().max(1);
    while log.len() < SIZE {
        let Some(e) = catalog.entries.get(s.next() % rows) else {
            break;
        };
        let mut chars: Vec<char> = e.message().chars().collect();
        if !chars.is_empty() {
            let at = s.next() % chars.len();
            chars[at] = if chars[at] == 'x' { 'y' } else { 'x' };
        }
        let message: String = chars.into_iter().collect();
        log.push_str(&format!(
            "ERROR {{\"error_msg\":\"{}\"}}\n",
            message.replace('"', "'")
        ));
    }
    log
}

/// Sentences quoting catalog messages, slightly changed, with statuses beside them.
pub(crate) fn quoting_prose(catalog: &Catalog) -> String {
    let mut s = Sequence(10);
    let mut text = String::new();
    let rows = catalog.entries.len().max(1);
    while text.len() < SIZE {
        let Some(e) = catalog.entries.get(s.next() % rows) else {
            break;
        };
        text.push_str(&format!(
            "Since {} the {} said \"{}\" ({}) and then {}. ",
            s.words(2),
            s.word(),
            e.message().to_lowercase(),
            e.http_status,
            s.words(12)
        ));
    }
    text
}

/// Log lines without a code, each with a catalog message written out in it: with a big
/// catalog, every line shares words with thousands of rows (a 256 KB log of these took
/// 9 s with 100,000 rows).
pub(crate) fn lines_quoting(catalog: &Catalog) -> String {
    let mut s = Sequence(12);
    let mut log = String::new();
    let rows = catalog.entries.len().max(1);
    let mut i = 0usize;
    while log.len() < SIZE {
        let Some(e) = catalog.entries.get(s.next() % rows) else {
            break;
        };
        log.push_str(&format!(
            "2026-12-07 10:{:02}:{:02},{:03} ERROR svc-{} call failed: {} (took {} ms)\n",
            (i / 60) % 60,
            i % 60,
            s.next() % 1000,
            s.next() % 9,
            e.message(),
            s.next() % 900 + 100,
        ));
        i += 1;
    }
    log
}

/// `curl -v` exchanges, each with an unknown code and a message of its own.
pub(crate) fn transcripts() -> String {
    let mut s = Sequence(11);
    let mut text = String::new();
    let mut i = 0usize;
    while text.len() < SIZE {
        text.push_str(&format!(
            "> GET /v1/items/{i} HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 {} Error\n< X-Request-Id: {:032x}\n<\n{{\"error_msg\":\"{}\",\"error_code\":\"APIG.{:04}\"}}\n",
            [400, 401, 403, 404, 429, 500][i % 6],
            s.next(),
            s.words(10),
            8000 + i % 1000
        ));
        i += 1;
    }
    text
}
