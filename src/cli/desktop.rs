//! `install-desktop`: a launcher entry (freedesktop .desktop file) and the icon in the
//! user's XDG data directory, pointing at this binary; `--uninstall` removes both.

use std::io::Write;
use std::path::PathBuf;

use super::{CliError, Found};

const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// `$XDG_DATA_HOME` (default `~/.local/share`), where launchers look for entries.
fn data_home() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::home_dir().map(|h| h.join(".local").join("share")))
}

pub(super) fn install(uninstall: bool, out: &mut dyn Write) -> Result<Found, CliError> {
    let Some(home) = data_home() else {
        eprintln!("no home directory: nowhere to install the launcher entry");
        return Ok(Found::No);
    };
    let entry = home.join("applications").join("apig-explorer.desktop");
    let icon = home.join("icons/hicolor/256x256/apps/apig-explorer.png");
    if uninstall {
        for path in [&entry, &icon] {
            match std::fs::remove_file(path) {
                Ok(()) => writeln!(out, "removed {}", path.display())?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(CliError::Write {
                        path: path.clone(),
                        source,
                    });
                }
            }
        }
        return Ok(Found::Yes);
    }
    let exe = std::env::current_exe().map_err(CliError::Start)?;
    write(&icon, ICON)?;
    let desktop = format!(
        "[Desktop Entry]\nType=Application\nName=APIG Error Explorer\nGenericName=API Gateway error explorer\nComment=Search APIG error codes, analyze a pasted response, work the remediation checklist\nExec=\"{}\"\nIcon=apig-explorer\nTerminal=false\nCategories=Development;Network;\nStartupWMClass=apig-explorer\n",
        exe.display()
    );
    write(&entry, desktop.as_bytes())?;
    writeln!(
        out,
        "installed {}\ninstalled {}",
        entry.display(),
        icon.display()
    )?;
    Ok(Found::Yes)
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    let fail = |source| CliError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    std::fs::write(path, bytes).map_err(fail)
}
