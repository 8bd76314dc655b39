//! "Check signature" in the paste panel: the AppSecret or, for an IAM AK/SK request, the
//! SK (masked, never saved), the body,
//! then the verdict, each finding with what to do, and the canonical request line by line
//! with the lines where the gateway saw something else marked.

use std::borrow::Cow;

use egui::{RichText, TextEdit, Ui};

use crate::session::{Action, PasteAction, PasteSession, Secret};
use crate::signing::{Credential, Report, Verdict};

/// The button that opens the check, or the check itself, for a paste that holds a
/// signed request or an authentication answer.
pub(super) fn sign_check_ui(ui: &mut Ui, paste: &PasteSession, out: &mut Vec<Action>) {
    let sign = &paste.sign;
    if !sign.open {
        if ui
            .button("Check signature")
            .on_hover_text(
                "Recompute the SDK-HMAC-SHA256 signature and say why the gateway rejected it",
            )
            .clicked()
        {
            out.push(Action::Paste(PasteAction::OpenSignCheck));
        }
        return;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("Signature check").strong());
        if ui.small_button("Close").clicked() {
            out.push(Action::Paste(PasteAction::CloseSignCheck));
        }
    });
    inputs_ui(ui, paste, out);
    match &sign.report {
        Some(report) => report_ui(ui, report),
        None => {
            ui.weak("No request line with headers in the paste: paste the curl -v output, the raw request or the HAR file.");
        }
    }
    ui.separator();
}

fn inputs_ui(ui: &mut Ui, paste: &PasteSession, out: &mut Vec<Action>) {
    let credential = paste
        .sign
        .report
        .as_ref()
        .map_or(Credential::App, |r| r.credential);
    ui.horizontal(|ui| {
        let label = ui.label(credential.secret());
        let mut secret = Cow::Borrowed(paste.sign.secret().expose());
        let field = TextEdit::singleline(&mut secret)
            .password(true)
            .hint_text("typed here, never saved")
            .desired_width(220.0);
        if ui.add(field).labelled_by(label.id).changed() {
            out.push(Action::Paste(PasteAction::SetSignSecret(Secret::new(secret.into_owned()))));
        }
    })
    .response
    .on_hover_text("Used in memory to recompute the signature; cleared when the paste changes, never written anywhere");
    let label = ui.label(
        RichText::new(
            "Request body (curl -v does not show it; paste it, or drop its file on the window)",
        )
        .weak(),
    );
    let mut body = Cow::Borrowed(paste.sign.body.as_str());
    let field = TextEdit::multiline(&mut body)
        .code_editor()
        .lock_focus(false)
        .desired_rows(2)
        .desired_width(f32::INFINITY)
        .hint_text("the exact bytes sent (curl --data-binary)");
    if ui.add(field).labelled_by(label.id).changed() {
        out.push(Action::Paste(PasteAction::SetSignBody(body.into_owned())));
    }
}

fn report_ui(ui: &mut Ui, report: &Report) {
    let verdict = match report.verdict {
        Some(Verdict::NoSecret) => format!(
            "Type the {} to check the signature itself.",
            report.credential.secret()
        ),
        _ => report.verdict_sentence(),
    };
    ui.label(RichText::new(verdict).strong());
    if let Some(access) = &report.access {
        ui.label(format!(
            "Signed with {} {access} ({}).",
            report.credential.key(),
            report.credential.authentication()
        ));
    }
    if report.findings.is_empty() && !report.no_request_checked() {
        ui.label("No cause found in the request itself.");
    }
    let warn = super::look::warning_color(ui);
    for f in &report.findings {
        let text = format!("[{}] {}", f.certainty.word(), f.detail);
        ui.add(egui::Label::new(RichText::new(text).color(warn)).wrap());
        ui.horizontal_top(|ui| {
            ui.add_space(8.0);
            ui.weak("->");
            ui.add(egui::Label::new(&f.action).wrap());
        });
    }
    for note in &report.notes {
        ui.add(egui::Label::new(RichText::new(note).weak().italics()).wrap());
    }
    canonical_ui(ui, report);
}

/// The client's canonical request; where the gateway saw a line differently, its line
/// follows, both marked.
fn canonical_ui(ui: &mut Ui, report: &Report) {
    if report.canonical_request.is_empty() {
        return;
    }
    let gateway: Option<Vec<&str>> = report
        .gateway_canonical_request
        .as_deref()
        .map(|g| g.split('\n').collect());
    let left = report.canonical_title();
    // Each differing line is labelled by where it comes from: the request as sent (the
    // transcript) or as the client signed it (a variant reproduced the signature).
    let client = if report.signed_as_client() {
        "signed "
    } else {
        "request"
    };
    let title = match gateway {
        Some(_) => {
            format!("Canonical request ({left}; ! marks the gateway's line where it differs)")
        }
        None => format!("Canonical request ({left}; the gateway's answer holds none to compare)"),
    };
    ui.label(RichText::new(title).weak());
    let warn = super::look::warning_color(ui);
    for (i, line) in report.canonical_request.split('\n').enumerate() {
        let theirs = gateway.as_ref().map(|g| g.get(i).copied().unwrap_or(""));
        match theirs {
            Some(theirs) if theirs != line => {
                ui.label(
                    RichText::new(format!("  {client} {line}"))
                        .monospace()
                        .color(warn),
                );
                ui.label(
                    RichText::new(format!("! gateway {theirs}"))
                        .monospace()
                        .color(warn),
                );
            }
            _ => {
                ui.label(RichText::new(format!("          {line}")).monospace());
            }
        }
    }
}
