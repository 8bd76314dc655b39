//! Whatever is pasted, the analyzer answers: no panic on any string, byte soup, huge
//! input or pathological nesting.

use apig_explorer::Catalog;
use apig_explorer::{LISTED_PER_GROUP, analyze, redact};
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_string_is_analyzed_without_panic(input in "\\PC{0,400}") {
        let a = analyze(&input, catalog());
        for e in &a.errors {
            for c in &e.candidates {
                prop_assert!((0.0..=1.0).contains(&c.confidence));
            }
        }
        let _ = redact(&input);
    }

    #[test]
    fn any_bytes_are_analyzed_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = analyze(&text, catalog());
        let _ = redact(&text);
    }

    #[test]
    fn fragments_of_real_pastes_never_panic(
        parts in proptest::collection::vec(prop_oneof![
            Just("HTTP/1.1 404 Not Found\r\n"), Just("> GET /x HTTP/1.1\n"), Just("< HTTP/2 429\n"),
            Just("{\"error_code\":\"APIG.0101\""), Just(",\"error_msg\":\""), Just("\\\""), Just("}"),
            Just("{"), Just("["), Just("APIGW.0301:"), Just("X-Sdk-Date: 20261127T060000Z\n"),
            Just("Date: Fri, 27 Nov 2026 06:40:00 GMT\n"), Just("status_code:401,"), Just("\n"),
            Just("é漢🙂"), Just("......"), Just("\"entries\": ["),
        ], 0..40)
    ) {
        let text: String = parts.concat();
        let _ = analyze(&text, catalog());
    }
}

#[test]
fn deeply_nested_json_is_survived() {
    let deep = format!(
        "{}\"entries\"{}",
        "[{\"a\":".repeat(50_000),
        "}]".repeat(50_000)
    );
    let _ = analyze(&deep, catalog());
    let unclosed = "{".repeat(200_000);
    let _ = analyze(&unclosed, catalog());
}

#[test]
fn a_huge_log_is_analyzed_and_every_error_counted() {
    let line = "2026-11-27T06:38:00Z INFO GET /v1/items 200 12ms request_id=0123456789abcdef\n";
    let error = "2026-11-27T06:38:01Z ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n";
    let mut log = String::new();
    let mut written = 0;
    while log.len() < 10 * 1024 * 1024 {
        for _ in 0..99 {
            log.push_str(line);
        }
        log.push_str(error);
        written += 1;
    }
    let a = analyze(&log, catalog());
    assert!(a.identified());
    assert!(
        a.errors
            .iter()
            .all(|e| e.code.as_deref() == Some("APIG.0308"))
    );
    assert_eq!(a.triage.total, written, "every error is counted");
    assert_eq!(a.triage.groups.len(), 1);
    assert_eq!(a.triage.groups[0].count, written);
    assert_eq!(
        a.errors.len(),
        LISTED_PER_GROUP,
        "the first of the group kept in full"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The whole path a paste takes (analysis, then redaction for the store) on long
    /// lines, deep nesting and mixed bytes. How long it may take is a benchmark's
    /// business (`cargo bench --bench analysis`); here nothing may panic and every
    /// candidate must be a row.
    #[test]
    fn long_lines_and_deep_nesting_never_panic(
        line in "\\PC{1,40}",
        repeat in 1usize..20_000,
        depth in 0usize..3_000,
        code in proptest::sample::select(&["APIG.0308", "apig 0101", "APIGW.0301", ""][..]),
    ) {
        let long_line = line.repeat(repeat);
        let text = format!(
            "{}{{\"error_code\":\"{code}\",\"error_msg\":\"{long_line}\"}}{}\n{long_line}",
            "[{\"a\":".repeat(depth),
            "}]".repeat(depth / 2),
        );
        let a = analyze(&text, catalog());
        for e in &a.errors {
            for c in &e.candidates {
                prop_assert!(c.row < catalog().entries.len());
            }
        }
        let stored = redact(&text);
        prop_assert!(stored.len() <= text.len() * 2 + 64);
    }
}
