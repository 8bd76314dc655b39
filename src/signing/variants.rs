//! The variant search: when the secret does not give the signature the client sent, try
//! what the client may have signed instead (it signs one thing and sends another), each
//! transform alone and then two together. HMAC tells exactly which candidate the client
//! signed, so a match proves the client-side fault that the gateway's echo cannot see.
//!
//! Each transform changes one component of the canonical request and reads only that
//! component, so a pair is the union of two single changes (no recomputing, no rehashing).

use serde::Serialize;

use super::canonical::{
    EMPTY_SHA256, Parts, Request, canonical_uri, encode, percent_decode, sha256_hex, signature,
    string_to_sign,
};
use super::diagnose::FindingKind;

/// Bodies longer than this are not re-hashed in other forms: the search stays in budget.
const BODY_LIMIT: usize = 1 << 20;
/// Bodies longer than this are not transformed twice (two body transforms together).
const PAIR_BODY_LIMIT: usize = 16 << 10;
/// The header every signer signs, whose value is the signing time: not edited alone.
const DATE_HEADER: &str = "x-sdk-date";
/// The methods a client may have signed instead of the one it sent.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// The component of the canonical request a transform changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Component {
    Method,
    Uri,
    Query,
    /// The header lines and the signed-headers line.
    Headers,
    Payload,
}

/// One way a client signs something other than what it sends.
pub(crate) struct Transform {
    pub(crate) name: &'static str,
    /// What it changes, for the README and the finding.
    pub(crate) changes: &'static str,
    /// The finding a match proves.
    pub(crate) kind: FindingKind,
    pub(crate) action: &'static str,
    component: Component,
    alternatives: fn(&Request, &Parts) -> Vec<Alt>,
}

/// The transforms, in the order they are tried.
pub(crate) const TRANSFORMS: &[Transform] = &[
    Transform {
        name: "method_case",
        changes: "the method in lower case",
        kind: FindingKind::Method,
        action: "Sign the method in upper case, exactly as on the request line.",
        component: Component::Method,
        alternatives: method_case,
    },
    Transform {
        name: "method_other",
        changes: "another common method",
        kind: FindingKind::Method,
        action: "Sign with the method the request is sent with (a redirect, proxy or HTTP library may change it).",
        component: Component::Method,
        alternatives: method_other,
    },
    Transform {
        name: "path_decoded",
        changes: "the path percent-decoded once more",
        kind: FindingKind::Path,
        action: "Sign the path as it is sent: the HTTP library encoded it once more after signing (%25 escapes), so sign the encoded form or stop the second encoding.",
        component: Component::Uri,
        alternatives: path_decoded,
    },
    Transform {
        name: "path_encoded",
        changes: "the path percent-encoded once more",
        kind: FindingKind::Path,
        action: "Sign the path as it is sent: the signer encoded an already encoded path a second time.",
        component: Component::Uri,
        alternatives: path_encoded,
    },
    Transform {
        name: "path_raw_utf8",
        changes: "non-ASCII path bytes left raw, not percent-encoded",
        kind: FindingKind::Path,
        action: "Percent-encode every non-ASCII byte of the path (upper-case hex) in the canonical URI.",
        component: Component::Uri,
        alternatives: path_raw_utf8,
    },
    Transform {
        name: "path_unencoded",
        changes: "the path decoded and not percent-encoded again (a space, ':' or '@' left raw)",
        kind: FindingKind::Path,
        action: "Percent-encode each path segment (RFC 3986 unreserved characters kept, upper-case hex) in the canonical URI, the way the request line sends it.",
        component: Component::Uri,
        alternatives: path_unencoded,
    },
    Transform {
        name: "path_hex_case",
        changes: "the path's percent-escapes in lower-case hex (%3a, not %3A)",
        kind: FindingKind::Path,
        action: "Percent-encode with upper-case hex digits (%3A) in the canonical URI, as the signing guide does.",
        component: Component::Uri,
        alternatives: path_hex_case,
    },
    Transform {
        name: "path_trailing_slash",
        changes: "the canonical URI without the trailing '/'",
        kind: FindingKind::Path,
        action: "End the canonical URI in '/' (the signing guide adds it even when the URI sent has none).",
        component: Component::Uri,
        alternatives: path_trailing_slash,
    },
    Transform {
        name: "query_unsorted",
        changes: "the query pairs in the order sent, not sorted",
        kind: FindingKind::Query,
        action: "Sort the query pairs by name, then value, before signing.",
        component: Component::Query,
        alternatives: query_unsorted,
    },
    Transform {
        name: "query_raw",
        changes: "the query as sent, not decoded and re-encoded",
        kind: FindingKind::Query,
        action: "Decode each query name and value, then encode it with the unreserved set (space as %20) before signing.",
        component: Component::Query,
        alternatives: query_raw,
    },
    Transform {
        name: "query_decoded",
        changes: "the query decoded and not encoded again, or encoded twice",
        kind: FindingKind::Query,
        action: "Decode each query name and value once, then encode it once with the unreserved set (space as %20) before signing.",
        component: Component::Query,
        alternatives: query_decoded,
    },
    Transform {
        name: "query_empty_value",
        changes: "an empty query value without its '='",
        kind: FindingKind::Query,
        action: "Sign an empty value as 'name=' (with the '='), also when the query sends 'name' alone.",
        component: Component::Query,
        alternatives: query_empty_value,
    },
    Transform {
        name: "query_hex_case",
        changes: "the query's percent-escapes in lower-case hex (%2f, not %2F)",
        kind: FindingKind::Query,
        action: "Percent-encode query names and values with upper-case hex digits (%2F) before signing.",
        component: Component::Query,
        alternatives: query_hex_case,
    },
    Transform {
        name: "query_plus",
        changes: "a space signed as '+' (raw or %2B), or a plus as a space (%20)",
        kind: FindingKind::QueryPlus,
        action: "Encode a space as %20 and a plus as %2B both when signing and when sending; never form-encode ('+') a signed query.",
        component: Component::Query,
        alternatives: query_plus,
    },
    Transform {
        name: "host_port",
        changes: "the Host value with or without its port",
        kind: FindingKind::HeaderValue,
        action: "Sign the Host value exactly as sent: with the port when the URL has a non-default one, without it otherwise.",
        component: Component::Headers,
        alternatives: host_port,
    },
    Transform {
        name: "header_untrimmed",
        changes: "a signed header value not trimmed (one header, or all)",
        kind: FindingKind::HeaderValue,
        action: "Trim leading and trailing whitespace from each signed header value (inner spaces stay).",
        component: Component::Headers,
        alternatives: header_untrimmed,
    },
    Transform {
        name: "header_spaces",
        changes: "a signed header value with its inner runs of spaces collapsed to one",
        kind: FindingKind::HeaderValue,
        action: "Sign each header value as sent, trimmed at its ends only: its inner spaces stay as they are.",
        component: Component::Headers,
        alternatives: header_spaces,
    },
    Transform {
        name: "header_case",
        changes: "a signed header name or value in another case (one header, or all)",
        kind: FindingKind::HeaderValue,
        action: "Lower-case the header names in the canonical headers and sign each value exactly as sent.",
        component: Component::Headers,
        alternatives: header_case,
    },
    Transform {
        name: "header_missing",
        changes: "a signed header the request lacks, taken as empty or dropped",
        kind: FindingKind::SignedHeadersFormat,
        action: "Send every header that SignedHeaders names, or leave it out of SignedHeaders.",
        component: Component::Headers,
        alternatives: header_missing,
    },
    Transform {
        name: "body_line_ends",
        changes: "the body with CRLF line ends instead of LF, or LF instead of CRLF",
        kind: FindingKind::Payload,
        action: "Sign the exact bytes sent: line ends were converted after signing (curl -d, a text-mode file read); use --data-binary.",
        component: Component::Payload,
        alternatives: body_line_ends,
    },
    Transform {
        name: "body_trailing_newline",
        changes: "the body with a trailing newline added or removed",
        kind: FindingKind::Payload,
        action: "Sign the exact bytes sent: a trailing newline was added or dropped after signing (JSON encoders, curl -d, editors).",
        component: Component::Payload,
        alternatives: body_trailing_newline,
    },
    Transform {
        name: "body_json_spacing",
        changes: "the JSON body compact instead of spaced, or spaced instead of compact",
        kind: FindingKind::Payload,
        action: "Serialize the JSON once and sign and send those same bytes; the body was re-serialized after signing.",
        component: Component::Payload,
        alternatives: body_json_spacing,
    },
    Transform {
        name: "body_empty",
        changes: "the empty body's hash instead of the body's",
        kind: FindingKind::Payload,
        action: "Sign the body that is sent (some signers drop the body of GET/DELETE); or send no body.",
        component: Component::Payload,
        alternatives: body_empty,
    },
    Transform {
        name: "body_placeholder",
        changes: "a placeholder body ({}, [], null) signed while no body was sent",
        kind: FindingKind::Payload,
        action: "Sign the body that is sent: the client signed a placeholder body and sent none (or something dropped it on the way); send the body it signs, or sign the empty body.",
        component: Component::Payload,
        alternatives: body_placeholder,
    },
    Transform {
        name: "unsigned_payload",
        changes: "UNSIGNED-PAYLOAD as the payload, or the body's hash despite it",
        kind: FindingKind::Payload,
        action: "Send X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD (and sign it) exactly when the payload line says UNSIGNED-PAYLOAD.",
        component: Component::Payload,
        alternatives: unsigned_payload,
    },
];

/// A candidate: the components as the client may have signed them, the changed value
/// as signed and as sent, and the difference in words.
pub(crate) struct Alt {
    parts: Parts,
    signed: String,
    sent: String,
    difference: String,
    /// The body as the client may have signed it, for a second body transform.
    body: Option<Vec<u8>>,
}

/// A transform's change in a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Applied {
    pub(crate) transform: &'static str,
    pub(crate) signed: String,
    pub(crate) sent: String,
}

/// What reproduced the signature: one transform or two, each with its difference.
pub(crate) struct Found {
    pub(crate) applied: Vec<(&'static Transform, Applied, String)>,
    pub(crate) canonical: String,
}

pub(crate) struct Search {
    pub(crate) tried: usize,
    pub(crate) found: Option<Found>,
    /// Every single and pair was tried (false: the search stopped at [`MAX_TRIED`]).
    pub(crate) complete: bool,
}

/// The pairs stop after about this many variants (a request with many signed headers
/// makes thousands): the search stays in budget whatever the transcript.
pub(crate) const MAX_TRIED: usize = 3000;

/// Try each transform alone, then each pair of transforms: two that change different
/// components are merged; two that change the headers or the body are applied one after
/// the other. The first candidate whose signature is the one sent wins.
pub(crate) fn search(
    request: &Request,
    base: &Parts,
    date: &str,
    secret: &str,
    sent: &str,
) -> Search {
    let alts: Vec<Vec<Alt>> = TRANSFORMS
        .iter()
        .map(|t| {
            let mut list = (t.alternatives)(request, base);
            list.retain(|a| a.parts != *base);
            list
        })
        .collect();
    let matches = |parts: &Parts| signature(&string_to_sign(&parts.join(), date), secret) == sent;
    let mut tried = 0;
    for (t, list) in TRANSFORMS.iter().zip(&alts) {
        for alt in list {
            tried += 1;
            if matches(&alt.parts) {
                let found = found(vec![(t, alt)], alt.parts.join());
                return Search {
                    tried,
                    found: Some(found),
                    complete: true,
                };
            }
        }
    }
    for (i, (t, list)) in TRANSFORMS.iter().zip(&alts).enumerate() {
        for (u, other) in TRANSFORMS.iter().zip(&alts).skip(i + 1) {
            if t.component == u.component {
                for a in list {
                    if tried >= MAX_TRIED {
                        return stopped(tried);
                    }
                    for b in composed(request, u, a) {
                        tried += 1;
                        if b.parts != a.parts && matches(&b.parts) {
                            let found = found(vec![(t, a), (u, &b)], b.parts.join());
                            return Search {
                                tried,
                                found: Some(found),
                                complete: true,
                            };
                        }
                    }
                }
                continue;
            }
            for a in list {
                if tried >= MAX_TRIED {
                    return stopped(tried);
                }
                for b in other {
                    tried += 1;
                    let parts = merged(&a.parts, &b.parts, u.component);
                    if matches(&parts) {
                        let found = found(vec![(t, a), (u, b)], parts.join());
                        return Search {
                            tried,
                            found: Some(found),
                            complete: true,
                        };
                    }
                }
            }
        }
    }
    Search {
        tried,
        found: None,
        complete: true,
    }
}

fn stopped(tried: usize) -> Search {
    Search {
        tried,
        found: None,
        complete: false,
    }
}

/// `u` applied to what `a` made: two header edits, or two body transforms (small
/// bodies only). Other components take one value, so two changes of one make no pair.
fn composed(request: &Request, u: &Transform, a: &Alt) -> Vec<Alt> {
    match u.component {
        Component::Headers => (u.alternatives)(request, &a.parts),
        Component::Payload => {
            let Some(body) = &a.body else {
                return Vec::new();
            };
            let signed = Request {
                method: request.method.clone(),
                target: request.target.clone(),
                headers: request.headers.clone(),
                body: Some(body.clone()),
            };
            (u.alternatives)(&signed, &a.parts)
        }
        _ => Vec::new(),
    }
}

fn found(list: Vec<(&'static Transform, &Alt)>, canonical: String) -> Found {
    Found {
        applied: list
            .into_iter()
            .map(|(t, a)| {
                let applied = Applied {
                    transform: t.name,
                    signed: a.signed.clone(),
                    sent: a.sent.clone(),
                };
                (t, applied, a.difference.clone())
            })
            .collect(),
        canonical,
    }
}

/// `a` with `component` taken from `b`.
fn merged(a: &Parts, b: &Parts, component: Component) -> Parts {
    let mut out = a.clone();
    match component {
        Component::Method => out.method.clone_from(&b.method),
        Component::Uri => out.uri.clone_from(&b.uri),
        Component::Query => out.query.clone_from(&b.query),
        Component::Headers => {
            out.headers.clone_from(&b.headers);
            out.signed.clone_from(&b.signed);
        }
        Component::Payload => out.payload.clone_from(&b.payload),
    }
    out
}

fn alt(
    parts: Parts,
    signed: impl Into<String>,
    sent: impl Into<String>,
    difference: String,
) -> Alt {
    Alt {
        parts,
        signed: signed.into(),
        sent: sent.into(),
        difference,
        body: None,
    }
}

fn with(base: &Parts, edit: impl FnOnce(&mut Parts)) -> Parts {
    let mut parts = base.clone();
    edit(&mut parts);
    parts
}

fn method_case(request: &Request, base: &Parts) -> Vec<Alt> {
    let lower = base.method.to_ascii_lowercase();
    let line = &request.method;
    let difference = format!("the client signed `{lower}`; the request line says `{line}`");
    vec![alt(
        with(base, |p| p.method.clone_from(&lower)),
        &lower,
        line,
        difference,
    )]
}

fn method_other(request: &Request, base: &Parts) -> Vec<Alt> {
    METHODS
        .iter()
        .filter(|m| **m != base.method)
        .map(|m| {
            let difference = format!(
                "the client signed `{m}`; the request line says `{}`",
                request.method
            );
            alt(
                with(base, |p| p.method = (*m).into()),
                *m,
                &request.method,
                difference,
            )
        })
        .collect()
}

fn path_of(request: &Request) -> &str {
    request.path_and_query().0
}

fn path_alt(base: &Parts, signed_path: &str, sent: &str, how: &str) -> Alt {
    let uri = canonical_uri(signed_path);
    let difference = format!(
        "the client signed the path `{signed_path}` ({how}); the request line says `{sent}`"
    );
    alt(with(base, |p| p.uri = uri), signed_path, sent, difference)
}

fn path_decoded(request: &Request, base: &Parts) -> Vec<Alt> {
    let path = path_of(request);
    if !path.contains('%') {
        return Vec::new();
    }
    let decoded = String::from_utf8_lossy(&percent_decode(path.as_bytes(), false)).into_owned();
    vec![path_alt(
        base,
        &decoded,
        path,
        "decoded once more than the path sent",
    )]
}

fn path_encoded(request: &Request, base: &Parts) -> Vec<Alt> {
    let path = path_of(request);
    let encoded: Vec<String> = path.split('/').map(|s| encode(s.as_bytes())).collect();
    let encoded = encoded.join("/");
    if encoded == path {
        return Vec::new();
    }
    vec![path_alt(
        base,
        &encoded,
        path,
        "encoded once more than the path sent",
    )]
}

fn path_raw_utf8(request: &Request, base: &Parts) -> Vec<Alt> {
    let path = path_of(request);
    let decoded = percent_decode(path.as_bytes(), false);
    if decoded.is_ascii() {
        return Vec::new();
    }
    let segments: Vec<String> = decoded
        .split(|&b| b == b'/')
        .map(|segment| {
            let mut out = Vec::new();
            for &b in segment {
                if b >= 0x80 {
                    out.push(b);
                } else {
                    out.extend_from_slice(encode(&[b]).as_bytes());
                }
            }
            String::from_utf8_lossy(&out).into_owned()
        })
        .collect();
    vec![uri_alt(base, segments.join("/"), "with raw UTF-8")]
}

/// A canonical URI the client may have signed instead of the canonical one (`uri` gets
/// the trailing `/` every canonical URI has), and how it was built, for the sentence.
fn uri_alt(base: &Parts, mut uri: String, how: &str) -> Alt {
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let difference = format!(
        "the client signed the canonical URI `{uri}`, {how}; the canonical form is `{}`",
        base.uri
    );
    alt(
        with(base, |p| p.uri.clone_from(&uri)),
        &uri,
        &base.uri,
        difference,
    )
}

/// A path whose ASCII needs encoding (a space, `:`), signed decoded and left raw; raw
/// non-ASCII alone is `path_raw_utf8`.
fn path_unencoded(request: &Request, base: &Parts) -> Vec<Alt> {
    let decoded = percent_decode(path_of(request).as_bytes(), false);
    let ascii_encoded = decoded
        .iter()
        .any(|&b| b.is_ascii() && b != b'/' && encode(&[b]).len() > 1);
    if !ascii_encoded {
        return Vec::new();
    }
    let uri = String::from_utf8_lossy(&decoded).into_owned();
    vec![uri_alt(base, uri, "decoded and not encoded again")]
}

fn path_trailing_slash(_: &Request, base: &Parts) -> Vec<Alt> {
    let Some(bare) = base.uri.strip_suffix('/').filter(|b| !b.is_empty()) else {
        return Vec::new();
    };
    let difference = format!(
        "the client signed the canonical URI `{bare}` without the trailing `/`; the canonical form is `{}`",
        base.uri
    );
    vec![alt(
        with(base, |p| p.uri = bare.into()),
        bare,
        &base.uri,
        difference,
    )]
}

/// The query's pairs, decoded (a `+` read as the base reading read it) and re-encoded.
fn encoded_pairs(query: &str, base: &Parts) -> Vec<String> {
    let plus_space = !base.query.contains("%2B") || base.query.contains("%20");
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| {
            let k = encode(&percent_decode(k.as_bytes(), plus_space));
            let v = encode(&percent_decode(v.as_bytes(), plus_space));
            format!("{k}={v}")
        })
        .collect()
}

fn query_alt(base: &Parts, query: String, sent: &str, how: &str) -> Alt {
    let difference = format!(
        "the client signed the query `{query}` ({how}); the canonical query of the request sent is `{sent}`"
    );
    alt(
        with(base, |p| p.query.clone_from(&query)),
        &query,
        sent,
        difference,
    )
}

fn query_unsorted(request: &Request, base: &Parts) -> Vec<Alt> {
    let (_, query) = request.path_and_query();
    let pairs = encoded_pairs(query, base).join("&");
    vec![query_alt(
        base,
        pairs,
        &base.query,
        "in the order sent, not sorted",
    )]
}

fn query_raw(request: &Request, base: &Parts) -> Vec<Alt> {
    let (_, query) = request.path_and_query();
    let mut sorted: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    sorted.sort_unstable();
    vec![
        query_alt(
            base,
            query.to_string(),
            &base.query,
            "as sent, not re-encoded",
        ),
        query_alt(
            base,
            sorted.join("&"),
            &base.query,
            "sorted but not re-encoded",
        ),
    ]
}

/// The pairs decoded and left raw (`q=hello world`), or encoded a second time
/// (`q=hello%2520world`), sorted as the canonical query is.
fn query_decoded(_: &Request, base: &Parts) -> Vec<Alt> {
    if !base.query.contains('%') {
        return Vec::new();
    }
    let pairs = |f: &dyn Fn(&str) -> String| -> String {
        let mut list: Vec<String> = base
            .query
            .split('&')
            .map(|p| match p.split_once('=') {
                Some((k, v)) => format!("{}={}", f(k), f(v)),
                None => f(p),
            })
            .collect();
        list.sort_unstable();
        list.join("&")
    };
    let raw =
        pairs(&|s| String::from_utf8_lossy(&percent_decode(s.as_bytes(), false)).into_owned());
    let twice = pairs(&|s| encode(s.as_bytes()));
    vec![
        query_alt(base, raw, &base.query, "decoded, not encoded again"),
        query_alt(base, twice, &base.query, "encoded a second time"),
    ]
}

fn query_empty_value(_: &Request, base: &Parts) -> Vec<Alt> {
    let bare: Vec<&str> = base
        .query
        .split('&')
        .map(|p| p.strip_suffix('=').unwrap_or(p))
        .collect();
    vec![query_alt(
        base,
        bare.join("&"),
        &base.query,
        "empty values without '='",
    )]
}

fn query_plus(_: &Request, base: &Parts) -> Vec<Alt> {
    [
        ("%20", "%2B", "spaces as '+', encoded %2B"),
        // Form encoding: the signer wrote a space as a '+' and did not encode it again.
        ("%20", "+", "spaces as a raw '+', form-encoded"),
        ("%2B", "%20", "'+' read as a space"),
    ]
    .into_iter()
    .filter(|(from, _, _)| base.query.contains(from))
    .map(|(from, to, how)| query_alt(base, base.query.replace(from, to), &base.query, how))
    .collect()
}

/// `text` with the hex digits of each percent-escape in lower case.
fn lower_hex_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_percent = 0;
    for c in text.chars() {
        if after_percent > 0 {
            out.push(c.to_ascii_lowercase());
            after_percent -= 1;
        } else {
            out.push(c);
            if c == '%' {
                after_percent = 2;
            }
        }
    }
    out
}

fn path_hex_case(_: &Request, base: &Parts) -> Vec<Alt> {
    let lower = lower_hex_escapes(&base.uri);
    if lower == base.uri {
        return Vec::new();
    }
    vec![uri_alt(
        base,
        lower,
        "its percent-escapes in lower-case hex",
    )]
}

fn query_hex_case(_: &Request, base: &Parts) -> Vec<Alt> {
    let lower = lower_hex_escapes(&base.query);
    if lower == base.query {
        return Vec::new();
    }
    vec![query_alt(
        base,
        lower,
        &base.query,
        "percent-escapes in lower-case hex",
    )]
}

fn host_port(_: &Request, base: &Parts) -> Vec<Alt> {
    let Some(host) = base
        .headers
        .iter()
        .find(|(n, _)| n == "host")
        .map(|(_, v)| v.clone())
    else {
        return Vec::new();
    };
    let set = |value: &str| {
        with(base, |p| {
            for (n, v) in &mut p.headers {
                if n == "host" {
                    *v = value.to_string();
                }
            }
        })
    };
    let port = host
        .rsplit_once(':')
        .filter(|(h, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !h.is_empty());
    match port {
        Some((bare, port)) => {
            let difference = format!("the client signed Host without `:{port}` (`{bare}`); the request sent `Host: {host}`");
            vec![alt(set(bare), bare, &host, difference)]
        }
        None => [":443", ":80"]
            .iter()
            .map(|port| {
                let with_port = format!("{host}{port}");
                let difference = format!("the client signed Host with `{port}` (`{with_port}`); the request sent `Host: {host}`");
                alt(set(&with_port), &with_port, &host, difference)
            })
            .collect(),
    }
}

/// `edit` applied to one signed header line at a time (never x-sdk-date, the signing
/// time), then to all of them at once; each candidate that changes something.
fn header_edits(
    base: &Parts,
    edit: impl Fn(&str, &str) -> Option<(String, String)>,
    how: &str,
) -> Vec<Alt> {
    let edited: Vec<Option<(String, String)>> = base
        .headers
        .iter()
        .map(|(n, v)| edit(n, v).filter(|(name, value)| name != n || value != v))
        .collect();
    let mut out = Vec::new();
    for (i, change) in edited.iter().enumerate() {
        let (Some((name, value)), Some((n, v))) = (change, base.headers.get(i)) else {
            continue;
        };
        if n == DATE_HEADER {
            continue;
        }
        let parts = with(base, |p| {
            if let Some(line) = p.headers.get_mut(i) {
                *line = (name.clone(), value.clone());
            }
        });
        out.push(header_alt(parts, (name, value), (n, v), how, false));
    }
    let changed = edited.iter().filter(|e| e.is_some()).count();
    let singles = out.len();
    // All at once only when it differs from every single edit; never the date alone.
    if singles > 0 && changed > 1 {
        let parts = with(base, |p| {
            for (line, change) in p.headers.iter_mut().zip(&edited) {
                if let Some(change) = change {
                    *line = change.clone();
                }
            }
        });
        let first = base
            .headers
            .iter()
            .zip(&edited)
            .find_map(|((n, v), e)| e.as_ref().map(|(name, value)| ((name, value), (n, v))));
        if let Some((signed, sent)) = first {
            out.push(header_alt(parts, signed, sent, how, true));
        }
    }
    out
}

/// A header candidate; the line is quoted so that whitespace in it stays visible.
fn header_alt(
    parts: Parts,
    (name, value): (&String, &String),
    (n, v): (&String, &String),
    how: &str,
    all: bool,
) -> Alt {
    let signed = format!("{name}:{value}");
    let sent = format!("{n}:{v}");
    let scope = if all {
        "every header line like"
    } else {
        "the header line"
    };
    let difference =
        format!("the client signed {scope} \"{signed}\" ({how}); the canonical line is \"{sent}\"");
    alt(parts, signed, sent, difference)
}

fn header_untrimmed(request: &Request, base: &Parts) -> Vec<Alt> {
    let raw = |name: &str, value: &str| {
        request
            .header_values(name)
            .find(|v| v.trim() == value && *v != value)
            .map(|untrimmed| (name.to_string(), untrimmed.to_string()))
    };
    let spaced = |name: &str, value: &str| Some((name.to_string(), format!(" {value}")));
    let padded = |name: &str, value: &str| Some((name.to_string(), format!(" {value} ")));
    let mut out = header_edits(base, raw, "its value as sent, not trimmed");
    out.extend(header_edits(base, spaced, "with the space after the colon"));
    out.extend(header_edits(base, padded, "with spaces around the value"));
    out
}

fn header_spaces(_: &Request, base: &Parts) -> Vec<Alt> {
    let collapsed = |name: &str, value: &str| {
        let one: Vec<&str> = value.split_whitespace().collect();
        Some((name.to_string(), one.join(" ")))
    };
    header_edits(base, collapsed, "inner spaces collapsed to one")
}

fn header_case(request: &Request, base: &Parts) -> Vec<Alt> {
    let as_written = |name: &str, value: &str| {
        request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(n, _)| (n.clone(), value.to_string()))
    };
    let lower = |name: &str, value: &str| Some((name.to_string(), value.to_ascii_lowercase()));
    let upper = |name: &str, value: &str| Some((name.to_string(), value.to_ascii_uppercase()));
    let mut out = header_edits(base, as_written, "the name as written, not lower-cased");
    out.extend(header_edits(base, lower, "the value lower-cased"));
    out.extend(header_edits(base, upper, "the value upper-cased"));
    out
}

fn header_missing(request: &Request, base: &Parts) -> Vec<Alt> {
    let signed: Vec<&str> = base.signed.split(';').filter(|n| !n.is_empty()).collect();
    let missing: Vec<&str> = signed
        .iter()
        .copied()
        .filter(|n| request.header(n).is_none())
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let list = missing.join(", ");
    let as_empty = with(base, |p| {
        p.headers = signed
            .iter()
            .flat_map(|n| {
                let values: Vec<(String, String)> =
                    p.headers.iter().filter(|(h, _)| h == n).cloned().collect();
                if values.is_empty() {
                    vec![((*n).to_string(), String::new())]
                } else {
                    values
                }
            })
            .collect();
    });
    let kept: Vec<&str> = signed
        .iter()
        .copied()
        .filter(|n| !missing.contains(n))
        .collect();
    let dropped = with(base, |p| p.signed = kept.join(";"));
    vec![
        alt(
            as_empty,
            format!("{list} as empty"),
            format!("{list} not sent"),
            format!("the client signed {list} with an empty value; the request does not send it"),
        ),
        alt(
            dropped,
            kept.join(";"),
            &base.signed,
            format!(
                "the client signed without {list}, but SignedHeaders names it and the request does not send it"
            ),
        ),
    ]
}

/// The body known and hashed (not overridden by `X-Sdk-Content-Sha256`), when small enough.
fn hashed_body(request: &Request) -> Option<&[u8]> {
    if request.header("x-sdk-content-sha256").is_some() {
        return None;
    }
    request.body.as_deref().filter(|b| b.len() <= BODY_LIMIT)
}

fn body_alt(base: &Parts, body: &[u8], signed: &str, sent: &str) -> Alt {
    let hash = sha256_hex(body);
    let difference = format!(
        "the client signed the body {signed} ({} bytes); the body sent {sent}",
        body.len()
    );
    let mut out = alt(with(base, |p| p.payload = hash), signed, sent, difference);
    out.body = (body.len() <= PAIR_BODY_LIMIT).then(|| body.to_vec());
    out
}

fn body_line_ends(request: &Request, base: &Parts) -> Vec<Alt> {
    let Some(body) = hashed_body(request) else {
        return Vec::new();
    };
    let lf = replace(body, b"\r\n", b"\n");
    let crlf = replace(&lf, b"\n", b"\r\n");
    let mut out = Vec::new();
    if lf != body {
        out.push(body_alt(
            base,
            &lf,
            "with LF line ends",
            "has CRLF line ends",
        ));
    }
    if crlf != body && lf.contains(&b'\n') {
        out.push(body_alt(
            base,
            &crlf,
            "with CRLF line ends",
            "has LF line ends",
        ));
    }
    out
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i..i + from.len()) == Some(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn body_trailing_newline(request: &Request, base: &Parts) -> Vec<Alt> {
    let Some(body) = hashed_body(request) else {
        return Vec::new();
    };
    let mut out = vec![
        body_alt(
            base,
            &[body, b"\n"].concat(),
            "with a trailing newline",
            "has none",
        ),
        body_alt(
            base,
            &[body, b"\r\n"].concat(),
            "with a trailing CRLF",
            "has none",
        ),
    ];
    for end in [&b"\r\n"[..], b"\n"] {
        if let Some(trimmed) = body.strip_suffix(end) {
            out.push(body_alt(
                base,
                trimmed,
                "without its trailing newline",
                "ends in one",
            ));
            break;
        }
    }
    out
}

fn body_json_spacing(request: &Request, base: &Parts) -> Vec<Alt> {
    let Some(body) = hashed_body(request) else {
        return Vec::new();
    };
    if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
        return Vec::new();
    }
    let compact = json_spacing(body, b":", b",");
    let spaced = json_spacing(body, b": ", b", ");
    let mut out = Vec::new();
    for (form, signed, sent) in [
        (compact, "as compact JSON", "is spaced JSON"),
        (spaced, "as spaced JSON (\": \", \", \")", "is compact JSON"),
    ] {
        if form != body {
            out.push(body_alt(base, &form, signed, sent));
        }
    }
    out
}

/// The JSON `body` with whitespace outside strings removed and each `:` and `,` written
/// as `colon` and `comma`.
fn json_spacing(body: &[u8], colon: &[u8], comma: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() * 2);
    let (mut in_string, mut escaped) = (false, false);
    for &b in body {
        if in_string {
            out.push(b);
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => {}
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b':' => out.extend_from_slice(colon),
            b',' => out.extend_from_slice(comma),
            _ => out.push(b),
        }
    }
    out
}

fn body_empty(_: &Request, base: &Parts) -> Vec<Alt> {
    let difference = format!(
        "the client signed an empty body (hash {EMPTY_SHA256}); the payload line of the request sent is `{}`",
        base.payload
    );
    vec![alt(
        with(base, |p| p.payload = EMPTY_SHA256.into()),
        "an empty body",
        &base.payload,
        difference,
    )]
}

/// Clients that always serialize something sign `{}` (or `[]`, `null`) for a request
/// they then send without a body (the reverse of `body_empty`).
fn body_placeholder(request: &Request, base: &Parts) -> Vec<Alt> {
    let sent_empty = request.body.as_deref().is_none_or(<[u8]>::is_empty);
    if !sent_empty || base.payload != EMPTY_SHA256 {
        return Vec::new();
    }
    [&b"{}"[..], b"[]", b"null"]
        .into_iter()
        .map(|body| {
            let shown = format!("`{}`", String::from_utf8_lossy(body));
            body_alt(base, body, &shown, "is empty")
        })
        .collect()
}

fn unsigned_payload(request: &Request, base: &Parts) -> Vec<Alt> {
    const UNSIGNED: &str = "UNSIGNED-PAYLOAD";
    let mut out = vec![alt(
        with(base, |p| p.payload = UNSIGNED.into()),
        UNSIGNED,
        &base.payload,
        format!(
            "the client signed the payload line `{UNSIGNED}`; the request does not send X-Sdk-Content-Sha256: {UNSIGNED}"
        ),
    )];
    let overridden = request.header("x-sdk-content-sha256").is_some();
    if let Some(body) = request
        .body
        .as_deref()
        .filter(|b| overridden && b.len() <= BODY_LIMIT)
    {
        let hash = sha256_hex(body);
        let difference = format!(
            "the client signed the body's hash; the request sends X-Sdk-Content-Sha256: {}, which the gateway uses instead",
            base.payload
        );
        out.push(alt(
            with(base, |p| p.payload.clone_from(&hash)),
            hash.clone(),
            &base.payload,
            difference,
        ));
    }
    out
}

/// The candidates one transform makes from `base`, for the tests.
#[cfg(test)]
pub(crate) fn candidates(t: &Transform, request: &Request, base: &Parts) -> Vec<Parts> {
    (t.alternatives)(request, base)
        .into_iter()
        .map(|a| a.parts)
        .collect()
}
