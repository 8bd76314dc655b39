//! One analysis, read in four places: `apig-explorer analyze`, the window's paste panel,
//! the incident pane of an incident opened from the paste and that incident's Markdown
//! (and `analyze --json`, whose verdicts are the same words). Each names the same rows with
//! the same words ("Match", "Also possible", "Guess", "Other variants of this code"), the
//! same confidence and in the same order; the gateway's echo is read once in the panel.

use std::io::Write as _;
use std::process::{Command, Stdio};

use apig_explorer::ExplorerApp;
use apig_explorer::SavedState;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

mod common;
use common::copied;

/// What every front end puts before a row, and before the folded rows.
const LABELS: [&str; 4] = [
    "Match: ",
    "Also possible: ",
    "Guess: ",
    "Other variants of this code: ",
];

/// An exact match: the code's other rows are folded.
const EXACT: &str = "HTTP/1.1 504 Gateway Timeout\n\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\"}";
/// No code, a message several rows start with: a match and rows also possible.
const NO_CODE: &str = "HTTP/1.1 401 Unauthorized\n\n{\"error_msg\":\"Incorrect app authentication information: signature expired\"}";
/// A code of several rows and its status, no message: a match of 0.75, the code's other
/// rows folded under it.
const CODE_AND_STATUS: &str = "2026-11-27T06:38:00Z ERROR APIG.0201 status=504";
/// The gateway's answer to a wrong signature, echoing the canonical request it computed.
const ECHO: &str = "> POST /v2/orders HTTP/1.1\n> Host: api.example.com:8443\n> Content-Type: application/json\n> X-Sdk-Date: 20240102T030405Z\n> Authorization: SDK-HMAC-SHA256 Access=4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b, SignedHeaders=content-type;host;x-sdk-date, Signature=0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail, canonicalRequest:POST|/v2/orders/||content-type:application/json|host:api.example.com:8443|x-sdk-date:20240102T030405Z||content-type;host;x-sdk-date|44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"request_id\":\"b2c3d4e5f6a7b8c9\"}\n";

fn labelled(line: &str) -> bool {
    LABELS.iter().any(|l| line.starts_with(l))
}

/// The row lines `apig-explorer analyze` prints, without the command line's hint.
fn cli_rows(paste: &str) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .arg("analyze")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("its stdin is piped")
        .write_all(paste.as_bytes())
        .expect("it reads the paste");
    let out = child.wait_with_output().expect("it ends");
    String::from_utf8(out.stdout)
        .expect("it prints UTF-8")
        .lines()
        .map(str::trim)
        .filter(|l| labelled(l))
        .map(|l| match l.split_once(" (`apig-explorer explain") {
            Some((row, _)) => row.to_string(),
            None => l.to_string(),
        })
        .collect()
}

/// `analyze --json`'s candidates as (verdict label, "CODE STATUS MESSAGE"), every one,
/// folded or not.
fn json_rows(paste: &str) -> Vec<(String, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["analyze", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("its stdin is piped")
        .write_all(paste.as_bytes())
        .expect("it reads the paste");
    let out = child.wait_with_output().expect("it ends");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let candidates = v["errors"][0]["candidates"].as_array().cloned();
    let label = |verdict: &serde_json::Value| match verdict.as_str() {
        Some("match") => "Match",
        Some("also_possible") => "Also possible",
        Some("guess") => "Guess",
        other => panic!("not a verdict: {other:?}"),
    };
    candidates
        .unwrap_or_default()
        .iter()
        .map(|c| {
            let row = format!(
                "{} {} {}",
                c["code"].as_str().unwrap_or_default(),
                c["http_status"],
                c["message"].as_str().unwrap_or_default()
            );
            (label(&c["verdict"]).to_string(), row)
        })
        .collect()
}

/// The row lines of an incident's Markdown, `- **Match:** …` read as `Match: …`.
fn markdown_rows(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.strip_prefix("- **"))
        .map(|l| l.replacen(":** ", ": ", 1))
        .filter(|l| labelled(l))
        .collect()
}

fn harness() -> Harness<'static, ExplorerApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(|_cc| ExplorerApp::with_state(SavedState::default(), None))
}

/// A node's text: AccessKit keeps a label's text as its value, a button's as its label.
fn text_of(node: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    if node.role() == egui::accesskit::Role::Label {
        node.value()
    } else {
        node.label()
    }
}

/// Every text of the window that `keep` keeps, in the order drawn.
fn labels(h: &Harness<'_, ExplorerApp>, keep: impl Fn(&str) -> bool) -> Vec<String> {
    h.query_all(By::new().predicate(|n| text_of(n).is_some_and(|l| keep(&l))))
        .map(|n| text_of(&n.accesskit_node()).unwrap_or_default())
        .collect()
}

/// What the window shows of one paste: in the paste panel, then in the pane of the
/// incident opened from its match (the paste cleared, so only the incident shows it).
struct Shown {
    /// The rows, each after its label.
    rows: Vec<String>,
    /// The names of the facts and of what the paste did not show, each with its value.
    facts: Vec<String>,
}

/// The names every front end gives the facts of a paste (`Method`, `Host` and the like
/// come after them, named alike).
const FACT_NAMES: [&str; 4] = ["Message", "Detail", "Request id", "Not read from the paste"];

/// The fact a folded header stands for ("Message (523 characters)" → "Message"): an
/// incident folds its long facts so its steps stay in sight.
fn folded_name(text: &str) -> Option<&str> {
    let (name, count) = text.split_once(" (")?;
    let digits = count.strip_suffix(" characters)")?;
    (FACT_NAMES.contains(&name) && digits.chars().all(|c| c.is_ascii_digit())).then_some(name)
}

fn shown(h: &Harness<'_, ExplorerApp>) -> Shown {
    // Plain text and folded facts' headers only: the table's "Message" column header is a
    // button.
    let texts: Vec<String> = h
        .query_all(By::new().predicate(|n| {
            n.role() == egui::accesskit::Role::Label
                || text_of(n).is_some_and(|t| folded_name(&t).is_some())
        }))
        .filter_map(|n| text_of(&n.accesskit_node()))
        .map(|t| folded_name(&t).map_or_else(|| t.clone(), str::to_string))
        .collect();
    let facts = texts
        .iter()
        .zip(texts.iter().skip(1))
        .filter(|(name, _)| FACT_NAMES.contains(&name.as_str()))
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    Shown {
        rows: labels(h, labelled),
        facts,
    }
}

/// Opens every folded fact of the incident pane.
fn unfold_facts(h: &mut Harness<'_, ExplorerApp>) {
    let headers = labels(h, |t| folded_name(t).is_some());
    for header in headers {
        h.get_by_label(&header).click();
        h.run();
    }
}

/// What the paste panel shows of `paste`, what the pane of the incident opened from its
/// match shows, and the Markdown of that incident.
fn window_rows(paste: &str) -> (Shown, Shown, String) {
    let mut h = harness();
    h.run();
    h.event(egui::Event::Paste(paste.to_string()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    let panel = shown(&h);
    h.get_by_label("Open incident from this paste").click();
    h.run();
    h.get_by_label("Clear paste").click();
    h.run();
    unfold_facts(&mut h);
    let incident = shown(&h);
    // The pane keeps the focused step in view; the actions above it are scrolled to first,
    // as a user would.
    h.get_by_label("Copy as Markdown").scroll_to_me();
    h.run();
    h.get_by_label("Copy as Markdown").click();
    h.step();
    let md = copied(&h).pop().expect("the incident was copied");
    (panel, incident, md)
}

fn kinds(rows: &[String]) -> Vec<&str> {
    rows.iter()
        .map(|r| r.split_once(": ").map_or("", |(kind, _)| kind))
        .collect()
}

#[test]
fn the_window_the_command_line_and_the_incident_name_the_same_rows_alike() {
    for paste in [EXACT, NO_CODE, CODE_AND_STATUS, ECHO] {
        let cli = cli_rows(paste);
        let (panel, incident, md) = window_rows(paste);
        assert!(!cli.is_empty(), "rows for {paste}");
        assert_eq!(
            panel.rows, cli,
            "the panel as the command line, for {paste}"
        );
        assert_eq!(
            incident.rows, cli,
            "the incident pane as the command line, for {paste}"
        );
        assert!(!panel.facts.is_empty(), "facts for {paste}");
        assert_eq!(
            incident.facts, panel.facts,
            "the incident pane names the paste's facts as the panel does, for {paste}"
        );
        for fact in &panel.facts {
            let (name, value) = fact.split_once(": ").expect("a name and a value");
            assert!(
                md.contains(&format!("- **{name}:** {value}")),
                "the incident's Markdown names {fact:?} alike:\n{md}"
            );
        }
        assert_eq!(
            markdown_rows(&md),
            cli,
            "the incident as the command line, for {paste}:\n{md}"
        );
        let json = json_rows(paste);
        let shown: Vec<&(String, String)> = json
            .iter()
            .filter(|(_, row)| cli.iter().any(|l| l.contains(&format!(": {row} ("))))
            .collect();
        assert!(!shown.is_empty(), "{json:#?}");
        for (label, row) in shown {
            assert!(
                cli.iter()
                    .any(|l| l.starts_with(&format!("{label}: {row} ("))),
                "the JSON calls {row} a {label}, as the text does: {cli:#?}"
            );
        }
    }
}

#[test]
fn each_paste_gets_the_verdicts_it_deserves() {
    let exact = cli_rows(EXACT);
    assert_eq!(kinds(&exact), ["Match", "Other variants of this code"]);
    assert_eq!(
        exact[0],
        "Match: APIG.0201 504 Backend timeout. (Calling APIs), confidence 1.00"
    );
    assert_eq!(
        exact[1],
        "Other variants of this code: 6 other rows of APIG.0201 rank below it, confidence ≤ 0.30"
    );
    let no_code = cli_rows(NO_CODE);
    assert!(
        no_code[0].starts_with("Match: APIG.0303 401 "),
        "{no_code:#?}"
    );
    // Rows below the match: also possible, or (a message less than 75 % alike to
    // theirs) guesses.
    assert!(
        kinds(&no_code)[1..]
            .iter()
            .all(|k| *k == "Also possible" || *k == "Guess"),
        "the other rows: {no_code:#?}"
    );
    assert!(no_code.len() > 1, "{no_code:#?}");
    let code_and_status = cli_rows(CODE_AND_STATUS);
    assert_eq!(
        code_and_status,
        [
            "Match: APIG.0201 504 Backend timeout. (Calling APIs), confidence 0.75",
            "Other variants of this code: 6 other rows of APIG.0201 rank below it, confidence ≤ 0.40"
        ],
        "the code's other rows, guesses, folded under a match below 1.00"
    );
}

#[test]
fn the_paste_panel_shows_the_gateway_s_echo_once() {
    let mut h = harness();
    h.run();
    h.event(egui::Event::Paste(ECHO.to_string()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label_contains("Match: APIG.0303 401");
    let echoed = labels(&h, |l| l.contains("canonicalRequest:"));
    assert_eq!(
        echoed.len(),
        1,
        "the echo in the message only, not in a Detail or a reason too: {echoed:#?}"
    );
    assert!(
        echoed[0].starts_with("Incorrect app authentication information: verify signature fail"),
        "{echoed:#?}"
    );
    h.get_by_label_contains("followed by the detail 'verify signature fail…'");
    assert!(h.query_by_label("Detail").is_none(), "no Detail row");
}

#[test]
fn the_panel_names_what_the_paste_did_not_show() {
    let mut h = harness();
    h.run();
    h.event(egui::Event::Paste(EXACT.to_string()));
    h.step();
    h.state_mut()
        .wait_for_paste(std::time::Duration::from_secs(60));
    h.run();
    h.get_by_label("Not read from the paste");
    h.get_by_label("request id");
}
