//! Where in the pasted text an error is: the one line that holds its request id. An
//! error without a request id, or whose id is on several lines (a retry logged twice), is
//! not placed: the caller says so rather than guess.

use super::FoundError;

/// The line holding `e` in `text`: its number (from 1) and its chars (start, end), when
/// exactly one line holds the error's request id.
pub fn line_of(text: &str, e: &FoundError) -> Option<(usize, usize, usize)> {
    let id = e.request_id.as_deref().filter(|id| !id.is_empty())?;
    let mut found = None;
    let mut start = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let chars = line.chars().count();
        if line.contains(id) {
            if found.is_some() {
                return None;
            }
            let end = start + line.trim_end_matches(['\r', '\n']).chars().count();
            found = Some((n + 1, start, end));
        }
        start += chars;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(id: Option<&str>) -> FoundError {
        FoundError {
            request_id: id.map(str::to_string),
            ..FoundError::default()
        }
    }

    #[test]
    fn the_only_line_with_the_request_id_is_found_and_a_repeated_one_is_not() {
        let text = "2026-11-27 06:38:01 é ok\r\n2026-11-27 06:38:02 APIG.0308 request_id=abc123456\nlast abc999\n";
        let (n, start, end) = line_of(text, &with_id(Some("abc123456"))).unwrap();
        assert_eq!(n, 2);
        let line: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(line, "2026-11-27 06:38:02 APIG.0308 request_id=abc123456");
        assert_eq!(
            line_of(text, &with_id(Some("2026-11-27"))),
            None,
            "on two lines"
        );
        assert_eq!(line_of(text, &with_id(None)), None, "no id, no guess");
    }
}
