//! Incidents: a checklist being worked during a support case, with step states, notes
//! and times, and its export as a ticket comment. Pure: no UI types, no file access.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::analysis::FoundError;
use crate::catalog::Step;
use crate::catalog::{Catalog, RowKey};
use crate::checklist::{Finding, finding, steps_for};
use crate::http_status::with_reason;
use crate::redact::redact;
use crate::report::view::{CandidateView, ErrorView, Folded, Said};
use crate::signing::Report;

/// Where a step of an incident stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Not looked at yet.
    #[default]
    Todo,
    /// Checked, and it holds (or was fixed).
    Done,
    /// Passed over on purpose.
    Skipped,
    /// Does not apply to this case.
    NotApplicable,
    /// Cannot be checked now (waiting for someone).
    Blocked,
}

impl StepStatus {
    /// Every status, in the order the window offers them.
    pub(crate) const ALL: [StepStatus; 5] = [
        StepStatus::Todo,
        StepStatus::Done,
        StepStatus::Skipped,
        StepStatus::NotApplicable,
        StepStatus::Blocked,
    ];

    /// The status as the window and the Markdown write it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            StepStatus::Todo => "to do",
            StepStatus::Done => "done",
            StepStatus::Skipped => "skipped",
            StepStatus::NotApplicable => "n/a",
            StepStatus::Blocked => "blocked",
        }
    }

    /// Settled steps count as progress; to-do and blocked ones are still open.
    pub(crate) fn is_settled(self) -> bool {
        matches!(
            self,
            StepStatus::Done | StepStatus::Skipped | StepStatus::NotApplicable
        )
    }
}

/// A step as worked in one incident: the step itself is copied in, so later catalog
/// edits never change a running incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkedStep {
    /// The step, as it was when the incident started.
    pub step: Step,
    /// Where it stands.
    pub status: StepStatus,
    /// The engineer's note (redacted on the way to disk).
    pub note: String,
    /// UTC time (RFC 3339) of the last change of status or note.
    pub changed: Option<String>,
    /// What the paste said about this step, when the incident came from a paste.
    pub(crate) finding: Option<Finding>,
    /// Values another window overwrote, oldest first: the later write wins, the earlier
    /// one is not lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) earlier: Vec<Earlier>,
}

/// One field of a step, as written by one window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum StepField {
    Status,
    Note,
}

impl StepField {
    pub(crate) fn label(self) -> &'static str {
        match self {
            StepField::Status => "status",
            StepField::Note => "note",
        }
    }
}

/// A step's value that a later write from another window replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earlier {
    pub(crate) field: StepField,
    /// The note, or the status's label.
    pub(crate) value: String,
    /// When it had been written (RFC 3339), if known.
    pub(crate) changed: Option<String>,
}

/// The facts of the paste an incident was opened from (already redacted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasteFacts {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) http_status: Option<u16>,
    pub request_id: Option<String>,
    /// (name, value) pairs in display order.
    pub(crate) evidence: Vec<(String, String)>,
    /// What the signature check found, as sentences with what to do (never the secret).
    pub signature: Vec<String>,
    /// The signature check's verdict, as a sentence.
    pub(crate) signature_verdict: Option<String>,
    /// The key that signed: ("AppKey" or "AK", its value). Not a secret, and the first
    /// thing to look up in the console.
    pub(crate) access_key: Option<(String, String)>,
    /// The rows the analysis named, as the paste panel showed them (empty for an
    /// incident stored before they were kept).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) candidates: Vec<CandidateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) folded: Option<Folded>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) warnings: Vec<String>,
}

/// One error being worked: its row, the paste's facts, and each step's status and note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Unique in its book, never reused.
    pub id: u64,
    /// Free name, e.g. the ticket number.
    pub name: String,
    /// The catalog row the incident works.
    pub row: RowKey,
    /// When it was opened (UTC, RFC 3339).
    pub(crate) started: String,
    /// The facts of the paste it was opened from, redacted; None when opened from a row.
    pub paste: Option<PasteFacts>,
    /// The row's checklist, as worked.
    pub steps: Vec<WorkedStep>,
}

impl Incident {
    /// An incident for catalog row `row`, started at `now`.
    pub fn from_row(id: u64, catalog: &Catalog, row: usize, now: &str) -> Self {
        let steps = catalog.entries[row].checklist().into_owned();
        Self::with_steps(id, catalog, row, steps, now)
    }

    fn with_steps(id: u64, catalog: &Catalog, row: usize, steps: Vec<Step>, now: &str) -> Self {
        let steps = steps
            .into_iter()
            .map(|step| WorkedStep {
                step,
                status: StepStatus::Todo,
                note: String::new(),
                changed: None,
                finding: None,
                earlier: Vec::new(),
            })
            .collect();
        Incident {
            id,
            name: String::new(),
            row: catalog.key_of(row),
            started: now.to_string(),
            paste: None,
            steps,
        }
    }

    /// An incident from an analyzed paste: carries its facts, only the steps for the way
    /// the paste signed in (AK/SK or token, when it says), and each step with evidence
    /// shows what the paste says about it.
    pub(crate) fn from_paste(
        id: u64,
        catalog: &Catalog,
        row: usize,
        error: &FoundError,
        now: &str,
    ) -> Self {
        let steps = steps_for(&catalog.entries[row], error.evidence.auth);
        let mut incident = Incident::with_steps(id, catalog, row, steps, now);
        let expected = catalog.entries[row].http_status;
        for worked in &mut incident.steps {
            worked.finding = worked
                .step
                .evidence
                .and_then(|k| finding(k, error, expected));
        }
        incident.paste = Some(PasteFacts::of(catalog, error));
        incident
    }

    /// Set step `step`'s status, at time `now` (RFC 3339).
    pub(crate) fn set_status(&mut self, step: usize, status: StepStatus, now: &str) {
        if let Some(s) = self.steps.get_mut(step)
            && s.status != status
        {
            s.status = status;
            s.changed = Some(now.to_string());
        }
    }

    /// Set step `step`'s note, at time `now` (RFC 3339).
    pub(crate) fn set_note(&mut self, step: usize, note: &str, now: &str) {
        if let Some(s) = self.steps.get_mut(step)
            && s.note != note
        {
            s.note = note.to_string();
            s.changed = Some(now.to_string());
        }
    }

    /// Back to the start: every step to do, notes and times cleared; facts kept.
    pub(crate) fn reset(&mut self) {
        for s in &mut self.steps {
            s.status = StepStatus::Todo;
            s.note.clear();
            s.changed = None;
        }
    }

    /// (settled steps, all steps), shown as "3/5".
    pub fn progress(&self) -> (usize, usize) {
        let settled = self.steps.iter().filter(|s| s.status.is_settled()).count();
        (settled, self.steps.len())
    }

    /// The request id of the paste it was opened from.
    pub(crate) fn request_id(&self) -> Option<&str> {
        self.paste.as_ref()?.request_id.as_deref()
    }

    /// `name: code status`, or `Incident: code status` when it has no name.
    pub(crate) fn title(&self) -> String {
        let name = if self.name.is_empty() {
            "Incident"
        } else {
            &self.name
        };
        format!("{name}: {} {}", self.row.code, self.row.http_status)
    }

    /// Add the steps of the team's notes about the row, each marked as the team's and
    /// naming its note.
    pub fn add_team_steps(&mut self, notes: &[&crate::team::Note]) {
        for note in notes {
            let source = format!("{} ({})", note.title, note.file.display());
            for text in &note.steps {
                self.steps.push(WorkedStep {
                    step: Step {
                        text: format!("{text} (team)"),
                        evidence: None,
                        doc: None,
                        when: None,
                        team: Some(source.clone()),
                    },
                    status: StepStatus::Todo,
                    note: String::new(),
                    changed: None,
                    finding: None,
                    earlier: Vec::new(),
                });
            }
        }
    }

    /// The incident as a ticket comment, with every secret redacted; `catalog` names the
    /// row's catalog by its title. Each piece that came from the engineer or the paste (the
    /// name, each fact, note and finding) is redacted on its own, and the catalog's text
    /// (the row, the steps) never is: redacting the whole comment let a note's form reach
    /// into the step below it (a `secret,VALUE` note read as a CSV header took the next
    /// step as its row).
    pub fn markdown(&self, catalog: &Catalog) -> String {
        let mut out = format!("## {}\n\n", redact(&self.title()));
        let _ = writeln!(
            out,
            "- **Error:** {} ({}): {}",
            self.row.code,
            with_reason(self.row.http_status),
            self.row.message
        );
        let title = catalog
            .sources
            .iter()
            .find(|s| s.id == self.row.catalog)
            .map_or(self.row.catalog.as_str(), |s| s.title.as_str());
        let _ = writeln!(out, "- **Catalog:** {title}");
        let _ = writeln!(out, "- **Started:** {}", self.started);
        if let Some(p) = &self.paste {
            p.markdown(&mut out);
        }
        let (done, total) = self.progress();
        let _ = writeln!(out, "\n### Checklist ({done}/{total})\n");
        for s in &self.steps {
            let mark = if s.status == StepStatus::Done {
                "x"
            } else {
                " "
            };
            let _ = write!(out, "- [{mark}] {} ({}", s.step.text, s.status.label());
            if let Some(t) = &s.changed {
                let _ = write!(out, ", {t}");
            }
            out.push(')');
            if let Some(f) = &s.finding {
                let _ = write!(out, "\n  - Paste: {}", redact(&f.text));
            }
            // Redacted as written, before its lines are indented: a token wrapped over
            // lines or a YAML credential is found only in its own layout.
            if !s.note.is_empty() {
                let _ = write!(out, "\n  - Note: {}", within_item(&redact(&s.note)));
            }
            for e in &s.earlier {
                let value = within_item(&redact(&e.value));
                let _ = write!(out, "\n  - Replaced {}: {value}", e.field.label());
            }
            out.push('\n');
        }
        let open: Vec<&WorkedStep> = self
            .steps
            .iter()
            .filter(|s| !s.status.is_settled())
            .collect();
        // The list of what is left helps once work has started; before, it repeats all.
        if !open.is_empty() && done > 0 {
            let _ = writeln!(out, "\n### Open steps\n");
            for s in open {
                let _ = writeln!(out, "- {} ({})", s.step.text, s.status.label());
            }
        }
        let mut used: Vec<&str> = Vec::new();
        for t in self.steps.iter().filter_map(|s| s.step.team.as_deref()) {
            if !used.contains(&t) {
                used.push(t);
            }
        }
        if !used.is_empty() {
            let _ = writeln!(out, "\n### Team notes used\n");
            for t in used {
                let _ = writeln!(out, "- {}", redact(t));
            }
        }
        out
    }
}

impl PasteFacts {
    /// What the facts are called, in the incident pane and its Markdown.
    pub(crate) const HEADING: &'static str = "From the customer's response";

    /// The facts of `error` (already redacted with its paste: [`FoundError::redacted`]),
    /// redacted once more on their own, and its rows in `catalog` as the paste panel
    /// shows them.
    pub(crate) fn of(catalog: &Catalog, error: &FoundError) -> Self {
        let view = ErrorView::of(catalog, error);
        let stored = |mut c: CandidateView| {
            c.row = None;
            c.reasons = c.reasons.iter().map(|r| redact(r)).collect();
            c
        };
        PasteFacts {
            code: error.code.clone(),
            message: error.message.as_deref().map(redact),
            detail: error.detail.as_deref().map(redact),
            http_status: error.http_status,
            request_id: error.request_id.as_deref().map(redact),
            evidence: error
                .named_facts()
                .into_iter()
                .map(|(k, v)| (k.to_string(), redact(&v)))
                .collect(),
            signature: Vec::new(),
            signature_verdict: None,
            access_key: None,
            candidates: view.candidates.into_iter().map(stored).collect(),
            folded: view.folded.map(|mut f| {
                f.rows = f.rows.into_iter().map(stored).collect();
                f
            }),
            warnings: view.warnings.iter().map(|w| redact(w)).collect(),
        }
    }

    /// The facts as every front end shows an analyzed error.
    pub(crate) fn view(&self) -> ErrorView {
        let said = Said {
            code: self.code.as_deref(),
            http_status: self.http_status,
            message: self.message.as_deref(),
            detail: self.detail.as_deref(),
            request_id: self.request_id.as_deref(),
        };
        ErrorView::new(
            said,
            self.evidence.iter().cloned(),
            self.candidates.clone(),
            self.folded.clone(),
            self.warnings.clone(),
        )
    }

    /// Carry what a signature check of the paste found: its verdict, the key that
    /// signed and each finding with what to do, redacted like every other fact (the
    /// report never holds the secret).
    pub(crate) fn add_signature(&mut self, report: &Report) {
        self.signature_verdict = Some(redact(&report.verdict_sentence()));
        self.access_key = report
            .access
            .as_ref()
            .map(|a| (report.credential.key().to_string(), redact(a)));
        self.signature = report
            .findings
            .iter()
            .map(|f| redact(&format!("[{}] {}", f.certainty.word(), f.sentence())))
            .collect();
    }

    /// The signature check as (label, text) lines, verdict and key first: what the
    /// incident pane shows and the Markdown lists.
    pub(crate) fn signature_lines(&self) -> Vec<(Option<&str>, &str)> {
        let mut lines = Vec::new();
        if let Some(v) = &self.signature_verdict {
            lines.push((Some("Verdict"), v.as_str()));
        }
        if let Some((label, value)) = &self.access_key {
            lines.push((Some(label.as_str()), value.as_str()));
        }
        lines.extend(self.signature.iter().map(|f| (None, f.as_str())));
        lines
    }

    fn markdown(&self, out: &mut String) {
        let view = self.view();
        let _ = writeln!(out, "\n### {}\n", Self::HEADING);
        let status = view.http_status.map(|s| s.to_string());
        let said = [
            ("Code", view.code.as_deref()),
            ("Status", status.as_deref()),
        ];
        for (name, value) in said {
            if let Some(v) = value {
                let _ = writeln!(out, "- **{name}:** {v}");
            }
        }
        for fact in view.facts.iter().chain(view.unseen_fact().as_ref()) {
            let _ = writeln!(out, "- **{}:** {}", fact.name, redact(&fact.value));
        }
        analysis_markdown(&view, out);
        let signature = self.signature_lines();
        if !signature.is_empty() {
            let _ = writeln!(out, "\n### Signature check\n");
            for (label, text) in signature {
                let text = redact(text);
                match label {
                    Some(label) => writeln!(out, "- **{label}:** {text}"),
                    None => writeln!(out, "- {text}"),
                }
                .unwrap_or_default();
            }
        }
    }
}

/// The rows the analysis named, each with its verdict and reasons, the folded ones in one
/// line, and its warnings: as the paste panel and the command line show them.
/// A note of several lines, kept inside its list item: each further line indented under
/// it, a blank line left out (it would end the list), and a line that would read as a
/// list item or a checkbox of its own (`- [ ] ...`, which a team note takes for a step)
/// written with its mark escaped.
fn within_item(text: &str) -> String {
    let mut lines = text.lines().map(str::trim_end).filter(|l| !l.is_empty());
    let mut out = lines.next().unwrap_or_default().to_string();
    for line in lines {
        let line = line.trim_start();
        out.push_str("\n    ");
        if line.starts_with(['-', '*', '+', '#', '>']) {
            out.push('\\');
        }
        out.push_str(line);
    }
    out
}

fn analysis_markdown(view: &ErrorView, out: &mut String) {
    if view.candidates.is_empty() && view.folded.is_none() && view.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### What the analysis found\n");
    for c in &view.candidates {
        let _ = writeln!(out, "- **{}:** {}", c.verdict.label(), c.summary());
        for r in &c.reasons {
            let _ = writeln!(out, "  - {}", redact(r));
        }
    }
    if let Some(folded) = &view.folded {
        let _ = writeln!(out, "- **{}:** {}", Folded::LABEL, folded.summary);
    }
    for w in &view.warnings {
        let _ = writeln!(out, "- **Warning:** {}", redact(w));
    }
}

/// All incidents, open ones first in the order they were started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentBook {
    /// Every incident, open ones first.
    pub incidents: Vec<Incident>,
    /// The id the next incident gets (ids are never reused).
    pub(crate) next_id: u64,
}

impl IncidentBook {
    /// Add an incident made by `make` with a fresh id; returns that id. Tests build
    /// books with it; the session adds incidents through its store.
    #[cfg(test)]
    pub(crate) fn open(&mut self, make: impl FnOnce(u64) -> Incident) -> u64 {
        let id = self.fresh_id();
        self.incidents.push(make(id));
        id
    }

    /// An id no incident of the book has had.
    pub(crate) fn fresh_id(&mut self) -> u64 {
        self.next_id = self
            .next_id
            .max(self.incidents.iter().map(|i| i.id + 1).max().unwrap_or(0));
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The incident `id`, to change.
    pub(crate) fn get_mut(&mut self, id: u64) -> Option<&mut Incident> {
        self.incidents.iter_mut().find(|i| i.id == id)
    }

    /// Each incident's title (in the book's order), told apart from the others': two
    /// incidents can share a name and a row ("Start another" for the same paste), and
    /// the list and the pane's header showed them alike. A shared title gets what tells
    /// this one from its twins: its request id, else when it was opened, else its id
    /// (the number the command line's `incidents` lists), so no two are ever the same.
    pub(crate) fn titles(&self) -> Vec<String> {
        let titles: Vec<String> = self.incidents.iter().map(Incident::title).collect();
        let told_apart = |(incident, title): (&Incident, &String)| {
            let twins: Vec<&Incident> = self
                .incidents
                .iter()
                .zip(&titles)
                .filter(|(_, t)| *t == title)
                .map(|(twin, _)| twin)
                .collect();
            if twins.len() == 1 {
                return title.clone();
            }
            let alone = |key: fn(&Incident) -> Option<&str>| {
                key(incident)
                    .filter(|mine| twins.iter().filter(|t| key(t) == Some(*mine)).count() == 1)
            };
            let which = if let Some(id) = alone(Incident::request_id) {
                format!("request {id}")
            } else if let Some(at) = alone(|i| Some(i.started.as_str())) {
                format!("opened {at}")
            } else {
                format!("id {}", incident.id)
            };
            format!("{title} ({which})")
        };
        self.incidents.iter().zip(&titles).map(told_apart).collect()
    }

    /// The incident `id`.
    pub fn get(&self, id: u64) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id)
    }

    /// Close (remove) an incident: copy it into the ticket first.
    pub(crate) fn close(&mut self, id: u64) {
        self.incidents.retain(|i| i.id != id);
    }
}

#[cfg(test)]
mod signature_tests;
#[cfg(test)]
mod tests;
