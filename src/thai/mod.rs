//! Thai conventions: digits, Buddhist-era dates, fiscal years, baht, legacy encodings.

pub mod baht;
pub mod dates;
pub mod digits;
pub mod encoding;
pub mod fiscal;
pub mod likeness;
pub mod text;
pub mod words;

#[cfg(test)]
pub(crate) mod fuzz;

pub use baht::{baht_text, format_baht, parse_baht};
pub use dates::{format_date_long, format_date_short, parse_date};
pub use digits::{parse_int, to_arabic_digits, to_thai_digits};
pub use fiscal::{fiscal_quarter, fiscal_year_be, fiscal_year_span};
