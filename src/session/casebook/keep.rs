//! Writing to the store without losing a change: a write that fails (a full disk) becomes
//! a notice and waits, with the change kept in memory; waiting writes go first, in order,
//! at the next write and when the window closes, so a later write never lands before an
//! earlier one.

use super::Casebook;
use crate::session::store::{Store, StoreError};

/// A write to the store, as kept to be tried again.
type Write = Box<dyn Fn(&Store) -> Result<(), StoreError> + Send>;

/// A write to the store that failed, kept to be tried again.
pub(super) struct PendingWrite {
    /// What it rewrites whole (the last paste, the settings): a later write of the same
    /// replaces it in the queue, so a long full disk does not pile up copies.
    key: Option<&'static str>,
    write: Write,
}

/// How a notice about a change that could not be saved begins.
const UNSAVED: &str = "A change could not be saved";

/// Run the waiting writes in order, removing each that succeeds; stops at the first that
/// fails. Returns how many were written.
fn retry(store: &Store, pending: &mut Vec<PendingWrite>) -> Result<usize, StoreError> {
    let mut written = 0;
    let result = pending.iter().try_for_each(|p| {
        (p.write)(store)?;
        written += 1;
        Ok(())
    });
    pending.drain(..written);
    result.map(|()| written)
}

impl Casebook {
    /// Write a change to the store (none: a session in memory, nothing to do). What the
    /// write returns, unless it failed and waits.
    pub(in crate::session) fn persist<T>(
        &mut self,
        write: impl Fn(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Option<T> {
        self.persist_keyed(None, write)
    }

    /// [`Casebook::persist`] for a write that replaces what `key` names whole: only the
    /// latest such write waits.
    pub(in crate::session) fn persist_latest(
        &mut self,
        key: &'static str,
        write: impl Fn(&Store) -> Result<(), StoreError> + Send + 'static,
    ) {
        self.persist_keyed(Some(key), write);
    }

    fn persist_keyed<T>(
        &mut self,
        key: Option<&'static str>,
        write: impl Fn(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Option<T> {
        let store = self.store.as_ref()?;
        let result =
            retry(store, &mut self.pending).and_then(|retried| Ok((retried, write(store)?)));
        match result {
            Ok((retried, written)) => {
                self.wrote(std::time::Instant::now());
                if retried > 0 {
                    self.pending_saved();
                }
                Some(written)
            }
            Err(e) => {
                if key.is_some() {
                    self.pending.retain(|p| p.key != key);
                }
                self.pending.push(PendingWrite {
                    key,
                    write: Box::new(move |s| write(s).map(drop)),
                });
                self.notice(format!(
                    "{UNSAVED} ({e}); it is kept in this window and saved with the next change or when the window closes."
                ));
                None
            }
        }
    }

    /// Try the writes that failed again (the window closing). True when none waits.
    pub(in crate::session) fn save_pending(&mut self) -> bool {
        let Some(store) = self.store.as_ref() else {
            return self.pending.is_empty();
        };
        match retry(store, &mut self.pending) {
            Ok(0) => true,
            Ok(_) => {
                self.pending_saved();
                true
            }
            Err(_) => false,
        }
    }

    /// The writes that waited are saved: the notices that said otherwise go.
    fn pending_saved(&mut self) {
        self.notices.retain(|n| !n.starts_with(UNSAVED));
        self.notice("The changes that could not be saved earlier are saved now.".into());
    }
}
