//! Exports of any search: CSV (UTF-8, or the semicolon variant Excel opens as is), JSON
//! Lines and GeoJSON. The matching ids come from the index (eight bytes each); the
//! projects are read and written a chunk at a time into the response, so memory stays
//! flat however many projects match. Every export carries the collective's licence and,
//! per project, the partners it is credited to.
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LINK};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tokio::sync::mpsc;

use super::items::{self, ProjectItem};
use super::projects::parse;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::Lang;

/// Projects read from the database at a time.
const CHUNK: usize = 500;
/// The data licence of the collective.
pub const LICENCE: &str = "Licence Ouverte / Open Licence 2.0 (Etalab)";
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

/// The credit line of a project: the hub and the partners that list it.
pub fn attribution(item: &ProjectItem) -> String {
    let partners: Vec<&str> = item.partners.iter().map(|p| p.name.as_str()).collect();
    if partners.is_empty() {
        "Carrefour".to_owned()
    } else {
        format!("Carrefour, d'après {}", partners.join(", "))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv { excel: bool },
    JsonLines,
    GeoJson,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Csv { .. } => "text/csv; charset=utf-8",
            Format::JsonLines => "application/x-ndjson; charset=utf-8",
            Format::GeoJson => "application/geo+json; charset=utf-8",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv { .. } => "csv",
            Format::JsonLines => "jsonl",
            Format::GeoJson => "geojson",
        }
    }
}

/// Export as CSV.
#[utoipa::path(
    get,
    path = "/api/v1/projects.csv",
    tag = "exports",
    params(
        super::projects::SearchParams,
        ("excel" = Option<String>, Query, description = "`1`: semicolons, CRLF and a byte-order mark, as Excel expects"),
    ),
    responses((status = 200, description = "Every matching project, one row each", content_type = "text/csv"))
)]
pub async fn csv(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let excel = url::form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
        .any(|(k, v)| k == "excel" && matches!(v.as_ref(), "1" | "true"));
    export(state, lang, query, Format::Csv { excel }).await
}

/// Export as JSON Lines.
#[utoipa::path(
    get,
    path = "/api/v1/projects.jsonl",
    tag = "exports",
    params(super::projects::SearchParams),
    responses((status = 200, description = "One JSON object a line", content_type = "application/x-ndjson"))
)]
pub async fn jsonl(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    export(state, lang, query, Format::JsonLines).await
}

/// Export as GeoJSON.
#[utoipa::path(
    get,
    path = "/api/v1/projects.geojson",
    tag = "exports",
    params(super::projects::SearchParams),
    responses((status = 200, description = "A FeatureCollection (projects without a position have a null geometry)", content_type = "application/geo+json"))
)]
pub async fn geojson(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    export(state, lang, query, Format::GeoJson).await
}

async fn export(
    state: AppState,
    lang: Lang,
    query: Option<String>,
    format: Format,
) -> AppResult<Response> {
    let (_, request, catalog) = parse(&state, query.as_deref()).await?;
    let search = state.search.clone();
    let criteria = request.criteria;
    let sort = request.sort;
    let ids = tokio::task::spawn_blocking(move || search.current()?.all_ids(&criteria, sort))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)?;
    let (sender, mut receiver) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let terms = catalog.terms;
    tokio::spawn(async move {
        if let Err(err) = write(&state, &terms, lang, &ids, format, &sender).await {
            tracing::error!(error = ?err, "an export stopped");
            let _ = sender
                .send(Err(std::io::Error::other("the export stopped")))
                .await;
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx));
    let filename = format!(
        "carrefour-projets-{}.{}",
        chrono::Utc::now().format("%Y%m%d"),
        format.extension()
    );
    Ok((
        [
            (CONTENT_TYPE, format.content_type().to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (LINK, format!("<{LICENCE_URL}>; rel=\"license\"")),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// Writes the export chunk by chunk; stops quietly when the client went away.
async fn write(
    state: &AppState,
    terms: &Terms,
    lang: Lang,
    ids: &[i64],
    format: Format,
    sender: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> anyhow::Result<()> {
    let send = |bytes: Vec<u8>| async move { sender.send(Ok(Bytes::from(bytes))).await.is_ok() };
    let head = match format {
        Format::Csv { excel } => csv_rows(&[], excel, true)?,
        Format::JsonLines => Vec::new(),
        Format::GeoJson => serde_json::to_vec(&serde_json::json!({
            "type": "FeatureCollection",
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "attribution": "Carrefour — projets d'innovation sociale recensés par les partenaires du collectif",
        }))
        .map(|mut json| {
            // Opened, so that features can follow: `{…,"features":[`.
            json.pop();
            json.extend_from_slice(b",\"features\":[");
            json
        })?,
    };
    if !send(head).await {
        return Ok(());
    }
    let mut first = true;
    for chunk in ids.chunks(CHUNK) {
        let items = items::load(
            &state.db,
            terms,
            lang,
            &state.settings.server.public_url,
            chunk,
            false,
        )
        .await?;
        let bytes = match format {
            Format::Csv { excel } => csv_rows(&items, excel, false)?,
            Format::JsonLines => json_lines(&items)?,
            Format::GeoJson => features(&items, &mut first)?,
        };
        if !send(bytes).await {
            return Ok(());
        }
    }
    if format == Format::GeoJson {
        send(b"]}".to_vec()).await;
    }
    Ok(())
}

const CSV_COLUMNS: [&str; 24] = [
    "id",
    "url",
    "title",
    "summary",
    "holder",
    "structure",
    "themes",
    "publics",
    "address",
    "commune",
    "insee",
    "postcode",
    "department",
    "region",
    "latitude",
    "longitude",
    "geo_precision",
    "website",
    "start_year",
    "partners",
    "status",
    "first_seen",
    "licence",
    "attribution",
];

fn csv_rows(items: &[ProjectItem], excel: bool, header: bool) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    if excel && header {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .terminator(if excel {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        })
        .from_writer(out);
    if header {
        writer.write_record(CSV_COLUMNS)?;
    }
    let labels = |list: &[super::items::Coded]| {
        list.iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    for item in items {
        let place = &item.place;
        writer.write_record([
            item.id.to_string(),
            item.url.clone(),
            item.title.clone(),
            item.summary.clone(),
            item.holder.clone().unwrap_or_default(),
            item.structure
                .as_ref()
                .map(|s| s.label.clone())
                .unwrap_or_default(),
            labels(&item.themes),
            labels(&item.publics),
            place.address.clone().unwrap_or_default(),
            place.commune.clone().unwrap_or_default(),
            place.insee.clone().unwrap_or_default(),
            place.postcode.clone().unwrap_or_default(),
            place
                .department
                .as_ref()
                .map(|d| d.code.clone())
                .unwrap_or_default(),
            place
                .region
                .as_ref()
                .map(|r| r.label.clone())
                .unwrap_or_default(),
            number(place.latitude),
            number(place.longitude),
            place.precision.clone().unwrap_or_default(),
            item.website.clone().unwrap_or_default(),
            item.start_year.map(|y| y.to_string()).unwrap_or_default(),
            item.partners
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            item.status.clone(),
            item.first_seen.clone(),
            LICENCE.to_owned(),
            attribution(item),
        ])?;
    }
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}

#[derive(Serialize)]
struct Credited<'a> {
    #[serde(flatten)]
    item: &'a ProjectItem,
    licence: &'static str,
    attribution: String,
}

fn json_lines(items: &[ProjectItem]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    for item in items {
        serde_json::to_writer(
            &mut out,
            &Credited {
                item,
                licence: LICENCE,
                attribution: attribution(item),
            },
        )?;
        out.push(b'\n');
    }
    Ok(out)
}

fn features(items: &[ProjectItem], first: &mut bool) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    for item in items {
        if !std::mem::take(first) {
            out.push(b',');
        }
        let geometry = match (item.place.latitude, item.place.longitude) {
            (Some(lat), Some(lon)) => {
                serde_json::json!({"type": "Point", "coordinates": [lon, lat]})
            }
            _ => serde_json::Value::Null,
        };
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({
                "type": "Feature",
                "id": item.id,
                "geometry": geometry,
                "properties": Credited { item, licence: LICENCE, attribution: attribution(item) },
            }),
        )?;
    }
    Ok(out)
}
