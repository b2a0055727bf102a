//! Rows into records; JSON columns that do not parse read as null.

use serde_json::Value;

use crate::store::{AccountRecord, OrderRecord, UserRecord};

fn json_column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Value> {
    let text: Option<String> = row.get(i)?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null))
}

pub fn account_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRecord> {
    Ok(AccountRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        locale: row.get(2)?,
        account: json_column(row, 3)?,
        credit_package: json_column(row, 4)?,
        renewed_until: row.get(5)?,
    })
}

pub fn user_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<UserRecord> {
    Ok(UserRecord {
        id: row.get(0)?,
        email: row.get(1)?,
        name: row.get(2)?,
        password_hash: row.get(3)?,
        account_id: row.get(4)?,
        role: row.get(5)?,
    })
}

pub fn order_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<OrderRecord> {
    Ok(OrderRecord {
        number: row.get(0)?,
        created_at: row.get(1)?,
        account_id: row.get(2)?,
        total: row.get(3)?,
        currency: row.get(4)?,
        status: row.get(5)?,
        description: row.get(6)?,
        invoice: row.get(7)?,
        order: json_column(row, 8)?,
        quote: json_column(row, 9)?,
        payment: json_column(row, 10)?,
        document_number: row.get::<_, Option<i64>>(11)?.unwrap_or(0),
        kind: row.get(12)?,
    })
}
