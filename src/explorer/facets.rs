//! Facet filters (status, category, who acts, catalog) and their live counts.
//! Values within a facet are ORed, facets are ANDed.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Category, Entry, WhoActs};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub statuses: BTreeSet<u16>,
    pub categories: BTreeSet<Category>,
    pub who_acts: BTreeSet<WhoActs>,
    /// Catalog ids, so the filter survives catalogs being added or reordered.
    pub catalogs: BTreeSet<String>,
}

/// One of the four facets, to count a facet while ignoring its own selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facet {
    Status,
    Category,
    WhoActs,
    Catalog,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty()
            && self.categories.is_empty()
            && self.who_acts.is_empty()
            && self.catalogs.is_empty()
    }

    pub fn accepts(&self, catalog: &Catalog, e: &Entry) -> bool {
        self.accepts_except(catalog, e, None)
    }

    fn accepts_except(&self, catalog: &Catalog, e: &Entry, skip: Option<Facet>) -> bool {
        let ok = |facet: Facet, empty: bool, hit: bool| skip == Some(facet) || empty || hit;
        ok(
            Facet::Status,
            self.statuses.is_empty(),
            self.statuses.contains(&e.http_status),
        ) && ok(
            Facet::Category,
            self.categories.is_empty(),
            self.categories.contains(&e.category),
        ) && ok(
            Facet::WhoActs,
            self.who_acts.is_empty(),
            e.who_acts.is_some_and(|w| self.who_acts.contains(&w)),
        ) && ok(
            Facet::Catalog,
            self.catalogs.is_empty(),
            self.catalogs.contains(&catalog.source_of(e).id),
        )
    }

    pub fn toggle_status(&mut self, status: u16) {
        toggle(&mut self.statuses, status);
    }

    pub fn toggle_category(&mut self, category: Category) {
        toggle(&mut self.categories, category);
    }

    pub fn toggle_who_acts(&mut self, who: WhoActs) {
        toggle(&mut self.who_acts, who);
    }

    pub fn toggle_catalog(&mut self, id: &str) {
        toggle(&mut self.catalogs, id.to_string());
    }
}

fn toggle<T: Ord>(set: &mut BTreeSet<T>, value: T) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

/// How many rows each facet value would show: rows matching the query and every *other*
/// facet, so ticking a second value of the same facet shows what it would add.
/// Every value present in the catalog is listed, even at zero, so a ticked value never
/// disappears from under the pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub statuses: Vec<(u16, usize)>,
    pub categories: Vec<(Category, usize)>,
    pub who_acts: Vec<(WhoActs, usize)>,
    /// (source index, count)
    pub catalogs: Vec<(usize, usize)>,
}

impl FacetCounts {
    pub fn count(catalog: &Catalog, matched: &[usize], filters: &Filters) -> Self {
        let mut statuses: Vec<u16> = catalog.entries.iter().map(|e| e.http_status).collect();
        statuses.sort_unstable();
        statuses.dedup();
        let count_where = |facet: Facet, pred: &dyn Fn(&Entry) -> bool| {
            matched
                .iter()
                .map(|&r| &catalog.entries[r])
                .filter(|e| filters.accepts_except(catalog, e, Some(facet)) && pred(e))
                .count()
        };
        FacetCounts {
            statuses: statuses
                .into_iter()
                .map(|s| (s, count_where(Facet::Status, &|e| e.http_status == s)))
                .collect(),
            categories: Category::ALL
                .into_iter()
                .filter(|c| catalog.entries.iter().any(|e| e.category == *c))
                .map(|c| (c, count_where(Facet::Category, &|e| e.category == c)))
                .collect(),
            who_acts: WhoActs::ALL
                .into_iter()
                .map(|w| (w, count_where(Facet::WhoActs, &|e| e.who_acts == Some(w))))
                .collect(),
            catalogs: (0..catalog.sources.len())
                .map(|s| (s, count_where(Facet::Catalog, &|e| e.source == s)))
                .collect(),
        }
    }
}
