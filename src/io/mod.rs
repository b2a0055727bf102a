//! Input and transport: JSON text and data (`json`), the typed readers of orders and catalogs
//! (`read`, with `input` as the way in), and the text protocol of the Wasm module (`wire`).
//! The rules never import this folder.

pub mod input;
pub mod json;
mod read;
pub mod wire;
