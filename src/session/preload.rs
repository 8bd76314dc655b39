//! What the window starts from, made on worker threads while eframe opens the window
//! (tens of milliseconds of the main thread on their own): the embedded catalog and its
//! search index (`Preload`, from the first line of `main`), then the session over the
//! store (`Opening`), whose catalog files then start loading at once instead of after the
//! window is open.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use super::{Opened, SavedState, Session, Store};
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
        crate::trace::mark("embedded catalog parsed and indexed");
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
        crate::trace::mark("window starting");
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

/// What the command line asks of a window instead of, or next to, the saved state.
#[derive(Clone, Debug, Default)]
pub(crate) struct Overrides {
    /// Start with this query instead of the saved one.
    pub(crate) query: Option<String>,
    /// Catalog files to load (and remember) in addition to the saved ones.
    pub(crate) catalogs: Vec<PathBuf>,
    /// The team folder for this window (`--team`, `APIG_EXPLORER_TEAM`) instead of the
    /// remembered one.
    pub(crate) team: Option<PathBuf>,
}

impl Overrides {
    /// `state` as this window starts with it.
    pub(crate) fn apply(self, state: &mut SavedState) {
        if let Some(q) = self.query {
            state.explorer.query = q;
        }
        for path in self.catalogs {
            if !state.catalog_paths.contains(&path) {
                state.catalog_paths.push(path);
            }
        }
        // For this window only: File > Team folder... is what is remembered.
        if let Some(team) = self.team {
            state.team_dir = Some(team);
        }
    }
}

/// The window's session being opened on a worker while eframe opens the window: the
/// store read, the catalog files' load started (see `Loading`).
pub(crate) struct Opening {
    worker: Option<JoinHandle<Early>>,
    overrides: Overrides,
}

/// What the worker could open before the window.
pub(crate) enum Early {
    /// The session, its catalog files loading.
    Session(Box<Session>),
    /// No store holding data yet (a first start, or one after an earlier version, whose
    /// state eframe kept: only the window can read it), or no worker: the window opens
    /// the store over this embedded catalog, with these overrides.
    Later(Embedded, Overrides),
}

impl Opening {
    /// Open the session in `data_dir` (None: in memory only) on a worker once `preload`
    /// is built (None: built there); falls back to the window if no thread can be
    /// spawned.
    pub(crate) fn start(
        preload: Option<Preload>,
        data_dir: Option<PathBuf>,
        overrides: Overrides,
    ) -> Self {
        let given = overrides.clone();
        let worker = std::thread::Builder::new()
            .name("session-open".into())
            .spawn(move || {
                let embedded = preload.map_or_else(Embedded::build, Preload::finish);
                let early = Self::open(embedded, data_dir, given);
                crate::trace::mark("session opened");
                early
            });
        match worker {
            Ok(worker) => Opening {
                worker: Some(worker),
                overrides,
            },
            Err(_) => Opening {
                worker: None,
                overrides,
            },
        }
    }

    fn open(embedded: Embedded, data_dir: Option<PathBuf>, overrides: Overrides) -> Early {
        let Some(dir) = data_dir else {
            let mut state = SavedState::default();
            overrides.apply(&mut state);
            return Early::Session(Box::new(Session::new(state, embedded)));
        };
        match Store::open_existing(&dir) {
            Some(mut opened) => {
                let Opened { contents, .. } = &mut opened;
                overrides.apply(&mut contents.state);
                let s = Session::from_store(opened, embedded);
                Early::Session(Box::new(s))
            }
            None => Early::Later(embedded, overrides),
        }
    }

    /// Wait for the worker (usually done by the time the window asks).
    pub(crate) fn finish(self) -> Early {
        self.worker
            .and_then(|worker| worker.join().ok())
            .unwrap_or_else(|| Early::Later(Embedded::build(), self.overrides))
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
