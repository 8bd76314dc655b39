//! The SDK-HMAC-SHA256 canonical request, string to sign and signature, exactly as the
//! APIG signing guide and its SDKs define them. Where the gateway's behaviour is not
//! published (a `+` in the query, the sort order of escaped bytes, an empty body with
//! `X-Sdk-Content-Sha256`), [`Variant`] names the reading and the caller tries each.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The algorithm literal, first line of the string to sign.
pub(crate) const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// SHA-256 of nothing: the payload hash of an empty body.
pub(crate) const EMPTY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A request as it was signed: method, target (path and query as sent), headers as sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    /// The method, as on the request line.
    pub method: String,
    /// `/v1/orders?b=2&a=1`, as on the request line.
    pub target: String,
    /// Names as written, values as sent, in order.
    pub headers: Vec<(String, String)>,
    /// The body's bytes, when known (curl -v does not show it).
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// The values of header `name` (any case), in order.
    pub(crate) fn header_values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + 'a {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(&name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of header `name` (any case).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.header_values(name).next()
    }

    /// The header that carries the signature, name and value: `Authorization`, or, when
    /// that holds no HMAC signature, a custom header whose value is an SDK-HMAC-SHA256
    /// one (a gateway with a custom `app_auth_header` reads it there).
    pub(crate) fn signature_header(&self) -> Option<(&str, &str)> {
        let authorization = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("authorization"));
        let custom = self.headers.iter().find(|(n, v)| {
            !n.eq_ignore_ascii_case("authorization") && v.trim_start().starts_with(ALGORITHM)
        });
        let chosen = match (authorization, custom) {
            (Some(a), Some(c)) if !a.1.contains("HMAC") => Some(c),
            (Some(a), _) => Some(a),
            (None, c) => c,
        };
        chosen.map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Whether the request has no body: an empty one given, or none shown and none
    /// declared (HTTP/1.1 sends a body only with a Content-Length or Transfer-Encoding).
    pub(crate) fn body_is_empty(&self) -> bool {
        match &self.body {
            Some(body) => body.is_empty(),
            None => {
                self.header("transfer-encoding").is_none()
                    && self
                        .header("content-length")
                        .is_none_or(|l| l.trim().parse::<u64>().is_ok_and(|n| n == 0))
            }
        }
    }

    /// The path and the raw query (empty when there is none).
    pub(crate) fn path_and_query(&self) -> (&str, &str) {
        let target = self.target.split('#').next().unwrap_or_default();
        target.split_once('?').unwrap_or((target, ""))
    }
}

/// How an unpublished detail of the gateway is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Variant {
    /// A raw `+` in the query is a literal plus (`%2B`, the Python and JS SDKs), not a
    /// space (`%20`, Go and Java).
    pub(crate) plus_literal: bool,
    /// Query pairs are sorted by their encoded form (Java), not their decoded bytes.
    pub(crate) sort_encoded: bool,
    /// With an empty body and `X-Sdk-Content-Sha256`, the empty-body hash is used
    /// (Python-v3), not the header's value.
    pub(crate) empty_body_hash: bool,
}

impl Variant {
    /// The readings worth trying for this request: only where they can differ.
    pub(crate) fn candidates(request: &Request) -> Vec<Variant> {
        let (_, query) = request.path_and_query();
        let plus = if query.contains('+') {
            vec![false, true]
        } else {
            vec![false]
        };
        let sort = if sort_orders_differ(query) {
            vec![false, true]
        } else {
            vec![false]
        };
        let empty_override =
            request.header("x-sdk-content-sha256").is_some() && request.body_is_empty();
        let payload = if empty_override {
            vec![false, true]
        } else {
            vec![false]
        };
        let mut out = Vec::new();
        for &plus_literal in &plus {
            for &sort_encoded in &sort {
                for &empty_body_hash in &payload {
                    out.push(Variant {
                        plus_literal,
                        sort_encoded,
                        empty_body_hash,
                    });
                }
            }
        }
        out
    }

    /// How it differs from the default reading, for a sentence.
    pub(crate) fn describe(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.plus_literal {
            out.push("'+' in the query read as a literal plus (%2B)");
        }
        if self.sort_encoded {
            out.push("query sorted by its encoded form");
        }
        if self.empty_body_hash {
            out.push("empty body hashed despite X-Sdk-Content-Sha256");
        }
        out
    }
}

/// The canonical request for `signed` (lower-case names, as the Authorization lists them).
/// `payload_hash` stands in for the body's hash when the body is unknown.
pub fn canonical_request(
    request: &Request,
    signed: &[String],
    variant: Variant,
    payload_hash: Option<&str>,
) -> String {
    Parts::of(request, signed, variant, payload_hash).join()
}

/// The canonical request's components, kept apart so the variant search can change one
/// of them (what a client may have signed) and join them again the one way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    pub(crate) method: String,
    pub(crate) uri: String,
    pub(crate) query: String,
    /// One `(name, value)` per canonical header line, values trimmed.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) signed: String,
    pub(crate) payload: String,
}

impl Parts {
    pub(crate) fn of(
        request: &Request,
        signed: &[String],
        variant: Variant,
        payload_hash: Option<&str>,
    ) -> Parts {
        let (path, query) = request.path_and_query();
        let mut headers = Vec::new();
        for name in signed {
            let mut values: Vec<&str> = request.header_values(name).map(str::trim).collect();
            values.sort_unstable();
            headers.extend(values.into_iter().map(|v| (name.clone(), v.to_string())));
        }
        Parts {
            method: request.method.to_ascii_uppercase(),
            uri: canonical_uri(path),
            query: canonical_query(query, variant),
            headers,
            signed: signed.join(";"),
            payload: payload(request, variant, payload_hash),
        }
    }

    pub(crate) fn join(&self) -> String {
        let headers: String = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}:{v}\n"))
            .collect();
        [
            self.method.as_str(),
            &self.uri,
            &self.query,
            &headers,
            &self.signed,
            &self.payload,
        ]
        .join("\n")
    }
}

/// The payload line: `X-Sdk-Content-Sha256` verbatim if sent, else the body's hash.
fn payload(request: &Request, variant: Variant, stand_in: Option<&str>) -> String {
    let body = request.body.as_deref();
    if let Some(value) = request.header("x-sdk-content-sha256")
        && !(variant.empty_body_hash && request.body_is_empty())
    {
        return value.trim().to_string();
    }
    match (body, stand_in) {
        (Some(body), _) => sha256_hex(body),
        (None, Some(hash)) => hash.to_string(),
        (None, None) => EMPTY_SHA256.to_string(),
    }
}

/// Percent-decode the path, split on `/`, encode each segment, end in `/`.
pub(crate) fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode(path.as_bytes(), false);
    let encoded: Vec<String> = decoded.split(|&b| b == b'/').map(encode).collect();
    let mut uri = encoded.join("/");
    if !uri.starts_with('/') {
        uri.insert(0, '/');
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Decode each pair, re-encode with the unreserved set, keep `=` for empty values, sort
/// by name then value.
pub(crate) fn canonical_query(query: &str, variant: Variant) -> String {
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| {
            let plus_space = !variant.plus_literal;
            (
                percent_decode(k.as_bytes(), plus_space),
                percent_decode(v.as_bytes(), plus_space),
            )
        })
        .collect();
    if variant.sort_encoded {
        pairs.sort_by_key(|(k, v)| (encode(k), encode(v)));
    } else {
        pairs.sort();
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn sort_orders_differ(query: &str) -> bool {
    let decoded = canonical_query(query, Variant::default());
    let encoded = canonical_query(
        query,
        Variant {
            sort_encoded: true,
            ..Variant::default()
        },
    );
    decoded != encoded
}

/// RFC 3986 unreserved bytes stay; every other byte is `%XY`, upper-case.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%XY` to its byte (a malformed escape stays as written); `+` to a space if asked.
pub(crate) fn percent_decode(bytes: &[u8], plus_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |j: usize| bytes.get(j).and_then(|&c| (c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
            (b'+', _, _) if plus_space => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `SDK-HMAC-SHA256`, the date, the canonical request's hash.
pub fn string_to_sign(canonical: &str, sdk_date: &str) -> String {
    format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        sha256_hex(canonical.as_bytes())
    )
}

/// Lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret as it is.
pub fn signature(string_to_sign: &str, secret: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
