//! The aggregate counts behind the trends and territory pages, read from the node's
//! search index in one pass over its columns per figure (see `search::tally`): the index
//! holds every project (merged ones excepted) with its status, recorded place, themes,
//! live listings, start year and first sighting, and catches up with the database's
//! change log within `search.poll_interval_ms`, as the search page does.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::entities::{partner, taxonomy_term};
use crate::error::AppResult;
use crate::search::index::{Generation, SearchIndex};
use crate::search::schema::names;
use crate::search::tally::{Breakdown, Counted, Split, Tally};

/// A place projects are counted in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Area {
    Region(String),
    Department(String),
    Commune(String),
}

/// Which active projects a figure counts: optionally those of one area, optionally those
/// with one of some theme codes (a theme and its sub-themes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProjectSet {
    pub area: Option<Area>,
    pub themes: Vec<String>,
}

impl ProjectSet {
    pub fn all() -> Self {
        Self::default()
    }

    pub fn in_area(area: Area) -> Self {
        Self {
            area: Some(area),
            themes: Vec::new(),
        }
    }

    /// The index query of the set's projects.
    fn query(&self, f: &crate::search::schema::Fields) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, term(f.status, "active"))];
        match &self.area {
            Some(Area::Region(code)) => clauses.push((Occur::Must, term(f.recorded_region, code))),
            Some(Area::Department(code)) => {
                clauses.push((Occur::Must, term(f.recorded_department, code)))
            }
            Some(Area::Commune(insee)) => clauses.push((Occur::Must, term(f.commune, insee))),
            None => {}
        }
        if !self.themes.is_empty() {
            let any = self
                .themes
                .iter()
                .map(|code| (Occur::Should, term(f.theme, code)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        BooleanQuery::new(clauses)
    }
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// What the figures are counted from: a view of the node's index, the thesaurus's
/// themes (to tell themes from sub-themes) and the database (partners' status).
pub struct Counter {
    db: DatabaseConnection,
    generation: Arc<Generation>,
    searcher: tantivy::Searcher,
    /// Every theme code of the thesaurus, and whether it is a sub-theme.
    is_sub_theme: HashMap<String, bool>,
    /// What this page counted already (a set's themes give its total, themes and
    /// sub-themes at once).
    counted: Mutex<HashMap<(ProjectSet, Breakdown), Arc<Counted>>>,
}

impl Counter {
    /// Every figure of one page reads the same view of the index.
    pub async fn open(db: &DatabaseConnection, index: &SearchIndex) -> AppResult<Self> {
        let generation = index.current()?;
        let searcher = generation.reader.searcher();
        let themes: Vec<(String, Option<String>)> = taxonomy_term::Entity::find()
            .filter(taxonomy_term::Column::Vocabulary.eq("theme"))
            .select_only()
            .column(taxonomy_term::Column::Code)
            .column(taxonomy_term::Column::ParentCode)
            .into_tuple()
            .all(db)
            .await?;
        Ok(Counter {
            db: db.clone(),
            generation,
            searcher,
            is_sub_theme: themes
                .into_iter()
                .map(|(code, parent)| (code, parent.is_some()))
                .collect(),
            counted: Mutex::default(),
        })
    }

    /// Whether the node's index is still being built (figures not complete yet).
    pub fn building(&self) -> bool {
        self.generation.applied().is_none()
    }

    /// The counts of `set` by `breakdown`, counted once per page (a split is not kept).
    fn count(
        &self,
        set: &ProjectSet,
        breakdown: Breakdown,
        split: Option<Split>,
    ) -> AppResult<Arc<Counted>> {
        let key = (set.clone(), breakdown);
        if split.is_none() {
            let counted = self.counted.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(found) = counted.get(&key) {
                return Ok(found.clone());
            }
            if breakdown == Breakdown::Nothing
                && let Some((_, found)) = counted.iter().find(|((s, _), _)| s == set)
            {
                return Ok(found.clone());
            }
        }
        let query = set.query(&self.generation.fields);
        let counted = Arc::new(
            self.searcher
                .search(&query, &Tally { breakdown, split })
                .map_err(anyhow::Error::from)?,
        );
        if split.is_none() {
            self.counted
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, counted.clone());
        }
        Ok(counted)
    }
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Number of projects in `set`.
pub fn total(counter: &Counter, set: &ProjectSet) -> AppResult<i64> {
    Ok(signed(
        counter.count(set, Breakdown::Nothing, None)?.total[0],
    ))
}

/// The level themes are counted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeLevel {
    /// Top-level themes: a project counts once under a theme whether it carries the theme
    /// itself or any of its sub-themes.
    Theme,
    /// Sub-themes only.
    SubTheme,
}

impl ThemeLevel {
    fn is_sub_theme(self) -> bool {
        self == ThemeLevel::SubTheme
    }
}

/// The counts of `counted` per theme code of `level` (the index holds each sub-theme of
/// a project with its parent, each once).
fn themes_of(
    counter: &Counter,
    counted: &Counted,
    level: ThemeLevel,
    slot: usize,
) -> HashMap<String, i64> {
    counted
        .by_value
        .iter()
        .filter_map(|(code, n)| {
            let code = code.as_ref()?;
            (counter.is_sub_theme.get(code) == Some(&level.is_sub_theme()) && n[slot] > 0)
                .then(|| (code.clone(), signed(n[slot])))
        })
        .collect()
}

/// Projects of `set` per theme code at `level` (themes without projects are absent).
pub fn by_theme(
    counter: &Counter,
    set: &ProjectSet,
    level: ThemeLevel,
) -> AppResult<HashMap<String, i64>> {
    let counted = counter.count(set, Breakdown::Text(names::THEME), None)?;
    Ok(themes_of(counter, &counted, level, 0))
}

/// A column of `projects` that places a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Region,
    Department,
    Commune,
}

impl Place {
    fn column(self) -> &'static str {
        match self {
            Place::Region => names::RECORDED_REGION,
            Place::Department => names::RECORDED_DEPARTMENT,
            Place::Commune => names::COMMUNE,
        }
    }
}

/// Projects of `set` per region, department or commune code; `None` counts the projects
/// not placed at that level.
pub fn by_place(
    counter: &Counter,
    set: &ProjectSet,
    place: Place,
) -> AppResult<Vec<(Option<String>, i64)>> {
    let counted = counter.count(set, Breakdown::Text(place.column()), None)?;
    Ok(counted
        .values()
        .map(|(k, n)| (k.map(str::to_owned), signed(n)))
        .collect())
}

/// Projects of `set` per UTC month they were first seen (`YYYY-MM`), in order, months
/// without any absent.
pub fn by_month_first_seen(counter: &Counter, set: &ProjectSet) -> AppResult<Vec<(String, i64)>> {
    let counted = counter.count(set, Breakdown::Number(names::FIRST_SEEN_MONTH), None)?;
    let mut months: Vec<(i64, i64)> = counted
        .values()
        .filter_map(|(k, n)| Some((k?.parse().ok()?, signed(n))))
        .collect();
    months.sort_unstable();
    Ok(months
        .into_iter()
        .map(|(m, n)| {
            let (year, month) = (m.div_euclid(12), m.rem_euclid(12) + 1);
            (format!("{year:04}-{month:02}"), n)
        })
        .collect())
}

/// Projects of `set` per start year, in order; `None` counts those without one.
pub fn by_start_year(counter: &Counter, set: &ProjectSet) -> AppResult<Vec<(Option<i32>, i64)>> {
    let counted = counter.count(set, Breakdown::Number(names::RECORDED_START_YEAR), None)?;
    let mut years: Vec<(Option<i32>, i64)> = counted
        .values()
        .map(|(k, n)| (k.and_then(|y| y.parse().ok()), signed(n)))
        .collect();
    years.sort_unstable();
    Ok(years)
}

/// Counts in two consecutive windows of first sightings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Windows {
    /// First seen at or after the boundary.
    pub current: i64,
    /// First seen in the window before the boundary.
    pub previous: i64,
}

fn instant(at: DateTime<Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_micros(at.timestamp_micros())
}

/// Projects of `set` first seen in `[from, boundary)` (previous window) and from
/// `boundary` on (current window): in total, and per theme code at `level`.
pub fn windows_by_theme(
    counter: &Counter,
    set: &ProjectSet,
    level: ThemeLevel,
    from: DateTime<Utc>,
    boundary: DateTime<Utc>,
) -> AppResult<(Windows, HashMap<String, Windows>)> {
    let split = Split {
        from: instant(from),
        boundary: instant(boundary),
    };
    let counted = counter.count(set, Breakdown::Text(names::THEME), Some(split))?;
    let overall = Windows {
        current: signed(counted.total[0]),
        previous: signed(counted.total[1]),
    };
    let current = themes_of(counter, &counted, level, 0);
    let previous = themes_of(counter, &counted, level, 1);
    let mut by_theme: HashMap<String, Windows> = HashMap::new();
    for (code, n) in current {
        by_theme.entry(code).or_default().current = n;
    }
    for (code, n) in previous {
        by_theme.entry(code).or_default().previous = n;
    }
    Ok((overall, by_theme))
}

/// Partners with a live listing of projects of `set` and how many such projects each
/// lists, as `(partner id, count)`; only partners whose page is public (active).
pub async fn by_partner(counter: &Counter, set: &ProjectSet) -> AppResult<Vec<(i64, i64)>> {
    let counted = counter.count(set, Breakdown::Text(names::PARTNER), None)?;
    let active: std::collections::HashSet<i64> = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .select_only()
        .column(partner::Column::Id)
        .into_tuple()
        .all(&counter.db)
        .await?
        .into_iter()
        .collect();
    Ok(counted
        .values()
        .filter_map(|(k, n)| {
            let id: i64 = k?.parse().ok()?;
            active.contains(&id).then_some((id, signed(n)))
        })
        .collect())
}
