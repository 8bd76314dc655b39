//! The list of past analyses, kept across restarts. Only redacted text is ever stored.

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::redact::{redact, redact_prefix};

/// At most this many analyses are kept; the oldest go first.
pub(crate) const MAX_ENTRIES: usize = 50;
/// Pasted text kept per entry; a longer paste keeps its beginning.
pub(crate) const MAX_TEXT_BYTES: usize = 256 * 1024;

/// One analyzed paste as the history keeps it (redacted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryEntry {
    /// UTC, RFC 3339.
    pub time: String,
    /// Every code found with how often (`APIG.0308 x4032, APIG.0101`): what the menu
    /// shows and its search reads.
    pub code: Option<String>,
    /// The first error's HTTP status.
    pub http_status: Option<u16>,
    /// The first error's request id, redacted.
    pub request_id: Option<String>,
    /// How many errors the analysis found in the whole paste (not only those it kept in
    /// full, which are capped per group).
    pub errors: usize,
    /// The triage's groups at paste time, most frequent first.
    pub groups: Vec<HistoryGroup>,
    /// The size of the paste as it was pasted; None for entries older than this field.
    /// More than `MAX_TEXT_BYTES`: `text` is only its beginning.
    pub total_bytes: Option<usize>,
    /// The paste, redacted and capped.
    pub text: String,
}

/// One group of a triage as the history keeps it: its code, status and count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryGroup {
    /// The group's code, if its errors have one.
    pub code: Option<String>,
    /// The group's status, if known.
    pub http_status: Option<u16>,
    /// How many errors the group has.
    pub count: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
}

impl HistoryEntry {
    /// The entry for an analysis of a paste of `total_bytes`, stored as `stored` (text
    /// already made safe with `stored_text`). The counts are the triage's, over every
    /// error found: reopening the entry later may analyze only the stored beginning.
    pub(crate) fn of(
        time: String,
        stored: String,
        total_bytes: usize,
        analysis: &Analysis,
    ) -> Self {
        let first = analysis.errors.first();
        let groups: Vec<HistoryGroup> = analysis
            .triage
            .groups
            .iter()
            .map(|g| HistoryGroup {
                code: g.code.clone(),
                http_status: g.http_status,
                count: g.count,
            })
            .collect();
        let mut codes: Vec<(&str, usize)> = Vec::new();
        for g in &groups {
            let Some(code) = g.code.as_deref() else {
                continue;
            };
            match codes.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += g.count,
                None => codes.push((code, g.count)),
            }
        }
        let named: Vec<String> = codes
            .into_iter()
            .map(|(code, n)| {
                if n > 1 {
                    format!("{code} x{n}")
                } else {
                    code.to_string()
                }
            })
            .collect();
        HistoryEntry {
            time,
            code: (!named.is_empty()).then(|| named.join(", ")),
            http_status: first.and_then(|e| e.http_status),
            request_id: first.and_then(|e| e.request_id.as_deref().map(redact)),
            errors: analysis.triage.total,
            groups,
            total_bytes: Some(total_bytes),
            text: stored,
        }
    }

    /// `7944 errors`; `at least 848 errors` for an entry older than the counts kept at
    /// paste time, whose number is of the errors kept in full (at most 100 a group).
    pub(crate) fn errors_text(&self) -> String {
        if self.total_bytes.is_some() {
            crate::wording::count_of(self.errors, "error")
        } else {
            format!(
                "at least {}",
                crate::wording::count_of(self.errors, "error")
            )
        }
    }

    /// The stored text is only the beginning of the paste.
    pub(crate) fn is_cut(&self) -> bool {
        self.total_bytes.is_some_and(|t| t > MAX_TEXT_BYTES)
    }
}

impl History {
    /// Add an entry as the newest, dropping the oldest beyond [`MAX_ENTRIES`].
    pub(crate) fn push(&mut self, entry: HistoryEntry) {
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Text as it may be written to disk: redacted, then capped at a char boundary (a cut
/// made first could part a secret from the name that marks it).
pub(crate) fn stored_text(text: &str) -> String {
    redact_prefix(text, MAX_TEXT_BYTES)
}

/// The current UTC time as RFC 3339, seconds precision.
pub(crate) fn now_utc() -> String {
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
                paste.len(),
                &analyze(paste, &catalog),
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
        let entry = HistoryEntry::of("t".into(), log.into(), log.len(), &analyze(log, &catalog));
        assert_eq!(entry.code.as_deref(), Some("APIG.0308 x2, APIG.0101"));
        let message = "{\"error_msg\": \"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute\"}";
        let entry = HistoryEntry::of(
            "t".into(),
            message.into(),
            message.len(),
            &analyze(message, &catalog),
        );
        assert_eq!(
            entry.code.as_deref(),
            Some("APIG.0308"),
            "no code in the paste, but its row's"
        );
    }

    #[test]
    fn an_entry_keeps_the_counts_of_every_error_not_of_those_kept_in_full() {
        let catalog = Catalog::embedded();
        let mut log = String::new();
        for i in 0..250 {
            log.push_str(&format!(
                "2026-11-27T07:{:02}:{:02}Z WARN orders APIG.0308 status=429 request_id=ab12cd34ef{i:06}\n",
                i / 60,
                i % 60
            ));
            if i % 50 == 0 {
                log.push_str("2026-11-27T07:00:00Z ERROR POST /v1/pay -> 504 APIG.0201\n");
            }
        }
        let analysis = analyze(&log, &catalog);
        assert!(analysis.errors.len() < 255, "only some are kept in full");
        let entry = HistoryEntry::of("t".into(), stored_text(&log), 3_000_000, &analysis);
        assert_eq!(entry.errors, 255);
        assert_eq!(entry.code.as_deref(), Some("APIG.0308 x250, APIG.0201 x5"));
        assert_eq!(
            entry.groups,
            [
                HistoryGroup {
                    code: Some("APIG.0308".into()),
                    http_status: Some(429),
                    count: 250
                },
                HistoryGroup {
                    code: Some("APIG.0201".into()),
                    http_status: Some(504),
                    count: 5
                }
            ]
        );
        assert!(entry.is_cut(), "3 MB pasted, 256 KB kept");
        let small = HistoryEntry::of("t".into(), log.clone(), log.len(), &analysis);
        assert!(!small.is_cut());
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
