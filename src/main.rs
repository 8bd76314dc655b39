use std::process::ExitCode;

use apig_explorer::cli::{
    Cli, Command, read_input, run_analyze, run_explain, run_import, run_search,
};
use apig_explorer::preload::Preload;
use apig_explorer::ui::{ExplorerApp, Screenshot, ScreenshotResult, StartOptions};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Search {
            query,
            json,
            limit,
            catalogs,
        }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(run_search(&query, json, limit, &catalogs, &mut out) as u8)
        }
        Some(Command::Import { file, output }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(run_import(&file, output.as_deref(), &mut out) as u8)
        }
        Some(Command::Explain {
            code,
            status,
            catalog,
        }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(run_explain(&code, status, catalog.as_deref(), &mut out) as u8)
        }
        Some(Command::Analyze {
            file,
            json,
            catalogs,
        }) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(run_analyze(file.as_deref(), json, &catalogs, &mut out) as u8)
        }
        None => {
            let preload = Preload::start();
            let paste = match cli
                .paste
                .as_deref()
                .map(|p| read_input(Some(p)))
                .transpose()
            {
                Ok(paste) => paste,
                Err(e) => {
                    eprintln!("apig-explorer: cannot read the file to paste: {e}");
                    return ExitCode::from(2);
                }
            };
            let start = StartOptions {
                preload: Some(preload),
                query: cli.query,
                catalogs: cli.catalogs,
                exit_after_first_frame: cli.exit_after_first_frame,
                paste,
                screenshot: cli.screenshot.map(Screenshot::new),
            };
            run_window(start)
        }
    }
}

fn run_window(start: StartOptions) -> ExitCode {
    let screenshot = start.screenshot.clone();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("APIG Error Explorer")
        .with_app_id("apig-explorer")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([760.0, 480.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("apig-explorer: icon not loaded: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let run = eframe::run_native(
        "apig-explorer",
        options,
        Box::new(move |cc| Ok(Box::new(ExplorerApp::new(cc, start)))),
    );
    if let Err(e) = run {
        eprintln!("apig-explorer: could not open the window: {e}");
        return ExitCode::from(2);
    }
    match screenshot.map(|s| s.result()) {
        None => ExitCode::SUCCESS,
        Some(Some(ScreenshotResult::Saved(path))) => {
            println!("saved {}", path.display());
            ExitCode::SUCCESS
        }
        Some(Some(ScreenshotResult::Failed(e))) => {
            eprintln!("apig-explorer: screenshot failed: {e}");
            ExitCode::from(2)
        }
        Some(None) => {
            eprintln!("apig-explorer: the window closed before the screenshot was taken");
            ExitCode::from(2)
        }
    }
}
