//! The Wasm module's exports, compiled only for wasm32: the text protocol of `wire`, one string
//! in and one string out per call. The npm package's JS (js/checkout.js) checks and writes JS
//! values as JSON, reads the answers back into plain objects, writes display strings with
//! `Intl.NumberFormat` and throws `CheckoutError`s. Nothing here calls JS, and nothing traps.

use wasm_bindgen::prelude::*;

use crate::io::wire;

/// Talc instead of the default dlmalloc: a smaller module, and faster allocation (every call
/// allocates). The module is single-threaded (no `atomics`), as `talc` requires here.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The checkout engine behind the package's `Checkout` class.
#[wasm_bindgen]
pub struct Engine {
    inner: wire::Engine,
}

/// What [`Engine::call`] does, by number (js/checkout.js names them).
const QUOTE: u32 = 0;
const VALIDATE: u32 = 1;
const PACKAGE_TERMS: u32 = 2;
const INSTALLMENT_OPTIONS: u32 = 3;
const VERIFY: u32 = 4;
const LOAD: u32 = 5;
const RENEWAL: u32 = 6;

#[wasm_bindgen]
impl Engine {
    /// An engine over the embedded default catalog.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine {
            inner: wire::Engine::new(),
        }
    }

    /// Every call through one export (each export costs the module a wrapper): `op` is one of
    /// the constants above, `text` the order (or the catalog, to load), `extra` the fingerprint
    /// to verify, both UTF-8 (the package encodes them with `TextEncoder`, which copies a long
    /// text into the module much faster than wasm-bindgen's string passing). Loading answers `""`
    /// or the failure, and a refused catalog leaves the engine as it was.
    pub fn call(&mut self, op: u32, text: &[u8], extra: &[u8]) -> String {
        let (Ok(text), Ok(extra)) = (std::str::from_utf8(text), std::str::from_utf8(extra)) else {
            return wire::failure(&crate::CheckoutError::single(crate::Problem::new(
                crate::ErrorCode::InvalidInput,
                "",
                "not UTF-8 text",
            )));
        };
        self.dispatch(op, text, extra)
    }
}

impl Engine {
    fn dispatch(&mut self, op: u32, text: &str, extra: &str) -> String {
        match op {
            QUOTE => self.inner.quote(text),
            VALIDATE => self.inner.validate(text),
            PACKAGE_TERMS => self.inner.package_terms(text),
            INSTALLMENT_OPTIONS => self.inner.installment_options(text),
            VERIFY => self.inner.verify(text, extra),
            LOAD => self.inner.load(text),
            RENEWAL => self.inner.renewal(text),
            _ => wire::failure(&crate::CheckoutError::single(crate::Problem::new(
                crate::ErrorCode::InvalidInput,
                "",
                "no such call",
            ))),
        }
    }
}

/// The same calls by name, for Rust callers (the browser tests).
impl Engine {
    pub fn load(&mut self, catalog: &str) -> String {
        self.call(LOAD, catalog.as_bytes(), b"")
    }
    pub fn quote(&mut self, order: &str) -> String {
        self.call(QUOTE, order.as_bytes(), b"")
    }
    pub fn validate(&mut self, order: &str) -> String {
        self.call(VALIDATE, order.as_bytes(), b"")
    }
    pub fn package_terms(&mut self, order: &str) -> String {
        self.call(PACKAGE_TERMS, order.as_bytes(), b"")
    }
    pub fn installment_options(&mut self, order: &str) -> String {
        self.call(INSTALLMENT_OPTIONS, order.as_bytes(), b"")
    }
    pub fn renewal(&mut self, request: &str) -> String {
        self.call(RENEWAL, request.as_bytes(), b"")
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// The library's version and the embedded default catalog (JSON text), as one text: the version,
/// a line break, the catalog.
#[wasm_bindgen]
pub fn about() -> String {
    let mut out = String::from(crate::version());
    out.push('\n');
    out.push_str(crate::catalog::DEFAULT_CATALOG_JSON);
    out
}
