//! The virtualized results table with sortable headers.

use std::collections::HashMap;

use egui::{Label, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::app::View;
use super::highlight;
use crate::catalog::Catalog;
use crate::explorer::{Explorer, SortColumn};
use crate::session::{Action, ExplorerAction, Session};

const ROW_HEIGHT: f32 = 22.0;

/// Highlight marks of the visible cells, kept until the query changes so a frame only
/// draws and never searches.
#[derive(Default)]
pub(super) struct MarkCache {
    key: (String, u64),
    /// Per row: the marks of its code and of its message.
    cells: HashMap<usize, (Vec<usize>, Vec<usize>)>,
}

pub(super) fn table_ui(ui: &mut Ui, session: &Session, view: &mut View, out: &mut Vec<Action>) {
    egui::CentralPanel::default().show(ui, |ui| {
        if session.explorer().rows().is_empty() {
            empty_state_ui(ui, session.explorer(), out);
        } else {
            rows_ui(ui, session, view, out);
        }
    });
}

fn empty_state_ui(ui: &mut Ui, explorer: &Explorer, out: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("No error matches");
        if let Some(suggestion) = explorer.suggestion()
            && ui.link(format!("Did you mean “{suggestion}”?")).clicked()
        {
            out.push(Action::Explorer(ExplorerAction::SetQuery(
                suggestion.to_string(),
            )));
        }
        if explorer.is_vague() {
            ui.label("These words say that something failed, not what.");
        }
        ui.label("Try other words, a code such as 0308, or a status such as 429.");
        ui.add_space(8.0);
        if ui.button("Clear search and filters").clicked() {
            out.push(Action::Explorer(ExplorerAction::ClearSearch));
        }
    });
}

/// The columns that fit a table `width` wide, least useful dropped first (the catalog,
/// then the category); the message comes last, so it takes every spare pixel.
fn columns_for(width: f32) -> &'static [SortColumn] {
    use SortColumn::*;
    if width >= 760.0 {
        &[Code, Status, Category, Catalog, Message]
    } else if width >= 560.0 {
        &[Code, Status, Category, Message]
    } else {
        &[Code, Status, Message]
    }
}

/// The category column's width where the message keeps less than [`MESSAGE_ROOM`] beside
/// the whole category: its longest labels end in "…" (their full text on hover).
const CATEGORY_NARROW: f32 = 170.0;
/// What the message keeps, at least, before the category takes its whole width.
const MESSAGE_ROOM: f32 = 360.0;

/// The category column's width in a table `width` wide showing `columns`: every category
/// label whole ("Authorization & access control" was cut at 1600 px) when the message
/// still keeps [`MESSAGE_ROOM`], else [`CATEGORY_NARROW`].
fn category_width(ui: &Ui, width: f32, columns: &[SortColumn]) -> f32 {
    let padding = 2.0 * ui.spacing().item_spacing.x + 4.0;
    let whole = crate::catalog::Category::ALL
        .iter()
        .map(|c| super::place::text_width(ui, c.label()))
        .fold(CATEGORY_NARROW, f32::max)
        + padding;
    let others: f32 = columns
        .iter()
        .map(|&c| match c {
            SortColumn::Category | SortColumn::Message => 0.0,
            c => initial_width(c) + padding,
        })
        .sum();
    // The scroll bar's width, and a margin.
    let left = width - others - whole - 24.0;
    if left >= MESSAGE_ROOM {
        whole
    } else {
        CATEGORY_NARROW
    }
}

/// A fixed column's initial width.
fn initial_width(column: SortColumn) -> f32 {
    match column {
        SortColumn::Code => 92.0,
        SortColumn::Status => 56.0,
        SortColumn::Category => CATEGORY_NARROW,
        SortColumn::Catalog => 120.0,
        SortColumn::Message => 0.0,
    }
}

/// Initial width and minimum of a column; the message takes the rest. The message is
/// not resizable itself (the column before it is), so egui recomputes it when the window
/// grows instead of keeping the width it had in a narrower window.
fn column(column: SortColumn, category: f32) -> Column {
    match column {
        SortColumn::Code => Column::initial(initial_width(column)).at_least(70.0),
        SortColumn::Status => Column::initial(initial_width(column)).at_least(44.0),
        SortColumn::Category => Column::initial(category).at_least(60.0),
        SortColumn::Catalog => Column::initial(initial_width(column)).at_least(60.0),
        // At least a few words, and no more than a narrow window leaves: a message column
        // wider than the table is cut at its edge, with no ellipsis.
        SortColumn::Message => Column::remainder().at_least(48.0).resizable(false),
    }
}

fn header_name(column: SortColumn) -> &'static str {
    match column {
        SortColumn::Code => "Code",
        SortColumn::Status => "Status",
        SortColumn::Message => "Message",
        SortColumn::Category => "Category",
        SortColumn::Catalog => "Catalog",
    }
}

fn rows_ui(ui: &mut Ui, session: &Session, view: &mut View, out: &mut Vec<Action>) {
    let (catalog, explorer) = (session.catalog(), session.explorer());
    let available = ui.available_height();
    view.page_rows = ((available / ROW_HEIGHT) as usize).saturating_sub(2).max(1);
    // The window (or a panel beside the table) was resized: the selected row stays in
    // sight (it was left below the fold when the window shrank).
    let size = ui.available_size();
    let resized = view
        .table_size
        .replace(size)
        .is_some_and(|was| (was - size).length() > 0.5);
    if resized && view.scroll_to.is_none() {
        view.scroll_to = explorer.selected_position();
    }
    let columns = columns_for(ui.available_width());
    let category = category_width(ui, ui.available_width(), columns);
    // Widths are remembered per column set: a narrow window has fewer columns, a wide
    // one the whole category.
    let salt = (
        "results",
        columns.len(),
        (category > CATEGORY_NARROW).then_some("whole category"),
    );
    // The table's id as egui_extras makes it, for its column splitters (no Tab stops).
    let table_id = ui.scope_id().with(egui::IdSalt::new(salt));
    // Cells truncate their text rather than clip it: a clip rect per cell costs a draw
    // call per cell (about a hundred a frame), which software renderers feel.
    let mut builder = TableBuilder::new(ui)
        .id_salt(salt)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .striped(true)
        .resizable(true)
        // Clicks select, but Tab passes over the rows (arrows move the selection):
        // otherwise Tab would stop at every cell of hundreds of rows.
        .sense(Sense::CLICK)
        .max_scroll_height(available)
        // Always there, so the columns keep their widths when a filter leaves fewer rows
        // than fit, and no bar fades in as the first rows arrive.
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .auto_shrink(false);
    for &c in columns {
        builder = builder.column(column(c, category));
    }
    if let Some(pos) = view.scroll_to.take() {
        builder = builder.scroll_to_row(pos, None);
    }
    builder
        .header(ROW_HEIGHT + 2.0, |mut header| {
            for &c in columns {
                header.col(|ui| sort_button_ui(ui, explorer, c, header_name(c), out));
            }
        })
        .body(|body| {
            let rows = explorer.rows();
            let selected = explorer.selected();
            let query = &explorer.state.query;
            let marks = &mut view.marks;
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let catalog_row = rows[row.index()];
                let is_selected = selected == Some(catalog_row);
                row.set_selected(is_selected);
                let cells = marks.of(session, query, catalog_row);
                // The selected row keeps the selection's text colour: dimmed on the
                // selection's background it would not be readable.
                let partial = explorer.is_partial(catalog_row) && !is_selected;
                row_ui(&mut row, catalog, catalog_row, columns, cells, partial);
                if row.response().clicked() {
                    out.push(Action::Explorer(ExplorerAction::Select(catalog_row)));
                }
            });
        });
    for i in 0..columns.len() {
        let splitter = table_id.with("resize_column").with(i);
        super::look::no_tab_stop(ui.ctx(), splitter);
    }
}

fn sort_button_ui(
    ui: &mut Ui,
    explorer: &Explorer,
    column: SortColumn,
    name: &str,
    out: &mut Vec<Action>,
) {
    let sort = explorer.state.sort;
    let arrow = match (sort.column == Some(column), sort.descending) {
        (true, false) => " ^",
        (true, true) => " v",
        _ => "",
    };
    let button = egui::Button::new(RichText::new(format!("{name}{arrow}")).strong()).frame(false);
    if ui
        .add(button)
        .on_hover_text("Sort; click again to reverse, a third time for relevance")
        .clicked()
    {
        out.push(Action::Explorer(ExplorerAction::SortBy(column)));
    }
}

impl MarkCache {
    /// The highlight marks of a row's code and message for `query`, computed once per
    /// query and row.
    fn of(&mut self, session: &Session, query: &str, row: usize) -> &(Vec<usize>, Vec<usize>) {
        let generation = session.library().catalogs().generation;
        if self.key.0 != query || self.key.1 != generation {
            self.key = (query.to_string(), generation);
            self.cells.clear();
        }
        self.cells.entry(row).or_insert_with(|| {
            let e = &session.catalog().entries[row];
            let index = session.library().index();
            (
                index.highlights(e.code(), query),
                index.highlights(e.message(), query),
            )
        })
    }
}

fn row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    catalog: &Catalog,
    r: usize,
    columns: &[SortColumn],
    (code_marks, message_marks): &(Vec<usize>, Vec<usize>),
    partial: bool,
) {
    let entry = &catalog.entries[r];
    for &c in columns {
        row.col(|ui| {
            if partial {
                // Matches only some words: dimmer, so the strong matches stand out.
                ui.visuals_mut().override_text_color = Some(ui.visuals().weak_text_color());
            }
            cell_ui(ui, catalog, entry, c, code_marks, message_marks)
        });
    }
}

fn cell_ui(
    ui: &mut Ui,
    catalog: &Catalog,
    entry: &crate::catalog::Entry,
    c: SortColumn,
    code_marks: &[usize],
    message_marks: &[usize],
) {
    match c {
        SortColumn::Code => {
            ui.add(Label::new(highlight::job(ui, entry.code(), code_marks)).selectable(false));
        }
        SortColumn::Status => {
            ui.add(Label::new(entry.http_status.to_string()).selectable(false));
        }
        SortColumn::Message => {
            // Cut at the table's visible edge, not the column's: egui_extras keeps a
            // column at least as wide as its cells used last frame, so after the window
            // narrowed the message column stayed wide and its "…" fell past the edge.
            // Cut here, the cells use only what shows, and the column follows next frame.
            let visible = ui.clip_rect().right() - ui.max_rect().left();
            ui.set_max_width(visible.max(0.0));
            let job = highlight::job(ui, entry.message(), message_marks);
            // One tooltip: the label's own one for cut text would be a second.
            ui.add(
                Label::new(job)
                    .selectable(false)
                    .truncate()
                    .show_tooltip_when_elided(false),
            )
            .on_hover_text(entry.message());
        }
        SortColumn::Category => {
            ui.add(
                Label::new(entry.category.label())
                    .selectable(false)
                    .truncate(),
            );
        }
        SortColumn::Catalog => {
            let title = &catalog.source_of(entry).title;
            ui.add(Label::new(title.as_str()).selectable(false).truncate());
        }
    }
}
