//! Slashed dates whose day and month could be either way round (`07/12/2026 14:03:11`),
//! read in the order the rest of the paste shows. A line is read alone: `12/11/2026`
//! was read as December 11 (said unsure) beside `13/11/2026`, November 13, so a French
//! log's events were put a month apart in the wrong order. The paste decides: a date of
//! it that can only be day/month (`13/11/2026`) makes every such date day/month, one that
//! can only be month/day makes them month/day, both leave them unsure; with neither, a
//! paste in French, Spanish, Portuguese, Italian or German reads them day/month, still
//! said unsure.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Block;
use super::fields::Fields;
use super::logtime::{self, SlashOrder};
use super::zones::Zone;
use crate::pattern::re;

/// Words of a log or ticket in a language whose dates are written day first.
static DAY_FIRST_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:erreur|échec|échoué|échouée|appel|requête|llamada|solicitud|petición|fallida|fallido|erro|falha|chamada|requisição|fehler|anfrage|aufruf|fehlgeschlagen|errore|richiesta|chiamata)\b",
    )
});

/// What the paste's slashed dates say of their order, with a date that shows it.
enum Shown<'t> {
    Day(&'t str),
    Month(&'t str),
    Both(&'t str, &'t str),
    Neither,
}

fn shown(text: &str) -> Shown<'_> {
    let (mut day, mut month) = (None, None);
    for (a, b, date) in logtime::slashed_pairs(text) {
        if a > 12 && b <= 12 {
            day = day.or(Some(date));
        } else if b > 12 && a <= 12 {
            month = month.or(Some(date));
        }
        if day.is_some() && month.is_some() {
            break;
        }
    }
    match (day, month) {
        (Some(d), Some(m)) => Shown::Both(d, m),
        (Some(d), None) => Shown::Day(d),
        (None, Some(m)) => Shown::Month(m),
        (None, None) => Shown::Neither,
    }
}

/// Whether `f`'s time is a slashed date read month/day for want of anything telling.
fn unsure(f: &Fields) -> bool {
    matches!(
        f.seen_at.map(|s| s.zone),
        Some(Zone::DayMonthUnsure | Zone::UtcDayMonthUnsure)
    )
}

/// The times of `found` whose slashed date could be either order read again from their
/// blocks in the order `paste` shows, and what was done said in `warnings`.
pub(crate) fn settle(
    found: &mut [Fields],
    blocks: &[Block],
    paste: &str,
    warnings: &mut Vec<String>,
) {
    if !found.iter().any(unsure) {
        return;
    }
    let order = match shown(paste) {
        Shown::Day(date) => {
            warnings.push(format!(
                "Slashed dates such as 07/12/2026 are read as day/month: the paste also writes {date}, which can only be day/month."
            ));
            SlashOrder::DayFirst
        }
        Shown::Month(date) => {
            warnings.push(format!(
                "Slashed dates such as 12/07/2026 are read as month/day: the paste also writes {date}, which can only be month/day."
            ));
            SlashOrder::MonthFirst
        }
        Shown::Both(day, month) => {
            warnings.push(format!(
                "The paste writes slashed dates both ways ({day} is day/month, {month} month/day): a date that could be either is unsure, and so is the order of its errors."
            ));
            return;
        }
        Shown::Neither if DAY_FIRST_WORDS.is_match(paste) => SlashOrder::DayFirstUnsure,
        Shown::Neither => return,
    };
    for f in found.iter_mut().filter(|f| unsure(f)) {
        let Some(block) = blocks.get(f.block) else {
            continue;
        };
        let again =
            logtime::seen_at_ordered(&block.text, &f.evidence, block.first_line.as_deref(), order);
        if let Some(stamp) = again {
            f.seen_at = Some(stamp);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Analysis, analyze_every};
    use crate::catalog::Catalog;

    fn analyzed(text: &str) -> Analysis {
        analyze_every(text, &Catalog::embedded())
    }

    fn times(a: &Analysis) -> Vec<String> {
        a.errors
            .iter()
            .filter_map(|e| {
                e.seen_at
                    .map(|s| format!("{} {}", s.text(), s.zone.label()))
            })
            .collect()
    }

    #[test]
    fn a_date_that_can_only_be_day_month_settles_the_others() {
        for log in [
            "12/11/2026 23:59:50 ERREUR appel APIG.0201 status=504 request_id=c8c8c8c8c8c8c8c8c8c8c8c8c8c8c801\n13/11/2026 00:00:10 ERREUR appel APIG.0201 status=504 request_id=c8c8c8c8c8c8c8c8c8c8c8c8c8c8c802\n",
            "[13/11/2026 00:00:10] WARN gw APIG.0308 429 rid=aa11aa11aa11aa11aa11aa11aa11aa11\n[12/11/2026 23:59:50] WARN gw APIG.0308 429 rid=aa11aa11aa11aa11aa11aa11aa11aa12\n",
        ] {
            let a = analyzed(log);
            let t = times(&a);
            assert!(
                t.iter().any(|t| t.starts_with("2026-11-12 23:59:50")),
                "{t:?}"
            );
            assert!(t.iter().all(|t| !t.contains("unsure")), "{t:?}");
            assert!(
                a.warnings
                    .iter()
                    .any(|w| w.contains("13/11/2026") && w.contains("day/month")),
                "{:?}",
                a.warnings
            );
            // One minute apart, not a month.
            let span = a.triage.time_span().map(|(first, last)| last - first);
            assert_eq!(span, Some(20), "{log}");
        }
    }

    #[test]
    fn a_french_or_german_log_level_reports_its_code() {
        for log in [
            "13/11/2026 00:00:10 ERREUR appel échoué APIG.0201 status=504 request_id=c8c8c8c8c8c8c8c8c8c8c8c8c8c8c802\n",
            "13.11.2026 00:00:10 FEHLER Aufruf fehlgeschlagen APIG.0201 status=504\n",
        ] {
            let a = analyzed(log);
            let current: Vec<_> = a
                .errors
                .iter()
                .filter(|e| !e.named_in_passing)
                .filter_map(|e| e.code.as_deref())
                .collect();
            assert_eq!(current, ["APIG.0201"], "{log}\n{a:#?}");
        }
    }

    #[test]
    fn a_date_that_can_only_be_month_day_settles_the_others() {
        let log = "11/12/2026 23:59:50 ERROR APIG.0201 status=504 request_id=d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1\n11/13/2026 00:00:10 ERROR APIG.0201 status=504 request_id=d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d2\n";
        let t = times(&analyzed(log));
        assert!(
            t.iter().any(|t| t.starts_with("2026-11-12 23:59:50")),
            "{t:?}"
        );
        assert!(t.iter().all(|t| !t.contains("unsure")), "{t:?}");
    }

    #[test]
    fn a_day_first_language_reads_day_month_and_still_says_unsure() {
        for log in [
            "07/12/2026 14:03:11 ERROR llamada fallida APIG.0308 status=429 request_id=e8e8e8e8e8e8e8e8e8e8e8e8e8e8e801\n",
            "07/12/2026 14:03:11 ERREUR échec de l'appel APIG.0308 status=429 request_id=e8e8e8e8e8e8e8e8e8e8e8e8e8e8e801\n",
        ] {
            let t = times(&analyzed(log));
            assert_eq!(t.len(), 1, "{t:?}");
            assert!(t[0].starts_with("2026-12-07 14:03:11"), "{t:?}");
            assert!(t[0].contains("unsure (read as day/month"), "{t:?}");
        }
    }

    #[test]
    fn both_orders_or_no_clue_leave_the_dates_unsure() {
        let both = "12/11/2026 10:00:00 ERROR APIG.0201 status=504 request_id=f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1\n13/11/2026 10:00:00 ERROR APIG.0201 status=504 request_id=f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f2\n11/14/2026 10:00:00 ERROR APIG.0201 status=504 request_id=f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f3\n";
        let a = analyzed(both);
        assert!(
            times(&a).iter().any(|t| t.contains("unsure")),
            "{:?}",
            times(&a)
        );
        assert!(
            a.warnings.iter().any(|w| w.contains("both ways")),
            "{:?}",
            a.warnings
        );
        let english = "03/01/2026 10:07:07 ERROR APIG.0308 status=429 request_id=6363636363636363636363636363630a\n";
        let t = times(&analyzed(english));
        assert!(t[0].contains("unsure (read as month/day)"), "{t:?}");
    }
}
