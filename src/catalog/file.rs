//! The app's catalog data format (TOML: a `[[catalog]]` block per catalog and an
//! `[[entry]]` block per row), parsed and validated into a [`Catalog`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::step::Step;
use super::{
    Catalog, Category, DetailWord, Entry, Lists, Source, Texts, WhoActs, derive_fields,
    detail_words,
};

/// The file as written on disk; also what the importer produces.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile<'a> {
    /// The catalogs the file declares (`[[catalog]]`).
    #[serde(default)]
    pub catalog: Vec<SourceRecord>,
    /// The rows (`[[entry]]`), their text borrowed from the file where it needs no unescaping.
    #[serde(default, borrow)]
    pub entry: Vec<EntryRecord<'a>>,
}

/// A catalog declared in a file: the id rows name, its title, where it comes from.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The id rows and `explain --catalog-id` name it by (`calling`).
    pub id: String,
    /// The title the facets show (`Calling APIs`).
    pub title: String,
    /// Where the rows come from (a documentation URL or file); may be empty.
    #[serde(default)]
    pub source: String,
}

/// A row as written in a catalog file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRecord<'a> {
    /// The id of the catalog (a `[[catalog]]` of the file) the row belongs to.
    #[serde(borrow)]
    pub catalog: Cow<'a, str>,
    /// The code, in any spelling; normalized when read.
    #[serde(borrow)]
    pub code: Cow<'a, str>,
    /// The HTTP status the gateway answers with.
    pub http_status: u16,
    /// The error message, as the gateway writes it.
    #[serde(borrow)]
    pub message: Cow<'a, str>,
    /// What the error means.
    #[serde(default, borrow)]
    pub description: Cow<'a, str>,
    /// What to do about it.
    #[serde(default, borrow)]
    pub solution: Cow<'a, str>,
    /// What failed; classified from the text when the file does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Who has to act; None where the catalog does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_acts: Option<WhoActs>,
    /// Words customers use for the error that its text does not contain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Other spellings of the code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What the gateway appends after the message for this row (see `Lists::details`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
    /// The checklist; written as `[[entry.step]]` blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step: Vec<Step>,
    /// Columns of an imported table that have no field of their own (e.g. `Module`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Why a catalog file was rejected, with the line where that is known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ParseError {
    /// The line in the file, where it is known.
    pub(crate) line: Option<usize>,
    /// What is wrong there.
    pub(crate) reason: String,
}

/// Parse and validate a catalog file: every entry names a declared catalog and no entry
/// repeats another in every field. (Rows that share code, status and message but differ
/// elsewhere exist in real tables, e.g. per VPC module; the embedded catalog's tests
/// require unique identities.)
pub(crate) fn parse_catalog(text: &str) -> Result<Catalog, ParseError> {
    parse_catalog_reporting(text, &mut |_| {})
}

/// [`parse_catalog`], saying how far through a big file it is (percent) now and then.
pub(crate) fn parse_catalog_reporting(
    text: &str,
    percent: &mut dyn FnMut(u8),
) -> Result<Catalog, ParseError> {
    let file = read_file(text, percent)?;
    crate::trace::mark("parsed");
    file.into_catalog()
}

/// A big file is read in pieces of about this size, split where an `[[entry]]` block
/// starts: a piece's parse tree stays small, so its memory is reused by the next piece
/// rather than a whole file's tree faulted in page by page (a 56 MB file took 60 % of
/// the time it took read as two halves, and less than half the page faults).
const PIECE: usize = 1 << 18;

/// The file's blocks. A big file is read in pieces, the first half of them on this
/// thread and the rest on another. Each piece is read by [`super::plain`] when it is of
/// the plain form, else by the `toml` crate. A piece that does not read alone (a split fell inside
/// a multi-line string, or the file is broken) sends the whole file to the one-thread
/// reader, so the result, and any error with its line, is the same as without pieces.
fn read_file<'a>(
    text: &'a str,
    percent: &mut dyn FnMut(u8),
) -> Result<CatalogFile<'a>, ParseError> {
    let pieces = pieces(text);
    if pieces.len() > 1
        && let Some(file) = read_pieces(&pieces, percent)
    {
        return Ok(file);
    }
    if let Some(file) = super::plain::read(text) {
        return Ok(file);
    }
    toml::from_str(text).map_err(|e| toml_error(text, &e))
}

/// The TOML reader's complaint in words a catalog's author reads: which field, and what
/// it should hold ("http_status: expected a whole number from 0 to 65535, found the text
/// \"abc\""), not the reader's Rust type names ("expected u16").
fn toml_error(text: &str, e: &toml::de::Error) -> ParseError {
    let at = e.span().map(|s| s.start);
    let mut reason = e.message().trim().to_string();
    for (rust, words) in [
        ("invalid type: string", "found the text"),
        ("invalid type: integer", "found the number"),
        ("invalid type: floating point", "found the number"),
        ("invalid type: boolean", "found"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a table"),
        ("invalid value: integer", "found the number"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u8", "expected a whole number from 0 to 255"),
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number of 0 or more"),
        ("expected usize", "expected a whole number of 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected a borrowed string", "expected text in quotes"),
        ("expected a string", "expected text in quotes"),
        ("expected a sequence", "expected a list in brackets"),
    ] {
        reason = reason.replace(rust, words);
    }
    // Put what was expected first: "expected ..., found ..." reads as a sentence.
    if let Some((found, expected)) = reason.split_once(", expected ")
        && found.starts_with("found")
    {
        reason = format!("expected {expected}, {found}");
    }
    let field = at
        .and_then(|at| text.get(..at))
        .and_then(|before| before.rsplit('\n').next())
        .and_then(|line| line.split_once('='))
        .map(|(key, _)| key.trim())
        .filter(|key| !key.is_empty() && !key.contains(['[', '"']));
    if let Some(field) = field {
        reason = format!("field `{field}`: {reason}");
    }
    ParseError {
        line: at.map(|at| line_of(text, at)),
        reason,
    }
}

/// `text` cut before the first `[[entry]]` line at or past every [`PIECE`] bytes.
fn pieces(text: &str) -> Vec<&str> {
    const MARK: &str = "\n[[entry]]\n";
    let mut pieces = Vec::with_capacity(text.len() / PIECE + 1);
    let mut rest = text;
    while rest.len() > PIECE {
        let from = (PIECE..rest.len()).find(|&i| rest.is_char_boundary(i));
        let at = from.and_then(|from| Some(rest.get(from..)?.find(MARK)? + from + 1));
        let Some((piece, tail)) = at.and_then(|at| Some((rest.get(..at)?, rest.get(at..)?))) else {
            break;
        };
        pieces.push(piece);
        rest = tail;
    }
    pieces.push(rest);
    pieces
}

/// The pieces' blocks in order, or None when a piece does not read alone. Says how far
/// this thread's half is, which is about how far the whole file is.
fn read_pieces<'a>(pieces: &[&'a str], percent: &mut dyn FnMut(u8)) -> Option<CatalogFile<'a>> {
    let (head, tail) = pieces.split_at(pieces.len() / 2);
    let (head, tail) = std::thread::scope(|scope| {
        let tail = std::thread::Builder::new()
            .name("catalog-read".into())
            .spawn_scoped(scope, || read_in_turn(tail, &mut |_| {}))
            .ok()?;
        let head = read_in_turn(head, percent);
        Some((head, tail.join().ok()?))
    })?;
    let (mut head, tail) = (head?, tail?);
    head.catalog.extend(tail.catalog);
    head.entry.extend(tail.entry);
    Some(head)
}

/// The blocks of `pieces`, read one after another; None at the first that fails.
fn read_in_turn<'a>(pieces: &[&'a str], percent: &mut dyn FnMut(u8)) -> Option<CatalogFile<'a>> {
    let mut file = CatalogFile::default();
    for (done, piece) in pieces.iter().enumerate() {
        percent((done * 100 / pieces.len()) as u8);
        // The plain form without the TOML reader's tree, else the TOML reader.
        let read = super::plain::read(piece).or_else(|| toml::from_str(piece).ok())?;
        file.catalog.extend(read.catalog);
        file.entry.extend(read.entry);
    }
    crate::trace::mark("pieces parsed");
    Some(file)
}

impl CatalogFile<'_> {
    /// The rows as a [`Catalog`], every entry checked against the declared catalogs.
    pub fn into_catalog(self) -> Result<Catalog, ParseError> {
        let sources: Vec<Source> = self
            .catalog
            .into_iter()
            .map(|s| Source {
                id: s.id,
                title: s.title,
                origin: s.source,
            })
            .collect();
        let entries = entries_of(self.entry, &sources)?;
        // Identities borrow the rows: a 100,000-row file is not copied to be checked.
        // FxHash: the rows are hashed whole, tens of megabytes for a big catalog.
        let mut seen =
            rustc_hash::FxHashSet::with_capacity_and_hasher(entries.len(), Default::default());
        for (n, entry) in entries.iter().enumerate() {
            let identity = (
                entry.source,
                entry.http_status,
                entry.texts(),
                entry.extra(),
            );
            if !seen.insert(identity) {
                return Err(ParseError {
                    line: None,
                    reason: format!(
                        "entry {}: duplicate row {} {} {:?}",
                        n + 1,
                        entry.code(),
                        entry.http_status,
                        entry.message()
                    ),
                });
            }
        }
        drop(seen);
        Ok(Catalog::new(sources, entries))
    }
}

/// The records as rows, the second half made on another thread (100,000 rows take
/// about 90 ms of CPU); the error is the first failing record's, as one after another.
fn entries_of(
    mut records: Vec<EntryRecord<'_>>,
    sources: &[Source],
) -> Result<Vec<Entry>, ParseError> {
    // A thread costs more than a small file's rows.
    if records.len() < 8192 {
        return rows_of(records, sources, 0);
    }
    let half = records.len() / 2;
    let mut tail = Some(records.split_off(half));
    let (head, made) = std::thread::scope(|scope| {
        let slot = &mut tail;
        let other = std::thread::Builder::new()
            .name("catalog-rows".into())
            .spawn_scoped(scope, move || {
                slot.take().map(|t| rows_of(t, sources, half))
            });
        let head = rows_of(records, sources, 0);
        let made = other
            .ok()
            .and_then(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (head, made)
    });
    // No thread to be had: the second half is made here.
    let made = made.unwrap_or_else(|| rows_of(tail.unwrap_or_default(), sources, half));
    let mut rows = head?;
    rows.extend(made?);
    Ok(rows)
}

/// The records as rows, the first numbered `first + 1` in errors.
fn rows_of(
    records: Vec<EntryRecord<'_>>,
    sources: &[Source],
    first: usize,
) -> Result<Vec<Entry>, ParseError> {
    records
        .into_iter()
        .enumerate()
        .map(|(n, rec)| {
            rec.into_entry(sources).map_err(|reason| ParseError {
                line: None,
                reason: format!("entry {}: {reason}", first + n + 1),
            })
        })
        .collect()
}

impl EntryRecord<'_> {
    fn into_entry(self, sources: &[Source]) -> Result<Entry, String> {
        let source = sources
            .iter()
            .position(|s| s.id == self.catalog)
            .ok_or_else(|| format!("unknown catalog {:?}", self.catalog))?;
        if self.code.trim().is_empty() {
            return Err("empty code".into());
        }
        // Derived only for what the file leaves out (it lowercases two texts a row).
        let (category, who_acts) = match (self.category, self.who_acts) {
            (Some(category), Some(who)) => (category, Some(who)),
            (category, who) => {
                let (derived_category, derived_who) =
                    derive_fields(self.http_status, &self.message, &self.solution);
                // The rule knows APIG's errors; another service's rows say who acts only
                // when their file does.
                let who = who.or_else(|| is_apig(&self.code).then_some(derived_who));
                (category.unwrap_or(derived_category), who)
            }
        };
        if let Some(bad) = self
            .details
            .iter()
            .find(|d| !matches!(detail_words(d).first(), Some(DetailWord::Word(_))))
        {
            return Err(format!(
                "detail {bad:?} must begin with a word (it is found by its words)"
            ));
        }
        let texts = Texts::new(&self.code, &self.message, &self.description, &self.solution);
        let lists = Lists {
            keywords: self.keywords,
            aliases: self.aliases,
            details: self.details,
            steps: self.step,
            extra: self.extra.into_iter().collect(),
        };
        let kind = (category, who_acts);
        Ok(Entry::new(source, self.http_status, kind, texts, lists))
    }
}

/// An API Gateway code (`APIG.0301`, `APIC.7211`), whose who-acts rule applies.
fn is_apig(code: &str) -> bool {
    code.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("apig") || p.eq_ignore_ascii_case("apic"))
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of several [`PIECE`]s: one catalog, then `rows` entries, the one in the
    /// middle carrying `middle` as its description.
    fn big_file(rows: usize, middle: &str) -> String {
        let mut text = String::from("[[catalog]]\nid = \"big\"\ntitle = \"Big\"\n\n");
        for i in 0..rows {
            let description = if i == rows / 2 {
                middle.to_string()
            } else {
                format!("\"Row {i} of a catalog long enough to be read in pieces.\"")
            };
            text.push_str(&format!(
                "[[entry]]\ncatalog = \"big\"\ncode = \"BIG.{i:05}\"\nhttp_status = 400\nmessage = \"Message {i}\"\ndescription = {description}\n\n"
            ));
        }
        assert!(text.len() > 4 * PIECE);
        text
    }

    fn on_one_thread(text: &str) -> Result<Catalog, ParseError> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        file.into_catalog()
    }

    const WITH_DETAILS: &str = "[[catalog]]\nid = \"c\"\ntitle = \"C\"\n\n[[entry]]\ncatalog = \"c\"\ncode = \"C.0001\"\nhttp_status = 401\nmessage = \"Bad key.\"\n";

    #[test]
    fn a_wrong_value_is_named_by_its_field_in_words() {
        let text = WITH_DETAILS.replace("http_status = 401", "http_status = \"abc\"");
        let e = parse_catalog(&text).expect_err("a status in words");
        assert_eq!(e.line, Some(8));
        assert_eq!(
            e.reason,
            "field `http_status`: expected a whole number from 0 to 65535, found the text \"abc\""
        );
        let text = WITH_DETAILS.replace("http_status = 401", "http_status = 70000");
        let e = parse_catalog(&text).expect_err("out of range");
        assert!(
            e.reason
                .starts_with("field `http_status`: expected a whole number from 0 to 65535")
                && !e.reason.contains("u16"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn a_loaded_file_gives_its_rows_the_gateway_details_it_lists() {
        let text = format!("{WITH_DETAILS}details = [\"key {{key}} not known\", \"expired\"]\n");
        let catalog = parse_catalog(&text).expect("valid");
        assert_eq!(
            catalog.entries[0].details(),
            ["key {key} not known", "expired"]
        );
    }

    #[test]
    fn a_detail_without_a_word_to_find_it_by_is_refused() {
        for bad in ["\"\"", "\" ,: \"", "\"{key} not known\""] {
            let text = format!("{WITH_DETAILS}details = [{bad}]\n");
            let error = parse_catalog(&text).expect_err(bad);
            assert!(error.reason.contains("must begin with a word"), "{error}");
        }
    }

    #[test]
    fn a_big_file_read_in_pieces_gives_the_rows_of_one_reading() {
        let text = big_file(12_000, "\"plain\"");
        assert!(pieces(&text).len() > 4, "read in pieces");
        let mut said = Vec::new();
        let in_pieces = parse_catalog_reporting(&text, &mut |p| said.push(p)).expect("valid");
        let whole = on_one_thread(&text).expect("valid");
        assert_eq!(in_pieces.entries.len(), 12_000);
        assert_eq!(in_pieces.entries, whole.entries);
        assert_eq!(in_pieces.sources, whole.sources);
        assert!(said.windows(2).all(|w| w[0] <= w[1]), "{said:?}");
        assert!(
            said.iter().any(|&p| p >= 50),
            "says how far it is: {said:?}"
        );
    }

    /// The rows of a big file are made on two threads; the error named is still the
    /// first row's that fails, by its number in the file.
    #[test]
    fn a_bad_row_of_a_big_file_is_named_by_its_number_whichever_half_it_is_in() {
        let text = big_file(12_000, "\"plain\"");
        let unknown = |text: &str, row: usize| {
            let code = format!("catalog = \"big\"\ncode = \"BIG.{row:05}\"");
            text.replace(&code, &code.replace("big", "nope"))
        };
        let late = unknown(&text, 9_000);
        let error = parse_catalog(&late).expect_err("unknown catalog");
        assert_eq!(error.reason, "entry 9001: unknown catalog \"nope\"");
        let both = unknown(&late, 3_000);
        let error = parse_catalog(&both).expect_err("unknown catalog");
        assert_eq!(error.reason, "entry 3001: unknown catalog \"nope\"");
        let whole = parse_catalog(&text).expect("valid");
        assert_eq!(whole.entries.len(), 12_000);
        assert!(
            whole
                .entries
                .iter()
                .enumerate()
                .all(|(i, e)| e.code() == format!("BIG.{i:05}"))
        );
    }

    #[test]
    fn a_split_inside_a_multi_line_string_falls_back_to_one_reading() {
        let tricky = format!(
            "\"\"\"\n{}\n\"\"\"",
            "text\n[[entry]]\nmore\n".repeat(40_000)
        );
        let text = big_file(2_000, &tricky);
        assert!(
            pieces(&text)
                .iter()
                .any(|p| toml::from_str::<CatalogFile>(p).is_err()),
            "a split is inside the string"
        );
        let read = parse_catalog(&text).expect("valid");
        assert_eq!(read.entries, on_one_thread(&text).expect("valid").entries);
        assert!(read.entries[1_000].description().contains("[[entry]]"));
    }

    #[test]
    fn an_error_in_a_big_file_names_the_line_one_reading_names() {
        let text = big_file(12_000, "\"fine\"").replace("code = \"BIG.09000\"", "code = BIG.09000");
        let error = parse_catalog(&text).expect_err("broken");
        assert_eq!(Err(error.clone()), on_one_thread(&text).map(|_| ()));
        let broken = text.find("code = BIG.09000").expect("the broken line");
        assert_eq!(error.line, Some(line_of(&text, broken)), "{error}");
    }
}
