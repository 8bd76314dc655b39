use super::*;

/// What the `toml` crate makes of `text`, written out; None when it refuses it.
fn by_toml(text: &str) -> Option<String> {
    let file: CatalogFile = toml::from_str(text).ok()?;
    Some(format!("{file:?}"))
}

/// What the plain reader makes of `text`, written out; None when it gives up.
fn by_plain(text: &str) -> Option<String> {
    read(text).map(|file| format!("{file:?}"))
}

const HEAD: &str = "[[catalog]]\nid = \"c\"\ntitle = \"C\"\n\n[[entry]]\ncatalog = \"c\"\ncode = \"C.0001\"\nhttp_status = 401\nmessage = \"Bad key.\"\n";

/// Files of the plain form in several layouts: the plain reader reads each, and reads
/// it as the TOML reader does (escapes, Unicode, CRLF, comments, indentation, lists).
#[test]
fn plain_files_read_as_the_toml_reader_reads_them() {
    let files = [
        HEAD.to_string(),
        format!(
            "{HEAD}description = \"Line\\none \\\"quoted\\\" \\\\ tab\\t é \\u00e9 \\U0001F600 签名\"\nsolution = \"\"\n"
        ),
        HEAD.replace('\n', "\r\n"),
        format!("# a catalog\n{HEAD}  keywords = [\"a\", \"b\",]   # trailing\naliases = []\n"),
        format!("{HEAD}\tdetails = [ \"key {{key}} not known\" ,\"expired\" ]\n"),
        format!("{HEAD}category = \"authentication\"\nwho_acts = \"caller\"\n"),
        HEAD.replace("401", "0").replace("C.0001", "C #1 = [x]"),
        format!("{HEAD}\n[[catalog]]\nid = \"d\"\ntitle = \"D\"\nsource = \"https://x/#a\"\n"),
        format!(
            "{}\n[[entry]]\ncatalog = \"c\"\ncode = \"C.2\"\nhttp_status = 65535\nmessage = \"Two\"",
            HEAD
        ),
    ];
    for text in &files {
        let plain = by_plain(text);
        assert!(plain.is_some(), "the plain reader gives up on:\n{text}");
        assert_eq!(plain, by_toml(text), "{text}");
    }
}

/// What is not of the plain form is left to the TOML reader, which then reads it or
/// says what is wrong exactly as before: numbers written other ways, strings of other
/// kinds, escapes of TOML 1.1, sub-tables, repeated or unknown keys, missing fields.
#[test]
fn anything_else_is_left_to_the_toml_reader() {
    let replaced = |from: &str, to: &str| HEAD.replace(from, to);
    let files = [
        replaced("401", "0401"),
        replaced("401", "+401"),
        replaced("401", "4_01"),
        replaced("401", "70000"),
        replaced("401", "401.0"),
        replaced("401", "true"),
        replaced("\"Bad key.\"", "'Bad key.'"),
        replaced("\"Bad key.\"", "\"\"\"Bad key.\"\"\""),
        replaced("Bad key.", "Bad \\e key."),
        replaced("Bad key.", "Bad \\x41 key."),
        replaced("Bad key.", "Bad \\uD800 key."),
        replaced("Bad key.", "Bad \\u00 key."),
        replaced("Bad key.", "Bad \u{1} key."),
        replaced("Bad key.", "Bad \r key."),
        replaced("\"Bad key.\"", "\"Bad key.\"#c"),
        replaced("\"Bad key.\"", "\"Bad key.\" x"),
        replaced("message", "\"message\""),
        replaced("message", "entry.message"),
        replaced("message", "note"),
        replaced("code = \"C.0001\"\n", ""),
        replaced("[[entry]]", "[[ entry ]]"),
        replaced("[[entry]]", "[entry]"),
        replaced("id = \"c\"\ntitle", "id = \"c\"\nid = \"c\"\ntitle"),
        format!("{HEAD}message = \"Again.\"\n"),
        format!("{HEAD}category = \"no such kind\"\n"),
        format!("{HEAD}keywords = [\"a\", 1]\n"),
        format!("{HEAD}keywords = [\n\"a\"]\n"),
        format!("{HEAD}\n[[entry.step]]\ntitle = \"x\"\n"),
        format!("{HEAD}\n[entry.extra]\nModule = \"x\"\n"),
        format!("{HEAD}extra = {{ Module = \"x\" }}\n"),
        format!("key = 1\n{HEAD}"),
        format!("\u{feff}{HEAD}"),
    ];
    for text in &files {
        assert_eq!(by_plain(text), None, "read by the plain reader:\n{text}");
    }
    // And each still loads (or fails) as the TOML reader has it.
    for text in &files {
        let loaded = crate::catalog::parse_catalog(text).map(|c| format!("{:?}", c.entries));
        let file: Result<CatalogFile, _> = toml::from_str(text);
        let by_toml = file
            .map_err(|_| ())
            .and_then(|f| f.into_catalog().map_err(|_| ()));
        assert_eq!(
            loaded.is_ok(),
            by_toml.is_ok(),
            "the verdict changed for:\n{text}"
        );
    }
}

/// Many files made by changing bytes of a plain one into the characters its form turns
/// on (quotes, backslashes, `#`, brackets, blanks, `\r`, digits, escape letters): each
/// the plain reader reads, it reads as the TOML reader does.
#[test]
fn a_file_the_plain_reader_reads_is_read_as_the_toml_reader_reads_it() {
    let base = format!(
        "{HEAD}description = \"a \\\"b\\\" c\\u0041\"\nkeywords = [\"k1\", \"k2\"]\ncategory = \"request\"\n"
    );
    let alphabet: Vec<char> = "\"\\#'[]=, \t\r\nu0e1x_.é".chars().collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut read, mut tried) = (0, 0);
    for _ in 0..20_000 {
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..1 + next(3) {
            let at = next(chars.len());
            chars[at] = alphabet[next(alphabet.len())];
        }
        let text: String = chars.into_iter().collect();
        tried += 1;
        if let Some(plain) = by_plain(&text) {
            read += 1;
            assert_eq!(Some(plain), by_toml(&text), "{text:?}");
        }
    }
    assert!(read > tried / 50, "the plain reader read {read} of {tried}");
}
