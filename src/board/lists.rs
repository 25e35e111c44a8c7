//! Open requests where other pages list them: a project's page (the requests that serve
//! it) and a territory's page (the requests placed there, a few with a link to the
//! board's search for all of them).
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

use super::model::Status;
use super::views::{RequestCard, cards};
use crate::entities::{board_request, board_request_project};
use crate::taxonomy::Terms;
use crate::web::Lang;

/// Requests a territory page shows before linking to the search.
const TERRITORY_CARDS: u64 = 6;

/// Open requests of a page, with the search of all of them when there are more.
#[derive(Debug, Clone, Serialize, Default)]
pub struct OpenRequests {
    pub total: u64,
    pub cards: Vec<RequestCard>,
    pub all_url: Option<String>,
}

/// The open requests that serve `project_id`, closing soonest first.
pub async fn for_project(
    db: &DatabaseConnection,
    lang: Lang,
    project_id: i64,
) -> Result<OpenRequests, DbErr> {
    let ids: Vec<i64> = board_request_project::Entity::find()
        .filter(board_request_project::Column::ProjectId.eq(project_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.request_id)
        .collect();
    let rows = board_request::Entity::find()
        .filter(board_request::Column::Id.is_in(ids))
        .filter(board_request::Column::Status.eq(Status::Published.as_str()))
        .order_by_asc(board_request::Column::Deadline)
        .all(db)
        .await?;
    let terms = Terms::load(db).await?;
    Ok(OpenRequests {
        total: rows.len() as u64,
        cards: cards(db, &rows, &terms, lang).await?,
        all_url: None,
    })
}

/// A territory a page is about.
#[derive(Debug, Clone, Copy)]
pub enum Territory<'a> {
    Region(&'a str),
    Department(&'a str),
    Commune(&'a str),
}

/// The open requests placed in `territory`, newest first: all of a commune's, a few of a
/// region's or department's with the search of all of them.
pub async fn in_territory(
    db: &DatabaseConnection,
    lang: Lang,
    territory: Territory<'_>,
) -> Result<OpenRequests, DbErr> {
    let (column, code, param) = match territory {
        Territory::Region(code) => (board_request::Column::RegionCode, code, Some("region")),
        Territory::Department(code) => (
            board_request::Column::DepartmentCode,
            code,
            Some("department"),
        ),
        Territory::Commune(code) => (board_request::Column::CommuneInsee, code, None),
    };
    let open = board_request::Entity::find()
        .filter(column.eq(code))
        .filter(board_request::Column::Status.eq(Status::Published.as_str()));
    let total = open.clone().count(db).await?;
    let mut shown = open.order_by_desc(board_request::Column::PublishedAt);
    if param.is_some() {
        shown = shown.limit(TERRITORY_CARDS);
    }
    let rows = shown.all(db).await?;
    let terms = Terms::load(db).await?;
    Ok(OpenRequests {
        total,
        cards: cards(db, &rows, &terms, lang).await?,
        all_url: param
            .filter(|_| total > rows.len() as u64)
            .map(|p| format!("/courtage?{p}={code}")),
    })
}
