//! Who reads what in the audit log (issue 13, defect 13): account records — names, roles,
//! scopes, e-mail — are read only by those who administer accounts; a refused attempt on an
//! area is filed under the target's area too, so its own administrators see it.

use crate::common::cast;
use oneplan::accounts::{Role, ScopeLevel, audit_log};
use oneplan::db::Db;
use oneplan::plans::{self, PlanKind};

story!(
    the_audit_log_shows_accounts_to_administrators_and_attempts_to_the_target,
    Phayao
);
async fn the_audit_log_shows_accounts_to_administrators_and_attempts_to_the_target(
    backend: &str,
    db: Db,
) {
    // an administrator of the province makes an account: an entry about a user
    let admin = cast::account(&db, "admin.phayao", Role::Admin, ScopeLevel::Province, "56").await;
    let viewer = cast::account(
        &db,
        "viewer.phayao",
        Role::Viewer,
        ScopeLevel::Province,
        "56",
    )
    .await;
    cast::account(
        &db,
        "officer.chun",
        Role::Officer,
        ScopeLevel::District,
        "5602",
    )
    .await;
    let seen = |p: &audit_log::Page| p.entries.iter().filter(|e| e.entity == "user").count();
    let by_admin = audit_log::read(&db, &admin, Some("56"), None, 500)
        .await
        .unwrap();
    let by_viewer = audit_log::read(&db, &viewer, Some("56"), None, 500)
        .await
        .unwrap();
    assert!(
        seen(&by_admin) > 0,
        "{backend}: the administrator reads the accounts made"
    );
    assert_eq!(seen(&by_viewer), 0, "{backend}: a viewer does not");

    // an officer of อำเภอเชียงคำ tries to write into a plan of อำเภอเมืองพะเยา
    let mueang = cast::district(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let plan = plans::open(&db, &mueang, PlanKind::Tambon, &owner, 2569)
        .await
        .unwrap();
    let intruder = cast::account(
        &db,
        "officer.chiangkham",
        Role::Officer,
        ScopeLevel::District,
        "5603",
    )
    .await;
    let input = oneplan::projects::input::ProjectInput {
        title: "ถนนคอนกรีต".into(),
        dimension: "economy".into(),
        ..Default::default()
    };
    assert!(
        oneplan::adoption::add_to_plan(&db, &intruder, plan.id, plan.version, &input)
            .await
            .is_err()
    );
    let denied = |p: &audit_log::Page| {
        p.entries
            .iter()
            .filter(|e| e.action == "denied" && e.username == "officer.chiangkham")
            .count()
    };
    let at_target = audit_log::read(&db, &mueang, Some("5601"), None, 500)
        .await
        .unwrap();
    let at_actor = audit_log::read(&db, &intruder, Some("5603"), None, 500)
        .await
        .unwrap();
    assert_eq!(
        (denied(&at_target), denied(&at_actor)),
        (1, 1),
        "{backend}: filed under both areas"
    );
}
