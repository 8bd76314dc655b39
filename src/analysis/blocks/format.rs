//! The shape a paste was read as ("HTTP response", "log", "SDK exception"), shown with
//! the analysis.

use super::has_status_line;
use crate::analysis::fields::has_code;

/// A short name for the shape of the input, shown with the analysis.
pub(crate) fn format_of(text: &str) -> String {
    let trimmed = text.trim();
    let lines: Vec<&str> = trimmed.lines().collect();
    let name = if lines.iter().any(|l| l.starts_with("> "))
        && lines.iter().any(|l| l.starts_with("< "))
    {
        "curl -v transcript"
    } else if has_status_line(trimmed) {
        "HTTP response"
    } else if trimmed.starts_with('<') && crate::analysis::html::is_html(trimmed) {
        "HTML page"
    } else if trimmed.starts_with('{') && serde_json::from_str::<serde_json::Value>(trimmed).is_ok()
    {
        "JSON body"
    } else if trimmed.starts_with('{') {
        "JSON-like text"
    } else if lines.iter().filter(|l| starts_with_time(l)).count() >= 2 {
        // Lines that begin with their time are a log, whatever one of them holds (an
        // exception's name in a log line does not make the paste an SDK exception).
        "log"
    } else if trimmed.contains("Exception") {
        "SDK exception"
    } else if lines.len() == 1 && has_code(trimmed) && trimmed.len() <= 16 {
        "error code"
    } else if lines.len() > 1 {
        "log"
    } else {
        "text"
    };
    name.to_string()
}

/// A line that begins as a log line does: with a date or time (`2026-11-27T06:38:00Z`,
/// `06:38:00`, `[27/Nov/2026:…`).
fn starts_with_time(line: &str) -> bool {
    line.trim_start()
        .trim_start_matches('[')
        .starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::format_of;

    #[test]
    fn a_log_that_mentions_an_exception_is_a_log_and_a_stack_trace_an_exception() {
        let log = "2026-11-27T06:38:00Z ERROR APIG.0201 status=504\n\
                   2026-11-27T06:38:02Z WARN retry failed: java.net.SocketTimeoutException\n\
                   [27/Nov/2026:06:38:03 +0000] \"GET /v1/x HTTP/1.1\" 429 86\n";
        assert_eq!(format_of(log), "log");
        let trace = "com.huaweicloud.sdk.core.exception.ServiceResponseException: APIG.0301\n\
                     \tat com.huaweicloud.sdk.core.HcClient.invoke(HcClient.java:120)\n";
        assert_eq!(format_of(trace), "SDK exception");
    }
}
