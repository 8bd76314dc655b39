//! What an analyzed paste says about a remediation step: the request limits, the
//! debugging domain, the X-Stage header. The steps themselves are catalog data.

use serde::{Deserialize, Serialize};

use crate::analysis::{Evidence, FoundError, SIGNATURE_TOLERANCE_MINUTES};
use crate::catalog::{AuthMode, Entry, EvidenceKey, Step};

/// Request limits APIG enforces (user guide: APIG.0201 rows).
pub(crate) const MAX_BODY_BYTES: u64 = 12 * 1024 * 1024;
pub(crate) const MAX_URI_BYTES: usize = 32 * 1024;
pub(crate) const MAX_HEADER_BYTES: usize = 32 * 1024;
pub(crate) const MAX_HEADERS_TOTAL_BYTES: usize = 128 * 1024;

/// What the paste says about a step, and whether it points at the problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Finding {
    pub(crate) text: String,
    /// True when the evidence shows this step is (part of) the cause.
    pub(crate) flagged: bool,
}

/// The row's checklist for a paste that says how the caller signed in: a step for the
/// other way (`when`) is left out. With `auth` unknown every step stays, since leaving
/// out the right one would be worse than showing one too many.
pub(crate) fn steps_for(entry: &Entry, auth: Option<AuthMode>) -> Vec<Step> {
    entry
        .checklist()
        .iter()
        .filter(|s| applies(s, auth))
        .cloned()
        .collect()
}

fn applies(step: &Step, auth: Option<AuthMode>) -> bool {
    match (step.when, auth) {
        (Some(when), Some(auth)) => when == auth,
        _ => true,
    }
}

/// What `error` (an analyzed paste) says about `key`; None when the paste is silent.
pub(crate) fn finding(
    key: EvidenceKey,
    error: &FoundError,
    expected_status: u16,
) -> Option<Finding> {
    let ev = &error.evidence;
    let found = |text: String, flagged: bool| Some(Finding { text, flagged });
    match key {
        EvidenceKey::XStage => match (&ev.x_stage, ev.method.is_some()) {
            (Some(stage), _) => found(format!("the request had X-Stage: {stage}"), false),
            (None, true) => found(
                "the request had no X-Stage header (RELEASE environment)".into(),
                true,
            ),
            (None, false) => None,
        },
        EvidenceKey::Status => error.http_status.map(|s| Finding {
            text: format!("the response status was {s}"),
            flagged: s != expected_status,
        }),
        EvidenceKey::ClockSkew => ev.clock_skew_minutes.map(|m| Finding {
            text: format!(
                "the signing time was {} off the server time",
                crate::wording::count(m, "minute")
            ),
            flagged: m.abs() > SIGNATURE_TOLERANCE_MINUTES,
        }),
        EvidenceKey::BodySize => ev.request_body_bytes.map(|b| Finding {
            text: format!("the request body was {b} bytes (limit 12 MB)"),
            flagged: b > MAX_BODY_BYTES,
        }),
        EvidenceKey::UriLength => ev.path.as_ref().map(|p| Finding {
            text: format!("the request URI was {} bytes (limit 32 KB)", p.len()),
            flagged: p.len() > MAX_URI_BYTES,
        }),
        EvidenceKey::HeaderSize => header_finding(ev),
        EvidenceKey::DebugDomain => ev.host.as_ref().map(|h| {
            let debug = is_debug_domain(h);
            Finding {
                text: if debug {
                    format!("the host {h} is a debugging domain")
                } else {
                    format!("the host {h} is not a debugging domain")
                },
                flagged: debug,
            }
        }),
        EvidenceKey::Protocol => ev.protocol.as_ref().map(|p| Finding {
            text: format!("the request used {}", p.to_uppercase()),
            flagged: false,
        }),
    }
}

fn header_finding(ev: &Evidence) -> Option<Finding> {
    let (largest, total) = (ev.largest_header_bytes?, ev.request_header_bytes?);
    Some(Finding {
        text: format!("the largest request header was {largest} bytes, all headers {total} bytes"),
        flagged: largest > MAX_HEADER_BYTES || total > MAX_HEADERS_TOTAL_BYTES,
    })
}

/// The group's debugging (sub)domain, e.g. `abc.apic.eu-de.otc.t-systems.com` or
/// `abc.apic.cn-north-4.huaweicloudapis.com`.
pub(crate) fn is_debug_domain(host: &str) -> bool {
    host.to_ascii_lowercase().contains(".apic.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(ev: Evidence, status: Option<u16>) -> FoundError {
        FoundError {
            evidence: ev,
            http_status: status,
            ..FoundError::default()
        }
    }

    #[test]
    fn missing_x_stage_is_flagged_only_when_the_request_is_known() {
        let with_request = Evidence {
            method: Some("GET".into()),
            ..Evidence::default()
        };
        let f = finding(EvidenceKey::XStage, &error(with_request, None), 404).unwrap();
        assert!(f.flagged && f.text.contains("no X-Stage"));
        assert_eq!(
            finding(EvidenceKey::XStage, &error(Evidence::default(), None), 404),
            None
        );
    }

    /// The APIG.0301 checklist for `paste`, as the window and an incident get it.
    fn checklist_0301(paste: &str) -> Vec<Step> {
        let catalog = crate::catalog::Catalog::embedded();
        let analysis = crate::analysis::analyze(paste, &catalog);
        let error = &analysis.errors[0];
        let row = error.matched().expect("APIG.0301 is matched").row;
        assert_eq!(catalog.entries[row].code(), "APIG.0301", "{paste}");
        steps_for(&catalog.entries[row], error.evidence.auth)
    }

    fn mentions(steps: &[Step], word: &str) -> usize {
        steps.iter().filter(|s| s.text.contains(word)).count()
    }

    #[test]
    fn an_aksk_paste_gets_the_signing_steps_and_a_token_paste_the_token_steps() {
        let aksk = [
            "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:GET|/v2/servers/||host:ecs.example.com|x-sdk-date:20261127T060000Z||host;x-sdk-date|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"} status=401",
            "> POST /v1/orders HTTP/1.1\n> Host: api.example.com\n> Authorization: SDK-HMAC-SHA256 Access=AKEXAMPLE0000, SignedHeaders=host, Signature=00ff\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information.\"}",
            "APIGW.0301 Incorrect IAM authentication information: Get secretKey failed,ak:***,err:ak not exist",
            "HTTP 401 APIG.0301 Incorrect IAM authentication information: AK access failed to reach the limit,forbidden",
        ];
        for paste in aksk {
            let steps = checklist_0301(paste);
            assert!(mentions(&steps, "AK") >= 2, "{paste}: {steps:?}");
            assert!(mentions(&steps, "X-Sdk-Date") == 1, "the clock: {paste}");
            assert!(
                mentions(&steps, "canonical request") == 1,
                "the signer: {paste}"
            );
            assert!(mentions(&steps, "locked") == 1, "the lock: {paste}");
            assert_eq!(mentions(&steps, "token"), 0, "{paste}: {steps:?}");
        }
        let token = [
            "> GET /v1/orders HTTP/1.1\n> X-Auth-Token: MIIEXAMPLEtoken\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information.\"}",
            "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: decrypt token fail\"}",
        ];
        for paste in token {
            let steps = checklist_0301(paste);
            assert!(mentions(&steps, "token") >= 3, "{paste}: {steps:?}");
            assert!(
                steps.iter().all(|s| s.when != Some(AuthMode::Aksk)),
                "{paste}: {steps:?}"
            );
        }
        // A paste that does not say how it signed in keeps both: dropping the right
        // steps would be worse than one too many.
        let open = checklist_0301("APIG.0301 401");
        assert!(mentions(&open, "token") >= 3 && mentions(&open, "canonical request") == 1);
        let both = "> X-Auth-Token: MIIEXAMPLEtoken\n< HTTP/1.1 401\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\"}";
        assert_eq!(
            checklist_0301(both).len(),
            open.len(),
            "they disagree: unsure"
        );
    }

    #[test]
    fn limits_and_domains_are_checked() {
        let ev = Evidence {
            host: Some("f00.apic.eu-de.otc.t-systems.com".into()),
            clock_skew_minutes: Some(40),
            request_body_bytes: Some(13 * 1024 * 1024),
            largest_header_bytes: Some(100),
            request_header_bytes: Some(400),
            ..Evidence::default()
        };
        let e = error(ev, Some(413));
        for key in [
            EvidenceKey::DebugDomain,
            EvidenceKey::ClockSkew,
            EvidenceKey::BodySize,
        ] {
            assert!(finding(key, &e, 413).unwrap().flagged, "{key:?}");
        }
        assert!(!finding(EvidenceKey::HeaderSize, &e, 413).unwrap().flagged);
        assert!(!finding(EvidenceKey::Status, &e, 413).unwrap().flagged);
        assert!(finding(EvidenceKey::Status, &e, 429).unwrap().flagged);
    }
}
