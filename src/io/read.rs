//! JSON data to the typed order and catalog, by hand: every field read by name with its path,
//! unknown keys refused, objects required where objects belong. One reader for every runtime
//! (JSON text natively, JS values in the browser), without serde's generic machinery, which
//! weighed a fifth of the browser build.

use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::io::json::{Map, Value};
use crate::period::IsoDate;
use crate::rules::money::Amount;
use crate::text::{push_index, push_key, same};

mod catalog;
mod order;

pub(crate) use catalog::catalog;
pub(crate) use order::{account, order, renewal_request};

type Res<T> = Result<T, CheckoutError>;

/// Reads with one problem code: `INVALID_INPUT` for orders, `INVALID_CATALOG` for catalogs.
#[derive(Clone, Copy)]
pub(crate) struct Reader {
    code: ErrorCode,
}

/// Where a value sits: a chain of keys and indices on the stack, written out as a field path
/// (`a.b[0]`) only when a problem names it.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    up: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        up: None,
        seg: Seg::Root,
    };

    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            up: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            up: Some(self),
            seg: Seg::Index(index),
        }
    }

    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.up;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => push_key(&mut out, k),
                Seg::Index(i) => push_index(&mut out, *i),
            }
        }
        out
    }
}

/// The value of an optional field, `None` where it is absent or `null` (one copy of the lookup for
/// every instance of [`Reader::opt`]).
#[inline(never)]
fn given<'v>(o: &Obj<'v>, key: &str) -> Option<&'v Value<'v>> {
    o.map.get(key).filter(|v| !matches!(v, Value::Null))
}

/// An object being read: its fields and where it sits.
struct Obj<'a> {
    map: &'a Map<'a>,
    path: &'a Path<'a>,
}

impl Reader {
    pub(crate) fn new(code: ErrorCode) -> Reader {
        Reader { code }
    }

    fn fail(self, path: &Path<'_>, message: impl Into<String>) -> CheckoutError {
        CheckoutError::single(Problem::new(self.code, path.render(), message))
    }

    /// The object at `path`, whose keys must all be among `fields`.
    fn object<'a>(self, v: &'a Value, path: &'a Path<'a>, fields: &[&str]) -> Res<Obj<'a>> {
        let Value::Object(map) = v else {
            return Err(self.fail(path, format!("must be an object, not {}", kind(v))));
        };
        if let Some(unknown) = map.keys().find(|k| !fields.iter().any(|f| same(f, k))) {
            return Err(self.fail(
                &path.key(unknown),
                format!(
                    "unknown field `{unknown}`, expected one of {}",
                    listed(fields, "")
                ),
            ));
        }
        Ok(Obj { map, path })
    }

    /// A required field: absent is refused; `null` is left to the value's own reader, which
    /// refuses it.
    fn req<T>(self, o: &Obj<'_>, key: &str, read: impl FnOnce(Self, &Value, &Path<'_>) -> Res<T>) -> Res<T> {
        let path = o.path.key(key);
        read(self, self.present(o, key, &path)?, &path)
    }

    /// The value of a required field, or the problem of its absence: apart from [`Reader::req`],
    /// whose every instance would otherwise carry its own copy of the lookup and the message.
    #[inline(never)]
    fn present<'v>(self, o: &Obj<'v>, key: &str, path: &Path<'_>) -> Res<&'v Value<'v>> {
        o.map
            .get(key)
            .ok_or_else(|| self.fail(path, format!("missing field `{key}`")))
    }

    /// An optional field: absent and `null` are `None`.
    fn opt<T>(
        self,
        o: &Obj<'_>,
        key: &str,
        read: impl FnOnce(Self, &Value, &Path<'_>) -> Res<T>,
    ) -> Res<Option<T>> {
        match given(o, key) {
            None => Ok(None),
            Some(v) => read(self, v, &o.path.key(key)).map(Some),
        }
    }

    fn string(self, v: &Value, path: &Path<'_>) -> Res<String> {
        match v {
            Value::String(s) => Ok(s.to_string()),
            other => Err(self.fail(path, format!("must be a string, not {}", kind(other)))),
        }
    }

    fn u64(self, v: &Value, path: &Path<'_>) -> Res<u64> {
        v.as_u64()
            .ok_or_else(|| self.fail(path, format!("must be a whole number, not {}", kind(v))))
    }

    fn u32(self, v: &Value, path: &Path<'_>) -> Res<u32> {
        self.u64(v, path).and_then(|n| {
            u32::try_from(n).map_err(|_| self.fail(path, "must be a whole number from 0 to 4294967295"))
        })
    }

    fn bool(self, v: &Value, path: &Path<'_>) -> Res<bool> {
        v.as_bool()
            .ok_or_else(|| self.fail(path, format!("must be true or false, not {}", kind(v))))
    }

    fn date(self, v: &Value, path: &Path<'_>) -> Res<IsoDate> {
        v.as_str().and_then(IsoDate::parse).ok_or_else(|| {
            self.fail(
                path,
                format!("must be a date written YYYY-MM-DD, not {}", kind(v)),
            )
        })
    }

    fn amount(self, v: &Value, path: &Path<'_>) -> Res<Amount> {
        v.as_str().and_then(Amount::parse).ok_or_else(|| {
            self.fail(
                path,
                format!(
                    "must be a non-negative decimal string such as \"12.50\", not {}",
                    kind(v)
                ),
            )
        })
    }

    fn choice<T: Copy>(self, v: &Value, path: &Path<'_>, options: &[(&str, T)]) -> Res<T> {
        let found = v
            .as_str()
            .and_then(|s| options.iter().find(|(name, _)| *name == s));
        found.map(|(_, t)| *t).ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            self.fail(
                path,
                format!("must be one of {}, not {}", listed(&names, "\""), kind(v)),
            )
        })
    }

    fn list<T>(
        self,
        v: &Value,
        path: &Path<'_>,
        read: impl Fn(Self, &Value, &Path<'_>) -> Res<T>,
    ) -> Res<Vec<T>> {
        let items = self.array(v, path)?;
        // A plain loop: collecting into `Res<Vec<T>>` costs every instance an adapter chain.
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(read(self, item, &path.index(i))?);
        }
        Ok(out)
    }

    /// The items of the array at `path` (the part of [`Reader::list`] that needs no copy per type).
    #[inline(never)]
    fn array<'v>(self, v: &'v Value<'v>, path: &Path<'_>) -> Res<&'v [Value<'v>]> {
        match v {
            Value::Array(items) => Ok(items),
            _ => Err(self.fail(path, format!("must be an array, not {}", kind(v)))),
        }
    }
}

/// `a, b, c` (each within `quote`), for messages.
fn listed(items: &[&str], quote: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(quote);
        out.push_str(item);
        out.push_str(quote);
    }
    out
}

/// What a value is, for messages: `a string "x"`, `null`, `an object`...
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the string {v}"),
        Value::String(_) => "a long string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}
