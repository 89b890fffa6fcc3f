//! Every tambon plan book of a fiscal year as Word files in one directory (`oneplan export
//! tambon-books`): the books are read from the database a few at a time, rendered on as many
//! blocking threads as there are cores, and each file is written as soon as it is done, so
//! memory holds a handful of books whatever the country's size.

use crate::db::{self, Db};
use crate::error::{AppError, Problem};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    /// Tambon plans of the year in the area, and so files written.
    pub books: usize,
    pub bytes: u64,
}

#[derive(sqlx::FromRow)]
struct Book {
    id: i64,
    area_code: String,
    name_th: String,
}

/// Writes `<tambon code> <tambon name>.docx` into `dir` (made when missing) for every tambon plan
/// of `year` whose tambon code starts with `area` ("" for the whole country), replacing files of
/// the same name. `progress(done, of)` is called after each file. Stops at the first failure.
pub async fn export_all(
    db: &Db,
    year: i64,
    area: &str,
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<Exported, AppError> {
    let area = crate::thai::to_arabic_digits(area.trim());
    if !area.chars().all(|c| c.is_ascii_digit()) || area.len() > 6 {
        return Err(Problem::BadAreaCode { typed: area }.into());
    }
    writable(dir)?;
    let books: Vec<Book> = db::query_as(
        "SELECT p.id, p.area_code, a.name_th FROM plans p JOIN areas a ON a.code = p.area_code \
         WHERE p.kind = 'tambon' AND p.first_year = $1 AND p.area_code >= $2 AND p.area_code < $3 ORDER BY p.area_code",
    )
    .bind(year)
    .bind_prefix(&area)
    .fetch_all(db)
    .await?;
    let of = books.len();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // the renders keep every core busy; twice as many books in flight keep the reads ahead of them
    let renders = Arc::new(Semaphore::new(cores));
    let in_flight = cores * 2;
    let mut pending = books.into_iter();
    let mut running = JoinSet::new();
    let mut out = Exported::default();
    loop {
        while running.len() < in_flight
            && let Some(book) = pending.next()
        {
            let (db, dir, renders) = (db.clone(), dir.to_path_buf(), renders.clone());
            running.spawn(async move { write_book(&db, book, &dir, &renders).await });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        let bytes = done.map_err(|e| AppError::Internal(e.into()))??;
        out.books += 1;
        out.bytes += bytes;
        progress(out.books, of);
    }
    Ok(out)
}

async fn write_book(db: &Db, book: Book, dir: &Path, renders: &Semaphore) -> Result<u64, AppError> {
    let doc = super::tambon_plan_book(db, book.id).await?;
    let _turn = renders
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let path = dir.join(file_name(&book.area_code, &book.name_th));
    tokio::task::spawn_blocking(move || {
        let bytes = crate::documents::docx(&doc)?;
        // a half-written book never carries the final name
        let part = path.with_extension("docx.part");
        std::fs::write(&part, &bytes)
            .and_then(|()| std::fs::rename(&part, &path))
            .map_err(|e| cannot_write(&path, &e))?;
        Ok(bytes.len() as u64)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// Makes the directory and proves a file can be written there, before any book is read.
fn writable(dir: &Path) -> Result<(), AppError> {
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
    let probe = dir.join(".oneplan-export-probe");
    std::fs::write(&probe, b"").map_err(|e| cannot_write(dir, &e))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

fn cannot_write(path: &Path, e: &std::io::Error) -> AppError {
    Problem::CannotWrite {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
    .into()
}

/// "560114 แม่ใส.docx": the code keeps the files in area order; characters that some file
/// systems refuse become "_".
pub fn file_name(code: &str, name: &str) -> PathBuf {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_end_matches('.');
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if clean.is_empty() {
        PathBuf::from(format!("{code}.docx"))
    } else {
        PathBuf::from(format!("{code} {clean}.docx"))
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;
    use std::path::PathBuf;

    #[test]
    fn file_names_are_safe_and_keep_thai() {
        assert_eq!(
            file_name("560114", "แม่ใส"),
            PathBuf::from("560114 แม่ใส.docx")
        );
        assert_eq!(
            file_name("560114", " ../บ้าน:ต้อม\n. "),
            PathBuf::from("560114 .._บ้าน_ต้อม_.docx")
        );
        assert_eq!(file_name("10/01", ""), PathBuf::from("1001.docx"));
    }
}
