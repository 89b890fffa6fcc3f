//! Role Model districts (อำเภอต้นแบบ, seed 004): under Tambon Smart Team a national
//! administrator opens a round for a fiscal year (`rounds`); each of its districts selects
//! projects of its Tambon Project Bank under the round's cap, screens each against the Do and
//! Don't list (`screening`), and its chief approves the selection (`selection`); the district
//! then reports progress (`monitoring`) and photos (`photos`) under its chief's and inspector's
//! comments (`comments`)
//! and sends its report book in three parts (`book`).

pub mod book;
pub mod comments;
pub mod monitoring;
pub mod photos;
pub mod rounds;
pub mod screening;
pub mod selection;
