//! `generate`: the man pages and shell completions the packages install, written from
//! [`Cli`](super::Cli) itself so that they always match the options of this binary.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::{CliError, Found, GenerateAction};

mod hidden;
mod zsh;

/// The name the packages install the binary under, which the completions complete.
const BIN: &str = "apig-explorer";

pub(super) fn generate(what: GenerateAction, out: &mut dyn Write) -> Result<Found, CliError> {
    let mut cli = super::Cli::command();
    let written = match what {
        GenerateAction::Man { dir } => {
            create(&dir)?;
            clap_mangen::generate_to(cli, &dir).map_err(fail(&dir))?;
            man_pages(&dir)?
        }
        GenerateAction::Completions { shell, dir } => {
            create(&dir)?;
            let path =
                clap_complete::generate_to(shell, &mut cli, BIN, &dir).map_err(fail(&dir))?;
            let script = std::fs::read_to_string(&path).map_err(fail(&path))?;
            let script = hidden::drop(shell, &script, &hidden::spellings(&cli));
            let script = match shell {
                clap_complete::Shell::Bash => mend_bash(&script),
                clap_complete::Shell::Zsh => zsh::mend(&script),
                _ => script,
            };
            std::fs::write(&path, script).map_err(fail(&path))?;
            vec![path]
        }
    };
    for path in written {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(Found::Yes)
}

/// clap_complete's bash script spells a hyphenated binary's subcommand states two ways
/// (`apig__explorer__subcmd__search` where it walks the words, `apig__subcmd__explorer__…`
/// in its `case`), so no subcommand's options complete (clap-rs/clap#6421): one spelling.
fn mend_bash(script: &str) -> String {
    let walked = BIN.replace('-', "__");
    let cased = BIN.replace('-', "__subcmd__");
    script.replace(&cased, &walked)
}

fn create(dir: &Path) -> Result<(), CliError> {
    std::fs::create_dir_all(dir).map_err(fail(dir))
}

fn fail(path: &Path) -> impl FnOnce(std::io::Error) -> CliError {
    let path = path.to_path_buf();
    move |source| CliError::Write { path, source }
}

/// The man pages of this binary in `dir`, sorted: what `generate_to` wrote (it says
/// nothing itself). Other files in `dir` are not listed.
fn man_pages(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(fail(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension().is_some_and(|e| e == "1")
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(BIN))
        })
        .collect();
    pages.sort();
    Ok(pages)
}
