//! The triage's errors per minute: a bar chart over every group with the chosen group's
//! share drawn over it. A bar is read by hovering it or, with the keyboard, by Tab to the
//! chart and Left/Right to the bar; a click, or Enter/Space, lists its errors.

use egui::{Key, Modifiers, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::analysis::{Analysis, Group, time_text};

/// The bars the engineer picked: the one whose errors are listed, and the one the
/// keyboard is on. The window keeps it from frame to frame; a new paste starts afresh.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct BarPick {
    /// The bar whose errors are listed: its first second, and the one after its last.
    pub listed: Option<(i64, i64)>,
    /// The first second of the bar the keyboard is on, while the chart has the keyboard
    /// (Left/Right move it; Home/End go to the first / last bar).
    pub cursor: Option<i64>,
}

/// A day-long log is drawn in this many bars at most, each a few minutes wide.
const MAX_BARS: usize = 240;

/// The chart as drawn this frame.
pub(super) struct Shown {
    /// The plot, the control that takes the keyboard.
    pub response: egui::Response,
    /// The plot with its axes and the line under it that says the keyboard's bar: what
    /// shows when the chart is in sight.
    pub whole: egui::Rect,
    /// A bar was listed in this frame (a click, Enter or Space).
    pub listed_now: bool,
}

/// Errors per minute over every group, with the chosen group's share drawn over them.
/// Hovering a bar says its minute, its count and the chosen group's share; a click lists
/// that bar's errors below. With the keyboard on the chart, the arrows pick a bar (drawn
/// outlined, and said under the chart) and Enter or Space lists it as a click does.
/// None where no error has a time.
pub(super) fn histogram_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    chosen: Option<usize>,
    pick: &mut BarPick,
) -> Option<Shown> {
    let triage = &analysis.triage;
    let (start, _) = triage.minute_span()?;
    let (step, all_bars) = triage.bars(None, MAX_BARS);
    let group = chosen.and_then(|g| triage.groups.get(g));
    let group_bars = triage.bars(chosen, MAX_BARS).1;
    let chart = Chart {
        start,
        step,
        all: &all_bars,
        group: group.map(|g| (g, group_bars.as_slice())),
        zone: if triage.all_utc() {
            "UTC".to_string()
        } else {
            triage.zone_label()
        },
    };
    // The keyboard's bar is drawn with the chart; it was moved after last frame's chart
    // (below), and an arrow asks for the frame that shows where it went.
    let cursor = pick
        .cursor
        .and_then(|c| all_bars.iter().position(|b| b.0 == c));
    let top = ui.cursor().top();
    let shown = chart.show(ui, cursor);
    let response = &shown.response;
    let hovered = response.hover_pos().and_then(|pos| {
        let x = shown.transform.value_from_position(pos).x;
        let offset = ((x / step as f64).round() as i64) * step;
        all_bars.iter().position(|b| b.0 == start + offset * 60)
    });
    if let Some(at) = hovered {
        response
            .clone()
            .on_hover_text_at_pointer(format!("{}\nClick to list them", chart.says(at)));
    }
    let keyboard = response.has_focus();
    let cursor = if keyboard {
        keyboard_bar(ui, response.id, cursor, pick, &all_bars)
    } else {
        None
    };
    // A click lists the bar under the pointer (and the keyboard, if the chart has it,
    // goes there); Enter or Space (egui's click of a focused control) the keyboard's bar.
    let clicked = if response.clicked_by(egui::PointerButton::Primary) {
        hovered
    } else if response.clicked() {
        cursor
    } else {
        None
    };
    let cursor = cursor.map(|at| clicked.unwrap_or(at));
    pick.cursor = cursor.and_then(|at| all_bars.get(at)).map(|b| b.0);
    if let Some(&(begin, _)) = clicked.and_then(|at| all_bars.get(at)) {
        pick.listed = Some((begin, begin + step * 60));
    }
    // The keyboard's bar is said under the chart, and to a screen reader as the chart's
    // value; its name stays what the chart shows.
    let said = cursor.map(|at| chart.says(at));
    let name = chart.name();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Image, true, &name);
        info.current_text_value.clone_from(&said);
        info
    });
    let listed = pick.listed.map(|(begin, _)| begin) == pick.cursor;
    match said {
        Some(said) if listed => ui.label(format!("{said}, listed below; Left and Right move")),
        Some(said) => ui.label(format!("{said}. Enter lists them; Left and Right move")),
        None => ui.weak(chart.caption()),
    };
    let whole = egui::Rect::from_x_y_ranges(
        ui.min_rect().left()..=response.rect.right(),
        top..=ui.min_rect().bottom(),
    );
    super::in_sight::set_whole_rect(ui.ctx(), response.id, whole);
    Some(Shown {
        response: response.clone(),
        whole,
        listed_now: clicked.is_some(),
    })
}

/// The bar the keyboard is on once this frame's keys are read, with the chart (`id`)
/// holding the keyboard: `cursor` (an index of `bars`) moved by the arrows, Home and End;
/// where none was yet, the bar listed or else the first.
fn keyboard_bar(
    ui: &Ui,
    id: egui::Id,
    cursor: Option<usize>,
    pick: &BarPick,
    bars: &[(i64, u32)],
) -> Option<usize> {
    // Left and Right are the chart's: egui would move the keyboard to the control beside
    // it. Up, Down and Tab still leave it.
    let arrows = egui::EventFilter {
        horizontal_arrows: true,
        ..Default::default()
    };
    ui.memory_mut(|m| m.set_focus_lock_filter(id, arrows));
    let last = bars.len().checked_sub(1)?;
    let moved = match cursor {
        Some(at) => {
            let take = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
            let key = [Key::ArrowLeft, Key::ArrowRight, Key::Home, Key::End]
                .into_iter()
                .find(|&key| take(key));
            match key {
                Some(Key::ArrowLeft) => at.saturating_sub(1),
                Some(Key::ArrowRight) => (at + 1).min(last),
                Some(Key::Home) => 0,
                Some(Key::End) => last,
                _ => at.min(last),
            }
        }
        None => pick
            .listed
            .and_then(|(begin, _)| bars.iter().position(|b| b.0 == begin))
            .unwrap_or(0),
    };
    // The outline is drawn with the chart, before the keys are read: the next frame
    // shows where it went.
    if Some(moved) != cursor {
        ui.ctx().request_repaint();
    }
    Some(moved)
}

/// What one histogram shows: its bars, from the first minute `start`, `step` minutes
/// each, and the chosen group's share.
struct Chart<'a> {
    start: i64,
    step: i64,
    /// Every group's errors: each bar's first second and its count.
    all: &'a [(i64, u32)],
    group: Option<(&'a Group, &'a [(i64, u32)])>,
    /// "UTC" when every time is, otherwise what the log's clock is.
    zone: String,
}

impl Chart<'_> {
    fn bars(&self, minutes: &[(i64, u32)], fill: egui::Color32) -> Vec<Bar> {
        minutes
            .iter()
            .map(|&(m, n)| self.bar(m, n).fill(fill))
            .collect()
    }

    fn bar(&self, minute: i64, n: u32) -> Bar {
        Bar::new(((minute - self.start) / 60) as f64, f64::from(n)).width(0.9 * self.step as f64)
    }

    fn peak(&self) -> u32 {
        self.all.iter().map(|b| b.1).max().unwrap_or(1)
    }

    /// The chart, with bar `cursor` (an index of `all`) outlined in the text colour: the
    /// link blue of the focus ring is the chosen group's colour here.
    fn show(&self, ui: &mut Ui, cursor: Option<usize>) -> egui_plot::PlotResponse<()> {
        let visuals = ui.visuals();
        // Both readable on either theme's background: a half-strength text grey, and the
        // link blue (the selection blue is pale in the light theme).
        let all_fill = visuals.weak_text_color().linear_multiply(0.45);
        let group_fill = visuals.hyperlink_color;
        let all = BarChart::new("All errors", self.bars(self.all, all_fill))
            .color(visuals.weak_text_color())
            .allow_hover(false);
        let group_chart = self.group.map(|(g, bars)| {
            BarChart::new(g.name(), self.bars(bars, group_fill))
                .color(group_fill)
                .allow_hover(false)
        });
        let outline = egui::Stroke::new(2.0, visuals.strong_text_color());
        let focused = cursor.and_then(|at| self.all.get(at)).map(|&(m, n)| {
            let bar = self
                .bar(m, n)
                .fill(egui::Color32::TRANSPARENT)
                .stroke(outline);
            BarChart::new("Keyboard", vec![bar]).allow_hover(false)
        });
        let peak = self.peak();
        let tick = count_tick(peak);
        let top = peak.div_ceil(tick) * tick;
        let start = self.start;
        Plot::new("triage_per_minute")
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
            // The hovered bar says its minute and count; the cursor's coordinates say
            // nothing.
            .label_formatter(|_| None)
            .show(ui, |plot| {
                plot.bar_chart(all);
                if let Some(group) = group_chart {
                    plot.bar_chart(group);
                }
                if let Some(focused) = focused {
                    plot.bar_chart(focused);
                }
            })
    }

    /// `06:38`, for the bar starting at second `begin`.
    fn label(&self, begin: i64) -> String {
        minute_label(self.start, ((begin - self.start) / 60) as f64)
    }

    /// What bar `at` stands for: its minute (or minutes), its count and the chosen
    /// group's share, as hovering it says.
    fn says(&self, at: usize) -> String {
        let Some(&(begin, n)) = self.all.get(at) else {
            return String::new();
        };
        let when = match self.step {
            1 => format!("{} {}", self.label(begin), self.zone),
            _ => format!(
                "{} to {} {}",
                self.label(begin),
                self.label(begin + self.step * 60),
                self.zone
            ),
        };
        let errors = crate::wording::count_of(n as usize, "error");
        let share = self.group.map_or(String::new(), |(g, bars)| {
            let mine = bars.iter().find(|(m, _)| *m == begin).map_or(0, |b| b.1);
            format!(", {mine} of them {}", g.name())
        });
        format!("{when}: {errors}{share}")
    }

    fn caption(&self) -> String {
        match self.step {
            1 => format!("Errors per minute ({})", self.zone),
            n => format!("Errors per {n} minutes ({})", self.zone),
        }
    }

    /// Its name for a screen reader, where Tab stops on it: the minutes its first and
    /// last bars stand for, and its highest bar.
    fn name(&self) -> String {
        let last = self.all.last().map_or(self.start, |b| b.0);
        format!(
            "{}, bars {} to {}, the highest {}",
            self.caption(),
            self.label(self.start),
            self.label(last),
            crate::wording::count_of(self.peak() as usize, "error")
        )
    }
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

/// `06:38`, for a minute counted from `start`.
fn minute_label(start: i64, minute: f64) -> String {
    let text = time_text(start + (minute.round() as i64) * 60);
    text.get(11..16).map_or(text.clone(), str::to_string)
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
