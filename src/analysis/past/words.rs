//! The words that say an error is over, still there, earlier or now, in the languages
//! read, and what a clause with them says of a code.

use std::sync::LazyLock;

use regex::Regex;

use super::clause::parenthesis;
use crate::pattern::re;

/// Words that say an error is over.
pub(super) static OVER: LazyLock<Regex> = LazyLock::new(|| re(OVER_WORDS));
const OVER_WORDS: &str = r"(?i)\b(?:gone(?: away)?|went away|disappeared|vanished|resolved|fixed|solved|cleared up|(?:no longer|no more|not any ?more|stopped|don'?t|do not|doesn'?t|does not)(?: \w+){0,2}? (?:see|seeing|seen|get|getting|receive|receiving|hit|hitting|happen\w*|occur\w*|appear\w*|show\w*|reproduc\w*|com(?:e|es|ing))\b|(?:errors?|issues?|problems?|have|has|had|were|was|are|is) stopped\b|(?:is|are|was|were) (?:now )?(?:history|over|a thing of the past)\b|no longer (?:an? )?(?:issue|problem|error)s?\b)|已[^，。；,.;]{0,6}?(?:解决|修复|消失|恢复)|解决了|修复了|消失了|没有了|不再|恢复正常|已经好了|现在好了|(?i:\b(?:behoben|gelöst|erledigt|verschwunden|repariert|gefixt)\b|\b(?:nicht|nie|keine?n?) (?:\w+ ){0,2}?mehr (?:\w+ ){0,2}?(?:auf|vor|gesehen|aufgetreten|aufgetaucht|gekommen)\b|\b(?:tritt|treten|taucht|tauchen|kommt|kommen|erscheint|erscheinen|sehen|bekommen|erhalten)\b(?: \w+){0,3}? (?:nicht|nie) mehr\b)|(?i:\b(?:solucionad[oa]s?|resuelt[oa]s?|arreglad[oa]s?|corregid[oa]s?|résolue?s?|corrigée?s?|réglée?s?|resolvid[oa]s?|corrigid[oa]s?|ya funciona)\b)|(?i:\b(?:(?:ist|sind|war|waren) (?:jetzt |nun |dann |endlich |wieder |komplett |ganz )?weg|desapareci(?:ó|o|eron)|ha(?:n)? desaparecido|ya no (?:\w+ ){0,2}?(?:aparece|aparecen|sale|salen|ocurre|ocurren|pasa|pasan|sucede|vemos|veo|recibimos|da|dan)|(?:a|ont|est|sont) disparue?s?|n['’](?:apparaît|apparait|arrive|revient|existe) plus|ne (?:\w+ ){0,2}?(?:voit|voyons|vois|reçoit|recevons|produit|apparaît|apparait|arrive|revient) plus|sumiu|sumiram|desapareceu|desapareceram|não (?:\w+ ){0,2}?(?:aparece|ocorre|acontece|vemos|recebemos) mais)\b)|没了(?:[，。；,.;！!\s]|$)|不见了";
/// Words that keep an error current, or make the sentence a question (Spanish, French
/// and Portuguese negations too: "no está solucionado" keeps it).
pub(super) static STILL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:not|never|still|again|back|yet|un(?:resolved|fixed|solved)|reappear\w*|recur\w*|persist\w*|keeps?|supposed(?:ly)?|should have been|thought|meant to|nicht|noch|wieder|weiterhin|erneut|ungelöst|no|todavía|aún|sigue|siguen|pas|toujours|encore|ainda|não)\b|n't\b|\?|？|没有?解决|未解决|未修复|没有?修复|仍|还是|依然|又|再次|重新",
    )
});
/// Words that place an error in the past.
pub(super) static EARLIER: LazyLock<Regex> = LazyLock::new(|| re(EARLIER_WORDS));
const EARLIER_WORDS: &str = r"(?i)\b(?:previously|previous|earlier|formerly|before|ago|used to|last (?:week|month|year|time|night|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|vorher|früher|zuvor|damals|(?:letzte|vorige)[nrs]? (?:woche|monat|jahr|mal|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|antes (?:teníamos|tenía|salía|salían|daba|daban|aparecía|recibíamos|era)|anteriormente|(?:la semana|el mes|el año) pasad[oa]|auparavant|précédemment|avant (?:on avait|nous avions|c'était|il y avait)|(?:la semaine|l'année) dernière|le mois dernier|antes (?:tínhamos|era|dava|aparecia|recebíamos)|(?:na semana|no mês|no ano) passad[oa])\b|之前|以前|上周|上个?月|上次|去年|曾经?";
/// Words that place an error now.
pub(super) static NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:now|today|currently|still|again|since|keeps?|continu\w*|persist\w*|every|always|jetzt|heute|aktuell|derzeit|momentan|zurzeit|seit|immer noch|noch immer|wieder|weiterhin|ständig|hoy|ahora|otra vez|de nuevo|aujourd'hui|maintenant|à nouveau|de nouveau|hoje|agora|de novo|novamente)\b|现在|目前|至今|一直|仍|还|又|依然|今天",
    )
});
/// Words that turn a sentence from an error that is over to one there now: "now",
/// "but", a present failure ("fails", "returns", "says"), in the languages read.
pub(super) static SHIFT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:now|but|today|currently|every|always|fails?|failing|returns?|returning|says|getting|gets|throws|throwing|shows|showing|seeing|jetzt|aber|heute|ahora|pero|maintenant|mais|agora|mas)\b|现在|但是?|目前|不过",
    )
});
/// A parenthesis that refers to another ticket or page: `(see INC-4411: …)`, `(#123)`.
pub(super) static REFERENCE: LazyLock<Regex> = LazyLock::new(|| re(REFERENCE_WORDS));
const REFERENCE_WORDS: &str =
    r"(?-i:\b[A-Z]{2,}-\d+\b)|(?i)\b(?:see|ref|cf|ticket|case|incident)\b|#\d+|工单|参见|详见";

/// [`OVER`], [`EARLIER`] and [`REFERENCE`] in one pattern, without their word
/// boundaries: it matches wherever one of them matches in any part of the text searched
/// (and more), so a line it does not match holds no word that could say a code on it is
/// over or earlier. Without boundaries it runs on the regex crate's fast engine on any
/// text, ASCII or not.
pub(super) static PAST_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let loose = |p: &str| p.replace(r"(?-u:\b)", "").replace(r"\b", "");
    re(&format!(
        "(?:{})|(?:{})|(?:{})",
        loose(OVER_WORDS),
        loose(EARLIER_WORDS),
        loose(REFERENCE_WORDS)
    ))
});

/// Whether the clause says the error is over, and nothing in its sentence says it is not.
pub(super) fn over(clause: &str, sentence: &str) -> bool {
    let Some(m) = OVER.find(clause) else {
        return false;
    };
    // The words that say it is over ("no longer", "don't see") are no veto of their own.
    let rest = sentence.replacen(m.as_str(), " ", 1);
    !STILL.is_match(&rest)
}

/// Whether the code at `at` is named as an earlier error: a time in the past in its
/// clause, or a parenthesis around it that refers to another ticket, and no word of now.
pub(super) fn earlier(text: &str, at: usize, clause: &str) -> bool {
    if NOW.is_match(clause) {
        return false;
    }
    EARLIER.is_match(clause)
        || parenthesis(text, at)
            .and_then(|p| text.get(p))
            .is_some_and(|p| REFERENCE.is_match(p))
}
