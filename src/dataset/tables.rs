//! The tables a dataset carries, with every column in table order, so that the same CSV files
//! load through `load`, through the database's own bulk path (sqlite3 `.import`, PostgreSQL
//! `COPY`) and into DuckDB. In the files NULL is written `\N`; an empty field is an empty string.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    OptText,
    Int,
    OptInt,
}

pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
}

impl Table {
    pub fn file(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub fn header(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.0).collect()
    }

    /// Whether the first column is an auto-numbered id (PostgreSQL's identity must move past it).
    pub fn has_id(&self) -> bool {
        self.columns[0].0 == "id"
    }
}

pub const NULL: &str = "\\N";

use Kind::*;

/// In load order: every table comes after the tables it refers to.
pub const TABLES: &[Table] = &[
    // issue 11: the officers, each acting for an agency (numbered by the database)
    Table {
        name: "users",
        columns: &[
            ("username", Text),
            ("display_name", Text),
            ("position", Text),
            ("agency_text", Text),
            ("password_hash", Text),
            ("role", Text),
            ("scope_level", Text),
            ("scope_code", Text),
            ("active", Int),
            ("must_change_password", Int),
            ("created_at", Text),
            ("updated_at", Text),
            ("version", Int),
            ("email", Text),
            ("agency", Text),
        ],
    },
    // issue 11: the communities the generator registers (areas of level 'community' only)
    Table {
        name: "areas",
        columns: &[
            ("code", Text),
            ("level", Text),
            ("parent_code", OptText),
            ("name_th", Text),
            ("name_en", Text),
            ("moo", OptInt),
            ("postal_codes", Text),
        ],
    },
    Table {
        name: "communities",
        columns: &[
            ("id", Int),
            ("code", Text),
            ("lao_id", Int),
            ("number", Int),
            ("status", Text),
            ("merged_into", OptText),
            ("ended_on", OptText),
            ("registered_at", Text),
            ("updated_at", Text),
            ("version", Int),
        ],
    },
    // issue 11: the villages of shared tambons, each assigned to one LAO
    Table {
        name: "lao_villages",
        columns: &[("lao_id", Int), ("village_code", Text)],
    },
    Table {
        name: "plans",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("owner_key", Text),
            ("area_code", Text),
            ("lao_id", OptInt),
            ("first_year", Int),
            ("last_year", Int),
            ("title", Text),
            ("status", Text),
            ("copied_from", OptInt),
            ("made_quarter", OptInt),
            ("delivered_lao_on", OptText),
            ("delivered_district_on", OptText),
            ("evaluated_on", OptText),
            ("evaluation", Text),
            ("committee_approved_on", OptText),
            ("sent_on", OptText),
            ("created_at", Text),
            ("updated_at", Text),
            ("version", Int),
            // issue 11: agencies
            ("agency", Text),
            // issue 11: the date a tambon plan was made (its quarter follows)
            ("made_on", OptText),
        ],
    },
    Table {
        name: "forums",
        columns: &[
            ("id", Int),
            ("plan_id", Int),
            ("area_code", Text),
            ("held_on", Text),
            ("place", Text),
            ("chaired_by", Text),
            ("held_by", Text),
            ("attendance", Int),
            ("households", OptInt),
            ("used_basic_needs", Int),
            ("used_village_data", Int),
            ("other_data", Text),
            ("minutes", Text),
            ("created_at", Text),
            // issue 11: agencies
            ("agency", Text),
        ],
    },
    Table {
        name: "projects",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("dimension", Text),
            ("need", Text),
            ("objective", Text),
            ("format", Text),
            ("area_code", Text),
            ("origin_plan_id", OptInt),
            ("forum_id", OptInt),
            ("reach", Text),
            ("target_villages", OptInt),
            ("target_households", OptInt),
            ("target_people", OptInt),
            ("budget_satang", Int),
            ("executor", Text),
            ("within_lao_authority", Int),
            ("starts_on", OptText),
            ("ends_on", OptText),
            ("status", Text),
            ("progress_pct", Int),
            ("spent_satang", Int),
            ("merged_into", OptInt),
            ("created_at", Text),
            ("updated_at", Text),
            ("version", Int),
        ],
    },
    Table {
        name: "project_villages",
        columns: &[("project_id", Int), ("village_code", Text)],
    },
    Table {
        name: "plan_items",
        columns: &[
            ("id", Int),
            ("plan_id", Int),
            ("project_id", Int),
            ("fiscal_year", Int),
            ("rank", OptInt),
            ("amount_satang", Int),
            ("decided_on", Text),
            ("issue_id", OptInt),
            ("note", Text),
            ("created_at", Text),
            ("created_by", Text),
        ],
    },
    Table {
        name: "project_progress",
        columns: &[
            ("id", Int),
            ("project_id", Int),
            ("reported_on", Text),
            ("status", Text),
            ("progress_pct", Int),
            ("spent_satang", Int),
            ("note", Text),
            ("created_at", Text),
            ("created_by", Text),
        ],
    },
    Table {
        name: "committees",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("area_code", Text),
            ("lao_id", OptInt),
            ("created_at", Text),
        ],
    },
    Table {
        name: "committee_orders",
        columns: &[
            ("id", Int),
            ("committee_id", Int),
            ("order_no", Text),
            ("order_date", Text),
            ("fiscal_year", Int),
            ("created_at", Text),
            ("created_by", OptInt),
        ],
    },
    Table {
        name: "target_tambons",
        columns: &[
            ("fiscal_year", Int),
            ("tambon_code", Text),
            ("budget_satang", Int),
            ("coordinator", Text),
            ("updated_at", Text),
            ("updated_by", Text),
        ],
    },
    Table {
        name: "model_laos",
        columns: &[
            ("id", Int),
            ("fiscal_year", Int),
            ("district_code", Text),
            ("lao_id", Int),
            ("designated_on", Text),
            ("reason", Text),
            ("created_at", Text),
            ("created_by", Text),
            ("replaced_at", OptText),
            // issue 11: agencies
            ("agreed_by", OptText),
            ("agreed_at", OptText),
        ],
    },
    Table {
        name: "working_group_plans",
        columns: &[
            ("lao_id", Int),
            ("fiscal_year", Int),
            ("approved_on", Text),
            ("note", Text),
            ("updated_at", Text),
            ("updated_by", Text),
        ],
    },
    // issue 11: a local plan's own projects (ผ.02), after their projects
    Table {
        name: "own_projects",
        columns: &[
            ("project_id", Int),
            ("plan_id", Int),
            ("seq", Int),
            ("strategy", Text),
            ("work_plan", Text),
            ("output", Text),
            ("indicator", Text),
            ("expected_result", Text),
            ("responsible", Text),
        ],
    },
    Table {
        name: "own_project_years",
        columns: &[
            ("project_id", Int),
            ("fiscal_year", Int),
            ("amount_satang", Int),
        ],
    },
    // issue 11: the ก.บ.ต. meetings that make the tambon plans
    Table {
        name: "committee_meetings",
        columns: &[
            ("id", Int),
            ("committee_id", Int),
            ("held_on", Text),
            ("place", Text),
            ("attendance", Int),
            ("agenda", Text),
            ("minutes", Text),
            ("resolutions", Text),
            ("for_plan_year", OptInt),
            ("created_at", Text),
            ("created_by", OptInt),
        ],
    },
];

pub fn table(name: &str) -> &'static Table {
    TABLES
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no dataset table {name}"))
}
