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
    // Each time a message names is eight ASCII digits, a `T` and six more (`sdk_date`
    // reads no other digits): a text without eight in a row right before a `T` is not
    // searched for them (a request id's run of digits is followed by another hex digit).
    let stamped = digits_then_t(text);
    let stamp = |re: &Regex, group: usize| {
        stamped
            .then(|| re.captures(text))
            .flatten()
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

/// Whether `text` has eight ASCII digits or more in a row with a `T` right after them,
/// as every compact time (`20261127T060000Z`) has.
fn digits_then_t(text: &str) -> bool {
    // Each `T` is found by `memchr`, and only the bytes before it read: a 256 KB block
    // is not walked byte by byte for it.
    let bytes = text.as_bytes();
    text.match_indices('T').any(|(at, _)| {
        at.checked_sub(8)
            .and_then(|from| bytes.get(from..at))
            .is_some_and(|eight| eight.iter().all(u8::is_ascii_digit))
    })
}

/// A time as the triage shows it: `2026-11-27 06:38:01` (UTC, or as the log wrote it:
/// the triage says which).
pub(crate) fn time_text(seconds: i64) -> String {
    Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| seconds.to_string())
}

/// A time as every JSON output writes it: RFC 3339 in UTC, `2026-11-27T06:38:01Z`.
pub(crate) fn rfc3339(seconds: i64) -> String {
    Timestamp::from_second(seconds).map_or_else(|_| seconds.to_string(), |t| t.to_string())
}

/// A time in JSON: RFC 3339 in UTC (`2026-11-27T06:38:01Z`) when it is UTC, else the
/// local form without an offset (`2026-11-27T06:38:01`, as the log wrote it): a time
/// whose zone is not known never carries the `Z` that would call it UTC.
pub(crate) fn json_time(seconds: i64, utc: bool) -> String {
    let text = rfc3339(seconds);
    if utc {
        return text;
    }
    match text.strip_suffix('Z') {
        Some(local) => local.to_string(),
        None => text,
    }
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
    fn a_compact_time_is_eight_digits_right_before_a_t() {
        for (text, want) in [
            ("signature time:20230527T000431Z", true),
            ("20261127T060000Z", true),
            ("x 123456789T", true),
            ("1234567T8 T 1234567 8T", false),
            ("TTTT 2026-11-27T06:00:00Z", false),
            ("１２３４５６７８T 12345678t", false),
            ("", false),
        ] {
            assert_eq!(digits_then_t(text), want, "{text}");
        }
    }

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
    fn garbage_dates_give_no_skew() {
        let ev = Evidence {
            date: Some("yesterday".into()),
            x_sdk_date: Some("2026".into()),
            ..Evidence::default()
        };
        assert_eq!(skew_minutes(&ev, "20261399T999999Z"), None);
    }
}
