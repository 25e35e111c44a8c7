//! A search run for a page or the API: the engine's answer turned into project cards
//! (read from the database in the order found), with extracts and distances, and
//! facet counts named and ordered for people.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

use super::catalog::Catalog;
use super::engine::{Outcome, Request};
use super::params::SearchState;
use super::query::Facet;
use crate::consolidation::similarity::html_text;
use crate::entities::project;
use crate::error::{AppError, AppResult};
use crate::projects::service::{self, ProjectCard};
use crate::state::AppState;
use crate::web::Lang;

/// One result as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct FoundProject {
    pub card: ProjectCard,
    /// Escaped HTML with the typed words in `<mark>`.
    pub extract_html: Option<String>,
    pub distance_km: Option<f64>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub start_year: Option<i32>,
    pub structure_code: Option<String>,
    pub archived: bool,
}

/// A value of a criterion with its count.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// As the URL parameter carries it.
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
    /// 1 for a sub-theme.
    pub depth: u8,
}

/// A criterion and its values, in the order people read them.
#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    pub facet: Facet,
    pub param: &'static str,
    pub values: Vec<FacetValue>,
}

/// What a search page or API call shows.
pub struct Found {
    pub total: usize,
    pub projects: Vec<FoundProject>,
    pub facets: Vec<FacetView>,
    /// Start years with their counts, oldest first.
    pub years: Vec<(i32, u64)>,
    /// The index has never been built on this node yet (first start, new version).
    pub index_building: bool,
}

/// Runs `request` on the node's index, off the async threads.
pub async fn execute(state: &AppState, request: Request) -> AppResult<(Outcome, bool)> {
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<(Outcome, bool)> {
        let generation = search.current()?;
        let building = generation.applied().is_none();
        Ok((generation.search(&request)?, building))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)
}

/// Runs the search and reads what pages show of it.
pub async fn find(
    state: &AppState,
    lang: Lang,
    catalog: &Catalog,
    search: &SearchState,
    request: Request,
) -> AppResult<Found> {
    let (outcome, index_building) = execute(state, request).await?;
    let projects = found_projects(&state.db, lang, &outcome).await?;
    let facets = facet_views(catalog, lang, search, &outcome);
    Ok(Found {
        total: outcome.total,
        projects,
        facets,
        years: year_counts(&outcome),
        index_building,
    })
}

/// The projects of `outcome`'s hits, in order; a project gone from the database since
/// the index saw it is left out.
pub async fn found_projects(
    db: &DatabaseConnection,
    lang: Lang,
    outcome: &Outcome,
) -> AppResult<Vec<FoundProject>> {
    let ids: Vec<i64> = outcome.hits.iter().map(|h| h.id).collect();
    let mut rows: HashMap<i64, project::Model> = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let ordered: Vec<project::Model> = ids.iter().filter_map(|id| rows.remove(id)).collect();
    let extras: Vec<_> = ordered
        .iter()
        .map(|p| {
            let extract = outcome
                .highlighter
                .as_ref()
                .and_then(|h| h.extract(&p.summary, &html_text(&p.description_html)));
            let distance = outcome
                .hits
                .iter()
                .find(|h| h.id == p.id)
                .and_then(|h| h.distance_km);
            (
                extract,
                distance,
                p.latitude,
                p.longitude,
                p.start_year,
                p.structure_code.clone(),
                p.status == "archived",
            )
        })
        .collect();
    let cards = service::cards(db, lang, ordered).await?;
    Ok(cards
        .into_iter()
        .zip(extras)
        .map(
            |(
                card,
                (
                    extract_html,
                    distance_km,
                    latitude,
                    longitude,
                    start_year,
                    structure_code,
                    archived,
                ),
            )| {
                FoundProject {
                    card,
                    extract_html,
                    distance_km: distance_km.map(|d| (d * 10.0).round() / 10.0),
                    latitude,
                    longitude,
                    start_year,
                    structure_code,
                    archived,
                }
            },
        )
        .collect())
}

/// Facet counts named, with the chosen values kept even at zero so they can be unticked.
pub fn facet_views(
    catalog: &Catalog,
    lang: Lang,
    search: &SearchState,
    outcome: &Outcome,
) -> Vec<FacetView> {
    Facet::ALL
        .into_iter()
        .filter(|f| *f != Facet::Year)
        .map(|facet| {
            let counts = outcome.tallies.get(&facet).cloned().unwrap_or_default();
            let chosen = search.values(facet);
            let mut values: Vec<FacetValue> = counts
                .iter()
                .filter_map(|(indexed, &count)| {
                    let value = catalog.param_value(facet, indexed)?;
                    let label = catalog.label(facet, indexed, lang)?;
                    Some(FacetValue {
                        selected: chosen.contains(&value),
                        value,
                        label,
                        count,
                        depth: 0,
                    })
                })
                .collect();
            for value in chosen {
                if values.iter().all(|v| &v.value != value) {
                    let indexed = match facet {
                        Facet::Partner => catalog.partner_by_slug(value).map(|p| p.id.to_string()),
                        _ => Some(value.clone()),
                    };
                    if let Some(label) = indexed.and_then(|i| catalog.label(facet, &i, lang)) {
                        values.push(FacetValue {
                            value: value.clone(),
                            label,
                            count: 0,
                            selected: true,
                            depth: 0,
                        });
                    }
                }
            }
            order(catalog, facet, lang, &mut values);
            FacetView {
                facet,
                param: facet.param(),
                values,
            }
        })
        .collect()
}

/// Themes in thesaurus order (each sub-theme under its theme); other criteria by count,
/// then by label; places by name.
fn order(catalog: &Catalog, facet: Facet, lang: Lang, values: &mut [FacetValue]) {
    match facet {
        Facet::Theme => {
            let tree = catalog.terms.tree("theme", lang);
            let rank: HashMap<&str, (usize, u8)> = tree
                .iter()
                .enumerate()
                .map(|(i, (term, depth))| (term.code.as_str(), (i, *depth)))
                .collect();
            for v in values.iter_mut() {
                v.depth = rank.get(v.value.as_str()).map_or(0, |r| r.1);
            }
            values.sort_by_key(|v| rank.get(v.value.as_str()).map_or(usize::MAX, |r| r.0));
        }
        Facet::Region | Facet::Department => values.sort_by(|a, b| a.label.cmp(&b.label)),
        _ => values.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label))),
    }
}

/// Start years with their counts (ignoring the chosen range), oldest first.
pub fn year_counts(outcome: &Outcome) -> Vec<(i32, u64)> {
    let mut years: Vec<(i32, u64)> = outcome
        .tallies
        .get(&Facet::Year)
        .into_iter()
        .flatten()
        .filter_map(|(year, &count)| year.parse().ok().map(|y| (y, count)))
        .collect();
    years.sort_unstable();
    years
}
