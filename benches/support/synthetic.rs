//! Deterministic large catalogs, for benchmarks, examples and scale tests: 100,000 rows
//! with codes, messages, descriptions and solutions of the lengths the real tables have,
//! written with the real tables' own words. Kept out of the library: benches, examples
//! and tests include it with `#[path]`, and it uses only the public catalog format.

use apig_explorer::{Catalog, CatalogFile, Category, EntryRecord, SourceRecord, WhoActs};

/// The app's embedded data file, for its vocabulary.
const EMBEDDED: &str = include_str!("../../data/catalog.toml");

/// A catalog of `rows` synthetic rows (plus nothing else), the same for the same `rows`.
#[allow(dead_code, reason = "each including crate uses one of the two forms")]
pub fn catalog(rows: usize) -> Catalog {
    file(rows)
        .into_catalog()
        .expect("synthetic rows are valid and distinct")
}

/// The same rows as the app's catalog file format.
#[allow(dead_code, reason = "each including crate uses one of the two forms")]
pub fn file(rows: usize) -> CatalogFile {
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
                ),
                http_status: status,
                message: sentence(&mut rng, 4, 12),
                description: sentence(&mut rng, 8, 25),
                solution: sentence(&mut rng, 12, 50),
                category: Some(Category::ALL[rng.below(Category::ALL.len())]),
                who_acts: Some(WhoActs::ALL[rng.below(WhoActs::ALL.len())]),
                keywords: Vec::new(),
                aliases: Vec::new(),
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
