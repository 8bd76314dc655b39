//! Wrong answers a fresh-eyes tester found, each kept as a class: a correctly signed
//! request is given no fault, the secret is not blamed for what the paste does not show,
//! and what was not seen is said. Requests are signed with the signer itself.

use super::canonical::{EMPTY_SHA256, sha256_hex};
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

/// `shown` as `curl -v` shows it, rejected by the gateway with `echo` as its canonical request.
fn rejected_curl(shown: &Request, auth: &str, echo: &str) -> String {
    curl(shown, auth, "401 Unauthorized", &rejected(echo))
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
    let text = rejected_curl(&r, &auth, &canonical(&r, signed));
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
        let text = rejected_curl(&r, &auth, &canonical(&r, GET_SIGNED));
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
    let text = rejected_curl(&r, &auth, &echo);
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
    let text = rejected_curl(&r, &auth, &canonical(&r, GET_SIGNED));
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
    let text = rejected_curl(&shown, &auth, &echo);
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

/// `r` signed at `date` (its X-Sdk-Date set to it) with `secret`, as a curl exchange.
fn exchange(r: &Request, date: &str, secret: &str, status: &str, json: &str) -> String {
    let mut r = r.clone();
    for (n, v) in &mut r.headers {
        if n == "X-Sdk-Date" {
            *v = date.into();
        }
    }
    let c = canonical(&r, GET_SIGNED);
    let auth = authorization(GET_SIGNED, &signature(&string_to_sign(&c, date), secret));
    curl(&r, &auth, status, json)
}

const EXPIRED: &str = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: signature expired, signature time:20261206T225000Z,server time:20261206T233001Z\"}";

#[test]
fn each_request_of_a_paste_is_paired_with_its_own_answer() {
    let r = get();
    let stale = exchange(&r, "20261206T225000Z", SECRET, "401 Unauthorized", EXPIRED);
    let fresh = exchange(&r, DATE, SECRET, "200 OK", "{\"items\":[]}");
    // A retry: the rejected request is checked, wherever it stands, with its own 401.
    for text in [format!("{stale}{fresh}"), format!("{fresh}{stale}")] {
        let report = check(&text, None, Some(SECRET)).unwrap();
        assert_eq!(report.accepted, None, "{text}\n{report:#?}");
        assert!(report.has(FindingKind::ClockSkew), "{report:#?}");
        let note = report
            .notes
            .iter()
            .find(|n| n.contains("2 requests"))
            .expect("which request was checked is said");
        assert!(
            note.contains("answered 401") && note.contains("answered 200"),
            "{note}"
        );
    }
    // Two accepted requests: accepted, and still said to be two.
    let both = format!("{fresh}{fresh}");
    let report = check(&both, None, Some(SECRET)).unwrap();
    assert_eq!(report.accepted, Some(200));
    assert!(report.notes.iter().any(|n| n.contains("2 requests")));
    // One request alone says nothing of others.
    let report = check(&stale, None, Some(SECRET)).unwrap();
    assert!(
        report.notes.iter().all(|n| !n.contains("requests")),
        "{report:#?}"
    );
}

#[test]
fn a_proxy_s_connect_is_not_the_request() {
    let r = get();
    let tunnel = "* Uses proxy env variable https_proxy == 'http://proxy.corp:3128'\n> CONNECT api.example.com:443 HTTP/1.1\n> Host: api.example.com:443\n> Proxy-Connection: Keep-Alive\n>\n< HTTP/1.1 200 Connection established\n<\n* Proxy replied 200 to CONNECT request\n";
    let echo = canonical(&r, GET_SIGNED);
    let signed = exchange(
        &r,
        DATE,
        "another secret",
        "401 Unauthorized",
        &rejected(&echo),
    );
    let report = check(&format!("{tunnel}{signed}"), None, Some("another secret")).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced), "{report:#?}");
    assert_eq!(report.access.as_deref(), Some(KEY));
    assert_eq!(
        report.accepted, None,
        "the tunnel's 200 is not the gateway's answer"
    );
    assert!(report.has(FindingKind::SecretMismatch), "{report:#?}");
    assert!(
        report.notes.iter().all(|n| !n.contains("requests")),
        "{report:#?}"
    );
}

#[test]
fn a_signature_in_a_custom_header_is_read_and_the_header_named() {
    let r = get();
    let value = authorization(GET_SIGNED, &sign(&r, GET_SIGNED));
    let echo = rejected(&canonical(&r, GET_SIGNED));
    for (name, extra) in [
        ("X-Custom-Auth", None),
        ("X-Apig-Auth", Some("Basic dXNlcjpwYXNz")),
    ] {
        let mut shown = r.clone();
        shown.headers.push((name.into(), value.clone()));
        let mut text = curl(&shown, "", "401 Unauthorized", &echo);
        text = match extra {
            Some(basic) => text.replace(
                "> Authorization: \n",
                &format!("> Authorization: {basic}\n"),
            ),
            None => text.replace("> Authorization: \n", ""),
        };
        let report = check(&text, None, Some(SECRET)).unwrap();
        assert_eq!(
            report.verdict,
            Some(Verdict::Reproduced),
            "{text}\n{report:#?}"
        );
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.contains(&format!("from the {name} header"))),
            "{report:#?}"
        );
    }
}

#[test]
fn a_signature_cut_short_is_an_incomplete_paste_and_its_length_is_said_plainly() {
    let r = get();
    let full = sign(&r, GET_SIGNED);
    for keep in [20, 63] {
        let cut: String = full.chars().take(keep).collect();
        let auth = authorization(GET_SIGNED, &cut);
        // Cut where the paste ends, and cut inside a whole transcript.
        let whole = rejected_curl(&r, &auth, &canonical(&r, GET_SIGNED));
        let ends = whole
            .split_once(&cut)
            .map(|(a, _)| format!("{a}{cut}"))
            .unwrap();
        for (text, cut) in [(whole, false), (ends, true)] {
            for secret in [Some(SECRET), None] {
                let report = check(&text, None, secret).unwrap();
                assert_eq!(
                    report.verdict == Some(Verdict::Incomplete),
                    cut,
                    "{report:#?}"
                );
                assert_eq!(report.verdict_text().contains("looks cut"), cut);
                assert!(!report.has(FindingKind::SecretMismatch), "{report:#?}");
                let detail = &report.findings[0].detail;
                assert!(
                    detail.contains(&format!("is {keep} characters long")),
                    "{detail}"
                );
                assert!(!detail.contains("redacted"), "{detail}");
            }
        }
    }
    // Too long is changed, not cut: the secret is still not blamed.
    let long = format!("{full}0");
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &long),
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
    assert!(!report.has(FindingKind::SecretMismatch));
}

#[test]
fn a_body_neither_the_paste_nor_the_echo_shows_leaves_the_signature_unchecked() {
    for (method, headers) in [
        ("POST", vec![("Content-Length", "25")]),
        ("PUT", vec![("Transfer-Encoding", "chunked")]),
        ("DELETE", vec![("Content-Length", "2")]),
    ] {
        let mut r = post(b"{\"item\":\"widget\",\"qty\":2}");
        r.method = method.into();
        r.headers.retain(|(n, _)| n != "Content-Length");
        r.headers
            .extend(headers.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        let auth = authorization(POST_SIGNED, &sign(&r, POST_SIGNED));
        let mut shown = r.clone();
        shown.body = None;
        let plain = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}";
        let text = curl(&shown, &auth, "401 Unauthorized", plain);
        let report = check(&text, None, Some(SECRET)).unwrap();
        assert_eq!(
            report.verdict,
            Some(Verdict::BodyNeeded),
            "{method}: {report:#?}"
        );
        assert!(report.verdict_text().contains("not checked"));
        assert!(
            report.findings.iter().all(|f| !matches!(
                f.kind,
                FindingKind::SecretMismatch
                    | FindingKind::SignatureNotReproduced
                    | FindingKind::GatewaySecret
            )),
            "{method}: the secret is not judged without the body: {report:#?}"
        );
        // Given the body, it is checked; with the gateway's hash, the echo stands in.
        let given = check(&text, r.body.as_deref(), Some(SECRET)).unwrap();
        assert_eq!(
            given.verdict,
            Some(Verdict::Reproduced),
            "{method}: {given:#?}"
        );
        let echoed = rejected_curl(&shown, &auth, &canonical(&r, POST_SIGNED));
        let report = check(&echoed, None, Some(SECRET)).unwrap();
        assert_eq!(
            report.verdict,
            Some(Verdict::Reproduced),
            "{method}: {report:#?}"
        );
    }
}

#[test]
fn a_pipe_in_a_signed_header_value_is_no_difference_with_the_gateway_s_echo() {
    const SIGNED: &str = "host;x-filter;x-sdk-date";
    for value in ["a|b||c", "|", "x-sdk-date:1|", "b||"] {
        let mut r = get();
        r.headers.push(("X-Filter".into(), value.into()));
        let echo = canonical(&r, SIGNED);
        let auth = authorization(
            SIGNED,
            &signature(&string_to_sign(&echo, DATE), "another secret"),
        );
        let text = rejected_curl(&r, &auth, &echo);
        let report = check(&text, None, Some(SECRET)).unwrap();
        assert!(
            !report.has(FindingKind::HeaderValue),
            "{value}: no header differs: {report:#?}"
        );
        assert!(
            report.has(FindingKind::SecretMismatch),
            "{value}: {report:#?}"
        );
        assert_eq!(
            report.gateway_canonical_request.as_deref(),
            Some(echo.as_str())
        );
        // A proxy that changed the value is still named, value for value.
        let mut changed = r.clone();
        changed.headers.last_mut().unwrap().1 = format!("{value}z");
        let text = rejected_curl(&r, &auth, &canonical(&changed, SIGNED));
        let report = check(&text, None, Some(SECRET)).unwrap();
        let header = report
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::HeaderValue)
            .unwrap_or_else(|| panic!("{value}: {report:#?}"));
        assert!(
            header.detail.contains(&format!("\"{value}z\"")),
            "{}",
            header.detail
        );
        assert_eq!(
            report
                .findings
                .iter()
                .filter(|f| f.kind == FindingKind::HeaderValue)
                .count(),
            1,
            "{report:#?}"
        );
    }
}

#[test]
fn an_echo_whose_lines_cannot_be_told_apart_is_said_unsure_not_read_at_a_guess() {
    const SIGNED: &str = "host;x-filter;x-sdk-date";
    let mut r = get();
    r.headers.push(("X-Filter".into(), "a|x-sdk-date:1".into()));
    let client = canonical(&r, SIGNED);
    let auth = authorization(SIGNED, &signature(&string_to_sign(&client, DATE), SECRET));
    let mut changed = r.clone();
    changed.headers.last_mut().unwrap().1 = "b|x-sdk-date:1".into();
    let text = rejected_curl(&r, &auth, &canonical(&changed, SIGNED));
    let report = check(&text, None, Some(SECRET)).unwrap();
    let header = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::HeaderValue)
        .expect("the headers differ");
    assert!(
        header.detail.contains("could not be split"),
        "{}",
        header.detail
    );
    assert!(
        !header.detail.contains("x-filter:"),
        "no line is named at a guess"
    );
    assert!(
        !report.has(FindingKind::SecretMismatch),
        "the gateway did not compute what the client signed: {report:#?}"
    );
}

#[test]
fn a_signed_header_the_request_lacks_is_one_finding_whatever_the_echo_shows() {
    let mut r = post(b"{}");
    r.headers.push(("X-Stage".into(), "RELEASE".into()));
    let signed = "content-type;host;x-sdk-date;x-stage";
    let client = canonical(&r, signed);
    let auth = authorization(signed, &signature(&string_to_sign(&client, DATE), SECRET));
    let mut shown = r.clone();
    shown.headers.retain(|(n, _)| n != "X-Stage");
    let mut empty = r.clone();
    empty.headers.last_mut().unwrap().1 = String::new();
    let plain = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}";
    for (answer, says) in [
        (
            rejected(&canonical(&empty, signed)),
            "did not reach the gateway",
        ),
        (rejected(&client), "paste lacks"),
        (plain.to_string(), "not sent, or the paste lacks it"),
    ] {
        let text = curl(&shown, &auth, "401 Unauthorized", &answer);
        for secret in [Some(SECRET), None] {
            let report = check(&text, Some(b"{}"), secret).unwrap();
            let about: Vec<&str> = report
                .findings
                .iter()
                .map(|f| f.detail.as_str())
                .filter(|d| d.contains("x-stage"))
                .collect();
            assert_eq!(about.len(), 1, "{says}: {about:#?}");
            assert!(about[0].contains(says), "{says}: {about:#?}");
        }
    }
}

#[test]
fn a_request_refused_for_its_size_names_the_limit_not_the_secret() {
    let mut r = post(b"{}");
    r.headers.retain(|(n, _)| n != "Content-Length");
    r.headers.push(("Content-Length".into(), "13631488".into()));
    let auth = authorization(POST_SIGNED, &sign(&r, POST_SIGNED));
    for (status, json, says) in [
        (
            "413 Request Entity Too Large",
            "{\"error_code\":\"APIG.0201\",\"error_msg\":\"Request entity too large\"}",
            "12 MB",
        ),
        ("413 Request Entity Too Large", "<html>413</html>", "12 MB"),
        ("414 Request-URI Too Large", "{}", "32 KB"),
    ] {
        let text = curl(&r, &auth, status, json);
        for secret in [Some("another secret"), None] {
            let report = check(&text, None, secret).unwrap();
            let size = report
                .findings
                .iter()
                .find(|f| f.kind == FindingKind::SizeLimit)
                .unwrap_or_else(|| panic!("{status}: {report:#?}"));
            assert!(size.detail.contains(says), "{}", size.detail);
            assert!(
                !report.has(FindingKind::SecretMismatch) && !report.has(FindingKind::Proxy),
                "{report:#?}"
            );
            assert_ne!(
                report.verdict,
                Some(Verdict::BodyNeeded),
                "the size is the cause: {report:#?}"
            );
        }
    }
}

#[test]
fn a_reading_the_sdks_disagree_on_is_possible_not_proven_without_the_echo() {
    // Python-v3 hashes an empty body though X-Sdk-Content-Sha256 is sent.
    let r = request(
        "GET",
        "/v1/items",
        &[
            ("Host", "api.example.com"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
            ("X-Sdk-Date", DATE),
        ],
        b"",
    );
    let signed = "host;x-sdk-content-sha256;x-sdk-date";
    let python = canonical_request(
        &r,
        &names(signed),
        Variant {
            empty_body_hash: true,
            ..Variant::default()
        },
        None,
    );
    let auth = authorization(signed, &signature(&string_to_sign(&python, DATE), SECRET));
    let mut shown = r.clone();
    shown.body = None;
    let plain = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}";
    let report = check(
        &curl(&shown, &auth, "401 Unauthorized", plain),
        None,
        Some(SECRET),
    )
    .unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced), "{report:#?}");
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.certainty != Certainty::Proven),
        "{report:#?}"
    );
    let reading = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::SdkReading)
        .expect("the divergence is named");
    assert!(reading.detail.contains("Python-v3"), "{}", reading.detail);
    // With the gateway's canonical request, what it used is known: proven.
    let echoed = rejected_curl(&shown, &auth, &canonical(&r, signed));
    let report = check(&echoed, None, Some(SECRET)).unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Payload && f.certainty == Certainty::Proven),
        "{report:#?}"
    );
    // Accepted: no fault at all.
    let accepted = check(&curl(&shown, &auth, "200 OK", "{}"), None, Some(SECRET)).unwrap();
    assert!(accepted.findings.is_empty(), "{accepted:#?}");
}

#[test]
fn without_a_secret_the_open_secret_cause_does_not_read_like_a_result() {
    let r = get();
    let plain = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}";
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &sign(&r, GET_SIGNED)),
        "401 Unauthorized",
        plain,
    );
    for answer in [
        text.clone(),
        text.replace(plain, &rejected(&canonical(&r, GET_SIGNED))),
    ] {
        let report = check(&answer, None, None).unwrap();
        assert!(report.has(FindingKind::SecretUnchecked), "{report:#?}");
        assert!(
            !report.has(FindingKind::SignatureNotReproduced),
            "{report:#?}"
        );
    }
}

#[test]
fn an_iam_access_key_sent_to_an_app_api_is_hinted() {
    let r = get();
    let c = canonical(&r, GET_SIGNED);
    let ak = "HPUAL3VZQ8WXKM2RTNBC";
    let auth = format!(
        "SDK-HMAC-SHA256 Access={ak}, SignedHeaders={GET_SIGNED}, Signature={}",
        signature(&string_to_sign(&c, DATE), SECRET)
    );
    let unknown = format!(
        "{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: app not found, appkey {ak}\"}}"
    );
    let report = check(
        &curl(&r, &auth, "401 Unauthorized", &unknown),
        None,
        Some(SECRET),
    )
    .unwrap();
    assert!(report.has(FindingKind::AppNotFound));
    assert!(
        report.notes.iter().any(|n| n.contains("IAM access key")),
        "{report:#?}"
    );
    // An AppKey is not hinted so.
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &sign(&r, GET_SIGNED)),
        "401 Unauthorized",
        &unknown.replace(ak, KEY),
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert!(
        report.notes.iter().all(|n| !n.contains("IAM access key")),
        "{report:#?}"
    );
}

#[test]
fn a_secret_with_whitespace_around_it_is_warned_about_and_tried_without() {
    let r = get();
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &sign(&r, GET_SIGNED)),
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    for padded in [format!("{SECRET} "), format!("\t{SECRET}\r\n")] {
        let report = check(&text, None, Some(&padded)).unwrap();
        assert_eq!(report.verdict, Some(Verdict::Reproduced), "{report:#?}");
        assert!(
            report.notes.iter().any(|n| n.contains("whitespace")),
            "{report:#?}"
        );
    }
    let report = check(&text, None, Some("another secret ")).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
    assert!(
        report.notes.iter().any(|n| n.contains("whitespace")),
        "{report:#?}"
    );
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert!(report.notes.iter().all(|n| !n.contains("whitespace")));
}

#[test]
fn python_http_client_debug_output_is_read_as_the_request_it_sent() {
    let r = post(b"{\"item\":\"widget\",\"qty\":2}");
    let echo = canonical(&r, POST_SIGNED);
    let auth = authorization(
        POST_SIGNED,
        &signature(&string_to_sign(&echo, DATE), "another secret"),
    );
    let request = raw(&r, &auth, "\r\n");
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    let literal = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('\r', "\\r")
            .replace('\n', "\\n")
    };
    let text = format!(
        "send: b'{}\\r\\n\\r\\n'\nsend: b'{}'\nreply: 'HTTP/1.1 401 Unauthorized\\r\\n'\nheader: Date: {SERVER}\nheader: Content-Type: application/json\n{}\n",
        literal(head),
        literal(body),
        rejected(&echo)
    );
    let report = check(&text, None, Some("another secret")).unwrap();
    assert_eq!(
        report.verdict,
        Some(Verdict::Reproduced),
        "{text}\n{report:#?}"
    );
    assert!(report.has(FindingKind::SecretMismatch), "{report:#?}");
    assert!(
        report
            .notes
            .iter()
            .all(|n| !n.contains("body was not checked")),
        "{report:#?}"
    );
}

/// A fresh-eyes tester's signing mistakes that no variant tried: the secret was right,
/// the echo the same as the request sent, and `secret_mismatch` was named instead.
#[test]
fn a_form_encoded_plus_lower_case_escapes_and_a_placeholder_body_are_found() {
    let sent = |method: &str, target: &str| {
        request(
            method,
            target,
            &[("Host", "api.example.com"), ("X-Sdk-Date", DATE)],
            b"",
        )
    };
    for (r, from, to, transform) in [
        // A space signed as a raw '+' (form encoding), sent as %20.
        (
            sent("GET", "/v1/search?q=hello%20world"),
            "q=hello%20world\n",
            "q=hello+world\n",
            "query_plus",
        ),
        (
            sent("GET", "/v1/search?q=a%20b%20c&x=1"),
            "q=a%20b%20c&x=1\n",
            "q=a+b+c&x=1\n",
            "query_plus",
        ),
        // Lower-case hex in the percent-escapes of the path, of the query.
        (
            sent("GET", "/v1/items/a%3Ab/"),
            "/v1/items/a%3Ab/\n",
            "/v1/items/a%3ab/\n",
            "path_hex_case",
        ),
        (
            sent("GET", "/v1/items?path=%2Fetc"),
            "path=%2Fetc\n",
            "path=%2fetc\n",
            "query_hex_case",
        ),
        // `{}` signed, no body sent (POST and DELETE).
        (
            sent("POST", "/v1/items"),
            EMPTY_SHA256,
            &sha256_hex(b"{}"),
            "body_placeholder",
        ),
        (
            sent("DELETE", "/v1/items/7"),
            EMPTY_SHA256,
            &sha256_hex(b"null"),
            "body_placeholder",
        ),
    ] {
        let client = canonical(&r, GET_SIGNED).replacen(from, to, 1);
        let signed = signature(&string_to_sign(&client, DATE), SECRET);
        let text = curl(
            &r,
            &authorization(GET_SIGNED, &signed),
            "401 Unauthorized",
            &rejected(&canonical(&r, GET_SIGNED)),
        );
        let report = check(&text, None, Some(SECRET)).unwrap();
        let named = report
            .findings
            .iter()
            .find(|f| f.variant.as_ref().is_some_and(|v| v.transform == transform));
        assert!(named.is_some(), "{transform} for {}: {report:#?}", r.target);
        assert_eq!(report.verdict, Some(Verdict::Reproduced));
        assert!(!report.has(FindingKind::SecretMismatch), "{report:#?}");
    }
}

/// Without the secret, an upper-case hex signature is a possible cause, said first.
#[test]
fn an_upper_case_signature_is_a_possible_cause_without_the_secret() {
    let r = get();
    let upper = sign(&r, GET_SIGNED).to_ascii_uppercase();
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &upper),
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    let report = check(&text, None, None).unwrap();
    let first = &report.findings[0];
    assert_eq!(first.kind, FindingKind::SignatureFormat, "{report:#?}");
    assert_eq!(first.certainty, Certainty::Possible);
    assert!(first.detail.contains("upper-case hex"), "{}", first.detail);
    let lower = curl(
        &r,
        &authorization(GET_SIGNED, &sign(&r, GET_SIGNED)),
        "401 Unauthorized",
        &rejected(&canonical(&r, GET_SIGNED)),
    );
    let report = check(&lower, None, None).unwrap();
    assert!(!report.has(FindingKind::SignatureFormat), "{report:#?}");
}

/// An accepted GET with no body and a wrong secret given: the body is not blamed.
#[test]
fn an_accepted_request_without_a_body_does_not_blame_the_body() {
    let r = get();
    let text = curl(
        &r,
        &authorization(GET_SIGNED, &sign(&r, GET_SIGNED)),
        "200 OK",
        "{}",
    );
    let report = check(&text, None, Some("not-the-secret")).unwrap();
    assert_eq!(report.accepted, Some(200));
    let said = report.verdict_text();
    assert!(said.contains("was used"), "{said}");
    assert!(!said.contains("body"), "{said}");
}
