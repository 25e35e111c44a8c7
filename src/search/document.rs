//! What the index holds of a project, read from the database: its texts, the names of
//! its place, the labels of its terms, and its criteria.
use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tantivy::{DateTime, TantivyDocument};

use super::schema::Fields;
use crate::consolidation::similarity::html_text;
use crate::entities::{project, project_attribution, project_term, taxonomy_term};
use crate::geo::communes;

/// One project as the index sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectDoc {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub holder: String,
    pub place: String,
    pub labels: String,
    pub active: bool,
    /// Theme codes: each sub-theme with its parent, each once.
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub structure: Option<String>,
    pub partners: Vec<i64>,
    pub region: Option<String>,
    pub department: Option<String>,
    pub commune: Option<String>,
    /// The codes as the row records them.
    pub recorded_region: Option<String>,
    pub recorded_department: Option<String>,
    pub start_year: Option<i32>,
    pub first_seen: chrono::DateTime<chrono::Utc>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// The thesaurus, read once per batch.
pub struct Terms(HashMap<String, taxonomy_term::Model>);

impl Terms {
    pub async fn load<C: ConnectionTrait>(conn: &C) -> anyhow::Result<Self> {
        let terms = taxonomy_term::Entity::find().all(conn).await?;
        Ok(Terms(
            terms.into_iter().map(|t| (t.code.clone(), t)).collect(),
        ))
    }

    fn parent(&self, code: &str) -> Option<&str> {
        self.0.get(code).and_then(|t| t.parent_code.as_deref())
    }

    fn labels(&self, code: &str) -> Option<(&str, &str)> {
        self.0
            .get(code)
            .map(|t| (t.label_fr.as_str(), t.label_en.as_str()))
    }

    fn vocabulary(&self, code: &str) -> Option<&str> {
        self.0.get(code).map(|t| t.vocabulary.as_str())
    }
}

/// The projects of `ids` that belong in the index (merged ones do not: their address
/// leads to the project they were folded into), in id order.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    terms: &Terms,
    ids: &[i64],
) -> anyhow::Result<Vec<ProjectDoc>> {
    let mut projects = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .filter(project::Column::Status.ne("merged"))
        .order_by_asc(project::Column::Id)
        .all(conn)
        .await?;
    crate::projects::holder::overlay(conn, &mut projects).await?;
    if projects.is_empty() {
        return Ok(Vec::new());
    }
    let found: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let mut codes: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in project_term::Entity::find()
        .filter(project_term::Column::ProjectId.is_in(found.iter().copied()))
        .order_by_asc(project_term::Column::Position)
        .all(conn)
        .await?
    {
        codes.entry(row.project_id).or_default().push(row.term_code);
    }
    let mut partners: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.is_in(found.iter().copied()))
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?
    {
        let list = partners.entry(row.project_id).or_default();
        if !list.contains(&row.partner_id) {
            list.push(row.partner_id);
        }
    }
    Ok(projects
        .into_iter()
        .map(|p| {
            let codes = codes.remove(&p.id).unwrap_or_default();
            let partners = partners.remove(&p.id).unwrap_or_default();
            doc_of(p, &codes, partners, terms)
        })
        .collect())
}

fn doc_of(p: project::Model, codes: &[String], partners: Vec<i64>, terms: &Terms) -> ProjectDoc {
    let mut labels = Vec::new();
    let mut themes = Vec::new();
    let mut publics = Vec::new();
    let in_vocabulary = |code: &str, vocabulary: &str| terms.vocabulary(code) == Some(vocabulary);
    for code in codes {
        if in_vocabulary(code, "theme") {
            for code in terms.parent(code).into_iter().chain([code.as_str()]) {
                if !themes.iter().any(|t| t == code) {
                    themes.push(code.to_owned());
                }
            }
        } else if in_vocabulary(code, "public") && !publics.contains(code) {
            publics.push(code.clone());
        }
        labels.extend(terms.labels(code));
    }
    let structure = p.structure_code.clone();
    if let Some(code) = &structure {
        labels.extend(terms.labels(code));
    }
    let place = place_of(&p);
    ProjectDoc {
        id: p.id,
        summary: p.summary,
        description: html_text(&p.description_html),
        holder: p.holder_name.unwrap_or_default(),
        labels: labels
            .iter()
            .flat_map(|(fr, en)| [*fr, *en])
            .collect::<Vec<_>>()
            .join(" · "),
        active: p.status == "active",
        themes,
        publics,
        structure,
        partners,
        region: place.region,
        department: place.department,
        commune: p.commune_insee.clone(),
        recorded_region: p.region_code.clone(),
        recorded_department: p.department_code.clone(),
        place: place.names,
        start_year: p.start_year,
        first_seen: p.created_at,
        latitude: p.latitude,
        longitude: p.longitude,
        title: p.title,
    }
}

/// Where a project is, as the index holds it.
struct IndexedPlace {
    /// Commune, department and region names, searchable as words.
    names: String,
    region: Option<String>,
    department: Option<String>,
}

/// The names and codes of a project's commune, department and region (a commune's
/// department and region fill in what the project lacks).
fn place_of(p: &project::Model) -> IndexedPlace {
    let index = communes::index();
    let commune = p.commune_insee.as_deref().and_then(communes::commune);
    let department_code = p
        .department_code
        .as_deref()
        .or(commune.map(|c| c.department));
    let department = department_code.and_then(|code| index.department(code));
    let region_code = p
        .region_code
        .as_deref()
        .or(commune.map(|c| c.region))
        .or(department.map(|d| d.region));
    let region_name = region_code.and_then(|code| {
        communes::regions()
            .into_iter()
            .find(|(c, _)| *c == code)
            .map(|(_, name)| name)
    });
    let names: Vec<&str> = [
        commune.map(|c| c.name),
        department.map(|d| d.name),
        region_name,
    ]
    .into_iter()
    .flatten()
    .collect();
    IndexedPlace {
        names: names.join(" "),
        region: region_code.map(str::to_owned),
        department: department_code.map(str::to_owned),
    }
}

/// `year × 12 + month − 1` of a UTC instant.
pub fn month_number(at: chrono::DateTime<chrono::Utc>) -> i64 {
    use chrono::Datelike;
    i64::from(at.year()) * 12 + i64::from(at.month0())
}

/// The lower-case title without accents, for sorting by name.
pub fn title_key(title: &str) -> String {
    deunicode::deunicode(title).to_lowercase().trim().to_owned()
}

impl ProjectDoc {
    /// The tantivy document.
    pub fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, self.id as u64);
        doc.add_text(f.title, &self.title);
        doc.add_text(f.title_words, &self.title);
        for text in [
            &self.title,
            &self.summary,
            &self.description,
            &self.holder,
            &self.place,
            &self.labels,
        ] {
            doc.add_text(f.words, text);
        }
        doc.add_text(f.summary, &self.summary);
        doc.add_text(f.description, &self.description);
        doc.add_text(f.holder, &self.holder);
        doc.add_text(f.place, &self.place);
        doc.add_text(f.labels, &self.labels);
        doc.add_text(f.status, if self.active { "active" } else { "archived" });
        for code in &self.themes {
            doc.add_text(f.theme, code);
        }
        for code in &self.publics {
            doc.add_text(f.public, code);
        }
        if let Some(code) = &self.structure {
            doc.add_text(f.structure, code);
        }
        for partner in &self.partners {
            doc.add_text(f.partner, partner.to_string());
        }
        for (field, code) in [
            (f.region, &self.region),
            (f.department, &self.department),
            (f.commune, &self.commune),
            (f.recorded_region, &self.recorded_region),
            (f.recorded_department, &self.recorded_department),
        ] {
            if let Some(code) = code {
                doc.add_text(field, code);
            }
        }
        if let Some(year) = self.start_year {
            doc.add_i64(f.recorded_start_year, i64::from(year));
            if let Ok(year) = u64::try_from(year) {
                doc.add_u64(f.start_year, year);
            }
        }
        doc.add_date(
            f.first_seen,
            DateTime::from_timestamp_micros(self.first_seen.timestamp_micros()),
        );
        doc.add_i64(f.first_seen_month, month_number(self.first_seen));
        if let (Some(lat), Some(lon)) = (self.latitude, self.longitude) {
            doc.add_f64(f.latitude, lat);
            doc.add_f64(f.longitude, lon);
        }
        doc.add_text(f.title_key, title_key(&self.title));
        doc
    }
}
