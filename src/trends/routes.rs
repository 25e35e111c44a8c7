//! `/tendances` and the CSV file of each of its figures, `/tendances/<figure>.csv`, both
//! taking the same query (scope, emerging-themes settings, compared territories).
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};
use chrono::Utc;
use serde::Serialize;

use super::build::{self, ComparisonView, Context, EmergingView};
use super::figure::Figure;
use super::figures::{self, Counter, Place, ProjectSet};
use super::params::{self, Parsed, RawQuery as TrendsQuery, Scope};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::taxonomy::{Term, Terms};
use crate::territories::atlas::{Atlas, Department, Region};
use crate::web::{Lang, Page};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tendances", get(show))
        .route("/tendances/{file}", get(download))
}

/// The figures of a valid scope.
#[derive(Serialize)]
struct Results {
    total: i64,
    /// The chosen territory and theme, in words.
    scope: Vec<String>,
    themes: Figure,
    subthemes: Figure,
    /// Regions and departments, the region's departments, or the department's communes.
    places: Vec<Figure>,
    months: Figure,
    start_years: Figure,
    /// `None` when the emerging-themes settings are invalid.
    emerging: Option<EmergingView>,
    /// `None` when no valid set of territories is chosen.
    comparison: Option<ComparisonView>,
    /// A comparison of the regions with most projects, to start from.
    compare_example: Option<String>,
}

/// A region and its departments, for the grouped options of a select.
#[derive(Serialize)]
struct RegionGroup {
    region: Region,
    departments: Vec<Department>,
}

/// What the forms show: the values as typed and the choices.
#[derive(Serialize)]
struct FormView {
    raw: TrendsQuery,
    /// One value per comparison select (empty for none).
    compare_slots: Vec<String>,
    regions: Vec<Region>,
    groups: Vec<RegionGroup>,
    themes: Vec<(Term, u8)>,
    periods: Vec<String>,
    default_period: String,
    default_min: i64,
    max_min: i64,
    /// Each form carries the other forms' values, so one change keeps the rest.
    hidden_scope: Vec<(&'static str, String)>,
    hidden_emerging: Vec<(&'static str, String)>,
    hidden_compare: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
struct TrendsView {
    form: FormView,
    errors: FieldErrors,
    results: Option<Results>,
    /// The node's search index, which the figures are counted from, is being built.
    index_building: bool,
}

fn hidden(raw: &TrendsQuery, names: &[&'static str]) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    for name in names {
        let values: Vec<&String> = match *name {
            "region" => vec![&raw.region],
            "department" => vec![&raw.department],
            "theme" => vec![&raw.theme],
            "period" => vec![&raw.period],
            "level" => vec![&raw.level],
            "min" => vec![&raw.min],
            _ => raw.compare.iter().collect(),
        };
        fields.extend(
            values
                .into_iter()
                .filter(|v| !v.trim().is_empty())
                .map(|v| (*name, v.clone())),
        );
    }
    fields
}

fn form_view(raw: &TrendsQuery, atlas: &Atlas, terms: &Terms, lang: Lang) -> FormView {
    let mut compare_slots: Vec<String> = raw.compare.clone();
    compare_slots.resize(params::MAX_COMPARED.max(raw.compare.len()), String::new());
    FormView {
        compare_slots,
        regions: atlas.regions().to_vec(),
        groups: atlas
            .regions()
            .iter()
            .map(|r| RegionGroup {
                region: r.clone(),
                departments: atlas.departments_of(&r.code).cloned().collect(),
            })
            .collect(),
        themes: terms.tree("theme", lang),
        periods: params::PERIODS.iter().map(u32::to_string).collect(),
        default_period: params::DEFAULT_PERIOD.to_string(),
        default_min: params::DEFAULT_MINIMUM,
        max_min: params::MAX_MINIMUM,
        hidden_scope: hidden(raw, &["period", "level", "min", "compare"]),
        hidden_emerging: hidden(raw, &["region", "department", "theme", "compare"]),
        hidden_compare: hidden(
            raw,
            &["region", "department", "theme", "period", "level", "min"],
        ),
        raw: raw.clone(),
    }
}

/// The territory and theme of the scope, in words.
fn scope_words(scope: &Scope) -> Vec<String> {
    let mut words = Vec::new();
    match (&scope.department, &scope.region) {
        (Some(d), _) => words.push(format!("{} ({})", d.name, d.code)),
        (None, Some(r)) => words.push(r.name.clone()),
        (None, None) => {}
    }
    if let Some(theme) = &scope.theme {
        words.push(theme.label.clone());
    }
    words
}

/// The territories a scope is broken down into.
fn breakdown(scope: &Scope) -> Vec<Place> {
    match (&scope.department, &scope.region) {
        (Some(_), _) => vec![Place::Commune],
        (None, Some(_)) => vec![Place::Department],
        (None, None) => vec![Place::Region, Place::Department],
    }
}

/// Up to three regions with the most projects of the scope's theme, as a comparison link.
async fn compare_example(
    ctx: &Context<'_>,
    scope: &Scope,
    raw: &TrendsQuery,
) -> AppResult<Option<String>> {
    let everywhere = ProjectSet {
        area: None,
        themes: scope.projects().themes,
    };
    let mut counts: Vec<(String, i64)> =
        figures::by_place(ctx.counter, &everywhere, Place::Region)?
            .into_iter()
            .filter_map(|(k, n)| Some((k?, n)))
            .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if counts.len() < 2 {
        return Ok(None);
    }
    let example = TrendsQuery {
        compare: counts
            .iter()
            .take(3)
            .map(|(code, _)| format!("r{code}"))
            .collect(),
        ..raw.clone()
    };
    Ok(Some(format!(
        "/tendances?{}#comparaison",
        example.query_string(ctx.lang)
    )))
}

async fn results(ctx: &Context<'_>, scope: &Scope, parsed: &Parsed) -> AppResult<Results> {
    let total = figures::total(ctx.counter, &scope.projects())?;
    let mut places = Vec::new();
    for place in breakdown(scope) {
        places.push(build::places(ctx, scope, place, total).await?);
    }
    let emerging = match &parsed.emerging {
        Ok(settings) => Some(build::emerging(ctx, scope, *settings).await?),
        Err(_) => None,
    };
    let comparison = match &parsed.compared {
        Ok(compared) if !compared.is_empty() => {
            Some(build::comparison(ctx, scope, compared).await?)
        }
        _ => None,
    };
    Ok(Results {
        total,
        scope: scope_words(scope),
        themes: build::themes(ctx, scope, total).await?,
        subthemes: build::subthemes(ctx, scope, total).await?,
        places,
        months: build::months(ctx, scope).await?,
        start_years: build::start_years(ctx, scope).await?,
        emerging,
        comparison,
        compare_example: compare_example(ctx, scope, ctx.raw).await?,
    })
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let db = &state.db;
    let lang = page.lang();
    let raw = TrendsQuery::from_query(query.as_deref().unwrap_or_default());
    let atlas = Atlas::load(db).await?;
    let terms = Terms::load(db).await?;
    let parsed = params::parse(&raw, &atlas, &terms, lang);
    let counter = Counter::open(db, &state.search).await?;
    let ctx = Context {
        db,
        counter: &counter,
        lang,
        terms: &terms,
        atlas: &atlas,
        raw: &raw,
        now: Utc::now(),
    };
    let results = match &parsed.scope {
        Ok(scope) => Some(results(&ctx, scope, &parsed).await?),
        Err(_) => None,
    };
    let errors = parsed.errors();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = TrendsView {
        form: form_view(&raw, &atlas, &terms, lang),
        errors,
        results,
        index_building: counter.building(),
    };
    page.render_with_status(status, "trends/index.html", &view)
}

/// The figure named `id` for a valid query; its part's field errors otherwise.
async fn figure(ctx: &Context<'_>, parsed: &Parsed, id: &str) -> AppResult<Figure> {
    let scope = parsed
        .scope
        .as_ref()
        .map_err(|e| AppError::Invalid(e.clone()))?;
    let total = || figures::total(ctx.counter, &scope.projects());
    Ok(match id {
        "themes" => build::themes(ctx, scope, total()?).await?,
        "subthemes" => build::subthemes(ctx, scope, total()?).await?,
        "regions" => build::places(ctx, scope, Place::Region, total()?).await?,
        "departments" => build::places(ctx, scope, Place::Department, total()?).await?,
        "communes" => build::places(ctx, scope, Place::Commune, total()?).await?,
        "months" => build::months(ctx, scope).await?,
        "start-years" => build::start_years(ctx, scope).await?,
        "emerging" => {
            let settings = parsed
                .emerging
                .as_ref()
                .map_err(|e| AppError::Invalid(e.clone()))?;
            build::emerging(ctx, scope, *settings).await?.figure
        }
        "comparison" => {
            let compared = parsed
                .compared
                .as_ref()
                .map_err(|e| AppError::Invalid(e.clone()))?;
            if compared.is_empty() {
                return Err(AppError::invalid("compare", "trends-error-compare-too-few"));
            }
            build::comparison(ctx, scope, compared).await?.figure
        }
        _ => return Err(AppError::not_found("page")),
    })
}

async fn download(
    State(state): State<AppState>,
    lang: Lang,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let id = file
        .strip_suffix(".csv")
        .ok_or_else(|| AppError::not_found("page"))?;
    let db = &state.db;
    let raw = TrendsQuery::from_query(query.as_deref().unwrap_or_default());
    let atlas = Atlas::load(db).await?;
    let terms = Terms::load(db).await?;
    let parsed = params::parse(&raw, &atlas, &terms, lang);
    let counter = Counter::open(db, &state.search).await?;
    let ctx = Context {
        db,
        counter: &counter,
        lang,
        terms: &terms,
        atlas: &atlas,
        raw: &raw,
        now: Utc::now(),
    };
    let figure = figure(&ctx, &parsed, id).await?;
    let body = figure
        .to_csv(lang)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tendances-{}.csv\"", figure.id),
            ),
        ],
        body,
    )
        .into_response())
}
