//! Terminal hand-off: `apig-explorer send` gives a response to the running window over a
//! channel only this user can reach: a Unix domain socket in a directory of this user's
//! own (the socket owner-only; each side checks the other is this user), or on Windows a
//! local named pipe whose access list admits only its owner.
//!
//! A hand-off is a length and exactly that many bytes (at most what a paste may hold), so
//! a peer that connects and sends nothing (another window checking whether this one
//! runs), or less than it declared, delivers nothing. The window answers only once it
//! holds the text: [`SAVED`] when it wrote it to the store first (a window killed right
//! after loses nothing), [`IN_MEMORY`] when it could not; no answer means nothing is
//! known to have arrived. Peers are read on threads of their own, at most
//! [`Limits::peers`] at once and each for at most [`Limits::deadline`]. No UI types:
//! received text arrives through a channel and a wake-up callback.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::store::Pending;
use crate::analysis::MAX_INPUT_BYTES;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as platform;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as platform;

#[derive(Debug, thiserror::Error)]
pub enum HandoffError {
    #[error("no window is running")]
    NoWindow,
    #[error("another window already receives hand-offs")]
    AlreadyRunning,
    #[error("hand-off is not available on this system")]
    Unsupported,
    #[error("{0}; nothing was sent")]
    NotOurs(String),
    #[error(
        "the running window did not confirm it received the text (it may be closing, or busy with other hand-offs); send it again"
    )]
    NotConfirmed,
    #[error("the hand-off channel failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What the window said when it took a hand-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivered {
    /// Written to the window's store before the answer: kept even if the window is
    /// killed at once.
    Saved,
    /// Held in the window's memory only (it has no store, or writing failed).
    InMemory,
}

impl Delivered {
    /// What `send` tells the engineer.
    pub fn describe(self) -> &'static str {
        match self {
            Delivered::Saved => "sent to the running window",
            Delivered::InMemory => {
                "sent to the running window, which could not save it: it is lost if that window is killed before it shows it"
            }
        }
    }
}

/// The window's answers (three bytes each).
const SAVED: &[u8] = b"ok\n";
const IN_MEMORY: &[u8] = b"mem";

/// The most a hand-off may declare: a paste's limit and one more character, so a cut
/// input still says it was cut.
const MAX_WIRE_BYTES: usize = MAX_INPUT_BYTES + 4;

/// How many peers the window reads at once, and how long one may take.
#[derive(Clone, Copy, Debug)]
struct Limits {
    peers: usize,
    deadline: Duration,
}

/// 16 MB over a local channel takes well under a second; a peer slower than this has
/// stalled.
const LIMITS: Limits = Limits {
    peers: 8,
    deadline: Duration::from_secs(30),
};

/// How long `send` waits for the window's answer (the window may wait up to 5 s for a
/// busy store before it answers).
#[cfg(unix)]
const REPLY_WAIT: Duration = Duration::from_secs(60);

/// A response handed over, and its row in the store (None: not stored).
#[derive(Debug)]
pub struct Handed {
    pub text: String,
    pub kept: Option<Pending>,
}

/// Hand `text` to the running window. `HandoffError::NoWindow` when none listens.
#[cfg(any(unix, windows))]
pub fn send(text: &str) -> Result<Delivered, HandoffError> {
    send_to(&platform::endpoint().ok_or(HandoffError::NoWindow)?, text)
}

#[cfg(not(any(unix, windows)))]
pub fn send(_text: &str) -> Result<Delivered, HandoffError> {
    Err(HandoffError::Unsupported)
}

#[cfg(any(unix, windows))]
fn send_to(endpoint: &platform::Endpoint, text: &str) -> Result<Delivered, HandoffError> {
    let mut stream = platform::connect(endpoint)?;
    write_text(&mut stream, wire_text(text))
}

/// The text as sent: a longer one is cut after the first character past what a paste
/// may hold, at a character boundary.
fn wire_text(text: &str) -> &str {
    if text.len() <= MAX_INPUT_BYTES + 1 {
        return text;
    }
    let mut end = MAX_INPUT_BYTES + 1;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.get(..end).unwrap_or(text)
}

/// The window's end: texts handed to it, as they arrive.
pub struct Listener {
    received: Receiver<Handed>,
    #[cfg(any(unix, windows))]
    bound: Option<platform::Bound>,
}

impl Listener {
    /// Listen for hand-offs. `keep` writes a text to the store before the sender is
    /// answered (returning what it kept, None when it could not); `wake` is called when
    /// a text arrives.
    #[cfg(any(unix, windows))]
    pub fn bind(
        keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        let endpoint = platform::endpoint().ok_or(HandoffError::Unsupported)?;
        Self::bind_at(endpoint, keep, wake, LIMITS)
    }

    #[cfg(not(any(unix, windows)))]
    pub fn bind(
        _keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        _wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        Err(HandoffError::Unsupported)
    }

    #[cfg(any(unix, windows))]
    fn bind_at(
        endpoint: platform::Endpoint,
        keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
        limits: Limits,
    ) -> Result<Self, HandoffError> {
        let (tx, received) = channel();
        let delivery = Delivery { tx, keep, wake };
        let peers = Arc::new(Peers {
            hand: Box::new(move |text| delivery.hand(text)),
            active: AtomicUsize::new(0),
            limits,
        });
        let bound = platform::listen(endpoint, peers)?;
        Ok(Listener {
            received,
            bound: Some(bound),
        })
    }

    /// The next text handed over, if any.
    pub fn poll(&self) -> Option<Handed> {
        self.received.try_recv().ok()
    }

    /// Stop taking hand-offs (the window closes): a `send` from now on finds no window,
    /// and what arrived before is still polled.
    pub fn close(&mut self) {
        #[cfg(any(unix, windows))]
        {
            self.bound = None;
        }
    }
}

/// Keeps a received text, passes it to the window and wakes it.
struct Delivery<K, W> {
    tx: Sender<Handed>,
    keep: K,
    wake: W,
}

impl<K: Fn(&str) -> Option<Pending>, W: Fn()> Delivery<K, W> {
    /// What to answer the sender: None when the text is neither stored nor with the
    /// window (it closed), so the sender is not told it arrived.
    fn hand(&self, text: String) -> Option<&'static [u8]> {
        let kept = (self.keep)(&text);
        let saved = kept.is_some();
        let passed = self.tx.send(Handed { text, kept }).is_ok();
        if passed {
            (self.wake)();
        }
        match (saved, passed) {
            (true, _) => Some(SAVED),
            (false, true) => Some(IN_MEMORY),
            (false, false) => None,
        }
    }
}

/// What every peer of one listener shares: where texts go, and how many are being read.
pub(super) struct Peers {
    hand: Box<dyn Fn(String) -> Option<&'static [u8]> + Send + Sync>,
    active: AtomicUsize,
    limits: Limits,
}

/// A peer being read; its place is given back when its thread ends.
struct Slot(Arc<Peers>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How a platform bounds one read of a peer (a read timeout; none where the stream has
/// no such setting).
pub(super) type SetTimeout<S> = fn(&mut S, Duration) -> std::io::Result<()>;

/// Read one peer's hand-off on a thread of its own, so a peer that sends nothing holds
/// up no other, and answer it. Beyond [`Limits::peers`] at once, the peer is closed at
/// once (its `send` says the window did not confirm).
#[cfg(any(unix, windows))]
fn serve_peer<S: Read + Write + Send + 'static>(
    mut stream: S,
    set_timeout: SetTimeout<S>,
    peers: &Arc<Peers>,
) {
    if peers.active.fetch_add(1, Ordering::SeqCst) >= peers.limits.peers {
        peers.active.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let slot = Slot(Arc::clone(peers));
    let _ = std::thread::Builder::new()
        .name("handoff peer".into())
        .spawn(move || {
            let deadline = Instant::now() + slot.0.limits.deadline;
            let Some(text) = read_text(&mut stream, deadline, set_timeout) else {
                return;
            };
            if let Some(answer) = (slot.0.hand)(text) {
                let _ = stream.write_all(answer);
                let _ = stream.flush();
            }
        });
}

/// The sender's half: the text's length, the text, then the window's answer.
fn write_text(stream: &mut (impl Read + Write), text: &str) -> Result<Delivered, HandoffError> {
    let unconfirmed = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::BrokenPipe
        | std::io::ErrorKind::ConnectionReset
        | std::io::ErrorKind::ConnectionAborted
        | std::io::ErrorKind::UnexpectedEof => HandoffError::NotConfirmed,
        _ => HandoffError::Io(e),
    };
    stream
        .write_all(&(text.len() as u64).to_le_bytes())
        .map_err(unconfirmed)?;
    stream.write_all(text.as_bytes()).map_err(unconfirmed)?;
    stream.flush().map_err(unconfirmed)?;
    let mut answer = Vec::new();
    stream
        .take(SAVED.len() as u64)
        .read_to_end(&mut answer)
        .map_err(|_| HandoffError::NotConfirmed)?;
    match answer.as_slice() {
        SAVED => Ok(Delivered::Saved),
        IN_MEMORY => Ok(Delivered::InMemory),
        _ => Err(HandoffError::NotConfirmed),
    }
}

/// The window's half: one hand-off of exactly the length declared (at most
/// [`MAX_WIRE_BYTES`]), all of it before `deadline`. None for a peer that sent nothing,
/// only blanks, less than it declared, or too much.
fn read_text<S: Read>(
    stream: &mut S,
    deadline: Instant,
    set_timeout: SetTimeout<S>,
) -> Option<String> {
    let mut declared = [0; 8];
    let mut got = 0;
    while got < declared.len() {
        got += read_some(stream, declared.get_mut(got..)?, deadline, set_timeout)?;
    }
    let len = usize::try_from(u64::from_le_bytes(declared))
        .ok()
        .filter(|&len| len <= MAX_WIRE_BYTES)?;
    // Grown as bytes arrive: a peer that declares 16 MB and stalls costs little.
    let mut bytes = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    while bytes.len() < len {
        let want = (len - bytes.len()).min(chunk.len());
        let n = read_some(stream, chunk.get_mut(..want)?, deadline, set_timeout)?;
        bytes.extend_from_slice(chunk.get(..n)?);
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (!text.trim().is_empty()).then_some(text)
}

/// Some bytes into `buf`, before `deadline`; None at the end of the stream, on an error,
/// or when the time is up.
fn read_some<S: Read>(
    stream: &mut S,
    buf: &mut [u8],
    deadline: Instant,
    set_timeout: SetTimeout<S>,
) -> Option<usize> {
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())?;
        set_timeout(stream, left).ok()?;
        match stream.read(buf) {
            Ok(0) => return None,
            Ok(n) => return Some(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// An endpoint of the platform's kind for a test (a private temporary directory).
#[cfg(all(test, unix))]
pub(crate) fn test_endpoint(name: &str) -> platform::Endpoint {
    platform::test_endpoint(name)
}

#[cfg(all(test, unix))]
impl Listener {
    /// Listen at `endpoint` (tests).
    pub(crate) fn bind_for_test(
        endpoint: platform::Endpoint,
        keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        Self::bind_at(endpoint, keep, wake, LIMITS)
    }
}

/// Send to `endpoint` (tests).
#[cfg(all(test, unix))]
pub(crate) fn send_for_test(
    endpoint: &platform::Endpoint,
    text: &str,
) -> Result<Delivered, HandoffError> {
    send_to(endpoint, text)
}

#[cfg(test)]
#[cfg(any(unix, windows))]
mod tests;
