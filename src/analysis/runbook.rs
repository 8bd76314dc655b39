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

use super::FoundError;
use super::blocks::Block;
use super::fields::Fields;
use super::past::{NotNow, ends_clause};
use crate::catalog::{Catalog, catalog_code, fold};
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
    let mut rows = 0;
    // Only a line that may name a code is cut into cells: a long log's other lines are not.
    for line in text.lines().filter(|l| super::fields::mentions_code(l)) {
        let Some(cells) = cells(line).or_else(|| list_row(line)) else {
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

/// A table row's cells: three or more of `| a | b | c |` (Markdown, an RST grid), two or
/// more of a Markdown row of two columns (`| APIG.0308 | fixed |`), three or more of a
/// line of commas (CSV, quotes aside) or of a plain table aligned with tabs or runs of
/// spaces (`APIG.0308   429   closed`; not a log's line, which names its level). None
/// for other lines.
fn cells(line: &str) -> Option<Vec<&str>> {
    let line = line.trim();
    if line.len() > 1 && line.starts_with('|') && line.ends_with('|') {
        let cells: Vec<&str> = line
            .get(1..line.len() - 1)?
            .split('|')
            .map(str::trim)
            .collect();
        return (cells.len() >= 2).then_some(cells);
    }
    if line.contains(['{', '=']) {
        return None;
    }
    // Three cells or more are two commas or more: a line with fewer is not cut.
    if line.bytes().filter(|&b| b == b',').nth(1).is_some() {
        let csv: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        return Some(csv);
    }
    if !line.contains('\t') && !line.contains("  ") {
        // No tab and no run of spaces: one cell, no aligned table's row.
        return None;
    }
    let aligned: Vec<&str> = ALIGNED.split(line).map(str::trim).collect();
    let logged = aligned.iter().any(|c| LEVEL.is_match(c));
    (aligned.len() >= 3 && !logged).then_some(aligned)
}

/// A line of a list of codes with their messages, as the error-code page is copied
/// (`APIG.0301 Incorrect IAM authentication information`, `- APIG.0303: Incorrect app
/// …`, `- 401 APIG.0301: …` with its status first): the code, then the message, as two
/// cells. None for other lines (a JSON body, a
/// `key=value` record, a line that does not open with its code).
fn list_row(line: &str) -> Option<Vec<&str>> {
    let line = line.trim().trim_start_matches(['-', '*', '•', ' ', '\t']);
    // The catalog's status may lead the row (`401 APIG.0301: Incorrect …`).
    let line = match line.as_bytes() {
        [a, b, c, b' ', ..] if [a, b, c].iter().all(|d| d.is_ascii_digit()) => {
            line.get(4..).unwrap_or(line).trim_start()
        }
        _ => line,
    };
    if line.contains(['{', '=']) {
        return None;
    }
    // The pattern opens with `apig` or `apic`, whose letters have no other case than
    // ASCII's: a line that opens otherwise is not run through it.
    let opens = line
        .as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"apig") || p.eq_ignore_ascii_case(b"apic"));
    if !opens {
        return None;
    }
    let m = LIST_ROW.captures(line)?;
    Some(vec![m.get(1)?.as_str(), m.get(2)?.as_str()])
}

/// A code opening a line, a separator, and words.
static LIST_ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^((?:apigw|apig|apic)[._-]?\d{4})\s*(?:[:：|–—-]\s*|\s)\s*(\p{L}.*)$")
});

/// What parts the cells of a plain aligned table: a tab, or two spaces or more.
static ALIGNED: LazyLock<Regex> = LazyLock::new(|| re(r"\t+ *| {2,}\t*"));
/// A log level as a log's line writes it, which a table of codes has not.
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\[?(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL)\]?)(?:\s|$)"));

/// A table row's state cell that says its error is over: `fixed`, `resolved`, `closed`,
/// `erledigt`, `已解决`, `resuelto` (a tick or a date after it aside). "not fixed",
/// "fixed?", "closed, but still failing" and "reopened" are no such cell.
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[✅✔✓☑]\s*)?(?:fixed|resolved|solved|closed|done|gone|erledigt|behoben|gelöst|geschlossen|resuelto|solucionado|cerrado|corregido|arreglado|résolu|corrigé|fermé|resolvido|corrigido|fechado|resolvido)(?:$|[\s(,;.✅✔✓☑-])|^(?:[✅✔✓☑]\s*)?(?:已解决|已修复|已关闭|已完成|已处理|已恢复)",
    )
});

/// The code of the table row `line` and whether a state cell beside it says its error is
/// over ([`DONE`]); None for a line that is no row with a code.
fn row_state(line: &str) -> Option<(String, bool)> {
    let cells = cells(line)?;
    let code = cells
        .iter()
        .find(|c| c.len() <= 12 && super::fields::has_code(c))?;
    // A cell that goes on to say it is not over ("closed, but still failing") keeps it.
    let done = cells
        .iter()
        .any(|c| DONE.is_match(c) && !super::past::vetoed(c));
    Some((catalog_code(code), done))
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
///
/// A row whose state cell says its error is over (`| APIG.0308 | 429 | fixed |`) is
/// marked over, whatever the table: not the customer's current error, never counted.
pub(crate) fn mark_reference_rows(found: &mut [Fields], blocks: &[Block], text: &str) {
    let codes = reference_codes(text);
    let done = done_codes(text);
    if codes.is_empty() && done.is_empty() {
        // Nothing to mark: no block is read for whether it is a row.
        return;
    }
    // Whether each block is a row, worked out once per block: a block holds many errors.
    let mut rows: Vec<Option<bool>> = vec![None; blocks.len()];
    for f in found {
        let block = || blocks.get(f.block).map_or("", |b| b.text.as_str());
        let row = match rows.get_mut(f.block) {
            Some(slot) => *slot.get_or_insert_with(|| is_row(block())),
            None => is_row(""),
        };
        if row && f.code.as_ref().is_some_and(|c| done.contains(c)) {
            f.in_passing = true;
            f.not_now = Some(NotNow::Over);
            continue;
        }
        if !codes.is_empty() && row && is_reference_row(f, &codes) {
            f.in_passing = true;
            f.not_now = Some(NotNow::Table);
        }
    }
}

/// Whether `block` is one line of a table (not a JSON body or markup).
fn is_row(block: &str) -> bool {
    block.trim().lines().count() == 1 && !block.contains(['{', '<'])
}

/// The codes whose every table row in `text` (as written: the rows are read as fields
/// by then) says in a state cell that it is over; a code also in a row that does not
/// say so (`| APIG.0308 | fixed |`, then `| APIG.0308 | reopened |`) is not one.
fn done_codes(text: &str) -> FxHashSet<String> {
    let (mut done, mut open) = (FxHashSet::default(), FxHashSet::default());
    if !DONE_WORD.is_match(text) {
        return done;
    }
    for (code, said_done) in text.lines().filter_map(row_state) {
        let set = if said_done { &mut done } else { &mut open };
        set.insert(code);
    }
    done.retain(|c| !open.contains(c));
    done
}

/// Any word a done state cell opens with ([`DONE`]), looked for in the whole text first.
static DONE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)fixed|resolved|solved|closed|done|gone|erledigt|behoben|gelöst|geschlossen|resuelto|solucionado|cerrado|corregido|arreglado|résolu|corrigé|fermé|resolvido|corrigido|fechado|已解决|已修复|已关闭|已完成|已处理|已恢复",
    )
});

/// Whether `f`, read from a block that is one row ([`is_row`]), is a row of the
/// reference table of `codes`: its code is one of them, without a request id or a time.
fn is_reference_row(f: &Fields, codes: &FxHashSet<String>) -> bool {
    f.code.as_ref().is_some_and(|c| codes.contains(c))
        && f.request_id.is_none()
        && f.seen_at.is_none()
}

/// What the answer says first of a paste that is a copy of the catalog's table.
pub(crate) const CATALOG_COPY: &str = "This looks like documentation, not errors: a table of codes with their catalog messages and no time or request id in any row (the error-code page, or a copy of it). Its rows are listed as guesses; ask for the response the customer got.";

/// Whether `found` are two or more rows of a table of codes (`NotNow::Table`) that each
/// write their code's catalog message word for word: the error-code page pasted, not the
/// errors a customer saw (a list of those has the messages the responses said, or none).
pub(crate) fn catalog_copy(found: &[FoundError], catalog: &Catalog) -> bool {
    let catalog_message = |e: &FoundError| {
        let (Some(code), Some(message)) = (&e.code, &e.message) else {
            return false;
        };
        let written = fold(message.trim().trim_end_matches('.'));
        catalog.entries.iter().any(|row| {
            row.code() == code.as_str() && fold(row.message().trim_end_matches('.')) == written
        })
    };
    found.len() >= 2
        && found
            .iter()
            .all(|e| e.not_now == Some(NotNow::Table) && catalog_message(e))
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
    fn a_row_whose_state_cell_says_done_is_over() {
        for row in [
            "| APIG.0308 | 429 | Throttled | fixed |",
            "| APIG.0308 | erledigt |",
            "APIG.0308   429     closed",
            "APIG.0308\t429\tresolved",
            "| APIG.0308 | 429 | 已解决 |",
            "| APIG.0308 | resuelto |",
            "| 2026-12-07 10:01:02 | APIG.0308 | ✅ done |",
            "APIG.0308,429,Resolved",
        ] {
            assert!(super::row_state(row).is_some_and(|r| r.1), "{row}");
        }
        for row in [
            "| APIG.0308 | 429 | open |",
            "| APIG.0308 | not fixed |",
            "| APIG.0308 | fixed? |",
            "| APIG.0308 | reopened |",
            "| APIG.0308 | closed ticket INC-1 but still failing |",
            "| APIG.0308 | 已解决？ |",
            "| Code | State |",
            "2026-12-07 10:00:00  ERROR  APIG.0308  closed",
            "the APIG.0308 errors are resolved",
        ] {
            assert!(!super::row_state(row).is_some_and(|r| r.1), "{row}");
        }
    }

    #[test]
    fn a_list_of_codes_with_their_messages_is_a_reference() {
        for list in [
            "APIG.0301 Incorrect IAM authentication information\nAPIG.0302 The IAM user is not authorized to access the API\n\nWhich of these applies to us?\n",
            "- APIG.0301: Incorrect IAM authentication information.\n- APIG.0303: Incorrect app authentication information.\n",
            "APIG.0301\t401\tIncorrect IAM authentication information.\nAPIG.0303\t401\tIncorrect app authentication information.\n",
            "- 401 APIG.0301: Incorrect IAM authentication information.\n- 401 APIG.0303: Incorrect app authentication information.\n",
        ] {
            assert_eq!(reference_codes(list).len(), 2, "{list}");
        }
        for list in [
            "2026-12-07T10:00:00Z APIG.0301 Incorrect IAM authentication information\n2026-12-07T10:00:01Z APIG.0303 Incorrect app authentication information\n",
            "APIG.0301 Incorrect IAM authentication information\n",
            "APIG.0301 Incorrect IAM authentication information request_id=7f3c2a1b9d8e4f60a1b2c3d4e5f60718\nAPIG.0303 Incorrect app authentication information\n",
        ] {
            assert!(reference_codes(list).is_empty(), "{list}");
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
