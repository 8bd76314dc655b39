//! The paste being analyzed: what the text area shows, the analysis, and the background
//! task that analyzes it. In the window every paste is analyzed on a task (a 215 KB log
//! must not freeze it), cancelled when a newer paste or edit replaces it; the command
//! line analyzes at once (`analysis::analyze`). A task that trips a bug loses its
//! result, never the window: the paste is kept and marked. No UI types.

use std::io::Read as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::sign_check::{Secret, SignCheck};
use super::store::{PasteState, StoredPaste};
use super::text_bytes::{self, decode};
use crate::analysis::{Analysis, Cut, MAX_INPUT_BYTES, analyze, analyze_until};
use crate::catalog::Catalog;
use crate::history::{MAX_TEXT_BYTES, stored_text};
use crate::search::SearchIndex;
use crate::task::{Lost, Priority, Task, Tasks};

/// Pastes over this size are big: their memory is handed back to the system when they
/// are analyzed and when they go.
pub(crate) const BIG_PASTE: usize = 256 * 1024;
/// The text area shows at most this much.
pub(crate) const DISPLAY_LIMIT: usize = 256 * 1024;

/// A finished analysis, now in [`PasteSession::analysis`].
pub(crate) struct Finished {
    /// The text as it may be stored in the history, redacted and capped
    /// ([`stored_text`]), if it is a new paste; None for a restored one or an edit.
    pub(crate) stored: Option<String>,
    /// Open its match in the explorer (a new paste, new catalogs), not for a restored
    /// paste or an edit.
    pub(crate) reveal: bool,
}

/// What an analysis task gives back: the analysis, and the text to store in the history
/// for a new paste (redacted on the task too: 16 MB take a while); None when cancelled.
/// The flag says the analysis failed (a bug).
type Done = Option<(Analysis, bool, Option<String>)>;

/// What a task that was started is for.
#[derive(Clone, Copy)]
struct Purpose {
    /// A new paste: the history gets an entry.
    record: bool,
    reveal: bool,
}

/// The paste panel's state: the paste, its analysis (on a task), the signature check.
#[derive(Default)]
pub struct PasteSession {
    /// What the text area shows and edits (the whole paste unless it is over the limit).
    pub text: String,
    /// Size of the whole paste in bytes, as it was pasted.
    pub(crate) total_bytes: usize,
    /// `text` is only the beginning of the paste (and read-only). Not derived from the
    /// sizes: the text of a restored paste is redacted, so its length differs.
    capped: bool,
    /// The analysis of `text`; None while it runs or before any paste.
    pub analysis: Option<Analysis>,
    /// Which error of a multi-error paste is shown.
    pub shown: usize,
    /// The analysis failed (a bug): the paste is kept, and not analyzed again by itself.
    pub(crate) failed: bool,
    /// Restored after a restart: only the stored beginning of the paste is here.
    pub(crate) restored: bool,
    /// The signature check of this paste; cleared when the paste changes.
    pub sign: SignCheck,
    /// The paste holds a signed request or an authentication answer: the check is offered.
    pub(crate) sign_offered: bool,
    /// The whole paste (up to what is analyzed) when `text` shows only its beginning, so
    /// a change of catalogs analyzes all of it again.
    full: Option<Arc<str>>,
    /// The analysis under way; replacing it cancels it, and its result is never applied.
    pending: Option<(Task<Done>, Purpose)>,
    /// The search index of the catalog analyzed against: a Chinese message no catalog
    /// message matches is looked up through the vocabulary's phrases (guesses).
    index: Option<Arc<SearchIndex>>,
}

/// What an analysis that failed (a bug in the app) shows.
fn failed_analysis() -> Analysis {
    Analysis {
        format: "unknown".into(),
        warnings: vec![
            "The analysis of this paste failed (a bug in the app). The paste is kept and will not be analyzed again automatically; edit it or paste it again to retry.".into(),
        ],
        ..Analysis::default()
    }
}

/// Analyze without letting a bug in the analysis take the caller down (recording
/// hand-offs on a worker).
pub(super) fn analyze_isolated(text: &str, catalog: &Catalog) -> (Analysis, bool) {
    match catch_unwind(AssertUnwindSafe(|| analyze(text, catalog))) {
        Ok(analysis) => (analysis, false),
        Err(_) => (failed_analysis(), true),
    }
}

impl PasteSession {
    /// The last paste after a restart, or one reopened from the history (at most
    /// `DISPLAY_LIMIT`), analyzed on a task. A paste whose analysis failed, or was under
    /// way when the app stopped, is shown but not analyzed again; the returned sentence
    /// says why.
    pub(crate) fn restore(
        stored: StoredPaste,
        catalog: &Arc<Catalog>,
        tasks: &Tasks,
    ) -> (Self, Option<String>) {
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
                let text = Arc::from(paste.text.as_str());
                let purpose = Purpose {
                    record: false,
                    reveal: false,
                };
                paste.start(text, catalog, purpose, tasks);
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

    /// A new paste (Ctrl+V, a dropped file, a hand-off), analyzed on a task (see
    /// [`PasteSession::poll`]); an analysis still running for the paste before is
    /// cancelled.
    pub(crate) fn submit(&mut self, mut text: String, catalog: &Arc<Catalog>, tasks: &Tasks) {
        hand_back(std::mem::take(self), tasks);
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
        let text: Arc<str> = text.into();
        self.full = self.capped.then(|| Arc::clone(&text));
        let purpose = Purpose {
            record: true,
            reveal: true,
        };
        self.start(text, catalog, purpose, tasks);
    }

    /// Analyze `text` on a task, replacing (so cancelling) the one under way.
    fn start(&mut self, text: Arc<str>, catalog: &Arc<Catalog>, purpose: Purpose, tasks: &Tasks) {
        let catalog = Arc::clone(catalog);
        let index = self.index.clone();
        let task = tasks.spawn("paste-analysis", Priority::Normal, move |cancel| {
            let phrases = |message: &str| match &index {
                Some(index) => index.sure_rows(&catalog, message),
                None => Vec::new(),
            };
            let analyze = || analyze_until(&text, &catalog, cancel, Some(&phrases));
            let (analysis, failed) = match catch_unwind(AssertUnwindSafe(analyze)) {
                Ok(analysis) => (analysis?, false),
                Err(_) => (failed_analysis(), true),
            };
            let stored = purpose.record.then(|| stored_text(&text));
            if text.len() > BIG_PASTE {
                // The analysis's scratch memory (gigabytes of small allocations for a
                // 16 MB log) is free now; hand it back rather than keep it all day.
                crate::memory::release_freed();
            }
            Some((analysis, failed, stored))
        });
        self.analysis = None;
        self.shown = 0;
        self.pending = Some((task, purpose));
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
        // A paste of several errors opens at the largest group's first error (groups are
        // sorted by count), not at whichever error came first.
        self.shown = analysis
            .triage
            .groups
            .first()
            .and_then(|g| g.listed.first().copied())
            .unwrap_or(0);
        self.analysis = Some(analysis);
        self.failed = failed;
        self.pending = None;
    }

    /// The engineer edited the text: analyze it again on a task, cancelling the
    /// analysis of the text before (no history entry for keystrokes). The beginning of a
    /// capped paste is read-only, so its edits are ignored.
    pub(crate) fn edited(&mut self, text: String, catalog: &Arc<Catalog>, tasks: &Tasks) {
        if self.is_capped() {
            return;
        }
        self.sign = SignCheck::default();
        self.sign_offered = SignCheck::offered(&text);
        let analyzed = Arc::from(text.as_str());
        self.text = text;
        self.total_bytes = self.text.len();
        self.restored = false;
        self.failed = false;
        let purpose = Purpose {
            record: false,
            reveal: false,
        };
        self.start(analyzed, catalog, purpose, tasks);
    }

    /// Open the signature check of this paste. It reads the paste as far as it is here
    /// (the whole of it when only its beginning is shown), borrowed: a keystroke in the
    /// secret field does not copy a 16 MB paste.
    pub(crate) fn open_sign_check(&mut self) {
        self.sign.open(self.full.as_deref().unwrap_or(&self.text));
    }

    /// The AppSecret typed for the signature check (kept in memory only).
    pub(crate) fn set_sign_secret(&mut self, secret: Secret) {
        self.sign
            .set_secret(secret, self.full.as_deref().unwrap_or(&self.text));
    }

    /// The body the client signed, when the paste lacks it.
    pub(crate) fn set_sign_body(&mut self, body: String) {
        self.sign
            .set_body(body, self.full.as_deref().unwrap_or(&self.text));
    }

    /// The catalog changed: analyze the text again so candidates point at its rows; a
    /// paste only partly here is analyzed again as far as it is here, and says so.
    /// The index of the catalog pastes are analyzed against (see `index`).
    pub(crate) fn set_index(&mut self, index: &Arc<SearchIndex>) {
        self.index = Some(Arc::clone(index));
    }

    pub(crate) fn reanalyze(&mut self, catalog: &Arc<Catalog>, tasks: &Tasks) {
        if self.failed || self.text.trim().is_empty() {
            return;
        }
        // The whole paste when it is here; a restored one has only its beginning.
        let text = match &self.full {
            Some(full) => Arc::clone(full),
            None => Arc::from(self.text.as_str()),
        };
        let purpose = Purpose {
            record: false,
            reveal: true,
        };
        self.start(text, catalog, purpose, tasks);
    }

    /// Take the finished analysis, if any (the window's logic).
    pub(crate) fn poll(&mut self) -> Option<Finished> {
        let done = self.pending.as_mut()?.0.try_take()?;
        self.finished(done)
    }

    /// Block until the analysis under way is finished, for at most `within`, and take it
    /// (tests that read an analysis right after a paste; the CLI never needs to).
    pub(crate) fn wait(&mut self, within: Duration) -> Option<Finished> {
        let done = self.pending.as_mut()?.0.wait(within)?;
        self.finished(done)
    }

    /// Apply a task's result. A task cancelled though not replaced (the window closing)
    /// gives none: the paste stays as being analyzed, which is what the store says of it.
    fn finished(&mut self, done: Result<Done, Lost>) -> Option<Finished> {
        if matches!(done, Ok(None)) {
            return None;
        }
        let purpose = self.pending.as_ref().map(|(_, p)| *p);
        let purpose = purpose.unwrap_or(Purpose {
            record: false,
            reveal: false,
        });
        let stored = match done {
            Ok(Some((analysis, failed, stored))) => {
                self.finish(analysis, failed);
                stored
            }
            // Lost (a bug): the paste is kept, and not analyzed again by itself.
            Ok(None) | Err(Lost) => {
                self.finish(failed_analysis(), true);
                None
            }
        };
        Some(Finished {
            stored,
            reveal: purpose.reveal,
        })
    }

    /// An analysis is running on a task.
    pub(crate) fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// The text area shows only the beginning of the paste (and is read-only then).
    pub(crate) fn is_capped(&self) -> bool {
        self.capped
    }

    /// The whole paste as analyzed (the text area may show only its beginning).
    pub(crate) fn whole_text(&self) -> &str {
        self.full.as_deref().unwrap_or(&self.text)
    }

    /// The paste as the store keeps it, with how far its analysis got.
    pub(crate) fn stored(&self) -> StoredPaste {
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
    pub(crate) fn clear(&mut self, tasks: &Tasks) {
        hand_back(std::mem::take(self), tasks);
    }

    /// Leave this paste empty and give back what it held, its analysis under way
    /// cancelled: the paste desk keeps it for an undo.
    pub(crate) fn take_cancelled(&mut self) -> PasteSession {
        let mut old = std::mem::take(self);
        drop(old.pending.take());
        old
    }

    /// Drop a paste that is not shown (one kept for an undo), its memory handed back.
    pub(crate) fn discard(self, tasks: &Tasks) {
        hand_back(self, tasks);
    }

    /// Show `other` instead (a paste of the history, a restored one).
    pub(crate) fn replace_with(&mut self, other: PasteSession, tasks: &Tasks) {
        hand_back(std::mem::replace(self, other), tasks);
    }
}

/// Drop a paste that was replaced, cancelling its analysis at once. A big one's memory
/// is handed back to the system, on a task: freeing a 16 MB paste and its analysis takes
/// a while, and glibc keeps freed pages until asked (the window would stay at its peak
/// size all day).
fn hand_back(mut old: PasteSession, tasks: &Tasks) {
    drop(old.pending.take());
    if old.total_bytes <= BIG_PASTE {
        return;
    }
    tasks.run("paste-free", Priority::Low, move |_| {
        drop(old);
        crate::memory::release_freed();
    });
}

/// The file, or standard input for None and `-`, read up to one byte past what the
/// analysis covers (so it can say the input was cut) and never further. UTF-8 or UTF-16
/// (`text_bytes::decode`); bytes that are not valid are replaced, not refused: a log with one bad
/// byte is still worth reading. A compressed file is an error that says so.
pub fn read_input(file: Option<&Path>) -> std::io::Result<String> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut reader: Box<dyn std::io::Read> = match file {
        Some(path) if path.as_os_str() != "-" => Box::new(std::fs::File::open(path)?),
        _ => Box::new(std::io::stdin()),
    };
    let mut bytes = Vec::new();
    reader.by_ref().take(limit).read_to_end(&mut bytes)?;
    if text_bytes::encoding(&bytes) != text_bytes::Encoding::Utf8 {
        // Two bytes a char of ASCII: the chars the analysis covers take twice the bytes.
        reader.take(limit).read_to_end(&mut bytes)?;
    }
    decode(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
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

    const LONG: Duration = Duration::from_secs(60);

    fn catalog() -> Arc<Catalog> {
        Arc::new(Catalog::embedded())
    }

    #[test]
    fn a_small_paste_is_analyzed_on_a_task_too() {
        let (catalog, tasks) = (catalog(), Tasks::default());
        let mut s = PasteSession::default();
        s.submit("APIG.0308".into(), &catalog, &tasks);
        assert!(s.analysis.is_none(), "not on the caller's thread");
        let done = s.wait(LONG).expect("analyzed");
        assert_eq!(done.stored.as_deref(), Some("APIG.0308"));
        assert!(done.reveal);
        assert!(!s.failed);
        assert!(!s.is_busy());
        assert!(s.analysis.as_ref().unwrap().identified());
    }

    /// A paste replaced while it is analyzed: its analysis stops early (it polls its
    /// token between lines) and its result is never shown; the newer paste's is.
    #[test]
    fn a_replaced_analysis_stops_early_and_is_never_applied() {
        let (catalog, tasks) = (catalog(), Tasks::default());
        let mut s = PasteSession::default();
        // 160,000 lines naming a code: seconds of work if it ran to its end.
        let long = "2026-12-06 10:00:00 ERROR {\"error_code\":\"APIG.0201\"}\n".repeat(160_000);
        s.submit(long, &catalog, &tasks);
        let replaced = s.pending.as_ref().map(|(t, _)| t.peek()).unwrap();
        s.submit("{\"error_code\":\"APIG.0308\"}".into(), &catalog, &tasks);
        s.wait(LONG).expect("the newer paste is analyzed");
        let errors = &s.analysis.as_ref().unwrap().errors;
        assert_eq!(errors.len(), 1, "only the newer paste's error");
        assert_eq!(errors[0].code.as_deref(), Some("APIG.0308"));
        // The replaced task's thread ends without its result being taken.
        assert!(tasks.close(LONG).is_empty(), "every analysis ended");
        assert!(
            replaced.finished(|r| matches!(r, Ok(None))) == Some(true),
            "the replaced analysis stopped before its end"
        );
        assert!(s.poll().is_none(), "nothing else is applied after it");
    }

    #[test]
    fn a_huge_paste_is_analyzed_in_the_background_and_capped_for_display() {
        let (catalog, tasks) = (catalog(), Tasks::default());
        let mut s = PasteSession::default();
        let mut text = "INFO fine\n".repeat(60_000);
        text.push_str("{\"error_code\":\"APIG.0308\"}\n");
        s.submit(text.clone(), &catalog, &tasks);
        assert!(s.is_busy() && s.is_capped());
        assert_eq!(s.stored().state, PasteState::Analyzing);
        assert_eq!(s.text.len(), DISPLAY_LIMIT);
        let finished = s.wait(LONG).expect("the task finished");
        assert!(finished.stored.is_some());
        assert!(
            s.analysis.as_ref().unwrap().identified(),
            "the part beyond the display was analyzed"
        );
        let edited = format!("{}x", s.text);
        s.edited(edited, &catalog, &tasks);
        assert!(!s.is_busy(), "edits of a capped paste are ignored");
        assert!(s.analysis.as_ref().unwrap().identified());
    }

    #[test]
    fn a_paste_over_the_limit_is_cut_to_what_is_analyzed() {
        let (catalog, tasks) = (catalog(), Tasks::default());
        let mut s = PasteSession::default();
        let mut text = "{\"error_code\":\"APIG.0308\"}\n".repeat(10);
        text.push_str(&"x".repeat(MAX_INPUT_BYTES + 5_000_000));
        s.submit(text, &catalog, &tasks);
        assert!(
            s.total_bytes > MAX_INPUT_BYTES + 5_000_000,
            "the size is remembered"
        );
        s.wait(LONG).expect("analyzed");
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
    fn edits_reanalyze_without_a_history_entry() {
        let (catalog, tasks) = (catalog(), Tasks::default());
        let mut s = PasteSession::default();
        s.edited("APIG.0101".into(), &catalog, &tasks);
        let done = s.wait(LONG).expect("analyzed");
        assert!(done.stored.is_none() && !done.reveal);
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
        let (s, skipped) = PasteSession::restore(stored, &catalog(), &Tasks::default());
        assert!(skipped.is_some_and(|m| m.contains("stopped while analyzing")));
        assert!(s.analysis.is_none() && !s.is_busy() && s.failed);
        assert_eq!(s.text, "APIG.0308", "the paste is still shown");
    }

    #[test]
    fn a_restored_paste_shorter_after_redaction_is_whole_and_editable() {
        let paste = "Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789\nAPIG.0308";
        let tasks = Tasks::default();
        let mut s = PasteSession::default();
        s.submit(paste.into(), &catalog(), &tasks);
        s.wait(LONG).expect("analyzed");
        let stored = s.stored();
        assert!(
            stored.text.len() < paste.len(),
            "the stored text is redacted"
        );
        let (mut restored, _) = PasteSession::restore(stored, &catalog(), &tasks);
        assert!(!restored.is_capped(), "the whole paste is here");
        let done = restored.wait(LONG).expect("analyzed");
        assert!(done.stored.is_none() && !done.reveal, "not a new paste");
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
        let (mut s, skipped) = PasteSession::restore(stored, &catalog(), &Tasks::default());
        assert!(skipped.is_none());
        s.wait(LONG).expect("analyzed");
        assert!(s.analysis.as_ref().unwrap().identified());
        let warnings = &s.analysis.as_ref().unwrap().warnings;
        assert!(
            warnings.iter().any(|w| w.contains("of 5.2 MB")),
            "{warnings:?}"
        );
    }
}
