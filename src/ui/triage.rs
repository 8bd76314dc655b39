//! The triage of a paste with several errors: the counts per catalog row, when each
//! group was seen, errors per minute, and the errors of the chosen group.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::analysis::{Analysis, Group, time_text};
use crate::report::triage_headline;
use crate::session::{Action, PasteAction};

/// The triage above the shown error: headline, exports, histogram, groups, the group's
/// errors.
pub(super) fn triage_ui(ui: &mut Ui, analysis: &Analysis, shown: usize, out: &mut Vec<Action>) {
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
    if triage.timed > 0 {
        histogram_ui(ui, analysis, chosen);
    }
    groups_ui(ui, &triage.groups, chosen, out);
    if let Some(g) = chosen.and_then(|g| triage.groups.get(g)) {
        group_errors_ui(ui, analysis, g, shown, out);
    }
    ui.separator();
}

/// Errors per minute over every group, with the chosen group's share drawn over them.
fn histogram_ui(ui: &mut Ui, analysis: &Analysis, chosen: Option<usize>) {
    let triage = &analysis.triage;
    let Some((start, _)) = triage.minute_span() else {
        return;
    };
    let (step, all_bars) = triage.bars(None, MAX_BARS);
    let bars = |minutes: &[(i64, u32)], fill: egui::Color32| -> Vec<Bar> {
        minutes
            .iter()
            .map(|&(m, n)| {
                Bar::new(((m - start) / 60) as f64, f64::from(n))
                    .width(0.9 * step as f64)
                    .fill(fill)
            })
            .collect()
    };
    let visuals = ui.visuals();
    // Both readable on either theme's background: a half-strength text grey, and the
    // link blue (the selection blue is pale in the light theme).
    let all_fill = visuals.weak_text_color().linear_multiply(0.45);
    let group_fill = visuals.hyperlink_color;
    let hover = move |bar: &Bar, _: &BarChart| {
        format!(
            "{} UTC: {:.0} errors",
            minute_label(start, bar.argument),
            bar.value
        )
    };
    let all = BarChart::new("All errors", bars(&all_bars, all_fill))
        .color(visuals.weak_text_color())
        .element_formatter(Box::new(hover));
    let group = chosen.and_then(|g| triage.groups.get(g)).map(|g| {
        BarChart::new(g.name(), bars(&triage.bars(chosen, MAX_BARS).1, group_fill))
            .color(group_fill)
            .element_formatter(Box::new(hover))
    });
    Plot::new("triage_per_minute")
        .height(72.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| minute_label(start, mark.value))
        // Bars say their own minute and count; the cursor's coordinates say nothing.
        .label_formatter(|_| None)
        .show(ui, |plot| {
            plot.bar_chart(all);
            if let Some(group) = group {
                plot.bar_chart(group);
            }
        });
    ui.weak(match step {
        1 => "Errors per minute (UTC)".to_string(),
        n => format!("Errors per {n} minutes (UTC)"),
    });
}

/// A day-long log is drawn in this many bars at most, each a few minutes wide.
const MAX_BARS: usize = 240;

/// `06:38`, for a minute counted from `start`.
fn minute_label(start: i64, minute: f64) -> String {
    let text = time_text(start + (minute.round() as i64) * 60);
    text.get(11..16).map_or(text.clone(), str::to_string)
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
            ui.weak("Request ids:");
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
                        .map_or_else(|| format!("#{}", n + 1), short_time);
                    if ui.selectable_label(shown == i, label).clicked() {
                        out.push(Action::Paste(PasteAction::ShowError(i)));
                    }
                }
            });
        });
}
