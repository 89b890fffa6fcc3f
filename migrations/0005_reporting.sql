-- What offices must report (ONEPLAN.md sections 7, 8, 10): the facts the reports are computed
-- from, the submissions themselves (every version kept), the calendar, and reminders.

-- Target tambons (ตำบลเป้าหมาย) that received budget for their tambon plan in a fiscal year.
CREATE TABLE target_tambons (
    fiscal_year BIGINT NOT NULL,
    tambon_code TEXT NOT NULL REFERENCES areas (code),
    budget_satang BIGINT NOT NULL DEFAULT 0 CHECK (budget_satang >= 0),
    coordinator TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (fiscal_year, tambon_code)
);
CREATE INDEX target_tambons_code ON target_tambons (tambon_code, fiscal_year);

-- KPI 3.2 per fiscal year: thresholds (percent), score bands (KPI percent for scores 1..5,
-- comma-separated) and the national base count of model LAOs. Edited by a national administrator.
CREATE TABLE kpi_settings (
    fiscal_year BIGINT PRIMARY KEY,
    local_threshold_pct BIGINT NOT NULL,
    budget_threshold_pct BIGINT NOT NULL,
    score_bands TEXT NOT NULL,
    base_count BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
INSERT INTO kpi_settings (fiscal_year, local_threshold_pct, budget_threshold_pct, score_bands, base_count, updated_at, updated_by)
    VALUES (2555, 30, 20, '60,65,70,75,80', 878, '2012-10-01T00:00:00Z', '[ตัวชี้วัด ๓.๒ ปี ๒๕๕๕]');

-- Model LAOs (อปท. ต้นแบบ): one per district and fiscal year. A change of target ends the
-- current designation (replaced_at) and starts a new one; the history stays.
CREATE TABLE model_laos (
    id {{id}},
    fiscal_year BIGINT NOT NULL,
    district_code TEXT NOT NULL REFERENCES areas (code),
    lao_id BIGINT NOT NULL REFERENCES laos (id),
    designated_on TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    replaced_at TEXT
);
CREATE INDEX model_laos_district ON model_laos (fiscal_year, district_code);
CREATE INDEX model_laos_lao ON model_laos (lao_id, fiscal_year);

-- The joint work plan of an LAO's working group (KPI 3.2 item 3).
CREATE TABLE working_group_plans (
    lao_id BIGINT NOT NULL REFERENCES laos (id),
    fiscal_year BIGINT NOT NULL,
    approved_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (lao_id, fiscal_year)
);

-- Every submitted report, every version: kind (register1, register2, register3,
-- district_progress, kpi32_monthly, district_plan, role_model), the unit that reports (a DOPA
-- code or 'lao:<id>'), the fiscal year and period ('' or 'YYYY-MM' CE for monthly reports), the
-- content as submitted (JSON), the deadline that applied and whether it was late.
CREATE TABLE submissions (
    id {{id}},
    kind TEXT NOT NULL,
    unit_key TEXT NOT NULL,
    area_code TEXT NOT NULL,
    lao_id BIGINT REFERENCES laos (id),
    fiscal_year BIGINT NOT NULL,
    period TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL,
    payload_json TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    deadline TEXT,
    late BIGINT NOT NULL DEFAULT 0,
    UNIQUE (kind, unit_key, fiscal_year, period, version)
);
CREATE INDEX submissions_area ON submissions (kind, fiscal_year, area_code);

-- The calendar (section 10): each fiscal year's deadlines, as data.
CREATE TABLE deadlines (
    id {{id}},
    fiscal_year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    period TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (fiscal_year, kind, period)
);

-- Reminders shown in the app, and mail waiting for a sender to drain it.
CREATE TABLE notifications (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    deadline_id BIGINT REFERENCES deadlines (id),
    unit_key TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT,
    UNIQUE (user_id, deadline_id, unit_key)
);
CREATE TABLE outbox (
    id {{id}},
    to_user_id BIGINT REFERENCES users (id),
    to_address TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

-- Where reminders are mailed.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
