//! The source form: one fieldset per kind that builds the same `SourceConfig` as an
//! import file, field rules typed as rows of parallel inputs, and the advanced JSON box.
//! Everything is kept as typed text so that a refused form is shown again as it was.
use std::collections::BTreeMap;

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use serde::Serialize;

use super::config::{
    CsvConfig, DateFormat, FeedConfig, FieldRule, FieldRules, FieldType, HtmlConfig, JsonConfig,
    JsonLdConfig, JsonPagination, ListRules, NextPage, Selector, SitemapConfig, SourceConfig,
};
use super::uploads::MAX_UPLOAD_BYTES;
use crate::crawler::extract;
use crate::entities::source;
use crate::error::{AppError, FieldErrors};
use crate::web::csrf::{CSRF_FIELD, verify};

/// Blank rows offered under the filled ones (and added by "more rows").
pub const BLANK_ROWS: usize = 3;
/// The kinds, in the order of the kind select.
pub const KINDS: &[&str] = &["html", "feed", "json", "csv", "jsonld", "sitemap"];
/// The values of a rule's type select.
pub const FIELD_TYPES: &[&str] = &[
    "text",
    "rich_text",
    "list",
    "date",
    "url",
    "email",
    "number",
];
/// The values of a rule's date-format select ("" = none).
pub const DATE_FORMATS: &[&str] = &["", "dmy_slash", "fr_long", "iso"];
/// The values of a rule's list select: first match, every match, split the first.
pub const LIST_MODES: &[&str] = &["", "all", "split"];
/// The separators offered for CSV ("" = detected, `tab` = a tabulation).
pub const CSV_SEPARATORS: &[&str] = &["", ",", ";", "tab", "|"];
/// The encodings offered for CSV ("" = detected).
pub const CSV_ENCODINGS: &[&str] = &["", "utf-8", "windows-1252"];
/// Largest body of the source form (the routes' limit): the CSV file and the fields.
pub const MAX_BODY_BYTES: usize = MAX_UPLOAD_BYTES + 2 * MAX_FIELDS_BYTES;
/// Largest urlencoded form, and largest total of a multipart form's text fields.
const MAX_FIELDS_BYTES: usize = 1024 * 1024;

/// Detail-page field rule as typed in one row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RuleRow {
    pub field: String,
    pub css: String,
    pub attr: String,
    pub field_type: String,
    /// `""` (first match), `all` or `split`.
    pub list: String,
    pub split: String,
    pub strip_prefix: String,
    pub regex: String,
    pub date_format: String,
}

impl RuleRow {
    fn blank() -> Self {
        Self {
            field_type: "text".into(),
            ..Default::default()
        }
    }

    /// Nothing typed (the selects always send a value, so they do not count).
    fn is_blank(&self) -> bool {
        [
            &self.field,
            &self.css,
            &self.attr,
            &self.split,
            &self.strip_prefix,
            &self.regex,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    fn of(name: &str, rule: &FieldRule) -> Self {
        let field_type = serde_json::to_value(rule.field_type)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "text".into());
        let date_format = rule
            .date_format
            .and_then(|d| serde_json::to_value(d).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let list = if rule.all {
            "all"
        } else if rule.split.is_some() {
            "split"
        } else {
            ""
        };
        Self {
            field: name.to_owned(),
            css: rule.css.clone(),
            attr: rule.attr.clone().unwrap_or_default(),
            field_type,
            list: list.into(),
            split: rule.split.clone().unwrap_or_default(),
            strip_prefix: rule.strip_prefix.clone().unwrap_or_default(),
            regex: rule.regex.clone().unwrap_or_default(),
            date_format,
        }
    }
}

/// A field name and where it is in the source (JSON path or CSV column).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MapRow {
    pub field: String,
    pub from: String,
}

/// List-page rules as typed (`html` and `jsonld`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListForm {
    pub item_css: String,
    pub item_attr: String,
    /// `none`, `link`, `query_param` or `path_pattern`.
    pub next_by: String,
    pub next_css: String,
    pub next_attr: String,
    pub next_param: String,
    pub next_pattern: String,
    pub next_start: String,
}

impl Default for ListForm {
    fn default() -> Self {
        Self {
            item_css: String::new(),
            item_attr: "href".into(),
            next_by: "none".into(),
            next_css: String::new(),
            next_attr: "href".into(),
            next_param: String::new(),
            next_pattern: String::new(),
            next_start: "1".into(),
        }
    }
}

impl ListForm {
    fn of(list: Option<&ListRules>) -> Self {
        let Some(list) = list else {
            return Self::default();
        };
        let mut form = Self {
            item_css: list.item_link.css.clone(),
            item_attr: list.item_link.attr.clone().unwrap_or_default(),
            ..Self::default()
        };
        match &list.next {
            None => {}
            Some(NextPage::Link(s)) => {
                form.next_by = "link".into();
                form.next_css = s.css.clone();
                form.next_attr = s.attr.clone().unwrap_or_default();
            }
            Some(NextPage::QueryParam { param, start }) => {
                form.next_by = "query_param".into();
                form.next_param = param.clone();
                form.next_start = start.to_string();
            }
            Some(NextPage::PathPattern { pattern, start }) => {
                form.next_by = "path_pattern".into();
                form.next_pattern = pattern.clone();
                form.next_start = start.to_string();
            }
        }
        form
    }
}

/// `html`: entry URLs (one a line), list rules, field rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HtmlForm {
    pub entry_urls: String,
    pub list: ListForm,
    pub rules: Vec<RuleRow>,
}

/// `feed`: the feed's URL, optional rules for each entry's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FeedForm {
    pub url: String,
    pub rules: Vec<RuleRow>,
}

/// `json`: the API's URL, paths, pagination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonForm {
    pub url: String,
    pub items_path: String,
    pub id_path: String,
    pub fields: Vec<MapRow>,
    /// `none`, `page_param` or `next_link`.
    pub page_by: String,
    pub page_param: String,
    pub page_start: String,
    pub next_path: String,
}

impl Default for JsonForm {
    fn default() -> Self {
        Self {
            url: String::new(),
            items_path: String::new(),
            id_path: String::new(),
            fields: Vec::new(),
            page_by: "none".into(),
            page_param: String::new(),
            page_start: "1".into(),
            next_path: String::new(),
        }
    }
}

/// `csv`: a URL (or the uploaded file), reading options and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CsvForm {
    pub url: String,
    pub separator: String,
    pub encoding: String,
    pub id_column: String,
    pub columns: Vec<MapRow>,
}

/// `jsonld`: entry URLs and optional list rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JsonLdForm {
    pub entry_urls: String,
    pub list: ListForm,
}

/// `sitemap`: the sitemap's URL, a URL filter, field rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SitemapForm {
    pub url: String,
    pub url_pattern: String,
    pub rules: Vec<RuleRow>,
}

/// A source as typed in the form (numbers as text, so that bad input is shown again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceForm {
    pub name: String,
    /// `form` (the fieldset of `kind` is the configuration) or `json` (`config` is).
    pub mode: String,
    pub kind: String,
    /// The configuration in the import-file format (`docs/sources.md`).
    pub config: String,
    pub html: HtmlForm,
    pub feed: FeedForm,
    pub json: JsonForm,
    pub csv: CsvForm,
    pub jsonld: JsonLdForm,
    pub sitemap: SitemapForm,
    pub enabled: Option<String>,
    pub interval_hours: String,
    pub per_host_delay_ms: String,
    pub per_host_connections: String,
    pub max_pages: String,
    pub max_depth: String,
    /// The source being edited, when the preview is asked from its page.
    pub source_id: Option<String>,
    /// The submit button used (`more-rows`, `preview`, or none to save).
    pub action: String,
}

impl Default for SourceForm {
    fn default() -> Self {
        let mut form = Self {
            name: String::new(),
            mode: "form".into(),
            kind: "html".into(),
            config: String::new(),
            html: HtmlForm::default(),
            feed: FeedForm::default(),
            json: JsonForm::default(),
            csv: CsvForm::default(),
            jsonld: JsonLdForm::default(),
            sitemap: SitemapForm::default(),
            enabled: Some("on".into()),
            interval_hours: "24".into(),
            per_host_delay_ms: "1000".into(),
            per_host_connections: "2".into(),
            max_pages: "5000".into(),
            max_depth: "50".into(),
            source_id: None,
            action: String::new(),
        };
        form.add_blank_rows(None);
        form
    }
}

/// The posted pairs, looked up by name.
struct Pairs<'a>(&'a [(String, String)]);

impl Pairs<'_> {
    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The first value of `name`, or "".
    fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// `name`'s value, or `default` when it was not sent.
    fn or(&self, name: &str, default: &str) -> String {
        if self.has(name) {
            self.one(name)
        } else {
            default.to_owned()
        }
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Parallel arrays `{prefix}_{column}` read as rows (missing cells are empty).
    fn columns<const N: usize>(&self, prefix: &str, names: [&str; N]) -> Vec<[String; N]> {
        let columns: Vec<Vec<String>> = names
            .iter()
            .map(|n| self.all(&format!("{prefix}_{n}")))
            .collect();
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        (0..rows)
            .map(|i| std::array::from_fn(|c| columns[c].get(i).cloned().unwrap_or_default()))
            .collect()
    }

    fn rules(&self, prefix: &str) -> Vec<RuleRow> {
        self.columns(
            &format!("{prefix}_rule"),
            [
                "field",
                "css",
                "attr",
                "type",
                "list",
                "split",
                "strip_prefix",
                "regex",
                "date_format",
            ],
        )
        .into_iter()
        .map(
            |[
                field,
                css,
                attr,
                field_type,
                list,
                split,
                strip_prefix,
                regex,
                date_format,
            ]| RuleRow {
                field,
                css,
                attr,
                field_type,
                list,
                split,
                strip_prefix,
                regex,
                date_format,
            },
        )
        .collect()
    }

    fn maps(&self, prefix: &str, from: &str) -> Vec<MapRow> {
        self.columns(prefix, ["field", from])
            .into_iter()
            .map(|[field, from]| MapRow { field, from })
            .collect()
    }

    fn list(&self, prefix: &str) -> ListForm {
        let d = ListForm::default();
        let get = |name: &str, default: &str| self.or(&format!("{prefix}_{name}"), default);
        ListForm {
            item_css: get("item_css", ""),
            item_attr: get("item_attr", ""),
            next_by: get("next_by", &d.next_by),
            next_css: get("next_css", ""),
            next_attr: get("next_attr", ""),
            next_param: get("next_param", ""),
            next_pattern: get("next_pattern", ""),
            next_start: get("next_start", ""),
        }
    }
}

impl SourceForm {
    /// The form as posted (urlencoded or multipart pairs). Without a `mode`, a posted
    /// `config` and no `kind` mean the JSON box, as the form had before the fieldsets.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let p = Pairs(pairs);
        let mode = match p.one("mode").as_str() {
            "json" => "json",
            "form" => "form",
            _ if p.has("config") && !p.has("kind") => "json",
            _ => "form",
        };
        let d = Self::default();
        Self {
            name: p.one("name"),
            mode: mode.into(),
            kind: p.or("kind", &d.kind),
            config: p.one("config"),
            html: HtmlForm {
                entry_urls: p.one("html_entry_urls"),
                list: p.list("html"),
                rules: p.rules("html"),
            },
            feed: FeedForm {
                url: p.one("feed_url"),
                rules: p.rules("feed"),
            },
            json: JsonForm {
                url: p.one("json_url"),
                items_path: p.one("json_items_path"),
                id_path: p.one("json_id_path"),
                fields: p.maps("json", "path"),
                page_by: p.or("json_page_by", &d.json.page_by),
                page_param: p.one("json_page_param"),
                page_start: p.one("json_page_start"),
                next_path: p.one("json_next_path"),
            },
            csv: CsvForm {
                url: p.one("csv_url"),
                separator: p.one("csv_separator"),
                encoding: p.one("csv_encoding"),
                id_column: p.one("csv_id_column"),
                columns: p.maps("csv", "column"),
            },
            jsonld: JsonLdForm {
                entry_urls: p.one("jsonld_entry_urls"),
                list: p.list("jsonld"),
            },
            sitemap: SitemapForm {
                url: p.one("sitemap_url"),
                url_pattern: p.one("sitemap_url_pattern"),
                rules: p.rules("sitemap"),
            },
            enabled: p.has("enabled").then(|| p.one("enabled")),
            interval_hours: p.one("interval_hours"),
            per_host_delay_ms: p.one("per_host_delay_ms"),
            per_host_connections: p.one("per_host_connections"),
            max_pages: p.one("max_pages"),
            max_depth: p.one("max_depth"),
            source_id: p.has("source_id").then(|| p.one("source_id")),
            action: p.one("action"),
        }
    }

    /// The stored source: the fieldset of its kind filled from its configuration (the
    /// JSON box alone when the stored text no longer parses).
    pub fn from_model(model: &source::Model) -> Self {
        let pretty = serde_json::from_str::<serde_json::Value>(&model.config)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| model.config.clone());
        let mut form = match serde_json::from_str::<SourceConfig>(&model.config) {
            Ok(config) => Self::from_config(&config),
            Err(_) => Self {
                mode: "json".into(),
                ..Self::default()
            },
        };
        form.name = model.name.clone();
        form.config = pretty;
        form.enabled = model.enabled.then(|| "on".into());
        form.interval_hours = model.interval_hours.to_string();
        form.per_host_delay_ms = model.per_host_delay_ms.to_string();
        form.per_host_connections = model.per_host_connections.to_string();
        form.max_pages = model.max_pages.to_string();
        form.max_depth = model.max_depth.to_string();
        form
    }

    /// A new form whose fieldset of the configuration's kind shows it (with blank rows).
    pub fn from_config(config: &SourceConfig) -> Self {
        let mut form = Self {
            kind: super::service::kind_of(config).into(),
            config: serde_json::to_string_pretty(config).unwrap_or_default(),
            ..Self::default()
        };
        let rules = |rules: &FieldRules| -> Vec<RuleRow> {
            rules
                .iter()
                .map(|(name, rule)| RuleRow::of(name, rule))
                .collect()
        };
        let maps = |map: &BTreeMap<String, String>| -> Vec<MapRow> {
            map.iter()
                .map(|(field, from)| MapRow {
                    field: field.clone(),
                    from: from.clone(),
                })
                .collect()
        };
        match config {
            SourceConfig::Html(c) => {
                form.html = HtmlForm {
                    entry_urls: c.entry_urls.join("\n"),
                    list: ListForm::of(c.list.as_ref()),
                    rules: rules(&c.fields),
                };
            }
            SourceConfig::Feed(c) => {
                form.feed = FeedForm {
                    url: c.url.clone(),
                    rules: c.detail_fields.as_ref().map(rules).unwrap_or_default(),
                };
            }
            SourceConfig::Json(c) => {
                let mut json = JsonForm {
                    url: c.url.clone(),
                    items_path: c.items_path.clone(),
                    id_path: c.id_path.clone().unwrap_or_default(),
                    fields: maps(&c.fields),
                    ..JsonForm::default()
                };
                match &c.pagination {
                    None => {}
                    Some(JsonPagination::PageParam { param, start }) => {
                        json.page_by = "page_param".into();
                        json.page_param = param.clone();
                        json.page_start = start.to_string();
                    }
                    Some(JsonPagination::NextLink { path }) => {
                        json.page_by = "next_link".into();
                        json.next_path = path.clone();
                    }
                }
                form.json = json;
            }
            SourceConfig::Csv(c) => {
                form.csv = CsvForm {
                    url: c.url.clone().unwrap_or_default(),
                    separator: match c.separator {
                        None => String::new(),
                        Some('\t') => "tab".into(),
                        Some(other) => other.to_string(),
                    },
                    encoding: c.encoding.clone().unwrap_or_default(),
                    id_column: c.id_column.clone().unwrap_or_default(),
                    columns: maps(&c.columns),
                };
            }
            SourceConfig::Jsonld(c) => {
                form.jsonld = JsonLdForm {
                    entry_urls: c.entry_urls.join("\n"),
                    list: ListForm::of(c.list.as_ref()),
                };
            }
            SourceConfig::Sitemap(c) => {
                form.sitemap = SitemapForm {
                    url: c.url.clone(),
                    url_pattern: c.url_pattern.clone().unwrap_or_default(),
                    rules: rules(&c.fields),
                };
            }
        }
        form.add_blank_rows(None);
        form
    }

    /// Adds `BLANK_ROWS` blank rows to the tables of `kind` (every kind when `None`).
    pub fn add_blank_rows(&mut self, kind: Option<&str>) {
        let wanted = |k: &str| kind.is_none_or(|kind| kind == k);
        let blank_rules = || std::iter::repeat_with(RuleRow::blank).take(BLANK_ROWS);
        let blank_maps = || std::iter::repeat_with(MapRow::default).take(BLANK_ROWS);
        if wanted("html") {
            self.html.rules.extend(blank_rules());
        }
        if wanted("feed") {
            self.feed.rules.extend(blank_rules());
        }
        if wanted("sitemap") {
            self.sitemap.rules.extend(blank_rules());
        }
        if wanted("json") {
            self.json.fields.extend(blank_maps());
        }
        if wanted("csv") {
            self.csv.columns.extend(blank_maps());
        }
    }

    /// The configuration of the fieldset of `kind`, or the problems, each attached to
    /// the input it is about.
    pub fn build(&self) -> Result<SourceConfig, Problems> {
        let mut p = Problems::default();
        let config = match self.kind.as_str() {
            "html" => {
                let entry_urls = p.urls("html_entry_urls", &self.html.entry_urls);
                let list = p.list("html", &self.html.list);
                let fields = p.rules("html", &self.html.rules, true);
                SourceConfig::Html(HtmlConfig {
                    entry_urls,
                    list,
                    fields,
                })
            }
            "feed" => {
                let url = p.url("feed_url", &self.feed.url);
                let rules = p.rules("feed", &self.feed.rules, false);
                SourceConfig::Feed(FeedConfig {
                    url,
                    detail_fields: (!rules.is_empty()).then_some(rules),
                })
            }
            "json" => {
                let j = &self.json;
                let url = p.url("json_url", &j.url);
                let fields = p.maps("json", "path", &j.fields);
                let pagination = match j.page_by.as_str() {
                    "none" | "" => None,
                    "page_param" => Some(JsonPagination::PageParam {
                        param: p.required("json_page_param", &j.page_param),
                        start: p.start("json_page_start", &j.page_start),
                    }),
                    "next_link" => Some(JsonPagination::NextLink {
                        path: p.required("json_next_path", &j.next_path),
                    }),
                    _ => {
                        p.error("json_page_by", "choice-invalid");
                        None
                    }
                };
                SourceConfig::Json(JsonConfig {
                    url,
                    items_path: j.items_path.trim().to_owned(),
                    fields,
                    id_path: optional(&j.id_path),
                    pagination,
                })
            }
            "csv" => {
                let c = &self.csv;
                let url = optional(&c.url);
                if let Some(url) = &url
                    && crate::web::forms::http_url(url).is_none()
                {
                    p.error("csv_url", "source-config-bad-url");
                    p.detail("csv_url", url);
                }
                let separator = match c.separator.as_str() {
                    "" => None,
                    "tab" | "\t" => Some('\t'),
                    other => {
                        let mut chars = other.chars();
                        match (chars.next(), chars.next()) {
                            (Some(one), None) => Some(one),
                            _ => {
                                p.error("csv_separator", "choice-invalid");
                                None
                            }
                        }
                    }
                };
                let columns = p.maps("csv", "column", &c.columns);
                SourceConfig::Csv(CsvConfig {
                    url,
                    separator,
                    encoding: optional(&c.encoding),
                    columns,
                    id_column: optional(&c.id_column),
                })
            }
            "jsonld" => {
                let entry_urls = p.urls("jsonld_entry_urls", &self.jsonld.entry_urls);
                let list = p.list("jsonld", &self.jsonld.list);
                SourceConfig::Jsonld(JsonLdConfig { entry_urls, list })
            }
            "sitemap" => {
                let s = &self.sitemap;
                let url = p.url("sitemap_url", &s.url);
                let url_pattern = optional(&s.url_pattern);
                if let Some(pattern) = &url_pattern
                    && let Err(e) = regex::Regex::new(pattern)
                {
                    p.error("sitemap_url_pattern", "source-regex-invalid");
                    p.detail("sitemap_url_pattern", &e.to_string());
                }
                let fields = p.rules("sitemap", &s.rules, true);
                SourceConfig::Sitemap(SitemapConfig {
                    url,
                    url_pattern,
                    fields,
                })
            }
            _ => {
                p.error("kind", "choice-invalid");
                return Err(p);
            }
        };
        if p.errors.is_empty() {
            Ok(config)
        } else {
            Err(p)
        }
    }
}

/// `None` for blank text, else the trimmed text.
fn optional(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|s| !s.is_empty())
}

/// What is wrong with a form: message keys and the parsers' own words, by input key
/// (an input's name, followed by `-{row}` for a cell of a table).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Problems {
    pub errors: FieldErrors,
    pub details: BTreeMap<String, String>,
}

impl Problems {
    pub fn error(&mut self, key: &str, message: &str) {
        let keys = self.errors.entry(key.to_owned()).or_default();
        if !keys.iter().any(|k| k == message) {
            keys.push(message.to_owned());
        }
    }

    pub fn detail(&mut self, key: &str, text: &str) {
        let detail = self.details.entry(key.to_owned()).or_default();
        if !detail.is_empty() {
            detail.push_str(" ; ");
        }
        detail.push_str(text);
    }

    pub fn merge(&mut self, other: Problems) {
        for (key, messages) in other.errors {
            for message in messages {
                self.error(&key, &message);
            }
        }
        for (key, text) in other.details {
            self.detail(&key, &text);
        }
    }

    fn required(&mut self, key: &str, raw: &str) -> String {
        let value = raw.trim().to_owned();
        if value.is_empty() {
            self.error(key, "source-value-missing");
        }
        value
    }

    fn url(&mut self, key: &str, raw: &str) -> String {
        let url = raw.trim().to_owned();
        if url.is_empty() {
            self.error(key, "source-url-missing");
        } else if crate::web::forms::http_url(&url).is_none() {
            self.error(key, "source-config-bad-url");
            self.detail(key, &url);
        }
        url
    }

    fn urls(&mut self, key: &str, raw: &str) -> Vec<String> {
        let urls: Vec<String> = raw
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if urls.is_empty() {
            self.error(key, "source-config-no-url");
        }
        for url in urls
            .iter()
            .filter(|u| crate::web::forms::http_url(u).is_none())
        {
            self.error(key, "source-config-bad-url");
            self.detail(key, url);
        }
        urls
    }

    fn start(&mut self, key: &str, raw: &str) -> u32 {
        raw.trim().parse::<u32>().unwrap_or_else(|_| {
            self.error(key, "number-invalid");
            1
        })
    }

    fn selector(&mut self, key: &str, name: &str, css: &str, attr: &str) -> Selector {
        let selector = Selector {
            css: css.trim().to_owned(),
            attr: optional(attr),
        };
        if let Err(problem) = extract::compile_selector(name, &selector) {
            self.error(key, "source-selector-invalid");
            self.detail(key, &problem.message);
        }
        selector
    }

    fn list(&mut self, prefix: &str, list: &ListForm) -> Option<ListRules> {
        let key = |name: &str| format!("{prefix}_{name}");
        let next = match list.next_by.as_str() {
            "none" | "" => None,
            "link" => {
                if list.next_css.trim().is_empty() {
                    self.error(&key("next_css"), "source-selector-missing");
                    None
                } else {
                    Some(NextPage::Link(self.selector(
                        &key("next_css"),
                        "next",
                        &list.next_css,
                        &list.next_attr,
                    )))
                }
            }
            "query_param" => Some(NextPage::QueryParam {
                param: self.required(&key("next_param"), &list.next_param),
                start: self.start(&key("next_start"), &list.next_start),
            }),
            "path_pattern" => {
                let pattern = self.required(&key("next_pattern"), &list.next_pattern);
                if !pattern.is_empty() && !pattern.contains("{n}") {
                    self.error(&key("next_pattern"), "source-pattern-without-n");
                }
                Some(NextPage::PathPattern {
                    pattern,
                    start: self.start(&key("next_start"), &list.next_start),
                })
            }
            _ => {
                self.error(&key("next_by"), "choice-invalid");
                None
            }
        };
        if list.item_css.trim().is_empty() {
            if list.next_by != "none" && !list.next_by.is_empty() {
                self.error(&key("item_css"), "source-item-link-missing");
            }
            return None;
        }
        let item_link = self.selector(
            &key("item_css"),
            "item_link",
            &list.item_css,
            &list.item_attr,
        );
        Some(ListRules { item_link, next })
    }

    /// The rules of the non-blank rows; `required` asks for at least one.
    fn rules(&mut self, prefix: &str, rows: &[RuleRow], required: bool) -> FieldRules {
        let mut rules = FieldRules::new();
        for (i, row) in rows.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let key = |column: &str| format!("{prefix}_rule_{column}-{i}");
            let name = row.field.trim();
            let mut keep = true;
            if name.is_empty() {
                self.error(&key("field"), "source-field-name-missing");
                keep = false;
            } else if rules.contains_key(name) {
                self.error(&key("field"), "source-field-name-twice");
                keep = false;
            }
            let field_type = serde_json::from_value::<FieldType>(row.field_type.clone().into())
                .unwrap_or_else(|_| {
                    self.error(&key("type"), "choice-invalid");
                    FieldType::Text
                });
            let date_format = match row.date_format.as_str() {
                "" => None,
                raw => serde_json::from_value::<DateFormat>(raw.into())
                    .map_err(|_| self.error(&key("date_format"), "choice-invalid"))
                    .ok(),
            };
            if !LIST_MODES.contains(&row.list.as_str()) {
                self.error(&key("list"), "choice-invalid");
            }
            if row.list == "split" && row.split.is_empty() {
                self.error(&key("split"), "source-split-missing");
            }
            let rule = FieldRule {
                css: row.css.trim().to_owned(),
                attr: optional(&row.attr),
                field_type,
                all: row.list == "all",
                split: Some(row.split.clone()).filter(|s| !s.is_empty()),
                strip_prefix: optional(&row.strip_prefix),
                regex: Some(row.regex.clone()).filter(|r| !r.trim().is_empty()),
                date_format,
            };
            if rule.css.is_empty() {
                self.error(&key("css"), "source-selector-missing");
            } else {
                let one = FieldRules::from([(name.to_owned(), rule.clone())]);
                if let Err(problems) = extract::compile(&one) {
                    for problem in problems {
                        let (column, message) = match problem.what {
                            "regex" => ("regex", "source-regex-invalid"),
                            "split" => ("split", "source-split-missing"),
                            _ => ("css", "source-selector-invalid"),
                        };
                        self.error(&key(column), message);
                        if column != "split" {
                            self.detail(&key(column), &problem.message);
                        }
                    }
                }
            }
            if keep {
                rules.insert(name.to_owned(), rule);
            }
        }
        if required && rules.is_empty() && !self.has_errors_under(&format!("{prefix}_rule_")) {
            self.error(&format!("{prefix}_rules"), "source-rules-none");
        }
        rules
    }

    /// Field → path (JSON) or column (CSV) of the non-blank rows; at least one.
    fn maps(&mut self, prefix: &str, from: &str, rows: &[MapRow]) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            let (field, source) = (row.field.trim(), row.from.trim());
            if field.is_empty() && source.is_empty() {
                continue;
            }
            if field.is_empty() {
                self.error(&format!("{prefix}_field-{i}"), "source-field-name-missing");
            } else if map.contains_key(field) {
                self.error(&format!("{prefix}_field-{i}"), "source-field-name-twice");
            }
            if source.is_empty() {
                self.error(&format!("{prefix}_{from}-{i}"), "source-value-missing");
            }
            if !field.is_empty() && !source.is_empty() && !map.contains_key(field) {
                map.insert(field.to_owned(), source.to_owned());
            }
        }
        if map.is_empty() && !self.has_errors_under(&format!("{prefix}_field-")) {
            self.error(&format!("{prefix}_fields"), "source-rules-none");
        }
        map
    }

    fn has_errors_under(&self, prefix: &str) -> bool {
        self.errors.keys().any(|k| k.starts_with(prefix))
    }
}

/// A file chosen in the form's CSV file input.
#[derive(Debug, Clone)]
pub struct PostedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The source form as posted, urlencoded or multipart (with the CSV file), after its
/// CSRF token was checked.
pub struct PostedSource {
    pub form: SourceForm,
    pub file: Option<PostedFile>,
    /// A file was chosen but exceeds `MAX_UPLOAD_BYTES` (its bytes are not kept).
    pub file_too_large: bool,
}

impl<S: Send + Sync> FromRequest<S> for PostedSource {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (session, header_token) = crate::web::csrf::session_and_header(&request)?;
        let is_multipart = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        let malformed = || AppError::invalid("form", "form-malformed");
        let too_large = || AppError::invalid("form", "form-too-large");
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut file = None;
        let mut file_too_large = false;
        if is_multipart {
            let mut multipart = Multipart::from_request(request, state)
                .await
                .map_err(|_| malformed())?;
            let mut text_bytes = 0;
            while let Some(mut field) = multipart.next_field().await.map_err(|_| too_large())? {
                let name = field.name().unwrap_or_default().to_owned();
                if name == "csv_file" {
                    let file_name = field
                        .file_name()
                        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).trim().to_owned())
                        .unwrap_or_default();
                    let mut bytes = Vec::new();
                    while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
                        if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                            file_too_large = true;
                            bytes.clear();
                            break;
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    if !bytes.is_empty() {
                        let name = if file_name.is_empty() {
                            "fichier.csv".to_owned()
                        } else {
                            file_name
                        };
                        file = Some(PostedFile { name, bytes });
                    }
                } else {
                    let value = field.text().await.map_err(|_| malformed())?;
                    text_bytes += name.len() + value.len();
                    if text_bytes > MAX_FIELDS_BYTES {
                        return Err(too_large());
                    }
                    pairs.push((name, value));
                }
            }
        } else {
            let body = axum::body::Bytes::from_request(request, state)
                .await
                .map_err(|_| too_large())?;
            if body.len() > MAX_FIELDS_BYTES {
                return Err(too_large());
            }
            pairs = serde_html_form::from_bytes(&body).map_err(|_| malformed())?;
        }
        let sent = pairs
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.clone())
            .or(header_token);
        verify(&session, sent.as_deref()).await?;
        Ok(Self {
            form: SourceForm::from_pairs(&pairs),
            file,
            file_too_large,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn rows_become_rules_and_blank_rows_are_ignored() {
        let form = SourceForm::from_pairs(&pairs(&[
            ("kind", "html"),
            ("html_entry_urls", "https://a.example.org/projets/\n\n"),
            ("html_item_css", "h3 a"),
            ("html_item_attr", "href"),
            ("html_next_by", "query_param"),
            ("html_next_param", "page"),
            ("html_next_start", "2"),
            ("html_rule_field", "title"),
            ("html_rule_css", "h1"),
            ("html_rule_attr", ""),
            ("html_rule_type", "text"),
            ("html_rule_list", ""),
            ("html_rule_split", ""),
            ("html_rule_strip_prefix", ""),
            ("html_rule_regex", ""),
            ("html_rule_date_format", ""),
            ("html_rule_field", ""),
            ("html_rule_css", ""),
            ("html_rule_attr", ""),
            ("html_rule_type", "date"),
            ("html_rule_list", ""),
            ("html_rule_split", ""),
            ("html_rule_strip_prefix", ""),
            ("html_rule_regex", ""),
            ("html_rule_date_format", "iso"),
            ("html_rule_field", "themes"),
            ("html_rule_css", "p.theme"),
            ("html_rule_attr", ""),
            ("html_rule_type", "list"),
            ("html_rule_list", "split"),
            ("html_rule_split", ","),
            ("html_rule_strip_prefix", "Thème :"),
            ("html_rule_regex", ""),
            ("html_rule_date_format", ""),
        ]));
        assert_eq!(form.mode, "form");
        let config = form.build().unwrap();
        let expected: SourceConfig = serde_json::from_str(
            r#"{"kind": "html", "entry_urls": ["https://a.example.org/projets/"],
                "list": {"item_link": {"css": "h3 a", "attr": "href"},
                         "next": {"by": "query_param", "param": "page", "start": 2}},
                "fields": {"title": {"css": "h1"},
                           "themes": {"css": "p.theme", "type": "list", "split": ",",
                                      "strip_prefix": "Thème :"}}}"#,
        )
        .unwrap();
        assert_eq!(config, expected);
        // And back: the rows shown for the stored configuration build it again.
        let again = SourceForm::from_config(&config);
        assert_eq!(again.html.rules.len(), 2 + BLANK_ROWS);
        assert_eq!(again.build().unwrap(), config);
    }

    #[test]
    fn problems_point_at_their_input() {
        let mut form = SourceForm {
            kind: "sitemap".into(),
            ..SourceForm::default()
        };
        form.sitemap.url = "ftp://a.example.org/sitemap.xml".into();
        form.sitemap.url_pattern = "(".into();
        form.sitemap.rules[1] = RuleRow {
            field: "title".into(),
            css: "h1[".into(),
            regex: "(".into(),
            ..RuleRow::blank()
        };
        form.sitemap.rules[2] = RuleRow {
            css: "h2".into(),
            list: "split".into(),
            ..RuleRow::blank()
        };
        let problems = form.build().unwrap_err();
        assert_eq!(problems.errors["sitemap_url"], ["source-config-bad-url"]);
        assert_eq!(
            problems.errors["sitemap_url_pattern"],
            ["source-regex-invalid"]
        );
        assert_eq!(
            problems.errors["sitemap_rule_css-1"],
            ["source-selector-invalid"]
        );
        assert!(!problems.details["sitemap_rule_css-1"].is_empty());
        assert_eq!(
            problems.errors["sitemap_rule_regex-1"],
            ["source-regex-invalid"]
        );
        assert_eq!(
            problems.errors["sitemap_rule_field-2"],
            ["source-field-name-missing"]
        );
        assert_eq!(
            problems.errors["sitemap_rule_split-2"],
            ["source-split-missing"]
        );
    }

    #[test]
    fn a_config_without_kind_or_mode_is_the_json_box() {
        let form = SourceForm::from_pairs(&pairs(&[("name", "x"), ("config", "{}")]));
        assert_eq!(form.mode, "json");
        let form = SourceForm::from_pairs(&pairs(&[("kind", "feed"), ("config", "{}")]));
        assert_eq!(form.mode, "form");
    }

    #[test]
    fn every_kind_round_trips_through_the_form() {
        for raw in [
            r#"{"kind": "feed", "url": "https://a.example.org/feed",
                "detail_fields": {"commune": {"css": "span.ville", "attr": "title"}}}"#,
            r#"{"kind": "json", "url": "https://api.example.org/p", "items_path": "data.items",
                "id_path": "id", "fields": {"title": "name", "commune": "address.city"},
                "pagination": {"by": "next_link", "path": "links.next"}}"#,
            r#"{"kind": "csv", "separator": "\t", "encoding": "windows-1252",
                "id_column": "Ref", "columns": {"title": "Nom"}}"#,
            r#"{"kind": "jsonld", "entry_urls": ["https://a.example.org/", "https://b.example.org/"],
                "list": {"item_link": {"css": "h3 a"},
                         "next": {"by": "path_pattern", "pattern": "/page/{n}/", "start": 2}}}"#,
            r#"{"kind": "sitemap", "url": "https://a.example.org/sitemap.xml",
                "url_pattern": "/projets/", "fields": {"start_date": {"css": "time",
                "type": "date", "date_format": "fr_long", "regex": "(.*)", "all": true}}}"#,
        ] {
            let config: SourceConfig = serde_json::from_str(raw).unwrap();
            assert_eq!(SourceForm::from_config(&config).build().unwrap(), config);
        }
    }
}
