//! The request form: what was typed (kept and shown again on error) and its parse into
//! a [`RequestInput`], every mistake named next to its field.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{AnswerMode, Contract, Kind, PayPeriod, Reach};
use crate::error::FieldErrors;
use crate::geo::communes;
use crate::web::forms::{Email, check_length, http_url};

/// The fields as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// `partner:{id}` or `project:{id}`.
    pub on_behalf: String,
    /// Project ids or page addresses, one per line or separated by commas.
    pub projects: String,
    pub territory: String,
    pub commune: String,
    pub department: String,
    pub region: String,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub contract: String,
    pub pay_min: String,
    pub pay_max: String,
    pub pay_period: String,
    pub workload: String,
    pub starts_on: String,
    pub ends_on: String,
    pub deadline: String,
    pub answer_mode: String,
    pub answer_url: String,
    pub answer_email: String,
    /// Left empty by people; bots fill it.
    pub website: String,
}

/// On whose behalf a request is posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnBehalf {
    Partner(i64),
    /// A project the poster holds.
    Project(i64),
}

impl OnBehalf {
    pub fn parse(text: &str) -> Option<Self> {
        let (what, id) = text.split_once(':')?;
        let id: i64 = id.parse().ok()?;
        match what {
            "partner" => Some(OnBehalf::Partner(id)),
            "project" => Some(OnBehalf::Project(id)),
            _ => None,
        }
    }

    pub fn code(self) -> String {
        match self {
            OnBehalf::Partner(id) => format!("partner:{id}"),
            OnBehalf::Project(id) => format!("project:{id}"),
        }
    }
}

/// A place, resolved against the bundled list of communes.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub reach: Reach,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// A pay range in euros per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pay {
    pub min: Option<i32>,
    pub max: Option<i32>,
    pub period: PayPeriod,
}

/// What the poster may choose from, checked by the parse.
pub struct Choices {
    /// Ids of the partners the poster may post for.
    pub partners: Vec<i64>,
    /// Ids of the projects the poster holds.
    pub held_projects: Vec<i64>,
    /// Theme and public codes of the thesaurus.
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub today: NaiveDate,
}

/// A request as the database keeps it, before its status.
#[derive(Debug, Clone)]
pub struct RequestInput {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub on_behalf: OnBehalf,
    /// Referenced projects (checked against the poster's rights by the caller).
    pub projects: Vec<i64>,
    pub place: Place,
    pub terms: Vec<String>,
    pub contract: Option<Contract>,
    pub pay: Option<Pay>,
    pub workload: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub deadline: NaiveDate,
    pub answer_mode: AnswerMode,
    pub answer_url: Option<String>,
    pub answer_email: Option<String>,
}

/// A deadline may be set up to a year ahead.
pub const MAX_DEADLINE_DAYS: i64 = 366;

fn push(errors: &mut FieldErrors, field: &str, key: &str) {
    errors.entry(field.into()).or_default().push(key.into());
}

fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

fn date(errors: &mut FieldErrors, field: &str, text: &str) -> Option<NaiveDate> {
    let text = optional(text)?;
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            push(errors, field, "board-date-invalid");
            None
        }
    }
}

fn euros(errors: &mut FieldErrors, field: &str, text: &str) -> Option<i32> {
    let text = optional(text)?;
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    match digits.parse::<i32>() {
        Ok(n) if (0..=10_000_000).contains(&n) => Some(n),
        _ => {
            push(errors, field, "board-pay-invalid");
            None
        }
    }
}

/// The commune typed as an INSEE code, a postcode or a name (one match only).
pub fn find_commune(text: &str) -> Result<&'static communes::Commune, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Err("field-required");
    }
    let index = communes::index();
    if let Some(c) = index.commune(&text.to_ascii_uppercase()) {
        return Ok(c);
    }
    // "Lille (59)" or "59000 Lille": the code narrows the name.
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let name: String = text
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '(' | ')'))
        .collect();
    let key = crate::geo::normalise::normalise(&name);
    let mut found: Vec<&communes::Commune> = if key.is_empty() {
        index.by_postcode(&digits)
    } else {
        index.by_name_key(&key)
    };
    if !key.is_empty() && !digits.is_empty() {
        found.retain(|c| c.postcodes.contains(&digits.as_str()) || c.department == digits);
    }
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err("board-commune-unknown"),
        _ => Err("board-commune-ambiguous"),
    }
}

/// Reads the place fields of a form: `territory` and the commune, department or region
/// it needs.
pub fn parse_place(
    errors: &mut FieldErrors,
    territory: &str,
    commune: &str,
    department: &str,
    region: &str,
) -> Option<Place> {
    let Some(reach) = Reach::parse(territory) else {
        push(errors, "territory", "board-territory-required");
        return None;
    };
    let empty = Place {
        reach,
        commune_insee: None,
        department_code: None,
        region_code: None,
        latitude: None,
        longitude: None,
    };
    match reach {
        Reach::France | Reach::Remote => Some(empty),
        Reach::Commune => match find_commune(commune) {
            Ok(c) => Some(Place {
                commune_insee: Some(c.insee.into()),
                department_code: Some(c.department.into()),
                region_code: Some(c.region.into()),
                latitude: Some(c.lat),
                longitude: Some(c.lon),
                ..empty
            }),
            Err(key) => {
                push(errors, "commune", key);
                None
            }
        },
        Reach::Department => {
            match optional(department).and_then(|d| communes::index().department(d)) {
                Some(d) => Some(Place {
                    department_code: Some(d.code.into()),
                    region_code: Some(d.region.into()),
                    latitude: Some(d.lat),
                    longitude: Some(d.lon),
                    ..empty
                }),
                None => {
                    push(errors, "department", "board-department-unknown");
                    None
                }
            }
        }
        Reach::Region => {
            let code = region.trim();
            match communes::regions().iter().find(|(c, _)| *c == code) {
                Some((c, _)) => Some(Place {
                    region_code: Some((*c).into()),
                    ..empty
                }),
                None => {
                    push(errors, "region", "board-region-unknown");
                    None
                }
            }
        }
    }
}

/// Project ids in the text: numbers, or project page addresses (`/projets/{id}-…`).
pub fn project_ids(text: &str) -> Result<Vec<i64>, String> {
    let mut ids = Vec::new();
    for piece in text.split([',', '\n', ' ', ';']).map(str::trim) {
        if piece.is_empty() {
            continue;
        }
        let tail = piece.rsplit("/projets/").next().unwrap_or(piece);
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<i64>() {
            Ok(id) if !ids.contains(&id) => ids.push(id),
            Ok(_) => {}
            Err(_) => return Err(piece.to_owned()),
        }
    }
    Ok(ids)
}

impl RequestForm {
    /// The input, or every mistake by field.
    pub fn parse(&self, choices: &Choices) -> Result<RequestInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !self.website.trim().is_empty() {
            push(&mut errors, "form", "board-honeypot");
        }
        let kind = Kind::parse(&self.kind);
        if kind.is_none() {
            push(&mut errors, "kind", "board-kind-required");
        }
        let title = check_length(&mut errors, "title", &self.title, 8, 160);
        let description = check_length(&mut errors, "description", &self.description, 30, 20_000);
        let on_behalf = OnBehalf::parse(&self.on_behalf).filter(|b| match b {
            OnBehalf::Partner(id) => choices.partners.contains(id),
            OnBehalf::Project(id) => choices.held_projects.contains(id),
        });
        if on_behalf.is_none() {
            push(&mut errors, "on_behalf", "board-on-behalf-required");
        }
        let projects = match project_ids(&self.projects) {
            Ok(ids) if ids.len() <= 20 => ids,
            Ok(_) => {
                push(&mut errors, "projects", "board-projects-too-many");
                Vec::new()
            }
            Err(_) => {
                push(&mut errors, "projects", "board-projects-invalid");
                Vec::new()
            }
        };
        let place = parse_place(
            &mut errors,
            &self.territory,
            &self.commune,
            &self.department,
            &self.region,
        );
        let mut terms = Vec::new();
        for code in &self.themes {
            if choices.themes.contains(code) {
                terms.push(code.clone());
            } else {
                push(&mut errors, "themes", "board-term-unknown");
            }
        }
        if terms.is_empty() && !errors.contains_key("themes") {
            push(&mut errors, "themes", "board-themes-required");
        }
        for code in &self.publics {
            if choices.publics.contains(code) {
                terms.push(code.clone());
            } else {
                push(&mut errors, "publics", "board-term-unknown");
            }
        }
        let is_job = kind == Some(Kind::Job);
        let contract = optional(&self.contract).map(Contract::parse);
        let contract = match contract {
            Some(Some(c)) => Some(c),
            Some(None) => {
                push(&mut errors, "contract", "board-contract-unknown");
                None
            }
            None => {
                if is_job {
                    push(&mut errors, "contract", "board-contract-required");
                }
                None
            }
        };
        let pay_min = euros(&mut errors, "pay_min", &self.pay_min);
        let pay_max = euros(&mut errors, "pay_max", &self.pay_max);
        let pay = if pay_min.is_some() || pay_max.is_some() {
            if let (Some(min), Some(max)) = (pay_min, pay_max)
                && min > max
            {
                push(&mut errors, "pay_max", "board-pay-inverted");
            }
            match PayPeriod::parse(&self.pay_period) {
                Some(period) => Some(Pay {
                    min: pay_min,
                    max: pay_max,
                    period,
                }),
                None => {
                    push(&mut errors, "pay_period", "board-pay-period-required");
                    None
                }
            }
        } else {
            None
        };
        let workload = optional(&self.workload).map(str::to_owned);
        if workload.as_ref().is_some_and(|w| w.chars().count() > 200) {
            push(&mut errors, "workload", "field-too-long");
        }
        let starts_on = date(&mut errors, "starts_on", &self.starts_on);
        let ends_on = date(&mut errors, "ends_on", &self.ends_on);
        if let (Some(start), Some(end)) = (starts_on, ends_on)
            && end < start
        {
            push(&mut errors, "ends_on", "board-dates-inverted");
        }
        let deadline = match optional(&self.deadline) {
            None => {
                push(&mut errors, "deadline", "field-required");
                None
            }
            Some(_) => date(&mut errors, "deadline", &self.deadline),
        };
        if let Some(d) = deadline {
            if d < choices.today {
                push(&mut errors, "deadline", "board-deadline-past");
            } else if (d - choices.today).num_days() > MAX_DEADLINE_DAYS {
                push(&mut errors, "deadline", "board-deadline-too-far");
            }
        }
        let answer_mode = AnswerMode::parse(&self.answer_mode);
        let (mut answer_url, mut answer_email) = (None, None);
        match answer_mode {
            None => push(&mut errors, "answer_mode", "board-answer-mode-required"),
            Some(AnswerMode::Carrefour) => {}
            Some(AnswerMode::Link) => match http_url(self.answer_url.trim()) {
                Some(url) => answer_url = Some(url.to_string()),
                None => push(&mut errors, "answer_url", "board-answer-url-invalid"),
            },
            Some(AnswerMode::Email) => match Email::parse(&self.answer_email) {
                Ok(email) => answer_email = Some(email.as_str().to_owned()),
                Err(key) => push(&mut errors, "answer_email", key),
            },
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        match (kind, on_behalf, place, deadline, answer_mode) {
            (Some(kind), Some(on_behalf), Some(place), Some(deadline), Some(answer_mode)) => {
                Ok(RequestInput {
                    kind,
                    title,
                    description,
                    on_behalf,
                    projects,
                    place,
                    terms,
                    contract: if is_job { contract } else { None },
                    pay,
                    workload,
                    starts_on,
                    ends_on,
                    deadline,
                    answer_mode,
                    answer_url,
                    answer_email,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> Choices {
        Choices {
            partners: vec![7],
            held_projects: vec![42],
            themes: vec!["ECO".into()],
            publics: vec!["PUB-JEUNES".into()],
            today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        }
    }

    fn valid() -> RequestForm {
        RequestForm {
            kind: "job".into(),
            title: "Chargé·e de mission évaluation".into(),
            description: "Nous cherchons une personne pour évaluer l'impact du projet.".into(),
            on_behalf: "partner:7".into(),
            projects: "42, https://hub.example/projets/43-jardin".into(),
            territory: "commune".into(),
            commune: "Lille (59)".into(),
            themes: vec!["ECO".into()],
            contract: "cdd".into(),
            pay_min: "2 000".into(),
            pay_max: "2500".into(),
            pay_period: "month".into(),
            deadline: "2026-12-20".into(),
            answer_mode: "carrefour".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let input = valid().parse(&choices()).unwrap();
        assert_eq!(input.kind, Kind::Job);
        assert_eq!(input.projects, vec![42, 43]);
        assert_eq!(input.place.commune_insee.as_deref(), Some("59350"));
        assert_eq!(input.pay.unwrap().min, Some(2000));
    }

    #[test]
    fn mistakes_are_named_by_field() {
        let mut form = valid();
        form.deadline = "2026-12-01".into();
        form.pay_min = "3000".into();
        form.commune = "Nulle-Part-sur-Rien".into();
        form.contract = String::new();
        form.on_behalf = "partner:8".into();
        let errors = form.parse(&choices()).unwrap_err();
        assert_eq!(errors["deadline"], vec!["board-deadline-past"]);
        assert_eq!(errors["pay_max"], vec!["board-pay-inverted"]);
        assert_eq!(errors["commune"], vec!["board-commune-unknown"]);
        assert_eq!(errors["contract"], vec!["board-contract-required"]);
        assert_eq!(errors["on_behalf"], vec!["board-on-behalf-required"]);
    }

    #[test]
    fn communes_by_code_postcode_or_name() {
        assert_eq!(find_commune("59350").unwrap().name, "Lille");
        assert_eq!(find_commune("59000").unwrap().insee, "59350");
        assert_eq!(find_commune("Saint-Denis"), Err("board-commune-ambiguous"));
        assert_eq!(find_commune("Saint-Denis (93)").unwrap().insee, "93066");
    }
}
