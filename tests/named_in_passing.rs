//! Codes a paste only talks about are not errors it reports: a ticket quoting the docs
//! above the customer's response, a log's retry and configuration lines, a client's
//! summary of the error it just logged. And a status alone is a guess. (Found by a
//! fresh-eyes tester: each of these was counted, or named the match, with confidence.)

mod common {
    pub(crate) mod analyzed;
    pub(crate) mod cli;
}

use common::analyzed::{analyze, codes};
use common::cli::{binary, output};

#[test]
fn a_ticket_quoting_the_docs_above_the_response_holds_the_response_s_error_only() {
    let (json, text) = analyze(
        "From the customer: \"your documentation says APIG.0301 is about IAM tokens, we don't use any!\"\n\
         Attached response:\n\
         HTTP/1.1 403 Forbidden\n\
         Server: api-gateway\n\
         \n\
         {\"error_code\":\"APIG.0302\",\"error_msg\":\"The IAM user is not authorized to access the API\",\"request_id\":\"41a9c0d3e5f7b2a4c6d8e0f1a3b5c7d9\"}\n",
    );
    assert_eq!(codes(&json), ["APIG.0302"], "{text}");
    assert!(text.contains("Not counted: APIG.0301"), "{text}");
}

#[test]
fn retry_and_configuration_lines_of_a_log_are_not_errors() {
    let (json, text) = analyze(
        "2026-05-04T11:00:00Z INFO client: policy loaded, retryable=[\"APIG.0308\",\"APIG.0201\"]\n\
         2026-05-04T11:00:01Z ERROR call failed HTTP 504 {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\",\"request_id\":\"aa11bb22cc33dd44ee55ff6600112233\"}\n\
         2026-05-04T11:00:01Z INFO will retry APIG.0201 in 2s\n\
         2026-05-04T11:00:03Z ERROR call failed HTTP 504 {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\",\"request_id\":\"aa11bb22cc33dd44ee55ff6600112234\"}\n\
         2026-05-04T11:00:03Z ERROR giving up, last error APIG.0201\n",
    );
    assert_eq!(json["triage"]["total"], 2, "{text}");
    assert_eq!(codes(&json), ["APIG.0201", "APIG.0201"], "{text}");
    assert!(
        text.contains("Counted once: 1 line names only a code"),
        "{text}"
    );
    // APIG.0201 is counted from its records: only the code taken out is named.
    assert!(text.contains("Not counted: APIG.0308,"), "{text}");
    assert!(!text.contains("Not counted: APIG.0201"), "{text}");
}

#[test]
fn a_code_alone_on_an_error_line_is_still_counted() {
    // No time shared with a full record: a log that writes codes only.
    let (json, text) = analyze(
        "2026-05-04T11:00:00Z ERROR gateway answered APIG.0308\n\
         2026-05-04T11:00:07Z ERROR gateway answered APIG.0308\n\
         2026-05-04T11:00:09Z WARN upstream rejected APIG.0303 request_id=77aa88bb99cc00dd\n",
    );
    assert_eq!(json["triage"]["total"], 3, "{text}");
}

#[test]
fn a_code_named_in_a_sentence_is_a_guess_and_a_status_elsewhere_is_not_blamed_on_it() {
    let (json, text) = analyze(
        "Ticket 5521: last month they had APIG.0308 (solved by raising the limit); today their calls return HTTP 403 again and again.",
    );
    // Today's 403 is a status alone, no code's: never APIG.0308's (was a guess of
    // APIG.0308 with status 403 until the status was given to no named code).
    assert_eq!(codes(&json), ["none"], "{text}");
    assert_eq!(json["errors"][0]["http_status"], 403, "{text}");
    assert!(!text.contains("Match:"), "{text}");
    assert!(!text.contains("custom gateway response"), "{text}");
    assert!(text.contains("named inside a sentence"), "{text}");
}

#[test]
fn a_bare_status_from_the_gateway_is_a_guess_its_own_error_page_is_not() {
    let (_, bare) = analyze(
        "< HTTP/1.1 429 Too Many Requests\n< Server: api-gateway\n< Content-Length: 0\n<\n",
    );
    assert!(bare.contains("Guess: APIG.0308"), "{bare}");
    assert!(!bare.contains("Match:"), "{bare}");
    assert!(
        bare.contains("passed on by the gateway looks the same"),
        "{bare}"
    );
    let (_, page) = analyze(
        "HTTP/1.1 429 Too Many Requests\nServer: api-gateway\nContent-Type: text/html\n\n\
         <html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>api-gateway</center></body></html>\n",
    );
    assert!(page.contains("Match: APIG.0308"), "{page}");
}

#[test]
fn the_facts_of_the_response_below_a_code_named_in_passing_are_the_response_s() {
    // In English, in Chinese, on the same line, as headers and as a ticket's labels.
    for (paste, status, id) in [
        (
            "Hi team, the APIG.0308 errors from yesterday are gone after we raised the throttling limit.\nToday a different failure:\nHTTP/1.1 401 Unauthorized\nServer: api-gateway\nX-Request-Id: 8d3a2e1f4c9b6a5d0e7f3c2b1a0d9e8f\nDate: Wed, 05 Jun 2024 17:30:00 GMT\n\n{\"message\":\"Unauthorized\"}\n",
            401,
            "8d3a2e1f4c9b6a5d0e7f3c2b1a0d9e8f",
        ),
        (
            "Hello,\nwe fixed APIG.0308 last week, now 401.\nNo response body, the client only logs \"401 Unauthorized\".\nRequest id from our gateway log: 6b1e0c9d2a7f4e3b8c5d1a0f9e8d7c6b\nThanks\n",
            401,
            "6b1e0c9d2a7f4e3b8c5d1a0f9e8d7c6b",
        ),
        (
            "The APIG.0201 timeouts of March are history. This one is new:\n< HTTP/1.1 403 Forbidden\n< X-Request-Id: 0c0c1d1d2e2e3f3f\n<\n",
            403,
            "0c0c1d1d2e2e3f3f",
        ),
        (
            "之前的 APIG.0301 问题已经修复。现在 HTTP 状态码 403，request_id=4d4d4d4d5e5e5e5e\n",
            403,
            "4d4d4d4d5e5e5e5e",
        ),
    ] {
        let (json, text) = analyze(paste);
        assert_eq!(codes(&json), ["none"], "{text}");
        assert_eq!(json["errors"][0]["http_status"], status, "{text}");
        assert_eq!(json["errors"][0]["request_id"], id, "{text}");
        assert!(text.contains("Error 1: no code ("), "{text}");
        assert!(text.contains("Not counted: APIG.0"), "{text}");
        assert!(!text.contains("Match:"), "{text}");
        assert!(!text.contains("custom gateway response"), "{text}");
    }
}

#[test]
fn a_code_named_in_passing_in_chinese_above_a_reported_one_is_one_error() {
    let (json, text) = analyze(
        "您好，上周的 APIG.0308 限流问题已经解决了，谢谢。\n现在调用返回 401，响应如下：\nHTTP/1.1 401 Unauthorized\nServer: api-gateway\nX-Request-Id: 7c2f1d0e3b8a5f4c9d6e2b1a0f9e8d7c\n\n{\"error_msg\":\"Incorrect app authentication information\",\"error_code\":\"APIG.0303\",\"request_id\":\"7c2f1d0e3b8a5f4c9d6e2b1a0f9e8d7c\"}\n",
    );
    assert_eq!(codes(&json), ["APIG.0303"], "{text}");
    assert!(text.contains("Not counted: APIG.0308"), "{text}");
    assert!(!text.contains("限流问题已经解决"), "{text}");
}

/// `analyze -` of `paste`: its exit status and text.
fn analyze_status(paste: &str) -> (Option<i32>, String) {
    let out = output(binary().args(["analyze", "-"]), paste);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_code_said_to_be_gone_exits_1_and_says_no_current_error() {
    for paste in [
        "APIG.0308 errors are gone, everything returns 200 now",
        "Good news: we no longer get APIG.0201 after the backend fix.",
        "APIG.0308 已经没有了，谢谢",
    ] {
        let (status, text) = analyze_status(paste);
        assert_eq!(status, Some(1), "{text}");
        assert!(text.contains("No current APIG error found"), "{text}");
        assert!(!text.contains("Match:"), "{text}");
        assert!(!text.contains("Guess:"), "{text}");
    }
}

#[test]
fn quoted_history_source_code_and_a_runbook_leave_the_response_s_error_alone() {
    let response = "HTTP/1.1 401 Unauthorized\nServer: api-gateway\nDate: Wed, 05 Jun 2024 17:30:00 GMT\nX-Request-Id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9\n\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\",\"request_id\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\"}\n";
    let old = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}";
    for (paste, seen) in [
        (
            format!("Now this:\n{response}\nOn Mon, 3 Jun 2024, Li Wei wrote:\n> Before: {old}\n"),
            "quoted history",
        ),
        (
            format!(
                "{response}\n-----Original Message-----\nFrom: Li Wei\nSent: Monday\n\n{old}\n"
            ),
            "quoted history",
        ),
        (
            format!("Our code: if e.error_code == \"APIG.0308\": retry()\n{response}"),
            "source code",
        ),
        (
            format!("Runbook: If the response is {old} then wait.\n{response}"),
            "documentation or a runbook",
        ),
    ] {
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), ["APIG.0303"], "{text}");
        assert_eq!(json["errors"][0]["http_status"], 401, "{text}");
        assert!(text.contains("Not counted: APIG.0308"), "{text}");
        assert!(text.contains(seen), "{text}");
        assert!(text.contains("Match: APIG.0303"), "{text}");
    }
}

#[test]
fn a_docs_table_is_said_and_read_as_guesses_not_matches() {
    let (status, text) = analyze_status(
        "From the docs:\n| Error code | HTTP status | Message |\n|---|---|---|\n| APIG.0201 | 502 | Backend unavailable |\n| APIG.0308 | 429 | The throttling threshold has been reached |\n",
    );
    // A copy of the catalog's rows is documentation: said first, its rows guesses, and no
    // error found (exit 1).
    assert_eq!(status, Some(1), "{text}");
    assert!(
        text.contains("looks like documentation, not errors"),
        "{text}"
    );
    assert!(
        text.contains("a table of codes") && text.contains("documentation"),
        "{text}"
    );
    assert!(!text.contains("Match:"), "{text}");
}

#[test]
fn a_docs_table_s_rows_are_counted_as_rows_never_as_errors() {
    for paste in [
        "| Error code | HTTP status | Message |\n|---|---|---|\n| APIG.0201 | 502 | Backend unavailable |\n| APIG.0308 | 429 | The throttling threshold has been reached |\n",
        "APIG.0301    401    Incorrect IAM authentication information.\nAPIG.0303    401    Incorrect app authentication information.\nAPIG.0308    429    The throttling threshold has been reached.\n",
    ] {
        let (status, text) = analyze_status(paste);
        assert_eq!(status, Some(1), "{text}");
        assert!(text.contains("looks like documentation"), "{text}");
        // No count of the customer's errors: the rows are counted as the table's.
        assert!(!text.contains("errors in"), "{text}");
        assert!(!text.contains("1 error)"), "{text}");
        assert!(
            text.contains("rows of a pasted catalog table, not errors"),
            "{text}"
        );
        let (json, _) = analyze(paste);
        assert_eq!(json["documentation"], serde_json::json!(true), "{json}");
    }
    // A customer's own error report is counted as errors, and says no such thing.
    let (json, text) = analyze(
        "2026-12-07 03:10:02,APIG.0308,429,5e1d2c3b4a5f6071\n2026-12-07 03:10:05,APIG.0303,401,6f6f7a7a6f6f7a7a\n",
    );
    assert!(text.contains("2 errors in 2 groups"), "{text}");
    assert!(json.get("documentation").is_none(), "{json}");
}

/// A body said to be over by the sentence it is written in or by the label above it, and
/// a test's assertion above the captured log: the one current error is counted, with its
/// own facts, and each code taken out is named.
#[test]
fn a_body_said_over_by_its_sentence_or_label_and_a_test_s_assertion_are_not_counted() {
    let body = |code: &str, message: &str, id: &str| {
        format!("{{\"error_code\":\"{code}\",\"error_msg\":\"{message}\",\"request_id\":\"{id}\"}}")
    };
    let now = body(
        "APIG.0304",
        "The app is not authorized to access the API",
        "c0ffee00c0ffee00c0ffee00c0ffee01",
    );
    let old = body(
        "APIG.0308",
        "The throttling threshold has been reached",
        "c0ffee00c0ffee00c0ffee00c0ffee02",
    );
    for (paste, taken) in [
        (
            format!(
                "Since Monday we get:\n{now}\n\nLast week we had {old}, but that one is solved."
            ),
            "APIG.0308",
        ),
        (
            format!("Vorher (seit Freitag behoben):\n{old}\n\nJetzt:\n{now}\n"),
            "APIG.0308",
        ),
        (
            format!("上周的错误（已解决）：\n{old}\n\n今天的错误：\n{now}\n"),
            "APIG.0308",
        ),
        (
            format!(
                "E       AssertionError: assert 'APIG.0304' == 'APIG.0308'\nE         - APIG.0308\nE         + APIG.0304\n---- Captured log call ----\nINFO client:client.py:88 response 403 {now}\n"
            ),
            "APIG.0308",
        ),
    ] {
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), ["APIG.0304"], "{text}");
        assert_eq!(json["triage"]["total"], 1, "{text}");
        assert_eq!(
            json["errors"][0]["request_id"], "c0ffee00c0ffee00c0ffee00c0ffee01",
            "{text}"
        );
        assert!(text.contains(&format!("Not counted: {taken}")), "{text}");
    }
}
