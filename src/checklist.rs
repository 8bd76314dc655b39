//! What an analyzed paste says about a remediation step: the request limits, the
//! debugging domain, the X-Stage header. The steps themselves are catalog data.

use serde::{Deserialize, Serialize};

use crate::analysis::{Evidence, FoundError, SIGNATURE_TOLERANCE_MINUTES};
use crate::catalog::EvidenceKey;

/// Request limits APIG enforces (user guide: APIG.0201 rows).
pub const MAX_BODY_BYTES: u64 = 12 * 1024 * 1024;
pub const MAX_URI_BYTES: usize = 32 * 1024;
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
pub const MAX_HEADERS_TOTAL_BYTES: usize = 128 * 1024;

/// What the paste says about a step, and whether it points at the problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub text: String,
    /// True when the evidence shows this step is (part of) the cause.
    pub flagged: bool,
}

/// What `error` (an analyzed paste) says about `key`; None when the paste is silent.
pub fn finding(key: EvidenceKey, error: &FoundError, expected_status: u16) -> Option<Finding> {
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
            text: format!("the signing time was {m} minutes off the server time"),
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
pub fn is_debug_domain(host: &str) -> bool {
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
