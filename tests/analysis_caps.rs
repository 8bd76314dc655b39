//! Matching by message is bounded (issue 24, item 9) and says so when it was: a paste of
//! thousands of distinct messages, or a catalog of 100,000 rows, compares a message with
//! a limited number of rows; what was not compared is never said not to be there.

#![allow(clippy::unwrap_used, reason = "test code")]

use apig_explorer::{Catalog, MATCH_THRESHOLD, analyze_every};

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

const CAPPED: &str = "catalog messages it may resemble";

/// A log line with a code no catalog has and a message of its own.
fn unknown_line(i: usize, message: &str) -> String {
    format!(
        "2026-11-27T06:00:00Z ERROR {{\"error_code\":\"APIG.98{:02}\",\"error_msg\":\"{message}\"}}\n",
        i % 100
    )
}

#[test]
fn a_message_compared_with_only_some_rows_says_so_and_is_no_match_by_resemblance() {
    let catalog = synthetic::catalog(100_000);
    // A catalog message with one letter changed: it resembles that row, but a 100k-row
    // catalog is not compared row by row.
    let message = catalog.entries[4_321].message().replacen('e', "a", 1);
    let analysis = analyze_every(&unknown_line(1, &message), &catalog);
    let error = &analysis.errors[0];
    assert!(
        error.warnings.iter().any(|w| w.contains(CAPPED)),
        "{:?}",
        error.warnings
    );
    assert!(
        error
            .candidates
            .iter()
            .all(|c| c.confidence < MATCH_THRESHOLD),
        "{:?}",
        error.candidates
    );
}

#[test]
fn an_exact_message_is_found_in_100k_rows_whatever_the_cap() {
    let catalog = synthetic::catalog(100_000);
    let message = catalog.entries[77_777].message().to_string();
    let analysis = analyze_every(&unknown_line(1, &message), &catalog);
    let best = analysis.errors[0].candidates.first().unwrap();
    assert_eq!(catalog.entries[best.row].message(), message);
}

#[test]
fn a_log_of_many_distinct_messages_is_capped_late_and_still_finds_exact_ones() {
    let catalog = Catalog::embedded();
    let words = [
        "backend",
        "request",
        "failed",
        "invalid",
        "parameter",
        "timeout",
        "service",
        "signature",
        "token",
        "expired",
        "found",
        "access",
        "denied",
        "quota",
        "app",
    ];
    let mut log = String::new();
    for i in 0..400 {
        let message: Vec<&str> = (0..6)
            .map(|k| words[(i * 7 + k * 5 + k * k) % words.len()])
            .collect();
        log.push_str(&unknown_line(i, &format!("{} {i}", message.join(" "))));
    }
    log.push_str(&unknown_line(9_999, "Backend timeout."));
    let analysis = analyze_every(&log, &catalog);
    let first = &analysis.errors[0];
    assert!(
        !first.warnings.iter().any(|w| w.contains(CAPPED)),
        "the first messages are compared with every row: {:?}",
        first.warnings
    );
    let last = analysis.errors.last().unwrap();
    assert_eq!(last.code.as_deref(), Some("APIG.9899"));
    assert!(
        last.warnings.iter().any(|w| w.contains(CAPPED)),
        "{:?}",
        last.warnings
    );
    let best = last.candidates.first().unwrap();
    assert_eq!(catalog.entries[best.row].message(), "Backend timeout.");
}
