//! Messages inside prose and HTML error pages, end to end through `analyze`: ticket
//! sentences that quote or write out a message (found, as sure as the bare message),
//! sentences that merely share words with one (never a confident match), and error pages
//! of the gateway and of other servers.

use super::*;

fn best(a: &Analysis) -> Option<&Candidate> {
    a.errors.first().and_then(|e| e.candidates.first())
}

/// The row's message without its final period (rows differ by it: "Backend unavailable").
fn message_of(catalog: &Catalog, c: &Candidate) -> String {
    catalog.entries[c.row]
        .message()
        .trim_end_matches('.')
        .to_string()
}

/// Calling-APIs messages as the gateway writes them (templates aside).
fn calling_messages(catalog: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = catalog
        .entries
        .iter()
        .filter(|e| catalog.source_of(e).id == "calling" && !e.message().contains('{'))
        .map(|e| e.message().trim_end_matches('.').to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_quoted_message_is_found_as_sure_as_the_bare_message() {
    let catalog = Catalog::embedded();
    for message in calling_messages(&catalog) {
        let bare = analyze(&message, &catalog);
        let bare = best(&bare).unwrap().confidence;
        for sentence in [
            format!("since the upgrade our calls die with \"{message}\" and nothing else"),
            format!("Postman shows “{message}” on every second request"),
            format!("the SDK log says '{message}' then retries"),
        ] {
            let a = analyze(&sentence, &catalog);
            let c = best(&a).unwrap_or_else(|| panic!("{sentence}: {a:?}"));
            assert_eq!(message_of(&catalog, c), message, "{sentence}: {a:?}");
            assert!(
                (c.confidence - bare).abs() < 1e-6,
                "{sentence}: {} where the bare message has {bare}",
                c.confidence
            );
        }
    }
}

#[test]
fn a_message_written_out_is_found_unless_sentences_say_it_anyway() {
    let catalog = Catalog::embedded();
    for message in calling_messages(&catalog) {
        let bare = analyze(&message, &catalog);
        let bare = best(&bare).unwrap().confidence;
        let text = format!(
            "Hello support,\nthe customer pasted only this from their console: {message}\nCan you tell us what it means? It started on Monday after a deployment."
        );
        let a = analyze(&text, &catalog);
        let c = best(&a).unwrap_or_else(|| panic!("{text}: {a:?}"));
        assert_eq!(message_of(&catalog, c), message, "{text}");
        // The message stands on a line of its own: as sure as bare, or a guess when its
        // words are what anyone writes ("Backend timeout").
        assert!(
            (c.confidence - bare).abs() < 1e-6 || c.confidence < MATCH_THRESHOLD,
            "{message}: {}",
            c.confidence
        );
    }
}

#[test]
fn the_ticket_sentences_of_the_issue_are_found_with_their_status() {
    let catalog = Catalog::embedded();
    let a = analyze(
        "calls die with \"Backend signature calculation failed\" (500) since we enabled the backend signature key",
        &catalog,
    );
    let e = &a.errors[0];
    let c = e.matched().unwrap();
    assert_eq!(catalog.entries[c.row].code(), "APIG.0705");
    assert_eq!(e.http_status, Some(500), "the status beside the message");
    assert!(c.confidence >= 0.9, "{c:?}");
    assert!(c.reasons.iter().any(|r| r.contains("status 500 matches")));

    let a = analyze(
        "customer pasted only this from their console: The IP address is not authorized to access the API.",
        &catalog,
    );
    let c = a.errors[0].matched().unwrap();
    let bare = analyze(
        "The IP address is not authorized to access the API.",
        &catalog,
    );
    assert_eq!(c.row, best(&bare).unwrap().row);
    assert!((c.confidence - best(&bare).unwrap().confidence).abs() < 1e-6);
}

#[test]
fn a_long_text_with_the_message_deep_inside_is_found() {
    let catalog = Catalog::embedded();
    let filler = "We deploy twice a week and nothing else changed on our side. ".repeat(40);
    let text = format!(
        "{filler}\nThen, from 06:40 UTC, the mobile app got HTTP 429: The throttling threshold has been reached.\n{filler}"
    );
    assert!(text.len() > 4_000);
    let a = analyze(&text, &catalog);
    let e = &a.errors[0];
    let c = e.matched().unwrap_or_else(|| panic!("{a:?}"));
    assert_eq!(catalog.entries[c.row].code(), "APIG.0308");
    assert_eq!(e.http_status, Some(429));
}

#[test]
fn a_quoted_message_keeps_its_detail_and_status_before_it() {
    let catalog = Catalog::embedded();
    let a = analyze(
        "the Java SDK throws 401 - 'Incorrect IAM authentication information: verify aksk signature fail' for every call",
        &catalog,
    );
    let e = &a.errors[0];
    let c = e.matched().unwrap_or_else(|| panic!("{a:?}"));
    assert_eq!(catalog.entries[c.row].code(), "APIG.0301");
    assert_eq!(e.http_status, Some(401));
}

#[test]
fn a_near_message_is_a_guess_unless_specific_close_alone_and_with_its_status() {
    let catalog = Catalog::embedded();
    let typo = "customer sees The IP adress is not authorised to access the API since monday";
    let a = analyze(typo, &catalog);
    let c = best(&a).unwrap();
    assert_eq!(catalog.entries[c.row].code(), "APIG.0402");
    assert!(c.confidence < MATCH_THRESHOLD, "no status: a guess {c:?}");

    let with_status = typo.replace("API since", "API (403) since");
    let a = analyze(&with_status, &catalog);
    let c = a.errors[0].matched().unwrap_or_else(|| panic!("{a:?}"));
    assert_eq!(catalog.entries[c.row].code(), "APIG.0402");

    let other_status = typo.replace("API since", "API (500) since");
    let a = analyze(&other_status, &catalog);
    assert!(!a.identified(), "a status that is not the row's: {a:?}");
}

/// Ticket sentences that share words, even whole short messages, with catalog rows, and
/// are not the gateway's text: never a confident match.
#[test]
fn ordinary_sentences_never_match_confidently() {
    let catalog = Catalog::embedded();
    for sentence in [
        "the backend is slow and requests time out after 30 seconds",
        "we see backend timeout on every call since the release",
        "our app is not authorized to call the orders API",
        "the IP address of our office changed last week, could that matter?",
        "internal server error when we call the API from Postman",
        "the certificate has expired on our custom domain",
        "the API does not exist in the new region yet",
        "our access token is expired after one hour, is that expected?",
        "the request entity is quite large in our tests, around 15 MB",
        "the token must be updated every hour by our scheduler",
        "app key and app secret were rotated yesterday and now signing is incorrect",
        "we enabled the backend signature key and the calculation of totals failed",
        "the app has been frozen by finance until the invoice is paid (403)",
        "Backend unavailable? no, the backend answers fine with curl",
        "access denied for the API we published yesterday, 403 everywhere",
    ] {
        let a = analyze(sentence, &catalog);
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{sentence}: {:?}",
            a.errors
                .iter()
                .flat_map(|e| e.candidates.iter())
                .map(|c| (message_of(&catalog, c), c.confidence))
                .collect::<Vec<_>>()
        );
    }
}

const GATEWAY_504: &str = "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>api-gateway</center></body></html>";

fn nginx_page(status: &str, server: &str) -> String {
    format!(
        "<html>\r\n<head><title>{status}</title></head>\r\n<body>\r\n<center><h1>{status}</h1></center>\r\n<hr><center>{server}</center>\r\n</body>\r\n</html>\r\n<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n"
    )
}

#[test]
fn the_gateway_s_error_page_alone_gives_its_status_rows_as_guesses() {
    let catalog = Catalog::embedded();
    let a = analyze(GATEWAY_504, &catalog);
    assert_eq!(a.format, "HTML page");
    let e = a.errors.first().unwrap_or_else(|| panic!("{a:?}"));
    assert_eq!(e.http_status, Some(504));
    assert_eq!(e.evidence.server.as_deref(), Some("api-gateway"));
    assert!(e.candidates.len() >= 2);
    for c in &e.candidates {
        assert_eq!(catalog.entries[c.row].http_status, 504);
        assert!(c.confidence < MATCH_THRESHOLD, "two rows fit: guesses");
    }
    assert!(!a.identified());
}

#[test]
fn a_gateway_page_whose_status_only_one_row_has_names_that_row() {
    let catalog = Catalog::embedded();
    for (title, code, with_headers) in [
        ("429 Too Many Requests", "APIG.0308", false),
        ("413 Request Entity Too Large", "APIG.0201", true),
    ] {
        let page = nginx_page(title, "api-gateway");
        let paste = if with_headers {
            format!(
                "HTTP/1.1 {title}\r\nServer: api-gateway\r\nContent-Type: text/html\r\n\r\n{page}"
            )
        } else {
            page
        };
        let a = analyze(&paste, &catalog);
        let e = &a.errors[0];
        let c = e.matched().unwrap_or_else(|| panic!("{title}: {a:?}"));
        assert_eq!(catalog.entries[c.row].code(), code);
        assert!(c.confidence < 0.7, "the status alone: just sure {c:?}");
        assert!(c.reasons.iter().any(|r| r.contains("status alone")));
        assert_eq!(e.candidates.len(), 1, "{title}");
    }
}

#[test]
fn a_status_line_or_header_before_the_page_agrees_with_it() {
    let catalog = Catalog::embedded();
    let paste = format!(
        "HTTP/1.1 502 Bad Gateway\nServer: api-gateway\n\n{}",
        nginx_page("502 Bad Gateway", "api-gateway")
    );
    let a = analyze(&paste, &catalog);
    let e = &a.errors[0];
    assert_eq!(e.http_status, Some(502));
    assert_eq!(e.message, None, "the page's words are no message");
    assert!(
        e.candidates
            .iter()
            .all(|c| catalog.entries[c.row].http_status == 502)
    );
}

#[test]
fn other_servers_error_pages_say_so() {
    let catalog = Catalog::embedded();
    for (page, says) in [
        (nginx_page("502 Bad Gateway", "nginx/1.18.0 (Ubuntu)"), "nginx/1.18.0 (Ubuntu)"),
        (nginx_page("504 Gateway Time-out", "openresty"), "openresty"),
        (nginx_page("429 Too Many Requests", "awselb/2.0"), "awselb/2.0"),
        (
            "HTTP/1.1 413 Request Entity Too Large\nServer: nginx\n\n".to_string()
                + &nginx_page("413 Request Entity Too Large", "nginx"),
            "nginx",
        ),
        (
            "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>503 Service Unavailable</title>\n</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems.</p>\n<hr>\n<address>Apache/2.4.57 (Debian) Server at shop.example.com Port 443</address>\n</body></html>".to_string(),
            "Apache/2.4.57 (Debian)",
        ),
    ] {
        let a = analyze(&page, &catalog);
        assert!(!a.identified(), "{page}");
        assert!(a.errors.iter().all(|e| e.matched().is_none()), "{page}");
        let said = a.warnings.join(" ");
        assert!(said.contains("Not an APIG error") && said.contains(says), "{said}");
    }
}

#[test]
fn pages_that_name_no_server_or_no_error_say_what_is_missing() {
    let catalog = Catalog::embedded();
    let anonymous = "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>";
    let a = analyze(anonymous, &catalog);
    assert!(a.errors.is_empty(), "{a:?}");
    assert!(
        a.warnings.join(" ").contains("does not say which server"),
        "{:?}",
        a.warnings
    );

    let welcome = "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1><p>If you see this page, the nginx web server is successfully installed and working.</p></body></html>";
    let a = analyze(welcome, &catalog);
    assert!(!a.identified());
    assert!(
        a.warnings.join(" ").contains("names no error status"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn a_custom_error_page_with_a_message_is_read_like_prose() {
    let catalog = Catalog::embedded();
    let page = "<html><head><title>Error</title></head><body><h1>Sorry</h1><p>The throttling threshold has been reached.</p><hr><center>api-gateway</center></body></html>";
    let a = analyze(page, &catalog);
    let c = a.errors[0].matched().unwrap_or_else(|| panic!("{a:?}"));
    assert_eq!(catalog.entries[c.row].code(), "APIG.0308");
}

/// Calling-APIs messages of at least `LONG_RUN_WORDS` words.
fn long_messages(catalog: &Catalog) -> Vec<String> {
    calling_messages(catalog)
        .into_iter()
        .filter(|m| m.split_whitespace().count() >= super::prose::LONG_RUN_WORDS)
        .collect()
}

#[test]
fn a_long_message_written_out_mid_sentence_is_as_sure_as_the_bare_message() {
    let catalog = Catalog::embedded();
    let long = long_messages(&catalog);
    assert!(long.len() >= 5, "{long:?}");
    for message in long {
        let bare = analyze(&message, &catalog);
        let bare = best(&bare).unwrap().confidence;
        let lower = message.to_lowercase();
        for sentence in [
            format!("since this morning the gateway says {message} for every call"),
            format!("our partner reports that {lower} whenever they call the orders service"),
            format!("Hi team, mobile users get {message} after the upgrade, please check"),
        ] {
            let a = analyze(&sentence, &catalog);
            let e = &a.errors[0];
            let c = best(&a).unwrap_or_else(|| panic!("{sentence}: {a:?}"));
            assert_eq!(message_of(&catalog, c), message, "{sentence}");
            assert!(
                (c.confidence - bare).abs() < 1e-6,
                "{sentence}: {} where the bare message has {bare}",
                c.confidence
            );
            // The error's message is the message found, not the sentence around it.
            let said = e.message.as_deref().unwrap_or_default();
            assert!(said.eq_ignore_ascii_case(&message), "{sentence}: {said:?}");
        }
    }
}

#[test]
fn the_message_of_an_error_found_in_prose_or_a_page_is_the_message_not_the_prose() {
    let catalog = Catalog::embedded();
    for (text, message) in [
        (
            "calls die with \"Backend signature calculation failed\" (500) since 10:00 today.",
            "Backend signature calculation failed",
        ),
        (
            "customer pasted only this from their console: The IP address is not authorized to access the API. It started at 09:12.",
            "The IP address is not authorized to access the API",
        ),
        (
            "<html><head><title>Error</title></head><body><p>Our gateway answered: The throttling threshold has been reached. We are on it since 10:00 today.</p><hr><center>api-gateway</center></body></html>",
            "The throttling threshold has been reached",
        ),
    ] {
        let a = analyze(text, &catalog);
        let e = &a.errors[0];
        assert!(e.matched().is_some(), "{text}: {a:?}");
        assert_eq!(e.message.as_deref(), Some(message), "{text}");
    }
    // A guess keeps what the text said: its words are not surely the gateway's message.
    let sentence = "we see backend timeout on every call since the release";
    let a = analyze(sentence, &catalog);
    assert!(a.errors[0].matched().is_none());
    assert_eq!(a.errors[0].message.as_deref(), Some(sentence));
}
