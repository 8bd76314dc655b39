use super::*;
use crate::catalog::Catalog;

fn index() -> (Catalog, SearchIndex) {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    (catalog, index)
}

fn codes(catalog: &Catalog, hits: &[Hit], n: usize) -> Vec<String> {
    hits.iter()
        .take(n)
        .map(|h| catalog.entries[h.row].code.to_string())
        .collect()
}

#[test]
fn empty_query_lists_the_catalog_in_order() {
    let (catalog, index) = index();
    let hits = index.search("   ");
    assert_eq!(hits.len(), catalog.entries.len());
    assert!(hits.iter().enumerate().all(|(i, h)| h.row == i));
}

#[test]
fn a_typo_still_finds_throttling_first() {
    let (catalog, index) = index();
    for typo in ["throtling", "throttlng", "thorttling", "throttlling"] {
        let hits = index.search(typo);
        assert_eq!(codes(&catalog, &hits, 1), ["APIG.0308"], "query {typo}");
    }
}

#[test]
fn every_code_spelling_finds_the_code_first() {
    let (catalog, index) = index();
    for q in [
        "0308",
        "apig.0308",
        "APIG.0308",
        "APIG 0308",
        "APIG0308",
        "apigw.0308",
        "APIG-0308",
    ] {
        let hits = index.search(q);
        assert_eq!(codes(&catalog, &hits, 1), ["APIG.0308"], "query {q:?}");
    }
}

#[test]
fn exact_code_outranks_prefix_which_outranks_messages() {
    let (catalog, index) = index();
    let hits = index.search("APIG.020");
    let first = codes(&catalog, &hits, 11);
    assert!(first.iter().all(|c| c.starts_with("APIG.020")), "{first:?}");
    let exact = index.search("APIG.0201");
    assert_eq!(codes(&catalog, &exact, 99), vec!["APIG.0201"; 7]);
}

#[test]
fn status_finds_its_rows() {
    let (catalog, index) = index();
    let hits = index.search("429");
    assert_eq!(catalog.entries[hits[0].row].http_status, 429);
    let hits = index.search("413");
    assert_eq!(
        &*catalog.entries[hits[0].row].message,
        "Request entity too large."
    );
}

#[test]
fn message_outranks_keywords_outranks_description_outranks_solution() {
    let (catalog, index) = index();
    let tier = |q: &str, row: usize| {
        index
            .search(q)
            .iter()
            .find(|h| h.row == row)
            .map(|h| h.score / TIER_WEIGHT)
    };
    let row_0308 = catalog
        .entries
        .iter()
        .position(|e| &*e.code == "APIG.0308")
        .unwrap();
    assert_eq!(tier("throttling", row_0308), Some(Tier::Message as i64));
    assert_eq!(tier("rate", row_0308), Some(Tier::Keywords as i64));
    assert_eq!(tier("independent", row_0308), Some(Tier::Solution as i64));
    let row_413 = catalog
        .entries
        .iter()
        .position(|e| e.http_status == 413)
        .unwrap();
    assert_eq!(tier("mb", row_413), Some(Tier::Keywords as i64));
    assert_eq!(tier("exceeds", row_413), Some(Tier::Description as i64));
}

#[test]
fn keywords_find_rows_by_meaning() {
    let (catalog, index) = index();
    let first = |q: &str| {
        let e = &catalog.entries[index.search(q)[0].row];
        (e.code.clone(), e.http_status)
    };
    assert_eq!(first("payload too big"), ("APIG.0201".into(), 413));
    assert_eq!(first("rate limit"), ("APIG.0308".into(), 429));
    let forbidden = index.search("forbidden");
    assert!(
        forbidden
            .iter()
            .any(|h| &*catalog.entries[h.row].code == "APIG.0302")
    );
}

#[test]
fn several_words_are_anded() {
    let (catalog, index) = index();
    let hits = index.search("backend timeout");
    assert!(!hits.is_empty());
    for h in &hits {
        let e = &catalog.entries[h.row];
        let all = format!(
            "{} {} {} {:?}",
            e.message, e.description, e.solution, e.keywords
        )
        .to_lowercase();
        assert!(
            all.contains("backend") || all.contains("timeout"),
            "{}",
            e.code
        );
    }
    let top = &catalog.entries[hits[0].row];
    assert!(
        top.message.to_lowercase().contains("backend timeout"),
        "{}",
        top.message
    );
    assert!(index.search("throttling zzzzqqq").is_empty());
}

#[test]
fn ties_keep_catalog_order() {
    let (_, index) = index();
    let hits = index.search("APIG.0201");
    let rows: Vec<usize> = hits.iter().take(7).map(|h| h.row).collect();
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted);
}

#[test]
fn gibberish_finds_nothing_and_unicode_never_panics() {
    let (_, index) = index();
    assert!(index.search("qqqxzzv").is_empty());
    for q in [
        "İstanbul",
        "ß",
        "日本語のエラー",
        "\u{0}\u{feff}",
        "🙂 backend",
        "APIG.",
        ".",
        "a.b.c.0",
    ] {
        let _ = index.search(q);
        let _ = index.highlights("İİ Backend ß timeout 🙂", q);
    }
}

#[test]
fn highlights_mark_the_matched_characters() {
    let (_, index) = index();
    let text = "The throttling threshold has been reached.";
    let marks = index.highlights(text, "throtling");
    let marked: String = marks
        .iter()
        .map(|&i| text.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked, "throtling");
    assert_eq!(index.highlights("APIG.0308", "0308"), vec![5, 6, 7, 8]);
}
