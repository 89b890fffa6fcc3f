//! The people the stories share, each made on first use in a database holding Phayao: the
//! national administrator and the officers of the Mae Sai chain — จังหวัดพะเยา 56, อำเภอเมือง
//! พะเยา 5601, ตำบลแม่ใส 560114, หมู่ที่ 1 บ้านร่องไฮ 56011401 and อบต.แม่ใส that covers the
//! tambon — with a viewer of Mae Sai and an officer of another district (Chun, 5602).

use oneplan::accounts::{self, Agency, NewUser, Role, Scope, ScopeLevel, User};
use oneplan::db::Db;

/// Everyone's password.
pub const PASSWORD: &str = "ดอกคูณเสียงแคน-2566";

/// `root`, the national administrator who makes the others.
pub async fn root(db: &Db) -> User {
    if let Some((u, _)) = accounts::by_username(db, "root").await.unwrap() {
        return u;
    }
    let root = NewUser {
        username: "root".into(),
        display_name: "ผู้ดูแลระบบส่วนกลาง".into(),
        position: String::new(),
        agency: Agency::MoiPs,
        role: Role::Admin,
        scope: Scope {
            level: ScopeLevel::National,
            code: String::new(),
        },
        password: PASSWORD.into(),
    };
    accounts::create(db, None, root).await.unwrap()
}

/// The agency an account of a level acts for unless a story says otherwise: the district CD
/// office (พช.อ.) for district and tambon officers, who lead the tambon-plan cycle.
pub fn agency_of(level: ScopeLevel) -> Agency {
    match level {
        ScopeLevel::National => Agency::MoiPs,
        ScopeLevel::Province => Agency::ProvinceOffice,
        ScopeLevel::District | ScopeLevel::Tambon => Agency::CddDistrict,
        ScopeLevel::Village => Agency::VillageCommittee,
        ScopeLevel::Lao => Agency::Lao,
    }
}

/// An account made by `root`, named “คุณ {username}”, acting for the agency of its level.
pub async fn account(db: &Db, username: &str, role: Role, level: ScopeLevel, code: &str) -> User {
    account_of(db, username, role, level, code, agency_of(level)).await
}

/// An account made by `root` that acts for `agency`.
pub async fn account_of(
    db: &Db,
    username: &str,
    role: Role,
    level: ScopeLevel,
    code: &str,
    agency: Agency,
) -> User {
    let new = NewUser {
        username: username.into(),
        display_name: format!("คุณ {username}"),
        position: "เจ้าหน้าที่".into(),
        agency,
        role,
        scope: Scope {
            level,
            code: code.into(),
        },
        password: PASSWORD.into(),
    };
    let user = accounts::create(db, Some(&root(db).await), new)
        .await
        .unwrap();
    // the officer has changed the password given with the account (else every write is refused)
    oneplan::db::query("UPDATE users SET must_change_password = 0 WHERE id = $1")
        .bind(user.id)
        .execute(db)
        .await
        .unwrap();
    accounts::get(db, user.id).await.unwrap().unwrap()
}

/// อบต.แม่ใส, the LAO covering tambon แม่ใส.
pub async fn mae_sai_lao(db: &Db) -> oneplan::areas::Lao {
    let c = oneplan::areas::covering(db, "560114")
        .await
        .unwrap()
        .remove(0);
    oneplan::areas::lao(db, c.lao_id).await.unwrap().unwrap()
}

/// `changwat`, officer of the province.
pub async fn province(db: &Db) -> User {
    account(db, "changwat", Role::Officer, ScopeLevel::Province, "56").await
}

/// `amphoe`, officer of Mueang Phayao district.
pub async fn district(db: &Db) -> User {
    account(db, "amphoe", Role::Officer, ScopeLevel::District, "5601").await
}

/// `cdo.maesai`, the community development officer of tambon แม่ใส.
pub async fn tambon(db: &Db) -> User {
    account(
        db,
        "cdo.maesai",
        Role::Officer,
        ScopeLevel::Tambon,
        "560114",
    )
    .await
}

/// `ronghai`, officer of village 1, บ้านร่องไฮ.
pub async fn village(db: &Db) -> User {
    account(
        db,
        "ronghai",
        Role::Officer,
        ScopeLevel::Village,
        "56011401",
    )
    .await
}

/// `lao.maesai`, planning staff of อบต.แม่ใส.
pub async fn lao(db: &Db) -> User {
    let key = mae_sai_lao(db).await.lao_key;
    account(db, "lao.maesai", Role::Officer, ScopeLevel::Lao, &key).await
}

/// `watcher`, who may read tambon แม่ใส and change nothing.
pub async fn viewer(db: &Db) -> User {
    account(db, "watcher", Role::Viewer, ScopeLevel::Tambon, "560114").await
}

/// `thongthin`, officer of the district DLA office (สถ.อ.) of Mueang Phayao.
pub async fn dla_district(db: &Db) -> User {
    account_of(
        db,
        "thongthin",
        Role::Officer,
        ScopeLevel::District,
        "5601",
        Agency::DlaDistrict,
    )
    .await
}

/// `amphoe`'s colleague of the district DOPA office (ที่ทำการปกครองอำเภอ).
pub async fn dopa_district(db: &Db) -> User {
    account_of(
        db,
        "palat.amphoe",
        Role::Officer,
        ScopeLevel::District,
        "5601",
        Agency::DopaDistrict,
    )
    .await
}

/// `amphoe.chun`, officer of another district (Chun, 5602): outside the Mae Sai chain.
pub async fn outsider(db: &Db) -> User {
    account(
        db,
        "amphoe.chun",
        Role::Officer,
        ScopeLevel::District,
        "5602",
    )
    .await
}

/// The district's model LAO for a year as the circular has it: designated by the district's
/// สถ.อ., agreed by its พช.อ. (accounts `thongthin.{district}` and `pcho.{district}`).
pub async fn model_lao(db: &Db, year: i64, district: &str, lao_id: i64) {
    let dla = account_of(
        db,
        &format!("thongthin.{district}"),
        Role::Officer,
        ScopeLevel::District,
        district,
        Agency::DlaDistrict,
    )
    .await;
    let cdd = account_of(
        db,
        &format!("pcho.{district}"),
        Role::Officer,
        ScopeLevel::District,
        district,
        Agency::CddDistrict,
    )
    .await;
    oneplan::kpi::model_laos::designate(db, &dla, year, district, lao_id, "1/11/2568", "")
        .await
        .unwrap();
    oneplan::kpi::model_laos::agree(db, &cdd, year, district)
        .await
        .unwrap();
}
