//! Codes named in passing: "the docs say APIG.0201 means …", "INFO retry-policy: treating
//! APIG.0308 as retryable", "it was APIG.0303 on Friday". Such a code is written inside a
//! sentence, not reported by a response, an exception or a log record, and it may be
//! quoted from documentation, a runbook or an earlier incident. Matching never calls
//! its row the match on that alone, and an analysis that also holds a reported error
//! does not count it (a ticket quoting the docs above the customer's response held one
//! error, not two).
//!
//! A code is *reported* when what stands before it on its line is a key or a separator
//! (`"error_code":"`, `code=`, `[`, `(`), a status (`401 APIG.0303`), only a time and a
//! level (`10:00:02 ERROR APIG.0308 …`), or a word that says an error came back
//! (`returned`, `failed with`, `error`). Every other word before it makes it a code
//! named in passing.

mod now;
mod replaced;

pub(crate) use replaced::{replaced, replaced_lines};

/// Words whose last letters name a field that holds a code (`error_code`, `errorCode`,
/// `ErrCode`, `错误码`): compared with the word before the code, lower-cased, without
/// `_` and `-`.
const KEYS: &[&str] = &[
    "code",
    "error",
    "err",
    "errno",
    "exception",
    "fault",
    "failure",
    "código",
    "codigo",
    "fehler",
    "erreur",
    "erro",
    "错误码",
    "错误代码",
    "错误编码",
    "返回码",
    "错误",
    "报错",
    "异常",
    // Traditional Chinese.
    "錯誤碼",
    "錯誤代碼",
    "錯誤",
    "報錯",
    "異常",
];

/// Words saying that the code came back from a call: a report, not a quotation.
const REPORTS: &[&str] = &[
    "with",
    "returned",
    "returns",
    "return",
    "returning",
    "got",
    "get",
    "gets",
    "getting",
    "received",
    "receives",
    "receiving",
    "failed",
    "fails",
    "failing",
    "fail",
    "throws",
    "threw",
    "thrown",
    "raised",
    "raises",
    "response",
    "responded",
    "responds",
    "answered",
    "answers",
    "gives",
    "gave",
    "giving",
    "hit",
    "hits",
    "hitting",
    "saw",
    "sees",
    "seeing",
    "reports",
    "reported",
    "reporting",
    "status",
    "reason",
    "kommt",
    "kommen",
    "bekommen",
    "bekommt",
    "erhalten",
    "liefert",
    "sehen",
    "sieht",
    "vemos",
    "voyons",
    "gibt",
    "con",
    "falla",
    "fallan",
    "devuelve",
    "devuelven",
    "recibimos",
    "obtenemos",
    "recibe",
    "aparece",
    "avec",
    "renvoie",
    "retourne",
    "reçoit",
    "recevons",
    "obtenons",
    "retorna",
    "retornou",
    "devolve",
    "recebe",
    "recebemos",
    "obtemos",
    "返回",
    "收到",
    "报",
    "出现",
    "提示",
    "遇到",
    "回傳",
    "傳回",
    "報",
    "出現",
    // What a call gives now, after an earlier error: "ahora nos sale APIG.0304",
    // "现在变成APIG.0201了", "现在是APIG.0201".
    "sale",
    "salen",
    "变成",
    "变为",
    "成了",
    "现在",
    "现在是",
];

/// Short report words compared whole, not as a word's end ("com" is no "telecom", and
/// no `.com` of a domain; "mit" no "limit"; French "on a eu" no "peu").
const REPORTS_WHOLE: &[&str] = &["com", "mit", "kam", "gab", "eu", "reçu", "obtenu"];

/// "Now" right before a code ("every other call fails now, APIG.0308", "jetzt
/// APIG.0308"): the error is happening, not named; compared whole ("know" is no "now").
const NOW: &[&str] = &["now", "jetzt", "ahora", "maintenant", "agora"];

/// Log levels: a line with only a time and a level before the code reports it.
const LEVELS: &[&str] = &[
    "error", "err", "warn", "warning", "fatal", "severe", "critical", "crit", "info", "debug",
    "trace", "notice", "alert", "emerg", "e", "w", "i", "f",
];

/// What stands before a code on its line, as far as it says whether the code is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Before {
    /// A log line at a failure level (`ERROR`, `WARN`, logcat's `E/`).
    FailureLevel,
    /// A key that holds a code (`"error_code":"`, `code=`, `错误码：`).
    Key,
    /// A word that says the code came back (`returned`, `failed with`, `收到`).
    ReportWord,
    /// Anything else that reports it: a separator, a status, only a time and a level.
    Record,
    /// A word of a sentence: the code is named in passing.
    Passing,
}

/// What stands before the code at byte `at` of `text` on its line.
pub(crate) fn before(text: &str, at: usize) -> Before {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    if failure_level(line) {
        return Before::FailureLevel;
    }
    let kept = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '\\' | '“' | '‘' | '「' | '*')
    });
    // A comma or semicolon after a word ends a clause of the sentence ("per the
    // runbook, APIG.0308 means …"): the word before it decides. After a quote or a value
    // (`"APIG.0308","APIG.0201"`, `status=401; APIG.0303`) it separates fields.
    let kept = match kept.strip_suffix([',', ';']) {
        Some(rest)
            if rest
                .trim_end()
                .chars()
                .last()
                .is_some_and(char::is_alphabetic) =>
        {
            rest.trim_end()
        }
        _ => kept,
    };
    let Some(last) = kept.chars().last() else {
        return Before::Record;
    };
    if !(last.is_alphanumeric() || last == '_') {
        // A separator: `code=`, `: `, `[`, `(`, `,` in a list, `-` after a level.
        let key = last_word(keyless(kept));
        return if KEYS.iter().any(|k| key.ends_with(k)) {
            Before::Key
        } else {
            Before::Record
        };
    }
    let word = last_word(kept);
    if let Some(listed) = listed_after(line, kept, &word) {
        // "APIG.0308 (429) and APIG.0101 (404)": a code listed after another is
        // reported as that one is, or named as it is.
        return self::before(text, at - line.len() + listed);
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        // A status or a number of a record (`401 APIG.0303`, `#12 APIG.0308`).
        return Before::Record;
    }
    // A key's name without its separator is a word of the sentence ("gets error
    // APIG.0308"), which reports the code as the report words do.
    let whole = |w: &str| {
        let rest = kept
            .get(..kept.len().saturating_sub(w.len()))
            .unwrap_or_default();
        !rest.ends_with(|c: char| c == '.' || c.is_alphanumeric())
    };
    if KEYS.iter().chain(REPORTS).any(|k| word.ends_with(k))
        || NOW.contains(&word.as_str())
        || said_by_response(kept, &word)
        || (REPORTS_WHOLE.contains(&word.as_str()) && whole(&word))
        || now::said_now(kept)
    {
        return Before::ReportWord;
    }
    if only_time_and_level(kept) {
        Before::Record
    } else {
        Before::Passing
    }
}

/// Verbs of saying, compared whole: after a word that names the response ("the body says
/// APIG.0201", "el cuerpo dice", "die Antwort zeigt") they report the code it holds.
const SAYS: &[&str] = &[
    "says", "said", "shows", "showed", "reads", "contains", "dice", "decía", "decia", "muestra",
    "contiene", "sagt", "zeigt", "enthält", "dit", "affiche", "contient", "diz", "mostra",
    "contém",
];
/// Words that name a response or what it holds, before a verb of [`SAYS`].
const RESPONSE_NOUNS: &[&str] = &[
    "body",
    "response",
    "payload",
    "message",
    "gateway",
    "server",
    "output",
    "cuerpo",
    "respuesta",
    "mensaje",
    "antwort",
    "meldung",
    "fehlermeldung",
    "réponse",
    "reponse",
    "corps",
    "resposta",
    "corpo",
    "mensagem",
];

/// Whether `kept` (the line up to a code) ends with a verb of saying (`word`, lower-cased)
/// after a word that names the response: the response holds the code.
fn said_by_response(kept: &str, word: &str) -> bool {
    if !SAYS.contains(&word) {
        return false;
    }
    let head = kept
        .get(..kept.len().saturating_sub(word.len()))
        .unwrap_or_default();
    let noun = last_word(head.trim_end());
    RESPONSE_NOUNS.contains(&noun.as_str())
}

/// Words that list one code after another.
const CONJUNCTIONS: &[&str] = &[
    "and", "or", "und", "oder", "y", "o", "et", "ou", "e", "和", "与", "及", "或",
];

/// Where in `line` the code stands that `kept` (the line up to the code, its end trimmed)
/// lists the code after with `word`, a conjunction: the code right before it, maybe with
/// its status in brackets and a comma (`APIG.0308 (429) and`). None otherwise.
fn listed_after(line: &str, kept: &str, word: &str) -> Option<usize> {
    if !CONJUNCTIONS.contains(&word) {
        return None;
    }
    let head = kept.get(..kept.len().checked_sub(word.len())?)?;
    let m = LISTED_CODE.find(head)?;
    // `kept` is a start of `line`: the code's place in it is its place in `line`.
    (m.start() < line.len()).then_some(m.start())
}

/// A code at the end of a text, maybe followed by its status in brackets and a comma.
static LISTED_CODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::re(
        r"(?i)(?-u:\b)(?:apigw|apig|apic)[._-]?\d{4}\s*(?:[(（]\s*(?:HTTP\s*)?\d{3}\s*[)）])?\s*[,，、]?\s*$",
    )
});

/// `text` without the separators and quotes that end it (`"error_code":"` → `"error_code`).
fn keyless(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ':' | '=' | '：' | '[' | '(')
    })
}

/// The last word of `text`, lower-cased, without `_` and `-` (`error_code` → `errorcode`).
fn last_word(text: &str) -> String {
    text.chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `line` (what precedes a code) is a log line at a failure level (`ERROR`,
/// `WARN`, `FATAL`, …, in capitals as loggers write them, or logcat's `E/`): whatever
/// the words, the code on such a line is what failed ("WARN orders-svc throttled
/// APIG.0308", "ERROR 调用APIG.0303失败").
fn failure_level(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| FAILURE_LEVELS.contains(&w))
        || line.trim_start().starts_with("E/")
        || line.trim_start().starts_with("W/")
        || {
            // Lower-cased only when the line names a level at all.
            let named = line
                .as_bytes()
                .windows(5)
                .any(|w| w.eq_ignore_ascii_case(b"level"));
            named && {
                let lower = line.to_ascii_lowercase();
                [
                    "level=error",
                    "level=warn",
                    "\"level\":\"error\"",
                    "\"level\":\"warn",
                ]
                .iter()
                .any(|k| lower.contains(k))
            }
        }
}

/// Log levels that report a failure, as loggers write them.
const FAILURE_LEVELS: &[&str] = &[
    "ERROR", "ERR", "WARN", "WARNING", "FATAL", "SEVERE", "CRITICAL", "CRIT", "ALERT", "EMERG",
    // French, German, Portuguese loggers' own words.
    "ERREUR", "FEHLER", "ERRO",
];

/// Whether `line` (what precedes a code) holds no words but a log level: times, dates,
/// numbers, brackets and punctuation aside.
fn only_time_and_level(line: &str) -> bool {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .all(|w| {
            let w = w.to_lowercase();
            // `2026-12-07T03:10:00Z`: the T and Z of a time are no words.
            LEVELS.contains(&w.as_str())
                || w.chars()
                    .all(|c| c.is_ascii_digit() || c == 't' || c == 'z')
        })
}

/// Whether `record` is a log line at a level that reports no failure (`INFO`, `DEBUG`,
/// `TRACE`, also as `level=debug` or `"level":"info"`): a code such a line names without
/// a status, a message or a request id of its own is configuration or progress
/// (`DEBUG config: retry_on=["APIG.0308","APIG.0201"]`), not an error.
pub(crate) fn quiet_record(record: &str) -> bool {
    let head = record.lines().next().unwrap_or_default();
    let head = head.get(..head.len().min(120)).unwrap_or(head);
    // The level as a word of its own: the runs of ASCII letters, read as bytes.
    let level_word = head
        .as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .any(|w| matches!(w, b"INFO" | b"DEBUG" | b"TRACE"));
    level_word || {
        let lower = head.to_ascii_lowercase();
        lower.contains("level")
            && [
                "level=info",
                "level=debug",
                "level=trace",
                "\"level\":\"info\"",
                "\"level\":\"debug\"",
            ]
            .iter()
            .any(|k| lower.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::{Before, before, quiet_record};

    /// Whether the code at byte `at` of `text` is named in passing (see the module's doc).
    fn in_passing(text: &str, at: usize) -> bool {
        before(text, at) == Before::Passing
    }

    #[test]
    fn info_and_debug_lines_are_quiet_error_lines_are_not() {
        assert!(quiet_record(
            "2026-03-01T09:00:12Z DEBUG config: retry_on=[\"APIG.0308\"]"
        ));
        assert!(quiet_record(
            "ts=1 level=info msg=\"retry policy loaded\" codes=APIG.0308"
        ));
        assert!(quiet_record(
            "{\"level\":\"info\",\"codes\":[\"APIG.0308\"]}"
        ));
        assert!(!quiet_record(
            "2026-03-01T09:00:20Z ERROR HTTP 429 {\"error_code\":\"APIG.0308\"}"
        ));
        assert!(!quiet_record("WARN informational APIG.0308"));
    }

    /// Whether the first `APIG.` code of `line` is named in passing.
    fn passing(line: &str) -> bool {
        in_passing(line, line.find("APIG.").expect("a code"))
    }

    #[test]
    fn a_code_inside_a_sentence_is_named_in_passing() {
        for line in [
            "They read that the docs say APIG.0201 means \"API request error\"",
            "2026-12-07 03:10:00 INFO  retry-policy: treating APIG.0308 as retryable",
            "They say it was APIG.0303 on Friday (fixed)",
            "our runbook covers APIG.0308 and APIG.0301",
            "客户说文档里APIG.0201是什么意思",
            "2026-03-01T09:00:05Z INFO retrying after APIG.0308",
            "2026-03-01T09:00:09Z INFO see runbook for APIG.0301 and APIG.0303 handling",
            "Per the runbook, APIG.0308 means back off and retry.",
        ] {
            assert!(passing(line), "{line}");
        }
    }

    #[test]
    fn a_code_a_record_reports_is_not() {
        for line in [
            r#"{"error_code":"APIG.0308","error_msg":"..."}"#,
            "error_code=APIG.0308 status=429",
            "2026-12-07T03:10:02Z ERROR APIG.0304 The app is not authorized",
            "[2026-12-07 03:10:02] [WARN] - APIG.0308: throttled",
            "APIG.0308 The throttling threshold has been reached",
            "HTTP 401 APIG.0303 Incorrect app authentication information",
            "the call failed with APIG.0301",
            "Customer gets error APIG.0308 since this morning",
            "ClientRequestException: {status_code: 401, error_code: APIG.0301}",
            "errorCode='APIG.0301'",
            "Ticket: customer reports APIG.1009 when calling their API. Status 400.",
            "客户调用返回APIG.0308",
            "错误码：APIG.0308",
            "requests are throttled (APIG.0308)",
            "2026-11-27T06:42:01Z WARN  orders-svc throttled APIG.0308 request_id=5e1d",
            "2026-12-06 10:15:02 ERROR 调用APIG.0303失败 HTTP状态码 401",
            "E/HttpClient: call APIG.0201 Request headers too large",
            "level=error msg=\"upstream said APIG.0308\"",
        ] {
            assert!(!passing(line), "{line}");
        }
    }
}
