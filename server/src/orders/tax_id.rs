//! The buyer's tax id: an optional `taxId` beside the order in `POST /api/orders`, printed in
//! the invoice's buyer block. The engine's order does not know it (its invoice holds the company
//! name, country and address only): it is checked here and kept in the recorded order's
//! `invoice`, where the invoice reads it.

use serde_json::{json, Map, Value};

use super::Answer;
use crate::app::error_value;

/// The longest tax id taken, in characters, once trimmed.
pub const MAX_CHARS: usize = 40;

/// The body's tax id, trimmed: `None` when it has none (absent, null or blank). Refused (422,
/// at the field `taxId`) when it is not text, is longer than [`MAX_CHARS`], holds a character
/// that does not print, or comes without invoice details.
pub fn read(body: &Value) -> Result<Option<String>, Answer> {
    let raw = match body.get("taxId") {
        None | Some(Value::Null) => return Ok(None),
        Some(raw) => raw,
    };
    let Some(text) = raw.as_str() else {
        return Err(refused("INVALID_TAX_ID", "the tax id must be a string"));
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_CHARS {
        let message = format!("the tax id has more than {MAX_CHARS} characters");
        return Err(refused("INVALID_TAX_ID", &message));
    }
    if let Some(c) = text.chars().find(|&c| !printable(c)) {
        let message = format!(
            "the tax id holds a character that does not print (U+{:04X})",
            u32::from(c)
        );
        return Err(refused("INVALID_TAX_ID", &message));
    }
    if !body.pointer("/order/invoice").is_some_and(Value::is_object) {
        let message = "a tax id goes on an invoice: send it with the order's invoice details";
        return Err(refused("TAX_ID_WITHOUT_INVOICE", message));
    }
    Ok(Some(text.to_owned()))
}

/// Whether `c` leaves a mark or a space on the page: not a control character, nor an invisible
/// format character (zero-width, direction marks and overrides, byte order mark), nor a private
/// or unassigned code point of the kinds a font has no glyph for.
fn printable(c: char) -> bool {
    !(c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFF}' | '\u{E000}'..='\u{F8FF}'
            | '\u{E0000}'..='\u{E007F}')
        || u32::from(c) >= 0xF_0000)
}

/// The recorded order with its tax id in the invoice details (there are some: [`read`]).
pub fn record(order: &mut Value, tax_id: Option<&str>) {
    if let (Some(id), Some(invoice)) = (tax_id, order.get_mut("invoice").and_then(Value::as_object_mut)) {
        invoice.insert("taxId".into(), id.into());
    }
}

fn refused(code: &str, message: &str) -> Answer {
    let mut extra = Map::new();
    extra.insert("field".into(), "taxId".into());
    extra.insert(
        "problems".into(),
        json!([{ "code": code, "field": "taxId", "message": message }]),
    );
    (422, error_value(code, message, extra))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::read;

    fn body(tax_id: &serde_json::Value) -> serde_json::Value {
        json!({ "order": { "invoice": { "companyName": "A", "country": "BR" } }, "fingerprint": "f", "taxId": tax_id })
    }

    fn refusal(tax_id: &serde_json::Value) -> (u16, String) {
        let (status, body) = read(&body(tax_id)).unwrap_err();
        (status, body["error"]["code"].as_str().unwrap().to_owned())
    }

    #[test]
    fn a_tax_id_is_trimmed_and_blank_is_none() {
        assert_eq!(
            read(&body(&json!("  12.345.678/0001-90 "))).unwrap().as_deref(),
            Some("12.345.678/0001-90")
        );
        assert_eq!(read(&body(&json!("   "))).unwrap(), None);
        assert_eq!(read(&body(&json!(null))).unwrap(), None);
        assert_eq!(read(&json!({ "order": {} })).unwrap(), None);
    }

    #[test]
    fn forty_characters_pass_and_forty_one_do_not() {
        // 40 letters, one of them two bytes long: characters are counted, not bytes.
        let forty = format!("É{}", "9".repeat(39));
        assert_eq!(
            read(&body(&json!(forty))).unwrap().as_deref(),
            Some(forty.as_str())
        );
        let too_long = format!("{forty}9");
        assert_eq!(refusal(&json!(too_long)), (422, "INVALID_TAX_ID".into()));
    }

    #[test]
    fn text_that_does_not_print_or_is_not_text_is_refused() {
        for bad in [
            json!("12\n34"),
            json!("12\u{0007}"),
            json!("12\u{200B}34"),
            json!("\u{202E}21"),
            json!(1234),
        ] {
            assert_eq!(refusal(&bad), (422, "INVALID_TAX_ID".into()), "{bad}");
        }
    }

    #[test]
    fn a_tax_id_needs_invoice_details() {
        let body = json!({ "order": {}, "fingerprint": "f", "taxId": "123" });
        let (status, answer) = read(&body).unwrap_err();
        assert_eq!(status, 422);
        assert_eq!(answer["error"]["code"], "TAX_ID_WITHOUT_INVOICE");
        assert_eq!(answer["error"]["field"], "taxId");
        assert_eq!(answer["error"]["problems"][0]["field"], "taxId");
    }
}
