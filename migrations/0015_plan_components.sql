-- Issue 12: what district-report item (๓) counts as a tambon plan "complete in every component
-- CDD requires" is CDD's to change, so it is data: per fiscal year from which it holds (the
-- newest at or before the year applies), each component and whether it is required.
CREATE TABLE tambon_plan_components (
    id {{id}},
    fiscal_year BIGINT NOT NULL,
    component TEXT NOT NULL CHECK (component IN ('forum', 'projects', 'ranked', 'core_dimensions', 'made_on')),
    required BIGINT NOT NULL CHECK (required IN (0, 1)),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (fiscal_year, component)
);
INSERT INTO tambon_plan_components (fiscal_year, component, required, updated_at, updated_by) VALUES
    (2500, 'forum', 1, '2026-12-01T00:00:00Z', 'migration'),
    (2500, 'projects', 1, '2026-12-01T00:00:00Z', 'migration'),
    (2500, 'ranked', 1, '2026-12-01T00:00:00Z', 'migration'),
    (2500, 'core_dimensions', 1, '2026-12-01T00:00:00Z', 'migration'),
    (2500, 'made_on', 1, '2026-12-01T00:00:00Z', 'migration');
