//! The team folder in a session (no window): an incident takes the notes' steps and
//! saves as a new note; the folder's catalogs load and leave with their file.

use crate::session::{CaseAction, Embedded, SavedState, Session};

/// The team folder of one test, removed when dropped.
struct Folder(std::path::PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("apig-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn note(title: &str, step: &str) -> String {
    format!(
        "+++\ncodes = [\"APIG.0308\"]\ntitle = \"{title}\"\nauthor = \"mei\"\nupdated = 2026-12-06\n+++\n\n\
         For the Quokka tenant it is the API's default policy.\n\n- [ ] {step}\n"
    )
}

#[test]
fn an_incident_takes_the_team_steps_lists_the_notes_and_saves_as_a_new_note() {
    let folder = Folder(temp_dir("team-incident"));
    std::fs::create_dir_all(folder.0.join("notes")).unwrap();
    std::fs::write(
        folder.0.join("notes/a.md"),
        note("Quokka: default policy", "Check the API's default policy"),
    )
    .unwrap();
    let state = SavedState {
        team_dir: Some(folder.0.clone()),
        ..SavedState::default()
    };
    let mut s = Session::new(state, Embedded::build());
    s.finish_team();
    let row = (0..s.catalog().entries.len())
        .find(|&r| s.catalog().entries[r].code() == "APIG.0308")
        .expect("the embedded catalog has APIG.0308");
    s.apply(CaseAction::OpenIncident {
        row,
        from_paste: false,
    });
    let incident = s.incidents().book().incidents[0].clone();
    let texts: Vec<&str> = incident
        .steps
        .iter()
        .map(|w| w.step.text.as_str())
        .collect();
    assert!(
        texts.contains(&"Check the API's default policy (team)"),
        "{texts:?}"
    );
    let markdown = incident.markdown(s.catalog());
    let used = format!(
        "### Team notes used\n\n- Quokka: default policy ({})",
        std::path::Path::new("notes/a.md").display()
    );
    assert!(markdown.contains(&used), "{markdown}");

    let said = |s: &mut Session| {
        s.apply(CaseAction::SaveTeamNote(incident.id))
            .status
            .expect("it says where it wrote")
    };
    let first = said(&mut s);
    let second = said(&mut s);
    assert!(
        first.starts_with("Wrote ") && first.contains("commit"),
        "{first}"
    );
    assert_ne!(first, second, "a second save gets a new name");
    let path = first
        .strip_prefix("Wrote ")
        .and_then(|r| r.split(": review").next())
        .expect("the path");
    let text = std::fs::read_to_string(path).expect("the note was written");
    assert!(text.contains(":APIG.0308 "), "{text}");
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("- [ ]")),
        "the incident's checklist does not become the team's steps: {text}"
    );
    s.finish_team();
}

#[test]
fn the_folder_s_catalogs_load_in_the_window_and_leave_with_the_file() {
    let folder = Folder(temp_dir("team-catalogs"));
    std::fs::create_dir_all(folder.0.join("catalogs")).unwrap();
    let catalog = folder.0.join("catalogs/virtual-private-cloud.rst");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rst/virtual-private-cloud.rst"
        ),
        &catalog,
    )
    .unwrap();
    let state = SavedState {
        team_dir: Some(folder.0.clone()),
        ..SavedState::default()
    };
    let mut s = Session::new(state, Embedded::build());
    let has_vpc = |s: &Session| s.catalog().entries.iter().any(|e| e.code() == "VPC.0101");
    assert!(!has_vpc(&s));
    s.finish_team();
    s.finish_loading();
    assert!(has_vpc(&s), "the team's catalog is loaded");
    assert!(
        s.library().catalogs().paths.is_empty(),
        "not remembered as the engineer's own catalog file"
    );
    assert!(s.saved_state().catalog_paths.is_empty());

    std::fs::remove_file(&catalog).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while has_vpc(&s) {
        assert!(
            std::time::Instant::now() < deadline,
            "the removed catalog stayed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        s.tick();
        s.finish_team();
        s.finish_loading();
    }
}
