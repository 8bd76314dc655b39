//! The embedded data file checked against the documentation it comes from: the seed
//! table verbatim, the current user guide and API reference whole, every row curated.

use super::rst::{grid_tables, plain_text};
use crate::catalog::*;

const SEED: &str = include_str!("../../tests/fixtures/apig-en-ug-180530090.rst");
const USER_GUIDE: &str = include_str!("../../tests/fixtures/apig-user-guide-error-codes.json");
const API_REF: &str = include_str!("../../tests/fixtures/apig-api-reference-error-codes.json");

fn rows_of<'a>(catalog: &'a Catalog, id: &str) -> Vec<&'a Entry> {
    catalog
        .entries
        .iter()
        .filter(|e| catalog.source_of(e).id == id)
        .collect()
}

fn reference_rows(json: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().clone())
        .collect()
}

fn field<'a>(row: &'a serde_json::Map<String, serde_json::Value>, name: &str) -> &'a str {
    row[name].as_str().unwrap()
}

#[test]
fn embedded_catalog_parses() {
    let catalog = parse_catalog(EMBEDDED).unwrap();
    assert_eq!(catalog.sources.len(), 2);
}

#[test]
fn every_seed_row_is_kept_verbatim() {
    let catalog = Catalog::embedded();
    let calling = rows_of(&catalog, "calling");
    let seed = &grid_tables(SEED)[0];
    assert_eq!(seed.rows.len(), 45);
    for row in &seed.rows {
        let status: u16 = row[2].parse().unwrap();
        let found = calling
            .iter()
            .find(|e| *e.code() == row[0] && e.http_status == status && *e.message() == row[1]);
        let e = found.unwrap_or_else(|| panic!("seed row missing: {row:?}"));
        assert_eq!(e.description(), row[3], "{}", e.code());
        assert_eq!(e.solution(), row[4], "{}", e.code());
    }
}

#[test]
fn catalogs_have_the_documented_row_counts() {
    let catalog = Catalog::embedded();
    assert_eq!(rows_of(&catalog, "calling").len(), 71);
    assert_eq!(rows_of(&catalog, "managing").len(), 293);
    assert_eq!(
        rows_of(&catalog, "calling")
            .iter()
            .filter(|e| e.code() == "APIG.0201")
            .count(),
        7
    );
}

#[test]
fn every_current_user_guide_row_is_present_by_message_or_alias() {
    let catalog = Catalog::embedded();
    let calling = rows_of(&catalog, "calling");
    for row in reference_rows(USER_GUIDE) {
        let status: u16 = field(&row, "HTTP Status Code").parse().unwrap();
        let message = plain_text(field(&row, "Error Message"));
        let hit = calling.iter().any(|e| {
            e.code() == field(&row, "Error Code")
                && e.http_status == status
                && (*e.message() == message || e.aliases().contains(&message))
        });
        assert!(hit, "user guide row missing: {row:?}");
    }
}

#[test]
fn reworded_rows_keep_the_seed_text_and_record_the_alias() {
    let catalog = Catalog::embedded();
    let row = catalog
        .entries
        .iter()
        .find(|e| e.code() == "APIG.0203")
        .unwrap();
    assert_eq!(row.message(), "Backend timeout.");
    assert_eq!(*row.aliases(), ["Backend timeout".to_string()]);
}

#[test]
fn every_management_row_is_present() {
    let catalog = Catalog::embedded();
    let managing = rows_of(&catalog, "managing");
    for row in reference_rows(API_REF) {
        let status: u16 = field(&row, "Status Code").parse().unwrap();
        let hit = managing.iter().any(|e| {
            e.code() == field(&row, "Error Codes")
                && e.http_status == status
                && *e.message() == plain_text(field(&row, "Error Message"))
        });
        assert!(hit, "management row missing: {row:?}");
    }
}

#[test]
fn no_two_rows_share_an_identity() {
    let catalog = Catalog::embedded();
    let mut keys: Vec<RowKey> = (0..catalog.entries.len())
        .map(|i| catalog.key_of(i))
        .collect();
    let before = keys.len();
    keys.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    keys.dedup();
    assert_eq!(keys.len(), before);
}

#[test]
fn every_calling_row_is_curated() {
    let file: CatalogFile = toml::from_str(EMBEDDED).unwrap();
    for e in file.entry.iter().filter(|e| e.catalog == "calling") {
        assert!(e.category.is_some(), "{} has no category", e.code);
        assert!(e.who_acts.is_some(), "{} has no who_acts", e.code);
        assert!(!e.keywords.is_empty(), "{} has no keywords", e.code);
    }
}

#[test]
fn a_code_is_not_an_identity() {
    let catalog = Catalog::embedded();
    let row = catalog
        .entries
        .iter()
        .position(|e| e.code() == "APIG.0201" && e.http_status == 413)
        .unwrap();
    assert_eq!(catalog.variants_of(row).len(), 6);
    assert_eq!(catalog.find(&catalog.key_of(row)), Some(row));
    let calling_1009 = catalog
        .entries
        .iter()
        .position(|e| e.code() == "APIG.1009" && catalog.source_of(e).id == "calling")
        .unwrap();
    assert_eq!(catalog.collisions_of(calling_1009).len(), 1);
}

#[test]
fn bad_files_are_rejected_with_a_reason() {
    let err = parse_catalog("[[entry]]\ncatalog = \"x\"\ncode = 5\n").unwrap_err();
    assert_eq!(err.line, Some(3));
    let err = parse_catalog(
        "[[catalog]]\nid=\"a\"\ntitle=\"A\"\n[[entry]]\ncatalog=\"b\"\ncode=\"X.1\"\nhttp_status=400\nmessage=\"m\"\n",
    )
    .unwrap_err();
    assert!(err.reason.contains("unknown catalog"), "{err}");
    let dup = "[[catalog]]\nid=\"a\"\ntitle=\"A\"\n[[entry]]\ncatalog=\"a\"\ncode=\"X.1\"\nhttp_status=400\nmessage=\"m\"\n";
    let err = parse_catalog(&format!("{dup}{}", dup.get(28..).unwrap())).unwrap_err();
    assert!(err.reason.contains("duplicate"), "{err}");
}

#[test]
fn every_calling_row_has_a_checklist_of_real_steps() {
    let file: CatalogFile = toml::from_str(EMBEDDED).unwrap();
    for e in file.entry.iter().filter(|e| e.catalog == "calling") {
        let n = e.step.len();
        assert!(
            (2..=8).contains(&n),
            "{} {} has {n} steps",
            e.code,
            e.http_status
        );
        for step in &e.step {
            assert!(
                step.text.trim().len() >= 10,
                "{}: empty step {step:?}",
                e.code
            );
        }
    }
    let catalog = Catalog::embedded();
    let empty: Vec<String> = catalog
        .entries
        .iter()
        .filter(|e| e.checklist().is_empty())
        .map(|e| format!("{} {}: {}", e.code(), e.http_status, e.solution()))
        .collect();
    // Management rows get steps from the solution, except the few where it only
    // restates the error ("This operation is not allowed.", the success row).
    assert!(empty.len() <= 12, "{empty:#?}");
    assert!(
        rows_of(&catalog, "calling")
            .iter()
            .all(|e| !e.checklist().is_empty()),
        "every calling row keeps steps"
    );
}

#[test]
fn every_checklist_step_of_every_row_is_something_to_do_or_check() {
    let catalog = Catalog::embedded();
    let restates =
        |e: &Entry, s: &Step| restates_error(&s.text, e.code(), e.http_status, e.message());
    for e in &catalog.entries {
        // The data file's own steps are all steps: none only restates its row.
        let curated: Vec<&str> = e
            .steps()
            .iter()
            .filter(|s| restates(e, s))
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            curated.is_empty(),
            "{} {}: {curated:?}",
            e.code(),
            e.http_status
        );
        for step in e.checklist().iter() {
            let text = step.text.to_lowercase();
            assert!(!restates(e, step), "{}: {}", e.code(), step.text);
            assert!(
                !text.starts_with("the status is") && !text.starts_with("the http status"),
                "{}: {}",
                e.code(),
                step.text
            );
            assert_ne!(
                text.trim_end_matches('.'),
                e.message().to_lowercase().trim_end_matches('.')
            );
        }
    }
    // Steps derived from a solution lose its restating sentences and keep the rest.
    let row = |code: &str| catalog.entries.iter().find(|e| e.code() == code).unwrap();
    let certificate: Vec<String> = row("APIG.3148")
        .checklist()
        .iter()
        .map(|s| s.text.clone())
        .collect();
    assert_eq!(
        certificate,
        ["Add one that expires before January 19, 2038 03:14:07 UTC."]
    );
    let timeout = row("APIG.2046").checklist();
    assert_eq!(
        timeout.len(),
        1,
        "'It should be...' goes on from the step before"
    );
    assert!(timeout[0].text.ends_with("(600s)."), "{:?}", timeout[0]);
}

#[test]
fn support_only_rows_gather_what_support_asks_for() {
    let catalog = Catalog::embedded();
    for e in catalog.entries.iter().filter(|e| {
        catalog.source_of(e).id == "calling" && e.solution() == "Contact technical support."
    }) {
        let all: String = e
            .steps()
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for needed in [
            "request id",
            "UTC time",
            "region",
            "gateway instance",
            "domain",
            "redacted",
        ] {
            assert!(
                all.contains(needed),
                "{} {} lacks '{needed}'",
                e.code(),
                e.http_status
            );
        }
    }
}

#[test]
fn evidence_keys_in_the_data_file_are_known() {
    let bad = "[[catalog]]\nid=\"a\"\ntitle=\"A\"\n[[entry]]\ncatalog=\"a\"\ncode=\"X.1\"\nhttp_status=400\nmessage=\"m\"\n[[entry.step]]\ntext=\"check it\"\nevidence=\"moon_phase\"\n";
    let err = parse_catalog(bad).unwrap_err();
    assert!(err.reason.contains("moon_phase"), "{err}");
    let x_stage = Catalog::embedded()
        .entries
        .iter()
        .flat_map(|e| e.steps())
        .filter(|s| s.evidence == Some(EvidenceKey::XStage))
        .count();
    assert!(x_stage >= 2);
}

/// Every detail the team's APIG signing notes (section 5) quote for 0301 and 0303, as
/// the data file writes it: a text joined from parts as its parts, a key as `{ak}`.
const NOTED_DETAILS: &[(&str, &[&str])] = &[
    (
        "APIG.0301",
        &[
            "verify aksk signature fail",
            "calc aksk signature fail",
            "signature expired",
            "Get secretKey failed",
            "ak {ak} not exist",
            "AK access failed to reach the limit,forbidden",
            "decrypt token fail",
        ],
    ),
    (
        "APIG.0303",
        &[
            "app not found",
            "signature expired",
            "verify signature fail",
        ],
    ),
];

#[test]
fn the_signing_notes_details_are_on_their_rows() {
    let catalog = Catalog::embedded();
    for (code, noted) in NOTED_DETAILS {
        let row = rows_of(&catalog, "calling")
            .into_iter()
            .find(|e| e.code() == *code)
            .unwrap();
        for detail in *noted {
            assert!(
                row.details().iter().any(|d| d == detail),
                "{code} lacks {detail:?}"
            );
        }
    }
}

#[test]
fn every_detail_is_well_formed_and_says_its_source() {
    let catalog = Catalog::embedded();
    let mut seen = 0;
    for e in &catalog.entries {
        let mut words_seen: Vec<Vec<DetailWord>> = Vec::new();
        for detail in e.details() {
            seen += 1;
            let words = detail_words(detail);
            assert_eq!(detail.trim(), detail, "{} {detail:?}", e.code());
            assert!(
                matches!(words.first(), Some(DetailWord::Word(_))),
                "{} {detail:?} begins with a word",
                e.code()
            );
            let open = detail.matches('{').count();
            assert_eq!(open, detail.matches('}').count(), "{detail:?}");
            assert!(!detail.contains("{}"), "{detail:?} names its placeholder");
            assert_eq!(
                words.iter().filter(|w| **w == DetailWord::Any).count(),
                open,
                "{detail:?}: one placeholder per {{...}}"
            );
            assert_ne!(
                words,
                detail_words(e.message()),
                "{} {detail:?} is the message itself, not what follows it",
                e.code()
            );
            assert!(
                !words_seen.contains(&words),
                "{} lists {detail:?} twice",
                e.code()
            );
            words_seen.push(words);
        }
        if !e.details().is_empty() {
            assert_eq!(
                catalog.source_of(e).id,
                "calling",
                "{}: the gateway appends details to the errors callers get",
                e.code()
            );
        }
    }
    assert!(seen >= 9, "the notes' details are in the data file");
    // Each `details = ` line has a comment above it that names its source.
    let lines: Vec<&str> = EMBEDDED.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        if !line.starts_with("details") {
            continue;
        }
        let comments: Vec<&str> = lines[..at]
            .iter()
            .rev()
            .take_while(|l| l.starts_with('#'))
            .copied()
            .collect();
        assert!(
            comments.iter().any(|c| c.contains("Source")),
            "line {}: details without a source comment",
            at + 1
        );
    }
}
