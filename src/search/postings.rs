//! Row lists of the word index, packed: ascending row numbers stored as the gaps between
//! them, seven bits a byte (LEB128). A common word's rows lie close together, so most
//! gaps take one byte instead of the four of a `u32`; 100,000 rows of prose hold
//! millions of these.

use crate::binary::{Malformed, Reader, Writer};

/// Many row lists in one byte buffer, list `i` at `bytes[starts[i]..starts[i + 1]]`.
#[derive(Default)]
pub(super) struct PackedLists {
    bytes: Vec<u8>,
    starts: Vec<u32>,
}

impl PackedLists {
    /// Append a list of ascending, distinct rows; lists are numbered in push order.
    pub(crate) fn push(&mut self, rows: impl IntoIterator<Item = u32>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let mut previous = 0;
        for (i, row) in rows.into_iter().enumerate() {
            let gap = if i == 0 { row } else { row - previous };
            write_varint(&mut self.bytes, gap);
            previous = row;
        }
        self.starts.push(self.bytes.len() as u32);
    }

    /// Release the growth slack once every list is in.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    pub(crate) fn write_to(&self, w: &mut Writer) {
        w.bytes(&self.bytes);
        w.u32s(&self.starts);
    }

    /// Lists read back from [`PackedLists::write_to`]: `lists` of them, every row below
    /// `rows`, or an error (so a damaged cache can never index out of bounds).
    pub(crate) fn read_from(
        r: &mut Reader<'_>,
        lists: usize,
        rows: u32,
    ) -> Result<Self, Malformed> {
        let bytes = r.bytes()?.to_vec();
        let starts = r.u32s()?;
        let ordered = starts.windows(2).all(|w| w[0] <= w[1]);
        let fits = starts.last().is_none_or(|&end| end as usize == bytes.len());
        let counted = starts.len() == lists + 1 || (lists == 0 && starts.is_empty());
        if !(ordered && fits && counted) {
            return Err(Malformed(0));
        }
        let packed = PackedLists { bytes, starts };
        if (0..lists).any(|i| packed.get(i).any(|row| row >= rows)) {
            return Err(Malformed(0));
        }
        Ok(packed)
    }

    /// The rows of list `i`, ascending.
    pub(crate) fn get(&self, i: usize) -> Rows<'_> {
        let range = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        Rows {
            bytes: self.bytes.get(range).unwrap_or_default(),
            row: 0,
            first: true,
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Decodes one list.
pub(super) struct Rows<'a> {
    bytes: &'a [u8],
    row: u32,
    first: bool,
}

impl Iterator for Rows<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut gap = 0u32;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            gap |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        self.row = if self.first { gap } else { self.row + gap };
        self.first = false;
        Some(self.row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lists_come_back_as_they_went_in(
            lists in proptest::collection::vec(proptest::collection::btree_set(any::<u32>(), 0..50), 0..8)
        ) {
            let lists: Vec<Vec<u32>> = lists.into_iter().map(|s| s.into_iter().collect()).collect();
            let mut packed = PackedLists::default();
            for list in &lists {
                packed.push(list.iter().copied());
            }
            for (i, list) in lists.iter().enumerate() {
                prop_assert_eq!(&packed.get(i).collect::<Vec<_>>(), list);
            }
            prop_assert_eq!(packed.get(lists.len()).count(), 0);
        }
    }

    #[test]
    fn close_rows_take_a_byte_each() {
        let mut packed = PackedLists::default();
        packed.push(1000..2000);
        assert!(packed.bytes.len() < 1010, "{} bytes", packed.bytes.len());
    }
}
