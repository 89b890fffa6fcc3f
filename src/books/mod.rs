//! A plan as files people hand on: the tambon plan book (`tambon`, as Word, Excel and CSV, and
//! every book of a year at once, `export`), the village plan's Excel form filled offline and
//! read back (`village_form`), and the district's model tambon plan (`model_plan`).

pub mod export;
pub mod model_plan;
pub mod tambon;
pub mod village_form;

pub use export::{Exported, export_all, file_name};
pub use tambon::tambon_plan_book;
