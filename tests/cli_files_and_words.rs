//! The command line's small defects of issue 27: messages that name the file and say in
//! words what was expected, an incident exported by its name, the launcher entry that
//! opens files.

use std::process::{Command, Output};

/// An empty directory standing for `$XDG_DATA_HOME` and the cache.
fn fresh_home(name: &str) -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("apig-files-words-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    home
}

/// The binary with `home` as its data and cache directory.
fn run_in(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(args)
        .env("XDG_DATA_HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_unreadable_input_file_is_named() {
    let home = fresh_home("unreadable");
    for command in ["signcheck", "analyze"] {
        let out = run_in(&home, &[command, "/nonexistent/transcript.txt"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let said = stderr(&out);
        assert!(
            said.contains("/nonexistent/transcript.txt"),
            "{command}: {said}"
        );
    }
    let out = run_in(
        &home,
        &["signcheck", "--body", "/nonexistent/body.json", "-"],
    );
    assert!(
        stderr(&out).contains("/nonexistent/body.json"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn a_broken_catalog_says_which_field_and_what_it_expected_in_words() {
    let home = fresh_home("broken-catalog");
    std::fs::create_dir_all(&home).unwrap();
    let file = home.join("broken.toml");
    std::fs::write(
        &file,
        "[[catalog]]\nid = \"c\"\ntitle = \"C\"\n\n[[entry]]\ncatalog = \"c\"\ncode = \"C.0001\"\nhttp_status = \"four hundred\"\nmessage = \"Bad key.\"\n",
    )
    .unwrap();
    let out = run_in(
        &home,
        &["--catalog", file.to_str().unwrap(), "search", "key"],
    );
    let said = stderr(&out);
    assert!(
        said.contains("http_status") && said.contains("whole number") && !said.contains("u16"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn an_incident_is_exported_by_its_name_as_well_as_its_id() {
    use apig_explorer::{Catalog, Incident, Legacy, Store};
    let home = fresh_home("export-name");
    let store = Store::open(&home.join("apig-explorer"), Legacy::default())
        .store
        .unwrap();
    let catalog = Catalog::embedded();
    let row = |code: &str| {
        catalog
            .entries
            .iter()
            .position(|e| e.code() == code)
            .unwrap()
    };
    let first = store
        .insert_incident(&Incident::from_row(
            0,
            &catalog,
            row("APIG.0308"),
            "2026-11-27T06:38:00Z",
        ))
        .unwrap();
    store.rename_incident(first, "TICKET-4711").unwrap();
    for _ in 0..2 {
        let twin = store
            .insert_incident(&Incident::from_row(
                0,
                &catalog,
                row("APIG.0101"),
                "2026-11-27T07:00:00Z",
            ))
            .unwrap();
        store.rename_incident(twin, "shared").unwrap();
    }
    drop(store);
    let by_name = run_in(&home, &["incidents", "export", "ticket-4711"]);
    assert!(by_name.status.success(), "{}", stderr(&by_name));
    let md = String::from_utf8_lossy(&by_name.stdout);
    assert!(
        md.contains("TICKET-4711") && md.contains("APIG.0308"),
        "{md}"
    );
    let by_id = run_in(&home, &["incidents", "export", &first.to_string()]);
    assert_eq!(by_id.stdout, by_name.stdout);

    let shared = run_in(&home, &["incidents", "export", "shared"]);
    assert_eq!(shared.status.code(), Some(2));
    assert!(
        stderr(&shared).contains("2 open incidents are named"),
        "{}",
        stderr(&shared)
    );
    let unknown = run_in(&home, &["incidents", "export", "TICKET-1"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("\"TICKET-1\""),
        "{}",
        stderr(&unknown)
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn the_launcher_entry_opens_files_and_names_their_types() {
    let home = fresh_home("desktop-files");
    assert!(run_in(&home, &["install-desktop"]).status.success());
    let entry = std::fs::read_to_string(home.join("applications/apig-explorer.desktop")).unwrap();
    let exec = entry
        .lines()
        .find_map(|l| l.strip_prefix("Exec="))
        .expect("an Exec line");
    assert!(
        exec.ends_with("\" %F"),
        "the files chosen are passed: {exec}"
    );
    assert!(
        entry.contains(
            "\nMimeType=application/json;text/plain;application/x-har+json;text/x-log;\n"
        ),
        "{entry}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

/// (The window's own argument: a build without the window has none.)
#[cfg(feature = "gui")]
#[test]
fn a_file_given_to_the_window_that_cannot_be_read_is_named() {
    let home = fresh_home("window-file");
    let out = run_in(&home, &["/nonexistent/response.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/response.json"),
        "{}",
        stderr(&out)
    );
    // A subcommand's name is still the subcommand, not a file.
    let out = run_in(&home, &["search", "throttling", "--limit", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&home);
}

/// eframe's `app.ron` (the window's size) is the user's only: 0600 after a real window
/// saved it. Needs a display (Xvfb in CI); skipped without one.
#[cfg(all(feature = "gui", unix))]
#[test]
fn the_window_s_app_ron_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide a display"
        );
        eprintln!("skipped: no display");
        return;
    }
    let home = fresh_home("app-ron");
    std::fs::create_dir_all(&home).unwrap();
    let png = home.join("shot.png");
    let out = run_in(&home, &["--screenshot", png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ron = home.join("apig-explorer/app.ron");
    let mode = std::fs::metadata(&ron).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", ron.display());
    assert!(
        std::fs::read_to_string(&ron).unwrap().contains('('),
        "eframe wrote its state into it"
    );
    let _ = std::fs::remove_dir_all(&home);
}
