//! `analyze` as the paste-answer tests run it: both forms of one paste, and the errors and
//! codes of the JSON. Included with `cli` by the test files that read answers this way.

use super::cli::{binary, output};

/// `analyze --json -` of `paste`, and the text form.
pub(crate) fn analyze(paste: &str) -> (serde_json::Value, String) {
    let json = output(binary().args(["analyze", "--json", "-"]), paste);
    let text = output(binary().args(["analyze", "-"]), paste);
    (
        serde_json::from_slice(&json.stdout).expect("analyze --json prints JSON"),
        String::from_utf8_lossy(&text.stdout).into_owned(),
    )
}

pub(crate) fn errors(json: &serde_json::Value) -> &Vec<serde_json::Value> {
    json["errors"].as_array().expect("errors")
}

/// Each error's code, "none" where it has none.
pub(crate) fn codes(json: &serde_json::Value) -> Vec<String> {
    errors(json)
        .iter()
        .map(|e| e["code"].as_str().unwrap_or("none").to_string())
        .collect()
}
