//! The trends page's query, parsed at the edge in three independent parts — the scope
//! (territory, theme), the emerging-themes settings (period, level, minimum) and the
//! territories compared — so that a mistake in one part leaves the others working.
use serde::{Deserialize, Serialize};

use super::figures::{Area, ProjectSet, ThemeLevel};
use crate::error::FieldErrors;
use crate::taxonomy::{Term, Terms};
use crate::territories::atlas::{Atlas, Department, Region};
use crate::web::Lang;

/// Lengths (in months) of the windows emerging themes are compared over.
pub const PERIODS: [u32; 4] = [3, 6, 12, 24];
pub const DEFAULT_PERIOD: u32 = 12;
/// Projects a theme needs in each window to be ranked by default.
pub const DEFAULT_MINIMUM: i64 = 10;
pub const MAX_MINIMUM: i64 = 100_000;
/// How many territories can be compared at once (and how many selects the form offers).
pub const MAX_COMPARED: usize = 4;

/// The query as typed, kept to fill the forms again.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RawQuery {
    pub region: String,
    pub department: String,
    pub theme: String,
    pub period: String,
    pub level: String,
    pub min: String,
    pub compare: Vec<String>,
}

impl RawQuery {
    /// Parses a query string; repeated `compare` keys make a list.
    pub fn from_query(query: &str) -> Self {
        // Fields are all strings, so only a malformed encoding can fail: read as empty.
        serde_html_form::from_str(query).unwrap_or_default()
    }

    /// The non-empty values as a query string (`lang` last), for links to CSV files.
    pub fn query_string(&self, lang: Lang) -> String {
        let mut pairs: Vec<(&str, &str)> = [
            ("region", self.region.as_str()),
            ("department", self.department.as_str()),
            ("theme", self.theme.as_str()),
            ("period", self.period.as_str()),
            ("level", self.level.as_str()),
            ("min", self.min.as_str()),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.trim()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
        pairs.extend(
            self.compare
                .iter()
                .map(|v| ("compare", v.trim()))
                .filter(|(_, v)| !v.is_empty()),
        );
        pairs.push(("lang", lang.code()));
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }
}

/// Which projects every figure counts.
#[derive(Debug, Clone)]
pub struct Scope {
    pub region: Option<Region>,
    pub department: Option<Department>,
    pub theme: Option<Term>,
    /// The theme's code and its sub-themes' codes.
    theme_codes: Vec<String>,
}

impl Scope {
    /// The projects of the scope (the department when both a region and one of its
    /// departments are chosen).
    pub fn projects(&self) -> ProjectSet {
        let area = match (&self.department, &self.region) {
            (Some(d), _) => Some(Area::Department(d.code.clone())),
            (None, Some(r)) => Some(Area::Region(r.code.clone())),
            (None, None) => None,
        };
        ProjectSet {
            area,
            themes: self.theme_codes.clone(),
        }
    }

    /// The projects of another area with the scope's theme.
    pub fn projects_in(&self, area: Area) -> ProjectSet {
        ProjectSet {
            area: Some(area),
            themes: self.theme_codes.clone(),
        }
    }
}

/// How emerging themes are found.
#[derive(Debug, Clone, Copy)]
pub struct EmergingSettings {
    pub months: u32,
    pub level: ThemeLevel,
    pub minimum: i64,
}

/// A territory chosen for the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub area: Area,
    pub name: String,
}

/// The query, each part parsed or with its field errors.
pub struct Parsed {
    pub scope: Result<Scope, FieldErrors>,
    pub emerging: Result<EmergingSettings, FieldErrors>,
    /// Empty when nothing was chosen.
    pub compared: Result<Vec<Compared>, FieldErrors>,
}

impl Parsed {
    /// Every field error of the three parts.
    pub fn errors(&self) -> FieldErrors {
        let mut all = FieldErrors::new();
        for errors in [
            self.scope.as_ref().err(),
            self.emerging.as_ref().err(),
            self.compared.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        {
            all.extend(errors.clone());
        }
        all
    }
}

fn error(field: &str, key: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.insert(field.into(), vec![key.into()]);
    errors
}

pub fn parse(raw: &RawQuery, atlas: &Atlas, terms: &Terms, lang: Lang) -> Parsed {
    Parsed {
        scope: parse_scope(raw, atlas, terms, lang),
        emerging: parse_emerging(raw),
        compared: parse_compared(raw, atlas),
    }
}

fn parse_scope(
    raw: &RawQuery,
    atlas: &Atlas,
    terms: &Terms,
    lang: Lang,
) -> Result<Scope, FieldErrors> {
    let mut errors = FieldErrors::new();
    let region = match raw.region.trim() {
        "" => None,
        code => {
            let found = atlas.region(code).cloned();
            if found.is_none() {
                errors.extend(error("region", "trends-error-region"));
            }
            found
        }
    };
    let department = match raw.department.trim() {
        "" => None,
        code => {
            let found = atlas.department(code).cloned();
            match (&found, &region) {
                (None, _) => errors.extend(error("department", "trends-error-department")),
                (Some(d), Some(r)) if d.region_code != r.code => errors.extend(error(
                    "department",
                    "trends-error-department-outside-region",
                )),
                _ => {}
            }
            found
        }
    };
    let theme = match raw.theme.trim() {
        "" => None,
        code => {
            let found = terms.get(code, lang).filter(|t| t.vocabulary == "theme");
            if found.is_none() {
                errors.extend(error("theme", "trends-error-theme"));
            }
            found
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let theme_codes = match &theme {
        Some(theme) => {
            let mut codes = vec![theme.code.clone()];
            codes.extend(
                terms
                    .tree("theme", lang)
                    .into_iter()
                    .filter(|(t, _)| t.parent_code.as_deref() == Some(theme.code.as_str()))
                    .map(|(t, _)| t.code),
            );
            codes
        }
        None => Vec::new(),
    };
    Ok(Scope {
        region,
        department,
        theme,
        theme_codes,
    })
}

fn parse_emerging(raw: &RawQuery) -> Result<EmergingSettings, FieldErrors> {
    let mut errors = FieldErrors::new();
    let months = match raw.period.trim() {
        "" => DEFAULT_PERIOD,
        text => match text.parse::<u32>() {
            Ok(n) if PERIODS.contains(&n) => n,
            _ => {
                errors.extend(error("period", "trends-error-period"));
                DEFAULT_PERIOD
            }
        },
    };
    let level = match raw.level.trim() {
        "" | "theme" => ThemeLevel::Theme,
        "subtheme" => ThemeLevel::SubTheme,
        _ => {
            errors.extend(error("level", "trends-error-level"));
            ThemeLevel::Theme
        }
    };
    let minimum = match raw.min.trim() {
        "" => DEFAULT_MINIMUM,
        text => match text.parse::<i64>() {
            Ok(n) if (1..=MAX_MINIMUM).contains(&n) => n,
            _ => {
                errors.extend(error("min", "trends-error-min"));
                DEFAULT_MINIMUM
            }
        },
    };
    if errors.is_empty() {
        Ok(EmergingSettings {
            months,
            level,
            minimum,
        })
    } else {
        Err(errors)
    }
}

fn parse_compared(raw: &RawQuery, atlas: &Atlas) -> Result<Vec<Compared>, FieldErrors> {
    let chosen: Vec<&str> = raw
        .compare
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    let mut compared: Vec<Compared> = Vec::new();
    for value in &chosen {
        let found = match value.split_at_checked(1) {
            Some(("r", code)) => atlas.region(code).map(|r| Compared {
                area: Area::Region(r.code.clone()),
                name: r.name.clone(),
            }),
            Some(("d", code)) => atlas.department(code).map(|d| Compared {
                area: Area::Department(d.code.clone()),
                name: format!("{} ({})", d.name, d.code),
            }),
            _ => None,
        };
        match found {
            None => return Err(error("compare", "trends-error-compare-unknown")),
            Some(c) if compared.contains(&c) => {
                return Err(error("compare", "trends-error-compare-twice"));
            }
            Some(c) => compared.push(c),
        }
    }
    match compared.len() {
        1 => Err(error("compare", "trends-error-compare-too-few")),
        n if n > MAX_COMPARED => Err(error("compare", "trends-error-compare-too-many")),
        _ => Ok(compared),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_compare_keys_make_a_list_and_the_query_string_keeps_what_is_set() {
        let raw = RawQuery::from_query("region=84&compare=r84&compare=&compare=d2A&min=5&lang=en");
        assert_eq!(raw.region, "84");
        assert_eq!(raw.compare, vec!["r84", "", "d2A"]);
        assert_eq!(
            raw.query_string(Lang::Fr),
            "region=84&min=5&compare=r84&compare=d2A&lang=fr"
        );
        let single = RawQuery::from_query("compare=r11");
        assert_eq!(single.compare, vec!["r11"]);
        assert_eq!(RawQuery::from_query("").query_string(Lang::En), "lang=en");
    }

    #[test]
    fn emerging_settings_have_defaults_and_bounds() {
        let ok = parse_emerging(&RawQuery::default()).unwrap();
        assert_eq!(
            (ok.months, ok.level, ok.minimum),
            (12, ThemeLevel::Theme, 10)
        );
        let raw = RawQuery {
            period: "6".into(),
            level: "subtheme".into(),
            min: " 3 ".into(),
            ..Default::default()
        };
        let ok = parse_emerging(&raw).unwrap();
        assert_eq!(
            (ok.months, ok.level, ok.minimum),
            (6, ThemeLevel::SubTheme, 3)
        );
        let raw = RawQuery {
            period: "5".into(),
            level: "all".into(),
            min: "0".into(),
            ..Default::default()
        };
        let errors = parse_emerging(&raw).unwrap_err();
        assert_eq!(
            errors.keys().map(String::as_str).collect::<Vec<_>>(),
            vec!["level", "min", "period"]
        );
    }
}
