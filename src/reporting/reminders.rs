//! Reminders: for each deadline due within a week or overdue by up to a month, every unit that
//! has not reported gets a notification for each account responsible for it, and a mail where
//! the account has an address. Safe to run any number of times a day: the table's UNIQUE
//! (user, deadline, unit) keeps one notification each, and mail goes only with a new one.

use super::calendar::{self, Deadline, Status};
use super::expected::Unit;
use super::{outbox, overview};
use crate::audit::{self, Actor, Change};
use crate::db::{self, Db, now_text};
use serde::Serialize;
use std::collections::HashMap;
use time::{Date, Duration};

/// Remind this many days before the due date…
pub const DAYS_BEFORE: i64 = 7;
/// …and keep reminding until this many days after it.
pub const DAYS_AFTER: i64 = 30;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reminded {
    /// Deadlines inside the reminding window.
    pub deadlines: usize,
    /// Units that had not reported, summed over those deadlines.
    pub pending_units: usize,
    /// New notifications (repeats are not counted).
    pub notifications: usize,
    pub mails: usize,
}

/// An account that may be reminded.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Account {
    id: i64,
    display_name: String,
    email: String,
    scope_level: crate::accounts::ScopeLevel,
    scope_code: String,
}

/// Active officers and administrators scoped to exactly one district, LAO or province.
struct Responsible(HashMap<(String, String), Vec<Account>>);

impl Responsible {
    async fn load(db: &Db) -> anyhow::Result<Responsible> {
        let rows = db::query_as::<Account>(
            "SELECT id, display_name, email, scope_level, scope_code FROM users \
             WHERE active = 1 AND role IN ('officer', 'admin') AND scope_level IN ('district', 'lao', 'province') \
             ORDER BY id",
        )
        .fetch_all(db)
        .await?;
        let mut map: HashMap<(String, String), Vec<Account>> = HashMap::new();
        for a in rows {
            map.entry((a.scope_level.as_str().to_string(), a.scope_code.clone()))
                .or_default()
                .push(a);
        }
        Ok(Responsible(map))
    }

    /// The unit's own accounts; failing those, its province's.
    fn of(&self, unit: &Unit) -> &[Account] {
        let own = match &unit.lao_key {
            Some(key) => ("lao".to_string(), key.clone()),
            None if unit.unit_key.len() == 2 => ("province".to_string(), unit.unit_key.clone()),
            None => ("district".to_string(), unit.unit_key.clone()),
        };
        self.0
            .get(&own)
            .filter(|v| !v.is_empty())
            .or_else(|| {
                self.0
                    .get(&("province".to_string(), unit.province_code.clone()))
            })
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Sends the reminders due on `today`.
pub async fn remind(db: &Db, today: Date) -> anyhow::Result<Reminded> {
    let deadlines = calendar::due_between(
        db,
        today - Duration::days(DAYS_AFTER),
        today + Duration::days(DAYS_BEFORE),
    )
    .await?;
    let mut out = Reminded {
        deadlines: deadlines.len(),
        ..Default::default()
    };
    if deadlines.is_empty() {
        return Ok(out);
    }
    let accounts = Responsible::load(db).await?;
    for d in &deadlines {
        let pending = overview::pending(db, d).await?;
        out.pending_units += pending.len();
        if pending.is_empty() {
            continue;
        }
        let (notes, mails) = remind_deadline(db, d, &pending, &accounts, today).await?;
        out.notifications += notes;
        out.mails += mails;
    }
    Ok(out)
}

/// One deadline's reminders, in one transaction with its audit entry.
async fn remind_deadline(
    db: &Db,
    d: &Deadline,
    pending: &[Unit],
    accounts: &Responsible,
    today: Date,
) -> anyhow::Result<(usize, usize)> {
    let now = now_text();
    let mut tx = db.begin_write().await?;
    let (mut notes, mut mails) = (0, 0);
    for unit in pending {
        for account in accounts.of(unit) {
            let text = Text::new(d, unit, today);
            let id: Option<i64> = db::query_scalar(
                "INSERT INTO notifications (user_id, deadline_id, unit_key, message, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, deadline_id, unit_key) DO NOTHING RETURNING id",
            )
            .bind(account.id)
            .bind(d.id)
            .bind(&unit.unit_key)
            .bind(&text.line)
            .bind(&now)
            .fetch_optional(&mut tx)
            .await?;
            if id.is_none() {
                continue;
            }
            notes += 1;
            if !account.email.trim().is_empty() {
                outbox::enqueue(
                    &mut tx,
                    Some(account.id),
                    account.email.trim(),
                    &text.subject,
                    &text.body(&account.display_name),
                )
                .await?;
                mails += 1;
            }
        }
    }
    if notes > 0 {
        audit::record(
            &mut tx,
            &Actor::system("reminders"),
            Change {
                action: "remind",
                entity: "deadline",
                entity_key: format!("{}:{}:{}", d.fiscal_year, d.kind, d.period),
                area_code: String::new(),
                lao_id: None,
                before: None,
                after: Some(serde_json::json!({"notifications": notes, "mails": mails})),
                note: format!("{}: แจ้งเตือน {notes} รายการ อีเมล {mails} ฉบับ", d.title),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok((notes, mails))
}

/// The words of one reminder.
struct Text {
    /// The notification: one line.
    line: String,
    subject: String,
    unit: String,
    title: String,
    due: String,
    when: String,
}

impl Text {
    fn new(d: &Deadline, unit: &Unit, today: Date) -> Text {
        let due = d.due().unwrap_or(today);
        let days = (due - today).whole_days();
        let overdue = calendar::status(due, today) == Status::Overdue;
        let when = match days {
            0 => "ครบกำหนดวันนี้".to_string(),
            d if d < 0 => format!("เลยกำหนดมาแล้ว {} วัน", -d),
            d => format!("อีก {d} วันจะถึงกำหนด"),
        };
        let due_th = calendar::date_th(due);
        let head = if overdue {
            "เลยกำหนดส่ง"
        } else {
            "ใกล้ถึงกำหนดส่ง"
        };
        Text {
            line: format!(
                "{head}: {} ของ{} ยังไม่ได้ส่ง กำหนดส่ง {due_th}",
                d.title, unit.name_th
            ),
            subject: format!("แผนเดียวกัน: {head} {} ({})", d.title, unit.name_th),
            unit: unit.name_th.clone(),
            title: d.title.clone(),
            due: due_th,
            when,
        }
    }

    fn body(&self, name: &str) -> String {
        format!(
            "เรียน {name}\n\n\
             {unit} ยังไม่ได้ส่ง{title}\n\
             กำหนดส่ง: {due} ({when})\n\n\
             โปรดส่งรายงานผ่านระบบแผนเดียวกัน และดูสถานะได้ที่เมนู “ปฏิทินการรายงาน”\n\
             หากส่งแล้ว ไม่ต้องดำเนินการใด ๆ\n\n\
             ข้อความนี้ส่งโดยอัตโนมัติจากระบบแผนเดียวกัน โปรดอย่าตอบกลับ\n",
            unit = self.unit,
            title = self.title,
            due = self.due,
            when = self.when,
        )
    }
}

/// The daily round: this year's and next year's calendars, then the reminders.
pub async fn daily(db: &Db, today: Date) -> anyhow::Result<Reminded> {
    calendar::ensure_current(db, today).await?;
    remind(db, today).await
}

/// Runs the daily round now and then every hour, for as long as the server runs: each day's
/// round once, by whichever server sharing the database claims the day first.
pub fn spawn_daily(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await; // the first tick is immediate: a round at start
            let today = crate::thai::fiscal::today_in_thailand();
            match super::daily_claim::claim(&db, super::daily_claim::DAILY_ROUND, today).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::error!("the daily round could not be claimed: {e:#}");
                    continue;
                }
            }
            match daily(&db, today).await {
                Ok(r) => tracing::info!(
                    "reminders: {} deadlines, {} units pending, {} new notifications, {} mails queued",
                    r.deadlines,
                    r.pending_units,
                    r.notifications,
                    r.mails
                ),
                Err(e) => {
                    tracing::error!("reminders failed: {e:#}");
                    let job = super::daily_claim::DAILY_ROUND;
                    if let Err(e) = super::daily_claim::release(&db, job, today).await {
                        tracing::error!("the daily round could not be given back: {e:#}");
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn deadline(due: &str) -> Deadline {
        Deadline {
            id: 1,
            fiscal_year: 2569,
            kind: super::super::REGISTER_2.into(),
            period: String::new(),
            due_on: crate::db::types::parse_iso(due).unwrap(),
            title: "แบบ ๒".into(),
        }
    }

    fn unit() -> Unit {
        Unit {
            unit_key: "5602".into(),
            area_code: "5602".into(),
            name_th: "อำเภอจุน".into(),
            name_en: "Chun District".into(),
            lao_id: None,
            lao_key: None,
            province_code: "56".into(),
        }
    }

    #[test]
    fn overdue_and_coming_reminders_say_so() {
        let t = Text::new(&deadline("2026-05-31"), &unit(), date!(2026 - 06 - 10));
        assert!(t.line.starts_with("เลยกำหนดส่ง: แบบ ๒ ของอำเภอจุน"));
        assert!(t.line.ends_with("31 พฤษภาคม 2569"));
        assert!(t.body("คุณสมชาย").contains("เลยกำหนดมาแล้ว 10 วัน"));
        let t = Text::new(&deadline("2026-05-31"), &unit(), date!(2026 - 05 - 26));
        assert!(t.subject.contains("ใกล้ถึงกำหนดส่ง") && t.subject.contains("อำเภอจุน"));
        assert!(t.body("x").contains("อีก 5 วันจะถึงกำหนด"));
        let t = Text::new(&deadline("2026-05-31"), &unit(), date!(2026 - 05 - 31));
        assert!(t.body("x").contains("ครบกำหนดวันนี้"));
    }
}
