//! Likely duplicates (issue 15; seed 001's first complaint, the same need planned twice by
//! different agencies): projects of one place and fiscal year whose works read alike
//! (`thai::likeness`) and whose guards do not keep them apart — found for an area on its page
//! (`find`), or for the whole country by a pass from the command line (`pass`); an officer
//! confirms a pair, merging one into the other with every adoption kept, or dismisses it, and
//! the decision is remembered (`review`).

pub mod find;
pub mod pass;
pub mod review;

pub use find::Finding;
