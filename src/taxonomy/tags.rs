//! Partners' tags → project terms. Each partner keeps one mapping per distinct tag
//! (`tag_mappings`): found automatically when exactly one term answers to it, queued for
//! the partner's editors otherwise. A project's terms are the union of what its live
//! listings' tags map to; the raw tags stay on the listings.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::matching::{Matcher, normalise};
use crate::entities::{project, project_attribution, project_term, tag_mapping, taxonomy_term};
use crate::state::AppState;
use crate::worker::Job;

/// How a mapping was decided (`tag_mappings.how`).
pub mod how {
    /// By the matcher; with no term, the tag waits in the partner's queue.
    pub const AUTO: &str = "auto";
    /// By an editor.
    pub const MANUAL: &str = "manual";
    /// An editor said the tag names no term.
    pub const IGNORED: &str = "ignored";
}

/// True when the mapping waits for an editor.
pub fn is_queued(mapping: &tag_mapping::Model) -> bool {
    mapping.how == how::AUTO && mapping.term_code.is_none()
}

/// The thesaurus as tag mapping needs it: each term's vocabulary and parent, and the
/// matcher. Loaded once per refresh call or batch.
pub struct Thesaurus {
    terms: HashMap<String, taxonomy_term::Model>,
    /// Built on first use: most refreshes meet no tag they have not seen before.
    matcher: OnceLock<Matcher>,
}

impl Thesaurus {
    pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<Self, DbErr> {
        let rows = taxonomy_term::Entity::find().all(conn).await?;
        let terms = rows.into_iter().map(|t| (t.code.clone(), t)).collect();
        Ok(Self {
            terms,
            matcher: OnceLock::new(),
        })
    }

    /// The term a tag names on its own, if exactly one does.
    pub fn match_tag(&self, normalised: &str) -> Option<&str> {
        self.matcher
            .get_or_init(|| Matcher::new(self.terms.values()))
            .find(normalised)
    }
}

/// A live listing as mapping sees it: its partner and its tags (as written, normalised).
type Listing = (i64, Vec<(String, String)>);

/// The tags of a listing (its `partner_tags` JSON list), normalised, each once.
fn listing_tags(partner_tags: &str) -> Vec<(String, String)> {
    let raw: Vec<String> = serde_json::from_str(partner_tags).unwrap_or_default();
    let mut seen = HashSet::new();
    raw.into_iter()
        .filter_map(|tag| {
            let key = normalise(&tag);
            (!key.is_empty() && seen.insert(key.clone())).then_some((tag, key))
        })
        .collect()
}

/// Projects refreshed per group of queries (well under SQLite's bound-parameter limit).
const PROJECTS_PER_QUERY: usize = 200;
/// Tags looked up per query, for the same reason.
const TAGS_PER_QUERY: usize = 500;

/// Recomputes project terms, the thesaurus loaded once for all the projects it does.
pub struct TermsRefresher {
    thesaurus: Thesaurus,
}

/// What a project's live listings map to.
#[derive(Debug, Default, PartialEq, Eq)]
struct ProjectTerms {
    /// Themes (a sub-theme followed by its theme), then publics.
    codes: Vec<String>,
    structure: Option<String>,
}

impl TermsRefresher {
    pub async fn new<C: ConnectionTrait>(conn: &C) -> Result<Self, DbErr> {
        Ok(Self {
            thesaurus: Thesaurus::load(conn).await?,
        })
    }

    /// The mapped term of each (partner, normalised tag), creating the mappings of tags
    /// never seen (matched now, or queued).
    async fn mappings<C: ConnectionTrait>(
        &self,
        conn: &C,
        wanted: &BTreeMap<(i64, String), String>,
    ) -> Result<HashMap<(i64, String), Option<String>>, DbErr> {
        let partners: BTreeSet<i64> = wanted.keys().map(|(p, _)| *p).collect();
        let keys: Vec<&str> = wanted
            .keys()
            .map(|(_, k)| k.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut found: HashMap<(i64, String), Option<String>> = HashMap::new();
        for chunk in keys.chunks(TAGS_PER_QUERY) {
            let rows = tag_mapping::Entity::find()
                .filter(tag_mapping::Column::PartnerId.is_in(partners.iter().copied()))
                .filter(tag_mapping::Column::Normalised.is_in(chunk.iter().copied()))
                .all(conn)
                .await?;
            found.extend(
                rows.into_iter()
                    .map(|m| ((m.partner_id, m.normalised), m.term_code)),
            );
        }
        let now = Utc::now();
        let mut fresh = Vec::new();
        for ((partner_id, key), tag) in wanted {
            let entry = (*partner_id, key.clone());
            if found.contains_key(&entry) {
                continue;
            }
            let term = self.thesaurus.match_tag(key).map(str::to_owned);
            fresh.push(tag_mapping::ActiveModel {
                partner_id: Set(*partner_id),
                tag: Set(tag.chars().take(super::matching::MAX_TAG_CHARS).collect()),
                normalised: Set(key.clone()),
                term_code: Set(term.clone()),
                how: Set(how::AUTO.to_owned()),
                decided_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
            found.insert(entry, term);
        }
        // 8 columns a row: well under the parameter limit.
        for chunk in fresh.chunks(TAGS_PER_QUERY / 5) {
            // Another worker may have seen the tag meanwhile: its row stands.
            tag_mapping::Entity::insert_many(chunk.to_vec())
                .on_conflict(
                    OnConflict::columns([
                        tag_mapping::Column::PartnerId,
                        tag_mapping::Column::Normalised,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(conn)
                .await?;
        }
        Ok(found)
    }

    /// The terms of listings (partner, normalised tags) in listing then tag order.
    fn terms_of(
        &self,
        listings: &[Listing],
        mapped: &HashMap<(i64, String), Option<String>>,
    ) -> ProjectTerms {
        let mut themes = Vec::new();
        let mut publics = Vec::new();
        let mut structure = None;
        for (partner_id, tags) in listings {
            for (_, key) in tags {
                let Some(Some(code)) = mapped.get(&(*partner_id, key.clone())) else {
                    continue;
                };
                let Some(term) = self.thesaurus.terms.get(code) else {
                    continue;
                };
                match term.vocabulary.as_str() {
                    "theme" => {
                        add_once(&mut themes, code);
                        // A sub-theme also files the project under its theme.
                        if let Some(parent) = &term.parent_code {
                            add_once(&mut themes, parent);
                        }
                    }
                    "public" => add_once(&mut publics, code),
                    "structure" => {
                        structure.get_or_insert_with(|| code.clone());
                    }
                    _ => {}
                }
            }
        }
        themes.extend(publics);
        ProjectTerms {
            codes: themes,
            structure,
        }
    }

    /// Recomputes the project's `project_terms` and `structure_code` from its live
    /// listings (see `refresh_many`).
    pub async fn refresh<C: ConnectionTrait>(
        &self,
        conn: &C,
        project_id: i64,
    ) -> Result<(), DbErr> {
        self.refresh_many(conn, &[project_id]).await
    }

    /// Recomputes each project's `project_terms` (themes, then publics) and
    /// `structure_code` from its live listings, in a few queries per group of projects;
    /// only what changed is written. A project with no live listing is archived and keeps
    /// the terms it had, like the rest of its content.
    pub async fn refresh_many<C: ConnectionTrait>(
        &self,
        conn: &C,
        project_ids: &[i64],
    ) -> Result<(), DbErr> {
        for group in project_ids.chunks(PROJECTS_PER_QUERY) {
            self.refresh_group(conn, group).await?;
        }
        Ok(())
    }

    async fn refresh_group<C: ConnectionTrait>(
        &self,
        conn: &C,
        project_ids: &[i64],
    ) -> Result<(), DbErr> {
        let rows: Vec<(i64, i64, String)> = project_attribution::Entity::find()
            .select_only()
            .column(project_attribution::Column::ProjectId)
            .column(project_attribution::Column::PartnerId)
            .column(project_attribution::Column::PartnerTags)
            .filter(project_attribution::Column::ProjectId.is_in(project_ids.iter().copied()))
            .filter(project_attribution::Column::GoneAt.is_null())
            .order_by_asc(project_attribution::Column::Id)
            .into_tuple()
            .all(conn)
            .await?;
        let mut listings: BTreeMap<i64, Vec<Listing>> = BTreeMap::new();
        for (project_id, partner_id, tags) in rows {
            listings
                .entry(project_id)
                .or_default()
                .push((partner_id, listing_tags(&tags)));
        }
        if listings.is_empty() {
            return Ok(());
        }
        // Each distinct tag with its spelling as first met (oldest project first).
        let mut wanted: BTreeMap<(i64, String), String> = BTreeMap::new();
        for (partner_id, tags) in listings.values().flatten() {
            for (tag, key) in tags {
                wanted
                    .entry((*partner_id, key.clone()))
                    .or_insert_with(|| tag.clone());
            }
        }
        let mapped = if wanted.is_empty() {
            HashMap::new()
        } else {
            self.mappings(conn, &wanted).await?
        };
        let current = current_terms(conn, listings.keys().copied()).await?;
        let mut changed = Vec::new();
        for (project_id, project_listings) in &listings {
            let fresh = self.terms_of(project_listings, &mapped);
            let stored = current.get(project_id);
            let codes_moved = stored.map(|s| &s.codes) != Some(&fresh.codes);
            let structure_moved = stored.map(|s| &s.structure) != Some(&fresh.structure);
            if codes_moved {
                store_codes(conn, *project_id, &fresh.codes).await?;
            }
            if structure_moved {
                project::Entity::update_many()
                    .col_expr(project::Column::StructureCode, Expr::value(fresh.structure))
                    .filter(project::Column::Id.eq(*project_id))
                    .exec(conn)
                    .await?;
            }
            if codes_moved || structure_moved {
                changed.push(*project_id);
            }
        }
        crate::search::changes::note(conn, &changed).await
    }
}

fn add_once(list: &mut Vec<String>, code: &str) {
    if !list.iter().any(|c| c == code) {
        list.push(code.to_owned());
    }
}

/// The stored terms and structure type of projects.
async fn current_terms<C: ConnectionTrait>(
    conn: &C,
    project_ids: impl Iterator<Item = i64> + Clone,
) -> Result<HashMap<i64, ProjectTerms>, DbErr> {
    let structures: Vec<(i64, Option<String>)> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::StructureCode)
        .filter(project::Column::Id.is_in(project_ids.clone()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut current: HashMap<i64, ProjectTerms> = structures
        .into_iter()
        .map(|(id, structure)| {
            (
                id,
                ProjectTerms {
                    codes: Vec::new(),
                    structure,
                },
            )
        })
        .collect();
    let terms: Vec<(i64, String)> = project_term::Entity::find()
        .select_only()
        .column(project_term::Column::ProjectId)
        .column(project_term::Column::TermCode)
        .filter(project_term::Column::ProjectId.is_in(project_ids))
        .order_by_asc(project_term::Column::ProjectId)
        .order_by_asc(project_term::Column::Position)
        .into_tuple()
        .all(conn)
        .await?;
    for (project_id, code) in terms {
        if let Some(entry) = current.get_mut(&project_id) {
            entry.codes.push(code);
        }
    }
    Ok(current)
}

/// Replaces a project's terms.
async fn store_codes<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    codes: &[String],
) -> Result<(), DbErr> {
    project_term::Entity::delete_many()
        .filter(project_term::Column::ProjectId.eq(project_id))
        .exec(conn)
        .await?;
    if !codes.is_empty() {
        project_term::Entity::insert_many(codes.iter().enumerate().map(|(position, code)| {
            project_term::ActiveModel {
                project_id: Set(project_id),
                term_code: Set(code.clone()),
                position: Set(position as i32),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Recomputes one project's terms (see `TermsRefresher::refresh_many`).
pub async fn refresh_project_terms<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<(), DbErr> {
    TermsRefresher::new(conn)
        .await?
        .refresh(conn, project_id)
        .await
}

/// Recomputes the terms of projects (each once, whatever the repeats in `project_ids`).
pub async fn refresh_terms_of_projects<C: ConnectionTrait>(
    conn: &C,
    project_ids: &[i64],
) -> Result<(), DbErr> {
    let unique: Vec<i64> = project_ids
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if unique.is_empty() {
        return Ok(());
    }
    TermsRefresher::new(conn)
        .await?
        .refresh_many(conn, &unique)
        .await
}

/// Recomputes the terms of the projects raw records are listed under (consolidation
/// calls it once per batch of records: the thesaurus is loaded once for all).
pub async fn refresh_terms_of_records<C: ConnectionTrait>(
    conn: &C,
    raw_record_ids: &[i64],
) -> Result<(), DbErr> {
    let mut project_ids = BTreeSet::new();
    for chunk in raw_record_ids.chunks(PROJECTS_PER_QUERY) {
        let ids: Vec<i64> = project_attribution::Entity::find()
            .select_only()
            .column(project_attribution::Column::ProjectId)
            .filter(project_attribution::Column::RawRecordId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        project_ids.extend(ids);
    }
    let project_ids: Vec<i64> = project_ids.into_iter().collect();
    refresh_terms_of_projects(conn, &project_ids).await
}

/// How many of the partner's tags wait for an editor.
pub async fn queued_count<C: ConnectionTrait>(conn: &C, partner_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    tag_mapping::Entity::find()
        .filter(tag_mapping::Column::PartnerId.eq(partner_id))
        .filter(tag_mapping::Column::How.eq(how::AUTO))
        .filter(tag_mapping::Column::TermCode.is_null())
        .count(conn)
        .await
}

/// How many live listings of the partner carry each tag, by normalised tag.
pub async fn tag_counts<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
) -> Result<HashMap<String, u64>, DbErr> {
    let mut counts = HashMap::new();
    for (_, tags) in live_listings(conn, partner_id).await? {
        for key in tags {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// The partner's live listings: project id and normalised tags. Normalising is cached
/// per distinct raw tag, as the same few tags repeat across thousands of listings.
async fn live_listings<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
) -> Result<Vec<(i64, Vec<String>)>, DbErr> {
    let rows: Vec<(i64, String)> = project_attribution::Entity::find()
        .select_only()
        .column(project_attribution::Column::ProjectId)
        .column(project_attribution::Column::PartnerTags)
        .filter(project_attribution::Column::PartnerId.eq(partner_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .into_tuple()
        .all(conn)
        .await?;
    let mut cache: HashMap<String, String> = HashMap::new();
    Ok(rows
        .into_iter()
        .map(|(project_id, json)| {
            let raw: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
            let mut keys: Vec<String> = raw
                .into_iter()
                .map(|tag| {
                    cache
                        .entry(tag)
                        .or_insert_with_key(|tag| normalise(tag))
                        .clone()
                })
                .filter(|key| !key.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            (project_id, keys)
        })
        .collect())
}

/// Projects with a live listing of the partner carrying one of `keys` (normalised tags).
pub async fn projects_carrying<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
    keys: &HashSet<String>,
) -> Result<BTreeSet<i64>, DbErr> {
    Ok(live_listings(conn, partner_id)
        .await?
        .into_iter()
        .filter(|(_, tags)| tags.iter().any(|t| keys.contains(t)))
        .map(|(project_id, _)| project_id)
        .collect())
}

/// Recomputes the terms of every project a partner lists with one of the tags.
pub async fn refresh_projects_carrying<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
    keys: &HashSet<String>,
) -> Result<usize, DbErr> {
    let projects: Vec<i64> = projects_carrying(conn, partner_id, keys)
        .await?
        .into_iter()
        .collect();
    TermsRefresher::new(conn)
        .await?
        .refresh_many(conn, &projects)
        .await?;
    Ok(projects.len())
}

/// The queued tags that now name exactly one term (after a coordinator added a term or
/// a synonym) become automatic mappings. Returns them by partner.
pub async fn rematch_queue<C: ConnectionTrait>(
    conn: &C,
) -> Result<BTreeMap<i64, HashSet<String>>, DbErr> {
    let thesaurus = Thesaurus::load(conn).await?;
    let queued = tag_mapping::Entity::find()
        .filter(tag_mapping::Column::How.eq(how::AUTO))
        .filter(tag_mapping::Column::TermCode.is_null())
        .all(conn)
        .await?;
    let mut matched: BTreeMap<i64, HashSet<String>> = BTreeMap::new();
    let now = Utc::now();
    for mapping in queued {
        let Some(code) = thesaurus.match_tag(&mapping.normalised) else {
            continue;
        };
        tag_mapping::Entity::update_many()
            .col_expr(tag_mapping::Column::TermCode, Expr::value(code))
            .col_expr(tag_mapping::Column::UpdatedAt, Expr::value(now))
            .filter(tag_mapping::Column::Id.eq(mapping.id))
            .exec(conn)
            .await?;
        matched
            .entry(mapping.partner_id)
            .or_default()
            .insert(mapping.normalised);
    }
    Ok(matched)
}

/// The job that recomputes the terms of a partner's projects carrying some tags, for
/// mapping changes that touch too many projects to do within the request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefreshTaggedProjects {
    pub partner_id: i64,
    /// Normalised tags.
    pub tags: Vec<String>,
}

impl Job for RefreshTaggedProjects {
    const KIND: &'static str = "refresh_tagged_projects";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let keys: HashSet<String> = self.tags.into_iter().collect();
        let txn = crate::db::begin_write(&state.db).await?;
        let done = refresh_projects_carrying(&txn, self.partner_id, &keys).await?;
        txn.commit().await?;
        tracing::info!(
            partner = self.partner_id,
            projects = done,
            "project terms refreshed"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_tags_are_normalised_once_each() {
        let tags = listing_tags(r#"["Tiers-lieux", "tiers lieu", "", "Jeunes"]"#);
        assert_eq!(
            tags,
            [
                ("Tiers-lieux".to_owned(), "tier lieu".to_owned()),
                ("Jeunes".to_owned(), "jeune".to_owned())
            ]
        );
        assert!(listing_tags("not json").is_empty());
    }
}
