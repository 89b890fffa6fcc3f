//! The one error type of the web boundary. Domain code returns `anyhow::Result` for failures
//! it cannot help and `AppError` for what the user must read; both become a Thai message in
//! the page and a stable code in the API.

use axum::http::StatusCode;

#[derive(Debug)]
pub enum AppError {
    /// 400: input the user can fix; the message says what and where.
    Invalid(String),
    /// 401: not signed in.
    SignInRequired,
    /// 403: signed in, but outside the user's role or area.
    Forbidden(String),
    NotFound(String),
    /// 409: someone else changed the record first.
    Conflict(String),
    /// 429: too many failed sign-ins.
    TooManyAttempts(String),
    Internal(anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

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

    /// A stable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::SignInRequired => "sign_in_required",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyAttempts(_) => "too_many_attempts",
            AppError::Internal(_) => "internal",
        }
    }

    /// What the user reads, in Thai.
    pub fn message_th(&self) -> String {
        match self {
            AppError::Invalid(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::TooManyAttempts(m) => m.clone(),
            AppError::NotFound(m) if m.is_empty() => "ไม่พบข้อมูลที่ต้องการ".into(),
            AppError::NotFound(m) => m.clone(),
            AppError::SignInRequired => "กรุณาลงชื่อเข้าใช้ก่อน".into(),
            AppError::Internal(_) => "ระบบขัดข้อง โปรดลองใหม่อีกครั้ง หากยังไม่ได้โปรดแจ้งผู้ดูแลระบบ".into(),
        }
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

impl From<crate::db::Stale> for AppError {
    fn from(s: crate::db::Stale) -> Self {
        let what = match s.table {
            "plans" => "แผนนี้",
            "projects" => "โครงการนี้",
            "users" => "บัญชีนี้",
            _ => "ข้อมูลนี้",
        };
        AppError::Conflict(match s.found {
            Some(_) if s.table == "users" => "มีผู้อื่นแก้ไขบัญชีนี้ไปก่อนแล้ว ระบบไม่ได้บันทึกการแก้ไขของท่าน โปรดเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง".into(),
            Some(found) => format!(
                "{what}ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้านี้ (ฉบับที่ {} → {found}) ระบบไม่ได้บันทึกการแก้ไขของท่าน โปรดเปิดหน้าใหม่เพื่อดูข้อมูลล่าสุดแล้วบันทึกอีกครั้ง",
                s.expected
            ),
            None => format!("{what}ถูกลบไปแล้ว"),
        })
    }
}
