//! Keyboard shortcuts, read before the panels are drawn so every panel sees their effect
//! in the same frame.

use egui::{Context, Event, InputState, Key, Modifiers};

use super::app::View;
use super::search_bar;
use crate::analysis::looks_like_response;
use crate::explorer::Move;
use crate::session::{Action, PasteAction, WindowEvent};

/// What a shortcut of [`SHORTCUT_KEYS`] does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Command {
    FocusSearch,
    OpenFile,
    /// The detail pane's Entry tab.
    ShowEntry,
    /// The detail pane's Incidents tab.
    ShowIncidents,
    /// To the filters (in a narrow window, show or fold them).
    Filters,
    /// Fold the paste panel to its header line, or open it again.
    FoldPaste,
    /// Bring back what Esc or a Clear button cleared.
    UndoClear,
    /// Open the Help menu, or close it (F1).
    Help,
}

impl Command {
    /// Whether the shortcut is taken while a text field has the keyboard: `/` is typed
    /// there, and Ctrl+Z is the field's own undo; F1 types nothing.
    fn while_typing(self, modifiers: Modifiers) -> bool {
        match self {
            Command::UndoClear => false,
            Command::Help => true,
            _ => !modifiers.is_none(),
        }
    }
}

/// The shortcuts the window takes before any widget is drawn, whatever has the keyboard
/// (`/` and Ctrl+Z only when no text field has it). `keys_ui` dispatches on this table, and the Help
/// menu lists every entry (a test in `top_bar` holds them).
pub(super) const SHORTCUT_KEYS: &[(Modifiers, Key, Command)] = &[
    (Modifiers::COMMAND, Key::F, Command::FocusSearch),
    (Modifiers::NONE, Key::Slash, Command::FocusSearch),
    (Modifiers::COMMAND, Key::O, Command::OpenFile),
    (Modifiers::ALT, Key::E, Command::ShowEntry),
    (Modifiers::ALT, Key::I, Command::ShowIncidents),
    (Modifiers::ALT, Key::F, Command::Filters),
    (Modifiers::ALT, Key::H, Command::FoldPaste),
    (Modifiers::COMMAND, Key::Z, Command::UndoClear),
    (Modifiers::NONE, Key::F1, Command::Help),
];

/// The keys that move the table's selection, and whether they do from the search box
/// (Up/Down: type, then arrow to the result; Home/End belong to its text). The rule
/// Help states: they move the row from the search box or when no control has the
/// keyboard; on another control (a filter's box, a step, a button) egui's arrows move the
/// keyboard to the control above or below, and Esc leaves the control.
pub(super) const NAVIGATION_KEYS: &[(Key, Move, bool)] = &[
    (Key::ArrowUp, Move::Up, true),
    (Key::ArrowDown, Move::Down, true),
    (Key::PageUp, Move::PageUp, true),
    (Key::PageDown, Move::PageDown, true),
    (Key::Home, Move::Home, false),
    (Key::End, Move::End, false),
];

/// The keys of this frame, before any widget is drawn; `searching`: the query is not
/// empty; `undo_search`: Ctrl+Z would bring back the search Esc cleared, so it is taken
/// from the search box too (the box's own undo would bring back older text).
pub(super) fn keys_ui(
    ctx: &Context,
    view: &mut View,
    searching: bool,
    undo_search: bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    // A text field has the keyboard (a focused button or checkbox does not type).
    let typing = ctx.text_edit_focused();
    let in_search = ctx.memory(|m| m.has_focus(search_bar::id()));
    super::look::pass_splitters(ctx, &mut view.tabbing);
    if view.tabbing.is_some() {
        view.keyboard_focus = true;
    } else if ctx.input(|i| i.pointer.any_pressed()) {
        view.keyboard_focus = false;
    }
    for &(modifiers, key, command) in SHORTCUT_KEYS {
        let ours_in_search = in_search && undo_search && command == Command::UndoClear;
        let field_key = typing && !command.while_typing(modifiers) && !ours_in_search;
        if !field_key && ctx.input_mut(|i| take_shortcut(i, modifiers, key)) {
            actions.extend(run(command, ctx, view));
        }
    }
    ctx.input_mut(drop_alt_letters);
    if ctx.input(|i| i.key_pressed(Key::Escape)) && !egui::Popup::is_any_open(ctx) {
        if view.dialog_open() {
            view.close_dialog();
        } else {
            actions.extend(escape(view, searching));
        }
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
    // search box or nothing has it, never from the incidents pane, and not while a menu
    // or popup is open over the table (Help scrolls with them).
    let focused = ctx.egui_wants_keyboard_input();
    let over_table = egui::Popup::is_any_open(ctx);
    let blocked = (focused && !in_search) || view.keys_in_incident || over_table;
    if view.keys_in_incident && !typing {
        incident_arrows(ctx, view);
    }
    if let Some(mv) = navigation(ctx, blocked, focused) {
        actions.push(Action::Window(WindowEvent::Move {
            mv,
            page: view.page_rows.max(1),
        }));
    }
    actions
}

/// Up and Down on a control of the incidents pane (not in a note, where they move its
/// cursor): the previous / next control in reading order, as Shift+Tab / Tab. egui's own
/// move goes to the nearest control on screen, and a step below the pane's fold lies
/// under the paste panel, whose controls were nearer: Down stopped at the fold. Where the
/// keyboard went is seen in the next frame (`detail`), which keeps it in the pane.
fn incident_arrows(ctx: &Context, view: &mut View) {
    let direction = ctx.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            Some(egui::FocusDirection::Next)
        } else if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            Some(egui::FocusDirection::Previous)
        } else {
            None
        }
    });
    let Some(direction) = direction else {
        return;
    };
    ctx.memory_mut(|m| m.move_focus(direction));
    let from = ctx.memory(|m| m.focused());
    view.incident_arrow = from.map(|id| (id, ctx.cumulative_frame_nr()));
    ctx.request_repaint();
}

/// Esc with no menu, popup or dialog open (those it closes) takes one step at a time:
/// it leaves the control that had the keyboard (egui has let go of it already); in the
/// search box it first clears the text, and the box keeps the keyboard; with nothing
/// focused it clears the search, then the filters (undoably, and said). One Esc from the
/// search box emptied every filter, out of sight and for good.
fn escape(view: &mut View, searching: bool) -> Option<Action> {
    let clear = Some(Action::Window(WindowEvent::Escape));
    match view.focused_last {
        Some(id) if id == search_bar::id() && searching => {
            view.focus_search = true;
            clear
        }
        Some(_) => None,
        None => clear,
    }
}

/// Take a shortcut's key press, and the character the platform sends right after it
/// (on Linux, Alt+E arrives as the key and as the text "e"; with Ctrl no text comes):
/// read before any widget is drawn, so the focused text field never types the shortcut's
/// letter. Only that character goes: the same letter typed in the same frame stays.
fn take_shortcut(i: &mut InputState, modifiers: Modifiers, key: Key) -> bool {
    let symbol = key.symbol_or_name().to_lowercase();
    let mut pressed = false;
    let mut sent_with = Vec::new();
    for (at, event) in i.events.iter().enumerate() {
        if let Event::Key {
            key: k,
            modifiers: m,
            pressed: true,
            ..
        } = event
            && *k == key
            && m.matches_logically(modifiers)
        {
            pressed = true;
            let next = i.events.get(at + 1);
            if matches!(next, Some(Event::Text(text)) if text.to_lowercase() == symbol) {
                sent_with.push(at + 1);
            }
        }
    }
    if !pressed {
        return false;
    }
    for at in sent_with.into_iter().rev() {
        i.events.remove(at);
    }
    i.consume_key(modifiers, key)
}

/// An Alt+letter that is no shortcut of the window (Alt+V, Alt+D) types nothing: its
/// letter, which the platform sends as text right after the key, put a "v" in the search
/// box of a new user looking for the View menu, and the table said "No error matches".
/// Only the key's own letter goes: what a layout types with Alt (Option+E on a Mac is
/// "´") is not it, and stays.
fn drop_alt_letters(i: &mut InputState) {
    let letters: Vec<usize> = i
        .events
        .iter()
        .enumerate()
        .filter_map(|(at, event)| match event {
            Event::Key {
                key,
                modifiers,
                pressed: true,
                ..
            } if modifiers.alt && !modifiers.ctrl && !modifiers.command => {
                let letter = key.symbol_or_name().to_lowercase();
                matches!(i.events.get(at + 1), Some(Event::Text(t)) if t.to_lowercase() == letter)
                    .then_some(at + 1)
            }
            _ => None,
        })
        .collect();
    for at in letters.into_iter().rev() {
        i.events.remove(at);
    }
}

/// The navigation key pressed this frame, if it is ours to take.
fn navigation(ctx: &Context, blocked: bool, typing: bool) -> Option<Move> {
    if blocked {
        return None;
    }
    ctx.input_mut(|i| {
        NAVIGATION_KEYS
            .iter()
            .filter(|(_, _, while_typing)| *while_typing || !typing)
            .find(|(key, _, _)| i.consume_key(Modifiers::NONE, *key))
            .map(|(_, mv, _)| *mv)
    })
}

/// Carry out a shortcut's command: what it changes in the window, and the action it
/// asks of the session.
fn run(command: Command, ctx: &Context, view: &mut View) -> Option<Action> {
    match command {
        Command::FocusSearch => view.focus_search = true,
        Command::OpenFile => view.open_file.start(ctx),
        Command::ShowEntry => view.show_incidents = false,
        Command::ShowIncidents => {
            view.show_incidents = true;
            view.focus_incident = true;
        }
        Command::Filters => {
            view.focus_filters = super::facets::toggle(ctx);
            view.keyboard_focus |= view.focus_filters;
        }
        Command::FoldPaste => super::paste_panel::toggle_fold(ctx),
        Command::UndoClear => return Some(Action::Window(WindowEvent::Undo)),
        Command::Help => {
            view.toggle_help = true;
            view.keyboard_focus = true;
        }
    }
    None
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
