//! Consolidated projects written straight to the database, placed in a real commune (its
//! department and region read from the territory tables), with themes, a start year, a
//! first-seen date, a status and partners' listings: what the territory and trends pages
//! count. Each is noted in the search index's change log, as the hub's writers do: wait
//! with `support::wait_indexed` before reading pages that count from the index.
use carrefour::entities::{commune, department, project, project_attribution, project_term};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};

/// A project to insert; `ProjectBuilder::new("title").commune("69123").themes(&[…])…`.
pub struct ProjectBuilder {
    title: String,
    commune: Option<String>,
    department: Option<String>,
    themes: Vec<String>,
    start_year: Option<i32>,
    first_seen: DateTime<Utc>,
    status: String,
    listings: Vec<(i64, bool)>,
}

impl ProjectBuilder {
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            commune: None,
            department: None,
            themes: Vec::new(),
            start_year: None,
            first_seen: Utc::now(),
            status: "active".into(),
            listings: Vec::new(),
        }
    }

    /// In the commune with that INSEE code (and its department and region).
    pub fn commune(mut self, insee: &str) -> Self {
        self.commune = Some(insee.into());
        self
    }

    /// Placed only at the level of that department (and its region).
    pub fn department(mut self, code: &str) -> Self {
        self.department = Some(code.into());
        self
    }

    pub fn themes(mut self, codes: &[&str]) -> Self {
        self.themes = codes.iter().map(|c| (*c).to_owned()).collect();
        self
    }

    pub fn start_year(mut self, year: i32) -> Self {
        self.start_year = Some(year);
        self
    }

    pub fn first_seen(mut self, at: DateTime<Utc>) -> Self {
        self.first_seen = at;
        self
    }

    /// `active`, `archived` or `merged`.
    pub fn status(mut self, status: &str) -> Self {
        self.status = status.into();
        self
    }

    /// Listed by `partner_id` (a live listing).
    pub fn listed_by(mut self, partner_id: i64) -> Self {
        self.listings.push((partner_id, false));
        self
    }

    /// Once listed by `partner_id`, who no longer lists it.
    pub fn formerly_listed_by(mut self, partner_id: i64) -> Self {
        self.listings.push((partner_id, true));
        self
    }

    pub async fn insert(self, db: &DatabaseConnection) -> project::Model {
        let commune = match &self.commune {
            Some(insee) => Some(
                commune::Entity::find_by_id(insee.clone())
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap_or_else(|| panic!("no commune {insee}")),
            ),
            None => None,
        };
        let department_code = commune
            .as_ref()
            .map(|c| c.department_code.clone())
            .or(self.department.clone());
        let region_code = match &department_code {
            Some(code) => Some(
                department::Entity::find_by_id(code.clone())
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap_or_else(|| panic!("no department {code}"))
                    .region_code,
            ),
            None => None,
        };
        let slug = carrefour::web::slug::slugify(&self.title, 80);
        let inserted = project::ActiveModel {
            slug: Set(slug),
            title: Set(self.title.clone()),
            summary: Set(format!("Résumé de {}", self.title)),
            description_html: Set(String::new()),
            commune_insee: Set(commune.as_ref().map(|c| c.insee.clone())),
            postcode: Set(commune.as_ref().map(|c| c.postcode.clone())),
            department_code: Set(department_code),
            region_code: Set(region_code),
            latitude: Set(commune.as_ref().and_then(|c| c.latitude)),
            longitude: Set(commune.as_ref().and_then(|c| c.longitude)),
            geo_precision: Set(Some(
                if commune.is_some() {
                    "commune"
                } else {
                    "department"
                }
                .into(),
            )),
            social_links: Set("[]".into()),
            distinctions: Set("[]".into()),
            start_year: Set(self.start_year),
            status: Set(self.status.clone()),
            provenance: Set("{}".into()),
            created_at: Set(self.first_seen),
            updated_at: Set(self.first_seen),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        for (position, code) in self.themes.iter().enumerate() {
            project_term::ActiveModel {
                project_id: Set(inserted.id),
                term_code: Set(code.clone()),
                position: Set(position as i32),
            }
            .insert(db)
            .await
            .unwrap();
        }
        for (partner_id, gone) in &self.listings {
            project_attribution::ActiveModel {
                project_id: Set(inserted.id),
                partner_id: Set(*partner_id),
                original_url: Set(format!("https://example.org/{}", inserted.id)),
                partner_tags: Set("[]".into()),
                first_seen_at: Set(self.first_seen),
                last_seen_at: Set(self.first_seen),
                gone_at: Set(gone.then_some(self.first_seen)),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
        // As every writer does: the search index (and the figures read from it) follows.
        carrefour::search::changes::note(db, &[inserted.id])
            .await
            .unwrap();
        inserted
    }
}
