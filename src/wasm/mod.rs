//! The JS skin: the API of SPEC 5 for the browser and Node, compiled only for wasm32. Objects
//! are read by `plain` (JS values to JSON data, refusing what JSON cannot carry) and leave as one
//! JSON text for `JSON.parse`: plain objects, `null` not `undefined`, money as strings.
//! Every failure becomes a `CheckoutError`; nothing here traps.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod plain;

use crate::checkout::Checkout;
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::input::{catalog_from_value, order_from_value};
use crate::money::Fixed;
use crate::order::Order;
use crate::quote::MoneyFormat;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../../js/types.d.ts");

thread_local! {
    /// The package's `CheckoutError` class, handed over by its entry module.
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// `Intl.NumberFormat#format` by locale, currency and digits: building a formatter is slow.
    static FORMATTERS: RefCell<HashMap<String, Option<(JsValue, Function)>>> = RefCell::new(HashMap::new());
}

/// The checkout engine for one catalog.
#[wasm_bindgen(js_name = Checkout)]
pub struct JsCheckout {
    inner: Checkout,
}

#[wasm_bindgen(js_class = Checkout)]
impl JsCheckout {
    /// A checkout over `catalog`, or over the embedded default catalog (example prices) when it is
    /// omitted. Throws a `CheckoutError` with code `INVALID_CATALOG` naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "Catalog")] catalog: Option<JsValue>,
    ) -> Result<JsCheckout, JsValue> {
        let inner = match catalog.filter(|c| !c.is_undefined() && !c.is_null()) {
            None => Checkout::default(),
            Some(value) => {
                let catalog = plain(value, ErrorCode::InvalidCatalog).and_then(catalog_from_value);
                Checkout::new(catalog.map_err(js_error)?).map_err(js_error)?
            }
        };
        Ok(JsCheckout { inner })
    }

    /// The catalog in use, as a plain object.
    #[wasm_bindgen(getter, unchecked_return_type = "Catalog")]
    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.catalog())
    }

    /// The quote of `order`. Throws a `CheckoutError` carrying every problem.
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order = read_js(order)?;
        let quote = self.inner.quote_with(&order, &IntlFormat).map_err(js_error)?;
        to_js(&quote)
    }

    /// Every problem with `order`; empty when it can be quoted. Never throws for a bad order.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let read = plain(order, ErrorCode::InvalidInput).and_then(order_from_value);
        let problems = match read {
            Ok(order) => self.inner.validate(&order),
            Err(e) => e.into_problems(),
        };
        to_js(&problems)
    }

    /// The valid terms for `order.creditPackage`, with dates and price.
    #[wasm_bindgen(js_name = packageTerms, unchecked_return_type = "TermOption[]")]
    pub fn package_terms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order = read_js(order)?;
        to_js(&self.inner.package_terms(&order).map_err(js_error)?)
    }

    /// Every installment count `order` may be paid in, with amounts; `[1]` where not available.
    #[wasm_bindgen(js_name = installmentOptions, unchecked_return_type = "InstallmentOption[]")]
    pub fn installment_options(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    ) -> Result<JsValue, JsValue> {
        let order = read_js(order)?;
        to_js(
            &self
                .inner
                .installment_options_with(&order, &IntlFormat)
                .map_err(js_error)?,
        )
    }

    /// Whether `fingerprint` matches the quote recomputed for `order`.
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] fingerprint: JsValue,
    ) -> Result<bool, JsValue> {
        let order = read_js(order)?;
        let Some(fingerprint) = fingerprint.as_string() else {
            return Err(js_error(CheckoutError::single(Problem::new(
                ErrorCode::InvalidInput,
                "fingerprint",
                "must be a string",
            ))));
        };
        self.inner.verify(&order, &fingerprint).map_err(js_error)
    }
}

/// The library's version, part of every fingerprint.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}

/// Called once by the package's entry module so that failures are instances of its
/// `CheckoutError` class. Without it they are plain `Error`s named `CheckoutError`.
#[wasm_bindgen(js_name = __setCheckoutErrorClass, skip_typescript)]
pub fn set_checkout_error_class(class: Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(class));
}

fn read_js(order: JsValue) -> Result<Order, JsValue> {
    plain(order, ErrorCode::InvalidInput)
        .and_then(order_from_value)
        .map_err(js_error)
}

/// The JS value as plain JSON data first (see `plain`): nothing JSON cannot carry gets through,
/// and the typed reading (`read`) then sees every key, unknown ones included.
fn plain(value: JsValue, code: ErrorCode) -> Result<serde_json::Value, CheckoutError> {
    plain::to_plain(&value).map_err(|r| CheckoutError::single(Problem::new(code, r.path, r.message)))
}

/// Outputs cross as one JSON text that the engine's own `JSON.parse` turns into plain objects:
/// one boundary crossing instead of one per field.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let failed = |message: String| {
        js_error(CheckoutError::single(Problem::new(
            ErrorCode::InvalidInput,
            "",
            message,
        )))
    };
    let text = serde_json::to_string(value).map_err(|e| failed(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| failed("the result could not be handed to JS".into()))
}

/// A `CheckoutError` with `code` and `field` of the first problem, and every problem.
fn js_error(error: CheckoutError) -> JsValue {
    let message = error.to_string();
    let first = error.first();
    let code = JsValue::from_str(first.code.as_str());
    let field = JsValue::from_str(&first.field);
    let problems = serde_json::to_string(error.problems())
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| Array::new().into());
    let class = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(class) = class {
        let args = Array::of4(&JsValue::from_str(&message), &code, &field, &problems);
        if let Ok(err) = Reflect::construct(&class, &args) {
            return err;
        }
    }
    let err = js_sys::Error::new(&message);
    err.set_name("CheckoutError");
    let obj: &Object = err.as_ref();
    for (key, value) in [("code", &code), ("field", &field), ("problems", &problems)] {
        let _ = Reflect::set(obj, &JsValue::from_str(key), value);
    }
    err.into()
}

/// Display strings through the runtime's `Intl.NumberFormat`, for the order's locale.
struct IntlFormat;

/// More locale and currency pairs than one page uses.
const MAX_FORMATTERS: usize = 64;

impl MoneyFormat for IntlFormat {
    fn money(&self, amount: Fixed, currency: &str, locale: Option<&str>) -> String {
        let digits = amount.decimals() as usize;
        let amount = amount.to_string();
        let amount = amount.as_str();
        let key = format!("{}|{currency}|{digits}", locale.unwrap_or(""));
        let formatter = FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            // Locales come from callers: keep the cache bounded whatever they send.
            if cache.len() >= MAX_FORMATTERS && !cache.contains_key(&key) {
                cache.clear();
            }
            cache
                .entry(key)
                .or_insert_with(|| number_format(locale, currency, digits))
                .clone()
        });
        formatter
            .and_then(|(nf, format)| {
                // A decimal string is formatted exactly (Intl.NumberFormat v3), never through f64.
                Reflect::apply(&format, &nf, &Array::of1(&JsValue::from_str(amount))).ok()
            })
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| format!("{currency} {amount}"))
    }
}

/// `new Intl.NumberFormat(locale, { style: "currency", currency, ... })` and its `format`, or
/// `None` where the runtime refuses the locale or the currency.
fn number_format(locale: Option<&str>, currency: &str, digits: usize) -> Option<(JsValue, Function)> {
    let options = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&options, &JsValue::from_str(k), &v).ok();
    set("style", "currency".into())?;
    set("currency", currency.into())?;
    set("minimumFractionDigits", JsValue::from(digits as u32))?;
    set("maximumFractionDigits", JsValue::from(digits as u32))?;
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &"NumberFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let locales = match locale {
        Some(l) => JsValue::from_str(l),
        None => JsValue::UNDEFINED,
    };
    let nf = Reflect::construct(&ctor, &Array::of2(&locales, &options)).ok()?;
    let format: Function = Reflect::get(&nf, &"format".into()).ok()?.dyn_into().ok()?;
    Some((nf, format))
}
