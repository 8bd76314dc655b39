//! A row's four texts (code, message, description, solution) kept together: in one
//! allocation of the row's own, or as ranges of text many rows share (the text the
//! catalog cache holds, copied out of its file in one piece: see `cache::read`). A
//! 100,000-row catalog then costs one allocation a row, or none, instead of four. In the
//! shared text the codes lie apart from the rest, as every row's code is read whenever a
//! code is looked up. Either way the text is the process's own: nothing another process
//! does to a catalog or cache file can change it.

use std::sync::Arc;

/// Text bytes many rows share: the rows' text from a catalog cache file, in memory or
/// in a map of a private copy no other process can open (see `cache::read`).
pub(crate) struct SharedText(pub Box<dyn AsRef<[u8]> + Send + Sync>);

impl SharedText {
    pub(crate) fn bytes(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

#[derive(Clone)]
enum Store {
    Own(Box<str>),
    /// Where the code starts, and where the message (followed by the description and
    /// the solution) starts.
    Shared(Arc<SharedText>, [u32; 2]),
}

/// The four texts of a row, in the order code, message, description, solution.
#[derive(Clone)]
pub(crate) struct Texts {
    store: Store,
    /// Where each text ends, counted as if the four followed one another.
    ends: [u32; 4],
}

/// Which of a row's texts.
#[derive(Clone, Copy)]
pub(super) enum Field {
    Code = 0,
    Message = 1,
    Description = 2,
    Solution = 3,
}

impl Field {
    const ALL: [Field; 4] = [
        Field::Code,
        Field::Message,
        Field::Description,
        Field::Solution,
    ];
}

impl Texts {
    /// A row's texts in an allocation of their own. A catalog file is at most 256 MB, so
    /// a row's text always fits the 32-bit offsets.
    pub(crate) fn new(code: &str, message: &str, description: &str, solution: &str) -> Self {
        let mut text =
            String::with_capacity(code.len() + message.len() + description.len() + solution.len());
        let mut ends = [0; 4];
        for (end, part) in ends.iter_mut().zip([code, message, description, solution]) {
            text.push_str(part);
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        Texts {
            store: Store::Own(text.into_boxed_str()),
            ends,
        }
    }

    /// These texts read from `to` instead of `from`, which hold the same bytes (the
    /// rows' text moved to a private map: `cache::own_map`); texts kept anywhere else
    /// stay as they are.
    pub(crate) fn moved(&self, from: &Arc<SharedText>, to: &Arc<SharedText>) -> Self {
        match &self.store {
            Store::Shared(at, starts) if Arc::ptr_eq(at, from) => Texts {
                store: Store::Shared(Arc::clone(to), *starts),
                ends: self.ends,
            },
            _ => self.clone(),
        }
    }

    /// A row's texts in `shared`: the code at `starts[0]`, the rest at `starts[1]`, ending
    /// at `ends`; None when the ranges do not fit in it. The bytes are not read here (they
    /// are checked when a text is read), which keeps loading the cache fast.
    pub(crate) fn shared(
        shared: &Arc<SharedText>,
        starts: [u32; 2],
        ends: [u32; 4],
    ) -> Option<Self> {
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let len = shared.bytes().len();
        let fits = |start: u32, n: u32| (start as usize).checked_add(n as usize) <= Some(len);
        let rest = ends[3].checked_sub(ends[0])?;
        (ordered && fits(starts[0], ends[0]) && fits(starts[1], rest)).then(|| Texts {
            store: Store::Shared(Arc::clone(shared), starts),
            ends,
        })
    }

    /// Where each text ends, counted as if the four followed one another.
    pub(crate) fn ends(&self) -> [u32; 4] {
        self.ends
    }

    /// Shared text is checked as UTF-8 each time it is read (a range the cache's
    /// checksum passed but that is not UTF-8, or splits a character, reads as empty
    /// text, never as invalid `str`).
    pub(super) fn get(&self, field: Field) -> &str {
        let i = field as usize;
        let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let to = self.ends[i] as usize;
        match &self.store {
            Store::Own(text) => text.get(from..to).unwrap_or_default(),
            Store::Shared(shared, [code, rest]) => {
                let base = if i == 0 {
                    *code as usize
                } else {
                    (*rest as usize).wrapping_sub(self.ends[0] as usize)
                };
                shared
                    .bytes()
                    .get(base.wrapping_add(from)..base.wrapping_add(to))
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or_default()
            }
        }
    }

    fn fields(&self) -> [&str; 4] {
        Field::ALL.map(|f| self.get(f))
    }
}

impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        self.ends == other.ends && self.fields() == other.fields()
    }
}

impl Eq for Texts {}

impl std::hash::Hash for Texts {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ends.hash(state);
        self.fields().hash(state);
    }
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                [
                    Field::Code,
                    Field::Message,
                    Field::Description,
                    Field::Solution,
                ]
                .map(|x| self.get(x)),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_and_shared_texts_read_the_same() {
        let own = Texts::new(
            "APIG.0201",
            "Backend unavailable.",
            "",
            "Check the backend.",
        );
        let bytes = "xxAPIG.0201|Backend unavailable.Check the backend.";
        let shared = Arc::new(SharedText(Box::new(bytes.as_bytes().to_vec())));
        let from_shared = Texts::shared(&shared, [2, 12], own.ends()).expect("fits");
        assert_eq!(own, from_shared);
        assert_eq!(from_shared.get(Field::Code), "APIG.0201");
        assert_eq!(from_shared.get(Field::Message), "Backend unavailable.");
        assert_eq!(from_shared.get(Field::Description), "");
        assert_eq!(from_shared.get(Field::Solution), "Check the backend.");
        assert!(
            Texts::shared(&shared, [2, 13], own.ends()).is_none(),
            "past the end"
        );
        assert!(
            Texts::shared(&shared, [0, 0], [5, 2, 9, 9]).is_none(),
            "out of order"
        );
    }

    #[test]
    fn a_range_that_is_not_utf8_reads_as_empty_text() {
        let shared = Arc::new(SharedText(Box::new(vec![b'A', 0xff, b'B'])));
        let texts = Texts::shared(&shared, [0, 1], [1, 2, 3, 3]).expect("fits");
        assert_eq!(texts.get(Field::Code), "A");
        assert_eq!(texts.get(Field::Message), "");
        assert_eq!(texts.get(Field::Description), "B");
    }
}
