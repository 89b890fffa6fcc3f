//! Deciding a pair of likely duplicates: the same work (one merged into the other, every plan
//! that adopted either keeps it) or two works; remembered so the pair is not shown again.

use crate::accounts::{self, ScopeLevel, User};
use crate::audit::{self, Change};
use crate::db::{self, Db, Tx, now_text};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::thai::{likeness, text};
use serde::Deserialize;

/// What the officer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One work: `keep` stays, the other is merged into it.
    Same {
        keep: i64,
    },
    Different,
}

/// A decision as a form or the API gives it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DecisionInput {
    #[schema(required = true)]
    pub a: i64,
    #[schema(required = true)]
    pub b: i64,
    /// "same" or "different".
    #[schema(required = true)]
    pub verdict: String,
    /// For "same": the project kept, one of the two.
    #[serde(default)]
    pub keep: Option<i64>,
    #[serde(default)]
    pub note: String,
}

impl DecisionInput {
    pub fn verdict(&self) -> Result<Verdict, Problem> {
        match (self.verdict.trim(), self.keep) {
            ("same", Some(keep)) => Ok(Verdict::Same { keep }),
            ("same", None) => Err(Problem::Missing {
                field: crate::error::Field::Keep,
            }),
            ("different", _) => Ok(Verdict::Different),
            (typed, _) => Err(Problem::Unknown {
                field: crate::error::Field::Verdict,
                typed: typed.to_string(),
                choices: vec!["same", "different"],
            }),
        }
    }
}

/// A decision recorded.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Decided {
    pub a: i64,
    pub b: i64,
    /// "same" or "different".
    pub verdict: &'static str,
    pub kept: Option<i64>,
}

/// Reads and records a decision as a form or the API gives it.
pub async fn record(db: &Db, user: &User, input: &DecisionInput) -> Result<Decided, AppError> {
    let verdict = input.verdict()?;
    decide(db, user, input.a, input.b, verdict, &input.note).await?;
    let (a, b) = (input.a.min(input.b), input.a.max(input.b));
    Ok(match verdict {
        Verdict::Same { keep } => Decided {
            a,
            b,
            verdict: "same",
            kept: Some(keep),
        },
        Verdict::Different => Decided {
            a,
            b,
            verdict: "different",
            kept: None,
        },
    })
}

#[derive(sqlx::FromRow)]
struct Pair {
    id: i64,
    title: String,
    area_code: String,
    merged_into: Option<i64>,
}

/// Records the decision on projects `a` and `b` (either order). Allowed to an officer of a
/// tambon or above whose area holds both; refused and logged otherwise.
pub async fn decide(
    db: &Db,
    user: &User,
    a: i64,
    b: i64,
    verdict: Verdict,
    note: &str,
) -> Result<(), AppError> {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    let read = |id: i64| async move {
        db::query_as::<Pair>("SELECT id, title, area_code, merged_into FROM projects WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await
    };
    let (Some(pa), Some(pb)) = (read(a).await?, read(b).await?) else {
        return Err(AppError::not_found());
    };
    if a == b {
        return Err(Problem::KeepNotInPair { project_id: a }.into());
    }
    authorize(db, user, &pa, &pb).await?;
    if let Verdict::Same { keep } = verdict
        && keep != a
        && keep != b
    {
        return Err(Problem::KeepNotInPair { project_id: keep }.into());
    }
    let score = likeness::compare(&text::title(&pa.title), &text::title(&pb.title)).score;
    let mut tx = db.begin_write().await?;
    let taken: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM duplicate_decisions WHERE project_a = $1 AND project_b = $2",
    )
    .bind(a)
    .bind(b)
    .fetch_one(&mut tx)
    .await?;
    if taken > 0 {
        return Err(Problem::DuplicateDecided { a, b }.into());
    }
    let kept = match verdict {
        Verdict::Same { keep } => {
            let other = if keep == a { b } else { a };
            merge(&mut tx, keep, other).await?;
            Some(keep)
        }
        Verdict::Different => None,
    };
    let area = common_area(&pa.area_code, &pb.area_code);
    db::query(
        "INSERT INTO duplicate_decisions (project_a, project_b, verdict, kept, score_permille, note, area_code, decided_by, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(a)
    .bind(b)
    .bind(if kept.is_some() { "same" } else { "different" })
    .bind(kept)
    .bind((score * 1000.0).round() as i64)
    .bind(note.trim())
    .bind(area.as_str())
    .bind(user.username.as_str())
    .bind(now_text())
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: if kept.is_some() {
                "merge_duplicate"
            } else {
                "dismiss_duplicate"
            },
            entity: "project",
            entity_key: format!("{a}:{b}"),
            area_code: area,
            lao_id: None,
            before: Some(serde_json::json!({
                "a": {"id": a, "title": pa.title, "merged_into": pa.merged_into},
                "b": {"id": b, "title": pb.title, "merged_into": pb.merged_into},
            })),
            after: Some(serde_json::json!({"kept": kept, "score": score})),
            note: note.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The longest area code both fall under (at least the province).
fn common_area(a: &str, b: &str) -> String {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let n = [8, 6, 4, 2].into_iter().find(|l| *l <= n).unwrap_or(0);
    a[..n.min(a.len())].to_string()
}

async fn authorize(db: &Db, user: &User, a: &Pair, b: &Pair) -> Result<(), AppError> {
    let level_ok = matches!(
        user.scope.level,
        ScopeLevel::National | ScopeLevel::Province | ScopeLevel::District | ScopeLevel::Tambon
    );
    let problem = if !user.active || !user.role.can_write() {
        Some(Problem::ReadOnly {
            role_th: user.role.th(),
        })
    } else if !level_ok {
        Some(Problem::DuplicatesFromTambonUp)
    } else if !(user.scope.covers_area(db, &a.area_code).await?
        && user.scope.covers_area(db, &b.area_code).await?)
    {
        Some(Problem::OutsideProject)
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(p) => {
            accounts::record_denied_at(
                db,
                user,
                "project",
                &format!("{}:{}", a.id, b.id),
                "decide_duplicate",
                &p.message(Lang::Th),
                Some((common_area(&a.area_code, &b.area_code), None)),
            )
            .await?;
            Err(p.into())
        }
    }
}

/// `other` merged into `keep`: its adoptions move to `keep` (where a plan holds both, the
/// plan keeps `keep`'s item), its villages join `keep`'s, and it points to `keep`.
async fn merge(tx: &mut Tx, keep: i64, other: i64) -> Result<(), AppError> {
    for id in [keep, other] {
        let merged: Option<i64> =
            db::query_scalar("SELECT merged_into FROM projects WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if merged.is_some() {
            return Err(Problem::AlreadyMerged { project_id: id }.into());
        }
    }
    db::query(
        "DELETE FROM plan_items WHERE project_id = $1 AND plan_id IN (SELECT plan_id FROM plan_items WHERE project_id = $2)",
    )
    .bind(other)
    .bind(keep)
    .execute(&mut *tx)
    .await?;
    db::query("UPDATE plan_items SET project_id = $1 WHERE project_id = $2")
        .bind(keep)
        .bind(other)
        .execute(&mut *tx)
        .await?;
    crate::projects::join_villages(tx, keep, other).await?;
    db::query("UPDATE projects SET merged_into = $1, updated_at = $2, version = version + 1 WHERE id = $3")
        .bind(keep)
        .bind(now_text())
        .bind(other)
        .execute(&mut *tx)
        .await?;
    db::query(
        "UPDATE projects SET target_villages = (SELECT COUNT(*) FROM project_villages WHERE project_id = $1), \
         updated_at = $2, version = version + 1 WHERE id = $1",
    )
    .bind(keep)
    .bind(now_text())
    .execute(&mut *tx)
    .await?;
    crate::projects::status::refresh(tx, keep).await?;
    crate::projects::status::refresh(tx, other).await?;
    Ok(())
}
