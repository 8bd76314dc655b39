//! Marks of where a start's time goes, for measuring it on a busy machine: with the
//! environment variable `APIG_EXPLORER_TRACE` set, each [`mark`] prints one line to
//! stderr with the wall-clock time, the thread, the CPU time that thread has used so far
//! and the time it has waited for a CPU while runnable (Linux's
//! `/proc/thread-self/schedstat`), and the CPU time of the whole process so far. The
//! CPU and waiting times say what a phase costs and
//! whether it was held back, figures that hold under another program's load where
//! wall-clock A/B runs do not. Unset, a mark costs one atomic read.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// The variable that turns the marks on.
const VARIABLE: &str = "APIG_EXPLORER_TRACE";

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(VARIABLE).is_some())
}

/// Say that this thread has reached `what` (see the module's note; nothing when off).
pub(crate) fn mark(what: &str) {
    if enabled() {
        eprintln!("{}", line(what));
    }
}

/// `trace <wall ns since the epoch> <thread> cpu <ms> wait <ms> process <ms> <what>`.
fn line(what: &str) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("unnamed");
    let (cpu, wait) = schedstat().unwrap_or_default();
    let ms = |ns: u64| ns as f64 / 1e6;
    format!(
        "trace {now} {name} cpu {:.1} wait {:.1} process {:.1} {what}",
        ms(cpu),
        ms(wait),
        ms(process_cpu().unwrap_or_default())
    )
}

/// This thread's time on a CPU and time runnable but waiting for one, in nanoseconds
/// (None where the kernel does not say).
fn schedstat() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().ok());
    Some((fields.next()??, fields.next()??))
}

/// The CPU time of every thread of the process, ended ones included (user and system),
/// in nanoseconds.
fn process_cpu() -> Option<u64> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
        // SAFETY: getrusage writes a whole `rusage` to the pointer it is given, which
        // points to one; it is read only when the call says it succeeded.
        let usage = unsafe {
            if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
                return None;
            }
            usage.assume_init()
        };
        let ns = |t: libc::timeval| -> Option<u64> {
            Some(
                u64::try_from(t.tv_sec).ok()? * 1_000_000_000
                    + u64::try_from(t.tv_usec).ok()? * 1_000,
            )
        };
        Some(ns(usage.ru_utime)? + ns(usage.ru_stime)?)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mark_names_the_thread_and_what_it_reached() {
        let line = std::thread::Builder::new()
            .name("marker".into())
            .spawn(|| super::line("parsed"))
            .expect("a thread")
            .join()
            .expect("no panic");
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields[0], "trace");
        assert!(fields[1].parse::<u128>().is_ok(), "{line}");
        assert_eq!(fields[2], "marker");
        assert_eq!(
            (fields[3], fields[5], fields[7]),
            ("cpu", "wait", "process")
        );
        assert_eq!(fields.last(), Some(&"parsed"));
    }
}
