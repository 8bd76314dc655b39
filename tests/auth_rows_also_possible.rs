//! The command line's side of the fixes after issue 27: an app-authentication message offered
//! the IAM row (and other rows whose message only resembles it) as "also possible".

use std::io::Write as _;
use std::process::{Command, Stdio};

/// `apig-explorer analyze -` of `paste`.
fn analyze(paste: &str) -> String {
    let home = std::env::temp_dir().join(format!(
        "apig-auth-rows-analyze-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&home);
    let mut child = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["analyze", "-"])
        .env("XDG_DATA_HOME", &home)
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
    std::fs::remove_dir_all(&home).ok();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
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
