//! How alike a message is to a catalog message: their edit distance (Damerau-Levenshtein,
//! normalized by the longer), when it can reach one half. That distance is quadratic in
//! the lengths, and a log of thousands of distinct messages asks for it tens of thousands
//! of times, so two linear lower bounds of it rule out most pairs first: the chars one
//! text has that the other lacks, and the chars of the longer beyond their longest common
//! subsequence. Either bound only rules out a pair that the distance would rule out too,
//! so the answers are those of the distance alone.

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
    /// How often each ASCII char occurs in `text` (None when it is not ASCII), counted on
    /// the first comparison.
    counts: OnceCell<Option<[i32; 128]>>,
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

    /// The edit-distance similarity with `other` (of `other_chars` chars, counted by the
    /// caller once per catalog) when it can reach one half, else None.
    /// The distance is at least the difference of the lengths, so texts of very different
    /// lengths are told apart without the quadratic comparison: a 100 KB message costs no
    /// more than a short one.
    pub(crate) fn similarity(&self, other: &str, other_chars: usize) -> Option<f32> {
        let (a, la) = (self.text.as_str(), self.chars);
        let lb = other_chars;
        let longest = la.max(lb);
        let too_far = |lower_bound: usize| lower_bound * 2 > longest;
        if longest == 0 || longest > MAX_SIMILAR_CHARS || too_far(la.abs_diff(lb)) {
            return None;
        }
        let bits = self.bits.get_or_init(|| Bits::of(a)).as_ref();
        // The subsequence bound is never below the bag bound (the chars two texts have in
        // common, in any order, are at least their longest common subsequence): the bag
        // only goes first where it is cheaper, for a text of more than two words of bits.
        if bits.is_none_or(|bits| bits.words > 2) {
            let counts = self.counts.get_or_init(|| ascii_counts(a));
            if counts
                .as_ref()
                .and_then(|counts| bag_distance(counts, other))
                .is_some_and(too_far)
            {
                return None;
            }
        }
        let common = bits.and_then(|bits| bits.common(other));
        if common.is_some_and(|c| too_far(longest.saturating_sub(c))) {
            return None;
        }
        let s = strsim::normalized_damerau_levenshtein(a, other) as f32;
        (s >= 0.5).then_some(s)
    }
}

/// How often each char of an ASCII text occurs; None for another text.
fn ascii_counts(text: &str) -> Option<[i32; 128]> {
    if !text.is_ascii() {
        return None;
    }
    let mut counts = [0i32; 128];
    for c in text.bytes() {
        counts[usize::from(c & 0x7f)] += 1;
    }
    Some(counts)
}

/// How many chars one text (its [`ascii_counts`]) has that the other lacks, counted with
/// repeats, the larger of the two ways (ASCII texts only): no edit, transposition
/// included, changes it by more than one, so the edit distance is at least this.
/// Worked out in one pass over `b`: the sum of the differences of the two texts' counts
/// goes down by one for each char of `b` that `a` still has to give, up by one for the
/// others; the larger way is half of that sum and the difference of the lengths.
fn bag_distance(a: &[i32; 128], b: &str) -> Option<usize> {
    if !b.is_ascii() {
        return None;
    }
    let mut counts = *a;
    let a_len: i32 = a.iter().sum();
    let mut differences = i64::from(a_len);
    for c in b.bytes() {
        let n = &mut counts[usize::from(c & 0x7f)];
        differences += if *n > 0 { -1 } else { 1 };
        *n -= 1;
    }
    let lengths = i64::from(a_len).abs_diff(b.len() as i64);
    usize::try_from((differences.unsigned_abs() + lengths) / 2).ok()
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
        let mut row = [u64::MAX; N];
        for c in other.bytes() {
            let at = usize::from(c & 0x7f) * N;
            let masks: &[u64; N] = self.masks.get(at..at + N)?.try_into().ok()?;
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
    fn plain(a: &str, b: &str) -> Option<f32> {
        let longest = a.chars().count().max(b.chars().count());
        if longest == 0 || longest > MAX_SIMILAR_CHARS {
            return None;
        }
        let s = strsim::normalized_damerau_levenshtein(a, b) as f32;
        (s >= 0.5).then_some(s)
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
        let f = Folded::new("backend timeout".into());
        assert_eq!(
            f.similarity("backend timeotu", 15),
            plain("backend timeout", "backend timeotu")
        );
        assert!(f.similarity("backend timeotu", 15).is_some());
        assert_eq!(f.similarity("quota exceeded for app", 22), None);
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

    proptest! {
        #[test]
        fn the_one_pass_bag_distance_counts_both_ways(a in "[abc ]{0,80}", b in "[abcd ]{0,80}") {
            let counts = ascii_counts(&a).unwrap();
            prop_assert_eq!(bag_distance(&counts, &b), Some(bag_by_counting(&a, &b)));
        }

        #[test]
        fn the_bit_vector_subsequence_is_the_table_s(a in "[abc ]{0,300}", b in "[abcd ]{0,200}") {
            prop_assert_eq!(Bits::of(&a).unwrap().common(&b), Some(lcs(&a, &b)));
        }

        #[test]
        fn the_bounds_never_change_a_similarity(
            a in "[abcde ]{1,140}",
            edits in proptest::collection::vec((0usize..200, "[abcdef]"), 0..60),
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
            prop_assert_eq!(Folded::new(a.clone()).similarity(&b, b.chars().count()), plain(&a, &b));
        }
    }
}
