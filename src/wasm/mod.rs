//! The Wasm module's exports, compiled only for wasm32: the text protocol of `wire`, one string
//! in and one string out per call. The npm package's JS (js/checkout.js) checks and writes JS
//! values as JSON, reads the answers back into plain objects, writes display strings with
//! `Intl.NumberFormat` and throws `CheckoutError`s. Nothing here calls JS, and nothing traps.

use wasm_bindgen::prelude::*;

use crate::wire;

/// Talc instead of the default dlmalloc: a smaller module, and faster allocation (every call
/// allocates). The module is single-threaded (no `atomics`), as `talc` requires here.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The checkout engine behind the package's `Checkout` class.
#[wasm_bindgen]
pub struct Engine {
    inner: wire::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// An engine over the embedded default catalog.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine {
            inner: wire::Engine::new(),
        }
    }

    /// Replaces the catalog (JSON text): `""`, or the failure (`E…`) and the engine unchanged.
    pub fn load(&mut self, catalog: &str) -> String {
        self.inner.load(catalog)
    }

    pub fn quote(&self, order: &str) -> String {
        self.inner.quote(order)
    }

    pub fn validate(&self, order: &str) -> String {
        self.inner.validate(order)
    }

    #[wasm_bindgen(js_name = packageTerms)]
    pub fn package_terms(&self, order: &str) -> String {
        self.inner.package_terms(order)
    }

    #[wasm_bindgen(js_name = installmentOptions)]
    pub fn installment_options(&self, order: &str) -> String {
        self.inner.installment_options(order)
    }

    pub fn verify(&self, order: &str, fingerprint: &str) -> String {
        self.inner.verify(order, fingerprint)
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// The library's version, part of every fingerprint.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}

/// The embedded default catalog as JSON text.
#[wasm_bindgen(js_name = defaultCatalog)]
pub fn default_catalog() -> String {
    crate::catalog::DEFAULT_CATALOG_JSON.to_owned()
}
