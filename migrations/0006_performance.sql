-- National roll-ups (KPI 3.2 of every model LAO, district reports, registers) walk from the
-- LAOs' coverage to the villages of each covered tambon: with (parent_code, level) SQLite looks
-- the villages up by parent instead of scanning every village for each tambon.
CREATE INDEX areas_parent_level ON areas (parent_code, level);

-- Registers 2 and 3 ask, for each item of a tambon plan, whether an LAO plan holds the same
-- project: with the plan in the index the answer needs no read of the item itself.
CREATE INDEX plan_items_project_plan ON plan_items (project_id, plan_id);
DROP INDEX plan_items_project;

-- An owner's plans (an area's or an LAO's) on its page.
CREATE INDEX plans_owner ON plans (owner_key, first_year);

-- A plan page shows the plan carried forward from it.
CREATE INDEX plans_copied_from ON plans (copied_from);
