//! The signature doctor for IAM AK/SK requests (APIG.0301), on the command line and in
//! the window, and the signature findings an incident carries: worded for the AK and its
//! SK, the left column saying what it shows, and the SK never in stdout, stderr, the
//! store or the clipboard. Transcripts are signed in the test with the tool's signer,
//! which the unit tests pin to the published vectors.

use std::path::PathBuf;
use std::process::{Command, Output};

use apig_explorer::{
    SignedRequest as Request, Variant, canonical_request, signature, string_to_sign,
};

const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "sk0example0secret0key0000000000000000000";
const DATE: &str = "20240102T030405Z";
const SIGNED: &str = "content-type;host;x-sdk-date";

fn request(host: &str) -> Request {
    Request {
        method: "POST".into(),
        target: "/v2/servers".into(),
        headers: vec![
            ("Host".into(), host.into()),
            ("Content-Type".into(), "application/json".into()),
            ("X-Sdk-Date".into(), DATE.into()),
        ],
        body: Some(b"{}".to_vec()),
    }
}

/// A request sent to `sent_host`, signed with `sk` over the same request to
/// `signed_host`; the gateway answers APIG.0301 `verify aksk signature fail` with the
/// canonical request it computed.
fn aksk_paste(sent_host: &str, signed_host: &str, sk: &str) -> String {
    let signed: Vec<String> = SIGNED.split(';').map(str::to_string).collect();
    let client = canonical_request(&request(signed_host), &signed, Variant::default(), None);
    let sent = request(sent_host);
    let echo = canonical_request(&sent, &signed, Variant::default(), None).replace('\n', "|");
    let signature = signature(&string_to_sign(&client, DATE), sk);
    let mut out = format!("> {} {} HTTP/1.1\n", sent.method, sent.target);
    for (n, v) in &sent.headers {
        out.push_str(&format!("> {n}: {v}\n"));
    }
    out.push_str(&format!("> Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={SIGNED}, Signature={signature}\n>\n"));
    out.push_str(&format!("< HTTP/1.1 401 Unauthorized\n<\n{{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:{echo}\",\"request_id\":\"0301abc\"}}\n"));
    out
}

/// The files of one test: the transcript, the body, and a secret file.
struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(name: &str, paste: &str) -> Files {
        let dir = std::env::temp_dir().join(format!("h25-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        std::fs::write(dir.join("paste.txt"), paste).expect("the transcript written");
        std::fs::write(dir.join("body.json"), "{}").expect("the body written");
        std::fs::write(dir.join("sk"), format!("{SK}\n")).expect("the SK file written");
        Files { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn signcheck(files: &Files, extra: &[&str], sk_in_env: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
    cmd.arg("signcheck")
        .arg(files.path("paste.txt"))
        .arg("--body")
        .arg(files.path("body.json"))
        .args(extra);
    if sk_in_env {
        cmd.env("APIG_APP_SECRET", SK);
    } else {
        cmd.env_remove("APIG_APP_SECRET");
    }
    cmd.output().expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_sk_not_shown(out: &Output) {
    assert!(
        !stdout(out).contains(SK) && !String::from_utf8_lossy(&out.stderr).contains(SK),
        "the SK was printed"
    );
}

#[test]
fn signcheck_checks_an_aksk_request_with_the_sk_from_the_environment_and_says_ak_and_sk() {
    let files = Files::new(
        "env",
        &aksk_paste("ecs.example.com", "ecs.example.com", "another SK"),
    );
    let out = signcheck(&files, &["--json"], true);
    assert!(out.status.success(), "{out:?}");
    assert_sk_not_shown(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["credential"], "aksk");
    assert_eq!(v["access"], AK);
    assert_eq!(v["verdict"], "not_reproduced");
    assert_eq!(v["findings"][0]["kind"], "secret_mismatch", "{v:#}");
    assert!(v["variants_tried"].as_u64().unwrap() > 0);
    let text = stdout(&out);
    assert!(text.contains("with this SK"), "{text}");
    assert!(text.contains("My Credentials > Access Keys"), "{text}");
    assert!(
        !text.contains("AppSecret") && !text.contains("AppKey"),
        "an AK/SK request is not worded for an app: {text}"
    );
}

#[test]
fn signcheck_reads_the_sk_from_a_file_and_names_the_variant_the_client_signed() {
    let files = Files::new(
        "file",
        &aksk_paste("ecs.example.com:8443", "ecs.example.com", SK),
    );
    let secret_file = files.path("sk");
    let out = signcheck(
        &files,
        &["--secret-file", secret_file.to_str().unwrap()],
        false,
    );
    assert!(out.status.success(), "{out:?}");
    assert_sk_not_shown(&out);
    let text = stdout(&out);
    assert!(
        text.starts_with("Verdict: the SK reproduces the signature sent, for the request as the client signed it (not as it was sent)\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Signed with AK {AK} (IAM AK/SK authentication)")),
        "{text}"
    );
    assert!(text.contains("[header_value, proven]"), "{text}");
    assert!(
        text.contains("the client signed Host without `:8443`"),
        "{text}"
    );
    assert!(text.contains("as the client signed it"), "{text}");
    assert!(
        !text.contains("AppSecret") && !text.contains("AppKey"),
        "{text}"
    );
}

#[test]
fn signcheck_without_the_sk_asks_for_the_sk_not_an_app_secret() {
    let files = Files::new(
        "none",
        &aksk_paste("ecs.example.com", "ecs.example.com", SK),
    );
    let out = signcheck(&files, &[], false);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with("Verdict: no SK given: the signature itself was not checked"),
        "{text}"
    );
    assert!(
        text.contains("recomputed from the transcript"),
        "no variant: the left column is the transcript's: {text}"
    );
    assert!(
        !text.contains("AppSecret") && !text.contains("AppKey"),
        "{text}"
    );
}

#[test]
fn signcheck_says_the_left_column_is_recomputed_unless_a_variant_reproduced_it() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/signing/stage-changed.txt"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args(["signcheck", fixture])
        .env("APIG_APP_SECRET", "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("recomputed from the transcript"), "{text}");
    assert!(!text.contains("as the client signed it"), "{text}");
    assert!(
        text.contains("Signed with AppKey 4f6e2c1a9b8d4e7f8a1b2c3d4e5f6a7b (App authentication)"),
        "{text}"
    );
}

#[cfg(feature = "gui")]
mod common;

/// The window's part: built only with the `gui` feature, as the other UI tests.
#[cfg(feature = "gui")]
mod window {
    use apig_explorer::ExplorerApp;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::common::{MemoryStorage, copied, stored_app, stored_bytes, temp_dir};

    use super::{AK, SK, aksk_paste};

    fn pasted(h: &mut Harness<'_, ExplorerApp>, text: &str) {
        h.run();
        h.event(egui::Event::Paste(text.to_string()));
        h.step();
        h.state_mut()
            .wait_for_paste(std::time::Duration::from_secs(60));
        h.run();
    }

    #[test]
    fn the_window_asks_for_the_sk_and_the_incident_pane_shows_the_findings_without_it() {
        let dir = temp_dir("h25-aksk");
        let mut h = Harness::builder()
            .with_size([1400.0, 1000.0])
            .build_eframe({
                let dir = dir.clone();
                move |_cc| stored_app(&dir)
            });
        pasted(
            &mut h,
            &aksk_paste("ecs.example.com:8443", "ecs.example.com", SK),
        );
        h.get_by_label("Check signature").click();
        h.run();
        h.get_by_label("Type the SK to check the signature itself.");
        h.get_by_label(&format!("Signed with AK {AK} (IAM AK/SK authentication)."));
        assert!(
            h.query_by_label("AppSecret").is_none(),
            "not an app's secret"
        );
        h.get_by_label("SK").focus();
        h.run();
        h.get_by_label("SK").type_text(SK);
        h.run();
        h.get_by_label(
            "The SK reproduces the signature sent, for the request as the client signed it (not as it was sent).",
        );
        h.get_by_label_contains("Canonical request (as the client signed it;");
        h.get_by_label("  signed  host:ecs.example.com");
        h.get_by_label("! gateway host:ecs.example.com:8443");
        h.get_by_label("Open incident from this paste")
            .scroll_to_me();
        h.run();
        h.get_by_label("Open incident from this paste").click();
        h.run();
        h.get_by_label_contains("Incidents (1)").click();
        h.run();
        h.get_by_label("Signature check of the paste");
        h.get_by_label(&format!("AK: {AK}"));
        // The finding with what to do, as one sentence (the paste panel shows them apart).
        h.get_by_label_contains(
            "`Host: ecs.example.com:8443`. Sign the Host value exactly as sent",
        );
        h.get_by_label("Copy as Markdown").click();
        h.step();
        let md = copied(&h).pop().expect("the incident was copied");
        assert!(md.contains(&format!("- **AK:** {AK}")), "{md}");
        assert!(
            md.contains("the client signed Host without `:8443`"),
            "{md}"
        );
        assert!(!md.contains(SK), "the SK reached the clipboard");
        let mut storage = MemoryStorage::default();
        eframe::App::save(h.state_mut(), &mut storage);
        let stored = stored_bytes(&dir) + &format!("{:?}", storage.0);
        assert!(stored.contains("without `:8443`"), "the findings are kept");
        assert!(!stored.contains(SK), "the SK was stored");
        std::fs::remove_dir_all(&dir).ok();
    }
}
