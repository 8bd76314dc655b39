//! Facts a paste gives in words, in a test's report or under a label, that a fresh-eyes
//! tester found not read ("Not in the paste: status" beside "HTTP status is 429."): a
//! status in prose of several languages, in brackets after the code, in a failure
//! message or a pytest `where` line, and a response's header lines under a heading. And
//! what a test compared: the expected side never the match, the received one first.

use super::*;

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

/// The only error's code and status.
fn code_and_status(text: &str) -> (Option<String>, Option<u16>) {
    let a = analyzed(text);
    assert_eq!(a.errors.len(), 1, "{text}\n{a:#?}");
    (a.errors[0].code.clone(), a.errors[0].http_status)
}

const THROTTLED: &str = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached: policy user over ratelimit\"}";

#[test]
fn a_status_the_words_give_is_read_in_several_languages_and_layouts() {
    for (text, want) in [
        ("Our client gets APIG.0308 when calling /v1/orders. HTTP status is 429.".to_string(), 429),
        ("APIG.0308 on every call; the status code was 429".to_string(), 429),
        ("Hola, tenemos error 429 al llamar a la API, con código APIG.0308.".to_string(), 429),
        ("Wir bekommen Fehler 429 beim Aufruf, Code APIG.0308".to_string(), 429),
        ("every other call fails with APIG.0308 (429)".to_string(), 429),
        ("接口报错 APIG.0308（429）".to_string(), 429),
        (format!("attempt 1 failed: 429 {THROTTLED}"), 429),
        (format!("retry 2/3 failed: 429 {THROTTLED}"), 429),
        (
            "org.opentest4j.AssertionFailedError: unexpected response: 401 {\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: decrypt token fail\"}\n\tat com.example.OrdersIT.createOrder(OrdersIT.java:42)".to_string(),
            401,
        ),
        (
            ">       assert resp.status_code == 200\nE       assert 502 == 200\nE        +  where 502 = <Response [502]>.status_code\nE       body: {\"error_code\":\"APIG.0202\",\"error_msg\":\"Backend unavailable\"}".to_string(),
            502,
        ),
    ] {
        let (code, status) = code_and_status(&text);
        assert!(code.is_some(), "{text}");
        assert_eq!(status, Some(want), "{text}");
    }
}

#[test]
fn a_count_or_a_number_of_something_else_is_still_no_status() {
    for text in [
        "APIG.0308 429 times since noon",
        "tenemos error APIG.0308 desde hace 429 minutos",
        "attempt 429 failed with APIG.0308",
    ] {
        let (_, status) = code_and_status(text);
        assert_ne!(status, Some(429), "{text}");
    }
}

#[test]
fn header_lines_under_a_heading_are_the_response_s() {
    for text in [
        format!(
            "Response headers:\nStatus: 504 Gateway Timeout\nDate: Tue, 05 Mar 2024 14:03:22 GMT\nX-Request-Id: 40f4a1b2c3d4e5f6a7b8\nBody:\n{}",
            "{\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout\"}"
        ),
        format!(
            "Hi, the call to /v1/orders fails.\nResponse:\nStatus: 504 Gateway Timeout\nX-Request-Id: 40f4a1b2c3d4e5f6a7b8\nDate: Tue, 05 Mar 2024 14:03:22 GMT\n\n{}",
            "{\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout\"}"
        ),
    ] {
        let a = analyzed(&text);
        assert_eq!(a.errors.len(), 1, "{text}\n{a:#?}");
        let e = &a.errors[0];
        assert_eq!(e.http_status, Some(504), "{text}");
        assert_eq!(
            e.request_id.as_deref(),
            Some("40f4a1b2c3d4e5f6a7b8"),
            "{text}"
        );
        assert!(e.evidence.date.is_some(), "{text}\n{e:#?}");
        assert!(e.matched().is_some(), "{text}");
    }
}

#[test]
fn what_a_test_expected_is_never_the_match_and_what_it_received_leads() {
    // pytest: the left side of a comparison is what the test got.
    for text in [
        "E   AssertionError: assert {'error_code': 'APIG.0301'} == {'error_code': 'APIG.0308'}\nE     Differing items:\nE     {'error_code': 'APIG.0301'} != {'error_code': 'APIG.0308'}\n",
        "E     Differing items:\nE     {'error_code': 'APIG.0301'} != {'error_code': 'APIG.0308'}\n",
    ] {
        let a = analyzed(text);
        for e in &a.errors {
            if e.code.as_deref() == Some("APIG.0308") {
                assert!(e.matched().is_none(), "{text}\n{a:#?}");
            }
        }
        assert_eq!(
            a.errors[0].code.as_deref(),
            Some("APIG.0301"),
            "{text}\n{a:#?}"
        );
    }
    // Jest and JUnit: both guesses, the received value first.
    for text in [
        "  ● orders › returns throttled\n\n    expect(received).toEqual(expected)\n\n    Expected: \"APIG.0308\"\n    Received: \"APIG.0301\"\n",
        "org.opentest4j.AssertionFailedError: expected: <APIG.0308> but was: <APIG.0301>\n\tat com.example.OrdersIT.create(OrdersIT.java:42)\n",
    ] {
        let a = analyzed(text);
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{text}\n{a:#?}"
        );
        assert_eq!(
            a.errors[0].code.as_deref(),
            Some("APIG.0301"),
            "{text}\n{a:#?}"
        );
    }
}

#[test]
fn a_copy_of_the_catalog_s_table_is_documentation_and_no_error_found() {
    for text in [
        "| Error Code | Status Code | Error Message | Solution |\n|---|---|---|---|\n| APIG.0301 | 401 | Incorrect IAM authentication information. | Check the token. |\n| APIG.0308 | 429 | The throttling threshold has been reached. | Raise the limit. |\n",
        "APIG.0301    401    Incorrect IAM authentication information.\nAPIG.0308    429    The throttling threshold has been reached.\n",
        "Error Code\tStatus\tMessage\nAPIG.0301\t401\tIncorrect IAM authentication information.\nAPIG.0308\t429\tThe throttling threshold has been reached.\n",
    ] {
        let a = analyzed(text);
        assert!(!a.found_error(), "{text}\n{a:#?}");
        assert!(a.errors.iter().all(|e| e.matched().is_none()), "{text}");
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("looks like documentation")),
            "{text}\n{:#?}",
            a.warnings
        );
    }
    // A customer's list of what the responses said is no copy of the catalog.
    let seen = "| code | status | message |\n|---|---|---|\n| APIG.0308 | 429 | The request is throttled. |\n| APIG.0201 | 502 | upstream down |\n";
    let a = analyzed(seen);
    assert!(a.found_error(), "{seen}\n{a:#?}");
    assert!(
        !a.warnings
            .iter()
            .any(|w| w.contains("looks like documentation"))
    );
}

const ID: &str = "40f4c1e2a9b84d7c9e1f2a3b4c5d6e7f";

/// The only error with `code`, its request id and its time as the answer shows it.
fn id_and_time(text: &str, code: &str) -> (Option<String>, Option<String>) {
    let a = analyzed(text);
    let e = a
        .errors
        .iter()
        .find(|e| e.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("{code} in {text}\n{a:#?}"));
    let time = e
        .seen_at
        .map(|s| format!("{} {}", s.text(), s.zone.label()));
    (e.request_id.clone(), time)
}

#[test]
fn a_request_id_and_a_time_a_sentence_gives_are_read_in_several_languages() {
    for text in [
        format!(
            "Hi, the request id is {ID}, we hit a 403 at 14:03 UTC on 2024-03-05 when calling /v1/orders, error APIG.0302."
        ),
        format!("We got APIG.0302 (403) on 2024-03-05 at 14:03 UTC, request id was {ID}."),
        format!(
            "Seit heute Fehler APIG.0302, die Request-ID lautet {ID}, am 05.03.2024 um 14:03 UTC."
        ),
        format!(
            "Recibimos APIG.0302 a las 14:03 UTC del 2024-03-05; el ID de la solicitud es {ID}."
        ),
        format!("On a eu APIG.0302 le 2024-03-05 à 14h03 UTC, l'ID de la requête est {ID}."),
        format!("2024-03-05 14:03 UTC 调用返回 APIG.0302，请求ID是{ID}"),
        format!(
            "Buenos días,\nal llamar a la API recibimos el código APIG.0302.\nCódigo de estado: 403\nFecha y hora: 2024-03-05 14:03 UTC\nID de la solicitud: {ID}\n"
        ),
    ] {
        let (id, time) = id_and_time(&text, "APIG.0302");
        assert_eq!(id.as_deref(), Some(ID), "{text}");
        assert_eq!(time.as_deref(), Some("2024-03-05 14:03:00 UTC"), "{text}");
    }
    // Words between `request` and a hex run that are no id's link read no id.
    let (id, _) = id_and_time(
        "APIG.0302 for the request that failed 40f4c1e2a9b84d7c9e1f2a3b4c5d6e7f times",
        "APIG.0302",
    );
    assert_eq!(id, None);
}

#[test]
fn a_time_label_of_any_language_dates_the_error_above_it() {
    for label in [
        "Time:",
        "Hora:",
        "Zeit:",
        "Heure :",
        "时间：",
        "Zeitpunkt:",
        "Data e hora:",
        "Fecha y hora:",
        "Date/Time:",
        "**Horodatage :**",
    ] {
        for value in [
            "2024-03-05 14:03:22",
            "05.03.2024 14:03:22",
            "14:03:22 on 2024-03-05",
        ] {
            let text = format!("Error: APIG.0308\n{label} {value}\nRequest ID: {ID}\n");
            let (id, time) = id_and_time(&text, "APIG.0308");
            assert_eq!(id.as_deref(), Some(ID), "{text}");
            assert_eq!(
                time.as_deref(),
                Some("2024-03-05 14:03:22 as written in the log, zone not given"),
                "{text}"
            );
        }
    }
    // A clock without a date invents no time, and the request id after it is still read.
    for label in ["Time:", "Hora:", "Uhrzeit:", "时间："] {
        let text = format!("Error: APIG.0308\n{label} 14:03:22\nRequest ID: {ID}\n");
        assert_eq!(
            id_and_time(&text, "APIG.0308"),
            (Some(ID.to_string()), None),
            "{text}"
        );
    }
}

#[test]
fn a_status_written_beside_its_code_on_a_log_line_is_read() {
    for (text, want) in [
        ("2024-03-05 14:03:22 ERROR 401 APIG.1002 token expired", 401),
        ("[ERROR] 401 APIG.1002 Access token is expired", 401),
        ("14:03:22.123 WARN 429 - APIG.0308 throttled", 429),
        ("Error APIG.0302 403, forbidden for user bob", 403),
        ("Fehler APIG.0308 429; bitte später erneut", 429),
        ("接口报错 APIG.0302 403，请检查权限", 403),
        ("接口报错 403 APIG.0302", 403),
        ("Code d'erreur : APIG.0304\nStatut HTTP : 403", 403),
    ] {
        let (code, status) = code_and_status(text);
        assert!(code.is_some(), "{text}");
        assert_eq!(status, Some(want), "{text}");
    }
    // A count, a port, an attempt or a duration beside the code is no status.
    for text in [
        "port 443 APIG.0201 refused",
        "2024-03-05 14:03:22 ERROR attempt 429 APIG.0308",
        "429 APIG.0308 errors since noon",
        "ERROR took 450 ms APIG.0201",
        "APIG.0308 429, 430 and 431 were the attempts",
    ] {
        let (_, status) = code_and_status(text);
        assert!(
            !matches!(status, Some(429 | 430 | 443 | 450)),
            "{text}: {status:?}"
        );
    }
}

#[test]
fn a_message_quoted_beside_its_code_is_read_and_chooses_the_row_with_it() {
    for text in [
        "Nos devuelve el error APIG.0201 \"Backend timeout\" al llamar a la API.",
        "Wir bekommen APIG.0201 „Backend timeout“ bei jedem Aufruf.",
        "On reçoit l'erreur APIG.0201 « Backend timeout » à chaque appel.",
        "Recebemos o erro APIG.0201: “Backend timeout” ao chamar a API.",
        "调用接口返回 APIG.0201「Backend timeout」",
        "Sale el mensaje \"Backend timeout\" con código APIG.0201.",
    ] {
        let a = analyzed(text);
        assert_eq!(a.errors.len(), 1, "{text}\n{a:#?}");
        let e = &a.errors[0];
        assert_eq!(e.message.as_deref(), Some("Backend timeout"), "{text}");
        let best = e
            .matched()
            .unwrap_or_else(|| panic!("a match for {text}\n{e:#?}"));
        let row = &Catalog::embedded().entries[best.row];
        assert_eq!(row.http_status, 504, "{text}");
    }
    let a = analyzed(
        "Nos devuelve el error APIG.0301 \"Incorrect IAM authentication information\" al llamar",
    );
    assert_eq!(
        a.errors[0].message.as_deref(),
        Some("Incorrect IAM authentication information")
    );
}
