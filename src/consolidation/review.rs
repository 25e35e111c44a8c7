//! What people decide about duplicates: split a wrong merge, merge or reject a
//! suspected pair. Every decision is remembered (`duplicate_links`, `distinct_records`)
//! so that re-crawls and re-runs never undo it, and written to the projects' history.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;

use super::dedup;
use super::service::{Cause, insert_shell, record_revision, refresh};
use super::similarity::Similarity;
use crate::entities::{
    duplicate_link, partner, project, project_attribution, project_revision, raw_record, source,
};
use crate::error::{AppError, AppResult};

/// Records of a project's listings (live or gone).
async fn records_of<C: ConnectionTrait>(conn: &C, project_id: i64) -> AppResult<Vec<i64>> {
    Ok(project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|a| a.raw_record_id)
        .collect())
}

/// Who may decide on a project's duplicates (split its listings, merge or reject its
/// suspected pairs): a coordinator, or an editor or admin of a partner that lists it.
/// `roles` are the person's roles in the partners listing the project.
pub fn may_decide<'a>(is_coordinator: bool, roles: impl IntoIterator<Item = &'a str>) -> bool {
    is_coordinator || roles.into_iter().any(|r| matches!(r, "admin" | "editor"))
}

/// Takes one listing out of its project into a project of its own, and remembers that
/// its record is not the same as the others. Returns the new project's id.
pub async fn split<C: ConnectionTrait>(
    conn: &C,
    attribution_id: i64,
    by_user: i64,
) -> AppResult<i64> {
    let attribution = project_attribution::Entity::find_by_id(attribution_id)
        .one(conn)
        .await?
        .filter(|a| a.gone_at.is_none())
        .ok_or_else(|| AppError::not_found("listing"))?;
    let record_id = attribution
        .raw_record_id
        .ok_or_else(|| AppError::invalid("attribution", "duplicate-split-manual"))?;
    let project_id = attribution.project_id;
    let live = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?;
    if live.len() < 2 {
        return Err(AppError::invalid("attribution", "duplicate-split-alone"));
    }
    let others: Vec<i64> = records_of(conn, project_id)
        .await?
        .into_iter()
        .filter(|&r| r != record_id)
        .collect();
    dedup::remember_distinct(conn, record_id, &others, Some(by_user)).await?;
    let shell = insert_shell(conn).await?;
    let mut moved: project_attribution::ActiveModel = attribution.into();
    moved.project_id = Set(shell.id);
    moved.update(conn).await?;
    let link = duplicate_link::Entity::find()
        .filter(duplicate_link::Column::RawRecordId.eq(record_id))
        .filter(duplicate_link::Column::ProjectId.eq(project_id))
        .one(conn)
        .await?;
    let similarity = match &link {
        Some(found) => serde_json::from_str(&found.details).ok(),
        None => None,
    };
    let similarity = similarity.unwrap_or(Similarity {
        title: 0.0,
        text: None,
        contact: None,
        place: None,
        score: 0.0,
        other_commune: false,
    });
    dedup::link(
        conn,
        record_id,
        project_id,
        &similarity,
        "split",
        Some(by_user),
    )
    .await?;
    refresh(conn, shell.id, Cause::Created, Some(by_user)).await?;
    refresh(conn, project_id, Cause::Split, Some(by_user)).await?;
    crate::taxonomy::tags::refresh_terms_of_projects(conn, &[shell.id, project_id]).await?;
    Ok(shell.id)
}

/// A suspected pair is the same project: the record's project is folded into the
/// suspected one (all its listings move; its address redirects there).
pub async fn merge<C: ConnectionTrait>(conn: &C, link_id: i64, by_user: i64) -> AppResult<i64> {
    let link = suggested(conn, link_id).await?;
    let from = project_attribution::Entity::find()
        .filter(project_attribution::Column::RawRecordId.eq(link.raw_record_id))
        .one(conn)
        .await?
        .map(|a| a.project_id)
        .ok_or_else(|| AppError::not_found("listing"))?;
    let into = link.project_id;
    if from != into {
        project_attribution::Entity::update_many()
            .col_expr(
                project_attribution::Column::ProjectId,
                sea_orm::sea_query::Expr::value(into),
            )
            .filter(project_attribution::Column::ProjectId.eq(from))
            .exec(conn)
            .await?;
        let folded = project::Entity::find_by_id(from)
            .one(conn)
            .await?
            .ok_or_else(|| AppError::not_found("project"))?;
        let mut row: project::ActiveModel = folded.into();
        row.status = Set("merged".into());
        row.merged_into = Set(Some(into));
        row.updated_at = Set(Utc::now());
        row.update(conn).await?;
        dedup::write_keys(conn, from, Vec::new()).await?;
        let changes = serde_json::json!({"merged_into": [null, into]});
        record_revision(conn, from, Cause::Merged, changes, Some(by_user)).await?;
        crate::search::changes::note(conn, &[from]).await?;
    }
    decide(conn, link, "merged", by_user).await?;
    refresh(conn, into, Cause::Merged, Some(by_user)).await?;
    crate::taxonomy::tags::refresh_terms_of_projects(conn, &[into, from]).await?;
    Ok(into)
}

/// A suspected pair is not the same project: remembered for good.
pub async fn reject<C: ConnectionTrait>(conn: &C, link_id: i64, by_user: i64) -> AppResult<()> {
    let link = suggested(conn, link_id).await?;
    let others = records_of(conn, link.project_id).await?;
    dedup::remember_distinct(conn, link.raw_record_id, &others, Some(by_user)).await?;
    decide(conn, link, "rejected", by_user).await?;
    Ok(())
}

async fn suggested<C: ConnectionTrait>(conn: &C, link_id: i64) -> AppResult<duplicate_link::Model> {
    duplicate_link::Entity::find_by_id(link_id)
        .one(conn)
        .await?
        .filter(|l| l.status == "suggested")
        .ok_or_else(|| AppError::not_found("duplicate"))
}

async fn decide<C: ConnectionTrait>(
    conn: &C,
    link: duplicate_link::Model,
    status: &str,
    by_user: i64,
) -> AppResult<()> {
    let mut row: duplicate_link::ActiveModel = link.into();
    row.status = Set(status.to_owned());
    row.decided_by = Set(Some(by_user));
    row.decided_at = Set(Some(Utc::now()));
    row.update(conn).await?;
    Ok(())
}

/// One side of a suspected pair, as the review page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub project_id: i64,
    pub project_url: String,
    pub title: String,
    pub commune: Option<String>,
    pub partners: Vec<String>,
}

/// A suspected pair awaiting review.
#[derive(Debug, Clone, Serialize)]
pub struct Suspect {
    pub link_id: i64,
    pub listing: Side,
    pub project: Side,
    pub similarity: Similarity,
    /// Partner ids credited on either side (who may decide).
    #[serde(skip)]
    pub partner_ids: Vec<i64>,
}

/// Suspected pairs awaiting review, best scores first; with `partner_id`, only those
/// where that partner lists one side.
pub async fn suspects<C: ConnectionTrait>(
    conn: &C,
    partner_id: Option<i64>,
) -> AppResult<Vec<Suspect>> {
    let links = duplicate_link::Entity::find()
        .filter(duplicate_link::Column::Status.eq("suggested"))
        .order_by_desc(duplicate_link::Column::Score)
        .order_by_asc(duplicate_link::Column::Id)
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for link in links {
        let Some(record) = raw_record::Entity::find_by_id(link.raw_record_id)
            .one(conn)
            .await?
        else {
            continue;
        };
        let Some(listing_project) = project_attribution::Entity::find()
            .filter(project_attribution::Column::RawRecordId.eq(record.id))
            .one(conn)
            .await?
            .map(|a| a.project_id)
        else {
            continue;
        };
        if listing_project == link.project_id {
            continue;
        }
        let (Some(listing), Some(project)) = (
            side(conn, listing_project).await?,
            side(conn, link.project_id).await?,
        ) else {
            continue;
        };
        let mut partner_ids = partners_of(conn, listing_project).await?;
        partner_ids.extend(partners_of(conn, link.project_id).await?);
        if let Some(src) = source::Entity::find_by_id(record.source_id)
            .one(conn)
            .await?
        {
            partner_ids.push(src.partner_id);
        }
        if partner_id.is_some_and(|p| !partner_ids.contains(&p)) {
            continue;
        }
        let Ok(similarity) = serde_json::from_str(&link.details) else {
            continue;
        };
        out.push(Suspect {
            link_id: link.id,
            listing,
            project,
            similarity,
            partner_ids,
        });
    }
    Ok(out)
}

/// Partners with a live listing of the project.
pub async fn partners_of<C: ConnectionTrait>(conn: &C, project_id: i64) -> AppResult<Vec<i64>> {
    let mut ids: Vec<i64> = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.partner_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

async fn side<C: ConnectionTrait>(conn: &C, project_id: i64) -> AppResult<Option<Side>> {
    let Some(p) = project::Entity::find_by_id(project_id).one(conn).await? else {
        return Ok(None);
    };
    if p.status == "merged" {
        return Ok(None);
    }
    let ids = partners_of(conn, project_id).await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    Ok(Some(Side {
        project_id: p.id,
        project_url: crate::projects::service::project_path(p.id, &p.slug),
        commune: p
            .commune_insee
            .as_deref()
            .and_then(crate::geo::commune)
            .map(|c| c.name.to_owned()),
        title: p.title,
        partners,
    }))
}

/// How a listing joined its project, for the project page.
#[derive(Debug, Clone, Serialize)]
pub struct Joined {
    pub similarity: Similarity,
    /// Merged by a person (else automatically).
    pub by_person: bool,
}

/// A partner's live listing of a project, for the project page.
#[derive(Debug, Clone, Serialize)]
pub struct ListingView {
    pub attribution_id: i64,
    pub partner_id: i64,
    pub partner_slug: String,
    pub partner_name: String,
    pub original_url: String,
    pub joined: Option<Joined>,
    /// This listing's title and summary where they differ from the project's (the
    /// alternatives the provenance rules did not pick).
    pub other_title: Option<String>,
    pub other_summary: Option<String>,
}

/// What each listed record says of the project (title, summary), through its source's
/// mapping.
async fn listed_values<C: ConnectionTrait>(
    conn: &C,
    record_ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, super::mapping::ProjectFields>, sea_orm::DbErr> {
    let records = raw_record::Entity::find()
        .filter(raw_record::Column::Id.is_in(record_ids))
        .all(conn)
        .await?;
    let sources: std::collections::HashMap<i64, source::Model> = source::Entity::find()
        .filter(source::Column::Id.is_in(records.iter().map(|r| r.source_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(records
        .iter()
        .map(|r| {
            let mapping = sources
                .get(&r.source_id)
                .map(super::service::source_mapping)
                .unwrap_or_default();
            (r.id, super::service::mapped_record(r, &mapping))
        })
        .collect())
}

/// The live listings of a project, oldest first, with how each joined and what it says
/// differently.
pub async fn listings<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<ListingView>, sea_orm::DbErr> {
    let project = project::Entity::find_by_id(project_id).one(conn).await?;
    let attributions = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .order_by_asc(project_attribution::Column::FirstSeenAt)
        .order_by_asc(project_attribution::Column::Id)
        .all(conn)
        .await?;
    let links: std::collections::HashMap<i64, duplicate_link::Model> =
        duplicate_link::Entity::find()
            .filter(duplicate_link::Column::ProjectId.eq(project_id))
            .filter(duplicate_link::Column::Status.eq("merged"))
            .all(conn)
            .await?
            .into_iter()
            .map(|l| (l.raw_record_id, l))
            .collect();
    // Alternatives only matter when several partners describe the project.
    let values = if attributions.len() > 1 {
        listed_values(
            conn,
            attributions
                .iter()
                .filter_map(|a| a.raw_record_id)
                .collect(),
        )
        .await?
    } else {
        Default::default()
    };
    let partners: std::collections::HashMap<i64, partner::Model> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(attributions.iter().map(|a| a.partner_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(attributions
        .into_iter()
        .filter_map(|a| {
            let partner = partners.get(&a.partner_id)?;
            let joined = a.raw_record_id.and_then(|r| links.get(&r)).and_then(|l| {
                Some(Joined {
                    similarity: serde_json::from_str(&l.details).ok()?,
                    by_person: l.decided_by.is_some(),
                })
            });
            let said = a.raw_record_id.and_then(|r| values.get(&r));
            let differs = |value: Option<&String>, chosen: Option<&str>| {
                value.filter(|v| Some(v.as_str()) != chosen).cloned()
            };
            Some(ListingView {
                other_title: said.and_then(|f| {
                    differs(f.title.as_ref(), project.as_ref().map(|p| p.title.as_str()))
                }),
                other_summary: said.and_then(|f| {
                    differs(
                        f.summary.as_ref(),
                        project.as_ref().map(|p| p.summary.as_str()),
                    )
                }),
                attribution_id: a.id,
                partner_id: a.partner_id,
                partner_slug: partner.slug.clone(),
                partner_name: partner.name.clone(),
                original_url: a.original_url,
                joined,
            })
        })
        .collect())
}

/// One change of a project, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub at: chrono::DateTime<Utc>,
    pub cause: String,
    /// Names of the changed fields.
    pub fields: Vec<String>,
}

/// A project's history, newest first.
pub async fn history<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<RevisionView>, sea_orm::DbErr> {
    Ok(project_revision::Entity::find()
        .filter(project_revision::Column::ProjectId.eq(project_id))
        .order_by_desc(project_revision::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| {
            let fields =
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&r.changes)
                    .map(|m| m.into_iter().map(|(k, _)| k).collect())
                    .unwrap_or_default();
            RevisionView {
                at: r.at,
                cause: r.cause,
                fields,
            }
        })
        .collect())
}
