//! The log behind the README's triage screenshot (`assets/triage.png`): 40 minutes from
//! 06:38:00 UTC, every third line an error, 7,733 errors in three groups (8 of every 12
//! throttled, 3 backend timeouts, 1 backend unavailable), about 2.4 MB.
//!
//! ```sh
//! cargo run --example readme_triage_log > /tmp/triage.log
//! apig-explorer --screenshot assets/triage.png --paste /tmp/triage.log
//! ```
//! (with an empty `XDG_DATA_HOME`, so no earlier session's state shows, at 1280×800).

use std::io::Write;

const ERRORS: usize = 7733;
const SECONDS: usize = 40 * 60;
/// Code, message and status of the three groups.
const GROUPS: [(&str, &str, u16); 3] = [
    (
        "APIG.0308",
        "The throttling threshold has been reached.",
        429,
    ),
    ("APIG.0203", "Backend timeout.", 504),
    ("APIG.0201", "Backend unavailable.", 502),
];
/// Which group each error of a run of twelve belongs to.
const CYCLE: [usize; 12] = [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 2];

fn main() -> std::io::Result<()> {
    let lines = ERRORS * 3;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in 0..lines {
        let second = line * SECONDS / lines;
        let minute = 38 + second / 60;
        let at = format!(
            "2026-11-27T{:02}:{:02}:{:02}Z",
            6 + minute / 60,
            minute % 60,
            second % 60
        );
        if line % 3 == 2 {
            let (code, message, status) = GROUPS[CYCLE[(line / 3) % CYCLE.len()]];
            writeln!(
                out,
                "{at} ERROR {{\"error_code\":\"{code}\",\"error_msg\":\"{message}\",\"request_id\":\"{line:020}\"}} status={status}"
            )?;
        } else {
            writeln!(
                out,
                "{at} INFO GET /v1/items 200 12ms request_id={line:020}"
            )?;
        }
    }
    out.flush()
}
