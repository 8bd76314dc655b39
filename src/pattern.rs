//! A regex written into the app (in the source, or in the embedded data file), compiled
//! once into a `LazyLock` where it is used.

use regex::Regex;

/// `pattern` compiled. Panics on an invalid pattern: every pattern is fixed at build
/// time, and the tests of the module that holds it compile it.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a pattern fixed at build time, compiled by its module's tests")
}
