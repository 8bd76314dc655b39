//! Reading the facts out of one block: code, message, status, request id and the
//! request/response evidence. Lenient on purpose: pasted text is broken, truncated,
//! escaped twice or wrapped in a log line, and every fact found is worth keeping.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::ascii_words::AsciiWords;
use super::past::NotNow;
use super::{clock, html, prose};
use crate::catalog::{AuthMode, after_chars, catalog_code, narrow};
use crate::pattern::re;

mod beside;
mod ids;
mod named;
mod objects;
mod said_status;
mod test_status;

pub(crate) use beside::mentions_code;
pub(crate) use ids::id_key;

/// An APIG code in any spelling: APIG.0308, apig 0308, APIG0308, APIGW.0308, APIC.7211.
/// Its edges are ASCII word boundaries (`(?-u:\b)`): Chinese written right against a
/// code (`错误码APIG.0308失败`) is a boundary, where Unicode's `\b` sees one long word.
static CODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(apigw|apig|apic)[ ._-]?(\d{4})(?-u:\b)"));
/// `APIG.0301:message: detail` and `[APIGW.0301]message` log forms; the message may be
/// Chinese (`APIG.0308：请求过多`).
static CODE_THEN_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?i)(?-u:\b)(?:apigw|apig|apic)\.\d{4}(?:\s*[:：]\s*|\]\s*)([A-Za-z\p{Han}][^\n"'}{]*)"#)
});
/// `APIG.0201 Backend unavailable`, `APIG.0201 502 Backend unavailable` (a status between),
/// `APIG.0201 - message`, `APIG.0201 | message` (a
/// table row's next cell, `|APIG.0201|message|` too), `(APIG.0201) message`: a code, a space or a separator, then a message, as logs and
/// SDKs print them; read only when it looks like one ([`looks_like_message`]).
static CODE_SPACE_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?-u:\b)(?i:apigw|apig|apic)[._-]?\d{4}(?:[ \t]+[45][0-9]{2})?(?:\)\s*|\s+[-–—]\s+|[ \t]*\|[ \t]*|[ \t]+)([A-Z\p{Han}][^\n"'}{]*)"#,
    )
});
/// The Huawei Cloud SDKs' exceptions for an error response (Java, .NET, Python and Go name
/// them alike), with a message written after the name: `HuaweiCloud.SDK.Core.
/// ClientRequestException: Incorrect IAM authentication information …` (a .NET
/// application writes the type and `ErrorMsg`). Other exceptions' messages are the
/// client's own (`SocketTimeoutException: Read timed out`), never the gateway's.
static SDK_EXCEPTION_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:Client|Server|Service)(?:Request|Response)Exception\s*[:：]\s*([A-Z\p{Han}][^\n{}\x22]*)",
    )
});
/// Where a message written after its code runs into the line's next field
/// (`request_id=...`, `status=502`, `request_id: ...`) or a table's next cell (`| APIG.0308
/// | The throttling threshold has been reached |`), or a parenthesis that holds a request
/// id (`Backend timeout. (request 7f3c…)`: the id, not the message's detail). A plain word before a colon is the message going on
/// with its detail ("information: verify aksk signature fail").
static NEXT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\s+[A-Za-z_][\w.-]*=\S|\s+(?:[A-Za-z][\w.]*[_-][\w.-]*|req|rid|status|code|trace|host|latency|ip|uri|path|method)\s*:\s*\S|\s*\|(?:\s|$)|\s*\((?i:request|req|rid|trace)(?:[\s_-]?id)?\b[^)]*\)",
    )
});
/// `key: value` / `"key": "value"` / `key=value` message fields, most specific first; a
/// Chinese ticket's `错误信息：…` with its fullwidth colon too. Kept whole for the tests:
/// the analysis finds the key with [`MESSAGE_KEY_NAMES`] and reads the value by hand
/// ([`keyed_value_end`]), the same match.
#[cfg(test)]
static MESSAGE_KEYS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    MESSAGE_KEY_LISTS
        .iter()
        .map(|keys| {
            re(&format!(
                r#"["']?\b(?:{keys})["']?\s*[:=：]\s*(?:"((?:[^"\\\n]|\\.)*)"?|'((?:[^'\\\n]|\\.)*)'?|([^\s{{\["',}}][^}}\n\]]*))"#
            ))
        })
        .collect()
});
/// The keys of the message fields, most specific first.
const MESSAGE_KEY_LISTS: [&str; 2] = [
    "error_msg|errormsg|errorMsg|ErrorMsg|error_message|errorMessage|ErrorMessage|错误信息|错误消息|错误描述|报错信息",
    "message|Message|msg",
];
/// Each message field's key and separator, up to where its value begins: the value is
/// read by hand, as the regex crate's fast engine would scan a long message twice (to
/// its end, then back to its start) before it is read.
static MESSAGE_KEY_NAMES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    MESSAGE_KEY_LISTS
        .iter()
        .map(|keys| re(&format!(r#"["']?\b(?:{keys})["']?\s*[:=：]\s*"#)))
        .collect()
});
/// Where an unquoted value runs into the next `key:` of an object dump: a key with `_`
/// or `-` (`request_id`, `encoded_authorization_message`), in camel case (`requestId`) or
/// one of the few plain words that are keys. Another plain word before a colon is the
/// message going on (`…over ratelimit,limit:200,time:1 minute`). The Java SDK's
/// `ServiceResponseException` parts its fields with `; ` (`errorMsg: Domain name
/// resolution failed.; requestId: 3232…`).
static NEXT_KEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"[,;]\s*["']?(?:[A-Za-z][A-Za-z0-9]*[_-][\w-]*|[A-Za-z][a-z0-9]*[A-Z]\w*|(?i:req|rid|status|code|trace|host|latency|ip|uri|path|method|message|msg))["']?\s*[:=]"#,
    )
});
/// The status as logs and bodies write it, most explicit first: a named field
/// (`statusCode: 504`, `"status":"504"`, `http_status=504`), an access log's number after
/// the quoted request line, `HTTP 504`, `POST /v1/orders -> 504`, then words ("returned
/// 504"). Each number must stand alone: one followed by a unit (`504 ms`) is not a status.
static STATUS_PATTERNS: LazyLock<Vec<Regex>> =
    LazyLock::new(|| STATUS_FORMS.iter().map(|p| re(p)).collect());
/// The same forms as one set: one pass over a block says which of them occur, so a
/// 16 MB block without a status is read once, not once per form.
static STATUS_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(STATUS_FORMS).expect("analysis patterns are fixed and tested")
});
const STATUS_FORMS: [&str; 12] = [
    r#"(?i)\b(?:http[_ -]?status(?:[_ -]?code)?|status[_ -]?code|http[_ -]?code|response[_ -]?code|response[_ -]?status)["']?\s*[:=]\s*["']?(\d{3})\b"#,
    // .NET: `StatusCode: Forbidden (403)`, `HttpStatusCode: TooManyRequests (429)`.
    r#"(?i)\b(?:http[_ -]?)?status[_ -]?code["']?\s*[:=]\s*["']?[A-Za-z][A-Za-z ]{0,40}\((\d{3})\)"#,
    // .NET's HttpRequestException and WebException.
    r"(?i)\bstatus code does not indicate success:?\s*(\d{3})\b",
    r"(?i)\breturned an error:\s*\((\d{3})\)",
    r#"(?i)\bstatus["']?\s*[:=]\s*["']?(\d{3})\b"#,
    r#"\bHTTP/\d(?:\.\d)?"\s+(\d{3})\s+(?:\d+|-)(?:\s|$)"#,
    r"(?-u:\b)HTTP(?:/\d(?:\.\d)?)?\s+(\d{3})(?-u:\b)",
    r"(?:->|=>|→)\s*(\d{3})\b",
    // A verb's number ("got 429", "returned 504") is read by `said_status`, which tells
    // a status from a count ("got 429 orders").
    // "HTTP status is 429", "the status code was 504".
    r"(?i)\b(?:(?:http[_ -]?)?status(?:[_ -]?code)?|response code)(?:\s*[:=]\s*|\s+(?:(?:is|was|were|equals)\s+)?)(\d{3})\b",
    // Chinese: `状态码：429`, `HTTP状态码 504`, `"状态码":502`, `响应码为401`; the number's
    // end is an ASCII boundary, so `429错误` reads too.
    r#"(?:状态码|状态代码|响应码|返回码|状态|狀態碼|狀態代碼|響應碼|回應碼|狀態)["']?\s*[:=：]?\s*[是为為]?\s*["']?(\d{3})(?-u:\b)"#,
    // Spanish, Portuguese and French prose: `código 413`, `código de estado 502`, `estado
    // HTTP 429`, `Statut HTTP : 403`.
    r"(?i)(?-u:\b)(?:c(?:ó|o)digo(?:\s+(?:de\s+)?(?:estado|status|http|respuesta|resposta|erro|error))?(?:\s+http)?|estado\s+http|statut(?:\s+http)?)\s*[:=]?\s*(\d{3})(?-u:\b)",
    // Python requests' response as a test prints it: `<Response [401]>`.
    r"<Response \[(\d{3})\]>",
];
/// Words one of which every status form but the status line and the Chinese ones holds
/// (`http_status`, `status code`, `HTTP 504`, `-> 504`, `returned an error: (403)`,
/// `code=504`, `codigo 413`, `Statut : 403`, `<Response [401]>`), whatever their ASCII case.
static STATUS_WORDS: AsciiWords = AsciiWords::new(&[
    "status",
    "code",
    "http",
    "returned",
    "->",
    "=>",
    "codigo",
    "statut",
    "<response",
]);
/// `code=504` is a status only beside an APIG code (`code=504 APIG.0201`), and only an
/// error status: alone, `code` is as often an application's own number.
static CODE_AS_STATUS: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?i)\bcode["']?\s*[:=]\s*["']?([45]\d{2})\b"#));
/// An error status right after an APIG code, as logs and the catalog print a row
/// (`APIG.0305 401 Incorrect authentication information.`, `APIG.0308 429 <request id>`):
/// only a 4xx or 5xx, and not a count (`APIG.0308 429 times`); in brackets after it too
/// ("fails with APIG.0308 (429)", `APIG.0301（401）`), or ending a clause (`Error
/// APIG.0302 403, forbidden`; not a list of numbers, `APIG.0308 429, 431`).
static CODE_THEN_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)(?-u:\b)(?i:apigw|apig|apic)[._-]?\d{4}(?:[ \t]+([45][0-9]{2})(?:[ \t]*$|[ \t]+(?:[A-Z\p{Han}]|[a-f0-9]{16})|[,;，；][ \t]*(?:$|[^\d\s]))|[ \t]*[(（](?:HTTP[ \t]*)?([45][0-9]{2})[)）,])",
    )
});
/// A number and the words after it (`504 Gateway Time-out`, `429 Too Many Requests`): a
/// status when the words are its reason phrase.
static NUMBER_THEN_WORDS: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b([1-5]\d{2})\s+([A-Za-z][A-Za-z -]{1,40})"));
/// What follows a number that is a duration, a size or a share, not a status.
static UNIT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:\s*(?:ms|s|sec|secs|seconds|bytes|kb|mb|b)\b|\s*%|[.,:]\d)"));
static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^[<\s]*HTTP/\d(?:\.\d)?\s+(\d{3})\b"));
/// The error texts of the OTC Go SDK, which name the status only in words.
const STATUS_PHRASES: &[(&str, u16)] = &[
    ("Bad request with", 400),
    ("Authentication failed", 401),
    ("Request forbidden", 403),
    ("Action forbidden", 403),
    ("Resource not found", 404),
    ("Too many requests have been sent", 429),
];
/// A request id with its key: `request_id`, `requestId`, `RequestId='…'` (SDK exception
/// dumps), `X-Request-Id`/`x_request_id`, `Request ID:`, the Chinese label `请求ID：`
/// (Traditional `請求ID：` too)
/// (the text is read narrowed, [`narrow`]: a fullwidth colon is `:`), `req`, `rid`. A key
/// that can only name a request id takes an id of 4 characters or more (`request_id:
/// 77aa`); the short keys (`req`, `rid`) 8 or more, as they name other things too. The
/// word `request` (or `req`, `request id`) right before a 16-hex or UUID token names it
/// too (`request 5e1d…e8f9 failed with APIG.0308`, `[req 7f3a9c01-…]`, `request id
/// 7f3c…`): no other word is that shape. A
/// ticket's label with words before its colon (`Request id from our gateway log: 6b1e…`)
/// takes an id of 8 or more with a digit (the fourth group; [`ids`] checks the digit).
/// A sentence may link the key and the id with a verb (`the request id is 40f4…`, `die
/// Request-ID lautet …`), or name it in its own language (`l'ID de la requête est …`,
/// `el ID de la solicitud es …`, `请求ID是…`, `請求編號 …`, `リクエストID：…`: the fifth group;
/// "request id 是 …" the third), for a hex or UUID id.
static REQUEST_ID: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:(?:x[_-]request[_-]id|\brequest[ _-]?id|[请請]求\s*id(?:号|號)?)["']?\s*[:=][ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]{3,})|(?:\breq[_-]?id|\breq|\brid)["']?\s*[:=][ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]{7,})|\b(?:request|req)(?:[ _-]?id)?\s+(?:(?:is|was|ist|lautet|war|es|era|est|é)\s+|是\s*)?#?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})\b|\brequest[ _-]?id\b[^:=\n"'{}]{1,40}?[:=]\s*["']?([A-Za-z0-9][A-Za-z0-9._-]{7,})|(?:\bid\s+de\s+(?:la\s+)?(?:requête|requete|solicitud|petición|peticion)|\bid\s+da\s+(?:requisição|requisicao|solicitação|solicitacao)|[请請]求\s*id(?:号|號)?|[请請]求[编編][号號]|リクエスト\s*id)\s*(?:(?:est|es|é|era|是|为|:|=)\s*)?#?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})\b)"#,
    )
});
/// The label of a line that says when the error happened ([`labelled_time`]): at a
/// line's start (after a list mark or Markdown bold), a time word and a colon, in the
/// languages tickets come in (`Hora:`, `Zeitpunkt:`, `Heure :`, `Data e hora:`, `时间：`).
static TIME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^[ \t>*•-]*(?:time|timestamp|when|occurred(?:\s+at)?|(?:error|failure|request|incident)\s+time|time\s+of\s+(?:the\s+)?(?:error|failure|request|call|incident)|zeit|uhrzeit|zeitpunkt|zeitstempel|fehlerzeit|datum|fecha|hora|heure|horodatage|data|horário|horario|ora|(?:date|data|fecha|datum)\s*(?:[/&]|and|und|y|e|et)\s*(?:time|hora|heure|uhrzeit|zeit|ora)|(?:hora|heure|zeit|hora)\s+(?:del|de\s+l'|des|do|da)\s*(?:error|erreur|fehlers|erro|incidente|incident)|marca\s+de\s+tiempo|发生时间|时间|时间戳|报错时间|出错时间|请求时间|故障时间)\**\s*[:：]",
    )
});
/// A sentence's time of the failure: `failed at 2024-06-10 09:00 CST`, `on 2024-06-10
/// 14:00:02`, `客户于 2024年6月5日 22:03:22`, `在2024-06-05 14:03 调用失败`, the clock first
/// (`at 14:03 UTC on 2024-06-10`), a dotted date (`am 05.03.2024 um 14:03`). (`since` is
/// when something began, not when the error was seen.)
static AT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:at|on|around|am|um|le|à|el|a las|em|às)\s+|[于在]\s*)(?:\d{4}[-/]\d{2}[-/]\d{2}[T ,]+(?:at\s+)?\d{1,2}:\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}[:h]\d{2}\b[^\n]{0,24}?\d{4}-\d{2}-\d{2}|\d{4}\s*年)",
    )
});
/// An access log's request line and status (`"POST /v1/orders HTTP/1.1" 504`): on such a
/// line a bare 32-hex token is the gateway's request id.
static ACCESS_LOG_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(?m)^.*"[A-Z]+ \S+ HTTP/\d(?:\.\d)?"\s+\d{3}\b.*$"#));
static BARE_REQUEST_ID: LazyLock<Regex> = LazyLock::new(|| re(r"\b([0-9a-fA-F]{32})\b"));
static HEADER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?im)^[<>\s]*(date|host|x-stage|x-sdk-date|server)\s*:\s*(.*?)\s*$"));
/// Words one of which every [`HEADER`] holds, whatever their ASCII case (`x-sdk-date`
/// holds `date`): ASCII text without any holds no such header, and is not searched for one.
/// (`(?i)` would also take `ſ` for `s`: other text is searched.)
static HEADER_NAMES: AsciiWords = AsciiWords::new(&["date", "host", "x-stage", "server"]);
static REQUEST_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^[>\s]*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(\S+)\s+HTTP/"));
static METHOD_URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?:-X\s*|\[|\b)(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+['"]?(https?://(?:[^\s'"\[\]/?#@]*@)?(?:\[[0-9A-Fa-f:.%\w~-]*\])?[^\s'"\]]*)"#,
    )
});
/// A URL: scheme, host and path. The authority's userinfo (`user:pass@`, a credential)
/// and port are matched but not captured, so the host is the host alone; an IPv6 literal
/// keeps its brackets (`[2001:db8::1]`).
static URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(https?)://(?:[^\s'"\[\]/?#@]*@)?(\[[0-9A-Fa-f:.]+(?:%[\w.~-]+)?\]|[^/\s'"\[\]?#@:]+)(?::\d*)?(/[^\s'"\]?#]*)?"#,
    )
});
/// `"error_code": "ECS.0001"`: another service's code.
static FOREIGN_CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)["']?\b(?:error_?code|errorCode|code)["']?\s*[:=]\s*["']?([A-Za-z][A-Za-z0-9]{1,15}\.\d{3,5})\b"#,
    )
});

/// The word every key of [`FOREIGN_CODE`] holds.
static CODE_WORD: AsciiWords = AsciiWords::new(&["code"]);

/// The request/response facts around an error, as far as the paste shows them.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Evidence {
    /// The `Date` header (the gateway's clock, for the skew).
    pub(crate) date: Option<String>,
    /// The `Host` the request was sent to.
    pub(crate) host: Option<String>,
    /// The request's method.
    pub(crate) method: Option<String>,
    /// The request's path.
    pub(crate) path: Option<String>,
    /// `http` or `https`, from the URL.
    pub(crate) protocol: Option<String>,
    /// The `X-Stage` header (the environment the request names).
    pub(crate) x_stage: Option<String>,
    /// The `X-Sdk-Date` header (when the client signed).
    pub(crate) x_sdk_date: Option<String>,
    /// The `Server` header of the response.
    pub(crate) server: Option<String>,
    /// Server time minus signing time, when both are known.
    pub(crate) clock_skew_minutes: Option<i64>,
    /// The response body was cut off (unclosed JSON, `......`).
    pub(crate) truncated: bool,
    /// Request facts from a transcript's `>` lines, for the request-limit checks.
    pub(crate) request_body_bytes: Option<u64>,
    /// The request's headers together, in bytes.
    pub(crate) request_header_bytes: Option<usize>,
    /// The largest single request header, in bytes.
    pub(crate) largest_header_bytes: Option<usize>,
    /// How the request signed in, as the block says it (never a credential): an
    /// SDK-HMAC-SHA256 signature or an IAM token. None when it says neither, or both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) auth: Option<AuthMode>,
    /// `auth` is shown by a header of the paste (`X-Auth-Token`), not only by its words
    /// ("The token must be updated").
    #[serde(skip)]
    pub(crate) auth_header: bool,
}

impl Evidence {
    /// The facts that are present, named as the UI, reports and tickets show them.
    pub(crate) fn named(&self) -> Vec<(&'static str, String)> {
        let skew = match (self.clock_skew_minutes, &self.x_sdk_date) {
            (Some(m), _) => Some(crate::wording::count(m, "minute")),
            (None, Some(date)) => clock::signed_minutes_before_now(date).map(unknown_skew),
            (None, None) => None,
        };
        [
            ("Method", self.method.clone()),
            ("Host", self.host.clone()),
            ("Path", self.path.clone()),
            ("X-Stage", self.x_stage.clone()),
            ("X-Sdk-Date", self.x_sdk_date.clone()),
            ("Date", self.date.clone()),
            ("Server", self.server.clone()),
            ("Clock skew", skew),
            (
                "Authentication",
                self.auth.map(|a| a.label(self.auth_header).to_string()),
            ),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect()
    }
}

/// The raw facts of one error in a block, before catalog matching.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Fields {
    /// The code as written (APIGW.0301), and normalized (APIG.0301).
    pub(crate) raw_code: Option<String>,
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) http_status: Option<u16>,
    pub(crate) request_id: Option<String>,
    /// The response's `Date` or the log line's time, with what its zone says.
    pub(crate) seen_at: Option<super::logtime::Stamp>,
    pub(crate) evidence: Evidence,
    /// The whole paste was taken as message text (no code, no fields).
    pub(crate) message_only: bool,
    /// The code is only named inside sentences ("the docs say APIG.0201 means …"), never
    /// reported by a record: see [`super::passing`].
    pub(crate) in_passing: bool,
    /// Why a code only named is not the customer's current error, when the paste says
    /// (resolved, earlier, source code, documentation): see [`super::past`].
    pub(crate) not_now: Option<NotNow>,
    /// The gateway's own HTML error page says the status (its footer names the gateway):
    /// the gateway itself refused, where a bare status may be a backend's, passed on.
    pub(crate) gateway_page: bool,
    /// The index of the block it was read from, to read that block's text again
    /// (`bare.rs`: whether a code-only line says anything its record does not).
    pub(crate) block: usize,
    /// What the reading doubts about these facts ("two request ids"), said with the error.
    pub(crate) notes: Vec<String>,
    /// A status only a sentence's words made one, with those words (`fails with 502`):
    /// the answer names them. Said of `http_status` only while it is that status.
    pub(crate) status_words: Option<(u16, String)>,
}

/// What stands before the first place `text` names `code` (as the catalog writes it) as
/// an error, on that place's line, read narrowed ([`narrow`]); None when it names it
/// nowhere.
pub(crate) fn line_before_code(text: &str, code: &str) -> Option<String> {
    let narrowed = narrow(text);
    let at = error_codes(&narrowed).find(|m| catalog_code(m.as_str()) == code)?;
    Some(line_before(&narrowed, at.start()).to_string())
}

/// Whether `text` names an APIG code as an error (not only inside a link or path).
pub(crate) fn has_code(text: &str) -> bool {
    // A code that names an error is a match of [`CODE`]: its search alone says.
    error_codes(&narrow(text)).next().is_some()
}

/// The APIG codes in `text` that name an error. A code inside a URL or a file path
/// (`https://support.example.com/apig/APIG.0201`, `docs/APIG.0201.md`) is a reference to
/// the code's documentation, not an error the log reports, so it is never counted.
fn error_codes(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    CODE.find_iter(text)
        .filter(|m| !in_reference(text, m.start()))
}

/// Whether the byte offset `at` of `text` lies in a link or path: the word it is in
/// (up to the last space, quote or bracket before it) holds `://`, or the code follows a
/// `/` or `\` directly.
fn in_reference(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    if before.ends_with(['/', '\\']) {
        return true;
    }
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '(' | '<' | '['))
        .map_or(0, |i| i + 1);
    before.get(word_start..).is_some_and(|w| w.contains("://"))
}

/// A status, a request id, a keyed message (`错误信息：…`, a ticket's labelled line) or a
/// labelled time ([`labelled_time`]): context that belongs to a neighbouring error. Read
/// narrowed, as the block's facts are: `request_id：…` with a fullwidth colon is one.
pub(crate) fn has_context(text: &str) -> bool {
    let narrowed = narrow(text);
    status_of(&narrowed).is_some()
        || REQUEST_ID.is_match(&narrowed)
        || keyed_message(text).is_some()
        || labelled_time(text)
}

/// Whether `context` gives `record` what it lacks: a status, a request id, a message, a
/// time. A context that states a success, or another status than the record's own, is
/// another response (the next JSON line of a log, `{"status":200,"request_id":…}`): its
/// facts are its own, never the record's.
pub(crate) fn adds_context(record: &str, context: &str) -> bool {
    let (narrow_record, narrow_context) = (narrow(record), narrow(context));
    let (own, said) = (status_of(&narrow_record), status_of(&narrow_context));
    if said.is_some_and(|s| s < 400 || own.is_some_and(|own| own != s)) {
        return false;
    }
    (said.is_some() && own.is_none())
        || (REQUEST_ID.is_match(&narrow_context) && !REQUEST_ID.is_match(&narrow_record))
        || (keyed_message(context).is_some() && message_of(record).is_none())
        || (labelled_time(context)
            && super::logtime::seen_at(record, &Evidence::default(), None).is_none())
}

/// A ticket's line that says when the error happened (`Time: 2024-06-10 08:15:02 UTC`,
/// `When: 2024-06-10 14:00 CEST`, `时间：2024-06-12 09:00:00（北京时间）`) and holds a time
/// that is read. An e-mail's `Date:`/`Sent:` says when it was written, not when the error
/// happened: it is no such line.
fn labelled_time(text: &str) -> bool {
    (TIME_LABEL.is_match(text) || AT_TIME.is_match(text))
        && super::logtime::seen_at(text, &Evidence::default(), None).is_some()
}

/// The request id `text` gives (read narrowed), if any.
pub(crate) fn request_id_of(text: &str) -> Option<String> {
    ids::read(&narrow(text)).0
}

pub(crate) fn first_status(text: &str) -> Option<u16> {
    status_of(text)
}

/// The `Server` header of a transcript or raw response.
pub(crate) fn server_header(text: &str) -> Option<String> {
    HEADER
        .captures_iter(text)
        .find(|c| c[1].eq_ignore_ascii_case("server"))
        .map(|c| c[2].to_string())
        .filter(|v| !v.is_empty())
}

pub(crate) fn foreign_code(text: &str) -> Option<String> {
    // Each of the pattern's keys ends in `code` (letters with no other case than
    // ASCII's): ASCII text without it is not searched, a whole paste at a time.
    if text.is_ascii() && !CODE_WORD.in_text(text) {
        return None;
    }
    FOREIGN_CODE
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|c| !has_code(c))
}

/// Every error in `block`: one per distinct APIG code; a code-less error when the block
/// names a message; the whole block as message text when it is short prose.
pub(crate) fn read(block: &str, known: &dyn Fn(&str) -> bool) -> Vec<Fields> {
    read_continuing(block, None, known)
}

/// [`read`] for a block that continues a log record (a stack trace's line, a
/// pretty-printed body): without a time of its own it has the time of `first_line`.
pub(crate) fn read_continuing(
    block: &str,
    first_line: Option<&str>,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Fields> {
    let text = unescape(block);
    if let Some(each) = objects::read_each(&text, first_line, known) {
        return each;
    }
    read_text(&text, first_line, known)
}

/// [`read`] of a block already unescaped, or of one error object of it.
fn read_text(text: &str, first_line: Option<&str>, known: &dyn Fn(&str) -> bool) -> Vec<Fields> {
    // Codes, statuses and ids are read from the text with fullwidth forms as ASCII
    // (`ＡＰＩＧ．０３０８`, `APIG。0308`, `状态码：４２９`, `请求ID：…`); messages from the
    // text as written.
    let narrowed = narrow(text);
    let page = html::page(text);
    let mut evidence = evidence_of(text);
    if evidence.server.is_none() {
        evidence.server = page.as_ref().and_then(|p| p.server.clone());
    }
    let (request_id, id_note) = ids::read(&narrowed);
    let said = status_said(&narrowed);
    let shared = Fields {
        http_status: said
            .as_ref()
            .map(|(s, _)| *s)
            .or(page.as_ref().and_then(|p| p.status)),
        status_words: said.and_then(|(s, words)| Some((s, words?))),
        request_id,
        notes: id_note.into_iter().collect(),
        seen_at: super::logtime::seen_at(text, &evidence, first_line),
        evidence,
        ..Fields::default()
    };
    // Each code of the text, where it is: read once for the codes and their passing.
    let positions: Vec<(Range<usize>, String)> = error_codes(&narrowed)
        .map(|m| (m.range(), catalog_code(m.as_str())))
        .collect();
    let codes = distinct_codes(text, &narrowed, &positions);
    if codes.is_empty() {
        return match page {
            Some(page) => from_page(page, shared),
            None => codeless(text, shared, known),
        }
        .into_iter()
        .collect();
    }
    // A code a sentence only names takes none of the block's facts: they are those of the
    // response or record the paste reports, an error without a code when no code is.
    let mut found: Vec<Fields> = Vec::new();
    let codes: Vec<(String, String)> = codes
        .into_iter()
        .filter(
            |(raw, code)| match named::only_named(text, &narrowed, &positions, raw, code) {
                Some(not_now) => {
                    found.push(named::code_alone(text, raw, code, first_line, not_now));
                    false
                }
                None => true,
            },
        )
        .collect();
    let mut shared = shared;
    if shared.request_id.is_some() && found.iter().any(|f| f.not_now.is_some()) {
        // An id written in the sentence of a code only named ("last month we had
        // APIG.0308 (request id …)") is that code's, never the response's the paste
        // reports.
        let rest = named::without_named_sentences(text, &found, &codes);
        if rest.len() < text.len() {
            let (id, note) = ids::read(&narrow(&rest));
            (shared.request_id, shared.notes) = (id, note.into_iter().collect());
        }
    }
    if codes.is_empty() {
        if found.iter().any(hypothetical) {
            // A rule's or a program's line says what an error would be, not what came
            // back: the facts are read from the block's other lines alone.
            let rest = named::without_lines_of(text, found.iter().filter(|f| hypothetical(f)));
            // The other codes are read again from the rest, but for those of the lines
            // left out (`assert 'APIG.0303' == 'APIG.0101'`: the test's 0303 beside it).
            let out_of_rest = |f: &Fields| f.raw_code.as_deref().is_some_and(|r| !rest.contains(r));
            found.retain(|f| hypothetical(f) || out_of_rest(f));
            found.extend(read_text(&rest, first_line, known));
            return found;
        }
        // A body a sentence says is over or earlier holds that code's facts: the block is
        // read with the code in its place, as the sentence names it.
        if let Some(named) = named::bodies_as_codes(text, &found) {
            return read_text(&named, first_line, known);
        }
        found.extend(named::facts_left(text, shared, page, known));
        return found;
    }
    // A quiet log line (INFO, DEBUG) without facts of its own only names its codes.
    let quiet = shared.http_status.is_none()
        && shared.request_id.is_none()
        && super::passing::quiet_record(text);
    let single = codes.len() == 1 && found.is_empty();
    let (newlines, firsts) = if single {
        (Vec::new(), Vec::new())
    } else {
        let raws: Vec<&str> = codes.iter().map(|(raw, _)| raw.as_str()).collect();
        (newlines_of(text), first_occurrences(text, &raws))
    };
    // Codes written on one line share its message, and its own status and request id
    // (else the block's: another line's belong to its own error): a line is read once.
    let mut by_line: FxHashMap<Range<usize>, OwnLine> = FxHashMap::default();
    let reported = codes.into_iter().enumerate().map(|(i, (raw, code))| {
        let in_passing = |message: &Option<String>| message.is_none() && quiet;
        if single {
            let message = message_of(text);
            return Fields {
                raw_code: Some(raw),
                code: Some(code),
                in_passing: in_passing(&message),
                message,
                ..shared.clone()
            };
        }
        let at = firsts.get(i).copied().flatten();
        let own = line_at(text, &newlines, &raw, at)
            .map(|line| at.map_or(line.clone(), |at| segment_of(text, line, at)))
            .map(|line| {
                by_line
                    .entry(line.clone())
                    .or_insert_with(|| text.get(line).map(own_line).unwrap_or_default())
                    .clone()
            })
            .unwrap_or_default();
        let mut fields = Fields {
            raw_code: Some(raw),
            code: Some(code),
            in_passing: in_passing(&own.message),
            message: own.message,
            ..shared.clone()
        };
        if own.request_id.is_some() {
            (fields.request_id, fields.notes) = (own.request_id, own.notes);
        }
        fields.http_status = own.http_status.or(fields.http_status);
        if own.beside.iter().any(|(_, status)| status.is_some()) {
            // Codes of one line each with a status beside it ("APIG.0308 (429) and …
            // APIG.0101 (404)"): each has its own, and one without any takes no other's.
            fields.http_status = own
                .beside
                .iter()
                .find(|(c, _)| fields.code.as_ref() == Some(c))
                .and_then(|(_, status)| *status);
        }
        fields
    });
    found.extend(reported);
    note_received(&mut found, &narrowed, &positions);
    found
}

/// Each reported error whose code is first written in what a test received gets a note
/// that says so (`source::received_note`).
fn note_received(found: &mut [Fields], narrowed: &str, positions: &[(Range<usize>, String)]) {
    for f in found.iter_mut().filter(|f| !f.in_passing) {
        let at = positions
            .iter()
            .find(|(_, code)| f.code.as_ref() == Some(code))
            .map(|(r, _)| r.start);
        if let Some(note) = at.and_then(|at| super::source::received_note(narrowed, at)) {
            f.notes.push(note);
        }
    }
}

/// A code only named in documentation, source code or a test's assertion: its line's
/// facts are the document's or the program's, not a response's.
fn hypothetical(f: &Fields) -> bool {
    matches!(
        f.not_now,
        Some(
            NotNow::Documentation
                | NotNow::Source
                | NotNow::Test
                | NotNow::TestReceived
                | NotNow::TestExpected
        )
    )
}

/// The part of `line` (a range of `text`) around byte `at` when the line joins several
/// records with `;` or `|` outside quotes (`status=401 code=APIG.0303 rid=…; status=403
/// code=APIG.0304 rid=…`) and that part names one code: each record's status, request
/// id and message are its own. Otherwise the whole line.
fn segment_of(text: &str, line: Range<usize>, at: usize) -> Range<usize> {
    let Some(body) = text.get(line.clone()) else {
        return line;
    };
    let mut cuts = vec![line.start];
    let mut quoted = false;
    for (i, b) in body.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b';' | b'|' if !quoted => cuts.push(line.start + i + 1),
            _ => {}
        }
    }
    if cuts.len() == 1 {
        // No separator: the line is one record.
        return line;
    }
    cuts.push(line.end + 1);
    let Some(part) = cuts
        .windows(2)
        .map(|w| w[0]..w[1] - 1)
        .find(|r| r.contains(&at))
    else {
        return line;
    };
    let codes_in = |r: &Range<usize>| {
        text.get(r.clone())
            .map_or(0, |t| error_codes(&narrow(t)).count())
    };
    if codes_in(&line) >= 2 && codes_in(&part) == 1 {
        part
    } else {
        line
    }
}

/// What one line of a block says of the errors whose codes it holds.
#[derive(Clone, Default)]
struct OwnLine {
    message: Option<String>,
    http_status: Option<u16>,
    request_id: Option<String>,
    notes: Vec<String>,
    /// Each code of the line (as the catalog writes it) with the status written right
    /// beside it, if any ([`beside::statuses`]).
    beside: Vec<(String, Option<u16>)>,
}

fn own_line(line: &str) -> OwnLine {
    let narrowed = narrow(line);
    let (request_id, note) = ids::read(&narrowed);
    OwnLine {
        message: message_of(line),
        http_status: status_of(&narrowed),
        request_id,
        notes: note.into_iter().collect(),
        beside: beside::statuses(&narrowed),
    }
}

fn codeless(text: &str, shared: Fields, known: &dyn Fn(&str) -> bool) -> Option<Fields> {
    if let Some(code) = foreign_code(text) {
        // Another service's code: an error only if a loaded catalog knows it.
        return known(&code).then(|| Fields {
            raw_code: Some(code.clone()),
            code: Some(code),
            message: keyed_message(text),
            ..shared
        });
    }
    if shared.http_status.is_some_and(|s| s < 400) {
        return None;
    }
    if let Some(message) = keyed_message(text) {
        return Some(Fields {
            message: Some(message),
            ..shared
        });
    }
    let prose = text.trim();
    if !prose.contains('{') && !STATUS_LINE.is_match(prose) {
        return searched_as_prose(prose, shared);
    }
    by_status_alone(shared)
}

/// An HTML page without a code: what a browser shows of it besides its title, heading
/// and footer is searched like prose; else it is an error by its status alone.
fn from_page(page: html::Page, shared: Fields) -> Option<Fields> {
    let gateway_page = page.server.as_deref().is_some_and(html::from_gateway);
    searched_as_prose(
        &page.text,
        Fields {
            gateway_page,
            ..shared
        },
    )
}

/// Text with words is searched for a catalog message (its beginning: the prose budget);
/// without any, only an error status can make it an error.
fn searched_as_prose(text: &str, shared: Fields) -> Option<Fields> {
    if text.chars().any(char::is_alphabetic) {
        return Some(Fields {
            message: Some(prose::head(text, prose::SEARCHED_BYTES).to_string()),
            message_only: true,
            ..shared
        });
    }
    by_status_alone(shared)
}

/// An error status alone: matching decides whether the gateway sent it.
fn by_status_alone(shared: Fields) -> Option<Fields> {
    shared
        .http_status
        .is_some_and(|s| s >= 400)
        .then_some(shared)
}

/// Whether every place `narrowed` names `code` is inside a sentence or says it is not a
/// current error (Some), with the strongest reason it is not (`Some(None)` when every
/// place only names it); None when a place reports it. `positions` are the error codes of
/// `narrowed` ([`error_codes`]), where each is and as the catalog writes it (see
/// [`named::only_named`] for what else makes it only named).
fn named_in_passing(
    narrowed: &str,
    positions: &[(Range<usize>, String)],
    code: &str,
) -> Option<Option<NotNow>> {
    let mut strongest: Option<NotNow> = None;
    for (at, _) in positions.iter().filter(|(_, c)| c == code) {
        match super::past::not_now_or_passing(narrowed, at.start) {
            (Some(kind), _) => strongest = strongest.max(Some(kind)),
            (None, true) => {}
            (None, false) => return None,
        }
    }
    Some(strongest)
}

/// Distinct APIG codes in order of appearance, as (written, normalized), of the error
/// codes `named` in `narrowed` ([`narrow`] of `text`), written as `text` has them.
/// A code the text denies (`It's NOT APIG.0308`, [`super::negation`]) is none of them.
fn distinct_codes(
    text: &str,
    narrowed: &str,
    named: &[(Range<usize>, String)],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // Read once, and only for a block that names a code.
    let mut denied: Option<Vec<super::negation::Negated>> = None;
    for (range, code) in named {
        let denied = denied.get_or_insert_with(|| super::negation::denied(narrowed));
        if super::negation::is_denied(denied, range.start) {
            continue;
        }
        if !out.iter().any(|(_, c)| c == code) {
            out.push((as_written(text, narrowed, range.clone()), code.clone()));
        }
    }
    out
}

/// The chars of `text` that `narrowed`'s byte range `range` stands for: narrowing keeps
/// one char per char, so the range's chars are counted, never its bytes reused.
fn as_written(text: &str, narrowed: &str, range: std::ops::Range<usize>) -> String {
    let found = narrowed.get(range.clone()).unwrap_or_default();
    // Nothing was narrowed: `narrow` lent `text` itself.
    if std::ptr::eq(text, narrowed) {
        return found.to_string();
    }
    let skip = narrowed.get(..range.start).map_or(0, |b| b.chars().count());
    text.chars()
        .skip(skip)
        .take(found.chars().count())
        .collect()
}

/// Where `text`'s `\n`s are, once per block, for [`line_at`].
fn newlines_of(text: &str) -> Vec<usize> {
    text.match_indices('\n').map(|(i, _)| i).collect()
}

/// Up to this many codes, or in a block of at most [`SHORT_BLOCK`] bytes, each code is
/// found by a search of its own.
const FEW_NEEDLES: usize = 8;
const SHORT_BLOCK: usize = 8 * 1024;

/// Where each of `needles` (distinct codes as written) first occurs in `text`, as
/// [`str::find`] says, found in one pass over the text: a block of thousands of codes is
/// not searched once per code.
fn first_occurrences(text: &str, needles: &[&str]) -> Vec<Option<usize>> {
    // Building the automaton costs more than a few searches, or searches of a short block.
    let few = needles.len() <= FEW_NEEDLES || text.len() <= SHORT_BLOCK;
    let built = (!few).then(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(needles)
    });
    let Some(Ok(searcher)) = built else {
        return needles.iter().map(|n| text.find(n)).collect();
    };
    let mut first = vec![None; needles.len()];
    let mut left = needles.len();
    for m in searcher.find_overlapping_iter(text) {
        // Matches come in the order they end; a needle's first is its earliest.
        if let Some(slot) = first.get_mut(m.pattern().as_usize())
            && slot.is_none()
        {
            *slot = Some(m.start());
            left -= 1;
            if left == 0 {
                break;
            }
        }
    }
    first
}

/// The byte range of the first line (as [`str::lines`] cuts them) holding `needle`, a
/// code, given where the text's `\n`s are ([`newlines_of`]) and where `needle` first
/// occurs ([`first_occurrences`]): the line around that occurrence.
fn line_at(
    text: &str,
    newlines: &[usize],
    needle: &str,
    at: Option<usize>,
) -> Option<Range<usize>> {
    if text.is_empty() || needle.contains(['\n', '\r']) {
        let mut start = 0;
        for line in text.lines() {
            if line.contains(needle) {
                return Some(start..start + line.len());
            }
            start += line.len();
            start += text.get(start..).map_or(0, |rest| {
                if rest.starts_with("\r\n") {
                    2
                } else {
                    usize::from(rest.starts_with('\n'))
                }
            });
        }
        return None;
    }
    let at = at?;
    // The `\n`s before `at`: the line starts after the last of them, ends at the next.
    let before = newlines.partition_point(|&n| n < at);
    let start = before
        .checked_sub(1)
        .and_then(|i| newlines.get(i))
        .map_or(0, |n| n + 1);
    Some(match newlines.get(before) {
        Some(&end) => {
            let cr = text.get(..end).is_some_and(|t| t.ends_with('\r'));
            start..end - usize::from(cr && end > start)
        }
        None => start..text.len(),
    })
}

/// A message written after its code, up to the line's next field ([`NEXT_FIELD`]).
fn up_to_next_field(value: &str) -> String {
    let end = NEXT_FIELD.find(value).map_or(value.len(), |m| m.start());
    clean(value.get(..end).unwrap_or(value))
}

fn message_of(text: &str) -> Option<String> {
    keyed_message(text)
        .or_else(|| {
            may_code_then(text)
                .then(|| CODE_THEN_MESSAGE.find(text))
                .flatten()
                .map(|m| up_to_next_field(after_code_then(m.as_str())))
                .filter(|m| !m.is_empty())
        })
        .or_else(|| {
            CODE_SPACE_MESSAGE
                .find(text)
                .map(|m| up_to_next_field(after_code_space(m.as_str())))
                .filter(|m| looks_like_message(m))
        })
        .or_else(|| beside::quoted_message(text))
        .or_else(|| sdk_exception_message(text))
}

/// Whether `line` is an SDK exception's with the gateway's message after its name
/// (`HuaweiCloud.SDK.Core.ClientRequestException: Incorrect IAM …`): the fields its dump
/// writes under the stack trace (`ErrorCode: APIG.0301`) are that message's error.
pub(crate) fn exception_message(line: &str) -> bool {
    line.contains("Exception") && sdk_exception_message(line).is_some()
}

/// Whether `text` may hold a [`CODE_THEN_MESSAGE`] match, which writes its code with a `.`
/// and a colon (ASCII or fullwidth) or a `]` after it: a line without them (`APIG0308
/// 429`) is not searched.
fn may_code_then(text: &str) -> bool {
    text.contains('.') && (text.contains(':') || text.contains(']') || text.contains('：'))
}

/// The message an SDK exception's name is followed by ([`SDK_EXCEPTION_MESSAGE`]), up to
/// the dump's next key (`, ErrorCode: …`), the line's next field or the code written
/// after it (`… signature fail (APIG.0301)`).
fn sdk_exception_message(text: &str) -> Option<String> {
    let value = SDK_EXCEPTION_MESSAGE.captures(text)?.get(1)?.as_str();
    let value = NEXT_KEY
        .find(value)
        .map_or(value, |m| value.get(..m.start()).unwrap_or(value));
    let value = CODE
        .find(value)
        .map_or(value, |m| value.get(..m.start()).unwrap_or(value));
    let value = value.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | '[' | ',' | ';' | '-' | ':' | '：' | '|')
    });
    Some(up_to_next_field(value)).filter(|m| looks_like_message(m))
}

// The patterns' groups are read from their match by hand: a match is found by the regex
// crate's fast engines, where the groups would take its slower one, per block.

/// Of a [`CODE_THEN_MESSAGE`] match, its message (the pattern's group): after the code's
/// `.` and four digits, what follows the colon or bracket and spaces (the message begins
/// with a letter, none of those).
fn after_code_then(found: &str) -> &str {
    let Some((_, digits_on)) = found.split_once('.') else {
        return "";
    };
    let rest = after_chars(digits_on, 4);
    rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | ']'))
}

/// Of a [`CODE_SPACE_MESSAGE`] match, its message (the pattern's group): after the code
/// (letters, perhaps a `.`, `_` or `-`, four digits), what follows the spaces, dash, bar
/// or parenthesis (the message begins with a capital or a Chinese character, none of those).
fn after_code_space(found: &str) -> &str {
    let digits_on =
        found.trim_start_matches(|c: char| !(c.is_numeric() || matches!(c, '.' | '_' | '-')));
    let digits_on = digits_on.strip_prefix(['.', '_', '-']).unwrap_or(digits_on);
    let rest = after_chars(digits_on, 4);
    // A status between the code and the message (`APIG.0305 401 Incorrect …`,
    // `APIG.0301 504|Backend`): blanks, then 4xx or 5xx, then what separates a message.
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after_blanks = rest.get(blanks..).unwrap_or_default();
    let rest = match after_blanks.as_bytes() {
        [b'4' | b'5', d1, d2, ..] if blanks > 0 && d1.is_ascii_digit() && d2.is_ascii_digit() => {
            after_blanks.get(3..).unwrap_or(rest)
        }
        _ => rest,
    };
    rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ')' | '-' | '–' | '—' | '|'))
}

/// What follows a code without a colon is a message when it reads like one: a
/// capitalized word, then lower case ("Backend unavailable", "The throttling threshold
/// ...", or Chinese), and not an HTTP reason phrase ("Too Many Requests"), a method and path
/// ("POST /v1/orders -> 504"), a status ("HTTP 504") or a log level ("ERROR upstream").
fn looks_like_message(text: &str) -> bool {
    let mut first = text.split_whitespace().next().unwrap_or_default().chars();
    let lead = first.next();
    // Chinese has no capitals: a message in it starts with a Han character.
    let capitalized = lead.is_some_and(is_han)
        || (lead.is_some_and(|c| c.is_ascii_uppercase())
            && first.next().is_some_and(|c| c.is_ascii_lowercase()));
    // Only a capitalized text can be a message: the 500 reason phrases are compared then.
    let reason_phrase = || {
        (100..600).any(|s| {
            let (phrase, _) = crate::http_status::reason(s);
            !phrase.is_empty() && text.trim_end_matches('.').eq_ignore_ascii_case(phrase)
        })
    };
    capitalized && !text.contains("->") && !text.contains('/') && !reason_phrase()
}

/// A Chinese character (CJK Unified Ideographs and Extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

fn keyed_message(text: &str) -> Option<String> {
    MESSAGE_KEY_NAMES.iter().find_map(|key| {
        keyed_fields(key, text).find_map(|found| {
            let (value, quoted) = keyed_value(found)?;
            let value = if quoted {
                value
            } else {
                NEXT_KEY
                    .find(value)
                    .map_or(value, |m| value.get(..m.start()).unwrap_or(value))
            };
            Some(clean(value)).filter(|v| !v.is_empty())
        })
    })
}

/// The message fields of `text` whose key `key` (one of [`MESSAGE_KEY_NAMES`]) finds, in
/// order, each as the whole field pattern of [`MESSAGE_KEYS`] would match it: the key and
/// separator, then a quoted value ([`keyed_value_end`]) or an unquoted one up to a `}`,
/// `]` or line end. A key whose value begins otherwise (`{`, `[`, `,`) is no field, and
/// the search goes on from its next char, as the pattern's would.
fn keyed_fields<'t>(key: &'t Regex, text: &'t str) -> impl Iterator<Item = &'t str> + 't {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(k) = key.find_at(text, at) {
            let rest = text.get(k.end()..).unwrap_or_default();
            match keyed_value_end(rest) {
                Some(len) => {
                    at = k.end() + len;
                    return text.get(k.start()..at);
                }
                None => {
                    let first = text.get(k.start()..)?.chars().next()?;
                    at = k.start() + first.len_utf8();
                }
            }
        }
        None
    })
}

/// How long the value at the start of `rest` is, as the field pattern reads it: a quoted
/// value to its closing quote (taken), a line end or a backslash that escapes nothing
/// (`\` then a line end or the end), an escape taking the char after it; an unquoted
/// one up to a `}`, `]` or line end after its first char. None when no value begins
/// there (a space, `{`, `[`, `,`, `}`, or nothing).
fn keyed_value_end(rest: &str) -> Option<usize> {
    let first = rest.chars().next()?;
    if matches!(first, '"' | '\'') {
        let mut end = 1;
        let mut chars = rest.get(1..)?.chars().peekable();
        while let Some(c) = chars.next() {
            if c == first {
                end += 1;
                break;
            }
            if c == '\n' {
                break;
            }
            if c == '\\' {
                match chars.peek() {
                    Some(&next) if next != '\n' => {
                        end += 1 + next.len_utf8();
                        chars.next();
                        continue;
                    }
                    _ => break,
                }
            }
            end += c.len_utf8();
        }
        return Some(end);
    }
    if first.is_whitespace() || matches!(first, '{' | '[' | ',' | '}') {
        return None;
    }
    // The first char may be a `]` (`msg=]`): the value ends only after it.
    let after = rest.get(first.len_utf8()..).unwrap_or_default();
    Some(first.len_utf8() + after.find(['}', '\n', ']']).unwrap_or(after.len()))
}

/// Of a [`MESSAGE_KEYS`] match, its value (the pattern's one group that took part) and
/// whether it was quoted: after a quote, the key, a quote, spaces, `:` or `=` and spaces
/// (the value begins with none of those), a quoted value up to its closing quote, an
/// escape taking the char after it; else the rest of the match.
fn keyed_value(found: &str) -> Option<(&str, bool)> {
    let rest = found.strip_prefix(['"', '\'']).unwrap_or(found);
    let rest = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let rest = rest
        .trim_start()
        .strip_prefix([':', '=', '：'])?
        .trim_start();
    let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return Some((rest, false));
    };
    let inside = rest.get(1..)?;
    let mut end = inside.len();
    let mut chars = inside.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && chars.clone().next().is_some_and(|(_, e)| e != '\n') {
            chars.next();
        } else if c == quote || c == '\n' || c == '\\' {
            end = i;
            break;
        }
    }
    Some((inside.get(..end)?, true))
}

/// Trim quotes, escapes, a trailing comma and a table cell's closing bar from an extracted
/// value.
fn clean(value: &str) -> String {
    // Only a value with a backslash has escapes to replace (a log's messages mostly have
    // none). Read as a JSON string's inside first (`\u00fc`, `\u8bf7\u6c42`, `\"`: a
    // message sent escaped reads as written); a value that is none (a Windows path's `\U`,
    // a stray quote) loses only its written line breaks and escaped quotes.
    let json = value
        .contains('\\')
        .then(|| serde_json::from_str::<String>(&format!("\"{value}\"")).ok())
        .flatten();
    // A quote the JSON reading kept was escaped: the value's own, not a stray one.
    let (unescaped, strays): (std::borrow::Cow<'_, str>, &[char]) = match json {
        Some(v) => (v.replace(['\n', '\r', '\t'], " ").into(), &[',', '\'', '|']),
        None if value.contains('\\') => (
            value.replace("\\n", " ").replace("\\\"", "\"").into(),
            &[',', '"', '\'', '|'],
        ),
        None => (value.into(), &[',', '"', '\'', '|']),
    };
    unescaped.trim().trim_end_matches(strays).trim().to_string()
}

/// The response status: the last status line of a transcript (after redirects), else
/// a status as logs write it, else the SDK's words for it.
fn status_of(text: &str) -> Option<u16> {
    status_said(text).map(|(status, _)| status)
}

/// [`status_of`], with the words of the sentence it was read from when only a
/// sentence's words made the number a status (`fails with 502`, `回傳401`).
fn status_said(text: &str) -> Option<(u16, Option<String>)> {
    // A test's report: what it received is the status; its title is none.
    if let Some((status, words)) = test_status::received(text) {
        return Some((status, Some(words)));
    }
    if let Some(rest) = test_status::without_titles(text) {
        return status_said_apart(&rest);
    }
    status_said_apart(text)
}

/// [`status_said`] of text that is no test's report.
fn status_said_apart(text: &str) -> Option<(u16, Option<String>)> {
    // Every form but the SDK's phrases reads a status from three ASCII digits (a number
    // that does not parse is no status): without such a run, none of their patterns is
    // run. A long block of other text (binary bytes, prose) is then scanned once, cheaply.
    // On ASCII text every form also stands the number apart from other digits and takes
    // only 100 to 599 ([`has_status_number`]): a log line whose numbers are all times,
    // dates and counts of other lengths is not read by the patterns either.
    let numbers = if text.is_ascii() {
        has_status_number(text)
    } else {
        has_ascii_digit_run(text, 3)
    };
    if !numbers {
        return status_by_phrase(text).map(|s| (s, None));
    }
    status_by_forms(text)
}

/// [`status_said`] read by every form, a number's and the SDK's phrases.
fn status_by_forms(text: &str) -> Option<(u16, Option<String>)> {
    // Every named or worded form, and `code=504`, holds one of the status words; on ASCII
    // text (where no other case of their letters can be) a text without any is not
    // searched for them. (`(?i)` would also take `ſ` for `s`: other text is searched.)
    let words = !text.is_ascii() || STATUS_WORDS.in_text(text);
    // A status line holds `HTTP/`: without it that pattern is not run.
    text.contains("HTTP/")
        .then(|| STATUS_LINE.captures_iter(text).last())
        .flatten()
        .and_then(|c| status_number(text, &c))
        .or_else(|| {
            // On ASCII text one pass of the set says which forms occur. Elsewhere the set
            // runs on the regex crate's slow engine (its Unicode `\b` stops the fast one),
            // while each form alone first looks for its own literal (`status`, `HTTP`):
            // the same answer, since a form that does not occur gives none.
            if text.is_ascii() {
                words.then(|| {
                    STATUS_SET
                        .matches(text)
                        .iter()
                        .find_map(|i| first_status_by(STATUS_PATTERNS.get(i)?, text))
                })?
            } else {
                STATUS_PATTERNS
                    .iter()
                    .find_map(|pattern| first_status_by(pattern, text))
            }
        })
        .or_else(|| {
            (words && has_code(text))
                .then(|| first_status_by(&CODE_AS_STATUS, text))
                .flatten()
        })
        .or_else(|| {
            // A bare number beside a code is a status only when servers send it (not a
            // count: `APIG.0201     512`).
            first_status_by(&CODE_THEN_STATUS, text)
                .filter(|s| crate::http_status::registered_error(*s))
        })
        .or_else(|| beside::status_before_code(text))
        .or_else(|| status_with_reason(text))
        .map(|s| (s, None))
        .or_else(|| said_status::said(text).map(|said| (said.status, Some(said.words))))
        .or_else(|| status_by_phrase(text).map(|s| (s, None)))
}

/// The status an OTC Go SDK error names in words.
fn status_by_phrase(text: &str) -> Option<u16> {
    STATUS_PHRASES
        .iter()
        .find(|(phrase, _)| text.contains(phrase))
        .map(|(_, status)| *status)
}

/// Whether `text` has `n` ASCII digits in a row: a cheap test that a pattern reading a
/// number of `n` digits can match at all, before running it.
pub(crate) fn has_ascii_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run >= n
    })
}

/// Whether `text` holds a number that a status form can read: exactly three ASCII
/// digits, the first 1 to 5, with no digit right before them and no letter, digit or
/// `_` right after. Each form of ASCII text (the named and worded ones, a status line,
/// `code=`, a code's status, a reason phrase's number, a sentence's) reads its number
/// after a separator, a space, a bracket or a word, and ends it at a word boundary, a
/// space, a bracket or a comma; a status is 100 to 599. Without such a number (a log
/// line's times and dates, a request id's hex), none of them gives one. Nor from three
/// digits that end a longer number (`10:34:53,562`, `1,500`: [`said_status::ends_a_number`]),
/// which a log line's milliseconds are. (The Chinese forms glue a number to other text;
/// they are no ASCII text.)
fn has_status_number(text: &str) -> bool {
    let (mut run, mut first, mut glued) = (0_usize, 0_u8, false);
    let mut before = [0_u8; 2];
    for b in text.bytes().chain(std::iter::once(b' ')) {
        if b.is_ascii_digit() {
            if run == 0 {
                first = b;
                glued = matches!(before, [d, b',' | b'.' | b':'] if d.is_ascii_digit());
            }
            run += 1;
        } else {
            let apart = !(b.is_ascii_alphabetic() || b == b'_');
            if run == 3 && apart && !glued && (b'1'..=b'5').contains(&first) {
                return true;
            }
            run = 0;
        }
        before = [before[1], b];
    }
    false
}

/// A number followed by its own reason phrase, however hyphenated or cased.
fn status_with_reason(text: &str) -> Option<u16> {
    // Its number parses only when it is three ASCII digits, which spaces and a letter
    // follow: text that is not ASCII and has no such place is not searched (there the
    // pattern's Unicode `\b` sends the regex crate to its slowest engine, over all of
    // it). ASCII text is searched at once: its fast engine outruns the test.
    if !text.is_ascii() && !number_then_letter(text) {
        return None;
    }
    status_with_reason_by_pattern(text)
}

/// Whether `text` holds three ASCII digits, the first 1 to 5, then white space and an
/// ASCII letter: where a [`NUMBER_THEN_WORDS`] match whose number parses begins.
fn number_then_letter(text: &str) -> bool {
    text.as_bytes().windows(3).enumerate().any(|(i, w)| {
        matches!(w, [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9']) && {
            let rest = text.get(i + 3..).unwrap_or_default();
            let after = rest.trim_start();
            after.len() < rest.len() && after.starts_with(|c: char| c.is_ascii_alphabetic())
        }
    })
}

/// [`status_with_reason`] by its pattern alone.
fn status_with_reason_by_pattern(text: &str) -> Option<u16> {
    let letters = |t: &str| -> String {
        t.chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    NUMBER_THEN_WORDS.find_iter(text).find_map(|m| {
        if said_status::ends_a_number(text, m.start()) {
            // `10:34:53,503 Service Unavailable…`: a time's milliseconds.
            return None;
        }
        let (number, words) = number_then_words(m.as_str());
        let status: u16 = number.parse().ok()?;
        let phrase = letters(crate::http_status::reason(status).0);
        (!phrase.is_empty() && letters(words).starts_with(&phrase)).then_some(status)
    })
}

/// Of a [`NUMBER_THEN_WORDS`] match, its two groups, read by hand (no slower engine for
/// the groups): the three chars of the number, and the words after the spaces.
fn number_then_words(found: &str) -> (&str, &str) {
    let end = found.char_indices().nth(3).map_or(found.len(), |(i, _)| i);
    let (number, rest) = found.split_at_checked(end).unwrap_or((found, ""));
    (number, rest.trim_start())
}

/// The first match of `pattern` whose number is a status.
fn first_status_by(pattern: &Regex, text: &str) -> Option<u16> {
    pattern
        .captures_iter(text)
        .find_map(|c| status_number(text, &c))
}

/// The number captured first (by the first group that took part), if it is an HTTP
/// status (100 to 599) and no unit follows it.
fn status_number(text: &str, c: &regex::Captures) -> Option<u16> {
    let number = c.iter().skip(1).flatten().next()?;
    let after = text.get(number.end()..).unwrap_or_default();
    if UNIT_AFTER.is_match(after) {
        return None;
    }
    number
        .as_str()
        .parse::<u16>()
        .ok()
        .filter(|s| (100..600).contains(s))
}

fn evidence_of(text: &str) -> Evidence {
    let mut ev = Evidence::default();
    let headers = !text.is_ascii() || HEADER_NAMES.in_text(text);
    for c in headers
        .then(|| HEADER.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let name = c[1].to_ascii_lowercase();
        let value = if name == "host" {
            without_userinfo(&c[2])
        } else {
            &c[2]
        };
        let value = Some(value.to_string()).filter(|v| !v.is_empty());
        let slot = match name.as_str() {
            "date" => &mut ev.date,
            "host" => &mut ev.host,
            "x-stage" => &mut ev.x_stage,
            "x-sdk-date" => &mut ev.x_sdk_date,
            _ => &mut ev.server,
        };
        if slot.is_none() {
            *slot = value;
        }
    }
    // The headers (Authorization: SDK-HMAC-SHA256, X-Sdk-Date, X-Auth-Token) and the
    // gateway's words ("verify aksk signature fail") alike.
    ev.auth = AuthMode::said_in(text);
    ev.auth_header = ev.auth.is_some_and(|a| a.header_in(text));
    request_target(text, &mut ev);
    request_sizes(text, &mut ev);
    ev.clock_skew_minutes = clock::skew_minutes(&ev, text);
    ev.truncated = unclosed_json(text);
    ev
}

/// A `Host` value without the userinfo a client may have put before it (`user:pass@`):
/// a credential, never a host's part.
fn without_userinfo(host: &str) -> &str {
    host.rsplit_once('@').map_or(host, |(_, host)| host)
}

fn request_target(text: &str, ev: &mut Evidence) {
    // A request line holds `HTTP/`, and a URL `://`: a text without them is not searched
    // for them (a log line has neither, mostly).
    let url = text.contains("://");
    let request_line = || {
        text.contains("HTTP/")
            .then(|| REQUEST_LINE.captures(text))
            .flatten()
    };
    let (method, target) = if let Some(c) = request_line() {
        (Some(c[1].to_string()), Some(c[2].to_string()))
    } else if let Some(c) = url.then(|| METHOD_URL.captures(text)).flatten() {
        (Some(c[1].to_string()), Some(c[2].to_string()))
    } else {
        (
            None,
            url.then(|| request_url(text)).flatten().map(str::to_string),
        )
    };
    ev.method = method;
    let Some(target) = target else { return };
    match URL.captures(&target) {
        Some(u) => {
            ev.protocol = Some(u[1].to_ascii_lowercase());
            ev.host.get_or_insert_with(|| u[2].to_string());
            ev.path = Some(u.get(3).map_or("/", |p| p.as_str()).to_string());
        }
        None => ev.path = Some(target.split('?').next().unwrap_or("/").to_string()),
    }
}

/// The first URL of `text` written where a request's URL is: on a curl command's line,
/// after a method (Go's `Get "https://…"`), a URL field (`url:`, `"uri":`, `Request URL:`,
/// `endpoint=`) or words that say a request went there (`request to`, `calling`). A URL
/// in prose (`see our wiki https://…`, `docs: see https://…`) is a link, not the request:
/// its host and path would be stated as the failing call's.
fn request_url(text: &str) -> Option<&str> {
    URL.find_iter(text)
        .find(|m| requested_at(line_before(text, m.start())))
        .map(|m| m.as_str())
}

/// What stands before byte `at` on its line.
fn line_before(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or_default();
    before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default())
}

/// Whether a URL after `prefix` (its line's text before it) is a request's (see
/// [`request_url`]).
fn requested_at(prefix: &str) -> bool {
    let command = prefix
        .trim_start()
        .trim_start_matches(['$', '>', '#'])
        .trim_start();
    if command.starts_with("curl ") || command.starts_with("wget ") {
        return true;
    }
    let kept = prefix.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '(' | '<' | '[' | '`')
    });
    let field = kept.strip_suffix([':', '=']);
    let words: Vec<String> = field
        .unwrap_or(kept)
        .rsplit(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|w| !w.is_empty())
        .take(2)
        .map(str::to_ascii_lowercase)
        .collect();
    let last = words.first().map_or("", String::as_str);
    let before = words.get(1).map_or("", String::as_str);
    if field.is_some() {
        return ["url", "uri", "endpoint", "request", "target", "address"]
            .iter()
            .any(|k| last.ends_with(k));
    }
    matches!(
        last,
        "get"
            | "post"
            | "put"
            | "delete"
            | "patch"
            | "head"
            | "options"
            | "calling"
            | "requesting"
            | "fetching"
            | "curl"
    ) || (last == "to"
        && matches!(
            before,
            "request" | "requests" | "posting" | "sending" | "connecting" | "call" | "calls"
        ))
}

/// Header sizes and Content-Length of the request, from `> Name: value` lines.
fn request_sizes(text: &str, ev: &mut Evidence) {
    let headers: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix('>'))
        .map(str::trim)
        .filter(|l| l.contains(':') && !REQUEST_LINE.is_match(l))
        .collect();
    if headers.is_empty() {
        return;
    }
    ev.request_header_bytes = Some(headers.iter().map(|h| h.len() + 2).sum());
    ev.largest_header_bytes = headers.iter().map(|h| h.len()).max();
    ev.request_body_bytes = headers.iter().find_map(|h| {
        let (name, value) = h.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())
            .flatten()
    });
}

/// The body was cut off, as its structure says: an object that opens but never closes
/// (braces in strings do not count), or `......` written between an object's fields.
/// Dots inside a value (`verify aksk signature fail, ......`) are the value's own.
fn unclosed_json(text: &str) -> bool {
    let Some(start) = text.find('{') else {
        return false;
    };
    let body = text.get(start..).unwrap_or_default();
    // Six dots where a field would be cut a JSON body short (`{"error_code":…, ......}`);
    // in an SDK's dump with bare keys (`{status_code:401, error_msg:… fail, ......,`)
    // they are the gateway's own message text.
    let json_keys = body.contains("\":");
    let (mut depth, mut dots) = (0_i64, 0);
    let (mut quoted, mut escaped) = (false, false);
    for c in body.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        dots = if c == '.' && !quoted && depth > 0 {
            dots + 1
        } else {
            0
        };
        if dots == 6 && json_keys {
            return true;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            // A string does not run past its line: a stray quote cannot hide the rest.
            '\n' => quoted = false,
            '{' if !quoted => depth += 1,
            '}' if !quoted => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// JSON escaped into a string (`body="{\"error_code\":...}"`), possibly twice. Only
/// escaped structure (`{\"`, `\":`) is unescaped: a quote escaped inside a value of plain
/// JSON (`"error_msg":"parameter \"id\" is invalid"`) is the value's, and unescaping it
/// ended the message at `parameter`.
fn unescape(block: &str) -> String {
    let mut text = block.to_string();
    for _ in 0..3 {
        if !escaped_structure(&text) {
            break;
        }
        text = text.replace("\\\\", "\\").replace("\\\"", "\"");
    }
    text
}

/// Whether `text` holds JSON written inside a string: an object or a key with escaped
/// quotes.
fn escaped_structure(text: &str) -> bool {
    ["{\\\"", "\\\":", "\\\" :", "[\\\""]
        .iter()
        .any(|mark| text.contains(mark))
}

/// What the signing time says when the paste holds no server time: only how far it is
/// from this computer's clock. A day or more is an old paste as often as a wrong client
/// clock (a ticket's transcript from last year said "signed 1318843 minutes before"), so
/// it is said in days, with what would tell.
fn unknown_skew(minutes: i64) -> String {
    const DAY: i64 = 24 * 60;
    let side = if minutes >= 0 { "before" } else { "after" };
    let far = minutes.abs();
    let said = "unknown (no server time in the paste); the request was signed";
    if far < DAY {
        let m = crate::wording::count(far, "minute");
        format!("{said} {m} {side} this computer's clock")
    } else {
        let d = crate::wording::count(far / DAY, "day");
        format!(
            "{said} {d} {side} this computer's clock: an old paste or a client clock that far off; only the gateway's Date header would tell which"
        )
    }
}

#[cfg(test)]
mod unknown_skew_tests {
    use super::unknown_skew;

    #[test]
    fn minutes_within_a_day_days_beyond_and_never_a_negative_count() {
        assert!(unknown_skew(40).ends_with("signed 40 minutes before this computer's clock"));
        assert!(unknown_skew(-3).ends_with("signed 3 minutes after this computer's clock"));
        let old = unknown_skew(1_318_843);
        assert!(old.contains("signed 915 days before"), "{old}");
        assert!(old.contains("an old paste"), "{old}");
    }
}

#[cfg(test)]
mod group_tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces that the message patterns' parts are made of, and some that break them.
    const PIECES: &[&str] = &[
        "APIG.0301",
        "apigw-0302",
        "APIG0303",
        "ApIc_0304",
        "APIG.٠١٢٣",
        " ",
        "  ",
        "\t",
        "\n",
        ":",
        "：",
        "]",
        ")",
        " - ",
        " – ",
        " — ",
        " | ",
        "-",
        "|",
        "Backend",
        "backend",
        "K",
        "错误",
        "error_msg",
        "errorMessage",
        "message",
        "Message",
        "msg",
        "错误信息",
        "\"",
        "'",
        "\\",
        "\\\"",
        "\\\n",
        "=",
        "{",
        "}",
        ",",
        "[",
        "x",
        "0",
        "é",
        "status=502",
        "504",
        "1٠٠",
        "Gateway Time-out",
        "Too Many",
        " \u{a0}",
        "ſtatus 502",
        "code=429",
        "-> 503",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Each group read by hand from a match is the group the regex crate captures.
        #[test]
        fn groups_read_from_a_match_are_the_captured_ones(text in text()) {
            if !may_code_then(&text) {
                prop_assert!(CODE_THEN_MESSAGE.find(&text).is_none(), "{:?}", &text);
            }
            for c in CODE_THEN_MESSAGE.captures_iter(&text) {
                prop_assert_eq!(after_code_then(&c[0]), &c[1]);
            }
            for c in CODE_SPACE_MESSAGE.captures_iter(&text) {
                prop_assert_eq!(after_code_space(&c[0]), &c[1]);
            }
            for c in NUMBER_THEN_WORDS.captures_iter(&text) {
                prop_assert_eq!(number_then_words(&c[0]), (&c[1], &c[2]));
            }
            // The key found, then the value read by hand: the field pattern's matches.
            for (key, whole) in MESSAGE_KEY_NAMES.iter().zip(MESSAGE_KEYS.iter()) {
                let by_hand: Vec<&str> = keyed_fields(key, &text).collect();
                let by_pattern: Vec<&str> = whole.find_iter(&text).map(|m| m.as_str()).collect();
                prop_assert_eq!(by_hand, by_pattern, "{:?}", &text);
            }
            for key in MESSAGE_KEYS.iter() {
                for c in key.captures_iter(&text) {
                    let captured = match (c.get(1), c.get(2), c.get(3)) {
                        (Some(v), _, _) | (_, Some(v), _) => Some((v.as_str(), true)),
                        (_, _, Some(v)) => Some((v.as_str(), false)),
                        _ => None,
                    };
                    prop_assert_eq!(keyed_value(&c[0]), captured, "{:?}", &c[0]);
                }
            }
        }
    }

    /// Pieces of log lines with numbers of every length beside the status forms' words.
    const NUMBERED: &[&str] = &[
        "status",
        "HTTP/1.1",
        "HTTP",
        "code=",
        "APIG.0308",
        "->",
        " ",
        ":",
        "=",
        "\"",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".",
        "-",
        "\n",
        "<Response [",
        "returned",
        "got",
        "error",
        "Client Error: ",
        "Gateway Time-out",
        "Too Many Requests",
        "ms",
        "0",
        "1",
        "4",
        "5",
        "6",
        "9",
        "29",
        "04",
        "2026",
        "06:38:01",
        "a",
        "f",
        "_",
        "Error",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// ASCII text without three digits standing apart (100 to 599) gives no status by
        /// any number's form: only the SDK's phrases can give one, as the cheap test says.
        #[test]
        fn no_status_number_no_status_but_a_phrase(
            pieces in proptest::collection::vec(proptest::sample::select(NUMBERED), 0..24)
        ) {
            let text = pieces.concat();
            if !has_status_number(&text) {
                prop_assert_eq!(status_by_forms(&text).map(|(s, _)| s), status_by_phrase(&text), "{:?}", text);
            }
        }
    }

    /// Pieces of text in any script around numbers and reason phrases.
    const REASONED: &[&str] = &[
        "504",
        "4",
        "29",
        "1",
        "٥٠٤",
        "５０４",
        " ",
        "\u{3000}",
        "\t",
        "\n",
        "Gateway",
        "Time-out",
        "Too",
        "Many",
        "Requests",
        "错误",
        "\u{FFFD}",
        "x",
        "-",
        "_",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Text without three ASCII digits, spaces and a letter gives no status by the
        /// reason phrase's pattern: the cheap test skips only what it would not find.
        #[test]
        fn no_number_then_letter_no_reason_status(
            pieces in proptest::collection::vec(proptest::sample::select(REASONED), 0..16)
        ) {
            let text = pieces.concat();
            if !number_then_letter(&text) {
                prop_assert_eq!(status_with_reason_by_pattern(&text), None, "{:?}", text);
            }
        }
    }

    #[test]
    fn a_status_number_stands_apart_and_is_100_to_599() {
        for text in ["504", "x 429 y", "(403)", "a=100", "599\n"] {
            assert!(has_status_number(text), "{text}");
        }
        for text in [
            "",
            "5044",
            "1504",
            "2026-12-07 10:34:53,562 ERROR",
            "1,500 errors",
            "600",
            "099",
            "2026-11-27 06:38:01",
            "12",
            "a504f",
            "504_x",
        ] {
            assert!(!has_status_number(text), "{text}");
        }
    }

    /// The forms the patterns are for, read as before.
    #[test]
    fn messages_after_codes_and_keys_are_read() {
        let read = |t: &str| message_of(t);
        assert_eq!(
            read("APIG.0301: Incorrect IAM authentication information request_id=ab12cd34ef")
                .as_deref(),
            Some("Incorrect IAM authentication information")
        );
        assert_eq!(
            read("[APIGW.0301]Incorrect app").as_deref(),
            Some("Incorrect app")
        );
        assert_eq!(
            read("APIG.0201 - Backend unavailable").as_deref(),
            Some("Backend unavailable")
        );
        assert_eq!(
            read("(APIG.0201) Backend unavailable").as_deref(),
            Some("Backend unavailable")
        );
        assert_eq!(
            read(r#"{"error_msg":"a \"quoted\" word","error_code":"APIG.0301"}"#).as_deref(),
            Some("a \"quoted\" word")
        );
        assert_eq!(read("msg='it failed' code=1").as_deref(), Some("it failed"));
        assert_eq!(
            read("message: backend down, status: 502").as_deref(),
            Some("backend down")
        );
        // Each status form still reads, with and without a status word.
        for (text, status) in [
            (
                "ERROR APIG.0201 backend down 504 Gateway Time-out",
                Some(504),
            ),
            ("STATUS: 429 APIG.0308", Some(429)),
            ("call -> 503 APIG.0201", Some(503)),
            ("APIG.0201 Code=502", Some(502)),
            ("APIG.0201 Code=502 ſtatus", Some(502)),
            ("worker 123 failed at 06:00:00", None),
        ] {
            assert_eq!(status_of(text), status, "{text}");
        }
    }
}

#[cfg(test)]
mod line_tests {
    use super::{first_occurrences, line_at, newlines_of};

    /// The one-pass reading gives the line `str::lines` gives, CRLF, ends and all.
    #[test]
    fn the_line_of_a_code_is_the_first_line_holding_it() {
        let long = format!(
            "{}\nAPIG.0301 a\r\n{}APIG.9903 APIG.0201",
            "y ".repeat(super::SHORT_BLOCK),
            "z\n".repeat(100)
        );
        let texts = [
            long.as_str(),
            "",
            "APIG.0301",
            "a\nb APIG.0301 c\r\nd APIG.0301\n",
            "x\r\nAPIG.0301\r\n",
            "x\nAPIG.0301\r",
            "\nAPIG.0301",
            "\r\nAPIG.0301\r\n\r\n",
            "APIG.0201\nAPIG.0301 one\nAPIG.0301 two",
            "apig 0301 APIG.0301\nAPIG.0201 APIG0201",
            "none here\n",
        ];
        let few = vec![
            "APIG.0301",
            "APIG.0201",
            "0301 t",
            "apig 0301",
            "APIG0201",
            "a\nb",
        ];
        // More than a few needles are found by one automaton: the same answers.
        let extra: Vec<String> = (0..super::FEW_NEEDLES)
            .map(|i| format!("APIG.99{i:02}"))
            .collect();
        let mut many = few.clone();
        many.extend(extra.iter().map(String::as_str));
        for text in texts {
            for needles in [&few, &many] {
                let firsts = first_occurrences(text, needles);
                for (needle, at) in needles.iter().zip(firsts) {
                    assert_eq!(at, text.find(needle), "{text:?} {needle:?}");
                    let line =
                        line_at(text, &newlines_of(text), needle, at).and_then(|r| text.get(r));
                    assert_eq!(
                        line,
                        text.lines().find(|l| l.contains(needle)),
                        "{text:?} {needle:?}"
                    );
                }
            }
        }
    }
}
