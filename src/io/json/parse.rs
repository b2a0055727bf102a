//! JSON text to JSON data: a strict reader that keeps the path of the value it reads.

use std::borrow::Cow;

use super::{Map, Number, Value, MAX_DEPTH};
use crate::text::{push_index, push_key, repeated};

/// Objects with more keys than this look for a duplicate through a set, not a scan.
const SCAN_KEYS: usize = 16;

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

    /// One JSON value. Kept whole: a match over every kind of token a value can start with.
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
