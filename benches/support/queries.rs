//! The search benchmark's queries, shared with the test that compares cached and parsed
//! catalogs.

/// Realistic queries: short, long, typos, codes, statuses, several words, no hit, ticket
/// sentences of five to ten words, and Chinese and mixed ticket sentences.
pub(crate) const QUERIES: &[&str] = &[
    "throtling",
    "backend timeout",
    "APIG 0201",
    "svcb.12",
    "429",
    "the request",
    "parameter is invalid",
    "authentcation",
    "qqqxzzv",
    "api",
    "not exist",
    "certificate",
    "quota exceeded",
    "0308",
    "incorrect iam authentication information",
    "domain name",
    "timeout backend service",
    "504",
    "permisions",
    "x",
    "backend timeout on every call",
    "our uploads over 20 MB get refused",
    "gateway hangs then returns 504 every time",
    "customer gets signature mismatch after rotating the aksk",
    "access denied 403 for every request from our app",
    "too many requests when the app calls the api in a loop",
    "流控",
    "签名过期",
    "客户调用API一直返回429，提示流控",
    "客户说调用API返回 401 签名错误 since this morning",
    "后端超时，网关返回504，客户端IP不在白名单",
    // Traditional, one character off (read twice), and only saying something failed.
    "簽名錯誤，後端不可用",
    "签名错吴",
    "调用失败",
];
