//! Finding the project a new listing duplicates, and remembering what was decided.
//!
//! Candidates come from blocking keys (`project_keys`): only projects sharing a key
//! with the listing are compared, and a key shared by more than [`MAX_POSTINGS`]
//! projects (a common word in a big city) is too common to select anything, so the
//! work per listing stays bounded and consolidation grows linearly with the records.
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::similarity::{Profile, Similarity, blocking_keys, compare_if_alike, html_text};
use crate::entities::{distinct_record, duplicate_link, project, project_attribution, project_key};

/// A key shared by more projects than this selects no candidate.
pub const MAX_POSTINGS: i64 = 100;
/// At most this many candidates (those sharing the most keys) are compared.
const MAX_CANDIDATES: u64 = 20;

/// What a new listing is, next to the existing projects.
#[derive(Debug)]
pub enum Found {
    /// The same initiative as this project.
    Same(i64, Similarity),
    /// A project of its own; these look alike enough to be shown to people.
    New(Vec<(i64, Similarity)>),
}

/// Compares the listing of `record_id` (a record of `source_id`) with the projects
/// that share a rare blocking key with it, skipping the projects that source already
/// lists and those people said it is not.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    source_id: i64,
    record_id: i64,
    listing: &Profile,
) -> anyhow::Result<Found> {
    let candidates = candidates(conn, &blocking_keys(listing)).await?;
    if candidates.is_empty() {
        return Ok(Found::New(Vec::new()));
    }
    let excluded = excluded(conn, source_id, record_id, &candidates).await?;
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(candidates.iter().copied()))
        .filter(project::Column::Status.ne("merged"))
        .all(conn)
        .await?;
    let mut scored: Vec<(i64, Similarity)> = projects
        .iter()
        .filter(|p| !excluded.contains(&p.id))
        .filter_map(|p| {
            let text = || text_of_project(p);
            compare_if_alike(listing, &profile_of_project(p), text).map(|s| (p.id, s))
        })
        .collect();
    scored.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
    match scored.first() {
        Some((id, similarity)) if similarity.merges() => Ok(Found::Same(*id, similarity.clone())),
        _ => Ok(Found::New(scored)),
    }
}

/// Projects sharing the most rare keys with `keys`.
async fn candidates<C: ConnectionTrait>(conn: &C, keys: &[String]) -> anyhow::Result<Vec<i64>> {
    use project_key::Column as K;
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rare = rare_keys(conn, keys).await?;
    if rare.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64)> = project_key::Entity::find()
        .select_only()
        .column(K::ProjectId)
        .column_as(K::Key.count(), "shared")
        .filter(K::Key.is_in(rare))
        .group_by(K::ProjectId)
        .order_by_desc(Expr::col("shared"))
        .order_by_asc(K::ProjectId)
        .limit(MAX_CANDIDATES)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

/// The keys shared by at most [`MAX_POSTINGS`] projects. Each key's postings are counted
/// up to one past the limit, so a common key costs no more than a rare one.
async fn rare_keys<C: ConnectionTrait>(conn: &C, keys: &[String]) -> anyhow::Result<Vec<String>> {
    let limit = MAX_POSTINGS + 1;
    let sql = (0..keys.len())
        .map(|i| {
            format!(
                "SELECT {i} AS i, COUNT(*) AS n FROM \
                 (SELECT 1 FROM project_keys WHERE key = ${} LIMIT {limit}) AS k{i}",
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let values = keys.iter().map(|k| sea_orm::Value::from(k.clone()));
    let rows = conn
        .query_all_raw(crate::db::statement(
            conn.get_database_backend(),
            &sql,
            values,
        ))
        .await?;
    let mut rare = Vec::new();
    for row in rows {
        let i: i32 = row.try_get("", "i")?;
        let n: i64 = row.try_get("", "n")?;
        if n <= MAX_POSTINGS
            && let Some(key) = keys.get(i as usize)
        {
            rare.push(key.clone());
        }
    }
    Ok(rare)
}

/// Among `candidates`, the projects the source already lists and those holding a record
/// people said differs from `record_id`.
async fn excluded<C: ConnectionTrait>(
    conn: &C,
    source_id: i64,
    record_id: i64,
    candidates: &[i64],
) -> anyhow::Result<HashSet<i64>> {
    use project_attribution::Column as A;
    let mut excluded: HashSet<i64> = project_attribution::Entity::find()
        .select_only()
        .column(A::ProjectId)
        .filter(A::ProjectId.is_in(candidates.iter().copied()))
        .filter(A::SourceId.eq(source_id))
        .filter(A::GoneAt.is_null())
        .into_tuple::<i64>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let others = distinct_from(conn, record_id).await?;
    if !others.is_empty() {
        let held: Vec<i64> = project_attribution::Entity::find()
            .select_only()
            .column(A::ProjectId)
            .filter(A::ProjectId.is_in(candidates.iter().copied()))
            .filter(A::RawRecordId.is_in(others))
            .into_tuple()
            .all(conn)
            .await?;
        excluded.extend(held);
    }
    Ok(excluded)
}

/// Records people said are not the same project as `record_id`.
async fn distinct_from<C: ConnectionTrait>(conn: &C, record_id: i64) -> anyhow::Result<Vec<i64>> {
    use distinct_record::Column as D;
    let pairs = distinct_record::Entity::find()
        .filter(
            Condition::any()
                .add(D::RecordA.eq(record_id))
                .add(D::RecordB.eq(record_id)),
        )
        .all(conn)
        .await?;
    Ok(pairs
        .into_iter()
        .map(|p| {
            if p.record_a == record_id {
                p.record_b
            } else {
                p.record_a
            }
        })
        .collect())
}

/// What a project is compared on, but its text ([`text_of_project`]).
fn profile_of_project(p: &project::Model) -> Profile {
    Profile {
        title: p.title.clone(),
        text: String::new(),
        email: p.contact_email.clone(),
        website: p.website.clone(),
        commune: p.commune_insee.clone(),
        department: p.department_code.clone(),
    }
}

/// A project's summary and description as plain text.
fn text_of_project(p: &project::Model) -> String {
    format!("{} {}", p.summary, html_text(&p.description_html))
}

/// A project's blocking keys.
pub fn keys_of_project(p: &project::Model) -> Vec<String> {
    blocking_keys(&profile_of_project(p))
}

/// Replaces the blocking keys of a project.
pub async fn write_keys<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    keys: Vec<String>,
) -> anyhow::Result<()> {
    project_key::Entity::delete_many()
        .filter(project_key::Column::ProjectId.eq(project_id))
        .exec(conn)
        .await?;
    insert_keys(conn, project_id, keys).await
}

/// Adds blocking keys to a project that has none yet.
pub async fn insert_keys<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    keys: Vec<String>,
) -> anyhow::Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let rows = keys.into_iter().map(|key| project_key::ActiveModel {
        key: Set(key),
        project_id: Set(project_id),
    });
    project_key::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Records (or updates) that the listing of `record_id` was found like `project_id`.
pub async fn link<C: ConnectionTrait>(
    conn: &C,
    record_id: i64,
    project_id: i64,
    similarity: &Similarity,
    status: &str,
    by_user: Option<i64>,
) -> anyhow::Result<()> {
    use duplicate_link::Column as L;
    let now = Utc::now();
    let details = serde_json::to_string(similarity)?;
    let decided_at = (status != "suggested").then_some(now);
    let existing = duplicate_link::Entity::find()
        .filter(L::RawRecordId.eq(record_id))
        .filter(L::ProjectId.eq(project_id))
        .one(conn)
        .await?;
    let mut row: duplicate_link::ActiveModel = match existing {
        Some(found) => found.into(),
        None => duplicate_link::ActiveModel {
            raw_record_id: Set(record_id),
            project_id: Set(project_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.score = Set(similarity.score);
    row.details = Set(details);
    row.status = Set(status.to_owned());
    row.decided_by = Set(by_user);
    row.decided_at = Set(decided_at);
    sea_orm::ActiveModelTrait::save(row, conn).await?;
    Ok(())
}

/// Remembers that `record_id` is not the same project as any of `others`.
pub async fn remember_distinct<C: ConnectionTrait>(
    conn: &C,
    record_id: i64,
    others: &[i64],
    by_user: Option<i64>,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let pairs: HashMap<(i64, i64), ()> = others
        .iter()
        .filter(|&&other| other != record_id)
        .map(|&other| ((record_id.min(other), record_id.max(other)), ()))
        .collect();
    for (a, b) in pairs.into_keys() {
        let row = distinct_record::ActiveModel {
            record_a: Set(a),
            record_b: Set(b),
            decided_by: Set(by_user),
            created_at: Set(now),
        };
        distinct_record::Entity::insert(row)
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    distinct_record::Column::RecordA,
                    distinct_record::Column::RecordB,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}
