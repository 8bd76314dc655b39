//! The Help menu: the version and the keyboard shortcuts, drawn to fit the window.

use egui::Ui;

/// The widest the Help menu is drawn (its descriptions wrap in it), and how far it keeps
/// from the window's edges.
const MAX_WIDTH: f32 = 960.0;
const MARGIN: f32 = 16.0;

/// The Help menu. At 640×420 its longest lines ran past the window's right edge and its
/// last ones below its foot: the descriptions wrap in a menu no wider than the window, and
/// the list scrolls where it is taller, by the keys too (the list has no control to Tab
/// to, so its last lines were out of the keyboard's reach). `toggle`: F1 was pressed, the
/// menu opens (or closes) with the keyboard on its title.
/// Room between the keys column and what the keys do, beyond the usual gap.
const GUTTER: f32 = 8.0;

pub(super) fn help_menu_ui(ui: &mut Ui, toggle: &mut bool) -> egui::Response {
    let response = ui
        .menu_button("Help", |ui| {
            let screen = ui.ctx().content_rect();
            ui.set_max_width((screen.width() - 2.0 * MARGIN).min(MAX_WIDTH));
            ui.strong(concat!("APIG Error Explorer ", env!("CARGO_PKG_VERSION")));
            ui.separator();
            // The widest keys and a gutter: at the usual gap "Ctrl+0" ran into "Zoom".
            let keys_width = SHORTCUTS
                .iter()
                .map(|(keys, _)| super::place::text_width(ui, egui::RichText::new(*keys).strong()))
                .fold(0.0, f32::max)
                + GUTTER;
            // Under the menu bar, the title and the separator.
            let height = screen.height() - ui.cursor().top() - MARGIN;
            let mut area = egui::ScrollArea::vertical().max_height(height.max(60.0));
            let seen_id = egui::Id::unique("help scrolled");
            let seen: Option<Scrolled> = ui.data(|d| d.get_temp(seen_id));
            if let Some(offset) = seen.and_then(|seen| scroll_keys(ui, seen)) {
                area = area.vertical_scroll_offset(offset);
            }
            let shown = area.show(ui, |ui| {
                for (keys, what) in SHORTCUTS {
                    shortcut_ui(ui, keys, what, keys_width);
                }
            });
            let seen = Scrolled {
                offset: shown.state.clamped_offset().y,
                view: shown.inner_rect.height(),
                content: shown.content_size.y,
            };
            ui.data_mut(|d| d.insert_temp(seen_id, seen));
        })
        .response;
    if std::mem::take(toggle) {
        let popup = egui::Popup::default_response_id(&response);
        if egui::Popup::is_id_open(ui.ctx(), popup) {
            egui::Popup::close_id(ui.ctx(), popup);
        } else {
            egui::Popup::open_id(ui.ctx(), popup);
            response.request_focus();
        }
        ui.ctx().request_repaint();
    }
    response
}

/// Where the Help list was scrolled to when last drawn, how tall its view was and how tall
/// the list is.
#[derive(Clone, Copy)]
struct Scrolled {
    offset: f32,
    view: f32,
    content: f32,
}

/// The list's offset after this frame's scrolling keys, if one was pressed: Up / Down a
/// line, PageUp / PageDown a view less a line, Home / End its first / last lines. (The
/// table's keys are not taken while a menu is open, `keys`.)
fn scroll_keys(ui: &Ui, seen: Scrolled) -> Option<f32> {
    use egui::{Key, Modifiers};
    let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let page = (seen.view - line).max(line);
    let end = (seen.content - seen.view).max(0.0);
    let moves = [
        (Key::ArrowDown, seen.offset + line),
        (Key::ArrowUp, seen.offset - line),
        (Key::PageDown, seen.offset + page),
        (Key::PageUp, seen.offset - page),
        (Key::End, end),
        (Key::Home, 0.0),
    ];
    let (key, offset) = moves
        .into_iter()
        .find(|(key, _)| ui.input_mut(|i| i.consume_key(Modifiers::NONE, *key)))?;
    if matches!(key, Key::ArrowDown | Key::ArrowUp) {
        // The arrows scroll; egui would also move the keyboard to a control below or
        // above the menu's title.
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    ui.ctx().request_repaint();
    Some(offset.clamp(0.0, end))
}

/// One line of the list: its keys in a column `keys_width` wide, and what they do,
/// wrapped beside them.
fn shortcut_ui(ui: &mut Ui, keys: &str, what: &str, keys_width: f32) {
    ui.horizontal_top(|ui| {
        let size = egui::vec2(keys_width, ui.spacing().interact_size.y);
        ui.allocate_ui_with_layout(size, egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.set_min_width(keys_width);
            ui.strong(keys);
        });
        ui.add(egui::Label::new(what).wrap());
    });
}

/// The keyboard shortcuts, as the Help menu lists them; the README's Keyboard table has
/// the same keys in the same order, and every key the window's code reads is here (the
/// tests below hold both).
pub(super) const SHORTCUTS: &[(&str, &str)] = &[
    (
        "F1",
        "Open this Help; Up / Down, PageUp / PageDown, Home / End scroll it",
    ),
    ("Ctrl+F or /", "Focus the search box"),
    (
        "Esc",
        "Close a menu or dialog; else leave the focused control (the search box: clear it first); else clear the search, then the filters",
    ),
    (
        "Ctrl+Z",
        "Bring back what Esc or Clear cleared (outside a text field)",
    ),
    (
        "Up / Down",
        "Previous / next row, from the search box or no control; on a control: the control above / below",
    ),
    (
        "PageUp / PageDown",
        "Move the selection by a page (as Up / Down)",
    ),
    (
        "Home / End",
        "First / last row (when no control has the keyboard); on the histogram, its first / last bar",
    ),
    (
        "Left / Right",
        "On the triage histogram: the previous / next bar (Enter lists its errors); elsewhere the control beside",
    ),
    (
        "Alt+E / Alt+I",
        "Show the entry / the incidents beside the table",
    ),
    (
        "Ctrl+C",
        "Copy the selected text, or the selected row's code when no text is selected",
    ),
    (
        "Ctrl+V",
        "Paste and analyze (in the search box, what reads like a response)",
    ),
    ("Ctrl+O", "Open a file and analyze it"),
    (
        "Alt+F",
        "To the filters; in a narrow window, show or fold them",
    ),
    ("Alt+H", "Hide / show the paste panel"),
    (
        "Enter",
        // Short enough for a 640 px window (the README says more).
        "Analyze the offered clipboard; work the open incident; a new line in a note",
    ),
    (
        "Tab / Shift+Tab",
        "Next / previous control, in reading order (the focused one is outlined)",
    ),
    ("Space", "Press the focused button, tick the focused box"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "Zoom in / out / reset"),
];

#[cfg(test)]
mod tests {
    use super::SHORTCUTS;

    /// A key column's words: "Alt+E / Alt+I" is Alt, E, /, Alt, I.
    fn words(keys: &str) -> Vec<&str> {
        keys.split([' ', '+']).filter(|w| !w.is_empty()).collect()
    }

    /// How the Help menu writes a key egui names `name`.
    fn shown(name: &str) -> &str {
        match name {
            "ArrowUp" => "Up",
            "ArrowDown" => "Down",
            "ArrowLeft" => "Left",
            "ArrowRight" => "Right",
            "Escape" => "Esc",
            "Slash" => "/",
            other => other,
        }
    }

    /// Every `Key::…` the window's own code reads (all of `src/ui`), and every modifier,
    /// is listed in the Help menu: a shortcut added to the code and not to the list fails.
    #[test]
    fn every_key_the_window_reads_is_in_the_help_menu() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let listed: Vec<&str> = SHORTCUTS.iter().flat_map(|(k, _)| words(k)).collect();
        let mut read = Vec::new();
        for file in std::fs::read_dir(&dir).expect("src/ui") {
            let path = file.expect("an entry").path();
            let code = std::fs::read_to_string(&path).expect("a source file");
            for after in code.split("Key::").skip(1) {
                let name: String = after
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if !name.is_empty() {
                    read.push((name, path.clone()));
                }
            }
            for (modifier, word) in [("Modifiers::COMMAND", "Ctrl"), ("Modifiers::ALT", "Alt")] {
                if code.contains(modifier) {
                    read.push((word.to_string(), path.clone()));
                }
            }
        }
        assert!(read.len() > 10, "the scan finds the keys: {read:?}");
        for (name, path) in read {
            let word = shown(&name);
            assert!(
                listed.contains(&word),
                "{} reads {name}, which Help does not list ({word})",
                path.display()
            );
        }
    }

    /// A key as Help writes it: "Alt+E", "Ctrl+O", "/", "Up".
    fn written(modifiers: egui::Modifiers, key: egui::Key) -> String {
        let mut text = String::new();
        if modifiers.command || modifiers.ctrl {
            text.push_str("Ctrl+");
        }
        if modifiers.alt {
            text.push_str("Alt+");
        }
        text + shown(key.name())
    }

    /// Help's key column, one key a piece: "Alt+E / Alt+I" is Alt+E and Alt+I, "Ctrl+F
    /// or /" is Ctrl+F and /.
    fn help_keys() -> Vec<&'static str> {
        SHORTCUTS
            .iter()
            .flat_map(|(keys, _)| keys.split(" / ").flat_map(|k| k.split(" or ")))
            .map(str::trim)
            .collect()
    }

    /// Every key the window dispatches on (its shortcut and navigation tables) is in Help,
    /// and every key Help lists is one of them or one egui itself handles: the Filters
    /// and Alt+H keys were missing from Help.
    #[test]
    fn help_lists_exactly_the_keys_the_window_dispatches_on() {
        use super::super::keys::{NAVIGATION_KEYS, SHORTCUT_KEYS};
        let help = help_keys();
        let mut dispatched: Vec<String> = SHORTCUT_KEYS
            .iter()
            .map(|(m, k, _)| written(*m, *k))
            .chain(
                NAVIGATION_KEYS
                    .iter()
                    .map(|(k, _, _)| written(egui::Modifiers::NONE, *k)),
            )
            .collect();
        for key in &dispatched {
            assert!(help.contains(&key.as_str()), "Help does not list {key}");
        }
        // Read as events, by egui (focus, buttons, zoom) or by the widget with the
        // keyboard (the histogram's arrows), not through the tables.
        let by_egui_or_events = [
            "Left",
            "Right",
            "Esc",
            "Ctrl+C",
            "Ctrl+V",
            "Enter",
            "Tab",
            "Shift+Tab",
            "Space",
            "Ctrl+=",
            "Ctrl+-",
            "Ctrl+0",
        ];
        dispatched.extend(by_egui_or_events.iter().map(ToString::to_string));
        for key in help {
            assert!(
                dispatched.iter().any(|d| d == key),
                "Help lists {key}, which nothing reads"
            );
        }
    }

    /// The README's Keyboard table lists the same keys as the Help menu, in its order.
    #[test]
    fn the_readme_keyboard_table_is_the_help_menus_list() {
        let readme = include_str!("../../README.md");
        let table = readme
            .split("## Keyboard")
            .nth(1)
            .expect("a Keyboard section")
            .lines()
            .skip_while(|l| !l.starts_with("| Keys"))
            .skip(2)
            .take_while(|l| l.starts_with('|'));
        let keys: Vec<String> = table
            .filter_map(|l| l.split('|').nth(1))
            .map(|k| k.trim().replace('`', ""))
            .collect();
        let help: Vec<&str> = SHORTCUTS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, help);
        assert!(help.contains(&"Tab / Shift+Tab"), "Tab is listed");
    }
}
