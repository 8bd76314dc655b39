//! Wrong answers a fresh-eyes tester found, each kept as a class: a correctly signed
//! request is given no fault, the secret is not blamed for what the paste does not show,
//! and what was not seen is said. Requests are signed with the signer itself.

use super::diagnose::Certainty;
use super::tests::{KEY, SECRET, names, request};
use super::*;

const DATE: &str = "20261206T232940Z";
/// The gateway's clock, 21 seconds after the signing.
const SERVER: &str = "Sun, 06 Dec 2026 23:30:01 GMT";

fn canonical(r: &Request, signed: &str) -> String {
    canonical_request(r, &names(signed), Variant::default(), None)
}

fn sign(r: &Request, signed: &str) -> String {
    signature(&string_to_sign(&canonical(r, signed), DATE), SECRET)
}

fn authorization(signed: &str, signature: &str) -> String {
    format!("SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={signed}, Signature={signature}")
}

/// The gateway's 401 for a signature it did not verify, echoing `echo`.
fn rejected(echo: &str) -> String {
    format!(
        "{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail, canonicalRequest:{}\",\"request_id\":\"b0c1d2e3\"}}",
        echo.replace('\n', "|")
    )
}

/// `r` as raw HTTP with `eol` line ends, its Authorization and body as they are.
fn raw(r: &Request, auth: &str, eol: &str) -> String {
    let mut out = format!("{} {} HTTP/1.1{eol}", r.method, r.target);
    for (n, v) in &r.headers {
        out.push_str(&format!("{n}: {v}{eol}"));
    }
    out.push_str(&format!("Authorization: {auth}{eol}{eol}"));
    out.push_str(&String::from_utf8_lossy(
        r.body.as_deref().unwrap_or_default(),
    ));
    out
}

/// `r` as `curl -v` shows it (no body), with the answer `status` and `json`.
fn curl(r: &Request, auth: &str, status: &str, json: &str) -> String {
    let mut out = format!(
        "* Connected to api.example.com (203.0.113.10) port 443 (#0)\n> {} {} HTTP/1.1\n",
        r.method, r.target
    );
    for (n, v) in &r.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!("> Authorization: {auth}\n>\n"));
    out.push_str(&format!(
        "< HTTP/1.1 {status}\n< Date: {SERVER}\n<\n{json}\n"
    ));
    out
}

fn post(body: &[u8]) -> Request {
    let length = body.len().to_string();
    request(
        "POST",
        "/v2/orders",
        &[
            ("Host", "api.example.com"),
            ("Content-Type", "application/json"),
            ("X-Sdk-Date", DATE),
            ("Content-Length", &length),
        ],
        body,
    )
}

const POST_SIGNED: &str = "content-type;host;x-sdk-date";

fn get() -> Request {
    request(
        "GET",
        "/v1/items",
        &[("Host", "api.example.com"), ("X-Sdk-Date", DATE)],
        b"",
    )
}

const GET_SIGNED: &str = "host;x-sdk-date";

#[test]
fn a_raw_request_s_body_is_read_byte_for_byte_as_content_length_says() {
    for body in [
        &b"{\"item\":\"widget\",\"qty\":2}\n"[..],
        b"{\r\n\"item\":\"widget\"\r\n}",
        b"{\"a\":1}\r\n\r\n",
    ] {
        let r = post(body);
        let auth = authorization(POST_SIGNED, &sign(&r, POST_SIGNED));
        for eol in ["\r\n", "\n"] {
            let text = raw(&r, &auth, eol);
            let report = check(&text, None, Some(SECRET)).unwrap();
            assert_eq!(
                report.verdict,
                Some(Verdict::Reproduced),
                "{text:?}: {report:#?}"
            );
            assert!(report.findings.is_empty(), "{text:?}: {report:#?}");
            assert!(!report.signed_variant, "{text:?}: {report:#?}");
            // With the gateway's answer after it, the body is still the bytes declared.
            let answered =
                format!("{text}\n\nHTTP/1.1 200 OK{eol}Date: {SERVER}{eol}{eol}{{\"total\":0}}\n");
            let report = check(&answered, None, Some(SECRET)).unwrap();
            assert_eq!(report.accepted, Some(200), "{answered:?}: {report:#?}");
            assert!(report.findings.is_empty(), "{answered:?}: {report:#?}");
        }
    }
}

#[test]
fn a_raw_body_that_is_not_content_length_long_is_not_checked_and_says_so() {
    // Signed and sent with CRLF; the paste turned the body's line ends into LF.
    let r = post(b"{\r\n\"a\":1\r\n}\r\n");
    let auth = authorization(POST_SIGNED, &sign(&r, POST_SIGNED));
    let text = raw(&r, &auth, "\r\n").replace("\r\n\"a\":1\r\n}\r\n", "\n\"a\":1\n}\n");
    let echo = canonical(&r, POST_SIGNED);
    let text = format!(
        "{text}\nHTTP/1.1 401 Unauthorized\nDate: {SERVER}\n\n{}\n",
        rejected(&echo)
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("Content-Length: 13")),
        "{report:#?}"
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.kind != FindingKind::Payload || f.certainty != Certainty::Proven),
        "no body fault is proven from bytes that were not sent: {report:#?}"
    );
}

#[test]
fn an_unsigned_payload_needs_no_body_and_is_no_fault() {
    let mut r = request(
        "PUT",
        "/upload/file.bin",
        &[
            ("Host", "api.example.com:8443"),
            ("Content-Type", "application/octet-stream"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
            ("X-Sdk-Date", DATE),
            ("Content-Length", "14"),
        ],
        b"binary payload",
    );
    let signed = "host;x-sdk-content-sha256;x-sdk-date";
    let auth = authorization(signed, &sign(&r, signed));
    r.body = None;
    let text = curl(
        &r,
        &auth,
        "401 Unauthorized",
        &rejected(&canonical(&r, signed)),
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced), "{report:#?}");
    assert!(!report.has(FindingKind::Payload), "{report:#?}");
    assert!(
        report
            .notes
            .iter()
            .all(|n| !n.contains("body was not checked")),
        "UNSIGNED-PAYLOAD signs no body: {report:#?}"
    );
}

#[test]
fn a_signature_in_upper_case_hex_is_named_and_the_secret_is_not_blamed() {
    let r = get();
    let upper = sign(&r, GET_SIGNED).to_ascii_uppercase();
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &upper),
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(
        report
            .findings
            .iter()
            .map(|f| (f.kind, f.certainty))
            .collect::<Vec<_>>(),
        [(FindingKind::SignatureFormat, Certainty::Likely)],
        "{report:#?}"
    );
    assert!(report.findings[0].detail.contains("upper-case hex"));
    assert_eq!(report.verdict, Some(Verdict::Reproduced));
}

#[test]
fn a_cut_signature_is_named_and_no_secret_is_blamed() {
    let r = get();
    let cut = sign(&r, GET_SIGNED).chars().take(30).collect::<String>();
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &cut),
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    for secret in [Some(SECRET), Some("another secret"), None] {
        let report = check(&text, None, secret).unwrap();
        assert!(report.has(FindingKind::SignatureFormat), "{report:#?}");
        assert!(
            report.findings[0].detail.contains("30 characters"),
            "{report:#?}"
        );
        assert!(
            !report.has(FindingKind::SecretMismatch),
            "a cut signature says nothing of the secret: {report:#?}"
        );
        assert_eq!(report.variants_tried, 0);
    }
}

#[test]
fn a_transcript_cut_before_its_authorization_is_incomplete_not_unsigned() {
    let text = "* Connected to api.example.com (203.0.113.10) port 443 (#0)\n> POST /v2/orders HTTP/1.1\n> Host: api.example.com\n> Content-Type: application/json\n> X-Sdk-Date: 20261206T232940Z\n";
    let report = check(text, None, Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Incomplete), "{report:#?}");
    assert!(report.no_request_checked());
    assert!(
        report.verdict_text().contains("cut"),
        "{}",
        report.verdict_text()
    );
    // The same request shown whole, without an Authorization header, is not signed.
    let whole = format!("{text}>\n< HTTP/1.1 401 Unauthorized\n");
    let report = check(&whole, None, None).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NotAppAuth), "{report:#?}");
}

#[test]
fn a_signature_hidden_by_whoever_pasted_it_is_redacted_not_malformed() {
    let r = get();
    for auth in [
        format!("SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={GET_SIGNED}, Signature=***"),
        "[REDACTED]".to_string(),
        "<redacted>".to_string(),
        format!("SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={GET_SIGNED}, Signature=[hidden]"),
    ] {
        let text = curl(
            &r,
            &auth,
            "401 Unauthorized",
            &rejected(&canonical(&r, GET_SIGNED)),
        );
        let report = check(&text, None, Some(SECRET)).unwrap();
        assert_eq!(
            report.verdict,
            Some(Verdict::AuthorizationRedacted),
            "{auth}: {report:#?}"
        );
        assert!(!report.has(FindingKind::AuthorizationFormat), "{auth}");
    }
}

#[test]
fn a_signed_header_the_paste_lacks_is_never_said_to_be_unsent_when_the_gateway_saw_it() {
    let mut r = post(b"{}");
    r.headers.push(("X-Stage".into(), "RELEASE".into()));
    let signed = "content-type;host;x-sdk-date;x-stage";
    let echo = canonical(&r, signed);
    let auth = authorization(
        signed,
        &signature(&string_to_sign(&echo, DATE), "another secret"),
    );
    r.headers.retain(|(n, _)| n != "X-Stage");
    let text = curl(&r, &auth, "401 Unauthorized", &rejected(&echo));
    let report = check(&text, Some(b"{}"), Some(SECRET)).unwrap();
    let all: Vec<&str> = report.findings.iter().map(|f| f.detail.as_str()).collect();
    assert!(
        all.iter()
            .all(|d| !d.contains("does not send") && !d.contains("request sent no")),
        "{all:#?}"
    );
    assert!(all.iter().any(|d| d.contains("paste lacks")), "{all:#?}");
}

#[test]
fn a_request_the_gateway_accepted_has_no_signature_fault() {
    // The Host line left out of the paste, a raw '+' in the query: the gateway said 200.
    let r = request(
        "GET",
        "/v1/items?q=a+b",
        &[("Host", "api.example.com"), ("X-Sdk-Date", DATE)],
        b"",
    );
    let auth = authorization(GET_SIGNED, &sign(&r, GET_SIGNED));
    let mut shown = r.clone();
    shown.headers.retain(|(n, _)| n != "Host");
    let text = curl(&shown, &auth, "200 OK", "{\"items\":[]}");
    for secret in [Some(SECRET), None] {
        let report = check(&text, None, secret).unwrap();
        assert_eq!(report.accepted, Some(200), "{report:#?}");
        assert!(report.findings.is_empty(), "{report:#?}");
        assert!(
            report
                .verdict_text()
                .starts_with("the gateway accepted this request (HTTP 200)"),
            "{}",
            report.verdict_text()
        );
    }
}

#[test]
fn the_clock_is_checked_in_a_raw_response_and_said_unchecked_without_one() {
    let mut r = get();
    r.headers[1].1 = "20261206T225000Z".into();
    let signature = signature(
        &string_to_sign(&canonical(&r, GET_SIGNED), "20261206T225000Z"),
        SECRET,
    );
    let auth = authorization(GET_SIGNED, &signature);
    let generic =
        "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\"}";
    let text = format!(
        "{}\r\n\r\nHTTP/1.1 401 Unauthorized\r\nDate: {SERVER}\r\n\r\n{generic}\r\n",
        raw(&r, &auth, "\r\n")
    );
    let report = check(&text, None, None).unwrap();
    assert!(report.has(FindingKind::ClockSkew), "{report:#?}");
    let without_date = text.replace(&format!("Date: {SERVER}\r\n"), "");
    let report = check(&without_date, None, None).unwrap();
    assert!(!report.has(FindingKind::ClockSkew));
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("not compared with the gateway's clock")),
        "{report:#?}"
    );
}

#[test]
fn an_authorization_without_commas_is_still_checked() {
    let r = get();
    let auth = format!(
        "SDK-HMAC-SHA256 Access={KEY} SignedHeaders={GET_SIGNED} Signature={}",
        sign(&r, GET_SIGNED)
    );
    let text = curl(
        &r,
        &auth,
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced), "{report:#?}");
    let format = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::AuthorizationFormat)
        .expect("the form is named");
    assert!(format.detail.contains("no commas"), "{}", format.detail);
    assert_eq!(
        format.detail.matches('"').count() % 2,
        0,
        "{}",
        format.detail
    );
}

#[test]
fn an_expired_signature_with_another_secret_names_both() {
    let r = get();
    let auth = authorization(GET_SIGNED, &sign(&r, GET_SIGNED));
    let expired = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: signature expired\"}";
    let text = curl(&r, &auth, "401 Unauthorized", expired);
    let report = check(&text, None, Some("not the client's secret")).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::SignatureNotReproduced
                && f.certainty == Certainty::Possible),
        "{report:#?}"
    );
}

#[test]
fn a_body_given_that_the_gateway_did_not_hash_is_not_said_to_have_changed() {
    let r = post(b"{\"item\":\"widget\",\"qty\":2}");
    let echo = canonical(&r, POST_SIGNED);
    let auth = authorization(POST_SIGNED, &sign(&r, POST_SIGNED));
    let mut shown = r.clone();
    shown.body = None;
    let text = curl(&shown, &auth, "401 Unauthorized", &rejected(&echo));
    let report = check(
        &text,
        Some(b"{\"item\":\"widget\",\"qty\":3}"),
        Some(SECRET),
    )
    .unwrap();
    let payload = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Payload)
        .expect("the body is named");
    assert!(
        payload.detail.contains("not the one the gateway received"),
        "{}",
        payload.detail
    );
}
