//! Reference data of the API: partners, the shared thesaurus, regions and departments,
//! and communes — the codes the search parameters take.
use axum::Json;
use axum::extract::{Path, State};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use crate::entities::{partner, taxonomy_term};
use crate::error::{AppError, AppResult};
use crate::geo::communes;
use crate::state::AppState;

/// A partner organisation of the collective.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerItem {
    /// The `partner` search parameter's value.
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub scale: String,
    pub website: Option<String>,
    pub description: String,
    pub region: Option<String>,
    pub admitted_at: Option<String>,
    /// The partner's page on the hub.
    pub url: String,
}

/// The active partners, by name.
#[utoipa::path(get, path = "/api/v1/partners", tag = "reference",
    responses((status = 200, description = "Active partners", body = Vec<PartnerItem>)))]
pub async fn partners(State(state): State<AppState>) -> AppResult<Json<Vec<PartnerItem>>> {
    let base = state
        .settings
        .server
        .public_url
        .trim_end_matches('/')
        .to_owned();
    let rows = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Name)
        .all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| PartnerItem {
                url: format!("{base}/partenaires/{}", p.slug),
                slug: p.slug,
                name: p.name,
                kind: p.kind,
                scale: p.scale,
                website: p.website,
                description: p.description,
                region: p.region_code,
                admitted_at: p.admitted_at.map(|d| d.to_rfc3339()),
            })
            .collect(),
    ))
}

/// A term of the thesaurus in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermItem {
    /// The value of the `theme`, `public` or `structure` search parameter.
    pub code: String,
    /// `theme`, `public` or `structure`.
    pub vocabulary: String,
    /// The theme a sub-theme belongs to.
    pub parent: Option<String>,
    pub label_fr: String,
    pub label_en: String,
}

/// The shared thesaurus: themes (two levels), target publics, structure types.
#[utoipa::path(get, path = "/api/v1/taxonomy", tag = "reference",
    responses((status = 200, description = "Every term, vocabulary by vocabulary, in the thesaurus's order", body = Vec<TermItem>)))]
pub async fn taxonomy(State(state): State<AppState>) -> AppResult<Json<Vec<TermItem>>> {
    let rows = taxonomy_term::Entity::find()
        .order_by_asc(taxonomy_term::Column::Vocabulary)
        .order_by_asc(taxonomy_term::Column::Position)
        .all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|t| TermItem {
                code: t.code,
                vocabulary: t.vocabulary,
                parent: t.parent_code,
                label_fr: t.label_fr,
                label_en: t.label_en,
            })
            .collect(),
    ))
}

/// A department.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentItem {
    /// The `department` search parameter's value.
    pub code: String,
    pub name: String,
}

/// A region and its departments.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionItem {
    /// The `region` search parameter's value.
    pub code: String,
    pub name: String,
    pub departments: Vec<DepartmentItem>,
}

/// Regions and departments.
#[utoipa::path(get, path = "/api/v1/territories", tag = "reference",
    responses((status = 200, description = "The 18 regions with their departments", body = Vec<RegionItem>)))]
pub async fn territories() -> Json<Vec<RegionItem>> {
    let index = communes::index();
    let mut regions: Vec<RegionItem> = communes::regions()
        .into_iter()
        .map(|(code, name)| {
            let mut departments: Vec<DepartmentItem> = index
                .departments
                .iter()
                .filter(|d| d.region == code)
                .map(|d| DepartmentItem {
                    code: d.code.to_owned(),
                    name: d.name.to_owned(),
                })
                .collect();
            departments.sort_by(|a, b| a.code.cmp(&b.code));
            RegionItem {
                code: code.to_owned(),
                name: name.to_owned(),
                departments,
            }
        })
        .collect();
    regions.sort_by(|a, b| a.name.cmp(&b.name));
    Json(regions)
}

/// A commune.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommuneItem {
    /// INSEE code: the `commune` and `near` search parameters' value.
    pub insee: String,
    pub name: String,
    pub postcodes: Vec<String>,
    pub department: String,
    pub region: String,
    /// The town hall (or the commune's centre).
    pub latitude: f64,
    pub longitude: f64,
}

/// One commune by INSEE code.
#[utoipa::path(get, path = "/api/v1/territories/communes/{insee}", tag = "reference",
    params(("insee" = String, Path, description = "INSEE code")),
    responses(
        (status = 200, description = "The commune", body = CommuneItem),
        (status = 404, description = "No such current commune", body = super::openapi::ApiError),
    ))]
pub async fn commune(Path(insee): Path<String>) -> AppResult<Json<CommuneItem>> {
    let c = communes::commune(&insee).ok_or_else(|| AppError::not_found("commune"))?;
    Ok(Json(CommuneItem {
        insee: c.insee.to_owned(),
        name: c.name.to_owned(),
        postcodes: c.postcodes.iter().map(|p| (*p).to_owned()).collect(),
        department: c.department.to_owned(),
        region: c.region.to_owned(),
        latitude: c.lat,
        longitude: c.lon,
    }))
}
