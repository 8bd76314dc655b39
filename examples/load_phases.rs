//! Where the time of opening a big catalog goes, phase by phase:
//! `cargo run --release --example load_phases -- /tmp/100k.rst [QUERY]`.

use std::time::Instant;

use apig_explorer::{Catalog, SearchIndex, load_file, prepare_analysis};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: load_phases FILE [QUERY]")?;
    let query = args.next().unwrap_or_else(|| "timeout".into());
    let start = Instant::now();
    let mut catalog = Catalog::embedded();
    let embedded = start.elapsed();
    let loaded = load_file(path.as_ref())?;
    let parsed = start.elapsed();
    catalog.merge(loaded.catalog)?;
    let merged = start.elapsed();
    let index = SearchIndex::new(&catalog);
    let indexed = start.elapsed();
    let hits = index.search(&query).len();
    let searched = start.elapsed();
    let peak_before = peak_mib();
    prepare_analysis(&catalog);
    let prepared = start.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "embedded {:.0} ms, read+parse {:.0} ms, merge {:.0} ms, index {:.0} ms, search {:.0} ms ({hits} hits), analysis index {:.0} ms (peak memory {peak_before} MiB before it, {} MiB after)",
        ms(embedded),
        ms(parsed - embedded),
        ms(merged - parsed),
        ms(indexed - merged),
        ms(searched - indexed),
        ms(prepared - searched),
        peak_mib(),
    );
    Ok(())
}

/// The process's peak resident memory so far (Linux; 0 elsewhere).
fn peak_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib / 1024)
}
