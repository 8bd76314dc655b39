//! Background work at a lower CPU priority, so a catalog load on a machine with few
//! cores does not slow the window's frames: the window draws first, the loader takes what
//! is left (which, once the window is idle, is nearly everything).

/// How nice background work is; a thread already nicer stays as it is. The lowest: the
/// catalog cache is read while the window opens and should take only what the window's
/// threads leave (on a busy two-core machine, nice 10 made that first frame 20 % slower;
/// nice 19, 5 % and 24 % in two noisy runs). Such a thread gets little CPU while any other
/// program wants it, and cannot be given a higher priority again (not without
/// privileges): work the engineer waits for after the first frame (parsing catalog files)
/// runs at normal priority on a thread of its own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const NICE: i32 = 19;

/// Lower the calling thread's priority (Linux: its nice value, to at least 19; the
/// threads it starts inherit it). Elsewhere a no-op.
pub(crate) fn run_in_background() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: with `who` 0, getpriority and setpriority read and change only the calling
    // thread's nice value on Linux; they touch no memory.
    unsafe {
        let now = libc::getpriority(libc::PRIO_PROCESS, 0);
        libc::setpriority(libc::PRIO_PROCESS, 0, now.max(NICE));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn the_calling_thread_alone_runs_at_a_lower_priority() {
        // SAFETY: getpriority only reads the calling thread's nice value.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let before = nice();
        let in_background = std::thread::spawn(move || {
            super::run_in_background();
            let inherited = std::thread::spawn(nice).join().expect("a thread");
            (nice(), inherited)
        })
        .join()
        .expect("a thread");
        assert_eq!(
            in_background,
            (before.max(super::NICE), before.max(super::NICE))
        );
        assert_eq!(nice(), before, "the window's thread keeps its priority");
    }
}
