//! An HTML error page, as a browser shows it when a proxy or the gateway answers with one
//! instead of an error JSON: `<title>504 Gateway Time-out</title>`, the same in `<h1>`,
//! and the server's name in the footer (`<hr><center>api-gateway</center>`, Apache's
//! `<address>`). Its status and server are evidence like a status line and a `Server`
//! header, so a page pasted alone is read as well as one with its headers.

use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::fold;
use crate::http_status;
use crate::pattern::re;

/// ASCII classes only: a Unicode word boundary would make the regex crawl through a
/// 16 MB log that is no page at all.
static HTML: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i-u)<(?:!doctype\s+html|html|head|body|title)[\s>/]"));
static TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"(?is)<title[^>]*>(.*?)</title\s*>"));
static H1: LazyLock<Regex> = LazyLock::new(|| re(r"(?is)<h1[^>]*>(.*?)</h1\s*>"));
/// nginx and its kin: the server's name centred under a rule.
static FOOTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?is)<hr\s*/?>\s*<center[^>]*>\s*([^<]{1,100}?)\s*</center\s*>"));
/// Apache: `<address>Apache/2.4.41 (Ubuntu) Server at example.com Port 443</address>`.
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?is)<address[^>]*>\s*([^<]{1,200}?)\s*</address\s*>"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\b([1-5]\d\d)\b"));
/// What a browser does not show: scripts, styles, comments, and the head.
static HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<head\b.*?</head\s*>")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)<[^>]*>"));

/// What an HTML page says about the response it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Page {
    /// The status its title or heading names ("504 Gateway Time-out" is 504).
    pub(crate) status: Option<u16>,
    /// The title, or the heading when there is no title.
    pub(crate) title: Option<String>,
    /// The server the footer names.
    pub(crate) server: Option<String>,
    /// The text a browser shows besides the title, heading and footer (a custom error
    /// page may hold a message there).
    pub(crate) text: String,
}

/// Whether `text` holds an HTML page (markup, not a mention of it).
pub(crate) fn is_html(text: &str) -> bool {
    text.contains('<') && HTML.is_match(text)
}

/// The page `text` holds, if it holds one.
pub(crate) fn page(text: &str) -> Option<Page> {
    // A transcript's status line and headers before the markup are no part of the page.
    if !text.contains('<') {
        return None;
    }
    let text = text.get(HTML.find(text)?.start()..)?;
    let title = inner_text(&TITLE, text);
    let heading = inner_text(&H1, text);
    let status = [&title, &heading]
        .into_iter()
        .flatten()
        .find_map(|t| status_named(t));
    let footer = FOOTER
        .captures(text)
        .or_else(|| ADDRESS.captures(text))
        .map(|c| collapse(&c[1]))
        .filter(|s| !s.is_empty());
    let server = footer.as_deref().map(server_name);
    Some(Page {
        status,
        text: shown_text(text, [&title, &heading, &footer]),
        title: title.or(heading),
        server,
    })
}

/// Whether a server name is the API gateway's own (the `Server` header or a page footer).
pub(crate) fn from_gateway(server: &str) -> bool {
    let server = server.to_ascii_lowercase();
    ["api-gateway", "apig", "apigateway"]
        .iter()
        .any(|name| server.contains(name))
}

fn inner_text(pattern: &Regex, text: &str) -> Option<String> {
    let inner = pattern.captures(text)?;
    let plain = collapse(&TAG.replace_all(&inner[1], " "));
    Some(plain).filter(|t| !t.is_empty())
}

/// The status a title or heading names: a number it starts with ("413 Request Entity Too
/// Large"), one after "error" or "status" ("Error 429 (Too Many Requests)"), or one beside
/// its reason phrase ("example.com | 502: Bad gateway"). "Top 500 Songs" names none.
fn status_named(title: &str) -> Option<u16> {
    let number = NUMBER.captures(title)?;
    let status: u16 = number[1].parse().ok().filter(|s| (400..600).contains(s))?;
    let before = fold(title.get(..number.get(1)?.start()).unwrap_or_default());
    let starts = before.trim().is_empty();
    let named = before.contains("error") || before.contains("status");
    let phrase = letters(http_status::reason(status).0);
    let with_phrase = !phrase.is_empty() && letters(title).contains(&phrase);
    (starts || named || with_phrase).then_some(status)
}

/// Lower-case letters only: "Gateway Time-out" and "Gateway Timeout" are one phrase.
fn letters(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// "Apache/2.4.41 (Ubuntu) Server at example.com Port 443" is served by Apache/2.4.41
/// (Ubuntu); a footer of nginx is the server as it stands.
fn server_name(footer: &str) -> String {
    footer
        .split(" Server at ")
        .next()
        .unwrap_or(footer)
        .to_string()
}

/// The visible text without what the page's title, heading and footer already say.
fn shown_text(text: &str, said: [&Option<String>; 3]) -> String {
    let visible = HIDDEN.replace_all(text, " ");
    let visible = TAG.replace_all(&visible, "\n");
    visible
        .lines()
        .map(collapse)
        .filter(|line| !line.is_empty())
        .filter(|line| !said.iter().any(|s| s.as_deref() == Some(line.as_str())))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NGINX_504: &str = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>api-gateway</center>\r\n</body>\r\n</html>\r\n<!-- a padding to disable MSIE and Chrome friendly error page -->";

    #[test]
    fn an_nginx_style_page_names_status_and_server_and_shows_nothing_else() {
        let page = page(NGINX_504).unwrap();
        assert_eq!(page.status, Some(504));
        assert_eq!(page.server.as_deref(), Some("api-gateway"));
        assert_eq!(page.title.as_deref(), Some("504 Gateway Time-out"));
        assert_eq!(page.text, "");
    }

    #[test]
    fn titles_name_a_status_only_as_an_error_page_does() {
        for (title, status) in [
            ("413 Request Entity Too Large", Some(413)),
            ("Error 429 (Too Many Requests)", Some(429)),
            ("example.com | 502: Bad gateway", Some(502)),
            ("HTTP Status 500 – Internal Server Error", Some(500)),
            ("Top 500 Songs", None),
            ("Order 404 of 900", None),
            ("200 OK", None),
        ] {
            assert_eq!(status_named(title), status, "{title}");
        }
    }

    #[test]
    fn apache_names_itself_in_the_address_and_custom_text_is_kept() {
        let apache = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n<h1>Proxy Error</h1>\n<p>The proxy server received an invalid response from an upstream server.</p>\n<hr>\n<address>Apache/2.4.41 (Ubuntu) Server at shop.example.com Port 443</address>\n</body></html>";
        let page = page(apache).unwrap();
        assert_eq!(page.status, Some(502));
        assert_eq!(page.server.as_deref(), Some("Apache/2.4.41 (Ubuntu)"));
        assert!(
            page.text
                .contains("The proxy server received an invalid response"),
            "{}",
            page.text
        );
        assert!(!page.text.contains("Apache"), "{}", page.text);
    }

    #[test]
    fn text_that_only_mentions_html_is_no_page() {
        assert_eq!(page("the console shows an html page with 504 in it"), None);
        assert!(from_gateway("api-gateway") && !from_gateway("nginx/1.18.0"));
    }
}
