//! The status a test's failure report says the test received: Jest's `Received: 504`,
//! JUnit's `expected: <200> but was: <429>`, unittest's `AssertionError: 401 != 200`,
//! pytest's `assert 401 == 200` (what the test got is on the left), AssertJ's
//! `Expecting actual:⏎  403⏎to be equal to:`. What the test expected (`Expected: 429`)
//! and its title ("● gateway › returns 429 when throttled") say what the test wanted,
//! never what came back: a fresh-eyes tester found the title's 429 taken for the
//! response's status beside `Received: 504`.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::re;

/// The received value of a failure report, when it is a status (each form its group).
static RECEIVED_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*(?:E\s+)?(?:received|actual)(?:\s+value)?\s*:\s*<?(\d{3})>?\s*$|(?-u:\b)but\s+was\s*:?\s*<(\d{3})>|^\s*(?:E\s+)?AssertionError:\s*(\d{3})\s*!=\s*\d{3}\s*$|^\s*E\s+(?:AssertionError:\s*)?assert\s+(\d{3})\s*==\s*\d{3}\s*$|expecting\s+actual:\s*\n\s*(\d{3})\s*\n\s*to\s+be\s+equal\s+to",
    )
});

/// Literals one of which every form of [`RECEIVED_STATUS`] holds, in the case a runner
/// writes it: a text without any is not searched.
const MARKS: &[&str] = &[
    "Received",
    "received",
    "Actual",
    "actual",
    "but was",
    "!=",
    "assert ",
    "Expecting",
];

/// The status a test's failure report in `text` (narrowed) says it received, with the
/// words it was read from.
pub(super) fn received(text: &str) -> Option<(u16, String)> {
    if !MARKS.iter().any(|m| text.contains(m)) {
        return None;
    }
    // Found by the fast engine first (the groups need the slow one, which over 256 KB of
    // binary bytes took 0.5 G instructions), the groups then read from where it begins.
    let found = RECEIVED_STATUS.find(text)?;
    let c = RECEIVED_STATUS.captures_at(text, found.start())?;
    let number = c.iter().skip(1).flatten().next()?;
    let status: u16 = number.as_str().parse().ok()?;
    let words = c
        .get(0)?
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (100..600).contains(&status).then_some((status, words))
}

/// Whether `line` is a test's title in a runner's report (Jest's and Vitest's `● …`,
/// a failed or passed test's `✕`/`✓`): what the test checks, never a response.
fn title(line: &str) -> bool {
    line.trim_start()
        .starts_with(['●', '✕', '✓', '×', '✗', '√', '✔', '✘'])
}

/// `text` without its lines that are a test's title ([`title`]), when it has any.
pub(super) fn without_titles(text: &str) -> Option<String> {
    if !text.contains(['●', '✕', '✓', '×', '✗', '√', '✔', '✘']) {
        return None;
    }
    Some(
        text.split_inclusive('\n')
            .filter(|line| !title(line))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{received, without_titles};

    #[test]
    fn what_a_test_received_is_its_status_and_what_it_expected_is_not() {
        for (text, status) in [
            ("    Expected: 200\n    Received: 503\n", 503),
            (
                "org.junit.ComparisonFailure: expected:<201> but was:<401>",
                401,
            ),
            ("AssertionError: 403 != 200", 403),
            ("E       assert 502 == 200\n", 502),
            ("Expecting actual:\n  429\nto be equal to:\n  200\n", 429),
        ] {
            assert_eq!(received(text).map(|(s, _)| s), Some(status), "{text}");
        }
        for text in [
            "Expected: 429\n",
            "we received 1000 requests",
            "assert count == 3",
        ] {
            assert_eq!(received(text), None, "{text}");
        }
    }

    #[test]
    fn a_test_s_title_is_left_out() {
        let report = "  ● orders › answers 404 when missing\n\n    Received: 500\n";
        let rest = without_titles(report).unwrap_or_default();
        assert!(
            !rest.contains("404") && rest.contains("Received: 500"),
            "{rest}"
        );
        assert_eq!(without_titles("plain 404 text"), None);
    }
}
