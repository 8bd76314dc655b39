//! Keyboard shortcuts, read before the panels are drawn so every panel sees their effect
//! in the same frame.

use egui::{Context, Event, InputState, Key, Modifiers};

use super::app::View;
use super::search_bar;
use crate::analysis::looks_like_response;
use crate::explorer::Move;
use crate::session::{Action, PasteAction, WindowEvent};

pub(super) fn keys_ui(ctx: &Context, view: &mut View) -> Vec<Action> {
    let mut actions = Vec::new();
    // A text field has the keyboard (a focused button or checkbox does not type).
    let typing = ctx.text_edit_focused();
    let in_search = ctx.memory(|m| m.has_focus(search_bar::id()));
    let focus = ctx.input_mut(|i| {
        take_shortcut(i, Modifiers::COMMAND, Key::F)
            || (!typing && take_shortcut(i, Modifiers::NONE, Key::Slash))
    });
    if focus {
        view.focus_search = true;
    }
    if ctx.input_mut(|i| take_shortcut(i, Modifiers::COMMAND, Key::O)) {
        view.open_file.start(ctx);
    }
    // Alt+E / Alt+I: the detail pane's Entry and Incidents tabs, whatever has the keyboard.
    ctx.input_mut(|i| {
        if take_shortcut(i, Modifiers::ALT, Key::E) {
            view.show_incidents = false;
        }
        if take_shortcut(i, Modifiers::ALT, Key::I) {
            view.show_incidents = true;
        }
    });
    // Esc closes an open menu or popup (egui does that) and does nothing else: the
    // engineer's search stays.
    if ctx.input(|i| i.key_pressed(Key::Escape))
        && !egui::Popup::is_any_open(ctx)
        && !view.dialog_open()
    {
        actions.push(Action::Window(WindowEvent::Escape));
        // egui lets go of a text field on Esc; the search box keeps the keyboard.
        view.focus_search |= view.search_focused;
    }
    // Ctrl+C: a text field with a selection copies it; otherwise (no selection, or no
    // text field) the selected row's code is copied after drawing (`copy_after_drawing`).
    if ctx.input(|i| i.events.iter().any(|e| matches!(e, Event::Copy))) {
        view.copy_requested = true;
    }
    // Ctrl+V anywhere analyzes; in the search box, only what reads like a response
    // (a curl transcript, a JSON body) is analyzed instead of searched.
    if let Some(text) = pasted(ctx, |text| {
        !typing || (in_search && looks_like_response(text))
    }) {
        actions.push(Action::Paste(PasteAction::Paste(text)));
        if in_search {
            // Said once the paste is applied (which clears the status line).
            view.said_after_input =
                Some("Analyzed the pasted response (it read like a response, not a search)");
        }
    }
    // Arrows move the keyboard between focused widgets too: the table's only when the
    // search box or nothing has it.
    let focused = ctx.egui_wants_keyboard_input();
    if let Some(mv) = navigation(ctx, focused && !in_search, focused) {
        actions.push(Action::Window(WindowEvent::Move {
            mv,
            page: view.page_rows.max(1),
        }));
    }
    actions
}

/// Take a shortcut's key press, and the character the platform also sends for it (on
/// Linux, Alt+E arrives as the key and as the text "e"): read before any widget is drawn,
/// so the focused text field never types the shortcut's letter.
fn take_shortcut(i: &mut InputState, modifiers: Modifiers, key: Key) -> bool {
    if !i.consume_key(modifiers, key) {
        return false;
    }
    let symbol = key.symbol_or_name().to_lowercase();
    i.events
        .retain(|e| !matches!(e, Event::Text(text) if text.to_lowercase() == symbol));
    true
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

/// Text pasted with Ctrl+V this frame that `ours` accepts (taken, so no widget sees it
/// too).
fn pasted(ctx: &Context, ours: impl Fn(&str) -> bool) -> Option<String> {
    ctx.input_mut(|i| {
        let at = i
            .events
            .iter()
            .position(|e| matches!(e, Event::Paste(text) if ours(text)))?;
        match i.events.remove(at) {
            Event::Paste(text) => Some(text),
            _ => None,
        }
    })
}
