//! The incidents in the store. Each change writes the fields it changed, and only those,
//! so two windows working different steps (or different fields of one step) keep both
//! changes. When a window overwrites a value it never saw (another window wrote it since),
//! the later write wins and the replaced value goes to the step's history.

use rusqlite::{OptionalExtension as _, params};

use super::{Store, StoreError};
use crate::incident::{Earlier, Incident, IncidentBook, StepField, StepStatus, WorkedStep};
use crate::redact::redact;

impl Store {
    /// The open incidents; one that cannot be read is skipped and reported.
    pub(super) fn incidents(&self, problems: &mut Vec<String>) -> Result<IncidentBook, StoreError> {
        let mut book = IncidentBook {
            incidents: self.incidents_where(false, problems)?,
            ..IncidentBook::default()
        };
        book.next_id = book.incidents.iter().map(|i| i.id + 1).max().unwrap_or(0);
        Ok(book)
    }

    /// The closed incidents, most recently closed first: the Archive.
    pub(super) fn archived(&self, problems: &mut Vec<String>) -> Result<Vec<Incident>, StoreError> {
        self.incidents_where(true, problems)
    }

    fn incidents_where(
        &self,
        closed: bool,
        problems: &mut Vec<String>,
    ) -> Result<Vec<Incident>, StoreError> {
        let sql = if closed {
            "SELECT id, name, started, row_key, paste FROM incident
             WHERE closed IS NOT NULL ORDER BY closed DESC, id DESC"
        } else {
            "SELECT id, name, started, row_key, paste FROM incident
             WHERE closed IS NULL ORDER BY id"
        };
        let mut stmt = self.conn.prepare(sql)?;
        let heads = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for (id, name, started, row_key, paste) in heads {
            let incident = (|| -> Result<Incident, StoreError> {
                Ok(Incident {
                    id: id as u64,
                    name,
                    row: serde_json::from_str(&row_key)?,
                    started,
                    paste: paste.as_deref().map(serde_json::from_str).transpose()?,
                    steps: self.steps(id)?,
                })
            })();
            match incident {
                Ok(incident) => out.push(incident),
                Err(e) => problems.push(format!("Incident {id} could not be read: {e}")),
            }
        }
        Ok(out)
    }

    fn steps(&self, incident: i64) -> Result<Vec<WorkedStep>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT step, status, note, changed, finding FROM incident_step
             WHERE incident = ?1 ORDER BY position",
        )?;
        let rows = stmt
            .query_map([incident], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut steps = rows
            .into_iter()
            .map(|(step, status, note, changed, finding)| {
                Ok(WorkedStep {
                    step: serde_json::from_str(&step)?,
                    status: serde_json::from_str(&status)?,
                    note,
                    changed,
                    finding: finding.as_deref().map(serde_json::from_str).transpose()?,
                    earlier: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        for (position, earlier) in self.step_history(incident)? {
            if let Some(step) = steps.get_mut(position) {
                step.earlier.push(earlier);
            }
        }
        Ok(steps)
    }

    /// The replaced values of an incident's steps, oldest first, with their positions.
    fn step_history(&self, incident: i64) -> Result<Vec<(usize, Earlier)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT position, field, value, changed FROM step_history
             WHERE incident = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([incident], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(position, field, value, changed)| {
                let field: StepField = serde_json::from_str(&field)?;
                let value = shown(field, value)?;
                let position = usize::try_from(position).unwrap_or(usize::MAX);
                Ok((
                    position,
                    Earlier {
                        field,
                        value,
                        changed,
                    },
                ))
            })
            .collect()
    }

    /// Store a new incident; the database gives it its id, so two windows never hand
    /// out the same one.
    pub fn insert_incident(&self, incident: &Incident) -> Result<u64, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO incident(name, started, row_key, paste) VALUES (?1, ?2, ?3, ?4)",
            params![
                redact(&incident.name),
                incident.started,
                serde_json::to_string(&incident.row)?,
                incident
                    .paste
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()?
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (position, step) in incident.steps.iter().enumerate() {
            insert_step(&tx, id, position, step)?;
        }
        tx.commit()?;
        Ok(id as u64)
    }

    /// Give incident `id` the name `name`.
    pub fn rename_incident(&self, id: u64, name: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE incident SET name = ?2 WHERE id = ?1",
            params![id as i64, redact(name)],
        )?;
        Ok(())
    }

    /// Write what changed in one step, from `before` (as this window saw it) to `after`.
    /// Returns the values of other windows this write replaced, now in the step's history.
    pub fn save_step_change(
        &self,
        id: u64,
        position: usize,
        before: &WorkedStep,
        after: &WorkedStep,
    ) -> Result<Vec<Earlier>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let mut replaced = Vec::new();
        let at = (id as i64, position as i64, after.changed.as_deref());
        if before.status != after.status {
            let (seen, new) = (
                serde_json::to_string(&before.status)?,
                serde_json::to_string(&after.status)?,
            );
            replaced.extend(write_field(&tx, at, StepField::Status, &seen, &new)?);
        }
        if before.note != after.note {
            let (seen, new) = (redact(&before.note), redact(&after.note));
            replaced.extend(write_field(&tx, at, StepField::Note, &seen, &new)?);
        }
        tx.commit()?;
        Ok(replaced)
    }

    /// Bring a closed incident back from the Archive.
    pub(crate) fn reopen_incident(&self, id: u64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE incident SET closed = NULL WHERE id = ?1",
            params![id as i64],
        )?;
        Ok(())
    }

    /// Close an incident; its rows stay in the database, listed in the Archive.
    pub(crate) fn close_incident(&self, id: u64, now: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE incident SET closed = ?2 WHERE id = ?1",
            params![id as i64, now],
        )?;
        Ok(())
    }
}

/// Set one field of a step to `new` (stored form). If the stored value is neither what
/// this window saw nor the new one, another window wrote it meanwhile: it is kept in the
/// step's history and returned.
fn write_field(
    conn: &rusqlite::Connection,
    (id, position, changed): (i64, i64, Option<&str>),
    field: StepField,
    seen: &str,
    new: &str,
) -> Result<Option<Earlier>, StoreError> {
    let column = match field {
        StepField::Status => "status",
        StepField::Note => "note",
    };
    let stored: Option<(String, Option<String>)> = conn
        .query_row(
            &format!(
                "SELECT {column}, changed FROM incident_step WHERE incident = ?1 AND position = ?2"
            ),
            params![id, position],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut replaced = None;
    if let Some((value, was_changed)) = stored
        && value != seen
        && value != new
    {
        conn.execute(
            "INSERT INTO step_history(incident, position, field, value, changed)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                position,
                serde_json::to_string(&field)?,
                value,
                was_changed
            ],
        )?;
        replaced = Some(Earlier {
            field,
            value: shown(field, value)?,
            changed: was_changed,
        });
    }
    conn.execute(
        &format!(
            "UPDATE incident_step SET {column} = ?3, changed = ?4 WHERE incident = ?1 AND position = ?2"
        ),
        params![id, position, new, changed],
    )?;
    Ok(replaced)
}

/// A stored value as the engineer reads it: a status by its label.
fn shown(field: StepField, stored: String) -> Result<String, StoreError> {
    Ok(match field {
        StepField::Status => serde_json::from_str::<StepStatus>(&stored)?
            .label()
            .to_string(),
        StepField::Note => stored,
    })
}

/// Notes are redacted here, at the boundary to disk: what the engineer typed may hold
/// a credential copied from the customer's response.
fn insert_step(
    conn: &rusqlite::Connection,
    id: i64,
    position: usize,
    step: &WorkedStep,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO incident_step(incident, position, step, status, note, changed, finding)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            position as i64,
            serde_json::to_string(&step.step)?,
            serde_json::to_string(&step.status)?,
            redact(&step.note),
            step.changed,
            step.finding
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?
        ],
    )?;
    Ok(())
}
