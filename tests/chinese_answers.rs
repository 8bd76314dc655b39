//! Chinese and mixed ticket sentences written for issue 28's second round (helper h28),
//! none copied from another test: management rows named in Chinese, whitelists that are
//! not blacklists, codes and statuses typed full width, a status typed last, and
//! sentences whose key word nothing reads, which must not look sure.

use apig_explorer::{Catalog, SearchIndex};

/// A sentence and the rows that answer it (`CODE STATUS`); an empty list: no row
/// answers it, and none may be listed as matching every word.
const SENTENCES: &[(&str, &[&str])] = &[
    ("管理面提示账户余额不足请充值", &["APIG.1012 401"]),
    ("账户冻结了怎么解冻", &["APIG.1013 401"]),
    ("应用被冻结了，调用返回405", &["APIG.0502 405"]),
    ("创建分组的时候提示分组名称已经存在", &["APIG.3201 400"]),
    ("新建API时API名称重复了", &["APIG.3202 400"]),
    ("创建应用提示应用名称已存在", &["APIG.3203 400"]),
    ("流控策略名称已存在，无法创建", &["APIG.3204 400"]),
    (
        "绑定域名时报域名已存在",
        &["APIG.3305 400", "APIG.2050 400"],
    ),
    ("ICP备案系统繁忙，请稍后再试", &["APIG.2035 400"]),
    ("我们的域名还没有备案", &["APIG.2034 400"]),
    ("绑定的域名不在IP白名单里", &["APIG.2021 400"]),
    ("调用方IP被黑名单拦截了，403", &["APIG.0402 403"]),
    ("the url domain is not on the whitelist", &["APIG.2021 400"]),
    ("访问控制策略名字重复", &["APIG.3206 400"]),
    ("签名密钥名称已存在", &["APIG.3207 400"]),
    ("环境名称已存在", &["APIG.3205 400"]),
    ("标签名称重复", &["APIG.3213 400"]),
    ("用户组名称已存在", &[]),
    ("ＡＰＩＧ．０３０８", &["APIG.0308 429"]),
    ("APIG。0303", &["APIG.0303 401"]),
    ("ＡＰＩＧ.0201 返回５０４", &["APIG.0201 504"]),
    ("客户端一直收到４２９", &["APIG.0308 429"]),
    ("错误码：ＡＰＩＧ．１００９", &["APIG.1009 400"]),
    ("request too large 414", &["APIG.0201 414"]),
    (
        "request header too large 494 from nginx",
        &["APIG.0201 494"],
    ),
    ("请求太大了 413", &["APIG.0201 413"]),
    ("URL太长返回414", &["APIG.0201 414"]),
    ("后端不可用 502", &["APIG.0201 502", "APIG.0202 502"]),
    ("请求头过大，返回494", &["APIG.0201 494"]),
    (
        "appkey无效",
        &["APIG.1009 400", "APIG.2201 400", "APIG.0303 401"],
    ),
    (
        "令牌过期了，401",
        &["APIG.0307 401", "APIG.1002 401", "APIG.1001 401"],
    ),
    (
        "调用时IP不在可信列表，403",
        &["APIG.0405 403", "APIG.0402 403"],
    ),
    ("发票抬头开错了", &[]),
    ("控制台页面加载很慢", &[]),
    ("客户想咨询价格套餐", &[]),
    ("短信验证码收不到", &[]),
    ("数据库连接池满了", &[]),
    ("今天天气不错", &[]),
    ("证书快过期了要续费", &[]),
    (
        "我们的账户欠费了，余额不够，调用管理接口报错",
        &["APIG.1012 401", "APIG.0502 405"],
    ),
    ("华为云账号已被冻结，部分功能不可用", &["APIG.1013 401"]),
    ("域名在黑名单中，绑定失败", &["APIG.2022 400"]),
];

fn key(catalog: &Catalog, row: usize) -> String {
    let e = &catalog.entries[row];
    format!("{} {}", e.code(), e.http_status)
}

/// Every sentence is answered right at rank 1, or the answer says it is unsure (its first
/// row does not match every word); most are right.
#[test]
fn chinese_management_and_width_sentences_are_right_or_unsure() {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    let (mut right, mut wrong) = (0, Vec::new());
    for (sentence, expected) in SENTENCES {
        let hits = index.search(sentence);
        let Some(top) = hits.first() else {
            right += usize::from(expected.is_empty());
            continue;
        };
        let got = key(&catalog, top.row);
        if !expected.is_empty() && expected.contains(&got.as_str()) {
            right += 1;
        } else if top.complete {
            wrong.push(format!("{sentence:?}: {got}, sure, expected {expected:?}"));
        } else if expected.is_empty() {
            right += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(right >= 36, "{right} of {} right", SENTENCES.len());
}

/// A list that allows is never a list that denies, in Chinese or English: no row that
/// holds only the other word is listed, and "why" never says one means the other.
#[test]
fn a_whitelist_is_never_taken_for_a_blacklist() {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    for (query, own, other) in [
        ("白名单", "whitelist", "blacklist"),
        ("IP白名单不生效", "whitelist", "blacklist"),
        ("allowlist", "whitelist", "blacklist"),
        ("黑名单", "blacklist", "whitelist"),
        ("denylist blocks our domain", "blacklist", "whitelist"),
    ] {
        let hits = index.search(query);
        assert!(!hits.is_empty(), "{query}");
        for hit in &hits {
            let e = &catalog.entries[hit.row];
            let text = format!("{} {}", e.message(), e.keywords().join(" ")).to_lowercase();
            // Listed through another word of the query ("ip") it may be, but then
            // not as matching every word.
            let alone = !query.contains(' ') && !query.to_lowercase().contains("ip");
            assert!(
                !text.contains(other) || text.contains(own) || (!alone && !hit.complete),
                "{query}: {} {} holds only {other}",
                e.code(),
                e.message()
            );
            for why in index.why(&catalog, hit.row, query) {
                let why = why.to_string();
                assert!(!why.contains(&format!("\"{other}\"")), "{query}: {why}");
            }
        }
    }
    let first = key(&catalog, index.search("白名单")[0].row);
    assert!(
        [
            "APIG.2021 400",
            "APIG.0405 403",
            "APIG.0402 403",
            "APIG.0302 403"
        ]
        .contains(&first.as_str()),
        "{first}"
    );
}

/// A sentence with a word nothing reads is answered, but not as sure, and "why" names
/// the word.
#[test]
fn chinese_nothing_reads_makes_the_answer_unsure_and_why_names_it() {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    let sentence = "控制台页面加载很慢";
    let hits = index.search(sentence);
    assert!(!hits.is_empty(), "很慢 still finds the slow rows");
    assert!(hits.iter().all(|h| !h.complete));
    let why: Vec<String> = index
        .why(&catalog, hits[0].row, sentence)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        why.iter()
            .any(|w| w.contains("\"控制台页面加载\" matched nothing")),
        "{why:?}"
    );
    // The same words without the unknown ones are sure.
    assert!(index.search("后端超时，网关返回504")[0].complete);
}

/// "X means Y": X is a phrase the query holds, the one that brought Y.
#[test]
fn why_names_the_phrase_of_the_query_that_brought_the_catalog_word() {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    for sentence in [
        "签名过期，客户端时间不同步",
        "令牌过期了，401",
        "账户冻结了怎么解冻",
        "签名密钥名称已存在",
    ] {
        let hits = index.search(sentence);
        for hit in hits.iter().take(3) {
            for why in index.why(&catalog, hit.row, sentence) {
                let why = why.to_string();
                if let Some((said, _)) =
                    why.strip_prefix('"').and_then(|w| w.split_once("\" means"))
                {
                    assert!(sentence.to_lowercase().contains(said), "{sentence}: {why}");
                }
            }
        }
    }
    let row = index.search("账户冻结了怎么解冻")[0].row;
    let why: Vec<String> = index
        .why(&catalog, row, "账户冻结了怎么解冻")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        why.iter()
            .any(|w| w.starts_with("\"账户\" means \"account\"")),
        "{why:?}"
    );
}

/// A status typed at the end of a sentence is the status, and full-width digits read.
#[test]
fn a_status_typed_last_or_full_width_chooses_among_rows_of_one_code() {
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    for (sentence, expected) in [
        ("request too large 414", "APIG.0201 414"),
        ("request entity too large 413", "APIG.0201 413"),
        ("headers too large 494", "APIG.0201 494"),
        ("请求过大 ４１３", "APIG.0201 413"),
    ] {
        assert_eq!(
            key(&catalog, index.search(sentence)[0].row),
            expected,
            "{sentence}"
        );
    }
}
