//! `analyze` on whole logs, as a fresh-eyes tester fed it: files in UTF-16 (PowerShell's
//! `Out-File`), catalog messages on lines without a code, how long a log's errors span,
//! what a group's columns say they saw, the exit status, and what a log without an APIG
//! error is told.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A directory of one test (files to analyze, the binary's data and cache), removed
/// when the test ends, failed or not.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("apig-hlog-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Dir(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `apig-explorer ARGS` with `stdin` on its input, its data and cache in `dir`.
fn run(dir: &Dir, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(args)
        .env("XDG_DATA_HOME", dir.0.join("data"))
        .env("XDG_CACHE_HOME", dir.0.join("cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    match input.write_all(stdin) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("stdin: {e}"),
        _ => drop(input),
    }
    child.wait_with_output().expect("it ends")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// Three errors of two codes, with CRLF, as a Windows log writes them.
const WINDOWS_LOG: &str = "2026-03-01T09:03:35Z ERROR status=401 {\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: signature expired\",\"request_id\":\"r1\"}\r\n\
2026-03-01T09:04:00Z INFO GET /v1/orders status=200 request_id=r2\r\n\
2026-03-01T09:05:10Z ERROR status=429 APIG.0308 The throttling threshold has been reached: policy user request_id=r3\r\n\
2026-03-01T09:06:00Z ERROR status=401 {\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: app not found\",\"request_id\":\"r4\"}\r\n";

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn a_utf16_log_is_read_like_its_utf8_text_from_a_file_and_from_stdin() {
    let dir = Dir::new("utf16");
    let plain = run(&dir, &["analyze", "--json", "-"], WINDOWS_LOG.as_bytes());
    let expected = json(&plain);
    assert_eq!(expected["triage"]["total"], 3, "{expected}");
    let le = dir.file("out-file.log", &utf16(WINDOWS_LOG, true));
    let from_file = run(&dir, &["analyze", "--json", path(&le)], b"");
    assert_eq!(from_file.status.code(), Some(0), "{from_file:?}");
    assert_eq!(json(&from_file), expected);
    let from_stdin = run(
        &dir,
        &["analyze", "--json", "-"],
        &utf16(WINDOWS_LOG, false),
    );
    assert_eq!(json(&from_stdin), expected, "UTF-16BE on standard input");
    let mut marked = vec![0xEF, 0xBB, 0xBF];
    marked.extend(WINDOWS_LOG.as_bytes());
    let bom = dir.file("notepad.log", &marked);
    assert_eq!(
        json(&run(&dir, &["analyze", "--json", path(&bom)], b"")),
        expected
    );
}

#[test]
fn bytes_that_cannot_be_read_are_said_never_a_bare_no_error() {
    let dir = Dir::new("undecodable");
    // A GBK log: its Chinese is no UTF-8; the code in it is still found, and the
    // replaced bytes are said.
    let mut gbk = b"2026-03-01T09:00:00Z ERROR APIG.0308 status=429 ".to_vec();
    gbk.extend([0xC7, 0xEB, 0xC7, 0xF3, 0xB9, 0xFD, 0xD3, 0xDA, b'\n']);
    let out = run(&dir, &["analyze", "-"], &gbk);
    let text = stdout(&out);
    assert!(text.contains("APIG.0308"), "{text}");
    assert!(text.contains("could not be read"), "{text}");
    // Nothing readable at all: the answer says why, not only "no APIG error".
    let out = run(
        &dir,
        &["analyze", "-"],
        &[0x81, 0x30, 0x00, 0x9F, 0xFE, 0x00, 0x88],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text.contains("could not be read") && text.contains("NUL bytes"),
        "{text}"
    );
    // A rotated, compressed log is refused with what it is.
    let gz = dir.file("gateway.log.gz", &[0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0]);
    let out = run(&dir, &["analyze", path(&gz)], b"");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(err.contains("gzip") && err.contains("decompress"), "{err}");
}

#[test]
fn a_log_line_with_a_catalog_message_and_no_code_is_an_error_of_its_own() {
    let dir = Dir::new("message-only");
    let with_codes = "2026-03-01T09:00:00Z INFO GET /help/errors/APIG.0308.html 200 rid=a1\n\
        2026-03-01T09:01:00Z ERROR HTTP 429: The throttling threshold has been reached: policy user rid=b2\n\
        2026-03-01T09:03:00Z ERROR status=404 {\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\",\"request_id\":\"d4\"}\n\
        2026-03-01T09:04:00Z INFO the backend answered in 12 ms\n";
    let j = json(&run(
        &dir,
        &["analyze", "--json", "-"],
        with_codes.as_bytes(),
    ));
    assert_eq!(j["triage"]["total"], 2, "{j}");
    let codes: Vec<&str> = j["triage"]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"APIG.0308") && codes.contains(&"APIG.0101"),
        "{j}"
    );
    // No line has a code: each line that holds a message is one error.
    let without = "2026-03-01T09:01:00Z ERROR HTTP 429: The throttling threshold has been reached. rid=b2\n\
        2026-03-01T09:01:30Z INFO retrying in 2 s\n\
        2026-03-01T09:02:00Z ERROR HTTP 429 {\"error_msg\":\"The throttling threshold has been reached: policy user\",\"request_id\":\"b3\"}\n";
    let j = json(&run(&dir, &["analyze", "--json", "-"], without.as_bytes()));
    assert_eq!(j["triage"]["total"], 2, "{j}");
    assert_eq!(j["triage"]["groups"][0]["code"], "APIG.0308", "{j}");
}

#[test]
fn the_span_is_the_time_from_first_to_last_error_in_units_that_fit() {
    let dir = Dir::new("span");
    let log = "2026-03-01T10:00:01Z ERROR APIG.0308 status=429\n\
        2026-03-01T10:07:01Z ERROR APIG.0308 status=429\n";
    let text = stdout(&run(&dir, &["analyze", "-"], log.as_bytes()));
    assert!(text.contains("10:07:01 UTC (7 min)"), "{text}");
    let long = "2026-03-01T10:00:01Z ERROR APIG.0308 status=429\n\
        2026-03-04T12:30:01Z ERROR APIG.0308 status=429\n";
    let text = stdout(&run(&dir, &["analyze", "-"], long.as_bytes()));
    assert!(text.contains("12:30:01 UTC (3 d 2 h)"), "{text}");
}

#[test]
fn a_status_no_line_gave_is_marked_as_the_rows_and_a_sample_of_ids_says_of_how_many() {
    let dir = Dir::new("seen");
    let mut log = String::new();
    for i in 0..7 {
        log.push_str(&format!(
            "2026-03-01T10:00:0{i}Z ERROR APIG.0308 throttled request_id=req{i}\n"
        ));
    }
    let out = run(&dir, &["analyze", "-"], log.as_bytes());
    let text = stdout(&out);
    assert!(
        text.contains("APIG.0308    429?  2026-03-01 10:00:00"),
        "{text}"
    );
    assert!(
        text.contains("status 429 is the catalog row's status: no line of this group names one"),
        "{text}"
    );
    assert!(text.contains("5 of 7 request ids: req0, "), "{text}");
    let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
    let g = &j["triage"]["groups"][0];
    assert_eq!(
        (&g["http_status"], &g["status_seen"], &g["count"]),
        (
            &serde_json::json!(429),
            &serde_json::json!(0),
            &serde_json::json!(7)
        ),
        "{g}"
    );
    assert_eq!(g["request_id_count"], 7, "{g}");
    assert_eq!(g["request_ids"].as_array().map(Vec::len), Some(5), "{g}");
    // Lines that name the status: seen, no mark.
    let seen = log.replace("throttled", "status=429");
    let text = stdout(&run(&dir, &["analyze", "-"], seen.as_bytes()));
    assert!(
        text.contains("APIG.0308     429  2026-03-01 10:00:00"),
        "{text}"
    );
    assert!(!text.contains("row's status"), "{text}");
}

#[test]
fn exit_0_means_an_apig_error_was_found_even_when_its_row_is_unsure() {
    let dir = Dir::new("exit");
    // APIG.0201 with a status and message of different rows: found, row open.
    let log = "2026-03-01T09:00:00Z ERROR status=502 {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}\n\
        2026-03-01T09:01:00Z ERROR status=502 {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}\n";
    let out = run(&dir, &["analyze", "-"], log.as_bytes());
    let text = stdout(&out);
    assert!(text.contains("row uncertain"), "{text}");
    assert!(
        text.contains("status 502 and these lines' messages together do not point to one of them"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    let out = run(
        &dir,
        &["analyze", "-"],
        b"our orders service is slow today, please check\n",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn a_log_without_an_apig_error_is_told_by_its_statuses_never_succeeded() {
    let dir = Dir::new("statuses");
    let ok = "2026-03-01T09:00:00Z INFO GET /v1/orders status=200 request_id=a1\n\
        2026-03-01T09:00:01Z INFO GET /v1/orders status=200 request_id=a2\n\
        2026-03-01T09:00:02Z INFO GET /v1/orders status=304 request_id=a3\n\
        2026-03-01T09:00:03Z INFO GET /v1/orders status=200 request_id=a4\n";
    let text = stdout(&run(&dir, &["analyze", "-"], ok.as_bytes()));
    assert!(
        text.contains("4 lines, none an APIG error (statuses seen: 200 ×3, 304 ×1)"),
        "{text}"
    );
    assert!(!text.contains("succeeded"), "{text}");
    let access = "10.0.0.1 - - [01/Mar/2026:09:00:00 +0000] \"GET /v1/a HTTP/1.1\" 200 215 \"-\" \"curl\"\n\
        10.0.0.2 - - [01/Mar/2026:09:00:01 +0000] \"GET /v1/a HTTP/1.1\" 429 86 \"-\" \"curl\"\n\
        10.0.0.3 - - [01/Mar/2026:09:00:02 +0000] \"GET /v1/a HTTP/1.1\" 502 86 \"-\" \"curl\"\n\
        10.0.0.4 - - [01/Mar/2026:09:00:03 +0000] \"GET /v1/a HTTP/1.1\" 429 86 \"-\" \"curl\"\n";
    let out = run(&dir, &["analyze", "-"], access.as_bytes());
    let text = stdout(&out);
    assert!(
        text.contains("No APIG code or catalog message in 4 lines; 3 lines have error statuses (429 ×2, 502 ×1): the tool cannot tell which of them the gateway sent."),
        "{text}"
    );
    assert!(!text.contains("succeeded"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

/// The analysis's warnings and every error's, one string.
fn all_warnings(j: &serde_json::Value) -> String {
    let mut all = vec![j["warnings"].to_string()];
    for e in j["errors"].as_array().into_iter().flatten() {
        all.push(e["warnings"].to_string());
    }
    all.join("\n")
}

#[test]
fn a_code_only_line_with_its_own_id_path_or_method_is_another_error() {
    let dir = Dir::new("bare");
    let record = "2026-12-07T03:10:02Z ERROR [pool-1-thread-3] POST /v1/orders APIG.0308 The throttling threshold has been reached request_id=aaaa1111bbbb2222 status=429\n";
    // Read as its request id: an error of its own, nothing to doubt.
    let with_id =
        "2026-12-07T03:10:02Z ERROR [req 7f3a9c01-1111-4a2b-9c3d-0123456789ab] APIG.0308\n";
    // Only marks the record does not show: counted apart, and the doubt said.
    let apart = [
        "2026-12-07T03:10:02Z ERROR APIG.0308 cccc3333dddd4444cccc3333dddd4444\n",
        "2026-12-07T03:10:02Z ERROR GET /v1/items APIG.0308\n",
        "2026-12-07T03:10:02Z ERROR [pool-1-thread-9] APIG.0308\n",
    ];
    for other in std::iter::once(with_id).chain(apart) {
        let log = format!("{record}{other}");
        let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
        assert_eq!(j["triage"]["total"], 2, "{other}{j}");
        let warnings = all_warnings(&j);
        assert!(!warnings.contains("Counted once"), "{other}{warnings}");
        assert_eq!(
            warnings.contains("the count would be 1 lower"),
            other != with_id,
            "{other}{warnings}"
        );
    }
    // A line that repeats only what its record said is that error written again.
    for same in [
        "2026-12-07T03:10:02Z ERROR APIG.0308\n",
        "2026-12-07T03:10:02Z ERROR [pool-1-thread-3] giving up after 3 attempts, last error APIG.0308\n",
        "2026-12-07T03:10:02Z ERROR APIG.0308 AAAA1111BBBB2222\n",
    ] {
        let log = format!("{record}{same}");
        let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
        assert_eq!(j["triage"]["total"], 1, "{same}{j}");
        assert!(
            all_warnings(&j).contains("Counted once: 1 line"),
            "{same}{j}"
        );
    }
}

#[test]
fn one_request_id_in_capitals_and_in_small_letters_is_one_request() {
    let dir = Dir::new("idcase");
    let log = "2026-12-07T03:10:02Z ERROR request 5e1d2c3b4a5f60718293a4b5c6d7e8f9 failed with APIG.0308 (HTTP 429)\n\
               2026-12-07T03:10:05Z ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\",\"request_id\":\"5E1D2C3B4A5F60718293A4B5C6D7E8F9\"}\n\
               2026-12-07T03:11:00Z ERROR request 7f3a9c01-1111-4a2b-9c3d-0123456789ab failed with APIG.0308 (HTTP 429)\n\
               2026-12-07T03:11:01Z ERROR request_id=7F3A9C01-1111-4A2B-9C3D-0123456789AB status=429 APIG.0308\n\
               2026-12-07T03:12:00Z ERROR request 8f3a9c01-1111-4a2b-9c3d-0123456789ab failed with APIG.0308 (HTTP 429)\n";
    let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
    assert_eq!(j["triage"]["total"], 3, "{j}");
    let g = &j["triage"]["groups"][0];
    assert_eq!(
        (&g["count"], &g["request_id_count"]),
        (&serde_json::json!(3), &serde_json::json!(3)),
        "{g}"
    );
    let text = stdout(&run(&dir, &["analyze", "-"], log.as_bytes()));
    assert!(text.contains("request ids: 5e1d2c3b4a5f60718293a4b5c6d7e8f9, 7f3a9c01-1111-4a2b-9c3d-0123456789ab, 8f3a9c01-"), "{text}");
    // Ids of another form keep their case: two requests.
    let named = "2026-12-07T03:10:02Z ERROR APIG.0308 request_id=Order-Req-0001 status=429\n\
                 2026-12-07T03:10:09Z ERROR APIG.0308 request_id=order-req-0001 status=429\n";
    let j = json(&run(&dir, &["analyze", "--json", "-"], named.as_bytes()));
    assert_eq!(j["triage"]["total"], 2, "{j}");
}

#[test]
fn a_short_catalog_message_quoted_on_today_s_line_is_found_beside_old_codes() {
    let dir = Dir::new("quoted");
    let log = "2026-12-01T09:00:00Z ERROR APIG.0308 The throttling threshold has been reached request_id=aaaa1111bbbb2222 status=429\n\
               2026-12-01T09:00:05Z ERROR APIG.0308 The throttling threshold has been reached request_id=aaaa1111bbbb3333 status=429\n\
               2026-12-07T10:00:00Z ERROR orders-client: HTTP 405 \"The app has been frozen.\"\n\
               2026-12-07T10:05:00Z ERROR orders-client: call failed: 'The app has been frozen'\n";
    let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
    assert_eq!(j["triage"]["total"], 4, "{j}");
    let frozen = j["triage"]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["code"] == "APIG.0502")
        .unwrap_or_else(|| panic!("no APIG.0502 group: {j}"));
    assert_eq!(frozen["count"], 2, "{frozen}");
    // Written plainly, a short message is what anyone writes: no error of its own.
    let plain = "2026-12-01T09:00:00Z ERROR APIG.0308 The throttling threshold has been reached\n\
                 2026-12-07T10:00:00Z INFO cache: app has been frozen for maintenance\n";
    let j = json(&run(&dir, &["analyze", "--json", "-"], plain.as_bytes()));
    assert_eq!(j["triage"]["total"], 1, "{j}");
}

#[test]
fn a_cause_line_and_a_retry_line_of_the_error_before_are_that_error() {
    let dir = Dir::new("echo");
    let record = "2024-06-05 14:03:22 ERROR OrderClient - APIG.0308 Too many requests\n";
    for echoes in [
        "2024-06-05 14:03:22 ERROR OrderClient - caused by APIG.0308\n\
         2024-06-05 14:03:23 WARN RetryPolicy - retry 1/3 after APIG.0308\n",
        "2024-06-05 14:03:22 ERROR Caused by: APIG.0308\n\
         2024-06-05 14:03:24 WARN retrying in 2s (APIG.0308)\n",
        "2024-06-05 14:03:22 ERROR root cause: APIG.0308\n\
         2024-06-05 14:03:24 WARN backing off 2000 ms on APIG.0308\n",
        "2024-06-05 14:03:22 ERROR 原因: APIG.0308\n\
         2024-06-05 14:03:24 WARN 第1次重试 APIG.0308\n",
    ] {
        let log = format!("{record}{echoes}");
        let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
        assert_eq!(j["triage"]["total"], 1, "{log}{j}");
        let warnings = all_warnings(&j);
        assert!(
            warnings.contains("Counted once: 2 lines name the code of the error just before")
                && warnings.contains("the count would be 2 higher"),
            "{log}{warnings}"
        );
    }
    // A retry that shows a response of its own (a status, a request id, words that say
    // one came back), one a minute later, or one of another code is an error of its own.
    for apart in [
        "2024-06-05 14:03:24 WARN retry 1/3 after APIG.0308 status=429\n",
        "2024-06-05 14:03:24 WARN retry 1/3 after APIG.0308 request_id=aaaa1111bbbb2222cccc3333dddd4444\n",
        "2024-06-05 14:03:24 WARN retry 1/3 failed with APIG.0308\n",
        "2024-06-05 14:05:24 WARN retry 1/3 after APIG.0308\n",
        "2024-06-05 14:03:24 WARN retry 1/3 after APIG.0201\n",
    ] {
        let log = format!("{record}{apart}");
        let j = json(&run(&dir, &["analyze", "--json", "-"], log.as_bytes()));
        assert_eq!(j["triage"]["total"], 2, "{log}{j}");
        assert!(
            !all_warnings(&j).contains("the reason for a retry"),
            "{log}{j}"
        );
    }
}
