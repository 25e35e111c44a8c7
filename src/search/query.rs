//! What a visitor asks for (`Criteria`, parsed at the edge by `params`) and how it
//! becomes tantivy queries: the words (all required, phrases in quotes, `-word` to
//! exclude, typos forgiven on longer words that no project contains), the criteria
//! (values of one facet combine with OR, facets with AND) and the place (a box on the map,
//! or a distance from a point).
use std::ops::Bound;

use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, SegmentReader, Term};

use super::analysis::{self, Token};
use super::geo::{BBox, Near};
use super::schema::{Fields, names};

/// A criterion visitors filter by and see counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Theme,
    Public,
    Structure,
    Partner,
    Region,
    Department,
    Year,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Theme,
        Facet::Public,
        Facet::Structure,
        Facet::Partner,
        Facet::Region,
        Facet::Department,
        Facet::Year,
    ];

    /// The URL parameter (and API facet key) of the criterion.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Theme => "theme",
            Facet::Public => "public",
            Facet::Structure => "structure",
            Facet::Partner => "partner",
            Facet::Region => "region",
            Facet::Department => "department",
            Facet::Year => "year",
        }
    }

    /// The index column counted for this criterion.
    pub fn column(self) -> &'static str {
        match self {
            Facet::Theme => names::THEME,
            Facet::Public => names::PUBLIC,
            Facet::Structure => names::STRUCTURE,
            Facet::Partner => names::PARTNER,
            Facet::Region => names::REGION,
            Facet::Department => names::DEPARTMENT,
            Facet::Year => names::START_YEAR,
        }
    }

    fn field(self, f: &Fields) -> Field {
        match self {
            Facet::Theme => f.theme,
            Facet::Public => f.public,
            Facet::Structure => f.structure,
            Facet::Partner => f.partner,
            Facet::Region => f.region,
            Facet::Department => f.department,
            Facet::Year => f.start_year,
        }
    }
}

/// A range of start years, both ends included, either open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// Everything that decides which projects match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Criteria {
    /// The words typed, as typed.
    pub text: String,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub structures: Vec<String>,
    /// Partner ids.
    pub partners: Vec<i64>,
    pub regions: Vec<String>,
    pub departments: Vec<String>,
    /// INSEE code.
    pub commune: Option<String>,
    pub years: YearRange,
    pub bbox: Option<BBox>,
    pub near: Option<Near>,
    /// Archived projects too (no partner lists them any more).
    pub archived: bool,
}

impl Criteria {
    /// The values chosen for a criterion (years are a range, not values).
    pub fn values(&self, facet: Facet) -> Vec<String> {
        match facet {
            Facet::Theme => self.themes.clone(),
            Facet::Public => self.publics.clone(),
            Facet::Structure => self.structures.clone(),
            Facet::Partner => self.partners.iter().map(i64::to_string).collect(),
            Facet::Region => self.regions.clone(),
            Facet::Department => self.departments.clone(),
            Facet::Year => Vec::new(),
        }
    }

    /// Whether the criterion narrows the results.
    pub fn restricts(&self, facet: Facet) -> bool {
        match facet {
            Facet::Year => !self.years.is_open(),
            other => !self.values(other).is_empty(),
        }
    }

    /// Whether any word was typed (stop words alone count as none).
    pub fn has_words(&self) -> bool {
        parse_text(&self.text).iter().any(|item| !item.negated)
    }
}

/// One piece of the typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextItem {
    pub text: String,
    /// In quotes: its words must follow each other.
    pub phrase: bool,
    /// Preceded by `-`: projects containing it are left out.
    pub negated: bool,
}

/// Cuts the typed text into words and quoted phrases; an unclosed quote runs to the end.
pub fn parse_text(text: &str) -> Vec<TextItem> {
    let mut items = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (negated, body) = match rest.strip_prefix('-') {
            Some(after) if !after.is_empty() && !after.starts_with(char::is_whitespace) => {
                (true, after)
            }
            _ => (false, rest),
        };
        let (item, phrase, next) = if let Some(quoted) = body.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => (&quoted[..end], true, &quoted[end + 1..]),
                None => (quoted, true, ""),
            }
        } else {
            let end = body.find(char::is_whitespace).unwrap_or(body.len());
            (&body[..end], false, &body[end..])
        };
        if !item.trim().is_empty() {
            items.push(TextItem {
                text: item.trim().to_owned(),
                phrase,
                negated,
            });
        }
        rest = next.trim_start();
    }
    items
}

/// Words this long or longer are forgiven a typo (two from eight characters on).
const FUZZY_FROM_CHARS: usize = 5;
const TWO_TYPOS_FROM_CHARS: usize = 8;

/// Builds tantivy queries for one index.
pub struct QueryBuilder<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
    analyzer: TextAnalyzer,
    folder: TextAnalyzer,
}

impl<'a> QueryBuilder<'a> {
    pub fn new(fields: &'a Fields, searcher: &'a Searcher) -> Self {
        QueryBuilder {
            fields,
            searcher,
            analyzer: analysis::french(),
            folder: analysis::words(),
        }
    }

    /// The query of the typed words, `None` when nothing but stop words or exclusions
    /// was typed (every project matches the words then).
    pub fn text(&mut self, text: &str) -> tantivy::Result<Option<Box<dyn Query>>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut positive = false;
        for item in parse_text(text) {
            let tokens = analysis::tokens(&mut self.analyzer, &item.text);
            let query = match tokens.as_slice() {
                [] => continue,
                [token] => self.word(token, &item.text)?,
                _ => self.phrase(&tokens),
            };
            if item.negated {
                clauses.push((Occur::MustNot, query));
            } else {
                positive = true;
                clauses.push((Occur::Must, query));
            }
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        if !positive {
            // Exclusions alone: every project but those.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// One word in any text field, weighted by field; a longer word no project contains
    /// is looked for, as typed, with a typo or two.
    fn word(&mut self, token: &Token, typed: &str) -> tantivy::Result<Box<dyn Query>> {
        let texts = self.fields.weighted_texts();
        let mut known = false;
        for (field, _) in texts {
            if self
                .searcher
                .doc_freq(&Term::from_field_text(field, &token.text))?
                > 0
            {
                known = true;
                break;
            }
        }
        let typed_chars = typed.chars().count();
        if !known && typed_chars >= FUZZY_FROM_CHARS {
            let folded = analysis::tokens(&mut self.folder, typed);
            if let [word] = folded.as_slice() {
                let distance = if typed_chars >= TWO_TYPOS_FROM_CHARS {
                    2
                } else {
                    1
                };
                let term = Term::from_field_text(self.fields.words, &word.text);
                return Ok(Box::new(FuzzyTermQuery::new(term, distance, true)));
            }
        }
        let clauses = texts
            .into_iter()
            .map(|(field, weight)| {
                let term = Term::from_field_text(field, &token.text);
                let query = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(query, weight)) as Box<dyn Query>,
                )
            })
            .collect();
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// Words that must follow each other (stop words between them keep their place).
    fn phrase(&self, tokens: &[Token]) -> Box<dyn Query> {
        let first = tokens[0].position;
        let clauses = self
            .fields
            .weighted_texts()
            .into_iter()
            .map(|(field, weight)| {
                let terms = tokens
                    .iter()
                    .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
                    .collect();
                let query = Box::new(PhraseQuery::new_with_offset(terms));
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(query, weight)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// The filters every count obeys: status, commune, place.
    pub fn base_filters(&self, criteria: &Criteria) -> Vec<Box<dyn Query>> {
        let f = self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if !criteria.archived {
            filters.push(term(f.status, "active"));
        }
        if let Some(insee) = &criteria.commune {
            filters.push(term(f.commune, insee));
        }
        if let Some(bbox) = criteria.bbox {
            filters.extend(bbox_filters(f.latitude, f.longitude, bbox));
        }
        if let Some(near) = criteria.near {
            filters.extend(bbox_filters(f.latitude, f.longitude, near.bbox()));
            filters.push(Box::new(circle(near)));
        }
        filters
    }

    /// The filter of one criterion, `None` when nothing is chosen for it.
    pub fn facet_filter(&self, criteria: &Criteria, facet: Facet) -> Option<Box<dyn Query>> {
        if facet == Facet::Year {
            return year_filter(self.fields, criteria.years);
        }
        let values = criteria.values(facet);
        if values.is_empty() {
            return None;
        }
        let field = facet.field(self.fields);
        let terms = values.iter().map(|v| Term::from_field_text(field, v));
        Some(Box::new(TermSetQuery::new(terms)))
    }
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn year_filter(f: &Fields, years: YearRange) -> Option<Box<dyn Query>> {
    if years.is_open() {
        return None;
    }
    let bound = |year: Option<i32>| match year.and_then(|y| u64::try_from(y).ok()) {
        Some(y) => Bound::Included(Term::from_field_u64(f.start_year, y)),
        None => Bound::Unbounded,
    };
    Some(Box::new(RangeQuery::new(
        bound(years.from),
        bound(years.to),
    )))
}

fn f64_range(field: Field, low: f64, high: f64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_f64(field, low)),
        Bound::Included(Term::from_field_f64(field, high)),
    ))
}

/// A box's ranges on indexed `latitude` and `longitude` fields (a box across the
/// antimeridian is two longitude ranges).
pub fn bbox_filters(latitude: Field, longitude: Field, bbox: BBox) -> Vec<Box<dyn Query>> {
    let within_latitudes = f64_range(latitude, bbox.south, bbox.north);
    let within_longitudes = if bbox.west <= bbox.east {
        f64_range(longitude, bbox.west, bbox.east)
    } else {
        Box::new(BooleanQuery::union(vec![
            f64_range(longitude, bbox.west, 180.0),
            f64_range(longitude, -180.0, bbox.east),
        ]))
    };
    vec![within_latitudes, within_longitudes]
}

/// Projects within `near`'s radius (great-circle distance).
fn circle(near: Near) -> DocPredicateQuery {
    let predicate = FunctionPredicate::from(move |segment: &SegmentReader| {
        let fast = segment.fast_fields();
        let latitude = fast.f64(names::LATITUDE)?;
        let longitude = fast.f64(names::LONGITUDE)?;
        Ok(
            move |doc| match (latitude.first(doc), longitude.first(doc)) {
                (Some(lat), Some(lon)) => near.contains(lat, lon),
                _ => false,
            },
        )
    });
    DocPredicateQuery::from(predicate)
}

/// `required` queries intersected, filters scoring nothing; everything when none.
pub fn all_of(scored: Option<Box<dyn Query>>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(query) = scored {
        clauses.push((Occur::Must, query));
    }
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    match clauses.len() {
        0 => Box::new(AllQuery),
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, phrase: bool, negated: bool) -> TextItem {
        TextItem {
            text: text.into(),
            phrase,
            negated,
        }
    }

    #[test]
    fn text_is_cut_into_words_phrases_and_exclusions() {
        assert_eq!(
            parse_text(r#"  jardin "repair café" -vélo  - x "#),
            vec![
                item("jardin", false, false),
                item("repair café", true, false),
                item("vélo", false, true),
                item("-", false, false),
                item("x", false, false),
            ]
        );
        assert_eq!(
            parse_text(r#"tiers-lieu "non fermé"#),
            vec![
                item("tiers-lieu", false, false),
                item("non fermé", true, false)
            ]
        );
        assert_eq!(parse_text(r#" "" "#), vec![]);
    }
}
