//! After a resize the window settles in a few frames and then asks for none: the idle
//! window uses no CPU (issue 27). The panes bring their top line and the control with
//! the keyboard into sight over the frames after a resize; each of those waits is bounded.

use apig_explorer::{ExplorerApp, SavedState};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{NOT_PUBLISHED, pasted, stored_window, temp_dir, window};

/// The most frames a resize may take to settle, as counted by kittest's `try_run`: the
/// frame of the new size, egui's for controls it drew for the first time, the frame a
/// pane's scroll shows in, and two while the panes settle (`in_sight::keep_top_whole`).
/// A loop that asks for frames on its own fails `try_run` itself.
const SETTLE: u64 = 5;

/// A log of twelve minutes of throttled calls: the triage view, with its histogram.
fn log() -> String {
    (0..12 * 6)
        .map(|i| {
            format!(
                "2026-11-27T06:{:02}:{:02}Z ERROR {{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}} status=429\n",
                i / 6,
                (i % 6) * 10
            )
        })
        .collect()
}

/// Frames the window takes to stop asking for more after a resize to `size`.
fn frames_after_resize(h: &mut Harness<'_, ExplorerApp>, size: [f32; 2]) -> u64 {
    h.set_size(egui::vec2(size[0], size[1]));
    match h.try_run() {
        Ok(frames) => frames,
        Err(e) => panic!("{size:?}: the window keeps asking for frames: {e}"),
    }
}

fn resized_through_the_sizes(name: &str, h: &mut Harness<'_, ExplorerApp>) {
    for size in [
        [900.0, 600.0],
        [640.0, 420.0],
        [1600.0, 1000.0],
        [700.0, 500.0],
        [1280.0, 800.0],
    ] {
        let frames = frames_after_resize(h, size);
        assert!(
            frames <= SETTLE,
            "{name}, {size:?}: {frames} frames after the resize"
        );
    }
}

#[test]
fn after_a_resize_the_window_settles_in_a_few_frames() {
    let mut h = window([1280.0, 800.0], SavedState::default());
    h.run();
    resized_through_the_sizes("the explorer", &mut h);

    let mut h = window([1280.0, 800.0], SavedState::default());
    pasted(&mut h, &log());
    // The keyboard on a control of the analysis pane: brought into sight at each size.
    h.key_press(Key::Tab);
    h.run();
    resized_through_the_sizes("a triage", &mut h);

    let dir = temp_dir("resize-idle-incident");
    let mut h = stored_window([1280.0, 800.0], &dir);
    pasted(&mut h, NOT_PUBLISHED);
    h.get_by_label("Open incident from this paste").click();
    for _ in 0..4 {
        if h.run_ok().is_some() {
            break;
        }
    }
    resized_through_the_sizes("an incident", &mut h);
}
