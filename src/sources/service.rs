//! Checking and storing sources.
use super::config::{NextPage, SourceConfig};
use super::form::Problems;
pub use super::form::SourceForm;
use crate::crawler::extract::{self, RuleError};
use crate::entities::source;
use crate::error::{AppResult, FieldErrors};
use crate::web::forms::{check_length, http_url};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// Bounds partners may choose within (politeness is not negotiable below them).
pub const INTERVAL_HOURS: (i32, i32) = (1, 24 * 30);
pub const DELAY_MS: (i32, i32) = (500, 60_000);
pub const CONNECTIONS: (i32, i32) = (1, 4);
pub const MAX_PAGES: (i32, i32) = (1, 50_000);
pub const MAX_DEPTH: (i32, i32) = (1, 200);

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
    check_parsed(config)
}

/// The checks of `check_config` on a configuration already parsed.
pub fn check_parsed(config: SourceConfig) -> Result<SourceConfig, (String, String)> {
    let urls = start_urls(&config);
    if urls.is_empty() && !matches!(config, SourceConfig::Csv(_)) {
        return Err(("source-config-no-url".into(), String::new()));
    }
    if let Some(bad) = urls.iter().find(|u| http_url(u).is_none()) {
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

/// Where the file of a `csv` source without URL would come from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Upload {
    /// The source already keeps an uploaded file.
    pub stored: bool,
    /// A file comes with this submission.
    pub posted: bool,
}

/// Validates the whole form: the configuration is the JSON box in `json` mode, else the
/// fieldset of the chosen kind, with each problem attached to its input.
pub fn validate(form: &SourceForm, upload: Upload) -> Result<ValidSource, Problems> {
    let mut problems = Problems::default();
    let errors = &mut problems.errors;
    let name = check_length(errors, "name", &form.name, 2, 150);
    let interval_hours = check_number(
        errors,
        "interval_hours",
        &form.interval_hours,
        INTERVAL_HOURS,
    );
    let per_host_delay_ms = check_number(
        errors,
        "per_host_delay_ms",
        &form.per_host_delay_ms,
        DELAY_MS,
    );
    let per_host_connections = check_number(
        errors,
        "per_host_connections",
        &form.per_host_connections,
        CONNECTIONS,
    );
    let max_pages = check_number(errors, "max_pages", &form.max_pages, MAX_PAGES);
    let max_depth = check_number(errors, "max_depth", &form.max_depth, MAX_DEPTH);
    let json_mode = form.mode == "json";
    // Where a problem of the whole configuration is shown.
    let config_key = if json_mode { "config" } else { "kind" };
    let checked = if json_mode {
        check_config(&form.config)
    } else {
        match form.build() {
            Ok(config) => check_parsed(config),
            Err(found) => {
                problems.merge(found);
                Err((String::new(), String::new()))
            }
        }
    };
    let config = match checked {
        Ok(config) => Some(config),
        Err((key, why)) => {
            if !key.is_empty() {
                problems.error(config_key, &key);
            }
            if !why.is_empty() {
                problems.detail(config_key, &why);
            }
            None
        }
    };
    if let Some(SourceConfig::Csv(csv)) = &config {
        let url_key = if json_mode { "config" } else { "csv_url" };
        match &csv.url {
            None if !upload.stored && !upload.posted => {
                problems.error(url_key, "source-csv-no-file");
            }
            Some(_) if upload.posted => problems.error(url_key, "source-csv-url-and-file"),
            _ => {}
        }
    }
    match config {
        Some(config) if problems.errors.is_empty() => Ok(ValidSource {
            name,
            config,
            enabled: form.enabled.is_some(),
            interval_hours,
            per_host_delay_ms,
            per_host_connections,
            max_pages,
            max_depth,
        }),
        _ => Err(problems),
    }
}

/// The sources that may be crawled: enabled, of an active partner.
pub async fn crawlable<C: ConnectionTrait>(conn: &C) -> AppResult<sea_orm::Select<source::Entity>> {
    use crate::entities::partner;
    let active: Vec<i64> = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    Ok(source::Entity::find()
        .filter(source::Column::Enabled.eq(true))
        .filter(source::Column::PartnerId.is_in(active)))
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

/// Stores a new source (first crawl due now) or updates `existing` (`by`: who, none for
/// the command line). A taken name is `Err(())`.
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    partner_id: i64,
    existing: Option<&source::Model>,
    valid: ValidSource,
    by: Option<i64>,
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
            created_by: Set(by),
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
            mode: "json".into(),
            config: r#"{"kind": "feed", "url": "https://asso.example.org/feed"}"#.into(),
            per_host_delay_ms: "0".into(),
            per_host_connections: "abc".into(),
            ..Default::default()
        };
        let errors = validate(&form, Upload::default()).unwrap_err().errors;
        assert_eq!(errors["per_host_delay_ms"], ["number-out-of-range"]);
        assert_eq!(errors["per_host_connections"], ["number-invalid"]);
    }

    #[test]
    fn a_csv_source_needs_a_url_or_a_file() {
        let form = SourceForm {
            name: "Tableur".into(),
            mode: "json".into(),
            config: r#"{"kind": "csv", "columns": {"title": "Nom"}}"#.into(),
            ..Default::default()
        };
        let errors = validate(&form, Upload::default()).unwrap_err().errors;
        assert_eq!(errors["config"], ["source-csv-no-file"]);
        let stored = Upload {
            stored: true,
            posted: false,
        };
        assert!(validate(&form, stored).is_ok());
    }
}
