//! The catalogs part: the embedded catalog and the engineer's files, loaded on a worker
//! (`Loading`, from the moment the session is opened, while the window opens), then
//! swapped for the rows read back from the cache the worker wrote (`Caching`, held back
//! until the window's first frame is on screen by `Gate`). It owns
//! nothing else; when new catalogs are in, the session tells the explorer and the paste
//! desk (see [`Session::installed`]), and the list of files is remembered through the
//! casebook's store.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::catalogs::{Caching, Gate};
use super::{Catalogs, Loading, Outcome, Session};
use crate::catalog::Catalog;
use crate::search::SearchIndex;
use crate::task::{Priority, Tasks};

/// What the engineer does with catalog files (the Catalogs window, `--catalog`).
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogAction {
    /// Load (and remember) another catalog file; problems are shown, never fatal.
    AddCatalog(PathBuf),
    /// Forget a catalog file and load the rest again.
    RemoveCatalog(PathBuf),
}

/// The loaded catalogs and the work that brings new ones in.
pub struct Library {
    catalogs: Catalogs,
    /// Catalog files being loaded on a worker.
    loading: Option<Loading>,
    /// Opened when the window's first frame is on screen; cache writes and the team
    /// folder's read wait for it.
    shown: Gate,
    /// A finished load's worker writing the catalog cache, with the generation of the
    /// catalogs it loaded.
    caching: Option<(Caching, u64)>,
    /// The team folder's catalog files with their modification times as last read:
    /// loaded after the engineer's, never remembered as theirs.
    team_files: Vec<(PathBuf, Option<std::time::SystemTime>)>,
}

/// What a look at the loading worker found.
enum Polled {
    Nothing,
    /// New catalogs are in use.
    Installed,
    /// Something the engineer must hear about (a slow or failed load).
    Notice(String),
}

impl Library {
    pub(super) fn new(catalogs: Catalogs) -> Self {
        Library {
            catalogs,
            loading: None,
            shown: Gate::default(),
            caching: None,
            team_files: Vec::new(),
        }
    }

    /// The loaded catalogs, their index, files and load problems.
    pub fn catalogs(&self) -> &Catalogs {
        &self.catalogs
    }

    /// Every loaded row.
    pub(crate) fn catalog(&self) -> &Catalog {
        &self.catalogs.catalog
    }

    /// The catalog, shared with a worker (an analysis, a hand-off's history entry).
    pub(super) fn shared_catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.catalogs.catalog)
    }

    /// The search index of every loaded row.
    pub(crate) fn index(&self) -> &SearchIndex {
        &self.catalogs.index
    }

    /// The gate work waits on until the first frame is shown.
    pub(super) fn shown(&self) -> &Gate {
        &self.shown
    }

    /// The files being loaded, if any.
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Load the remembered catalog files on a task (none: nothing to do). A load or
    /// cache write of an earlier list is cancelled.
    fn load(&mut self, tasks: &Tasks) {
        let mut paths = self.catalogs.paths.clone();
        for (file, _) in &self.team_files {
            if !paths.contains(file) {
                paths.push(file.clone());
            }
        }
        self.caching = None;
        self.loading = (!paths.is_empty()).then(|| {
            let embedded = self.catalogs.embedded.clone();
            Loading::start(embedded, paths, &self.shown, tasks)
        });
    }

    fn poll(&mut self, tasks: &Tasks) -> Polled {
        let Some(loading) = &mut self.loading else {
            return Polled::Nothing;
        };
        match loading.poll(tasks) {
            Ok(Some((catalogs, caching))) => {
                crate::trace::mark("load taken");
                self.loading = None;
                self.install(catalogs);
                self.caching = caching.map(|c| (c, self.catalogs.generation));
                Polled::Installed
            }
            Ok(None) | Err(None) => Polled::Nothing,
            Err(Some(notice)) => Polled::Notice(notice),
        }
    }

    /// The rows just loaded, as read back from the cache written for them: the same rows
    /// in the same order (nothing that refers to a row changes), their text in the
    /// cache's map instead of the heap. A newer load since then keeps its own.
    fn poll_caching(&mut self, tasks: &Tasks) {
        let Some((caching, generation)) = &mut self.caching else {
            return;
        };
        let Some(mapped) = caching.poll() else {
            return;
        };
        let current = &self.catalogs.catalog;
        let same_load = *generation == self.catalogs.generation
            && mapped.entries.len() == current.entries.len()
            && mapped.sources == current.sources;
        if same_load {
            let parsed = std::mem::replace(&mut self.catalogs.catalog, mapped);
            // Freeing 100,000 parsed rows and handing the pages back takes a while: not on
            // the window's thread (unless no thread can be started; then they go here).
            tasks.run("catalog-free", Priority::Low, move |_| {
                drop(parsed);
                crate::memory::release_freed();
            });
        }
    }

    /// Use freshly loaded catalogs, one generation on.
    fn install(&mut self, mut catalogs: Catalogs) {
        catalogs.generation = self.catalogs.generation + 1;
        // The team's files are the folder's, not the engineer's list.
        let team = &self.team_files;
        catalogs.paths.retain(|p| !team.iter().any(|(t, _)| t == p));
        self.catalogs = catalogs;
    }
}

impl Session {
    /// The catalog files, as the engineer changes them. Touches the casebook (the list
    /// of files is remembered), and through [`Session::installed`] the explorer and desk.
    pub(super) fn apply_catalog(&mut self, action: CatalogAction) -> Outcome {
        match action {
            CatalogAction::AddCatalog(path) => self.add_catalog(path),
            CatalogAction::RemoveCatalog(path) => self.remove_catalog(&path),
        }
    }

    fn add_catalog(&mut self, path: PathBuf) -> Outcome {
        if self.library.catalogs.paths.contains(&path) {
            return Outcome::said(format!("{} is already loaded", path.display()));
        }
        self.library.catalogs.paths.push(path);
        self.catalogs_changed();
        Outcome::default()
    }

    fn remove_catalog(&mut self, path: &Path) -> Outcome {
        if !self.library.catalogs.paths.iter().any(|p| p == path) {
            return Outcome::said(format!("{} was not loaded", path.display()));
        }
        self.library.catalogs.paths.retain(|p| p != path);
        self.catalogs_changed();
        Outcome::default()
    }

    /// Remember the catalog files and load them again, on a worker.
    fn catalogs_changed(&mut self) {
        let paths = self.library.catalogs.paths.clone();
        let remembered = paths.clone();
        self.casebook
            .persist_latest("catalogs", move |s| s.set_catalogs(&remembered));
        if paths.is_empty() && self.library.team_files.is_empty() {
            self.library.loading = None;
            let embedded = self.library.catalogs.embedded.clone();
            self.library.install(Catalogs::new(embedded, paths));
            self.installed();
        } else {
            self.load_catalogs();
        }
    }

    /// The team folder's catalog files as a read found them: when the list or a file's
    /// modification time changed, the catalogs are loaded again with them.
    pub(super) fn set_team_catalogs(&mut self, files: &[PathBuf]) {
        let stamped: Vec<(PathBuf, Option<std::time::SystemTime>)> = files
            .iter()
            .map(|p| {
                let modified = std::fs::metadata(p).and_then(|m| m.modified()).ok();
                (p.clone(), modified)
            })
            .collect();
        if stamped == self.library.team_files {
            return;
        }
        self.library.team_files = stamped;
        if self.library.catalogs.paths.is_empty() && self.library.team_files.is_empty() {
            self.library.loading = None;
            let embedded = self.library.catalogs.embedded.clone();
            self.library.install(Catalogs::new(embedded, Vec::new()));
            self.installed();
        } else {
            self.load_catalogs();
        }
    }

    /// Load the remembered catalog files on a worker (none: nothing to do).
    pub(super) fn load_catalogs(&mut self) {
        self.library.load(&self.tasks);
    }

    /// Take a finished load, then a finished cache write.
    pub(super) fn poll_library(&mut self) {
        match self.library.poll(&self.tasks) {
            Polled::Nothing => {}
            Polled::Installed => {
                self.installed();
                crate::trace::mark("load installed");
            }
            Polled::Notice(notice) => self.casebook.notice(notice),
        }
        self.library.poll_caching(&self.tasks);
    }

    /// New catalogs are in use: their problems are shown, the selection follows its row
    /// by identity, and the paste is matched against the new rows.
    fn installed(&mut self) {
        for problem in self.library.catalogs.problems.clone() {
            self.casebook.notice(problem);
        }
        // A new index has no team part yet.
        self.team_to_index();
        let catalogs = &self.library.catalogs;
        self.explorer
            .catalog_changed(&catalogs.catalog, &catalogs.index);
        self.desk
            .reanalyze(&catalogs.catalog, &catalogs.index, &self.tasks);
    }

    /// The window's first frame is on screen: the catalog cache may be written now.
    pub(crate) fn window_shown(&self) {
        self.library.shown.open();
    }

    /// Wait until the catalog files are loaded.
    #[cfg(test)]
    pub(crate) fn finish_loading(&mut self) {
        self.library.shown.open();
        if let Some(catalogs) = self.library.loading.take().and_then(Loading::wait) {
            self.library.install(catalogs);
            self.installed();
        }
    }

    /// Let the catalog cache finish being written (the window closing), so the next
    /// start reads it instead of parsing the files again.
    pub(crate) fn finish_caching(&mut self) {
        if let Some((caching, _)) = self.library.caching.take() {
            caching.finish();
        }
    }
}
