//! Terms in the database: seeding and lookups.
use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder};
use serde::Serialize;

use super::seed::{PUBLICS, STRUCTURE_TYPES, SeedTerm, THEMES};
use crate::entities::taxonomy_term;
use crate::web::Lang;

/// Inserts the seeded terms that are missing; terms edited by coordinators stay as they are.
pub async fn seed(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let vocabularies: [(&str, &[SeedTerm]); 3] = [
        ("theme", THEMES),
        ("public", PUBLICS),
        ("structure", STRUCTURE_TYPES),
    ];
    let rows: Vec<taxonomy_term::ActiveModel> = vocabularies
        .iter()
        .flat_map(|(vocabulary, terms)| {
            terms
                .iter()
                .enumerate()
                .map(move |(position, term)| taxonomy_term::ActiveModel {
                    code: Set(term.code.to_owned()),
                    vocabulary: Set((*vocabulary).to_owned()),
                    parent_code: Set(term.parent.map(str::to_owned)),
                    label_fr: Set(term.label_fr.to_owned()),
                    label_en: Set(term.label_en.to_owned()),
                    position: Set(position as i32),
                })
        })
        .collect();
    taxonomy_term::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(taxonomy_term::Column::Code)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A term as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub code: String,
    pub vocabulary: String,
    pub parent_code: Option<String>,
    pub label: String,
}

/// All terms in one language, by code.
pub struct Terms {
    by_code: HashMap<String, taxonomy_term::Model>,
    ordered: Vec<String>,
}

impl Terms {
    /// Loads the whole thesaurus (a few dozen rows).
    pub async fn load(db: &DatabaseConnection) -> Result<Self, sea_orm::DbErr> {
        let rows = taxonomy_term::Entity::find()
            .order_by_asc(taxonomy_term::Column::Vocabulary)
            .order_by_asc(taxonomy_term::Column::Position)
            .all(db)
            .await?;
        let ordered = rows.iter().map(|r| r.code.clone()).collect();
        let by_code = rows.into_iter().map(|r| (r.code.clone(), r)).collect();
        Ok(Self { by_code, ordered })
    }

    /// The term with that code in `lang`, if it exists.
    pub fn get(&self, code: &str, lang: Lang) -> Option<Term> {
        self.by_code.get(code).map(|row| Term {
            code: row.code.clone(),
            vocabulary: row.vocabulary.clone(),
            parent_code: row.parent_code.clone(),
            label: match lang {
                Lang::Fr => row.label_fr.clone(),
                Lang::En => row.label_en.clone(),
            },
        })
    }

    /// Top-level terms of a vocabulary, in thesaurus order.
    pub fn roots(&self, vocabulary: &str, lang: Lang) -> Vec<Term> {
        self.ordered
            .iter()
            .filter_map(|code| self.by_code.get(code))
            .filter(|row| row.vocabulary == vocabulary && row.parent_code.is_none())
            .filter_map(|row| self.get(&row.code, lang))
            .collect()
    }
}
