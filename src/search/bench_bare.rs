//! The peer of `carrefour bench search`: a bare tantivy index of the same projects, with
//! the same French analysis, answering the same queries the plainest way tantivy offers
//! (its query parser over title, summary and description, a facet filter, the top 20,
//! the total and the theme and region counts). It tells what the hub's engine costs on
//! top of tantivy itself, measured in the same run on the same machine.
use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::bench::{BenchQuery, BenchReport, summarise};
use super::document::{self, Terms};
use crate::entities::project;

const ANALYZER: &str = "fr";

struct BareFields {
    title: Field,
    summary: Field,
    description: Field,
    theme: Field,
    region: Field,
}

fn schema() -> (Schema, BareFields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = BareFields {
        title: builder.add_text_field("title", text.clone()),
        summary: builder.add_text_field("summary", text.clone()),
        description: builder.add_text_field("description", text),
        theme: builder.add_facet_field("theme", FacetOptions::default()),
        region: builder.add_facet_field("region", FacetOptions::default()),
    };
    builder.add_u64_field("id", FAST);
    (builder.build(), fields)
}

/// Indexes every project of the database (merged ones excepted) in memory.
async fn build(db: &DatabaseConnection) -> anyhow::Result<(Index, BareFields)> {
    let (schema, fields) = schema();
    let id_field = schema.get_field("id")?;
    let index = Index::create_in_ram(schema);
    index
        .tokenizers()
        .register(ANALYZER, super::analysis::french());
    let mut writer: IndexWriter = index.writer(200_000_000)?;
    let terms = Terms::load(db).await?;
    let ids: Vec<i64> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .filter(project::Column::Status.ne("merged"))
        .order_by_asc(project::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for chunk in ids.chunks(2000) {
        for doc in document::load(db, &terms, chunk).await? {
            let mut out = TantivyDocument::default();
            out.add_u64(id_field, doc.id as u64);
            out.add_text(fields.title, &doc.title);
            out.add_text(fields.summary, &doc.summary);
            out.add_text(fields.description, &doc.description);
            for theme in &doc.themes {
                out.add_facet(fields.theme, Facet::from(format!("/{theme}").as_str()));
            }
            if let Some(region) = &doc.region {
                out.add_facet(fields.region, Facet::from(format!("/{region}").as_str()));
            }
            writer.add_document(out)?;
        }
    }
    writer.commit()?;
    Ok((index, fields))
}

fn query_of(
    parser: &QueryParser,
    fields: &BareFields,
    query: &BenchQuery,
) -> anyhow::Result<Box<dyn Query>> {
    let (words, _) = parser.parse_query_lenient(&query.criteria.text);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, words)];
    let filters = query
        .criteria
        .themes
        .iter()
        .map(|code| (fields.theme, code))
        .chain(
            query
                .criteria
                .regions
                .iter()
                .map(|code| (fields.region, code)),
        );
    for (field, code) in filters {
        let term = Term::from_facet(field, &Facet::from(format!("/{code}").as_str()));
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Builds the bare index, then runs every query once to warm up and `repeat` times
/// each, timed.
pub async fn run(
    db: &DatabaseConnection,
    queries: &[BenchQuery],
    repeat: usize,
) -> anyhow::Result<BenchReport> {
    anyhow::ensure!(!queries.is_empty(), "no query to run");
    let (index, fields) = build(db).await?;
    let searcher = index.reader()?.searcher();
    let mut parser = QueryParser::for_index(
        &index,
        vec![fields.title, fields.summary, fields.description],
    );
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, 3.0);
    parser.set_field_boost(fields.summary, 1.5);
    let parsed: Vec<Box<dyn Query>> = queries
        .iter()
        .map(|q| query_of(&parser, &fields, q))
        .collect::<anyhow::Result<_>>()?;
    let answer = |query: &dyn Query| -> anyhow::Result<usize> {
        let mut themes = FacetCollector::for_field("theme");
        themes.add_facet(Facet::root());
        let mut regions = FacetCollector::for_field("region");
        regions.add_facet(Facet::root());
        let (total, top, themes, regions) = searcher.search(
            query,
            &(
                Count,
                TopDocs::with_limit(20).order_by_score(),
                themes,
                regions,
            ),
        )?;
        std::hint::black_box((top, themes.get("/").count(), regions.get("/").count()));
        Ok(total)
    };
    let mut empty = 0;
    for query in &parsed {
        if answer(query.as_ref())? == 0 {
            empty += 1;
        }
    }
    let mut times: Vec<Duration> = Vec::with_capacity(parsed.len() * repeat.max(1));
    for _ in 0..repeat.max(1) {
        for query in &parsed {
            let started = Instant::now();
            answer(query.as_ref())?;
            times.push(started.elapsed());
        }
    }
    Ok(summarise(
        "bare-tantivy",
        searcher.num_docs(),
        queries.len(),
        repeat,
        times,
        empty,
    ))
}
