-- Official documents (ONEPLAN.md section 4.2): each district chooses one tambon plan a year as
-- its model (แผนพัฒนาตำบลต้นแบบ) and sends it to the province as a Word file. Every choice is
-- kept; a later one replaces the earlier as current (replaced_at set), the earlier stays.
CREATE TABLE model_tambon_plans (
    id {{id}},
    district_code TEXT NOT NULL REFERENCES areas (code),
    fiscal_year BIGINT NOT NULL,
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    note TEXT NOT NULL DEFAULT '',
    chosen_at TEXT NOT NULL,
    chosen_by BIGINT REFERENCES users (id),
    chosen_by_name TEXT NOT NULL,
    replaced_at TEXT
);
-- One current choice per district and year.
CREATE UNIQUE INDEX model_tambon_plans_current ON model_tambon_plans (district_code, fiscal_year) WHERE replaced_at IS NULL;
CREATE INDEX model_tambon_plans_plan ON model_tambon_plans (plan_id);
