//! What the signature doctor can conclude: its verdicts, the causes it names and how
//! sure it is of each, gathered in a report that holds no secret.

use serde::Serialize;

use crate::signing::credential::Credential;
use crate::signing::variants::Applied;

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
    pub(super) fn component(self) -> u8 {
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
    /// The body signed is not known to be the one hashed (not shown, or not the one
    /// sent): a signature not reproduced may be the body's.
    #[serde(skip)]
    pub(crate) body_unchecked: bool,
}

impl Report {
    /// Whether a finding of `kind` was made.
    pub(crate) fn has(&self, kind: FindingKind) -> bool {
        self.findings.iter().any(|f| f.kind == kind)
    }

    pub(super) fn find(
        &mut self,
        kind: FindingKind,
        detail: impl Into<String>,
        action: impl Into<String>,
    ) {
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
    pub(super) fn find_as(
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
