//! The embedded catalog and its search index, built on a worker thread while eframe opens
//! the window. Opening the window keeps the main thread busy for tens of milliseconds on
//! its own; parsing and indexing meanwhile keeps both off the path to the first frame.

use std::sync::Arc;
use std::thread::JoinHandle;

use crate::catalog::Catalog;
use crate::search::SearchIndex;

/// The embedded catalog with its index, ready to search. Built once per process and
/// shared: the loaded catalogs start from it, and it is what remains when the last
/// catalog file is removed.
#[derive(Clone)]
pub struct Embedded {
    /// The embedded catalog.
    pub(crate) catalog: Arc<Catalog>,
    /// Its search index.
    pub(crate) index: Arc<SearchIndex>,
}

impl Embedded {
    /// Parse and index on the calling thread.
    pub fn build() -> Self {
        let catalog = Catalog::embedded();
        let index = SearchIndex::new(&catalog);
        Embedded {
            catalog: Arc::new(catalog),
            index: Arc::new(index),
        }
    }
}

/// An [`Embedded`] being built on another thread.
#[derive(Debug)]
pub struct Preload(Option<JoinHandle<Embedded>>);

impl Preload {
    /// Start building now; falls back to the calling thread if no thread can be spawned.
    pub fn start() -> Self {
        let worker = std::thread::Builder::new()
            .name("catalog-preload".into())
            .spawn(Embedded::build);
        Preload(worker.ok())
    }

    /// Wait for the worker (usually long done).
    pub(crate) fn finish(self) -> Embedded {
        self.0
            .and_then(|worker| worker.join().ok())
            .unwrap_or_else(Embedded::build)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preloaded_catalog_is_the_embedded_one_and_searchable() {
        let preloaded = Preload::start().finish();
        assert_eq!(
            preloaded.catalog.entries.len(),
            Catalog::embedded().entries.len()
        );
        let hits = preloaded.index.search("throttling");
        assert!(!hits.is_empty(), "the index answers a query");
    }
}
