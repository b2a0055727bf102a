//! JS values to plain JSON data, safely. Only what JSON could carry gets through: plain objects
//! (their own enumerable string keys), arrays, strings, finite numbers, booleans and null; a key
//! whose value is `undefined` is absent. Everything else is refused with its path: NaN and
//! infinities, BigInt, functions, symbols, Dates, Maps and other class instances, unpaired
//! surrogates, getters and proxies that throw, and nesting deeper than any order (which also
//! stops cyclic objects). Reading never runs into a trap and never touches a prototype.

use js_sys::{Array, JsString, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::input::push_key;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf, catch)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;
    // Array.isArray throws on a revoked proxy: every import that may throw is caught.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// A JS string, for `String.prototype.isWellFormed` (missing from older engines).
    type WellFormed;
    #[wasm_bindgen(method, js_name = isWellFormed, catch)]
    fn is_well_formed(this: &WellFormed) -> Result<bool, JsValue>;
}

/// Deeper than any order or catalog nests.
const MAX_DEPTH: usize = 16;
/// More values than any order or catalog holds; shared references to large arrays could
/// otherwise make a small object take minutes to read.
const MAX_VALUES: usize = 20_000;
/// Integers up to 2^53 are exact in a JS number.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Where a value could not be read, and why.
pub struct Refused {
    pub path: String,
    pub message: String,
}

/// Converts `value` to plain JSON data.
///
/// # Errors
/// [`Refused`] with the path of the first value JSON cannot carry.
pub fn to_plain(value: &JsValue) -> Result<Value, Refused> {
    let object_prototype = prototype_of(&Object::new()).unwrap_or(JsValue::NULL);
    let date_prototype = prototype_of(&js_sys::Date::new_0()).unwrap_or(JsValue::NULL);
    Reader {
        object_prototype,
        date_prototype,
        budget: MAX_VALUES,
    }
    .read(value, &mut String::new(), 0)
}

struct Reader {
    object_prototype: JsValue,
    date_prototype: JsValue,
    /// Values still allowed in this input.
    budget: usize,
}

fn refuse(path: &str, message: &str) -> Refused {
    Refused {
        path: path.to_owned(),
        message: message.to_owned(),
    }
}

impl Reader {
    fn read(&mut self, value: &JsValue, path: &mut String, depth: usize) -> Result<Value, Refused> {
        if depth > MAX_DEPTH {
            return Err(refuse(path, "nested too deeply (or refers to itself)"));
        }
        self.budget = self
            .budget
            .checked_sub(1)
            .ok_or_else(|| refuse(path, "holds more values than any order"))?;
        if value.is_null() {
            return Ok(Value::Null);
        }
        if let Some(b) = value.as_bool() {
            return Ok(Value::Bool(b));
        }
        if let Some(n) = value.as_f64() {
            return number(n).ok_or_else(|| refuse(path, "must be a finite number"));
        }
        if let Some(text) = value.dyn_ref::<JsString>() {
            let s = String::from(text);
            // A replacement character may stand for an unpaired surrogate that the conversion
            // replaced: ask JS, rarely.
            if s.contains('\u{fffd}') && !well_formed(text) {
                return Err(refuse(
                    path,
                    "contains an unpaired surrogate: not valid Unicode text",
                ));
            }
            return Ok(Value::String(s));
        }
        if value.is_undefined() {
            return Err(refuse(path, "is undefined: a value is required"));
        }
        if value.is_bigint() {
            return Err(refuse(path, "is a BigInt: use a number"));
        }
        if value.is_function() || value.is_symbol() || !value.is_object() {
            return Err(refuse(path, "is not JSON data (a function or a symbol)"));
        }
        if is_array(value).map_err(|_| refuse(path, "could not be read"))? {
            return self.array(value, path, depth);
        }
        let prototype = prototype_of(value).map_err(|_| refuse(path, "could not be read"))?;
        if !prototype.is_null() && prototype != self.object_prototype {
            let message = if prototype == self.date_prototype {
                "is a Date: write dates as \"YYYY-MM-DD\" strings"
            } else {
                "is not a plain object (a Map, a class instance...)"
            };
            return Err(refuse(path, message));
        }
        self.object(value, path, depth)
    }

    fn array(&mut self, value: &JsValue, path: &mut String, depth: usize) -> Result<Value, Refused> {
        let length = Reflect::get(value, &"length".into())
            .ok()
            .and_then(|l| l.as_f64())
            .ok_or_else(|| refuse(path, "could not be read"))?;
        if length > 10_000.0 {
            return Err(refuse(path, "has more than 10,000 items"));
        }
        let mut items = Vec::new();
        for i in 0..length as u32 {
            let mark = path.len();
            path.push_str(&format!("[{i}]"));
            let item = Reflect::get_u32(value, i).map_err(|_| refuse(path, "could not be read"))?;
            let item = if item.is_undefined() {
                Value::Null
            } else {
                self.read(&item, path, depth + 1)?
            };
            path.truncate(mark);
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, value: &JsValue, path: &mut String, depth: usize) -> Result<Value, Refused> {
        let keys = object_keys(value).map_err(|_| refuse(path, "could not be read"))?;
        let mut map = Map::new();
        for key in keys.iter() {
            let Some(name) = key.as_string() else { continue };
            let mark = path.len();
            push_key(path, &name);
            let item =
                Reflect::get(value, &key).map_err(|_| refuse(path, "could not be read (a getter threw)"))?;
            if !item.is_undefined() {
                let read = self.read(&item, path, depth + 1)?;
                map.insert(name, read);
            }
            path.truncate(mark);
        }
        Ok(Value::Object(map))
    }
}

/// Whether a string that holds U+FFFD has no unpaired surrogate: `isWellFormed` where the engine
/// has it, else the code units one by one (slow, but only on this rare path).
fn well_formed(text: &JsString) -> bool {
    match text.unchecked_ref::<WellFormed>().is_well_formed() {
        Ok(ok) => ok,
        Err(_) => text.is_valid_utf16(),
    }
}

/// A JS number as JSON: exact integers as integers (so `-0` is `0`), other finite numbers as
/// floats; `None` for NaN and infinities.
fn number(n: f64) -> Option<Value> {
    if !n.is_finite() {
        return None;
    }
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        // Exact: |n| <= 2^53 - 1 fits an i64 without rounding.
        return Some(Value::Number(Number::from(n as i64)));
    }
    Number::from_f64(n).map(Value::Number)
}
