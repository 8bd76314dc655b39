//! The triage of a long log: every error counted, grouped by catalog row, with when
//! each group was first and last seen, a few request ids to quote, and errors per minute.
//! The groups count every error; only the first errors of each group are kept in full,
//! so a 16 MB log does not hold 100,000 analyses in memory.
//!
//! A group is one catalog row (and the status the lines give, when it differs from the
//! row's): never a code alone, since one code has several rows (APIG.0201 is a backend
//! timeout at 504 and an unavailable backend at 502). An error whose row the line does
//! not pin down goes to a group that says so, labelled with its code and status only.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::FoundError;
use super::clock::json_time;
use super::index::Lookup;
use super::zones::{self, Zone};

/// How many errors of one group are kept in full (the rest are counted).
pub const LISTED_PER_GROUP: usize = 100;
/// Request ids quoted per group.
const SAMPLE_IDS: usize = 5;

/// Counts over every error of a paste. In JSON its times carry the `Z` of UTC only when
/// every time is UTC, and `time_zone` says what they are.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
#[serde(into = "TriageJson")]
pub struct Triage {
    /// Every error found, listed or not.
    pub total: usize,
    /// Most frequent first; equal counts in order of first appearance.
    pub groups: Vec<Group>,
    /// Errors that carry a time (a log timestamp or a `Date` header).
    pub(crate) timed: usize,
    /// Errors per minute over every group, ascending: (minute start, errors). Worked out
    /// once here, not by every frame that draws the histogram.
    pub(crate) per_minute: Vec<(i64, u32)>,
    /// What the times are (UTC, as written without a zone, ...), each kind once.
    pub(crate) zones: Vec<Zone>,
    /// Only the beginning of the paste was analyzed: these counts are of that part.
    pub(crate) cut: Option<Cut>,
}

/// How much of a paste the counts cover, when not all of it.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Bytes analyzed (the beginning of the paste).
    pub(crate) analyzed_bytes: usize,
    /// The whole paste, when known.
    pub(crate) total_bytes: Option<usize>,
}

impl Cut {
    /// `of the first 256 KB of 2.2 MB`, for headlines and exports.
    pub(crate) fn text(&self) -> String {
        match self.total_bytes {
            Some(total) => format!(
                "of the first {} of {}",
                size_text(self.analyzed_bytes),
                size_text(total)
            ),
            None => format!("of the first {}", size_text(self.analyzed_bytes)),
        }
    }
}

/// `256 KB`, `2.2 MB`, `16 MB`.
fn size_text(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes.is_multiple_of(MIB) && bytes > 0 {
        format!("{} MB", bytes / MIB)
    } else if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The errors of one catalog row (and status), or of one code + status whose row is not
/// known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// The code as the catalog writes it; for a code-less error, its matched row's code.
    pub(crate) code: Option<String>,
    /// The status every error of the group has: read from its line, or the row's own for
    /// a line that names none. None: unknown (and then the row is too).
    pub(crate) http_status: Option<u16>,
    /// How many of its errors' lines name that status; the others take the row's.
    pub(crate) status_seen: usize,
    /// The catalog (its title) and message of the group's row; None when the row is not
    /// known.
    pub(crate) catalog: Option<String>,
    /// The row's message; None when the row is not known.
    pub(crate) message: Option<String>,
    /// Why the group has no row ("status unknown: APIG.0201 has 7 catalog rows").
    pub(crate) uncertain: Option<String>,
    /// The catalog row every error of the group is.
    pub(crate) row: Option<usize>,
    /// How many errors the group has.
    pub count: usize,
    /// The earliest error's time in unix seconds: UTC when `zones` are, else as written.
    pub(crate) first_seen: Option<i64>,
    /// The latest error's time, as `first_seen`.
    pub(crate) last_seen: Option<i64>,
    /// What the group's times are, each kind once.
    pub(crate) zones: Vec<Zone>,
    /// Some request ids of the group, as samples (at most five).
    pub(crate) request_ids: Vec<String>,
    /// How many distinct request ids the group's errors carry.
    pub(crate) request_id_count: usize,
    /// (minute start in unix seconds, errors in it), ascending.
    pub(crate) per_minute: Vec<(i64, u32)>,
    /// Indices into [`super::Analysis::errors`] of this group's listed errors.
    pub(crate) listed: Vec<usize>,
}

/// A triage as JSON writes it: times as [`json_time`] writes them, with what they are.
#[derive(Serialize)]
struct TriageJson {
    total: usize,
    groups: Vec<GroupJson>,
    timed: usize,
    /// `UTC`, or what the times are instead (`as written in the log, zone not given`).
    time_zone: String,
    per_minute: Vec<(String, u32)>,
    cut: Option<Cut>,
}

#[derive(Serialize)]
struct GroupJson {
    code: Option<String>,
    http_status: Option<u16>,
    /// How many of its lines named that status (fewer than `count`: the rest take the row's).
    status_seen: usize,
    catalog: Option<String>,
    message: Option<String>,
    uncertain: Option<String>,
    count: usize,
    first_seen: Option<String>,
    last_seen: Option<String>,
    /// What the group's times are; None when none of its errors has a time.
    time_zone: Option<String>,
    /// A sample (at most five); `request_id_count` counts every distinct one.
    request_ids: Vec<String>,
    request_id_count: usize,
    per_minute: Vec<(String, u32)>,
}

fn minutes_json(minutes: &[(i64, u32)], utc: bool) -> Vec<(String, u32)> {
    minutes
        .iter()
        .map(|&(minute, n)| (json_time(minute, utc), n))
        .collect()
}

impl From<Triage> for TriageJson {
    fn from(t: Triage) -> Self {
        TriageJson {
            total: t.total,
            timed: t.timed,
            time_zone: zones::label(&t.zones),
            per_minute: minutes_json(&t.per_minute, zones::all_in_utc(&t.zones)),
            cut: t.cut,
            groups: t
                .groups
                .into_iter()
                .map(|g| {
                    let utc = zones::all_in_utc(&g.zones);
                    GroupJson {
                        first_seen: g.first_seen.map(|s| json_time(s, utc)),
                        last_seen: g.last_seen.map(|s| json_time(s, utc)),
                        time_zone: (!g.zones.is_empty()).then(|| zones::label(&g.zones)),
                        per_minute: minutes_json(&g.per_minute, utc),
                        code: g.code,
                        http_status: g.http_status,
                        status_seen: g.status_seen,
                        catalog: g.catalog,
                        message: g.message,
                        uncertain: g.uncertain,
                        count: g.count,
                        request_ids: g.request_ids,
                        request_id_count: g.request_id_count,
                    }
                })
                .collect(),
        }
    }
}

impl Group {
    /// What the group's row says, or why it has none: its one-line label.
    pub(crate) fn row_text(&self) -> &str {
        self.message
            .as_deref()
            .or(self.uncertain.as_deref())
            .unwrap_or("no catalog row")
    }

    /// `APIG.0201 504`, `APIG.0308 429?` (the row's status, not every line names it),
    /// `APIG.0201, status unknown`.
    pub(crate) fn name(&self) -> String {
        let code = self.code.as_deref().unwrap_or("(no code)");
        match self.status_text() {
            Some(s) => format!("{code} {s}"),
            None => format!("{code}, status unknown"),
        }
    }

    /// The status as the group's lines give it: `429`, or `429?` when it is the row's
    /// and some lines (or all) name none. None: unknown.
    pub(crate) fn status_text(&self) -> Option<String> {
        let s = self.http_status?;
        Some(if self.status_seen < self.count {
            format!("{s}?")
        } else {
            s.to_string()
        })
    }

    /// Why the status ends in `?`: `429 is the row's status: no line names one`.
    pub(crate) fn status_note(&self) -> Option<String> {
        let s = self.http_status?;
        let unnamed = self
            .count
            .checked_sub(self.status_seen)
            .filter(|&n| n > 0)?;
        Some(if unnamed == self.count {
            format!("{s} is the catalog row's status: no line of this group names one")
        } else {
            format!(
                "{s} is the catalog row's status: {unnamed} of the {} lines name none",
                self.count
            )
        })
    }

    /// `request ids`, or `5 of 233 request ids` when the group has more than it quotes.
    pub(crate) fn ids_label(&self) -> String {
        if self.request_id_count > self.request_ids.len() {
            format!(
                "{} of {} request ids",
                self.request_ids.len(),
                self.request_id_count
            )
        } else {
            "request ids".into()
        }
    }
}

impl Triage {
    /// What the times are, in words: `UTC`, `as written in the log, zone not given`.
    pub(crate) fn zone_label(&self) -> String {
        zones::label(&self.zones)
    }

    /// Whether every time is UTC (then it may be called so).
    pub(crate) fn all_utc(&self) -> bool {
        zones::all_utc(&self.zones)
    }

    /// The span of minutes covered, as (first minute, last minute), when any error is timed.
    pub(crate) fn minute_span(&self) -> Option<(i64, i64)> {
        Some((self.per_minute.first()?.0, self.per_minute.last()?.0))
    }

    /// When the first and the last timed error were seen (unix seconds), to the second.
    pub fn time_span(&self) -> Option<(i64, i64)> {
        let first = self.groups.iter().filter_map(|g| g.first_seen).min()?;
        let last = self.groups.iter().filter_map(|g| g.last_seen).max()?;
        Some((first, last))
    }

    /// Errors over time in at most `max_bars` bars of whole minutes: (minutes per bar,
    /// [(bar start in unix seconds, errors)]), for all groups or one. A day-long log
    /// gives a few hundred bars, not 1,440.
    pub(crate) fn bars(&self, group: Option<usize>, max_bars: usize) -> (i64, Vec<(i64, u32)>) {
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
    pub(crate) fn group_of(&self, error: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.listed.contains(&error))
    }
}

/// Count every error into groups and keep the first [`LISTED_PER_GROUP`] of each (all of
/// them with `keep_all`), in their original order.
pub(crate) fn triage(
    errors: Vec<FoundError>,
    lookup: &Lookup,
    keep_all: bool,
) -> (Vec<FoundError>, Triage) {
    let mut triage = Triage {
        total: errors.len(),
        ..Triage::default()
    };
    let mut keys = FxHashMap::default();
    // Each group's distinct request ids, to say how many the sample is of.
    let mut ids: Vec<rustc_hash::FxHashSet<String>> = Vec::new();
    // Which errors are listed, decided first: the listed ones are then moved once into a
    // vector of their size (an error is large; one grown by doubling copies a log's
    // thousands of them again at each step).
    let mut listed = Vec::with_capacity(errors.len());
    let mut kept_count = 0;
    for e in &errors {
        let g = group_index(&mut triage.groups, &mut keys, e, lookup);
        let group = &mut triage.groups[g];
        count_into(group, e);
        if let Some(id) = &e.request_id {
            ids.resize_with(ids.len().max(g + 1), Default::default);
            if ids[g].insert(super::fields::id_key(id).into_owned()) {
                group.request_id_count += 1;
            }
        }
        triage.timed += usize::from(e.seen_at.is_some());
        if let Some(stamp) = e.seen_at {
            zones::note(&mut triage.zones, stamp.zone);
        }
        let list = keep_all || group.listed.len() < LISTED_PER_GROUP;
        if list {
            group.listed.push(kept_count);
            kept_count += 1;
        }
        listed.push(list);
    }
    let mut kept = Vec::with_capacity(kept_count);
    kept.extend(
        errors
            .into_iter()
            .zip(listed)
            .filter_map(|(e, list)| list.then_some(e)),
    );
    // Stable: equal counts keep the order in which they first appeared.
    triage.groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    for g in &triage.groups {
        for &(minute, n) in &g.per_minute {
            add_minute(&mut triage.per_minute, minute, n);
        }
    }
    (kept, triage)
}

/// What makes a group one: its row and status, or, without a row, its code and status.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum GroupKey {
    Row(usize, Option<u16>),
    Unknown(Option<String>, Option<u16>),
}

/// The group of `e`, made if it is the first of its kind. Its row is the identified one
/// (a line without a status takes its code's only row, or the row its message names);
/// with the status the line gives, else the row's. Found through `keys` (key to index in
/// `groups`), so a log of thousands of distinct groups is not scanned once per error.
fn group_index(
    groups: &mut Vec<Group>,
    keys: &mut FxHashMap<GroupKey, usize>,
    e: &FoundError,
    lookup: &Lookup,
) -> usize {
    let catalog = lookup.catalog;
    let row = e
        .matched()
        .and_then(|c| Some((c.row, catalog.entries.get(c.row)?)));
    let key = match row {
        Some((row, entry)) => GroupKey::Row(row, Some(e.http_status.unwrap_or(entry.http_status))),
        None => GroupKey::Unknown(e.code.clone(), e.http_status),
    };
    if let Some(&g) = keys.get(&key) {
        return g;
    }
    keys.insert(key, groups.len());
    groups.push(match row {
        Some((row, entry)) => Group {
            code: Some(entry.code().to_string()),
            http_status: Some(e.http_status.unwrap_or(entry.http_status)),
            catalog: Some(catalog.source_of(entry).title.clone()),
            message: Some(entry.message().to_string()),
            row: Some(row),
            ..Group::default()
        },
        None => Group {
            code: e.code.clone(),
            http_status: e.http_status,
            uncertain: Some(uncertain_reason(e, lookup)),
            ..Group::default()
        },
    });
    groups.len() - 1
}

/// Why an error has no row, in words true of every error of its group (same code and
/// status).
fn uncertain_reason(e: &FoundError, lookup: &Lookup) -> String {
    let Some(code) = &e.code else {
        return "row uncertain: no code, and no message that names one row".into();
    };
    let rows = lookup.code_rows(code);
    let only_status = match rows.as_slice() {
        [row] => lookup.catalog.entries.get(*row).map(|r| r.http_status),
        _ => None,
    };
    match (rows.len(), e.http_status) {
        (0, _) => format!("{code} is not in the catalog"),
        (1, _) if e.named_in_passing => format!(
            "row uncertain: {code} is only {}, not reported by a response or a record",
            super::past::written(e.not_now)
        ),
        (1, Some(s)) if only_status.is_some_and(|own| own != s) => format!(
            "row uncertain: status {s} differs from that of {code}'s only catalog row ({})",
            only_status.unwrap_or_default()
        ),
        (1, _) => format!(
            "row uncertain: these lines' message differs from that of {code}'s only catalog row"
        ),
        (n, None) => format!(
            "row uncertain: {code} has {n} catalog rows and these lines name no status or message that picks one"
        ),
        (n, Some(s)) => format!(
            "row uncertain: {code} has {n} catalog rows; status {s} and these lines' messages together do not point to one of them"
        ),
    }
}

fn count_into(group: &mut Group, e: &FoundError) {
    group.count += 1;
    group.status_seen += usize::from(e.http_status.is_some());
    if let Some(stamp) = e.seen_at {
        let t = stamp.at;
        zones::note(&mut group.zones, stamp.zone);
        group.first_seen = Some(group.first_seen.map_or(t, |f| f.min(t)));
        group.last_seen = Some(group.last_seen.map_or(t, |l| l.max(t)));
        add_minute(&mut group.per_minute, t.div_euclid(60) * 60, 1);
    }
    if let Some(id) = &e.request_id
        && group.request_ids.len() < SAMPLE_IDS
        && !group
            .request_ids
            .iter()
            .any(|s| super::fields::id_key(s) == super::fields::id_key(id))
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
    use crate::analysis::{analyze, time_text};
    use crate::catalog::Catalog;

    /// Twenty APIG errors in eight ways of writing a status: 8 backend timeouts (504),
    /// 6 unavailable backends (502), 4 throttled calls (two name no status), and two
    /// APIG.0201 lines that say neither status nor message.
    const MIXED: &str = include_str!("../../tests/fixtures/triage/mixed-gateway.log");

    fn groups(log: &str) -> Vec<(String, usize, String)> {
        let a = analyze(log, &Catalog::embedded());
        a.triage
            .groups
            .iter()
            .map(|g| (g.name(), g.count, g.row_text().to_string()))
            .collect()
    }

    #[test]
    fn a_mixed_log_groups_by_catalog_row_whatever_the_status_form() {
        let g = groups(MIXED);
        let expected = [
            ("APIG.0201 504", 8, "Backend timeout."),
            // One line names no status ("APIG.0201: Backend unavailable."): 502 is the row's.
            ("APIG.0201 502?", 6, "Backend unavailable."),
            (
                // Two of its lines name no status: 429 is the row's.
                "APIG.0308 429?",
                4,
                "The throttling threshold has been reached.",
            ),
        ];
        for (i, (name, count, message)) in expected.iter().enumerate() {
            assert_eq!(
                (g[i].0.as_str(), g[i].1, g[i].2.as_str()),
                (*name, *count, *message),
                "{g:#?}"
            );
        }
        assert_eq!(g.len(), 4, "{g:#?}");
        assert_eq!(g[3].0, "APIG.0201, status unknown");
        assert_eq!(g[3].1, 2);
        assert!(
            g[3].2.starts_with("row uncertain: APIG.0201 has"),
            "{}",
            g[3].2
        );
    }

    #[test]
    fn a_group_counts_its_times_and_ids_and_the_minutes_add_up() {
        let a = analyze(MIXED, &Catalog::embedded());
        let t = &a.triage;
        assert_eq!((t.total, t.timed), (20, 20));
        let timeout = &t.groups[0];
        assert_eq!(
            (
                timeout.first_seen.map(time_text),
                timeout.last_seen.map(time_text)
            ),
            (
                Some("2026-11-27 06:38:01".into()),
                Some("2026-11-27 06:40:52".into())
            )
        );
        assert_eq!(
            timeout.request_ids,
            [
                "5e1d0c2b00000001",
                "5e1d0c2b00000003",
                "5e1d0c2b00000004",
                "5e1d0c2b00000009",
                "5e1d0c2b00000011"
            ]
        );
        let per_minute: u32 = t.per_minute.iter().map(|(_, n)| n).sum();
        assert_eq!(per_minute, 20, "the histogram holds every error");
        assert_eq!(
            t.per_minute.first().map(|m| m.0),
            timeout.first_seen.map(|f| f / 60 * 60)
        );
    }

    #[test]
    fn a_code_with_one_row_gives_a_line_without_status_that_row() {
        let log = "2026-11-27T06:42:00Z WARN APIG.0308 status=429\n\
                   2026-11-27T06:42:01Z WARN APIG.0308\n\
                   2026-11-27T06:42:02Z WARN apig.0308 throttled, retry in 504 ms\n";
        assert_eq!(
            groups(log),
            [(
                // Two of the three lines name no status: 429 is the row's.
                "APIG.0308 429?".to_string(),
                3,
                "The throttling threshold has been reached.".to_string()
            )]
        );
    }

    #[test]
    fn a_status_the_row_does_not_have_keeps_its_own_group() {
        // A custom gateway response: the same row, answered with another status.
        let log = "2026-11-27T06:42:00Z WARN APIG.0308 status=429\n\
                   2026-11-27T06:42:01Z WARN APIG.0308 status=503\n";
        let g = groups(log);
        assert_eq!(g.len(), 2, "{g:#?}");
        assert_eq!((g[1].0.as_str(), g[1].1), ("APIG.0308 503", 1));
    }

    #[test]
    fn a_status_and_a_message_that_name_two_rows_leave_the_row_uncertain() {
        let log = "2026-11-27T06:38:00Z ERROR status=502 {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}\n\
                   2026-11-27T06:38:01Z ERROR status=504 {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}\n";
        let g = groups(log);
        assert_eq!(g.len(), 2, "{g:#?}");
        let uncertain = g
            .iter()
            .find(|g| g.0 == "APIG.0201 502")
            .expect("502 group");
        assert!(uncertain.2.starts_with("row uncertain"), "{uncertain:?}");
        let a = analyze(log, &Catalog::embedded());
        assert!(
            a.errors[0].matched().is_none(),
            "{:#?}",
            a.errors[0].candidates
        );
    }

    #[test]
    fn a_code_the_catalog_lacks_says_so() {
        let g = groups(
            "2026-11-27T06:38:00Z ERROR APIG.0777 status=500\n2026-11-27T06:38:01Z ERROR APIG.0777 status=500\n",
        );
        assert_eq!(g[0].0, "APIG.0777 500");
        assert_eq!(g[0].2, "APIG.0777 is not in the catalog");
    }

    #[test]
    fn a_cut_says_how_much_was_counted() {
        let cut = Cut {
            analyzed_bytes: 256 * 1024,
            total_bytes: Some(2_200_000),
        };
        assert_eq!(cut.text(), "of the first 256 KB of 2.2 MB");
        let cut = Cut {
            analyzed_bytes: 16 * 1024 * 1024,
            total_bytes: None,
        };
        assert_eq!(cut.text(), "of the first 16 MB");
    }

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
            cut: None,
            zones: Vec::new(),
        };
        let (step, bars) = triage.bars(None, 240);
        assert_eq!(step, 6);
        assert_eq!(bars.len(), 240);
        assert!(bars.iter().all(|(_, n)| *n == 12));
        let (step, bars) = triage.bars(Some(0), 2000);
        assert_eq!((step, bars.len()), (1, 1440), "few minutes: one bar each");
    }
}
