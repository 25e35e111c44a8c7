//! "Similar projects" on a project page: the index's likeness query over the project's
//! title, summary, theme labels and description.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::engine::Likeness;
use crate::consolidation::similarity::html_text;
use crate::entities::project;
use crate::error::{AppError, AppResult};
use crate::projects::service::{self, ProjectCard, ProjectDetail};
use crate::state::AppState;
use crate::web::Lang;

/// How many similar projects a page shows.
const SHOWN: usize = 5;

/// Cards of the projects most like `detail`, best first.
pub async fn cards(
    state: &AppState,
    lang: Lang,
    detail: &ProjectDetail,
) -> AppResult<Vec<ProjectCard>> {
    let id = detail.card.id;
    let title = detail.card.title.clone();
    let summary = detail.card.summary.clone();
    let labels = detail
        .card
        .themes
        .iter()
        .map(|t| t.label.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let description = html_text(&detail.description_html);
    let search = state.search.clone();
    let ids = tokio::task::spawn_blocking(move || {
        search.current()?.similar(
            &Likeness {
                id,
                title: &title,
                summary: &summary,
                labels: &labels,
                description: &description,
            },
            SHOWN,
        )
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)?;
    let mut rows = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .filter(project::Column::Status.eq("active"))
        .all(&state.db)
        .await?;
    rows.sort_by_key(|p| ids.iter().position(|id| *id == p.id));
    Ok(service::cards(&state.db, lang, rows).await?)
}
