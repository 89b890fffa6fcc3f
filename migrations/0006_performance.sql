-- National roll-ups (KPI 3.2 of every model LAO, district reports, registers) walk from the
-- LAOs' coverage to the villages of each covered tambon: with (parent_code, level) SQLite looks
-- the villages up by parent instead of scanning every village for each tambon.
CREATE INDEX areas_parent_level ON areas (parent_code, level);
