//! Data quality of the consolidated projects, for one source, one partner or the whole
//! hub: how often each field is filled, how precisely projects are placed, which
//! suspected duplicates wait for a person, which records could not become projects and
//! which tags partners use.
//!
//! Every figure is one aggregate query (`COUNT`/`SUM(CASE …)`/`GROUP BY`), written for
//! both SQLite and PostgreSQL, so that the page stays fast with 100,000 projects.
use sea_orm::{ConnectionTrait, DbBackend, Value};
use serde::Serialize;

use crate::db::statement;
use crate::error::AppResult;

/// Which projects and records a quality report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The projects with a live listing from this source, and the source's records.
    Source(i64),
    /// The projects with a live listing from this partner, and its sources' records.
    Partner(i64),
    /// Every active project and every record.
    Overall,
}

impl Scope {
    /// The SQL condition on a project `p` of the scope.
    fn projects(self) -> &'static str {
        match self {
            Scope::Source(_) => {
                "EXISTS (SELECT 1 FROM project_attributions a \
                 WHERE a.project_id = p.id AND a.gone_at IS NULL AND a.source_id = $1)"
            }
            Scope::Partner(_) => {
                "EXISTS (SELECT 1 FROM project_attributions a \
                 WHERE a.project_id = p.id AND a.gone_at IS NULL AND a.partner_id = $1)"
            }
            Scope::Overall => "1 = 1",
        }
    }

    /// The SQL condition on a raw record `r` of the scope.
    fn records(self) -> &'static str {
        match self {
            Scope::Source(_) => "r.source_id = $1",
            Scope::Partner(_) => {
                "r.source_id IN (SELECT s.id FROM sources s WHERE s.partner_id = $1)"
            }
            Scope::Overall => "1 = 1",
        }
    }

    /// The SQL condition on a listing (attribution) `a` of the scope.
    fn listings(self) -> &'static str {
        match self {
            Scope::Source(_) => "a.source_id = $1",
            Scope::Partner(_) => "a.partner_id = $1",
            Scope::Overall => "1 = 1",
        }
    }

    fn values(self) -> Vec<Value> {
        match self {
            Scope::Source(id) | Scope::Partner(id) => vec![id.into()],
            Scope::Overall => Vec::new(),
        }
    }
}

/// The project fields whose fill rate is measured, with the SQL saying one is filled.
/// The names are stable: they name the figures on the page and in tests.
const FIELDS: &[(&str, &str)] = &[
    ("title", "p.title <> ''"),
    ("summary", "p.summary <> ''"),
    ("description", "p.description_html <> ''"),
    (
        "holder",
        "p.holder_name IS NOT NULL AND p.holder_name <> ''",
    ),
    ("structure", "p.structure_code IS NOT NULL"),
    ("address", "p.address IS NOT NULL AND p.address <> ''"),
    ("postcode", "p.postcode IS NOT NULL AND p.postcode <> ''"),
    ("commune", "p.commune_insee IS NOT NULL"),
    (
        "coordinates",
        "p.latitude IS NOT NULL AND p.longitude IS NOT NULL",
    ),
    ("website", "p.website IS NOT NULL AND p.website <> ''"),
    (
        "email",
        "p.contact_email IS NOT NULL AND p.contact_email <> ''",
    ),
    ("image", "p.image_url IS NOT NULL AND p.image_url <> ''"),
    ("start_year", "p.start_year IS NOT NULL"),
    (
        "themes",
        "EXISTS (SELECT 1 FROM project_terms pt JOIN taxonomy_terms t ON t.code = pt.term_code \
         WHERE pt.project_id = p.id AND t.vocabulary = 'theme')",
    ),
    (
        "publics",
        "EXISTS (SELECT 1 FROM project_terms pt JOIN taxonomy_terms t ON t.code = pt.term_code \
         WHERE pt.project_id = p.id AND t.vocabulary = 'public')",
    ),
];

/// How precisely projects are placed (`projects.geo_precision`); `none` for no place.
const PRECISIONS: &[(&str, &str)] = &[
    ("address", "p.geo_precision = 'address'"),
    ("commune", "p.geo_precision = 'commune'"),
    ("department", "p.geo_precision = 'department'"),
    ("none", "p.geo_precision IS NULL"),
];

/// A count out of a total, with its rounded percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub name: &'static str,
    pub count: i64,
    pub percent: i64,
}

impl Share {
    fn of(name: &'static str, count: i64, total: i64) -> Self {
        let percent = if total > 0 {
            (count * 100 + total / 2) / total
        } else {
            0
        };
        Self {
            name,
            count,
            percent,
        }
    }
}

/// Fill rates and geocoding of a scope's projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub projects: i64,
    /// One share per field of `FIELDS`, in that order.
    pub fields: Vec<Share>,
    /// One share per precision of `PRECISIONS`, in that order.
    pub precisions: Vec<Share>,
}

impl Coverage {
    /// The share of projects placed in a commune.
    pub fn with_commune(&self) -> &Share {
        self.fields
            .iter()
            .find(|s| s.name == "commune")
            .expect("commune is one of FIELDS")
    }
}

/// Counts the scope's active projects and how many fill each field, in one query.
pub async fn coverage<C: ConnectionTrait>(conn: &C, scope: Scope) -> AppResult<Coverage> {
    let sums: Vec<String> = FIELDS
        .iter()
        .chain(PRECISIONS)
        .enumerate()
        .map(|(i, (_, filled))| {
            format!("COALESCE(SUM(CASE WHEN {filled} THEN 1 ELSE 0 END), 0) AS c{i}")
        })
        .collect();
    let sql = format!(
        "SELECT COUNT(*) AS projects, {} FROM projects p WHERE p.status = 'active' AND {}",
        sums.join(", "),
        scope.projects()
    );
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(statement(backend, &sql, scope.values()))
        .await?
        .ok_or_else(|| anyhow::anyhow!("an aggregate query returned no row"))?;
    let projects: i64 = row.try_get("", "projects")?;
    let mut counts = Vec::with_capacity(FIELDS.len() + PRECISIONS.len());
    for i in 0..FIELDS.len() + PRECISIONS.len() {
        counts.push(row.try_get::<i64>("", &format!("c{i}"))?);
    }
    let (field_counts, precision_counts) = counts.split_at(FIELDS.len());
    Ok(Coverage {
        projects,
        fields: FIELDS
            .iter()
            .zip(field_counts)
            .map(|((name, _), &n)| Share::of(name, n, projects))
            .collect(),
        precisions: PRECISIONS
            .iter()
            .zip(precision_counts)
            .map(|((name, _), &n)| Share::of(name, n, projects))
            .collect(),
    })
}

async fn count<C: ConnectionTrait>(conn: &C, sql: &str, scope: Scope) -> AppResult<i64> {
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(statement(backend, sql, scope.values()))
        .await?
        .ok_or_else(|| anyhow::anyhow!("a count returned no row"))?;
    Ok(row.try_get("", "n")?)
}

/// Suspected duplicates awaiting a person's decision whose listing comes from the scope.
pub async fn awaiting_review<C: ConnectionTrait>(conn: &C, scope: Scope) -> AppResult<i64> {
    // As the review pages count them: pairs where the scope lists either side, between
    // two distinct projects still standing.
    let sql = format!(
        "SELECT COUNT(*) AS n FROM duplicate_links d JOIN raw_records r ON r.id = d.raw_record_id \
         WHERE d.status = 'suggested' \
         AND ({records} OR EXISTS (SELECT 1 FROM project_attributions a \
              WHERE a.project_id = d.project_id AND a.gone_at IS NULL AND {listings})) \
         AND EXISTS (SELECT 1 FROM project_attributions la JOIN projects lp ON lp.id = la.project_id \
              WHERE la.raw_record_id = d.raw_record_id AND la.project_id <> d.project_id \
              AND lp.status <> 'merged') \
         AND EXISTS (SELECT 1 FROM projects sp WHERE sp.id = d.project_id AND sp.status <> 'merged')",
        records = scope.records(),
        listings = scope.listings(),
    );
    count(conn, &sql, scope).await
}

/// Live records of the scope that were consolidated but made no listing: they have no
/// title (consolidation counts them and waits for a version with one).
pub async fn untitled<C: ConnectionTrait>(conn: &C, scope: Scope) -> AppResult<i64> {
    let sql = format!(
        "SELECT COUNT(*) AS n FROM raw_records r \
         WHERE r.gone_at IS NULL AND r.consolidated_hash IS NOT NULL AND {} \
         AND NOT EXISTS (SELECT 1 FROM project_attributions a WHERE a.raw_record_id = r.id)",
        scope.records()
    );
    count(conn, &sql, scope).await
}

/// Tags waiting for an editor to map them (`tag_mappings` queued: no term, not ignored),
/// of the source's partner, of the partner, or of every partner.
pub async fn unmapped_tags<C: ConnectionTrait>(conn: &C, scope: Scope) -> AppResult<i64> {
    let partner = match scope {
        Scope::Source(_) => "m.partner_id = (SELECT s.partner_id FROM sources s WHERE s.id = $1)",
        Scope::Partner(_) => "m.partner_id = $1",
        Scope::Overall => "1 = 1",
    };
    let sql = format!(
        "SELECT COUNT(*) AS n FROM tag_mappings m \
         WHERE m.term_code IS NULL AND m.how = 'auto' AND {partner}"
    );
    count(conn, &sql, scope).await
}

/// A partner's own tag and the number of live listings carrying it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub listings: i64,
}

/// The partners' tags of the scope's live listings: how many distinct ones, and the
/// `limit` most used. Tags are kept raw on each listing (`partner_tags`, a JSON array);
/// once tags are mapped to the taxonomy, the unmapped ones are a subset of these.
pub async fn partner_tag_counts<C: ConnectionTrait>(
    conn: &C,
    scope: Scope,
    limit: u64,
) -> AppResult<(i64, Vec<TagCount>)> {
    let backend = conn.get_database_backend();
    // Anything but an array (an empty column) reads as no tag at all.
    let array = "(CASE WHEN a.partner_tags LIKE '[%' THEN a.partner_tags ELSE '[]' END)";
    let (from, tag) = match backend {
        DbBackend::Postgres => (
            format!(
                "project_attributions a CROSS JOIN LATERAL json_array_elements_text({array}::json) AS j(tag)"
            ),
            "j.tag",
        ),
        _ => (
            format!("project_attributions a, json_each({array}) AS j"),
            "j.value",
        ),
    };
    let filter = format!("a.gone_at IS NULL AND {}", scope.listings());
    let distinct = count(
        conn,
        &format!("SELECT COUNT(DISTINCT {tag}) AS n FROM {from} WHERE {filter}"),
        scope,
    )
    .await?;
    let sql = format!(
        "SELECT {tag} AS tag, COUNT(*) AS n FROM {from} WHERE {filter} \
         GROUP BY {tag} ORDER BY n DESC, tag LIMIT {limit}"
    );
    let rows = conn
        .query_all_raw(statement(backend, &sql, scope.values()))
        .await?;
    let mut top = Vec::with_capacity(rows.len());
    for row in rows {
        top.push(TagCount {
            tag: row.try_get("", "tag")?,
            listings: row.try_get("", "n")?,
        });
    }
    Ok((distinct, top))
}

/// How many of the most used tags a report shows.
pub const TOP_TAGS: u64 = 20;

/// Everything the quality page shows about a scope.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub coverage: Coverage,
    /// Projects placed at least in a commune (the "geocoded" share).
    pub with_commune: Share,
    pub awaiting_review: i64,
    pub untitled: i64,
    pub distinct_tags: i64,
    /// Tags queued for mapping onto the thesaurus.
    pub unmapped_tags: i64,
    pub top_tags: Vec<TagCount>,
}

impl Report {
    pub async fn of<C: ConnectionTrait>(conn: &C, scope: Scope) -> AppResult<Self> {
        let (distinct_tags, top_tags) = partner_tag_counts(conn, scope, TOP_TAGS).await?;
        let coverage = coverage(conn, scope).await?;
        Ok(Self {
            with_commune: coverage.with_commune().clone(),
            coverage,
            awaiting_review: awaiting_review(conn, scope).await?,
            untitled: untitled(conn, scope).await?,
            distinct_tags,
            unmapped_tags: unmapped_tags(conn, scope).await?,
            top_tags,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Share;

    #[test]
    fn shares_round_to_the_nearest_percent_and_nothing_is_zero() {
        assert_eq!(Share::of("title", 1, 3).percent, 33);
        assert_eq!(Share::of("title", 2, 3).percent, 67);
        assert_eq!(Share::of("title", 0, 0).percent, 0);
        assert_eq!(Share::of("title", 4, 4).percent, 100);
    }
}
