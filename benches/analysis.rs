//! `cargo bench --bench analysis`: a typical paste, a 10 MB log, and the worst cases the
//! time caps are about: a long message without a code (matched against every catalog
//! message), and a 16 MB paste (the most that is analyzed).

use apig_explorer::Catalog;
use apig_explorer::analyze;
use criterion::{Criterion, criterion_group, criterion_main};

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

criterion_group!(benches, bench);
criterion_main!(benches);
