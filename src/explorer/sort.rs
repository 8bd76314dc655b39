//! Sorting the visible rows by a table column. No column means relevance order.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    /// The code.
    Code,
    /// The HTTP status.
    Status,
    /// The message.
    Message,
    /// The category.
    Category,
    /// The catalog.
    Catalog,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sort {
    pub column: Option<SortColumn>,
    pub(crate) descending: bool,
}

impl Sort {
    /// A header click: a new column sorts ascending, the same column reverses, and a
    /// third click returns to relevance order.
    pub(crate) fn clicked(self, column: SortColumn) -> Sort {
        match self.column {
            Some(c) if c == column && !self.descending => Sort {
                column: Some(c),
                descending: true,
            },
            Some(c) if c == column => Sort::default(),
            _ => Sort {
                column: Some(column),
                descending: false,
            },
        }
    }

    /// Stable sort, so equal keys keep relevance order.
    pub(crate) fn apply(self, catalog: &Catalog, rows: &mut [usize]) {
        let Some(column) = self.column else {
            return;
        };
        let e = |r: usize| &catalog.entries[r];
        match column {
            SortColumn::Code => rows.sort_by(|&a, &b| e(a).code().cmp(e(b).code())),
            SortColumn::Status => rows.sort_by_key(|&r| e(r).http_status),
            SortColumn::Message => rows.sort_by_cached_key(|&r| e(r).message().to_lowercase()),
            SortColumn::Category => rows.sort_by_key(|&r| e(r).category.label()),
            SortColumn::Catalog => rows.sort_by_key(|&r| &catalog.sources[e(r).source].title),
        }
        if self.descending {
            rows.reverse();
        }
    }
}
