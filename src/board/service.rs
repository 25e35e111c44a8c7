//! Writing requests: creating and updating one with its projects and terms in one
//! transaction, and moving it through its lifecycle with conditional updates (two
//! people closing at once close it once). Every write sets `updated_at`, which is how
//! each node's board index finds what changed.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter,
};

use super::form::{OnBehalf, RequestInput};
use super::model::Status;
use crate::entities::{
    board_request, board_request_project, board_request_term, partner, project,
    project_attribution, user,
};
use crate::error::{AppError, AppResult};

/// The projects of `input` the poster may name: those they hold, and those the partner
/// they post for lists; `Err` with the first other one.
pub async fn check_projects<C: ConnectionTrait>(
    conn: &C,
    input: &RequestInput,
    held: &[i64],
) -> Result<Result<Vec<i64>, i64>, DbErr> {
    let mut ids = input.projects.clone();
    if let OnBehalf::Project(id) = input.on_behalf
        && !ids.contains(&id)
    {
        ids.insert(0, id);
    }
    let listed: Vec<i64> = match input.on_behalf {
        OnBehalf::Partner(partner_id) => project_attribution::Entity::find()
            .filter(project_attribution::Column::PartnerId.eq(partner_id))
            .filter(project_attribution::Column::ProjectId.is_in(ids.clone()))
            .filter(project_attribution::Column::GoneAt.is_null())
            .all(conn)
            .await?
            .into_iter()
            .map(|a| a.project_id)
            .collect(),
        OnBehalf::Project(_) => Vec::new(),
    };
    let existing: Vec<i64> = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.clone()))
        .filter(project::Column::MergedInto.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    for id in &ids {
        if !existing.contains(id) || !(held.contains(id) || listed.contains(id)) {
            return Ok(Err(*id));
        }
    }
    Ok(Ok(ids))
}

/// The name a request shows for its organisation.
pub async fn organisation_name<C: ConnectionTrait>(
    conn: &C,
    on_behalf: OnBehalf,
) -> Result<String, DbErr> {
    Ok(match on_behalf {
        OnBehalf::Partner(id) => partner::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|p| p.name)
            .unwrap_or_default(),
        OnBehalf::Project(id) => project::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|p| {
                p.holder_name
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or(p.title)
            })
            .unwrap_or_default(),
    })
}

fn fill(row: &mut board_request::ActiveModel, input: &RequestInput, organisation: String) {
    let (partner_id, project_id) = match input.on_behalf {
        OnBehalf::Partner(id) => (Some(id), None),
        OnBehalf::Project(id) => (None, Some(id)),
    };
    row.kind = Set(input.kind.as_str().into());
    row.title = Set(input.title.clone());
    row.description = Set(input.description.clone());
    row.description_html = Set(crate::web::markdown::to_safe_html(&input.description));
    row.partner_id = Set(partner_id);
    row.holder_project_id = Set(project_id);
    row.organisation = Set(organisation);
    row.territory = Set(input.place.reach.as_str().into());
    row.commune_insee = Set(input.place.commune_insee.clone());
    row.department_code = Set(input.place.department_code.clone());
    row.region_code = Set(input.place.region_code.clone());
    row.latitude = Set(input.place.latitude);
    row.longitude = Set(input.place.longitude);
    row.contract = Set(input.contract.map(|c| c.as_str().into()));
    row.pay_min = Set(input.pay.and_then(|p| p.min));
    row.pay_max = Set(input.pay.and_then(|p| p.max));
    row.pay_period = Set(input.pay.map(|p| p.period.as_str().into()));
    row.workload = Set(input.workload.clone());
    row.starts_on = Set(input.starts_on);
    row.ends_on = Set(input.ends_on);
    row.deadline = Set(input.deadline);
    row.answer_mode = Set(input.answer_mode.as_str().into());
    row.answer_url = Set(input.answer_url.clone());
    row.answer_email = Set(input.answer_email.clone());
    row.updated_at = Set(Utc::now());
}

async fn replace_links<C: ConnectionTrait>(
    conn: &C,
    request_id: i64,
    projects: &[i64],
    terms: &[String],
) -> Result<(), DbErr> {
    board_request_project::Entity::delete_many()
        .filter(board_request_project::Column::RequestId.eq(request_id))
        .exec(conn)
        .await?;
    board_request_term::Entity::delete_many()
        .filter(board_request_term::Column::RequestId.eq(request_id))
        .exec(conn)
        .await?;
    if !projects.is_empty() {
        board_request_project::Entity::insert_many(projects.iter().map(|&project_id| {
            board_request_project::ActiveModel {
                request_id: Set(request_id),
                project_id: Set(project_id),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    if !terms.is_empty() {
        board_request_term::Entity::insert_many(terms.iter().map(|code| {
            board_request_term::ActiveModel {
                request_id: Set(request_id),
                term_code: Set(code.clone()),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Creates a request (as a draft) with its projects and terms.
pub async fn create(
    db: &DatabaseConnection,
    poster: &user::Model,
    input: &RequestInput,
    projects: &[i64],
) -> AppResult<board_request::Model> {
    let txn = crate::db::begin_write(db).await?;
    let organisation = organisation_name(&txn, input.on_behalf).await?;
    let now = Utc::now();
    let mut row = board_request::ActiveModel {
        status: Set(Status::Draft.as_str().into()),
        posted_by: Set(Some(poster.id)),
        created_at: Set(now),
        published_at: Set(None),
        closed_at: Set(None),
        moderation_reason: Set(None),
        moderated_by: Set(None),
        ..Default::default()
    };
    fill(&mut row, input, organisation);
    let saved = row.insert(&txn).await?;
    replace_links(&txn, saved.id, projects, &input.terms).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Replaces a request's content (its status and history stay).
pub async fn update(
    db: &DatabaseConnection,
    request: &board_request::Model,
    input: &RequestInput,
    projects: &[i64],
) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let organisation = organisation_name(&txn, input.on_behalf).await?;
    let mut row: board_request::ActiveModel = request.clone().into();
    fill(&mut row, input, organisation);
    row.update(&txn).await?;
    replace_links(&txn, request.id, projects, &input.terms).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves `request_id` from one of `from` to `to`; false when it was not in `from` any
/// more (someone else moved it first).
pub async fn transition<C: ConnectionTrait>(
    conn: &C,
    request_id: i64,
    from: &[Status],
    to: Status,
    at: DateTime<Utc>,
) -> AppResult<bool> {
    let mut update = board_request::Entity::update_many()
        .col_expr(board_request::Column::Status, Expr::value(to.as_str()))
        .col_expr(board_request::Column::UpdatedAt, Expr::value(Utc::now()));
    update = match to {
        Status::Published => update
            .col_expr(
                board_request::Column::PublishedAt,
                Func::coalesce([
                    Expr::col(board_request::Column::PublishedAt),
                    Expr::value(at),
                ])
                .into(),
            )
            .col_expr(
                board_request::Column::ClosedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            ),
        Status::Filled | Status::Closed | Status::Expired | Status::Unpublished => {
            update.col_expr(board_request::Column::ClosedAt, Expr::value(at))
        }
        Status::Draft | Status::Review => update,
    };
    let result = update
        .filter(board_request::Column::Id.eq(request_id))
        .filter(board_request::Column::Status.is_in(from.iter().map(|s| s.as_str())))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The request `id`, or 404.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<board_request::Model> {
    board_request::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("board-request"))
}
