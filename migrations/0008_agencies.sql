-- Issue 11: accounts act for an agency (ONEPLAN.md section 2), stored as a code. The free text
-- typed before is kept in agency_text; what cannot be read from it becomes 'other', which only
-- old accounts carry (an account form never offers it).
ALTER TABLE users RENAME COLUMN agency TO agency_text;
ALTER TABLE users ADD COLUMN agency TEXT NOT NULL DEFAULT 'other' CHECK (agency IN ('moi_ps', 'province_office', 'dopa', 'dopa_province', 'dopa_district', 'cdd', 'cdd_province', 'cdd_district', 'dla', 'dla_province', 'dla_district', 'lao', 'village_committee', 'line_agency', 'other'));
UPDATE users SET agency = CASE
    WHEN agency_text LIKE '%พัฒนาชุมชนอำเภอ%' OR agency_text LIKE '%พช.อ%' THEN 'cdd_district'
    WHEN agency_text LIKE '%พัฒนาชุมชนจังหวัด%' OR agency_text LIKE '%พช.จ%' THEN 'cdd_province'
    WHEN agency_text LIKE '%กรมการพัฒนาชุมชน%' THEN 'cdd'
    WHEN agency_text LIKE '%ท้องถิ่นอำเภอ%' OR agency_text LIKE '%สถ.อ%' THEN 'dla_district'
    WHEN agency_text LIKE '%ท้องถิ่นจังหวัด%' OR agency_text LIKE '%สถ.จ%' THEN 'dla_province'
    WHEN agency_text LIKE '%กรมส่งเสริมการปกครองท้องถิ่น%' THEN 'dla'
    WHEN agency_text LIKE '%ปกครองอำเภอ%' THEN 'dopa_district'
    WHEN agency_text LIKE '%ปกครองจังหวัด%' THEN 'dopa_province'
    WHEN agency_text LIKE '%กรมการปกครอง%' THEN 'dopa'
    WHEN agency_text LIKE '%ปลัดกระทรวงมหาดไทย%' OR agency_text LIKE '%สป.มท%' THEN 'moi_ps'
    WHEN agency_text LIKE '%สำนักงานจังหวัด%' THEN 'province_office'
    WHEN agency_text LIKE '%อบต%' OR agency_text LIKE '%เทศบาล%' OR agency_text LIKE '%องค์การบริหารส่วน%'
        OR (agency_text = '' AND scope_level = 'lao') THEN 'lao'
    WHEN agency_text LIKE '%คณะกรรมการหมู่บ้าน%' OR agency_text LIKE '%คณะกรรมการชุมชน%'
        OR (agency_text = '' AND scope_level = 'village') THEN 'village_committee'
    -- any other ministry, department or office named: a line agency (e.g. สำนักงานเกษตรอำเภอ)
    WHEN agency_text LIKE '%กระทรวง%' OR agency_text LIKE '%กรม%' OR agency_text LIKE '%สำนักงาน%'
        OR agency_text LIKE '%สนง.%' THEN 'line_agency'
    ELSE 'other'
END;

-- Every plan and forum records the agency that made it. Plans made before: the agency that
-- owns plans of the kind (the village committee, the district CD office for a tambon plan, the
-- LAO, the district office of DOPA, the provincial office); a forum: that of its plan.
ALTER TABLE plans ADD COLUMN agency TEXT NOT NULL DEFAULT 'other' CHECK (agency IN ('moi_ps', 'province_office', 'dopa', 'dopa_province', 'dopa_district', 'cdd', 'cdd_province', 'cdd_district', 'dla', 'dla_province', 'dla_district', 'lao', 'village_committee', 'line_agency', 'other'));
UPDATE plans SET agency = CASE kind
    WHEN 'village' THEN 'village_committee'
    WHEN 'tambon' THEN 'cdd_district'
    WHEN 'local' THEN 'lao'
    WHEN 'budget' THEN 'lao'
    WHEN 'district' THEN 'dopa_district'
    WHEN 'province' THEN 'province_office'
    ELSE 'other'
END;
ALTER TABLE forums ADD COLUMN agency TEXT NOT NULL DEFAULT 'other' CHECK (agency IN ('moi_ps', 'province_office', 'dopa', 'dopa_province', 'dopa_district', 'cdd', 'cdd_province', 'cdd_district', 'dla', 'dla_province', 'dla_district', 'lao', 'village_committee', 'line_agency', 'other'));
UPDATE forums SET agency = (SELECT p.agency FROM plans p WHERE p.id = forums.plan_id);

-- A model LAO is designated by สถ.อ. (created_by) and counts once พช.อ. agrees (agreed_by,
-- agreed_at). Designations made before agreements were kept count as agreed, by nobody named.
ALTER TABLE model_laos ADD COLUMN agreed_by TEXT;
ALTER TABLE model_laos ADD COLUMN agreed_at TEXT;
UPDATE model_laos SET agreed_by = '', agreed_at = created_at;
