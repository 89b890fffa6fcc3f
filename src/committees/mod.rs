//! Committees (กลไก, ONEPLAN.md section 3) and their appointment orders (คำสั่งแต่งตั้ง).
//! A committee belongs to an area or, for the local working group, to an LAO; orders are
//! kept with their members, and a committee without an order for the current fiscal year is
//! reported as lacking a current order. Writes are authorised by area and audited.

pub mod current;
pub mod kinds;
pub mod meetings;
pub mod overview;
pub mod prescribed;
pub mod validate;

use crate::accounts::{self, Scope, ScopeLevel, User};
use crate::areas::{self, Area, Level};
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Problem, Thing};
use crate::thai::dates::{Digits, format_date_long};
use serde::{Deserialize, Serialize};
use time::Date;

pub use current::{current_fiscal_year, is_current, today};
pub use kinds::{Kind, MemberRole, OwnerLevel};
pub use overview::{Overview, Place, overview};
pub use validate::{MemberInput, OrderInput};

/// Who a committee belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Owner {
    /// DOPA code of the owning area; for an LAO, the area of its office.
    pub area_code: String,
    /// Set for the LAO working group only.
    pub lao_id: Option<i64>,
    /// "ตำบลแม่ใส", "หมู่ที่ 1 บ้านร่องไฮ ต.แม่ใส", "อบต.แม่ใส".
    pub label_th: String,
    pub label_en: String,
}

impl Owner {
    /// A stable text key for audit entries and refusals: the area code, or `lao:<id>`.
    pub fn key(&self) -> String {
        match self.lao_id {
            Some(id) => format!("lao:{id}"),
            None => self.area_code.clone(),
        }
    }
}

/// Which committee an order is for: its kind and its owner (area code, or LAO id).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct Target {
    pub kind: Kind,
    /// DOPA code of the village, tambon, district or province; ignored for the LAO working group.
    #[serde(default)]
    pub area_code: String,
    /// The LAO, for the LAO working group.
    #[serde(default)]
    pub lao_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Committee {
    pub id: i64,
    pub kind: Kind,
    /// ชื่อเต็ม, e.g. คณะกรรมการบริหารงานตำบลแบบบูรณาการ
    pub kind_th: String,
    /// ชื่อย่อ, e.g. ก.บ.ต.
    pub kind_short_th: String,
    pub owner: Owner,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Order {
    pub id: i64,
    /// As typed, with Arabic digits: "12/2566".
    pub order_no: String,
    /// ISO, Common era.
    pub order_date: String,
    /// Thai, Buddhist era: "15 ธันวาคม 2566".
    pub order_date_th: String,
    /// ปีงบประมาณ (BE) the order is for.
    pub fiscal_year: i32,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Member {
    pub name: String,
    pub position: String,
    pub role: MemberRole,
    pub role_th: String,
}

/// A committee with every order, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommitteeDetail {
    pub committee: Committee,
    /// The fiscal year (BE) that counts as current.
    pub fiscal_year: i32,
    /// Whether an order exists for that fiscal year.
    pub current: bool,
    pub orders: Vec<Order>,
    /// For the LAO working group: the seats seed 002 prescribes that the newest order lacks.
    pub missing_seats: Vec<prescribed::Seat>,
    pub meetings: Vec<meetings::Meeting>,
}

/// The Thai date of an ISO date from the database; the ISO text itself if unreadable.
pub fn date_th(iso: &str) -> String {
    match crate::thai::parse_date(iso) {
        Ok(d) => format_date_long(d, Digits::Arabic),
        Err(_) => iso.to_string(),
    }
}

/// How users name an area that owns a committee.
pub fn area_labels(a: &Area, tambon: Option<&Area>) -> (String, String) {
    let name_en = if a.name_en.is_empty() {
        &a.name_th
    } else {
        &a.name_en
    };
    match Some(a.level) {
        Some(Level::Village | Level::Community) => match tambon {
            Some(t) => (
                format!("{} ต.{}", a.label_th(), t.name_th),
                format!("{}, {}", a.label_en(), t.label_en()),
            ),
            None => (a.label_th(), a.label_en()),
        },
        Some(Level::Tambon) => (format!("ตำบล{}", a.name_th), format!("Tambon {name_en}")),
        Some(Level::District) => (
            format!("อำเภอ{}", a.name_th).replace("อำเภอเขต", "เขต"),
            format!("{name_en} District"),
        ),
        Some(Level::Province) => (
            format!("จังหวัด{}", a.name_th).replace("จังหวัดกรุงเทพมหานคร", "กรุงเทพมหานคร"),
            format!("{name_en} Province"),
        ),
        None => (a.name_th.clone(), name_en.clone()),
    }
}

/// The area an LAO's committee is filed under: its office tambon, else district, else province.
pub fn lao_home(lao: &areas::Lao) -> String {
    lao.office_tambon_code
        .clone()
        .or(lao.district_code.clone())
        .unwrap_or(lao.province_code.clone())
}

/// Checks that the target names a real owner of the right level; returns it with the LAO's key.
async fn resolve(db: &Db, target: &Target) -> Result<(Owner, Option<String>), AppError> {
    let kind = target.kind;
    let Some(len) = kind.level().code_len() else {
        let lao = match target.lao_id {
            Some(id) => areas::lao(db, id).await?,
            None => None,
        }
        .ok_or_else(|| {
            AppError::from(Problem::CommitteeNeedsLao {
                kind_th: kind.short_th(),
            })
        })?;
        let owner = Owner {
            area_code: lao_home(&lao),
            lao_id: Some(lao.id),
            label_th: lao.full_name_th.clone(),
            label_en: if lao.name_en.is_empty() {
                lao.full_name_th.clone()
            } else {
                lao.name_en.clone()
            },
        };
        return Ok((owner, Some(lao.lao_key)));
    };
    let code = crate::thai::to_arabic_digits(target.area_code.trim());
    let level = kind.level().th();
    let well_formed = match kind.level() {
        // a village committee, or a community's (คณะกรรมการชุมชน)
        OwnerLevel::Village => areas::Level::of_code(&code).is_some_and(|l| l.is_unit()),
        _ => code.len() == len && code.bytes().all(|b| b.is_ascii_digit()),
    };
    if !well_formed {
        return Err(Problem::CommitteeCode {
            kind_th: kind.short_th(),
            level_th: level,
            len,
        }
        .into());
    }
    let area = areas::get(db, &code).await?.ok_or_else(|| {
        let thing = areas::Level::of_code(&code).map_or(Thing::AnyArea, Thing::from);
        AppError::from(Problem::not_found(thing, &code))
    })?;
    let tambon = match area.level.is_unit() {
        true => areas::get(db, &code[..6]).await?,
        false => None,
    };
    let (label_th, label_en) = area_labels(&area, tambon.as_ref());
    Ok((
        Owner {
            area_code: code,
            lao_id: None,
            label_th,
            label_en,
        },
        None,
    ))
}

/// Whether the pages offer the user to record orders: an active officer or administrator.
/// Recording one then checks that the committee's owner lies in the user's area (`authorize`).
pub fn may_record(user: Option<&User>) -> bool {
    user.is_some_and(|u| u.active && u.role.can_write())
}

/// The optional committees a tambon may add (ก.บ.ต. is expected; สอช. is where one exists),
/// of those the overview does not hold yet.
pub fn optional_at_tambon(o: &Overview) -> Vec<Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| k.level() == OwnerLevel::Tambon && !k.expected())
        .filter(|k| !o.rows.iter().any(|r| r.kind == *k))
        .collect()
}

/// Refuses, and records the refusal, unless the user may write and the owner lies in their scope.
async fn authorize(
    db: &Db,
    user: &User,
    kind: Kind,
    owner: &Owner,
    lao_key: Option<&str>,
    action: &str,
) -> Result<(), AppError> {
    let covers = match lao_key {
        Some(key) => {
            let lao = Scope {
                level: ScopeLevel::Lao,
                code: key.to_string(),
            };
            user.scope.covers_scope(db, &lao).await?
        }
        None => user.scope.covers_area(db, &owner.area_code).await?,
    };
    let problem = if !user.role.can_write() || !user.active {
        Problem::OrdersReadOnly
    } else if !covers {
        Problem::OutsideArea {
            name: format!("{} {}", kind.short_th(), owner.label_th),
        }
    } else {
        return Ok(());
    };
    let key = format!("{}:{}", kind.as_str(), owner.key());
    let message = problem.message(crate::i18n::Lang::Th);
    let target = match lao_key {
        Some(key) => {
            let lao = Scope {
                level: ScopeLevel::Lao,
                code: key.to_string(),
            };
            accounts::audit_place(db, &lao).await?
        }
        None => (owner.area_code.clone(), None),
    };
    accounts::record_denied_at(db, user, "committee", &key, action, &message, Some(target)).await?;
    Err(problem.into())
}

/// The id of the committee of a kind and owner, if one was ever recorded.
async fn find_id<'e>(
    conn: impl crate::db::Executor<'e>,
    kind: Kind,
    owner: &Owner,
) -> anyhow::Result<Option<i64>> {
    let q = match owner.lao_id {
        Some(lao) => db::query_scalar("SELECT id FROM committees WHERE kind = $1 AND lao_id = $2")
            .bind(kind.as_str())
            .bind(lao),
        None => db::query_scalar(
            "SELECT id FROM committees WHERE kind = $1 AND area_code = $2 AND lao_id IS NULL",
        )
        .bind(kind.as_str())
        .bind(owner.area_code.clone()),
    };
    Ok(q.fetch_optional(conn).await?)
}

/// Where a committee is, without writing anything: its id when recorded, and its owner.
/// Refuses an owner of the wrong level or one that does not exist.
pub async fn find(db: &Db, target: &Target) -> Result<(Option<i64>, Owner), AppError> {
    let (owner, _) = resolve(db, target).await?;
    Ok((find_id(db, target.kind, &owner).await?, owner))
}

/// As `find`, for someone about to record an order: refuses, and records the refusal, unless
/// the user may write there. Lets the form say no before anything is typed.
pub async fn find_for_writing(
    db: &Db,
    user: &User,
    target: &Target,
) -> Result<(Option<i64>, Owner), AppError> {
    let (owner, lao_key) = resolve(db, target).await?;
    authorize(
        db,
        user,
        target.kind,
        &owner,
        lao_key.as_deref(),
        "record_order",
    )
    .await?;
    Ok((find_id(db, target.kind, &owner).await?, owner))
}

/// What `record_order` stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Recorded {
    pub committee_id: i64,
    pub order_id: i64,
}

/// Records an appointment order with its members, creating the committee on its first order.
/// `today` bounds the order date (no future orders).
pub async fn record_order(
    db: &Db,
    user: &User,
    target: &Target,
    input: &OrderInput,
    today: Date,
) -> Result<Recorded, AppError> {
    let kind = target.kind;
    let (owner, lao_key) = resolve(db, target).await?;
    authorize(db, user, kind, &owner, lao_key.as_deref(), "record_order").await?;
    let order = validate::check(input, today).map_err(AppError::from)?;
    let now = now_text();
    let mut tx = db.begin_write().await?;
    let committee_id = match find_id(&mut tx, kind, &owner).await? {
        Some(id) => id,
        None => {
            let id: i64 = db::query_scalar(
                "INSERT INTO committees (kind, area_code, lao_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(kind.as_str())
            .bind(&owner.area_code)
            .bind(owner.lao_id)
            .bind(&now)
            .fetch_one(&mut tx)
            .await?;
            audit::record(
                &mut tx,
                &user.actor(),
                Change {
                    action: "create",
                    entity: "committee",
                    entity_key: id.to_string(),
                    area_code: owner.area_code.clone(),
                    lao_id: owner.lao_id,
                    before: None,
                    after: Some(serde_json::json!({"kind": kind, "owner": owner})),
                    note: format!("{} {}", kind.short_th(), owner.label_th),
                },
            )
            .await?;
            id
        }
    };
    let same: Option<String> = db::query_scalar(
        "SELECT order_date FROM committee_orders WHERE committee_id = $1 AND order_no = $2",
    )
    .bind(committee_id)
    .bind(&order.order_no)
    .fetch_optional(&mut tx)
    .await?;
    if let Some(date) = same {
        // the transaction rolls back on drop: nothing of this attempt is kept
        return Err(Problem::OrderExists {
            order_no: order.order_no.clone(),
            date: crate::db::types::parse_iso(&date).unwrap_or(order.order_date),
            kind_th: kind.short_th(),
            owner: owner.label_th.clone(),
        }
        .into());
    }
    let order_date = order.order_date.to_string();
    let order_id: i64 = db::query_scalar(
        "INSERT INTO committee_orders (committee_id, order_no, order_date, fiscal_year, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(committee_id)
    .bind(&order.order_no)
    .bind(&order_date)
    .bind(i64::from(order.fiscal_year))
    .bind(&now)
    .bind(user.id)
    .fetch_one(&mut tx)
    .await?;
    for (seq, m) in order.members.iter().enumerate() {
        db::query(
            "INSERT INTO committee_members (order_id, seq, name, position, role) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(order_id)
        .bind(seq as i64 + 1)
        .bind(&m.name)
        .bind(&m.position)
        .bind(m.role.as_str())
        .execute(&mut tx)
        .await?;
    }
    crate::text_index::refresh(&mut tx, crate::text_index::Kind::Committee, committee_id).await?;
    let members: Vec<_> = order
        .members
        .iter()
        .map(|m| serde_json::json!({"name": m.name, "position": m.position, "role": m.role}))
        .collect();
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "committee_order",
            entity_key: order_id.to_string(),
            area_code: owner.area_code.clone(),
            lao_id: owner.lao_id,
            before: None,
            after: Some(serde_json::json!({
                "committee_id": committee_id, "kind": kind, "owner": owner.key(),
                "order_no": order.order_no, "order_date": order_date,
                "fiscal_year": order.fiscal_year, "members": members,
            })),
            note: format!(
                "คำสั่งแต่งตั้ง{} {} เลขที่ {}",
                kind.short_th(),
                owner.label_th,
                order.order_no
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Recorded {
        committee_id,
        order_id,
    })
}

/// One committee with all its orders and their members; `today` decides what is current.
pub async fn get(db: &Db, id: i64, today: Date) -> Result<Option<CommitteeDetail>, AppError> {
    let row: Option<(String, String, Option<i64>)> =
        db::query_as("SELECT kind, area_code, lao_id FROM committees WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    let Some((kind, area_code, lao_id)) = row else {
        return Ok(None);
    };
    let kind =
        Kind::parse(&kind).ok_or_else(|| anyhow::anyhow!("unknown committee kind {kind}"))?;
    let (owner, _) = resolve(
        db,
        &Target {
            kind,
            area_code,
            lao_id,
        },
    )
    .await?;
    let orders: Vec<(i64, String, String, i64)> = db::query_as(
        "SELECT id, order_no, order_date, fiscal_year FROM committee_orders WHERE committee_id = $1 \
         ORDER BY order_date DESC, id DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let members: Vec<(i64, String, String, MemberRole)> = db::query_as(
        "SELECT m.order_id, m.name, m.position, m.role FROM committee_members m \
         JOIN committee_orders o ON o.id = m.order_id WHERE o.committee_id = $1 ORDER BY m.order_id, m.seq",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let orders: Vec<Order> = orders
        .into_iter()
        .map(|(order_id, order_no, order_date, fiscal_year)| Order {
            id: order_id,
            order_no,
            order_date_th: date_th(&order_date),
            order_date,
            fiscal_year: fiscal_year as i32,
            members: members
                .iter()
                .filter(|m| m.0 == order_id)
                .map(|(_, name, position, role)| {
                    let role = *role;
                    Member {
                        name: name.clone(),
                        position: position.clone(),
                        role,
                        role_th: role.th().to_string(),
                    }
                })
                .collect(),
        })
        .collect();
    Ok(Some(CommitteeDetail {
        committee: Committee {
            id,
            kind,
            kind_th: kind.th().to_string(),
            kind_short_th: kind.short_th().to_string(),
            owner,
        },
        fiscal_year: current_fiscal_year(today),
        current: is_current(orders.iter().map(|o| o.fiscal_year), today),
        missing_seats: match (kind, orders.first()) {
            (Kind::LaoWorkingGroup, Some(newest)) => prescribed::missing(&newest.members),
            _ => Vec::new(),
        },
        meetings: meetings::of_committee(db, id).await?,
        orders,
    }))
}
