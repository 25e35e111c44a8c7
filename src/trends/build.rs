//! Builds each figure of the trends page from its aggregate query: rows for the table and
//! the CSV file, and the chart drawn from the same rows.
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Months, Utc};
use fluent_bundle::FluentValue;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::chart::{Bar, BarChart, LineChart, Point, ValueFormat, format_value};
use super::emerging;
use super::figure::{Cell, Figure, Row};
use super::figures::{self, Counter, Place, ThemeLevel, Windows};
use super::params::{Compared, EmergingSettings, RawQuery, Scope};
use crate::error::AppResult;
use crate::taxonomy::{Term, Terms};
use crate::territories::atlas::Atlas;
use crate::web::Lang;

/// Start years drawn: earlier or later ones are data-entry mistakes, counted in a note.
const FIRST_PLAUSIBLE_YEAR: i32 = 1900;

/// What every figure is built with.
pub struct Context<'a> {
    pub db: &'a DatabaseConnection,
    pub counter: &'a Counter,
    pub lang: Lang,
    pub terms: &'a Terms,
    pub atlas: &'a Atlas,
    /// The query, for the links to the CSV files.
    pub raw: &'a RawQuery,
    pub now: DateTime<Utc>,
}

impl Context<'_> {
    fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    fn t_args(&self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        self.lang.t_args(key, args)
    }

    fn csv_url(&self, id: &str) -> String {
        format!("/tendances/{id}.csv?{}", self.raw.query_string(self.lang))
    }

    fn count_text(&self, n: i64) -> String {
        format_value(n as f64, ValueFormat::Count, self.lang)
    }

    /// A figure of `rows` drawn as horizontal bars of the cell at `plotted`.
    fn bar_figure(&self, spec: BarSpec<'_>, rows: Vec<Row>, notes: Vec<String>) -> Figure {
        let title = self.t(&format!("trends-{}-title", spec.id));
        let bars: Vec<Bar> = rows
            .iter()
            .map(|row| Bar {
                label: row.label.clone(),
                values: spec
                    .plotted
                    .iter()
                    .map(|&i| row.cells[i].value.parse().unwrap_or(0.0))
                    .collect(),
            })
            .collect();
        let svg = (!rows.is_empty()).then(|| {
            let description = describe_bars(self, &bars, &spec.series, spec.format);
            BarChart {
                id: spec.id,
                title: &title,
                description: &description,
                value_axis: &self.t(spec.axis),
                series: &spec.series,
                bars: &bars,
                format: spec.format,
                lang: self.lang,
            }
            .to_svg()
        });
        Figure {
            id: spec.id,
            title,
            columns: spec.columns,
            rows,
            svg,
            csv_url: self.csv_url(spec.id),
            notes,
        }
    }

    /// A figure of `rows` drawn as a line of the first cell.
    fn line_figure(&self, spec: LineSpec, rows: Vec<Row>, notes: Vec<String>) -> Figure {
        let title = self.t(&format!("trends-{}-title", spec.id));
        let points: Vec<Point> = rows
            .iter()
            .map(|row| Point {
                label: row.label.clone(),
                value: row.cells[0].value.parse().unwrap_or(0.0),
            })
            .collect();
        let svg = (!rows.is_empty()).then(|| {
            let description = describe_line(self, &points);
            LineChart {
                id: spec.id,
                title: &title,
                description: &description,
                x_axis: &self.t(spec.x_axis),
                y_axis: &self.t(spec.y_axis),
                points: &points,
                format: ValueFormat::Count,
                lang: self.lang,
            }
            .to_svg()
        });
        Figure {
            id: spec.id,
            title,
            columns: spec.columns,
            rows,
            svg,
            csv_url: self.csv_url(spec.id),
            notes,
        }
    }
}

/// How a bar figure is drawn.
struct BarSpec<'a> {
    id: &'static str,
    columns: Vec<String>,
    /// Indexes of the cells drawn, one series each.
    plotted: &'a [usize],
    series: Vec<String>,
    axis: &'static str,
    format: ValueFormat,
}

struct LineSpec {
    id: &'static str,
    columns: Vec<String>,
    x_axis: &'static str,
    y_axis: &'static str,
}

fn describe_bars(
    ctx: &Context<'_>,
    bars: &[Bar],
    series: &[String],
    format: ValueFormat,
) -> String {
    if series.len() > 1 {
        return ctx.t_args(
            "trends-desc-grouped",
            &[
                ("count", FluentValue::from(bars.len())),
                ("series", FluentValue::from(series.join(", "))),
            ],
        );
    }
    let top = bars
        .iter()
        .max_by(|a, b| a.values[0].total_cmp(&b.values[0]))
        .map(|b| (b.label.clone(), format_value(b.values[0], format, ctx.lang)))
        .unwrap_or_default();
    ctx.t_args(
        "trends-desc-bars",
        &[
            ("count", FluentValue::from(bars.len())),
            ("top", FluentValue::from(top.0)),
            ("value", FluentValue::from(top.1)),
        ],
    )
}

fn describe_line(ctx: &Context<'_>, points: &[Point]) -> String {
    let first = points.first().map(|p| p.label.clone()).unwrap_or_default();
    let last = points.last().map(|p| p.label.clone()).unwrap_or_default();
    let peak = points
        .iter()
        .rev()
        .max_by(|a, b| a.value.total_cmp(&b.value))
        .cloned()
        .unwrap_or(Point {
            label: String::new(),
            value: 0.0,
        });
    ctx.t_args(
        "trends-desc-line",
        &[
            ("count", FluentValue::from(points.len())),
            ("first", FluentValue::from(first)),
            ("last", FluentValue::from(last)),
            ("max", FluentValue::from(ctx.count_text(peak.value as i64))),
            ("at", FluentValue::from(peak.label)),
        ],
    )
}

/// `share` of `total` in percent (0 when there is nothing to share).
fn share(count: i64, total: i64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64 * 100.0
    }
}

/// Sorts rows by their first cell (a count), largest first; ties keep their order.
fn by_count_desc(rows: &mut [Row]) {
    rows.sort_by_key(|row| std::cmp::Reverse(row.cells[0].value.parse::<i64>().unwrap_or(0)));
}

/// Top-level themes, or sub-themes with their parent's label.
fn candidates(terms: &Terms, lang: Lang, level: ThemeLevel) -> Vec<Term> {
    match level {
        ThemeLevel::Theme => terms.roots("theme", lang),
        ThemeLevel::SubTheme => terms
            .tree("theme", lang)
            .into_iter()
            .filter(|(_, depth)| *depth == 1)
            .map(|(t, _)| t)
            .collect(),
    }
}

/// Every top-level theme with its count and share of the scope's projects.
pub async fn themes(ctx: &Context<'_>, scope: &Scope, total: i64) -> AppResult<Figure> {
    let counts = figures::by_theme(ctx.counter, &scope.projects(), ThemeLevel::Theme)?;
    let mut rows: Vec<Row> = ctx
        .terms
        .roots("theme", ctx.lang)
        .into_iter()
        .map(|term| {
            let n = counts.get(&term.code).copied().unwrap_or(0);
            Row {
                code: term.code,
                label: term.label,
                cells: vec![
                    Cell::count(n, ctx.lang),
                    Cell::number(share(n, total), ValueFormat::Percent, ctx.lang),
                ],
            }
        })
        .collect();
    by_count_desc(&mut rows);
    let spec = BarSpec {
        id: "themes",
        columns: vec![
            ctx.t("trends-col-theme"),
            ctx.t("trends-col-projects"),
            ctx.t("trends-col-share"),
        ],
        plotted: &[0],
        series: vec![ctx.t("trends-col-projects")],
        axis: "trends-axis-projects",
        format: ValueFormat::Count,
    };
    Ok(ctx.bar_figure(spec, rows, Vec::new()))
}

/// Sub-themes with projects, with their parent theme, count and share.
pub async fn subthemes(ctx: &Context<'_>, scope: &Scope, total: i64) -> AppResult<Figure> {
    let counts = figures::by_theme(ctx.counter, &scope.projects(), ThemeLevel::SubTheme)?;
    let all = candidates(ctx.terms, ctx.lang, ThemeLevel::SubTheme);
    let omitted = all.iter().filter(|t| !counts.contains_key(&t.code)).count();
    let mut rows: Vec<Row> = all
        .into_iter()
        .filter_map(|term| {
            let n = *counts.get(&term.code)?;
            let parent = term
                .parent_code
                .as_deref()
                .and_then(|code| ctx.terms.get(code, ctx.lang))
                .map(|p| p.label)
                .unwrap_or_default();
            Some(Row {
                code: term.code,
                label: term.label,
                cells: vec![
                    Cell::text(parent),
                    Cell::count(n, ctx.lang),
                    Cell::number(share(n, total), ValueFormat::Percent, ctx.lang),
                ],
            })
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.cells[1].value.parse::<i64>().unwrap_or(0)));
    let notes = (omitted > 0)
        .then(|| {
            ctx.t_args(
                "trends-note-omitted-subthemes",
                &[("count", FluentValue::from(omitted))],
            )
        })
        .into_iter()
        .collect();
    let spec = BarSpec {
        id: "subthemes",
        columns: vec![
            ctx.t("trends-col-subtheme"),
            ctx.t("trends-col-parent"),
            ctx.t("trends-col-projects"),
            ctx.t("trends-col-share"),
        ],
        plotted: &[1],
        series: vec![ctx.t("trends-col-projects")],
        axis: "trends-axis-projects",
        format: ValueFormat::Count,
    };
    Ok(ctx.bar_figure(spec, rows, notes))
}

/// Projects of the scope per region, department (of the chosen region, or all with
/// projects) or commune, with "not placed" last when some are.
pub async fn places(
    ctx: &Context<'_>,
    scope: &Scope,
    place: Place,
    total: i64,
) -> AppResult<Figure> {
    let counted = figures::by_place(ctx.counter, &scope.projects(), place)?;
    let count_of: HashMap<Option<String>, i64> = counted.iter().cloned().collect();
    let unplaced = count_of.get(&None).copied().unwrap_or(0);
    // Every candidate territory with its name; zeros are shown for regions and for the
    // departments of one region, left out (and counted in a note) otherwise.
    let (id, column, candidates, keep_zeros): (_, _, Vec<(String, String)>, bool) = match place {
        Place::Region => (
            "regions",
            "trends-col-region",
            ctx.atlas
                .regions()
                .iter()
                .map(|r| (r.code.clone(), r.name.clone()))
                .collect(),
            true,
        ),
        Place::Department => {
            let departments: Vec<_> = match &scope.region {
                Some(region) => ctx.atlas.departments_of(&region.code).collect(),
                None => ctx.atlas.departments().iter().collect(),
            };
            (
                "departments",
                "trends-col-department",
                departments
                    .into_iter()
                    .map(|d| (d.code.clone(), format!("{} ({})", d.name, d.code)))
                    .collect(),
                scope.region.is_some(),
            )
        }
        Place::Commune => (
            "communes",
            "trends-col-commune",
            commune_names(
                ctx.db,
                counted.iter().filter_map(|(k, _)| k.clone()).collect(),
            )
            .await?,
            false,
        ),
    };
    let omitted = candidates
        .iter()
        .filter(|(code, _)| !count_of.contains_key(&Some(code.clone())))
        .count();
    let mut rows: Vec<Row> = candidates
        .into_iter()
        .filter_map(|(code, label)| {
            let n = count_of.get(&Some(code.clone())).copied();
            let n = if keep_zeros { n.or(Some(0)) } else { n }?;
            Some(Row {
                code,
                label,
                cells: vec![
                    Cell::count(n, ctx.lang),
                    Cell::number(share(n, total), ValueFormat::Percent, ctx.lang),
                ],
            })
        })
        .collect();
    by_count_desc(&mut rows);
    if unplaced > 0 {
        rows.push(Row {
            code: String::new(),
            label: ctx.t("trends-unplaced"),
            cells: vec![
                Cell::count(unplaced, ctx.lang),
                Cell::number(share(unplaced, total), ValueFormat::Percent, ctx.lang),
            ],
        });
    }
    let notes = (place == Place::Department && !keep_zeros && omitted > 0)
        .then(|| {
            ctx.t_args(
                "trends-note-omitted-departments",
                &[("count", FluentValue::from(omitted))],
            )
        })
        .into_iter()
        .collect();
    let spec = BarSpec {
        id,
        columns: vec![
            ctx.t(column),
            ctx.t("trends-col-projects"),
            ctx.t("trends-col-share"),
        ],
        plotted: &[0],
        series: vec![ctx.t("trends-col-projects")],
        axis: "trends-axis-projects",
        format: ValueFormat::Count,
    };
    Ok(ctx.bar_figure(spec, rows, notes))
}

/// `(insee, name)` of these communes, by name.
async fn commune_names(
    db: &DatabaseConnection,
    insees: Vec<String>,
) -> AppResult<Vec<(String, String)>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut names: Vec<(String, String)> = crate::entities::commune::Entity::find()
        .filter(crate::entities::commune::Column::Insee.is_in(insees))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.insee, c.name))
        .collect();
    names.sort_by_key(|(_, name)| crate::territories::atlas::name_order(name));
    Ok(names)
}

/// `mars 2025` / `Mar 2025`.
fn month_label(ctx: &Context<'_>, year: i32, month: u32) -> String {
    format!("{} {year}", ctx.t(&format!("trends-month-{month}")))
}

/// New projects per month of first sighting, every month from the first to the last.
pub async fn months(ctx: &Context<'_>, scope: &Scope) -> AppResult<Figure> {
    let counted = figures::by_month_first_seen(ctx.counter, &scope.projects())?;
    let parse = |key: &str| -> Option<(i32, u32)> {
        let (y, m) = key.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let by_month: HashMap<(i32, u32), i64> = counted
        .iter()
        .filter_map(|(k, n)| Some((parse(k)?, *n)))
        .collect();
    let mut rows = Vec::new();
    if let (Some(first), Some(last)) = (by_month.keys().min(), by_month.keys().max()) {
        let (mut year, mut month) = *first;
        while (year, month) <= *last {
            let n = by_month.get(&(year, month)).copied().unwrap_or(0);
            rows.push(Row {
                code: format!("{year:04}-{month:02}"),
                label: month_label(ctx, year, month),
                cells: vec![Cell::count(n, ctx.lang)],
            });
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
    }
    let spec = LineSpec {
        id: "months",
        columns: vec![ctx.t("trends-col-month"), ctx.t("trends-col-new-projects")],
        x_axis: "trends-axis-month",
        y_axis: "trends-axis-new",
    };
    Ok(ctx.line_figure(spec, rows, Vec::new()))
}

/// Projects per start year, every year from the first to the last plausible one.
pub async fn start_years(ctx: &Context<'_>, scope: &Scope) -> AppResult<Figure> {
    let counted = figures::by_start_year(ctx.counter, &scope.projects())?;
    let last_plausible = ctx.now.year() + 1;
    let plausible = FIRST_PLAUSIBLE_YEAR..=last_plausible;
    let mut unknown = 0;
    let mut implausible = 0;
    let mut by_year = HashMap::new();
    for (year, n) in counted {
        match year {
            None => unknown += n,
            Some(y) if !plausible.contains(&y) => implausible += n,
            Some(y) => {
                by_year.insert(y, n);
            }
        }
    }
    let mut rows = Vec::new();
    if let (Some(&first), Some(&last)) = (by_year.keys().min(), by_year.keys().max()) {
        for year in first..=last {
            rows.push(Row {
                code: year.to_string(),
                label: year.to_string(),
                cells: vec![Cell::count(
                    by_year.get(&year).copied().unwrap_or(0),
                    ctx.lang,
                )],
            });
        }
    }
    let mut notes = Vec::new();
    if unknown > 0 {
        notes.push(ctx.t_args(
            "trends-note-no-start-year",
            &[("count", FluentValue::from(unknown))],
        ));
    }
    if implausible > 0 {
        notes.push(ctx.t_args(
            "trends-note-implausible-years",
            &[
                ("count", FluentValue::from(implausible)),
                ("min", FluentValue::from(FIRST_PLAUSIBLE_YEAR.to_string())),
                ("max", FluentValue::from(last_plausible.to_string())),
            ],
        ));
    }
    let spec = LineSpec {
        id: "start-years",
        columns: vec![ctx.t("trends-col-start-year"), ctx.t("trends-col-projects")],
        x_axis: "trends-axis-start-year",
        y_axis: "trends-axis-projects",
    };
    Ok(ctx.line_figure(spec, rows, notes))
}

/// A theme below the minimum, listed under the emerging themes.
#[derive(Debug, Serialize)]
pub struct TooFew {
    pub label: String,
    pub current: i64,
    pub previous: i64,
}

/// The emerging themes: the ranked figure, how it was calculated, the themes left out.
#[derive(Debug, Serialize)]
pub struct EmergingView {
    pub figure: Figure,
    pub explanation: Vec<String>,
    pub too_few: Vec<TooFew>,
    pub minimum: i64,
}

fn date_text(lang: Lang, at: DateTime<Utc>) -> String {
    match lang {
        Lang::Fr => at.format("%d/%m/%Y").to_string(),
        Lang::En => at.format("%Y-%m-%d").to_string(),
    }
}

/// The two windows ending now: `(start of the previous, start of the current)`.
pub fn windows(now: DateTime<Utc>, months: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let boundary = now
        .checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let from = boundary
        .checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    (from, boundary)
}

pub async fn emerging(
    ctx: &Context<'_>,
    scope: &Scope,
    settings: EmergingSettings,
) -> AppResult<EmergingView> {
    let (from, boundary) = windows(ctx.now, settings.months);
    let (overall, counts) = figures::windows_by_theme(
        ctx.counter,
        &scope.projects(),
        settings.level,
        from,
        boundary,
    )?;
    let candidates = candidates(ctx.terms, ctx.lang, settings.level);
    let codes: Vec<String> = candidates.iter().map(|t| t.code.clone()).collect();
    let labels: HashMap<&str, &str> = candidates
        .iter()
        .map(|t| (t.code.as_str(), t.label.as_str()))
        .collect();
    let (ranked, below) = emerging::rank(&codes, &counts, settings.minimum);
    let rows = ranked
        .into_iter()
        .map(|r| Row {
            label: labels[r.code.as_str()].to_owned(),
            cells: vec![
                Cell::count(r.counts.current, ctx.lang),
                Cell::count(r.counts.previous, ctx.lang),
                Cell::number(r.growth, ValueFormat::SignedPercent, ctx.lang),
            ],
            code: r.code,
        })
        .collect();
    let column = match settings.level {
        ThemeLevel::Theme => "trends-col-theme",
        ThemeLevel::SubTheme => "trends-col-subtheme",
    };
    let spec = BarSpec {
        id: "emerging",
        columns: vec![
            ctx.t(column),
            ctx.t("trends-col-current"),
            ctx.t("trends-col-previous"),
            ctx.t("trends-col-growth"),
        ],
        plotted: &[2],
        series: vec![ctx.t("trends-col-growth")],
        axis: "trends-axis-growth",
        format: ValueFormat::SignedPercent,
    };
    let figure = ctx.bar_figure(spec, rows, Vec::new());
    let explanation = explain(ctx, settings, overall, (from, boundary));
    let too_few = below
        .into_iter()
        .map(|(code, w)| TooFew {
            label: labels[code.as_str()].to_owned(),
            current: w.current,
            previous: w.previous,
        })
        .collect();
    Ok(EmergingView {
        figure,
        explanation,
        too_few,
        minimum: settings.minimum,
    })
}

fn explain(
    ctx: &Context<'_>,
    settings: EmergingSettings,
    overall: Windows,
    (from, boundary): (DateTime<Utc>, DateTime<Utc>),
) -> Vec<String> {
    let mut lines = vec![
        ctx.t_args(
            "trends-emerging-explain-windows",
            &[
                ("months", FluentValue::from(settings.months)),
                (
                    "previous_from",
                    FluentValue::from(date_text(ctx.lang, from)),
                ),
                (
                    "current_from",
                    FluentValue::from(date_text(ctx.lang, boundary)),
                ),
                ("now", FluentValue::from(date_text(ctx.lang, ctx.now))),
            ],
        ),
        ctx.t("trends-emerging-explain-growth"),
        ctx.t_args(
            "trends-emerging-explain-minimum",
            &[("min", FluentValue::from(settings.minimum))],
        ),
    ];
    lines.push(match emerging::growth(overall) {
        Some(growth) => ctx.t_args(
            "trends-emerging-explain-overall",
            &[
                (
                    "growth",
                    FluentValue::from(format_value(growth, ValueFormat::SignedPercent, ctx.lang)),
                ),
                (
                    "current",
                    FluentValue::from(ctx.count_text(overall.current)),
                ),
                (
                    "previous",
                    FluentValue::from(ctx.count_text(overall.previous)),
                ),
            ],
        ),
        None => ctx.t_args(
            "trends-emerging-explain-overall-none",
            &[(
                "current",
                FluentValue::from(ctx.count_text(overall.current)),
            )],
        ),
    });
    lines
}

/// A compared territory's total within the scope's theme.
#[derive(Debug, Serialize)]
pub struct ComparedTotal {
    pub name: String,
    pub total: i64,
}

#[derive(Debug, Serialize)]
pub struct ComparisonView {
    pub figure: Figure,
    pub totals: Vec<ComparedTotal>,
}

/// The rows of a comparison: the sub-themes of the chosen top-level theme, or else the
/// top-level themes.
fn profile_level(scope: &Scope) -> ThemeLevel {
    match &scope.theme {
        Some(theme) if theme.parent_code.is_none() => ThemeLevel::SubTheme,
        _ => ThemeLevel::Theme,
    }
}

pub async fn comparison(
    ctx: &Context<'_>,
    scope: &Scope,
    compared: &[Compared],
) -> AppResult<ComparisonView> {
    let level = profile_level(scope);
    let mut profiles = Vec::new();
    for territory in compared {
        let set = scope.projects_in(territory.area.clone());
        let total = figures::total(ctx.counter, &set)?;
        let counts = figures::by_theme(ctx.counter, &set, level)?;
        profiles.push((total, counts));
    }
    let rows_terms: Vec<Term> = match (level, &scope.theme) {
        (ThemeLevel::SubTheme, Some(theme)) => candidates(ctx.terms, ctx.lang, level)
            .into_iter()
            .filter(|t| t.parent_code.as_deref() == Some(theme.code.as_str()))
            .collect(),
        _ => candidates(ctx.terms, ctx.lang, level),
    };
    let rows = rows_terms
        .into_iter()
        .map(|term| {
            let mut cells = Vec::new();
            for (total, counts) in &profiles {
                let n = counts.get(&term.code).copied().unwrap_or(0);
                cells.push(Cell::count(n, ctx.lang));
                cells.push(Cell::number(
                    share(n, *total),
                    ValueFormat::Percent,
                    ctx.lang,
                ));
            }
            Row {
                code: term.code,
                label: term.label,
                cells,
            }
        })
        .collect();
    let mut columns = vec![ctx.t(match level {
        ThemeLevel::Theme => "trends-col-theme",
        ThemeLevel::SubTheme => "trends-col-subtheme",
    })];
    for territory in compared {
        let area = || FluentValue::from(territory.name.clone());
        columns.push(ctx.t_args("trends-col-area-projects", &[("area", area())]));
        columns.push(ctx.t_args("trends-col-area-share", &[("area", area())]));
    }
    let plotted: Vec<usize> = (0..compared.len()).map(|i| i * 2 + 1).collect();
    let spec = BarSpec {
        id: "comparison",
        columns,
        plotted: &plotted,
        series: compared.iter().map(|c| c.name.clone()).collect(),
        axis: "trends-axis-share",
        format: ValueFormat::Percent,
    };
    let totals = compared
        .iter()
        .zip(&profiles)
        .map(|(c, (total, _))| ComparedTotal {
            name: c.name.clone(),
            total: *total,
        })
        .collect();
    Ok(ComparisonView {
        figure: ctx.bar_figure(spec, rows, Vec::new()),
        totals,
    })
}
