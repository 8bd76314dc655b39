//! The real window under a real window manager (Xvfb and openbox in CI): a minimized
//! window takes `apig-explorer send` at once and comes back, and when the window holding
//! the hand-off closes, another open one takes it over, so `send` starts no window beside
//! it. Every wait has a deadline; the windows are killed when a test ends, however it ends.
// X11 window managers, signals and Unix sockets: nothing of it exists on Windows.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A display with a window manager and the X tools the test drives it with; in CI there
/// must be all of them (`.ci/run` starts Xvfb and openbox).
fn has_window_manager() -> bool {
    let ci = std::env::var_os("CI").is_some();
    if std::env::var_os("DISPLAY").is_none() {
        assert!(!ci, "CI must provide a display (Xvfb)");
        eprintln!("skipped: no display; `bash .ci/run` starts Xvfb and openbox");
        return false;
    }
    let managed = Command::new("xprop")
        .args(["-root", "_NET_SUPPORTING_WM_CHECK"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("window id"));
    let xdotool = Command::new("xdotool")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(managed && xdotool) {
        assert!(
            !ci,
            "CI must provide a window manager (openbox), xprop and xdotool"
        );
        eprintln!("skipped: needs a window manager, xprop and xdotool on the display");
        return false;
    }
    true
}

/// The app's data and runtime directories of one test, removed at the end.
struct Home {
    dir: PathBuf,
    runtime: PathBuf,
}

impl Home {
    fn new(name: &str) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("apig-wm-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let runtime = dir.join("run");
        std::fs::create_dir_all(&runtime).expect("a test directory");
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))
            .expect("a private runtime directory");
        Home { dir, runtime }
    }

    fn app(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_apig-explorer"));
        c.args(args)
            .env("HOME", &self.dir)
            .env("XDG_DATA_HOME", &self.dir)
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    fn socket(&self) -> PathBuf {
        self.runtime.join("apig-explorer.sock")
    }

    /// `apig-explorer send` of `text`: what it printed.
    fn send(&self, text: &str) -> String {
        let mut send = self
            .app(&["send"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("send starts");
        let mut stdin = send.stdin.take().expect("send's input");
        std::io::Write::write_all(&mut stdin, text.as_bytes()).expect("send reads its input");
        drop(stdin);
        let sent = wait_output(send, Duration::from_secs(30));
        String::from_utf8_lossy(&sent.stdout).into_owned()
    }

    /// Whether the history `apig-explorer history` reads holds a paste with `id`.
    fn history_has(&self, id: &str) -> bool {
        let out = self
            .app(&[])
            .args(["history", id, "--json"])
            .stdout(Stdio::piped())
            .output();
        out.ok()
            .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
            .and_then(|v| v.as_array().map(|a| !a.is_empty()))
            .unwrap_or(false)
    }
}

impl Drop for Home {
    /// Also ends any window `send` started over this home (a failing test's), found by the
    /// data directory in its environment.
    fn drop(&mut self) {
        let mine = format!("XDG_DATA_HOME={}", self.dir.display());
        let procs = std::fs::read_dir("/proc").into_iter().flatten().flatten();
        for proc in procs {
            let environ = std::fs::read(proc.path().join("environ")).unwrap_or_default();
            let ours = environ.split(|&b| b == 0).any(|var| var == mine.as_bytes());
            let pid = proc.file_name().to_string_lossy().into_owned();
            if ours && pid != std::process::id().to_string() {
                let _ = Command::new("kill").arg(&pid).status();
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A window process, killed when dropped.
struct Window {
    child: Child,
}

impl Window {
    fn start(home: &Home) -> Self {
        Window {
            child: home.app(&[]).spawn().expect("the window starts"),
        }
    }

    /// Its X window, once mapped.
    fn x_window(&mut self) -> String {
        let pid = self.child.id().to_string();
        let found = poll(Duration::from_secs(30), || {
            let out = Command::new("xdotool")
                .args(["search", "--onlyvisible", "--pid", &pid])
                .output()
                .ok()?;
            let ids = String::from_utf8_lossy(&out.stdout);
            ids.lines().next().map(|id| id.trim().to_string())
        });
        found.expect("the window is mapped")
    }

    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `f`'s first answer, asked every 50 ms until `within` has passed.
fn poll<T>(within: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = f() {
            return Some(found);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The output of `child`, which is killed if it has not ended within `within`.
fn wait_output(mut child: Child, within: Duration) -> Output {
    let ended = poll(within, || child.try_wait().ok().flatten());
    if ended.is_none() {
        let _ = child.kill();
    }
    child.wait_with_output().expect("the process ends")
}

/// The window manager's state of X window `id`: "Iconic" or "Normal".
fn wm_state(id: &str) -> String {
    let out = Command::new("xprop")
        .args(["-id", id, "WM_STATE"])
        .output()
        .expect("xprop runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let state = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("window state:"))
        .unwrap_or_default();
    state.trim().to_string()
}

fn listening(socket: &Path) -> bool {
    poll(Duration::from_secs(30), || socket.exists().then_some(())).is_some()
}

fn response(id: &str) -> String {
    format!(
        "{{\"error_code\":\"APIG.0308\",\"error_msg\":\"The throttling threshold has been reached.\",\"request_id\":\"{id}\"}}"
    )
}

const SENT: &str = "sent to the running window\n";

/// One test at a time: both drive the one window manager's focus (`windowactivate`,
/// Alt+F4), and run side by side one could close or raise the other's window.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_minimized_window_takes_a_send_at_once_and_comes_back() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !has_window_manager() {
        return;
    }
    let home = Home::new("minimized");
    let mut window = Window::start(&home);
    assert!(
        listening(&home.socket()),
        "the window listens for hand-offs"
    );
    let id = window.x_window();
    let minimized = Command::new("xdotool")
        .args(["windowminimize", &id])
        .status()
        .unwrap();
    assert!(minimized.success());
    let iconic = poll(Duration::from_secs(5), || {
        (wm_state(&id) == "Iconic").then_some(())
    });
    assert!(iconic.is_some(), "minimized: {}", wm_state(&id));

    assert_eq!(home.send(&response("a1b2c3d4e5f60718")), SENT);
    let analyzed = poll(Duration::from_secs(3), || {
        home.history_has("a1b2c3d4e5f60718").then_some(())
    });
    assert!(
        analyzed.is_some(),
        "the paste is in the history within 3 s, the window still minimized or not"
    );
    let shown = poll(Duration::from_secs(3), || {
        (wm_state(&id) == "Normal").then_some(())
    });
    assert!(
        shown.is_some(),
        "the window is brought back: {}",
        wm_state(&id)
    );
    assert!(window.running());
}

#[test]
fn when_the_window_holding_the_hand_off_closes_another_open_one_takes_it() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if !has_window_manager() {
        return;
    }
    let home = Home::new("takeover");
    let mut first = Window::start(&home);
    assert!(listening(&home.socket()), "the first window listens");
    let first_id = first.x_window();
    let mut second = Window::start(&home);
    let second_id = second.x_window();
    assert_ne!(first_id, second_id);

    // Closed as a person closes it: the window manager's close (Alt+F4 in openbox).
    let closed = Command::new("xdotool")
        .args([
            "windowactivate",
            "--sync",
            &first_id,
            "key",
            "--clearmodifiers",
            "alt+F4",
        ])
        .status()
        .unwrap();
    assert!(closed.success());
    let gone = poll(Duration::from_secs(10), || (!first.running()).then_some(()));
    assert!(gone.is_some(), "the first window closes");

    assert_eq!(
        home.send(&response("0f1e2d3c4b5a6978")),
        SENT,
        "the second window took the hand-off over: no window was started"
    );
    let analyzed = poll(Duration::from_secs(3), || {
        home.history_has("0f1e2d3c4b5a6978").then_some(())
    });
    assert!(analyzed.is_some(), "the paste is in the history within 3 s");
    assert!(second.running());

    // A window killed, not closed, lets the hand-off go too.
    drop(second);
    let third = Window::start(&home);
    assert!(listening(&home.socket()));
    let mut fourth = Window::start(&home);
    fourth.x_window();
    drop(third);
    assert_eq!(home.send(&response("99887766554433aa")), SENT);
    assert!(
        poll(Duration::from_secs(3), || home
            .history_has("99887766554433aa")
            .then_some(()))
        .is_some()
    );
    assert!(fourth.running());
}
