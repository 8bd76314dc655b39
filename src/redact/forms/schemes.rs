//! Credentials in command lines and running text: authentication schemes and their
//! parameters, URL user info, command line options, a name then a credential in a sentence.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::calls::code_at;

use crate::pattern::re;
use crate::redact::names::{is_secret_name, looks_like_a_credential, parts};
use crate::redact::rules::rules;
use crate::redact::scan::{Value, bare_end, opening, skip_blanks, skip_folds, value_at};

/// `scheme://user:password@host`.
static USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?i)\b[a-z][a-z0-9+.-]*://(?P<user>[^\s/:@'"<>\\]*)(?::(?P<pass>[^\s/@'"<>\\]*))?@"#)
});
/// A command line option and the start of its value.
static FLAG: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?:^|[\s'"])(?P<flag>--?[A-Za-z][A-Za-z0-9-]*)[ \t]+"#));

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
pub(crate) fn params_start(value: &str) -> Option<usize> {
    let m = rules().param_scheme.find(value)?;
    (m.start() == 0).then_some(m.end())
}

/// `name=value, name="value", ...` after a scheme: every value but the kept ones. Returns
/// where the parameters end (the first thing that is not one).
pub(crate) fn params(text: &str, mut pos: usize, spans: &mut Vec<Range<usize>>) -> usize {
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

/// Punctuation of CJK and full-width text, which ends a word of running text.
const WIDE_PUNCTUATION: &str = "「」『』，。；：、（）【】〈〉《》！？\u{3000}";

/// A name then a credential-looking word, in running text (`their SK So08…`, netrc's
/// `password 19RZ…`, `invalid api key '9SJV…'`, `the secret is …`, a CSV row of key and
/// value `secret,LEAK…`): the word goes. A
/// name of two words is read with the word before it (`api key`).
pub(crate) fn prose_names(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let r = rules();
    let mut from = 0;
    let mut previous: Option<Range<usize>> = None;
    while let Some(c) = r.prose_name.captures_at(text, from) {
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
        // Running text ends a word at CJK and full-width punctuation (`verify signature
        // fail」，請求ID：tw44…`): what follows is the next clause, not the value.
        let (inner, value) = match inner.find(|c| WIDE_PUNCTUATION.contains(c)) {
            Some(cut) => (
                inner.get(..cut).unwrap_or_default(),
                value
                    .first()
                    .map(|v| v.start..v.start + cut)
                    .into_iter()
                    .collect(),
            ),
            None => (inner, value),
        };
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
