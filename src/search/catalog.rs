//! The names behind the codes a search speaks in: thesaurus terms, partners, regions and
//! departments. Read once per request (a few hundred rows at most); it both checks
//! what a visitor asks for and labels the counts shown back.
use std::collections::HashMap;

use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QueryOrder};

use super::query::Facet;
use crate::entities::partner;
use crate::geo::communes;
use crate::taxonomy::Terms;
use crate::web::Lang;

/// A partner as searches name it.
#[derive(Debug, Clone)]
pub struct PartnerName {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

pub struct Catalog {
    pub terms: Terms,
    partners: Vec<PartnerName>,
    by_slug: HashMap<String, usize>,
    by_id: HashMap<i64, usize>,
}

impl Catalog {
    pub async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let terms = Terms::load(db).await?;
        let partners: Vec<PartnerName> = partner::Entity::find()
            .order_by_asc(partner::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|p| PartnerName {
                id: p.id,
                slug: p.slug,
                name: p.name,
            })
            .collect();
        let by_slug = partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.slug.clone(), i))
            .collect();
        let by_id = partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        Ok(Catalog {
            terms,
            partners,
            by_slug,
            by_id,
        })
    }

    pub fn partner_by_slug(&self, slug: &str) -> Option<&PartnerName> {
        self.by_slug.get(slug).map(|&i| &self.partners[i])
    }

    pub fn partner_by_id(&self, id: i64) -> Option<&PartnerName> {
        self.by_id.get(&id).map(|&i| &self.partners[i])
    }

    /// Whether `code` is a term of the criterion's vocabulary.
    pub fn is_term(&self, facet: Facet, code: &str) -> bool {
        let vocabulary = match facet {
            Facet::Theme => "theme",
            Facet::Public => "public",
            Facet::Structure => "structure",
            _ => return false,
        };
        self.terms
            .row(code)
            .is_some_and(|row| row.vocabulary == vocabulary)
    }

    /// The label of a criterion's value, as pages show it; `None` for an unknown value.
    pub fn label(&self, facet: Facet, value: &str, lang: Lang) -> Option<String> {
        match facet {
            Facet::Theme | Facet::Public | Facet::Structure => {
                self.terms.get(value, lang).map(|t| t.label)
            }
            Facet::Partner => value
                .parse()
                .ok()
                .and_then(|id| self.partner_by_id(id))
                .map(|p| p.name.clone()),
            Facet::Region => region_name(value).map(str::to_owned),
            Facet::Department => communes::index()
                .department(value)
                .filter(|d| d.code == value)
                .map(|d| format!("{} ({})", d.name, d.code)),
            Facet::Year => Some(value.to_owned()),
        }
    }

    /// The value a URL parameter carries for a criterion's indexed value (partners are
    /// indexed by id and named by slug).
    pub fn param_value(&self, facet: Facet, value: &str) -> Option<String> {
        match facet {
            Facet::Partner => value
                .parse()
                .ok()
                .and_then(|id| self.partner_by_id(id))
                .map(|p| p.slug.clone()),
            _ => Some(value.to_owned()),
        }
    }
}

/// The region's name, if `code` is a region.
pub fn region_name(code: &str) -> Option<&'static str> {
    communes::region_list()
        .iter()
        .find(|(c, _)| *c == code)
        .map(|&(_, name)| name)
}

/// Whether `code` is a department's code (`2A`, `974`…).
pub fn is_department(code: &str) -> bool {
    communes::index()
        .department(code)
        .is_some_and(|d| d.code == code)
}
