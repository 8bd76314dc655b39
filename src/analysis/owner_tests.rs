//! Each fact to the error it belongs to (found by a fresh-eyes tester): a link in prose
//! is not the failing request, and a request id's field gives the id.

use super::*;

fn first(text: &str) -> FoundError {
    analyze_every(text, &Catalog::embedded())
        .errors
        .into_iter()
        .next()
        .expect("an error")
}

const NOT_FOUND: &str = "HTTP/1.1 404 Not Found\n{\"error_msg\":\"The API does not exist or has not been published in the environment\",\"error_code\":\"APIG.0101\",\"request_id\":\"38383838383838383838383838383838\"}\n";

#[test]
fn a_link_in_prose_is_not_the_request() {
    for prose in [
        "See our internal wiki https://wiki.corp.local/kb/APIG.0308-throttling for background.",
        "Background: https://wiki.corp.local/kb/throttling",
        "docs: see https://help.example.org/apig/errors first",
        "Ticket link <https://tickets.example.com/browse/OPS-12>",
    ] {
        let e = first(&format!(
            "{prose}\nToday's problem: calls return\n{NOT_FOUND}"
        ));
        assert_eq!(e.code.as_deref(), Some("APIG.0101"), "{prose}");
        assert_eq!(e.evidence.host, None, "{prose}");
        assert_eq!(e.evidence.path, None, "{prose}");
    }
}

#[test]
fn a_url_where_a_request_s_is_written_is_the_request() {
    for request in [
        "request to https://api.example.com/v1/orders failed, reason: socket hang up",
        "  url: 'https://api.example.com/v1/orders',",
        "Get \"https://api.example.com/v1/orders\": EOF",
        "$ curl -sS https://api.example.com/v1/orders",
        "Request URL: https://api.example.com/v1/orders",
        "{\"endpoint\":\"https://api.example.com/v1/orders\"}",
    ] {
        let e = first(&format!("{request}\n{NOT_FOUND}"));
        assert_eq!(
            e.evidence.host.as_deref(),
            Some("api.example.com"),
            "{request}"
        );
        assert_eq!(e.evidence.path.as_deref(), Some("/v1/orders"), "{request}");
    }
}

/// An error's code, status and request id.
type Fact = (Option<String>, Option<u16>, Option<String>);

/// (code, status, request id) of each error of `text`, and the analysis' warnings.
fn facts(text: &str) -> (Vec<Fact>, String) {
    let a = analyze_every(text, &Catalog::embedded());
    let facts = a
        .errors
        .into_iter()
        .map(|e| (e.code, e.http_status, e.request_id))
        .collect();
    (facts, a.warnings.join("\n"))
}

fn of(code: Option<&str>, status: u16, id: Option<&str>) -> Fact {
    (
        code.map(str::to_string),
        Some(status),
        id.map(str::to_string),
    )
}

#[test]
fn a_code_named_in_passing_takes_none_of_the_response_s_facts() {
    for (text, want) in [
        (
            "Hi team, the APIG.0308 errors from yesterday are gone after we raised the limit.\nToday a different failure:\nHTTP/1.1 401 Unauthorized\nServer: api-gateway\nX-Request-Id: 8d3a2e1f4c9b6a5d0e7f3c2b1a0d9e8f\n\n{\"message\":\"Unauthorized\"}\n",
            of(None, 401, Some("8d3a2e1f4c9b6a5d0e7f3c2b1a0d9e8f")),
        ),
        (
            "Last month they had APIG.0301 (fixed). Now:\nHTTP/1.1 403 Forbidden\nX-Request-Id: 5e5e5e5e6f6f6f6f\n\n{\"error_msg\":\"Forbidden\"}\n",
            of(None, 403, Some("5e5e5e5e6f6f6f6f")),
        ),
        (
            "您好，上周的 APIG.0308 限流问题已经解决了，谢谢。\n现在调用返回 401：\nHTTP/1.1 401 Unauthorized\nServer: api-gateway\n\n{\"error_msg\":\"Incorrect app authentication information\",\"error_code\":\"APIG.0303\",\"request_id\":\"7c2f1d0e3b8a5f4c9d6e2b1a0f9e8d7c\"}\n",
            of(
                Some("APIG.0303"),
                401,
                Some("7c2f1d0e3b8a5f4c9d6e2b1a0f9e8d7c"),
            ),
        ),
        (
            "Hello,\nwe fixed APIG.0308 last week, now 401.\nNo response body, the client only logs \"401 Unauthorized\".\nRequest id from our gateway log: 6b1e0c9d2a7f4e3b8c5d1a0f9e8d7c6b\nThanks\n",
            of(None, 401, Some("6b1e0c9d2a7f4e3b8c5d1a0f9e8d7c6b")),
        ),
        (
            "之前的 APIG.0301 问题已经修复。现在 HTTP 状态码 403，request_id=4d4d4d4d5e5e5e5e\n",
            of(None, 403, Some("4d4d4d4d5e5e5e5e")),
        ),
    ] {
        let (found, warnings) = facts(text);
        assert_eq!(found, [want], "{text}");
        assert!(
            warnings.contains("Not counted: APIG.0"),
            "{text}: {warnings}"
        );
    }
}

#[test]
fn a_code_with_its_own_message_is_reported_and_one_alone_stays_a_guess() {
    // A message written right after it reports it, whatever the words before.
    let (found, _) = facts("The customer's app logs APIG.0201: Backend unavailable\nHTTP 502\n");
    assert_eq!(found, [of(Some("APIG.0201"), 502, None)]);
    // A sentence alone, with no response around it, still finds its row.
    let alone = analyze_every("They say it was APIG.0303 on Friday", &Catalog::embedded());
    assert_eq!(alone.errors.len(), 1);
    assert!(alone.errors[0].named_in_passing);
    assert!(alone.errors[0].matched().is_none());
    // Unless it says the error is over: then there is no current error (`past`).
    let over = analyze_every(
        "They say it was APIG.0303 on Friday (fixed)",
        &Catalog::embedded(),
    );
    assert!(over.errors.is_empty(), "{over:#?}");
    // Nor does it take the Date of a response that succeeded.
    let ok = analyze_every(
        "we fixed APIG.0308 last week\nHTTP/1.1 200 OK\nDate: Wed, 05 Jun 2024 17:30:00 GMT\n",
        &Catalog::embedded(),
    );
    assert!(
        ok.errors
            .iter()
            .all(|e| e.seen_at.is_none() && e.http_status.is_none())
    );
}

#[test]
fn a_header_is_named_only_when_the_paste_shows_it() {
    let authentication = |text: &str| {
        first(text)
            .evidence
            .named()
            .into_iter()
            .find(|(name, _)| *name == "Authentication")
            .map(|(_, value)| value)
            .unwrap_or_default()
    };
    let body = "{\"error_msg\":\"The token must be updated\",\"error_code\":\"APIG.0307\",\"request_id\":\"a7a7a7a7b8b8b8b8\"}";
    let said = authentication(body);
    assert!(
        said.starts_with("IAM token") && !said.contains("(X-Auth-Token)"),
        "{said}"
    );
    assert!(said.contains("no X-Auth-Token header"), "{said}");
    let sent = format!(
        "> GET /v1/x HTTP/1.1\n> X-Auth-Token: ****\n>\n< HTTP/1.1 401 Unauthorized\n<\n{body}"
    );
    assert_eq!(authentication(&sent), "IAM token (X-Auth-Token)");
    let aksk = "{\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\",\"error_code\":\"APIG.0301\"}";
    assert!(authentication(aksk).contains("no signing header"));
}
