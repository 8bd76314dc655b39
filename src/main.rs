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
    let cli = Cli::parse();
    match cli.command {
        Some(command) => apig_explorer::run_cli(command, &cli.catalogs),
        None => window(cli),
    }
}

#[cfg(feature = "gui")]
fn window(cli: Cli) -> ExitCode {
    use apig_explorer::ui::{Screenshot, StartOptions};
    // Parse and index the embedded catalog while the window opens.
    let preload = apig_explorer::Preload::start();
    let paste = match cli
        .paste
        .as_deref()
        .map(|p| apig_explorer::read_input(Some(p)))
        .transpose()
    {
        Ok(paste) => paste,
        Err(e) => {
            eprintln!("apig-explorer: cannot read the file to paste: {e}");
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
    apig_explorer::ui::run(StartOptions {
        preload: Some(preload),
        query: cli.query,
        catalogs: cli.catalogs,
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
