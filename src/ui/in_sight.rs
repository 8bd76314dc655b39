//! The control with the keyboard kept in sight in the scroll area that holds it: after
//! Tab, an arrow or a shortcut gave it the keyboard, and after a resize.

/// For how many frames after a control in a scroll area took the keyboard it is brought
/// whole into sight: the frame it took it, and the next ones while the layout settles
/// (frames that wait for a scroll under way are not counted).
const PLACING_FRAMES: u8 = 3;

/// How many Uis up from a control its scroll area's contents are looked for: deeper
/// than any panel nests, and a bound on a walk through ids of an earlier pass.
const MAX_DEPTH: usize = 64;

/// What [`keep_focus_in_view`] keeps from frame to frame, per scroll area.
#[derive(Clone, Copy)]
struct Placing {
    /// The control with the keyboard, and the frame it was last seen in.
    id: egui::Id,
    seen: u64,
    /// Frames left in which it is brought into sight.
    left: u8,
    /// Where it was in the contents (from their top) when scrolled to: scrolled to again
    /// only when the layout moved it (asked twice for one place, the pane scrolled twice
    /// as far, past the control).
    at: Option<f32>,
    /// The frame of the last scroll asked for. egui's scroll areas draw a scroll asked
    /// for in one frame two frames on (the next frame lays out its contents before it
    /// moves them), so the frame after it still shows the control where it was, and a
    /// second scroll asked for there went as far again: from 1280×800 to 900×600 a focused
    /// step ended scrolled past the pane's top. That frame only waits.
    scrolled: Option<u64>,
    /// The size of the scroll area's view: when the window is resized, the control is
    /// brought into sight again (at 640×420 a step with the keyboard sat far below).
    view: egui::Vec2,
}

/// Called last in a scroll area's contents: a control in them that took the keyboard
/// (Tab, the arrows, a shortcut that lands on it) is scrolled whole into sight, so the
/// control with the keyboard is never one below the fold. egui's `gained_focus` is true
/// only in the frame the focus was asked for, and the arrows move it at a frame's end, so
/// a step reached with Down was left out of sight; and a step given the keyboard in the
/// frame its pane first showed moved down in the next (the scroll bar came and its text
/// wrapped longer) and sat half hidden at the pane's foot. So the control is kept in
/// sight for [`PLACING_FRAMES`] frames after it took the keyboard, and again after the
/// area is resized, and then the engineer's own scrolling is left alone; one clicked is
/// not moved. Returns whether the control with the keyboard is in these contents.
pub(super) fn keep_focus_in_view(ui: &egui::Ui) -> bool {
    let key = ui.scope_id().with("placing");
    let frame = ui.ctx().cumulative_frame_nr();
    let focused = ui.ctx().memory(|m| m.focused());
    let response = focused.and_then(|id| ui.ctx().read_response(id));
    let Some(response) = response.filter(|r| drawn_in(ui, r)) else {
        ui.data_mut(|d| d.remove::<Placing>(key));
        return false;
    };
    let view = ui.clip_rect().size();
    let placing = match ui.data(|d| d.get_temp::<Placing>(key)) {
        Some(p) if p.id == response.id && p.seen + 1 >= frame && p.view == view => p,
        // Resized: placed again, as if it had just taken the keyboard.
        Some(p) if p.id == response.id && p.seen + 1 >= frame => Placing {
            left: PLACING_FRAMES,
            at: None,
            view,
            ..p
        },
        // Newly in here: by the keyboard, or by a click (which needs no scrolling).
        _ => Placing {
            id: response.id,
            seen: frame,
            left: if ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released()) {
                0
            } else {
                PLACING_FRAMES
            },
            at: None,
            scrolled: None,
            view,
        },
    };
    let kept = if placing.scrolled.is_some_and(|f| f + 1 == frame) {
        // The scroll asked for last frame shows in the next one.
        ui.ctx().request_repaint();
        Placing {
            seen: frame,
            ..placing
        }
    } else {
        place(ui, &response, placing, frame)
    };
    ui.data_mut(|d| d.insert_temp(key, kept));
    true
}

/// Scrolls `response` whole into sight if it is not, while `placing` has frames left and
/// the layout moved it since the last scroll; returns what to keep for the next frame.
fn place(ui: &egui::Ui, response: &egui::Response, placing: Placing, frame: u64) -> Placing {
    let at = response.rect.top() - ui.min_rect().top();
    let hidden = !ui.clip_rect().contains_rect(response.rect);
    let scroll = placing.left > 0 && hidden && placing.at != Some(at);
    if scroll {
        let now = egui::style::ScrollAnimation::none();
        ui.scroll_to_rect_animation(response.rect, None, now);
    }
    Placing {
        seen: frame,
        left: placing.left.saturating_sub(1),
        at: if scroll { Some(at) } else { placing.at },
        scrolled: if scroll {
            Some(frame)
        } else {
            placing.scrolled
        },
        ..placing
    }
}

/// Whether `response` was drawn inside `ui` (its Ui, or one of that Ui's parents, is
/// `ui`). Where it lies does not say: a step scrolled out of the incident pane lay under
/// the paste panel, inside that panel's contents, and the paste panel scrolled for it.
fn drawn_in(ui: &egui::Ui, response: &egui::Response) -> bool {
    let target = ui.unique_id();
    let ctx = ui.ctx();
    let mut parent = response.parent_id();
    for _ in 0..MAX_DEPTH {
        if parent == target {
            return true;
        }
        let Some(up) = ctx.read_response(parent).map(|r| r.parent_id()) else {
            return false;
        };
        if up == parent {
            return false;
        }
        parent = up;
    }
    false
}

/// Whether the control with the keyboard lies in `rect` of `ui`'s layer, as drawn.
pub(super) fn holds_focus(ui: &egui::Ui, rect: egui::Rect) -> bool {
    let focused = ui.ctx().memory(|m| m.focused());
    focused
        .and_then(|id| ui.ctx().read_response(id))
        .is_some_and(|r| in_rect(ui, &r, rect))
}

/// Whether `response` lies in `rect` of `ui`: on its layer, inside `rect`, and where any
/// of it shows, shown in `ui`'s clip.
fn in_rect(ui: &egui::Ui, response: &egui::Response, rect: egui::Rect) -> bool {
    let shown = response.interact_rect;
    response.layer_id == ui.layer_id()
        && rect.contains_rect(response.rect)
        && (!shown.is_positive() || ui.clip_rect().contains_rect(shown))
}
