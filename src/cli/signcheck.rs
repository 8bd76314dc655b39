//! `signcheck`: the signature doctor on the command line. The secret is read from the
//! environment, a file or a no-echo prompt, used, and dropped; it is never printed.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{CliError, Found};
use crate::session::read_input;
use crate::signing::{Credential, Report, check, credential_of, has_signature};

/// The environment variable that may hold the AppSecret (or, for an IAM AK/SK request,
/// the SK).
pub(crate) const SECRET_VARIABLE: &str = "APIG_APP_SECRET";

pub(super) fn signcheck(
    file: Option<&Path>,
    body: Option<&Path>,
    secret_file: Option<&Path>,
    json: bool,
    out: &mut dyn Write,
) -> Result<Found, CliError> {
    let text = read_input(file).map_err(super::unreadable(file))?;
    let body = body
        .map(|path| std::fs::read(path).map_err(super::unreadable(Some(path))))
        .transpose()?;
    let stdin_is_input = file.is_none_or(|f| f.as_os_str() == "-");
    // The input is looked at first: no secret is asked for when there is no signature.
    let secret = if has_signature(&text) {
        secret(secret_file, stdin_is_input, credential_of(&text))?
    } else {
        None
    };
    let Some(report) = check(&text, body.as_deref(), secret.as_deref()) else {
        eprintln!("no signed request in the input (no request line with headers)");
        return Ok(Found::No);
    };
    if json {
        let text = super::json::to_json(&report)?;
        writeln!(out, "{text}")?;
    } else {
        writeln!(out, "{}", report_text(&report))?;
    }
    Ok(if report.no_request_checked() {
        Found::No
    } else {
        Found::Yes
    })
}

/// The secret, from the environment, a file, or a prompt that does not echo (only when
/// standard input is a terminal and is not the transcript). None: check without it.
fn secret(
    file: Option<&Path>,
    stdin_is_input: bool,
    credential: Credential,
) -> Result<Option<String>, CliError> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(super::unreadable(Some(path)))?;
        return Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()).filter(|s| !s.is_empty()));
    }
    if let Ok(secret) = std::env::var(SECRET_VARIABLE) {
        return Ok(Some(secret).filter(|s| !s.is_empty()));
    }
    if !stdin_is_input && std::io::stdin().is_terminal() {
        let prompt = match credential {
            Credential::App => "AppSecret (not shown; Enter to check without it): ",
            Credential::Aksk => {
                "SK, the IAM access key's secret (not shown; Enter to check without it): "
            }
        };
        let typed = rpassword::prompt_password(prompt).map_err(CliError::Input)?;
        return Ok(Some(typed).filter(|s| !s.is_empty()));
    }
    Ok(None)
}

/// Findings first, then the two canonical requests side by side, differing lines marked.
fn report_text(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!("Verdict: {}\n", report.verdict_text()));
    if let Some(access) = &report.access {
        out.push_str(&format!(
            "Signed with {} {access} ({})\n",
            report.credential.key(),
            report.credential.authentication()
        ));
    }
    if report.findings.is_empty() && !report.no_request_checked() {
        out.push_str("No cause found in the request.\n");
    }
    for f in &report.findings {
        out.push_str(&format!(
            "\n[{}, {}] {}\n  -> {}\n",
            kind_name(f.kind),
            certainty_name(f.certainty),
            f.detail,
            f.action
        ));
    }
    if report.variants_tried > 0 {
        out.push_str(&format!(
            "\nVariants tried: {} (what the client may have signed instead)\n",
            report.variants_tried
        ));
    }
    for note in &report.notes {
        out.push_str(&format!("\nNote: {note}\n"));
    }
    if !report.reading.is_empty() {
        out.push_str(&format!("\nReading: {}\n", report.reading.join("; ")));
    }
    if !report.canonical_request.is_empty() {
        out.push_str(&side_by_side(
            &report.canonical_request,
            report.gateway_canonical_request.as_deref(),
            report.canonical_title(),
        ));
    }
    out
}

fn kind_name(kind: crate::signing::FindingKind) -> String {
    json_name(kind)
}

fn certainty_name(certainty: crate::signing::Certainty) -> String {
    json_name(certainty)
}

/// The name a value has in `--json`, so the text and the JSON say the same words.
fn json_name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The client's canonical request beside the gateway's, `!` where a line differs.
fn side_by_side(ours: &str, gateway: Option<&str>, left: &str) -> String {
    let ours: Vec<&str> = ours.split('\n').collect();
    let mut out = String::from("\nCanonical request");
    let Some(gateway) = gateway else {
        out.push_str(&format!(
            ", {left} (the gateway's answer holds none to compare):\n"
        ));
        for line in ours {
            out.push_str(&format!("  {line}\n"));
        }
        return out;
    };
    let theirs: Vec<&str> = gateway.split('\n').collect();
    let width = ours.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let width = width.max(left.chars().count());
    out.push_str(&format!(":\n  {left:<width$} | as the gateway saw it\n"));
    for i in 0..ours.len().max(theirs.len()) {
        let (a, b) = (
            ours.get(i).copied().unwrap_or(""),
            theirs.get(i).copied().unwrap_or(""),
        );
        let mark = if a == b { ' ' } else { '!' };
        out.push_str(&format!("{mark} {a:<width$} | {b}\n"));
    }
    out
}
