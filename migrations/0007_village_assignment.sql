-- Shared tambons (issue 11): the villages of a tambon that several LAOs cover partially are
-- assigned one by one, each to exactly one LAO.

-- A village belongs to one LAO at most.
DROP INDEX lao_villages_village;
CREATE UNIQUE INDEX lao_villages_one_lao ON lao_villages (village_code);

-- Every assignment and reassignment of a village: who, when, from which LAO to which.
CREATE TABLE lao_village_history (
    id {{id}},
    village_code TEXT NOT NULL REFERENCES areas (code),
    from_lao_id BIGINT REFERENCES laos (id),
    to_lao_id BIGINT NOT NULL REFERENCES laos (id),
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL
);
CREATE INDEX lao_village_history_village ON lao_village_history (village_code, id);

-- The units of an LAO: the villages of the tambons it covers completely, and the villages
-- assigned to it in the tambons it covers partially. Every figure of an LAO counts these and
-- nothing else, so this is the ONE place that says which units are an LAO's own; a later
-- community level (ชุมชน) adds its units here. Written as one join (not a UNION) so that both
-- databases fold it into the statements that use it and look each row up by index; CROSS JOIN
-- keeps SQLite (no statistics) from scanning every village of the country for each coverage
-- row (KPI item 1 of Phayao's model LAOs on the national areas: 6,024 ms with JOIN, 1.8 ms).
CREATE VIEW lao_units AS
SELECT c.lao_id AS lao_id, c.area_code AS tambon_code, v.code AS village_code
FROM lao_coverage c CROSS JOIN areas v
WHERE v.parent_code = c.area_code AND v.level = 'village'
  AND (c.extent = 'complete'
       OR EXISTS (SELECT 1 FROM lao_villages w WHERE w.lao_id = c.lao_id AND w.village_code = v.code));

-- Tambons covered partially that are not yet split: a village of theirs has no LAO.
CREATE VIEW unsplit_tambons AS
SELECT t.code AS tambon_code, t.name_th AS name_th
FROM areas t
WHERE t.level = 'tambon'
  AND EXISTS (SELECT 1 FROM lao_coverage c WHERE c.area_code = t.code AND c.extent = 'partial')
  AND EXISTS (SELECT 1 FROM areas v WHERE v.parent_code = t.code AND v.level = 'village'
              AND NOT EXISTS (SELECT 1 FROM lao_villages w WHERE w.village_code = v.code));
