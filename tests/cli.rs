//! The command line as a script or a newcomer uses it.

use std::process::{Command, Output};

/// The binary, with its catalog cache in a directory of the tests' own.
fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
    command.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join(format!("apig-cli-cache-{}", std::process::id())),
    );
    command
}

fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("the binary runs")
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

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = binary()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("the binary reads its input");
    child.wait_with_output().expect("the binary finishes")
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
    assert!(text.contains("match 1.00: APIG.0303 401"), "{text}");
    assert!(text.contains("Clock skew: 40 minutes"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
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
    let managing = stdout(&run(&["explain", "APIG.1009", "--catalog", "managing"]));
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
    let out = run(&["explain", "0201", "--status", "413", "--catalog", "calling"]);
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
    let out = run(&["explain", "0101", "--catalog", "foo"]);
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
            "301 errors in 2 groups, 2026-11-27 06:38:00 to 2026-11-27 06:45:59 UTC (8 min)"
        ),
        "{text}"
    );
    assert!(text.contains("   300  APIG.0308     429  2026-11-27 06:38:00  2026-11-27 06:42:59  The throttling threshold has been reached."), "{text}");
    assert_eq!(
        text.matches("\nError ").count(),
        2,
        "one error of each group"
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
    assert!(text.contains("[header_value] Header x-stage: the client signed \"RELEASE\", the gateway saw \"TEST\"."), "{text}");
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
            })
            .unwrap();
    }
    drop(store);
    let all: serde_json::Value =
        serde_json::from_slice(&cli(&["history", "--json"]).stdout).unwrap();
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    let found: serde_json::Value =
        serde_json::from_slice(&cli(&["history", "aa11bb", "--json"]).stdout).unwrap();
    assert_eq!(found[0]["code"], "APIG.0203");
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
    assert!(!stdout(&out).contains("match "), "{}", stdout(&out));
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
    assert!(text.contains("guess 0.30: APIG.0201 504"), "{text}");
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
