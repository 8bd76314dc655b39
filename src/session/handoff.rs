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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
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
        "the running window did not confirm it received the text (it may be closing, not responding, or busy with other hand-offs); it may still take it when it responds: look in its History before you send it again, or it may be there twice"
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
/// busy store before it answers); on Windows, how long any one read or write of `send`
/// may take.
#[cfg(any(unix, windows))]
const REPLY_WAIT: Duration = Duration::from_secs(60);

/// A response handed over, and its row in the store (None: not stored).
#[derive(Debug)]
pub(crate) struct Handed {
    pub(crate) text: String,
    pub(crate) kept: Option<Pending>,
}

/// Hand `text` to the running window. `HandoffError::NoWindow` when none listens and
/// none is open to take the hand-off over.
#[cfg(any(unix, windows))]
pub fn send(text: &str) -> Result<Delivered, HandoffError> {
    let endpoint = platform::endpoint().ok_or(HandoffError::NoWindow)?;
    match send_to(&endpoint, text) {
        Err(HandoffError::NoWindow) => send_after_takeover(&endpoint, text),
        sent => sent,
    }
}

/// How long `send` waits for an open window to take the hand-off over from one that is
/// closing (it takes it within milliseconds of that one letting go).
#[cfg(any(unix, windows))]
const TAKEOVER_WAIT: Duration = Duration::from_secs(3);

/// No window listens, but while one is open, it is about to take the hand-off over from
/// one closing: send to it then, rather than start a window beside it.
#[cfg(any(unix, windows))]
fn send_after_takeover(
    endpoint: &platform::Endpoint,
    text: &str,
) -> Result<Delivered, HandoffError> {
    let deadline = Instant::now() + TAKEOVER_WAIT;
    while platform::window_open(endpoint) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        match send_to(endpoint, text) {
            Err(HandoffError::NoWindow) => {}
            sent => return sent,
        }
    }
    Err(HandoffError::NoWindow)
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

/// What a window finds in the store when it takes the hand-off: texts a window that is
/// gone received and did not record (or why they could not be read).
pub(crate) type Left = Result<Vec<Pending>, String>;

/// The window's end: texts handed to it, as they arrive. Another window may hold the
/// hand-off; this one then stands by and takes it over when that one closes.
pub(crate) struct Listener {
    received: Receiver<Handed>,
    /// What the store held each time this window took the hand-off.
    left: Receiver<Left>,
    #[cfg(any(unix, windows))]
    hold: Arc<Mutex<Hold>>,
    #[cfg(any(unix, windows))]
    _presence: platform::Presence,
}

/// What this window holds of the hand-off.
#[cfg(any(unix, windows))]
#[derive(Default)]
struct Hold {
    /// The window closes: it takes the hand-off no more.
    closed: bool,
    claim: Option<platform::Claim>,
    bound: Option<platform::Bound>,
}

/// How a window takes the hand-off, now or when it comes free.
#[cfg(any(unix, windows))]
struct Taker {
    endpoint: platform::Endpoint,
    peers: Arc<Peers>,
    left: Box<dyn Fn() -> Left + Send + Sync>,
    left_tx: Sender<Left>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

#[cfg(any(unix, windows))]
impl Taker {
    /// Listen, holding `claim`: what the store holds is read once the endpoint is free and
    /// before anything can arrive, so it is exactly what an earlier window left.
    fn take(&self, claim: platform::Claim, hold: &mut Hold) -> Result<(), HandoffError> {
        let bound = platform::listen(self.endpoint.clone(), Arc::clone(&self.peers), || {
            let _ = self.left_tx.send((self.left)());
        })?;
        hold.claim = Some(claim);
        hold.bound = Some(bound);
        Ok(())
    }

    /// Wait on a thread of its own for the window holding the hand-off to let go, then
    /// take it (and wake this window). The wait costs no CPU; the thread ends once the
    /// hand-off is taken, or at the first chance after this window closed.
    fn stand_by(self, hold: Arc<Mutex<Hold>>) -> std::io::Result<()> {
        std::thread::Builder::new()
            .name("handoff standby".into())
            .spawn(move || {
                loop {
                    let Ok(claim) = platform::wait_claim(&self.endpoint) else {
                        return;
                    };
                    let Ok(mut held) = hold.lock() else {
                        return;
                    };
                    if held.closed {
                        return;
                    }
                    match self.take(claim, &mut held) {
                        Ok(()) => {
                            drop(held);
                            (self.wake)();
                            return;
                        }
                        // A window of an earlier build listens, knowing no claim: look
                        // again in a while.
                        Err(HandoffError::AlreadyRunning) => {
                            drop(held);
                            std::thread::sleep(Duration::from_secs(1));
                        }
                        Err(_) => return,
                    }
                }
            })
            .map(drop)
    }
}

impl Listener {
    /// Listen for hand-offs, or stand by to take them over from the window that does.
    /// `keep` writes a text to the store before the sender is answered (returning what it
    /// kept, None when it could not); `wake` is called when a text arrives or this window
    /// took the hand-off over; `left` reads what an earlier window left in the store,
    /// each time this one takes the hand-off.
    #[cfg(any(unix, windows))]
    pub(crate) fn bind(
        keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
        left: impl Fn() -> Left + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        let endpoint = platform::endpoint().ok_or(HandoffError::Unsupported)?;
        Self::bind_at(endpoint, keep, wake, left, LIMITS)
    }

    #[cfg(not(any(unix, windows)))]
    pub(crate) fn bind(
        _keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        _wake: impl Fn() + Send + Sync + 'static,
        _left: impl Fn() -> Left + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        Err(HandoffError::Unsupported)
    }

    #[cfg(any(unix, windows))]
    fn bind_at(
        endpoint: platform::Endpoint,
        keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
        left: impl Fn() -> Left + Send + Sync + 'static,
        limits: Limits,
    ) -> Result<Self, HandoffError> {
        let presence = platform::present(&endpoint)?;
        let (tx, received) = channel();
        let (left_tx, left_rx) = channel();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let woken = Arc::clone(&wake);
        let delivery = Delivery {
            tx,
            keep,
            wake: move || woken(),
        };
        let peers = Arc::new(Peers {
            hand: Box::new(move |text| delivery.hand(text)),
            active: AtomicUsize::new(0),
            limits,
        });
        let taker = Taker {
            endpoint,
            peers,
            left: Box::new(left),
            left_tx,
            wake,
        };
        let hold = Arc::new(Mutex::new(Hold::default()));
        let taken = match platform::try_claim(&taker.endpoint)? {
            Some(claim) => match hold.lock() {
                Ok(mut held) => taker.take(claim, &mut held),
                Err(_) => Err(HandoffError::AlreadyRunning),
            },
            None => Err(HandoffError::AlreadyRunning),
        };
        match taken {
            Ok(()) => {}
            Err(HandoffError::AlreadyRunning) if platform::CAN_STAND_BY => {
                taker.stand_by(Arc::clone(&hold))?;
            }
            Err(e) => return Err(e),
        }
        Ok(Listener {
            received,
            left: left_rx,
            hold,
            _presence: presence,
        })
    }

    /// The next text handed over, if any.
    pub(crate) fn poll(&self) -> Option<Handed> {
        self.received.try_recv().ok()
    }

    /// What the store held when this window took the hand-off, once per taking.
    pub(crate) fn poll_left(&self) -> Option<Left> {
        self.left.try_recv().ok()
    }

    /// Whether this window listens now (else it stands by, or closed).
    #[cfg(all(test, any(unix, windows)))]
    fn listening(&self) -> bool {
        self.hold.lock().is_ok_and(|held| held.bound.is_some())
    }

    /// Stop taking hand-offs (the window closes): a `send` from now on finds no window
    /// listening, and what arrived before is still polled. The hand-off passes to another
    /// window only when this one is dropped, once it recorded what it had.
    pub(crate) fn close(&mut self) {
        #[cfg(any(unix, windows))]
        if let Ok(mut held) = self.hold.lock() {
            held.closed = true;
            held.bound = None;
        }
    }
}

#[cfg(any(unix, windows))]
impl Drop for Listener {
    /// The socket goes first, then the claim: a window standing by takes over.
    fn drop(&mut self) {
        if let Ok(mut held) = self.hold.lock() {
            held.closed = true;
            held.bound = None;
            held.claim = None;
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
pub(crate) fn test_endpoint(name: &str) -> platform::TestEndpoint {
    platform::test_endpoint(name)
}

#[cfg(all(test, unix))]
impl Listener {
    /// Listen at `endpoint` (tests).
    pub(crate) fn bind_for_test(
        endpoint: platform::Endpoint,
        keep: impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
        wake: impl Fn() + Send + Sync + 'static,
        left: impl Fn() -> Left + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        Self::bind_at(endpoint, keep, wake, left, LIMITS)
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
