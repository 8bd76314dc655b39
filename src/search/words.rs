//! The vocabulary of the catalog: each distinct folded word once, sorted, with the rows
//! (per field) that contain it.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::binary::{Malformed, Reader, Writer};
use crate::catalog::{Catalog, Entry};

use super::postings::{PackedLists, Rows};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    /// Message and aliases.
    Message = 0,
    /// Keywords and the gateway's detail strings: both name the error in few words.
    Keywords = 1,
    Description = 2,
    Solution = 3,
}

impl Field {
    pub(crate) const ALL: [Field; 4] = [
        Field::Message,
        Field::Keywords,
        Field::Description,
        Field::Solution,
    ];

    /// Typos are forgiven in the short fields that name the error; in a paragraph a
    /// typo's near neighbours are found too often to mean anything.
    pub(crate) fn allows_typos(self) -> bool {
        matches!(self, Field::Message | Field::Keywords)
    }
}

/// The texts indexed as [`Field::Keywords`]: the row's keywords, then its gateway
/// details (weighed alike; `why` tells them apart).
pub(super) fn keyword_texts(e: &Entry) -> impl Iterator<Item = &str> {
    e.keywords().iter().chain(e.details()).map(String::as_str)
}

pub(super) struct WordIndex {
    /// Sorted, distinct.
    words: Vec<String>,
    /// List `word * 4 + field`: the rows in ascending order, each once.
    rows: PackedLists,
    /// Adjacent word pairs of messages and keywords ("access denied") as the positions of
    /// their two words in `words` (first << 32 | second), sorted, distinct: numbers, not
    /// strings, as a big catalog has hundreds of thousands of distinct pairs.
    pairs: Vec<u64>,
    /// List `pair`: the rows that have it.
    pair_rows: PackedLists,
}

impl WordIndex {
    /// One pass over the rows. Each word is folded into a reused buffer and looked up
    /// before it is copied, so a word is allocated once per catalog, not once per use
    /// (100,000 rows hold millions of words but only tens of thousands of distinct ones).
    /// Built on two threads, each over half the rows with a vocabulary of its own; the
    /// two are then merged, a word's rows being those of the first half then the second.
    /// Halves of the rows take equally long, where halves of the fields did not (a
    /// message's words also make pairs). `beside` is done on the second thread once its
    /// half is built, while the first merges the halves (the search index's codes: they
    /// would otherwise wait for the merge).
    pub(crate) fn new_beside<T: Send>(
        catalog: &Catalog,
        rows_done: &mut dyn FnMut(usize),
        beside: impl Fn() -> T + Sync,
    ) -> (Self, T) {
        let all = catalog.entries.len();
        let (first, second) = (0..all / 2, all / 2..all);
        let (a, b) = std::thread::scope(|scope| {
            let b = scope.spawn(|| {
                let part = Part::build(catalog, second.clone(), &mut |_| {});
                crate::trace::mark("word index, second half");
                (part, beside())
            });
            // This half says how far both are.
            let a = Part::build(catalog, first, &mut |done| rows_done(done * 2));
            crate::trace::mark("word index, first half");
            // A thread that could not finish is done again here.
            let b = b
                .join()
                .unwrap_or_else(|_| (Part::build(catalog, second.clone(), &mut |_| {}), beside()));
            let merged = merge(a, b.0);
            crate::trace::mark("word index merged");
            (merged, b.1)
        });
        (a, b)
    }

    /// [`WordIndex::new_beside`] with nothing beside.
    #[cfg(test)]
    pub(crate) fn new(catalog: &Catalog, rows_done: &mut dyn FnMut(usize)) -> Self {
        Self::new_beside(catalog, rows_done, || ()).0
    }

    pub(crate) fn write_to(&self, w: &mut Writer) {
        w.len(self.words.len());
        for word in &self.words {
            w.str(word);
        }
        self.rows.write_to(w);
        w.u64s(&self.pairs);
        self.pair_rows.write_to(w);
    }

    /// The index [`WordIndex::write_to`] wrote, for a catalog of `rows` rows.
    pub(crate) fn read_from(r: &mut Reader<'_>, rows: u32) -> Result<Self, Malformed> {
        let n = r.count(4)?;
        let words = (0..n)
            .map(|_| r.str().map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        let postings = PackedLists::read_from(r, n * 4, rows)?;
        let pairs = r.u64s()?;
        let pair_rows = PackedLists::read_from(r, pairs.len(), rows)?;
        Ok(WordIndex {
            words,
            rows: postings,
            pairs,
            pair_rows,
        })
    }

    /// The rows whose message or keywords hold `pair` ("access denied").
    pub(crate) fn rows_with_pair(&self, pair: &str) -> Rows<'_> {
        // A pair no row has reads past the last list, which is empty.
        let key = pair.split_once(' ').and_then(|(first, second)| {
            Some(pair_key(
                self.find(first)? as u32,
                self.find(second)? as u32,
            ))
        });
        let i = key
            .and_then(|key| self.pairs.binary_search(&key).ok())
            .unwrap_or(self.pairs.len());
        self.pair_rows.get(i)
    }

    pub(crate) fn text(&self, word: usize) -> &str {
        &self.words[word]
    }

    pub(crate) fn rows(&self, word: usize, field: Field) -> Rows<'_> {
        self.rows.get(word * 4 + field as usize)
    }

    /// Words starting with the term's first char: the only ones a tight fuzzy match,
    /// which must start at a word, can hit.
    pub(crate) fn starting_with_char(&self, term: &str) -> std::ops::Range<usize> {
        match term.chars().next() {
            Some(c) => self.with_prefix_range(c.encode_utf8(&mut [0; 4])),
            None => 0..0,
        }
    }

    /// Words that start with `prefix`.
    pub(crate) fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        if prefix.is_empty() {
            return 0..0;
        }
        self.with_prefix_range(prefix)
    }

    fn with_prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|w| w.as_str() < prefix);
        let end = start + self.words[start..].partition_point(|w| w.starts_with(prefix));
        start..end
    }

    /// The index of `word`, if the catalog has it.
    pub(crate) fn find(&self, word: &str) -> Option<usize> {
        self.words.binary_search_by(|w| w.as_str().cmp(word)).ok()
    }

    /// Words within one or two edits of `term` (transposed or doubled letters, which a
    /// subsequence match cannot forgive).
    pub(crate) fn within_edits<'a>(&'a self, term: &'a str) -> impl Iterator<Item = usize> + 'a {
        let len = term.chars().count();
        let allowed = if len <= 6 { 1 } else { 2 };
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| {
                w.len() + allowed >= term.len() && w.len() <= term.len() + allowed
            })
            // An edit changes at most two of the letters a word has: most words are
            // ruled out before the costly distance (a pasted paragraph has many terms).
            .filter(move |(_, w)| (letters(w) ^ letters(term)).count_ones() as usize <= 2 * allowed)
            .filter(move |(_, w)| {
                let d = strsim::damerau_levenshtein(w, term);
                d > 0 && d <= allowed
            })
            .map(|(i, _)| i)
    }

    /// The catalog word of letters nearest to `term` (at most a third of its letters
    /// off), for "did you mean"; None when `term` is a catalog word or nothing is near.
    pub(crate) fn nearest(&self, term: &str) -> Option<&str> {
        let len = term.chars().count();
        if len < 3 || self.find(term).is_some() {
            return None;
        }
        let allowed = (len / 3).max(1);
        self.words
            .iter()
            // Whole words of letters only: never a number (`600s` for `60s`) nor a piece.
            .filter(|w| w.chars().all(char::is_alphabetic))
            .filter(|w| w.len() + allowed >= term.len() && w.len() <= term.len() + allowed)
            .map(|w| (strsim::damerau_levenshtein(w, term), w))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, w)| (*d, w.len()))
            .map(|(_, w)| w.as_str())
    }
}

/// Which bytes a word has, each as one of 64 bits.
fn letters(word: &str) -> u64 {
    word.bytes().fold(0, |mask, b| mask | 1 << (b % 64))
}

fn pair_key(first: u32, second: u32) -> u64 {
    ((first as u64) << 32) | second as u64
}

/// The index of some rows, with its own vocabulary: a part built on one thread.
struct Part {
    /// Sorted, distinct.
    words: Vec<String>,
    /// The rows of list `word * 4 + field` (words in the order of `words`).
    lists: Lists,
    /// Adjacent pairs by the positions of their words in `words`, sorted, each with the
    /// number of its list in `pair_lists`.
    pairs: Vec<(u64, u32)>,
    pair_lists: Lists,
}

impl Part {
    /// Two passes and no list grown row by row: the first numbers each word as it first
    /// appears and notes which (word, field) each row has, once, and each pair a row
    /// has; the second counts those notes and lays every row list out in one buffer, and
    /// sorts the pairs. (Pairs are not looked up in a map as they come: a big catalog has
    /// hundreds of thousands of distinct ones, and each look-up missed the CPU's caches.)
    fn build(
        catalog: &Catalog,
        rows: std::ops::Range<usize>,
        rows_done: &mut dyn FnMut(usize),
    ) -> Self {
        let mut words = Interner::default();
        let mut notes = Notes::default();
        // (pair by its words' first-appearance numbers, row in the part): one a use.
        let mut pairs_seen: Vec<(u64, u32)> = Vec::new();
        let mut scratch = Scratch::default();
        let first_row = rows.start as u32;
        for (done, e) in catalog
            .entries
            .get(rows)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if done % 4096 == 0 {
                rows_done(done);
            }
            notes.start_row();
            let row = done as u32;
            let texts = [
                (Field::Message, e.message()),
                (Field::Description, e.description()),
                (Field::Solution, e.solution()),
            ]
            .into_iter()
            .chain(e.aliases().iter().map(|a| (Field::Message, a.as_str())))
            .chain(keyword_texts(e).map(|k| (Field::Keywords, k)));
            for (field, text) in texts {
                // Pairs come from the words just looked up: each token is hashed once.
                let pairs = matches!(field, Field::Message | Field::Keywords);
                let mut previous = None;
                scratch.for_each_word_marked(text, |word, token| {
                    let id = words.id(word);
                    notes.note(id * 4 + field as u32);
                    if pairs && token {
                        if let Some(first) = previous {
                            pairs_seen.push((pair_key(first, id), row));
                        }
                        previous = Some(id);
                    }
                });
            }
        }
        let (words, order) = words.sorted();
        // Words were numbered by first appearance; from here on, by position.
        let mut position = vec![0u32; order.len()];
        for (at, &id) in order.iter().enumerate() {
            position[id as usize] = at as u32;
        }
        let lists = notes.lists(order.len() * 4, first_row, |key| {
            position[key as usize / 4] * 4 + key % 4
        });
        let (pairs, pair_lists) = pair_lists(pairs_seen, &position, first_row);
        Part {
            words,
            lists,
            pairs,
            pair_lists,
        }
    }
}

/// The distinct pairs of `seen` (a pair and a row of the part, for each use) by the
/// positions of their words, sorted, each with the number of its list; the lists hold the
/// rows that have the pair, in order, each once, numbered from `first_row`.
fn pair_lists(
    mut seen: Vec<(u64, u32)>,
    position: &[u32],
    first_row: u32,
) -> (Vec<(u64, u32)>, Lists) {
    for (key, _) in &mut seen {
        *key = renumbered(*key, position);
    }
    seen.sort_unstable();
    seen.dedup();
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    let mut starts = vec![0u32];
    let mut rows = Vec::with_capacity(seen.len());
    for (key, row) in seen {
        if pairs.last().is_none_or(|&(last, _)| last != key) {
            if !pairs.is_empty() {
                starts.push(rows.len() as u32);
            }
            pairs.push((key, pairs.len() as u32));
        }
        rows.push(first_row + row);
    }
    if !pairs.is_empty() {
        starts.push(rows.len() as u32);
    }
    (pairs, Lists { starts, rows })
}

/// A pair's key with its two words given new numbers.
fn renumbered(key: u64, position: &[u32]) -> u64 {
    let (first, second) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
    pair_key(position[first], position[second])
}

/// Which lists each row belongs to, in row order, each list at most once per row.
#[derive(Default)]
struct Notes {
    /// List numbers, row after row.
    lists: Vec<u32>,
    /// Where each row's list numbers start in `lists`.
    row_starts: Vec<u32>,
    /// The last row noted in each list, plus one (0: none yet).
    last_row: Vec<u32>,
}

impl Notes {
    fn start_row(&mut self) {
        self.row_starts.push(self.lists.len() as u32);
    }

    /// The current row is in list `list`.
    fn note(&mut self, list: u32) {
        let row = self.row_starts.len() as u32;
        let i = list as usize;
        if i >= self.last_row.len() {
            self.last_row.resize(i + 1, 0);
        }
        if self.last_row[i] != row {
            self.last_row[i] = row;
            self.lists.push(list);
        }
    }

    /// The rows of each of `count` lists, list `renumber(n)` holding what was noted as
    /// `n`: counted, then placed (a counting sort, so each list is in row order). Rows
    /// are numbered from `first_row`.
    fn lists(self, count: usize, first_row: u32, renumber: impl Fn(u32) -> u32) -> Lists {
        let mut starts = vec![0u32; count + 1];
        let mut renumbered = self.lists;
        for n in &mut renumbered {
            *n = renumber(*n);
        }
        for &list in &renumbered {
            starts[list as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut rows = vec![0u32; renumbered.len()];
        let ends = self
            .row_starts
            .iter()
            .skip(1)
            .copied()
            .chain([renumbered.len() as u32]);
        let mut from = 0usize;
        for (row, end) in ends.enumerate() {
            for &list in &renumbered[from..end as usize] {
                let slot = &mut next[list as usize];
                rows[*slot as usize] = first_row + row as u32;
                *slot += 1;
            }
            from = end as usize;
        }
        Lists { starts, rows }
    }
}

/// Row lists laid out in one buffer: list `i` is `rows[starts[i]..starts[i + 1]]`.
struct Lists {
    starts: Vec<u32>,
    rows: Vec<u32>,
}

impl Lists {
    fn get(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// List `i`, or no rows when there is no `i`.
    fn some(&self, i: Option<usize>) -> &[u32] {
        i.map_or(&[], |i| self.get(i))
    }
}

/// One index from two parts over consecutive rows: their vocabularies merged in order,
/// each word's and pair's rows those of `a` then those of `b`.
fn merge(a: Part, b: Part) -> WordIndex {
    let mut words = Vec::with_capacity(a.words.len().max(b.words.len()));
    let mut rows = PackedLists::default();
    let mut a_position = vec![0u32; a.words.len()];
    let mut b_position = vec![0u32; b.words.len()];
    let (a_words, b_words) = (
        a.words.into_iter().enumerate(),
        b.words.into_iter().enumerate(),
    );
    in_step(
        a_words,
        b_words,
        |x, y| x.1.cmp(&y.1),
        |from_a, from_b| {
            let (at_a, at_b) = (from_a.as_ref().map(|x| x.0), from_b.as_ref().map(|x| x.0));
            for (at, position) in [(at_a, &mut a_position), (at_b, &mut b_position)] {
                if let Some(at) = at {
                    position[at] = words.len() as u32;
                }
            }
            for field in 0..4 {
                let (mine, theirs) = (at_a.map(|at| at * 4 + field), at_b.map(|at| at * 4 + field));
                let (mine, theirs) = (a.lists.some(mine), b.lists.some(theirs));
                rows.push(mine.iter().chain(theirs).copied());
            }
            if let Some((_, word)) = from_a.or(from_b) {
                words.push(word);
            }
        },
    );
    rows.shrink_to_fit();
    let (pairs, pair_rows) = merge_pairs(
        (a.pairs, &a_position, &a.pair_lists),
        (b.pairs, &b_position, &b.pair_lists),
    );
    WordIndex {
        words,
        rows,
        pairs,
        pair_rows,
    }
}

/// A part's pairs, the merged positions of its words, and its pair lists.
type PairsOf<'a> = (Vec<(u64, u32)>, &'a [u32], &'a Lists);

/// The pairs of two parts by the merged words' positions, sorted and distinct, with
/// their rows: those of the first part, then those of the second.
fn merge_pairs(a: PairsOf<'_>, b: PairsOf<'_>) -> (Vec<u64>, PackedLists) {
    let sorted = |(pairs, position, _): &PairsOf<'_>| {
        let mut pairs: Vec<(u64, u32)> = pairs
            .iter()
            .map(|&(key, list)| (renumbered(key, position), list))
            .collect();
        pairs.sort_unstable_by_key(|(key, _)| *key);
        pairs
    };
    let (a_pairs, b_pairs) = (sorted(&a), sorted(&b));
    let mut keys = Vec::with_capacity(a_pairs.len().max(b_pairs.len()));
    let mut rows = PackedLists::default();
    in_step(
        a_pairs,
        b_pairs,
        |x, y| x.0.cmp(&y.0),
        |from_a, from_b| {
            let list = |item: Option<(u64, u32)>| item.map(|(_, list)| list as usize);
            let (mine, theirs) = (a.2.some(list(from_a)), b.2.some(list(from_b)));
            rows.push(mine.iter().chain(theirs).copied());
            if let Some((key, _)) = from_a.or(from_b) {
                keys.push(key);
            }
        },
    );
    rows.shrink_to_fit();
    (keys, rows)
}

/// Walk two sequences sorted by `order` in step: `each` gets the next item of `a`, of
/// `b`, or of both when they are equal, in order.
fn in_step<T>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
    order: impl Fn(&T, &T) -> Ordering,
    mut each: impl FnMut(Option<T>, Option<T>),
) {
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let which = match (a.peek(), b.peek()) {
            (None, None) => return,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => order(x, y),
        };
        let from_a = (which != Ordering::Greater).then(|| a.next()).flatten();
        let from_b = (which != Ordering::Less).then(|| b.next()).flatten();
        each(from_a, from_b);
    }
}

/// Distinct strings, each with the id of its first appearance.
/// FxHash (as rustc uses): the index hashes millions of short words from a catalog,
/// not input an attacker shapes, so SipHash's guard would only cost time.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
}

impl Interner {
    /// The id of `text`, adding it when it is new.
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(text.into(), id);
        id
    }

    /// The strings sorted, and the id of each in that order.
    fn sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut all: Vec<(Box<str>, u32)> = self.ids.into_iter().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        all.into_iter().map(|(s, id)| (s.into_string(), id)).unzip()
    }
}

/// Buffers reused from one token to the next while the index is built.
#[derive(Default)]
struct Scratch {
    folded: String,
    previous: String,
}

impl Scratch {
    /// Call `each` with every word of `text`, as [`words_of`] lists them.
    fn for_each_word(&mut self, text: &str, mut each: impl FnMut(&str)) {
        self.for_each_word_marked(text, |word, _| each(word));
    }

    /// [`Scratch::for_each_word`], saying which words are whole tokens (the ones pairs
    /// are made of) rather than their parts.
    fn for_each_word_marked(&mut self, text: &str, each: impl FnMut(&str, bool)) {
        if text.is_ascii() {
            self.for_each_ascii_word(text, each);
        } else {
            self.for_each_unicode_word(text, each);
        }
    }

    /// [`Scratch::for_each_word_marked`] for any text. A token with Chinese, Japanese or
    /// Korean characters also gives the words of [`cjk_words`] (its CJK runs as character
    /// pairs, its other parts as words), as such text has no spaces between its words.
    fn for_each_unicode_word(&mut self, text: &str, mut each: impl FnMut(&str, bool)) {
        self.unicode_words(text, &mut each);
    }

    /// [`Scratch::for_each_unicode_word`], not generic: it calls itself for the Latin
    /// parts of a CJK token.
    fn unicode_words(&mut self, text: &str, each: &mut dyn FnMut(&str, bool)) {
        for token in text.split_whitespace() {
            fold_into(token, &mut self.folded);
            let token = self.folded.trim_matches(|c: char| !c.is_alphanumeric());
            if token.is_empty() {
                continue;
            }
            if token.chars().any(is_cjk) {
                for word in cjk_words(token) {
                    // Each part once more as a whole token: a Latin part (`api` of
                    // `api返回`) is read like any other word, codes and versions included.
                    if word.chars().any(is_cjk) {
                        each(&word, false);
                    } else {
                        let mut inner = Scratch::default();
                        inner.unicode_words(&word, &mut |w, _| each(w, false));
                    }
                }
            }
            let mut parts = token
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty());
            if let (Some(first), Some(second)) = (parts.next(), parts.next()) {
                each(first, false);
                each(second, false);
                parts.for_each(|p| each(p, false));
            }
            if let Some((protocol, version)) = protocol_version(token) {
                each(protocol, false);
                each(&format!("{protocol}{version}"), false);
            }
            each(token, true);
        }
    }

    /// [`Scratch::for_each_word_marked`] for ASCII text (nearly every catalog's), a byte
    /// at a time: the same words, without decoding characters. ASCII's whitespace is
    /// tab to carriage return and space.
    fn for_each_ascii_word(&mut self, text: &str, mut each: impl FnMut(&str, bool)) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let start = at;
            while at < bytes.len() && !matches!(bytes[at], b'\t'..=b'\r' | b' ') {
                at += 1;
            }
            let Some(token) = text.get(start..at) else {
                return;
            };
            at += 1;
            let token = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            if token.is_empty() {
                continue;
            }
            self.folded.clear();
            self.folded.push_str(token);
            self.folded.make_ascii_lowercase();
            let token = self.folded.as_str();
            if !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
                token
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|p| !p.is_empty())
                    .for_each(|p| each(p, false));
            }
            if let Some((protocol, version)) = protocol_version(token) {
                each(protocol, false);
                each(&format!("{protocol}{version}"), false);
            }
            each(token, true);
        }
    }

    /// Call `each` with every pair of adjacent words of `text`, as [`pairs_of`] lists them.
    fn for_each_pair(&mut self, text: &str, mut each: impl FnMut(&str, &str)) {
        self.previous.clear();
        for token in text.split_whitespace() {
            fold_into(token, &mut self.folded);
            let token = self.folded.trim_matches(|c: char| !c.is_alphanumeric());
            if token.is_empty() {
                continue;
            }
            if !self.previous.is_empty() {
                each(&self.previous, token);
            }
            self.previous.clear();
            self.previous.push_str(token);
        }
    }
}

/// `fold(token)` into `out`, without allocating.
fn fold_into(token: &str, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        out.push_str(token);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&crate::catalog::fold(token));
    }
}

/// Adjacent words of a text, folded and trimmed: "access denied", "denied the".
pub(super) fn pairs_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    Scratch::default().for_each_pair(text, |first, second| out.push(format!("{first} {second}")));
    out
}

/// The words of a text, folded: each whitespace-separated token with its edge
/// punctuation trimmed ("x-stage"), the alphanumeric parts of a token that has inner
/// punctuation ("x", "stage"), so both spellings are found, and a protocol version in
/// one written form ("TLSv1.1" is also "tls1.1" and "tls").
pub(super) fn words_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    Scratch::default().for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// A Chinese character (Han), or Japanese kana or Korean Hangul: scripts written without
/// spaces between words, so a run of them is split into [`cjk_words`].
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}' // Extensions B to F, compatibility supplement
    )
}

/// The searchable words of a (folded) token holding CJK text: each run of CJK characters
/// as its overlapping character pairs (`签名错误` is `签名`, `名错`, `错误`; a run of one
/// character is that character), and each stretch of other letters and digits between
/// them as a word of its own, trimmed (`429，提示流控` is `429`, `提示`, `示流`, `流控`;
/// `调用api返回` has `api`). CJK punctuation (`，`, `：`, `。`) only separates. Pairs
/// rather than a dictionary segmenter: no dictionary to ship or load, they are found
/// wherever the phrase stands, and every phrase of the vocabulary is read the same way.
pub(super) fn cjk_words(token: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut other = String::new();
    let flush_run = |run: &mut Vec<char>, out: &mut Vec<String>| {
        match run.as_slice() {
            [] => {}
            [one] => out.push(one.to_string()),
            chars => out.extend(chars.windows(2).map(|w| w.iter().collect::<String>())),
        }
        run.clear();
    };
    let flush_other = |other: &mut String, out: &mut Vec<String>| {
        // Inner punctuation stays (`apig.0308`, `x-stage`); a fullwidth mark (`，`)
        // only separates.
        let word = trim_token(other);
        if !word.is_empty() {
            out.push(word);
        }
        other.clear();
    };
    for c in token.chars() {
        if is_cjk(c) {
            flush_other(&mut other, &mut out);
            run.push(c);
        } else {
            flush_run(&mut run, &mut out);
            if is_cjk_punctuation(c) {
                flush_other(&mut other, &mut out);
            } else {
                other.push(c);
            }
        }
    }
    flush_run(&mut run, &mut out);
    flush_other(&mut other, &mut out);
    out
}

/// A word with CJK characters as its [`cjk_words`] (`调用api返回429` is `调用`, `api`,
/// `返回`, `429`); any other word unchanged.
pub(super) fn cjk_split(word: String) -> Vec<String> {
    if word.chars().any(is_cjk) {
        cjk_words(&word)
    } else {
        vec![word]
    }
}

/// CJK and fullwidth punctuation (`，`, `。`, `：`, `（`, `、`, `「`): it separates words.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// A token without the punctuation around it ("(TLSv1.1)," is "tlsv1.1").
pub(super) fn trim_token(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// `tlsv1.1`, `tls1.1`, `http/1.0`, `sslv3` as (protocol, version): one written form for
/// the spellings a customer and a catalog may use.
pub(super) fn protocol_version(token: &str) -> Option<(&'static str, &str)> {
    let protocol = ["tls", "ssl", "http"]
        .into_iter()
        .find(|p| token.starts_with(p))?;
    let rest = token.get(protocol.len()..)?;
    let version = rest.strip_prefix(['v', '/']).unwrap_or(rest);
    let is_version = version.starts_with(|c: char| c.is_ascii_digit())
        && version.chars().all(|c| c.is_ascii_digit() || c == '.');
    is_version.then_some((protocol, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows whose message, aliases or keywords hold `pair`, by reading every row.
    fn scanned(catalog: &Catalog, pair: &str) -> Vec<u32> {
        (0..catalog.entries.len())
            .filter(|&row| {
                let e = &catalog.entries[row];
                std::iter::once(e.message())
                    .chain(e.aliases().iter().map(String::as_str))
                    .chain(keyword_texts(e))
                    .any(|text| pairs_of(text).iter().any(|p| p == pair))
            })
            .map(|row| row as u32)
            .collect()
    }

    /// The words, and whether each is a whole token, by one of the two readers.
    fn marked(text: &str, ascii: bool) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let each = |w: &str, token| out.push((w.to_string(), token));
        if ascii {
            scratch.for_each_ascii_word(text, each);
        } else {
            scratch.for_each_unicode_word(text, each);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_gives_the_words_any_text_gives(
            text in "[ -~\t\n\x0b\x0c\r\x00-\x1f]{0,40}|([a-zA-Z0-9]{0,5}[ .,:/()_\t\x0b-]){0,8}"
        ) {
            proptest::prop_assert_eq!(marked(&text, true), marked(&text, false));
        }
    }

    #[test]
    fn chinese_is_read_in_character_pairs_and_glued_numbers_and_latin_apart() {
        let words = |t: &str| cjk_words(t);
        assert_eq!(words("429，提示流控"), ["429", "提示", "示流", "流控"]);
        assert_eq!(
            words("调用api一直返回429"),
            ["调用", "api", "一直", "直返", "返回", "429"]
        );
        assert_eq!(words("错误码：apig.0308"), ["错误", "误码", "apig.0308"]);
        assert_eq!(words("ip被拒绝"), ["ip", "被拒", "拒绝"]);
        assert_eq!(
            words("中"),
            ["中"],
            "a run of one character is that character"
        );
        assert_eq!(words("（状态码=429）"), ["状态", "态码", "429"]);
        assert!(!is_cjk('，') && !is_cjk('a') && is_cjk('签') && is_cjk('が'));
    }

    #[test]
    fn a_chinese_catalog_text_is_indexed_by_its_pairs_too() {
        let words = words_of("签名错误，请检查AK/SK。");
        for w in ["签名", "名错", "错误", "请检", "检查", "ak/sk", "ak", "sk"] {
            assert!(words.iter().any(|x| x == w), "{w} in {words:?}");
        }
        assert_eq!(words_of("plain ascii"), ["plain", "ascii"], "unchanged");
    }

    #[test]
    fn an_index_built_in_halves_is_the_index_built_in_one_go() {
        let catalog = Catalog::embedded();
        let all = 0..catalog.entries.len();
        let (mut halves, mut one_go) = (Writer::default(), Writer::default());
        WordIndex::new(&catalog, &mut |_| {}).write_to(&mut halves);
        let whole = Part::build(&catalog, all.clone(), &mut |_| {});
        let none = Part::build(&catalog, all.end..all.end, &mut |_| {});
        merge(whole, none).write_to(&mut one_go);
        assert!(halves.bytes == one_go.bytes);
    }

    #[test]
    fn the_index_finds_a_pair_exactly_where_its_words_stand_side_by_side() {
        let catalog = Catalog::embedded();
        let index = WordIndex::new(&catalog, &mut |_| {});
        for pair in [
            "access denied",
            "denied access",
            "rate limit",
            "the api",
            "no such",
        ] {
            let found: Vec<u32> = index.rows_with_pair(pair).collect();
            assert_eq!(found, scanned(&catalog, pair), "{pair}");
        }
        assert!(index.rows_with_pair("access denied").next().is_some());
        assert_eq!(index.rows_with_pair("zzz qqq").count(), 0);
        assert_eq!(index.rows_with_pair("single").count(), 0);
    }

    #[test]
    fn every_word_of_a_row_leads_back_to_it() {
        let catalog = Catalog::embedded();
        let index = WordIndex::new(&catalog, &mut |_| {});
        for (row, e) in catalog.entries.iter().enumerate() {
            let fields = [
                (Field::Message, e.message()),
                (Field::Description, e.description()),
                (Field::Solution, e.solution()),
            ]
            .into_iter()
            .chain(keyword_texts(e).map(|k| (Field::Keywords, k)));
            for (field, text) in fields {
                for word in words_of(text) {
                    let id = index.find(&word).expect("indexed");
                    assert!(
                        index.rows(id, field).any(|r| r as usize == row),
                        "{word} in {field:?} of row {row}"
                    );
                }
            }
        }
        // And no word lists a row that lacks it, in any field.
        for id in 0..index.words.len() {
            for field in Field::ALL {
                for r in index.rows(id, field) {
                    let e = &catalog.entries[r as usize];
                    let texts: Vec<&str> = match field {
                        Field::Message => std::iter::once(e.message())
                            .chain(e.aliases().iter().map(String::as_str))
                            .collect(),
                        Field::Keywords => keyword_texts(e).collect(),
                        Field::Description => vec![e.description()],
                        Field::Solution => vec![e.solution()],
                    };
                    let word = index.text(id);
                    assert!(
                        texts.iter().any(|t| words_of(t).iter().any(|w| w == word)),
                        "{word} listed in {field:?} of row {r}"
                    );
                }
            }
        }
    }
}
