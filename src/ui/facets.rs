//! The filter panel: one checkbox per facet value, with its live count.

use egui::Ui;

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::http_status::with_reason;
use crate::session::{Action, ExplorerAction};

/// Below this window width the filters fold behind the search row's Filters button: at
/// 640 px, beside them and the detail pane, the table's message column kept a few
/// characters.
const FOLD_BELOW: f32 = 800.0;

/// The most of the window's width the filters take beside the table. Where their longest
/// label does not fit on one line in it, they fold behind the Filters button too, and
/// open over the window as wide as that label: at 900 px, in a quarter of the window,
/// labels wrapped to two or three lines ("Authorization & access control" and its count);
/// cut with "…" they would be readable only on hover, which the keyboard cannot do; and a
/// wider panel left the table's message a few words.
const MOST_OF_WIDTH: f32 = 1.0 / 3.0;

/// Where this frame's answer to [`narrow`] is kept.
fn narrow_id() -> egui::Id {
    egui::Id::unique("filters folded")
}

/// Decide, before anything is drawn, whether the window is too narrow for the filters
/// beside the table, as [`narrow`] says for the rest of the frame (and the keys of the
/// next one).
pub(super) fn fold_if_narrow(ui: &Ui, catalog: &Catalog, explorer: &Explorer) {
    let width = ui.ctx().content_rect().width();
    let narrow = width < FOLD_BELOW || whole_width(ui, catalog, explorer) > width * MOST_OF_WIDTH;
    ui.data_mut(|d| d.insert_temp(narrow_id(), narrow));
}

/// The window is too narrow for the filters beside the table (see [`fold_if_narrow`]).
pub(super) fn narrow(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(narrow_id()))
        .unwrap_or_else(|| ctx.content_rect().width() < FOLD_BELOW)
}

/// The popup that holds the filters in a narrow window.
fn popup_id() -> egui::Id {
    egui::Id::unique("filters popup")
}

/// Alt+F: in a narrow window, show the filters or fold them again; in a wide one they
/// are always shown. True when the first filter should take the keyboard.
pub(super) fn toggle(ctx: &egui::Context) -> bool {
    if !narrow(ctx) {
        return true;
    }
    egui::Popup::toggle_id(ctx, popup_id());
    egui::Popup::is_id_open(ctx, popup_id())
}

/// The search row's Filters button in a narrow window, first in the row (where the
/// panel would be). It opens the filters over the window, below it: beside the table
/// they left its message column a few letters ("The A…"). It says how many values are
/// ticked.
pub(super) fn toggle_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    explorer: &Explorer,
    (focus_first, to_top): (&mut bool, &mut bool),
    out: &mut Vec<Action>,
) {
    if !narrow(ui.ctx()) {
        return;
    }
    let ticked = explorer.state.filters.len();
    let text = if ticked == 0 {
        "Filters".to_string()
    } else {
        format!("Filters ({ticked})")
    };
    let open = egui::Popup::is_id_open(ui.ctx(), popup_id());
    let button = ui
        .add(egui::Button::new(text).selected(open))
        .on_hover_text("Show or fold the filters (Alt+F)");
    let whole = whole_width(ui, catalog, explorer);
    // Below the search row, down to the window's bottom edge.
    let room = ui.ctx().content_rect();
    let (width, height) = (
        whole.min(room.width() - 24.0),
        room.bottom() - button.rect.bottom() - 24.0,
    );
    egui::Popup::from_toggle_button_response(&button)
        .id(popup_id())
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            ui.set_width(width);
            scroll(to_top).max_height(height.max(80.0)).show(ui, |ui| {
                heading_ui(ui, explorer, out);
                facet_groups_ui(ui, catalog, explorer, focus_first, out);
                super::in_sight::keep_focus_in_view(ui);
            });
        });
}

/// The filters beside the table; `to_top`: their list starts at its top (asked at
/// start, and taken by the panel or the narrow window's popup, whichever shows first).
pub(super) fn facets_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    explorer: &Explorer,
    focus_first: &mut bool,
    to_top: &mut bool,
    out: &mut Vec<Action>,
) {
    // Every label whole, on one line ("Authorization & access co…" was cut at 1600 px,
    // and wrapped at 900 px); a third of the window at most (else they fold, see
    // `fold_if_narrow`), and the width it was dragged to.
    let max = (ui.available_width() * MOST_OF_WIDTH).max(180.0);
    let whole = whole_width(ui, catalog, explorer);
    let kept = super::place::keep_size(ui, "facets", 0, egui::Rangef::new(180.0, max), Some(whole));
    egui::Panel::left("facets")
        .resizable(true)
        .default_size(whole.clamp(180.0, max))
        .min_size(180.0)
        .max_size(max)
        .show(ui, |ui| {
            scroll(to_top).show(ui, |ui| {
                ui.add_space(4.0);
                heading_ui(ui, explorer, out);
                facet_groups_ui(ui, catalog, explorer, focus_first, out);
                super::in_sight::keep_focus_in_view(ui);
            });
        });
    kept.note(ui);
}

/// The filters' scroll area, at its top when `to_top` (taken). Not shrunk to its
/// content: a shrunk area keeps the width its wrapped labels had in a narrow window, and
/// the panel with it.
fn scroll(to_top: &mut bool) -> egui::ScrollArea {
    let area = egui::ScrollArea::vertical().auto_shrink([false, true]);
    if std::mem::take(to_top) {
        area.vertical_scroll_offset(0.0)
    } else {
        area
    }
}

/// "Filters", and "Clear all" when something is ticked, or "Undo clear" when a clear
/// (this button, Esc, the search row's Clear) can be undone.
fn heading_ui(ui: &mut Ui, explorer: &Explorer, out: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.heading("Filters");
        // Only when there is something to clear: a greyed-out button is text nobody can
        // read (under 3:1).
        let any = !explorer.state.filters.is_empty();
        if any {
            if ui.button("Clear all").clicked() {
                out.push(Action::Explorer(ExplorerAction::ClearFilters));
            }
        } else if explorer.can_undo_clear()
            && ui
                .button("Undo clear")
                .on_hover_text("Bring back what the last clear took (Ctrl+Z)")
                .clicked()
        {
            out.push(Action::Explorer(ExplorerAction::UndoClear));
        }
    });
}

/// Each facet value's label as [`check`] writes it, with the largest count it can have
/// (every row), so the width does not change with each letter typed in the search box.
fn labels(catalog: &Catalog, explorer: &Explorer) -> Vec<String> {
    let counts = explorer.counts();
    let all = catalog.entries.len();
    let with = |label: &str| format!("{label} ({all})");
    let catalogs = counts
        .catalogs
        .iter()
        .map(|(s, _)| with(&catalog.sources[*s].title));
    let statuses = counts.statuses.iter().map(|(s, _)| with(&with_reason(*s)));
    let categories = counts.categories.iter().map(|(c, _)| with(c.label()));
    let who = counts.who_acts.iter().map(|(w, _)| with(w.label()));
    catalogs
        .chain(statuses)
        .chain(categories)
        .chain(who)
        .collect()
}

/// The width that shows every filter whole: the widest label, its box, the groups'
/// indent, the scroll bar and the margins.
fn whole_width(ui: &Ui, catalog: &Catalog, explorer: &Explorer) -> f32 {
    let widest = labels(catalog, explorer)
        .into_iter()
        .map(|text| super::place::text_width(ui, text))
        .fold(0.0, f32::max);
    let s = ui.spacing();
    let scroll = s.scroll.bar_width + s.scroll.bar_inner_margin + s.scroll.bar_outer_margin;
    widest + s.icon_width + s.icon_spacing + s.indent + scroll + 2.0 * s.item_spacing.x + 16.0
}

fn facet_groups_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    explorer: &Explorer,
    focus_first: &mut bool,
    out: &mut Vec<Action>,
) {
    let counts = explorer.counts();
    let filters = &explorer.state.filters;
    // Alt+F: the first box takes the keyboard.
    let focus = std::mem::take(focus_first);
    let first_catalog = counts
        .catalogs
        .first()
        .map(|(s, _)| catalog.sources[*s].id.clone())
        .unwrap_or_default();
    group(ui, "Catalog", |ui| {
        for (source, n) in &counts.catalogs {
            let source = &catalog.sources[*source];
            let first = focus && source.id == first_catalog;
            if check(
                ui,
                filters.catalogs.contains(&source.id),
                &source.title,
                *n,
                first,
            ) {
                out.push(Action::Explorer(ExplorerAction::ToggleCatalog(
                    source.id.clone(),
                )));
            }
        }
    });
    group(ui, "HTTP status", |ui| {
        for (status, n) in &counts.statuses {
            let label = with_reason(*status);
            if check(ui, filters.statuses.contains(status), &label, *n, false) {
                out.push(Action::Explorer(ExplorerAction::ToggleStatus(*status)));
            }
        }
    });
    group(ui, "Category", |ui| {
        for (category, n) in &counts.categories {
            if check(
                ui,
                filters.categories.contains(category),
                category.label(),
                *n,
                false,
            ) {
                out.push(Action::Explorer(ExplorerAction::ToggleCategory(*category)));
            }
        }
    });
    group(ui, "Who acts", |ui| {
        for (who, n) in &counts.who_acts {
            if check(ui, filters.who_acts.contains(who), who.label(), *n, false) {
                out.push(Action::Explorer(ExplorerAction::ToggleWhoActs(*who)));
            }
        }
    });
}

fn group(ui: &mut Ui, title: &str, body: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(title)
        .default_open(true)
        .show(ui, body);
}

/// A facet checkbox "label (n)"; returns true when clicked. Values with no rows are
/// dimmed but stay clickable, so a ticked value can always be unticked. The panel (or the
/// popup of a narrow window) is as wide as the longest label; one dragged narrower wraps
/// a label beside its count, whole: cut with "…" it was readable only on hover.
fn check(ui: &mut Ui, checked: bool, label: &str, count: usize, focus: bool) -> bool {
    let mut value = checked;
    let dim = |text: egui::RichText| {
        if count == 0 && !checked {
            text.weak()
        } else {
            text
        }
    };
    let name = dim(egui::RichText::new(label));
    let count_text = dim(egui::RichText::new(format!("({count})")));
    ui.scope(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        let response = ui.checkbox(&mut value, (name, count_text));
        if focus {
            response.request_focus();
        }
        response.changed()
    })
    .inner
}
