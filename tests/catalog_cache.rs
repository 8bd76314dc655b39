//! The catalog cache never changes a result: every benchmark query finds the same rows,
//! in the same order, from the parsed files and from the cache; a stale, damaged, cut or
//! other-version cache is rebuilt silently.

use std::path::{Path, PathBuf};

use apig_explorer::{Indexed, load_indexed};

#[path = "../benches/support/queries.rs"]
mod queries;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

const ROWS: usize = 3_000;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apig-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("test data");
    dir
}

/// The same synthetic rows as a TOML file and as an RST page; some TOML rows carry
/// gateway details, which the cache must keep.
fn catalog_files(dir: &Path) -> Vec<PathBuf> {
    let mut file = synthetic::file(ROWS);
    for (i, e) in file.entry.iter_mut().enumerate().step_by(97) {
        e.details = vec![
            format!("synthetic detail {i} fail"),
            "ak {ak} not exist".into(),
        ];
    }
    let toml = dir.join("rows.toml");
    std::fs::write(&toml, toml::to_string(&file).expect("test data")).expect("test data");
    let mut half = synthetic::file(ROWS / 2);
    for e in &mut half.entry {
        e.code = format!("RST{}", e.code).into();
    }
    let rst = dir.join("page.rst");
    std::fs::write(&rst, synthetic::rst(&half)).expect("test data");
    vec![toml, rst]
}

/// Every benchmark query's rows (and scores), in order.
fn results(indexed: &Indexed) -> Vec<Vec<(usize, i64, bool)>> {
    queries::QUERIES
        .iter()
        .map(|q| {
            indexed
                .index
                .search(q)
                .into_iter()
                .map(|h| (h.row, h.score, h.complete))
                .collect()
        })
        .collect()
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("test data")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect()
}

#[test]
fn the_cache_finds_what_the_files_find_for_every_benchmark_query() {
    let dir = temp_dir("same");
    let cache = dir.join("cache");
    let files = catalog_files(&dir);
    let parsed = load_indexed(Some(&cache), &files).expect("test data");
    assert!(!parsed.from_cache);
    assert_eq!(cache_files(&cache).len(), 1, "written after the load");
    let cached = load_indexed(Some(&cache), &files).expect("test data");
    assert!(cached.from_cache, "the second load reads the cache");
    assert_eq!(
        cached.catalog.entries, parsed.catalog.entries,
        "the same rows"
    );
    assert_eq!(cached.catalog.sources, parsed.catalog.sources);
    assert!(
        cached
            .catalog
            .entries
            .iter()
            .any(|e| e.details() == ["synthetic detail 97 fail", "ak {ak} not exist"]),
        "a file's gateway details come back from the cache"
    );
    assert_eq!(cached.notes, parsed.notes);
    let (from_files, from_cache) = (results(&parsed), results(&cached));
    for (q, (a, b)) in queries::QUERIES
        .iter()
        .zip(from_files.iter().zip(&from_cache))
    {
        assert_eq!(a, b, "query {q:?}");
    }
    assert!(
        from_files.iter().any(|r| r.len() > 100),
        "the queries find rows"
    );
    // The rows' text is the process's own: clearing the cache, as the README says,
    // leaves the loaded rows as they were.
    std::fs::remove_dir_all(&cache).expect("test data");
    assert_eq!(cached.catalog.entries, parsed.catalog.entries);
    std::fs::remove_dir_all(&dir).ok();
}

/// Damage the one cache file with `damage`, then load: the result must be the parsed
/// one, from the files, and the cache written again.
fn survives(name: &str, damage: impl FnOnce(&Path, &[PathBuf])) {
    let dir = temp_dir(name);
    let cache = dir.join("cache");
    let files = catalog_files(&dir);
    let parsed = load_indexed(Some(&cache), &files).expect("test data");
    let [cache_file] = cache_files(&cache).try_into().expect("test data");
    damage(&cache_file, &files);
    let again = load_indexed(Some(&cache), &files).expect("test data");
    assert!(
        !again.from_cache,
        "{name}: not taken from the damaged cache"
    );
    let fresh = load_indexed(None, &files).expect("test data");
    assert_eq!(again.catalog.entries, fresh.catalog.entries, "{name}");
    assert_eq!(results(&again), results(&fresh), "{name}");
    assert!(
        load_indexed(Some(&cache), &files)
            .expect("test data")
            .from_cache,
        "{name}: rebuilt"
    );
    drop(parsed);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_cut_cache_is_rebuilt() {
    survives("cut", |cache, _| {
        let bytes = std::fs::read(cache).expect("test data");
        std::fs::write(cache, &bytes[..bytes.len() / 2]).expect("test data");
    });
}

#[test]
fn a_garbage_cache_is_rebuilt() {
    survives("garbage", |cache, _| {
        let mut bytes = std::fs::read(cache).expect("test data");
        let middle = bytes.len() / 2;
        for b in &mut bytes[middle..middle + 64] {
            *b = b.wrapping_mul(31).wrapping_add(7);
        }
        std::fs::write(cache, &bytes).expect("test data");
    });
    survives("empty", |cache, _| {
        std::fs::write(cache, b"").expect("test data")
    });
}

#[test]
fn a_cache_of_another_version_is_rebuilt() {
    survives("version", |cache, _| {
        let mut bytes = std::fs::read(cache).expect("test data");
        bytes[8] = bytes[8].wrapping_add(1);
        std::fs::write(cache, &bytes).expect("test data");
    });
    survives("build", |cache, _| {
        let mut bytes = std::fs::read(cache).expect("test data");
        bytes[12] ^= 0xff;
        std::fs::write(cache, &bytes).expect("test data");
    });
}

#[test]
fn a_source_changed_in_place_with_the_same_size_and_time_is_read_again() {
    survives("changed", |_, files| {
        let toml = &files[0];
        let modified = std::fs::metadata(toml)
            .expect("test data")
            .modified()
            .expect("test data");
        let text = std::fs::read_to_string(toml).expect("test data");
        // The same length: one message word becomes another of as many letters.
        let at = text.find("message = \"").expect("test data") + "message = \"".len();
        let mut changed = text.into_bytes();
        changed[at] = if changed[at] == b'Z' { b'Y' } else { b'Z' };
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(toml)
            .expect("test data");
        std::io::Write::write_all(&mut &file, &changed).expect("test data");
        file.set_modified(modified).expect("test data");
        drop(file);
        assert_eq!(
            std::fs::metadata(toml)
                .expect("test data")
                .modified()
                .expect("test data"),
            modified
        );
    });
}

/// Each list of catalog files has its own cache; only the newest few are kept, so the
/// directory does not grow with every catalog tried (nor with every upgrade).
#[test]
fn only_the_newest_caches_are_kept() {
    let dir = temp_dir("prune");
    let cache = dir.join("cache");
    let files = catalog_files(&dir);
    let mut lists = Vec::new();
    for i in 0..6 {
        let copy = dir.join(format!("copy-{i}.toml"));
        std::fs::copy(&files[0], &copy).expect("test data");
        lists.push(vec![copy]);
    }
    for list in &lists {
        load_indexed(Some(&cache), list).expect("test data");
        // Modification times order the caches; make them differ.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(cache_files(&cache).len(), 4, "{:?}", cache_files(&cache));
    let last = load_indexed(Some(&cache), &lists[5]).expect("test data");
    assert!(last.from_cache, "the newest is kept");
    let first = load_indexed(Some(&cache), &lists[0]).expect("test data");
    assert!(!first.from_cache, "the oldest was removed");
    std::fs::remove_dir_all(&dir).ok();
}

/// The README promises owner-only files: the cache holds copies of the engineer's
/// catalogs. A directory an earlier version made 0755 is tightened too.
#[cfg(unix)]
#[test]
fn the_cache_directory_and_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("modes");
    let files = catalog_files(&dir);
    let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    for existed in [false, true] {
        let cache = dir.join(format!("cache-{existed}")).join("apig-explorer");
        if existed {
            std::fs::create_dir_all(&cache).expect("test dir");
            std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o755))
                .expect("test dir");
        }
        load_indexed(Some(&cache), &files).expect("test data");
        assert_eq!(mode(&cache), 0o700, "existed: {existed}");
        let written = cache_files(&cache);
        assert!(!written.is_empty());
        for file in written {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The rows own their text: another process cutting the cache file to nothing, or
/// rewriting it in place, while 100,000 rows loaded from it are in use changes nothing
/// in them (rows reading a map of the file would die of SIGBUS on the cut file, and
/// read the rewritten file's bytes). The next load sees the damage and rebuilds.
#[test]
fn a_cache_cut_or_rewritten_under_loaded_rows_changes_nothing() {
    let dir = temp_dir("under");
    let cache = dir.join("cache");
    let big = dir.join("100k.toml");
    let file = synthetic::file(100_000);
    std::fs::write(&big, toml::to_string(&file).expect("test data")).expect("test data");
    let files = vec![big];
    let parsed = load_indexed(Some(&cache), &files).expect("test data");
    let expected = results(&parsed);
    assert!(
        expected.iter().any(|r| r.len() > 1000),
        "the queries find rows"
    );
    type Damage = (&'static str, fn(&Path));
    let damages: [Damage; 2] = [
        ("cut", |path| {
            let file = std::fs::OpenOptions::new().write(true).open(path);
            file.and_then(|f| f.set_len(0)).expect("test data");
        }),
        ("rewritten", |path| {
            let bytes = std::fs::read(path).expect("test data");
            let other: Vec<u8> = bytes.iter().map(|b| b ^ 0x20).collect();
            // In place: the same file (inode), not a new one renamed over it.
            let mut file = std::fs::OpenOptions::new().write(true).open(path);
            let file = file.as_mut().expect("test data");
            std::io::Write::write_all(file, &other).expect("test data");
        }),
    ];
    for (name, damage) in damages {
        let cached = load_indexed(Some(&cache), &files).expect("test data");
        assert!(cached.from_cache, "{name}: loaded from the cache");
        let [cache_file] = cache_files(&cache).try_into().expect("test data");
        damage(&cache_file);
        assert_eq!(results(&cached), expected, "{name}: the same answers");
        assert!(
            cached.catalog.entries == parsed.catalog.entries,
            "{name}: every row's text as it was"
        );
        let code = file.entry[99_999].code.to_string();
        let hits = cached.index.search(&code);
        let top = hits.first().map(|h| cached.catalog.entries[h.row].code());
        assert_eq!(top, Some(code.as_str()), "{name}: a code finds its row");
        let again = load_indexed(Some(&cache), &files).expect("test data");
        assert!(!again.from_cache, "{name}: the damaged cache is not used");
    }
    std::fs::remove_dir_all(&dir).ok();
}
