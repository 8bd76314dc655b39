//! The triage of a paste with several errors: the counts per catalog row, when each
//! group was seen, errors per minute, and the errors of the chosen group.

use egui::{RichText, Ui};

use super::histogram::{self, BarPick, Shown};
use crate::analysis::{Analysis, Group, time_text};
use crate::report::triage_headline;
use crate::session::{Action, PasteAction};

/// The triage above the shown error: headline, exports, histogram, groups, the group's
/// errors.
pub(super) fn triage_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    shown: usize,
    picked: &mut BarPick,
    out: &mut Vec<Action>,
) {
    let triage = &analysis.triage;
    let chosen = triage.group_of(shown);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(triage_headline(analysis)).strong());
        if ui
            .small_button("Copy triage as Markdown")
            .on_hover_text("The triage table for the ticket")
            .clicked()
        {
            out.push(Action::Paste(PasteAction::CopyTriageMarkdown));
        }
        if ui
            .small_button("Copy triage as CSV")
            .on_hover_text("One row per group, for a spreadsheet")
            .clicked()
        {
            out.push(Action::Paste(PasteAction::CopyTriageCsv));
        }
    });
    if triage.timed > 0
        && let Some(chart) = histogram::histogram_ui(ui, analysis, chosen, picked)
        && let Some(bar) = picked.listed
    {
        let list = ui.scope(|ui| bar_errors_ui(ui, analysis, bar, shown, picked, out));
        if chart.listed_now {
            bring_listed_into_view(ui, &chart, list.response.rect, &list.inner);
        }
    }
    groups_ui(ui, &triage.groups, chosen, out);
    if let Some(g) = chosen.and_then(|g| triage.groups.get(g)) {
        group_errors_ui(ui, analysis, g, shown, out);
    }
    ui.separator();
}

/// The errors a click, Enter or Space listed under the chart, brought into sight (a
/// short pane, 640×420, had no room for them). Where the chart with the keyboard, the
/// list's heading and its first error fit in the pane, all three are shown and the chart
/// keeps the keyboard (Left and Right go on picking bars). Where they do not, the
/// keyboard goes to the list's first control and the list is shown from its heading:
/// the chart kept the keyboard scrolled out of sight above the list.
fn bring_listed_into_view(ui: &Ui, chart: &Shown, list: egui::Rect, first: &egui::Response) {
    let now = egui::style::ScrollAnimation::none();
    let keyboard = chart.response.has_focus();
    let together = chart
        .whole
        .expand(super::look::FOCUS_OUTSET)
        .union(first.rect);
    let room = ui.clip_rect().height() - 2.0 * ui.spacing().item_spacing.y;
    if keyboard && together.height() <= room {
        ui.scroll_to_rect_animation(together, None, now);
    } else {
        if keyboard {
            first.request_focus();
        }
        ui.scroll_to_rect_animation(list, None, now);
    }
}

/// The errors of the bar clicked (from `begin`, before `end`), as chips that show each;
/// only the errors the triage kept in full (the first 100 of a group) can be listed.
/// Returns the list's first control: its first error, or Close where none is kept.
fn bar_errors_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    (begin, end): (i64, i64),
    shown: usize,
    picked: &mut BarPick,
    out: &mut Vec<Action>,
) -> egui::Response {
    let at: Vec<usize> = (0..analysis.errors.len())
        .filter(|&i| {
            analysis.errors[i]
                .seen_at
                .is_some_and(|t| (begin..end).contains(&t.at))
        })
        .collect();
    let counted: u32 = analysis
        .triage
        .per_minute
        .iter()
        .filter(|(m, _)| (begin..end).contains(m))
        .map(|(_, n)| n)
        .sum();
    let close = ui.horizontal_wrapped(|ui| {
        let from = short_time(begin);
        let listed = if at.len() < counted as usize {
            format!(
                "From {from}: {} of its {counted} errors are kept to list",
                at.len()
            )
        } else {
            format!(
                "From {from}: {}",
                crate::wording::count_of(at.len(), "error")
            )
        };
        ui.label(RichText::new(listed).strong());
        let close = ui.small_button("Close");
        if close.clicked() {
            picked.listed = None;
        }
        close
    });
    let first = egui::ScrollArea::vertical()
        .id_salt("bar_errors")
        .max_height(56.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let mut first = None;
                for &i in &at {
                    let e = &analysis.errors[i];
                    let label = format!(
                        "{} {}",
                        e.seen_at.map_or_else(String::new, |t| short_time(t.at)),
                        e.code.as_deref().unwrap_or("no code")
                    );
                    let chip = ui.selectable_label(shown == i, label);
                    if chip.clicked() {
                        out.push(Action::Paste(PasteAction::ShowError(i)));
                    }
                    first.get_or_insert(chip);
                }
                first
            })
            .inner
        });
    first.inner.unwrap_or(close.inner)
}

/// One line per group; clicking one shows its row and its first error.
fn groups_ui(ui: &mut Ui, groups: &[Group], chosen: Option<usize>, out: &mut Vec<Action>) {
    for (i, g) in groups.iter().enumerate() {
        let message = g.row_text();
        let seen = match (g.first_seen, g.last_seen) {
            (Some(f), Some(l)) => format!("  {} – {}", short_time(f), short_time(l)),
            _ => String::new(),
        };
        let text = format!("{:>6} × {}{seen}  {message}", g.count, g.name());
        let line =
            egui::Button::selectable(chosen == Some(i), RichText::new(text).monospace()).truncate();
        if ui
            .add(line)
            .on_hover_text(format!(
                "{message}\n\nShow this group's row in the table and its errors below"
            ))
            .clicked()
        {
            out.push(Action::Paste(PasteAction::ShowGroup(i)));
        }
    }
}

/// `06:38:01`: the date is in the headline.
fn short_time(seconds: i64) -> String {
    let text = time_text(seconds);
    text.get(11..).map_or(text.clone(), str::to_string)
}

/// The chosen group's sample request ids and its listed errors, by time.
fn group_errors_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    g: &Group,
    shown: usize,
    out: &mut Vec<Action>,
) {
    if !g.request_ids.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak(if g.request_id_count > g.request_ids.len() {
                format!(
                    "Request ids ({} of {}):",
                    g.request_ids.len(),
                    g.request_id_count
                )
            } else {
                "Request ids:".to_string()
            });
            for id in &g.request_ids {
                ui.label(RichText::new(id).monospace());
            }
        });
    }
    let listed = if g.listed.len() < g.count {
        format!("Its errors (the first {} of {}):", g.listed.len(), g.count)
    } else {
        "Its errors:".to_string()
    };
    ui.weak(listed);
    egui::ScrollArea::vertical()
        .id_salt("group_errors")
        .max_height(56.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (n, &i) in g.listed.iter().enumerate() {
                    let label = analysis
                        .errors
                        .get(i)
                        .and_then(|e| e.seen_at)
                        .map_or_else(|| format!("#{}", n + 1), |t| short_time(t.at));
                    if ui.selectable_label(shown == i, label).clicked() {
                        out.push(Action::Paste(PasteAction::ShowError(i)));
                    }
                }
            });
        });
}
