//! `install-desktop`: a launcher entry (freedesktop .desktop file), the icon and the HAR
//! file type (shared-mime-info) in the user's XDG data directory, the entry pointing at
//! this binary; `--uninstall` removes them.

use std::io::Write;

use super::{CliError, Found};

const ICON: &[u8] = include_bytes!("../../assets/icon.png");
/// The HAR type the entry's `MimeType` names, which shared-mime-info does not define:
/// without it no file is of that type, and "Open with" never offers the app for a .har.
const MIME_PACKAGE: &[u8] = include_bytes!("../../assets/package/apig-explorer.mime.xml");

pub(super) fn install(uninstall: bool, out: &mut dyn Write) -> Result<Found, CliError> {
    // `$XDG_DATA_HOME` (default `~/.local/share`), where launchers look for entries.
    let Some(home) = crate::dirs::xdg_home("XDG_DATA_HOME", ".local/share") else {
        eprintln!("no home directory: nowhere to install the launcher entry");
        return Ok(Found::No);
    };
    let entry = home.join("applications").join("apig-explorer.desktop");
    let icon = home.join("icons/hicolor/256x256/apps/apig-explorer.png");
    let mime = home.join("mime");
    let mime_package = mime.join("packages/apig-explorer.xml");
    if uninstall {
        for path in [&entry, &icon, &mime_package] {
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
        if mime.is_dir() {
            update_mime_database(&mime, out)?;
        }
        return Ok(Found::Yes);
    }
    let exe = std::env::current_exe().map_err(CliError::Start)?;
    let Some(exec) = exe.to_str().map(exec_argument) else {
        eprintln!(
            "the binary's path {} is not UTF-8: a launcher entry cannot name it",
            exe.display()
        );
        return Ok(Found::No);
    };
    write(&icon, ICON)?;
    // `%F`: "Open with" passes the chosen files (the window analyzes the first); the
    // MIME types are what a response, a log or a HAR file is saved as.
    let desktop = format!(
        "[Desktop Entry]\nType=Application\nName=APIG Error Explorer\nGenericName=API Gateway error explorer\nComment=Search APIG error codes, analyze a pasted response, work the remediation checklist\nExec={exec} %F\nIcon=apig-explorer\nTerminal=false\nCategories=Development;Network;\nMimeType={MIME_TYPES}\nStartupWMClass=apig-explorer\n"
    );
    write(&entry, desktop.as_bytes())?;
    write(&mime_package, MIME_PACKAGE)?;
    writeln!(
        out,
        "installed {}\ninstalled {}\ninstalled {}",
        entry.display(),
        icon.display(),
        mime_package.display()
    )?;
    update_mime_database(&mime, out)?;
    Ok(Found::Yes)
}

/// Runs `update-mime-database` on the user's MIME directory, which desktops read the
/// file types from (the package files alone are not read); says so when it is not
/// installed or fails, which leaves the launcher entry working for the other types.
fn update_mime_database(mime: &std::path::Path, out: &mut dyn Write) -> Result<(), CliError> {
    let ran = std::process::Command::new("update-mime-database")
        .arg(mime)
        .stdin(std::process::Stdio::null())
        .output();
    match ran {
        Ok(done) if done.status.success() => {
            writeln!(out, "updated the file types in {}", mime.display())?;
        }
        Ok(done) => eprintln!(
            "update-mime-database {} failed ({}): {}",
            mime.display(),
            done.status,
            String::from_utf8_lossy(&done.stderr).trim()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => eprintln!(
            "update-mime-database is not installed (package shared-mime-info): .har files \
             are known as HAR once it runs on {}",
            mime.display()
        ),
        Err(e) => eprintln!("cannot run update-mime-database: {e}"),
    }
    Ok(())
}

/// The files "Open with" offers the app for: JSON bodies, text transcripts, HAR files, logs.
const MIME_TYPES: &str = "application/json;text/plain;application/x-har+json;text/x-log;";

/// `arg` as one quoted argument of an `Exec` key, per the Desktop Entry spec: inside
/// the quotes `"`, `` ` ``, `$` and `\` are escaped with a backslash, then the value's
/// own escapes apply (each backslash doubled; a newline, tab or return written as `\n`,
/// `\t`, `\r`), and a `%` is written `%%` so it is not read as a field code.
fn exec_argument(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('"');
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' => {
                out.push_str("\\\\");
                out.push(c);
            }
            '\\' => out.push_str("\\\\\\\\"),
            '%' => out.push_str("%%"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

#[cfg(test)]
mod tests {
    use super::exec_argument;

    /// A launcher's reading of an `Exec` value per the spec: the string escapes first
    /// (`\\`, `\s`, `\n`, `\t`, `\r`), then the quoting (a backslash escapes the next
    /// character inside quotes), `%%` as `%`; the arguments it names.
    fn launcher_reads(value: &str) -> Vec<String> {
        let mut unescaped = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                unescaped.push(c);
                continue;
            }
            match chars.next() {
                Some('s') => unescaped.push(' '),
                Some('n') => unescaped.push('\n'),
                Some('t') => unescaped.push('\t'),
                Some('r') => unescaped.push('\r'),
                Some('\\') => unescaped.push('\\'),
                Some(other) => {
                    unescaped.push('\\');
                    unescaped.push(other);
                }
                None => unescaped.push('\\'),
            }
        }
        let (mut args, mut arg, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = unescaped.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' if quoted => arg.extend(chars.next()),
                '%' if chars.peek() == Some(&'%') => {
                    chars.next();
                    arg.push('%');
                }
                ' ' if !quoted => args.push(std::mem::take(&mut arg)),
                c => arg.push(c),
            }
        }
        args.push(arg);
        args
    }

    #[test]
    fn a_path_with_every_reserved_character_reaches_the_launcher_unchanged() {
        for path in [
            "/opt/apig explorer/bin/apig-explorer",
            "/home/a\"b/$HOME/`id`/100%/back\\slash/apig-explorer",
            "/tmp/%f %U \\\\ \"\"/x",
            "/tmp/tab\there/new\nline/apig-explorer",
            "/plain/apig-explorer",
        ] {
            let value = exec_argument(path);
            assert!(!value.contains('\n'), "one line: {value}");
            assert_eq!(launcher_reads(&value), [path], "{value}");
        }
    }
}
