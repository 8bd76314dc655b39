//! `key: value` in every syntax a paste carries: headers, JSON (at any level of
//! escaping), Python and Go maps, YAML, INI, env and shell lines, query strings, log
//! fields. A key name takes a value only in key/value syntax: after `=`, after a quoted
//! key, as a quoted value, on a line of its own (a header, YAML), or when the value looks
//! like a credential. The next word of a sentence ("Lack of refresh_token: the client...")
//! is never taken.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

mod lines;

pub(crate) use lines::past_quote_marks;
use lines::{alone_on_next_line, indented_lines, next_line_value};

use super::names::{
    holds_a_credential, is_generic_name, is_secret_header, is_secret_name, looks_like_a_credential,
    looks_like_a_key,
};
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
        let opened = c.name("open").map_or(key.start(), |o| o.start());
        if is_dump_field(text, opened, sep.end()) {
            continue;
        }
        // Markdown's emphasis closing a label (`**Password:** value`); a longer run of
        // stars is a mask (`password: ********`), the value itself.
        let at = skip_blanks(b, sep.end());
        let at = match (b.get(at..at + 2), b.get(at + 2)) {
            (Some(b"**" | b"__"), next) if next != b.get(at) => skip_blanks(b, at + 2),
            _ => at,
        };
        let at = past_inline_tags(text, at);
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

/// A PHP `var_dump` field's name and visibility (`["db_pass":protected]=>`,
/// `["token":"Client":private]=>`): what follows its `:` is no value (`php_dumps` reads
/// the value on the next line).
static DUMP_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\A[^\]\s]{1,100}\][ \t]*=>"#).expect("a fixed pattern"));

fn is_dump_field(text: &str, opened: usize, sep_end: usize) -> bool {
    opened
        .checked_sub(1)
        .is_some_and(|i| text.as_bytes().get(i) == Some(&b'['))
        && text
            .get(sep_end..)
            .is_some_and(|rest| DUMP_FIELD.is_match(rest))
}

/// An HTML tag that marks up a label, not a value.
static INLINE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A</?(?:b|strong|i|em|u|span|code|label|font|small|mark|kbd|tt|p|div|td|th|dt|dd|br)\b[^<>\r\n]{0,200}>[ \t]*")
        .expect("a fixed pattern")
});

/// Past the HTML tags that close a label or open its value (`<b>Password:</b> v`,
/// `<dt>SK:</dt><dd>v`), and the blanks after them.
fn past_inline_tags(text: &str, mut at: usize) -> usize {
    while let Some(m) = text.get(at..).and_then(|rest| INLINE_TAG.find(rest)) {
        at += m.end();
    }
    at
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

/// The value of a secret key: quoted values and lists always; a bare word after `=`, a
/// quoted key or alone on a key's line; else only a word that looks like a credential.
fn plain_value(text: &str, name: &str, at: usize, place: &Place, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    // `password:` alone on its line, or a YAML block scalar (`secret: |`, `key: >-`):
    // the value is the lines indented under it.
    let rest = text.get(at..line_end(b, at)).unwrap_or_default().trim_end();
    if rest.is_empty() || is_block_indicator(rest) {
        let before = spans.len();
        indented_lines(text, at, spans);
        if rest.is_empty() && spans.len() == before && !place.assigns {
            // `Password:` then the password alone on the next line, not indented (an
            // empty `DB_PASSWORD=` takes nothing: the next line is the next entry).
            alone_on_next_line(text, at, is_generic_name(name), spans);
        }
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
    // `key=orderDate`, `{"key": "order-123"}`: a name that is also a word of data takes
    // only a value that reads as a credential beyond doubt.
    let generic = is_generic_name(name);
    let keyed = |r: &Range<usize>| !generic || text.get(r.clone()).is_some_and(looks_like_a_key);
    match value_at(text, at) {
        Value::Bare(r) => {
            let r = past_semicolons(b, r);
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
            let strong = place.assigns || place.quoted_key || alone;
            if keyed(&r) && (strong || looks_like_a_credential(word)) {
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
        value => spans.extend(value.ranges().into_iter().filter(keyed)),
    }
}

/// A bare value with the `;` pieces that continue it (`password=ab;cd`): a piece that is
/// no field of its own (`;Database=x`, a cookie's `; Path=/`) and starts with no blank
/// belongs to the value.
fn past_semicolons(b: &[u8], mut r: Range<usize>) -> Range<usize> {
    while b.get(r.end) == Some(&b';') {
        let next = r.end + 1;
        let end = bare_end(b, next);
        let piece = b.get(next..end).unwrap_or_default();
        let field = piece
            .iter()
            .rposition(|&c| c != b'=')
            .is_some_and(|last| piece.get(..last).is_some_and(|p| p.contains(&b'=')));
        if piece.is_empty() || field {
            break;
        }
        r.end = end;
    }
    r
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

/// A word after a label, taken when it looks like a credential; alone on the next line
/// when the label ends its line (`Secret access key:` then the key).
fn credential_word(text: &str, at: usize, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    if skip_blanks(b, at) == line_end(b, at) {
        alone_on_next_line(text, at, false, spans);
        return;
    }
    let end = bare_end(b, at);
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
