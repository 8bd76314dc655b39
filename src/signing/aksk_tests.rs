//! IAM AK/SK requests (APIG.0301): the same check and variant search as App
//! authentication, with every sentence worded for the AK and its SK. Transcripts are
//! signed here with the signer itself.

use super::*;

const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "sk0example0secret0key0000000000000000000";
const DATE: &str = "20240102T030405Z";
const SIGNED: &str = "content-type;host;x-sdk-date";

fn sent(host: &str) -> Request {
    Request {
        method: "POST".into(),
        target: "/v2/servers".into(),
        headers: vec![
            ("Host".into(), host.into()),
            ("Content-Type".into(), "application/json".into()),
            ("X-Sdk-Date".into(), DATE.into()),
        ],
        body: Some(b"{}".to_vec()),
    }
}

fn names() -> Vec<String> {
    SIGNED.split(';').map(str::to_string).collect()
}

/// `sent` as a curl -v transcript, signed over `client` with `sk`, and the gateway's
/// APIG.0301 answer echoing the canonical request of `sent` (unless `message` is given).
fn transcript(sent: &Request, client: &Request, sk: &str, message: Option<&str>) -> String {
    let canonical = canonical_request(client, &names(), Variant::default(), None);
    let signature = signature(&string_to_sign(&canonical, DATE), sk);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!(
        "> Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={SIGNED}, Signature={signature}\n>\n"
    ));
    let echo = canonical_request(sent, &names(), Variant::default(), None).replace('\n', "|");
    let message = message.map_or_else(
        || format!("Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:{echo}"),
        str::to_string,
    );
    out.push_str(&format!(
        "< HTTP/1.1 401 Unauthorized\n<\n{{\"error_code\":\"APIG.0301\",\"error_msg\":\"{message}\"}}\n"
    ));
    out
}

/// Every sentence the report holds, to check its words.
fn words(report: &Report) -> String {
    let mut all: Vec<String> = report
        .findings
        .iter()
        .flat_map(|f| [f.detail.clone(), f.action.clone()])
        .collect();
    all.extend(report.notes.iter().cloned());
    all.push(report.verdict_text());
    all.join("\n")
}

fn assert_aksk_words(report: &Report) {
    assert_eq!(report.credential, Credential::Aksk);
    assert_eq!(report.access.as_deref(), Some(AK));
    let text = words(report);
    for app_word in ["AppSecret", "AppKey", "the app", "app's", "Apps >"] {
        assert!(
            !text.contains(app_word),
            "{app_word:?} in an AK/SK report:\n{text}"
        );
    }
}

#[test]
fn an_sk_that_does_not_reproduce_the_signature_is_worded_for_the_access_key() {
    let request = sent("ecs.example.com");
    let text = transcript(&request, &request, "another SK", None);
    let report = check(&text, Some(b"{}"), Some(SK)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NotReproduced));
    assert!(report.has(FindingKind::SecretMismatch), "{report:#?}");
    assert_aksk_words(&report);
    let text = words(&report);
    assert!(text.contains("with this SK"), "{text}");
    assert!(text.contains("My Credentials > Access Keys"), "{text}");
    assert!(report.variants_tried > 0);
}

#[test]
fn the_sk_the_client_signed_with_is_a_proven_mismatch_for_its_ak() {
    let request = sent("ecs.example.com");
    let text = transcript(&request, &request, SK, None);
    let report = check(&text, Some(b"{}"), Some(SK)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced));
    let finding = &report.findings[0];
    assert_eq!(finding.kind, FindingKind::SecretMismatch, "{report:#?}");
    assert!(
        finding
            .detail
            .contains(&format!("an SK the gateway does not hold for AK {AK}")),
        "{}",
        finding.detail
    );
    assert!(finding.action.contains("IAM user"), "{}", finding.action);
    assert_aksk_words(&report);
}

#[test]
fn a_variant_the_client_signed_is_found_with_the_sk() {
    let request = sent("ecs.example.com:8443");
    let text = transcript(&request, &sent("ecs.example.com"), SK, None);
    let report = check(&text, Some(b"{}"), Some(SK)).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Reproduced));
    let finding = report
        .findings
        .iter()
        .find(|f| {
            f.variant
                .as_ref()
                .is_some_and(|v| v.transform == "host_port")
        })
        .unwrap_or_else(|| panic!("no host_port: {report:#?}"));
    assert_eq!(finding.certainty, Certainty::Proven);
    assert!(report.signed_as_client());
    assert_eq!(report.canonical_title(), "as the client signed it");
    assert!(
        report.verdict_text().starts_with(
            "the SK reproduces the signature sent, for the request as the client signed it"
        ),
        "{}",
        report.verdict_text()
    );
    assert_aksk_words(&report);
}

#[test]
fn without_the_sk_nothing_asks_for_an_app_secret() {
    let request = sent("ecs.example.com");
    let text = transcript(&request, &request, SK, None);
    assert_eq!(credential_of(&text), Credential::Aksk);
    let report = check(&text, Some(b"{}"), None).unwrap();
    assert_eq!(report.verdict, Some(Verdict::NoSecret));
    assert_eq!(
        report.verdict_text(),
        "no SK given: the signature itself was not checked"
    );
    assert_aksk_words(&report);
}

#[test]
fn an_unknown_ak_is_named_as_an_access_key() {
    let request = sent("ecs.example.com");
    let text = transcript(
        &request,
        &request,
        SK,
        Some("Incorrect IAM authentication information: ak HPUAEXAMPLEAK0000001 not exist"),
    );
    let report = check(&text, Some(b"{}"), Some(SK)).unwrap();
    let finding = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::AppNotFound)
        .unwrap_or_else(|| panic!("{report:#?}"));
    assert!(
        finding.detail.contains(&format!("AK {AK}")),
        "{}",
        finding.detail
    );
    assert_aksk_words(&report);
}

#[test]
fn an_app_paste_keeps_the_app_s_words() {
    let request = sent("api.example.com");
    let text = transcript(&request, &request, "another", None)
        .replace("APIG.0301", "APIG.0303")
        .replace(
            "Incorrect IAM authentication information: verify aksk signature fail",
            "Incorrect app authentication information: verify signature fail",
        );
    assert_eq!(credential_of(&text), Credential::App);
    let report = check(&text, Some(b"{}"), Some(SK)).unwrap();
    assert_eq!(report.credential, Credential::App);
    let text = words(&report);
    assert!(text.contains("AppSecret"), "{text}");
    assert!(!text.contains(" SK") && !text.contains(" AK "), "{text}");
}

#[test]
fn an_app_key_sent_to_an_iam_api_is_pointed_out_as_possible() {
    let request = sent("ecs.example.com");
    let key = "4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b";
    let text = transcript(&request, &request, SK, None).replace(AK, key);
    let report = check(&text, Some(b"{}"), None).unwrap();
    assert!(
        report.notes.iter().any(|n| n.contains(&format!(
            "if {key} is an app's AppKey, the API may expect IAM authentication"
        ))),
        "{report:#?}"
    );
    let plain = check(&transcript(&request, &request, SK, None), Some(b"{}"), None).unwrap();
    assert!(
        plain.notes.iter().all(|n| !n.contains("32 hex digits")),
        "{plain:#?}"
    );
}

#[test]
fn a_locked_ak_is_named_and_the_sk_is_not_blamed() {
    let request = sent("ecs.example.com");
    let text = transcript(
        &request,
        &request,
        "another SK",
        Some(
            "Incorrect IAM authentication information: AK access failed to reach the limit,forbidden",
        ),
    );
    let report = check(&text, Some(b"{}"), Some(SK)).unwrap();
    assert_eq!(
        report.findings.first().map(|f| f.kind),
        Some(FindingKind::AkLocked),
        "the lock comes first: {report:#?}"
    );
    assert!(
        report.findings[0]
            .detail
            .contains("AK access failed to reach the limit"),
        "the answer's words survive redaction: {report:#?}"
    );
    // That this SK reproduces nothing is said beside the lock, never as its cause.
    assert!(!report.has(FindingKind::SecretMismatch), "{report:#?}");
    assert!(
        report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::SignatureNotReproduced)
            .all(|f| f.certainty == Certainty::Possible && f.detail.starts_with("Besides")),
        "{report:#?}"
    );
    assert_aksk_words(&report);
}
