//! The paste being analyzed: what the text area shows, the analysis, and the background
//! work that keeps a 10 MB paste from freezing the window. No UI types: the caller
//! passes a `notify` callback that wakes its event loop when a result is ready.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::analysis::{Analysis, MAX_INPUT_BYTES, analyze};
use crate::catalog::Catalog;
use crate::history::{History, now_utc, stored_text};

/// Pastes up to this size are analyzed at once; larger ones on a worker thread.
pub const SYNC_LIMIT: usize = 256 * 1024;
/// The text area shows at most this much; the analysis always covers everything.
pub const DISPLAY_LIMIT: usize = 256 * 1024;

/// A finished background analysis: the result and the text as history keeps it.
type Done = (Analysis, String);

#[derive(Default)]
pub struct PasteSession {
    /// What the text area shows and edits (the whole paste unless it is over the limit).
    pub text: String,
    /// Size of the whole paste in bytes.
    pub total_bytes: usize,
    pub analysis: Option<Analysis>,
    /// Which error of a multi-error paste is shown.
    pub shown: usize,
    pending: Option<Receiver<Done>>,
}

impl PasteSession {
    /// Restore the last paste (redacted) after a restart.
    pub fn restore(text: String, catalog: &Catalog) -> Self {
        let analysis = (!text.trim().is_empty()).then(|| analyze(&text, catalog));
        PasteSession {
            total_bytes: text.len(),
            text,
            analysis,
            shown: 0,
            pending: None,
        }
    }

    /// A new paste (Ctrl+V, a dropped file): analyze it and record it in the history.
    pub fn submit(
        &mut self,
        text: String,
        catalog: &Arc<Catalog>,
        history: &mut History,
        notify: impl Fn() + Send + 'static,
    ) {
        self.total_bytes = text.len();
        self.shown = 0;
        self.text = prefix(&text, DISPLAY_LIMIT).to_string();
        if text.len() <= SYNC_LIMIT {
            let analysis = analyze(&text, catalog);
            history.record(now_utc(), &text, &analysis);
            self.analysis = Some(analysis);
            self.pending = None;
            return;
        }
        let (tx, rx) = channel();
        let catalog = Arc::clone(catalog);
        std::thread::spawn(move || {
            let done = (analyze(&text, &catalog), stored_text(&text));
            // The receiver is gone only if a newer paste replaced this one.
            let _ = tx.send(done);
            notify();
        });
        self.analysis = None;
        self.pending = Some(rx);
    }

    /// The engineer edited the text: analyze it again (no history entry for keystrokes).
    /// The beginning of a capped paste is read-only, so its edits are ignored.
    pub fn edited(&mut self, text: String, catalog: &Catalog) {
        if self.is_capped() {
            return;
        }
        self.text = text;
        self.shown = 0;
        self.total_bytes = self.text.len();
        self.pending = None;
        self.analysis = Some(analyze(&self.text, catalog));
    }

    /// The catalog changed: analyze the text again so candidates point at its rows. A
    /// capped paste is only partly here, so its old analysis is dropped instead.
    pub fn reanalyze(&mut self, catalog: &Catalog) {
        if self.is_capped() {
            self.analysis = None;
            self.pending = None;
        } else if !self.text.trim().is_empty() {
            self.analysis = Some(analyze(&self.text, catalog));
        }
    }

    /// Take a finished background result, if any; true when one arrived.
    pub fn poll(&mut self, history: &mut History) -> bool {
        let Some(rx) = &self.pending else {
            return false;
        };
        match rx.try_recv() {
            Ok((analysis, stored)) => {
                history.record_stored(now_utc(), stored, &analysis);
                self.analysis = Some(analysis);
                self.pending = None;
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                self.analysis = Some(Analysis {
                    format: "unknown".into(),
                    warnings: vec!["The analysis stopped unexpectedly; the paste is kept.".into()],
                    ..Analysis::default()
                });
                true
            }
        }
    }

    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// The text area shows only the beginning of the paste (and is read-only then).
    pub fn is_capped(&self) -> bool {
        self.total_bytes > self.text.len()
    }

    pub fn clear(&mut self) {
        *self = PasteSession::default();
    }
}

/// The file, or standard input for None and `-`, read up to one byte past what the
/// analysis covers (so it can say the input was cut) and never further. Bytes that are
/// not UTF-8 are replaced, not refused: a log with one bad byte is still worth reading.
pub fn read_input(file: Option<&Path>) -> std::io::Result<String> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::File::open(path)?
            .take(limit)
            .read_to_end(&mut bytes)?,
        _ => std::io::stdin().take(limit).read_to_end(&mut bytes)?,
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn prefix(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Arc<Catalog> {
        Arc::new(Catalog::embedded())
    }

    #[test]
    fn a_small_paste_is_analyzed_at_once_and_recorded() {
        let (catalog, mut history) = (catalog(), History::default());
        let mut s = PasteSession::default();
        s.submit("APIG.0308".into(), &catalog, &mut history, || {});
        assert!(!s.is_busy());
        assert!(s.analysis.as_ref().unwrap().identified());
        assert_eq!(history.entries.len(), 1);
    }

    #[test]
    fn a_huge_paste_is_analyzed_in_the_background_and_capped_for_display() {
        let (catalog, mut history) = (catalog(), History::default());
        let mut s = PasteSession::default();
        let mut text = "INFO fine\n".repeat(60_000);
        text.push_str("{\"error_code\":\"APIG.0308\"}\n");
        let (tx, rx) = channel();
        s.submit(text.clone(), &catalog, &mut history, move || {
            let _ = tx.send(());
        });
        assert!(s.is_busy() && s.is_capped());
        assert_eq!(s.text.len(), DISPLAY_LIMIT);
        rx.recv().unwrap();
        assert!(s.poll(&mut history));
        assert!(
            s.analysis.as_ref().unwrap().identified(),
            "the part beyond the display was analyzed"
        );
        assert_eq!(history.entries.len(), 1);
        let edited = format!("{}x", s.text);
        s.edited(edited, &catalog);
        assert!(
            s.analysis.as_ref().unwrap().identified(),
            "edits of a capped paste are ignored"
        );
    }

    #[test]
    fn edits_reanalyze_without_history() {
        let catalog = catalog();
        let mut s = PasteSession::default();
        s.edited("APIG.0101".into(), &catalog);
        assert_eq!(
            s.analysis.as_ref().unwrap().errors[0].code.as_deref(),
            Some("APIG.0101")
        );
    }
}
