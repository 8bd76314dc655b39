//! An analysis as it may leave the app (printed, stored, copied): every text taken from
//! the paste redacted. A detail or a template value is a cut of the message, so it is
//! redacted as it stands in the message, never on its own: a cut can part a value from the
//! name that marks it (`Lack of client_secret` + `=abc123`).

use super::{Analysis, Evidence, FoundError};
use crate::redact::{REDACTED, redact, redact_part, secrets_of};

impl Analysis {
    pub fn redacted(&self) -> Analysis {
        Analysis {
            format: self.format.clone(),
            errors: self.errors.iter().map(FoundError::redacted).collect(),
            triage: self.triage.clone(),
            warnings: self.warnings.iter().map(|w| redact(w)).collect(),
        }
    }
}

impl FoundError {
    pub fn redacted(&self) -> FoundError {
        let message = self.message.as_deref().unwrap_or_default();
        let secrets = secrets_of(message);
        // Text quoting a cut of the message: its secrets go by what they are, then by form.
        let quoting = |text: &str| {
            let mut out = text.to_string();
            for s in secrets.iter().filter(|s| s.chars().count() >= 3) {
                out = out.replace(s, REDACTED);
            }
            redact(&out)
        };
        let detail = self.detail.as_deref().map(|d| match message.rfind(d) {
            Some(at) if !d.is_empty() => redact_part(message, at..at + d.len()),
            _ => quoting(d),
        });
        let mut out = self.clone();
        out.message = self.message.as_deref().map(redact);
        out.detail = detail;
        out.request_id = self.request_id.as_deref().map(redact);
        out.evidence = redacted_evidence(&self.evidence);
        out.warnings = self.warnings.iter().map(|w| quoting(w)).collect();
        for c in &mut out.candidates {
            c.reasons = c.reasons.iter().map(|r| quoting(r)).collect();
        }
        out
    }
}

fn redacted_evidence(e: &Evidence) -> Evidence {
    let r = |v: &Option<String>| v.as_deref().map(redact);
    Evidence {
        date: r(&e.date),
        host: r(&e.host),
        method: r(&e.method),
        path: r(&e.path),
        protocol: r(&e.protocol),
        x_stage: r(&e.x_stage),
        x_sdk_date: r(&e.x_sdk_date),
        server: r(&e.server),
        ..e.clone()
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::catalog::Catalog;

    #[test]
    fn a_detail_cut_from_the_message_keeps_no_secret_the_message_loses() {
        let catalog = Catalog::embedded();
        let paste = "HTTP/1.1 401 Unauthorized\n\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: client_secret=abc123def456 and -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCpemBODY\\n-----END PRIVATE KEY-----\"}";
        let analysis = analyze(paste, &catalog);
        let raw = &analysis.errors[0];
        assert!(raw.detail.as_deref().is_some_and(|d| d.contains("abc123def456")));
        let e = raw.redacted();
        let printed = format!("{:?}", e);
        for secret in ["abc123def456", "pemBODY"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        assert!(e.detail.as_deref().is_some_and(|d| d.starts_with("client_secret=[redacted]")), "{:?}", e.detail);
    }
}
