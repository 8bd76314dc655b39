//! Helpers shared by the UI tests; each test file uses the ones it needs.
#![allow(dead_code)]

use std::collections::HashMap;

use apig_explorer::ExplorerApp;
use egui::OutputCommand;
use egui_kittest::Harness;

/// An in-memory `eframe::Storage`, standing in for the state file.
#[derive(Default)]
pub(crate) struct MemoryStorage(pub HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Texts the last frame copied to the clipboard.
pub(crate) fn copied(h: &Harness<'_, ExplorerApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// A fresh, empty directory for one test's store (not yet made), removed when the
/// test ends, also when it fails.
pub(crate) fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("apig-ui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    TempDir(dir)
}

/// A test's directory, removed when dropped; it reads as the `PathBuf` it is.
pub(crate) struct TempDir(std::path::PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::PathBuf;
    fn deref(&self) -> &std::path::PathBuf {
        &self.0
    }
}

impl AsRef<std::path::Path> for TempDir {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The app over the store in `dir`, as the window opens it.
pub(crate) fn stored_app(dir: &std::path::Path) -> ExplorerApp {
    let opened = apig_explorer::Store::open(dir, apig_explorer::Legacy::default());
    ExplorerApp::with_session(apig_explorer::Session::from_store(
        opened,
        apig_explorer::Embedded::build(),
    ))
}

/// The window at `size`, opened with `state` and no store.
pub(crate) fn window(
    size: [f32; 2],
    state: apig_explorer::SavedState,
) -> Harness<'static, ExplorerApp> {
    Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| ExplorerApp::with_state(state, None))
}

/// The window at `size` over the store in `dir`, as it opens after a restart.
pub(crate) fn stored_window(
    size: [f32; 2],
    dir: &std::path::Path,
) -> Harness<'static, ExplorerApp> {
    let dir = dir.to_path_buf();
    Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| stored_app(&dir))
}

/// `text` pasted (Ctrl+V) after a first frame, and the frames that follow.
pub(crate) fn pasted(h: &mut Harness<'_, ExplorerApp>, text: &str) {
    h.run();
    h.event(egui::Event::Paste(text.to_string()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
}

/// Every byte the store in `dir` wrote (database, WAL), as text.
pub(crate) fn stored_bytes(dir: &std::path::Path) -> String {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

/// The system's fonts for the characters egui's own fonts lack (Chinese), found on
/// demand as eframe's `system_fonts` feature does in the window; kittest starts no eframe,
/// so a harness that draws Chinese installs the provider itself.
pub(crate) fn system_fonts(ctx: &egui::Context) {
    ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
}

/// The window at `size`, opened with `state` and no store, drawing Chinese with the
/// system's fonts (a character no font has fails the test).
pub(crate) fn chinese_window(
    size: [f32; 2],
    state: apig_explorer::SavedState,
) -> Harness<'static, ExplorerApp> {
    Harness::builder()
        .with_size(size)
        .with_context_setup(system_fonts)
        .build_eframe(move |_cc| ExplorerApp::with_state(state, None))
}

/// A curl transcript of a 404 APIG.0101 with a request id (and a bearer token to redact),
/// and two of the steps of the incident opened from it.
pub(crate) const NOT_PUBLISHED: &str = "> GET /v1/orders HTTP/1.1\r\n> Host: shop.example.com\r\n> Authorization: Bearer sk-live-abcdef0123456789\r\n>\r\n< HTTP/1.1 404 Not Found\r\n< X-Request-Id: 0101abcdef0101abcdef0101abcdef01\r\n<\r\n{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}";
pub(crate) const DOMAIN_STEP: &str =
    "The domain used in the call is bound to the API's group (or is the group's debugging domain).";
pub(crate) const METHOD_STEP: &str =
    "Method and path match the API definition, including the path's match mode (exact or prefix).";
