//! The command line as a script or a newcomer uses it.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn search_with_a_typo_lists_throttling_first() {
    let out = run(&["search", "throtling"]);
    assert!(out.status.success());
    let first = stdout(&out).lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("APIG.0308"), "{first}");
    assert!(
        first.contains("429") && first.contains("throttling threshold"),
        "{first}"
    );
}

#[test]
fn search_json_is_ranked_and_limited() {
    let out = run(&["search", "APIG", "0201", "--json", "--limit", "3"]);
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["code"], "APIG.0201");
        assert_eq!(row["catalog"], "calling");
        assert!(row["http_status"].is_u64() && row["message"].is_string());
    }
    let scores: Vec<i64> = rows.iter().map(|r| r["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn search_without_a_hit_says_so_and_fails() {
    let out = run(&["search", "qqqxzzv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no catalog row matches"));
}

#[test]
fn help_documents_the_commands_and_options() {
    let help = stdout(&run(&["--help"]));
    for word in ["search", "--screenshot", "--query"] {
        assert!(help.contains(word), "--help lacks {word}");
    }
    let search_help = stdout(&run(&["search", "--help"]));
    for word in ["--json", "--limit"] {
        assert!(search_help.contains(word), "search --help lacks {word}");
    }
}
