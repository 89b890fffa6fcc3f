-- Issue 14 (seed 004): the Tambon Project Bank (คลังข้อมูลโครงการเพื่อการพัฒนาพื้นที่ระดับตำบล)
-- and the Role Model rounds of Tambon Smart Team. A bank entry is a project record (taken from
-- the tambon plan, with its lineage, or new) with what the bank asks of it; a round is opened
-- for a fiscal year with its districts, its cap per district and its deadlines.
CREATE TABLE bank_projects (
    id {{id}},
    project_id BIGINT NOT NULL UNIQUE REFERENCES projects (id),
    district_code TEXT NOT NULL REFERENCES areas (code),
    -- what is asked of the bank, which may be less than the project's whole budget
    budget_satang BIGINT NOT NULL CHECK (budget_satang > 0),
    months BIGINT NOT NULL CHECK (months BETWEEN 1 AND 60),
    site_ready BIGINT NOT NULL CHECK (site_ready IN (0, 1)),
    -- the people and agencies that approved or permitted it; '' not yet
    consent TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX bank_projects_district ON bank_projects (district_code);
-- the tambons it covers: one, several, or every tambon of the district
CREATE TABLE bank_project_tambons (
    bank_id BIGINT NOT NULL REFERENCES bank_projects (id),
    tambon_code TEXT NOT NULL REFERENCES areas (code),
    PRIMARY KEY (bank_id, tambon_code)
);
CREATE TABLE role_model_rounds (
    id {{id}},
    fiscal_year BIGINT NOT NULL UNIQUE,
    -- the cap on a district's whole selection (๑๕๐,๐๐๐ บาท in the circular)
    cap_satang BIGINT NOT NULL CHECK (cap_satang > 0),
    work_due_on TEXT NOT NULL,
    report_due_on TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL
);
-- a district of a round and its selection's step: draft → submitted → approved
CREATE TABLE role_model_districts (
    id {{id}},
    round_id BIGINT NOT NULL REFERENCES role_model_rounds (id),
    district_code TEXT NOT NULL REFERENCES areas (code),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
    submitted_by TEXT,
    submitted_at TEXT,
    approved_by TEXT,
    approved_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (round_id, district_code)
);
CREATE TABLE role_model_selections (
    id {{id}},
    entry_id BIGINT NOT NULL REFERENCES role_model_districts (id),
    bank_id BIGINT NOT NULL REFERENCES bank_projects (id),
    selected_by TEXT NOT NULL,
    selected_at TEXT NOT NULL,
    UNIQUE (entry_id, bank_id)
);
-- the Do and Don't list answered for a selected project, with the reason; the flag the text
-- raised is kept beside the officer's answer
CREATE TABLE role_model_screenings (
    selection_id BIGINT NOT NULL REFERENCES role_model_selections (id),
    criterion TEXT NOT NULL CHECK (criterion IN ('do_1', 'do_2', 'do_3', 'do_4', 'dont_1', 'dont_2', 'dont_3', 'dont_4')),
    -- 1: the project is in line with the item (does it, or avoids it)
    passes BIGINT NOT NULL CHECK (passes IN (0, 1)),
    reason TEXT NOT NULL CHECK (reason <> ''),
    flagged BIGINT NOT NULL CHECK (flagged IN (0, 1)),
    flag_why TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (selection_id, criterion)
);
