//! The paste as the readers need to see it, when it was pasted inside something else: an
//! e-mail's quoted reply (`> HTTP/1.1 429 …`, `>> ` nested) loses its quote marks, and a
//! table row (a CSV line, a Markdown row `| APIG.0308 | 429 | … |`) is written as the
//! fields its cells are (`error_code=APIG.0308 status=429 request_id=… error_msg=…`).
//! A view only: nothing is added that a cell or line does not say, and text that is
//! neither is returned as it is (borrowed, not copied).

use std::borrow::Cow;

use super::fields::has_code;

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

/// What a column holds, by its header's name or its cell's form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Time,
    Code,
    Status,
    RequestId,
    Message,
    Other,
}

impl Column {
    /// The column a header cell names.
    fn named(name: &str) -> Column {
        let key: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "time" | "timestamp" | "date" | "datetime" | "when" | "时间" => Column::Time,
            "code" | "errorcode" | "errcode" | "错误码" | "错误代码" => Column::Code,
            "status" | "httpstatus" | "statuscode" | "httpcode" | "状态码" | "http状态码" => {
                Column::Status
            }
            "requestid" | "reqid" | "xrequestid" | "请求id" => Column::RequestId,
            "message" | "msg" | "errormsg" | "errormessage" | "错误信息" | "错误消息" => {
                Column::Message
            }
            _ => Column::Other,
        }
    }

    /// The column a cell is by its form alone: a code, a three-digit error status, a hex
    /// or UUID id, a date and time, words (three or more: a message). Anything else is
    /// not guessed.
    fn of_cell(cell: &str) -> Column {
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let hex = cell.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            && cell.chars().filter(char::is_ascii_hexdigit).count() >= 16;
        if cell.len() <= 12 && has_code(cell) {
            Column::Code
        } else if cell.len() == 3 && digits(cell) && matches!(cell.as_bytes()[0], b'4' | b'5') {
            Column::Status
        } else if hex && !digits(cell) {
            Column::RequestId
        } else if cell.len() >= 10
            && cell.get(..4).is_some_and(digits)
            && matches!(cell.as_bytes()[4], b'-' | b'/')
            && cell.contains(':')
        {
            Column::Time
        } else if cell
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= 3
        {
            Column::Message
        } else {
            Column::Other
        }
    }
}

/// The separators a CSV export may use: a tab, a semicolon (a spreadsheet of a locale
/// whose decimal mark is the comma), a comma.
const SEPARATORS: [char; 3] = ['\t', ';', ','];

/// The cells of a Markdown row (`| a | b |`) or a CSV line (cells parted by `sep`, else
/// by the separator it holds most of outside double quotes), trimmed; None for a line
/// that is neither, or has fewer than three.
fn cells(line: &str, sep: Option<char>) -> Option<Vec<String>> {
    let line = line.trim_matches(['\r', '\n', ' ']);
    let cells: Vec<String> = if line.starts_with('|') && line.ends_with('|') && line.len() > 1 {
        let inner = line.get(1..line.len() - 1)?;
        inner.split('|').map(|c| c.trim().to_string()).collect()
    } else if !line.contains(['{', '=']) {
        csv_cells(line, sep.or_else(|| separator(line))?)
    } else {
        return None;
    };
    (cells.len() >= 3).then_some(cells)
}

/// The separator `line` holds most of outside double quotes, at least twice (three
/// cells); a tie goes to the rarer in prose (tab, then `;`), as a message cell may hold
/// commas.
fn separator(line: &str) -> Option<char> {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted => {
                if let Some(i) = SEPARATORS.iter().position(|s| *s == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let (most, n) = SEPARATORS
        .iter()
        .zip(counts)
        .fold(
            (None, 0),
            |(best, n), (s, m)| if m > n { (Some(*s), m) } else { (best, n) },
        );
    most.filter(|_| n >= 2)
}

/// Whether [`cells`] may cut `line` into three cells or more, by a look at its bytes
/// alone: a Markdown row's bars at both ends, or two of one separator (a CSV line has one
/// between each two cells, quoted or not) and neither `{` nor `=`. A log line with one
/// comma (`06:38:00,123`) is not parsed char by char to find it has two cells.
fn may_be_row(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with('|') && line.ends_with('|') && line.len() > 1 {
        return true;
    }
    // One pass over the bytes: each separator counted, `{` or `=` ending it.
    let mut counts = [0u8; SEPARATORS.len()];
    for b in line.bytes() {
        if matches!(b, b'{' | b'=') {
            return false;
        }
        if let Some(i) = SEPARATORS.iter().position(|&sep| char::from(b) == sep)
            && let Some(n) = counts.get_mut(i)
        {
            *n = n.saturating_add(1);
        }
    }
    counts.iter().any(|&n| n >= 2)
}

/// A CSV line's cells parted by `sep`, a quoted cell unquoted (`""` is a quote).
fn csv_cells(line: &str, sep: char) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => cells.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// The text with each table row that holds an APIG code written as fields; None when
/// no line is such a row.
fn tables(text: &str) -> Option<String> {
    // Cheap first: a table row has a `|` or a separator, and a code.
    if !text.contains(['|', ',', ';', '\t']) || !has_code(text) {
        return None;
    }
    // The header's columns, and the separator it was written with (a Markdown header's
    // is None): the rows under it are cut by the same.
    let mut header: Option<(Vec<Column>, Option<char>)> = None;
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        // Only a line shaped as a row (see [`may_be_row`]) that may name a code (a row)
        // or holds no digit (a header) is cut into cells: a long log's other lines are
        // passed on as they are, each looked at once.
        if !may_be_row(line) || (!mentions_code(line) && line.bytes().any(|b| b.is_ascii_digit())) {
            out.push_str(line);
            continue;
        }
        let sep = header.as_ref().and_then(|(_, sep)| *sep);
        let row = cells(line, sep);
        let read = row.as_ref().and_then(|cells| {
            let columns = header
                .as_ref()
                .map(|(h, _)| h)
                .filter(|h| h.len() == cells.len())
                .cloned()
                .unwrap_or_else(|| cells.iter().map(|c| Column::of_cell(c)).collect());
            as_fields(cells, &columns)
        });
        match (read, row) {
            (Some(fields), _) => {
                out.push_str(&fields);
                out.push('\n');
                changed = true;
            }
            (None, Some(cells)) => {
                let named: Vec<Column> = cells.iter().map(|c| Column::named(c)).collect();
                if named.contains(&Column::Code) && !has_code(line) {
                    let markdown = line.trim_start().starts_with('|');
                    header = Some((named, (!markdown).then(|| separator(line)).flatten()));
                }
                out.push_str(line);
            }
            (None, None) => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// Whether `line` holds `apig` or `apic` in any ASCII case: a cheap test before a
/// line is cut into cells (a code in fullwidth forms is not looked for in a table).
fn mentions_code(line: &str) -> bool {
    line.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"apig") || w.eq_ignore_ascii_case(b"apic"))
}

/// A row's cells as the fields they are, when one cell is an APIG code and another a
/// status or a request id (so that a line of commas that only lists codes stays as it
/// is): `<time> error_code=… status=… request_id=… error_msg=…`, the message last, as it
/// may hold spaces and commas.
fn as_fields(cells: &[String], columns: &[Column]) -> Option<String> {
    let of = |want: Column| {
        let mut found = cells
            .iter()
            .zip(columns)
            .filter(|(c, col)| **col == want && !c.is_empty());
        let first = found.next().map(|(c, _)| c.as_str());
        // Two cells of one kind: the row is not read by guessing which.
        found.next().is_none().then_some(first).flatten()
    };
    let code = of(Column::Code).filter(|c| has_code(c))?;
    let status = of(Column::Status);
    let id = of(Column::RequestId);
    if status.is_none() && id.is_none() {
        return None;
    }
    let mut out = String::new();
    if let Some(time) = of(Column::Time) {
        out.push_str(time);
        out.push(' ');
    }
    out.push_str("error_code=");
    out.push_str(code);
    for (key, value) in [("status", status), ("request_id", id)] {
        if let Some(value) = value.filter(|v| !v.contains(char::is_whitespace)) {
            out.push_str(&format!(" {key}={value}"));
        }
    }
    if let Some(message) = of(Column::Message) {
        out.push_str(" error_msg=");
        out.push_str(message);
    }
    Some(out)
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

    #[test]
    fn table_rows_are_read_as_their_cells_by_header_or_by_form() {
        let csv = "time,code,status,request_id,message\n2026-12-07 03:10:02,APIG.0308,429,5e1d2c3b4a5f6071,\"The throttling threshold, reached\"\n";
        assert_eq!(
            plain(csv).lines().nth(1),
            Some(
                "2026-12-07 03:10:02 error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=The throttling threshold, reached"
            )
        );
        let markdown =
            "| APIG.0308 | 429 | 5e1d2c3b4a5f6071 | The throttling threshold has been reached |\n";
        assert_eq!(
            plain(markdown),
            "error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=The throttling threshold has been reached\n"
        );
        let headed = "| 错误码 | 状态码 | 请求ID | 错误信息 |\n|---|---|---|---|\n| APIG.0308 | 429 | 5e1d2c3b4a5f6071 | 请求过多 |\n";
        assert_eq!(
            plain(headed).lines().nth(2),
            Some("error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=请求过多")
        );
    }

    #[test]
    fn a_semicolon_or_tab_export_is_cut_by_its_header_s_separator() {
        let want = "2024-06-05 14:03:22 error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=Throttled, try again, later";
        for sep in [";", "\t", ","] {
            let csv = format!(
                "time{sep}status{sep}request_id{sep}error_code{sep}error_msg\n2024-06-05 14:03:22{sep}429{sep}5e1d2c3b4a5f6071{sep}APIG.0308{sep}\"Throttled, try again, later\"\n"
            );
            assert_eq!(plain(&csv).lines().nth(1), Some(want), "{csv:?}");
        }
        // Under a `;` header, commas in an unquoted message are the message's.
        let commas = "time;status;request_id;error_code;error_msg\n2024-06-05 14:03:22;429;5e1d2c3b4a5f6071;APIG.0308;Throttled, try again, later\n";
        assert_eq!(plain(commas).lines().nth(1), Some(want));
    }

    #[test]
    fn lines_that_only_list_codes_or_are_logs_stay_as_written() {
        for text in [
            "retry on: APIG.0308, APIG.0201, APIG.0303\n",
            "2026-12-07T03:10:02Z ERROR call failed, code APIG.0308, will retry\n",
            "{\"error_code\":\"APIG.0308\",\"status\":429,\"request_id\":\"5e1d2c3b4a5f6071\"}\n",
            "| APIG.0308 | APIG.0201 | 429 |\n",
            "2026-12-07T03:10:02Z ERROR APIG.0308; will retry; backing off\n",
        ] {
            assert_eq!(plain(text), text);
        }
    }
}
