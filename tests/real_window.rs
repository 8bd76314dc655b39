//! The real window under a display server (Xvfb in CI): `--screenshot` renders the app
//! through the same path a user's desktop does and the picture must show something.

use std::process::Command;

#[test]
fn screenshot_of_the_real_window_is_not_blank() {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide a display (Xvfb)"
        );
        eprintln!("skipped: no display; `bash .ci/run` starts Xvfb");
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
