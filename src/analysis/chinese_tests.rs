//! Chinese in pastes: a custom gateway response or a log line written in Chinese keeps its
//! text whole, and its code and status are read as in English, also where Chinese
//! characters stand right against them (`错误码：APIG.0308`, `状态码429`).

use super::*;

/// The first error of `input`: (code, status, message, the matched row's code and status).
fn read(input: &str) -> (Option<String>, Option<u16>, Option<String>, Option<String>) {
    let catalog = Catalog::embedded();
    let a = analyze(input, &catalog);
    let e = a
        .errors
        .first()
        .unwrap_or_else(|| panic!("{input}: nothing found: {a:?}"));
    let row = e.matched().map(|c| {
        let r = &catalog.entries[c.row];
        format!("{} {}", r.code(), r.http_status)
    });
    (e.code.clone(), e.http_status, e.message.clone(), row)
}

#[test]
fn a_chinese_error_msg_is_kept_whole_and_its_code_and_status_read() {
    let msg = "请求过于频繁，已触发API流控阈值，请稍后重试。";
    let input = format!(
        "HTTP/1.1 429 Too Many Requests\nX-Request-Id: 0aa1bb2cc3dd4ee5ff6a7b8c9d0e1f23\n\n{{\"error_code\":\"APIG.0308\",\"error_msg\":\"{msg}\"}}"
    );
    let (code, status, message, row) = read(&input);
    assert_eq!(code.as_deref(), Some("APIG.0308"));
    assert_eq!(status, Some(429));
    assert_eq!(message.as_deref(), Some(msg), "the whole Chinese message");
    assert_eq!(row.as_deref(), Some("APIG.0308 429"));
}

#[test]
fn codes_and_statuses_written_against_chinese_are_read() {
    for (input, code, status, row) in [
        (
            "调用失败，错误码：APIG.0308，状态码：429，提示流控",
            "APIG.0308",
            Some(429),
            "APIG.0308 429",
        ),
        (
            "网关返回错误码APIG.0201状态码504，后端超时",
            "APIG.0201",
            Some(504),
            "APIG.0201 504",
        ),
        (
            "2026-12-06 10:15:02 ERROR 调用APIG.0303失败 HTTP状态码 401 签名错误",
            "APIG.0303",
            Some(401),
            "APIG.0303 401",
        ),
        (
            "{\"error_code\":\"APIG.0201\",\"error_msg\":\"后端服务不可用\",\"状态码\":502}",
            "APIG.0201",
            Some(502),
            "APIG.0201 502",
        ),
    ] {
        let (c, s, _, r) = read(input);
        assert_eq!(c.as_deref(), Some(code), "{input}");
        assert_eq!(s, status, "{input}");
        assert_eq!(r.as_deref(), Some(row), "{input}");
    }
}

#[test]
fn a_chinese_message_after_its_code_is_the_message() {
    let (code, _, message, _) =
        read("APIG.0308:请求过多，已达到流控阈值 request_id=5c5e1d7d1b0e4c0f9f3a2b1c0d9e8f7a");
    assert_eq!(code.as_deref(), Some("APIG.0308"));
    assert_eq!(message.as_deref(), Some("请求过多，已达到流控阈值"));
}

#[test]
fn numbers_in_chinese_that_are_not_statuses_stay_counts() {
    let catalog = Catalog::embedded();
    let a = analyze("错误码：APIG.0308，每秒500个请求", &catalog);
    assert_eq!(a.errors[0].http_status, None, "500 requests is a count");
}

#[test]
fn a_long_chinese_summary_is_cut_between_characters() {
    let long = format!(
        "{{\"error_code\":\"APIG.0308\",\"error_msg\":\"{}\"}}",
        "请求过于频繁，已触发流控。".repeat(40)
    );
    let summary = glance::glance(&long).expect("an APIG error");
    assert!(summary.ends_with('…'), "{summary}");
    assert!(summary.starts_with("APIG.0308"), "{summary}");
    assert!(summary.contains("请求过于频繁"), "{summary}");
}

/// Codes and statuses typed with a Chinese input method: fullwidth letters, digits and
/// dots, or an ideographic full stop between the service and the digits. They are read
/// as in ASCII, and the text is shown as pasted.
#[test]
fn fullwidth_codes_and_statuses_are_read_and_the_text_kept() {
    for (input, code, status, row) in [
        (
            "{\"error_code\":\"ＡＰＩＧ．０３０８\",\"error_msg\":\"请求太频繁\",\"状态码\":４２９}",
            "APIG.0308",
            Some(429),
            "APIG.0308 429",
        ),
        (
            "网关报错 APIG。0201，状态码：５０４，后端超时",
            "APIG.0201",
            Some(504),
            "APIG.0201 504",
        ),
        (
            "错误码：ＡＰＩＧ.0303 HTTP状态码 ４０１ 签名不对",
            "APIG.0303",
            Some(401),
            "APIG.0303 401",
        ),
    ] {
        let (got, got_status, _, got_row) = read(input);
        assert_eq!(got.as_deref(), Some(code), "{input}");
        assert_eq!(got_status, status, "{input}");
        assert_eq!(got_row.as_deref(), Some(row), "{input}");
    }
    let catalog = Catalog::embedded();
    let msg = "请求太频繁，请稍后（３０秒）再试";
    let input = format!("{{\"error_code\":\"ＡＰＩＧ．０３０８\",\"error_msg\":\"{msg}\"}}");
    let a = analyze(&input, &catalog);
    assert_eq!(a.errors[0].message.as_deref(), Some(msg), "shown as pasted");
}

/// Request ids in the forms SDKs, gateways and Chinese logs write them.
#[test]
fn request_ids_in_sdk_header_and_chinese_forms_are_read() {
    let catalog = Catalog::embedded();
    for (input, id) in [
        (
            "{\"error_code\":\"APIG.0301\",\"error_msg\":\"认证失败\",\"requestId\":\"7f3a9c1e5b2d4a60\"}",
            "7f3a9c1e5b2d4a60",
        ),
        (
            "ClientRequestException: ErrorCode='APIG.0303', ErrorMsg='Incorrect app authentication information', RequestId='c0ffee1234abcd5678'",
            "c0ffee1234abcd5678",
        ),
        (
            "HTTP/1.1 429 Too Many Requests\nX-Request-ID: 11aa22bb33cc44dd\n\nAPIG.0308 流控",
            "11aa22bb33cc44dd",
        ),
        (
            "调用失败 APIG.0201 状态码 502 请求ID：9e8d7c6b5a4f3e2d",
            "9e8d7c6b5a4f3e2d",
        ),
        (
            "调用失败 APIG.0201 状态码 502 请求 ID: a1b2c3d4e5f6a7b8",
            "a1b2c3d4e5f6a7b8",
        ),
        (
            "APIG.0308:The throttling threshold has been reached: policy ip over ratelimit,limit:5,time:1 second request_id: 77aa",
            "77aa",
        ),
        (
            "APIG.0303 签名错误 Request ID: 0f1e2d3c4b5a6978",
            "0f1e2d3c4b5a6978",
        ),
        (
            "{status_code:401,request_id:5d6e7f8091a2b3c4,error_code:APIG.0301,error_msg:鉴权失败}",
            "5d6e7f8091a2b3c4",
        ),
    ] {
        let a = analyze(input, &catalog);
        let e = a.errors.first().unwrap_or_else(|| panic!("{input}: {a:?}"));
        assert_eq!(e.request_id.as_deref(), Some(id), "{input}");
    }
}

/// An SDK's `ErrorMsg='…'` is the message.
#[test]
fn an_sdk_error_msg_quoted_with_single_quotes_is_the_message() {
    let (_, _, message, _) = read(
        "ServiceResponseException{httpStatusCode=403, ErrorCode='APIG.0306', ErrorMsg='API access denied.'}",
    );
    assert_eq!(message.as_deref(), Some("API access denied."));
}

/// A custom gateway response's Chinese `error_msg` without a code is matched through the
/// vocabulary's phrases, as search reads them: its rows are guesses, with the phrase
/// that led there, those of the response's status only.
#[test]
fn a_chinese_message_without_a_code_is_guessed_through_the_vocabulary() {
    let catalog = Catalog::embedded();
    let index = crate::search::SearchIndex::new(&catalog);
    let phrases = |m: &str| index.sure_rows(&catalog, m);
    let analyzed = |input: &str| analyze_with_phrases(input, &catalog, &phrases);
    let a =
        analyzed("HTTP/1.1 429 Too Many Requests\n\n{\"error_msg\":\"请求太频繁了，请稍后再试\"}");
    let e = a.errors.first().unwrap_or_else(|| panic!("{a:?}"));
    let best = e.candidates.first().unwrap_or_else(|| panic!("{e:?}"));
    let row = &catalog.entries[best.row];
    assert_eq!((row.code(), row.http_status), ("APIG.0308", 429));
    assert!(best.confidence < MATCH_THRESHOLD, "a guess, not a match");
    assert!(e.matched().is_none());
    assert!(
        best.reasons.iter().any(|r| r.contains("\"太频繁\" means")),
        "{:?}",
        best.reasons
    );
    let a = analyzed("HTTP/1.1 504 Gateway Timeout\n\n{\"msg\":\"网关调用后端超时\"}");
    let e = a.errors.first().unwrap_or_else(|| panic!("{a:?}"));
    assert!(!e.candidates.is_empty());
    assert!(
        e.candidates
            .iter()
            .all(|c| catalog.entries[c.row].http_status == 504),
        "only the rows of the response's status"
    );
    // Words nothing reads, and English that is no catalog message, stay no error.
    for input in [
        "{\"error_msg\":\"今天天气不错\"}",
        "{\"error_msg\":\"something odd happened upstream\"}",
    ] {
        assert!(analyzed(input).errors.is_empty(), "{input}");
    }
    // Without the vocabulary (`analyze`), the Chinese message is not guessed.
    assert!(
        analyze("{\"error_msg\":\"访问太频繁了\"}", &catalog)
            .errors
            .is_empty()
    );
}

/// A message only somewhat alike to catalog messages (`refresh token 无效` is 58 % alike
/// to "Refresh token is expired" and to "Refresh token is invalid") is a guess, even with
/// the status of one of them: never "the match", and the answer says it is unsure.
#[test]
fn a_weak_resemblance_is_no_match_whatever_the_status() {
    let catalog = Catalog::embedded();
    let index = crate::search::SearchIndex::new(&catalog);
    let phrases = |m: &str| index.sure_rows(&catalog, m);
    for input in [
        "HTTP/1.1 401 Unauthorized\n\n{\"error_msg\":\"refresh token 无效\"}",
        "{\"error_msg\":\"access token 无效\",\"status\":401}",
        "HTTP/1.1 401 Unauthorized\n\n{\"error_msg\":\"access token was revoked\"}",
        "HTTP/1.1 401 Unauthorized\n\n{\"error_msg\":\"refresh token has been revoked\"}",
        "HTTP/1.1 502 Bad Gateway\n\n{\"error_msg\":\"backend is unreachable\"}",
    ] {
        for a in [
            analyze(input, &catalog),
            analyze_with_phrases(input, &catalog, &phrases),
        ] {
            let e = a.errors.first().unwrap_or_else(|| panic!("{input}: {a:?}"));
            assert!(e.matched().is_none(), "{input}: {:?}", e.candidates);
            assert!(
                e.candidates.iter().all(|c| c.confidence < MATCH_THRESHOLD),
                "{input}: {:?}",
                e.candidates
            );
            assert!(
                e.warnings.iter().any(|w| w.contains("the best is a guess")),
                "{input}: {:?}",
                e.warnings
            );
        }
    }
    // The vocabulary's reading (无效 is "invalid") is listed before a weak resemblance
    // that only the status favours.
    let a = analyze_with_phrases("{\"error_msg\":\"refresh token 无效\"}", &catalog, &phrases);
    let best = &a.errors[0].candidates[0];
    assert_eq!(catalog.entries[best.row].code(), "APIG.2202");
    // A message typed with a typo or two is still the match.
    let a = analyze(
        "HTTP/1.1 401 Unauthorized\n\n{\"error_msg\":\"Refresh token is expird\"}",
        &catalog,
    );
    let e = &a.errors[0];
    let row = e.matched().map(|c| catalog.entries[c.row].code());
    assert_eq!(row, Some("APIG.1001"), "{:?}", e.candidates);
}
