//! `/p/{partner}/sources/{id}/correspondances`: which of the source's fields feed which
//! project field, with small transforms, previewed on the source's real records before
//! saving. Saving has every record of the source consolidated again.
use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::Value;
use tower_sessions::Session;

use super::config::STANDARD_FIELDS;
use super::routes::load;
use crate::consolidation::field_mapping::{FieldMapping, Rule, Transform};
use crate::consolidation::mapping::map_fields;
use crate::entities::{raw_record, source};
use crate::error::AppResult;
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

/// Records read to list the source's fields and sample values.
const SAMPLE_RECORDS: u64 = 200;
/// Records shown in the preview.
const PREVIEW_RECORDS: usize = 5;
/// Blank rows offered under the rules.
const BLANK_ROWS: usize = 3;

/// One row of the form, as typed.
#[derive(Debug, Clone, Default, Serialize)]
struct RuleRow {
    to: String,
    from: String,
    transform: String,
    separator: String,
    strip_label: String,
    default: String,
    /// Message key of what is wrong with the row.
    error: Option<&'static str>,
}

impl RuleRow {
    fn of(rule: &Rule) -> Self {
        Self {
            to: rule.to.clone(),
            from: rule.from.clone().unwrap_or_default(),
            transform: rule.transform.as_str().to_owned(),
            separator: rule.separator.clone().unwrap_or_default(),
            strip_label: rule.strip_label.clone().unwrap_or_default(),
            default: rule.default.clone().unwrap_or_default(),
            error: None,
        }
    }

    fn is_blank(&self) -> bool {
        [&self.to, &self.from, &self.default]
            .iter()
            .all(|v| v.trim().is_empty())
    }

    fn rule(&self) -> Result<Rule, &'static str> {
        let transform = Transform::ALL
            .into_iter()
            .find(|t| t.as_str() == self.transform)
            .unwrap_or_default();
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        if !self.transform.is_empty()
            && !Transform::ALL.iter().any(|t| t.as_str() == self.transform)
        {
            return Err("mapping-error-transform");
        }
        Ok(Rule {
            to: self.to.trim().to_owned(),
            from: text(&self.from),
            transform,
            // A separator may be a space: only an empty one is absent.
            separator: Some(self.separator.clone()).filter(|s| !s.is_empty()),
            strip_label: text(&self.strip_label),
            default: text(&self.default),
        })
    }
}

/// A field of the source's records: how many have it, and a sample value.
#[derive(Debug, Clone, Serialize)]
struct ObservedField {
    name: String,
    count: usize,
    sample: String,
    /// The schema field it maps to by name, if any.
    standard: bool,
}

/// One record as the mapping would make it a project.
#[derive(Debug, Clone, Serialize)]
struct PreviewRecord {
    url: Option<String>,
    /// Schema field → value as text.
    values: Vec<(String, String)>,
}

#[derive(Serialize)]
struct MappingView {
    space: SpaceHeader,
    source_id: i64,
    source_name: String,
    can_manage: bool,
    observed: Vec<ObservedField>,
    records_read: usize,
    rows: Vec<RuleRow>,
    targets: &'static [&'static str],
    transforms: Vec<&'static str>,
    preview: Option<Vec<PreviewRecord>>,
    has_errors: bool,
}

/// A record's address and fields.
type Sampled = (Option<String>, BTreeMap<String, Value>);

/// The source's latest live records (at most `SAMPLE_RECORDS`), newest first.
async fn sample(state: &AppState, source_id: i64) -> AppResult<Vec<Sampled>> {
    let records = raw_record::Entity::find()
        .filter(raw_record::Column::SourceId.eq(source_id))
        .filter(raw_record::Column::GoneAt.is_null())
        .order_by_desc(raw_record::Column::LastSeenAt)
        .order_by_asc(raw_record::Column::Id)
        .limit(SAMPLE_RECORDS)
        .all(&state.db)
        .await?;
    Ok(records
        .iter()
        .map(|r| {
            (
                r.url.clone(),
                serde_json::from_str(&r.fields).unwrap_or_default(),
            )
        })
        .collect())
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(" | "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn observed(records: &[Sampled]) -> Vec<ObservedField> {
    let mut by_name: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    for (_, record) in records {
        for (name, value) in record {
            let text = value_text(value);
            let entry = by_name.entry(name).or_default();
            if !text.is_empty() {
                entry.0 += 1;
                if entry.1.is_empty() {
                    entry.1 = text.chars().take(80).collect();
                }
            }
        }
    }
    by_name
        .into_iter()
        .map(|(name, (count, sample))| ObservedField {
            standard: STANDARD_FIELDS.contains(&name),
            name: name.to_owned(),
            count,
            sample,
        })
        .collect()
}

fn preview(mapping: &FieldMapping, records: &[Sampled]) -> Vec<PreviewRecord> {
    records
        .iter()
        .take(PREVIEW_RECORDS)
        .map(|(url, fields)| {
            let renamed = mapping.apply(fields);
            let mapped = map_fields(&renamed);
            let mut values: Vec<(String, String)> = renamed
                .iter()
                .filter(|(_, v)| !value_text(v).is_empty())
                .map(|(k, v)| (k.clone(), value_text(v)))
                .collect();
            if mapped.title.is_none() {
                values.insert(0, ("title".into(), String::new()));
            }
            PreviewRecord {
                url: url.clone(),
                values,
            }
        })
        .collect()
}

fn view(
    acting: &ActingPartner,
    found: &source::Model,
    records: &[Sampled],
    mut rows: Vec<RuleRow>,
    preview: Option<Vec<PreviewRecord>>,
) -> MappingView {
    let has_errors = rows.iter().any(|r| r.error.is_some());
    rows.extend(std::iter::repeat_n(RuleRow::default(), BLANK_ROWS));
    MappingView {
        space: SpaceHeader::of(acting),
        source_id: found.id,
        source_name: found.name.clone(),
        can_manage: acting.can(Action::ManageSources),
        observed: observed(records),
        records_read: records.len(),
        rows,
        targets: STANDARD_FIELDS,
        transforms: Transform::ALL.iter().map(|t| t.as_str()).collect(),
        preview,
        has_errors,
    }
}

/// `GET /p/{partner}/sources/{id}/correspondances`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    acting.require(Action::ViewSources)?;
    let found = load(&state, &acting, id).await?;
    let mapping = FieldMapping::parse(found.field_mapping.as_deref()).unwrap_or_default();
    let records = sample(&state, found.id).await?;
    let rows = mapping.rules.iter().map(RuleRow::of).collect();
    page.render(
        "sources/mapping.html",
        &view(&acting, &found, &records, rows, None),
    )
}

/// Parallel arrays `rule_{column}` read as rows (missing cells are empty).
fn rows_of(pairs: &[(String, String)]) -> Vec<RuleRow> {
    let column = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == &format!("rule_{name}"))
            .map(|(_, v)| v.clone())
            .collect()
    };
    let columns = [
        column("to"),
        column("from"),
        column("transform"),
        column("separator"),
        column("strip_label"),
        column("default"),
    ];
    let count = columns.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |c: usize, i: usize| columns[c].get(i).cloned().unwrap_or_default();
    (0..count)
        .map(|i| RuleRow {
            to: cell(0, i),
            from: cell(1, i),
            transform: cell(2, i),
            separator: cell(3, i),
            strip_label: cell(4, i),
            default: cell(5, i),
            error: None,
        })
        .filter(|row| !row.is_blank())
        .collect()
}

/// The rules of the rows, or the rows with their problems marked.
fn checked(mut rows: Vec<RuleRow>) -> Result<FieldMapping, Vec<RuleRow>> {
    let mut rules = Vec::new();
    for row in &mut rows {
        match row.rule() {
            Ok(rule) => rules.push(rule),
            Err(key) => row.error = Some(key),
        }
    }
    let mapping = FieldMapping { rules };
    if rows.iter().any(|r| r.error.is_some()) {
        return Err(rows);
    }
    let problems = mapping.problems();
    if problems.is_empty() {
        return Ok(mapping);
    }
    for problem in problems {
        rows[problem.index].error = Some(problem.key);
    }
    Err(rows)
}

/// `POST /p/{partner}/sources/{id}/correspondances`: preview or save.
pub async fn save(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let found = load(&state, &acting, id).await?;
    let records = sample(&state, found.id).await?;
    let rows = rows_of(&pairs);
    let action = pairs
        .iter()
        .find(|(k, _)| k == "action")
        .map(|(_, v)| v.as_str())
        .unwrap_or("save");
    let mapping = match checked(rows.clone()) {
        Ok(mapping) => mapping,
        Err(marked) => {
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "sources/mapping.html",
                &view(&acting, &found, &records, marked, None),
            );
        }
    };
    if action == "preview" {
        let shown = preview(&mapping, &records);
        return page.render(
            "sources/mapping.html",
            &view(&acting, &found, &records, rows, Some(shown)),
        );
    }
    let txn = crate::db::begin_write(&state.db).await?;
    super::transfer::set_mapping(&txn, &found, &mapping).await?;
    txn.commit().await?;
    let job = crate::consolidation::service::ConsolidateSource {
        source_id: found.id,
    };
    crate::worker::queue::enqueue(&state, &job).await?;
    flash(&session, "success", "mapping-saved").await?;
    Ok(Redirect::to(&format!(
        "/p/{}/sources/{}/correspondances",
        acting.partner.slug, found.id
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn rows_become_rules_and_bad_rows_are_marked() {
        let posted = pairs(&[
            ("rule_to", "title"),
            ("rule_from", "nom"),
            ("rule_transform", "as_is"),
            ("rule_separator", ""),
            ("rule_strip_label", ""),
            ("rule_default", ""),
            ("rule_to", ""),
            ("rule_from", ""),
            ("rule_transform", "as_is"),
            ("rule_separator", ""),
            ("rule_strip_label", ""),
            ("rule_default", ""),
            ("rule_to", "themes"),
            ("rule_from", "cat"),
            ("rule_transform", "split"),
            ("rule_separator", " ; "),
            ("rule_strip_label", ""),
            ("rule_default", ""),
        ]);
        let rows = rows_of(&posted);
        assert_eq!(rows.len(), 2, "the blank row is skipped");
        let mapping = checked(rows).unwrap();
        assert_eq!(mapping.rules[1].separator.as_deref(), Some(" ; "));
        let bad = rows_of(&pairs(&[("rule_to", "partout"), ("rule_from", "x")]));
        let marked = checked(bad).unwrap_err();
        assert_eq!(marked[0].error, Some("mapping-error-target"));
    }
}
