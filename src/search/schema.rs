//! The index's fields. Texts go through the French analyzer (with positions, for phrase
//! queries); criteria are raw strings, indexed for filters and fast (columnar) for counting
//! facets; numbers and dates are fast fields for ranges, sorting and the map. Only the
//! project id is stored: result pages read the rest from the database.
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

use super::analysis::{FRENCH, WORDS};

/// Changes whenever the fields or their analysis change: an index built with another
/// version is rebuilt at start.
pub const SCHEMA_VERSION: u32 = 4;

/// Handles of the index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub summary: Field,
    pub description: Field,
    /// Holder organisation's name.
    pub holder: Field,
    /// Commune, department and region names.
    pub place: Field,
    /// Labels (French and English) of the project's themes, publics and structure type.
    pub labels: Field,
    /// The title's words, folded but neither stemmed nor filtered: completion by prefix.
    pub title_words: Field,
    /// Every text's words, folded but not stemmed: where typos are forgiven (a stemmer
    /// cuts a misspelt word unlike the right one).
    pub words: Field,
    /// `active` or `archived`.
    pub status: Field,
    /// Theme codes, a sub-theme's parent included.
    pub theme: Field,
    pub public: Field,
    pub structure: Field,
    /// Ids of the partners whose live listings credit the project.
    pub partner: Field,
    pub region: Field,
    pub department: Field,
    pub commune: Field,
    /// The region and department codes as the project's row records them (the two
    /// above fill them in from the commune): what the trends and territory pages count.
    pub recorded_region: Field,
    pub recorded_department: Field,
    pub start_year: Field,
    /// The start year as recorded, negative ones included (`start_year` cannot hold
    /// them): what the trends count.
    pub recorded_start_year: Field,
    /// When the project was first listed, to the microsecond (windows of first sightings).
    pub first_seen: Field,
    /// The UTC month it was first listed, as `year × 12 + month − 1`.
    pub first_seen_month: Field,
    pub latitude: Field,
    pub longitude: Field,
    /// Folded, lower-case title, for sorting by name.
    pub title_key: Field,
}

/// Names of the criteria fields, as their columns are read by facet counting.
pub mod names {
    pub const THEME: &str = "theme";
    pub const PUBLIC: &str = "public";
    pub const STRUCTURE: &str = "structure";
    pub const PARTNER: &str = "partner";
    pub const REGION: &str = "region";
    pub const DEPARTMENT: &str = "department";
    pub const COMMUNE: &str = "commune";
    pub const RECORDED_REGION: &str = "recorded_region";
    pub const RECORDED_DEPARTMENT: &str = "recorded_department";
    pub const FIRST_SEEN_MONTH: &str = "first_seen_month";
    pub const RECORDED_START_YEAR: &str = "recorded_start_year";
    pub const START_YEAR: &str = "start_year";
    pub const FIRST_SEEN: &str = "first_seen";
    pub const LATITUDE: &str = "latitude";
    pub const LONGITUDE: &str = "longitude";
    pub const TITLE_KEY: &str = "title_key";
    pub const ID: &str = "id";
}

impl Fields {
    /// The schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FRENCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS)
                .set_index_option(IndexRecordOption::Basic),
        );
        let criterion = STRING | FAST;
        let fields = Fields {
            id: builder.add_u64_field(names::ID, INDEXED | STORED | FAST),
            title: builder.add_text_field("title", text.clone()),
            summary: builder.add_text_field("summary", text.clone()),
            description: builder.add_text_field("description", text.clone()),
            holder: builder.add_text_field("holder", text.clone()),
            place: builder.add_text_field("place", text.clone()),
            labels: builder.add_text_field("labels", text),
            title_words: builder.add_text_field("title_words", words.clone()),
            words: builder.add_text_field("words", words),
            status: builder.add_text_field("status", STRING),
            theme: builder.add_text_field(names::THEME, criterion.clone()),
            public: builder.add_text_field(names::PUBLIC, criterion.clone()),
            structure: builder.add_text_field(names::STRUCTURE, criterion.clone()),
            partner: builder.add_text_field(names::PARTNER, criterion.clone()),
            region: builder.add_text_field(names::REGION, criterion.clone()),
            department: builder.add_text_field(names::DEPARTMENT, criterion.clone()),
            commune: builder.add_text_field(names::COMMUNE, criterion.clone()),
            recorded_region: builder.add_text_field(names::RECORDED_REGION, criterion.clone()),
            recorded_department: builder
                .add_text_field(names::RECORDED_DEPARTMENT, criterion.clone()),
            start_year: builder.add_u64_field(names::START_YEAR, INDEXED | FAST),
            recorded_start_year: builder.add_i64_field(names::RECORDED_START_YEAR, FAST),
            first_seen: builder.add_date_field(
                names::FIRST_SEEN,
                DateOptions::from(INDEXED | FAST).set_precision(DateTimePrecision::Microseconds),
            ),
            first_seen_month: builder.add_i64_field(names::FIRST_SEEN_MONTH, FAST),
            latitude: builder.add_f64_field(names::LATITUDE, INDEXED | FAST),
            longitude: builder.add_f64_field(names::LONGITUDE, INDEXED | FAST),
            title_key: builder.add_text_field(names::TITLE_KEY, criterion),
        };
        (builder.build(), fields)
    }

    /// The text fields a query's words are looked for in, with their weight.
    pub fn weighted_texts(&self) -> [(Field, f32); 6] {
        [
            (self.title, 3.0),
            (self.labels, 1.6),
            (self.summary, 1.5),
            (self.holder, 1.4),
            (self.place, 1.2),
            (self.description, 1.0),
        ]
    }
}
