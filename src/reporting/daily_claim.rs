//! The daily round runs once a day however many servers share the database: each server asks
//! to claim the day, and only the first to insert the day's row runs it.

use crate::db::{self, Db};
use time::Date;

/// The name of the daily round of calendars and reminders.
pub const DAILY_ROUND: &str = "daily_round";

/// True for the one caller that claims `job` for `day` first; false for every later one.
pub async fn claim(db: &Db, job: &str, day: Date) -> anyhow::Result<bool> {
    let done = db::query(
        "INSERT INTO job_runs (job, run_on, started_at) VALUES ($1, $2, $3) \
         ON CONFLICT (job, run_on) DO NOTHING",
    )
    .bind(job.to_string())
    .bind(day.to_string())
    .bind(db::now_text())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a claimed day back, so that the next try runs the job (after it failed).
pub async fn release(db: &Db, job: &str, day: Date) -> anyhow::Result<()> {
    db::query("DELETE FROM job_runs WHERE job = $1 AND run_on = $2")
        .bind(job.to_string())
        .bind(day.to_string())
        .execute(db)
        .await?;
    Ok(())
}
