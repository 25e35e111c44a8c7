//! Reading projects with everything their pages show: place, themes, publics, partners.
use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::entities::{partner, project, project_attribution, project_term, taxonomy_term};
use crate::taxonomy::{Term, Terms};
use crate::web::Lang;

/// Where a project is, as people read it.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    pub commune: Option<String>,
    /// The commune's territory page.
    pub commune_url: Option<String>,
    pub postcode: Option<String>,
    pub department_code: Option<String>,
    pub department: Option<String>,
    pub region_code: Option<String>,
    pub region: Option<String>,
}

/// A partner credited for listing a project.
#[derive(Debug, Clone, Serialize)]
pub struct Credit {
    pub partner_slug: String,
    pub partner_name: String,
    pub original_url: String,
}

/// A project as a card in lists.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectCard {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub place: Place,
    pub themes: Vec<Term>,
    pub credits: Vec<Credit>,
}

/// The canonical path of a project page.
pub fn project_path(id: i64, slug: &str) -> String {
    format!("/projets/{id}-{slug}")
}

/// Filters of the simple project list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub region: Option<String>,
    pub theme: Option<String>,
    pub partner_id: Option<i64>,
}

/// One page of cards and the total count.
pub struct ListPage {
    pub cards: Vec<ProjectCard>,
    pub total: u64,
}

fn filter_condition(filter: &ListFilter) -> Condition {
    let mut condition = Condition::all().add(project::Column::Status.eq("active"));
    if let Some(region) = &filter.region {
        condition = condition.add(project::Column::RegionCode.eq(region.clone()));
    }
    if let Some(theme) = &filter.theme {
        // A top-level theme matches its sub-themes too.
        let terms = Query::select()
            .column(taxonomy_term::Column::Code)
            .from(taxonomy_term::Entity)
            .cond_where(
                Condition::any()
                    .add(taxonomy_term::Column::Code.eq(theme.clone()))
                    .add(taxonomy_term::Column::ParentCode.eq(theme.clone())),
            )
            .to_owned();
        let projects = Query::select()
            .column(project_term::Column::ProjectId)
            .from(project_term::Entity)
            .and_where(Expr::col(project_term::Column::TermCode).in_subquery(terms))
            .to_owned();
        condition = condition.add(project::Column::Id.in_subquery(projects));
    }
    if let Some(partner_id) = filter.partner_id {
        let listed = Query::select()
            .column(project_attribution::Column::ProjectId)
            .from(project_attribution::Entity)
            .and_where(project_attribution::Column::PartnerId.eq(partner_id))
            .to_owned();
        condition = condition.add(project::Column::Id.in_subquery(listed));
    }
    condition
}

/// Active projects matching `filter`, newest first, `per_page` per page (1-based `page`).
pub async fn list(
    db: &DatabaseConnection,
    lang: Lang,
    filter: &ListFilter,
    page: u64,
    per_page: u64,
) -> Result<ListPage, DbErr> {
    let paginator = project::Entity::find()
        .filter(filter_condition(filter))
        .order_by_desc(project::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.saturating_sub(1)).await?;
    Ok(ListPage {
        cards: cards(db, lang, rows).await?,
        total,
    })
}

/// Counts active projects.
pub async fn count_active(db: &DatabaseConnection) -> Result<u64, DbErr> {
    project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .count(db)
        .await
}

/// Builds cards for `rows`, fetching places, themes and credits in a few batched queries.
pub async fn cards(
    db: &DatabaseConnection,
    lang: Lang,
    rows: Vec<project::Model>,
) -> Result<Vec<ProjectCard>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let terms = Terms::load(db).await?;
    let mut themes = terms_by_project(db, &ids).await?;
    let mut credits = credits_by_project(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|p| ProjectCard {
            id: p.id,
            url: project_path(p.id, &p.slug),
            place: place_of(&p),
            themes: themes
                .remove(&p.id)
                .unwrap_or_default()
                .iter()
                .filter_map(|code| terms.get(code, lang))
                .filter(|t| t.vocabulary == "theme")
                .collect(),
            credits: credits.remove(&p.id).unwrap_or_default(),
            title: p.title,
            summary: p.summary,
        })
        .collect())
}

/// Names of a project's commune, department and region, from the bundled geography
/// (the territory tables are seeded with the same rows): no query per page.
pub fn place_of(p: &project::Model) -> Place {
    let geo = crate::geo::index();
    let commune = p
        .commune_insee
        .as_deref()
        .and_then(|insee| geo.commune(insee));
    Place {
        commune: commune.map(|c| c.name.to_owned()),
        commune_url: commune.map(|c| crate::territories::atlas::commune_path(c.insee, c.name)),
        postcode: p.postcode.clone(),
        department_code: p.department_code.clone(),
        department: p
            .department_code
            .as_deref()
            .and_then(|code| geo.department(code))
            .map(|d| d.name.to_owned()),
        region_code: p.region_code.clone(),
        region: p
            .region_code
            .as_deref()
            .and_then(crate::search::catalog::region_name)
            .map(str::to_owned),
    }
}

pub async fn terms_by_project(
    db: &DatabaseConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, DbErr> {
    let rows = project_term::Entity::find()
        .filter(project_term::Column::ProjectId.is_in(ids.to_vec()))
        .order_by_asc(project_term::Column::Position)
        .all(db)
        .await?;
    let mut by_project: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        by_project
            .entry(row.project_id)
            .or_default()
            .push(row.term_code);
    }
    Ok(by_project)
}

pub async fn credits_by_project(
    db: &DatabaseConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Credit>>, DbErr> {
    let rows = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.is_in(ids.to_vec()))
        .filter(project_attribution::Column::GoneAt.is_null())
        .order_by_asc(project_attribution::Column::Id)
        .all(db)
        .await?;
    let partner_ids: HashSet<i64> = rows.iter().map(|r| r.partner_id).collect();
    let partners: HashMap<i64, partner::Model> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(partner_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut by_project: HashMap<i64, Vec<Credit>> = HashMap::new();
    for row in rows {
        if let Some(p) = partners.get(&row.partner_id) {
            by_project.entry(row.project_id).or_default().push(Credit {
                partner_slug: p.slug.clone(),
                partner_name: p.name.clone(),
                original_url: row.original_url,
            });
        }
    }
    Ok(by_project)
}

/// Everything the project page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectDetail {
    pub card: ProjectCard,
    pub slug: String,
    pub description_html: String,
    pub holder_name: Option<String>,
    pub structure: Option<Term>,
    pub publics: Vec<Term>,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// What the point stands for: `address`, `commune` or `department`.
    pub geo_precision: Option<String>,
    pub website: Option<String>,
    pub social_links: Vec<String>,
    pub distinctions: Vec<String>,
    pub start_date: Option<String>,
    pub start_year: Option<i32>,
    pub has_contact: bool,
    pub archived: bool,
    /// The project this one was folded into (its page redirects there).
    pub merged_into: Option<i64>,
    pub listings: Vec<crate::consolidation::review::ListingView>,
    pub history: Vec<crate::consolidation::review::RevisionView>,
}

/// The project with that id, archived ones included (their page says so).
pub async fn detail(
    db: &DatabaseConnection,
    lang: Lang,
    id: i64,
) -> Result<Option<ProjectDetail>, DbErr> {
    let Some(p) = project::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let terms = Terms::load(db).await?;
    let codes: Vec<String> = project_term::Entity::find()
        .filter(project_term::Column::ProjectId.eq(id))
        .order_by_asc(project_term::Column::Position)
        .select_only()
        .column(project_term::Column::TermCode)
        .into_tuple()
        .all(db)
        .await?;
    let publics = codes
        .iter()
        .filter_map(|c| terms.get(c, lang))
        .filter(|t| t.vocabulary == "public")
        .collect();
    let structure = p.structure_code.as_deref().and_then(|c| terms.get(c, lang));
    let start_date = p.start_date.map(|d| match lang {
        Lang::Fr => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    });
    let detail = ProjectDetail {
        slug: p.slug.clone(),
        description_html: p.description_html.clone(),
        holder_name: p.holder_name.clone(),
        structure,
        publics,
        address: p.address.clone(),
        latitude: p.latitude,
        longitude: p.longitude,
        geo_precision: p.geo_precision.clone(),
        website: p.website.clone(),
        social_links: serde_json::from_str(&p.social_links).unwrap_or_default(),
        distinctions: serde_json::from_str(&p.distinctions).unwrap_or_default(),
        start_date,
        start_year: p.start_year,
        has_contact: p.contact_email.is_some(),
        archived: p.status == "archived",
        merged_into: p.merged_into,
        listings: crate::consolidation::review::listings(db, id).await?,
        history: crate::consolidation::review::history(db, id).await?,
        card: cards(db, lang, vec![p]).await?.remove(0),
    };
    Ok(Some(detail))
}
