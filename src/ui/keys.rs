//! Keyboard shortcuts, read before the panels are drawn so every panel sees their effect
//! in the same frame.

use egui::{Context, Event, Key, Modifiers};

use super::app::ExplorerApp;
use super::search_bar;
use crate::explorer::Move;

pub(super) fn handle(app: &mut ExplorerApp, ctx: &Context) {
    let typing = ctx.egui_wants_keyboard_input();
    let in_search = ctx.memory(|m| m.has_focus(search_bar::id()));
    let focus = ctx.input_mut(|i| {
        i.consume_key(Modifiers::COMMAND, Key::F)
            || (!typing && i.consume_key(Modifiers::NONE, Key::Slash))
    });
    if focus {
        app.flags.focus_search = true;
    }
    if ctx.input(|i| i.key_pressed(Key::Escape)) {
        app.explorer.escape();
    }
    if !typing && ctx.input(|i| i.events.iter().any(|e| matches!(e, Event::Copy))) {
        copy_selected_code(app, ctx);
    }
    if !typing && let Some(text) = pasted(ctx) {
        app.submit_paste(ctx, text);
    }
    if let Some(mv) = navigation(ctx, typing && !in_search, typing) {
        // The view must match the query the user sees before positions mean anything.
        app.explorer.refresh(&app.catalog, &app.index);
        let page = app.flags.page_rows.max(1);
        app.flags.scroll_to = app.explorer.move_selection(&app.catalog, mv, page);
    }
}

/// The navigation key pressed this frame, if it is ours to take. Up/Down also work from
/// the search box (type, then arrow to the result); Home/End belong to a text field.
fn navigation(ctx: &Context, blocked: bool, typing: bool) -> Option<Move> {
    if blocked {
        return None;
    }
    ctx.input_mut(|i| {
        let mut take = |key| i.consume_key(Modifiers::NONE, key);
        if take(Key::ArrowUp) {
            Some(Move::Up)
        } else if take(Key::ArrowDown) {
            Some(Move::Down)
        } else if take(Key::PageUp) {
            Some(Move::PageUp)
        } else if take(Key::PageDown) {
            Some(Move::PageDown)
        } else if !typing && take(Key::Home) {
            Some(Move::Home)
        } else if !typing && take(Key::End) {
            Some(Move::End)
        } else {
            None
        }
    })
}

pub(super) fn copy_selected_code(app: &mut ExplorerApp, ctx: &Context) {
    if let Some(row) = app.explorer.selected() {
        let code = app.catalog.entries[row].code.to_string();
        app.flags.toast = Some(format!("Copied {code}"));
        ctx.copy_text(code);
    }
}

/// Text pasted with Ctrl+V this frame (taken, so no widget sees it too).
fn pasted(ctx: &Context) -> Option<String> {
    ctx.input_mut(|i| {
        let at = i.events.iter().position(|e| matches!(e, Event::Paste(_)))?;
        match i.events.remove(at) {
            Event::Paste(text) => Some(text),
            _ => None,
        }
    })
}
