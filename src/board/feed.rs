//! `GET /courtage.atom?…`: an Atom feed (RFC 4287) of the newest requests of any board
//! search — the search page's parameters, newest first, 50 entries.
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::index::Sort;
use super::search::{Params, label, run, url_of};
use super::views::{place_label, request_path, show_date};
use crate::entities::board_request;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{Lang, Page};

/// Entries of a feed.
const ENTRIES: usize = 50;

/// `GET /courtage.atom`
pub async fn atom(
    State(state): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let lang = page.lang();
    let mut params = Params::from_query(raw.as_deref());
    params.page = String::new();
    params.sort = Sort::Newest.param().into();
    let found = run(&state, &params.query(ENTRIES)).await?;
    let rows = board_request::Entity::find()
        .filter(board_request::Column::Id.is_in(found.ids.clone()))
        .all(&state.db)
        .await?;
    let ordered: Vec<&board_request::Model> = found
        .ids
        .iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id))
        .collect();
    let terms = Terms::load(&state.db).await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    let xml =
        write(base, &params, &ordered, &terms, lang).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

fn write(
    base: &str,
    params: &Params,
    rows: &[&board_request::Model],
    terms: &Terms,
    lang: Lang,
) -> std::io::Result<String> {
    let self_url = format!("{base}{}", url_of("/courtage.atom", params));
    let page_url = format!("{base}{}", url_of("/courtage", params));
    let updated = rows
        .iter()
        .map(|r| r.updated_at)
        .max()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(quick_xml::events::Event::Decl(
        quick_xml::events::BytesDecl::new("1.0", Some("utf-8"), None),
    ))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", lang.code()))
        .write_inner_content(|w| {
            text(w, "id", &self_url)?;
            text(
                w,
                "title",
                &format!("{} — Carrefour", lang.t("board-title")),
            )?;
            text(w, "updated", &updated.to_rfc3339())?;
            link(w, "self", &self_url, Some("application/atom+xml"))?;
            link(w, "alternate", &page_url, Some("text/html"))?;
            for row in rows {
                entry(w, base, row, terms, lang)?;
            }
            Ok(())
        })?;
    String::from_utf8(writer.into_inner()).map_err(std::io::Error::other)
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, kind: Option<&str>) -> std::io::Result<()> {
    let mut element = w
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("href", href));
    if let Some(kind) = kind {
        element = element.with_attribute(("type", kind));
    }
    element.write_empty()?;
    Ok(())
}

fn entry(
    w: &mut Writer<Vec<u8>>,
    base: &str,
    row: &board_request::Model,
    terms: &Terms,
    lang: Lang,
) -> std::io::Result<()> {
    let url = format!("{base}{}", request_path(row.id));
    let summary = format!(
        "{} — {} — {}",
        row.organisation,
        place_label(row, lang),
        lang.t_args(
            "board-deadline-on",
            &[("date", show_date(row.deadline, lang).into())]
        )
    );
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &url)?;
        text(w, "title", &row.title)?;
        text(w, "updated", &row.updated_at.to_rfc3339())?;
        if let Some(published) = row.published_at {
            text(w, "published", &published.to_rfc3339())?;
        }
        link(w, "alternate", &url, Some("text/html"))?;
        w.create_element("author")
            .write_inner_content(|w| text(w, "name", &row.organisation))?;
        w.create_element("category")
            .with_attribute(("term", row.kind.as_str()))
            .with_attribute(("label", label("kind", &row.kind, terms, lang).as_str()))
            .write_empty()?;
        text(w, "summary", &summary)?;
        w.create_element("content")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&row.description_html))?;
        Ok(())
    })?;
    Ok(())
}
