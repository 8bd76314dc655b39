//! How alike a message is to a catalog message: their edit distance (Damerau-Levenshtein,
//! normalized by the longer), when it can reach the least similarity the caller keeps.
//! That distance is quadratic in the lengths, and a log of thousands of distinct messages
//! asks for it tens of thousands of times, so linear lower bounds of it rule out most
//! pairs first: the chars one text has that the other lacks (counted by [`Counts`], made
//! once per text), and the chars of the longer beyond their longest common subsequence.
//! A bound only rules out a pair whose distance would rule it out too, so the answers are
//! those of the distance alone.

use std::cell::OnceCell;

/// Messages longer than this are matched exactly or by prefix, never by edit distance:
/// catalog messages are under 120 chars, and the comparison is quadratic in the length.
pub(crate) const MAX_SIMILAR_CHARS: usize = 300;

// A text of [`MAX_SIMILAR_CHARS`] chars fits in the 5 words of 64 bits that
// [`Bits::common`] has a case for.
const _: () = assert!(MAX_SIMILAR_CHARS.div_ceil(64) <= 5);

/// A folded message as it is compared with many catalog messages: its chars counted once,
/// and where each of its chars occurs, as bits, worked out on the first comparison that
/// needs them.
pub(crate) struct Folded {
    pub(crate) text: String,
    /// Chars of `text`.
    pub(crate) chars: usize,
    bits: OnceCell<Option<Bits>>,
    /// Its [`Counts`], made on the first comparison.
    counts: OnceCell<Option<Counts>>,
}

/// A text another is compared with: its chars, counted once, and its [`Counts`] when it
/// has them.
#[derive(Clone, Copy)]
pub(crate) struct Other<'a> {
    pub(crate) text: &'a str,
    pub(crate) chars: usize,
    pub(crate) counts: Option<&'a Counts>,
}

/// The similarity a text of `longest` chars at edit distance `distance` has, as
/// `strsim::normalized_damerau_levenshtein` works it out: a bound is weighed the same way
/// as the distance, so it rules out exactly the pairs the distance would.
fn similarity_at(distance: usize, longest: usize) -> f32 {
    (1.0 - distance as f64 / longest as f64) as f32
}

impl Folded {
    pub(crate) fn new(text: String) -> Self {
        Folded {
            chars: text.chars().count(),
            text,
            bits: OnceCell::new(),
            counts: OnceCell::new(),
        }
    }

    /// The edit-distance similarity with `other` when it is at least `least` (0.5 or
    /// more), else None. The distance is at least the difference of the lengths, so texts
    /// of very different lengths are told apart without the quadratic comparison: a
    /// 100 KB message costs no more than a short one.
    pub(crate) fn similarity(&self, other: Other, least: f32) -> Option<f32> {
        let (a, la) = (self.text.as_str(), self.chars);
        let lb = other.chars;
        let longest = la.max(lb);
        let too_far = |lower_bound: usize| similarity_at(lower_bound, longest) < least;
        if longest == 0 || longest > MAX_SIMILAR_CHARS || too_far(la.abs_diff(lb)) {
            return None;
        }
        // The bag bound first: a few instructions for two texts' counts, where the
        // subsequence costs a pass over the text.
        let counts = self.counts.get_or_init(|| Counts::of(a));
        if let (Some(mine), Some(theirs)) = (counts, other.counts)
            && too_far(mine.bag_distance(theirs, la.abs_diff(lb)))
        {
            return None;
        }
        let bits = self.bits.get_or_init(|| Bits::of(a)).as_ref();
        let common = bits.and_then(|bits| bits.common(other.text));
        if common.is_some_and(|c| too_far(longest.saturating_sub(c))) {
            return None;
        }
        let s = strsim::normalized_damerau_levenshtein(a, other.text) as f32;
        (s >= least).then_some(s)
    }
}

/// How many chars of an ASCII text fall in each of 64 buckets (each letter and digit its
/// own, the space its own, other chars sharing the rest). Chars one text has and the other
/// lacks, counted by bucket, are never more than counted by char, so they bound the edit
/// distance from below as well (see [`Counts::bag_distance`]).
#[derive(Clone, Copy)]
pub(crate) struct Counts([u8; 64]);

/// The bucket of each ASCII char.
const BUCKET: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        table[c] = match c as u8 {
            b'a'..=b'z' => c as u8 - b'a',
            b'0'..=b'9' => 26 + c as u8 - b'0',
            b' ' => 36,
            _ => 37 + (c % 27) as u8,
        };
        c += 1;
    }
    table
};

impl Counts {
    /// The counts of `text`; None when it is not ASCII, or a bucket holds more than 255.
    pub(crate) fn of(text: &str) -> Option<Counts> {
        if !text.is_ascii() {
            return None;
        }
        let mut counts = [0u8; 64];
        for c in text.bytes() {
            let n = counts.get_mut(usize::from(BUCKET[usize::from(c & 0x7f)]))?;
            *n = n.checked_add(1)?;
        }
        Some(Counts(counts))
    }

    /// How many chars one text has that the other lacks, counted with repeats, the larger
    /// of the two ways: no edit, transposition included, changes it by more than one, so
    /// the edit distance is at least this. The two ways differ by the difference of the
    /// lengths (`lengths`: an ASCII text has as many chars as bytes), and add up to the
    /// differences of the counts.
    pub(crate) fn bag_distance(&self, other: &Counts, lengths: usize) -> usize {
        let differences: u32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(&a, &b)| u32::from(a.abs_diff(b)))
            .sum();
        (usize::try_from(differences).unwrap_or(usize::MAX) + lengths) / 2
    }
}

/// Of an ASCII text of at most [`MAX_SIMILAR_CHARS`] chars, where each char occurs: bit
/// `i` of a char's words is set when char `i` of the text is that char.
struct Bits {
    /// Words per char.
    words: usize,
    /// Chars of the text.
    len: usize,
    /// `words` words for each of the 128 ASCII chars.
    masks: Vec<u64>,
}

impl Bits {
    fn of(text: &str) -> Option<Bits> {
        if !text.is_ascii() || text.len() > MAX_SIMILAR_CHARS {
            return None;
        }
        let words = text.len().div_ceil(64).max(1);
        let mut masks = vec![0u64; 128 * words];
        for (i, c) in text.bytes().enumerate() {
            if let Some(word) = masks.get_mut(usize::from(c) * words + i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        Some(Bits {
            words,
            len: text.len(),
            masks,
        })
    }

    /// The length of the longest common subsequence of the text and `other` (ASCII only),
    /// in one pass over `other` a word of the text at a time (Hyyrö's bit-vector
    /// algorithm). The edit distance is at least the longer length minus this: no edit,
    /// transposition included, changes that difference by more than one.
    fn common(&self, other: &str) -> Option<usize> {
        if !other.is_ascii() {
            return None;
        }
        // The row in as many words as the text has, kept in registers.
        match self.words {
            1 => self.common_in::<1>(other),
            2 => self.common_in::<2>(other),
            3 => self.common_in::<3>(other),
            4 => self.common_in::<4>(other),
            5 => self.common_in::<5>(other),
            _ => None,
        }
    }

    /// [`Bits::common`] for a text of `N` words.
    fn common_in<const N: usize>(&self, other: &str) -> Option<usize> {
        // The masks as a table of 128 chars, so that a char's are found without a check.
        let (table, _) = self.masks.as_chunks::<N>();
        let table: &[[u64; N]; 128] = table.try_into().ok()?;
        let mut row = [u64::MAX; N];
        for c in other.bytes() {
            let masks = &table[usize::from(c & 0x7f)];
            let mut carry = false;
            for (v, &m) in row.iter_mut().zip(masks) {
                let u = *v & m;
                let (sum, over) = v.overflowing_add(u);
                let (sum, over_carry) = sum.overflowing_add(u64::from(carry));
                carry = over || over_carry;
                *v = sum | (*v & !u);
            }
        }
        // A zero bit among the text's own bits is a char of the subsequence; the bits past
        // its end only take carries.
        let common = row
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let own = self.len.saturating_sub(k * 64).min(64);
                let valid = if own == 64 { u64::MAX } else { (1 << own) - 1 };
                (!v & valid).count_ones() as usize
            })
            .sum();
        Some(common)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The longest common subsequence by the textbook table.
    fn lcs(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev = vec![0; b.len() + 1];
        for x in a.chars() {
            let mut row = vec![0; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                row[j + 1] = if x == *y {
                    prev[j] + 1
                } else {
                    prev[j + 1].max(row[j])
                };
            }
            prev = row;
        }
        prev[b.len()]
    }

    /// The similarity by the edit distance alone, without the bounds.
    fn plain(a: &str, b: &str, least: f32) -> Option<f32> {
        let longest = a.chars().count().max(b.chars().count());
        if longest == 0 || longest > MAX_SIMILAR_CHARS {
            return None;
        }
        let s = strsim::normalized_damerau_levenshtein(a, b) as f32;
        (s >= least).then_some(s)
    }

    #[test]
    fn the_common_subsequence_spans_words() {
        let a =
            "the backend service did not respond in time because the request signature is invalid";
        let b = "the request signature is invalid because the backend did not respond";
        let bits = Bits::of(a).unwrap();
        assert_eq!(bits.words, 2);
        assert_eq!(bits.common(b), Some(lcs(a, b)));
        assert_eq!(bits.common(""), Some(0));
        assert_eq!(Bits::of("abc").unwrap().common("xaxbxcx"), Some(3));
        assert!(Bits::of("héllo").is_none());
    }

    #[test]
    fn a_transposition_keeps_a_near_pair() {
        assert_eq!(
            alike("backend timeout", "backend timeotu", 0.5),
            plain("backend timeout", "backend timeotu", 0.5)
        );
        assert!(alike("backend timeout", "backend timeotu", 0.9).is_some());
        assert_eq!(
            alike("backend timeout", "quota exceeded for app", 0.5),
            None
        );
    }

    /// The chars one text has that the other lacks, counted char by char both ways.
    fn bag_by_counting(a: &str, b: &str) -> usize {
        let mut counts = [0i64; 128];
        a.bytes().for_each(|c| counts[usize::from(c)] += 1);
        b.bytes().for_each(|c| counts[usize::from(c)] -= 1);
        let more: i64 = counts.iter().map(|n| n.max(&0)).sum();
        let fewer: i64 = counts.iter().map(|n| (-n).max(0)).sum();
        more.max(fewer) as usize
    }

    /// The similarity of two texts as the matcher asks for it.
    fn alike(a: &str, b: &str, least: f32) -> Option<f32> {
        let counts = Counts::of(b);
        let other = Other {
            text: b,
            chars: b.chars().count(),
            counts: counts.as_ref(),
        };
        Folded::new(a.to_string()).similarity(other, least)
    }

    #[test]
    fn a_bucket_past_255_chars_has_no_counts() {
        assert!(Counts::of(&"a".repeat(255)).is_some());
        assert!(Counts::of(&"a".repeat(256)).is_none());
        assert!(Counts::of("héllo").is_none());
    }

    proptest! {
        #[test]
        fn the_bag_by_bucket_is_at_most_the_bag_by_char(a in "[abc \\-_.:0-9A-Z]{0,80}", b in "[abcd \\-_.:0-9A-Z]{0,80}") {
            let by_bucket = Counts::of(&a).unwrap().bag_distance(&Counts::of(&b).unwrap(), a.len().abs_diff(b.len()));
            prop_assert!(by_bucket <= bag_by_counting(&a, &b));
        }

        #[test]
        fn the_bag_by_bucket_counts_letters_and_digits_both_ways(a in "[abc 0-9]{0,80}", b in "[abcd 0-9]{0,80}") {
            let by_bucket = Counts::of(&a).unwrap().bag_distance(&Counts::of(&b).unwrap(), a.len().abs_diff(b.len()));
            prop_assert_eq!(by_bucket, bag_by_counting(&a, &b));
        }

        #[test]
        fn the_bit_vector_subsequence_is_the_table_s(a in "[abc ]{0,300}", b in "[abcd ]{0,200}") {
            prop_assert_eq!(Bits::of(&a).unwrap().common(&b), Some(lcs(&a, &b)));
        }

        #[test]
        fn the_bounds_never_change_a_similarity(
            a in "[abcde ]{1,140}",
            edits in proptest::collection::vec((0usize..200, "[abcdef]"), 0..60),
            least in prop::sample::select(vec![0.5f32, 0.55, 0.75]),
        ) {
            // Near pairs (a few edits apart) and far ones (many).
            let mut b: Vec<char> = a.chars().collect();
            for (at, c) in &edits {
                let at = at % (b.len() + 1);
                match at % 3 {
                    0 => b.insert(at, c.chars().next().unwrap()),
                    1 if at < b.len() => { b.remove(at); }
                    _ if at + 1 < b.len() => b.swap(at, at + 1),
                    _ => {}
                }
            }
            let b: String = b.into_iter().collect();
            prop_assert_eq!(alike(&a, &b, least), plain(&a, &b, least));
        }
    }
}
