//! The command line as a script or a newcomer uses it.

mod common {
    pub(crate) mod cli;
}

use std::process::{Command, Output};

use common::cli::{binary, output};

fn run(args: &[&str]) -> Output {
    output(binary().args(args), "")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    output(binary().args(args), input)
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

const SIGNATURE_EXPIRED: &str = "> GET /v1/users HTTP/1.1\n> Host: api.example.com\n> X-Sdk-Date: 20261127T060000Z\n> Authorization: SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=abc123\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Fri, 27 Nov 2026 06:40:00 GMT\n< X-Request-Id: 7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\n<\n{\"error_msg\":\"Incorrect app authentication information: signature expired\",\"error_code\":\"APIG.0303\",\"request_id\":\"7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\"}\n";

#[test]
fn analyze_json_names_the_row_from_stdin() {
    let out = run_with_stdin(&["analyze", "--json"], SIGNATURE_EXPIRED);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "curl -v transcript");
    let e = &v["errors"][0];
    assert_eq!(e["code"], "APIG.0303");
    assert_eq!(e["http_status"], 401);
    assert_eq!(e["request_id"], "7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b");
    let c = &e["candidates"][0];
    assert_eq!(c["catalog"], "calling");
    assert_eq!(c["code"], "APIG.0303");
    assert!(c["confidence"].as_f64().unwrap() >= 0.9);
    assert!(c["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    assert!(e["warnings"].to_string().contains("40 minutes"));
    assert!(v["warnings"].as_array().is_some());
}

#[test]
fn analyze_reads_a_file_and_prints_text() {
    let dir = std::env::temp_dir().join(format!("apig-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("paste.txt");
    std::fs::write(&file, SIGNATURE_EXPIRED).unwrap();
    let out = run(&["analyze", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("  Match: APIG.0303 401 ") && l.ends_with(", confidence 1.00")),
        "{text}"
    );
    assert!(text.contains("Clock skew: 40 minutes"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn analyze_folds_the_codes_other_rows_under_an_exact_match() {
    // A 1.00 match of a code with several rows: the other rows are one line, not a
    // block of guesses each, as the window folds them.
    let timeout = "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}";
    let text = stdout(&run_with_stdin(&["analyze"], timeout));
    assert!(
        text.lines()
            .any(|l| l.starts_with("  Match: APIG.0201 504 ") && l.ends_with(", confidence 1.00")),
        "{text}"
    );
    assert!(!text.contains("Guess"), "{text}");
    assert!(
        text.contains("  Other variants of this code: 6 other rows of APIG.0201 rank below it, confidence ≤ 0.30 (`apig-explorer explain APIG.0201` lists every row)"),
        "{text}"
    );
    // Without an exact match every candidate is still printed: nothing is hidden.
    let vague = stdout(&run_with_stdin(
        &["analyze"],
        "{\"error_code\":\"APIG.0201\"}",
    ));
    assert!(vague.matches("\n  Guess: ").count() >= 2, "{vague}");
    assert!(!vague.contains("Other variants"), "{vague}");
}

#[test]
fn analyze_exit_status_says_what_happened() {
    let ok = run_with_stdin(&["analyze", "-"], "HTTP/1.1 200 OK\n\n{}");
    assert_eq!(ok.status.code(), Some(1));
    assert!(stdout(&ok).contains("succeeded"));
    let json = run_with_stdin(&["analyze", "--json"], "nothing here at all");
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["errors"], serde_json::json!([]));
    let missing = run(&["analyze", "/nonexistent/paste.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}

#[test]
fn explain_prints_every_variant_with_its_checklist() {
    let out = run(&["explain", "apig 0201"]);
    assert!(out.status.success());
    let md = stdout(&out);
    assert_eq!(md.matches("### APIG.0201").count(), 7, "{md}");
    assert!(
        md.contains("- [ ] The request body is smaller than 12 MB."),
        "{md}"
    );
    let one = stdout(&run(&["explain", "APIG.0201", "--status", "413"]));
    assert_eq!(one.matches("### APIG.0201").count(), 1);
    assert!(one.contains("Request entity too large."));
    let managing = stdout(&run(&["explain", "APIG.1009", "--catalog-id", "managing"]));
    assert!(
        managing.contains("Token contains no user information.") && managing.contains("- [ ] "),
        "{managing}"
    );
    let none = run(&["explain", "APIG.9999", "--status", "200"]);
    assert_eq!(none.status.code(), Some(1));
}

const VPC: &str = "tests/fixtures/rst/virtual-private-cloud.rst";

#[test]
fn extra_catalogs_serve_search_and_analyze() {
    let out = run(&["search", "--catalog", VPC, "VPC.0101", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["catalog"] == "virtual-private-cloud" && r["code"] == "VPC.0101")
    );
    let body = "HTTP/1.1 400 Bad Request\n\n{\"error_code\": \"VPC.0101\", \"error_msg\": \"Invalid VPC parameter values.\"}";
    let out = run_with_stdin(&["analyze", "--catalog", VPC, "--json"], body);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["errors"][0]["candidates"][0]["catalog"],
        "virtual-private-cloud"
    );
    let without = run_with_stdin(&["analyze"], body);
    assert_eq!(
        without.status.code(),
        Some(1),
        "without the catalog it is not ours"
    );
    let broken = run(&["search", "--catalog", "/nonexistent.rst", "x"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("/nonexistent.rst"));
}

#[test]
fn import_writes_a_catalog_that_loads_back_whole() {
    let dir = std::env::temp_dir().join(format!("apig-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("vpc.toml");
    let out = run(&["import", VPC, "-o", toml.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("201 rows"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&toml).unwrap();
    let loaded = apig_explorer::load_text(&text, "vpc", "test").unwrap();
    assert_eq!(loaded.catalog.entries.len(), 201);
    assert!(
        loaded
            .catalog
            .entries
            .iter()
            .any(|e| e.extra().iter().any(|(k, _)| k == "Module"))
    );
    let stdout_toml = stdout(&run(&[
        "import",
        "tests/fixtures/rst/api-gateway-user-guide.rst",
    ]));
    assert_eq!(stdout_toml.matches("[[entry]]").count(), 71);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn analyze_prints_no_credential_unless_asked() {
    let paste = "> GET /v1/x HTTP/1.1\n> Authorization: Bearer live-token-0123456789\n> X-Auth-Token: MIIabcdefsecret\n< HTTP/1.1 401 Unauthorized\n\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: password=hunter2 rejected\",\"request_id\":\"0123456789abcdef\"}";
    for args in [&["analyze"][..], &["analyze", "--json"][..]] {
        let out = run_with_stdin(args, paste);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{text}");
        for secret in ["live-token-0123456789", "MIIabcdefsecret", "hunter2"] {
            assert!(!text.contains(secret), "{args:?} printed {secret}: {text}");
        }
        assert!(
            text.contains("0123456789abcdef") && text.contains("APIG.0301"),
            "{text}"
        );
        if args.len() == 2 {
            let v: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
            assert_eq!(v["errors"][0]["code"], "APIG.0301");
        }
    }
    let raw = stdout(&run_with_stdin(&["analyze", "--no-redact"], paste));
    assert!(
        raw.contains("hunter2"),
        "--no-redact prints what was sent: {raw}"
    );
}

#[test]
fn explain_reads_bare_digits_as_a_code() {
    let out = run(&[
        "explain",
        "0201",
        "--status",
        "413",
        "--catalog-id",
        "calling",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("APIG.0201") && text.contains("413"), "{text}");
    assert!(!text.contains("504"), "only the 413 variant: {text}");
    let out = run(&["explain", "0308"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("APIG.0308"));
}

#[test]
fn explain_rejects_an_unknown_catalog_id_and_lists_the_known_ones() {
    let out = run(&["explain", "0101", "--catalog-id", "foo"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"foo\"") && err.contains("calling, managing"),
        "{err}"
    );
}

#[test]
fn search_limit_zero_is_refused() {
    let out = run(&["search", "timeout", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--limit"));
}

#[test]
fn a_catalog_given_before_the_subcommand_is_used_and_columns_stay_aligned() {
    let out = run(&["--catalog", VPC, "search", "0101"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let json = run(&["--catalog", VPC, "search", "0101", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        rows.iter().any(|r| r["catalog"] == "virtual-private-cloud"),
        "{text}"
    );
    assert!(rows.iter().any(|r| r["catalog"] == "calling"), "{text}");
    let starts: Vec<usize> = text
        .lines()
        .zip(&rows)
        .map(|(line, row)| {
            let message = row["message"].as_str().unwrap();
            line.find(message).unwrap_or_else(|| panic!("{line}"))
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn analyze_summarizes_a_log_and_prints_every_error_with_all() {
    let mut log = String::new();
    for i in 0..300 {
        log.push_str(&format!("2026-11-27T06:{:02}:{:02}Z ERROR {{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}} status=429\n", 38 + i / 60, i % 60));
    }
    log.push_str("2026-11-27T06:45:00Z ERROR {\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout.\"} status=504\n");
    let out = run_with_stdin(&["analyze"], &log);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains(
            "301 errors in 2 groups, 2026-11-27 06:38:00 to 2026-11-27 06:45:00 UTC (7 min)"
        ),
        "{text}"
    );
    assert!(text.contains("   300  APIG.0308     429  2026-11-27 06:38:00  2026-11-27 06:42:59  The throttling threshold has been reached."), "{text}");
    assert_eq!(
        text.matches("\nGroup ").count(),
        2,
        "one error of each group"
    );
    assert!(
        text.contains("\nGroup 1 of 2 (APIG.0308 429, 300 errors), its first error: APIG.0308"),
        "{text}"
    );
    let all = stdout(&run_with_stdin(&["analyze", "--all"], &log));
    assert_eq!(
        all.matches("\nError ").count(),
        301,
        "--all prints every error"
    );
    let json = run_with_stdin(&["analyze", "--json"], &log);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["triage"]["total"], 301);
    assert_eq!(v["triage"]["groups"][0]["count"], 300);
    assert_eq!(
        v["triage"]["groups"][0]["first_seen"],
        "2026-11-27T06:38:00Z"
    );
    assert_eq!(
        v["errors"].as_array().map(Vec::len),
        Some(101),
        "100 of the big group, and the other"
    );
}

const STAGE_CHANGED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/signing/stage-changed.txt"
);
const BODY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/signing/body.json"
);
const APP_SECRET: &str = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";

#[test]
fn signcheck_names_the_changed_header_and_shows_both_canonical_requests() {
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", STAGE_CHANGED, "--body", BODY])
        .env_remove("APIG_APP_SECRET")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("Verdict: no secret given"), "{text}");
    assert!(text.contains("[header_value, likely] Header x-stage: the request sent \"RELEASE\", the gateway saw \"TEST\"."), "{text}");
    assert!(text.contains("! x-stage:RELEASE"), "{text}");
    assert!(text.contains("| x-stage:TEST"), "{text}");
}

#[test]
fn signcheck_takes_the_secret_from_the_environment_or_a_file_and_never_prints_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", STAGE_CHANGED, "--json"])
        .env("APIG_APP_SECRET", APP_SECRET)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "reproduced");
    assert_eq!(v["findings"][0]["kind"], "header_value");
    assert_eq!(v["signature_computed"], v["signature_sent"]);
    assert!(
        v["gateway_canonical_request"]
            .as_str()
            .unwrap()
            .contains("x-stage:TEST")
    );
    assert!(
        !stdout(&out).contains(APP_SECRET)
            && !String::from_utf8_lossy(&out.stderr).contains(APP_SECRET)
    );
    let dir = std::env::temp_dir().join(format!("signcheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret");
    std::fs::write(&file, format!("{APP_SECRET}\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", STAGE_CHANGED, "--json", "--secret-file"])
        .arg(&file)
        .env_remove("APIG_APP_SECRET")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["verdict"], "reproduced",
        "the trailing newline is not part of the secret"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn signcheck_exit_status_says_whether_a_signed_request_was_found() {
    let none = run_with_stdin(&["signcheck"], "just some text\n");
    assert_eq!(none.status.code(), Some(1));
    let unsigned = run_with_stdin(&["signcheck"], "> GET / HTTP/1.1\n> Host: a\n>\n");
    assert_eq!(unsigned.status.code(), Some(1));
    let missing = run(&["signcheck", "/nonexistent/transcript.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    let signed = run_with_stdin(&["signcheck", "--json"], SIGNATURE_EXPIRED);
    assert_eq!(signed.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&signed.stdout).unwrap();
    assert_eq!(v["verdict"], "no_secret");
    assert!(v["gateway_canonical_request"].is_null());
}

#[test]
fn incidents_are_listed_and_exported_from_the_window_s_store() {
    use apig_explorer::{Catalog, Incident, Legacy, Store};
    let home = fresh_home("incidents");
    let data = home.join("apig-explorer");
    let cli = |args: &[&str]| run_in(&home, args);
    assert_eq!(
        cli(&["incidents"]).status.code(),
        Some(1),
        "no store yet, none made"
    );
    assert!(!data.exists());
    let store = Store::open(&data, Legacy::default()).store.unwrap();
    let catalog = Catalog::embedded();
    let row = catalog
        .entries
        .iter()
        .position(|e| e.code() == "APIG.0308")
        .unwrap();
    let id = store
        .insert_incident(&Incident::from_row(
            0,
            &catalog,
            row,
            "2026-11-27T06:38:00Z",
        ))
        .unwrap();
    store.rename_incident(id, "TICKET-4711").unwrap();
    drop(store);
    let list = cli(&["incidents", "--json"]);
    assert!(list.status.success());
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v[0]["name"], "TICKET-4711");
    assert_eq!(v[0]["code"], "APIG.0308");
    assert_eq!(v[0]["done"], 0);
    let export = cli(&["incidents", "export", &id.to_string()]);
    let md = stdout(&export);
    assert!(
        md.contains("TICKET-4711") && md.contains("APIG.0308"),
        "{md}"
    );
    assert_eq!(cli(&["incidents", "export", "999"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn history_lists_and_searches_what_the_window_analyzed() {
    use apig_explorer::{HistoryEntry, Legacy, Store};
    let home = fresh_home("history");
    let cli = |args: &[&str]| run_in(&home, args);
    assert_eq!(cli(&["history"]).status.code(), Some(1));
    let store = Store::open(&home.join("apig-explorer"), Legacy::default())
        .store
        .unwrap();
    for (code, status, id, text) in [
        (
            "APIG.0308",
            429,
            "7f0e2d4c6b8a",
            "{\"error_code\":\"APIG.0308\"}",
        ),
        (
            "APIG.0203",
            504,
            "aa11bb22cc33",
            "< HTTP/1.1 504\nBackend timeout.",
        ),
    ] {
        store
            .record_history(&HistoryEntry {
                time: "2026-11-27T06:38:00Z".into(),
                code: Some(code.into()),
                http_status: Some(status),
                request_id: Some(id.into()),
                errors: 1,
                text: text.into(),
                ..HistoryEntry::default()
            })
            .unwrap();
    }
    drop(store);
    let all: serde_json::Value =
        serde_json::from_slice(&cli(&["history", "--json"]).stdout).unwrap();
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    let found: serde_json::Value =
        serde_json::from_slice(&cli(&["history", "aa11bb", "--json"]).stdout).unwrap();
    assert_eq!(found[0]["first_line"], "< HTTP/1.1 504");
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn install_desktop_writes_the_launcher_entry_and_icon_and_uninstall_removes_them() {
    let home = fresh_home("desktop");
    let cli = |args: &[&str]| run_in(&home, args);
    assert!(cli(&["install-desktop"]).status.success());
    let entry = std::fs::read_to_string(home.join("applications/apig-explorer.desktop")).unwrap();
    assert!(
        entry.contains("Exec=\"") && entry.contains("apig-explorer\""),
        "{entry}"
    );
    assert!(entry.contains("Icon=apig-explorer"));
    let icon = home.join("icons/hicolor/256x256/apps/apig-explorer.png");
    assert!(std::fs::read(&icon).unwrap().starts_with(b"\x89PNG"));
    assert!(cli(&["install-desktop", "--uninstall"]).status.success());
    assert!(!icon.exists() && !home.join("applications/apig-explorer.desktop").exists());
    let _ = std::fs::remove_dir_all(&home);
}

/// An empty directory to stand for `$XDG_DATA_HOME`.
fn fresh_home(name: &str) -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("apig-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    home
}

/// The binary with `home` as its `$XDG_DATA_HOME`.
fn run_in(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(args)
        .env("XDG_DATA_HOME", home)
        .output()
        .expect("the binary runs")
}

#[test]
fn search_over_a_catalog_file_answers_the_same_from_the_catalog_cache() {
    let cache = fresh_home("catalog-cache");
    let search = || {
        binary()
            .env("XDG_CACHE_HOME", &cache)
            .args(["search", "--catalog", VPC, "VPC.0101", "--json"])
            .output()
            .expect("the binary runs")
    };
    let parsed = search();
    assert!(parsed.status.success());
    let written: Vec<_> = std::fs::read_dir(cache.join("apig-explorer"))
        .expect("the cache directory was made")
        .flatten()
        .collect();
    assert_eq!(written.len(), 1, "one cache file for one list of files");
    let cached = search();
    assert_eq!(stdout(&cached), stdout(&parsed));
    assert!(stdout(&cached).contains("VPC.0101"));
    std::fs::remove_dir_all(&cache).ok();
}

const MIXED_LOG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/triage/mixed-gateway.log"
);

#[test]
fn analyze_groups_a_mixed_log_by_catalog_row_in_every_status_form() {
    let out = run(&["analyze", MIXED_LOG]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains(
            "20 errors in 4 groups, 2026-11-27 06:38:01 to 2026-11-27 06:42:03 UTC (4 min 2 s)"
        ),
        "{text}"
    );
    for line in [
        "     8  APIG.0201     504  2026-11-27 06:38:01  2026-11-27 06:40:52  Backend timeout.",
        "     6  APIG.0201    502?  2026-11-27 06:38:04  2026-11-27 06:41:10  Backend unavailable.",
        "     4  APIG.0308    429?  2026-11-27 06:42:00  2026-11-27 06:42:03  The throttling threshold has been reached.",
        "     2  APIG.0201  unknown  2026-11-27 06:41:15  2026-11-27 06:41:16  row uncertain: APIG.0201 has",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    let groups: Vec<&str> = text.lines().filter(|l| l.starts_with("Group ")).collect();
    assert_eq!(groups.len(), 4, "{text}");
    assert!(
        groups[0].starts_with("Group 1 of 4 (APIG.0201 504, 8 errors)"),
        "{groups:?}"
    );
    assert!(
        groups[3].starts_with("Group 4 of 4 (APIG.0201, status unknown, 2 errors)"),
        "{groups:?}"
    );
}

#[test]
fn analyze_json_of_a_mixed_log_uses_one_time_format_and_names_each_row() {
    let out = run(&["analyze", "--json", MIXED_LOG]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["triage"];
    assert_eq!(t["total"], 20);
    let counts: Vec<_> = t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["http_status"].clone(),
                g["message"].clone(),
                g["count"].clone(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            (504.into(), "Backend timeout.".into(), 8.into()),
            (502.into(), "Backend unavailable.".into(), 6.into()),
            (
                429.into(),
                "The throttling threshold has been reached.".into(),
                4.into()
            ),
            (serde_json::Value::Null, serde_json::Value::Null, 2.into()),
        ]
    );
    assert!(
        t["groups"][3]["uncertain"]
            .as_str()
            .unwrap()
            .contains("APIG.0201")
    );
    assert_eq!(
        t["per_minute"][0],
        serde_json::json!(["2026-11-27T06:38:00Z", 5])
    );
    assert_eq!(t["groups"][0]["per_minute"][0][0], "2026-11-27T06:38:00Z");
    assert_eq!(t["groups"][0]["first_seen"], "2026-11-27T06:38:01Z");
    let minutes: u64 = t["per_minute"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m[1].as_u64().unwrap())
        .sum();
    assert_eq!(minutes, 20);
}

#[test]
fn a_har_gets_a_timeline_from_its_started_times() {
    let entry = |time: &str, status: u16, body: &str| {
        serde_json::json!({
            "startedDateTime": time,
            "request": {"method": "GET", "url": "https://api.example.com/v1/items", "headers": []},
            "response": {"status": status, "statusText": "", "headers": [],
                         "content": {"text": body}}
        })
    };
    let har = serde_json::json!({"log": {"version": "1.2", "entries": [
        entry("2026-11-27T07:38:01.250+01:00", 429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}"),
        entry("2026-11-27T06:39:30.000Z", 429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}"),
        entry("2026-11-27T06:39:31.000Z", 200, "{}"),
    ]}});
    let out = run_with_stdin(&["analyze", "--json"], &har.to_string());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "HAR");
    assert_eq!(v["triage"]["timed"], 2);
    // The fraction of the second is kept as written.
    assert_eq!(v["errors"][0]["seen_at"], "2026-11-27T06:38:01.250Z");
    assert_eq!(
        v["triage"]["per_minute"],
        serde_json::json!([["2026-11-27T06:38:00Z", 1], ["2026-11-27T06:39:00Z", 1]])
    );
}

#[test]
fn history_json_gives_the_true_count_and_the_codes_as_an_array() {
    use apig_explorer::{HistoryEntry, HistoryGroup, Legacy, Store};
    let home = fresh_home("history-counts");
    let cli = |args: &[&str]| run_in(&home, args);
    let store = Store::open(&home.join("apig-explorer"), Legacy::default())
        .store
        .unwrap();
    let group = |code: &str, status: u16, count: usize| HistoryGroup {
        code: Some(code.into()),
        http_status: Some(status),
        count,
    };
    store
        .record_history(&HistoryEntry {
            time: "2026-11-27T06:38:00Z".into(),
            code: Some("APIG.0308 x4032, APIG.0201 x3912".into()),
            errors: 7_944,
            groups: vec![
                group("APIG.0308", 429, 4_032),
                group("APIG.0201", 504, 3_912),
            ],
            total_bytes: Some(2_200_000),
            text: "2026-11-27T06:38:00Z WARN APIG.0308 status=429".into(),
            ..HistoryEntry::default()
        })
        .unwrap();
    drop(store);
    let v: serde_json::Value = serde_json::from_slice(&cli(&["history", "--json"]).stdout).unwrap();
    assert_eq!(v[0]["errors"], 7_944);
    assert_eq!(
        v[0]["codes"],
        serde_json::json!([
            {"code": "APIG.0308", "http_status": 429, "count": 4032},
            {"code": "APIG.0201", "http_status": 504, "count": 3912}
        ])
    );
    assert_eq!(v[0]["text_cut"], true);
    assert_eq!(v[0]["errors_exact"], true);
    let text = stdout(&cli(&["history"]));
    assert!(
        text.contains("7944 errors  APIG.0308 x4032, APIG.0201 x3912"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

/// The names and bytes of the files in `dir` (WAL and shared memory aside).
fn files_in(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("the data directory")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).expect("a file of the data directory");
            (n, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn history_and_incidents_never_change_a_store_they_cannot_read() {
    use apig_explorer::{Catalog, Incident, Legacy, Store};
    let home = fresh_home("readers");
    let data = home.join("apig-explorer");
    let store = Store::open(&data, Legacy::default()).store.unwrap();
    let catalog = Catalog::embedded();
    store
        .insert_incident(&Incident::from_row(0, &catalog, 0, "2026-11-27T06:38:00Z"))
        .unwrap();
    drop(store);
    let path = data.join("state.sqlite3");
    // Another program holds the store locked.
    let before = files_in(&data);
    let locker = rusqlite::Connection::open(&path).unwrap();
    locker
        .execute_batch("PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    for command in ["history", "incidents"] {
        let out = run_in(&home, &[command]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("locked"), "{command}: {err}");
    }
    drop(locker);
    assert_eq!(files_in(&data), before, "the locked store is untouched");
    // A newer version's store is refused, never renamed.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = files_in(&data);
    for command in ["history", "incidents"] {
        let out = run_in(&home, &[command]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("newer version"), "{command}: {err}");
    }
    assert_eq!(files_in(&data), before, "the newer store is untouched");
    // A damaged store is reported, and left for the window to set aside.
    std::fs::write(&path, "not a database at all\n".repeat(100)).unwrap();
    let _ = std::fs::remove_file(data.join("state.sqlite3-wal"));
    let before = files_in(&data);
    for command in ["history", "incidents"] {
        let out = run_in(&home, &[command]);
        assert_eq!(out.status.code(), Some(2), "{command}");
    }
    assert_eq!(
        files_in(&data),
        before,
        "the damaged store stays where it is"
    );
    let _ = std::fs::remove_dir_all(&home);
}

/// A stand-in for the window on a socket: takes one hand-off (a length, then the text),
/// answers `answer`, and returns the text.
#[cfg(unix)]
fn fake_window(
    socket: &std::path::Path,
    answer: &'static [u8],
) -> std::thread::JoinHandle<Option<String>> {
    use std::io::{Read, Write};
    use std::os::unix::fs::PermissionsExt;
    let listener = std::os::unix::net::UnixListener::bind(socket).expect("binds");
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600)).expect("owner-only");
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        // Gives up after a while, so a test of the old behaviour fails instead of hanging.
        let mut peer = (0..200).find_map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            listener.accept().ok().map(|(peer, _)| peer)
        })?;
        peer.set_nonblocking(false).ok()?;
        let mut len = [0; 8];
        peer.read_exact(&mut len).ok()?;
        let mut text = vec![0; u64::from_le_bytes(len) as usize];
        peer.read_exact(&mut text).ok()?;
        peer.write_all(answer).ok()?;
        String::from_utf8(text).ok()
    })
}

/// `send` with its directories in `home`: data in `data` (else `home/data`), runtime
/// dir `runtime`, temporary files in `home/tmp`.
#[cfg(unix)]
fn send_from(
    home: &std::path::Path,
    data: Option<&std::path::Path>,
    runtime: Option<&std::path::Path>,
    input: &str,
) -> Output {
    use std::io::Write;
    let mut command = binary();
    command
        .args(["send"])
        .env(
            "XDG_DATA_HOME",
            data.map_or_else(|| home.join("data"), |d| d.to_path_buf()),
        )
        .env("TMPDIR", home.join("tmp"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("XDG_RUNTIME_DIR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(runtime) = runtime {
        command.env("XDG_RUNTIME_DIR", runtime);
    }
    let mut child = command.spawn().expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("the binary reads its input");
    child.wait_with_output().expect("the binary finishes")
}

#[cfg(unix)]
fn private_dir(dir: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).expect("a directory");
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).expect("its mode");
}

#[cfg(unix)]
const SENT: &str = "{\"error_code\":\"APIG.0308\",\"request_id\":\"5e1d0c2b3a4f5e6d\"}";

#[test]
#[cfg(unix)]
fn send_ignores_a_listener_in_a_shared_runtime_directory() {
    let home = fresh_home("send-shared");
    let shared = home.join("shared-run");
    private_dir(&shared, 0o1777);
    private_dir(&home.join("data/apig-explorer"), 0o700);
    // Someone listening where a careless `send` would look.
    let stranger = fake_window(&shared.join("apig-explorer.sock"), b"ok\n");
    let window = fake_window(&home.join("data/apig-explorer/send.sock"), b"ok\n");
    let out = send_from(&home, None, Some(&shared), SENT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), "sent to the running window\n");
    assert_eq!(window.join().unwrap().as_deref(), Some(SENT));
    assert_eq!(
        stranger.join().unwrap(),
        None,
        "the shared directory's listener got nothing"
    );
    std::fs::remove_dir_all(&home).ok();
}

#[test]
#[cfg(unix)]
fn send_reaches_the_window_over_a_short_path_when_the_data_path_is_too_long() {
    let home = fresh_home("send-long");
    let mut long = home.clone();
    while long.as_os_str().len() < 120 {
        long.push("a-long-directory-name");
    }
    std::fs::create_dir_all(&long).unwrap();
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    let short = home.join("tmp").join(format!("apig-explorer-{uid}"));
    private_dir(&short, 0o700);
    let window = fake_window(&short.join("send.sock"), b"ok\n");
    let out = send_from(&home, Some(&long), None, SENT);
    assert_eq!(stdout(&out), "sent to the running window\n");
    assert_eq!(window.join().unwrap().as_deref(), Some(SENT));
    std::fs::remove_dir_all(&home).ok();
}

#[test]
#[cfg(unix)]
fn send_says_sent_only_when_the_window_confirms_it_holds_the_text() {
    let home = fresh_home("send-confirm");
    let run = home.join("run");
    private_dir(&run, 0o700);
    let socket = run.join("apig-explorer.sock");
    let silent = fake_window(&socket, b"");
    let out = send_from(&home, None, Some(&run), SENT);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("did not confirm"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    silent.join().unwrap();
    std::fs::remove_file(&socket).unwrap();
    let unsaved = fake_window(&socket, b"mem");
    let out = send_from(&home, None, Some(&run), SENT);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("could not save it"),
        "{}",
        stdout(&out)
    );
    unsaved.join().unwrap();
    let out = send_from(&home, None, Some(&run), "  \n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to send"));
    std::fs::remove_dir_all(&home).ok();
}

#[test]
fn history_recalls_a_damaged_store_set_aside() {
    use apig_explorer::{Legacy, Store};
    let home = fresh_home("recall");
    let data = home.join("apig-explorer");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("state.sqlite3"), "shopping list\n".repeat(100)).unwrap();
    drop(Store::open(&data, Legacy::default()));
    let out = run_in(&home, &["history"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("set aside") && err.contains("state.sqlite3.damaged-"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[cfg(unix)]
#[test]
fn install_desktop_escapes_a_binary_path_with_quotes_dollars_and_percents() {
    let home = fresh_home("desktop-odd");
    let odd = home.join("odd \"dir\" $HOME `x` 100% back\\slash");
    std::fs::create_dir_all(&odd).unwrap();
    let exe = odd.join("apig-explorer");
    std::fs::copy(env!("CARGO_BIN_EXE_apig-explorer"), &exe).unwrap();
    let out = Command::new(&exe)
        .arg("install-desktop")
        .env("XDG_DATA_HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let entry = std::fs::read_to_string(home.join("applications/apig-explorer.desktop")).unwrap();
    let exec = entry.lines().find_map(|l| l.strip_prefix("Exec=")).unwrap();
    // Each reserved character escaped for the quoting, then every backslash doubled for
    // the string (the spec's four backslashes for one), `%` doubled for field codes;
    // then the `%F` field code for the files "Open with" passes.
    let expected = format!(
        "\"{}/odd \\\\\"dir\\\\\" \\\\$HOME \\\\`x\\\\` 100%% back\\\\\\\\slash/apig-explorer\" %F",
        home.display()
    );
    assert_eq!(exec, expected);
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn analyze_finds_a_message_quoted_in_a_ticket_sentence_and_not_in_plain_words() {
    let sentence = "since Tuesday our nightly job dies with \"Backend signature calculation failed\" (500), right after we enabled the backend signature key";
    let out = run_with_stdin(&["analyze", "--json"], sentence);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let error = &v["errors"][0];
    assert_eq!(error["http_status"], 500, "the status beside the message");
    assert_eq!(error["candidates"][0]["code"], "APIG.0705");
    assert!(error["candidates"][0]["confidence"].as_f64().unwrap() >= 0.9);

    let plain =
        "the backend signature key was enabled and now the calculation of our totals failed";
    let out = run_with_stdin(&["analyze"], plain);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(!stdout(&out).contains("Match:"), "{}", stdout(&out));
}

#[test]
fn analyze_reads_status_and_server_from_html_error_pages() {
    let page = |title: &str, server: &str| {
        format!(
            "<html>\n<head><title>{title}</title></head>\n<body>\n<center><h1>{title}</h1></center>\n<hr><center>{server}</center>\n</body>\n</html>\n"
        )
    };
    let out = run_with_stdin(&["analyze"], &page("504 Gateway Time-out", "api-gateway"));
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "two rows have 504: guesses\n{text}"
    );
    assert!(text.contains("Server: api-gateway"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("  Guess: APIG.0201 504 ") && l.ends_with(", confidence 0.30")),
        "{text}"
    );
    assert!(text.contains("APIG.0203 504"), "{text}");

    let out = run_with_stdin(&["analyze"], &page("429 Too Many Requests", "api-gateway"));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(": APIG.0308 429"), "{text}");
    assert!(text.contains("status alone"), "{text}");

    let out = run_with_stdin(&["analyze"], &page("502 Bad Gateway", "nginx/1.24.0"));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Not an APIG error") && text.contains("nginx/1.24.0"),
        "{text}"
    );
}

const HOST_PORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/signing/host-port.txt"
);

#[test]
fn signcheck_json_names_what_the_client_signed_instead_with_its_certainty() {
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", HOST_PORT, "--json", "--body", BODY])
        .env("APIG_APP_SECRET", APP_SECRET)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "reproduced");
    let finding = &v["findings"][0];
    assert_eq!(finding["kind"], "header_value");
    assert_eq!(finding["certainty"], "proven");
    assert_eq!(finding["variant"]["transform"], "host_port");
    assert_eq!(finding["variant"]["signed"], "api.example.com");
    assert_eq!(finding["variant"]["sent"], "api.example.com:8443");
    assert!(v["variants_tried"].as_u64().unwrap() > 0);
    assert!(
        v["canonical_request"]
            .as_str()
            .unwrap()
            .contains("host:api.example.com\n")
    );
    assert!(
        !stdout(&out).contains(APP_SECRET)
            && !String::from_utf8_lossy(&out.stderr).contains(APP_SECRET)
    );
    let text = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", HOST_PORT, "--body", BODY])
        .env("APIG_APP_SECRET", APP_SECRET)
        .output()
        .unwrap();
    let text = stdout(&text);
    assert!(text.contains("[header_value, proven]"), "{text}");
    assert!(
        text.contains("the client signed Host without `:8443`"),
        "{text}"
    );
    assert!(text.contains("as the client signed it"), "{text}");
    assert!(!text.contains(APP_SECRET));
}

#[test]
fn signcheck_json_without_the_body_lists_the_open_causes_as_possible() {
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", HOST_PORT, "--json"])
        .env("APIG_APP_SECRET", "not the client's secret")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "not_reproduced");
    let kinds: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap(),
                f["certainty"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("payload", "possible"),
            ("signature_not_reproduced", "possible")
        ],
        "the body was not checked, so the secret is not blamed: {v:#}"
    );
    assert!(!stdout(&out).contains("not the client's secret"));
}

/// A log line with the code of a loaded catalog's other service is an error of its own:
/// counted and grouped, never taken for its neighbour's context and dropped.
#[test]
fn a_log_counts_the_lines_of_a_loaded_catalogs_other_codes() {
    let log = concat!(
        "{\"time\":\"2026-12-06T10:00:00Z\",\"status\":429,\"body\":{\"error_code\":\"APIG.0308\",\"error_msg\":\"The request is throttled.\"}}\n",
        "{\"time\":\"2026-12-06T10:00:01Z\",\"status\":504,\"body\":{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}}\n",
        "{\"time\":\"2026-12-06T10:00:02Z\",\"status\":400,\"body\":{\"error_code\":\"VPC.0101\",\"error_msg\":\"Invalid VPC parameter values.\"}}\n",
        "{\"time\":\"2026-12-06T10:00:03Z\",\"status\":502,\"body\":{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend unavailable.\"}}\n",
    );
    let out = run_with_stdin(&["analyze", "--catalog", VPC, "--json"], log);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["triage"]["total"], 4, "{v:#}");
    let codes: Vec<&str> = v["triage"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["code"].as_str())
        .collect();
    assert!(codes.contains(&"VPC.0101"), "{codes:?}");
}

#[test]
fn search_says_when_rows_match_exactly_as_well_as_the_first() {
    // A bare status matches every row of it equally: rank 1 is no answer.
    let out = run(&["search", "--json", "--limit", "2", "返回403"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(rows[0]["tied"].as_u64().unwrap_or(0) >= 1, "{rows:#}");
    assert!(
        rows[0]["why"].as_array().is_some_and(|w| w
            .iter()
            .any(|l| l.as_str().is_some_and(|l| l.contains("unsure")))),
        "{rows:#}"
    );
    let out = run(&[
        "search",
        "--json",
        "--limit",
        "1",
        "throttling threshold reached",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows[0]["code"], "APIG.0308", "{rows:#}");
    assert_eq!(rows[0]["tied"], 0, "{rows:#}");
}

#[test]
fn search_json_says_which_row_is_sure_and_what_keeps_the_first_unsure() {
    let rows = |query: &str| -> serde_json::Value {
        let out = run(&["search", "--json", "--limit", "3", query]);
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let clear = rows("project unavailable");
    assert_eq!(clear[0]["code"], "APIG.0310", "{clear:#}");
    assert_eq!(clear[0]["sure"], true, "{clear:#}");
    assert_eq!(clear[1]["sure"], false, "{clear:#}");
    // APIG.0301's keywords and APIG.0307's message: complete, untied, yet no answer.
    let close = rows("IAM token expired, getting 401");
    assert_eq!(close[0]["sure"], false, "{close:#}");
    assert_eq!(close[0]["tied"], 0, "{close:#}");
    let why = close[0]["why"].as_array().expect("why");
    assert!(
        why.iter().any(|l| l.as_str().is_some_and(
            |l| l.contains("APIG.0307") && l.ends_with("match nearly as well: unsure")
        )),
        "{close:#}"
    );
}

#[test]
fn search_for_words_that_only_say_it_errored_says_so() {
    for query in ["报错了", "出错了"] {
        let out = run(&["search", query]);
        assert_eq!(out.status.code(), Some(1), "{query}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("says that something failed, not what"),
            "{query}: {err}"
        );
    }
}
