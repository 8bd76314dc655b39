//! Text that leaves the app: a catalog row as Markdown, for pasting into a ticket.

use std::fmt::Write as _;

use crate::analysis::{Analysis, FoundError};
use crate::catalog::Catalog;
use crate::http_status::with_reason;

/// A catalog row as a Markdown block: heading, the fields, description and solution.
pub fn entry_markdown(catalog: &Catalog, row: usize) -> String {
    let e = &catalog.entries[row];
    let mut out = format!(
        "### {} ({}): {}\n\n",
        e.code,
        with_reason(e.http_status),
        e.message
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
    if !e.aliases.is_empty() {
        out.push_str(&format!("- **Also worded:** {}\n", e.aliases.join("; ")));
    }
    out.push_str(&format!(
        "\n**Description:** {}\n\n**Solution:** {}\n",
        e.description, e.solution
    ));
    out
}

/// Rows with their checklists, as `apig-explorer explain` prints them.
pub fn explain_markdown(catalog: &Catalog, rows: &[usize]) -> String {
    let mut out = String::new();
    for &row in rows {
        out.push_str(&entry_markdown(catalog, row));
        out.push_str("\n**Checklist:**\n\n");
        for step in catalog.entries[row].checklist().iter() {
            let _ = write!(out, "- [ ] {}", step.text);
            if let Some(doc) = &step.doc {
                let _ = write!(out, " (from: {doc})");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// An analysis as plain text: what `apig-explorer analyze` prints.
pub fn analysis_text(catalog: &Catalog, analysis: &Analysis) -> String {
    let mut out = format!("Read as: {}\n", analysis.format);
    for w in &analysis.warnings {
        let _ = writeln!(out, "! {w}");
    }
    if analysis.errors.len() > 1 {
        let _ = writeln!(out, "{} errors:", analysis.errors.len());
        for (code, status, n) in analysis.summary() {
            let status = status.map_or("-".to_string(), |s| s.to_string());
            let _ = writeln!(out, "  {n:>4} x {code} {status}");
        }
    }
    for (i, e) in analysis.errors.iter().enumerate() {
        let _ = write!(out, "\nError {}: ", i + 1);
        error_text(&mut out, catalog, e);
    }
    out
}

fn error_text(out: &mut String, catalog: &Catalog, e: &FoundError) {
    let status = e.http_status.map_or("status unknown".into(), with_reason);
    let _ = writeln!(out, "{} ({status})", e.code.as_deref().unwrap_or("no code"));
    let found = [
        ("Message", e.message.clone()),
        ("Detail", e.detail.clone()),
        ("Request id", e.request_id.clone()),
    ];
    let named = found.into_iter().filter_map(|(n, v)| Some((n, v?)));
    for (name, value) in named.chain(e.evidence.named()) {
        let _ = writeln!(out, "  {name}: {value}");
    }
    for (n, c) in e.candidates.iter().enumerate() {
        let row = &catalog.entries[c.row];
        let label = match (n, c.confidence >= crate::analysis::MATCH_THRESHOLD) {
            (0, true) => "match",
            _ => "guess",
        };
        let _ = writeln!(
            out,
            "  {label} {:.2}: {} {} {:?} ({})",
            c.confidence,
            row.code,
            row.http_status,
            row.message,
            catalog.source_of(row).title
        );
        for r in &c.reasons {
            let _ = writeln!(out, "      - {r}");
        }
    }
    for w in &e.warnings {
        let _ = writeln!(out, "  ! {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_block_has_the_row_in_full() {
        let catalog = Catalog::embedded();
        let row = catalog
            .entries
            .iter()
            .position(|e| &*e.code == "APIG.0203")
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
}
