//! oneplan: the One Plan (แผนเดียวกัน) information system.
pub mod accounts;
pub mod areas;
pub mod audit;
pub mod db;
pub mod error;
pub mod thai;
