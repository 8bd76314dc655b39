//! What a label line says of the errors under it (see `labels`).

use std::sync::LazyLock;

use regex::Regex;

use super::NotNow;
use super::clause::ends_clause;
use super::words::{EARLIER, NOW, STILL, over};
use crate::pattern::re;

/// What a label line says of the errors under it ("Before (fixed since Friday):",
/// "Now:", "现在："): see `labels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heading {
    /// Over or earlier: what follows is not the customer's current error.
    Past(NotNow),
    /// Now, still or new: what follows is current.
    Now,
    /// Neither ("Response:", "Body:").
    Neither,
}

/// Words a label says now with, beyond [`NOW`]: "After:", "New:", `之后：`, `最新：`.
static LABEL_NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:after|afterwards|new|newer|latest|current|this (?:morning|afternoon|evening|week)|tonight|danach|nachher|neu\w*)\b|之后|以后|后来|新|最新|今天|今日|当前",
    )
});

/// What the words of a label say of what follows them. Its last clause outside brackets
/// speaks first ("限流的问题已经解决了，但是现在出现了新的错误：" is about now), then a
/// bracket beside a bare word ("Before (fixed since Friday):", "之前（已修复）：").
pub(crate) fn heading(label: &str) -> Heading {
    let outside = BRACKETED.replace_all(label, " ");
    let last = last_clause(&outside);
    if over(last, last) {
        return Heading::Past(NotNow::Over);
    }
    if NOW.is_match(last) || STILL.is_match(last) || LABEL_NOW.is_match(last) {
        return Heading::Now;
    }
    let brackets: Vec<&str> = BRACKETED.find_iter(label).map(|m| m.as_str()).collect();
    if brackets.iter().any(|b| over(b, b)) {
        return Heading::Past(NotNow::Over);
    }
    if brackets
        .iter()
        .any(|b| NOW.is_match(b) || STILL.is_match(b))
    {
        return Heading::Now;
    }
    if EARLIER.is_match(last) {
        return Heading::Past(NotNow::Earlier);
    }
    Heading::Neither
}

/// A bracketed part of a label: `(fixed since Friday)`, `（已修复）`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| re(r"[(（][^()（）]*[)）]"));

/// The last clause of `text`: after its last clause end or " but ".
fn last_clause(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_clause(text, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = text.get(start..).unwrap_or_default();
    let but = tail
        .to_ascii_lowercase()
        .rfind(" but ")
        .map_or(0, |i| i + 5);
    tail.get(but..).unwrap_or_default()
}
