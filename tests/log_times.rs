//! `analyze` states a log's times as UTC only when they are: zones after a time are
//! read, a time without one is "as written", an ambiguous zone is said to be, raw HTTP
//! dumps give each response its own time, and a stack trace's lines take their record's.

mod common {
    pub(crate) mod cli;
}

use common::cli::{binary, output};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/times/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect("fixture")
}

fn analyze_json(log: &str) -> Value {
    let out = output(binary().args(["analyze", "--json", "-"]), log);
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn analyze_text(log: &str) -> String {
    let out = output(binary().args(["analyze", "-"]), log);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The group of `code` with `status`.
fn group<'a>(v: &'a Value, code: &str, status: u64) -> &'a Value {
    v["triage"]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["code"] == code && g["http_status"] == status)
        .unwrap_or_else(|| panic!("no group {code} {status}: {v}"))
}

#[test]
fn a_zone_abbreviation_is_read_and_the_time_stated_in_utc() {
    let v = analyze_json(&fixture("zones.log"));
    let g = group(&v, "APIG.0101", 404);
    assert_eq!(g["first_seen"], "2026-03-01T09:19:46Z", "{v}");
    assert_eq!(g["last_seen"], "2026-03-01T09:24:41Z");
    assert_eq!(v["triage"]["time_zone"], "UTC");
    assert!(analyze_text(&fixture("zones.log")).contains("09:19:46 to 2026-03-01 09:24:41 UTC"));
}

#[test]
fn times_without_a_zone_are_never_called_utc() {
    let v = analyze_json(&fixture("no_zone.log"));
    let g = group(&v, "APIG.0101", 404);
    // Go's log form is read, as written: no `Z`.
    assert_eq!(g["first_seen"], "2026-03-01T09:04:40", "{v}");
    assert_eq!(g["last_seen"], "2026-03-01T09:11:06");
    assert_eq!(
        v["triage"]["time_zone"],
        "as written in the log, zone not given"
    );
    assert_eq!(v["errors"][0]["seen_at"], "2026-03-01T09:04:40");
    assert_eq!(
        v["errors"][0]["time_zone"],
        "as written in the log, zone not given"
    );
    assert!(
        !v["triage"]["per_minute"][0][0]
            .as_str()
            .unwrap_or_default()
            .ends_with('Z'),
        "{v}"
    );
    let text = analyze_text(&fixture("no_zone.log"));
    assert!(!text.contains("UTC"), "{text}");
    assert!(text.contains("zone not given"), "{text}");
}

#[test]
fn an_ambiguous_zone_is_not_guessed_and_the_triage_says_so() {
    let v = analyze_json(&fixture("ambiguous.log"));
    let g = group(&v, "APIG.0101", 404);
    assert_eq!(g["first_seen"], "2026-03-01T10:19:46", "{v}");
    let zone = v["triage"]["time_zone"].as_str().unwrap_or_default();
    assert!(zone.contains("ambiguous") && zone.contains("CST"), "{zone}");
    assert!(!analyze_text(&fixture("ambiguous.log")).contains(" UTC"));
}

#[test]
fn each_raw_http_response_has_its_own_separator_s_time_or_its_date() {
    let v = analyze_json(&fixture("http_dumps.log"));
    let throttled = group(&v, "APIG.0308", 429);
    assert_eq!(throttled["first_seen"], "2026-03-01T09:18:25Z", "{v}");
    let timeout = group(&v, "APIG.0201", 504);
    // The separator before the second response, not the one after it (09:44:10).
    assert_eq!(timeout["first_seen"], "2026-03-01T09:40:34Z", "{v}");
    // The third response's own Date wins over its separator's 09:44:10.
    assert_eq!(timeout["last_seen"], "2026-03-01T09:44:12Z", "{v}");
}

#[test]
fn a_stack_trace_and_a_pretty_printed_body_have_their_first_line_s_time() {
    let v = analyze_json(&fixture("stacktrace.log"));
    assert_eq!(
        group(&v, "APIG.0303", 401)["first_seen"],
        "2026-03-01T09:00:13Z",
        "{v}"
    );
    assert_eq!(
        group(&v, "APIG.0101", 404)["first_seen"],
        "2026-03-01T09:05:35Z",
        "{v}"
    );
    assert_eq!(v["triage"]["timed"], v["triage"]["total"], "{v}");
}

#[test]
fn an_offset_written_after_utc_or_gmt_is_applied() {
    let log = "2026-03-01 10:04:00 UTC+1 ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"3b7e1f90a2c4d658\"}\n\
               2026-03-01 17:30:00 GMT+08:00 ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"4c8f2a01b3d5e769\"}\n";
    let v = analyze_json(log);
    let g = group(&v, "APIG.0308", 429);
    assert_eq!(g["first_seen"], "2026-03-01T09:04:00Z", "{g}");
    assert_eq!(g["last_seen"], "2026-03-01T09:30:00Z", "{g}");
    assert_eq!(v["triage"]["time_zone"], "UTC", "{v}");
}

#[test]
fn a_bracketed_zone_and_a_twelve_hour_clock_are_read_and_a_dst_gap_is_said() {
    let log = "2026-12-07 10:03:04 [Asia/Shanghai] ERROR APIG.0308 The throttling threshold has been reached status=429\n\
               2026-12-06 09:03:04 PM EST ERROR APIG.0308 The throttling threshold has been reached status=429\n";
    let v = analyze_json(log);
    assert_eq!(v["triage"]["time_zone"], "UTC", "{v}");
    let text = analyze_text(log);
    // 9 PM EST is 02:03:04 UTC the next day: both lines are the same minute.
    assert!(
        text.contains("2026-12-07 02:03:04 to 2026-12-07 02:03:04 UTC (0 s)"),
        "{text}"
    );
    let gap = "2026-03-08 02:30:00 America/New_York ERROR APIG.0308 The throttling threshold has been reached status=429\n\
               2026-11-01 01:30:00 [America/New_York] ERROR APIG.0308 The throttling threshold has been reached status=429\n";
    let v = analyze_json(gap);
    let zone = v["triage"]["time_zone"].as_str().unwrap_or_default();
    assert!(zone.contains("skips at a daylight saving change"), "{zone}");
    assert!(
        zone.contains("has twice at a daylight saving change"),
        "{zone}"
    );
    assert!(!zone.starts_with("UTC"), "{zone}");
}

/// `seen_at` and `time_zone` of each error of `log`.
fn times(log: &str) -> Vec<(String, String)> {
    let v = analyze_json(log);
    v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (text("seen_at"), text("time_zone"))
        })
        .collect()
}

fn utc(at: &str) -> (String, String) {
    (at.to_string(), "UTC".to_string())
}

#[test]
fn kibana_us_and_beijing_times_are_read_and_an_ambiguous_one_is_said() {
    let error = "ERROR APIG.0308 The throttling threshold has been reached status=429";
    // Kibana writes the browser's wall clock, without its zone.
    for line in [
        format!("Jun 5, 2024 @ 14:03:22.123\t{error}"),
        format!("June 5, 2024 @ 14:03:22.123 {error}"),
    ] {
        let got = times(&line);
        assert_eq!(got[0].0, "2024-06-05T14:03:22", "{line}");
        assert!(got[0].1.contains("zone not given"), "{line}: {got:?}");
    }
    // A US time with its offset: June 25 is sure, and 23:59:58 at -05:00 is the next
    // day in UTC.
    assert_eq!(
        times(&format!("6/25/2024 11:59:58 PM -05:00 {error}")),
        [utc("2024-06-26T04:59:58Z")]
    );
    assert_eq!(
        times(&format!("12/31/2024 1:05:00 AM +00:00 {error}")),
        [utc("2024-12-31T01:05:00Z")]
    );
    // 6/5 may be June 5 or May 6: its offset is applied all the same (the hour is sure,
    // the day is not), and said.
    let got = times(&format!("6/5/2024 11:59:58 PM -05:00 {error}"));
    assert_eq!(got[0].0, "2024-06-06T04:59:58Z", "{got:?}");
    assert!(got[0].1.starts_with("UTC"), "{got:?}");
    assert!(got[0].1.contains("day/month order unsure"), "{got:?}");
    // Without a zone read, it stays as written, and says both.
    for (line, zone) in [
        (
            format!("6/5/2024 11:59:58 PM {error}"),
            "day/month order unsure",
        ),
        (
            format!("03/04/2024 10:15:00 CST {error}"),
            "day/month order unsure",
        ),
    ] {
        let got = times(&line);
        assert!(!got[0].0.ends_with('Z'), "{line}: {got:?}");
        assert!(got[0].1.contains(zone), "{line}: {got:?}");
        assert!(!got[0].1.starts_with("UTC"), "{line}: {got:?}");
    }
    let got = times(&format!("3/4/2024 1:15:00 AM +02:00 {error}"));
    assert_eq!(got[0].0, "2024-03-03T23:15:00Z", "{got:?}");
    assert!(got[0].1.contains("day/month order unsure"), "{got:?}");
    // Beijing time is UTC+8, written in Chinese or English, in either kind of bracket.
    for line in [
        format!("2024-06-05 14:03:22（北京时间） {error}"),
        format!("2024-06-05 14:03:22 (北京时间) {error}"),
        format!("2024-06-05 14:03:22 (Beijing time) {error}"),
        format!("2024-06-05 14:03:22 Beijing Time {error}"),
        format!("2024-06-05 14:03:22 (UTC+8) {error}"),
    ] {
        assert_eq!(times(&line), [utc("2024-06-05T06:03:22Z")], "{line}");
    }
    // CST is China's, the US Central or Cuba's: never guessed.
    for line in [
        format!("2024-06-05 14:03:22 CST {error}"),
        format!("2024-06-05 14:03:22 (CST) {error}"),
    ] {
        let got = times(&line);
        assert_eq!(got[0].0, "2024-06-05T14:03:22", "{line}");
        assert!(got[0].1.contains("zone ambiguous: CST"), "{line}: {got:?}");
    }
}

/// `seen_at` and `time_zone` of the first error of `paste`.
fn first_time(paste: &str) -> (String, String) {
    times(paste).into_iter().next().unwrap_or_default()
}

#[test]
fn a_ticket_s_time_in_words_or_on_a_line_of_its_own_is_the_error_s() {
    let body = r#"{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached","request_id":"0a0a0000000000000000000000000001"}"#;
    for (paste, want) in [
        // A labelled line under the body, in English and Chinese, with seconds or not.
        (
            format!("Our job fails:\n\n{body}\n\nTime: 2024-06-10 08:15:02 UTC\n"),
            utc("2024-06-10T08:15:02Z"),
        ),
        (
            format!("{body}\nWhen: 2024-06-10 14:00 CEST\n"),
            utc("2024-06-10T12:00:00Z"),
        ),
        (
            format!(
                "- **Status:** 429\n- **Body:** {body}\n- **Error time:** 2024-06-10 16:15:02 +08:00\n"
            ),
            utc("2024-06-10T08:15:02Z"),
        ),
        (
            format!("状态码：429\n{body}\n时间：2024-06-12 09:00:00（北京时间）\n"),
            utc("2024-06-12T01:00:00Z"),
        ),
        // A Chinese date in the sentence that gives the status, with a weekday or a
        // 12-hour clock's afternoon.
        (
            format!(
                "客户于 2024年6月5日 22:03:22（北京时间）调用接口失败，返回状态码 429，响应体：\n{body}\n"
            ),
            utc("2024-06-05T14:03:22Z"),
        ),
        (
            format!("报错时间：2024年6月10日 周一 下午3:05（北京时间）\n{body}\n"),
            utc("2024-06-10T07:05:00Z"),
        ),
        // Epoch seconds after a time key, inside a line.
        (
            "level=error ts=1717596202 status=504 error_code=APIG.0203 msg=\"Backend timeout\""
                .to_string(),
            utc("2024-06-05T14:03:22Z"),
        ),
        (
            r#"{"status": 401, "timestamp": 1717596300, "error_code": "APIG.0307"}"#.to_string(),
            utc("2024-06-05T14:05:00Z"),
        ),
    ] {
        assert_eq!(first_time(&paste), want, "{paste}");
    }
    // A zone that names several is said, the time kept as written.
    let (at, zone) = first_time(&format!(
        "The call failed at 2024-06-10 09:00 CST with this body:\n{body}\n"
    ));
    assert_eq!(at, "2024-06-10T09:00:00");
    assert!(zone.contains("zone ambiguous: CST"), "{zone}");
    // A time without a zone is never called UTC.
    let (at, zone) = first_time(&format!("{body}\nTimestamp: 2024-06-10 09:00\n"));
    assert_eq!(at, "2024-06-10T09:00:00");
    assert!(zone.contains("zone not given"), "{zone}");
}

#[test]
fn a_number_that_is_no_time_stays_none() {
    let body =
        r#"{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached"}"#;
    for paste in [
        // An order number after a word that is no time key, a date without a time, an
        // e-mail's sending date, a time that began something.
        format!("order=1717596202 {body}"),
        format!("{body}\nDate of contract: 2024-06-10\n"),
        format!("{body}\nSent: Friday, June 7, 2024 4:10 PM\n"),
        format!("It has failed since 2024-06-10 09:00 UTC:\n{body}\n"),
    ] {
        assert_eq!(first_time(&paste).0, "", "{paste}");
    }
}
