//! The stories' files: the real Mae Sai ผ.02 table, changed copies of it, the same as an Excel
//! workbook, and how the plan page uploads one.

use crate::common::{Client, Reply, cast, csrf_of};
use oneplan::accounts::User;
use oneplan::db::Db;
use oneplan::plans::{self, Owner, Plan, PlanKind};
use oneplan::thai::format_baht;
use oneplan::views::PlanView;

pub(super) const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/projects/lao_plan_sample_mae_sai_tao_phayao_2566-2570_add3.csv"
);

pub(super) fn sample() -> Vec<u8> {
    std::fs::read(SAMPLE).unwrap()
}

/// The sample's records: the header, then the rows.
pub(super) fn records(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

pub(super) fn to_csv(headers: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// The file's own sum of each year column (b2566 …), in satang, computed from the file.
pub(super) fn column_sums(bytes: &[u8]) -> Vec<(i64, i64)> {
    let (headers, rows) = records(bytes);
    headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| Some((i, h.strip_prefix('b')?.parse::<i64>().ok()?)))
        .map(|(i, year)| {
            let sum: i64 = rows.iter().map(|r| r[i].parse::<i64>().unwrap()).sum();
            (year, sum * 100)
        })
        .collect()
}

/// The same table as an Excel workbook: a title row above the header, amounts typed as numbers,
/// as Thai digits with separators, or "-" for none.
pub(super) fn as_xlsx(bytes: &[u8]) -> Vec<u8> {
    let (headers, rows) = records(bytes);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) แบบ ผ.02")
        .unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let is_budget = headers[c].starts_with('b');
            let (r, c) = (3 + r as u32, c as u16);
            match (is_budget, cell.parse::<f64>()) {
                (true, Ok(0.0)) => ws.write_string(r, c, "-").unwrap(),
                (true, Ok(n)) if r % 2 == 0 => ws.write_number(r, c, n).unwrap(),
                (true, Ok(n)) => ws
                    .write_string(
                        r,
                        c,
                        oneplan::thai::to_thai_digits(&format_baht(n as i64 * 100)),
                    )
                    .unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

/// อบต.แม่ใส's local development plan 2566–2570, opened by its planning staff.
pub(super) async fn lao_plan(db: &Db) -> (User, Plan) {
    let lao = cast::lao(db).await;
    let owner = Owner::Lao(cast::mae_sai_lao(db).await);
    let plan = plans::open(db, &lao, PlanKind::Local, &owner, 2566)
        .await
        .unwrap();
    (lao, plan)
}

pub(super) async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

/// Uploads a file with the plan page's import form.
pub(super) async fn upload(c: &mut Client, plan: i64, name: &str, file: &[u8]) -> Reply {
    let page = c.get(&format!("/plans/{plan}")).await;
    let csrf = csrf_of(&page.body);
    let version = page
        .body
        .split("id=\"own-import\"")
        .nth(1)
        .and_then(|s| s.split("name=\"version\" value=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no import form: {}", page.body))
        .to_string();
    let b = "ownboundary";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n{version}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    c.send(
        "POST",
        &format!("/plans/{plan}/own/import"),
        &format!("multipart/form-data; boundary={b}"),
        body,
        &[],
    )
    .await
}

pub(super) fn own_by_year(view: &PlanView) -> Vec<(i64, i64)> {
    view.totals
        .years
        .iter()
        .map(|y| (y.year, y.own_satang))
        .collect()
}
