//! Deterministic large catalogs, for benchmarks, examples and scale tests: 100,000 rows
//! with codes, messages, descriptions and solutions of the lengths the real tables have,
//! written with the real tables' own words. Kept out of the library: benches, examples
//! and tests include it with `#[path]`, and it uses only the public catalog format.

use std::fmt::Write as _;

use apig_explorer::{Catalog, CatalogFile, Category, EntryRecord, SourceRecord, WhoActs};

/// Width of the RST table's text columns, as the documentation pages wrap them.
const WRAP: usize = 60;

/// The app's embedded data file, for its vocabulary.
const EMBEDDED: &str = include_str!("../../data/catalog.toml");

/// A catalog of `rows` synthetic rows (plus nothing else), the same for the same `rows`.
#[allow(dead_code, reason = "each including crate uses one of the two forms")]
pub(crate) fn catalog(rows: usize) -> Catalog {
    file(rows)
        .into_catalog()
        .expect("synthetic rows are valid and distinct")
}

/// The same rows as the app's catalog file format.
#[allow(dead_code, reason = "each including crate uses one of the two forms")]
pub(crate) fn file(rows: usize) -> CatalogFile<'static> {
    let vocabulary = vocabulary();
    let mut rng = Lcg(0x5eed);
    let statuses = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504];
    let entries = (0..rows)
        .map(|i| {
            let sentence = |rng: &mut Lcg, min: usize, max: usize| {
                let n = min + rng.below(max - min + 1);
                let words: Vec<&str> = (0..n)
                    .map(|_| vocabulary[rng.below(vocabulary.len())])
                    .collect();
                let mut s = words.join(" ");
                if let Some(first) = s.get(..1) {
                    s.replace_range(..1, &first.to_uppercase());
                }
                s.push('.');
                s
            };
            let status = statuses[rng.below(statuses.len())];
            EntryRecord {
                catalog: "synthetic".into(),
                code: format!(
                    "SVC{}.{:04}",
                    (b'A' + (i / 10_000) as u8 % 26) as char,
                    i % 10_000
                )
                .into(),
                http_status: status,
                message: sentence(&mut rng, 4, 12).into(),
                description: sentence(&mut rng, 8, 25).into(),
                solution: sentence(&mut rng, 12, 50).into(),
                category: Some(Category::ALL[rng.below(Category::ALL.len())]),
                who_acts: Some(WhoActs::ALL[rng.below(WhoActs::ALL.len())]),
                keywords: Vec::new(),
                aliases: Vec::new(),
                details: Vec::new(),
                step: Vec::new(),
                extra: Default::default(),
            }
        })
        .collect();
    CatalogFile {
        catalog: vec![SourceRecord {
            id: "synthetic".into(),
            title: "Synthetic".into(),
            source: "generated".into(),
        }],
        entry: entries,
    }
}

/// The distinct lower-case words of the embedded catalog's text.
fn vocabulary() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = EMBEDDED
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// A tiny linear congruential generator: reproducible without a dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A row's cells in the order of the RST table's columns.
#[allow(dead_code, reason = "each including crate uses some of the forms")]
fn cells(e: &EntryRecord<'_>) -> [String; 5] {
    [
        e.code.to_string(),
        e.message.to_string(),
        e.http_status.to_string(),
        e.description.to_string(),
        e.solution.to_string(),
    ]
}

/// The rows as plain lines, one per row (for `fzf --filter`).
#[allow(dead_code, reason = "each including crate uses some of the forms")]
pub(crate) fn lines(file: &CatalogFile<'_>) -> String {
    let mut out = String::new();
    for e in &file.entry {
        let _ = writeln!(out, "{}", cells(e).join(" "));
    }
    out
}

/// The rows as a documentation page's RST grid table, cells wrapped as the real pages are.
#[allow(dead_code, reason = "each including crate uses some of the forms")]
pub(crate) fn rst(file: &CatalogFile<'_>) -> String {
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
#[allow(dead_code, reason = "each including crate uses some of the forms")]
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

#[allow(dead_code, reason = "each including crate uses some of the forms")]
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
