//! "Test a source before saving": reads the first list page and the first detail pages
//! of a configuration, nothing stored, and says for each field what was read or why
//! nothing was.
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use url::Url;

use super::config::{HtmlConfig, NextPage, SourceConfig};
use super::service::{ValidSource, kind_of};
use crate::crawler::extract::{self, EmptyReason, Extraction};
use crate::crawler::fetch::{Conditional, FetchOutcome, Fetcher, SourcePoliteness};

/// Detail pages read by a preview.
pub const DETAIL_PAGES: usize = 3;

/// What a preview found.
#[derive(Debug, Default, Serialize)]
pub struct Preview {
    /// Set when the kind cannot be previewed yet (`feed`, `json`…).
    pub unsupported_kind: Option<String>,
    /// The list page read (when the configuration has list rules).
    pub list_url: Option<String>,
    /// Why the list page could not be read.
    pub list_error: Option<String>,
    pub has_list: bool,
    pub item_links: Vec<String>,
    /// The next list page, as the crawl would compute it.
    pub next_url: Option<String>,
    pub details: Vec<DetailPreview>,
}

#[derive(Debug, Serialize)]
pub struct DetailPreview {
    pub url: String,
    /// Why the page could not be read.
    pub error: Option<String>,
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
        Value::String(s) => Some(s.clone()),
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
            let (attr, text) = (attr.unwrap_or_default(), text.unwrap_or_default());
            FieldPreview {
                name,
                value,
                matched: diagnostic.matched,
                reason_key,
                attr,
                text,
                sample: diagnostic.sample,
            }
        })
        .collect()
}

/// `url` with `param=n` (replacing any previous value), as the crawl builds list pages.
fn with_param(url: &Url, param: &str, n: u32) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != param)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = url.clone();
    out.set_query(None);
    {
        let mut query = out.query_pairs_mut();
        for (k, v) in &pairs {
            query.append_pair(k, v);
        }
        query.append_pair(param, &n.to_string());
    }
    out
}

async fn fetch(
    fetcher: &Fetcher,
    url: &Url,
    politeness: &SourcePoliteness,
) -> Result<(Url, String), String> {
    match fetcher
        .fetch_with(url, &Conditional::default(), politeness)
        .await
    {
        Ok(FetchOutcome::Fetched(page)) => Ok((page.final_url, page.body_text)),
        Ok(FetchOutcome::NotModified { .. }) => {
            Err("the server answered 304 (Not Modified) to a plain request".into())
        }
        Err(err) => Err(err.to_string()),
    }
}

/// Reads a list page: item links and the links of the `next` selector (synchronous:
/// the parsed document is not `Send`).
fn read_list(
    body: &str,
    page: &Url,
    item: &extract::CompiledSelector,
    next: Option<&extract::CompiledSelector>,
) -> (Vec<Url>, Vec<Url>) {
    let doc = scraper::Html::parse_document(body);
    let items = extract::links(&doc, page, item);
    let next = next
        .map(|n| extract::links(&doc, page, n))
        .unwrap_or_default();
    (items, next)
}

fn read_detail(body: &str, page: &Url, rules: &extract::CompiledRules) -> Extraction {
    let doc = scraper::Html::parse_document(body);
    extract::extract_fields(&doc, page, rules)
}

/// Previews a configuration that passed validation.
pub async fn run(fetcher: &Fetcher, valid: &ValidSource) -> Preview {
    match &valid.config {
        SourceConfig::Html(config) => html(fetcher, valid, config).await,
        other => Preview {
            unsupported_kind: Some(kind_of(other).to_owned()),
            ..Preview::default()
        },
    }
}

async fn html(fetcher: &Fetcher, valid: &ValidSource, config: &HtmlConfig) -> Preview {
    let mut preview = Preview::default();
    let politeness = SourcePoliteness {
        per_host_delay: Some(Duration::from_millis(
            u64::try_from(valid.per_host_delay_ms).unwrap_or(0),
        )),
        per_host_connections: usize::try_from(valid.per_host_connections).ok(),
    };
    // Validation compiled these already; a failure here is shown as a list error.
    let rules = match extract::compile(&config.fields) {
        Ok(rules) => rules,
        Err(problems) => {
            preview.list_error = Some(
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ; "),
            );
            return preview;
        }
    };
    let entries: Vec<Url> = config
        .entry_urls
        .iter()
        .filter_map(|u| Url::parse(u).ok())
        .collect();
    let details: Vec<Url> = match (&config.list, entries.first()) {
        (Some(list), Some(entry)) => {
            preview.has_list = true;
            let item = extract::compile_selector("item_link", &list.item_link);
            let next_sel = match &list.next {
                Some(NextPage::Link(selector)) => Some(extract::compile_selector("next", selector)),
                _ => None,
            };
            let (item, next_sel) = match (item, next_sel.transpose()) {
                (Ok(item), Ok(next)) => (item, next),
                (Err(e), _) | (_, Err(e)) => {
                    preview.list_error = Some(e.to_string());
                    return preview;
                }
            };
            let first = match &list.next {
                Some(NextPage::QueryParam { param, start }) => with_param(entry, param, *start),
                _ => entry.clone(),
            };
            preview.list_url = Some(first.to_string());
            match fetch(fetcher, &first, &politeness).await {
                Err(message) => {
                    preview.list_error = Some(message);
                    Vec::new()
                }
                Ok((final_url, body)) => {
                    let (items, next_links) =
                        read_list(&body, &final_url, &item, next_sel.as_ref());
                    let next = match &list.next {
                        None => None,
                        Some(NextPage::Link(_)) => next_links
                            .into_iter()
                            .find(|l| *l != final_url && *l != first),
                        Some(NextPage::QueryParam { param, start }) => {
                            Some(with_param(entry, param, start + 1))
                        }
                        Some(NextPage::PathPattern { pattern, start }) => {
                            entry.join(&pattern.replace("{n}", &start.to_string())).ok()
                        }
                    };
                    preview.next_url = next.map(|u| u.to_string());
                    preview.item_links = items.iter().map(Url::to_string).collect();
                    items
                }
            }
        }
        // Without list rules, the entry URLs are the detail pages.
        _ => entries,
    };
    for url in details.into_iter().take(DETAIL_PAGES) {
        let detail = match fetch(fetcher, &url, &politeness).await {
            Ok((final_url, body)) => DetailPreview {
                url: final_url.to_string(),
                error: None,
                fields: fields_of(read_detail(&body, &final_url, &rules)),
            },
            Err(message) => DetailPreview {
                url: url.to_string(),
                error: Some(message),
                fields: Vec::new(),
            },
        };
        preview.details.push(detail);
    }
    preview
}
