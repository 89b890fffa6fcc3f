//! What can be wrong with a request, as data: each problem a variant with its parameters, a
//! stable code for API clients, the HTTP status it carries and the field it points at. The
//! words users read are in `words`.

use super::Field;
use crate::thai::dates::DateError;
use crate::thai::digits::NumberError;

/// A kind of record, for "not found" and "changed by someone else".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Record,
    Page,
    Plan,
    Project,
    Province,
    District,
    Tambon,
    Village,
    Community,
    AnyArea,
    Lao,
    Account,
    Deadline,
    Committee,
    PlanItem,
}

/// The HTTP status class of a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    TooMany,
}

/// A word of the domain as users read it, in both languages (a kind of plan, a status), so
/// that problems name it without this module knowing the domain's types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub th: &'static str,
    pub en: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // ---- a field as typed
    /// Left empty.
    Missing {
        field: Field,
    },
    /// Not one of the values the field takes.
    Unknown {
        field: Field,
        typed: String,
        choices: Vec<&'static str>,
    },
    TooLong {
        field: Field,
        max: usize,
    },
    Number {
        field: Field,
        error: NumberError,
    },
    Date {
        field: Field,
        error: DateError,
    },
    Negative {
        field: Field,
    },
    NotPositive {
        field: Field,
    },
    FromOne {
        field: Field,
    },
    Range {
        field: Field,
        typed: String,
        min: i64,
        max: i64,
    },
    InFuture {
        field: Field,
        date: time::Date,
        today: time::Date,
    },
    EndsBeforeStart,
    YesNo {
        field: Field,
        typed: String,
    },
    NotBuddhistYear {
        field: Field,
        typed: String,
    },
    NotPercent {
        field: Field,
        typed: String,
    },
    NotValid {
        field: Field,
        typed: String,
    },
    /// A code typed in a form that names nothing.
    UnknownCode {
        field: Field,
        thing: Thing,
        code: String,
    },
    /// A JSON body or form that could not be read at all.
    Unreadable {
        detail: String,
    },
    /// A field of a JSON body that the request does not take (its path, e.g. `members.1.nmae`).
    UnknownField {
        name: String,
    },
    TooLarge,
    MethodNotAllowed,

    // ---- who may
    ReadOnly {
        role_th: &'static str,
    },
    OutsideArea {
        name: String,
    },
    OnlyLevelAbove,
    AdminOnly,
    OutsideAdminScope {
        level_th: &'static str,
        code: String,
    },
    FormExpired,
    CrossSite,
    OutsideProject,
    CalendarByNationalAdmins,
    KpiSettingsByNationalAdmins,
    OrdersReadOnly,
    Refused {
        message: String,
    },

    // ---- not there
    NotFound {
        thing: Thing,
        key: String,
    },

    // ---- changed meanwhile
    Stale {
        thing: Thing,
        expected: i64,
        found: Option<i64>,
    },
    PlanExists {
        kind: Named,
        year: i64,
    },
    /// Submitted (true) or approved and locked (false).
    PlanNotDraft {
        submitted: bool,
    },
    StepNotFrom {
        status: Named,
    },

    // ---- plans
    NoProjectsYet,
    NoForumYet,
    ModelPlanNotTambon,
    CarryOnlyVillage,
    MergeOnlyTambon,
    RouteOnlyDistrict,
    BookOnlyTambon,
    ImportOnlyVillage,
    ForumNotInBudget,
    /// Above the tambon, a plan raises the needs of its own forums only.
    RaiseOnlyFromForum {
        kind: Named,
    },
    RaiseOnlyVillageOrTambon {
        kind: Named,
    },
    AlreadyInPlan {
        kind: Named,
        rank: Option<i64>,
    },
    NotACandidate {
        project_id: i64,
        kind: Named,
    },
    IssueOfOtherProvince,
    AdoptedElsewhere {
        title: String,
        plans: i64,
    },
    MergeTooFew,
    /// issue 15: a pair of likely duplicates decided before, or a project merged meanwhile.
    DuplicateDecided {
        a: i64,
        b: i64,
    },
    AlreadyMerged {
        project_id: i64,
    },
    /// The project kept is not one of the pair.
    KeepNotInPair {
        project_id: i64,
    },
    /// Likely duplicates are reviewed by the tambon, district, province or centre.
    DuplicatesFromTambonUp,
    NotFromTambon {
        project_id: i64,
    },
    NotInDistrictPlan,
    YearOutsidePlan {
        year: i64,
        span: String,
    },
    RankTaken {
        rank: i64,
        title: String,
    },
    VillageOutsidePlan {
        code: String,
        tambon: String,
    },
    NotAVillage {
        typed: String,
    },
    ForumOfOtherPlan,
    NoOriginPlan,
    FundingLine {
        line: usize,
        problem: FundingProblem,
    },
    FundingOverBudget {
        funded: i64,
        budget: i64,
    },
    NoStandard,
    UnknownCriterion {
        id: i64,
    },
    DropNeedsReason,
    ExpectedDate {
        item: String,
        error: DateError,
    },
    NoTargetsYet,
    NotXlsx,
    NoHeader,
    HeaderIncomplete,
    NoRowsInFile,
    RankRepeatsRow {
        rank: i64,
        other_row: usize,
    },

    // ---- committees
    CommitteeNeedsLao {
        kind_th: &'static str,
    },
    CommitteeCode {
        kind_th: &'static str,
        level_th: &'static str,
        len: usize,
    },
    OrderExists {
        order_no: String,
        date: time::Date,
        kind_th: &'static str,
        owner: String,
    },
    Member {
        row: usize,
        problem: MemberProblem,
    },
    NoMembers,
    NoChair,
    ChairsMany {
        rows: Vec<usize>,
    },
    OrderYear {
        own: i32,
        typed: i64,
    },

    // ---- reports and KPI 3.2
    TargetsAtDistrict,
    ReportPerDistrict,
    TargetBudget {
        tambon: String,
        error: Option<NumberError>,
    },
    CountOverTargets {
        item: usize,
        count: i64,
        targets: i64,
    },
    FifthOverThirdOrFourth {
        fifth: i64,
        third: i64,
        fourth: i64,
    },
    NotModelLao {
        lao: String,
        year: i64,
    },
    LaoNotInDistrict {
        lao: String,
    },
    ModelMustBeMunicipalityOrTao,
    /// A change of model LAO after the year's last day for changes.
    ModelChangeTooLate {
        year: i64,
        last: time::Date,
    },
    AlreadyModel {
        lao: String,
    },
    PercentDisagrees {
        field: Field,
        typed: String,
        computed: String,
    },
    MonthFormat {
        typed: String,
    },
    MonthOutsideYear {
        month: String,
        year: i64,
    },
    ScoreBands {
        detail: String,
    },

    // ---- calendar
    PeriodFormat {
        typed: String,
    },
    DeadlineExists {
        year: i64,
        title: String,
    },

    // ---- accounts
    UsernameFormat,
    UsernameTaken {
        username: String,
    },
    PasswordShort {
        min: usize,
    },
    PasswordHasUsername,
    WrongOldPassword,
    CannotDemoteSelf,
    BadEmail {
        typed: String,
    },
    BadCredentials,
    TooManyAttempts {
        seconds: i64,
    },
    NationalScopeHasCode,
    ScopeCode {
        level_th: &'static str,
        len: usize,
    },

    // ---- exports
    BadAreaCode {
        typed: String,
    },
    // issue 11: dates checked against the plan
    /// A date outside the window of the plan's years (see `plans::window`).
    OutsidePlanWindow {
        field: Field,
        date: time::Date,
        from: time::Date,
        to: time::Date,
    },
    /// A typed quarter that is not the fiscal quarter of the date the plan was made.
    QuarterDisagrees {
        typed: i64,
        made_on: time::Date,
        quarter: i64,
    },
    /// A quarter typed without the date it follows from.
    QuarterNeedsDate,
    // issue 11: committee meetings
    /// Only a ก.บ.ต. meets to make the tambon plan.
    PlanYearOnlyTambonBoard,
    // issue 13: uploads within limits
    /// A cell below the last row an upload may have.
    SheetTooLong {
        row: u64,
        max: u32,
    },
    /// A cell right of the last column an upload may have.
    SheetTooWide {
        row: u64,
        max: u32,
    },
    /// More problems than an answer lists.
    MoreProblems {
        more: usize,
    },
    CannotWrite {
        path: String,
        detail: String,
    },

    // ---- issue 11: agencies
    /// A step the circulars give to a named office, taken by an account of another agency.
    StepForAgency {
        step_th: &'static str,
        agency_th: String,
    },
    /// A plan is approved by the level above its owner, never by the owner.
    ApproveFromAbove {
        plan_th: &'static str,
        approver_th: &'static str,
    },
    /// An LAO reads the village plans of its coverage but does not change their projects.
    LaoReadsVillagePlans,
    /// An agreement to a model LAO when no designation awaits one.
    NoDesignationToAgree {
        year: i64,
    },
    // ---- issue 11: a plan's own projects (ผ.02)
    /// Own projects are kept in local, district and province plans.
    OwnOnlyLocalDistrictProvince {
        kind: Named,
    },
    /// The project is not one the plan raised itself (it was adopted from below).
    NotOwnProject,
    /// An own project is changed in its plan's ผ.02 table, not on the project's page.
    OwnEditOnPlan,
    /// A problem of one row of an imported file, as the spreadsheet numbers it.
    InRow {
        row: usize,
        problem: Box<Problem>,
    },
    /// A year's budget that is not an amount of baht.
    YearBudget {
        year: i64,
        error: NumberError,
    },
    YearBudgetNegative {
        year: i64,
    },
    /// A year typed as a budget's key that is not a Buddhist-era year.
    BudgetYear {
        typed: String,
    },
    /// The file has no budget column for a year of the plan's span.
    YearColumnMissing {
        year: i64,
        span: String,
    },
    /// The file has a budget column for a year outside the plan's span.
    YearColumnOutside {
        year: i64,
        span: String,
    },
    NoTitleColumn,
    NotSpreadsheet,
    CsvLine {
        line: u64,
        detail: String,
    },
    // ---- issue 15: other agencies' project lists
    /// An agency's list is made by importing its file, not opened empty.
    AgencyPlanIsImported,
    /// An agency's list is for a province, district or tambon.
    AgencyListLevel,
    /// An agency's list holds what its file gave: no forum, no submission or approval here.
    AgencyListAsImported,
    AgencyListNoTitle,
    /// The file says nowhere where its projects lie.
    AgencyListNoPlace,
    AgencyListNoYear,
    AgencyListNoAgency,
    /// Lists of the file already imported for the area: each agency, year and plan number.
    AgencyListExists {
        lists: String,
    },
    PlaceNotInArea {
        typed: String,
        area: String,
    },
    DistrictNotInArea {
        typed: String,
        area: String,
    },
    TambonNotInArea {
        typed: String,
        area: String,
    },
    /// Two tambons of the area share the name: the file needs its district.
    TambonAmbiguous {
        typed: String,
        districts: String,
    },
    MooNotInTambon {
        moo: String,
        tambon: String,
    },
    VillageNameNotInTambon {
        typed: String,
        tambon: String,
    },
    // ---- issue 11: shared tambons
    /// The tambon is not covered partially by any LAO: nothing to split.
    NotSharedTambon {
        tambon: String,
    },
    /// The village typed is not one of the tambon's.
    VillageNotInTambon {
        village: String,
        tambon: String,
    },
    /// The LAO chosen does not share the tambon.
    LaoNotSharingTambon {
        village: String,
        lao: String,
        tambon: String,
    },
    /// One village twice in one submission.
    VillageTwice {
        village: String,
    },
    /// Neither the district's staff nor an LAO sharing the tambon.
    SplitByDistrictOrLao {
        tambon: String,
        district: String,
    },
    // ---- issue 13: hardening
    /// The account still has the password it was given: it changes it before anything else.
    MustChangePassword,
    // ---- issue 12: the reporting chain
    /// KPI 3.2's national base set below the model LAOs already designated for the year.
    BaseBelowDesignated {
        base: i64,
        designated: i64,
        year: i64,
    },
    // ---- issue 11: communities
    /// The LAO already has a community in use with this number.
    CommunityNumberUsed {
        number: i64,
        name: String,
    },
    /// The LAO already has a community in use with this name.
    CommunityNameUsed {
        name: String,
    },
    /// A community lies in a tambon its LAO covers.
    CommunityTambonNotCovered {
        tambon: String,
        lao: String,
    },
    /// A merged or retired community is kept as it was.
    CommunityEnded {
        name: String,
    },
    /// A community is merged into another one of the same LAO, in use.
    MergeIntoItself,
    MergeIntoNotActive {
        name: String,
    },
    /// Only the LAO's officers, and those of its district or province, keep its communities.
    CommunitiesByLao {
        lao: String,
    },
    /// The file has no column for the community's name.
    NoCommunityNameColumn,
    /// One number on two rows of a file.
    CommunityNumberTwice {
        number: i64,
        first_row: usize,
    },
    // ---- issue 12: a step of the reporting chain
    Chain(super::chain::ChainProblem),
    // ---- issue 14: the Tambon Project Bank and Role Model rounds
    RoleModel(super::role_model::RoleModelProblem),
}

/// What is wrong with one line of a project's funding.
#[derive(Debug, Clone, PartialEq)]
pub enum FundingProblem {
    NoSource,
    Role { typed: String },
    Negative,
    Amount(NumberError),
}

/// What is wrong with one member row of an appointment order.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberProblem {
    NoName,
    TooLong { max: usize },
    NoRole,
    UnknownRole { typed: String },
}

impl Problem {
    pub fn class(&self) -> Class {
        use Problem::*;
        match self {
            ReadOnly { .. }
            | OutsideArea { .. }
            | OnlyLevelAbove
            | AdminOnly
            | OutsideAdminScope { .. }
            | FormExpired
            | CrossSite
            | OutsideProject
            | CalendarByNationalAdmins
            | KpiSettingsByNationalAdmins
            | OrdersReadOnly
            | Refused { .. }
            | StepForAgency { .. }
            | ApproveFromAbove { .. }
            | LaoReadsVillagePlans => Class::Forbidden,
            SplitByDistrictOrLao { .. } | CommunitiesByLao { .. } | MustChangePassword => {
                Class::Forbidden
            }
            CommunityEnded { .. } => Class::Conflict,
            Chain(c) => c.class(),
            RoleModel(r) => r.class(),
            NotFound { .. } => Class::NotFound,
            Stale { .. }
            | PlanExists { .. }
            | PlanNotDraft { .. }
            | StepNotFrom { .. }
            | AdoptedElsewhere { .. }
            | DuplicateDecided { .. }
            | AlreadyMerged { .. }
            | AgencyListExists { .. } => Class::Conflict,
            DuplicatesFromTambonUp => Class::Forbidden,
            TooManyAttempts { .. } => Class::TooMany,
            _ => Class::Invalid,
        }
    }

    /// The field the problem points at, where there is one.
    pub fn field(&self) -> Option<Field> {
        use Problem::*;
        match self {
            Missing { field }
            | Unknown { field, .. }
            | TooLong { field, .. }
            | Number { field, .. }
            | Date { field, .. }
            | Negative { field }
            | NotPositive { field }
            | FromOne { field }
            | Range { field, .. }
            | InFuture { field, .. }
            | OutsidePlanWindow { field, .. }
            | YesNo { field, .. }
            | NotBuddhistYear { field, .. }
            | NotPercent { field, .. }
            | NotValid { field, .. }
            | UnknownCode { field, .. }
            | PercentDisagrees { field, .. } => Some(*field),
            EndsBeforeStart => Some(Field::EndsOn),
            IssueOfOtherProvince => Some(Field::Issue),
            YearOutsidePlan { .. } => Some(Field::FiscalYear),
            QuarterDisagrees { .. } => Some(Field::MadeQuarter),
            QuarterNeedsDate => Some(Field::MadeOn),
            PlanYearOnlyTambonBoard => Some(Field::ForPlanYear),
            RankTaken { .. } | RankRepeatsRow { .. } => Some(Field::Rank),
            VillageOutsidePlan { .. } | NotAVillage { .. } => Some(Field::Villages),
            ForumOfOtherPlan => Some(Field::Forum),
            FundingLine { .. } | FundingOverBudget { .. } => Some(Field::Funding),
            DropNeedsReason => Some(Field::Note),
            ExpectedDate { .. } => Some(Field::Expected),
            OrderExists { .. } => Some(Field::OrderNo),
            Member { .. } | NoMembers | NoChair | ChairsMany { .. } => Some(Field::Members),
            OrderYear { .. } => Some(Field::FiscalYear),
            TargetBudget { .. } => Some(Field::Budget),
            CountOverTargets { .. } | FifthOverThirdOrFourth { .. } => Some(Field::Counts),
            MonthFormat { .. } | MonthOutsideYear { .. } => Some(Field::Month),
            ScoreBands { .. } => Some(Field::ScoreBands),
            PeriodFormat { .. } => Some(Field::Period),
            UsernameFormat | UsernameTaken { .. } => Some(Field::Username),
            PasswordShort { .. } | PasswordHasUsername => Some(Field::Password),
            WrongOldPassword => Some(Field::OldPassword),
            BadEmail { .. } => Some(Field::Email),
            NationalScopeHasCode | ScopeCode { .. } => Some(Field::Scope),
            MergeTooFew => Some(Field::Merge),
            KeepNotInPair { .. } => Some(Field::Keep),
            NotFromTambon { .. } => Some(Field::Merge),
            NotXlsx | NoHeader | HeaderIncomplete | NoRowsInFile => Some(Field::File),
            // issue 11: a plan's own projects (ผ.02)
            InRow { problem, .. } => problem.field(),
            YearBudget { .. } | YearBudgetNegative { .. } | BudgetYear { .. } => {
                Some(Field::Budget)
            }
            YearColumnMissing { .. }
            | YearColumnOutside { .. }
            | NoTitleColumn
            | NotSpreadsheet
            | CsvLine { .. } => Some(Field::File),
            // issue 15: other agencies' project lists
            AgencyListLevel => Some(Field::AreaCode),
            AgencyListNoTitle | AgencyListNoPlace | AgencyListExists { .. } => Some(Field::File),
            AgencyListNoYear => Some(Field::FiscalYear),
            AgencyListNoAgency => Some(Field::AgencyName),
            PlaceNotInArea { .. } => Some(Field::AreaCode),
            DistrictNotInArea { .. } => Some(Field::District),
            TambonNotInArea { .. } | TambonAmbiguous { .. } => Some(Field::Tambon),
            MooNotInTambon { .. } => Some(Field::Moo),
            VillageNameNotInTambon { .. } => Some(Field::VillageName),
            // issue 11: shared tambons
            NotSharedTambon { .. } => Some(Field::SplitTambon),
            VillageNotInTambon { .. } | VillageTwice { .. } => Some(Field::SplitVillage),
            LaoNotSharingTambon { .. } => Some(Field::SplitLao),
            // issue 11: communities
            CommunityNumberUsed { .. } | CommunityNumberTwice { .. } => {
                Some(Field::CommunityNumber)
            }
            CommunityNameUsed { .. } => Some(Field::CommunityName),
            CommunityTambonNotCovered { .. } => Some(Field::CommunityTambon),
            MergeIntoItself | MergeIntoNotActive { .. } => Some(Field::CommunityInto),
            NoCommunityNameColumn => Some(Field::File),
            BaseBelowDesignated { .. } => Some(Field::BaseCount),
            ModelChangeTooLate { .. } => Some(Field::DesignatedOn),
            Chain(c) => c.field(),
            RoleModel(r) => r.field(),
            _ => None,
        }
    }

    /// A stable code for API clients: snake_case, never translated.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            Missing { .. } => "missing",
            Unknown { .. } => "unknown_value",
            TooLong { .. } => "too_long",
            Number { .. } => "not_a_number",
            Date { .. } => "not_a_date",
            Negative { .. } => "negative",
            NotPositive { .. } => "not_positive",
            FromOne { .. } => "starts_at_one",
            Range { .. } => "out_of_range",
            InFuture { .. } => "in_the_future",
            EndsBeforeStart => "ends_before_start",
            YesNo { .. } => "yes_or_no",
            NotBuddhistYear { .. } => "not_a_buddhist_year",
            NotPercent { .. } => "not_a_percent",
            NotValid { .. } => "not_valid",
            UnknownCode { .. } => "unknown_code",
            ExpectedDate { .. } => "expected_date",
            NoTargetsYet => "no_targets_yet",
            CalendarByNationalAdmins => "calendar_by_national_admins",
            KpiSettingsByNationalAdmins => "kpi_settings_by_national_admins",
            OrdersReadOnly => "orders_read_only",
            Unreadable { .. } => "unreadable_request",
            UnknownField { .. } => "unknown_field",
            TooLarge => "too_large",
            MethodNotAllowed => "method_not_allowed",
            ReadOnly { .. } => "read_only",
            OutsideArea { .. } => "outside_area",
            OnlyLevelAbove => "only_level_above",
            AdminOnly => "administrators_only",
            OutsideAdminScope { .. } => "outside_admin_scope",
            FormExpired => "form_expired",
            CrossSite => "cross_site",
            OutsideProject => "outside_project_area",
            Refused { .. } => "forbidden",
            NotFound { .. } => "not_found",
            Stale { .. } => "stale",
            PlanExists { .. } => "plan_exists",
            PlanNotDraft { .. } => "plan_not_draft",
            StepNotFrom { .. } => "wrong_status",
            NoProjectsYet => "no_projects",
            NoForumYet => "no_forum",
            ModelPlanNotTambon => "model_plan_not_tambon",
            CarryOnlyVillage => "carry_only_village",
            MergeOnlyTambon => "merge_only_tambon",
            RouteOnlyDistrict => "route_only_district",
            BookOnlyTambon => "book_only_tambon",
            ImportOnlyVillage => "import_only_village",
            ForumNotInBudget => "forum_not_in_budget",
            RaiseOnlyFromForum { .. } => "raise_only_from_forum",
            RaiseOnlyVillageOrTambon { .. } => "raise_only_village_or_tambon",
            AlreadyInPlan { .. } => "already_in_plan",
            NotACandidate { .. } => "not_a_candidate",
            IssueOfOtherProvince => "issue_of_other_province",
            AdoptedElsewhere { .. } => "adopted_elsewhere",
            MergeTooFew => "merge_too_few",
            DuplicateDecided { .. } => "duplicate_decided",
            AlreadyMerged { .. } => "already_merged",
            KeepNotInPair { .. } => "keep_not_in_pair",
            DuplicatesFromTambonUp => "duplicates_from_tambon_up",
            NotFromTambon { .. } => "not_from_tambon",
            NotInDistrictPlan => "not_in_district_plan",
            YearOutsidePlan { .. } => "year_outside_plan",
            RankTaken { .. } => "rank_taken",
            VillageOutsidePlan { .. } => "village_outside_plan",
            NotAVillage { .. } => "not_a_village",
            ForumOfOtherPlan => "forum_of_other_plan",
            NoOriginPlan => "no_origin_plan",
            FundingLine { .. } => "funding_line",
            FundingOverBudget { .. } => "funding_over_budget",
            NoStandard => "no_standard",
            UnknownCriterion { .. } => "unknown_criterion",
            DropNeedsReason => "drop_needs_reason",
            NotXlsx => "not_xlsx",
            NoHeader => "no_header",
            HeaderIncomplete => "header_incomplete",
            NoRowsInFile => "no_rows_in_file",
            RankRepeatsRow { .. } => "rank_repeats_row",
            CommitteeNeedsLao { .. } => "committee_needs_lao",
            CommitteeCode { .. } => "committee_code",
            OrderExists { .. } => "order_exists",
            Member { .. } => "member",
            NoMembers => "no_members",
            NoChair => "no_chair",
            ChairsMany { .. } => "chairs_many",
            OrderYear { .. } => "order_year",
            TargetsAtDistrict => "targets_at_district",
            ReportPerDistrict => "report_per_district",
            TargetBudget { .. } => "target_budget",
            CountOverTargets { .. } => "count_over_targets",
            FifthOverThirdOrFourth { .. } => "fifth_over_third_or_fourth",
            NotModelLao { .. } => "not_model_lao",
            LaoNotInDistrict { .. } => "lao_not_in_district",
            ModelMustBeMunicipalityOrTao => "model_must_be_municipality_or_tao",
            ModelChangeTooLate { .. } => "model_change_too_late",
            AlreadyModel { .. } => "already_model",
            PercentDisagrees { .. } => "percent_disagrees",
            MonthFormat { .. } => "month_format",
            MonthOutsideYear { .. } => "month_outside_year",
            ScoreBands { .. } => "score_bands",
            PeriodFormat { .. } => "period_format",
            DeadlineExists { .. } => "deadline_exists",
            UsernameFormat => "username_format",
            UsernameTaken { .. } => "username_taken",
            PasswordShort { .. } => "password_short",
            PasswordHasUsername => "password_has_username",
            WrongOldPassword => "wrong_old_password",
            CannotDemoteSelf => "cannot_demote_self",
            BadEmail { .. } => "bad_email",
            BadCredentials => "bad_credentials",
            TooManyAttempts { .. } => "too_many_attempts",
            NationalScopeHasCode => "national_scope_has_code",
            ScopeCode { .. } => "scope_code",
            BadAreaCode { .. } => "bad_area_code",
            CannotWrite { .. } => "cannot_write",
            // issue 11: dates checked against the plan
            OutsidePlanWindow { .. } => "outside_plan_window",
            QuarterDisagrees { .. } => "quarter_disagrees",
            QuarterNeedsDate => "quarter_needs_date",
            PlanYearOnlyTambonBoard => "plan_year_only_tambon_board",
            SheetTooLong { .. } => "sheet_too_long",
            SheetTooWide { .. } => "sheet_too_wide",
            MoreProblems { .. } => "more_problems",
            // issue 11: agencies
            StepForAgency { .. } => "step_for_agency",
            ApproveFromAbove { .. } => "approve_from_above",
            LaoReadsVillagePlans => "lao_reads_village_plans",
            NoDesignationToAgree { .. } => "no_designation_to_agree",
            // issue 11: a plan's own projects (ผ.02)
            OwnOnlyLocalDistrictProvince { .. } => "own_only_local_district_province",
            NotOwnProject => "not_own_project",
            OwnEditOnPlan => "own_edit_on_plan",
            InRow { problem, .. } => problem.code(),
            YearBudget { .. } => "year_budget_not_a_number",
            YearBudgetNegative { .. } => "year_budget_negative",
            BudgetYear { .. } => "budget_year",
            YearColumnMissing { .. } => "year_column_missing",
            YearColumnOutside { .. } => "year_column_outside",
            NoTitleColumn => "no_title_column",
            AgencyPlanIsImported => "agency_plan_is_imported",
            AgencyListLevel => "agency_list_level",
            AgencyListAsImported => "agency_list_as_imported",
            AgencyListNoTitle => "agency_list_no_title",
            AgencyListNoPlace => "agency_list_no_place",
            AgencyListNoYear => "agency_list_no_year",
            AgencyListNoAgency => "agency_list_no_agency",
            AgencyListExists { .. } => "agency_list_exists",
            PlaceNotInArea { .. } => "place_not_in_area",
            DistrictNotInArea { .. } => "district_not_in_area",
            TambonNotInArea { .. } => "tambon_not_in_area",
            TambonAmbiguous { .. } => "tambon_ambiguous",
            MooNotInTambon { .. } => "moo_not_in_tambon",
            VillageNameNotInTambon { .. } => "village_name_not_in_tambon",
            NotSpreadsheet => "not_a_spreadsheet",
            CsvLine { .. } => "csv_line",
            // issue 11: shared tambons
            NotSharedTambon { .. } => "not_shared_tambon",
            VillageNotInTambon { .. } => "village_not_in_tambon",
            LaoNotSharingTambon { .. } => "lao_not_sharing_tambon",
            VillageTwice { .. } => "village_twice",
            SplitByDistrictOrLao { .. } => "split_by_district_or_lao",
            // issue 13
            MustChangePassword => "must_change_password",
            // issue 12
            BaseBelowDesignated { .. } => "base_below_designated",
            // issue 11: communities
            CommunityNumberUsed { .. } => "community_number_used",
            CommunityNameUsed { .. } => "community_name_used",
            CommunityTambonNotCovered { .. } => "community_tambon_not_covered",
            CommunityEnded { .. } => "community_ended",
            MergeIntoItself => "merge_into_itself",
            MergeIntoNotActive { .. } => "merge_into_not_active",
            CommunitiesByLao { .. } => "communities_by_lao",
            NoCommunityNameColumn => "no_community_name_column",
            CommunityNumberTwice { .. } => "community_number_twice",
            Chain(c) => c.code(),
            RoleModel(r) => r.code(),
        }
    }

    /// A not-found problem with no key.
    pub fn missing(thing: Thing) -> Problem {
        Problem::NotFound {
            thing,
            key: String::new(),
        }
    }

    pub fn not_found(thing: Thing, key: impl std::fmt::Display) -> Problem {
        Problem::NotFound {
            thing,
            key: key.to_string(),
        }
    }
}
