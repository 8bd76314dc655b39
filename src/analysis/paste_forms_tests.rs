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
