//! The kinds of local administrative organisation (อปท.), and how far one covers an area.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum LaoKind {
    /// องค์การบริหารส่วนจังหวัด
    #[serde(rename = "PAO")]
    Pao,
    #[serde(rename = "ThesabanNakhon")]
    ThesabanNakhon,
    #[serde(rename = "ThesabanMueang")]
    ThesabanMueang,
    #[serde(rename = "ThesabanTambon")]
    ThesabanTambon,
    /// องค์การบริหารส่วนตำบล
    #[serde(rename = "TAO")]
    Tao,
    /// เมืองพัทยา
    #[serde(rename = "SpecialCity")]
    SpecialCity,
    #[serde(rename = "Bangkok")]
    Bangkok,
}

crate::text_enum!(LaoKind);

impl LaoKind {
    pub const ALL: [LaoKind; 7] = [
        LaoKind::Pao,
        LaoKind::ThesabanNakhon,
        LaoKind::ThesabanMueang,
        LaoKind::ThesabanTambon,
        LaoKind::Tao,
        LaoKind::SpecialCity,
        LaoKind::Bangkok,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LaoKind::Pao => "PAO",
            LaoKind::ThesabanNakhon => "ThesabanNakhon",
            LaoKind::ThesabanMueang => "ThesabanMueang",
            LaoKind::ThesabanTambon => "ThesabanTambon",
            LaoKind::Tao => "TAO",
            LaoKind::SpecialCity => "SpecialCity",
            LaoKind::Bangkok => "Bangkok",
        }
    }

    /// The kind as the national files write it: the stored word or the Thai abbreviation.
    pub fn parse(t: &str) -> Option<LaoKind> {
        LaoKind::from_stored(t.trim()).or(match t.trim() {
            "อบจ." => Some(LaoKind::Pao),
            "ทน." => Some(LaoKind::ThesabanNakhon),
            "ทม." => Some(LaoKind::ThesabanMueang),
            "ทต." => Some(LaoKind::ThesabanTambon),
            "อบต." => Some(LaoKind::Tao),
            _ => None,
        })
    }

    /// The Thai name of the kind, as on its letterhead.
    pub fn th(self) -> &'static str {
        match self {
            LaoKind::Pao => "องค์การบริหารส่วนจังหวัด",
            LaoKind::ThesabanNakhon => "เทศบาลนคร",
            LaoKind::ThesabanMueang => "เทศบาลเมือง",
            LaoKind::ThesabanTambon => "เทศบาลตำบล",
            LaoKind::Tao => "องค์การบริหารส่วนตำบล",
            LaoKind::SpecialCity => "เมืองพัทยา",
            LaoKind::Bangkok => "กรุงเทพมหานคร",
        }
    }

    /// A เทศบาล of any size.
    pub fn is_municipality(self) -> bool {
        matches!(
            self,
            LaoKind::ThesabanNakhon | LaoKind::ThesabanMueang | LaoKind::ThesabanTambon
        )
    }
}

/// How far an LAO covers a tambon (or a province, for an อบจ.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Extent {
    Complete,
    Partial,
}

crate::text_enum!(Extent);

impl Extent {
    pub const ALL: [Extent; 2] = [Extent::Complete, Extent::Partial];

    pub fn as_str(self) -> &'static str {
        match self {
            Extent::Complete => "complete",
            Extent::Partial => "partial",
        }
    }
}
