//! The error catalog: every row the app knows, loaded from the embedded data file
//! (and, later, from files the user adds). Pure data, no UI types.

mod classify;
pub mod file;
mod kinds;
mod load;

pub use classify::derive_fields;
pub use file::{CatalogFile, ParseError, parse_catalog};
pub use kinds::{Category, WhoActs};
pub use load::{LoadedFile, load_file, load_text, title_of};

use std::borrow::Cow;

use crate::checklist::{Step, steps_from_solution};

/// The data file compiled into the binary, so the app never depends on files at run time.
pub const EMBEDDED: &str = include_str!("../../data/catalog.toml");

/// One catalog (a table of errors from one documentation source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short stable id, e.g. `calling`; used in persisted state and on the command line.
    pub id: String,
    /// What the UI shows, e.g. "Calling APIs".
    pub title: String,
    /// Where the rows come from, shown in the detail pane.
    pub origin: String,
}

/// One row of a catalog. Identity is catalog + code + status + message (see [`RowKey`]):
/// codes repeat within a catalog (APIG.0201 has 7 rows) and across catalogs.
///
/// Text fields are `Box<str>` and lists `Box<[T]>`: rows never grow after loading, and
/// without the spare capacity word a 100,000-row catalog is 6 MB smaller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index into [`Catalog::sources`].
    pub source: usize,
    pub code: Box<str>,
    pub http_status: u16,
    pub message: Box<str>,
    pub description: Box<str>,
    pub solution: Box<str>,
    pub category: Category,
    pub who_acts: WhoActs,
    /// Words engineers type that the documentation text lacks.
    pub keywords: Box<[String]>,
    /// Other wordings of the message seen in newer documentation or responses.
    pub aliases: Box<[String]>,
    /// The curated remediation steps; empty when the data file has none (see
    /// [`Entry::checklist`]).
    pub steps: Box<[Step]>,
    /// Extra columns of an imported table, as (column, value).
    pub extra: Box<[(String, String)]>,
}

impl Entry {
    /// The remediation checklist: the curated steps, or one per sentence of the solution.
    /// Derived when asked rather than stored, so a 100,000-row import does not hold its
    /// solutions twice.
    pub fn checklist(&self) -> Cow<'_, [Step]> {
        if self.steps.is_empty() {
            Cow::Owned(steps_from_solution(&self.solution))
        } else {
            Cow::Borrowed(&self.steps)
        }
    }
}

/// The persistent identity of a row, stable across catalog edits that reorder rows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RowKey {
    pub catalog: String,
    pub code: String,
    pub http_status: u16,
    pub message: String,
}

/// All loaded catalogs, rows in catalog order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub sources: Vec<Source>,
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// The catalog compiled into the binary. The data file is validated by the test suite,
    /// so a parse failure here is a build defect, not a user error.
    pub fn embedded() -> Self {
        parse_catalog(EMBEDDED).expect("the embedded catalog is validated by `cargo test`")
    }

    pub fn source_of(&self, entry: &Entry) -> &Source {
        &self.sources[entry.source]
    }

    pub fn key_of(&self, row: usize) -> RowKey {
        let e = &self.entries[row];
        RowKey {
            catalog: self.sources[e.source].id.clone(),
            code: e.code.to_string(),
            http_status: e.http_status,
            message: e.message.to_string(),
        }
    }

    pub fn find(&self, key: &RowKey) -> Option<usize> {
        (0..self.entries.len()).find(|&i| {
            let e = &self.entries[i];
            *e.code == *key.code
                && e.http_status == key.http_status
                && *e.message == *key.message
                && self.sources[e.source].id == key.catalog
        })
    }

    /// Rows of the same catalog that share this row's code (APIG.0201 has 7 variants).
    pub fn variants_of(&self, row: usize) -> Vec<usize> {
        let e = &self.entries[row];
        (0..self.entries.len())
            .filter(|&i| {
                i != row && self.entries[i].source == e.source && self.entries[i].code == e.code
            })
            .collect()
    }

    /// Rows in other catalogs with the same code: the code means something else there.
    pub fn collisions_of(&self, row: usize) -> Vec<usize> {
        let e = &self.entries[row];
        (0..self.entries.len())
            .filter(|&i| self.entries[i].source != e.source && self.entries[i].code == e.code)
            .collect()
    }
}

#[cfg(test)]
mod tests;
