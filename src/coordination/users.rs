//! Accounts, searchable; coordinators disable or re-enable them and grant or withdraw the
//! coordinator role.
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use sea_orm::sea_query::ExprTrait;

use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::client::ClientIp;
use crate::accounts::session::Coordinator;
use crate::accounts::session_store;
use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::pagination::{Pagination, parse_page};
use crate::web::{CsrfForm, Page, flash};

const PER_PAGE: u64 = 50;

#[derive(Serialize)]
struct UserRow {
    id: i64,
    display_name: String,
    email: String,
    verified: bool,
    disabled: bool,
    is_coordinator: bool,
    created_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct UsersView {
    q: String,
    users: Vec<UserRow>,
    total: u64,
    pagination: Pagination,
}

/// A LIKE pattern for `text` anywhere; `%` and `_` typed in the search are literal.
fn contains(text: &str) -> sea_orm::sea_query::LikeExpr {
    sea_orm::sea_query::LikeExpr::new(format!("%{}%", escape_like(text))).escape('\\')
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[derive(Deserialize)]
pub struct UsersQuery {
    q: Option<String>,
    page: Option<String>,
}

/// `GET /coordination/utilisateurs[?q=…&page=N]`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
    Query(query): Query<UsersQuery>,
) -> AppResult<Response> {
    let number = parse_page(query.page.as_deref())?;
    let q = query.q.unwrap_or_default().trim().to_owned();
    let mut select = user::Entity::find().filter(user::Column::DeletedAt.is_null());
    if !q.is_empty() {
        let needle = q.to_lowercase();
        select = select.filter(
            Condition::any()
                .add(
                    sea_orm::sea_query::Expr::col(user::Column::EmailNormalized)
                        .like(contains(&needle)),
                )
                .add(
                    sea_orm::sea_query::Expr::expr(sea_orm::sea_query::Func::lower(
                        sea_orm::sea_query::Expr::col(user::Column::DisplayName),
                    ))
                    .like(contains(&needle)),
                ),
        );
    }
    let paginator = select
        .order_by_asc(user::Column::EmailNormalized)
        .paginate(&state.db, PER_PAGE);
    let total = paginator.num_items().await?;
    let users = paginator
        .fetch_page(number - 1)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            display_name: u.display_name,
            email: u.email,
            verified: u.verified_at.is_some(),
            disabled: u.disabled,
            is_coordinator: u.is_coordinator,
            created_at: u.created_at,
        })
        .collect();
    let pagination = Pagination::new(
        number,
        PER_PAGE,
        total,
        "/coordination/utilisateurs",
        &[("q", Some(q.as_str()).filter(|q| !q.is_empty()))],
    );
    page.render(
        "coordination/users.html",
        &UsersView {
            q,
            users,
            total,
            pagination,
        },
    )
}

#[derive(Deserialize)]
pub struct AccessForm {
    /// `disable`, `enable`, `make_coordinator` or `revoke_coordinator`.
    #[serde(default)]
    change: String,
}

/// `POST /coordination/utilisateurs/{id}/acces`
pub async fn change_access(
    State(state): State<AppState>,
    session: Session,
    ClientIp(ip): ClientIp,
    Coordinator(coordinator): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<AccessForm>,
) -> AppResult<Response> {
    let found = user::Entity::find_by_id(id)
        .filter(user::Column::DeletedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("page"))?;
    if found.id == coordinator.id {
        // Nobody locks themselves out; another coordinator must do it.
        flash(&session, "error", "access-not-yourself").await?;
        return Ok(Redirect::to("/coordination/utilisateurs").into_response());
    }
    let mut row: user::ActiveModel = found.into();
    let action = match form.change.as_str() {
        "disable" => {
            row.disabled = Set(true);
            "user_disabled"
        }
        "enable" => {
            row.disabled = Set(false);
            "user_enabled"
        }
        "make_coordinator" => {
            row.is_coordinator = Set(true);
            "coordinator_granted"
        }
        "revoke_coordinator" => {
            row.is_coordinator = Set(false);
            "coordinator_revoked"
        }
        _ => return Err(AppError::invalid("change", "choice-invalid")),
    };
    row.updated_at = Set(Utc::now());
    row.update(&state.db).await?;
    if action == "user_disabled" {
        session_store::end_sessions_of(&state.db, id, None).await?;
    }
    audit::record(
        &state.db,
        AuditEntry {
            actor: Some(coordinator.id),
            action,
            target_kind: "user",
            target_id: Some(id),
            details: serde_json::json!({}),
            ip: Some(&ip),
        },
    )
    .await?;
    flash(&session, "success", "access-changed").await?;
    Ok(Redirect::to("/coordination/utilisateurs").into_response())
}
