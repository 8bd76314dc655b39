//! Test-only: a test's directory under the temporary directory, removed when the test
//! ends, also when it fails (so `cargo test` leaves nothing in /tmp).

use std::path::{Path, PathBuf};

/// A fresh directory (removed first if a run before left it), removed when dropped.
/// It reads as the `PathBuf` it is; what a test pushes onto a copy is under it.
pub(crate) struct TestDir(PathBuf);

impl TestDir {
    /// `$TMPDIR/apig-{what}-{name}-{pid}`, created.
    pub(crate) fn new(what: &str, name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("apig-{what}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        TestDir(dir)
    }
}

impl std::ops::Deref for TestDir {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
