//! The paste as the readers need to see it, when it was pasted inside something else: an
//! e-mail's quoted reply (`> HTTP/1.1 429 …`, `>> ` nested) loses its quote marks, and a
//! table row (a CSV line, a Markdown row `| APIG.0308 | 429 | … |`) is written as the
//! fields its cells are (`error_code=APIG.0308 status=429 request_id=… error_msg=…`).
//! A view only: nothing is added that a cell or line does not say, and text that is
//! neither is returned as it is (borrowed, not copied).

use std::borrow::Cow;

mod tables;

use tables::tables;

/// `text` with e-mail quote marks removed, Markdown's bold labels read as labels and
/// table rows read as fields.
pub(crate) fn plain(text: &str) -> Cow<'_, str> {
    let unquoted = unquoted(text);
    let unbolded = match unbolded(&unquoted) {
        Some(read) => Cow::Owned(read),
        None => unquoted,
    };
    match tables(&unbolded) {
        Some(read) => Cow::Owned(read),
        None => unbolded,
    }
}

/// The text with the bold marks of each line's label removed (`- **Status:** 401`,
/// `**Request ID**: 6b1e…` read as `- Status: 401`, `Request ID: 6b1e…`): a ticket's
/// template, whose facts are then read as any labelled line's. None when no line has one.
fn unbolded(text: &str) -> Option<String> {
    if !text.contains("**") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        match bold_label(line) {
            Some(read) => {
                out.push_str(&read);
                changed = true;
            }
            None => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// `line` without the `**` around its label, when it begins (after a list mark) with a
/// bold label of a few words ending with a colon inside or right after the marks.
fn bold_label(line: &str) -> Option<String> {
    let body = line.trim_start_matches([' ', '\t', '-', '*', '+', '•']);
    let lead = line.get(..line.len() - body.len())?;
    // The list mark `* ` is taken with the bold's first `*` by the trim: give it back.
    let (lead, body) = match line.get(lead.len().checked_sub(2)?..lead.len()) {
        Some("**") => (line.get(..lead.len() - 2)?, line.get(lead.len() - 2..)?),
        _ => return None,
    };
    let inner = body.strip_prefix("**")?;
    let end = inner.find("**")?;
    let (label, rest) = (inner.get(..end)?, inner.get(end + 2..)?);
    let colon = label.trim_end().ends_with([':', '：']) || rest.starts_with([':', '：']);
    let short = !label.is_empty() && label.chars().count() <= 40 && !label.contains('\n');
    (colon && short).then(|| format!("{lead}{label}{rest}"))
}

/// How many `>` an e-mail put before the response it quotes: those before a status line
/// (`> HTTP/1.1 429`, `>> HTTP/1.1 429`; curl writes a response's lines after `<`, never
/// `>`, so `> < HTTP/1.1 403` is a transcript quoted once), else one when a line says a
/// reply follows (`… wrote:`, `写道：`). None when nothing is quoted.
pub(crate) fn quote_depth(text: &str) -> Option<usize> {
    let marks = |line: &str| {
        line.chars()
            .take_while(|c| *c == '>' || *c == ' ' || *c == '\t')
            .filter(|c| *c == '>')
            .count()
    };
    // One pass over the lines for both: a long paste is not read twice.
    let (mut status, mut reply) = (None::<usize>, false);
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with('>') {
            let rest = line.trim_start_matches(['>', ' ', '\t']);
            let rest = rest.trim_start_matches(['<', ' ', '\t']);
            if rest.starts_with("HTTP/") {
                let n = marks(line);
                status = Some(status.map_or(n, |s| s.min(n)));
            }
        }
        if !reply {
            let line = line.trim_end();
            let says_reply =
                line.ends_with("wrote:") || line.ends_with("写道：") || line.ends_with("写道:");
            reply = says_reply
                && lines
                    .peek()
                    .is_some_and(|n| n.trim_start().starts_with('>'));
        }
    }
    status.or(reply.then_some(1))
}

/// `text` without the quote marks of an e-mail reply (up to [`quote_depth`] of them a
/// line, each with one space after it).
fn unquoted(text: &str) -> Cow<'_, str> {
    let Some(depth) = quote_depth(text).filter(|d| *d > 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        for _ in 0..depth {
            let Some(after) = rest.trim_start_matches([' ', '\t']).strip_prefix('>') else {
                break;
            };
            rest = after.strip_prefix(' ').unwrap_or(after);
        }
        out.push_str(rest);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn a_bold_label_is_read_as_a_label_and_other_bold_text_stays() {
        assert_eq!(
            plain("- **Status:** 401\n**Request ID**: 6b1e0c9d\n* **When:** 2024-06-10\n"),
            "- Status: 401\nRequest ID: 6b1e0c9d\n* When: 2024-06-10\n"
        );
        for text in [
            "**Problem** the login fails",
            "a **bold: word** inside",
            "** not bold",
        ] {
            assert_eq!(plain(text), text);
        }
    }

    #[test]
    fn a_quoted_reply_loses_its_marks_and_a_quoted_transcript_keeps_its_own() {
        let mail = "On Mon, Customer wrote:\n> HTTP/1.1 429 Too Many Requests\n> X-Request-Id: ab12\n>\n> {\"error_code\":\"APIG.0308\"}\n";
        assert_eq!(
            plain(mail),
            "On Mon, Customer wrote:\nHTTP/1.1 429 Too Many Requests\nX-Request-Id: ab12\n\n{\"error_code\":\"APIG.0308\"}\n"
        );
        let nested = ">> HTTP/1.1 429 Too Many Requests\n>> Server: api-gateway\n";
        assert_eq!(
            plain(nested),
            "HTTP/1.1 429 Too Many Requests\nServer: api-gateway\n"
        );
        let quoted_curl =
            "> > GET /v1 HTTP/1.1\n> > X-Request-Id: client-1\n> < HTTP/1.1 403 Forbidden\n";
        assert_eq!(
            plain(quoted_curl),
            "> GET /v1 HTTP/1.1\n> X-Request-Id: client-1\n< HTTP/1.1 403 Forbidden\n"
        );
        // A curl transcript is no e-mail.
        let curl = "> GET /v1 HTTP/1.1\n> Host: a\n< HTTP/1.1 403 Forbidden\n";
        assert_eq!(plain(curl), curl);
    }
}
