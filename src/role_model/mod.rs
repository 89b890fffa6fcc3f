//! Role Model districts (อำเภอต้นแบบ, seed 004): under Tambon Smart Team a national
//! administrator opens a round for a fiscal year (`rounds`); each of its districts selects
//! projects of its Tambon Project Bank under the round's cap, screens each against the Do and
//! Don't list (`screening`), and its chief approves the selection (`selection`).

pub mod rounds;
pub mod screening;
pub mod selection;
