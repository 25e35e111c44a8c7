//! The board on a map (`/courtage/carte`): the same search as the list, drawn with the
//! project map's script. Its points come from `/courtage/carte/points` as the map
//! moves — every placed request of the view, or clusters counted on the server when
//! there are many — and a marker opens the request's card (`…/apercu`). Remote
//! requests have no place: the map says how many it leaves out. The points' parameters
//! are checked as the API's (422, each bad one named).
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde::Serialize;

use super::index::BoardQuery;
use super::model::Status;
use super::search::{FacetView, Params, facet_views, run, url_of};
use crate::error::{AppError, AppResult};
use crate::opendata::projects::MapAnswer;
use crate::search::geo::MapWindow;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{Lang, Page};

/// Placed requests beyond which the map gets clusters.
const MAP_POINTS: usize = 1000;

#[derive(Serialize)]
struct MapPage {
    params: Params,
    total: usize,
    facets: Vec<FacetView>,
    /// The same search as a list.
    list_url: String,
    /// The search's query string, which the script sends for points.
    map_params: String,
    tiles: String,
    tiles_attribution: String,
    area: super::search::AreaNotice,
}

/// `GET /courtage/carte`
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let lang = page.lang();
    let mut params = Params::from_query(raw.as_deref());
    params.page = String::new();
    let found = run(&state, &params.query(1)).await?;
    let terms = Terms::load(&state.db).await?;
    let view = MapPage {
        facets: facet_views(&found, &params, &terms, lang, "/courtage/carte"),
        total: found.total,
        list_url: url_of("/courtage", &params),
        map_params: params.to_query(),
        tiles: state.settings.map.tile_url.clone(),
        tiles_attribution: state.settings.map.attribution.clone(),
        area: super::search::AreaNotice::of(&params, "/courtage/carte"),
        params,
    };
    page.render("board/map.html", &view)
}

/// `GET /courtage/carte/points`: what the map draws of the search in its view.
pub async fn points(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> AppResult<Json<MapAnswer>> {
    let params = Params::from_query(raw.as_deref());
    let terms = Terms::load(&state.db).await?;
    super::api::check(&params, "", &terms).map_err(AppError::Invalid)?;
    let chosen = params.area();
    let window = MapWindow::parse(raw.as_deref())?;
    let whole: BoardQuery = params.query(1);
    let in_view = BoardQuery {
        bbox: window.within(chosen),
        ..whole.clone()
    };
    state.board.refresh(&state.db).await?;
    let total = state.board.count(&whole).await?;
    let layer = state
        .board
        .map(&in_view, window.cell_degrees(), MAP_POINTS)
        .await?;
    let message = lang.t_args(
        "board-map-status",
        &[
            ("located", (layer.located as i64).into()),
            ("total", (total as i64).into()),
        ],
    );
    Ok(Json(MapAnswer {
        located: layer.located,
        total,
        extent: layer.extent,
        points: layer.points,
        clusters: layer.clusters,
        message,
    }))
}

/// `GET /courtage/demandes/{id}/apercu`: a public request's card, as a map popup shows it.
pub async fn preview(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("board-request"))?;
    let request = super::service::find(&state.db, id).await?;
    if !Status::parse(&request.status).is_some_and(Status::is_public) {
        return Err(AppError::not_found("board-request"));
    }
    let terms = Terms::load(&state.db).await?;
    let card = super::views::cards(&state.db, &[request], &terms, page.lang())
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("board-request"))?;
    page.render("board/_preview.html", &card)
}
