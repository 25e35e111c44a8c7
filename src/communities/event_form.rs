//! The event form: what was typed (kept on error) and its parse, every mistake named
//! next to its field: an end before the start, a time that does not exist in the zone,
//! an unknown commune, a capacity below the seats already taken.
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::form::push;
use super::model::{Place, Recurrence};
use super::recurrence::{exists, to_utc};
use crate::error::FieldErrors;
use crate::web::forms::{check_length, http_url};

/// Zones offered first (France and its overseas territories); any IANA name is accepted.
pub const ZONES: &[&str] = &[
    "Europe/Paris",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "America/Miquelon",
    "Pacific/Noumea",
    "Pacific/Tahiti",
    "Pacific/Wallis",
];

/// The fields as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DDTHH:MM` (an `<input type="datetime-local">`).
    pub starts: String,
    pub ends: String,
    pub time_zone: String,
    pub recurrence: String,
    pub repeat_until: String,
    pub place: String,
    pub commune: String,
    pub address: String,
    pub online_url: String,
    pub capacity: String,
}

/// An event as the database keeps it.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub title: String,
    pub description: String,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub time_zone: Tz,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub recurrence: Recurrence,
    pub repeat_until: Option<NaiveDate>,
    pub place: Place,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub address: String,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
}

/// What the parse checks against.
pub struct Limits {
    pub now: DateTime<Utc>,
    /// Seats already taken (editing), which the capacity may not go below.
    pub going: u64,
    /// A new event may not start in the past.
    pub is_new: bool,
}

fn local(errors: &mut FieldErrors, field: &str, text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() {
        push(errors, field, "field-required");
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"));
    match parsed {
        Ok(t) => Some(t),
        Err(_) => {
            push(errors, field, "community-event-time-invalid");
            None
        }
    }
}

impl EventForm {
    pub fn parse(&self, limits: &Limits) -> Result<EventInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = check_length(&mut errors, "title", &self.title, 3, 200);
        let description = check_length(&mut errors, "description", &self.description, 0, 20_000);
        let zone_name = match self.time_zone.trim() {
            "" => "Europe/Paris",
            name => name,
        };
        let time_zone: Option<Tz> = zone_name.parse().ok();
        if time_zone.is_none() {
            push(&mut errors, "time_zone", "community-event-zone-unknown");
        }
        let starts = local(&mut errors, "starts", &self.starts);
        let ends = local(&mut errors, "ends", &self.ends);
        if let (Some(tz), Some(s)) = (time_zone, starts)
            && !exists(tz, s)
        {
            push(&mut errors, "starts", "community-event-time-gap");
        }
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            push(&mut errors, "ends", "community-event-end-before-start");
        }
        if let (Some(s), Some(e)) = (starts, ends)
            && e - s > chrono::Duration::days(14)
        {
            push(&mut errors, "ends", "community-event-too-long");
        }
        if let (Some(tz), Some(s), true) = (time_zone, starts, limits.is_new)
            && to_utc(tz, s) < limits.now
        {
            push(&mut errors, "starts", "community-event-in-past");
        }
        let recurrence = Recurrence::parse(match self.recurrence.trim() {
            "" => "none",
            r => r,
        });
        if recurrence.is_none() {
            push(
                &mut errors,
                "recurrence",
                "community-event-recurrence-invalid",
            );
        }
        let repeat_until = match self.repeat_until.trim() {
            "" => None,
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(d) if starts.is_some_and(|s| d < s.date()) => {
                    push(
                        &mut errors,
                        "repeat_until",
                        "community-event-until-before-start",
                    );
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    push(&mut errors, "repeat_until", "community-event-date-invalid");
                    None
                }
            },
        };
        let place = Place::parse(&self.place);
        let (mut commune_insee, mut department_code, mut region_code) = (None, None, None);
        let mut online_url = None;
        match place {
            Some(Place::Commune) => match crate::board::form::find_commune(&self.commune) {
                Ok(c) => {
                    commune_insee = Some(c.insee.to_owned());
                    department_code = Some(c.department.to_owned());
                    region_code = Some(c.region.to_owned());
                }
                Err(key) => push(&mut errors, "commune", key),
            },
            Some(Place::Online) => match http_url(self.online_url.trim()) {
                Some(url) => online_url = Some(url.to_string()),
                None => push(&mut errors, "online_url", "community-event-url-invalid"),
            },
            None => push(&mut errors, "place", "community-event-place-required"),
        }
        let address = check_length(&mut errors, "address", &self.address, 0, 300);
        let capacity = match self.capacity.trim() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(n) if (1..=100_000).contains(&n) => {
                    if (n as u64) < limits.going {
                        push(&mut errors, "capacity", "community-event-capacity-below");
                    }
                    Some(n)
                }
                _ => {
                    push(&mut errors, "capacity", "community-event-capacity-invalid");
                    None
                }
            },
        };
        match (time_zone, starts, ends, recurrence, place) {
            (Some(tz), Some(s), Some(e), Some(recurrence), Some(place)) if errors.is_empty() => {
                Ok(EventInput {
                    title,
                    description,
                    starts_local: s,
                    ends_local: e,
                    time_zone: tz,
                    starts_at: to_utc(tz, s),
                    ends_at: to_utc(tz, e),
                    recurrence,
                    repeat_until: if recurrence == Recurrence::None {
                        None
                    } else {
                        repeat_until
                    },
                    place,
                    commune_insee,
                    department_code,
                    region_code,
                    address,
                    online_url,
                    capacity,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            now: DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
                .unwrap()
                .to_utc(),
            going: 12,
            is_new: true,
        }
    }

    fn valid() -> EventForm {
        EventForm {
            title: "Atelier cuisine anti-gaspi".into(),
            starts: "2026-03-19T10:00".into(),
            ends: "2026-03-19T12:00".into(),
            place: "commune".into(),
            commune: "Redon".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses_in_paris_by_default() {
        let input = valid().parse(&limits()).unwrap();
        assert_eq!(input.time_zone, chrono_tz::Europe::Paris);
        assert_eq!(input.starts_at.to_rfc3339(), "2026-03-19T09:00:00+00:00");
        assert_eq!(input.commune_insee.as_deref(), Some("35236"));
    }

    #[test]
    fn mistakes_are_named_by_field() {
        let mut form = valid();
        form.ends = "2026-03-19T09:00".into();
        form.commune = "Nulle-Part-sur-Rien".into();
        form.capacity = "10".into();
        form.time_zone = "Mars/Olympus".into();
        let errors = form.parse(&limits()).unwrap_err();
        assert_eq!(errors["ends"], vec!["community-event-end-before-start"]);
        assert_eq!(errors["commune"], vec!["board-commune-unknown"]);
        assert_eq!(errors["capacity"], vec!["community-event-capacity-below"]);
        assert_eq!(errors["time_zone"], vec!["community-event-zone-unknown"]);
    }

    #[test]
    fn a_skipped_hour_is_refused() {
        let mut form = valid();
        form.starts = "2026-03-29T02:30".into();
        form.ends = "2026-03-29T04:00".into();
        let errors = form.parse(&limits()).unwrap_err();
        assert_eq!(errors["starts"], vec!["community-event-time-gap"]);
    }
}
