//! Pastes of the places tickets come from, written by a tester in forms not covered
//! before: a sentence that names two codes each with its status, a Jira comment with its
//! `{code}` fences and labels, a chat's speaker lines between an error and its facts, a
//! .NET SDK exception whose code comes after its stack trace, and a chat that says the
//! error is fixed after a sentence about something else.

use super::*;

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

/// (code, status) of each error.
fn statuses(text: &str) -> Vec<(String, Option<u16>)> {
    analyzed(text)
        .errors
        .into_iter()
        .map(|e| (e.code.unwrap_or_default(), e.http_status))
        .collect()
}

#[test]
fn codes_of_one_line_each_keep_the_status_written_beside_them() {
    for text in [
        "POST /v1/orders returns APIG.0308 (429) and GET /v1/items returns APIG.0101 (404).",
        "Wir sehen APIG.0308 (429) und APIG.0101 (404) im Wechsel.",
        "ERROR 429 APIG.0308 then ERROR 404 APIG.0101",
        "两个错误：APIG.0308（429）和 APIG.0101（404）",
    ] {
        assert_eq!(
            statuses(text),
            [
                ("APIG.0308".to_string(), Some(429)),
                ("APIG.0101".to_string(), Some(404))
            ],
            "{text}"
        );
    }
    // One code with its status beside it and another without: the other takes none.
    let text = "we get APIG.0308 (429) and APIG.0101 on other calls";
    assert_eq!(
        statuses(text),
        [
            ("APIG.0308".to_string(), Some(429)),
            ("APIG.0101".to_string(), None)
        ],
        "{text}"
    );
}

#[test]
fn a_jira_comment_s_fenced_body_takes_its_labelled_time_and_not_the_expected_status() {
    let text = "*Environment:* production, region eu-de\n*Actual result:*\n{code:json}\n{\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend timeout.\",\"request_id\":\"ab12cd34ef56ab12cd34ef56ab12cd34\"}\n{code}\n*Expected result:* 201 Created\n*Time:* 2024-03-05 14:03:22 UTC\n";
    let a = analyzed(text);
    assert_eq!(a.errors.len(), 1, "{a:#?}");
    let e = &a.errors[0];
    assert_ne!(e.http_status, Some(201), "{e:#?}");
    assert_eq!(
        e.seen_at.map(|s| s.text()).as_deref(),
        Some("2024-03-05 14:03:22"),
        "{e:#?}"
    );
}

#[test]
fn a_chat_s_speaker_lines_do_not_cut_an_error_from_its_facts() {
    for text in [
        "[14:01] Lina Park\n    getting this on prod: APIG.0305 Incorrect authentication information: frequency limit\n[14:03] Lina Park\n    status is 401, request id 3c3c3c3c4d4d4d4d5e5e5e5e6f6f6f6f\n",
        "Lina Park  2:01 PM\ngetting this on prod: APIG.0305 Incorrect authentication information: frequency limit\nLina Park  2:03 PM\nrequest_id: 3c3c3c3c4d4d4d4d5e5e5e5e6f6f6f6f\n",
        "李四 14:01\n生产环境报错 APIG.0305 Incorrect authentication information: frequency limit\n李四 14:03\n请求ID：3c3c3c3c4d4d4d4d5e5e5e5e6f6f6f6f\n",
    ] {
        let a = analyzed(text);
        assert_eq!(a.errors.len(), 1, "{text}\n{a:#?}");
        assert_eq!(
            a.errors[0].request_id.as_deref(),
            Some("3c3c3c3c4d4d4d4d5e5e5e5e6f6f6f6f"),
            "{text}"
        );
    }
}

#[test]
fn an_sdk_exception_s_message_above_its_trace_is_the_error_its_dump_names_below() {
    let text = "HuaweiCloud.SDK.Core.ClientRequestException: Incorrect IAM authentication information: verify aksk signature fail\n   at HuaweiCloud.SDK.Core.Client.InvokeAsync()\n   at Orders.Api.Create()\n StatusCode: Unauthorized (401)\n RequestId: 9e9e9e9e0f0f0f0f1a1a1a1a2b2b2b2b\n ErrorCode: APIG.0301\n";
    let a = analyzed(text);
    assert_eq!(a.errors.len(), 1, "{a:#?}");
    let e = &a.errors[0];
    assert_eq!(e.http_status, Some(401));
    assert_eq!(
        e.message.as_deref(),
        Some("Incorrect IAM authentication information: verify aksk signature fail")
    );
    assert!(e.matched().is_some(), "{e:#?}");
}

#[test]
fn a_chat_that_says_fixed_after_a_sentence_about_the_cause_counts_no_current_error() {
    let text = "Anna Schmidt  10:02 AM\nour order service gets 401s since the deploy\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\",\"request_id\":\"c0ffee00c0ffee00c0ffee00c0ffee00\"}\nBen Ortiz  10:05 AM\ndid you check the clock of the pod?\nAnna Schmidt  10:09 AM\nyes, NTP was off by 20 min. fixed it, all good now\n";
    let a = analyzed(text);
    assert!(a.errors.is_empty(), "{a:#?}");
    // Still failing after the same words keeps it.
    let kept = text.replace("fixed it, all good now", "fixed it, but it still fails");
    assert_eq!(analyzed(&kept).errors.len(), 1, "{kept}");
}

#[test]
fn a_chinese_chat_that_says_it_works_now_counts_no_current_error() {
    let text = "张三 14:01\n接口一直报错，错误码 APIG.0308，状态码429\n李四 14:02\n限流调大了吗？\n张三 14:05\n调大了，现在好了\n";
    let a = analyzed(text);
    assert!(a.errors.is_empty(), "{a:#?}");
    let kept = text.replace("调大了，现在好了", "调大了，还是报错");
    assert_eq!(analyzed(&kept).errors.len(), 1, "{kept}");
}
