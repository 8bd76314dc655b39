//! Which causes a check leaves standing once the signature was or was not reproduced,
//! and what the gateway's answer itself names (an unknown app, a locked AK).

use super::findings::{Certainty, Finding, FindingKind, Report};
use super::request::SIZE_LIMITS;
use crate::signing::canonical::{Request, Variant};
use crate::signing::credential::Credential;
use crate::signing::transcript::{Answer, Transcript};
use crate::signing::variants::{Applied, Transform};

/// What the verdict rules need to know about the paste.
pub(super) struct Facts {
    /// The gateway echoed its canonical request.
    pub(super) echo: bool,
    /// And it differs from the one recomputed from the transcript.
    pub(super) echo_differs: bool,
    /// The body signed is not known to be the one hashed (not given, or not the one sent).
    pub(super) body_unchecked: bool,
    /// The request carries a body (POST/PUT/PATCH or a declared length).
    pub(super) body_bearing: bool,
    /// The answer names another cause (unknown app, expired, not authorized).
    pub(super) other_cause: bool,
    /// Signed headers the request does not send: the values the client signed are
    /// unknown, so the secret cannot be shown wrong.
    pub(super) unsent: Vec<String>,
    /// The variant search tried every single and pair (it stops in very large requests).
    pub(super) search_complete: bool,
    /// The request sent a body that neither the paste nor the gateway's echo shows.
    pub(super) body_needed: bool,
}

pub(super) fn body_bearing(request: &Request) -> bool {
    matches!(
        request.method.to_ascii_uppercase().as_str(),
        "POST" | "PUT" | "PATCH"
    ) || request
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
        .is_some_and(|n| n > 0)
        || request.header("transfer-encoding").is_some()
}

pub(super) fn other_cause(answer: &Answer) -> bool {
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
pub(super) fn reproduced_causes(
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
pub(super) fn unreproduced_causes(
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
pub(super) fn open_causes(
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
pub(super) fn body_needed(request: &Request, report: &mut Report) {
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
pub(super) fn sdk_reading(variant: Variant, report: &mut Report) {
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

pub(super) fn proxy(facts: &Facts, report: &mut Report) {
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
pub(super) fn variant_findings(
    applied: Vec<(&'static Transform, Applied, String)>,
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

/// The gateway rejected the signature itself (not the app, not the time).
pub(super) fn rejected_signature(answer: &Answer) -> bool {
    answer.message.as_deref().is_some_and(|m| {
        let m = m.to_ascii_lowercase();
        m.contains("verify signature fail") || m.contains("verify aksk signature fail")
    })
}

pub(super) fn answer_findings(
    answer: &Answer,
    access: &str,
    words: Credential,
    report: &mut Report,
) {
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
