//! The store under the accidents of a working day: a disk that fills up, and a process
//! killed in the middle of writing. Each keeps what was saved and starts the app.

use std::path::{Path, PathBuf};
use std::process::Command;

use apig_explorer::{Action, Catalog, Embedded, Incident, Legacy, Session, StepStatus, Store};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apig-damage-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn session(dir: &Path) -> Session {
    Session::from_store(Store::open(dir, Legacy::default()), Embedded::build())
}

/// A small tmpfs at `dir`, or None where this process may not mount (not root).
fn small_disk(dir: &Path) -> Option<()> {
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=192k", "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(())
}

#[test]
fn a_full_disk_is_reported_and_what_was_saved_stays_readable() {
    let dir = temp_dir("full");
    if small_disk(&dir).is_none() {
        eprintln!("skipped: mounting a tmpfs needs root (CI runs as root)");
        return;
    }
    let mut s = session(&dir);
    assert!(s.notices().is_empty(), "{:?}", s.notices());
    s.apply(Action::OpenIncident {
        row: 0,
        from_paste: false,
    });
    let id = s.incidents().active().expect("opened").id;
    s.apply(Action::SetStepStatus {
        id,
        step: 0,
        status: StepStatus::Done,
    });
    let filler = dir.join("filler");
    let _ = std::fs::write(&filler, vec![b'x'; 400 * 1024]);
    let long_note = "a long note from the customer call ".repeat(2_000);
    for step in 1..5 {
        s.apply(Action::SetStepNote {
            id,
            step,
            note: long_note.clone(),
        });
    }
    let notices = s.notices().join(" ");
    assert!(notices.contains("could not be saved"), "{notices}");
    assert_eq!(
        s.incidents().active().expect("kept in memory").steps[1].note,
        long_note,
        "the note stays in the window"
    );
    drop(s);
    std::fs::remove_file(&filler).ok();
    let again = session(&dir);
    assert!(
        !again.notices().iter().any(|n| n.contains("kept as")),
        "the database is not damaged: {:?}",
        again.notices()
    );
    let incident = again.incidents().active().expect("the incident was saved");
    assert_eq!(incident.steps[0].status, StepStatus::Done);
    drop(again);
    let _ = Command::new("umount").arg("-l").arg(&dir).status();
    std::fs::remove_dir_all(&dir).ok();
}

/// Run by the test below in a child process: writes incidents until it is killed.
#[test]
#[ignore = "a helper: runs only as the child of killed_while_writing_the_store_keeps_whole_changes"]
fn writer_child() {
    let Some(dir) = std::env::var_os("APIG_WRITER_DIR") else {
        return;
    };
    let store = Store::open(Path::new(&dir), Legacy::default())
        .store
        .expect("the store opens");
    let catalog = Catalog::embedded();
    for n in 0.. {
        let mut incident = Incident::from_row(0, &catalog, n % 40, "t");
        incident.name = format!("written {n}");
        let id = store.insert_incident(&incident).expect("insert");
        let mut step = incident.steps[0].clone();
        step.status = StepStatus::Done;
        store
            .save_step_change(id, 0, &incident.steps[0], &step)
            .expect("step");
        println!("{n}");
    }
}

#[test]
fn killed_while_writing_the_store_keeps_whole_changes() {
    let catalog = Catalog::embedded();
    for round in 0..3 {
        let dir = temp_dir(&format!("kill{round}"));
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["writer_child", "--exact", "--ignored", "--nocapture"])
            .env("APIG_WRITER_DIR", &dir)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("the writer starts");
        std::thread::sleep(std::time::Duration::from_millis(300 + 150 * round));
        child.kill().expect("SIGKILL");
        child.wait().ok();
        let opened = Store::open(&dir, Legacy::default());
        assert!(
            opened.problems.is_empty(),
            "round {round}: {:?}",
            opened.problems
        );
        let book = opened.contents.incidents;
        assert!(
            !book.incidents.is_empty(),
            "round {round}: some writes landed"
        );
        for incident in &book.incidents {
            let row = catalog
                .find(&incident.row)
                .expect("a whole incident names its row");
            assert_eq!(
                incident.steps.len(),
                catalog.entries[row].checklist().len(),
                "round {round}: an incident is stored with all its steps or not at all"
            );
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
