//! The incidents of a session: the book, and which one is being worked. The session
//! writes each change to the store; this keeps the in-memory side.

use crate::incident::{Earlier, Incident, IncidentBook, StepStatus, WorkedStep};

/// A step as this window saw it before a change, and after.
pub(super) type StepChange = (WorkedStep, WorkedStep);

#[derive(Default)]
pub struct Incidents {
    book: IncidentBook,
    active: Option<u64>,
    /// Closed incidents, most recently closed first: they can be restored.
    archived: Vec<Incident>,
    /// The incident as it was before its last Reset, until another change: Undo.
    before_reset: Option<Incident>,
}

impl Incidents {
    /// Incidents read from the store, the first one active.
    pub(crate) fn from_book(book: IncidentBook, archived: Vec<Incident>) -> Self {
        Incidents {
            active: book.incidents.first().map(|i| i.id),
            book,
            archived,
            before_reset: None,
        }
    }

    pub(crate) fn archived(&self) -> &[Incident] {
        &self.archived
    }

    /// Whether the last Reset of incident `id` can be undone.
    pub(crate) fn can_undo_reset(&self, id: u64) -> bool {
        self.before_reset.as_ref().is_some_and(|i| i.id == id)
    }

    pub fn book(&self) -> &IncidentBook {
        &self.book
    }

    /// The incident being worked, if it still exists.
    pub fn active(&self) -> Option<&Incident> {
        self.book.get(self.active?)
    }

    /// Incident `id`'s title, told apart from every other open incident's
    /// ([`IncidentBook::titles`]).
    pub(crate) fn title(&self, id: u64) -> Option<String> {
        let at = self.book.incidents.iter().position(|i| i.id == id)?;
        self.book.titles().into_iter().nth(at)
    }

    pub(super) fn activate(&mut self, id: u64) {
        self.active = Some(id);
    }

    /// Add an incident (its id given by the store, or by the book when there is none)
    /// and work it.
    pub(super) fn add(&mut self, mut incident: Incident, id: Option<u64>) -> &Incident {
        let id = id.unwrap_or_else(|| self.book.fresh_id());
        incident.id = id;
        self.book.next_id = self.book.next_id.max(id + 1);
        self.book.incidents.retain(|i| i.id != id);
        self.book.incidents.push(incident);
        self.active = Some(id);
        self.book.incidents.last().expect("just pushed")
    }

    /// Set a step's status; the step before and after, to be written.
    pub(super) fn set_status(
        &mut self,
        id: u64,
        step: usize,
        status: StepStatus,
        now: &str,
    ) -> Option<StepChange> {
        self.change_step(id, step, |i| i.set_status(step, status, now))
    }

    /// Set a step's note; the step before and after, to be written.
    pub(super) fn set_note(
        &mut self,
        id: u64,
        step: usize,
        note: &str,
        now: &str,
    ) -> Option<StepChange> {
        self.change_step(id, step, |i| i.set_note(step, note, now))
    }

    fn change_step(
        &mut self,
        id: u64,
        step: usize,
        change: impl FnOnce(&mut Incident),
    ) -> Option<StepChange> {
        self.before_reset = None;
        let incident = self.book.get_mut(id)?;
        let before = incident.steps.get(step)?.clone();
        change(incident);
        Some((before, incident.steps.get(step)?.clone()))
    }

    /// Values of other windows that a write of this one replaced: shown with the step.
    pub(super) fn add_earlier(&mut self, id: u64, step: usize, earlier: Vec<Earlier>) {
        if let Some(worked) = self.book.get_mut(id).and_then(|i| i.steps.get_mut(step)) {
            worked.earlier.extend(earlier);
        }
    }

    /// Take the incidents as another window left them in the store. Incidents only this
    /// window has (its store writes failed) are kept; the active one stays active.
    pub(super) fn replace(&mut self, book: IncidentBook, archived: Vec<Incident>) {
        let known = |id: u64| {
            book.incidents.iter().any(|i| i.id == id) || archived.iter().any(|i| i.id == id)
        };
        let mine: Vec<Incident> = std::mem::take(&mut self.book.incidents)
            .into_iter()
            .filter(|i| !known(i.id))
            .collect();
        let next_id = self.book.next_id.max(book.next_id);
        self.book = book;
        self.book.incidents.extend(mine);
        self.book.incidents.sort_by_key(|i| i.id);
        self.book.next_id = next_id;
        self.archived = archived;
        if self.active.is_none_or(|id| self.book.get(id).is_none()) {
            self.active = self.book.incidents.first().map(|i| i.id);
        }
        if let Some(before) = &self.before_reset
            && self.book.get(before.id).is_none()
        {
            self.before_reset = None;
        }
    }

    pub(super) fn rename(&mut self, id: u64, name: String) -> bool {
        self.book.get_mut(id).map(|i| i.name = name).is_some()
    }

    /// Reset every step, keeping the steps as they were for Undo; the incident before
    /// and after, to be written.
    pub(super) fn reset(&mut self, id: u64) -> Option<(Incident, Incident)> {
        let incident = self.book.get_mut(id)?;
        let before = incident.clone();
        incident.reset();
        let after = incident.clone();
        self.before_reset = Some(before.clone());
        Some((before, after))
    }

    /// Put the steps back as they were before the last Reset; the incident before and
    /// after, to be written.
    pub(super) fn undo_reset(&mut self, id: u64) -> Option<(Incident, Incident)> {
        let kept = self.before_reset.take().filter(|i| i.id == id)?;
        let incident = self.book.get_mut(id)?;
        let before = incident.clone();
        incident.steps = kept.steps;
        Some((before, incident.clone()))
    }

    /// Close an incident into the Archive; false if it is not open here.
    pub(super) fn close(&mut self, id: u64) -> bool {
        let Some(incident) = self.book.get(id).cloned() else {
            return false;
        };
        self.archived.insert(0, incident);
        self.book.close(id);
        self.before_reset = None;
        if self.active == Some(id) {
            self.active = self.book.incidents.first().map(|i| i.id);
        }
        true
    }

    /// Bring an incident back from the Archive and work it; false if it is not there.
    pub(super) fn restore(&mut self, id: u64) -> bool {
        let Some(at) = self.archived.iter().position(|i| i.id == id) else {
            return false;
        };
        let incident = self.archived.remove(at);
        self.book.incidents.push(incident);
        self.book.incidents.sort_by_key(|i| i.id);
        self.active = Some(id);
        true
    }
}
