//! The optional online geocoder: the national address API (Base Adresse Nationale,
//! `api-adresse.data.gouv.fr`) places a street address more precisely than its commune.
//! Off by default (`[geocoder] online = true` turns it on); every answer, found or not,
//! is cached in the database (`geocode_cache`) so an address is asked once; requests
//! are spaced by `min_interval_ms`. Consolidation asks it before its write
//! transactions and reads the cache inside them.
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::config::GeocoderSettings;
use crate::entities::geocode_cache;

/// A point the address API gave, with the commune it lies in.
#[derive(Debug, Clone, PartialEq)]
pub struct AddressPoint {
    pub lat: f64,
    pub lon: f64,
    pub insee: Option<String>,
}

/// The address API's client, shared by every consolidation.
pub struct OnlineGeocoder {
    url: url::Url,
    client: reqwest::Client,
    min_interval: Duration,
    last_request: Mutex<Option<Instant>>,
}

/// Answers below this score are guesses, not addresses.
const MIN_SCORE: f64 = 0.5;

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    geometry: Geometry,
    properties: Properties,
}

#[derive(Deserialize)]
struct Geometry {
    /// Longitude first (GeoJSON).
    coordinates: (f64, f64),
}

#[derive(Deserialize)]
struct Properties {
    #[serde(default)]
    score: f64,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    citycode: Option<String>,
}

/// The cache key of an address: its words, lower-case, single-spaced.
pub fn query_of(address: &str, postcode: Option<&str>, commune: Option<&str>) -> String {
    [Some(address), postcode, commune]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl OnlineGeocoder {
    /// The geocoder the settings ask for, or none when it is off; requests name the hub
    /// (`public_url`) in their user agent.
    pub fn from_settings(
        settings: &GeocoderSettings,
        public_url: &str,
    ) -> anyhow::Result<Option<Self>> {
        if !settings.online {
            return Ok(None);
        }
        Ok(Some(Self {
            url: url::Url::parse(&settings.url)?,
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(settings.timeout_secs))
                .user_agent(crate::crawler::fetch::user_agent(public_url))
                .build()?,
            min_interval: Duration::from_millis(settings.min_interval_ms),
            last_request: Mutex::new(None),
        }))
    }

    /// Makes sure the cache holds an answer for `query` (asking the API on a miss).
    /// A failed request is not cached: it is asked again next time.
    pub async fn ensure_cached(&self, db: &DatabaseConnection, query: &str) -> anyhow::Result<()> {
        if geocode_cache::Entity::find_by_id(query.to_owned())
            .one(db)
            .await?
            .is_some()
        {
            return Ok(());
        }
        let point = self.ask(query).await?;
        let row = geocode_cache::ActiveModel {
            query: Set(query.to_owned()),
            lat: Set(point.as_ref().map(|p| p.lat)),
            lon: Set(point.as_ref().map(|p| p.lon)),
            insee: Set(point.and_then(|p| p.insee)),
            fetched_at: Set(Utc::now()),
        };
        geocode_cache::Entity::insert(row)
            .on_conflict(
                sea_orm::sea_query::OnConflict::column(geocode_cache::Column::Query)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        Ok(())
    }

    async fn ask(&self, query: &str) -> anyhow::Result<Option<AddressPoint>> {
        {
            // One request at a time, spaced by the minimum interval.
            let mut last = self.last_request.lock().await;
            if let Some(at) = *last {
                let wait = self.min_interval.saturating_sub(at.elapsed());
                tokio::time::sleep(wait).await;
            }
            *last = Some(Instant::now());
        }
        let mut url = self.url.clone();
        url.query_pairs_mut()
            .append_pair("q", query)
            .append_pair("limit", "1");
        let response = self.client.get(url).send().await?.error_for_status()?;
        let answer: Answer = response.json().await?;
        Ok(answer
            .features
            .into_iter()
            .next()
            .filter(|f| f.properties.score >= MIN_SCORE)
            // A commune's centre is what the bundled communes already give.
            .filter(|f| {
                matches!(
                    f.properties.kind.as_str(),
                    "housenumber" | "street" | "locality"
                )
            })
            .map(|f| AddressPoint {
                lon: f.geometry.coordinates.0,
                lat: f.geometry.coordinates.1,
                insee: f.properties.citycode,
            }))
    }
}

/// The cached point of `query`, if the API found one.
pub async fn cached<C: ConnectionTrait>(
    conn: &C,
    query: &str,
) -> anyhow::Result<Option<AddressPoint>> {
    Ok(geocode_cache::Entity::find_by_id(query.to_owned())
        .one(conn)
        .await?
        .and_then(|row| {
            Some(AddressPoint {
                lat: row.lat?,
                lon: row.lon?,
                insee: row.insee,
            })
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised() {
        assert_eq!(
            query_of("  12 Rue  des Lilas ", Some("69003"), Some("Lyon")),
            "12 rue des lilas 69003 lyon"
        );
    }
}
