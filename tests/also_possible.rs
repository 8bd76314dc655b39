//! The command line's side of the fresh-eyes fixes after issue 27: a row whose HTTP
//! status the paste rules out is not offered as "Also possible", nor one whose message
//! only resembles the message the paste gives word for word (an app-authentication
//! message offered the IAM row).

mod common {
    pub(crate) mod cli;
}

use common::cli::{binary, output};

/// `apig-explorer analyze -` of `paste`, as printed.
fn analyze(paste: &str) -> String {
    let out = output(binary().args(["analyze", "-"]), paste);
    // 1: no row is the match (a guess is still printed).
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn analyze_offers_no_row_the_status_rules_out_as_also_possible() {
    let said = analyze(
        "status 429: The throttling threshold has been reached. Incorrect IAM authentication information.",
    );
    assert!(said.contains("Match: APIG.0308 429"), "{said}");
    assert!(!said.contains("Also possible: APIG.0301"), "{said}");
    assert!(
        said.contains("Guess: APIG.0301 401"),
        "listed, as a guess: {said}"
    );
    assert!(
        said.contains("status 429 differs from the catalog's 401"),
        "with the reason: {said}"
    );
}

#[test]
fn no_row_is_also_possible_under_exact_matches_the_paste_does_not_decide_between() {
    // Two rows say "Backend unavailable" exactly; a third only resembles it.
    let said = analyze(
        "HTTP/1.1 504 Gateway Timeout\nServer: api-gateway\nContent-Type: application/json\n\n{\"error_msg\":\"Backend unavailable\"}\n",
    );
    assert!(!said.contains("Also possible"), "{said}");
    assert!(!said.contains("Match:"), "{said}");
    let first = said.find("Guess: APIG.0201").expect("an exact row first");
    let near = said.find("APIG.0610").expect("the near row listed");
    assert!(first < near, "{said}");
}

#[test]
fn a_status_guess_says_the_message_matched_nothing_when_there_is_one() {
    let said = analyze(
        "HTTP/1.1 429 Too Many Requests\nServer: api-gateway\n\n{\"error_msg\":\"Slow down, partner\"}\n",
    );
    assert!(!said.contains("no code and no message"), "{said}");
    assert!(
        said.contains("no code, and the message matches no catalog message"),
        "{said}"
    );
}

#[test]
fn an_app_authentication_message_offers_no_iam_row_as_also_possible() {
    for paste in [
        "Incorrect app authentication information.",
        "HTTP/1.1 401 Unauthorized\nServer: api-gateway\n\n{\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}",
        "{\"error_msg\":\"Incorrect app authentication information: signature expired, signature time:20261207T010000Z, server time:20261207T013000Z\"}",
        "> POST /v1/orders HTTP/1.1\n> Authorization: SDK-HMAC-SHA256 Access=071fe245, SignedHeaders=host;x-sdk-date, Signature=00ff\n> X-Sdk-Date: 20261207T010000Z\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}",
    ] {
        let said = analyze(paste);
        assert!(said.contains("Match: APIG.0303 401"), "{paste}\n{said}");
        assert!(!said.contains("Also possible"), "{paste}\n{said}");
    }
    // Listed still, as a guess, with the reason.
    let said = analyze("Incorrect app authentication information.");
    assert!(said.contains("Guess: APIG.0301 401"), "{said}");
    assert!(
        said.contains("the paste's message is APIG.0303's word for word"),
        "{said}"
    );
}

#[test]
fn an_iam_token_beside_the_app_message_keeps_the_iam_row_possible() {
    let said = analyze(
        "> GET /v1/orders HTTP/1.1\n> X-Auth-Token: MIIbexampletokenexampletoken\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_msg\":\"Incorrect app authentication information.\"}",
    );
    assert!(said.contains("Match: APIG.0303 401"), "{said}");
    assert!(said.contains("Also possible: APIG.0301 401"), "{said}");
    assert!(said.contains("carries an IAM token"), "{said}");
}

#[test]
fn the_iam_message_offers_no_app_row_as_also_possible() {
    let said = analyze("Incorrect IAM authentication information.");
    assert!(said.contains("Match: APIG.0301 401"), "{said}");
    assert!(!said.contains("Also possible"), "{said}");
}
