//! Background work with an owner: every thread the window starts for a piece of work (a
//! paste's analysis, a catalog load, the cache write, a clipboard read, recording
//! hand-offs) is a [`Task`] of one [`Tasks`] set. A task has a name (the thread's), a
//! [`Priority`], a [`Cancel`] token its work polls, and a result the front end takes
//! with [`Task::try_take`] between frames. Dropping a task cancels it (a replaced paste,
//! a replaced list of catalog files); the set joins its threads when the window closes
//! ([`Tasks::close`]), so no work is cut off half done without being asked to stop.
//! No UI types: the owner passes a `wake` callback that wakes its event loop.
//!
//! Not tasks, because they live as long as the window rather than for one piece of work:
//! the hand-off listener and its peer readers, the hand-off standby (blocked in the kernel
//! on a lock, left detached at close with its `closed` flag set), and the store's file
//! watcher; ARCHITECTURE.md says how each stops.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Asks work to stop. The work polls it between its steps (an analysis between lines
/// and errors, a load between files) and returns early; a token nobody cancels (the
/// default) costs one atomic read a poll.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Ask the work to stop.
    pub(crate) fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the work was asked to stop.
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// How much of the CPU a task may take from the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Priority {
    /// Work the engineer waits for (a paste's analysis, a clipboard read).
    Normal,
    /// Work that must not slow the window's frames (a catalog load, the cache write):
    /// a lower CPU priority ([`crate::priority`]).
    Low,
}

/// The work of a task ended by panicking (a bug); its result is lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lost;

enum State<T> {
    Running,
    Finished(Result<T, Lost>),
    Taken,
}

/// Where a task's thread leaves its result.
struct Slot<T> {
    state: Mutex<State<T>>,
    finished: Condvar,
}

impl<T> Slot<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A panic is caught before the lock is taken, so the lock is never poisoned; if
        // it were, the state inside is still whole (one assignment).
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn put(&self, result: Result<T, Lost>) {
        *self.lock() = State::Finished(result);
        self.finished.notify_all();
    }
}

/// A piece of background work and its result, once. Dropping it cancels the work.
pub(crate) struct Task<T> {
    cancel: Cancel,
    slot: Arc<Slot<T>>,
}

impl<T> Task<T> {
    /// The finished result, once (None while it runs, and after it was taken).
    pub(crate) fn try_take(&mut self) -> Option<Result<T, Lost>> {
        take(&mut self.slot.lock())
    }

    /// Block until the result is there, for at most `within` (tests, the window
    /// closing). None when the time ran out or it was taken already.
    pub(crate) fn wait(&mut self, within: Duration) -> Option<Result<T, Lost>> {
        // No deadline that far ahead (`Duration::MAX`): wait as long as it takes.
        let deadline = Instant::now().checked_add(within);
        let mut state = self.slot.lock();
        while matches!(*state, State::Running) {
            state = match deadline {
                Some(deadline) => {
                    let left = deadline.checked_duration_since(Instant::now())?;
                    match self.slot.finished.wait_timeout(state, left) {
                        Ok((state, _)) => state,
                        Err(p) => p.into_inner().0,
                    }
                }
                None => self
                    .slot
                    .finished
                    .wait(state)
                    .unwrap_or_else(|p| p.into_inner()),
            };
        }
        take(&mut state)
    }
}

/// A look at a task's result without taking it (tests of what replacing a task does).
#[cfg(test)]
pub(crate) struct Peek<T>(Arc<Slot<T>>);

#[cfg(test)]
impl<T> Peek<T> {
    /// What `look` says of the result, once finished and not taken.
    pub(crate) fn finished<R>(&self, look: impl FnOnce(&Result<T, Lost>) -> R) -> Option<R> {
        match &*self.0.lock() {
            State::Finished(result) => Some(look(result)),
            State::Running | State::Taken => None,
        }
    }
}

#[cfg(test)]
impl<T> Task<T> {
    pub(crate) fn peek(&self) -> Peek<T> {
        Peek(Arc::clone(&self.slot))
    }
}

fn take<T>(state: &mut State<T>) -> Option<Result<T, Lost>> {
    match std::mem::replace(state, State::Taken) {
        State::Finished(result) => Some(result),
        State::Running => {
            *state = State::Running;
            None
        }
        State::Taken => None,
    }
}

impl<T> Drop for Task<T> {
    /// Nobody will take the result: the work may stop. Its thread stays in its
    /// [`Tasks`] set until it ends.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// A thread of the set, until it is joined.
struct Running {
    name: &'static str,
    cancel: Cancel,
    thread: JoinHandle<()>,
}

#[derive(Default)]
struct Threads {
    running: Mutex<Vec<Running>>,
    /// Signalled whenever a task's work ends.
    ended: Condvar,
    /// Wakes the owner when a task's result is there.
    wake: Option<Box<dyn Fn() + Send + Sync>>,
}

impl Threads {
    fn lock(&self) -> MutexGuard<'_, Vec<Running>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The owner of a window's background threads. Cloning it shares the set.
#[derive(Clone, Default)]
pub(crate) struct Tasks(Arc<Threads>);

impl Tasks {
    /// A set whose tasks call `wake` when their result is there (the front end's
    /// wake-up). The default set wakes nobody (tests poll).
    pub(crate) fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        Tasks(Arc::new(Threads {
            wake: Some(Box::new(wake)),
            ..Threads::default()
        }))
    }

    /// Start `work` on a thread named `name`; the set's wake-up is called once its
    /// result is there. If no thread can be started, the work runs here, at once.
    pub(crate) fn spawn<T: Send + 'static>(
        &self,
        name: &'static str,
        priority: Priority,
        work: impl FnOnce(&Cancel) -> T + Send + 'static,
    ) -> Task<T> {
        let slot = Arc::new(Slot {
            state: Mutex::new(State::Running),
            finished: Condvar::new(),
        });
        let task = Task {
            cancel: Cancel::default(),
            slot: Arc::clone(&slot),
        };
        let threads = Arc::clone(&self.0);
        self.start(name, priority, &task.cancel, move |cancel| {
            slot.put(catch_unwind(AssertUnwindSafe(|| work(cancel))).map_err(|_| Lost));
            if let Some(wake) = &threads.wake {
                wake();
            }
        });
        task
    }

    /// Start `work` whose result nobody takes (recording hand-offs, freeing a replaced
    /// paste); it is joined with the rest when the window closes.
    pub(crate) fn run(
        &self,
        name: &'static str,
        priority: Priority,
        work: impl FnOnce(&Cancel) + Send + 'static,
    ) {
        self.start(name, priority, &Cancel::default(), move |cancel| {
            let _ = catch_unwind(AssertUnwindSafe(|| work(cancel)));
        });
    }

    fn start(
        &self,
        name: &'static str,
        priority: Priority,
        cancel: &Cancel,
        work: impl FnOnce(&Cancel) + Send + 'static,
    ) {
        self.reap();
        let threads = Arc::clone(&self.0);
        let token = cancel.clone();
        let work = Arc::new(Mutex::new(Some(work)));
        let on_thread = Arc::clone(&work);
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                if priority == Priority::Low {
                    crate::priority::run_in_background();
                }
                let work = on_thread.lock().ok().and_then(|mut w| w.take());
                if let Some(work) = work {
                    work(&token);
                }
                // Taken under the lock, so `close` cannot miss it between its look and its wait.
                let _running = threads.lock();
                threads.ended.notify_all();
            });
        match spawned {
            Ok(thread) => self.0.lock().push(Running {
                name,
                cancel: cancel.clone(),
                thread,
            }),
            Err(_) => {
                let work = work.lock().ok().and_then(|mut w| w.take());
                if let Some(work) = work {
                    work(cancel);
                }
            }
        }
    }

    /// Join the threads whose work has ended.
    fn reap(&self) {
        let ended: Vec<Running> = {
            let mut running = self.0.lock();
            let (ended, still) = std::mem::take(&mut *running)
                .into_iter()
                .partition(|r| r.thread.is_finished());
            *running = still;
            ended
        };
        for r in ended {
            let _ = r.thread.join();
        }
    }

    /// The window closes: ask every task to stop and join each thread that ends within
    /// `within`. Returns the names of those still running then, left to end with the
    /// process (a read blocked in the system, such as a clipboard owner that never answers).
    pub(crate) fn close(&self, within: Duration) -> Vec<&'static str> {
        let deadline = Instant::now() + within;
        for r in self.0.lock().iter() {
            r.cancel.cancel();
        }
        loop {
            self.reap();
            let running = self.0.lock();
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return running.iter().map(|r| r.name).collect();
            };
            if running.is_empty() {
                return Vec::new();
            }
            // A thread signals just before it exits; the short wait covers that gap.
            let _ = self
                .0
                .ended
                .wait_timeout(running, left.min(Duration::from_millis(20)));
        }
    }

    /// How many threads of the set have not been joined yet.
    #[cfg(test)]
    pub(crate) fn threads(&self) -> usize {
        self.reap();
        self.0.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    const LONG: Duration = Duration::from_secs(30);

    #[test]
    fn a_result_is_taken_once_and_the_owner_is_woken() {
        let (woke, woken) = channel();
        let woke = Mutex::new(woke);
        let tasks = Tasks::new(move || woke.lock().unwrap().send(()).unwrap());
        let mut task = tasks.spawn("answer", Priority::Normal, |_| 42);
        woken.recv_timeout(LONG).expect("woken");
        assert_eq!(task.try_take(), Some(Ok(42)));
        assert_eq!(task.try_take(), None, "once");
        assert!(tasks.close(LONG).is_empty());
        assert_eq!(tasks.threads(), 0);
    }

    #[test]
    fn a_dropped_task_is_cancelled_and_its_thread_joined_at_close() {
        let tasks = Tasks::default();
        let (started, running) = channel();
        let task = tasks.spawn("endless", Priority::Low, move |cancel| {
            started.send(()).unwrap();
            let mut rounds = 0u64;
            while !cancel.is_cancelled() {
                rounds += 1;
                std::thread::yield_now();
            }
            rounds
        });
        running.recv_timeout(LONG).unwrap();
        assert_eq!(tasks.threads(), 1);
        drop(task);
        assert!(tasks.close(LONG).is_empty(), "it stopped when asked");
        assert_eq!(tasks.threads(), 0);
    }

    #[test]
    fn close_asks_running_work_to_stop_and_names_what_did_not() {
        let tasks = Tasks::default();
        let (release, blocked) = channel::<()>();
        let mut task = tasks.spawn("deaf", Priority::Normal, move |_| blocked.recv().is_ok());
        assert_eq!(tasks.close(Duration::from_millis(50)), vec!["deaf"]);
        assert_eq!(task.try_take(), None, "still running");
        drop(release);
        assert_eq!(task.wait(LONG), Some(Ok(false)));
        assert!(tasks.close(LONG).is_empty());
    }

    #[test]
    fn a_panicking_task_is_lost_not_fatal() {
        let tasks = Tasks::default();
        let mut task = tasks.spawn("bug", Priority::Normal, |_| -> u8 { panic!("a bug") });
        assert_eq!(task.wait(LONG), Some(Err(Lost)));
    }

    #[test]
    fn work_without_a_result_is_joined_at_close() {
        let tasks = Tasks::default();
        let (done, ran) = channel();
        tasks.run("record", Priority::Normal, move |_| done.send(()).unwrap());
        assert!(tasks.close(LONG).is_empty());
        assert!(
            ran.try_recv().is_ok(),
            "it ran to its end before close returned"
        );
    }
}
