//! The officers of a generated dataset, each acting for its agency (issue 11): in every
//! district the CD office (พัฒนาการอำเภอ), the local-government office (ท้องถิ่นอำเภอ) and
//! DOPA's district office (ปลัดอำเภอ); a CD officer for every tambon; an officer of every LAO.
//! All share one demonstration password, hashed once, so a benchmark or a demonstration signs
//! in as the officer who uses the page.

use super::hierarchy::Hierarchy;
use crate::accounts::Agency;

/// The password of every generated account (a demonstration dataset, never real data).
pub const DEMO_PASSWORD: &str = "แผนเดียวกัน-ทดลอง-2569";

/// One generated account: (username, display name, position, agency, scope level, scope code).
pub type Account = (String, String, &'static str, Agency, &'static str, String);

/// The accounts of the hierarchy, in a stable order.
pub fn of(h: &Hierarchy) -> Vec<Account> {
    let mut out = Vec::new();
    for d in &h.districts {
        out.push((
            format!("cd.{d}"),
            format!("พัฒนาการอำเภอ {d}"),
            "พัฒนาการอำเภอ",
            Agency::CddDistrict,
            "district",
            d.clone(),
        ));
        out.push((
            format!("dla.{d}"),
            format!("ท้องถิ่นอำเภอ {d}"),
            "ท้องถิ่นอำเภอ",
            Agency::DlaDistrict,
            "district",
            d.clone(),
        ));
        out.push((
            format!("dopa.{d}"),
            format!("ปลัดอำเภอ {d}"),
            "ปลัดอำเภอ",
            Agency::DopaDistrict,
            "district",
            d.clone(),
        ));
    }
    for t in &h.tambons {
        out.push((
            format!("cd.{}", t.code),
            format!("พัฒนากรตำบล{}", t.name),
            "นักวิชาการพัฒนาชุมชน",
            Agency::CddDistrict,
            "tambon",
            t.code.clone(),
        ));
    }
    for l in h.laos.values() {
        out.push((
            format!("lao.{}", l.id),
            format!("ปลัด {}", l.name),
            "ปลัด อปท.",
            Agency::Lao,
            "lao",
            l.key.clone(),
        ));
    }
    out
}

/// The `users` rows (the database numbers them), all with `password_hash`.
pub fn rows(h: &Hierarchy, password_hash: &str, at: &str) -> Vec<Vec<String>> {
    of(h)
        .into_iter()
        .map(|(username, name, position, agency, level, code)| {
            vec![
                username,
                name,
                position.to_string(),
                agency.th().to_string(),
                password_hash.to_string(),
                "officer".into(),
                level.into(),
                code,
                "1".into(),
                "0".into(),
                at.to_string(),
                at.to_string(),
                "1".into(),
                String::new(),
                agency.as_str().to_string(),
            ]
        })
        .collect()
}
