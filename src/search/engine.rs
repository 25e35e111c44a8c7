//! Answers a search on one index generation: the page of hits in the order asked, the
//! total, and the facet counts. Counts are disjunctive: a criterion's own choice is left
//! out of its counts (so a visitor sees what widening it would give), every other choice
//! applies; one pass serves the results and the criteria nothing is chosen for, then one
//! pass per chosen criterion.
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher};

use super::collect::{FacetCounter, MapCollector, MapLayer, Tallies};
use super::geo::distance_km;
use super::index::Generation;
use super::query::{Criteria, Facet, QueryBuilder, all_of};
use super::schema::names;

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (newest first when no word is typed).
    #[default]
    Relevance,
    /// Most recently listed first.
    Newest,
    /// By title, A to Z.
    Name,
    /// Nearest first (needs a point).
    Distance,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Name, Sort::Distance];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Name => "name",
            Sort::Distance => "distance",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Sort::ALL.into_iter().find(|s| s.param() == text)
    }
}

/// A search: what matches, in which order, which slice.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub criteria: Criteria,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Count the criteria (pages and the API do; exports and the map do not).
    pub facets: bool,
}

/// One result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: i64,
    /// From the point searched around, when there is one.
    pub distance_km: Option<f64>,
}

/// What a search found.
pub struct Outcome {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub tallies: Tallies,
    /// Marks the typed words in a project's texts; `None` when no word was typed.
    pub highlighter: Option<Highlighter>,
}

/// Makes highlighted extracts of summaries and descriptions.
pub struct Highlighter {
    summary: SnippetGenerator,
    description: SnippetGenerator,
}

/// Longest extract shown under a result.
const SNIPPET_CHARS: usize = 220;

impl Highlighter {
    fn new(searcher: &Searcher, query: &dyn Query, g: &Generation) -> tantivy::Result<Self> {
        let make = |field| -> tantivy::Result<SnippetGenerator> {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Ok(generator)
        };
        Ok(Highlighter {
            summary: make(g.fields.summary)?,
            description: make(g.fields.description)?,
        })
    }

    /// HTML (text escaped, matches in `<mark>`) of the best extract: from the summary
    /// when it holds a typed word, else from the description; `None` when neither does.
    pub fn extract(&self, summary: &str, description_text: &str) -> Option<String> {
        for (generator, text) in [
            (&self.summary, summary),
            (&self.description, description_text),
        ] {
            let mut snippet = generator.snippet(text);
            if !snippet.highlighted().is_empty() {
                snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
                return Some(snippet.to_html());
            }
        }
        None
    }
}

impl Generation {
    /// Runs `request`.
    pub fn search(&self, request: &Request) -> anyhow::Result<Outcome> {
        let searcher = self.reader.searcher();
        let mut builder = QueryBuilder::new(&self.fields, &searcher);
        let criteria = &request.criteria;
        let text = builder.text(&criteria.text)?;
        let base = builder.base_filters(criteria);
        let chosen: Vec<(Facet, Box<dyn Query>)> = Facet::ALL
            .into_iter()
            .filter_map(|f| builder.facet_filter(criteria, f).map(|q| (f, q)))
            .collect();

        let filters = |skip: Option<Facet>| -> Vec<Box<dyn Query>> {
            base.iter()
                .map(|q| q.box_clone())
                .chain(
                    chosen
                        .iter()
                        .filter(|(f, _)| Some(*f) != skip)
                        .map(|(_, q)| q.box_clone()),
                )
                .collect()
        };
        let main = all_of(text.as_ref().map(|q| q.box_clone()), filters(None));
        let unchosen: Vec<Facet> = if request.facets {
            Facet::ALL
                .into_iter()
                .filter(|f| chosen.iter().all(|(c, _)| c != f))
                .collect()
        } else {
            Vec::new()
        };
        let counter = FacetCounter { facets: unchosen };
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let sort = match request.sort {
            Sort::Relevance if text.is_none() => Sort::Newest,
            Sort::Distance if criteria.near.is_none() => Sort::Newest,
            other => other,
        };
        let (total, addresses, mut tallies) = match sort {
            Sort::Relevance => collect(&searcher, &*main, top.order_by_score(), counter)?,
            Sort::Newest => collect(
                &searcher,
                &*main,
                top.order_by_fast_field::<DateTime>(names::FIRST_SEEN, Order::Desc),
                counter,
            )?,
            Sort::Name => collect(
                &searcher,
                &*main,
                top.order_by_string_fast_field(names::TITLE_KEY, Order::Asc),
                counter,
            )?,
            Sort::Distance => {
                let near = criteria.near.expect("checked above");
                let nearest = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                    let fast = segment.fast_fields();
                    let latitude = fast.f64(names::LATITUDE).ok();
                    let longitude = fast.f64(names::LONGITUDE).ok();
                    move |doc, _score| match (&latitude, &longitude) {
                        (Some(lat), Some(lon)) => match (lat.first(doc), lon.first(doc)) {
                            (Some(a), Some(b)) => -distance_km(near.lat, near.lon, a, b),
                            _ => f64::NEG_INFINITY,
                        },
                        _ => f64::NEG_INFINITY,
                    }
                });
                collect(&searcher, &*main, nearest, counter)?
            }
        };
        if request.facets {
            for (facet, _) in &chosen {
                let query = all_of(text.as_ref().map(|q| q.box_clone()), filters(Some(*facet)));
                let counts = searcher.search(
                    &*query,
                    &FacetCounter {
                        facets: vec![*facet],
                    },
                )?;
                tallies.extend(counts);
            }
        }
        let hits = self.hits(&searcher, &addresses, criteria)?;
        let highlighter = match &text {
            Some(query) => Some(Highlighter::new(&searcher, &**query, self)?),
            None => None,
        };
        Ok(Outcome {
            total,
            hits,
            tallies,
            highlighter,
        })
    }

    /// Ids of every project matching `criteria` in `sort` order (exports).
    pub fn all_ids(&self, criteria: &Criteria, sort: Sort) -> anyhow::Result<Vec<i64>> {
        let total = self.count(criteria)?;
        let outcome = self.search(&Request {
            criteria: criteria.clone(),
            sort,
            offset: 0,
            limit: total.max(1),
            facets: false,
        })?;
        Ok(outcome.hits.into_iter().map(|h| h.id).collect())
    }

    /// How many projects match `criteria`.
    pub fn count(&self, criteria: &Criteria) -> anyhow::Result<usize> {
        let searcher = self.reader.searcher();
        let mut builder = QueryBuilder::new(&self.fields, &searcher);
        let query = self.matching(&mut builder, criteria)?;
        Ok(searcher.search(&*query, &Count)?)
    }

    /// The map of the projects matching `criteria`: points, or grid cells.
    pub fn map(
        &self,
        criteria: &Criteria,
        cell_degrees: f64,
        points_limit: usize,
    ) -> anyhow::Result<MapLayer> {
        let searcher = self.reader.searcher();
        let mut builder = QueryBuilder::new(&self.fields, &searcher);
        let query = self.matching(&mut builder, criteria)?;
        Ok(searcher.search(
            &*query,
            &MapCollector {
                cell_degrees,
                points_limit,
            },
        )?)
    }

    fn matching(
        &self,
        builder: &mut QueryBuilder<'_>,
        criteria: &Criteria,
    ) -> anyhow::Result<Box<dyn Query>> {
        let text = builder.text(&criteria.text)?;
        let mut filters = builder.base_filters(criteria);
        filters.extend(
            Facet::ALL
                .into_iter()
                .filter_map(|f| builder.facet_filter(criteria, f)),
        );
        Ok(all_of(text, filters))
    }

    fn hits(
        &self,
        searcher: &Searcher,
        addresses: &[DocAddress],
        criteria: &Criteria,
    ) -> anyhow::Result<Vec<Hit>> {
        let mut hits = Vec::with_capacity(addresses.len());
        for address in addresses {
            let fast = searcher.segment_reader(address.segment_ord).fast_fields();
            let Some(id) = fast.u64(names::ID)?.first(address.doc_id) else {
                continue;
            };
            let distance_km = match criteria.near {
                Some(near) => {
                    let lat = fast.f64(names::LATITUDE)?.first(address.doc_id);
                    let lon = fast.f64(names::LONGITUDE)?.first(address.doc_id);
                    lat.zip(lon)
                        .map(|(lat, lon)| distance_km(near.lat, near.lon, lat, lon))
                }
                None => None,
            };
            hits.push(Hit {
                id: id as i64,
                distance_km,
            });
        }
        Ok(hits)
    }
}

/// One pass: the total, the page of hits and the counts of the criteria not chosen.
fn collect<K, C>(
    searcher: &Searcher,
    query: &dyn Query,
    top: C,
    counter: FacetCounter,
) -> anyhow::Result<(usize, Vec<DocAddress>, Tallies)>
where
    C: Collector<Fruit = Vec<(K, DocAddress)>>,
{
    let (total, top, tallies) = searcher.search(query, &(Count, top, counter))?;
    Ok((
        total,
        top.into_iter().map(|(_, address)| address).collect(),
        tallies,
    ))
}

/// What a project is like, for "similar projects".
pub struct Likeness<'a> {
    pub id: i64,
    pub title: &'a str,
    pub summary: &'a str,
    pub labels: &'a str,
    pub description: &'a str,
}

/// How many words of a project make its likeness query.
const LIKENESS_TERMS: usize = 25;

/// A project's most telling words: analysed like the index's texts, weighted by how
/// often the project uses them and how rare they are among all projects (tf·idf).
fn likeness_words(
    searcher: &Searcher,
    f: &super::schema::Fields,
    project: &Likeness<'_>,
    keep: usize,
) -> anyhow::Result<Vec<(String, f32)>> {
    use std::collections::HashMap;
    let mut analyzer = super::analysis::french();
    let mut counts: HashMap<String, u32> = HashMap::new();
    // The title counts twice: it says most about the project.
    for text in [
        project.title,
        project.title,
        project.summary,
        project.labels,
        project.description,
    ] {
        for token in super::analysis::tokens(&mut analyzer, text) {
            if token.text.chars().count() >= 3 {
                *counts.entry(token.text).or_default() += 1;
            }
        }
    }
    // Every document ever written counts (deleted ones too, as document frequencies do).
    let documents: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.max_doc()))
        .sum();
    let mut weighted = Vec::with_capacity(counts.len());
    for (word, count) in counts {
        let mut frequency = 0u64;
        for field in [f.title, f.summary, f.description] {
            frequency =
                frequency.max(searcher.doc_freq(&tantivy::Term::from_field_text(field, &word))?);
        }
        // Words of this project only, or of most projects, tell nothing.
        if frequency <= 1 || frequency * 2 > documents {
            continue;
        }
        let idf = ((documents as f32 + 1.0) / (frequency as f32 + 1.0)).ln();
        weighted.push((word, count as f32 * idf));
    }
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighted.truncate(keep);
    Ok(weighted)
}

impl Generation {
    /// Active projects most like `project` (the rarest words its title, summary, theme
    /// labels and description share with them), best first, itself excluded.
    pub fn similar(&self, project: &Likeness<'_>, limit: usize) -> anyhow::Result<Vec<i64>> {
        use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let words = likeness_words(&searcher, f, project, LIKENESS_TERMS)?;
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut shoulds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (word, weight) in &words {
            for (field, field_weight) in [
                (f.title, 2.0),
                (f.labels, 1.5),
                (f.summary, 1.2),
                (f.description, 1.0),
            ] {
                let term = tantivy::Term::from_field_text(field, word);
                shoulds.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                        weight * field_weight,
                    )),
                ));
            }
        }
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(shoulds))),
            (Occur::Must, status_active(f)),
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    tantivy::Term::from_field_u64(f.id, project.id as u64),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let addresses: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
        Ok(self
            .hits(&searcher, &addresses, &Criteria::default())?
            .into_iter()
            .map(|h| h.id)
            .collect())
    }

    /// Titles starting with the typed words (the last one may be unfinished), A to Z:
    /// ids of active projects.
    pub fn complete_titles(&self, typed: &str, limit: usize) -> anyhow::Result<Vec<i64>> {
        use tantivy::query::{BooleanQuery, Occur, RegexQuery, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let words = super::analysis::tokens(&mut super::analysis::words(), typed);
        let Some((last, first)) = words.split_last() else {
            return Ok(Vec::new());
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = first
            .iter()
            .map(|w| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(
                    tantivy::Term::from_field_text(f.title_words, &w.text),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Must, query)
            })
            .collect();
        let prefix = format!("{}.*", regex_escape(&last.text));
        clauses.push((
            Occur::Must,
            Box::new(RegexQuery::from_pattern(&prefix, f.title_words)?),
        ));
        clauses.push((Occur::Must, status_active(f)));
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit).order_by_string_fast_field(names::TITLE_KEY, Order::Asc),
        )?;
        let addresses: Vec<DocAddress> = top.into_iter().map(|(_, a)| a).collect();
        Ok(self
            .hits(&searcher, &addresses, &Criteria::default())?
            .into_iter()
            .map(|h| h.id)
            .collect())
    }
}

fn status_active(f: &super::schema::Fields) -> Box<dyn Query> {
    Box::new(tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(f.status, "active"),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// `text` with the characters of regular expressions escaped (the analyzer leaves only
/// letters and digits, but a prefix must never become a pattern).
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
