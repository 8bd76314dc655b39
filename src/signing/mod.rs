//! The signature doctor: why the gateway rejected an App-authenticated (SDK-HMAC-SHA256)
//! request. It reads the signed request and the gateway's answer out of a paste,
//! recomputes the canonical request exactly as the APIG signing guide defines it (trying
//! each reading where the gateway's behaviour is not published), compares it with the one
//! the gateway echoes, and with the AppSecret the engineer types checks the signature.
//! The same algorithm signs IAM AK/SK calls to cloud-service APIs (APIG.0301).
//!
//! The secret is only ever a parameter: nothing here stores, prints or returns it.

mod canonical;
mod credential;
mod diagnose;
mod echo;
mod pydebug;
mod transcript;
mod variants;

pub use canonical::{Request, Variant, canonical_request, signature, string_to_sign};
pub(crate) use credential::Credential;
pub(crate) use diagnose::Certainty;
use diagnose::diagnose;
pub use diagnose::{Finding, FindingKind, Report, Verdict};
use transcript::read;

/// Whether a paste is worth a signature check: it holds an SDK-HMAC-SHA256 request, or a
/// request whose Authorization was redacted when it was stored (the check then says to
/// paste it again). An authentication answer alone (APIG.0302 and the like) holds no
/// request to check.
pub(crate) fn worth_checking(text: &str) -> bool {
    static REDACTED_AUTH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?im)^(?:>\s?)?authorization:\s*\[redacted\]").expect("fixed pattern")
    });
    text.contains("SDK-HMAC-SHA256") || REDACTED_AUTH.is_match(text)
}

/// Whether `text` holds a signature the secret can check: a request whose Authorization
/// is an SDK-HMAC-SHA256 `Access=` header, not redacted. The command line asks for the
/// secret only then.
pub(crate) fn has_signature(text: &str) -> bool {
    read(text)
        .and_then(|t| t.request.signature_header().map(|(_, v)| v.to_string()))
        .is_some_and(|auth| {
            auth.contains("SDK-HMAC-SHA256")
                && auth.contains("Access")
                && !auth.contains(crate::redact::REDACTED)
        })
}

/// Which credential signed the request in `text` (to name the secret before asking for
/// it); App authentication when the paste does not say.
pub(crate) fn credential_of(text: &str) -> Credential {
    read(text).map_or(Credential::App, |t| Credential::of(&t.answer))
}

/// Check the request in `text`; `body` is the exact body when the engineer gave it (curl
/// -v does not show it). None when the paste holds no request.
pub fn check(text: &str, body: Option<&[u8]>, secret: Option<&str>) -> Option<Report> {
    let report = check_with(text, body, secret)?;
    // A secret copied with a space or line end around it: said, and tried without it.
    let Some(trimmed) = secret.map(str::trim).filter(|t| Some(*t) != secret) else {
        return Some(report);
    };
    let untrimmed = check_with(text, body, Some(trimmed)).filter(|r| {
        report.verdict == Some(Verdict::NotReproduced) && r.verdict == Some(Verdict::Reproduced)
    });
    Some(match untrimmed {
        Some(mut without) => {
            without.notes.push("The secret given has whitespace at its start or end; without it, it reproduces the signature sent, so the whitespace was copied with it (the client's secret has none).".into());
            without
        }
        None => {
            let mut report = report;
            let without = match report.verdict {
                Some(Verdict::Reproduced) => {
                    " It reproduces the signature with it: the client's secret has it too."
                }
                Some(Verdict::NotReproduced) => {
                    " Without it the signature is not reproduced either."
                }
                _ => "",
            };
            report.notes.push(format!("The secret given has whitespace at its start or end (a space, tab or line end copied with it); it was used as given.{without}"));
            report
        }
    })
}

fn check_with(text: &str, body: Option<&[u8]>, secret: Option<&str>) -> Option<Report> {
    let transcript = read(text)?;
    let Some(body) = body else {
        return Some(redacted(diagnose(&transcript, secret)));
    };
    let notes = body_notes(&transcript.request, body);
    let mut given = transcript.clone();
    given.request.body = Some(body.to_vec());
    let differs = declared_length(&transcript.request)
        .filter(|&sent| usize::try_from(sent).ok() != Some(body.len()))
        .map(|sent| (body.len(), sent));
    let Some((length, sent)) = differs else {
        let mut report = diagnose(&given, secret);
        report.notes.extend(notes);
        return Some(redacted(report));
    };
    // The body given is not the one sent. It only tells whether the client signed it
    // (then it signed one body and sent another); otherwise the check goes on as if no
    // body had been given, and nothing is concluded from its bytes.
    given.given_body_length = Some((length, sent));
    let signed_given = diagnose(&given, secret);
    let mut report =
        if signed_given.verdict == Some(Verdict::Reproduced) && !signed_given.signed_variant {
            signed_given
        } else {
            let mut report = diagnose(&transcript, secret);
            report
                .findings
                .insert(0, content_length_finding(length, sent));
            report
        };
    report.notes.extend(notes);
    Some(redacted(report))
}

/// The body given is not the one sent: said first, before any cause about the secret.
fn content_length_finding(given: usize, sent: u64) -> Finding {
    Finding {
        kind: FindingKind::ContentLength,
        detail: format!("The body given is {given} bytes but the request sent Content-Length: {sent}: it is not the body that was sent, so nothing was concluded from it."),
        action: "Give the exact bytes that were sent (curl: the --data-binary file); curl -d strips newlines.".into(),
        certainty: Certainty::Likely,
        variant: None,
    }
}

/// The report's texts as they may be shown, copied or printed: a signed credential header
/// (`x-auth-token`) is redacted like everywhere else. Compared before, so no finding moves.
fn redacted(mut report: Report) -> Report {
    use crate::redact::redact;
    report.canonical_request = redact(&report.canonical_request);
    report.gateway_canonical_request = report.gateway_canonical_request.as_deref().map(redact);
    for f in &mut report.findings {
        f.detail = redact(&f.detail);
        if let Some(v) = &mut f.variant {
            v.signed = redact(&v.signed);
            v.sent = redact(&v.sent);
        }
    }
    report
}

/// The Content-Length the request sent, if it is a number.
fn declared_length(request: &Request) -> Option<u64> {
    request
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
}

/// A warning about a body given by hand that is longer than the one sent and has
/// newlines: curl's `-d` strips them.
fn body_notes(request: &Request, body: &[u8]) -> Vec<String> {
    let sent = declared_length(request).and_then(|n| usize::try_from(n).ok());
    if sent.is_some_and(|sent| sent < body.len()) && body.contains(&b'\n') {
        vec!["curl -d (and -d @file) strips newlines from the body; only --data-binary sends the bytes as they are.".into()]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod aksk_tests;
#[cfg(test)]
mod honesty_tests;
#[cfg(test)]
mod tests;
