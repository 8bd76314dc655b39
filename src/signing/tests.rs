//! Published vectors (V1–V3) and constructed ones (V4–V7) from the signing notes, and one
//! transcript per finding, built with the signer itself so a fixture cannot drift.

use super::canonical::sha256_hex;
use super::diagnose::Certainty;
use super::transcript::read;
use super::*;

pub(super) const KEY: &str = "4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b";
pub(super) const SECRET: &str = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";
const DATE: &str = "20240102T030405Z";

pub(super) fn request(
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Request {
    Request {
        method: method.into(),
        target: target.into(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: Some(body.to_vec()),
    }
}

pub(super) fn names(list: &str) -> Vec<String> {
    list.split(';').map(str::to_string).collect()
}

fn sign(r: &Request, signed: &str, secret: &str, variant: Variant) -> String {
    let date = r.header("x-sdk-date").unwrap_or_default();
    signature(
        &string_to_sign(&canonical_request(r, &names(signed), variant, None), date),
        secret,
    )
}

#[test]
fn v1_the_signing_guide_s_own_example() {
    let r = request(
        "GET",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        &[
            ("Content-Type", "application/json"),
            ("Host", "service.region.example.com"),
            ("X-Sdk-Date", "20191115T033655Z"),
        ],
        b"",
    );
    let signed = names("content-type;host;x-sdk-date");
    let canonical = canonical_request(&r, &signed, Variant::default(), None);
    assert_eq!(
        canonical,
        "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\ncontent-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let sts = string_to_sign(&canonical, "20191115T033655Z");
    assert!(sts.ends_with("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"));
    assert_eq!(
        signature(&sts, "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"),
        "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    );
}

#[test]
fn v2_v3_the_go_sdk_s_tests() {
    let v2 = request(
        "GET",
        "/path?limit=1",
        &[
            ("X-Sdk-Date", "20060102T150405Z"),
            ("TEST_UNDERSCORE", "TEST_VALUE"),
        ],
        b"",
    );
    assert_eq!(
        sign(&v2, "x-sdk-date", "SecretKey", Variant::default()),
        "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
    );
    let body = b"{\"Name\":\"test\",\"Id\":1}\n";
    let v3 = request(
        "POST",
        "/path?key=value",
        &[
            ("X-Sdk-Date", "20060102T150405Z"),
            ("Content-Type", "application/json"),
        ],
        body,
    );
    assert_eq!(
        sign(&v3, "x-sdk-date", "SecretKey", Variant::default()),
        "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"
    );
}

#[test]
fn v4_post_body_repeated_keys_empty_values_star_tilde_space() {
    let r = request(
        "POST",
        "/v1/orders/abc%20def?b=2&a=x%20y&a=1&empty=&tilde=~t&star=*",
        &[
            ("Content-Type", "application/json"),
            ("Host", "api.example.com"),
            ("X-Stage", "RELEASE"),
            ("X-Sdk-Date", DATE),
        ],
        b"{\"item\":\"widget\",\"qty\":2}",
    );
    let canonical = canonical_request(
        &r,
        &names("content-type;host;x-sdk-date;x-stage"),
        Variant::default(),
        None,
    );
    assert_eq!(
        canonical,
        "POST\n/v1/orders/abc%20def/\na=1&a=x%20y&b=2&empty=&star=%2A&tilde=~t\ncontent-type:application/json\nhost:api.example.com\nx-sdk-date:20240102T030405Z\nx-stage:RELEASE\n\ncontent-type;host;x-sdk-date;x-stage\n16e1d0830b9f628c15fdccdf747c114615f326eaa77a753e9410ca3b15897996"
    );
    assert_eq!(
        sign(
            &r,
            "content-type;host;x-sdk-date;x-stage",
            SECRET,
            Variant::default()
        ),
        "63e8e036579b30bcc2a66b1b1be0ae2880ba81afc57d220465fc535b2c687ab1"
    );
}

#[test]
fn v5_unsigned_payload_and_a_port() {
    let r = request(
        "PUT",
        "/upload/file.bin",
        &[
            ("Host", "api.example.com:8443"),
            ("Content-Type", "application/octet-stream"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
            ("X-Sdk-Date", DATE),
        ],
        b"any bytes at all",
    );
    assert_eq!(
        sign(
            &r,
            "host;x-sdk-content-sha256;x-sdk-date",
            SECRET,
            Variant::default()
        ),
        "0794da937cc88959d37952759ad7e1423af2a08a60eddb20c5f189df5b860087"
    );
    assert_eq!(
        sign(
            &r,
            "content-type;host;x-sdk-content-sha256;x-sdk-date",
            SECRET,
            Variant::default()
        ),
        "7c4d19e712366452761a381f21c44c885f2d3ef12e8a2a31581ad4ec6d26f953"
    );
}

#[test]
fn v6_a_plus_in_the_query_is_read_both_ways() {
    let r = request(
        "GET",
        "/search?q=a+b",
        &[("Host", "api.example.com"), ("X-Sdk-Date", DATE)],
        b"",
    );
    assert_eq!(Variant::candidates(&r).len(), 2);
    assert_eq!(
        sign(&r, "host;x-sdk-date", SECRET, Variant::default()),
        "b615127c9e7611a26ad5b8eba854fd95378e514964bc1055681bc312666c54bc"
    );
    let literal = Variant {
        plus_literal: true,
        ..Variant::default()
    };
    assert_eq!(
        sign(&r, "host;x-sdk-date", SECRET, literal),
        "1bbcb6ea590cb15011275d819bced49a63a9edb562fa3eee1b3dc6a2767102c6"
    );
}

#[test]
fn v7_the_minimal_request() {
    let r = request("GET", "", &[("X-Sdk-Date", DATE)], b"");
    let canonical = canonical_request(&r, &names("x-sdk-date"), Variant::default(), None);
    assert_eq!(
        sha256_hex(canonical.as_bytes()),
        "9686ca5714fa151a6f8c28916edeae19bcd6de00275c6a622a45045341f22fce"
    );
    assert_eq!(
        sign(&r, "x-sdk-date", SECRET, Variant::default()),
        "822b5019fbd3e06e8027c0990d8c159655a33b7af84a136b1fa3b7d3875ff744"
    );
}

/// A curl -v transcript of `r` signed as the client did (with `client_secret`), and the
/// gateway's answer: `gateway` is the request as the gateway saw it, whose canonical
/// request it echoes on a mismatch.
struct Case {
    client: Request,
    gateway: Request,
    signed: &'static str,
    client_secret: &'static str,
    gateway_secret: &'static str,
    code: &'static str,
    server_date: &'static str,
    message: Option<String>,
    authorization: Option<String>,
}

impl Case {
    fn new() -> Case {
        let client = request(
            "POST",
            "/v2/orders?limit=10",
            &[
                ("Host", "api.example.com"),
                ("Content-Type", "application/json"),
                ("X-Stage", "RELEASE"),
                ("X-Sdk-Date", DATE),
                ("Content-Length", "13"),
            ],
            b"{\"qty\":2}\n\n\n\n",
        );
        Case {
            gateway: client.clone(),
            client,
            signed: "content-type;host;x-sdk-date;x-stage",
            client_secret: SECRET,
            gateway_secret: SECRET,
            code: "APIG.0303",
            server_date: "Tue, 02 Jan 2024 03:05:00 GMT",
            message: None,
            authorization: None,
        }
    }

    fn transcript(&self) -> String {
        let signature = sign(
            &self.client,
            self.signed,
            self.client_secret,
            Variant::default(),
        );
        let auth = self.authorization.clone().unwrap_or_else(|| {
            format!(
                "SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={}, Signature={signature}",
                self.signed
            )
        });
        let mut out = format!("> {} {} HTTP/1.1\n", self.client.method, self.client.target);
        for (n, v) in &self.client.headers {
            out.push_str(&format!("> {n}: {v}\n"));
        }
        out.push_str(&format!("> Authorization: {auth}\n>\n"));
        let gateway_signature = sign(
            &self.gateway,
            self.signed,
            self.gateway_secret,
            Variant::default(),
        );
        let status = if self.code.ends_with("0304") {
            "403 Forbidden"
        } else {
            "401 Unauthorized"
        };
        let message = self.message.clone().unwrap_or_else(|| {
            if gateway_signature == signature {
                "Incorrect app authentication information: app not found, appkey x".into()
            } else {
                let echo = canonical_request(&self.gateway, &names(self.signed), Variant::default(), None);
                format!("Incorrect app authentication information: verify signature fail, canonicalRequest:{}", echo.replace('\n', "|"))
            }
        });
        out.push_str(&format!(
            "< HTTP/1.1 {status}\n< Date: {}\n<\n",
            self.server_date
        ));
        out.push_str(&format!(
            "{{\"error_code\":\"{}\",\"error_msg\":\"{message}\",\"request_id\":\"abc\"}}\n",
            self.code
        ));
        out
    }

    fn check(&self, secret: Option<&str>) -> Report {
        let body = self.client.body.clone().unwrap_or_default();
        check(&self.transcript(), Some(&body), secret).expect("a request")
    }
}

fn kinds(report: &Report) -> Vec<FindingKind> {
    report.findings.iter().map(|f| f.kind).collect()
}

#[test]
fn a_changed_header_is_named_with_both_values() {
    let mut case = Case::new();
    case.gateway.headers[2].1 = "TEST".into();
    let report = case.check(None);
    assert_eq!(kinds(&report), [FindingKind::HeaderValue], "{report:#?}");
    assert!(
        report.findings[0]
            .detail
            .contains("x-stage: the request sent \"RELEASE\", the gateway saw \"TEST\"")
    );
    assert_eq!(report.verdict, Some(Verdict::NoSecret));
    assert!(
        report
            .gateway_canonical_request
            .as_deref()
            .is_some_and(|e| e.contains("x-stage:TEST"))
    );
}

#[test]
fn method_path_query_and_payload_differences_are_named() {
    let mut case = Case::new();
    case.gateway.method = "PUT".into();
    assert_eq!(kinds(&case.check(None)), [FindingKind::Method]);
    let mut case = Case::new();
    case.gateway.target = "/api/v2/orders?limit=10".into();
    assert_eq!(kinds(&case.check(None)), [FindingKind::Path]);
    let mut case = Case::new();
    case.gateway.target = "/v2/orders?limit=20".into();
    assert_eq!(kinds(&case.check(None)), [FindingKind::Query]);
    let mut case = Case::new();
    case.gateway.body = Some(b"{\"qty\":3}\n\n\n\n".to_vec());
    assert_eq!(kinds(&case.check(None)), [FindingKind::Payload]);
}

#[test]
fn a_raw_plus_says_which_reading_the_gateway_used() {
    let mut case = Case::new();
    case.client.target = "/v2/orders?q=a+b".into();
    case.gateway.target = "/v2/orders?q=a%2Bb".into();
    let report = case.check(Some(SECRET));
    assert_eq!(kinds(&report), [FindingKind::QueryPlus], "{report:#?}");
    assert!(report.findings[0].detail.contains("literal plus"));
    assert_eq!(
        report.verdict,
        Some(Verdict::Reproduced),
        "the client signed '+' as a space"
    );
    assert!(report.reading.is_empty());
    let echo_only = case.check(None);
    assert_eq!(
        echo_only.reading,
        ["'+' in the query read as a literal plus (%2B)"]
    );
}

#[test]
fn the_same_canonical_request_with_a_reproducing_secret_is_a_secret_mismatch() {
    let mut case = Case::new();
    case.gateway_secret = "the gateway's secret for this key";
    let report = case.check(Some(SECRET));
    assert_eq!(kinds(&report), [FindingKind::SecretMismatch], "{report:#?}");
    assert_eq!(report.verdict, Some(Verdict::Reproduced));
    assert_eq!(report.signature_computed, report.signature_sent);
    let other = case.check(Some("not the client's secret"));
    assert_eq!(kinds(&other), [FindingKind::SecretMismatch], "{other:#?}");
    assert_eq!(other.findings[0].certainty, Certainty::Possible);
    assert_eq!(other.verdict, Some(Verdict::NotReproduced));
}

#[test]
fn clock_skew_comes_from_the_gateway_s_time_not_the_request_s() {
    let mut case = Case::new();
    case.server_date = "Tue, 02 Jan 2024 03:40:05 GMT";
    case.message = Some("Incorrect app authentication information: signature expired, signature time:20240102T030405Z,server time:20240102T034005Z".into());
    let report = case.check(None);
    assert_eq!(kinds(&report), [FindingKind::ClockSkew]);
    assert!(
        report.findings[0].detail.contains("36 minutes behind"),
        "{}",
        report.findings[0].detail
    );
}

#[test]
fn date_problems_are_named() {
    let mut case = Case::new();
    case.client.headers[3].1 = "2024-01-02T03:04:05Z".into();
    case.gateway = case.client.clone();
    assert!(kinds(&case.check(None)).contains(&FindingKind::DateFormat));
    let mut case = Case::new();
    case.signed = "content-type;host;x-stage";
    case.gateway = case.client.clone();
    assert!(kinds(&case.check(None)).contains(&FindingKind::DateNotSigned));
}

#[test]
fn authorization_forms_are_named() {
    let mut case = Case::new();
    case.authorization = Some(format!(
        "SDK-HMAC-SHA256, Access={KEY}, SignedHeaders=host;x-sdk-date, Signature=abc"
    ));
    assert!(kinds(&case.check(None)).contains(&FindingKind::AuthorizationFormat));
    case.authorization = Some("SDK-HMAC-SHA256 Credential=AK/20240102/eu-de/apig/sdk_request, SignedHeaders=host;x-sdk-date, Signature=abc".into());
    let report = case.check(None);
    assert_eq!(kinds(&report), [FindingKind::ScopedVariant]);
    assert_eq!(report.verdict, Some(Verdict::NotAppAuth));
}

#[test]
fn signed_header_lists_are_checked() {
    for (signed, kind) in [
        (
            "host;content-type;x-sdk-date",
            FindingKind::SignedHeadersFormat,
        ),
        ("Host;x-sdk-date", FindingKind::SignedHeadersFormat),
        (
            "authorization;host;x-sdk-date",
            FindingKind::SignedHeadersFormat,
        ),
        (
            "host;x-missing;x-sdk-date",
            FindingKind::SignedHeadersFormat,
        ),
        ("host;x-sdk-date;x_tenant", FindingKind::UnderscoreHeader),
    ] {
        let mut case = Case::new();
        case.client.headers.push(("X_Tenant".into(), "t1".into()));
        case.gateway = case.client.clone();
        case.signed = signed;
        let found = kinds(&case.check(None));
        assert!(found.contains(&kind), "{signed}: {found:?}");
    }
}

#[test]
fn app_not_found_and_not_authorized_come_from_the_answer() {
    let case = Case::new();
    assert!(kinds(&case.check(None)).contains(&FindingKind::AppNotFound));
    let mut case = Case::new();
    case.code = "APIG.0304";
    case.message = Some("The app is not authorized to access the API.".into());
    assert_eq!(
        kinds(&case.check(Some(SECRET))),
        [FindingKind::NotAuthorized]
    );
}

#[test]
fn the_body_given_is_checked_against_its_length() {
    let case = Case::new();
    let report = check(&case.transcript(), Some(b"{\"qty\":2}\n\n\n\n\n\n"), None).unwrap();
    assert_eq!(
        report.findings[0].kind,
        FindingKind::ContentLength,
        "{report:#?}"
    );
    assert!(report.findings[0].detail.contains("Content-Length: 13"));
    assert!(report.notes.iter().any(|n| n.contains("--data-binary")));
    let without = check(&case.transcript(), None, None).unwrap();
    assert!(
        without
            .notes
            .iter()
            .any(|n| n.contains("body was not checked")),
        "{:?}",
        without.notes
    );
}

#[test]
fn http2_transcripts_take_the_host_from_the_authority() {
    let text = "* [HTTP/2] [1] [:authority: api.example.com]\n> GET /v1/x HTTP/2\n> x-sdk-date: 20240102T030405Z\n> authorization: SDK-HMAC-SHA256 Access=k, SignedHeaders=host;x-sdk-date, Signature=00\n>\n< HTTP/2 401\n";
    let t = read(text).unwrap();
    assert_eq!(t.request.header("host"), Some("api.example.com"));
    assert_eq!(t.answer.status, Some(401));
}

#[test]
fn a_har_entry_is_read_with_its_body() {
    let har = r#"{"log":{"entries":[{"request":{"method":"POST","url":"https://api.example.com/v1/a?b=1","headers":[{"name":"X-Sdk-Date","value":"20240102T030405Z"},{"name":"Authorization","value":"SDK-HMAC-SHA256 Access=k, SignedHeaders=host;x-sdk-date, Signature=00"}],"postData":{"text":"{}"}},"response":{"status":401,"headers":[],"content":{"text":"{\"error_code\":\"APIG.0303\"}"}}}]}}"#;
    let t = read(har).unwrap();
    assert_eq!(t.request.target, "/v1/a?b=1");
    assert_eq!(t.request.header("host"), Some("api.example.com"));
    assert_eq!(t.request.body.as_deref(), Some(&b"{}"[..]));
    assert_eq!(t.answer.code.as_deref(), Some("APIG.0303"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn reading_and_checking_never_panic(text in "\\PC{0,400}") {
            let _ = check(&text, Some(text.as_bytes()), Some("s"));
            let _ = check(&format!("> GET /{text} HTTP/1.1\n> Authorization: SDK-HMAC-SHA256 Access=a, SignedHeaders=host;x-sdk-date, Signature=0\n"), None, None);
        }

        #[test]
        fn sign_then_check_reproduces(
            path in "/[a-zA-Z0-9 %~._-]{0,20}",
            query in "([a-z]{1,4}=[a-zA-Z0-9 ]{0,6}&){0,3}",
            body in proptest::collection::vec(any::<u8>(), 0..64),
            secret in "[ -~]{1,40}",
        ) {
            let target = format!("{}?{}", path.replace(' ', "%20"), query.replace(' ', "%20"));
            let r = request("POST", &target, &[("Host", "h.example"), ("X-Sdk-Date", DATE)], &body);
            let sent = sign(&r, "host;x-sdk-date", &secret, Variant::default());
            let text = format!("> POST {target} HTTP/1.1\n> Host: h.example\n> X-Sdk-Date: {DATE}\n> Authorization: SDK-HMAC-SHA256 Access={KEY}, SignedHeaders=host;x-sdk-date, Signature={sent}\n>\n");
            let report = check(&text, Some(&body), Some(&secret)).unwrap();
            prop_assert_eq!(report.verdict, Some(Verdict::Reproduced));
        }
    }
}

#[test]
fn escaped_bytes_sort_both_ways_and_an_empty_body_override_is_tried() {
    let query = "a=Z&a=%5B";
    assert_eq!(
        canonical_query_of(query, false),
        "a=Z&a=%5B",
        "decoded: 'Z' < '['"
    );
    assert_eq!(
        canonical_query_of(query, true),
        "a=%5B&a=Z",
        "encoded: '%5B' < 'Z'"
    );
    let sorted = request("GET", &format!("/x?{query}"), &[("X-Sdk-Date", DATE)], b"");
    assert_eq!(Variant::candidates(&sorted).len(), 2);
    let empty = request(
        "PUT",
        "/x",
        &[
            ("X-Sdk-Date", DATE),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
        ],
        b"",
    );
    let variants = Variant::candidates(&empty);
    assert_eq!(variants.len(), 2);
    let lines: Vec<String> = variants
        .iter()
        .map(|&v| {
            let c = canonical_request(&empty, &names("x-sdk-content-sha256;x-sdk-date"), v, None);
            c.lines().last().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(lines, ["UNSIGNED-PAYLOAD", super::canonical::EMPTY_SHA256]);
}

fn canonical_query_of(query: &str, sort_encoded: bool) -> String {
    super::canonical::canonical_query(
        query,
        Variant {
            sort_encoded,
            ..Variant::default()
        },
    )
}

#[test]
fn a_raw_http_request_is_read_with_its_body() {
    let text = "POST /v1/orders?x=1 HTTP/1.1\nHost: api.example.com\nX-Sdk-Date: 20240102T030405Z\nAuthorization: SDK-HMAC-SHA256 Access=k, SignedHeaders=host;x-sdk-date, Signature=00\n\n{\"qty\":2}\nHTTP/1.1 401 Unauthorized\n\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: app not found, appkey k\"}\n";
    let t = read(text).unwrap();
    assert_eq!(t.request.method, "POST");
    assert_eq!(t.request.target, "/v1/orders?x=1");
    assert_eq!(t.request.body.as_deref(), Some(&b"{\"qty\":2}"[..]));
    assert_eq!(t.answer.status, Some(401));
    let report = check(text, None, None).unwrap();
    assert!(report.has(FindingKind::AppNotFound));
}

#[test]
fn the_check_is_offered_for_signed_requests_and_authentication_answers_only() {
    assert!(worth_checking("> Authorization: SDK-HMAC-SHA256 Access=k"));
    assert!(
        !worth_checking("{\"error_code\":\"APIG.0302\"}"),
        "an IAM-policy answer holds no request"
    );
    assert!(!worth_checking("{\"error_code\":\"APIG.0303\"}"));
    assert!(worth_checking(
        "> POST /v1 HTTP/1.1\n> Authorization: [redacted]\n"
    ));
    assert!(
        !worth_checking("{\"error_code\":\"APIG.0308\"}"),
        "throttling"
    );
    assert!(!worth_checking("APIG.0201 Backend timeout"));
}

#[test]
fn a_signed_credential_header_is_redacted_in_the_report() {
    let mut case = Case::new();
    case.client
        .headers
        .push(("X-Auth-Token".into(), "MIIhunter2secretvalue".into()));
    case.signed = "content-type;host;x-auth-token;x-sdk-date;x-stage";
    case.gateway = case.client.clone();
    case.gateway.headers[2].1 = "TEST".into();
    let report = case.check(None);
    assert!(report.has(FindingKind::HeaderValue), "{report:#?}");
    let all = format!("{report:?}");
    assert!(!all.contains("MIIhunter2secretvalue"), "{all}");
    assert!(report.canonical_request.contains("x-auth-token:[redacted]"));
}

/// The transcript of `sent`, signed by a client that signed `client_canonical` instead;
/// the gateway's answer echoes the canonical request of what it received (`sent`).
fn signed_instead(sent: &Request, signed: &str, client_canonical: &str) -> String {
    let signature = signature(&string_to_sign(client_canonical, DATE), SECRET);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!(
        "> Authorization: SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={signed}, Signature={signature}\n>\n"
    ));
    let echo = canonical_request(sent, &names(signed), Variant::default(), None);
    out.push_str(&format!("< HTTP/1.1 401 Unauthorized\n<\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail, canonicalRequest:{}\"}}\n", echo.replace('\n', "|")));
    out
}

/// The client's canonical request: `signed_request`'s, with `from` replaced by `to`.
fn client_canonical(signed_request: &Request, signed: &str, from: &str, to: &str) -> String {
    let c = canonical_request(signed_request, &names(signed), Variant::default(), None);
    assert!(c.contains(from), "{from:?} in {c}");
    c.replacen(from, to, 1)
}

/// The canonical request of `request` with the usual three headers signed, as a client
/// that signed it exactly would build it.
fn as_signed(request: &Request) -> String {
    canonical_request(request, &names(SIGNED), Variant::default(), None)
}

/// The doctor names `transform` as proven, and says what was signed and what was sent.
fn assert_names(sent: &Request, signed: &str, canonical: &str, transform: &str) -> Report {
    let text = signed_instead(sent, signed, canonical);
    let report = check(&text, sent.body.as_deref(), Some(SECRET)).expect("a request");
    let finding = report
        .findings
        .iter()
        .find(|f| f.variant.as_ref().is_some_and(|v| v.transform == transform))
        .unwrap_or_else(|| panic!("{transform} not named: {report:#?}"));
    assert_eq!(finding.certainty, Certainty::Proven);
    assert_eq!(report.verdict, Some(Verdict::Reproduced));
    assert_eq!(
        report.canonical_request, canonical,
        "the client's canonical request is shown"
    );
    assert!(report.variants_tried > 0);
    assert!(
        !report.has(FindingKind::SecretMismatch)
            && !report.has(FindingKind::SignatureNotReproduced)
    );
    report
}

fn json_post(target: &str, body: &[u8]) -> Request {
    request(
        "POST",
        target,
        &[
            ("Host", "api.example.com"),
            ("Content-Type", "application/json"),
            ("X-Sdk-Date", DATE),
        ],
        body,
    )
}

const SIGNED: &str = "content-type;host;x-sdk-date";

#[test]
fn the_method_signed_in_lower_case_or_another_method_is_found() {
    let sent = json_post("/v2/orders", b"{}");
    let c = client_canonical(&sent, SIGNED, "POST\n", "post\n");
    let report = assert_names(&sent, SIGNED, &c, "method_case");
    assert!(
        report.findings[0]
            .detail
            .contains("the client signed `post`; the request line says `POST`"),
        "{}",
        report.findings[0].detail
    );
    assert_eq!(report.findings[0].kind, FindingKind::Method);
    let mut put = sent.clone();
    put.method = "PUT".into();
    let c = client_canonical(&sent, SIGNED, "", "");
    let report = assert_names(&put, SIGNED, &c, "method_other");
    let v = report.findings[0].variant.clone().unwrap();
    assert_eq!((v.signed.as_str(), v.sent.as_str()), ("POST", "PUT"));
}

#[test]
fn a_path_encoded_or_decoded_once_more_is_found() {
    let sent = json_post("/files/a%2520b", b"{}");
    let c = as_signed(&json_post("/files/a%20b", b"{}"));
    let report = assert_names(&sent, SIGNED, &c, "path_decoded");
    assert_eq!(report.findings[0].kind, FindingKind::Path);
    let sent = json_post("/files/a%20b", b"{}");
    let c = as_signed(&json_post("/files/a%2520b", b"{}"));
    assert_names(&sent, SIGNED, &c, "path_encoded");
}

#[test]
fn a_raw_utf8_path_and_a_missing_trailing_slash_are_found() {
    let sent = json_post("/files/%C3%A9t%C3%A9", b"{}");
    let c = client_canonical(&sent, SIGNED, "/files/%C3%A9t%C3%A9/\n", "/files/été/\n");
    assert_names(&sent, SIGNED, &c, "path_raw_utf8");
    let sent = json_post("/v2/orders", b"{}");
    let c = client_canonical(&sent, SIGNED, "/v2/orders/\n", "/v2/orders\n");
    assert_names(&sent, SIGNED, &c, "path_trailing_slash");
}

#[test]
fn query_signing_faults_are_found() {
    let sent = json_post("/v2/orders?b=2&a=1", b"{}");
    let c = client_canonical(&sent, SIGNED, "a=1&b=2\n", "b=2&a=1\n");
    let report = assert_names(&sent, SIGNED, &c, "query_unsorted");
    assert_eq!(report.findings[0].kind, FindingKind::Query);
    let sent = json_post("/v2/orders?q=a,b", b"{}");
    let c = client_canonical(&sent, SIGNED, "q=a%2Cb\n", "q=a,b\n");
    assert_names(&sent, SIGNED, &c, "query_raw");
    let sent = json_post("/v2/orders?a=&b=1", b"{}");
    let c = client_canonical(&sent, SIGNED, "a=&b=1\n", "a&b=1\n");
    assert_names(&sent, SIGNED, &c, "query_empty_value");
    let sent = json_post("/v2/orders?q=a%20b", b"{}");
    let c = client_canonical(&sent, SIGNED, "q=a%20b\n", "q=a%2Bb\n");
    let report = assert_names(&sent, SIGNED, &c, "query_plus");
    assert_eq!(report.findings[0].kind, FindingKind::QueryPlus);
}

#[test]
fn a_path_or_query_signed_decoded_or_encoded_twice_is_found() {
    let sent = json_post("/v1/files/my%20file.txt", b"{}");
    let c = client_canonical(
        &sent,
        SIGNED,
        "/v1/files/my%20file.txt/\n",
        "/v1/files/my file.txt/\n",
    );
    assert_names(&sent, SIGNED, &c, "path_unencoded");
    // The signing guide encodes ':' in a segment; a client that does not signs it raw.
    let sent = json_post("/v1/urn:abc/items", b"{}");
    let c = client_canonical(
        &sent,
        SIGNED,
        "/v1/urn%3Aabc/items/\n",
        "/v1/urn:abc/items/\n",
    );
    assert_names(&sent, SIGNED, &c, "path_unencoded");
    let sent = json_post("/v1/find?q=hello%20world", b"{}");
    let c = client_canonical(&sent, SIGNED, "q=hello%20world\n", "q=hello world\n");
    assert_names(&sent, SIGNED, &c, "query_decoded");
    let c = client_canonical(&sent, SIGNED, "q=hello%20world\n", "q=hello%2520world\n");
    assert_names(&sent, SIGNED, &c, "query_decoded");
}

#[test]
fn a_header_value_signed_with_its_inner_spaces_collapsed_is_found() {
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers.push(("X-Custom".into(), "a  b".into()));
    let signed = "content-type;host;x-custom;x-sdk-date";
    let c = client_canonical(&sent, signed, "x-custom:a  b\n", "x-custom:a b\n");
    assert_names(&sent, signed, &c, "header_spaces");
}

#[test]
fn a_host_signed_with_or_without_its_port_is_found() {
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers[0].1 = "api.example.com:8443".into();
    let c = client_canonical(
        &sent,
        SIGNED,
        "host:api.example.com:8443\n",
        "host:api.example.com\n",
    );
    let report = assert_names(&sent, SIGNED, &c, "host_port");
    assert!(
        report.findings[0]
            .detail
            .contains("the client signed Host without `:8443`"),
        "{}",
        report.findings[0].detail
    );
    assert_eq!(report.findings[0].kind, FindingKind::HeaderValue);
    let sent = json_post("/v2/orders", b"{}");
    let c = client_canonical(
        &sent,
        SIGNED,
        "host:api.example.com\n",
        "host:api.example.com:443\n",
    );
    assert_names(&sent, SIGNED, &c, "host_port");
}

#[test]
fn header_values_untrimmed_in_another_case_or_missing_are_found() {
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers.push(("X-Stage".into(), " RELEASE".into()));
    let signed = "content-type;host;x-sdk-date;x-stage";
    let c = client_canonical(&sent, signed, "x-stage:RELEASE\n", "x-stage: RELEASE\n");
    assert_names(&sent, signed, &c, "header_untrimmed");
    let sent = json_post("/v2/orders", b"{}");
    let c = client_canonical(&sent, SIGNED, "content-type:", "Content-Type:")
        .replacen("host:", "Host:", 1)
        .replacen("x-sdk-date:", "X-Sdk-Date:", 1);
    assert_names(&sent, SIGNED, &c, "header_case");
    let signed = "content-type;host;x-sdk-date;x-tenant";
    let c = client_canonical(
        &sent,
        signed,
        "x-sdk-date:20240102T030405Z\n",
        "x-sdk-date:20240102T030405Z\nx-tenant:\n",
    );
    let report = assert_names(&sent, signed, &c, "header_missing");
    assert!(report.has(FindingKind::SignedHeadersFormat));
}

#[test]
fn body_changes_after_signing_are_found() {
    let sent = json_post("/v2/orders", b"{\"a\":1}\n");
    let c = as_signed(&json_post("/v2/orders", b"{\"a\":1}\r\n"));
    let report = assert_names(&sent, SIGNED, &c, "body_line_ends");
    assert_eq!(report.findings[0].kind, FindingKind::Payload);
    let sent = json_post("/v2/orders", b"{\"a\":1}");
    let c = as_signed(&json_post("/v2/orders", b"{\"a\":1}\n"));
    assert_names(&sent, SIGNED, &c, "body_trailing_newline");
    let sent = json_post("/v2/orders", b"{\"item\":\"a, b: c\",\"qty\":[1,2]}");
    let c = as_signed(&json_post(
        "/v2/orders",
        b"{\"item\": \"a, b: c\", \"qty\": [1, 2]}",
    ));
    assert_names(&sent, SIGNED, &c, "body_json_spacing");
    let mut sent = json_post("/v2/orders/1", b"{}");
    sent.method = "DELETE".into();
    let c = client_canonical(
        &sent,
        SIGNED,
        &sha256_hex(b"{}"),
        super::canonical::EMPTY_SHA256,
    );
    assert_names(&sent, SIGNED, &c, "body_empty");
    let sent = json_post("/v2/orders", b"{}");
    let c = client_canonical(&sent, SIGNED, &sha256_hex(b"{}"), "UNSIGNED-PAYLOAD");
    assert_names(&sent, SIGNED, &c, "unsigned_payload");
}

#[test]
fn two_faults_together_are_found_as_a_pair() {
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers[0].1 = "api.example.com:8443".into();
    let c = client_canonical(
        &sent,
        SIGNED,
        "host:api.example.com:8443\n",
        "host:api.example.com\n",
    );
    let c = c.replacen("POST\n", "post\n", 1);
    let report = assert_names(&sent, SIGNED, &c, "host_port");
    assert!(report.findings.iter().any(|f| {
        f.variant
            .as_ref()
            .is_some_and(|v| v.transform == "method_case")
    }));
}

#[test]
fn lower_case_escapes_a_raw_plus_and_a_placeholder_body_are_found() {
    let sent = json_post("/v2/a%3Ab?q=x%20y", b"{}");
    let c = client_canonical(&sent, SIGNED, "/v2/a%3Ab/\n", "/v2/a%3ab/\n");
    assert_names(&sent, SIGNED, &c, "path_hex_case");
    let c = client_canonical(&sent, SIGNED, "q=x%20y\n", "q=x%20y\n");
    let c = c.replacen("q=x%20y", "q=x+y", 1);
    let report = assert_names(&sent, SIGNED, &c, "query_plus");
    assert!(report.findings[0].detail.contains("q=x+y"), "{report:#?}");
    let sent = json_post("/v2/a?p=%2F", b"{}");
    let c = client_canonical(&sent, SIGNED, "p=%2F\n", "p=%2f\n");
    assert_names(&sent, SIGNED, &c, "query_hex_case");
    let sent = json_post("/v2/orders", b"");
    let c = client_canonical(
        &sent,
        SIGNED,
        super::canonical::EMPTY_SHA256,
        &sha256_hex(b"[]"),
    );
    let report = assert_names(&sent, SIGNED, &c, "body_placeholder");
    assert!(
        report.findings[0].detail.contains("the body sent is empty"),
        "{report:#?}"
    );
}

#[test]
fn every_transform_in_the_table_is_tested() {
    let source = include_str!("tests.rs");
    for t in super::variants::TRANSFORMS {
        assert!(
            source.contains(&format!("\"{}\")", t.name)),
            "{} has no test",
            t.name
        );
    }
}

#[test]
fn no_variant_and_a_matching_echo_with_the_body_checked_is_a_secret_mismatch() {
    let sent = json_post("/v2/orders", b"{}");
    let c = as_signed(&sent);
    let text = signed_instead(&sent, SIGNED, &c);
    let report = check(&text, Some(b"{}"), Some("another secret")).unwrap();
    assert_eq!(kinds(&report), [FindingKind::SecretMismatch], "{report:#?}");
    // Another secret, or a canonical request built in a way not tried: never more sure.
    assert_eq!(report.findings[0].certainty, Certainty::Possible);
    assert!(report.variants_tried > 20, "{}", report.variants_tried);
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
}

/// The gateway's answer without its canonical request (older gateways, other answers).
fn without_echo(text: &str) -> String {
    let (before, echo) = text.split_once(", canonicalRequest:").unwrap();
    let (_, after) = echo.split_once("\"}").unwrap();
    format!("{before}\"}}{after}")
}

fn certainties(report: &Report) -> Vec<(FindingKind, Certainty)> {
    report
        .findings
        .iter()
        .map(|f| (f.kind, f.certainty))
        .collect()
}

/// A POST whose JSON was re-serialized after signing: signed compact (28 bytes), sent
/// spaced (31 bytes, the Content-Length sent).
fn reserialized() -> (Request, String, &'static [u8]) {
    let signed_body: &[u8] = b"{\"item\":\"widget\",\"qty\":2222}";
    let sent_body: &[u8] = b"{\"item\": \"widget\", \"qty\": 2222}";
    let mut sent = json_post("/v2/orders", sent_body);
    sent.headers
        .push(("Content-Length".into(), sent_body.len().to_string()));
    let c = as_signed(&json_post("/v2/orders", signed_body));
    (sent, c, signed_body)
}

#[test]
fn a_signed_body_whose_length_differs_from_the_one_sent_is_the_cause_not_the_secret() {
    let (sent, c, signed_body) = reserialized();
    let text = without_echo(&signed_instead(&sent, SIGNED, &c));
    let report = check(&text, Some(signed_body), Some(SECRET)).unwrap();
    assert_eq!(
        certainties(&report)[0],
        (FindingKind::Payload, Certainty::Proven),
        "{report:#?}"
    );
    assert!(report.findings[0].detail.contains("Content-Length: 31"));
    assert!(!report.has(FindingKind::SecretMismatch) && !report.has(FindingKind::GatewaySecret));
    let other = check(&text, Some(signed_body), Some("another secret")).unwrap();
    assert_eq!(
        certainties(&other)[0],
        (FindingKind::ContentLength, Certainty::Likely),
        "{other:#?}"
    );
    assert!(!other.has(FindingKind::SecretMismatch));
}

#[test]
fn without_the_body_the_body_is_the_first_possible_cause_then_the_secret() {
    let (mut sent, c, _) = reserialized();
    sent.body = None;
    let text = signed_instead(&sent, SIGNED, &c);
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(
        certainties(&report),
        [
            (FindingKind::Payload, Certainty::Possible),
            (FindingKind::SignatureNotReproduced, Certainty::Possible)
        ],
        "{report:#?}"
    );
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
    let no_secret = check(&text, None, None).unwrap();
    assert_eq!(
        no_secret.findings[0].kind,
        FindingKind::Payload,
        "{no_secret:#?}"
    );
    assert!(!no_secret.has(FindingKind::SecretMismatch));
}

#[test]
fn without_the_gateway_s_canonical_request_nothing_is_called_the_same_on_both_sides() {
    let sent = json_post("/v2/orders", b"{}");
    let c = as_signed(&sent);
    let text = without_echo(&signed_instead(&sent, SIGNED, &c));
    let report = check(&text, Some(b"{}"), Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced));
    assert_eq!(
        certainties(&report),
        [
            (FindingKind::GatewaySecret, Certainty::Possible),
            (FindingKind::Proxy, Certainty::Possible)
        ],
        "{report:#?}"
    );
    let wrong = check(&text, Some(b"{}"), Some("another secret")).unwrap();
    assert_eq!(
        certainties(&wrong),
        [
            (FindingKind::SignatureNotReproduced, Certainty::Possible),
            (FindingKind::Proxy, Certainty::Possible)
        ],
        "{wrong:#?}"
    );
    assert!(wrong.variants_tried > 0);
}

#[test]
fn the_secret_the_client_signed_with_and_the_echo_matching_is_a_proven_secret_mismatch() {
    let sent = json_post("/v2/orders", b"{}");
    let c = as_signed(&sent);
    let text = signed_instead(&sent, SIGNED, &c);
    let report = check(&text, Some(b"{}"), Some(SECRET)).unwrap();
    assert_eq!(
        certainties(&report),
        [(FindingKind::SecretMismatch, Certainty::Proven)],
        "{report:#?}"
    );
    let no_body = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(
        certainties(&no_body),
        [(FindingKind::SecretMismatch, Certainty::Proven)],
        "the gateway's payload hash reproduced the signature: the body it hashed is the one signed"
    );
}

#[test]
fn a_signature_of_an_empty_body_for_a_request_that_sent_one_is_proven() {
    let mut sent = json_post("/v2/orders", b"");
    sent.headers.push(("Content-Length".into(), "9".into()));
    let c = as_signed(&sent);
    sent.body = None;
    let text = without_echo(&signed_instead(&sent, SIGNED, &c));
    let report = check(&text, None, Some(SECRET)).unwrap();
    assert_eq!(
        certainties(&report),
        [(FindingKind::Payload, Certainty::Proven)],
        "{report:#?}"
    );
    assert!(report.findings[0].detail.contains("Content-Length: 9"));
}

#[test]
fn a_paste_whose_authorization_was_redacted_when_stored_says_to_paste_it_again() {
    let text = "> POST /v2/orders HTTP/1.1\n> Host: api.example.com\n> X-Sdk-Date: 20240102T030405Z\n> Authorization: [redacted]\n>\n< HTTP/1.1 401 Unauthorized\n";
    let report = check(text, None, Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::AuthorizationRedacted));
    assert_eq!(
        report.verdict_sentence(),
        "The Authorization header is redacted in this paste (when it was stored, or before it was pasted): there is no signature to check; paste the transcript as it was sent."
    );
    assert!(report.no_request_checked());
    assert!(
        !has_signature(text),
        "no secret is asked for a redacted paste"
    );
}

/// `sent` as a transcript signed over `client_canonical` with `secret`; the gateway's
/// answer echoes `echo` (its canonical request) when given.
fn paste(
    sent: &Request,
    signed: &str,
    client_canonical: &str,
    secret: &str,
    echo: Option<&str>,
) -> String {
    let signature = signature(&string_to_sign(client_canonical, DATE), secret);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!(
        "> Authorization: SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={signed}, Signature={signature}\n>\n"
    ));
    let echo = echo.map_or(String::new(), |e| {
        format!(", canonicalRequest:{}", e.replace('\n', "|"))
    });
    out.push_str(&format!("< HTTP/1.1 401 Unauthorized\n<\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail{echo}\"}}\n"));
    out
}

#[test]
fn a_variant_the_gateway_computed_too_is_the_gateway_s_secret_not_a_client_fault() {
    // The client signed the unsent x-tenant as empty, and so did the gateway: both
    // sides hold the same canonical request, so the secrets differ.
    let sent = json_post("/v2/orders", b"{}");
    let signed = "content-type;host;x-sdk-date;x-tenant";
    let c = client_canonical(
        &sent,
        signed,
        "x-sdk-date:20240102T030405Z\n",
        "x-sdk-date:20240102T030405Z\nx-tenant:\n",
    );
    let text = paste(&sent, signed, &c, SECRET, Some(&c));
    for body in [Some(&b"{}"[..]), None] {
        let report = check(&text, body, Some(SECRET)).unwrap();
        assert_eq!(report.verdict, Some(Verdict::Reproduced));
        assert!(
            report.findings.iter().all(|f| f.variant.is_none()),
            "{report:#?}"
        );
        assert!(
            certainties(&report).contains(&(FindingKind::SecretMismatch, Certainty::Proven)),
            "{report:#?}"
        );
        assert!(
            !report
                .findings
                .iter()
                .any(|f| f.detail.contains("the gateway saw")),
            "{report:#?}"
        );
        assert_eq!(report.canonical_request, c);
    }
}

#[test]
fn once_a_variant_is_proven_no_finding_contradicts_it() {
    // The gateway takes the unsent x-tenant as empty; the client signed no line for it
    // and the method in lower case. The echo differs from the request as sent, but
    // what the client signed is proven: nothing says "the request sent" any more.
    let sent = json_post("/v2/orders", b"{}");
    let signed = "content-type;host;x-sdk-date;x-tenant";
    let c = canonical_request(&sent, &names(signed), Variant::default(), None);
    let echo = c.replacen(
        "x-sdk-date:20240102T030405Z\n",
        "x-sdk-date:20240102T030405Z\nx-tenant:\n",
        1,
    );
    let client = c.replacen("POST\n", "post\n", 1);
    let text = paste(&sent, signed, &client, SECRET, Some(&echo));
    let report = check(&text, Some(b"{}"), Some(SECRET)).unwrap();
    let method: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Method)
        .collect();
    assert_eq!(method.len(), 1, "{report:#?}");
    assert_eq!(method[0].certainty, Certainty::Proven);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.detail.contains("request sent")),
        "{report:#?}"
    );
    assert!(
        report.findings.iter().any(|f| f
            .detail
            .contains("the gateway saw \"\", but the client signed no x-tenant line")),
        "{report:#?}"
    );
}

/// A POST signed and sent spaced (31 bytes) while the body given is the compact one.
fn wrong_body_file(secret: &str, echo: bool) -> (String, &'static [u8]) {
    let (mut sent, _, compact) = reserialized();
    let c = as_signed(&sent);
    sent.body = None;
    let text = paste(&sent, SIGNED, &c, secret, echo.then_some(c.as_str()));
    (text, compact)
}

#[test]
fn a_body_given_that_is_not_the_one_sent_proves_nothing_and_comes_first() {
    for echo in [true, false] {
        // The secret the client signed with, against a gateway with another one.
        let (text, compact) = wrong_body_file(SECRET, echo);
        let report = check(&text, Some(compact), Some(SECRET)).unwrap();
        assert_eq!(
            certainties(&report)[0],
            (FindingKind::ContentLength, Certainty::Likely),
            "{report:#?}"
        );
        assert!(
            !report
                .findings
                .iter()
                .any(|f| f.kind == FindingKind::Payload && f.certainty != Certainty::Possible),
            "no payload variant proven from a body that was not sent: {report:#?}"
        );
        assert!(
            report.findings.iter().all(|f| f.variant.is_none()),
            "{report:#?}"
        );
        if echo {
            assert!(report.has(FindingKind::SecretMismatch), "{report:#?}");
        }
        // Another secret: every secret finding after the body, and only possible.
        let other = check(&text, Some(compact), Some("another secret")).unwrap();
        assert_eq!(
            other.findings[0].kind,
            FindingKind::ContentLength,
            "{other:#?}"
        );
        assert!(!other.has(FindingKind::SecretMismatch), "{other:#?}");
        assert!(
            other
                .findings
                .iter()
                .filter(|f| f.kind == FindingKind::SignatureNotReproduced)
                .all(|f| f.certainty == Certainty::Possible),
            "{other:#?}"
        );
    }
}

#[test]
fn one_header_at_a_time_upper_case_and_a_trailing_space_as_shown() {
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers.push(("X-Stage".into(), "release".into()));
    let signed = "content-type;host;x-sdk-date;x-stage";
    let c = client_canonical(&sent, signed, "x-stage:release\n", "x-stage:RELEASE\n");
    let report = assert_names(&sent, signed, &c, "header_case");
    let applied = report.findings[0].variant.as_ref().unwrap();
    assert_eq!(applied.signed, "x-stage:RELEASE");
    assert!(
        report.findings[0]
            .detail
            .contains("the header line \"x-stage:RELEASE\""),
        "{report:#?}"
    );
    // A trailing space the transcript shows, signed as it is.
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers.push(("X-Stage".into(), "RELEASE ".into()));
    let c = client_canonical(&sent, signed, "x-stage:RELEASE\n", "x-stage:RELEASE \n");
    let report = assert_names(&sent, signed, &c, "header_untrimmed");
    assert!(
        report.findings[0].detail.contains("\"x-stage:RELEASE \""),
        "{report:#?}"
    );
}

#[test]
fn the_signing_time_is_never_edited_alone() {
    let sent = json_post("/v2/orders", b"{}");
    let base = super::canonical::Parts::of(&sent, &names(SIGNED), Variant::default(), None);
    for t in super::variants::TRANSFORMS
        .iter()
        .filter(|t| t.name.starts_with("header_"))
    {
        let singles = super::variants::candidates(t, &sent, &base);
        for parts in singles {
            let changed: Vec<_> = parts
                .headers
                .iter()
                .zip(&base.headers)
                .filter(|(a, b)| a != b)
                .collect();
            assert!(
                !(changed.len() == 1 && changed[0].1.0 == "x-sdk-date"),
                "{} edits x-sdk-date alone",
                t.name
            );
        }
    }
}

#[test]
fn two_body_transforms_or_two_header_transforms_are_found_together() {
    let sent = json_post("/v2/orders", b"{\n\"a\":1\n}");
    let c = as_signed(&json_post("/v2/orders", b"{\r\n\"a\":1\r\n}\n"));
    let report = assert_names(&sent, SIGNED, &c, "body_line_ends");
    assert!(
        report.findings.iter().any(|f| f
            .variant
            .as_ref()
            .is_some_and(|v| v.transform == "body_trailing_newline")),
        "{report:#?}"
    );
    let mut sent = json_post("/v2/orders", b"{}");
    sent.headers[0].1 = "api.example.com:8443".into();
    sent.headers.push(("X-Stage".into(), "RELEASE".into()));
    let signed = "content-type;host;x-sdk-date;x-stage";
    let c = client_canonical(
        &sent,
        signed,
        "host:api.example.com:8443\n",
        "host:api.example.com\n",
    )
    .replacen("x-stage:RELEASE\n", "x-stage:release\n", 1);
    let report = assert_names(&sent, signed, &c, "host_port");
    assert!(
        report.findings.iter().any(|f| f
            .variant
            .as_ref()
            .is_some_and(|v| v.transform == "header_case")),
        "{report:#?}"
    );
    assert!(
        report.variants_tried < 2000,
        "bounded: {}",
        report.variants_tried
    );
}

#[test]
fn an_unsent_signed_header_keeps_the_secret_possible_at_most() {
    let sent = json_post("/v2/orders", b"{}");
    let signed = "content-type;host;x-sdk-date;x-tenant";
    let client = json_post("/v2/orders", b"{}");
    let mut client = client;
    client.headers.push(("X-Tenant".into(), "acme".into()));
    let c = canonical_request(&client, &names(signed), Variant::default(), None);
    let echo = canonical_request(&sent, &names(signed), Variant::default(), None);
    let text = paste(&sent, signed, &c, SECRET, Some(&echo));
    let report = check(&text, Some(b"{}"), Some(SECRET)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
    assert!(!report.has(FindingKind::SecretMismatch), "{report:#?}");
    assert!(
        report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::SignatureNotReproduced)
            .all(|f| f.certainty == Certainty::Possible),
        "{report:#?}"
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::SignedHeadersFormat && f.detail.contains("x-tenant")),
        "{report:#?}"
    );
}

#[test]
fn without_a_reproduced_signature_the_echo_is_compared_with_the_request_sent() {
    let mut case = Case::new();
    case.gateway.method = "PUT".into();
    case.client_secret = "another secret";
    let report = case.check(Some(SECRET));
    let method = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Method)
        .unwrap();
    assert!(
        method
            .detail
            .starts_with("The request sent POST but the gateway received PUT"),
        "{report:#?}"
    );
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.detail.contains("client signed")),
        "{report:#?}"
    );
}

#[test]
fn a_header_value_keeps_the_whitespace_the_transcript_shows() {
    let t = read("> GET / HTTP/1.1\n> X-Stage: RELEASE \n> Host: a\n>\n").unwrap();
    assert_eq!(t.request.header("x-stage"), Some("RELEASE "));
}

#[test]
fn a_query_variant_is_not_reported_again_as_an_echo_difference() {
    let mut sent = json_post("/v2/search?q=red%20mug", b"{}");
    sent.method = "GET".into();
    let c = client_canonical(&sent, SIGNED, "q=red%20mug", "q=red%2Bmug");
    let report = assert_names(&sent, SIGNED, &c, "query_plus");
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::Query | FindingKind::QueryPlus))
            .count(),
        1,
        "{report:#?}"
    );
}

#[test]
fn a_signed_header_line_the_gateway_added_is_named() {
    // The client signed no line for the unsent x-tenant; the gateway took it as empty.
    let sent = json_post("/v2/orders", b"{}");
    let signed = "content-type;host;x-sdk-date;x-tenant";
    let c = canonical_request(&sent, &names(signed), Variant::default(), None);
    let echo = c.replacen(
        "x-sdk-date:20240102T030405Z\n",
        "x-sdk-date:20240102T030405Z\nx-tenant:\n",
        1,
    );
    let report = check(
        &paste(&sent, signed, &c, SECRET, Some(&echo)),
        Some(b"{}"),
        Some(SECRET),
    )
    .unwrap();
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.certainty == Certainty::Proven
                && f.detail
                    .contains("the gateway saw \"\", but the transcript shows no x-tenant line")),
        "{report:#?}"
    );
    assert!(!report.has(FindingKind::SecretMismatch), "{report:#?}");
}

#[test]
fn the_variant_search_is_bounded_whatever_the_headers() {
    let mut sent = json_post("/v2/orders", b"{}");
    let mut signed = vec!["content-type", "host", "x-sdk-date"];
    let extra: Vec<String> = (0..30).map(|i| format!("x-h{i:02}")).collect();
    for name in &extra {
        sent.headers.push((name.clone(), format!("Value {name}")));
        signed.push(name);
    }
    signed.sort_unstable();
    let signed = signed.join(";");
    let c = canonical_request(&sent, &names(&signed), Variant::default(), None);
    let text = paste(&sent, &signed, &c, SECRET, Some(&c));
    let report = check(&text, Some(b"{}"), Some("another secret")).unwrap();
    assert!(
        report.variants_tried <= super::variants::MAX_TRIED + 500,
        "{}",
        report.variants_tried
    );
    assert!(
        report.notes.iter().any(|n| n.contains("stopped after")),
        "{:?}",
        report.notes
    );
    assert!(!report.has(FindingKind::SecretMismatch), "{report:#?}");
}
