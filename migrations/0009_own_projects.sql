-- A plan's own projects (issue 11): a project raised in a local, district or province plan
-- itself (projects.origin_plan_id is that plan, and its plan_items row holds the total), with
-- the columns of the ผ.02 table of แผนพัฒนาท้องถิ่น and its budget for each year of the plan's
-- span. Projects adopted from the plans below have no row here. Amounts are satang.
CREATE TABLE own_projects (
    project_id BIGINT PRIMARY KEY REFERENCES projects (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    -- ที่: the project's place in the plan's table
    seq BIGINT NOT NULL,
    strategy TEXT NOT NULL DEFAULT '',
    work_plan TEXT NOT NULL DEFAULT '',
    -- เป้าหมาย (ผลผลิตของโครงการ)
    output TEXT NOT NULL DEFAULT '',
    indicator TEXT NOT NULL DEFAULT '',
    expected_result TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT ''
);
CREATE INDEX own_projects_plan ON own_projects (plan_id, seq);

-- งบประมาณ per fiscal year (BE) of the plan's span; every year of the span has a row.
CREATE TABLE own_project_years (
    project_id BIGINT NOT NULL REFERENCES own_projects (project_id),
    fiscal_year BIGINT NOT NULL,
    amount_satang BIGINT NOT NULL CHECK (amount_satang >= 0),
    PRIMARY KEY (project_id, fiscal_year)
);
