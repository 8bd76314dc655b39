//! The command line as the tests run it: the binary with its catalog cache in a
//! directory of the run's own, removed when the run ends, so that no test leaves one in
//! the temp directory and no test reads a cache another wrote.
//!
//! A test file takes it with `mod common { pub(crate) mod cli; }`, without the UI
//! helpers of `common/mod.rs` (each test binary compiles what it includes, and an
//! unused helper would be dead code).

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The binary, with nothing set.
pub(crate) fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
}

/// `command` run to its end with `input` on its standard input (none when empty), its
/// catalog cache (`XDG_CACHE_HOME`) in a fresh directory removed afterwards.
pub(crate) fn output(command: &mut Command, input: &str) -> Output {
    use std::io::Write;
    let cache = CacheDir::new();
    let mut child = command
        .env("XDG_CACHE_HOME", &cache.0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    match stdin.write_all(input.as_bytes()) {
        // A binary that ends without reading it all has closed its end.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            panic!("the binary's input cannot be written: {e}")
        }
        _ => drop(stdin),
    }
    child.wait_with_output().expect("the binary finishes")
}

/// A directory name no other run of this process uses; the directory is removed when
/// dropped (also when the test fails). The binary makes it when it writes a cache.
struct CacheDir(PathBuf);

impl CacheDir {
    fn new() -> Self {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("apig-test-cache-{}-{run}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        CacheDir(dir)
    }
}

impl Drop for CacheDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
