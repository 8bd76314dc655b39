//! The redaction rules as data (`data/redaction.toml`), read once, with the patterns
//! built from them.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::pattern::re;
use regex::Regex;
use serde::Deserialize;

/// The file the rules come from, in the binary.
const RULES: &str = include_str!("../../data/redaction.toml");

#[derive(Deserialize)]
struct File {
    keys: KeyFile,
    value: ValueShape,
    token: Vec<Named>,
    block: Vec<BlockFile>,
}

#[derive(Deserialize)]
struct KeyFile {
    contains: Vec<String>,
    last: Vec<String>,
    pairs: Vec<[String; 2]>,
    not_words: Vec<String>,
    not_after: Vec<String>,
    headers: Vec<String>,
    schemes: Vec<String>,
    param_schemes: Vec<String>,
    keep_params: Vec<String>,
    constructor_parts: Vec<String>,
    setter_prefixes: Vec<String>,
    user_password_flags: Vec<String>,
    whole_value_flags: Vec<String>,
}

/// How long a value must be to look like a credential (see the data file).
#[derive(Deserialize, Clone, Copy)]
pub struct ValueShape {
    pub min_with_digit: usize,
    pub min_digits: usize,
    pub min_plain: usize,
}

#[derive(Deserialize)]
struct Named {
    pattern: String,
}

#[derive(Deserialize)]
struct BlockFile {
    begin: String,
    end: String,
}

/// A block of key material between two markers.
pub struct Block {
    pub begin: Regex,
    pub end: Regex,
}

/// Every rule, ready to apply.
pub struct Rules {
    pub contains: Vec<String>,
    pub last: HashSet<String>,
    pub pairs: Vec<[String; 2]>,
    pub not_words: HashSet<String>,
    pub not_after: HashSet<String>,
    pub headers: HashSet<String>,
    pub keep_params: HashSet<String>,
    pub constructor_parts: HashSet<String>,
    pub setter_prefixes: Vec<String>,
    pub user_password_flags: HashSet<String>,
    pub whole_value_flags: HashSet<String>,
    pub value: ValueShape,
    /// Every token syntax in one pattern.
    pub tokens: Regex,
    pub blocks: Vec<Block>,
    /// `Bearer <credential>`, the credential possibly quoted.
    pub scheme: Regex,
    /// `Digest `, `SDK-HMAC-SHA256 ` before their parameters.
    pub param_scheme: Regex,
}

fn lower(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_ascii_lowercase()).collect()
}

fn alternation(words: &[String]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

static RULES_DATA: LazyLock<Rules> = LazyLock::new(|| {
    let file: File =
        toml::from_str(RULES).expect("data/redaction.toml is embedded and checked by tests");
    let k = file.keys;
    let tokens = file
        .token
        .iter()
        .map(|t| format!("(?:{})", t.pattern))
        .collect::<Vec<_>>()
        .join("|");
    Rules {
        scheme: re(&format!(
            r#"(?i)\b(?:{})[ \t]+(?:\\*["'])?(?P<cred>[A-Za-z0-9._~+/=-]{{6,}})"#,
            alternation(&k.schemes)
        )),
        param_scheme: re(&format!(
            r"(?i)(?:^|[^A-Za-z0-9_-])(?:{})[ \t]+",
            alternation(&k.param_schemes)
        )),
        contains: k.contains,
        last: lower(k.last),
        pairs: k.pairs,
        not_words: lower(k.not_words),
        not_after: lower(k.not_after),
        headers: lower(k.headers),
        keep_params: lower(k.keep_params),
        constructor_parts: lower(k.constructor_parts),
        setter_prefixes: k.setter_prefixes,
        user_password_flags: k.user_password_flags.into_iter().collect(),
        whole_value_flags: k.whole_value_flags.into_iter().collect(),
        value: file.value,
        tokens: re(&tokens),
        blocks: file
            .block
            .iter()
            .map(|b| Block {
                begin: re(&b.begin),
                end: re(&b.end),
            })
            .collect(),
    }
});

pub fn rules() -> &'static Rules {
    &RULES_DATA
}
