//! Which names hold a credential, and which values look like one.

use super::REDACTED;
use super::rules::rules;

/// The lower-case parts of a name, split at separators and camelCase humps:
/// `AWSAccessKeyId` -> aws, access, key, id; `HUAWEICLOUD_SDK_AK` -> huaweicloud, sdk, ak.
pub(crate) fn parts(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut part = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !part.is_empty() {
                out.push(std::mem::take(&mut part));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let hump = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if hump && !part.is_empty() {
            out.push(std::mem::take(&mut part));
        }
        part.push(c.to_ascii_lowercase());
    }
    if !part.is_empty() {
        out.push(part);
    }
    out
}

/// `name` (a key, header, option, method or phrase) names a credential.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let r = rules();
    if !r.hint.is_match(name) {
        return false;
    }
    let parts = parts(name);
    if r.not_names.contains(&parts.concat()) {
        return false;
    }
    let mut hit = None;
    for (i, part) in parts.iter().enumerate() {
        if r.not_words.contains(part) {
            continue;
        }
        if r.contains.iter().any(|w| part.contains(w.as_str())) {
            hit = Some(i);
        }
        let next = parts.get(i + 1);
        if r.pairs.iter().any(|[a, b]| a == part && next == Some(b)) {
            hit = Some(i + 1);
        }
    }
    if parts
        .last()
        .is_some_and(|p| r.last.contains(p) || ends_glued(p))
    {
        hit = Some(parts.len() - 1);
    }
    let before_last = parts.len().checked_sub(2).and_then(|i| parts.get(i));
    if parts.last().is_some_and(|p| p == "key")
        && before_last.is_none_or(|p| !r.key_last_unless_after.contains(p))
    {
        hit = Some(parts.len() - 1);
    }
    hit.is_some_and(|i| !parts.iter().skip(i + 1).any(|p| r.not_after.contains(p)))
        || r.headers.contains(&name.to_ascii_lowercase())
}

/// A part that ends with a secret word glued to a prefix of letters or digits (`dbpass`,
/// `mysqlpwd`, `8888password`), and is no word of its own (`bypass`) nor a verb of code
/// (`getpass`, `readpwd`, `setpassword`: a function that asks for or sets one).
fn ends_glued(part: &str) -> bool {
    let r = rules();
    let verb = |prefix: &str| {
        r.code_verbs.contains(prefix)
            || r.setter_prefixes
                .iter()
                .any(|p| p.eq_ignore_ascii_case(prefix))
    };
    !r.not_words.contains(part)
        && !r.code_verbs.contains(part)
        && r.last_glued.iter().any(|w| {
            part.len() > w.len()
                && part
                    .strip_suffix(w.as_str())
                    .is_some_and(|prefix| !verb(prefix))
        })
}

/// A name that is also a word of data (`key`, `session`): its value must read as a
/// credential beyond doubt ([`looks_like_a_key`]).
pub(crate) fn is_generic_name(name: &str) -> bool {
    rules().generic_names.contains(&parts(name).concat())
}

/// A value that reads as a credential beyond doubt: a token syntax, a piece mixing letters
/// and digits, or a run as long as a key's (`min_long`). An id made of words and numbers
/// (`order-123`, `orderDate`, `SR-20261207-0042`) is data, though it has digits.
pub(crate) fn looks_like_a_key(value: &str) -> bool {
    if !looks_like_a_credential(value) {
        return false;
    }
    let w = value.trim_matches(|c: char| !c.is_alphanumeric());
    let long = w.chars().count() >= rules().value.min_long;
    let words_and_numbers = w
        .split(|c: char| !c.is_alphanumeric())
        .all(|p| p.chars().all(char::is_alphabetic) || p.chars().all(|c| c.is_ascii_digit()));
    rules().tokens.is_match(w) || long || !words_and_numbers
}

/// A prompt, shown where a secret is asked for (`getpass("Password: ")`, `read -p "SK? "`,
/// `Enter your secret key:`): words that name a secret, ending with `:` or `?`, none of
/// them reading as a credential. It names the secret; it never is one.
pub(crate) fn is_prompt(value: &str) -> bool {
    let Some(words) = value
        .trim_end()
        .strip_suffix([':', '?', '\u{FF1A}', '\u{FF1F}'])
    else {
        return false;
    };
    is_secret_name(words)
        && words
            .split_whitespace()
            .all(|w| !w.contains('=') && !looks_like_a_credential(w))
}

/// A header whose whole value is a credential (`Authorization`, `Cookie`).
pub(crate) fn is_secret_header(name: &str) -> bool {
    rules().headers.contains(&name.to_ascii_lowercase())
}

/// A word reads as a credential rather than as a word of a sentence: a known token
/// syntax, letters with digits, a long run of token characters mixing cases, base64
/// padding. "the", "expired", "missing" never do.
pub(crate) fn looks_like_a_credential(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"', '\\']);
    if w.is_empty() || w.starts_with(REDACTED) {
        return false;
    }
    let r = rules();
    if r.tokens.is_match(w) {
        return true;
    }
    let bare = w.trim_start_matches(['\'', '"', '(', '[']);
    if r.not_values.contains(&bare.to_ascii_lowercase()) || is_placeholder(bare) {
        return false;
    }
    let n = w.chars().count();
    let digits = w.chars().any(|c| c.is_ascii_digit());
    let letters = w.chars().any(|c| c.is_alphabetic());
    let shape = r.value;
    if digits && letters && n >= shape.min_with_digit {
        return true;
    }
    if n >= shape.min_digits && w.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let token_chars = w
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+/=_-.~%".contains(c));
    let mixed =
        w.chars().any(|c| c.is_ascii_uppercase()) && w.chars().any(|c| c.is_ascii_lowercase());
    token_chars
        && ((n >= shape.min_plain && (digits || mixed))
            || (n >= shape.min_long
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)))
            || (n >= 8 && w.ends_with('=')))
}

/// A variable or a template slot standing for a value (`$SK`, `${TOKEN}`, `%PASS%`,
/// `<token>`, `{{api_key}}`, `$(cat key)`): code given as a value, not the secret. A `$`
/// word in lower case (`$ecret1`) may be a password, so `$NAME` is in capitals only.
pub(crate) fn is_placeholder(word: &str) -> bool {
    static SLOT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::re(
            r"\A(?:\$[A-Z_][A-Z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_:.-]*\}|%[A-Za-z_][A-Za-z0-9_]*%|<[A-Za-z_][A-Za-z0-9_ .-]*>|\{\{[ \t]*[A-Za-z_][A-Za-z0-9_.-]*[ \t]*\}\}|\$\([^()]*\))\z",
        )
    });
    // A mask (`********`, `••••••`) is what a form or a log shows instead of a secret.
    let mask = !word.is_empty() && word.chars().all(|c| matches!(c, '*' | '•' | '●'));
    mask || SLOT.is_match(word)
}

/// A value is only placeholders and scheme names (`Bearer <token>`, `$USER`, `'Basic '`
/// before the code that builds the credential): no secret.
pub(crate) fn is_placeholder_value(value: &str) -> bool {
    let r = rules();
    let words: Vec<&str> = value.split_whitespace().collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| is_placeholder(w) || r.schemes.contains(&w.to_ascii_lowercase()))
}

/// Some word of `value` looks like a credential, or it holds `name=value` pairs.
pub(crate) fn holds_a_credential(value: &str) -> bool {
    value.contains('=') || value.split_whitespace().any(looks_like_a_credential)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_parts() {
        assert_eq!(parts("AWSAccessKeyId"), ["aws", "access", "key", "id"]);
        assert_eq!(parts("HUAWEICLOUD_SDK_AK"), ["huaweicloud", "sdk", "ak"]);
        assert_eq!(parts("X-Apig-AppCode"), ["x", "apig", "app", "code"]);
        assert_eq!(parts("\\\"password\\\""), ["password"]);
    }

    #[test]
    fn secret_names_and_names_about_secrets() {
        for name in [
            "DB_PASS",
            "pass",
            "passphrase",
            "OS_PASSWORD",
            "X-Apig-AppCode",
            "appcode",
            "access",
            "secret",
            "securitytoken",
            "AccessKeyId",
            "refresh_token",
            "sig",
            "HUAWEICLOUD_SDK_SK",
            "x-subject-token",
            "Cookie",
            "client_secret",
            "api_key",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "token_type",
            "password_policy",
            "expires_at",
            "request_id",
            "max_tokens",
            "access_log",
            "auth_type",
            "username",
            "grant_type",
            "error_msg",
            "X-Request-Id",
            "signature_method",
            "secret_name",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn words_of_a_sentence_do_not_look_like_credentials() {
        for word in [
            "the",
            "expired",
            "missing",
            "Bearer",
            "...).",
            "authentication",
        ] {
            assert!(!looks_like_a_credential(word), "{word}");
        }
        for word in [
            "s3cretPw",
            "123456",
            "dXNlcjpwYXNzd29yZA==",
            "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
        ] {
            assert!(looks_like_a_credential(word), "{word}");
        }
    }
}
