//! The aggregate counts behind the trends and territory pages. Each is one `GROUP BY`
//! query over the active projects of a [`ProjectSet`], written once for SQLite and
//! PostgreSQL (only the month of a date is spelt differently).
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Value};

/// A place projects are counted in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Area {
    Region(String),
    Department(String),
    Commune(String),
}

/// Which active projects a figure counts: optionally those of one area, optionally those
/// with one of some theme codes (a theme and its sub-themes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

    /// The SQL condition on projects `p` of the set.
    fn condition(&self, sql: &mut Sql) -> String {
        let mut parts = vec!["p.status = 'active'".to_owned()];
        match &self.area {
            Some(Area::Region(code)) => {
                parts.push(format!("p.region_code = {}", sql.bind(code.clone())))
            }
            Some(Area::Department(code)) => {
                parts.push(format!("p.department_code = {}", sql.bind(code.clone())))
            }
            Some(Area::Commune(insee)) => {
                parts.push(format!("p.commune_insee = {}", sql.bind(insee.clone())))
            }
            None => {}
        }
        if !self.themes.is_empty() {
            let codes: Vec<String> = self.themes.iter().map(|c| sql.bind(c.clone())).collect();
            parts.push(format!(
                "EXISTS (SELECT 1 FROM project_terms f WHERE f.project_id = p.id \
                 AND f.term_code IN ({}))",
                codes.join(", ")
            ));
        }
        parts.join(" AND ")
    }
}

/// A statement being written: the values bound so far and their `$n` placeholders.
#[derive(Default)]
struct Sql {
    values: Vec<Value>,
}

impl Sql {
    /// Binds `value`; returns its placeholder.
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    async fn rows(self, db: &DatabaseConnection, text: &str) -> Result<Vec<QueryResult>, DbErr> {
        let backend = db.get_database_backend();
        db.query_all_raw(crate::db::statement(backend, text, self.values))
            .await
    }
}

/// `(key, count)` rows of a query selecting `k` and `n`; a missing key reads as `None`.
fn keyed(rows: Vec<QueryResult>) -> Result<Vec<(Option<String>, i64)>, DbErr> {
    rows.into_iter()
        .map(|row| {
            Ok((
                row.try_get::<Option<String>>("", "k")?,
                row.try_get("", "n")?,
            ))
        })
        .collect()
}

/// Number of projects in `set`.
pub async fn total(db: &DatabaseConnection, set: &ProjectSet) -> Result<i64, DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let rows = sql
        .rows(
            db,
            &format!("SELECT COUNT(*) AS n FROM projects p WHERE {condition}"),
        )
        .await?;
    rows.first().map_or(Ok(0), |r| r.try_get("", "n"))
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
    /// The joined term `t` as counted, and the condition it must meet.
    fn key_and_condition(self) -> (&'static str, &'static str) {
        match self {
            ThemeLevel::Theme => ("COALESCE(t.parent_code, t.code)", "1 = 1"),
            ThemeLevel::SubTheme => ("t.code", "t.parent_code IS NOT NULL"),
        }
    }
}

/// Projects of `set` per theme code at `level` (themes without projects are absent).
pub async fn by_theme(
    db: &DatabaseConnection,
    set: &ProjectSet,
    level: ThemeLevel,
) -> Result<HashMap<String, i64>, DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let text = match (level, set.area.is_none() && set.themes.is_empty()) {
        // All projects: walk each theme's terms by code (`CROSS JOIN` keeps that order on
        // SQLite), so that each theme's distinct projects are counted on their own rather
        // than in one sort of every (project, theme) pair.
        (ThemeLevel::Theme, true) => format!(
            "SELECT r.code AS k, COUNT(DISTINCT pt.project_id) AS n \
             FROM taxonomy_terms r CROSS JOIN taxonomy_terms t \
             CROSS JOIN project_terms pt CROSS JOIN projects p \
             WHERE r.vocabulary = 'theme' AND r.parent_code IS NULL \
             AND (t.code = r.code OR t.parent_code = r.code) \
             AND pt.term_code = t.code AND p.id = pt.project_id AND {condition} \
             GROUP BY r.code"
        ),
        (ThemeLevel::SubTheme, true) => format!(
            "SELECT t.code AS k, COUNT(*) AS n \
             FROM taxonomy_terms t CROSS JOIN project_terms pt CROSS JOIN projects p \
             WHERE t.vocabulary = 'theme' AND t.parent_code IS NOT NULL \
             AND pt.term_code = t.code AND p.id = pt.project_id AND {condition} \
             GROUP BY t.code"
        ),
        // Some projects: start from them (their place's index, or their theme).
        (ThemeLevel::Theme, false) => format!(
            "SELECT COALESCE(t.parent_code, t.code) AS k, COUNT(DISTINCT p.id) AS n \
             FROM projects p JOIN project_terms pt ON pt.project_id = p.id \
             JOIN taxonomy_terms t ON t.code = pt.term_code \
             WHERE t.vocabulary = 'theme' AND {condition} \
             GROUP BY COALESCE(t.parent_code, t.code)"
        ),
        (ThemeLevel::SubTheme, false) => format!(
            "SELECT t.code AS k, COUNT(*) AS n \
             FROM projects p JOIN project_terms pt ON pt.project_id = p.id \
             JOIN taxonomy_terms t ON t.code = pt.term_code \
             WHERE t.vocabulary = 'theme' AND t.parent_code IS NOT NULL AND {condition} \
             GROUP BY t.code"
        ),
    };
    Ok(keyed(sql.rows(db, &text).await?)?
        .into_iter()
        .filter_map(|(k, n)| Some((k?, n)))
        .collect())
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
            Place::Region => "p.region_code",
            Place::Department => "p.department_code",
            Place::Commune => "p.commune_insee",
        }
    }
}

/// Projects of `set` per region, department or commune code; `None` counts the projects
/// not placed at that level.
pub async fn by_place(
    db: &DatabaseConnection,
    set: &ProjectSet,
    place: Place,
) -> Result<Vec<(Option<String>, i64)>, DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let column = place.column();
    let text = format!(
        "SELECT {column} AS k, COUNT(*) AS n FROM projects p WHERE {condition} GROUP BY {column}"
    );
    keyed(sql.rows(db, &text).await?)
}

/// `YYYY-MM` of a project's first sighting, in UTC (SQLite stores RFC 3339 text in UTC).
fn month_of_created(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM')",
        _ => "substr(p.created_at, 1, 7)",
    }
}

/// Projects of `set` per month they were first seen (`YYYY-MM`), months without any absent.
pub async fn by_month_first_seen(
    db: &DatabaseConnection,
    set: &ProjectSet,
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let month = month_of_created(db.get_database_backend());
    let text = format!(
        "SELECT {month} AS k, COUNT(*) AS n FROM projects p WHERE {condition} \
         GROUP BY {month} ORDER BY {month}"
    );
    Ok(keyed(sql.rows(db, &text).await?)?
        .into_iter()
        .filter_map(|(k, n)| Some((k?, n)))
        .collect())
}

/// Projects of `set` per start year; `None` counts those without one.
pub async fn by_start_year(
    db: &DatabaseConnection,
    set: &ProjectSet,
) -> Result<Vec<(Option<i32>, i64)>, DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let text = format!(
        "SELECT p.start_year AS k, COUNT(*) AS n FROM projects p WHERE {condition} \
         GROUP BY p.start_year ORDER BY p.start_year"
    );
    sql.rows(db, &text)
        .await?
        .into_iter()
        .map(|row| Ok((row.try_get::<Option<i32>>("", "k")?, row.try_get("", "n")?)))
        .collect()
}

/// Counts in two consecutive windows of first sightings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Windows {
    /// First seen at or after the boundary.
    pub current: i64,
    /// First seen in the window before the boundary.
    pub previous: i64,
}

/// Projects of `set` first seen in `[from, boundary)` (previous window) and from
/// `boundary` on (current window): in total, and per theme code at `level`.
pub async fn windows_by_theme(
    db: &DatabaseConnection,
    set: &ProjectSet,
    level: ThemeLevel,
    from: DateTime<Utc>,
    boundary: DateTime<Utc>,
) -> Result<(Windows, HashMap<String, Windows>), DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let (since, split) = (sql.bind(from), sql.bind(boundary));
    let text = format!(
        "SELECT COUNT(CASE WHEN p.created_at >= {split} THEN 1 END) AS current_n, \
         COUNT(CASE WHEN p.created_at < {split} THEN 1 END) AS previous_n \
         FROM projects p WHERE {condition} AND p.created_at >= {since}"
    );
    let rows = sql.rows(db, &text).await?;
    let overall = match rows.first() {
        Some(row) => Windows {
            current: row.try_get("", "current_n")?,
            previous: row.try_get("", "previous_n")?,
        },
        None => Windows::default(),
    };

    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let (since, split) = (sql.bind(from), sql.bind(boundary));
    let (key, level_condition) = level.key_and_condition();
    let text = format!(
        "SELECT {key} AS k, \
         COUNT(DISTINCT CASE WHEN p.created_at >= {split} THEN p.id END) AS current_n, \
         COUNT(DISTINCT CASE WHEN p.created_at < {split} THEN p.id END) AS previous_n \
         FROM projects p JOIN project_terms pt ON pt.project_id = p.id \
         JOIN taxonomy_terms t ON t.code = pt.term_code \
         WHERE t.vocabulary = 'theme' AND {level_condition} AND {condition} \
         AND p.created_at >= {since} \
         GROUP BY {key}"
    );
    let mut by_theme = HashMap::new();
    for row in sql.rows(db, &text).await? {
        let Some(code) = row.try_get::<Option<String>>("", "k")? else {
            continue;
        };
        let counts = Windows {
            current: row.try_get("", "current_n")?,
            previous: row.try_get("", "previous_n")?,
        };
        by_theme.insert(code, counts);
    }
    Ok((overall, by_theme))
}

/// Partners with a live listing of projects of `set` and how many such projects each
/// lists, as `(partner id, count)`; only partners whose page is public (active).
pub async fn by_partner(
    db: &DatabaseConnection,
    set: &ProjectSet,
) -> Result<Vec<(i64, i64)>, DbErr> {
    let mut sql = Sql::default();
    let condition = set.condition(&mut sql);
    let text = format!(
        "SELECT a.partner_id AS k, COUNT(DISTINCT p.id) AS n \
         FROM projects p JOIN project_attributions a ON a.project_id = p.id \
         JOIN partners pa ON pa.id = a.partner_id \
         WHERE a.gone_at IS NULL AND pa.status = 'active' AND {condition} \
         GROUP BY a.partner_id"
    );
    sql.rows(db, &text)
        .await?
        .into_iter()
        .map(|row| Ok((row.try_get("", "k")?, row.try_get("", "n")?)))
        .collect()
}
