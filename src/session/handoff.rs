//! Terminal hand-off: `apig-explorer send` gives a response to the running window over a
//! channel only this user can reach: a Unix domain socket in the user's runtime directory
//! (owner-only, peer checked), or on Windows a local named pipe whose access list admits
//! only its owner. A hand-off is a length and the text, so a peer that connects and sends
//! nothing (another window checking whether this one runs) delivers nothing, and the
//! length bounds what is read to what a paste may hold. No UI types: received text
//! arrives through a channel and a wake-up callback.

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, Sender, channel};

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
    #[error("the hand-off channel failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Hand `text` to the running window. [`HandoffError::NoWindow`] when none listens.
#[cfg(any(unix, windows))]
pub fn send(text: &str) -> Result<(), HandoffError> {
    send_to(&platform::endpoint().ok_or(HandoffError::NoWindow)?, text)
}

#[cfg(not(any(unix, windows)))]
pub fn send(_text: &str) -> Result<(), HandoffError> {
    Err(HandoffError::Unsupported)
}

#[cfg(any(unix, windows))]
fn send_to(endpoint: &platform::Endpoint, text: &str) -> Result<(), HandoffError> {
    let mut stream = platform::connect(endpoint).ok_or(HandoffError::NoWindow)?;
    write_text(&mut stream, text)?;
    Ok(())
}

/// The window's end: texts handed to it, as they arrive.
pub struct Listener {
    received: Receiver<String>,
    #[cfg(any(unix, windows))]
    _bound: platform::Bound,
}

impl Listener {
    /// Listen for hand-offs; `wake` is called when a text arrives.
    #[cfg(any(unix, windows))]
    pub fn bind(wake: impl Fn() + Send + Sync + 'static) -> Result<Self, HandoffError> {
        Self::bind_at(platform::endpoint().ok_or(HandoffError::Unsupported)?, wake)
    }

    #[cfg(not(any(unix, windows)))]
    pub fn bind(_wake: impl Fn() + Send + Sync + 'static) -> Result<Self, HandoffError> {
        Err(HandoffError::Unsupported)
    }

    #[cfg(any(unix, windows))]
    fn bind_at(
        endpoint: platform::Endpoint,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<Self, HandoffError> {
        let (tx, received) = channel();
        let deliver = Delivery { tx, wake };
        let bound = platform::listen(endpoint, move |text| deliver.hand(text))?;
        Ok(Listener {
            received,
            _bound: bound,
        })
    }

    /// The next text handed over, if any.
    pub fn poll(&self) -> Option<String> {
        self.received.try_recv().ok()
    }
}

/// Passes a received text to the window and wakes it.
struct Delivery<W> {
    tx: Sender<String>,
    wake: W,
}

impl<W: Fn()> Delivery<W> {
    fn hand(&self, text: String) {
        if self.tx.send(text).is_ok() {
            (self.wake)();
        }
    }
}

/// Read one peer's hand-off with `receive` on a thread of its own, so a peer that sends
/// nothing holds up no other, and give the text to `deliver`.
#[cfg(any(unix, windows))]
fn serve_peer<S: Send + 'static, D: Fn(String) + Send + Sync + 'static>(
    mut stream: S,
    receive: fn(&mut S) -> Option<String>,
    deliver: &std::sync::Arc<D>,
) {
    let deliver = std::sync::Arc::clone(deliver);
    let _ = std::thread::Builder::new()
        .name("handoff peer".into())
        .spawn(move || {
            if let Some(text) = receive(&mut stream) {
                deliver(text);
            }
        });
}

/// The sender's half: the text's length, the text, then wait for the window's "ok" so
/// `send` returns only once the window holds the text.
fn write_text(stream: &mut (impl Read + Write), text: &str) -> std::io::Result<()> {
    stream.write_all(&(text.len() as u64).to_le_bytes())?;
    stream.write_all(text.as_bytes())?;
    stream.flush()?;
    let mut ack = Vec::new();
    stream.take(3).read_to_end(&mut ack)?;
    Ok(())
}

/// The window's half: one hand-off, at most what a paste may hold. `None` for a peer
/// that sent nothing (or only blanks).
fn read_text(stream: &mut (impl Read + Write)) -> Option<String> {
    let mut len = [0; 8];
    stream.read_exact(&mut len).ok()?;
    let len = u64::from_le_bytes(len).min(MAX_INPUT_BYTES as u64 + 1);
    let mut bytes = Vec::new();
    (&mut *stream).take(len).read_to_end(&mut bytes).ok()?;
    let _ = stream.write_all(b"ok\n");
    let _ = stream.flush();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
#[cfg(any(unix, windows))]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn wait_for(listener: &Listener) -> Option<String> {
        (0..300).find_map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            listener.poll()
        })
    }

    #[test]
    fn a_text_sent_arrives_and_wakes_the_window() {
        let endpoint = platform::test_endpoint("send");
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&woken);
        let listener = Listener::bind_at(endpoint.clone(), move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .expect("listens");
        #[cfg(unix)]
        platform::assert_owner_only(&endpoint);
        send_to(&endpoint, "{\"error_code\":\"APIG.0308\"}").expect("sent");
        assert_eq!(
            wait_for(&listener).as_deref(),
            Some("{\"error_code\":\"APIG.0308\"}")
        );
        assert_eq!(woken.load(Ordering::SeqCst), 1);
        assert!(matches!(
            Listener::bind_at(endpoint.clone(), || {}),
            Err(HandoffError::AlreadyRunning)
        ));
        send_to(&endpoint, "after the probe").expect("sent");
        assert_eq!(
            wait_for(&listener).as_deref(),
            Some("after the probe"),
            "the second window's check delivered no empty paste before it"
        );
        assert_eq!(woken.load(Ordering::SeqCst), 2);
        drop(listener);
        assert!(matches!(
            send_to(&endpoint, "x"),
            Err(HandoffError::NoWindow)
        ));
        let again = Listener::bind_at(endpoint.clone(), || {}).expect("free again");
        send_to(&endpoint, "to the next window").expect("sent");
        assert_eq!(wait_for(&again).as_deref(), Some("to the next window"));
    }

    #[test]
    fn a_peer_that_sends_nothing_does_not_hold_up_the_next_hand_off() {
        let endpoint = platform::test_endpoint("silent");
        let listener = Listener::bind_at(endpoint.clone(), || {}).expect("listens");
        let _silent = platform::connect(&endpoint).expect("connects");
        send_to(&endpoint, "while another peer waits").expect("sent");
        assert_eq!(
            wait_for(&listener).as_deref(),
            Some("while another peer waits")
        );
    }

    #[test]
    fn a_hand_off_is_cut_to_what_a_paste_may_hold() {
        let mut wire = std::io::Cursor::new(Vec::new());
        let big = "x".repeat(MAX_INPUT_BYTES + 10);
        wire.write_all(&(big.len() as u64).to_le_bytes())
            .expect("in memory");
        wire.write_all(big.as_bytes()).expect("in memory");
        wire.set_position(0);
        let text = read_text(&mut wire).expect("read");
        assert_eq!(
            text.len(),
            MAX_INPUT_BYTES + 1,
            "one byte over: the panel says it was cut"
        );
    }
}
