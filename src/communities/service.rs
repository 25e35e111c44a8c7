//! Writing communities and memberships. A proposal creates the community with its
//! proposer as its first host; the status moves by conditional updates (two
//! coordinators deciding at once decide once); "at least one host" is checked inside a
//! write transaction.
use base64::Engine as _;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter,
};

use super::form::CommunityInput;
use super::model::{MemberStatus, Role, Status};
use crate::entities::{community, community_member, community_theme, user};
use crate::error::{AppError, AppResult};

/// A fresh secret for a private calendar address.
pub fn calendar_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A slug for `name` that no community uses yet.
async fn free_slug<C: ConnectionTrait>(conn: &C, name: &str) -> Result<String, DbErr> {
    let base = crate::web::slug::slugify(name, 80);
    let base = if base.is_empty() {
        "communaute".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while community::Entity::find()
        .filter(community::Column::Slug.eq(&candidate))
        .count(conn)
        .await?
        > 0
    {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

fn fill(row: &mut community::ActiveModel, input: &CommunityInput) {
    let t = &input.territory;
    row.name = Set(input.name.clone());
    row.description = Set(input.description.clone());
    row.description_html = Set(crate::web::markdown::to_safe_html(&input.description));
    row.scope = Set(t.scope.as_str().into());
    row.commune_insee = Set(t.commune_insee.clone());
    row.department_code = Set(t.department_code.clone());
    row.region_code = Set(t.region_code.clone());
    row.latitude = Set(t.latitude);
    row.longitude = Set(t.longitude);
    row.visibility = Set(input.visibility.as_str().into());
    row.membership_rule = Set(input.rule.as_str().into());
    row.updated_at = Set(Utc::now());
}

async fn replace_themes<C: ConnectionTrait>(
    conn: &C,
    community_id: i64,
    themes: &[String],
) -> Result<(), DbErr> {
    community_theme::Entity::delete_many()
        .filter(community_theme::Column::CommunityId.eq(community_id))
        .exec(conn)
        .await?;
    if !themes.is_empty() {
        community_theme::Entity::insert_many(themes.iter().map(|code| {
            community_theme::ActiveModel {
                community_id: Set(community_id),
                term_code: Set(code.clone()),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Adds `user_id` to a community (no check: callers decide the rule).
pub async fn add_member<C: ConnectionTrait>(
    conn: &C,
    community_id: i64,
    user_id: i64,
    role: Role,
    status: MemberStatus,
    invited_by: Option<i64>,
) -> Result<community_member::Model, DbErr> {
    let now = Utc::now();
    community_member::ActiveModel {
        community_id: Set(community_id),
        user_id: Set(user_id),
        role: Set(role.as_str().into()),
        status: Set(status.as_str().into()),
        what_they_do: Set(String::new()),
        partner_id: Set(None),
        project_id: Set(None),
        calendar_token: Set(calendar_token()),
        invited_by: Set(invited_by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// Creates a community, `active` at once or `proposed` for the coordinators, with its
/// proposer as host.
pub async fn create(
    db: &DatabaseConnection,
    proposer: &user::Model,
    input: &CommunityInput,
    status: Status,
) -> AppResult<community::Model> {
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let mut row = community::ActiveModel {
        slug: Set(free_slug(&txn, &input.name).await?),
        status: Set(status.as_str().into()),
        proposed_by: Set(Some(proposer.id)),
        decided_by: Set(None),
        decision_reason: Set(None),
        decided_at: Set((status == Status::Active).then_some(now)),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, input);
    let saved = row.insert(&txn).await?;
    replace_themes(&txn, saved.id, &input.themes).await?;
    add_member(
        &txn,
        saved.id,
        proposer.id,
        Role::Host,
        MemberStatus::Active,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Replaces a community's description, scope and rules (its slug stays).
pub async fn update(
    db: &DatabaseConnection,
    community: &community::Model,
    input: &CommunityInput,
) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let mut row: community::ActiveModel = community.clone().into();
    fill(&mut row, input);
    row.update(&txn).await?;
    replace_themes(&txn, community.id, &input.themes).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a proposed community to `to`; false when someone decided first.
pub async fn decide(
    db: &DatabaseConnection,
    community_id: i64,
    to: Status,
    by: i64,
    reason: Option<String>,
    at: DateTime<Utc>,
) -> AppResult<bool> {
    let result = community::Entity::update_many()
        .col_expr(community::Column::Status, Expr::value(to.as_str()))
        .col_expr(community::Column::DecidedBy, Expr::value(by))
        .col_expr(community::Column::DecisionReason, Expr::value(reason))
        .col_expr(community::Column::DecidedAt, Expr::value(at))
        .col_expr(community::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(community::Column::Id.eq(community_id))
        .filter(community::Column::Status.eq(Status::Proposed.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Active hosts of a community other than `except`.
async fn other_hosts<C: ConnectionTrait>(
    conn: &C,
    community_id: i64,
    except: i64,
) -> Result<u64, DbErr> {
    community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(community_id))
        .filter(community_member::Column::Role.eq(Role::Host.as_str()))
        .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .filter(community_member::Column::Id.ne(except))
        .count(conn)
        .await
}

/// Deletes a membership (leaving, being removed, a declined request or invitation),
/// refused (false) when it is the community's last host.
pub async fn remove_member(
    db: &DatabaseConnection,
    member: &community_member::Model,
) -> AppResult<bool> {
    let txn = crate::db::begin_write(db).await?;
    if member.role == Role::Host.as_str()
        && member.status == MemberStatus::Active.as_str()
        && other_hosts(&txn, member.community_id, member.id).await? == 0
    {
        return Ok(false);
    }
    community_member::Entity::delete_by_id(member.id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// Makes an active member a host or a member again; false for the last host.
pub async fn set_role(
    db: &DatabaseConnection,
    member: &community_member::Model,
    role: Role,
) -> AppResult<bool> {
    let txn = crate::db::begin_write(db).await?;
    if role == Role::Member
        && member.role == Role::Host.as_str()
        && other_hosts(&txn, member.community_id, member.id).await? == 0
    {
        return Ok(false);
    }
    community_member::Entity::update_many()
        .col_expr(community_member::Column::Role, Expr::value(role.as_str()))
        .col_expr(community_member::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(community_member::Column::Id.eq(member.id))
        .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// Turns a request or an invitation into a membership.
pub async fn activate<C: ConnectionTrait>(conn: &C, member_id: i64) -> Result<bool, DbErr> {
    let result = community_member::Entity::update_many()
        .col_expr(
            community_member::Column::Status,
            Expr::value(MemberStatus::Active.as_str()),
        )
        .col_expr(community_member::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(community_member::Column::Id.eq(member_id))
        .filter(community_member::Column::Status.ne(MemberStatus::Active.as_str()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The member `id` of `community_id`, or 404.
pub async fn member_of<C: ConnectionTrait>(
    conn: &C,
    community_id: i64,
    id: i64,
) -> AppResult<community_member::Model> {
    community_member::Entity::find_by_id(id)
        .filter(community_member::Column::CommunityId.eq(community_id))
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("community-member"))
}

/// Active hosts' accounts of a community.
pub async fn hosts<C: ConnectionTrait>(
    conn: &C,
    community_id: i64,
) -> Result<Vec<user::Model>, DbErr> {
    let ids: Vec<i64> = community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(community_id))
        .filter(community_member::Column::Role.eq(Role::Host.as_str()))
        .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::DeletedAt.is_null())
        .all(conn)
        .await
}
