//! A search's URL parameters: read from the query string, checked against the catalog,
//! and written back, so that the address holds the whole state of a search and every
//! link of the page (a facet ticked, a chip removed, the next page, the map) is that
//! state changed by one thing.
use super::catalog::{Catalog, is_department, region_name};
use super::engine::{Request, Sort};
use super::geo::{BBox, Near};
use super::query::{Criteria, Facet, YearRange};
use crate::geo::communes;

/// Results per page unless asked otherwise, and the most a page may hold.
pub const PER_PAGE: usize = 20;
pub const MAX_PER_PAGE: usize = 100;
/// The radius around a place when none is given, and the largest one.
pub const DEFAULT_RADIUS_KM: f64 = 20.0;
pub const MAX_RADIUS_KM: f64 = 1000.0;
/// Start years outside this range are surely typos.
const EARLIEST_YEAR: i32 = 1800;
const LATEST_YEAR: i32 = 2100;

/// A search as its URL says it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub q: String,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub structures: Vec<String>,
    /// Partner slugs.
    pub partners: Vec<String>,
    pub regions: Vec<String>,
    pub departments: Vec<String>,
    pub commune: Option<String>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    pub bbox: Option<BBox>,
    /// A commune's INSEE code, or `lat,lon`.
    pub near: Option<String>,
    pub radius_km: Option<f64>,
    pub sort: Option<Sort>,
    pub archived: bool,
    pub page: usize,
    pub per_page: Option<usize>,
}

/// What is wrong with one parameter: the parameter, the localisation key of the message
/// (`search-error-…`), and the value given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParamError {
    pub param: String,
    pub key: &'static str,
    pub value: String,
}

impl ParamError {
    fn new(param: &str, key: &'static str, value: &str) -> Self {
        ParamError {
            param: param.to_owned(),
            key,
            value: value.to_owned(),
        }
    }
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

impl SearchState {
    /// Reads a query string; a malformed value is reported and left out, unknown
    /// parameters are ignored (`lang`, trackers…).
    pub fn from_query(query: &str) -> (SearchState, Vec<ParamError>) {
        let mut state = SearchState {
            page: 1,
            ..Default::default()
        };
        let mut errors = Vec::new();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "q" => {
                    if !state.q.is_empty() && !value.is_empty() {
                        state.q.push(' ');
                    }
                    state.q.push_str(value);
                }
                "theme" => push_unique(&mut state.themes, value),
                "public" => push_unique(&mut state.publics, value),
                "structure" => push_unique(&mut state.structures, value),
                "partner" => push_unique(&mut state.partners, value),
                "region" => push_unique(&mut state.regions, value),
                "department" => push_unique(&mut state.departments, value),
                "commune" if !value.is_empty() => state.commune = Some(value.to_owned()),
                "year_from" | "year_to" if !value.is_empty() => match value.parse::<i32>() {
                    Ok(year) if (EARLIEST_YEAR..=LATEST_YEAR).contains(&year) => {
                        if key == "year_from" {
                            state.year_from = Some(year);
                        } else {
                            state.year_to = Some(year);
                        }
                    }
                    _ => errors.push(ParamError::new(&key, "search-error-year", value)),
                },
                "bbox" if !value.is_empty() => match BBox::parse(value) {
                    Ok(bbox) => state.bbox = Some(bbox),
                    Err(_) => errors.push(ParamError::new("bbox", "search-error-bbox", value)),
                },
                "near" if !value.is_empty() => state.near = Some(value.to_owned()),
                "radius_km" if !value.is_empty() => match value.parse::<f64>() {
                    Ok(r) if r > 0.0 && r <= MAX_RADIUS_KM => state.radius_km = Some(r),
                    _ => errors.push(ParamError::new("radius_km", "search-error-radius", value)),
                },
                "sort" if !value.is_empty() => match Sort::parse(value) {
                    Some(sort) => state.sort = Some(sort),
                    None => errors.push(ParamError::new("sort", "search-error-sort", value)),
                },
                "archived" => state.archived = matches!(value, "1" | "true" | "on"),
                "page" if !value.is_empty() => match value.parse::<usize>() {
                    Ok(n) if n >= 1 => state.page = n,
                    _ => errors.push(ParamError::new("page", "search-error-page", value)),
                },
                "per_page" if !value.is_empty() => match value.parse::<usize>() {
                    Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => state.per_page = Some(n),
                    _ => errors.push(ParamError::new("per_page", "search-error-per-page", value)),
                },
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (state.year_from, state.year_to)
            && from > to
        {
            errors.push(ParamError::new(
                "year_from",
                "search-error-years-inverted",
                &format!("{from}–{to}"),
            ));
            state.year_from = None;
            state.year_to = None;
        }
        (state, errors)
    }

    /// The query string of this state (without `?`), parameters in a stable order.
    pub fn to_query(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        for (key, values) in [
            ("theme", &self.themes),
            ("public", &self.publics),
            ("structure", &self.structures),
            ("partner", &self.partners),
            ("region", &self.regions),
            ("department", &self.departments),
        ] {
            for value in values {
                out.append_pair(key, value);
            }
        }
        if let Some(commune) = &self.commune {
            out.append_pair("commune", commune);
        }
        if let Some(year) = self.year_from {
            out.append_pair("year_from", &year.to_string());
        }
        if let Some(year) = self.year_to {
            out.append_pair("year_to", &year.to_string());
        }
        if let Some(bbox) = &self.bbox {
            out.append_pair("bbox", &bbox.to_param());
        }
        if let Some(near) = &self.near {
            out.append_pair("near", near);
        }
        if let Some(radius) = self.radius_km {
            out.append_pair("radius_km", &format_number(radius));
        }
        if let Some(sort) = self.sort {
            out.append_pair("sort", sort.param());
        }
        if self.archived {
            out.append_pair("archived", "1");
        }
        if let Some(per_page) = self.per_page {
            out.append_pair("per_page", &per_page.to_string());
        }
        if self.page > 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// `path` with this state's query string.
    pub fn url(&self, path: &str) -> String {
        let query = self.to_query();
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }

    /// The same search from its first page (what every change of criteria leads to).
    pub fn first_page(&self) -> SearchState {
        SearchState {
            page: 1,
            ..self.clone()
        }
    }

    /// The values chosen for a criterion, as the URL gives them.
    pub fn values(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Theme => &self.themes,
            Facet::Public => &self.publics,
            Facet::Structure => &self.structures,
            Facet::Partner => &self.partners,
            Facet::Region => &self.regions,
            Facet::Department => &self.departments,
            Facet::Year => &[],
        }
    }

    fn values_mut(&mut self, facet: Facet) -> Option<&mut Vec<String>> {
        match facet {
            Facet::Theme => Some(&mut self.themes),
            Facet::Public => Some(&mut self.publics),
            Facet::Structure => Some(&mut self.structures),
            Facet::Partner => Some(&mut self.partners),
            Facet::Region => Some(&mut self.regions),
            Facet::Department => Some(&mut self.departments),
            Facet::Year => None,
        }
    }

    /// This search with `value` of `facet` ticked if it was not, unticked if it was.
    pub fn toggled(&self, facet: Facet, value: &str) -> SearchState {
        let mut next = self.first_page();
        if let Some(values) = next.values_mut(facet) {
            if let Some(at) = values.iter().position(|v| v == value) {
                values.remove(at);
            } else {
                values.push(value.to_owned());
            }
        }
        next
    }

    /// Whether anything narrows the search (words or criteria).
    pub fn is_narrowed(&self) -> bool {
        *self
            != SearchState {
                sort: self.sort,
                per_page: self.per_page,
                page: self.page,
                ..Default::default()
            }
    }

    /// Checks the values against the catalog and builds the engine's request; unknown
    /// values are reported and left out.
    pub fn resolve(&self, catalog: &Catalog) -> (Request, Vec<ParamError>) {
        let mut errors = Vec::new();
        let mut criteria = Criteria {
            text: self.q.clone(),
            archived: self.archived,
            years: YearRange {
                from: self.year_from,
                to: self.year_to,
            },
            bbox: self.bbox,
            ..Default::default()
        };
        let mut terms = |facet: Facet, values: &[String], into: &mut Vec<String>| {
            for value in values {
                if catalog.is_term(facet, value) {
                    into.push(value.clone());
                } else {
                    errors.push(ParamError::new(
                        facet.param(),
                        "search-error-unknown",
                        value,
                    ));
                }
            }
        };
        terms(Facet::Theme, &self.themes, &mut criteria.themes);
        terms(Facet::Public, &self.publics, &mut criteria.publics);
        terms(Facet::Structure, &self.structures, &mut criteria.structures);
        for slug in &self.partners {
            match catalog.partner_by_slug(slug) {
                Some(partner) => criteria.partners.push(partner.id),
                None => errors.push(ParamError::new("partner", "search-error-unknown", slug)),
            }
        }
        for code in &self.regions {
            if region_name(code).is_some() {
                criteria.regions.push(code.clone());
            } else {
                errors.push(ParamError::new("region", "search-error-unknown", code));
            }
        }
        for code in &self.departments {
            if is_department(code) {
                criteria.departments.push(code.clone());
            } else {
                errors.push(ParamError::new("department", "search-error-unknown", code));
            }
        }
        if let Some(insee) = &self.commune {
            if communes::commune(insee).is_some() {
                criteria.commune = Some(insee.clone());
            } else {
                errors.push(ParamError::new("commune", "search-error-unknown", insee));
            }
        }
        if let Some(near) = &self.near {
            match near_point(near) {
                Some((lat, lon)) => {
                    criteria.near = Some(Near {
                        lat,
                        lon,
                        radius_km: self.radius_km.unwrap_or(DEFAULT_RADIUS_KM),
                    })
                }
                None => errors.push(ParamError::new("near", "search-error-near", near)),
            }
        }
        let mut sort = self.sort.unwrap_or_default();
        if sort == Sort::Distance && criteria.near.is_none() {
            errors.push(ParamError::new(
                "sort",
                "search-error-distance-needs-place",
                sort.param(),
            ));
            sort = Sort::Relevance;
        }
        let per_page = self.per_page.unwrap_or(PER_PAGE);
        let request = Request {
            criteria,
            sort,
            offset: (self.page - 1).saturating_mul(per_page),
            limit: per_page,
            facets: true,
        };
        (request, errors)
    }
}

/// The point of `near`: a commune's town hall, or `lat,lon`.
pub fn near_point(near: &str) -> Option<(f64, f64)> {
    if let Some(commune) = communes::commune(near) {
        return Some((commune.lat, commune.lon));
    }
    let (lat, lon) = near.split_once(',')?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_survives_its_own_url() {
        let query = "q=jardin+partag%C3%A9&theme=ENV&theme=EDU&partner=reseau-a&region=53\
                     &department=29&year_from=2010&year_to=2020&bbox=-5%2C47%2C-1%2C49\
                     &near=29019&radius_km=15&sort=distance&archived=1&per_page=50&page=3";
        let (state, errors) = SearchState::from_query(query);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(state.q, "jardin partagé");
        assert_eq!(state.themes, vec!["ENV", "EDU"]);
        assert_eq!(state.page, 3);
        let (again, errors) = SearchState::from_query(&state.to_query());
        assert!(errors.is_empty());
        assert_eq!(again, state);
    }

    #[test]
    fn malformed_values_are_reported_and_left_out() {
        let (state, errors) = SearchState::from_query(
            "page=0&per_page=1000&sort=best&year_from=20x&bbox=1,2&radius_km=-3&theme=&theme=ENV&theme=ENV",
        );
        let params: Vec<&str> = errors.iter().map(|e| e.param.as_str()).collect();
        assert_eq!(
            params,
            vec!["page", "per_page", "sort", "year_from", "bbox", "radius_km"]
        );
        assert_eq!(state.page, 1);
        assert_eq!(state.themes, vec!["ENV"]);
        let (state, errors) = SearchState::from_query("year_from=2020&year_to=2010");
        assert_eq!(errors[0].key, "search-error-years-inverted");
        assert_eq!((state.year_from, state.year_to), (None, None));
    }

    #[test]
    fn toggling_a_value_adds_or_removes_it_and_restarts_at_page_one() {
        let (state, _) = SearchState::from_query("theme=ENV&page=4");
        let with = state.toggled(Facet::Theme, "EDU");
        assert_eq!(with.themes, vec!["ENV", "EDU"]);
        assert_eq!(with.page, 1);
        assert_eq!(with.toggled(Facet::Theme, "ENV").themes, vec!["EDU"]);
        assert!(state.is_narrowed());
        assert!(!SearchState::from_query("page=2&sort=name").0.is_narrowed());
    }

    #[test]
    fn places_are_communes_or_coordinates() {
        let (lat, lon) = near_point("75056").unwrap();
        assert!((lat - 48.86).abs() < 0.1 && (lon - 2.35).abs() < 0.1);
        assert_eq!(near_point("45.5, 4.8"), Some((45.5, 4.8)));
        assert_eq!(near_point("99999"), None);
        assert_eq!(near_point("95,4"), None);
    }
}
