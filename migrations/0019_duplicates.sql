-- Issue 15: decisions on likely duplicates. A pair (the smaller project id first) is decided
-- once: 'same' (the other merged into `kept`, its adoptions moved to it) or 'different'.
CREATE TABLE duplicate_decisions (
    id {{id}},
    project_a BIGINT NOT NULL REFERENCES projects (id),
    project_b BIGINT NOT NULL REFERENCES projects (id),
    verdict TEXT NOT NULL CHECK (verdict IN ('same', 'different')),
    kept BIGINT REFERENCES projects (id),
    score_permille BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    area_code TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    CHECK (project_a < project_b),
    CHECK ((verdict = 'same') = (kept IS NOT NULL)),
    UNIQUE (project_a, project_b)
);
CREATE INDEX duplicate_decisions_b ON duplicate_decisions (project_b);
