//! Remarks on the line under an error, and a chat's later message that points back at it.

use super::{remark_over, remarked};

#[test]
fn a_later_chat_message_that_points_back_says_it_is_over_with_no_code_between() {
    let over = [
        format!(
            "[09:58] li: {BODY}\n[10:02] wang: I redeployed the stage\n[10:04] li: that one's gone now, thanks"
        ),
        format!("李四 09:58\n{BODY}\n王五 10:02\n发布了一下\n李四 10:04\n已经好了"),
        format!(
            "Ana 09:58\n{BODY}\nLuis 10:02\nhe publicado la API\nAna 10:04\nya funciona, gracias!"
        ),
    ];
    for thread in &over {
        assert_eq!(remarked(thread).len(), 1, "{thread}");
    }
    let kept = [
        // Another error between: the remark is about that one.
        format!(
            "[09:58] li: {BODY}\n[10:02] li: and {{\"error_code\":\"APIG.0308\"}}\n[10:04] wang: that one's gone now"
        ),
        // Too far on.
        format!("[09:58] li: {BODY}\n1\n2\n3\n4\n5\n6\n[10:04] li: that one's gone now"),
        // Still failing.
        format!(
            "[09:58] li: {BODY}\n[10:02] wang: redeployed\n[10:04] li: that one is still not fixed"
        ),
    ];
    for thread in &kept {
        let ranges = remarked(thread);
        assert!(
            ranges.iter().all(|(r, _)| !thread
                .get(r.clone())
                .unwrap_or_default()
                .contains("APIG.0101")),
            "{thread}"
        );
    }
}

const BODY: &str = "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist.\"}";

#[test]
fn a_remark_on_the_next_line_that_points_at_the_error_says_it_is_over() {
    for line in [
        "^ that one is fixed now",
        "[10:05] ben: 0101 gone 👍",
        "10:05 Ana: APIG.0101 is resolved",
        "Der Fehler ist behoben.",
        "这个错误已修复",
        "Ya está solucionado, gracias.",
        "Fixed now.",
        "↑ erledigt",
        "Thanks, it's fixed now!",
        "Update: das ist jetzt behoben",
        "谢谢，这个问题已经解决了",
        "yes, NTP was off by 20 min. fixed it, all good now",
        "Redeployed. Fixed now.",
        "调大了，现在好了",
        "ok, gone now",
    ] {
        assert!(remark_over(BODY, line), "{line}");
    }
    for line in [
        "^ still failing",
        "^ not fixed",
        "The deployment is fixed now but this error keeps coming.",
        "The deployment is fixed now.",
        "We redeployed. The proxy is fixed now.",
        "We redeployed, the proxy is fixed now.",
        "Last week's error, solved:",
        "0308 is gone, this one is new",
        "APIG.0308 is resolved",
        "Is that one fixed?",
        "2026-12-07T10:00:00Z INFO retry resolved {\"ok\":true}",
    ] {
        assert!(!remark_over(BODY, line), "{line}");
    }
}
