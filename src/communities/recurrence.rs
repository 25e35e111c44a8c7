//! When an event happens: its wall-clock start repeated weekly or monthly (the same
//! weekday of the same week of the month, "first Tuesday"; a fifth weekday means the
//! last one) in its own time zone, so that a 10:00 meeting stays at 10:00 across
//! daylight-saving changes. The same rule is written as an RFC 5545 RRULE for calendars.
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

use super::model::Recurrence;
use crate::entities::community_event;

/// The instant of a wall-clock time in `tz`: the earlier one when clocks go back, an
/// hour later when the time does not exist (clocks went forward over it).
pub fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => to_utc(tz, local + Duration::hours(1)),
    }
}

/// Whether a wall-clock time exists in `tz` (not skipped by a change to summer time).
pub fn exists(tz: Tz, local: NaiveDateTime) -> bool {
    !matches!(tz.from_local_datetime(&local), LocalResult::None)
}

/// The event's time zone (Paris if the stored name is unknown).
pub fn zone(event: &community_event::Model) -> Tz {
    event.time_zone.parse().unwrap_or(chrono_tz::Europe::Paris)
}

fn byday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Which weekday of its month a date is: 1 to 4, or -1 for a fifth (the last).
pub fn week_of_month(date: NaiveDate) -> i8 {
    match (date.day() - 1) / 7 + 1 {
        5 => -1,
        n => n as i8,
    }
}

/// The `n`th (or last, -1) `weekday` of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i8) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)
    } else {
        let (ny, nm) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let mut day = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
        while day.weekday() != weekday {
            day = day.pred_opt()?;
        }
        Some(day)
    }
}

/// The RRULE of a repeating event (`None` for a single one).
pub fn rrule(event: &community_event::Model) -> Option<String> {
    let start = event.starts_local.date();
    let mut rule = match Recurrence::parse(&event.recurrence)? {
        Recurrence::None => return None,
        Recurrence::Weekly => format!("FREQ=WEEKLY;BYDAY={}", byday(start.weekday())),
        Recurrence::Monthly => format!(
            "FREQ=MONTHLY;BYDAY={}{}",
            week_of_month(start),
            byday(start.weekday())
        ),
    };
    if let Some(until) = event.repeat_until {
        // With a zoned DTSTART, UNTIL is the UTC instant of the last day's end.
        let last = to_utc(zone(event), until.and_hms_opt(23, 59, 59)?);
        rule.push_str(&format!(";UNTIL={}", last.format("%Y%m%dT%H%M%SZ")));
    }
    Some(rule)
}

/// One occurrence: its wall-clock start and its instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub local: NaiveDateTime,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Occurrences that end after `from` and start before `to`, in order, at most `limit`.
pub fn between(
    event: &community_event::Model,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Vec<Occurrence> {
    let tz = zone(event);
    let length = event.ends_local - event.starts_local;
    let first = event.starts_local;
    let recurrence = Recurrence::parse(&event.recurrence).unwrap_or(Recurrence::None);
    let mut out = Vec::new();
    // Ten years of weekly meetings at most.
    for k in 0..520u32 {
        let local = match recurrence {
            Recurrence::None if k > 0 => break,
            Recurrence::None => first,
            Recurrence::Weekly => first + Duration::weeks(i64::from(k)),
            Recurrence::Monthly => {
                let months = first.month0() + k;
                let year = first.year() + (months / 12) as i32;
                let month = months % 12 + 1;
                let n = week_of_month(first.date());
                match nth_weekday(year, month, first.weekday(), n) {
                    Some(day) => day.and_time(first.time()),
                    None => continue,
                }
            }
        };
        if event.repeat_until.is_some_and(|until| local.date() > until) {
            break;
        }
        let starts_at = to_utc(tz, local);
        if starts_at >= to {
            break;
        }
        let ends_at = to_utc(tz, local + length);
        if ends_at > from {
            out.push(Occurrence {
                local,
                starts_at,
                ends_at,
            });
            if out.len() >= limit {
                break;
            }
        }
    }
    out
}

/// The next occurrence not yet ended at `now`.
pub fn next(event: &community_event::Model, now: DateTime<Utc>) -> Option<Occurrence> {
    between(event, now, DateTime::<Utc>::MAX_UTC, 1).pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(start: &str, recurrence: &str, zone: &str) -> community_event::Model {
        let starts_local = NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M").unwrap();
        let tz: Tz = zone.parse().unwrap();
        community_event::Model {
            id: 1,
            community_id: 1,
            title: "Réunion".into(),
            description: String::new(),
            description_html: String::new(),
            starts_local,
            ends_local: starts_local + Duration::hours(2),
            time_zone: zone.into(),
            starts_at: to_utc(tz, starts_local),
            ends_at: to_utc(tz, starts_local + Duration::hours(2)),
            recurrence: recurrence.into(),
            repeat_until: None,
            place: "online".into(),
            commune_insee: None,
            department_code: None,
            region_code: None,
            address: String::new(),
            online_url: None,
            capacity: None,
            status: "scheduled".into(),
            created_by: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn a_weekly_paris_meeting_stays_at_ten_across_summer_time() {
        let e = event("2026-03-19T10:00", "weekly", "Europe/Paris");
        let got = between(
            &e,
            utc("2026-03-01T00:00:00Z"),
            utc("2026-04-03T00:00:00Z"),
            10,
        );
        let instants: Vec<_> = got.iter().map(|o| o.starts_at).collect();
        assert_eq!(
            instants,
            vec![
                utc("2026-03-19T09:00:00Z"),
                utc("2026-03-26T09:00:00Z"),
                utc("2026-04-02T08:00:00Z"),
            ]
        );
        assert_eq!(rrule(&e).unwrap(), "FREQ=WEEKLY;BYDAY=TH");
    }

    #[test]
    fn monthly_on_the_first_tuesday_or_the_last_weekday() {
        let e = event("2026-01-06T18:30", "monthly", "Europe/Paris");
        assert_eq!(rrule(&e).unwrap(), "FREQ=MONTHLY;BYDAY=1TU");
        let days: Vec<_> = between(
            &e,
            utc("2026-01-01T00:00:00Z"),
            utc("2026-04-30T00:00:00Z"),
            10,
        )
        .iter()
        .map(|o| o.local.date().to_string())
        .collect();
        assert_eq!(
            days,
            vec!["2026-01-06", "2026-02-03", "2026-03-03", "2026-04-07"]
        );
        let last = event("2026-01-29T18:30", "monthly", "Europe/Paris");
        assert_eq!(rrule(&last).unwrap(), "FREQ=MONTHLY;BYDAY=-1TH");
        let next = between(
            &last,
            utc("2026-02-01T00:00:00Z"),
            utc("2026-03-01T00:00:00Z"),
            1,
        );
        assert_eq!(next[0].local.date().to_string(), "2026-02-26");
    }

    #[test]
    fn overseas_zones_keep_their_own_time() {
        let e = event("2026-03-19T10:00", "none", "America/Cayenne");
        assert_eq!(e.starts_at, utc("2026-03-19T13:00:00Z"));
        let gap = NaiveDateTime::parse_from_str("2026-03-29T02:30", "%Y-%m-%dT%H:%M").unwrap();
        assert!(!exists(chrono_tz::Europe::Paris, gap));
    }
}
