//! A test runner's failure report pasted as the customer's error: the value the test
//! expected is never an error (found by a fresh-eyes tester: pytest's literal left side
//! compared with `resp.json()`, and JUnit's `expected: <APIG.0308>`, each once counted as
//! a group of its own).

use super::*;

fn analyzed(text: &str) -> Analysis {
    analyze_every(text, &Catalog::embedded())
}

fn codes(a: &Analysis) -> Vec<Option<&str>> {
    a.errors.iter().map(|e| e.code.as_deref()).collect()
}

/// pytest's source line with the expected literal on the left of `==` and the
/// response's call on the right: a literal compared with an expression is what the test
/// expected, whichever side it stands on. (pytest's `E  AssertionError: assert {…} ==
/// {…}` line is read with the `E` lines under it, its `where` line among them:
/// `fresh_eyes_tests`.)
#[test]
fn pytest_s_expected_literal_compared_with_a_call_is_not_an_error() {
    for text in [
        ">       assert {\"error_code\": \"APIG.0308\"} == resp.json()\n",
        "    assert {'error_code': 'APIG.0401'} == response.json()\n",
        "    assert ['APIG.0101'] != codes_of(r)\n",
    ] {
        let a = analyzed(text);
        assert!(
            a.errors.iter().all(|e| e.matched().is_none()),
            "{text}\n{a:#?}"
        );
        assert!(
            !a.errors
                .iter()
                .any(|e| e.warnings.iter().any(|n| n.contains("left side"))),
            "{text}\n{a:#?}"
        );
    }
}

/// JUnit, AssertJ, Hamcrest, NUnit and Go testify: what the test expected is not
/// counted, even alone; what it got is read (a guess, it is not a response).
#[test]
fn a_runner_s_expected_value_is_never_an_error() {
    for text in [
        "org.opentest4j.AssertionFailedError: expected: <APIG.0308> but was: <APIG.0201>\n\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:182)\n",
        "java.lang.AssertionError: expected:<APIG.0308> but was:<APIG.0201>\n\tat org.junit.Assert.fail(Assert.java:89)\n",
        "java.lang.AssertionError: \nExpected: \"APIG.0308\"\n     but: was \"APIG.0201\"\n\tat org.hamcrest.MatcherAssert.assertThat(MatcherAssert.java:20)\n",
        "    Error:      \tNot equal: \n    \t            \texpected: \"APIG.0308\"\n    \t            \tactual  : \"APIG.0201\"\n    Test:       \tTestThrottle\n",
        "  Expected string length 9 but was 9. Strings differ at index 7.\n  Expected: \"APIG.0308\"\n  But was:  \"APIG.0201\"\n  -----------------^\n",
    ] {
        let a = analyzed(text);
        assert_eq!(codes(&a), [Some("APIG.0201")], "{text}\n{a:#?}");
        assert!(
            a.warnings
                .iter()
                .any(|w| w.contains("Not counted: APIG.0308") && w.contains("expected")),
            "{text}\n{:#?}",
            a.warnings
        );
        assert_eq!(a.triage.total, 1, "{text}");
    }
}
