//! What the packages are made of and what a user reads from the binary: `--version` names
//! the version (and the commit of a git checkout), and `apig-explorer generate` (which
//! neither the help nor the completions offer) writes the man pages and shell completions that `.ci/package` installs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_apig-explorer");

/// A fresh directory, removed when dropped (also when the test fails).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("apig-pkg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temp directory is writable");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Git's answer in the package directory, if git is there and answers.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

#[test]
fn version_names_the_package_version_and_the_commit_of_this_checkout() {
    let out = run(&["--version"]);
    assert!(out.status.success(), "{out:?}");
    let printed = stdout(&out);
    let version = env!("CARGO_PKG_VERSION");
    // The commit only when this package is the checkout's top (build.rs's rule).
    let own_checkout = git(&["rev-parse", "--show-toplevel"])
        .and_then(|top| Path::new(&top).canonicalize().ok())
        .is_some_and(|top| Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().ok() == Some(top));
    let expected = match own_checkout
        .then(|| git(&["rev-parse", "--short", "HEAD"]))
        .flatten()
    {
        Some(commit) => format!("apig-explorer {version} (commit {commit})\n"),
        None => format!("apig-explorer {version}\n"),
    };
    assert_eq!(printed, expected);
}

#[test]
fn generate_man_writes_a_page_for_the_binary_and_each_visible_subcommand() {
    let dir = TempDir::new("man");
    let man = dir.0.join("man1");
    let out = run(&["generate", "man", man.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let main = std::fs::read_to_string(man.join("apig-explorer.1")).unwrap();
    assert!(main.contains(".TH apig-explorer 1"), "{main}");
    assert!(
        main.contains(env!("CARGO_PKG_VERSION")),
        "the page names the version"
    );
    for sub in [
        "search",
        "analyze",
        "explain",
        "signcheck",
        "install-desktop",
    ] {
        let page = man.join(format!("apig-explorer-{sub}.1"));
        assert!(page.is_file(), "no page for {sub}");
        assert!(stdout(&out).contains(&format!("wrote {}", page.display())));
    }
    assert!(
        !man.join("apig-explorer-generate.1").exists(),
        "the hidden subcommand has no page"
    );
}

#[test]
fn generate_completions_writes_each_shells_script_naming_the_subcommands() {
    let dir = TempDir::new("completions");
    for (shell, file, marker) in [
        ("bash", "apig-explorer.bash", "complete -F"),
        ("zsh", "_apig-explorer", "#compdef apig-explorer"),
        ("fish", "apig-explorer.fish", "complete -c apig-explorer"),
    ] {
        let out = run(&["generate", "completions", shell, dir.0.to_str().unwrap()]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = std::fs::read_to_string(dir.0.join(file)).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["analyze", "signcheck", "no-redact"] {
            assert!(script.contains(word), "{shell} completes no {word}");
        }
        assert!(
            !script.contains("generate"),
            "{shell} offers the build step: {script}"
        );
    }
}

/// Bash completes a subcommand's own options (`search --l` → `--limit`), as a user
/// pressing Tab would get them; clap_complete's script alone completed none.
#[test]
fn bash_completes_a_subcommands_options() {
    let dir = TempDir::new("bash-completion");
    let out = run(&["generate", "completions", "bash", dir.0.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let script = dir.0.join("apig-explorer.bash");
    let probe = format!(
        "source '{}'; COMP_WORDS=(apig-explorer search --l); COMP_CWORD=2; \
         _apig__explorer apig-explorer --l search; echo \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let Ok(reply) = std::process::Command::new("bash")
        .args(["-c", &probe])
        .output()
    else {
        eprintln!("skipped: no bash");
        return;
    };
    assert_eq!(stdout(&reply).trim(), "--limit", "{reply:?}");
}

#[test]
fn generate_into_a_path_that_is_a_file_fails_and_says_where() {
    let dir = TempDir::new("blocked");
    let file = dir.0.join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let out = run(&["generate", "man", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot write") && err.contains("not-a-dir"),
        "{err}"
    );
}

#[test]
fn the_generate_subcommand_is_not_in_the_help() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    assert!(!stdout(&out).contains("generate"), "{}", stdout(&out));
}

/// An interactive zsh on a pseudo-terminal (zpty) with the completion system and the
/// script in `$1` loaded, whose `compadd` prints each match instead of offering it;
/// types `$2` and Tab, prints the matches one a line, and exits.
const ZSH_PROBE: &str = r#"
zmodload zsh/zpty
zpty probe zsh -f -i
zpty -w probe "PS1=''; PS2=''; fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w probe 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a hits; builtin compadd -O hits "$@"; local h; for h in $hits; do print -r -- "HI""T:$h"; done; }'
zpty -w probe 'comppostfuncs=(probe_end); probe_end() { print -r -- "EN""D:"; exit }'
zpty -w probe 'bindkey "^I" complete-word'
zpty -w -n probe "$2"$'\t'
while zpty -r probe line; do
  line=${line%$'\n'}; line=${line%$'\r'}
  [[ $line == *END:* ]] && break
  [[ $line == *HIT:* ]] && print -r -- ${line#*HIT:}
done
"#;

/// What zsh offers on Tab after `line`, in `cwd`, with the generated completion
/// script; `None` when there is no zsh (`.ci/run` installs it).
fn zsh_offers(dir: &Path, cwd: &Path, line: &str) -> Option<Vec<String>> {
    Command::new("zsh").arg("--version").output().ok()?;
    let probe = dir.join("probe.zsh");
    std::fs::write(&probe, ZSH_PROBE).expect("the probe is written");
    // A probe that never sees the end of its completion is stopped, not waited for.
    let out = Command::new("timeout")
        .args(["60", "zsh", "-f"])
        .arg(&probe)
        .arg(dir)
        .arg(line)
        .current_dir(cwd)
        .output()
        .expect("timeout runs zsh");
    assert!(out.status.success(), "{line}: {out:?}");
    let mut offered: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    offered.sort();
    Some(offered)
}

/// Zsh completes what a user types next: a subcommand's own options after it (not the
/// window's, which clap_complete's script offered because it read the subcommand as the
/// FILE to open), subcommands and files first, the window's options after a FILE.
#[test]
fn zsh_completes_a_subcommands_options_and_the_windows_after_a_file() {
    let dir = TempDir::new("zsh-completion");
    let out = run(&["generate", "completions", "zsh", dir.0.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let cwd = dir.0.join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    std::fs::write(cwd.join("throttled.har"), "{}").unwrap();
    let Some(search) = zsh_offers(&dir.0, &cwd, "apig-explorer search --") else {
        eprintln!("skipped: no zsh");
        return;
    };
    assert_eq!(
        search,
        ["--catalog", "--help", "--json", "--limit", "--team"],
        "search's options"
    );
    let new = zsh_offers(&dir.0, &cwd, "apig-explorer notes new --").unwrap();
    assert_eq!(new, ["--author", "--help", "--team"], "notes new's options");
    let first = zsh_offers(&dir.0, &cwd, "apig-explorer ").unwrap();
    for word in ["search", "analyze", "notes", "throttled.har"] {
        assert!(first.iter().any(|w| w == word), "no {word} in {first:?}");
    }
    let after_file = zsh_offers(&dir.0, &cwd, "apig-explorer throttled.har --").unwrap();
    assert!(
        after_file.iter().any(|w| w == "--query") && !after_file.iter().any(|w| w == "--limit"),
        "{after_file:?}"
    );
    let export = zsh_offers(&dir.0, &cwd, "apig-explorer incidents ").unwrap();
    assert_eq!(export, ["export", "help"], "incidents' subcommands");
}

/// The spellings of the options `--help` does not show (measurement switches).
fn hidden_options() -> Vec<String> {
    use clap::CommandFactory;
    let cli = apig_explorer::Cli::command();
    let hidden: Vec<String> = cli
        .get_arguments()
        .filter(|arg| arg.is_hide_set())
        .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
        .collect();
    assert!(
        !hidden.is_empty(),
        "the command line has hidden options to test with"
    );
    hidden
}

/// No shell offers an option `--help` hides; the visible ones stay offered.
#[test]
fn completions_offer_no_hidden_option() {
    let dir = TempDir::new("hidden-completion");
    let hidden = hidden_options();
    for (shell, file) in [
        ("bash", "apig-explorer.bash"),
        ("zsh", "_apig-explorer"),
        ("fish", "apig-explorer.fish"),
        ("elvish", "apig-explorer.elv"),
        ("powershell", "_apig-explorer.ps1"),
    ] {
        let out = run(&["generate", "completions", shell, dir.0.to_str().unwrap()]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = std::fs::read_to_string(dir.0.join(file)).unwrap();
        assert!(script.contains("screenshot"), "{shell} lost --screenshot");
        for option in &hidden {
            // Fish's list of the options that take a value (for reading a command
            // line) may name it: that offers nothing.
            let offered = script
                .lines()
                .filter(|line| !line.contains("string join"))
                .any(|line| line.contains(option.trim_start_matches('-')));
            assert!(!offered, "{shell} offers {option}");
        }
    }
    let cwd = dir.0.join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let Some(offered) = zsh_offers(&dir.0, &cwd, "apig-explorer --ex") else {
        eprintln!("skipped the zsh part: no zsh");
        return;
    };
    assert_eq!(offered, Vec::<String>::new(), "zsh offers hidden options");
}

/// `install-desktop` (or `--uninstall`) with `data` as `$XDG_DATA_HOME`, and `path` as
/// `$PATH` when given.
fn install_desktop(data: &Path, path: Option<&Path>, uninstall: bool) -> Output {
    let mut command = Command::new(BIN);
    command.arg("install-desktop").env("XDG_DATA_HOME", data);
    if uninstall {
        command.arg("--uninstall");
    }
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().expect("the binary runs")
}

/// "Open with" matches a .har file to the launcher entry: `install-desktop` defines the
/// HAR type the entry names (shared-mime-info has none) and updates the user's MIME
/// database, so that *.har files are of that type; `--uninstall` takes it away again.
#[test]
fn install_desktop_makes_har_files_a_type_the_entry_opens() {
    let dir = TempDir::new("mime-real");
    let found = Command::new("update-mime-database").arg("-v").output();
    if found.is_err() {
        eprintln!("skipped: no update-mime-database (shared-mime-info)");
        return;
    }
    let out = install_desktop(&dir.0, None, false);
    assert!(out.status.success(), "{out:?}");
    let entry = std::fs::read_to_string(dir.0.join("applications/apig-explorer.desktop")).unwrap();
    assert!(entry.contains("application/x-har+json;"), "{entry}");
    let globs = std::fs::read_to_string(dir.0.join("mime/globs2")).unwrap();
    assert!(
        globs
            .lines()
            .any(|l| l.ends_with(":application/x-har+json:*.har")),
        "{globs}"
    );
    let subclasses = std::fs::read_to_string(dir.0.join("mime/subclasses")).unwrap();
    assert!(
        subclasses.contains("application/x-har+json application/json"),
        "{subclasses}"
    );
    let out = install_desktop(&dir.0, None, true);
    assert!(out.status.success(), "{out:?}");
    assert!(!dir.0.join("mime/packages/apig-explorer.xml").exists());
    let globs = std::fs::read_to_string(dir.0.join("mime/globs2")).unwrap();
    assert!(!globs.contains("*.har"), "{globs}");
}

/// The MIME database is updated through the `update-mime-database` on `PATH`, given the
/// user's MIME directory; without one the entry is still installed, and the user is told.
#[test]
fn install_desktop_runs_update_mime_database_or_says_it_is_missing() {
    let dir = TempDir::new("mime-fake");
    let bin = dir.0.join("bin");
    std::fs::create_dir(&bin).unwrap();
    let data = dir.0.join("data");
    let log = dir.0.join("ran");
    let tool = bin.join("update-mime-database");
    std::fs::write(
        &tool,
        format!("#!/bin/sh\necho \"$@\" >> '{}'\n", log.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = install_desktop(&data, Some(&bin), false);
    assert!(out.status.success(), "{out:?}");
    let package = data.join("mime/packages/apig-explorer.xml");
    let xml = std::fs::read_to_string(&package).unwrap();
    assert!(
        xml.contains("type=\"application/x-har+json\"") && xml.contains("pattern=\"*.har\""),
        "{xml}"
    );
    let mime = data.join("mime");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("{}\n", mime.display())
    );
    assert!(
        stdout(&out).contains(&format!("installed {}", package.display())),
        "{out:?}"
    );

    let empty = dir.0.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let data = dir.0.join("data-without-tool");
    let out = install_desktop(&data, Some(&empty), false);
    assert!(out.status.success(), "{out:?}");
    assert!(data.join("applications/apig-explorer.desktop").is_file());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("update-mime-database is not installed"),
        "{err}"
    );
}
