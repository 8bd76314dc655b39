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

/// Blocks of at least this size are mapped on their own, so freeing one hands it back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const OWN_MAPPING_FROM: libc::c_int = 1 << 20;

/// Make every block of a megabyte or more a mapping of its own, once per process.
///
/// glibc maps a big block on its own and unmaps it when freed, but after the first such
/// free it raises that threshold to the block's size (up to 32 MB) and the trim threshold
/// to twice that: the next 16 MB paste is carved from a thread's heap, and neither its
/// free nor `malloc_trim` gives it back, so a window that took two big pastes stayed at
/// the second one's size all day. A fixed threshold turns the raising off.
pub(crate) fn map_big_blocks_alone() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: mallopt only changes the allocator's thresholds; it is called once,
        // before the session makes its big allocations.
        ONCE.call_once(|| unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, OWN_MAPPING_FROM);
        });
    }
}
