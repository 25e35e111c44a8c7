//! Demo accounts: a coordinator and the admins of the first demo partners, all with the
//! password below (given in the README). They exist only while the hub runs in demo mode.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::accounts::password;
use crate::entities::{membership, partner, user};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "carrefour-demo";
/// The demo coordinator's address.
pub const DEMO_COORDINATOR: &str = "coordination@demo.carrefour.localhost";
/// How many demo partners get a demo admin.
const DEMO_ADMINS: usize = 3;

/// The address of the demo admin of the partner `slug`.
pub fn admin_email(slug: &str) -> String {
    format!("admin.{slug}@demo.carrefour.localhost")
}

/// Creates the demo accounts unless they exist. Returns how many were created.
pub async fn ensure(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let existing = user::Entity::find()
        .filter(user::Column::IsDemo.eq(true))
        .count(db)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    let hash = password::hash(DEMO_PASSWORD.into()).await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let new_user = |email: String, name: String, coordinator: bool| user::ActiveModel {
        email_normalized: Set(email.to_lowercase()),
        email: Set(email),
        display_name: Set(name),
        password_hash: Set(Some(hash.clone())),
        verified_at: Set(Some(now)),
        preferred_lang: Set("fr".into()),
        disabled: Set(false),
        is_coordinator: Set(coordinator),
        is_demo: Set(true),
        deleted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    new_user(
        DEMO_COORDINATOR.into(),
        "Camille (coordination)".into(),
        true,
    )
    .insert(&txn)
    .await?;
    let mut created = 1;
    for p in partners.iter().take(DEMO_ADMINS) {
        let admin = new_user(admin_email(&p.slug), format!("Admin {}", p.name), false)
            .insert(&txn)
            .await?;
        membership::ActiveModel {
            user_id: Set(admin.id),
            partner_id: Set(p.id),
            role: Set("admin".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        created += 1;
    }
    txn.commit().await?;
    Ok(created)
}

/// Deletes every demo account and what hangs off it (the hub left demo mode).
pub async fn remove(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let ids: Vec<i64> = user::Entity::find()
        .filter(user::Column::IsDemo.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    if ids.is_empty() {
        return Ok(0);
    }
    let txn = crate::db::begin_write(db).await?;
    crate::messaging::account::delete_started_by(&txn, &ids).await?;
    for id in &ids {
        crate::accounts::users::detach(&txn, *id).await?;
    }
    user::Entity::delete_many()
        .filter(user::Column::Id.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(ids.len())
}
