//! The error catalog: every row the app knows, its remediation steps and the spelling
//! of its codes. The bottom layer: it imports no other module of the crate.

mod classify;
mod code;
mod detail;
mod file;
mod fold;
mod kinds;
mod plain;
mod step;
mod texts;
mod traditional;

pub(crate) use classify::derive_fields;
pub(crate) use code::{catalog_code, code_digits, normalize_code};
pub(crate) use detail::{DetailWord, detail_words};
pub use file::{CatalogFile, EntryRecord, ParseError, SourceRecord};
pub(crate) use file::{parse_catalog, parse_catalog_reporting};
pub(crate) use fold::{after_chars, fold, narrow};
pub use kinds::{Category, WhoActs};
pub use step::Step;
pub(crate) use step::{AuthMode, EvidenceKey, steps_from_solution};

pub(crate) use step::restates_error;
pub(crate) use texts::{SharedText, Texts};

use texts::Field;

use std::any::Any;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// The data file compiled into the binary, so the app never depends on files at run time.
pub const EMBEDDED: &str = include_str!("../../data/catalog.toml");

/// One catalog (a table of errors from one documentation source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short stable id, e.g. `calling`; used in persisted state and on the command line.
    pub id: String,
    /// What the UI shows, e.g. "Calling APIs".
    pub(crate) title: String,
    /// Where the rows come from, shown in the detail pane.
    pub(crate) origin: String,
}

/// One row of a catalog. Identity is catalog + code + status + message (see [`RowKey`]):
/// codes repeat within a catalog (APIG.0201 has 7 rows) and across catalogs.
///
/// The texts live together (`Texts`) and the lists few rows have sit behind one
/// pointer: a row of a 100,000-row import is 64 bytes and one allocation, or none when
/// it comes from the catalog cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index into [`Catalog::sources`].
    pub(crate) source: usize,
    /// The HTTP status the gateway answers with.
    pub http_status: u16,
    /// What failed.
    pub(crate) category: Category,
    /// Who has to act; None where the catalog does not say (another service's table).
    pub(crate) who_acts: Option<WhoActs>,
    texts: Texts,
    lists: Option<Box<Lists>>,
}

/// What a row may carry besides its texts; most imported rows carry none of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lists {
    /// Words engineers type that the documentation text lacks.
    pub(crate) keywords: Vec<String>,
    /// Other wordings of the message seen in newer documentation or responses.
    pub(crate) aliases: Vec<String>,
    /// The texts the gateway appends after this row's message ("verify aksk signature
    /// fail"), which customers quote alone. `{name}` stands for one word of the
    /// gateway's own (an AK): see [`detail_words`].
    pub(crate) details: Vec<String>,
    /// The curated remediation steps; empty when the data file has none (see
    /// [`Entry::checklist`]).
    pub(crate) steps: Vec<Step>,
    /// Extra columns of an imported table, as (column, value).
    pub(crate) extra: Vec<(String, String)>,
}

impl Lists {
    fn is_empty(&self) -> bool {
        self.keywords.is_empty()
            && self.aliases.is_empty()
            && self.details.is_empty()
            && self.steps.is_empty()
            && self.extra.is_empty()
    }
}

impl Entry {
    /// A row with its texts and lists (those few rows have go behind one pointer).
    pub(crate) fn new(
        source: usize,
        http_status: u16,
        (category, who_acts): (Category, Option<WhoActs>),
        texts: Texts,
        lists: Lists,
    ) -> Self {
        Entry {
            source,
            http_status,
            category,
            who_acts,
            texts,
            lists: (!lists.is_empty()).then(|| Box::new(lists)),
        }
    }

    /// The code in its catalog spelling (`APIG.0308`).
    pub fn code(&self) -> &str {
        self.texts.get(Field::Code)
    }

    /// The error message, as the gateway writes it.
    pub fn message(&self) -> &str {
        self.texts.get(Field::Message)
    }

    /// What the error means.
    pub fn description(&self) -> &str {
        self.texts.get(Field::Description)
    }

    /// What to do about it.
    pub fn solution(&self) -> &str {
        self.texts.get(Field::Solution)
    }

    /// The row's texts, together.
    pub(crate) fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The lists few rows have (keywords, aliases, details, steps, extra columns), if any.
    pub(crate) fn lists(&self) -> Option<&Lists> {
        self.lists.as_deref()
    }

    /// Words customers use for the error that its text does not contain.
    pub fn keywords(&self) -> &[String] {
        self.lists().map_or(&[], |l| &l.keywords)
    }

    /// Other spellings of the code.
    pub(crate) fn aliases(&self) -> &[String] {
        self.lists().map_or(&[], |l| &l.aliases)
    }

    /// What the gateway appends after the message for this row.
    pub fn details(&self) -> &[String] {
        self.lists().map_or(&[], |l| &l.details)
    }

    /// The curated checklist (empty for rows without one).
    pub(crate) fn steps(&self) -> &[Step] {
        self.lists().map_or(&[], |l| &l.steps)
    }

    /// Columns of an imported table that have no field of their own.
    pub fn extra(&self) -> &[(String, String)] {
        self.lists().map_or(&[], |l| &l.extra)
    }

    /// The remediation checklist: the curated steps, or one per sentence of the solution,
    /// without the steps that only restate the error ("The status is 504."): a row whose
    /// solution names nothing to do has none. Derived when asked rather than stored, so a
    /// 100,000-row import does not hold its solutions twice.
    pub fn checklist(&self) -> Cow<'_, [Step]> {
        let restates =
            |s: &Step| restates_error(&s.text, self.code(), self.http_status, self.message());
        if self.steps().is_empty() {
            let mut steps = steps_from_solution(self.solution());
            steps.retain(|s| !restates(s));
            Cow::Owned(steps)
        } else if self.steps().iter().any(restates) {
            Cow::Owned(
                self.steps()
                    .iter()
                    .filter(|s| !restates(s))
                    .cloned()
                    .collect(),
            )
        } else {
            Cow::Borrowed(self.steps())
        }
    }
}

/// The persistent identity of a row, stable across catalog edits that reorder rows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RowKey {
    /// The id of the row's catalog.
    pub(crate) catalog: String,
    /// The code in its catalog spelling.
    pub(crate) code: String,
    /// The HTTP status.
    pub(crate) http_status: u16,
    /// The message.
    pub(crate) message: String,
}

/// All loaded catalogs, rows in catalog order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// The catalogs, embedded first, in load order.
    pub sources: Vec<Source>,
    /// Every row of every catalog, in catalog order. Rows are added (by [`Catalog::merge`]
    /// or while a catalog is read), never edited in place: what `Catalog::derived`
    /// keeps would no longer be theirs.
    pub entries: Vec<Entry>,
    derived: Derived,
}

/// What an upper layer works out from every row (the analysis's rows by code and by
/// message), kept with the rows so that it is worked out once per catalog, not once per
/// use, with the shape of the rows it was worked out from.
#[derive(Default)]
struct Derived(OnceLock<(Shape, Arc<dyn Any + Send + Sync>)>);

/// Where the rows are and how many: rows added since change it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Shape {
    rows_at: usize,
    rows: usize,
    sources: usize,
}

/// A copy of a catalog works its own out: its rows are elsewhere.
impl Clone for Derived {
    fn clone(&self) -> Self {
        Derived::default()
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "Derived(kept)"
        } else {
            "Derived(none)"
        })
    }
}

impl Catalog {
    /// The catalog compiled into the binary. The data file is validated by the test suite,
    /// so a parse failure here is a build defect, not a user error.
    pub fn embedded() -> Self {
        parse_catalog(EMBEDDED).expect("the embedded catalog is validated by `cargo test`")
    }

    /// A catalog of these rows.
    pub(crate) fn new(sources: Vec<Source>, entries: Vec<Entry>) -> Self {
        Catalog {
            sources,
            entries,
            derived: Derived::default(),
        }
    }

    /// What `make` works out from the rows, worked out on the first call and kept for the
    /// next ones while the rows stay the same. One upper-layer type is kept (the
    /// analysis's index); another is worked out anew on each call, as are calls made once
    /// rows were added.
    pub(crate) fn derived<T: Any + Send + Sync>(&self, make: impl FnOnce(&Catalog) -> T) -> Arc<T> {
        let shape = self.shape();
        if let Some((made_for, kept)) = self.derived.0.get() {
            return match Arc::clone(kept).downcast::<T>() {
                Ok(kept) if *made_for == shape => kept,
                _ => Arc::new(make(self)),
            };
        }
        let made = Arc::new(make(self));
        let kept: Arc<dyn Any + Send + Sync> = Arc::clone(&made) as _;
        // Another thread may have kept its own meanwhile: both were made from these rows.
        let _ = self.derived.0.set((shape, kept));
        made
    }

    /// The same rows, their shared text read from `to` instead of `from`, which must
    /// hold the same bytes (see `cache::own_map`).
    pub(crate) fn text_moved(&self, from: &Arc<SharedText>, to: &Arc<SharedText>) -> Catalog {
        let mut moved = self.clone();
        for e in &mut moved.entries {
            e.texts = e.texts.moved(from, to);
        }
        // The same rows in the same order, their bytes the same: what was worked out from
        // them (the analysis's index, made at load) holds for the copy, and is not made
        // again on its first analysis.
        if let Some((made_for, kept)) = self.derived.0.get()
            && *made_for == self.shape()
        {
            let _ = moved.derived.0.set((moved.shape(), Arc::clone(kept)));
        }
        moved
    }

    /// These rows, read back from a cache written from `parsed` (the same rows in the
    /// same order), keep what was worked out from `parsed`: without it the analysis's
    /// index, made while the cache was written, was dropped with the parsed rows and made
    /// again by the first paste (seconds with 100,000 rows). Rows that differ in number
    /// or catalogs keep nothing.
    pub(crate) fn keeping_derived_of(self, parsed: &Catalog) -> Catalog {
        if let Some((made_for, kept)) = parsed.derived.0.get()
            && *made_for == parsed.shape()
            && self.entries.len() == parsed.entries.len()
            && self.sources == parsed.sources
        {
            let _ = self.derived.0.set((self.shape(), Arc::clone(kept)));
        }
        self
    }

    /// Where the rows are and how many, for [`Catalog::derived`].
    fn shape(&self) -> Shape {
        Shape {
            rows_at: self.entries.as_ptr().addr(),
            rows: self.entries.len(),
            sources: self.sources.len(),
        }
    }

    /// The catalog `entry` belongs to.
    pub fn source_of(&self, entry: &Entry) -> &Source {
        &self.sources[entry.source]
    }

    /// The persistent identity of the row at `row`.
    pub(crate) fn key_of(&self, row: usize) -> RowKey {
        let e = &self.entries[row];
        RowKey {
            catalog: self.sources[e.source].id.clone(),
            code: e.code().to_string(),
            http_status: e.http_status,
            message: e.message().to_string(),
        }
    }

    /// The row `key` names now, if it is still loaded.
    pub fn find(&self, key: &RowKey) -> Option<usize> {
        (0..self.entries.len()).find(|&i| {
            let e = &self.entries[i];
            e.http_status == key.http_status
                && e.code() == key.code
                && e.message() == key.message
                && self.sources[e.source].id == key.catalog
        })
    }

    /// Rows of the same catalog that share this row's code (APIG.0201 has 7 variants).
    pub(crate) fn variants_of(&self, row: usize) -> Vec<usize> {
        let e = &self.entries[row];
        (0..self.entries.len())
            .filter(|&i| {
                i != row && self.entries[i].source == e.source && self.entries[i].code() == e.code()
            })
            .collect()
    }

    /// Rows in other catalogs with the same code: the code means something else there.
    pub(crate) fn collisions_of(&self, row: usize) -> Vec<usize> {
        let e = &self.entries[row];
        (0..self.entries.len())
            .filter(|&i| self.entries[i].source != e.source && self.entries[i].code() == e.code())
            .collect()
    }
}

/// Why another catalog cannot join the loaded ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("a catalog with id {0:?} is already loaded")]
    DuplicateId(String),
}

impl Catalog {
    /// Add another catalog's sources and rows. A catalog id that is already loaded is
    /// refused, so one file loaded twice does not double every row.
    pub fn merge(&mut self, other: Catalog) -> Result<(), MergeError> {
        if let Some(dup) = other
            .sources
            .iter()
            .find(|s| self.sources.iter().any(|t| t.id == s.id))
        {
            return Err(MergeError::DuplicateId(dup.id.clone()));
        }
        let offset = self.sources.len();
        self.derived = Derived::default();
        self.sources.extend(other.sources);
        self.entries.extend(other.entries.into_iter().map(|mut e| {
            e.source += offset;
            e
        }));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_with_its_text_moved_keeps_what_was_worked_out_from_its_rows() {
        let catalog = Catalog::embedded();
        let made = catalog.derived(|c| c.entries.len());
        let text = || Arc::new(SharedText(Box::new(b"rows".as_slice())));
        let moved = catalog.text_moved(&text(), &text());
        assert!(
            Arc::ptr_eq(&made, &moved.derived(|_| usize::MAX)),
            "the moved rows' index is the one made at load, not made again"
        );
        assert_eq!(
            *catalog.clone().derived(|_| usize::MAX),
            usize::MAX,
            "a plain copy works its own out"
        );
    }

    #[test]
    fn rows_read_back_keep_what_was_worked_out_from_the_parsed_ones() {
        let parsed = Catalog::embedded();
        let made = parsed.derived(|c| c.entries.len());
        let read_back = Catalog::embedded().keeping_derived_of(&parsed);
        assert!(
            Arc::ptr_eq(&made, &read_back.derived(|_| usize::MAX)),
            "the read-back rows use the index made at load, not one made by the first paste"
        );
        let mut fewer = Catalog::embedded();
        fewer.entries.pop();
        assert_eq!(
            *fewer.keeping_derived_of(&parsed).derived(|_| usize::MAX),
            usize::MAX,
            "other rows work their own out"
        );
    }

    #[test]
    fn a_row_stays_64_bytes_with_its_rare_lists_behind_one_pointer() {
        assert_eq!(std::mem::size_of::<Entry>(), 64);
        let catalog = Catalog::embedded();
        let row = catalog
            .entries
            .iter()
            .find(|e| e.code() == "APIG.0301")
            .expect("embedded row");
        assert!(
            row.details()
                .contains(&"verify aksk signature fail".to_string())
        );
    }
}
