//! What a ticket's sentences say about history, each once a confident wrong answer a
//! fresh-eyes tester found: an earlier error's request id given to today's response, an
//! older code counted beside the one "now" said, only one request id of a code seen
//! twice, a message quoted from the docs taken for the response's, what a test expected
//! taken for what it received, and codes written with a slip as sure as exact ones.

mod common {
    pub(crate) mod analyzed;
    pub(crate) mod cli;
}

use common::analyzed::{analyze, codes, errors};

/// The best row's confidence of the first error.
fn best(json: &serde_json::Value) -> f64 {
    errors(json)
        .first()
        .and_then(|e| e["candidates"].get(0))
        .and_then(|c| c["confidence"].as_f64())
        .unwrap_or(0.0)
}

#[test]
fn an_earlier_error_s_request_id_is_not_given_to_today_s_response() {
    let new_id = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    let old_id = "ffeeddccbbaa99887766554433221100";
    let response = format!(
        "HTTP/1.1 401 Unauthorized\nServer: api-gateway\nX-Request-Id: {new_id}\n\n{{\"error_code\":\"APIG.0307\",\"error_msg\":\"The token must be updated.\"}}\n"
    );
    for intro in [
        format!(
            "Two weeks ago we had APIG.0401 (request id: {old_id}), solved since.\nThis morning:\n"
        ),
        format!("Letzten Monat: APIG.0308, request id {old_id} - erledigt.\nHeute kommt das:\n"),
        format!("La semana pasada nos salió APIG.0202 con request_id={old_id}.\nAhora esto:\n"),
        format!("上个月遇到过 APIG.0201（请求ID：{old_id}），已经解决了。\n今天：\n"),
    ] {
        let paste = format!("{intro}{response}");
        let (json, text) = analyze(&paste);
        assert_eq!(codes(&json), ["APIG.0307"], "{paste}\n{text}");
        let e = &errors(&json)[0];
        assert_eq!(e["request_id"], new_id, "{paste}\n{text}");
        assert!(!text.contains(&format!("Request id: {old_id}")), "{text}");
    }
}

#[test]
fn a_response_header_s_id_is_shown_before_one_a_sentence_names_and_both_are_said() {
    let paste = "Our own trace says request 11112222333344445555666677778888 failed.\n\
                 HTTP/1.1 429 Too Many Requests\n\
                 X-Request-Id: 99990000aaaabbbbccccddddeeeeffff\n\n\
                 {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n";
    let (json, text) = analyze(paste);
    let e = &errors(&json)[0];
    assert_eq!(
        e["request_id"], "99990000aaaabbbbccccddddeeeeffff",
        "{text}"
    );
    assert!(
        text.contains("11112222333344445555666677778888") && text.contains("two request ids"),
        "{text}"
    );
}

#[test]
fn an_older_code_before_one_said_now_is_history() {
    for paste in [
        "Initially the gateway answered APIG.0303. Now it answers APIG.0304 instead.",
        "Hello,\nyesterday every call got APIG.0401.\nNow they all get APIG.0402.\nRegards",
        "Zuerst gab es APIG.0301; jetzt bekommen wir APIG.0302.",
        "Au début le serveur renvoyait APIG.0201.\nMaintenant il renvoie APIG.0308.",
        "昨天报 APIG.0303。\n现在报 APIG.0304。",
    ] {
        let (json, text) = analyze(paste);
        let found = codes(&json);
        assert_eq!(found.len(), 1, "{paste}\n{text}");
        let later = paste
            .rfind("APIG.")
            .and_then(|i| paste.get(i..i + 9))
            .unwrap_or_default();
        assert_eq!(found[0], later, "{paste}\n{text}");
        assert!(text.contains("Not counted"), "{paste}\n{text}");
    }
}

#[test]
fn both_codes_stay_current_when_the_paste_says_so() {
    for paste in [
        "We still get APIG.0308 on orders. Now payments also fail with APIG.0201.",
        "APIG.0301 kommt weiterhin, jetzt auch APIG.0302.",
        "APIG.0308 before the deploy, and now APIG.0308 again.",
    ] {
        let (json, text) = analyze(paste);
        let mut found = codes(&json);
        let mut written: Vec<String> = paste
            .match_indices("APIG.")
            .filter_map(|(i, _)| paste.get(i..i + 9).map(str::to_string))
            .collect();
        found.sort();
        found.dedup();
        written.sort();
        written.dedup();
        assert_eq!(found, written, "{paste}\n{text}");
    }
}

#[test]
fn a_code_seen_again_today_with_its_own_request_id_keeps_today_s_id() {
    for paste in [
        "Monday: APIG.0303, request id 1a1a1a1a2b2b2b2b3c3c3c3c4d4d4d4d.\nToday again APIG.0303, request id 5e5e5e5e6f6f6f6f7a7a7a7a8b8b8b8b.",
        "Gestern: APIG.0303 (Request-ID 1a1a1a1a2b2b2b2b3c3c3c3c4d4d4d4d)\nHeute wieder APIG.0303, Request-ID 5e5e5e5e6f6f6f6f7a7a7a7a8b8b8b8b",
        "Ayer: APIG.0303 con request id 1a1a1a1a2b2b2b2b3c3c3c3c4d4d4d4d\nHoy otra vez APIG.0303, request id 5e5e5e5e6f6f6f6f7a7a7a7a8b8b8b8b",
    ] {
        let (json, text) = analyze(paste);
        assert_eq!(
            codes(&json).first().map(String::as_str),
            Some("APIG.0303"),
            "{text}"
        );
        let ids = &json["triage"]["groups"][0]["request_ids"];
        assert!(
            ids.as_array()
                .is_some_and(|a| a.iter().any(|x| x == "5e5e5e5e6f6f6f6f7a7a7a7a8b8b8b8b")),
            "{paste}\n{text}"
        );
    }
}

#[test]
fn a_message_quoted_from_the_docs_or_denied_is_no_match() {
    for paste in [
        "Your documentation says 'Incorrect IAM authentication information.' means a wrong AK/SK. That is not our error, we sign with an app.",
        "The guide says \"The app is not authorized to access the API.\" is returned when the app lacks a grant.",
        "文档里写「The token must be updated.」表示 token 过期，我们不是这个错误。",
        "Laut Doku bedeutet „Unknown client IP address.“ eine fehlende Whitelist.",
    ] {
        let (json, text) = analyze(paste);
        assert!(best(&json) < 0.5, "{paste}\n{text}");
    }
    // A message the customer got, quoted, is still the match.
    let (json, text) = analyze("Since 9:00 every call returns \"The token must be updated.\"");
    assert!(best(&json) >= 0.5, "{text}");
}

#[test]
fn what_a_test_expected_is_not_the_response_s_status_or_code() {
    let (_, text) = analyze(
        "FAIL  tests/orders.spec.ts\n  ● orders › answers 404 when the order is missing\n\n    Expected: 404\n    Received: 502\n",
    );
    assert!(text.contains("502"), "{text}");
    assert!(!text.contains("(404"), "{text}");
    let (json, text) = analyze(
        "E       AssertionError: assert 'APIG.0303' == 'APIG.0101'\nE         - APIG.0101\nE         + APIG.0303\n",
    );
    assert_eq!(codes(&json), ["APIG.0303"], "{text}");
    assert!(best(&json) < 0.5, "{text}");
}

#[test]
fn a_code_written_with_a_slip_is_less_sure_and_said() {
    let (exact, _) = analyze("every call returns APIG.0304");
    for paste in [
        "every call returns APIG.O3O4",
        "every call returns APIG.03O4",
        "every call returns APIG 0304",
        "every call returns APIG-0304",
        "every call returns APIG0304",
    ] {
        let (json, text) = analyze(paste);
        assert_eq!(codes(&json), ["APIG.0304"], "{paste}\n{text}");
        assert!(best(&json) < best(&exact), "{paste}\n{text}");
        assert!(text.contains("no APIG code as written"), "{paste}\n{text}");
    }
    // A slipped code whose status is none of its rows': a guess.
    let (json, text) = analyze("gateway answered APIG.03O4 with HTTP 429");
    assert!(best(&json) < 0.5, "{text}");
}

#[test]
fn a_code_the_response_body_says_is_reported_with_the_sentence_s_status() {
    for (paste, status) in [
        (
            "Every request ends with 504 and the response body says APIG.0201.",
            504,
        ),
        (
            "Die Anfrage scheitert mit 502, die Antwort zeigt APIG.0201.",
            502,
        ),
        ("A chamada falha com 504 e o corpo diz APIG.0201.", 504),
    ] {
        let (json, text) = analyze(paste);
        assert_eq!(codes(&json), ["APIG.0201"], "{paste}\n{text}");
        assert_eq!(errors(&json)[0]["http_status"], status, "{paste}\n{text}");
    }
}

#[test]
fn an_older_body_under_a_chat_label_that_says_earlier_is_history() {
    let paste = "[14:20] Lea: vorige Woche: {\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout.\",\"request_id\":\"abab0000abab0000abab0000abab0000\"}\n\
                 [14:21] Lea: jetzt:\n\
                 [14:21] Lea: {\"error_code\":\"APIG.0304\",\"error_msg\":\"The app is not authorized to access the API.\"}\n";
    let (json, text) = analyze(paste);
    assert_eq!(codes(&json), ["APIG.0304"], "{text}");
}

#[test]
fn a_request_id_named_in_japanese_or_chinese_after_a_quoted_message_is_read() {
    let id = "5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
    for paste in [
        format!("「The token must be updated.」と表示されました。リクエストID：{id}"),
        format!("畫面顯示「Unknown client IP address.」，請求編號：{id}"),
        format!("返回『The token must be updated.』，request id 是{id}"),
    ] {
        let (json, text) = analyze(&paste);
        let e = errors(&json).first().cloned().unwrap_or_default();
        assert_eq!(e["request_id"], id, "{paste}\n{text}");
    }
}

/// The request id of each error, in order.
fn request_ids(json: &serde_json::Value) -> Vec<String> {
    errors(json)
        .iter()
        .map(|e| e["request_id"].as_str().unwrap_or("none").to_string())
        .collect()
}

#[test]
fn an_id_keyed_with_a_colon_inside_a_sentence_is_not_the_response_s() {
    // The key and colon inside a line of words, in several languages: the id is the
    // sentence's (maybe an earlier error's); today's response names its own in its header.
    let today = "0f1e2d3c4b5a69780f1e2d3c4b5a6978";
    let response = format!(
        "HTTP/1.1 401 Unauthorized\nX-Request-Id: {today}\n\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information.\"}}\n"
    );
    for sentence in [
        "Last Tuesday the call gave APIG.0303 too, request id: 99aa88bb77cc66dd99aa88bb77cc66dd. This is the one from today:",
        "Ayer salió APIG.0303 con request_id: 99aa88bb77cc66dd99aa88bb77cc66dd; hoy sale esto:",
        "上周也出现过 APIG.0303，request id：99aa88bb77cc66dd99aa88bb77cc66dd，今天的如下：",
    ] {
        let (json, text) = analyze(&format!("{sentence}\n\n{response}"));
        let ids = request_ids(&json);
        assert_eq!(
            ids.first().map(String::as_str),
            Some(today),
            "{sentence}\n{text}"
        );
        assert!(!ids.iter().any(|id| id.ends_with('.')), "{ids:?}");
    }
}

#[test]
fn a_key_whose_colon_ends_its_line_takes_no_word_of_the_next() {
    let paste = "Seit heute wieder, die neue Request-ID:\n\nHTTP/1.1 429 Too Many Requests\nX-Request-Id: 5566778899aabbcc5566778899aabbcc\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n";
    let (json, text) = analyze(paste);
    assert_eq!(
        request_ids(&json).first().map(String::as_str),
        Some("5566778899aabbcc5566778899aabbcc"),
        "{text}"
    );
    assert!(!text.contains("HTTP (request"), "{text}");
}

#[test]
fn a_labelled_id_at_its_line_s_start_is_still_read() {
    let paste = "Request ID: 1a2b3c4d5e6f70811a2b3c4d5e6f7081\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n";
    let (json, text) = analyze(paste);
    assert_eq!(
        request_ids(&json).first().map(String::as_str),
        Some("1a2b3c4d5e6f70811a2b3c4d5e6f7081"),
        "{text}"
    );
}
