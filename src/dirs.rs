//! The XDG base directory rule, read in one place: the cache, the store and the
//! launcher entry must agree on where `$XDG_…_HOME` points.

use std::ffi::OsString;
use std::path::PathBuf;

/// `$var` when it holds an absolute path (the specification says to ignore a relative
/// one), else `default` under the home directory: `xdg_home("XDG_DATA_HOME",
/// ".local/share")`. None without a home directory.
pub(crate) fn xdg_home(var: &str, default: &str) -> Option<PathBuf> {
    choose(std::env::var_os(var), std::env::home_dir(), default)
}

fn choose(value: Option<OsString>, home: Option<PathBuf>, default: &str) -> Option<PathBuf> {
    value
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|h| h.join(default)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absolute_value_wins_and_a_relative_or_missing_one_falls_back_to_home() {
        let home = || Some(PathBuf::from("/home/ann"));
        let set = |v: &str| Some(OsString::from(v));
        assert_eq!(
            choose(set("/data/xdg"), home(), ".local/share"),
            Some(PathBuf::from("/data/xdg"))
        );
        for value in [set("relative/xdg"), set(""), None] {
            assert_eq!(
                choose(value, home(), ".local/share"),
                Some(PathBuf::from("/home/ann/.local/share"))
            );
        }
        assert_eq!(choose(None, None, ".cache"), None);
    }
}
