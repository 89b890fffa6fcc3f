-- Issue 15: the text index. One entry per project, plan, forum and committee: the keys of its
-- normalised title and body (thai::text, whose VERSION built them) and the tokens of their
-- character pairs. The token index itself is made per database after this file (db::migrate):
-- an FTS5 table on SQLite, a GIN index on PostgreSQL.
CREATE TABLE search_entries (
    id {{id}},
    kind TEXT NOT NULL CHECK (kind IN ('project', 'plan', 'forum', 'committee')),
    ref_id BIGINT NOT NULL,
    area_code TEXT NOT NULL,
    title_key TEXT NOT NULL,
    body_key TEXT NOT NULL,
    grams TEXT NOT NULL,
    version BIGINT NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_entries_area ON search_entries (area_code, kind);
