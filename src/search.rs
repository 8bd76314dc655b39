//! Ranked search over the catalog: what the engineer types or pastes (a code in any
//! spelling, a status, a sentence from the ticket, typos included) to the rows it means.
//!
//! Search ranks, it does not filter: every word may match or not. A row scores for each
//! word by how it matched (code > word > another form > vocabulary synonym > prefix >
//! typo) and where (message and keywords weigh twice the description and the solution);
//! stopwords ("customer", "every") weigh a tenth, words that say where it happens ("stage",
//! "prod") half. Rows that match every meaningful word
//! come first. A word no row holds never empties the result.
//!
//! Built for 100,000 rows at keystroke speed: the index holds each distinct word once,
//! with the rows (per field) that contain it, so a term is matched against the
//! vocabulary, not against every row. Codes and statuses have their own lookups.

mod matching;
mod notes;
mod postings;
mod query;
mod vocabulary;
mod why;
mod words;

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::binary::{Malformed, Reader, Writer};
use crate::catalog::{Catalog, catalog_code, code_digits, fold, normalize_code};
use matching::{WordMatch, tight, word_match};
use query::{Query, Term, parse_query};
use words::{Field, WordIndex};

use notes::NoteWords;
pub(crate) use vocabulary::Vocabulary;
pub(crate) use why::Why;

/// Score of a code or status match; a word scores at most [`WORD_MAX`].
const EXACT_CODE: i64 = 60_000;
/// `APIG.308`, `308`: the code with its leading zero dropped.
const ZERO_DROPPED: i64 = 55_000;
const CODE_PREFIX: i64 = 30_000;
const STATUS: i64 = 20_000;
/// "vpc", "apig": every code of the service.
const SERVICE: i64 = 5_000;
/// The query names the row's status in words ("too many requests").
const STATUS_WORDS: i64 = 8_000;
/// Two adjacent words of the query stand side by side in the row's message or keywords.
const PAIR: i64 = 3_000;
const MEANINGFUL: i64 = 10;
/// A word that says where the error happens ("stage", "prod"): see [`term_weight`].
const CONTEXT: i64 = 5;
const STOPWORD: i64 = 1;
/// quality 100 × field 10 × weight 10.
#[cfg(test)]
const WORD_MAX: i64 = 10_000;

/// Field weights: message and keywords name the error; description and solution only
/// talk about it.
fn field_weight(field: Field) -> i64 {
    match field {
        Field::Message | Field::Keywords => 10,
        Field::Description => 5,
        Field::Solution => 4,
    }
}

/// A team note's words weigh as a field of their own: more than the description (the
/// team wrote it about this very row), less than the message and keywords (a note tells
/// a story, and its words are not the error's).
const NOTE_WEIGHT: i64 = 6;

/// A row of the managing catalog counts this share of its score: it must match clearly
/// better than a row of the calling catalog to come before it, as the engineer helps an
/// API caller far more often than someone managing APIs ("signature doesn't match" is
/// APIG.0303, not the certificate's signature algorithm).
const MANAGING_SHARE: (i64, i64) = (2, 3);

/// Of two rows that match every word, the second must score below this share of the
/// first for the first to be sure: closer, the words do not tell them apart ("IAM token
/// expired" is APIG.0301's keywords as much as APIG.0307's message), and a wrong first
/// row that looks sure is worse than an honest "unsure".
const CLEAR_LEAD: (i64, i64) = (9, 10);
/// A row whose message says more of the query than the first row's keeps it from being
/// sure when it scores at least this share of it (see [`close_rows`]).
const SAID_LEAD: (i64, i64) = (3, 4);
/// How many of the rows that score nearly as well `why` names.
const CLOSE_NAMED: usize = 3;

/// The result of a search: the hits, and a code the query was read as when it was
/// typed with a slip ("APIG.03O3", "APGI.0303"), for "did you mean".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// The matching rows, best first.
    pub hits: Vec<Hit>,
    /// The catalog's spelling of the codes read for slipped ones (`APIG.0303`).
    pub corrected: Option<String>,
    /// The query only says that something failed (`报错了`, "call failed"): whatever rows
    /// it lists (often none), it names no error.
    pub vague: bool,
    /// The rows (catalog indices) that match nearly as well as the first, which is then
    /// not sure, best first.
    pub close: Vec<usize>,
}

/// One matching row: its index in the catalog, its score (higher is better), whether
/// it matched every meaningful word of the query, and whether it is the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The row's index in the catalog.
    pub row: usize,
    /// Higher is better.
    pub score: i64,
    /// Every meaningful word of the query matched.
    pub complete: bool,
    /// The first row, complete, with no other row of its score, and clearly ahead of the
    /// next complete row (by a tenth of its score, or a quarter when that row's message
    /// says more of the query): the query names this row. Never any other row.
    pub sure: bool,
}

/// Every row's code, folded (`apig.0308`), for the code lookups. The codes share one
/// string: a `String` per row would cost more than the codes themselves.
#[derive(Default)]
struct Codes {
    text: String,
    rows: Vec<RowCode>,
}

struct RowCode {
    /// Where the code ends in `Codes::text`; it starts where the previous row's ends.
    end: u32,
    /// `apig.`, the service part including the dot (empty for a bare number).
    prefix_len: u32,
    status: u16,
    /// Words of the row's message (at most 255): of two rows whose messages hold every
    /// word of a query, the shorter is the closer.
    words: u8,
}

impl Codes {
    fn new(catalog: &Catalog) -> Self {
        let mut codes = Codes::default();
        for e in &catalog.entries {
            let words = e.message().split_whitespace().count().min(255) as u8;
            codes.push(&normalize_code(e.code()), e.http_status, words);
        }
        codes.text.shrink_to_fit();
        codes
    }

    fn write_to(&self, w: &mut Writer) {
        w.str(&self.text);
        w.len(self.rows.len());
        for r in &self.rows {
            w.u32(r.end);
            w.u32(r.prefix_len);
            w.u8(r.words);
        }
    }

    /// The codes of `catalog`'s rows as written; the statuses are the rows'.
    fn read_from(r: &mut Reader<'_>, catalog: &Catalog) -> Result<Self, Malformed> {
        let text = r.str()?.to_string();
        if r.count(9)? != catalog.entries.len() {
            return Err(Malformed(0));
        }
        let mut rows = Vec::with_capacity(catalog.entries.len());
        let mut start = 0;
        for e in &catalog.entries {
            let (end, prefix_len, words) = (r.u32()?, r.u32()?, r.u8()?);
            let fits = start <= end && end as usize <= text.len() && prefix_len <= end - start;
            let bounded = fits && text.is_char_boundary(end as usize);
            if !bounded || !text.is_char_boundary((start + prefix_len) as usize) {
                return Err(Malformed(0));
            }
            start = end;
            rows.push(RowCode {
                end,
                prefix_len,
                status: e.http_status,
                words,
            });
        }
        Ok(Codes { text, rows })
    }

    fn push(&mut self, code: &str, status: u16, words: u8) {
        let prefix_len = code.len() - code_digits(code).len();
        self.text.push_str(code);
        self.rows.push(RowCode {
            end: self.text.len() as u32,
            prefix_len: prefix_len as u32,
            status,
            words,
        });
    }

    /// Each row's (code, service prefix such as `apig.`, digits, status), in row order.
    fn iter(&self) -> impl Iterator<Item = (&str, &str, &str, u16)> {
        let mut start = 0;
        self.rows.iter().map(move |r| {
            let code = self.text.get(start..r.end as usize).unwrap_or_default();
            start = r.end as usize;
            let split = r.prefix_len as usize;
            let (prefix, digits) = (
                code.get(..split).unwrap_or_default(),
                code.get(split..).unwrap_or(code),
            );
            (code, prefix, digits, r.status)
        })
    }
}

/// The search index, built once per catalog.
pub struct SearchIndex {
    codes: Codes,
    words: WordIndex,
    /// Rows of the calling-APIs catalog: on a tie they come first, as the engineer
    /// usually helps an API caller.
    preferred: Vec<bool>,
    /// Rows of the managing-APIs catalog: they count [`MANAGING_SHARE`] of their score.
    managing: Vec<bool>,
    /// Statuses some row has: a bare `308` is a code only when no row has status 308.
    statuses: std::collections::HashSet<u16>,
    /// Service prefixes of the codes (`apig`, `vpc`): such a word names every code of it.
    services: std::collections::HashSet<String>,
    /// What a team folder adds: set while the index is shared (a `git pull` changes the
    /// notes of an open window), so behind a lock each search reads once.
    team: std::sync::RwLock<TeamPart>,
    matcher: SkimMatcherV2,
}

/// A team folder's part of the index: its vocabulary merged with the embedded one, and
/// its notes' words as a field of the rows they name.
#[derive(Default)]
struct TeamPart {
    vocabulary: Option<Vocabulary>,
    notes: NoteWords,
}

impl SearchIndex {
    /// The index of every row of `catalog`.
    pub fn new(catalog: &Catalog) -> Self {
        Self::new_reporting(catalog, &mut |_| {})
    }

    /// [`SearchIndex::new`], saying now and then how many rows are indexed.
    pub(crate) fn new_reporting(catalog: &Catalog, rows_done: &mut dyn FnMut(usize)) -> Self {
        let (words, codes) = WordIndex::new_beside(catalog, rows_done, || Codes::new(catalog));
        Self::with_parts(catalog, codes, words)
    }

    /// For the catalog cache: what is costly to build (the word index), and what is
    /// built from every row's text (the codes), so a catalog read from the cache does
    /// not read every row's text (see `cache::map_text`).
    pub(crate) fn write_to(&self, w: &mut Writer) {
        self.words.write_to(w);
        self.codes.write_to(w);
    }

    /// The index over `catalog` from what [`SearchIndex::write_to`] wrote for it; the
    /// cheap parts are made again.
    pub(crate) fn read_from(catalog: &Catalog, r: &mut Reader<'_>) -> Result<Self, Malformed> {
        let rows = u32::try_from(catalog.entries.len()).map_err(|_| Malformed(0))?;
        let words = WordIndex::read_from(r, rows)?;
        let codes = Codes::read_from(r, catalog)?;
        Ok(Self::with_parts(catalog, codes, words))
    }

    fn with_parts(catalog: &Catalog, codes: Codes, words: WordIndex) -> Self {
        SearchIndex {
            words,
            preferred: catalog
                .entries
                .iter()
                .map(|e| catalog.source_of(e).id == "calling")
                .collect(),
            managing: catalog
                .entries
                .iter()
                .map(|e| catalog.source_of(e).id == "managing")
                .collect(),
            statuses: catalog.entries.iter().map(|e| e.http_status).collect(),
            services: codes
                .iter()
                .map(|(_, prefix, _, _)| prefix.trim_end_matches('.'))
                .filter(|p| !p.is_empty())
                .collect::<std::collections::HashSet<&str>>()
                .into_iter()
                .map(str::to_string)
                .collect(),
            codes,
            team: std::sync::RwLock::default(),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Search with a team's vocabulary (its words and synonyms added to the embedded
    /// ones) and its notes' text as a field of the rows they name (`(row, text)`),
    /// replacing what a team gave before.
    pub fn set_team(&self, vocabulary: Option<&Vocabulary>, notes: &[(usize, String)]) {
        let part = TeamPart {
            vocabulary: vocabulary.map(|v| Vocabulary::embedded().merged(v)),
            notes: NoteWords::new(notes),
        };
        *self
            .team
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = part;
    }

    /// The team's part, read.
    fn team(&self) -> std::sync::RwLockReadGuard<'_, TeamPart> {
        self.team
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Rows matching any word of `query`, best first: rows matching every meaningful
    /// word, then by score, then the calling-APIs catalog, then catalog order. When the
    /// query has meaningful words, a row matching only stopwords is left out. An empty
    /// query returns the whole catalog in order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_results(query).hits
    }

    /// [`SearchIndex::search`], saying which codes a slipped code was read as.
    pub fn search_results(&self, query: &str) -> Results {
        let (query, corrected) = self.read(query);
        let says_only_failed = query.vague() && query.terms.iter().any(|t| t.generic);
        let (hits, close) = self.ranked(&query);
        Results {
            hits,
            corrected,
            vague: says_only_failed,
            close,
        }
    }

    /// The query's terms, a code typed with a slip read as the catalog's code it is one
    /// slip from; and the codes the query names otherwise than the catalog spells them
    /// (slipped, `apig 0303`, `APIGW-0303`), as the catalog spells them.
    fn read(&self, text: &str) -> (Query, Option<String>) {
        let team = self.team();
        let vocabulary = team.vocabulary.as_ref().unwrap_or(Vocabulary::embedded());
        let known = |w: &str| self.words.find(w).is_some();
        let parse = |text: &str| {
            let mut query = parse_query(text, vocabulary);
            query::unmean_chance_pairs(&mut query, known);
            query.unread = query::unread_chinese(text, &query, vocabulary, known);
            query
        };
        let mut query = parse(text);
        // Chinese nothing reads may be a phrase typed with a near character: read as
        // that phrase, and said to be a guess (only then is the query read twice).
        if !query.unread.is_empty()
            && let Some((fixed, near)) = query::near_phrases(
                &fold(&crate::catalog::narrow(text)),
                &query.unread,
                vocabulary,
            )
        {
            query = parse(&fixed);
            query.near = near;
        }
        drop(team);
        let folded = fold(&crate::catalog::narrow(text));
        let mut corrected: Vec<String> = Vec::new();
        for term in &mut query.terms {
            let slipped = self.slipped_code(term);
            let respelled = slipped.clone().or_else(|| {
                term.code
                    .clone()
                    .filter(|c| term.as_code && c.contains('.') && !folded.contains(c.as_str()))
                    .filter(|c| self.names_service(c) && self.has_code(c))
            });
            if let Some(shown) = respelled.map(|c| catalog_code(&c))
                && !corrected.contains(&shown)
            {
                corrected.push(shown);
            }
            if let Some(code) = slipped {
                term.code = Some(code);
                term.as_code = true;
            }
        }
        (query, (!corrected.is_empty()).then(|| corrected.join(" ")))
    }

    /// The hits, best first, the first marked sure or not, and the rows that keep it from
    /// being sure ([`close_rows`]).
    fn ranked(&self, query: &Query) -> (Vec<Hit>, Vec<usize>) {
        let n = self.codes.rows.len();
        if query.terms.is_empty() {
            let all = (0..n)
                .map(|row| Hit {
                    row,
                    score: 0,
                    complete: true,
                    sure: false,
                })
                .collect();
            return (all, Vec::new());
        }
        let shares = synonym_shares(query);
        let team = self.team();
        let mut total = vec![0i64; n];
        // Meaningful terms matched; u32, as a query may have any number of terms.
        let mut matched = vec![0u32; n];
        let mut best = vec![0i64; n];
        // Terms matched in the row's message (or by its code or status): a row whose
        // message says every word of the query is what the query describes.
        let mut in_message = vec![0u32; n];
        let mut said = vec![false; n];
        let mut touched: Vec<u32> = Vec::new();
        for term in &query.terms {
            let opposite = self.opposite_rows(term, n);
            let mut note = |row: u32, score: i64, message: bool| {
                if opposite
                    .as_ref()
                    .is_some_and(|o| o.get(row as usize).copied().unwrap_or(false))
                {
                    return;
                }
                let r = row as usize;
                if best[r] == 0 {
                    touched.push(row);
                }
                best[r] = best[r].max(score);
                said[r] |= message;
            };
            self.code_scores(term, &mut |row, score| note(row, score, true));
            self.word_scores(term, &shares, &mut note);
            self.note_scores(&team.notes, term, &shares, &mut |row, score| {
                note(row, score, false)
            });
            let counts = u32::from(query.counts(term));
            let rarity = rarity(touched.len(), n);
            for &row in &touched {
                let r = row as usize;
                total[r] += best[r] * rarity / 100;
                matched[r] += counts;
                in_message[r] += counts * u32::from(said[r]);
                best[r] = 0;
                said[r] = false;
            }
            touched.clear();
        }
        self.status_words(query, &mut total);
        for pair in &query.pairs {
            for row in self.words.rows_with_pair(pair) {
                total[row as usize] += PAIR;
            }
        }
        let needed = query.needed() as u32;
        // The words read: a run of Chinese nothing reads (or read from near characters)
        // keeps every row from being complete, not from being the row whose message says
        // the rest.
        let read = needed.saturating_sub((query.unread.len() + query.near.len()) as u32);
        // A query that only says something failed names no row.
        let vague = query.vague();
        let units = query.units();
        let mut keys: Vec<u128> = (0..n)
            .filter(|&r| matched[r] > 0)
            .map(|row| {
                // Chinese reaches the catalog only through the vocabulary's meanings,
                // never word for word nor in pairs side by side, so a managing row can
                // match it "clearly better" only by its message saying every word read
                // (`账号被冻结` is APIG.1013's message). One word is no sentence, and one
                // phrase read as several pairs is one word (`签名错误`, `被限流`).
                let told =
                    query.chinese && units >= 2 && matched[row] == read && in_message[row] == read;
                let bonus = if told { PAIR } else { 0 };
                let complete = !vague && matched[row] == needed;
                self.rank_key(row, total[row] + bonus, complete, told)
            })
            .collect();
        // Sorting plain integers: a sentence may match most of 100,000 rows.
        keys.sort_unstable();
        let mut hits: Vec<Hit> = keys.into_iter().map(hit_of_key).collect();
        let close = close_rows(&hits, &in_message, &self.managing);
        if let Some(first) = hits.first().copied() {
            let untied = hits.iter().skip(1).all(|h| h.score != first.score);
            if let Some(h) = hits.first_mut() {
                h.sure = first.complete && untied && close.is_empty();
            }
        }
        (hits, close)
    }

    /// Why the first of `results` is not sure though it matched every word and no row
    /// ties with it: the rows that match nearly as well ([`close_rows`]), named with
    /// their code and message.
    pub(crate) fn close_doubt(&self, catalog: &Catalog, results: &Results) -> Option<Why> {
        let first = results.hits.first().filter(|h| h.complete)?;
        // A row of the same score is a tie, which the front end says as such.
        if results.hits.iter().skip(1).any(|h| h.score == first.score) {
            return None;
        }
        let rows: Vec<(String, u16, String)> = results
            .close
            .iter()
            .filter_map(|&row| catalog.entries.get(row))
            .take(CLOSE_NAMED)
            .map(|e| (e.code().to_string(), e.http_status, e.message().to_string()))
            .collect();
        let more = results.close.len().saturating_sub(rows.len());
        (!rows.is_empty()).then_some(Why::Close { rows, more })
    }

    /// One integer that orders hits best first: every word matched, then the score, then
    /// the calling-APIs catalog, then (for a row whose message says the query) the
    /// shorter message, then catalog order. [`hit_of_key`] reads it back.
    /// A row whose message (or code or status) holds every word of the query (`told`)
    /// counts its whole score, a managing row too: the query is that row's message.
    fn rank_key(&self, row: usize, score: i64, complete: bool, told: bool) -> u128 {
        let score = if !told && self.managing.get(row).copied().unwrap_or(false) {
            score * MANAGING_SHARE.0 / MANAGING_SHARE.1
        } else {
            score
        };
        let incomplete = u128::from(!complete);
        let score = u128::from(u64::MAX - score.clamp(0, i64::MAX) as u64);
        let other_catalog = u128::from(!self.preferred.get(row).copied().unwrap_or(false));
        // Of two messages that say every word, the shorter says the least else ("The
        // API name already exists", not "The API group name already exists").
        let words = if told {
            self.codes.rows.get(row).map_or(0, |r| u128::from(r.words))
        } else {
            0
        };
        (incomplete << 127) | (score << 63) | (other_catalog << 62) | (words << 32) | row as u128
    }

    /// Rows whose status the query names in words get a bonus (never a hit by itself).
    fn status_words(&self, query: &Query, total: &mut [i64]) {
        if query.statuses.is_empty() {
            return;
        }
        for (row, (_, _, _, status)) in self.codes.iter().enumerate() {
            if query.statuses.contains(&status) && total[row] > 0 {
                total[row] += STATUS_WORDS;
            }
        }
    }

    /// Code and status matches: exact code, the code with a zero dropped, code prefix,
    /// status, service prefix. Only a term that reads as a code, a status or a service
    /// looks at every row's code.
    fn code_scores(&self, term: &Term, note: &mut impl FnMut(u32, i64)) {
        let reading = CodeReading::of(term);
        let service = term.text.trim_end_matches('.');
        if reading.is_none() && !self.services.contains(service) {
            return;
        }
        // `abcd.1234` (a request id's piece) can only match a code of a service "abcd".
        if reading
            .as_ref()
            .is_some_and(|r| r.dotted && !self.names_service(&r.code))
        {
            return;
        }
        for (row, (row_code, row_prefix, row_digits, row_status)) in self.codes.iter().enumerate() {
            if let Some(score) =
                self.code_score(term, &reading, row_code, row_prefix, row_digits, row_status)
            {
                note(row as u32, score);
            }
        }
    }

    fn code_score(
        &self,
        term: &Term,
        reading: &Option<CodeReading>,
        row_code: &str,
        row_prefix: &str,
        row_digits: &str,
        row_status: u16,
    ) -> Option<i64> {
        let Some(reading) = reading else {
            let prefix = row_prefix.trim_end_matches('.');
            return (!prefix.is_empty() && prefix == term.text.trim_end_matches('.'))
                .then_some(SERVICE);
        };
        if !reading.as_code {
            return (reading.status == Some(row_status)).then_some(STATUS);
        }
        let target = if reading.dotted { row_code } else { row_digits };
        let zero_dropped = || {
            let (t_prefix, t_digits) = split_digits(target);
            t_prefix == reading.prefix
                && reading.digits.len() < t_digits.len()
                && t_digits.trim_start_matches('0') == reading.digits.trim_start_matches('0')
        };
        if target == reading.code {
            Some(EXACT_CODE)
        } else if reading.status == Some(row_status) {
            Some(STATUS)
        } else if target.starts_with(reading.code.as_str()) {
            Some(CODE_PREFIX)
        } else if zero_dropped() && reading.status.is_none_or(|s| !self.statuses.contains(&s)) {
            Some(ZERO_DROPPED)
        } else {
            None
        }
    }

    /// The rows a term naming one side of an `[[opposite]]` ("whitelist") must not
    /// match, marked among the `n` rows: those holding another side's word ("blacklist")
    /// and none of its own. A flag a row, not a hash set: a 100,000-row catalog may
    /// have the word in most rows, and every row a term notes is looked up.
    fn opposite_rows(&self, term: &Term, n: usize) -> Option<Vec<bool>> {
        let opposed = term.opposed.as_ref()?;
        let mut marked = vec![false; n];
        let mut mark = |words: &[String], value: bool| {
            for w in words.iter().filter_map(|w| self.words.find(w)) {
                for field in Field::ALL {
                    for row in self.words.rows(w, field) {
                        if let Some(m) = marked.get_mut(row as usize) {
                            *m = value;
                        }
                    }
                }
            }
        };
        mark(&opposed.other, true);
        mark(&opposed.own, false);
        Some(marked)
    }

    /// Word matches: the vocabulary words the term matches, and the rows holding them
    /// (and whether in the message).
    fn word_scores(&self, term: &Term, shares: &Shares<'_>, note: &mut impl FnMut(u32, i64, bool)) {
        let typos = self.may_be_typo(term);
        for word in self.candidates(term) {
            let text = self.words.text(word);
            let with_typos = word_match(&self.matcher, term, text, typos);
            let without = word_match(&self.matcher, term, text, false);
            for field in Field::ALL {
                let found = if field.allows_typos() {
                    with_typos
                } else {
                    without
                };
                if let Some(WordMatch { quality, kind }) = found {
                    let weight = match_weight(term, kind);
                    let score = quality * field_weight(field) * weight / shares.of(kind, text);
                    for row in self.words.rows(word, field) {
                        note(row, score, field == Field::Message);
                    }
                }
            }
        }
    }

    /// Team note matches: the notes' words the term matches, for the rows they name.
    fn note_scores(
        &self,
        notes: &NoteWords,
        term: &Term,
        shares: &Shares<'_>,
        note: &mut impl FnMut(u32, i64),
    ) {
        for (word, found, rows) in notes.matches(&self.matcher, term) {
            let weight = match_weight(term, found.kind);
            let score = found.quality * NOTE_WEIGHT * weight / shares.of(found.kind, word);
            for &row in rows {
                note(row, score);
            }
        }
    }

    /// Whether `term` may be a typo of another word: not when the catalog has it as
    /// written. A word the catalog writes is meant as written ("authorized" is no typo
    /// of "authorizer", nor "correct" of "incorrect": a ticket saying its app key is
    /// correct found "Incorrect app authentication information" sure).
    fn may_be_typo(&self, term: &Term) -> bool {
        self.words.find(&term.text).is_none()
    }

    /// Vocabulary words that may match `term`, each once: the word and its forms, the
    /// words it means, the words it begins, and (for a meaningful word) its typos.
    fn candidates(&self, term: &Term) -> Vec<usize> {
        let text = term.text.as_str();
        let mut out: Vec<usize> = Vec::new();
        if text.chars().count() < 3 {
            // Too short to begin or misspell anything: the word itself only.
            out.extend(self.words.find(text));
        } else {
            out.extend(self.words.with_prefix(matching::stem(text).unwrap_or(text)));
        }
        for m in &term.means {
            out.extend(self.words.find(m));
        }
        if term.meaningful && text.chars().count() >= 4 && self.may_be_typo(term) {
            out.extend(
                self.words
                    .starting_with_char(text)
                    .filter(|&w| tight(&self.matcher, self.words.text(w), text).is_some()),
            );
            out.extend(self.words.within_edits(text));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Why `row` matched `query`: one line per matched term, strongest match first.
    pub fn why(&self, catalog: &Catalog, row: usize, query: &str) -> Vec<Why> {
        why::explain(self, catalog, row, &self.read(query).0)
    }

    /// The rows `text`'s words find when the search is sure of them (every word read and
    /// matched), at most five, each with why: what paste analysis offers as guesses for
    /// a message no catalog message matches (`analysis::analyze_with_phrases`).
    pub(crate) fn sure_rows(&self, catalog: &Catalog, text: &str) -> Vec<(usize, Vec<String>)> {
        let rows: Vec<usize> = self
            .search(text)
            .into_iter()
            .take_while(|h| h.complete)
            .take(5)
            .map(|h| h.row)
            .collect();
        let whys = self.why_each(catalog, &rows, text);
        rows.into_iter()
            .zip(whys)
            .map(|(row, why)| (row, why.iter().map(ToString::to_string).collect()))
            .collect()
    }

    /// [`SearchIndex::why`] of each of `rows`, the query read once.
    pub(crate) fn why_each(&self, catalog: &Catalog, rows: &[usize], query: &str) -> Vec<Vec<Why>> {
        let query = self.read(query).0;
        rows.iter()
            .map(|&row| why::explain(self, catalog, row, &query))
            .collect()
    }

    /// The catalog's code (normalized) that `term` is one slip from, when the term
    /// reads as no code of the catalog: a letter O for a zero (`apig.03o3`), two letters
    /// of the service swapped or one off (`apgi.0303`; a service of four letters or
    /// more), or another separator (`apig:0303`, handled as the query is read). None
    /// when no code or several are that near.
    fn slipped_code(&self, term: &Term) -> Option<String> {
        let mut guesses: Vec<(usize, String)> = Vec::new();
        for (letters, digits) in code_shapes(&term.text) {
            for service in &self.services {
                let distance = strsim::damerau_levenshtein(letters, service);
                if distance == 0 || (distance == 1 && letters.chars().count() >= 4) {
                    guesses.push((distance, format!("{service}.{digits}")));
                }
            }
        }
        // Every code is read only for a term near a service (a pasted paragraph has
        // hundreds of words with digits), and once for all the guesses.
        if guesses.is_empty() {
            return None;
        }
        let strict = term.code.as_deref().unwrap_or_default();
        let wanted: std::collections::HashSet<&str> = guesses
            .iter()
            .map(|(_, g)| g.as_str())
            .chain([strict])
            .collect();
        let existing: std::collections::HashSet<&str> = self
            .codes
            .iter()
            .map(|(code, _, _, _)| code)
            .filter(|code| wanted.contains(code))
            .collect();
        if existing.contains(strict) {
            return None;
        }
        guesses.retain(|(_, code)| existing.contains(code.as_str()));
        let nearest = guesses.iter().map(|(d, _)| *d).min()?;
        guesses.retain(|(d, _)| *d == nearest);
        guesses.sort_unstable();
        guesses.dedup();
        match guesses.as_slice() {
            [(_, code)] => Some(code.clone()),
            _ => None,
        }
    }

    /// `code` (normalized, `apig.0303`) starts with a service of the catalog.
    fn names_service(&self, code: &str) -> bool {
        let (prefix, _) = split_digits(code);
        self.services.contains(prefix.trim_end_matches('.'))
    }

    /// Some row's code is `code` (normalized).
    fn has_code(&self, code: &str) -> bool {
        self.codes.iter().any(|(row_code, _, digits, _)| {
            if code.contains('.') {
                row_code == code
            } else {
                digits == code
            }
        })
    }

    /// For a query that matches nothing: the same query with each unknown word replaced
    /// by the nearest word of the catalog, if any is near.
    /// Only whole words are offered: a word of letters as the catalog's word of letters
    /// nearest to it, Chinese typed with a near character as the vocabulary's phrase;
    /// a word with digits (`60s`, a code) and Chinese pairs are never changed.
    pub fn suggest(&self, query: &str) -> Option<String> {
        let parsed = self.read(query).0;
        let team = self.team();
        let vocabulary = team.vocabulary.as_ref().unwrap_or(Vocabulary::embedded());
        let mut changed = false;
        let words: Vec<String> = query
            .split_whitespace()
            .map(|token| {
                let folded = fold(&crate::catalog::narrow(token));
                if folded.chars().any(words::is_cjk) {
                    let mut fixed = folded.clone();
                    for (written, phrase) in &parsed.near {
                        fixed = fixed.replace(written.as_str(), phrase);
                    }
                    changed |= fixed != folded;
                    return if fixed == folded {
                        token.to_string()
                    } else {
                        fixed
                    };
                }
                let word = words::trim_token(&folded);
                let letters = word.chars().all(char::is_alphabetic);
                if !letters || vocabulary.is_stopword(&word) {
                    return token.to_string();
                }
                match self.words.nearest(&word) {
                    Some(w) => {
                        changed = true;
                        w.to_string()
                    }
                    None => token.to_string(),
                }
            })
            .collect();
        changed.then(|| words.join(" "))
    }

    /// Char indices of `text` that the query matched, for highlighting a table cell:
    /// the words themselves, their typos, and the words the vocabulary says they mean.
    pub fn highlights(&self, text: &str, query: &str) -> Vec<usize> {
        let folded = fold(text);
        let mut out: Vec<usize> = Vec::new();
        for term in self.read(query).0.terms {
            if let Some(code) = term.code.as_ref().filter(|_| term.as_code) {
                out.extend(word_chars(&folded, code_digits(code)));
            }
            if term.text.chars().all(|c| c.is_ascii_digit()) {
                // A number is marked where it is a whole token, as the search matches
                // it: the 401 of a ticket's sentence is not inside "APIG.0401".
                out.extend(word_chars(&folded, &term.text));
                for m in &term.means {
                    out.extend(word_chars(&folded, m));
                }
                continue;
            }
            if !term.meaningful {
                // "then" is marked where it is a word, not inside "authentication".
                out.extend(word_chars(&folded, &term.text));
                continue;
            }
            match tight(&self.matcher, &folded, &term.text) {
                Some(idx) => out.extend(idx),
                None => out.extend(substring_chars(&folded, &term.text)),
            }
            for m in &term.means {
                out.extend(word_chars(&folded, m));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// How much a word of the query weighs: a stopword a tenth, a word that says where the
/// error happens (an environment, a region) half, as "throtling on release stage" is
/// about throttling, wherever it happens.
fn term_weight(term: &Term) -> i64 {
    match (term.meaningful, term.context) {
        (false, _) => STOPWORD,
        (true, true) => CONTEXT,
        (true, false) => MEANINGFUL,
    }
}

/// How much one match of `term` weighs: a generic word's own match ("failed" in a
/// message), or a stopword's that only a phrase made meaningful ("not" of "does not
/// match"), as a stopword's, what a phrase it is part of means as the term weighs; a
/// vague word (`失败` alone) as a stopword whatever it matches.
fn match_weight(term: &Term, kind: matching::Kind) -> i64 {
    let own = kind != matching::Kind::Synonym;
    if term.vague || ((term.generic || term.phrase_only) && own) {
        STOPWORD
    } else {
        term_weight(term)
    }
}

/// How much a term that `matched` of `rows` rows tells, in percent: 300 for a term
/// only one row has, down to 100 for one every row has ("tls" says more than
/// "authorized"). Smoothed, so it tells words apart without outweighing how they matched.
fn rarity(matched: usize, rows: usize) -> i64 {
    if matched == 0 || rows < 2 {
        return 100;
    }
    let idf = (rows as f64 / matched as f64).ln() / (rows as f64).ln();
    100 + (200.0 * idf).round() as i64
}

/// How many terms of a query bring each catalog word as a synonym: "release stage"
/// both mean "environment", and a row with "environment" should count it once, not once
/// per word that says it. A synonym match weighs its share.
struct Shares<'a> {
    means: std::collections::HashMap<&'a str, i64>,
}

fn synonym_shares(query: &Query) -> Shares<'_> {
    let mut means = std::collections::HashMap::new();
    for term in &query.terms {
        for m in &term.means {
            *means.entry(m.as_str()).or_insert(0) += 1;
        }
    }
    Shares { means }
}

impl Shares<'_> {
    /// What a match of `kind` on the catalog word `word` is divided by.
    fn of(&self, kind: matching::Kind, word: &str) -> i64 {
        match kind {
            matching::Kind::Synonym => self.means.get(word).copied().unwrap_or(1).max(1),
            _ => 1,
        }
    }
}

/// A term as (service letters, digits) where it reads as a code typed with a slip:
/// letters, a separator or none, then digits with perhaps a letter O for a zero
/// (`apig.03o3` as ("apig", "0303"); `apigo303` also as ("apig", "0303")).
fn code_shapes(text: &str) -> Vec<(&str, String)> {
    let letters_end = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let mut out = Vec::new();
    // The letters may end in O's that are zeros of the digits.
    for end in (1..=letters_end).rev() {
        let (Some(letters), Some(rest)) = (text.get(..end), text.get(end..)) else {
            continue;
        };
        let digits = rest.trim_start_matches(['.', '-', '_', ':']);
        if letters.chars().count() >= 3 && query::is_digits_typed(digits) {
            out.push((letters, digits.replace('o', "0")));
        }
        if !letters.ends_with('o') {
            break;
        }
    }
    out
}

/// The hit a [`SearchIndex::rank_key`] stands for (never sure: only the first may be).
fn hit_of_key(key: u128) -> Hit {
    let score = u64::MAX - ((key >> 63) as u64);
    Hit {
        row: (key & u128::from(u32::MAX)) as usize,
        score: score as i64,
        complete: key >> 127 == 0,
        sure: false,
    }
}

/// The rows (catalog indices) that keep a complete first of `hits` (best first) from
/// being sure: complete rows scoring at least [`CLEAR_LEAD`] of its score, and those
/// scoring at least [`SAID_LEAD`] of it whose message says more of the query's words
/// (`in_message`, by row) than the first's: the first then leads on keywords or details
/// that only talk about the error ("IAM token expired" is APIG.0301's keywords, and
/// every word of APIG.0307's message "The token must be updated."). A managing row first
/// is kept from being sure by a calling row at [`SAID_LEAD`] too: the errors a caller
/// meets are the calling catalog's, so a managing row must lead one clearly ("domain not
/// bound to group" found APIG.3474 sure with APIG.0101 at 89 %).
fn close_rows(hits: &[Hit], in_message: &[u32], managing: &[bool]) -> Vec<usize> {
    let Some(first) = hits.first().filter(|h| h.complete) else {
        return Vec::new();
    };
    let said = |row: usize| in_message.get(row).copied().unwrap_or(0);
    let managing = |row: usize| managing.get(row).copied().unwrap_or(false);
    let over_calling = |h: &Hit| managing(first.row) && !managing(h.row);
    let at_least = |h: &Hit, (n, d): (i64, i64)| h.score * d >= first.score * n;
    hits.iter()
        .skip(1)
        .take_while(|h| h.complete && at_least(h, SAID_LEAD))
        .filter(|h| at_least(h, CLEAR_LEAD) || said(h.row) > said(first.row) || over_calling(h))
        .map(|h| h.row)
        .collect()
}

/// A term read as a code, worked out once per query rather than once per row.
struct CodeReading {
    /// `apig.0308`, or the digits alone.
    code: String,
    /// It names the service (`apig.0308`), not only digits (`0308`).
    dotted: bool,
    prefix: String,
    digits: String,
    /// The term is also a three-digit status.
    status: Option<u16>,
    /// It may match codes; else only the status (a bare number in a sentence).
    as_code: bool,
}

impl CodeReading {
    fn of(term: &Term) -> Option<Self> {
        let code = term.code.clone()?;
        let status = term
            .text
            .parse()
            .ok()
            .filter(|_| term.text.len() == 3 && term.as_status);
        if !term.as_code && status.is_none() {
            return None;
        }
        let (prefix, digits) = split_digits(&code);
        Some(CodeReading {
            as_code: term.as_code,
            dotted: code.contains('.'),
            prefix: prefix.to_string(),
            digits: digits.to_string(),
            status,
            code,
        })
    }
}

/// `apig.0308` as (`apig.`, `0308`); a bare number has no prefix.
fn split_digits(code: &str) -> (&str, &str) {
    let digits = code_digits(code);
    (code.strip_suffix(digits).unwrap_or_default(), digits)
}

/// Char indices of `word` where it stands as a whole word in `text`.
fn word_chars(text: &str, word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    for (byte, _) in text.match_indices(word) {
        let before = text.get(..byte).unwrap_or_default();
        let after = text.get(byte + word.len()..).unwrap_or_default();
        let boundary =
            !before.ends_with(char::is_alphanumeric) && !after.starts_with(char::is_alphanumeric);
        if boundary {
            let start = before.chars().count();
            out.extend(start..start + word.chars().count());
        }
    }
    out
}

fn substring_chars(text: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    let Some(byte) = text.find(needle) else {
        return Vec::new();
    };
    let start = text.get(..byte).unwrap_or_default().chars().count();
    (start..start + needle.chars().count()).collect()
}

#[cfg(test)]
mod tests;
