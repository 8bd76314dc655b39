//! The team folder through git, as a support team uses it: a bare repository and two
//! clones; a note committed and pushed in one is pulled into the other, where `notes`,
//! `search` and `explain` read it; an edit of the same note in both clones conflicts,
//! and the file left with conflict markers is reported, never read as a note.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A directory for one test, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!("apig-team-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Temp(dir)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `git args` in `dir`, with a user and a branch name of its own (no global config read).
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args([
            "-c",
            "user.name=Test Engineer",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "pull.rebase=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `apig-explorer args`, its catalog cache in `temp`, no team folder from the
/// environment unless `env_team`.
fn app(temp: &Temp, args: &[&str], env_team: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
    cmd.env("XDG_CACHE_HOME", temp.0.join("cache"))
        .env_remove("APIG_EXPLORER_TEAM")
        .args(args);
    if let Some(dir) = env_team {
        cmd.env("APIG_EXPLORER_TEAM", dir);
    }
    cmd.output().expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const NOTE: &str = "notes/APIG.0308-quokka-policy.md";

fn note(title: &str) -> String {
    format!(
        "+++\ncodes = [\"APIG.0308\"]\ntitle = \"{title}\"\nauthor = \"mei\"\nupdated = 2026-12-06\n+++\n\n\
         For the Quokka tenant this is the API's default policy, not the app's quota.\n\n\
         - [ ] Check the API's default throttling policy\n"
    )
}

/// A bare repository and two clones of it, `a` and `b`.
fn repos(temp: &Temp) -> (PathBuf, PathBuf) {
    let root = &temp.0;
    git_ok(root, &["init", "--bare", "-q", "origin.git"]);
    git_ok(root, &["clone", "-q", "origin.git", "a"]);
    git_ok(root, &["clone", "-q", "origin.git", "b"]);
    (root.join("a"), root.join("b"))
}

fn commit_note(clone: &Path, title: &str, message: &str) {
    std::fs::create_dir_all(clone.join("notes")).expect("notes dir");
    std::fs::write(clone.join(NOTE), note(title)).expect("write note");
    git_ok(clone, &["add", NOTE]);
    git_ok(clone, &["commit", "-q", "-m", message]);
}

#[test]
fn a_note_pushed_from_one_clone_is_read_in_the_other_after_a_pull() {
    let temp = Temp::new("roundtrip");
    let (a, b) = repos(&temp);
    commit_note(&a, "Quokka: default policy", "note: APIG.0308 for Quokka");
    git_ok(&a, &["push", "-q", "origin", "main"]);

    let team = b.to_str().expect("utf-8 path");
    let before = app(&temp, &["notes", "--json", "--team", team], None);
    assert_eq!(stdout(&before).trim(), "[]", "nothing pulled yet");
    git_ok(&b, &["pull", "-q", "origin", "main"]);

    // --team after the subcommand, before it, and from the environment.
    let listed = app(&temp, &["notes", "--json", "--team", team], None);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let json: serde_json::Value = serde_json::from_str(&stdout(&listed)).expect("json");
    assert_eq!(json[0]["title"], "Quokka: default policy");
    assert_eq!(json[0]["author"], "mei");
    assert_eq!(json[0]["codes"][0], "APIG.0308");
    assert_eq!(json[0]["file"], NOTE);
    let before_cmd = app(&temp, &["--team", team, "notes", "APIG.0308"], None);
    assert!(stdout(&before_cmd).contains("Quokka: default policy"));
    let from_env = app(&temp, &["notes", "0308"], Some(&b));
    assert!(stdout(&from_env).contains("Quokka: default policy"));
    let other_code = app(&temp, &["notes", "APIG.0201", "--team", team], None);
    assert_eq!(other_code.status.code(), Some(1), "no note about APIG.0201");

    // Search finds the row by the note's words, and says why.
    let found = app(&temp, &["search", "quokka", "--json", "--team", team], None);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&found)).expect("json");
    let rows = rows.as_array().expect("an array");
    assert!(!rows.is_empty(), "{}", stderr(&found));
    for row in rows {
        assert_eq!(row["code"], "APIG.0308");
        assert_eq!(row["why"][0], "\"quokka\" in a team note");
    }
    let without = app(&temp, &["search", "quokka", "--json"], None);
    assert_eq!(
        stdout(&without).trim(),
        "[]",
        "without the folder no row says quokka"
    );

    // Explain lists the note and its step, marked as the team's.
    let explained = app(&temp, &["explain", "APIG.0308", "--team", team], None);
    let text = stdout(&explained);
    assert!(text.contains("Team notes (1)"), "{text}");
    assert!(
        text.contains("Quokka: default policy (mei, 2026-12-06; notes/"),
        "{text}"
    );
    assert!(
        text.contains("- [ ] Check the API's default throttling policy (team)"),
        "{text}"
    );
    let plain = app(&temp, &["explain", "APIG.0308"], None);
    assert!(!stdout(&plain).contains("Team notes"));
    // Analyze names the notes about the row it matched.
    let paste = temp.0.join("paste.txt");
    std::fs::write(
        &paste,
        "HTTP/1.1 429 Too Many Requests\n\n{\"error_code\":\"APIG.0308\",\
         \"error_msg\":\"The throttling threshold has been reached.\"}\n",
    )
    .expect("write paste");
    let paste = paste.to_str().expect("utf-8 path");
    let analyzed = app(&temp, &["analyze", paste, "--team", team], None);
    let text = stdout(&analyzed);
    assert!(text.contains("Team notes (1)"), "{text}");
    assert!(text.contains("(team)"), "{text}");
    let json = app(&temp, &["analyze", paste, "--json", "--team", team], None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(json["team_notes"][0]["title"], "Quokka: default policy");
}

#[test]
fn a_note_edited_in_both_clones_conflicts_and_is_reported_not_read() {
    let temp = Temp::new("conflict");
    let (a, b) = repos(&temp);
    commit_note(&a, "Quokka: default policy", "first");
    git_ok(&a, &["push", "-q", "origin", "main"]);
    git_ok(&b, &["pull", "-q", "origin", "main"]);
    commit_note(&a, "Quokka: the API's policy", "a's edit");
    git_ok(&a, &["push", "-q", "origin", "main"]);
    commit_note(&b, "Quokka: the app's quota after all", "b's edit");
    let pulled = git(&b, &["pull", "-q", "origin", "main"]);
    assert!(!pulled.status.success(), "the two edits conflict");
    let text = std::fs::read_to_string(b.join(NOTE)).expect("the note");
    assert!(text.contains("<<<<<<<"), "git left markers: {text}");

    let team = b.to_str().expect("utf-8 path");
    let listed = app(&temp, &["notes", "--json", "--team", team], None);
    assert_eq!(
        stdout(&listed).trim(),
        "[]",
        "a conflicted note is not read"
    );
    let said = stderr(&listed);
    assert!(
        said.contains(&format!("{NOTE}:3: git conflict markers")),
        "{said}"
    );
    let found = app(&temp, &["search", "quokka", "--json", "--team", team], None);
    assert_eq!(stdout(&found).trim(), "[]", "its words are not searched");
    assert!(stderr(&found).contains("git conflict markers"));
}

#[test]
fn notes_new_writes_a_template_and_never_overwrites() {
    let temp = Temp::new("new");
    let team = temp.0.join("team");
    std::fs::create_dir_all(&team).expect("team dir");
    let team_arg = team.to_str().expect("utf-8 path");
    let args = [
        "notes",
        "new",
        "APIG.0308",
        "--author",
        "mei",
        "--team",
        team_arg,
    ];
    let first = app(&temp, &args, None);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = app(&temp, &args, None);
    let (p1, p2) = (stdout(&first), stdout(&second));
    let (p1, p2) = (Path::new(p1.trim()), Path::new(p2.trim()));
    assert_ne!(p1, p2, "a second note gets a new name");
    assert!(p1.starts_with(team.join("notes")) && p1.exists() && p2.exists());
    assert!(stderr(&first).contains("commit"));
    let listed = app(&temp, &["notes", "--json", "--team", team_arg], None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&listed)).expect("json");
    assert_eq!(
        json.as_array().map(Vec::len),
        Some(2),
        "{}",
        stderr(&listed)
    );
    assert_eq!(json[0]["author"], "mei");
    let bad = app(&temp, &["notes", "new", "policy", "--team", team_arg], None);
    assert_eq!(bad.status.code(), Some(2));
    let no_team = app(&temp, &["notes"], None);
    assert_eq!(no_team.status.code(), Some(2));
    assert!(stderr(&no_team).contains("--team"));
}

/// A credential written into a note is shown by no output, and the outputs stay what
/// they are: `analyze --json` is still JSON, a step keeps its team mark.
#[test]
fn a_secret_in_a_note_is_redacted_in_every_output_and_the_json_stays_json() {
    let temp = Temp::new("secret");
    let team = temp.0.join("team");
    std::fs::create_dir_all(team.join("notes")).expect("notes dir");
    let token = "MIIFakeTokenAbcdefghijklmnop1234567890abcdefghijkl";
    let password = "Hunter2Secret99";
    std::fs::write(
        team.join("notes/secret.md"),
        format!(
            "+++\ncodes = [\"APIG.0201\"]\ntitle = \"Quokka password={password}\"\nauthor = \"mei\"\n+++\n\n\
             - [ ] Call with X-Auth-Token: {token}\n- [ ] Ask for the backend's logs\n"
        ),
    )
    .expect("note");
    let paste = temp.0.join("paste.json");
    std::fs::write(
        &paste,
        r#"{"error_code":"APIG.0201","error_msg":"Backend timeout."}"#,
    )
    .expect("paste");
    let team_arg = team.to_str().expect("utf-8 path");
    let paste_arg = paste.to_str().expect("utf-8 path");
    let runs = [
        vec!["explain", "APIG.0201", "--team", team_arg],
        vec!["notes", "--team", team_arg],
        vec!["notes", "--json", "--team", team_arg],
        vec!["analyze", paste_arg, "--team", team_arg],
        vec!["analyze", paste_arg, "--json", "--team", team_arg],
    ];
    for args in runs {
        let out = app(&temp, &args, None);
        let text = stdout(&out);
        assert!(
            !text.contains(token) && !text.contains(password),
            "{args:?} printed a secret:\n{text}"
        );
        assert!(text.contains("[redacted]"), "{args:?}:\n{text}");
        if args.contains(&"--json") {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}):\n{text}"));
        }
    }
    let analyzed = stdout(&app(
        &temp,
        &["analyze", paste_arg, "--team", team_arg],
        None,
    ));
    assert!(
        analyzed.contains("X-Auth-Token: [redacted] (team)"),
        "the step keeps its team mark:\n{analyzed}"
    );
}
