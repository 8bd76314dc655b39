//! Credentials laid out as cells and pairs rather than `key: value`: Markdown and HTML
//! tables (`| Password | … |`, `<td>Password</td><td>…</td>`), tab-separated lines and
//! files, Python tuples (`('X-Auth-Token', '…')`), an assignment to a subscript
//! (`os.environ["…_SK"] = "…"`) and an XML element holding CDATA.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::names::{is_secret_name, looks_like_a_credential};
use super::scan::{Value, bare_end, line_end, skip_blanks, value_at};
use crate::pattern::re;

/// An HTML cell naming a credential and the cell after it.
static HTML_CELLS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)<(?:td|th|dt)\b[^>\r\n]*>[ \t]*(?P<name>[^<\r\n]{1,60}?)[ \t]*</(?:td|th|dt)>\s*<(?:td|dd)\b[^>\r\n]*>[ \t]*(?P<value>[^<\s]+)[ \t]*</(?:td|dd)>",
    )
});
/// A two-element tuple or list whose first element is a quoted name: `('X-Auth-Token', `.
static TUPLE: LazyLock<Regex> =
    LazyLock::new(|| re(r#"[(\[][ \t]*\\*["'](?P<name>[^"'\\\r\n]{1,200})\\*["'][ \t]*,[ \t]*"#));
/// An assignment to a subscript named by a string: `os.environ["X_SK"] = `.
static SUBSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"\[[ \t]*\\*["'](?P<name>[^"'\\\r\n]{1,200})\\*["'][ \t]*\][ \t]*(?:\+|\|\|)?="#)
});
/// `<password><![CDATA[…]]></password>`.
static CDATA: LazyLock<Regex> = LazyLock::new(|| {
    re(r"<(?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)>[ \t]*<!\[CDATA\[(?P<value>.*?)\]\]>")
});

pub(crate) fn cells_and_pairs(text: &str, spans: &mut Vec<Range<usize>>) {
    html_cells(text, spans);
    separated_cells(text, spans);
    tab_columns(text, spans);
    let b = text.as_bytes();
    for c in TUPLE.captures_iter(text) {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && is_secret_name(name.as_str())
            && let Value::Quoted { inner, tail } = value_at(text, all.end())
        {
            spans.push(inner);
            spans.extend(tail);
        }
    }
    for c in SUBSCRIPT.captures_iter(text) {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && is_secret_name(name.as_str())
            && b.get(all.end()) != Some(&b'=')
        {
            spans.extend(value_at(text, skip_blanks(b, all.end())).ranges());
        }
    }
    for c in CDATA.captures_iter(text) {
        if let (Some(name), Some(value)) = (c.name("name"), c.name("value"))
            && is_secret_name(name.as_str())
            && !value.is_empty()
        {
            spans.push(value.range());
        }
    }
}

/// `<td>Password</td><td>value</td>`: the value goes when it reads as a credential (a
/// table of a manual, `<td>password</td><td>string</td>`, stays).
fn html_cells(text: &str, spans: &mut Vec<Range<usize>>) {
    for c in HTML_CELLS.captures_iter(text) {
        if let (Some(name), Some(value)) = (c.name("name"), c.name("value"))
            && is_secret_name(name.as_str().trim_matches(['*', ':', ' ']))
            && looks_like_a_credential(value.as_str())
        {
            spans.push(value.range());
        }
    }
}

/// A line of cells (`| SK | value |`, `name⇥password⇥…⇥value`): after a cell that names a
/// credential, the next cell that reads as one goes.
fn separated_cells(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut start = 0;
    while start < b.len() {
        let end = line_end(b, start);
        let line = text.get(start..end).unwrap_or_default();
        for sep in ['|', '\t'] {
            if line.contains(sep) {
                line_cells(text, line, start, sep, spans);
            }
        }
        start = end + 1;
    }
}

/// The cells of `line`, which starts at `offset` of `text`. A value is the word its cell
/// opens with: the line may be a JSON string's, its last cell running on past the string.
fn line_cells(text: &str, line: &str, offset: usize, sep: char, spans: &mut Vec<Range<usize>>) {
    let mut named = false;
    let mut pos = 0;
    for cell in line.split(sep) {
        let trimmed = cell.trim_matches([' ', '*', '`']);
        let lead = cell.len() - cell.trim_start_matches([' ', '*', '`']).len();
        let at = offset + pos + lead;
        let word = at..bare_end(text.as_bytes(), at).min(at + trimmed.len());
        if named && text.get(word.clone()).is_some_and(looks_like_a_credential) {
            spans.push(word);
            named = false;
        } else if is_secret_name(trimmed.trim_end_matches(':')) && trimmed.len() <= 40 {
            named = true;
        }
        pos += cell.len() + sep.len_utf8();
    }
}

/// A tab-separated header line naming a credential's column, and the rows under it with as
/// many cells: the cells of that column that read as credentials go (a table of a manual,
/// `password⇥required`, stays).
fn tab_columns(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut start = 0;
    let mut secret: Vec<bool> = Vec::new();
    while start < b.len() {
        let end = line_end(b, start);
        let line = text.get(start..end).unwrap_or_default();
        let mut cells: Vec<&str> = line.split('\t').collect();
        if cells.len() >= 2 && secret.len() == cells.len() {
            let mut pos = start;
            for (cell, s) in cells.iter().zip(&secret) {
                if *s && looks_like_a_credential(cell.trim()) {
                    spans.push(pos..pos + cell.len());
                }
                pos += cell.len() + 1;
            }
        } else {
            secret = Vec::new();
            // A header after a label (`sent: account⇥secret⇥zone`).
            if let Some(first) = cells.first_mut() {
                *first = first.rsplit(": ").next().unwrap_or(first);
            }
            let header = cells.len() >= 2
                && cells.iter().all(|c| {
                    let c = c.trim();
                    !c.is_empty()
                        && c.len() <= 40
                        && c.chars().all(|x| x.is_alphabetic() || " _-".contains(x))
                });
            if header && cells.iter().any(|c| is_secret_name(c.trim())) {
                secret = cells.iter().map(|c| is_secret_name(c.trim())).collect();
            }
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::redact;

    #[test]
    fn cells_lose_the_value_beside_a_credentials_name() {
        for (text, secret) in [
            (
                "| Name | svc |\n| Secret Key | Wq81LmPz0vRt2 |",
                "Wq81LmPz0vRt2",
            ),
            ("<tr><th>API key</th><td>k7Hq2Lm9Rw</td></tr>", "k7Hq2Lm9Rw"),
            ("login\tpasswd\tregion\nsvc\tTr4ilMix88\tap-1", "Tr4ilMix88"),
            (
                "env = [(\"Accept\", \"x\"), (\"Api-Token\", \"Rq7pLw20Xz\")]",
                "Rq7pLw20Xz",
            ),
            ("settings['DB_PASSWORD'] = 'Hq4m#Lp9z'", "Hq4m#Lp9z"),
            ("<secret><![CDATA[Mz8p Qw3r]]></secret>", "Mz8p Qw3r"),
        ] {
            let out = redact(text);
            assert!(!out.contains(secret), "{text} -> {out}");
        }
    }

    #[test]
    fn a_table_of_a_manual_stays() {
        for text in [
            "| Parameter | Type |\n| password | String |",
            "<td>token</td><td>string</td>",
            "name\tpassword\tlength\nuser\trequired\t8",
        ] {
            assert_eq!(redact(text), text);
        }
    }
}
