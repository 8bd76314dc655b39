//! The files earlier versions kept (eframe's `app.ron` with the saved state, and
//! `incidents.json`), imported once into a new store. Earlier versions redacted less, so
//! everything imported is redacted again on the way in, and no readable copy of what
//! they leaked is left: `app.ron` loses the old state at the window's next save (eframe
//! rewrites it), and `incidents.json` is kept as `incidents.json.imported`, owner-only.

use std::path::{Path, PathBuf};

use super::damage::suffixed;
use super::rows::{PasteState, StoredPaste};
use super::{Store, StoreError};
use crate::history::{HistoryEntry, stored_text};
use crate::incident::{Incident, IncidentBook};
use crate::redact::redact;
use crate::session::state::SavedState;

/// What an earlier version left behind, as far as the front end found it.
#[derive(Default)]
pub struct Legacy {
    /// The state eframe kept in `app.ron`, when it held any.
    pub(crate) state: Option<SavedState>,
    /// `app.ron` itself: when the state cannot be imported, a copy is kept as
    /// `app.ron.not-imported` (owner-only), since eframe rewrites the original with the
    /// window's geometry only.
    pub(crate) app_ron: Option<PathBuf>,
    /// `incidents.json`, renamed `incidents.json.imported` once imported.
    pub(crate) incidents_json: Option<PathBuf>,
}

impl Legacy {
    /// Import into `store`; returns what the engineer should know (a file that could
    /// not be imported stays where it is).
    pub(super) fn import_into(self, store: &Store) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(state) = &self.state
            && let Err(e) = import_state(store, state)
        {
            problems.push(format!(
                "The saved state could not be imported: {e}{}",
                keep_copy(self.app_ron.as_deref())
            ));
        }
        if let Some(path) = self.incidents_json.filter(|p| p.exists())
            && let Err(e) = import_incidents(store, &path)
        {
            problems.push(format!(
                "{} could not be imported ({e}); it was left as it is.",
                path.display()
            ));
        }
        problems
    }
}

/// Keep `app.ron` (owner-only) when its state could not be imported; says where.
fn keep_copy(ron: Option<&Path>) -> String {
    let Some(ron) = ron.filter(|r| r.exists()) else {
        return String::new();
    };
    let copy = suffixed(ron, ".not-imported");
    match copy_private(ron, &copy) {
        Ok(()) => format!(
            "; a copy of {} was kept as {}",
            ron.display(),
            copy.display()
        ),
        Err(e) => format!("; {} could not be copied ({e})", ron.display()),
    }
}

/// Copy `from` to a new file `to` readable by its owner only.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(to)?;
    std::io::copy(&mut std::fs::File::open(from)?, &mut out)?;
    Ok(())
}

/// The state, redacted as this version redacts: the history's texts and the last paste
/// (the query is redacted by `save_settings`, the incidents' names and notes by the
/// incident writes).
fn import_state(store: &Store, state: &SavedState) -> Result<(), StoreError> {
    store.save_settings(&state.explorer, state.theme, state.zoom)?;
    store.set_catalogs(&state.catalog_paths)?;
    for entry in state.history.entries.iter().rev() {
        let entry = HistoryEntry {
            text: stored_text(&entry.text),
            ..entry.clone()
        };
        store.record_history(&entry)?;
    }
    if !state.paste_text.is_empty() {
        store.save_paste(&StoredPaste {
            text: stored_text(&state.paste_text),
            total_bytes: state.paste_text.len(),
            state: PasteState::Analyzed,
        })?;
    }
    Ok(())
}

fn import_incidents(store: &Store, path: &std::path::Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let value: serde_json::Value = serde_json::from_str(&text)?;
    // A file that parses but is not a book of incidents (another program's, another
    // shape) would import as nothing: say so instead of setting it aside as imported.
    if !value
        .get("incidents")
        .is_some_and(serde_json::Value::is_array)
    {
        return Err(StoreError::Unrecognized(keys(&value)));
    }
    let book: IncidentBook = serde_json::from_value(value)?;
    for incident in &book.incidents {
        store.insert_incident(&redacted(incident))?;
    }
    let imported = suffixed(path, ".imported");
    std::fs::rename(path, &imported).map_err(io)?;
    // It holds what the earlier version did not redact.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&imported, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    }
    Ok(())
}

/// The top-level keys of a JSON value, to say what a file holds instead.
fn keys(value: &serde_json::Value) -> String {
    match value.as_object() {
        Some(map) if !map.is_empty() => {
            let names: Vec<&str> = map.keys().map(String::as_str).take(8).collect();
            format!("its keys are {}", names.join(", "))
        }
        Some(_) => "it is an empty object".into(),
        None => "it is not a JSON object".into(),
    }
}

/// An incident of an earlier version with its paste's facts redacted as this version
/// redacts them (its name and notes are redacted as they are written).
fn redacted(incident: &Incident) -> Incident {
    let mut incident = incident.clone();
    if let Some(facts) = &mut incident.paste {
        for text in [&mut facts.message, &mut facts.detail]
            .into_iter()
            .flatten()
        {
            *text = redact(text);
        }
        for (_, value) in &mut facts.evidence {
            *value = redact(value);
        }
        for line in &mut facts.signature {
            *line = redact(line);
        }
    }
    incident
}
