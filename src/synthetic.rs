//! Deterministic large catalogs, for benchmarks and scale checks: 100,000 rows with
//! codes, messages, descriptions and solutions of the lengths the real tables have,
//! written with the real tables' own words.

use crate::catalog::{Catalog, Category, Entry, Source, WhoActs};

/// A catalog of `rows` synthetic rows (plus nothing else), the same for the same `rows`.
pub fn catalog(rows: usize) -> Catalog {
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
            Entry {
                source: 0,
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
                category: Category::ALL[rng.below(Category::ALL.len())],
                who_acts: WhoActs::ALL[rng.below(WhoActs::ALL.len())],
                keywords: Box::default(),
                aliases: Box::default(),
                steps: Box::default(),
                extra: Box::default(),
            }
        })
        .collect();
    Catalog {
        sources: vec![Source {
            id: "synthetic".into(),
            title: "Synthetic".into(),
            origin: "generated".into(),
        }],
        entries,
    }
}

/// The distinct lower-case words of the embedded catalog's text.
fn vocabulary() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = crate::catalog::EMBEDDED
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

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_catalogs_are_deterministic_and_realistic() {
        let a = super::catalog(1000);
        let b = super::catalog(1000);
        assert_eq!(a.entries, b.entries);
        let avg =
            |f: fn(&crate::catalog::Entry) -> usize| a.entries.iter().map(f).sum::<usize>() / 1000;
        assert!((25..90).contains(&avg(|e| e.message.len())));
        assert!((150..400).contains(&avg(|e| e.solution.len())));
    }
}
