//! A catalog message the paste quotes from the documentation, or says is not its error:
//! "The docs say "The throttling threshold has been reached." means you need a bigger
//! quota — our error is different", `文档上写着「…」表示 AK/SK 错误，但我们不是这个错误`,
//! "According to the docs, "…" is returned when the policy is missing". A fresh-eyes
//! tester found such a message taken for the response's, the match at 0.80. Found in
//! prose without a code, it is a guess at most ([`DOCS_CAP`]), and one the paste says is
//! not its error is less ([`DENIED_CAP`]); the answer says why.

use std::sync::LazyLock;

use regex::Regex;

use super::{FoundError, MATCH_THRESHOLD};
use crate::pattern::re;

/// At most this for a row whose message the paste quotes from the docs: a guess.
const DOCS_CAP: f32 = 0.4;
/// At most this for a row whose message the paste says is not its error.
const DENIED_CAP: f32 = 0.2;
/// How many bytes before the message a word of the docs may stand, and after it a word
/// that defines it ("means", "is returned when").
const NEAR: usize = 80;

/// Before a message: words that say it is read from the documentation.
static DOCS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:docs?|documentation|documented|the guide|dokumentation|doku|documentación|documentacion|la doc|documentação|documentacao)\b|文档|文檔|手册|手冊|说明书|官网",
    )
});
/// After a message: words that define it, as documentation does.
static DEFINES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)^[\s"”“'’`」』》»)\]]*(?:,\s*)?(?:means|meant|stands for|is (?:returned|shown|sent|given|raised|thrown) (?:when|if)|occurs (?:when|if)|bedeutet|heißt|significa|quiere decir|signifie|veut dire|quer dizer)\b|^[\s"」』》”]*(?:表示|意思是|意味着|的意思|是指|代表)"#,
    )
});
/// Anywhere on the message's line: the paste says its error is another.
static NOT_OURS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:our (?:error|problem|issue|case) is (?:a )?(?:different|another|something else)|(?:that|this|it) is not (?:our|the) (?:error|problem|issue|one)|(?:that|this|it)'s not (?:our|the) (?:error|problem|issue|one)|not (?:what|the (?:error|one)) we (?:see|get|have)|we (?:don't|do not|never) (?:see|get|have) (?:it|that|this)|unser fehler ist (?:ein )?anderer|nicht unser fehler|nuestro error es otro|no es nuestro error|notre erreur est différente|ce n'est pas notre erreur|nosso erro é outro)\b|不是这个错误|不是这个问题|不是这个|不是這個|并不是这个|我们的错误不一样|我们的错误不同",
    )
});

/// Each error found in prose without a code (its message quoted or written out) whose
/// message the paste quotes from the docs or says is not its error: its rows capped.
pub(crate) fn apply(mut found: Vec<FoundError>, text: &str) -> Vec<FoundError> {
    for e in found.iter_mut().filter(|e| e.code.is_none()) {
        let Some(message) = e.message.as_deref() else {
            continue;
        };
        if !e.candidates.iter().any(|c| c.confidence >= DENIED_CAP) {
            continue;
        }
        let Some((cap, why)) = said_of(text, message) else {
            continue;
        };
        let was_matched = e.matched().is_some();
        for c in &mut e.candidates {
            if c.confidence > cap {
                c.confidence = cap;
                c.reasons.push(why.to_string());
            }
        }
        if was_matched && e.matched().is_none() {
            e.warnings.push(format!(
                "No candidate is confident enough to be the match: {why}."
            ));
        }
    }
    found
}

/// What the paste says of `message` where it first writes it: the cap of its rows and
/// the reason, when it quotes it from the docs or says it is not its error.
fn said_of(text: &str, message: &str) -> Option<(f32, &'static str)> {
    let at = text.find(message)?;
    let end = at + message.len();
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text.get(end..)?.find('\n').map_or(text.len(), |i| end + i);
    let line = text.get(line_start..line_end)?;
    if NOT_OURS.is_match(line) {
        return Some((
            DENIED_CAP,
            "the paste says its error is not the one with this message",
        ));
    }
    let before = tail(text.get(line_start..at)?, NEAR);
    let after = text.get(end..line_end)?;
    let after = after.get(..floor(after, NEAR)).unwrap_or(after);
    (DOCS.is_match(before) || DEFINES.is_match(after)).then_some((
        DOCS_CAP.min(MATCH_THRESHOLD),
        "the paste quotes this message from the documentation (what it means), not as the response it got",
    ))
}

/// The last `n` bytes of `text` or fewer, cut at a char boundary.
fn tail(text: &str, n: usize) -> &str {
    let mut from = text.len().saturating_sub(n);
    while from < text.len() && !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..).unwrap_or_default()
}

/// The largest char boundary of `text` at or below `n`.
fn floor(text: &str, n: usize) -> usize {
    let mut at = n.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::said_of;

    #[test]
    fn a_message_quoted_from_the_docs_or_denied_is_capped() {
        let m = "Backend timeout.";
        for text in [
            "Per the documentation, \"Backend timeout.\" is the gateway giving up on the backend.",
            "In the guide 'Backend timeout.' means the backend took longer than the API's timeout.",
            "Laut Doku bedeutet „Backend timeout.“ ein Problem im Backend.",
            "手册里「Backend timeout.」是指后端超时。",
            "We read that \"Backend timeout.\" means a slow backend, but that is not what we see.",
            "\"Backend timeout.\" — das ist nicht unser Fehler, unser Fehler ist ein anderer.",
        ] {
            assert!(said_of(text, m).is_some(), "{text}");
        }
    }

    #[test]
    fn a_message_the_paste_got_is_not() {
        let m = "Backend timeout.";
        for text in [
            "The call returned \"Backend timeout.\" after 60 s.",
            "Our logs show 'Backend timeout.' on every order since 10:00.",
            "El gateway devuelve «Backend timeout.» desde esta mañana",
        ] {
            assert!(said_of(text, m).is_none(), "{text}");
        }
    }
}
