//! Writing a note into the team folder: redacted like every output, written whole under a
//! hidden name and then linked to its own (so the folder's watchers and a `git add` never
//! see half a note), and never over an existing file: a taken name gets `-2`, `-3`, ...

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{CodeRef, TeamError};
use crate::redact::{redact, redact_blocks};

/// What a new note says.
pub(crate) struct NoteDraft {
    /// The code as a note writes it (`APIG.0308`, `calling:APIG.0201 504`).
    pub code: String,
    pub title: String,
    pub author: String,
    /// Markdown; `- [ ]` lines are steps.
    pub body: String,
}

/// Who writes a note: the login name, else "unknown".
pub(crate) fn login_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

/// A note for `code` from the template, written into `dir/notes/`; its path.
pub(crate) fn new_note(dir: &Path, code: &str, author: &str) -> Result<PathBuf, TeamError> {
    let code = CodeRef::parse(code).ok_or_else(|| TeamError::NotACode(code.to_string()))?;
    write_note(
        dir,
        &NoteDraft {
            title: format!(
                "{}: what we learned",
                crate::catalog::catalog_code(&code.code)
            ),
            code: code.written(),
            author: author.to_string(),
            body: "What this error meant for us, and how we found out.\n\n\
                   <!-- Steps the team checks first, one a line, as: - [ ] Check the API's \
                   default policy -->\n"
                .to_string(),
        },
    )
}

/// `draft` written as `dir/notes/<code>-<slug>.md` (another name if that is taken),
/// redacted; the path written.
pub(crate) fn write_note(dir: &Path, draft: &NoteDraft) -> Result<PathBuf, TeamError> {
    let notes = dir.join("notes");
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TeamError::Write { path, source }
    };
    std::fs::create_dir_all(&notes).map_err(write_err(&notes))?;
    let text = note_text(draft);
    let temp = notes.join(format!(".new-note-{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(write_err(&temp)(e));
    }
    let stem = format!("{}-{}", file_code(&draft.code), slug(&draft.title));
    let result = (1..1000)
        .map(|n| match n {
            1 => notes.join(format!("{stem}.md")),
            n => notes.join(format!("{stem}-{n}.md")),
        })
        .find_map(|path| match std::fs::hard_link(&temp, &path) {
            Ok(()) => Some(Ok(path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
            Err(e) => Some(Err(write_err(&path)(e))),
        })
        .unwrap_or_else(|| {
            Err(write_err(&notes)(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "every name for this note is taken",
            )))
        });
    let _ = std::fs::remove_file(&temp);
    result
}

/// The note file: front matter, then the body, redacted field by field and block by
/// block (an incident's checklist steps below a note stay as written).
fn note_text(draft: &NoteDraft) -> String {
    let date = jiff::Zoned::now().date();
    format!(
        "+++\ncodes = [{}]\ntitle = {}\nauthor = {}\nupdated = {date}\n+++\n\n{}\n",
        toml_string(&draft.code),
        toml_string(&redact(&draft.title)),
        toml_string(&redact(&draft.author)),
        redact_blocks(draft.body.trim())
    )
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The code part of a file name: `APIG.0308`, `calling-APIG.0201-504`.
fn file_code(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The title in lower-case ASCII words joined by `-`, at most 48 characters; `note`
/// when nothing is left.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() + 1 > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() { "note".into() } else { out }
}
