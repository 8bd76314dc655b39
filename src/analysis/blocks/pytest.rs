//! A pytest failure's `E` lines are one report. Its assertion (`E  AssertionError: assert
//! {…} == {…}`, `E  assert 401 == 200`) and the `where` lines under it (`E  +  where {…}
//! = <Response [401]>.json()`) say together which side the test received: read as
//! records of their own, the assertion's literal left side was taken for the response (a
//! fresh-eyes tester's paste counted the test's expected APIG.0308 as an error). A run of
//! them is read as one record.

/// Whether `record` (a line, or lines a bracket holds together) is a pytest `E` line:
/// a capital `E` at the line's start, then spaces or a tab.
fn report_line(record: &str) -> bool {
    record
        .strip_prefix('E')
        .is_some_and(|rest| rest.starts_with([' ', '\t']))
}

/// `raw` (records, each with whether it is an element of a JSON array) with each run of
/// pytest `E` lines joined into one record.
pub(super) fn joined(raw: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::with_capacity(raw.len());
    for (record, element) in raw {
        if !element
            && report_line(&record)
            && let Some((last, false)) = out.last_mut()
            && report_line(last)
        {
            last.push_str(&record);
            continue;
        }
        out.push((record, element));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::joined;

    fn records(lines: &[&str]) -> Vec<(String, bool)> {
        lines.iter().map(|l| (format!("{l}\n"), false)).collect()
    }

    #[test]
    fn a_run_of_e_lines_is_one_record_and_other_lines_stay_apart() {
        let raw = records(&[
            ">       assert r.status_code == 200",
            "E       assert 401 == 200",
            "E        +  where 401 = <Response [401]>.status_code",
            "",
            "tests/test_a.py:9: AssertionError",
            "E       assert {'error_code': 'APIG.0308'} == {'a': 1}",
        ]);
        let out = joined(raw);
        let texts: Vec<&str> = out.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                ">       assert r.status_code == 200\n",
                "E       assert 401 == 200\nE        +  where 401 = <Response [401]>.status_code\n",
                "\n",
                "tests/test_a.py:9: AssertionError\n",
                "E       assert {'error_code': 'APIG.0308'} == {'a': 1}\n",
            ]
        );
    }

    #[test]
    fn words_that_begin_with_e_and_array_elements_are_not_joined() {
        let raw = vec![
            ("E       assert 1 == 2\n".to_string(), false),
            ("Error: APIG.0308\n".to_string(), false),
            ("E  x\n".to_string(), true),
        ];
        assert_eq!(joined(raw.clone()), raw);
    }
}
