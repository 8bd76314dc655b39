//! Counts in words: "1 error", "2 errors". One helper, so no printed count says
//! "1 errors".

/// `n` and `noun`, the noun plural (an `s` added) unless `n` is 1 or -1: "1 error",
/// "0 errors", "-1 minute". Nouns whose plural is not a plain `s` are not counted here.
pub(crate) fn count(n: i64, noun: &str) -> String {
    if n.abs() == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// [`count`] of a length or tally.
pub(crate) fn count_of(n: usize, noun: &str) -> String {
    count(i64::try_from(n).unwrap_or(i64::MAX), noun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count_of(1, "error"), "1 error");
        assert_eq!(count_of(0, "error"), "0 errors");
        assert_eq!(count_of(19, "row"), "19 rows");
        assert_eq!(count(-1, "minute"), "-1 minute");
        assert_eq!(count(-3, "minute"), "-3 minutes");
    }
}
