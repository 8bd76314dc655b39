//! Facet filters (status, category, who acts, catalog) and their live counts.
//! Values within a facet are ORed, facets are ANDed.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Category, WhoActs};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub statuses: BTreeSet<u16>,
    pub(crate) categories: BTreeSet<Category>,
    pub(crate) who_acts: BTreeSet<WhoActs>,
    /// Catalog ids, so the filter survives catalogs being added or reordered.
    pub(crate) catalogs: BTreeSet<String>,
}

impl Filters {
    pub(crate) fn is_empty(&self) -> bool {
        self.statuses.is_empty()
            && self.categories.is_empty()
            && self.who_acts.is_empty()
            && self.catalogs.is_empty()
    }

    /// How many values are ticked, in every group.
    pub(crate) fn len(&self) -> usize {
        self.statuses.len() + self.categories.len() + self.who_acts.len() + self.catalogs.len()
    }

    /// The filters as flags, for checking many rows.
    pub(crate) fn compile(&self, catalog: &Catalog) -> Accept {
        let mut who = [self.who_acts.is_empty(); WhoActs::ALL.len() + 1];
        for (i, w) in WhoActs::ALL.iter().enumerate() {
            who[i] |= self.who_acts.contains(w);
        }
        Accept {
            statuses: self.statuses.iter().copied().collect(),
            categories: Category::ALL.map(|c| self.categories.contains(&c)),
            any_category: self.categories.is_empty(),
            who,
            sources: catalog
                .sources
                .iter()
                .map(|s| self.catalogs.is_empty() || self.catalogs.contains(&s.id))
                .collect(),
        }
    }

    /// The ticked values as the filter panel names them, group by group (catalog, status,
    /// category, who acts): what a status line says was cleared.
    pub(crate) fn names(&self, catalog: &Catalog) -> Vec<String> {
        let title = |id: &String| {
            catalog
                .sources
                .iter()
                .find(|s| &s.id == id)
                .map_or_else(|| id.clone(), |s| s.title.clone())
        };
        let catalogs = self.catalogs.iter().map(title);
        let statuses = self
            .statuses
            .iter()
            .map(|&s| crate::http_status::with_reason(s));
        let categories = self.categories.iter().map(|c| c.label().to_string());
        let who = self.who_acts.iter().map(|w| w.label().to_string());
        catalogs
            .chain(statuses)
            .chain(categories)
            .chain(who)
            .collect()
    }

    pub(crate) fn toggle_status(&mut self, status: u16) {
        toggle(&mut self.statuses, status);
    }

    pub(crate) fn toggle_category(&mut self, category: Category) {
        toggle(&mut self.categories, category);
    }

    pub(crate) fn toggle_who_acts(&mut self, who: WhoActs) {
        toggle(&mut self.who_acts, who);
    }

    pub(crate) fn toggle_catalog(&mut self, id: &str) {
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
pub(crate) struct FacetCounts {
    pub(crate) statuses: Vec<(u16, usize)>,
    pub(crate) categories: Vec<(Category, usize)>,
    pub(crate) who_acts: Vec<(WhoActs, usize)>,
    /// (source index, count)
    pub(crate) catalogs: Vec<(usize, usize)>,
}

impl FacetCounts {
    /// One pass over the matched rows (a sentence can match most of a 100,000-row
    /// catalog): each row counts toward each facet whose *other* facets accept it.
    pub(crate) fn count(
        catalog: &Catalog,
        facts: &[RowFacts],
        matched: &[usize],
        filters: &Filters,
    ) -> Self {
        let accept = filters.compile(catalog);
        let mut has_status = vec![false; usize::from(u16::MAX) + 1];
        let mut has_category = [false; Category::ALL.len()];
        for f in facts {
            has_status[usize::from(f.status)] = true;
            has_category[usize::from(f.category)] = true;
        }
        let mut by_status = vec![0usize; usize::from(u16::MAX) + 1];
        let mut by_category = [0usize; Category::ALL.len()];
        let mut by_who = [0usize; WhoActs::ALL.len()];
        let mut by_source = vec![0usize; catalog.sources.len()];
        for f in matched.iter().filter_map(|&r| facts.get(r)) {
            let [s, c, w, k] = accept.facets(f);
            if c && w && k {
                by_status[usize::from(f.status)] += 1;
            }
            if s && w && k {
                by_category[usize::from(f.category)] += 1;
            }
            if s && c
                && k
                && let Some(n) = by_who.get_mut(usize::from(f.who))
            {
                *n += 1;
            }
            if s && c
                && w
                && let Some(n) = by_source.get_mut(usize::from(f.source))
            {
                *n += 1;
            }
        }
        FacetCounts {
            statuses: (0..=u16::MAX)
                .filter(|&s| has_status[usize::from(s)])
                .map(|s| (s, by_status[usize::from(s)]))
                .collect(),
            categories: Category::ALL
                .into_iter()
                .zip(by_category)
                .zip(has_category)
                .filter_map(|(count, present)| present.then_some(count))
                .collect(),
            who_acts: WhoActs::ALL.into_iter().zip(by_who).collect(),
            catalogs: by_source.into_iter().enumerate().collect(),
        }
    }
}

/// What the facets read of a row, packed: filtering and counting 100,000 rows touch
/// six bytes each instead of whole entries spread over the heap.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowFacts {
    status: u16,
    /// Index into [`Category::ALL`].
    category: u8,
    /// Index into [`WhoActs::ALL`]; past its end when the catalog says nothing.
    who: u8,
    source: u16,
}

impl RowFacts {
    pub(crate) fn of(catalog: &Catalog) -> Vec<RowFacts> {
        let index_of = |found: Option<usize>, none: usize| found.unwrap_or(none) as u8;
        catalog
            .entries
            .iter()
            .map(|e| RowFacts {
                status: e.http_status,
                category: index_of(Category::ALL.iter().position(|c| *c == e.category), 0),
                who: index_of(
                    e.who_acts
                        .and_then(|w| WhoActs::ALL.iter().position(|x| *x == w)),
                    WhoActs::ALL.len(),
                ),
                source: e.source as u16,
            })
            .collect()
    }
}

/// The filters as flags per value, for a per-row check without lookups.
pub(crate) struct Accept {
    statuses: Vec<u16>,
    categories: [bool; Category::ALL.len()],
    any_category: bool,
    who: [bool; WhoActs::ALL.len() + 1],
    sources: Vec<bool>,
}

impl Accept {
    /// Whether each facet (status, category, who acts, catalog) accepts the row.
    fn facets(&self, f: &RowFacts) -> [bool; 4] {
        [
            self.statuses.is_empty() || self.statuses.contains(&f.status),
            self.any_category || self.categories[usize::from(f.category)],
            self.who.get(usize::from(f.who)).copied().unwrap_or(false),
            self.sources
                .get(usize::from(f.source))
                .copied()
                .unwrap_or(false),
        ]
    }

    pub(crate) fn accepts(&self, f: &RowFacts) -> bool {
        self.facets(f).iter().all(|ok| *ok)
    }
}
