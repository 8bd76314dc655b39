//! Lines that stand between an error and its facts and give it nothing: a ticket's
//! labelled line whose value is not read (`Hora: 14:03:22` with no date, `Region:
//! eu-de`), a chat's speaker line (`[14:03] Lina Park`). The request id on the line after
//! them is still the error's.

use std::sync::LazyLock;

use regex::Regex;

/// A ticket's short labelled line whose value is a time, a path, a region or a number (a
/// digit, `/`, `.` or `-` in three words at most): `Hora: 14:03:22`, `Region: eu-de`,
/// `Endpoint: /v1/orders`. Not a chat's message (`ben: what do you see now?`).
pub(super) fn quiet_label(record: &str) -> bool {
    let line = record.trim();
    let Some(value) = LABEL_LINE
        .find(line)
        .map(|m| line.get(m.end()..).unwrap_or_default())
    else {
        return false;
    };
    !line.contains('\n')
        && value.split_whitespace().count() <= 3
        && value.contains(|c: char| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
}

/// A chat's line that only names who speaks and when (`[14:03] Lina Park`, `Anna
/// Schmidt  10:09 AM`, `李四 09:58`).
pub(super) fn speaker(record: &str) -> bool {
    SPEAKER.is_match(record.trim_end())
}

static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\]?\s+\p{L}[\p{L}\p{M} .'-]{0,40}|\p{L}[\p{L}\p{M} .'-]{0,40}?\s+\[?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\]?)$",
    )
    .expect("fixed pattern")
});

/// A label at a line's start: a few words (a list mark or bold before them) and a colon.
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[>*•-]*\s*\p{L}[\p{L}\p{M} ./'()-]{0,30}\**\s*[:：]\s*").expect("fixed pattern")
});

#[cfg(test)]
mod tests {
    use super::{quiet_label, speaker};

    #[test]
    fn short_labels_and_speaker_lines_are_told_from_a_chat_s_words() {
        for line in [
            "Hora: 14:03:22",
            "Region: eu-de",
            "*Expected result:* 201 Created",
            "时间： 14:03",
        ] {
            assert!(quiet_label(line), "{line}");
        }
        for line in [
            "ben: what do you see now?",
            "Note: we retried it many times",
            "no label here 14:03",
        ] {
            assert!(!quiet_label(line), "{line}");
        }
        for line in [
            "[14:03] Lina Park",
            "Anna Schmidt  10:09 AM",
            "李四 09:58",
            "10:05 Ana",
        ] {
            assert!(speaker(line), "{line}");
        }
        for line in [
            "[14:03] Lina Park: it fails",
            "status is 401, request id 3c3c",
            "Anna",
        ] {
            assert!(!speaker(line), "{line}");
        }
    }
}
