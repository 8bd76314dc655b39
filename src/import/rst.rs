//! RST grid tables, as the cloud documentation's "Error Codes" pages write them.

use std::borrow::Cow;

/// One grid table: the header row (if the table has a `+===+` separator) and the body rows,
/// each cell as plain text with paragraphs separated by a blank line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct GridTable {
    /// 1-based line of the table's top border, for error messages.
    pub(crate) line: usize,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// Every grid table in an RST document, in order.
#[cfg(test)]
pub(crate) fn grid_tables(text: &str) -> Vec<GridTable> {
    grid_tables_reporting(text, &mut |_| {})
}

/// [`grid_tables`], saying how far through the text it is (percent) now and then.
pub(crate) fn grid_tables_reporting(text: &str, percent: &mut dyn FnMut(u8)) -> Vec<GridTable> {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut i = 0;
    let mut said = 0;
    while i < lines.len() {
        if i >= said + 4096 {
            said = i;
            percent((i * 100 / lines.len()) as u8);
        }
        if is_border(lines[i].trim_start()) {
            let (table, next) = read_table(&lines, i);
            tables.push(table);
            i = next;
        } else {
            i += 1;
        }
    }
    tables
}

fn is_border(line: &str) -> bool {
    line.starts_with("+-") || line.starts_with("+=")
}

/// Read the table whose top border is at `start`; return it and the first line after it.
fn read_table(lines: &[&str], start: usize) -> (GridTable, usize) {
    let border = lines[start].trim_start();
    let indent = lines[start].len() - border.len();
    let columns = column_edges(border);
    let mut table = GridTable {
        line: start + 1,
        ..GridTable::default()
    };
    let mut block: Vec<&str> = Vec::new();
    let mut i = start + 1;
    while let Some(line) = lines.get(i).and_then(|l| l.get(indent..)) {
        if line.starts_with('+') {
            if !block.is_empty() {
                let row = cells(&block, &columns);
                if line.starts_with("+=") && table.header.is_empty() && table.rows.is_empty() {
                    table.header = row;
                } else {
                    table.rows.push(row);
                }
            }
            block.clear();
        } else if line.starts_with('|') {
            block.push(line);
        } else {
            break;
        }
        i += 1;
    }
    (table, i)
}

/// Char offsets of the `+` separators in a border line.
fn column_edges(border: &str) -> Vec<usize> {
    border
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == '+')
        .map(|(i, _)| i)
        .collect()
}

fn cells(block: &[&str], edges: &[usize]) -> Vec<String> {
    // The documentation's tables are ASCII but for the odd word: only a line that is
    // not is cut by chars; the rest are sliced where they stand, with no copy.
    let chars: Vec<Option<Vec<char>>> = block
        .iter()
        .map(|l| (!l.is_ascii()).then(|| l.chars().collect()))
        .collect();
    edges
        .windows(2)
        .map(|w| {
            let mut text = String::new();
            let mut blank_before = false;
            for (line, chars) in block.iter().zip(&chars) {
                let part = match chars {
                    None => Cow::Borrowed(ascii_part(line, w[0] + 1, w[1])),
                    Some(chars) => {
                        let from = (w[0] + 1).min(chars.len());
                        let to = w[1].min(chars.len()).max(from);
                        Cow::Owned(chars[from..to].iter().collect())
                    }
                };
                let part = part.trim();
                if part.is_empty() {
                    blank_before = !text.is_empty();
                    continue;
                }
                if blank_before {
                    text.push_str("\n\n");
                } else if !text.is_empty() {
                    text.push(' ');
                }
                blank_before = false;
                text.push_str(part);
            }
            plain_text(&text)
        })
        .collect()
}

/// Bytes `from..to` of an ASCII line, cut to its length.
fn ascii_part(line: &str, from: usize, to: usize) -> &str {
    let to = to.min(line.len());
    line.get(from.min(to)..to).unwrap_or_default()
}

/// Drop inline RST emphasis (`*x*`, `**x**`) and keep every word.
pub(crate) fn plain_text(text: &str) -> String {
    if !text.contains('*') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == '*').count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        if !(run <= 2 && is_emphasis_mark(&chars, i, i + run)) {
            out.extend(&chars[i..i + run]);
        }
        i += run;
    }
    out
}

/// A run of `*` at `start..end` that opens or closes emphasis: touching a word on one
/// side and space, punctuation or the edge on the other.
fn is_emphasis_mark(chars: &[char], start: usize, end: usize) -> bool {
    let prev = start.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(end).copied();
    let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    let edge = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || ",.;:()\"'".contains(c));
    (word(next) && edge(prev)) || (word(prev) && edge(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
Intro text.

   +------+---------------+--------+
   | Code | Message       | Status |
   +======+===============+========+
   | A.1  | First line    | 400    |
   |      | continues.    |        |
   +------+---------------+--------+
   | A.2  | Only *xxx* is | 500    |
   |      |               |        |
   |      | second para.  |        |
   +------+---------------+--------+

After.
";

    #[test]
    fn reads_header_rows_and_joins_wrapped_cells() {
        let tables = grid_tables(SAMPLE);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.line, 3);
        assert_eq!(t.header, vec!["Code", "Message", "Status"]);
        assert_eq!(t.rows[0], vec!["A.1", "First line continues.", "400"]);
        assert_eq!(t.rows[1][1], "Only xxx is\n\nsecond para.");
    }

    #[test]
    fn emphasis_is_dropped_but_asterisks_in_words_stay() {
        assert_eq!(
            plain_text("use **X-Stage** or *xxx*."),
            "use X-Stage or xxx."
        );
        assert_eq!(plain_text("a*b and 2 * 3"), "a*b and 2 * 3");
    }

    #[test]
    fn a_non_ascii_line_is_cut_by_chars_like_its_ascii_neighbours() {
        let text = "+------+---------+\n| Größe| Straße  |\n| x    | ab      |\n|      |         |\n| y    | cd      |\n+------+---------+\n";
        let rows = &grid_tables(text)[0].rows;
        assert_eq!(rows[0], vec!["Größe x\n\ny", "Straße ab\n\ncd"]);
    }

    #[test]
    fn ragged_or_non_ascii_lines_do_not_panic() {
        let text = "+--+--+\n| é | ü |\n|x\n+--+--+\n";
        assert_eq!(grid_tables(text).len(), 1);
    }
}
