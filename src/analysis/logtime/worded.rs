//! A time a ticket's sentence writes, in the orders people write it: the clock first and
//! the date after it (`we hit a 403 at 14:03 UTC on 2024-03-05`, `um 14:03 Uhr am
//! 05.03.2024`), the date then a word and the clock (`on 2024-03-05 at 14:03 UTC`, `am
//! 05.03.2024 um 14:03`, `le 2024-03-05 à 14h03`), and a day-first dotted date with its
//! clock (`05.03.2024 14:03:22`, as German and other tickets write it: day first, never
//! a guess). Read only when no log form is in the text.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Stamp, ZONE, civil, in_zone, twelve_hour};
use crate::pattern::re;

/// An ISO date, or a day-first dotted one (`5.3.2024`, `05.03.2024`).
const DATE: &str = r"(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})";
/// A clock (`14:03`, `14:03:22`, `2:03 PM`, `14h03`), maybe `Uhr`, then its zone.
fn clock() -> String {
    format!(
        r"(\d{{1,2}})[:h](\d{{2}})(?::(\d{{2}}))?(?:\s?([AaPp][Mm])(?-u:\b))?(?:\s*(?i:uhr)(?-u:\b))?(?:\s*\(?({ZONE})\)?)?"
    )
}

/// The clock, then the date (groups: hour, minute, second, half, zone, date).
static CLOCK_THEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b){}\s*(?:,\s*|\s+)(?:(?i:on|am|le|el|em|del|du|de|the)\s+)?{DATE}(?-u:\b)",
        clock()
    ))
});
/// The date, then a word or a comma, and the clock (groups: date, hour, minute, second,
/// half, zone).
static DATE_THEN_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b){DATE}(?:\s*,\s*|\s+)(?:(?i:at|um|à|a las|a la|às|as|alle|om|gegen|vers|hacia|por volta das)\s+)?{}",
        clock()
    ))
});

/// The time of `text` written in one of the sentence's orders, if any.
pub(super) fn time(text: &str) -> Option<Stamp> {
    if !clockish(text) {
        return None;
    }
    DATE_THEN_CLOCK
        .captures(text)
        .and_then(|c| stamp(&c, 1, 2, false))
        .or_else(|| {
            CLOCK_THEN_DATE
                .captures(text)
                .and_then(|c| stamp(&c, 6, 1, true))
        })
}

/// Whether `text` has a digit, `:` or `h`, and two digits: each form's clock. A text
/// without one is not run through the patterns.
fn clockish(text: &str) -> bool {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, b':' | b'h')
            && digit(bytes.get(i.wrapping_sub(1)))
            && digit(bytes.get(i + 1))
            && digit(bytes.get(i + 2))
    })
}

/// The time of a match whose date is group `date` and whose clock's groups begin at
/// `clock` (hour, minute, second, half, zone); `date_after` when the date follows the
/// clock, where a lower-case `am` after an afternoon hour is German's "on" (`14:03 am
/// 05.03.2024`), not a 12-hour clock's.
fn stamp(c: &Captures, date: usize, clock: usize, date_after: bool) -> Option<Stamp> {
    let date = iso_date(c.get(date)?.as_str())?;
    let number = |i: usize| c.get(i).map_or(Some(0), |m| m.as_str().parse::<u32>().ok());
    let hour_digits = c.get(clock)?;
    // `14h03` is a clock; `1h30` as often a duration.
    let h_form = text_after(c, hour_digits.end()).starts_with('h');
    if h_form && hour_digits.as_str().len() < 2 {
        return None;
    }
    let german_on =
        |half: &str| date_after && half == "am" && number(clock).is_some_and(|h| h > 12);
    let half = c
        .get(clock + 3)
        .map(|m| m.as_str())
        .filter(|half| !german_on(half));
    let hour = twelve_hour(number(clock)?, half)?;
    let (minute, second) = (number(clock + 1)?, number(clock + 2)?);
    let local = civil(
        &format!("{date} {hour:02}:{minute:02}:{second:02}"),
        "%Y-%m-%d %H:%M:%S",
    )?;
    in_zone(local, c.get(clock + 4).map(|m| m.as_str()))
}

/// What the whole match holds from byte `at` of the text on.
fn text_after<'t>(c: &Captures<'t>, at: usize) -> &'t str {
    let whole = c.get(0).map_or("", |m| m.as_str());
    let start = c.get(0).map_or(0, |m| m.start());
    whole.get(at.saturating_sub(start)..).unwrap_or_default()
}

/// `2024-03-05` as it is, `5.3.2024` (day first) as `2024-03-05`.
fn iso_date(date: &str) -> Option<String> {
    if date.contains('-') {
        return Some(date.to_string());
    }
    let mut parts = date.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let (day, month): (u32, u32) = (day.parse().ok()?, month.parse().ok()?);
    Some(format!("{year}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::time;
    use crate::analysis::zones::Zone;

    #[test]
    fn a_sentence_s_time_is_read_in_either_order_and_several_languages() {
        let utc = |text: &str| {
            let stamp = time(text).unwrap_or_else(|| panic!("no time in {text}"));
            assert_eq!(stamp.zone, Zone::Utc, "{text}");
            crate::analysis::clock::time_text(stamp.at)
        };
        for text in [
            "we hit a 403 at 14:03 UTC on 2024-03-05 when calling",
            "we hit a 403 on 2024-03-05 at 14:03 UTC",
            "am 05.03.2024 um 14:03 UTC kam der Fehler",
            "le 2024-03-05 à 14h03 UTC",
            "a las 14:03 UTC del 5.3.2024",
            "at 2:03 PM UTC on 2024-03-05",
            "um 14:03 UTC am 2024-03-05",
            "um 14:03 Uhr UTC am 05.03.2024",
        ] {
            assert_eq!(utc(text), "2024-03-05 14:03:00", "{text}");
        }
        // A German ticket's zone name is read too.
        assert_eq!(
            utc("Zeitpunkt: 05.03.2024 15:03:00 (MEZ)"),
            "2024-03-05 14:03:00"
        );
        let local = time("Zeit: 05.03.2024 14:03:22").expect("a time");
        assert_eq!(local.zone, Zone::NotGiven);
        assert_eq!(
            crate::analysis::clock::time_text(local.at),
            "2024-03-05 14:03:22"
        );
        for text in [
            "version 1.2.3 at build 14",
            "the price rose 12:30 percent",
            "Release 2024-03-05",
            "at 14:03",
            "on 31.02.2024 at 10:00",
            "the job took 1h30 on 2024-03-05",
        ] {
            assert_eq!(time(text), None, "{text}");
        }
    }
}
