//! Credentials given to code: SDK constructors and setters, encoders of `user:password`,
//! and the calls and indexes that stand where a value would (`os.getenv(`), which are kept.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::re;
use crate::redact::names::{is_secret_name, looks_like_a_credential, parts};
use crate::redact::rules::rules;
use crate::redact::scan::{Value, bare_end, line_end, opening, skip_blanks, value_at};

/// A call: `name(`.
static CALL: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\("));

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
        // A getter or a prompt (`get_password("svc")`, `getpass("…")`) is given what
        // finds the secret, never the secret.
        let getter = parts(name)
            .first()
            .is_some_and(|p| r.code_verbs.contains(p));
        if is_secret_name(without_setter(name))
            && !getter
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
