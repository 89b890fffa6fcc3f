//! KPI 3.2 (ONEPLAN.md section 8): the percentage of model เทศบาล and อบต. that bring community
//! plans into local development. Model LAOs are designated per district (`model_laos`), each
//! one's monthly report is computed from its records (`monthly`, through the set-based statements
//! of `figures`), the thresholds and score
//! bands are data per year (`settings`), and `rollup` gives district, province and national values.

pub mod chain;
pub mod document;
pub mod figures;
pub mod model_laos;
pub mod monthly;
pub mod rates;
pub mod rollup;
pub mod settings;
pub mod work_plans;
