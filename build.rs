//! The version `--version` prints: the package version, and the commit it was built from
//! when the source is a git checkout (`0.2.0 (commit 1a2b3c4)`). Outside a checkout, or
//! without git, the version alone: this script never fails the build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    println!("cargo:rerun-if-changed=build.rs");
    // Only this package's own checkout: a source tree unpacked inside another repository
    // (a vendored copy) would otherwise print that repository's commit.
    let own = git(&["rev-parse", "--show-toplevel"])
        .and_then(|top| Path::new(&top).canonicalize().ok())
        .zip(Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().ok())
        .is_some_and(|(top, manifest)| top == manifest);
    let commit = own
        .then(|| git(&["rev-parse", "--short", "HEAD"]))
        .flatten();
    let Some(commit) = commit else {
        println!("cargo:rustc-env=APIG_VERSION={version}");
        ask_again_if_git_failed();
        return;
    };
    println!("cargo:rustc-env=APIG_VERSION={version} (commit {commit})");
    // Rebuild when HEAD moves: the HEAD file (a worktree has its own), the branch's ref,
    // and packed-refs (where git may keep that ref instead).
    if let Some(dir) = git(&["rev-parse", "--git-dir"]).map(PathBuf::from) {
        println!("cargo:rerun-if-changed={}", dir.join("HEAD").display());
    }
    if let Some(common) = git(&["rev-parse", "--git-common-dir"]).map(PathBuf::from) {
        if let Some(head_ref) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch_if_exists(&common.join(head_ref));
        }
        watch_if_exists(&common.join("packed-refs"));
    }
}

/// Git's answer to `args` run in the package directory, trimmed; `None` when git is
/// missing, fails, or answers nothing.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Inside a checkout, a git that is installed but did not answer (a lock held by another
/// git, a passing error) must not leave the version without its commit until HEAD next
/// moves: cargo runs a build script again at every build while a file it watches does not
/// exist, so this watches one that never does, until git answers. Without git, or outside
/// a checkout, the version alone is the right answer and nothing is watched.
fn ask_again_if_git_failed() {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists();
    let git_runs = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if checkout && git_runs {
        let never = Path::new(env!("CARGO_MANIFEST_DIR")).join(".git/apig-version-unknown");
        println!("cargo:rerun-if-changed={}", never.display());
    }
}

fn watch_if_exists(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
