//! Inputs that once crashed the app, and the classes they stand for: text whose case
//! mapping changes its length (sliced with offsets from a lower-cased copy), and queries
//! with more words than a small counter holds. Neither analysis nor search may panic,
//! on any Unicode and any number of words.

mod common {
    pub(crate) mod cli;
}

use apig_explorer::{Catalog, SearchIndex, analyze};
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

fn index() -> &'static SearchIndex {
    static INDEX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::new(catalog()))
}

/// Letters whose lower case has another byte length (K, I with dot, capital sharp s),
/// and sigma, whose lower case depends on its place in the word.
const CHANGING: &[&str] = &[
    "\u{212A}",
    "\u{130}",
    "\u{1E9E}",
    "\u{3A3}",
    "\u{3C2}",
    "\u{3A3}\u{391}",
];

#[test]
fn a_message_with_a_kelvin_sign_is_analyzed_and_keeps_its_detail() {
    let paste = "No permission for this instance tas\u{212A}: oops";
    let a = analyze(paste, catalog());
    let error = a.errors.first().expect("the message is recognised");
    let best = error.candidates.first().expect("a candidate row");
    let row = &catalog().entries[best.row];
    assert_eq!(row.message(), "No permission for this instance task.");
    assert_eq!(
        error.detail.as_deref(),
        Some("oops"),
        "cut after the Kelvin sign"
    );
}

#[test]
fn the_cli_analyzes_the_kelvin_paste_without_crashing() {
    let out = common::cli::output(
        common::cli::binary().args(["analyze", "--json"]),
        "No permission for this instance tas\u{212A}: oops",
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert!(v["errors"].is_array());
}

#[test]
fn a_word_repeated_300_times_finds_what_the_word_finds() {
    let once = index().search("timeout");
    assert!(!once.is_empty());
    let many = index().search(&vec!["timeout"; 300].join(" "));
    assert_eq!(many, once);
}

#[test]
fn three_hundred_distinct_words_that_no_row_has_find_nothing() {
    let query: Vec<String> = (0..300).map(|i| format!("zq{i}x")).collect();
    assert!(index().search(&query.join(" ")).is_empty());
    let mut with_real = query.clone();
    with_real.push("timeout".into());
    let hits = index().search(&with_real.join(" "));
    let timeout: Vec<usize> = index().search("timeout").iter().map(|h| h.row).collect();
    assert_eq!(
        hits.iter().map(|h| h.row).collect::<Vec<_>>(),
        timeout,
        "the one real word finds its rows, in its order"
    );
    assert!(hits.iter().all(|h| !h.complete), "none matches every word");
}

fn unicode_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => "\\PC{0,12}",
            2 => proptest::sample::select(CHANGING).prop_map(str::to_string),
            1 => proptest::sample::select(&["APIG.0301", "apig 0308", ": ", "{", "\"error_msg\":\"", "No permission for this instance"][..]).prop_map(str::to_string),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn analysis_never_panics_on_case_changing_unicode(text in unicode_text()) {
        let a = analyze(&text, catalog());
        for e in &a.errors {
            for c in &e.candidates {
                prop_assert!(c.row < catalog().entries.len());
            }
        }
    }

    #[test]
    fn search_never_panics_and_every_hit_is_a_row(query in unicode_text()) {
        for hit in index().search(&query) {
            prop_assert!(hit.row < catalog().entries.len());
        }
        for e in catalog().entries.iter().take(20) {
            let marks = index().highlights(e.message(), &query);
            prop_assert!(marks.iter().all(|&m| m < e.message().chars().count()));
        }
    }

    #[test]
    fn queries_of_up_to_a_thousand_words_never_panic(
        words in proptest::collection::vec(prop_oneof![
            Just("timeout".to_string()), Just("backend".to_string()), "[a-z]{1,8}",
            proptest::sample::select(CHANGING).prop_map(str::to_string),
        ], 0..1000)
    ) {
        let hits = index().search(&words.join(" "));
        let all_real = !words.is_empty() && words.iter().all(|w| w == "timeout" || w == "backend");
        if all_real {
            prop_assert!(!hits.is_empty(), "rows with both words exist");
        }
    }
}
