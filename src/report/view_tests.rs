//! The view of an analyzed error: one set of labels, the detail printed once, the facts
//! the paste did not show.

use super::*;
use crate::analysis::analyze;

fn view_of(paste: &str) -> (Catalog, ErrorView) {
    let catalog = Catalog::embedded();
    let analysis = analyze(paste, &catalog);
    let view = ErrorView::of(&catalog, &analysis.errors[0]);
    (catalog, view)
}

#[test]
fn confidence_is_printed_in_hundredths_rounded_once() {
    assert_eq!(Confidence::of(1.0).to_string(), "1.00");
    assert_eq!(Confidence::of(0.3).to_string(), "0.30");
    assert_eq!(Confidence::of(0.846).to_string(), "0.85");
    assert_eq!(Confidence::of(0.05).to_string(), "0.05");
    assert_eq!(Confidence::of(1.7).to_string(), "1.00", "clamped");
}

#[test]
fn the_first_row_above_the_threshold_is_the_match_the_rest_by_their_confidence() {
    assert_eq!(Verdict::of(true, 0.9), Verdict::Match);
    assert_eq!(Verdict::of(false, 0.6), Verdict::AlsoPossible);
    assert_eq!(Verdict::of(true, 0.4), Verdict::Guess);
    assert_eq!(Verdict::of(false, 0.2), Verdict::Guess);
    assert_eq!(
        [Verdict::Match, Verdict::AlsoPossible, Verdict::Guess].map(Verdict::label),
        ["Match", "Also possible", "Guess"]
    );
}

#[test]
fn an_exact_match_folds_the_codes_other_rows_into_one_line() {
    let (_, view) = view_of(
        "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}",
    );
    assert_eq!(view.heading(), "APIG.0201 (504 Gateway Timeout)");
    let [only] = view.candidates.as_slice() else {
        panic!("one row shown: {view:#?}");
    };
    assert!(
        only.headline()
            .starts_with("Match: APIG.0201 504 Backend timeout. (Calling APIs), confidence 1.00"),
        "{}",
        only.headline()
    );
    let folded = view.folded.as_ref().expect("the code's other rows, folded");
    assert_eq!(
        folded.headline(),
        "Other variants of this code: 6 other rows of APIG.0201 rank below it, confidence ≤ 0.30"
    );
    assert_eq!(folded.rows.len(), 6);
    assert!(folded.rows.iter().all(|c| c.verdict == Verdict::Guess));
    assert_eq!(view.unseen, ["request id"]);
}

#[test]
fn a_detail_the_message_holds_is_not_a_fact_of_its_own_and_a_long_one_is_cut_in_reasons() {
    let echo = "verify signature fail, canonicalRequest:POST|/v2/orders|...|content-type:application/json|host:api.example.com:8443|x-sdk-date:20240102T030405Z";
    let paste = format!(
        "HTTP/1.1 401 Unauthorized\n\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: {echo}\",\"request_id\":\"abc123abc123\"}}"
    );
    let (_, view) = view_of(&paste);
    let names: Vec<&str> = view.facts.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["Message", "Request id", "Authentication"],
        "no Detail: the message holds it {view:#?}"
    );
    let everything = format!("{view:?}");
    assert_eq!(
        everything.matches("canonicalRequest:").count(),
        1,
        "the echo once, in the message: {view:#?}"
    );
    let cut = view
        .candidates
        .iter()
        .flat_map(|c| &c.reasons)
        .find(|r| r.contains("verify signature fail"))
        .expect("a reason names the detail");
    assert!(
        cut.ends_with("followed by the detail 'verify signature fail…'"),
        "{cut}"
    );
}

#[test]
fn a_detail_the_message_does_not_hold_is_a_fact_and_unseen_facts_are_named() {
    let said = Said {
        message: Some("Incorrect app authentication information"),
        detail: Some("signature expired"),
        ..Said::default()
    };
    let view = ErrorView::new(said, Vec::new(), Vec::new(), None, Vec::new());
    let facts: Vec<(&str, &str)> = view
        .facts
        .iter()
        .map(|f| (f.name.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        facts,
        [
            ("Message", "Incorrect app authentication information"),
            ("Detail", "signature expired")
        ]
    );
    assert_eq!(view.heading(), "no code (status unknown)");
    let unseen = view.unseen_fact().expect("three facts missing");
    assert_eq!(
        (unseen.name.as_str(), unseen.value.as_str()),
        ("Not read from the paste", "code, status, request id")
    );
}
