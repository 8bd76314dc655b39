use super::*;
use std::sync::Mutex;

fn wait_for(listener: &Listener) -> Option<Handed> {
    (0..300).find_map(|_| {
        std::thread::sleep(Duration::from_millis(10));
        listener.poll()
    })
}

/// Whether `listener` holds the hand-off within a second.
fn listening_soon(listener: &Listener) -> bool {
    (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(10));
        listener.listening()
    })
}

fn text_of(handed: Option<Handed>) -> Option<String> {
    handed.map(|h| h.text)
}

/// What a test's `keep` stored.
type Kept = Arc<Mutex<Vec<String>>>;

/// A `keep` that stores in memory, and what it stored.
fn memory_keep() -> (
    impl Fn(&str) -> Option<Pending> + Send + Sync + 'static,
    Kept,
) {
    let kept = Arc::new(Mutex::new(Vec::new()));
    let into = Arc::clone(&kept);
    let keep = move |text: &str| {
        let mut kept = into.lock().unwrap();
        kept.push(text.to_string());
        Some(Pending {
            key: format!("key{}", kept.len()),
            time: String::new(),
            text: text.to_string(),
            total_bytes: text.len(),
        })
    };
    (keep, kept)
}

fn bind(endpoint: &platform::Endpoint, limits: Limits) -> (Listener, Kept) {
    let (keep, kept) = memory_keep();
    let listener = Listener::bind_at(endpoint.clone(), keep, || {}, || Ok(Vec::new()), limits)
        .expect("listens");
    (listener, kept)
}

#[test]
fn a_text_sent_arrives_and_wakes_the_window() {
    let endpoint = platform::test_endpoint("send");
    let woken = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&woken);
    let (keep, kept) = memory_keep();
    let listener = Listener::bind_at(
        endpoint.clone(),
        keep,
        move || {
            counter.fetch_add(1, Ordering::SeqCst);
        },
        || Ok(Vec::new()),
        LIMITS,
    )
    .expect("listens");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&endpoint).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    let sent = send_to(&endpoint, "{\"error_code\":\"APIG.0308\"}").expect("sent");
    assert_eq!(sent, Delivered::Saved);
    assert_eq!(
        kept.lock().unwrap().as_slice(),
        ["{\"error_code\":\"APIG.0308\"}"],
        "kept before the sender was told"
    );
    let handed = wait_for(&listener).expect("arrives");
    assert_eq!(handed.text, "{\"error_code\":\"APIG.0308\"}");
    assert_eq!(handed.kept.map(|p| p.key).as_deref(), Some("key1"));
    assert_eq!(woken.load(Ordering::SeqCst), 1);
    // A second window stands by (where it can), or is told another one listens.
    let second = Listener::bind_at(
        endpoint.clone(),
        |_: &str| None,
        || {},
        || Ok(Vec::new()),
        LIMITS,
    );
    let second = if platform::CAN_STAND_BY {
        let second = second.expect("stands by");
        assert!(!second.listening(), "the first window keeps the hand-off");
        Some(second)
    } else {
        assert!(matches!(second, Err(HandoffError::AlreadyRunning)));
        None
    };
    send_to(&endpoint, "after the probe").expect("sent");
    assert_eq!(
        text_of(wait_for(&listener)).as_deref(),
        Some("after the probe"),
        "the second window's check delivered no empty paste before it"
    );
    assert_eq!(woken.load(Ordering::SeqCst), 2);
    drop(listener);
    let again = match second {
        // The window standing by takes the hand-off over.
        Some(second) => second,
        None => {
            assert!(matches!(
                send_to(&endpoint, "x"),
                Err(HandoffError::NoWindow)
            ));
            Listener::bind_at(
                endpoint.clone(),
                |_: &str| None,
                || {},
                || Ok(Vec::new()),
                LIMITS,
            )
            .expect("free again")
        }
    };
    assert!(listening_soon(&again), "the next window listens");
    assert_eq!(
        send_to(&endpoint, "to the next window").expect("sent"),
        Delivered::InMemory,
        "a window that could not store it says so"
    );
    assert_eq!(
        text_of(wait_for(&again)).as_deref(),
        Some("to the next window")
    );
}

#[test]
fn a_closed_window_takes_no_more_and_keeps_what_it_had() {
    let endpoint = platform::test_endpoint("close");
    let (mut listener, _) = bind(&endpoint, LIMITS);
    send_to(&endpoint, "before closing").expect("sent");
    std::thread::sleep(Duration::from_millis(50));
    listener.close();
    assert!(matches!(
        send_to(&endpoint, "after closing"),
        Err(HandoffError::NoWindow)
    ));
    assert_eq!(
        text_of(wait_for(&listener)).as_deref(),
        Some("before closing")
    );
    assert!(listener.poll().is_none());
}

#[test]
fn a_peer_that_sends_nothing_does_not_hold_up_the_next_hand_off() {
    let endpoint = platform::test_endpoint("silent");
    let (listener, _) = bind(&endpoint, LIMITS);
    let _silent = platform::connect(&endpoint).expect("connects");
    send_to(&endpoint, "while another peer waits").expect("sent");
    assert_eq!(
        text_of(wait_for(&listener)).as_deref(),
        Some("while another peer waits")
    );
}

#[test]
fn stalled_peers_are_capped_and_let_go_after_their_time() {
    let endpoint = platform::test_endpoint("stalled");
    let limits = Limits {
        peers: 2,
        deadline: Duration::from_secs(3),
    };
    let (listener, kept) = bind(&endpoint, limits);
    let mut stalled: Vec<_> = (0..2)
        .map(|_| {
            let mut peer = platform::connect(&endpoint).expect("connects");
            // Declares 100 bytes, sends 5, then waits.
            peer.write_all(&100u64.to_le_bytes()).unwrap();
            peer.write_all(b"hello").unwrap();
            peer
        })
        .collect();
    std::thread::sleep(Duration::from_millis(50));
    // Both places are taken: a third peer is closed at once instead of waiting.
    let refused = send_to(&endpoint, "{\"error_code\":\"APIG.0308\"}");
    let delivered = match refused {
        Err(HandoffError::NotConfirmed) => {
            // Once the stalled peers' time is up, their places are free again.
            (0..50).find_map(|_| {
                std::thread::sleep(Duration::from_millis(100));
                send_to(&endpoint, "{\"error_code\":\"APIG.0308\"}").ok()
            })
        }
        other => panic!("a third peer was served beside two stalled ones: {other:?}"),
    };
    assert_eq!(delivered, Some(Delivered::Saved));
    assert_eq!(
        text_of(wait_for(&listener)).as_deref(),
        Some("{\"error_code\":\"APIG.0308\"}")
    );
    assert_eq!(kept.lock().unwrap().len(), 1, "no stalled text was kept");
    for peer in &mut stalled {
        let mut answer = Vec::new();
        let _ = peer.read_to_end(&mut answer);
        assert!(answer.is_empty(), "a stalled peer was told it arrived");
    }
}

#[test]
fn a_peer_sending_less_than_it_declared_is_not_pasted() {
    let endpoint = platform::test_endpoint("short");
    // A pipe cannot be half closed: there the window waits for the rest until its time is
    // up, and lets the peer go.
    let limits = Limits {
        peers: 8,
        deadline: Duration::from_secs(2),
    };
    let (listener, kept) = bind(&endpoint, limits);
    for declared in [u64::MAX, 100, (MAX_WIRE_BYTES + 1) as u64] {
        let mut peer = platform::connect(&endpoint).expect("connects");
        peer.write_all(&declared.to_le_bytes()).unwrap();
        let _ = peer.write_all(&[b'x'; 50]);
        #[cfg(unix)]
        peer.shutdown(std::net::Shutdown::Write).unwrap();
        let mut answer = Vec::new();
        let _ = peer.read_to_end(&mut answer);
        assert!(
            answer.is_empty(),
            "declared {declared}: answered {answer:?}"
        );
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(listener.poll().is_none(), "nothing was pasted");
    assert!(kept.lock().unwrap().is_empty(), "nothing was kept");
}

fn no_timeout(_: &mut std::io::Cursor<Vec<u8>>, _: Duration) -> std::io::Result<()> {
    Ok(())
}

fn wire(declared: u64, body: &[u8]) -> std::io::Cursor<Vec<u8>> {
    let mut bytes = declared.to_le_bytes().to_vec();
    bytes.extend_from_slice(body);
    std::io::Cursor::new(bytes)
}

fn read(mut wire: std::io::Cursor<Vec<u8>>) -> Option<String> {
    read_text(&mut wire, Instant::now() + LIMITS.deadline, no_timeout)
}

#[test]
fn only_exactly_the_declared_length_is_read() {
    assert_eq!(read(wire(5, b"hello")).as_deref(), Some("hello"));
    assert_eq!(
        read(wire(5, b"hello world")).as_deref(),
        Some("hello"),
        "what follows the declared length is not part of it"
    );
    assert_eq!(read(wire(u64::MAX, &[b'x'; 50])), None);
    assert_eq!(read(wire(51, &[b'x'; 50])), None);
    assert_eq!(read(wire(3, b"   ")), None, "blanks are no paste");
    assert_eq!(
        read(std::io::Cursor::new(vec![1, 0])),
        None,
        "half a length"
    );
}

#[test]
fn a_hand_off_is_cut_to_what_a_paste_may_hold() {
    let big = "x".repeat(MAX_INPUT_BYTES + 10);
    let sent = wire_text(&big);
    assert_eq!(
        sent.len(),
        MAX_INPUT_BYTES + 1,
        "one byte over: the panel says it was cut"
    );
    let text = read(wire(sent.len() as u64, sent.as_bytes())).expect("read");
    assert_eq!(text.len(), MAX_INPUT_BYTES + 1);
    let wide = "é".repeat(MAX_INPUT_BYTES);
    let sent = wire_text(&wide);
    assert!(sent.len() > MAX_INPUT_BYTES && sent.len() <= MAX_WIRE_BYTES);
    assert!(read(wire(sent.len() as u64, sent.as_bytes())).is_some());
}

/// The second window takes the hand-off over when the first has recorded what it had
/// and lets go (not when it merely stopped listening), reads then what the store holds,
/// and receives from then on; a `send` meanwhile waits for it instead of finding no window.
#[test]
#[cfg(unix)]
fn a_window_standing_by_takes_the_hand_off_over_when_the_first_lets_go() {
    let endpoint = platform::test_endpoint("takeover");
    let (mut first, _) = bind(&endpoint, LIMITS);
    let woken = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&woken);
    let reads = Arc::new(AtomicUsize::new(0));
    let read = Arc::clone(&reads);
    let left = move || {
        read.fetch_add(1, Ordering::SeqCst);
        Ok(vec![Pending {
            key: "left".into(),
            time: String::new(),
            text: "left by the first".into(),
            total_bytes: 17,
        }])
    };
    let (keep, kept) = memory_keep();
    let second = Listener::bind_at(
        endpoint.clone(),
        keep,
        move || {
            counter.fetch_add(1, Ordering::SeqCst);
        },
        left,
        LIMITS,
    )
    .expect("stands by");
    assert!(!second.listening());
    first.close();
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        !second.listening(),
        "not while the first still records what it had"
    );
    assert_eq!(reads.load(Ordering::SeqCst), 0);
    assert!(second.poll_left().is_none());
    let letting_go = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        drop(first);
    });
    // Sent while no window listens: it waits for the one taking over.
    assert_eq!(
        send_after_takeover(&endpoint, "during the takeover").expect("sent"),
        Delivered::Saved
    );
    letting_go.join().unwrap();
    assert!(second.listening());
    assert_eq!(
        reads.load(Ordering::SeqCst),
        1,
        "read once, when it took over"
    );
    let left = second.poll_left().expect("what was left").expect("read");
    assert_eq!(left[0].text, "left by the first");
    assert!(second.poll_left().is_none());
    assert!(woken.load(Ordering::SeqCst) >= 1, "the window was woken");
    assert_eq!(
        text_of(wait_for(&second)).as_deref(),
        Some("during the takeover")
    );
    assert_eq!(kept.lock().unwrap().as_slice(), ["during the takeover"]);
    drop(second);
    assert!(
        matches!(
            send_after_takeover(&endpoint, "x"),
            Err(HandoffError::NoWindow)
        ),
        "no window open: no wait"
    );
}
