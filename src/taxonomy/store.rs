//! Terms in the database: seeding and lookups.
use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder};
use serde::Serialize;

use super::seed::{PUBLICS, STRUCTURE_TYPES, SYNONYMS, SeedTerm, THEMES};
use crate::entities::{settings_kv, taxonomy_term};
use crate::web::Lang;

/// Set once the seeded synonyms were given to terms that existed before synonyms did.
const SYNONYMS_SEEDED_KEY: &str = "taxonomy_synonyms_seeded";

/// The seeded synonyms of a term, one per line.
fn seeded_synonyms(code: &str) -> String {
    SYNONYMS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, names)| names.join("\n"))
        .unwrap_or_default()
}

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
                    synonyms: Set(seeded_synonyms(term.code)),
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
    seed_synonyms_once(db).await
}

/// Terms seeded before synonyms existed get the seeded ones, once: a coordinator who
/// later empties a term's synonyms is not overruled.
async fn seed_synonyms_once(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    if settings_kv::Entity::find_by_id(SYNONYMS_SEEDED_KEY.to_owned())
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    for (code, names) in SYNONYMS {
        taxonomy_term::Entity::update_many()
            .col_expr(
                taxonomy_term::Column::Synonyms,
                sea_orm::sea_query::Expr::value(names.join("\n")),
            )
            .filter(taxonomy_term::Column::Code.eq(*code))
            .filter(taxonomy_term::Column::Synonyms.eq(""))
            .exec(&txn)
            .await?;
    }
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(SYNONYMS_SEEDED_KEY.to_owned()),
        value: Set("1".to_owned()),
    })
    .on_conflict(
        OnConflict::column(settings_kv::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await
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

    /// The stored row of a term (both labels, synonyms).
    pub fn row(&self, code: &str) -> Option<&taxonomy_term::Model> {
        self.by_code.get(code)
    }

    /// A vocabulary in thesaurus order, each top-level term followed by its sub-terms,
    /// with its depth (0 or 1).
    pub fn tree(&self, vocabulary: &str, lang: Lang) -> Vec<(Term, u8)> {
        let mut out = Vec::new();
        for root in self.roots(vocabulary, lang) {
            let children: Vec<Term> = self
                .ordered
                .iter()
                .filter_map(|code| self.by_code.get(code))
                .filter(|row| row.parent_code.as_deref() == Some(root.code.as_str()))
                .filter_map(|row| self.get(&row.code, lang))
                .collect();
            out.push((root, 0));
            out.extend(children.into_iter().map(|child| (child, 1)));
        }
        out
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
