//! `key: value` in every syntax a paste carries: headers, JSON (at any level of
//! escaping), Python and Go maps, YAML, INI, env and shell lines, query strings, log
//! fields. A key name takes a value only in key/value syntax: after `=`, after a quoted
//! key, as a quoted value, on a line of its own (a header, YAML), or when the value looks
//! like a credential. The next word of a sentence ("Lack of refresh_token: the client...")
//! is never taken.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::names::{holds_a_credential, is_secret_header, is_secret_name, looks_like_a_credential};
use super::scan::{
    Value, bare_end, closing, escaped_line_end, line_end, line_start, opening, skip_blanks,
    string_end, value_at,
};

/// A name, perhaps quoted at any level of escaping, then `:`, `=`, `:=` or `=>`.
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?m)(?:^|[^A-Za-z0-9_.$\\"'`]|\\[nrt])(?P<open>\\*["'`])?(?P<key>[A-Za-z0-9_$][A-Za-z0-9_.$-]*)(?P<close>\\*["'`])?(?:\*\*|__)?[ \t]*(?P<sep>:=|=>|:|=)"#,
    )
    .expect("a fixed pattern")
});

/// How a key stands, which decides whether a plain word after it is taken.
struct Place {
    /// `"key":` / `'key':` / `\"key\":`: a map or JSON.
    quoted_key: bool,
    /// `'Key: value'`: a header quoted whole (`curl -H`); the value ends at this quote.
    wrapper: Option<(usize, u8)>,
    /// `=`, `:=`, `=>`: assignment, never prose.
    assigns: bool,
    /// Only indentation or a transcript mark (`>`, `<`, `-`) before the key.
    line_start: bool,
}

pub(crate) fn key_values(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut from = 0;
    // Each search starts at the last separator, which may be the next key's boundary
    // (`$env:API_TOKEN = ...`).
    while let Some(c) = KEY.captures_at(text, from) {
        let (Some(key), Some(sep)) = (c.name("key"), c.name("sep")) else {
            break;
        };
        from = sep.start();
        // `==`, `::`, `:==`: a comparison or a path, not a key.
        if matches!(b.get(sep.end()), Some(b'=' | b':')) {
            continue;
        }
        let place = place(b, &c, key.start(), sep.as_str());
        let name = key.as_str();
        // Markdown's emphasis closing a label (`**Password:** value`); a longer run of
        // stars is a mask (`password: ********`), the value itself.
        let at = skip_blanks(b, sep.end());
        let at = match (b.get(at..at + 2), b.get(at + 2)) {
            (Some(b"**" | b"__"), next) if next != b.get(at) => skip_blanks(b, at + 2),
            _ => at,
        };
        if names_a_key(text, name, at) {
            continue;
        }
        // A header's whole value goes only where a header stands (`Name: value`, on its
        // line, quoted whole by `curl -H`, in a map); after `=` (a query string, a form,
        // `--api-key=`) the value is one word, and the request line's `HTTP/1.1`, status
        // and request id after it stay.
        let header = sep.as_str() == ":" || place.wrapper.is_some();
        if header && (is_secret_header(name) || (place.wrapper.is_some() && is_secret_name(name))) {
            header_value(text, at, &place, spans);
        } else if is_secret_name(name) {
            plain_value(text, name, at, &place, spans);
        } else if sep.as_str() == ":" && !place.quoted_key && phrase_is_secret(text, key.start()) {
            // "Secret Access Key: wJalr...": a label of words takes a credential only.
            credential_word(text, at, spans);
        }
    }
}

/// A field that holds a key's name, not its value: `"key": "X-Api-Key"` and
/// `"key": "value"` (Postman),
/// `<add key="ApiSecret" …/>`, Kubernetes `secretKeyRef: … key: password`. The name stays.
fn names_a_key(text: &str, name: &str, at: usize) -> bool {
    if !name.eq_ignore_ascii_case("key") {
        return false;
    }
    let value = match value_at(text, at) {
        Value::Quoted { inner, .. } | Value::Bare(inner) => text.get(inner).unwrap_or_default(),
        _ => return false,
    };
    let field = ["value", "name", "key", "id", "header", "query"]
        .iter()
        .any(|w| value.eq_ignore_ascii_case(w));
    field || (is_secret_name(value) && !looks_like_a_credential(value))
}

fn place(b: &[u8], c: &Captures<'_>, key_start: usize, sep: &str) -> Place {
    let open = c.name("open");
    let opened = open.map(|o| {
        let n = o.as_str().len() - 1;
        (n, o.as_str().as_bytes().last().copied().unwrap_or(b'"'))
    });
    let start = open.map_or(key_start, |o| o.start());
    Place {
        quoted_key: open.is_some() && c.name("close").is_some(),
        wrapper: opened.filter(|_| c.name("close").is_none()),
        assigns: sep != ":",
        line_start: starts_its_line(b, start),
    }
}

/// Only blanks and list or quote marks stand between `start` and the line break (real
/// or written, `\n`) before it. Read backwards from `start` and stopped at the first
/// other byte, so a key on a 256 KB line costs what it does on a short one.
fn starts_its_line(b: &[u8], start: usize) -> bool {
    let mut i = start.min(b.len());
    while let Some(&c) = i.checked_sub(1).and_then(|j| b.get(j)) {
        if c == b'\n' || c == b'\r' {
            return true;
        }
        if matches!(c, b'n' | b'r') && i >= 2 && b.get(i - 2) == Some(&b'\\') {
            return true;
        }
        if !(c.is_ascii_whitespace() || b"<>-*#+|".contains(&c)) {
            return false;
        }
        i -= 1;
    }
    true
}

/// A header's value: to the closing quote of a header quoted whole, or the value's own
/// quotes or brackets, else to the end of the line. In a sentence it is taken only when it
/// holds a credential ("(Authorization: Bearer ...)" stays).
fn header_value(text: &str, at: usize, place: &Place, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    // `getpass("Password: ")`: the string the name is quoted in closes at once, and
    // there is no value (`'key: 'value'`, a value quoted in its turn, has one).
    if let Some((n, q)) = place.wrapper
        && closing(b, at, n, q).0 == at
        && b.get(at + n + 1)
            .is_none_or(|c| c.is_ascii_whitespace() || b"),;]}".contains(c))
    {
        return;
    }
    let range = if opening(b, at).is_some() || matches!(b.get(at), Some(b'[' | b'(')) {
        spans.extend(value_at(text, at).ranges());
        return;
    } else if let Some((n, q)) = place.wrapper {
        at..closing(b, at, n, q).0
    } else {
        at..string_end(b, at, escaped_line_end(b, at))
    };
    let value = text.get(range.clone()).unwrap_or_default();
    let trimmed = value.trim_end();
    let strong = place.line_start || place.quoted_key || place.wrapper.is_some() || place.assigns;
    let end = range.start + trimmed.len();
    if trimmed.is_empty()
        || super::rules::rules()
            .schemes
            .contains(&trimmed.to_ascii_lowercase())
    {
        // `Authorization: Bearer` with the token on the next line (folded, or after a
        // written `\n`).
        if place.wrapper.is_none() {
            next_line_value(text, end, spans);
        }
        return;
    }
    if trimmed.starts_with(super::REDACTED) && !trimmed.contains(' ') {
        return;
    }
    // The scheme may stand alone on its line, its parameters folded under it.
    let folded = text
        .get(range.start..text.floor_char_boundary(end + 256))
        .unwrap_or(trimmed);
    if let Some(start) = super::forms::params_start(folded) {
        // `Digest username="u", uri="/v1/orders", response="…"`: each parameter's value
        // but the kept ones (the path in `uri` is the request's, and an analysis shows it),
        // and whatever follows them that is not a parameter.
        let stop = super::forms::params(text, range.start + start, spans).min(end);
        if text
            .get(stop..end)
            .is_some_and(|rest| !rest.trim_matches(['"', '\\', ' ']).is_empty())
        {
            spans.push(stop..end);
        }
        return;
    }
    if holds_a_credential(trimmed) || (strong && !is_prose(trimmed)) {
        spans.push(range.start..end);
        // Folded onto the lines under it, when it ends its line (not a JSON string's).
        if skip_blanks(b, end) == line_end(b, end) {
            indented_lines(text, end, spans);
        }
    }
}

/// The credential alone on the line after a header or key whose value is empty or only a
/// scheme (`Authorization: Bearer` then the token, plain, indented or after a written
/// `\n`), and the indented lines that continue it.
fn next_line_value(text: &str, from: usize, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    // A quoted e-mail's marks (`> `, `> > `) open the next line as they opened this one.
    let Some(at) = past_one_line_break(b, from).map(|p| past_quote_marks(b, p)) else {
        return;
    };
    let end = bare_end(b, at);
    if text.get(at..end).is_some_and(looks_like_a_credential) {
        spans.push(at..end);
        indented_lines(text, end, spans);
    }
}

/// Past blanks and e-mail quote marks (`> > `) at `pos`.
pub(crate) fn past_quote_marks(b: &[u8], mut pos: usize) -> usize {
    while matches!(b.get(pos), Some(b' ' | b'\t' | b'>')) {
        pos += 1;
    }
    pos
}

/// Past blanks and one line break, real or written (`\n`, `\r\n` at any escaping), at
/// `pos`; None when there is no line break there.
fn past_one_line_break(b: &[u8], pos: usize) -> Option<usize> {
    let mut pos = skip_blanks(b, pos);
    loop {
        let run = (pos..b.len())
            .take_while(|&i| b.get(i) == Some(&b'\\'))
            .count();
        match (b.get(pos + run), run) {
            (Some(b'\r'), 0) => pos += 1,
            (Some(b'r'), 1..) => pos += run + 1,
            (Some(b'\n'), 0) => return Some(pos + 1),
            (Some(b'n'), 1..) => return Some(pos + run + 1),
            _ => return None,
        }
    }
}

/// The lines under the one ending at `from` that are indented deeper than it and are no
/// `key: value` of their own nor a sentence: a YAML block scalar (`secret: |`), a folded header line
/// (`X-Auth-Token: MIIE…` then ` AQcC…`).
fn indented_lines(text: &str, from: usize, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let indent = |start: usize| skip_blanks(b, start) - start;
    let own = indent(line_start(b, from));
    let mut pos = line_end(b, from);
    let mut taken: Option<Range<usize>> = None;
    while let Some(next) = real_line_after(b, pos) {
        // A line ends at a written line break too, and at the JSON string it is in.
        let end = string_end(b, next, escaped_line_end(b, next));
        let body = text
            .get(skip_blanks(b, next)..end)
            .unwrap_or_default()
            .trim_end();
        let code = super::forms::code_at(text, skip_blanks(b, next)).is_some();
        if body.is_empty() || indent(next) <= own || is_entry(body) || is_sentence(body) || code {
            break;
        }
        let start = skip_blanks(b, next);
        taken = Some(taken.map_or(start, |t| t.start)..start + body.len());
        pos = line_end(b, end);
    }
    spans.extend(taken);
}

/// The start of the line after the line break at `pos` (`\r\n` or `\n`).
fn real_line_after(b: &[u8], mut pos: usize) -> Option<usize> {
    while b.get(pos) == Some(&b'\r') {
        pos += 1;
    }
    (b.get(pos) == Some(&b'\n')).then_some(pos + 1)
}

/// A line that is a `key: value` or a list item of its own, not a value's continuation.
fn is_entry(line: &str) -> bool {
    line.starts_with("- ")
        || line.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"_-.\"'".contains(&c))
        })
}

/// The value of a secret key: quoted values and lists always; a bare word after `=`, a
/// quoted key or alone on a key's line; else only a word that looks like a credential.
fn plain_value(text: &str, name: &str, at: usize, place: &Place, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    // `password:` alone on its line, or a YAML block scalar (`secret: |`, `key: >-`):
    // the value is the lines indented under it.
    let rest = text.get(at..line_end(b, at)).unwrap_or_default().trim_end();
    if rest.is_empty() || is_block_indicator(rest) {
        indented_lines(text, at, spans);
        return;
    }
    // `input("Enter password: ")`: the quote ends the string the name stands in.
    if let Some((n, q)) = opening(b, at)
        && is_unterminated(closing(b, at + n + 1, n, q))
        && b.get(at + n + 1)
            .is_none_or(|c| c.is_ascii_whitespace() || b"),;]}".contains(c))
    {
        return;
    }
    if let Some(args) = super::forms::code_at(text, at) {
        // `auth = BasicCredentials(…)`, `sk = os.getenv("SK")`: the code stays, what it
        // is given goes when it reads as a credential.
        super::forms::credential_arguments(text, args, spans);
        return;
    }
    match value_at(text, at) {
        Value::Bare(r) => {
            let word = text.get(r.clone()).unwrap_or_default();
            if super::rules::rules()
                .schemes
                .contains(&word.to_ascii_lowercase())
            {
                // `Authorization=Bearer x`: the scheme stays, the credential after it goes
                // (`schemes` reads it).
                return;
            }
            let alone = place.line_start && skip_blanks(b, r.end) == line_end(b, r.end);
            if place.assigns || place.quoted_key || alone || looks_like_a_credential(word) {
                spans.push(r);
            }
        }
        Value::List(items) if items.len() == 2 && names_a_login(name) => {
            // `auth=('ops', '…')`: a user name then its password; the user stays.
            let user = items
                .first()
                .and_then(|u| text.get(u.clone()))
                .is_some_and(|u| !looks_like_a_credential(u) && !u.contains(' '));
            spans.extend(items.into_iter().skip(usize::from(user)));
        }
        value => spans.extend(value.ranges()),
    }
}

/// A key that holds a login (`auth`, `credentials`, `basic_auth`): a pair under it is a user
/// and a password.
fn names_a_login(name: &str) -> bool {
    let r = super::rules::rules();
    super::names::parts(name)
        .last()
        .is_some_and(|p| r.constructor_parts.contains(p))
}

/// A string whose closing quote is missing from its line: `closing` gives where its
/// inside ends as where it ends.
fn is_unterminated((inner_end, end): (usize, usize)) -> bool {
    inner_end == end
}

/// `|`, `>`, `|-`, `>+`, ...: a YAML block scalar's header.
fn is_block_indicator(rest: &str) -> bool {
    matches!(rest, "|" | ">" | "|-" | ">-" | "|+" | ">+")
}

/// A word after a label, taken when it looks like a credential.
fn credential_word(text: &str, at: usize, spans: &mut Vec<Range<usize>>) {
    let end = bare_end(text.as_bytes(), at);
    if text.get(at..end).is_some_and(looks_like_a_credential) {
        spans.push(at..end);
    }
}

/// The up to three words before `key_start` on its line, with the key, name a credential
/// ("Secret Access Key", "API key").
fn phrase_is_secret(text: &str, key_start: usize) -> bool {
    let b = text.as_bytes();
    let window = key_start.saturating_sub(40);
    let from = window + line_start(b.get(window..key_start).unwrap_or_default(), key_start);
    let Some(before) = text.get(from..key_start).filter(|b| b.ends_with(' ')) else {
        return false;
    };
    let Some(key_end) = (key_start..b.len()).find(|&i| b.get(i) == Some(&b':')) else {
        return false;
    };
    let words: Vec<&str> = before.split(' ').rev().skip(1).take(3).collect();
    let key = text.get(key_start..key_end).unwrap_or_default();
    (1..=words.len()).any(|n| {
        let taken = words.get(..n).unwrap_or_default();
        taken
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()))
            && {
                let mut phrase: Vec<&str> = taken.iter().rev().copied().collect();
                phrase.push(key);
                is_secret_name(&phrase.join(" "))
            }
    })
}

/// Three words or more, most of them of letters alone: a sentence under a label
/// ("Password:" then "  at least 8 characters, with digits"), not a value.
fn is_sentence(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    let plain = words
        .iter()
        .filter(|w| {
            let w = w.trim_matches(|c: char| ".,;:!?()".contains(c));
            !w.is_empty() && w.chars().all(char::is_alphabetic)
        })
        .count();
    words.len() >= 3 && plain * 3 >= words.len() * 2
}

/// Three words or more of letters alone: a sentence ("Authorization: the header is
/// missing"), never a header's value.
fn is_prose(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    words.len() >= 3
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| ".,;:!?()".contains(c));
            !w.is_empty() && w.chars().all(char::is_alphabetic)
        })
}
