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
        let e = first(&format!("{prose}\nToday's problem: calls return\n{NOT_FOUND}"));
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
