//! The words of a gateway detail string, as analysis compares them with a paste: folded
//! runs of letters and digits, so `AK access failed to reach the limit,forbidden` and
//! `... limit, forbidden` are the same detail, and `fail:signature expired` holds
//! `signature expired`.

use std::ops::Range;

use super::fold;

/// One word of a detail as the catalog writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DetailWord {
    /// A folded word that must stand in the paste as it is.
    Word(String),
    /// `{name}`: one word of the gateway's own (an AK, an app key) stands here.
    Any,
}

/// The words of a detail string; `{...}` is one [`DetailWord::Any`].
pub(crate) fn detail_words(detail: &str) -> Vec<DetailWord> {
    let mut out = Vec::new();
    let mut rest = detail;
    while let Some(open) = rest.find('{') {
        let (before, after) = (rest.get(..open).unwrap_or_default(), rest.get(open..));
        out.extend(
            words_with_chars(before)
                .into_iter()
                .map(|(w, _)| DetailWord::Word(w)),
        );
        out.push(DetailWord::Any);
        let after = after.unwrap_or_default();
        rest = after
            .find('}')
            .and_then(|close| after.get(close + 1..))
            .unwrap_or_default();
    }
    out.extend(
        words_with_chars(rest)
            .into_iter()
            .map(|(w, _)| DetailWord::Word(w)),
    );
    out
}

/// The folded words of `text`, each with the chars of `text` it covers (char indices,
/// not bytes: see [`fold`]).
fn words_with_chars(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (at, c) in fold(text).chars().enumerate() {
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = at;
            }
            current.push(c);
        } else if !current.is_empty() {
            out.push((std::mem::take(&mut current), start..at));
        }
    }
    if !current.is_empty() {
        let end = start + current.chars().count();
        out.push((current, start..end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> DetailWord {
        DetailWord::Word(w.to_string())
    }

    #[test]
    fn punctuation_and_case_do_not_make_another_detail() {
        assert_eq!(
            detail_words("AK access failed to reach the limit,forbidden"),
            detail_words("ak access failed to reach the limit, Forbidden")
        );
        assert_eq!(
            detail_words("Get secretKey failed"),
            [word("get"), word("secretkey"), word("failed")]
        );
    }

    #[test]
    fn a_placeholder_is_one_word_of_any_text() {
        assert_eq!(
            detail_words("ak {ak} not exist"),
            [word("ak"), DetailWord::Any, word("not"), word("exist")]
        );
    }

    #[test]
    fn words_know_their_chars_in_the_original() {
        let words = words_with_chars("fail:signature \u{212A}ey");
        assert_eq!(words[1], ("signature".to_string(), 5..14));
        assert_eq!(words[2], ("key".to_string(), 15..18));
    }
}
