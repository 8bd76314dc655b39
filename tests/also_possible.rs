//! The command line's side of the fresh-eyes fixes after issue 27: a row whose HTTP
//! status the paste rules out is not offered as "Also possible".

use std::io::Write as _;
use std::process::{Command, Stdio};

/// `apig-explorer analyze -` of `paste`, with `home` as its data and cache directory.
fn analyze(home: &std::path::Path, paste: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["analyze", "-"])
        .env("XDG_DATA_HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(paste.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("it ends");
    // 1: no row is the match (a guess is still printed).
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn analyze_offers_no_row_the_status_rules_out_as_also_possible() {
    let home = std::env::temp_dir().join(format!("apig-h27-status-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let said = analyze(
        &home,
        "status 429: The throttling threshold has been reached. Incorrect IAM authentication information.",
    );
    std::fs::remove_dir_all(&home).ok();
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
    let home = std::env::temp_dir().join(format!("apig-h27-tie-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    // Two rows say "Backend unavailable" exactly; a third only resembles it.
    let said = analyze(
        &home,
        "HTTP/1.1 504 Gateway Timeout\nServer: api-gateway\nContent-Type: application/json\n\n{\"error_msg\":\"Backend unavailable\"}\n",
    );
    std::fs::remove_dir_all(&home).ok();
    assert!(!said.contains("Also possible"), "{said}");
    assert!(!said.contains("Match:"), "{said}");
    let first = said.find("Guess: APIG.0201").expect("an exact row first");
    let near = said.find("APIG.0610").expect("the near row listed");
    assert!(first < near, "{said}");
}

#[test]
fn a_status_guess_says_the_message_matched_nothing_when_there_is_one() {
    let home = std::env::temp_dir().join(format!("apig-h27-lack-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let said = analyze(
        &home,
        "HTTP/1.1 429 Too Many Requests\nServer: api-gateway\n\n{\"error_msg\":\"Slow down, partner\"}\n",
    );
    std::fs::remove_dir_all(&home).ok();
    assert!(!said.contains("no code and no message"), "{said}");
    assert!(
        said.contains("no code, and the message matches no catalog message"),
        "{said}"
    );
}
