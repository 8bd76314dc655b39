//! Table-driven tests: realistic pastes of every form, and pastes that are not APIG errors.

use super::*;

#[test]
fn responses_are_told_from_searches() {
    for response in [
        "HTTP/1.1 429 Too Many Requests\n\n{}",
        "{\"error_code\":\"APIG.0308\"}",
        "curl -sv https://x",
        "line one\nline two",
        "APIG.0301:Incorrect IAM authentication information: verify aksk signature fail",
    ] {
        assert!(looks_like_response(response), "{response}");
    }
    for search in [
        "backend timeout",
        "APIG.0308",
        "429",
        "our uploads over 20 MB get refused",
    ] {
        assert!(!looks_like_response(search), "{search}");
    }
}

struct Case {
    name: &'static str,
    input: &'static str,
    code: &'static str,
    status: Option<u16>,
    request_id: Option<&'static str>,
    /// The message of the row that must be the match.
    row_message: &'static str,
}

const fn case(
    name: &'static str,
    input: &'static str,
    code: &'static str,
    status: Option<u16>,
    request_id: Option<&'static str>,
    row_message: &'static str,
) -> Case {
    Case {
        name,
        input,
        code,
        status,
        request_id,
        row_message,
    }
}

const NOT_FOUND: &str = "The API does not exist or has not been published in the environment.";
const IAM: &str = "Incorrect IAM authentication information.";
const APP_AUTH: &str = "Incorrect app authentication information.";
const THROTTLED: &str = "The throttling threshold has been reached.";
const TOO_LARGE: &str = "Request entity too large.";

const CASES: &[Case] = &[
    case(
        "raw HTTP/1.1, CRLF",
        "HTTP/1.1 404 Not Found\r\nServer: api-gateway\r\nContent-Type: application/json\r\nX-Request-Id: 8d3e1f0c9b2a4d7e8f6a5b4c3d2e1f00\r\nDate: Fri, 27 Nov 2026 06:38:00 GMT\r\n\r\n{\"error_msg\":\"The API does not exist or has not been published in the environment.\",\"error_code\":\"APIG.0101\",\"request_id\":\"8d3e1f0c9b2a4d7e8f6a5b4c3d2e1f00\"}\r\n",
        "APIG.0101",
        Some(404),
        Some("8d3e1f0c9b2a4d7e8f6a5b4c3d2e1f00"),
        NOT_FOUND,
    ),
    case(
        "raw HTTP/2, lower-case headers",
        "HTTP/2 429\nx-request-id: 0aa1bb2cc3dd4ee5ff6a7b8c9d0e1f23\nserver: api-gateway\n\n{\n  \"error_code\": \"APIG.0308\",\n  \"error_msg\": \"The throttling threshold has been reached.\"\n}\n",
        "APIG.0308",
        Some(429),
        Some("0aa1bb2cc3dd4ee5ff6a7b8c9d0e1f23"),
        THROTTLED,
    ),
    case(
        "curl -i",
        "$ curl -i https://abc.apig.eu-de.otc.t-systems.com/v1/orders\nHTTP/1.1 413 Request Entity Too Large\nX-Request-Id: 5c5e1d7d1b0e4c0f9f3a2b1c0d9e8f7a\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Request entity too large.\",\"request_id\":\"5c5e1d7d1b0e4c0f9f3a2b1c0d9e8f7a\"}",
        "APIG.0201",
        Some(413),
        Some("5c5e1d7d1b0e4c0f9f3a2b1c0d9e8f7a"),
        TOO_LARGE,
    ),
    case(
        "curl -v",
        "*   Trying 80.158.1.2:443...\n* Connected to api.example.com (80.158.1.2) port 443\n> GET /v1/users HTTP/1.1\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n> X-Sdk-Date: 20261127T060000Z\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Fri, 27 Nov 2026 06:40:00 GMT\n< X-Request-Id: 7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\n< Server: api-gateway\n<\n{\"error_msg\":\"Incorrect app authentication information: signature expired\",\"error_code\":\"APIG.0303\",\"request_id\":\"7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b\"}\n* Connection #0 to host api.example.com left intact\n",
        "APIG.0303",
        Some(401),
        Some("7f0e2d4c6b8a4e1d9c3b5a7f9e1d3c5b"),
        APP_AUTH,
    ),
    case(
        "JSON body, compact, other key order",
        "{\"request_id\":\"c0ffee00c0ffee00c0ffee00c0ffee00\",\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: decrypt token fail\"}",
        "APIG.0301",
        None,
        Some("c0ffee00c0ffee00c0ffee00c0ffee00"),
        IAM,
    ),
    case(
        "JSON body, pretty, extra fields",
        "{\n    \"error_code\" : \"APIG.0308\",\n    \"trace\": {\"span\": 3},\n    \"error_msg\" : \"The throttling threshold has been reached.\",\n    \"request_id\" : \"1234abcd5678ef901234abcd5678ef90\"\n}",
        "APIG.0308",
        None,
        Some("1234abcd5678ef901234abcd5678ef90"),
        THROTTLED,
    ),
    case(
        "custom gateway response errorcode/errormsg",
        "{\"errorcode\":\"APIG.0101\",\"errormsg\":\"The API does not exist or has not been published in the environment.\",\"requestid\":\"deadbeefdeadbeefdeadbeefdeadbeef\"}",
        "APIG.0101",
        None,
        Some("deadbeefdeadbeefdeadbeefdeadbeef"),
        NOT_FOUND,
    ),
    case(
        "camelCase errorCode/errorMsg",
        "{\"errorCode\": \"APIG.0201\", \"errorMsg\": \"Request entity too large.\", \"status\": 413}",
        "APIG.0201",
        Some(413),
        None,
        TOO_LARGE,
    ),
    case(
        "nested error code/message",
        "{\"error\": {\"code\": \"APIG.0308\", \"message\": \"The throttling threshold has been reached.\"}, \"status\": 429}",
        "APIG.0308",
        Some(429),
        None,
        THROTTLED,
    ),
    case(
        "truncated JSON",
        "{\"error_msg\":\"The API does not exist or has not been published in the environment.\",\"error_code\":\"APIG.0101\",\"request_id\":\"9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d\",\"ext",
        "APIG.0101",
        None,
        Some("9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"),
        NOT_FOUND,
    ),
    case(
        "JSON with ...... junk",
        "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information.\" ...... }",
        "APIG.0303",
        None,
        None,
        APP_AUTH,
    ),
    case(
        "axios dump, unquoted keys, single quotes",
        "Error: Request failed with status code 403\n  response: {\n    status: 403,\n    data: { error_code: 'APIG.0302', error_msg: 'The IAM user is not authorized to access the API.', request_id: 'aa11bb22cc33dd44ee55ff6677889900' }\n  }",
        "APIG.0302",
        Some(403),
        Some("aa11bb22cc33dd44ee55ff6677889900"),
        "The IAM user is not authorized to access the API.",
    ),
    case(
        "escaped JSON inside a log line",
        "2026-11-27T06:38:00Z WARN gateway call failed status=404 body=\"{\\\"error_code\\\":\\\"APIG.0101\\\",\\\"error_msg\\\":\\\"The API does not exist or has not been published in the environment.\\\"}\"",
        "APIG.0101",
        Some(404),
        None,
        NOT_FOUND,
    ),
    case(
        "JSON escaped in JSON",
        "{\"level\":\"error\",\"resp\":\"{\\\"error_code\\\":\\\"APIG.0308\\\",\\\"error_msg\\\":\\\"The throttling threshold has been reached.\\\",\\\"request_id\\\":\\\"f00df00df00df00df00df00df00df00d\\\"}\",\"status\":429}",
        "APIG.0308",
        Some(429),
        Some("f00df00df00df00df00df00df00df00d"),
        THROTTLED,
    ),
    case(
        "CODE:message: detail log",
        "Nov 27 06:38:00 app[311]: ERROR APIG.0301:Incorrect IAM authentication information: decrypt token fail (status 401)",
        "APIG.0301",
        Some(401),
        None,
        IAM,
    ),
    case(
        "[APIGW.0301]message log",
        "2026-11-27 06:38:00,123 ERROR [main] 调用失败 [APIGW.0301]Incorrect IAM authentication information: token expired\nHTTP status: 401",
        "APIG.0301",
        Some(401),
        None,
        IAM,
    ),
    case(
        "status on the next line",
        "[error] upstream returned APIG.0201 Backend timeout.\nstatus code 504 request_id=44556677889900aabbccddeeff001122",
        "APIG.0201",
        Some(504),
        Some("44556677889900aabbccddeeff001122"),
        "Backend timeout.",
    ),
    case(
        "Python SDK exception",
        "huaweicloudsdkcore.exceptions.exceptions.ClientRequestException: ClientRequestException - {status_code:401,request_id:0f1e2d3c4b5a69788796a5b4c3d2e1f0,error_code:APIG.0301,error_msg:Incorrect IAM authentication information: decrypt token fail,encoded_authorization_message:None}",
        "APIG.0301",
        Some(401),
        Some("0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
        IAM,
    ),
    case(
        "Python SDK exception, 429",
        "ClientRequestException - {status_code:429,request_id:11112222333344445555666677778888,error_code:APIG.0308,error_msg:The throttling threshold has been reached.}",
        "APIG.0308",
        Some(429),
        Some("11112222333344445555666677778888"),
        THROTTLED,
    ),
    case(
        "Go SDK error JSON",
        "{\"status_code\":404,\"request_id\":\"abcdabcdabcdabcdabcdabcdabcdabcd\",\"error_code\":\"APIG.0101\",\"error_message\":\"The API does not exist or has not been published in the environment.\"}",
        "APIG.0101",
        Some(404),
        Some("abcdabcdabcdabcdabcdabcdabcdabcd"),
        NOT_FOUND,
    ),
    case(
        "Go SDK error JSON, 413",
        "error: {\"status_code\":413,\"request_id\":\"99998888777766665555444433332222\",\"error_code\":\"APIG.0201\",\"error_message\":\"Request entity too large.\"}",
        "APIG.0201",
        Some(413),
        Some("99998888777766665555444433332222"),
        TOO_LARGE,
    ),
    case(
        "Java SDK multi-line",
        "com.huaweicloud.sdk.core.exception.ClientRequestException: ClientRequestException {\n    httpStatusCode: 401\n    errorCode: APIG.0303\n    errorMsg: Incorrect app authentication information: signature expired\n    requestId: 12ab34cd56ef78ab90cd12ef34ab56cd\n}\n\tat com.huaweicloud.sdk.core.HcClient.exchange(HcClient.java:120)",
        "APIG.0303",
        Some(401),
        Some("12ab34cd56ef78ab90cd12ef34ab56cd"),
        APP_AUTH,
    ),
    case(
        "Java SDK multi-line, 403",
        "ClientRequestException {\n  httpStatusCode: 403\n  errorCode: APIG.0304\n  errorMsg: The app is not authorized to access the API.\n  requestId: 00ff00ff00ff00ff00ff00ff00ff00ff\n}",
        "APIG.0304",
        Some(403),
        Some("00ff00ff00ff00ff00ff00ff00ff00ff"),
        "The app is not authorized to access the API.",
    ),
    case(
        "OTC Go SDK bad request",
        "Bad request with: [POST https://apig.eu-de.otc.t-systems.com/v2/0123/apigw/instances], error message: {\"error_code\":\"APIG.0201\",\"error_msg\":\"API request error.\",\"request_id\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\"}",
        "APIG.0201",
        Some(400),
        Some("a1b2c3d4e5f60718293a4b5c6d7e8f90"),
        "API request error.",
    ),
    case(
        "OTC Go SDK forbidden",
        "Request forbidden: [GET https://x.apic.eu-de.otc.t-systems.com/v1/a], error message: {\"error_code\":\"APIG.0306\",\"error_msg\":\"API access denied.\"}",
        "APIG.0306",
        Some(403),
        None,
        "API access denied.",
    ),
    case(
        "curl -v POST with X-Stage",
        "> POST /v1/pay?x=1 HTTP/2\r\n> Host: pay.example.com\r\n> X-Stage: TEST\r\n> Content-Type: application/json\r\n>\r\n< HTTP/2 404\r\n< x-request-id: 3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c\r\n< server: api-gateway\r\n<\r\n{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}",
        "APIG.0101",
        Some(404),
        Some("3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c"),
        NOT_FOUND,
    ),
    case(
        "curl -i, 504 behind a redirect",
        "HTTP/1.1 301 Moved Permanently\nLocation: https://b.example.com/\n\nHTTP/1.1 504 Gateway Timeout\nX-Request-Id: 6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d\n\n{\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout\"}",
        "APIG.0203",
        Some(504),
        Some("6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d"),
        "Backend timeout.",
    ),
    case(
        "truncated pretty JSON",
        "{\n  \"error_code\": \"APIG.0308\",\n  \"error_msg\": \"The throttling thres",
        "APIG.0308",
        None,
        None,
        THROTTLED,
    ),
    case(
        "Node error log with JS object",
        "[2026-11-27T06:38:00.123Z] error: { code: 'APIG.0201', message: 'Request URI too large.', status: 414 }",
        "APIG.0201",
        Some(414),
        None,
        "Request URI too large.",
    ),
    case(
        "error_message field",
        "{\"error_message\": \"Incorrect app authentication information.\", \"error_code\": \"APIG.0303\"}",
        "APIG.0303",
        None,
        None,
        APP_AUTH,
    ),
    case("bare code", "APIG.0308", "APIG.0308", None, None, THROTTLED),
    case(
        "bare code, lower case",
        "  apig.0308 ",
        "APIG.0308",
        None,
        None,
        THROTTLED,
    ),
    case(
        "bare code, space",
        "APIG 0308",
        "APIG.0308",
        None,
        None,
        THROTTLED,
    ),
    case(
        "bare code, no separator",
        "APIG0308",
        "APIG.0308",
        None,
        None,
        THROTTLED,
    ),
    case(
        "template message",
        "{\"error_code\":\"APIG.0607\",\"error_msg\":\"The following protocol is supported: HTTPS\"}",
        "APIG.0607",
        None,
        None,
        "The following protocol is supported: {xxx}",
    ),
    case(
        "status and message select a 0201 row",
        "HTTP/1.1 494\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Request headers too large.\"}",
        "APIG.0201",
        Some(494),
        None,
        "Request headers too large.",
    ),
];

#[test]
fn every_form_is_recognized() {
    let catalog = Catalog::embedded();
    for c in CASES {
        let a = analyze(c.input, &catalog);
        let e = a
            .errors
            .first()
            .unwrap_or_else(|| panic!("{}: nothing found: {a:?}", c.name));
        assert_eq!(e.code.as_deref(), Some(c.code), "{}", c.name);
        assert_eq!(e.http_status, c.status, "{}", c.name);
        assert_eq!(e.request_id.as_deref(), c.request_id, "{}", c.name);
        let best = e
            .matched()
            .unwrap_or_else(|| panic!("{}: no match: {e:?}", c.name));
        assert_eq!(
            catalog.entries[best.row].message(),
            c.row_message,
            "{}: {e:?}",
            c.name
        );
        assert!(!best.reasons.is_empty(), "{}", c.name);
        assert!(a.identified(), "{}", c.name);
    }
}

#[test]
fn messages_without_codes_match_fuzzily() {
    let catalog = Catalog::embedded();
    for (input, expected) in [
        ("The throttling threshold has been reached", THROTTLED),
        ("the throtling treshold has been reached.", THROTTLED),
        ("{\"message\": \"Request entity too large\"}", TOO_LARGE),
        (
            "customer says: Incorrect IAM authentication information",
            IAM,
        ),
    ] {
        let a = analyze(input, &catalog);
        let best = a.errors.first().and_then(|e| e.candidates.first());
        let best = best.unwrap_or_else(|| panic!("{input}: {a:?}"));
        assert_eq!(catalog.entries[best.row].message(), expected, "{input}");
    }
}

#[test]
fn the_detail_after_the_catalog_message_is_kept() {
    let catalog = Catalog::embedded();
    let a = analyze(CASES[4].input, &catalog);
    assert_eq!(a.errors[0].detail.as_deref(), Some("decrypt token fail"));
    let a = analyze(
        "{\"error_code\":\"APIG.0607\",\"error_msg\":\"The following protocol is supported: HTTPS\"}",
        &catalog,
    );
    assert_eq!(a.errors[0].detail.as_deref(), Some("HTTPS"));
}

#[test]
fn curl_transcript_carries_the_evidence_and_the_clock_skew() {
    let catalog = Catalog::embedded();
    let a = analyze(CASES[3].input, &catalog);
    assert_eq!(a.format, "curl -v transcript");
    let e = &a.errors[0];
    assert_eq!(e.evidence.method.as_deref(), Some("GET"));
    assert_eq!(e.evidence.path.as_deref(), Some("/v1/users"));
    assert_eq!(e.evidence.host.as_deref(), Some("api.example.com"));
    assert_eq!(e.evidence.server.as_deref(), Some("api-gateway"));
    assert_eq!(e.evidence.clock_skew_minutes, Some(40));
    assert!(
        e.warnings.iter().any(|w| w.contains("40 minutes")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn many_errors_are_each_found_and_summarized() {
    let catalog = Catalog::embedded();
    let log = "06:00:01 ERROR APIG.0308 throttled request_id=aaaa1111aaaa1111\n06:00:02 INFO ok\n06:00:03 ERROR {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n06:00:04 ERROR [APIGW.0101]The API does not exist.\nstatus=404\n";
    let a = analyze(log, &catalog);
    assert_eq!(a.errors.len(), 3, "{a:#?}");
    let groups: Vec<_> = a
        .triage
        .groups
        .iter()
        .map(|g| (g.code.as_deref(), g.http_status, g.count, g.listed.clone()))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("APIG.0308"), Some(429), 2, vec![0, 1]),
            (Some("APIG.0101"), Some(404), 1, vec![2])
        ]
    );
    let w = &a.errors[2].warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("APIGW.0101") && w.contains("same error")),
        "{w:?}"
    );
}

#[test]
fn har_files_yield_every_error_entry() {
    let catalog = Catalog::embedded();
    let har = r#"{"log": {"version": "1.2", "entries": [
      {"request": {"method": "GET", "url": "https://a.example.com/ok", "headers": []},
       "response": {"status": 200, "statusText": "OK", "headers": [], "content": {"text": "{}"}}},
      {"request": {"method": "POST", "url": "https://a.example.com/v1/pay", "headers": [{"name": "X-Stage", "value": "TEST"}]},
       "response": {"status": 429, "statusText": "Too Many Requests", "headers": [{"name": "X-Request-Id", "value": "abcabcabcabcabcabcabcabcabcabcab"}],
                    "content": {"mimeType": "application/json", "text": "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}"}}},
      {"request": {"method": "GET", "url": "http://a.example.com/v2/none", "headers": []},
       "response": {"status": 404, "statusText": "Not Found", "headers": [], "content": {"text": "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist.\"}"}}}
    ]}}"#;
    let a = analyze(har, &catalog);
    assert_eq!(a.format, "HAR");
    assert_eq!(a.errors.len(), 2);
    let e = &a.errors[0];
    assert_eq!(e.code.as_deref(), Some("APIG.0308"));
    assert_eq!(
        e.request_id.as_deref(),
        Some("abcabcabcabcabcabcabcabcabcabcab")
    );
    assert_eq!(e.evidence.x_stage.as_deref(), Some("TEST"));
    assert_eq!(e.evidence.method.as_deref(), Some("POST"));
    assert_eq!(a.errors[1].evidence.protocol.as_deref(), Some("http"));
    let second = a.errors[1].matched().unwrap();
    assert_eq!(
        catalog.entries[second.row].message(),
        "The API does not exist."
    );
}

#[test]
fn warnings_for_status_mismatch_unknown_code_and_shared_codes() {
    let catalog = Catalog::embedded();
    let a = analyze(
        "HTTP/1.1 400 Bad Request\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}",
        &catalog,
    );
    assert!(
        a.errors[0]
            .warnings
            .iter()
            .any(|w| w.contains("custom gateway response"))
    );
    let a = analyze(
        "{\"error_code\":\"APIG.9876\",\"error_msg\":\"Something new\"}",
        &catalog,
    );
    let e = &a.errors[0];
    assert_eq!(e.code.as_deref(), Some("APIG.9876"));
    assert!(e.warnings.iter().any(|w| w.contains("not in the catalog")));
    assert!(e.matched().is_none());
    let a = analyze("APIG.1009", &catalog);
    assert!(
        a.errors[0]
            .warnings
            .iter()
            .any(|w| w.contains("more than one catalog"))
    );
    let a = analyze(CASES[9].input, &catalog);
    assert!(a.errors[0].warnings.iter().any(|w| w.contains("truncated")));
}

#[test]
fn status_and_message_choose_among_a_codes_rows() {
    let catalog = Catalog::embedded();
    let a = analyze("status 413, error APIG.0201", &catalog);
    let best = a.errors[0].matched().unwrap();
    assert_eq!(catalog.entries[best.row].message(), TOO_LARGE);
    assert!(best.reasons[0].contains("has 7 rows"), "{:?}", best.reasons);
    assert!(
        best.reasons
            .iter()
            .any(|r| r.contains("status 413 matches"))
    );
}

#[test]
fn non_apig_input_is_said_plainly_and_never_matched() {
    let catalog = Catalog::embedded();
    for (input, says) in [
        (
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": 42, \"name\": \"order\"}",
            "succeeded",
        ),
        ("HTTP/2 201\n\n{}", "succeeded"),
        (
            "{\"error_code\":\"ECS.0114\",\"error_msg\":\"The request is invalid.\"}",
            "ECS.0114",
        ),
        (
            "HTTP/1.1 403 Forbidden\n\n{\"error_code\": \"IAM.0011\", \"error_msg\": \"Request parameter error\"}",
            "IAM.0011",
        ),
        (
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
            "No APIG error",
        ),
        ("", "empty"),
    ] {
        let a = analyze(input, &catalog);
        assert!(!a.identified(), "{input}: {a:?}");
        assert!(a.errors.iter().all(|e| e.matched().is_none()), "{input}");
        assert!(
            a.warnings.iter().any(|w| w.contains(says)),
            "{input}: {:?}",
            a.warnings
        );
    }
}

#[test]
fn a_longer_message_does_not_tie_with_its_prefix_row() {
    let catalog = Catalog::embedded();
    let a = analyze(
        "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}",
        &catalog,
    );
    let c = &a.errors[0].candidates;
    assert_eq!(catalog.entries[c[0].row].message(), NOT_FOUND);
    assert!(c[0].confidence > c[1].confidence + 0.2, "{c:?}");
    assert_eq!(a.errors[0].detail, None);
}

#[test]
fn a_transcript_without_a_server_time_has_no_clock_skew() {
    let catalog = Catalog::embedded();
    let paste = "curl -sv -H 'X-Sdk-Date: 20261127T060000Z' https://api.example.com/v1\n> GET /v1 HTTP/1.1\n> X-Sdk-Date: 20261127T060000Z\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: signature expired\"}";
    let a = analyze(paste, &catalog);
    let e = &a.errors[0];
    assert_eq!(e.evidence.clock_skew_minutes, None, "not a false 0 minutes");
    let shown = e.evidence.named();
    let skew = shown
        .iter()
        .find(|(n, _)| *n == "Clock skew")
        .map(|(_, v)| v.as_str());
    assert!(
        skew.is_some_and(|v| v.starts_with("unknown") && v.contains("this computer's clock")),
        "{skew:?}"
    );
}

#[test]
fn a_status_only_gateway_page_suggests_the_rows_of_that_status_as_guesses() {
    let catalog = Catalog::embedded();
    let page = "HTTP/1.1 502 Bad Gateway\r\nServer: api-gateway\r\nContent-Type: text/html\r\n\r\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let a = analyze(page, &catalog);
    let e = a.errors.first().expect("the gateway's page is an error");
    assert!(!e.candidates.is_empty());
    for c in &e.candidates {
        assert_eq!(catalog.entries[c.row].http_status, 502);
        assert!(c.confidence < MATCH_THRESHOLD, "a guess, never the match");
    }
    assert!(
        e.candidates[0].reasons[0].contains("api-gateway"),
        "{:?}",
        e.candidates[0].reasons
    );
    let elsewhere = page.replace("api-gateway", "nginx");
    assert!(
        analyze(&elsewhere, &catalog).errors.is_empty(),
        "another server's 502 is not APIG's"
    );
}

#[test]
fn an_exact_match_keeps_only_the_variants_of_its_code() {
    let catalog = Catalog::embedded();
    let exact = "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}";
    let a = analyze(exact, &catalog);
    let (best, variants) = a.errors[0].exact_match(&catalog).expect("exact");
    assert_eq!(catalog.entries[best.row].http_status, 504);
    assert!(
        variants
            .iter()
            .all(|c| catalog.entries[c.row].code() == "APIG.0201")
    );
    let loose = analyze("{\"error_code\":\"APIG.0201\"}", &catalog);
    assert!(
        loose.errors[0].exact_match(&catalog).is_none(),
        "no status, no message: not exact"
    );
}

#[test]
fn a_long_log_is_counted_whole_and_kept_in_part() {
    let catalog = Catalog::embedded();
    let mut log = String::new();
    for i in 0..1500 {
        let (m, s) = (i / 60, i % 60);
        log.push_str(&format!("2026-11-27T06:{m:02}:{s:02}Z ERROR {{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"req{i:013}\"}}\n"));
        if i % 100 == 0 {
            log.push_str(&format!("2026-11-27T06:{m:02}:{s:02}Z ERROR [APIGW.0101]The API does not exist or has not been published in the environment. status=404\n"));
        }
    }
    let a = analyze(&log, &catalog);
    let t = &a.triage;
    assert_eq!(t.total, 1515);
    assert_eq!(t.timed, 1515);
    assert_eq!(t.groups[0].count, 1500, "{:?}", t.groups[0].code);
    assert_eq!(t.groups[1].count, 15);
    assert_eq!(t.groups[0].listed.len(), LISTED_PER_GROUP);
    assert_eq!(t.groups[1].listed.len(), 15, "a small group is kept whole");
    assert_eq!(a.errors.len(), LISTED_PER_GROUP + 15);
    assert_eq!(
        t.groups[0].first_seen.map(time_text).as_deref(),
        Some("2026-11-27 06:00:00")
    );
    assert_eq!(
        t.groups[0].last_seen.map(time_text).as_deref(),
        Some("2026-11-27 06:24:59")
    );
    assert_eq!(t.groups[0].per_minute.len(), 25);
    assert!(t.groups[0].per_minute.iter().all(|(_, n)| *n == 60));
    assert_eq!(t.groups[0].request_ids.len(), 5);
    let every = analyze_every(&log, &catalog);
    assert_eq!(every.errors.len(), 1515);
}

#[test]
fn a_log_line_of_its_own_lends_no_request_id_to_the_next() {
    let catalog = Catalog::embedded();
    let log = "2026-11-27T06:38:00Z INFO GET /v1/items 200 12ms request_id=1111aaaa1111aaaa\n\
               2026-11-27T06:38:01Z ERROR [APIGW.0301]Incorrect IAM authentication information: token expired request_id=2222bbbb2222bbbb status=401\n\
               2026-11-27T06:38:02Z INFO GET /v1/items 200 9ms request_id=3333cccc3333cccc\n";
    let a = analyze(log, &catalog);
    assert_eq!(a.errors.len(), 1, "{a:#?}");
    let e = &a.errors[0];
    assert_eq!(e.request_id.as_deref(), Some("2222bbbb2222bbbb"));
    assert_eq!(e.http_status, Some(401));
}

#[test]
fn the_status_is_read_in_the_forms_logs_write_it() {
    let status = super::fields::first_status;
    for (line, want) in [
        (
            "POST /v1/orders -> 504 body={\"error_code\":\"APIG.0201\"}",
            504,
        ),
        ("call failed status=502 code=APIG.0201", 502),
        (
            "10.0.0.1 - - [27/Nov/2026:06:38:01 +0000] \"POST /v1/orders HTTP/1.1\" 504 86 \"-\" \"curl/8\" 0.031 APIG.0201 ab12",
            504,
        ),
        ("{\"status\":\"504\",\"error_code\":\"APIG.0201\"}", 504),
        ("{\"status\": 429, \"error_code\": \"APIG.0308\"}", 429),
        ("upstream answered HTTP 502 with APIG.0201", 502),
        ("ApiException{statusCode: 401, errorCode: APIG.0301}", 401),
        ("gateway error code=504 apig_code=APIG.0201", 504),
        ("status_code=413 APIG.0201", 413),
        ("http_status: 404 APIG.0101", 404),
        ("GET /v1/x => 429 APIG.0308", 429),
        ("upstream_status=502 status=504 APIG.0201", 504),
        ("HTTP Status Code: 503 APIG.0201", 503),
        ("gateway said 504 Gateway Time-out for APIG.0201", 504),
        ("APIG.0308 429 Too Many Requests", 429),
    ] {
        assert_eq!(status(line), Some(want), "{line}");
    }
    for line in [
        "GET /health -> 200 took 504 ms",
        "latency=504ms APIG.0308",
        "error APIG.0504 on port 8504",
        "code=504 from the order service",
        "retry -> 502.5 ms",
        "Content-Length: 502",
        "\"GET /v1 HTTP/1.1\" 200 504",
        "processed 404 rows",
        "took 502 Milliseconds",
    ] {
        assert_ne!(status(line).filter(|s| *s >= 400), Some(504), "{line}");
        assert!(
            status(line).is_none_or(|s| s == 200),
            "{line}: {:?}",
            status(line)
        );
    }
}

#[test]
fn a_code_of_several_rows_without_status_or_message_is_no_match() {
    let catalog = Catalog::embedded();
    let a = analyze("{\"error_code\":\"APIG.0201\"}", &catalog);
    let e = &a.errors[0];
    assert!(e.matched().is_none(), "{:#?}", e.candidates);
    assert!(
        e.candidates[0]
            .reasons
            .iter()
            .any(|r| r.contains("does not say which")),
        "{:?}",
        e.candidates[0].reasons
    );
    let one_row = analyze("{\"error_code\":\"APIG.0308\"}", &catalog);
    assert!(
        one_row.errors[0].matched().is_some(),
        "a code of one row is its row"
    );
}

/// A group as a user reads it: code, status and count.
type Counted = (Option<String>, Option<u16>, usize);

/// (code, status, count) of each group, and the total, of a log.
fn counted(log: &str) -> (Vec<Counted>, usize, Vec<String>) {
    let a = analyze(log, &Catalog::embedded());
    let groups = a
        .triage
        .groups
        .iter()
        .map(|g| (g.code.clone(), g.http_status, g.count))
        .collect();
    (groups, a.triage.total, a.warnings)
}

#[test]
fn lines_whose_own_status_succeeded_are_not_counted_but_said() {
    let log = "2026-05-04T10:00:00Z ERROR APIG.0308 status=429 request_id=a1\n\
               2026-05-04T10:00:01Z INFO http_status=201 APIG.0101 cleared after retry\n\
               2026-05-04T10:00:02Z WARN APIGW.0308 status=429\n\
               2026-05-04 10:00:03,120 INFO statusCode: 304 apig.0308 cached\n\
               2026-05-04T10:00:04Z ERROR APIG.0101 status=404\n\
               2026-05-04T10:00:05Z INFO \"status\":\"100\" APIG.0201 continue\n";
    let (groups, total, warnings) = counted(log);
    assert_eq!(
        groups,
        [
            (Some("APIG.0308".into()), Some(429), 2),
            (Some("APIG.0101".into()), Some(404), 1)
        ]
    );
    assert_eq!(total, 3);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("3 lines or responses name") && w.contains("not counted")),
        "{warnings:?}"
    );
}

#[test]
fn a_success_response_with_a_code_in_its_body_is_no_error() {
    let a = analyze(
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"note\":\"APIG.0308 no longer applies\"}",
        &Catalog::embedded(),
    );
    assert!(a.errors.is_empty(), "{:#?}", a.errors);
    assert_eq!(a.triage.total, 0);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("succeeded (HTTP 200)")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn codes_in_links_and_paths_are_references_not_errors() {
    let log = "2026-05-04 10:00:00,000 DEBUG docs: see https://help.example.org/apig/APIG.0308 first\n\
               2026-05-04T10:00:01Z ERROR APIG.0101 status=404 see <http://kb.example.com/errors?c=APIG.0201>\n\
               2026-05-04T10:00:02Z DEBUG loaded rules from /etc/gw/APIG.0303.yaml\n\
               2026-05-04T10:00:03Z DEBUG loaded C:\\gw\\codes\\APIG.0202.json\n\
               2026-05-04T10:00:04Z ERROR {\"error_code\":\"APIG.0101\"} status=404\n\
               2026-05-04T10:00:05Z INFO see docs/APIG.0308.md\n";
    let (groups, total, _) = counted(log);
    assert_eq!(groups, [(Some("APIG.0101".into()), Some(404), 2)]);
    assert_eq!(total, 2);
}

#[test]
fn a_log_with_only_doc_links_finds_no_error() {
    let a = analyze(
        "INFO see https://support.example.com/apig/APIG.0201 for details\nINFO and file:///srv/docs/APIG.0308.html\n",
        &Catalog::embedded(),
    );
    assert_eq!(a.triage.total, 0, "{:#?}", a.errors);
    assert!(a.errors.is_empty());
}

/// A code the catalog lacks, with the message of another code's row: that row is another
/// error (or one the catalog does not know yet), so it is a guess, never the match.
#[test]
fn another_code_s_message_under_an_unknown_code_is_only_a_guess() {
    let catalog = Catalog::embedded();
    for text in [
        "{\"error_code\":\"APIG.1006\",\"error_msg\":\"Parameter error.\"}",
        "{\"error_code\":\"APIG.9123\",\"error_msg\":\"The API does not exist.\"}",
        "APIG.7777: Backend timeout.",
    ] {
        let a = analyze(text, &catalog);
        let e = &a.errors[0];
        assert!(e.matched().is_none(), "{text}: no row is the match");
        let best = e.candidates.first().expect("the row with that message");
        assert!(
            best.reasons.iter().any(|r| r.contains("not the paste's")),
            "{text}: {:?}",
            best.reasons
        );
        assert!(best.reasons.iter().all(|r| !r.contains("no APIG code")));
    }
}

/// Under a match short of exact, only the guesses among its code's other rows fold into
/// one line: a row of the code that is itself likely stays a row of its own.
#[test]
fn only_guesses_fold_under_a_match() {
    let catalog = Catalog::embedded();
    for text in [
        "{\"error_code\":\"APIG.1002\",\"error_msg\":\"Access token expired\"}",
        "APIG.0201 status 504",
        "{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist.\"}",
    ] {
        let a = analyze(text, &catalog);
        let e = &a.errors[0];
        assert!(e.matched().is_some(), "{text}");
        let (shown, folded) = e.shown_and_folded(&catalog);
        assert!(
            e.exact_match(&catalog).is_some()
                || folded.iter().all(|c| c.confidence < MATCH_THRESHOLD),
            "{text}: a likely row was folded"
        );
        let likely = e
            .candidates
            .iter()
            .filter(|c| c.confidence >= MATCH_THRESHOLD)
            .count();
        assert!(
            shown
                .iter()
                .filter(|c| c.confidence >= MATCH_THRESHOLD)
                .count()
                == likely
                || e.exact_match(&catalog).is_some(),
            "{text}: every likely row is shown"
        );
    }
}

/// The Host is the host alone, however the URL's authority is written: userinfo (a
/// credential) and port are not part of it, an IPv6 literal keeps its brackets, and the
/// userinfo appears in no field of the analysis.
#[test]
fn the_host_of_a_url_is_the_host_alone_never_its_userinfo() {
    let catalog = Catalog::embedded();
    let body = "< HTTP/1.1 429 Too Many Requests\n<\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}";
    for (request, host, path) in [
        (
            "curl -v -X GET https://alice:S3cretPw@api.example.com/v1/orders?x=1",
            "api.example.com",
            "/v1/orders",
        ),
        (
            "> GET https://alice:S3cretPw@api.example.com/v1/orders HTTP/1.1",
            "api.example.com",
            "/v1/orders",
        ),
        (
            "GET http://alice@gw.example.com:8080/v1/items",
            "gw.example.com",
            "/v1/items",
        ),
        (
            "GET http://[2001:db8::1]:8443/v1/items",
            "[2001:db8::1]",
            "/v1/items",
        ),
        (
            "request to https://bob:S3cretPw@[fe80::1%25eth0]/v2/x failed",
            "[fe80::1%25eth0]",
            "/v2/x",
        ),
        ("POST https://S3cretPw@10.0.0.7:443", "10.0.0.7", "/"),
        (
            "> Host: alice:S3cretPw@api.example.com",
            "api.example.com",
            "/",
        ),
    ] {
        let analysis = analyze(&format!("{request}\n{body}"), &catalog);
        let e = &analysis.errors[0];
        assert_eq!(e.evidence.host.as_deref(), Some(host), "{request}");
        if !request.starts_with("> Host") {
            assert_eq!(e.evidence.path.as_deref(), Some(path), "{request}");
        }
        let json = serde_json::to_string(&analysis).unwrap();
        assert!(
            !json.contains("S3cretPw") && !json.contains("alice"),
            "{request}: {json}"
        );
    }
}

/// A code of two catalogs whose rows nothing in the paste tells apart (a message of
/// neither, the same status or none) has no match: the lean to calling APIs orders the
/// rows, it does not make one of them the answer.
#[test]
fn a_code_of_two_catalogs_that_the_paste_does_not_decide_is_a_guess() {
    let catalog = Catalog::embedded();
    for text in [
        "{\"error_code\":\"APIG.2102\",\"error_msg\":\"证书已过期\"}",
        "{\"error_code\":\"APIG.1009\",\"error_msg\":\"something else entirely\"}",
        "error_code APIG.1002 status 401",
    ] {
        let a = analyze(text, &catalog);
        let e = &a.errors[0];
        assert!(e.matched().is_none(), "{text}: {:?}", e.candidates);
        assert!(e.candidates.len() >= 2, "{text}: both rows are listed");
    }
    // What does decide, still does.
    let a = analyze(
        "{\"error_code\":\"APIG.2102\",\"error_msg\":\"The certificate has expired.\"}",
        &catalog,
    );
    let best = a.errors[0].matched().expect("the message decides");
    assert_eq!(
        catalog.entries[best.row].message(),
        "The certificate has expired."
    );
}

/// Every row of the paste's code is a candidate, so what the fold counts is what the
/// catalog has: APIG.0201's 7 rows are the match and 6 others, never 4.
#[test]
fn every_row_of_the_code_is_listed_or_counted() {
    let catalog = Catalog::embedded();
    let rows = catalog
        .entries
        .iter()
        .filter(|e| e.code() == "APIG.0201")
        .count();
    for text in [
        "{\"error_code\":\"APIG.0201\",\"error_msg\":\"后端超时\"}",
        "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}",
    ] {
        let a = analyze(text, &catalog);
        assert_eq!(a.errors[0].candidates.len(), rows, "{text}");
    }
}

/// A row whose status the paste contradicts is not offered as also possible while a row
/// that has the status fits; where none has it, every row says the status differs.
#[test]
fn a_row_the_status_rules_out_is_not_also_possible() {
    let catalog = Catalog::embedded();
    let a = analyze(
        "status 429: The throttling threshold has been reached. Incorrect IAM authentication information.",
        &catalog,
    );
    let e = &a.errors[0];
    let best = &catalog.entries[e.candidates[0].row];
    assert_eq!((best.code(), best.http_status), ("APIG.0308", 429));
    for c in &e.candidates[1..] {
        let row = &catalog.entries[c.row];
        if row.http_status != 429 {
            assert!(
                c.confidence < MATCH_THRESHOLD,
                "{} {} is no better than a guess: {:?}",
                row.code(),
                row.http_status,
                c.reasons
            );
            assert!(
                c.reasons
                    .iter()
                    .any(|r| r
                        == &format!("status 429 differs from the catalog's {}", row.http_status)),
                "{:?}",
                c.reasons
            );
        }
    }
    assert!(
        e.candidates
            .iter()
            .any(|c| catalog.entries[c.row].code() == "APIG.0301"),
        "the 401 row is still listed, as a guess"
    );
    // No row has the status: none is ruled out, each says its status differs.
    let a = analyze(
        "HTTP/1.1 429 Too Many Requests\n\n{\"error_msg\":\"Incorrect app authentication information.\"}\n",
        &catalog,
    );
    let e = &a.errors[0];
    // The status rules out no row: the app row, whose message it is, stays the match (the
    // rows that only resemble its message are guesses for that reason, not the status).
    assert!(
        e.candidates[0].confidence >= MATCH_THRESHOLD,
        "not ruled out by the status"
    );
    for c in &e.candidates {
        let row = &catalog.entries[c.row];
        assert!(
            c.reasons.contains(&format!(
                "status 429 differs from the catalog's {}",
                row.http_status
            )),
            "{} {:?}",
            row.code(),
            c.reasons
        );
    }
}

#[test]
fn a_logged_error_says_when_it_was_logged_and_a_response_s_date_is_not_said_twice() {
    let catalog = Catalog::embedded();
    let logged = "2024-06-04 10:02:11.342 ERROR GatewayClient : call failed\ncom.huaweicloud.sdk.core.exception.ClientRequestException: {\"error_msg\":\"The app is not authorized to access the API\",\"error_code\":\"APIG.0304\"}";
    let a = analyze(logged, &catalog);
    let facts = a.errors[0].named_facts();
    assert!(
        facts.contains(&(
            "Logged at",
            "2024-06-04 10:02:11.342 (as written in the log, zone not given)".into()
        )),
        "{facts:?}"
    );
    let response = "HTTP/1.1 401 Unauthorized\nDate: Tue, 04 Jun 2024 09:15:03 GMT\n\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\"}";
    let a = analyze(response, &catalog);
    let facts = a.errors[0].named_facts();
    assert!(facts.iter().any(|(n, _)| *n == "Date"), "{facts:?}");
    assert!(!facts.iter().any(|(n, _)| *n == "Logged at"), "{facts:?}");
}
