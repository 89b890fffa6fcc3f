//! What each kind of record is searched by, read from its tables: one statement per kind, used
//! both when one record changes and when the whole index is made again.

use super::Kind;
use crate::db::{self, Executor};

/// A record's searchable text, before normalisation.
pub(super) struct Source {
    pub ref_id: i64,
    pub area_code: String,
    /// What the record is called: a project's or plan's title, a forum's place and chair, a
    /// committee's members.
    pub title: String,
    /// What else it says: a project's need, objective and format; a forum's minutes.
    pub body: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    ref_id: i64,
    area_code: String,
    title: String,
    body: String,
}

/// The statement of a kind; `{after}` and `{only}` are where a batch or one record is chosen.
fn statement(kind: Kind) -> &'static str {
    match kind {
        Kind::Project => {
            "SELECT id AS ref_id, area_code, title, need || ' ' || objective || ' ' || format AS body \
             FROM projects WHERE id > $1 AND ($2 = 0 OR id = $3) ORDER BY id LIMIT $4"
        }
        Kind::Plan => {
            "SELECT id AS ref_id, area_code, title, '' AS body \
             FROM plans WHERE id > $1 AND ($2 = 0 OR id = $3) ORDER BY id LIMIT $4"
        }
        Kind::Forum => {
            "SELECT id AS ref_id, area_code, place || ' ' || chaired_by AS title, \
               held_by || ' ' || other_data || ' ' || minutes AS body \
             FROM forums WHERE id > $1 AND ($2 = 0 OR id = $3) ORDER BY id LIMIT $4"
        }
        // a committee's members of every order, gathered below
        Kind::Committee => {
            "SELECT c.id AS ref_id, c.area_code, COALESCE(m.name, '') AS title, COALESCE(m.position, '') AS body \
             FROM committees c LEFT JOIN committee_orders o ON o.committee_id = c.id \
               LEFT JOIN committee_members m ON m.order_id = o.id \
             WHERE c.id > $1 AND ($2 = 0 OR c.id = $3) AND c.id IN \
               (SELECT id FROM committees WHERE id > $1 ORDER BY id LIMIT $4) \
             ORDER BY c.id, o.order_date, m.seq"
        }
    }
}

/// The records of a kind after `after` (by id), at most `limit`; or the one record `only`.
pub(super) async fn read<'e>(
    e: impl Executor<'e>,
    kind: Kind,
    after: i64,
    only: Option<i64>,
    limit: i64,
) -> anyhow::Result<Vec<Source>> {
    let rows = db::query_as::<Row>(statement(kind))
        .bind(after)
        .bind(only.is_some() as i64)
        .bind(only.unwrap_or(0))
        .bind(limit)
        .fetch_all(e)
        .await?;
    let mut out: Vec<Source> = Vec::new();
    for r in rows {
        match out.last_mut() {
            // a committee's further members
            Some(last) if last.ref_id == r.ref_id => {
                for (to, add) in [(&mut last.title, r.title), (&mut last.body, r.body)] {
                    if !add.is_empty() {
                        to.push(' ');
                        to.push_str(&add);
                    }
                }
            }
            _ => out.push(Source {
                ref_id: r.ref_id,
                area_code: r.area_code,
                title: r.title,
                body: r.body,
            }),
        }
    }
    Ok(out)
}
