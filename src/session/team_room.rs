//! The team folder in the window: read on a task once the first frame is shown, watched
//! (`notify`, like the store) so a `git pull` shows within a second, and its notes and
//! vocabulary handed to the search index. The folder is a setting, remembered in the
//! store; the app never runs git and writes a note only when asked.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Outcome, Session};
use crate::catalog::Catalog;
use crate::task::{Lost, Priority, Task};
use crate::team::{Note, NoteDraft, Team, TeamError, login_name, write_note};

/// The team folder, as last read, and the work of reading it again.
#[derive(Default)]
pub struct TeamRoom {
    dir: Option<PathBuf>,
    team: Option<Arc<Team>>,
    /// Why the folder could not be read at all, when so.
    error: Option<String>,
    loading: Option<Task<Result<Team, TeamError>>>,
    /// Set by the watcher when a file under the folder changed.
    changed: Arc<AtomicBool>,
    watcher: Option<notify::RecommendedWatcher>,
}

impl TeamRoom {
    /// The folder chosen, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The folder as last read (None before the first read, or without a folder).
    pub fn team(&self) -> Option<&Team> {
        self.team.as_deref()
    }

    /// Why the folder could not be read, when it could not.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether the folder is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The notes about row `row` of `catalog`.
    pub fn notes_for(&self, catalog: &Catalog, row: usize) -> Vec<&Note> {
        self.team()
            .map(|t| t.notes_for(catalog, row))
            .unwrap_or_default()
    }

    /// Watch `dir` (below it too), setting `changed` and calling `wake` when a file
    /// changes; git's own files are not the team's.
    fn watch(&mut self, dir: &Path, wake: impl Fn() + Send + 'static) {
        use notify::Watcher as _;
        let changed = Arc::clone(&self.changed);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else {
                return;
            };
            let team_file = event
                .paths
                .iter()
                .any(|p| !p.components().any(|c| c.as_os_str() == ".git"));
            if team_file && !event.kind.is_access() {
                changed.store(true, Ordering::SeqCst);
                wake();
            }
        });
        self.watcher = watcher.ok().and_then(|mut w| {
            w.watch(dir, notify::RecursiveMode::Recursive).ok()?;
            Some(w)
        });
    }
}

impl Session {
    /// The team folder part.
    pub fn team(&self) -> &TeamRoom {
        &self.team
    }

    /// Use `dir` as the team folder (None: none), remembered for the next start, read on
    /// a task and watched.
    pub(super) fn set_team_folder(&mut self, dir: Option<PathBuf>) -> Outcome {
        let remembered = dir.clone();
        self.casebook
            .persist_latest("team", move |s| s.save_team(remembered.as_deref()));
        let said = match &dir {
            Some(d) => format!("Team folder: {}", d.display()),
            None => "No team folder".to_string(),
        };
        self.open_team(dir);
        Outcome::said(said)
    }

    /// Start reading `dir` (after the first frame) and watching it.
    pub(super) fn open_team(&mut self, dir: Option<PathBuf>) {
        self.team = TeamRoom {
            dir: dir.clone(),
            ..TeamRoom::default()
        };
        match dir {
            Some(dir) => {
                self.team.watch(&dir, self.wake.notifier());
                self.read_team();
            }
            None => {
                self.set_team_catalogs(&[]);
                self.team_to_index();
            }
        }
    }

    fn read_team(&mut self) {
        let Some(dir) = self.team.dir.clone() else {
            return;
        };
        self.team.changed.store(false, Ordering::SeqCst);
        let task = self.library.shown().spawn_after(
            &self.tasks,
            "team-folder",
            Priority::Low,
            move |_| Team::load(&dir),
        );
        self.team.loading = Some(task);
    }

    /// Take a finished read; start another when the folder changed since.
    pub(super) fn poll_team(&mut self) {
        if let Some(done) = self.team.loading.as_mut().and_then(Task::try_take) {
            self.team.loading = None;
            self.took_team(done);
        }
        if self.team.loading.is_none() && self.team.changed.load(Ordering::SeqCst) {
            self.read_team();
        }
    }

    /// Use what a read found: the notes to the index and the explorer, the bad files to
    /// the notices.
    fn took_team(&mut self, done: Result<Result<Team, TeamError>, Lost>) {
        match done {
            Ok(Ok(team)) => {
                for p in &team.problems {
                    self.casebook.notice(format!("Team folder: {p}"));
                }
                self.set_team_catalogs(&team.catalogs);
                self.team.team = Some(Arc::new(team));
                self.team.error = None;
            }
            Ok(Err(e)) => {
                self.casebook.notice(e.to_string());
                self.team.error = Some(e.to_string());
                self.team.team = None;
                self.set_team_catalogs(&[]);
            }
            Err(Lost) => self.team.error = Some("reading the team folder stopped".into()),
        }
        self.team_to_index();
        let catalogs = self.library.catalogs();
        self.explorer
            .catalog_changed(&catalogs.catalog, &catalogs.index);
    }

    /// Give the index the team's notes and vocabulary (or none).
    pub(super) fn team_to_index(&self) {
        let catalogs = self.library.catalogs();
        match self.team.team() {
            Some(team) => team.apply_to(&catalogs.index, &catalogs.catalog),
            None => catalogs.index.set_team(None, &[]),
        }
    }

    /// Incident `id` written as a new note of the team folder: its Markdown (redacted on
    /// the way), its checklist as plain items, so that only what the engineer marks
    /// `- [ ]` becomes the team's steps.
    pub(super) fn save_team_note(&mut self, id: u64) -> Outcome {
        let Some(dir) = self.team.dir().map(Path::to_path_buf) else {
            return Outcome::said("No team folder: choose one in File > Team folder... first");
        };
        let Some(incident) = self.casebook.incidents().book().get(id) else {
            return Outcome::said(format!("Incident {id} is no longer there"));
        };
        let body: Vec<String> = incident
            .markdown(self.library.catalog())
            .lines()
            .map(|l| match l.strip_prefix("- [ ] ") {
                Some(rest) => format!("- {rest}"),
                None => l
                    .strip_prefix("- [x] ")
                    .map_or(l.to_string(), |r| format!("- {r}")),
            })
            .collect();
        let row = &incident.row;
        let draft = NoteDraft {
            code: format!("{}:{} {}", row.catalog, row.code, row.http_status),
            title: incident.title(),
            author: login_name(),
            body: body.join("\n"),
        };
        match write_note(&dir, &draft) {
            Ok(path) => Outcome::said(format!(
                "Wrote {}: review it, then commit it to share it (git add, git commit, git push)",
                path.display()
            )),
            Err(e) => Outcome::said(e.to_string()),
        }
    }

    /// Wait until the team folder is read (tests).
    pub fn finish_team(&mut self) {
        self.library.shown().open();
        let within = std::time::Duration::from_secs(30);
        if let Some(done) = self.team.loading.as_mut().and_then(|t| t.wait(within)) {
            self.team.loading = None;
            self.took_team(done);
        }
    }
}
