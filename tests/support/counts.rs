//! What the database holds, counted in Rust from whole tables: the expected figures of the
//! territory and trends pages, computed independently of the app's SQL.
use std::collections::{BTreeMap, HashMap, HashSet};

use carrefour::entities::{partner, project, project_attribution, project_term, taxonomy_term};
use sea_orm::{DatabaseConnection, EntityTrait};

pub struct Snapshot {
    pub projects: Vec<project::Model>,
    terms: Vec<project_term::Model>,
    taxonomy: HashMap<String, taxonomy_term::Model>,
    attributions: Vec<project_attribution::Model>,
    partners: HashMap<i64, partner::Model>,
}

impl Snapshot {
    pub async fn load(db: &DatabaseConnection) -> Self {
        Self {
            projects: project::Entity::find().all(db).await.unwrap(),
            terms: project_term::Entity::find().all(db).await.unwrap(),
            taxonomy: taxonomy_term::Entity::find()
                .all(db)
                .await
                .unwrap()
                .into_iter()
                .map(|t| (t.code.clone(), t))
                .collect(),
            attributions: project_attribution::Entity::find().all(db).await.unwrap(),
            partners: partner::Entity::find()
                .all(db)
                .await
                .unwrap()
                .into_iter()
                .map(|p| (p.id, p))
                .collect(),
        }
    }

    /// Ids of the active projects for which `keep` holds.
    pub fn active(&self, keep: impl Fn(&project::Model) -> bool) -> HashSet<i64> {
        self.projects
            .iter()
            .filter(|p| p.status == "active" && keep(p))
            .map(|p| p.id)
            .collect()
    }

    /// Projects among `ids` per top-level theme code (a sub-theme counts for its parent,
    /// each project once per theme).
    pub fn top_themes(&self, ids: &HashSet<i64>) -> BTreeMap<String, usize> {
        let mut pairs = HashSet::new();
        for term in self.terms.iter().filter(|t| ids.contains(&t.project_id)) {
            let Some(row) = self.taxonomy.get(&term.term_code) else {
                continue;
            };
            if row.vocabulary != "theme" {
                continue;
            }
            let top = row.parent_code.clone().unwrap_or_else(|| row.code.clone());
            pairs.insert((term.project_id, top));
        }
        let mut counts = BTreeMap::new();
        for (_, top) in pairs {
            *counts.entry(top).or_insert(0) += 1;
        }
        counts
    }

    /// Projects among `ids` per sub-theme code.
    pub fn sub_themes(&self, ids: &HashSet<i64>) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for term in self.terms.iter().filter(|t| ids.contains(&t.project_id)) {
            let Some(row) = self.taxonomy.get(&term.term_code) else {
                continue;
            };
            if row.vocabulary == "theme" && row.parent_code.is_some() {
                *counts.entry(row.code.clone()).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Projects among `ids` carrying `theme` or one of its sub-themes.
    pub fn with_theme(&self, ids: &HashSet<i64>, theme: &str) -> HashSet<i64> {
        self.terms
            .iter()
            .filter(|t| ids.contains(&t.project_id))
            .filter(|t| {
                t.term_code == theme
                    || self
                        .taxonomy
                        .get(&t.term_code)
                        .is_some_and(|row| row.parent_code.as_deref() == Some(theme))
            })
            .map(|t| t.project_id)
            .collect()
    }

    /// Active partners with a live listing among `ids`, by name, with how many they list.
    pub fn partners(&self, ids: &HashSet<i64>) -> BTreeMap<String, usize> {
        let mut pairs = HashSet::new();
        for a in &self.attributions {
            if a.gone_at.is_none()
                && ids.contains(&a.project_id)
                && let Some(p) = self.partners.get(&a.partner_id)
                && p.status == "active"
            {
                pairs.insert((a.project_id, p.name.clone()));
            }
        }
        let mut counts = BTreeMap::new();
        for (_, name) in pairs {
            *counts.entry(name).or_insert(0) += 1;
        }
        counts
    }

    /// The French or English label of a term.
    pub fn label(&self, code: &str, lang: &str) -> String {
        let row = &self.taxonomy[code];
        if lang == "en" {
            row.label_en.clone()
        } else {
            row.label_fr.clone()
        }
    }

    /// The parent theme of a sub-theme.
    pub fn parent(&self, code: &str) -> Option<String> {
        self.taxonomy[code].parent_code.clone()
    }

    pub fn project(&self, id: i64) -> &project::Model {
        self.projects.iter().find(|p| p.id == id).unwrap()
    }
}

/// The whole number at the start of `text` ("12 projets" → 12); digits grouped with
/// spaces or commas are joined.
pub fn leading_number(text: &str) -> i64 {
    let digits: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '\u{202f}' | '\u{a0}'))
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number at the start of {text:?}"))
}
