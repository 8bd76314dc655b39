//! The catalog file's plain form read without the TOML reader: `[[catalog]]` and
//! `[[entry]]` blocks of `key = value` lines whose values are one-line basic strings,
//! whole numbers and one-line lists of strings; what the synthetic 100,000-row file and
//! nearly every exported catalog are made of. The `toml` crate builds a tree of every
//! value with its place in the file before serde reads it: about 0.6 s of CPU for a 56 MB
//! file on this project's machine, the largest part of a cold start. This reader takes
//! the same blocks straight into the records, a byte at a time.
//!
//! It reads only what it is sure of. Anything else (a literal or multi-line string, an
//! escape outside TOML 1.0's basic set, a number written any way but plain decimal, a key
//! repeated or unknown, a sub-table such as `[[entry.step]]`, a missing field, a control
//! character) makes it give up, and the caller reads the text with the `toml` crate, so
//! every file reads as before and every error is the one it gave before.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::IntoDeserializer as _;

use super::file::{CatalogFile, EntryRecord, SourceRecord};
use super::{Category, WhoActs};

/// `text`'s blocks, when every line is of the plain form (see the module's note);
/// None otherwise, and then the `toml` crate reads it.
pub(super) fn read(text: &str) -> Option<CatalogFile<'_>> {
    let mut file = CatalogFile::default();
    let mut block = Block::None;
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        // A line ends with `\n` or `\r\n`; a `\r` anywhere else is the TOML reader's.
        let line = match lines.peek() {
            Some(_) => line.strip_suffix('\r').unwrap_or(line),
            None => line,
        };
        let line = line.trim_start_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        if line.starts_with('#') {
            comment(line)?;
            continue;
        }
        if line.starts_with('[') {
            block.close(&mut file)?;
            block = match line.trim_end_matches([' ', '\t']) {
                "[[catalog]]" => Block::Catalog(SourceFields::default()),
                "[[entry]]" => Block::Entry(Box::default()),
                _ => return None,
            };
            continue;
        }
        let (key, rest) = key_of(line)?;
        let (value, rest) = Value::read(rest)?;
        after_value(rest)?;
        block.set(key, value)?;
    }
    block.close(&mut file)?;
    Some(file)
}

/// The block being read and the fields it has so far.
enum Block<'a> {
    /// Before the first header: a key there is the TOML reader's to refuse.
    None,
    Catalog(SourceFields),
    Entry(Box<EntryFields<'a>>),
}

#[derive(Default)]
struct SourceFields {
    id: Option<String>,
    title: Option<String>,
    source: Option<String>,
}

#[derive(Default)]
struct EntryFields<'a> {
    catalog: Option<Cow<'a, str>>,
    code: Option<Cow<'a, str>>,
    http_status: Option<u16>,
    message: Option<Cow<'a, str>>,
    description: Option<Cow<'a, str>>,
    solution: Option<Cow<'a, str>>,
    category: Option<Category>,
    who_acts: Option<WhoActs>,
    keywords: Option<Vec<String>>,
    aliases: Option<Vec<String>>,
    details: Option<Vec<String>>,
}

impl<'a> Block<'a> {
    /// `key = value` in this block; None for a key it has no field for, a key given
    /// twice, or a value of another kind than the field's.
    fn set(&mut self, key: &str, value: Value<'a>) -> Option<()> {
        match self {
            Block::None => None,
            Block::Catalog(f) => {
                let text = value.text()?.into_owned();
                match key {
                    "id" => once(&mut f.id, text),
                    "title" => once(&mut f.title, text),
                    "source" => once(&mut f.source, text),
                    _ => None,
                }
            }
            Block::Entry(f) => match key {
                "catalog" => once(&mut f.catalog, value.text()?),
                "code" => once(&mut f.code, value.text()?),
                "http_status" => once(&mut f.http_status, value.number()?),
                "message" => once(&mut f.message, value.text()?),
                "description" => once(&mut f.description, value.text()?),
                "solution" => once(&mut f.solution, value.text()?),
                "category" => once(&mut f.category, named(&value.text()?)?),
                "who_acts" => once(&mut f.who_acts, named(&value.text()?)?),
                "keywords" => once(&mut f.keywords, value.list()?),
                "aliases" => once(&mut f.aliases, value.list()?),
                "details" => once(&mut f.details, value.list()?),
                _ => None,
            },
        }
    }

    /// The block done: its record added to `file`; None when a required field is
    /// missing.
    fn close(&mut self, file: &mut CatalogFile<'a>) -> Option<()> {
        match std::mem::replace(self, Block::None) {
            Block::None => {}
            Block::Catalog(f) => file.catalog.push(SourceRecord {
                id: f.id?,
                title: f.title?,
                source: f.source.unwrap_or_default(),
            }),
            Block::Entry(f) => {
                let f = *f;
                file.entry.push(EntryRecord {
                    catalog: f.catalog?,
                    code: f.code?,
                    http_status: f.http_status?,
                    message: f.message?,
                    description: f.description.unwrap_or_default(),
                    solution: f.solution.unwrap_or_default(),
                    category: f.category,
                    who_acts: f.who_acts,
                    keywords: f.keywords.unwrap_or_default(),
                    aliases: f.aliases.unwrap_or_default(),
                    details: f.details.unwrap_or_default(),
                    step: Vec::new(),
                    extra: Default::default(),
                })
            }
        }
        Some(())
    }
}

/// `value` into an empty `slot`; None when the key was given before.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

/// A category or who-acts by its name in the file, as serde reads it.
fn named<'de, T: Deserialize<'de>>(name: &str) -> Option<T> {
    let name: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(name).ok()
}

/// A comment line: TOML allows no control character in it but the tab.
fn comment(line: &str) -> Option<()> {
    line.bytes()
        .all(|b| b == b'\t' || !b.is_ascii_control())
        .then_some(())
}

/// A bare key (letters, digits, `_`, `-`), then `=`: the key and what follows the `=`.
fn key_of(line: &str) -> Option<(&str, &str)> {
    let end = line
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let (key, rest) = line.split_at(end);
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    (!key.is_empty()).then(|| (key, rest.trim_start_matches([' ', '\t'])))
}

/// What may follow a value on its line: nothing, or blanks and then nothing or a
/// comment (a comment right after a value is left to the TOML reader).
fn after_value(rest: &str) -> Option<()> {
    if rest.is_empty() {
        return Some(());
    }
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() {
        return None;
    }
    if trimmed.is_empty() {
        Some(())
    } else {
        comment(trimmed.strip_prefix('#')?)
    }
}

/// A value of the plain form.
enum Value<'a> {
    Text(Cow<'a, str>),
    Number(u16),
    List(Vec<String>),
}

impl<'a> Value<'a> {
    /// The value at the start of `at`, and what follows it.
    fn read(at: &'a str) -> Option<(Value<'a>, &'a str)> {
        match at.as_bytes().first()? {
            b'"' => {
                let (text, rest) = basic_string(at)?;
                Some((Value::Text(text), rest))
            }
            b'[' => {
                let (list, rest) = list(at)?;
                Some((Value::List(list), rest))
            }
            b'0'..=b'9' => {
                let end = at
                    .bytes()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(at.len());
                let (digits, rest) = at.split_at(end);
                // Plain decimal only: TOML refuses a leading zero, and `_`, `+`, `0x`,
                // a fraction or an exponent stop here with what follows not a comment.
                if digits.len() > 1 && digits.starts_with('0') {
                    return None;
                }
                Some((Value::Number(digits.parse().ok()?), rest))
            }
            _ => None,
        }
    }

    fn text(self) -> Option<Cow<'a, str>> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    fn number(self) -> Option<u16> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    fn list(self) -> Option<Vec<String>> {
        match self {
            Value::List(list) => Some(list),
            _ => None,
        }
    }
}

/// A one-line list of basic strings (`["a", "b"]`, a trailing comma allowed), and what
/// follows it.
fn list(at: &str) -> Option<(Vec<String>, &str)> {
    let mut rest = at.strip_prefix('[')?;
    let mut items = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        if let Some(after) = rest.strip_prefix(']') {
            return Some((items, after));
        }
        let (item, after) = basic_string(rest)?;
        items.push(item.into_owned());
        rest = after.trim_start_matches([' ', '\t']);
        match rest.strip_prefix(',') {
            Some(after) => rest = after,
            None => return Some((items, rest.strip_prefix(']')?)),
        }
    }
}

/// A one-line basic string at the start of `at` (its opening quote), and what follows
/// its closing quote. Borrowed when it has no escape.
fn basic_string(at: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = at.strip_prefix('"')?;
    // `"""` opens a multi-line string (and `""` followed by `"` is not a plain value).
    if body.starts_with("\"\"") {
        return None;
    }
    let bytes = body.as_bytes();
    let mut owned: Option<String> = None;
    let (mut at, mut copied) = (0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let text = match owned {
                    None => Cow::Borrowed(body.get(..at)?),
                    Some(mut s) => {
                        s.push_str(body.get(copied..at)?);
                        Cow::Owned(s)
                    }
                };
                return Some((text, body.get(at + 1..)?));
            }
            b'\\' => {
                let s = owned.get_or_insert_with(String::new);
                s.push_str(body.get(copied..at)?);
                let (c, len) = escape(body.get(at + 1..)?)?;
                s.push(c);
                at += 1 + len;
                copied = at;
            }
            b'\t' => at += 1,
            b if b.is_ascii_control() => return None,
            _ => at += 1,
        }
    }
    None
}

/// The character an escape stands for (what follows its backslash), and the length of
/// what follows the backslash. TOML 1.0's escapes only; any other is the TOML reader's.
fn escape(after: &str) -> Option<(char, usize)> {
    let simple = match after.as_bytes().first()? {
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'"' => '"',
        b'\\' => '\\',
        b'u' => return Some((hex(after.get(1..5)?)?, 5)),
        b'U' => return Some((hex(after.get(1..9)?)?, 9)),
        _ => return None,
    };
    Some((simple, 1))
}

/// The character of the Unicode scalar value written in `digits` (hexadecimal).
fn hex(digits: &str) -> Option<char> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

#[cfg(test)]
mod tests;
