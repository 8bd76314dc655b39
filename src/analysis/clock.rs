//! Clock skew between the client's signing time and the server: APIG rejects
//! SDK-HMAC-SHA256 signatures more than 15 minutes off.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::fmt::strtime;
use regex::Regex;

use super::fields::Evidence;
use crate::pattern::re;

/// How far off a signature may be before APIG rejects it.
pub(crate) const SIGNATURE_TOLERANCE_MINUTES: i64 = 15;

/// `signature time:20230527T000431Z,server time:20230527T020608Z` (APIG.0303, APIGW.0301).
static SIGNATURE_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)signature\s*time\s*[:=]\s*(\d{8}T\d{6}Z)"));
static SERVER_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)server\s*time\s*[:=]\s*(\d{8}T\d{6}Z)"));
/// `20261127T060000Z is now earlier than 20261127T064500Z (20261127T070000Z - 15 min.)`:
/// the signing time, then the server time in the parentheses.
static EARLIER_THAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{8}T\d{6}Z)\s+is now earlier than\s+\d{8}T\d{6}Z\s*\((\d{8}T\d{6}Z)"));

/// Server time minus signing time in whole minutes. The signing time is the request's
/// `X-Sdk-Date` or the one the gateway's message names; the server time is the response's
/// `Date` or the one the message names. Without both there is no skew: two copies of the
/// signing time (a curl transcript shows `X-Sdk-Date` twice) say nothing about the clock.
pub(crate) fn skew_minutes(ev: &Evidence, text: &str) -> Option<i64> {
    let stamp = |re: &Regex, group: usize| {
        re.captures(text)
            .and_then(|c| c.get(group))
            .and_then(|m| sdk_date(m.as_str()))
    };
    let signed = ev
        .x_sdk_date
        .as_deref()
        .and_then(sdk_date)
        .or_else(|| stamp(&SIGNATURE_TIME, 1))
        .or_else(|| stamp(&EARLIER_THAN, 1))?;
    let server = ev
        .date
        .as_deref()
        .and_then(http_date)
        .or_else(|| stamp(&SERVER_TIME, 1))
        .or_else(|| stamp(&EARLIER_THAN, 2))?;
    Some(minutes_between(signed, server))
}

/// A log line's time: `2026-11-27T06:38:01.123Z`, `2026-11-27 06:38:00,123`,
/// `2026-11-27T14:38:01+08:00`.
static ISO_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,]\d+)?\s?(Z|[+-]\d{2}:?\d{2}\b)?")
});
/// An access log's time: `[27/Nov/2026:06:38:00 +0000]`.
static ACCESS_LOG_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2})(?:\s([+-]\d{4}))?"));

/// A syslog time, which has no year: `Dec  6 10:00:01`, at a line's start.
static SYSLOG_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^\s*([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}:\d{2}:\d{2})\b"));
/// Epoch milliseconds (13 digits, 2001 to 2286), at a line's start or after a time key
/// (`ts=1733479201000`, `"timestamp": 1733479201000`): elsewhere a 13-digit number is as
/// often an order number.
static EPOCH_MS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?im)(?:^\s*\[?|\b(?:@?timestamp|time|ts|epoch|time_?ms|timestamp_?ms)["']?\s*[:=]\s*["']?)(1\d{12})\b"#,
    )
});

/// When an error happened, in unix seconds (UTC): the first log time in its text, else
/// the response's `Date`. A time without a zone is read as UTC; a syslog time, which
/// has no year, in the latest year that does not put it in the future.
pub(crate) fn seen_at(text: &str, ev: &Evidence) -> Option<i64> {
    let iso = || {
        let c = ISO_TIME.captures(text)?;
        let local = civil(&format!("{} {}", &c[1], &c[2]), "%Y-%m-%d %H:%M:%S")?;
        Some(local - offset_seconds(c.get(3).map(|m| m.as_str()))?)
    };
    let access = || {
        let c = ACCESS_LOG_TIME.captures(text)?;
        let local = civil(&c[1], "%d/%b/%Y:%H:%M:%S")?;
        Some(local - offset_seconds(c.get(2).map(|m| m.as_str()))?)
    };
    let syslog = || {
        let c = SYSLOG_TIME.captures(text)?;
        syslog_seconds(&c[1], &c[2], &c[3], Timestamp::now())
    };
    let epoch_ms = || {
        let ms: i64 = EPOCH_MS.captures(text)?[1].parse().ok()?;
        Some(ms / 1000)
    };
    // The three clock forms read an ASCII `hh:mm:ss` and the epoch 13 ASCII digits: a
    // text without them is not searched by their patterns (a cheap scan instead).
    let clock = has_time_of_day(text);
    let epoch = super::fields::has_ascii_digit_run(text, 13);
    let logged = if clock {
        iso().or_else(access).or_else(syslog)
    } else {
        None
    };
    logged
        .or_else(|| epoch.then(epoch_ms).flatten())
        .or_else(|| Some(http_date(ev.date.as_deref()?)?.as_second()))
}

/// Whether `text` has an ASCII `dd:dd:dd`, which every log time form here holds.
fn has_time_of_day(text: &str) -> bool {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b':'
            && digit(bytes.get(i.wrapping_sub(1)))
            && digit(bytes.get(i.wrapping_sub(2)))
            && digit(bytes.get(i + 1))
            && digit(bytes.get(i + 2))
            && bytes.get(i + 3) == Some(&b':')
            && digit(bytes.get(i + 4))
            && digit(bytes.get(i + 5))
    })
}

/// A syslog time (`Dec`, `6`, `10:00:01`) in the year of `now`, or the year before when
/// that would be after `now` (a December log read in January).
fn syslog_seconds(month: &str, day: &str, time: &str, now: Timestamp) -> Option<i64> {
    let year = now.to_zoned(jiff::tz::TimeZone::UTC).year();
    let at = |year: i16| civil(&format!("{year} {month} {day} {time}"), "%Y %b %d %H:%M:%S");
    let this_year = at(year)?;
    // A day of slack: the log's clock may run a little ahead of ours.
    if this_year > now.as_second() + 86_400 {
        at(year - 1)
    } else {
        Some(this_year)
    }
}

/// A wall-clock time read as UTC, in unix seconds.
fn civil(text: &str, format: &str) -> Option<i64> {
    let utc = strtime::parse(format, text)
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?;
    Some(utc.timestamp().as_second())
}

/// `Z`, `+08:00`, `-0500` or nothing, in seconds east of UTC.
fn offset_seconds(zone: Option<&str>) -> Option<i64> {
    let Some(zone) = zone.filter(|z| *z != "Z") else {
        return Some(0);
    };
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..)?.parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

/// A time as the triage shows it: `2026-11-27 06:38:01`, UTC.
pub(crate) fn time_text(seconds: i64) -> String {
    Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| seconds.to_string())
}

/// A time as every JSON output writes it: RFC 3339 in UTC, `2026-11-27T06:38:01Z`.
pub(crate) fn rfc3339(seconds: i64) -> String {
    Timestamp::from_second(seconds).map_or_else(|_| seconds.to_string(), |t| t.to_string())
}

/// `seen_at` in JSON: RFC 3339, or null.
pub(crate) fn serialize_time<S: serde::Serializer>(
    t: &Option<i64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&rfc3339(*t)),
        None => s.serialize_none(),
    }
}

/// Errors per minute in JSON: `[["2026-11-27T06:38:00Z", 12], ...]`, the minute in the
/// same RFC 3339 form as every other time of the output.
pub(crate) fn serialize_minutes<S: serde::Serializer>(
    minutes: &[(i64, u32)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq as _;
    let mut seq = s.serialize_seq(Some(minutes.len()))?;
    for &(minute, n) in minutes {
        seq.serialize_element(&(rfc3339(minute), n))?;
    }
    seq.end()
}

/// Minutes between the signing time and this computer's clock: all that can be said
/// when the paste holds no server time, and labelled as such where it is shown.
pub(crate) fn signed_minutes_before_now(x_sdk_date: &str) -> Option<i64> {
    sdk_date(x_sdk_date).map(|signed| minutes_between(signed, Timestamp::now()))
}

fn minutes_between(earlier: Timestamp, later: Timestamp) -> i64 {
    (later.as_second() - earlier.as_second()) / 60
}

/// `X-Sdk-Date: 20261127T063800Z`.
pub(crate) fn sdk_date(text: &str) -> Option<Timestamp> {
    strtime::parse("%Y%m%dT%H%M%SZ", text.trim())
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// `Date: Fri, 27 Nov 2026 06:38:00 GMT`, leniently: a wrong weekday (which strict
/// RFC 2822 parsing rejects) does not lose the time.
pub(crate) fn http_date(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(z) = jiff::fmt::rfc2822::parse(text) {
        return Some(z.timestamp());
    }
    let without_weekday = text.split_once(',').map_or(text, |(_, rest)| rest).trim();
    let without_zone = without_weekday
        .strip_suffix("GMT")
        .or_else(|| without_weekday.strip_suffix("UTC"))?
        .trim();
    strtime::parse("%d %b %Y %H:%M:%S", without_zone)
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_from_headers_in_minutes() {
        let ev = Evidence {
            date: Some("Fri, 27 Nov 2026 06:58:00 GMT".into()),
            x_sdk_date: Some("20261127T063800Z".into()),
            ..Evidence::default()
        };
        assert_eq!(skew_minutes(&ev, ""), Some(20));
    }

    #[test]
    fn skew_from_message_timestamps() {
        let msg = "Signature expired: 20261127T060000Z is now earlier than 20261127T064500Z (20261127T070000Z - 15 min.)";
        assert_eq!(skew_minutes(&Evidence::default(), msg), Some(60));
    }

    #[test]
    fn skew_from_the_gateway_s_signature_and_server_times() {
        let msg = "Incorrect app authentication information: signature expired, signature time:20230527T000431Z,server time:20230527T020608Z";
        assert_eq!(skew_minutes(&Evidence::default(), msg), Some(121));
    }

    #[test]
    fn the_signing_time_twice_is_no_skew() {
        let ev = Evidence {
            x_sdk_date: Some("20261127T060000Z".into()),
            ..Evidence::default()
        };
        let curl =
            "-H 'X-Sdk-Date: 20261127T060000Z'\n> X-Sdk-Date: 20261127T060000Z\n< HTTP/1.1 401";
        assert_eq!(skew_minutes(&ev, curl), None, "no server time, no skew");
    }

    #[test]
    fn a_date_with_a_wrong_weekday_still_gives_the_time() {
        let ev = Evidence {
            date: Some("Thu, 27 Nov 2026 06:40:00 GMT".into()),
            x_sdk_date: Some("20261127T060000Z".into()),
            ..Evidence::default()
        };
        assert_eq!(skew_minutes(&ev, ""), Some(40));
    }

    #[test]
    fn log_times_in_their_written_forms() {
        let none = Evidence::default();
        let at = |t: &str| seen_at(t, &none).map(time_text);
        let want = Some("2026-11-27 06:38:01".to_string());
        assert_eq!(at("2026-11-27T06:38:01.123Z ERROR APIG.0308"), want);
        assert_eq!(at("2026-11-27 06:38:01,123 ERROR [main]"), want);
        assert_eq!(at("2026-11-27T14:38:01+08:00 ERROR"), want);
        assert_eq!(at("2026-11-27T01:38:01-0500 ERROR"), want);
        assert_eq!(
            at("10.0.0.1 - - [27/Nov/2026:06:38:01 +0000] \"GET /v1 HTTP/1.1\" 429"),
            want
        );
        assert_eq!(at("no time here"), None);
    }

    #[test]
    fn without_a_log_time_the_date_header_says_when() {
        let ev = Evidence {
            date: Some("Fri, 27 Nov 2026 06:38:01 GMT".into()),
            ..Evidence::default()
        };
        assert_eq!(
            seen_at("HTTP/1.1 429", &ev).map(time_text),
            Some("2026-11-27 06:38:01".into())
        );
    }

    #[test]
    fn garbage_dates_give_no_skew() {
        let ev = Evidence {
            date: Some("yesterday".into()),
            x_sdk_date: Some("2026".into()),
            ..Evidence::default()
        };
        assert_eq!(skew_minutes(&ev, "20261399T999999Z"), None);
    }
}
