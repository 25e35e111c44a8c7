//! Checking and storing sources.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::config::{NextPage, SourceConfig};
use crate::crawler::extract::{self, RuleError};
use crate::entities::source;
use crate::error::{AppResult, FieldErrors};
use crate::web::forms::check_length;

/// Bounds partners may choose within (politeness is not negotiable below them).
pub const INTERVAL_HOURS: (i32, i32) = (1, 24 * 30);
pub const DELAY_MS: (i32, i32) = (500, 60_000);
pub const CONNECTIONS: (i32, i32) = (1, 4);
pub const MAX_PAGES: (i32, i32) = (1, 50_000);
pub const MAX_DEPTH: (i32, i32) = (1, 200);

/// A source as typed in the form (numbers as text, so that bad input is shown again).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceForm {
    #[serde(default)]
    pub name: String,
    /// The configuration in the import-file format (`docs/sources.md`).
    #[serde(default)]
    pub config: String,
    #[serde(default)]
    pub enabled: Option<String>,
    #[serde(default)]
    pub interval_hours: String,
    #[serde(default)]
    pub per_host_delay_ms: String,
    #[serde(default)]
    pub per_host_connections: String,
    #[serde(default)]
    pub max_pages: String,
    #[serde(default)]
    pub max_depth: String,
}

impl Default for SourceForm {
    fn default() -> Self {
        Self {
            name: String::new(),
            config: String::new(),
            enabled: Some("on".into()),
            interval_hours: "24".into(),
            per_host_delay_ms: "1000".into(),
            per_host_connections: "2".into(),
            max_pages: "5000".into(),
            max_depth: "50".into(),
        }
    }
}

impl SourceForm {
    pub fn from_model(model: &source::Model) -> Self {
        let pretty = serde_json::from_str::<serde_json::Value>(&model.config)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| model.config.clone());
        Self {
            name: model.name.clone(),
            config: pretty,
            enabled: model.enabled.then(|| "on".into()),
            interval_hours: model.interval_hours.to_string(),
            per_host_delay_ms: model.per_host_delay_ms.to_string(),
            per_host_connections: model.per_host_connections.to_string(),
            max_pages: model.max_pages.to_string(),
            max_depth: model.max_depth.to_string(),
        }
    }
}

/// A source that passed every check.
#[derive(Debug, Clone)]
pub struct ValidSource {
    pub name: String,
    pub config: SourceConfig,
    pub enabled: bool,
    pub interval_hours: i32,
    pub per_host_delay_ms: i32,
    pub per_host_connections: i32,
    pub max_pages: i32,
    pub max_depth: i32,
}

fn check_number(errors: &mut FieldErrors, field: &str, raw: &str, (min, max): (i32, i32)) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => n,
        Ok(_) => {
            errors.insert(field.into(), vec!["number-out-of-range".into()]);
            min
        }
        Err(_) => {
            errors.insert(field.into(), vec!["number-invalid".into()]);
            min
        }
    }
}

/// An http(s) URL with a host.
fn web_url(raw: &str) -> bool {
    url::Url::parse(raw)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .unwrap_or(false)
}

/// The URLs a configuration starts from.
pub fn start_urls(config: &SourceConfig) -> Vec<&str> {
    match config {
        SourceConfig::Html(c) => c.entry_urls.iter().map(String::as_str).collect(),
        SourceConfig::Jsonld(c) => c.entry_urls.iter().map(String::as_str).collect(),
        SourceConfig::Feed(c) => vec![c.url.as_str()],
        SourceConfig::Json(c) => vec![c.url.as_str()],
        SourceConfig::Sitemap(c) => vec![c.url.as_str()],
        SourceConfig::Csv(c) => c.url.as_deref().into_iter().collect(),
    }
}

pub fn kind_of(config: &SourceConfig) -> &'static str {
    match config {
        SourceConfig::Html(_) => "html",
        SourceConfig::Feed(_) => "feed",
        SourceConfig::Json(_) => "json",
        SourceConfig::Csv(_) => "csv",
        SourceConfig::Jsonld(_) => "jsonld",
        SourceConfig::Sitemap(_) => "sitemap",
    }
}

/// Parses and checks the configuration; the error is (message key, detail for people).
pub fn check_config(raw: &str) -> Result<SourceConfig, (String, String)> {
    let config: SourceConfig = serde_json::from_str(raw)
        .map_err(|e| ("source-config-invalid".to_owned(), e.to_string()))?;
    let urls = start_urls(&config);
    if urls.is_empty() && !matches!(config, SourceConfig::Csv(_)) {
        return Err(("source-config-no-url".into(), String::new()));
    }
    if let Some(bad) = urls.iter().find(|u| !web_url(u)) {
        return Err(("source-config-bad-url".into(), (*bad).to_owned()));
    }
    check_rules(&config).map_err(|problems| {
        let detail = problems
            .iter()
            .map(|p| format!("{} ({}): {}", p.field, p.what, p.message))
            .collect::<Vec<_>>()
            .join(" ; ");
        ("source-config-bad-rule".to_owned(), detail)
    })?;
    Ok(config)
}

/// Compiles every selector and regex once, so that a typo is refused with the parser's
/// own message instead of failing at crawl time.
fn check_rules(config: &SourceConfig) -> Result<(), Vec<RuleError>> {
    let mut problems = Vec::new();
    let mut fields = |rules: &super::config::FieldRules| {
        if let Err(found) = extract::compile(rules) {
            problems.extend(found);
        }
    };
    match config {
        SourceConfig::Html(c) => fields(&c.fields),
        SourceConfig::Sitemap(c) => fields(&c.fields),
        SourceConfig::Feed(c) => {
            if let Some(rules) = &c.detail_fields {
                fields(rules);
            }
        }
        _ => {}
    }
    let list = match config {
        SourceConfig::Html(c) => c.list.as_ref(),
        SourceConfig::Jsonld(c) => c.list.as_ref(),
        _ => None,
    };
    if let Some(list) = list {
        if let Err(problem) = extract::compile_selector("item_link", &list.item_link) {
            problems.push(problem);
        }
        if let Some(NextPage::Link(next)) = &list.next
            && let Err(problem) = extract::compile_selector("next", next)
        {
            problems.push(problem);
        }
    }
    if let SourceConfig::Sitemap(c) = config
        && let Some(pattern) = &c.url_pattern
        && let Err(e) = regex::Regex::new(pattern)
    {
        problems.push(RuleError {
            field: "url_pattern".into(),
            what: "regex",
            message: e.to_string(),
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Validates the whole form.
pub fn validate(form: &SourceForm) -> Result<ValidSource, (FieldErrors, Option<String>)> {
    let mut errors = FieldErrors::new();
    let name = check_length(&mut errors, "name", &form.name, 2, 150);
    let interval_hours = check_number(
        &mut errors,
        "interval_hours",
        &form.interval_hours,
        INTERVAL_HOURS,
    );
    let per_host_delay_ms = check_number(
        &mut errors,
        "per_host_delay_ms",
        &form.per_host_delay_ms,
        DELAY_MS,
    );
    let per_host_connections = check_number(
        &mut errors,
        "per_host_connections",
        &form.per_host_connections,
        CONNECTIONS,
    );
    let max_pages = check_number(&mut errors, "max_pages", &form.max_pages, MAX_PAGES);
    let max_depth = check_number(&mut errors, "max_depth", &form.max_depth, MAX_DEPTH);
    let mut detail = None;
    let config = match check_config(&form.config) {
        Ok(config) => Some(config),
        Err((key, why)) => {
            errors.insert("config".into(), vec![key]);
            detail = Some(why).filter(|w| !w.is_empty());
            None
        }
    };
    match config {
        Some(config) if errors.is_empty() => Ok(ValidSource {
            name,
            config,
            enabled: form.enabled.is_some(),
            interval_hours,
            per_host_delay_ms,
            per_host_connections,
            max_pages,
            max_depth,
        }),
        _ => Err((errors, detail)),
    }
}

pub async fn list<C: ConnectionTrait>(conn: &C, partner_id: i64) -> AppResult<Vec<source::Model>> {
    Ok(source::Entity::find()
        .filter(source::Column::PartnerId.eq(partner_id))
        .order_by_asc(source::Column::Name)
        .all(conn)
        .await?)
}

/// The partner's source `id`, or `None` (another partner's sources do not exist here).
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
    id: i64,
) -> AppResult<Option<source::Model>> {
    Ok(source::Entity::find_by_id(id)
        .filter(source::Column::PartnerId.eq(partner_id))
        .one(conn)
        .await?)
}

/// Stores a new source (first crawl due now) or updates `existing`. A taken name is
/// `Err(())`.
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
    existing: Option<&source::Model>,
    valid: ValidSource,
    by: i64,
) -> AppResult<Result<source::Model, ()>> {
    let now = Utc::now();
    let config = serde_json::to_string(&valid.config)
        .map_err(|e| crate::error::AppError::Internal(e.into()))?;
    let mut row = match existing {
        Some(model) => {
            let mut row: source::ActiveModel = model.clone().into();
            row.updated_at = Set(now);
            row
        }
        None => source::ActiveModel {
            partner_id: Set(partner_id),
            next_run_at: Set(Some(now)),
            running_run_id: Set(None),
            warning: Set(None),
            created_by: Set(Some(by)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.name = Set(valid.name);
    row.kind = Set(kind_of(&valid.config).into());
    row.config = Set(config);
    row.enabled = Set(valid.enabled);
    row.interval_hours = Set(valid.interval_hours);
    row.per_host_delay_ms = Set(valid.per_host_delay_ms);
    row.per_host_connections = Set(valid.per_host_connections);
    row.max_pages = Set(valid.max_pages);
    row.max_depth = Set(valid.max_depth);
    let saved = if existing.is_some() {
        row.update(conn).await
    } else {
        row.insert(conn).await
    };
    match saved {
        Ok(model) => Ok(Ok(model)),
        Err(err) if crate::accounts::users::is_unique_violation(&err) => Ok(Err(())),
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configurations_are_checked_with_reasons() {
        let (key, detail) = check_config(r#"{"kind": "html", "entry_urls": []"#).unwrap_err();
        assert_eq!(key, "source-config-invalid");
        assert!(!detail.is_empty());
        let (key, _) =
            check_config(r#"{"kind": "html", "entry_urls": [], "fields": {}}"#).unwrap_err();
        assert_eq!(key, "source-config-no-url");
        let (key, detail) =
            check_config(r#"{"kind": "feed", "url": "file:///etc/passwd"}"#).unwrap_err();
        assert_eq!(
            (key.as_str(), detail.as_str()),
            ("source-config-bad-url", "file:///etc/passwd")
        );
        let ok =
            check_config(r#"{"kind": "feed", "url": "https://asso.example.org/feed"}"#).unwrap();
        assert_eq!(kind_of(&ok), "feed");
    }

    #[test]
    fn politeness_stays_within_bounds() {
        let form = SourceForm {
            name: "Site".into(),
            config: r#"{"kind": "feed", "url": "https://asso.example.org/feed"}"#.into(),
            per_host_delay_ms: "0".into(),
            per_host_connections: "abc".into(),
            ..Default::default()
        };
        let (errors, _) = validate(&form).unwrap_err();
        assert_eq!(errors["per_host_delay_ms"], ["number-out-of-range"]);
        assert_eq!(errors["per_host_connections"], ["number-invalid"]);
    }
}
