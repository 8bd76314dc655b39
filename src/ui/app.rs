//! The window: the session plus what only the window needs (scroll requests, the status
//! message, caches of drawn text). Panels draw and return actions; the session applies
//! them after the frame is drawn.

use std::sync::Arc;

use crate::session::{
    Action, CaseAction, Early, Embedded, ExplorerAction, Legacy, Opening, Outcome, PasteAction,
    Preload, SavedState, Session, SettingsAction, Store, WindowEvent,
};

use super::clipboard::ClipboardReader;
use super::detail::SelectionCache;
use super::first_frame::FirstFrameProbe;
use super::screenshot::Screenshot;
use super::table::MarkCache;
use super::{
    catalogs, companion, detail, facets, incidents, keys, look, paste_panel, table, team_folder,
    top_bar,
};

/// Key of the app's own state in eframe's storage.
pub const STATE_KEY: &str = "apig-explorer-state";

/// The state an earlier version saved in eframe's storage, or defaults when there is
/// none or it cannot be read (an old or damaged file must never keep the app from
/// starting).
pub fn load_state(storage: Option<&dyn eframe::Storage>) -> SavedState {
    storage
        .and_then(|s| eframe::get_value::<SavedState>(s, STATE_KEY))
        .unwrap_or_default()
}

/// The session the worker opened while the window opened, or, when it could not (no
/// store yet: this is where what an earlier version left in eframe's storage is
/// imported), the one kept in the store of the app's data directory, or one in memory
/// when there is no such directory.
fn open_session(cc: &eframe::CreationContext<'_>, opening: Opening) -> Session {
    let (embedded, overrides) = match opening.finish() {
        Early::Session(session) => return *session,
        Early::Later(embedded, overrides) => (embedded, overrides),
    };
    let Some(dir) = crate::session::data_dir() else {
        let mut state = SavedState::default();
        overrides.apply(&mut state);
        return Session::new(state, embedded);
    };
    let legacy = Legacy {
        state: cc
            .storage
            .and_then(|s| s.get_string(STATE_KEY))
            .map(|_| load_state(cc.storage)),
        app_ron: Some(dir.join("app.ron")),
        incidents_json: Some(dir.join("incidents.json")),
    };
    let mut opened = Store::open(&dir, legacy);
    overrides.apply(&mut opened.contents.state);
    Session::from_store(opened, embedded)
}

/// How the app was started from the command line.
#[derive(Debug, Default)]
pub struct StartOptions {
    /// The embedded catalog, already being built (else it is built when the app starts).
    pub preload: Option<Preload>,
    /// Start with this query instead of the saved one.
    pub query: Option<String>,
    /// Start with this text pasted and analyzed.
    pub paste: Option<String>,
    /// Catalog files to load (and remember) in addition to the saved ones.
    pub catalogs: Vec<std::path::PathBuf>,
    /// The team folder for this window (`--team`, `APIG_EXPLORER_TEAM`) instead of the
    /// remembered one.
    pub team: Option<std::path::PathBuf>,
    /// Report when the first frame is on screen, then close (startup measurement).
    pub exit_after_first_frame: bool,
    /// Report when the catalog files are loaded and searchable, then close.
    pub exit_when_searchable: bool,
    /// Render, save a screenshot, and quit.
    pub screenshot: Option<Screenshot>,
}

/// What only the window keeps: requests from one frame to the next and drawing caches.
#[derive(Default)]
pub(super) struct View {
    pub(crate) focus_search: bool,
    /// The control that had the keyboard at the end of the last frame (egui drops focus
    /// on Esc before the keys are read, so this frame cannot tell what Esc left).
    pub(crate) focused_last: Option<egui::Id>,
    /// Visible position to scroll the table to this frame.
    pub(crate) scroll_to: Option<usize>,
    /// Rows that fit in the table, for PageUp/PageDown.
    pub(crate) page_rows: usize,
    /// The table's size last frame: when it changes, the selected row is kept in sight.
    pub(crate) table_size: Option<egui::Vec2>,
    /// Short feedback ("Copied APIG.0308") shown in the top bar, and since when.
    pub(crate) status: Option<(String, std::time::Instant)>,
    /// What the keys read this frame have to say once their actions are applied.
    pub(crate) said_after_input: Option<&'static str>,
    /// Ctrl+C with no text field focused: copy the selected code, unless a widget copied
    /// its own selected text this frame.
    pub(crate) copy_requested: bool,
    pub(crate) marks: MarkCache,
    /// The first filter takes the keyboard when drawn (Alt+F).
    pub(crate) focus_filters: bool,
    /// The direction of the last Tab, while it passes the splitters (`look::pass_splitters`).
    pub(crate) tabbing: Option<egui::FocusDirection>,
    /// The keyboard moved the focus last (Tab, Alt+F), not the pointer: the focused
    /// control is outlined.
    pub(crate) keyboard_focus: bool,
    /// The detail pane shows incidents instead of the catalog entry.
    pub(crate) show_incidents: bool,
    /// An incident was opened or switched to: its first unticked step takes the keyboard
    /// when drawn (it was some 55 Tab presses away).
    pub(crate) focus_incident: bool,
    /// How tall the open incident's header (name and actions) was last drawn, pinned or
    /// not: pinned only where it leaves the steps most of the pane (`detail`).
    pub(crate) incident_header: Option<f32>,
    /// The control with the keyboard was in the incidents pane when it was last drawn:
    /// Up and Down move the keyboard there, never the table's row (which brought the
    /// pane back to the entry).
    pub(crate) keys_in_incident: bool,
    /// Up or Down was pressed on this control of the incidents pane in this frame: egui
    /// moves the keyboard at the frame's end, and where it went is checked in the next.
    pub(crate) incident_arrow: Option<(egui::Id, u64)>,
    /// The row selected when the pane last changed tab: selecting another row brings the
    /// pane back to the entry, so it never shows an incident beside an unrelated row.
    pub shown_row: Option<usize>,
    pub show_catalogs: bool,
    /// A dialog just opened from the File menu: its path field takes the keyboard (chosen
    /// by keyboard, the keyboard was left on the menu's item).
    pub(crate) focus_dialog_field: bool,
    /// A History entry was chosen by keyboard: the reopened paste takes the keyboard
    /// when drawn (`paste_panel`).
    pub(crate) reopened_by_keyboard: bool,
    /// F1 was pressed: the Help menu opens (or closes) when its title is drawn.
    pub(crate) toggle_help: bool,
    /// File > Team folder... is open, with the path typed in it.
    pub team_path: Option<String>,
    pub selection: SelectionCache,
    /// The path typed in the Catalogs window.
    pub catalog_path: String,
    pub file_picker: super::file_picker::FilePicker,
    /// The Catalogs window's Browse… found no file dialog: said in that window.
    pub catalog_note: Option<&'static str>,
    /// File → Open… (Ctrl+O).
    pub open_file: super::open_file::OpenFile,
    /// What the detail pane showed last frame (row, incidents tab, active incident):
    /// when it changes, the pane starts at its top.
    pub detail_shown: Option<(Option<usize>, bool, Option<u64>)>,
    /// A new paste (or hand-off, or history entry) came in: the detail pane starts at
    /// its top, and so does the analysis pane once the analysis is there, and the
    /// pasted text; the paste panel unfolds. At start the panes whose offsets egui's
    /// memory kept from the last run start at their top too (the filters and the
    /// analysis opened at their middle).
    pub detail_to_top: bool,
    pub analysis_to_top: bool,
    pub text_to_top: bool,
    pub unfold_paste: bool,
    pub facets_to_top: bool,
    /// The triage histogram's bar whose errors are listed, and the one the keyboard is on.
    pub triage_bar: super::histogram::BarPick,
    /// The line of the pasted text to bring into view and select (its number, first and
    /// last char), once: an error chosen in the triage.
    pub paste_line: Option<(usize, usize, usize)>,
    /// Companion mode as the window was last made to match (None before the first frame).
    pub(crate) companion: Option<bool>,
    /// The window's size before companion mode, to go back to.
    pub full_size: Option<egui::Vec2>,
    /// No system font draws Chinese: the notice naming the package, until dismissed.
    pub font_notice: Option<&'static str>,
}

/// How long a status message stays.
pub(super) const STATUS_SECONDS: u64 = 4;

impl View {
    /// Show a short status message.
    pub(crate) fn say(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), std::time::Instant::now()));
    }

    /// A window over the main one is open (Catalogs, Team folder, Open a file): Esc is
    /// for it, never for the search behind it.
    pub(super) fn dialog_open(&self) -> bool {
        self.show_catalogs || self.team_path.is_some() || self.open_file.is_shown()
    }

    /// Esc with a window over the main one: it closes, one window a press (Open a file,
    /// then Team folder, then Catalogs). Help said Esc closes a dialog, and it left them.
    pub(super) fn close_dialog(&mut self) {
        if self.open_file.is_shown() {
            self.open_file.close();
        } else if self.team_path.is_some() {
            self.team_path = None;
        } else if self.show_catalogs {
            self.show_catalogs = false;
            self.catalog_note = None;
        }
    }

    /// A new paste: the panes that show it start at their top.
    pub(crate) fn new_paste(&mut self) {
        self.detail_to_top = true;
        self.analysis_to_top = true;
        self.text_to_top = true;
        self.unfold_paste = true;
        self.triage_bar = super::histogram::BarPick::default();
    }

    /// The status message, while it is fresh.
    pub(crate) fn status(&self) -> Option<&str> {
        let (text, since) = self.status.as_ref()?;
        (since.elapsed().as_secs() < STATUS_SECONDS).then_some(text.as_str())
    }
}

/// The window: the session, plus the state only a window has (scroll requests, status line, caches).
pub struct ExplorerApp {
    session: Session,
    view: View,
    clipboard: ClipboardReader,
    screenshot: Option<Screenshot>,
    first_frame_probe: Option<FirstFrameProbe>,
    /// `--exit-when-searchable`: say when the catalog files are in, then close.
    searchable_probe: bool,
    applied_look: bool,
    cjk_font: super::fonts::CjkFontCheck,
}

impl ExplorerApp {
    /// The app as eframe starts it: state from storage (defaults if absent or damaged).
    pub(crate) fn new(
        cc: &eframe::CreationContext<'_>,
        opening: Opening,
        options: StartOptions,
    ) -> Self {
        crate::trace::mark("eframe calls the app");
        look::apply(&cc.egui_ctx);
        let session = open_session(cc, opening);
        crate::trace::mark("session taken");
        let mut app = Self::from_session(session, &cc.egui_ctx);
        // The one system font provider (eframe's own is off, see `run`): the window draws
        // with it and the CJK question asks it, so the font list is read once.
        let fonts = Arc::new(super::fonts::SystemFonts::default());
        cc.egui_ctx.add_font_provider(Arc::clone(&fonts) as _);
        app.cjk_font = super::fonts::CjkFontCheck::system(fonts);
        // The window a person uses receives `apig-explorer send`; a screenshot run does not.
        let short_lived = options.screenshot.is_some()
            || options.exit_after_first_frame
            || options.exit_when_searchable;
        if !short_lived {
            if let Err(e) = app.session.listen_for_handoff() {
                eprintln!("apig-explorer: `send` will not reach this window: {e}");
            }
            app.session.watch_store();
        }
        if let Some(text) = options.paste {
            app.apply(Action::Paste(PasteAction::Paste(text)), &cc.egui_ctx);
        }
        app.screenshot = options.screenshot;
        app.first_frame_probe = options
            .exit_after_first_frame
            .then(FirstFrameProbe::default);
        app.searchable_probe = options.exit_when_searchable;
        app
    }

    /// The app from a given state, with the embedded catalog and the state's catalog
    /// files (tests).
    pub fn with_state(state: SavedState, query: Option<String>) -> Self {
        let mut state = state;
        if let Some(q) = query {
            state.explorer.query = q;
        }
        Self::with_session(Session::new(state, Embedded::build()))
    }

    /// The app over a session built elsewhere (tests with a store, benchmarks of a
    /// 100,000-row catalog).
    pub fn with_session(session: Session) -> Self {
        ExplorerApp {
            session,
            // Typing goes to the search box from the first frame.
            view: View {
                focus_search: true,
                analysis_to_top: true,
                text_to_top: true,
                facets_to_top: true,
                ..View::default()
            },
            screenshot: None,
            first_frame_probe: None,
            searchable_probe: false,
            applied_look: false,
            clipboard: ClipboardReader::system(),
            cjk_font: super::fonts::CjkFontCheck::off(),
        }
    }

    /// The app asking `probe` whether any font draws Chinese, as the window asks the
    /// system's fonts after its first frame (tests of the notice).
    pub fn with_cjk_font_probe(mut self, probe: impl FnOnce() -> bool + Send + 'static) -> Self {
        self.cjk_font = super::fonts::CjkFontCheck::with(probe);
        self
    }

    /// The app reading the clipboard from `reader` (tests of the clipboard offer).
    pub fn with_clipboard(mut self, reader: ClipboardReader) -> Self {
        self.clipboard = reader;
        self
    }

    fn from_session(mut session: Session, ctx: &egui::Context) -> Self {
        let waker = ctx.clone();
        session.set_waker(Arc::new(move || waker.request_repaint()));
        Self::with_session(session)
    }

    /// The session the window shows.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Block until the paste's analysis is finished (at most `within`) and take it, as
    /// the window's logic would: tests that look at an analysis right after a paste.
    pub fn wait_for_paste(&mut self, within: std::time::Duration) {
        if let Some(pos) = self.session.wait_for_paste(within) {
            self.view.scroll_to = Some(pos);
        }
    }

    /// Block until the team folder is read (tests), as the window's logic would take it.
    pub fn wait_for_team(&mut self) {
        self.session.finish_team();
    }

    /// Apply one action and carry out what it asks of the window.
    fn apply(&mut self, action: Action, ctx: &egui::Context) {
        if matches!(
            action,
            Action::Paste(PasteAction::Paste(_) | PasteAction::AnalyzeClipboard)
                | Action::Case(CaseAction::ReopenHistory(_))
        ) {
            self.view.new_paste();
        }
        // A new paste or search makes what the status line said of the last one stale
        // ("Analyzed the pasted response" stood beside a paste that was searched).
        if matches!(
            action,
            Action::Paste(PasteAction::Paste(_) | PasteAction::AnalyzeClipboard)
                | Action::Case(CaseAction::ReopenHistory(_))
                | Action::Explorer(ExplorerAction::SetQuery(_))
        ) {
            self.view.status = None;
        }
        // Switched to another incident of the list, or restored one from the Archive:
        // the keyboard goes to it (after a restore it was nowhere).
        if let Action::Case(CaseAction::SelectIncident(_) | CaseAction::RestoreIncident(_)) =
            &action
        {
            self.view.focus_incident = true;
        }
        if let Action::Settings(SettingsAction::SetTheme(theme)) = &action {
            ctx.set_theme(look::preference(*theme));
        }
        let shown_error = match &action {
            Action::Paste(PasteAction::ShowError(i)) => Some(*i),
            _ => None,
        };
        let Outcome {
            copy,
            status,
            scroll_to,
            show_incidents,
        } = self.session.apply(action);
        if let Some(i) = shown_error {
            self.place_error(i);
        }
        if let Some(text) = copy {
            ctx.copy_text(text);
        }
        if let Some(status) = status {
            self.view.say(status);
        }
        self.view.scroll_to = scroll_to.or(self.view.scroll_to);
        if let Some(show) = show_incidents {
            self.view.show_incidents = show;
            self.view.focus_incident |= show;
            self.view.shown_row = self.session.explorer().selected();
        }
    }

    /// Bring the line of error `i` into view in the pasted text, or say why it cannot be
    /// told which line it is.
    fn place_error(&mut self, i: usize) {
        let paste = self.session.paste();
        let Some(e) = paste.analysis.as_ref().and_then(|a| a.errors.get(i)) else {
            return;
        };
        match crate::analysis::line_of(&paste.text, e) {
            Some(line) => {
                self.view.paste_line = Some(line);
                self.view.say(format!("Line {} of the paste", line.0));
            }
            None => self.view.say(
                "Which line of the paste this error is on is not certain: its request id is missing, or on several lines",
            ),
        }
    }

    /// Make the window match companion mode, when it was just switched (or at start):
    /// small and on top, or back to its size before.
    fn follow_companion(&mut self, ctx: &egui::Context) {
        use egui::{ViewportCommand as Cmd, WindowLevel};
        let want = self.session.settings().preferences().companion;
        let was = self.view.companion.replace(want);
        if was == Some(want) || (was.is_none() && !want) {
            return;
        }
        if want {
            if was.is_some() {
                self.view.full_size = ctx.input(|i| i.viewport().inner_rect.map(|r| r.size()));
            }
            ctx.send_viewport_cmd(Cmd::MinInnerSize(companion::MIN_SIZE));
            ctx.send_viewport_cmd(Cmd::InnerSize(companion::SIZE));
            ctx.send_viewport_cmd(Cmd::WindowLevel(WindowLevel::AlwaysOnTop));
        } else {
            let size = self.view.full_size.take().unwrap_or(super::DEFAULT_SIZE);
            ctx.send_viewport_cmd(Cmd::WindowLevel(WindowLevel::Normal));
            ctx.send_viewport_cmd(Cmd::MinInnerSize(super::MIN_SIZE));
            ctx.send_viewport_cmd(Cmd::InnerSize(size));
        }
    }

    /// What the keyboard, dropped files and a regained focus ask before drawing (the
    /// input of this frame; a hidden window has none).
    fn input_actions(&mut self, ctx: &egui::Context) -> Vec<Action> {
        // While a question is asked, its Enter and Esc are its own.
        let searching = !self.session.explorer().state.query.is_empty();
        let mut actions = match self.session.casebook().duplicate() {
            None => {
                let undo_search = self.session.undo_restores_search();
                keys::keys_ui(ctx, &mut self.view, searching, undo_search)
            }
            Some(_) => Vec::new(),
        };
        let body_wanted = self.session.paste().sign.open;
        actions.extend(paste_panel::dropped_files(ctx, &mut self.view, body_wanted));
        let offer_on = self.session.settings().preferences().offer_clipboard;
        actions.extend(super::clipboard::focus_gained(
            ctx,
            offer_on,
            &mut self.clipboard,
            self.session.tasks(),
        ));
        actions
    }

    /// eframe paints and swaps a frame before it runs the next: the second frame starting
    /// means the first is on screen, and catalog files may load. A first frame asks for
    /// the second at once when files wait for it. (Said once, not every frame.)
    fn open_gate_once_shown(&self, ctx: &egui::Context) {
        match ctx.cumulative_frame_nr() {
            0 if self.session.library().loading().is_some() => ctx.request_repaint(),
            1 => {
                crate::trace::mark("first frame shown");
                self.session.window_shown();
            }
            _ => {}
        }
    }

    fn apply_look_once(&mut self, ctx: &egui::Context) {
        if !self.applied_look {
            ctx.set_theme(look::preference(self.session.settings().theme()));
            ctx.set_zoom_factor(self.session.settings().zoom());
            self.applied_look = true;
        }
    }
}

impl eframe::App for ExplorerApp {
    /// Everything that is not drawing. Runs before every frame and, while the window is
    /// minimized or covered, without one (whenever something woke it): a response handed
    /// over by `apig-explorer send`, another window's changes to the store, finished
    /// catalog loads and analyses, and the clipboard's answer are taken here, so none
    /// waits for the window to be drawn; a hand-off brings the window back to show it.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(pos) = self.session.take_handoffs() {
            self.view.scroll_to = Some(pos);
            self.view.new_paste();
        }
        if let Some(action) = super::clipboard::answered(&mut self.clipboard) {
            self.apply_all(vec![action], ctx);
        }
        if let Some(pos) = self.session.tick() {
            self.view.scroll_to = Some(pos);
        }
        if let Some(due) = self.session.due_in() {
            ctx.request_repaint_after(due);
        }
        let loading = self.session.library().loading().is_some();
        if self.cjk_font.poll(ctx, self.session.tasks(), loading) {
            self.view.font_notice = Some(super::fonts::NO_CJK_FONT);
        }
        if self.session.take_raise() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if ui.ctx().cumulative_frame_nr() == 0 {
            crate::trace::mark("first frame begins");
        }
        if let Some(probe) = &mut self.first_frame_probe {
            probe.step(ui.ctx());
        }
        self.apply_look_once(ui.ctx());
        let actions = self.input_actions(ui.ctx());
        if !actions.is_empty() {
            self.apply_all(actions, ui.ctx());
            if let Some(said) = self.view.said_after_input.take() {
                self.view.say(said);
            }
            // Drawn in this frame already (logic brought the view up to date before them).
            if let Some(pos) = self.session.refresh_view() {
                self.view.scroll_to = Some(pos);
            }
        }
        self.open_gate_once_shown(ui.ctx());
        if self.searchable_probe && self.session.library().loading().is_none() {
            self.searchable_probe = false;
            super::first_frame::report_searchable(self.session.catalog().entries.len());
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let selected = self.session.explorer().selected();
        if selected != self.view.shown_row {
            self.view.show_incidents = false;
            self.view.shown_row = selected;
            // A row selected from the pane, the paste or a restart is brought into view.
            if self.view.scroll_to.is_none() {
                self.view.scroll_to = self.session.explorer().selected_position();
            }
        }
        self.follow_companion(ui.ctx());
        let mut actions = Vec::new();
        let (s, view) = (&self.session, &mut self.view);
        if s.settings().preferences().companion {
            companion::companion_ui(ui, s, view, &mut actions);
        } else {
            full_ui(ui, s, view, &mut actions);
        }
        super::open_file::open_file_ui(ui.ctx(), view, &mut actions);
        if let Some(duplicate) = s.casebook().duplicate() {
            incidents::duplicate_ui(ui.ctx(), duplicate, &mut actions);
        }
        look::focus_outline(ui.ctx(), view.keyboard_focus);
        view.focused_last = ui.ctx().memory(|m| m.focused());
        if std::mem::take(&mut view.copy_requested) {
            actions.extend(copy_after_drawing(ui.ctx(), view));
        }
        self.apply_all(actions, ui.ctx());
        let zoom = ui.ctx().zoom_factor();
        if zoom != self.session.settings().zoom() {
            self.session
                .apply(Action::Window(WindowEvent::SetZoom(zoom)));
        }
        if let Some(shot) = &mut self.screenshot {
            // A `--paste` screenshot shows the analysis, not its spinner.
            if self.session.paste().is_busy() {
                ui.ctx().request_repaint();
            } else {
                shot.step(ui.ctx());
            }
        }
    }

    /// egui's own default atlas width (2048) instead of the GPU's maximum (16384 on
    /// Mesa): the first frame uploads a few glyph rows, not 16k-wide strips.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = raw_input.max_texture_side.map(|side| side.min(2048));
    }

    /// eframe keeps the window's geometry and egui's memory; the app's own state goes to
    /// the store (the copy an earlier version left in eframe's storage was imported).
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.remove_string(STATE_KEY);
        self.session.save_settings();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Hand-offs not yet in the history are recorded before the window goes.
        self.session.close_handoff();
        self.session.finish_caching();
        let left = self.session.close_tasks();
        if !left.is_empty() {
            eprintln!(
                "apig-explorer: closed without waiting for: {}",
                left.join(", ")
            );
        }
    }
}

/// The full window: laid out outside-in, drawn in reading order (see `place`).
fn full_ui(ui: &mut egui::Ui, s: &Session, view: &mut View, actions: &mut Vec<Action>) {
    facets::fold_if_narrow(ui, s.catalog(), s.explorer());
    top_bar::top_bar_ui(ui, s, view, actions);
    let has_paste = !s.paste().text.is_empty();
    let incident = view.show_incidents && s.incidents().active().is_some();
    let unfold = std::mem::take(&mut view.unfold_paste);
    let paste = paste_panel::paste_place(ui, unfold, has_paste, incident);
    // In a narrow window they open over the window from the search row instead.
    if !facets::narrow(ui.ctx()) {
        facets::facets_ui(
            ui,
            s.catalog(),
            s.explorer(),
            &mut view.focus_filters,
            &mut view.facets_to_top,
            actions,
        );
    }
    let detail = detail::detail_place(ui);
    table::table_ui(ui, s, view, actions);
    detail::detail_ui(ui, detail, s, view, actions);
    paste_panel::paste_panel_ui(ui, paste, s, view, actions);
    catalogs::catalogs_ui(ui.ctx(), s.library().catalogs(), view, actions);
    team_folder::team_folder_ui(ui.ctx(), s.team(), view, actions);
}

/// Ctrl+C copies the selected code, unless a label copied the text selected in it this
/// frame: then the status says that text was copied, not the code.
fn copy_after_drawing(ctx: &egui::Context, view: &mut View) -> Option<Action> {
    let copied = ctx.output(|o| {
        o.commands.iter().find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
    });
    match copied {
        Some(text) => {
            let shown: String = text.chars().take(40).collect();
            let more = if text.chars().count() > 40 { "..." } else { "" };
            view.say(format!("Copied \"{shown}{more}\""));
            None
        }
        None => Some(Action::Explorer(ExplorerAction::CopyCode)),
    }
}

impl ExplorerApp {
    fn apply_all(&mut self, actions: Vec<Action>, ctx: &egui::Context) {
        if actions.is_empty() {
            return;
        }
        for action in actions {
            self.apply(action, ctx);
        }
        // What the next frame draws must already reflect what was done in this one.
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While the window is minimized or covered eframe runs no frame, only `logic`: a
    /// response sent then is taken there, and the window asks to be shown.
    #[test]
    #[cfg(unix)]
    fn a_hidden_window_takes_a_hand_off_in_logic_and_asks_to_be_shown() {
        use eframe::App as _;
        let endpoint = crate::session::test_endpoint("hidden-window");
        let mut session = Session::new(SavedState::default(), Embedded::build());
        session.listen_for_handoff_at(endpoint.clone()).unwrap();
        let mut app = ExplorerApp::with_session(session);
        crate::session::send_for_test(&endpoint, "{\"error_code\":\"APIG.0308\"}").unwrap();
        let ctx = egui::Context::default();
        let mut frame = eframe::Frame::_new_kittest();
        let output = ctx.run_logic(&egui::RawInput::default(), |ctx| app.logic(ctx, &mut frame));
        app.wait_for_paste(std::time::Duration::from_secs(60));
        assert_eq!(
            app.session().history().entries.len(),
            1,
            "taken without a frame"
        );
        let commands = &output.viewport_commands[&egui::ViewportId::ROOT];
        assert!(commands.contains(&egui::ViewportCommand::Minimized(false)));
        assert!(commands.contains(&egui::ViewportCommand::Focus));
    }

    /// A hidden window's logic also takes what another window wrote to the store, and a
    /// paste analyzed on a task (into the history), without a frame.
    #[test]
    fn a_hidden_window_takes_other_windows_changes_and_finished_analyses_in_logic() {
        use eframe::App as _;
        let dir = std::env::temp_dir().join(format!("apig-hidden-sync-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let open = || Session::from_store(Store::open(&dir, Legacy::default()), Embedded::build());
        let mut other = open();
        let mut app = ExplorerApp::with_session(open());
        let ctx = egui::Context::default();
        let mut frame = eframe::Frame::_new_kittest();
        let mut logic = |app: &mut ExplorerApp| {
            let _ = ctx.run_logic(&egui::RawInput::default(), |ctx| app.logic(ctx, &mut frame));
        };
        other.apply(Action::Paste(PasteAction::Paste(
            "{\"error_code\":\"APIG.0308\",\"request_id\":\"1f2e3d4c5b6a\"}".into(),
        )));
        other.wait_for_paste(std::time::Duration::from_secs(60));
        logic(&mut app);
        assert_eq!(
            app.session().history().entries.len(),
            1,
            "the other window's paste, taken without a frame"
        );
        // Analyzed on a task, taken by a later logic.
        let mut big = String::from("{\"error_code\":\"APIG.0201\"}\n");
        big.push_str(&"2026-12-06 10:00:00 INFO nothing to see here\n".repeat(8_000));
        app.apply(
            Action::Paste(PasteAction::Paste(big)),
            &egui::Context::default(),
        );
        let analyzed = (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            logic(&mut app);
            app.session().history().entries.len() == 2
        });
        assert!(analyzed, "the task's analysis is taken in logic");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_status_message_expires() {
        let mut view = View::default();
        view.say("Copied APIG.0308");
        assert_eq!(view.status(), Some("Copied APIG.0308"));
        let long_ago =
            std::time::Instant::now() - std::time::Duration::from_secs(STATUS_SECONDS + 1);
        view.status = Some(("Copied APIG.0308".into(), long_ago));
        assert_eq!(view.status(), None);
    }
}
