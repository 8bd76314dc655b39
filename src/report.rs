//! Text that leaves the app: a catalog row as Markdown, for pasting into a ticket; an
//! analysis as the command line prints it, and the one view of an analyzed error
//! (`view.rs`) that every front end formats.

use crate::wording::count_of;
use std::fmt::Write as _;

pub(crate) mod view;

use view::ErrorView;

use crate::analysis::{Analysis, FoundError, Group, time_text};
use crate::catalog::Catalog;
use crate::http_status::with_reason;

/// A catalog row as a Markdown block: heading, the fields, description and solution.
pub(crate) fn entry_markdown(catalog: &Catalog, row: usize) -> String {
    let e = &catalog.entries[row];
    let mut out = format!(
        "### {} ({}): {}\n\n",
        e.code(),
        with_reason(e.http_status),
        e.message()
    );
    let source = catalog.source_of(e);
    out.push_str(&format!("- **Catalog:** {}\n", source.title));
    if !source.origin.is_empty() {
        out.push_str(&format!("- **Source:** {}\n", source.origin));
    }
    out.push_str(&format!("- **Category:** {}\n", e.category.label()));
    if let Some(who) = e.who_acts {
        out.push_str(&format!("- **Who acts:** {}\n", who.label()));
    }
    if !e.aliases().is_empty() {
        out.push_str(&format!("- **Also worded:** {}\n", e.aliases().join("; ")));
    }
    out.push_str(&format!(
        "\n**Description:** {}\n\n**Solution:** {}\n",
        e.description(),
        e.solution()
    ));
    out
}

/// Rows with their checklists, as `apig-explorer explain` prints them.
pub(crate) fn explain_markdown(catalog: &Catalog, rows: &[usize]) -> String {
    let mut out = String::new();
    for &row in rows {
        out.push_str(&entry_markdown(catalog, row));
        out.push_str("\n**Checklist:**\n\n");
        let steps = catalog.entries[row].checklist();
        if steps.is_empty() {
            out.push_str("No steps: the solution names nothing to do beyond it.\n");
        }
        for step in steps.iter() {
            let _ = write!(out, "- [ ] {}", step.text);
            if let Some(when) = step.when {
                let _ = write!(out, " ({})", when.step_note());
            }
            if let Some(doc) = &step.doc {
                let _ = write!(out, " (from: {doc})");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// An analysis as plain text: what `apig-explorer analyze` prints. A paste with several
/// errors gets the triage table and one error of each group in full; `every` prints
/// every error kept in full instead.
pub(crate) fn analysis_text(catalog: &Catalog, analysis: &Analysis, every: bool) -> String {
    let mut out = format!("Read as: {}\n", analysis.format);
    for w in &analysis.warnings {
        let _ = writeln!(out, "! {w}");
    }
    let triage = &analysis.triage;
    let several = triage.total > 1;
    if several {
        out.push('\n');
        out.push_str(&triage_text(analysis));
    }
    if several && !every {
        // In the table's order, numbered as its groups: the first error of each.
        let groups = triage.groups.len();
        for (n, g) in triage.groups.iter().enumerate() {
            let Some(e) = g.listed.first().and_then(|&i| analysis.errors.get(i)) else {
                continue;
            };
            if analysis.documentation {
                // A row of the table, not an error the customer had.
                let _ = write!(out, "\nTable row {} ({}): ", n + 1, g.name());
            } else {
                let _ = write!(
                    out,
                    "\nGroup {} of {groups} ({}, {}), its first error: ",
                    n + 1,
                    g.name(),
                    crate::wording::count_of(g.count, "error")
                );
            }
            error_text(&mut out, catalog, e);
        }
        let shown = if analysis.documentation {
            "\nOne row of each group is shown; --all prints every row."
        } else {
            "\nOne error of each group is shown; --all prints every error."
        };
        let _ = writeln!(out, "{shown}");
        return out;
    }
    for (i, e) in analysis.errors.iter().enumerate() {
        let _ = write!(out, "\nError {}: ", i + 1);
        error_text(&mut out, catalog, e);
    }
    out
}

/// The headline of a triage: how many errors, how many groups, over what time.
/// A pasted copy of the catalog's table is counted in rows, never as errors.
pub(crate) fn triage_headline(analysis: &Analysis) -> String {
    let t = &analysis.triage;
    if analysis.documentation {
        return format!(
            "{} of a pasted catalog table, not errors",
            count_of(t.total, "row")
        );
    }
    let groups = count_of(t.groups.len(), "group");
    let mut line = format!("{} in {groups}", count_of(t.total, "error"));
    if let Some(cut) = &t.cut {
        let _ = write!(line, " ({} only)", cut.text());
    }
    // From the first error to the last, to the second.
    if let Some((first, last)) = t.time_span() {
        let zone = if t.all_utc() {
            "UTC".to_string()
        } else {
            format!("(times {})", t.zone_label())
        };
        let _ = write!(
            line,
            ", {} to {} {zone} ({})",
            time_text(first),
            time_text(last),
            span_text(last - first)
        );
    }
    if t.timed < t.total && t.timed > 0 {
        let _ = write!(line, "; {} carry no time", t.total - t.timed);
    }
    line
}

/// How long `seconds` are, in the two largest units that fit (`45 s`, `7 min`,
/// `7 min 30 s`, `2 h 5 min`, `341 d 2 h`): the span between two times, not the minutes
/// it touches (10:00:01 to 10:07:01 is 7 min).
fn span_text(seconds: i64) -> String {
    let s = seconds.max(0);
    let (big, small, big_unit, small_unit) = match s {
        0..60 => return format!("{s} s"),
        60..3600 => (s / 60, s % 60, "min", "s"),
        3600..86400 => (s / 3600, s % 3600 / 60, "h", "min"),
        _ => (s / 86400, s % 86400 / 3600, "d", "h"),
    };
    if small == 0 {
        format!("{big} {big_unit}")
    } else {
        format!("{big} {big_unit} {small} {small_unit}")
    }
}

/// The triage as aligned text columns, for the terminal.
fn triage_text(analysis: &Analysis) -> String {
    let mut out = format!("{}\n\n", triage_headline(analysis));
    let (first, last) = seen_headers(analysis, "first seen", "last seen");
    let _ = writeln!(
        out,
        "{:>6}  {:<10} {:>6}  {:<19}  {:<19}  catalog row",
        "count", "code", "status", first, last
    );
    for g in &analysis.triage.groups {
        let [code, status, first, last, _, message, _] = group_cells(g, "unknown");
        let _ = writeln!(
            out,
            "{:>6}  {code:<10} {status:>6}  {first:<19}  {last:<19}  {message}",
            g.count
        );
        if let Some(note) = g.status_note() {
            let _ = writeln!(out, "{:>8}status {note}", "");
        }
        if !g.request_ids.is_empty() {
            let ids = g.request_ids.join(", ");
            let _ = writeln!(out, "{:>8}{}: {ids}", "", g.ids_label());
        }
    }
    out
}

/// The triage as a Markdown table, for a ticket.
pub(crate) fn triage_markdown(analysis: &Analysis) -> String {
    let (first, last) = seen_headers(analysis, "First seen", "Last seen");
    let mut out = format!(
        "## Log triage: {}\n\n| Count | Code | Status | {first} | {last} | Catalog | Catalog row | Sample request ids |\n|---:|---|---|---|---|---|---|---|\n",
        triage_headline(analysis)
    );
    for g in &analysis.triage.groups {
        let mut cells = group_cells(g, "unknown");
        if g.request_id_count > g.request_ids.len() {
            cells[6] = format!("{} ({})", cells[6], g.ids_label());
        }
        let cells = cells.map(|c| c.replace('|', "\\|"));
        let _ = writeln!(out, "| {} | {} |", g.count, cells.join(" | "));
    }
    if analysis
        .triage
        .groups
        .iter()
        .any(|g| g.status_seen < g.count)
    {
        out.push_str("\nA status ending in `?` is the catalog row's: not every line of the group names one.\n");
    }
    out
}

/// The triage as CSV (RFC 4180), one row per group.
pub(crate) fn triage_csv(analysis: &Analysis) -> String {
    // The columns say UTC only when every time is; otherwise the times are as the log
    // wrote them, and the headline says why.
    let seen = if analysis.triage.all_utc() {
        "first_seen_utc,last_seen_utc"
    } else {
        "first_seen_as_written,last_seen_as_written"
    };
    let mut out = format!(
        "count,code,http_status,{seen},catalog,catalog_message,request_ids,status_seen,request_id_count\r\n"
    );
    for g in &analysis.triage.groups {
        let mut cells = group_cells(g, "");
        // A number, as a spreadsheet sums it; `status_seen` says whether lines gave it.
        cells[1] = g.http_status.map_or(String::new(), |s| s.to_string());
        let cells = cells.map(|c| csv_field(&c));
        let _ = write!(
            out,
            "{},{},{},{}\r\n",
            g.count,
            cells.join(","),
            g.status_seen,
            g.request_id_count
        );
    }
    out
}

/// The first and last seen column heads: `first seen (UTC)` when every time is UTC, else
/// `first seen (as written)` (the headline says why).
fn seen_headers(analysis: &Analysis, first: &str, last: &str) -> (String, String) {
    let zone = if analysis.triage.all_utc() {
        "UTC"
    } else {
        "as written"
    };
    (format!("{first} ({zone})"), format!("{last} ({zone})"))
}

/// Code, status (`429?`: the row's, not named by every line), first and last seen,
/// catalog title, row message (or why the group has no row), sample request ids.
/// `unknown` stands for a status no line gave.
fn group_cells(g: &Group, unknown: &str) -> [String; 7] {
    [
        g.code.clone().unwrap_or_else(|| "(no code)".into()),
        g.status_text().unwrap_or_else(|| unknown.into()),
        g.first_seen.map_or(String::new(), time_text),
        g.last_seen.map_or(String::new(), time_text),
        g.catalog.clone().unwrap_or_default(),
        g.row_text().to_string(),
        g.request_ids.join(", "),
    ]
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One error as the command line prints it: the view's heading, facts, rows and
/// warnings, in that order.
fn error_text(out: &mut String, catalog: &Catalog, e: &FoundError) {
    let view = ErrorView::of(catalog, e);
    let _ = writeln!(out, "{}", view.heading());
    for fact in view.facts.iter().chain(view.unseen_fact().as_ref()) {
        let _ = writeln!(out, "  {}: {}", fact.name, fact.value);
    }
    for c in &view.candidates {
        let _ = writeln!(out, "  {}", c.headline());
        for r in &c.reasons {
            let _ = writeln!(out, "      - {r}");
        }
    }
    if let Some(folded) = &view.folded {
        let _ = writeln!(
            out,
            "  {} (`apig-explorer explain {}` lists every row)",
            folded.headline(),
            folded.code
        );
    }
    for w in &view.warnings {
        let _ = writeln!(out, "  ! {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    const LOG: &str = "2026-11-27T06:38:00Z ERROR APIG.0308 throttled status=429 request_id=aaaa1111aaaa1111\n\
        2026-11-27T06:38:30Z ERROR APIG.0308 throttled status=429 request_id=bbbb2222bbbb2222\n\
        2026-11-27T06:40:05Z ERROR {\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"} status=404\n";

    #[test]
    fn triage_markdown_counts_groups_with_times_and_ids() {
        let catalog = Catalog::embedded();
        let md = triage_markdown(&analyze(LOG, &catalog));
        assert!(md.starts_with("## Log triage: 3 errors in 2 groups, 2026-11-27 06:38:00 to 2026-11-27 06:40:05 UTC (2 min 5 s)"), "{md}");
        assert!(md.contains("| 2 | APIG.0308 | 429 | 2026-11-27 06:38:00 | 2026-11-27 06:38:30 | Calling APIs | The throttling threshold has been reached. | aaaa1111aaaa1111, bbbb2222bbbb2222 |"), "{md}");
        assert!(
            md.contains("| 1 | APIG.0101 | 404 | 2026-11-27 06:40:05 | 2026-11-27 06:40:05 |"),
            "{md}"
        );
    }

    #[test]
    fn triage_csv_quotes_what_needs_quoting() {
        let catalog = Catalog::embedded();
        let csv = triage_csv(&analyze(LOG, &catalog));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "count,code,http_status,first_seen_utc,last_seen_utc,catalog,catalog_message,request_ids,status_seen,request_id_count"
        );
        assert_eq!(
            lines[1],
            "2,APIG.0308,429,2026-11-27 06:38:00,2026-11-27 06:38:30,Calling APIs,The throttling threshold has been reached.,\"aaaa1111aaaa1111, bbbb2222bbbb2222\",2,2"
        );
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    const MIXED: &str = include_str!("../tests/fixtures/triage/mixed-gateway.log");

    #[test]
    fn the_exports_of_a_mixed_log_count_each_row_as_the_lines_do() {
        let catalog = Catalog::embedded();
        let analysis = analyze(MIXED, &catalog);
        let md = triage_markdown(&analysis);
        let rows: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Count"))
            .collect();
        assert_eq!(rows.len(), 4, "{md}");
        assert!(rows[0].starts_with("| 8 | APIG.0201 | 504 | 2026-11-27 06:38:01 | 2026-11-27 06:40:52 | Calling APIs | Backend timeout. |"), "{md}");
        assert!(rows[1].starts_with("| 6 | APIG.0201 | 502? | 2026-11-27 06:38:04 | 2026-11-27 06:41:10 | Calling APIs | Backend unavailable. |"), "{md}");
        assert!(rows[2].starts_with("| 4 | APIG.0308 | 429? |"), "{md}");
        assert!(
            md.ends_with("A status ending in `?` is the catalog row's: not every line of the group names one.\n"),
            "{md}"
        );
        assert!(rows[3].starts_with("| 2 | APIG.0201 | unknown | 2026-11-27 06:41:15 | 2026-11-27 06:41:16 |  | row uncertain: APIG.0201 has"), "{md}");
        let csv = triage_csv(&analysis);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 5, "{csv}");
        assert!(lines[2].starts_with("6,APIG.0201,502,2026-11-27 06:38:04,2026-11-27 06:41:10,Calling APIs,Backend unavailable.,"), "{csv}");
        assert!(
            lines[4].starts_with("2,APIG.0201,,2026-11-27 06:41:15,"),
            "{csv}"
        );
        let counted: usize = lines[1..]
            .iter()
            .map(|l| l.split(',').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(counted, 20, "every error of the log is in one row");
    }

    #[test]
    fn a_cut_analysis_says_so_in_its_headline() {
        let catalog = Catalog::embedded();
        let mut analysis = analyze(LOG, &catalog);
        analysis.triage.cut = Some(crate::analysis::Cut {
            analyzed_bytes: 256 * 1024,
            total_bytes: Some(2_200_000),
        });
        assert!(
            triage_markdown(&analysis).starts_with(
                "## Log triage: 3 errors in 2 groups (of the first 256 KB of 2.2 MB only), 2026-11-27 06:38:00"
            )
        );
    }

    #[test]
    fn markdown_block_has_the_row_in_full() {
        let catalog = Catalog::embedded();
        let row = catalog
            .entries
            .iter()
            .position(|e| e.code() == "APIG.0203")
            .unwrap();
        let md = entry_markdown(&catalog, row);
        assert_eq!(
            md,
            "### APIG.0203 (504 Gateway Timeout): Backend timeout.\n\n\
             - **Catalog:** Calling APIs\n\
             - **Source:** APIG user guide, Error Codes (2018 table apig-en-ug-180530090, plus rows added by the current guide)\n\
             - **Category:** Backend\n\
             - **Who acts:** API provider\n\
             - **Also worded:** Backend timeout\n\n\
             **Description:** The backend service has timed out.\n\n\
             **Solution:** Increase the timeout of the backend service or shorten its processing time.\n"
        );
    }

    #[test]
    fn a_span_is_the_time_between_first_and_last_in_units_that_fit() {
        let cases = [
            (0, "0 s"),
            (59, "59 s"),
            (420, "7 min"),
            (450, "7 min 30 s"),
            (5 * 3600, "5 h"),
            (5 * 3600 + 59, "5 h"),
            (7500, "2 h 5 min"),
            (491_042 * 60, "341 d"),
            (3 * 86_400 + 7200 + 5, "3 d 2 h"),
        ];
        for (seconds, text) in cases {
            assert_eq!(span_text(seconds), text, "{seconds} s");
        }
    }
}
