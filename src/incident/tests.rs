use super::*;
use crate::analysis::analyze;

const NOT_PUBLISHED: &str = "> GET /v1/orders HTTP/1.1\n> Host: shop.example.com\n> Authorization: Bearer sk-live-abcdef0123456789\n>\n< HTTP/1.1 404 Not Found\n< X-Request-Id: 0101abcdef0101abcdef0101abcdef01\n<\n{\"error_code\":\"APIG.0101\",\"error_msg\":\"The API does not exist or has not been published in the environment.\"}";

fn from_paste() -> (Catalog, Incident) {
    let catalog = Catalog::embedded();
    let analysis = analyze(NOT_PUBLISHED, &catalog);
    let error = &analysis.errors[0];
    let row = error.matched().unwrap().row;
    let incident = Incident::from_paste(7, &catalog, row, error, "2026-11-27T06:00:00Z");
    (catalog, incident)
}

#[test]
fn an_incident_from_a_paste_flags_the_missing_x_stage() {
    let (_, incident) = from_paste();
    assert_eq!(incident.row.code, "APIG.0101");
    let stage = incident
        .steps
        .iter()
        .find(|s| s.step.text.contains("X-Stage"))
        .unwrap();
    let finding = stage.finding.as_ref().unwrap();
    assert!(finding.flagged);
    assert_eq!(
        finding.text,
        "the request had no X-Stage header (RELEASE environment)"
    );
    let facts = incident.paste.as_ref().unwrap();
    assert_eq!(
        facts.request_id.as_deref(),
        Some("0101abcdef0101abcdef0101abcdef01")
    );
}

#[test]
fn status_changes_notes_times_progress_and_reset() {
    let (catalog, _) = from_paste();
    let row = catalog
        .entries
        .iter()
        .position(|e| e.code() == "APIG.0308")
        .unwrap();
    let mut i = Incident::from_row(1, &catalog, row, "t0");
    assert_eq!(i.progress(), (0, 4));
    i.set_status(0, StepStatus::Done, "t1");
    i.set_status(1, StepStatus::NotApplicable, "t2");
    i.set_status(2, StepStatus::Blocked, "t3");
    i.set_note(3, "customer raised the limit", "t4");
    assert_eq!(i.progress(), (2, 4));
    assert_eq!(i.steps[0].changed.as_deref(), Some("t1"));
    assert_eq!(i.steps[3].changed.as_deref(), Some("t4"));
    i.set_status(0, StepStatus::Done, "t9");
    assert_eq!(
        i.steps[0].changed.as_deref(),
        Some("t1"),
        "no change, no new time"
    );
    i.set_status(99, StepStatus::Done, "t9");
    i.reset();
    assert_eq!(i.progress(), (0, 4));
    assert!(
        i.steps
            .iter()
            .all(|s| s.note.is_empty() && s.changed.is_none())
    );
}

#[test]
fn markdown_export_is_the_ticket_comment() {
    let (_, mut i) = from_paste();
    i.name = "INC-4711".into();
    i.set_status(0, StepStatus::Done, "2026-11-27T06:05:00Z");
    i.set_note(
        0,
        "domain is bound; token=abc123secret",
        "2026-11-27T06:06:00Z",
    );
    i.set_status(1, StepStatus::Skipped, "2026-11-27T06:07:00Z");
    let md = i.markdown(&Catalog::embedded());
    let expected = "\
## INC-4711: APIG.0101 404

- **Error:** APIG.0101 (404 Not Found): The API does not exist or has not been published in the environment.
- **Catalog:** Calling APIs
- **Started:** 2026-11-27T06:00:00Z

### From the customer's response

- **Code:** APIG.0101
- **Status:** 404
- **Message:** The API does not exist or has not been published in the environment.
- **Request id:** 0101abcdef0101abcdef0101abcdef01
- **Method:** GET
- **Host:** shop.example.com
- **Path:** /v1/orders

### What the analysis found

- **Match:** APIG.0101 404 The API does not exist or has not been published in the environment. (Calling APIs), confidence 1.00
  - APIG.0101 has 2 rows in Calling APIs
  - status 404 matches
  - message is 'The API does not exist or has not been published in the environment.'
- **Other variants of this code:** 1 other row of APIG.0101 ranks below it, confidence ≤ 0.45

### Checklist (2/5)

- [x] The domain used in the call is bound to the API's group (or is the group's debugging domain). (done, 2026-11-27T06:06:00Z)
  - Note: domain is bound; token=[redacted]
- [ ] Method and path match the API definition, including the path's match mode (exact or prefix). (skipped, 2026-11-27T06:07:00Z)
- [ ] The API is published in the intended environment (check the API's publication history). (to do)
- [ ] For a non-RELEASE environment, the X-Stage header names that environment. (to do)
  - Paste: the request had no X-Stage header (RELEASE environment)
- [ ] A debugging domain has not hit its daily request limit (1,000 calls a day). (to do)
  - Paste: the host shop.example.com is not a debugging domain

### Open steps

- The API is published in the intended environment (check the API's publication history). (to do)
- For a non-RELEASE environment, the X-Stage header names that environment. (to do)
- A debugging domain has not hit its daily request limit (1,000 calls a day). (to do)
";
    assert_eq!(md, expected);
    assert!(!md.contains("sk-live"));
}

#[test]
fn the_book_opens_finds_and_closes_incidents() {
    let (catalog, _) = from_paste();
    let mut book = IncidentBook::default();
    let a = book.open(|id| Incident::from_row(id, &catalog, 0, "t"));
    let b = book.open(|id| Incident::from_row(id, &catalog, 1, "t"));
    assert_ne!(a, b);
    book.get_mut(b).unwrap().name = "T-1".into();
    book.close(a);
    assert!(book.get(a).is_none());
    assert_eq!(book.get(b).unwrap().name, "T-1");
    let c = book.open(|id| Incident::from_row(id, &catalog, 2, "t"));
    assert!(c > b, "ids are never reused");
}

#[test]
fn open_steps_are_listed_only_once_work_has_started() {
    let (_, mut i) = from_paste();
    let catalog = Catalog::embedded();
    assert!(!i.markdown(&catalog).contains("### Open steps"));
    i.set_status(0, StepStatus::Done, "t1");
    assert!(i.markdown(&catalog).contains("### Open steps"));
}

#[test]
fn an_incident_from_an_aksk_paste_works_the_signing_steps_and_flags_the_clock() {
    let catalog = Catalog::embedded();
    let paste = "> GET /v2/servers HTTP/1.1\n> Host: ecs.example.com\n> X-Sdk-Date: 20261127T060000Z\n> Authorization: SDK-HMAC-SHA256 Access=AKEXAMPLE0000, SignedHeaders=host;x-sdk-date, Signature=00ff\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Fri, 27 Nov 2026 06:40:00 GMT\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: calc aksk signature fail:signature expired\"}";
    let analysis = analyze(paste, &catalog);
    let error = &analysis.errors[0];
    let row = error.matched().unwrap().row;
    let incident = Incident::from_paste(8, &catalog, row, error, "2026-11-27T06:41:00Z");
    assert_eq!(incident.row.code, "APIG.0301");
    assert!(
        incident
            .steps
            .iter()
            .all(|s| !s.step.text.contains("token")),
        "no token step for a signed request"
    );
    let clock = incident
        .steps
        .iter()
        .find(|s| s.step.text.contains("X-Sdk-Date"))
        .expect("the clock step");
    assert!(
        clock.finding.as_ref().is_some_and(|f| f.flagged),
        "40 minutes off"
    );
    let md = incident.markdown(&catalog);
    assert!(
        md.contains("- **Authentication:** signed request (SDK-HMAC-SHA256)"),
        "{md}"
    );

    let from_row = Incident::from_row(9, &catalog, row, "2026-11-27T06:41:00Z");
    assert!(
        from_row.steps.len() > incident.steps.len(),
        "without a paste both ways stay"
    );
}

#[test]
fn the_rows_named_are_kept_with_the_incident_and_read_back_the_same() {
    let (catalog, incident) = from_paste();
    let facts = incident.paste.as_ref().unwrap();
    let verdicts: Vec<&str> = facts.candidates.iter().map(|c| c.verdict.label()).collect();
    assert_eq!(verdicts, ["Match"]);
    assert!(
        facts.candidates.iter().all(|c| c.row.is_none()),
        "no row index: the catalogs change under a stored incident"
    );
    let stored = serde_json::to_string(facts).unwrap();
    let read: PasteFacts = serde_json::from_str(&stored).unwrap();
    assert_eq!(&read, facts, "an incident read back is the same paste");
    let mut back = incident.clone();
    back.paste = Some(read);
    assert_eq!(back.markdown(&catalog), incident.markdown(&catalog));

    let earlier: PasteFacts =
        serde_json::from_str(r#"{"code":"APIG.0101","http_status":404}"#).unwrap();
    assert!(earlier.candidates.is_empty() && earlier.folded.is_none());
    let mut md = String::new();
    earlier.markdown(&mut md);
    assert!(!md.contains("### What the analysis found"), "{md}");
    assert!(
        md.contains("- **Not read from the paste:** message, request id"),
        "{md}"
    );
}

#[test]
fn a_note_of_several_lines_stays_in_its_step_and_makes_no_step_of_its_own() {
    let (_, mut i) = from_paste();
    i.set_note(
        0,
        "domain is bound\n\n- [ ] ask the customer\n  second try at 10:02  ",
        "2026-11-27T06:06:00Z",
    );
    let md = i.markdown(&Catalog::embedded());
    assert!(
        md.contains(
            "  - Note: domain is bound\n    \\- [ ] ask the customer\n    second try at 10:02\n- [ ] Method"
        ),
        "{md}"
    );
    // No line of the note starts a list item or a checkbox of its own.
    assert!(
        !md.lines().any(|l| l.trim_start().starts_with("- [ ] ask")),
        "{md}"
    );
}

/// Notes an engineer may write under a step: each holds a form that takes what follows
/// it (a CSV header, a key waiting for the lines under it, a folded header, a key block).
const NOTES: &[&str] = &[
    "checked sk=abc123def456 and secret,LEAK7004csv",
    "User Name,Secret Access Key",
    "password:",
    "secret: |",
    "private_key: >-",
    "Authorization: Bearer",
    "X-Auth-Token: MIIEhwYJKoZIhvcNAQcCoIIEeDCCBHQCAQExDTALBglghkgBZQMEAgEwggLdBgkqhkiG9w0B",
    "-----BEGIN PRIVATE KEY-----",
    "token='unterminated",
];

/// Every checklist step of every row (the curated steps of `data/steps.toml` and those
/// derived from a solution), exported with no note, then with each note under every
/// step: the step's words come out as the catalog wrote them.
#[test]
fn every_checklist_step_is_exported_as_written_with_and_without_notes() {
    let catalog = Catalog::embedded();
    let mut failures = Vec::new();
    for row in 0..catalog.entries.len() {
        let mut i = Incident::from_row(1, &catalog, row, "2026-12-07T09:50:02Z");
        if i.steps.is_empty() {
            continue;
        }
        let texts: Vec<String> = i.steps.iter().map(|s| s.step.text.clone()).collect();
        for note in std::iter::once("").chain(NOTES.iter().copied()) {
            for step in 0..texts.len() {
                i.set_note(step, note, "2026-12-07T09:51:09Z");
            }
            let md = i.markdown(&catalog);
            for text in &texts {
                if !md.contains(&format!("] {text} (to do")) {
                    failures.push(format!(
                        "{}: note {note:?}: {text:?} lost in\n{md}",
                        i.row.code
                    ));
                }
            }
        }
    }
    let first: Vec<&String> = failures.iter().take(3).collect();
    assert!(failures.is_empty(), "{} lost: {first:#?}", failures.len());
}

/// The tester's case: a note on step 1 of an APIG.0301 incident took step 2's text.
#[test]
fn a_csv_like_note_leaves_the_next_step_as_written() {
    let catalog = Catalog::embedded();
    let row = catalog
        .entries
        .iter()
        .position(|e| e.code() == "APIG.0301")
        .unwrap();
    let mut i = Incident::from_row(1, &catalog, row, "2026-12-07T09:50:02Z");
    let clock = i
        .steps
        .iter()
        .position(|s| s.step.text.starts_with("The client's clock is correct"))
        .unwrap();
    let text = i.steps[clock].step.text.clone();
    i.set_note(
        clock - 1,
        "checked sk=abc123def456 and secret,LEAK7004csv",
        "2026-12-07T09:50:48Z",
    );
    i.set_status(clock, StepStatus::Blocked, "2026-12-07T09:51:09Z");
    let md = i.markdown(&catalog);
    assert!(
        md.contains(&format!("- [ ] {text} (blocked, 2026-12-07T09:51:09Z)")),
        "{md}"
    );
}

/// Two incidents of one name and row (a second one started for the same paste, or two
/// tickets given the same name) are told apart by what differs, and no two titles of a
/// book are the same.
#[test]
fn incidents_that_share_a_title_are_told_apart() {
    let (catalog, pasted) = from_paste();
    let row = catalog
        .entries
        .iter()
        .position(|e| e.code() == pasted.row.code);
    let row = row.expect("the pasted row");
    let mut book = IncidentBook::default();
    let with = |id, request: Option<&str>, at: &str| {
        let mut i = pasted.clone();
        i.id = id;
        i.started = at.to_string();
        if let Some(p) = &mut i.paste {
            p.request_id = request.map(str::to_string);
        }
        i
    };
    book.open(|id| with(id, Some("r-1"), "2026-12-07T10:00:00Z"));
    book.open(|id| with(id, Some("r-2"), "2026-12-07T10:01:00Z"));
    let c = book.open(|id| with(id, Some("r-2"), "2026-12-07T10:05:00Z"));
    let d = book.open(|id| with(id, Some("r-2"), "2026-12-07T10:05:00Z"));
    let e = book.open(|id| Incident::from_row(id, &catalog, row, "2026-12-07T10:00:00Z"));
    book.get_mut(e).unwrap().name = "T-9".into();
    let f = book.open(|id| Incident::from_row(id, &catalog, row, "2026-12-07T11:00:00Z"));
    book.get_mut(f).unwrap().name = "T-9".into();
    let titles = book.titles();
    let code = format!("{} {}", pasted.row.code, pasted.row.http_status);
    assert_eq!(
        titles,
        [
            format!("Incident: {code} (request r-1)"),
            format!("Incident: {code} (opened 2026-12-07T10:01:00Z)"),
            format!("Incident: {code} (id {c})"),
            format!("Incident: {code} (id {d})"),
            format!("T-9: {code} (opened 2026-12-07T10:00:00Z)"),
            format!("T-9: {code} (opened 2026-12-07T11:00:00Z)"),
        ]
    );
    // A title no other incident has is left as it is.
    book.get_mut(f).unwrap().name = "T-10".into();
    assert_eq!(book.titles()[5], format!("T-10: {code}"));
    assert_eq!(book.titles()[4], format!("T-9: {code}"));
}
