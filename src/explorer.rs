//! The explorer's model: query, filters and sort in; the visible rows, facet counts and
//! selection out. Recomputed only when an input changes, never per frame.

mod facets;
mod selection;
mod sort;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, RowKey};
use crate::search::{Hit, SearchIndex};

use facets::RowFacts;
pub(crate) use facets::{FacetCounts, Filters};
pub use selection::Move;
pub(crate) use sort::Sort;
pub use sort::SortColumn;

/// What the engineer chose; persisted across restarts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExplorerState {
    /// The search box's text.
    pub query: String,
    /// The facet filters.
    pub filters: Filters,
    /// The table's sort.
    pub sort: Sort,
    /// The selected row, by identity so it survives a reload.
    pub(crate) selected: Option<RowKey>,
}

/// The state plus everything derived from it.
pub struct Explorer {
    /// What the engineer chose.
    pub state: ExplorerState,
    /// Catalog rows in display order.
    rows: Vec<usize>,
    counts: FacetCounts,
    /// Each row's facet values, packed (see [`RowFacts`]).
    facts: Vec<RowFacts>,
    /// Search result of `searched_query`, reused while only filters or sort change.
    hits: Vec<Hit>,
    /// By catalog row: it matches only some of the query's meaningful words.
    partial: Vec<bool>,
    /// Visible rows that match every meaningful word.
    complete_shown: usize,
    /// When no row matches the query: the query with its words spelled as the catalog
    /// does ("did you mean").
    suggestion: Option<String>,
    /// The query only says that something failed (`报错了`, "call failed"): the empty
    /// table says so rather than "try other words".
    vague: bool,
    /// The catalog's code a code typed with a slip was read as ("APIG.03O3" is
    /// APIG.0303), so the window can say what it searched for.
    corrected_code: Option<String>,
    searched_query: Option<String>,
    viewed: Option<(Filters, Sort)>,
    selected_row: Option<usize>,
    /// Where the table should scroll after the view changed (see [`Explorer::take_scroll`]).
    follow: Follow,
    /// What the clears took, newest last, each with the session's number for it (so
    /// Ctrl+Z can tell it from a cleared paste), for [`Explorer::undo_clear`]: the filters
    /// sit apart from the search box, and one Esc too many emptied them unseen and for good.
    cleared: Vec<(u64, Cleared)>,
}

/// How many clears are kept for undo.
const CLEARS_KEPT: usize = 20;

/// The query and filters a clear took.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cleared {
    /// The query, when the clear took it too (empty otherwise).
    pub(crate) query: String,
    pub(crate) filters: Filters,
}

impl Cleared {
    /// One thing was cleared (the query, or one filter): "brings it back".
    pub(crate) fn is_one(&self) -> bool {
        usize::from(!self.query.is_empty()) + self.filters.len() == 1
    }
}

/// Where the table scrolls after its rows changed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Follow {
    /// Nowhere: nothing changed, or the first view (the window brings a restored
    /// selection into view itself).
    #[default]
    Stay,
    /// A new query: back to the top, where its best row is.
    Top,
    /// Filters or sort changed: to the selected row, wherever it now is (after a filter
    /// was cleared it stayed selected, off screen).
    Selection,
}

impl Explorer {
    /// The explorer over `catalog` with `state`, its rows searched and sorted.
    pub fn new(state: ExplorerState, catalog: &Catalog, index: &SearchIndex) -> Self {
        let selected_row = state.selected.as_ref().and_then(|k| catalog.find(k));
        let mut explorer = Explorer {
            state,
            rows: Vec::new(),
            counts: FacetCounts::default(),
            facts: RowFacts::of(catalog),
            hits: Vec::new(),
            partial: Vec::new(),
            complete_shown: 0,
            suggestion: None,
            vague: false,
            corrected_code: None,
            searched_query: None,
            viewed: None,
            selected_row,
            follow: Follow::Stay,
            cleared: Vec::new(),
        };
        explorer.refresh(catalog, index);
        explorer
    }

    /// Bring the derived view up to date; cheap when nothing changed.
    pub fn refresh(&mut self, catalog: &Catalog, index: &SearchIndex) {
        let query_changed = self.searched_query.as_deref() != Some(self.state.query.as_str());
        // A new query (not the first search, nor a new catalog) starts at its best row.
        let new_query = query_changed && self.searched_query.is_some();
        if query_changed {
            let results = index.search_results(&self.state.query);
            self.hits = results.hits;
            self.corrected_code = results.corrected;
            self.vague = results.vague;
            self.partial = vec![false; catalog.entries.len()];
            for h in self.hits.iter().filter(|h| !h.complete) {
                self.partial[h.row] = true;
            }
            self.suggestion = self
                .hits
                .is_empty()
                .then(|| index.suggest(&self.state.query))
                .flatten();
            self.searched_query = Some(self.state.query.clone());
        }
        let inputs = (self.state.filters.clone(), self.state.sort);
        if query_changed || self.viewed.as_ref() != Some(&inputs) {
            let matched: Vec<usize> = self.hits.iter().map(|h| h.row).collect();
            let facts = &self.facts;
            self.counts = FacetCounts::count(catalog, facts, &matched, &self.state.filters);
            let accept = self.state.filters.compile(catalog);
            let mut rows: Vec<usize> = matched
                .into_iter()
                .filter(|&r| facts.get(r).is_some_and(|f| accept.accepts(f)))
                .collect();
            self.state.sort.apply(catalog, &mut rows);
            self.complete_shown = rows.iter().filter(|&&r| !self.is_partial(r)).count();
            self.rows = rows;
            let first_view = self.viewed.is_none();
            self.viewed = Some(inputs);
            if new_query {
                let best = self.rows.first().copied();
                self.select(catalog, best);
                self.follow = Follow::Top;
            } else if !first_view {
                self.follow = Follow::Selection;
            }
            self.follow_view(catalog);
        }
    }

    /// Once after the rows changed: the position the table should scroll to (the top
    /// after a new query, the selected row after a filter or the sort changed). Read when
    /// taken, so a selection moved since the change is where it goes.
    pub(crate) fn take_scroll(&mut self) -> Option<usize> {
        match std::mem::take(&mut self.follow) {
            Follow::Stay => None,
            Follow::Top => Some(0),
            Follow::Selection => self.selected_position(),
        }
    }

    /// After the view changed, keep a still-visible selection; otherwise select the
    /// best hit, so the detail pane answers the search without another key press.
    fn follow_view(&mut self, catalog: &Catalog) {
        if self.selected_position().is_none() && !self.rows.is_empty() {
            self.select(catalog, Some(self.rows[0]));
        }
    }

    /// The catalog was rebuilt: find the selected row again by its identity and
    /// recompute the view.
    pub(crate) fn catalog_changed(&mut self, catalog: &Catalog, index: &SearchIndex) {
        self.selected_row = self.state.selected.as_ref().and_then(|k| catalog.find(k));
        self.facts = RowFacts::of(catalog);
        self.searched_query = None;
        self.viewed = None;
        self.refresh(catalog, index);
    }

    /// The rows shown, in display order.
    pub fn rows(&self) -> &[usize] {
        &self.rows
    }

    /// How many shown rows each facet value has.
    pub(crate) fn counts(&self) -> &FacetCounts {
        &self.counts
    }

    /// The row matches only some of the query's meaningful words (drawn dimmer).
    pub(crate) fn is_partial(&self, row: usize) -> bool {
        self.partial.get(row).copied().unwrap_or(false)
    }

    /// A query to try when nothing matched this one.
    pub(crate) fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }

    /// The query only says that something failed, not what.
    pub(crate) fn is_vague(&self) -> bool {
        self.vague
    }

    /// The code a slipped code of the query was read as ("did you mean APIG.0303").
    pub(crate) fn corrected_code(&self) -> Option<&str> {
        self.corrected_code.as_deref()
    }

    /// How many visible rows match every meaningful word of the query.
    pub(crate) fn complete_shown(&self) -> usize {
        self.complete_shown
    }

    /// The selected row (a catalog row index), shown or filtered out.
    pub fn selected(&self) -> Option<usize> {
        self.selected_row
    }

    /// Position of the selection in the visible rows (None if filtered out).
    pub fn selected_position(&self) -> Option<usize> {
        let row = self.selected_row?;
        self.rows.iter().position(|&r| r == row)
    }

    /// Select `row` (None clears the selection).
    pub(crate) fn select(&mut self, catalog: &Catalog, row: Option<usize>) {
        self.selected_row = row.filter(|&r| r < catalog.entries.len());
        self.state.selected = self.selected_row.map(|r| catalog.key_of(r));
    }

    /// Move the selection by keyboard; returns the new position to scroll to.
    pub(crate) fn move_selection(
        &mut self,
        catalog: &Catalog,
        mv: Move,
        page: usize,
    ) -> Option<usize> {
        let pos = mv.apply(self.selected_position(), self.rows.len(), page)?;
        self.select(catalog, Some(self.rows[pos]));
        Some(pos)
    }

    /// Esc: first clears the query, then (on a second press) the filters, each undoably
    /// (`stamp` numbers the clear). What it cleared, if anything.
    pub(crate) fn escape(&mut self, stamp: u64) -> Option<Cleared> {
        if self.state.query.is_empty() {
            return self.clear(false, stamp);
        }
        let cleared = Cleared {
            query: std::mem::take(&mut self.state.query),
            filters: Filters::default(),
        };
        self.keep_clear(stamp, cleared.clone());
        Some(cleared)
    }

    /// Clear the filters, and the query too when `query`, keeping what was cleared for
    /// [`Explorer::undo_clear`]. What it cleared; None (and the last clear still undoable)
    /// when there was nothing to clear.
    pub(crate) fn clear(&mut self, query: bool, stamp: u64) -> Option<Cleared> {
        let query = if query {
            std::mem::take(&mut self.state.query)
        } else {
            String::new()
        };
        let filters = std::mem::take(&mut self.state.filters);
        if query.is_empty() && filters.is_empty() {
            return None;
        }
        let cleared = Cleared { query, filters };
        self.keep_clear(stamp, cleared.clone());
        Some(cleared)
    }

    fn keep_clear(&mut self, stamp: u64, cleared: Cleared) {
        if self.cleared.len() == CLEARS_KEPT {
            self.cleared.remove(0);
        }
        self.cleared.push((stamp, cleared));
    }

    /// Whether a clear can be undone.
    pub(crate) fn can_undo_clear(&self) -> bool {
        !self.cleared.is_empty()
    }

    /// The number of the newest clear an undo would bring back.
    pub(crate) fn newest_clear(&self) -> Option<u64> {
        self.cleared.last().map(|(stamp, _)| *stamp)
    }

    /// Whether an undo now would put a search back into the empty search box.
    pub(crate) fn undo_restores_query(&self) -> bool {
        self.state.query.is_empty()
            && self
                .cleared
                .last()
                .is_some_and(|(_, c)| !c.query.is_empty())
    }

    /// The filters changed otherwise (a box ticked): no clear is undone any more.
    pub(crate) fn forget_clear(&mut self) {
        self.cleared.clear();
    }

    /// Bring back what the newest clear took: its filters (a clear of the query alone
    /// leaves the filters as they are), and its query unless another was typed since
    /// (what the engineer typed is never overwritten). What came back.
    pub(crate) fn undo_clear(&mut self) -> Option<Cleared> {
        let (_, Cleared { query, filters }) = self.cleared.pop()?;
        if !filters.is_empty() {
            self.state.filters = filters.clone();
        }
        let query = if self.state.query.is_empty() {
            self.state.query.clone_from(&query);
            query
        } else {
            String::new()
        };
        Some(Cleared { query, filters })
    }
}

#[cfg(test)]
mod tests;
