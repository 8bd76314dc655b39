//! Terminal hand-off: `apig-explorer send` gives a response to the running window over a
//! Unix domain socket in the user's runtime directory. The socket is owner-only, accepts
//! only the same user, reads at most what a paste may hold, and a stale socket left by a
//! crashed window is replaced. No UI types: received text arrives through a channel and a
//! wake-up callback.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use crate::analysis::MAX_INPUT_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    #[error("no window is running")]
    NoWindow,
    #[error("another window already receives hand-offs")]
    AlreadyRunning,
    #[error("hand-off is not available on this system")]
    Unsupported,
    #[error("the hand-off socket failed: {0}")]
    Io(#[from] std::io::Error),
}

/// `$XDG_RUNTIME_DIR/apig-explorer.sock`, or `send.sock` in the app's data directory
/// (the user's own) when the session has no runtime directory.
pub fn socket_path() -> Option<PathBuf> {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && p.is_dir());
    match runtime {
        Some(dir) => Some(dir.join("apig-explorer.sock")),
        None => {
            let dir = super::data_dir()?;
            std::fs::create_dir_all(&dir).ok()?;
            Some(dir.join("send.sock"))
        }
    }
}

/// Hand `text` to the running window. [`HandoffError::NoWindow`] when none listens.
pub fn send(text: &str) -> Result<(), HandoffError> {
    send_to(&socket_path().ok_or(HandoffError::NoWindow)?, text)
}

#[cfg(unix)]
fn send_to(path: &std::path::Path, text: &str) -> Result<(), HandoffError> {
    use std::os::unix::net::UnixStream;
    let mut stream = UnixStream::connect(path).map_err(|_| HandoffError::NoWindow)?;
    stream.write_all(text.as_bytes())?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut ack = String::new();
    stream.read_to_string(&mut ack)?;
    Ok(())
}

#[cfg(not(unix))]
fn send_to(_path: &std::path::Path, _text: &str) -> Result<(), HandoffError> {
    Err(HandoffError::Unsupported)
}

/// The window's end: texts handed to it, as they arrive.
pub struct Listener {
    received: Receiver<String>,
    path: PathBuf,
}

impl Listener {
    /// Listen on the socket; `wake` is called when a text arrives.
    pub fn bind(wake: impl Fn() + Send + 'static) -> Result<Self, HandoffError> {
        Self::bind_at(socket_path().ok_or(HandoffError::Unsupported)?, wake)
    }

    #[cfg(unix)]
    fn bind_at(path: PathBuf, wake: impl Fn() + Send + 'static) -> Result<Self, HandoffError> {
        use std::os::unix::fs::PermissionsExt;
        use std::os::unix::net::{UnixListener, UnixStream};
        if path.exists() {
            if UnixStream::connect(&path).is_ok() {
                return Err(HandoffError::AlreadyRunning);
            }
            // Left by a window that crashed: nobody answers on it.
            std::fs::remove_file(&path)?;
        }
        let listener = UnixListener::bind(&path)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("handoff".into())
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    if let Some(text) = receive(stream)
                        && tx.send(text).is_ok()
                    {
                        wake();
                    }
                }
            })?;
        Ok(Listener { received: rx, path })
    }

    #[cfg(not(unix))]
    fn bind_at(_path: PathBuf, _wake: impl Fn() + Send + 'static) -> Result<Self, HandoffError> {
        Err(HandoffError::Unsupported)
    }

    /// The next text handed over, if any.
    pub fn poll(&self) -> Option<String> {
        self.received.try_recv().ok()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Read one hand-off from a peer that is this user, up to what a paste may hold.
#[cfg(unix)]
fn receive(mut stream: std::os::unix::net::UnixStream) -> Option<String> {
    if !same_user(&stream) {
        return None;
    }
    // A peer that connects and sends nothing must not hold up the next hand-off.
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .ok()?;
    let mut bytes = Vec::new();
    (&mut stream)
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    let _ = stream.write_all(b"ok\n");
    // A second window checking whether this one runs connects and sends nothing.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (!text.trim().is_empty()).then_some(text)
}

/// The peer's user is ours (Linux: SO_PEERCRED); elsewhere the owner-only socket in an
/// owner-only directory is the guard.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn same_user(stream: &std::os::unix::net::UnixStream) -> bool {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred {
        pid: 0,
        uid: u32::MAX,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` and `len` are valid for writes of the sizes given, and the fd is
    // the open socket borrowed for the call.
    let ok = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    } == 0;
    // SAFETY: getuid has no preconditions.
    ok && cred.uid == unsafe { libc::getuid() }
}

#[cfg(all(unix, not(all(target_os = "linux", target_env = "gnu"))))]
fn same_user(_stream: &std::os::unix::net::UnixStream) -> bool {
    true
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn socket(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("apig-handoff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("send.sock")
    }

    fn wait_for(listener: &Listener) -> Option<String> {
        (0..200).find_map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            listener.poll()
        })
    }

    #[test]
    fn a_text_sent_arrives_and_wakes_the_window() {
        let path = socket("send");
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&woken);
        let listener = Listener::bind_at(path.clone(), move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "owner-only");
        send_to(&path, "{\"error_code\":\"APIG.0308\"}").unwrap();
        assert_eq!(
            wait_for(&listener).as_deref(),
            Some("{\"error_code\":\"APIG.0308\"}")
        );
        assert_eq!(woken.load(Ordering::SeqCst), 1);
        assert!(matches!(
            Listener::bind_at(path.clone(), || {}),
            Err(HandoffError::AlreadyRunning)
        ));
        send_to(&path, "after the probe").unwrap();
        assert_eq!(
            wait_for(&listener).as_deref(),
            Some("after the probe"),
            "the second window's check delivered no empty paste before it"
        );
        assert_eq!(woken.load(Ordering::SeqCst), 2);
        drop(listener);
        assert!(!path.exists(), "the socket goes with the window");
        assert!(matches!(send_to(&path, "x"), Err(HandoffError::NoWindow)));
    }

    #[test]
    fn a_stale_socket_from_a_crashed_window_is_replaced() {
        let path = socket("stale");
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists(), "left behind, as after a crash");
        let listener = Listener::bind_at(path.clone(), || {}).unwrap();
        send_to(&path, "after the crash").unwrap();
        assert_eq!(wait_for(&listener).as_deref(), Some("after the crash"));
    }
}
