//! The kinds of area data file, and the columns that tell them apart.

use serde::Serialize;

/// The kinds of file, recognised by their header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Areas,
    Villages,
    Laos,
    PostalCodes,
    Abolished,
}

impl FileKind {
    pub(super) const ALL: [FileKind; 5] = [
        FileKind::Abolished,
        FileKind::Areas,
        FileKind::Villages,
        FileKind::Laos,
        FileKind::PostalCodes,
    ];

    pub(super) fn required(self) -> &'static [&'static str] {
        match self {
            FileKind::Areas => &["code", "level", "parent_code", "name_th", "name_en"],
            FileKind::Villages => &["code", "tambon_code", "moo", "name_th", "name_en"],
            FileKind::Laos => &[
                "name_th_full",
                "lao_type",
                "name_th",
                "name_en",
                "district_code",
                "province_code",
                "tambon_code",
                "coverage",
                "dola_code",
            ],
            FileKind::PostalCodes => &["tambon_code", "postal_codes"],
            FileKind::Abolished => &[
                "code",
                "level",
                "parent_code",
                "name_th",
                "abolished_on",
                "successor_codes",
            ],
        }
    }

    /// The most specific kind whose columns are all present.
    pub(super) fn detect(headers: &[String]) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|k| k.required().iter().all(|c| headers.iter().any(|h| h == c)))
    }

    pub fn th(self) -> &'static str {
        match self {
            FileKind::Areas => "จังหวัด อำเภอ ตำบล",
            FileKind::Villages => "หมู่บ้าน",
            FileKind::Laos => "องค์กรปกครองส่วนท้องถิ่น",
            FileKind::PostalCodes => "รหัสไปรษณีย์",
            FileKind::Abolished => "รหัสพื้นที่ที่ถูกยกเลิก",
        }
    }
}
