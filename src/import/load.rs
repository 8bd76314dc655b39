//! Catalog files the engineer adds at run time: the app's TOML format or a
//! documentation page with RST grid tables. Reads are bounded by type and size before
//! anything is read, so a FIFO, a device or a huge file is refused, not waited on.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::table::import_rst_reporting;
use crate::binary::checksum;
use crate::catalog::{Catalog, ParseError, parse_catalog_reporting};

/// A catalog file larger than this is refused (the 100,000-row test catalog is 41 MB).
pub(crate) const MAX_CATALOG_BYTES: u64 = 256 * 1024 * 1024;

/// A loaded file: its catalog, and notes about the import (unmapped columns, ...).
#[derive(Debug)]
pub struct LoadedFile {
    /// The rows.
    pub catalog: Catalog,
    /// What the import could not map, and similar notes.
    pub(crate) notes: Vec<String>,
    /// The file as it was read; None for text that came from no file, or from a file
    /// system without modification times.
    pub(crate) stamp: Option<Stamp>,
}

/// What a catalog file was when it was read. The catalog cache keys rows by the very
/// bytes they were parsed from, so a file changed after it was read is never cached as
/// its new self.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) size: u64,
    /// Nanoseconds since the Unix epoch.
    pub(crate) modified: u64,
    /// [`checksum`] of the bytes.
    pub(crate) content: u64,
}

impl Stamp {
    /// `bytes`, read from a file whose metadata `meta` was taken before the read (a file
    /// written during the read then shows a later time than the stamp's).
    pub(crate) fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> Option<Stamp> {
        Stamp::summed(meta, bytes.len() as u64, checksum(bytes))
    }

    /// [`Stamp::of`] for `size` bytes whose [`checksum`] was taken as they were read.
    pub(crate) fn summed(meta: &std::fs::Metadata, size: u64, content: u64) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size,
            modified: modified.as_nanos() as u64,
            content,
        })
    }
}

/// Why a catalog file could not be loaded; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (missing, no permission).
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A directory or a device, not a file.
    #[error("{}: not a regular file (a catalog is a .toml or .rst file)", path.display())]
    NotAFile {
        /// What was named.
        path: PathBuf,
    },
    /// Bigger than such a file may be (a catalog, a team note).
    #[error("{}: {size} bytes is more than the {limit} bytes such a file may have", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The most that is read of it.
        limit: u64,
    },
    /// Read, but not a valid catalog.
    #[error("{}: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        source: ParseError,
    },
}

/// Read `path` as a catalog. The error says which file, which line and why.
pub fn load_file(path: &Path) -> Result<LoadedFile, LoadError> {
    load_file_reporting(path, &mut |_| {})
}

/// [`load_file`], saying how far through the file it is (percent) now and then (a
/// TOML file under 256 KiB is parsed in one go and says nothing).
pub(crate) fn load_file_reporting(
    path: &Path,
    percent: &mut dyn FnMut(u8),
) -> Result<LoadedFile, LoadError> {
    let (text, stamp) = read_stamped(path, MAX_CATALOG_BYTES)?;
    crate::trace::mark("file read");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "catalog".into());
    let loaded = load_text_reporting(&text, &stem, &path.display().to_string(), percent);
    let loaded = loaded.map_err(|source| LoadError::Parse {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(LoadedFile { stamp, ..loaded })
}

/// The text of a regular file of at most `limit` bytes; bytes that are not UTF-8 are
/// replaced. The type is checked before the file is opened for reading, so a FIFO never
/// blocks, and the read stops at the limit even if the file grows meanwhile.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> Result<String, LoadError> {
    read_bytes(path, limit).map(|(bytes, _)| into_text(bytes))
}

/// [`read_bounded`], with the stamp of the bytes read (for the catalog cache).
fn read_stamped(path: &Path, limit: u64) -> Result<(String, Option<Stamp>), LoadError> {
    let (bytes, meta) = read_bytes(path, limit)?;
    let stamp = Stamp::of(&meta, &bytes);
    Ok((into_text(bytes), stamp))
}

/// The bytes of a regular file of at most `limit` bytes, with its metadata as it was
/// before the read.
fn read_bytes(path: &Path, limit: u64) -> Result<(Vec<u8>, std::fs::Metadata), LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > limit {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut bytes))
        .map_err(read_error)?;
    Ok((bytes, meta))
}

/// Valid UTF-8 (nearly always) becomes the string without a copy; other bytes are
/// replaced.
fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Read `text` (named `stem`, from `origin`) as TOML when it looks like it, else as RST.
pub fn load_text(text: &str, stem: &str, origin: &str) -> Result<LoadedFile, ParseError> {
    load_text_reporting(text, stem, origin, &mut |_| {})
}

fn load_text_reporting(
    text: &str,
    stem: &str,
    origin: &str,
    percent: &mut dyn FnMut(u8),
) -> Result<LoadedFile, ParseError> {
    if text.contains("[[entry]]") || text.contains("[[catalog]]") {
        return parse_catalog_reporting(text, percent).map(|catalog| LoadedFile {
            catalog,
            notes: Vec::new(),
            stamp: None,
        });
    }
    let (file, report) = import_rst_reporting(text, stem, &title_of(stem), origin, percent);
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
        stamp: None,
    })
}

/// "virtual-private-cloud" -> "Virtual Private Cloud".
pub(crate) fn title_of(stem: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::MergeError;

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
        assert_eq!(
            catalog.merge(again.catalog),
            Err(MergeError::DuplicateId("virtual-private-cloud".into()))
        );
        let toml = load_text(crate::catalog::EMBEDDED, "x", "x").unwrap();
        assert!(catalog.merge(toml.catalog).is_err());
    }

    #[test]
    fn broken_files_say_where_and_why() {
        let err = load_text("[[entry]]\ncatalog = 1\n", "x", "x").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = load_text("just some notes", "x", "x").unwrap_err();
        assert!(err.reason.contains("no error table"), "{err}");
        let err = load_file(Path::new("/nonexistent/table.rst")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/table.rst"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let fifo = std::env::temp_dir().join(format!("apig-fifo-{}.rst", std::process::id()));
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let err = load_file(&fifo).unwrap_err();
        assert!(matches!(err, LoadError::NotAFile { .. }), "{err}");
        std::fs::remove_file(&fifo).ok();
    }

    #[test]
    fn directories_and_devices_are_refused_without_reading() {
        let dir = load_file(&std::env::temp_dir()).unwrap_err();
        assert!(matches!(dir, LoadError::NotAFile { .. }), "{dir}");
        let zero = load_file(Path::new("/dev/zero")).unwrap_err();
        assert!(zero.to_string().contains("not a regular file"), "{zero}");
    }
}
