//! The real window under a display server (Xvfb in CI): `--screenshot` renders the app
//! through the same path a user's desktop does and the picture must show something.

use std::process::Command;

/// A display to open windows on; in CI there must be one (`.ci/run` starts Xvfb).
fn has_display() -> bool {
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must provide a display (Xvfb)"
    );
    eprintln!("skipped: no display; `bash .ci/run` starts Xvfb");
    false
}

#[test]
fn screenshot_of_the_real_window_is_not_blank() {
    if !has_display() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("apig-shot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("window.png");
    let out = Command::new(env!("CARGO_BIN_EXE_apig-explorer"))
        .args([
            "--screenshot",
            png.to_str().unwrap(),
            "--query",
            "throtling",
        ])
        .env("XDG_DATA_HOME", &dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert!(
        info.width >= 760 && info.height >= 480,
        "{}x{}",
        info.width,
        info.height
    );
    let mut colors: Vec<&[u8]> = pixels.chunks(4).collect();
    colors.sort_unstable();
    colors.dedup();
    assert!(
        colors.len() > 50,
        "only {} colors: the window looks blank",
        colors.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `send` from a terminal reaches the open window, which analyzes the response and keeps
/// it in the history that `apig-explorer history` reads.
#[test]
fn send_hands_a_response_to_the_open_window() {
    if !has_display() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("apig-send-{}", std::process::id()));
    let runtime = dir.join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let app = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
        c.args(args)
            .env("XDG_DATA_HOME", &dir)
            .env("XDG_RUNTIME_DIR", &runtime);
        c
    };
    let mut window = app(&[]).spawn().unwrap();
    let socket = runtime.join("apig-explorer.sock");
    let ready = (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        socket.exists()
    });
    assert!(ready, "the window listens for hand-offs");
    let response = "{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"5e1d0c2b3a4f5e6d7c8b\"}";
    let mut send = app(&["send"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut send.stdin.take().unwrap(), response.as_bytes()).unwrap();
    let sent = send.wait_with_output().unwrap();
    assert!(sent.status.success());
    assert_eq!(
        String::from_utf8_lossy(&sent.stdout),
        "sent to the running window\n"
    );
    let found = (0..100).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let out = app(&["history", "5e1d0c2b", "--json"]).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        v.as_array().filter(|a| !a.is_empty()).cloned()
    });
    let _ = window.kill();
    let _ = window.wait();
    let found = found.expect("the sent paste is in the window's history");
    assert_eq!(found[0]["codes"][0]["code"], "APIG.0308");
    assert_eq!(found[0]["http_status"], serde_json::Value::Null);
    std::fs::remove_dir_all(&dir).ok();
}

/// A response `send` called sent is kept even when the window is killed right after:
/// the next window records it in the history.
#[test]
fn a_sent_response_survives_the_window_killed_at_once() {
    if !has_display() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("apig-send-kill-{}", std::process::id()));
    let runtime = dir.join("run");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let app = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
        c.args(args)
            .env("XDG_DATA_HOME", &dir)
            .env("XDG_RUNTIME_DIR", &runtime);
        c
    };
    let socket = runtime.join("apig-explorer.sock");
    let listening = || {
        (0..300).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            socket.exists()
        })
    };
    let mut window = app(&[]).spawn().unwrap();
    assert!(listening(), "the window listens for hand-offs");
    let response = "{\"error_code\":\"APIG.0308\",\"request_id\":\"9a8b7c6d5e4f3a2b\"}";
    let mut send = app(&["send"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut send.stdin.take().unwrap(), response.as_bytes()).unwrap();
    let sent = send.wait_with_output().unwrap();
    window.kill().unwrap();
    window.wait().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&sent.stdout),
        "sent to the running window\n"
    );
    let _ = std::fs::remove_file(&socket);
    let mut next = app(&[]).spawn().unwrap();
    assert!(listening(), "the next window listens");
    let found = (0..100).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let out = app(&["history", "9a8b7c6d", "--json"]).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        v.as_array().filter(|a| !a.is_empty()).cloned()
    });
    let _ = next.kill();
    let _ = next.wait();
    let found = found.expect("the killed window's hand-off is in the next one's history");
    assert_eq!(found.len(), 1, "recorded once");
    assert_eq!(found[0]["codes"][0]["code"], "APIG.0308");
    std::fs::remove_dir_all(&dir).ok();
}
