//! What the index holds of a project, read from the database: its texts, the names of
//! its place, the labels of its terms, and its criteria.
use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tantivy::schema::Facet;
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
    /// Facet paths (`/ENV/ENV-CLIMAT` for a sub-theme).
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub structure: Option<String>,
    pub partners: Vec<i64>,
    /// `/region/department[/commune]`.
    pub territory: Option<String>,
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

    /// The facet path of a term: its parent's code first.
    fn path(&self, code: &str) -> String {
        match self.0.get(code).and_then(|t| t.parent_code.as_deref()) {
            Some(parent) => format!("/{parent}/{code}"),
            None => format!("/{code}"),
        }
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
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .filter(project::Column::Status.ne("merged"))
        .order_by_asc(project::Column::Id)
        .all(conn)
        .await?;
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
            themes.push(terms.path(code));
        } else if in_vocabulary(code, "public") {
            publics.push(code.clone());
        }
        labels.extend(terms.labels(code));
    }
    let structure = p.structure_code.clone();
    if let Some(code) = &structure {
        labels.extend(terms.labels(code));
    }
    let (place, territory) = place_of(&p);
    ProjectDoc {
        id: p.id,
        summary: p.summary,
        description: html_text(&p.description_html),
        holder: p.holder_name.unwrap_or_default(),
        place,
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
        territory,
        start_year: p.start_year,
        first_seen: p.created_at,
        latitude: p.latitude,
        longitude: p.longitude,
        title: p.title,
    }
}

/// The names of a project's commune, department and region, and its territory path.
fn place_of(p: &project::Model) -> (String, Option<String>) {
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
    let territory = match (region_code, department_code, p.commune_insee.as_deref()) {
        (Some(r), Some(d), Some(c)) => Some(format!("/{r}/{d}/{c}")),
        (Some(r), Some(d), None) => Some(format!("/{r}/{d}")),
        (Some(r), None, _) => Some(format!("/{r}")),
        _ => None,
    };
    (names.join(" "), territory)
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
        doc.add_text(f.summary, &self.summary);
        doc.add_text(f.description, &self.description);
        doc.add_text(f.holder, &self.holder);
        doc.add_text(f.place, &self.place);
        doc.add_text(f.labels, &self.labels);
        doc.add_text(f.status, if self.active { "active" } else { "archived" });
        for path in &self.themes {
            doc.add_facet(f.theme, Facet::from(path.as_str()));
        }
        for code in &self.publics {
            doc.add_facet(f.public, Facet::from_path([code.as_str()]));
        }
        if let Some(code) = &self.structure {
            doc.add_facet(f.structure, Facet::from_path([code.as_str()]));
        }
        for partner in &self.partners {
            doc.add_facet(f.partner, Facet::from_path([partner.to_string()]));
        }
        if let Some(path) = &self.territory {
            doc.add_facet(f.territory, Facet::from(path.as_str()));
        }
        if let Some(year) = self.start_year.and_then(|y| u64::try_from(y).ok()) {
            doc.add_u64(f.start_year, year);
        }
        doc.add_date(
            f.first_seen,
            DateTime::from_timestamp_secs(self.first_seen.timestamp()),
        );
        if let (Some(lat), Some(lon)) = (self.latitude, self.longitude) {
            doc.add_f64(f.latitude, lat);
            doc.add_f64(f.longitude, lon);
        }
        doc.add_text(f.title_key, title_key(&self.title));
        doc
    }
}
