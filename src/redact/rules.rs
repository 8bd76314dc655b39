//! The redaction rules as data (`data/redaction.toml`), read once, with the patterns
//! built from them.

use std::collections::{BTreeMap, HashSet};
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
    pair: Vec<Named>,
    block: Vec<BlockFile>,
    spellings: BTreeMap<String, Vec<String>>,
    escapes: Escapes,
}

/// The characters of key names and the escaped forms each is also read in.
#[derive(Deserialize)]
struct Escapes {
    chars: String,
    forms: Vec<String>,
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
    code_verbs: Vec<String>,
    user_password_flags: Vec<String>,
    whole_value_flags: Vec<String>,
    credential_flags: Vec<String>,
    glued_flags: Vec<String>,
    key_last_unless_after: Vec<String>,
    prose_unless: Vec<String>,
    generic_names: Vec<String>,
    copulas: Vec<String>,
    glued_copulas: Vec<String>,
    last_glued: Vec<String>,
    not_values: Vec<String>,
    not_names: Vec<String>,
    encoder_calls: Vec<String>,
}

/// How long a value must be to look like a credential (see the data file).
#[derive(Deserialize, Clone, Copy)]
pub(crate) struct ValueShape {
    pub(crate) min_with_digit: usize,
    pub(crate) min_digits: usize,
    pub(crate) min_plain: usize,
    pub(crate) min_long: usize,
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
pub(crate) struct Block {
    pub(crate) begin: Regex,
    pub(crate) end: Regex,
}

/// Every rule, ready to apply.
pub(crate) struct Rules {
    pub(crate) contains: Vec<String>,
    pub(crate) last: HashSet<String>,
    pub(crate) pairs: Vec<[String; 2]>,
    pub(crate) not_words: HashSet<String>,
    pub(crate) not_after: HashSet<String>,
    pub(crate) headers: HashSet<String>,
    pub(crate) keep_params: HashSet<String>,
    pub(crate) constructor_parts: HashSet<String>,
    pub(crate) setter_prefixes: Vec<String>,
    /// First parts of a call's name that make it code (`get_token(`), not a secret.
    pub(crate) code_verbs: HashSet<String>,
    pub(crate) user_password_flags: HashSet<String>,
    pub(crate) whole_value_flags: HashSet<String>,
    pub(crate) credential_flags: HashSet<String>,
    /// `-pS3cret`: a glued option and its value.
    pub(crate) glued: Regex,
    pub(crate) key_last_unless_after: HashSet<String>,
    pub(crate) prose_unless: HashSet<String>,
    /// Names that are also words of data (`key`, `session`), parts joined.
    pub(crate) generic_names: HashSet<String>,
    /// A name in running text, then a copula (`is`, `est`, `ist`, `是`) or a separator,
    /// then its value.
    pub(crate) prose_name: Regex,
    /// Secret words a key name may end with, glued to a prefix (`dbpass`, `mysqlpwd`).
    pub(crate) last_glued: Vec<String>,
    /// Algorithm and protocol names: never a credential.
    pub(crate) not_values: HashSet<String>,
    /// Names of ids of keys (`private_key_id`), parts joined.
    pub(crate) not_names: HashSet<String>,
    /// Calls that encode `user:password` (`Buffer.from(`, `btoa(`), lower case.
    pub(crate) encoder_calls: HashSet<String>,
    /// Authentication schemes followed by one credential (`bearer`, `basic`).
    pub(crate) schemes: HashSet<String>,
    /// Every word a secret name must hold somewhere (`contains`, `last`, `pairs`, `key`,
    /// the headers): a name without one is no secret name, found without splitting it.
    pub(crate) hint: aho_corasick::AhoCorasick,
    /// The other spellings of key punctuation and names, and what each stands for.
    pub(crate) spellings: Spellings,
    pub(crate) value: ValueShape,
    /// Every token syntax in one pattern.
    pub(crate) tokens: Regex,
    /// Words that are one credential together: each named group of a match goes.
    pub(crate) together: Vec<Regex>,
    pub(crate) blocks: Vec<Block>,
    /// `Bearer <credential>`, the credential possibly quoted.
    pub(crate) scheme: Regex,
    /// `Digest `, `SDK-HMAC-SHA256 ` before their parameters.
    pub(crate) param_scheme: Regex,
}

/// Each spelling of the data file and what it is read as.
pub(crate) struct Spellings {
    pub(crate) finder: aho_corasick::AhoCorasick,
    pub(crate) written: Vec<String>,
}

fn spellings(table: BTreeMap<String, Vec<String>>, escapes: &Escapes) -> Spellings {
    let (from, written): (Vec<String>, Vec<String>) = table
        .into_iter()
        .flat_map(|(to, froms)| froms.into_iter().map(move |f| (f, to.clone())))
        // Each spelling of another script also as JSON writes it with `ensure_ascii`: a
        // key name (`\u5bc6\u7801`) and a mark (`\uff1a`, a full-width colon).
        .flat_map(|(f, to)| {
            let written = json_escaped(&f);
            std::iter::once((f, to.clone()))
                .chain(written.into_iter().map(move |w| (w, to.clone())))
        })
        .chain(escaped(escapes))
        .unzip();
    let finder = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&from)
        .expect("literal spellings");
    Spellings { finder, written }
}

/// A word of another script as JSON writes it with `ensure_ascii` (a key name
/// `contrase\u00f1a`, `\u5bc6\u7801`; a mark `\uff1a`; a copula `\u00e8`), in lower- and
/// upper-case hex, once and twice escaped (inside an escaped `error_msg`): the escapes of
/// `[escapes]` decode ASCII letters only, so these were read as no key at all. None for a
/// word that is ASCII already, or that has a char JSON writes as a surrogate pair.
fn json_escaped(name: &str) -> Vec<String> {
    if name.is_ascii() || name.chars().any(|c| u32::from(c) > 0xFFFF) {
        return Vec::new();
    }
    let spell = |prefix: &str, upper: bool| {
        name.chars()
            .map(|c| match u32::from(c) {
                code if code < 0x80 => c.to_string(),
                code if upper => format!("{prefix}{code:04X}"),
                code => format!("{prefix}{code:04x}"),
            })
            .collect::<String>()
    };
    vec![
        spell("\\u", false),
        spell("\\u", true),
        spell("\\\\u", false),
        spell("\\\\u", true),
    ]
}

/// Each character of `escapes` in each of its escaped forms: (the form, the character).
fn escaped(escapes: &Escapes) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in escapes.chars.chars() {
        let code = u32::from(c);
        let wide = char::from_u32(code + 0xFEE0)
            .map(String::from)
            .unwrap_or_default();
        for form in &escapes.forms {
            let spelled = form
                .replace("{hex}", &format!("{code:02x}"))
                .replace("{HEX}", &format!("{code:02X}"))
                .replace("{dec}", &code.to_string())
                .replace("{wide}", &wide);
            if !spelled.is_empty() && spelled != c.to_string() {
                out.push((spelled, c.to_string()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `words`, and each as JSON writes it with `ensure_ascii` (`è` as `\u00e8`).
fn with_json_escaped(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| std::iter::once(w.clone()).chain(json_escaped(w)))
        .collect()
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
    let hint_words: Vec<&String> = k
        .contains
        .iter()
        .chain(&k.last)
        .chain(k.pairs.iter().flatten())
        .chain(&k.headers)
        .collect();
    let hint = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(hint_words.iter().map(|w| w.as_str()).chain(["key"]))
        .expect("literal words");
    Rules {
        hint,
        scheme: re(&format!(
            r#"(?i)\b(?:{})[ \t]+(?:\\*["'])?(?P<cred>[A-Za-z0-9._~+/=-]{{6,}})"#,
            alternation(&k.schemes)
        )),
        param_scheme: re(&format!(
            r"(?i)(?:^|[^A-Za-z0-9_-])(?:{})(?:[ \t]+|[ \t]*\r*\n[ \t]+)",
            alternation(&k.param_schemes)
        )),
        schemes: lower(k.schemes.clone()),
        contains: k.contains,
        last: lower(k.last),
        pairs: k.pairs,
        not_words: lower(k.not_words),
        not_after: lower(k.not_after),
        headers: lower(k.headers),
        keep_params: lower(k.keep_params),
        constructor_parts: lower(k.constructor_parts),
        setter_prefixes: k.setter_prefixes,
        code_verbs: lower(k.code_verbs),
        glued: re(&format!(
            r"(?:^|[\s'\x22])(?:{})(?P<value>[^\s\x22'-][^\s\x22']{{5,}})",
            alternation(&k.glued_flags)
        )),
        user_password_flags: k.user_password_flags.into_iter().collect(),
        whole_value_flags: k.whole_value_flags.into_iter().collect(),
        credential_flags: k.credential_flags.into_iter().collect(),
        key_last_unless_after: lower(k.key_last_unless_after),
        prose_unless: lower(k.prose_unless),
        generic_names: lower(k.generic_names),
        prose_name: re(&format!(
            r"(?P<name>[A-Za-z][A-Za-z0-9_.-]{{1,40}})(?P<gap>[ \t|]+(?:(?:{})[ \t]+)?|[ \t]*(?:{})[ \t]*|,[ \t]*)",
            alternation(&with_json_escaped(&k.copulas)),
            alternation(&k.glued_copulas),
        )),
        last_glued: k
            .last_glued
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        not_values: lower(k.not_values),
        not_names: lower(k.not_names),
        encoder_calls: lower(k.encoder_calls),
        spellings: spellings(file.spellings, &file.escapes),
        value: file.value,
        tokens: re(&tokens),
        together: file.pair.iter().map(|p| re(&p.pattern)).collect(),
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

pub(crate) fn rules() -> &'static Rules {
    &RULES_DATA
}
