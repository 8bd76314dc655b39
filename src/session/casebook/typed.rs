//! Typed text leaves no trail in the store's files. An incident's name, a step's note and
//! the paste are written at every keystroke (nothing typed is lost to a crash), each write
//! its own transaction, so the write-ahead log holds every state the text passed through:
//! a secret typed character by character is redacted once whole, but its beginnings match
//! no rule and stayed in the `-wal` file. Once the writes pause, the log is copied into the
//! database and cut to nothing (the database keeps only the last state, and
//! `secure_delete` zeroes what it replaced). Emptying the log costs a few disk syncs, too
//! slow to do at every keystroke; it follows every burst of writes, whatever they were.

use std::time::{Duration, Instant};

use super::Casebook;

/// How long the writes must pause before the log is emptied.
pub(in crate::session) const SETTLE: Duration = Duration::from_millis(1500);

impl Casebook {
    /// A change was just written.
    pub(super) fn wrote(&mut self, now: Instant) {
        if self.store.is_some() {
            self.typed_at = Some(now);
        }
    }

    /// Empty the log once the typing has paused for [`SETTLE`].
    pub(in crate::session) fn settle_typing(&mut self, now: Instant) {
        if self.typing_due_in(now).is_some() {
            return;
        }
        if self.typed_at.take().is_some()
            && let Some(store) = &self.store
        {
            // Another window reading the log keeps it from being cut now; it is cut when
            // the last window closes, or at the next start.
            let _ = store.truncate_wal();
        }
    }

    /// How long until the log is to be emptied, while typed text waits for it (the front
    /// end wakes then, as nothing else may come to run [`Casebook::settle_typing`]).
    pub(in crate::session) fn typing_due_in(&self, now: Instant) -> Option<Duration> {
        let paused = now.saturating_duration_since(self.typed_at?);
        SETTLE.checked_sub(paused).filter(|left| !left.is_zero())
    }
}
