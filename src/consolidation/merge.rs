//! A project's values from all the listings that describe it, and which listing gave
//! each value (provenance). The rule, per field (documented in docs/data-model.md):
//!
//! - title: the first listing (the project keeps its name while others join);
//! - summary, description, holder, address: the most complete (longest) value;
//! - place (postcode, commune, department, region, coordinates): the most precise
//!   (own coordinates, then commune, then department);
//! - web site, social links, mail address, image, distinctions, start date: the most
//!   recently seen value;
//!
//! ties go to the most recently seen listing.
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::mapping::ProjectFields;
use super::similarity::{Profile, html_text};

/// One partner's listing of a project, as its record says now.
#[derive(Debug, Clone)]
pub struct Listing {
    pub attribution_id: i64,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub fields: ProjectFields,
    pub place: Option<Place>,
}

/// Where a listing puts its project.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub insee: Option<String>,
    pub department: Option<String>,
    pub region: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// `address` (the listing's own coordinates), `commune` or `department`.
    pub precision: &'static str,
}

impl Place {
    fn rank(&self) -> u8 {
        match self.precision {
            "address" => 3,
            "commune" => 2,
            _ => 1,
        }
    }
}

/// Where a listing is, from its coordinates, postcode, commune, department or address.
pub fn place_of(fields: &ProjectFields) -> Option<Place> {
    use crate::geo::{Precision, Resolution};
    let mut resolution = crate::geo::resolve(
        fields.postcode.as_deref(),
        fields.commune.as_deref(),
        fields.department.as_deref(),
    );
    if !matches!(resolution, Resolution::Found { .. })
        && let Some(commune) = fields.insee.as_deref().and_then(crate::geo::commune)
    {
        resolution = Resolution::Found {
            insee: commune.insee,
            arrondissement: None,
            precision: commune.precision,
            lat: commune.lat,
            lon: commune.lon,
        };
    }
    if !matches!(resolution, Resolution::Found { .. })
        && let Some(address) = &fields.address
    {
        resolution = crate::geo::resolve_address(address);
    }
    let found = match resolution {
        Resolution::Found {
            insee,
            precision,
            lat,
            lon,
            ..
        } => crate::geo::commune(insee).map(|commune| (commune, precision, lat, lon)),
        _ => None,
    };
    let own = fields.latitude.zip(fields.longitude);
    match (found, own) {
        (Some((commune, precision, lat, lon)), own) => Some(Place {
            insee: Some(commune.insee.to_owned()),
            department: Some(commune.department.to_owned()),
            region: Some(commune.region.to_owned()),
            lat: own.map_or(lat, |o| o.0),
            lon: own.map_or(lon, |o| o.1),
            precision: match (own, precision) {
                (Some(_), _) => "address",
                (None, Precision::Department) => "department",
                (None, _) => "commune",
            },
        }),
        (None, Some((lat, lon))) => Some(Place {
            insee: None,
            department: None,
            region: None,
            lat,
            lon,
            precision: "address",
        }),
        (None, None) => None,
    }
}

/// What is compared of a listing when looking for its duplicates.
pub fn profile(fields: &ProjectFields, place: Option<&Place>) -> Profile {
    let mut text = fields.summary.clone().unwrap_or_default();
    if let Some(html) = &fields.description_html {
        text.push(' ');
        text.push_str(&html_text(html));
    }
    Profile {
        title: fields.title.clone().unwrap_or_default(),
        text,
        email: fields.email.clone(),
        website: fields.website.clone(),
        commune: place.and_then(|p| p.insee.clone()),
        department: place.and_then(|p| p.department.clone()),
    }
}

/// A project's values as chosen from its listings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chosen {
    pub title: String,
    pub summary: Option<String>,
    pub description_html: Option<String>,
    pub holder_name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub place: Option<Place>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub image_url: Option<String>,
    pub social_links: Vec<String>,
    pub distinctions: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub start_year: Option<i32>,
    /// Field → attribution id of the listing that gave it.
    pub provenance: BTreeMap<&'static str, i64>,
}

/// Chooses every value among `listings` (at least one, each with a title).
pub fn choose(listings: &[Listing]) -> Chosen {
    // Most recently seen first, so that `max_by_key`/`find` break ties towards it.
    let mut recent: Vec<&Listing> = listings.iter().collect();
    recent.sort_by_key(|l| (std::cmp::Reverse(l.last_seen_at), l.attribution_id));
    let mut chosen = Chosen::default();

    if let Some(first) = listings
        .iter()
        .filter(|l| l.fields.title.is_some())
        .min_by_key(|l| (l.first_seen_at, l.attribution_id))
    {
        chosen.title = first.fields.title.clone().unwrap_or_default();
        chosen.provenance.insert("title", first.attribution_id);
    }

    let mut longest = |name: &'static str, get: fn(&ProjectFields) -> &Option<String>| {
        let best = recent
            .iter()
            .filter_map(|l| get(&l.fields).as_ref().map(|v| (l, v)))
            .rev()
            .max_by_key(|(_, v)| v.chars().count());
        best.map(|(l, v)| {
            chosen.provenance.insert(name, l.attribution_id);
            v.clone()
        })
    };
    let summary = longest("summary", |f| &f.summary);
    let description_html = longest("description", |f| &f.description_html);
    let holder_name = longest("holder_name", |f| &f.holder_name);
    let address = longest("address", |f| &f.address);
    chosen.summary = summary;
    chosen.description_html = description_html;
    chosen.holder_name = holder_name;
    chosen.address = address;

    if let Some(l) = recent
        .iter()
        .rev()
        .filter(|l| l.place.is_some())
        .max_by_key(|l| l.place.as_ref().map(Place::rank))
    {
        chosen.place = l.place.clone();
        chosen.postcode = l.fields.postcode.clone();
        chosen.provenance.insert("place", l.attribution_id);
    } else if let Some(l) = recent.iter().find(|l| l.fields.postcode.is_some()) {
        chosen.postcode = l.fields.postcode.clone();
        chosen.provenance.insert("place", l.attribution_id);
    }

    let mut latest = |name: &'static str, has: fn(&ProjectFields) -> bool| {
        let found = recent.iter().find(|l| has(&l.fields)).copied();
        if let Some(l) = found {
            chosen.provenance.insert(name, l.attribution_id);
        }
        found
    };
    let website = latest("website", |f| f.website.is_some());
    let email = latest("email", |f| f.email.is_some());
    let image = latest("image", |f| f.image_url.is_some());
    let social = latest("social_links", |f| !f.social_links.is_empty());
    let distinctions = latest("distinctions", |f| !f.distinctions.is_empty());
    let start = latest("start", |f| {
        f.start_year.is_some() || f.start_date.is_some()
    });
    chosen.website = website.and_then(|l| l.fields.website.clone());
    chosen.email = email.and_then(|l| l.fields.email.clone());
    chosen.image_url = image.and_then(|l| l.fields.image_url.clone());
    chosen.social_links = social
        .map(|l| l.fields.social_links.clone())
        .unwrap_or_default();
    chosen.distinctions = distinctions
        .map(|l| l.fields.distinctions.clone())
        .unwrap_or_default();
    chosen.start_date = start.and_then(|l| l.fields.start_date);
    chosen.start_year = start.and_then(|l| l.fields.start_year);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn listing(id: i64, day: u32, fields: ProjectFields) -> Listing {
        let at = Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap();
        let place = place_of(&fields);
        Listing {
            attribution_id: id,
            first_seen_at: at,
            last_seen_at: at,
            fields,
            place,
        }
    }

    #[test]
    fn each_field_follows_its_rule_and_says_where_it_comes_from() {
        let first = listing(
            1,
            1,
            ProjectFields {
                title: Some("Jardin des Lilas".into()),
                summary: Some("Un jardin.".into()),
                commune: Some("Lyon".into()),
                website: Some("https://old.example.org/".into()),
                ..Default::default()
            },
        );
        let second = listing(
            2,
            5,
            ProjectFields {
                title: Some("Le jardin des Lilas – porté par Terre Vive".into()),
                summary: Some("Un jardin partagé ouvert à tous.".into()),
                postcode: Some("69003".into()),
                commune: Some("Lyon".into()),
                latitude: Some(45.76),
                longitude: Some(4.85),
                website: Some("https://new.example.org/".into()),
                ..Default::default()
            },
        );
        let chosen = choose(&[first, second]);
        assert_eq!(chosen.title, "Jardin des Lilas");
        assert_eq!(
            chosen.summary.as_deref(),
            Some("Un jardin partagé ouvert à tous.")
        );
        assert_eq!(chosen.website.as_deref(), Some("https://new.example.org/"));
        let place = chosen.place.unwrap();
        assert_eq!(place.precision, "address");
        assert_eq!(place.insee.as_deref(), Some("69123"));
        assert_eq!(chosen.provenance["title"], 1);
        assert_eq!(chosen.provenance["summary"], 2);
        assert_eq!(chosen.provenance["place"], 2);
    }
}
