//! A little-endian, length-prefixed binary layout: what the catalog cache is written in.
//! Numbers are fixed-width, strings and arrays carry their length first, and a reader
//! never trusts a length: every read is bounds-checked and a short or garbled input is an
//! error, never a panic.

/// The input ended early or held something that cannot be.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the data is cut short or garbled at byte {0}")]
pub(crate) struct Malformed(pub usize);

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub(crate) fn u16(&mut self, v: u16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A length that must fit the format's 32 bits (a catalog file is at most 256 MB).
    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.bytes.extend_from_slice(b);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub(crate) fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &v in values {
            self.u32(v);
        }
    }

    pub(crate) fn u64s(&mut self, values: &[u64]) {
        self.len(values.len());
        for &v in values {
            self.u64(v);
        }
    }
}

/// Reads values back, in the order they were written.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        let end = self.at.checked_add(n).ok_or(Malformed(self.at))?;
        let out = self.bytes.get(self.at..end).ok_or(Malformed(self.at))?;
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Malformed> {
        let at = self.at;
        self.take(N)?.try_into().map_err(|_| Malformed(at))
    }

    pub(crate) fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16, Malformed> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Malformed> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, Malformed> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn len(&mut self) -> Result<usize, Malformed> {
        Ok(self.u32()? as usize)
    }

    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], Malformed> {
        let n = self.len()?;
        self.take(n)
    }

    /// Where a length-prefixed run of bytes lies in the input, passed over unread: a
    /// reader that maps it separately does not touch its pages here.
    pub(crate) fn span(&mut self) -> Result<std::ops::Range<usize>, Malformed> {
        let n = self.len()?;
        let start = self.at;
        let end = start.checked_add(n).filter(|&e| e <= self.bytes.len());
        self.at = end.ok_or(Malformed(start))?;
        Ok(start..self.at)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str, Malformed> {
        let at = self.at;
        std::str::from_utf8(self.bytes()?).map_err(|_| Malformed(at))
    }

    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>, Malformed> {
        let n = self.len()?;
        let raw = self.take(n.checked_mul(4).ok_or(Malformed(self.at))?)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    pub(crate) fn u64s(&mut self) -> Result<Vec<u64>, Malformed> {
        let n = self.len()?;
        let raw = self.take(n.checked_mul(8).ok_or(Malformed(self.at))?)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }

    /// A count of items still to read, refused when the rest of the input could not
    /// hold that many (each item takes at least `min_size` bytes): a garbled count never
    /// makes the reader reserve gigabytes.
    pub(crate) fn count(&mut self, min_size: usize) -> Result<usize, Malformed> {
        let at = self.at;
        let n = self.len()?;
        let left = self.bytes.len() - self.at;
        (n.saturating_mul(min_size.max(1)) <= left)
            .then_some(n)
            .ok_or(Malformed(at))
    }

    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
}

/// A fast 64-bit checksum (FxHash over 8-byte words): finds a changed, cut or garbled
/// byte, at memory speed. Not a defence against someone forging a file on purpose; the
/// cache it guards is the user's own.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::new(bytes.len() as u64);
    sum.update(bytes);
    sum.finish()
}

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// [`checksum`] taken piece by piece, so a file is summed as it is read, in a small
/// buffer, without holding it whole. The length is given first (the sum starts from
/// it); pieces may split the 8-byte words anywhere.
pub(crate) struct Checksum {
    h: u64,
    pending: [u8; 8],
    held: usize,
}

impl Checksum {
    pub(crate) fn new(len: u64) -> Self {
        Checksum {
            h: len,
            pending: [0; 8],
            held: 0,
        }
    }

    fn word(&mut self, w: [u8; 8]) {
        self.h = (self.h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        if self.held > 0 {
            let n = (8 - self.held).min(bytes.len());
            let (head, rest) = bytes.split_at(n);
            self.pending[self.held..self.held + n].copy_from_slice(head);
            self.held += n;
            bytes = rest;
            if self.held < 8 {
                return;
            }
            self.word(self.pending);
            self.held = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.word([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.held = rest.len();
    }

    pub(crate) fn finish(self) -> u64 {
        let mut h = self.h;
        for &b in &self.pending[..self.held] {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back_and_a_cut_input_is_an_error() {
        let mut w = Writer::default();
        w.u8(7);
        w.u16(429);
        w.str("APIG.0308 Überlastung");
        w.u32s(&[1, 2, 300_000]);
        w.u64s(&[u64::MAX]);
        w.bytes(b"mapped");
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.u8(), Ok(7));
        assert_eq!(r.u16(), Ok(429));
        assert_eq!(r.str(), Ok("APIG.0308 Überlastung"));
        assert_eq!(r.u32s(), Ok(vec![1, 2, 300_000]));
        assert_eq!(r.u64s(), Ok(vec![u64::MAX]));
        let span = r.span().expect("whole");
        assert_eq!(&w.bytes[span], b"mapped");
        assert!(r.at_end());
        for cut in 0..w.bytes.len() {
            let mut r = Reader::new(&w.bytes[..cut]);
            let all = (|| {
                r.u8()?;
                r.u16()?;
                r.str()?;
                r.u32s()?;
                r.u64s()?;
                r.span()
            })();
            assert!(all.is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_garbled_count_is_refused_before_anything_is_reserved() {
        let mut w = Writer::default();
        w.u32(u32::MAX);
        assert!(Reader::new(&w.bytes).count(4).is_err());
        assert!(Reader::new(&w.bytes).u32s().is_err());
    }

    #[test]
    fn the_checksum_sees_one_changed_byte() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let sum = checksum(&data);
        for i in [0, 7, 8, 500, 999] {
            let mut changed = data.clone();
            changed[i] ^= 1;
            assert_ne!(checksum(&changed), sum, "byte {i}");
        }
        assert_ne!(checksum(&data[..999]), sum);
    }

    #[test]
    fn the_checksum_taken_piece_by_piece_is_the_whole_one() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 253) as u8).collect();
        for piece in [1, 3, 8, 13, 64, 999, 1000] {
            let mut sum = Checksum::new(data.len() as u64);
            for chunk in data.chunks(piece) {
                sum.update(chunk);
            }
            assert_eq!(sum.finish(), checksum(&data), "pieces of {piece}");
        }
    }
}
