//! Matching requests and expertise profiles, both ways, with the reasons shown to people
//! ("correspond : évaluation d'impact, Hauts-de-France"). A pair matches when the profile
//! answers the request's kind, they share a theme (a theme and its sub-themes count as
//! shared, the more precise one is named), and their territories meet: same department
//! or region, or either side is remote or covers all of France. Closer places and more
//! shared themes rank first.
use std::collections::HashMap;

use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

use super::model::{Kind, Reach, Status};
use super::profile::{self, PUBLISHED, kinds_of};
use super::views::{self, RequestCard};
use crate::entities::{board_profile, board_profile_term, board_request, board_request_term};
use crate::taxonomy::Terms;
use crate::web::Lang;

/// Matches a page shows.
pub const SHOWN: usize = 6;
/// Candidates read from the database before ranking (newest first).
const CANDIDATES: u64 = 300;

/// What matching needs of a request or a profile.
#[derive(Debug, Clone)]
pub struct Facts {
    pub kinds: Vec<Kind>,
    /// Theme codes.
    pub themes: Vec<String>,
    pub reach: Option<Reach>,
    pub department: Option<String>,
    pub region: Option<String>,
}

impl Facts {
    pub fn of_request(row: &board_request::Model, codes: &[String]) -> Facts {
        Facts {
            kinds: Kind::parse(&row.kind).into_iter().collect(),
            themes: codes.to_vec(),
            reach: Reach::parse(&row.territory),
            department: row.department_code.clone(),
            region: row.region_code.clone(),
        }
    }

    pub fn of_profile(row: &board_profile::Model, codes: &[String]) -> Facts {
        Facts {
            kinds: kinds_of(row),
            themes: codes.to_vec(),
            reach: Reach::parse(&row.territory),
            department: row.department_code.clone(),
            region: row.region_code.clone(),
        }
    }

    fn is_anywhere(&self) -> bool {
        matches!(self.reach, Some(Reach::Remote | Reach::France) | None)
    }
}

/// Why a pair matches, and how well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reasons {
    pub score: u32,
    /// Shared themes then the place, in words.
    pub reasons: Vec<String>,
}

/// Whether `request` and `profile` match, and why.
pub fn explain(request: &Facts, profile: &Facts, terms: &Terms, lang: Lang) -> Option<Reasons> {
    if !request.kinds.iter().any(|k| profile.kinds.contains(k)) {
        return None;
    }
    let parent = |code: &str| terms.row(code).and_then(|t| t.parent_code.clone());
    let mut shared: Vec<String> = Vec::new();
    for r in request
        .themes
        .iter()
        .filter(|c| terms.row(c).is_some_and(|t| t.vocabulary == "theme"))
    {
        for p in &profile.themes {
            let precise = if r == p || parent(r).as_deref() == Some(p.as_str()) {
                Some(r)
            } else if parent(p).as_deref() == Some(r.as_str()) {
                Some(p)
            } else {
                None
            };
            if let Some(code) = precise
                && !shared.contains(code)
            {
                shared.push(code.clone());
            }
        }
    }
    if shared.is_empty() {
        return None;
    }
    let (place_score, place) =
        if request.department.is_some() && request.department == profile.department {
            let index = crate::geo::communes::index();
            let name = request
                .department
                .as_deref()
                .and_then(|d| index.department(d))
                .map(|d| d.name.to_owned());
            (3, name)
        } else if request.region.is_some()
            && request.region == profile.region
            && !request.is_anywhere()
            && !profile.is_anywhere()
        {
            (2, views::region_name(request.region.as_deref()))
        } else if request.reach == Some(Reach::Remote) || profile.reach == Some(Reach::Remote) {
            (1, Some(lang.t("board-reach-remote")))
        } else if request.is_anywhere() || profile.is_anywhere() {
            (1, Some(lang.t("board-reach-france")))
        } else {
            return None;
        };
    let mut reasons: Vec<String> = shared
        .iter()
        .filter_map(|c| terms.get(c, lang).map(|t| t.label))
        .collect();
    let score = 2 * shared.len() as u32 + place_score;
    reasons.extend(place);
    Some(Reasons { score, reasons })
}

/// Theme codes that may match `codes`: themselves, their parents and their children.
fn related(codes: &[String], terms: &Terms) -> Vec<String> {
    let mut out: Vec<String> = codes.to_vec();
    for (term, _) in terms.tree("theme", Lang::Fr) {
        let related = codes.contains(&term.code)
            || term.parent_code.as_ref().is_some_and(|p| codes.contains(p));
        if related && !out.contains(&term.code) {
            out.push(term.code.clone());
        }
        if codes.contains(&term.code)
            && let Some(p) = term.parent_code
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    out
}

/// Places that may meet `facts`: anywhere for a remote or national one, else the same
/// region or a remote or national counterpart.
fn place_condition<C: ColumnTrait>(facts: &Facts, territory: C, region: C) -> Condition {
    if facts.is_anywhere() {
        return Condition::all();
    }
    let mut any =
        Condition::any().add(territory.is_in([Reach::Remote.as_str(), Reach::France.as_str()]));
    if let Some(code) = &facts.region {
        any = any.add(region.eq(code.as_str()));
    }
    any
}

/// A profile in a list, with why it matches when it does.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileCard {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub offered_by: String,
    pub place: String,
    pub themes: Vec<crate::taxonomy::Term>,
    pub kinds: Vec<&'static str>,
    pub terms: String,
    pub availability: String,
    pub status: String,
    pub reasons: Vec<String>,
}

/// Cards of `rows` (with no reasons).
pub async fn profile_cards(
    db: &DatabaseConnection,
    rows: &[board_profile::Model],
    terms: &Terms,
    lang: Lang,
) -> Result<Vec<ProfileCard>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut codes = profile::terms_of(db, &ids).await?;
    let partners: HashMap<i64, String> = crate::entities::partner::Entity::find()
        .filter(
            crate::entities::partner::Column::Id.is_in(rows.iter().filter_map(|r| r.partner_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let people: HashMap<i64, String> = crate::entities::user::Entity::find()
        .filter(crate::entities::user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .iter()
        .map(|r| ProfileCard {
            id: r.id,
            url: profile::profile_path(r.id),
            title: r.title.clone(),
            offered_by: r
                .partner_id
                .and_then(|p| partners.get(&p).cloned())
                .or_else(|| people.get(&r.user_id).cloned())
                .unwrap_or_default(),
            place: views::place_of(
                &r.territory,
                r.commune_insee.as_deref(),
                r.department_code.as_deref(),
                r.region_code.as_deref(),
                lang,
            ),
            themes: codes
                .remove(&r.id)
                .unwrap_or_default()
                .iter()
                .filter_map(|c| terms.get(c, lang))
                .filter(|t| t.vocabulary == "theme")
                .collect(),
            kinds: kinds_of(r).into_iter().map(|k| k.as_str()).collect(),
            terms: r.terms.clone(),
            availability: r.availability.clone(),
            status: r.status.clone(),
            reasons: Vec::new(),
        })
        .collect())
}

/// A request that matches a profile, with why.
#[derive(Debug, Clone, Serialize)]
pub struct MatchedRequest {
    pub card: RequestCard,
    pub reasons: Vec<String>,
}

/// The open requests that best match `profile`.
pub async fn requests_for(
    db: &DatabaseConnection,
    profile: &board_profile::Model,
    codes: &[String],
    terms: &Terms,
    lang: Lang,
) -> Result<Vec<MatchedRequest>, DbErr> {
    let facts = Facts::of_profile(profile, codes);
    let themes = related(&facts.themes, terms);
    let rows = board_request::Entity::find()
        .filter(board_request::Column::Status.eq(Status::Published.as_str()))
        .filter(board_request::Column::Kind.is_in(facts.kinds.iter().map(|k| k.as_str())))
        .filter(
            board_request::Column::Id.in_subquery(
                Query::select()
                    .column(board_request_term::Column::RequestId)
                    .from(board_request_term::Entity)
                    .and_where(board_request_term::Column::TermCode.is_in(themes))
                    .to_owned(),
            ),
        )
        .filter(place_condition(
            &facts,
            board_request::Column::Territory,
            board_request::Column::RegionCode,
        ))
        .order_by_desc(board_request::Column::PublishedAt)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let request_terms = views::terms_of(db, &ids).await?;
    let mut ranked: Vec<(Reasons, board_request::Model)> = rows
        .into_iter()
        .filter_map(|r| {
            let codes = request_terms.get(&r.id).cloned().unwrap_or_default();
            explain(&Facts::of_request(&r, &codes), &facts, terms, lang).map(|why| (why, r))
        })
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0.score));
    ranked.truncate(SHOWN);
    let rows: Vec<board_request::Model> = ranked.iter().map(|(_, r)| r.clone()).collect();
    let cards = views::cards(db, &rows, terms, lang).await?;
    Ok(cards
        .into_iter()
        .zip(ranked)
        .map(|(card, (why, _))| MatchedRequest {
            card,
            reasons: why.reasons,
        })
        .collect())
}

/// The published profiles that best match `request`.
pub async fn profiles_for(
    db: &DatabaseConnection,
    request: &board_request::Model,
    codes: &[String],
    terms: &Terms,
    lang: Lang,
) -> Result<Vec<ProfileCard>, DbErr> {
    let facts = Facts::of_request(request, codes);
    let themes = related(&facts.themes, terms);
    let rows = board_profile::Entity::find()
        .filter(board_profile::Column::Status.eq(PUBLISHED))
        .filter(board_profile::Column::Kinds.contains(request.kind.as_str()))
        .filter(
            board_profile::Column::Id.in_subquery(
                Query::select()
                    .column(board_profile_term::Column::ProfileId)
                    .from(board_profile_term::Entity)
                    .and_where(board_profile_term::Column::TermCode.is_in(themes))
                    .to_owned(),
            ),
        )
        .filter(place_condition(
            &facts,
            board_profile::Column::Territory,
            board_profile::Column::RegionCode,
        ))
        .order_by_desc(board_profile::Column::UpdatedAt)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let profile_terms = profile::terms_of(db, &ids).await?;
    let mut ranked: Vec<(Reasons, board_profile::Model)> = rows
        .into_iter()
        .filter_map(|p| {
            let codes = profile_terms.get(&p.id).cloned().unwrap_or_default();
            explain(&facts, &Facts::of_profile(&p, &codes), terms, lang).map(|why| (why, p))
        })
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0.score));
    ranked.truncate(SHOWN);
    let rows: Vec<board_profile::Model> = ranked.iter().map(|(_, p)| p.clone()).collect();
    let cards = profile_cards(db, &rows, terms, lang).await?;
    Ok(cards
        .into_iter()
        .zip(ranked)
        .map(|(mut card, (why, _))| {
            card.reasons = why.reasons;
            card
        })
        .collect())
}
