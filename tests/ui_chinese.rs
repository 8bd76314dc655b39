//! Chinese in the window: tickets, pasted responses and the search box draw with the
//! system's CJK font (kittest fails a frame that draws a character no font has), and a
//! machine without such a font is told which package to install.

use apig_explorer::ExplorerApp;
use apig_explorer::SavedState;
use egui::FontId;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::{chinese_window, pasted, system_fonts};

/// Every Chinese character the tests search, paste or read, and the vocabulary's.
fn chinese_chars() -> std::collections::BTreeSet<char> {
    let sources = [
        include_str!("search_relevance.rs"),
        include_str!("ui_chinese.rs"),
        include_str!("../src/analysis/chinese_tests.rs"),
        include_str!("../src/search/tests.rs"),
        include_str!("../data/vocabulary.toml"),
    ];
    sources
        .iter()
        .flat_map(|s| s.chars())
        .filter(|c| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF5E}'))
        .collect()
}

#[test]
fn every_chinese_character_of_the_tests_has_a_glyph() {
    let chars = chinese_chars();
    assert!(chars.len() > 300, "{} characters", chars.len());
    // The fonts exist once a pass has run.
    let mut h = Harness::builder()
        .with_context_setup(system_fonts)
        .build_ui(|ui| {
            ui.label("中");
        });
    h.run();
    let ctx = h.ctx.clone();
    let text: String = chars.iter().collect();
    for font in [FontId::proportional(14.0), FontId::monospace(14.0)] {
        let missing: String =
            ctx.fonts_mut(|f| chars.iter().filter(|&&c| !f.has_glyph(&font, c)).collect());
        assert!(
            missing.is_empty(),
            "no font draws {missing:?} ({font:?}) of {text}: install a CJK font (on \
             Debian or Ubuntu: fonts-noto-cjk)"
        );
    }
}

fn harness() -> Harness<'static, ExplorerApp> {
    chinese_window([1280.0, 900.0], SavedState::default())
}

#[test]
fn a_chinese_ticket_sentence_typed_in_the_search_box_finds_its_row() {
    let mut h = harness();
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search")
        .type_text("客户调用API一直返回429，提示流控");
    h.run();
    let row = h.state().session().explorer().selected().expect("a row");
    assert_eq!(
        h.state().session().catalog().entries[row].code(),
        "APIG.0308"
    );
    assert!(
        h.query_all_by_label("The throttling threshold has been reached.")
            .next()
            .is_some()
    );
}

#[test]
fn a_pasted_chinese_response_shows_its_message_whole() {
    let mut h = harness();
    let msg = "请求过于频繁，已触发API流控阈值，请稍后重试。";
    pasted(
        &mut h,
        &format!(
            "HTTP/1.1 429 Too Many Requests\n\n{{\"error_code\":\"APIG.0308\",\"error_msg\":\"{msg}\"}}"
        ),
    );
    assert!(
        h.query_all_by_label_contains(msg).next().is_some(),
        "the Chinese message is drawn whole"
    );
    h.get_by_label_contains("Match: APIG.0308 429");
}

/// The window after `probe` answered whether a font draws Chinese.
fn checked(probe: bool) -> Harness<'static, ExplorerApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |_cc| {
            ExplorerApp::with_state(SavedState::default(), None).with_cjk_font_probe(move || probe)
        });
    // The check starts after the first frame, on a task: look until it answered.
    for _ in 0..200 {
        h.run();
        if h.query_all_by_label_contains("fonts-noto-cjk")
            .next()
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h
}

#[test]
fn without_a_cjk_font_a_notice_names_the_package_until_dismissed() {
    let mut h = checked(false);
    h.get_by_label_contains("sudo apt install fonts-noto-cjk");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("fonts-noto-cjk")
            .next()
            .is_none(),
        "dismissed"
    );
    let h = checked(true);
    assert!(
        h.query_all_by_label_contains("fonts-noto-cjk")
            .next()
            .is_none(),
        "a font was found: nothing to say"
    );
}

/// A query that only says something failed (报错了, "it errored") finds no row, and the
/// empty table says why instead of only "try other words".
#[test]
fn a_query_that_only_says_it_failed_is_said_to_name_no_error() {
    let mut h = chinese_window([1280.0, 900.0], SavedState::default());
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("报错了");
    h.run();
    h.get_by_label("No error matches");
    h.get_by_label("These words say that something failed, not what.");
}
