//! Codes a paste writes that are not the customer's current error (found by a fresh-eyes
//! tester, each once counted as an error with the facts of the response beside it):
//! quoted e-mail history, a reference to an earlier ticket, source code, a code said to
//! be gone, documentation and runbooks. Each kind in several wordings, English and
//! Chinese; and the forms that do report an error, which must stay errors.

use super::*;

const ID: &str = "7c2f1d0e3b8a5f4c9d6e2b1a0f9e8d7c";

/// A current response: 401, a `Date`, a request id and APIG.0303.
fn response() -> String {
    format!(
        "HTTP/1.1 401 Unauthorized\nServer: api-gateway\nDate: Wed, 05 Jun 2024 17:30:00 GMT\nX-Request-Id: {ID}\n\n{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\",\"request_id\":\"{ID}\"}}\n"
    )
}

const OLD_BODY: &str =
    "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}";

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

fn codes(a: &Analysis) -> Vec<Option<&str>> {
    a.errors.iter().map(|e| e.code.as_deref()).collect()
}

fn said(a: &Analysis, words: &str) -> bool {
    a.warnings.iter().any(|w| w.contains(words))
}

/// The paste's only error is the current response's APIG.0303, with its own facts, and
/// `code` is said not to be counted.
fn only_the_response(text: &str, code: &str) {
    let a = analyzed(text);
    assert_eq!(codes(&a), [Some("APIG.0303")], "{text}\n{a:#?}");
    let e = &a.errors[0];
    assert_eq!(e.http_status, Some(401), "{text}");
    assert_eq!(e.request_id.as_deref(), Some(ID), "{text}");
    assert!(e.matched().is_some(), "{text}");
    assert!(
        said(&a, &format!("Not counted: {code}")),
        "{text}\n{:#?}",
        a.warnings
    );
}

#[test]
fn an_old_body_in_quoted_e_mail_history_is_not_the_current_error() {
    let response = response();
    for history in [
        format!(
            "On Mon, 3 Jun 2024, Li Wei <li.wei@example.com> wrote:\n> Earlier we had this:\n> {OLD_BODY}\n"
        ),
        format!(
            "-----Original Message-----\nFrom: Li Wei\nSent: Monday, June 3, 2024 09:12\nSubject: API errors\n\nWe got {OLD_BODY}\n"
        ),
        format!(
            "From: Li Wei <li.wei@example.com>\nSent: Monday, June 3, 2024 09:12\nTo: Support\nSubject: API errors\n\n{OLD_BODY}\n"
        ),
        format!("> {OLD_BODY}\n> HTTP/1.1 429 Too Many Requests\n"),
        format!("在 2024年6月3日 09:12，李伟 写道：\n> 之前的报错：\n> {OLD_BODY}\n"),
        format!("发件人: 李伟\n发送时间: 2024年6月3日 9:12\n主题: 接口报错\n\n{OLD_BODY}\n"),
        // Attribution lines of other languages, the writer's name after the verb.
        format!(
            "Am 03.06.2024 um 10:00 schrieb Support <support@cloud.example>:\n> Der Fehler {OLD_BODY} sollte jetzt behoben sein.\n"
        ),
        format!("El lun, 3 jun 2024 a las 10:00, Soporte escribió:\n> {OLD_BODY}\n"),
        format!("Le lun. 3 juin 2024 à 10:00, Support a écrit :\n> {OLD_BODY}\n"),
    ] {
        only_the_response(
            &format!("Hi, now we get this:\n{response}\n{history}"),
            "APIG.0308",
        );
    }
}

#[test]
fn a_thread_whose_top_reports_nothing_is_read_from_its_history() {
    let a = analyzed(&format!(
        "Please see the customer's mail below.\n\nOn Mon, 3 Jun 2024, Li Wei <li.wei@example.com> wrote:\n> HTTP/1.1 429 Too Many Requests\n> X-Request-Id: {ID}\n>\n> {OLD_BODY}\n"
    ));
    assert_eq!(codes(&a), [Some("APIG.0308")]);
    assert_eq!(a.errors[0].http_status, Some(429));
    assert!(said(&a, "quoted history"), "{:#?}", a.warnings);
    // The top says it is over: the history's error is not the customer's now.
    let over = analyzed(&format!(
        "The APIG.0308 errors are gone, everything returns 200 now.\n\nOn Mon, 3 Jun 2024, Li Wei wrote:\n> HTTP/1.1 429 Too Many Requests\n>\n> {OLD_BODY}\n"
    ));
    assert!(over.errors.is_empty(), "{over:#?}");
    assert!(!over.found_error());
    // The top names another status and no code: the quoted error is a guess at most.
    for top in [
        "Hi, after your backend fix we now get 502 instead of the timeout, no body is returned at all.",
        "Since the change every call ends in a 403, no JSON body.",
    ] {
        let a = analyzed(&format!(
            "{top}\n\nOn Wed, Jun 5, 2024 at 1:00 PM Support wrote:\n> HTTP/1.1 429 Too Many Requests\n>\n> {OLD_BODY}\n"
        ));
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{top}\n{a:#?}"
        );
        assert!(
            said(&a, "Unsure: the new message names HTTP"),
            "{top}\n{:#?}",
            a.warnings
        );
    }
}

/// The top says in words the status the forwarded or quoted response shows: it tells
/// what the history holds, it is no error of its own (it had hidden the history's
/// error, leaving "no code (403)" from the top's prose).
#[test]
fn a_status_the_top_says_in_words_is_the_quoted_error_s() {
    let body = format!(
        "{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\",\"request_id\":\"{ID}\"}}"
    );
    for top in [
        "Hi team, forwarding from the customer. Note the old 504 is resolved; they now see a 401.",
        "FYI the customer's calls now return HTTP 401, see below.",
        "客户现在返回401错误，见下面的邮件。",
    ] {
        for history in [
            format!(
                "---------- Forwarded message ---------\nFrom: Li Wei <li@shop.example>\nSubject: API broken\n\nWe get:\n  status: 401\n  body: {body}\n"
            ),
            format!(
                "On Mon, 3 Jun 2024, Li Wei <li@shop.example> wrote:\n> HTTP/1.1 401 Unauthorized\n>\n> {body}\n"
            ),
        ] {
            let a = analyzed(&format!("{top}\n\n{history}"));
            assert_eq!(codes(&a), [Some("APIG.0303")], "{top}\n{a:#?}");
            assert_eq!(a.errors[0].http_status, Some(401));
            assert_eq!(a.errors[0].request_id.as_deref(), Some(ID));
            assert!(a.errors[0].matched().is_some(), "{top}\n{a:#?}");
        }
    }
    // Another status on top: the quoted 401 is at most a guess.
    let a = analyzed(&format!(
        "Since this morning the calls return HTTP 503.\n\nOn Mon, 3 Jun 2024, Li Wei wrote:\n> HTTP/1.1 401 Unauthorized\n>\n> {body}\n"
    ));
    assert!(a.errors.iter().all(|e| e.matched().is_none()), "{a:#?}");
}

/// The message on top reports no error and says the quoted one is over: by its status
/// ("the 401 is gone") it is not counted; by saying the calls work again it is a guess.
#[test]
fn a_top_that_says_the_quoted_error_is_over_or_all_works_again() {
    let quoted = format!(
        "On Mon, Dec 2, 2024 at 9:10 AM, Li Wei wrote:\n> HTTP/1.1 401 Unauthorized\n> X-Request-Id: {ID}\n> {{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\"}}\n"
    );
    for top in [
        "Update: the 401 is gone after we refreshed the token, thanks.",
        "The 401 errors are resolved since this morning.",
        "Die 401 ist behoben.",
    ] {
        let text = format!("{top}\n\n{quoted}");
        let a = analyzed(&text);
        assert!(a.errors.is_empty(), "{text}\n{a:#?}");
        assert!(
            said(&a, "Not counted: APIG.0303"),
            "{text}\n{:#?}",
            a.warnings
        );
        assert!(!said(&a, "taken as the customer's"), "{:#?}", a.warnings);
    }
    for top in [
        "Just for your records: yesterday we got this, today everything works fine again.",
        "No more errors on our side, you can close the ticket.",
        "昨天出现了下面的错误，今天已经恢复正常。",
    ] {
        let a = analyzed(&format!("{top}\n\n{quoted}"));
        assert_eq!(codes(&a), [Some("APIG.0303")], "{top}");
        assert!(a.errors[0].matched().is_none(), "{top}\n{a:#?}");
        assert!(said(&a, "may be over"), "{top}\n{:#?}", a.warnings);
    }
    // Still failing on top: the quoted error is the customer's, a match.
    let a = analyzed(&format!("It still does not work, see below.\n\n{quoted}"));
    assert!(a.errors[0].matched().is_some(), "{a:#?}");
}

#[test]
fn a_reference_to_an_earlier_ticket_takes_none_of_the_error_s_facts() {
    let response = response();
    for reference in [
        "(see INC-4411: APIG.0101, resolved in May)",
        "(ref OPS-12: APIG.0101 from the last outage)",
        "Previously: APIG.0101 on the same API, fixed by publishing it.",
        "APIG.0101 last week was a different problem.",
        "（参见工单 CS-2231：APIG.0101，已于5月解决）",
    ] {
        only_the_response(&format!("{response}{reference}\n"), "APIG.0101");
        only_the_response(&format!("{reference}\n{response}"), "APIG.0101");
    }
}

#[test]
fn source_code_beside_the_error_is_not_an_error() {
    let response = response();
    for source in [
        "if e.error_code == \"APIG.0308\":\n    time.sleep(1)",
        "switch (code) {\n  case \"APIG.0308\":\n    retry();\n}",
        "if (errorCode.equals(\"APIG.0308\")) { backoff(); }",
        "// retry on APIG.0308",
        "# retry on APIG.0308 only",
        "match code { \"APIG.0308\" => retry(), _ => fail() }",
    ] {
        only_the_response(
            &format!("Our handler:\n{source}\nThe call:\n{response}"),
            "APIG.0308",
        );
        // Alone, it is no error at all.
        let a = analyzed(source);
        assert!(a.errors.is_empty(), "{source}\n{a:#?}");
        assert!(said(&a, "source code"), "{source}");
    }
}

/// A constant's code never takes the response's status or request id (a tester's Java
/// class of codes was read as three more 401 errors of the response's request).
#[test]
fn constants_in_source_code_are_not_errors() {
    let response = response();
    for source in [
        "public final class ApigErrors {\n    public static final String THROTTLED = \"APIG.0308\";\n}",
        "const (\n\tErrThrottled    = \"APIG.0308\" // 429\n\tErrNotFound = \"APIG.0101\"\n)\n\nswitch apiErr.Code {\ncase ErrThrottled:\n\tbackoff()\n}",
        "THROTTLED = \"APIG.0308\"  # 429, retried\nRETRYABLE = {THROTTLED}",
        "export const THROTTLED = 'APIG.0308';",
        "pub const THROTTLED: &str = \"APIG.0308\";",
        "enum ApigCode {\n  Throttled = \"APIG.0308\",\n}",
    ] {
        let a = analyzed(&format!("Our constants:\n{source}\nThe call:\n{response}"));
        assert_eq!(codes(&a), [Some("APIG.0303")], "{source}\n{a:#?}");
        assert_eq!(a.errors[0].request_id.as_deref(), Some(ID), "{source}");
        let warned = |w: &String| w.starts_with("Not counted:") && w.contains("APIG.0308,");
        assert!(a.warnings.iter().any(warned), "{source}\n{:#?}", a.warnings);
        let alone = analyzed(source);
        assert!(alone.errors.is_empty(), "{source}\n{alone:#?}");
        assert!(said(&alone, "a constant"), "{source}");
    }
    // A log's field of the same form reports the error.
    for log in [
        "errorCode=\"APIG.0308\"",
        "2024-06-05 17:30:00 WARN call failed errorCode = \"APIG.0308\" status=429",
    ] {
        assert_eq!(codes(&analyzed(log)), [Some("APIG.0308")], "{log}");
    }
}

#[test]
fn a_code_said_to_be_gone_is_no_current_error() {
    for text in [
        "APIG.0308 errors are gone, everything returns 200 now",
        "Update: APIG.0308 has been resolved, thanks!",
        "We no longer see APIG.0308 since Tuesday.",
        "The APIG.0308 throttling stopped happening after the quota change.",
        "APIG.0308 已经没有了，现在都返回200",
        "APIG.0308 不再出现",
        "上周的 APIG.0308 问题已解决。",
        // Gone, in the other languages read.
        "APIG.0308 ya no aparece.",
        "El error APIG.0308 desapareció desde el martes.",
        "L'erreur APIG.0308 a disparu depuis mardi.",
        "APIG.0308 n'apparaît plus depuis la mise à jour.",
        "Der Fehlercode APIG.0308 ist weg.",
        "O erro APIG.0308 sumiu depois da mudança.",
        "O APIG.0308 não aparece mais.",
        "APIG.0308没了。",
    ] {
        let a = analyzed(text);
        assert!(a.errors.is_empty(), "{text}\n{a:#?}");
        assert!(!a.found_error(), "{text}");
        assert!(
            said(&a, "No current APIG error found"),
            "{text}\n{:#?}",
            a.warnings
        );
        assert!(said(&a, "Not counted: APIG.0308"), "{text}");
    }
}

#[test]
fn a_code_gone_beside_one_that_came_is_said_gone_and_the_other_counted() {
    for text in [
        "After the fix APIG.0303 went away, but now APIG.0304 The app is not authorized to access the API",
        "APIG.0308 is resolved. Now we get APIG.0304 and it is not clear why.",
        "APIG.0308 已解决，但现在返回 APIG.0304",
        "APIG.0308 ya no aparece; ahora devuelve APIG.0304",
        "L'erreur APIG.0308 a disparu, maintenant on a APIG.0304.",
        "Fehlercode APIG.0308 ist weg, jetzt kommt APIG.0304.",
        "APIG.0308没了，现在返回 APIG.0304",
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), [Some("APIG.0304")], "{text}\n{:#?}", a.warnings);
        assert!(
            said(&a, "as resolved, fixed or gone"),
            "{text}\n{:#?}",
            a.warnings
        );
    }
}

/// An earlier code, then the one a call gives now, in the languages read: the later one
/// is the error, with the status the sentence gives it.
#[test]
fn the_code_a_call_gives_now_after_an_earlier_one_is_the_error() {
    for (text, code, status) in [
        (
            "Antes teníamos APIG.0303, ahora nos sale APIG.0304 (403).",
            "APIG.0304",
            Some(403),
        ),
        ("之前是APIG.0308，现在变成APIG.0201了", "APIG.0201", None),
        ("APIG.0308已经没有了，现在是APIG.0201", "APIG.0201", None),
        (
            "Previously we had APIG.0303, now we get APIG.0304 (403).",
            "APIG.0304",
            Some(403),
        ),
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), [Some(code)], "{text}\n{:#?}", a.warnings);
        assert_eq!(a.errors[0].http_status, status, "{text}");
    }
}

#[test]
fn a_code_still_there_or_asked_about_stays_an_error() {
    for text in [
        "APIG.0308 is still not fixed, we get it on every call",
        "We thought APIG.0308 was resolved but it's back since this morning",
        "Is APIG.0308 resolved on your side? We still get it.",
        "APIG.0308 问题仍未解决",
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), [Some("APIG.0308")], "{text}\n{:#?}", a.warnings);
        assert!(a.found_error(), "{text}");
    }
}

#[test]
fn a_runbook_s_rule_and_a_docs_table_are_documentation() {
    for text in [
        "If the response is {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend unavailable\"} then restart the backend.",
        "Runbook: if you get APIG.0308, wait a minute and retry.",
        "When the gateway returns APIG.0201, check the backend health page.",
        "如果返回 APIG.0308，请稍后重试。",
    ] {
        let a = analyzed(text);
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{text}\n{a:#?}"
        );
        assert!(
            said(&a, "documentation or a runbook"),
            "{text}\n{:#?}",
            a.warnings
        );
        assert!(!a.found_error(), "{text}");
    }
    // A table of codes without a time or a request id is documentation, or a customer's
    // list of the errors seen: its rows are guesses, never the match, and what they may
    // be is said.
    for text in [
        "| Code | Status | Meaning |\n|---|---|---|\n| APIG.0201 | 502 | Backend unavailable |\n| APIG.0308 | 429 | The throttling threshold has been reached |\n| APIG.0303 | 401 | Incorrect app authentication information |\n",
        "APIG.0201,Backend unavailable.,502,The backend service is unavailable.\nAPIG.0308,The throttling threshold has been reached.,429,The throttling threshold has been reached.\n",
        "   +-------------+------------------------------+------+\n   | APIG.0201   | Backend unavailable.         | 502  |\n   +-------------+------------------------------+------+\n   | APIG.0308   | The throttling threshold has been reached. | 429  |\n   +-------------+------------------------------+------+\n",
        "Hi, these are the errors our app got this morning:\n\n| time | code | message |\n|---|---|---|\n| 10:01 | APIG.0308 | The request is throttled. |\n| 10:05 | APIG.0201 | Backend unavailable |\n",
    ] {
        let a = analyzed(text);
        assert!(!a.errors.is_empty(), "{text}\n{a:#?}");
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{text}\n{a:#?}"
        );
        assert!(said(&a, "a table of codes"), "{text}\n{:#?}", a.warnings);
    }
    // Beside a real response, the response is the one error.
    only_the_response(
        &format!(
            "Per our runbook: if the response is {OLD_BODY}, retry later.\nBut now:\n{}",
            response()
        ),
        "APIG.0308",
    );
}

#[test]
fn reports_with_conditions_times_or_tables_of_errors_stay_errors() {
    for (text, code) in [
        (
            "If I call /v1/orders I get APIG.0308 every time",
            "APIG.0308",
        ),
        (
            "When calling /v1/orders the gateway returns APIG.0308",
            "APIG.0308",
        ),
        (
            "Since last week the customer gets APIG.0308 on every call",
            "APIG.0308",
        ),
        (
            "The customer got APIG.0303 last week, HTTP 401",
            "APIG.0303",
        ),
        ("客户调用返回APIG.0308", "APIG.0308"),
        (
            "| APIG.0308 | 429 | 5e1d2c3b4a5f60718293a4b5c6d7e8f9 | The throttling threshold has been reached |\n",
            "APIG.0308",
        ),
    ] {
        let a = analyzed(text);
        assert_eq!(
            codes(&a).first().copied().flatten(),
            Some(code),
            "{text}\n{a:#?}"
        );
        assert!(a.found_error(), "{text}");
    }
    let two = analyzed(&format!(
        "| code | status | request id |\n|---|---|---|\n| APIG.0308 | 429 | {ID} |\n| APIG.0303 | 401 | 6f6f7a7a6f6f7a7a6f6f |\n"
    ));
    assert_eq!(codes(&two), [Some("APIG.0308"), Some("APIG.0303")]);
    assert!(two.errors.iter().all(|e| e.matched().is_some()));
}

/// A current log line of APIG.0303 with its status and request id.
fn logged() -> String {
    format!(
        "2024-06-05T17:30:00Z INFO client: response 401 {{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\",\"request_id\":\"{ID}\"}}\n"
    )
}

#[test]
fn a_body_inside_a_sentence_that_says_it_is_over_is_not_counted() {
    for sentence in [
        format!("Yesterday we had {OLD_BODY} but that is fixed now."),
        format!("On Monday there was {OLD_BODY}, which has been resolved since."),
        format!("Gestern hatten wir {OLD_BODY}, das ist inzwischen behoben."),
        format!("Der Fehler {OLD_BODY} tritt seit dem Update nicht mehr auf."),
        format!("之前遇到的 {OLD_BODY} 已经解决了。"),
    ] {
        only_the_response(&format!("{sentence}\n{}", response()), "APIG.0308");
        only_the_response(&format!("{}{sentence}\n", response()), "APIG.0308");
        let alone = analyzed(&sentence);
        assert!(alone.errors.is_empty(), "{sentence}\n{alone:#?}");
        assert!(said(&alone, "No current APIG error found"), "{sentence}");
    }
}

#[test]
fn a_body_inside_a_sentence_that_says_it_is_still_there_is_counted() {
    for sentence in [
        format!("Yesterday we had {OLD_BODY} and it is still not fixed."),
        format!("We get {OLD_BODY} again, it was fixed last week but it's back."),
        format!("Der Fehler {OLD_BODY} ist immer noch nicht behoben."),
        format!("之前已经解决的 {OLD_BODY} 又出现了。"),
        format!("We thought {OLD_BODY} was resolved, but it came back this morning."),
    ] {
        let a = analyzed(&sentence);
        assert_eq!(codes(&a), [Some("APIG.0308")], "{sentence}\n{a:#?}");
        assert!(a.found_error(), "{sentence}");
    }
}

#[test]
fn a_label_that_says_over_or_earlier_heads_the_body_under_it() {
    for (past, now) in [
        ("Before (fixed since Friday):", "Now:"),
        ("Previously:", "Today we get:"),
        ("**Old error (resolved):**", "**Current error:**"),
        ("之前（已修复）：", "现在："),
        ("Vorher (behoben):", "Jetzt:"),
        ("Last week's error, solved:", "This morning:"),
    ] {
        only_the_response(
            &format!("{past}\n{OLD_BODY}\n\n{now}\n{}", response()),
            "APIG.0308",
        );
        // Without a blank line, and the current one first.
        only_the_response(
            &format!("{now}\n{}{past}\n{OLD_BODY}\n", response()),
            "APIG.0308",
        );
    }
    // On the line it heads.
    only_the_response(
        &format!("Old error (resolved): {OLD_BODY}\n{}", response()),
        "APIG.0308",
    );
}

#[test]
fn a_label_that_says_still_or_now_leaves_the_body_an_error() {
    for label in [
        "Still failing since Friday:",
        "Not fixed yet:",
        "The old one is fixed, but now we get:",
        "限流的问题已经解决了，但是现在出现了新的错误：",
        "Seit Freitag nicht behoben:",
        "Response body:",
    ] {
        let a = analyzed(&format!("{label}\n{OLD_BODY}\n"));
        assert_eq!(codes(&a), [Some("APIG.0308")], "{label}\n{a:#?}");
        assert!(a.found_error(), "{label}");
    }
    // A past label heads no further than a label of now, or a sentence after a blank line.
    for next in [
        "But this one happens on every call since today:",
        "Please look at this one, it fails on every call",
    ] {
        let a = analyzed(&format!(
            "Before (fixed):\n{{\"error_code\":\"APIG.0201\"}}\n\n{next}\n{OLD_BODY}\n"
        ));
        assert_eq!(codes(&a), [Some("APIG.0308")], "{next}\n{a:#?}");
        assert!(
            said(&a, "Not counted: APIG.0201"),
            "{next}\n{:#?}",
            a.warnings
        );
    }
}

#[test]
fn a_test_s_assertion_and_its_diff_are_not_responses() {
    for failure in [
        "    def test_order(client):\n>       assert resp.json()[\"error_code\"] == \"APIG.0101\"\nE       AssertionError: assert 'APIG.0303' == 'APIG.0101'\nE         - APIG.0101\nE         + APIG.0303\n\ntests/test_orders.py:31: AssertionError\n",
        "FAILED tests/test_orders.py::test_order - AssertionError: assert 'APIG.0303' == 'APIG.0101'\n",
        "AssertionError: 'APIG.0303' != 'APIG.0101'\n- APIG.0303\n+ APIG.0101\n",
        "org.opentest4j.AssertionFailedError: expected: <APIG.0101> but was: <APIG.0303>\n\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:55)\n",
        "    expect(received).toBe(expected)\n\n    Expected: \"APIG.0101\"\n    Received: \"APIG.0303\"\n",
        "thread 'orders' panicked at src/lib.rs:9:5:\nassertion `left == right` failed\n  left: \"APIG.0303\"\n right: \"APIG.0101\"\n",
    ] {
        // The captured log below holds the one error that happened.
        let a = analyzed(&format!("{failure}{}", logged()));
        assert_eq!(codes(&a), [Some("APIG.0303")], "{failure}\n{a:#?}");
        assert_eq!(a.errors[0].request_id.as_deref(), Some(ID), "{failure}");
        assert_eq!(a.triage.total, 1, "{failure}");
        // Alone, what the test compared is a guess at most, and said to be a test's.
        let alone = analyzed(failure);
        assert!(
            alone.errors.iter().all(|e| e.matched().is_none()),
            "{failure}\n{alone:#?}"
        );
        assert!(
            said(&alone, "written in a test's"),
            "{failure}\n{:#?}",
            alone.warnings
        );
    }
}

#[test]
fn a_code_in_brackets_is_read_with_the_words_around_them() {
    for text in [
        "之前的限流问题（APIG.0308）已经不再出现了。",
        "The old throttling problem (APIG.0308) is gone now.",
        "Das alte Drosselungsproblem (APIG.0308, 429) ist behoben.",
        "上周的限流（APIG.0308）已解决",
    ] {
        only_the_response(&format!("{}{text}\n", response()), "APIG.0308");
        only_the_response(&format!("{text}\n{}", response()), "APIG.0308");
    }
    for text in [
        "限流问题（APIG.0308）又出现了",
        "The throttling (APIG.0308) is back since this morning.",
        "We get a 429 (APIG.0308) on every call since the limit was lowered.",
        "Das Problem (APIG.0308) ist immer noch nicht behoben.",
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), [Some("APIG.0308")], "{text}\n{a:#?}");
    }
}

#[test]
fn a_clause_that_refers_back_to_the_code_says_what_it_is() {
    for text in [
        "anyone else seeing APIG.0308 on checkout? that was last week right, should be fixed",
        "We had APIG.0308 on Monday, that's solved now.",
        "Wir hatten APIG.0308, das ist aber gelöst.",
        "我们之前有 APIG.0308，这个问题已经解决了。",
    ] {
        only_the_response(&format!("{text}\n{}", response()), "APIG.0308");
    }
    for text in [
        "We got APIG.0308 this morning, it was fixed but it came back.".to_string(),
        "APIG.0308 keeps coming, it was fixed in May.".to_string(),
        "We still get APIG.0308, that was supposedly fixed.".to_string(),
        format!("Wir bekommen {OLD_BODY}, das ist noch nicht behoben."),
    ] {
        let a = analyzed(&format!("{text}\n{}", response()));
        let mut got = codes(&a);
        got.sort();
        assert_eq!(
            got,
            [Some("APIG.0303"), Some("APIG.0308")],
            "{text}\n{a:#?}"
        );
    }
}

#[test]
fn a_status_the_top_says_is_over_makes_the_quoted_error_no_guess() {
    let quoted = format!(
        "From: Li Wei <li.wei@example.com>\nDate: Mon, Jun 10, 2024 at 9:40 AM\nSubject: errors\n\nstatus: 403\nbody: {{\"error_code\":\"APIG.0304\",\"error_msg\":\"The app is not authorized to access the API\",\"request_id\":\"{ID}\"}}\n"
    );
    for top in [
        "Forwarding: the old 504 is resolved; they now see a 403.",
        "Der alte 504 ist behoben, jetzt kommt 403.",
        "之前的504已经解决了，现在是403。",
    ] {
        let a = analyzed(&format!("{top}\n\n{quoted}"));
        assert_eq!(codes(&a), [Some("APIG.0304")], "{top}\n{a:#?}");
        assert!(a.errors[0].matched().is_some(), "{top}\n{a:#?}");
        assert!(!said(&a, "Unsure"), "{top}\n{:#?}", a.warnings);
    }
    // A status the top gives as its own is still another error's.
    let a = analyzed(&format!(
        "Since the fix they see a 502 instead.\n\n{quoted}"
    ));
    assert!(
        said(&a, "Unsure: the new message names HTTP 502"),
        "{:#?}",
        a.warnings
    );
}

/// What a test expected (Jest's `expect(…).toBe('APIG.0308')` and its `Expected:` line,
/// JUnit's `Expected body: {…}` beside `expected: <429> but was: <200>`) is no response:
/// never the match.
#[test]
fn what_a_test_expected_is_never_the_match() {
    for text in [
        "  ● error mapping › maps throttling to retry\n\n    expect(received).toBe(expected) // Object.is equality\n\n    Expected: \"APIG.0308\"\n    Received: undefined\n\n    > 13 |   expect(err.code).toBe('APIG.0308');\n",
        "org.opentest4j.AssertionFailedError: expected: <429> but was: <200>\n\tat com.example.ThrottleIT.limit(ThrottleIT.java:88)\nExpected body: {\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached\"}\nActual body:   {\"items\":[]}\n",
        "AssertionError: expected response: {\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\"} but got 200\n",
    ] {
        let a = analyzed(text);
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{text}\n{a:#?}"
        );
        assert!(said(&a, "test's assertion"), "{text}\n{:#?}", a.warnings);
    }
}

/// "Fixed" in Spanish, French and Portuguese, in the code's own sentence; and the same
/// words negated, which keep the error current.
#[test]
fn a_code_said_fixed_in_spanish_french_or_portuguese_is_not_counted() {
    let response = response();
    for over in [
        format!("El error {OLD_BODY} que reportamos ayer ya está solucionado."),
        format!("L'erreur {OLD_BODY} est résolue depuis lundi."),
        format!("O erro {OLD_BODY} já foi resolvido."),
    ] {
        only_the_response(&format!("{over}\n\n{response}"), "APIG.0308");
    }
    for still in [
        format!("El error {OLD_BODY} todavía no está solucionado."),
        format!("L'erreur {OLD_BODY} n'est pas résolue."),
    ] {
        let a = analyzed(&format!("{still}\n\n{response}"));
        assert!(codes(&a).contains(&Some("APIG.0308")), "{still}\n{a:#?}");
    }
}
