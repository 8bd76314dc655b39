//! `cargo bench --bench analysis`: a typical paste, a 10 MB log, and the worst cases the
//! time caps are about: a long message without a code (matched against every catalog
//! message), a 16 MB paste (the most that is analyzed), and pastes of 256 KB made to be
//! slow (`any 256 KB`).

use apig_explorer::Catalog;
use apig_explorer::analyze;
use apig_explorer::redact;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/shapes.rs"]
mod shapes;
#[path = "support/synthetic.rs"]
mod synthetic;

const TYPICAL: &str = "> GET /v1/users HTTP/1.1\n> Host: api.example.com\n> X-Sdk-Date: 20261127T060000Z\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Fri, 27 Nov 2026 06:40:00 GMT\n< X-Request-Id: 7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\n<\n{\"error_msg\":\"Incorrect app authentication information: signature expired\",\"error_code\":\"APIG.0303\",\"request_id\":\"7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\"}\n";

fn ten_mb_log() -> String {
    let ok = "2026-11-27T06:38:00Z INFO GET /v1/items 200 12ms request_id=0123456789abcdef\n";
    let err = "2026-11-27T06:38:01Z ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n";
    let mut log = String::new();
    while log.len() < 10 * 1024 * 1024 {
        for _ in 0..99 {
            log.push_str(ok);
        }
        log.push_str(err);
    }
    log
}

/// A message without a code, of `chars` characters of the catalog's own words, so the
/// matcher cannot rule it out by its words.
fn codeless_message(chars: usize) -> String {
    let words = "the backend service did not respond in time request failed because of an invalid parameter";
    let mut text = String::new();
    while text.len() < chars {
        text.push_str(words);
        text.push(' ');
    }
    text.truncate(chars);
    format!("{{\"error_msg\": \"{text}\"}}")
}

/// A long ticket text of `bytes` bytes without a code, in sentences of the catalog's own
/// words, with a quoted message at its end: searched for messages (quoted, verbatim,
/// near), the worst case of prose.
fn long_prose(bytes: usize) -> String {
    let sentence = "The backend service did not respond in time and the request failed because of an invalid parameter, said the customer. ";
    let mut text = String::new();
    while text.len() + sentence.len() < bytes {
        text.push_str(sentence);
    }
    text.push_str("Then it said \"Backend signature calculation failed\" (500).");
    text
}

/// 16 MB of error lines without codes, each with a message the catalog knows.
fn sixteen_mb_of_codeless_errors() -> String {
    let mut log = String::new();
    let mut i = 0u64;
    while log.len() < 16 * 1024 * 1024 {
        log.push_str(&format!(
            "2026-11-27T06:38:{:02}Z ERROR {{\"error_msg\":\"Backend timeout.\",\"request_id\":\"abcdef{i:010}\"}}\n",
            i % 60
        ));
        i += 1;
    }
    log
}

/// A log of about `bytes` bytes whose lines carry codes no catalog has, each line with a
/// message of its own (catalog words in varied order): every group is matched by message.
fn unknown_codes_log(bytes: usize) -> String {
    // The first 20 of the shapes' catalog words, as this log has always used.
    let words = &shapes::WORDS[..20];
    let mut log = String::new();
    let mut i = 0usize;
    while log.len() < bytes {
        let message: Vec<&str> = (0..4 + i % 9)
            .map(|k| words[(i * 7 + k * 13 + k * k) % words.len()])
            .collect();
        log.push_str(&format!(
            "2026-11-27T06:{:02}:{:02}Z ERROR {{\"error_code\":\"APIG.98{:02}\",\"error_msg\":\"{} {i}\"}}\n",
            (i / 60) % 60,
            i % 60,
            i % 100,
            message.join(" ")
        ));
        i += 1;
    }
    log
}

/// An 860-byte response without a known code, whose message is written in the catalog's
/// own words: matched by message against every row.
fn response_860() -> String {
    let mut body = String::from(
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\nX-Request-Id: 0f1e2d3c4b5a69788796a5b4c3d2e1f0\n\n{\"error_msg\":\"The backend service did not respond in time because the request signature is invalid\",\"request_id\":\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\",\"detail\":\"",
    );
    while body.len() < 840 {
        body.push_str("trace ");
    }
    body.push_str("\"}\n");
    body
}

/// 100 log lines without codes, each with a message of its own.
fn hundred_codeless_lines() -> String {
    (0..100)
        .map(|i| {
            format!(
                "2026-11-27T06:38:{:02}Z ERROR {{\"error_msg\":\"The backend service did not respond in time for request {i} of the app\"}}\n",
                i % 60
            )
        })
        .collect()
}

fn budgets(c: &mut Criterion) {
    let embedded = Catalog::embedded();
    let big = synthetic::catalog(100_000);
    let log = unknown_codes_log(215 * 1024);
    let response = response_860();
    let lines = hundred_codeless_lines();
    let mut group = c.benchmark_group("budget");
    group.sample_size(10);
    group.bench_function("215 KB of unknown codes, embedded catalog", |b| {
        b.iter(|| analyze(&log, &embedded))
    });
    group.bench_function("215 KB of unknown codes, 100k rows", |b| {
        b.iter(|| analyze(&log, &big))
    });
    group.bench_function("860-byte response, 100k rows", |b| {
        b.iter(|| analyze(&response, &big))
    });
    group.bench_function("100 codeless lines, 100k rows", |b| {
        b.iter(|| analyze(&lines, &big))
    });
    group.finish();
}

/// The budget ("any paste of at most 256 KB") against pastes made to be slow
/// (`support/shapes.rs`), with the embedded catalog and with 100,000 rows.
fn adversarial(c: &mut Criterion) {
    let embedded = Catalog::embedded();
    let big = synthetic::catalog(100_000);
    let mut group = c.benchmark_group("any 256 KB");
    group.sample_size(10);
    for (catalog, rows) in [(&embedded, "embedded"), (&big, "100k rows")] {
        for (shape, text) in shapes::all(catalog) {
            group.bench_function(format!("{shape}, {rows}"), |b| {
                b.iter(|| analyze(&text, catalog))
            });
        }
    }
    group.finish();
}

/// 256 KB of curl transcripts, JSON bodies and log lines, some with credentials: what a
/// paste is redacted as before it is stored.
fn transcripts_256k() -> String {
    let exchange = "> POST /v1/orders?appcode=3f9a8b7c6d5e4f3a2b1c HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl\n> X-Sdk-Date: 20261127T060000Z\n> Content-Type: application/json\n>\n{\"user\":\"alice\",\"password\":\"s3cr3t-P4ss\",\"items\":[1,2,3]}\n< HTTP/1.1 401 Unauthorized\n< X-Request-Id: 7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\n<\n{\"error_msg\":\"Incorrect app authentication information: signature expired\",\"error_code\":\"APIG.0303\",\"request_id\":\"7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\"}\n2026-11-27T06:38:00Z INFO GET /v1/items 200 12ms request_id=0123456789abcdef user=bob\n";
    let mut text = String::new();
    while text.len() + exchange.len() <= 256 * 1024 {
        text.push_str(exchange);
    }
    text
}

/// 256 KB on one line: a minified JSON array of objects, some with credentials.
fn one_line_256k() -> String {
    let item = "{\"id\":12345,\"name\":\"order item\",\"token\":\"Zq8xY7wV6uT5sR4qP3oN\",\"note\":\"the backend said: signature expired\",\"msg\":\"line one\\nline two\"},";
    let mut text = String::from("[");
    while text.len() + item.len() < 256 * 1024 {
        text.push_str(item);
    }
    text.push(']');
    text
}

fn redaction(c: &mut Criterion) {
    let transcripts = transcripts_256k();
    let line = one_line_256k();
    let mut group = c.benchmark_group("redact");
    group.sample_size(10);
    group.bench_function("256 KB of transcripts", |b| b.iter(|| redact(&transcripts)));
    group.bench_function("256 KB on one line", |b| b.iter(|| redact(&line)));
    group.finish();
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    c.bench_function("analyze typical paste", |b| {
        b.iter(|| analyze(TYPICAL, &catalog))
    });
    let near = codeless_message(300);
    c.bench_function("analyze a 300-char message without a code", |b| {
        b.iter(|| analyze(&near, &catalog))
    });
    let long = codeless_message(100 * 1024);
    c.bench_function("analyze a 100 KB message without a code", |b| {
        b.iter(|| analyze(&long, &catalog))
    });
    let sentence = "calls die with \"Backend signature calculation failed\" (500) since we enabled the backend signature key";
    c.bench_function("analyze a ticket sentence quoting a message", |b| {
        b.iter(|| analyze(sentence, &catalog))
    });
    let prose = long_prose(100 * 1024);
    c.bench_function("analyze 100 KB of prose without a code", |b| {
        b.iter(|| analyze(&prose, &catalog))
    });
    let log = ten_mb_log();
    let errors = sixteen_mb_of_codeless_errors();
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("analyze 10 MB log", |b| b.iter(|| analyze(&log, &catalog)));
    group.bench_function("analyze 16 MB of errors without codes", |b| {
        b.iter(|| analyze(&errors, &catalog))
    });
    group.finish();
}

criterion_group!(benches, budgets, adversarial, redaction, bench);
criterion_main!(benches);
