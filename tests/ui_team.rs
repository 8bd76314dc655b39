//! The team folder in the window (egui_kittest): the detail pane lists the selected
//! row's team notes, search finds the row by a note's words, and a note added to the
//! folder (as a `git pull` writes it) shows without a restart.

use apig_explorer::ExplorerApp;
use apig_explorer::SavedState;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{temp_dir, window};

/// The team folder of one test, removed when dropped.
struct Folder(common::TempDir);

fn note(title: &str, step: &str) -> String {
    format!(
        "+++\ncodes = [\"APIG.0308\"]\ntitle = \"{title}\"\nauthor = \"mei\"\nupdated = 2026-12-06\n+++\n\n\
         For the Quokka tenant it is the API's default policy.\n\n- [ ] {step}\n"
    )
}

fn selected_code(h: &Harness<'_, ExplorerApp>) -> String {
    let s = h.state().session();
    let row = s.explorer().selected().expect("a row is selected");
    s.catalog().entries[row].code().to_string()
}

#[test]
fn the_detail_pane_shows_team_notes_and_a_note_added_to_the_folder() {
    let folder = Folder(temp_dir("team-notes"));
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
    let mut h = window([1280.0, 900.0], state);
    h.run();
    h.state_mut().wait_for_team();
    h.run();
    // The note's own word finds the row it names.
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("quokka");
    h.run();
    assert_eq!(selected_code(&h), "APIG.0308");
    h.get_by_label("Team notes (1)");
    h.get_by_label("Quokka: default policy");
    h.get_by_label(&format!(
        "mei · 2026-12-06 · {}",
        std::path::Path::new("notes/a.md").display()
    ));
    h.get_by_label("- Check the API's default policy (team)");

    std::fs::write(
        folder.0.join("notes/b.md"),
        note("Quokka: after the upgrade", "Ask which policy is bound"),
    )
    .unwrap();
    // The watcher wakes the window; a generous bound, as the machine may be loaded.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.query_by_label("Team notes (2)").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the added note never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
        h.state_mut().wait_for_team();
        h.run();
    }
    h.get_by_label("Quokka: after the upgrade");
    h.get_by_label("- Ask which policy is bound (team)");
}
