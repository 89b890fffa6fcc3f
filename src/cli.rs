//! The `oneplan` command: the server, and the administration tasks around it.

use crate::accounts::{self, NewUser, Role, Scope, ScopeLevel, password};
use crate::areas::{import, national};
use crate::audit::Actor;
use crate::config::{Config, sqlite_url};
use crate::db::{self, Db};
use crate::reporting;
use crate::thai::fiscal;
use crate::web::{self, AppState};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "oneplan",
    version,
    about = "One Plan (แผนเดียวกัน): village-to-province development planning"
)]
pub struct Cli {
    /// Database URL (default: SQLite in the data directory; or postgres://…). Also ONEPLAN_DATABASE_URL.
    #[arg(long, global = true)]
    database: Option<String>,
    /// Data directory for the embedded database. Also ONEPLAN_DATA_DIR.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the web server (loads the national area data on first start).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080. Also ONEPLAN_LISTEN.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Creates an administrator account (the first one, or any, from the machine itself).
    CreateAdmin {
        #[arg(long)]
        username: String,
        /// Full name as shown in the audit log.
        #[arg(long)]
        name: String,
        /// national, province, district, tambon, village or lao
        #[arg(long, default_value = "national")]
        scope_level: String,
        /// The area's DOPA code (or the LAO code); empty for national.
        #[arg(long, default_value = "")]
        scope_code: String,
        /// The agency the account acts for, by code (cdd_district, dla_district, …) or Thai name.
        #[arg(long, default_value = "moi_ps")]
        agency: String,
        /// The position, e.g. พัฒนาการอำเภอ.
        #[arg(long, default_value = "")]
        position: String,
        /// The password; read from ONEPLAN_ADMIN_PASSWORD, or generated and printed when absent.
        #[arg(long, env = "ONEPLAN_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Imports or refreshes area data from CSV files (all or nothing).
    ImportAreas { files: Vec<PathBuf> },
    /// Copies the embedded database to a file, consistently, while the server runs.
    Backup { file: PathBuf },
    /// Replaces the embedded database with a backup (stop the server first).
    Restore { file: PathBuf },
    /// Prints the OpenAPI document of the JSON API.
    Openapi,
    /// Makes a fiscal year's reporting calendar from the yearly pattern (default: this and next year).
    Calendar {
        /// Fiscal year, Buddhist era, e.g. 2569.
        #[arg(long)]
        year: Option<i64>,
    },
    /// Puts reminders for deadlines due within 7 days or overdue up to 30 (safe to repeat).
    Remind {
        /// Count as if today were this date (YYYY-MM-DD); default: today in Thailand.
        #[arg(long)]
        date: Option<String>,
    },
    /// The mail outbox.
    Outbox {
        #[command(subcommand)]
        action: OutboxAction,
    },
    /// National-scale datasets for benchmarks and demonstrations.
    Dataset {
        #[command(subcommand)]
        action: DatasetAction,
    },
    /// Imports a plan's own projects from a spreadsheet in the ผ.02 layout (.xlsx or CSV; all or nothing).
    ImportPlanProjects {
        /// The plan's id (a draft local, district or province plan).
        #[arg(long)]
        plan: i64,
        file: PathBuf,
    },
    /// Makes the search index again from the records (as the server does at start when the
    /// Thai normalisation changed or the index does not match the records).
    SearchIndex,
    /// The national pass for likely duplicates of a fiscal year: every province's projects
    /// compared where a duplicate can be, the findings written to a CSV file for review.
    Duplicates {
        /// Fiscal year, Buddhist era.
        #[arg(long)]
        year: i64,
        /// A DOPA code prefix; '' for the whole country.
        #[arg(long, default_value = "")]
        area: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Cuts each line of a text file into Thai words (thai::words), one line of words joined
    /// by "|" for each; with --timing, what the normalisation and the cutting took, as JSON on
    /// standard error (the benchmark against PyThaiNLP's newmm reads it).
    Words {
        file: PathBuf,
        #[arg(long)]
        timing: bool,
    },
    /// Judges a labelled set of title pairs (a,b,label,case) as the duplicate review would, at
    /// its fixed threshold: precision, recall and F1 as JSON (the benchmark reads it).
    Pairs { file: PathBuf },
    /// Writes official documents in bulk.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
}

#[derive(Subcommand)]
enum DatasetAction {
    /// Writes a seeded, realistic dataset (one CSV per table) on the real area hierarchy.
    Generate {
        /// A DOPA code prefix: '' for the whole country, '56' for Phayao.
        #[arg(long, default_value = "")]
        area: String,
        /// Fiscal years (Buddhist era): 2569, or 2565-2569.
        #[arg(long, default_value = "2569")]
        years: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Loads a dataset directory into a database that holds no plans yet (all or nothing).
    Load { dir: PathBuf },
    /// Times the national roll-ups as the pages compute them (median of --runs after a warm-up).
    Measure {
        /// Fiscal year, Buddhist era.
        #[arg(long)]
        year: i64,
        /// A DOPA code prefix; '' for the whole country.
        #[arg(long, default_value = "")]
        area: String,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Prints JSON with each roll-up's SQL statements (for scripts/bench.py).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// Every tambon plan book of a fiscal year as Word, one file per tambon: "<code> <name>.docx".
    TambonBooks {
        /// Fiscal year, Buddhist era, e.g. 2569.
        #[arg(long)]
        year: i64,
        /// Directory to write into (made when missing; files of the same name are replaced).
        #[arg(long)]
        out: PathBuf,
        /// Only tambons whose code starts with this, e.g. 56 (a province) or 5601 (a district).
        #[arg(long, default_value = "")]
        area: String,
    },
}

#[derive(Subcommand)]
enum OutboxAction {
    /// Sends unsent mail, oldest first, through ONEPLAN_MAIL_COMMAND (e.g. "/usr/sbin/sendmail -t").
    Drain {
        /// Prints what would be sent, and sends nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = Config::from_env();
    if let Some(dir) = cli.data_dir {
        if std::env::var("ONEPLAN_DATABASE_URL").is_err() {
            config.database_url = sqlite_url(&dir);
        }
        config.data_dir = dir;
    }
    if let Some(url) = cli.database {
        config.database_url = url;
    }
    if let Some(path) = config.sqlite_path()
        && let Some(parent) = path.parent()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    match cli.command {
        Command::Serve { listen } => {
            if let Some(l) = listen {
                config.listen = l;
            }
            serve(config).await
        }
        Command::CreateAdmin {
            username,
            name,
            scope_level,
            scope_code,
            agency,
            position,
            password,
        } => {
            let db = Db::connect(&config.database_url).await?;
            national::load_if_empty(&db).await?;
            let level = ScopeLevel::parse(&scope_level).context(
                "scope level must be national, province, district, tambon, village or lao",
            )?;
            let agency = accounts::Agency::parse(&agency).with_context(|| {
                let codes: Vec<&str> = accounts::Agency::offered().map(|a| a.as_str()).collect();
                format!("agency must be one of {}", codes.join(", "))
            })?;
            let generated = password.is_none();
            let password = password.unwrap_or_else(password::generate);
            let new = NewUser {
                username,
                display_name: name,
                position,
                agency,
                role: Role::Admin,
                scope: Scope {
                    level,
                    code: scope_code,
                },
                password: password.clone(),
            };
            let user = accounts::create(&db, None, new)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "สร้างผู้ดูแลระบบ {} แล้ว / administrator {} created",
                user.username, user.username
            );
            if generated {
                println!("รหัสผ่าน / password: {password}");
            }
            Ok(())
        }
        Command::ImportAreas { files } => {
            let db = Db::connect(&config.database_url).await?;
            let mut loaded = Vec::new();
            for f in &files {
                let bytes =
                    std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                loaded.push((name, bytes));
            }
            let report = import::import_files(&db, &Actor::system("cli"), &loaded).await?;
            for w in &report.warnings {
                println!("คำเตือน: {w}");
            }
            for e in &report.errors {
                println!("ข้อผิดพลาด: {e}");
            }
            if !report.written() {
                anyhow::bail!(
                    "ไม่ได้บันทึกข้อมูลใด ๆ: พบข้อผิดพลาด {} รายการ (nothing was written)",
                    report.errors.len()
                );
            }
            println!(
                "นำเข้าแล้ว: เพิ่ม {} ปรับปรุง {} ไม่เปลี่ยนแปลง {} (added, updated, unchanged)",
                report.inserted, report.updated, report.unchanged
            );
            Ok(())
        }
        Command::ImportPlanProjects { plan, file } => {
            let db = Db::connect(&config.database_url).await?;
            import_plan_projects(&db, plan, &file).await
        }
        Command::Dataset { action } => dataset(&config, action).await,
        Command::Duplicates { year, area, out } => {
            use std::io::Write;
            let db = Db::connect(&config.database_url).await?;
            let area = crate::thai::to_arabic_digits(area.trim());
            let s = crate::duplicates::pass::run(&db, &area, year, &out, |done, all, code| {
                let width = 30;
                let filled = done * width / all.max(1);
                eprint!(
                    "\r[{}{}] {done}/{all} จังหวัด {code}",
                    "#".repeat(filled),
                    " ".repeat(width - filled)
                );
                let _ = std::io::stderr().flush();
            })
            .await?;
            eprintln!();
            eprintln!(
                "อ่านโครงการ {:.1} วินาที · จัดรูปชื่อ {:.1} · เปรียบเทียบ {:.1} · เขียนไฟล์ {:.1} / read, normalise, compare, write",
                s.read_seconds, s.normalise_seconds, s.compare_seconds, s.write_seconds
            );
            println!(
                "{} จังหวัด {} โครงการ พบโครงการที่น่าจะซ้ำกัน {} คู่ ใน {:.1} วินาที → {} / provinces, projects, likely duplicates",
                s.provinces,
                s.projects,
                s.findings,
                s.seconds,
                out.display()
            );
            Ok(())
        }
        Command::Words { file, timing } => {
            use std::io::Write;
            let text = std::fs::read_to_string(&file)?;
            let lines: Vec<&str> = text.lines().collect();
            let started = Instant::now();
            crate::thai::words::warm();
            let load = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let cut: Vec<Vec<String>> =
                lines.iter().map(|l| crate::thai::words::words(l)).collect();
            let segment = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let normal: usize = lines
                .iter()
                .map(|l| crate::thai::text::title(l).key.len())
                .sum();
            let normalise = started.elapsed().as_secs_f64();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for words in &cut {
                writeln!(out, "{}", words.join("|"))?;
            }
            out.flush()?;
            if timing {
                let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
                eprintln!(
                    "{}",
                    serde_json::json!({
                        "lines": lines.len(), "chars": chars, "load_seconds": load,
                        "segment_seconds": segment, "normalise_seconds": normalise,
                        "normal_bytes": normal,
                    })
                );
            }
            Ok(())
        }
        Command::Pairs { file } => {
            let j = crate::thai::likeness::judge(&file)?;
            println!("{}", serde_json::to_string(&j)?);
            Ok(())
        }
        Command::SearchIndex => {
            let db = Db::connect(&config.database_url).await?;
            let started = Instant::now();
            let n = rebuild_index(&db).await?;
            println!(
                "ดัชนีค้นหา {n} รายการ ใน {:.1} วินาที / search index entries",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Backup { file } => {
            let db = Db::connect(&config.database_url).await?;
            crate::backup::backup(&db, &file).await?;
            println!("สำรองข้อมูลไว้ที่ {} แล้ว / backup written", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let target = config.sqlite_path().context(
                "restore works on the embedded SQLite database; for PostgreSQL use pg_restore",
            )?;
            let kept = crate::backup::restore(&config.data_dir, &target, &file).await?;
            println!(
                "กู้คืนข้อมูลจาก {} แล้ว; ฐานข้อมูลเดิมเก็บไว้ที่ {}",
                file.display(),
                kept.display()
            );
            Ok(())
        }
        Command::Openapi => {
            println!("{}", web::api::openapi().to_pretty_json()?);
            Ok(())
        }
        Command::Calendar { year } => {
            let db = Db::connect(&config.database_url).await?;
            let added = match year {
                Some(y) => reporting::calendar::ensure_year(&db, y).await?,
                None => {
                    reporting::calendar::ensure_current(&db, fiscal::today_in_thailand()).await?
                }
            };
            println!("เพิ่มกำหนดส่ง {added} รายการ / {added} deadlines added");
            Ok(())
        }
        Command::Remind { date } => {
            let db = Db::connect(&config.database_url).await?;
            let today = match date {
                Some(d) => crate::thai::parse_date(&d)?,
                None => fiscal::today_in_thailand(),
            };
            let r = reporting::reminders::daily(&db, today).await?;
            println!(
                "กำหนดส่ง {} รายการ หน่วยที่ยังไม่ส่ง {} แจ้งเตือนใหม่ {} อีเมลรอส่ง {} \
                 ({} deadlines, {} units pending, {} new notifications, {} mails queued)",
                r.deadlines,
                r.pending_units,
                r.notifications,
                r.mails,
                r.deadlines,
                r.pending_units,
                r.notifications,
                r.mails
            );
            Ok(())
        }
        Command::Outbox {
            action: OutboxAction::Drain { dry_run },
        } => {
            let db = Db::connect(&config.database_url).await?;
            let sender = reporting::outbox::Sender::from_env();
            let r = reporting::outbox::drain(&db, &sender, dry_run).await?;
            if dry_run {
                for m in &r.would_send {
                    println!("{m}\n-----");
                }
                println!(
                    "รอส่ง {} ฉบับ / {} waiting",
                    r.would_send.len(),
                    r.would_send.len()
                );
            } else {
                println!(
                    "ส่งแล้ว {} ไม่สำเร็จ {} ({} sent, {} failed)",
                    r.sent, r.failed, r.sent, r.failed
                );
                if r.failed > 0 {
                    anyhow::bail!("ส่งอีเมลไม่สำเร็จ {} ฉบับ (ดู outbox.last_error)", r.failed);
                }
            }
            Ok(())
        }
        Command::Export {
            what: ExportWhat::TambonBooks { year, out, area },
        } => {
            let db = Db::connect(&config.database_url).await?;
            export_tambon_books(&db, year, &area, &out).await
        }
    }
}

/// `import-plan-projects`: the file goes in whole, or every mistake is printed and nothing is written.
async fn import_plan_projects(db: &Db, plan_id: i64, file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    match crate::own::import::import_as(db, &Actor::system("cli"), plan_id, &bytes).await {
        Ok(n) => {
            let plan = crate::plans::get(db, plan_id)
                .await?
                .context("the plan is gone")?;
            let totals = crate::own::totals::of_plan(db, &plan).await?;
            println!("นำเข้าโครงการของแผนแล้ว {n} โครงการ / {n} projects imported");
            for y in &totals.years {
                println!(
                    "ปีงบประมาณ {}: โครงการของแผนเอง {} บาท รับจากแผนระดับล่าง {} บาท",
                    y.year,
                    crate::thai::format_baht(y.own_satang),
                    crate::thai::format_baht(y.adopted_satang)
                );
            }
            Ok(())
        }
        Err(e) if e.problems().is_empty() => Err(anyhow::anyhow!("{e}")),
        Err(e) => {
            for p in e.problems() {
                println!("ข้อผิดพลาด: {}", p.message(crate::i18n::Lang::Th));
            }
            anyhow::bail!("ไม่ได้บันทึกข้อมูลใด ๆ (nothing was written): {}", e.code())
        }
    }
}

async fn export_tambon_books(db: &Db, year: i64, area: &str, out: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut shown = Instant::now();
    let done = crate::books::export_all(db, year, area, out, |n, of| {
        if shown.elapsed().as_secs() >= 5 {
            shown = Instant::now();
            eprintln!(
                "เขียนเล่มแผนแล้ว {n}/{of} เล่ม ({:.0} วินาที)",
                started.elapsed().as_secs_f64()
            );
        }
    })
    .await
    .map_err(anyhow::Error::from)
    .context("ส่งออกเล่มแผนพัฒนาตำบลไม่สำเร็จ")?;
    let secs = started.elapsed().as_secs_f64();
    let place = if area.is_empty() {
        String::new()
    } else {
        format!(" ในพื้นที่รหัส {area}")
    };
    if done.books == 0 {
        println!(
            "ไม่พบแผนพัฒนาตำบลปีงบประมาณ {year}{place}: ไม่ได้เขียนไฟล์ใด \
             (no tambon plans for {year}; nothing written)"
        );
        return Ok(());
    }
    println!(
        "เขียนเล่มแผนพัฒนาตำบลปีงบประมาณ {year}{place} {} เล่ม ใน {secs:.1} วินาที รวม {:.1} MB ไว้ที่ {} \
         ({} books, {secs:.1} s, {} bytes)",
        done.books,
        done.bytes as f64 / 1e6,
        out.display(),
        done.books,
        done.bytes
    );
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let started = Instant::now();
    let db = Db::connect(&config.database_url).await?;
    tracing::info!(
        "database {} ready in {:?}",
        crate::db::redact(&config.database_url),
        started.elapsed()
    );
    let load = Instant::now();
    if let Some(report) = national::load_if_empty(&db).await? {
        tracing::info!(
            "national area data loaded in {:.1?}: {} rows, {} warnings",
            load.elapsed(),
            report.inserted + report.updated,
            report.warnings.len()
        );
    }
    if crate::text_index::is_stale(&db).await? {
        let indexing = Instant::now();
        let n = rebuild_index(&db).await?;
        tracing::info!(
            "search index made again: {n} entries in {:.1?}",
            indexing.elapsed()
        );
    }
    if accounts::count(&db).await? == 0 {
        first_admin(&db).await?;
    }
    reporting::calendar::ensure_current(&db, fiscal::today_in_thailand()).await?;
    reporting::reminders::spawn_daily(db.clone());
    let _pid = crate::backup::PidFile::create(&config.data_dir)?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(
        "oneplan พร้อมใช้งานที่ http://{addr} (ready in {:.1?})",
        started.elapsed()
    );
    println!("oneplan: http://{addr}");
    web::serve(AppState { db, config }, listener).await
}

/// The search index made again, its progress on the console: the records done of each kind.
async fn rebuild_index(db: &Db) -> anyhow::Result<u64> {
    use std::io::Write;
    let mut shown = 0;
    let n = crate::text_index::rebuild(db, |kind, done| {
        if done >= shown + 100_000 {
            shown = done;
            eprint!("\rดัชนีค้นหา / search index: {} {done}   ", kind.as_str());
            let _ = std::io::stderr().flush();
        }
    })
    .await?;
    eprintln!();
    Ok(n)
}

/// With no account at all, makes `admin` with a one-time password printed on the console.
async fn first_admin(db: &Db) -> anyhow::Result<()> {
    let password = password::generate();
    let new = NewUser {
        username: "admin".into(),
        display_name: "ผู้ดูแลระบบ".into(),
        position: String::new(),
        agency: accounts::Agency::MoiPs,
        role: Role::Admin,
        scope: Scope::national(),
        password: password.clone(),
    };
    let user = accounts::create(db, None, new)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    db::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
        .bind(user.id)
        .execute(db)
        .await?;
    println!(
        "ยังไม่มีบัญชีผู้ใช้: สร้างผู้ดูแลระบบแล้ว ชื่อผู้ใช้ admin รหัสผ่าน {password} (ต้องเปลี่ยนเมื่อเข้าระบบครั้งแรก)"
    );
    println!(
        "No accounts yet: created 'admin' with password {password} (to be changed at first sign-in)"
    );
    Ok(())
}

async fn dataset(config: &Config, action: DatasetAction) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    national::load_if_empty(&db).await?;
    match action {
        DatasetAction::Generate {
            area,
            years,
            seed,
            out,
        } => {
            let (first_year, last_year) = crate::dataset::parse_years(&years)?;
            let options = crate::dataset::generate::Options {
                area,
                first_year,
                last_year,
                seed,
            };
            let s = crate::dataset::generate::generate(&db, &options, &out).await?;
            for (table, n) in &s.tables {
                println!("{table:>20} {n:>12}");
            }
            println!(
                "สร้างชุดข้อมูล {} แถว ใน {:.1} วินาที ที่ {} / {} rows generated",
                s.rows,
                s.seconds,
                out.display(),
                s.rows
            );
        }
        DatasetAction::Measure {
            year,
            area,
            runs,
            json,
        } => {
            let timings = crate::dataset::measure::measure(&db, &area, year, runs).await?;
            if json {
                println!("{}", serde_json::json!({ "rollups": timings }));
            } else {
                for t in &timings {
                    println!("{:<52} {:>9} แถว {:>10.1} ms", t.title, t.rows, t.median_ms);
                }
            }
        }
        DatasetAction::Load { dir } => {
            let l = crate::dataset::load::load(&db, &dir).await?;
            for (table, n) in &l.tables {
                println!("{table:>20} {n:>12}");
            }
            println!(
                "นำเข้า {} แถว ใน {:.2} วินาที ({:.0} แถว/วินาที) / rows loaded",
                l.rows,
                l.seconds,
                l.rows as f64 / l.seconds
            );
            println!(
                "ดัชนีค้นหา {} รายการ ใน {:.2} วินาที / search index entries",
                l.indexed, l.index_seconds
            );
        }
    }
    Ok(())
}
