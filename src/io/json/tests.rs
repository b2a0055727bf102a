//! The JSON reader and writer.

use super::*;

fn err(text: &str) -> ParseError {
    parse(text).unwrap_err()
}

#[test]
fn reads_every_kind_of_value() {
    let v = parse(r#" {"a": [1, -2, 3.5, 1e3, -0, 18446744073709551616], "b": "x\u00e9\ud83d\ude00\n\"", "c": null, "d": true, "e": false, "f": {}} "#)
        .unwrap();
    let Value::Object(map) = &v else {
        panic!("an object")
    };
    let keys: Vec<&str> = map.keys().collect();
    assert_eq!(keys, ["a", "b", "c", "d", "e", "f"]);
    let Some(Value::Array(a)) = map.get("a") else {
        panic!("an array")
    };
    assert_eq!(a[0].as_u64(), Some(1));
    assert_eq!(a[1], Value::Number(Number::Other("-2".into())));
    assert_eq!(a[2], Value::Number(Number::Other("3.5".into())));
    assert!(matches!(map.get("d"), Some(Value::Bool(true))));
    assert_eq!(a[3].as_u64(), None);
    assert_eq!(a[4].as_u64(), Some(0));
    assert_eq!(a[5], Value::Number(Number::Other("18446744073709551616".into())));
    assert_eq!(map.get("b").and_then(Value::as_str), Some("xé😀\n\""));
    assert_eq!(map.get("c"), Some(&Value::Null));
    assert_eq!(map.get("d").and_then(Value::as_bool), Some(true));
}

#[test]
fn refuses_what_is_not_json() {
    for bad in [
        "",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "NaN",
        "'a'",
        "{a:1}",
        "\"\\x\"",
        "\"\t\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "[1] 2",
        "nul",
        "truex",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn errors_carry_the_path() {
    assert_eq!(err(r#"{"a":{"b":[1,{"c":x}]}}"#).path, "a.b[1].c");
    let dup = err(r#"{"a":{"b":1,"b":2}}"#);
    assert_eq!(
        (dup.path.as_str(), dup.message.as_str()),
        ("a.b", "duplicate field `b`")
    );
    // Past the scan size the set finds it too.
    let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
    let text = format!("{{{},\"k7\":0}}", many.join(","));
    assert_eq!(err(&text).path, "k7");
    assert_eq!(err(r#"{"a b":[}"#).path, r#"["a b"][0]"#);
}

#[test]
fn depth_is_bounded() {
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
    assert_eq!(err(&deep).message, "nested too deeply");
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

#[test]
fn writes_json_that_reads_back() {
    let text = r#"{"a":[1,true,null,"q\"\\\n\u0001é"],"b":{}}"#;
    let v = parse(text).unwrap();
    let mut out = String::new();
    v.write(&mut out);
    assert_eq!(out, text);
    assert_eq!(parse(&out).unwrap(), v);
}
