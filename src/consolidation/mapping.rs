//! From a raw record's fields to project columns. A source's own field names are first
//! renamed by its [`FieldMapping`] (with small transforms); fields named like the project
//! schema (`sources::config::STANDARD_FIELDS`) need no rule. Values are cleaned on the
//! way: texts trimmed, the description sanitised, addresses that are not web or mail
//! addresses dropped, dates read as ISO.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

/// What a record says of its project.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFields {
    pub title: Option<String>,
    pub summary: Option<String>,
    /// Sanitised HTML.
    pub description_html: Option<String>,
    pub holder_name: Option<String>,
    pub structure: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub commune: Option<String>,
    pub department: Option<String>,
    /// INSEE code of the commune, when the online geocoder placed the address.
    pub insee: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub website: Option<String>,
    /// The listing's own page on the partner's site (field `url`), when it says.
    pub page_url: Option<String>,
    pub email: Option<String>,
    pub image_url: Option<String>,
    /// Web addresses of the project's social-network and other pages.
    pub social_links: Vec<String>,
    /// Prizes and labels.
    pub distinctions: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub start_year: Option<i32>,
    /// The partner's own tags (themes, publics, structure type, categories), kept on the
    /// attribution and mapped to the thesaurus (`taxonomy::tags`).
    pub tags: Vec<String>,
}

/// A value as one line of text (lists joined with ", "), `None` when empty.
fn text(value: Option<&Value>) -> Option<String> {
    let joined = match value? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(|v| text(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    let collapsed = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// A value as a list of texts (a text is split on commas and semicolons).
fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(|v| text(Some(v))).collect(),
        Some(Value::String(s)) => s
            .split([',', ';'])
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
}

/// An http(s) URL.
fn web_url(value: Option<&Value>) -> Option<String> {
    crate::web::forms::http_url(&text(value)?).map(|url| url.to_string())
}

/// A mail address, as the hub's forms accept them.
fn email(value: Option<&Value>) -> Option<String> {
    let raw = text(value)?;
    crate::web::forms::Email::parse(raw.trim_start_matches("mailto:"))
        .ok()
        .map(|email| email.as_str().to_owned())
}

/// Sanitised HTML: no scripts, event handlers or styles; links `nofollow ugc noopener`.
pub fn sanitise_html(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("nofollow ugc noopener"))
        .url_schemes(["http", "https", "mailto"].into())
        .clean(html)
        .to_string()
}

/// Text made safe inside an HTML element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A description: HTML kept (sanitised) when it looks like HTML, else paragraphs.
fn description(value: Option<&Value>) -> Option<String> {
    let Some(Value::String(raw)) = value else {
        return text(value).map(|t| format!("<p>{}</p>", escape(&t)));
    };
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if raw.contains('<') {
        let clean = sanitise_html(raw);
        return (!clean.trim().is_empty()).then_some(clean);
    }
    let paragraphs: Vec<String> = raw
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n"))
}

fn date(value: Option<&Value>) -> Option<NaiveDate> {
    let raw = text(value)?;
    NaiveDate::parse_from_str(raw.get(..10)?, "%Y-%m-%d").ok()
}

/// Reads the standard fields of a record.
pub fn map_fields(fields: &BTreeMap<String, Value>) -> ProjectFields {
    let get = |name: &str| fields.get(name);
    let start_date = date(get("start_date"));
    let start_year = text(get("start_year"))
        .and_then(|y| y.get(..4).and_then(|y| y.parse().ok()))
        .or_else(|| start_date.map(|d| chrono::Datelike::year(&d)));
    let mut tags = list(get("themes"));
    tags.extend(list(get("publics")));
    // The structure type is mapped to the thesaurus like the other tags.
    tags.extend(text(get("structure_type")));
    tags.extend(list(get("categories")));
    ProjectFields {
        title: text(get("title")),
        summary: text(get("summary")),
        description_html: description(get("description")),
        holder_name: text(get("org_name")),
        structure: text(get("structure_type")),
        address: text(get("address")),
        postcode: text(get("postcode"))
            .filter(|p| p.len() == 5 && p.bytes().all(|b| b.is_ascii_digit())),
        commune: text(get("commune")),
        department: text(get("department")),
        insee: None,
        latitude: number(get("lat")).filter(|v| (-90.0..=90.0).contains(v)),
        longitude: number(get("lon")).filter(|v| (-180.0..=180.0).contains(v)),
        website: web_url(get("website")),
        page_url: web_url(get("url")),
        email: email(get("email")),
        image_url: web_url(get("image")),
        social_links: list(get("social_links"))
            .into_iter()
            .filter_map(|link| crate::web::forms::http_url(&link).map(|url| url.to_string()))
            .collect(),
        distinctions: list(get("distinctions")),
        start_date,
        start_year,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> BTreeMap<String, Value> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn standard_fields_are_read_and_cleaned() {
        let mapped = map_fields(&fields(json!({
            "title": "  Jardin   partagé ",
            "description": "<p onclick=\"x()\">Un <a href=\"https://a.org\">jardin</a><script>alert(1)</script></p>",
            "postcode": "69001",
            "website": "javascript:alert(1)",
            "email": "mailto:contact@jardin.fr",
            "start_date": "2019-03-12",
            "themes": ["Environnement", "Alimentation"],
            "publics": "Jeunes; Seniors",
            "lat": "45,76",
            "social_links": ["https://www.facebook.com/jardin", "javascript:alert(1)"],
            "distinctions": "Prix de l'innovation sociale 2021; Label ESS",
        })));
        assert_eq!(mapped.social_links, ["https://www.facebook.com/jardin"]);
        assert_eq!(
            mapped.distinctions,
            ["Prix de l'innovation sociale 2021", "Label ESS"]
        );
        assert_eq!(mapped.title.as_deref(), Some("Jardin partagé"));
        let html = mapped.description_html.unwrap();
        assert!(
            !html.contains("script") && !html.contains("onclick"),
            "{html}"
        );
        assert!(html.contains("rel=\"nofollow ugc noopener\""), "{html}");
        assert_eq!(mapped.website, None);
        assert_eq!(mapped.email.as_deref(), Some("contact@jardin.fr"));
        assert_eq!(mapped.start_year, Some(2019));
        assert_eq!(
            mapped.tags,
            ["Environnement", "Alimentation", "Jeunes", "Seniors"]
        );
        assert_eq!(mapped.latitude, Some(45.76));
        assert_eq!(mapped.postcode.as_deref(), Some("69001"));
    }

    #[test]
    fn plain_descriptions_become_escaped_paragraphs() {
        let mapped = map_fields(&fields(json!({"description": "Un & deux\n\n<b>trois"})));
        // `<` makes it HTML: sanitised, the bold kept.
        assert!(mapped.description_html.unwrap().contains("<b>trois</b>"));
        let mapped = map_fields(&fields(json!({"description": "Un & deux\n\nTrois"})));
        assert_eq!(
            mapped.description_html.as_deref(),
            Some("<p>Un &amp; deux</p>\n<p>Trois</p>")
        );
    }
}
