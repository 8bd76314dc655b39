//! Credentials in layouts that part a value from its name: the next line, HTML markup, a
//! PHP dump, a `;` inside the value, a token wrapped unevenly, an AK and an SK on lines of
//! their own. Each test holds several inputs that differ in wording, language and layout.

use crate::redact::redact;

/// Each secret is gone from its text's redaction, and each kept piece is still there.
fn check(cases: &[(&str, &str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, secret, kept) in cases {
        let out = redact(text);
        if out.contains(secret) {
            failures.push(format!("{secret} survived: {out:?}"));
        }
        failures.extend(
            kept.iter()
                .filter(|k| !out.contains(*k))
                .map(|k| format!("{k:?} was lost: {out:?}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A label that ends its line, the value alone on the next: a chat message, an e-mail
/// quoted with `>`, a phrase of words (`Secret access key:`), a JSON string's written
/// `\n`. The next `key:` or `key=` entry and a sentence under the label stay.
#[test]
fn a_value_alone_on_the_line_after_its_label_goes() {
    check(&[
        ("Password:\nTq8!vLm2Rz04", "Tq8!vLm2Rz04", &["Password:\n"]),
        (
            "hi team,\nthe db password:\n   hX7kq2PzW9v\nthanks",
            "hX7kq2PzW9v",
            &["thanks"],
        ),
        (
            "> pwd:\n> Lr5mN8qZ1xVe\n> regards",
            "Lr5mN8qZ1xVe",
            &["> regards"],
        ),
        (
            "Secret access key:\nQm3Zt8Lw0Pv5Rk2Xn7Ys4Hb9Cd1Fg6Jh2Ka8Ne3W\n",
            "Qm3Zt8Lw0Pv5Rk2Xn7Ys4Hb9Cd1Fg6Jh2Ka8Ne3W",
            &["Secret access key:"],
        ),
        (
            "{\"msg\":\"login failed, Kennwort:\\nWq2Er4Ty6Ui8\"}",
            "Wq2Er4Ty6Ui8",
            &["{\"msg\":\"login failed"],
        ),
    ]);
    for kept in [
        "password:\nuser01: ops\n",
        "Password:\n  must be at least 8 characters long\n",
        "token:\n\nexpired yesterday",
        "DB_PASSWORD=\nDB_HOST=10.0.0.5\n",
        "secret:\nregion=eu-de2\n",
    ] {
        assert_eq!(redact(kept), kept);
    }
}

/// HTML around a label and its value: bold or strong labels, a definition list, table
/// cells of one row or of rows on lines of their own.
#[test]
fn a_value_in_html_markup_goes() {
    check(&[
        (
            "<p><b>Password:</b> Zx4cV6bN8m</p>",
            "Zx4cV6bN8m",
            &["<b>Password:</b> ", "</p>"],
        ),
        (
            "<li><strong>API key:</strong> <code>k9Jd2Lq7Wm4Rt1Vb</code></li>",
            "k9Jd2Lq7Wm4Rt1Vb",
            &["</code></li>"],
        ),
        (
            "<dt>Passwort:</dt><dd>Hm6Tz9Qa2Ws</dd>",
            "Hm6Tz9Qa2Ws",
            &["</dd>"],
        ),
        (
            "<table><tr><td>password</td><td>Yu7Io9Pa1Sd</td></tr></table>",
            "Yu7Io9Pa1Sd",
            &["<td>password</td>"],
        ),
        (
            "<tr>\n  <td>client_secret</td>\n  <td>Nb3Vc5Xz7Lk9Jh1G</td>\n</tr>",
            "Nb3Vc5Xz7Lk9Jh1G",
            &["<td>client_secret</td>"],
        ),
    ]);
}

/// PHP's `var_dump` (the value on the next line, its length given; an object's field
/// marked `:protected`; a quote inside the value) and `print_r` (the value bare to the end
/// of its line, spaces and all). A nested array stays.
#[test]
fn a_php_dump_loses_its_secret_values() {
    check(&[
        (
            "array(2) {\n  [\"user\"]=>\n  string(3) \"ops\"\n  [\"password\"]=>\n  string(11) \"Gh5\"jK8lM0q\"\n}",
            "jK8lM0q",
            &["string(3) \"ops\"", "[\"password\"]=>"],
        ),
        (
            "object(Db)#1 (1) {\n  [\"db_pass\":protected]=>\n  string(10) \"Rt6Yu8Io0P\"\n}",
            "Rt6Yu8Io0P",
            &["[\"db_pass\":protected]=>"],
        ),
        (
            "Array\n(\n    [user] => ops\n    [api_secret] => Df4 Gh6 Jk8 Lz0\n)",
            "Df4 Gh6 Jk8 Lz0",
            &["[user] => ops", "[api_secret] => "],
        ),
        (
            "Array\n(\n    [credentials] => Array\n        (\n            [token] => Pq2Wr4Et6Ty8Ui0\n        )\n)",
            "Pq2Wr4Et6Ty8Ui0",
            &["[credentials] => Array"],
        ),
    ]);
}

/// A `;` inside a value (`ab;cd`) does not end it; a `;` before the next field, a blank or
/// the end of the line does.
#[test]
fn a_semicolon_inside_a_value_does_not_end_it() {
    check(&[
        ("password=Qw3;Er5Ty7", "Er5Ty7", &[]),
        (
            "DB_PASS=a1b2;c3d4e5;f6 ./run.sh",
            "c3d4e5;f6",
            &["./run.sh"],
        ),
        ("secret: Zm9v;YmFy==\n", "YmFy==", &[]),
        (
            "Server=db1;Password=Kx8;Lm2;Database=orders",
            "Lm2",
            &["Database=orders", "Server=db1"],
        ),
        (
            "export TOKEN=Ab12Cd34; echo done",
            "Ab12Cd34",
            &["; echo done"],
        ),
    ]);
}

/// A token wrapped by a mail client whose later lines are longer than its first: every
/// line goes, the text after the token stays.
#[test]
fn a_token_wrapped_with_a_longer_later_line_goes_whole() {
    let first = "MIIQ".to_string() + &"Ab3Cd5Ef7Gh9".repeat(6);
    let second = "Jk2Lm4Np6Qr8".repeat(6);
    let third = "St1Uv3Wx5Yz7".repeat(30);
    for text in [
        format!("X-Auth-Token: {first}\n{second}\n{third}\nregards, Ana"),
        format!("> X-Subject-Token: {first}\n> {second}\n> {third}\n> regards, Ana"),
        format!("token={first}\n{third}\n\nregards, Ana"),
    ] {
        let out = redact(&text);
        for piece in [&first, &second, &third] {
            assert!(!out.contains(piece.as_str()), "{out}");
        }
        assert!(out.contains("regards, Ana"), "{out}");
    }
}

/// An access key id and its secret access key on lines of their own, labelled (`AK:` then
/// `SK:`, in any case, with a list mark or in a mail's quote) or bare.
#[test]
fn an_ak_and_its_sk_on_adjacent_lines_go() {
    let ak = "HPUAQZ7XK2M4N6P8R0T1";
    let sk = "Ws4Ed6Rf8Tg0Yh2Uj4Ik6Ol8Pz1Xc3Vb5Nm7Qa9S";
    for text in [
        format!("AK: {ak}\nSK: {sk}"),
        format!("- ak = {ak}\n- sk = {sk}"),
        format!("> Access Key: {ak}\n> Secret Key: {sk}\n> thanks"),
        format!("credentials below\n{ak}\n{sk}\n"),
        format!("   {sk}\n   {ak}"),
    ] {
        let out = redact(&text);
        assert!(!out.contains(ak) && !out.contains(sk), "{out}");
    }
}
