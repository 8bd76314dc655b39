//! Table rows read as fields: by header, by form, by the separator the header was cut with.

use super::super::plain;

#[test]
fn table_rows_are_read_as_their_cells_by_header_or_by_form() {
    let csv = "time,code,status,request_id,message\n2026-12-07 03:10:02,APIG.0308,429,5e1d2c3b4a5f6071,\"The throttling threshold, reached\"\n";
    assert_eq!(
        plain(csv).lines().nth(1),
        Some(
            "2026-12-07 03:10:02 error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=The throttling threshold, reached"
        )
    );
    let markdown =
        "| APIG.0308 | 429 | 5e1d2c3b4a5f6071 | The throttling threshold has been reached |\n";
    assert_eq!(
        plain(markdown),
        "error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=The throttling threshold has been reached\n"
    );
    let headed = "| 错误码 | 状态码 | 请求ID | 错误信息 |\n|---|---|---|---|\n| APIG.0308 | 429 | 5e1d2c3b4a5f6071 | 请求过多 |\n";
    assert_eq!(
        plain(headed).lines().nth(2),
        Some("error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=请求过多")
    );
}

#[test]
fn a_semicolon_or_tab_export_is_cut_by_its_header_s_separator() {
    let want = "2024-06-05 14:03:22 error_code=APIG.0308 status=429 request_id=5e1d2c3b4a5f6071 error_msg=Throttled, try again, later";
    for sep in [";", "\t", ","] {
        let csv = format!(
            "time{sep}status{sep}request_id{sep}error_code{sep}error_msg\n2024-06-05 14:03:22{sep}429{sep}5e1d2c3b4a5f6071{sep}APIG.0308{sep}\"Throttled, try again, later\"\n"
        );
        assert_eq!(plain(&csv).lines().nth(1), Some(want), "{csv:?}");
    }
    // Under a `;` header, commas in an unquoted message are the message's.
    let commas = "time;status;request_id;error_code;error_msg\n2024-06-05 14:03:22;429;5e1d2c3b4a5f6071;APIG.0308;Throttled, try again, later\n";
    assert_eq!(plain(commas).lines().nth(1), Some(want));
}

#[test]
fn lines_that_only_list_codes_or_are_logs_stay_as_written() {
    for text in [
        "retry on: APIG.0308, APIG.0201, APIG.0303\n",
        "2026-12-07T03:10:02Z ERROR call failed, code APIG.0308, will retry\n",
        "{\"error_code\":\"APIG.0308\",\"status\":429,\"request_id\":\"5e1d2c3b4a5f6071\"}\n",
        "| APIG.0308 | APIG.0201 | 429 |\n",
        "2026-12-07T03:10:02Z ERROR APIG.0308; will retry; backing off\n",
    ] {
        assert_eq!(plain(text), text);
    }
}
