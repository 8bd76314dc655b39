use super::*;
use crate::analysis::clock::time_text;

/// The time read from `line` as `2026-03-01 10:00:00`, with its zone.
fn read(line: &str) -> Option<(String, Zone)> {
    seen_at(line, &Evidence::default(), None).map(|s| (time_text(s.at), s.zone))
}

fn utc(text: &str) -> Option<(String, Zone)> {
    Some((text.to_string(), Zone::Utc))
}

fn as_written(text: &str, zone: Zone) -> Option<(String, Zone)> {
    Some((text.to_string(), zone))
}

#[test]
fn times_with_an_offset_or_in_utc_are_utc() {
    let want = utc("2026-11-27 06:38:01");
    assert_eq!(read("2026-11-27T06:38:01.123Z ERROR APIG.0308"), want);
    assert_eq!(read("2026-11-27T14:38:01+08:00 ERROR"), want);
    assert_eq!(read("2026-11-27T01:38:01-0500 ERROR"), want);
    assert_eq!(read("2026-11-27 07:38:01 +0100 status=429"), want);
    assert_eq!(
        read("10.0.0.1 - - [27/Nov/2026:06:38:01 +0000] \"GET /v1 HTTP/1.1\" 429"),
        want
    );
    assert_eq!(read("no time here"), None);
}

#[test]
fn zone_abbreviations_are_read_as_their_offsets() {
    assert_eq!(
        read("2026-03-01 10:19:46 CET ERROR status=401"),
        utc("2026-03-01 09:19:46")
    );
    assert_eq!(
        read("2026-03-01 10:00:00 CEST status=429"),
        utc("2026-03-01 08:00:00")
    );
    assert_eq!(
        read("2026-03-01 10:00:00 PST status=429"),
        utc("2026-03-01 18:00:00")
    );
    assert_eq!(
        read("2026-03-01T10:00:00 JST status=429"),
        utc("2026-03-01 01:00:00")
    );
    assert_eq!(
        read("2026-03-01 10:00:00 GMT status=429"),
        utc("2026-03-01 10:00:00")
    );
}

#[test]
fn an_ambiguous_abbreviation_is_not_guessed() {
    for (line, name) in [
        ("2026-03-01 10:00:00 CST ERROR APIG.0308", "CST"),
        ("2026-03-01 10:00:00 IST ERROR APIG.0308", "IST"),
        ("2026-03-01 10:00:00 BST ERROR APIG.0308", "BST"),
    ] {
        assert_eq!(
            read(line),
            as_written("2026-03-01 10:00:00", Zone::Ambiguous(name)),
            "{line}"
        );
    }
}

#[test]
fn an_iana_zone_name_is_read_from_the_time_zone_database() {
    let got = read("2026-03-01T10:00:00 Europe/Berlin status=429");
    if jiff::tz::db().get("Europe/Berlin").is_ok() {
        assert_eq!(got, utc("2026-03-01 09:00:00"));
        // Summer time from the database, not a fixed offset.
        assert_eq!(
            read("2026-07-01T10:00:00 Europe/Berlin status=429"),
            utc("2026-07-01 08:00:00")
        );
    } else {
        assert_eq!(got, as_written("2026-03-01 10:00:00", Zone::Unread));
    }
}

#[test]
fn times_without_a_zone_are_as_written_never_utc() {
    let want = as_written("2026-03-01 10:02:33", Zone::NotGiven);
    assert_eq!(read("2026-03-01T10:02:33 ERROR status=401"), want);
    assert_eq!(
        read("2026-03-01 10:02:33,931 [http-nio-8080-exec-3] ERROR c.e.ApigClient"),
        want
    );
    assert_eq!(read("2026/03/01 10:02:33 apig: request failed"), want);
    assert_eq!(
        read("2026/03/01 10:02:33.683000 client.go:88: apig error"),
        want
    );
    assert_eq!(read("2026/03/01 10:02:33 [error] 123#0: status=429"), want);
}

#[test]
fn syslog_and_klog_times_have_no_zone_and_an_assumed_year() {
    let (_, zone) = read("Mar  1 09:01:27 host orderd[4711]: upstream returned 401").unwrap();
    assert_eq!(zone, Zone::NotGivenNoYear);
    let (time, zone) = read("E0301 10:07:07.123456    1 main.go:10] status=429").unwrap();
    assert_eq!(zone, Zone::NotGivenNoYear);
    assert!(time.ends_with("-03-01 10:07:07"), "{time}");
    assert!(zone.label().contains("year assumed"));
}

#[test]
fn a_time_without_a_year_is_in_the_latest_year_not_in_the_future() {
    let now: Timestamp = "2027-01-02T00:00:00Z".parse().unwrap();
    let december = syslog("Dec 31 23:00:00 host app: x", now).unwrap();
    assert_eq!(time_text(december.at), "2026-12-31 23:00:00");
    let january = klog("E0101 10:00:00.000000 1 x.go:1] y", now).unwrap();
    assert_eq!(time_text(january.at), "2027-01-01 10:00:00");
}

#[test]
fn epoch_seconds_rfc_2822_and_compact_iso_are_read() {
    assert_eq!(
        read("[1772357867.755] ERROR 401 {\"error_code\":\"APIG.0301\"}"),
        utc("2026-03-01 09:37:47")
    );
    assert_eq!(
        read("1772355600 status=429 APIG.0308"),
        utc("2026-03-01 09:00:00")
    );
    assert_eq!(
        read("Sun, 01 Mar 2026 10:00:00 +0100 status=429"),
        utc("2026-03-01 09:00:00")
    );
    assert_eq!(
        read("20260301T100000Z status=429"),
        utc("2026-03-01 10:00:00")
    );
}

#[test]
fn month_and_day_are_read_when_clear_and_said_unsure_when_not() {
    assert_eq!(
        read("03/13/2026 10:07:07 PM UTC ERROR 404"),
        utc("2026-03-13 22:07:07")
    );
    assert_eq!(
        read("13/03/2026 10:07:07 ERROR 404"),
        as_written("2026-03-13 10:07:07", Zone::NotGiven)
    );
    // Unsure of the day, sure of the zone: UTC, and said unsure; without a zone, as
    // written.
    assert_eq!(
        read("03/01/2026 12:07:07 AM UTC ERROR 404"),
        as_written("2026-03-01 00:07:07", Zone::UtcDayMonthUnsure)
    );
    assert_eq!(
        read("03/01/2026 12:07:07 AM ERROR 404"),
        as_written("2026-03-01 00:07:07", Zone::DayMonthUnsure)
    );
}

#[test]
fn the_response_date_header_wins_over_a_log_time() {
    let ev = Evidence {
        date: Some("Sun, 01 Mar 2026 09:40:34 GMT".into()),
        ..Evidence::default()
    };
    let got = seen_at("2026-03-01T09:44:10Z HTTP/1.1 504", &ev, None);
    assert_eq!(
        got.map(|s| (time_text(s.at), s.zone)),
        utc("2026-03-01 09:40:34")
    );
}

#[test]
fn a_continuation_without_a_time_has_its_first_line_s() {
    let got = seen_at(
        "Caused by: com.example.ApigException: HTTP 401 APIG.0303",
        &Evidence::default(),
        Some("2026-03-01 09:00:13.123Z ERROR [main] Request failed"),
    );
    assert_eq!(
        got.map(|s| (time_text(s.at), s.zone)),
        utc("2026-03-01 09:00:13")
    );
}

#[test]
fn a_zone_in_brackets_and_a_twelve_hour_clock_are_read() {
    assert_eq!(
        read("2026-12-07 10:03:04 [Asia/Shanghai] ERROR APIG.0308"),
        utc("2026-12-07 02:03:04")
    );
    assert_eq!(
        read("2026-12-07 10:03:04 AM EST ERROR APIG.0308"),
        utc("2026-12-07 15:03:04")
    );
    assert_eq!(
        read("2026-12-07 12:03:04 am UTC ERROR"),
        utc("2026-12-07 00:03:04")
    );
    assert_eq!(
        read("2026-12-07 10:03:04 PM ERROR APIG.0308"),
        as_written("2026-12-07 22:03:04", Zone::NotGiven)
    );
    // A 12-hour clock has no hour 13: no time is guessed from it.
    assert_eq!(read("2026-12-07 13:03:04 PM ERROR"), None);
}

#[test]
fn a_time_its_named_zone_skips_or_repeats_is_said_never_placed() {
    assert_eq!(
        read("2026-03-08 02:30:00 America/New_York ERROR APIG.0308"),
        as_written("2026-03-08 02:30:00", Zone::Skipped)
    );
    assert_eq!(
        read("2026-11-01 01:30:00 [America/New_York] ERROR APIG.0308"),
        as_written("2026-11-01 01:30:00", Zone::Repeated)
    );
}

/// Dates and times of every kind, valid or not: the hand reading gives the time parser's
/// answer whenever it gives one.
#[test]
fn the_hand_read_iso_time_is_the_parser_s() {
    for year in ["0000", "1999", "2024", "2026", "9999"] {
        for month in ["00", "01", "02", "04", "12", "13"] {
            for day in ["00", "01", "28", "29", "30", "31", "32"] {
                for time in ["00:00:00", "23:59:59", "24:00:00", "10:60:00", "10:00:60"] {
                    let text = format!("{year}-{month}-{day} {time}");
                    if let Some(fast) = wall_clock(&text) {
                        assert_eq!(Some(fast), civil(&text, "%Y-%m-%d %H:%M:%S"), "{text}");
                    }
                }
            }
        }
    }
    assert_eq!(
        wall_clock("2024-02-29 10:00:00"),
        civil("2024-02-29 10:00:00", "%Y-%m-%d %H:%M:%S")
    );
    assert_eq!(wall_clock("2026-02-29 10:00:00"), None);
    // A leap second is read by the parser, as :59.
    assert_eq!(
        read("2026-11-27T06:38:60Z ERROR"),
        utc("2026-11-27 06:38:59")
    );
    assert_eq!(
        read("2026/11/27 06:38:01.5 +08:00"),
        utc("2026-11-26 22:38:01")
    );
}

#[test]
fn kibana_a_one_digit_us_date_and_a_zone_written_out_are_read() {
    assert_eq!(
        read("Jun 5, 2024 @ 14:03:22.123 ERROR APIG.0308"),
        as_written("2024-06-05 14:03:22", Zone::NotGiven)
    );
    assert_eq!(
        read("September 15, 2024 @ 09:00:01.000"),
        as_written("2024-09-15 09:00:01", Zone::NotGiven)
    );
    assert_eq!(
        read("6/25/2024 11:59:58 PM -05:00 status=429"),
        utc("2024-06-26 04:59:58")
    );
    assert_eq!(
        read("6/5/2024 11:59:58 PM -05:00 status=429"),
        as_written("2024-06-06 04:59:58", Zone::UtcDayMonthUnsure)
    );
    for line in [
        "2024-06-05 14:03:22（北京时间） ERROR",
        "2024-06-05 14:03:22 (北京时间)",
        "2024-06-05 14:03:22 (Beijing time)",
        "2024-06-05 14:03:22 China Standard Time",
        "5 Jun 2024 14:03:22 (Beijing Time)",
    ] {
        assert_eq!(read(line), utc("2024-06-05 06:03:22"), "{line}");
    }
    assert_eq!(
        read("2024-06-05 14:03:22 (CST) ERROR"),
        as_written("2024-06-05 14:03:22", Zone::Ambiguous("CST"))
    );
    // A word in brackets that is no zone leaves the time as written.
    assert_eq!(
        read("2024-06-05 14:03:22 (worker-3) ERROR"),
        as_written("2024-06-05 14:03:22", Zone::NotGiven)
    );
}

#[test]
fn chinese_dates_times_to_the_minute_and_keyed_epoch_seconds_are_read() {
    for (line, want) in [
        (
            "客户于 2024年6月5日 22:03:22（北京时间）调用失败",
            utc("2024-06-05 14:03:22"),
        ),
        (
            "2024年6月10日 周一 15:00 (UTC+8)",
            utc("2024-06-10 07:00:00"),
        ),
        (
            "2024年6月10日下午3点05分（北京时间）",
            utc("2024-06-10 07:05:00"),
        ),
        ("2024年6月10日 上午12:30 UTC", utc("2024-06-10 00:30:00")),
        ("When: 2024-06-10 14:00 CEST", utc("2024-06-10 12:00:00")),
        ("2024-06-10T14:00+02:00", utc("2024-06-10 12:00:00")),
        ("ts=1717596202 level=error", utc("2024-06-05 14:03:22")),
        (
            r#"{"timestamp": 1717596202.5, "status": 429}"#,
            utc("2024-06-05 14:03:22"),
        ),
        // A zone written before the time.
        (
            "报错如下（北京时间 2024-06-05 22:03:22）：",
            utc("2024-06-05 14:03:22"),
        ),
        ("Time (UTC): 2024-06-10 08:15", utc("2024-06-10 08:15:00")),
        (
            "Beijing time: 2024年6月5日 22:03",
            utc("2024-06-05 14:03:00"),
        ),
    ] {
        assert_eq!(read(line), want, "{line}");
    }
    assert_eq!(
        read("2024年6月5日 22:03:22 CST"),
        as_written("2024-06-05 22:03:22", Zone::Ambiguous("CST"))
    );
    assert_eq!(
        read("Time: 2024-06-10 09:00 PM"),
        as_written("2024-06-10 21:00:00", Zone::NotGiven)
    );
    // A zone name glued into another word is not one.
    assert_eq!(
        read("KUTC 2024-06-10 09:00:00"),
        as_written("2024-06-10 09:00:00", Zone::NotGiven)
    );
    // A number after another key, and a time alone without a date, are no times.
    for line in [
        "order_id=1717596202",
        "phone: 1717596202",
        "at 14:00 CEST",
        "2024年6月",
    ] {
        assert_eq!(read(line), None, "{line}");
    }
}

/// A fraction of a second is kept as written, in the answer and in JSON (a tester found
/// `14:03:22.123456` shown as `14:03:22`); a time without one shows none.
#[test]
fn a_fraction_of_a_second_is_kept_as_written() {
    for (line, text, json) in [
        (
            "2026-12-07 14:03:22.123456 ERROR APIG.0308",
            "2026-12-07 14:03:22.123456",
            "2026-12-07T14:03:22.123456",
        ),
        (
            "2026-12-07 14:03:22,5 WARN",
            "2026-12-07 14:03:22.5",
            "2026-12-07T14:03:22.5",
        ),
        (
            "2026-12-07T22:03:22.007+08:00 ERROR",
            "2026-12-07 14:03:22.007",
            "2026-12-07T14:03:22.007Z",
        ),
        (
            "2026-12-07 14:03:22 ERROR",
            "2026-12-07 14:03:22",
            "2026-12-07T14:03:22",
        ),
    ] {
        let stamp = seen_at(line, &Evidence::default(), None).expect("a time");
        assert_eq!(stamp.text(), text, "{line}");
        assert_eq!(stamp.json(), json, "{line}");
    }
}
