//! The team folder on the command line: `notes` lists and writes notes, and the other
//! subcommands read the folder's catalogs, vocabulary and notes through [`TeamUse`].

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{CliError, Found, NotesAction};
use crate::catalog::Catalog;
use crate::team::{Note, Team, new_note, notes_markdown};

/// A note as `notes --json` prints it.
#[derive(Debug, Serialize)]
pub(crate) struct NoteRow {
    /// The codes as the note writes them (`APIG.0308`, `calling:APIG.0201 504`).
    pub codes: Vec<String>,
    pub title: String,
    pub author: String,
    pub updated: Option<String>,
    /// Relative to the team folder.
    pub file: String,
    /// The note's `- [ ]` steps.
    pub steps: Vec<String>,
}

impl NoteRow {
    pub(crate) fn of(note: &Note) -> Self {
        NoteRow {
            codes: note.codes.iter().map(|c| c.written()).collect(),
            title: note.title.clone(),
            author: note.author.clone(),
            updated: note.updated.clone(),
            file: note.file.display().to_string(),
            steps: note.steps.clone(),
        }
    }
}

/// The team folder a subcommand reads, if one was given; its bad files are named on
/// standard error, once.
pub(crate) struct TeamUse {
    pub team: Option<Team>,
}

impl TeamUse {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Self, CliError> {
        let team = dir.map(Team::load).transpose()?;
        for p in team.iter().flat_map(|t| &t.problems) {
            eprintln!("apig-explorer: team folder: {p}");
        }
        Ok(TeamUse { team })
    }

    /// `files` and the team's catalog files.
    pub(crate) fn catalogs(&self, files: &[PathBuf]) -> Vec<PathBuf> {
        let team = self.team.iter().flat_map(|t| t.catalogs.iter().cloned());
        files.iter().cloned().chain(team).collect()
    }

    /// The notes about row `row` of `catalog`.
    pub(crate) fn notes_for(&self, catalog: &Catalog, row: usize) -> Vec<&Note> {
        self.team
            .as_ref()
            .map(|t| t.notes_for(catalog, row))
            .unwrap_or_default()
    }

    /// The notes about any of `rows`, each once, in the folder's order.
    pub(crate) fn notes_for_rows(&self, catalog: &Catalog, rows: &[usize]) -> Vec<&Note> {
        let mut out: Vec<&Note> = Vec::new();
        for &row in rows {
            for n in self.notes_for(catalog, row) {
                if !out.iter().any(|o| o.file == n.file) {
                    out.push(n);
                }
            }
        }
        out
    }

    /// The notes about row `row`, as Markdown (empty without any).
    pub(crate) fn markdown_for(&self, catalog: &Catalog, row: usize) -> String {
        notes_markdown(&self.notes_for(catalog, row))
    }
}

/// `notes`: list the notes (about `code` when given), or write a new one.
pub(crate) fn notes(
    dir: Option<&Path>,
    code: Option<&str>,
    action: Option<NotesAction>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let dir = dir.ok_or(CliError::NoTeam)?;
    if let Some(NotesAction::New { code, author }) = action {
        let author = author.unwrap_or_else(crate::team::login_name);
        let path = new_note(dir, &code, &author)?;
        writeln!(out, "{}", path.display())?;
        eprintln!(
            "apig-explorer: wrote a new note from the template; edit it, then commit it \
             (git add, git commit, git push)"
        );
        return Ok(Found::Yes);
    }
    let TeamUse { team } = TeamUse::load(Some(dir))?;
    let Some(team) = team else {
        return Err(CliError::NoTeam);
    };
    let (catalog, _) = crate::session::load_strict(&team.catalogs)?;
    for p in team.unattached(&catalog) {
        eprintln!("apig-explorer: team folder: {p}");
    }
    let notes: Vec<&Note> = match code {
        Some(code) => team.notes_for_code(code),
        None => team.notes.iter().collect(),
    };
    let rows: Vec<NoteRow> = notes.iter().map(|n| NoteRow::of(n)).collect();
    if json {
        writeln!(out, "{}", super::json::to_json(&rows)?)?;
    } else {
        for r in &rows {
            writeln!(
                out,
                "{}  {}  ({}; {})",
                r.codes.join(", "),
                r.title,
                r.author,
                r.file
            )?;
        }
        if rows.is_empty() {
            let about = code.map(|c| format!(" about {c}")).unwrap_or_default();
            eprintln!("no team note{about} in {}", dir.display());
        }
    }
    Ok(if rows.is_empty() {
        Found::No
    } else {
        Found::Yes
    })
}
