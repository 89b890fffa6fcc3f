//! The one error type of the domain and the web boundary. Domain code returns `anyhow::Result`
//! for failures it cannot help and `AppError` for what the user must read: a `Problem` (or,
//! for a form with several mistakes, all of them), each with a stable code, its parameters and
//! the field it points at, worded in Thai or English by the reader's language (`words`).

mod chain;
mod field;
mod problem;
mod role_model;
mod words;

pub use chain::ChainProblem;
pub use field::Field;
pub use problem::{Class, FundingProblem, MemberProblem, Named, Problem, Thing};
pub use role_model::RoleModelProblem;

use crate::i18n::Lang;
use axum::http::StatusCode;

#[derive(Debug)]
pub enum AppError {
    /// 400: what was typed, at its fields; one or more.
    Invalid(Vec<Problem>),
    /// 401: not signed in.
    SignInRequired,
    /// 403: signed in, but outside the user's role or area.
    Forbidden(Problem),
    /// 404, with what was looked for.
    NotFound(Problem),
    /// 409: someone else changed the record first, or its state does not allow this.
    Conflict(Problem),
    /// 429: too many failed sign-ins.
    TooManyAttempts(Problem),
    Internal(anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<Problem> for AppError {
    fn from(p: Problem) -> Self {
        match p.class() {
            Class::Invalid => AppError::Invalid(vec![p]),
            Class::Forbidden => AppError::Forbidden(p),
            Class::NotFound => AppError::NotFound(p),
            Class::Conflict => AppError::Conflict(p),
            Class::TooMany => AppError::TooManyAttempts(p),
        }
    }
}

impl From<Vec<Problem>> for AppError {
    /// Several mistakes of one form; one that is not a mistake of what was typed stands alone.
    fn from(mut ps: Vec<Problem>) -> Self {
        match ps.iter().position(|p| p.class() != Class::Invalid) {
            Some(i) => ps.swap_remove(i).into(),
            None if ps.is_empty() => {
                AppError::Internal(anyhow::anyhow!("an empty list of problems"))
            }
            None => AppError::Invalid(ps),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problems the user must read, in order (none for sign-in and internal errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            AppError::Invalid(ps) => ps,
            AppError::Forbidden(p)
            | AppError::NotFound(p)
            | AppError::Conflict(p)
            | AppError::TooManyAttempts(p) => std::slice::from_ref(p),
            AppError::SignInRequired | AppError::Internal(_) => &[],
        }
    }

    /// A stable code for API clients: the first problem's.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::SignInRequired => "sign_in_required",
            AppError::Internal(_) => "internal",
            e => e.problems().first().map_or("invalid", Problem::code),
        }
    }

    /// The field of the first problem that has one.
    pub fn field(&self) -> Option<Field> {
        self.problems().iter().find_map(Problem::field)
    }

    /// What the user reads: every problem, joined.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::SignInRequired => match lang {
                Lang::Th => "กรุณาลงชื่อเข้าใช้ก่อน".into(),
                Lang::En => "please sign in first".into(),
            },
            AppError::Internal(_) => match lang {
                Lang::Th => "ระบบขัดข้อง โปรดลองใหม่อีกครั้ง หากยังไม่ได้โปรดแจ้งผู้ดูแลระบบ".into(),
                Lang::En => {
                    "something went wrong: try again, and tell the administrator if it persists"
                        .into()
                }
            },
            e => e
                .problems()
                .iter()
                .map(|p| p.message(lang))
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }

    /// What the user reads, in Thai.
    pub fn message_th(&self) -> String {
        self.message(Lang::Th)
    }

    pub fn not_found() -> AppError {
        Problem::missing(Thing::Record).into()
    }

    pub fn is_conflict(&self) -> bool {
        matches!(self, AppError::Conflict(_))
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<AppError>() {
            Ok(app) => app,
            Err(e) => AppError::Internal(e),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Internal(e) => write!(f, "{e:#}"),
            other => write!(f, "{}", other.message_th()),
        }
    }
}

impl std::error::Error for AppError {}

impl From<crate::db::WriteError> for AppError {
    fn from(e: crate::db::WriteError) -> Self {
        match e {
            crate::db::WriteError::Stale(s) => s.into(),
            crate::db::WriteError::Db(e) => e.into(),
        }
    }
}

impl From<crate::db::Stale> for AppError {
    fn from(s: crate::db::Stale) -> Self {
        let thing = match s.table {
            "plans" => Thing::Plan,
            "projects" => Thing::Project,
            "users" => Thing::Account,
            _ => Thing::Record,
        };
        Problem::Stale {
            thing,
            expected: s.expected,
            found: s.found,
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_worded_by_language_with_its_field_and_code() {
        let e: AppError = Problem::RankTaken {
            rank: 3,
            title: "ถนน".into(),
        }
        .into();
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        assert_eq!(e.code(), "rank_taken");
        assert_eq!(e.field(), Some(Field::Rank));
        assert_eq!(
            e.message(Lang::Th),
            "ลำดับความสำคัญ: ลำดับที่ 3 ซ้ำกับโครงการ “ถนน” ในแผนนี้"
        );
        assert_eq!(
            e.message(Lang::En),
            "Priority: 3 is already the priority of “ถนน” in this plan"
        );
        let stale: AppError = crate::db::Stale {
            table: "plans",
            id: 1,
            expected: 4,
            found: Some(5),
        }
        .into();
        assert_eq!(
            (stale.status(), stale.code()),
            (StatusCode::CONFLICT, "stale")
        );
        assert!(stale.message(Lang::En).contains("version 4 → 5"));
    }

    #[test]
    fn several_mistakes_stay_together_but_a_refusal_stands_alone() {
        let e: AppError = vec![
            Problem::Missing {
                field: Field::Title,
            },
            Problem::Negative {
                field: Field::Spent,
            },
        ]
        .into();
        assert_eq!(
            e.message(Lang::Th),
            "ชื่อโครงการ: ไม่ได้กรอก · เบิกจ่ายแล้ว: ต้องไม่ติดลบ"
        );
        let e: AppError = vec![
            Problem::Missing {
                field: Field::Title,
            },
            Problem::AdminOnly,
        ]
        .into();
        assert_eq!(e.status(), StatusCode::FORBIDDEN);
    }
}
