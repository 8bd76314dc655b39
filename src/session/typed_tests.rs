//! What the engineer typed on the way to a secret does not stay in the store's files:
//! every keystroke of a name or a note is written, and the write-ahead log kept each
//! state (a secret's beginnings match no redaction rule) until it was emptied.

use super::casebook::SETTLE;
use super::*;
use std::time::Instant;

/// The store's files (the database and its log), as text.
fn on_disk(dir: &std::path::Path) -> String {
    let mut bytes = std::fs::read(dir.join("state.sqlite3")).unwrap_or_default();
    bytes.extend(std::fs::read(dir.join("state.sqlite3-wal")).unwrap_or_default());
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Each state of `text` as it is typed, one character more each time.
fn typed(text: &str) -> impl Iterator<Item = String> + '_ {
    (1..=text.chars().count()).map(|n| text.chars().take(n).collect())
}

const AK: &str = "HPUAQXW3KDMN7Q8RT2VZ";
const SK: &str = "Zq9vW2kLmN4pR8sT1uX6yB3cD7eF0gH5jK2mP9qS";
/// What the log held of each while they were typed.
const AK_BEGINNING: &str = "HPUAQXW3KDMN";
const SK_BEGINNING: &str = "Zq9vW2kLmN4p";

#[test]
fn a_secret_typed_into_a_name_a_note_or_the_paste_leaves_only_its_redacted_end_in_the_files() {
    let dir = super::test_dir::TestDir::new("session", "typed");
    let open = || Session::from_store(Store::open(&dir, Legacy::default()), Embedded::build());
    let mut s = open();
    s.apply(Action::Case(CaseAction::OpenIncident {
        row: 0,
        from_paste: false,
    }));
    let id = s.incidents().active().expect("an incident").id;
    let secret = format!("T42 AK {AK} SK {SK}");
    for name in typed(&secret) {
        s.apply(Action::Case(CaseAction::RenameIncident(id, name)));
    }
    for note in typed(&format!("customer's keys: {AK} / {SK}")) {
        s.apply(Action::Case(CaseAction::SetStepNote { id, step: 0, note }));
    }
    for text in typed(&format!(
        "the customer wrote AK {AK} and SK {SK} in the ticket"
    )) {
        s.apply(Action::Paste(PasteAction::EditPaste(text)));
    }
    s.wait_for_paste(std::time::Duration::from_secs(60));
    assert!(
        on_disk(&dir).contains(AK_BEGINNING),
        "while the engineer types, the log holds what was typed (the test sees the trail)"
    );
    s.casebook.settle_typing(Instant::now());
    assert!(
        on_disk(&dir).contains(AK_BEGINNING),
        "not before the typing pauses (emptying the log at every key is too slow)"
    );
    assert!(s.due_in().is_some(), "the window is to wake for it");
    s.casebook.settle_typing(Instant::now() + SETTLE);
    let disk = on_disk(&dir);
    assert!(
        !disk.contains(AK_BEGINNING) && !disk.contains(SK_BEGINNING),
        "no state on the way to the secret stays in the files"
    );
    assert_eq!(s.due_in(), None);
    drop(s);
    let again = open();
    let incident = again.incidents().active().expect("kept");
    assert_eq!(incident.name, "T42 AK [redacted] SK [redacted]");
    assert!(incident.steps[0].note.starts_with("customer's keys: "));
    assert!(
        again
            .desk()
            .paste()
            .whole_text()
            .contains("AK [redacted] and SK [redacted]"),
        "{}",
        again.desk().paste().whole_text()
    );
}
