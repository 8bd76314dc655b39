//! Write the deterministic 100,000-row catalog as a catalog file, to load in the window
//! or to measure loading: `cargo run --release --example synthetic_catalog -- FILE [ROWS]`.
//! The form follows the extension: `.toml` (the app's format), `.rst` (a documentation
//! page's grid table, wrapped as the real pages are), or `.txt` (one row per line, for
//! `fzf --filter`).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::fmt::Write as _;

use apig_explorer::{CatalogFile, EntryRecord};

/// Width of the RST table's text columns, as the documentation pages wrap them.
const WRAP: usize = 60;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synthetic_catalog FILE [ROWS]")?;
    let rows: usize = args.next().map_or(Ok(100_000), |n| n.parse())?;
    let file = synthetic::file(rows);
    let text = match path.rsplit('.').next() {
        Some("rst") => rst(&file),
        Some("txt") => lines(&file),
        _ => toml::to_string(&file)?,
    };
    std::fs::write(&path, text)?;
    println!("wrote {rows} rows to {path}");
    Ok(())
}

fn cells(e: &EntryRecord) -> [String; 5] {
    [
        e.code.clone(),
        e.message.clone(),
        e.http_status.to_string(),
        e.description.clone(),
        e.solution.clone(),
    ]
}

fn lines(file: &CatalogFile) -> String {
    let mut out = String::new();
    for e in &file.entry {
        let _ = writeln!(out, "{}", cells(e).join(" "));
    }
    out
}

fn rst(file: &CatalogFile) -> String {
    let widths = [12, WRAP, 11, WRAP, WRAP];
    let border = |c: char| {
        let mut s = String::from("   +");
        for w in widths {
            s.extend(std::iter::repeat_n(c, w + 2));
            s.push('+');
        }
        s.push('\n');
        s
    };
    let mut out = String::from("Error Codes\n===========\n\n");
    out.push_str(&border('-'));
    row(
        &mut out,
        &widths,
        &[
            "Error Code",
            "Error Message",
            "HTTP Status",
            "Description",
            "Solution",
        ]
        .map(String::from),
    );
    out.push_str(&border('='));
    for e in &file.entry {
        row(&mut out, &widths, &cells(e));
        out.push_str(&border('-'));
    }
    out
}

/// One table row, each cell wrapped at its column's width.
fn row(out: &mut String, widths: &[usize; 5], cells: &[String; 5]) {
    let wrapped: Vec<Vec<String>> = cells.iter().zip(widths).map(|(c, w)| wrap(c, *w)).collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for line in 0..height {
        out.push_str("   |");
        for (cell, w) in wrapped.iter().zip(widths) {
            let text = cell.get(line).map_or("", String::as_str);
            let _ = write!(out, " {text:<w$} |");
        }
        out.push('\n');
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line at least");
        if !last.is_empty() && last.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}
