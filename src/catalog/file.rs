//! The app's catalog data format (TOML: a `[[catalog]]` block per catalog and an
//! `[[entry]]` block per row), parsed and validated into a [`Catalog`].

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::step::Step;
use super::{Catalog, Category, Entry, Source, WhoActs, derive_fields};

/// The file as written on disk; also what the importer produces.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    #[serde(default)]
    pub catalog: Vec<SourceRecord>,
    #[serde(default)]
    pub entry: Vec<EntryRecord>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRecord {
    pub catalog: String,
    pub code: String,
    pub http_status: u16,
    pub message: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub solution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_acts: Option<WhoActs>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The checklist; written as `[[entry.step]]` blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step: Vec<Step>,
    /// Columns of an imported table that have no field of their own (e.g. `Module`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Why a catalog file was rejected, with the line where that is known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ParseError {
    pub line: Option<usize>,
    pub reason: String,
}

/// Parse and validate a catalog file: every entry names a declared catalog and no entry
/// repeats another in every field. (Rows that share code, status and message but differ
/// elsewhere exist in real tables, e.g. per VPC module; the embedded catalog's tests
/// require unique identities.)
pub fn parse_catalog(text: &str) -> Result<Catalog, ParseError> {
    let file: CatalogFile = toml::from_str(text).map_err(|e| ParseError {
        line: e.span().map(|s| line_of(text, s.start)),
        reason: e.message().to_string(),
    })?;
    file.into_catalog()
}

impl CatalogFile {
    pub fn into_catalog(self) -> Result<Catalog, ParseError> {
        let sources: Vec<Source> = self
            .catalog
            .into_iter()
            .map(|s| Source {
                id: s.id,
                title: s.title,
                origin: s.source,
            })
            .collect();
        let entries = self
            .entry
            .into_iter()
            .enumerate()
            .map(|(n, rec)| {
                rec.into_entry(&sources).map_err(|reason| ParseError {
                    line: None,
                    reason: format!("entry {}: {reason}", n + 1),
                })
            })
            .collect::<Result<Vec<Entry>, ParseError>>()?;
        // Identities borrow the rows: a 100,000-row file is not copied to be checked.
        let mut seen = HashSet::with_capacity(entries.len());
        for (n, entry) in entries.iter().enumerate() {
            let identity = (
                entry.source,
                &entry.code,
                entry.http_status,
                &entry.message,
                &entry.description,
                &entry.solution,
                &entry.extra,
            );
            if !seen.insert(identity) {
                return Err(ParseError {
                    line: None,
                    reason: format!(
                        "entry {}: duplicate row {} {} {:?}",
                        n + 1,
                        entry.code,
                        entry.http_status,
                        entry.message
                    ),
                });
            }
        }
        drop(seen);
        Ok(Catalog { sources, entries })
    }
}

impl EntryRecord {
    fn into_entry(self, sources: &[Source]) -> Result<Entry, String> {
        let source = sources
            .iter()
            .position(|s| s.id == self.catalog)
            .ok_or_else(|| format!("unknown catalog {:?}", self.catalog))?;
        if self.code.trim().is_empty() {
            return Err("empty code".into());
        }
        let (derived_category, derived_who) =
            derive_fields(self.http_status, &self.message, &self.solution);
        // The rule knows APIG's errors; another service's rows say who acts only when
        // their file does.
        let who_acts = self
            .who_acts
            .or_else(|| is_apig(&self.code).then_some(derived_who));
        Ok(Entry {
            source,
            code: self.code.into(),
            http_status: self.http_status,
            message: self.message.into(),
            description: self.description.into(),
            solution: self.solution.into(),
            category: self.category.unwrap_or(derived_category),
            who_acts,
            keywords: self.keywords.into(),
            aliases: self.aliases.into(),
            steps: self.step.into(),
            extra: self.extra.into_iter().collect(),
        })
    }
}

/// An API Gateway code (`APIG.0301`, `APIC.7211`), whose who-acts rule applies.
fn is_apig(code: &str) -> bool {
    code.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("apig") || p.eq_ignore_ascii_case("apic"))
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
