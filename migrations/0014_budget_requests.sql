-- Issue 12: register form 3 counts the tambon plan's projects linked with the LAO "or for which
-- the LAO's budget support was requested" (seed 000), adopted or not. A request names the
-- tambon plan it comes from, the project, the LAO asked, when and how much; the LAO's answer
-- (pending, granted, refused) and its date come later. Versioned like every edited record.
CREATE TABLE lao_budget_requests (
    id {{id}},
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    project_id BIGINT NOT NULL REFERENCES projects (id),
    lao_id BIGINT NOT NULL REFERENCES laos (id),
    requested_on TEXT NOT NULL,
    amount_satang BIGINT NOT NULL CHECK (amount_satang >= 0),
    answer TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'granted', 'refused')),
    answered_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (plan_id, project_id, lao_id)
);
CREATE INDEX lao_budget_requests_project ON lao_budget_requests (project_id);
