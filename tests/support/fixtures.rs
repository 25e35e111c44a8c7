//! Rows the tests start from: people, partners, memberships and sources, written straight
//! to the database through the app's own services where it has them.
use carrefour::accounts::{password, users};
use carrefour::entities::{membership, partner, project_claim, source, user};
use carrefour::web::Lang;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};

/// A verified account (with `password` when given), coordinator or not.
pub async fn user(
    db: &DatabaseConnection,
    email: &str,
    password: Option<&str>,
    coordinator: bool,
) -> user::Model {
    let hash = match password {
        Some(p) => Some(password::hash(p.into()).await.unwrap()),
        None => None,
    };
    let created = users::create(
        db,
        users::NewUser {
            email,
            display_name: &format!("Personne {email}"),
            password_hash: hash,
            verified: true,
            lang: Lang::Fr,
        },
    )
    .await
    .unwrap();
    if !coordinator {
        return created;
    }
    let mut row: user::ActiveModel = created.into();
    row.is_coordinator = Set(true);
    row.update(db).await.unwrap()
}

/// A partner named "Partenaire {slug}" with `status`; admitted unless an applicant.
pub async fn partner(db: &DatabaseConnection, slug: &str, status: &str) -> partner::Model {
    let now = Utc::now();
    let admitted = (status != "applicant").then_some(now);
    partner::ActiveModel {
        slug: Set(slug.into()),
        name: Set(format!("Partenaire {slug}")),
        kind: Set("association".into()),
        scale: Set("local".into()),
        website: Set(None),
        description: Set(String::new()),
        status: Set(status.into()),
        region_code: Set(None),
        logo_file_id: Set(None),
        admitted_at: Set(admitted),
        status_changed_at: Set(admitted),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

/// Adds `user_id` to `partner_id` with `role`.
pub async fn member(db: &DatabaseConnection, partner_id: i64, user_id: i64, role: &str) {
    membership::ActiveModel {
        user_id: Set(user_id),
        partner_id: Set(partner_id),
        role: Set(role.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

/// Makes `user_id` a holder of `project_id` (an approved claim).
pub async fn holder(db: &DatabaseConnection, project_id: i64, user_id: i64) {
    project_claim::ActiveModel {
        project_id: Set(project_id),
        user_id: Set(user_id),
        status: Set("approved".into()),
        method: Set("request".into()),
        message: Set(String::new()),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

/// A web-site source of `partner_id` whose records tests write themselves
/// (`support::records::record`).
pub async fn site_source(db: &DatabaseConnection, partner_id: i64, name: &str) -> source::Model {
    const SITE: &str = r#"{"kind":"html","entry_urls":["https://example.org/"],"list":{"item_link":{"css":"a"}},"fields":{"title":{"css":"h1"}}}"#;
    source(db, partner_id, name, SITE).await
}

/// A source of `partner_id` with the `config` JSON (its `kind` is read from it); not due,
/// no politeness delay.
pub async fn source(
    db: &DatabaseConnection,
    partner_id: i64,
    name: &str,
    config: &str,
) -> source::Model {
    let now = Utc::now();
    let kind = serde_json::from_str::<serde_json::Value>(config).unwrap()["kind"]
        .as_str()
        .unwrap()
        .to_owned();
    source::ActiveModel {
        partner_id: Set(partner_id),
        name: Set(name.into()),
        kind: Set(kind),
        config: Set(config.into()),
        enabled: Set(true),
        interval_hours: Set(24),
        per_host_delay_ms: Set(0),
        per_host_connections: Set(8),
        max_pages: Set(5000),
        max_depth: Set(50),
        next_run_at: Set(None),
        running_run_id: Set(None),
        warning: Set(None),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}
