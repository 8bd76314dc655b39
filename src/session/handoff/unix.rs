//! The hand-off over a Unix domain socket, in a directory only this user can write
//! (the runtime directory when it is the user's own with mode 0700, else the app's data
//! directory, else a private directory in the temporary directory when those paths are
//! too long for a socket). The socket is owner-only; the window admits only peers of its
//! own user (Linux: SO_PEERCRED), and `send` talks only to a socket this user owns, and on
//! Linux only to a listener running as this user. A socket left by a crashed window is
//! replaced.
//!
//! Two lock files beside the socket (in the same private directory, owner-only) say who
//! listens and who could: the window that listens holds `….lock` exclusively, from before
//! it binds the socket until it has recorded what it received, and every window that
//! listens or stands by holds `….open` shared. A standing-by window waits for `….lock` in
//! the kernel (no polling, no CPU), so it takes the hand-off over the moment the listening
//! window lets go, or dies; `send` that finds no socket while `….open` is held waits for
//! that instead of starting a second window.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::{
    DirBuilderExt as _, FileTypeExt as _, MetadataExt as _, OpenOptionsExt as _, PermissionsExt,
};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::{HandoffError, Peers, REPLY_WAIT, serve_peer};

pub(super) type Endpoint = PathBuf;

/// The longest socket path the platform takes (`sun_path` less its closing NUL).
#[cfg(any(target_os = "linux", target_os = "android"))]
const MAX_PATH: usize = 107;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const MAX_PATH: usize = 103;

/// The socket's path for this user: the first of the runtime directory (if private),
/// the data directory (if only this user can write it), and a private directory in the
/// temporary directory, whose path fits in a socket address.
pub(super) fn endpoint() -> Option<PathBuf> {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    choose(
        runtime,
        crate::session::data_dir(),
        &[std::env::temp_dir(), PathBuf::from("/tmp")],
        uid(),
    )
}

fn choose(
    runtime: Option<PathBuf>,
    data: Option<PathBuf>,
    temps: &[PathBuf],
    uid: u32,
) -> Option<PathBuf> {
    let fits = |p: &PathBuf| p.as_os_str().len() <= MAX_PATH;
    let runtime = runtime
        .filter(|dir| dir.is_absolute() && private_dir(dir, uid))
        .map(|dir| dir.join("apig-explorer.sock"))
        .filter(fits);
    runtime
        .or_else(|| {
            let dir = data.filter(|d| d.is_absolute())?;
            std::fs::create_dir_all(&dir).ok()?;
            only_owner_writes(&dir, uid)
                .then(|| dir.join("send.sock"))
                .filter(fits)
        })
        .or_else(|| {
            temps.iter().find_map(|temp| {
                let dir = temp.join(format!("apig-explorer-{uid}"));
                let _ = std::fs::DirBuilder::new().mode(0o700).create(&dir);
                private_dir(&dir, uid)
                    .then(|| dir.join("send.sock"))
                    .filter(fits)
            })
        })
}

/// A directory itself (not a link to one), owned by `uid`, mode 0700: nobody else can
/// put a socket there or connect to one in it.
fn private_dir(dir: &Path, uid: u32) -> bool {
    std::fs::symlink_metadata(dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == uid && m.mode() & 0o777 == 0o700)
}

/// A directory owned by `uid` that no one else may write: nobody else can replace the
/// (owner-only) socket in it.
fn only_owner_writes(dir: &Path, uid: u32) -> bool {
    std::fs::symlink_metadata(dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == uid && m.mode() & 0o022 == 0)
}

/// This process's user.
fn uid() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

/// Connect to the window at `path`, if it is a socket of this user's with a listener
/// of this user's behind it.
pub(super) fn connect(path: &Path) -> Result<UnixStream, HandoffError> {
    let meta = std::fs::symlink_metadata(path).map_err(|_| HandoffError::NoWindow)?;
    socket_of(path, &meta, uid())?;
    let stream = UnixStream::connect(path).map_err(|_| HandoffError::NoWindow)?;
    listener_of(path, &stream, uid())?;
    stream.set_read_timeout(Some(REPLY_WAIT))?;
    stream.set_write_timeout(Some(REPLY_WAIT))?;
    Ok(stream)
}

/// `path` (as `lstat` saw it) is a socket owned by `uid`: a file, link or another
/// user's socket is never written to.
fn socket_of(path: &Path, meta: &std::fs::Metadata, uid: u32) -> Result<(), HandoffError> {
    if !meta.file_type().is_socket() {
        return Err(HandoffError::NotOurs(format!(
            "{} is not a socket",
            path.display()
        )));
    }
    if meta.uid() != uid {
        return Err(HandoffError::NotOurs(format!(
            "the socket {} belongs to another user (uid {})",
            path.display(),
            meta.uid()
        )));
    }
    Ok(())
}

/// The process listening behind `stream` runs as `uid` (Linux: SO_PEERCRED).
#[cfg(target_os = "linux")]
fn listener_of(path: &Path, stream: &UnixStream, uid: u32) -> Result<(), HandoffError> {
    match peer_uid(stream) {
        Some(peer) if peer == uid => Ok(()),
        Some(peer) => Err(HandoffError::NotOurs(format!(
            "the window listening on {} runs as another user (uid {peer})",
            path.display()
        ))),
        None => Err(HandoffError::NotOurs(format!(
            "the user listening on {} could not be checked",
            path.display()
        ))),
    }
}

/// Elsewhere the socket's owner (checked before connecting) in a private directory is
/// the guard.
#[cfg(not(target_os = "linux"))]
fn listener_of(_path: &Path, _stream: &UnixStream, _uid: u32) -> Result<(), HandoffError> {
    Ok(())
}

/// The socket, removed (and its thread stopped) when the window closes.
pub(super) struct Bound {
    path: PathBuf,
    stop: Arc<AtomicBool>,
}

impl Drop for Bound {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the thread from its wait for the next peer, so it lets the socket go.
        drop(UnixStream::connect(&self.path));
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Windows wait for the hand-off in the kernel here (see the module's doc).
pub(super) const CAN_STAND_BY: bool = true;

/// The hand-off held: this window listens, or records what it received before another
/// may listen.
pub(super) struct Claim {
    _lock: File,
}

/// This window listens or stands by: `send` waits for it rather than start another.
pub(super) struct Presence {
    _lock: File,
}

/// A lock file beside the socket: created owner-only, never through a link, and used only
/// when it is a plain file of this user's.
fn lock_file(socket: &Path, suffix: &str, create: bool) -> std::io::Result<File> {
    let mut name = socket.as_os_str().to_owned();
    name.push(suffix);
    let file = OpenOptions::new()
        .read(true)
        .write(create)
        .create(create)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(PathBuf::from(name))?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.uid() == uid() {
        Ok(file)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "a lock file beside the hand-off socket is not this user's",
        ))
    }
}

/// The hand-off, if no other window holds it.
pub(super) fn try_claim(socket: &Path) -> Result<Option<Claim>, HandoffError> {
    let file = lock_file(socket, ".lock", true)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Claim { _lock: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e.into()),
    }
}

/// The hand-off, once the window holding it lets go or dies (blocks until then).
pub(super) fn wait_claim(socket: &Path) -> Result<Claim, HandoffError> {
    let file = lock_file(socket, ".lock", true)?;
    file.lock()?;
    Ok(Claim { _lock: file })
}

/// Say this window is open for hand-offs, for as long as the value lives.
pub(super) fn present(socket: &Path) -> Result<Presence, HandoffError> {
    let file = lock_file(socket, ".open", true)?;
    file.lock_shared()?;
    Ok(Presence { _lock: file })
}

/// Whether a window is open for hand-offs (listening, or about to take over from one
/// that is closing).
pub(super) fn window_open(socket: &Path) -> bool {
    let Ok(file) = lock_file(socket, ".open", false) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

/// Bind the socket and serve each peer of this user's. The caller holds the [`Claim`], so
/// no other window of this build binds meanwhile; a socket that answers belongs to a
/// window of an earlier build, which knows no claim. `before` runs once the path is free,
/// just before the socket is bound.
pub(super) fn listen(
    path: PathBuf,
    peers: Arc<Peers>,
    before: impl FnOnce(),
) -> Result<Bound, HandoffError> {
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        if UnixStream::connect(&path).is_ok() {
            return Err(HandoffError::AlreadyRunning);
        }
        if !meta.file_type().is_socket() {
            return Err(HandoffError::NotOurs(format!(
                "{} is not a socket",
                path.display()
            )));
        }
        // Left by a window that crashed: nobody answers on it.
        std::fs::remove_file(&path)?;
    }
    before();
    let listener = UnixListener::bind(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("handoff".into())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                // Another user's peer takes no thread and no place.
                if peer_is(&stream, uid()) {
                    serve_peer(stream, set_timeout, &peers);
                }
            }
        })?;
    Ok(Bound { path, stop })
}

fn set_timeout(stream: &mut UnixStream, left: Duration) -> std::io::Result<()> {
    stream.set_read_timeout(Some(left))
}

/// The peer runs as `uid` (Linux: SO_PEERCRED); elsewhere the owner-only socket in a
/// directory only this user writes is the guard.
#[cfg(target_os = "linux")]
fn peer_is(stream: &UnixStream, uid: u32) -> bool {
    peer_uid(stream) == Some(uid)
}

#[cfg(not(target_os = "linux"))]
fn peer_is(_stream: &UnixStream, _uid: u32) -> bool {
    true
}

/// The user of the process at the other end of `stream`: for the window, the sender;
/// for the sender, the process that listened.
#[cfg(target_os = "linux")]
fn peer_uid(stream: &UnixStream) -> Option<u32> {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred {
        pid: 0,
        uid: u32::MAX,
        gid: u32::MAX,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` and `len` are valid for writes of the sizes given, live for the
    // call, and the fd is the open socket `stream` borrows for the call.
    let ok = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    } == 0;
    (ok && len as usize == std::mem::size_of::<libc::ucred>()).then_some(cred.uid)
}

#[cfg(test)]
pub(super) fn test_endpoint(name: &str) -> TestEndpoint {
    let dir = test_dir(name);
    let path = dir.join("send.sock");
    TestEndpoint { path, _dir: dir }
}

/// A socket path in a private directory of a test's own, which goes with it.
#[cfg(test)]
pub(crate) struct TestEndpoint {
    path: PathBuf,
    _dir: crate::session::test_dir::TestDir,
}

#[cfg(test)]
impl std::ops::Deref for TestEndpoint {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.path
    }
}

#[cfg(test)]
impl AsRef<Path> for TestEndpoint {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// A fresh private directory for a test, removed when the test ends.
#[cfg(test)]
fn test_dir(name: &str) -> crate::session::test_dir::TestDir {
    let dir = crate::session::test_dir::TestDir::new("handoff", name);
    std::fs::set_permissions(&*dir, std::fs::Permissions::from_mode(0o700))
        .expect("a private temporary directory");
    dir
}

#[cfg(test)]
mod tests;
