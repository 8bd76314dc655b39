//! `signcheck` verdicts a user acts on: a redacted paste says to paste it again (its own
//! verdict and exit status), no secret is read before the input is known to hold a
//! signature, a body that was not the one sent proves nothing and is said first, a
//! variant the gateway computed too is the gateway's secret, two body changes are found
//! together, and an AK/SK request is worded for IAM. Transcripts are signed here with
//! the tool's signer, which the unit tests pin to the published vectors.

use std::path::PathBuf;
use std::process::{Command, Output};

use apig_explorer::{
    SignedRequest as Request, Variant, canonical_request, signature, string_to_sign,
};

const KEY: &str = "4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b";
const SECRET: &str = "Zq8xW3vT0pL5nR7mK2jH9gF4dS6aQ1eY";
const DATE: &str = "20240102T030405Z";
const SIGNED: &str = "content-type;host;x-sdk-date";

fn post(body: &[u8]) -> Request {
    Request {
        method: "POST".into(),
        target: "/v2/orders".into(),
        headers: vec![
            ("Host".into(), "api.example.com".into()),
            ("Content-Type".into(), "application/json".into()),
            ("X-Sdk-Date".into(), DATE.into()),
            ("Content-Length".into(), body.len().to_string()),
        ],
        body: Some(body.to_vec()),
    }
}

fn canonical(r: &Request, signed: &str) -> String {
    let names: Vec<String> = signed.split(';').map(str::to_string).collect();
    canonical_request(r, &names, Variant::default(), None)
}

/// `sent` as a curl -v transcript signed over `client` (a canonical request) with
/// `secret`; the gateway answers `code` with `message`, echoing `echo` when given.
fn paste(sent: &Request, signed: &str, client: &str, secret: &str, echo: Option<&str>) -> String {
    paste_as(
        sent,
        signed,
        client,
        secret,
        echo,
        "APIG.0303",
        "Incorrect app authentication information: verify signature fail",
    )
}

fn paste_as(
    sent: &Request,
    signed: &str,
    client: &str,
    secret: &str,
    echo: Option<&str>,
    code: &str,
    message: &str,
) -> String {
    let signature = signature(&string_to_sign(client, DATE), secret);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!(
        "> Authorization: SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={signed}, Signature={signature}\n>\n"
    ));
    let echo = echo.map_or(String::new(), |e| {
        format!(", canonicalRequest:{}", e.replace('\n', "|"))
    });
    out.push_str(&format!(
        "< HTTP/1.1 401 Unauthorized\n<\n{{\"error_code\":\"{code}\",\"error_msg\":\"{message}{echo}\"}}\n"
    ));
    out
}

/// A test's files, removed when it ends.
struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(name: &str, paste: &str, body: &[u8]) -> Files {
        let dir = std::env::temp_dir().join(format!("h25fix-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        std::fs::write(dir.join("paste.txt"), paste).expect("the transcript written");
        std::fs::write(dir.join("body"), body).expect("the body written");
        Files { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn signcheck(args: &[&str], secret: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
    cmd.arg("signcheck").args(args);
    match secret {
        Some(s) => cmd.env("APIG_APP_SECRET", s),
        None => cmd.env_remove("APIG_APP_SECRET"),
    };
    let out = cmd.output().expect("the binary runs");
    if let Some(s) = secret {
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(s), "the secret was printed");
    }
    out
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

#[test]
fn a_redacted_paste_has_its_own_verdict_exit_status_and_help() {
    let text = "> POST /v2/orders HTTP/1.1\n> Host: api.example.com\n> X-Sdk-Date: 20240102T030405Z\n> Authorization: [redacted]\n>\n< HTTP/1.1 401 Unauthorized\n";
    let files = Files::new("redacted", text, b"{}");
    let out = signcheck(&[&files.path("paste.txt")], Some(SECRET));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with(
            "Verdict: the Authorization header is redacted in this paste (when it was stored, or before it was pasted): there is no signature to check; paste the transcript as it was sent\n"
        ),
        "{out:?}"
    );
    let out = signcheck(&[&files.path("paste.txt"), "--json"], Some(SECRET));
    assert_eq!(json(&out)["verdict"], "authorization_redacted");
    let help = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", "--help"])
        .output()
        .expect("the binary runs");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("authorization_redacted"), "{help}");
}

#[test]
fn no_secret_is_read_when_the_input_holds_no_signature_to_check() {
    // A secret file that does not exist: reading it would fail (exit 2). The input is
    // looked at first, so each of these ends with 1, "nothing to check".
    let redacted = "> GET / HTTP/1.1\n> Host: a\n> Authorization: [redacted]\n>\n";
    let answer_only = "< HTTP/1.1 403 Forbidden\n<\n{\"error_code\":\"APIG.0302\",\"error_msg\":\"The IAM user is not authorized to access the API.\"}\n";
    for (name, text) in [
        ("junk", "just some words\n"),
        ("answer", answer_only),
        ("redacted2", redacted),
    ] {
        let files = Files::new(name, text, b"");
        let out = signcheck(
            &[
                &files.path("paste.txt"),
                "--secret-file",
                "/nonexistent/secret",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
    }
}

#[test]
fn a_body_file_that_is_not_the_body_sent_is_said_first_and_proves_nothing() {
    // Signed and sent spaced (31 bytes); the file given holds the compact form.
    let sent = post(b"{\"item\": \"widget\", \"qty\": 2222}");
    let c = canonical(&sent, SIGNED);
    for echo in [Some(c.as_str()), None] {
        let files = Files::new(
            "wrongbody",
            &paste(&sent, SIGNED, &c, SECRET, echo),
            b"{\"item\":\"widget\",\"qty\":2222}",
        );
        let out = signcheck(
            &[
                &files.path("paste.txt"),
                "--body",
                &files.path("body"),
                "--json",
            ],
            Some(SECRET),
        );
        let v = json(&out);
        let findings = v["findings"].as_array().unwrap();
        assert_eq!(findings[0]["kind"], "content_length", "{v:#}");
        assert!(
            findings.iter().all(|f| f.get("variant").is_none()
                && (f["kind"] != "payload" || f["certainty"] == "possible")),
            "no payload variant proven from a body that was not sent: {v:#}"
        );
        if echo.is_some() {
            assert_eq!(v["verdict"], "reproduced", "{v:#}");
            assert!(
                findings.iter().any(|f| f["kind"] == "secret_mismatch"),
                "{v:#}"
            );
        }
    }
}

#[test]
fn a_variant_the_gateway_computed_too_is_the_gateway_s_secret() {
    // The client signed the unsent x-tenant as empty; the gateway did the same.
    let sent = post(b"{}");
    let signed = "content-type;host;x-sdk-date;x-tenant";
    let c = canonical(&sent, signed).replacen(
        "x-sdk-date:20240102T030405Z\n",
        "x-sdk-date:20240102T030405Z\nx-tenant:\n",
        1,
    );
    let files = Files::new("samegw", &paste(&sent, signed, &c, SECRET, Some(&c)), b"{}");
    let out = signcheck(
        &[
            &files.path("paste.txt"),
            "--body",
            &files.path("body"),
            "--json",
        ],
        Some(SECRET),
    );
    let v = json(&out);
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "secret_mismatch" && f["certainty"] == "proven"),
        "{v:#}"
    );
    assert!(findings.iter().all(|f| f.get("variant").is_none()), "{v:#}");
}

#[test]
fn crlf_and_a_trailing_newline_together_are_found() {
    let sent = post(b"{\n\"a\":1\n}");
    let c = canonical(&post(b"{\r\n\"a\":1\r\n}\r\n"), SIGNED);
    let files = Files::new(
        "pairbody",
        &paste(&sent, SIGNED, &c, SECRET, None),
        b"{\n\"a\":1\n}",
    );
    let out = signcheck(
        &[
            &files.path("paste.txt"),
            "--body",
            &files.path("body"),
            "--json",
        ],
        Some(SECRET),
    );
    let v = json(&out);
    let transforms: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["variant"]["transform"].as_str())
        .collect();
    assert_eq!(
        transforms,
        ["body_line_ends", "body_trailing_newline"],
        "{v:#}"
    );
    assert!(v["variants_tried"].as_u64().unwrap() > 0);
}

#[test]
fn an_aksk_request_without_the_echo_is_worded_for_iam() {
    let sent = post(b"{}");
    let c = canonical(&sent, SIGNED);
    let text = paste_as(
        &sent,
        SIGNED,
        &c,
        "another SK",
        None,
        "APIG.0301",
        "Incorrect IAM authentication information: verify aksk signature fail",
    );
    let files = Files::new("akskproxy", &text, b"{}");
    let out = signcheck(
        &[&files.path("paste.txt"), "--body", &files.path("body")],
        Some(SECRET),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("APIG.0301 \"verify aksk signature fail\""),
        "{text}"
    );
    assert!(
        !text.contains("0303") && !text.contains("AppSecret"),
        "{text}"
    );
}

/// `sent` signed over itself with `secret`, answered `status` with `json`.
fn exchange(sent: &Request, signed: &str, secret: &str, status: &str, json: &str) -> String {
    let c = canonical(sent, signed);
    let signature = signature(&string_to_sign(&c, DATE), secret);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!(
        "> Authorization: SDK-HMAC-SHA256 Access={KEY}, SignedHeaders={signed}, Signature={signature}\n>\n< HTTP/1.1 {status}\n<\n{json}\n"
    ));
    out
}

const VERIFY_FAIL: &str = "{\"error_code\":\"APIG.0303\",\"error_msg\":\"Incorrect app authentication information: verify signature fail\"}";

#[test]
fn a_retry_s_rejected_request_is_checked_with_its_own_answer_not_the_retry_s_200() {
    let sent = post(b"{}");
    let rejected = exchange(
        &sent,
        SIGNED,
        "an old secret",
        "401 Unauthorized",
        VERIFY_FAIL,
    );
    let accepted = exchange(&sent, SIGNED, SECRET, "200 OK", "{\"id\":1}");
    let tunnel = "> CONNECT api.example.com:443 HTTP/1.1\n> Host: api.example.com:443\n>\n< HTTP/1.1 200 Connection established\n<\n";
    let files = Files::new(
        "retry",
        &format!("{tunnel}{rejected}{tunnel}{accepted}"),
        b"{}",
    );
    let out = signcheck(
        &[
            &files.path("paste.txt"),
            "--body",
            &files.path("body"),
            "--json",
        ],
        Some(SECRET),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out);
    assert_eq!(v["verdict"], "not_reproduced", "{v:#}");
    assert!(v.get("accepted").is_none(), "the 200 is the retry's: {v:#}");
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("2 requests") && notes.contains("request 1 (POST /v2/orders, answered 401)"),
        "{notes}"
    );
}

#[test]
fn a_body_the_paste_does_not_show_is_asked_for_not_judged() {
    let sent = post(b"{\"item\":\"widget\",\"qty\":2}");
    let files = Files::new(
        "nobody",
        &exchange(&sent, SIGNED, SECRET, "401 Unauthorized", VERIFY_FAIL),
        b"",
    );
    let out = signcheck(&[&files.path("paste.txt"), "--json"], Some(SECRET));
    let v = json(&out);
    assert_eq!(v["verdict"], "body_needed", "{v:#}");
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["payload"], "{v:#}");
    let out = signcheck(&[&files.path("paste.txt")], Some(SECRET));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Verdict: the signature was not checked"),
        "{text}"
    );
}

#[test]
fn a_custom_auth_header_and_a_cut_signature_are_read_as_they_are() {
    let sent = post(b"{}");
    let custom = exchange(&sent, SIGNED, SECRET, "401 Unauthorized", VERIFY_FAIL)
        .replace("> Authorization: SDK", "> X-Custom-Auth: SDK");
    let files = Files::new("custom", &custom, b"{}");
    let out = signcheck(
        &[
            &files.path("paste.txt"),
            "--body",
            &files.path("body"),
            "--json",
        ],
        Some(SECRET),
    );
    let v = json(&out);
    assert_eq!(v["verdict"], "reproduced", "{v:#}");
    assert!(v["notes"].to_string().contains("X-Custom-Auth"), "{v:#}");
    // Cut 20 digits into the signature, where the paste ends.
    let whole = exchange(&sent, SIGNED, SECRET, "401 Unauthorized", VERIFY_FAIL);
    let at = whole.find("Signature=").unwrap() + "Signature=".len() + 20;
    let files = Files::new("cutsig", whole.get(..at).unwrap(), b"{}");
    let out = signcheck(&[&files.path("paste.txt")], Some(SECRET));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("looks cut") && text.contains("20 characters long"),
        "{text}"
    );
    assert!(!text.contains("[redacted] 20"), "{text}");
}
