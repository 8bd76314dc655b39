//! Reading error tables from documentation sources into catalog rows.

pub mod rst;
pub mod table;
