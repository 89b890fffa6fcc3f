-- Communities (ชุมชน, issue 11): the units a municipality (and some อบต.) plans by, beside or
-- instead of DOPA's villages. A community is an area of level 'community' under the tambon it
-- lies in (so that its plan, committee, forums and projects work as a village's do), with a
-- stable code of its own: the tambon's code, 'C' and a number (110110C001), never reused.
-- The level CHECK of `areas` is widened before this file runs (`db::migrate`, per backend).

CREATE TABLE communities (
    id {{id}},
    code TEXT NOT NULL UNIQUE REFERENCES areas (code),
    lao_id BIGINT NOT NULL REFERENCES laos (id),
    -- the LAO's own number for it (ชุมชนที่ ๓), unique among its communities in use
    number BIGINT NOT NULL CHECK (number > 0),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'retired')),
    merged_into TEXT REFERENCES communities (code),
    ended_on TEXT,
    registered_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
    CHECK ((status = 'active') = (ended_on IS NULL))
);
CREATE UNIQUE INDEX communities_number ON communities (lao_id, number) WHERE status = 'active';
CREATE INDEX communities_lao ON communities (lao_id, status);

-- Every registration, renaming, merger and retirement: who, when, what before and after.
CREATE TABLE community_history (
    id {{id}},
    code TEXT NOT NULL REFERENCES communities (code),
    action TEXT NOT NULL CHECK (action IN ('registered', 'renamed', 'merged', 'retired')),
    name_before TEXT,
    name_after TEXT,
    number_before BIGINT,
    number_after BIGINT,
    into_code TEXT REFERENCES communities (code),
    on_date TEXT,
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL
);
CREATE INDEX community_history_code ON community_history (code, id);

-- The units of an LAO (migration 0007), now with its communities in use: a community belongs to
-- the LAO that registered it, in a tambon the LAO covers. Still one join, not a UNION.
DROP VIEW lao_units;
CREATE VIEW lao_units AS
SELECT c.lao_id AS lao_id, c.area_code AS tambon_code, v.code AS unit_code, v.level AS unit_level
FROM lao_coverage c CROSS JOIN areas v
WHERE v.parent_code = c.area_code AND v.level IN ('village', 'community')
  AND CASE WHEN v.level = 'village' THEN
        (c.extent = 'complete'
         OR EXISTS (SELECT 1 FROM lao_villages w WHERE w.lao_id = c.lao_id AND w.village_code = v.code))
      ELSE EXISTS (SELECT 1 FROM communities k WHERE k.code = v.code AND k.lao_id = c.lao_id AND k.status = 'active')
      END;
