//! JSON data, read and written by hand. Every input reaches the typed reader (`read`) as this
//! data: orders and catalogs as JSON text natively, and as the JSON text the npm package writes
//! from JS values in the browser. A key given twice is refused with its path (keeping one
//! silently could make the browser price what the backend does not). Numbers stay as written:
//! the library reads whole numbers only, and never floats.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Deeper than any order or catalog nests.
pub const MAX_DEPTH: usize = 64;
/// Objects with more keys than this look for a duplicate through a set, not a scan.
const SCAN_KEYS: usize = 16;

/// JSON data. Texts borrow from the JSON text they were read from where they hold no escape
/// (most do), so reading an order copies few strings.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number<'a>),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Map<'a>),
}

/// A JSON number: a whole number from 0 to `u64::MAX`, or any other number kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Number<'a> {
    Whole(u64),
    Other(Cow<'a, str>),
}

/// An object's keys and values, in the order they were written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

impl<'a> Map<'a> {
    pub fn new() -> Map<'a> {
        Map(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().find(|(k, _)| same(k, key)).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing its value where it is already present.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Value<'_> {
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::Whole(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as JSON text, appended to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(s) => write_str(out, s),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string, quoted and escaped, appended to `out`.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\x08' => "\\b",
            b'\x0c' => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            for nibble in [b >> 4, b & 15] {
                out.push(char::from(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0')));
            }
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Whole(n) => write!(f, "{n}"),
            Number::Other(text) => f.write_str(text),
        }
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Number(Number::Whole(u64::from(n)))
    }
}

impl From<u64> for Value<'_> {
    fn from(n: u64) -> Self {
        Value::Number(Number::Whole(n))
    }
}

impl From<&str> for Value<'_> {
    fn from(s: &str) -> Self {
        Value::String(Cow::Owned(s.to_owned()))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::String(Cow::Owned(s))
    }
}

impl<'a, T: Into<Value<'a>>> From<Vec<T>> for Value<'a> {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(Number::Whole(n)) => s.serialize_u64(*n),
            // Only numbers read from input are kept as written; outputs hold whole numbers.
            Value::Number(Number::Other(text)) => s.serialize_str(text),
            Value::String(text) => s.serialize_str(text),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(map) => map.serialize(s),
        }
    }
}

impl Serialize for Map<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            out.serialize_entry(k, v)?;
        }
        out.end()
    }
}

/// Why JSON text could not be read, and where (the path of the value being read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub path: String,
    pub message: String,
}

/// Reads one JSON value that makes up the whole of `text` (whitespace around it aside).
///
/// # Errors
/// [`ParseError`] for text that is not JSON, nests deeper than [`MAX_DEPTH`], or gives a key
/// twice in one object.
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        path: Vec::with_capacity(8),
    };
    let value = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.fail("trailing characters after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Where the value being read sits, written out only for an error.
    path: Vec<Seg<'a>>,
}

enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

impl<'a> Parser<'a> {
    fn path(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => push_key(&mut out, k),
                Seg::Index(i) => push_index(&mut out, *i),
            }
        }
        out
    }

    fn fail(&self, message: &str) -> ParseError {
        ParseError {
            path: self.path(),
            message: message.to_owned(),
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    #[inline(always)]
    fn eat_byte(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.space();
        match self.peek() {
            None => Err(self.fail("unexpected end of the JSON text")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(_) if self.eat("null") => Ok(Value::Null),
            Some(_) if self.eat("true") => Ok(Value::Bool(true)),
            Some(_) if self.eat("false") => Ok(Value::Bool(false)),
            Some(_) => Err(self.fail("expected a JSON value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.eat_byte(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            self.path.push(Seg::Index(items.len()));
            items.push(self.value(depth + 1)?);
            self.path.pop();
            self.space();
            if self.eat_byte(b',') {
                continue;
            }
            if self.eat_byte(b']') {
                return Ok(Value::Array(items));
            }
            return Err(self.fail("expected `,` or `]` in an array"));
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        self.at += 1;
        let mut entries: Vec<(Cow<'a, str>, Value<'a>)> = Vec::with_capacity(8);
        self.space();
        if self.eat_byte(b'}') {
            return Ok(Value::Object(Map(entries)));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.path.push(Seg::Key(key.clone()));
            if entries.len() < SCAN_KEYS && entries.iter().any(|(k, _)| *k == key) {
                return Err(self.duplicate(&key));
            }
            self.space();
            if !self.eat_byte(b':') {
                return Err(self.fail("expected `:` after a key"));
            }
            let value = self.value(depth + 1)?;
            self.path.pop();
            entries.push((key, value));
            self.space();
            if self.eat_byte(b',') {
                continue;
            }
            if self.eat_byte(b'}') {
                if entries.len() > SCAN_KEYS {
                    self.no_duplicates(&entries)?;
                }
                return Ok(Value::Object(Map(entries)));
            }
            return Err(self.fail("expected `,` or `}` in an object"));
        }
    }

    fn duplicate(&self, key: &str) -> ParseError {
        ParseError {
            path: self.path(),
            message: format!("duplicate field `{key}`"),
        }
    }

    /// Past the scan size, the keys are checked once the object is read, by sorting them; the
    /// first key given a second time is named.
    fn no_duplicates(&mut self, entries: &[(Cow<'a, str>, Value<'a>)]) -> Result<(), ParseError> {
        let keys: Vec<&[u8]> = entries.iter().map(|(k, _)| k.as_bytes()).collect();
        let first_repeat = repeated(&keys).iter().position(|twice| *twice);
        match first_repeat.and_then(|i| entries.get(i)).map(|(k, _)| k.as_ref()) {
            Some(k) => {
                self.path.push(Seg::Key(Cow::Owned((*k).to_owned())));
                let e = self.duplicate(k);
                self.path.pop();
                Err(e)
            }
            None => Ok(()),
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.at += 1;
        // Most strings hold no escape: they are borrowed from the text as they stand.
        let start = self.at;
        let mut end = start;
        while let Some(&b) = self.bytes.get(end) {
            if b == b'"' {
                let text: &'a str = self.text;
                self.at = end + 1;
                return Ok(Cow::Borrowed(text.get(start..end).unwrap_or_default()));
            }
            if b == b'\\' || b < 0x20 {
                break;
            }
            end += 1;
        }
        let mut out = String::new();
        let mut plain = self.at;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.fail("unterminated string"));
            };
            match b {
                b'"' => {
                    out.push_str(self.text.get(plain..self.at).unwrap_or_default());
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    out.push_str(self.text.get(plain..self.at).unwrap_or_default());
                    self.at += 1;
                    self.escape(&mut out)?;
                    plain = self.at;
                }
                0..=0x1f => return Err(self.fail("control character in a string: escape it")),
                _ => self.at += 1,
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.fail("unterminated string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = if (0xd800..0xdc00).contains(&high) {
                    if !self.eat("\\u") {
                        return Err(self.fail("unpaired surrogate in a string"));
                    }
                    let low = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&low) {
                        return Err(self.fail("unpaired surrogate in a string"));
                    }
                    0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
                } else if (0xdc00..0xe000).contains(&high) {
                    return Err(self.fail("unpaired surrogate in a string"));
                } else {
                    high
                };
                char::from_u32(code).ok_or_else(|| self.fail("invalid escape in a string"))?
            }
            _ => return Err(self.fail("invalid escape in a string")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.fail("invalid escape in a string"))?;
        let mut n = 0;
        for d in digits {
            let v = char::from(*d)
                .to_digit(16)
                .ok_or_else(|| self.fail("invalid escape in a string"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    fn number(&mut self) -> Result<Number<'a>, ParseError> {
        let start = self.at;
        let negative = self.eat_byte(b'-');
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(b'0'..=b'9') = p.peek() {
                p.at += 1;
            }
            p.at - from
        };
        let int_start = self.at;
        let int_len = digits(self);
        let leading_zero = int_len > 1 && self.bytes.get(int_start) == Some(&b'0');
        if int_len == 0 || leading_zero {
            return Err(self.fail("invalid number"));
        }
        let mut whole = true;
        if self.eat_byte(b'.') {
            whole = false;
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            whole = false;
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        let all: &'a str = self.text;
        let text = all.get(start..self.at).unwrap_or_default();
        let int = all.get(int_start..int_start + int_len).unwrap_or_default();
        if whole && (!negative || int == "0") {
            if let Ok(n) = int.parse::<u64>() {
                return Ok(Number::Whole(n));
            }
        }
        Ok(Number::Other(Cow::Borrowed(text)))
    }
}

/// For each item, whether an equal one comes before it: duplicates found by sorting, so that a
/// list of thousands is checked as fast as a small one. Items are compared as bytes, ties by
/// position, so that the first of equal items sorts first.
pub(crate) fn repeated(items: &[&[u8]]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    heapsort(&mut order, |a, b| (items.get(a), a) < (items.get(b), b));
    let mut out = vec![false; items.len()];
    for pair in order.windows(2) {
        if let (Some(&a), Some(&b)) = (pair.first(), pair.get(1)) {
            if items.get(a) == items.get(b) {
                if let Some(flag) = out.get_mut(b) {
                    *flag = true;
                }
            }
        }
    }
    out
}

/// Sorts `items` by `less` (a strict order) in place: a heapsort, which is a few hundred bytes of
/// Wasm where the standard library's sort weighed 2.4 KB for this one use.
fn heapsort(items: &mut [usize], less: impl Fn(usize, usize) -> bool) {
    let at = |items: &[usize], i: usize| items.get(i).copied().unwrap_or_default();
    // Moves the item at `root` down until it is no less than its children, within `..end`.
    let sift = |items: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(at(items, child), at(items, child + 1)) {
            child += 1;
        }
        if !less(at(items, root), at(items, child)) {
            return;
        }
        items.swap(root, child);
        root = child;
    };
    let n = items.len();
    for root in (0..n / 2).rev() {
        sift(items, root, n);
    }
    for end in (1..n).rev() {
        items.swap(0, end);
        sift(items, 0, end);
    }
}

/// Whether two short texts (keys, field names) are equal, compared in place: a call to `memcmp`
/// for each key looked up cost more than the comparison in the Wasm build.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// `n` in decimal, written into the end of `buf` without the formatting machinery (paths, wire
/// values, descriptions and catalog keys are written on every keystroke).
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    while let Some(slot) = start.checked_sub(1).and_then(|i| buf.get_mut(i)) {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(start..)
        .and_then(|d| std::str::from_utf8(d).ok())
        .unwrap_or("0")
}

/// Appends an array index to a field path: `a[0]`.
pub fn push_index(path: &mut String, index: usize) {
    path.push('[');
    path.push_str(decimal(index as u64, &mut [0; 20]));
    path.push(']');
}

/// Appends `key` to a field path: `a.b` for keys of letters, digits, `_` and `$` (identifiers,
/// and counts such as the `9` of a commission table), `a["odd key"]` (a JSON string) for anything
/// else, so that every path reads unambiguously whatever keys the input holds.
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        write_str(path, key);
        path.push(']');
    }
}

/// A path of `base` and one more key, quoted where needed.
pub fn join_key(base: &str, key: &str) -> String {
    let mut out = String::with_capacity(base.len() + key.len() + 1);
    out.push_str(base);
    push_key(&mut out, key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ParseError {
        parse(text).unwrap_err()
    }

    #[test]
    fn heapsort_sorts_and_repeated_flags_every_later_copy() {
        for n in 0..70u32 {
            let words: Vec<Vec<u8>> = (0..n)
                .map(|i| vec![b'a' + (i.wrapping_mul(7_919) % 11) as u8, (i % 3) as u8])
                .collect();
            let items: Vec<&[u8]> = words.iter().map(|w| &w[..]).collect();
            let mut sorted: Vec<usize> = (0..items.len()).collect();
            heapsort(&mut sorted, |a, b| (items[a], a) < (items[b], b));
            let mut expected: Vec<usize> = (0..items.len()).collect();
            expected.sort_by_key(|&i| (items[i], i));
            assert_eq!(sorted, expected, "{n} items");
            let naive: Vec<bool> = (0..items.len()).map(|i| items[..i].contains(&items[i])).collect();
            assert_eq!(repeated(&items), naive, "{n} items");
        }
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

    #[test]
    fn paths_quote_odd_keys() {
        assert_eq!(join_key("", "a"), "a");
        assert_eq!(join_key("a", "b_$9"), "a.b_$9");
        assert_eq!(join_key("a", "a.b"), r#"a["a.b"]"#);
        assert_eq!(join_key("", ""), r#"[""]"#);
        let mut p = String::from("x");
        push_index(&mut p, 120);
        assert_eq!(p, "x[120]");
        assert_eq!(decimal(0, &mut [0; 20]), "0");
        assert_eq!(decimal(u64::MAX, &mut [0; 20]), "18446744073709551615");
    }
}
