//! Table rows read as the fields their cells are: a CSV line (cut by `,`, `;` or tab, as
//! its header is), a Markdown row, and a plain table aligned with runs of spaces
//! (`APIG.0302   403   Forbidden …`), each cell taken by its header's name or its form.

use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::fields::has_code;
use crate::pattern::re;

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
    /// The column a header cell names, in the words tables of several languages use
    /// (`HTTP Status Code`, `Statuscode`, `Estado HTTP`, `Fehlercode`, `Zeitpunkt`,
    /// `请求ID`). A column no word names (`Count`, `Anzahl`, `Path`) is none of them:
    /// its cells are never taken for a status or an id.
    fn named(name: &str) -> Column {
        let key: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let has = |words: &[&str]| words.iter().any(|w| key.contains(w));
        if has(&[
            "status",
            "statut",
            "estado",
            "状态",
            "httpcode",
            "responsecode",
        ]) || has(&["codehttp", "códigohttp", "codigohttp", "返回码", "响应码"])
            || key == "http"
        {
            Column::Status
        } else if has(&["requestid", "reqid", "请求id", "请求编号"])
            || has(&[
                "idsolicitud",
                "iddesolicitud",
                "idrequête",
                "idderequête",
                "iddarequisição",
            ])
        {
            Column::RequestId
        } else if has(&[
            "message",
            "msg",
            "meldung",
            "mensaje",
            "mensagem",
            "description",
        ]) || has(&[
            "beschreibung",
            "descripción",
            "descrição",
            "信息",
            "消息",
            "描述",
        ]) {
            Column::Message
        } else if key.ends_with("code")
            || key.ends_with("código")
            || key.ends_with("codigo")
            || key.ends_with('码')
            || has(&[
                "fehlercode",
                "错误代码",
                "códigodeerr",
                "codigodeerr",
                "codederreur",
            ])
        {
            Column::Code
        } else if has(&[
            "time", "date", "when", "zeit", "datum", "fecha", "hora", "heure",
        ]) || has(&["horodatage", "data", "horário", "时间", "日期"])
        {
            Column::Time
        } else {
            Column::Other
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
        } else if cell.len() == 3
            && digits(cell)
            && cell.parse().is_ok_and(crate::http_status::registered_error)
        {
            // A number no server sends (`512`) is a count, not a status.
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

/// How a table's rows are cut into cells: at a Markdown row's bars, at a CSV line's
/// separator, or at the runs of spaces (or tabs) of a plain aligned table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cut {
    Markdown,
    Separator(char),
    Aligned,
}

/// The cells of a Markdown row (`| a | b |`), a CSV line (cells parted by the header's
/// separator, else by the one it holds most of outside double quotes) or a plain aligned
/// table's row (`APIG.0302   403   Forbidden by policy`: cells parted by two spaces or
/// more, or tabs; never a log's line, which names its level), trimmed; how it was cut;
/// None for a line that is none, or has fewer than three cells.
fn cells(line: &str, header: Option<Cut>) -> Option<(Vec<String>, Cut)> {
    let line = line.trim_matches(['\r', '\n', ' ']);
    let (cells, cut): (Vec<String>, Cut) =
        if line.starts_with('|') && line.ends_with('|') && line.len() > 1 {
            let inner = line.get(1..line.len() - 1)?;
            let cells = inner.split('|').map(|c| c.trim().to_string()).collect();
            (cells, Cut::Markdown)
        } else if line.contains(['{', '=']) {
            return None;
        } else {
            let sep = match header {
                Some(Cut::Separator(sep)) => Some(sep),
                Some(Cut::Aligned) => None,
                _ => separator(line),
            };
            match sep {
                Some(sep) => (csv_cells(line, sep), Cut::Separator(sep)),
                None => (aligned_cells(line)?, Cut::Aligned),
            }
        };
    (cells.len() >= 3).then_some((cells, cut))
}

/// A plain aligned table's cells: parted by a tab or two spaces or more; None for a log's
/// line (a cell is its level: `2026-12-07 10:00:00  ERROR  APIG.0308  …`).
fn aligned_cells(line: &str) -> Option<Vec<String>> {
    if !line.contains("  ") && !line.contains('\t') {
        return None;
    }
    let cells: Vec<String> = ALIGNED.split(line).map(|c| c.trim().to_string()).collect();
    let logged = cells.iter().any(|c| LEVEL.is_match(c));
    (!logged).then_some(cells)
}

/// What parts the cells of a plain aligned table: a tab, or two spaces or more.
static ALIGNED: LazyLock<Regex> = LazyLock::new(|| re(r"\t+ *| {2,}\t*"));
/// A log's level, as a cell of its line.
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\[?(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|SEVERE|NOTICE)\]?(?:\s|:|$)")
});

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
/// alone: a Markdown row's bars at both ends, two of one separator (a CSV line has one
/// between each two cells, quoted or not) or two runs of two spaces (an aligned table),
/// and neither `{` nor `=`. A log line with one comma (`06:38:00,123`) is not parsed char
/// by char to find it has two cells.
fn may_be_row(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with('|') && line.ends_with('|') && line.len() > 1 {
        return true;
    }
    // One pass over the bytes: each separator counted, `{` or `=` ending it.
    let mut counts = [0u8; SEPARATORS.len()];
    let (mut runs, mut spaces) = (0u8, 0u8);
    for b in line.bytes() {
        if matches!(b, b'{' | b'=') {
            return false;
        }
        if let Some(i) = SEPARATORS.iter().position(|&sep| char::from(b) == sep)
            && let Some(n) = counts.get_mut(i)
        {
            *n = n.saturating_add(1);
        }
        spaces = if b == b' ' {
            spaces.saturating_add(1)
        } else {
            0
        };
        runs = runs.saturating_add(u8::from(spaces == 2));
    }
    counts.iter().any(|&n| n >= 2) || runs >= 2
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
pub(super) fn tables(text: &str) -> Option<String> {
    // Cheap first: a table row has a `|`, a separator or a run of spaces, and a code.
    if !(text.contains(['|', ',', ';', '\t']) || text.contains("  ")) || !has_code(text) {
        return None;
    }
    // The header's columns, and how it was cut: the rows under it are cut the same way.
    let mut header: Option<(Vec<Column>, Cut)> = None;
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        // Only a line shaped as a row (see [`may_be_row`]) that may name a code (a row)
        // or holds no digit (a header) is cut into cells: a long log's other lines are
        // passed on as they are, each looked at once.
        if !may_be_row(line)
            || (!crate::analysis::fields::mentions_code(line)
                && line.bytes().any(|b| b.is_ascii_digit()))
        {
            out.push_str(line);
            continue;
        }
        let row = cells(line, header.as_ref().map(|(_, cut)| *cut));
        let read = row.as_ref().and_then(|(cells, _)| {
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
            (None, Some((cells, cut))) => {
                let named: Vec<Column> = cells.iter().map(|c| Column::named(c)).collect();
                if named.contains(&Column::Code) && !has_code(line) {
                    header = Some((named, cut));
                }
                out.push_str(line);
            }
            (None, None) => out.push_str(line),
        }
    }
    changed.then_some(out)
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
    // A date and a clock in two columns are one time; a column named for time whose
    // cell holds no clock (`Times seen`, `Last update`) gives none.
    let times: Vec<&str> = cells
        .iter()
        .zip(columns)
        .filter(|(c, col)| **col == Column::Time && !c.is_empty())
        .map(|(c, _)| c.as_str())
        .collect();
    let time = match times.as_slice() {
        [one] => Some((*one).to_string()),
        [date, clock] => Some(format!("{date} {clock}")),
        _ => None,
    };
    if let Some(time) = time.filter(|t| t.contains([':', '年'])) {
        out.push_str(&time);
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
#[path = "tables_tests.rs"]
mod tests;
