//! Who serves a named pipe: the user of the process at the server's end, compared with
//! this process's user before a paste is written to it. A pipe's name is anyone's to
//! create first, and its access list is whatever its creator chose, so the name alone
//! does not say the window at the other end is this user's.

use std::io;

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::Security::{
    EqualSid, GetTokenInformation, PSID, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::System::Pipes::GetNamedPipeServerProcessId;
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, OpenProcess, OpenProcessToken, PROCESS_QUERY_LIMITED_INFORMATION,
};

use super::HandoffError;

/// A handle this module opened, closed when dropped.
struct Owned(HANDLE);

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: `self.0` is a valid handle this module opened (never a pseudo-handle,
        // never null) and owns alone; it is closed exactly once, here.
        unsafe { CloseHandle(self.0) };
    }
}

/// A process's user: its token's `TOKEN_USER`, whose SID points into the same buffer.
pub(super) struct User {
    /// `u64`s so that the `TOKEN_USER` at its start is aligned.
    buf: Vec<u64>,
}

impl User {
    fn sid(&self) -> PSID {
        let user = self.buf.as_ptr().cast::<TOKEN_USER>();
        // SAFETY: `buf` was filled by `GetTokenInformation(TokenUser)` (see `user_of`),
        // which writes a `TOKEN_USER` at its start; the buffer is 8-byte aligned, at least
        // as large as the length that call asked for, and alive as long as `self`.
        unsafe { (*user).User.Sid }
    }

    /// Whether both are the same user (the same SID).
    pub(super) fn same_as(&self, other: &User) -> bool {
        // SAFETY: both SIDs are valid SIDs written by the system into buffers that live
        // as long as `self` and `other`, which outlive this call.
        unsafe { EqualSid(self.sid(), other.sid()) != 0 }
    }
}

/// The user `process` (opened with at least query-limited access) runs as.
fn user_of(process: HANDLE) -> io::Result<User> {
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: `process` is a process handle valid for this call (the caller's, or the
    // current process's pseudo-handle); `token` is a valid place for the handle.
    if unsafe { OpenProcessToken(process, TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let token = Owned(token);
    let mut len = 0u32;
    // SAFETY: a null buffer of length 0 only asks for the length needed, written to
    // `len`; the call fails (insufficient buffer), as expected.
    unsafe { GetTokenInformation(token.0, TokenUser, std::ptr::null_mut(), 0, &mut len) };
    if len == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut buf = vec![0u64; (len as usize).div_ceil(8)];
    // SAFETY: `buf` is writable, 8-byte aligned and at least `len` bytes long; `token` is
    // open with TOKEN_QUERY access.
    let filled =
        unsafe { GetTokenInformation(token.0, TokenUser, buf.as_mut_ptr().cast(), len, &mut len) };
    if filled == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(User { buf })
}

/// The user this process runs as.
pub(super) fn current_user() -> io::Result<User> {
    // SAFETY: `GetCurrentProcess` has no preconditions; it returns a pseudo-handle that is
    // always valid in this process and is not closed.
    let me = unsafe { GetCurrentProcess() };
    user_of(me)
}

/// The user of the process serving the pipe whose client end is `pipe`.
pub(super) fn server_user(pipe: HANDLE) -> io::Result<User> {
    let mut pid = 0u32;
    // SAFETY: `pipe` is the client end of a connected named pipe, open for this call;
    // `pid` is a valid place for the id.
    if unsafe { GetNamedPipeServerProcessId(pipe, &mut pid) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `OpenProcess` accepts any id and access mask; it returns null on failure,
    // checked below.
    let process = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
    if process.is_null() {
        return Err(io::Error::last_os_error());
    }
    let process = Owned(process);
    user_of(process.0)
}

/// What `send` does with the answer to "is the pipe's server this user?": goes on only
/// on a yes; another user, or an answer that could not be had, sends nothing.
pub(super) fn judge(same: io::Result<bool>, name: &str) -> Result<(), HandoffError> {
    match same {
        Ok(true) => Ok(()),
        Ok(false) => Err(HandoffError::NotOurs(format!(
            "the window serving the pipe {name} runs as another user"
        ))),
        Err(e) => Err(HandoffError::NotOurs(format!(
            "the user serving the pipe {name} could not be checked ({e})"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_user_s_pipe_is_written_to() {
        let name = r"\\.\pipe\apig-explorer-someone";
        assert!(judge(Ok(true), name).is_ok());
        let other = judge(Ok(false), name).unwrap_err().to_string();
        assert!(
            other.contains("another user") && other.contains("nothing was sent"),
            "{other}"
        );
        let unknown = judge(Err(io::Error::from_raw_os_error(5)), name)
            .unwrap_err()
            .to_string();
        assert!(
            unknown.contains("could not be checked") && unknown.contains("nothing was sent"),
            "{unknown}"
        );
    }

    #[test]
    fn this_process_is_its_own_user() {
        let me = current_user().unwrap();
        assert!(me.same_as(&current_user().unwrap()));
    }
}
