//! Incidents on disk: written after every change (so a crash loses nothing), and a file
//! that cannot be read is moved aside and reported, never silently overwritten.

use std::path::{Path, PathBuf};

use crate::incident::IncidentBook;

/// Why the incidents could not be written; the work stays in memory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the incidents could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub struct IncidentStore {
    path: PathBuf,
}

/// What loading found: the incidents, and a problem to tell the engineer about.
pub struct Loaded {
    pub book: IncidentBook,
    pub problem: Option<String>,
}

impl IncidentStore {
    pub fn new(path: PathBuf) -> Self {
        IncidentStore { path }
    }

    /// Read the incidents. A missing file is an empty book; a damaged one is renamed to
    /// `<name>.damaged-<time>` so the next save cannot destroy it.
    pub fn load(&self) -> Loaded {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Loaded {
                    book: IncidentBook::default(),
                    problem: None,
                };
            }
            Err(e) => return self.set_aside(&e.to_string()),
        };
        match serde_json::from_str(&text) {
            Ok(book) => Loaded {
                book,
                problem: None,
            },
            Err(e) => self.set_aside(&e.to_string()),
        }
    }

    fn set_aside(&self, reason: &str) -> Loaded {
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("json.damaged-{stamp}"));
        let problem = match std::fs::rename(&self.path, &aside) {
            Ok(()) => format!(
                "The incidents file could not be read ({reason}). It was kept as {}; starting with no incidents.",
                aside.display()
            ),
            Err(e) => format!(
                "The incidents file {} could not be read ({reason}) nor moved aside ({e}).",
                self.path.display()
            ),
        };
        Loaded {
            book: IncidentBook::default(),
            problem: Some(problem),
        }
    }

    /// Write the incidents atomically (temporary file, then rename).
    pub fn save(&self, book: &IncidentBook) -> Result<(), StoreError> {
        let json = serde_json::to_string_pretty(book)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, json).map_err(io_error(&tmp))?;
        std::fs::rename(&tmp, &self.path).map_err(io_error(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::incident::{Incident, StepStatus};

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("apig-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn incidents_survive_a_save_and_load() {
        let dir = temp_dir("roundtrip");
        let store = IncidentStore::new(dir.join("incidents.json"));
        assert_eq!(store.load().book, IncidentBook::default());
        let catalog = Catalog::embedded();
        let mut book = IncidentBook::default();
        let id = book.open(|id| Incident::from_row(id, &catalog, 0, "t0"));
        book.get_mut(id)
            .unwrap()
            .set_status(1, StepStatus::Done, "t1");
        store.save(&book).unwrap();
        let loaded = store.load();
        assert_eq!(loaded.book, book);
        assert!(loaded.problem.is_none());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_reported() {
        let dir = temp_dir("damaged");
        let path = dir.join("incidents.json");
        std::fs::write(&path, "{ this is not json").unwrap();
        let store = IncidentStore::new(path.clone());
        let loaded = store.load();
        assert!(loaded.book.incidents.is_empty());
        let problem = loaded.problem.unwrap();
        assert!(problem.contains("kept as"), "{problem}");
        let kept: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(kept.len(), 1);
        let content = std::fs::read_to_string(kept[0].path()).unwrap();
        assert_eq!(
            content, "{ this is not json",
            "the damaged file is preserved"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
