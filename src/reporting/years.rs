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
