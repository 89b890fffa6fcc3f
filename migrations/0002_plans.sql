-- The One Plan chain (ONEPLAN.md sections 4-6): plans, forums, projects, and the adoptions
-- that carry one project from the village plan up to the budget. Amounts are satang.

-- Development dimensions (มิติการพัฒนา), as data: the core three plus the Project Bank's.
CREATE TABLE dimensions (
    code TEXT PRIMARY KEY,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL,
    core BIGINT NOT NULL,
    sort BIGINT NOT NULL
);
INSERT INTO dimensions (code, name_th, name_en, core, sort) VALUES
    ('economy', 'ด้านเศรษฐกิจ', 'Economy', 1, 1),
    ('society', 'ด้านสังคมและคุณภาพชีวิต', 'Society and quality of life', 1, 2),
    ('environment', 'ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม', 'Natural resources and environment', 1, 3),
    ('security', 'ด้านความมั่นคงและความสงบเรียบร้อย', 'Security and order', 0, 4),
    ('administration', 'ด้านการบริหารจัดการ และการส่งเสริมการมีส่วนร่วมในพื้นที่', 'Administration and participation', 0, 5),
    ('other', 'มิติการพัฒนาด้านอื่นๆ', 'Other', 0, 6);

-- A provincial plan's development issues (ประเด็นการพัฒนา), to which district projects are aligned.
CREATE TABLE development_issues (
    id {{id}},
    province_code TEXT NOT NULL REFERENCES areas (code),
    seq BIGINT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (province_code, seq)
);

-- A plan belongs to one owner: an area (village, tambon, district, province) or an LAO
-- ('local' = แผนพัฒนาท้องถิ่น, 'budget' = ร่างข้อบัญญัติงบประมาณ). owner_key is the area code or
-- 'lao:<id>'; area_code is where the plan sits in the tree (for an LAO, its office tambon),
-- so that every plan can be found under an area by code prefix.
CREATE TABLE plans (
    id {{id}},
    kind TEXT NOT NULL CHECK (kind IN ('village', 'tambon', 'local', 'budget', 'district', 'province')),
    owner_key TEXT NOT NULL,
    area_code TEXT NOT NULL REFERENCES areas (code),
    lao_id BIGINT REFERENCES laos (id),
    first_year BIGINT NOT NULL,
    last_year BIGINT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
    copied_from BIGINT REFERENCES plans (id),
    -- tambon plan: the quarter of the fiscal year it was made, the plan book's deliveries, its evaluation
    made_quarter BIGINT,
    delivered_lao_on TEXT,
    delivered_district_on TEXT,
    evaluated_on TEXT,
    evaluation TEXT NOT NULL DEFAULT '',
    -- district plan: approval by ก.บ.อ. and sending to the province
    committee_approved_on TEXT,
    sent_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (kind, owner_key, first_year)
);
CREATE INDEX plans_area ON plans (area_code, kind, first_year);
CREATE INDEX plans_lao ON plans (lao_id, kind, first_year);

-- Submissions, approvals and reopenings, with the reason given.
CREATE TABLE plan_events (
    id {{id}},
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_events_plan ON plan_events (plan_id, id);

-- Forums (เวทีประชาคม) where needs are raised: a village forum for a village plan, the
-- tambon integration forum held by ศอช.ต./สอช. for a tambon plan.
CREATE TABLE forums (
    id {{id}},
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    area_code TEXT NOT NULL REFERENCES areas (code),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    chaired_by TEXT NOT NULL,
    held_by TEXT NOT NULL DEFAULT '',
    attendance BIGINT NOT NULL,
    households BIGINT,
    used_basic_needs BIGINT NOT NULL DEFAULT 0,
    used_village_data BIGINT NOT NULL DEFAULT 0,
    other_data TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX forums_plan ON forums (plan_id);
CREATE INDEX forums_area ON forums (area_code, held_on);

-- A project is one record for its whole life; plans adopt it (plan_items), never copy it.
CREATE TABLE projects (
    id {{id}},
    title TEXT NOT NULL,
    dimension TEXT NOT NULL REFERENCES dimensions (code),
    need TEXT NOT NULL DEFAULT '',
    objective TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    -- where it was raised (a village, or a tambon for a tambon-level project) and in which forum
    area_code TEXT NOT NULL REFERENCES areas (code),
    origin_plan_id BIGINT REFERENCES plans (id),
    forum_id BIGINT REFERENCES forums (id),
    reach TEXT NOT NULL CHECK (reach IN ('village', 'tambon', 'tambons', 'district')),
    target_villages BIGINT,
    target_households BIGINT,
    target_people BIGINT,
    budget_satang BIGINT NOT NULL CHECK (budget_satang >= 0),
    executor TEXT NOT NULL CHECK (executor IN ('community', 'joint', 'lao', 'agency', 'province')),
    within_lao_authority BIGINT NOT NULL DEFAULT 0,
    starts_on TEXT,
    ends_on TEXT,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'adopted', 'budgeted', 'under_way', 'done', 'dropped')),
    progress_pct BIGINT NOT NULL DEFAULT 0,
    spent_satang BIGINT NOT NULL DEFAULT 0,
    -- a tambon plan that merges the same need from several villages keeps one and points the others here
    merged_into BIGINT REFERENCES projects (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX projects_area ON projects (area_code);
CREATE INDEX projects_origin ON projects (origin_plan_id);
CREATE INDEX projects_merged ON projects (merged_into);

-- The villages a project serves.
CREATE TABLE project_villages (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    village_code TEXT NOT NULL REFERENCES areas (code),
    PRIMARY KEY (project_id, village_code)
);
CREATE INDEX project_villages_village ON project_villages (village_code);

-- Funding sources and partners (ภาคีการพัฒนา): one project may draw on several.
CREATE TABLE project_funding (
    id {{id}},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    source TEXT NOT NULL,
    partner_role TEXT NOT NULL CHECK (partner_role IN ('funds', 'cooperates')),
    amount_satang BIGINT NOT NULL DEFAULT 0 CHECK (amount_satang >= 0)
);
CREATE INDEX project_funding_project ON project_funding (project_id);

-- A project's place in a plan: the village plan that raised it and every plan that adopted it,
-- with the year, the priority rank, the amount and the decision date.
CREATE TABLE plan_items (
    id {{id}},
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    project_id BIGINT NOT NULL REFERENCES projects (id),
    fiscal_year BIGINT NOT NULL,
    rank BIGINT,
    amount_satang BIGINT NOT NULL CHECK (amount_satang >= 0),
    decided_on TEXT NOT NULL,
    issue_id BIGINT REFERENCES development_issues (id),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (plan_id, project_id)
);
CREATE INDEX plan_items_project ON plan_items (project_id);

-- A need that belongs to a line agency's mission, routed by the district with a budget request.
CREATE TABLE agency_requests (
    id {{id}},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    agency TEXT NOT NULL,
    amount_satang BIGINT NOT NULL CHECK (amount_satang >= 0),
    requested_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX agency_requests_project ON agency_requests (project_id);

-- Progress reports: status, percent done and money spent, as of a date.
CREATE TABLE project_progress (
    id {{id}},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    reported_on TEXT NOT NULL,
    status TEXT NOT NULL,
    progress_pct BIGINT NOT NULL,
    spent_satang BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX project_progress_project ON project_progress (project_id, id);

-- CDD's community-plan standard: criteria and levels change over time, so they are data.
-- A plan reaches the highest level whose min_met criteria it meets.
CREATE TABLE plan_standards (
    id {{id}},
    name TEXT NOT NULL,
    from_year BIGINT NOT NULL
);
CREATE TABLE plan_standard_criteria (
    id {{id}},
    standard_id BIGINT NOT NULL REFERENCES plan_standards (id),
    seq BIGINT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE plan_standard_levels (
    id {{id}},
    standard_id BIGINT NOT NULL REFERENCES plan_standards (id),
    name TEXT NOT NULL,
    min_met BIGINT NOT NULL
);
CREATE TABLE plan_assessments (
    id {{id}},
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    standard_id BIGINT NOT NULL REFERENCES plan_standards (id),
    assessed_on TEXT NOT NULL,
    assessor TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX plan_assessments_plan ON plan_assessments (plan_id, id);
CREATE TABLE plan_assessment_marks (
    assessment_id BIGINT NOT NULL REFERENCES plan_assessments (id),
    criterion_id BIGINT NOT NULL REFERENCES plan_standard_criteria (id),
    met BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, criterion_id)
);

-- A starting set of criteria, to be replaced by CDD's current wording through a new standard row.
INSERT INTO plan_standards (name, from_year) VALUES ('เกณฑ์การประเมินคุณภาพแผนชุมชน (ชุดเริ่มต้น)', 2560);
INSERT INTO plan_standard_criteria (standard_id, seq, text)
    SELECT id, 1, 'ครัวเรือนในหมู่บ้าน/ชุมชนมีส่วนร่วมในเวทีจัดทำหรือทบทวนแผน' FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_criteria (standard_id, seq, text)
    SELECT id, 2, 'ใช้ข้อมูล จปฐ. กชช.๒ค และข้อมูลชุมชนในการวิเคราะห์ปัญหาและความต้องการ' FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_criteria (standard_id, seq, text)
    SELECT id, 3, 'แผนครอบคลุมมิติการพัฒนาหลักทั้ง ๓ ด้าน และจัดลำดับความสำคัญของโครงการ' FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_criteria (standard_id, seq, text)
    SELECT id, 4, 'จำแนกโครงการที่ชุมชนทำเอง ทำร่วมกับหน่วยงาน และขอรับการสนับสนุน' FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_criteria (standard_id, seq, text)
    SELECT id, 5, 'ชุมชนนำแผนไปใช้ดำเนินการ และประสานให้ อปท. และหน่วยงานบรรจุโครงการในแผนของตน' FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_criteria (standard_id, seq, text)
    SELECT id, 6, 'ทบทวนและปรับปรุงแผนเป็นประจำทุกปี' FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_levels (standard_id, name, min_met)
    SELECT id, 'ระดับดี', 4 FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_levels (standard_id, name, min_met)
    SELECT id, 'ระดับดีมาก', 5 FROM plan_standards WHERE from_year = 2560;
INSERT INTO plan_standard_levels (standard_id, name, min_met)
    SELECT id, 'ระดับดีเยี่ยม', 6 FROM plan_standards WHERE from_year = 2560;
