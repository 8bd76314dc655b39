//! `cargo bench --bench signing`: what `signcheck --json` does with a typical rejected
//! request (a curl -v transcript with the gateway's echo, its body and the secret):
//! read it, try the readings, sign, compare, and encode the report. Budget: 5 ms.
//! And the variant search's worst case (nothing reproduces the signature). Budget: 50 ms.

use apig_explorer::check_signature;
use criterion::{Criterion, criterion_group, criterion_main};

const TRANSCRIPT: &str = include_str!("../tests/fixtures/signing/stage-changed.txt");
const BODY: &[u8] = include_bytes!("../tests/fixtures/signing/body.json");

fn bench(c: &mut Criterion) {
    c.bench_function("signcheck --json, typical transcript with secret", |b| {
        b.iter(|| {
            let report = check_signature(
                TRANSCRIPT,
                Some(BODY),
                Some("9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"),
            )
            .expect("a signed request");
            serde_json::to_string_pretty(&report).expect("it encodes")
        })
    });
}

const HOST_PORT: &str = include_str!("../tests/fixtures/signing/host-port.txt");

/// The whole variant search when the transcript is not reproduced and no variant is
/// (the worst case: every single and every pair tried). Budget: 50 ms.
fn variant_search(c: &mut Criterion) {
    c.bench_function("signcheck, variant search with no match", |b| {
        b.iter(|| {
            check_signature(HOST_PORT, Some(BODY), Some("not the client's secret"))
                .expect("a signed request")
        })
    });
}

criterion_group!(benches, bench, variant_search);
criterion_main!(benches);
