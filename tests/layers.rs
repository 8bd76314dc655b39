//! The layering rule of ARCHITECTURE.md, checked: a module imports only modules of a
//! lower layer. Test code (`tests.rs`, `*_tests.rs`, what follows `#[cfg(test)]`) may
//! reach sideways to build its fixtures.

use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer, bottom first.
const LAYERS: &[(&str, u8)] = &[
    ("binary", 0),
    ("catalog", 0),
    ("http_status", 0),
    ("memory", 0),
    ("priority", 0),
    ("redact", 0),
    ("wording", 0),
    ("analysis", 1),
    ("import", 1),
    ("search", 1),
    ("cache", 2),
    ("checklist", 2),
    ("explorer", 2),
    ("history", 2),
    ("report", 2),
    ("signing", 2),
    ("incident", 3),
    ("session", 4),
    ("cli", 5),
    ("ui", 5),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file belongs to: `src/session/paste.rs` -> `session`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    Some(first.trim_end_matches(".rs").to_string())
}

/// The crate modules a text names as `crate::name` (also inside `use crate::{a, b}`).
fn imports(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = text.get(at + "crate::".len()..).unwrap_or_default();
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            found.extend(inner.split(',').map(|p| head(p.trim())));
        } else {
            found.push(head(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn head(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_module_imports_a_module_above_or_beside_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut violations = Vec::new();
    for file in &all {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(own) = layer(&module) else {
            assert!(
                matches!(module.as_str(), "lib" | "main"),
                "{module} has no layer: add it to ARCHITECTURE.md and LAYERS"
            );
            continue;
        };
        let text = std::fs::read_to_string(file).expect("source is readable");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for used in imports(code) {
            match layer(&used) {
                Some(l) if used != module && l >= own => violations.push(format!(
                    "{} (layer {own}) imports {used} (layer {l})",
                    file.display()
                )),
                _ => {}
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn the_import_reader_sees_grouped_and_nested_paths() {
    assert_eq!(
        imports("use crate::{catalog::Catalog, search};\nlet x = crate::ui::run();"),
        vec!["catalog", "search", "ui"]
    );
}
