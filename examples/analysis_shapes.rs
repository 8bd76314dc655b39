//! Analyze the adversarial 256 KB pastes of `benches/support/shapes.rs` once each, for a
//! profiler: `cargo run --release --example analysis_shapes -- [--100k] [NAME]`, or under
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*analysis_shapes::measure*'`
//! to count only the analyses (the catalog and its index are made before). With `--dump`
//! it prints each shape's whole analysis (`{:#?}`) instead of its time: a change made for
//! speed is checked to give the same answers by comparing two dumps byte for byte.

use std::hint::black_box;
use std::time::Instant;

use apig_explorer::{Catalog, analyze, prepare_analysis};

#[path = "../benches/support/shapes.rs"]
mod shapes;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

/// One analysis, a function of its own so a profiler can count it alone.
#[inline(never)]
fn measure(text: &str, catalog: &Catalog) -> usize {
    black_box(analyze(black_box(text), catalog)).errors.len()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let big = args.iter().any(|a| a == "--100k");
    let dump = args.iter().any(|a| a == "--dump");
    let name = args.iter().find(|a| !a.starts_with("--")).cloned();
    let catalog = if big {
        synthetic::catalog(100_000)
    } else {
        Catalog::embedded()
    };
    // The index is made once per catalog, as the window makes it at load (a task of its
    // own): not what is measured.
    prepare_analysis(&catalog);
    analyze(
        "APIG.0301 Incorrect IAM authentication information",
        &catalog,
    );
    analyze("{\"error_msg\":\"the backend did not respond\"}", &catalog);
    // Patterns compiled on first use (each log time form, a status, an exchange's
    // headers and request line, a HAR's) are compiled here too.
    for warm in [
        "2026-11-27 06:38:01,123 ERROR APIG.0201 Backend timeout, status 504",
        // A line after a coded one is read for a remark that says it is over.
        "2026-11-27 06:38:01,123 ERROR APIG.0308 throttled\n[10:05] ben: that one is fixed now",
        "2026-11-27 06:38:02,123 ERROR The throttling threshold has been reached\n2026-11-27 06:38:03,123 INFO done",
        "[27/Nov/2026:06:38:00 +0000] \"POST /v1 HTTP/1.1\" 504 12 APIG.0201",
        "Dec  6 10:00:01 host APIG.0201 Backend timeout 504 Gateway Time-out",
        "ts=1733479201000 APIG.0201 code=504 -> 504",
        "> GET /v1/x HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 504 Error\n< X-Request-Id: 0123456789abcdef0123456789abcdef\n<\n{\"error_msg\":\"timeout\",\"error_code\":\"APIG.0201\"}\n",
        r#"{"log":{"version":"1.2","entries":[{"startedDateTime":"2026-11-27T06:00:00.000Z","request":{"method":"GET","url":"https://api.example.com/v1/x","headers":[{"name":"X-Sdk-Date","value":"20261127T060000Z"}]},"response":{"status":504,"statusText":"Error","headers":[{"name":"X-Request-Id","value":"0123456789abcdef0123456789abcdef"}],"content":{"mimeType":"application/json","text":"{\"error_code\":\"APIG.0201\",\"error_msg\":\"timeout\"}"}}}]}}"#,
    ] {
        analyze(warm, &catalog);
    }
    for (shape, text) in shapes::all(&catalog) {
        if name.as_deref().is_some_and(|n| !shape.contains(n)) {
            continue;
        }
        if dump {
            println!("== {shape}\n{:#?}", analyze(&text, &catalog));
            continue;
        }
        let start = Instant::now();
        let errors = measure(&text, &catalog);
        println!(
            "{shape}: {} bytes, {errors} errors kept, {:.1} ms",
            text.len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}
