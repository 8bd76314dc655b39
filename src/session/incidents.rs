//! The incidents of a session: the book, which one is being worked, and the store that
//! keeps them. Every change is saved at once; a failed save is reported, never silent.

use super::store::IncidentStore;
use crate::incident::{Incident, IncidentBook};

#[derive(Default)]
pub struct Incidents {
    book: IncidentBook,
    active: Option<u64>,
    /// Why incidents could not be loaded or saved, until the engineer dismisses it.
    problem: Option<String>,
    store: Option<IncidentStore>,
}

impl Incidents {
    /// The incidents kept in `store`, the first one active.
    pub fn load(store: IncidentStore) -> Self {
        let loaded = store.load();
        Incidents {
            active: loaded.book.incidents.first().map(|i| i.id),
            book: loaded.book,
            problem: loaded.problem,
            store: Some(store),
        }
    }

    pub fn book(&self) -> &IncidentBook {
        &self.book
    }

    /// The incident being worked, if it still exists.
    pub fn active(&self) -> Option<&Incident> {
        self.book.get(self.active?)
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    pub(super) fn dismiss_problem(&mut self) {
        self.problem = None;
    }

    pub(super) fn activate(&mut self, id: u64) {
        self.active = Some(id);
    }

    /// Start an incident made by `make` from its new id, and work it.
    pub(super) fn open(&mut self, make: impl FnOnce(u64) -> Incident) {
        let id = self.book.open(make);
        self.active = Some(id);
        self.saved();
    }

    /// Change incident `id` with `change`, then save.
    pub(super) fn change(&mut self, id: u64, change: impl FnOnce(&mut Incident)) {
        if let Some(incident) = self.book.get_mut(id) {
            change(incident);
            self.saved();
        }
    }

    pub(super) fn close(&mut self, id: u64) {
        self.book.close(id);
        if self.active == Some(id) {
            self.active = self.book.incidents.first().map(|i| i.id);
        }
        self.saved();
    }

    fn saved(&mut self) {
        if let Some(Err(e)) = self.store.as_ref().map(|s| s.save(&self.book)) {
            self.problem = Some(format!("Incidents could not be saved: {e}"));
        }
    }
}
