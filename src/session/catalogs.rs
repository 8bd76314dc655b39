//! The loaded catalogs: the embedded one plus the files the engineer added, their search
//! index, and what went wrong with the files. One place assembles them, for the window
//! and the command line alike.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::preload::Embedded;
use crate::cache;
use crate::catalog::{Catalog, MergeError};
use crate::import::{LoadError, Stamp, load_file_reporting};
use crate::search::SearchIndex;
use crate::task::{Cancel, Lost, Priority, Task, Tasks};

/// Why a catalog file could not join the loaded catalogs.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{}: {source}", path.display())]
    Merge { path: PathBuf, source: MergeError },
}

/// The embedded catalog plus `files`, stopping at the first file that fails (the CLI:
/// a typo in a path must not print results from fewer catalogs). Import notes are
/// returned with the file they concern.
pub(crate) fn load_strict(files: &[PathBuf]) -> Result<(Catalog, Vec<String>), AddError> {
    let (catalog, notes, _) = add_strict(Catalog::embedded(), files)?;
    Ok((catalog, notes))
}

/// `catalog` plus `files`, stopping at the first file that fails; with the files'
/// import notes and stamps.
fn add_strict(mut catalog: Catalog, files: &[PathBuf]) -> Result<Added, AddError> {
    let (mut notes, mut stamps) = (Vec::new(), Vec::new());
    for path in files {
        let (said, stamp) = add_file_reporting(&mut catalog, path, &mut |_| {})?;
        notes.extend(said);
        stamps.push(stamp);
    }
    Ok((catalog, notes, stamps))
}

/// Catalogs with files added: the rows, the import notes, and each file's stamp as read.
type Added = (Catalog, Vec<String>, Vec<Option<Stamp>>);

/// The embedded catalog plus `files` with its search index, as [`load_indexed`] gives it.
pub struct Indexed {
    /// The embedded catalog plus the files.
    pub catalog: Catalog,
    /// Its search index.
    pub index: SearchIndex,
    /// What the import said about each file.
    pub notes: Vec<String>,
    /// Read from the catalog cache rather than parsed and indexed.
    pub from_cache: bool,
}

/// `load_strict` with the search index, from the catalog cache in `cache_dir` when it
/// holds these files as they are now; else parsed and indexed, and the cache written for
/// next time. No directory: no cache.
pub fn load_indexed(cache_dir: Option<&Path>, files: &[PathBuf]) -> Result<Indexed, AddError> {
    let cached = cache_dir.filter(|_| !files.is_empty());
    let embedded = Catalog::embedded();
    if let Some(hit) = cached.and_then(|dir| cache::read(dir, files, &embedded)) {
        return Ok(Indexed {
            catalog: hit.catalog,
            index: hit.index,
            notes: hit.notes,
            from_cache: true,
        });
    }
    let (catalog, notes, stamps) = add_strict(embedded.clone(), files)?;
    let index = SearchIndex::new(&catalog);
    if let Some(dir) = cached {
        // A cache that cannot be written only costs the next start its speed.
        let _ = cache::write(dir, files, &stamps, &embedded, &catalog, &index, &notes);
    }
    Ok(Indexed {
        catalog,
        index,
        notes,
        from_cache: false,
    })
}

/// Where the catalog cache lives: `$XDG_CACHE_HOME/apig-explorer`, else
/// `~/.cache/apig-explorer`.
pub fn cache_dir() -> Option<PathBuf> {
    cache::dir()
}

/// `path` added to `catalog`: the file's import notes, and its stamp as read.
fn add_file_reporting(
    catalog: &mut Catalog,
    path: &Path,
    percent: &mut dyn FnMut(u8),
) -> Result<(Vec<String>, Option<Stamp>), AddError> {
    let loaded = load_file_reporting(path, percent)?;
    crate::trace::mark("rows made");
    catalog
        .merge(loaded.catalog)
        .map_err(|source| AddError::Merge {
            path: path.to_path_buf(),
            source,
        })?;
    let name = path.display();
    let notes = loaded.notes.iter().map(|n| format!("{name}: {n}"));
    Ok((notes.collect(), loaded.stamp))
}

/// The catalogs a window works with, shared cheaply with background analysis.
pub struct Catalogs {
    /// Every loaded row.
    pub(crate) catalog: Arc<Catalog>,
    /// Their search index.
    pub(crate) index: Arc<SearchIndex>,
    /// The embedded catalog alone, which every load starts from.
    pub(crate) embedded: Embedded,
    /// Catalog files added by the engineer, in the order they were added.
    pub(crate) paths: Vec<PathBuf>,
    /// What went wrong loading the files (shown until fixed or removed).
    pub problems: Vec<String>,
    /// Notes on the imports (columns kept as extra fields).
    pub(crate) notes: Vec<String>,
    /// Rows per catalog source, counted once per load rather than per frame.
    pub(crate) source_rows: Vec<usize>,
    /// Counts reloads: row numbers of one generation mean nothing in another, so caches
    /// keyed by row keep the generation they were made for.
    pub(crate) generation: u64,
}

/// Writing freshly parsed catalogs to the cache, or the text of catalogs read from it to
/// a private map: done after the window has them. Gives the same rows with their text
/// in that map, not the heap.
type CacheWrite = Box<dyn FnOnce() -> Option<Arc<Catalog>> + Send>;

/// The cache being written for a finished load (a task of its own, started once the
/// window has the rows), then the rows read back from it: the same rows in the same
/// order, which take a fraction of the memory.
pub(crate) struct Caching(Task<Option<Arc<Catalog>>>);

impl Caching {
    /// Write the cache on a low-priority task. Cancelled (dropped) before it starts
    /// writing, it writes nothing; once writing, it finishes (the file is written aside
    /// and renamed, so a cut write leaves no half file either).
    fn start(write: CacheWrite, shown: &Gate, tasks: &Tasks) -> Self {
        Caching(
            shown.spawn_after(tasks, "catalog-cache", Priority::Low, move |cancel| {
                // The load's scratch memory goes back now that the window has the rows.
                crate::memory::release_freed();
                if cancel.is_cancelled() {
                    return None;
                }
                write()
            }),
        )
    }

    /// The rows read back from the cache, once.
    pub(crate) fn poll(&mut self) -> Option<Arc<Catalog>> {
        self.0.try_take()?.ok().flatten()
    }

    /// Let the cache finish being written (the window closing).
    pub(crate) fn finish(mut self) {
        let _ = self.0.wait(Duration::MAX);
    }
}

/// How far a load on its task has come: the window's progress line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    /// The file being read, by name (empty before the first).
    pub(crate) file: String,
    pub(crate) stage: Stage,
    /// Rows read so far, the embedded catalog's included.
    pub(crate) rows: usize,
    /// Of the file being read, or of the rows being indexed; None when not known (a
    /// small TOML file is parsed in one go).
    pub(crate) percent: Option<u8>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Stage {
    #[default]
    Starting,
    /// Looking for the files in the catalog cache.
    Cache,
    Reading,
    Indexing,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.stage {
            Stage::Starting => "starting",
            Stage::Cache => "reading the cache",
            Stage::Reading => "reading",
            Stage::Indexing => "indexing",
        };
        let rows = crate::wording::count_of(self.rows, "row");
        write!(f, "{}: {what}, {rows}", self.file)?;
        match self.percent {
            Some(p) => write!(f, ", {p} %"),
            None => Ok(()),
        }
    }
}

/// Opened once the window's first frame is on screen. Work that can wait for it does
/// (the catalog cache's write, tens of megabytes; the team folder's read), so it does not
/// take the CPU and disk the first frame is drawn with; the catalog load itself does not
/// wait (see [`Loading::start`]). Half a second at most: a window that draws no frame
/// (minimized at start) still gets it done.
#[derive(Clone)]
pub(crate) struct Gate {
    open: Arc<(Mutex<bool>, Condvar)>,
    at_most: Duration,
}

impl Default for Gate {
    fn default() -> Self {
        Gate::closed_for(Duration::from_millis(500))
    }
}

impl Gate {
    /// A closed gate that loads wait on for `at_most`.
    pub(crate) fn closed_for(at_most: Duration) -> Self {
        Gate {
            open: Arc::default(),
            at_most,
        }
    }

    /// A gate already open: loads that no first frame waits on.
    #[cfg(test)]
    pub(crate) fn opened() -> Self {
        let gate = Gate::default();
        gate.open();
        gate
    }

    pub(crate) fn open(&self) {
        let (open, changed) = &*self.open;
        if let Ok(mut open) = open.lock()
            && !*open
        {
            *open = true;
            changed.notify_all();
        }
    }

    /// `work` on a task that starts once the gate opens (the team folder's load: the
    /// first frame does not wait for it).
    pub(super) fn spawn_after<T: Send + 'static>(
        &self,
        tasks: &Tasks,
        name: &'static str,
        priority: Priority,
        work: impl FnOnce(&Cancel) -> T + Send + 'static,
    ) -> Task<T> {
        let gate = self.clone();
        tasks.spawn(name, priority, move |cancel| {
            gate.wait();
            work(cancel)
        })
    }

    fn wait(&self) {
        let (open, changed) = &*self.open;
        if let Ok(guard) = open.lock() {
            let _ = changed.wait_timeout_while(guard, self.at_most, |open| !*open);
        }
    }
}

/// Catalog files being loaded on a task, so a big file, a FIFO or a hung network
/// mount never keeps the window from drawing. Dropping it (a newer list of files)
/// cancels the load between files.
pub struct Loading {
    progress: Arc<Mutex<Progress>>,
    stage: LoadStage,
    /// The files are parsed, and the cache written, once the first frame is on screen.
    shown: Gate,
    tasks: Tasks,
    started: Instant,
    pub(crate) paths: Vec<PathBuf>,
    /// The "still loading" notice was given.
    told: bool,
}

/// After this long, the engineer is told which files are still loading.
const SLOW_LOAD: Duration = Duration::from_secs(5);

/// A load looks for its files in the catalog cache first, then parses what it did not
/// find there.
enum LoadStage {
    Looking(Task<Looked>),
    Parsing(Task<Loaded>),
}

/// What the look in the catalog cache found.
enum Looked {
    /// The catalogs, with the move of their text to a private map still to do.
    Cached(Catalogs, CacheWrite),
    /// The files are not in the cache (or there is no cache): they are to be parsed.
    Missed(Embedded, Vec<PathBuf>),
}

/// What a load gives the window: the catalogs, and the cache's work left for once the
/// window has them.
type Loaded = (Catalogs, Option<CacheWrite>);

impl Loading {
    /// Load `embedded` plus `paths` on tasks of `tasks`. The catalog cache is read at
    /// once, at the lowest priority: started with the window, it reads while eframe opens
    /// the window, and its rows are searchable soon after the first frame (the lower
    /// priority keeps the window's own threads first). Files the cache does not hold are
    /// parsed and indexed once `shown` opens (the first frame is on screen), at normal
    /// priority: that is about a second of CPU on two threads, which at the lowest
    /// priority waited behind every other program's work. The front end has the catalogs
    /// as soon as they are indexed; the cache is written after that ([`Loading::poll`]
    /// gives the write to start).
    pub(crate) fn start(
        embedded: Embedded,
        paths: Vec<PathBuf>,
        shown: &Gate,
        tasks: &Tasks,
    ) -> Self {
        let worker_paths = paths.clone();
        let progress = Arc::new(Mutex::new(Progress::default()));
        let mut report = reporter(&progress);
        let task = tasks.spawn("catalog-load", Priority::Low, move |_| {
            crate::trace::mark("load started");
            let dir = cache::dir();
            Catalogs::look_up(embedded, worker_paths, dir.as_deref(), &mut report)
        });
        Loading {
            progress,
            stage: LoadStage::Looking(task),
            shown: shown.clone(),
            tasks: tasks.clone(),
            started: Instant::now(),
            paths,
            told: false,
        }
    }

    /// The files the cache did not hold, parsed and indexed on a task of normal priority
    /// once the first frame is on screen.
    fn parse(&self, embedded: Embedded, paths: Vec<PathBuf>) -> Task<Loaded> {
        let mut report = reporter(&self.progress);
        let work = move |cancel: &Cancel| {
            crate::trace::mark("parse starts");
            let dir = cache::dir();
            Catalogs::parse(embedded, paths, dir.as_deref(), &mut report, cancel)
        };
        let shown = &self.shown;
        shown.spawn_after(&self.tasks, "catalog-parse", Priority::Normal, work)
    }

    /// The load's result once there: from the cache, or parsed (a look in the cache
    /// that missed starts the parse).
    fn try_take(&mut self) -> Option<Result<Loaded, Lost>> {
        match &mut self.stage {
            LoadStage::Looking(task) => match task.try_take()? {
                Ok(Looked::Cached(catalogs, own_map)) => Some(Ok((catalogs, Some(own_map)))),
                Ok(Looked::Missed(embedded, paths)) => {
                    self.stage = LoadStage::Parsing(self.parse(embedded, paths));
                    None
                }
                Err(Lost) => Some(Err(Lost)),
            },
            LoadStage::Parsing(task) => task.try_take(),
        }
    }

    /// The loaded catalogs when ready, with the cache write started on `tasks`; Err
    /// with a notice when slow (said once), or when the load died.
    pub(crate) fn poll(
        &mut self,
        tasks: &Tasks,
    ) -> Result<Option<(Catalogs, Option<Caching>)>, Option<String>> {
        match self.try_take() {
            // The analysis's index of the rows is made on the low-priority task that
            // follows, not by the first paste analyzed (a second with 100,000 rows). Made
            // before the cache is written: the rows read back from it keep it.
            Some(Ok((catalogs, Some(write)))) => {
                let rows = Arc::clone(&catalogs.catalog);
                let write: CacheWrite = Box::new(move || {
                    crate::trace::mark("analysis index starts");
                    crate::analysis::prepare_analysis(&rows);
                    crate::trace::mark("analysis index made");
                    let read_back = write();
                    crate::trace::mark("cache written and read back");
                    read_back
                });
                Ok(Some((
                    catalogs,
                    Some(Caching::start(write, &self.shown, tasks)),
                )))
            }
            Some(Ok((catalogs, None))) => {
                let rows = Arc::clone(&catalogs.catalog);
                tasks.run("analysis-index", Priority::Low, move |_| {
                    // The load's scratch memory goes back now that the window has the rows,
                    // then the analysis's index of them is made.
                    crate::memory::release_freed();
                    crate::analysis::prepare_analysis(&rows);
                });
                Ok(Some((catalogs, None)))
            }
            None if !self.told && self.started.elapsed() > SLOW_LOAD => {
                self.told = true;
                Err(Some(format!(
                    "Still loading {} after {} s; the app works with the catalogs already loaded meanwhile.",
                    self.names(),
                    self.started.elapsed().as_secs()
                )))
            }
            None => Ok(None),
            Some(Err(Lost)) => Err(Some(format!(
                "Loading {} stopped unexpectedly; remove the file or try again.",
                self.names()
            ))),
        }
    }

    /// Wait for the result; the cache is not written.
    #[cfg(test)]
    pub(crate) fn wait(mut self) -> Option<Catalogs> {
        if let LoadStage::Looking(task) = &mut self.stage {
            match task.wait(Duration::MAX)?.ok()? {
                Looked::Cached(catalogs, _) => return Some(catalogs),
                Looked::Missed(embedded, paths) => {
                    self.stage = LoadStage::Parsing(self.parse(embedded, paths));
                }
            }
        }
        match &mut self.stage {
            LoadStage::Parsing(task) => task.wait(Duration::MAX)?.ok().map(|(c, _)| c),
            LoadStage::Looking(_) => None,
        }
    }

    /// A look at the parse, once the look in the cache has missed (tests of a load that
    /// is parsed).
    #[cfg(test)]
    fn parsing(&mut self) -> crate::task::Peek<Loaded> {
        if let LoadStage::Looking(task) = &mut self.stage
            && let Some(Ok(Looked::Missed(embedded, paths))) = task.wait(Duration::MAX)
        {
            self.stage = LoadStage::Parsing(self.parse(embedded, paths));
        }
        match &self.stage {
            LoadStage::Parsing(task) => task.peek(),
            LoadStage::Looking(_) => panic!("the files were found in the cache"),
        }
    }

    /// How far the load has come.
    pub(crate) fn progress(&self) -> Progress {
        self.progress.lock().map(|p| p.clone()).unwrap_or_default()
    }

    pub(crate) fn names(&self) -> String {
        self.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A path's file name, as the progress line shows it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// A load's way of saying how far it has come, into `progress`.
fn reporter(progress: &Arc<Mutex<Progress>>) -> impl FnMut(Progress) + Send + 'static {
    let shared = Arc::clone(progress);
    move |p: Progress| {
        if let Ok(mut now) = shared.lock() {
            *now = p;
        }
    }
}

impl Catalogs {
    /// The embedded catalog, remembering `paths` (loaded separately, see `Loading`).
    pub(crate) fn new(embedded: Embedded, paths: Vec<PathBuf>) -> Self {
        let (catalog, index) = (Arc::clone(&embedded.catalog), Arc::clone(&embedded.index));
        Self::from_parts(embedded, catalog, index, paths, vec![], vec![])
    }

    /// A catalog built elsewhere, indexed here (benchmarks of a 100,000-row catalog).
    pub fn of(catalog: Catalog) -> Self {
        let index = Arc::new(SearchIndex::new(&catalog));
        let embedded = Embedded::build();
        Self::from_parts(embedded, Arc::new(catalog), index, vec![], vec![], vec![])
    }

    /// The embedded catalog plus every loadable file of `paths` (what failed is kept in
    /// `problems`), from the cache in `cache_dir` when it has them, saying how far it has
    /// come. Parsed files come with the cache write still to do, for once the catalogs
    /// are in use.
    #[cfg(test)]
    fn assemble_reporting(
        embedded: Embedded,
        paths: Vec<PathBuf>,
        cache_dir: Option<&Path>,
        report: &mut dyn FnMut(Progress),
        cancel: &Cancel,
    ) -> Loaded {
        match Self::look_up(embedded, paths, cache_dir, report) {
            Looked::Cached(catalogs, own_map) => (catalogs, Some(own_map)),
            Looked::Missed(embedded, paths) => {
                Self::parse(embedded, paths, cache_dir, report, cancel)
            }
        }
    }

    /// The embedded catalog plus `paths` from the cache in `cache_dir`, when it has them
    /// as they are now.
    fn look_up(
        embedded: Embedded,
        paths: Vec<PathBuf>,
        cache_dir: Option<&Path>,
        report: &mut dyn FnMut(Progress),
    ) -> Looked {
        let dir = cache_dir.filter(|_| !paths.is_empty());
        report(Progress {
            file: paths.first().map(|p| file_name(p)).unwrap_or_default(),
            stage: Stage::Cache,
            ..Progress::default()
        });
        if let Some((d, hit)) =
            dir.and_then(|d| Some((d, cache::read(d, &paths, &embedded.catalog)?)))
        {
            crate::trace::mark("read from the cache");
            let (catalog, index) = (Arc::new(hit.catalog), Arc::new(hit.index));
            let (dir, rows, text) = (d.to_path_buf(), Arc::clone(&catalog), hit.text);
            let catalogs = Self::from_parts(embedded, catalog, index, paths, vec![], hit.notes);
            // The rows are searchable with their text in memory; its private map is
            // written after that (see `cache::own_map`).
            let own_map: CacheWrite =
                Box::new(move || Some(Arc::new(cache::own_map(&dir, &rows, &text)?)));
            return Looked::Cached(catalogs, own_map);
        }
        crate::trace::mark("not in the cache");
        Looked::Missed(embedded, paths)
    }

    /// The embedded catalog plus every loadable file of `paths`, parsed and indexed,
    /// with the cache in `cache_dir` still to write.
    fn parse(
        embedded: Embedded,
        paths: Vec<PathBuf>,
        cache_dir: Option<&Path>,
        report: &mut dyn FnMut(Progress),
        cancel: &Cancel,
    ) -> Loaded {
        let name = file_name;
        let dir = cache_dir.filter(|_| !paths.is_empty());
        let mut catalog = (*embedded.catalog).clone();
        let (mut problems, mut notes, mut stamps) = (Vec::new(), Vec::new(), Vec::new());
        for path in &paths {
            if cancel.is_cancelled() {
                // A newer list of files replaced this one: nobody takes what is here.
                break;
            }
            let (file, rows) = (name(path), catalog.entries.len());
            let mut percent = |p: u8| {
                report(Progress {
                    file: file.clone(),
                    stage: Stage::Reading,
                    rows,
                    percent: Some(p),
                })
            };
            percent(0);
            match add_file_reporting(&mut catalog, path, &mut percent) {
                Ok((said, stamp)) => {
                    notes.extend(said);
                    stamps.push(stamp);
                }
                Err(e) => problems.push(e.to_string()),
            }
            crate::trace::mark("merged");
        }
        if cancel.is_cancelled() {
            let catalogs = Self::new(embedded, paths);
            return (catalogs, None);
        }
        let total = catalog.entries.len();
        let file = paths.last().map(|p| name(p)).unwrap_or_default();
        let index = SearchIndex::new_reporting(&catalog, &mut |done| {
            report(Progress {
                file: file.clone(),
                stage: Stage::Indexing,
                rows: total,
                percent: Some((done * 100 / total.max(1)) as u8),
            })
        });
        crate::trace::mark("indexed");
        let (catalog, index) = (Arc::new(catalog), Arc::new(index));
        let catalogs = Self::from_parts(embedded, catalog, index, paths, problems, notes);
        let write = dir.and_then(|dir| catalogs.to_cache(dir, stamps));
        (catalogs, write)
    }

    /// Writing these parsed catalogs, from files read as `stamps` say, to the cache in
    /// `dir`; None when a file failed.
    fn to_cache(&self, dir: &Path, stamps: Vec<Option<Stamp>>) -> Option<CacheWrite> {
        if !self.problems.is_empty() {
            return None;
        }
        let dir = dir.to_path_buf();
        let (embedded, catalog) = (
            Arc::clone(&self.embedded.catalog),
            Arc::clone(&self.catalog),
        );
        let (index, paths, notes) = (
            Arc::clone(&self.index),
            self.paths.clone(),
            self.notes.clone(),
        );
        Some(Box::new(move || {
            // A cache that cannot be written only costs the next start its speed.
            let written = cache::write(&dir, &paths, &stamps, &embedded, &catalog, &index, &notes);
            crate::memory::release_freed();
            written.ok()?;
            let read = cache::read(&dir, &paths, &embedded)?;
            let rows = read.catalog.keeping_derived_of(&catalog);
            let mapped = cache::own_map(&dir, &rows, &read.text);
            Some(Arc::new(mapped.unwrap_or(rows)))
        }))
    }

    fn from_parts(
        embedded: Embedded,
        catalog: Arc<Catalog>,
        index: Arc<SearchIndex>,
        paths: Vec<PathBuf>,
        problems: Vec<String>,
        notes: Vec<String>,
    ) -> Self {
        let mut source_rows = vec![0; catalog.sources.len()];
        for e in &catalog.entries {
            source_rows[e.source] += 1;
        }
        Catalogs {
            catalog,
            index,
            embedded,
            paths,
            problems,
            notes,
            source_rows,
            generation: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A load looks in the cache at once, while the window opens (at a lower priority),
    /// so rows the cache holds are searchable soon after the first frame; files it does
    /// not hold are parsed once that frame is on screen (at normal priority), and so is
    /// the cache written (tens of megabytes); a window that never draws one still gets
    /// its files loaded and its cache written.
    #[test]
    fn a_load_looks_in_the_cache_at_once_and_parses_and_writes_after_the_first_frame() {
        let paths = vec![PathBuf::from("/nonexistent/early.rst")];
        let shown = Gate::closed_for(Duration::from_secs(3600));
        let tasks = Tasks::default();
        let mut loading = Loading::start(Embedded::build(), paths.clone(), &shown, &tasks);
        let peek = loading.parsing();
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            peek.finished(|_| ()),
            None,
            "a file not in the cache is parsed before the frame"
        );
        shown.open();
        let loaded = loading.wait();
        assert!(loaded.is_some_and(|c| c.problems.len() == 1), "loaded");
        let no_frame = Gate::closed_for(Duration::from_millis(10));
        let loaded = Loading::start(Embedded::build(), paths, &no_frame, &tasks).wait();
        assert!(
            loaded.is_some_and(|c| c.problems.len() == 1),
            "loaded without a frame"
        );
        let written = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let write = |gate: &Gate| {
            let flag = Arc::clone(&written);
            let write: CacheWrite = Box::new(move || {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                None
            });
            Caching::start(write, gate, &tasks)
        };
        let frame = Gate::closed_for(Duration::from_secs(3600));
        let caching = write(&frame);
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            !written.load(std::sync::atomic::Ordering::SeqCst),
            "written before the frame"
        );
        frame.open();
        caching.finish();
        assert!(written.load(std::sync::atomic::Ordering::SeqCst));
        written.store(false, std::sync::atomic::Ordering::SeqCst);
        write(&Gate::closed_for(Duration::from_millis(10))).finish();
        assert!(
            written.load(std::sync::atomic::Ordering::SeqCst),
            "written without a frame"
        );
    }

    #[test]
    fn a_missing_file_is_reported_and_the_rest_still_loads() {
        let missing = PathBuf::from("/nonexistent/extra.rst");
        let catalogs = Loading::start(
            Embedded::build(),
            vec![missing.clone()],
            &Gate::opened(),
            &Tasks::default(),
        )
        .wait()
        .unwrap();
        assert_eq!(
            catalogs.catalog.entries.len(),
            Catalog::embedded().entries.len()
        );
        assert_eq!(catalogs.paths, vec![missing]);
        assert!(catalogs.problems[0].contains("/nonexistent/extra.rst"));
        assert_eq!(
            catalogs.source_rows.iter().sum::<usize>(),
            catalogs.catalog.entries.len()
        );
        let strict = load_strict(&[PathBuf::from("/nonexistent/extra.rst")]);
        assert!(matches!(strict, Err(AddError::Load(_))));
    }

    /// A fresh directory `name` holding a real RST page, `vpc.rst`: (directory, page).
    fn vpc_page(name: &str) -> (PathBuf, PathBuf) {
        let dir = std::env::temp_dir().join(format!("apig-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let page = dir.join("vpc.rst");
        std::fs::write(
            &page,
            include_str!("../../tests/fixtures/rst/virtual-private-cloud.rst"),
        )
        .unwrap();
        (dir, page)
    }

    /// A list of files replaced while it loads (the loading dropped): the load stops
    /// between files, and what it gives back is never taken.
    #[test]
    fn a_replaced_load_stops_between_files() {
        let (dir, page) = vpc_page("replaced-load");
        let text = std::fs::read_to_string(&page).unwrap();
        let paths: Vec<PathBuf> = (0..40)
            .map(|n| {
                let path = dir.join(format!("vpc{n}.rst"));
                std::fs::write(&path, text.replace("VPC.", &format!("V{n}."))).unwrap();
                path
            })
            .collect();
        let tasks = Tasks::default();
        let two = Loading::start(
            Embedded::build(),
            paths[..2].to_vec(),
            &Gate::opened(),
            &tasks,
        );
        let two = two.wait().expect("loaded");
        assert!(two.problems.is_empty(), "{:?}", two.problems);
        assert!(two.catalog.entries.len() > Catalog::embedded().entries.len());
        let mut loading = Loading::start(Embedded::build(), paths, &Gate::opened(), &tasks);
        let result = loading.parsing();
        drop(loading);
        assert!(tasks.close(Duration::from_secs(60)).is_empty());
        let rows = result.finished(|r| r.as_ref().ok().map(|(c, _)| c.catalog.entries.len()));
        assert_eq!(
            rows,
            Some(Some(Catalog::embedded().entries.len())),
            "stopped before the files"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    /// After a parsed load, the cache is written and read back: the window swaps in those
    /// rows (their text in the cache's map), so they must be the very same rows.
    #[test]
    fn the_rows_read_back_from_the_cache_are_the_parsed_rows() {
        let (dir, page) = vpc_page("read-back");
        let cache = dir.join("cache");
        let (catalogs, write) = Catalogs::assemble_reporting(
            Embedded::build(),
            vec![page],
            Some(&cache),
            &mut |_| {},
            &Cancel::default(),
        );
        let mapped = write.expect("a cache to write")().expect("read back");
        assert_eq!(mapped.entries, catalogs.catalog.entries);
        assert_eq!(mapped.sources, catalogs.catalog.sources);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_load_says_which_file_it_reads_and_how_many_rows_it_indexes() {
        let (dir, page) = vpc_page("progress");
        let mut seen = Vec::new();
        let (catalogs, write) = Catalogs::assemble_reporting(
            Embedded::build(),
            vec![page],
            None,
            &mut |p| seen.push(p),
            &Cancel::default(),
        );
        assert!(write.is_none(), "no cache directory, nothing to write");
        let stages: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
        assert_eq!(stages.first(), Some(&Stage::Cache), "{seen:?}");
        assert!(stages.contains(&Stage::Reading), "{seen:?}");
        let last = seen.last().unwrap();
        assert_eq!(last.stage, Stage::Indexing);
        assert_eq!(last.file, "vpc.rst");
        assert_eq!(last.rows, catalogs.catalog.entries.len());
        assert!(last.rows > Catalog::embedded().entries.len());
        assert!(
            last.to_string().starts_with("vpc.rst: indexing, "),
            "{last}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_load_starts_from_the_parsed_embedded_catalog_and_is_cached_after_it_is_handed_over() {
        let (dir, page) = vpc_page("handover");
        let cache = dir.join("cache");
        let embedded = Embedded::build();
        let load = |embedded: &Embedded| {
            Catalogs::assemble_reporting(
                embedded.clone(),
                vec![page.clone()],
                Some(&cache),
                &mut |_| {},
                &Cancel::default(),
            )
        };
        let (first, write) = load(&embedded);
        assert!(
            Arc::ptr_eq(&first.embedded.catalog, &embedded.catalog),
            "the window's embedded catalog, not a second parse"
        );
        assert!(
            !cache.exists(),
            "nothing is written before the window has the rows"
        );
        // What was worked out from the parsed rows while the cache was written (the
        // analysis's index) stays with the rows read back from it.
        let made = first.catalog.derived(|c| c.entries.len());
        let read_back = write.expect("a parsed load is cached")();
        if let Some(read_back) = read_back {
            assert!(Arc::ptr_eq(&made, &read_back.derived(|_| usize::MAX)));
        }
        let (second, own_map) = load(&embedded);
        let files = || -> Vec<(PathBuf, Vec<u8>)> {
            let mut files: Vec<_> = std::fs::read_dir(&cache)
                .unwrap()
                .map(|e| e.unwrap().path())
                .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
                .collect();
            files.sort();
            files
        };
        let before = files();
        // A load from the cache only moves its rows' text to a private map.
        let mapped = own_map.expect("the text's private map, after the handover")();
        assert_eq!(
            files(),
            before,
            "a load from the cache is not written again"
        );
        if let Some(mapped) = mapped {
            assert_eq!(mapped.entries, first.catalog.entries);
        }
        assert_eq!(second.catalog.entries, first.catalog.entries);
        assert_eq!(second.catalog.sources, first.catalog.sources);
        std::fs::remove_dir_all(&dir).ok();
    }
}
