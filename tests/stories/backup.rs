//! Backing up the embedded database while it is in use, and putting a backup back.

use crate::common;
use oneplan::backup;
use oneplan::db::Db;

#[tokio::test]
async fn a_backup_taken_while_running_restores_the_data_of_that_moment() {
    let dir = common::temp_dir("oneplan-backup");
    let live = dir.join("oneplan.db");
    let url = format!("sqlite://{}?mode=rwc", live.display());
    let db = common::db::sqlite_at(common::Data::Phayao, &live).await;
    let copy = dir.join("backup-2566-10-01.db");
    backup::backup(&db, &copy).await.unwrap();
    // a second backup never overwrites the first
    assert!(
        backup::backup(&db, &copy)
            .await
            .unwrap_err()
            .to_string()
            .contains("มีอยู่แล้ว")
    );

    // later changes…
    let file = "code,tambon_code,moo,name_th,name_en\n56011413,560114,13,บ้านหลังสำรอง,After\n";
    oneplan::areas::import::import_files(
        &db,
        &oneplan::audit::Actor::system("test"),
        &[("v.csv".into(), file.into())],
    )
    .await
    .unwrap();
    assert!(
        oneplan::areas::get(&db, "56011413")
            .await
            .unwrap()
            .is_some()
    );

    // …are gone after a restore, and the replaced database is kept beside it
    {
        let _running = backup::PidFile::create(&dir).unwrap();
        let refused = backup::restore(&dir, &live, &copy).await.unwrap_err();
        assert!(refused.to_string().contains("หยุดเซิร์ฟเวอร์ก่อน"), "{refused}");
    }
    // the server was killed (kill -9): its connections were never closed, so the newest
    // changes may be in the WAL only; the kept copy still holds them
    std::mem::forget(db);
    let kept = backup::restore(&dir, &live, &copy).await.unwrap();
    assert!(kept.exists());
    {
        use sqlx::Connection;
        let mut old =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", kept.display()))
                .await
                .unwrap();
        let n: i64 =
            oneplan::db::query_scalar("SELECT COUNT(*) FROM areas WHERE code = '56011413'")
                .fetch_one(&mut old)
                .await
                .unwrap();
        assert_eq!(n, 1, "the kept copy lost the newest data");
    }
    let db = Db::connect(&url).await.unwrap();
    assert!(
        oneplan::areas::get(&db, "56011413")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(oneplan::areas::counts(&db).await.unwrap().tambons, 68);
    db.close().await;

    // a file that is no oneplan backup is refused and nothing is replaced
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(
        backup::restore(&dir, &live, &junk)
            .await
            .unwrap_err()
            .to_string()
            .contains("ไม่ใช่ไฟล์สำรองข้อมูล")
    );
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(oneplan::areas::counts(&db).await.unwrap().tambons, 68);
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
