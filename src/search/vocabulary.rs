//! The support vocabulary (`data/vocabulary.toml`): words that weigh little in a ticket,
//! and the words customers use mapped to the words of the catalog. Data, not code, so a
//! team extends it without touching the ranking.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::catalog::fold;

use super::words::{cjk_split, is_cjk};

/// The vocabulary file, embedded; `cargo test` validates it against the catalog.
pub(crate) const VOCABULARY_TOML: &str = include_str!("../../data/vocabulary.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    // Optional, so a team's `vocabulary.toml` may hold only what it adds.
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    code_words: Vec<String>,
    #[serde(default)]
    status_words: Vec<String>,
    #[serde(default)]
    status_leads: Vec<String>,
    #[serde(default)]
    status_follows: Vec<String>,
    #[serde(default)]
    context_words: Vec<String>,
    #[serde(default)]
    generic_words: Vec<String>,
    #[serde(default)]
    count_words: Vec<String>,
    #[serde(default)]
    synonym: Vec<SynonymRecord>,
    #[serde(default)]
    opposite: Vec<OppositeRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OppositeRecord {
    sides: Vec<Vec<String>>,
}

/// One side of an `[[opposite]]`: its phrases folded as written, and those of one word
/// without CJK (`whitelist`), which are looked for in the rows.
#[derive(Clone, Debug, Default)]
struct Side {
    said: Vec<String>,
    words: Vec<String>,
}

/// What a query word's side of an `[[opposite]]` is: the catalog words of its own side,
/// and those of the other sides, which it must never be taken for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Opposed {
    pub(crate) own: Vec<String>,
    pub(crate) other: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymRecord {
    say: Vec<String>,
    means: Vec<String>,
}

/// One mapping: phrases as the customer writes them, words as the catalog does.
#[derive(Clone)]
pub(crate) struct Synonym {
    /// Each phrase as its folded words (a Chinese phrase as its character pairs, as a
    /// query is read: `签名错误` is `签名 名错 错误`).
    pub say: Vec<Vec<String>>,
    /// Each phrase folded, as written (`签名错误`), for "why".
    pub said: Vec<String>,
    pub means: Vec<String>,
}

#[derive(Clone)]
pub struct Vocabulary {
    stopwords: HashSet<String>,
    /// "code", "error": the number after them is an error code.
    code_words: HashSet<String>,
    /// "http", "status", "error": a number beside them is a status.
    status_words: HashSet<String>,
    /// "returns", "got", "a": a number right after them is a status.
    status_leads: HashSet<String>,
    /// "after", "on": a number right before them is a status ("504 after 30 s").
    status_follows: HashSet<String>,
    /// "stage", "prod", "region": words that say where the error happens, not which.
    context_words: HashSet<String>,
    /// "failed", "error", `调用失败`: words that say something went wrong, not what. They
    /// never make an answer sure by themselves (see [`Vocabulary::is_generic`]).
    generic_words: HashSet<String>,
    /// "requests", "ms", "users", `次`: what a number right before them counts, so the
    /// number is no status even first in a sentence ("500 requests per second").
    count_words: HashSet<String>,
    pub(crate) synonyms: Vec<Synonym>,
    /// Each `[[opposite]]`: its sides (whitelist, blacklist).
    opposites: Vec<Vec<Side>>,
}

/// What the vocabulary says about one word of a query.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Meaning {
    /// Catalog words it also matches.
    pub(crate) means: Vec<String>,
    /// The phrase of the query each of `means` came from, in the same order (a word
    /// covered by `签名过期` and `签名` has meanings of both).
    pub(crate) means_via: Vec<String>,
    /// The phrase of the query that brought them ("not allowed"), for "why".
    pub(crate) via: Option<String>,
    /// A phrase of several words covers it: "no response" means something even though
    /// "no" and "response" alone do not.
    pub(crate) in_phrase: bool,
}

static EMBEDDED: LazyLock<Vocabulary> = LazyLock::new(|| {
    Vocabulary::parse(VOCABULARY_TOML).expect("data/vocabulary.toml is checked by cargo test")
});

impl Vocabulary {
    pub(crate) fn embedded() -> &'static Vocabulary {
        &EMBEDDED
    }

    pub(crate) fn parse(text: &str) -> Result<Self, toml::de::Error> {
        let file: File = toml::from_str(text)?;
        let phrase = |p: &str| {
            p.split_whitespace()
                .map(fold)
                .flat_map(cjk_split)
                .collect::<Vec<_>>()
        };
        let written = |p: &str| p.split_whitespace().map(fold).collect::<Vec<_>>().join(" ");
        Ok(Vocabulary {
            stopwords: words(&file.stopwords, Pick::All),
            code_words: words(&file.code_words, Pick::Last),
            status_words: words(&file.status_words, Pick::Ends),
            status_leads: words(&file.status_leads, Pick::Last),
            status_follows: words(&file.status_follows, Pick::First),
            context_words: words(&file.context_words, Pick::All),
            // Each entry as written too: a phrase of the query (`调用失败`) is looked up whole.
            generic_words: words(&file.generic_words, Pick::All)
                .into_iter()
                .chain(file.generic_words.iter().map(|p| written(p)))
                .collect(),
            count_words: words(&file.count_words, Pick::First),
            synonyms: file
                .synonym
                .into_iter()
                .map(|s| Synonym {
                    say: s.say.iter().map(|p| phrase(p)).collect(),
                    said: s.say.iter().map(|p| written(p)).collect(),
                    means: s.means.iter().map(|w| fold(w)).collect(),
                })
                .collect(),
            opposites: file
                .opposite
                .into_iter()
                .map(|o| {
                    o.sides
                        .iter()
                        .map(|side| Side {
                            said: side.iter().map(|p| written(p)).collect(),
                            words: side
                                .iter()
                                .map(|p| written(p))
                                .filter(|p| !p.contains(' ') && !p.chars().any(is_cjk))
                                .collect(),
                        })
                        .collect()
                })
                .collect(),
        })
    }

    /// The side of an `[[opposite]]` that the query word `text`, or the phrase `via` it
    /// is part of, names; None for a word of no side.
    pub(crate) fn opposed(&self, text: &str, via: Option<&str>) -> Option<Opposed> {
        for sides in &self.opposites {
            let named = |side: &&Side| {
                side.said
                    .iter()
                    .any(|p| p == text || via.is_some_and(|v| v == p))
            };
            if let Some(own) = sides.iter().find(named) {
                let other = sides
                    .iter()
                    .filter(|s| !std::ptr::eq(*s, own))
                    .flat_map(|s| s.words.iter().cloned())
                    .collect();
                return Some(Opposed {
                    own: own.words.clone(),
                    other,
                });
            }
        }
        None
    }

    /// This vocabulary with a team's added: every word list and synonym of both.
    pub fn merged(&self, extra: &Vocabulary) -> Vocabulary {
        let mut out = self.clone();
        out.stopwords.extend(extra.stopwords.iter().cloned());
        out.code_words.extend(extra.code_words.iter().cloned());
        out.status_words.extend(extra.status_words.iter().cloned());
        out.status_leads.extend(extra.status_leads.iter().cloned());
        out.status_follows
            .extend(extra.status_follows.iter().cloned());
        out.context_words
            .extend(extra.context_words.iter().cloned());
        out.generic_words
            .extend(extra.generic_words.iter().cloned());
        out.count_words.extend(extra.count_words.iter().cloned());
        out.synonyms.extend(extra.synonyms.iter().cloned());
        out.opposites.extend(extra.opposites.iter().cloned());
        out
    }

    /// A word that says little about which error it is.
    pub(crate) fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// A word that says where the error happens (an environment, a region), which
    /// tells less about which error it is than a word that says what failed.
    pub(crate) fn is_context_word(&self, word: &str) -> bool {
        self.context_words.contains(word)
    }

    /// A word (or a phrase of the query, as written) that says something went wrong but
    /// not what ("failed", `调用失败`): what it matches by itself weighs as a stopword, and
    /// a query of such words alone leaves every row unsure.
    pub(crate) fn is_generic(&self, word: &str) -> bool {
        self.generic_words.contains(word)
    }

    /// The synonyms' Chinese phrases of three characters or more, folded (`签名错误`):
    /// what Chinese typed with a near character is read as ([`super::query::near_phrases`]).
    pub(crate) fn cjk_phrases(&self) -> impl Iterator<Item = &str> {
        self.synonyms
            .iter()
            .flat_map(|s| s.said.iter())
            .filter(|p| p.chars().count() >= 3 && p.chars().all(is_cjk))
            .map(String::as_str)
    }

    /// A word right after a number that says what it counts ("500 requests", "413 KB").
    pub(crate) fn is_count_word(&self, word: &str) -> bool {
        begins(&self.count_words, word)
    }

    /// A word after which a number is an error code ("code 1000").
    pub fn is_code_word(&self, word: &str) -> bool {
        ends_in(&self.code_words, word)
    }

    /// A word beside which a three-digit number is an HTTP status ("HTTP 504").
    pub fn is_status_word(&self, word: &str) -> bool {
        ends_in(&self.status_words, word)
    }

    /// A word right after which a three-digit number is a status ("returns 504").
    pub fn is_status_lead(&self, word: &str) -> bool {
        ends_in(&self.status_leads, word)
    }

    /// A word right before which a three-digit number is a status ("504 after 30 s").
    pub fn is_status_follow(&self, word: &str) -> bool {
        begins(&self.status_follows, word)
    }

    /// The meanings of each word of `words` (a query, folded): every phrase of every
    /// synonym found among consecutive words lends its `means` to each word it covers.
    pub(crate) fn meanings(&self, words: &[String]) -> Vec<Meaning> {
        let mut out = vec![Meaning::default(); words.len()];
        // A phrase is looked for only when its first word is in the query: a pasted
        // paragraph has a thousand words.
        let present: HashSet<&str> = words.iter().map(String::as_str).collect();
        for synonym in &self.synonyms {
            for (phrase, said) in synonym.say.iter().zip(&synonym.said) {
                let n = phrase.len();
                let first = phrase.first().map(String::as_str);
                if n == 0 || n > words.len() || !first.is_some_and(|w| present.contains(w)) {
                    continue;
                }
                for start in 0..=words.len() - n {
                    if words[start..start + n] != phrase[..] {
                        continue;
                    }
                    for meaning in &mut out[start..start + n] {
                        for m in &synonym.means {
                            match meaning.means.iter().position(|x| x == m) {
                                None => {
                                    meaning.means.push(m.clone());
                                    meaning.means_via.push(said.clone());
                                }
                                // The longest phrase that brought the word names it.
                                Some(at) => {
                                    if meaning.means_via[at].chars().count() < said.chars().count()
                                    {
                                        meaning.means_via[at] = said.clone();
                                    }
                                }
                            }
                        }
                        // The longest phrase that covers the word says best what matched
                        // (`签名错误`, not its `签名`).
                        let longer = meaning
                            .via
                            .as_ref()
                            .is_none_or(|v| said.chars().count() > v.chars().count());
                        if longer {
                            meaning.via = Some(said.clone());
                        }
                        meaning.in_phrase |= n > 1;
                    }
                }
            }
        }
        // "whitelist" never means "blacklist", whichever block a team put them in.
        for (word, meaning) in words.iter().zip(&mut out) {
            if let Some(opposed) = self.opposed(word, meaning.via.as_deref()) {
                let keep: Vec<bool> = meaning
                    .means
                    .iter()
                    .map(|m| !opposed.other.contains(m))
                    .collect();
                let mut flags = keep.iter();
                meaning
                    .means
                    .retain(|_| flags.next().copied().unwrap_or(true));
                let mut flags = keep.iter();
                meaning
                    .means_via
                    .retain(|_| flags.next().copied().unwrap_or(true));
            }
        }
        out
    }
}

/// Which words of a list's entry are kept: a Chinese entry is several character pairs
/// (`状态码` is `状态 态码`), and the word beside a number is the pair next to it.
#[derive(Clone, Copy)]
enum Pick {
    /// Every word (stopwords: each pair of `为什么` says little).
    All,
    /// The last word: the list names words right before a number (`错误码 1000`).
    Last,
    /// The first word: words right after a number (`429之后`).
    First,
    /// Both ends: words on either side of a number (`状态码 429`, `429 错误`).
    Ends,
}

/// The folded words of `entries`, as [`Pick`] says.
fn words(entries: &[String], pick: Pick) -> HashSet<String> {
    let mut out = HashSet::new();
    for entry in entries {
        let words: Vec<String> = cjk_split(fold(entry));
        match pick {
            Pick::All => out.extend(words),
            Pick::Last => out.extend(words.last().cloned()),
            Pick::First => out.extend(words.first().cloned()),
            Pick::Ends => out.extend(words.first().into_iter().chain(words.last()).cloned()),
        }
    }
    out
}

/// `word` is in `set`, or is a CJK pair whose last character is (`一直报 429`: the pair
/// before the number is `直报`, and `报` says it is a status).
fn ends_in(set: &HashSet<String>, word: &str) -> bool {
    set.contains(word) || cjk_char(word.chars().next_back(), word).is_some_and(|c| set.contains(&c))
}

/// `word` is in `set`, or is a CJK pair whose first character is (`429错误`: `错误`).
fn begins(set: &HashSet<String>, word: &str) -> bool {
    set.contains(word) || cjk_char(word.chars().next(), word).is_some_and(|c| set.contains(&c))
}

/// `c` as a string, when it is a CJK character of a CJK pair `word`.
fn cjk_char(c: Option<char>, word: &str) -> Option<String> {
    c.filter(|&c| is_cjk(c) && word.chars().count() == 2)
        .map(String::from)
}
