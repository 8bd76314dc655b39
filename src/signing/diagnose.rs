//! Why the gateway rejected a signed request, component by component: the request as
//! the client signed it, as the gateway saw it (the canonical request its error echoes),
//! and, given the secret, whether the sent signature is reproduced.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::canonical::{
    EMPTY_SHA256, Parts, Request, Variant, canonical_request, signature, string_to_sign,
};
use super::credential::Credential;
use super::echo::{Echo, header_block};
use super::transcript::{Answer, Transcript};
use super::variants::{Applied, search};
use crate::analysis::{SIGNATURE_TOLERANCE_MINUTES, http_date, sdk_date};
use crate::pattern::re;

/// What the check concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The typed secret gives the signature the client sent.
    Reproduced,
    /// It does not.
    NotReproduced,
    /// No secret was given: only the request and the gateway's echo were compared.
    NoSecret,
    /// The paste holds no App-authenticated (SDK-HMAC-SHA256 `Access=`) request.
    NotAppAuth,
    /// The request's Authorization header is redacted in the paste (by the app's store,
    /// or by whoever pasted it: `***`, `[REDACTED]`): there is no signature to check, and
    /// the transcript must be pasted again as it was sent.
    AuthorizationRedacted,
    /// The paste is cut: inside the request's headers before any Authorization header
    /// (whether the request was signed is unknown), or inside the signature itself (not
    /// 64 characters, so nothing can reproduce it).
    Incomplete,
    /// The signature was not checked: it covers a body the request sent (a declared
    /// length) that neither the paste nor the gateway's canonical request shows.
    BodyNeeded,
}

/// A fixed name for each cause the doctor can find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The signing time is too far from the gateway's clock.
    ClockSkew,
    /// The signing date is not in the form the gateway reads.
    DateFormat,
    /// The date header is not among the signed headers.
    DateNotSigned,
    /// The Authorization header is not in the gateway's form.
    AuthorizationFormat,
    /// The Authorization header uses the scoped `Credential=` form of another algorithm.
    ScopedVariant,
    /// `SignedHeaders` is not written as the gateway reads it.
    SignedHeadersFormat,
    /// A signed header name has an underscore, which proxies drop or rewrite.
    UnderscoreHeader,
    /// The method signed differs from the one sent.
    Method,
    /// The path signed differs from the one sent.
    Path,
    /// The query signed differs from the one sent.
    Query,
    /// A raw `+` in the query, which signers read as a space or a plus.
    QueryPlus,
    /// A signed header's value differs from the one sent.
    HeaderValue,
    /// The body signed differs from the one sent.
    Payload,
    /// The secret given does not produce the signature sent.
    SecretMismatch,
    /// No variant of the request reproduced the signature.
    SignatureNotReproduced,
    /// No secret was given: the client may sign with another secret than the gateway
    /// holds (an open cause, not a result).
    SecretUnchecked,
    /// The signature is reproduced only under a reading the SDKs disagree on and the
    /// gateway's is not published (an empty body with X-Sdk-Content-Sha256, a raw `+`,
    /// the sort of escaped bytes).
    SdkReading,
    /// The gateway refused the request for its size (APIG.0201, HTTP 413/414/494).
    SizeLimit,
    /// The `Signature=` value is not 64 lower-case hex digits (cut, or upper-case hex).
    SignatureFormat,
    /// The gateway does not know the AppKey.
    AppNotFound,
    /// The signature is fine, but the app is not authorized for the API.
    NotAuthorized,
    /// The body given is not the one sent (its length differs from Content-Length).
    ContentLength,
    /// The secret reproduces the signature, but without the gateway's canonical request
    /// it is open whether the gateway holds another secret or saw another request.
    GatewaySecret,
    /// Something between the client and the gateway may have changed the request.
    Proxy,
    /// IAM locked the AK after repeated failed signatures (APIG.0301 "AK access failed to
    /// reach the limit"): every request fails until the lock ends, whatever its signature.
    AkLocked,
}

impl FindingKind {
    /// Which line of the canonical request the kind is about (0 when none): a
    /// difference the variant search explains is not reported again by the echo.
    fn component(self) -> u8 {
        match self {
            FindingKind::Method => 1,
            FindingKind::Path => 2,
            FindingKind::Query | FindingKind::QueryPlus => 3,
            FindingKind::HeaderValue | FindingKind::SignedHeadersFormat => 4,
            FindingKind::Payload => 5,
            _ => 0,
        }
    }
}

/// How sure a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Certainty {
    /// The sent signature was reproduced with it: HMAC leaves no doubt.
    Proven,
    /// What the paste shows, without a reproduced signature.
    Likely,
    /// One of the causes still open; checked in the order listed.
    Possible,
}

impl Certainty {
    /// The word shown beside a finding, the same as in `--json`.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Certainty::Proven => "proven",
            Certainty::Likely => "likely",
            Certainty::Possible => "possible",
        }
    }
}

/// One cause, in a sentence, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which cause.
    pub(crate) kind: FindingKind,
    /// The cause, in a sentence.
    pub(crate) detail: String,
    /// What to do about it.
    pub(crate) action: String,
    /// How sure the doctor is.
    pub(crate) certainty: Certainty,
    /// The transform that reproduced the signature: what the client signed instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<Applied>,
}

/// Everything the check found; the secret is in none of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// The doctor's conclusion, when it reached one.
    pub(crate) verdict: Option<Verdict>,
    /// The causes found.
    pub(crate) findings: Vec<Finding>,
    /// What was not checked and why (no body, a body whose length differs).
    pub(crate) notes: Vec<String>,
    /// The canonical request as the client's values give it.
    pub(crate) canonical_request: String,
    /// The canonical request the gateway built, when the paste shows it.
    pub(crate) gateway_canonical_request: Option<String>,
    /// The string to sign.
    pub(crate) string_to_sign: String,
    /// The signature the client sent.
    pub(crate) signature_sent: Option<String>,
    /// The signature the secret gives, when a secret was given.
    pub(crate) signature_computed: Option<String>,
    /// The reading of the unpublished details that matched, when not the default.
    pub(crate) reading: Vec<&'static str>,
    /// How many variants of the request (what the client may have signed) were tried.
    pub(crate) variants_tried: usize,
    /// Which pair signed: an app's AppKey/AppSecret or an IAM AK/SK; the words follow it.
    pub(crate) credential: Credential,
    /// The `Access=` value (the AppKey or the AK): not a secret, and the first thing to
    /// look up in the console.
    pub(crate) access: Option<String>,
    /// A variant reproduced the signature: the canonical request shown is the one the
    /// client signed, not the one recomputed from the transcript.
    #[serde(skip)]
    pub(crate) signed_variant: bool,
    /// The gateway answered with this 2xx status: it accepted the signature, so no
    /// signature fault is reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) accepted: Option<u16>,
    /// The gateway's canonical request could not be split into its lines for sure (a
    /// header value holds `|`): its header lines are not compared.
    #[serde(skip)]
    pub(crate) echo_unsure: bool,
}

impl Report {
    /// Whether a finding of `kind` was made.
    pub(crate) fn has(&self, kind: FindingKind) -> bool {
        self.findings.iter().any(|f| f.kind == kind)
    }

    fn find(&mut self, kind: FindingKind, detail: impl Into<String>, action: impl Into<String>) {
        let detail = detail.into();
        let repeated = self
            .findings
            .iter()
            .any(|f| f.kind == kind && f.detail == detail);
        let many = matches!(
            kind,
            FindingKind::HeaderValue | FindingKind::SignedHeadersFormat
        );
        if !repeated && (many || !self.has(kind)) {
            self.findings.push(Finding {
                kind,
                detail,
                action: action.into(),
                certainty: Certainty::Likely,
                variant: None,
            });
        }
    }

    /// A finding with its certainty (the last one pushed, if it was new).
    fn find_as(
        &mut self,
        certainty: Certainty,
        kind: FindingKind,
        detail: impl Into<String>,
        action: impl Into<String>,
    ) {
        let before = self.findings.len();
        self.find(kind, detail, action);
        if self.findings.len() > before
            && let Some(f) = self.findings.last_mut()
        {
            f.certainty = certainty;
        }
    }
}

/// The official verifier's pattern (the gateway's SDK sample): one space after the
/// algorithm, optional single spaces after the commas.
static STRICT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^SDK-HMAC-SHA256\s+Access=([^,]+),\s?SignedHeaders=([^,]+),\s?Signature=(\w+)$")
});
static LENIENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)SDK-HMAC-SHA256[\s,]+Access\s*=\s*([^,\s]+)[\s,]+SignedHeaders\s*=\s*([^,\s]+)[\s,]+Signature\s*=\s*(\w+)",
    )
});
static SDK_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{8}T\d{6}Z$"));
static SERVER_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)server\s*time\s*[:=]\s*(\d{8}T\d{6}Z)"));

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

/// A placeholder where the paste hides a value (`***`, `[REDACTED]`, `<redacted>`).
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\*{3,}|[\[<(]\s*(?:redacted|removed|hidden|masked|filtered|secret)\s*[\]>)]|\bREDACTED\b",
    )
});

/// An HMAC-SHA256 signature is 64 hex digits; anything else was cut or mangled on its
/// way into the paste (or by the client), and no secret can reproduce it. Whether it is
/// well formed (upper-case hex is judged with the secret).
fn check_signature_format(sent: &str, report: &mut Report) -> bool {
    if sent.len() == 64 && sent.bytes().all(|b| b.is_ascii_hexdigit()) {
        return true;
    }
    // Worded without the parameter's `name=`, which redaction would read as a
    // credential and hide the words after it.
    let hex = if sent.bytes().all(|b| b.is_ascii_hexdigit()) {
        ""
    } else {
        ", not all hex digits"
    };
    let how = if sent.chars().count() < 64 {
        "the paste looks cut inside it (or a log or the client shortened it)"
    } else {
        "it was changed (by the client, a log or the paste)"
    };
    report.find(
        FindingKind::SignatureFormat,
        format!("The signature sent is {} characters long{hex}; an HMAC-SHA256 signature is 64 hex digits, so {how}, and no secret can reproduce it.", sent.chars().count()),
        "Paste the Authorization header whole, as it was sent; if the client sends it so, fix how it writes the signature (the 64-digit lower-case hex of the HMAC).",
    );
    false
}

/// The secret gives the signature sent, but the request sent it in upper-case hex.
fn upper_case_hex(words: Credential, report: &mut Report) {
    report.find(
        FindingKind::SignatureFormat,
        format!("This {} gives the signature sent, but the request sent it in upper-case hex; the APIG SDKs send lower-case hex, and the gateway compares the text (inferred, not published), so it is likely read as a mismatch.", words.typed()),
        "Write the signature as lower-case hex (the HMAC-SHA256 result, hex-encoded in lower case).",
    );
}

/// What the verdict rules need to know about the paste.
struct Facts {
    /// The gateway echoed its canonical request.
    echo: bool,
    /// And it differs from the one recomputed from the transcript.
    echo_differs: bool,
    /// The body signed is not known to be the one hashed (not given, or not the one sent).
    body_unchecked: bool,
    /// The request carries a body (POST/PUT/PATCH or a declared length).
    body_bearing: bool,
    /// The answer names another cause (unknown app, expired, not authorized).
    other_cause: bool,
    /// Signed headers the request does not send: the values the client signed are
    /// unknown, so the secret cannot be shown wrong.
    unsent: Vec<String>,
    /// The variant search tried every single and pair (it stops in very large requests).
    search_complete: bool,
    /// The request sent a body that neither the paste nor the gateway's echo shows.
    body_needed: bool,
}

fn body_bearing(request: &Request) -> bool {
    matches!(
        request.method.to_ascii_uppercase().as_str(),
        "POST" | "PUT" | "PATCH"
    ) || request
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
        .is_some_and(|n| n > 0)
        || request.header("transfer-encoding").is_some()
}

fn other_cause(answer: &Answer) -> bool {
    let message = answer
        .message
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let code = answer.code.as_deref().unwrap_or_default();
    let status = answer.status.unwrap_or_default();
    message.contains("app not found")
        || SIZE_LIMITS.iter().any(|(s, _)| *s == status)
        || code.ends_with(".0201")
        || message.contains("signature expired")
        || message.contains("not exist")
        || message.contains("reach the limit")
        || code.ends_with(".0304")
}

/// The secret gives the signature sent from the transcript as it is.
fn reproduced_causes(
    transcript: &Transcript,
    access: &str,
    words: Credential,
    facts: &Facts,
    report: &mut Report,
) {
    if let Some((given, sent)) = transcript.given_body_length {
        report.find_as(
            Certainty::Proven,
            FindingKind::Payload,
            format!("The {} reproduces the signature with the body given ({given} bytes), but the request sent Content-Length: {sent}: the client signed this body and sent another (re-serialized, re-encoded or changed after signing).", words.typed()),
            "Sign the exact bytes that are sent: serialize the body once, sign those bytes and send them unchanged (curl: --data-binary).",
        );
        return;
    }
    let declared = transcript
        .request
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
        .filter(|&n| n > 0);
    if let Some(sent) = declared.filter(|_| facts.body_unchecked && !facts.echo) {
        // Neither the body nor the gateway's hash was known: the empty body's hash
        // stood in, and it reproduced the signature.
        report.find_as(
            Certainty::Proven,
            FindingKind::Payload,
            format!("The {} reproduces the signature with an empty body, but the request sent Content-Length: {sent}: the client signed no body and sent one.", words.typed()),
            "Sign the body that is sent (some signers drop the body of GET/DELETE, or sign before the body is set).",
        );
        return;
    }
    if facts.echo_differs || facts.other_cause || !rejected_signature(&transcript.answer) {
        return;
    }
    if facts.echo {
        report.find_as(
            Certainty::Proven,
            FindingKind::SecretMismatch,
            format!("The gateway computed the same canonical request as the client, and this {typed} reproduces the signature sent: the client signs with {a_typed} the gateway does not hold for {key} {access}.", typed = words.typed(), a_typed = words.a_typed(), key = words.key()),
            format!("Check which {owner} {key} {access} belongs to and give the client the {secret} that goes with it: {place}.", owner = words.holder(), key = words.key(), secret = words.secret(), place = words.where_to_get()),
        );
        return;
    }
    report.find_as(
        Certainty::Possible,
        FindingKind::GatewaySecret,
        format!("This {secret} reproduces the signature sent, so the client signed the transcript's request with it; the gateway's answer holds no canonical request, so it is open whether the gateway holds another {secret} for {key} {access} or received another request.", secret = words.typed(), key = words.key()),
        format!("Compare the {secret} with {owner}'s current one ({place}); if they are the same, look for something that changes the request on the way.", secret = words.secret(), owner = words.owner(), place = words.where_to_get()),
    );
    proxy(facts, report);
}

/// Neither the transcript nor any variant gives the signature sent.
fn unreproduced_causes(
    transcript: &Transcript,
    words: Credential,
    facts: &Facts,
    tried: usize,
    report: &mut Report,
) {
    if facts.echo_differs {
        return;
    }
    if facts.other_cause {
        // The answer names its own cause; that this secret reproduces nothing is said
        // beside it, not left out.
        report.find_as(
            Certainty::Possible,
            FindingKind::SignatureNotReproduced,
            format!("Besides: this {secret} gives neither the transcript's signature nor that of any of {tried} variants of the request, so the client may also sign with another {secret}.", secret = words.typed()),
            format!("Confirm the {secret} the client is configured with against {owner}'s current one ({place}).", secret = words.secret(), owner = words.owner(), place = words.where_to_get()),
        );
        return;
    }
    if facts.echo && !facts.body_unchecked && facts.unsent.is_empty() && facts.search_complete {
        report.find_as(
            Certainty::Possible,
            FindingKind::SecretMismatch,
            format!("The request arrived as the transcript shows it (the gateway's canonical request is the one recomputed from it, body included), and neither it nor any of {tried} variants of what a client may sign instead gives the signature sent with this {secret}: the client signs with another {secret}, or its signing code builds the canonical request in a way not tried here.", secret = words.typed()),
            format!("Give the client {owner}'s current {secret} ({place}); if it already has it, compare its signing code with the APIG SDK (the HMAC key is the {secret} as it is, the result lower-case hex).", owner = words.owner(), secret = words.secret(), place = words.where_to_get()),
        );
        return;
    }
    open_causes(
        transcript,
        facts,
        FindingKind::SignatureNotReproduced,
        &format!(
            "This {secret} gives neither the transcript's signature nor that of any of {tried} variants of the request, so the client may sign with another {secret}.",
            secret = words.typed()
        ),
        report,
    );
}

/// The causes a partial check leaves open, most likely first: the body, the secret, a proxy.
fn open_causes(
    transcript: &Transcript,
    facts: &Facts,
    secret_kind: FindingKind,
    secret_detail: &str,
    report: &mut Report,
) {
    let words = report.credential;
    let request = &transcript.request;
    if facts.body_unchecked && facts.body_bearing {
        report.find_as(
            Certainty::Possible,
            FindingKind::Payload,
            format!("The body was not checked: the client may have signed other bytes than the {} sent (re-serialized JSON, changed line ends, an added newline).", request.method),
            "Give the exact body that was sent (the --data-binary file, or the HTTP library's log) to check it.",
        );
    }
    report.find_as(
        Certainty::Possible,
        secret_kind,
        secret_detail,
        format!("Confirm the {secret} the client is configured with against {owner}'s current one ({place}).", secret = words.secret(), owner = words.owner(), place = words.where_to_get()),
    );
    proxy(facts, report);
}

/// The body the signature covers is unknown, and nothing reproduced the signature
/// without it: the secret and the body cannot be judged apart.
fn body_needed(request: &Request, report: &mut Report) {
    // The finding says it, with the length; the general note would repeat it.
    report
        .notes
        .retain(|n| !n.starts_with("The body was not checked: curl -v does not show it"));
    let length = request
        .header("content-length")
        .map_or("a body".to_string(), |l| {
            format!("Content-Length: {}", l.trim())
        });
    report.find_as(
        Certainty::Possible,
        FindingKind::Payload,
        format!("The body was not checked: the signature covers the body the {} sent ({length}), which the paste does not show and the gateway's answer does not hash, so neither the secret nor the body can be judged (with an empty body in its place the signature is not reproduced either).", request.method),
        "Give the exact body that was sent (the --data-binary file, or the HTTP library's log) to check it.",
    );
}

/// The signature is reproduced only under a reading of an unpublished detail that not
/// every SDK shares, and the gateway, which rejected it, may read it the other way.
/// Without the gateway's canonical request this stays possible, never proven.
fn sdk_reading(variant: Variant, report: &mut Report) {
    if variant.empty_body_hash {
        report.find_as(
            Certainty::Possible,
            FindingKind::SdkReading,
            "The signature is reproduced only with the empty body's hash as the payload line, although the request sends X-Sdk-Content-Sha256: the Python-v3 SDK signs an empty body so, the Go, Java and .NET SDKs sign the header's value. Which one the gateway uses is not published; it rejected this request, so it may use the header's value.",
            "Send X-Sdk-Content-Sha256 only with a body (or sign its value as the payload line, as the Go, Java and .NET SDKs do); or ask for the gateway's answer with its canonicalRequest to see which it used.",
        );
    }
    if variant.sort_encoded {
        report.find_as(
            Certainty::Possible,
            FindingKind::SdkReading,
            "The signature is reproduced only with the query sorted by its encoded form (the Java SDKs), not by its decoded bytes (Go, Python, JS). Which order the gateway uses is not published; it rejected this request, so it may sort the other way.",
            "Avoid query names whose two orders differ (a percent-escaped byte beside a letter or '[' and the like), or ask for the gateway's answer with its canonicalRequest.",
        );
    }
}

fn proxy(facts: &Facts, report: &mut Report) {
    if facts.echo {
        return;
    }
    let answer = match report.credential {
        Credential::App => "APIG.0303 \"verify signature fail\"",
        Credential::Aksk => "APIG.0301 \"verify aksk signature fail\"",
    };
    report.find_as(
        Certainty::Possible,
        FindingKind::Proxy,
        "The gateway's answer holds no canonical request, so the request it received was not seen: a proxy, load balancer or API client between the two may have changed it after signing.",
        format!("Send the request straight to the gateway, or ask for the gateway's answer with its canonicalRequest ({answer}), to compare."),
    );
}

/// The variant that reproduced the signature, one finding per transform applied.
fn variant_findings(
    applied: Vec<(&'static super::variants::Transform, Applied, String)>,
    report: &mut Report,
) {
    for (transform, applied, difference) in applied {
        report.findings.push(Finding {
            kind: transform.kind,
            detail: format!(
                "The signature sent is reproduced with {}: {difference}.",
                transform.changes
            ),
            action: transform.action.to_string(),
            certainty: Certainty::Proven,
            variant: Some(applied),
        });
    }
}

/// Access, the signed header names (lower-cased) and the signature; a header that only a
/// lenient reading understands is a finding.
fn authorization(
    auth: &str,
    words: Credential,
    report: &mut Report,
) -> Option<(String, Vec<String>, String)> {
    if let Some(c) = STRICT.captures(auth) {
        return Some((c[1].to_string(), split_signed(&c[2]), c[3].to_string()));
    }
    let lenient = LENIENT.captures(auth);
    let how = if auth.starts_with("SDK-HMAC-SHA256,") {
        "a comma after the algorithm (it takes a space)"
    } else if lenient.is_some() {
        "spacing the gateway does not accept (one space after the algorithm, ', ' between the parts)"
    } else {
        "not the gateway's form (SDK-HMAC-SHA256, then Access, SignedHeaders and Signature, each name=value, joined by a comma and a space)"
    };
    let how = if lenient.is_some() && !auth.contains(',') {
        "no commas between Access, SignedHeaders and Signature"
    } else {
        how
    };
    report.find(
        FindingKind::AuthorizationFormat,
        format!("The Authorization header has {how}: \"{auth}\"."),
        format!("Build the header as 'SDK-HMAC-SHA256 Access=<{}>, SignedHeaders=<names>, Signature=<64 hex>', or use an APIG SDK to sign.", words.key()),
    );
    let c = lenient?;
    Some((c[1].to_string(), split_signed(&c[2]), c[3].to_string()))
}

fn split_signed(list: &str) -> Vec<String> {
    list.split(';')
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_signed_headers(
    request: &Request,
    signed: &[String],
    echo: Option<&str>,
    report: &mut Report,
) {
    if signed.iter().any(|n| *n != n.to_ascii_lowercase()) {
        report.find(
            FindingKind::SignedHeadersFormat,
            format!("SignedHeaders is not lower-case: {}.", signed.join(";")),
            "List the header names in lower case, sorted, joined with ';'.",
        );
    }
    let mut sorted = signed.to_vec();
    sorted.sort();
    if sorted != signed {
        report.find(
            FindingKind::SignedHeadersFormat,
            format!("SignedHeaders is not sorted: {} (sorted: {}).", signed.join(";"), sorted.join(";")),
            "Sort the names ascending before joining them; the gateway rebuilds the canonical headers in the listed order.",
        );
    }
    if signed
        .iter()
        .any(|n| n.eq_ignore_ascii_case("authorization"))
    {
        report.find(
            FindingKind::SignedHeadersFormat,
            "SignedHeaders names authorization, which carries the signature and is never signed.",
            "Remove authorization from the signed headers (the signing code must sign before it adds the header).",
        );
    }
    for name in signed.iter().filter(|n| request.header(n).is_none()) {
        let prefix = format!("{name}:");
        let echoed = echo.and_then(|e| {
            e.lines()
                .find_map(|l| l.strip_prefix(&prefix))
                .map(str::trim)
        });
        if echoed == Some("") {
            // The gateway wrote the line with no value: nothing of that name reached it.
            // Said once, by the comparison with the echo (proven when the secret tells
            // what the client signed).
            continue;
        }
        if echoed.is_some() {
            // The gateway saw it: the paste lacks the line, the request did not.
            report.find_as(
                Certainty::Possible,
                FindingKind::SignedHeadersFormat,
                format!("SignedHeaders names {name}, and the gateway's canonical request has it, but the transcript shows no {name} line: the paste lacks it (or something on the way added it)."),
                format!("Paste the request with its {name} line as it was sent."),
            );
        } else {
            report.find(
                FindingKind::SignedHeadersFormat,
                format!("SignedHeaders names {name}, but the transcript shows no {name} line: it was not sent, or the paste lacks it; the value the client signed is unknown, so the signature cannot be rebuilt from this paste."),
                format!("Send the {name} header, or leave it out of SignedHeaders; if it was sent, paste the request whole."),
            );
        }
    }
    for name in signed.iter().filter(|n| n.contains('_')) {
        report.find(
            FindingKind::UnderscoreHeader,
            format!("The signed header {name} has an underscore: the gateway drops such headers, so it cannot rebuild the signature."),
            "Rename the header with '-' instead of '_', or do not sign it (newer SDKs skip such headers).",
        );
    }
    if !signed.iter().any(|n| n.eq_ignore_ascii_case("x-sdk-date")) {
        report.find(
            FindingKind::DateNotSigned,
            "x-sdk-date is not among the signed headers; the gateway requires it.",
            "Send X-Sdk-Date (YYYYMMDDTHHMMSSZ, UTC) and include x-sdk-date in SignedHeaders.",
        );
    }
}

/// The gateway's size limits (APIG error table): a request over one is refused for its
/// size, before its signature is looked at.
const SIZE_LIMITS: [(u16, &str); 3] = [
    (
        413,
        "the body may be at most 12 MB (the gateway signs and reads it whole)",
    ),
    (414, "the URI may be at most 32 KB"),
    (
        494,
        "each header may be at most 32 KB, and all of them 128 KB",
    ),
];

/// A request refused for its size: the limit it passed, and the length it sent.
fn check_size(request: &Request, answer: &Answer, report: &mut Report) {
    let code = answer.code.as_deref().unwrap_or_default();
    let status = if code.ends_with(".0201") {
        Some(413)
    } else {
        answer.status
    };
    let Some((status, limit)) = SIZE_LIMITS.iter().find(|(s, _)| Some(*s) == status) else {
        return;
    };
    let sent = match request
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
    {
        Some(n) if *status == 413 => format!(
            "; this request sent Content-Length: {n} ({:.1} MB)",
            n as f64 / (1024.0 * 1024.0)
        ),
        _ => String::new(),
    };
    let named = if code.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("{code}, HTTP {status}")
    };
    report.find(
        FindingKind::SizeLimit,
        format!("The gateway refused the request for its size ({named}) before checking its signature: {limit}{sent}."),
        "Send less per request (split the upload, or upload large files to object storage and send a link); the signature is not the cause.",
    );
}

/// The date's format, and the signing time against the gateway's (never against itself).
fn check_date(request: &Request, answer: &Answer, report: &mut Report) {
    let Some(date) = request.header("x-sdk-date").map(str::trim) else {
        report.find(
            FindingKind::DateNotSigned,
            "The request sends no X-Sdk-Date header.",
            "Send X-Sdk-Date (YYYYMMDDTHHMMSSZ, UTC) and sign it.",
        );
        return;
    };
    if !SDK_DATE.is_match(date) || sdk_date(date).is_none() {
        report.find(
            FindingKind::DateFormat,
            format!(
                "X-Sdk-Date is \"{date}\", not the form 20261127T063800Z (UTC, no separators)."
            ),
            "Format the signing time as YYYYMMDDTHHMMSSZ in UTC.",
        );
        return;
    }
    let server = answer
        .message
        .as_deref()
        .and_then(|m| SERVER_TIME.captures(m))
        .and_then(|c| sdk_date(&c[1]))
        .or_else(|| answer.date.as_deref().and_then(http_date));
    if server.is_none() {
        report.notes.push("The signing time was not compared with the gateway's clock: the answer shows no Date header or server time.".into());
    }
    if let (Some(signed), Some(server)) = (sdk_date(date), server) {
        let minutes = (server.as_second() - signed.as_second()) / 60;
        if minutes.abs() > SIGNATURE_TOLERANCE_MINUTES {
            let way = if minutes > 0 { "behind" } else { "ahead of" };
            report.find(
                FindingKind::ClockSkew,
                format!("The request was signed at {date}, {} minutes {way} the gateway's time; the gateway accepts {SIGNATURE_TOLERANCE_MINUTES}.", minutes.abs()),
                "Sync the client's clock (NTP) and sign each request when it is sent, not once at start-up.",
            );
        }
    }
}

/// The body's hash when the body is unknown (the gateway's echo stands in), and whether
/// the body is unchecked; the report says so.
fn payload_stand_in(
    request: &Request,
    echo: Option<&str>,
    report: &mut Report,
) -> (Option<String>, bool) {
    if request.body.is_some() || request.header("x-sdk-content-sha256").is_some() {
        // Known, or not signed at all: X-Sdk-Content-Sha256 is the payload line as it is.
        return (None, false);
    }
    let declared = request
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok());
    let echoed = echo.and_then(|e| e.lines().last()).map(str::to_string);
    // No length sent and the gateway hashed nothing either: there is no body. A gateway
    // that hashed something else received a body, whatever the headers show.
    let echo_says_empty = echoed.as_deref().is_none_or(|h| h == EMPTY_SHA256);
    if declared.is_none_or(|n| n == 0)
        && request.header("transfer-encoding").is_none()
        && echo_says_empty
    {
        return (Some(EMPTY_SHA256.into()), false);
    }
    report.notes.push(match &echoed {
        Some(_) => "The body was not checked: curl -v does not show it, so the gateway's payload hash stands in. Paste or drop the exact body to check it.".into(),
        None => "The body was not checked: curl -v does not show it. Paste or drop the exact body to check it.".into(),
    });
    (echoed, true)
}

/// Who the left side of an echo comparison is: the request as sent (the transcript), or,
/// once the signature is reproduced, the client's signing.
const SENT: Side = Side {
    subject: "The request sent",
    object: "the request sent",
    no_line: "the transcript shows no",
};
const SIGNED: Side = Side {
    subject: "The client signed",
    object: "the client signed",
    no_line: "the client signed no",
};

#[derive(Clone, Copy)]
struct Side {
    subject: &'static str,
    object: &'static str,
    /// A header the gateway saw that this side has no line for.
    no_line: &'static str,
}

/// Name the component where the left canonical request (`who` made it) and the
/// gateway's differ.
fn compare_with_echo(request: &Request, ours: &str, echo: &str, who: Side, report: &mut Report) {
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), echo.lines().collect());
    let line = |v: &[&str], i: usize| v.get(i).copied().unwrap_or_default().to_string();
    if line(&a, 0) != line(&b, 0) {
        report.find(
            FindingKind::Method,
            format!(
                "{} {} but the gateway received {}.",
                who.subject,
                line(&a, 0),
                line(&b, 0)
            ),
            "Sign with the method the request is sent with (a proxy or redirect may change it).",
        );
    }
    if line(&a, 1) != line(&b, 1) {
        report.find(
            FindingKind::Path,
            format!("{} the path {} but the gateway saw {}.", who.subject, line(&a, 1), line(&b, 1)),
            "Sign the path exactly as sent, each segment percent-encoded (RFC 3986 unreserved kept), ending in '/'; a path prefix added by a proxy or base URL changes it.",
        );
    }
    if line(&a, 2) != line(&b, 2) && !report.has(FindingKind::QueryPlus) {
        report.find(
            FindingKind::Query,
            format!("{} the query \"{}\" but the gateway saw \"{}\".", who.subject, line(&a, 2), line(&b, 2)),
            "Sign the query as sent: decoded then re-encoded, sorted by name and value, 'a=' for empty values.",
        );
    }
    let (ours_h, echo_h) = if report.echo_unsure {
        let block = |c: &str| header_block(&c.replace('\n', "|")).map(str::to_string);
        if block(ours) != block(echo) {
            report.find(
                FindingKind::HeaderValue,
                format!("The gateway's header lines differ from those {} but could not be split for sure (a header value holds '|', which the gateway also writes for each line end), so which header differs is not said: compare the two canonical requests.", who.object),
                "Look for the header whose value a proxy or the HTTP library changed; a value without '|' makes the gateway's answer exact.",
            );
        }
        (Vec::new(), Vec::new())
    } else {
        (headers_of(&a), headers_of(&b))
    };
    for (name, value) in &ours_h {
        let theirs = echo_h
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone());
        if theirs.as_deref() != Some(value.as_str()) {
            let gateway = theirs.map_or("nothing (the header did not arrive)".to_string(), |v| {
                format!("\"{v}\"")
            });
            report.find(
                FindingKind::HeaderValue,
                format!("Header {name}: {} \"{value}\", the gateway saw {gateway}.", who.object),
                format!("Sign the {name} value exactly as it is sent; a proxy, the HTTP library or a default header may change it."),
            );
        }
    }
    let signed_side = who.subject == SIGNED.subject;
    // A value the gateway saw for a header the paste lacks: check_signed_headers says
    // the paste lacks it, once.
    let pasted_without =
        |n: &str, v: &str| !signed_side && request.header(n).is_none() && !v.is_empty();
    for (name, value) in echo_h
        .iter()
        .filter(|(n, v)| !ours_h.iter().any(|(o, _)| o == n) && !pasted_without(n, v))
    {
        // The request does not send it: SignedHeaders names a header that is not there.
        report.find(
            FindingKind::SignedHeadersFormat,
            format!("Header {name}: the gateway saw \"{value}\", but {} {name} line{}.", who.no_line, if value.is_empty() && !signed_side { format!(": the header did not reach the gateway (not sent, or dropped on the way), so the gateway signed an empty {name} line") } else { String::new() }),
            format!("Send the {name} header with the value the client signs, or leave it out of SignedHeaders."),
        );
    }
    let (our_payload, their_payload) = (
        line(&a, a.len().saturating_sub(1)),
        line(&b, b.len().saturating_sub(1)),
    );
    if our_payload != their_payload && request.body.is_none() && signed_side {
        // What the client signed is known (its signature was reproduced), the body not.
        report.find(
            FindingKind::Payload,
            format!("The client signed the payload line {our_payload}, but the gateway used {their_payload}."),
            "Sign the payload line the gateway uses: the X-Sdk-Content-Sha256 value when that header is sent (UNSIGNED-PAYLOAD), else the hash of the exact body sent.",
        );
    } else if our_payload != their_payload && request.body.is_some() {
        report.find(
            FindingKind::Payload,
            format!("The body given hashes to {our_payload}, but the gateway hashed the body it received to {their_payload}: the body given is not the one the gateway received (another body was pasted, or it changed after signing or on the way)."),
            "Give the exact bytes that were sent to check them; if they are these, sign the exact bytes that are sent (no re-serialized JSON, no added newline; with curl use --data-binary, since -d strips newlines).",
        );
    }
}

/// `name:value` lines of a canonical request, up to its blank line.
fn headers_of(lines: &[&str]) -> Vec<(String, String)> {
    lines
        .iter()
        .skip(3)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// A raw `+` in the query: which reading matched, if the echo or the secret tells.
fn plus_reading(
    request: &Request,
    canonicals: &[(Variant, String)],
    echo: Option<&str>,
    report: &mut Report,
) {
    let (_, query) = request.path_and_query();
    if !query.contains('+') {
        return;
    }
    let matched = echo
        .and_then(|e| canonicals.iter().find(|(_, c)| c == e))
        .map(|(v, _)| v.plus_literal);
    let detail = match matched {
        Some(true) => {
            "The query has a raw '+'; the gateway read it as a literal plus (%2B), the Python/JS SDK reading."
        }
        Some(false) => {
            "The query has a raw '+'; the gateway read it as a space (%20), the Go/Java SDK reading."
        }
        None => {
            "The query has a raw '+', which signers read differently (space or plus); both readings were tried."
        }
    };
    report.find(
        FindingKind::QueryPlus,
        detail,
        "Send a space as %20 and a plus as %2B; never a raw '+' in a signed query.",
    );
}

/// The gateway rejected the signature itself (not the app, not the time).
fn rejected_signature(answer: &Answer) -> bool {
    answer.message.as_deref().is_some_and(|m| {
        let m = m.to_ascii_lowercase();
        m.contains("verify signature fail") || m.contains("verify aksk signature fail")
    })
}

fn answer_findings(answer: &Answer, access: &str, words: Credential, report: &mut Report) {
    let message = answer
        .message
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if words == Credential::Aksk && message.contains("not exist") {
        report.find(
            FindingKind::AppNotFound,
            format!("IAM does not know the AK {access}."),
            "Check that the AK is an IAM access key of this cloud and account (My Credentials > Access Keys); an AK of another cloud, or a deleted one, is unknown here.",
        );
    }
    if words == Credential::Aksk && message.contains("reach the limit") {
        report.find_as(
            Certainty::Likely,
            FindingKind::AkLocked,
            format!("IAM has locked the AK {access} after repeated failed signatures (the answer says: AK access failed to reach the limit): every request with it is refused until the lock ends, whatever its signature."),
            "Stop the client's retries, fix the signing with the findings of a failed request from before the lock, and retry after about 5 minutes.",
        );
    }
    if message.contains("app not found") {
        report.find(
            FindingKind::AppNotFound,
            format!("The gateway does not know AppKey {access}."),
            "Check the AppKey against the app in the console of the same region and instance (a key of another region, instance or cloud is unknown here).",
        );
    }
    let code = answer
        .code
        .as_deref()
        .unwrap_or_default()
        .to_ascii_uppercase();
    if code.ends_with(".0304") {
        report.find(
            FindingKind::NotAuthorized,
            "APIG.0304: the signature is fine, but the app is not authorized for this API in this environment.",
            "Authorize the app for the API in the environment the request names (X-Stage, RELEASE by default) in the console.",
        );
    }
    let iam_ak_shaped = access.len() == 20
        && access
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if words == Credential::App && iam_ak_shaped {
        report.notes.push(format!("Access= holds 20 upper-case letters and digits, the form of an IAM access key (AK), not of an app's AppKey (32 hex digits): if {access} is an IAM AK, this API uses App authentication, which takes an app's AppKey and AppSecret; an AK/SK signs only APIs that use IAM authentication."));
    }
    let app_key_shaped = access.len() == 32 && access.bytes().all(|b| b.is_ascii_hexdigit());
    if words == Credential::Aksk && app_key_shaped {
        report.notes.push(format!("Access= holds 32 hex digits, the form of an APIG AppKey: if {access} is an app's AppKey, the API may expect IAM authentication (a token or an IAM access key's AK/SK), which an app's signature does not pass."));
    }
    if code.ends_with(".0301") {
        report.notes.push("APIG.0301 is IAM authentication: Access= is an IAM AK and the secret is its SK; the algorithm is the same, so the same checks apply.".into());
    }
}
