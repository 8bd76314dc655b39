//! Error codes in the spellings people write them: `APIG.0308`, `apig 0308`, `APIG0308`,
//! `APIGW.0308`. One normal form, shared by search, analysis and the command line, so
//! they never disagree about which code a text names.

use super::fold::fold;

/// Fold a code's spellings to one form: lower case, `.` separator, APIGW read as APIG.
pub(crate) fn normalize_code(code: &str) -> String {
    let lower = fold(code.trim());
    let (prefix, digits) = match lower.find(|c: char| c.is_ascii_digit()) {
        Some(split) => lower.split_at(split),
        None => (lower.as_str(), ""),
    };
    let prefix = prefix.trim_end_matches(['.', '-', '_', ' ']);
    let prefix = if prefix == "apigw" { "apig" } else { prefix };
    // Joined by hand: `format!` costs more than the rest, once per code of a long log.
    let mut code = String::with_capacity(prefix.len() + 1 + digits.len());
    code.push_str(prefix);
    if !prefix.is_empty() && !digits.is_empty() {
        code.push('.');
    }
    code.push_str(digits);
    code
}

/// The normalized form of a code as the catalog spells it (`APIG.0308`).
pub(crate) fn catalog_code(raw: &str) -> String {
    normalize_code(raw).to_uppercase()
}

/// The digits after the last `.` of a normalized code (`0308` of `apig.0308`).
pub(crate) fn code_digits(norm: &str) -> &str {
    norm.rsplit('.').next().unwrap_or(norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_folds_to_one_code() {
        for spelling in [
            "APIG.0308",
            "apig 0308",
            "APIG0308",
            "APIGW.0308",
            "apig-0308",
        ] {
            assert_eq!(catalog_code(spelling), "APIG.0308", "{spelling}");
        }
        assert_eq!(normalize_code("0308"), "0308");
        assert_eq!(code_digits("apig.0308"), "0308");
    }
}
