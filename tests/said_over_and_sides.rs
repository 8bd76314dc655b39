//! What a paste says about an error beside it or around it (found by a fresh-eyes tester,
//! each once a confident match or a lost fact): a fix said after a body or on the next
//! chat line, a table's State column, a reply written below its quote, a documentation
//! list of codes with a question, what a test received against what it expected, and
//! the facts a paste writes in other languages or forms.

mod common {
    pub(crate) mod analyzed;
    pub(crate) mod cli;
}

use common::analyzed::{analyze, codes, errors};

/// Whether any error's best row is the match (confidence 0.5 or more).
fn any_match(json: &serde_json::Value) -> bool {
    errors(json).iter().any(|e| {
        e["candidates"]
            .get(0)
            .and_then(|c| c["confidence"].as_f64())
            .is_some_and(|c| c >= 0.5)
    })
}

const BODY: &str = r#"{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment","request_id":"7f3c2a1b9d8e4f60a1b2c3d4e5f60718"}"#;
const ID: &str = "7c2f1d0e3b8a5f4c9d6e2b1a0f9e8d7c";

#[test]
fn a_fix_said_after_the_body_or_on_the_next_line_is_not_counted() {
    for paste in [
        format!("{BODY} (behoben, seit gestern geht es)\n"),
        format!("{BODY} 这个错误已修复\n"),
        format!("{BODY} → already resolved by the provider\n"),
        format!("[10:02] ana: {BODY}\n[10:05] ben: 0101 gone 👍\n"),
        format!("{BODY}\n^ that one is fixed now\n"),
        format!("{BODY}\n\nEl error ya está resuelto, gracias.\n"),
        format!("{BODY}\nDer Fehler ist seit heute behoben.\n"),
    ] {
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), Vec::<String>::new(), "{paste}\n{text}");
        assert!(text.contains("Not counted: APIG.0101"), "{paste}\n{text}");
    }
    // Still failing, not fixed, a question, or words about something else: the error
    // stays the customer's, with its request id.
    for paste in [
        format!("{BODY}\n^ still failing\n"),
        format!("{BODY} (not fixed yet)\n"),
        format!("{BODY} (sigue sin resolverse)\n"),
        format!("{BODY}\nIs it fixed?\n"),
        format!("{BODY}\nThe deployment is fixed now but this error keeps coming.\n"),
        format!("{BODY}\n[10:07] li: 0101 还没解决\n"),
        format!("{BODY}\nWe fixed APIG.0308 last week, this one is new.\n"),
    ] {
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), ["APIG.0101"], "{paste}\n{text}");
        assert!(any_match(&json), "{paste}\n{text}");
        assert_eq!(
            json["errors"][0]["request_id"], "7f3c2a1b9d8e4f60a1b2c3d4e5f60718",
            "{paste}"
        );
    }
}

#[test]
fn table_rows_whose_state_says_fixed_are_not_counted() {
    for paste in [
        "| Code | Status | Message | State |\n|---|---|---|---|\n| APIG.0308 | 429 | The throttling threshold has been reached | fixed |\n| APIG.0303 | 401 | Incorrect app authentication information | open |\n| APIG.0101 | 404 | The API does not exist | resolved |\n",
        "| Fehler | HTTP | Zustand |\n|---|---|---|\n| APIG.0308 | 429 | erledigt |\n| APIG.0303 | 401 | offen |\n",
        "Code        Status  State\nAPIG.0308   429     closed\nAPIG.0303   401     open\n",
        "| 错误码 | 状态码 | 状态 |\n|---|---|---|\n| APIG.0308 | 429 | 已解决 |\n| APIG.0303 | 401 | 处理中 |\n",
        "| Código | Estado |\n|---|---|\n| APIG.0308 | resuelto |\n| APIG.0303 | pendiente |\n",
    ] {
        let (json, text) = analyze(paste);
        assert_eq!(codes(&json), ["APIG.0303"], "{paste}\n{text}");
        assert!(!any_match(&json), "{paste}\n{text}");
        assert!(text.contains("Not counted: APIG.0"), "{paste}\n{text}");
        assert!(text.contains("table row's state"), "{paste}\n{text}");
    }
    // Rows with times and request ids are errors: the open one is counted, the fixed not.
    let (json, text) = analyze(
        "| Time | Code | Request ID | Status |\n|---|---|---|---|\n| 2026-12-07 10:01:02 | APIG.0308 | 7f3c2a1b9d8e4f60a1b2c3d4e5f60718 | fixed |\n| 2026-12-07 10:05:09 | APIG.0303 | 8a4d3b2c0e9f5071b2c3d4e5f6071829 | open |\n",
    );
    assert_eq!(codes(&json), ["APIG.0303"], "{text}");
    assert_eq!(
        json["errors"][0]["request_id"],
        "8a4d3b2c0e9f5071b2c3d4e5f6071829"
    );
    // Every table row fixed: nothing is current.
    let (json, text) =
        analyze("| 错误码 | 状态 |\n|---|---|\n| APIG.0308 | 已解决 |\n| APIG.0303 | 已解决 |\n");
    assert!(errors(&json).is_empty(), "{text}");
    assert!(text.contains("No current APIG error found"), "{text}");
}

#[test]
fn a_reply_written_below_the_quote_is_the_current_report() {
    let response = format!(
        "HTTP/1.1 401 Unauthorized\nX-Request-Id: {ID}\n\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\",\"request_id\":\"{ID}\"}}\n"
    );
    let old =
        r#"{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached"}"#;
    for quote in [
        format!(
            "On Mon, 3 Jun 2024 at 10:00, Li Wei <li.wei@example.com> wrote:\n> We got this yesterday:\n> {old}\n\n"
        ),
        format!("> {old}\n> Is this still happening?\n\n"),
        format!(
            "Am 03.06.2024 um 10:00 schrieb Support <support@cloud.example>:\n\n> Früher kam {old}\n\n"
        ),
        format!("在 2024年6月3日 09:12，李伟 写道：\n> 之前的报错：\n> {old}\n\n"),
        format!("El lun, 3 jun 2024 a las 10:00, Soporte escribió:\n> {old}\n"),
    ] {
        let paste = format!("{quote}Today it is another one:\n{response}");
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), ["APIG.0303"], "{paste}\n{text}");
        assert_eq!(json["errors"][0]["request_id"], ID, "{paste}");
        assert_eq!(json["errors"][0]["http_status"], 401, "{paste}");
        assert!(any_match(&json), "{paste}\n{text}");
        assert!(text.contains("Not counted: APIG.0308"), "{paste}\n{text}");
    }
    // The new text below reports nothing: the quoted error is the customer's.
    let (json, text) = analyze(&format!(
        "On Mon, 3 Jun 2024, Li Wei wrote:\n> HTTP/1.1 429 Too Many Requests\n>\n> {old}\n\nPlease have a look, it still happens.\n"
    ));
    assert_eq!(codes(&json), ["APIG.0308"], "{text}");
}

#[test]
fn a_documentation_list_of_codes_with_a_question_is_guesses() {
    for paste in [
        "APIG.0301 Incorrect IAM authentication information\nAPIG.0302 The IAM user is not authorized to access the API\nAPIG.0303 Incorrect app authentication information\n\nWhich of these applies to us?\n",
        "From the error code page:\nAPIG.0301\t401\tIncorrect IAM authentication information.\nAPIG.0303\t401\tIncorrect app authentication information.\nWe get 401 on every call — which one is it?\n",
        "文档里的错误码：\nAPIG.0301 Incorrect IAM authentication information\nAPIG.0303 Incorrect app authentication information\n我们属于哪一个？\n",
        "- APIG.0301: Incorrect IAM authentication information.\n- APIG.0303: Incorrect app authentication information.\n¿Cuál de estos nos aplica?\n",
    ] {
        let (json, text) = analyze(paste);
        assert!(codes(&json).len() >= 2, "{paste}\n{text}");
        assert!(!any_match(&json), "{paste}\n{text}");
        assert!(text.contains("Read as guesses"), "{paste}\n{text}");
        assert!(text.contains("documentation"), "{paste}\n{text}");
    }
}

#[test]
fn what_a_test_received_is_read_and_what_it_expected_is_not() {
    let received = format!(
        "{{'error_code': 'APIG.0303', 'error_msg': 'Incorrect app authentication information', 'request_id': '{ID}'}}"
    );
    for paste in [
        format!(
            ">       assert response.json() == {{'error_code': 'APIG.0101'}}\nE       AssertionError: assert {received} == {{'error_code': 'APIG.0101'}}\nE        +  where {received} = <Response [401]>.json()\n"
        ),
        format!("E       AssertionError: assert {received} == {{'status': 'ok'}}\n"),
        format!(
            "    expect(received).toEqual(expected) // deep equality\n\n    Expected: {{\"error_code\": \"APIG.0101\"}}\n    Received: {{\"error_code\": \"APIG.0303\", \"error_msg\": \"Incorrect app authentication information\", \"request_id\": \"{ID}\"}}\n"
        ),
    ] {
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), ["APIG.0303"], "{paste}\n{text}");
        assert_eq!(json["errors"][0]["request_id"], ID, "{paste}\n{text}");
        assert!(any_match(&json), "{paste}\n{text}");
        assert!(
            text.contains("Read from a test's failure report"),
            "{paste}\n{text}"
        );
    }
    // Only pytest's convention makes the left side the received value: the answer says so.
    let (_, text) = analyze(&format!(
        "E       AssertionError: assert {received} == {{'status': 'ok'}}\n"
    ));
    assert!(text.contains("pytest's convention"), "{text}");
    // Jest's diff: the `+` side is what came back.
    let (json, text) = analyze(
        "    expect(received).toEqual(expected) // deep equality\n\n    - Expected  - 1\n    + Received  + 1\n\n      Object {\n    -   \"error_code\": \"APIG.0101\",\n    +   \"error_code\": \"APIG.0303\",\n        \"error_msg\": \"Incorrect app authentication information\",\n      }\n",
    );
    assert_eq!(codes(&json), ["APIG.0303"], "{text}");
    assert!(text.contains("Not counted: APIG.0101"), "{text}");
    // The dict a test expected is no response: at most a guess.
    let (json, text) = analyze(
        "E       AssertionError: assert {'ok': True} == {'error_code': 'APIG.0303', 'error_msg': 'Incorrect app authentication information'}\n",
    );
    assert!(!any_match(&json), "{text}");
}

#[test]
fn facts_written_in_other_languages_and_forms_are_read() {
    let (json, text) = analyze(
        "El servicio devuelve código 429 con {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}\n",
    );
    assert_eq!(json["errors"][0]["http_status"], 429, "{text}");
    let (json, text) = analyze(
        "Zeit: 2026-12-07 14:03:22\nFehler: APIG.0308 The throttling threshold has been reached\n",
    );
    assert_eq!(
        json["errors"][0]["seen_at"], "2026-12-07T14:03:22",
        "{text}"
    );
    let (json, text) = analyze(
        "Fecha: 2026-12-07 14:03:22 -0500\nError: APIG.0308 The throttling threshold has been reached\n",
    );
    assert_eq!(
        json["errors"][0]["seen_at"], "2026-12-07T19:03:22Z",
        "{text}"
    );
    let (json, text) = analyze(
        "Heure: 2026-12-07T14:03:22.123456+0100\nAPIG.0308 The throttling threshold has been reached\nrequest id 7f3c2a1b9d8e4f60a1b2c3d4e5f60718\n",
    );
    assert_eq!(
        json["errors"][0]["seen_at"], "2026-12-07T13:03:22.123456Z",
        "{text}"
    );
    assert_eq!(
        json["errors"][0]["request_id"], "7f3c2a1b9d8e4f60a1b2c3d4e5f60718",
        "{text}"
    );
    assert!(
        text.contains("Logged at: 2026-12-07 13:03:22.123456 (UTC)"),
        "{text}"
    );
}

/// A forwarded message is the e-mail's history too (Gmail's, Apple Mail's and
/// Thunderbird's rules), and a new message on top that says the error is resolved, in any
/// of the languages the analysis reads, makes the forwarded error a guess; one that says
/// it is still not resolved keeps it the match.
#[test]
fn a_forwarded_error_under_a_message_saying_it_is_resolved_is_a_guess() {
    let body = "{\"error_code\":\"APIG.0304\",\"error_msg\":\"The app is not authorized to access the API.\",\"request_id\":\"4c4c5d5d6e6e7f7f8a8a9b9b0c0c1d1d\"}";
    for rule in [
        "---------- Forwarded message ---------\nFrom: Ops <ops@example.com>\nSubject: 403",
        "Begin forwarded message:\n\nFrom: Ops <ops@example.com>",
        "-------- Weitergeleitete Nachricht --------\nBetreff: 403",
        "-----Original Message-----\nFrom: Ops\nSent: Monday\nSubject: 403",
    ] {
        for top in [
            "Hello, this is fixed now, thank you.",
            "Hallo, das ist inzwischen behoben.",
            "Hola: ya funciona, gracias.",
            "你好，已经好了，谢谢。",
        ] {
            let paste = format!("{top}\n\n{rule}\n\n{body}\n");
            let (json, text) = analyze(&paste);
            assert_eq!(codes(&json), ["APIG.0304"], "{paste}\n{text}");
            assert!(
                !any_match(&json),
                "a guess, not the match:\n{paste}\n{text}"
            );
            assert!(text.contains("may be over"), "{text}");
        }
        let still = format!("Hello, this is still not resolved.\n\n{rule}\n\n{body}\n");
        let (json, text) = analyze(&still);
        assert!(
            any_match(&json),
            "still not resolved keeps it:\n{still}\n{text}"
        );
    }
}
