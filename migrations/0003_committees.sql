-- Committees (กลไก) of ONEPLAN.md section 3 and their appointment orders (คำสั่งแต่งตั้ง).
-- The owner is a DOPA area, or for the LAO working group an LAO (area_code is then the
-- LAO's office area, so that area-based audit and listings find it).
CREATE TABLE committees (
    id {{id}},
    kind TEXT NOT NULL CHECK (kind IN ('village_committee', 'tambon_coordination_centre', 'community_council',
        'tambon_board', 'lao_working_group', 'district_board', 'province_board')),
    area_code TEXT NOT NULL REFERENCES areas (code),
    lao_id BIGINT REFERENCES laos (id),
    created_at TEXT NOT NULL,
    CHECK ((kind = 'lao_working_group') = (lao_id IS NOT NULL))
);
-- One committee of a kind per owner; NULLs are distinct in a plain UNIQUE, hence two partial indexes.
CREATE UNIQUE INDEX committees_area_owner ON committees (kind, area_code) WHERE lao_id IS NULL;
CREATE UNIQUE INDEX committees_lao_owner ON committees (kind, lao_id) WHERE lao_id IS NOT NULL;
CREATE INDEX committees_area ON committees (area_code);

-- order_no is kept as typed, with Arabic digits; order_date is ISO CE; fiscal_year is BE.
CREATE TABLE committee_orders (
    id {{id}},
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    order_no TEXT NOT NULL,
    order_date TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id)
);
CREATE INDEX committee_orders_committee ON committee_orders (committee_id, order_date);

CREATE TABLE committee_members (
    id {{id}},
    order_id BIGINT NOT NULL REFERENCES committee_orders (id),
    seq BIGINT NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'member_secretary', 'secretary', 'advisor'))
);
CREATE INDEX committee_members_order ON committee_members (order_id, seq);
