//! The catalog cache: after catalog files are loaded, their rows and the search index are
//! written to `$XDG_CACHE_HOME/apig-explorer/` (default `~/.cache/apig-explorer/`), so the
//! next start reads them instead of parsing the files and indexing every word again.
//!
//! One cache file per list of catalog files, keyed by each file's canonical path, size,
//! modification time and a checksum of its content, as they were when the rows were read
//! from it (a file changed since is never cached as its new self), and by the build that
//! wrote it.
//! The file is read, not mapped, and checked whole (length and checksum) before
//! anything is taken from it: a stale, damaged, cut or other-version cache is ignored
//! and written again, so it can never change a result. The rows' text is then the
//! process's own, so another process cutting, rewriting or removing the cache file while
//! the window runs changes nothing in it (a map of that file would fault on a cut file,
//! SIGBUS, and show a rewritten one's bytes). The rows are first read with their text in
//! memory, where it was read and checked; on Linux the window then has [`own_map`] write
//! the text once to a private file with no name (`O_TMPFILE`, in the cache directory)
//! and swaps in the same rows reading it from a map of that file, so only the pages of
//! rows actually shown or compared are resident (about 40 MB fewer with 100,000 rows).
//! That write (tens of megabytes) comes after the rows are searchable, not before;
//! elsewhere, where it cannot be done, or in the command line, the text stays in memory.
//! The index, which every search reads, is decoded into memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::binary::{Checksum, Malformed, Reader, Writer, checksum};
use crate::catalog::{
    AuthMode, Catalog, Category, EMBEDDED, Entry, EvidenceKey, Lists, SharedText, Source, Step,
    Texts, WhoActs,
};
use crate::import::Stamp;
use crate::search::SearchIndex;

const MAGIC: &[u8; 8] = b"APIGCACH";
/// The layout's version: raise it when what is written, or how the index is built, changes.
const FORMAT: u32 = 4;
/// Magic, format, build, body length, body checksum.
const HEADER: usize = 8 + 4 + 8 + 8 + 8;

/// Catalogs as a cache holds them.
pub(crate) struct Cached {
    pub(crate) catalog: Catalog,
    pub(crate) index: SearchIndex,
    /// The import notes of the files, as when they were parsed.
    pub(crate) notes: Vec<String>,
    /// The rows' text, in memory as read ([`own_map`] moves it to a private map).
    pub(crate) text: Arc<SharedText>,
}

/// Why a cache could not be written (the load itself has succeeded; this is only said).
#[derive(Debug, thiserror::Error)]
pub(crate) enum CacheError {
    #[error("no place for the cache file")]
    NoDirectory,
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// `$XDG_CACHE_HOME/apig-explorer`, else `~/.cache/apig-explorer`.
pub(crate) fn dir() -> Option<PathBuf> {
    Some(crate::dirs::xdg_home("XDG_CACHE_HOME", ".cache")?.join("apig-explorer"))
}

/// `embedded` plus `paths`, from the cache, when the cache was written for exactly these
/// files as they are now by this build. None otherwise.
pub(crate) fn read(dir: &Path, paths: &[PathBuf], embedded: &Catalog) -> Option<Cached> {
    let bytes = Arc::new(read_whole(&file_for(dir, paths)?)?);
    let body = checked_body(&bytes)?;
    let mut r = Reader::new(body);
    if read_keys(&mut r).ok()? != keys(paths)? {
        return None;
    }
    let (codes, rest) = (r.span().ok()?, r.span().ok()?);
    // The rows' text (their codes, then the rest) stays where it was read and checked;
    // the rest of the file is decoded into the index and the rows' lists.
    let at = HEADER + codes.start..HEADER + rest.end;
    bytes.get(at.clone())?;
    let text = Arc::new(SharedText(Box::new(Part(Arc::clone(&bytes), at))));
    let starts = [0, u32::try_from(rest.start - codes.start).ok()?];
    decode(&mut r, embedded, &text, starts).ok()
}

/// A range of the cache file's bytes as read (checked to fit when made).
struct Part(Arc<Vec<u8>>, std::ops::Range<usize>);

impl AsRef<[u8]> for Part {
    fn as_ref(&self) -> &[u8] {
        self.0.get(self.1.clone()).unwrap_or_default()
    }
}

/// `catalog`, read by [`read`] with `text` in memory (the whole cache file's bytes),
/// with its rows' text moved to a map of a private copy written in `dir` (see the
/// module's note): the same rows, of which only the pages actually read are then
/// resident. Written after the rows are in use, as it writes tens of megabytes; None
/// where no such copy can be made (not Linux, tmpfs, an error): the text stays in memory.
pub(crate) fn own_map(dir: &Path, catalog: &Catalog, text: &Arc<SharedText>) -> Option<Catalog> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let mapped = Arc::new(private::mapped_copy(dir, text.bytes())?);
        (mapped.bytes().len() == text.bytes().len()).then(|| catalog.text_moved(text, &mapped))
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        let _ = (dir, catalog, text);
        None
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod private {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    use std::os::unix::io::AsRawFd as _;
    use std::path::Path;

    use crate::catalog::SharedText;

    /// `text` written to a file with no name in `dir` and mapped; None when `dir`'s file
    /// system cannot hold such a file (or is tmpfs, where the copy would be memory the
    /// resident size does not show: a copy in memory is then the honest choice).
    pub(super) fn mapped_copy(dir: &Path, text: &[u8]) -> Option<SharedText> {
        if text.is_empty() {
            return None;
        }
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_TMPFILE)
            .open(dir)
            .ok()?;
        if on_tmpfs(&file) {
            return None;
        }
        file.write_all(text).ok()?;
        // SAFETY: the map's bytes can change or vanish only if the file is written or
        // cut, and nothing can do either: the file was made with O_TMPFILE and never
        // linked, so it has no name another process could open; this process writes
        // it only above, before mapping it, and closes its one handle on return (the
        // map alone keeps it). Its size is checked below.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        (map.len() == text.len()).then(|| SharedText(Box::new(map)))
    }

    fn on_tmpfs(file: &std::fs::File) -> bool {
        let mut stat = std::mem::MaybeUninit::<libc::statfs>::uninit();
        // SAFETY: `stat` is valid for writes of a `statfs` for the call, and the fd is
        // the open file `file` borrows for it.
        let ok = unsafe { libc::fstatfs(file.as_raw_fd(), stat.as_mut_ptr()) } == 0;
        // SAFETY: fstatfs filled `stat` when it returned 0.
        ok && u64::try_from(unsafe { stat.assume_init() }.f_type).ok()
            == u64::try_from(libc::TMPFS_MAGIC).ok()
    }
}

/// The cache file's bytes, when it is a regular file that could be read whole.
fn read_whole(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Write the cache for `paths`, read as `stamps` say and loaded into `catalog` (which
/// starts with `embedded`), then remove caches of other file lists and builds beyond the
/// newest few, so the directory does not grow with every catalog tried and every upgrade.
/// A file without a stamp leaves the cache unwritten.
pub(crate) fn write(
    dir: &Path,
    paths: &[PathBuf],
    stamps: &[Option<Stamp>],
    embedded: &Catalog,
    catalog: &Catalog,
    index: &SearchIndex,
    notes: &[String],
) -> Result<(), CacheError> {
    let path = file_for(dir, paths).ok_or(CacheError::NoDirectory)?;
    let Some(keys) = keys_as_read(paths, stamps) else {
        return Ok(());
    };
    let mut w = Writer::default();
    write_keys(&mut w, &keys);
    let rows = catalog.entries.get(embedded.entries.len()..);
    encode_text(&mut w, rows.unwrap_or_default());
    encode(&mut w, embedded, catalog, index, notes);
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&build().to_le_bytes());
    header.extend_from_slice(&(w.bytes.len() as u64).to_le_bytes());
    header.extend_from_slice(&checksum(&w.bytes).to_le_bytes());
    let io = |source| CacheError::Io {
        path: path.clone(),
        source,
    };
    let parent = path.parent().ok_or(CacheError::NoDirectory)?;
    create_private_dir(parent).map_err(io)?;
    // Written aside and renamed, so a reader never sees half a cache; each writer of the
    // process has its own aside.
    static WRITERS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let writer = WRITERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let aside = path.with_extension(format!("tmp-{}-{writer}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&aside).and_then(|mut file| {
        use std::io::Write;
        file.write_all(&header)?;
        file.write_all(&w.bytes)
    });
    written.map_err(io)?;
    std::fs::rename(&aside, &path).map_err(io)?;
    prune(parent, &path);
    Ok(())
}

/// Create `dir` (and any missing parent) with `dir` itself readable by its owner only,
/// and make an existing `dir` owner-only too (an earlier version, or eframe, may have made
/// it 0755): the app's data and cache directories hold what the engineer worked on.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    let builder = {
        let mut builder = builder;
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
    };
    match builder.create(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    Ok(())
}

/// How many cache files are kept: a few lists of catalog files an engineer switches
/// between.
const KEPT: usize = 4;

/// Remove all but the [`KEPT`] newest cache files (`just_written` always stays), and
/// files left aside by a writer that died an hour or more ago.
fn prune(dir: &Path, just_written: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut caches = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let modified = entry.metadata().and_then(|m| m.modified()).unwrap_or(now);
        let age = now.duration_since(modified).unwrap_or_default();
        if !name.starts_with("catalogs-") || path == just_written {
            continue;
        }
        if name.ends_with(".bin") {
            caches.push((modified, path));
        } else if name.contains(".tmp-") && age.as_secs() >= 3600 {
            let _ = std::fs::remove_file(&path);
        }
    }
    caches.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, path) in caches.iter().skip(KEPT - 1) {
        let _ = std::fs::remove_file(path);
    }
}

/// The cache file for this list of files (their order matters: it is the catalogs').
fn file_for(dir: &Path, paths: &[PathBuf]) -> Option<PathBuf> {
    let mut names = Vec::new();
    for path in paths {
        names.extend_from_slice(path_bytes(&std::fs::canonicalize(path).ok()?).as_slice());
        names.push(0);
    }
    Some(dir.join(format!("catalogs-{:016x}.bin", checksum(&names))))
}

/// What this build writes differently from another: its version and embedded catalog.
fn build() -> u64 {
    checksum(format!("{}\0{EMBEDDED}", env!("CARGO_PKG_VERSION")).as_bytes())
}

/// The body, when the header is this build's and the body is whole and unchanged.
fn checked_body(file: &[u8]) -> Option<&[u8]> {
    let mut r = Reader::new(file.get(..HEADER)?);
    let magic_ok = (0..8).all(|i| r.u8().ok() == MAGIC.get(i).copied());
    let (format, built, len, sum) = (r.u32().ok()?, r.u64().ok()?, r.u64().ok()?, r.u64().ok()?);
    let body = file.get(HEADER..)?;
    let whole = magic_ok && format == FORMAT && built == build() && len == body.len() as u64;
    (whole && checksum(body) == sum).then_some(body)
}

/// A file as the cache key sees it.
#[derive(Debug, PartialEq, Eq)]
struct Key {
    path: Vec<u8>,
    stamp: Stamp,
}

/// The keys of `paths` as they are now; None when one cannot be read (no cache then).
fn keys(paths: &[PathBuf]) -> Option<Vec<Key>> {
    paths.iter().map(|p| key(p)).collect()
}

fn key(path: &Path) -> Option<Key> {
    let path = std::fs::canonicalize(path).ok()?;
    let mut file = std::fs::File::open(&path).ok()?;
    let meta = file.metadata().ok()?;
    // A FIFO or a device would be waited on, or never end.
    if !meta.is_file() {
        return None;
    }
    let stamp = Stamp::summed(&meta, meta.len(), summed(&mut file, meta.len())?)?;
    Some(Key {
        path: path_bytes(&path),
        stamp,
    })
}

/// The [`checksum`] of the `len` bytes `file` holds, read through a small buffer (the
/// user's catalog file is read, not mapped, and never held whole here). None when it
/// cannot be read or does not hold `len` bytes: a file changed while it is summed gives
/// no key, which only costs a rebuild.
fn summed(file: &mut std::fs::File, len: u64) -> Option<u64> {
    use std::io::Read as _;
    let mut sum = Checksum::new(len);
    let mut buffer = vec![0; 256 * 1024];
    let mut read = 0u64;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        sum.update(buffer.get(..n)?);
        read += n as u64;
    }
    (read == len).then(|| sum.finish())
}

/// The keys of `paths` as they were read; None when one has no stamp (no cache then).
fn keys_as_read(paths: &[PathBuf], stamps: &[Option<Stamp>]) -> Option<Vec<Key>> {
    if paths.len() != stamps.len() {
        return None;
    }
    let key = |(path, stamp): (&PathBuf, &Option<Stamp>)| {
        Some(Key {
            path: path_bytes(&std::fs::canonicalize(path).ok()?),
            stamp: (*stamp)?,
        })
    };
    paths.iter().zip(stamps).map(key).collect()
}

fn write_keys(w: &mut Writer, keys: &[Key]) {
    w.len(keys.len());
    for k in keys {
        w.bytes(&k.path);
        w.u64(k.stamp.size);
        w.u64(k.stamp.modified);
        w.u64(k.stamp.content);
    }
}

fn read_keys(r: &mut Reader<'_>) -> Result<Vec<Key>, Malformed> {
    let n = r.count(28)?;
    (0..n)
        .map(|_| {
            let path = r.bytes()?.to_vec();
            let stamp = Stamp {
                size: r.u64()?,
                modified: r.u64()?,
                content: r.u64()?,
            };
            Ok(Key { path, stamp })
        })
        .collect()
}

/// The rows' text, which [`read`] copies into one buffer of their own: every code, then
/// every message, description and solution.
fn encode_text(w: &mut Writer, rows: &[Entry]) {
    w.len(rows.iter().map(|e| e.code().len()).sum());
    for e in rows {
        w.bytes.extend_from_slice(e.code().as_bytes());
    }
    fn rest(e: &Entry) -> [&str; 3] {
        [e.message(), e.description(), e.solution()]
    }
    w.len(rows.iter().flat_map(rest).map(str::len).sum());
    for text in rows.iter().flat_map(rest) {
        w.bytes.extend_from_slice(text.as_bytes());
    }
}

/// Notes, the sources and rows after the embedded ones, and the index. The rows' text
/// is written before, on its own.
fn encode(
    w: &mut Writer,
    embedded: &Catalog,
    catalog: &Catalog,
    index: &SearchIndex,
    notes: &[String],
) {
    let (sources, rows) = (embedded.sources.len(), embedded.entries.len());
    w.len(notes.len());
    for note in notes {
        w.str(note);
    }
    w.len(sources);
    w.len(rows);
    let added = catalog.sources.get(sources..).unwrap_or_default();
    w.len(added.len());
    for s in added {
        w.str(&s.id);
        w.str(&s.title);
        w.str(&s.origin);
    }
    let entries = catalog.entries.get(rows..).unwrap_or_default();
    w.len(entries.len());
    for e in entries {
        encode_entry(w, e);
    }
    index.write_to(w);
}

fn decode(
    r: &mut Reader<'_>,
    embedded: &Catalog,
    text: &Arc<SharedText>,
    mut starts: [u32; 2],
) -> Result<Cached, Malformed> {
    let n = r.count(4)?;
    let notes = (0..n)
        .map(|_| r.str().map(str::to_string))
        .collect::<Result<Vec<_>, _>>()?;
    let mut catalog = embedded.clone();
    if r.len()? != catalog.sources.len() || r.len()? != catalog.entries.len() {
        return Err(Malformed(0));
    }
    let n = r.count(12)?;
    for _ in 0..n {
        catalog.sources.push(Source {
            id: r.str()?.to_string(),
            title: r.str()?.to_string(),
            origin: r.str()?.to_string(),
        });
    }
    let n = r.count(25)?;
    catalog.entries.reserve(n);
    for _ in 0..n {
        let entry = decode_entry(r, text, &mut starts)?;
        if entry.source >= catalog.sources.len() {
            return Err(Malformed(0));
        }
        catalog.entries.push(entry);
    }
    let index = SearchIndex::read_from(&catalog, r)?;
    if !r.at_end() {
        return Err(Malformed(0));
    }
    Ok(Cached {
        catalog,
        index,
        notes,
        text: Arc::clone(text),
    })
}

fn encode_entry(w: &mut Writer, e: &Entry) {
    w.len(e.source);
    w.u16(e.http_status);
    w.u8(position(&Category::ALL, &e.category));
    w.u8(e
        .who_acts
        .map_or(0, |who| position(&WhoActs::ALL, &who) + 1));
    for end in e.texts().ends() {
        w.u32(end);
    }
    let Some(lists) = e.lists() else {
        w.u8(0);
        return;
    };
    w.u8(1);
    strings(w, &lists.keywords);
    strings(w, &lists.aliases);
    strings(w, &lists.details);
    w.len(lists.steps.len());
    for s in &lists.steps {
        w.str(&s.text);
        w.u8(s
            .evidence
            .map_or(0, |k| position(&EvidenceKey::ALL, &k) + 1));
        w.u8(u8::from(s.doc.is_some()));
        w.str(s.doc.as_deref().unwrap_or_default());
        w.u8(s.when.map_or(0, |m| position(&AuthMode::ALL, &m) + 1));
    }
    w.len(lists.extra.len());
    for (name, value) in &lists.extra {
        w.str(name);
        w.str(value);
    }
}

/// One row; its code and its other texts are next in `text` at `starts`, which it moves
/// past them.
fn decode_entry(
    r: &mut Reader<'_>,
    text: &Arc<SharedText>,
    starts: &mut [u32; 2],
) -> Result<Entry, Malformed> {
    let source = r.len()?;
    let status = r.u16()?;
    let category = *Category::ALL.get(r.u8()? as usize).ok_or(Malformed(0))?;
    let who_acts = optional(r.u8()?, &WhoActs::ALL)?;
    let ends = [r.u32()?, r.u32()?, r.u32()?, r.u32()?];
    let texts = Texts::shared(text, *starts, ends).ok_or(Malformed(0))?;
    let next = |start: u32, len: u32| start.checked_add(len).ok_or(Malformed(0));
    *starts = [
        next(starts[0], ends[0])?,
        next(starts[1], ends[3] - ends[0])?,
    ];
    let lists = if r.u8()? == 1 {
        decode_lists(r)?
    } else {
        Lists::default()
    };
    Ok(Entry::new(
        source,
        status,
        (category, who_acts),
        texts,
        lists,
    ))
}

fn decode_lists(r: &mut Reader<'_>) -> Result<Lists, Malformed> {
    Ok(Lists {
        keywords: read_strings(r)?,
        aliases: read_strings(r)?,
        details: read_strings(r)?,
        steps: {
            let n = r.count(10)?;
            (0..n)
                .map(|_| {
                    let text = r.str()?.to_string();
                    let evidence = optional(r.u8()?, &EvidenceKey::ALL)?;
                    let has_doc = r.u8()? == 1;
                    let doc = r.str()?;
                    let when = optional(r.u8()?, &AuthMode::ALL)?;
                    Ok(Step {
                        text,
                        evidence,
                        doc: has_doc.then(|| doc.to_string()),
                        when,
                        team: None,
                    })
                })
                .collect::<Result<Vec<_>, Malformed>>()?
        },
        extra: {
            let n = r.count(8)?;
            (0..n)
                .map(|_| Ok((r.str()?.to_string(), r.str()?.to_string())))
                .collect::<Result<Vec<_>, Malformed>>()?
        },
    })
}

fn strings(w: &mut Writer, items: &[String]) {
    w.len(items.len());
    for s in items {
        w.str(s);
    }
}

fn read_strings(r: &mut Reader<'_>) -> Result<Vec<String>, Malformed> {
    let n = r.count(4)?;
    (0..n).map(|_| r.str().map(str::to_string)).collect()
}

fn position<T: PartialEq>(all: &[T], item: &T) -> u8 {
    all.iter().position(|x| x == item).unwrap_or(0) as u8
}

/// 0 for none, else one more than the position in `all`.
fn optional<T: Copy>(code: u8, all: &[T]) -> Result<Option<T>, Malformed> {
    match code {
        0 => Ok(None),
        n => all
            .get(n as usize - 1)
            .copied()
            .map(Some)
            .ok_or(Malformed(0)),
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::load_file;

    /// Rows are cached under the bytes they were parsed from: a file changed between
    /// its reading and the cache write (same size, same time) is not cached as its new
    /// self, or the next start would show the old rows for the new file.
    #[test]
    fn a_file_changed_after_it_was_read_is_not_cached_as_its_new_self() {
        let dir = std::env::temp_dir().join(format!("apig-stamp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("test dir");
        let path = dir.join("rows.toml");
        let row = |word: &str| {
            format!(
                "[[catalog]]\nid = \"x\"\ntitle = \"X\"\n\n[[entry]]\ncatalog = \"x\"\ncode = \"X.1\"\nhttp_status = 400\nmessage = \"{word} words.\"\n"
            )
        };
        std::fs::write(&path, row("Old")).expect("test file");
        let modified = std::fs::metadata(&path).and_then(|m| m.modified());
        let cache_of = |loaded: crate::import::LoadedFile| {
            let embedded = Catalog::embedded();
            let mut catalog = embedded.clone();
            catalog.merge(loaded.catalog).expect("distinct rows");
            let index = SearchIndex::new(&catalog);
            let paths = [path.clone()];
            write(
                &dir,
                &paths,
                &[loaded.stamp],
                &embedded,
                &catalog,
                &index,
                &[],
            )
            .expect("written");
            read(&dir, &paths, &embedded).map(|c| c.catalog)
        };
        let old = load_file(&path).expect("valid");
        std::fs::write(&path, row("New")).expect("test file");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(modified.expect("a time")))
            .expect("same time");
        assert!(cache_of(old).is_none(), "the old rows are not served");
        let new = cache_of(load_file(&path).expect("valid")).expect("a cache");
        assert!(new.entries.iter().any(|e| e.message() == "New words."));
        std::fs::remove_dir_all(&dir).ok();
    }

    /// Rows read from the cache have their text in memory; `own_map` gives the same rows
    /// reading it from the private map instead, after which no row holds the text in
    /// memory (it can be freed). Where no map can be made (tmpfs) the rows keep it.
    #[test]
    fn own_map_moves_the_same_rows_text_to_a_private_map() {
        let dir = std::env::temp_dir().join(format!("apig-own-map-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("test dir");
        let path = dir.join("rows.toml");
        std::fs::write(
            &path,
            "[[catalog]]\nid = \"x\"\ntitle = \"X\"\n\n[[entry]]\ncatalog = \"x\"\ncode = \"X.1\"\nhttp_status = 400\nmessage = \"Moved words.\"\n",
        )
        .expect("test file");
        let loaded = load_file(&path).expect("valid");
        let embedded = Catalog::embedded();
        let mut catalog = embedded.clone();
        catalog.merge(loaded.catalog).expect("distinct rows");
        let paths = [path.clone()];
        let index = SearchIndex::new(&catalog);
        write(
            &dir,
            &paths,
            &[loaded.stamp],
            &embedded,
            &catalog,
            &index,
            &[],
        )
        .expect("written");
        let read = read(&dir, &paths, &embedded).expect("a cache");
        let texts = |c: &Catalog| -> Vec<(String, String)> {
            let row = |e: &Entry| (e.code().to_string(), e.message().to_string());
            c.entries.iter().map(row).collect()
        };
        assert_eq!(texts(&read.catalog), texts(&catalog));
        let mapped = own_map(&dir, &read.catalog, &read.text);
        let on_tmpfs = std::process::Command::new("stat")
            .args(["-f", "-c", "%T"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "tmpfs");
        match mapped {
            Some(mapped) => {
                assert_eq!(texts(&mapped), texts(&catalog));
                drop(read.catalog);
                assert_eq!(Arc::strong_count(&read.text), 1, "a row still reads memory");
                assert!(mapped.entries.iter().any(|e| e.message() == "Moved words."));
            }
            None => assert!(
                on_tmpfs || cfg!(not(all(target_os = "linux", target_env = "gnu"))),
                "no private map outside tmpfs"
            ),
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
