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
    let whole = whole_rect(ui.ctx(), response);
    let hidden = !ui.clip_rect().contains_rect(whole);
    let scroll = placing.left > 0 && hidden && placing.at != Some(at);
    if scroll {
        let now = egui::style::ScrollAnimation::none();
        ui.scroll_to_rect_animation(whole, None, now);
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

/// Where a control drawn this frame shows more than its own rect: the chart's axes and
/// their labels lie outside the plot that takes the keyboard, and were left cut at a
/// pane's foot. Kept for this frame only.
pub(super) fn set_whole_rect(ctx: &egui::Context, id: egui::Id, rect: egui::Rect) {
    let frame = ctx.cumulative_frame_nr();
    ctx.data_mut(|d| d.insert_temp(id.with("whole rect"), (frame, rect)));
}

/// What has to show for the control of `response` to be whole in sight: its rect and
/// what [`set_whole_rect`] said of it this frame. (The keyboard's outline, a point
/// outside it, shows in the margin egui's scroll leaves.)
pub(super) fn whole_rect(ctx: &egui::Context, response: &egui::Response) -> egui::Rect {
    let frame = ctx.cumulative_frame_nr();
    ctx.data(|d| d.get_temp::<(u64, egui::Rect)>(response.id.with("whole rect")))
        .filter(|(at, _)| *at == frame)
        .map_or(response.rect, |(_, rect)| rect.union(response.rect))
}

/// Whether `response` was drawn inside `ui` (its Ui, or one of that Ui's parents, is
/// `ui`). Where it lies does not say: a step scrolled out of the incident pane lay under
/// the paste panel, inside that panel's contents, and the paste panel scrolled for it.
fn drawn_in(ui: &egui::Ui, response: &egui::Response) -> bool {
    drawn_under(ui, response.parent_id())
}

/// Whether the Ui `parent` is `ui` or lies inside it.
fn drawn_under(ui: &egui::Ui, parent: egui::Id) -> bool {
    let target = ui.unique_id();
    let ctx = ui.ctx();
    let mut parent = parent;
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

/// What [`keep_top_whole`] keeps per scroll area: the window's size when the area was
/// last drawn, and, after a resize, the frame the window last changed size in.
#[derive(Clone, Copy)]
struct Resized {
    window: egui::Vec2,
    since: Option<u64>,
}

/// For how many frames a resized window keeps its size before the top line is made whole:
/// the panels around it settle to their sizes over the frames after a resize (the pane's
/// text wraps anew), and a scroll [`keep_focus_in_view`] asked for shows first.
const SETTLE_FRAMES: u64 = 2;

/// Called last in a scroll area's contents, after [`keep_focus_in_view`]: once the window
/// was resized and has settled, what its view's top edge cuts (a line of text, a control)
/// is shown whole. The offset a smaller window left cut the top line of an incident in
/// half after the window grew. (Where the contents now fit, egui brings them back to
/// their top.)
pub(super) fn keep_top_whole(ui: &egui::Ui) {
    let key = ui.scope_id().with("top whole");
    let frame = ui.ctx().cumulative_frame_nr();
    // The window's size, not the view's: a view that changes with its pane's contents
    // (the incident's header pinned) is not a resize.
    let window = ui.ctx().content_rect().size();
    let since = match ui.data(|d| d.get_temp::<Resized>(key)) {
        Some(last) if last.window != window => Some(frame),
        Some(last) => last.since,
        // The area's first frame: it starts where it was asked to.
        None => None,
    };
    let since = match since {
        Some(at) if at + SETTLE_FRAMES <= frame && !placing(ui, frame) => {
            show_top_whole(ui);
            None
        }
        Some(at) => {
            ui.ctx().request_repaint();
            Some(at)
        }
        None => None,
    };
    ui.data_mut(|d| d.insert_temp(key, Resized { window, since }));
}

/// Whether [`keep_focus_in_view`] is still placing the control with the keyboard in this
/// area, or a scroll it asked for has not shown yet.
fn placing(ui: &egui::Ui, frame: u64) -> bool {
    let key = ui.scope_id().with("placing");
    ui.data(|d| d.get_temp::<Placing>(key))
        .is_some_and(|p| p.scrolled.is_some_and(|f| f + 1 >= frame))
}

/// Scrolls `ui`'s contents so that nothing drawn in them is cut by the view's top edge:
/// back to the top of the highest line or control the edge cuts, or, where that would push
/// the control with the keyboard below the view, on past the cut ones.
fn show_top_whole(ui: &egui::Ui) {
    let clip = ui.clip_rect();
    let top = clip.top();
    if ui.min_rect().top() >= top - 0.5 {
        return;
    }
    let cut = cut_by(ui, top);
    let (Some(first), Some(last)) = (
        cut.iter().map(|r| r.top()).reduce(f32::min),
        cut.iter().map(|r| r.bottom()).reduce(f32::max),
    ) else {
        return;
    };
    let focused = ui
        .ctx()
        .memory(|m| m.focused())
        .and_then(|id| ui.ctx().read_response(id))
        .filter(|r| drawn_in(ui, r))
        .map(|r| whole_rect(ui.ctx(), &r));
    let (up, down) = (top - first, last - top);
    // How far the contents can still move up: at their end they cannot.
    let room_below = (ui.min_rect().bottom() - clip.bottom()).max(0.0);
    let whole = |moved_down: f32| {
        focused.is_none_or(|f| {
            f.top() + moved_down >= top - 0.5 && f.bottom() + moved_down <= clip.bottom() + 0.5
        })
    };
    let seen = |moved_down: f32| focused.is_none_or(|f| f.top() + moved_down < clip.bottom());
    // Back up to the cut lines' top, else on past them, whichever keeps the control with
    // the keyboard whole in sight; at the contents' end, where they cannot go on, back up
    // if it stays in sight at all (the line it was scrolled under shows then).
    let delta = if whole(up) {
        up
    } else if down <= room_below + 0.5 && whole(-down) {
        -down
    } else if down > room_below + 0.5 && seen(up) {
        up
    } else {
        return;
    };
    ui.scroll_with_delta_animation(egui::vec2(0.0, delta), egui::style::ScrollAnimation::none());
}

/// The lines and controls drawn in `ui`'s contents that the height `y` cuts: the widgets
/// that hold no other (a step's frame or a row's Ui is not a line to show whole).
fn cut_by(ui: &egui::Ui, y: f32) -> Vec<egui::Rect> {
    let widgets: Vec<(egui::Id, egui::Id, egui::Rect)> = ui.ctx().viewport(|v| {
        v.this_pass
            .widgets
            .get_layer(ui.layer_id())
            .map(|w| (w.id, w.parent_id, w.rect))
            .collect()
    });
    let parents: std::collections::HashSet<egui::Id> =
        widgets.iter().map(|(_, parent, _)| *parent).collect();
    widgets
        .into_iter()
        .filter(|(id, _, r)| r.top() < y - 0.5 && r.bottom() > y + 0.5 && !parents.contains(id))
        .filter(|(_, parent, _)| drawn_under(ui, *parent))
        .map(|(_, _, rect)| rect)
        .collect()
}
