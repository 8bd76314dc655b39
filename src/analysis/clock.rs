//! Clock skew between the client's signing time and the server: APIG rejects
//! SDK-HMAC-SHA256 signatures more than 15 minutes off.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::fmt::strtime;
use regex::Regex;

use super::fields::Evidence;

/// How far off a signature may be before APIG rejects it.
pub const SIGNATURE_TOLERANCE_MINUTES: i64 = 15;

static BASIC_STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{8}T\d{6}Z)\b").expect("fixed pattern"));

/// Server time minus signing time in whole minutes: from the `Date` response header and
/// the `X-Sdk-Date` request header, else from the timestamps APIG puts in its message.
pub fn skew_minutes(ev: &Evidence, text: &str) -> Option<i64> {
    let from_headers = ev
        .date
        .as_deref()
        .and_then(http_date)
        .zip(ev.x_sdk_date.as_deref().and_then(sdk_date))
        .map(|(server, signed)| minutes_between(signed, server));
    from_headers.or_else(|| {
        let stamps: Vec<Timestamp> = BASIC_STAMP
            .captures_iter(text)
            .filter_map(|c| sdk_date(&c[1]))
            .collect();
        let (min, max) = (stamps.iter().min()?, stamps.iter().max()?);
        (stamps.len() >= 2).then(|| minutes_between(*min, *max))
    })
}

fn minutes_between(earlier: Timestamp, later: Timestamp) -> i64 {
    (later.as_second() - earlier.as_second()) / 60
}

/// `X-Sdk-Date: 20261127T063800Z`.
pub fn sdk_date(text: &str) -> Option<Timestamp> {
    strtime::parse("%Y%m%dT%H%M%SZ", text.trim())
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// `Date: Fri, 27 Nov 2026 06:38:00 GMT`.
pub fn http_date(text: &str) -> Option<Timestamp> {
    jiff::fmt::rfc2822::parse(text.trim())
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
    fn garbage_dates_give_no_skew() {
        let ev = Evidence {
            date: Some("yesterday".into()),
            x_sdk_date: Some("2026".into()),
            ..Evidence::default()
        };
        assert_eq!(skew_minutes(&ev, "20261399T999999Z"), None);
    }
}
