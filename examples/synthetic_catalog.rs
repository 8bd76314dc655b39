//! Write the deterministic 100,000-row catalog as a catalog file, to load in the window:
//! `cargo run --release --example synthetic_catalog -- /tmp/100k.toml [ROWS]`

use apig_explorer::catalog::file::{CatalogFile, EntryRecord, SourceRecord};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synthetic_catalog FILE [ROWS]")?;
    let rows: usize = args.next().map_or(Ok(100_000), |n| n.parse())?;
    let catalog = apig_explorer::synthetic::catalog(rows);
    let file = CatalogFile {
        catalog: vec![SourceRecord {
            id: "synthetic".into(),
            title: "Synthetic".into(),
            source: "cargo run --example synthetic_catalog".into(),
        }],
        entry: catalog
            .entries
            .iter()
            .map(|e| EntryRecord {
                catalog: "synthetic".into(),
                code: e.code.to_string(),
                http_status: e.http_status,
                message: e.message.to_string(),
                description: e.description.to_string(),
                solution: e.solution.to_string(),
                category: Some(e.category),
                who_acts: Some(e.who_acts),
                keywords: Vec::new(),
                aliases: Vec::new(),
                step: Vec::new(),
                extra: Default::default(),
            })
            .collect(),
    };
    std::fs::write(&path, toml::to_string(&file)?)?;
    println!("wrote {rows} rows to {path}");
    Ok(())
}
