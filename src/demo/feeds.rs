//! The demo partners' own "web sites", served by the hub to itself: each demo partner
//! publishes its listings as a JSON API, a CSV file or HTML pages (a list linking to
//! one page per project) under `/demo/sources/{partner}/`,
//! and its demo source points there, so that demo projects enter through the crawler
//! and consolidation like any partner's. Registered only when the demo is enabled.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::generate::{self, DemoPartner, DemoProject};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::taxonomy::seed::{PUBLICS, THEMES};

/// Seed of the demo generator: the same projects on every machine and every start.
pub const DEMO_SEED: u64 = 2026;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/demo/sources/{partner}/{file}", get(serve_feed))
        .route("/demo/sources/{partner}/projets/{id}", get(serve_page))
}

/// How a demo partner publishes its listings: the three kinds take turns, so that each
/// reader of the crawler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Json,
    Csv,
    Html,
}

impl FeedKind {
    pub fn of_partner(index: usize) -> Self {
        match index % 3 {
            0 => FeedKind::Json,
            1 => FeedKind::Csv,
            _ => FeedKind::Html,
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            FeedKind::Json => "projets.json",
            FeedKind::Csv => "projets.csv",
            FeedKind::Html => "projets.html",
        }
    }
}

/// The address the hub reaches itself on: loopback on the listening port, when it
/// listens on loopback or on every address; `None` when it only listens elsewhere.
pub fn loopback_of(bound: SocketAddr) -> Option<SocketAddr> {
    let ip = bound.ip();
    let loopback = match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip if ip.is_loopback() => ip,
        _ => return None,
    };
    Some(SocketAddr::new(loopback, bound.port()))
}

/// The URL of a demo partner's feed on the hub reached at `loopback`.
pub fn feed_url(loopback: SocketAddr, partner_slug: &str, kind: FeedKind) -> String {
    format!(
        "http://{loopback}/demo/sources/{partner_slug}/{}",
        kind.file_name()
    )
}

/// The source configuration that reads a demo feed (standard field names map by
/// themselves; the CSV uses French headers like a spreadsheet would).
pub fn source_config(url: &str, kind: FeedKind) -> Value {
    match kind {
        FeedKind::Json => {
            let fields: serde_json::Map<String, Value> = JSON_FIELDS
                .iter()
                .map(|f| ((*f).to_owned(), json!(f)))
                .collect();
            json!({"kind": "json", "url": url, "items_path": "projets", "id_path": "id", "fields": fields})
        }
        FeedKind::Csv => {
            let columns: serde_json::Map<String, Value> = CSV_COLUMNS
                .iter()
                .map(|(field, header)| ((*field).to_owned(), json!(header)))
                .collect();
            json!({"kind": "csv", "url": url, "separator": ";", "id_column": "Réf", "columns": columns})
        }
        FeedKind::Html => json!({
            "kind": "html",
            "entry_urls": [url],
            "list": {"item_link": {"css": "ul.projets a", "attr": "href"}},
            "fields": {
                "title": {"css": "h1"},
                "summary": {"css": ".resume"},
                "description": {"css": ".description", "type": "rich_text"},
                "org_name": {"css": ".porteur"},
                "structure_type": {"css": ".structure"},
                "themes": {"css": ".thematiques li", "type": "list", "all": true},
                "publics": {"css": ".publics li", "type": "list", "all": true},
                "address": {"css": ".adresse"},
                "postcode": {"css": ".cp"},
                "commune": {"css": ".commune"},
                "lat": {"css": ".carte", "attr": "data-lat", "type": "number"},
                "lon": {"css": ".carte", "attr": "data-lon", "type": "number"},
                "website": {"css": "a.site", "attr": "href", "type": "url"},
                "email": {"css": ".courriel", "type": "email"},
                "start_date": {"css": "time.debut", "attr": "datetime", "type": "date", "date_format": "iso"}
            }
        }),
    }
}

const JSON_FIELDS: &[&str] = &[
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
    "lat",
    "lon",
    "website",
    "email",
    "start_date",
    "url",
];

const CSV_COLUMNS: &[(&str, &str)] = &[
    ("title", "Titre"),
    ("summary", "Résumé"),
    ("description", "Description"),
    ("org_name", "Porteur"),
    ("structure_type", "Type de structure"),
    ("themes", "Thématiques"),
    ("publics", "Publics"),
    ("address", "Adresse"),
    ("postcode", "Code postal"),
    ("commune", "Commune"),
    ("lat", "Latitude"),
    ("lon", "Longitude"),
    ("website", "Site web"),
    ("email", "Courriel"),
    ("start_date", "Date de lancement"),
    ("url", "Lien"),
];

/// One project as one partner lists it. The second partner listing a project words it
/// its own way, as partners do, so that consolidation has a real duplicate to merge.
struct Listing<'a> {
    id: String,
    project: &'a DemoProject,
    reworded: bool,
}

impl Listing<'_> {
    fn summary(&self) -> String {
        if self.reworded {
            format!("En bref : {}", lower_first(&self.project.summary))
        } else {
            self.project.summary.clone()
        }
    }

    fn description(&self) -> String {
        if self.reworded {
            format!(
                "{}\n\nFiche relayée par notre réseau.",
                self.project.description
            )
        } else {
            self.project.description.clone()
        }
    }

    fn values(&self) -> Vec<String> {
        let p = self.project;
        let (y, m, d) = p.start_date;
        vec![
            p.title.clone(),
            self.summary(),
            self.description(),
            p.holder_name.clone(),
            p.structure_type.to_owned(),
            labels(&p.themes).join(";"),
            labels(&p.publics).join(";"),
            p.address.clone(),
            p.commune.postcode.to_owned(),
            p.commune.name.to_owned(),
            p.lat.to_string(),
            p.lon.to_string(),
            p.website.clone().unwrap_or_default(),
            p.contact_email.clone().unwrap_or_default(),
            format!("{y:04}-{m:02}-{d:02}"),
            // The listing's page on the partner's site, relative to the feed.
            format!("projets/{}", self.id),
        ]
    }

    fn json(&self) -> Value {
        let mut item = serde_json::Map::new();
        item.insert("id".into(), json!(self.id));
        for (field, value) in JSON_FIELDS.iter().zip(self.values()) {
            let value = match *field {
                "themes" | "publics" => json!(
                    value
                        .split(';')
                        .filter(|v| !v.is_empty())
                        .collect::<Vec<_>>()
                ),
                "lat" | "lon" => json!(value.parse::<f64>().ok()),
                _ if value.is_empty() => Value::Null,
                _ => json!(value),
            };
            item.insert((*field).to_owned(), value);
        }
        Value::Object(item)
    }
}

/// Partners tag their listings with words, not the hub's codes: the French labels.
fn labels(codes: &[&str]) -> Vec<&'static str> {
    codes
        .iter()
        .filter_map(|code| {
            THEMES
                .iter()
                .chain(PUBLICS)
                .find(|t| t.code == *code)
                .map(|t| t.label_fr)
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> Response {
    axum::response::Html(format!(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{body}</body></html>",
        escape(title)
    ))
    .into_response()
}

impl Listing<'_> {
    /// The listing's page on the partner's HTML site.
    fn html(&self) -> String {
        let p = self.project;
        let (y, m, d) = p.start_date;
        let items = |labels: Vec<&str>| -> String {
            labels
                .iter()
                .map(|l| format!("<li>{}</li>", escape(l)))
                .collect()
        };
        let paragraphs: String = self
            .description()
            .split("\n\n")
            .map(|para| format!("<p>{}</p>", escape(para.trim())))
            .collect();
        let website = p.website.as_ref().map_or(String::new(), |w| {
            format!(
                "<p><a class=\"site\" href=\"{}\">Site web</a></p>",
                escape(w)
            )
        });
        let email = p.contact_email.as_ref().map_or(String::new(), |e| {
            format!(
                "<p>Contact : <span class=\"courriel\">{}</span></p>",
                escape(e)
            )
        });
        format!(
            "<article><h1>{title}</h1><p class=\"resume\">{summary}</p>\
             <div class=\"description\">{paragraphs}</div>\
             <p>Porté par <span class=\"porteur\">{holder}</span> (<span class=\"structure\">{structure}</span>)</p>\
             <ul class=\"thematiques\">{themes}</ul><ul class=\"publics\">{publics}</ul>\
             <p class=\"carte\" data-lat=\"{lat}\" data-lon=\"{lon}\"><span class=\"adresse\">{address}</span>, \
             <span class=\"cp\">{postcode}</span> <span class=\"commune\">{commune}</span></p>\
             {website}{email}<p>Depuis le <time class=\"debut\" datetime=\"{y:04}-{m:02}-{d:02}\">{d}/{m}/{y}</time></p></article>",
            title = escape(&p.title),
            summary = escape(&self.summary()),
            holder = escape(&p.holder_name),
            structure = escape(p.structure_type),
            themes = items(labels(&p.themes)),
            publics = items(labels(&p.publics)),
            lat = p.lat,
            lon = p.lon,
            address = escape(&p.address),
            postcode = p.commune.postcode,
            commune = escape(p.commune.name),
        )
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The listings of the partner at `index` among `projects`.
fn listings_of(index: usize, projects: &[DemoProject]) -> Vec<Listing<'_>> {
    projects
        .iter()
        .enumerate()
        .filter_map(|(number, project)| {
            let position = project.partners.iter().position(|&p| p == index)?;
            Some(Listing {
                id: format!("projet-{number}"),
                project,
                reworded: position > 0,
            })
        })
        .collect()
}

/// The generated demo projects, made once per count: every page of a partner's HTML
/// site would otherwise generate them all again.
fn demo_projects(count: usize) -> Arc<Vec<DemoProject>> {
    static LAST: Mutex<Option<(usize, Arc<Vec<DemoProject>>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match last.as_ref() {
        Some((made, projects)) if *made == count => projects.clone(),
        _ => {
            let projects = Arc::new(generate::projects(count, DEMO_SEED));
            *last = Some((count, projects.clone()));
            projects
        }
    }
}

fn find_partner(slug: &str) -> Option<(usize, DemoPartner)> {
    generate::partners()
        .into_iter()
        .enumerate()
        .find(|(_, p)| p.slug == slug)
}

/// `GET /demo/sources/{partner}/{file}`: the partner's listings in its feed's format.
async fn serve_feed(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let (index, _) = find_partner(&slug).ok_or_else(|| AppError::not_found("page"))?;
    let kind = FeedKind::of_partner(index);
    if file != kind.file_name() {
        return Err(AppError::not_found("page"));
    }
    let projects = demo_projects(state.settings.demo.projects);
    let listings = listings_of(index, &projects);
    Ok(match kind {
        FeedKind::Json => {
            let items: Vec<Value> = listings.iter().map(Listing::json).collect();
            axum::Json(json!({ "projets": items })).into_response()
        }
        FeedKind::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(b';')
                .from_writer(Vec::new());
            let mut header = vec!["Réf"];
            header.extend(CSV_COLUMNS.iter().map(|(_, h)| *h));
            writer.write_record(&header).map_err(anyhow::Error::from)?;
            for listing in &listings {
                let mut row = vec![listing.id.clone()];
                row.extend(listing.values());
                writer.write_record(&row).map_err(anyhow::Error::from)?;
            }
            let body = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response()
        }
        FeedKind::Html => {
            let links: String = listings
                .iter()
                .map(|l| {
                    format!(
                        "<li><a href=\"projets/{}\">{}</a></li>",
                        l.id,
                        escape(&l.project.title)
                    )
                })
                .collect();
            page(
                "Nos projets",
                &format!("<h1>Nos projets</h1><ul class=\"projets\">{links}</ul>"),
            )
        }
    })
}

/// `GET /demo/sources/{partner}/projets/{id}`: one listing's page on the partner's site
/// (read by the HTML sources, linked by the JSON items and CSV rows).
async fn serve_page(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (index, _) = find_partner(&slug).ok_or_else(|| AppError::not_found("page"))?;
    let projects = demo_projects(state.settings.demo.projects);
    let listing = listings_of(index, &projects)
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| AppError::not_found("page"))?;
    Ok(page(&listing.project.title, &listing.html()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listing_of_a_project_goes_to_one_of_its_partners_and_only_the_second_is_reworded() {
        let projects = generate::projects(60, DEMO_SEED);
        let partners = generate::partners();
        let all: Vec<Listing<'_>> = (0..partners.len())
            .flat_map(|i| listings_of(i, &projects))
            .collect();
        let expected: usize = projects.iter().map(|p| p.partners.len()).sum();
        assert_eq!(all.len(), expected);
        let reworded = all.iter().filter(|l| l.reworded).count();
        let shared = projects.iter().filter(|p| p.partners.len() == 2).count();
        assert_eq!(reworded, shared);
        assert!(shared > 0, "some demo projects are listed by two partners");
    }

    #[test]
    fn tags_are_labels_that_survive_a_csv_list() {
        for project in generate::projects(60, DEMO_SEED) {
            let tags = labels(&project.themes);
            assert_eq!(tags.len(), project.themes.len(), "every theme has a label");
            assert!(tags.iter().all(|t| !t.contains([',', ';'])), "{tags:?}");
            assert_eq!(labels(&project.publics).len(), project.publics.len());
        }
    }

    #[test]
    fn the_hub_reaches_itself_only_on_loopback() {
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert_eq!(loopback_of(any), Some("127.0.0.1:8080".parse().unwrap()));
        let local: SocketAddr = "[::1]:3000".parse().unwrap();
        assert_eq!(loopback_of(local), Some(local));
        assert_eq!(loopback_of("192.168.1.5:80".parse().unwrap()), None);
    }
}
