//! The embedded catalog and its search index, built on a worker thread while eframe opens
//! the window. Opening the window keeps the main thread busy for tens of milliseconds on
//! its own; parsing and indexing meanwhile keeps both off the path to the first frame.
//! The catalog files the window will load start loading then too, rather than once the
//! window is open: a 100,000-row file is searchable that much sooner.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use super::Wake;
use super::catalogs::Loading;
use super::store::Store;
use crate::catalog::Catalog;
use crate::search::SearchIndex;

/// The embedded catalog with its index, ready to search. Built once per process and
/// shared: the loaded catalogs start from it, and it is what remains when the last
/// catalog file is removed.
#[derive(Clone)]
pub struct Embedded {
    pub catalog: Arc<Catalog>,
    pub index: Arc<SearchIndex>,
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

/// An [`Embedded`] being built on another thread, with the catalog files' load it starts.
#[derive(Debug)]
pub struct Preload(Option<JoinHandle<Preloaded>>);

/// What a [`Preload`] made: the embedded catalog, and the files' load when it began one.
pub struct Preloaded {
    pub embedded: Embedded,
    pub(super) head_start: Option<HeadStart>,
}

impl From<Embedded> for Preloaded {
    fn from(embedded: Embedded) -> Self {
        Preloaded {
            embedded,
            head_start: None,
        }
    }
}

/// Catalog files loading since before the window opened, and the slot their worker wakes.
pub(super) struct HeadStart {
    pub loading: Loading,
    pub wake: Wake,
}

impl Preload {
    /// Start building now; falls back to the calling thread if no thread can be spawned.
    pub fn start() -> Self {
        Self::start_loading(None, Vec::new())
    }

    /// [`Preload::start`], then start loading the catalog files remembered in the store of
    /// `data_dir` followed by `named` (the command line's), the list the window's session
    /// will have. The session takes that load over when its list is the same.
    pub fn start_loading(data_dir: Option<PathBuf>, named: Vec<PathBuf>) -> Self {
        let worker = std::thread::Builder::new()
            .name("catalog-preload".into())
            .spawn(move || {
                let embedded = Embedded::build();
                let mut paths = data_dir
                    .map(|dir| Store::remembered_catalogs(&dir))
                    .unwrap_or_default();
                super::add_paths(&mut paths, named);
                let head_start = (!paths.is_empty()).then(|| {
                    let wake = Wake::default();
                    let woken = wake.clone();
                    let loading = Loading::start(embedded.clone(), paths, move || woken.call());
                    HeadStart { loading, wake }
                });
                Preloaded {
                    embedded,
                    head_start,
                }
            });
        Preload(worker.ok())
    }

    /// Wait for the worker (usually long done).
    pub fn finish(self) -> Preloaded {
        self.0
            .and_then(|worker| worker.join().ok())
            .unwrap_or_else(|| Embedded::build().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preloaded_catalog_is_the_embedded_one_and_searchable() {
        let preloaded = Preload::start().finish().embedded;
        assert_eq!(
            preloaded.catalog.entries.len(),
            Catalog::embedded().entries.len()
        );
        let hits = preloaded.index.search("throttling");
        assert!(!hits.is_empty(), "the index answers a query");
    }
}
