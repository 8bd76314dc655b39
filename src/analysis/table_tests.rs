//! A customer's own table of errors (a Markdown table of their report, a plain table
//! aligned with spaces, a spreadsheet's columns): each row's status is read from its
//! status column, named in any of the words and languages tables use, or known by its
//! form. A column of counts is never a status, and a pasted copy of the catalog's table is
//! still said to be documentation. (Found by a tester: the status column was not read.)

use super::*;

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

/// The status of the error with `code`.
fn status_of(text: &str, code: &str) -> Option<u16> {
    let a = analyzed(text);
    a.errors
        .iter()
        .find(|e| e.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{code} in {text}\n{a:#?}"))
        .http_status
}

#[test]
fn a_status_column_is_read_by_its_header_in_several_wordings_and_languages() {
    for text in [
        "| Error Code | HTTP Status Code | Description | Count |\n|---|---|---|---|\n| APIG.0302 | 403 | Forbidden by IAM policy for user bob | 12 |\n",
        "| Fehlercode | Statuscode | Meldung |\n|---|---|---|\n| APIG.0302 | 403 | Zugriff verweigert |\n",
        "| Código | Estado HTTP | Mensaje |\n|---|---|---|\n| APIG.0302 | 403 | acceso denegado |\n",
        "| Code d'erreur | Statut | Message |\n|---|---|---|\n| APIG.0302 | 403 | accès refusé |\n",
        "| 错误码 | HTTP状态 | 说明 |\n|---|---|---|\n| APIG.0302 | 403 | 无权限 |\n",
        "| Date | Time | Code | Response code |\n|---|---|---|---|\n| 2024-03-05 | 14:03:22 | APIG.0302 | 403 |\n",
    ] {
        assert_eq!(status_of(text, "APIG.0302"), Some(403), "{text}");
    }
}

#[test]
fn a_space_aligned_table_s_status_column_is_read_with_or_without_a_header() {
    for text in [
        "Code        Status  Message\nAPIG.0302   403     forbidden for user bob\nAPIG.0308   429     throttled, retry later\n",
        "From our gateway report:\nAPIG.0302   403   forbidden for user bob\n",
        "time                 code       status  message\n2024-03-05 14:03:22  APIG.0302  403     forbidden\n",
        "APIG.0302\t403\tforbidden for user bob\n",
    ] {
        assert_eq!(status_of(text, "APIG.0302"), Some(403), "{text}");
    }
    let text = "Code        Status  Message\nAPIG.0302   403     forbidden for user bob\nAPIG.0308   429     throttled, retry later\n";
    assert_eq!(status_of(text, "APIG.0308"), Some(429), "{text}");
    // The time column of an aligned table dates its row.
    let a = analyzed(
        "time                 code       status  message\n2024-03-05 14:03:22  APIG.0302  403     forbidden\n",
    );
    assert_eq!(
        a.errors[0].seen_at.map(|s| s.text()).as_deref(),
        Some("2024-03-05 14:03:22")
    );
}

#[test]
fn a_column_of_counts_or_a_log_s_line_is_no_status_column() {
    for text in [
        "| Code | Count | Message |\n|---|---|---|\n| APIG.0308 | 429 | throttled a lot |\n",
        "| Code | Anzahl | Meldung |\n|---|---|---|\n| APIG.0308 | 429 | zu viele Anfragen |\n",
        "Code        Times   Note\nAPIG.0308   429     since noon\n",
    ] {
        assert_ne!(status_of(text, "APIG.0308"), Some(429), "{text}");
    }
    // Without a header, a number no server sends is a count, not a status.
    let counts = "Top errors this week:\nAPIG.0308    1204\nAPIG.0201     512\nAPIG.0301      77\n";
    assert_ne!(status_of(counts, "APIG.0201"), Some(512), "{counts}");
    // A log line with runs of spaces is read as the log line it is.
    let log = "2024-03-05 14:03:22  ERROR  APIG.0308  status=429 request_id=5e1d2c3b4a5f6071\n";
    assert_eq!(status_of(log, "APIG.0308"), Some(429));
}

#[test]
fn a_copy_of_the_catalog_s_table_in_any_layout_is_still_documentation() {
    for text in [
        "| Error Code | HTTP Status Code | Error Message |\n|---|---|---|\n| APIG.0301 | 401 | Incorrect IAM authentication information. |\n| APIG.0308 | 429 | The throttling threshold has been reached. |\n",
        "Code        Status  Message\nAPIG.0301   401     Incorrect IAM authentication information.\nAPIG.0308   429     The throttling threshold has been reached.\n",
        "APIG.0301  401  Incorrect IAM authentication information.\nAPIG.0308  429  The throttling threshold has been reached.\n",
        "- 401 APIG.0301: Incorrect IAM authentication information.\n- 429 APIG.0308: The throttling threshold has been reached.\n",
    ] {
        let a = analyzed(text);
        assert!(a.documentation, "{text}\n{a:#?}");
        assert!(!a.found_error(), "{text}");
        assert!(a.errors.iter().all(|e| e.matched().is_none()), "{text}");
    }
}
