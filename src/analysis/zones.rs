//! What a log time's zone says, so that a time is stated as UTC only when it is UTC.
//! Zone abbreviations are a table, not code: an abbreviation that names several zones
//! (CST is China and US Central) has no offset there and is never guessed. IANA names
//! (`Europe/Berlin`) are read from the time zone database jiff finds on the system.

/// How a time's zone is known: what lets it be stated as UTC, or why it is not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum Zone {
    /// Written in UTC, or with an offset or zone that was read: the time is UTC.
    #[default]
    Utc,
    /// Written without a zone (ISO without offset, logback, Go log): the time is the
    /// log's own clock, as written.
    NotGiven,
    /// Written without a zone or a year (syslog, klog): as written, the year assumed.
    NotGivenNoYear,
    /// Written with an abbreviation that names several zones: as written.
    Ambiguous(&'static str),
    /// Written with a zone name that could not be read: as written.
    Unread,
    /// `03/01/2026`: day and month could be either way round; read as month/day, as
    /// written (its zone was not read).
    DayMonthUnsure,
    /// `6/5/2024 11:59:58 PM -05:00`: day and month could be either way round (read as
    /// month/day), and the zone was read: the time is UTC, but the day may be another.
    UtcDayMonthUnsure,
    /// `07/12/2026` in a French or Spanish log: day and month could be either way round;
    /// read as day/month, as such logs write it, as written (its zone was not read).
    DayFirstUnsure,
    /// As [`Zone::DayFirstUnsure`], with its zone read: UTC, but the day may be another.
    UtcDayFirstUnsure,
    /// A wall-clock time its named zone skips (the hour clocks jump over when daylight
    /// saving time begins): no such moment, so none is guessed; as written.
    Skipped,
    /// A wall-clock time its named zone has twice (the hour repeated when daylight
    /// saving time ends): which of the two is not known; as written.
    Repeated,
}

impl Zone {
    /// Whether the time is UTC with nothing to say about it: only then may a column or a
    /// headline be called UTC without a word more.
    pub(crate) fn is_utc(self) -> bool {
        self == Zone::Utc
    }

    /// Whether the time is a moment in UTC (its zone was read), even when its day is
    /// unsure: such a time carries the `Z` of UTC in JSON, and its label says the rest.
    pub(crate) fn in_utc(self) -> bool {
        matches!(
            self,
            Zone::Utc | Zone::UtcDayMonthUnsure | Zone::UtcDayFirstUnsure
        )
    }

    /// What the time is, in words for a triage: `UTC`, `as written in the log, zone not
    /// given`.
    pub(crate) fn label(self) -> String {
        match self {
            Zone::Utc => "UTC".into(),
            Zone::NotGiven => "as written in the log, zone not given".into(),
            Zone::NotGivenNoYear => {
                "as written in the log, zone not given, year assumed (the log gives none)".into()
            }
            Zone::Ambiguous(name) => {
                let meanings = ABBREVIATIONS
                    .iter()
                    .find(|a| a.name == name)
                    .map_or("", |a| a.meaning);
                format!("as written in the log, zone ambiguous: {name} is {meanings}")
            }
            Zone::Unread => "as written in the log, its zone name could not be read".into(),
            Zone::DayMonthUnsure => {
                "as written in the log, day/month order unsure (read as month/day)".into()
            }
            Zone::UtcDayMonthUnsure => {
                "UTC, day/month order unsure (read as month/day; the other order is another day)".into()
            }
            Zone::DayFirstUnsure => {
                "as written in the log, day/month order unsure (read as day/month, as the paste's language writes dates)".into()
            }
            Zone::UtcDayFirstUnsure => {
                "UTC, day/month order unsure (read as day/month, as the paste's language writes dates; the other order is another day)".into()
            }
            Zone::Skipped => "as written in the log, a time its zone skips at a daylight saving change (no such moment)".into(),
            Zone::Repeated => "as written in the log, a time its zone has twice at a daylight saving change (which one is unknown)".into(),
        }
    }
}

/// The times of several errors in words: `UTC` when every one is, else what each kind
/// is; a mix of kinds says its order across them is uncertain.
pub(crate) fn label(zones: &[Zone]) -> String {
    match zones {
        [] => "UTC".into(),
        [one] => one.label(),
        many => format!(
            "mixed, their order across kinds uncertain: {}",
            many.iter()
                .map(|z| z.label())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

/// Whether every time of `zones` is UTC (none counts as all).
pub(crate) fn all_utc(zones: &[Zone]) -> bool {
    zones.iter().all(|z| z.is_utc())
}

/// Whether every time of `zones` is a moment in UTC ([`Zone::in_utc`]), so JSON may write
/// them with the `Z` of UTC.
pub(crate) fn all_in_utc(zones: &[Zone]) -> bool {
    zones.iter().all(|z| z.in_utc())
}

/// Add `zone` to the distinct zones seen, in order of first appearance.
pub(crate) fn note(zones: &mut Vec<Zone>, zone: Zone) {
    if !zones.contains(&zone) {
        zones.push(zone);
    }
}

/// A zone abbreviation: its offset east of UTC in minutes, or None when it names
/// several zones (then `meaning` lists them).
struct Abbreviation {
    name: &'static str,
    offset_minutes: Option<i32>,
    meaning: &'static str,
}

const fn at(name: &'static str, offset_minutes: i32) -> Abbreviation {
    Abbreviation {
        name,
        offset_minutes: Some(offset_minutes),
        meaning: "",
    }
}

const fn either(name: &'static str, meaning: &'static str) -> Abbreviation {
    Abbreviation {
        name,
        offset_minutes: None,
        meaning,
    }
}

/// Abbreviations logs write after a time. Those not here are not read as zones (a word
/// after a time is as often `ERROR`).
const ABBREVIATIONS: &[Abbreviation] = &[
    at("Z", 0),
    at("UTC", 0),
    at("UT", 0),
    at("GMT", 0),
    at("WET", 0),
    at("WEST", 60),
    at("CET", 60),
    at("CEST", 120),
    at("MET", 60),
    at("MEST", 120),
    // German tickets' names: Mitteleuropäische (Sommer)zeit, west and east too.
    at("MEZ", 60),
    at("MESZ", 120),
    at("WEZ", 0),
    at("WESZ", 60),
    at("OEZ", 120),
    at("OESZ", 180),
    at("EET", 120),
    at("EEST", 180),
    at("MSK", 180),
    at("GST", 240),
    at("PKT", 300),
    at("ICT", 420),
    at("WIB", 420),
    at("HKT", 480),
    at("SGT", 480),
    at("AWST", 480),
    at("PHT", 480),
    at("JST", 540),
    at("KST", 540),
    at("ACST", 570),
    at("ACDT", 630),
    at("AEST", 600),
    at("AEDT", 660),
    at("NZST", 720),
    at("NZDT", 780),
    at("HST", -600),
    at("AKST", -540),
    at("AKDT", -480),
    at("PST", -480),
    at("PDT", -420),
    at("MST", -420),
    at("MDT", -360),
    at("CDT", -300),
    at("EST", -300),
    at("EDT", -240),
    at("ADT", -180),
    either(
        "CST",
        "China (+08:00) or US Central (-06:00) or Cuba (-05:00)",
    ),
    either(
        "IST",
        "India (+05:30) or Ireland (+01:00) or Israel (+02:00)",
    ),
    either("BST", "British Summer (+01:00) or Bangladesh (+06:00)"),
    either("AST", "Atlantic (-04:00) or Arabia (+03:00)"),
];

/// The first part of IANA zone names: `Orders/Create` after a time is not a zone.
const IANA_REGIONS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

/// What a zone written after a time says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// Seconds east of UTC.
    Offset(i64),
    /// A zone named in the database.
    Named,
    /// Known, but ambiguous or unread.
    Unsure(Zone),
    /// Not a zone (`ERROR`, nothing).
    None,
}

/// Zones written out in words after a time, with their offsets east of UTC in minutes
/// (China keeps no summer time: Beijing time is always +08:00). Compared ignoring ASCII
/// case. A word that names several zones is not here: `CST` is in [`ABBREVIATIONS`],
/// ambiguous.
pub(crate) const SPELLED: &[(&str, i32)] = &[
    ("北京时间", 480),
    ("中国标准时间", 480),
    ("Beijing time", 480),
    ("China standard time", 480),
];

/// `Z`, `+08:00`, `-0500`, `CET`, `Europe/Berlin`, `北京时间`, or a word that is not a zone.
pub(crate) fn written(zone: &str) -> Written {
    if let Some(offset) = numeric_offset(zone).or_else(|| named_offset(zone)) {
        return Written::Offset(offset);
    }
    if let Some((_, minutes)) = SPELLED.iter().find(|(n, _)| n.eq_ignore_ascii_case(zone)) {
        return Written::Offset(i64::from(*minutes) * 60);
    }
    if let Some(a) = ABBREVIATIONS.iter().find(|a| a.name == zone) {
        return match a.offset_minutes {
            Some(m) => Written::Offset(i64::from(m) * 60),
            None => Written::Unsure(Zone::Ambiguous(a.name)),
        };
    }
    let region = zone.split('/').next().unwrap_or_default();
    if zone.contains('/') && IANA_REGIONS.contains(&region) {
        return match jiff::tz::db().get(zone) {
            Ok(_) => Written::Named,
            Err(_) => Written::Unsure(Zone::Unread),
        };
    }
    Written::None
}

/// `+08:00`, `-0500`, `+08` in seconds east of UTC.
fn numeric_offset(zone: &str) -> Option<i64> {
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 = match digits.get(2..) {
        Some("") | None => 0,
        Some(m) => m.parse().ok()?,
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// `UTC+1`, `GMT-5`, `UTC+08:00`, `GMT+0530` in seconds east of UTC (the hours may have
/// one digit after `UTC`/`GMT`, where a bare offset has two).
fn named_offset(zone: &str) -> Option<i64> {
    let rest = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))?;
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = rest.get(1..)?;
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() <= 2 => (digits, "0"),
        None => digits.split_at_checked(digits.len() - 2)?,
    };
    let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// A wall-clock time (as unix seconds read as UTC) in the IANA zone `name`, as UTC.
pub(crate) fn in_named_zone(local: i64, name: &str) -> Option<Named> {
    let tz = jiff::tz::db().get(name).ok()?;
    let civil = jiff::Timestamp::from_second(local)
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .datetime();
    let zoned = tz.to_ambiguous_zoned(civil);
    Some(match zoned.offset() {
        jiff::tz::AmbiguousOffset::Unambiguous { .. } => {
            Named::At(zoned.compatible().ok()?.timestamp().as_second())
        }
        jiff::tz::AmbiguousOffset::Gap { .. } => Named::Skipped,
        jiff::tz::AmbiguousOffset::Fold { .. } => Named::Repeated,
    })
}

/// A wall-clock time in a named zone: the moment it is, or why there is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    /// Unix seconds.
    At(i64),
    /// The zone skips this time (daylight saving begins).
    Skipped,
    /// The zone has this time twice (daylight saving ends).
    Repeated,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_a_zone_skips_or_repeats_is_no_moment() {
        let local = |t: &str| {
            jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", t)
                .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC))
                .map(|z| z.timestamp().as_second())
                .expect("a time")
        };
        let berlin = |t: &str| in_named_zone(local(t), "Europe/Berlin");
        // Clocks went from 02:00 to 03:00 on 29 March 2026, and back from 03:00 to
        // 02:00 on 25 October 2026.
        assert_eq!(berlin("2026-03-29 02:30:00"), Some(Named::Skipped));
        assert_eq!(berlin("2026-10-25 02:30:00"), Some(Named::Repeated));
        assert_eq!(
            berlin("2026-07-01 12:00:00"),
            Some(Named::At(local("2026-07-01 10:00:00")))
        );
    }

    #[test]
    fn utc_and_gmt_with_an_offset_are_that_offset() {
        assert_eq!(written("UTC+1"), Written::Offset(3600));
        assert_eq!(written("GMT-5"), Written::Offset(-5 * 3600));
        assert_eq!(written("UTC+08:00"), Written::Offset(8 * 3600));
        assert_eq!(written("GMT+0530"), Written::Offset(5 * 3600 + 1800));
        assert_eq!(written("UTC+25"), Written::None);
    }

    #[test]
    fn abbreviations_are_offsets_and_ambiguous_ones_are_not_guessed() {
        assert_eq!(written("CET"), Written::Offset(3600));
        assert_eq!(written("MEZ"), Written::Offset(3600));
        assert_eq!(written("MESZ"), Written::Offset(7200));
        assert_eq!(written("PDT"), Written::Offset(-7 * 3600));
        assert_eq!(written("+05:30"), Written::Offset(5 * 3600 + 1800));
        assert_eq!(written("-0500"), Written::Offset(-5 * 3600));
        assert_eq!(written("CST"), Written::Unsure(Zone::Ambiguous("CST")));
        assert_eq!(written("IST"), Written::Unsure(Zone::Ambiguous("IST")));
        assert_eq!(written("ERROR"), Written::None);
        assert_eq!(written("Europe/Atlantis"), Written::Unsure(Zone::Unread));
        assert_eq!(written("Orders/Create"), Written::None);
        assert!(Zone::Ambiguous("CST").label().contains("China"));
    }

    #[test]
    fn one_kind_of_time_says_what_it_is_and_a_mix_says_so() {
        assert_eq!(label(&[Zone::Utc]), "UTC");
        assert_eq!(
            label(&[Zone::NotGiven]),
            "as written in the log, zone not given"
        );
        let mixed = label(&[Zone::Utc, Zone::NotGiven]);
        assert!(
            mixed.starts_with("mixed") && mixed.contains("UTC"),
            "{mixed}"
        );
        assert!(!all_utc(&[Zone::Utc, Zone::NotGiven]));
    }
}
