//! An analysis as it may leave the app (printed, stored, copied): every text taken from
//! the paste redacted. The texts are cuts of the paste, reshaped (lines joined, escapes
//! undone), so each loses the paste's secrets by what they are ([`Scrub`]) before it is
//! redacted by form, and a detail (a cut of the message) is redacted as it stands in the
//! message: a cut can part a value from the name that marks it (`Lack of client_secret`
//! + `=abc123`).

use super::{Analysis, Evidence, FoundError};
use crate::redact::{Scrub, redact_part};

impl Analysis {
    /// This analysis of `paste`, redacted.
    pub fn redacted(&self, paste: &str) -> Analysis {
        let scrub = Scrub::of(paste);
        Analysis {
            format: self.format.clone(),
            errors: self
                .errors
                .iter()
                .map(|e| e.redacted_with(&scrub))
                .collect(),
            triage: self.triage.clone(),
            warnings: self.warnings.iter().map(|w| scrub.apply(w)).collect(),
            documentation: self.documentation,
        }
    }
}

impl FoundError {
    /// This error of `paste`, redacted.
    pub(crate) fn redacted(&self, paste: &str) -> FoundError {
        self.redacted_with(&Scrub::of(paste))
    }

    fn redacted_with(&self, paste: &Scrub) -> FoundError {
        let raw = self.message.as_deref().unwrap_or_default();
        let message = paste.apply(raw);
        // What quotes a cut of the message loses the message's secrets too.
        let own = Scrub::of(raw);
        let quoting = |text: &str| own.apply(&paste.apply(text));
        let detail = self.detail.as_deref().map(|d| match raw.rfind(d) {
            Some(at) if !d.is_empty() => quoting(&redact_part(raw, at..at + d.len())),
            _ => quoting(d),
        });
        let mut out = self.clone();
        out.message = self.message.as_ref().map(|_| message);
        out.detail = detail;
        out.request_id = self.request_id.as_deref().map(|r| paste.apply(r));
        out.evidence = redacted_evidence(&self.evidence, paste);
        out.warnings = self.warnings.iter().map(|w| quoting(w)).collect();
        for c in &mut out.candidates {
            c.reasons = c.reasons.iter().map(|r| quoting(r)).collect();
        }
        out
    }
}

fn redacted_evidence(e: &Evidence, paste: &Scrub) -> Evidence {
    let r = |v: &Option<String>| v.as_deref().map(|v| paste.apply(v));
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
        assert!(
            raw.detail
                .as_deref()
                .is_some_and(|d| d.contains("abc123def456"))
        );
        let e = raw.redacted(paste);
        let printed = format!("{:?}", e);
        for secret in ["abc123def456", "pemBODY"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        assert!(
            e.detail
                .as_deref()
                .is_some_and(|d| d.starts_with("client_secret=[redacted]")),
            "{:?}",
            e.detail
        );
    }

    #[test]
    fn a_host_cut_from_a_url_loses_its_user_info() {
        let catalog = Catalog::embedded();
        let paste = "GET https://abcdef0123456789abcdef0123456789@api.example.com/v1\n\nHTTP/1.1 401 Unauthorized\n\n{\"error_code\":\"APIG.0301\"}";
        let e = analyze(paste, &catalog).redacted(paste);
        assert!(!format!("{e:?}").contains("abcdef0123456789abcdef0123456789"));
    }
}
