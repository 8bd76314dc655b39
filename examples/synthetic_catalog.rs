//! Write the deterministic 100,000-row catalog as a catalog file, to load in the window
//! or to measure loading: `cargo run --release --example synthetic_catalog -- FILE [ROWS]`.
//! The form follows the extension: `.toml` (the app's format), `.rst` (a documentation
//! page's grid table, wrapped as the real pages are), or `.txt` (one row per line, for
//! `fzf --filter`).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synthetic_catalog FILE [ROWS]")?;
    let rows: usize = args.next().map_or(Ok(100_000), |n| n.parse())?;
    let file = synthetic::file(rows);
    let text = match path.rsplit('.').next() {
        Some("rst") => synthetic::rst(&file),
        Some("txt") => synthetic::lines(&file),
        _ => toml::to_string(&file)?,
    };
    std::fs::write(&path, text)?;
    println!("wrote {rows} rows to {path}");
    Ok(())
}
