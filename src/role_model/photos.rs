//! Photos of a Role Model project (seed 004 ข้อ ๒): JPEG or PNG known by their bytes, at most
//! 5 MB (refused, not re-encoded), with the day (within the work's time) and the place they
//! were taken; kept in the database and never changed, so a sent book can print them for ever.

use super::monitoring::{self, Monitor, approved_project, text, work_day};
use super::selection;
use crate::accounts::User;
use crate::audit;
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem, RoleModelProblem};
use serde::Serialize;
use time::Date;

/// A photo larger than this is refused, not re-encoded.
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const PHOTOS_PER_PROJECT: usize = 10;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = RoleModelPhoto)]
pub struct Photo {
    pub id: i64,
    pub selection_id: i64,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub taken_on: Date,
    pub place: String,
    pub caption: String,
    pub content_type: String,
    pub width_px: i64,
    pub height_px: i64,
    pub size_bytes: i64,
}

/// A photo as uploaded, with the day and place it was taken.
pub struct PhotoInput {
    pub bank_id: i64,
    pub bytes: Vec<u8>,
    pub taken_on: String,
    pub place: String,
    pub caption: String,
}

/// What a file is, read from its bytes (not its name): JPEG or PNG, with its size in pixels.
pub fn photo_kind(bytes: &[u8]) -> Option<(&'static str, u32, u32)> {
    let kind = match imagesize::image_type(bytes).ok()? {
        imagesize::ImageType::Jpeg => "image/jpeg",
        imagesize::ImageType::Png => "image/png",
        _ => return None,
    };
    let size = imagesize::blob_size(bytes).ok()?;
    let (w, h) = (
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    );
    (w > 0 && h > 0).then_some((kind, w, h))
}

/// Keeps a photo of an approved project: a JPEG or PNG of at most 5 MB, with the day (within
/// the work's time) and the place.
pub async fn add_photo(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    input: PhotoInput,
) -> Result<Monitor, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    selection::authorize(db, user, &dr, "ส่งภาพถ่ายโครงการอำเภอต้นแบบ").await?;
    let s = approved_project(&dr, input.bank_id)?;
    let mut problems = Vec::new();
    let kind = if input.bytes.is_empty() {
        problems.push(Problem::Missing {
            field: Field::Photo,
        });
        None
    } else if input.bytes.len() > PHOTO_MAX_BYTES {
        problems.push(
            RoleModelProblem::PhotoTooLarge {
                size: format!("{:.1}", input.bytes.len() as f64 / 1_048_576.0),
                max_mb: PHOTO_MAX_BYTES / 1_048_576,
            }
            .into(),
        );
        None
    } else {
        let k = photo_kind(&input.bytes);
        if k.is_none() {
            problems.push(RoleModelProblem::NotAPhoto.into());
        }
        k
    };
    let taken_on = if input.taken_on.trim().is_empty() {
        problems.push(Problem::Missing {
            field: Field::TakenOn,
        });
        None
    } else {
        work_day(&dr, &input.taken_on, Field::TakenOn, &mut problems)
    };
    let place = text(&input.place, Field::Place, &mut problems);
    if place.is_empty() {
        problems.push(Problem::Missing {
            field: Field::Place,
        });
    }
    let caption = text(&input.caption, Field::Caption, &mut problems);
    let kept: i64 =
        db::query_scalar("SELECT COUNT(*) FROM role_model_photos WHERE selection_id = $1")
            .bind(s.selection_id)
            .fetch_one(db)
            .await?;
    if kept as usize >= PHOTOS_PER_PROJECT {
        problems.push(
            RoleModelProblem::TooManyPhotos {
                max: PHOTOS_PER_PROJECT,
            }
            .into(),
        );
    }
    let (Some((content_type, w, h)), Some(taken_on), true) = (kind, taken_on, problems.is_empty())
    else {
        return Err(problems.into());
    };
    let size = input.bytes.len() as i64;
    let mut tx = db.begin_write().await?;
    db::query(
        "INSERT INTO role_model_photos (selection_id, taken_on, place, caption, content_type, width_px, height_px, size_bytes, bytes, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(s.selection_id)
    .bind(taken_on)
    .bind(&place)
    .bind(&caption)
    .bind(content_type)
    .bind(i64::from(w))
    .bind(i64::from(h))
    .bind(size)
    .bind(input.bytes)
    .bind(&user.username)
    .bind(now_text())
    .execute(&mut tx)
    .await?;
    let after = serde_json::json!({"bank_id": input.bank_id, "taken_on": taken_on, "place": place,
        "content_type": content_type, "size_bytes": size, "width_px": w, "height_px": h});
    audit::record(
        &mut tx,
        &user.actor(),
        selection::audit_change(
            &dr,
            monitoring::ENTITY,
            "photo",
            after,
            s.entry.title.clone(),
        ),
    )
    .await?;
    tx.commit().await?;
    monitoring::from_round(db, &dr).await
}

/// A photo's bytes and type, for the page and the book.
pub async fn photo_bytes(db: &Db, id: i64) -> anyhow::Result<Option<(String, Vec<u8>)>> {
    Ok(
        db::query_as("SELECT content_type, bytes FROM role_model_photos WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_known_by_their_bytes() {
        // a 1×1 PNG
        let png: &[u8] = &[
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0,
            0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0,
        ];
        assert_eq!(photo_kind(png), Some(("image/png", 3, 2)));
        assert_eq!(photo_kind(b"%PDF-1.4 not a photo"), None);
        assert_eq!(photo_kind(b""), None);
    }
}
