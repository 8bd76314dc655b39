//! An incident opened from a paste whose signature was checked: the Markdown carries the
//! verdict, the key that signed and each finding once, as sentences, and never the secret.

use super::*;
use crate::analysis::analyze;
use crate::signing::{Request, Variant, canonical_request, check, signature, string_to_sign};

const KEY: &str = "4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b";
const SECRET: &str = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";
const DATE: &str = "20240102T030405Z";
const SIGNED: &str = "content-type;host;x-sdk-date";

fn request(host: &str) -> Request {
    Request {
        method: "POST".into(),
        target: "/v2/orders".into(),
        headers: vec![
            ("Host".into(), host.into()),
            ("Content-Type".into(), "application/json".into()),
            ("X-Sdk-Date".into(), DATE.into()),
        ],
        body: Some(b"{}".to_vec()),
    }
}

/// A request sent with `Host: api.example.com:8443`, signed without the port, and the
/// gateway's APIG.0303 answer echoing its canonical request.
fn host_port_paste() -> String {
    let signed: Vec<String> = SIGNED.split(';').map(str::to_string).collect();
    let client = canonical_request(
        &request("api.example.com"),
        &signed,
        Variant::default(),
        None,
    );
    let sent = request("api.example.com:8443");
    let echo = canonical_request(&sent, &signed, Variant::default(), None).replace('\n', "|");
    let signature = signature(&string_to_sign(&client, DATE), SECRET);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!("> Authorization: SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={SIGNED}, Signature={signature}\n>\n"));
    out.push_str(&format!("< HTTP/1.1 401 Unauthorized\n<\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail, canonicalRequest:{echo}\",\"request_id\":\"abc\"}}\n"));
    out
}

/// The incident as the window opens it: facts redacted with the paste, then the check.
fn incident(paste: &str, body: &[u8], secret: Option<&str>) -> (Catalog, Incident) {
    let catalog = Catalog::embedded();
    let analysis = analyze(paste, &catalog);
    let error = analysis.errors[0].redacted(paste);
    let row = error.matched().expect("a row").row;
    let mut incident = Incident::from_paste(1, &catalog, row, &error, "2026-11-27T06:00:00Z");
    let report = check(paste, Some(body), secret).expect("a signed request");
    incident
        .paste
        .as_mut()
        .expect("from a paste")
        .add_signature(&report);
    (catalog, incident)
}

#[test]
fn a_finding_ending_in_a_full_stop_is_not_followed_by_a_colon() {
    let (catalog, incident) = incident(&host_port_paste(), b"{}", Some(SECRET));
    let md = incident.markdown(&catalog);
    assert!(md.contains("### Signature check"), "{md}");
    assert!(!md.contains(".:"), "{md}");
    let facts = incident.paste.as_ref().unwrap();
    assert!(!facts.signature.is_empty());
    for finding in &facts.signature {
        assert!(finding.ends_with('.'), "{finding}");
        assert!(
            !finding.contains(".:") && !finding.contains(". :"),
            "{finding}"
        );
    }
}

#[test]
fn the_gateway_s_canonical_request_is_printed_once() {
    let (catalog, incident) = incident(&host_port_paste(), b"{}", None);
    let md = incident.markdown(&catalog);
    assert_eq!(
        md.matches("canonicalRequest:").count(),
        1,
        "the echo once, not in Message and Detail both:\n{md}"
    );
    assert!(md.contains("x-sdk-date:20240102T030405Z"), "{md}");
}

#[test]
fn the_markdown_names_the_app_key_and_never_the_secret() {
    let (catalog, incident) = incident(&host_port_paste(), b"{}", Some(SECRET));
    let md = incident.markdown(&catalog);
    assert!(md.contains(&format!("- **AppKey:** {KEY}")), "{md}");
    assert!(!md.contains(SECRET), "{md}");
}

#[test]
fn a_variant_that_reproduced_the_signature_is_said_in_the_markdown() {
    let (catalog, incident) = incident(&host_port_paste(), b"{}", Some(SECRET));
    let md = incident.markdown(&catalog);
    assert!(
        md.contains("- **Verdict:** The secret reproduces the signature sent, for the request as the client signed it (not as it was sent)."),
        "{md}"
    );
    assert!(
        md.contains("the client signed Host without `:8443`"),
        "{md}"
    );
}

#[test]
fn a_detail_the_message_does_not_hold_is_still_printed() {
    let facts = PasteFacts {
        message: Some("Incorrect app authentication information".into()),
        detail: Some("signature expired".into()),
        ..PasteFacts::default()
    };
    let mut md = String::new();
    facts.markdown(&mut md);
    assert!(md.contains("- **Detail:** signature expired"), "{md}");
}
