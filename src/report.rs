//! Text that leaves the app: a catalog row as Markdown, for pasting into a ticket.

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
    out.push_str(&format!("- **Catalog:** {}\n", catalog.source_of(e).title));
    out.push_str(&format!("- **Category:** {}\n", e.category.label()));
    out.push_str(&format!("- **Who acts:** {}\n", e.who_acts.label()));
    if !e.aliases.is_empty() {
        out.push_str(&format!("- **Also worded:** {}\n", e.aliases.join("; ")));
    }
    out.push_str(&format!(
        "\n**Description:** {}\n\n**Solution:** {}\n",
        e.description, e.solution
    ));
    out
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
            .position(|e| e.code == "APIG.0203")
            .unwrap();
        let md = entry_markdown(&catalog, row);
        assert_eq!(
            md,
            "### APIG.0203 (504 Gateway Timeout): Backend timeout.\n\n\
             - **Catalog:** Calling APIs\n\
             - **Category:** Backend\n\
             - **Who acts:** API provider\n\
             - **Also worded:** Backend timeout\n\n\
             **Description:** The backend service has timed out.\n\n\
             **Solution:** Increase the timeout of the backend service or shorten its processing time.\n"
        );
    }
}
