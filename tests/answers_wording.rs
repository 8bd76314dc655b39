//! The command line's wording and folding: counts read "1 error", not "1 errors"; the
//! guesses of a code's other rows fold under any match, as under an exact one; and the
//! leftovers of issue 23 as a newcomer would see them.

mod common {
    pub(crate) mod cli;
}

use common::cli::{binary, output};

/// What the binary prints with `args` and `input` on its standard input.
fn run_with_stdin(args: &[&str], input: &str) -> String {
    let out = output(binary().args(args), input);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_count_of_one_is_singular_in_the_triage() {
    let log = "2026-12-06T09:00:00Z ERROR APIG.0308 The throttling threshold has been reached. status=429\n\
               2026-12-06T09:00:20Z ERROR APIG.0308 The throttling threshold has been reached. status=429\n\
               2026-12-06T09:01:10Z ERROR {\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"} status=404\n";
    let out = run_with_stdin(&["analyze", "-"], log);
    assert!(out.contains("3 errors in 2 groups"), "{out}");
    assert!(out.contains("2 errors), its first error"), "{out}");
    assert!(out.contains("1 error), its first error"), "{out}");
    assert!(!out.contains("1 errors"), "{out}");
}

#[test]
fn guesses_of_the_code_s_other_rows_fold_under_a_match_below_one() {
    // The message picks the row (a match, not 1.00): the code's other rows are guesses.
    for paste in [
        "{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend unavailable\"}",
        "APIG.0201 Request entity too large",
        "[APIG.0201] Backend timeout.",
    ] {
        let out = run_with_stdin(&["analyze", "-"], paste);
        assert_eq!(out.matches("  Match: ").count(), 1, "{paste}: {out}");
        assert_eq!(out.matches("  Guess: ").count(), 0, "{paste}: {out}");
        assert!(
            out.contains("other rows of APIG.0201 rank below it"),
            "{paste}: {out}"
        );
    }
    // Without a match nothing is folded: every guess is shown.
    let out = run_with_stdin(&["analyze", "-"], "{\"error_code\":\"APIG.0201\"}");
    assert!(out.matches("  Guess: ").count() >= 2, "{out}");
    assert!(!out.contains("rank below it"), "{out}");
}

#[test]
fn a_misspelt_failure_comes_before_where_it_happened() {
    let out = output(
        binary().args(["search", "--limit", "1", "throtling on the prod stage"]),
        "",
    );
    let first = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(first.starts_with("APIG.0308"), "{first}");
}

#[test]
fn a_long_message_mid_sentence_is_the_message_and_a_match() {
    let out = run_with_stdin(
        &["analyze", "-"],
        "our mobile team says that since 08:00 every call gets The app is not authorized to access the API, no idea why",
    );
    assert!(
        out.contains("Message: The app is not authorized to access the API\n"),
        "{out}"
    );
    assert!(out.contains("  Match: "), "{out}");
}
