//! `apig-explorer analyze` on pastes of the kinds a fresh-eyes tester found read wrong:
//! errors sharing a line, one error logged twice, request ids that are not the gateway's,
//! a HAR body saved as base64, status forms of other SDKs, messages with commas, and
//! bodies that only look cut. Each paste is written here; what is checked is what the
//! engineer reads.

mod common {
    pub(crate) mod cli;
}

use common::cli::{binary, output};

/// `analyze --json` of `paste` (with `--all` when asked), parsed.
fn analyzed(paste: &str, all: bool) -> serde_json::Value {
    let mut command = binary();
    command.args(["analyze", "--json", "-"]);
    if all {
        command.arg("--all");
    }
    let out = output(&mut command, paste);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("analyze --json prints JSON")
}

/// (code, request id, status) of each error.
fn facts(a: &serde_json::Value) -> Vec<(String, String, u64)> {
    a["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or_default().to_string(),
                e["request_id"].as_str().unwrap_or_default().to_string(),
                e["http_status"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn fact(code: &str, id: &str, status: u64) -> (String, String, u64) {
    (code.to_string(), id.to_string(), status)
}

/// The analysis's warnings and every error's, one string.
fn warnings_of(a: &serde_json::Value) -> String {
    let mut all = vec![a["warnings"].to_string()];
    for e in a["errors"].as_array().into_iter().flatten() {
        all.push(e["warnings"].to_string());
    }
    all.join("\n")
}

#[test]
fn each_error_of_a_line_keeps_its_own_request_id_and_message() {
    let paste = r#"[{"error_msg":"The API does not exist or has not been published in the environment","error_code":"APIG.0101","request_id":"1b1b2c2c1b1b2c2c"},{"error_msg":"Incorrect IAM authentication information: decrypt token fail","error_code":"APIG.0301","request_id":"3d3d4e4e3d3d4e4e"}]"#;
    let a = analyzed(paste, true);
    assert_eq!(
        facts(&a),
        [
            fact("APIG.0101", "1b1b2c2c1b1b2c2c", 0),
            fact("APIG.0301", "3d3d4e4e3d3d4e4e", 0),
        ]
    );
    assert_eq!(
        a["errors"][1]["message"].as_str(),
        Some("Incorrect IAM authentication information: decrypt token fail")
    );
    assert!(!warnings_of(&a).contains("same response"), "{a}");
}

#[test]
fn an_error_logged_twice_is_counted_once() {
    let paste = "2026-12-07 01:10:00 WARN pay status=429 code=APIG.0308 msg=\"The throttling threshold has been reached\" rid=6c6c7d7d6c6c7d7d\n\
                 2026-12-07 01:10:00 WARN pay raw: {\"error_msg\":\"The throttling threshold has been reached\",\"error_code\":\"APIG.0308\",\"request_id\":\"6c6c7d7d6c6c7d7d\"}\n\
                 2026-12-07 01:10:30 WARN pay status=429 code=APIG.0308 msg=\"The throttling threshold has been reached\" rid=8e8e9f9f8e8e9f9f\n\
                 2026-12-07 01:10:30 WARN pay raw: {\"error_msg\":\"The throttling threshold has been reached\",\"error_code\":\"APIG.0308\",\"request_id\":\"8e8e9f9f8e8e9f9f\"}\n";
    let a = analyzed(paste, false);
    assert_eq!(a["triage"]["total"].as_u64(), Some(2), "{a}");
    assert_eq!(a["triage"]["groups"][0]["count"].as_u64(), Some(2), "{a}");
}

#[test]
fn the_client_s_request_header_is_not_the_request_id_and_two_ids_are_said() {
    let curl = "> GET /v1/orders HTTP/1.1\n> Host: api.example.com\n> X-Request-Id: order-svc-77\n>\n< HTTP/1.1 404 Not Found\n< Server: api-gateway\n<\n{\"error_msg\":\"The API does not exist or has not been published in the environment\",\"error_code\":\"APIG.0101\",\"request_id\":\"5f5f6a6a5f5f6a6a\"}\n";
    assert_eq!(
        facts(&analyzed(curl, false)),
        [fact("APIG.0101", "5f5f6a6a5f5f6a6a", 404)]
    );
    let differ = "< HTTP/1.1 429 Too Many Requests\n< X-Request-Id: 7b7b8c8c7b7b8c8c\n<\n{\"error_code\":\"APIG.0308\",\"request_id\":\"9d9d0e0e9d9d0e0e\"}\n";
    let a = analyzed(differ, false);
    assert_eq!(
        a["errors"][0]["request_id"].as_str(),
        Some("9d9d0e0e9d9d0e0e")
    );
    assert!(
        warnings_of(&a).contains("7b7b8c8c7b7b8c8c (response header X-Request-Id)"),
        "{a}"
    );
    let null = "ServiceResponseException{httpStatusCode=401, errorCode='APIG.0307', errorMsg='The token must be updated', requestId='undefined'}";
    let a = analyzed(null, false);
    assert_eq!(a["errors"][0]["request_id"], serde_json::Value::Null, "{a}");
}

#[test]
fn a_har_body_in_base64_is_read() {
    // {"error_msg":"Unknown client IP address","error_code":"APIG.0401"}
    let body =
        "eyJlcnJvcl9tc2ciOiJVbmtub3duIGNsaWVudCBJUCBhZGRyZXNzIiwiZXJyb3JfY29kZSI6IkFQSUcuMDQwMSJ9";
    let har = format!(
        r#"{{"log":{{"version":"1.2","entries":[{{"startedDateTime":"2026-12-07T02:00:00Z","request":{{"method":"GET","url":"https://api.example.com/v1","headers":[]}},"response":{{"status":403,"statusText":"Forbidden","headers":[],"content":{{"text":"{body}","encoding":"base64"}}}}}}]}}}}"#
    );
    assert_eq!(facts(&analyzed(&har, false)), [fact("APIG.0401", "", 403)]);
}

#[test]
fn statuses_written_by_other_sdks_and_in_chinese_are_read() {
    for (paste, status) in [
        (
            "Acme.ApiException: {\"error_code\":\"APIG.0302\"}\n   at Acme.Client.Send()\nStatusCode: Forbidden (403)\n",
            403,
        ),
        (
            "{\"error_code\":\"APIG.0308\",\"request_id\":\"2a2a3b3b2a2a3b3b\"}\nHTTP 状态码：429\n",
            429,
        ),
    ] {
        let a = analyzed(paste, false);
        assert_eq!(
            a["errors"][0]["http_status"].as_u64(),
            Some(status),
            "{paste}\n{a}"
        );
    }
}

#[test]
fn a_message_with_commas_is_read_whole_and_dots_in_it_cut_nothing() {
    let python = "huaweicloudsdkcore.exceptions.exceptions.ClientRequestException: ClientRequestException - {status_code:429,request_id:4c4c5d5d4c4c5d5d,error_code:APIG.0308,error_msg:The throttling threshold has been reached: policy api over ratelimit,limit:50,time:1 second,encoded_authorization_message:None}";
    let a = analyzed(python, false);
    assert_eq!(
        a["errors"][0]["message"].as_str(),
        Some(
            "The throttling threshold has been reached: policy api over ratelimit,limit:50,time:1 second"
        ),
        "{a}"
    );
    let dots = r#"{"error_msg":"Backend unavailable......","error_code":"APIG.0201","request_id":"6e6e7f7f6e6e7f7f"}"#;
    assert!(!warnings_of(&analyzed(dots, false)).contains("truncated"));
}

#[test]
fn records_joined_on_one_line_by_a_semicolon_or_a_bar_keep_their_own_facts() {
    for sep in ["; ", " | "] {
        let line = format!(
            "2026-05-04T10:00:00Z WARN batch: status=401 code=APIG.0303 rid=5f0a7c21e9d4b3a8{sep}status=403 code=APIG.0304 rid=6e1b8d32fa05c4b9\n"
        );
        let a = analyzed(&line, true);
        assert_eq!(
            facts(&a),
            [
                ("APIG.0303".to_string(), "5f0a7c21e9d4b3a8".to_string(), 401),
                ("APIG.0304".to_string(), "6e1b8d32fa05c4b9".to_string(), 403),
            ],
            "{line}"
        );
    }
}

#[test]
fn six_dots_in_an_sdk_dump_s_message_are_no_cut() {
    let a = analyzed(
        "huaweicloudsdkcore.exceptions.exceptions.ClientRequestException: {status_code:401,request_id:7c2e9a41d0b35f68,error_code:APIG.0301,error_msg:Incorrect IAM authentication information: verify aksk signature fail, ......,encoded_authorization_message:None }\n",
        false,
    );
    let warnings = a["errors"][0]["warnings"].to_string();
    assert!(!warnings.contains("truncated"), "{warnings}");
}

/// (code, request id, status, message) of the only error.
fn only(a: &serde_json::Value) -> (String, String, u64, String) {
    let errors = a["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{a}");
    let (code, id, status) = facts(a).remove(0);
    let message = errors[0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (code, id, status, message)
}

const ID: &str = "5e1d2c3b4a5f60718293a4b5c6d7e8f9";
const THROTTLED: &str = "The throttling threshold has been reached";

#[test]
fn a_quoted_reply_keeps_its_status_request_id_and_message() {
    for paste in [
        format!(
            "On Mon, Dec 7, 2026 at 10:03 AM Customer <c@example.com> wrote:\n> We keep getting this:\n> HTTP/1.1 429 Too Many Requests\n> Server: api-gateway\n> X-Request-Id: {ID}\n>\n> {{\"error_code\":\"APIG.0308\",\"error_msg\":\"{THROTTLED}\"}}\n"
        ),
        format!(
            "Forwarded:\n>> HTTP/1.1 429 Too Many Requests\n>> X-Request-Id: {ID}\n>>\n>> {{\"error_code\":\"APIG.0308\",\"error_msg\":\"{THROTTLED}\"}}\n"
        ),
        format!(
            "客户 写道：\n> 错误码：APIG.0308\n> 状态码：429\n> request_id：{ID}\n> 错误信息：{THROTTLED}\n"
        ),
    ] {
        let got = only(&analyzed(&paste, false));
        assert_eq!(
            got,
            ("APIG.0308".into(), ID.into(), 429, THROTTLED.into()),
            "{paste}"
        );
    }
}

#[test]
fn table_rows_and_labelled_lines_are_read_as_their_fields() {
    for paste in [
        format!(
            "time,code,status,request_id,message\n2026-12-07 03:10:02,APIG.0308,429,{ID},{THROTTLED}\n"
        ),
        format!("2026-12-07 03:10:02,APIG.0308,429,{ID},\"{THROTTLED}\"\n"),
        format!(
            "| code | status | request id | message |\n|---|---|---|---|\n| APIG.0308 | 429 | {ID} | {THROTTLED} |\n"
        ),
        format!("| APIG.0308 | 429 | {ID} | {THROTTLED} |\n"),
        format!(
            "工单内容\n错误码：APIG.0308\n状态码：429\nrequest_id：{ID}\n错误信息：{THROTTLED}\n"
        ),
        format!("错误码：APIG.0308，状态码：429，请求ID：{ID}，错误信息：{THROTTLED}\n"),
    ] {
        let got = only(&analyzed(&paste, false));
        assert_eq!(
            got,
            ("APIG.0308".into(), ID.into(), 429, THROTTLED.into()),
            "{paste}"
        );
    }
    // Two rows of a table are two errors, each with its own facts.
    let two = format!(
        "| code | status | request id |\n|---|---|---|\n| APIG.0308 | 429 | {ID} |\n| APIG.0303 | 401 | 6f6f7a7a6f6f7a7a6f6f |\n"
    );
    assert_eq!(
        facts(&analyzed(&two, false)),
        [
            fact("APIG.0308", ID, 429),
            fact("APIG.0303", "6f6f7a7a6f6f7a7a6f6f", 401)
        ]
    );
}

#[test]
fn a_code_the_paste_says_it_is_not_is_never_the_error() {
    for paste in [
        format!("It's NOT APIG.0308, the customer checked. They get HTTP 429 with '{THROTTLED}'."),
        format!("not a 0308, the calls fail with 429 {THROTTLED}"),
        "客户说不是APIG.0308，返回403".to_string(),
        "The customer says it's not APIG.0308.".to_string(),
    ] {
        let a = analyzed(&paste, false);
        for e in a["errors"].as_array().expect("errors") {
            assert_ne!(e["code"], "APIG.0308", "{paste}\n{a}");
            let best = e["candidates"][0]["confidence"].as_f64().unwrap_or(0.0);
            assert!(best < 0.5, "{paste}\n{a}");
        }
        assert!(
            warnings_of(&a).contains("Named as not the error: APIG.0308"),
            "{paste}\n{a}"
        );
    }
    // The code it is, beside the one it is not.
    let a = analyzed(
        "This is not APIG.0308 but APIG.0303 Incorrect app authentication information",
        false,
    );
    assert_eq!(facts(&a), [fact("APIG.0303", "", 0)]);
    // A negation with other words before the code denies nothing.
    let a = analyzed(
        "2026-12-07T03:10:02Z ERROR request could not be processed: APIG.0201 status=502",
        false,
    );
    assert_eq!(facts(&a), [fact("APIG.0201", "", 502)]);
    assert!(!warnings_of(&a).contains("not the error"), "{a}");
}

#[test]
fn each_response_of_an_array_keeps_its_own_status() {
    let status_first = r#"[
 {"status":429,"body":{"error_msg":"The throttling threshold has been reached","error_code":"APIG.0308","request_id":"40000000000000000000000000000001"}},
 {"status":200,"body":{"ok":true}},
 {"status":401,"body":{"error_msg":"Incorrect app authentication information","error_code":"APIG.0303","request_id":"40000000000000000000000000000002"}}
]"#;
    let status_after = r#"[{"response":{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment","request_id":"5a5a6b6b5a5a6b6b"},"statusCode":404},
{"response":{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail","request_id":"7c7c8d8d7c7c8d8d"},"statusCode":401}]"#;
    for (paste, want) in [
        (
            status_first,
            [
                fact("APIG.0308", "40000000000000000000000000000001", 429),
                fact("APIG.0303", "40000000000000000000000000000002", 401),
            ],
        ),
        (
            status_after,
            [
                fact("APIG.0101", "5a5a6b6b5a5a6b6b", 404),
                fact("APIG.0301", "7c7c8d8d7c7c8d8d", 401),
            ],
        ),
    ] {
        let a = analyzed(paste, true);
        assert_eq!(facts(&a), want, "{paste}");
        assert!(
            !warnings_of(&a).contains("custom gateway response"),
            "{paste}"
        );
    }
    // A response without a status of its own gets none of its neighbours'.
    let unsaid = r#"[{"body":{"error_code":"APIG.0308","request_id":"1a1a2b2b1a1a2b2b"},"status":429},{"body":{"error_code":"APIG.0303","request_id":"3c3c4d4d3c3c4d4d"}}]"#;
    let a = analyzed(unsaid, true);
    assert_eq!(a["errors"][1]["code"], "APIG.0303");
    assert!(a["errors"][1]["http_status"].is_null(), "{a}");
}

#[test]
fn a_request_id_field_gives_its_id_even_a_made_up_one_and_says_a_placeholder() {
    let access = "10.0.0.5 - - [04/Jun/2024:12:00:02 +0200] \"GET /v1/users HTTP/1.1\" 429 121 \"-\" \"okhttp/4.9\" rid=22222222222222222222222222222222 body={\"error_msg\":\"The throttling threshold has been reached\",\"error_code\":\"APIG.0308\",\"request_id\":\"22222222222222222222222222222222\"}\n";
    let a = analyzed(access, true);
    assert_eq!(
        facts(&a),
        [fact("APIG.0308", "22222222222222222222222222222222", 429)]
    );
    let text = output(binary().args(["analyze", "-"]), access);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Request id: 22222222222222222222222222222222"),
        "{text}"
    );
    let masked = r#"{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached","request_id":"null"}"#;
    let a = analyzed(masked, true);
    assert!(a["errors"][0]["request_id"].is_null(), "{a}");
    assert!(
        warnings_of(&a).contains("The request id field holds \\\"null\\\""),
        "{a}"
    );
}

#[test]
fn csv_rows_cut_by_a_semicolon_or_a_tab_keep_their_status_and_request_id() {
    const OTHER: &str = "6f6f7a7a6f6f7a7a6f6f7a7a6f6f7a7a";
    for sep in [";", "\t", ","] {
        let headed = format!(
            "time{sep}status{sep}request_id{sep}error_code{sep}error_msg\n\
             2024-06-05 14:03:22{sep}429{sep}{ID}{sep}APIG.0308{sep}{THROTTLED}\n\
             2024-06-05 14:03:25{sep}401{sep}{OTHER}{sep}APIG.0303{sep}\"Incorrect app authentication information, app not found\"\n"
        );
        let a = analyzed(&headed, true);
        assert_eq!(
            facts(&a),
            [fact("APIG.0308", ID, 429), fact("APIG.0303", OTHER, 401)],
            "{headed:?}\n{a}"
        );
        assert_eq!(a["errors"][0]["message"], THROTTLED, "{headed:?}");
        assert_eq!(
            a["errors"][1]["seen_at"], "2024-06-05T14:03:25",
            "{headed:?}"
        );
    }
    // A `;` export whose message holds commas, and a row without a header, read by the
    // cells' forms.
    let commas = format!(
        "time;status;request_id;error_code;error_msg\n2024-06-05 14:03:22;429;{ID};APIG.0308;Throttled, try again, later, please\n"
    );
    let a = analyzed(&commas, true);
    assert_eq!(facts(&a), [fact("APIG.0308", ID, 429)], "{a}");
    assert_eq!(
        a["errors"][0]["message"],
        "Throttled, try again, later, please"
    );
    let bare = format!("2024-06-05 14:03:22;APIG.0308;429;{ID}\n");
    assert_eq!(facts(&analyzed(&bare, true)), [fact("APIG.0308", ID, 429)]);
}

#[test]
fn each_record_of_a_json_array_log_keeps_its_own_time_status_and_request_id() {
    const OTHER: &str = "6f6f7a7a6f6f7a7a6f6f7a7a6f6f7a7a";
    let object_body = format!(
        r#"[
  {{"@timestamp":"2024-06-05T14:03:22.123Z","status":429,"request_id":"{ID}","body":{{"error_code":"APIG.0308","error_msg":"{THROTTLED}"}}}},
  {{"@timestamp":"2024-06-05T14:05:00.000Z","status":200,"body":{{"ok":true}}}},
  {{"@timestamp":"2024-06-05T14:07:41.500Z","status":401,"request_id":"{OTHER}","body":{{"error_code":"APIG.0303","error_msg":"Incorrect app authentication information"}}}}
]"#
    );
    let string_body = format!(
        r#"[{{"time":"2024-06-05T14:03:22Z","status":429,"request_id":"{ID}","body":"{{\"error_code\":\"APIG.0308\",\"error_msg\":\"{THROTTLED}\"}}"}},{{"time":"2024-06-05T14:07:41Z","status":401,"request_id":"{OTHER}","body":"{{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\"}}"}}]"#
    );
    // The same code twice: each its own time and id, not the first's.
    let same_code = format!(
        r#"[{{"time":"2024-06-05T14:03:22Z","status":429,"request_id":"{ID}","body":{{"error_code":"APIG.0308"}}}},{{"time":"2024-06-05T14:07:41Z","status":429,"request_id":"{OTHER}","body":{{"error_code":"APIG.0308"}}}}]"#
    );
    // Each record's own time, its fraction of a second kept as written.
    let (whole, fractions) = (
        ["2024-06-05T14:03:22Z", "2024-06-05T14:07:41Z"],
        ["2024-06-05T14:03:22.123Z", "2024-06-05T14:07:41.500Z"],
    );
    for (paste, codes, want) in [
        (&object_body, ["APIG.0308", "APIG.0303"], fractions),
        (&string_body, ["APIG.0308", "APIG.0303"], whole),
        (&same_code, ["APIG.0308", "APIG.0308"], whole),
    ] {
        let a = analyzed(paste, true);
        let status = if codes[1] == "APIG.0308" { 429 } else { 401 };
        assert_eq!(
            facts(&a),
            [fact(codes[0], ID, 429), fact(codes[1], OTHER, status)],
            "{paste}\n{a}"
        );
        let times: Vec<&str> = a["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["seen_at"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(times, want, "{paste}\n{a}");
    }
}

#[test]
fn an_sdk_exception_s_message_on_its_line_is_read() {
    const IAM: &str = "Incorrect IAM authentication information: verify aksk signature fail";
    for (paste, code) in [
        (
            format!("HuaweiCloud.SDK.Core.ClientRequestException: {IAM} (APIG.0301)"),
            "APIG.0301",
        ),
        (
            format!(
                "Unhandled exception. HuaweiCloud.SDK.Core.ClientRequestException: {IAM}, ErrorCode: APIG.0301, RequestId: {ID}"
            ),
            "APIG.0301",
        ),
        (
            format!("2024-06-05 14:03:22 ERROR ClientRequestException: {IAM} [APIG.0301]"),
            "APIG.0301",
        ),
        (
            format!(
                "Huaweicloud.SDK.Core.ClientRequestException: {{\"error_code\":\"APIG.0301\",\"error_msg\":\"{IAM}\"}}"
            ),
            "APIG.0301",
        ),
        (format!("ClientRequestException: {IAM}"), ""),
    ] {
        let a = analyzed(&paste, true);
        let e = &a["errors"][0];
        assert_eq!(e["code"].as_str().unwrap_or_default(), code, "{paste}\n{a}");
        assert_eq!(e["message"], IAM, "{paste}\n{a}");
        let text = output(binary().args(["analyze", "-"]), &paste);
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(!text.contains("Not read from the paste: message"), "{text}");
        assert!(!text.contains("message,"), "{text}");
    }
    let server = "HuaweiCloud.SDK.Core.ServerResponseException: Backend timeout (APIG.0203)";
    assert_eq!(
        analyzed(server, true)["errors"][0]["message"],
        "Backend timeout"
    );
    // Another exception's message is the client's own, not the gateway's.
    let client =
        "2024-06-05 14:03:22 ERROR java.net.SocketTimeoutException: Read timed out APIG.0201";
    assert!(analyzed(client, true)["errors"][0]["message"].is_null());
}

#[test]
fn a_status_and_the_body_a_ticket_quotes_with_it_are_one_error() {
    let body = format!(
        "{{\"error_code\":\"APIG.0203\",\"error_msg\":\"Backend timeout\",\"request_id\":\"{ID}\"}}"
    );
    for paste in [
        format!("every call gets HTTP 504 and the body says {body}\n"),
        format!("every call gets HTTP 504 and the body says\n{body}\n"),
        format!("every call gets HTTP 504 and the body says:\n\n{body}\n"),
        format!("every call gets HTTP 504 and the body says:\n```json\n{body}\n```\n"),
        format!("every call gets HTTP 504 and the body says:\n\n    {body}\n"),
        format!("{body}\n\nevery call gets HTTP 504 with this body\n"),
        format!("2024-06-05 14:03:22 ERROR every call gets HTTP 504, the body:\n{body}\n"),
        format!(
            "2024-06-05 14:03:22 ERROR call failed: HTTP 504 Backend timeout.\n{{\n  \"error_code\": \"APIG.0203\",\n  \"error_msg\": \"Backend timeout\",\n  \"request_id\": \"{ID}\"\n}}\n"
        ),
    ] {
        let a = analyzed(&paste, true);
        assert_eq!(facts(&a), [fact("APIG.0203", ID, 504)], "{paste}\n{a}");
        assert_eq!(a["triage"]["total"], 1, "{paste}\n{a}");
    }
}

/// An error logged before a later response that succeeded is still an error: the 200
/// answered another request (a retry), so it takes none of the error's place.
#[test]
fn an_error_before_a_later_success_is_counted() {
    for paste in [
        "ERROR APIG.0308 Too many requests\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n",
        "customer log:\n2024-06-05 10:00:01 ERROR APIG.0308 Too many requests\n\nthen the retry:\nHTTP/1.1 200 OK\n",
        "2024-06-05 10:00:01 WARN got {\"error_code\":\"APIG.0201\",\"error_msg\":\"Backend unavailable\"}\n> GET /v1/orders HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 200 OK\n< Content-Length: 2\n<\n{}\n",
    ] {
        let a = analyzed(paste, false);
        let codes: Vec<String> = facts(&a).into_iter().map(|(c, _, _)| c).collect();
        assert_eq!(codes.len(), 1, "{paste}\n{a:#}");
        assert!(codes[0].starts_with("APIG.0"), "{paste}\n{a:#}");
        assert!(
            !warnings_of(&a).contains("response succeeded"),
            "{paste}\n{a:#}"
        );
    }
    // The response that carries the code with a success status is still not an error.
    let a = analyzed(
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"error_code\":\"APIG.0308\",\"error_msg\":\"x\"}\n",
        false,
    );
    assert!(facts(&a).is_empty(), "{a:#}");
}

/// (code, request id, status, seen_at) of each error, and every warning, of `paste`.
fn records(paste: &str) -> (Vec<(String, String, u64, String)>, String) {
    let a = analyzed(paste, true);
    let got = a["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (
                text("code"),
                text("request_id"),
                e["http_status"].as_u64().unwrap_or_default(),
                text("seen_at"),
            )
        })
        .collect();
    (got, warnings_of(&a))
}

fn record(code: &str, id: &str, status: u64, at: &str) -> (String, String, u64, String) {
    (code.into(), id.into(), status, at.into())
}

#[test]
fn each_record_of_an_export_keeps_its_own_facts_and_a_success_lends_none() {
    // An Elasticsearch export: the 200's request id is another request's, never a
    // second id of the error.
    let elk = r#"{"took":5,"hits":{"total":{"value":2},"hits":[
 {"_index":"gw","_id":"1","_source":{"@timestamp":"2024-06-09T02:15:00.250Z","response":{"status":401,"headers":{"x-request-id":"k0000000000000000000000000000001"},"body":{"error_code":"APIG.0303","error_msg":"Incorrect app authentication information: signature expired"}}}},
 {"_index":"gw","_id":"2","_source":{"@timestamp":"2024-06-09T02:16:00.500Z","response":{"status":200,"headers":{"x-request-id":"k0000000000000000000000000000002"},"body":{"result":"ok"}}}}
]}}"#;
    let (got, warnings) = records(elk);
    assert_eq!(
        got,
        [record(
            "APIG.0303",
            "k0000000000000000000000000000001",
            401,
            "2024-06-09T02:15:00.250Z"
        )]
    );
    assert!(
        !warnings.contains("k0000000000000000000000000000002"),
        "{warnings}"
    );
    // The error between two successes, its id beside its body; records under another key.
    let between = r#"{"hits":{"hits":[
 {"_source":{"@timestamp":"2024-06-09T03:00:00Z","status":200,"request_id":"a0000000000000000000000000000001"}},
 {"_source":{"@timestamp":"2024-06-09T03:00:05Z","status":429,"request_id":"a0000000000000000000000000000002","body":{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached"}}},
 {"_source":{"@timestamp":"2024-06-09T03:00:09Z","status":200,"request_id":"a0000000000000000000000000000003"}}
]}}"#;
    let keyed = r#"{"records":[{"ts":"2024-06-09T03:00:05Z","http_status":403,"x_request_id":"c0000000000000000000000000000001","error_code":"APIG.0304","error_msg":"The app is not authorized to access the API"},{"ts":"2024-06-09T03:01:00Z","http_status":200,"x_request_id":"c0000000000000000000000000000002"}]}"#;
    for (paste, want) in [
        (
            between,
            record(
                "APIG.0308",
                "a0000000000000000000000000000002",
                429,
                "2024-06-09T03:00:05Z",
            ),
        ),
        (
            keyed,
            record(
                "APIG.0304",
                "c0000000000000000000000000000001",
                403,
                "2024-06-09T03:00:05Z",
            ),
        ),
    ] {
        let (got, warnings) = records(paste);
        assert_eq!(got, [want], "{paste}");
        assert!(!warnings.contains("two request ids"), "{paste}\n{warnings}");
    }
    // A JSON line of its own with a success is another response: not the line above's
    // request id.
    let lines = "{\"time\":\"2024-06-09T03:00:05Z\",\"status\":401,\"body\":{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information\"}}\n\
                 {\"time\":\"2024-06-09T03:00:06Z\",\"status\":200,\"request_id\":\"b0000000000000000000000000000002\"}\n";
    let (got, _) = records(lines);
    assert_eq!(got, [record("APIG.0303", "", 401, "2024-06-09T03:00:05Z")]);
}

#[test]
fn a_status_the_words_state_is_read_and_a_number_they_count_is_not() {
    let body = |code: &str| {
        format!("{{\"error_code\":\"{code}\",\"request_id\":\"d0000000000000000000000000000001\"}}")
    };
    for (paste, status) in [
        (
            format!(
                "However now the POST /v1/orders call gets a 429:\n\n{}\n",
                body("APIG.0308")
            ),
            429,
        ),
        (
            format!(
                "Since this morning our upload returns HTTP 403 and the body is:\n{}\n",
                body("APIG.0304")
            ),
            403,
        ),
        (
            format!(
                "Every call fails with a 401 Unauthorized:\n{}\n",
                body("APIG.0303")
            ),
            401,
        ),
        (
            format!(
                "Traceback (most recent call last):\n  File \"main.py\", line 404, in <module>\n    r.raise_for_status()\nrequests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.example.com/v1/push\nresponse body: {}\n",
                body("APIG.0308")
            ),
            429,
        ),
        (
            format!("接口一直返回403错误，响应体如下：\n{}\n", body("APIG.0304")),
            403,
        ),
        (
            format!("调用时收到 HTTP 429，返回内容：\n{}\n", body("APIG.0308")),
            429,
        ),
        (
            format!(
                "we keep getting a 502 error from the gateway\n{}\n",
                body("APIG.0201")
            ),
            502,
        ),
    ] {
        let a = analyzed(&paste, false);
        assert_eq!(
            a["errors"][0]["http_status"].as_u64(),
            Some(status),
            "{paste}\n{a}"
        );
    }
    for paste in [
        format!(
            "We processed 429 orders today, then the job got this:\n{}\n",
            body("APIG.0201")
        ),
        format!(
            "The proxy listens on port 443 and it is raised at line 404 of client.py:\n{}\n",
            body("APIG.0308")
        ),
        format!(
            "The query returned 404 rows, then:\n{}\n",
            body("APIG.0201")
        ),
        format!("导入时收到200条数据后报错：\n{}\n", body("APIG.0201")),
    ] {
        let a = analyzed(&paste, false);
        assert_eq!(
            a["errors"][0]["http_status"],
            serde_json::Value::Null,
            "{paste}\n{a}"
        );
    }
}

#[test]
fn a_table_row_of_two_cells_gives_its_message_without_the_bar() {
    for paste in [
        "We keep seeing this:\n\n| Code | Message |\n|------|---------|\n| APIG.0308 | The throttling threshold has been reached |\n",
        "| APIG.0308 | The throttling threshold has been reached |",
        "|APIG.0308|The throttling threshold has been reached|\n",
    ] {
        let a = analyzed(paste, false);
        assert_eq!(
            a["errors"][0]["message"].as_str(),
            Some("The throttling threshold has been reached"),
            "{paste}\n{a}"
        );
    }
}
