-- Issue 14 (seed 004, Monitoring and Evaluation): what an approved Role Model selection did.
-- Every progress report is kept (the newest is the project's state); photos are kept with the
-- day and place they were taken; the district chief and DOPA's inspector comment and the
-- district answers; the report book's part 2 is the office's own text.
CREATE TABLE role_model_progress (
    id {{id}},
    selection_id BIGINT NOT NULL REFERENCES role_model_selections (id),
    -- the day the figures describe
    as_of TEXT NOT NULL,
    percent BIGINT NOT NULL CHECK (percent BETWEEN 0 AND 100),
    spent_satang BIGINT NOT NULL CHECK (spent_satang >= 0),
    problems TEXT NOT NULL DEFAULT '',
    -- what came of it, for the report book's part 3
    result TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL,
    reported_at TEXT NOT NULL
);
CREATE INDEX role_model_progress_selection ON role_model_progress (selection_id, id);
CREATE TABLE role_model_photos (
    id {{id}},
    selection_id BIGINT NOT NULL REFERENCES role_model_selections (id),
    taken_on TEXT NOT NULL,
    place TEXT NOT NULL CHECK (place <> ''),
    caption TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width_px BIGINT NOT NULL CHECK (width_px > 0),
    height_px BIGINT NOT NULL CHECK (height_px > 0),
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    bytes {{bytes}} NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX role_model_photos_selection ON role_model_photos (selection_id, id);
-- a comment on a district's Role Model work, or on one of its projects, and the answer
CREATE TABLE role_model_comments (
    id {{id}},
    entry_id BIGINT NOT NULL REFERENCES role_model_districts (id),
    selection_id BIGINT REFERENCES role_model_selections (id),
    body TEXT NOT NULL CHECK (body <> ''),
    writer TEXT NOT NULL CHECK (writer IN ('chief', 'inspector')),
    written_by TEXT NOT NULL,
    written_at TEXT NOT NULL,
    answer TEXT,
    answered_by TEXT,
    answered_at TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX role_model_comments_entry ON role_model_comments (entry_id, id);
-- the report book's part 2: how Tambon Smart Team was driven, in the office's words
ALTER TABLE role_model_districts ADD COLUMN driven TEXT NOT NULL DEFAULT '';
