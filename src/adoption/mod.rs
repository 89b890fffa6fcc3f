//! The adoption link (`plan_items`): a project raised in one plan and taken up by the plans
//! above it, each adoption one item with its own rank, year and amount. Raising a project in a
//! plan (`raise`), adopting from the plans below, editing, removing and merging items
//! (`adopt`), routing a district plan's project to a line agency (`route`), the items a plan
//! holds (`items`), the province's view of its districts' plans (`province`) and a project's
//! lineage through every plan (`lineage`).

pub mod adopt;
pub mod items;
pub mod lineage;
pub mod province;
pub mod raise;
pub mod route;
pub mod to_province;

pub use adopt::{AdoptInput, Candidate, adopt, candidates, merge, remove, update_item};
pub use items::{Item, items, rank_of};
pub use raise::add_to_plan;
pub use route::{AgencyRequest, RouteInput, agency_requests, route_to_agency};
