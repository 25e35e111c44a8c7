//! `/courtage/profils`: the search of published expertise profiles, the board's second
//! tab — words analysed as the project search does (French stemming, `"…"` and `-word`),
//! criteria with counts that leave out their own choice (theme, region, kind of request,
//! pro bono or paid), pages of 20. Profiles are few next to requests (one per expert,
//! hundreds to a few thousand), so each search reads the published ones from the database
//! and matches them in memory: no index to keep in step.
use std::collections::{HashMap, HashSet};

use axum::extract::{RawQuery, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::matching::{ProfileCard, profile_cards};
use super::model::{Kind, ProfileTerms};
use super::profile::{self, PUBLISHED, kinds_of};
use super::search::{FacetValue, FacetView, PER_PAGE, label};
use crate::entities::{board_profile, taxonomy_term};
use crate::error::AppResult;
use crate::search::analysis;
use crate::search::query::parse_text;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{Lang, Page};

/// The criteria of the profile search, in the page's order.
pub const PROFILE_FACETS: [&str; 4] = ["theme", "region", "kind", "terms"];

/// The parameters as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileParams {
    pub q: String,
    pub theme: Vec<String>,
    pub region: Vec<String>,
    pub kind: Vec<String>,
    pub terms: Vec<String>,
    pub page: String,
}

impl ProfileParams {
    pub fn from_query(query: Option<&str>) -> Self {
        serde_html_form::from_str(query.unwrap_or_default()).unwrap_or_default()
    }

    fn values(&self, name: &str) -> &[String] {
        match name {
            "theme" => &self.theme,
            "region" => &self.region,
            "kind" => &self.kind,
            _ => &self.terms,
        }
    }

    fn values_mut(&mut self, name: &str) -> &mut Vec<String> {
        match name {
            "theme" => &mut self.theme,
            "region" => &mut self.region,
            "kind" => &mut self.kind,
            _ => &mut self.terms,
        }
    }

    pub fn page_number(&self) -> usize {
        self.page.parse().unwrap_or(1).max(1)
    }

    pub fn url(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.trim().to_owned()));
        }
        for name in PROFILE_FACETS {
            for v in self.values(name) {
                pairs.push((name, v.clone()));
            }
        }
        if self.page_number() > 1 {
            pairs.push(("page", self.page_number().to_string()));
        }
        let query = serde_html_form::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/courtage/profils".into()
        } else {
            format!("/courtage/profils?{query}")
        }
    }

    fn toggled(&self, name: &str, value: &str) -> Self {
        let mut next = self.clone();
        next.page = String::new();
        let values = next.values_mut(name);
        match values.iter().position(|v| v == value) {
            Some(at) => {
                values.remove(at);
            }
            None => values.push(value.to_owned()),
        }
        next
    }
}

/// A profile as the search sees it.
struct ProfileDoc {
    id: i64,
    title: HashSet<String>,
    words: HashSet<String>,
    /// Values by criterion, in [`PROFILE_FACETS`] order.
    criteria: [Vec<String>; 4],
    updated_at: DateTime<Utc>,
}

async fn documents(db: &DatabaseConnection) -> Result<Vec<ProfileDoc>, DbErr> {
    let rows = board_profile::Entity::find()
        .filter(board_profile::Column::Status.eq(PUBLISHED))
        .order_by_desc(board_profile::Column::UpdatedAt)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut codes = profile::terms_of(db, &ids).await?;
    let thesaurus: HashMap<String, taxonomy_term::Model> = taxonomy_term::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect();
    let mut analyzer = analysis::french();
    let mut words = |text: &str| -> HashSet<String> {
        analysis::tokens(&mut analyzer, text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    };
    let index = crate::geo::communes::index();
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut themes = Vec::new();
            let mut labels = Vec::new();
            for code in codes.remove(&r.id).unwrap_or_default() {
                let Some(term) = thesaurus.get(&code) else {
                    continue;
                };
                labels.push(format!("{} {}", term.label_fr, term.label_en));
                if term.vocabulary == "theme" {
                    themes.extend(term.parent_code.clone());
                    themes.push(code);
                }
            }
            let mut place = Vec::new();
            if let Some(c) = r.commune_insee.as_deref().and_then(|i| index.commune(i)) {
                place.push(c.name.to_owned());
            }
            if let Some(d) = r
                .department_code
                .as_deref()
                .and_then(|d| index.department(d))
            {
                place.push(d.name.to_owned());
            }
            place.extend(super::views::region_name(r.region_code.as_deref()));
            let text = format!(
                "{} {} {} {} {}",
                r.description,
                labels.join(" "),
                place.join(" "),
                r.availability,
                r.title
            );
            let terms = match ProfileTerms::parse(&r.terms) {
                Some(ProfileTerms::Both) => vec!["pro_bono".into(), "paid".into()],
                Some(t) => vec![t.as_str().into()],
                None => Vec::new(),
            };
            ProfileDoc {
                id: r.id,
                title: words(&r.title),
                words: words(&text),
                criteria: [
                    themes,
                    r.region_code.iter().cloned().collect(),
                    kinds_of(&r).iter().map(|k| k.as_str().to_owned()).collect(),
                    terms,
                ],
                updated_at: r.updated_at,
            }
        })
        .collect())
}

/// The typed words: each item's analysed words, and whether it is left out.
fn text_items(text: &str) -> Vec<(Vec<String>, bool)> {
    let mut analyzer = analysis::french();
    parse_text(text)
        .into_iter()
        .map(|item| {
            let words: Vec<String> = analysis::tokens(&mut analyzer, &item.text)
                .into_iter()
                .map(|t| t.text)
                .collect();
            (words, item.negated)
        })
        .filter(|(words, _)| !words.is_empty())
        .collect()
}

/// What a search found.
pub struct FoundProfiles {
    pub total: usize,
    pub ids: Vec<i64>,
    pub counts: HashMap<&'static str, HashMap<String, u64>>,
}

/// Runs the search over the published profiles.
pub async fn run(db: &DatabaseConnection, params: &ProfileParams) -> Result<FoundProfiles, DbErr> {
    let docs = documents(db).await?;
    let items = text_items(&params.q);
    let text_ok = |d: &ProfileDoc| {
        items.iter().all(|(words, negated)| {
            let all = words.iter().all(|w| d.words.contains(w));
            all != *negated
        })
    };
    let criteria_ok = |d: &ProfileDoc, skip: Option<usize>| {
        PROFILE_FACETS.iter().enumerate().all(|(at, name)| {
            let chosen = params.values(name);
            Some(at) == skip
                || chosen.is_empty()
                || d.criteria[at].iter().any(|v| chosen.contains(v))
        })
    };
    let mut counts: HashMap<&'static str, HashMap<String, u64>> = HashMap::new();
    let matching: Vec<&ProfileDoc> = docs.iter().filter(|d| text_ok(d)).collect();
    for (at, name) in PROFILE_FACETS.iter().enumerate() {
        let tally = counts.entry(name).or_default();
        for d in matching.iter().filter(|d| criteria_ok(d, Some(at))) {
            for v in &d.criteria[at] {
                *tally.entry(v.clone()).or_default() += 1;
            }
        }
    }
    let mut found: Vec<&ProfileDoc> = matching
        .into_iter()
        .filter(|d| criteria_ok(d, None))
        .collect();
    let title_hits = |d: &ProfileDoc| {
        items
            .iter()
            .filter(|(words, negated)| !negated && words.iter().all(|w| d.title.contains(w)))
            .count()
    };
    found.sort_by(|a, b| {
        title_hits(b)
            .cmp(&title_hits(a))
            .then(b.updated_at.cmp(&a.updated_at))
    });
    let offset = (params.page_number() - 1) * PER_PAGE;
    Ok(FoundProfiles {
        total: found.len(),
        ids: found
            .iter()
            .skip(offset)
            .take(PER_PAGE)
            .map(|d| d.id)
            .collect(),
        counts,
    })
}

fn facet_label(name: &str, value: &str, terms: &Terms, lang: Lang) -> String {
    match name {
        "terms" if ProfileTerms::parse(value).is_some() => {
            lang.t(&format!("board-profile-terms-{value}"))
        }
        "kind" if Kind::parse(value).is_some() => lang.t(&format!("board-kind-{value}")),
        _ => label(name, value, terms, lang),
    }
}

#[derive(Serialize)]
struct ProfilesView {
    params: ProfileParams,
    total: usize,
    results: Vec<ProfileCard>,
    facets: Vec<FacetView>,
    page: usize,
    pages: usize,
    previous_url: Option<String>,
    next_url: Option<String>,
    requests_url: String,
}

/// `GET /courtage/profils`
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let lang = page.lang();
    let params = ProfileParams::from_query(raw.as_deref());
    let found = run(&state.db, &params).await?;
    let terms = Terms::load(&state.db).await?;
    let rows = board_profile::Entity::find()
        .filter(board_profile::Column::Id.is_in(found.ids.clone()))
        .all(&state.db)
        .await?;
    let mut by_id: HashMap<i64, board_profile::Model> =
        rows.into_iter().map(|r| (r.id, r)).collect();
    let ordered: Vec<board_profile::Model> =
        found.ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let results = profile_cards(&state.db, &ordered, &terms, lang).await?;
    let facets = PROFILE_FACETS
        .iter()
        .map(|&name| {
            let chosen = params.values(name);
            let mut all = found.counts.get(name).cloned().unwrap_or_default();
            for v in chosen {
                all.entry(v.clone()).or_insert(0);
            }
            let mut values: Vec<FacetValue> = all
                .into_iter()
                .map(|(value, count)| FacetValue {
                    label: facet_label(name, &value, &terms, lang),
                    chosen: chosen.contains(&value),
                    url: params.toggled(name, &value).url(),
                    count,
                    value,
                })
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
            FacetView { name, values }
        })
        .filter(|f| !f.values.is_empty())
        .collect();
    let pages = found.total.div_ceil(PER_PAGE).max(1);
    let number = params.page_number();
    let at = |n: usize| {
        let mut p = params.clone();
        p.page = n.to_string();
        p.url()
    };
    let requests_url = if params.q.trim().is_empty() {
        "/courtage".to_owned()
    } else {
        format!(
            "/courtage?{}",
            serde_html_form::to_string([("q", params.q.trim())]).unwrap_or_default()
        )
    };
    let view = ProfilesView {
        total: found.total,
        results,
        facets,
        page: number,
        pages,
        previous_url: (number > 1).then(|| at(number - 1)),
        next_url: (number < pages).then(|| at(number + 1)),
        requests_url,
        params,
    };
    page.render("board/profiles.html", &view)
}
