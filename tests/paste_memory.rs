//! A big paste's memory goes back to the system when the paste is replaced: the window
//! stays open all day, and must not keep a 16 MB log's peak for the rest of it. One test
//! in this file, so the process's resident size is this test's alone.

#![cfg(all(target_os = "linux", target_env = "gnu"))]

use apig_explorer::{Action, Embedded, PasteAction, SavedState, Session};

/// The process's resident size in KiB.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("procfs");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("VmRSS")
}

/// A gateway log of about `mib` MiB: errors of three codes, each with its own request id,
/// numbered from `first` (two logs of the same size need not be the same text).
fn log_of(mib: usize, first: u64) -> String {
    let mut log = String::with_capacity(mib << 20);
    let mut n = first;
    while log.len() < (mib << 20) - 400 {
        let (code, status) =
            [("APIG.0308", 429), ("APIG.0201", 413), ("APIG.0101", 404)][(n % 3) as usize];
        log.push_str(&format!(
            "2026-11-27T06:{:02}:{:02}Z ERROR status={status} request_id={n:032x} {{\"error_code\":\"{code}\",\"error_msg\":\"request {n} failed\"}}\n",
            (n / 60) % 60,
            n % 60
        ));
        n += 1;
    }
    log
}

fn settle(s: &mut Session) {
    s.wait_for_paste(std::time::Duration::from_secs(120));
}

#[test]
fn a_big_paste_s_memory_is_handed_back_when_a_small_one_replaces_it() {
    let mut s = Session::new(SavedState::default(), Embedded::build());
    settle(&mut s);
    // What every analysis keeps for the rest of the process, whatever the paste's size
    // (compiled patterns and their matching caches, bounded by the regex crate), is built
    // by a first paste of the same size and shape, so `before` holds it. The measured
    // paste is the second big one: glibc handed the first back on its own, and kept the
    // second whole (its raised threshold) until the session fixed the threshold.
    s.apply(Action::Paste(PasteAction::Paste(log_of(16, 1 << 40))));
    settle(&mut s);
    s.apply(Action::Paste(PasteAction::Paste("APIG.0308".into())));
    settle(&mut s);
    let before = resident_kib();
    s.apply(Action::Paste(PasteAction::Paste(log_of(16, 0))));
    settle(&mut s);
    let peak = resident_kib();
    assert!(
        peak > before + 12 * 1024,
        "the big paste took memory: {before} KiB, then {peak} KiB"
    );
    s.apply(Action::Paste(PasteAction::Paste(
        "{\"error_code\":\"APIG.0308\",\"error_msg\":\"throttled\"}".into(),
    )));
    // The old paste is freed and trimmed on a thread: wait for it (memory, not time, is
    // what is checked).
    let limit = before + (peak - before) / 3;
    let mut after = resident_kib();
    for _ in 0..300 {
        if after <= limit {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        after = resident_kib();
    }
    assert!(
        after <= limit,
        "before the big paste {before} KiB, with it {peak} KiB, after a small one replaced it {after} KiB"
    );
}
