//! "Test a source before saving": runs a configuration on the site now, nothing stored,
//! and says what the crawl would find — for every kind:
//! - `html` / `jsonld`: the first list page (item links, next page), then the first
//!   detail pages with each field's value or why it is empty (`jsonld`: the page's
//!   schema.org object, or that it has none);
//! - `sitemap`: how many page addresses match the pattern, then the first pages;
//! - `feed`: the entries found, then the first entries' fields (and, with detail rules,
//!   their pages' fields);
//! - `json`: the first page's items and the next page, then the first items' fields (or
//!   that their path leads nowhere);
//! - `csv`: the file's encoding, separator and columns, then the first rows' fields.
use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use url::Url;

use super::config::{
    CsvConfig, FeedConfig, HtmlConfig, JsonConfig, JsonLdConfig, JsonPagination, ListRules,
    NextPage, SitemapConfig, SourceConfig,
};
use super::service::ValidSource;
use crate::crawler::extract::{self, CompiledRules, EmptyReason, Extraction};
use crate::crawler::fetch::{FetchedPage, Fetcher, SourcePoliteness};
use crate::crawler::problem::Problem;
use crate::crawler::run::{fetch_page, read_list, with_param};
use crate::crawler::{api, feed, jsonld, sitemap, tabular};
use crate::web::Lang;

/// Detail pages (or items, rows) read by a preview.
pub const DETAIL_PAGES: usize = 3;

/// What a preview found.
#[derive(Debug, Default, Serialize)]
pub struct Preview {
    /// What the first part reads: `list` (list page), `sitemap`, `feed`, `api`, `file`.
    pub start_kind: Option<&'static str>,
    /// The document read first (list page, sitemap, feed, API page, CSV address).
    pub list_url: Option<String>,
    /// Why it could not be read.
    pub list_error: Option<String>,
    /// How many items (links, entries, rows…) it lists.
    pub item_count: usize,
    /// The first item links (`html`, `jsonld`, `sitemap`).
    pub item_links: Vec<String>,
    /// The next list page, as the crawl would compute it.
    pub next_url: Option<String>,
    /// Facts about a CSV file: (message key, text).
    pub facts: Vec<(&'static str, String)>,
    pub details: Vec<DetailPreview>,
}

#[derive(Debug, Default, Serialize)]
pub struct DetailPreview {
    /// The page read; `None` for API items and CSV rows.
    pub url: Option<String>,
    /// 1-based position of an item or row.
    pub position: usize,
    /// Why the page could not be read (the fetch's words).
    pub error: Option<String>,
    /// Why the page gave nothing, as a message key.
    pub error_key: Option<&'static str>,
    pub fields: Vec<FieldPreview>,
}

#[derive(Debug, Serialize)]
pub struct FieldPreview {
    pub name: String,
    /// The value as text (lists joined with " · ").
    pub value: Option<String>,
    pub matched: usize,
    /// Message key explaining an empty value.
    pub reason_key: Option<&'static str>,
    /// Arguments of the explanation ("" when it has none).
    pub attr: String,
    pub text: String,
    pub sample: Option<String>,
}

impl FieldPreview {
    /// A value found without rules (feed entry, JSON-LD); empty is just "empty".
    fn plain(name: &str, value: &Value, empty_key: &'static str, text: &str) -> Self {
        let shown = show_value(value);
        FieldPreview {
            name: name.to_owned(),
            reason_key: shown.is_none().then_some(empty_key),
            value: shown,
            matched: 0,
            attr: String::new(),
            text: text.to_owned(),
            sample: None,
        }
    }
}

/// The message key (and its `attr`, `text` arguments) explaining an empty field.
fn reason(reason: &EmptyReason) -> (&'static str, Option<String>, Option<String>) {
    match reason {
        EmptyReason::SelectorMatchedNothing => ("preview-empty-nothing-matched", None, None),
        EmptyReason::AttributeMissing { attr } => {
            ("preview-empty-attribute-missing", Some(attr.clone()), None)
        }
        EmptyReason::RegexNoMatch { text } => ("preview-empty-regex", None, Some(text.clone())),
        EmptyReason::DateUnparsable { text } => ("preview-empty-date", None, Some(text.clone())),
        EmptyReason::UrlInvalid { text } => ("preview-empty-url", None, Some(text.clone())),
        EmptyReason::EmailInvalid { text } => ("preview-empty-email", None, Some(text.clone())),
        EmptyReason::NumberUnparsable { text } => {
            ("preview-empty-number", None, Some(text.clone()))
        }
        EmptyReason::EmptyText => ("preview-empty-blank", None, None),
    }
}

fn show_value(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) => Some(
            items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        other => Some(other.to_string()),
    }
}

fn fields_of(extraction: Extraction) -> Vec<FieldPreview> {
    let Extraction {
        mut values,
        diagnostics,
    } = extraction;
    diagnostics
        .into_iter()
        .map(|(name, diagnostic)| {
            let value = values.remove(&name).and_then(|v| show_value(&v));
            let (reason_key, attr, text) = match &diagnostic.empty {
                Some(r) => {
                    let (key, attr, text) = reason(r);
                    (Some(key), attr, text)
                }
                None => (None, None, None),
            };
            FieldPreview {
                name,
                value,
                matched: diagnostic.matched,
                reason_key,
                attr: attr.unwrap_or_default(),
                text: text.unwrap_or_default(),
                sample: diagnostic.sample,
            }
        })
        .collect()
}

fn read_detail(body: &str, page: &Url, rules: &CompiledRules) -> Extraction {
    let doc = scraper::Html::parse_document(body);
    extract::extract_fields(&doc, page, rules)
}

/// How a detail page is read in a preview.
enum Reader<'a> {
    Rules(&'a CompiledRules),
    JsonLd,
}

impl Reader<'_> {
    fn read(&self, page: &FetchedPage, position: usize) -> DetailPreview {
        let mut detail = DetailPreview {
            url: Some(page.final_url.to_string()),
            position,
            ..DetailPreview::default()
        };
        match self {
            Reader::Rules(rules) => {
                detail.fields = fields_of(read_detail(&page.body_text, &page.final_url, rules));
            }
            Reader::JsonLd => {
                let doc = scraper::Html::parse_document(&page.body_text);
                match jsonld::extract_jsonld(&doc, &page.final_url)
                    .into_iter()
                    .next()
                {
                    Some(values) => {
                        detail.fields = values
                            .iter()
                            .map(|(name, v)| {
                                FieldPreview::plain(name, v, "preview-empty-value", "")
                            })
                            .collect();
                    }
                    None => detail.error_key = Some("preview-no-jsonld"),
                }
            }
        }
        detail
    }
}

/// One preview in progress.
struct Previewer<'a> {
    fetcher: &'a Fetcher,
    /// The language problems are told in.
    lang: Lang,
    politeness: SourcePoliteness,
    preview: Preview,
}

/// Previews a configuration that passed validation. `csv_file`: the file of a `csv`
/// source without URL (posted with the form, or stored with the source).
pub async fn run(
    fetcher: &Fetcher,
    valid: &ValidSource,
    csv_file: Option<Vec<u8>>,
    lang: Lang,
) -> Preview {
    let mut previewer = Previewer {
        fetcher,
        lang,
        politeness: SourcePoliteness {
            per_host_delay: Some(Duration::from_millis(
                u64::try_from(valid.per_host_delay_ms).unwrap_or(0),
            )),
            per_host_connections: usize::try_from(valid.per_host_connections).ok(),
        },
        preview: Preview::default(),
    };
    match &valid.config {
        SourceConfig::Html(config) => previewer.html(config).await,
        SourceConfig::Jsonld(config) => previewer.jsonld(config).await,
        SourceConfig::Sitemap(config) => previewer.sitemap(config).await,
        SourceConfig::Feed(config) => previewer.feed(config).await,
        SourceConfig::Json(config) => previewer.json(config).await,
        SourceConfig::Csv(config) => previewer.csv(config, csv_file).await,
    }
    previewer.preview
}

/// Compiles field rules; validation did already, so a failure is only reported.
fn compile(fields: &super::config::FieldRules) -> Result<CompiledRules, Problem> {
    extract::compile(fields).map_err(|problems| {
        let detail = problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ; ");
        Problem::new("rules").with("detail", detail)
    })
}

impl Previewer<'_> {
    async fn fetch(&self, url: &Url) -> Result<FetchedPage, String> {
        fetch_page(self.fetcher, url, &self.politeness)
            .await
            .map_err(|e| Problem::from(e).text(self.lang))
    }

    /// Shows `problem` as the reason the first document gave nothing.
    fn fail(&mut self, problem: Problem) {
        self.preview.list_error = Some(problem.text(self.lang));
    }

    /// Fetches the first document; on failure it is the preview's list error.
    async fn start(&mut self, kind: &'static str, url: &str) -> Option<FetchedPage> {
        self.preview.start_kind = Some(kind);
        self.preview.list_url = Some(url.to_owned());
        let parsed = match Url::parse(url) {
            Ok(parsed) => parsed,
            Err(err) => {
                self.fail(Problem::new("invalid-url").with("detail", err));
                return None;
            }
        };
        match self.fetch(&parsed).await {
            Ok(page) => Some(page),
            Err(message) => {
                self.preview.list_error = Some(message);
                None
            }
        }
    }

    async fn html(&mut self, config: &HtmlConfig) {
        let rules = match compile(&config.fields) {
            Ok(rules) => rules,
            Err(problem) => {
                self.fail(problem);
                return;
            }
        };
        let pages = self.pages(&config.entry_urls, config.list.as_ref()).await;
        self.details(pages, Reader::Rules(&rules)).await;
    }

    async fn jsonld(&mut self, config: &JsonLdConfig) {
        let pages = self.pages(&config.entry_urls, config.list.as_ref()).await;
        self.details(pages, Reader::JsonLd).await;
    }

    /// The detail pages: the first list page's item links, or the entry URLs.
    async fn pages(&mut self, entry_urls: &[String], list: Option<&ListRules>) -> Vec<Url> {
        let entries: Vec<Url> = entry_urls
            .iter()
            .filter_map(|u| Url::parse(u).ok())
            .collect();
        let (Some(list), Some(entry)) = (list, entries.first()) else {
            return entries;
        };
        let item = extract::compile_selector("item_link", &list.item_link);
        let next_sel = match &list.next {
            Some(NextPage::Link(selector)) => Some(extract::compile_selector("next", selector)),
            _ => None,
        };
        let (item, next_sel) = match (item, next_sel.transpose()) {
            (Ok(item), Ok(next)) => (item, next),
            (Err(e), _) | (_, Err(e)) => {
                self.preview.start_kind = Some("list");
                self.fail(Problem::new("rules").with("detail", e));
                return Vec::new();
            }
        };
        let first = match &list.next {
            Some(NextPage::QueryParam { param, start }) => with_param(entry, param, *start),
            _ => entry.clone(),
        };
        let Some(page) = self.start("list", first.as_str()).await else {
            return Vec::new();
        };
        let (items, next_links) =
            read_list(&page.body_text, &page.final_url, &item, next_sel.as_ref());
        let next = match &list.next {
            None => None,
            Some(NextPage::Link(_)) => next_links
                .into_iter()
                .find(|l| *l != page.final_url && *l != first),
            Some(NextPage::QueryParam { param, start }) => {
                Some(with_param(entry, param, start + 1))
            }
            Some(NextPage::PathPattern { pattern, start }) => {
                entry.join(&pattern.replace("{n}", &start.to_string())).ok()
            }
        };
        self.preview.next_url = next.map(|u| u.to_string());
        self.preview.item_count = items.len();
        self.preview.item_links = items.iter().map(Url::to_string).collect();
        items
    }

    /// Reads the first detail pages.
    async fn details(&mut self, pages: Vec<Url>, reader: Reader<'_>) {
        for (i, url) in pages.into_iter().take(DETAIL_PAGES).enumerate() {
            let detail = match self.fetch(&url).await {
                Ok(page) => reader.read(&page, i + 1),
                Err(message) => DetailPreview {
                    url: Some(url.to_string()),
                    position: i + 1,
                    error: Some(message),
                    ..DetailPreview::default()
                },
            };
            self.preview.details.push(detail);
        }
    }

    async fn sitemap(&mut self, config: &SitemapConfig) {
        let rules = match compile(&config.fields) {
            Ok(rules) => rules,
            Err(problem) => {
                self.fail(problem);
                return;
            }
        };
        let pattern = config
            .url_pattern
            .as_deref()
            .and_then(|p| regex::Regex::new(p).ok());
        let Some(page) = self.start("sitemap", &config.url).await else {
            return;
        };
        let top = sitemap::parse_sitemap(&page.body_text);
        let mut urls: Vec<Url> = top
            .urls
            .iter()
            .filter_map(|loc| page.final_url.join(loc).ok())
            .collect();
        // An index: its first sitemap is enough to show what the pattern keeps.
        if let Some(child) = top
            .sitemaps
            .first()
            .and_then(|l| page.final_url.join(l).ok())
        {
            match self.fetch(&child).await {
                Ok(child_page) => urls.extend(
                    sitemap::parse_sitemap(&child_page.body_text)
                        .urls
                        .iter()
                        .filter_map(|loc| child_page.final_url.join(loc).ok()),
                ),
                Err(message) => self.preview.list_error = Some(message),
            }
        }
        let kept: Vec<Url> = urls
            .into_iter()
            .filter(|u| pattern.as_ref().is_none_or(|p| p.is_match(u.as_str())))
            .collect();
        self.preview.item_count = kept.len();
        self.preview.item_links = kept.iter().take(20).map(Url::to_string).collect();
        self.details(kept, Reader::Rules(&rules)).await;
    }

    async fn feed(&mut self, config: &FeedConfig) {
        let rules = match config.detail_fields.as_ref().map(compile).transpose() {
            Ok(rules) => rules,
            Err(problem) => {
                self.fail(problem);
                return;
            }
        };
        let Some(page) = self.start("feed", &config.url).await else {
            return;
        };
        let parsed = match feed::parse_feed(page.body_text.as_bytes(), &page.final_url) {
            Ok(parsed) => parsed,
            Err(err) => {
                self.fail(Problem::new("not-a-feed").with("detail", err));
                return;
            }
        };
        if let Some(error) = parsed.error {
            self.fail(Problem::new("feed-broken").with("detail", error));
        }
        self.preview.item_count = parsed.entries.len();
        for (i, entry) in parsed.entries.iter().take(DETAIL_PAGES).enumerate() {
            let mut detail = DetailPreview {
                url: entry.link.as_ref().map(Url::to_string),
                position: i + 1,
                fields: entry
                    .fields()
                    .iter()
                    .map(|(name, v)| FieldPreview::plain(name, v, "preview-empty-value", ""))
                    .collect(),
                ..DetailPreview::default()
            };
            if let (Some(rules), Some(link)) = (&rules, &entry.link) {
                match self.fetch(link).await {
                    Ok(page) => detail.fields.extend(fields_of(read_detail(
                        &page.body_text,
                        &page.final_url,
                        rules,
                    ))),
                    Err(message) => detail.error = Some(message),
                }
            }
            self.preview.details.push(detail);
        }
    }

    async fn json(&mut self, config: &JsonConfig) {
        let Ok(first) = Url::parse(&config.url) else {
            self.preview.start_kind = Some("api");
            self.fail(Problem::new("invalid-url").with("detail", &config.url));
            return;
        };
        let url = match &config.pagination {
            Some(JsonPagination::PageParam { param, start }) => with_param(&first, param, *start),
            _ => first.clone(),
        };
        let Some(page) = self.start("api", url.as_str()).await else {
            return;
        };
        let doc = match serde_json::from_str::<Value>(&page.body_text) {
            Ok(doc) => doc,
            Err(err) => {
                self.fail(Problem::new("not-json").with("detail", err));
                return;
            }
        };
        let items = match api::items(&doc, &config.items_path) {
            Ok(items) => items,
            Err(problem) => {
                self.fail(problem);
                return;
            }
        };
        self.preview.item_count = items.len();
        self.preview.next_url = match &config.pagination {
            None => None,
            Some(JsonPagination::PageParam { param, start }) => {
                Some(with_param(&first, param, start + 1).to_string())
            }
            Some(JsonPagination::NextLink { path }) => api::at_path(&doc, path)
                .and_then(Value::as_str)
                .and_then(|link| page.final_url.join(link.trim()).ok())
                .map(|u| u.to_string()),
        };
        for (i, item) in items.iter().take(DETAIL_PAGES).enumerate() {
            let mut paths: BTreeMap<&str, &str> = config
                .fields
                .iter()
                .map(|(name, path)| (name.as_str(), path.as_str()))
                .collect();
            if let Some(id_path) = &config.id_path {
                paths.insert("(id)", id_path);
            }
            let fields = paths
                .iter()
                .map(|(name, path)| {
                    let value = api::at_path(item, path).cloned().unwrap_or(Value::Null);
                    FieldPreview::plain(name, &value, "preview-empty-path", path)
                })
                .collect();
            self.preview.details.push(DetailPreview {
                position: i + 1,
                fields,
                ..DetailPreview::default()
            });
        }
    }

    async fn csv(&mut self, config: &CsvConfig, file: Option<Vec<u8>>) {
        let bytes = match (&config.url, file) {
            (Some(url), _) => match self.start("file", url).await {
                Some(page) => page.body,
                None => return,
            },
            (None, Some(bytes)) => {
                self.preview.start_kind = Some("file");
                bytes
            }
            (None, None) => {
                self.preview.start_kind = Some("file");
                self.fail(Problem::new("no-file"));
                return;
            }
        };
        let table = tabular::decode(&bytes, config.encoding.as_deref())
            .and_then(|text| tabular::parse(&text, config.separator));
        let table = match table {
            Ok(table) => table,
            Err(problem) => {
                self.fail(problem);
                return;
            }
        };
        let separator = match table.separator {
            b'\t' => "tab".to_owned(),
            other => (other as char).to_string(),
        };
        self.preview
            .facts
            .push(("preview-csv-separator", separator));
        self.preview
            .facts
            .push(("preview-csv-columns", table.headers.join(" · ")));
        let rows = match tabular::read_rows(&table, &config.columns, config.id_column.as_deref()) {
            Ok(rows) => rows,
            Err(problem) => {
                self.fail(problem);
                return;
            }
        };
        self.preview.item_count = rows.rows.len();
        for row in rows.rows.iter().take(DETAIL_PAGES) {
            let fields = config
                .columns
                .iter()
                .map(|(name, column)| {
                    let value = row.fields.get(name).cloned().unwrap_or(Value::Null);
                    FieldPreview::plain(name, &value, "preview-empty-cell", column)
                })
                .collect();
            self.preview.details.push(DetailPreview {
                position: row.line,
                fields,
                ..DetailPreview::default()
            });
        }
    }
}
