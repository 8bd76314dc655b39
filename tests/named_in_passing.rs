//! Codes a paste only talks about are not errors it reports: a ticket quoting the docs
//! above the customer's response, a log's retry and configuration lines, a client's
//! summary of the error it just logged. And a status alone is a guess. (Found by a
//! fresh-eyes tester: each of these was counted, or named the match, with confidence.)

mod common {
    pub(crate) mod cli;
}

use common::cli::{binary, output};

/// `analyze --json -` of `paste`: the JSON and the text form.
fn analyze(paste: &str) -> (serde_json::Value, String) {
    let json = output(binary().args(["analyze", "--json", "-"]), paste);
    let text = output(binary().args(["analyze", "-"]), paste);
    (
        serde_json::from_slice(&json.stdout).expect("analyze --json prints JSON"),
        String::from_utf8_lossy(&text.stdout).into_owned(),
    )
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["code"].as_str().unwrap_or("none").to_string())
        .collect()
}

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
    assert!(text.contains("Not counted: APIG.0201, APIG.0308"), "{text}");
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
    let first = &json["errors"][0]["candidates"][0];
    assert!(
        first["confidence"].as_f64().expect("confidence") < 0.5,
        "{text}"
    );
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
