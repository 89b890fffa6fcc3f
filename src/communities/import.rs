//! An LAO's list of communities from a spreadsheet (.xlsx or CSV): a header row naming
//! เลขที่ชุมชน (or ลำดับ, ชุมชนที่), ชื่อชุมชน and the tambon — รหัสตำบล or ตำบล, which may be
//! left out when the LAO covers one tambon. A row that is already in the register as it is
//! is left alone; every other row is checked first, and a file with any mistake is refused
//! whole, each mistake with its row and field.

use super::register::{CommunityInput, check_fields, check_keeper, check_unused, insert};
use super::{Status, covered_tambons, lao};
use crate::accounts::User;
use crate::error::{AppError, Problem};
use crate::uploads::sheet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Name,
    Tambon,
}

fn column_of(header: &str) -> Option<Column> {
    let h = header.split_whitespace().collect::<String>().to_lowercase();
    match h.as_str() {
        "เลขที่ชุมชน" | "ชุมชนที่" | "ลำดับ" | "ลำดับที่" | "เลขที่" | "number" | "no" | "no." => {
            Some(Column::Number)
        }
        "ชื่อชุมชน" | "ชุมชน" | "name" | "community" => {
            Some(Column::Name)
        }
        "รหัสตำบล" | "ตำบล" | "ตำบลที่ตั้ง" | "tambon" | "tambon_code" => {
            Some(Column::Tambon)
        }
        _ => None,
    }
}

/// What an import did.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Imported {
    pub added: usize,
    /// Rows already in the register as they are.
    pub unchanged: usize,
}

pub async fn import(
    db: &crate::db::Db,
    user: &User,
    lao_id: i64,
    bytes: &[u8],
) -> Result<Imported, AppError> {
    let l = lao(db, lao_id).await?;
    check_keeper(db, user, &l, &format!("lao:{lao_id}")).await?;
    let rows = sheet::rows(bytes).map_err(AppError::from)?;
    let Some((at, columns)) = sheet::header(&rows, column_of, Column::Name) else {
        return Err(Problem::NoCommunityNameColumn.into());
    };
    let tambons = covered_tambons(db, lao_id).await?;
    let only_tambon = match tambons.as_slice() {
        [only] => only.code.clone(),
        _ => String::new(),
    };
    let existing = super::of_lao(db, lao_id).await?;
    let in_row = |row: usize, p: Problem| Problem::InRow {
        row,
        problem: Box::new(p),
    };
    let mut errors = Vec::new();
    let mut fresh = Vec::new();
    let mut unchanged = 0;
    let mut numbers: Vec<(i64, usize)> = Vec::new();
    for (row, cells) in &rows[at + 1..] {
        let mut input = CommunityInput {
            tambon: only_tambon.clone(),
            ..CommunityInput::default()
        };
        for (col, text) in cells.iter().enumerate() {
            match columns.get(col) {
                Some(Some(Column::Number)) => input.number = text.clone(),
                Some(Some(Column::Name)) => input.name = text.clone(),
                Some(Some(Column::Tambon)) if !text.trim().is_empty() => {
                    input.tambon = text.clone()
                }
                _ => {}
            }
        }
        let checked = match check_fields(&input, &l, &tambons) {
            Ok(c) => c,
            Err(list) => {
                errors.extend(list.into_iter().map(|p| in_row(*row, p)));
                continue;
            }
        };
        if let Some((_, first_row)) = numbers.iter().find(|(n, _)| *n == checked.number) {
            errors.push(in_row(
                *row,
                Problem::CommunityNumberTwice {
                    number: checked.number,
                    first_row: *first_row,
                },
            ));
            continue;
        }
        numbers.push((checked.number, *row));
        let same = existing.iter().any(|k| {
            k.status == Status::Active
                && k.number == checked.number
                && k.name_th == checked.name
                && k.tambon_code == checked.tambon
        });
        if same {
            unchanged += 1;
            continue;
        }
        let clashes = check_unused(&checked, &existing, None);
        if clashes.is_empty() {
            fresh.push(checked);
        } else {
            errors.extend(clashes.into_iter().map(|p| in_row(*row, p)));
        }
    }
    if !errors.is_empty() {
        let errors = crate::uploads::at_most(errors, |more| Problem::MoreProblems { more });
        return Err(errors.into());
    }
    if fresh.is_empty() && unchanged == 0 {
        return Err(Problem::NoRowsInFile.into());
    }
    let mut tx = db.begin_write().await?;
    let actor = user.actor();
    for c in &fresh {
        insert(&mut tx, &actor, &l, c).await?;
    }
    tx.commit().await?;
    Ok(Imported {
        added: fresh.len(),
        unchanged,
    })
}
