//! Requests the extractors could not read (a malformed form or JSON body, a wrong content
//! type, a bad number in a path) get axum's plain-text English answer; this turns it into the
//! product's own: a Thai page, or the API's JSON error, keeping the technical detail.

use crate::error::AppError;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn in_thai(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    let rejected = matches!(
        res.status(),
        StatusCode::BAD_REQUEST
            | StatusCode::UNPROCESSABLE_ENTITY
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::PAYLOAD_TOO_LARGE
    );
    if !plain || !rejected {
        return res;
    }
    let status = res.status();
    let detail = match axum::body::to_bytes(res.into_body(), 64 * 1024).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(_) => String::new(),
    };
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "ไฟล์หรือข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด".to_string()
    } else {
        format!("ข้อมูลที่ส่งมาไม่ถูกต้องตามรูปแบบที่ระบบรับได้ ({detail})")
    };
    let error = AppError::Invalid(message);
    let mut out = if api {
        super::page::ApiError(error).into_response()
    } else {
        error.into_response()
    };
    *out.status_mut() = status;
    out
}
