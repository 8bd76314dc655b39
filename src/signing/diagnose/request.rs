//! Checks of the signed request by itself, before any signature is computed: the
//! Authorization header's form, the signature's length, the signed headers, the signing
//! time against the gateway's clock, and the gateway's size limits.

use std::sync::LazyLock;

use regex::Regex;

use super::findings::{Certainty, FindingKind, Report};
use crate::analysis::{SIGNATURE_TOLERANCE_MINUTES, http_date, sdk_date};
use crate::pattern::re;
use crate::signing::canonical::Request;
use crate::signing::credential::Credential;
use crate::signing::transcript::Answer;

/// The official verifier's pattern (the gateway's SDK sample): one space after the
/// algorithm, optional single spaces after the commas.
pub(super) static STRICT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^SDK-HMAC-SHA256\s+Access=([^,]+),\s?SignedHeaders=([^,]+),\s?Signature=(\w+)$")
});
pub(super) static LENIENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)SDK-HMAC-SHA256[\s,]+Access\s*=\s*([^,\s]+)[\s,]+SignedHeaders\s*=\s*([^,\s]+)[\s,]+Signature\s*=\s*(\w+)",
    )
});
pub(super) static SDK_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{8}T\d{6}Z$"));
pub(super) static SERVER_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)server\s*time\s*[:=]\s*(\d{8}T\d{6}Z)"));

/// A placeholder where the paste hides a value (`***`, `[REDACTED]`, `<redacted>`).
pub(super) static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\*{3,}|[\[<(]\s*(?:redacted|removed|hidden|masked|filtered|secret)\s*[\]>)]|\bREDACTED\b",
    )
});

/// An HMAC-SHA256 signature is 64 hex digits; anything else was cut or mangled on its
/// way into the paste (or by the client), and no secret can reproduce it. Whether it is
/// well formed (upper-case hex is judged with the secret).
pub(super) fn check_signature_format(sent: &str, report: &mut Report) -> bool {
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

/// Without the secret, a signature written in upper-case hex is only a possible cause:
/// whether the gateway reads it so is inferred, and the secret was not checked.
pub(super) fn upper_case_unchecked(sent: &str, words: Credential, report: &mut Report) {
    if !sent.bytes().any(|b| (b'A'..=b'F').contains(&b)) {
        return;
    }
    report.find_as(
        Certainty::Possible,
        FindingKind::SignatureFormat,
        format!("The signature sent is written in upper-case hex; the APIG SDKs send lower-case hex, and the gateway compares the text (inferred, not published), so it may be read as a mismatch. Not checked: with the {} the check would tell.", words.typed()),
        "Write the signature as lower-case hex (the HMAC-SHA256 result, hex-encoded in lower case).",
    );
}

/// The secret gives the signature sent, but the request sent it in upper-case hex.
pub(super) fn upper_case_hex(words: Credential, report: &mut Report) {
    report.find(
        FindingKind::SignatureFormat,
        format!("This {} gives the signature sent, but the request sent it in upper-case hex; the APIG SDKs send lower-case hex, and the gateway compares the text (inferred, not published), so it is likely read as a mismatch.", words.typed()),
        "Write the signature as lower-case hex (the HMAC-SHA256 result, hex-encoded in lower case).",
    );
}

/// Access, the signed header names (lower-cased) and the signature; a header that only a
/// lenient reading understands is a finding.
pub(super) fn authorization(
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

pub(super) fn split_signed(list: &str) -> Vec<String> {
    list.split(';')
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn check_signed_headers(
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
pub(super) const SIZE_LIMITS: [(u16, &str); 3] = [
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
pub(super) fn check_size(request: &Request, answer: &Answer, report: &mut Report) {
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
pub(super) fn check_date(request: &Request, answer: &Answer, report: &mut Report) {
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
