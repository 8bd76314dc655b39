use super::*;
use crate::session::handoff::{Delivered, Listener, send_for_test};

fn receive(listener: &Listener) -> Option<String> {
    (0..300).find_map(|_| {
        std::thread::sleep(Duration::from_millis(10));
        listener.poll().map(|h| h.text)
    })
}

fn dir_with_mode(name: &str, mode: u32) -> crate::session::test_dir::TestDir {
    let dir = test_dir(name);
    std::fs::set_permissions(&*dir, std::fs::Permissions::from_mode(mode)).unwrap();
    dir
}

#[test]
fn a_stale_socket_from_a_crashed_window_is_replaced() {
    let path = test_endpoint("stale");
    drop(UnixListener::bind(&path).expect("binds"));
    assert!(path.exists(), "left behind, as after a crash");
    let listener = Listener::bind_for_test(path.clone(), |_: &str| None, || {}, || Ok(Vec::new()))
        .expect("replaces it");
    send_for_test(&path, "after the crash").expect("sent");
    assert_eq!(receive(&listener).as_deref(), Some("after the crash"));
    drop(listener);
    assert!(!path.exists(), "the socket goes with the window");
}

#[test]
fn a_file_where_the_socket_goes_is_neither_removed_nor_written_to() {
    let path = test_endpoint("file");
    std::fs::write(&path, "notes").unwrap();
    assert!(matches!(
        Listener::bind_for_test(path.clone(), |_: &str| None, || {}, || Ok(Vec::new())),
        Err(HandoffError::NotOurs(_))
    ));
    assert!(matches!(
        send_for_test(&path, "a response"),
        Err(HandoffError::NotOurs(_))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "notes");
}

#[test]
fn the_runtime_directory_is_used_only_when_it_is_private() {
    let me = uid();
    let private = dir_with_mode("run-private", 0o700);
    let shared = dir_with_mode("run-shared", 0o1777);
    let data = test_dir("data");
    let temp = test_dir("temp");
    let temps = [temp.to_path_buf()];
    assert_eq!(
        choose(Some(private.clone()), Some(data.clone()), &temps, me),
        Some(private.join("apig-explorer.sock"))
    );
    assert_eq!(
        choose(Some(shared.to_path_buf()), Some(data.clone()), &temps, me),
        Some(data.join("send.sock")),
        "a shared runtime directory (mode 1777) is not used"
    );
    assert!(private_dir(&private, me));
    assert!(
        !private_dir(&private, me.wrapping_add(1)),
        "another user's directory is not used"
    );
    let link_dir = test_dir("run-link");
    let link = link_dir.join("run");
    std::os::unix::fs::symlink(&private, &link).unwrap();
    assert!(!private_dir(&link, me), "a link to a directory is not used");
}

#[test]
fn a_data_directory_others_may_write_is_not_used() {
    let me = uid();
    let open = dir_with_mode("data-open", 0o777);
    let temp = test_dir("temp-open");
    let chosen = choose(
        None,
        Some(open.to_path_buf()),
        std::slice::from_ref(&*temp),
        me,
    );
    assert_eq!(
        chosen,
        Some(temp.join(format!("apig-explorer-{me}")).join("send.sock"))
    );
}

#[test]
fn a_socket_path_too_long_for_the_system_falls_back_to_a_short_private_one() {
    let me = uid();
    let root = test_dir("long");
    let mut long = root.to_path_buf();
    while long.as_os_str().len() <= MAX_PATH {
        long.push("a-rather-long-directory-name");
    }
    let temp = test_dir("temp-short");
    let path = choose(
        Some(long.clone()),
        Some(long),
        std::slice::from_ref(&*temp),
        me,
    )
    .expect("a shorter path");
    assert!(path.as_os_str().len() <= MAX_PATH);
    assert!(private_dir(path.parent().unwrap(), me));
    let listener = Listener::bind_for_test(path.clone(), |_: &str| None, || {}, || Ok(Vec::new()))
        .expect("binds");
    assert_eq!(
        send_for_test(&path, "over the short path").expect("sent"),
        Delivered::InMemory
    );
    assert_eq!(receive(&listener).as_deref(), Some("over the short path"));
}

#[test]
fn send_talks_only_to_a_socket_and_a_listener_of_its_own_user() {
    let path = test_endpoint("owner");
    let _listener = Listener::bind_for_test(path.clone(), |_: &str| None, || {}, || Ok(Vec::new()))
        .expect("binds");
    let meta = std::fs::symlink_metadata(&path).unwrap();
    let me = uid();
    assert!(socket_of(&path, &meta, me).is_ok());
    assert!(matches!(
        socket_of(&path, &meta, me.wrapping_add(1)),
        Err(HandoffError::NotOurs(_))
    ));
    let stream = UnixStream::connect(&path).unwrap();
    assert!(listener_of(&path, &stream, me).is_ok());
    #[cfg(target_os = "linux")]
    {
        assert!(matches!(
            listener_of(&path, &stream, me.wrapping_add(1)),
            Err(HandoffError::NotOurs(_))
        ));
        assert!(peer_is(&stream, me));
        assert!(
            !peer_is(&stream, me.wrapping_add(1)),
            "the window turns away another user's peer"
        );
    }
}
