//! A fresh-eyes tester's findings on pastes (round 9): a status said in a sentence of
//! another language, a newer message's request id under a quoted one, pytest's report
//! lines read apart, a message in `「」` running past its bracket, "now it says" after
//! an earlier code, a table's request id column. Each class with inputs of several
//! wordings, languages and layouts.

use super::*;

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

fn codes(a: &Analysis) -> Vec<&str> {
    a.errors.iter().filter_map(|e| e.code.as_deref()).collect()
}

fn reasons(e: &FoundError) -> String {
    e.candidates
        .iter()
        .flat_map(|c| c.reasons.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn a_status_said_in_a_sentence_is_read_and_its_words_are_named() {
    for (text, status, words) in [
        (
            "Hi, since this morning the POST /v1/orders call fails with 502 every time (APIG.0202).",
            502,
            "fails with 502",
        ),
        (
            "Hola, la llamada falla con 504 desde las 10:00, código APIG.0201",
            504,
            "falla con 504",
        ),
        (
            "Hallo, der Aufruf schlägt mit 502 fehl, seit heute Morgen. APIG.0201",
            502,
            "schlägt mit 502 fehl",
        ),
        ("调用接口一直返回502，错误码APIG.0201", 502, "返回502"),
        ("呼叫介面一直回傳401，錯誤碼APIG.0303", 401, "回傳401"),
        (
            "Bonjour, l'API renvoie le code 401 avec APIG.0303 depuis ce matin.",
            401,
            "renvoie le code 401",
        ),
        (
            "we retried and got a 429 back with APIG.0308",
            429,
            "got a 429",
        ),
        (
            "Olá, a chamada falha com 503 desde ontem, código APIG.0613",
            503,
            "falha com 503",
        ),
    ] {
        let a = analyzed(text);
        let e = a.errors.first().unwrap_or_else(|| panic!("{text}\n{a:#?}"));
        assert_eq!(e.http_status, Some(status), "{text}\n{a:#?}");
        let why = reasons(e);
        assert!(why.contains(&format!("'{words}'")), "{text}: {why}");
    }
}

#[test]
fn a_number_that_counts_times_or_ports_is_no_status() {
    for text in [
        "APIG.0201: we sent 502 requests and they took 504 ms each on port 443",
        "APIG.0201 — la carga falla con 504 ms de latencia",
        "APIG.0201: der Job schlägt mit 502 Datensätzen fehl",
        "APIG.0201，回傳200筆資料",
    ] {
        let a = analyzed(text);
        assert!(
            a.errors.iter().all(|e| e.http_status.is_none()),
            "{text}\n{a:#?}"
        );
    }
}

#[test]
fn a_newer_message_s_request_id_is_not_lost_under_a_quoted_one() {
    for (text, old, new) in [
        (
            "Still getting it today, X-Request-Id: 9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f\n\n> HTTP/1.1 403 Forbidden\n> {\"error_code\":\"APIG.0401\",\"error_msg\":\"Unknown client IP address.\",\"request_id\":\"8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e\"}\n",
            "8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e",
            "9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f",
        ),
        (
            "Sigue fallando hoy, request id: 5555eeee5555eeee5555eeee5555eeee\n\nOn Mon, Dec 7, 2026 at 10:00 AM Cliente <c@example.com> wrote:\n> HTTP/1.1 401 Unauthorized\n> {\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail\",\"request_id\":\"6666dddd6666dddd6666dddd6666dddd\"}\n",
            "6666dddd6666dddd6666dddd6666dddd",
            "5555eeee5555eeee5555eeee5555eeee",
        ),
    ] {
        let a = analyzed(text);
        let e = a.errors.first().unwrap_or_else(|| panic!("{text}\n{a:#?}"));
        assert!(
            e.warnings
                .iter()
                .any(|w| w.contains(old) && w.contains(new) && w.contains("quoted earlier")),
            "{text}\n{a:#?}"
        );
    }
    // Today's own response under the quote of yesterday's: today's id is the error's.
    let a = analyzed(
        "Still happening. Today:\nHTTP/1.1 403 Forbidden\n{\"error_code\":\"APIG.0401\",\"error_msg\":\"Unknown client IP address.\",\"request_id\":\"1234abcd1234abcd1234abcd1234abcd\"}\n\nOn Mon, Dec 7, 2026 at 10:00 AM Customer <c@example.com> wrote:\n> HTTP/1.1 403 Forbidden\n> {\"error_code\":\"APIG.0401\",\"error_msg\":\"Unknown client IP address.\",\"request_id\":\"ffff0000ffff0000ffff0000ffff0000\"}\n",
    );
    let ids: Vec<_> = a
        .errors
        .iter()
        .filter_map(|e| e.request_id.as_deref())
        .collect();
    assert_eq!(ids, ["1234abcd1234abcd1234abcd1234abcd"], "{a:#?}");
}

#[test]
fn pytest_s_report_lines_are_read_together_and_its_expected_side_is_never_an_error() {
    for (text, received) in [
        (
            "    def test_signed_call(api):\n        resp = api.get(\"/v1/me\")\n>       assert {\"error_code\": \"APIG.0308\"} == resp.json()\nE       AssertionError: assert {'error_code': 'APIG.0308'} == {'error_code': 'APIG.0303', 'error_msg': 'Incorrect app authentication information: verify signature fail', 'request_id': '68686868686868686868686868686868'}\nE        +  where {'error_code': 'APIG.0303', 'error_msg': 'Incorrect app authentication information: verify signature fail', 'request_id': '68686868686868686868686868686868'} = <Response [401]>.json()\n\ntests/test_me.py:9: AssertionError\n",
            "APIG.0303",
        ),
        (
            ">       assert {\"error_code\": \"APIG.0101\"} == r.json()\nE       AssertionError: assert {'error_code': 'APIG.0101'} == {'error_code': 'APIG.0401', 'error_msg': 'Unknown client IP address.', 'request_id': 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3'}\nE         Differing items:\nE         {'error_code': 'APIG.0101'} != {'error_code': 'APIG.0401'}\nE        +  where {'error_code': 'APIG.0401', 'error_msg': 'Unknown client IP address.', 'request_id': 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3'} = <Response [403]>.json()\n",
            "APIG.0401",
        ),
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), [received], "{text}\n{a:#?}");
        assert_eq!(a.triage.groups.len(), 1, "{text}\n{a:#?}");
    }
    // The status the test received, not the one it expected.
    let a = analyzed(
        "E       assert 502 == 200\nE        +  where 502 = <Response [502]>.status_code\nE        +    where <Response [502]> = <function get at 0x7f>('https://api.example.com/v1/ping')\n",
    );
    assert!(
        a.errors.iter().all(|e| e.http_status != Some(200)),
        "{a:#?}"
    );
}

#[test]
fn a_message_in_corner_brackets_ends_at_its_bracket() {
    for (text, message) in [
        (
            "客戶說呼叫API一直回傳401，錯誤訊息是「Incorrect app authentication information: verify signature fail」，請求ID：tw44tw44tw44tw44tw44tw44tw44tw44",
            "Incorrect app authentication information: verify signature fail",
        ),
        (
            "客戶回報錯誤訊息為『Backend timeout.』，發生在昨天下午，請求ID：0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a",
            "Backend timeout",
        ),
        (
            "提示「The throttling threshold has been reached」，之后就再也调不通了",
            "The throttling threshold has been reached",
        ),
    ] {
        let a = analyzed(text);
        let e = a.errors.first().unwrap_or_else(|| panic!("{text}\n{a:#?}"));
        assert_eq!(e.message.as_deref(), Some(message), "{text}\n{a:#?}");
    }
    // Traditional Chinese labels: the request id and status are read.
    let a = analyzed(
        "客戶說呼叫API一直回傳401，錯誤訊息是「Incorrect app authentication information: verify signature fail」，請求ID：tw44tw44tw44tw44tw44tw44tw44tw44",
    );
    let e = &a.errors[0];
    assert_eq!(
        e.request_id.as_deref(),
        Some("tw44tw44tw44tw44tw44tw44tw44tw44")
    );
    assert_eq!(e.http_status, Some(401));
}

#[test]
fn a_code_said_to_come_now_after_an_earlier_one_is_the_current_error() {
    for (text, now) in [
        (
            "First we had APIG.0301 because of a wrong AK. We fixed the key, now it says APIG.0302.",
            "APIG.0302",
        ),
        (
            "Al principio salía APIG.0308, pero ahora dice APIG.0201 en todas las llamadas.",
            "APIG.0201",
        ),
        (
            "Gestern hatten wir APIG.0303. Jetzt kommt APIG.0401 bei jedem Aufruf.",
            "APIG.0401",
        ),
        (
            "Avant c'était APIG.0303, maintenant on a APIG.0304 sur tous les appels.",
            "APIG.0304",
        ),
        (
            "之前是APIG.0303，改了签名以后现在报APIG.0401了",
            "APIG.0401",
        ),
        (
            "It was APIG.0308 for a week; now it's APIG.0201 on every call.",
            "APIG.0201",
        ),
    ] {
        let a = analyzed(text);
        let current: Vec<&str> = a
            .errors
            .iter()
            .filter(|e| !e.named_in_passing)
            .filter_map(|e| e.code.as_deref())
            .collect();
        assert_eq!(current, [now], "{text}\n{a:#?}");
        // Its rows are not capped as a code only named is.
        let e = a.errors.iter().find(|e| e.code.as_deref() == Some(now));
        let why = e.map(reasons).unwrap_or_default();
        assert!(!why.contains("named inside a sentence"), "{text}: {why}");
    }
}

#[test]
fn an_aligned_table_s_request_id_column_gives_each_row_its_id() {
    for (text, ids) in [
        (
            "time                 code       status  request_id\n2026-12-05 12:00:01  APIG.0303  401     9c9c9c9c9c9c9c9c9c9c9c9c9c9c9c01\n2026-12-05 12:03:15  APIG.0308  429     9c9c9c9c9c9c9c9c9c9c9c9c9c9c9c03\n",
            [
                "9c9c9c9c9c9c9c9c9c9c9c9c9c9c9c01",
                "9c9c9c9c9c9c9c9c9c9c9c9c9c9c9c03",
            ],
        ),
        (
            "timestamp            request_id                        code       http_status\n2026-12-05 12:00:01  aa00aa00aa00aa00aa00aa00aa00aa01  APIG.0303  401\n2026-12-05 12:00:09  aa00aa00aa00aa00aa00aa00aa00aa02  APIG.0308  429\n",
            [
                "aa00aa00aa00aa00aa00aa00aa00aa01",
                "aa00aa00aa00aa00aa00aa00aa00aa02",
            ],
        ),
        (
            "Fecha                Código     Estado  ID de solicitud\n2026-12-05 12:00:01  APIG.0201  504     bb11bb11bb11bb11bb11bb11bb11bb11\n2026-12-05 12:01:30  APIG.0308  429     bb11bb11bb11bb11bb11bb11bb11bb12\n",
            [
                "bb11bb11bb11bb11bb11bb11bb11bb11",
                "bb11bb11bb11bb11bb11bb11bb11bb12",
            ],
        ),
    ] {
        let a = analyzed(text);
        let got: Vec<&str> = a
            .errors
            .iter()
            .filter_map(|e| e.request_id.as_deref())
            .collect();
        assert_eq!(got, ids, "{text}\n{a:#?}");
    }
}
