//! Keeping an LAO's communities: registering one, renaming or renumbering it, merging it into
//! another, retiring it. Each write is checked whole first (a clear Thai message for each field,
//! nothing written otherwise), is versioned where it changes a community, and lands with its
//! line of `community_history` and the audit log.

use super::{Community, Status, get, lao, may_keep};
use crate::accounts::{self, User};
use crate::areas::Lao;
use crate::audit::{self, Actor, Change};
use crate::db::{self, Db, Tx, Value, now_text};
use crate::error::{AppError, Field, Problem, Thing};
use crate::i18n::Lang;
use serde::Deserialize;

/// A community as typed: its number, its name, the tambon it lies in (code).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityInput {
    pub number: String,
    pub name: String,
    pub tambon: String,
}

/// A community checked against the LAO: ready to write.
#[derive(Debug, Clone)]
pub(super) struct Checked {
    pub number: i64,
    pub name: String,
    pub tambon: String,
}

const MAX_NAME: usize = 200;

/// Refuses, and audits the refusal, unless the user keeps the LAO's communities.
pub(super) async fn check_keeper(
    db: &Db,
    user: &User,
    lao: &Lao,
    key: &str,
) -> Result<(), AppError> {
    if may_keep(db, Some(user), lao).await? {
        return Ok(());
    }
    let p = Problem::CommunitiesByLao {
        lao: lao.full_name_th.clone(),
    };
    // filed under the LAO's place too, where its own administrators read it
    let target = Some((crate::committees::lao_home(lao), Some(lao.id)));
    accounts::record_denied_at(
        db,
        user,
        "community",
        key,
        "write",
        &p.message(Lang::Th),
        target,
    )
    .await?;
    Err(p.into())
}

/// The fields alone: a number from 1 (Thai or Arabic digits), a name, a tambon the LAO covers.
pub(super) fn check_fields(
    input: &CommunityInput,
    lao: &Lao,
    tambons: &[super::CoveredTambon],
) -> Result<Checked, Vec<Problem>> {
    let mut problems = Vec::new();
    let number = match crate::thai::digits::parse_int(input.number.trim()) {
        _ if input.number.trim().is_empty() => {
            problems.push(Problem::Missing {
                field: Field::CommunityNumber,
            });
            0
        }
        Ok(n) if n >= 1 => n,
        Ok(_) => {
            problems.push(Problem::FromOne {
                field: Field::CommunityNumber,
            });
            0
        }
        Err(error) => {
            problems.push(Problem::Number {
                field: Field::CommunityNumber,
                error,
            });
            0
        }
    };
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        problems.push(Problem::Missing {
            field: Field::CommunityName,
        });
    } else if name.chars().count() > MAX_NAME {
        problems.push(Problem::TooLong {
            field: Field::CommunityName,
            max: MAX_NAME,
        });
    }
    let typed = crate::thai::to_arabic_digits(input.tambon.trim());
    let tambon = tambons
        .iter()
        .find(|t| t.code == typed || t.name_th == typed || format!("ตำบล{}", t.name_th) == typed);
    match tambon {
        Some(_) => {}
        None if typed.is_empty() => problems.push(Problem::Missing {
            field: Field::CommunityTambon,
        }),
        None => problems.push(Problem::CommunityTambonNotCovered {
            tambon: if typed.bytes().all(|b| b.is_ascii_digit()) {
                format!("ตำบลรหัส {typed}")
            } else {
                format!("ตำบล{}", typed.trim_start_matches("ตำบล"))
            },
            lao: lao.full_name_th.clone(),
        }),
    }
    match (problems.is_empty(), tambon) {
        (true, Some(t)) => Ok(Checked {
            number,
            name,
            tambon: t.code.clone(),
        }),
        _ => Err(problems),
    }
}

/// The number and name against the LAO's communities in use, but for `except` (the one renamed).
pub(super) fn check_unused(
    c: &Checked,
    in_use: &[Community],
    except: Option<&str>,
) -> Vec<Problem> {
    let others = in_use
        .iter()
        .filter(|k| k.status == Status::Active && Some(k.code.as_str()) != except);
    let mut problems = Vec::new();
    for k in others {
        if k.number == c.number {
            problems.push(Problem::CommunityNumberUsed {
                number: c.number,
                name: k.label_th(),
            });
        }
        if k.name_th == c.name {
            problems.push(Problem::CommunityNameUsed { name: k.label_th() });
        }
    }
    problems
}

/// The next free code of a tambon: its code, 'C', and one more than the highest ever used.
async fn next_code(tx: &mut Tx, tambon: &str) -> anyhow::Result<String> {
    let last: Option<String> = db::query_scalar(
        "SELECT MAX(code) FROM areas WHERE level = 'community' AND code >= $1 AND code < $2",
    )
    .bind(format!("{tambon}C000"))
    .bind(format!("{tambon}D"))
    .fetch_one(&mut *tx)
    .await?;
    let n = last.and_then(|c| c[7..].parse::<u32>().ok()).unwrap_or(0) + 1;
    anyhow::ensure!(n <= 999, "tambon {tambon} has no community code left");
    Ok(format!("{tambon}C{n:03}"))
}

struct Line<'a> {
    code: &'a str,
    action: &'a str,
    name: (Option<&'a str>, Option<&'a str>),
    number: (Option<i64>, Option<i64>),
    into: Option<&'a str>,
    on: Option<&'a str>,
}

async fn history(tx: &mut Tx, actor: &Actor, l: Line<'_>) -> anyhow::Result<()> {
    db::query(
        "INSERT INTO community_history (code, action, name_before, name_after, number_before, number_after, \
         into_code, on_date, at, user_id, username) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(l.code)
    .bind(l.action)
    .bind(l.name.0)
    .bind(l.name.1)
    .bind(l.number.0)
    .bind(l.number.1)
    .bind(l.into)
    .bind(l.on)
    .bind(now_text())
    .bind(actor.user_id)
    .bind(&actor.username)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes a checked new community inside the caller's transaction; returns its code.
pub(super) async fn insert(
    tx: &mut Tx,
    actor: &Actor,
    lao: &Lao,
    c: &Checked,
) -> anyhow::Result<String> {
    let code = next_code(tx, &c.tambon).await?;
    let now = now_text();
    db::query(
        "INSERT INTO areas (code, level, parent_code, name_th, name_en, moo, postal_codes) \
         VALUES ($1, 'community', $2, $3, '', NULL, '')",
    )
    .bind(&code)
    .bind(&c.tambon)
    .bind(&c.name)
    .execute(&mut *tx)
    .await?;
    db::query(
        "INSERT INTO communities (code, lao_id, number, status, registered_at, updated_at) VALUES ($1, $2, $3, 'active', $4, $4)",
    )
    .bind(&code)
    .bind(lao.id)
    .bind(c.number)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    history(
        tx,
        actor,
        Line {
            code: &code,
            action: "registered",
            name: (None, Some(&c.name)),
            number: (None, Some(c.number)),
            into: None,
            on: None,
        },
    )
    .await?;
    audit::record(
        tx,
        actor,
        Change {
            action: "register",
            entity: "community",
            entity_key: code.clone(),
            area_code: code.clone(),
            lao_id: Some(lao.id),
            before: None,
            after: Some(
                serde_json::json!({"number": c.number, "name": c.name, "tambon": c.tambon}),
            ),
            note: String::new(),
        },
    )
    .await?;
    Ok(code)
}

/// Registers a community of the LAO.
pub async fn add(
    db: &Db,
    user: &User,
    lao_id: i64,
    input: &CommunityInput,
) -> Result<Community, AppError> {
    let l = lao(db, lao_id).await?;
    check_keeper(db, user, &l, &format!("lao:{lao_id}")).await?;
    let tambons = super::covered_tambons(db, lao_id).await?;
    let c = check_fields(input, &l, &tambons).map_err(AppError::from)?;
    let problems = check_unused(&c, &super::of_lao(db, lao_id).await?, None);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut tx = db.begin_write().await?;
    let code = insert(&mut tx, &user.actor(), &l, &c).await?;
    tx.commit().await?;
    get(db, &code).await?.ok_or_else(AppError::not_found)
}

/// A community in use of the LAO the user keeps, at the version the user read.
async fn active_for(db: &Db, user: &User, code: &str) -> Result<(Community, Lao), AppError> {
    let k = get(db, code)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Community, code)))?;
    let l = lao(db, k.lao_id).await?;
    check_keeper(db, user, &l, code).await?;
    if k.status != Status::Active {
        return Err(Problem::CommunityEnded { name: k.label_th() }.into());
    }
    Ok((k, l))
}

/// A new name or number (the tambon stays: a community in another tambon is a new one).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameInput {
    pub number: String,
    pub name: String,
    pub version: i64,
}

pub async fn rename(
    db: &Db,
    user: &User,
    code: &str,
    input: &RenameInput,
) -> Result<Community, AppError> {
    let (k, l) = active_for(db, user, code).await?;
    let tambons = super::covered_tambons(db, l.id).await?;
    let typed = CommunityInput {
        number: input.number.clone(),
        name: input.name.clone(),
        tambon: k.tambon_code.clone(),
    };
    let c = match check_fields(&typed, &l, &tambons) {
        Ok(c) => c,
        // the LAO no longer covering the tambon does not stop a renaming
        Err(p)
            if p.iter()
                .all(|p| matches!(p, Problem::CommunityTambonNotCovered { .. })) =>
        {
            Checked {
                number: crate::thai::digits::parse_int(input.number.trim()).unwrap_or(k.number),
                name: input.name.split_whitespace().collect::<Vec<_>>().join(" "),
                tambon: k.tambon_code.clone(),
            }
        }
        Err(p) => return Err(p.into()),
    };
    let problems = check_unused(&c, &super::of_lao(db, l.id).await?, Some(code));
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "communities",
        k.id,
        input.version,
        "number = $1, updated_at = $2",
        vec![Value::Int(Some(c.number)), Value::Text(Some(now_text()))],
    )
    .await?;
    db::query("UPDATE areas SET name_th = $1 WHERE code = $2")
        .bind(&c.name)
        .bind(code)
        .execute(&mut tx)
        .await?;
    let actor = user.actor();
    history(
        &mut tx,
        &actor,
        Line {
            code,
            action: "renamed",
            name: (Some(&k.name_th), Some(&c.name)),
            number: (Some(k.number), Some(c.number)),
            into: None,
            on: None,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        &actor,
        Change {
            action: "rename",
            entity: "community",
            entity_key: code.to_string(),
            area_code: code.to_string(),
            lao_id: Some(l.id),
            before: Some(serde_json::json!({"number": k.number, "name": k.name_th})),
            after: Some(serde_json::json!({"number": c.number, "name": c.name})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, code).await?.ok_or_else(AppError::not_found)
}

/// Ending a community: merged into another of the LAO's (`into`), or retired (`into` empty).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndInput {
    #[serde(default)]
    pub into: String,
    /// The date it ended (Thai or ISO); today when left empty.
    #[serde(default)]
    pub ended_on: String,
    pub version: i64,
}

pub async fn end(
    db: &Db,
    user: &User,
    code: &str,
    input: &EndInput,
) -> Result<Community, AppError> {
    let (k, l) = active_for(db, user, code).await?;
    let mut problems = Vec::new();
    let into = input.into.trim();
    let target = match into {
        "" => None,
        _ if into == code => {
            problems.push(Problem::MergeIntoItself);
            None
        }
        _ => match get(db, into).await? {
            Some(t) if t.lao_id == l.id && t.status == Status::Active => Some(t),
            Some(t) => {
                problems.push(Problem::MergeIntoNotActive { name: t.label_th() });
                None
            }
            None => {
                problems.push(Problem::not_found(Thing::Community, into));
                None
            }
        },
    };
    let today = crate::thai::fiscal::today_in_thailand();
    let on = match input.ended_on.trim() {
        "" => Some(today),
        typed => match crate::thai::parse_date(typed) {
            Ok(d) if d > today => {
                problems.push(Problem::InFuture {
                    field: Field::EndedOn,
                    date: d,
                    today,
                });
                None
            }
            Ok(d) => Some(d),
            Err(error) => {
                problems.push(Problem::Date {
                    field: Field::EndedOn,
                    error,
                });
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let on = on.map(|d| d.to_string()).unwrap_or_default();
    let (status, action) = match &target {
        Some(_) => (Status::Merged, "merged"),
        None => (Status::Retired, "retired"),
    };
    let into_code = target.as_ref().map(|t| t.code.clone());
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "communities",
        k.id,
        input.version,
        "status = $1, merged_into = $2, ended_on = $3, updated_at = $4",
        vec![
            Value::Text(Some(status.as_str().to_string())),
            Value::Text(into_code.clone()),
            Value::Text(Some(on.clone())),
            Value::Text(Some(now_text())),
        ],
    )
    .await?;
    let actor = user.actor();
    history(
        &mut tx,
        &actor,
        Line {
            code,
            action,
            name: (Some(&k.name_th), None),
            number: (Some(k.number), None),
            into: into_code.as_deref(),
            on: Some(&on),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        &actor,
        Change {
            action: if target.is_some() { "merge" } else { "retire" },
            entity: "community",
            entity_key: code.to_string(),
            area_code: code.to_string(),
            lao_id: Some(l.id),
            before: Some(serde_json::json!({"status": "active"})),
            after: Some(
                serde_json::json!({"status": status.as_str(), "into": into_code, "on": on}),
            ),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, code).await?.ok_or_else(AppError::not_found)
}
