//! Which credential signed the request: an app's AppKey/AppSecret (App authentication,
//! APIG.0303) or an IAM access key's AK/SK (IAM authentication, APIG.0301). The algorithm
//! is the same; only the words differ, and they must, since an engineer told to "reset
//! the AppSecret" of an IAM access key looks in the wrong console.

use serde::Serialize;

use super::diagnose::{Finding, Report, Verdict};
use super::transcript::Answer;

/// The pair that signed the request, as the gateway's answer tells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Credential {
    /// App authentication: `Access=` is the AppKey, the secret is the AppSecret.
    #[default]
    App,
    /// IAM AK/SK authentication: `Access=` is the AK, the secret is the SK.
    Aksk,
}

impl Credential {
    /// AK/SK when the answer says so: code `APIG.0301` / `APIGW.0301` (IAM authentication)
    /// or an `aksk` message (`verify aksk signature fail`, `calc aksk signature fail`).
    /// Without either, App authentication, the tool's first purpose.
    pub(crate) fn of(answer: &Answer) -> Self {
        let code = answer.code.as_deref().unwrap_or_default();
        let message = answer
            .message
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if code.to_ascii_uppercase().ends_with(".0301") || message.contains("aksk") {
            Credential::Aksk
        } else {
            Credential::App
        }
    }

    /// The key's name: `AppKey` or `AK`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Credential::App => "AppKey",
            Credential::Aksk => "AK",
        }
    }

    /// The secret's name: `AppSecret` or `SK`.
    pub(crate) fn secret(self) -> &'static str {
        match self {
            Credential::App => "AppSecret",
            Credential::Aksk => "SK",
        }
    }

    /// The secret typed for the check, in a sentence: "secret" or "SK".
    pub(crate) fn typed(self) -> &'static str {
        match self {
            Credential::App => "secret",
            Credential::Aksk => "SK",
        }
    }

    /// The same with its article: "a secret" or "an SK".
    pub(crate) fn a_typed(self) -> &'static str {
        match self {
            Credential::App => "a secret",
            Credential::Aksk => "an SK",
        }
    }

    /// The credential's owner in a sentence: "the app" or "the IAM access key".
    pub(crate) fn owner(self) -> &'static str {
        match self {
            Credential::App => "the app",
            Credential::Aksk => "the IAM access key",
        }
    }

    /// Who a key belongs to: "app" or "IAM user".
    pub(crate) fn holder(self) -> &'static str {
        match self {
            Credential::App => "app",
            Credential::Aksk => "IAM user",
        }
    }

    /// Where the current secret is found, or a new one made.
    pub(crate) fn where_to_get(self) -> &'static str {
        match self {
            Credential::App => {
                "the console's Apps > app > AppKey/AppSecret (a reset secret invalidates the old one)"
            }
            Credential::Aksk => {
                "the console's My Credentials > Access Keys (the SK is shown only once, in the file downloaded when the key is created: if it is lost, create a new access key and delete the old one)"
            }
        }
    }

    /// The authentication's name: "App authentication" or "IAM AK/SK authentication".
    pub(crate) fn authentication(self) -> &'static str {
        match self {
            Credential::App => "App authentication",
            Credential::Aksk => "IAM AK/SK authentication",
        }
    }
}

impl Report {
    /// A variant reproduced the signature: the canonical request shown is the one the
    /// client signed, not the one recomputed from the transcript.
    pub(crate) fn signed_as_client(&self) -> bool {
        self.verdict == Some(Verdict::Reproduced) && self.signed_variant
    }

    /// No signed request was checked: none in the paste, or its signature was redacted.
    pub(crate) fn no_request_checked(&self) -> bool {
        matches!(
            self.verdict,
            Some(Verdict::NotAppAuth | Verdict::AuthorizationRedacted | Verdict::Incomplete)
        )
    }

    /// The verdict in words (lower-case first, no full stop), the same in the command
    /// line, the window and an incident.
    pub(crate) fn verdict_text(&self) -> String {
        let typed = self.credential.typed();
        if let Some(status) = self.accepted {
            return match self.verdict {
                Some(Verdict::NotReproduced) if self.body_unchecked => format!(
                    "the gateway accepted this request (HTTP {status}), but the {typed} does not reproduce its signature from what the paste shows: another {typed} was used, or the paste does not show all that was signed (the body)"
                ),
                Some(Verdict::NotReproduced) => format!(
                    "the gateway accepted this request (HTTP {status}), but the {typed} does not reproduce its signature from what the paste shows: another {typed} was used, or the paste does not show the request exactly as it was sent"
                ),
                _ => format!(
                    "the gateway accepted this request (HTTP {status}): its signature passed"
                ),
            };
        }
        match self.verdict {
            Some(Verdict::Reproduced) if self.signed_as_client() => format!(
                "the {typed} reproduces the signature sent, for the request as the client signed it (not as it was sent)"
            ),
            Some(Verdict::Reproduced) => format!("the {typed} reproduces the signature sent"),
            Some(Verdict::NotReproduced) => {
                format!("the {typed} does not reproduce the signature sent")
            }
            Some(Verdict::NoSecret) => {
                format!("no {typed} given: the signature itself was not checked")
            }
            Some(Verdict::AuthorizationRedacted) => "the Authorization header is redacted in this paste (when it was stored, or before it was pasted): there is no signature to check; paste the transcript as it was sent".into(),
            Some(Verdict::Incomplete) if self.signature_sent.is_some() => "the signature sent is not 64 characters long: the paste looks cut inside it, so nothing was checked; paste the whole transcript".into(),
            Some(Verdict::Incomplete) => "the paste is cut inside the request's headers and shows no Authorization header: nothing was checked; paste the whole transcript".into(),
            Some(Verdict::BodyNeeded) => format!("the signature was not checked: it covers the body the request sent, which the paste does not show (curl -v never does); give the exact body that was sent to check it with the {typed}"),
            Some(Verdict::NotAppAuth) | None => match self.credential {
                Credential::App => {
                    "not an App-authenticated (SDK-HMAC-SHA256 Access=) request".into()
                }
                Credential::Aksk => {
                    "not a request signed with an AK/SK (SDK-HMAC-SHA256 Access=)".into()
                }
            },
        }
    }

    /// The verdict as a sentence: capital first, full stop last.
    pub(crate) fn verdict_sentence(&self) -> String {
        let text = self.verdict_text();
        let mut chars = text.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        join_sentences(&[&format!("{first}{}", chars.as_str())])
    }

    /// What the left column of the canonical request is.
    pub(crate) fn canonical_title(&self) -> &'static str {
        if self.signed_as_client() {
            "as the client signed it"
        } else {
            "recomputed from the transcript"
        }
    }
}

impl Finding {
    /// The finding and what to do, as one text: each part ends as a sentence, so a
    /// detail that ends in a full stop is never followed by a colon.
    pub(crate) fn sentence(&self) -> String {
        join_sentences(&[&self.detail, &self.action])
    }
}

/// Sentences joined by a space, each given its full stop when it has no end mark.
fn join_sentences(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.ends_with(['.', '!', '?']) {
                p.to_string()
            } else {
                format!("{p}.")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(code: Option<&str>, message: Option<&str>) -> Answer {
        Answer {
            code: code.map(str::to_string),
            message: message.map(str::to_string),
            ..Answer::default()
        }
    }

    #[test]
    fn the_answer_tells_an_iam_access_key_from_an_app() {
        assert_eq!(
            Credential::of(&answer(
                Some("APIG.0301"),
                Some("Incorrect IAM authentication information: verify aksk signature fail")
            )),
            Credential::Aksk
        );
        assert_eq!(
            Credential::of(&answer(Some("APIGW.0301"), None)),
            Credential::Aksk
        );
        assert_eq!(
            Credential::of(&answer(
                None,
                Some("verify aksk signature fail, canonicalRequest:GET|/|")
            )),
            Credential::Aksk
        );
        assert_eq!(
            Credential::of(&answer(
                Some("APIG.0303"),
                Some("Incorrect app authentication information: verify signature fail")
            )),
            Credential::App
        );
        assert_eq!(Credential::of(&answer(None, None)), Credential::App);
    }

    #[test]
    fn sentences_join_without_a_colon_after_a_full_stop() {
        assert_eq!(
            join_sentences(&["The body hashes to c677.", "Sign the exact bytes"]),
            "The body hashes to c677. Sign the exact bytes."
        );
        assert_eq!(
            join_sentences(&["Header x-stage differs", " ", "Sign it as sent."]),
            "Header x-stage differs. Sign it as sent."
        );
    }
}
