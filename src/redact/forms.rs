//! The forms a credential takes besides `key: value`: key blocks, token syntaxes,
//! authentication schemes, URL user info, command line options, SDK calls, HAR
//! name/value pairs, and base64 wrapped over several lines.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::names::{is_secret_header, is_secret_name, looks_like_a_credential, parts};
use super::rules::rules;
use super::scan::{
    Value, bare_end, escaped_line_end, line_end, opening, skip_blanks, skip_folds, string_end,
    value_at,
};
use crate::pattern::re;

/// What follows a key block's begin marker when its end marker is missing (the key was
/// cut off): base64, line breaks, escaped line breaks, armor headers.
static KEY_BODY: LazyLock<Regex> = LazyLock::new(|| re(r"\A(?:[A-Za-z0-9+/=:, \t\r\n-]|\\+[nr])*"));
/// A run of base64 no word of a sentence is.
static KEY_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"[A-Za-z0-9+/=]{16,}"));
/// `scheme://user:password@host`.
static USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?i)\b[a-z][a-z0-9+.-]*://(?P<user>[^\s/:@'"<>\\]*)(?::(?P<pass>[^\s/@'"<>\\]*))?@"#)
});
/// A command line option and the start of its value.
static FLAG: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?:^|[\s'"])(?P<flag>--?[A-Za-z][A-Za-z0-9-]*)[ \t]+"#));
/// A call: `name(`.
static CALL: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\("));
/// A name/value object with the name first: HAR headers, cookies and query strings,
/// Postman variables, ECS environments (`{"name": "X", "value": "..."}`).
static NAME_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)\\*["'](?:name|key|header)\\*["']\s*:\s*\\*["'](?P<name>[^"'\\\r\n]{1,200})\\*["']\s*,\s*\\*["']value\\*["']\s*:\s*"#,
    )
});
/// The same object with the value first.
static VALUE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)\\*"value\\*"\s*:\s*(?P<value>\\*"[^"\r\n]*?")\s*,\s*\\*"(?:name|key|header)\\*"\s*:\s*\\*"(?P<name>[^"\\\r\n]{1,200})\\*""#,
    )
});
/// A Kubernetes or compose environment entry: `- name: DB_PASSWORD` then `value: ...`.
static YAML_ENV: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?m)^[ \t]*-?[ \t]*name:[ \t]*["']?(?P<name>[A-Za-z0-9_.-]+)["']?[ \t]*\r*\n[ \t]*value:[ \t]*"#,
    )
});
/// An XML element (`<password>...</password>`) and a config entry
/// (`<add key="Password" value="..."/>`).
static XML_ELEMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"<(?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)>(?P<value>[^<\r\n]+)</"));
/// An element named for a secret that holds it in an attribute: `<token value="…"/>`.
static XML_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"<(?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)\s+(?:[^<>\r\n]*?\s)?value\s*=\s*"#)
});
static XML_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?i)\b(?:name|key)\s*=\s*\\*["'](?P<name>[^"'\\\r\n]{1,200})\\*["']\s+value\s*=\s*"#)
});
/// A CSV header line naming its columns (`User Name,Access Key Id,Secret Access Key`):
/// a whole line (indented, quoted in a transcript), after a label (`sent: User Name,...`),
/// or the start of a string (`"body":"User Name,...`), never the end of a sentence
/// ("checked secret,abc" is no header, and the line under it no row).
static CSV_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?m)(?:^[ \t>]*|:[ \t]*(?:\\*["'])?|[=(\[,{][ \t]*\\*["'])(?P<cells>[A-Za-z][A-Za-z0-9 _-]*(?:,[A-Za-z][A-Za-z0-9 _-]*)+)\r*$"#,
    )
});
/// A HAR `cookies` array: every value in it is a cookie.
static COOKIES: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\\*"cookies\\*"\s*:\s*\["#));
static VALUE_KEY: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\\*"value\\*"\s*:\s*"#));

/// Between a block's markers; to the end of the key material when the end is missing.
pub(crate) fn blocks(text: &str, spans: &mut Vec<Range<usize>>) {
    for block in &rules().blocks {
        for begin in block.begin.find_iter(text) {
            let start = begin.end();
            // An end after another begin closes that one: this block was cut off.
            let next_begin = block
                .begin
                .find_at(text, start)
                .map_or(text.len(), |m| m.start());
            let end = match block
                .end
                .find_at(text, start)
                .filter(|e| e.start() < next_begin)
            {
                Some(end) => end.start(),
                None => {
                    // Cut off: the key material after the marker, if there is any (a
                    // sentence that names the marker has none).
                    let rest = text.get(start..).unwrap_or_default();
                    let body = KEY_BODY.find(rest).map_or("", |m| m.as_str()).trim_end();
                    if !KEY_RUN.is_match(body) {
                        continue;
                    }
                    start + body.len()
                }
            };
            spans.push(start..end);
        }
    }
}

/// Token syntaxes, wherever they stand.
pub(crate) fn tokens(text: &str, spans: &mut Vec<Range<usize>>) {
    spans.extend(rules().tokens.find_iter(text).map(|m| m.range()));
}

/// Words that are one credential together (an IAM AK beside its SK): each named part.
pub(crate) fn together(text: &str, spans: &mut Vec<Range<usize>>) {
    for pattern in &rules().together {
        for c in pattern.captures_iter(text) {
            let named = pattern.capture_names().flatten();
            spans.extend(named.filter_map(|n| c.name(n)).map(|m| m.range()));
        }
    }
}

/// `Bearer <credential>` and `Digest name="value", ...` anywhere.
pub(crate) fn schemes(text: &str, spans: &mut Vec<Range<usize>>) {
    let r = rules();
    for c in r.scheme.captures_iter(text) {
        // `token_type=bearer expires_in=3600`: a `name=value` is not a credential (base64
        // padding at its end is).
        if let Some(cred) = c.name("cred")
            && looks_like_a_credential(cred.as_str())
            && !cred.as_str().trim_end_matches('=').contains('=')
        {
            spans.push(cred.range());
        }
    }
    for m in r.param_scheme.find_iter(text) {
        params(text, m.end(), spans);
    }
}

/// Where the parameters of a scheme that takes `name=value` parameters begin, when
/// `value` (a header's value) opens with one (`Digest username="u", …`).
pub(super) fn params_start(value: &str) -> Option<usize> {
    let m = rules().param_scheme.find(value)?;
    (m.start() == 0).then_some(m.end())
}

/// `name=value, name="value", ...` after a scheme: every value but the kept ones. Returns
/// where the parameters end (the first thing that is not one).
pub(super) fn params(text: &str, mut pos: usize, spans: &mut Vec<Range<usize>>) -> usize {
    let b = text.as_bytes();
    loop {
        let name_end = (pos..b.len())
            .find(|&i| {
                !b.get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
            })
            .unwrap_or(b.len());
        let eq = skip_blanks(b, name_end);
        if name_end == pos || b.get(eq) != Some(&b'=') {
            return pos;
        }
        let name = text
            .get(pos..name_end)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let at = skip_blanks(b, eq + 1);
        let (range, end) = match value_at(text, at) {
            Value::Quoted { inner, tail } => {
                let end = tail
                    .as_ref()
                    .map_or_else(|| past_quote(b, inner.end), |t| t.end);
                (inner, end)
            }
            Value::Bare(_) => {
                // `host;x-sdk-date` is one value; the quote that closes the string the
                // header is written in (a HAR's `"value"`) ends it.
                let end = (at..b.len())
                    .find(|&i| {
                        b.get(i)
                            .is_none_or(|c| c.is_ascii_whitespace() || b",\"'`\\".contains(c))
                    })
                    .unwrap_or(b.len());
                (at..end, end)
            }
            _ => return pos,
        };
        if !rules().keep_params.contains(&name) {
            spans.push(range);
        }
        // A folded header goes on under its first line (`Access=…,` then `   Signature=…`).
        let after = skip_folds(b, end.min(b.len()));
        if b.get(after) != Some(&b',') {
            return skip_blanks(b, end.min(b.len()));
        }
        pos = skip_folds(b, after + 1);
    }
}

/// Past the closing quote at `at`, escaped (`\"`, inside a JSON string) or not: the next
/// parameter of an escaped `Digest` header starts after it.
fn past_quote(b: &[u8], mut at: usize) -> usize {
    while b.get(at) == Some(&b'\\') {
        at += 1;
    }
    at + usize::from(matches!(b.get(at), Some(b'"' | b'\'')))
}

/// The password of `scheme://user:password@host`, or a credential standing as the user.
pub(crate) fn userinfo(text: &str, spans: &mut Vec<Range<usize>>) {
    for c in USERINFO.captures_iter(text) {
        match (c.name("user"), c.name("pass")) {
            (_, Some(pass)) if !pass.is_empty() => spans.push(pass.range()),
            (Some(user), _) if looks_like_a_credential(user.as_str()) => spans.push(user.range()),
            _ => {}
        }
    }
}

/// `curl -u user:password`, `-b 'cookies'`, `--password secret`, `--client-secret "x"`.
pub(crate) fn flags(text: &str, spans: &mut Vec<Range<usize>>) {
    let r = rules();
    let b = text.as_bytes();
    let mut from = 0;
    // Each search starts at the option's end: the blank after it may open the next one
    // (`curl -s -u user:pass`).
    while let Some(c) = FLAG.captures_at(text, from) {
        let (Some(flag), Some(all)) = (c.name("flag"), c.get(0)) else {
            break;
        };
        from = flag.end();
        let at = all.end();
        if b.get(at) == Some(&b'-') {
            continue;
        }
        let name = flag.as_str();
        let value = value_at(text, at).ranges();
        if r.user_password_flags.contains(name) {
            for v in value {
                let colon = (v.start..v.end).find(|&i| b.get(i) == Some(&b':'));
                if let Some(colon) = colon.filter(|&c| c + 1 < v.end) {
                    spans.push(colon + 1..v.end);
                } else if colon.is_some_and(|c| c + 1 == v.end) && opening(b, v.end).is_some() {
                    // `-u admin:'pa ss'`: the password quoted after the user.
                    spans.extend(value_at(text, v.end).ranges());
                }
            }
        } else if r.whole_value_flags.contains(name)
            || r.credential_flags.contains(name)
            || is_secret_name(name)
        {
            // "With --password the tool asks": a word of a sentence is not a value.
            let quoted = opening(b, at).is_some();
            let word = text.get(at..bare_end(b, at)).unwrap_or_default();
            let loose = r.credential_flags.contains(name) && !quoted;
            if (quoted || word.contains('=') || looks_like_a_credential(word))
                && (!loose || looks_like_a_credential(word))
            {
                spans.extend(value);
            }
        }
    }
    for c in r.glued.captures_iter(text) {
        if let Some(v) = c.name("value")
            && looks_like_a_credential(v.as_str())
        {
            spans.push(v.range());
        }
    }
}

/// A word of running text that names a credential.
static PROSE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<name>[A-Za-z][A-Za-z0-9_.-]{1,40})(?P<gap>[ \t|]+(?:(?:is|was|=|:)[ \t]+)?|,[ \t]*)")
});

/// A name then a credential-looking word, in running text (`their SK So08…`, netrc's
/// `password 19RZ…`, `invalid api key '9SJV…'`, `the secret is …`, a CSV row of key and
/// value `secret,LEAK…`): the word goes. A
/// name of two words is read with the word before it (`api key`).
pub(crate) fn prose_names(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let r = rules();
    let mut from = 0;
    let mut previous: Option<Range<usize>> = None;
    while let Some(c) = PROSE_NAME.captures_at(text, from) {
        let (Some(name), Some(gap)) = (c.name("name"), c.name("gap")) else {
            break;
        };
        from = name.end();
        let pair_start = previous
            .as_ref()
            .filter(|p| {
                text.get(p.end..name.start())
                    .is_some_and(|g| g.trim().is_empty())
            })
            .map(|p| p.start);
        previous = Some(name.range());
        // The value first: most words are followed by no credential-looking word, and
        // that is the cheaper test.
        let at = gap.end();
        let value = value_at(text, at).ranges();
        let word = text.get(at..bare_end(b, at)).unwrap_or_default();
        let inner = value
            .first()
            .and_then(|v| text.get(v.clone()))
            .unwrap_or(word);
        // The next field (`token_type=bearer expires_in=3600`) is no value of this name,
        // nor is code (`secret = SecretBuilder(…)`: `key_values` reads its arguments).
        let field = inner.trim_end_matches('=').contains('=');
        if inner.len() < 8 || field || code_at(text, at).is_some() {
            continue;
        }
        // A path segment (`POST /oauth/token HTTP/1.1`) names no value.
        let boundary = name.start() == 0
            || b.get(name.start() - 1)
                .is_some_and(|c| !c.is_ascii_alphanumeric() && *c != b'/');
        let named = |n: &str| is_secret_name(n) && !r.prose_unless.contains(&parts(n).concat());
        // Two words name it only as one of the pairs (`api key`), never a word before a
        // name of evidence (`the AK …`).
        let pair = pair_start
            .and_then(|p| text.get(p..name.end()))
            .filter(|p| {
                let words = parts(p);
                words.len() == 2
                    && r.pairs
                        .iter()
                        .any(|[a, z]| *a == words[0] && *z == words[1])
            });
        if boundary
            && (named(name.as_str()) || pair.is_some_and(named))
            && looks_like_a_credential(inner)
        {
            spans.extend(value);
        }
    }
}

/// SDK calls: `BasicCredentials("AK", "SK", id)` loses every quoted argument,
/// `.withSk("...")` / `setSecret(\"...\")` its first, `put("X-Auth-Token", "...")` the
/// one after a secret name.
pub(crate) fn calls(text: &str, spans: &mut Vec<Range<usize>>) {
    let r = rules();
    for c in CALL.captures_iter(text) {
        let (Some(name), Some(all)) = (c.name("name"), c.get(0)) else {
            continue;
        };
        let args = quoted_arguments(text, all.end());
        if args.is_empty() {
            continue;
        }
        let name = name.as_str();
        if r.encoder_calls.contains(&name.to_ascii_lowercase()) {
            user_password_argument(text, args.first(), spans);
            continue;
        }
        // `Credentials.basic(`: the object's name counts with the method's.
        let owner = owner_name(text, c.name("name").map_or(0, |n| n.start()));
        if parts(name)
            .iter()
            .chain(&parts(owner))
            .any(|p| r.constructor_parts.contains(p))
        {
            constructor_arguments(text, &args, spans);
            continue;
        }
        if is_secret_name(without_setter(name))
            && let Some(Some(first)) = args.first()
        {
            spans.push(first.clone());
        }
        for pair in args.windows(2) {
            if let [Some(key), Some(value)] = pair
                && text.get(key.clone()).is_some_and(is_secret_name)
            {
                spans.push(value.clone());
            }
        }
    }
}

/// The name before `.` at `at` (`Credentials` of `Credentials.basic(`), or nothing.
fn owner_name(text: &str, at: usize) -> &str {
    let Some(head) = text.get(..at).and_then(|h| h.strip_suffix('.')) else {
        return "";
    };
    let start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    head.get(start..).unwrap_or_default()
}

/// The quoted arguments of a credential constructor: all of them, but a first one that
/// reads as a user name when more follow (`HTTPBasicAuth('ops', '…')`,
/// `SetBasicAuth("ops", "…")`): the user is evidence, the password goes. A first
/// argument that reads as a credential (`BasicCredentials("HPUA…", "…")`) goes too.
fn constructor_arguments(text: &str, args: &[Option<Range<usize>>], spans: &mut Vec<Range<usize>>) {
    let quoted: Vec<&Range<usize>> = args.iter().flatten().collect();
    for (i, a) in quoted.iter().enumerate() {
        let user = i == 0
            && quoted.len() >= 2
            && text
                .get((*a).clone())
                .is_some_and(|u| !u.is_empty() && !looks_like_a_credential(u) && !u.contains(' '));
        if !user {
            spans.push((*a).clone());
        }
    }
}

/// What follows the first `:` of a quoted `user:password` argument.
fn user_password_argument(
    text: &str,
    arg: Option<&Option<Range<usize>>>,
    spans: &mut Vec<Range<usize>>,
) {
    let Some(Some(a)) = arg else {
        return;
    };
    if let Some(colon) = text.get(a.clone()).and_then(|v| v.find(':'))
        && a.start + colon + 1 < a.end
    {
        spans.push(a.start + colon + 1..a.end);
    }
}

/// Code where a value would stand: `new X(`, `os.getenv(`, `os.environ[`,
/// `BasicCredentials(`, `.withAk(`.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\A(?P<new>new[ \t]+)?\.?(?P<name>[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*)[ \t]*[(\[]",
    )
});

/// Where the arguments begin when what stands at `at` is a call or an index in code
/// rather than a secret written as it is: after `new`, a dotted name (`os.getenv(`,
/// `basic.NewCredentialsBuilder(`), a method (`.withAk(`), or a credential constructor
/// or setter (`BasicCredentials(`, `withSk(`). Its name is what an engineer reads.
pub(crate) fn code_at(text: &str, at: usize) -> Option<usize> {
    let c = CODE.captures(text.get(at..)?)?;
    let name = c.name("name")?.as_str();
    let args = at + c.get(0).map_or(0, |m| m.end());
    let r = rules();
    let words = parts(name);
    // Any other name of two words or more (`SecretBuilder("…")`, `newClient()`) when its
    // call closes on the line and is given strings or nothing: `MyPass(2024)` and
    // `Pa55(word)` may be passwords.
    let closed_call = || {
        words.len() >= 2
            && call_end(text.as_bytes(), args).is_some_and(|end| {
                end == args || text.get(args..end).is_some_and(|a| a.contains(['"', '\'']))
            })
    };
    let code = c.name("new").is_some()
        || text.get(at..)?.starts_with('.')
        || name.contains('.')
        || words.iter().any(|p| r.constructor_parts.contains(p))
        || words.first().is_some_and(|p| r.code_verbs.contains(p))
        || without_setter(name) != name
        || closed_call();
    code.then_some(args)
}

/// The closing bracket of a call or index whose inside starts at `at`, on its line.
fn call_end(b: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    (at..line_end(b, at)).find(|&i| match b.get(i) {
        Some(b'(' | b'[') => {
            depth += 1;
            false
        }
        Some(b')' | b']') if depth == 0 => true,
        Some(b')' | b']') => {
            depth -= 1;
            false
        }
        _ => false,
    })
}

/// The words given to a call (from `at` to its closing bracket, or the end of its line)
/// that read as credentials: `BasicCredentials(HPUA…, os.environ["SK"])` loses the key,
/// keeps the code.
pub(crate) fn credential_arguments(text: &str, at: usize, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let end = call_end(b, at).unwrap_or_else(|| line_end(b, at));
    let word = |c: &u8| c.is_ascii_alphanumeric() || b"+/=_.~-".contains(c);
    let mut pos = at;
    while pos < end {
        let len = b
            .get(pos..end)
            .map_or(0, |rest| rest.iter().take_while(|c| word(c)).count());
        if len == 0 {
            pos += 1;
            continue;
        }
        if text
            .get(pos..pos + len)
            .is_some_and(looks_like_a_credential)
        {
            spans.push(pos..pos + len);
        }
        pos += len;
    }
}

/// A method name without `with`, `set`, `put`...: `withAk` -> `Ak`.
fn without_setter(name: &str) -> &str {
    for prefix in &rules().setter_prefixes {
        if let Some(head) = name.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            let rest = name.get(prefix.len()..).unwrap_or_default();
            if rest.starts_with(|c: char| c.is_ascii_uppercase() || c == '_') {
                return rest;
            }
        }
    }
    name
}

/// The arguments of a call on its line: the inside of each quoted one, None for others.
fn quoted_arguments(text: &str, mut pos: usize) -> Vec<Option<Range<usize>>> {
    let b = text.as_bytes();
    // `.withSk(` alone on its line, its argument on the next.
    if skip_blanks(b, pos) == line_end(b, pos) {
        pos = skip_blanks_and_breaks(b, pos);
    }
    let end = line_end(b, pos);
    let mut args = Vec::new();
    while pos < end && args.len() < 16 {
        pos = skip_blanks(b, pos);
        let next = if opening(b, pos).is_some() {
            match value_at(text, pos) {
                Value::Quoted { inner, .. } => {
                    let after = inner.end + 1 + (inner.start - pos - 1);
                    args.push(Some(inner));
                    after
                }
                _ => return args,
            }
        } else {
            args.push(None);
            bare_end(b, pos).max(pos + 1)
        };
        pos = skip_blanks(b, next.min(end));
        match b.get(pos) {
            Some(b',') => pos += 1,
            _ => break,
        }
    }
    args
}

/// Past blanks and line breaks at `pos`.
fn skip_blanks_and_breaks(b: &[u8], mut pos: usize) -> usize {
    while b.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// Name/value objects and environment entries with a secret name; HAR cookie arrays.
pub(crate) fn name_values(text: &str, spans: &mut Vec<Range<usize>>) {
    for c in NAME_VALUE
        .captures_iter(text)
        .chain(YAML_ENV.captures_iter(text))
    {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && names_a_secret(name.as_str())
        {
            named_value(text, name.as_str(), all.end(), spans);
        }
    }
    for c in VALUE_NAME.captures_iter(text) {
        if let (Some(name), Some(value)) = (c.name("name"), c.name("value"))
            && is_secret_name(name.as_str())
        {
            named_value(text, name.as_str(), value.start(), spans);
        }
    }
    for c in XML_ELEMENT.captures_iter(text) {
        if let (Some(name), Some(value)) = (c.name("name"), c.name("value"))
            && is_secret_name(name.as_str())
        {
            spans.push(value.range());
        }
    }
    for c in XML_ATTRIBUTE.captures_iter(text) {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && is_secret_name(name.as_str())
        {
            // The attribute's own quotes: what follows them (`/>`) is markup.
            match value_at(text, all.end()) {
                Value::Quoted { inner, .. } if !inner.is_empty() => spans.push(inner),
                Value::Bare(r) => spans.push(r),
                _ => {}
            }
        }
    }
    for c in XML_ENTRY.captures_iter(text) {
        if let (Some(name), Some(all)) = (c.name("name"), c.get(0))
            && is_secret_name(name.as_str())
        {
            spans.extend(value_at(text, all.end()).ranges());
        }
    }
    let b = text.as_bytes();
    for m in COOKIES.find_iter(text) {
        let end = (m.end()..b.len())
            .find(|&i| b.get(i) == Some(&b']'))
            .unwrap_or(b.len());
        let inside = text.get(m.end()..end).unwrap_or_default();
        for v in VALUE_KEY.find_iter(inside) {
            spans.extend(value_at(text, m.end() + v.end()).ranges());
        }
    }
}

/// The name of a name/value object names a secret. Postman's API-key auth is written as
/// such objects: `{"key": "value", "value": "<the key>"}` holds the secret,
/// `{"key": "key", "value": "X-Api-Key"}` the header's name, which stays.
fn names_a_secret(name: &str) -> bool {
    name.eq_ignore_ascii_case("value")
        || (!name.eq_ignore_ascii_case("key") && is_secret_name(name))
}

/// The value at `at` of a name/value pair named `name`. A header's value (a HAR
/// `Authorization`, a YAML `value: Bearer …`) is the rest of its line when bare, and a
/// signing scheme's keeps its scheme and its kept parameters (`SignedHeaders`), as on a
/// header line.
fn named_value(text: &str, name: &str, at: usize, spans: &mut Vec<Range<usize>>) {
    if !is_secret_header(name) {
        spans.extend(value_at(text, at).ranges());
        return;
    }
    let b = text.as_bytes();
    let (range, tail) = match value_at(text, at) {
        Value::Quoted { inner, tail } => (inner, tail),
        Value::Bare(r) => {
            // To the end of the line, or of the JSON string the line is written in.
            let end = string_end(b, r.start, escaped_line_end(b, r.start));
            let line = text.get(r.start..end).unwrap_or_default();
            (r.start..r.start + line.trim_end().len(), None)
        }
        other => {
            spans.extend(other.ranges());
            return;
        }
    };
    match text.get(range.clone()).and_then(params_start) {
        Some(start) => {
            params(text, range.start + start, spans);
        }
        None => spans.push(range),
    }
    spans.extend(tail);
}

/// Base64 wrapped over lines (an IAM token at 64 columns): a redacted value that fills
/// its line to the end takes the lines after it that are base64 alone, and the base64 that
/// opens the next line when a quote, comma or space closes it (the last line of a token
/// in a JSON string).
pub(crate) fn wrapped(text: &str, spans: &mut [Range<usize>]) {
    let b = text.as_bytes();
    let base64 = |c: &u8| c.is_ascii_alphanumeric() || b"+/=_-".contains(c);
    for span in spans.iter_mut() {
        let line_from = (span.start..span.end)
            .rev()
            .find(|&i| matches!(b.get(i), Some(b'\n' | b'\r')))
            .map_or(span.start, |i| i + 1);
        let last = b.get(line_from..span.end).unwrap_or_default();
        // The line is full (wrapped at 64 or 76 columns, header name included).
        let width = span.end - super::scan::line_start(b, span.end);
        if width < 60
            || last.len() < 16
            || !last.iter().all(base64)
            || line_end(b, span.end) != span.end
        {
            continue;
        }
        let head = b
            .get(super::scan::line_start(b, span.end)..line_from)
            .unwrap_or_default();
        let quoted = head.contains(&b'>') && head.iter().all(|c| b"> \t".contains(c));
        // A line of a token reads as one: no `key=value` (`always-auth=true`), no plain
        // word (`region = eu-de`); only the last line is shorter than the others.
        let piece = |run: &[u8]| {
            let word = std::str::from_utf8(run).unwrap_or_default();
            !word.trim_end_matches('=').contains('=')
                && (looks_like_a_credential(word) || word.ends_with('='))
        };
        let mut previous: Option<usize> = None;
        loop {
            let next = (span.end..b.len())
                .find(|&i| b.get(i) != Some(&b'\r'))
                .unwrap_or(b.len());
            if b.get(next) != Some(&b'\n') {
                break;
            }
            let end = line_end(b, next + 1);
            // An e-mail quotes every line of the token as it quoted the first.
            let from = if quoted {
                super::keys::past_quote_marks(b, next + 1)
            } else {
                next + 1
            };
            let line = b.get(from..end).unwrap_or_default();
            let run = line.iter().take_while(|c| base64(c)).count();
            if run == 0 || run > width + 16 || !line.get(..run).is_some_and(piece) {
                break;
            }
            if run < line.len() {
                if line.get(run).is_some_and(|c| b"\"'`,; \t\\".contains(c)) {
                    span.end = from + run;
                }
                break;
            }
            span.end = end;
            // A line shorter than the one before it is the token's last.
            if previous.is_some_and(|p| run * 4 < p * 3) {
                break;
            }
            previous = Some(run);
        }
    }
}

/// CSV with a header line (a credentials file downloaded from a console): the cells under
/// a column named for a secret, in the rows below with as many cells.
pub(crate) fn csv_columns(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    for header in CSV_HEADER
        .captures_iter(text)
        .filter_map(|c| c.name("cells"))
    {
        let names: Vec<&str> = header.as_str().trim_end().split(',').collect();
        let secret: Vec<bool> = names.iter().map(|n| is_secret_name(n.trim())).collect();
        if !secret.contains(&true) {
            continue;
        }
        let mut pos = header.end();
        while let Some(start) = next_line(b, pos) {
            // A row ends with its line, or with the JSON string it is written in.
            let line = line_end(b, start);
            let end = (start..line)
                .find(|&i| matches!(b.get(i), Some(b'"' | b'\\')))
                .unwrap_or(line);
            let cells = cell_ranges(b, start, end);
            if cells.len() != names.len() {
                break;
            }
            for (cell, _) in cells.into_iter().zip(&secret).filter(|(_, s)| **s) {
                spans.push(cell);
            }
            pos = line;
        }
    }
}

/// The start of the line after the line break at `pos`, if there is one.
fn next_line(b: &[u8], mut pos: usize) -> Option<usize> {
    while b.get(pos) == Some(&b'\r') {
        pos += 1;
    }
    (b.get(pos) == Some(&b'\n') && pos + 1 < b.len()).then_some(pos + 1)
}

/// The comma-separated cells of `b[start..end]`.
fn cell_ranges(b: &[u8], start: usize, end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = start;
    for i in start..=end {
        if i == end || b.get(i) == Some(&b',') {
            out.push(from..i);
            from = i + 1;
        }
    }
    out
}
