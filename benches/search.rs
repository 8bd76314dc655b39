//! `cargo bench --bench search`: a keystroke's search + filter + sort, at the embedded
//! catalog's size and at 100,000 rows; a 1,000-word ticket searched at 100,000 rows;
//! parsing the embedded catalog.

use apig_explorer::Catalog;
use apig_explorer::SearchIndex;
use apig_explorer::{Explorer, ExplorerState, SortColumn};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/queries.rs"]
mod queries;
use queries::QUERIES;

fn keystroke(
    explorer: &mut Explorer,
    catalog: &Catalog,
    index: &SearchIndex,
    query: &str,
) -> usize {
    explorer.state.query = query.to_string();
    explorer.refresh(catalog, index);
    explorer.rows().len()
}

fn bench(c: &mut Criterion) {
    c.bench_function("parse embedded catalog", |b| b.iter(Catalog::embedded));
    for (name, catalog) in [
        ("embedded", Catalog::embedded()),
        ("100k", synthetic::catalog(100_000)),
    ] {
        let index = SearchIndex::new(&catalog);
        let mut state = ExplorerState::default();
        state.filters.statuses.insert(400);
        state.filters.statuses.insert(404);
        state.sort.column = Some(SortColumn::Status);
        let mut explorer = Explorer::new(state, &catalog, &index);
        let mut group = c.benchmark_group(format!("search+filter+sort {name}"));
        for query in QUERIES {
            // Alternate "q" and "q " (a typed space): the text changes, so every
            // iteration searches, filters and sorts again, as a keystroke does.
            let variants = [query.to_string(), format!("{query} ")];
            let mut turn = 0;
            group.bench_function(*query, |b| {
                b.iter(|| {
                    turn ^= 1;
                    keystroke(&mut explorer, &catalog, &index, &variants[turn])
                })
            });
        }
        group.finish();
        if name == "100k" {
            // A ticket pasted whole into the search box (issue 24: 1,000 words took
            // minutes with `why` computed per row); search alone, no filter.
            let ticket = ticket(1000);
            c.bench_function("search 1000-word ticket 100k", |b| {
                b.iter(|| index.search(&ticket).len())
            });
        }
    }
}

/// A ticket of `words` words: sentences of the queries, with request ids and numbers
/// between them, as a customer's mail with a log pasted in reads.
fn ticket(words: usize) -> String {
    let sentences: Vec<&str> = QUERIES.iter().flat_map(|q| q.split_whitespace()).collect();
    (0..words)
        .map(|i| match i % 9 {
            4 => format!("{:08x}", (i as u64).wrapping_mul(0x9e37_79b9) as u32),
            7 => format!("{}", 100 + i * 37 % 9900),
            _ => sentences[i % sentences.len()].to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

criterion_group!(benches, bench);
criterion_main!(benches);
