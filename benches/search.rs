//! `cargo bench --bench search`: a keystroke's search over the embedded catalog.

use apig_explorer::catalog::Catalog;
use apig_explorer::search::SearchIndex;
use criterion::{Criterion, criterion_group, criterion_main};

const QUERIES: &[&str] = &[
    "throtling",
    "APIG 0201",
    "429",
    "backend timeout",
    "payload too big",
    "qqqxzzv",
];

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    c.bench_function("parse embedded catalog", |b| b.iter(Catalog::embedded));
    let index = SearchIndex::new(&catalog);
    c.bench_function("search 6 queries, embedded catalog", |b| {
        b.iter(|| QUERIES.iter().map(|q| index.search(q).len()).sum::<usize>())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
