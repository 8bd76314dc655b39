//! Catalog files the engineer adds at run time: the app's TOML format or a
//! documentation page with RST grid tables.

use std::path::Path;

use super::file::ParseError;
use super::{Catalog, parse_catalog};
use crate::import::table::import_rst;

/// A loaded file: its catalog, and notes about the import (unmapped columns, ...).
#[derive(Debug)]
pub struct LoadedFile {
    pub catalog: Catalog,
    pub notes: Vec<String>,
}

/// Read `path` as a catalog. The error says which file, which line and why.
pub fn load_file(path: &Path) -> Result<LoadedFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "catalog".into());
    load_text(&text, &stem, &path.display().to_string())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Read `text` (named `stem`, from `origin`) as TOML when it looks like it, else as RST.
pub fn load_text(text: &str, stem: &str, origin: &str) -> Result<LoadedFile, ParseError> {
    if text.contains("[[entry]]") || text.contains("[[catalog]]") {
        return parse_catalog(text).map(|catalog| LoadedFile {
            catalog,
            notes: Vec::new(),
        });
    }
    let (file, report) = import_rst(text, stem, &title_of(stem), origin);
    if report.rows == 0 {
        return Err(ParseError {
            line: None,
            reason: format!(
                "no error table found (a catalog is a TOML file with [[entry]] blocks or an RST page with an \"Error Code\" column){}",
                report
                    .problems
                    .first()
                    .map(|p| format!("; {p}"))
                    .unwrap_or_default()
            ),
        });
    }
    let mut notes = report.problems;
    if !report.extra_columns.is_empty() {
        notes.push(format!(
            "kept as extra fields: {}",
            report.extra_columns.join(", ")
        ));
    }
    Ok(LoadedFile {
        catalog: file.into_catalog()?,
        notes,
    })
}

/// "virtual-private-cloud" -> "Virtual Private Cloud".
pub fn title_of(stem: &str) -> String {
    stem.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Catalog {
    /// Add another catalog's sources and rows. A catalog id that is already loaded is
    /// refused, so one file loaded twice does not double every row.
    pub fn merge(&mut self, other: Catalog) -> Result<(), String> {
        if let Some(dup) = other
            .sources
            .iter()
            .find(|s| self.sources.iter().any(|t| t.id == s.id))
        {
            return Err(format!("a catalog with id {:?} is already loaded", dup.id));
        }
        let offset = self.sources.len();
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

    const RST: &str = "+------------+--------+---------+\n| Error Code | Status | Message |\n+============+========+=========+\n| VPC.0101   | 400    | Bad.    |\n+------------+--------+---------+\n";

    #[test]
    fn rst_and_toml_files_load_and_merge() {
        let mut catalog = Catalog::embedded();
        let before = catalog.entries.len();
        let loaded = load_text(RST, "virtual-private-cloud", "test").unwrap();
        assert_eq!(loaded.catalog.sources[0].title, "Virtual Private Cloud");
        catalog.merge(loaded.catalog).unwrap();
        assert_eq!(catalog.entries.len(), before + 1);
        let last = catalog.entries.last().unwrap();
        assert_eq!(catalog.source_of(last).id, "virtual-private-cloud");
        let again = load_text(RST, "virtual-private-cloud", "test").unwrap();
        assert!(
            catalog
                .merge(again.catalog)
                .unwrap_err()
                .contains("already loaded")
        );
        let toml = load_text(super::super::EMBEDDED, "x", "x").unwrap();
        assert!(catalog.merge(toml.catalog).is_err());
    }

    #[test]
    fn broken_files_say_where_and_why() {
        let err = load_text("[[entry]]\ncatalog = 1\n", "x", "x").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = load_text("just some notes", "x", "x").unwrap_err();
        assert!(err.reason.contains("no error table"), "{err}");
        let err = load_file(Path::new("/nonexistent/table.rst"))
            .err()
            .unwrap();
        assert!(err.contains("/nonexistent/table.rst"), "{err}");
    }
}
