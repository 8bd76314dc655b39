//! The hand-off over a local named pipe. Its access list admits only the pipe's owner
//! (this user), remote clients are refused, `send` writes only to a pipe whose server
//! process runs as this user, and a second window finds the first by connecting to it. A pipe goes with its process, so nothing is left
//! behind by a crash. Every read and write on the pipe ends by a deadline (`timed.rs`), as
//! on a Unix socket: a stalled or silent peer holds its thread for at most its time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use interprocess::ConnectWaitMode;
use interprocess::os::windows::named_pipe::{DuplexPipeStream, PipeListenerOptions, pipe_mode};
use interprocess::os::windows::security_descriptor::SecurityDescriptor;

use super::{HandoffError, Peers, REPLY_WAIT, serve_peer};

mod owner;
mod timed;

pub(super) type Endpoint = String;
type Pipe = DuplexPipeStream<pipe_mode::Bytes>;
type Stream = timed::Timed;

/// Full access for the pipe's owner, nothing for anyone else (SDDL: a protected DACL
/// with one ACE for OWNER RIGHTS).
const OWNER_ONLY: &str = "D:P(A;;GA;;;OW)";

/// `\\.\pipe\apig-explorer-USER`: pipe names are machine-wide, so each user has their own.
pub(super) fn endpoint() -> Option<String> {
    let user = std::env::var("USERNAME").unwrap_or_else(|_| "user".into());
    Some(format!(
        r"\\.\pipe\apig-explorer-{}",
        user.replace('\\', "_")
    ))
}

/// Connect to the window's pipe, and refuse it unless the process serving it runs as
/// this user (`owner.rs`): a pipe of that name created first by another user would
/// otherwise receive the paste. Waits at most 2 s for a free instance of the pipe; each
/// read and write then takes at most [`REPLY_WAIT`].
pub(super) fn connect(name: &str) -> Result<Stream, HandoffError> {
    use std::os::windows::io::{AsHandle, AsRawHandle};
    let wait = ConnectWaitMode::Timeout(std::time::Duration::from_secs(2));
    let pipe =
        Pipe::connect_by_path_with_wait_mode(name, wait).map_err(|_| HandoffError::NoWindow)?;
    let same = owner::server_user(pipe.as_handle().as_raw_handle())
        .and_then(|server| Ok(server.same_as(&owner::current_user()?)));
    owner::judge(same, name)?;
    Ok(timed::Timed::client(pipe, REPLY_WAIT)?)
}

/// The listening thread, stopped and joined when the window closes so the name is free.
pub(super) struct Bound {
    name: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Bound {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the thread from its wait for the next peer.
        drop(connect(&self.name));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A second window does not stand by for the pipe here: it finds the first by connecting,
/// and takes the hand-off when it starts after the first closed.
pub(super) const CAN_STAND_BY: bool = false;

/// The first-instance flag of the pipe is the claim.
pub(super) struct Claim;

pub(super) struct Presence;

pub(super) fn try_claim(_name: &str) -> Result<Option<Claim>, HandoffError> {
    Ok(Some(Claim))
}

pub(super) fn wait_claim(_name: &str) -> Result<Claim, HandoffError> {
    Err(HandoffError::Unsupported)
}

pub(super) fn present(_name: &str) -> Result<Presence, HandoffError> {
    Ok(Presence)
}

pub(super) fn window_open(_name: &str) -> bool {
    false
}

/// Create the pipe and serve each peer; `before` runs just before the pipe is created.
pub(super) fn listen(
    name: String,
    peers: Arc<Peers>,
    before: impl FnOnce(),
) -> Result<Bound, HandoffError> {
    // A window already listening answers; the first-instance flag below is the guard
    // where two windows start at once.
    if connect(&name).is_ok() {
        return Err(HandoffError::AlreadyRunning);
    }
    before();
    let access = widestring::U16CString::from_str(OWNER_ONLY)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let listener = PipeListenerOptions::new()
        .path(name.as_str())
        .security_descriptor(Some(SecurityDescriptor::deserialize(&access)?))
        .create_duplex::<pipe_mode::Bytes>()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::AddrInUse => {
                HandoffError::AlreadyRunning
            }
            _ => HandoffError::Io(e),
        })?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("handoff".into())
        .spawn(move || {
            for pipe in listener.incoming().flatten() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                // A peer whose pipe cannot be timed is not served (it is closed).
                if let Ok(stream) = timed::Timed::served(pipe, peers.limits.deadline) {
                    serve_peer(stream, timed::Timed::set_timeout, &peers);
                }
            }
        })?;
    Ok(Bound {
        name,
        stop,
        thread: Some(thread),
    })
}

#[cfg(test)]
pub(super) fn test_endpoint(name: &str) -> String {
    format!(r"\\.\pipe\apig-explorer-test-{name}-{}", std::process::id())
}
