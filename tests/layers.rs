//! The layering rule of ARCHITECTURE.md, checked: a module imports only modules of a
//! lower layer. Test code may reach sideways to build its fixtures: files named
//! `tests.rs` or `*_tests.rs`, and each item under a test-only `#[cfg(...)]` (found by
//! matching its braces, so the code after a test module is still read). Comments and
//! string literals are not imports and are blanked before reading.

#![allow(
    clippy::string_slice,
    reason = "every offset is found in the string it cuts, at a char boundary"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer, bottom first.
const LAYERS: &[(&str, u8)] = &[
    ("dirs", 0),
    ("memory", 0),
    ("pattern", 0),
    ("priority", 0),
    ("trace", 0),
    ("wording", 0),
    ("binary", 1),
    ("catalog", 1),
    ("http_status", 1),
    ("redact", 1),
    ("task", 1),
    ("analysis", 2),
    ("import", 2),
    ("search", 2),
    ("cache", 3),
    ("checklist", 3),
    ("explorer", 3),
    ("history", 3),
    ("report", 3),
    ("signing", 3),
    ("team", 3),
    ("incident", 4),
    ("session", 5),
    ("cli", 6),
    ("ui", 6),
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

/// The module path of a file below `src/`: `session/paste.rs` -> `[session, paste]`,
/// `session/mod.rs` -> `[session]`, `lib.rs` -> `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let Ok(rel) = file.strip_prefix(src) else {
        return Vec::new();
    };
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    if parts.len() == 1 && matches!(parts[0].as_str(), "lib" | "main") {
        parts.clear();
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The text with comments removed and string and char literals emptied (`""`, `' '`),
/// so braces and paths inside them are not read as code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && matches!(next, Some('"' | '#')) && raw_start(&chars, i, prev_ident) {
            // r"…", r#"…"#, and with a b or c before the r.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1; // the opening quote
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if c == '\'' && next == Some('\\') {
            let mut j = i + 3; // past the quote, the backslash and the escaped char
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            // A lifetime's quote, or any other char.
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `i` opens a raw string, not the end of an identifier like `for`.
fn raw_start(chars: &[char], i: usize, prev_ident: bool) -> bool {
    let prefixed = i > 0 && matches!(chars[i - 1], 'b' | 'c') && (i < 2 || !is_ident(chars[i - 2]));
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"') && (!prev_ident || prefixed)
}

/// Whether an attribute's text (between `#[` and `]`) compiles its item only for tests:
/// `cfg(test)` or `cfg(all(test, …))`.
fn test_only(attribute: &str) -> bool {
    let flat: String = attribute.chars().filter(|c| !c.is_whitespace()).collect();
    if flat == "cfg(test)" {
        return true;
    }
    let Some(args) = flat
        .strip_prefix("cfg(all(")
        .and_then(|a| a.strip_suffix("))"))
    else {
        return false;
    };
    top_level(args, ',').contains(&"test")
}

/// Splits at `sep` where no bracket is open.
fn top_level(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (at, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The byte just past the bracket that closes the one opening at `open`.
fn close_of(code: &str, open: usize) -> usize {
    let mut depth = 0i32;
    for (at, c) in code[open..].char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + at + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// The byte just past the item starting at `start`: its `;` or its closing `}`, whichever
/// comes first with no bracket open.
fn end_of_item(code: &str, start: usize) -> usize {
    let mut depth = 0i32;
    for (at, c) in code[start..].char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' => depth -= 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return start + at + 1;
                }
                if depth < 0 {
                    // The block around the item closes (after a test-only field or
                    // last expression): the rest of it goes with the item, its brace stays.
                    return start + at;
                }
            }
            ';' if depth == 0 => return start + at + 1,
            _ => {}
        }
    }
    code.len()
}

/// The code without test-only items (a `#[cfg(test)] mod tests { … }` body, a test
/// helper, a test-only statement); an inner `#![cfg(test)]` empties the file. Expects
/// the output of `code_only`.
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut at = 0;
    while let Some(found) = code[at..].find('#') {
        let hash = at + found;
        let inner = code[hash + 1..].starts_with('!');
        let open = hash + 1 + usize::from(inner);
        if !code[open..].starts_with('[') {
            out.push_str(&code[at..=hash]);
            at = hash + 1;
            continue;
        }
        let close = close_of(code, open);
        let attribute = code
            .get(open + 1..close.saturating_sub(1))
            .unwrap_or_default();
        if !test_only(attribute) {
            out.push_str(&code[at..close]);
            at = close;
            continue;
        }
        if inner {
            return out;
        }
        out.push_str(&code[at..hash]);
        // Further attributes belong to the same item.
        let mut item = close;
        loop {
            let rest = &code[item..];
            let skipped = rest.len() - rest.trim_start().len();
            if rest.trim_start().starts_with("#[") {
                item = close_of(code, item + skipped + 1);
            } else {
                item += skipped;
                break;
            }
        }
        at = end_of_item(code, item);
    }
    out.push_str(&code[at..]);
    out
}

/// The paths a `use` tree names, each as its segments (with the name it binds, for a
/// re-export): `a::{b, c::d as e}` -> `[a, b]`, `[a, c, d] as e`.
fn use_paths(tree: &str) -> Vec<(Vec<String>, String)> {
    let tree = tree.trim();
    let mut segments = Vec::new();
    let mut rest = tree;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group
                .get(..close_of(rest, 0).saturating_sub(2))
                .unwrap_or_default();
            let mut paths = Vec::new();
            for part in top_level(inner, ',') {
                for (tail, bound) in use_paths(part) {
                    let mut full: Vec<String> = segments.clone();
                    full.extend(tail);
                    paths.push((full, bound));
                }
            }
            return paths;
        }
        let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
        if name.is_empty() {
            // `*`, an empty group's part, or the end of a path in an expression.
            return if segments.is_empty() {
                Vec::new()
            } else {
                vec![(segments, String::new())]
            };
        }
        rest = rest[name.len()..].trim_start();
        segments.push(name.clone());
        if let Some(after) = rest.strip_prefix("::") {
            rest = after.trim_start();
            continue;
        }
        let bound = rest
            .strip_prefix("as ")
            .map(|a| a.trim().chars().take_while(|c| is_ident(*c)).collect())
            .unwrap_or(name);
        return vec![(segments, bound)];
    }
}

/// Where `crate::` (also `$crate::`) begins a path in the code, and the path's text up
/// to its end (a `{ … }` group whole).
fn crate_paths(code: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let start = at + "crate::".len();
        let rest = &code[start..];
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if c == '{' {
                end = close_of(rest, i);
                break;
            }
            if !(is_ident(c) || c == ':' || c == ' ') {
                end = i;
                break;
            }
            end = i + c.len_utf8();
        }
        found.push(rest.get(..end).unwrap_or_default());
    }
    found
}

/// The crate modules a source text names: `crate::a::b`, each path of a grouped
/// `use crate::{a::{b}, c}`, a name `lib.rs` re-exports (`crate::Session` -> `session`,
/// through `reexports`), and a `super::` chain that climbs to the crate root from
/// `here` (the file's module path). Test-only items, comments and strings are not read.
fn imports(text: &str, here: &[String], reexports: &HashMap<String, String>) -> Vec<String> {
    let code = without_test_items(&code_only(text));
    let mut found = Vec::new();
    for path in crate_paths(&code) {
        for (segments, _) in use_paths(path) {
            found.extend(segments.into_iter().next());
        }
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let mut rest = &code[at..];
        let mut depth = here.len();
        while let Some(after) = rest.strip_prefix("super::") {
            depth = depth.saturating_sub(1);
            rest = after.trim_start();
        }
        if depth == 0 {
            for (segments, _) in use_paths(rest) {
                found.extend(segments.into_iter().next());
            }
        }
    }
    found
        .into_iter()
        .map(|m| reexports.get(&m).cloned().unwrap_or(m))
        .collect()
}

/// The names `lib.rs` re-exports, each with the module it comes from.
fn reexports(lib: &str) -> HashMap<String, String> {
    let code = code_only(lib);
    let mut names = HashMap::new();
    for (at, _) in code.match_indices("pub use ") {
        let tree = code[at + "pub use ".len()..]
            .split(';')
            .next()
            .unwrap_or_default();
        for (segments, bound) in use_paths(tree) {
            if let Some(module) = segments.first().filter(|m| layer(m).is_some()) {
                names.insert(bound, module.clone());
            }
        }
    }
    names
}

/// What a file of module path `here` imports from its own layer or above.
fn violations(text: &str, here: &[String], reexports: &HashMap<String, String>) -> Vec<String> {
    let Some(module) = here.first() else {
        return Vec::new();
    };
    let Some(own) = layer(module) else {
        return vec![format!(
            "{module} has no layer: add it to ARCHITECTURE.md and LAYERS"
        )];
    };
    let mut found = Vec::new();
    for used in imports(text, here, reexports) {
        match layer(&used) {
            Some(l) if used != *module && l >= own => {
                found.push(format!("{module} (layer {own}) imports {used} (layer {l})"));
            }
            _ => {}
        }
    }
    found
}

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

#[test]
fn no_module_imports_a_module_above_or_beside_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs is readable");
    let reexports = reexports(&lib);
    assert!(
        reexports.get("Session").is_some_and(|m| m == "session"),
        "lib.rs re-exports were not read: {reexports:?}"
    );
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut problems = Vec::new();
    for file in &all {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let here = module_path(&src, file);
        if here.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("source is readable");
        for v in violations(&text, &here, &reexports) {
            problems.push(format!("{}: {v}", file.display()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_import_reader_sees_grouped_and_nested_paths() {
    let none = HashMap::new();
    assert_eq!(
        imports(
            "use crate::{catalog::{Catalog, Entry}, search};\nlet x = crate::ui::run();",
            &path(&["cli"]),
            &none
        ),
        vec!["catalog", "catalog", "search", "ui"]
    );
    assert_eq!(
        imports(
            "use crate::{a::{b::{c, d}, e}, f as g, h::*};",
            &path(&["x"]),
            &none
        ),
        vec!["a", "a", "a", "f", "h"]
    );
}

#[test]
fn a_planted_grouped_upward_import_fails_the_check() {
    let none = HashMap::new();
    let planted = "use crate::{binary::Layout, search::{Hit}, session};\nfn f() {}\n";
    assert_eq!(
        violations(planted, &path(&["search", "words"]), &none),
        vec!["search (layer 2) imports session (layer 5)"]
    );
    // The same import is fine one layer up.
    assert!(violations(planted, &path(&["cli"]), &none).is_empty());
}

#[test]
fn code_after_a_test_module_is_read_and_the_module_is_not() {
    let none = HashMap::new();
    let text = r##"
use crate::catalog::Entry;
#[cfg(test)]
mod tests {
    use crate::session::Session; // tests may reach sideways
    fn f() { let s = "}"; let c = '}'; let v: [u8; 2] = [1, 2]; }
}
#[cfg(all(test, unix))]
fn helper() -> Vec<[u8; 4]> { crate::ui::x() }
// crate::cli in a comment is no import
/// Nor in a doc comment: [`crate::cli::Cli`]
const S: &str = r#"crate::cli"#;
fn after() { crate::incident::Incident::new(); }
"##;
    let here = path(&["search"]);
    assert_eq!(imports(text, &here, &none), vec!["catalog", "incident"]);
    assert_eq!(
        violations(text, &here, &none),
        vec!["search (layer 2) imports incident (layer 4)"]
    );
}

#[test]
fn reexported_names_and_super_chains_count_as_imports() {
    let reexports = reexports("pub use session::{Action, Session as S};\npub use redact::redact;");
    assert_eq!(reexports.get("S").map(String::as_str), Some("session"));
    assert_eq!(reexports.get("Action").map(String::as_str), Some("session"));
    let here = path(&["search", "words"]);
    assert_eq!(
        imports("use crate::{S, redact};", &here, &reexports),
        vec!["session", "redact"]
    );
    // From search/words.rs, super:: is search and super::super:: the crate root.
    assert_eq!(
        imports(
            "use super::query; use super::super::ui::X;",
            &here,
            &reexports
        ),
        vec!["ui"]
    );
}
