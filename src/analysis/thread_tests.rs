//! A chat or ticket thread where an error is fixed and a new one follows (found by a
//! fresh-eyes tester: the fixed error was the match, the new one dropped or said over).
//! The latest error the thread reports is the answer; the one it moved on from is not
//! counted. Several wordings, languages and layouts, and the threads that must keep both.

use super::*;

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

fn codes(a: &Analysis) -> Vec<&str> {
    a.errors.iter().filter_map(|e| e.code.as_deref()).collect()
}

const TOKEN_BODY: &str = "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: decrypt token fail\",\"request_id\":\"9d1b2c3e4f\"}";

/// The only error is `code`, the match, and APIG.0301 (the fixed one) is said not counted.
fn only_the_new_one(text: &str, code: &str) {
    let a = analyzed(text);
    assert_eq!(codes(&a), [code], "{text}\n{a:#?}");
    assert!(a.errors[0].matched().is_some(), "{text}\n{a:#?}");
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("Not counted: APIG.0301")),
        "{text}\n{:#?}",
        a.warnings
    );
}

#[test]
fn a_thread_that_says_the_first_error_is_fixed_then_reports_another_answers_the_new_one() {
    let threads = [
        // A later line says fixed (naming no code), the next one brings the new error.
        format!(
            "[10:02] anna: we were getting {TOKEN_BODY} on every call\n[10:15] ben: ok the token thing is fixed, I regenerated the token\n[10:16] ben: but now every other call fails with APIG.0308 (429)"
        ),
        // Fixed and the new error on one line, an ellipsis between.
        format!(
            "{TOKEN_BODY}\nok the token thing is fixed … every other call fails with APIG.0308"
        ),
        format!("{TOKEN_BODY}\nok the token thing is fixed. every other call fails now, APIG.0308"),
        // The status names the fixed one; the new one's body after a label.
        format!(
            "Customer: {TOKEN_BODY}\nCustomer (later): the 401 is fixed, now it says 403: {{\"error_code\":\"APIG.0302\",\"error_msg\":\"The IAM user is not authorized to access the API.\"}}"
        ),
        // German, Spanish, Chinese.
        format!(
            "{TOKEN_BODY}\nDas mit dem Token ist behoben, jetzt kommt APIG.0308 bei jedem zweiten Aufruf"
        ),
        format!(
            "Ana 09:58\n{TOKEN_BODY}\nLuis 10:20\nlo del token ya está solucionado, pero ahora falla con APIG.0308"
        ),
        format!("{TOKEN_BODY}\n张三 10:20\ntoken的问题已经解决了，现在报 APIG.0308"),
    ];
    for thread in &threads {
        let new = if thread.contains("APIG.0302") {
            "APIG.0302"
        } else {
            "APIG.0308"
        };
        only_the_new_one(thread, new);
    }
}

#[test]
fn a_thread_that_fixes_something_else_or_keeps_the_error_counts_both() {
    let kept = [
        // Still there.
        format!(
            "{TOKEN_BODY}\nthe proxy is fixed but the token error is still there, and now every other call fails with APIG.0308 too"
        ),
        // A log's lines, not a chat's: both errors happened.
        format!(
            "2024-03-05T10:00:00Z ERROR {TOKEN_BODY}\n2024-03-05T10:00:01Z INFO cache entry fixed up\n2024-03-05T10:00:02Z ERROR APIG.0308 throttled"
        ),
        // The fixed thing is another code.
        format!("{TOKEN_BODY}\nAPIG.0201 is fixed, and every other call fails with APIG.0308"),
    ];
    for thread in &kept {
        let a = analyzed(thread);
        assert!(codes(&a).contains(&"APIG.0301"), "{thread}\n{a:#?}");
        assert!(codes(&a).contains(&"APIG.0308"), "{thread}\n{a:#?}");
    }
}

#[test]
fn a_code_the_words_fixed_is_no_new_error_of_the_thread() {
    for text in [
        format!("{TOKEN_BODY}\nWe fixed APIG.0308 last week, this one is new."),
        format!("{TOKEN_BODY}\n[10:20] ben: resolved APIG.0201 yesterday; this token one remains"),
    ] {
        let a = analyzed(&text);
        assert_eq!(codes(&a), ["APIG.0301"], "{text}\n{a:#?}");
    }
}

#[test]
fn a_code_after_words_about_another_fix_is_not_said_over() {
    for text in [
        "ok the token thing is fixed … every other call fails with APIG.0308",
        "the auth problem is solved and now every call returns APIG.0308",
        "Das Token-Problem ist behoben, jetzt kommt APIG.0308",
        "认证问题已经解决了，现在报 APIG.0308",
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), ["APIG.0308"], "{text}\n{a:#?}");
        assert!(a.errors[0].matched().is_some(), "{text}\n{a:#?}");
    }
    for text in [
        "we no longer get APIG.0308",
        "fixed now: APIG.0308",
        "we fixed the bug behind APIG.0308",
    ] {
        let a = analyzed(text);
        assert!(codes(&a).is_empty(), "{text}\n{a:#?}");
    }
}

#[test]
fn a_remark_under_a_pretty_printed_body_speaks_for_the_whole_body() {
    let body = "{\n  \"error_code\": \"APIG.0308\",\n  \"error_msg\": \"The throttling threshold has been reached: policy user over ratelimit\"\n}\n";
    for remark in [
        "fixed",
        "Fixed now, thanks!",
        "behoben",
        "这个错误已修复",
        "^ that one is gone",
    ] {
        let text = format!("{body}{remark}\n");
        let a = analyzed(&text);
        // Neither the code nor the body's message alone is a current error.
        assert!(a.errors.is_empty(), "{text}\n{a:#?}");
    }
    for remark in ["still failing", "not fixed yet", "即使重试也仍然失败"] {
        let text = format!("{body}{remark}\n");
        let a = analyzed(&text);
        assert_eq!(codes(&a), ["APIG.0308"], "{text}\n{a:#?}");
        assert!(a.errors[0].matched().is_some(), "{text}\n{a:#?}");
    }
}

/// A raw response with its request id and body, as a customer pastes it above their words.
const RAW_401: &str = "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\nX-Request-Id: 5b0c7e9f2a1d4c3b8e6f0a9d1c2b3e4f\n\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information\",\"request_id\":\"5b0c7e9f2a1d4c3b8e6f0a9d1c2b3e4f\"}\n";

/// The same response as `curl -v` prints it.
const CURL_401: &str = "> GET /v1/orders HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 401 Unauthorized\n< X-Request-Id: 5b0c7e9f2a1d4c3b8e6f0a9d1c2b3e4f\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}\n* Connection #0 to host api.example.com left intact\n";

#[test]
fn a_code_written_under_a_response_takes_none_of_the_response_s_facts() {
    let words = [
        "\nAfter we fixed the key we now get APIG.0302 on every call\n",
        "\nAfter rotating the key we now get APIG.0302 on every call.\n",
        "Now we get APIG.0302 instead.\n",
        "\nNach dem Schlüsselwechsel kommt jetzt APIG.0302 bei jedem Aufruf.\n",
        "\nDespués de cambiar la clave ahora recibimos APIG.0302.\n",
        "\n换了密钥以后，现在每次都返回 APIG.0302\n",
    ];
    for response in [RAW_401, CURL_401] {
        for said in words {
            let text = format!("{response}{said}");
            let a = analyzed(&text);
            let new = a
                .errors
                .iter()
                .find(|e| e.code.as_deref() == Some("APIG.0302"))
                .unwrap_or_else(|| panic!("APIG.0302 in {text}\n{a:#?}"));
            assert_eq!(new.http_status, None, "{text}\n{a:#?}");
            assert_eq!(new.request_id, None, "{text}\n{a:#?}");
            // The response's lines make no error of their own without its code.
            assert!(a.errors.iter().all(|e| e.code.is_some()), "{text}\n{a:#?}");
            // The response, when counted, keeps its own facts.
            for old in a
                .errors
                .iter()
                .filter(|e| e.code.as_deref() == Some("APIG.0301"))
            {
                assert_eq!(old.http_status, Some(401), "{text}\n{a:#?}");
                assert_eq!(
                    old.request_id.as_deref(),
                    Some("5b0c7e9f2a1d4c3b8e6f0a9d1c2b3e4f"),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn a_fixed_response_and_the_new_code_under_it_answer_the_new_one_alone() {
    for response in [RAW_401, CURL_401] {
        let text =
            format!("{response}\nAfter we fixed the key we now get APIG.0302 on every call\n");
        let a = analyzed(&text);
        assert_eq!(codes(&a), ["APIG.0302"], "{text}\n{a:#?}");
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("Not counted: APIG.0301")),
            "{text}\n{:#?}",
            a.warnings
        );
    }
    // A remark that the response's error is over takes its status and id with it.
    let over = "HTTP/1.1 429 Too Many Requests\nX-Request-Id: 77aa0c7e9f2a1d4c3b8e6f0a9d1c2b3e\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\"}\n^ that one is fixed now\n";
    let a = analyzed(over);
    assert!(a.errors.is_empty(), "{over}\n{a:#?}");
}

#[test]
fn a_second_response_after_a_blank_line_or_words_keeps_its_own_facts() {
    let second = "HTTP/1.1 403 Forbidden\nX-Request-Id: 77aa0c7e9f2a1d4c3b8e6f0a9d1c2b3e\n\n{\"error_code\":\"APIG.0302\",\"error_msg\":\"The IAM user is not authorized to access the API.\"}\n";
    for between in ["\n", "\nand the next call:\n\n", "\nLuego:\n"] {
        let text = format!("{RAW_401}{between}{second}");
        let a = analyzed(&text);
        assert_eq!(codes(&a), ["APIG.0301", "APIG.0302"], "{text}\n{a:#?}");
        let facts: Vec<(Option<u16>, Option<&str>)> = a
            .errors
            .iter()
            .map(|e| (e.http_status, e.request_id.as_deref()))
            .collect();
        assert_eq!(
            facts,
            [
                (Some(401), Some("5b0c7e9f2a1d4c3b8e6f0a9d1c2b3e4f")),
                (Some(403), Some("77aa0c7e9f2a1d4c3b8e6f0a9d1c2b3e"))
            ],
            "{text}"
        );
    }
}
