//! Codes written with a slip: a letter for a digit (`APIG.03O3`, `APIG.O308`,
//! `APIG.03l1`), a code's leading zero left out (`APIG.302`), no prefix after words that
//! say it is an error code ("error code 0308", `错误码 0308`). None is an APIG code as
//! written, and a fresh-eyes tester's `APIG.03O3` found no error at all. Each is read as
//! the catalog code it is one slip from, and the answer says it read a correction: a
//! letter for a digit is a match at most [`CORRECTED`] (less sure than the code written
//! right); a missing digit or prefix, which another code could explain too, leaves the
//! rows guesses ([`UNSURE`]). A slip that is no catalog code is left as it is.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::FoundError;
use crate::catalog::{Catalog, catalog_code};
use crate::pattern::re;

/// The most a row of a code read through a letter for a digit is: still the match, but
/// below a code written right with its status (0.9 and more).
const CORRECTED: f32 = 0.75;
/// The most a row of a code read through a missing digit or prefix is: a guess.
const UNSURE: f32 = 0.45;

/// A code with a letter O, o, I or l among its four digits.
static LETTERS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(apigw|apig|apic)([ ._-]?)([0-9oil]{4})(?-u:\b)"));
/// A code of three digits (`APIG.302`).
static THREE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(apigw|apig|apic)([._-]?)(\d{3})(?-u:\b)"));
/// Four digits after words that call them an error code, without a prefix.
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?-u:\b)(?:error|err)[ _-]?code|(?-u:\b)c(?:ó|o)digo\s+de\s+error|(?-u:\b)code\s+d['’]erreur|(?-u:\b)fehlercode|错误码|錯誤碼|错误代码|錯誤代碼)\s*[:=：]?\s*(?:is\s+|es\s+|est\s+|ist\s+|是\s*)?(0\d{3})(?-u:\b)",
    )
});
/// A code as written right, in any spelling `fields` reads.
static EXACT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:apigw|apig|apic)[ ._-]?\d{4}(?-u:\b)"));
/// A code written with a space, a hyphen, an underscore or nothing for its dot
/// (`APIG 0302`, `APIG-0302`, `APIG0302`): read, but said.
static SPELLED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(apigw|apig|apic)([ _-]?)(\d{4})(?-u:\b)"));
/// A code written with its dot.
static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:apigw|apig|apic)\.\d{4}(?-u:\b)"));
/// How much less sure a row of a code read through a letter for a digit is than the
/// same code written right: 0.70 for a code alone becomes 0.60.
const LETTER_DOUBT: f32 = 0.1;
/// How much less sure a row of a code written without its dot is.
const SPELLING_DOUBT: f32 = 0.05;

/// A code read through a slip.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Slip {
    /// As the paste wrote it (`APIG.03O3`, `error code 0308`).
    written: String,
    /// The catalog code it was read as.
    code: String,
    /// What the slip was, for the answer.
    why: &'static str,
    /// Only a letter for a digit, or a separator for the dot: the code is still the match.
    sure: bool,
    /// How much less sure than the code written right its rows are.
    doubt: f32,
}

/// `text` with each slipped code that is one slip from a catalog code (`known`) written
/// as that code, and the slips read; `text` itself when it has none. A code the paste
/// also writes right is not corrected: the paste names it already.
pub(crate) fn read<'t>(
    text: Cow<'t, str>,
    known: &mut dyn FnMut(&str) -> bool,
) -> (Cow<'t, str>, Vec<Slip>) {
    let cheap = text.as_bytes().windows(3).any(|w| {
        w.eq_ignore_ascii_case(b"api")
            || w.eq_ignore_ascii_case(b"cod")
            || w.eq_ignore_ascii_case(b"dig")
    }) || text.contains("码")
        || text.contains("碼");
    if !cheap {
        return (text, Vec::new());
    }
    let mut slips: Vec<(std::ops::Range<usize>, String, Slip)> = Vec::new();
    let mut take = |range: std::ops::Range<usize>, replacement: String, slip: Slip| {
        if known(&slip.code) {
            slips.push((range, replacement, slip));
        }
    };
    for c in LETTERS.captures_iter(&text) {
        let (Some(whole), Some(digits)) = (c.get(0), c.get(3)) else {
            continue;
        };
        if digits.as_str().chars().all(|d| d.is_ascii_digit()) {
            continue;
        }
        let fixed: String = digits
            .as_str()
            .chars()
            .map(|d| match d {
                'o' | 'O' => '0',
                'i' | 'I' | 'l' | 'L' => '1',
                d => d,
            })
            .collect();
        let replacement = format!("{}{}{fixed}", &c[1], &c[2]);
        let code = catalog_code(&replacement);
        let slip = Slip {
            written: whole.as_str().to_string(),
            code,
            why: "a letter written for a digit",
            sure: true,
            doubt: LETTER_DOUBT,
        };
        take(whole.range(), replacement, slip);
    }
    for c in THREE.captures_iter(&text) {
        let Some(whole) = c.get(0) else { continue };
        let replacement = format!("{}.0{}", &c[1], &c[3]);
        let slip = Slip {
            written: whole.as_str().to_string(),
            code: catalog_code(&replacement),
            why: "a code has four digits; read with its leading zero, which another code's digits could also explain",
            sure: false,
            doubt: 0.0,
        };
        take(whole.range(), replacement, slip);
    }
    for c in SPELLED.captures_iter(&text) {
        let (Some(whole), Some(digits)) = (c.get(0), c.get(3)) else {
            continue;
        };
        let replacement = format!("{}.{}", &c[1], digits.as_str());
        let slip = Slip {
            written: whole.as_str().to_string(),
            code: catalog_code(&replacement),
            why: "written without the code's dot",
            sure: true,
            doubt: SPELLING_DOUBT,
        };
        take(whole.range(), replacement, slip);
    }
    let coded = EXACT.is_match(&text);
    if !coded {
        for c in BARE.captures_iter(&text) {
            let (Some(whole), Some(number)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let replacement = format!("APIG.{}", number.as_str());
            let slip = Slip {
                written: whole.as_str().to_string(),
                code: catalog_code(&replacement),
                why: "the paste writes no APIG prefix: another service's code may have these digits too",
                sure: false,
                doubt: 0.0,
            };
            take(number.range(), replacement, slip);
        }
    }
    if coded {
        // A code the paste also writes right is the paste's already: not corrected. Only
        // a paste with a slip is searched for the codes written right.
        let exact: Vec<String> = DOTTED
            .find_iter(&text)
            .map(|m| catalog_code(m.as_str()))
            .filter(|code| slips.iter().any(|(_, _, s)| s.code == *code))
            .collect();
        slips.retain(|(_, _, s)| !exact.contains(&s.code));
    }
    if slips.is_empty() {
        return (text, Vec::new());
    }
    slips.sort_by_key(|(range, _, _)| range.start);
    let mut out = String::with_capacity(text.len() + slips.len());
    let mut at = 0;
    let mut read = Vec::new();
    for (range, replacement, slip) in slips {
        if range.start < at {
            continue;
        }
        out.push_str(text.get(at..range.start).unwrap_or_default());
        out.push_str(&replacement);
        at = range.end;
        read.push(slip);
    }
    out.push_str(text.get(at..).unwrap_or_default());
    (Cow::Owned(out), read)
}

/// Each error whose code was read through a slip: its rows less sure than the code
/// written right and capped ([`CORRECTED`] or [`UNSURE`]), and the correction said in its
/// first reason and its warnings. A corrected code whose status is none of its rows'
/// (`APIG.03O8` with HTTP 401) has two doubts: its rows are guesses.
pub(crate) fn apply(found: &mut [FoundError], slips: &[Slip], catalog: &Catalog) {
    for e in found.iter_mut() {
        let Some(slip) = slips.iter().find(|s| e.code.as_ref() == Some(&s.code)) else {
            continue;
        };
        let status_fits = e.http_status.is_none_or(|status| {
            e.candidates.iter().any(|c| {
                catalog
                    .entries
                    .get(c.row)
                    .is_some_and(|r| r.http_status == status)
            })
        });
        let (cap, sure) = if !slip.sure {
            (UNSURE, "; unsure, so its rows are guesses")
        } else if !status_fits {
            (
                UNSURE,
                "; its status is none of that code's rows', so its rows are guesses",
            )
        } else {
            (CORRECTED, "")
        };
        let reason = format!("read `{}` as {} ({})", slip.written, slip.code, slip.why);
        for c in &mut e.candidates {
            c.confidence = (c.confidence - slip.doubt).clamp(0.0, cap);
            c.reasons.insert(0, reason.clone());
        }
        e.warnings.push(format!(
            "The paste writes `{}`, which is no APIG code as written: read as {} ({}){sure}.",
            slip.written, slip.code, slip.why
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Analysis, MATCH_THRESHOLD, analyze};
    use crate::catalog::Catalog;

    fn analyzed(text: &str) -> Analysis {
        analyze(text, &Catalog::embedded())
    }

    fn best(a: &Analysis) -> Option<(String, f32, String)> {
        let e = a.errors.first()?;
        let c = e.candidates.first()?;
        let code = Catalog::embedded().entries.get(c.row)?.code().to_string();
        Some((code, c.confidence, c.reasons.join(" | ")))
    }

    #[test]
    fn a_letter_for_a_digit_is_read_as_a_correction_and_less_sure() {
        for (text, code) in [
            (
                "customer gets APIG.03O3 on every call, status 401",
                "APIG.0303",
            ),
            ("错误码 APIG.O308，请帮忙看看", "APIG.0308"),
            (
                "{\"error_code\":\"apig.02O1\",\"error_msg\":\"Backend timeout.\"}",
                "APIG.0201",
            ),
        ] {
            let a = analyzed(text);
            let (row, confidence, reasons) = best(&a).unwrap_or_else(|| panic!("{text}\n{a:#?}"));
            assert_eq!(row, code, "{text}");
            assert!(
                (MATCH_THRESHOLD..=0.75).contains(&confidence),
                "{text}: {confidence}"
            );
            assert!(
                reasons.contains("read `") && reasons.contains(code),
                "{text}: {reasons}"
            );
        }
    }

    #[test]
    fn a_missing_digit_or_prefix_is_read_unsure() {
        for (text, code) in [
            ("The response says APIG.302 and then nothing.", "APIG.0302"),
            (
                "we get error code 0308 all the time since the release",
                "APIG.0308",
            ),
            (
                "El código de error 0201 aparece en cada llamada",
                "APIG.0201",
            ),
        ] {
            let a = analyzed(text);
            let (row, confidence, reasons) = best(&a).unwrap_or_else(|| panic!("{text}\n{a:#?}"));
            assert_eq!(row, code, "{text}");
            assert!(confidence < MATCH_THRESHOLD, "{text}: {confidence}");
            assert!(reasons.contains("read `"), "{text}: {reasons}");
            assert!(
                a.errors[0].warnings.iter().any(|w| w.contains("unsure")),
                "{text}"
            );
        }
    }

    #[test]
    fn a_code_written_right_or_no_code_at_all_is_not_corrected() {
        // The exact code is the paste's; a slip of another that the catalog lacks, and
        // a number of another kind, are left alone.
        let a = analyzed("APIG.0303 came back, status 401 (the log shows APIG.03O3 too)");
        let (_, confidence, reasons) = best(&a).unwrap_or_default();
        assert!(confidence > 0.75, "{confidence}");
        assert!(!reasons.contains("read `"), "{reasons}");
        for text in [
            "order code 0308 shipped",
            "APIG.9O99 happened",
            "error code 1234",
        ] {
            let a = analyzed(text);
            assert!(
                a.errors.iter().all(|e| e
                    .warnings
                    .iter()
                    .all(|w| !w.contains("no APIG code as written"))),
                "{text}\n{a:#?}"
            );
        }
    }
}
