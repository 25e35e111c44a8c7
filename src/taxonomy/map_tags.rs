//! `/p/{partner}/etiquettes`: a partner's editors map the partner's own tags to
//! thesaurus terms. Tags no term answers to on its own wait in a queue, most used first;
//! one form maps many at once, and the tags already mapped can be changed below.
use std::collections::{HashMap, HashSet};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::tags::{self, how};
use super::{Term, Terms};
use crate::entities::tag_mapping;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::{CsrfForm, Lang, Page, flash};

/// Value of the select that leaves a tag in the queue.
const QUEUED: &str = "";
/// Value of the select that marks a tag as naming no term.
const IGNORE: &str = "ignore";
/// Above this many projects, a change is applied by a background job.
const REFRESH_IN_REQUEST: usize = 200;
/// Prefix of the select of a mapping, followed by its id.
const FIELD_PREFIX: &str = "map-";
/// Rows shown per list unless all are asked for: the most used come first, and a page of
/// thousands of selects helps nobody.
const ROWS_SHOWN: usize = 150;

#[derive(Serialize)]
struct TagRow {
    id: i64,
    tag: String,
    /// Live listings of the partner carrying the tag.
    count: u64,
    how: String,
    /// The select's name.
    field: String,
    /// The select's value: a term code, `ignore`, or empty for the queue.
    selected: String,
}

#[derive(Serialize)]
struct TermOption {
    code: String,
    label: String,
    /// 1 for a sub-theme, shown indented under its theme.
    depth: u8,
}

#[derive(Serialize)]
struct TermGroup {
    vocabulary: &'static str,
    options: Vec<TermOption>,
}

#[derive(Serialize)]
struct TagsView {
    space: SpaceHeader,
    queue: Vec<TagRow>,
    mapped: Vec<TagRow>,
    /// Rows of each list left out of the page (see `ROWS_SHOWN`).
    queue_hidden: usize,
    mapped_hidden: usize,
    groups: Vec<TermGroup>,
    errors: FieldErrors,
}

/// What a select says of a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Decision {
    Queued,
    Ignored,
    Term(String),
}

impl Decision {
    fn of(mapping: &tag_mapping::Model) -> Self {
        match (&mapping.term_code, mapping.how.as_str()) {
            (Some(code), _) => Decision::Term(code.clone()),
            (None, how::IGNORED) => Decision::Ignored,
            (None, _) => Decision::Queued,
        }
    }

    fn value(&self) -> &str {
        match self {
            Decision::Queued => QUEUED,
            Decision::Ignored => IGNORE,
            Decision::Term(code) => code,
        }
    }

    /// Parses a select's value; `None` for a code the thesaurus does not have.
    fn parse(value: &str, terms: &Terms) -> Option<Self> {
        match value.trim() {
            QUEUED => Some(Decision::Queued),
            IGNORE => Some(Decision::Ignored),
            code => terms
                .row(code)
                .is_some()
                .then(|| Decision::Term(code.to_owned())),
        }
    }
}

fn groups(terms: &Terms, lang: Lang) -> Vec<TermGroup> {
    super::VOCABULARIES
        .into_iter()
        .map(|vocabulary| TermGroup {
            vocabulary,
            options: terms
                .tree(vocabulary, lang)
                .into_iter()
                .map(|(Term { code, label, .. }, depth)| TermOption { code, label, depth })
                .collect(),
        })
        .collect()
}

/// The most used rows, and those in `posted`, unless `all`; returns how many were left out.
fn shorten(rows: &mut Vec<TagRow>, all: bool, posted: &HashMap<i64, String>) -> usize {
    let before = rows.len();
    if !all {
        let mut index = 0;
        rows.retain(|row| {
            index += 1;
            index <= ROWS_SHOWN || posted.contains_key(&row.id)
        });
    }
    before - rows.len()
}

/// The page, the selects showing `posted` values where given (a refused submission).
async fn view(
    state: &AppState,
    acting: &ActingPartner,
    lang: Lang,
    all: bool,
    posted: &HashMap<i64, String>,
    errors: FieldErrors,
) -> AppResult<TagsView> {
    let terms = Terms::load(&state.db).await?;
    let counts = tags::tag_counts(&state.db, acting.partner.id).await?;
    let mappings = tag_mapping::Entity::find()
        .filter(tag_mapping::Column::PartnerId.eq(acting.partner.id))
        .all(&state.db)
        .await?;
    let (mut queue, mut mapped) = (Vec::new(), Vec::new());
    for mapping in mappings {
        let row = TagRow {
            id: mapping.id,
            count: counts.get(&mapping.normalised).copied().unwrap_or(0),
            field: format!("{FIELD_PREFIX}{}", mapping.id),
            selected: posted
                .get(&mapping.id)
                .cloned()
                .unwrap_or_else(|| Decision::of(&mapping).value().to_owned()),
            how: mapping.how.clone(),
            tag: mapping.tag.clone(),
        };
        if tags::is_queued(&mapping) {
            queue.push(row);
        } else {
            mapped.push(row);
        }
    }
    let by_use = |a: &TagRow, b: &TagRow| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag));
    queue.sort_by(by_use);
    mapped.sort_by(by_use);
    let queue_hidden = shorten(&mut queue, all, posted);
    let mapped_hidden = shorten(&mut mapped, all, posted);
    Ok(TagsView {
        space: SpaceHeader::of(acting),
        queue,
        mapped,
        queue_hidden,
        mapped_hidden,
        groups: groups(&terms, lang),
        errors,
    })
}

#[derive(Deserialize)]
pub struct ShowQuery {
    /// Any value: every row, not only the most used.
    tout: Option<String>,
}

/// `GET /p/{partner}/etiquettes[?tout=1]`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    Query(query): Query<ShowQuery>,
) -> AppResult<Response> {
    acting.require(Action::ViewTags)?;
    let view = view(
        &state,
        &acting,
        page.lang(),
        query.tout.is_some(),
        &HashMap::new(),
        FieldErrors::new(),
    )
    .await?;
    page.render("taxonomy/tags.html", &view)
}

/// `POST /p/{partner}/etiquettes`: every `map-{id}` select of the form at once. Nothing
/// is saved when one value is refused; the page comes back with what was chosen.
pub async fn save(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    acting.require(Action::MapTags)?;
    let mut posted: HashMap<i64, String> = HashMap::new();
    for (name, value) in fields {
        if let Some(id) = name.strip_prefix(FIELD_PREFIX) {
            let id = id.parse().map_err(|_| AppError::not_found("tag"))?;
            posted.insert(id, value);
        }
    }
    let mappings: HashMap<i64, tag_mapping::Model> = tag_mapping::Entity::find()
        .filter(tag_mapping::Column::PartnerId.eq(acting.partner.id))
        .filter(tag_mapping::Column::Id.is_in(posted.keys().copied()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    // Another partner's mappings are not found here.
    if mappings.len() != posted.len() {
        return Err(AppError::not_found("tag"));
    }
    let terms = Terms::load(&state.db).await?;
    let mut errors = FieldErrors::new();
    let mut changes = Vec::new();
    for (id, value) in &posted {
        let mapping = &mappings[id];
        match Decision::parse(value, &terms) {
            None => {
                errors
                    .entry(format!("{FIELD_PREFIX}{id}"))
                    .or_default()
                    .push("tags-term-unknown".into());
            }
            Some(decision) if decision != Decision::of(mapping) => {
                changes.push((mapping, decision));
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        let view = view(&state, &acting, page.lang(), false, &posted, errors).await?;
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "taxonomy/tags.html",
            &view,
        );
    }
    let changed: HashSet<String> = changes
        .iter()
        .map(|(mapping, _)| mapping.normalised.clone())
        .collect();
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    for (mapping, decision) in &changes {
        let (term, how, decided_by) = match decision {
            Decision::Queued => (None, how::AUTO, None),
            Decision::Ignored => (None, how::IGNORED, Some(acting.user.id)),
            Decision::Term(code) => (Some(code.clone()), how::MANUAL, Some(acting.user.id)),
        };
        tag_mapping::Entity::update_many()
            .col_expr(tag_mapping::Column::TermCode, Expr::value(term))
            .col_expr(tag_mapping::Column::How, Expr::value(how))
            .col_expr(tag_mapping::Column::DecidedBy, Expr::value(decided_by))
            .col_expr(tag_mapping::Column::UpdatedAt, Expr::value(now))
            .filter(tag_mapping::Column::Id.eq(mapping.id))
            .exec(&txn)
            .await?;
    }
    // Few projects: their terms change with the mapping; many: a job does it.
    let affected = tags::projects_carrying(&txn, acting.partner.id, &changed).await?;
    let in_request = affected.len() <= REFRESH_IN_REQUEST;
    if in_request && !affected.is_empty() {
        let affected: Vec<i64> = affected.into_iter().collect();
        tags::TermsRefresher::new(&txn)
            .await?
            .refresh_many(&txn, &affected)
            .await?;
    }
    txn.commit().await?;
    if !in_request {
        let job = tags::RefreshTaggedProjects {
            partner_id: acting.partner.id,
            tags: changed.into_iter().collect(),
        };
        crate::worker::enqueue(&state, &job).await?;
    }
    let key = match (changes.is_empty(), in_request) {
        (true, _) => "tags-unchanged",
        (false, true) => "tags-saved",
        (false, false) => "tags-saved-later",
    };
    flash(&session, "success", key).await?;
    Ok(Redirect::to(&format!("/p/{}/etiquettes", acting.partner.slug)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> TagRow {
        TagRow {
            id,
            tag: format!("tag {id}"),
            count: 0,
            how: how::AUTO.into(),
            field: format!("{FIELD_PREFIX}{id}"),
            selected: String::new(),
        }
    }

    /// Labels built from a prefix exist in both languages.
    #[test]
    fn vocabularies_and_ways_of_mapping_have_labels() {
        use crate::web::i18n::LOCALES;
        use fluent_templates::Loader;
        let keys = super::super::VOCABULARIES
            .iter()
            .map(|v| format!("thesaurus-vocabulary-{v}"))
            .chain(
                [how::AUTO, how::MANUAL, how::IGNORED]
                    .iter()
                    .map(|h| format!("tags-how-{h}")),
            );
        for key in keys {
            for lang in Lang::ALL {
                assert!(LOCALES.try_lookup(&lang.id(), &key).is_some(), "{key}");
            }
        }
    }

    #[test]
    fn long_lists_keep_the_most_used_and_the_posted_rows() {
        let all_rows = || (0..ROWS_SHOWN as i64 + 10).map(row).collect::<Vec<_>>();
        let posted: HashMap<i64, String> = [(ROWS_SHOWN as i64 + 5, "ECO".to_owned())].into();
        let mut rows = all_rows();
        assert_eq!(shorten(&mut rows, false, &posted), 9);
        assert_eq!(rows.last().unwrap().id, ROWS_SHOWN as i64 + 5);
        let mut rows = all_rows();
        assert_eq!(shorten(&mut rows, true, &HashMap::new()), 0);
    }
}
