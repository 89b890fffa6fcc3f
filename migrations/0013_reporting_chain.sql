-- Issue 12: the reporting chain above the first step. The district local-government office
-- (สถ.อ.) reviews each model LAO's monthly KPI 3.2 report: accepted, or returned with a reason
-- the LAO reads. One review per submission (a returned report comes back as a new version).
-- What a district forwards to the province, and a province to the department, is a
-- submission of its own (kinds kpi32_district, kpi32_province) that lists what it carries.
CREATE TABLE submission_reviews (
    id {{id}},
    submission_id BIGINT NOT NULL UNIQUE REFERENCES submissions (id),
    verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'returned')),
    reason TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    CHECK (verdict = 'accepted' OR reason <> '')
);
CREATE INDEX submissions_unit ON submissions (kind, unit_key, fiscal_year, period);
