//! Codes in source code pasted beside an error: a comparison (`if e.error_code ==
//! "APIG.0308":`, `errorCode.equals("APIG.0308")`, `code in ("APIG.0308", …)`), a case
//! label (`case "APIG.0308":`, `"APIG.0308" =>`), a comment (`// retry on APIG.0308`) or
//! a constant (`public static final String THROTTLED = "APIG.0308";`).
//! The program checks for the code; that is no error that happened.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::re;

/// What ends the code of a line just before a code it compares with or lists as a case:
/// an operator, a call that compares (with its bracket), `case` or `when` opening a
/// statement (not "in this case" of a sentence), `in (`, then the code's quote and
/// earlier alternatives (`case "APIG.0308", "`, `in ("APIG.0308", "`). The code is
/// quoted, as a program's string is: "fails when APIG.0308 comes" is a sentence.
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?:[=!]==?|\b(?:equals|equalsIgnoreCase|Equals|includes|contains|startsWith|endsWith|matches|in_array)\s*\(|(?:^|[{;:])\s*(?:case|when)\s*\(?|\bin\s*[(\[{])\s*["'`](?:[^"'`\n]*["'`]\s*(?:,|\||\|\||or)\s*["'`])*\s*$"#,
    )
});
/// After a code a case label or an alternative goes on with (`"APIG.0308" =>`,
/// `"APIG.0308" | "APIG.0201" ->`).
static ARM: LazyLock<Regex> =
    LazyLock::new(|| re(r#"^["'`]\s*(?:\|\s*["'`][^"'`\n]*["'`]\s*)*(?:=>|->)"#));
/// A comment's start: `//` (not a URL's), `/*` (not a media type's `*/*` or `text/*`),
/// `<!--`, `--` opening a line.
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^:/])//|(?:^|[^\w*])/\*|<!--|^\s*--\s"));

/// A quoted code given to a name as a statement of its own: declaration words and a type
/// (`public static final String`, `const`, `let`, `export const`, `const val`), the name,
/// a type after it (`: &str`), `=` or `:=`, the code's quote. What follows the code is
/// checked by `STATEMENT_END`.
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^\s*(?P<words>(?:(?:public|private|protected|internal|static|final|readonly|export|const|let|var|val|pub)\s+)*)(?:(?:String|string|str|&str|&'static str)\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(?:&'static str|&str|str|string|String)\s*)?(?P<op>:?=)\s*["'`]$"#,
    )
});
/// After the code of a constant: its closing quote, then nothing but `;` or `,` and a
/// comment (`"APIG.0308" // 429`, `"APIG.0308";  # throttled`).
static STATEMENT_END: LazyLock<Regex> =
    LazyLock::new(|| re(r#"^["'`]\s*[;,]?\s*(?:(?://|#|/\*|--).*)?$"#));
/// A log record's fields, a status and a request id (`status=404 code=APIG.0101
/// request_id=…`): a comment that holds one quotes an error that happened.
static RECORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bstatus(?:_code)?\s*[=:]\s*\d{3}\b.*\brequest[_-]?id\s*[=:]\s*\S"));
/// A line that opens a block of constants: Go's `const (`/`var (`, an `enum … {`.
static BLOCK_OPEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:(?:const|var)\s*\(|.*\benum\b[^{]*\{)\s*(?://.*)?$"));

/// Whether the code at byte `at` of `text` is written in source code.
pub(crate) fn in_source(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    let code_end = text
        .get(at..)
        .and_then(|a| a.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')))
        .map_or(text.len(), |i| at + i);
    let after = text.get(code_end..).unwrap_or_default();
    // Cheap checks first, each implied by its pattern: a comparison and a constant end
    // the line before the code with the code's quote, a case arm opens what follows it
    // with one, a comment holds `//`, `/*` or `--`. A log of many codes is not searched
    // four times a code.
    let quote = ['"', '\'', '`'];
    let quoted = line.trim_end().ends_with(quote);
    let commented = || {
        let marked = ["//", "/*", "--"].iter().any(|m| line.contains(m))
            && COMMENT.find_iter(line).any(|m| !in_quotes(line, m.start()));
        (marked || hash_comment(line)) && {
            let whole = format!("{line}{}", after.lines().next().unwrap_or_default());
            !RECORD.is_match(&whole)
        }
    };
    (quoted && COMPARED.is_match(line))
        || (after.starts_with(quote) && ARM.is_match(after))
        || commented()
        || (quoted && (constant(before, line, after) || listed(before, line, after)))
}

/// Whether byte `at` of `line` is inside a double-quoted string (a JSON value such as
/// `"accept": "*/*"` or `"note": "see // below"`): a comment's mark there is text.
fn in_quotes(line: &str, at: usize) -> bool {
    let mut inside = false;
    let mut escaped = false;
    for c in line.get(..at).unwrap_or_default().chars() {
        match c {
            '\\' => escaped = !escaped,
            '"' if !escaped => inside = !inside,
            _ => escaped = false,
        }
    }
    inside
}

/// A test's assertion or its failure report, before a code on its line: `assert` and
/// its kin (`assertEquals(`, `assert_eq!`, `AssertionError:`), Jest's `expect(…).toBe(`,
/// JUnit's `expected: <…> but was: <…>`, what a test expected (`Expected body: {…}`,
/// `expected status:`: never what happened), a runner's `Expected:`/`Received:`/`actual:`/`left:` line with a quoted
/// value, pytest's `E` lines of a diff (`E         + APIG.0303`) and the right side of
/// its comparisons (`E  {'error_code': 'APIG.0301'} != {'error_code': 'APIG.0308'}`
/// under "Differing items:": pytest writes what was got on the left, what was expected
/// on the right).
static ASSERTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)\bassert\w*\b|\bassertion\w*|\bexpected(?:\s+\w+){0,2}\s*[:<(]|\bexpect\s*\(|\.to(?:Be|Equal|StrictEqual|Match\w*|HaveProperty)\s*\(|\bbut was\s*:|\bbut:\s*was\b|^\s*(?:E\s+)?(?:expected|received|actual|left|right)\s*:\s*["'<]|\bfull diff\b|\bdiffering items\b|(?-i:^E\s+[-+?]\s)|(?-i:^\s*E\s+\S.*\s[!=]=\s)"#,
    )
});

/// Whether the code at byte `at` of `text` is a value in a test's assertion or its
/// failure report ([`ASSERTION`]): what a test compared, not a response. The actual
/// value may be what came back, so the caller reads it as a guess at most. (The lines of
/// a diff below the assertion are another block's: `labels` reads them.)
pub(crate) fn in_test(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    asserts(line) && !received(text, at)
}

/// Before a code, the opening of a value a test's failure report says the test received
/// (up to the code, inside its first `{`): pytest's `where {…} = …` line (what an
/// expression under test evaluated to) and the left side of its `assert {…} == …`
/// (pytest's convention writes what was got first; unittest's and Jest's `actual`/
/// `Received:` too), and a failure message's `unexpected response: 401 {…}` (JUnit,
/// AssertJ: the response the test got). `[^{}]` keeps the code inside that first object.
static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:E\s+)?(?:\+\s*)?where\s+\{[^{}]*$|^\s*(?:E\s+)?(?:AssertionError:\s*)?assert\s+\{[^{}]*$|^\s*(?:E\s+)?(?:received|actual)(?:\s+\w+)?\s*:\s*\{[^{}]*$|\b(?:unexpected|actual|got)\s+(?:response|body)\s*:\s*(?:\d{3}\s+)?\{[^{}]*$",
    )
});
/// After the object of a `where {…}` line: what it was, a response (`= <Response
/// [401]>.json()`, `= response.json()`, `= resp.body`).
static RESPONSE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\}\s*=\s*.*(?:\bjson\b|\bresp\w*|\bbody\b|\bcontent\b|\btext\b|\bresult\b)")
});

/// Whether the code at byte `at` of `text` is in what a test received (see
/// [`RECEIVED`]): the real response, read as one; what it expected is not. A `where`
/// line counts only when what it evaluated is a response's (`… = response.json()`); the
/// left side of `assert {…} == …` only when no `where` line of the paste names what the
/// test received instead.
pub(crate) fn received(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.get(line_start..).unwrap_or_default();
    if !RECEIVED.is_match(line) {
        return false;
    }
    let rest = text
        .get(at..)
        .and_then(|r| r.lines().next())
        .unwrap_or_default();
    if WHERE.is_match(line) {
        return RESPONSE_AFTER.is_match(rest);
    }
    if !ASSERT_LEFT.is_match(line) {
        return true;
    }
    // The left side of `assert {…} == …`: pytest's convention gives it to what was got,
    // but a `where {…} = <Response [401]>.json()` line names what the test received
    // instead, and a literal compared with an expression (`assert {…} == resp.json()`)
    // is what the test expected, whichever side it stands on.
    !text.lines().any(names_body) && !compared_with_expression(rest)
}

/// Whether `line` is a pytest `where` line that names a response's body (`where {…} =
/// <Response [401]>.json()`), with its object or without it (the caller may have cut
/// the object out of the text).
fn names_body(line: &str) -> bool {
    WHERE.is_match(line) && (line.contains('{') || line.contains(".json()"))
}

/// Whether, after a code in the literal left side of `assert {…} == …`, the right side
/// of the comparison is an expression (`resp.json()`, `body`), not a literal as pytest
/// prints both values of a failed comparison (`{…}`, `[…]`, a quoted string, a number).
fn compared_with_expression(rest: &str) -> bool {
    COMPARED_EXPRESSION.is_match(rest)
}

/// After a code: the comparison's operator and an expression's first character (a
/// name), not a literal's.
static COMPARED_EXPRESSION: LazyLock<Regex> =
    LazyLock::new(|| re(r"[}\]]\s*(?:==|!=)\s*[A-Za-z_]"));

/// Whether the code at byte `at` of `text` is a value a test's failure report says it
/// received, written as a value (`Received: "APIG.0303"`, `actual: 'APIG.0303'`, JUnit's
/// `… but was: <APIG.0303>`), not a response's object.
pub(crate) fn received_value(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    RECEIVED_VALUE.is_match(line) || PYTEST_LEFT_LITERAL.is_match(line)
}

/// Before a code: the left literal of pytest's `assert 'APIG.0201' == 'APIG.0308'`, up to
/// its opening quote (pytest's convention writes what the test got on the left).
static PYTEST_LEFT_LITERAL: LazyLock<Regex> =
    LazyLock::new(|| re(r#"^\s*(?:>\s*|E\s+)?(?:AssertionError:\s*)?assert\s+['"]$"#));
/// Before a code: the right literal of pytest's `assert '…' == 'APIG.0308'`, what the
/// test expected.
static PYTEST_RIGHT_LITERAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"^\s*(?:>\s*|E\s+)?(?:AssertionError:\s*)?assert\s+(?:'[^']*'|"[^"]*")\s*==\s*['"]$"#)
});

/// Whether the code at byte `at` of `text` is in the right literal of pytest's `assert
/// '…' == 'APIG.0308'`: what the test expected.
pub(crate) fn right_literal(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    PYTEST_RIGHT_LITERAL.is_match(line)
}

/// Whether `line` is pytest's report of two literals compared (`E  AssertionError:
/// assert 'APIG.0201' == 'APIG.0308'`): its diff's `-` lines are the right side (what the
/// test expected), its `+` lines the left (what it got).
pub(crate) fn compares_literals(line: &str) -> bool {
    PYTEST_LITERALS.is_match(line)
}

static PYTEST_LITERALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^\s*(?:>\s*|E\s+)?(?:AssertionError:\s*)?assert\s+(?:'[^']*'|"[^"]*")\s*==\s*(?:'[^']*'|"[^"]*")\s*$"#,
    )
});

/// Before a code: a runner's received or actual value, up to its opening quote.
static RECEIVED_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:^\s*(?:E\s+)?(?:received|actual)(?:\s+\w+)?\s*:|\bbut was\s*:|\bbut:\s*was)\s*["'<`]?$"#,
    )
});

/// Whether the code at byte `at` of `text` is the value a test's failure report says
/// the test expected (JUnit's `expected: <APIG.0308> but was: …`, Hamcrest's and
/// NUnit's `Expected: "APIG.0308"`, Go testify's `expected: "APIG.0308"`; pytest's
/// literal left side of `assert {…} == …` when a `where` line of the report names the
/// other side as the response's body, or the other side is an expression such as
/// `resp.json()`): what the test wanted, never an error that happened.
pub(crate) fn expected_value(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    if EXPECTED_VALUE.is_match(line) {
        return true;
    }
    let rest = text
        .get(at..)
        .and_then(|r| r.lines().next())
        .unwrap_or_default();
    PYTEST_LEFT.is_match(line) && (text.lines().any(names_body) || compared_with_expression(rest))
}

/// Whether the code at byte `at` of `text` is on a pytest `E` line of a report whose
/// `where {…} = <Response [403]>.json()` line names the response the test received, and
/// that response does not hold the code: a value the test compared it with (the literal
/// of its assertion, either side of "Differing items:" `{…} != {…}`), never an error.
pub(crate) fn expected_in_report(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text
        .get(line_start..)
        .and_then(|l| l.lines().next())
        .unwrap_or_default();
    if !line.starts_with("E ") || WHERE.is_match(line) {
        return false;
    }
    let code: String = text
        .get(at..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    let mut bodies = text.lines().filter(|l| receives(l) && l.contains('{'));
    let mut any = false;
    let held = bodies.any(|l| {
        any = true;
        l.contains(&code)
    });
    !held && any
}

/// Before a code, the literal left side of pytest's `assert {…} == …`, on its report's
/// `E` line or on the source line it quotes (`>       assert {…} == resp.json()`), up to
/// the code inside that first object.
static PYTEST_LEFT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:>\s*|E\s+)?(?:AssertionError:\s*)?assert\s+\{[^{}]*$"));

/// Before a code: a runner's expected value, up to its opening quote or bracket.
static EXPECTED_VALUE: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\bexpected\s*:\s*["'<`]?$"#));

/// A pytest `where` line.
static WHERE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:E\s+)?(?:\+\s*)?where\s+"));
/// The left side of pytest's `assert {…} == …`.
static ASSERT_LEFT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:E\s+)?(?:AssertionError:\s*)?assert\s+\{"));

/// What the answer says of an error read from what a test received (the code at byte
/// `at` of `text`, see [`received`]): where it was read, and, for the left side of an
/// assertion, that only pytest's convention makes it the received value.
pub(crate) fn received_note(text: &str, at: usize) -> Option<String> {
    if !received(text, at) {
        return None;
    }
    let before = text.get(..at).unwrap_or_default();
    let line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    Some(if ASSERT_LEFT.is_match(line) {
        "Read from a test's failure report: the left side of `assert … == …`, which pytest's convention gives to the value the test received (the right side, what it expected, is not counted); check that the test compares in that order.".to_string()
    } else {
        "Read from a test's failure report: the value the test received (its response); what the test expected is not counted.".to_string()
    })
}

/// Whether `line` is a pytest `where {…} = response.json()` or `where 502 = <Response
/// [502]>.status_code` line: what the test received, not a line of a diff (its status is
/// the response's).
pub(crate) fn receives(line: &str) -> bool {
    WHERE.is_match(line)
        && ((line.contains('{') && RESPONSE_AFTER.is_match(line)) || RESPONSE_STATUS.is_match(line))
}

/// A `where` line's response status: requests' `<Response [502]>`, `.status_code`.
static RESPONSE_STATUS: LazyLock<Regex> =
    LazyLock::new(|| re(r"<Response \[\d{3}\]>|\.status(?:_code)?\b"));

/// Whether `line` is (or the part of it before a code is) a test's assertion or its
/// failure report ([`ASSERTION`]).
pub(crate) fn asserts(line: &str) -> bool {
    ASSERTION.is_match(line)
}

/// Whether `line` is one of a failure's diff (`- APIG.0101`, `+ APIG.0303`, `?  ^`):
/// only below an assertion (`labels`), else it is a Markdown list's item.
pub(crate) fn diff_line(line: &str) -> bool {
    DIFF.is_match(line)
}

/// A line of a failure's diff: `- expected`, `+ actual`, `? ^^`, with pytest's `E`.
static DIFF: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:E\s+)?[-+?](?:\s|$)"));

/// Whether the code is a string given to a constant's name (`THROTTLED = "APIG.0308"`),
/// which a program compares with later: no error that happened, and never one to give
/// the paste's status or request id. A log's field has the same form
/// (`errorCode='APIG.0301'`), so the line must also say it is a declaration: declaration
/// words (`const`, `final`, `let`, …), Go's `:=`, a place inside a block of constants
/// (`const (`, `enum Codes {`), or a constant's name (`TOKEN_EXPIRED`, `ErrThrottled`).
fn constant(before: &str, line: &str, after: &str) -> bool {
    let line_end = after.find('\n').unwrap_or(after.len());
    let Some(parts) = ASSIGNED.captures(line) else {
        return false;
    };
    if !STATEMENT_END.is_match(after.get(..line_end).unwrap_or_default()) {
        return false;
    }
    let name = parts.name("name").map_or("", |m| m.as_str());
    parts.name("words").is_some_and(|w| !w.as_str().is_empty())
        || parts.name("op").is_some_and(|op| op.as_str() == ":=")
        || constant_name(name, line)
        || in_constant_block(before)
}

/// A name a program gives a constant, with spaces around its `=` as code is formatted
/// (a log writes `key=value`): in capitals (`TOKEN_EXPIRED`) or starting with one
/// (`ErrThrottled`, Go's and C#'s style), and not a field's name (`ErrorCode`, `CODE`),
/// which a record of the error may print so.
fn constant_name(name: &str, line: &str) -> bool {
    let spaced = line.contains(" =") || line.contains("\t=");
    let field = name.to_ascii_lowercase().ends_with("code");
    spaced && !field && name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// A line that opens a list, set or map of values given to a name: `RETRYABLE = {`,
/// `codes = [`, `Set<String> X = Set.of(`, `val codes = setOf(`, `"retry_on": [`.
static LIST_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"^\s*[^
]*[\w"'\]>]\s*(?::|=|:=)\s*(?:new\s+)?(?:[\w.]+(?:<[^>
]*>)?)?\s*[\[{(]{1,2}\s*(?:(?://|#).*)?$"#)
});

/// A code that is an element of such a list, alone on its line (`"APIG.0308",  # throttled`):
/// a program's or a configuration's list of codes, not an error that happened.
fn listed(before: &str, line: &str, after: &str) -> bool {
    let line_end = after.find('\n').unwrap_or(after.len());
    let alone = line.trim_start().len() == 1;
    alone
        && STATEMENT_END.is_match(after.get(..line_end).unwrap_or_default())
        && before
            .lines()
            .rev()
            .skip(1)
            .take(64)
            .take_while(|l| !l.trim_start().starts_with([')', '}', ']']))
            .find(|l| !l.trim_start().starts_with(['"', '\'', '`']))
            .is_some_and(|l| LIST_OPEN.is_match(l))
}

/// Whether the line that `before` ends in lies inside a block of constants: an opener
/// above it (`const (`, `enum Codes {`) with no line closing a block (`)`, `}`) between.
fn in_constant_block(before: &str) -> bool {
    before
        .lines()
        .rev()
        .skip(1)
        .take(64)
        .take_while(|l| !l.trim_start().starts_with([')', '}']))
        .any(|l| BLOCK_OPEN.is_match(l))
}

/// A `#` comment before the code: after code on its line (`retry()  # APIG.0308`), or
/// opening it with a word in lower case (`# retry on APIG.0308`), not a Markdown heading
/// (`# APIG.0308 on every call`, `## Incident`).
fn hash_comment(line: &str) -> bool {
    let Some(hash) = line.find("# ") else {
        return false;
    };
    let (code, comment) = (
        line.get(..hash).unwrap_or_default(),
        line.get(hash + 2..).unwrap_or_default(),
    );
    if code.trim().is_empty() {
        return comment.starts_with(|c: char| c.is_ascii_lowercase());
    }
    // Code before it ends with a call, a value or a bracket, never a heading's `#`s.
    code.ends_with([' ', '\t']) && code.trim_end().ends_with([')', ';', '}', ']', '"', '\''])
}

#[cfg(test)]
mod tests {
    use super::{in_source, in_test};

    /// Whether the first `APIG.` code of `text` is what a test compared (not received).
    fn tested(text: &str) -> bool {
        in_test(text, text.find("APIG.").expect("a code"))
    }

    #[test]
    fn what_a_test_received_is_no_test_value_what_it_expected_is() {
        for text in [
            "E       AssertionError: assert {'error_code': 'APIG.0303', 'error_msg': 'x'} == {'status': 'ok'}",
            "E       assert {'error_code': 'APIG.0303'} == {'ok': True}",
            "E        +  where {'error_code': 'APIG.0303', 'request_id': None} = <Response [401]>.json()",
            "E       where {'error_code': 'APIG.0308'} = response.json()",
            "    Received: {\"error_code\": \"APIG.0303\"}",
            "actual: {\"error_code\": \"APIG.0303\"}",
        ] {
            assert!(!tested(text), "{text}");
        }
        for text in [
            "E       AssertionError: assert {'ok': True} == {'error_code': 'APIG.0303'}",
            "    Expected: {\"error_code\": \"APIG.0303\"}",
            "E        +  where {'error_code': 'APIG.0303'} = expected_body()",
            "assert 'APIG.0303' == 'APIG.0101'",
            "E       assert {'error_code': 'APIG.0303'} == {'ok': True}\nE        +  where {'ok': True} = <Response [200]>.json()",
        ] {
            assert!(tested(text), "{text}");
        }
    }

    fn source(text: &str) -> bool {
        in_source(text, text.find("APIG.").expect("a code"))
    }

    #[test]
    fn comparisons_case_labels_and_comments_are_source() {
        for text in [
            "if e.error_code == \"APIG.0308\":",
            "    elif err.code != 'APIG.0201':",
            "if (errorCode.equals(\"APIG.0308\")) {",
            "if (code === `APIG.0308`) retry();",
            "case \"APIG.0308\":",
            "    case \"APIG.0201\", \"APIG.0308\":",
            "\"APIG.0308\" => retry(),",
            "\"APIG.0308\" | \"APIG.0201\" -> backoff()",
            "if code in (\"APIG.0201\", \"APIG.0308\"):",
            "when \"APIG.0308\" then retry",
            "// retry on APIG.0308",
            "retry(); // APIG.0308 is throttling",
            "/* APIG.0308: back off */",
            "# retry on APIG.0308",
            "    raise Throttled()  # APIG.0308",
            "-- APIG.0308 rows are retried",
            "    public static final String THROTTLED = \"APIG.0308\";",
            "private const string Throttled = \"APIG.0308\";",
            "THROTTLED = \"APIG.0308\"",
            "export const throttled = 'APIG.0308';",
            "pub const THROTTLED: &str = \"APIG.0308\";",
            "const val throttled = \"APIG.0308\"",
            "errThrottled := \"APIG.0308\"",
            "const (\n\tErrX = \"APIG.0201\"\n\tErrThrottled    = \"APIG.0308\" // 429\n)",
            "enum Codes {\n  Throttled = 'APIG.0308',\n}",
            "\tErrThrottled    = \"APIG.0308\" // 429",
            "RETRY_ON = 'APIG.0308'  # throttled",
            "RETRYABLE_CODES = {\n    \"APIG.0203\",   # backend timeout\n    \"APIG.0308\",\n}",
            "retry_on:\n  codes = [\n    'APIG.0308'\n  ]",
            "static final Set<String> RETRY = Set.of(\n    \"APIG.0308\", // 429\n    \"APIG.0201\");",
            "{\"retry_on\": [\n  \"APIG.0308\",\n  \"APIG.0203\"\n]}",
        ] {
            assert!(source(text), "{text}");
        }
        // The second alternative of a list.
        let list = "if code in (\"APIG.0201\", \"APIG.0308\"):";
        assert!(in_source(list, list.rfind("APIG.").expect("a code")));
    }

    #[test]
    fn records_sentences_links_and_headings_are_not() {
        for text in [
            "{\"error_code\":\"APIG.0308\",\"error_msg\":\"x\"}",
            "error_code=APIG.0308 status=429",
            "ClientRequestException: {status_code: 401, error_code: APIG.0301}",
            "https://support.example.com/apig/APIG.0201 says",
            "# APIG.0308 on every call since Monday",
            "## Incident: APIG.0308",
            "the call failed with APIG.0308 -- please help",
            "HTTP 401 APIG.0303 Incorrect app authentication information",
            "errorCode='APIG.0301'",
            "In this case \"APIG.0308\" is returned on every call",
            "the body contains \"APIG.0308\" since Monday",
            "errorCode=\"APIG.0308\"",
            "ErrorCode = \"APIG.0308\"",
            "THROTTLED=\"APIG.0308\"",
            "// prod log: status=404 code=APIG.0101 request_id=kk01 msg=\"x\"",
            "# seen: status=429 error_code=APIG.0308 request_id=abc",
            "error_code = \"APIG.0308\"",
            "errorCode = \"APIG.0308\" status=429 request_id=abc",
            "CODE = \"APIG.0308\" and it keeps failing",
            "func f() {\n}\nerrorCode = \"APIG.0308\"",
            "const (\n\tA = 1\n)\nlastError=\"APIG.0308\"",
            // A media type's wildcard and a comment's mark inside a JSON string are text.
            "{\"accept\": \"*/*\", \"body\": \"{\\\"error_code\\\": \\\"APIG.0305\\\"}\"}",
            "Accept: text/*, application/json code=APIG.0305",
            "{\"note\": \"see // the docs\", \"error_code\": \"APIG.0305\"}",
            "{\"msg\": \"a \\\" quote /* in it\", \"error_code\": \"APIG.0305\"}",
        ] {
            assert!(!source(text), "{text}");
        }
    }
}
