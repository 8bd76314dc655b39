//! The paste being analyzed: what the text area shows, the analysis, and the background
//! work that keeps a 10 MB paste from freezing the window. Analysis runs behind
//! `catch_unwind`, so a paste that trips a bug is kept and marked, never fatal. No UI
//! types: the caller passes a `notify` callback that wakes its event loop.

use std::io::Read as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::sign_check::{Secret, SignCheck};
use super::store::{PasteState, StoredPaste};
use crate::analysis::{Analysis, Cut, MAX_INPUT_BYTES, analyze};
use crate::catalog::Catalog;
use crate::history::{MAX_TEXT_BYTES, stored_text};

/// Pastes up to this size are analyzed at once; larger ones on a worker thread.
pub const SYNC_LIMIT: usize = 256 * 1024;
/// The text area shows at most this much.
pub const DISPLAY_LIMIT: usize = 256 * 1024;

/// A finished analysis, now in [`PasteSession::analysis`]: the text as it may be stored
/// in the history, if it is a new paste.
pub struct Finished {
    /// Redacted and capped ([`stored_text`]); None for a restored paste (already stored).
    pub stored: Option<String>,
}

/// What a worker sends back.
struct Done {
    analysis: Analysis,
    failed: bool,
    stored: Option<String>,
}

/// The paste panel's state: the paste, its analysis (big pastes on a worker), the signature check.
#[derive(Default)]
pub struct PasteSession {
    /// What the text area shows and edits (the whole paste unless it is over the limit).
    pub text: String,
    /// Size of the whole paste in bytes, as it was pasted.
    pub total_bytes: usize,
    /// `text` is only the beginning of the paste (and read-only). Not derived from the
    /// sizes: the text of a restored paste is redacted, so its length differs.
    capped: bool,
    /// The analysis of `text`; None while it runs or before any paste.
    pub analysis: Option<Analysis>,
    /// Which error of a multi-error paste is shown.
    pub shown: usize,
    /// The analysis failed (a bug): the paste is kept, and not analyzed again by itself.
    pub failed: bool,
    /// Restored after a restart: only the stored beginning of the paste is here.
    pub restored: bool,
    /// The signature check of this paste; cleared when the paste changes.
    pub sign: SignCheck,
    /// The paste holds a signed request or an authentication answer: the check is offered.
    pub sign_offered: bool,
    /// The whole paste (up to what is analyzed) when `text` shows only its beginning, so
    /// a change of catalogs analyzes all of it again.
    full: Option<Arc<str>>,
    pending: Option<Receiver<Done>>,
}

/// Analyze without letting a bug in the analysis take the caller down.
pub(super) fn analyze_isolated(text: &str, catalog: &Catalog) -> (Analysis, bool) {
    match catch_unwind(AssertUnwindSafe(|| analyze(text, catalog))) {
        Ok(analysis) => (analysis, false),
        Err(_) => (
            Analysis {
                format: "unknown".into(),
                warnings: vec![
                    "The analysis of this paste failed (a bug in the app). The paste is kept and will not be analyzed again automatically; edit it or paste it again to retry.".into(),
                ],
                ..Analysis::default()
            },
            true,
        ),
    }
}

impl PasteSession {
    /// The last paste after a restart (at most `DISPLAY_LIMIT`, so analyzed at once). A
    /// paste whose analysis failed, or was under way when the app stopped, is shown but
    /// not analyzed again; the returned sentence says why.
    pub fn restore(stored: StoredPaste, catalog: &Catalog) -> (Self, Option<String>) {
        let mut paste = PasteSession {
            total_bytes: stored.total_bytes.max(stored.text.len()),
            capped: stored.total_bytes > DISPLAY_LIMIT,
            sign_offered: SignCheck::offered(&stored.text),
            text: stored.text,
            restored: true,
            ..PasteSession::default()
        };
        let skipped = match stored.state {
            PasteState::Analyzed => {
                let (analysis, failed) = analyze_isolated(&paste.text, catalog);
                paste.finish(analysis, failed);
                None
            }
            PasteState::Failed => {
                paste.failed = true;
                Some("The last paste was not analyzed again: its analysis had failed.")
            }
            PasteState::Analyzing => {
                paste.failed = true;
                Some(
                    "The app stopped while analyzing the last paste; it is shown but was not analyzed again.",
                )
            }
        };
        (paste, skipped.map(str::to_string))
    }

    /// A new paste (Ctrl+V, a dropped file): analyzed at once when small (the result is
    /// returned), else on a worker (see [`PasteSession::poll`]).
    pub fn submit(
        &mut self,
        mut text: String,
        catalog: &Arc<Catalog>,
        notify: impl Fn() + Send + 'static,
    ) -> Option<Finished> {
        hand_back(std::mem::take(self));
        self.total_bytes = text.len();
        self.sign = SignCheck::default();
        self.sign_offered = SignCheck::offered(&text);
        // Keep no more than the analysis reads (and one byte, so it says the input was
        // cut): a 200 MB clipboard must not stay in memory twice.
        if text.len() > MAX_INPUT_BYTES {
            let end = prefix(&text, MAX_INPUT_BYTES + 1).len();
            text.truncate(end);
            text.shrink_to_fit();
        }
        self.restored = false;
        self.capped = text.len() > DISPLAY_LIMIT;
        self.text = prefix(&text, DISPLAY_LIMIT).to_string();
        if text.len() > SYNC_LIMIT {
            let text: Arc<str> = text.into();
            self.full = self.capped.then(|| Arc::clone(&text));
            self.start(text, catalog, true, notify);
            return None;
        }
        self.full = None;
        let (analysis, failed) = analyze_isolated(&text, catalog);
        self.finish(analysis, failed);
        Some(Finished {
            stored: Some(stored_text(&text)),
        })
    }

    /// Analyze `text` on a worker thread.
    fn start(
        &mut self,
        text: Arc<str>,
        catalog: &Arc<Catalog>,
        record: bool,
        notify: impl Fn() + Send + 'static,
    ) {
        let (tx, rx) = channel();
        let catalog = Arc::clone(catalog);
        let spawned = std::thread::Builder::new()
            .name("paste-analysis".into())
            .spawn(move || {
                let (analysis, failed) = analyze_isolated(&text, &catalog);
                let stored = record.then(|| stored_text(&text));
                // The receiver is gone only if a newer paste replaced this one.
                let _ = tx.send(Done {
                    analysis,
                    failed,
                    stored,
                });
                notify();
                // The analysis's scratch memory (gigabytes of small allocations for a
                // 16 MB log) is free now; hand it back rather than keep it all day.
                crate::memory::release_freed();
            });
        self.analysis = None;
        self.shown = 0;
        self.pending = spawned.is_ok().then_some(rx);
    }

    fn finish(&mut self, mut analysis: Analysis, failed: bool) {
        if self.restored && self.capped {
            // Restored after a restart or reopened from the history: both keep only the
            // beginning of a big paste, and the counts must say they are of that part.
            let cut = Cut {
                analyzed_bytes: MAX_TEXT_BYTES,
                total_bytes: Some(self.total_bytes),
            };
            analysis.warnings.push(format!(
                "Only the beginning of this paste was kept, so this analysis is {}: the errors after it are not counted.",
                cut.text()
            ));
            analysis.triage.cut = Some(cut);
        }
        self.analysis = Some(analysis);
        self.failed = failed;
        self.shown = 0;
        self.pending = None;
    }

    /// The engineer edited the text: analyze it again (no history entry for keystrokes).
    /// The beginning of a capped paste is read-only, so its edits are ignored.
    pub fn edited(&mut self, text: String, catalog: &Catalog) {
        if self.is_capped() {
            return;
        }
        let (analysis, failed) = analyze_isolated(&text, catalog);
        self.sign = SignCheck::default();
        self.sign_offered = SignCheck::offered(&text);
        self.text = text;
        self.total_bytes = self.text.len();
        self.restored = false;
        self.finish(analysis, failed);
    }

    /// Open the signature check of this paste. It reads the paste as far as it is here
    /// (the whole of it when only its beginning is shown), borrowed: a keystroke in the
    /// secret field does not copy a 16 MB paste.
    pub fn open_sign_check(&mut self) {
        self.sign.open(self.full.as_deref().unwrap_or(&self.text));
    }

    /// The AppSecret typed for the signature check (kept in memory only).
    pub fn set_sign_secret(&mut self, secret: Secret) {
        self.sign
            .set_secret(secret, self.full.as_deref().unwrap_or(&self.text));
    }

    /// The body the client signed, when the paste lacks it.
    pub fn set_sign_body(&mut self, body: String) {
        self.sign
            .set_body(body, self.full.as_deref().unwrap_or(&self.text));
    }

    /// The catalog changed: analyze the text again so candidates point at its rows; a
    /// paste only partly here is analyzed again as far as it is here, and says so.
    pub fn reanalyze(&mut self, catalog: &Arc<Catalog>, notify: impl Fn() + Send + 'static) {
        if self.failed || self.text.trim().is_empty() {
            return;
        }
        // The whole paste when it is here; a restored one has only its beginning.
        let text = match &self.full {
            Some(full) => Arc::clone(full),
            None => Arc::from(self.text.as_str()),
        };
        self.start(text, catalog, false, notify);
    }

    /// Take a finished background result, if any.
    pub fn poll(&mut self) -> Option<Finished> {
        let rx = self.pending.as_ref()?;
        let done = match rx.try_recv() {
            Ok(done) => done,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Done {
                analysis: Analysis {
                    format: "unknown".into(),
                    warnings: vec!["The analysis stopped unexpectedly; the paste is kept.".into()],
                    ..Analysis::default()
                },
                failed: true,
                stored: None,
            },
        };
        self.finish(done.analysis, done.failed);
        Some(Finished {
            stored: done.stored,
        })
    }

    /// An analysis is running on a worker.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// The text area shows only the beginning of the paste (and is read-only then).
    pub fn is_capped(&self) -> bool {
        self.capped
    }

    /// The whole paste as analyzed (the text area may show only its beginning).
    pub fn whole_text(&self) -> &str {
        self.full.as_deref().unwrap_or(&self.text)
    }

    /// The paste as the store keeps it, with how far its analysis got.
    pub fn stored(&self) -> StoredPaste {
        let state = if self.is_busy() {
            PasteState::Analyzing
        } else if self.failed {
            PasteState::Failed
        } else {
            PasteState::Analyzed
        };
        // From the whole paste when the text area shows only its beginning: the beginning
        // is a cut, and a cut is redacted as it stands in the whole.
        StoredPaste {
            text: stored_text(self.whole_text()),
            total_bytes: self.total_bytes,
            state,
        }
    }

    /// Forget the paste and its analysis.
    pub fn clear(&mut self) {
        hand_back(std::mem::take(self));
    }

    /// Show `other` instead (a paste of the history, a restored one).
    pub fn replace_with(&mut self, other: PasteSession) {
        hand_back(std::mem::replace(self, other));
    }
}

/// Drop a paste that was replaced. A big one's memory is handed back to the system, on
/// a thread: freeing a 16 MB paste and its analysis takes a while, and glibc keeps freed
/// pages until asked (the window would stay at its peak size all day).
fn hand_back(old: PasteSession) {
    if old.total_bytes <= SYNC_LIMIT {
        return;
    }
    // If no thread can be started, the paste is dropped here, without the hand-back.
    let _ = std::thread::Builder::new()
        .name("paste-free".into())
        .spawn(move || {
            drop(old);
            crate::memory::release_freed();
        });
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

pub(super) fn prefix(text: &str, limit: usize) -> &str {
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
    fn a_small_paste_is_analyzed_at_once() {
        let catalog = catalog();
        let mut s = PasteSession::default();
        let done = s.submit("APIG.0308".into(), &catalog, || {});
        assert!(done.is_some_and(|d| d.stored.as_deref() == Some("APIG.0308")));
        assert!(!s.failed);
        assert!(!s.is_busy());
        assert!(s.analysis.as_ref().unwrap().identified());
    }

    #[test]
    fn a_huge_paste_is_analyzed_in_the_background_and_capped_for_display() {
        let catalog = catalog();
        let mut s = PasteSession::default();
        let mut text = "INFO fine\n".repeat(60_000);
        text.push_str("{\"error_code\":\"APIG.0308\"}\n");
        let (tx, rx) = channel();
        let done = s.submit(text.clone(), &catalog, move || {
            let _ = tx.send(());
        });
        assert!(done.is_none());
        assert!(s.is_busy() && s.is_capped());
        assert_eq!(s.stored().state, PasteState::Analyzing);
        assert_eq!(s.text.len(), DISPLAY_LIMIT);
        rx.recv().unwrap();
        let finished = s.poll().expect("the worker finished");
        assert!(finished.stored.is_some());
        assert!(
            s.analysis.as_ref().unwrap().identified(),
            "the part beyond the display was analyzed"
        );
        let edited = format!("{}x", s.text);
        s.edited(edited, &catalog);
        assert!(
            s.analysis.as_ref().unwrap().identified(),
            "edits of a capped paste are ignored"
        );
    }

    #[test]
    fn a_paste_over_the_limit_is_cut_to_what_is_analyzed() {
        let catalog = catalog();
        let mut s = PasteSession::default();
        let mut text = "{\"error_code\":\"APIG.0308\"}\n".repeat(10);
        text.push_str(&"x".repeat(MAX_INPUT_BYTES + 5_000_000));
        let (tx, rx) = channel();
        s.submit(text, &catalog, move || {
            let _ = tx.send(());
        });
        assert!(
            s.total_bytes > MAX_INPUT_BYTES + 5_000_000,
            "the size is remembered"
        );
        rx.recv().unwrap();
        s.poll().expect("analyzed");
        let a = s.analysis.as_ref().unwrap();
        assert!(a.identified());
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("only the first 16 MB")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn edits_reanalyze() {
        let catalog = catalog();
        let mut s = PasteSession::default();
        s.edited("APIG.0101".into(), &catalog);
        assert_eq!(
            s.analysis.as_ref().unwrap().errors[0].code.as_deref(),
            Some("APIG.0101")
        );
    }

    #[test]
    fn a_paste_that_was_being_analyzed_when_the_app_stopped_is_not_analyzed_again() {
        let stored = StoredPaste {
            text: "APIG.0308".into(),
            total_bytes: 9,
            state: PasteState::Analyzing,
        };
        let (s, skipped) = PasteSession::restore(stored, &catalog());
        assert!(skipped.is_some_and(|m| m.contains("stopped while analyzing")));
        assert!(s.analysis.is_none() && !s.is_busy() && s.failed);
        assert_eq!(s.text, "APIG.0308", "the paste is still shown");
    }

    #[test]
    fn a_restored_paste_shorter_after_redaction_is_whole_and_editable() {
        let paste = "Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789\nAPIG.0308";
        let mut s = PasteSession::default();
        s.submit(paste.into(), &catalog(), || {});
        let stored = s.stored();
        assert!(
            stored.text.len() < paste.len(),
            "the stored text is redacted"
        );
        let (restored, _) = PasteSession::restore(stored, &catalog());
        assert!(!restored.is_capped(), "the whole paste is here");
        let warnings = &restored.analysis.as_ref().unwrap().warnings;
        assert!(
            !warnings.iter().any(|w| w.contains("Restored")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_restored_beginning_of_a_big_paste_says_what_was_analyzed() {
        let stored = StoredPaste {
            text: "APIG.0308 throttled".into(),
            total_bytes: 5_200_000,
            state: PasteState::Analyzed,
        };
        let (s, skipped) = PasteSession::restore(stored, &catalog());
        assert!(skipped.is_none());
        assert!(s.analysis.as_ref().unwrap().identified());
        let warnings = &s.analysis.as_ref().unwrap().warnings;
        assert!(
            warnings.iter().any(|w| w.contains("of 5.2 MB")),
            "{warnings:?}"
        );
    }
}
