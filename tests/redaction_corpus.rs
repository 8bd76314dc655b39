//! Credentials as they reach a support engineer: in curl transcripts, SDK logs, Python
//! dicts, shells, HAR files, config files and URLs. For each form, redaction must remove
//! the secret and keep the evidence around it (code, status, request id).

use apig_explorer::{Catalog, analyze, redact};

/// (what it is, the text, the secret that must go).
const FORMS: &[(&str, &str, &str)] = &[
    // Headers in raw HTTP and curl -v.
    (
        "raw Authorization",
        "Authorization: Bearer eyJhbGciOi.secretpart1234",
        "secretpart1234",
    ),
    (
        "curl > Authorization",
        "> Authorization: SDK-HMAC-SHA256 Access=AKID1111, SignedHeaders=host, Signature=abcd1234ef",
        "abcd1234ef",
    ),
    (
        "curl > Access key",
        "> Authorization: SDK-HMAC-SHA256 Access=AKIDSECRET77, SignedHeaders=host, Signature=ffee",
        "AKIDSECRET77",
    ),
    (
        "Proxy-Authorization",
        "Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "dXNlcjpwYXNzd29yZA==",
    ),
    (
        "X-Auth-Token",
        "X-Auth-Token: gAAAAABkSecretTokenValue99",
        "gAAAAABkSecretTokenValue99",
    ),
    (
        "X-Subject-Token",
        "< X-Subject-Token: subjecttoken0042secret",
        "subjecttoken0042secret",
    ),
    (
        "X-Security-Token",
        "X-Security-Token: securitytokenvalue4711",
        "securitytokenvalue4711",
    ),
    (
        "Cookie header",
        "Cookie: SESSION=abc123def456; theme=dark",
        "abc123def456",
    ),
    (
        "Set-Cookie header",
        "< Set-Cookie: auth=cookievalue987654; Path=/; HttpOnly",
        "cookievalue987654",
    ),
    (
        "lower-case authorization",
        "authorization: bearer tokentoken1234",
        "tokentoken1234",
    ),
    (
        "HTTP/2 header",
        "> x-auth-token: h2tokenvalue5555",
        "h2tokenvalue5555",
    ),
    (
        "X-Api-Key header",
        "X-Api-Key: live_api_key_887766",
        "live_api_key_887766",
    ),
    (
        "X-Amz-Security-Token",
        "X-Amz-Security-Token: FwoGZXIvYXdzSECRET",
        "FwoGZXIvYXdzSECRET",
    ),
    // curl command lines.
    (
        "curl -H single quotes",
        "curl -H 'Authorization: Bearer curlbearer12345' https://api.example.com/v1",
        "curlbearer12345",
    ),
    (
        "curl -H double quotes",
        "curl -sv -H \"X-Auth-Token: curltoken9876543\" https://x",
        "curltoken9876543",
    ),
    (
        "curl -u",
        "curl -u admin:Sup3rSecretPw https://api.example.com",
        "Sup3rSecretPw",
    ),
    (
        "curl --user",
        "curl --user 'svc:an0ther-pass' https://x",
        "an0ther-pass",
    ),
    (
        "curl -b",
        "curl -b 'JSESSIONID=cookiejar5544' https://x",
        "cookiejar5544",
    ),
    (
        "curl --cookie",
        "curl --cookie \"sid=cookie-2-value-11\" https://x",
        "cookie-2-value-11",
    ),
    (
        "curl -d form",
        "curl -d 'username=bob&password=formpass321&grant_type=password' https://iam",
        "formpass321",
    ),
    // Bearer tokens in log text.
    (
        "log Bearer",
        "2026-11-27 ERROR call failed with Bearer logbearer4455667 after retry",
        "logbearer4455667",
    ),
    (
        "log Authorization=",
        "DEBUG headers Authorization=Bearer logauth998877",
        "logauth998877",
    ),
    (
        "python dict Authorization",
        "{'Authorization': 'Bearer pydictsecret321', 'Content-Type': 'application/json'}",
        "pydictsecret321",
    ),
    (
        "python dict token",
        "headers = {'X-Auth-Token': 'pytokenvalue000111'}",
        "pytokenvalue000111",
    ),
    (
        "Java header map",
        "headers={Authorization=[Bearer javamaptoken777], Host=[x]}",
        "javamaptoken777",
    ),
    // JSON bodies and configs.
    (
        "JSON password",
        "{\"user\": \"bob\", \"password\": \"jsonpass1234\"}",
        "jsonpass1234",
    ),
    (
        "JSON password with spaces",
        "{\"password\": \"correct horse battery staple\"}",
        "correct horse battery staple",
    ),
    (
        "JSON password with escaped quotes",
        "{\"password\": \"pa\\\"ss\\\"word99\"}",
        "ss\\\"word99",
    ),
    (
        "JSON app_secret",
        "{\"app_key\":\"k\",\"app_secret\":\"appsecretvalue42\"}",
        "appsecretvalue42",
    ),
    (
        "JSON client_secret",
        "{\"client_id\":\"c1\",\"client_secret\":\"oauthclientsecret9\"}",
        "oauthclientsecret9",
    ),
    (
        "JSON refresh_token",
        "{\"refresh_token\":\"rt-1234567890abcdef\"}",
        "rt-1234567890abcdef",
    ),
    (
        "JSON id_token",
        "{\"id_token\":\"idtok.part.sig123\"}",
        "idtok.part.sig123",
    ),
    (
        "JSON access_token",
        "{\"access_token\":\"at_9f8e7d6c5b4a\",\"expires_in\":3600}",
        "at_9f8e7d6c5b4a",
    ),
    (
        "JSON securitytoken",
        "{\"credential\":{\"access\":\"AK1\",\"secret\":\"SK1secret\",\"securitytoken\":\"stsTokenValue1\"}}",
        "stsTokenValue1",
    ),
    (
        "JSON secret nested",
        "{\"credential\":{\"secret\":\"nestedsecret55\"}}",
        "nestedsecret55",
    ),
    (
        "JSON sk",
        "{\"ak\":\"HPUAEXAMPLE01\",\"sk\":\"skvalueexample02\"}",
        "skvalueexample02",
    ),
    (
        "JSON ak",
        "{\"ak\":\"HPUAEXAMPLE01\",\"sk\":\"skvalueexample02\"}",
        "HPUAEXAMPLE01",
    ),
    (
        "escaped JSON password",
        "\"body\": \"{\\\"password\\\":\\\"escapedpass77\\\"}\"",
        "escapedpass77",
    ),
    (
        "escaped JSON token",
        "msg=\"{\\\"token\\\":\\\"escapedtoken88\\\"}\"",
        "escapedtoken88",
    ),
    (
        "JSON apiKey",
        "{\"apiKey\": \"AIzaSyExampleKey123\"}",
        "AIzaSyExampleKey123",
    ),
    (
        "JSON api_key",
        "{\"api_key\": \"apikeyvalue-456\"}",
        "apikeyvalue-456",
    ),
    (
        "JSON private_key",
        "{\"private_key\": \"pkvalue-inline-789\"}",
        "pkvalue-inline-789",
    ),
    (
        "YAML password",
        "db:\n  password: yamlpass2026\n  host: db.local",
        "yamlpass2026",
    ),
    (
        "YAML quoted secret",
        "app_secret: 'yaml quoted secret'",
        "yaml quoted secret",
    ),
    (
        "INI secret",
        "[auth]\nsecret_key = inisecretkey321",
        "inisecretkey321",
    ),
    (
        "properties password",
        "spring.datasource.password=propspass555",
        "propspass555",
    ),
    (
        "XML-ish attribute",
        "<auth password=\"xmlpass444\" user=\"u\"/>",
        "xmlpass444",
    ),
    // Environment and shells.
    (
        "export SDK AK",
        "export HUAWEICLOUD_SDK_AK=HWSDKAKVALUE123",
        "HWSDKAKVALUE123",
    ),
    (
        "export SDK SK",
        "export HUAWEICLOUD_SDK_SK=\"hwsdkskvalue456\"",
        "hwsdkskvalue456",
    ),
    (
        "export with spaces",
        "export DB_PASSWORD=\"my pass word 1\"",
        "my pass word 1",
    ),
    (
        "export single quotes",
        "export API_TOKEN='single quoted tok'",
        "single quoted tok",
    ),
    ("env line", "OS_PASSWORD=openstackpass12", "openstackpass12"),
    ("env AK", "ACCESS_KEY=envaccesskey34", "envaccesskey34"),
    ("env SK", "SECRET_KEY=envsecretkey56", "envsecretkey56"),
    (
        "docker -e",
        "docker run -e APP_SECRET=dockersecret78 image",
        "dockersecret78",
    ),
    (
        "set in Windows",
        "set CLIENT_SECRET=winclientsecret90",
        "winclientsecret90",
    ),
    // URLs.
    (
        "URL userinfo",
        "GET https://bob:urlpassword1@api.example.com/v1",
        "urlpassword1",
    ),
    (
        "JDBC URL",
        "jdbc:mysql://root:jdbcpass22@10.0.0.5:3306/app",
        "jdbcpass22",
    ),
    (
        "JDBC query password",
        "jdbc:postgresql://db:5432/app?user=app&password=jdbcquery33",
        "jdbcquery33",
    ),
    (
        "AMQP URL",
        "amqp://guest:amqppass44@mq.internal:5672/",
        "amqppass44",
    ),
    (
        "Redis URL",
        "redis://:redispass55@cache:6379/0",
        "redispass55",
    ),
    (
        "Mongo URL",
        "mongodb://admin:mongopass66@mongo:27017",
        "mongopass66",
    ),
    (
        "query access_token",
        "GET /v1/items?access_token=querytoken77&page=2",
        "querytoken77",
    ),
    (
        "presigned AWS key id",
        "https://bucket.s3/obj?AWSAccessKeyId=AKIAPRESIGNED1&Expires=1&Signature=presig%2Fabc",
        "AKIAPRESIGNED1",
    ),
    (
        "presigned AWS signature",
        "https://bucket.s3/obj?AWSAccessKeyId=AKIAPRESIGNED1&Expires=1&Signature=presigabc123",
        "presigabc123",
    ),
    (
        "presigned X-Amz-Credential",
        "?X-Amz-Credential=AKIAXAMZ%2F20261127%2Feu&X-Amz-Signature=xamzsig999",
        "AKIAXAMZ",
    ),
    (
        "presigned X-Amz-Signature",
        "?X-Amz-Credential=AKIAXAMZ%2F20261127%2Feu&X-Amz-Signature=xamzsig999",
        "xamzsig999",
    ),
    (
        "OBS presigned",
        "https://obs.example.com/o?AccessKeyId=OBSKEYID12&Expires=2&Signature=obssig34",
        "OBSKEYID12",
    ),
    (
        "query apikey",
        "https://maps.example.com/api?apikey=queryapikey55&q=x",
        "queryapikey55",
    ),
    // Tokens by shape.
    (
        "JWT alone",
        "token was eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sigJWTvalue",
        "eyJzdWIiOiIxMjM0NTY3ODkwIn0",
    ),
    (
        "IAM token in text",
        "MIIEhgYJKoZIhvcNAQcCoIIEdzCCBHMCAQExDTALBglghkgBZQMEAgEwggKQBgkqhkiG9w0BBwGgggKBBIICfXsidG9rZW4iOnsi",
        "MIIEhgYJKoZIhvcNAQcCoIIEdzCCBHMCAQExDTALBglghkgBZQMEAgEwggKQ",
    ),
    (
        "scoped Credential",
        "Authorization=SDK-HMAC-SHA256 Credential=AKSCOPED1/20261127/eu-de/apig/sdk_request, Signature=x",
        "AKSCOPED1",
    ),
    (
        "PEM private key",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
    ),
    (
        "PEM RSA key",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEArsakey\n-----END RSA PRIVATE KEY-----",
        "MIIEowIBAAKCAQEArsakey",
    ),
    (
        "PEM cut off",
        "key:\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIcutoffkey",
        "MHcCAQEEIcutoffkey",
    ),
    (
        "PEM in JSON string",
        "{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIIjsonpem\\n-----END PRIVATE KEY-----\"}",
        "MIIjsonpem",
    ),
    // HAR.
    (
        "HAR header",
        "{\"name\": \"Authorization\", \"value\": \"Bearer harbearer111\"}",
        "harbearer111",
    ),
    (
        "HAR header value first",
        "{\"value\": \"hartoken222\", \"name\": \"X-Auth-Token\"}",
        "hartoken222",
    ),
    (
        "HAR cookie array",
        "\"cookies\": [{\"name\": \"sid\", \"value\": \"harcookie333\"}, {\"name\": \"lang\", \"value\": \"de\"}]",
        "harcookie333",
    ),
    (
        "HAR query string",
        "\"queryString\": [{\"name\": \"token\", \"value\": \"harquery444\"}]",
        "harquery444",
    ),
    (
        "HAR postData form",
        "\"postData\": {\"mimeType\": \"application/x-www-form-urlencoded\", \"text\": \"user=a&password=harpost555\"}",
        "harpost555",
    ),
    (
        "HAR postData JSON",
        "\"postData\": {\"text\": \"{\\\"client_secret\\\":\\\"harpost666\\\"}\"}",
        "harpost666",
    ),
    (
        "HAR set-cookie",
        "{\"name\": \"Set-Cookie\", \"value\": \"auth=harsetcookie777; Path=/\"}",
        "harsetcookie777",
    ),
    // SDK exceptions and logs.
    (
        "Python SDK repr",
        "ClientRequestException(ak=PYSDKAK01, sk=pysdksk02, status_code=401)",
        "pysdksk02",
    ),
    (
        "Go SDK config",
        "config.WithCredential(basic.NewCredentialsBuilder().WithAk(\"GOAK1\").WithSk(\"gosk2\"))",
        "gosk2",
    ),
    ("Java properties", "huaweicloud.sdk.sk=javask3", "javask3"),
    (
        "log key=value",
        "level=error msg=\"auth failed\" secret=logsecret44 code=APIG.0301",
        "logsecret44",
    ),
    (
        "log password with quotes",
        "login attempt password='quoted log pass' rejected",
        "quoted log pass",
    ),
    (
        "Basic credentials",
        "Authorization header was Basic Ym9iOnNlY3JldDE=",
        "Ym9iOnNlY3JldDE=",
    ),
];

/// The evidence of the response around each form: it must survive.
const AROUND: &str = "\n< HTTP/1.1 401 Unauthorized\n< X-Request-Id: 5b9e0c1d2f3a4b5c6d7e8f90\n<\n{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\",\"request_id\":\"5b9e0c1d2f3a4b5c6d7e8f90\"}\n";

#[test]
fn the_corpus_has_at_least_80_forms() {
    assert!(FORMS.len() >= 80, "{} forms", FORMS.len());
}

#[test]
fn every_secret_goes_and_the_evidence_stays() {
    let mut failures = Vec::new();
    for (name, form, secret) in FORMS {
        let text = format!("{form}{AROUND}");
        let out = redact(&text);
        if out.contains(secret) {
            failures.push(format!("{name}: the secret survived in {out:?}"));
        }
        for kept in [
            "APIG.0301",
            "5b9e0c1d2f3a4b5c6d7e8f90",
            "HTTP/1.1 401",
            "verify aksk signature fail",
        ] {
            if !out.contains(kept) {
                failures.push(format!("{name}: {kept} was lost in {out:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_redacted_paste_still_names_the_error() {
    let catalog = Catalog::embedded();
    for (name, form, _) in FORMS {
        let out = redact(&format!("{form}{AROUND}"));
        let a = analyze(&out, &catalog);
        let e = a
            .errors
            .iter()
            .find(|e| e.code.as_deref() == Some("APIG.0301"))
            .unwrap_or_else(|| panic!("{name}: no APIG.0301 in {out:?}"));
        assert_eq!(e.http_status, Some(401), "{name}");
        assert_eq!(
            e.request_id.as_deref(),
            Some("5b9e0c1d2f3a4b5c6d7e8f90"),
            "{name}"
        );
    }
}
