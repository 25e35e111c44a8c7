//! "The site may have changed": after each run, the item count and every field's fill
//! rate are compared with the best of the previous usable runs (the last
//! `BASELINE_RUNS`); a sharp drop puts a warning on the source and mails the partner's
//! editors and admins once (a redesign must not break extraction silently). The warning
//! stays while the drop lasts and goes when the figures are back.
use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

use crate::entities::{crawl_run, membership, source, user};
use crate::state::AppState;
use crate::web::Lang;

/// How many earlier runs make the baseline.
const BASELINE_RUNS: u64 = 5;
/// Runs below this many items are too small to judge a drop.
const MIN_ITEMS: i32 = 10;
/// A drop to less than this share of the previous item count is alarming.
const ITEMS_KEPT: f64 = 0.5;
/// A field that was filled at least this often…
const FIELD_WAS: f64 = 0.5;
/// …and lost at least this much of its fill rate is alarming.
const FIELD_DROP: f64 = 0.4;

/// One alarming difference between two runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Drift {
    Items { before: i32, now: i32 },
    Field { name: String, before: u32, now: u32 },
}

impl Drift {
    /// Language-neutral summary: numbers and field names.
    pub fn summary(&self) -> String {
        match self {
            Drift::Items { before, now } => format!("items {before} → {now}"),
            Drift::Field { name, before, now } => format!("{name} {before} % → {now} %"),
        }
    }
}

fn items(run: &crawl_run::Model) -> i32 {
    run.items_new + run.items_changed + run.items_unchanged
}

fn rates(run: &crawl_run::Model) -> BTreeMap<String, f64> {
    serde_json::from_str(&run.fill_rates).unwrap_or_default()
}

/// The best item count and the best fill rate of every field among earlier runs.
pub struct Baseline {
    items: i32,
    rates: BTreeMap<String, f64>,
}

impl Baseline {
    pub fn of(runs: &[crawl_run::Model]) -> Self {
        let mut best_rates: BTreeMap<String, f64> = BTreeMap::new();
        for run in runs {
            for (name, rate) in rates(run) {
                let best = best_rates.entry(name).or_insert(0.0);
                *best = best.max(rate);
            }
        }
        Self {
            items: runs.iter().map(items).max().unwrap_or(0),
            rates: best_rates,
        }
    }
}

/// What went sharply down from the baseline to `now`.
pub fn drifts(before: &Baseline, now: &crawl_run::Model) -> Vec<Drift> {
    let mut found = Vec::new();
    let (was, is) = (before.items, items(now));
    if was >= MIN_ITEMS && f64::from(is) < f64::from(was) * ITEMS_KEPT {
        found.push(Drift::Items {
            before: was,
            now: is,
        });
    }
    let now_rates = rates(now);
    for (name, &rate) in &before.rates {
        let current = now_rates.get(name).copied().unwrap_or(0.0);
        if rate >= FIELD_WAS && rate - current >= FIELD_DROP {
            found.push(Drift::Field {
                name: name.clone(),
                before: (rate * 100.0).round() as u32,
                now: (current * 100.0).round() as u32,
            });
        }
    }
    found
}

#[derive(Serialize)]
struct WarningMail {
    partner: String,
    source: String,
    details: Vec<String>,
    link: String,
}

/// Compares `run` with the previous usable run of its source; sets or clears the
/// source's warning and mails editors and admins when it appears.
pub async fn after_run(state: &AppState, run: &crawl_run::Model) -> anyhow::Result<Vec<Drift>> {
    if !matches!(run.status.as_str(), "succeeded" | "partial") {
        return Ok(Vec::new());
    }
    let previous = crawl_run::Entity::find()
        .filter(crawl_run::Column::SourceId.eq(run.source_id))
        .filter(crawl_run::Column::Id.lt(run.id))
        .filter(crawl_run::Column::Status.is_in(["succeeded", "partial"]))
        .order_by_desc(crawl_run::Column::Id)
        .limit(BASELINE_RUNS)
        .all(&state.db)
        .await?;
    if previous.is_empty() {
        return Ok(Vec::new());
    }
    let Some(src) = source::Entity::find_by_id(run.source_id)
        .one(&state.db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let found = drifts(&Baseline::of(&previous), run);
    let warning = (!found.is_empty()).then(|| {
        found
            .iter()
            .map(Drift::summary)
            .collect::<Vec<_>>()
            .join(" ; ")
    });
    if warning == src.warning {
        return Ok(found);
    }
    let newly_warned = src.warning.is_none() && warning.is_some();
    let mut row: source::ActiveModel = src.clone().into();
    row.warning = Set(warning);
    row.update(&state.db).await?;
    if newly_warned {
        notify(state, &src, &found).await?;
    }
    Ok(found)
}

async fn notify(state: &AppState, src: &source::Model, found: &[Drift]) -> anyhow::Result<()> {
    let Some(partner) = crate::entities::partner::Entity::find_by_id(src.partner_id)
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    let people = membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner.id))
        .filter(membership::Column::Role.is_in(["admin", "editor"]))
        .find_also_related(user::Entity)
        .all(&state.db)
        .await?;
    let mail = WarningMail {
        partner: partner.name.clone(),
        source: src.name.clone(),
        details: found.iter().map(Drift::summary).collect(),
        link: format!(
            "{}/p/{}/sources/{}",
            state.settings.server.public_url, partner.slug, src.id
        ),
    };
    for (_, person) in people {
        let Some(person) = person.filter(|u| !u.disabled && u.deleted_at.is_none()) else {
            continue;
        };
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        crate::mail::queue(state, "source_warning", lang, &person.email, None, &mail)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(items: i32, rates: &str) -> crawl_run::Model {
        crawl_run::Model {
            id: 1,
            source_id: 1,
            status: "succeeded".into(),
            trigger: "schedule".into(),
            queued_at: chrono::Utc::now(),
            started_at: None,
            finished_at: None,
            complete: true,
            pages_fetched: 0,
            pages_unchanged: 0,
            pages_failed: 0,
            items_new: 0,
            items_changed: 0,
            items_unchanged: items,
            items_gone: 0,
            fill_rates: rates.into(),
            failure: None,
            failure_code: None,
            failure_args: None,
        }
    }

    #[test]
    fn sharp_drops_are_drifts_and_small_ones_are_not() {
        let before = Baseline::of(&[
            run(120, r#"{"title": 1.0, "image": 0.3, "commune": 0.9}"#),
            run(90, r#"{"title": 0.6, "image": 0.2}"#),
        ]);
        let redesign = run(3, r#"{"title": 0.0, "image": 0.0, "commune": 0.85}"#);
        assert_eq!(
            drifts(&before, &redesign),
            vec![
                Drift::Items {
                    before: 120,
                    now: 3
                },
                Drift::Field {
                    name: "title".into(),
                    before: 100,
                    now: 0
                },
            ]
        );
        let ordinary = run(110, r#"{"title": 1.0, "image": 0.1, "commune": 0.8}"#);
        assert!(drifts(&before, &ordinary).is_empty());
        assert!(
            drifts(&Baseline::of(&[run(5, "{}")]), &run(0, "{}")).is_empty(),
            "too small to judge"
        );
    }
}
