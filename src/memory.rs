//! Handing freed memory back to the system after a big catalog load or a big paste.
//!
//! Parsing a large catalog file leaves its scratch allocations (the parsed document,
//! the file text) freed but scattered between the rows that stay. glibc keeps such
//! pages until asked; asking once after a load keeps the resident size close to what
//! the rows actually use.

/// Return wholly free heap pages to the system (a no-op where glibc is not the allocator).
pub(crate) fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory the allocator holds as free.
    unsafe {
        libc::malloc_trim(0);
    }
}
