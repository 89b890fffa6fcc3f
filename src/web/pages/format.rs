//! How a page shows dates, amounts and labels in the reader's language.

use crate::dimensions::Dimension;
use crate::i18n::Tr;
use crate::plans::PlanKind;
use crate::thai;

/// A date shown as "15 มีนาคม 2569".
pub fn date_th(d: &time::Date) -> String {
    thai::format_date_long(*d, thai::dates::Digits::Arabic)
}

/// A date stored as ISO text, shown as "15 มีนาคม 2569".
pub fn iso_date_th(iso: &str) -> String {
    match thai::dates::parse_iso(iso) {
        Some(d) => date_th(&d),
        None => iso.to_string(),
    }
}

pub fn baht(satang: i64) -> String {
    thai::format_baht(satang)
}

pub fn dimension_label(t: &Tr, d: Dimension) -> String {
    if t.en() { d.en() } else { d.th() }.to_string()
}

pub fn kind_label(t: &Tr, k: PlanKind) -> String {
    if t.en() { k.en() } else { k.th() }.to_string()
}
