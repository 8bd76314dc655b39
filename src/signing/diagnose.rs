//! Why the gateway rejected a signed request, component by component: the request as
//! the client signed it, as the gateway saw it (the canonical request its error echoes),
//! and, given the secret, whether the sent signature is reproduced.

mod causes;
mod echo_diff;
mod findings;
mod request;

pub(crate) use findings::Certainty;
pub use findings::{Finding, FindingKind, Report, Verdict};

use super::canonical::{Parts, Variant, canonical_request, signature, string_to_sign};
use super::credential::Credential;
use super::echo::Echo;
use super::transcript::{Answer, Transcript};
use super::variants::{Found, search};
use causes::{
    Facts, answer_findings, body_bearing, body_needed, open_causes, other_cause,
    rejected_signature, reproduced_causes, sdk_reading, unreproduced_causes, variant_findings,
};
use echo_diff::{SENT, SIGNED, compare_with_echo, payload_stand_in, plus_reading};
use request::{
    PLACEHOLDER, authorization, check_date, check_signature_format, check_signed_headers,
    check_size, upper_case_hex, upper_case_unchecked,
};
use std::ops::Range;

/// Check the signed request of `transcript`, with the secret if the engineer typed it.
pub(crate) fn diagnose(transcript: &Transcript, secret: Option<&str>) -> Report {
    let mut report = Report {
        credential: Credential::of(&transcript.answer),
        ..Report::default()
    };
    report.notes.extend(transcript.notes.iter().cloned());
    let Some(signed) = signature_of(transcript, &mut report) else {
        return report;
    };
    let mut check = Check::new(transcript, signed, &mut report);
    if !check.well_formed {
        check.malformed(secret, &mut report);
    } else if let Some(secret) = secret {
        check.with_secret(secret, &mut report);
    } else {
        check.without_secret(&mut report);
    }
    let Check {
        transcript,
        words,
        signed,
        date,
        chosen,
        ..
    } = check;
    report.reading = chosen.0.describe();
    report.string_to_sign = string_to_sign(&chosen.1, &date);
    report.canonical_request = chosen.1;
    finish(&transcript.answer, &signed.access, words, report)
}

/// The Authorization header's parts every later step reads.
struct Signed {
    access: String,
    /// The signed header names, lower-cased.
    names: Vec<String>,
    /// The signature as sent.
    sent: String,
}

/// The signature header's parts, or None with the report saying why there is nothing to
/// check (no header, a redacted one, another algorithm, a form not read).
fn signature_of(transcript: &Transcript, report: &mut Report) -> Option<Signed> {
    let words = report.credential;
    let Some((carrier, auth)) = transcript.request.signature_header() else {
        if transcript.cut {
            report.verdict = Some(Verdict::Incomplete);
            report.notes.push("The transcript ends inside the request's headers (curl's blank '>' line and the answer are missing): it looks cut, so an Authorization header may have been sent and not pasted.".into());
        } else {
            report.verdict = Some(Verdict::NotAppAuth);
            report.notes.push(format!(
                "The request carries no Authorization header: it is not signed with {}.",
                words.authentication()
            ));
        }
        return None;
    };
    let auth = auth.trim();
    if !carrier.eq_ignore_ascii_case("authorization") {
        report.notes.push(format!("The signature was read from the {carrier} header, not Authorization: a gateway set to a custom app_auth_header reads it there; if this gateway is not, it finds no signature."));
    }
    if auth.contains(crate::redact::REDACTED) || PLACEHOLDER.is_match(auth) {
        report.verdict = Some(Verdict::AuthorizationRedacted);
        return None;
    }
    if auth.contains("Credential=") {
        report.verdict = Some(Verdict::NotAppAuth);
        report.find(
            FindingKind::ScopedVariant,
            format!("The Authorization header uses a scoped credential ({} with a Credential field): a different algorithm (derived key, a scope line in the string to sign), not the SDK-HMAC-SHA256 signing of {}.", auth.split_whitespace().next().unwrap_or_default(), words.authentication()),
            format!("Sign with an APIG SDK (SDK-HMAC-SHA256 with the {} as Access), not the older OTC cloud-service signer; or, for a cloud-service API, check that signer against its own documentation.", words.key()),
        );
        return None;
    }
    let Some((access, names, sent)) = authorization(auth, words, report) else {
        report.verdict = Some(Verdict::NotAppAuth);
        return None;
    };
    report.access = Some(access.clone());
    report.signature_sent = Some(sent.clone());
    Some(Signed {
        access,
        names,
        sent,
    })
}

/// One check under way: what the request, the answer and the gateway's echo say, read
/// once, and the reading of the request the report will show (`chosen`), which the
/// secret and the variant search may change.
struct Check<'a> {
    transcript: &'a Transcript,
    words: Credential,
    signed: Signed,
    well_formed: bool,
    /// The request's X-Sdk-Date, the signing time in the string to sign.
    date: String,
    /// The body's hash when the body is unknown (from the echo).
    stand_in: Option<String>,
    gateway: Option<Echo>,
    /// The gateway's canonical request, recomputed when one of ours is the same.
    echo: Option<String>,
    /// The request as each reading a client may use would canonicalize it.
    canonicals: Vec<(Variant, String)>,
    chosen: (Variant, String),
    /// The findings of comparing the echo with the request as sent.
    echo_findings: Range<usize>,
    facts: Facts,
}

impl<'a> Check<'a> {
    /// The checks that need no secret, and the request against the gateway's echo.
    fn new(transcript: &'a Transcript, signed: Signed, report: &mut Report) -> Self {
        let (request, answer) = (&transcript.request, &transcript.answer);
        let well_formed = check_signature_format(&signed.sent, report);
        let gateway = Echo::of(answer);
        let mut echo = gateway.as_ref().map(|g| g.canonical.clone());
        check_signed_headers(request, &signed.names, echo.as_deref(), report);
        check_date(request, answer, report);
        check_size(request, answer, report);
        let (stand_in, body_unchecked) = payload_stand_in(request, echo.as_deref(), report);
        let canonicals: Vec<(Variant, String)> = Variant::candidates(request)
            .into_iter()
            .map(|v| {
                let c = canonical_request(request, &signed.names, v, stand_in.as_deref());
                (v, c)
            })
            .collect();
        let date = request
            .header("x-sdk-date")
            .unwrap_or_default()
            .trim()
            .to_string();
        // The gateway's canonical request is the one recomputed when it wrote it so: a `|`
        // in a header value is then no difference, however the echo was split.
        if let Some(g) = &gateway {
            match canonicals.iter().find(|(_, c)| g.is(c)) {
                Some((_, c)) => echo = Some(c.clone()),
                None => report.echo_unsure = g.unsure,
            }
        }
        report.gateway_canonical_request = echo.clone();
        let mut chosen = canonicals[0].clone();
        let start = report.findings.len();
        if let Some(echo) = &echo {
            match canonicals.iter().find(|(_, c)| c == echo) {
                Some(matching) => chosen = matching.clone(),
                None => compare_with_echo(request, &chosen.1, echo, SENT, report),
            }
        }
        let echo_findings = start..report.findings.len();
        let unsent: Vec<String> = signed
            .names
            .iter()
            .filter(|n| request.header(n).is_none())
            .cloned()
            .collect();
        // A signed header the request lacks is itself the difference with the echo (said
        // once, by check_signed_headers).
        let unsent_differs = echo
            .as_deref()
            .is_some_and(|e| canonicals.iter().all(|(_, c)| c != e))
            && !unsent.is_empty();
        let echo_differs = !echo_findings.is_empty() || unsent_differs || report.echo_unsure;
        report.body_unchecked = body_unchecked || transcript.given_body_length.is_some();
        plus_reading(request, &canonicals, echo.as_deref(), report);
        let facts = Facts {
            echo: echo.is_some(),
            echo_differs,
            body_unchecked: report.body_unchecked,
            body_bearing: body_bearing(request),
            other_cause: other_cause(answer),
            unsent,
            search_complete: true,
            body_needed: body_unchecked && echo.is_none() && !other_cause(answer),
        };
        Check {
            transcript,
            words: report.credential,
            signed,
            well_formed,
            date,
            stand_in,
            gateway,
            echo,
            canonicals,
            chosen,
            echo_findings,
            facts,
        }
    }

    fn signature(&self, canonical: &str, secret: &str) -> String {
        signature(&string_to_sign(canonical, &self.date), secret)
    }

    /// A cut or mangled signature cannot be reproduced: no variant is searched, and the
    /// secret is not blamed. A short one where the paste is cut was cut with it: nothing
    /// was checked.
    fn malformed(&self, secret: Option<&str>, report: &mut Report) {
        if let Some(secret) = secret {
            report.signature_computed = Some(self.signature(&self.chosen.1, secret));
        }
        report.verdict = Some(if self.signed.sent.len() < 64 && self.transcript.cut {
            Verdict::Incomplete
        } else if secret.is_some() {
            Verdict::NotReproduced
        } else {
            Verdict::NoSecret
        });
    }

    /// The secret reproduces the signature from one reading of the request, from one
    /// only in upper-case hex, or, searched for, from a variant of what was sent.
    fn with_secret(&mut self, secret: &str, report: &mut Report) {
        let sent = self.signed.sent.as_str();
        let reproducing = self
            .canonicals
            .iter()
            .find(|(_, c)| self.signature(c, secret) == sent)
            .cloned();
        if reproducing.is_none()
            && let Some(found) = self
                .canonicals
                .iter()
                .find(|(_, c)| self.signature(c, secret).eq_ignore_ascii_case(sent))
        {
            upper_case_hex(self.words, report);
            report.signature_computed = Some(self.signature(&found.1, secret));
            report.verdict = Some(Verdict::Reproduced);
            self.chosen = found.clone();
            return;
        }
        let reproduced = reproducing.is_some();
        if let Some(found) = reproducing {
            self.chosen = found;
        }
        report.signature_computed = Some(self.signature(&self.chosen.1, secret));
        let verdict = if reproduced {
            self.reproduced(report);
            Verdict::Reproduced
        } else {
            self.searched(secret, report)
        };
        report.verdict = Some(verdict);
    }

    /// The request as sent reproduces the signature: the differences with the echo are
    /// then proven, and the causes left are the secret's or the gateway's.
    fn reproduced(&mut self, report: &mut Report) {
        let (request, answer) = (&self.transcript.request, &self.transcript.answer);
        if let Some(echo) = self.echo.as_deref().filter(|e| *e != self.chosen.1)
            && !self.facts.echo_differs
        {
            // The echo matched another reading than the one the client signed.
            compare_with_echo(request, &self.chosen.1, echo, SIGNED, report);
            self.facts.echo_differs = true;
        }
        if self.facts.echo_differs {
            for f in &mut report.findings[self.echo_findings.start..] {
                f.certainty = Certainty::Proven;
            }
        }
        if !self.facts.echo && rejected_signature(answer) {
            sdk_reading(self.chosen.0, report);
        }
        reproduced_causes(
            self.transcript,
            &self.signed.access,
            self.words,
            &self.facts,
            report,
        );
    }

    /// No reading of the request reproduces the signature: search what the client may
    /// have signed instead; the verdict says what the search found.
    fn searched(&mut self, secret: &str, report: &mut Report) -> Verdict {
        let request = &self.transcript.request;
        let stand_in = self.stand_in.as_deref();
        let base = Parts::of(request, &self.signed.names, self.chosen.0, stand_in);
        let searched = search(request, &base, &self.date, secret, &self.signed.sent);
        report.variants_tried = searched.tried;
        self.facts.search_complete = searched.complete;
        if !searched.complete {
            report.notes.push(format!("The variant search stopped after {} variants (the request signs many headers): not every pair of transforms was tried.", searched.tried));
        }
        if let Some(found) = searched.found {
            report.signature_computed = Some(self.signed.sent.clone());
            report.signed_variant = true;
            // The echo was compared with the request as sent; what the client signed is
            // now known, so those differences are stated again from it.
            report.findings.drain(self.echo_findings.clone());
            self.facts.echo_differs = false;
            self.chosen.1 = self.variant_signed(found, report);
            Verdict::Reproduced
        } else if self.facts.body_needed {
            body_needed(request, report);
            Verdict::BodyNeeded
        } else {
            let (words, tried) = (self.words, searched.tried);
            unreproduced_causes(self.transcript, words, &self.facts, tried, report);
            Verdict::NotReproduced
        }
    }

    /// The client signed `found` instead of the request it sent: what differs, unless the
    /// gateway computed the same (then the secrets differ). Returns what was signed.
    fn variant_signed(&self, found: Found, report: &mut Report) -> String {
        if self
            .gateway
            .as_ref()
            .is_some_and(|g| g.is(&found.canonical))
        {
            // The gateway computed exactly what the client signed: not a client fault;
            // the secrets differ.
            let what: Vec<String> = found.applied.iter().map(|(_, _, d)| d.clone()).collect();
            report.notes.push(format!(
                "The client signed the request with a difference ({}), and the gateway computed the same canonical request: the two sides agree on what was signed.",
                what.join("; ")
            ));
            let access = &self.signed.access;
            reproduced_causes(self.transcript, access, self.words, &self.facts, report);
            return found.canonical;
        }
        let changed: Vec<u8> = found
            .applied
            .iter()
            .map(|(t, _, _)| t.kind.component())
            .collect();
        variant_findings(found.applied, report);
        if let Some(echo) = &self.echo {
            let mut rest = Report {
                echo_unsure: report.echo_unsure,
                ..Report::default()
            };
            let request = &self.transcript.request;
            compare_with_echo(request, &found.canonical, echo, SIGNED, &mut rest);
            report.findings.extend(
                rest.findings
                    .into_iter()
                    .filter(|f| !changed.contains(&f.kind.component())),
            );
        }
        found.canonical
    }

    /// No secret typed: the signature is not checked, and a rejection with nothing else
    /// to blame leaves the secret open as a cause.
    fn without_secret(&self, report: &mut Report) {
        report.verdict = Some(Verdict::NoSecret);
        upper_case_unchecked(&self.signed.sent, self.words, report);
        let facts = &self.facts;
        if !facts.echo_differs && !facts.other_cause && rejected_signature(&self.transcript.answer)
        {
            open_causes(
                self.transcript,
                facts,
                FindingKind::SecretUnchecked,
                &format!(
                    "The signature was not checked (no {typed} given): the client may sign with another {typed} than the gateway holds for {key} {access}.",
                    typed = self.words.typed(),
                    key = self.words.key(),
                    access = self.signed.access,
                ),
                report,
            );
        }
    }
}

/// What the answer itself says; a 2xx answer means the gateway accepted the signature,
/// so whatever the recomputation suggests is not reported as a fault.
fn finish(answer: &Answer, access: &str, words: Credential, mut report: Report) -> Report {
    // The cause the answer names comes first; the recomputation's findings follow it.
    let before = report.findings.len();
    answer_findings(answer, access, words, &mut report);
    let added = report.findings.len() - before;
    report.findings.rotate_right(added);
    if let Some(status) = answer.status.filter(|s| (200..300).contains(s)) {
        report.accepted = Some(status);
        if !report.findings.is_empty() {
            report.notes.push(format!("The gateway answered HTTP {status}: it accepted this request's signature, so what the recomputation differs in ({} finding(s)) is not reported as a fault.", report.findings.len()));
        }
        report.findings.clear();
    }
    report
}
