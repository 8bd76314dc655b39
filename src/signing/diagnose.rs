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
use super::variants::search;
use causes::{
    Facts, answer_findings, body_bearing, body_needed, open_causes, other_cause,
    rejected_signature, reproduced_causes, sdk_reading, unreproduced_causes, variant_findings,
};
use echo_diff::{SENT, SIGNED, compare_with_echo, payload_stand_in, plus_reading};
use request::{
    PLACEHOLDER, authorization, check_date, check_signature_format, check_signed_headers,
    check_size, upper_case_hex,
};

/// Check the signed request of `transcript`, with the secret if the engineer typed it.
pub(crate) fn diagnose(transcript: &Transcript, secret: Option<&str>) -> Report {
    let (request, answer) = (&transcript.request, &transcript.answer);
    let mut report = Report {
        credential: Credential::of(answer),
        ..Report::default()
    };
    let words = report.credential;
    report.notes.extend(transcript.notes.iter().cloned());
    let Some((carrier, auth)) = request.signature_header() else {
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
        return report;
    };
    let auth = auth.trim();
    if !carrier.eq_ignore_ascii_case("authorization") {
        report.notes.push(format!("The signature was read from the {carrier} header, not Authorization: a gateway set to a custom app_auth_header reads it there; if this gateway is not, it finds no signature."));
    }
    if auth.contains(crate::redact::REDACTED) || PLACEHOLDER.is_match(auth) {
        report.verdict = Some(Verdict::AuthorizationRedacted);
        return report;
    }
    if auth.contains("Credential=") {
        report.verdict = Some(Verdict::NotAppAuth);
        report.find(
            FindingKind::ScopedVariant,
            format!("The Authorization header uses a scoped credential ({} with a Credential field): a different algorithm (derived key, a scope line in the string to sign), not the SDK-HMAC-SHA256 signing of {}.", auth.split_whitespace().next().unwrap_or_default(), words.authentication()),
            format!("Sign with an APIG SDK (SDK-HMAC-SHA256 with the {} as Access), not the older OTC cloud-service signer; or, for a cloud-service API, check that signer against its own documentation.", words.key()),
        );
        return report;
    }
    let Some((access, signed, sent)) = authorization(auth, words, &mut report) else {
        report.verdict = Some(Verdict::NotAppAuth);
        return report;
    };
    report.access = Some(access.clone());
    report.signature_sent = Some(sent.clone());
    let well_formed = check_signature_format(&sent, &mut report);
    let gateway = Echo::of(answer);
    let mut echo = gateway.as_ref().map(|g| g.canonical.clone());
    check_signed_headers(request, &signed, echo.as_deref(), &mut report);
    check_date(request, answer, &mut report);
    check_size(request, answer, &mut report);
    let (stand_in, body_unchecked) = payload_stand_in(request, echo.as_deref(), &mut report);
    let canonicals: Vec<(Variant, String)> = Variant::candidates(request)
        .into_iter()
        .map(|v| {
            (
                v,
                canonical_request(request, &signed, v, stand_in.as_deref()),
            )
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
            None => compare_with_echo(request, &chosen.1, echo, SENT, &mut report),
        }
    }
    let echo_end = report.findings.len();
    // A signed header the request lacks is itself the difference with the echo (said
    // once, by check_signed_headers).
    let unsent_differs = echo
        .as_deref()
        .is_some_and(|e| canonicals.iter().all(|(_, c)| c != e))
        && signed.iter().any(|n| request.header(n).is_none());
    let echo_differs = echo_end > start || unsent_differs || report.echo_unsure;
    plus_reading(request, &canonicals, echo.as_deref(), &mut report);
    let mut facts = Facts {
        echo: echo.is_some(),
        echo_differs,
        body_unchecked: body_unchecked || transcript.given_body_length.is_some(),
        body_bearing: body_bearing(request),
        other_cause: other_cause(answer),
        unsent: signed
            .iter()
            .filter(|n| request.header(n).is_none())
            .cloned()
            .collect(),
        search_complete: true,
        body_needed: body_unchecked && echo.is_none() && !other_cause(answer),
    };
    if !well_formed {
        // A cut or mangled signature cannot be reproduced: no variant is searched, and
        // the secret is not blamed. A short one where the paste is cut was cut with it:
        // nothing was checked.
        if let Some(secret) = secret {
            report.signature_computed = Some(signature(&string_to_sign(&chosen.1, &date), secret));
        }
        report.verdict = Some(if sent.len() < 64 && transcript.cut {
            Verdict::Incomplete
        } else if secret.is_some() {
            Verdict::NotReproduced
        } else {
            Verdict::NoSecret
        });
    } else if let Some(secret) = secret {
        let reproducing = canonicals
            .iter()
            .find(|(_, c)| signature(&string_to_sign(c, &date), secret) == sent)
            .cloned();
        if reproducing.is_none()
            && let Some((v, c)) = canonicals.iter().find(|(_, c)| {
                signature(&string_to_sign(c, &date), secret).eq_ignore_ascii_case(&sent)
            })
        {
            upper_case_hex(words, &mut report);
            report.signature_computed = Some(signature(&string_to_sign(c, &date), secret));
            report.verdict = Some(Verdict::Reproduced);
            report.canonical_request = c.clone();
            report.string_to_sign = string_to_sign(c, &date);
            report.reading = v.describe();
            return finish(answer, &access, words, report);
        }
        let reproduced = reproducing.is_some();
        if let Some(found) = reproducing {
            chosen = found;
        }
        report.signature_computed = Some(signature(&string_to_sign(&chosen.1, &date), secret));
        let mut verdict = if reproduced {
            Verdict::Reproduced
        } else {
            Verdict::NotReproduced
        };
        if reproduced {
            if let Some(echo) = echo.as_deref().filter(|e| *e != chosen.1)
                && !facts.echo_differs
            {
                // The echo matched another reading than the one the client signed.
                compare_with_echo(request, &chosen.1, echo, SIGNED, &mut report);
                facts.echo_differs = true;
            }
            if facts.echo_differs {
                for f in &mut report.findings[start..] {
                    f.certainty = Certainty::Proven;
                }
            }
            if !facts.echo && rejected_signature(answer) {
                sdk_reading(chosen.0, &mut report);
            }
            reproduced_causes(transcript, &access, words, &facts, &mut report);
        } else {
            let base = Parts::of(request, &signed, chosen.0, stand_in.as_deref());
            let searched = search(request, &base, &date, secret, &sent);
            report.variants_tried = searched.tried;
            facts.search_complete = searched.complete;
            if !searched.complete {
                report.notes.push(format!("The variant search stopped after {} variants (the request signs many headers): not every pair of transforms was tried.", searched.tried));
            }
            if let Some(found) = searched.found {
                verdict = Verdict::Reproduced;
                report.signature_computed = Some(sent.clone());
                report.signed_variant = true;
                // The echo was compared with the request as sent; what the client signed
                // is now known, so those differences are stated again from it.
                report.findings.drain(start..echo_end);
                facts.echo_differs = false;
                if gateway.as_ref().is_some_and(|g| g.is(&found.canonical)) {
                    // The gateway computed exactly what the client signed: not a client
                    // fault; the secrets differ.
                    let what: Vec<String> =
                        found.applied.iter().map(|(_, _, d)| d.clone()).collect();
                    report.notes.push(format!(
                        "The client signed the request with a difference ({}), and the gateway computed the same canonical request: the two sides agree on what was signed.",
                        what.join("; ")
                    ));
                    chosen.1 = found.canonical;
                    reproduced_causes(transcript, &access, words, &facts, &mut report);
                } else {
                    let changed: Vec<u8> = found
                        .applied
                        .iter()
                        .map(|(t, _, _)| t.kind.component())
                        .collect();
                    variant_findings(found.applied, &mut report);
                    if let Some(echo) = &echo {
                        let mut rest = Report {
                            echo_unsure: report.echo_unsure,
                            ..Report::default()
                        };
                        compare_with_echo(request, &found.canonical, echo, SIGNED, &mut rest);
                        report.findings.extend(
                            rest.findings
                                .into_iter()
                                .filter(|f| !changed.contains(&f.kind.component())),
                        );
                    }
                    chosen.1 = found.canonical;
                }
            } else if facts.body_needed {
                verdict = Verdict::BodyNeeded;
                body_needed(request, &mut report);
            } else {
                unreproduced_causes(transcript, words, &facts, searched.tried, &mut report);
            }
        }
        report.verdict = Some(verdict);
    } else {
        report.verdict = Some(Verdict::NoSecret);
        if !facts.echo_differs && !facts.other_cause && rejected_signature(answer) {
            open_causes(
                transcript,
                &facts,
                FindingKind::SecretUnchecked,
                &format!(
                    "The signature was not checked (no {typed} given): the client may sign with another {typed} than the gateway holds for {key} {access}.",
                    typed = words.typed(),
                    key = words.key()
                ),
                &mut report,
            );
        }
    }
    report.reading = chosen.0.describe();
    report.string_to_sign = string_to_sign(&chosen.1, &date);
    report.canonical_request = chosen.1;
    finish(answer, &access, words, report)
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
