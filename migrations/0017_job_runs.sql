-- Issue 13: several servers on one database (a national deployment) run each day's round of
-- calendars and reminders once: the first server to claim the day's row runs it.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    run_on TEXT NOT NULL,
    started_at TEXT NOT NULL,
    PRIMARY KEY (job, run_on)
);
