//! Remediation steps as the catalog stores them. The checklist logic that reads a paste
//! against a step lives above the analysis (`checklist`); the data lives here, with
//! the rows, so the catalog depends on nothing.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

/// How steps are read (`data/steps.toml`), compiled in so the app reads no file for it.
const STEPS_TOML: &str = include_str!("../../data/steps.toml");

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    toml::from_str(STEPS_TOML).expect("data/steps.toml is compiled in and tested")
});

/// Every word of every way of signing in, found in one case-insensitive pass however
/// many words there are (a 16 MB log of error lines is read word by word otherwise).
static AUTH_WORDS: LazyLock<(AhoCorasick, Vec<AuthMode>)> = LazyLock::new(|| {
    let (words, modes): (Vec<&str>, Vec<AuthMode>) = RULES
        .auth
        .iter()
        .flat_map(|a| a.says.iter().map(|w| (w.as_str(), a.mode)))
        .unzip();
    let finder = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("data/steps.toml words are tested");
    (finder, modes)
});

/// The contents of `data/steps.toml`.
#[derive(Deserialize)]
struct Rules {
    restating: Words,
    acting: Words,
    continues: Words,
    auth: Vec<AuthWords>,
}

#[derive(Deserialize)]
struct Words {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct AuthWords {
    mode: AuthMode,
    says: Vec<String>,
}

/// How the caller signed in, as far as a step depends on it: a request signed with an
/// access key pair (SDK-HMAC-SHA256, AK/SK) or one carrying an IAM token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum AuthMode {
    Aksk,
    Token,
}

impl AuthMode {
    pub(crate) const ALL: [AuthMode; 2] = [AuthMode::Aksk, AuthMode::Token];

    /// How the UI and tickets name it: with its header when the paste shows one
    /// (`header`, [`AuthMode::header_in`]), else as the paste's words say it, never
    /// naming a header the paste does not hold.
    pub(crate) fn label(self, header: bool) -> &'static str {
        match (self, header) {
            (AuthMode::Aksk, true) => "signed request (SDK-HMAC-SHA256)",
            (AuthMode::Token, true) => "IAM token (X-Auth-Token)",
            (AuthMode::Aksk, false) => {
                "signed request (AK/SK), as the paste's words say; no signing header in it"
            }
            (AuthMode::Token, false) => {
                "IAM token, as the paste's words say; no X-Auth-Token header in it"
            }
        }
    }

    /// Whether `text` shows a header of this way of signing in: `Authorization:
    /// SDK-HMAC-SHA256 …` or `X-Sdk-Date`, `X-Auth-Token` or `X-Subject-Token`, as a
    /// header line or a curl `-H` option.
    pub(crate) fn header_in(self, text: &str) -> bool {
        let names: &[&str] = match self {
            AuthMode::Aksk => &["sdk-hmac-sha256", "x-sdk-date:"],
            AuthMode::Token => &["x-auth-token:", "x-subject-token:"],
        };
        let lower = text.to_ascii_lowercase();
        names.iter().any(|n| lower.contains(n))
    }

    /// Which requests a step with this `when` is for, as a checklist notes it.
    pub(crate) fn step_note(self) -> &'static str {
        match self {
            AuthMode::Aksk => "for a request signed with AK/SK",
            AuthMode::Token => "for a request with an IAM token",
        }
    }

    /// The one mode `text` (a block of a paste: its headers, the gateway's message and
    /// detail) names, by the words of `data/steps.toml`; None when it names none, or
    /// both (then a checklist keeps the steps of both).
    pub(crate) fn said_in(text: &str) -> Option<AuthMode> {
        let (finder, modes) = &*AUTH_WORDS;
        let mut said = None;
        for m in finder.find_iter(text) {
            let mode = modes.get(m.pattern().as_usize()).copied();
            match (said, mode) {
                (None, _) => said = mode,
                (Some(a), Some(b)) if a != b => return None,
                _ => {}
            }
        }
        said
    }
}

/// A fact of an analyzed paste that a step can be checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EvidenceKey {
    XStage,
    Status,
    ClockSkew,
    BodySize,
    UriLength,
    HeaderSize,
    DebugDomain,
    Protocol,
}

impl EvidenceKey {
    pub(crate) const ALL: [EvidenceKey; 8] = [
        EvidenceKey::XStage,
        EvidenceKey::Status,
        EvidenceKey::ClockSkew,
        EvidenceKey::BodySize,
        EvidenceKey::UriLength,
        EvidenceKey::HeaderSize,
        EvidenceKey::DebugDomain,
        EvidenceKey::Protocol,
    ];
}

/// One step of a checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What to check or do.
    pub text: String,
    /// The fact of a paste that shows whether the step holds, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) evidence: Option<EvidenceKey>,
    /// The documentation section the step comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) doc: Option<String>,
    /// Only for a request signed in this way: left out when the paste shows the other
    /// way (a token step for an AK/SK-signed request), kept when it does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) when: Option<AuthMode>,
    /// The team note a step of an incident comes from (its title and file), so the
    /// incident's Markdown can list the notes used; a catalog's steps have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) team: Option<String>,
}

/// Steps for a row whose data file has none (management rows, imported tables): one per
/// sentence of the solution, a sentence that goes on from the one before ("It should
/// be...") joined to it. Sentences that only restate the error are left to
/// [`restates_error`], like curated steps.
pub(crate) fn steps_from_solution(solution: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for sentence in solution.split_inclusive(". ").map(str::trim) {
        match steps.last_mut() {
            _ if sentence.is_empty() => {}
            Some(last) if continues(sentence) => {
                last.text.push(' ');
                last.text.push_str(sentence);
            }
            _ => steps.push(Step {
                text: sentence.to_string(),
                evidence: None,
                doc: None,
                when: None,
                team: None,
            }),
        }
    }
    steps
}

/// The sentence opens with a word that points back ("It", "They").
fn continues(sentence: &str) -> bool {
    let first = sentence
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    RULES.continues.words.contains(&first)
}

/// The step only restates the error of its row (`code`, `status`, `message`), "The
/// status is 504.": once the row's own words, HTTP status numbers and the words of
/// `data/steps.toml` that only describe an error are set aside, nothing is left to do
/// or check; unless the message it repeats asks for an action itself.
pub(crate) fn restates_error(step: &str, code: &str, status: u16, message: &str) -> bool {
    let rules = &*RULES;
    let code: Vec<String> = words(code).collect();
    let message: Vec<String> = words(message).collect();
    let describes = |w: &String| {
        code.contains(w)
            || rules.restating.words.contains(w)
            || w.parse::<u16>()
                .is_ok_and(|n| n == status || (100..600).contains(&n))
    };
    words(step)
        .filter(|w| !describes(w))
        .all(|w| message.contains(&w) && !rules.acting.words.contains(&w))
}

/// Lower-cased words and numbers; punctuation and quotes split them.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solution_sentences_become_steps() {
        let steps = steps_from_solution("Use another name. Then retry the request.");
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].text, "Use another name.");
    }

    #[test]
    fn a_sentence_that_goes_on_from_the_last_joins_its_step() {
        let steps = steps_from_solution(
            "Raise the connection limit. It must stay below the instance maximum. Then retry.",
        );
        let texts: Vec<&str> = steps.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Raise the connection limit. It must stay below the instance maximum.",
                "Then retry."
            ]
        );
    }

    #[test]
    fn a_step_that_restates_the_error_is_told_from_one_to_act_on() {
        let message = "Backend unavailable.";
        let restating = [
            "The status is 502.",
            "The HTTP status code returned is 502",
            "The response body says APIG.0201 and the message is 'Backend unavailable.'",
            "Error code APIG.0201 is returned.",
            "APIGW.0201: backend unavailable",
            "This operation is not allowed.",
            "You do not need to take any action.",
            "The gateway answers 503 Backend unavailable.",
        ];
        for step in restating {
            assert!(restates_error(step, "APIG.0201", 502, message), "{step}");
        }
        let acting = [
            "The backend is reachable from the gateway on port 8443.",
            "Check whether the backend is unavailable from the VPC.",
            "Retry after 60 seconds.",
            "The request body is smaller than 12 MB.",
            "Restart the backend service.",
            "The status is 502 only for requests through the proxy.",
        ];
        for step in acting {
            assert!(!restates_error(step, "APIG.0201", 502, message), "{step}");
        }
    }

    #[test]
    fn a_message_that_asks_for_an_action_may_be_repeated_as_a_step() {
        let message = "Invalid certificate. Add one that expires before January 19, 2038.";
        let code = "APIG.3148";
        assert!(restates_error("Invalid certificate.", code, 400, message));
        assert!(!restates_error(
            "Add one that expires before January 19, 2038.",
            code,
            400,
            message
        ));
        let gone = "The specified task does not exist";
        assert!(restates_error(gone, "APIG.3072", 404, gone));
    }

    #[test]
    fn the_words_of_the_data_file_are_lower_case_and_read_once() {
        let rules = &*RULES;
        let lists = [&rules.restating, &rules.acting, &rules.continues];
        let all = lists
            .iter()
            .flat_map(|l| l.words.iter())
            .chain(rules.auth.iter().flat_map(|a| a.says.iter()));
        for w in all {
            assert_eq!(*w, w.to_lowercase(), "data/steps.toml: {w}");
        }
        let acting_restates = rules
            .acting
            .words
            .iter()
            .find(|w| rules.restating.words.contains(w));
        assert_eq!(acting_restates, None, "a word cannot both act and restate");
    }

    #[test]
    fn a_paste_says_aksk_or_token_or_leaves_it_open() {
        let said = |t: &str| AuthMode::said_in(t);
        assert_eq!(
            said("Incorrect IAM authentication information: verify aksk signature fail"),
            Some(AuthMode::Aksk)
        );
        assert_eq!(
            said("Get secretKey failed,ak:***,err:ak not exist"),
            Some(AuthMode::Aksk)
        );
        assert_eq!(
            said("AK access failed to reach the limit,forbidden"),
            Some(AuthMode::Aksk)
        );
        assert_eq!(said("decrypt token fail"), Some(AuthMode::Token));
        assert_eq!(said("Incorrect IAM authentication information."), None);
        assert_eq!(
            said("x-auth-token: MIIE0 ... verify aksk signature fail"),
            None,
            "both: unsure"
        );
        assert_eq!(
            said("Backend signature calculation failed"),
            None,
            "the gateway signing its backend call is not how the caller signed in"
        );
        assert_eq!(
            said("The access token of the app has expired (refresh_token)"),
            None,
            "an app's OAuth token is no IAM token"
        );
        assert_eq!(
            said("> Authorization: SDK-HMAC-SHA256 Access=AK0, SignedHeaders=host, Signature=00"),
            Some(AuthMode::Aksk)
        );
        assert_eq!(said("> x-auth-token: MIIE0000"), Some(AuthMode::Token));
        assert_eq!(said("> Authorization: Bearer eyJ0"), None, "neither");
    }
}
