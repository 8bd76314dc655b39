//! Documentation "Error Codes" tables to catalog rows: columns mapped by their names,
//! which vary between services, and everything else kept as extra fields.

use std::collections::BTreeMap;

use super::rst::{GridTable, grid_tables_reporting};
use crate::catalog::{CatalogFile, EntryRecord, SourceRecord};

/// What the import did, for the engineer who asked for it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub(crate) tables: usize,
    pub(crate) rows: usize,
    /// Columns kept as extra fields (e.g. `Module`).
    pub(crate) extra_columns: Vec<String>,
    /// What could not be mapped or read, with the line.
    pub(crate) problems: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Code,
    Status,
    Message,
    Description,
    Solution,
}

fn field_of(header: &str) -> Option<Field> {
    let h = header.trim().to_ascii_lowercase();
    Some(match h.as_str() {
        "error code" | "error codes" | "error type" | "code" => Field::Code,
        "status code" | "http status code" | "response code" | "http status" | "status" => {
            Field::Status
        }
        "error message" | "message" | "error info" | "error information" => Field::Message,
        "description" => Field::Description,
        "solution" | "measure" | "handling measure" | "troubleshooting" | "handling method" => {
            Field::Solution
        }
        _ => return None,
    })
}

/// Import every error table of an RST page as catalog `id` titled `title`.
pub fn import_rst<'a>(
    text: &str,
    id: &'a str,
    title: &str,
    origin: &str,
) -> (CatalogFile<'a>, ImportReport) {
    import_rst_reporting(text, id, title, origin, &mut |_| {})
}

/// [`import_rst`], saying how far through the page it is (percent) now and then.
/// The rows borrow their catalog's id rather than each holding a copy.
pub(crate) fn import_rst_reporting<'a>(
    text: &str,
    id: &'a str,
    title: &str,
    origin: &str,
    percent: &mut dyn FnMut(u8),
) -> (CatalogFile<'a>, ImportReport) {
    let mut report = ImportReport::default();
    let mut file = CatalogFile {
        catalog: vec![SourceRecord {
            id: id.to_string(),
            title: title.to_string(),
            source: origin.to_string(),
        }],
        entry: Vec::new(),
    };
    for table in grid_tables_reporting(text, percent) {
        import_table(table, id, &mut file.entry, &mut report);
    }
    dedupe(&mut file.entry, &mut report);
    report.rows = file.entry.len();
    (file, report)
}

/// The rows of `table` as entries. Cells are moved out of the table, not copied: a
/// 100,000-row page holds tens of megabytes of text.
fn import_table<'a>(
    table: GridTable,
    id: &'a str,
    out: &mut Vec<EntryRecord<'a>>,
    report: &mut ImportReport,
) {
    let fields: Vec<Option<Field>> = table.header.iter().map(|h| field_of(h)).collect();
    if !fields.contains(&Some(Field::Code)) {
        report.problems.push(format!(
            "line {}: table skipped, no error-code column among {:?}",
            table.line, table.header
        ));
        return;
    }
    report.tables += 1;
    for (h, f) in table.header.iter().zip(&fields) {
        if f.is_none() && !report.extra_columns.contains(h) {
            report.extra_columns.push(h.clone());
        }
    }
    let column = |want: Field| fields.iter().position(|f| *f == Some(want));
    let columns = [
        Field::Code,
        Field::Status,
        Field::Message,
        Field::Description,
        Field::Solution,
    ]
    .map(column);
    // A blank cell in an unmapped column (e.g. `Module`) continues the group above it.
    let mut group: Vec<String> = vec![String::new(); table.header.len()];
    let line = table.line;
    for mut row in table.rows {
        for (i, v) in row.iter_mut().enumerate() {
            if fields.get(i).copied().flatten().is_some() {
                continue;
            }
            match group.get_mut(i) {
                Some(g) if v.is_empty() => v.clone_from(g),
                Some(g) => g.clone_from(v),
                None => {}
            }
        }
        let mut take = |at: Option<usize>| {
            at.and_then(|i| row.get_mut(i))
                .map(std::mem::take)
                .unwrap_or_default()
        };
        let [code, status_text, message, description, solution] = columns.map(&mut take);
        if code.is_empty() {
            report
                .problems
                .push(format!("line {line}: a row without a code was skipped"));
            continue;
        }
        let http_status = leading_number(&status_text);
        if http_status == 0 && !status_text.is_empty() {
            report.problems.push(format!(
                "line {line}: {code}: status {status_text:?} is not a number; kept as 0"
            ));
        }
        let message = if message.is_empty() {
            description.clone()
        } else {
            message
        };
        let mut extra: BTreeMap<String, String> = table
            .header
            .iter()
            .zip(&fields)
            .zip(row)
            .filter(|((_, f), v)| f.is_none() && !v.is_empty())
            .map(|((h, _), v)| (h.clone(), v))
            .collect();
        if status_text != http_status.to_string() && http_status != 0 {
            // "404/500": keep what the table says next to the first status.
            extra.insert("Status as documented".into(), status_text);
        }
        out.push(EntryRecord {
            catalog: id.into(),
            code: code.into(),
            http_status,
            message: message.into(),
            description: description.into(),
            solution: solution.into(),
            category: None,
            who_acts: None,
            keywords: Vec::new(),
            aliases: Vec::new(),
            details: Vec::new(),
            step: Vec::new(),
            extra,
        });
    }
}

fn leading_number(text: &str) -> u16 {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

/// Rows that repeat another row in every column are merged, and said. Rows that share
/// code, status and message but differ elsewhere (another module) are all kept.
fn dedupe(entries: &mut Vec<EntryRecord<'_>>, report: &mut ImportReport) {
    // Identities borrow the rows; the rows to keep are marked first, then kept.
    // FxHash: a catalog's rows are hashed whole, tens of megabytes for a big page.
    let mut seen =
        rustc_hash::FxHashSet::with_capacity_and_hasher(entries.len(), Default::default());
    let keep: Vec<bool> = entries
        .iter()
        .map(|e| {
            seen.insert((
                &e.code,
                e.http_status,
                &e.message,
                &e.description,
                &e.solution,
                &e.extra,
            ))
        })
        .collect();
    drop(seen);
    let before = entries.len();
    let mut keep = keep.into_iter();
    entries.retain(|_| keep.next().unwrap_or(true));
    let merged = before - entries.len();
    if merged > 0 {
        let were = if merged == 1 { "was" } else { "were" };
        report.problems.push(format!(
            "{} repeated another row exactly and {were} merged",
            crate::wording::count_of(merged, "row")
        ));
    }
}

#[cfg(test)]
mod tests;
