//! An LAO's own units (issue 11: shared tambons). The view `lao_units (lao_id, tambon_code,
//! village_code)` (migration 0007) is the one place that says which villages are an LAO's: those
//! of the tambons it covers completely, and those assigned to it in the tambons it shares. A
//! village of a shared tambon that is not yet assigned belongs to no LAO, so no LAO counts it
//! (and `unsplit_tambons` names the tambon, for the warning). A community level adds its units
//! to the view, and every figure below follows.

/// Whether project `p`, held by the tambon plan of tambon `c.area_code`, is the LAO `c.lao_id`'s
/// own, for the coverage row `c` (`lao_coverage`): every project of a tambon it covers completely;
/// in a shared tambon, those raised in one of its own villages, and the tambon-wide ones
/// (raised for the tambon itself) once it has villages there. A project of an unsplit tambon
/// counts for nobody until the tambon is split.
macro_rules! own_project {
    () => {
        "(c.extent = 'complete' OR EXISTS (SELECT 1 FROM lao_units u WHERE u.lao_id = c.lao_id \
          AND u.tambon_code = c.area_code AND (u.unit_code = p.area_code OR p.area_code = c.area_code)))"
    };
}
pub(crate) use own_project;

/// The tambons an LAO shares that are not yet split, for the scope `m (lao_id, …)`: one row per
/// LAO and tambon, lao_id, tambon code, tambon name.
macro_rules! unsplit_of_scope {
    () => {
        "SELECT c.lao_id, s.tambon_code, s.name_th \
         FROM m CROSS JOIN lao_coverage c CROSS JOIN unsplit_tambons s \
         WHERE c.lao_id = m.lao_id AND c.extent = 'partial' AND s.tambon_code = c.area_code \
         ORDER BY c.lao_id, s.tambon_code"
    };
}
pub(crate) use unsplit_of_scope;

/// The tambons an LAO shares that are not yet split: (code, Thai name), for its page.
pub async fn unsplit_of(db: &crate::db::Db, lao_id: i64) -> anyhow::Result<Vec<(String, String)>> {
    Ok(crate::db::query_as(
        "SELECT s.tambon_code, s.name_th FROM lao_coverage c JOIN unsplit_tambons s ON s.tambon_code = c.area_code \
         WHERE c.lao_id = $1 AND c.extent = 'partial' ORDER BY s.tambon_code",
    )
    .bind(lao_id)
    .fetch_all(db)
    .await?)
}
