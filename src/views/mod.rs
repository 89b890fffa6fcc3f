//! The read model of every screen: what its page and the API show, loaded in one place with
//! the reader's rights and the verdicts worked out, so the page and the API never disagree.

pub mod plan;
pub mod project;

pub use plan::PlanView;
pub use project::ProjectView;
