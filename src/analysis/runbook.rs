//! Documentation and runbooks pasted as if they were responses: a condition around a code
//! ("If the response is {"error_code":"APIG.0201", …} then restart the backend", "如果返回
//! APIG.0308，请稍后重试") and a reference table (rows of `| APIG.0201 | 502 | Backend
//! unavailable |`, the catalog's own RST grid or CSV rows: several codes, each with its
//! catalog message and status, and no request id or time). Such a code says what to do
//! when an error comes, not that one came: it is not counted, and the answer says the
//! paste looks like documentation.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use super::blocks::Block;
use super::fields::Fields;
use super::past::{NotNow, ends_clause};
use crate::catalog::catalog_code;
use crate::pattern::re;

/// Words that open a condition, as documentation writes it: `if`, `in case of`, `when
/// the response is`, `should you`, `如果`. A bare `when` is how tickets tell what happened
/// ("when calling /v1/orders the gateway returns …") and is not one.
static CONDITION: LazyLock<Regex> = LazyLock::new(|| re(CONDITION_WORDS));
const CONDITION_WORDS: &str = r"(?i)\b(?:if|unless|whenever|in case(?: of)?|should (?:you|the|it|a|an|this)|once you|when (?:you|the (?:response|error|error code|code|status|gateway|api|call|request|server|body)(?: \w+)?? (?:is|are|returns?|contains?|says|shows|has|comes? back|gives?)))\b|如果|若|假如|一旦|如遇|万一";
/// [`CONDITION`] without its word boundaries: it matches wherever that matches in any
/// part of the text searched (and more). A line it does not match holds no condition,
/// and is not read clause by clause for each code on it.
static CONDITION_LOOSE: LazyLock<Regex> = LazyLock::new(|| re(&CONDITION_WORDS.replace(r"\b", "")));
/// Who reports what happened: a condition of theirs is a report ("if I retry I get
/// APIG.0308").
static REPORTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:i|i'm|i've|we|we're|we've|my|our|me|us)\b|我"));
/// `even if` and `as if` open no rule.
static NO_RULE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:even|as) if\b"));

/// Whether the code at byte `at` of `text` stands in a condition that documentation
/// writes: a condition opens its clause before it (before the JSON object it is in, when
/// it is in one) and no reporter speaks between them.
pub(crate) fn conditional(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    // The clause read below is a part of the line before the code.
    if !CONDITION_LOOSE.is_match(line) {
        return false;
    }
    let anchor = outermost_object(text, at).unwrap_or(at);
    let before = text.get(..anchor).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_clause(text, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = before.get(start..).unwrap_or_default();
    !NO_RULE.is_match(clause)
        && CONDITION
            .find_iter(clause)
            .last()
            .is_some_and(|m| !REPORTER.is_match(clause.get(m.start()..).unwrap_or_default()))
}

/// Where the outermost JSON object around byte `at` opens on its line.
pub(crate) fn outermost_object(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut open: Vec<usize> = Vec::new();
    let mut quoted = false;
    for (i, c) in before.get(line_start..)?.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' if !quoted => open.push(line_start + i),
            '}' if !quoted => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// The codes of a reference table in `text`: two rows or more of a Markdown, RST grid or
/// CSV table, each holding one code, of two codes or more, and no row a request id or a
/// time (what a log's or a customer's table of errors has). Empty when there is none.
pub(crate) fn reference_codes(text: &str) -> FxHashSet<String> {
    let mut codes = FxHashSet::default();
    if !text.contains(['|', ',']) {
        return codes;
    }
    let mut rows = 0;
    // Only a line that may name a code is cut into cells: a long log's other lines are not.
    let may_name = |line: &str| {
        line.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"apig") || w.eq_ignore_ascii_case(b"apic"))
    };
    for line in text.lines().filter(|l| may_name(l)) {
        let Some(cells) = cells(line) else {
            continue;
        };
        let coded: Vec<&str> = cells
            .iter()
            .copied()
            .filter(|c| c.len() <= 12 && super::fields::has_code(c))
            .collect();
        let [code] = coded.as_slice() else {
            continue;
        };
        if cells.iter().any(|c| traced(c) || counted(c)) {
            return FxHashSet::default();
        }
        rows += 1;
        codes.insert(catalog_code(code));
    }
    if rows < 2 || codes.len() < 2 {
        codes.clear();
    }
    codes
}

/// A table row's cells, three or more: `| a | b | c |` (Markdown, an RST grid) or a
/// line of commas (CSV, quotes aside). None for other lines.
fn cells(line: &str) -> Option<Vec<&str>> {
    let line = line.trim();
    let cells: Vec<&str> = if line.len() > 1 && line.starts_with('|') && line.ends_with('|') {
        line.get(1..line.len() - 1)?
            .split('|')
            .map(str::trim)
            .collect()
    } else if !line.contains(['{', '=']) {
        line.split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect()
    } else {
        return None;
    };
    (cells.len() >= 3).then_some(cells)
}

/// A number that is no error status: a count (the app's own triage table, `| 12 |
/// APIG.0201 | 504 |`), which a table of errors has and documentation does not.
fn counted(cell: &str) -> bool {
    let status = cell.len() == 3 && (cell.starts_with('4') || cell.starts_with('5'));
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit()) && !status
}

/// A cell that ties a row to one call: a request id (16 hex digits or more, a UUID) or
/// a time of day.
fn traced(cell: &str) -> bool {
    let hex = cell.chars().filter(char::is_ascii_hexdigit).count();
    let id = hex >= 16 && cell.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    id || super::logtime::has_time_of_day(cell)
}

/// The errors read from the rows of a reference table of `text` (see
/// [`reference_codes`]) marked as such: codes only named, counted only when nothing
/// else is reported, and then as guesses.
pub(crate) fn mark_reference_rows(found: &mut [Fields], blocks: &[Block], text: &str) {
    let codes = reference_codes(text);
    if codes.is_empty() {
        return;
    }
    for f in found {
        let block = blocks.get(f.block).map_or("", |b| b.text.as_str());
        if is_reference_row(f, block, &codes) {
            f.in_passing = true;
            f.not_now = Some(NotNow::Table);
        }
    }
}

/// Whether `f` is a row of the reference table of `codes`: its code is one of them, and
/// it was read from a line of its own without a request id, a time or a JSON body.
fn is_reference_row(f: &Fields, block: &str, codes: &FxHashSet<String>) -> bool {
    f.code.as_ref().is_some_and(|c| codes.contains(c))
        && f.request_id.is_none()
        && f.seen_at.is_none()
        && block.trim().lines().count() == 1
        && !block.contains(['{', '<'])
}

#[cfg(test)]
mod tests {
    use super::{conditional, reference_codes};

    fn cond(text: &str) -> bool {
        conditional(text, text.find("APIG.").expect("a code"))
    }

    #[test]
    fn a_rule_of_a_runbook_is_a_condition() {
        for text in [
            "If the response is {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend unavailable\"} then restart the backend",
            "If the response is {\"error_msg\": \"Backend unavailable\", \"error_code\": \"APIG.0201\"}, restart it",
            "if you get APIG.0308, retry with backoff",
            "When the gateway returns APIG.0308 back off for a minute",
            "When the error code is APIG.0303 check the app secret",
            "In case of APIG.0201: restart the backend",
            "如果返回 APIG.0308，请稍后重试",
            "若出现APIG.0301，请检查AK/SK",
        ] {
            assert!(cond(text), "{text}");
        }
    }

    #[test]
    fn a_report_with_a_condition_is_not_a_rule() {
        for text in [
            "If I call /v1/orders I get APIG.0308",
            "if we retry, the call fails with APIG.0308",
            "Even if retried the call fails with APIG.0308",
            "When calling /v1/orders the gateway returns APIG.0308",
            "We get APIG.0308 if we call too often",
            "如果我调用就返回APIG.0308",
            "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}",
        ] {
            assert!(!cond(text), "{text}");
        }
    }

    #[test]
    fn a_table_of_catalog_codes_without_ids_or_times_is_a_reference() {
        let markdown = "| Code | Status | Meaning |\n|---|---|---|\n| APIG.0201 | 502 | Backend unavailable |\n| APIG.0308 | 429 | The throttling threshold has been reached |\n";
        assert_eq!(reference_codes(markdown).len(), 2);
        let rst = "   | APIG.0201   | Backend unavailable.   | 502   | The backend service is unavailable. |\n   +-----+\n   | APIG.0308   | The throttling threshold has been reached. | 429 | x |\n";
        assert_eq!(reference_codes(rst).len(), 2);
        let csv = "APIG.0201,Backend unavailable.,502\nAPIG.0303,Incorrect app authentication information.,401\n";
        assert_eq!(reference_codes(csv).len(), 2);
        for errors in [
            "| APIG.0308 | 429 | 5e1d2c3b4a5f60718293a4b5c6d7e8f9 |\n| APIG.0303 | 401 | 6f6f7a7a6f6f7a7a6f6f |\n",
            "2026-12-07 03:10:02,APIG.0308,429\n2026-12-07 03:10:05,APIG.0303,401\n",
            "| APIG.0308 | 429 | Throttled |\n",
            "| APIG.0308 | 429 | x |\n| APIG.0308 | 429 | y |\n",
            "| 12 | APIG.0201 | 504 |\n| 7 | APIG.0308 | 429 |\n",
            "count,code,http_status\n12,APIG.0201,504\n7,APIG.0308,429\n",
        ] {
            assert!(reference_codes(errors).is_empty(), "{errors}");
        }
    }
}
