//! What a front end can ask of the session, and what the session asks back of the front
//! end (copy this, say that, scroll there). Panels return actions while drawing; they
//! are applied after the frame is drawn, so no panel mutates what another one reads.
//! An [`Action`] names the part it is for; each part matches its own enum whole, so a new
//! verb does not compile until it is handled, and a verb that cannot be done (its
//! incident gone, nothing to copy) says so in [`Outcome::status`].

use super::{
    CaseAction, CatalogAction, ExplorerAction, PasteAction, Session, SettingsAction, WindowEvent,
};

/// One thing the engineer did, by the part of the session it is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The catalog files.
    Catalog(CatalogAction),
    /// The search box, the facets and the table.
    Explorer(ExplorerAction),
    /// The paste, its signature check and the clipboard offer.
    Paste(PasteAction),
    /// Incidents and the history.
    Case(CaseAction),
    /// The View menu.
    Settings(SettingsAction),
    /// What only a window has (keys, zoom, the clipboard at focus).
    Window(WindowEvent),
}

impl From<CatalogAction> for Action {
    fn from(action: CatalogAction) -> Self {
        Action::Catalog(action)
    }
}

impl From<ExplorerAction> for Action {
    fn from(action: ExplorerAction) -> Self {
        Action::Explorer(action)
    }
}

impl From<PasteAction> for Action {
    fn from(action: PasteAction) -> Self {
        Action::Paste(action)
    }
}

impl From<CaseAction> for Action {
    fn from(action: CaseAction) -> Self {
        Action::Case(action)
    }
}

impl From<SettingsAction> for Action {
    fn from(action: SettingsAction) -> Self {
        Action::Settings(action)
    }
}

impl From<WindowEvent> for Action {
    fn from(event: WindowEvent) -> Self {
        Action::Window(event)
    }
}

/// What the front end should do after an action.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Text for the clipboard.
    pub copy: Option<String>,
    /// A short message for the status area ("Copied APIG.0308"), also when the action
    /// could not be done and why.
    pub(crate) status: Option<String>,
    /// A table position to bring into view.
    pub(crate) scroll_to: Option<usize>,
    /// Show the incidents (true) or the catalog entry (false).
    pub(crate) show_incidents: Option<bool>,
}

impl Outcome {
    pub(super) fn copied(text: String, what: impl Into<String>) -> Self {
        Outcome {
            copy: Some(text),
            status: Some(format!("Copied {}", what.into())),
            ..Outcome::default()
        }
    }

    pub(super) fn scroll(to: Option<usize>) -> Self {
        Outcome {
            scroll_to: to,
            ..Outcome::default()
        }
    }

    /// Only a message: most often why nothing was done.
    pub(super) fn said(text: impl Into<String>) -> Self {
        Outcome {
            status: Some(text.into()),
            ..Outcome::default()
        }
    }
}

impl Session {
    /// Apply what the engineer did: the one way front ends change the session. The
    /// explorer's view is refreshed on the next `Session::tick`, once per frame however
    /// many actions came in.
    pub fn apply(&mut self, action: impl Into<Action>) -> Outcome {
        let outcome = match action.into() {
            Action::Catalog(a) => self.apply_catalog(a),
            Action::Explorer(a) => self.apply_explorer(a),
            Action::Paste(a) => self.apply_paste(a),
            Action::Case(a) => self.apply_case(a),
            Action::Settings(a) => self.apply_settings(a),
            Action::Window(e) => self.apply_window(e),
        };
        // Every copy goes through here: what the app copies is never offered back.
        if let Some(text) = &outcome.copy {
            self.desk.clipboard.copied(text);
        }
        outcome
    }
}
