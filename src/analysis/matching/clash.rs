//! A code and a message that name different rows: the paste's code is APIG.0303, its
//! message APIG.0301's word for word ("Incorrect IAM authentication information."). The
//! code made the 0303 row the match at 1.00, its message only "resembling" that row's
//! (92 %), though one word apart the two mean different causes (IAM against app
//! authentication). Neither fact is taken over the other: the code's rows stay first but
//! as guesses, the message's row is listed beside them, and a warning says what to check.

use super::{Candidate, MessageFit, RESEMBLES, Said, TIED, best_fit};
use crate::analysis::index::Lookup;

/// The row of another code whose message `message` is word for word, when no row of the
/// paste's code (`rows`) has it: the same, as a template, or followed by a detail.
pub(super) fn other_row(message: &str, rows: &[usize], lookup: &Lookup) -> Option<usize> {
    let said = Said::new(message);
    let messages = lookup.messages();
    let fit = |row: usize| best_fit(&said, messages.texts_of(row), RESEMBLES);
    let own = |row: usize| {
        matches!(
            fit(row),
            MessageFit::Same | MessageFit::Template(_) | MessageFit::WithDetail(_)
        )
    };
    if rows.iter().any(|&row| own(row)) {
        return None;
    }
    let code = lookup.catalog.entries.get(*rows.first()?)?.code();
    messages
        .exact(&said.folded.text)
        .into_iter()
        .filter(|&row| {
            lookup
                .catalog
                .entries
                .get(row)
                .is_some_and(|e| e.code() != code)
        })
        .find(|&row| fit(row) == MessageFit::Same)
}

/// The code's rows made guesses, `other` listed after them, and the warning to give.
pub(super) fn doubt(candidates: &mut Vec<Candidate>, other: usize, lookup: &Lookup) -> String {
    let entries = &lookup.catalog.entries;
    let theirs = &entries[other];
    let code = candidates
        .first()
        .and_then(|c| entries.get(c.row))
        .map(|e| e.code().to_string())
        .unwrap_or_default();
    for c in candidates.iter_mut() {
        c.confidence = c.confidence.min(TIED);
        c.reasons.push(format!(
            "the message is {}'s word for word, not this row's",
            theirs.code()
        ));
    }
    candidates.push(Candidate {
        row: other,
        confidence: TIED - 0.05,
        reasons: vec![
            format!("message is '{}' word for word", theirs.message()),
            format!("the paste's code is {code}, not {}", theirs.code()),
        ],
    });
    format!(
        "The code and the message name different rows: the message is {} {}'s word for word ('{}'), not {code}'s. Check which the gateway sent (a custom gateway response can reword a message; a client can report the wrong code) before naming a cause.",
        theirs.code(),
        theirs.http_status,
        theirs.message()
    )
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze_every;
    use crate::catalog::Catalog;

    /// The code's row first, not a match; the message's row listed; the warning given.
    #[test]
    fn a_code_with_another_row_s_message_word_for_word_is_no_match() {
        let catalog = Catalog::embedded();
        for (text, theirs) in [
            (
                "HTTP/1.1 401 Unauthorized\r\n\r\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect IAM authentication information.\"}",
                "APIG.0301",
            ),
            (
                "2026-12-07T10:00:00Z ERROR APIG.0303 Incorrect IAM authentication information",
                "APIG.0301",
            ),
            (
                "{\"error_code\": \"APIG.0308\", \"error_msg\": \"The API does not exist.\"}",
                "APIG.0101",
            ),
        ] {
            let a = analyze_every(text, &catalog);
            let e = &a.errors[0];
            assert!(e.matched().is_none(), "{text}\n{:#?}", e.candidates);
            let listed: Vec<&str> = e
                .candidates
                .iter()
                .map(|c| catalog.entries[c.row].code())
                .collect();
            assert_eq!(listed.first(), e.code.as_deref().as_ref(), "{text}");
            assert!(listed.contains(&theirs), "{text}: {listed:?}");
            assert!(
                e.warnings.iter().any(|w| w.contains("name different rows")),
                "{text}\n{:#?}",
                e.warnings
            );
        }
    }

    /// A code with its own message, or with words no other row has, is as before.
    #[test]
    fn a_code_with_its_own_message_or_a_reworded_one_is_no_clash() {
        let catalog = Catalog::embedded();
        for text in [
            "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information.\"}",
            "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: app not found\"}",
            "{\"error_code\":\"APIG.0303\",\"error_msg\":\"app authentication information is wrong\"}",
            "{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend unavailable.\"}",
        ] {
            let a = analyze_every(text, &catalog);
            let e = &a.errors[0];
            assert!(
                !e.warnings.iter().any(|w| w.contains("name different rows")),
                "{text}\n{:#?}",
                e.warnings
            );
        }
        let own = analyze_every(
            "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information.\"}",
            &catalog,
        );
        assert!(own.errors[0].matched().is_some());
    }
}
