//! `cargo bench --bench frame`: one full frame of the app (layout and tessellation,
//! headless, no GPU) with a 100,000-row catalog and an active query.

use apig_explorer::ExplorerApp;
use apig_explorer::{Catalogs, SavedState, Session};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/synthetic.rs"]
mod synthetic;
use eframe::App as _;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    for rows in [1_000, 100_000] {
        frame(c, rows);
    }
}

fn frame(c: &mut Criterion, rows: usize) {
    let mut state = SavedState::default();
    state.explorer.query = "request".into();
    let mut app = ExplorerApp::with_session(Session::with_catalogs(
        state,
        Catalogs::of(synthetic::catalog(rows)),
    ));
    let ctx = egui::Context::default();
    let mut frame = eframe::Frame::_new_kittest();
    let mut run = |app: &mut ExplorerApp| {
        let output = ctx.run_ui(input(), |ui| app.ui(ui, &mut frame));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives.len()
    };
    // Settle fonts, layout and the search result before measuring steady frames.
    for _ in 0..3 {
        run(&mut app);
    }
    assert!(
        app.session().explorer().rows().len() > rows / 100,
        "the query keeps many rows visible"
    );
    c.bench_function(&format!("frame, {rows} rows, active query"), |b| {
        b.iter(|| run(&mut app))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
