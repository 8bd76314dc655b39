//! The catalog's rows as an analysis looks them up: rows by code, and by the words and
//! the beginning of their messages and aliases. With them a message is compared with the
//! rows it may be, not with every row, so an analysis costs about the same with 364 rows
//! as with 100,000. They are made once per catalog and kept with it (see
//! [`Catalog::derived`]), each part when an analysis first needs it.
//!
//! Each lookup returns every row a comparison could accept (a superset); the callers
//! compare those as before, so the answers are those of a comparison with every row.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::details::Details;
use super::matching::ByMessage;
use super::prose::STOPWORDS;
use super::resemble::{Counts, Other};
use super::said::Said;
use crate::catalog::{AuthMode, Catalog, fold};

/// A catalog's rows as analyses look them up, kept with the catalog.
pub(crate) struct Rows {
    /// The details the gateway appends to messages.
    pub(crate) details: Details,
    /// Codes of catalogs other than APIG's (loaded service tables), which a paste may
    /// carry instead of an APIG code, as the catalog writes them.
    foreign: FxHashSet<String>,
    codes: OnceLock<Codes>,
    messages: OnceLock<Messages>,
    said: OnceLock<Said>,
}

impl Rows {
    /// The rows of `catalog`, made on the first analysis with it.
    pub(crate) fn of(catalog: &Catalog) -> Arc<Rows> {
        catalog.derived(|catalog| Rows {
            details: Details::of(catalog),
            foreign: catalog
                .entries
                .iter()
                .filter(|e| {
                    !e.code().get(..4).is_some_and(|p| {
                        p.eq_ignore_ascii_case("apig") || p.eq_ignore_ascii_case("apic")
                    })
                })
                .map(|e| e.code().to_string())
                .collect(),
            codes: OnceLock::new(),
            messages: OnceLock::new(),
            said: OnceLock::new(),
        })
    }

    /// Every part made now, not when an analysis first asks: a load does this with the
    /// search index, off the window's thread. With 100,000 rows the messages' automaton
    /// alone is seconds of work, which the first analysis would otherwise wait for.
    pub(crate) fn prepare(&self, catalog: &Catalog) {
        self.codes.get_or_init(|| Codes::of(catalog));
        self.said(catalog);
    }

    /// Whether `line` holds a catalog message whole (see [`Said`]; made on the first log
    /// that asks).
    pub(crate) fn said_in_line(&self, catalog: &Catalog, line: &str) -> bool {
        self.said(catalog).in_line(self.messages(catalog), line)
    }

    fn messages(&self, catalog: &Catalog) -> &Messages {
        self.messages.get_or_init(|| Messages::of(catalog))
    }

    fn said(&self, catalog: &Catalog) -> &Said {
        self.said
            .get_or_init(|| Said::of(catalog, self.messages(catalog)))
    }

    /// Whether `code` is, as written, the code of a row of a catalog other than APIG's.
    pub(crate) fn is_foreign_code(&self, code: &str) -> bool {
        self.foreign.contains(code)
    }

    /// Whether any loaded catalog has another service's codes.
    pub(crate) fn has_foreign(&self) -> bool {
        !self.foreign.is_empty()
    }
}

/// What one analysis looks rows up with, and what it already worked out: each distinct
/// message (with the code's presence, the status and how it was read) is matched once.
pub(crate) struct Lookup<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) rows: Arc<Rows>,
    /// Rows compared by resemblance so far (see `matching::MAX_COMPARED`).
    pub(crate) compared: usize,
    /// Message matches by (message, has a code, message only, status, way of signing in).
    pub(crate) memo: FxHashMap<MemoKey, ByMessage>,
    /// Rows by code as written, looked up so far: each error's code is looked up more
    /// than once (by matching, by the triage), and a log repeats its codes.
    code_memo: RefCell<FxHashMap<String, Vec<usize>>>,
}
/// What a message's matches depend on besides the catalog: the message, whether the
/// paste has a code, whether the text is the message only, the status, and how the
/// request signed in.
pub(crate) type MemoKey = (String, bool, bool, Option<u16>, Option<AuthMode>);

impl<'c> Lookup<'c> {
    pub(crate) fn new(catalog: &'c Catalog, rows: Arc<Rows>) -> Self {
        Lookup {
            catalog,
            rows,
            compared: 0,
            memo: FxHashMap::default(),
            code_memo: RefCell::default(),
        }
    }

    /// The rows whose code is `code`, whatever its ASCII case, in catalog order.
    pub(crate) fn code_rows(&self, code: &str) -> Vec<usize> {
        if let Some(rows) = self.code_memo.borrow().get(code) {
            return rows.clone();
        }
        let codes = self.rows.codes.get_or_init(|| Codes::of(self.catalog));
        let rows = codes.rows(self.catalog, code);
        self.code_memo
            .borrow_mut()
            .insert(code.to_string(), rows.clone());
        rows
    }

    pub(crate) fn messages(&self) -> &Messages {
        self.rows.messages(self.catalog)
    }

    pub(crate) fn details(&self) -> &Details {
        &self.rows.details
    }
}

/// Of a catalog message, the chars an exact find (the same message, a template's fixed
/// beginning, the message followed by a detail) must begin with.
const KEY_CHARS: usize = 4;

/// A catalog's rows by code: the rows sorted by code (ASCII case aside), then by row.
/// Row numbers only, the codes read from the rows: a map of owned codes took 14 MB with
/// 100,000 rows, this takes 0.4 MB.
pub(crate) struct Codes {
    rows: Vec<u32>,
}

/// A code as the index orders it: its bytes, ASCII upper-cased.
fn code_key(code: &str) -> impl Iterator<Item = u8> + '_ {
    code.bytes().map(|b| b.to_ascii_uppercase())
}

impl Codes {
    pub(crate) fn of(catalog: &Catalog) -> Self {
        let code = |row: u32| {
            catalog
                .entries
                .get(row as usize)
                .map(|e| e.code())
                .unwrap_or_default()
        };
        let mut rows: Vec<u32> = (0..catalog.entries.len())
            .filter_map(|r| u32::try_from(r).ok())
            .collect();
        // Stable: rows of one code stay in catalog order.
        rows.sort_by(|&a, &b| code_key(code(a)).cmp(code_key(code(b))));
        Codes { rows }
    }

    /// The rows of `catalog` whose code is `code`, whatever its ASCII case, in catalog
    /// order.
    pub(crate) fn rows(&self, catalog: &Catalog, code: &str) -> Vec<usize> {
        let key = |row: &u32| {
            let row = catalog.entries.get(*row as usize).map(|e| e.code());
            code_key(row.unwrap_or_default()).cmp(code_key(code))
        };
        let from = self.rows.partition_point(|r| key(r).is_lt());
        // The rows of one code lie together: read on while they have it, rather than
        // search again for where they end (a log's codes are looked up thousands of times).
        self.rows
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|r| key(r).is_eq())
            .map(|&r| r as usize)
            .collect()
    }
}

/// A catalog's messages and aliases by their words and their beginning.
pub(crate) struct Messages {
    /// By the first [`KEY_CHARS`] folded chars an exact find must begin with, the rows
    /// with all it must begin with (see [`Start`]).
    by_start: FxHashMap<String, Vec<Start>>,
    /// Rows whose exact finds begin with fewer chars than that: always compared.
    short: Vec<u32>,
    /// Rows by the first word of a message's fixed part (before a `{`), as prose reads it.
    by_first_word: FxHashMap<String, Vec<u32>>,
    /// Rows by each meaningful (not stop-) word of a message's fixed part.
    by_word: FxHashMap<String, Vec<u32>>,
    /// Of each row, the fewest meaningful words a text must share with one of its
    /// messages and aliases for prose to find it ([`super::prose::words_needed`]).
    needed: Vec<u8>,
    /// Every message and alias's folded length in chars, with its row, shortest first.
    lengths: Vec<(u32, u32)>,
    /// Every row's message and aliases folded as the matcher compares them, in row
    /// order: folded once per catalog, not once per comparison.
    texts: Vec<Text>,
    /// Where each row's texts begin in `texts` (one more entry than rows).
    first_text: Vec<u32>,
}

/// A catalog message or alias as the matcher compares it: [`folded`], its chars and
/// their [`Counts`] counted once.
pub(crate) struct Text {
    pub folded: Box<str>,
    /// Its length in chars (32 bits: a catalog holds a Text for every message and alias).
    chars: u32,
    counts: Option<Counts>,
    /// Of a template (`… {name} …`), the bytes of `folded` before its first `{`, spaces
    /// at their end left out: found once, not once per comparison.
    fixed: Option<u32>,
}

impl Text {
    pub(crate) fn of(message: &str) -> Text {
        let folded = folded(message);
        Text {
            chars: as_u32(folded.chars().count()),
            counts: Counts::of(&folded),
            fixed: folded
                .split_once('{')
                .map(|(p, _)| as_u32(p.trim_end().len())),
            folded: folded.into_boxed_str(),
        }
    }

    /// Of a template, its fixed beginning (what precedes its first `{`, without the
    /// spaces at its end); None for a text that is no template.
    pub(crate) fn template_prefix(&self) -> Option<&str> {
        self.folded.get(..self.fixed? as usize)
    }

    /// Its length in chars.
    pub(crate) fn chars(&self) -> usize {
        self.chars as usize
    }

    /// The text as a resemblance compares it.
    pub(crate) fn other(&self) -> Other<'_> {
        Other {
            text: &self.folded,
            chars: self.chars(),
            counts: self.counts.as_ref(),
        }
    }

    /// A row's message and its aliases, in that order.
    pub(crate) fn all_of(e: &crate::catalog::Entry) -> Vec<Text> {
        std::iter::once(e.message())
            .chain(e.aliases().iter().map(String::as_str))
            .map(Text::of)
            .collect()
    }
}

/// What an exact find of a row's message begins with: its folded fixed part (before a
/// `{`), told by its length in bytes and its hash. A message begins so when its prefix of
/// that length has that hash (and perhaps, rarely, when it does not begin so: the fit
/// then says).
struct Start {
    row: u32,
    len: u32,
    hash: u64,
}

/// The words of a message as prose reads them: runs of letters, digits and `_`, each
/// char lower-cased to one char.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .map(|c| c.to_lowercase().next().unwrap_or(c))
                .collect()
        })
}

/// A catalog message folded as the matcher compares it: trimmed, without its final period.
pub(crate) fn folded(message: &str) -> String {
    fold(message.trim().trim_end_matches('.').trim_end())
}

fn push(map: &mut FxHashMap<String, Vec<u32>>, key: String, row: u32) {
    let rows = map.entry(key).or_default();
    if rows.last() != Some(&row) {
        rows.push(row);
    }
}

impl Messages {
    pub(crate) fn of(catalog: &Catalog) -> Self {
        let mut index = Messages {
            by_start: FxHashMap::default(),
            short: Vec::new(),
            by_first_word: FxHashMap::default(),
            by_word: FxHashMap::default(),
            needed: Vec::with_capacity(catalog.entries.len()),
            lengths: Vec::new(),
            texts: Vec::new(),
            first_text: Vec::with_capacity(catalog.entries.len() + 1),
        };
        for (row, e) in catalog.entries.iter().enumerate() {
            // Rows and texts as u32 (half a usize): 100,000 rows are indexed several times.
            let row = u32::try_from(row).unwrap_or(u32::MAX);
            index.first_text.push(as_u32(index.texts.len()));
            let texts = std::iter::once(e.message()).chain(e.aliases().iter().map(String::as_str));
            let mut needed = usize::MAX;
            for text in texts {
                let folded = Text::of(text);
                let c: &str = &folded.folded;
                index.lengths.push((folded.chars, row));
                let key = match c.split_once('{') {
                    Some((prefix, _)) if !prefix.trim_end().is_empty() => prefix.trim_end(),
                    _ => c,
                };
                if key.chars().count() >= KEY_CHARS {
                    index
                        .by_start
                        .entry(key.chars().take(KEY_CHARS).collect())
                        .or_default()
                        .push(Start {
                            row,
                            len: as_u32(key.len()),
                            hash: FxBuildHasher.hash_one(key),
                        });
                } else if index.short.last() != Some(&row) {
                    index.short.push(row);
                }
                let fixed = text.split('{').next().unwrap_or_default();
                let mut meaningful = Vec::new();
                for (i, word) in words(fixed).enumerate() {
                    if i == 0 {
                        push(&mut index.by_first_word, word.clone(), row);
                    }
                    if !STOPWORDS.contains(word.as_str()) {
                        if !meaningful.contains(&word) {
                            meaningful.push(word.clone());
                        }
                        push(&mut index.by_word, word, row);
                    }
                }
                needed = needed.min(super::prose::words_needed(meaningful.len()));
                index.texts.push(folded);
            }
            index.needed.push(u8::try_from(needed).unwrap_or(u8::MAX));
        }
        index.first_text.push(as_u32(index.texts.len()));
        index.lengths.sort_unstable();
        // Grown by pushing: the room grown for more goes back (a few MB with 100,000 rows).
        let lists = index.by_word.values_mut();
        lists
            .chain(index.by_first_word.values_mut())
            .for_each(Vec::shrink_to_fit);
        index.by_start.values_mut().for_each(Vec::shrink_to_fit);
        index.texts.shrink_to_fit();
        index
    }

    /// Every row's message and aliases as compared, in row order.
    pub(crate) fn texts(&self) -> &[Text] {
        &self.texts
    }

    /// The `i`th of [`Messages::texts`].
    pub(crate) fn text(&self, i: usize) -> Option<&Text> {
        self.texts.get(i)
    }

    /// The row's message and aliases as compared (in that order), folded when the index
    /// was made.
    pub(crate) fn texts_of(&self, row: usize) -> &[Text] {
        let from = self.first_text.get(row).copied().unwrap_or_default();
        let to = self.first_text.get(row + 1).copied().unwrap_or(from);
        self.texts
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// Rows one of whose messages may be `said` (folded) exactly, as a template or with a
    /// detail: those whose fixed part `said` begins with, and those too short to be told
    /// by it.
    pub(crate) fn exact(&self, said: &str) -> Vec<usize> {
        let start: String = said.chars().take(KEY_CHARS).collect();
        let mut rows: Vec<usize> = self
            .by_start
            .get(&start)
            .into_iter()
            .flatten()
            .filter(|s| {
                said.get(..s.len as usize)
                    .is_some_and(|p| FxBuildHasher.hash_one(p) == s.hash)
            })
            .map(|s| s.row as usize)
            .collect();
        rows.extend(self.short.iter().map(|&r| r as usize));
        sorted(rows)
    }

    /// How many messages and aliases have a length in chars within `range`.
    pub(crate) fn count_of_length(&self, range: &std::ops::RangeInclusive<usize>) -> usize {
        self.of_length_span(range).len()
    }

    /// Where the messages and aliases of a length within `range` are in `lengths`.
    fn of_length_span(&self, range: &std::ops::RangeInclusive<usize>) -> std::ops::Range<usize> {
        let at = |l: u32| l as usize;
        let from = self
            .lengths
            .partition_point(|&(l, _)| at(l) < *range.start());
        let to = self
            .lengths
            .partition_point(|&(l, _)| at(l) <= *range.end());
        from..to.max(from)
    }

    /// The rows with a message or alias of a length within `range`, in catalog order.
    pub(crate) fn of_length(&self, range: &std::ops::RangeInclusive<usize>) -> Vec<usize> {
        sorted(
            self.lengths
                .get(self.of_length_span(range))
                .unwrap_or_default()
                .iter()
                .map(|&(_, row)| row as usize)
                .collect(),
        )
    }

    /// At most `most` rows that share meaningful `words` with a message, those sharing
    /// the most first (then in catalog order).
    pub(crate) fn sharing_words(&self, words: &[String], most: usize) -> Vec<usize> {
        let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
        for w in words {
            for &row in self.by_word.get(w.as_str()).into_iter().flatten() {
                *shared.entry(row as usize).or_default() += 1;
            }
        }
        let mut rows: Vec<(usize, usize)> = shared.into_iter().collect();
        rows.sort_unstable_by_key(|&(row, n)| (std::cmp::Reverse(n), row));
        rows.truncate(most);
        sorted(rows.into_iter().map(|(row, _)| row).collect())
    }

    /// Rows whose message a text with these distinct `words` may hold, in catalog order:
    /// those it shares as many meaningful words with as one of their messages needs
    /// ([`super::prose::words_needed`]), and two at least unless it also has a message's
    /// first word (a find word for word begins there; a near find needs two). A superset
    /// of the rows [`super::prose`] accepts.
    pub(crate) fn in_text<'w>(&self, words: impl Iterator<Item = &'w str>) -> Vec<usize> {
        let words: Vec<&str> = words.collect();
        let needed = |row: u32| self.needed.get(row as usize).copied().unwrap_or(0);
        let mut rows = Vec::new();
        SHARED.with_borrow_mut(|shared| {
            // Counted in an array, a byte a row, not a map: a log line's words are in
            // thousands of a 100,000-row catalog's lists, and each line is one call.
            shared.resize(self.needed.len(), 0);
            for list in lists(&self.by_word, &words) {
                for &row in list {
                    if let Some(n) = shared.get_mut(row as usize) {
                        *n = n.saturating_add(1);
                    }
                }
            }
            let count = |shared: &[u8], row: u32| shared.get(row as usize).copied().unwrap_or(0);
            for list in lists(&self.by_first_word, &words) {
                rows.extend(
                    list.iter()
                        .filter(|&&row| count(shared, row) >= needed(row)),
                );
            }
            // Each row once (its count is cleared when it is first met), and the array
            // left all zero for the next text.
            for list in lists(&self.by_word, &words) {
                for &row in list {
                    let n = count(shared, row);
                    if n >= 2 && n >= needed(row) {
                        rows.push(row);
                    }
                    if let Some(n) = shared.get_mut(row as usize) {
                        *n = 0;
                    }
                }
            }
        });
        let mut rows: Vec<usize> = rows.into_iter().map(|row| row as usize).collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }
}

/// The lists of `map` of those of `words` it has.
fn lists<'a>(
    map: &'a FxHashMap<String, Vec<u32>>,
    words: &'a [&str],
) -> impl Iterator<Item = &'a Vec<u32>> {
    words.iter().filter_map(|w| map.get(*w))
}

thread_local! {
    /// [`Messages::in_text`]'s count of shared words per row, kept between calls (all
    /// zero between them): made anew for each log line, its 100 KB with 100,000 rows cost
    /// more than the counting.
    static SHARED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A count or place within a catalog's texts (far below 2^32) as the index keeps it.
fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn sorted(mut rows: Vec<usize>) -> Vec<usize> {
    rows.sort_unstable();
    rows.dedup();
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distinct meaningful words of a message's fixed part, in order.
    fn meaningful(message: &str) -> Vec<String> {
        let fixed = message.split('{').next().unwrap_or_default();
        let mut out: Vec<String> = Vec::new();
        for w in words(fixed).filter(|w| !STOPWORDS.contains(w.as_str())) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    #[test]
    fn a_text_with_the_words_a_near_find_needs_is_compared_with_the_row() {
        // Half of a message's meaningful words (two at least), without its first word:
        // what a window with a changed word may have. Every such row is compared.
        let catalog = Catalog::embedded();
        let index = Messages::of(&catalog);
        for (row, e) in catalog.entries.iter().enumerate() {
            for text in std::iter::once(e.message()).chain(e.aliases().iter().map(String::as_str)) {
                let words = meaningful(text);
                if words.len() < 2 {
                    continue;
                }
                let need = crate::analysis::prose::words_needed(words.len());
                let some: Vec<&str> = words.iter().rev().take(need).map(String::as_str).collect();
                assert!(
                    index.in_text(some.iter().copied()).contains(&row),
                    "{text}: {some:?}"
                );
            }
        }
    }

    #[test]
    fn a_text_with_too_few_of_a_long_message_s_words_is_not_compared_with_it() {
        // Two words shared with a message of six meaningful ones are no find: with
        // 100,000 rows they took in thousands of rows per log line.
        let catalog = Catalog::embedded();
        let index = Messages::of(&catalog);
        let texts = |e: &crate::catalog::Entry| -> Vec<String> {
            std::iter::once(e.message().to_string())
                .chain(e.aliases().iter().cloned())
                .collect()
        };
        let (row, words) = catalog
            .entries
            .iter()
            .enumerate()
            .find_map(|(row, e)| {
                let all = texts(e);
                let long = all.iter().all(|t| meaningful(t).len() >= 6);
                long.then(|| (row, meaningful(&all[0])))
            })
            .expect("a row of long messages");
        let need = crate::analysis::prose::words_needed(words.len());
        let last: Vec<&str> = words.iter().rev().map(String::as_str).collect();
        assert!(
            !index.in_text(last.iter().take(2).copied()).contains(&row),
            "{words:?}"
        );
        assert!(
            index
                .in_text(last.iter().take(need).copied())
                .contains(&row),
            "{words:?}"
        );
    }

    #[test]
    fn a_codes_rows_are_found_whatever_its_case_and_again_from_the_memo() {
        let catalog = Catalog::embedded();
        let lookup = Lookup::new(&catalog, Rows::of(&catalog));
        for code in [
            "APIG.0201",
            "apig.0201",
            "APIG.0308",
            "APIG.9999",
            "",
            "zzz",
        ] {
            let want: Vec<usize> = catalog
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.code().eq_ignore_ascii_case(code))
                .map(|(r, _)| r)
                .collect();
            assert_eq!(lookup.code_rows(code), want, "{code}");
            assert_eq!(lookup.code_rows(code), want, "{code}, memo");
        }
    }

    #[test]
    fn preparing_makes_every_part_an_analysis_looks_rows_up_with() {
        let catalog = Catalog::embedded();
        crate::analysis::prepare_analysis(&catalog);
        let rows = Rows::of(&catalog);
        assert!(rows.codes.get().is_some(), "rows by code");
        assert!(rows.messages.get().is_some(), "rows by message");
        assert!(
            rows.said.get().is_some(),
            "the messages a log line may hold"
        );
    }
}
