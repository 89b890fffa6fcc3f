-- Meetings of a committee (ประชุม), e.g. the ก.บ.ต. meeting held to make the tambon plan,
-- which district report item (๒) counts. held_on is ISO CE; for_plan_year is BE.
CREATE TABLE committee_meetings (
    id {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    attendance BIGINT NOT NULL CHECK (attendance > 0),
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL DEFAULT '',
    resolutions TEXT NOT NULL DEFAULT '',
    for_plan_year BIGINT,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id)
);
CREATE INDEX committee_meetings_committee ON committee_meetings (committee_id, held_on);
CREATE INDEX committee_meetings_plan_year ON committee_meetings (for_plan_year, committee_id);
