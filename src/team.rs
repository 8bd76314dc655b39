//! A team folder: the field notes, catalogs and vocabulary a support team shares, usually
//! as a git clone. The app never runs git: it reads the folder (here), and writes a note
//! only when asked (`write.rs`), as a new file the engineer commits.
//!
//! Layout: `notes/*.md` (see `note.rs`), `catalogs/*.toml` and `catalogs/*.rst` (loaded
//! like `--catalog` files), `vocabulary.toml` (merged with `data/vocabulary.toml`). A
//! bad file is a [`Problem`] naming it and its line; the rest loads.

mod note;
mod write;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::import::{MAX_CATALOG_BYTES, load_file, read_bounded};
use crate::search::{SearchIndex, Vocabulary};

pub(crate) use note::{CodeRef, Note};
pub(crate) use write::{NoteDraft, login_name, new_note, write_note};

/// A note is a page of text: anything bigger is not one.
const MAX_NOTE_BYTES: u64 = 1024 * 1024;

/// What is wrong with one file of the team folder; the others are read all the same.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct Problem {
    /// The file, relative to the team folder (`notes/x.md`).
    pub file: PathBuf,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// Why the team folder could not be read or written at all.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("team folder {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("team folder {}: not a directory", path.display())]
    NotADirectory { path: PathBuf },
    #[error("cannot write the note {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0:?} is not a code: write APIG.0308, or calling:APIG.0201 504")]
    NotACode(String),
}

/// A team folder as read.
#[derive(Clone)]
pub struct Team {
    /// The notes that could be read, by file name.
    pub notes: Vec<Note>,
    /// The catalog files that load, to be added like `--catalog` files.
    pub catalogs: Vec<PathBuf>,
    /// The team's `vocabulary.toml`, when it has one that parses.
    pub vocabulary: Option<Vocabulary>,
    /// The files that could not be read, and why.
    pub problems: Vec<Problem>,
}

impl Team {
    /// Read the folder `dir`. Only a folder that cannot be listed is an error.
    pub fn load(dir: &Path) -> Result<Team, TeamError> {
        let read_err = |source| TeamError::Read {
            path: dir.to_path_buf(),
            source,
        };
        let meta = std::fs::metadata(dir).map_err(read_err)?;
        if !meta.is_dir() {
            return Err(TeamError::NotADirectory {
                path: dir.to_path_buf(),
            });
        }
        let mut team = Team {
            notes: Vec::new(),
            catalogs: Vec::new(),
            vocabulary: None,
            problems: Vec::new(),
        };
        for sub in subfolders(&dir.join("notes")) {
            team.problems.push(problem(
                relative(dir, &sub),
                None,
                "a folder: notes are read from notes/ itself, not from its subfolders; \
                 move its notes up into notes/"
                    .into(),
            ));
        }
        for path in files(&dir.join("notes"), &["md", "markdown"]) {
            let file = relative(dir, &path);
            match read_bounded(&path, MAX_NOTE_BYTES) {
                Ok(text) => match note::parse(&text, &file) {
                    Ok(n) => team.notes.push(n),
                    Err(p) => team.problems.push(p),
                },
                Err(e) => team.problems.push(problem(file, None, e.to_string())),
            }
        }
        for path in files(&dir.join("catalogs"), &["toml", "rst"]) {
            team.add_catalog(dir, path);
        }
        let vocabulary = dir.join("vocabulary.toml");
        if vocabulary.exists() {
            team.add_vocabulary(dir, &vocabulary);
        }
        Ok(team)
    }

    /// A catalog file checked as `--catalog` loads it; kept only when it loads.
    fn add_catalog(&mut self, dir: &Path, path: PathBuf) {
        let file = relative(dir, &path);
        let text = match read_bounded(&path, MAX_CATALOG_BYTES) {
            Ok(text) => text,
            Err(e) => return self.problems.push(problem(file, None, e.to_string())),
        };
        if let Some(line) = note::conflict_line(&text) {
            return self.problems.push(conflicted(file, line));
        }
        match load_file(&path) {
            Ok(_) => self.catalogs.push(path),
            Err(crate::import::LoadError::Parse { source, .. }) => {
                self.problems
                    .push(problem(file, source.line, source.reason));
            }
            Err(e) => self.problems.push(problem(file, None, e.to_string())),
        }
    }

    fn add_vocabulary(&mut self, dir: &Path, path: &Path) {
        let file = relative(dir, path);
        let text = match read_bounded(path, MAX_NOTE_BYTES) {
            Ok(text) => text,
            Err(e) => return self.problems.push(problem(file, None, e.to_string())),
        };
        if let Some(line) = note::conflict_line(&text) {
            return self.problems.push(conflicted(file, line));
        }
        match Vocabulary::parse(&text) {
            Ok(v) => self.vocabulary = Some(v),
            Err(e) => {
                let line = e.span().map(|s| note::line_at(&text, s.start, 1));
                self.problems
                    .push(problem(file, line, e.message().trim().to_string()));
            }
        }
    }

    /// The codes of notes that name no row of `catalog`: such a note shows under no row,
    /// and its author is told rather than left to wonder where it went.
    pub(crate) fn unattached(&self, catalog: &Catalog) -> Vec<Problem> {
        let mut out = Vec::new();
        for n in &self.notes {
            for c in &n.codes {
                let named = catalog
                    .entries
                    .iter()
                    .any(|e| c.names(&catalog.source_of(e).id, e.code(), e.http_status));
                if !named {
                    out.push(problem(
                        n.file.clone(),
                        None,
                        format!(
                            "names {}, which no loaded catalog has: the note shows under no row for it",
                            c.written()
                        ),
                    ));
                }
            }
        }
        out
    }

    /// The notes about row `row` of `catalog`.
    pub fn notes_for(&self, catalog: &Catalog, row: usize) -> Vec<&Note> {
        let Some(e) = catalog.entries.get(row) else {
            return Vec::new();
        };
        let source = &catalog.source_of(e).id;
        self.notes
            .iter()
            .filter(|n| n.names(source, e.code(), e.http_status))
            .collect()
    }

    /// The notes naming `code` (any spelling), in any catalog or status.
    pub fn notes_for_code(&self, code: &str) -> Vec<&Note> {
        let wanted = crate::catalog::normalize_code(code);
        let digits = crate::catalog::code_digits(&wanted);
        self.notes
            .iter()
            .filter(|n| {
                n.codes.iter().any(|c| {
                    c.code == wanted
                        || (!wanted.contains('.') && crate::catalog::code_digits(&c.code) == digits)
                })
            })
            .collect()
    }

    /// Each row of `catalog` some note names, with the text of its notes.
    pub fn row_texts(&self, catalog: &Catalog) -> Vec<(usize, String)> {
        if self.notes.is_empty() {
            return Vec::new();
        }
        let codes: std::collections::HashSet<&str> = self
            .notes
            .iter()
            .flat_map(|n| n.codes.iter().map(|c| c.code.as_str()))
            .collect();
        let mut out = Vec::new();
        for (row, e) in catalog.entries.iter().enumerate() {
            // Most rows are named by no note: compare the code first.
            if !codes.contains(crate::catalog::normalize_code(e.code()).as_str()) {
                continue;
            }
            let text: Vec<String> = self
                .notes_for(catalog, row)
                .into_iter()
                .map(Note::text)
                .collect();
            if !text.is_empty() {
                out.push((row, text.join("\n")));
            }
        }
        out
    }

    /// Let `index` (of `catalog`) search the notes and the team's vocabulary.
    pub fn apply_to(&self, index: &SearchIndex, catalog: &Catalog) {
        index.set_team(self.vocabulary.as_ref(), &self.row_texts(catalog));
    }
}

fn problem(file: PathBuf, line: Option<usize>, message: String) -> Problem {
    Problem {
        file,
        line,
        message,
    }
}

fn conflicted(file: PathBuf, line: usize) -> Problem {
    problem(
        file,
        Some(line),
        "git conflict markers: resolve the merge (edit, `git add`, `git commit`); \
         the file is not read until then"
            .into(),
    )
}

/// `path` relative to `dir`, for messages (`notes/x.md`).
fn relative(dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(dir).unwrap_or(path).to_path_buf()
}

/// The folders in `dir` (hidden ones left out): a note put there would not be read, and
/// the engineer is told so rather than left to wonder.
fn subfolders(dir: &Path) -> Vec<PathBuf> {
    visible_entries(dir, Path::is_dir)
}

/// The files of `dir` (not below) with one of `extensions`, by name; hidden files (an
/// editor's or the note writer's temporary files) are skipped. No folder: none.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    visible_entries(dir, |p| {
        p.is_file()
            && p.extension()
                .is_some_and(|x| extensions.iter().any(|w| x.eq_ignore_ascii_case(w)))
    })
}

/// The entries of `dir` that `keep` accepts, by name, without hidden ones (a leading dot).
fn visible_entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            !hidden && keep(p)
        })
        .collect();
    out.sort();
    out
}

/// The notes as Markdown for `explain` and an incident: title, author, date and file,
/// and each note's steps marked as the team's.
pub(crate) fn notes_markdown(notes: &[&Note]) -> String {
    let mut out = String::new();
    if notes.is_empty() {
        return out;
    }
    let _ = writeln!(out, "**Team notes ({}):**\n", notes.len());
    for n in notes {
        let date = n
            .updated
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} ({}{date}; {})",
            n.title,
            n.author,
            n.file.display()
        );
        for step in &n.steps {
            let _ = writeln!(out, "  - [ ] {step} (team)");
        }
    }
    out
}

#[cfg(test)]
mod tests;
