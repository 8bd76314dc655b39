//! A verb that cannot be done says why in the status, instead of doing nothing
//! silently: what the engineer sees when a click meets a state that changed under it.

use super::*;

fn session() -> Session {
    Session::new(SavedState::default(), Embedded::build())
}

fn said(outcome: Outcome) -> String {
    assert_eq!(outcome.copy, None, "nothing copied");
    outcome.status.expect("a status says why nothing was done")
}

#[test]
fn a_verb_on_an_incident_that_is_gone_says_so() {
    let mut s = session();
    let gone = 42;
    for action in [
        CaseAction::RenameIncident(gone, "TICKET-1".into()),
        CaseAction::CopyIncidentMarkdown(gone),
        CaseAction::ResetIncident(gone),
        CaseAction::CloseIncident(gone),
    ] {
        let text = said(s.apply(action.clone()));
        assert!(text.contains("Incident 42"), "{action:?}: {text}");
    }
    let text = said(s.apply(CaseAction::RestoreIncident(gone)));
    assert!(text.contains("Archive"), "{text}");
    let text = said(s.apply(CaseAction::SetStepNote {
        id: gone,
        step: 0,
        note: "checked".into(),
    }));
    assert!(text.contains("Step 1 of incident 42"), "{text}");
    assert!(s.incidents().book().incidents.is_empty());
}

#[test]
fn a_step_that_is_not_in_the_incident_says_so_and_changes_nothing() {
    let mut s = session();
    s.apply(CaseAction::OpenIncident {
        row: 0,
        from_paste: false,
    });
    let incident = s.incidents().active().expect("opened").clone();
    let beyond = incident.steps.len();
    let text = said(s.apply(CaseAction::SetStepStatus {
        id: incident.id,
        step: beyond,
        status: crate::incident::StepStatus::Done,
    }));
    assert!(text.contains("no longer there"), "{text}");
    assert_eq!(s.incidents().active(), Some(&incident));
}

#[test]
fn nothing_to_copy_or_answer_says_so() {
    let mut s = session();
    assert!(said(s.apply(PasteAction::CopyTriageCsv)).contains("No analyzed paste"));
    assert!(said(s.apply(PasteAction::ShowGroup(3))).contains("group"));
    assert!(said(s.apply(PasteAction::ShowError(1))).contains("not in the paste"));
    assert!(said(s.apply(PasteAction::AnalyzeClipboard)).contains("offer is gone"));
    assert!(
        said(s.apply(CaseAction::AnswerDuplicate(DuplicateAnswer::StartAnother)))
            .contains("already answered")
    );
    assert!(said(s.apply(CaseAction::ReopenHistory(0))).contains("history"));
    let rows = s.catalog().entries.len();
    assert!(said(s.apply(ExplorerAction::CopyEntryMarkdown(rows))).contains("not in the catalogs"));
    assert!(
        said(s.apply(CaseAction::OpenIncident {
            row: rows,
            from_paste: false
        }))
        .contains("not in the catalogs")
    );
    assert!(
        s.incidents().book().incidents.is_empty(),
        "no incident for a row that is not there"
    );
}

#[test]
fn a_catalog_file_added_twice_or_removed_unknown_says_so() {
    let mut s = session();
    let path = std::path::PathBuf::from("/nonexistent/vpc.rst");
    assert_eq!(
        s.apply(CatalogAction::AddCatalog(path.clone())),
        Outcome::default()
    );
    assert!(said(s.apply(CatalogAction::AddCatalog(path.clone()))).contains("already loaded"));
    assert_eq!(
        s.library().catalogs().paths,
        vec![path.clone()],
        "listed once"
    );
    assert_eq!(
        s.apply(CatalogAction::RemoveCatalog(path.clone())),
        Outcome::default()
    );
    assert!(said(s.apply(CatalogAction::RemoveCatalog(path))).contains("was not loaded"));
}

#[test]
fn with_the_offer_turned_off_the_clipboard_is_not_offered() {
    let mut s = session();
    let error = "{\"error_code\":\"APIG.0308\"}".to_string();
    s.apply(SettingsAction::SetPreferences(Preferences {
        offer_clipboard: false,
        ..Preferences::default()
    }));
    s.apply(WindowEvent::ClipboardSeen(error.clone()));
    assert!(s.desk().clipboard_offer().is_none());
    s.apply(SettingsAction::SetPreferences(Preferences::default()));
    s.apply(WindowEvent::ClipboardSeen(error));
    assert!(
        s.desk().clipboard_offer().is_some(),
        "offered once turned on"
    );
}
