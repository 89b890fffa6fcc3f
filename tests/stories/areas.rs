//! The area tree as users meet it: national data loaded, drill-down, LAO coverage,
//! abolished codes, and imports that refuse bad files whole.

use oneplan::areas::{self, CodeStatus, import::import_files};
use oneplan::audit::Actor;
use oneplan::db::Db;

story!(national_data_loads_with_every_unit, Empty);
async fn national_data_loads_with_every_unit(backend: &str, db: Db) {
    let started = std::time::Instant::now();
    let report = areas::national::load_if_empty(&db)
        .await
        .unwrap()
        .expect("loaded on first start");
    eprintln!("{backend}: national data loaded in {:?}", started.elapsed());
    assert!(report.errors.is_empty());
    let c = areas::counts(&db).await.unwrap();
    assert_eq!(
        (c.provinces, c.districts, c.tambons, c.villages, c.laos),
        (77, 928, 7436, 75207, 7723),
        "{backend}"
    );
    // a second start finds the data there and loads nothing
    assert!(areas::national::load_if_empty(&db).await.unwrap().is_none());
    // Mae Sai, Mueang Phayao: a real tambon with its villages and covering LAO
    let tambon = areas::get(&db, "560114").await.unwrap().unwrap();
    assert_eq!(tambon.name_th, "แม่ใส");
    let path: Vec<String> = areas::path(&db, "56011401")
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name_th)
        .collect();
    assert_eq!(path[..3], ["พะเยา", "เมืองพะเยา", "แม่ใส"]);
    let laos = areas::covering(&db, "560114").await.unwrap();
    assert!(
        laos.iter().any(|l| l.full_name_th.contains("แม่ใส")),
        "{laos:?}"
    );
    let provinces = areas::children(&db, None).await.unwrap();
    assert_eq!(provinces.len(), 77);
    assert_eq!(provinces.iter().map(|p| p.children).sum::<i64>(), 928);
    db.close().await;
}

story!(abolished_codes_map_to_their_successors, Empty);
async fn abolished_codes_map_to_their_successors(backend: &str, db: Db) {
    areas::national::load(&db, None).await.unwrap();
    // บางซื่อ 100205 was abolished in 2006 and became 102901
    let s = areas::codes::resolve(&db, "100205").await.unwrap();
    assert_eq!(s.current(), Some("102901"), "{backend}");
    assert!(matches!(s, CodeStatus::Replaced { .. }));
    assert!(s.message_th().unwrap().contains("ใช้รหัสใหม่ 102901"));
    assert_eq!(
        areas::codes::resolve(&db, "๕๖๐๑๑๔").await.unwrap(),
        CodeStatus::Current {
            code: "560114".into()
        }
    );
    assert!(matches!(
        areas::codes::resolve(&db, "999999").await.unwrap(),
        CodeStatus::Unknown { .. }
    ));
    // a file naming the old code as a parent is read with a warning
    let file = "code,level,parent_code,name_th,name_en\n".to_string();
    let report = import_files(
        &db,
        &Actor::system("test"),
        &[("a.csv".into(), file.into_bytes())],
    )
    .await
    .unwrap();
    assert!(report.written());
    let villages = "code,tambon_code,moo,name_th,name_en\n10020599,100205,99,บ้านทดสอบ,Test\n";
    let report = import_files(
        &db,
        &Actor::system("test"),
        &[("v.csv".into(), villages.into())],
    )
    .await
    .unwrap();
    assert!(report.written(), "{:?}", report.errors);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.row == 2 && w.message.contains("102901")),
        "{:?}",
        report.warnings
    );
    let v = areas::get(&db, "10290199")
        .await
        .unwrap()
        .expect("stored under the successor");
    assert_eq!(v.parent_code.as_deref(), Some("102901"));
    db.close().await;
}

async fn import(db: &oneplan::db::Db, name: &str, bytes: &[u8]) -> oneplan::areas::import::Report {
    import_files(
        db,
        &Actor::system("test"),
        &[(name.to_string(), bytes.to_vec())],
    )
    .await
    .unwrap()
}

story!(
    bad_files_are_refused_whole_with_a_thai_message_per_row,
    Phayao
);
async fn bad_files_are_refused_whole_with_a_thai_message_per_row(backend: &str, db: Db) {
    let before = areas::counts(&db).await.unwrap();
    // one good row among bad ones: nothing at all is written
    let file = "code,level,parent_code,name_th,name_en\n\
                5699,district,56,อำเภอใหม่,New\n\
                5798,district,56,อำเภอผิดจังหวัด,Wrong\n\
                5699,district,56,ซ้ำ,Dup\n\
                569x,district,56,รหัสผิด,Bad\n\
                5697,district,56,,Empty\n\
                5696,region,56,ภาค,Region\n\
                5695,district,99,ไม่มีจังหวัด,None\n";
    let r = import(&db, "districts.csv", file.as_bytes()).await;
    assert!(!r.written(), "{backend}");
    let at = |row: u64, field: &str| {
        r.errors
            .iter()
            .find(|e| e.row == row && e.field == field)
            .map(|e| e.message.clone())
    };
    assert!(
        at(3, "parent_code").unwrap().contains("ไม่ได้ขึ้นต้นด้วย"),
        "{:?}",
        r.errors
    );
    assert!(at(4, "code").unwrap().contains("ซ้ำกับแถวที่ 2"));
    assert!(at(5, "code").unwrap().contains("ต้องเป็นตัวเลข 4 หลัก"));
    assert!(at(6, "name_th").unwrap().contains("ไม่ได้กรอกชื่อ"));
    assert!(at(7, "level").unwrap().contains("ไม่รู้จักระดับพื้นที่"));
    assert!(at(8, "parent_code").unwrap().contains("ไม่พบจังหวัดรหัส 99"));
    assert_eq!(
        r.errors[0].to_string().split(' ').next(),
        Some("districts.csv")
    );
    assert!(
        areas::get(&db, "5699").await.unwrap().is_none(),
        "the good row was not written either"
    );
    assert_eq!(
        areas::counts(&db).await.unwrap().districts,
        before.districts
    );

    // wrong columns
    let r = import(&db, "x.csv", "รหัส,ชื่อ\n56,พะเยา\n".as_bytes()).await;
    assert!(
        r.errors[0].message.contains("คอลัมน์ไม่ตรงกับแบบไฟล์ใด"),
        "{:?}",
        r.errors
    );
    // a village whose tambon does not exist, and one outside its tambon's code
    let r = import(&db, "v.csv", "code,tambon_code,moo,name_th,name_en\n56999901,569999,1,บ้านก,A\n56011499,560115,99,บ้านข,B\n".as_bytes()).await;
    assert!(
        r.errors
            .iter()
            .any(|e| e.row == 2 && e.message.contains("ไม่พบตำบลรหัส 569999")),
        "{:?}",
        r.errors
    );
    assert!(
        r.errors
            .iter()
            .any(|e| e.row == 3 && e.message.contains("ไม่ตรงกับรหัสตำบล"))
    );
    // a row with a missing field
    let r = import(
        &db,
        "v.csv",
        "code,tambon_code,moo,name_th,name_en\n56011499,560114\n".as_bytes(),
    )
    .await;
    assert!(
        r.errors
            .iter()
            .any(|e| e.row == 2 && e.message.contains("จำนวนคอลัมน์")),
        "{:?}",
        r.errors
    );
    // binary rubbish
    let r = import(&db, "x.xlsx", &[0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0x00]).await;
    assert!(
        r.errors[0].message.contains("UTF-8 หรือ TIS-620"),
        "{:?}",
        r.errors
    );
    db.close().await;
}

story!(
    tis620_files_and_thai_digits_are_read_and_updates_are_audited,
    Phayao
);
async fn tis620_files_and_thai_digits_are_read_and_updates_are_audited(backend: &str, db: Db) {
    // village 13 of แม่ใส, "บ้านใหม่", in TIS-620 with its codes in Thai digits (๐ = 0xF0)
    let mut bytes = b"code,tambon_code,moo,name_th,name_en\n".to_vec();
    let thai_digits: Vec<u8> = "56011413"
        .chars()
        .map(|c| 0xF0 + (c as u8 - b'0'))
        .collect();
    bytes.extend(&thai_digits);
    bytes.push(b',');
    bytes.extend("560114".chars().map(|c| 0xF0 + (c as u8 - b'0')));
    bytes.extend(b",13,");
    bytes.extend([0xBA, 0xE9, 0xD2, 0xB9, 0xE3, 0xCB, 0xC1, 0xE8]); // บ้านใหม่
    bytes.extend(b",Ban Mai\n");
    let r = import(&db, "villages-tis620.csv", &bytes).await;
    assert!(r.written(), "{backend}: {:?}", r.errors);
    assert!(r.warnings.iter().any(|w| w.message.contains("TIS-620")));
    assert_eq!(r.inserted, 1);
    let v = areas::get(&db, "56011413").await.unwrap().unwrap();
    assert_eq!(v.name_th, "บ้านใหม่");
    assert_eq!(v.label_th(), "หมู่ที่ 13 บ้านใหม่");

    // renaming it records before and after in the audit log, under the village's own code
    let r = import(
        &db,
        "v.csv",
        "code,tambon_code,moo,name_th,name_en\n56011413,560114,13,บ้านใหม่พัฒนา,Ban Mai Phatthana\n"
            .as_bytes(),
    )
    .await;
    assert_eq!((r.inserted, r.updated), (0, 1));
    let log = oneplan::audit::list(&db, "560114", None, None, 10, true)
        .await
        .unwrap();
    let e = log
        .iter()
        .find(|e| e.action == "update" && e.entity_key == "56011413")
        .expect("audited");
    assert!(e.before_json.as_deref().unwrap().contains("บ้านใหม่\""));
    assert!(e.after_json.as_deref().unwrap().contains("บ้านใหม่พัฒนา"));
    // the same file again changes nothing
    let r = import(
        &db,
        "v.csv",
        "code,tambon_code,moo,name_th,name_en\n56011413,560114,13,บ้านใหม่พัฒนา,Ban Mai Phatthana\n"
            .as_bytes(),
    )
    .await;
    assert_eq!((r.inserted, r.updated, r.unchanged), (0, 0, 1));
    db.close().await;
}
