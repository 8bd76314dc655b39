use super::*;
use crate::catalog::Catalog;
use crate::import::rst::grid_tables;

const THREE_COLUMNS: &str = "\
.. table:: **Table 1** codes

   +------------+---------------+-------------------+
   | Error Code | Response Code | Description       |
   +============+===============+===================+
   | DBS.1      | 500           | Server failure.   |
   +------------+---------------+-------------------+

.. table:: **Table 2** more

   +--------+--------+-------------+---------+------------------+
   | Module | Status | Error Code  | Message | Handling Measure |
   +========+========+=============+=========+==================+
   | VPC    | 400    | VPC.0001    | Bad.    | Fix it.          |
   +--------+--------+-------------+---------+------------------+

   +------+------+
   | Name | Size |
   +======+======+
   | a    | 1    |
   +------+------+
";

#[test]
fn columns_are_mapped_by_name_and_the_rest_kept() {
    let (file, report) = import_rst(THREE_COLUMNS, "x", "X", "test");
    assert_eq!(report.tables, 2);
    assert_eq!(report.rows, 2);
    assert_eq!(report.extra_columns, vec!["Module"]);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("no error-code column")),
        "{report:?}"
    );
    let dbs = &file.entry[0];
    assert_eq!(
        (&*dbs.code, dbs.http_status, &*dbs.message),
        ("DBS.1", 500, "Server failure.")
    );
    let vpc = &file.entry[1];
    assert_eq!(vpc.solution, "Fix it.");
    assert_eq!(vpc.extra.get("Module").map(String::as_str), Some("VPC"));
    let catalog = file.into_catalog().unwrap();
    assert_eq!(
        *catalog.entries[1].extra(),
        [("Module".to_string(), "VPC".to_string())]
    );
}

/// Every real "Error Codes" page imports with every row of every error table.
#[test]
fn the_real_documentation_tables_import_completely() {
    for (name, text, rows) in [
        (
            "api-gateway-api-reference",
            include_str!("../../../tests/fixtures/rst/api-gateway-api-reference.rst"),
            293,
        ),
        (
            "api-gateway-user-guide",
            include_str!("../../../tests/fixtures/rst/api-gateway-user-guide.rst"),
            71,
        ),
        (
            "elastic-cloud-server",
            include_str!("../../../tests/fixtures/rst/elastic-cloud-server.rst"),
            155,
        ),
        (
            "identity-access-management",
            include_str!("../../../tests/fixtures/rst/identity-access-management.rst"),
            115,
        ),
        (
            "key-management-service",
            include_str!("../../../tests/fixtures/rst/key-management-service.rst"),
            185,
        ),
        (
            "modelarts",
            include_str!("../../../tests/fixtures/rst/modelarts.rst"),
            864,
        ),
        (
            "relational-database-service",
            include_str!("../../../tests/fixtures/rst/relational-database-service.rst"),
            239,
        ),
        (
            "virtual-private-cloud",
            include_str!("../../../tests/fixtures/rst/virtual-private-cloud.rst"),
            201,
        ),
    ] {
        let table_rows: usize = grid_tables(text).iter().map(|t| t.rows.len()).sum();
        let (file, report) = import_rst(text, name, name, name);
        assert_eq!(table_rows, rows, "{name}: the page's table rows");
        assert_eq!(report.rows, rows, "{name}: every row is imported");
        assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
        let catalog: Catalog = file
            .into_catalog()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(catalog.entries.len(), report.rows);
    }
}

#[test]
fn a_service_prefix_with_digits_finds_every_variant_of_the_code() {
    let mut catalog = Catalog::embedded();
    let rst = include_str!("../../../tests/fixtures/rst/virtual-private-cloud.rst");
    catalog
        .merge(crate::import::load_text(rst, "vpc", "t").unwrap().catalog)
        .unwrap();
    let index = crate::search::SearchIndex::new(&catalog);
    let hits = index.search("vpc 0101");
    let variants = catalog
        .entries
        .iter()
        .filter(|e| e.code() == "VPC.0101")
        .count();
    assert!(variants >= 4);
    let complete: Vec<_> = hits.iter().take_while(|h| h.complete).collect();
    assert_eq!(
        complete.len(),
        variants,
        "both words: the code's variants, first"
    );
    assert!(
        complete
            .iter()
            .all(|h| catalog.entries[h.row].code() == "VPC.0101")
    );
    assert!(
        index.search("apig").len() >= 71,
        "apig names every APIG code"
    );
}

#[test]
fn another_service_s_rows_do_not_claim_who_acts() {
    let rst = include_str!("../../../tests/fixtures/rst/virtual-private-cloud.rst");
    let vpc = crate::import::load_text(rst, "vpc", "t").unwrap().catalog;
    assert!(vpc.entries.iter().all(|e| e.who_acts.is_none()));
    let embedded = Catalog::embedded();
    assert!(
        embedded.entries.iter().all(|e| e.who_acts.is_some()),
        "APIG's rows all say who acts"
    );
    let row = vpc.entries.first().unwrap();
    let mut both = Catalog::embedded();
    both.merge(vpc.clone()).unwrap();
    let at = both.entries.len() - vpc.entries.len();
    let md = crate::report::entry_markdown(&both, at);
    assert!(!md.contains("Who acts"), "{md}");
    assert_eq!(both.entries[at].code(), row.code());
}
