//! Helpers shared by the UI tests; each test file uses the ones it needs.
#![allow(dead_code)]

use std::collections::HashMap;

use apig_explorer::ui::ExplorerApp;
use egui::OutputCommand;
use egui_kittest::Harness;

/// An in-memory `eframe::Storage`, standing in for the state file.
#[derive(Default)]
pub struct MemoryStorage(pub HashMap<String, String>);

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
pub fn copied(h: &Harness<'_, ExplorerApp>) -> Vec<String> {
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
