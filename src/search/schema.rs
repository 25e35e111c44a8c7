//! The index's fields. Texts go through the French analyzer (with positions, for phrase
//! queries); criteria are facets (hierarchical: theme → sub-theme, region → department →
//! commune); numbers and dates are fast fields for ranges, sorting and the map. Only the
//! project id is stored: result pages read the rest from the database.
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analysis::FRENCH;

/// Changes whenever the fields or their analysis change: an index built with another
/// version is rebuilt at start.
pub const SCHEMA_VERSION: u32 = 1;

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
    /// `active` or `archived`.
    pub status: Field,
    pub theme: Field,
    pub public: Field,
    pub structure: Field,
    pub partner: Field,
    /// `/region/department/commune`.
    pub territory: Field,
    pub start_year: Field,
    /// When the project was first listed.
    pub first_seen: Field,
    pub latitude: Field,
    pub longitude: Field,
    /// Folded, lower-case title, for sorting by name.
    pub title_key: Field,
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
        let fields = Fields {
            id: builder.add_u64_field("id", INDEXED | STORED | FAST),
            title: builder.add_text_field("title", text.clone()),
            summary: builder.add_text_field("summary", text.clone()),
            description: builder.add_text_field("description", text.clone()),
            holder: builder.add_text_field("holder", text.clone()),
            place: builder.add_text_field("place", text.clone()),
            labels: builder.add_text_field("labels", text),
            status: builder.add_text_field("status", STRING),
            theme: builder.add_facet_field("theme", INDEXED),
            public: builder.add_facet_field("public", INDEXED),
            structure: builder.add_facet_field("structure", INDEXED),
            partner: builder.add_facet_field("partner", INDEXED),
            territory: builder.add_facet_field("territory", INDEXED),
            start_year: builder.add_u64_field("start_year", INDEXED | FAST),
            first_seen: builder.add_date_field("first_seen", INDEXED | FAST),
            latitude: builder.add_f64_field("latitude", INDEXED | FAST),
            longitude: builder.add_f64_field("longitude", INDEXED | FAST),
            title_key: builder.add_text_field("title_key", STRING | FAST),
        };
        (builder.build(), fields)
    }
}
