//! What a partner declares about one source: its kind and the rules that read it. The
//! same structure is stored (as JSON) in `sources.config`, edited through the forms, and
//! written in import/export files (`docs/sources.md`).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The project fields consolidation knows (`docs/data-model.md`): forms propose them as
/// field names, and a source field with one of these names maps onto it without setup.
pub const STANDARD_FIELDS: &[&str] = &[
    "title",
    "summary",
    "description",
    "org_name",
    "structure_type",
    "themes",
    "publics",
    "address",
    "postcode",
    "commune",
    "department",
    "region",
    "lat",
    "lon",
    "website",
    "social_links",
    "email",
    "image",
    "start_date",
    "start_year",
    "distinctions",
    // The listing's own page on the partner's site, for an API item or a spreadsheet row
    // (a web page's listing is at the page's address).
    "url",
];

/// One source's configuration, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SourceConfig {
    /// Web pages: list pages lead to detail pages read with field rules.
    Html(HtmlConfig),
    /// An RSS or Atom feed (detected from the document), optionally followed to pages.
    Feed(FeedConfig),
    /// A JSON API.
    Json(JsonConfig),
    /// A CSV file at a URL (or uploaded).
    Csv(CsvConfig),
    /// Pages exposing schema.org JSON-LD, read without selectors.
    Jsonld(JsonLdConfig),
    /// Detail URLs listed in a sitemap.xml, read with field rules.
    Sitemap(SitemapConfig),
}

/// A CSS selector and, optionally, the attribute to take instead of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    pub css: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
}

/// How list pages chain to the next one. A plain selector (`{"css": …, "attr": …}`, as
/// in the bench's `sites.json`) is read as `{"by": "link", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "by",
    rename_all = "snake_case",
    deny_unknown_fields,
    from = "NextPageInput"
)]
pub enum NextPage {
    /// Follow the link matched by a selector (resolved against the page).
    Link(Selector),
    /// `?{param}=N`, N counting from `start`, until a page brings no new item.
    QueryParam { param: String, start: u32 },
    /// A path pattern with `{n}`, e.g. `/page/{n}/`, until a page brings no new item.
    PathPattern { pattern: String, start: u32 },
}

/// What `NextPage` accepts: its tagged form or a bare selector.
#[derive(Deserialize)]
#[serde(untagged)]
enum NextPageInput {
    Tagged(TaggedNextPage),
    Plain(Selector),
}

#[derive(Deserialize)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
enum TaggedNextPage {
    Link(Selector),
    QueryParam { param: String, start: u32 },
    PathPattern { pattern: String, start: u32 },
}

impl From<NextPageInput> for NextPage {
    fn from(input: NextPageInput) -> Self {
        match input {
            NextPageInput::Plain(selector)
            | NextPageInput::Tagged(TaggedNextPage::Link(selector)) => NextPage::Link(selector),
            NextPageInput::Tagged(TaggedNextPage::QueryParam { param, start }) => {
                NextPage::QueryParam { param, start }
            }
            NextPageInput::Tagged(TaggedNextPage::PathPattern { pattern, start }) => {
                NextPage::PathPattern { pattern, start }
            }
        }
    }
}

/// Rules of list pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRules {
    /// Links to detail pages.
    pub item_link: Selector,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NextPage>,
}

/// The type of an extracted value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    #[default]
    Text,
    /// Sanitised HTML of the first match.
    RichText,
    List,
    /// ISO date `YYYY-MM-DD`, read with `date_format`.
    Date,
    /// Absolute URL, resolved against the page.
    Url,
    Email,
    Number,
}

/// How dates are written on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// `12/03/2019`
    DmySlash,
    /// `12 mars 2019`, `1er mars 2019`
    FrLong,
    /// `2019-03-12` or an ISO date-time (the date part is kept)
    Iso,
}

/// How to read one field on a detail page (semantics of `sites.json` of the bench).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    pub css: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
    #[serde(default, rename = "type")]
    pub field_type: FieldType,
    /// (list) one item per matched element.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
    /// (list) split the text of the first match on this separator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
    /// Remove this label (after whitespace normalisation) when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip_prefix: Option<String>,
    /// Keep capture group 1 of this regex (applied after `strip_prefix`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_format: Option<DateFormat>,
}

/// Field rules by the source's own field names.
pub type FieldRules = BTreeMap<String, FieldRule>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HtmlConfig {
    pub entry_urls: Vec<String>,
    /// Without list rules, the entry URLs are the detail pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListRules>,
    pub fields: FieldRules,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    pub url: String,
    /// When set, each entry's link is fetched and read with these rules; the feed's
    /// own title/summary/date/link fields are kept as `title`, `summary`, `date`, `link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_fields: Option<FieldRules>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum JsonPagination {
    /// `?{param}=N` from `start` until a page has no item.
    PageParam { param: String, start: u32 },
    /// The URL of the next page is at this path in the document (absent or null ends).
    NextLink { path: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonConfig {
    pub url: String,
    /// Dotted path to the array of items (`data.items`); empty = the document itself.
    #[serde(default)]
    pub items_path: String,
    /// Field name → dotted path inside an item (`address.city`, `tags`).
    pub fields: BTreeMap<String, String>,
    /// Path of each item's own stable id, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<JsonPagination>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvConfig {
    /// Where the file is; `None` for an uploaded file kept with the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// One character; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<char>,
    /// `utf-8`, `windows-1252`…; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Field name → column header.
    pub columns: BTreeMap<String, String>,
    /// Column holding each row's own stable id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_column: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonLdConfig {
    pub entry_urls: Vec<String>,
    /// List pages leading to the pages that carry JSON-LD; without, entry URLs are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListRules>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitemapConfig {
    pub url: String,
    /// Only URLs matching this regex are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_pattern: Option<String>,
    pub fields: FieldRules,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_field_rules_deserialize_as_they_are() {
        let rule: FieldRule = serde_json::from_str(
            r#"{"css": "p.info.thematique", "type": "list", "strip_prefix": "Thématique :", "split": ","}"#,
        )
        .unwrap();
        assert_eq!(rule.field_type, FieldType::List);
        assert_eq!(rule.split.as_deref(), Some(","));
        let rule: FieldRule = serde_json::from_str(
            r#"{"css": "time.debut", "type": "date", "date_format": "dmy_slash"}"#,
        )
        .unwrap();
        assert_eq!(rule.date_format, Some(DateFormat::DmySlash));
    }

    #[test]
    fn a_bare_next_selector_is_a_link() {
        let rules: ListRules = serde_json::from_str(
            r#"{"item_link": {"css": "h3 a", "attr": "href"},
                "next": {"css": "a.next", "attr": "href"}}"#,
        )
        .unwrap();
        assert!(matches!(rules.next, Some(NextPage::Link(ref s)) if s.css == "a.next"));
        assert!(serde_json::from_str::<NextPage>(r#"{"by": "nope"}"#).is_err());
    }

    #[test]
    fn configs_round_trip_with_their_kind() {
        let config = SourceConfig::Html(HtmlConfig {
            entry_urls: vec!["https://example.org/projets/".into()],
            list: Some(ListRules {
                item_link: Selector {
                    css: "h3 a".into(),
                    attr: Some("href".into()),
                },
                next: Some(NextPage::QueryParam {
                    param: "page".into(),
                    start: 1,
                }),
            }),
            fields: FieldRules::new(),
        });
        let json = serde_json::to_value(&config).unwrap();
        assert_eq!(json["kind"], "html");
        assert_eq!(json["list"]["next"]["by"], "query_param");
        assert_eq!(
            serde_json::from_value::<SourceConfig>(json).unwrap(),
            config
        );
    }
}
