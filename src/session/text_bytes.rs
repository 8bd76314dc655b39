//! A file's bytes as text to analyze. Windows tools write UTF-16 (PowerShell's `Out-File`
//! and `>` write UTF-16LE with a byte-order mark) and UTF-8 with a mark (Notepad); read as
//! UTF-8 such a log is NULs between letters, and no code in it would be found. Every way a
//! file becomes a paste (`analyze FILE`, standard input, `send`, the window's open and
//! drop) goes through [`decode`].

/// Bytes that are no text the analysis could read: saying so beats "no APIG error found".
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum Undecodable {
    /// A compressed archive (a rotated `.log.gz`, a zipped export).
    #[error("it is {0}-compressed, not text: decompress it first")]
    Compressed(&'static str),
}

/// The encodings a file is read in, told by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// How `bytes` (the beginning of a file is enough) are written: UTF-16 when they begin
/// with its byte-order mark, or, without one, when they are plainly UTF-16 text of ASCII
/// (a zero byte beside nearly every other byte, always on the same side); else UTF-8.
pub(crate) fn encoding(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xFF, 0xFE, ..] => Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => Encoding::Utf16Be,
        [0xEF, 0xBB, 0xBF, ..] => Encoding::Utf8,
        _ => unmarked_utf16(bytes).unwrap_or(Encoding::Utf8),
    }
}

/// At least this many two-byte units are looked at before text without a mark is taken
/// for UTF-16 (a short file of NULs is not called text of any kind).
const SNIFFED_UNITS: usize = 16;

/// UTF-16 without a byte-order mark: in the first 4 KB, at least 7 of 8 units have a zero
/// high byte (ASCII) and hardly any a zero low byte. UTF-8 text has no zero bytes at all.
fn unmarked_utf16(bytes: &[u8]) -> Option<Encoding> {
    let units: Vec<[u8; 2]> = bytes
        .chunks_exact(2)
        .take(2048)
        .map(|u| [u[0], u[1]])
        .collect();
    if units.len() < SNIFFED_UNITS {
        return None;
    }
    let zeros = |side: usize| units.iter().filter(|u| u[side] == 0).count();
    let (first, second) = (zeros(0), zeros(1));
    let most = units.len() * 7 / 8;
    let few = units.len() / 16;
    if second >= most && first <= few {
        Some(Encoding::Utf16Le)
    } else if first >= most && second <= few {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The text of a file's `bytes`. UTF-8 (a byte-order mark dropped) and UTF-16 (see
/// [`encoding`]); bytes that are not valid in their encoding become U+FFFD, so a log with
/// one bad byte is still read (the analysis says how many chars could not be read). A
/// compressed file is refused, with what it is.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, Undecodable> {
    match bytes.as_slice() {
        [0x1F, 0x8B, ..] => return Err(Undecodable::Compressed("gzip")),
        [b'P', b'K', 3, 4, ..] => return Err(Undecodable::Compressed("zip")),
        _ => {}
    }
    let enc = encoding(&bytes);
    Ok(match enc {
        Encoding::Utf8 => {
            let text = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                Some(rest) => rest.to_vec(),
                None => bytes,
            };
            String::from_utf8(text)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        Encoding::Utf16Le | Encoding::Utf16Be => utf16(&bytes, enc == Encoding::Utf16Le),
    })
}

/// UTF-16 text, its mark dropped; an unpaired surrogate or a last odd byte is U+FFFD.
fn utf16(bytes: &[u8], little: bool) -> String {
    let units = bytes.chunks(2).map(|u| match u {
        [a, b] if little => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, mark: bool) -> Vec<u8> {
        let mut out = if mark { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    const LINE: &str = "2026-03-01T09:03:35Z ERROR status=401 APIG.0301 request_id=ab12\r\n";

    #[test]
    fn utf16_with_a_mark_is_read_in_either_byte_order() {
        let text = format!("{LINE}{LINE}状态码 401\r\n");
        assert_eq!(decode(utf16le(&text, true)).unwrap(), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap(), text);
    }

    #[test]
    fn ascii_utf16_without_a_mark_is_recognised_and_a_few_nuls_are_not_utf16() {
        assert_eq!(decode(utf16le(LINE, false)).unwrap(), LINE);
        let mut crashed = LINE.as_bytes().to_vec();
        crashed.extend([0; 8]);
        assert_eq!(
            encoding(&crashed),
            Encoding::Utf8,
            "a log with NULs after a crash"
        );
        assert_eq!(
            encoding(&[0; 64]),
            Encoding::Utf8,
            "NULs are no UTF-16 text"
        );
    }

    #[test]
    fn a_utf8_mark_is_dropped_and_bad_bytes_are_replaced_not_refused() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(LINE.as_bytes());
        assert_eq!(decode(bytes).unwrap(), LINE);
        let mut latin1 = b"Fehler f".to_vec();
        latin1.extend([0xFC, b'r', b' ']);
        assert_eq!(decode(latin1).unwrap(), "Fehler f\u{FFFD}r ");
    }

    #[test]
    fn broken_utf16_is_replaced_and_archives_are_refused() {
        let mut bytes = utf16le("APIG.0308", true);
        bytes.extend([0x00, 0xD8, b'x']);
        assert_eq!(decode(bytes).unwrap(), "APIG.0308\u{FFFD}\u{FFFD}");
        assert_eq!(
            decode(vec![0x1F, 0x8B, 8, 0]),
            Err(Undecodable::Compressed("gzip"))
        );
        let e = decode(b"PK\x03\x04rest".to_vec()).unwrap_err().to_string();
        assert!(e.contains("zip") && e.contains("decompress"), "{e}");
    }
}
