//! The session: everything an engineer's working day holds, in owned parts, and the
//! verbs that change it. Front ends draw it and hand back [`Action`]s; [`Session::apply`]
//! is the only place that changes it, so the window, its tests and the command line agree.
//! No egui types: the session layer sits between the core and every front end.
//!
//! The parts (each owns its state and has its own action enum, see `ARCHITECTURE.md`):
//! the catalogs ([`Library`]), the explorer ([`Explorer`]), the paste desk
//! ([`PasteDesk`]), the casebook ([`Casebook`]) and the settings ([`Settings`]); the
//! window's own events ([`WindowEvent`]) are routed to the part they change. This file
//! holds what joins them: building a session, the wake-up shared with workers, and the
//! work done between frames.

mod actions;
mod casebook;
mod cases;
mod catalogs;
mod clipboard;
mod data_dir;
mod desk;
mod explore;
mod handoff;
mod incidents;
mod library;
mod paste;
mod preload;
mod received;
mod settings;
mod sign_check;
mod state;
mod store;
mod team_room;
mod text_bytes;
mod window;

use std::sync::{Arc, Mutex};

pub use actions::{Action, Outcome};
pub(crate) use casebook::Casebook;
pub use cases::{CaseAction, DuplicateAnswer};
// Named only by the window's panels (the question, the offer banner).
#[cfg(feature = "gui")]
pub(crate) use cases::Duplicate;
pub(crate) use catalogs::{AddError, Loading, load_strict};
pub use catalogs::{Catalogs, Indexed, cache_dir, load_indexed};
#[cfg(feature = "gui")]
pub(crate) use clipboard::ClipboardOffer;
pub(crate) use data_dir::data_dir;
pub use desk::PasteAction;
pub(crate) use desk::PasteDesk;
pub use explore::ExplorerAction;
pub(crate) use handoff::HandoffError;
pub use handoff::{Delivered, send as hand_off};
#[cfg(all(test, unix, feature = "gui"))]
pub(crate) use handoff::{send_for_test, test_endpoint};
pub(crate) use incidents::Incidents;
pub use library::CatalogAction;
pub(crate) use library::Library;
pub use paste::{PasteSession, read_input};
#[cfg(feature = "gui")]
pub(crate) use preload::{Early, Opening, Overrides};
pub use preload::{Embedded, Preload};
pub(crate) use settings::Settings;
pub use settings::SettingsAction;
pub(crate) use sign_check::Secret;
pub(crate) use state::{Preferences, valid_zoom};
pub use state::{SavedState, ThemeChoice};
pub(crate) use store::{FILE_NAME as STORE_FILE, PasteState, StoredPaste};
pub use store::{Legacy, Opened, Store, StoreError};
pub(crate) use team_room::TeamRoom;
#[cfg(feature = "gui")]
pub(crate) use text_bytes::decode;
pub use window::WindowEvent;

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::history::History;
use crate::task::Tasks;

/// Wakes the front end when background work has a result (egui's `request_repaint`).
pub(crate) type Waker = Arc<dyn Fn() + Send + Sync>;

/// The front end's wake-up, shared with the workers. The session starts workers (the
/// catalog load, a restored paste's analysis) before the window hands it a [`Waker`], so
/// they call this slot, not the waker there was when they started; a call that came
/// before the waker is passed on when it arrives.
#[derive(Clone, Default)]
struct Wake(Arc<Mutex<WakeSlot>>);

#[derive(Default)]
struct WakeSlot {
    waker: Option<Waker>,
    missed: bool,
}

impl Wake {
    fn set(&self, waker: Waker) {
        let missed = match self.0.lock() {
            Ok(mut slot) => {
                slot.waker = Some(Arc::clone(&waker));
                std::mem::take(&mut slot.missed)
            }
            Err(_) => false,
        };
        if missed {
            waker();
        }
    }

    fn call(&self) {
        let waker = match self.0.lock() {
            Ok(mut slot) => {
                slot.missed = slot.waker.is_none();
                slot.waker.clone()
            }
            Err(_) => None,
        };
        if let Some(waker) = waker {
            waker();
        }
    }

    /// A callback for a worker: calls this slot, whatever waker it holds by then.
    fn notifier(&self) -> impl Fn() + Send + Sync + 'static {
        let wake = self.clone();
        move || wake.call()
    }
}

/// Everything a working day holds, as its parts, and the verbs that change it: front
/// ends send it [`Action`]s. Fields are the parts themselves: a verb of one part
/// that needs another says so in its part's file, and `ARCHITECTURE.md` lists who may
/// call whom.
pub struct Session {
    /// The catalogs: the embedded one, the engineer's files, their loading and cache.
    library: Library,
    /// The table's query, filters, sort and selection over the library's rows.
    explorer: Explorer,
    /// The paste, its analysis and signature check, the clipboard offer, hand-offs.
    desk: PasteDesk,
    /// Incidents, history, the store and its waiting writes, the notices.
    casebook: Casebook,
    /// Theme, zoom and the View menu's choices.
    settings: Settings,
    /// The team folder: its notes and vocabulary, read and watched.
    team: TeamRoom,
    wake: Wake,
    /// The background work (analyses, loads, the cache write, recording hand-offs),
    /// joined when the window closes ([`Session::close_tasks`]).
    tasks: Tasks,
    /// How many clears (search, filters, paste) there were: each is numbered, so Ctrl+Z
    /// brings back the newest, whichever part it cleared (`window.rs`).
    clears: u64,
}

impl Session {
    /// A session in memory only, from saved state, over the embedded catalog (built
    /// beforehand, possibly on a worker) and the state's catalog files.
    pub fn new(mut state: SavedState, embedded: Embedded) -> Self {
        let catalogs = Catalogs::new(embedded, std::mem::take(&mut state.catalog_paths));
        Self::with_catalogs(state, catalogs)
    }

    /// A session over catalogs assembled elsewhere (benchmarks of a 100,000-row catalog).
    pub fn with_catalogs(mut state: SavedState, catalogs: Catalogs) -> Self {
        // A window holds a big paste and then another: each must be handed back.
        crate::memory::map_big_blocks_alone();
        let paste = StoredPaste {
            total_bytes: state.paste_text.len(),
            text: std::mem::take(&mut state.paste_text),
            state: PasteState::Analyzed,
        };
        let team = state.team_dir.take();
        let mut session = Self::empty(state, catalogs, Casebook::default());
        session.restore_paste(paste);
        session.load_catalogs();
        session.open_team(team);
        session
    }

    /// The session kept in a store: its state, paste and incidents as stored, and what
    /// opening it found wrong as notices.
    pub fn from_store(opened: Opened, embedded: Embedded) -> Self {
        let Opened {
            store,
            contents,
            problems,
        } = opened;
        let mut state = contents.state;
        let team = state.team_dir.take();
        let stored_paths = contents.stored_catalog_paths;
        let catalogs = Catalogs::new(embedded, std::mem::take(&mut state.catalog_paths));
        let incidents = Incidents::from_book(contents.incidents, contents.archived);
        let casebook = Casebook::kept(store, incidents, problems);
        let mut session = Self::empty(state, catalogs, casebook);
        // Catalog files named on the command line join the remembered ones.
        if session.library.catalogs().paths != stored_paths {
            let paths = session.library.catalogs().paths.clone();
            session
                .casebook
                .persist_latest("catalogs", move |s| s.set_catalogs(&paths));
        }
        if let Some(paste) = contents.paste {
            session.restore_paste(paste);
        }
        session.load_catalogs();
        session.open_team(team);
        session
    }

    fn empty(state: SavedState, catalogs: Catalogs, mut casebook: Casebook) -> Self {
        let explorer = Explorer::new(state.explorer, &catalogs.catalog, &catalogs.index);
        casebook.set_history(state.history);
        let wake = Wake::default();
        Session {
            library: Library::new(catalogs),
            explorer,
            desk: PasteDesk::default(),
            casebook,
            settings: Settings::new(state.theme, state.zoom, state.preferences),
            team: TeamRoom::default(),
            tasks: Tasks::new(wake.notifier()),
            wake,
            clears: 0,
        }
    }

    /// Called when work finishes off the UI thread (an analysis, a hand-off, another
    /// window's write), so the front end draws it.
    pub(crate) fn set_waker(&mut self, waker: Waker) {
        self.wake.set(waker);
    }

    /// What the next start restores.
    pub fn saved_state(&self) -> SavedState {
        SavedState {
            explorer: self.explorer.state.clone(),
            theme: self.settings.theme(),
            zoom: self.settings.zoom(),
            preferences: self.settings.preferences(),
            paste_text: self.desk.paste().stored().text,
            history: self.casebook.history().clone(),
            catalog_paths: self.library.catalogs().paths.clone(),
            team_dir: self.team.dir().map(std::path::Path::to_path_buf),
        }
    }

    /// The catalogs part.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The paste desk part.
    pub(crate) fn desk(&self) -> &PasteDesk {
        &self.desk
    }

    /// The casebook part.
    pub(crate) fn casebook(&self) -> &Casebook {
        &self.casebook
    }

    /// The settings part.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The explorer part: query, filters, sort, selection and rows shown.
    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    // Shortcuts to what almost every panel reads.

    /// Every loaded row.
    pub fn catalog(&self) -> &Catalog {
        self.library.catalog()
    }

    /// The paste and its analysis.
    pub fn paste(&self) -> &PasteSession {
        self.desk.paste()
    }

    /// A cleared paste can be brought back ([`PasteAction::UndoClear`]).
    pub fn can_undo_clear(&self) -> bool {
        self.desk.can_undo_clear()
    }

    /// The pastes analyzed, newest first.
    pub fn history(&self) -> &History {
        self.casebook.history()
    }

    /// The incidents, open and archived.
    pub fn incidents(&self) -> &Incidents {
        self.casebook.incidents()
    }

    /// What the engineer should know about loading and saving.
    pub fn notices(&self) -> &[String] {
        self.casebook.notices()
    }

    /// The search box holds a response (a log line, an error JSON, a status line) rather
    /// than words to search: the window offers to analyze it.
    pub(crate) fn query_is_response(&self) -> bool {
        crate::analysis::looks_like_response(&self.explorer.state.query)
    }

    /// Work done between frames, and while the window is hidden (the front end's logic):
    /// take what other windows wrote to the store, finished catalog loads and a finished
    /// background analysis, and bring the explorer's view up to date. Cheap when nothing
    /// changed. Returns a position to scroll the table to when a paste's match was
    /// revealed.
    pub(crate) fn tick(&mut self) -> Option<usize> {
        self.casebook.sync();
        self.casebook.settle_typing(std::time::Instant::now());
        self.poll_library();
        self.poll_team();
        let revealed = self.desk.poll().and_then(|done| self.analyzed(done));
        revealed.or(self.refresh_view())
    }

    /// How long until [`Session::tick`] has work due that no event brings (the store's log
    /// emptied of what was typed, once the typing pauses): the front end wakes then.
    pub(crate) fn due_in(&self) -> Option<std::time::Duration> {
        self.casebook.typing_due_in(std::time::Instant::now())
    }

    /// Bring the explorer's view up to date with the actions applied since the last look
    /// (once per batch of actions, not per action). Returns the position to scroll the
    /// table to when the rows changed: the top for a new query, the selected row for
    /// new filters or a new sort.
    pub(crate) fn refresh_view(&mut self) -> Option<usize> {
        self.refresh();
        self.explorer.take_scroll()
    }

    /// Write the settings (explorer, theme, zoom): at autosave and on exit, since they
    /// change with every keystroke and losing the last one costs nothing.
    pub fn save_settings(&mut self) {
        self.settings.save(&self.explorer.state, &mut self.casebook);
    }

    /// Try the writes that failed again (the window closing). True when none waits.
    pub fn save_pending(&mut self) -> bool {
        self.casebook.save_pending()
    }

    /// Wake the front end soon after another window changes the store (the window;
    /// once). Without it, changes are still taken at the next [`Session::tick`].
    pub(crate) fn watch_store(&mut self) {
        self.casebook.watch(self.wake.notifier());
    }

    /// The window closes (after [`Session::close_handoff`] and
    /// [`Session::finish_caching`]): ask the background work still running to stop, and
    /// join it. Returns the names of the tasks that did not end within two seconds (a
    /// clipboard owner that never answers), left to end with the process.
    pub(crate) fn close_tasks(&self) -> Vec<&'static str> {
        self.tasks.close(std::time::Duration::from_secs(2))
    }

    /// Block until the paste's analysis is finished, for at most `within`, and take it as
    /// `Session::tick` would (tests that read an analysis right after
    /// `Action::Paste`). Returns the table position of its match, when revealed.
    pub fn wait_for_paste(&mut self, within: std::time::Duration) -> Option<usize> {
        let done = self.desk.wait(within)?;
        self.analyzed(done)
    }

    /// The window's background work (its clipboard reads join the session's).
    #[cfg(any(feature = "gui", test))]
    pub(crate) fn tasks(&self) -> &Tasks {
        &self.tasks
    }
}

#[cfg(test)]
mod guards_tests;
#[cfg(test)]
mod team_tests;
#[cfg(test)]
pub(crate) mod test_dir;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod typed_tests;
