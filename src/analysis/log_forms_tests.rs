//! Log and SDK forms: a message written right after its code, request ids in their
//! short and bare forms, and syslog and epoch-millisecond times.

use super::*;

fn first_error(text: &str) -> FoundError {
    let catalog = Catalog::embedded();
    analyze(text, &catalog).errors.remove(0)
}

fn row_message(e: &FoundError) -> String {
    let catalog = Catalog::embedded();
    let c = e.matched().unwrap_or_else(|| panic!("no match: {e:?}"));
    catalog.entries[c.row].message().to_string()
}

#[test]
fn a_message_written_right_after_its_code_is_read() {
    for (line, message) in [
        ("APIG.0201 Backend unavailable", "Backend unavailable."),
        ("APIG.0201 - Backend timeout.", "Backend timeout."),
        (
            "[APIG.0201] Request entity too large",
            "Request entity too large.",
        ),
        (
            "APIG0201 | Request URI too large.",
            "Request URI too large.",
        ),
        (
            "2026-12-06T08:15:00Z WARN orders-client APIG.0201 Backend unavailable req=7c1d2e3f4a5b6c7d",
            "Backend unavailable.",
        ),
        (
            "E/HttpClient: (APIG.0201) Request headers too large",
            "Request headers too large.",
        ),
    ] {
        let e = first_error(line);
        assert_eq!(row_message(&e), message, "{line}");
    }
}

#[test]
fn what_follows_a_code_is_not_eaten_when_it_is_no_message() {
    // The sentence goes on, or the line's next field follows: no message.
    for line in [
        "we got APIG.0201 since the release yesterday",
        "error_code=APIG.0201 request_id=abc123def456 host=gw01",
        "2026-12-06T10:00:01Z ERROR APIG.0201 POST /v1/orders -> 504",
        "APIG.0201 HTTP 502",
        "APIG.0201 ERROR upstream",
        "APIG.0308 Too Many Requests",
    ] {
        let e = first_error(line);
        assert_eq!(e.message, None, "{line}");
    }
    // The next field ends the message.
    let e = first_error("APIG.0201 Backend unavailable request_id: 0a1b2c3d4e5f6a7b status=502");
    assert_eq!(e.message.as_deref(), Some("Backend unavailable"));
    assert_eq!(e.request_id.as_deref(), Some("0a1b2c3d4e5f6a7b"));
    // A detail after a colon stays with the message.
    let e = first_error(
        "APIG.0301 Incorrect IAM authentication information: verify aksk signature fail",
    );
    assert_eq!(e.detail.as_deref(), Some("verify aksk signature fail"));
}

#[test]
fn request_ids_in_short_keyed_and_bare_access_log_forms_are_read() {
    for (text, id) in [
        (
            "APIG.0308 throttled req=5d41402abc4b2a76b9719d911017c592",
            "5d41402abc4b2a76b9719d911017c592",
        ),
        (
            "APIG.0308 throttled rid=9e107d9d372bb6826bd81d3542a419d6",
            "9e107d9d372bb6826bd81d3542a419d6",
        ),
        (
            "APIG.0308 throttled request_id: e4d909c290d0fb1ca068ffaddf22cbd0",
            "e4d909c290d0fb1ca068ffaddf22cbd0",
        ),
        (
            "10.1.2.3 - - [06/Dec/2026:09:00:00 +0000] \"GET /v2/items HTTP/1.1\" 429 61 \"-\" \"curl/8.5\" APIG.0308 d41d8cd98f00b204e9800998ecf8427e",
            "d41d8cd98f00b204e9800998ecf8427e",
        ),
    ] {
        assert_eq!(first_error(text).request_id.as_deref(), Some(id), "{text}");
    }
    // Outside an access-log line a bare hex token is not called a request id.
    let e = first_error("APIG.0308 throttled, commit d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(e.request_id, None);
}

#[test]
fn syslog_and_epoch_millisecond_times_are_read_and_written_as_rfc3339() {
    let catalog = Catalog::embedded();
    let log = "1796551200000 ERROR APIG.0308 The throttling threshold has been reached.\n\
               1796551261000 ERROR APIG.0308 The throttling threshold has been reached.\n\
               {\"ts\": 1796551322000, \"error_code\": \"APIG.0308\"}\n";
    let a = analyze(log, &catalog);
    assert_eq!((a.triage.total, a.triage.timed), (3, 3), "{a:?}");
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains("\"2026-12-06T10:00:00Z\""), "{json}");
    assert!(
        !json.contains("1796551200"),
        "epoch numbers in JSON: {json}"
    );

    let syslog = "Dec  6 10:00:01 gw01 apig[311]: APIG.0308 The throttling threshold has been reached.\n\
                  Dec  6 10:02:09 gw01 apig[311]: APIG.0308 The throttling threshold has been reached.\n";
    let a = analyze(syslog, &catalog);
    assert_eq!((a.triage.total, a.triage.timed), (2, 2), "{a:?}");
    let first = a.errors[0].seen_at.expect("a time");
    // Syslog gives neither zone nor year: the time is as written, never called UTC.
    assert!(super::clock::json_time(first.at, first.zone.is_utc()).ends_with("-12-06T10:00:01"));
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains("year assumed"), "{json}");
    assert!(!json.contains("-12-06T10:00:01Z"), "{json}");
}

#[test]
fn the_milliseconds_of_a_log_time_are_no_status() {
    // `,562 ERROR` and `.503 Service Unavailable` end a time: the lines name no status.
    for line in [
        "2026-12-07 10:34:53,562 ERROR svc-8 call failed: Backend timeout. (took 407 ms)",
        "2026-12-07 10:34:53.503 Service Unavailable fallback engaged for Backend timeout.",
        "07/12/2026 10:34:53,404 error response from backend: Backend timeout.",
    ] {
        let e = first_error(line);
        assert_eq!(e.http_status, None, "{line}");
    }
}
