//! What a log line or a sentence writes right beside a code: the status before it, as a
//! log line's level is followed by it (`ERROR 401 APIG.1002 …`, `[WARN] 429 APIG.0308`),
//! and the message quoted after or before it, in any language's quotes (`el error
//! APIG.0301 "Incorrect IAM authentication information" al llamar`, `„Incorrect IAM
//! authentication information“ (APIG.0301)`, `返回 APIG.0301「Incorrect …」`). A number
//! that is a count, a port, a line or an attempt is never such a status: only a level, a
//! field's end (`]`, `|`, `:`, a dash), a clock or a line's start may stand before it.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::re;

/// An error status, then the code: after a line's start, a log level or failure word, a
/// field's end or a clock (`14:03:22 401 APIG.1002`); a dash, colon or bar may part it
/// from the code.
static STATUS_THEN_CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)(?:^[ \t]*|(?:[\]|>:–—-]|(?-u:\b)(?i:error|err|warn|warning|fatal|severe|failed|failure|fehler|erreur|falha|fallo)(?-u:\b)|\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?Z?)[ \t]+|(?:错误|报错|失败|返回)[ \t]*)([45]\d{2})[ \t]+(?:[-–—:|][ \t]+)?(?i:apigw|apig|apic)[._-]?\d{4}(?-u:\b)",
    )
});

/// The status a log line writes before its code ([`STATUS_THEN_CODE`]).
pub(super) fn status_before_code(text: &str) -> Option<u16> {
    // Its code holds `apig` or `apic` (ASCII letters): a text without either is not run
    // through the pattern.
    // Its number must also parse: ASCII digits, a blank after them.
    if !mentions_code(text) || !status_then_blank(text) {
        return None;
    }
    STATUS_THEN_CODE.captures_iter(text).find_map(|c| {
        // `429 APIG.0308 errors today` counts the code's errors: no status.
        let after = text.get(c.get(0)?.end()..).unwrap_or_default();
        if COUNTED.is_match(after) {
            return None;
        }
        c.get(1)?
            .as_str()
            .parse::<u16>()
            .ok()
            .filter(|s| crate::http_status::registered_error(*s))
    })
}

/// Words after a code that make the number before it a count of its errors.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:(?i:errors?|times|calls|requests|occurrences|hits|mal|fehler|veces|errores|fois|erreurs|vezes|erros)(?-u:\b)|次|个)",
    )
});

/// Each code of `line` (narrowed), as the catalog writes it, first place first, with the
/// status written right beside it: after it ([`super::CODE_THEN_STATUS`], `APIG.0308
/// (429)`) or before it ([`STATUS_THEN_CODE`], `ERROR 401 APIG.1002`).
pub(super) fn statuses(line: &str) -> Vec<(String, Option<u16>)> {
    let before: Vec<(usize, u16)> = if mentions_code(line) && status_then_blank(line) {
        STATUS_THEN_CODE
            .captures_iter(line)
            .filter_map(|c| Some((c.get(0)?.end(), c.get(1)?.as_str().parse().ok()?)))
            .collect()
    } else {
        Vec::new()
    };
    let mut out: Vec<(String, Option<u16>)> = Vec::new();
    for m in super::error_codes(line) {
        let code = crate::catalog::catalog_code(m.as_str());
        if out.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let after = line.get(m.start()..).and_then(|rest| {
            // Only a code followed by blanks and a 4 or 5, or by a bracket, has a status
            // after it: the others are not run through the pattern.
            may_have_status_after(line.get(m.end()..)?).then_some(())?;
            let c = super::CODE_THEN_STATUS.captures(rest)?;
            (c.get(0)?.start() == 0).then_some(())?;
            super::status_number(rest, &c)
        });
        let ahead = before
            .iter()
            .find(|(end, _)| *end == m.end())
            .map(|(_, s)| *s);
        let status = after
            .or(ahead)
            .filter(|s| crate::http_status::registered_error(*s));
        out.push((code, status));
    }
    out
}

/// The opening quotes a message may be written in, and the closing ones.
const OPEN: &str = "\"“«„「『‘";
const CLOSE: &str = "\"”»“」』’";

/// A quoted message after its code: the code (its own closing quote, if quoted), then
/// spaces, a colon, comma, dash or bracket, or the words that say a message follows
/// ("with the message", "mit der Meldung", "con el mensaje", "avec le message", "com a
/// mensagem", `，提示`), then the quoted text.
static CODE_THEN_QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i:apigw|apig|apic)[._-]?\d{{4}}["'”’]?[ \t]*(?:[:：,，–—-][ \t]*|[(（][ \t]*)?(?:(?i:(?:with|and)(?: the)? (?:message|text|error message)|saying|which says|mit (?:der |dem )?(?:meldung|text|fehlermeldung)|und (?:der )?meldung|con (?:el )?(?:mensaje|texto)|y (?:el )?mensaje|que dice|avec (?:le )?(?:message|texte)|et le message|qui dit|com (?:a )?(?:mensagem|texto)|e a mensagem|que diz)[ \t:：]*|(?:提示|消息|信息|报错信息)[ \t:：]*)?[{OPEN}]([^{OPEN}{CLOSE}\n]{{3,200}})[{CLOSE}]"#
    ))
});
/// A quoted message before its code: the quoted text, then a bracket or a few words that
/// name the code (`with code`, `mit Code`, `con código`, `错误码`), then the code.
static QUOTED_THEN_CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"[{OPEN}]([^{OPEN}{CLOSE}\n]{{3,200}})[{CLOSE}][ \t]*[,:：]?[ \t]*[(（]?[ \t]*(?:(?i:with|mit|con|avec|com|und|and|y|et|e)[ \t]+)?(?:(?i:the|dem|der|el|le|la|o|a)[ \t]+)?(?:(?i:error[ \t]+code|code|fehlercode|c[oó]digo(?:[ \t]+de[ \t]+erro[r]?)?|code[ \t]+d'erreur)[ \t:：]*|错误码[ \t:：]*)?(?i:apigw|apig|apic)[._-]?\d{{4}}"#
    ))
});

/// The message quoted beside the code of `text`, if it reads as one: it opens with a
/// letter and has two words or more (or Chinese), and is not a JSON key (`"error_msg":`).
pub(super) fn quoted_message(text: &str) -> Option<String> {
    if !mentions_code(text) || !has_open_quote(text) {
        return None;
    }
    // After the code, a quoted text followed by a colon is a JSON key, not a message.
    [(&*CODE_THEN_QUOTED, true), (&*QUOTED_THEN_CODE, false)]
        .iter()
        .find_map(|(pattern, after_code)| {
            pattern.captures_iter(text).find_map(|c| {
                let after = text.get(c.get(0)?.end()..).unwrap_or_default();
                let key = *after_code && after.trim_start().starts_with([':', '：']);
                let message = c.get(1)?.as_str().trim();
                (!key && reads_as_message(message)).then(|| message.to_string())
            })
        })
}

/// Text that opens with a letter and holds two words or more, or Chinese.
fn reads_as_message(text: &str) -> bool {
    let han = text.chars().any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}'));
    text.chars().next().is_some_and(char::is_alphabetic)
        && (han || text.split_whitespace().count() >= 2)
}

/// Whether `text` holds `apig` or `apic` in any ASCII case.
pub(crate) fn mentions_code(text: &str) -> bool {
    CODE_LETTERS.is_match(text)
}

/// The letters every code opens with (`APIGW` holds `apig`), in ASCII case only: the
/// regex crate looks for them many bytes at a time, where a loop over a line's bytes
/// cost more than the patterns it spared.
static CODE_LETTERS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i-u:apig|apic)"));

/// Whether `text` holds one of the opening quotes ([`OPEN`]): ASCII text can hold only
/// the straight one, found by a byte search rather than a char-by-char comparison with
/// each quote.
fn has_open_quote(text: &str) -> bool {
    text.contains('"') || (!text.is_ascii() && text.contains(|c: char| OPEN.contains(c)))
}

/// Whether `text` holds an error status of ASCII digits followed by a space or tab
/// (`401 `), where every [`STATUS_THEN_CODE`] match whose number parses has one: a text
/// without it gives no status before a code, and is not run through the pattern.
fn status_then_blank(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        matches!(w, [b'4' | b'5', d1, d2, b' ' | b'\t'] if d1.is_ascii_digit() && d2.is_ascii_digit())
    })
}

/// Whether what follows a code (`rest`, from its last digit on) may be read by
/// [`super::CODE_THEN_STATUS`]: blanks then a 4 or 5, or a bracket after blanks.
fn may_have_status_after(rest: &str) -> bool {
    let after = rest.trim_start_matches([' ', '\t']);
    after.starts_with(['(', '（']) || (after.len() < rest.len() && after.starts_with(['4', '5']))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{
        OPEN, STATUS_THEN_CODE, has_open_quote, may_have_status_after, mentions_code,
        quoted_message, status_before_code, status_then_blank,
    };

    /// Pieces of lines around codes and numbers, with digits and brackets of other scripts.
    const PIECES: &[&str] = &[
        "APIG.0308",
        "apigw-0302",
        "ApIc_0304",
        "APIG 0201",
        "APIG.٠١٢٣",
        "apigx",
        "ap",
        "ig",
        " ",
        "\t",
        "\n",
        "(",
        "（",
        ")",
        "）",
        "HTTP",
        "429",
        "504",
        "4",
        "5",
        "0",
        "٤٢٩",
        "4٢9",
        "ERROR",
        "error",
        ":",
        " - ",
        "|",
        ",",
        "x",
        "\"",
        "“",
        "「",
        "'",
        "errors",
        "é",
    ];

    fn line() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..20).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Each cheap test says no only where its pattern gives nothing: the answers are
        /// those of the patterns alone.
        #[test]
        fn the_cheap_tests_pass_every_text_their_patterns_read(text in line()) {
            let windows = text
                .as_bytes()
                .windows(4)
                .any(|w| w.eq_ignore_ascii_case(b"apig") || w.eq_ignore_ascii_case(b"apic"));
            prop_assert_eq!(mentions_code(&text), windows, "{:?}", &text);
            prop_assert_eq!(
                has_open_quote(&text),
                text.contains(|c: char| OPEN.contains(c)),
                "{:?}",
                &text
            );
            if !status_then_blank(&text) {
                let parsed = STATUS_THEN_CODE
                    .captures_iter(&text)
                    .any(|c| c[1].parse::<u16>().is_ok());
                prop_assert!(!parsed, "{:?}", &text);
            }
            for m in super::super::error_codes(&text) {
                let (from, after) = (text.get(m.start()..), text.get(m.end()..));
                let at_code = from
                    .and_then(|from| super::super::CODE_THEN_STATUS.find(from))
                    .is_some_and(|c| c.start() == 0);
                if at_code {
                    prop_assert!(after.is_some_and(may_have_status_after), "{:?}", &text);
                }
            }
        }
    }

    #[test]
    fn a_status_a_log_line_writes_before_its_code_is_read() {
        for (line, want) in [
            ("ERROR 401 APIG.1002 token expired", 401),
            ("2024-03-05 14:03:22 ERROR 401 APIG.1002 call failed", 401),
            ("[WARN] 429 APIG.0308 throttled", 429),
            ("14:03:22.123 403 - APIG.0302 forbidden", 403),
            ("403 APIG.0302", 403),
            ("fehler 429 APIG.0308 beim Aufruf", 429),
            ("接口报错 403 APIG.0302", 403),
        ] {
            assert_eq!(status_before_code(line), Some(want), "{line}");
        }
        for line in [
            "attempt 429 APIG.0308",
            "port 443 APIG.0201 refused",
            "line 404 APIG.0101",
            "we saw 429 APIG.0308 errors today",
            "429 APIG.0308 errors since noon",
            "took 450 APIG.0201",
            "ERROR 200 requests then APIG.0308",
        ] {
            assert_eq!(status_before_code(line), None, "{line}");
        }
    }

    #[test]
    fn a_message_quoted_beside_its_code_is_read_in_several_languages() {
        let want = "Incorrect IAM authentication information";
        for text in [
            "Nos devuelve el error APIG.0301 \"Incorrect IAM authentication information\" al llamar a la API.",
            "Wir bekommen APIG.0301 „Incorrect IAM authentication information“ beim Aufruf.",
            "On reçoit l'erreur APIG.0301 « Incorrect IAM authentication information » à chaque appel.",
            "Recebemos o erro APIG.0301: “Incorrect IAM authentication information” ao chamar a API.",
            "调用接口返回 APIG.0301「Incorrect IAM authentication information」",
            "Sale el mensaje \"Incorrect IAM authentication information\" con código APIG.0301.",
            "Die Meldung „Incorrect IAM authentication information“ (APIG.0301) kommt immer.",
            "den Fehler APIG.0301 mit der Meldung „Incorrect IAM authentication information“.",
            "the call fails with APIG.0301 with the message \"Incorrect IAM authentication information\"",
            "l'appel échoue avec APIG.0301 avec le message « Incorrect IAM authentication information ».",
            "接口返回 APIG.0301，提示“Incorrect IAM authentication information”",
        ] {
            assert_eq!(quoted_message(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "{\"error_code\":\"APIG.0301\",\"error_msg\":\"x\"}",
            "APIG.0301 \"x\"",
            "we got APIG.0301 and \"429\" afterwards",
        ] {
            assert_eq!(quoted_message(text), None, "{text}");
        }
    }
}
