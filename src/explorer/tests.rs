use super::*;
use crate::catalog::{Category, WhoActs};

fn setup(state: ExplorerState) -> (Catalog, SearchIndex, Explorer) {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    let explorer = Explorer::new(state, &catalog, &index);
    (catalog, index, explorer)
}

fn count_of<T: PartialEq>(list: &[(T, usize)], value: T) -> usize {
    list.iter()
        .find(|(v, _)| *v == value)
        .map_or(0, |(_, n)| *n)
}

#[test]
fn values_in_a_facet_are_ored_and_facets_anded() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    ex.state.filters.toggle_status(413);
    ex.state.filters.toggle_status(414);
    ex.refresh(&catalog, &index);
    assert_eq!(ex.rows().len(), 2);
    ex.state.filters.toggle_catalog("managing");
    ex.refresh(&catalog, &index);
    assert!(ex.rows().is_empty());
}

#[test]
fn counts_follow_the_query_and_ignore_their_own_facet() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    assert_eq!(count_of(&ex.counts().statuses, 429), 1);
    ex.state.query = "backend".into();
    ex.state.filters.toggle_status(502);
    ex.refresh(&catalog, &index);
    let c = ex.counts();
    assert!(
        count_of(&c.statuses, 504) > 0,
        "other statuses still counted"
    );
    assert_eq!(count_of(&c.statuses, 429), 0);
    assert!(
        ex.rows()
            .iter()
            .all(|&r| catalog.entries[r].http_status == 502)
    );
    assert_eq!(
        count_of(&c.categories, Category::Backend),
        ex.rows()
            .iter()
            .filter(|&&r| catalog.entries[r].category == Category::Backend)
            .count()
    );
}

#[test]
fn escape_clears_query_then_filters() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    ex.state.query = "timeout".into();
    ex.state.filters.toggle_who_acts(WhoActs::Provider);
    let cleared = ex.escape(1).expect("the query was cleared");
    assert_eq!(cleared.query, "timeout");
    assert_eq!(ex.state.query, "");
    assert!(!ex.state.filters.is_empty());
    let cleared = ex.escape(2).expect("the filters were cleared");
    assert!(ex.state.filters.is_empty());
    assert!(cleared.filters.who_acts.contains(&WhoActs::Provider));
    ex.refresh(&catalog, &index);
    assert_eq!(ex.rows().len(), catalog.entries.len());
    assert!(ex.undo_clear().is_some());
    assert!(
        ex.state.filters.who_acts.contains(&WhoActs::Provider),
        "undone"
    );
    assert_eq!(ex.undo_clear().expect("the query next").query, "timeout");
    assert_eq!(
        ex.state.query, "timeout",
        "newest first, then the older clear"
    );
    assert!(
        ex.state.filters.who_acts.contains(&WhoActs::Provider),
        "a clear of the query alone leaves the filters"
    );
    assert!(ex.undo_clear().is_none(), "once each");
    ex.clear(false, 3);
    ex.forget_clear();
    assert!(!ex.can_undo_clear(), "a box ticked since forgets the clear");
    ex.state.query.clear();
    assert!(ex.escape(4).is_none(), "nothing left to clear");
}

#[test]
fn header_clicks_cycle_ascending_descending_relevance() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    ex.state.sort = ex.state.sort.clicked(SortColumn::Status);
    ex.refresh(&catalog, &index);
    let first = catalog.entries[ex.rows()[0]].http_status;
    ex.state.sort = ex.state.sort.clicked(SortColumn::Status);
    ex.refresh(&catalog, &index);
    let first_desc = catalog.entries[ex.rows()[0]].http_status;
    assert!(first < first_desc, "{first} then {first_desc}");
    ex.state.sort = ex.state.sort.clicked(SortColumn::Status);
    assert_eq!(ex.state.sort, Sort::default());
    ex.refresh(&catalog, &index);
    assert_eq!(ex.rows()[0], 0);
}

#[test]
fn selection_is_restored_by_identity_and_moves_by_keys() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    assert_eq!(ex.move_selection(&catalog, Move::Down, 10), Some(1));
    assert_eq!(ex.move_selection(&catalog, Move::PageDown, 10), Some(11));
    let key = ex.state.selected.clone().unwrap();
    let (_, _, restored) = setup(ExplorerState {
        selected: Some(key),
        ..ExplorerState::default()
    });
    assert_eq!(restored.selected(), Some(11));
    let _ = index;
}

#[test]
fn a_new_query_selects_its_best_row_and_jumps_to_the_top() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    assert_eq!(ex.selected(), Some(0), "the first row is selected at start");
    assert_eq!(ex.take_scroll(), None, "the first view is not a jump");
    ex.state.query = "throttling".into();
    ex.refresh(&catalog, &index);
    let top = ex.rows()[0];
    assert_eq!(catalog.entries[top].code(), "APIG.0308");
    assert_eq!(ex.selected(), Some(top), "the best hit is selected");
    assert_eq!(ex.take_scroll(), Some(0), "one jump to the top");
    assert_eq!(ex.take_scroll(), None, "only once");
    ex.move_selection(&catalog, Move::Down, 10);
    let kept = ex.selected();
    ex.state.sort = ex.state.sort.clicked(SortColumn::Code);
    ex.refresh(&catalog, &index);
    assert_eq!(ex.selected(), kept, "sorting keeps the selection");
    assert_eq!(
        ex.take_scroll(),
        ex.selected_position(),
        "a new sort scrolls to the selection, not the top"
    );
    ex.state.query = "throttl".into();
    ex.refresh(&catalog, &index);
    assert_eq!(
        ex.selected(),
        Some(ex.rows()[0]),
        "a new query starts at its best row"
    );
}

#[test]
fn no_hits_select_nothing() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    ex.state.query = "qqqxzzv".into();
    ex.refresh(&catalog, &index);
    assert!(ex.rows().is_empty());
    assert_eq!(
        ex.selected(),
        None,
        "the detail pane does not show a row that is not there"
    );
    ex.state.query.clear();
    ex.refresh(&catalog, &index);
    assert_eq!(ex.selected(), Some(0));
}

#[test]
fn rows_matching_only_some_words_are_marked_and_counted_apart() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    ex.state.query = "backend timeout".into();
    ex.refresh(&catalog, &index);
    let rows = ex.rows().to_vec();
    let complete = ex.complete_shown();
    assert!(
        complete > 0 && complete < rows.len(),
        "{complete} of {}",
        rows.len()
    );
    assert!(rows[..complete].iter().all(|&r| !ex.is_partial(r)));
    assert!(rows[complete..].iter().all(|&r| ex.is_partial(r)));
    assert_eq!(ex.suggestion(), None);
    ex.state.query = "throtling thresholdd zzzq".into();
    ex.refresh(&catalog, &index);
    assert!(!ex.rows().is_empty(), "typos still find rows");
    ex.state.query = "bakcnd".into();
    ex.refresh(&catalog, &index);
    assert!(
        ex.rows().is_empty(),
        "two edits off a six-letter word is no match"
    );
    assert_eq!(ex.suggestion(), Some("backend"), "but it is near one");
}

#[test]
fn a_code_typed_with_a_slip_shows_its_row_and_says_which_code_it_read() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    for slipped in ["APIG.03O3", "APGI.0303", "APIG:0303"] {
        ex.state.query = slipped.into();
        ex.refresh(&catalog, &index);
        let first = ex.rows()[0];
        assert_eq!(catalog.entries[first].code(), "APIG.0303", "{slipped}");
        assert_eq!(ex.corrected_code(), Some("APIG.0303"), "{slipped}");
    }
    ex.state.query = "APIG.0303".into();
    ex.refresh(&catalog, &index);
    assert_eq!(
        ex.corrected_code(),
        None,
        "a code typed right is not corrected"
    );
}

/// A row selected under a filter keeps its selection when the filter is cleared, and
/// the table is asked to scroll to where it now is (it stayed off screen, #27).
#[test]
fn clearing_a_filter_scrolls_to_the_selected_row_where_it_now_is() {
    let (catalog, index, mut ex) = setup(ExplorerState::default());
    ex.state.filters.toggle_status(503);
    ex.refresh(&catalog, &index);
    let _ = ex.take_scroll();
    let row = *ex.rows().last().expect("a 503 row");
    ex.select(&catalog, Some(row));
    ex.state.filters = Default::default();
    ex.refresh(&catalog, &index);
    let at = ex.take_scroll().expect("a scroll after the filter went");
    assert_eq!(ex.rows()[at], row, "to the selected row");
    assert!(at > 20, "far below the top ({at}): a scroll that matters");
}
