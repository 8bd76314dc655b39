//! "Now" a few words before a code in its clause: "… now it says APIG.0302", "now we get
//! APIG.0401", "now it's APIG.0308", "ahora dice APIG.0201", "jetzt kommt APIG.0401",
//! "maintenant on a APIG.0304", "现在报APIG.0401". After an earlier code, the later one
//! is what calls give now: a report, not a code named in passing (a fresh-eyes tester's
//! "now it says APIG.0302" was counted as a code only named, and left a guess).

/// Words of "now" in the languages tickets come in, compared whole ("know" is no "now").
const NOW: &[&str] = &[
    "now",
    "jetzt",
    "nun",
    "ahora",
    "maintenant",
    "agora",
    "currently",
];
/// Chinese "now", found anywhere in the clause's last characters.
const NOW_CHINESE: &[&str] = &["现在", "現在", "目前", "如今"];
/// A word before "now" that makes it a time past ("until now it was …", "bis jetzt",
/// "hasta ahora", "jusqu'à maintenant", "até agora"): then the code is no report.
const UNTIL: &[&str] = &[
    "until", "till", "til", "bis", "hasta", "à", "jusqu", "até", "ate",
];
/// How many words may stand between "now" and the code ("now it says", "maintenant on a").
const WITHIN_WORDS: usize = 4;
/// How many characters of Chinese may stand between `现在` and the code (`现在又报了`).
const WITHIN_CHARS: usize = 6;

/// Whether `before` (a line up to a code, its end trimmed) ends with a clause in which
/// "now" stands a few words before the code, not as "until now".
pub(super) fn said_now(before: &str) -> bool {
    let clause = before
        .rsplit([
            '.', ';', ',', ':', '!', '?', '(', '\n', '，', '。', '；', '：', '！', '？',
        ])
        .next()
        .unwrap_or(before);
    // Chinese: `现在` with at most a few characters after it (`现在报`, `现在又报了`), not
    // as a modifier (`现在的文档里说`: the current docs).
    let chinese = NOW_CHINESE
        .iter()
        .filter_map(|w| clause.rfind(w).map(|i| i + w.len()))
        .max()
        .and_then(|end| clause.get(end..));
    if let Some(rest) = chinese {
        let rest = rest.trim();
        return !rest.starts_with('的') && rest.chars().count() <= WITHIN_CHARS;
    }
    let words: Vec<String> = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let from = words.len().saturating_sub(WITHIN_WORDS);
    words.iter().enumerate().skip(from).any(|(i, w)| {
        NOW.contains(&w.as_str())
            && !i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .is_some_and(|prev| UNTIL.contains(&prev.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::said_now;

    #[test]
    fn now_a_few_words_before_the_code_says_it_is_the_current_error() {
        for before in [
            "We fixed the key, now it says",
            "Now we get",
            "and now it's",
            "Al principio salía APIG.0308, pero ahora dice",
            "Gestern hatten wir APIG.0303. Jetzt kommt",
            "Avant c'était APIG.0303, maintenant on a",
            "之前是APIG.0303，改了签名以后现在报",
            "現在變成",
        ] {
            assert!(said_now(before), "{before}");
        }
    }

    #[test]
    fn now_in_another_clause_far_before_or_as_until_now_is_not() {
        for before in [
            "until now it was",
            "bis jetzt war es",
            "hasta ahora era",
            "Now that the docs are open, the table on page two says the code",
            "Now, the runbook says",
            "we know it is",
            "现在的文档里说",
        ] {
            assert!(!said_now(before), "{before}");
        }
    }
}
