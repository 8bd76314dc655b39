//! The canonical request the gateway echoes on a mismatch (`canonicalRequest:` in its
//! message), its newlines written as `|`. A `|` inside a header value reads the same as a
//! line end, so the echo is split by the structure it must have (method, path, query, one
//! line per signed header, the blank line, the signed headers, the payload hash), not at
//! every `|`; where that structure does not fit, the split is said to be unsure.

use super::transcript::Answer;

/// The gateway's canonical request, as it was split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Echo {
    /// With its newlines back.
    pub(crate) canonical: String,
    /// As the message wrote it, `|` for each newline.
    pub(crate) flat: String,
    /// Its header lines could not be told apart by the structure: a value may hold `|`,
    /// so they are not compared line by line.
    pub(crate) unsure: bool,
}

impl Echo {
    /// The echo in `answer`'s message, if it has one.
    pub(crate) fn of(answer: &Answer) -> Option<Echo> {
        let message = answer.message.as_deref()?;
        let (_, echo) = message.split_once("canonicalRequest:")?;
        let flat = echo.trim().to_string();
        Some(match split(&flat) {
            Some(canonical) => Echo {
                canonical,
                flat,
                unsure: false,
            },
            None => Echo {
                canonical: flat.replace('|', "\n"),
                flat,
                unsure: true,
            },
        })
    }

    /// Whether `canonical` (newlines as they are) is the one the gateway echoed: compared
    /// as the gateway wrote it, so a `|` in a value is no difference.
    pub(crate) fn is(&self, canonical: &str) -> bool {
        canonical.replace('\n', "|") == self.flat
    }
}

/// `flat` split by the canonical request's structure: the payload hash and the signed
/// headers from the end, method, path and query from the start (none of them holds a
/// raw `|`), and between them one line per signed header, each starting with its name.
fn split(flat: &str) -> Option<String> {
    let Parts {
        method,
        uri,
        query,
        block,
        signed,
        hash,
    } = parts(flat)?;
    let names: Vec<&str> = signed.split(';').filter(|n| !n.is_empty()).collect();
    let lines = header_lines(block, &names)?;
    Some(format!(
        "{method}\n{uri}\n{query}\n{}\n\n{signed}\n{hash}",
        lines.join("\n")
    ))
}

/// A flat canonical request's lines, the header lines left as one block.
struct Parts<'a> {
    method: &'a str,
    uri: &'a str,
    query: &'a str,
    block: &'a str,
    signed: &'a str,
    hash: &'a str,
}

fn parts(flat: &str) -> Option<Parts<'_>> {
    let mut tail = flat.rsplitn(3, '|');
    let hash = tail.next()?;
    let signed = tail.next()?;
    let rest = tail.next()?.strip_suffix('|')?;
    let mut head = rest.splitn(4, '|');
    Some(Parts {
        method: head.next()?,
        uri: head.next()?,
        query: head.next()?,
        block: head.next().unwrap_or_default(),
        signed,
        hash,
    })
}

/// A flat canonical request's header lines as one text, `|` between them: what can be
/// compared when they cannot be told apart.
pub(crate) fn header_block(flat: &str) -> Option<&str> {
    parts(flat).map(|p| p.block)
}

/// The header block's lines: one per signed name, in order, each `name:value`. None
/// when the places a line can start (the block's start, a `|` before a signed name and
/// its colon) are not exactly one per name, in order: a value then holds `|name:`, or
/// the gateway wrote a header twice, and the lines cannot be told apart for sure.
fn header_lines<'a>(block: &'a str, names: &[&str]) -> Option<Vec<&'a str>> {
    let opens = |at: &str| {
        names
            .iter()
            .position(|n| at.strip_prefix(n).is_some_and(|r| r.starts_with(':')))
    };
    let first = opens(block)?;
    let mut starts = vec![(0, first)];
    for (i, _) in block.match_indices('|') {
        if let Some(name) = block.get(i + 1..).and_then(opens) {
            starts.push((i, name));
        }
    }
    let order: Vec<usize> = starts.iter().map(|&(_, n)| n).collect();
    if order != (0..names.len()).collect::<Vec<_>>() {
        return None;
    }
    let mut lines = Vec::with_capacity(starts.len());
    for (k, &(at, _)) in starts.iter().enumerate() {
        let from = if k == 0 { 0 } else { at + 1 };
        let to = starts.get(k + 1).map_or(block.len(), |&(next, _)| next);
        lines.push(block.get(from..to)?);
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(flat: &str) -> Echo {
        Echo::of(&Answer {
            message: Some(format!("verify signature fail, canonicalRequest:{flat}")),
            ..Answer::default()
        })
        .expect("an echo")
    }

    #[test]
    fn a_pipe_in_a_header_value_stays_in_its_line() {
        for value in ["a|b||c", "|", "x||", "x-sdk-date:1|"] {
            let canonical = format!(
                "GET\n/v1/items/\nq=1\nhost:api.example.com\nx-filter:{value}\nx-sdk-date:20240102T030405Z\n\nhost;x-filter;x-sdk-date\ne3b0"
            );
            let e = echo(&canonical.replace('\n', "|"));
            assert_eq!(e.canonical, canonical, "{value}");
            assert!(!e.unsure, "{value}");
            assert!(e.is(&canonical));
        }
    }

    #[test]
    fn a_value_that_looks_like_the_next_line_is_unsure_not_split_at_a_guess() {
        // x-filter's value holds "|x-sdk-date:": two places the date's line may start.
        let canonical = "GET\n/\n\nhost:h\nx-filter:a|x-sdk-date:1\nx-sdk-date:20240102T030405Z\n\nhost;x-filter;x-sdk-date\ne3b0";
        let e = echo(&canonical.replace('\n', "|"));
        assert!(e.unsure);
        assert!(e.is(canonical), "the flat forms are still compared");
    }

    #[test]
    fn an_ordinary_echo_splits_as_it_did() {
        let canonical = "POST\n/v1/orders/\n\ncontent-type:application/json\nhost:api.example.com\nx-sdk-date:20240102T030405Z\nx-stage:\n\ncontent-type;host;x-sdk-date;x-stage\n16e1";
        let e = echo(&canonical.replace('\n', "|"));
        assert_eq!(e.canonical, canonical);
        assert!(!e.unsure);
    }
}
