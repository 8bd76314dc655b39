//! The request as the client signed it against the canonical request the gateway
//! echoed: which component differs (method, path, query, a header, the payload), said
//! from the side that is known (the request sent, or what the client signed).

use super::findings::{FindingKind, Report};
use crate::signing::canonical::{EMPTY_SHA256, Request, Variant};
use crate::signing::echo::header_block;

/// The body's hash when the body is unknown (the gateway's echo stands in), and whether
/// the body is unchecked; the report says so.
pub(super) fn payload_stand_in(
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
pub(super) const SENT: Side = Side {
    subject: "The request sent",
    object: "the request sent",
    no_line: "the transcript shows no",
};
pub(super) const SIGNED: Side = Side {
    subject: "The client signed",
    object: "the client signed",
    no_line: "the client signed no",
};

#[derive(Clone, Copy)]
pub(super) struct Side {
    subject: &'static str,
    object: &'static str,
    /// A header the gateway saw that this side has no line for.
    no_line: &'static str,
}

/// Name the component where the left canonical request (`who` made it) and the
/// gateway's differ.
pub(super) fn compare_with_echo(
    request: &Request,
    ours: &str,
    echo: &str,
    who: Side,
    report: &mut Report,
) {
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
pub(super) fn headers_of(lines: &[&str]) -> Vec<(String, String)> {
    lines
        .iter()
        .skip(3)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

/// A raw `+` in the query: which reading matched, if the echo or the secret tells.
pub(super) fn plus_reading(
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
