//! Pastes a fresh-eyes tester found read wrong, as classes: several errors on one line,
//! one error logged twice, request ids that are not the gateway's, status forms, messages
//! with commas, and bodies that only look cut.

use super::*;

fn errors(text: &str) -> Vec<FoundError> {
    analyze_every(text, &Catalog::embedded()).errors
}

/// (code, request id, status) of each error.
fn facts(text: &str) -> Vec<(String, Option<String>, Option<u16>)> {
    errors(text)
        .into_iter()
        .map(|e| (e.code.unwrap_or_default(), e.request_id, e.http_status))
        .collect()
}

fn fact(
    code: &str,
    id: Option<&str>,
    status: Option<u16>,
) -> (String, Option<String>, Option<u16>) {
    (code.to_string(), id.map(str::to_string), status)
}

#[test]
fn errors_on_one_line_take_only_their_own_object_s_fields() {
    let two_sdk = "2026-12-07 02:00:00 ERROR calls failed: [ServiceResponseException{httpStatusCode=403, errorCode='APIG.0302', errorMsg='The IAM user is not authorized to access the API', requestId='3c3c1d1d3c3c1d1d'}, ServiceResponseException{httpStatusCode=429, errorCode='APIG.0308', errorMsg='The throttling threshold has been reached', requestId='4e4e5f5f4e4e5f5f'}]";
    assert_eq!(
        facts(two_sdk),
        [
            fact("APIG.0302", Some("3c3c1d1d3c3c1d1d"), Some(403)),
            fact("APIG.0308", Some("4e4e5f5f4e4e5f5f"), Some(429)),
        ]
    );
    let found = errors(two_sdk);
    assert_eq!(
        found[1].message.as_deref(),
        Some("The throttling threshold has been reached")
    );
    // A message of one object is never compared with the other's code.
    let concatenated = r#"{"error_msg":"Incorrect IAM authentication information: verify aksk signature fail","error_code":"APIG.0301","request_id":"a1a1b2b2a1a1b2b2"}{"error_msg":"The API does not exist or has not been published in the environment","error_code":"APIG.0101","request_id":"c3c3d4d4c3c3d4d4"}"#;
    let found = errors(concatenated);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].request_id.as_deref(), Some("c3c3d4d4c3c3d4d4"));
    assert!(
        found
            .iter()
            .all(|e| e.warnings.iter().all(|w| !w.contains("same response"))),
        "{found:#?}"
    );
}

#[test]
fn an_error_logged_twice_is_one_error_and_its_triage_counts_it_once() {
    let log = "2026-12-07 01:00:00 WARN api status=403 code=APIG.0401 msg=\"Unknown client IP address\" rid=5e5e6f6f5e5e6f6f\n\
               2026-12-07 01:00:00 WARN api body: {\"error_msg\":\"Unknown client IP address\",\"error_code\":\"APIG.0401\",\"request_id\":\"5e5e6f6f5e5e6f6f\"}\n\
               2026-12-07 01:00:05 WARN api status=403 code=APIG.0401 msg=\"Unknown client IP address\" rid=7a7a8b8b7a7a8b8b\n\
               2026-12-07 01:00:06 ERROR api gave up\n\
               com.example.GatewayException: ServiceResponseException{httpStatusCode=403, errorCode='APIG.0401', errorMsg='Unknown client IP address', requestId='7a7a8b8b7a7a8b8b'}\n\
               \tat com.example.Client.call(Client.java:42)\n";
    assert_eq!(
        facts(log),
        [
            fact("APIG.0401", Some("5e5e6f6f5e5e6f6f"), Some(403)),
            fact("APIG.0401", Some("7a7a8b8b7a7a8b8b"), Some(403)),
        ]
    );
    let a = analyze(log, &Catalog::embedded());
    assert_eq!(a.triage.total, 2);
    assert_eq!(a.triage.groups[0].count, 2);
    // Another code under the same request id is another error.
    let two_codes =
        "ERROR code=APIG.0401 rid=5e5e6f6f5e5e6f6f\nERROR code=APIG.0306 rid=5e5e6f6f5e5e6f6f\n";
    assert_eq!(errors(two_codes).len(), 2);
}

#[test]
fn a_request_header_s_id_is_the_client_s_and_two_response_ids_are_both_said() {
    let curl = "> POST /v1/pay HTTP/1.1\n> Host: api.example.com\n> X-Request-Id: my-trace-42\n>\n< HTTP/1.1 401 Unauthorized\n< Server: api-gateway\n<\n{\"error_msg\":\"Incorrect IAM authentication information\",\"error_code\":\"APIG.0301\",\"request_id\":\"6d6d7e7e6d6d7e7e\"}\n";
    assert_eq!(
        facts(curl),
        [fact("APIG.0301", Some("6d6d7e7e6d6d7e7e"), Some(401))]
    );
    let only_request_side = "> GET /v1 HTTP/1.1\n> X-Request-Id: my-trace-42\n>\n< HTTP/1.1 404 Not Found\n<\n{\"error_code\":\"APIG.0101\"}\n";
    assert_eq!(
        facts(only_request_side),
        [fact("APIG.0101", None, Some(404))]
    );
    let differ = "HTTP/1.1 429 Too Many Requests\nX-Request-Id: 0a0a1b1b0a0a1b1b\n\n{\"error_code\":\"APIG.0308\",\"request_id\":\"2c2c3d3d2c2c3d3d\"}";
    let e = &errors(differ)[0];
    assert_eq!(e.request_id.as_deref(), Some("2c2c3d3d2c2c3d3d"));
    assert!(
        e.warnings.iter().any(|w| w.contains("0a0a1b1b0a0a1b1b")
            && w.contains("response header X-Request-Id")
            && w.contains("two request ids")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn placeholder_request_ids_are_no_request_ids() {
    for id in [
        "null",
        "None",
        "undefined",
        "xxxxxxxxxxxxxxxx",
        "0000000000000000",
    ] {
        let text = format!(
            "ClientRequestException{{httpStatusCode=403, errorCode='APIG.0302', requestId='{id}'}}\n"
        );
        assert_eq!(facts(&text), [fact("APIG.0302", None, Some(403))], "{id}");
        let json = format!("{{\"error_code\":\"APIG.0302\",\"request_id\":\"{id}\"}}");
        assert_eq!(errors(&json)[0].request_id, None, "{id}");
    }
}

#[test]
fn a_har_body_saved_as_base64_is_decoded_and_one_that_is_not_text_is_said() {
    use base64::Engine;
    let encode = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let body = encode(br#"{"error_msg":"The throttling threshold has been reached","error_code":"APIG.0308","request_id":"8f8f9a9a8f8f9a9a"}"#);
    let binary = encode(&[0xff, 0xfe, 0x00, 0x81, 0x9c]);
    let entry = |status: u16, text: &str| {
        format!(
            r#"{{"startedDateTime":"2026-12-07T02:00:00Z","request":{{"method":"GET","url":"https://api.example.com/v1/a","headers":[]}},"response":{{"status":{status},"statusText":"","headers":[],"content":{{"mimeType":"application/json","text":"{text}","encoding":"base64"}}}}}}"#
        )
    };
    let har = format!(
        r#"{{"log":{{"version":"1.2","entries":[{},{}]}}}}"#,
        entry(429, &body),
        entry(403, &binary)
    );
    let a = analyze_every(&har, &Catalog::embedded());
    assert_eq!(a.errors[0].code.as_deref(), Some("APIG.0308"));
    assert_eq!(a.errors[0].request_id.as_deref(), Some("8f8f9a9a8f8f9a9a"));
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("1 error response") && w.contains("base64")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn status_forms_of_other_sdks_and_chinese_are_read() {
    for (text, status) in [
        (
            "Unhandled exception. Acme.GatewayException: {\"error_code\":\"APIG.0302\",\"request_id\":\"4a4a5b5b4a4a5b5b\"}\n   at Acme.Client.Send()\n   at Acme.Program.Main()\nHttpStatusCode: 403\n",
            403,
        ),
        (
            "ERROR {\"error_code\":\"APIG.0308\"} StatusCode: TooManyRequests (429)",
            429,
        ),
        (
            "APIG.0308 Response status code does not indicate success: 429 (Too Many Requests).",
            429,
        ),
        (
            "APIG.0302 The remote server returned an error: (403) Forbidden.",
            403,
        ),
        ("APIG.0308 status-code: 429", 429),
        ("APIG.0308 HttpStatus 429", 429),
        (
            "调用失败：\n{\"error_code\":\"APIG.0308\",\"request_id\":\"4a4a5b5b4a4a5b5b\"}\nHTTP状态码 429\n",
            429,
        ),
        (
            "{\"error_code\":\"APIG.0301\",\"request_id\":\"4a4a5b5b4a4a5b5b\"}\n状态码：401\n",
            401,
        ),
        ("APIG.0301 返回码401", 401),
    ] {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].http_status, Some(status), "{text}");
    }
}

#[test]
fn a_message_runs_to_the_next_key_not_the_first_comma() {
    let python = "ClientRequestException - {status_code:403,request_id:6a6a7b7b6a6a7b7b,error_code:APIG.0401,error_msg:Unknown client IP address: ip 10.0.0.9,port 443,zone:az1,encoded_authorization_message:None}";
    assert_eq!(
        errors(python)[0].message.as_deref(),
        Some("Unknown client IP address: ip 10.0.0.9,port 443,zone:az1")
    );
    // The Java SDK's `; ` between fields ends the message too.
    let java = "ServiceResponseException: HTTP 500 Internal Server Error; errorCode: APIG.0605; errorMsg: Domain name resolution failed.; requestId: 32a32b32c32d";
    let e = &errors(java)[0];
    assert_eq!(e.message.as_deref(), Some("Domain name resolution failed."));
    assert_eq!(e.request_id.as_deref(), Some("32a32b32c32d"));
    // A message written out in a sentence keeps the detail after its colon.
    let e =
        &errors("we got 401 back: Incorrect IAM authentication information: decrypt token fail")[0];
    assert_eq!(e.detail.as_deref(), Some("decrypt token fail"));
}

#[test]
fn a_body_is_cut_by_its_structure_not_by_dots_in_a_value() {
    let cut = |text: &str| {
        errors(text)[0]
            .warnings
            .iter()
            .any(|w| w.contains("truncated"))
    };
    assert!(!cut(
        r#"{"error_msg":"Backend timeout......","error_code":"APIG.0201","request_id":"3e3e4f4f3e3e4f4f"}"#
    ));
    assert!(!cut(
        "{\n  \"error_code\": \"APIG.0201\",\n  \"error_msg\": \"a { in text......\"\n}"
    ));
    assert!(cut(
        r#"{"error_code":"APIG.0201","error_msg":"Backend timeout"......"#
    ));
    assert!(cut(r#"{"error_code":"APIG.0201","error_msg":"Backend tim"#));
}

#[test]
fn a_status_right_after_the_code_is_read_and_the_message_after_it_too() {
    for (line, status, message) in [
        (
            "APIG.0305 401 Incorrect authentication information.",
            Some(401),
            Some("Incorrect authentication information."),
        ),
        (
            "2026-12-07 10:00:01 ERROR APIG.0201 502 Backend unavailable request_id=0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            Some(502),
            Some("Backend unavailable"),
        ),
        ("apig.0308 429", Some(429), None),
        (
            "APIG.0303 401 7a1b2c3d4e5f60718293a4b5c6d7e8f9",
            Some(401),
            None,
        ),
        // A count is no status.
        ("APIG.0308 429 times today", None, None),
        ("we had APIG.0308 429 errors", None, None),
    ] {
        let found = errors(line);
        let first = found.first().expect(line);
        assert_eq!(first.http_status, status, "{line}");
        assert_eq!(first.message.as_deref(), message, "{line}");
    }
}

/// A quote escaped inside a JSON value is the value's: the message goes on past it, in a
/// body alone, after a status line, in a log's object, and in JSON written inside a string
/// (escaped once more), where the structure is unescaped and the value's quote kept.
#[test]
fn a_quote_escaped_inside_a_message_does_not_end_it() {
    let said = "Orchestration error: parameter \"id\" is invalid";
    for text in [
        r#"{"error_code":"APIG.0106","error_msg":"Orchestration error: parameter \"id\" is invalid"}"#,
        "HTTP/1.1 400 Bad Request\nX-Request-Id: 0a0a0a0a0b0b0b0b0c0c0c0c0d0d0d0d\n\n{\"error_code\":\"APIG.0106\",\"error_msg\":\"Orchestration error: parameter \\\"id\\\" is invalid\"}",
        r#"2026-12-07T08:00:00Z ERROR gw {"error_msg": "Orchestration error: parameter \"id\" is invalid", "error_code": "APIG.0106"}"#,
        r#"resp body="{\"error_code\":\"APIG.0106\",\"error_msg\":\"Orchestration error: parameter \\\"id\\\" is invalid\"}""#,
    ] {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].message.as_deref(), Some(said), "{text}");
    }
}

/// A message sent with its letters escaped (`\u00fc`, `\u8bf7`) reads as written, as the
/// customer saw it; a backslash that escapes nothing JSON knows (a Windows path) stays.
#[test]
fn a_message_s_escaped_letters_are_read_as_written() {
    let cases = [
        (
            r#"{"error_code":"APIG.0106","error_msg":"Ung\u00fcltiger Parameter \u0022id\u0022"}"#,
            "Ungültiger Parameter \"id\"",
        ),
        (
            r#"{"error_code":"APIG.0106","error_msg":"\u8bf7\u6c42\u5931\u8d25"}"#,
            "请求失败",
        ),
        (
            r#"{"error_code":"APIG.0106","error_msg":"cannot read C:\Users\ops\key.pem"}"#,
            r"cannot read C:\Users\ops\key.pem",
        ),
    ];
    for (text, said) in cases {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].message.as_deref(), Some(said), "{text}");
    }
}

/// A message that is one of the code's rows' word for word leaves the code's other rows,
/// whose messages only resemble it, guesses (as a status does): "Request entity too
/// large." is the 413 row, not also the 414 "Request URI too large." one.
#[test]
fn a_message_one_row_has_word_for_word_leaves_the_code_s_other_rows_guesses() {
    let catalog = Catalog::embedded();
    for (text, status) in [
        (
            "{\"error_code\":\"APIG.0201\",\"error_msg\":\"Request entity too large.\"}",
            413,
        ),
        (
            "{\"error_code\":\"APIG.0201\",\"error_msg\":\"Request URI too large\"}",
            414,
        ),
        (
            "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}",
            404,
        ),
    ] {
        let a = analyze_every(text, &catalog);
        let e = &a.errors[0];
        let best = e.matched().map(|c| &catalog.entries[c.row]);
        assert_eq!(best.map(|r| r.http_status), Some(status), "{text}");
        let sure = e
            .candidates
            .iter()
            .filter(|c| c.confidence >= MATCH_THRESHOLD)
            .count();
        assert_eq!(sure, 1, "{text}\n{:#?}", e.candidates);
    }
    // A message with a typo is no row's word for word: its closest row is still the match.
    let typo = analyze_every(
        "{\"error_code\":\"APIG.0201\",\"error_msg\":\"Request entity to large.\"}",
        &catalog,
    );
    let best = typo.errors[0]
        .matched()
        .map(|c| catalog.entries[c.row].http_status);
    assert_eq!(best, Some(413));
}

/// A message written after its code ends before a parenthesis that holds the request id
/// (any wording of it) and at a closing CJK quote: the id is read as the id, never as
/// the message's detail.
#[test]
fn a_message_ends_before_its_request_id_in_brackets_or_a_closing_quote() {
    for (text, id) in [
        (
            "ERROR: APIG.0203 Backend timeout. (request 7f3c9a1b2d4e6f80)",
            "7f3c9a1b2d4e6f80",
        ),
        (
            "2026-12-07 10:00:01 WARN APIG.0203 Backend timeout. (request_id=cc24cc24cc24cc24)",
            "cc24cc24cc24cc24",
        ),
        (
            "gateway said APIG.0203 Backend timeout. (Request-ID: 9a9a9a9a9a9a9a9a)",
            "9a9a9a9a9a9a9a9a",
        ),
    ] {
        let a = analyze_every(text, &Catalog::embedded());
        let e = &a.errors[0];
        assert_eq!(
            e.message.as_deref(),
            Some("Backend timeout."),
            "{text}\n{a:#?}"
        );
        assert_eq!(e.detail, None, "{text}\n{a:#?}");
        assert_eq!(e.request_id.as_deref(), Some(id), "{text}\n{a:#?}");
    }
}
