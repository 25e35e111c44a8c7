//! What the board's pages show of a request: a card for lists, the details for its page.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;

use super::model::{Kind, PayPeriod, Reach, Status};
use crate::entities::{board_request, board_request_project, board_request_term, project};
use crate::taxonomy::{Term, Terms};
use crate::web::Lang;

/// The address of a request's page.
pub fn request_path(id: i64) -> String {
    format!("/courtage/demandes/{id}")
}

/// A date as the page's language writes it.
pub fn show_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// A request's place in words ("Lille (59)", "Hauts-de-France", "France entière").
pub fn place_label(row: &board_request::Model, lang: Lang) -> String {
    place_of(
        &row.territory,
        row.commune_insee.as_deref(),
        row.department_code.as_deref(),
        row.region_code.as_deref(),
        lang,
    )
}

/// A place in words from its reach and codes.
pub fn place_of(
    territory: &str,
    commune: Option<&str>,
    department: Option<&str>,
    region: Option<&str>,
    lang: Lang,
) -> String {
    let index = crate::geo::communes::index();
    match Reach::parse(territory) {
        Some(Reach::Commune) => commune
            .and_then(|i| index.commune(i))
            .map(|c| format!("{} ({})", c.name, c.department))
            .unwrap_or_default(),
        Some(Reach::Department) => department
            .and_then(|d| index.department(d))
            .map(|d| format!("{} ({})", d.name, d.code))
            .unwrap_or_default(),
        Some(Reach::Region) => region_name(region).unwrap_or_default(),
        Some(Reach::France) => lang.t("board-reach-france"),
        Some(Reach::Remote) | None => lang.t("board-reach-remote"),
    }
}

/// The name of region `code`.
pub fn region_name(code: Option<&str>) -> Option<String> {
    let code = code?;
    crate::geo::communes::regions()
        .into_iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| name.to_owned())
}

/// "2 000 – 2 500 € / mois", or none.
pub fn pay_label(row: &board_request::Model, lang: Lang) -> Option<String> {
    let period = PayPeriod::parse(row.pay_period.as_deref()?)?;
    let per = lang.t(&format!("board-per-{}", period.as_str()));
    let amount = |n: i32| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('\u{202f}');
            }
            out.push(c);
        }
        out
    };
    Some(match (row.pay_min, row.pay_max) {
        (Some(min), Some(max)) if min == max => format!("{} € {per}", amount(min)),
        (Some(min), Some(max)) => format!("{} – {} € {per}", amount(min), amount(max)),
        (Some(min), None) => format!("≥ {} € {per}", amount(min)),
        (None, Some(max)) => format!("≤ {} € {per}", amount(max)),
        (None, None) => return None,
    })
}

/// A request in a list.
#[derive(Debug, Clone, Serialize)]
pub struct RequestCard {
    pub id: i64,
    pub url: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub organisation: String,
    pub place: String,
    pub themes: Vec<Term>,
    pub contract: Option<String>,
    pub pay: Option<String>,
    pub deadline: String,
    /// ISO date, for machines and tests.
    pub deadline_iso: String,
    pub published: Option<String>,
}

/// Theme and public codes of each request of `ids`.
pub async fn terms_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, DbErr> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for row in board_request_term::Entity::find()
        .filter(board_request_term::Column::RequestId.is_in(ids.to_vec()))
        .all(conn)
        .await?
    {
        out.entry(row.request_id).or_default().push(row.term_code);
    }
    Ok(out)
}

/// Projects of each request of `ids`.
pub async fn projects_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<project::Model>>, DbErr> {
    let links = board_request_project::Entity::find()
        .filter(board_request_project::Column::RequestId.is_in(ids.to_vec()))
        .all(conn)
        .await?;
    let projects: HashMap<i64, project::Model> = project::Entity::find()
        .filter(project::Column::Id.is_in(links.iter().map(|l| l.project_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out: HashMap<i64, Vec<project::Model>> = HashMap::new();
    for link in links {
        if let Some(p) = projects.get(&link.project_id) {
            out.entry(link.request_id).or_default().push(p.clone());
        }
    }
    Ok(out)
}

/// Cards of `rows`, in their order.
pub async fn cards<C: ConnectionTrait>(
    conn: &C,
    rows: &[board_request::Model],
    terms: &Terms,
    lang: Lang,
) -> Result<Vec<RequestCard>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut codes = terms_of(conn, &ids).await?;
    Ok(rows
        .iter()
        .map(|r| RequestCard {
            id: r.id,
            url: request_path(r.id),
            kind: r.kind.clone(),
            status: r.status.clone(),
            title: r.title.clone(),
            organisation: r.organisation.clone(),
            place: place_label(r, lang),
            themes: codes
                .remove(&r.id)
                .unwrap_or_default()
                .iter()
                .filter_map(|c| terms.get(c, lang))
                .filter(|t| t.vocabulary == "theme")
                .collect(),
            contract: r.contract.clone(),
            pay: pay_label(r, lang),
            deadline: show_date(r.deadline, lang),
            deadline_iso: r.deadline.to_string(),
            published: r.published_at.map(|at| show_date(at.date_naive(), lang)),
        })
        .collect())
}

/// Whether the kind code is a job offer.
pub fn is_job(row: &board_request::Model) -> bool {
    Kind::parse(&row.kind) == Some(Kind::Job)
}

/// Whether the request takes answers now.
pub fn is_open(row: &board_request::Model) -> bool {
    Status::parse(&row.status) == Some(Status::Published)
}
