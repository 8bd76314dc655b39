//! Write the deterministic 100,000-row catalog as a catalog file, to load in the window:
//! `cargo run --release --example synthetic_catalog -- /tmp/100k.toml [ROWS]`

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synthetic_catalog FILE [ROWS]")?;
    let rows: usize = args.next().map_or(Ok(100_000), |n| n.parse())?;
    let file = synthetic::file(rows);
    std::fs::write(&path, toml::to_string(&file)?)?;
    println!("wrote {rows} rows to {path}");
    Ok(())
}
