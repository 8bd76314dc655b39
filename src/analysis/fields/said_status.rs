//! A status a sentence states: "the call gets a 429", "it returned an HTTP 403", "fails
//! with a 503", "a 401 error", "error 502", "429 Client Error: Too Many Requests for url"
//! (Python `requests`), "返回403错误", "收到 429", and so in Spanish, German, French,
//! Portuguese and Traditional Chinese ("falla con 504", "schlägt mit 502 fehl", "le code
//! 401", "falha com 503", "回傳401"). A number in prose is a status only when the words
//! around it say so: not "we got 429 orders", "port 443", "line 404", "returned 404 rows",
//! "收到200条数据", "schlägt mit 502 Datensätzen fehl". The words that made it one are
//! kept ([`Said::words`]): the answer names them, as a reader cannot see which number a
//! sentence's status was read from.

use std::sync::LazyLock;

use regex::Regex;

use super::UNIT_AFTER;
use crate::pattern::re;

/// A verb that says what came back, then perhaps an article and words that name the
/// number (`an HTTP`, `status`, `error code`), then the number.
static AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:gets?|got|getting|gotten|returns?|returned|returning|receiv(?:e|es|ed|ing)|(?:respond(?:s|ed|ing)?|answer(?:s|ed)?|fail(?:s|ed|ing)?|errors?|errored|comes?|came|end(?:s|ed)?)\s+(?:back\s+)?with|(?:fall(?:a|an|ó|o|aron|ando)|respond(?:e|en|ió|io)|termin(?:a|an|ó))\s+con|(?:répond\w*|repond\w*)\s+avec|(?:falh(?:a|am|ou|ando)|respond(?:e|em|eu))\s+com|throws?|threw|results?\s+in|resulted\s+in|hits?|hitting|sees?|saw|seeing|gives?|gave|giving|says|said|shows?|showed|showing|(?:fail(?:s|ed|ing)?|response|respuesta|antwort|réponse|resposta)\s*[:：]|devuelven?|devolvió|recib\w+|obten\w+|bekomm\w+|erhalt\w+|liefert|renvoie|reçoi\w+|rece\w+|retorna)(?:\s+(?:an?|the|this|that|same|another|https?|error|status|code|response|un|una|el|la|ein|einen|eine|le|une|um|uma|fehler|erreur))*\s+(\d{3})(?-u:\b)",
    )
});
/// `a 401 error`, `the 429 response`, `HTTP error 403`, `error 502` (`Fehler 503`,
/// `erreur 502`, `erro 500`): a number beside the
/// word error or response (one error: "500 errors" is as often a count).
static BESIDE_ERROR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(\d{3})[ -](?:error|response)(?-u:\b)|(?-u:\b)(?:error|fehler|erreur|erro)\s+(\d{3})(?-u:\b)",
    )
});
/// Python `requests`' `raise_for_status`: `429 Client Error: Too Many Requests for url`.
static REQUESTS_ERROR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)([1-5]\d{2}) (Client|Server) Error: "));
/// Chinese, Simplified or Traditional: a verb (`返回`, `回傳`, `报`, `收到`, `出現`), then
/// the number (`返回403`, `报了 429`, `收到HTTP 401`, `回傳401`), or the number then `错误`
/// (`429错误`, `401錯誤`).
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:返回|回传|回傳|传回|傳回|报|報|收到|出现|出現|遇到|得到|响应|響應|回应|回應|提示|抛出|拋出)了?\s*(?:一个|一個|个|個)?\s*(?:HTTP\s*)?(?:状态码?|狀態碼?|错误码?|錯誤碼?)?\s*[:：为為是]?\s*(\d{3})|(\d{3})\s*(?:错误|錯誤|报错|報錯|异常|異常)",
    )
});
/// Sentences the verb of [`AFTER_VERB`] cannot read: German's verb around the number
/// ("schlägt mit 502 fehl", "scheitert mit 503", "antwortet mit 401"), French's "échoue
/// avec 502" (its first letter is no ASCII word's) and "le code 401" ("avec le code
/// HTTP 403", "un code d'erreur 429"). Each form's number is its own group.
static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|[^\p{L}\d])(?:schl(?:ä|ae|a)(?:gt|gen)\s+(?:\p{L}+\s+){0,3}?mit\s+(?:(?:einem|einer|dem|http|status|fehler|code|statuscode)\s+)*(\d{3})\s+fehl|(?:scheiter\w*|antwortet|antworten|endet|enden)\s+mit\s+(?:(?:einem|einer|dem|http|status|fehler|code|statuscode)\s+)*(\d{3})|(?:échou\w*|echou\w*)\s+avec\s+(?:(?:une?|le|la|l'|erreur|code|http|statut)\s+)*(\d{3})|(?:le|du|un|avec\s+le|en)\s+code\s+(?:(?:http|d'erreur|d’erreur|erreur|de\s+statut|de\s+retour|retour|statut)\s+)?(\d{3}))(?-u:\b)",
    )
});

/// Words that may follow a status a verb names (`got 429 from the gateway`, `returns 401
/// when …`): anything else after it (`orders`, `rows`, `times`) makes the number a count.
const FOLLOWERS: &[&str] = &[
    "error",
    "status",
    "response",
    "code",
    "reply",
    "answer",
    "http",
    "from",
    "when",
    "whenever",
    "on",
    "for",
    "again",
    "and",
    "but",
    "with",
    "in",
    "at",
    "after",
    "since",
    "now",
    "because",
    "while",
    "every",
    "each",
    "to",
    "if",
    "or",
    "instead",
    "back",
    "the",
    "all",
    "also",
    "too",
    "as",
    "immediately",
    "sometimes",
    "intermittently",
    "randomly",
    "occasionally",
    "always",
    "still",
    "only",
    "even",
    "though",
    "although",
    "so",
    "then",
    "there",
    "here",
    "today",
    "yesterday",
    "twice",
    "once",
    "repeatedly",
    "constantly",
    "consistently",
    "by",
    "via",
    // Spanish, German, French, Portuguese ("error 429 al llamar", "Fehler 429 beim Aufruf").
    "al",
    "en",
    "cuando",
    "con",
    "desde",
    "para",
    "bei",
    "beim",
    "seit",
    "wenn",
    "mit",
    "lors",
    "quand",
    "depuis",
    "avec",
    "pour",
    "ao",
    "quando",
    "em",
    "sur",
    "dès",
    "et",
    "mais",
    "und",
    "aber",
    "e",
    "y",
    "pero",
];
/// Words before a number that make it something else's (`line 404`, `port 443`, `order
/// 500`).
const NOT_A_STATUS_AFTER: &[&str] = &[
    "line", "lines", "port", "row", "rows", "column", "col", "page", "item", "items", "order",
    "orders", "case", "step", "ticket", "no", "number", "id", "version", "build", "room", "pid",
    "worker", "thread", "user", "attempt", "retry", "issue", "pr", "bug", "node",
];
/// Chinese that may follow the number of [`CHINESE`]'s verb form.
const CHINESE_FOLLOWERS: &[&str] = &[
    "错误", "状态", "响应", "报错", "异常", "錯誤", "狀態", "響應", "回應", "報錯", "異常",
];

/// A status a sentence states, with the words that say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Said {
    pub(super) status: u16,
    /// The sentence's words from its verb or noun to the number (`fails with 502`,
    /// `schlägt mit 502 fehl`, `回傳401`), as written.
    pub(super) words: String,
}

/// The status the prose of `text` (read narrowed) states, if any, with its words.
pub(super) fn said(text: &str) -> Option<Said> {
    requests_error(text)
        .or_else(|| after_verb(text))
        .or_else(|| beside_error(text))
        .or_else(|| worded(text))
        .or_else(|| chinese(text))
        .map(|(status, words)| Said {
            status,
            words: words
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string(),
        })
}

/// `requests`' message: the class it names is the number's (4xx client, 5xx server).
fn requests_error(text: &str) -> Option<(u16, &str)> {
    REQUESTS_ERROR.captures_iter(text).find_map(|c| {
        if ends_a_number(text, c.get(1)?.start()) {
            return None;
        }
        let status: u16 = c[1].parse().ok()?;
        let class = if &c[2] == "Client" { 4 } else { 5 };
        (status / 100 == class).then_some((status, c.get(0)?.as_str()))
    })
}

fn after_verb(text: &str) -> Option<(u16, &str)> {
    AFTER_VERB.captures_iter(text).find_map(|c| {
        let number = c.get(1)?;
        let after = text.get(number.end()..).unwrap_or_default();
        let status = status(number.as_str())?;
        followed_as_status(status, after).then_some((status, words(text, &c, number)))
    })
}

/// The words of a match `c` of `text`, from its start to its `number`'s end.
fn words<'t>(text: &'t str, c: &regex::Captures<'t>, number: regex::Match<'t>) -> &'t str {
    let start = c.get(0).map_or(number.start(), |m| m.start());
    text.get(start..number.end()).unwrap_or_default()
}

fn beside_error(text: &str) -> Option<(u16, &str)> {
    BESIDE_ERROR.captures_iter(text).find_map(|c| {
        let number = c.get(1).or_else(|| c.get(2))?;
        let status = status(number.as_str()).filter(|s| *s >= 400)?;
        let before = text.get(..number.start()).unwrap_or_default();
        let word: String = before
            .trim_end_matches(|c: char| c.is_whitespace() || c == '#')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        // `error 404 times`: a count after all.
        let after = text.get(number.end()..).unwrap_or_default();
        let counted = c.get(2).is_some() && !followed_as_status(status, after);
        (!NOT_A_STATUS_AFTER.contains(&word.as_str())
            && !counted
            && !ends_a_number(text, number.start()))
        .then_some((status, c.get(0)?.as_str()))
    })
}

/// [`WORDED`]'s forms: German's `… mit 502 fehl` is a status by its verb's end; the
/// others, as a verb's number, by what follows the number (not `mit 502 Datensätzen`).
fn worded(text: &str) -> Option<(u16, &str)> {
    if !spaced_keyword(text) {
        return None;
    }
    WORDED.captures_iter(text).find_map(|c| {
        let whole = c.get(0)?;
        if let Some(number) = c.get(1) {
            return status(number.as_str()).map(|s| (s, whole.as_str()));
        }
        let number = c.iter().skip(2).flatten().next()?;
        let status = status(number.as_str())?;
        let after = text.get(number.end()..).unwrap_or_default();
        followed_as_status(status, after).then_some((status, words(text, &c, number)))
    })
}

/// Whether `text` holds `mit`, `avec` or `code` (ASCII case aside) right after white
/// space, as each of [`WORDED`]'s forms writes its word (`\s+mit`, `\s+avec`,
/// `\s+code`): text without one (`"error_code":`, a log line's words) is not searched.
fn spaced_keyword(text: &str) -> bool {
    let mut spaced = false;
    text.char_indices().any(|(i, c)| {
        let here = spaced && {
            let rest = text.as_bytes().get(i..).unwrap_or_default();
            ["mit", "avec", "code"].iter().any(|w| {
                rest.get(..w.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
            })
        };
        spaced = c.is_whitespace();
        here
    })
}

fn chinese(text: &str) -> Option<(u16, &str)> {
    // Each of the pattern's forms holds Chinese: ASCII text is not read for it (its
    // number first form has no literal to skip ahead to, and reads all of a line).
    if text.is_ascii() {
        return None;
    }
    CHINESE.captures_iter(text).find_map(|c| {
        let whole = c.get(0)?.as_str();
        if let Some(number) = c.get(1) {
            let after = text.get(number.end()..).unwrap_or_default().trim_start();
            let ends = after
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() && c != '.');
            let named = CHINESE_FOLLOWERS.iter().any(|f| after.starts_with(f));
            let status = status(number.as_str())?;
            return (ends || named || followed_as_status(status, after)).then_some((status, whole));
        }
        let number = c.get(2)?;
        // `第404行` is a line; a number glued to other digits or letters is no status.
        let before = text.get(..number.start()).unwrap_or_default();
        let glued = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '第');
        status(number.as_str())
            .filter(|s| *s >= 400 && !glued)
            .map(|s| (s, whole))
    })
}

/// Whether the digits at `start` of `text` end a longer number: the milliseconds of a
/// log line's time (`10:34:53,562 ERROR`), a decimal's fraction or a thousands group
/// (`1,500 error responses`). Such digits are no status of their own.
pub(super) fn ends_a_number(text: &str, start: usize) -> bool {
    let before = text.as_bytes().get(..start).unwrap_or_default();
    matches!(before, [.., d, b',' | b'.' | b':'] if d.is_ascii_digit())
}

/// A number of three ASCII digits that is an HTTP status (100 to 599).
fn status(number: &str) -> Option<u16> {
    number
        .parse::<u16>()
        .ok()
        .filter(|s| (100..600).contains(s))
}

/// Whether what follows a number (`after`) leaves it a status: the end of the text or a
/// sentence's punctuation, a word of [`FOLLOWERS`], the status's reason phrase, or
/// Chinese that names it (`错误`); not a unit (`504 ms`) nor a noun it counts.
fn followed_as_status(status: u16, after: &str) -> bool {
    if UNIT_AFTER.is_match(after) {
        return false;
    }
    let rest = after.trim_start();
    let Some(first) = rest.chars().next() else {
        return true;
    };
    if CHINESE_FOLLOWERS.iter().any(|f| rest.starts_with(f)) {
        return true;
    }
    if !first.is_alphanumeric() {
        return !matches!(first, '-' | '/' | '%' | '$');
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let letters: String = rest
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    let phrase: String = crate::http_status::reason(status)
        .0
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    FOLLOWERS.contains(&word.as_str()) || (!phrase.is_empty() && letters.starts_with(&phrase))
}

#[cfg(test)]
mod tests {
    use super::{said, spaced_keyword};

    #[test]
    fn the_words_of_the_worded_forms_stand_after_white_space() {
        for (text, want) in [
            ("Der Aufruf schlägt mit 502 fehl", true),
            ("l'appel échoue\u{a0}AVEC 502", true),
            ("l'appel échoue\u{a0}avec 502", true),
            ("répond avec le code 401", true),
            ("le\tCode 401", true),
            (r#"{"error_code":"APIG.0308","submit":"x"}"#, false),
            ("limit: 200, encode 401", false),
            ("mit 502 at the start", false),
        ] {
            assert_eq!(spaced_keyword(text), want, "{text}");
        }
        // A sentence the check lets through is still read.
        assert_eq!(
            said("Der Aufruf schlägt mit 502 fehl").map(|s| s.status),
            Some(502)
        );
    }

    fn said_status(text: &str) -> Option<u16> {
        said(text).map(|s| s.status)
    }

    #[test]
    fn a_number_the_words_call_a_status_is_one() {
        for (text, want) in [
            ("However now the POST /v1/orders call gets a 429:", 429),
            ("the upload returns HTTP 403 since Monday", 403),
            (
                "Since this morning every call returned a 401 Unauthorized.",
                401,
            ),
            ("It keeps failing with 503 when the batch runs", 503),
            ("we got an error 429 from the gateway", 429),
            ("We receive a 504 on every third request", 504),
            ("the gateway responds with 401", 401),
            ("a 401 error on login", 401),
            ("Got 502 error", 502),
            ("HTTP error 403 for the admin API", 403),
            (
                "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://a/b",
                429,
            ),
            (
                "HTTPError: 503 Server Error: Service Unavailable for url",
                503,
            ),
            ("接口返回403错误", 403),
            ("调用时报了 429，请帮忙看看", 429),
            ("收到HTTP 401", 401),
            ("接口返回 429 error", 429),
            ("一直出现502错误", 502),
            ("the call gets a 429", 429),
            ("tenemos error 429 al llamar a la API", 429),
            ("Fehler 503 beim Aufruf der API", 503),
            ("attempt 1 failed: 429 {\"error_code\":\"APIG.0308\"}", 429),
            (
                "unexpected response: 401 {\"error_code\":\"APIG.0301\"}",
                401,
            ),
            ("la API devuelve un 403 desde ayer", 403),
            ("wir bekommen 502 seit heute", 502),
            // Other languages' verbs and nouns.
            ("la llamada falla con 504 desde las diez", 504),
            ("las peticiones fallan con un 503", 503),
            ("der Aufruf schlägt mit 502 fehl", 502),
            ("Der Upload schlägt leider immer mit HTTP 413 fehl.", 413),
            ("jeder Aufruf scheitert mit 401", 401),
            ("l'appel échoue avec une erreur 500", 500),
            ("l'API renvoie le code 401 depuis ce matin", 401),
            ("nous avons le code 403 sur chaque appel", 403),
            ("avec le code HTTP 429.", 429),
            ("a chamada falha com 503 desde ontem", 503),
            ("呼叫介面一直回傳401", 401),
            ("伺服器傳回 502，請協助", 502),
            ("出現401錯誤", 401),
            ("we retried and got a 429 back", 429),
        ] {
            assert_eq!(said_status(text), Some(want), "{text}");
        }
    }

    #[test]
    fn a_number_counted_or_named_otherwise_is_no_status() {
        for text in [
            "we got 429 orders today",
            "the query returned 404 rows",
            "listening on port 443",
            "see line 404 error in app.py",
            "line 404",
            "We see 500 errors per minute",
            "returned 200 items in 503 ms",
            "got 429 3 times",
            "收到200条数据",
            "第404行错误",
            "order 500 failed",
            "error 404 times in the log",
            "HTTPError: 429 Server Error: whatever",
            "attempt 3 failed: 404 rows missing",
            "error 404 veces en el log",
            "We sent 502 requests and all went through in 504 ms on port 443",
            "la carga falla con 504 ms de latencia",
            "Der Job schlägt mit 502 Datensätzen fehl.",
            "der Export scheitert mit 429 Zeilen",
            "le code postal 750 est faux",
            "l'import échoue avec 404 lignes rejetées",
            "回傳200筆資料",
            "2026-12-07 10:34:53,562 ERROR svc-8 call failed",
            "10:34:53.504 ERROR backend call failed",
            "we logged 1,500 error responses overnight",
        ] {
            assert_eq!(said_status(text), None, "{text}");
        }
    }

    #[test]
    fn the_words_that_made_a_number_a_status_are_kept() {
        for (text, words) in [
            (
                "since Monday the call fails with 502, please check",
                "fails with 502",
            ),
            ("la API falla con 504", "falla con 504"),
            ("Der Aufruf schlägt mit 502 fehl", "schlägt mit 502 fehl"),
            ("l'API renvoie le code 401", "renvoie le code 401"),
            ("呼叫一直回傳401，請協助", "回傳401"),
            ("got a 429 back", "got a 429"),
        ] {
            assert_eq!(
                said(text).map(|s| s.words).as_deref(),
                Some(words),
                "{text}"
            );
        }
    }
}
