//! The hand-off over a Unix domain socket: owner-only, peer checked, and a socket left by
//! a crashed window replaced.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{HandoffError, read_text, serve_peer};

pub(super) type Endpoint = PathBuf;

/// `$XDG_RUNTIME_DIR/apig-explorer.sock`, or `send.sock` in the app's data directory
/// (the user's own) when the session has no runtime directory.
pub(super) fn endpoint() -> Option<PathBuf> {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && p.is_dir());
    match runtime {
        Some(dir) => Some(dir.join("apig-explorer.sock")),
        None => {
            let dir = crate::session::data_dir()?;
            std::fs::create_dir_all(&dir).ok()?;
            Some(dir.join("send.sock"))
        }
    }
}

pub(super) fn connect(path: &Path) -> Option<UnixStream> {
    UnixStream::connect(path).ok()
}

/// The socket, removed when the window closes.
pub(super) struct Bound {
    path: PathBuf,
}

impl Drop for Bound {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Bind the socket and hand each text received to `deliver`.
pub(super) fn listen(
    path: PathBuf,
    deliver: impl Fn(String) + Send + Sync + 'static,
) -> Result<Bound, HandoffError> {
    if path.exists() {
        if UnixStream::connect(&path).is_ok() {
            return Err(HandoffError::AlreadyRunning);
        }
        // Left by a window that crashed: nobody answers on it.
        std::fs::remove_file(&path)?;
    }
    let listener = UnixListener::bind(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    let deliver = std::sync::Arc::new(deliver);
    std::thread::Builder::new()
        .name("handoff".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                serve_peer(stream, receive, &deliver);
            }
        })?;
    Ok(Bound { path })
}

fn receive(stream: &mut UnixStream) -> Option<String> {
    if !same_user(stream) {
        return None;
    }
    // A peer that stalls gives its thread back after a while.
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    read_text(stream)
}

/// The peer's user is ours (Linux: SO_PEERCRED); elsewhere the owner-only socket in an
/// owner-only directory is the guard.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn same_user(stream: &UnixStream) -> bool {
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

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn same_user(_stream: &UnixStream) -> bool {
    true
}

#[cfg(test)]
pub(super) fn test_endpoint(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apig-handoff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir.join("send.sock")
}

#[cfg(test)]
pub(super) fn assert_owner_only(path: &Path) {
    let mode = std::fs::metadata(path)
        .expect("the socket exists")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "owner-only");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_socket_from_a_crashed_window_is_replaced() {
        let path = test_endpoint("stale");
        drop(UnixListener::bind(&path).expect("binds"));
        assert!(path.exists(), "left behind, as after a crash");
        let listener =
            crate::session::handoff::Listener::bind_at(path.clone(), || {}).expect("replaces it");
        super::super::send_to(&path, "after the crash").expect("sent");
        let got = (0..300).find_map(|_| {
            std::thread::sleep(Duration::from_millis(10));
            listener.poll()
        });
        assert_eq!(got.as_deref(), Some("after the crash"));
        drop(listener);
        assert!(!path.exists(), "the socket goes with the window");
    }
}
