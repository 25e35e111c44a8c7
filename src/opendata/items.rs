//! Projects as open data: the JSON shape of the API, the exports' rows and the GeoJSON
//! features all come from `ProjectItem`, read in a few batched queries per page of
//! projects. The contact address never leaves the hub (messaging relays to it).
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::entities::project;
use crate::geo::communes;
use crate::projects::service::{self, project_path};
use crate::search::catalog::region_name;
use crate::taxonomy::Terms;
use crate::web::Lang;

/// A code with its label in the request's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Coded {
    pub code: String,
    pub label: String,
}

/// Where a project is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemPlace {
    pub address: Option<String>,
    pub commune: Option<String>,
    /// INSEE code of the commune.
    pub insee: Option<String>,
    pub postcode: Option<String>,
    pub department: Option<Coded>,
    pub region: Option<Coded>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `address`, `commune` or `department`: what the point stands for.
    pub precision: Option<String>,
}

/// A partner credited for listing the project, with the page it lists it on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemPartner {
    pub slug: String,
    pub name: String,
    pub original_url: String,
}

/// A project in the API and the exports.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectItem {
    pub id: i64,
    /// The project's page on the hub.
    pub url: String,
    pub title: String,
    pub summary: String,
    /// Sanitised HTML (only in the one-project answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    pub holder: Option<String>,
    pub structure: Option<Coded>,
    pub themes: Vec<Coded>,
    pub publics: Vec<Coded>,
    pub place: ItemPlace,
    pub website: Option<String>,
    pub social_links: Vec<String>,
    pub image_url: Option<String>,
    pub start_year: Option<i32>,
    pub start_date: Option<String>,
    pub distinctions: Vec<String>,
    pub partners: Vec<ItemPartner>,
    /// `active` or `archived`.
    pub status: String,
    pub first_seen: String,
    pub updated_at: String,
    /// From the point searched around, when the search has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// Reads `ids` as items, in that order (ids no longer in the database are skipped).
pub async fn load(
    db: &DatabaseConnection,
    terms: &Terms,
    lang: Lang,
    public_url: &str,
    ids: &[i64],
    with_description: bool,
) -> Result<Vec<ProjectItem>, DbErr> {
    let mut projects = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    crate::projects::holder::overlay(db, &mut projects).await?;
    let mut rows: HashMap<i64, project::Model> = projects.into_iter().map(|p| (p.id, p)).collect();
    let mut codes = service::terms_by_project(db, ids).await?;
    let mut credits = service::credits_by_project(db, ids).await?;
    let base = public_url.trim_end_matches('/');
    Ok(ids
        .iter()
        .filter_map(|id| rows.remove(id))
        .map(|p| {
            let codes = codes.remove(&p.id).unwrap_or_default();
            let in_vocabulary = |vocabulary: &str| -> Vec<Coded> {
                codes
                    .iter()
                    .filter_map(|c| terms.get(c, lang))
                    .filter(|t| t.vocabulary == vocabulary)
                    .map(|t| Coded {
                        code: t.code,
                        label: t.label,
                    })
                    .collect()
            };
            let partners = credits
                .remove(&p.id)
                .unwrap_or_default()
                .into_iter()
                .map(|c| ItemPartner {
                    slug: c.partner_slug,
                    name: c.partner_name,
                    original_url: c.original_url,
                })
                .collect();
            ProjectItem {
                id: p.id,
                url: format!("{base}{}", project_path(p.id, &p.slug)),
                themes: in_vocabulary("theme"),
                publics: in_vocabulary("public"),
                structure: p
                    .structure_code
                    .as_deref()
                    .and_then(|c| terms.get(c, lang))
                    .map(|t| Coded {
                        code: t.code,
                        label: t.label,
                    }),
                place: place(&p),
                description_html: with_description.then(|| p.description_html.clone()),
                holder: p.holder_name,
                website: p.website,
                social_links: serde_json::from_str(&p.social_links).unwrap_or_default(),
                image_url: p.image_url,
                start_year: p.start_year,
                start_date: p.start_date.map(|d| d.to_string()),
                distinctions: serde_json::from_str(&p.distinctions).unwrap_or_default(),
                partners,
                status: p.status,
                first_seen: p.created_at.to_rfc3339(),
                updated_at: p.updated_at.to_rfc3339(),
                title: p.title,
                summary: p.summary,
                distance_km: None,
            }
        })
        .collect())
}

fn place(p: &project::Model) -> ItemPlace {
    let index = communes::index();
    let commune = p.commune_insee.as_deref().and_then(|c| index.commune(c));
    let department = p
        .department_code
        .as_deref()
        .and_then(|c| index.department(c))
        .map(|d| Coded {
            code: d.code.to_owned(),
            label: d.name.to_owned(),
        });
    let region = p.region_code.as_deref().and_then(|code| {
        region_name(code).map(|name| Coded {
            code: code.to_owned(),
            label: name.to_owned(),
        })
    });
    ItemPlace {
        address: p.address.clone(),
        commune: commune.map(|c| c.name.to_owned()),
        insee: p.commune_insee.clone(),
        postcode: p.postcode.clone(),
        department,
        region,
        latitude: p.latitude,
        longitude: p.longitude,
        precision: p.geo_precision.clone(),
    }
}
