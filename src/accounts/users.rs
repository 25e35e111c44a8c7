//! Users: lookup by address, creation, verification, anonymisation.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::entities::{
    membership, notification_preference, oauth_identity, user, user_device, user_token,
};
use crate::error::{AppError, AppResult};
use crate::web::Lang;

/// The case-insensitive key of an address.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The user with that address (any case), deleted accounts excluded.
pub async fn find_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(normalize_email(email)))
        .filter(user::Column::DeletedAt.is_null())
        .one(conn)
        .await
}

/// What a new account starts with.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<String>,
    pub verified: bool,
    pub lang: Lang,
}

/// Creates an account; a taken address is a `Conflict`.
pub async fn create<C: ConnectionTrait>(conn: &C, new: NewUser<'_>) -> AppResult<user::Model> {
    let now = Utc::now();
    let row = user::ActiveModel {
        email: Set(new.email.trim().to_owned()),
        email_normalized: Set(normalize_email(new.email)),
        display_name: Set(new.display_name.trim().to_owned()),
        password_hash: Set(new.password_hash),
        verified_at: Set(new.verified.then_some(now)),
        preferred_lang: Set(new.lang.code().into()),
        disabled: Set(false),
        is_coordinator: Set(false),
        is_demo: Set(false),
        deleted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    match row.insert(conn).await {
        Ok(model) => Ok(model),
        Err(err) if is_unique_violation(&err) => Err(AppError::Conflict("email-taken".into())),
        Err(err) => Err(err.into()),
    }
}

/// True when the error is a unique-key violation (both backends).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Marks the address as verified.
pub async fn mark_verified<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<(), DbErr> {
    user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user_id),
        verified_at: Set(Some(Utc::now())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// An unverified account claimed by the proven owner of its address: verified, with no
/// password and no session left from whoever created it.
pub async fn take_over_unverified(
    db: &sea_orm::DatabaseConnection,
    user_id: i64,
) -> Result<(), DbErr> {
    user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user_id),
        password_hash: Set(None),
        verified_at: Set(Some(Utc::now())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    oauth_identity::Entity::delete_many()
        .filter(oauth_identity::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    super::session_store::end_sessions_of(db, user_id, None).await
}

/// Partners where `user_id` is the only admin (they must hand over before leaving).
pub async fn partners_only_admin_of<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<i64>, DbErr> {
    let admin_of: Vec<i64> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Role.eq("admin"))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.partner_id)
        .collect();
    let mut alone = Vec::new();
    for partner_id in admin_of {
        // A partner that left (or whose application was declined) needs no admin.
        let open = crate::entities::partner::Entity::find_by_id(partner_id)
            .one(conn)
            .await?
            .is_some_and(|p| p.status != "left");
        if !open {
            continue;
        }
        let admins = membership::Entity::find()
            .filter(membership::Column::PartnerId.eq(partner_id))
            .filter(membership::Column::Role.eq("admin"))
            .all(conn)
            .await?;
        if admins.len() == 1 {
            alone.push(partner_id);
        }
    }
    Ok(alone)
}

/// Removes a person's data (GDPR): the row stays, anonymised, so that content owned by
/// partners keeps a valid author; memberships, identities, tokens, devices and sessions go.
pub async fn anonymise(db: &sea_orm::DatabaseConnection, user_id: i64) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let placeholder = format!("supprime-{user_id}@deleted.invalid");
    user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user_id),
        email: Set(placeholder.clone()),
        email_normalized: Set(placeholder),
        display_name: Set("Compte supprimé".into()),
        password_hash: Set(None),
        verified_at: Set(None),
        disabled: Set(true),
        is_coordinator: Set(false),
        deleted_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    detach(&txn, user_id).await?;
    txn.commit().await
}

/// Deletes what hangs off a person: memberships, sign-in identities, mailed tokens,
/// known devices, sessions and their part in messaging (their messages stay, signed
/// "deleted account"), before anonymising or deleting the account.
pub async fn detach<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<(), DbErr> {
    crate::messaging::account::detach(conn, user_id).await?;
    crate::board::account::detach(conn, user_id).await?;
    membership::Entity::delete_many()
        .filter(membership::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    oauth_identity::Entity::delete_many()
        .filter(oauth_identity::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    user_token::Entity::delete_many()
        .filter(user_token::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    user_device::Entity::delete_many()
        .filter(user_device::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    notification_preference::Entity::delete_many()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    super::session_store::end_sessions_of(conn, user_id, None).await
}
