//! Committees (กลไก) as tambon, district and LAO officers meet them: recording appointment
//! orders with their members, seeing which committees lack a current order, refusals outside
//! one's area that are logged, and bad input refused whole with messages naming field and row.

use crate::common;
use axum::http::StatusCode;
use common::{Client, cast, csrf_of};
use oneplan::committees::{self, Kind, MemberInput, OrderInput, Place, Target};
use oneplan::db::Db;
use oneplan::error::AppError;
use time::Date;
use time::macros::date;

/// Mid fiscal year ๒๕๖๗ (1 Oct 2023 – 30 Sep 2024).
const TODAY: Date = date!(2024 - 03 - 15);

fn member(name: &str, position: &str, role: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        position: position.into(),
        role: role.into(),
    }
}

fn blank() -> MemberInput {
    MemberInput::default()
}

fn order(no: &str, date: &str, members: Vec<MemberInput>) -> OrderInput {
    OrderInput {
        order_no: no.into(),
        order_date: date.into(),
        fiscal_year: String::new(),
        members,
    }
}

/// A small, valid list of members.
fn members() -> Vec<MemberInput> {
    vec![
        member("นายบุญมา ใจงาม", "กำนันตำบลแม่ใส", "chair"),
        member("นางคำปุน ศรีวงค์", "ผู้ใหญ่บ้านหมู่ที่ 1", "member"),
        member("นายสมคิด อินตา", "พัฒนากร", "member_secretary"),
    ]
}

fn area(kind: Kind, code: &str) -> Target {
    Target {
        kind,
        area_code: code.into(),
        lao_id: None,
    }
}

async fn count(db: &Db, table: &str) -> i64 {
    oneplan::db::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {table}"
    )))
    .fetch_one(&db)
    .await
    .unwrap()
}

fn row<'a>(
    o: &'a committees::Overview,
    kind: Kind,
    owner_key: &str,
) -> &'a committees::overview::Row {
    o.rows
        .iter()
        .find(|r| r.kind == kind && r.owner.key() == owner_key)
        .unwrap_or_else(|| panic!("no {kind:?} for {owner_key}"))
}

story!(
    a_tambon_records_its_orders_and_sees_which_committees_lack_a_current_one,
    Phayao
);
async fn a_tambon_records_its_orders_and_sees_which_committees_lack_a_current_one(
    backend: &str,
    db: Db,
) {
    let officer = cast::tambon(&db).await;
    let tambon = Place::Area("560114".into());

    // before anything is recorded: 12 villages, ศอช.ต., ก.บ.ต. and อบต.แม่ใส's working group
    let o = committees::overview(&db, &tambon, TODAY).await.unwrap();
    assert_eq!(o.fiscal_year, 2567);
    assert_eq!((o.rows.len(), o.missing), (15, 15), "{backend}");
    assert!(o.rows.iter().all(|r| r.expected && r.latest.is_none()));
    assert!(o.rows.iter().all(|r| r.kind != Kind::CommunityCouncil));
    let lao = cast::mae_sai_lao(&db).await;
    assert_eq!(
        row(&o, Kind::LaoWorkingGroup, &format!("lao:{}", lao.id))
            .owner
            .label_th,
        "อบต.แม่ใส"
    );
    assert_eq!(
        row(&o, Kind::VillageCommittee, "56011401").owner.label_th,
        "หมู่ที่ 1 บ้านร่องไฮ ต.แม่ใส"
    );

    // the ก.บ.ต. order, typed in Thai digits with a Thai date and blank rows between members
    let done = committees::record_order(
        &db,
        &officer,
        &area(Kind::TambonBoard, "๕๖๐๑๑๔"),
        &order(
            " ๑๒/๒๕๖๗ ",
            "๑๕ ม.ค. ๒๕๖๗",
            vec![
                member("นายสมศักดิ์ รักษ์ถิ่น", "นายอำเภอเมืองพะเยา", "ที่ปรึกษา"),
                member("นายบุญมา ใจงาม", "กำนันตำบลแม่ใส", "ประธาน"),
                blank(),
                member("นางคำปุน ศรีวงค์", "ผู้ใหญ่บ้านหมู่ที่ 1", "กรรมการ"),
                member("นายสมคิด อินตา", "ปลัดอำเภอ", "กรรมการและเลขานุการ"),
                blank(),
                blank(),
            ],
        ),
        TODAY,
    )
    .await
    .unwrap();
    let d = committees::get(&db, done.committee_id, TODAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.committee.owner.label_th, "ตำบลแม่ใส");
    assert!(d.current, "{backend}");
    let o1 = &d.orders[0];
    assert_eq!(o1.id, done.order_id);
    assert_eq!(
        (
            o1.order_no.as_str(),
            o1.order_date.as_str(),
            o1.order_date_th.as_str(),
            o1.fiscal_year
        ),
        ("12/2567", "2024-01-15", "15 มกราคม 2567", 2567)
    );
    let roles: Vec<&str> = o1.members.iter().map(|m| m.role_th.as_str()).collect();
    assert_eq!(roles, ["ที่ปรึกษา", "ประธาน", "กรรมการ", "กรรมการและเลขานุการ"]);
    assert_eq!(o1.members[1].position, "กำนันตำบลแม่ใส");

    // ศอช.ต. has only last year's order (dated in FY ๒๕๖๖): recorded, but not current
    committees::record_order(
        &db,
        &officer,
        &area(Kind::TambonCoordinationCentre, "560114"),
        &order("5/2566", "20/09/2566", members()),
        TODAY,
    )
    .await
    .unwrap();
    // สอช. exists here: listed, never counted as missing
    committees::record_order(
        &db,
        &officer,
        &area(Kind::CommunityCouncil, "560114"),
        &order("1/2567", "2023-11-01", members()),
        TODAY,
    )
    .await
    .unwrap();
    let o = committees::overview(&db, &tambon, TODAY).await.unwrap();
    assert_eq!((o.rows.len(), o.missing), (16, 14), "{backend}");
    let board = row(&o, Kind::TambonBoard, "560114");
    assert!(board.current);
    let latest = board.latest.as_ref().unwrap();
    assert_eq!(
        (latest.order_no.as_str(), latest.order_date_th.as_str()),
        ("12/2567", "15 มกราคม 2567")
    );
    let centre = row(&o, Kind::TambonCoordinationCentre, "560114");
    assert!(!centre.current && centre.missing());
    assert_eq!(centre.latest.as_ref().unwrap().fiscal_year, 2566);
    let council = row(&o, Kind::CommunityCouncil, "560114");
    assert!(!council.expected && council.current && !council.missing());
    // back in September 2566 the ศอช.ต. order was the current one
    let then = committees::overview(&db, &tambon, date!(2023 - 09 - 25))
        .await
        .unwrap();
    assert!(row(&then, Kind::TambonCoordinationCentre, "560114").current);
    assert!(!row(&then, Kind::TambonBoard, "560114").current);

    // an order made in September for the coming year counts from 1 October only
    let mut next = order("30/2567", "20/09/2567", members());
    next.fiscal_year = "๒๕๖๘".into();
    committees::record_order(
        &db,
        &officer,
        &area(Kind::TambonBoard, "560114"),
        &next,
        date!(2024 - 09 - 25),
    )
    .await
    .unwrap();
    let sept = committees::overview(&db, &tambon, date!(2024 - 09 - 30))
        .await
        .unwrap();
    let board = row(&sept, Kind::TambonBoard, "560114");
    assert!(board.current);
    assert_eq!(board.latest.as_ref().unwrap().order_no, "30/2567");
    let oct = committees::overview(&db, &tambon, date!(2024 - 10 - 01))
        .await
        .unwrap();
    assert_eq!(oct.fiscal_year, 2568);
    assert!(row(&oct, Kind::TambonBoard, "560114").current);
    assert!(!row(&oct, Kind::CommunityCouncil, "560114").current);
    let history = committees::get(&db, done.committee_id, TODAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        history
            .orders
            .iter()
            .map(|o| o.order_no.as_str())
            .collect::<Vec<_>>(),
        ["30/2567", "12/2567"],
        "newest first"
    );

    // the district sees the tambon's work among all it must have
    let district = committees::overview(&db, &Place::Area("5601".into()), TODAY)
        .await
        .unwrap();
    let expected = district.rows.iter().filter(|r| r.expected).count();
    // 172 villages, 15 tambons × 2, 14 LAOs, and the ก.บ.อ.
    assert_eq!(expected, 172 + 15 * 2 + 14 + 1, "{backend}");
    assert_eq!(district.missing, expected - 1);
    assert!(row(&district, Kind::DistrictBoard, "5601").missing());
    assert!(!row(&district, Kind::TambonBoard, "560114").missing());
    let counts: Vec<(Kind, usize, usize)> = district
        .by_kind
        .iter()
        .map(|k| (k.kind, k.expected, k.current))
        .collect();
    assert_eq!(
        counts,
        [
            (Kind::VillageCommittee, 172, 0),
            (Kind::TambonCoordinationCentre, 15, 0),
            (Kind::TambonBoard, 15, 1),
            (Kind::LaoWorkingGroup, 14, 0),
            (Kind::DistrictBoard, 1, 0),
        ]
    );
    // the province: ก.บ.จ. too, and no working group expected of the อบจ.
    let province = committees::overview(&db, &Place::Area("56".into()), TODAY)
        .await
        .unwrap();
    assert!(row(&province, Kind::ProvinceBoard, "56").missing());
    assert_eq!(
        province
            .by_kind
            .iter()
            .find(|k| k.kind == Kind::LaoWorkingGroup)
            .unwrap()
            .expected,
        69
    );
    // the LAO sees its own working group and the committees of the area it covers
    let own = committees::overview(&db, &Place::Lao(lao.id), TODAY)
        .await
        .unwrap();
    assert_eq!((own.rows.len(), own.missing), (16, 14));
    assert!(row(&own, Kind::TambonBoard, "560114").current);

    // each order is in the tambon's audit log, with who recorded it
    let log = oneplan::audit::list(&db, "560114", None, None, 50, true)
        .await
        .unwrap();
    let entry = log
        .iter()
        .find(|e| e.entity == "committee_order" && e.entity_key == done.order_id.to_string())
        .expect("audit entry of the order");
    assert_eq!(
        (
            entry.action.as_str(),
            entry.username.as_str(),
            entry.area_code.as_str()
        ),
        ("create", "cdo.maesai", "560114")
    );
    let after = entry.after_json.as_deref().unwrap();
    assert!(
        after.contains("12/2567") && after.contains("นายบุญมา ใจงาม"),
        "{after}"
    );
    assert_eq!(
        log.iter()
            .filter(|e| e.entity == "committee" && e.action == "create")
            .count(),
        3
    );
    db.close().await;
}

story!(
    writes_outside_ones_area_or_role_are_refused_and_logged,
    Phayao
);
async fn writes_outside_ones_area_or_role_are_refused_and_logged(backend: &str, db: Db) {
    let officer = cast::tambon(&db).await;
    let viewer = cast::viewer(&db).await;
    let lao = cast::mae_sai_lao(&db).await;
    let lao_officer = cast::lao(&db).await;
    let district = cast::district(&db).await;
    let lao_target = Target {
        kind: Kind::LaoWorkingGroup,
        area_code: String::new(),
        lao_id: Some(lao.id),
    };

    let refused = [
        (&officer, area(Kind::DistrictBoard, "5601"), "นอกพื้นที่รับผิดชอบ"),
        (
            &officer,
            area(Kind::VillageCommittee, "56010401"),
            "นอกพื้นที่รับผิดชอบ",
        ),
        (&officer, lao_target.clone(), "อบต.แม่ใส อยู่นอกพื้นที่รับผิดชอบ"),
        (
            &viewer,
            area(Kind::TambonBoard, "560114"),
            "ดูข้อมูลได้อย่างเดียว",
        ),
        (
            &lao_officer,
            area(Kind::VillageCommittee, "56010401"),
            "นอกพื้นที่รับผิดชอบ",
        ),
    ];
    for (who, target, words) in &refused {
        let e = committees::record_order(
            &db,
            who,
            target,
            &order("1/2567", "1/12/2566", members()),
            TODAY,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, AppError::Forbidden(_)) && {
                let m = e.message_th();
                m.contains(words)
            },
            "{backend}: {} {target:?}: {e:?}",
            who.username
        );
    }
    // nothing was written but the refusals, each under the refused user's own area
    assert_eq!(count(&db, "committees").await, 0);
    assert_eq!(count(&db, "committee_orders").await, 0);
    let log = oneplan::audit::list(&db, "560114", None, None, 50, true)
        .await
        .unwrap();
    let denied: Vec<_> = log
        .iter()
        .filter(|e| e.action == "denied" && e.entity == "committee")
        .collect();
    assert_eq!(denied.len(), 4, "{backend}: {log:?}");
    assert!(denied.iter().any(|e| {
        e.username == "cdo.maesai"
            && e.entity_key == "district_board:5601"
            && e.note.contains("record_order")
            && e.note
                .contains("ก.บ.อ. อำเภอเมืองพะเยา อยู่นอกพื้นที่รับผิดชอบของท่าน")
    }));
    assert!(denied.iter().any(|e| e.username == "watcher"));
    let lao_log = oneplan::audit::list(&db, "", Some(lao.id), None, 50, true)
        .await
        .unwrap();
    assert!(lao_log.iter().any(|e| e.action == "denied"
        && e.username == "lao.maesai"
        && e.entity_key == "village_committee:56010401"));

    // inside their areas the same people may write
    let wg = committees::record_order(
        &db,
        &lao_officer,
        &lao_target,
        &order("ที่ 15/2567", "2 พฤศจิกายน 2566", members()),
        TODAY,
    )
    .await
    .unwrap();
    committees::record_order(
        &db,
        &lao_officer,
        &area(Kind::VillageCommittee, "56011401"),
        &order("3/2567", "5/11/2566", members()),
        TODAY,
    )
    .await
    .unwrap();
    committees::record_order(
        &db,
        &district,
        &area(Kind::DistrictBoard, "5601"),
        &order("100/2567", "1/10/2566", members()),
        TODAY,
    )
    .await
    .unwrap();
    // the LAO's working group is filed under the LAO, at its office's tambon
    let d = committees::get(&db, wg.committee_id, TODAY)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.committee.owner.lao_id, Some(lao.id));
    assert_eq!(d.committee.owner.area_code, "560114");
    assert_eq!(d.orders[0].order_no, "ที่ 15/2567");
    let lao_log = oneplan::audit::list(&db, "", Some(lao.id), None, 50, true)
        .await
        .unwrap();
    assert!(
        lao_log
            .iter()
            .any(|e| e.entity == "committee_order" && e.entity_key == wg.order_id.to_string())
    );

    // a committee of the wrong level, or of an area that does not exist
    let e = committees::record_order(
        &db,
        &district,
        &area(Kind::TambonBoard, "5601"),
        &order("1", "1/12/2566", members()),
        TODAY,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, AppError::Invalid(_)) && {
            let m = e.message_th();
            m.contains("ต้องระบุรหัสตำบล 6 หลัก")
        },
        "{e:?}"
    );
    let e = committees::record_order(
        &db,
        &district,
        &area(Kind::TambonBoard, "560199"),
        &order("1", "1/12/2566", members()),
        TODAY,
    )
    .await
    .unwrap_err();
    assert!(matches!(e, AppError::NotFound(_)) && e.message_th().contains("ไม่พบตำบลรหัส 560199"));
    assert_eq!(count(&db, "committees").await, 3);
    db.close().await;
}

story!(
    bad_orders_are_refused_whole_with_the_field_and_row_named,
    Phayao
);
async fn bad_orders_are_refused_whole_with_the_field_and_row_named(backend: &str, db: Db) {
    let officer = cast::tambon(&db).await;
    let target = area(Kind::TambonBoard, "560114");
    let try_order = |o: OrderInput| {
        let (db, officer, target) = (db.clone(), officer.clone(), target.clone());
        async move {
            match committees::record_order(&db, &officer, &target, &o, TODAY).await {
                Err(e @ AppError::Invalid(_)) => e
                    .problems()
                    .iter()
                    .map(|p| p.message(oneplan::i18n::Lang::Th))
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => panic!("{backend}: expected a refusal, got {other:?}"),
            }
        }
    };

    let m = try_order(order("  ", "1/12/2566", members())).await;
    assert_eq!(m, "เลขที่คำสั่ง: ไม่ได้กรอก");
    let m = try_order(order("1/2567", "31/02/2567", members())).await;
    assert!(
        m.starts_with("วันที่ของคำสั่ง: “31/02/2567” ไม่ใช่วันที่ที่อ่านได้"),
        "{m}"
    );
    let m = try_order(order("1/2567", "16 มี.ค. 2567", members())).await;
    assert_eq!(
        m,
        "วันที่ของคำสั่ง: 16 มีนาคม 2567 ยังมาไม่ถึง (วันนี้คือ 15 มีนาคม 2567)"
    );
    let m = try_order(order(
        "1/2567",
        "1/12/2566",
        vec![
            member("นายหนึ่ง", "", "member"),
            member("นายสอง", "", "secretary"),
        ],
    ))
    .await;
    assert_eq!(m, "รายชื่อกรรมการ: ไม่มีประธาน (ต้องมีประธาน 1 คน)");
    let m = try_order(order(
        "1/2567",
        "1/12/2566",
        vec![
            member("นายหนึ่ง", "", "member"),
            member("นายสอง", "", "chair"),
            blank(),
            member("นายสี่", "", "member"),
            member("นายห้า", "", "ประธาน"),
        ],
    ))
    .await;
    assert_eq!(m, "รายชื่อกรรมการ: มีประธานมากกว่า 1 คน (แถวที่ 2, 5)");
    let m = try_order(order(
        "1/2567",
        "1/12/2566",
        vec![
            member("นายหนึ่ง", "", "chair"),
            blank(),
            member("  ", "ผู้ใหญ่บ้าน", "member"),
        ],
    ))
    .await;
    assert_eq!(m, "กรรมการแถวที่ 3: ไม่ได้กรอกชื่อ-นามสกุล");
    // several problems at once: all named, one per line
    let m = try_order(order(
        "",
        "",
        vec![
            blank(),
            member("", "กำนัน", ""),
            member("นายสาม", "", "หัวหน้า"),
        ],
    ))
    .await;
    assert_eq!(
        m.lines().collect::<Vec<_>>(),
        [
            "เลขที่คำสั่ง: ไม่ได้กรอก",
            "วันที่ของคำสั่ง: ไม่ได้กรอก",
            "กรรมการแถวที่ 2: ไม่ได้กรอกชื่อ-นามสกุล",
            "กรรมการแถวที่ 2: ไม่ได้เลือกบทบาทในคณะกรรมการ",
            "กรรมการแถวที่ 3: ไม่รู้จักบทบาท “หัวหน้า”",
            "รายชื่อกรรมการ: ไม่มีประธาน (ต้องมีประธาน 1 คน)",
        ]
    );
    // nothing at all was written, not even the committee
    for table in ["committees", "committee_orders", "committee_members"] {
        assert_eq!(count(&db, table).await, 0, "{backend}: {table}");
    }
    let log = oneplan::audit::list(&db, "560114", None, None, 50, true)
        .await
        .unwrap();
    assert!(log.iter().all(|e| !e.entity.starts_with("committee")));

    // the same order number twice is refused, and the first one kept alone
    committees::record_order(
        &db,
        &officer,
        &target,
        &order("๗/๒๕๖๗", "1/12/2566", members()),
        TODAY,
    )
    .await
    .unwrap();
    let m = try_order(order("7/2567", "2/12/2566", members())).await;
    assert_eq!(
        m,
        "เลขที่คำสั่ง: คำสั่งเลขที่ 7/2567 ลงวันที่ 1 ธันวาคม 2566 ของก.บ.ต. ตำบลแม่ใส บันทึกไว้แล้ว"
    );
    assert_eq!(count(&db, "committee_orders").await, 1);
    assert_eq!(count(&db, "committee_members").await, 3);
    db.close().await;
}

// ---- over HTTP: the pages and the API ----

fn missing_count(html: &str) -> String {
    html.split("id=\"missing-count\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string()
}

story!(officers_use_the_pages_and_the_api, Phayao);
async fn officers_use_the_pages_and_the_api(backend: &str, db: Db) {
    cast::tambon(&db).await;
    cast::viewer(&db).await;
    let lao = cast::mae_sai_lao(&db).await;
    let today = committees::today();
    let today_iso = today.to_string();
    let mut c = Client::new(&db);

    // the area and LAO pages lead to the committees page, readable by anyone
    assert!(
        c.get("/areas/560114")
            .await
            .body
            .contains("href=\"/areas/560114/committees\"")
    );
    assert!(
        c.get("/areas/5601")
            .await
            .body
            .contains("href=\"/areas/5601/committees\"")
    );
    let lao_page = c.get(&format!("/laos/{}", lao.id)).await;
    assert!(
        lao_page
            .body
            .contains(&format!("href=\"/laos/{}/committees\"", lao.id))
    );
    let page = c.get("/areas/560114/committees").await;
    assert_eq!(page.status, StatusCode::OK, "{backend}");
    assert!(page.body.contains("ไม่มีคำสั่งแต่งตั้งที่เป็นปัจจุบัน") && page.body.contains("ก.บ.ต."));
    assert_eq!(missing_count(&page.body), "15");
    assert!(
        !page.body.contains("/committees/orders/new"),
        "no record links for visitors"
    );
    let province = c.get("/areas/56/committees").await;
    assert_eq!(province.status, StatusCode::OK);
    assert!(province.body.contains("ก.บ.จ.") && province.body.contains("ทม.พะเยา"));
    assert_eq!(
        c.get(&format!("/laos/{}/committees", lao.id)).await.status,
        StatusCode::OK
    );

    // the form needs an account
    let form_uri = "/committees/orders/new?kind=tambon_board&area_code=560114";
    assert_eq!(c.get(form_uri).await.status, StatusCode::SEE_OTHER);
    c.api_sign_in("cdo.maesai", cast::PASSWORD).await;
    let page = c.get("/areas/560114/committees").await;
    assert!(
        page.body
            .contains("/committees/orders/new?kind=tambon_board")
    );
    let form = c.get(form_uri).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("name=\"name_10\"") && !form.body.contains("name=\"name_11\""));
    let csrf = csrf_of(&form.body);
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("kind", "tambon_board"),
        ("area_code", "560114"),
        ("lao_id", ""),
        ("order_no", "๑๒/๒๕๖๘"),
        ("order_date", today_iso.as_str()),
        ("fiscal_year", ""),
        ("name_1", "นายบุญมา ใจงาม"),
        ("position_1", "กำนันตำบลแม่ใส"),
        ("role_1", "chair"),
        ("name_2", "นางคำปุน ศรีวงค์"),
        ("position_2", ""),
        ("role_2", "chair"),
        ("name_3", ""),
        ("position_3", ""),
        ("role_3", ""),
    ];
    // two chairs: the form comes back with the rows named and what was typed kept
    let bad = c.form("/committees/orders", &fields).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{backend}");
    assert!(
        bad.body.contains("มีประธานมากกว่า 1 คน (แถวที่ 1, 2)"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"นางคำปุน ศรีวงค์\""));
    // more rows, nothing saved
    fields.push(("more", "1"));
    let more = c.form("/committees/orders", &fields).await;
    assert!(more.body.contains("name=\"name_13\""));
    fields.pop();
    fields[12] = ("role_2", "member_secretary");
    // a forged form is refused
    let mut forged = fields.clone();
    forged[0] = ("csrf", "forged");
    assert_eq!(
        c.form("/committees/orders", &forged).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(count(&db, "committee_orders").await, 0);
    let saved = c.form("/committees/orders", &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location.ends_with("?saved=1"));
    let shown = c.get(&saved.location).await;
    assert!(shown.body.contains("บันทึกคำสั่งแต่งตั้งแล้ว") && shown.body.contains("12/2568"));
    assert!(shown.body.contains("นางคำปุน ศรีวงค์") && shown.body.contains("กรรมการและเลขานุการ"));
    assert!(shown.body.contains("id=\"status\">เป็นปัจจุบัน"));
    assert_eq!(
        missing_count(&c.get("/areas/560114/committees").await.body),
        "14"
    );
    // next time the form starts from these members
    let again = c.get(form_uri).await;
    assert!(
        again.body.contains("value=\"นายบุญมา ใจงาม\"")
            && again.body.contains("รายชื่อตั้งต้นมาจากคำสั่งล่าสุด")
    );
    // a district committee is outside the tambon: refused
    let outside = c
        .get("/committees/orders/new?kind=district_board&area_code=5601")
        .await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert!(outside.body.contains("นอกพื้นที่รับผิดชอบ"));

    // the API
    let mut api = Client::new(&db);
    let v: serde_json::Value =
        serde_json::from_str(&api.get("/api/areas/560114/committees").await.body).unwrap();
    assert_eq!(v["missing"], 14);
    let board = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "tambon_board")
        .unwrap();
    assert_eq!(board["current"], true);
    assert_eq!(board["latest"]["order_no"], "12/2568");
    let id = board["committee_id"].as_i64().unwrap();
    let d: serde_json::Value =
        serde_json::from_str(&api.get(&format!("/api/committees/{id}")).await.body).unwrap();
    assert_eq!(d["committee"]["kind_short_th"], "ก.บ.ต.");
    assert_eq!(d["orders"][0]["members"][1]["role"], "member_secretary");
    assert_eq!(
        api.get("/api/committees/999999").await.status,
        StatusCode::NOT_FOUND
    );

    let token = api.api_sign_in("cdo.maesai", cast::PASSWORD).await;
    let body = serde_json::json!({
        "kind": "village_committee", "area_code": "56011401",
        "order_no": "2/2568", "order_date": today_iso, "fiscal_year": null,
        "members": [{"name": "นายแก้ว ดวงดี", "position": "ผู้ใหญ่บ้าน", "role": "กรรมการ"}]
    });
    assert_eq!(
        api.json("POST", "/api/committees/orders", body.clone(), "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = api
        .json("POST", "/api/committees/orders", body.clone(), &token)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let e: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    assert_eq!(e["error"]["code"], "no_chair");
    assert_eq!(e["error"]["field"], "members");
    assert_eq!(
        e["error"]["message"],
        "รายชื่อกรรมการ: ไม่มีประธาน (ต้องมีประธาน 1 คน)"
    );
    let mut good = body.clone();
    good["members"][0]["role"] = "ประธาน".into();
    let made = api
        .json("POST", "/api/committees/orders", good, &token)
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let d: serde_json::Value = serde_json::from_str(&made.body).unwrap();
    assert_eq!(d["current"], true);
    assert_eq!(d["committee"]["owner"]["area_code"], "56011401");
    let far = serde_json::json!({"kind": "province_board", "area_code": "56", "order_no": "1",
        "order_date": today_iso, "members": [{"name": "ผู้ว่าราชการจังหวัด", "role": "chair"}]});
    let refused = api
        .json("POST", "/api/committees/orders", far, &token)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains("\"kind\":\"forbidden\""),
        "{}",
        refused.body
    );
    let typo = api
        .json(
            "POST",
            "/api/committees/orders",
            serde_json::json!({"kind": "nonsense"}),
            &token,
        )
        .await;
    assert_eq!(typo.status, StatusCode::BAD_REQUEST);
    assert!(typo.body.contains("\"kind\":\"invalid\""), "{}", typo.body);

    // a viewer may look but not record
    let mut viewer = Client::new(&db);
    let token = viewer.api_sign_in("watcher", cast::PASSWORD).await;
    let mut v_body = body.clone();
    v_body["order_no"] = "3/2568".into();
    v_body["members"][0]["role"] = "chair".into();
    let r = viewer
        .json("POST", "/api/committees/orders", v_body, &token)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let spec: serde_json::Value =
        serde_json::from_str(&api.get("/api/openapi.json").await.body).unwrap();
    for path in [
        "/api/areas/{code}/committees",
        "/api/laos/{id}/committees",
        "/api/committees/{id}",
    ] {
        assert!(spec["paths"][path]["get"].is_object(), "{path}");
    }
    assert!(spec["paths"]["/api/committees/orders"]["post"].is_object());
    db.close().await;
}

story!(
    meetings_are_recorded_and_the_working_group_is_held_to_seed_002,
    Phayao
);
async fn meetings_are_recorded_and_the_working_group_is_held_to_seed_002(backend: &str, db: Db) {
    let tambon = cast::tambon(&db).await;
    cast::viewer(&db).await;
    let lao = cast::mae_sai_lao(&db).await;
    let lao_user = cast::lao(&db).await;
    let today = committees::today();
    let board = committees::record_order(
        &db,
        &tambon,
        &area(Kind::TambonBoard, "560114"),
        &order("๑/๒๕๖๙", &today.to_string(), members()),
        today,
    )
    .await
    .unwrap()
    .committee_id;

    // the committee page offers the meeting form to the officer, not to a visitor
    let mut c = Client::new(&db);
    let uri = format!("/committees/{board}");
    assert!(!c.get(&uri).await.body.contains("id=\"meeting-form\""));
    c.api_sign_in("cdo.maesai", cast::PASSWORD).await;
    let page = c.get(&uri).await;
    assert!(
        page.body.contains("id=\"meeting-form\"") && page.body.contains("name=\"for_plan_year\"")
    );
    let csrf = csrf_of(&page.body);
    let post = format!("/committees/{board}/meetings");
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("held_on", "1/1/2542"),
        ("place", "ห้องประชุม อบต.แม่ใส"),
        ("attendance", "๑๕"),
        ("agenda", "จัดทำแผนพัฒนาตำบล ปี ๒๕๖๙"),
        ("minutes", ""),
        ("resolutions", "เห็นชอบ"),
        ("for_plan_year", "2569"),
    ];
    // a date outside the plan's time: the form again, as typed, with the window named
    let bad = c.form(&post, &fields).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{backend}");
    assert!(
        bad.body
            .contains("วันที่ประชุม: 1 มกราคม 2542 อยู่นอกช่วงเวลาของแผน"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("จัดทำแผนพัฒนาตำบล ปี ๒๕๖๙"));
    assert_eq!(count(&db, "committee_meetings").await, 0);
    fields[1] = ("held_on", "5/2/2569");
    let saved = c.form(&post, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = c.get(&saved.location).await;
    assert!(shown.body.contains("บันทึกการประชุมแล้ว") && shown.body.contains("5 กุมภาพันธ์ 2569"));
    // the API reads the same meeting; a village committee cannot claim the tambon plan
    let token = c.api_sign_in("cdo.maesai", cast::PASSWORD).await;
    let d = c.get(&format!("/api/committees/{board}")).await.json();
    assert_eq!(d["meetings"][0]["for_plan_year"], 2569);
    assert_eq!(d["meetings"][0]["attendance"], 15);
    let village = committees::record_order(
        &db,
        &tambon,
        &area(Kind::VillageCommittee, "56011401"),
        &order("๒/๒๕๖๙", &today.to_string(), members()),
        today,
    )
    .await
    .unwrap()
    .committee_id;
    let body = serde_json::json!({"held_on": "2026-02-05", "attendance": "12", "agenda": "ทบทวนแผนหมู่บ้าน",
        "for_plan_year": "2569"});
    let r = c
        .json(
            "POST",
            &format!("/api/committees/{village}/meetings"),
            body,
            &token,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], "plan_year_only_tambon_board");

    // the working group's order is held against the members seed 002 prescribes
    let wg = committees::record_order(
        &db,
        &lao_user,
        &Target {
            kind: Kind::LaoWorkingGroup,
            area_code: String::new(),
            lao_id: Some(lao.id),
        },
        &order(
            "๕/๒๕๖๙",
            &today.to_string(),
            vec![
                member("นายก อบต.แม่ใส", "นายกองค์การบริหารส่วนตำบลแม่ใส", "chair"),
                member("นายบุญมา ใจงาม", "กำนันตำบลแม่ใส", "advisor"),
                member("นางคำปุน ศรีวงค์", "ผู้ใหญ่บ้านหมู่ที่ 1", "member"),
                member("นายสมศักดิ์ แก้วดี", "ปลัดองค์การบริหารส่วนตำบลแม่ใส", "secretary"),
            ],
        ),
        today,
    )
    .await
    .unwrap()
    .committee_id;
    let d = committees::get(&db, wg, today).await.unwrap().unwrap();
    let missing: Vec<&str> = d.missing_seats.iter().map(|s| s.th).collect();
    assert_eq!(
        missing,
        vec![
            "พัฒนาการอำเภอหรือผู้แทน",
            "ท้องถิ่นอำเภอหรือผู้แทน",
            "ประธาน ศอช.ต.",
            "ประธานสภาองค์กรชุมชน (สอช.)",
            "ผู้นำภาคประชาชน",
            "ภาคีการพัฒนาที่เกี่ยวข้อง",
        ],
        "{backend}"
    );
    let page = c.get(&format!("/committees/{wg}")).await;
    assert!(page.body.contains("id=\"missing-seats\"") && page.body.contains("ท้องถิ่นอำเภอหรือผู้แทน"));
    assert!(
        !c.get(&uri).await.body.contains("id=\"missing-seats\""),
        "only the working group"
    );
}
