//! One field note: TOML front matter between `+++` lines (as Hugo writes it), then free
//! Markdown whose `- [ ]` lines are checklist steps.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::catalog::{code_digits, normalize_code};
use crate::redact::{redact, redact_blocks};

use super::Problem;

/// The front matter's keys; any other is an error, so a misspelt key is not silently
/// ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Front {
    codes: Vec<String>,
    title: String,
    author: String,
    /// A TOML date (`2026-12-06`) or a string.
    #[serde(default)]
    updated: Option<toml::Value>,
}

/// A code a note is about: `APIG.0308` (every row of the code), or
/// `calling:APIG.0201 504` (the row of that catalog and status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRef {
    /// The catalog id, when given.
    pub catalog: Option<String>,
    /// Normalized (`apig.0308`).
    pub code: String,
    /// The HTTP status, when given.
    pub status: Option<u16>,
}

impl CodeRef {
    /// `text` as a code reference; `None` when it names no code.
    pub fn parse(text: &str) -> Option<CodeRef> {
        let text = text.trim();
        let (catalog, rest) = match text.split_once(':') {
            Some((id, rest)) if !id.trim().is_empty() => (Some(id.trim().to_string()), rest),
            Some(_) => return None,
            None => (None, text),
        };
        let mut parts = rest.split_whitespace();
        let code = normalize_code(parts.next()?);
        let status = match parts.next() {
            Some(s) => Some(s.parse::<u16>().ok().filter(|s| (100..600).contains(s))?),
            None => None,
        };
        let digits = code_digits(&code);
        let valid = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
        (valid && parts.next().is_none()).then_some(CodeRef {
            catalog,
            code,
            status,
        })
    }

    /// Whether this reference names the row of catalog `source`, `code` and `status`.
    pub fn names(&self, source: &str, code: &str, status: u16) -> bool {
        self.catalog.as_deref().is_none_or(|c| c == source)
            && self.status.is_none_or(|s| s == status)
            && self.code_names(&normalize_code(code))
    }

    /// A code written with its prefix names that code; digits alone (`0308`, as
    /// `notes new 0308` and engineers write it) name every code ending in them, as
    /// `explain 0308` finds them.
    fn code_names(&self, code: &str) -> bool {
        if self.code.contains('.') {
            code == self.code
        } else {
            code_digits(code) == self.code
        }
    }

    /// As written in a note: `APIG.0308`, `calling:APIG.0201 504`.
    pub fn written(&self) -> String {
        let mut out = String::new();
        if let Some(c) = &self.catalog {
            out.push_str(c);
            out.push(':');
        }
        out.push_str(&crate::catalog::catalog_code(&self.code));
        if let Some(s) = self.status {
            out.push_str(&format!(" {s}"));
        }
        out
    }
}

/// A field note of the team folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where it is, relative to the team folder (`notes/apig.0308-policy.md`).
    pub file: PathBuf,
    /// The codes it is about.
    pub codes: Vec<CodeRef>,
    pub title: String,
    pub author: String,
    /// As written (`2026-12-06`), when given.
    pub updated: Option<String>,
    /// The Markdown after the front matter.
    pub body: String,
    /// The body's `- [ ]` lines, without the box.
    pub steps: Vec<String>,
}

impl Note {
    /// The text search reads as the note's field: its title and body.
    pub fn text(&self) -> String {
        format!("{}\n{}", self.title, self.body)
    }

    /// Whether the note is about the row of catalog `source`, `code` and `status`.
    pub fn names(&self, source: &str, code: &str, status: u16) -> bool {
        self.codes.iter().any(|c| c.names(source, code, status))
    }
}

/// The 1-based line of the first git conflict marker in `text`, if any: a file left
/// half-merged says two things at once, and neither may be read as the team's word. A
/// `=======` line alone is a Markdown heading's underline, not a conflict: git always
/// writes a `<<<<<<<` and a `>>>>>>>` line too.
pub(crate) fn conflict_line(text: &str) -> Option<usize> {
    let outer = |l: &str| l.starts_with("<<<<<<<") || l.starts_with(">>>>>>>");
    if !text.lines().any(outer) {
        return None;
    }
    text.lines()
        .position(|l| outer(l) || l.starts_with("|||||||") || l.trim_end() == "=======")
        .map(|i| i + 1)
}

/// The 1-based line of byte `offset` of `text`, counting from `first` for its first line.
pub(crate) fn line_at(text: &str, offset: usize, first: usize) -> usize {
    let before = text.get(..offset).unwrap_or(text);
    first + before.bytes().filter(|&b| b == b'\n').count()
}

/// `text`, the note at `file` (relative to the team folder), read; what is wrong with
/// it, with its line, otherwise.
pub(crate) fn parse(text: &str, file: &Path) -> Result<Note, Problem> {
    let problem = |line: Option<usize>, message: String| Problem {
        file: file.to_path_buf(),
        line,
        message,
    };
    if let Some(line) = conflict_line(text) {
        return Err(problem(
            Some(line),
            "git conflict markers: resolve the merge (edit, `git add`, `git commit`); \
             the note is not read until then"
                .into(),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return Err(problem(
            Some(1),
            "a note begins with its front matter: a `+++` line, TOML keys (codes, title, \
             author, updated), and another `+++` line"
                .into(),
        ));
    }
    let mut front = String::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        front.push_str(line);
    }
    if !closed {
        return Err(problem(
            Some(1),
            "the front matter has no closing `+++` line".into(),
        ));
    }
    let body: String = lines.collect();
    let parsed: Front = toml::from_str(&front).map_err(|e| {
        let line = e.span().map(|s| line_at(&front, s.start, 2));
        problem(line, e.message().trim().to_string())
    })?;
    let codes_line = front
        .lines()
        .position(|l| l.trim_start().starts_with("codes"))
        .map(|i| i + 2);
    let mut codes = Vec::new();
    for written in &parsed.codes {
        match CodeRef::parse(written) {
            Some(code) => codes.push(code),
            None => {
                return Err(problem(
                    codes_line,
                    format!(
                        "{written:?} is not a code: write \"APIG.0308\", or with its catalog \
                         and status \"calling:APIG.0201 504\""
                    ),
                ));
            }
        }
    }
    if codes.is_empty() {
        return Err(problem(
            codes_line,
            "`codes` is empty: a note names the codes it is about".into(),
        ));
    }
    let updated = parsed.updated.map(|v| match v {
        toml::Value::String(s) => s,
        other => other.to_string(),
    });
    // A note is shared text, shown by every front end: a credential written into one is
    // redacted as it is read, so no output shows it (and a step keeps what follows it).
    Ok(Note {
        file: file.to_path_buf(),
        codes,
        title: redact(&parsed.title),
        author: redact(&parsed.author),
        updated,
        steps: steps_of(&body).iter().map(|s| redact(s)).collect(),
        body: redact_blocks(body.trim()),
    })
}

/// The `- [ ]` (or `* [ ]`) lines of `body`, without the box.
fn steps_of(body: &str) -> Vec<String> {
    body.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            l.strip_prefix("- [ ]")
                .or_else(|| l.strip_prefix("* [ ]"))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> Result<Note, Problem> {
        parse(text, Path::new("notes/n.md"))
    }

    #[test]
    fn front_matter_body_and_steps_are_read() {
        let n = note(
            "+++\ncodes = [\"APIG.0308\", \"calling:APIG.0201 504\"]\ntitle = \"Default policy\"\n\
             author = \"mei\"\nupdated = 2026-12-01\n+++\n\nFor ACME it is the API's policy.\n\n\
             - [ ] Check the API's default policy\n- [x] done already\n",
        )
        .expect("it parses");
        assert_eq!(n.title, "Default policy");
        assert_eq!(n.updated.as_deref(), Some("2026-12-01"));
        assert_eq!(n.steps, vec!["Check the API's default policy".to_string()]);
        assert!(n.names("managing", "APIG.0308", 429));
        assert!(n.names("calling", "APIG.0201", 504));
        assert!(!n.names("managing", "APIG.0201", 504));
        assert!(!n.names("calling", "APIG.0201", 502));
        assert_eq!(n.codes[1].written(), "calling:APIG.0201 504");
    }

    #[test]
    fn an_unknown_key_is_reported_with_its_line() {
        let e =
            note("+++\ncodes = [\"APIG.0308\"]\ntitle = \"t\"\nauthor = \"a\"\ncolour = 1\n+++\n")
                .expect_err("unknown key");
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.to_string().starts_with("notes/n.md:5: "), "{e}");
    }

    #[test]
    fn a_bad_code_or_missing_front_matter_is_reported() {
        let e = note("+++\ncodes = [\"policy\"]\ntitle = \"t\"\nauthor = \"a\"\n+++\n")
            .expect_err("not a code");
        assert_eq!(e.line, Some(2), "{e}");
        let e = note("# Just Markdown\n").expect_err("no front matter");
        assert_eq!(e.line, Some(1));
        let e = note("+++\ncodes = [\"APIG.0308\"]\n").expect_err("not closed");
        assert!(e.message.contains("closing"), "{e}");
    }

    #[test]
    fn conflict_markers_are_reported_not_read() {
        let text = "+++\ncodes = [\"APIG.0308\"]\n<<<<<<< HEAD\ntitle = \"mine\"\n=======\n\
                    title = \"theirs\"\n>>>>>>> abc\nauthor = \"a\"\n+++\n";
        let e = note(text).expect_err("conflict");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("conflict"), "{e}");
    }

    #[test]
    fn a_heading_underlined_with_equals_signs_is_no_conflict() {
        let n = note(
            "+++\ncodes = [\"APIG.0308\"]\ntitle = \"t\"\nauthor = \"a\"\n+++\n\nQuokka\n=======\n\n- [ ] Step\n",
        )
        .expect("a setext heading is Markdown, not a conflict");
        assert_eq!(n.steps, vec!["Step".to_string()]);
    }
}
