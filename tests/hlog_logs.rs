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
    let from_stdin = run(&dir, &["analyze", "--json", "-"], &utf16(WINDOWS_LOG, false));
    assert_eq!(json(&from_stdin), expected, "UTF-16BE on standard input");
    let mut marked = vec![0xEF, 0xBB, 0xBF];
    marked.extend(WINDOWS_LOG.as_bytes());
    let bom = dir.file("notepad.log", &marked);
    assert_eq!(json(&run(&dir, &["analyze", "--json", path(&bom)], b"")), expected);
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
    let out = run(&dir, &["analyze", "-"], &[0x81, 0x30, 0x00, 0x9F, 0xFE, 0x00, 0x88]);
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
