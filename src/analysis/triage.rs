//! The triage of a long log: every error counted, grouped by code + status, with when
//! each group was first and last seen, a few request ids to quote, and errors per minute.
//! The groups count every error; only the first errors of each group are kept in full,
//! so a 16 MB log does not hold 100,000 analyses in memory.

use serde::Serialize;

use super::FoundError;
use crate::catalog::Catalog;

/// How many errors of one group are kept in full (the rest are counted).
pub const LISTED_PER_GROUP: usize = 100;
/// Request ids quoted per group.
const SAMPLE_IDS: usize = 5;

/// Counts over every error of a paste.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Triage {
    /// Every error found, listed or not.
    pub total: usize,
    /// Most frequent first; equal counts in order of first appearance.
    pub groups: Vec<Group>,
    /// Errors that carry a time (a log timestamp or a `Date` header).
    pub timed: usize,
    /// Errors per minute over every group, ascending: (minute start, errors). Worked out
    /// once here, not by every frame that draws the histogram.
    pub per_minute: Vec<(i64, u32)>,
}

/// The errors of one code + status.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Group {
    /// The code as the catalog writes it; for a code-less error, its matched row's code.
    pub code: Option<String>,
    pub http_status: Option<u16>,
    /// The catalog row the group's first error matched.
    #[serde(skip)]
    pub row: Option<usize>,
    pub count: usize,
    /// Unix seconds (UTC; a time written without a zone is read as UTC).
    #[serde(serialize_with = "super::clock::serialize_time")]
    pub first_seen: Option<i64>,
    #[serde(serialize_with = "super::clock::serialize_time")]
    pub last_seen: Option<i64>,
    pub request_ids: Vec<String>,
    /// (minute start in unix seconds, errors in it), ascending.
    pub per_minute: Vec<(i64, u32)>,
    /// Indices into [`super::Analysis::errors`] of this group's listed errors.
    #[serde(skip)]
    pub listed: Vec<usize>,
}

impl Triage {
    /// The span of minutes covered, as (first minute, last minute), when any error is timed.
    pub fn minute_span(&self) -> Option<(i64, i64)> {
        Some((self.per_minute.first()?.0, self.per_minute.last()?.0))
    }

    /// Errors over time in at most `max_bars` bars of whole minutes: (minutes per bar,
    /// [(bar start in unix seconds, errors)]), for all groups or one. A day-long log
    /// gives a few hundred bars, not 1,440.
    pub fn bars(&self, group: Option<usize>, max_bars: usize) -> (i64, Vec<(i64, u32)>) {
        let Some((first, last)) = self.minute_span() else {
            return (1, Vec::new());
        };
        let span = (last - first) / 60 + 1;
        let step = (span + max_bars as i64 - 1) / (max_bars.max(1) as i64);
        let step = step.max(1);
        let minutes = match group.and_then(|g| self.groups.get(g)) {
            Some(g) => &g.per_minute,
            None => &self.per_minute,
        };
        let mut bars: Vec<(i64, u32)> = Vec::new();
        for &(minute, n) in minutes {
            let bar = first + (minute - first) / (60 * step) * 60 * step;
            add_minute(&mut bars, bar, n);
        }
        (step, bars)
    }

    /// The group an error (by its index in the listed errors) belongs to.
    pub fn group_of(&self, error: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.listed.contains(&error))
    }
}

/// Count every error into groups and keep the first [`LISTED_PER_GROUP`] of each (all of
/// them with `keep_all`), in their original order.
pub fn triage(
    errors: Vec<FoundError>,
    catalog: &Catalog,
    keep_all: bool,
) -> (Vec<FoundError>, Triage) {
    let mut triage = Triage {
        total: errors.len(),
        ..Triage::default()
    };
    let mut kept = Vec::new();
    for e in errors {
        let key = (group_code(&e, catalog), e.http_status);
        let g = match triage
            .groups
            .iter()
            .position(|g| g.code == key.0 && g.http_status == key.1)
        {
            Some(g) => g,
            None => {
                triage.groups.push(Group {
                    code: key.0,
                    http_status: key.1,
                    row: e.matched().map(|c| c.row),
                    ..Group::default()
                });
                triage.groups.len() - 1
            }
        };
        let group = &mut triage.groups[g];
        count_into(group, &e);
        triage.timed += usize::from(e.seen_at.is_some());
        if keep_all || group.listed.len() < LISTED_PER_GROUP {
            group.listed.push(kept.len());
            kept.push(e);
        }
    }
    // Stable: equal counts keep the order in which they first appeared.
    triage.groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    for g in &triage.groups {
        for &(minute, n) in &g.per_minute {
            add_minute(&mut triage.per_minute, minute, n);
        }
    }
    (kept, triage)
}

/// The code a group is named by: the error's own, else that of the row it matched.
fn group_code(e: &FoundError, catalog: &Catalog) -> Option<String> {
    e.code.clone().or_else(|| {
        let row = catalog.entries.get(e.matched()?.row)?;
        Some(row.code().to_string())
    })
}

fn count_into(group: &mut Group, e: &FoundError) {
    group.count += 1;
    if let Some(t) = e.seen_at {
        group.first_seen = Some(group.first_seen.map_or(t, |f| f.min(t)));
        group.last_seen = Some(group.last_seen.map_or(t, |l| l.max(t)));
        add_minute(&mut group.per_minute, t.div_euclid(60) * 60, 1);
    }
    if let Some(id) = &e.request_id
        && group.request_ids.len() < SAMPLE_IDS
        && !group.request_ids.contains(id)
    {
        group.request_ids.push(id.clone());
    }
}

/// Add `n` to `minute` in an ascending list (a log is mostly in order: look from the end).
fn add_minute(minutes: &mut Vec<(i64, u32)>, minute: i64, n: u32) {
    match minutes.iter().rposition(|(m, _)| *m <= minute) {
        Some(i) if minutes[i].0 == minute => minutes[i].1 += n,
        Some(i) => minutes.insert(i + 1, (minute, n)),
        None => minutes.insert(0, (minute, n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_log_gets_coarser_bars_with_every_error_counted() {
        let group = Group {
            per_minute: (0..1440).map(|m| (m * 60, 2)).collect(),
            count: 2880,
            ..Group::default()
        };
        let triage = Triage {
            total: 2880,
            per_minute: group.per_minute.clone(),
            groups: vec![group],
            timed: 2880,
        };
        let (step, bars) = triage.bars(None, 240);
        assert_eq!(step, 6);
        assert_eq!(bars.len(), 240);
        assert!(bars.iter().all(|(_, n)| *n == 12));
        let (step, bars) = triage.bars(Some(0), 2000);
        assert_eq!((step, bars.len()), (1, 1440), "few minutes: one bar each");
    }
}
