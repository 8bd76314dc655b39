//! When an error happened: the time its log line or response gives, in the forms logs
//! write, with what its zone says ([`Zone`]): a time written without a zone is the log's
//! own clock, never stated as UTC.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::fmt::strtime;
use regex::{Captures, Regex};

use super::clock::http_date;
use super::fields::Evidence;
use super::zones::{self, Named, Written, Zone};
use crate::pattern::re;

mod worded;

/// A time an error was seen: unix seconds, UTC when `zone` is [`Zone::Utc`], else the
/// wall clock as written (read as if UTC, so it prints as written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) at: i64,
    pub(crate) zone: Zone,
    /// The fraction of its second as the log wrote it (`.123456` of `14:03:22.123456`):
    /// a log's lines a few milliseconds apart are told apart by it, and a time copied
    /// from the answer into a search keeps it.
    pub(crate) fraction: Option<Fraction>,
}

/// A second's fraction as written: its digits' value and how many digits there were.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fraction {
    value: u32,
    digits: u8,
}

impl Fraction {
    /// The fraction after a time's seconds (`.123456` or `,123`, 1 to 9 digits), if any.
    fn after(text: &str) -> Option<Fraction> {
        let digits = text.strip_prefix(['.', ','])?;
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let digits = digits.get(..end).filter(|d| (1..=9).contains(&d.len()))?;
        Some(Fraction {
            value: digits.parse().ok()?,
            digits: u8::try_from(digits.len()).ok()?,
        })
    }
}

impl Stamp {
    /// The time as the answer shows it (`2026-12-07 14:03:22.123456`).
    pub(crate) fn text(&self) -> String {
        format!(
            "{}{}",
            super::clock::time_text(self.at),
            self.fraction_text()
        )
    }

    /// The time as JSON writes it ([`super::clock::json_time`]), with its fraction.
    pub(crate) fn json(&self) -> String {
        let whole = super::clock::json_time(self.at, self.zone.in_utc());
        let fraction = self.fraction_text();
        match whole.strip_suffix('Z') {
            Some(time) => format!("{time}{fraction}Z"),
            None => format!("{whole}{fraction}"),
        }
    }

    fn fraction_text(&self) -> String {
        self.fraction.map_or_else(String::new, |f| {
            format!(".{:0width$}", f.value, width = usize::from(f.digits))
        })
    }
}

/// In JSON a stamp is its time, with the `Z` of UTC only when it is UTC.
impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.json())
    }
}

/// What may follow a time as its zone: a zone written out (`北京时间`, `Beijing time`:
/// [`zones::SPELLED`]), `Z`, `+08:00`, `-0500`, `UTC+1`, `GMT+05:30`, `CET`,
/// `Europe/Berlin`.
/// A word that is not in the zone table (`ERROR`) is not a zone.
const ZONE: &str = r"(?i:北京时间|中国标准时间|Beijing time|China standard time)|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?\b|Z\b|[+-]\d{2}:?\d{2}\b|[A-Z]{2,5}\b|[A-Z][A-Za-z_]+/[A-Za-z_+-]+(?:/[A-Za-z_+-]+)?";

/// What may stand between a time and its zone: a space, an opening bracket or
/// parenthesis (`[Asia/Shanghai]`, `(CST)`, `（北京时间）`).
const ZONE_OPEN: &str = r"\s?[\[(（]?";

/// `2026-11-27T06:38:01.123Z`, `2026-11-27 06:38:00,123`, `2026-11-27T14:38:01+08:00`,
/// `2026-03-01 10:19:46 CET`, Go's and nginx's `2026/03/01 15:04:05.683000`, a 12-hour
/// clock (`2026-12-07 10:03:04 AM EST`) and a zone in brackets (`… 10:03:04
/// [Asia/Shanghai]`, `… 14:03:22（北京时间）`).
static ISO_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{4}}[-/]\d{{2}}[-/]\d{{2}})[T ](\d{{2}}):(\d{{2}}:\d{{2}})(?:[.,]\d+)?(?:\s?([AaPp][Mm])\b)?(?:{ZONE_OPEN}({ZONE}))?"
    ))
});
/// An access log's time: `[27/Nov/2026:06:38:00 +0000]`.
static ACCESS_LOG_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2})(?:\s([+-]\d{4}))?"));
/// RFC 2822 in a line: `Sun, 01 Mar 2026 10:07:07 +0100`, `01 Mar 2026 10:07:07 GMT`.
static RFC2822_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{1,2}} [A-Z][a-z]{{2}} \d{{4}} \d{{2}}:\d{{2}}:\d{{2}})(?:{ZONE_OPEN}({ZONE}))?"
    ))
});
/// Kibana's Discover and its CSV reports: `Jun 5, 2024 @ 14:03:22.123` (the browser's
/// zone, which it does not write), the month maybe written whole (`June`).
static KIBANA_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b([A-Z][a-z]{{2}})[a-z]* (\d{{1,2}}), (\d{{4}}) @ (\d{{2}}:\d{{2}}:\d{{2}})(?:[.,]\d+)?(?:{ZONE_OPEN}({ZONE}))?"
    ))
});
/// `03/01/2026 10:07:07 AM UTC`, `6/5/2024 11:59:58 PM -05:00`: month and day in either
/// order, of one or two digits, a 12-hour clock maybe.
static SLASHED_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})[ T](\d{{1,2}}):(\d{{2}}):(\d{{2}})(?:[.,]\d+)?(?:\s?([AaPp][Mm])\b)?(?:{ZONE_OPEN}({ZONE}))?"
    ))
});
/// A syslog time, which has no year: `Dec  6 10:00:01`, at a line's start.
static SYSLOG_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^\s*([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}:\d{2}:\d{2})\b"));
/// A klog (Kubernetes, glog) time, without a year: `E0301 10:07:07.123456`.
static KLOG_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^\s*[IWEF](\d{2})(\d{2}) (\d{2}:\d{2}:\d{2})\b"));
/// Epoch milliseconds (13 digits, 2001 to 2286), at a line's start or after a time key
/// (`ts=1733479201000`, `"timestamp": 1733479201000`): elsewhere a 13-digit number is as
/// often an order number.
static EPOCH_MS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?im)(?:^\s*\[?|\b(?:@?timestamp|time|ts|epoch|time_?ms|timestamp_?ms)["']?\s*[:=]\s*["']?)(1\d{12})\b"#,
    )
});
/// Epoch seconds (10 digits, 2001 to 2286), maybe with a fraction, at a line's start
/// (`[1772357867.755]`, `1772355600 status=429`) or after a time key, as logfmt and JSON
/// write it (`ts=1717596202`, `"timestamp": 1717596202`): elsewhere a 10-digit number is
/// as often a phone or an order number.
static EPOCH_S: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?im)^\s*\[?(1\d{9})(?:\.\d+)?(?:\]|\s|$)|\b(?:@?timestamp|time|ts|epoch|unix_?time|timestamp_?s|time_?s)["']?\s*[:=]\s*["']?(1\d{9})(?:\.\d+)?(?:\]|\s|$|["',}])"#,
    )
});
/// A date and a time to the minute, as a ticket writes it (`When: 2024-06-10 14:00
/// CEST`, `2024-06-10T14:00+02:00`), read only when no form with seconds is in the text;
/// its seconds group is there to tell a time with seconds, which is not its own.
static ISO_MINUTE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{4}}[-/]\d{{2}}[-/]\d{{2}})[T ](\d{{2}}):(\d{{2}})(:\d{{2}})?(?:\s?([AaPp][Mm])\b)?(?:{ZONE_OPEN}({ZONE}))?"
    ))
});
/// A Chinese date and time: `2024年6月5日 22:03:22（北京时间）`, `2024年6月10日 周一 15:00`,
/// `2024年6月5日下午3:05`; the weekday and `上午`/`下午` (morning, afternoon) may stand
/// between them.
static CHINESE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]\s*(?:(?:周|星期|礼拜)[一二三四五六日天]\s*)?(上午|下午|晚上|中午|凌晨|早上)?\s*(\d{{1,2}})\s*[:：点时]\s*(\d{{2}})(?:\s*[:：分]\s*(\d{{2}}))?\s*[分秒]?(?:{ZONE_OPEN}({ZONE}))?"
    ))
});
/// The compact ISO form at a line's start: `20260301T100000Z` (the same form inside a
/// line is an `X-Sdk-Date`, the signing time).
static BASIC_ISO: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^\s*\[?(\d{8}T\d{6}Z)\b"));

/// When an error happened: the response's `Date` (the gateway's own clock, in GMT), else
/// the first log time in its text, else the time of the record's first line when the
/// text continues one (`first_line`: a stack trace's or a pretty-printed body's).
pub(crate) fn seen_at(text: &str, ev: &Evidence, first_line: Option<&str>) -> Option<Stamp> {
    seen_at_ordered(text, ev, first_line, SlashOrder::AsWritten)
}

/// [`seen_at`], a slashed date whose day and month could be either way round
/// (`07/12/2026`) read in `order`: the order the rest of the paste shows (`order.rs`).
pub(crate) fn seen_at_ordered(
    text: &str,
    ev: &Evidence,
    first_line: Option<&str>,
    order: SlashOrder,
) -> Option<Stamp> {
    let date = || {
        Some(Stamp {
            at: http_date(ev.date.as_deref()?)?.as_second(),
            zone: Zone::Utc,
            fraction: None,
        })
    };
    date()
        .or_else(|| logged(text, Timestamp::now(), order))
        .or_else(|| logged(first_line?, Timestamp::now(), order))
}

/// The first log time in `text`; a time without a year in the year of `now` (or the one
/// before, when that would be in the future); a slashed date read in `order`.
fn logged(text: &str, now: Timestamp, order: SlashOrder) -> Option<Stamp> {
    // The clock forms read an ASCII `hh:mm:ss` and the epochs 10 or 13 ASCII digits: a
    // text without them is not searched by their patterns (a cheap scan instead).
    // An epoch's digits, the compact form's eight and a `T`: a pattern is run only on a
    // text with as many ASCII digits in a row (its groups are parsed as ASCII digits: a
    // match of other digits gives no time either).
    let clock = has_time_of_day(text);
    let runs = EpochRuns::of(text);
    let epoch = runs.ms || runs.seconds || runs.basic;
    let on_clock = || {
        iso(text)
            .or_else(|| access(text))
            .or_else(|| rfc2822(text))
            .or_else(|| kibana(text))
            .or_else(|| slashed(text, order))
            .or_else(|| syslog(text, now))
            .or_else(|| klog(text, now))
    };
    let by_epoch = || {
        let utc = |at| Stamp {
            at,
            zone: Zone::Utc,
            fraction: None,
        };
        let ms = || {
            let c = runs.ms.then(|| EPOCH_MS.captures(text)).flatten()?;
            Some(c[1].parse::<i64>().ok()? / 1000)
        };
        let s = || {
            let c = runs.seconds.then(|| EPOCH_S.captures(text)).flatten()?;
            c.get(1).or_else(|| c.get(2))?.as_str().parse::<i64>().ok()
        };
        let basic = || {
            let c = runs.basic.then(|| BASIC_ISO.captures(text)).flatten()?;
            civil(&c[1], "%Y%m%dT%H%M%SZ")
        };
        ms().or_else(s).or_else(basic).map(utc)
    };
    clock
        .then(on_clock)
        .flatten()
        .or_else(|| epoch.then(by_epoch).flatten())
        .or_else(|| to_the_minute(text))
        .or_else(|| worded::time(text))
}

/// A time written without seconds or in Chinese ([`CHINESE_TIME`], [`ISO_MINUTE`]): a
/// ticket's words, read when no log form is in the text. A text with neither `年` nor an
/// ASCII `dd:dd` holds neither.
fn to_the_minute(text: &str) -> Option<Stamp> {
    let in_chinese = || text.contains('年').then(|| chinese(text)).flatten();
    let minute = || {
        has_hour_minute(text)
            .then(|| ISO_MINUTE.captures(text))
            .flatten()
            .and_then(|c| {
                // With seconds, it is [`ISO_TIME`]'s, which did not read it (`13:03:04 PM`).
                if c.get(4).is_some() {
                    return None;
                }
                let date = c[1].replace('/', "-");
                let hour = twelve_hour(c[2].parse().ok()?, c.get(5).map(|m| m.as_str()))?;
                let local = civil(
                    &format!("{date} {hour:02}:{}:00", &c[3]),
                    "%Y-%m-%d %H:%M:%S",
                )?;
                let before = c.get(0).and_then(|m| zone_before(text, m.start()));
                in_zone(local, zone_of(&c, 6).or(before))
            })
    };
    in_chinese().or_else(minute)
}

/// [`CHINESE_TIME`]'s time: `下午`/`晚上` (afternoon, evening) add twelve hours to a
/// 12-hour clock's hour, `中午` (noon) to one before 11.
fn chinese(text: &str) -> Option<Stamp> {
    let c = CHINESE_TIME.captures(text)?;
    let number = |i: usize| c.get(i).map_or(Some(0), |m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = (number(1)?, number(2)?, number(3)?);
    let (hour, minute, second) = (number(5)?, number(6)?, number(7)?);
    let hour = match c.get(4).map(|m| m.as_str()) {
        Some("下午" | "晚上") if (1..12).contains(&hour) => hour + 12,
        Some("中午") if hour < 11 => hour + 12,
        Some("上午" | "凌晨" | "早上") if hour == 12 => 0,
        _ => hour,
    };
    let local = civil(
        &format!("{year}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"),
        "%Y-%m-%d %H:%M:%S",
    )?;
    let before = c.get(0).and_then(|m| zone_before(text, m.start()));
    in_zone(local, zone_of(&c, 8).or(before))
}

/// Zones a ticket may write before a time instead of after it (`北京时间 2024-06-05
/// 22:03:22`, `UTC 2024-06-10 08:15`): only those that name one offset.
const ZONES_BEFORE: &[&str] = &[
    "北京时间",
    "中国标准时间",
    "Beijing time",
    "China standard time",
    "UTC",
    "GMT",
];

/// The zone written just before the time at byte `start` of `text` (spaces, a colon or
/// brackets between them: `Time (UTC): …`), when it is one of [`ZONES_BEFORE`] standing as
/// a word.
fn zone_before(text: &str, start: usize) -> Option<&str> {
    let before = text.get(..start)?.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '：' | '(' | '（' | '[' | ')' | '）' | ']' | ',' | '，'
            )
    });
    ZONES_BEFORE.iter().find_map(|name| {
        let at = before.len().checked_sub(name.len())?;
        let zone = before.get(at..)?;
        let word = !before
            .get(..at)?
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        (zone.eq_ignore_ascii_case(name) && word).then_some(zone)
    })
}

/// Whether `text` has an ASCII `dd:dd`, which [`ISO_MINUTE`] holds.
fn has_hour_minute(text: &str) -> bool {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b':'
            && digit(bytes.get(i.wrapping_sub(1)))
            && digit(bytes.get(i.wrapping_sub(2)))
            && digit(bytes.get(i + 1))
            && digit(bytes.get(i + 2))
    })
}

/// Which epoch forms `text` may hold a readable time in, by its runs of ASCII digits
/// (a run: digits with no ASCII digit just before or after), found in one pass. Each
/// pattern's time is a run standing alone: nothing but a space, `[`, a quote, `:` or `=`
/// before it, and no digit after. So [`EPOCH_MS`] reads a time only from a run of exactly
/// 13 digits beginning with `1`, [`EPOCH_S`] from one of exactly 10, and [`BASIC_ISO`]
/// from one of exactly 8 followed by `T`; a match of other digits gives no time. A text
/// without such a run is not searched by the pattern: a request id of 24 zeros and
/// eight hex digits is no epoch.
#[derive(Clone, Copy, Default)]
struct EpochRuns {
    ms: bool,
    seconds: bool,
    basic: bool,
}

impl EpochRuns {
    fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut runs = EpochRuns::default();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let (first, len) = (bytes[start], i - start);
            runs.ms |= len == 13 && first == b'1';
            runs.seconds |= len == 10 && first == b'1';
            runs.basic |= len == 8 && bytes.get(i) == Some(&b'T');
        }
        runs
    }
}

fn iso(text: &str) -> Option<Stamp> {
    let found = ISO_TIME.find(text)?;
    // An ASCII match of a valid time (what logs write) is read by hand from the match;
    // another (a leap second, which the time parser reads as :59), by the pattern's
    // groups and the time parser.
    let before = || zone_before(text, found.start());
    // The fraction after the 19 chars of `2026-11-27T06:38:01`.
    let fraction = found.as_str().get(19..).and_then(Fraction::after);
    let with_fraction = |stamp: Stamp| Stamp { fraction, ..stamp };
    if let Some((Some(local), zone)) = iso_parts(found.as_str()) {
        return in_zone(local, zone.or_else(before)).map(with_fraction);
    }
    let c = ISO_TIME.captures_at(text, found.start())?;
    let date = c[1].replace('/', "-");
    let hour = twelve_hour(c[2].parse().ok()?, c.get(4).map(|m| m.as_str()))?;
    let local = civil(&format!("{date} {hour:02}:{}", &c[3]), "%Y-%m-%d %H:%M:%S")?;
    in_zone(local, zone_of(&c, 5).or_else(before)).map(with_fraction)
}

/// The hour on a 24-hour clock of `hour` followed by `AM` or `PM` (any case), if any;
/// None for an hour a 12-hour clock does not have (`13:00 PM`).
fn twelve_hour(hour: u32, half: Option<&str>) -> Option<u32> {
    match half.map(str::to_ascii_uppercase).as_deref() {
        None => Some(hour),
        Some(_) if hour == 0 || hour > 12 => None,
        Some("AM") => Some(hour % 12),
        Some(_) => Some(hour % 12 + 12),
    }
}

/// Of an ASCII [`ISO_TIME`] match, its time (None when it is not a valid one) and its zone, read
/// as the pattern's groups say: a date and a time of fixed widths, a fraction, then the
/// zone, after a space if any, up to the match's end. None for another match.
fn iso_parts(found: &str) -> Option<(Option<i64>, Option<&str>)> {
    let (date_time, rest) = found.split_at_checked(19)?;
    if !found.is_ascii() {
        return None;
    }
    let rest = match rest.strip_prefix(['.', ',']) {
        Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let zone = rest
        .strip_prefix(|c: char| c.is_ascii_whitespace())
        .unwrap_or(rest);
    // A 12-hour clock's `AM`/`PM` and a zone in brackets are read by the groups.
    let half = zone
        .get(..2)
        .is_some_and(|h| h.eq_ignore_ascii_case("am") || h.eq_ignore_ascii_case("pm"));
    if half || zone.starts_with(['[', '(']) {
        return None;
    }
    Some((wall_clock(date_time), Some(zone).filter(|z| !z.is_empty())))
}

/// `2026-11-27T06:38:01` (any separators) as a wall-clock time read as if UTC, the
/// same as [`civil`] reads it with `%Y-%m-%d %H:%M:%S`, without parsing a format; None
/// for a date or time out of range.
fn wall_clock(text: &str) -> Option<i64> {
    let number = |at: usize, digits: usize| -> Option<i64> {
        text.get(at..at + digits)?.bytes().try_fold(0i64, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    let date = jiff::civil::Date::new(
        i16::try_from(number(0, 4)?).ok()?,
        i8::try_from(number(5, 2)?).ok()?,
        i8::try_from(number(8, 2)?).ok()?,
    )
    .ok()?;
    let time = jiff::civil::Time::new(
        i8::try_from(number(11, 2)?).ok()?,
        i8::try_from(number(14, 2)?).ok()?,
        i8::try_from(number(17, 2)?).ok()?,
        0,
    )
    .ok()?;
    let utc = date
        .to_datetime(time)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?;
    Some(utc.timestamp().as_second())
}

fn access(text: &str) -> Option<Stamp> {
    let c = ACCESS_LOG_TIME.captures(text)?;
    let local = civil(&c[1], "%d/%b/%Y:%H:%M:%S")?;
    in_zone(local, zone_of(&c, 2))
}

fn rfc2822(text: &str) -> Option<Stamp> {
    let c = RFC2822_TIME.captures(text)?;
    let local = civil(&c[1], "%d %b %Y %H:%M:%S")?;
    in_zone(local, zone_of(&c, 2))
}

fn kibana(text: &str) -> Option<Stamp> {
    let c = KIBANA_TIME.captures(text)?;
    let day: u32 = c[2].parse().ok()?;
    let local = civil(
        &format!("{} {day:02} {} {}", &c[1], &c[3], &c[4]),
        "%b %d %Y %H:%M:%S",
    )?;
    in_zone(local, zone_of(&c, 5))
}

/// How a slashed date whose day and month could be either way round is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SlashOrder {
    /// Month/day, said unsure: nothing tells the order.
    AsWritten,
    /// Day/month: another date of the paste can only be day/month (`13/11/2026`).
    DayFirst,
    /// Month/day: another date of the paste can only be month/day (`11/13/2026`).
    MonthFirst,
    /// Day/month, said unsure: the paste's words are French, Spanish, Portuguese, Italian
    /// or German, whose logs write the day first, and no date tells.
    DayFirstUnsure,
}

/// `03/01/2026`: month/day when the first is at most 12 and the second more, day/month
/// the other way round; when both could be the month, read in `order` (month/day and
/// said so when nothing tells). The zone written after it is applied either way: the
/// order leaves the day unsure, never the hour (`6/5/2024 11:59:58 PM -05:00` is
/// 04:59:58 UTC the day after).
fn slashed(text: &str, order: SlashOrder) -> Option<Stamp> {
    let c = SLASHED_TIME.captures(text)?;
    let number = |i: usize| c[i].parse::<u32>().ok();
    let (a, b, year) = (number(1)?, number(2)?, number(3)?);
    let either = a <= 12 && b <= 12 && a != b;
    let (month, day) = match (a, b) {
        (a, b) if a > 12 => (b, a),
        (a, b) if either && matches!(order, SlashOrder::DayFirst | SlashOrder::DayFirstUnsure) => {
            (b, a)
        }
        (a, b) => (a, b),
    };
    let unsure = either && matches!(order, SlashOrder::AsWritten | SlashOrder::DayFirstUnsure);
    let mut hour = number(4)?;
    match c.get(7).map(|m| m.as_str().to_ascii_uppercase()).as_deref() {
        Some("AM") if hour == 12 => hour = 0,
        Some("PM") if hour < 12 => hour += 12,
        _ => {}
    }
    let local = civil(
        &format!("{year}-{month:02}-{day:02} {hour:02}:{}:{}", &c[5], &c[6]),
        "%Y-%m-%d %H:%M:%S",
    )?;
    let stamp = in_zone(local, zone_of(&c, 8))?;
    if !unsure {
        return Some(stamp);
    }
    let day_first = order == SlashOrder::DayFirstUnsure;
    Some(match stamp.zone {
        Zone::Utc if day_first => Stamp {
            zone: Zone::UtcDayFirstUnsure,
            ..stamp
        },
        Zone::Utc => Stamp {
            zone: Zone::UtcDayMonthUnsure,
            ..stamp
        },
        // A zone not read leaves the time as written: the stamp's `at` is `local`.
        _ => Stamp {
            at: local,
            zone: if day_first {
                Zone::DayFirstUnsure
            } else {
                Zone::DayMonthUnsure
            },
            fraction: None,
        },
    })
}

/// Each slashed date of `text` (`07/12/2026 14:03:11`) as its two first numbers.
pub(crate) fn slashed_pairs(text: &str) -> impl Iterator<Item = (u32, u32, &str)> {
    SLASHED_TIME.captures_iter(text).filter_map(|c| {
        let date = c.get(0)?.as_str();
        Some((c[1].parse().ok()?, c[2].parse().ok()?, date))
    })
}

fn syslog(text: &str, now: Timestamp) -> Option<Stamp> {
    let c = SYSLOG_TIME.captures(text)?;
    let at = in_assumed_year(now, |year| {
        civil(
            &format!("{year} {} {} {}", &c[1], &c[2], &c[3]),
            "%Y %b %d %H:%M:%S",
        )
    })?;
    Some(Stamp {
        at,
        zone: Zone::NotGivenNoYear,
        fraction: None,
    })
}

fn klog(text: &str, now: Timestamp) -> Option<Stamp> {
    let c = KLOG_TIME.captures(text)?;
    let at = in_assumed_year(now, |year| {
        civil(
            &format!("{year}-{}-{} {}", &c[1], &c[2], &c[3]),
            "%Y-%m-%d %H:%M:%S",
        )
    })?;
    Some(Stamp {
        at,
        zone: Zone::NotGivenNoYear,
        fraction: None,
    })
}

/// The zone written after a time, if any.
fn zone_of<'t>(c: &Captures<'t>, group: usize) -> Option<&'t str> {
    c.get(group).map(|m| m.as_str())
}

/// A wall-clock time with what followed it: UTC when that is a zone read, else as written
/// and why.
fn in_zone(local: i64, zone: Option<&str>) -> Option<Stamp> {
    let Some(zone) = zone else {
        return Some(Stamp {
            at: local,
            zone: Zone::NotGiven,
            fraction: None,
        });
    };
    let as_written = |zone| Stamp {
        at: local,
        zone,
        fraction: None,
    };
    Some(match zones::written(zone) {
        Written::Offset(east) => Stamp {
            at: local - east,
            zone: Zone::Utc,
            fraction: None,
        },
        Written::Named => match zones::in_named_zone(local, zone) {
            Some(Named::At(at)) => Stamp {
                at,
                zone: Zone::Utc,
                fraction: None,
            },
            Some(Named::Skipped) => as_written(Zone::Skipped),
            Some(Named::Repeated) => as_written(Zone::Repeated),
            None => as_written(Zone::Unread),
        },
        Written::Unsure(why) => as_written(why),
        Written::None => as_written(Zone::NotGiven),
    })
}

/// Whether `text` has an ASCII `d:dd:dd`, which every clock form here holds (a US time's
/// hour may have one digit: `1:05:00 AM`).
pub(crate) fn has_time_of_day(text: &str) -> bool {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b':'
            && digit(bytes.get(i.wrapping_sub(1)))
            && digit(bytes.get(i + 1))
            && digit(bytes.get(i + 2))
            && bytes.get(i + 3) == Some(&b':')
            && digit(bytes.get(i + 4))
            && digit(bytes.get(i + 5))
    })
}

/// A time without a year (`at(year)`) in the year of `now`, or the year before when that
/// would be after `now` (a December log read in January).
fn in_assumed_year(now: Timestamp, at: impl Fn(i16) -> Option<i64>) -> Option<i64> {
    let year = now.to_zoned(jiff::tz::TimeZone::UTC).year();
    let this_year = at(year)?;
    // A day of slack: the log's clock may run a little ahead of ours.
    if this_year > now.as_second() + 86_400 {
        at(year - 1)
    } else {
        Some(this_year)
    }
}

/// A wall-clock time read as if UTC, in unix seconds.
fn civil(text: &str, format: &str) -> Option<i64> {
    let utc = strtime::parse(format, text)
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?;
    Some(utc.timestamp().as_second())
}

#[cfg(test)]
#[path = "logtime_tests.rs"]
mod tests;
