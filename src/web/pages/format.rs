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

/// A stored moment (RFC 3339, UTC) shown as the day and time in Thailand:
/// "2 ธันวาคม 2569 02:51 น."; text that is not a moment is shown as it is.
pub fn at_th(stored: &str) -> String {
    match time::OffsetDateTime::parse(stored, &time::format_description::well_known::Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::macros::offset!(+7));
            format!(
                "{} {:02}:{:02} น.",
                date_th(&t.date()),
                t.hour(),
                t.minute()
            )
        }
        Err(_) => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_moment_is_shown_as_the_day_and_time_in_thailand() {
        assert_eq!(
            super::at_th("2026-12-01T19:51:05Z"),
            "2 ธันวาคม 2569 02:51 น."
        );
        assert_eq!(super::at_th("not a moment"), "not a moment");
    }
}
