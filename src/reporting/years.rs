//! Which fiscal year a report opens on when none is asked: the latest year, up to the current
//! one, in which the unit has records, else the current one — so that on 1 December a district
//! opens on the year it just reported, not on an empty new year.

use crate::db::{self, Db};

/// The current fiscal year in Thailand (Buddhist era).
pub fn current() -> i64 {
    crate::thai::fiscal_year_be(crate::thai::fiscal::today_in_thailand()) as i64
}

async fn latest(db: &Db, sql: &'static str, bind: Bind<'_>) -> anyhow::Result<i64> {
    let now = current();
    let q = db::query_scalar::<Option<i64>>(sql).bind(now);
    let q = match bind {
        Bind::Prefix(p) => q.bind_prefix(p),
        Bind::Id(id) => q.bind(id),
    };
    Ok(q.fetch_one(db).await?.unwrap_or(now))
}

enum Bind<'a> {
    Prefix(&'a str),
    Id(i64),
}

/// The registers and district report of an area: the latest year with target tambons.
pub async fn of_registers(db: &Db, area_prefix: &str) -> anyhow::Result<i64> {
    latest(
        db,
        "SELECT MAX(fiscal_year) FROM target_tambons WHERE fiscal_year <= $1 AND tambon_code >= $2 AND tambon_code < $3",
        Bind::Prefix(area_prefix),
    )
    .await
}

/// KPI 3.2 of an area ("" for the country): the latest year with model LAOs designated.
pub async fn of_kpi_area(db: &Db, area_prefix: &str) -> anyhow::Result<i64> {
    latest(
        db,
        "SELECT MAX(fiscal_year) FROM model_laos WHERE fiscal_year <= $1 AND district_code >= $2 AND district_code < $3",
        Bind::Prefix(area_prefix),
    )
    .await
}

/// An LAO's monthly report: the latest year it was a model LAO.
pub async fn of_kpi_lao(db: &Db, lao_id: i64) -> anyhow::Result<i64> {
    latest(
        db,
        "SELECT MAX(fiscal_year) FROM model_laos WHERE fiscal_year <= $1 AND lao_id = $2",
        Bind::Id(lao_id),
    )
    .await
}

/// The years a query or body may name: Buddhist era, as the calendar and the plans take them.
pub const TYPED: std::ops::RangeInclusive<i64> = 2400..=2800;

/// A fiscal year as typed into a query or a body (`#[serde(deserialize_with = …)]`): outside
/// `TYPED` it is refused at the edge, before any figure is computed from it.
pub fn be<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let year = <i64 as serde::Deserialize>::deserialize(d)?;
    if TYPED.contains(&year) {
        Ok(year)
    } else {
        Err(serde::de::Error::custom(format!(
            "{year} is not a fiscal year of the Buddhist era ({}–{})",
            TYPED.start(),
            TYPED.end()
        )))
    }
}

/// `be`, for a year that may be left out.
pub fn be_opt<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(serde::Deserialize)]
    struct Typed(#[serde(deserialize_with = "be")] i64);
    Ok(<Option<Typed> as serde::Deserialize>::deserialize(d)?.map(|Typed(y)| y))
}

/// A year typed on a page (Thai or Arabic digits), if it is one of `TYPED`.
pub fn typed(text: &str) -> Option<i64> {
    crate::thai::parse_int(text)
        .ok()
        .filter(|y| TYPED.contains(y))
}
