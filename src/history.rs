//! The list of past analyses, kept across restarts. Only redacted text is ever stored.

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::redact::redact_prefix;

/// At most this many analyses are kept; the oldest go first.
pub const MAX_ENTRIES: usize = 50;
/// Pasted text kept per entry; a longer paste keeps its beginning.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryEntry {
    /// UTC, RFC 3339.
    pub time: String,
    pub code: Option<String>,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    /// How many errors the paste held.
    pub errors: usize,
    /// The paste, redacted and capped.
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
}

impl HistoryEntry {
    /// The entry for an analysis of `stored` (text already made safe with [`stored_text`]).
    /// `code` names every code found (`APIG.0308 x3, APIG.0101`), and for a message
    /// without a code, the code of the row it matched.
    pub fn of(time: String, stored: String, analysis: &Analysis, catalog: &Catalog) -> Self {
        let first = analysis.errors.first();
        let mut codes: Vec<(String, usize)> = Vec::new();
        for e in &analysis.errors {
            let matched = || Some(catalog.entries.get(e.matched()?.row)?.code().to_string());
            let Some(code) = e.code.clone().or_else(matched) else {
                continue;
            };
            match codes.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => codes.push((code, 1)),
            }
        }
        let named: Vec<String> = codes
            .into_iter()
            .map(|(code, n)| if n > 1 { format!("{code} x{n}") } else { code })
            .collect();
        HistoryEntry {
            time,
            code: (!named.is_empty()).then(|| named.join(", ")),
            http_status: first.and_then(|e| e.http_status),
            request_id: first.and_then(|e| e.request_id.as_deref().map(crate::redact::redact)),
            errors: analysis.errors.len(),
            text: stored,
        }
    }
}

impl History {
    /// Add an entry as the newest, dropping the oldest beyond [`MAX_ENTRIES`].
    pub fn push(&mut self, entry: HistoryEntry) {
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Text as it may be written to disk: redacted, then capped at a char boundary (a cut
/// made first could part a secret from the name that marks it).
pub fn stored_text(text: &str) -> String {
    redact_prefix(text, MAX_TEXT_BYTES)
}

/// The current UTC time as RFC 3339, seconds precision.
pub fn now_utc() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::catalog::Catalog;

    #[test]
    fn entries_are_newest_first_capped_and_redacted() {
        let catalog = Catalog::embedded();
        let mut history = History::default();
        let paste = "X-Auth-Token: MIIsecretsecret\nHTTP/1.1 429\n\n{\"error_code\":\"APIG.0308\",\"request_id\":\"0123456789abcdef\"}";
        for i in 0..(MAX_ENTRIES + 3) {
            let entry = HistoryEntry::of(
                format!("t{i}"),
                stored_text(paste),
                &analyze(paste, &catalog),
                &catalog,
            );
            history.push(entry);
        }
        assert_eq!(history.entries.len(), MAX_ENTRIES);
        let newest = &history.entries[0];
        assert_eq!(newest.time, format!("t{}", MAX_ENTRIES + 2));
        assert_eq!(newest.code.as_deref(), Some("APIG.0308"));
        assert_eq!(newest.http_status, Some(429));
        assert_eq!(newest.request_id.as_deref(), Some("0123456789abcdef"));
        assert!(!newest.text.contains("MIIsecretsecret") && newest.text.contains("[redacted]"));
        history.clear();
        assert!(history.entries.is_empty());
    }

    #[test]
    fn an_entry_names_every_code_and_the_code_a_message_matched() {
        let catalog = Catalog::embedded();
        let log = "{\"error_code\":\"APIG.0308\"}\n{\"error_code\":\"APIG.0308\"}\n{\"error_code\":\"APIG.0101\"}\n";
        let entry = HistoryEntry::of("t".into(), log.into(), &analyze(log, &catalog), &catalog);
        assert_eq!(entry.code.as_deref(), Some("APIG.0308 x2, APIG.0101"));
        let message = "{\"error_msg\": \"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}";
        let entry = HistoryEntry::of(
            "t".into(),
            message.into(),
            &analyze(message, &catalog),
            &catalog,
        );
        assert_eq!(
            entry.code.as_deref(),
            Some("APIG.0308"),
            "no code in the paste, but its row's"
        );
    }

    #[test]
    fn stored_text_is_capped_on_a_char_boundary() {
        let text = "é".repeat(MAX_TEXT_BYTES);
        let stored = stored_text(&text);
        assert!(stored.len() <= MAX_TEXT_BYTES);
    }

    #[test]
    fn now_is_rfc3339_utc() {
        let now = now_utc();
        assert!(now.ends_with('Z') && now.contains('T'), "{now}");
    }
}
