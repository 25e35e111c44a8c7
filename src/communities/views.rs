//! What pages show of communities: cards (list, territory and project pages) and the
//! names of their places and themes.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;

use super::model::{MemberStatus, Scope};
use crate::entities::{community, community_member, community_theme};
use crate::taxonomy::{Term, Terms};
use crate::web::Lang;

/// `/communautes/{slug}`.
pub fn community_path(slug: &str) -> String {
    format!("/communautes/{slug}")
}

/// A community in a list.
#[derive(Debug, Clone, Serialize)]
pub struct CommunityCard {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub place: String,
    pub themes: Vec<Term>,
    pub visibility: String,
    pub membership_rule: String,
    pub status: String,
    pub members: u64,
    /// A short plain-text excerpt of the description.
    pub excerpt: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// "Redon (35)", "Ille-et-Vilaine (35)", "Bretagne" or "France entière".
pub fn place_label(row: &community::Model, lang: Lang) -> String {
    let index = crate::geo::communes::index();
    match Scope::parse(&row.scope) {
        Some(Scope::Commune) => row
            .commune_insee
            .as_deref()
            .and_then(|i| index.commune(i))
            .map(|c| format!("{} ({})", c.name, c.department))
            .unwrap_or_default(),
        Some(Scope::Department) => row
            .department_code
            .as_deref()
            .and_then(|d| index.department(d))
            .map(|d| format!("{} ({})", d.name, d.code))
            .unwrap_or_default(),
        Some(Scope::Region) => {
            crate::board::views::region_name(row.region_code.as_deref()).unwrap_or_default()
        }
        Some(Scope::France) | None => lang.t("community-scope-france"),
    }
}

/// Theme codes of each community of `ids`.
pub async fn themes_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, DbErr> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for row in community_theme::Entity::find()
        .filter(community_theme::Column::CommunityId.is_in(ids.to_vec()))
        .all(conn)
        .await?
    {
        out.entry(row.community_id).or_default().push(row.term_code);
    }
    Ok(out)
}

pub fn excerpt(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '`' | '>' | '[' | ']'))
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() > 220 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Cards of `rows`, in their order.
pub async fn cards<C: ConnectionTrait>(
    conn: &C,
    rows: &[community::Model],
    terms: &Terms,
    lang: Lang,
) -> Result<Vec<CommunityCard>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut themes = themes_of(conn, &ids).await?;
    let mut members: HashMap<i64, u64> = HashMap::new();
    for m in community_member::Entity::find()
        .filter(community_member::Column::CommunityId.is_in(ids.clone()))
        .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .all(conn)
        .await?
    {
        *members.entry(m.community_id).or_default() += 1;
    }
    Ok(rows
        .iter()
        .map(|r| CommunityCard {
            slug: r.slug.clone(),
            name: r.name.clone(),
            url: community_path(&r.slug),
            place: place_label(r, lang),
            themes: themes
                .remove(&r.id)
                .unwrap_or_default()
                .iter()
                .filter_map(|c| terms.get(c, lang))
                .collect(),
            visibility: r.visibility.clone(),
            membership_rule: r.membership_rule.clone(),
            status: r.status.clone(),
            members: members.get(&r.id).copied().unwrap_or(0),
            excerpt: excerpt(&r.description),
            latitude: r.latitude,
            longitude: r.longitude,
        })
        .collect())
}

/// A place on a page's map (`static/js/communities-map.js`).
#[derive(Serialize)]
pub struct MapPoint<'a> {
    pub name: &'a str,
    pub url: String,
    pub lat: f64,
    pub lon: f64,
}

/// `points` as JSON for the page's `<script type="application/json">` element.
pub fn points_json(points: &[MapPoint<'_>]) -> crate::error::AppResult<String> {
    crate::web::script_json(&points).map_err(|e| crate::error::AppError::Internal(e.into()))
}
