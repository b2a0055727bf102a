//! Rows into records; JSON columns that do not parse read as null.

use serde_json::Value;
use tokio_postgres::{Error, Row};

use crate::store::{AccountRecord, OrderRecord, UserRecord};

fn json_column(row: &Row, i: usize) -> Result<Value, Error> {
    let text: Option<String> = row.try_get(i)?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null))
}

pub fn account_row(row: &Row) -> Result<AccountRecord, Error> {
    Ok(AccountRecord {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        locale: row.try_get(2)?,
        account: json_column(row, 3)?,
        credit_package: json_column(row, 4)?,
        renewed_until: row.try_get(5)?,
    })
}

pub fn user_row(row: &Row) -> Result<UserRecord, Error> {
    Ok(UserRecord {
        id: row.try_get(0)?,
        email: row.try_get(1)?,
        name: row.try_get(2)?,
        password_hash: row.try_get(3)?,
        account_id: row.try_get(4)?,
        role: row.try_get(5)?,
    })
}

pub fn order_row(row: &Row) -> Result<OrderRecord, Error> {
    Ok(OrderRecord {
        number: row.try_get(0)?,
        created_at: row.try_get(1)?,
        account_id: row.try_get(2)?,
        total: row.try_get(3)?,
        currency: row.try_get(4)?,
        status: row.try_get(5)?,
        description: row.try_get(6)?,
        invoice: row.try_get(7)?,
        order: json_column(row, 8)?,
        quote: json_column(row, 9)?,
        payment: json_column(row, 10)?,
        document_number: row.try_get::<_, Option<i64>>(11)?.unwrap_or(0),
        kind: row.try_get(12)?,
    })
}
