//! Sources in files: `carrefour sources import --partner SLUG FILE` and `carrefour
//! sources export` (format in `docs/sources.md`).
//!
//! Import checks every entry first (the form's checks: configuration, bounds, names) and
//! writes nothing unless all pass; then, in one transaction, an entry updates the
//! partner's source of the same name or creates one. A `csv` source without URL names
//! its file in `upload`, relative to the import file. Export writes the same format; the
//! uploaded files go beside it (`<file stem>-files/`) so that export → import round-trips.
use crate::consolidation::field_mapping::FieldMapping;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::config::SourceConfig;
use super::service::{self, ValidSource};
use super::uploads;
use crate::entities::{partner, source};
use crate::web::Lang;

/// The file: `{"sources": [...]}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    pub sources: Vec<SourceEntry>,
}

fn yes() -> bool {
    true
}

/// One source: name, settings (defaults as in the form) and configuration.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// On export, the partner the source belongs to; on import, when present, it must
    /// be the `--partner` given (a guard against importing into the wrong partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "defaults::interval")]
    pub interval_hours: i32,
    #[serde(default = "defaults::delay")]
    pub per_host_delay_ms: i32,
    #[serde(default = "defaults::connections")]
    pub per_host_connections: i32,
    #[serde(default = "defaults::max_pages")]
    pub max_pages: i32,
    #[serde(default = "defaults::max_depth")]
    pub max_depth: i32,
    /// A `csv` source's file, relative to the sources file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload: Option<String>,
    pub config: SourceConfig,
    /// How the source's fields map onto the project schema; absent on import: the
    /// source keeps the mapping it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<FieldMapping>,
}

mod defaults {
    pub fn interval() -> i32 {
        24
    }
    pub fn delay() -> i32 {
        1000
    }
    pub fn connections() -> i32 {
        2
    }
    pub fn max_pages() -> i32 {
        5000
    }
    pub fn max_depth() -> i32 {
        50
    }
}

/// What an import did.
#[derive(Debug, Default, PartialEq)]
pub struct ImportReport {
    pub created: Vec<String>,
    pub updated: Vec<String>,
}

/// Checks one entry; the error lists every problem.
fn check_entry(entry: &SourceEntry, partner_slug: &str) -> Result<ValidSource, Vec<String>> {
    let mut problems = Vec::new();
    let name = entry.name.trim();
    if !(2..=150).contains(&name.chars().count()) {
        problems.push("the name must have 2 to 150 characters".to_owned());
    }
    if let Some(other) = &entry.partner
        && other != partner_slug
    {
        problems.push(format!(
            "it belongs to partner “{other}”, not “{partner_slug}”"
        ));
    }
    for (what, value, (min, max)) in [
        (
            "interval_hours",
            entry.interval_hours,
            service::INTERVAL_HOURS,
        ),
        (
            "per_host_delay_ms",
            entry.per_host_delay_ms,
            service::DELAY_MS,
        ),
        (
            "per_host_connections",
            entry.per_host_connections,
            service::CONNECTIONS,
        ),
        ("max_pages", entry.max_pages, service::MAX_PAGES),
        ("max_depth", entry.max_depth, service::MAX_DEPTH),
    ] {
        if !(min..=max).contains(&value) {
            problems.push(format!("{what} must be between {min} and {max}"));
        }
    }
    let config = match service::check_parsed(entry.config.clone()) {
        Ok(config) => Some(config),
        Err((key, detail)) => {
            let reason = Lang::En.t(&key);
            problems.push(if detail.is_empty() {
                reason
            } else {
                format!("{reason} {detail}")
            });
            None
        }
    };
    if let Some(SourceConfig::Csv(csv)) = &config
        && csv.url.is_none()
        && entry.upload.is_none()
    {
        problems.push("a csv source needs a \"url\" in its config or an \"upload\" file".into());
    }
    match config {
        Some(config) if problems.is_empty() => Ok(ValidSource {
            name: name.to_owned(),
            config,
            enabled: entry.enabled,
            interval_hours: entry.interval_hours,
            per_host_delay_ms: entry.per_host_delay_ms,
            per_host_connections: entry.per_host_connections,
            max_pages: entry.max_pages,
            max_depth: entry.max_depth,
        }),
        _ => Err(problems),
    }
}

/// Reads a sources file.
pub fn read_file(path: &Path) -> anyhow::Result<SourcesFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a sources file", path.display()))
}

/// Imports `file` (read from `path`, for relative `upload` paths) into the partner
/// `partner_slug`. Nothing is written unless every entry is valid.
pub async fn import(
    db: &DatabaseConnection,
    partner_slug: &str,
    file: SourcesFile,
    path: &Path,
) -> anyhow::Result<ImportReport> {
    let partner = partner::Entity::find()
        .filter(partner::Column::Slug.eq(partner_slug))
        .one(db)
        .await?
        .with_context(|| format!("no partner “{partner_slug}”"))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (i, entry) in file.sources.iter().enumerate() {
        let label = format!("source {} (“{}”)", i + 1, entry.name);
        if !names.insert(entry.name.trim().to_owned()) {
            problems.push(format!("{label}: the name is used twice in the file"));
            continue;
        }
        let upload = match &entry.upload {
            Some(relative) => {
                let file_path = base.join(relative);
                match std::fs::read(&file_path) {
                    Ok(bytes) if bytes.len() > uploads::MAX_UPLOAD_BYTES => {
                        problems.push(format!(
                            "{label}: {} is larger than {} bytes",
                            file_path.display(),
                            uploads::MAX_UPLOAD_BYTES
                        ));
                        continue;
                    }
                    Ok(bytes) => Some((file_name(&file_path), bytes)),
                    Err(err) => {
                        problems.push(format!(
                            "{label}: cannot read {}: {err}",
                            file_path.display()
                        ));
                        continue;
                    }
                }
            }
            None => None,
        };
        if let Some(mapping) = &entry.mapping {
            for problem in mapping.problems() {
                problems.push(format!(
                    "{label}: mapping rule {} ({}): {}",
                    problem.index + 1,
                    mapping.rules[problem.index].to,
                    crate::web::Lang::En.t(problem.key)
                ));
            }
        }
        match check_entry(entry, partner_slug) {
            Ok(valid) => checked.push((valid, upload, entry.mapping.clone())),
            Err(found) => problems.extend(found.into_iter().map(|p| format!("{label}: {p}"))),
        }
    }
    if !problems.is_empty() {
        bail!("nothing was imported:\n  {}", problems.join("\n  "));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut report = ImportReport::default();
    for (valid, upload, mapping) in checked {
        let existing = source::Entity::find()
            .filter(source::Column::PartnerId.eq(partner.id))
            .filter(source::Column::Name.eq(valid.name.as_str()))
            .one(&txn)
            .await?;
        let name = valid.name.clone();
        let saved = service::save(&txn, partner.id, existing.as_ref(), valid, None)
            .await?
            .map_err(|()| anyhow::anyhow!("the name “{name}” is taken"))?;
        if let Some((file_name, bytes)) = upload {
            uploads::attach(&txn, &saved, &file_name, bytes).await?;
        }
        if let Some(mapping) = mapping {
            set_mapping(&txn, &saved, &mapping).await?;
        }
        if existing.is_some() {
            report.updated.push(name);
        } else {
            report.created.push(name);
        }
    }
    txn.commit().await?;
    Ok(report)
}

/// Gives a source its field mapping; a changed mapping has its records consolidated again.
pub async fn set_mapping<C: sea_orm::ConnectionTrait>(
    conn: &C,
    src: &source::Model,
    mapping: &FieldMapping,
) -> anyhow::Result<()> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let stored = mapping.to_stored();
    if stored == src.field_mapping {
        return Ok(());
    }
    let mut row: source::ActiveModel = src.clone().into();
    row.field_mapping = Set(stored);
    row.updated_at = Set(chrono::Utc::now());
    row.update(conn).await?;
    crate::entities::raw_record::Entity::update_many()
        .col_expr(
            crate::entities::raw_record::Column::ConsolidatedHash,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(crate::entities::raw_record::Column::SourceId.eq(src.id))
        .exec(conn)
        .await?;
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload.csv".into())
}

/// The sources of one partner (or of all), as a sources file, with their uploaded files
/// (relative path → bytes).
pub async fn export(
    db: &DatabaseConnection,
    partner_slug: Option<&str>,
    files_dir: &str,
) -> anyhow::Result<(SourcesFile, Vec<(PathBuf, Vec<u8>)>)> {
    let partners: Vec<partner::Model> = match partner_slug {
        Some(slug) => vec![
            partner::Entity::find()
                .filter(partner::Column::Slug.eq(slug))
                .one(db)
                .await?
                .with_context(|| format!("no partner “{slug}”"))?,
        ],
        None => {
            partner::Entity::find()
                .order_by_asc(partner::Column::Slug)
                .all(db)
                .await?
        }
    };
    let mut entries = Vec::new();
    let mut files = Vec::new();
    for partner in partners {
        for src in service::list(db, partner.id).await? {
            let config: SourceConfig = serde_json::from_str(&src.config)
                .with_context(|| format!("source {} has an unreadable configuration", src.id))?;
            let upload = match uploads::load(db, &src).await? {
                Some(bytes) => {
                    let name = src
                        .upload_name
                        .clone()
                        .unwrap_or_else(|| "upload.csv".into());
                    let relative = PathBuf::from(files_dir).join(format!("{}-{}", src.id, name));
                    files.push((relative.clone(), bytes));
                    Some(relative.to_string_lossy().into_owned())
                }
                None => None,
            };
            entries.push(SourceEntry {
                partner: Some(partner.slug.clone()),
                name: src.name,
                enabled: src.enabled,
                interval_hours: src.interval_hours,
                per_host_delay_ms: src.per_host_delay_ms,
                per_host_connections: src.per_host_connections,
                max_pages: src.max_pages,
                max_depth: src.max_depth,
                upload,
                config,
                mapping: FieldMapping::parse(src.field_mapping.as_deref())
                    .ok()
                    .filter(|m| !m.rules.is_empty()),
            });
        }
    }
    Ok((SourcesFile { sources: entries }, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_checked_like_the_form() {
        let entry: SourceEntry = serde_json::from_str(
            r#"{"name": "Site", "per_host_delay_ms": 10, "partner": "autre",
                "config": {"kind": "html", "entry_urls": ["ftp://x"], "fields": {}}}"#,
        )
        .unwrap();
        let problems = check_entry(&entry, "moi").unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("per_host_delay_ms must be between 500"))
        );
        assert!(problems.iter().any(|p| p.contains("ftp://x")));
        assert!(problems.iter().any(|p| p.contains("“autre”")));

        let csv: SourceEntry = serde_json::from_str(
            r#"{"name": "Fichier", "config": {"kind": "csv", "columns": {"title": "Nom"}}}"#,
        )
        .unwrap();
        assert!(check_entry(&csv, "moi").unwrap_err()[0].contains("upload"));
        assert!(serde_json::from_str::<SourceEntry>(r#"{"name": "x", "confg": {}}"#).is_err());
    }
}
