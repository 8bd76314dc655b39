//! Why a row matched: per term of the query, the strongest way it matched this row, in
//! words an engineer reads at a glance ("hangs" means "timeout", in the message).

use std::fmt;

use super::matching::{Kind, word_match};
use super::query::{Query, Term};
use super::words::{Field, pairs_of, words_of};
use super::{SearchIndex, field_weight};
use crate::catalog::{Catalog, Entry, normalize_code};
use crate::http_status::reason;

/// How one term of the query matched a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    Code {
        term: String,
        /// The catalog's code a code typed with a slip was read as (`APIG.0303`).
        read_as: Option<String>,
    },
    Status {
        term: String,
    },
    /// The query names the row's status in words.
    StatusWords {
        status: u16,
    },
    /// Two words of the query side by side, as the row has them.
    Pair {
        pair: String,
    },
    Word {
        term: String,
        /// The catalog's word.
        word: String,
        kind: Kind,
        field: &'static str,
        /// The query's phrase a synonym came from, when it is not the term itself.
        via: Option<String>,
    },
    /// Chinese of the query that no phrase, stopword or catalog word reads: no row
    /// matched it, so this row is a guess.
    Unread {
        text: String,
    },
    /// Chinese of the query read as the vocabulary phrase it is one character from.
    Near {
        written: String,
        phrase: String,
    },
    /// No word of the query says what went wrong (`调用失败`, "call failed").
    Vague {
        words: String,
    },
    /// The next row that matches every word scores nearly as well as this one (the first):
    /// the words do not tell the two apart.
    Close {
        /// Code, status and message of each, best first.
        rows: Vec<(String, u16, String)>,
        /// How many more do, unnamed.
        more: usize,
    },
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Code {
                term,
                read_as: None,
            } => write!(f, "\"{term}\" is the code"),
            Why::Code {
                term,
                read_as: Some(code),
            } => write!(f, "\"{term}\" read as the code {code}"),
            Why::Status { term } => write!(f, "\"{term}\" is the status"),
            Why::StatusWords { status } => {
                write!(
                    f,
                    "\"{}\" is status {status}",
                    reason(*status).0.to_lowercase()
                )
            }
            Why::Pair { pair } => write!(f, "\"{pair}\" side by side"),
            Why::Unread { text } => write!(
                f,
                "\"{text}\" matched nothing (no vocabulary phrase has it): unsure"
            ),
            Why::Near { written, phrase } => write!(
                f,
                "\"{written}\" read as \"{phrase}\" (one character off): unsure"
            ),
            Why::Vague { words } => write!(
                f,
                "\"{words}\" says that something failed, not what: unsure"
            ),
            Why::Close { rows, more } => {
                let named: Vec<String> = rows
                    .iter()
                    .map(|(code, status, message)| format!("{code} {status} \"{message}\""))
                    .collect();
                let more = match more {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                write!(f, "{}{more} match nearly as well: unsure", named.join(", "))
            }
            Why::Word {
                term,
                word,
                kind,
                field,
                via,
            } => {
                let said = via.as_deref().unwrap_or(term);
                // A row has one message, but may have several team notes.
                let place = if *field == TEAM_NOTE {
                    "a team note".to_string()
                } else {
                    format!("the {field}")
                };
                match kind {
                    Kind::Exact => write!(f, "\"{term}\" in {place}"),
                    Kind::Stem => write!(f, "\"{term}\" as \"{word}\" in {place}"),
                    Kind::Synonym => {
                        write!(f, "\"{said}\" means \"{word}\" (vocabulary), in {place}")
                    }
                    Kind::Prefix => write!(f, "\"{term}\" begins \"{word}\" in {place}"),
                    Kind::Fuzzy => write!(f, "\"{term}\" ≈ \"{word}\" in {place}"),
                }
            }
        }
    }
}

/// The field name of a team note's words.
const TEAM_NOTE: &str = "team note";

/// The reasons `row` matched `query`, strongest first.
pub(super) fn explain(
    index: &SearchIndex,
    catalog: &Catalog,
    row: usize,
    query: &Query,
) -> Vec<Why> {
    let Some(entry) = catalog.entries.get(row) else {
        return Vec::new();
    };
    let mut out: Vec<(i64, Why)> = query
        .terms
        .iter()
        .filter_map(|term| term_why(index, entry, row, term))
        .collect();
    if query.statuses.contains(&entry.http_status) && !out.is_empty() {
        out.push((
            0,
            Why::StatusWords {
                status: entry.http_status,
            },
        ));
    }
    let pairs: Vec<String> = field_texts(entry)
        .into_iter()
        .take(3)
        .flat_map(|(_, _, texts)| texts)
        .flat_map(pairs_of)
        .collect();
    for pair in query.pairs.iter().filter(|p| pairs.contains(p)) {
        out.push((0, Why::Pair { pair: pair.clone() }));
    }
    out.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    if !out.is_empty() {
        out.extend(
            query
                .unread
                .iter()
                .map(|text| (0, Why::Unread { text: text.clone() })),
        );
        out.extend(query.near.iter().map(|(written, phrase)| {
            (
                0,
                Why::Near {
                    written: written.clone(),
                    phrase: phrase.clone(),
                },
            )
        }));
        if query.vague() {
            out.push((
                0,
                Why::Vague {
                    words: vague_words(query),
                },
            ));
        }
    }
    // Each word of a phrase ("doesn't match") matches through it: say it once.
    let mut said = std::collections::HashSet::new();
    out.into_iter()
        .map(|(_, why)| why)
        .filter(|why| said.insert(why.to_string()))
        .collect()
}

/// The words of a vague query as said: each phrase or word once.
fn vague_words(query: &Query) -> String {
    let mut said: Vec<&str> = Vec::new();
    // Pairs of Chinese that are no word (`错了` of `报错了`) are not the customer's words.
    let chance = |t: &Term| {
        t.text.chars().all(super::words::is_cjk) && !t.meaningful && !t.generic && t.via.is_none()
    };
    for t in query.terms.iter().filter(|t| !chance(t)) {
        let unit = t.via.as_deref().unwrap_or(&t.text);
        if !said.contains(&unit) {
            said.push(unit);
        }
    }
    said.join(" ")
}

fn term_why(index: &SearchIndex, entry: &Entry, row: usize, term: &Term) -> Option<(i64, Why)> {
    let code = normalize_code(entry.code());
    let (prefix, digits) = super::split_digits(&code);
    let reading = super::CodeReading::of(term);
    if let Some(score) = index.code_score(term, &reading, &code, prefix, digits, entry.http_status)
    {
        let text = term.text.clone();
        let why = if score == super::STATUS {
            Why::Status { term: text }
        } else {
            // A slipped code: the term reads as no code by itself.
            let slipped = super::query::code_reading(&term.text) != term.code;
            Why::Code {
                term: text,
                read_as: slipped
                    .then(|| term.code.as_deref().map(crate::catalog::catalog_code))
                    .flatten(),
            }
        };
        return Some((score, why));
    }
    if let Some(opposed) = &term.opposed {
        // As ranked: a row holding only another side's words is not matched.
        let words: Vec<String> = field_texts(entry)
            .into_iter()
            .flat_map(|(_, _, texts)| texts)
            .flat_map(words_of)
            .collect();
        let holds = |side: &[String]| side.iter().any(|w| words.contains(w));
        if holds(&opposed.other) && !holds(&opposed.own) {
            return None;
        }
    }
    field_texts(entry)
        .into_iter()
        .flat_map(|(field, name, texts)| texts.into_iter().map(move |t| (field, name, t)))
        .flat_map(|(field, name, text)| words_of(text).into_iter().map(move |w| (field, name, w)))
        .filter_map(|(field, name, word)| {
            let typos = field.allows_typos() && index.may_be_typo(term);
            let found = word_match(&index.matcher, term, &word, typos)?;
            let weight = super::match_weight(term, found.kind);
            let score = found.quality * field_weight(field) * weight;
            Some((score, name, word, found.kind))
        })
        .chain(index.team().notes.of_row(row).filter_map(|word| {
            let found = word_match(&index.matcher, term, word, false)?;
            let score = found.quality * super::NOTE_WEIGHT * super::match_weight(term, found.kind);
            Some((score, TEAM_NOTE, word.to_string(), found.kind))
        }))
        // The first of equal matches: the message, then a gateway detail, then the
        // keywords.
        .reduce(|best, next| if next.0 > best.0 { next } else { best })
        .map(|(score, name, word, kind)| {
            // The phrase that brought this very word, not another phrase over the term.
            let via = (kind == Kind::Synonym)
                .then(|| {
                    let at = term.means.iter().position(|m| *m == word)?;
                    term.means_via.get(at).or(term.via.as_ref()).cloned()
                })
                .flatten()
                .filter(|v| *v != term.text);
            let why = Why::Word {
                term: term.text.clone(),
                word,
                kind,
                field: name,
                via,
            };
            (score, why)
        })
}

/// Each text of the row with the field it is indexed as and the name `why` gives it:
/// the gateway's details are indexed with the keywords but named apart, as a word the
/// gateway itself appends tells the engineer more than a curated keyword.
fn field_texts(entry: &Entry) -> [(Field, &'static str, Vec<&str>); 5] {
    [
        (
            Field::Message,
            "message",
            std::iter::once(entry.message())
                .chain(entry.aliases().iter().map(String::as_str))
                .collect(),
        ),
        (
            Field::Keywords,
            "gateway's detail",
            entry.details().iter().map(String::as_str).collect(),
        ),
        (
            Field::Keywords,
            "keywords",
            entry.keywords().iter().map(String::as_str).collect(),
        ),
        (Field::Description, "description", vec![entry.description()]),
        (Field::Solution, "solution", vec![entry.solution()]),
    ]
}
