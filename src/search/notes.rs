//! Team notes as a field of the rows they name. Kept apart from the word index: the
//! index is cached and built for 100,000 rows, while the notes are few and change
//! while the window runs (a `git pull`), so they are read again without indexing again.

use super::matching::{WordMatch, word_match};
use super::query::Term;
use super::words::words_of;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Each distinct folded word of the notes with the rows whose notes hold it.
#[derive(Default)]
pub(super) struct NoteWords {
    /// Sorted by word; each row list ascending, each row once.
    words: Vec<(String, Vec<u32>)>,
}

impl NoteWords {
    /// The words of each row's note text (`(row, text)`, a row given once or more).
    pub(crate) fn new(notes: &[(usize, String)]) -> Self {
        let mut pairs: Vec<(String, u32)> = notes
            .iter()
            .flat_map(|(row, text)| words_of(text).into_iter().map(move |w| (w, *row as u32)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut words: Vec<(String, Vec<u32>)> = Vec::new();
        for (word, row) in pairs {
            match words.last_mut() {
                Some((last, rows)) if *last == word => rows.push(row),
                _ => words.push((word, vec![row])),
            }
        }
        NoteWords { words }
    }

    /// Each note word `term` matches (no typos: notes are paragraphs), with how, and the
    /// rows whose notes hold it.
    pub(crate) fn matches<'a>(
        &'a self,
        matcher: &'a SkimMatcherV2,
        term: &'a Term,
    ) -> impl Iterator<Item = (&'a str, WordMatch, &'a [u32])> + 'a {
        self.words.iter().filter_map(move |(word, rows)| {
            word_match(matcher, term, word, false).map(|m| (word.as_str(), m, rows.as_slice()))
        })
    }

    /// The words of `row`'s notes.
    pub(crate) fn of_row(&self, row: usize) -> impl Iterator<Item = &str> {
        let row = row as u32;
        self.words
            .iter()
            .filter(move |(_, rows)| rows.binary_search(&row).is_ok())
            .map(|(w, _)| w.as_str())
    }
}
