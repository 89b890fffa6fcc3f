-- Issue 15: another agency's project list for an area (a line agency's, another department's)
-- is a plan of its own kind, 'agency', one fiscal year, imported from its file so that its
-- overlap with the village and local plans can be seen. The kind CHECK of `plans` is widened
-- before this file runs (`db::migrate::backend_steps`). owner_key is 'agency:<area>:<name>';
-- the name the agency gives itself (สำนักงานเกษตรอำเภอ…) is kept beside the kind of agency.
ALTER TABLE plans ADD COLUMN agency_name TEXT NOT NULL DEFAULT '';
