//! Reads and writes on the pipe that end by a deadline, as a Unix socket's read and write
//! timeouts do. interprocess's own reads and writes wait for as long as the peer takes, so
//! a peer that stalls would hold a thread forever. Both ends of the pipe are opened for
//! overlapped I/O (interprocess opens every server instance and client handle so), so each
//! operation here is started overlapped, waited for until its time is up, and then
//! cancelled (`CancelIoEx`); it is always waited for to its end before the buffer and the
//! `OVERLAPPED` it uses are let go.

use std::io::{self, Read, Write};
use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
use std::time::Duration;

use interprocess::os::windows::named_pipe::{DuplexPipeStream, pipe_mode};
use windows_sys::Win32::Foundation::{
    ERROR_BROKEN_PIPE, ERROR_IO_PENDING, ERROR_NO_DATA, ERROR_OPERATION_ABORTED,
    ERROR_PIPE_NOT_CONNECTED, HANDLE, WAIT_OBJECT_0,
};
use windows_sys::Win32::Storage::FileSystem::{ReadFile, WriteFile};
use windows_sys::Win32::System::IO::{CancelIoEx, GetOverlappedResult, OVERLAPPED};
use windows_sys::Win32::System::Threading::{CreateEventW, WaitForSingleObject};
use windows_sys::core::BOOL;

type Pipe = DuplexPipeStream<pipe_mode::Bytes>;

/// One end of a connected pipe whose every read and write takes at most `timeout`.
pub(in crate::session::handoff) struct Timed {
    pipe: Pipe,
    /// Signalled when an operation ends (manual reset, as `GetOverlappedResult` wants).
    event: OwnedHandle,
    timeout: Duration,
    /// The window's end: after answering, it waits for the peer to hang up (see `flush`).
    served: bool,
    wrote: bool,
}

impl Timed {
    /// `send`'s end of the pipe.
    pub(super) fn client(pipe: Pipe, timeout: Duration) -> io::Result<Self> {
        Self::new(pipe, timeout, false)
    }

    /// The window's end of the pipe, for a peer it serves.
    pub(super) fn served(pipe: Pipe, timeout: Duration) -> io::Result<Self> {
        Self::new(pipe, timeout, true)
    }

    fn new(pipe: Pipe, timeout: Duration, served: bool) -> io::Result<Self> {
        // SAFETY: no security attributes and no name (both may be null): a new unnamed
        // manual-reset event, not signalled; the result is checked for null below.
        let event = unsafe { CreateEventW(std::ptr::null(), 1, 0, std::ptr::null()) };
        if event.is_null() {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `event` is a handle just created for this value alone, closed only by
        // the `OwnedHandle` it becomes.
        let event = unsafe { OwnedHandle::from_raw_handle(event) };
        Ok(Timed {
            pipe,
            event,
            timeout,
            served,
            wrote: false,
        })
    }

    /// How long each read and write from now on may take (the hand-off's
    /// [`SetTimeout`](super::super::SetTimeout)).
    pub(super) fn set_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.timeout = timeout;
        Ok(())
    }

    /// Run one overlapped operation, which `start` begins on the pipe's handle with the
    /// `OVERLAPPED` given, and wait for it until the timeout, then cancel it. The number
    /// of bytes it moved, or its error (`TimedOut` when it was cancelled for time).
    ///
    /// `start` must only begin an operation whose buffer lives as long as this call: this
    /// returns only once the operation ended.
    fn overlapped(
        &mut self,
        start: impl FnOnce(HANDLE, *mut OVERLAPPED) -> BOOL,
    ) -> io::Result<usize> {
        let handle = self.pipe.as_raw_handle();
        let event = self.event.as_raw_handle();
        // SAFETY: `OVERLAPPED` is plain data (integers, a union of integers and a
        // pointer, and a handle) for which all zeros is the documented initial state.
        let mut overlapped: OVERLAPPED = unsafe { std::mem::zeroed() };
        overlapped.hEvent = event;
        // From here on the system may write to it: it is reached only through `ov`.
        let ov = &raw mut overlapped;
        if start(handle, ov) == 0 {
            let error = io::Error::last_os_error();
            if error.raw_os_error() != Some(ERROR_IO_PENDING as i32) {
                // Failed to start: the system holds nothing of `overlapped`.
                return Err(error);
            }
        }
        // SAFETY: `event` is a valid handle this value owns.
        let waited = unsafe { WaitForSingleObject(event, millis(self.timeout)) };
        let late = waited != WAIT_OBJECT_0;
        if late {
            // SAFETY: `handle` is the pipe's open handle and `ov` the structure of the
            // operation started on it above; cancelling one that has just ended is a
            // harmless no-op (the call then fails with ERROR_NOT_FOUND, ignored).
            unsafe { CancelIoEx(handle, ov) };
        }
        let mut moved = 0u32;
        // SAFETY: `ov` is the structure of the operation started above, and its event
        // this value's own. With `bWait` true the call returns only once that operation
        // has ended (done, failed or cancelled), so neither `overlapped` nor the
        // operation's buffer is used by the system after this returns.
        let done = unsafe { GetOverlappedResult(handle, ov, &mut moved, 1) };
        if done != 0 {
            return Ok(moved as usize);
        }
        let error = io::Error::last_os_error();
        if late && error.raw_os_error() == Some(ERROR_OPERATION_ABORTED as i32) {
            return Err(io::ErrorKind::TimedOut.into());
        }
        Err(error)
    }
}

/// The peer has closed its end (or is closing it).
fn hung_up(error: &io::Error) -> bool {
    [ERROR_BROKEN_PIPE, ERROR_PIPE_NOT_CONNECTED, ERROR_NO_DATA]
        .iter()
        .any(|&code| error.raw_os_error() == Some(code as i32))
}

/// A wait of `timeout`, in whole milliseconds rounded up, short of `INFINITE`.
fn millis(timeout: Duration) -> u32 {
    let millis = timeout.as_nanos().div_ceil(1_000_000);
    u32::try_from(millis)
        .unwrap_or(u32::MAX - 1)
        .min(u32::MAX - 1)
}

/// The most one operation moves (a pipe's operations take a 32-bit length).
fn clamp(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Read for Timed {
    /// Some bytes, 0 once the peer hung up, or `TimedOut`.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let len = clamp(buf.len());
        let ptr = buf.as_mut_ptr();
        let read = self.overlapped(|handle, overlapped| {
            // SAFETY: `ptr` is valid for writes of `len` bytes (at most `buf`'s length)
            // and `buf` stays borrowed until `overlapped` returns, which waits for the
            // read to end; an overlapped read takes no count pointer (null).
            unsafe { ReadFile(handle, ptr, len, std::ptr::null_mut(), overlapped) }
        });
        match read {
            Err(e) if hung_up(&e) => Ok(0),
            read => read,
        }
    }
}

impl Write for Timed {
    /// Some bytes, `BrokenPipe` once the peer hung up, or `TimedOut`.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let len = clamp(buf.len());
        let ptr = buf.as_ptr();
        let written = self.overlapped(|handle, overlapped| {
            // SAFETY: `ptr` is valid for reads of `len` bytes (at most `buf`'s length)
            // and `buf` stays borrowed until `overlapped` returns, which waits for the
            // write to end; an overlapped write takes no count pointer (null).
            unsafe { WriteFile(handle, ptr, len, std::ptr::null_mut(), overlapped) }
        });
        self.wrote = true;
        match written {
            Err(e) if hung_up(&e) => Err(io::ErrorKind::BrokenPipe.into()),
            written => written,
        }
    }

    /// On the window's end, once it answered: wait (for at most the timeout) until the
    /// peer hangs up, having read the answer; what a pipe's server writes may go with its
    /// handle when it closes before the peer read it. Nothing to do on `send`'s end: the
    /// window answers only once it read every byte.
    fn flush(&mut self) -> io::Result<()> {
        if !(self.served && self.wrote) {
            return Ok(());
        }
        let mut rest = [0; 64];
        while self.read(&mut rest)? > 0 {}
        self.wrote = false;
        Ok(())
    }
}
