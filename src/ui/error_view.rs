//! One analyzed error drawn from its view model ([`ErrorView`]): the paste panel and the
//! incident pane both draw it here, so the window names rows, facts and what the paste did
//! not show with the words the command line and an incident's Markdown use.

use egui::{RichText, Ui};

use crate::report::view::{CandidateView, ErrorView, Fact, Verdict};
use crate::session::{Action, CaseAction, ExplorerAction};

/// How the long facts of an error are drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum LongFacts {
    /// Whole: the paste panel is where the engineer reads the response.
    Show,
    /// Folded under a short header: in an incident the steps below must stay in sight.
    Fold,
}

/// The rows (the code's other variants folded), warnings, then the facts and what the
/// paste did not show. The heading is the caller's: the paste panel's is the error, the
/// incident pane's the row being worked.
pub(super) fn error_view_ui(ui: &mut Ui, view: &ErrorView, long: LongFacts, out: &mut Vec<Action>) {
    for c in &view.candidates {
        candidate_ui(ui, c, out);
    }
    if let Some(folded) = &view.folded {
        folded_rows_ui(ui, &folded.headline(), &folded.rows, out);
    }
    for w in &view.warnings {
        ui.colored_label(super::look::warning_color(ui), w);
    }
    ui.add_space(6.0);
    let facts: Vec<Fact> = view
        .facts
        .iter()
        .cloned()
        .chain(view.unseen_fact())
        .collect();
    // In their order: runs of short facts as a grid, each long one folded (if asked).
    let mut rest = facts.as_slice();
    while !rest.is_empty() {
        let short = rest
            .iter()
            .take_while(|f| long == LongFacts::Show || !is_long(&f.value))
            .count();
        let (run, after) = rest.split_at(short);
        super::fields::fields_ui(
            ui,
            run.iter().map(|f| (f.name.as_str(), f.value.as_str())),
            2.0,
        );
        let Some((folded, after)) = after.split_first() else {
            break;
        };
        long_fact_ui(ui, folded);
        rest = after;
    }
}

/// The code's other rows under one line that wraps (a collapsing header's title does
/// not, and a long one widened the pane past its edge, cutting the steps below). The
/// arrow and the line are one control, one Tab stop named by the line: egui's arrow was a
/// Tab stop of its own that a screen reader called only "button". A click on either, or
/// Enter or Space with the keyboard on it, unfolds them.
fn folded_rows_ui(ui: &mut Ui, headline: &str, rows: &[CandidateView], out: &mut Vec<Action>) {
    use egui::collapsing_header::{CollapsingState, paint_default_icon};
    let id = ui.make_persistent_id(("folded", headline));
    let mut state = CollapsingState::load_with_default_open(ui.ctx(), id, false);
    let line = ui.horizontal_top(|ui| {
        let size = egui::vec2(ui.spacing().indent, ui.spacing().icon_width);
        let (arrow, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        // Painted, not a label: the control below says it once to a screen reader.
        let text = egui::WidgetText::from(headline).into_galley(
            ui,
            Some(egui::TextWrapMode::Wrap),
            ui.available_width(),
            egui::TextStyle::Body,
        );
        let (rect, _) = ui.allocate_exact_size(text.size(), egui::Sense::hover());
        let color = ui.visuals().text_color();
        ui.painter().galley(rect.min, text, color);
        arrow
    });
    let header = ui.interact(line.response.rect, id.with("header"), egui::Sense::click());
    header.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::DisclosureTriangle, ui.is_enabled(), headline)
    });
    ui.ctx()
        .accesskit_node_builder(header.id, |node| node.set_expanded(state.is_open()));
    if header.clicked() {
        state.toggle(ui);
    }
    let (mut icon, _) = ui.spacing().icon_rectangles(line.inner);
    icon.set_center(line.inner.center());
    let openness = state.openness(ui.ctx());
    paint_default_icon(ui, openness, &header.clone().with_new_rect(icon));
    state.show_body_indented(&header, ui, |ui| {
        for c in rows {
            candidate_ui(ui, c, out);
        }
    });
}

/// Longer than this, or on several lines, a fact is folded.
const SHORT_FACT: usize = 100;

fn is_long(value: &str) -> bool {
    value.chars().count() > SHORT_FACT || value.contains('\n')
}

/// A long fact (a gateway detail that echoes the whole canonical request) folded under a
/// short header, so the rows and an incident's steps stay in sight at any pane width.
fn long_fact_ui(ui: &mut Ui, fact: &Fact) {
    let chars = fact.value.chars().count();
    egui::CollapsingHeader::new(format!("{} ({chars} characters)", fact.name))
        .id_salt(("fact", fact.name.as_str()))
        .default_open(false)
        .show(ui, |ui| {
            ui.add(egui::Label::new(fact.value.as_str()).wrap());
        });
}

/// One candidate row: what it is, how sure, why. A row of the catalog shown (a fresh
/// analysis) is a button that shows it in the table, and the match can start an
/// incident; an incident's stored rows name no row of today's catalogs and are text.
fn candidate_ui(ui: &mut Ui, c: &CandidateView, out: &mut Vec<Action>) {
    let is_match = c.verdict == Verdict::Match;
    let text = RichText::new(c.headline());
    let text = if is_match { text.strong() } else { text };
    match c.row {
        Some(row) => {
            let clicked = ui
                .button(text)
                .on_hover_text("Show this row in the table")
                .clicked();
            if clicked {
                out.push(Action::Explorer(ExplorerAction::Reveal(row)));
            }
            if is_match && ui.button("Open incident from this paste").clicked() {
                out.push(Action::Explorer(ExplorerAction::Reveal(row)));
                out.push(Action::Case(CaseAction::OpenIncident {
                    row,
                    from_paste: true,
                }));
            }
        }
        None => {
            ui.add(egui::Label::new(text).wrap());
        }
    }
    for r in &c.reasons {
        bullet_ui(ui, r);
    }
}

/// A dash and its text, wrapped lines starting under the text, not under the dash.
fn bullet_ui(ui: &mut Ui, text: &str) {
    ui.horizontal_top(|ui| {
        ui.add_space(8.0);
        ui.weak("-");
        ui.add(egui::Label::new(RichText::new(text).weak()).wrap());
    });
}
