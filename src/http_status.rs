//! Reason phrases for the HTTP statuses the catalogs use, with a note where the
//! status is not a standard one, so the detail pane can explain it.

/// The reason phrase of `status`, and a note when it is non-standard.
pub(crate) fn reason(status: u16) -> (&'static str, Option<&'static str>) {
    match status {
        200 => ("OK", None),
        201 => ("Created", None),
        204 => ("No Content", None),
        400 => ("Bad Request", None),
        401 => ("Unauthorized", None),
        403 => ("Forbidden", None),
        404 => ("Not Found", None),
        405 => (
            "Method Not Allowed",
            Some("APIG uses 405 for app quota and frozen-app errors, not only for wrong methods."),
        ),
        408 => ("Request Timeout", None),
        409 => ("Conflict", None),
        412 => ("Precondition Failed", None),
        413 => ("Content Too Large", None),
        414 => ("URI Too Long", None),
        415 => ("Unsupported Media Type", None),
        429 => ("Too Many Requests", None),
        494 => (
            "Request Header Too Large",
            Some("Non-standard: nginx's status for a request header that is too large."),
        ),
        499 => (
            "Client Closed Request",
            Some("Non-standard: nginx's status when the client closed the connection first."),
        ),
        500 => ("Internal Server Error", None),
        501 => ("Not Implemented", None),
        502 => ("Bad Gateway", None),
        503 => ("Service Unavailable", None),
        504 => ("Gateway Timeout", None),
        _ => ("", None),
    }
}

/// Whether `status` is an error status a server sends: registered with IANA, or nginx's
/// 494 and 499. A bare number beside a code that is none (`APIG.0201     512`, a count
/// in a table) is not read as a status.
pub(crate) fn registered_error(status: u16) -> bool {
    matches!(status, 400..=418 | 421..=426 | 428 | 429 | 431 | 451 | 494 | 499 | 500..=508 | 510 | 511)
}

/// "413 Content Too Large", or just the number for an unknown status.
pub(crate) fn with_reason(status: u16) -> String {
    match reason(status).0 {
        "" => status.to_string(),
        phrase => format!("{status} {phrase}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_no_registered_error_status() {
        for status in [400, 401, 403, 404, 413, 429, 431, 494, 502, 504] {
            assert!(registered_error(status), "{status}");
        }
        for status in [200, 420, 432, 512, 599, 477] {
            assert!(!registered_error(status), "{status}");
        }
    }

    #[test]
    fn nginx_494_is_explained() {
        let (phrase, note) = reason(494);
        assert_eq!(phrase, "Request Header Too Large");
        assert!(note.unwrap().contains("nginx"));
    }

    #[test]
    fn unknown_status_is_just_the_number() {
        assert_eq!(with_reason(429), "429 Too Many Requests");
        assert_eq!(with_reason(599), "599");
    }
}
