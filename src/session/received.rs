//! Responses handed over by `apig-explorer send`, from arrival to the history. The
//! listener writes each to the store before the sender is told it arrived (see
//! `store/inbox.rs`); the session takes them as soon as the front end runs its logic
//! (a hidden or minimized window too), and a hand-off's row is forgotten only when its
//! history entry is written. One replaced by another before its analysis finished, the
//! ones still waiting when the window closes, and the ones a killed window left are
//! recorded from their stored text, so a hand-off `send` called sent is never lost.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Session;
use super::handoff::{Handed, HandoffError, Left, Listener};
use super::paste::analyze_isolated;
use super::store::{Pending, Store, StoreError};
use crate::catalog::Catalog;
use crate::history::{HistoryEntry, now_utc, stored_text};
use crate::task::{Priority, Task};

/// Writes a received text to the store (on the listener's threads).
type Keep = Box<dyn Fn(&str) -> Option<Pending> + Send + Sync>;
type WakeFn = Box<dyn Fn() + Send + Sync>;
/// Reads what a window that is gone left in the store (when this one takes the hand-off).
type LeftFn = Box<dyn Fn() -> Left + Send + Sync>;

/// The paste desk's intake of hand-offs: the listener and what is on its way from it to
/// the history.
#[derive(Default)]
pub(super) struct Intake {
    /// Responses handed over by `apig-explorer send` (the window listens; tests do not).
    listener: Option<Listener>,
    /// A hand-off arrived: the window should come to the front.
    raise: bool,
    /// The stored row of the hand-off whose paste is being analyzed; forgotten when its
    /// history entry is written.
    handed: Option<Pending>,
    /// Hand-offs a window that is gone left in the store, to record in the history.
    left_behind: Vec<Pending>,
    /// Tasks recording hand-offs in the history, waited for when the window closes.
    recording: Vec<Task<()>>,
}

impl Intake {
    /// The hand-off whose paste just finished its analysis, if it was one.
    pub(super) fn take_handed(&mut self) -> Option<Pending> {
        self.handed.take()
    }
}

impl Session {
    /// Receive `apig-explorer send` hand-offs (the window; once), or stand by to take
    /// them over when the window receiving them closes. Says why not, if not.
    pub(crate) fn listen_for_handoff(&mut self) -> Result<(), HandoffError> {
        self.listen_with(|keep, wake, left| Listener::bind(keep, wake, left))
    }

    /// Listen at a test's own endpoint.
    #[cfg(all(test, unix))]
    pub(crate) fn listen_for_handoff_at(
        &mut self,
        endpoint: std::path::PathBuf,
    ) -> Result<(), HandoffError> {
        self.listen_with(|keep, wake, left| Listener::bind_for_test(endpoint, keep, wake, left))
    }

    /// Bind with `bind`. Whenever this window takes the hand-off (at once, or from a
    /// window that closed), what is pending in the store was left by a window that is gone
    /// (only one window holds the hand-off, and it records what it received before it lets
    /// go): it is recorded once the catalog files are loaded.
    fn listen_with(
        &mut self,
        bind: impl FnOnce(Keep, WakeFn, LeftFn) -> Result<Listener, HandoffError>,
    ) -> Result<(), HandoffError> {
        let inbox = self
            .casebook
            .store()
            .and_then(Store::reopen)
            .map(|s| Arc::new(Mutex::new(s)));
        let keeper = inbox.clone();
        let keep: Keep = Box::new(move |text| {
            let inbox = keeper.as_ref()?.lock().ok()?;
            inbox.keep_handoff(text).ok()
        });
        let left: LeftFn = Box::new(move || {
            let Some(inbox) = &inbox else {
                return Ok(Vec::new());
            };
            let inbox = inbox
                .lock()
                .map_err(|_| "the store is unusable".to_string())?;
            inbox.pending_handoffs().map_err(|e| e.to_string())
        });
        let wake = Box::new(self.wake.notifier());
        self.desk.intake.listener = Some(bind(keep, wake, left)?);
        Ok(())
    }

    /// Take every hand-off that arrived (the front end's logic, which runs even while
    /// the window is hidden): each is analyzed like a paste, the last one shown. Returns
    /// the table position of its match.
    pub(crate) fn take_handoffs(&mut self) -> Option<usize> {
        while let Some(left) = self
            .desk
            .intake
            .listener
            .as_ref()
            .and_then(Listener::poll_left)
        {
            match left {
                Ok(left) => self.desk.intake.left_behind.extend(left),
                Err(e) => self.casebook.notice(format!(
                    "Responses sent from the terminal to a window that closed could not be read: {e}"
                )),
            }
        }
        self.record_left_behind();
        let mut revealed = None;
        while let Some(handed) = self.desk.intake.listener.as_ref().and_then(Listener::poll) {
            self.desk.intake.raise = true;
            revealed = self.submit_handed(handed).or(revealed);
        }
        revealed
    }

    fn submit_handed(&mut self, handed: Handed) -> Option<usize> {
        self.replace_handed();
        self.desk.intake.handed = handed.kept;
        self.analyze_new_paste(handed.text)
    }

    /// A new paste replaces a hand-off still being analyzed: record that one from its
    /// stored text, off this thread.
    pub(super) fn replace_handed(&mut self) {
        if let Some(pending) = self.desk.intake.handed.take() {
            self.record_aside(vec![pending]);
        }
    }

    /// Hand-offs a window that is gone left in the store, once the catalog files are in
    /// (a message without a code is matched against them too).
    fn record_left_behind(&mut self) {
        if self.desk.intake.left_behind.is_empty() || self.library.loading().is_some() {
            return;
        }
        let left = std::mem::take(&mut self.desk.intake.left_behind);
        self.casebook.notice(format!(
            "{} response(s) sent with `apig-explorer send` reached a window that closed before showing them; they are being added to History.",
            left.len()
        ));
        self.record_aside(left);
    }

    /// Record `pending` hand-offs in the history on a task, over a connection of its
    /// own; the window reads the history again when the task commits.
    fn record_aside(&mut self, pending: Vec<Pending>) {
        let Some(store) = self.casebook.store().and_then(Store::reopen) else {
            return;
        };
        let catalog = self.library.shared_catalog();
        // Its token is not polled: `send` said these arrived, so they are recorded whole
        // (the window waits for them in `close_handoff`). Its end wakes the window.
        let recording = self
            .tasks
            .spawn("handoff-history", Priority::Normal, move |_| {
                for p in &pending {
                    // What fails stays pending, for the next window.
                    let _ = settle(&store, &catalog, p);
                }
            });
        self.desk.intake.recording.push(recording);
    }

    /// The window closes: take no more hand-offs, and record the ones not yet in the
    /// history (waiting, or still being analyzed). Those arriving meanwhile are in the
    /// store and recorded by the next window.
    pub(crate) fn close_handoff(&mut self) {
        let intake = &mut self.desk.intake;
        if let Some(listener) = &mut intake.listener {
            listener.close();
        }
        // Left by a killed window and not recorded yet (the catalog files were still
        // loading), then the one being analyzed, then those not taken yet.
        while let Some(Ok(left)) = intake.listener.as_ref().and_then(Listener::poll_left) {
            intake.left_behind.extend(left);
        }
        let mut waiting = std::mem::take(&mut intake.left_behind);
        waiting.extend(intake.handed.take());
        while let Some(handed) = intake.listener.as_ref().and_then(Listener::poll) {
            waiting.push(handed.kept.unwrap_or_else(|| Pending {
                key: String::new(),
                time: now_utc(),
                text: stored_text(&handed.text),
                total_bytes: handed.text.len(),
            }));
        }
        let recording = std::mem::take(&mut intake.recording);
        let catalog = self.library.shared_catalog();
        for pending in waiting {
            let catalog = Arc::clone(&catalog);
            self.casebook
                .persist(move |s| settle(s, &catalog, &pending));
        }
        for mut recording in recording {
            let _ = recording.wait(Duration::MAX);
        }
        // Only now may another window take the hand-off over: what it then finds pending
        // in the store is what this one could not record.
        self.desk.intake.listener = None;
    }

    /// True once after a hand-off arrived: the window comes to the front.
    pub(crate) fn take_raise(&mut self) -> bool {
        std::mem::take(&mut self.desk.intake.raise)
    }

    /// Whether a hand-off's paste is being analyzed (its row is still pending).
    #[cfg(all(test, unix))]
    pub(crate) fn handed_in_flight(&self) -> bool {
        self.desk.intake.handed.is_some()
    }
}

/// Analyze a stored hand-off and record it in the history; a kept one's row goes (one
/// the store could not keep has no key).
fn settle(store: &Store, catalog: &Catalog, pending: &Pending) -> Result<(), StoreError> {
    let (analysis, _) = analyze_isolated(&pending.text, catalog);
    let entry = HistoryEntry::of(
        pending.time.clone(),
        pending.text.clone(),
        pending.total_bytes,
        &analysis,
    );
    if pending.key.is_empty() {
        store.record_history(&entry)
    } else {
        store.settle_handoff(&pending.key, &entry)
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests;
