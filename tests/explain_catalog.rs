//! `explain` takes `--catalog FILE` like every other subcommand; its catalog id is
//! `--catalog-id`, and an id given where a file is wanted is named as such.

mod common {
    pub(crate) mod cli;
}

use std::process::Output;

const VPC: &str = "tests/fixtures/rst/virtual-private-cloud.rst";

fn run(args: &[&str]) -> Output {
    common::cli::output(common::cli::binary().args(args), "")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn explain_takes_a_catalog_file_before_or_after_the_subcommand() {
    for args in [
        &["explain", "VPC.0101", "--catalog", VPC][..],
        &["--catalog", VPC, "explain", "VPC.0101"][..],
        &[
            "explain",
            "VPC.0101",
            "--catalog",
            VPC,
            "--catalog-id",
            "virtual-private-cloud",
        ][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("### VPC.0101 (400 Bad Request): Invalid VPC parameter values."),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    let elsewhere = run(&[
        "explain",
        "VPC.0101",
        "--catalog",
        VPC,
        "--catalog-id",
        "calling",
    ]);
    assert_eq!(elsewhere.status.code(), Some(1), "not a row of calling");
}

#[test]
fn a_catalog_id_given_as_a_file_is_named_as_an_id() {
    for args in [
        &["--catalog", "calling", "explain", "0308"][..],
        &["explain", "0308", "--catalog", "calling"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("calling: No such file"), "{args:?}: {err}");
        assert!(
            err.contains("\"calling\" is a catalog id") && err.contains("--catalog-id calling"),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty(), "no rows from fewer catalogs");
    }
    let out = run(&["explain", "0308", "--catalog-id", "calling"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("### APIG.0308 (429 Too Many Requests)"));
    // A missing file that is no catalog's id gets no such hint.
    let missing = run(&["explain", "0308", "--catalog", "/nonexistent.rst"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        !stderr(&missing).contains("catalog id"),
        "{}",
        stderr(&missing)
    );
}
