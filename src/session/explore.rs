//! The explorer part: the table's query, filters, sort and selection (`explorer::Explorer`,
//! a lower layer) over the library's rows. Its verbs read the catalogs and change only
//! the explorer; keyboard movement and Esc are window events (`window.rs`) that land here.

use std::sync::Arc;

use super::{Outcome, Session};
use crate::catalog::{Catalog, Category, WhoActs};
use crate::explorer::{Cleared, Move, SortColumn};
use crate::report::explain_markdown;

/// What the engineer does with the search box, the facets and the table.
#[derive(Clone, Debug, PartialEq)]
pub enum ExplorerAction {
    /// The search box's text changed.
    SetQuery(String),
    /// Clear the query and the filters (undoably).
    ClearSearch,
    /// Clear the filters, keeping the query (undoably).
    ClearFilters,
    /// Bring back what the last clear took (Esc, Clear all, Clear), until a filter is
    /// ticked or unticked.
    UndoClear,
    /// Show or hide the rows of a catalog (its id).
    ToggleCatalog(String),
    /// Show or hide the rows of a status.
    ToggleStatus(u16),
    /// Show or hide the rows of a category.
    ToggleCategory(Category),
    /// Show or hide the rows of whoever acts.
    ToggleWhoActs(WhoActs),
    /// A click on a column header: ascending, then descending, then relevance order.
    SortBy(SortColumn),
    /// Select the table's row (a catalog row index).
    Select(usize),
    /// Show a row even if the search or filters hide it.
    Reveal(usize),
    /// Copy the selected row's code.
    CopyCode,
    /// Copy a row's entry as Markdown.
    CopyEntryMarkdown(usize),
}

impl Session {
    /// Reads the library; changes only the explorer. The view is refreshed on the next
    /// [`Session::tick`], once per frame however many actions came in.
    pub(super) fn apply_explorer(&mut self, action: ExplorerAction) -> Outcome {
        // Undoing a clear after a box was ticked would drop that box.
        let ticked = matches!(
            action,
            ExplorerAction::ToggleCatalog(_)
                | ExplorerAction::ToggleStatus(_)
                | ExplorerAction::ToggleCategory(_)
                | ExplorerAction::ToggleWhoActs(_)
        );
        if ticked {
            self.explorer.forget_clear();
        }
        let state = &mut self.explorer.state;
        match action {
            ExplorerAction::SetQuery(q) => state.query = q,
            ExplorerAction::ClearSearch => return self.clear(true),
            ExplorerAction::ClearFilters => return self.clear(false),
            ExplorerAction::UndoClear => return self.undo_clear(),
            ExplorerAction::ToggleCatalog(id) => state.filters.toggle_catalog(&id),
            ExplorerAction::ToggleStatus(s) => state.filters.toggle_status(s),
            ExplorerAction::ToggleCategory(c) => state.filters.toggle_category(c),
            ExplorerAction::ToggleWhoActs(w) => state.filters.toggle_who_acts(w),
            ExplorerAction::SortBy(column) => state.sort = state.sort.clicked(column),
            ExplorerAction::Select(row) => {
                let catalog = self.library.shared_catalog();
                self.explorer.select(&catalog, Some(row));
                return Outcome::scroll(self.explorer.selected_position());
            }
            ExplorerAction::Reveal(row) => return self.reveal(row),
            ExplorerAction::CopyCode => return self.copy_code(),
            ExplorerAction::CopyEntryMarkdown(row) => return self.copy_entry(row),
        }
        Outcome::default()
    }

    /// Clear the filters (and the query too when `query`), saying what went and how to
    /// bring it back.
    fn clear(&mut self, query: bool) -> Outcome {
        let stamp = self.next_clear();
        match self.explorer.clear(query, stamp) {
            Some(cleared) => self.said_cleared(&cleared),
            None => Outcome::said("No search or filter to clear"),
        }
    }

    /// Esc with nothing else to do: the query, else the filters, undoably (said).
    pub(super) fn escape(&mut self) -> Outcome {
        let stamp = self.next_clear();
        match self.explorer.escape(stamp) {
            Some(cleared) => self.said_cleared(&cleared),
            None => Outcome::default(),
        }
    }

    fn said_cleared(&self, cleared: &Cleared) -> Outcome {
        Outcome::said(format!(
            "Cleared {}: \"Undo clear\" (Ctrl+Z) brings {} back",
            cleared_text(cleared, self.library.catalog()),
            if cleared.is_one() { "it" } else { "them" }
        ))
    }

    fn undo_clear(&mut self) -> Outcome {
        match self.explorer.undo_clear() {
            Some(back) if back.query.is_empty() && back.filters.is_empty() => {
                Outcome::said("Nothing brought back: the search typed since the clear stays")
            }
            Some(back) => Outcome::said(format!(
                "Brought back {}",
                cleared_text(&back, self.library.catalog())
            )),
            None => Outcome::said(
                "Nothing to bring back: no search or filter was cleared since the last change",
            ),
        }
    }

    /// Keyboard movement; `page` is how many rows the table shows.
    pub(super) fn move_selection(&mut self, mv: Move, page: usize) -> Outcome {
        // The view must match the query the user sees before positions mean anything.
        self.refresh();
        let catalog = self.library.shared_catalog();
        Outcome::scroll(self.explorer.move_selection(&catalog, mv, page))
    }

    /// Bring the explorer's view up to date with its query and the catalogs.
    pub(super) fn refresh(&mut self) {
        self.explorer
            .refresh(self.library.catalog(), self.library.index());
    }

    fn reveal(&mut self, row: usize) -> Outcome {
        if row >= self.library.catalog().entries.len() {
            return Outcome::said(format!("Row {row} is not in the catalogs loaded now"));
        }
        Outcome::scroll(Some(self.reveal_row(row)))
    }

    /// Show a catalog row in the table and the detail pane, clearing the search and
    /// filters if they hide it; returns its position in the table.
    pub(super) fn reveal_row(&mut self, row: usize) -> usize {
        let catalog = Arc::clone(&self.library.catalogs().catalog);
        self.explorer.select(&catalog, Some(row));
        self.refresh();
        if self.explorer.selected_position().is_none() {
            // Undoable, as every clear: "Undo clear" shows beside the filters.
            let stamp = self.next_clear();
            self.explorer.clear(true, stamp);
            self.refresh();
            self.explorer.select(&catalog, Some(row));
        }
        self.explorer.take_scroll();
        self.explorer.selected_position().unwrap_or(0)
    }

    fn copy_code(&self) -> Outcome {
        let Some(row) = self.explorer.selected() else {
            return Outcome::said("No row is selected: nothing to copy");
        };
        let code = self.library.catalog().entries[row].code().to_string();
        Outcome::copied(code.clone(), code)
    }

    fn copy_entry(&self, row: usize) -> Outcome {
        let catalog = self.library.catalog();
        if row >= catalog.entries.len() {
            return Outcome::said(format!("Row {row} is not in the catalogs loaded now"));
        }
        Outcome::copied(explain_markdown(catalog, &[row]), "the entry as Markdown")
    }
}

/// What a clear took, in words: `the search "timeout" and 2 filters (429 Too Many
/// Requests; API provider)`. Long lists end in how many more.
fn cleared_text(cleared: &Cleared, catalog: &Catalog) -> String {
    const NAMED: usize = 4;
    let names = cleared.filters.names(catalog);
    let filters = (!names.is_empty()).then(|| {
        let mut shown = names
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if names.len() > NAMED {
            shown.push_str(&format!("; {} more", names.len() - NAMED));
        }
        format!(
            "{} ({shown})",
            crate::wording::count_of(names.len(), "filter")
        )
    });
    let query = (!cleared.query.is_empty()).then(|| {
        let mut shown: String = cleared.query.chars().take(40).collect();
        if cleared.query.chars().count() > 40 {
            shown.push_str("...");
        }
        format!("the search \"{shown}\"")
    });
    match (query, filters) {
        (Some(q), Some(f)) => format!("{q} and {f}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "nothing".to_string(),
    }
}
