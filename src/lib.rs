//! oneplan: the One Plan (แผนเดียวกัน) information system.
pub mod accounts;
pub mod areas;
pub mod audit;
pub mod backup;
pub mod cli;
pub mod committees;
pub mod config;
pub mod db;
pub mod documents;
pub mod error;
pub mod forums;
pub mod i18n;
pub mod plans;
pub mod projects;
pub mod thai;
pub mod web;
