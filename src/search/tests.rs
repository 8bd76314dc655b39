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
        .map(|h| catalog.entries[h.row].code().to_string())
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

/// A JSON body (or a piece of one) pasted into the search box is read as its values:
/// the code and the message, not one word glued from keys and quotes.
#[test]
fn a_json_fragment_as_the_query_is_its_code_and_message() {
    let (catalog, index) = index();
    for (q, code, status) in [
        (
            r#""error_code":"APIG.0201","error_msg":"Backend timeout.""#,
            "APIG.0201",
            504,
        ),
        (
            r#"{"error_msg":"The throttling threshold has been reached","error_code":"APIG.0308"}"#,
            "APIG.0308",
            429,
        ),
        (
            r#"'error_code': 'APIG.0303', 'error_msg': 'Incorrect app authentication information: signature expired'"#,
            "APIG.0303",
            401,
        ),
    ] {
        let hits = index.search(q);
        let first = hits.first().expect("a hit");
        let entry = &catalog.entries[first.row];
        assert_eq!(
            (entry.code(), entry.http_status),
            (code, status),
            "query {q}"
        );
        assert!(
            first.sure,
            "query {q}: the code and the message say which row"
        );
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
        catalog.entries[hits[0].row].message(),
        "Request entity too large."
    );
}

fn row_of(catalog: &Catalog, code: &str, status: u16) -> usize {
    catalog
        .entries
        .iter()
        .position(|e| e.code() == code && e.http_status == status)
        .unwrap()
}

#[test]
fn why_names_the_field_a_word_matched_in() {
    let (catalog, index) = index();
    let why = |q: &str, row: usize| {
        index
            .why(&catalog, row, q)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    let row_0308 = row_of(&catalog, "APIG.0308", 429);
    assert_eq!(
        why("throttling", row_0308),
        ["\"throttling\" in the message"]
    );
    assert_eq!(why("rate", row_0308), ["\"rate\" in the keywords"]);
    assert_eq!(
        why("independent", row_0308),
        ["\"independent\" in the solution"]
    );
    let row_413 = row_of(&catalog, "APIG.0201", 413);
    assert_eq!(why("exceeds", row_413), ["\"exceeds\" in the description"]);
    assert_eq!(
        why("uploads", row_413),
        ["\"uploads\" as \"upload\" in the keywords"]
    );
    let row_0203 = row_of(&catalog, "APIG.0203", 504);
    assert_eq!(
        why("hangs", row_0203),
        ["\"hangs\" means \"timeout\" (vocabulary), in the message"]
    );
    assert_eq!(why("0203", row_0203), ["\"0203\" is the code"]);
    assert_eq!(
        why("throtling", row_0308),
        ["\"throtling\" ≈ \"throttling\" in the message"]
    );
}

#[test]
fn message_and_keywords_outweigh_description_and_solution() {
    let (catalog, index) = index();
    for q in ["backend", "token", "domain"] {
        let in_field = |names: &[&str]| -> Vec<i64> {
            index
                .search(q)
                .iter()
                .filter(|h| {
                    let why = index.why(&catalog, h.row, q)[0].to_string();
                    names.iter().any(|n| why == format!("\"{q}\" in the {n}"))
                })
                .map(|h| h.score)
                .collect()
        };
        let naming = in_field(&["message", "keywords"]);
        let talking = in_field(&["description", "solution"]);
        assert!(!naming.is_empty() && !talking.is_empty(), "{q}");
        let (weakest, strongest) = (naming.iter().min(), talking.iter().max());
        assert!(weakest > strongest, "{q}: {naming:?} vs {talking:?}");
        assert!(naming.iter().all(|&s| s >= WORD_MAX), "{q}: {naming:?}");
    }
}

#[test]
fn keywords_find_rows_by_meaning() {
    let (catalog, index) = index();
    let first = |q: &str| {
        let e = &catalog.entries[index.search(q)[0].row];
        (e.code().to_string(), e.http_status)
    };
    assert_eq!(first("payload too big"), ("APIG.0201".into(), 413));
    assert_eq!(first("rate limit"), ("APIG.0308".into(), 429));
    let forbidden = index.search("forbidden");
    assert!(
        forbidden
            .iter()
            .any(|h| catalog.entries[h.row].code() == "APIG.0302")
    );
}

#[test]
fn rows_matching_every_word_come_first_and_an_unknown_word_empties_nothing() {
    let (catalog, index) = index();
    let hits = index.search("backend timeout");
    let complete: Vec<&Hit> = hits.iter().take_while(|h| h.complete).collect();
    assert!(!complete.is_empty() && complete.len() < hits.len());
    assert!(hits.iter().skip(complete.len()).all(|h| !h.complete));
    let top = &catalog.entries[hits[0].row];
    assert!(
        top.message().to_lowercase().contains("backend timeout"),
        "{}",
        top.message()
    );
    let with_noise = index.search("throttling zzzzqqq");
    assert_eq!(codes(&catalog, &with_noise, 1), ["APIG.0308"]);
    assert!(!with_noise[0].complete, "it does not match every word");
}

#[test]
fn stopwords_alone_list_nothing_beside_a_meaningful_word() {
    let (catalog, index) = index();
    let hits = index.search("the customer gets throttling every time");
    assert!(!hits.is_empty());
    for h in &hits {
        let why = index.why(&catalog, h.row, "the customer gets throttling every time");
        assert!(
            why.iter().any(|w| !w.to_string().starts_with("\"the\"")),
            "{why:?}"
        );
    }
}

#[test]
fn ties_keep_catalog_order() {
    let (_, index) = index();
    let hits = index.search("APIG.0201");
    let rows: Vec<usize> = hits.iter().take(7).map(|h| h.row).collect();
    assert!(hits.iter().take(7).all(|h| h.complete));
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

#[test]
fn written_forms_read_as_one() {
    let vocabulary = Vocabulary::embedded();
    let texts = |q: &str| -> Vec<String> {
        parse_query(q, vocabulary)
            .terms
            .into_iter()
            .map(|t| t.text)
            .collect()
    };
    assert_eq!(texts("HTTP/1.0"), ["http1.0"]);
    assert_eq!(texts("HTTP 1.0"), ["http1.0"]);
    assert_eq!(texts("http1.0"), ["http1.0"]);
    assert_eq!(texts("TLSv1.1"), texts("tls 1.1"));
    assert_eq!(texts("(TLSv1.1),"), ["tls1.1"]);
    assert_eq!(texts("APIG 0308"), ["apig.0308"]);
}

#[test]
fn a_vocabulary_phrase_lends_its_meaning_to_its_words() {
    let q = parse_query("requests are not allowed", Vocabulary::embedded());
    let allowed = q.terms.iter().find(|t| t.text == "allowed").unwrap();
    assert!(allowed.means.contains(&"denied".to_string()));
    let not = q.terms.iter().find(|t| t.text == "not").unwrap();
    assert!(not.meaningful, "\"not\" counts inside \"not allowed\"");
    let are = q.terms.iter().find(|t| t.text == "are").unwrap();
    assert!(!are.meaningful);
}

#[test]
fn the_vocabulary_file_is_sound() {
    let vocabulary = Vocabulary::parse(vocabulary::VOCABULARY_TOML).expect("it parses");
    let (catalog, index) = index();
    assert!(!vocabulary.synonyms.is_empty());
    for (i, s) in vocabulary.synonyms.iter().enumerate() {
        assert!(
            !s.say.is_empty() && !s.means.is_empty(),
            "synonym {i} is empty"
        );
        assert!(
            s.say.iter().all(|p| !p.is_empty()),
            "synonym {i} has an empty phrase"
        );
        for m in &s.means {
            assert!(
                index.words.find(m).is_some(),
                "synonym {i} ({:?}) means {m:?}, which no catalog row says",
                s.say[0]
            );
        }
    }
    // Built for every calling row: some synonym means a word of its message or keywords.
    let meant: std::collections::HashSet<&str> = vocabulary
        .synonyms
        .iter()
        .flat_map(|s| s.means.iter().map(String::as_str))
        .collect();
    for e in &catalog.entries {
        if catalog.source_of(e).id != "calling" {
            continue;
        }
        let naming = std::iter::once(e.message()).chain(e.keywords().iter().map(String::as_str));
        let words: Vec<String> = naming.flat_map(words::words_of).collect();
        assert!(
            words.iter().any(|w| meant.contains(w.as_str())),
            "no synonym leads to {} {} {}",
            e.code(),
            e.http_status,
            e.message()
        );
    }
}

/// Chinese phrases are checked like English ones: every calling row is reached by a
/// synonym that has some, and each of their Chinese runs is two characters or more (a run
/// of one is only found when it stands alone, as a query's Chinese is read in pairs).
#[test]
fn the_vocabulary_reads_chinese_for_every_calling_row() {
    let vocabulary = Vocabulary::parse(vocabulary::VOCABULARY_TOML).expect("it parses");
    let catalog = Catalog::embedded();
    let chinese = |p: &str| p.chars().any(words::is_cjk);
    let mut phrases = 0;
    for s in &vocabulary.synonyms {
        for said in s.said.iter().filter(|p| chinese(p)) {
            phrases += 1;
            for run in said
                .split(|c: char| !words::is_cjk(c))
                .filter(|r| !r.is_empty())
            {
                assert!(
                    run.chars().count() >= 2,
                    "{said:?}: {run:?} is one character"
                );
            }
        }
    }
    assert!(phrases >= 100, "{phrases} Chinese phrases");
    let meant: std::collections::HashSet<&str> = vocabulary
        .synonyms
        .iter()
        .filter(|s| s.said.iter().any(|p| chinese(p)))
        .flat_map(|s| s.means.iter().map(String::as_str))
        .collect();
    for e in &catalog.entries {
        if catalog.source_of(e).id != "calling" {
            continue;
        }
        let naming = std::iter::once(e.message()).chain(e.keywords().iter().map(String::as_str));
        let words: Vec<String> = naming.flat_map(words::words_of).collect();
        assert!(
            words.iter().any(|w| meant.contains(w.as_str())),
            "no Chinese phrase leads to {} {} {}",
            e.code(),
            e.http_status,
            e.message()
        );
    }
}

#[test]
fn a_chinese_phrase_lends_its_meaning_and_numbers_beside_chinese_are_read() {
    let q = parse_query("客户调用API一直返回429，提示流控", Vocabulary::embedded());
    let texts: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "客户", "户调", "调用", "api", "一直", "直返", "返回", "429", "提示", "示流", "流控"
        ]
    );
    let throttle = q.terms.iter().find(|t| t.text == "流控").unwrap();
    assert!(throttle.means.contains(&"throttling".to_string()));
    assert_eq!(throttle.via.as_deref(), Some("流控"));
    let status = q.terms.iter().find(|t| t.text == "429").unwrap();
    assert!(status.as_status, "\"返回429\" names a status");
    assert!(
        !q.terms
            .iter()
            .find(|t| t.text == "客户")
            .unwrap()
            .meaningful
    );
    let q = parse_query("签名错误", Vocabulary::embedded());
    assert!(q.terms.iter().all(|t| t.via.as_deref() == Some("签名错误")));
    let q = parse_query("错误码：1000 次", Vocabulary::embedded());
    let code = q.terms.iter().find(|t| t.text == "1000").unwrap();
    assert!(code.as_code, "after 错误码 a number is a code");
    for (sentence, number) in [
        ("一直报429", "429"),
        ("状态码 429 很多", "429"),
        ("出现504错误", "504"),
    ] {
        let q = parse_query(sentence, Vocabulary::embedded());
        let t = q.terms.iter().find(|t| t.text == number).unwrap();
        assert!(t.as_status, "{sentence}");
    }
    let q = parse_query("每天 429 个请求 很多", Vocabulary::embedded());
    let t = q.terms.iter().find(|t| t.text == "429").unwrap();
    assert!(!t.as_status, "a count, not a status");
}

#[test]
fn a_broken_vocabulary_is_refused_with_its_line() {
    let err =
        Vocabulary::parse("stopwords = [\"a\"]\n[[synonym]]\nsay = [\"x\"]\nmeen = [\"y\"]\n")
            .err()
            .expect("an unknown key is an error");
    assert!(err.to_string().contains("meen"), "{err}");
}

#[test]
fn highlights_mark_synonym_matches_too() {
    let (_, index) = index();
    let text = "Backend timeout.";
    let marked: String = index
        .highlights(text, "hangs")
        .iter()
        .map(|&i| text.chars().nth(i).unwrap())
        .collect();
    assert_eq!(marked, "timeout");
}

#[test]
fn a_stopword_is_highlighted_only_as_a_word() {
    let (_, index) = index();
    assert!(
        index
            .highlights("Incorrect authentication", "then")
            .is_empty()
    );
    assert_eq!(index.highlights("then it failed", "then"), vec![0, 1, 2, 3]);
}

#[test]
fn a_number_is_highlighted_as_a_whole_token_never_inside_a_code() {
    let (_, index) = index();
    for query in ["customer gets 401 when calling", "401"] {
        assert!(
            index.highlights("APIG.0401", query).is_empty(),
            "{query}: 401 is not marked inside APIG.0401"
        );
        assert_eq!(
            index.highlights("Status 401 of APIG.0401", query),
            vec![7, 8, 9]
        );
    }
    // A code typed is marked whole.
    assert_eq!(index.highlights("APIG.0401", "0401"), vec![5, 6, 7, 8]);
    assert_eq!(index.highlights("APIG.0308", "0308"), vec![5, 6, 7, 8]);
}
