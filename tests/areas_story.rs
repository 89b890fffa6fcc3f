//! The area tree as users meet it: national data loaded, drill-down, LAO coverage,
//! abolished codes, and imports that refuse bad files whole.

mod common;

use oneplan::areas::{self, CodeStatus, import::import_files};
use oneplan::audit::Actor;

#[tokio::test]
async fn national_data_loads_with_every_unit() {
    for (backend, db) in common::backends().await {
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
}

#[tokio::test]
async fn abolished_codes_map_to_their_successors() {
    for (backend, db) in common::backends().await {
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
}
