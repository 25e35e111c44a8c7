//! The board's search index: one tantivy index in memory per node, with the project
//! search's French analyzer and query syntax (`search::analysis`, `search::query`).
//! The database is the source of truth: at first use the index is built from the
//! requests table, and before every search it takes in the requests whose `updated_at`
//! moved since it last looked (one indexed query), so every node reads its own writes
//! and those of the others. A few thousand requests build in well under a second, so a
//! restart (or `carrefour reindex`, which has nothing to swap here) rebuilds it.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};
use tokio::sync::Mutex;

use super::model::Status;
use crate::entities::{board_request, board_request_term, taxonomy_term};
use crate::search::analysis::{self, FRENCH};
use crate::search::collect::{MapCollector, MapLayer};
use crate::search::geo::BBox;
use crate::search::query::{all_of, bbox_filters, parse_text};
use crate::search::schema::names as search_names;

/// Requests changed this long before the last change seen are looked at again: a
/// transaction may commit a little after the time it wrote.
const OVERLAP: Duration = Duration::seconds(60);
/// Requests read per query while building.
const PAGE: u64 = 1000;
const WRITER_MEMORY: usize = 30_000_000;

/// Names of the criteria columns.
pub mod names {
    pub const KIND: &str = "kind";
    pub const THEME: &str = "theme";
    pub const REGION: &str = "region";
    pub const DEPARTMENT: &str = "department";
    pub const CONTRACT: &str = "contract";
    pub const REACH: &str = "reach";
    pub const PUBLISHED: &str = "published";
    pub const DEADLINE: &str = "deadline";
}

/// The criteria a search counts and filters by, in the page's order.
pub const FACETS: [&str; 6] = [
    names::KIND,
    names::THEME,
    names::REGION,
    names::DEPARTMENT,
    names::CONTRACT,
    names::REACH,
];

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    description: Field,
    organisation: Field,
    labels: Field,
    place: Field,
    status: Field,
    criteria: [Field; 6],
    published: Field,
    deadline: Field,
    latitude: Field,
    longitude: Field,
}

impl Fields {
    fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FRENCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let criterion = STRING | FAST;
        let fields = Fields {
            id: builder.add_u64_field("id", INDEXED | STORED | FAST),
            title: builder.add_text_field("title", text.clone()),
            description: builder.add_text_field("description", text.clone()),
            organisation: builder.add_text_field("organisation", text.clone()),
            labels: builder.add_text_field("labels", text.clone()),
            place: builder.add_text_field("place", text),
            status: builder.add_text_field("status", STRING),
            criteria: FACETS.map(|name| builder.add_text_field(name, criterion.clone())),
            published: builder.add_date_field(names::PUBLISHED, INDEXED | FAST),
            deadline: builder.add_date_field(names::DEADLINE, INDEXED | FAST),
            // Named as in the project index: the map's collector reads these columns.
            latitude: builder.add_f64_field(search_names::LATITUDE, INDEXED | FAST),
            longitude: builder.add_f64_field(search_names::LONGITUDE, INDEXED | FAST),
        };
        (builder.build(), fields)
    }

    fn weighted_texts(&self) -> [(Field, f32); 5] {
        [
            (self.title, 3.0),
            (self.labels, 1.6),
            (self.organisation, 1.4),
            (self.place, 1.2),
            (self.description, 1.0),
        ]
    }

    fn criterion(&self, name: &str) -> Field {
        let at = FACETS
            .iter()
            .position(|n| *n == name)
            .expect("a declared criterion");
        self.criteria[at]
    }
}

/// A request as the index sees it.
#[derive(Debug, Clone)]
pub struct RequestDoc {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub organisation: String,
    /// Term labels in both languages.
    pub labels: String,
    /// Commune, department and region names.
    pub place: String,
    pub status: String,
    /// Values of each criterion of [`FACETS`], in that order.
    pub criteria: [Vec<String>; 6],
    pub published: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// Latitude and longitude, for requests tied to a place.
    pub point: Option<(f64, f64)>,
}

fn date(at: DateTime<Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(at.timestamp())
}

impl RequestDoc {
    fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, self.id as u64);
        doc.add_text(f.title, &self.title);
        doc.add_text(f.description, &self.description);
        doc.add_text(f.organisation, &self.organisation);
        doc.add_text(f.labels, &self.labels);
        doc.add_text(f.place, &self.place);
        doc.add_text(f.status, &self.status);
        for (field, values) in f.criteria.iter().zip(&self.criteria) {
            for value in values {
                doc.add_text(*field, value);
            }
        }
        doc.add_date(f.published, date(self.published));
        doc.add_date(f.deadline, date(self.deadline));
        if let Some((latitude, longitude)) = self.point {
            doc.add_f64(f.latitude, latitude);
            doc.add_f64(f.longitude, longitude);
        }
        doc
    }
}

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (newest first when no word is typed).
    #[default]
    Relevance,
    Newest,
    /// Nearest deadline first.
    Closing,
}

impl Sort {
    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Closing => "closing",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Sort::Relevance, Sort::Newest, Sort::Closing]
            .into_iter()
            .find(|s| s.param() == text)
    }
}

/// A board search.
#[derive(Debug, Clone, Default)]
pub struct BoardQuery {
    pub text: String,
    /// Chosen values by criterion name (values of one criterion combine with OR).
    pub chosen: HashMap<&'static str, Vec<String>>,
    /// Filled, closed and expired requests too.
    pub ended: bool,
    /// Only requests placed in this box.
    pub bbox: Option<BBox>,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub total: usize,
    pub ids: Vec<i64>,
    /// Counts by criterion and value; a criterion's counts leave out its own choice.
    pub counts: HashMap<&'static str, HashMap<String, u64>>,
}

struct Inner {
    index: Index,
    reader: IndexReader,
    writer: IndexWriter,
    fields: Fields,
    /// `updated_at` of each request as last indexed.
    seen: HashMap<i64, DateTime<Utc>>,
    /// The latest `updated_at` seen.
    watermark: Option<DateTime<Utc>>,
}

/// The node's board index, built at first use.
#[derive(Default)]
pub struct BoardIndex {
    inner: Mutex<Option<Inner>>,
}

impl BoardIndex {
    /// Takes in what changed in the database since the last look; returns how many
    /// requests were (re)indexed.
    pub async fn refresh<C: ConnectionTrait>(&self, db: &C) -> anyhow::Result<usize> {
        let mut slot = self.inner.lock().await;
        if slot.is_none() {
            let (schema, fields) = Fields::build();
            let index = Index::create_in_ram(schema);
            analysis::register(index.tokenizers());
            let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
            let reader = index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()?;
            *slot = Some(Inner {
                index,
                reader,
                writer,
                fields,
                seen: HashMap::new(),
                watermark: None,
            });
        }
        let inner = slot.as_mut().expect("just made");
        let mut changed = 0;
        let mut after_id = 0;
        loop {
            let mut find = board_request::Entity::find()
                .filter(board_request::Column::Id.gt(after_id))
                .order_by_asc(board_request::Column::Id)
                .limit(PAGE);
            if let Some(mark) = inner.watermark {
                find = find.filter(board_request::Column::UpdatedAt.gte(mark - OVERLAP));
            }
            let rows = find.all(db).await?;
            let Some(last) = rows.last() else { break };
            after_id = last.id;
            let fresh: Vec<board_request::Model> = rows
                .into_iter()
                .filter(|r| inner.seen.get(&r.id) != Some(&r.updated_at))
                .collect();
            changed += fresh.len();
            inner.apply(db, fresh).await?;
        }
        if changed > 0 {
            inner.writer.commit()?;
            inner.reader.reload()?;
        }
        let _ = &inner.index;
        Ok(changed)
    }

    /// Runs `query` on the index as it is.
    pub async fn search(&self, query: &BoardQuery) -> anyhow::Result<Found> {
        match self.reader().await {
            Some((reader, fields)) => run(&reader, &fields, query),
            None => Ok(Found::default()),
        }
    }

    /// The map of the requests matching `query` (its order and page aside): every
    /// placed request when at most `points_limit`, else cells of a `cell_degrees` grid.
    pub async fn map(
        &self,
        query: &BoardQuery,
        cell_degrees: f64,
        points_limit: usize,
    ) -> anyhow::Result<MapLayer> {
        let Some((reader, fields)) = self.reader().await else {
            return Ok(MapLayer {
                located: 0,
                extent: None,
                points: Vec::new(),
                clusters: Vec::new(),
            });
        };
        let matching = Matching::new(&fields, query).all(None);
        Ok(reader.searcher().search(
            &*matching,
            &MapCollector {
                cell_degrees,
                points_limit,
            },
        )?)
    }

    /// How many requests match `query`.
    pub async fn count(&self, query: &BoardQuery) -> anyhow::Result<usize> {
        let Some((reader, fields)) = self.reader().await else {
            return Ok(0);
        };
        let matching = Matching::new(&fields, query).all(None);
        Ok(reader.searcher().search(&*matching, &Count)?)
    }

    async fn reader(&self) -> Option<(IndexReader, Fields)> {
        let slot = self.inner.lock().await;
        slot.as_ref()
            .map(|inner| (inner.reader.clone(), inner.fields))
    }
}

impl Inner {
    async fn apply<C: ConnectionTrait>(
        &mut self,
        db: &C,
        rows: Vec<board_request::Model>,
    ) -> anyhow::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let docs = documents(db, &rows).await?;
        for row in &rows {
            self.writer
                .delete_term(Term::from_field_u64(self.fields.id, row.id as u64));
            self.seen.insert(row.id, row.updated_at);
            if self.watermark.is_none_or(|m| row.updated_at > m) {
                self.watermark = Some(row.updated_at);
            }
        }
        for doc in docs {
            self.writer.add_document(doc.to_document(&self.fields))?;
        }
        Ok(())
    }
}

/// The index documents of the public ones among `rows`.
pub async fn documents<C: ConnectionTrait>(
    db: &C,
    rows: &[board_request::Model],
) -> anyhow::Result<Vec<RequestDoc>> {
    let public: Vec<&board_request::Model> = rows
        .iter()
        .filter(|r| Status::parse(&r.status).is_some_and(Status::is_public))
        .collect();
    if public.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = public.iter().map(|r| r.id).collect();
    let mut terms_of: HashMap<i64, Vec<String>> = HashMap::new();
    for t in board_request_term::Entity::find()
        .filter(board_request_term::Column::RequestId.is_in(ids))
        .all(db)
        .await?
    {
        terms_of.entry(t.request_id).or_default().push(t.term_code);
    }
    let thesaurus: HashMap<String, taxonomy_term::Model> = taxonomy_term::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect();
    let index = crate::geo::communes::index();
    let regions: HashMap<&str, &str> = crate::geo::communes::regions().into_iter().collect();
    Ok(public
        .into_iter()
        .map(|r| {
            let codes = terms_of.remove(&r.id).unwrap_or_default();
            let mut themes: HashSet<String> = HashSet::new();
            let mut labels = Vec::new();
            for code in &codes {
                let Some(term) = thesaurus.get(code) else {
                    continue;
                };
                labels.push(format!("{} {}", term.label_fr, term.label_en));
                if term.vocabulary == "theme" {
                    themes.insert(code.clone());
                    if let Some(parent) = &term.parent_code {
                        themes.insert(parent.clone());
                    }
                }
            }
            let mut place = Vec::new();
            if let Some(c) = r.commune_insee.as_deref().and_then(|i| index.commune(i)) {
                place.push(c.name.to_owned());
            }
            if let Some(d) = r
                .department_code
                .as_deref()
                .and_then(|d| index.department(d))
            {
                place.push(d.name.to_owned());
            }
            if let Some(name) = r.region_code.as_deref().and_then(|c| regions.get(c)) {
                place.push((*name).to_owned());
            }
            let deadline = r
                .deadline
                .and_hms_opt(23, 59, 59)
                .map(|d| d.and_utc())
                .unwrap_or(r.created_at);
            RequestDoc {
                id: r.id,
                title: r.title.clone(),
                description: r.description.clone(),
                organisation: r.organisation.clone(),
                labels: labels.join(" "),
                place: place.join(" "),
                status: r.status.clone(),
                criteria: [
                    vec![r.kind.clone()],
                    themes.into_iter().collect(),
                    r.region_code.iter().cloned().collect(),
                    r.department_code.iter().cloned().collect(),
                    r.contract.iter().cloned().collect(),
                    vec![r.territory.clone()],
                ],
                published: r.published_at.unwrap_or(r.created_at),
                deadline,
                point: r.latitude.zip(r.longitude),
            }
        })
        .collect())
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn any_of(field: Field, values: &[String]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| (Occur::Should, term(field, v)))
            .collect(),
    ))
}

/// The query of the typed words, as the project search reads them: every word
/// required, `"…"` a phrase, `-word` left out.
fn text_query(fields: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let mut analyzer = analysis::french();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut positive = false;
    for item in parse_text(text) {
        let tokens = analysis::tokens(&mut analyzer, &item.text);
        if tokens.is_empty() {
            continue;
        }
        let first = tokens[0].position;
        let per_field = fields
            .weighted_texts()
            .into_iter()
            .map(|(field, weight)| {
                let query: Box<dyn Query> = if tokens.len() == 1 {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &tokens[0].text),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new_with_offset(
                        tokens
                            .iter()
                            .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
                            .collect(),
                    ))
                };
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(query, weight)) as Box<dyn Query>,
                )
            })
            .collect();
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(per_field));
        if item.negated {
            clauses.push((Occur::MustNot, query));
        } else {
            positive = true;
            clauses.push((Occur::Must, query));
        }
    }
    if clauses.is_empty() {
        return None;
    }
    if !positive {
        clauses.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// The parts of a board query: typed words (scored), then filters.
struct Matching {
    text: Option<Box<dyn Query>>,
    /// Status and place.
    base: Vec<Box<dyn Query>>,
    /// Each criterion with chosen values, as one query.
    chosen: Vec<(&'static str, Box<dyn Query>)>,
}

impl Matching {
    fn new(fields: &Fields, query: &BoardQuery) -> Matching {
        let status: Box<dyn Query> = if query.ended {
            any_of(
                fields.status,
                &Status::ALL
                    .iter()
                    .filter(|s| s.is_public())
                    .map(|s| s.as_str().to_owned())
                    .collect::<Vec<_>>(),
            )
        } else {
            term(fields.status, Status::Published.as_str())
        };
        let mut base = vec![status];
        if let Some(bbox) = query.bbox {
            base.extend(bbox_filters(fields.latitude, fields.longitude, bbox));
        }
        let chosen = FACETS
            .iter()
            .filter_map(|name| {
                query
                    .chosen
                    .get(name)
                    .filter(|values| !values.is_empty())
                    .map(|values| (*name, any_of(fields.criterion(name), values)))
            })
            .collect();
        Matching {
            text: text_query(fields, &query.text),
            base,
            chosen,
        }
    }

    /// Everything that matches, leaving out the choice of criterion `skip`.
    fn all(&self, skip: Option<&str>) -> Box<dyn Query> {
        let filters = self
            .base
            .iter()
            .map(|q| q.box_clone())
            .chain(
                self.chosen
                    .iter()
                    .filter(|(n, _)| Some(*n) != skip)
                    .map(|(_, q)| q.box_clone()),
            )
            .collect();
        all_of(self.text.as_ref().map(|q| q.box_clone()), filters)
    }
}

fn run(reader: &IndexReader, fields: &Fields, query: &BoardQuery) -> anyhow::Result<Found> {
    let searcher = reader.searcher();
    let matching = Matching::new(fields, query);
    let chosen = &matching.chosen;
    let main = matching.all(None);
    let unchosen: Vec<&'static str> = FACETS
        .into_iter()
        .filter(|f| chosen.iter().all(|(c, _)| c != f))
        .collect();
    let top = TopDocs::with_limit(query.limit.max(1)).and_offset(query.offset);
    let sort = match query.sort {
        Sort::Relevance if matching.text.is_none() => Sort::Newest,
        other => other,
    };
    let counter = Counter { columns: unchosen };
    let (addresses, total, mut counts): (Vec<DocAddress>, usize, Tallies) = match sort {
        Sort::Relevance => {
            let (top, total, counts) =
                searcher.search(&*main, &(top.order_by_score(), Count, counter))?;
            (top.into_iter().map(|(_, a)| a).collect(), total, counts)
        }
        Sort::Newest | Sort::Closing => {
            let (field, order) = if sort == Sort::Newest {
                (names::PUBLISHED, Order::Desc)
            } else {
                (names::DEADLINE, Order::Asc)
            };
            let ordered = top.order_by_fast_field::<tantivy::DateTime>(field, order);
            let (top, total, counts) = searcher.search(&*main, &(ordered, Count, counter))?;
            (top.into_iter().map(|(_, a)| a).collect(), total, counts)
        }
    };
    for (name, _) in chosen {
        let alone = matching.all(Some(name));
        counts.extend(searcher.search(
            &*alone,
            &Counter {
                columns: vec![name],
            },
        )?);
    }
    let mut ids = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(id) = doc.get_first(fields.id).and_then(|v| v.as_u64()) {
            ids.push(id as i64);
        }
    }
    Ok(Found { total, ids, counts })
}

type Tallies = HashMap<&'static str, HashMap<String, u64>>;

/// Counts the values of some criteria columns over the matching requests.
struct Counter {
    columns: Vec<&'static str>,
}

struct SegmentCounter {
    columns: Vec<(&'static str, Option<StrColumn>, Vec<u64>)>,
}

impl Collector for Counter {
    type Fruit = Tallies;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(self.columns.len());
        for &name in &self.columns {
            let column = fast.str(name)?;
            let size = column.as_ref().map_or(0, |c| c.num_terms());
            columns.push((name, column, vec![0; size]));
        }
        Ok(SegmentCounter { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut merged: Tallies = self.columns.iter().map(|c| (*c, HashMap::new())).collect();
        for fruit in fruits {
            for (name, counts) in fruit {
                let into = merged.entry(name).or_default();
                for (value, count) in counts {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (_, column, counts) in &mut self.columns {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
    }

    fn harvest(self) -> Tallies {
        let mut fruit = Tallies::new();
        for (name, column, by_ord) in self.columns {
            let counts = fruit.entry(name).or_default();
            let Some(column) = column else { continue };
            let mut value = String::new();
            for (ord, count) in by_ord.into_iter().enumerate() {
                if count > 0 && column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                    counts.insert(std::mem::take(&mut value), count);
                }
            }
        }
        fruit
    }
}
