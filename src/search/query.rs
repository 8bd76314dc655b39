//! Reading a query: its words (codes in any spelling, protocol versions in one written
//! form), how much each weighs, what the support vocabulary says each also means, and the
//! HTTP statuses its wording names ("too many requests" is 429).

use crate::catalog::{code_digits, fold, narrow, normalize_code};
use crate::http_status::reason;

use super::vocabulary::{Opposed, Vocabulary};
use super::words::{cjk_split, is_cjk, protocol_version, trim_token};

/// One word of the query, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    pub(crate) text: String,
    /// `apig.0308`, or the digits alone (`0308`).
    pub(crate) code: Option<String>,
    /// `code` may name a code. A bare number inside a sentence ("accessed 1000 times a
    /// day") is a count, or with three digits a status, unless written like a code
    /// (`APIG.1000`, `0308`, "code 1000"): see [`written_as_code`].
    pub(crate) as_code: bool,
    /// A three-digit `text` is the HTTP status: alone, or in a sentence only when written
    /// like one ("returns 504", "HTTP 504", "504s"): see [`written_as_status`].
    pub(crate) as_status: bool,
    /// A meaningful word, not a stopword: only these decide "matches every word".
    pub(crate) meaningful: bool,
    /// Says only that something went wrong ("failed", `失败`): what the word itself matches
    /// weighs as a stopword (the "failed" of "Backend signature calculation failed." is
    /// no reason to prefer that row for "signature failed"); what a phrase it is part of
    /// means weighs in full.
    pub(crate) generic: bool,
    /// Generic, and no phrase of the query that says more covers it (`调用失败` alone, not
    /// the `失败` of `域名解析失败`): it never makes a row "match every word".
    pub(crate) vague: bool,
    /// A stopword by itself, meaningful only as a word of a phrase ("not" of "does not
    /// match", "no" of "no response"): what it matches itself weighs as a stopword, as
    /// "not" in a message says nothing of the phrase; what the phrase means weighs in
    /// full. "signature does not match" found the certificate row whose message holds
    /// "does not match" word for word before the rows that verify signatures.
    pub(crate) phrase_only: bool,
    /// Says where the error happens ("release stage", "prod"): a meaningful word that
    /// weighs half, so that what failed ("throttling") decides the row.
    pub(crate) context: bool,
    /// Catalog words the vocabulary says it also means.
    pub(crate) means: Vec<String>,
    /// The phrase of the query those meanings came from.
    pub(crate) via: Option<String>,
    /// The phrase of the query each of `means` came from, in the same order, for "why".
    pub(crate) means_via: Vec<String>,
    /// The word names a side of an `[[opposite]]` ("whitelist"): a row holding only
    /// another side's words ("blacklist") is not matched by it.
    pub(crate) opposed: Option<Opposed>,
}

/// A parsed query.
#[derive(Debug, Default)]
pub(super) struct Query {
    pub(crate) terms: Vec<Term>,
    /// Statuses whose reason phrase the query contains.
    pub(crate) statuses: Vec<u16>,
    /// Adjacent meaningful words ("access denied"): a row that has them side by side
    /// in its message or keywords matches better than one that has them apart.
    pub(crate) pairs: Vec<String>,
    /// Runs of Chinese characters that no vocabulary phrase, stopword or catalog word
    /// covers (`备案` before it was in the vocabulary): words the customer wrote that
    /// search did not read, so no row matches every word of the query.
    pub(crate) unread: Vec<String>,
    /// The query has Chinese (or other CJK) text.
    pub(crate) chinese: bool,
    /// Chinese of the query read as the vocabulary phrase it is one character from
    /// (written, phrase: `签名错吴` as `签名错误`): a guess, so no row is complete.
    pub(crate) near: Vec<(String, String)>,
}

impl Query {
    /// How many terms count ([`Query::counts`]), and one more per unread run of Chinese
    /// and per phrase read from near characters, which no row matches.
    pub(crate) fn needed(&self) -> usize {
        self.terms.iter().filter(|t| self.counts(t)).count() + self.unread.len() + self.near.len()
    }

    /// Whether a term counts toward [`Query::needed`]: a meaningful word that says what
    /// went wrong; in a query without one (`调用失败`, "api"), the meaningful words (all
    /// words when none is), which then only rank.
    pub(crate) fn counts(&self, term: &Term) -> bool {
        if self.vague() {
            term.meaningful || self.terms.iter().all(|t| !t.meaningful)
        } else {
            specific(term)
        }
    }

    /// No word of the query says what went wrong: it names no row, whatever rows it
    /// matches ("call failed", `调用失败`, "the api"), so none "matches every word".
    pub(crate) fn vague(&self) -> bool {
        !self.terms.is_empty() && !self.terms.iter().any(specific)
    }

    /// How many things the query says that a row's message may say: the terms that
    /// count, those that mean the same catalog words counting once (the pairs of `被限流`
    /// both mean "throttling": one thing, where `名称重复` says a name and a duplicate).
    pub(crate) fn units(&self) -> usize {
        let mut seen: Vec<String> = Vec::new();
        for t in self.terms.iter().filter(|t| self.counts(t)) {
            let unit = if t.means.is_empty() {
                t.text.clone()
            } else {
                let mut means = t.means.clone();
                means.sort_unstable();
                means.join(" ")
            };
            if !seen.contains(&unit) {
                seen.push(unit);
            }
        }
        seen.len()
    }
}

/// A meaningful word that does not only say that something failed.
fn specific(term: &Term) -> bool {
    term.meaningful && !term.vague
}

/// Split into terms; "APIG 0308" is one term, the code APIG.0308, and "TLS 1.1" one
/// term, `tls1.1`.
pub(super) fn parse_query(query: &str, vocabulary: &Vocabulary) -> Query {
    let (words, plural): (Vec<String>, Vec<bool>) = joined_words(&narrow(query))
        .into_iter()
        .map(plural_status)
        .unzip();
    let meanings = vocabulary.meanings(&words);
    let mut terms: Vec<Term> = Vec::new();
    let mut meaningful = Vec::with_capacity(words.len());
    // Two words besides numbers make a sentence: its numbers are counts unless marked.
    let sentence = words.iter().filter(|w| !is_number(w)).nth(1).is_some();
    let mut seen = std::collections::HashSet::new();
    for (i, (text, meaning)) in words.iter().zip(meanings).enumerate() {
        // "code 1000": the word only says what the number is.
        let marker =
            vocabulary.is_code_word(text) && words.get(i + 1).is_some_and(|w| is_number(w));
        let stopword = vocabulary.is_stopword(text);
        let weighs = (meaning.in_phrase || !stopword) && !marker;
        // Pairs side by side are of words that mean something by themselves: "does not"
        // is in any message that says anything is not so.
        meaningful.push(weighs && !stopword);
        let code = code_reading(text);
        let previous = i.checked_sub(1).and_then(|p| words.get(p));
        let as_code = code.as_deref().is_some_and(|c| {
            !sentence || written_as_code(c) || previous.is_some_and(|w| vocabulary.is_code_word(w))
        });
        // A status typed last ("request too large 414") is the status: a count is
        // followed by what it counts.
        let last = i + 1 == words.len() && is_error_status(text);
        // "401 签名错误", "429 when calling": a status opens the sentence (after words
        // that say nothing), unless what follows is what it counts ("500 requests").
        let opens = is_error_status(text)
            && words[..i].iter().all(|w| vocabulary.is_stopword(w))
            && !words
                .get(i + 1)
                .is_some_and(|w| vocabulary.is_count_word(w));
        let as_status =
            !sentence || plural[i] || last || opens || written_as_status(&words, i, vocabulary);
        // A repeated word adds nothing (a set: a pasted paragraph has a thousand words).
        if !seen.insert(text.as_str()) {
            // "1000 times, error 1000": one mark makes it a code (or a status).
            if let Some(t) = terms.iter_mut().find(|t| t.text == *text) {
                t.as_code |= as_code;
                t.as_status |= as_status;
            }
            continue;
        }
        let opposed = vocabulary.opposed(text, meaning.via.as_deref());
        let generic = vocabulary.is_generic(text);
        let vague = generic
            && meaning
                .via
                .as_deref()
                .is_none_or(|v| vocabulary.is_generic(v));
        let (mut means, mut means_via) = (meaning.means, meaning.means_via);
        if let Some((protocol, _)) = protocol_version(text) {
            means.push(protocol.to_string());
            means_via.push(text.clone());
        }
        terms.push(Term {
            code,
            as_code,
            as_status,
            meaningful: weighs,
            generic,
            vague,
            phrase_only: weighs && stopword,
            context: vocabulary.is_context_word(text),
            means,
            via: meaning.via,
            means_via,
            opposed,
            text: text.clone(),
        });
    }
    let pairs = (1..words.len())
        .filter(|&i| meaningful[i - 1] && meaningful[i])
        .map(|i| format!("{} {}", words[i - 1], words[i]))
        .collect();
    Query {
        statuses: statuses_named(&words),
        terms,
        pairs,
        unread: Vec::new(),
        chinese: query.chars().any(is_cjk),
        near: Vec::new(),
    }
}

/// A three-digit error status with a reason phrase (`414`), not any number.
fn is_error_status(word: &str) -> bool {
    word.len() == 3
        && word
            .parse::<u16>()
            .is_ok_and(|s| (400..600).contains(&s) && !reason(s).0.is_empty())
}

/// The runs of Chinese characters of `text` that nothing reads: a character is read
/// when a pair holding it is a vocabulary phrase's (the term has meanings), a stopword
/// or a catalog word (`known`), or when it is a stopword itself (`的`, `了`). What is
/// left (`备案` before the vocabulary had it, `天气`) is a word of the customer's that
/// matched nothing, so the answer must not look sure.
pub(super) fn unread_chinese(
    text: &str,
    query: &Query,
    vocabulary: &Vocabulary,
    known: impl Fn(&str) -> bool,
) -> Vec<String> {
    let folded = fold(&narrow(text));
    let read = |word: &str| {
        vocabulary.is_stopword(word)
            || known(word)
            || query
                .terms
                .iter()
                .any(|t| t.text == word && !t.means.is_empty())
    };
    let mut out: Vec<String> = Vec::new();
    let mut pair = String::with_capacity(8);
    for run in folded.split(|c: char| !is_cjk(c)).filter(|r| !r.is_empty()) {
        let chars: Vec<char> = run.chars().collect();
        let mut covered: Vec<bool> = chars
            .iter()
            .map(|c| {
                let mut one = [0u8; 4];
                let one = c.encode_utf8(&mut one);
                vocabulary.is_stopword(one) || (chars.len() == 1 && read(one))
            })
            .collect();
        for i in 1..chars.len() {
            pair.clear();
            pair.extend([chars[i - 1], chars[i]]);
            if read(&pair) {
                covered[i - 1] = true;
                covered[i] = true;
            }
        }
        let mut span = String::new();
        for (c, &is_read) in chars.iter().zip(&covered) {
            if is_read {
                if !span.is_empty() && !out.contains(&span) {
                    out.push(std::mem::take(&mut span));
                }
                span.clear();
            } else {
                span.push(*c);
            }
        }
        if !span.is_empty() && !out.contains(&span) {
            out.push(span);
        }
    }
    out
}

/// Chinese of `text` (folded) that nothing reads (`unread`), read as the vocabulary's
/// phrase it is one character from: a near character typed by the input method
/// (`签名错吴`, `仿问控制`), one character swapped, or (in a phrase of four characters or
/// more) one left out or added. Phrases of three characters or more only: two
/// characters one off are another word (`超市` is no `超时`). The text with each such
/// stretch replaced, and what was replaced by which phrase; None when nothing is near.
pub(super) fn near_phrases(
    text: &str,
    unread: &[String],
    vocabulary: &Vocabulary,
) -> Option<(String, Vec<(String, String)>)> {
    let mut fixed = text.to_string();
    let mut near: Vec<(String, String)> = Vec::new();
    for span in unread {
        let Some(run) = text
            .split(|c: char| !is_cjk(c))
            .find(|r| r.contains(span.as_str()))
        else {
            continue;
        };
        let chars: Vec<char> = run.chars().collect();
        let span_chars: Vec<char> = span.chars().collect();
        // Where the unread span stands in the run, in chars.
        let Some(at) = (0..chars.len()).find(|&i| chars[i..].starts_with(&span_chars)) else {
            continue;
        };
        // How many unread chars a window of the run holds.
        let unread_in = |start: usize, len: usize| {
            (start..start + len)
                .filter(|i| (at..at + span_chars.len()).contains(i))
                .count()
        };
        // The longest phrase, then the window holding most of what is unread, then one
        // character swapped rather than one left out or added.
        let mut best: Option<((usize, usize, bool), String, String)> = None;
        for phrase in vocabulary.cjk_phrases() {
            let p_len = phrase.chars().count();
            let lens = if p_len >= 4 {
                vec![p_len - 1, p_len, p_len + 1]
            } else {
                vec![p_len]
            };
            for len in lens {
                for start in 0..=chars.len().saturating_sub(len) {
                    let unread = unread_in(start, len);
                    if start + len > chars.len() || unread == 0 {
                        continue;
                    }
                    let window: String = chars[start..start + len].iter().collect();
                    if strsim::damerau_levenshtein(&window, phrase) != 1 {
                        continue;
                    }
                    let rank = (p_len, unread, len == p_len);
                    if best.as_ref().is_none_or(|(r, _, _)| rank > *r) {
                        best = Some((rank, window, phrase.to_string()));
                    }
                }
            }
        }
        if let Some((_, window, phrase)) = best
            && !near.iter().any(|(w, _)| *w == window)
        {
            fixed = fixed.replacen(&window, &phrase, 1);
            near.push((window, phrase));
        }
    }
    (!near.is_empty()).then_some((fixed, near))
}

/// Chinese read in character pairs makes pairs that are no word (`户调` of `客户调用`):
/// a pair no vocabulary phrase covers and no catalog row has (`known`) does not count
/// toward "matches every word", as it cannot match anything. Other unknown words still
/// count: they are words the customer wrote.
pub(super) fn unmean_chance_pairs(query: &mut Query, known: impl Fn(&str) -> bool) {
    for term in &mut query.terms {
        let pair = term.text.chars().count() <= 2 && term.text.chars().all(is_cjk);
        if pair && term.means.is_empty() && !known(&term.text) {
            term.meaningful = false;
        }
    }
}

/// The query's words, folded and trimmed, with a code's prefix joined to its digits and
/// a protocol to its version, each in one written form.
fn joined_words(query: &str) -> Vec<String> {
    // A double quote never joins words: a JSON fragment pasted as the query
    // (`"error_code":"APIG.0201","error_msg":"Backend timeout."`) is its keys and values.
    let raw: Vec<String> = query
        .split(|c: char| c.is_whitespace() || c == '"')
        .flat_map(joined_phrases)
        .map(|w| trim_token(&fold(w)))
        .flat_map(split_key_value)
        .flat_map(cjk_split)
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let word = &raw[i];
        let next = raw.get(i + 1);
        let joined = match next {
            Some(n) if is_code_prefix(word) && is_digits_typed(n) => Some(format!("{word}.{n}")),
            // "TLS 1.2", "SSL 3"; "HTTP 504" is a status, not a version.
            Some(n)
                if is_protocol(word)
                    && (n.contains('.') || n.len() == 1)
                    && protocol_version(&format!("{word}{n}")).is_some() =>
            {
                Some(format!("{word}{n}"))
            }
            _ => None,
        };
        if joined.is_some() {
            i += 1;
        }
        let word = joined.unwrap_or_else(|| word.clone());
        out.push(match protocol_version(&word) {
            Some((protocol, version)) => format!("{protocol}{version}"),
            None => word,
        });
        i += 1;
    }
    out
}

/// A token the gateway wrote as words joined by punctuation (`err:ak`,
/// `limit,forbidden`, `fail:signature`) as its words. Only a letter after the mark
/// splits: `10:15`, `APIG:0303` and `v1.1` stay whole.
fn joined_phrases(token: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut chars = token.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let letter_next = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if matches!(c, ',' | ':' | ';' | '|') && letter_next {
            parts.extend(token.get(start..at));
            start = at + c.len_utf8();
        }
    }
    parts.extend(token.get(start..));
    parts
}

/// `code=1000`, `status:504`, `apig:0303` as two words, the key and the number: what a
/// log line's `key=value` says is the same as "code 1000".
fn split_key_value(token: String) -> Vec<String> {
    let split = token.split_once([':', '=']).filter(|(key, value)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphabetic() || c == '_' || c == '-')
            && is_digits_typed(value.trim_matches(|c: char| !c.is_alphanumeric()))
    });
    match split {
        Some((key, value)) => vec![key.to_string(), trim_token(value)],
        None => vec![token],
    }
}

/// Digits as people type them, a letter O for a zero included (`0308`, `03o8`).
pub(super) fn is_digits_typed(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit() || c == 'o')
        && word.chars().filter(char::is_ascii_digit).nth(1).is_some()
}

/// A number or a code alone, not a word of the sentence around it.
fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit()) || code_reading(word).is_some()
}

/// A code reading written so that it can only mean a code: with its service
/// (`apig.1000`), or with a leading zero (`0308`: counts and statuses have none).
fn written_as_code(code: &str) -> bool {
    code.contains('.') || (code.starts_with('0') && code.len() >= 4)
}

/// `504s` as the status `504`, marked plural (a plural number is a status: "random
/// 502s"); any other word unchanged.
fn plural_status(word: String) -> (String, bool) {
    match word.strip_suffix('s') {
        Some(digits) if digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()) => {
            (digits.to_string(), true)
        }
        _ => (word, false),
    }
}

/// Whether the number `words[i]` of a sentence is written as an HTTP status: beside a
/// status word ("HTTP 504", "504 error"), after a lead ("returns 504", "got a 502"),
/// before a preposition ("504 after 30 s", "403 for every request"), or
/// beside its reason phrase ("504 gateway timeout", "service unavailable 503"). Any
/// other number is a count or a size ("500 requests per second", "about 404 users").
fn written_as_status(words: &[String], i: usize, vocabulary: &Vocabulary) -> bool {
    let Some(status) = words
        .get(i)
        .filter(|w| w.len() == 3)
        .and_then(|w| w.parse::<u16>().ok())
    else {
        return false;
    };
    let previous = i.checked_sub(1).and_then(|p| words.get(p));
    let next = words.get(i + 1);
    let phrase: Vec<String> = reason(status).0.split_whitespace().map(fold).collect();
    let after = words
        .get(i + 1..)
        .is_some_and(|rest| rest.starts_with(&phrase));
    let before = words.get(..i).is_some_and(|head| head.ends_with(&phrase));
    previous.is_some_and(|w| vocabulary.is_status_word(w) || vocabulary.is_status_lead(w))
        || next.is_some_and(|w| vocabulary.is_status_word(w) || vocabulary.is_status_follow(w))
        || (!phrase.is_empty() && (after || before))
}

fn is_protocol(word: &str) -> bool {
    matches!(word, "tls" | "tlsv" | "ssl" | "sslv" | "http")
}

fn is_code_prefix(word: &str) -> bool {
    matches!(
        word.trim_end_matches(['.', '-', '_']),
        "apig" | "apigw" | "apic"
    )
}

/// The normalized code a term spells (`apig.0308`), or its digits alone (`0308`).
pub(super) fn code_reading(text: &str) -> Option<String> {
    if protocol_version(text).is_some() {
        return None;
    }
    let norm = normalize_code(text);
    let digits = code_digits(&norm);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let prefix = norm.strip_suffix(digits).unwrap_or_default();
    // Bare digits are a code from three on ("308", "0308"); "20" is just a number.
    let long_enough = !prefix.is_empty() || digits.len() >= 3;
    (long_enough && (prefix.is_empty() || prefix.ends_with('.'))).then_some(norm)
}

/// Error statuses whose reason phrase appears among `words` ("gateway timeout" is 504).
fn statuses_named(words: &[String]) -> Vec<u16> {
    (400..600)
        .filter(|&status| {
            let phrase: Vec<String> = reason(status).0.split_whitespace().map(fold).collect();
            !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase.as_slice())
        })
        .collect()
}

#[cfg(test)]
mod joined_tests {
    use super::*;

    #[test]
    fn words_the_gateway_joined_with_punctuation_are_read_apart() {
        assert_eq!(joined_phrases("err:ak"), ["err", "ak"]);
        assert_eq!(joined_phrases("limit,forbidden"), ["limit", "forbidden"]);
        assert_eq!(joined_phrases("fail:signature"), ["fail", "signature"]);
        for whole in ["10:15:02", "APIG:0303", "tlsv1.1", "found,", "x-sdk-date"] {
            assert_eq!(joined_phrases(whole), [whole], "{whole}");
        }
    }
}
