//! `apig-explorer`: a subcommand runs on the command line; without one, the window opens.

use std::process::ExitCode;

use apig_explorer::Cli;
use clap::Parser;

fn main() -> ExitCode {
    // The packages' build step has a parser of its own, so that `Cli` (its help, man
    // pages and completions) never shows it.
    if std::env::args_os().nth(1).is_some_and(|a| a == "generate") {
        let generate = apig_explorer::Generate::parse_from(std::env::args_os().skip(1));
        return apig_explorer::run_generate(generate);
    }
    let mut cli = Cli::parse();
    cli.team = apig_explorer::team_dir(cli.team.take());
    match cli.command {
        Some(command) => apig_explorer::run_cli(command, &cli.catalogs, cli.team.as_deref()),
        None => window(cli),
    }
}

#[cfg(feature = "gui")]
fn window(cli: Cli) -> ExitCode {
    use apig_explorer::{Screenshot, StartOptions};
    // Parse and index the embedded catalog while the window opens.
    let preload = apig_explorer::Preload::start();
    if cli.files.len() > 1 {
        eprintln!(
            "apig-explorer: opening {} only: the window analyzes one file at a time",
            cli.files[0].display()
        );
    }
    let paste = match cli
        .paste
        .as_deref()
        .or(cli.files.first().map(std::path::PathBuf::as_path))
        .map(|p| apig_explorer::read_input(Some(p)))
        .transpose()
    {
        Ok(paste) => paste,
        Err(e) => {
            let file = cli.paste.as_ref().or(cli.files.first());
            let name = file.map_or_else(String::new, |f| format!(" {}", f.display()));
            eprintln!("apig-explorer: cannot read the file to paste{name}: {e}");
            return ExitCode::from(2);
        }
    };
    // A window is already open: it takes the paste (and comes to the front) instead.
    if let (Some(text), None) = (&paste, &cli.screenshot)
        && let Ok(delivered) = apig_explorer::hand_off(text)
    {
        println!("{}", delivered.describe());
        return ExitCode::SUCCESS;
    }
    apig_explorer::run_window(StartOptions {
        preload: Some(preload),
        query: cli.query,
        catalogs: cli.catalogs,
        team: cli.team,
        exit_after_first_frame: cli.exit_after_first_frame,
        exit_when_searchable: cli.exit_when_searchable,
        paste,
        screenshot: cli.screenshot.map(Screenshot::new),
    })
}

#[cfg(not(feature = "gui"))]
fn window(_cli: Cli) -> ExitCode {
    eprintln!(
        "apig-explorer: this build has no window (built without the `gui` feature); \
         use a subcommand: search, analyze, explain or import (see --help)"
    );
    ExitCode::from(2)
}
