//! The triage of a paste with several errors: the counts per catalog row, when each
//! group was seen, errors per minute, and the errors of the chosen group.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::analysis::{Analysis, Group, time_text};
use crate::report::triage_headline;
use crate::session::{Action, PasteAction};

/// The triage above the shown error: headline, exports, histogram, groups, the group's
/// errors.
pub(super) fn triage_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    shown: usize,
    picked: &mut Option<(i64, i64)>,
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
    if triage.timed > 0 {
        histogram_ui(ui, analysis, chosen, picked);
        if let Some(bar) = *picked {
            bar_errors_ui(ui, analysis, bar, shown, picked, out);
        }
    }
    groups_ui(ui, &triage.groups, chosen, out);
    if let Some(g) = chosen.and_then(|g| triage.groups.get(g)) {
        group_errors_ui(ui, analysis, g, shown, out);
    }
    ui.separator();
}

/// Errors per minute over every group, with the chosen group's share drawn over them.
/// Hovering a bar says its minute, its count and the chosen group's share; a click lists
/// that bar's errors below.
fn histogram_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    chosen: Option<usize>,
    picked: &mut Option<(i64, i64)>,
) {
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
    let all = BarChart::new("All errors", bars(&all_bars, all_fill))
        .color(visuals.weak_text_color())
        .allow_hover(false);
    let group_bars = triage.bars(chosen, MAX_BARS).1;
    let group = chosen.and_then(|g| triage.groups.get(g));
    let group_chart = group.map(|g| {
        BarChart::new(g.name(), bars(&group_bars, group_fill))
            .color(group_fill)
            .allow_hover(false)
    });
    let peak = all_bars.iter().map(|b| b.1).max().unwrap_or(1);
    let tick = count_tick(peak);
    let top = peak.div_ceil(tick) * tick;
    let shown = Plot::new("triage_per_minute")
        .height(90.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_y(f64::from(top))
        .x_axis_formatter(move |mark, _| minute_label(start, mark.value))
        // Counts on the y axis: 0, one step and two, whole numbers, far enough apart
        // (about 35 points) for egui_plot to draw them at full strength. Its own spacer
        // labels powers of ten only, so a peak of 60 showed "0" alone.
        .show_axes([true, true])
        .y_axis_min_width(28.0)
        .y_grid_spacer(move |_| count_marks(top, tick))
        .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        // The hovered bar says its minute and count (below); the cursor's coordinates
        // say nothing.
        .label_formatter(|_| None)
        .show(ui, |plot| {
            plot.bar_chart(all);
            if let Some(group) = group_chart {
                plot.bar_chart(group);
            }
        });
    // The bar under the pointer: bars stand at whole multiples of `step` minutes.
    let response = &shown.response;
    let bar = response.hover_pos().and_then(|pos| {
        let x = shown.transform.value_from_position(pos).x;
        let offset = ((x / step as f64).round() as i64) * step;
        let begin = start + offset * 60;
        let n = all_bars.iter().find(|(m, _)| *m == begin)?.1;
        Some((begin, n))
    });
    // "UTC" only when every time is; otherwise the times are the log's own clock.
    let zone = if triage.all_utc() {
        "UTC".to_string()
    } else {
        triage.zone_label()
    };
    if let Some((begin, n)) = bar {
        let end = begin + step * 60;
        let when = match step {
            1 => format!(
                "{} {zone}",
                minute_label(start, ((begin - start) / 60) as f64)
            ),
            _ => format!(
                "{} to {} {zone}",
                minute_label(start, ((begin - start) / 60) as f64),
                minute_label(start, ((end - start) / 60) as f64)
            ),
        };
        let errors = crate::wording::count_of(n as usize, "error");
        let share = group.map_or(String::new(), |g| {
            let mine = group_bars
                .iter()
                .find(|(m, _)| *m == begin)
                .map_or(0, |b| b.1);
            format!("\n{mine} of them {}", g.name())
        });
        response
            .clone()
            .on_hover_text_at_pointer(format!("{when}: {errors}{share}\nClick to list them"));
        if response.clicked() {
            *picked = Some((begin, end));
        }
    }
    let caption = match step {
        1 => format!("Errors per minute ({zone})"),
        n => format!("Errors per {n} minutes ({zone})"),
    };
    // Its name for a screen reader, where Tab stops on it: the minutes its first and last
    // bars stand for, and its highest bar.
    let last = all_bars.last().map_or(start, |b| b.0);
    let name = format!(
        "{caption}, bars {} to {}, the highest {}",
        minute_label(start, 0.0),
        minute_label(start, ((last - start) / 60) as f64),
        crate::wording::count_of(peak as usize, "error")
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
    ui.weak(caption);
}

/// The step between the y axis's counts for bars up to `peak`: 1, 2 or 5 times a power
/// of ten, the smallest that reaches `peak` in two steps.
fn count_tick(peak: u32) -> u32 {
    let mut power = 1u32;
    loop {
        for m in [1, 2, 5] {
            let tick = m * power;
            if peak <= 2 * tick {
                return tick;
            }
        }
        match power.checked_mul(10) {
            Some(p) => power = p,
            None => return peak.div_ceil(2).max(1),
        }
    }
}

/// The y axis's marks: every `tick` from 0 to `top`.
fn count_marks(top: u32, tick: u32) -> Vec<egui_plot::GridMark> {
    (0..=top / tick)
        .map(|k| egui_plot::GridMark {
            value: f64::from(k * tick),
            step_size: f64::from(tick),
        })
        .collect()
}

/// The errors of the bar clicked (from `begin`, before `end`), as chips that show each;
/// only the errors the triage kept in full (the first 100 of a group) can be listed.
fn bar_errors_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    (begin, end): (i64, i64),
    shown: usize,
    picked: &mut Option<(i64, i64)>,
    out: &mut Vec<Action>,
) {
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
    ui.horizontal_wrapped(|ui| {
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
        if ui.small_button("Close").clicked() {
            *picked = None;
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("bar_errors")
        .max_height(56.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for &i in &at {
                    let e = &analysis.errors[i];
                    let label = format!(
                        "{} {}",
                        e.seen_at.map_or_else(String::new, |t| short_time(t.at)),
                        e.code.as_deref().unwrap_or("no code")
                    );
                    if ui.selectable_label(shown == i, label).clicked() {
                        out.push(Action::Paste(PasteAction::ShowError(i)));
                    }
                }
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_axis_reaches_the_peak_in_two_round_steps() {
        for (peak, tick) in [
            (1, 1),
            (2, 1),
            (3, 2),
            (7, 5),
            (60, 50),
            (200, 100),
            (201, 200),
        ] {
            assert_eq!(count_tick(peak), tick, "peak {peak}");
        }
        let values: Vec<f64> = count_marks(100, 50).iter().map(|m| m.value).collect();
        assert_eq!(values, [0.0, 50.0, 100.0]);
    }
}
