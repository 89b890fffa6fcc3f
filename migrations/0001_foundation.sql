-- Areas of the DOPA hierarchy (province 2 digits, district 4, tambon 6, village 8).
CREATE TABLE areas (
    code TEXT PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'tambon', 'village')),
    parent_code TEXT REFERENCES areas (code),
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    moo BIGINT,
    postal_codes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX areas_parent ON areas (parent_code, code);
CREATE INDEX areas_level ON areas (level, code);

-- Codes that DOPA abolished, kept so that old files can still be read.
CREATE TABLE abolished_areas (
    code TEXT PRIMARY KEY,
    level TEXT NOT NULL,
    parent_code TEXT,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    abolished_on TEXT,
    successor_codes TEXT NOT NULL DEFAULT ''
);

-- Local administrative organisations (อปท.).
CREATE TABLE laos (
    id {{id}},
    lao_key TEXT NOT NULL UNIQUE,
    dla_code TEXT,
    kind TEXT NOT NULL,
    name_th TEXT NOT NULL,
    full_name_th TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    province_code TEXT NOT NULL REFERENCES areas (code),
    district_code TEXT REFERENCES areas (code),
    office_tambon_code TEXT REFERENCES areas (code)
);
CREATE INDEX laos_district ON laos (district_code);
CREATE INDEX laos_province ON laos (province_code);

-- Which areas an LAO covers: a tambon (or a province for อบจ.), completely or partially.
CREATE TABLE lao_coverage (
    lao_id BIGINT NOT NULL REFERENCES laos (id),
    area_code TEXT NOT NULL REFERENCES areas (code),
    extent TEXT NOT NULL CHECK (extent IN ('complete', 'partial')),
    PRIMARY KEY (lao_id, area_code)
);
CREATE INDEX lao_coverage_area ON lao_coverage (area_code);

-- Villages of partially covered tambons, assigned to an LAO one by one.
CREATE TABLE lao_villages (
    lao_id BIGINT NOT NULL REFERENCES laos (id),
    village_code TEXT NOT NULL REFERENCES areas (code),
    PRIMARY KEY (lao_id, village_code)
);
CREATE INDEX lao_villages_village ON lao_villages (village_code);

CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'viewer')),
    scope_level TEXT NOT NULL CHECK (scope_level IN ('national', 'province', 'district', 'tambon', 'village', 'lao')),
    scope_code TEXT NOT NULL DEFAULT '',
    active BIGINT NOT NULL DEFAULT 1,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_attempts (
    id {{id}},
    username TEXT NOT NULL,
    client TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    succeeded BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_user ON sign_in_attempts (username, at);

-- Who changed what, when, from what to what; written in the transaction of the change.
-- area_code is the DOPA code the change concerns ('' for national), lao_id where an LAO's.
CREATE TABLE audit_log (
    id {{id}},
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    area_code TEXT NOT NULL DEFAULT '',
    lao_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_area ON audit_log (area_code, id);
CREATE INDEX audit_log_lao ON audit_log (lao_id, id);
