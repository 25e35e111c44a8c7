//! The community form: what was typed (kept and shown again on error) and its parse,
//! every mistake named next to its field.
use serde::{Deserialize, Serialize};

use super::model::{Rule, Scope, Visibility};
use crate::error::FieldErrors;
use crate::geo::communes;
use crate::web::forms::check_length;

/// The fields as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CommunityForm {
    pub name: String,
    pub description: String,
    pub scope: String,
    pub commune: String,
    pub department: String,
    pub region: String,
    pub themes: Vec<String>,
    pub visibility: String,
    pub membership_rule: String,
}

/// The territory of a community, resolved against the bundled list of communes.
#[derive(Debug, Clone, PartialEq)]
pub struct Territory {
    pub scope: Scope,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// A community as the database keeps it, before its status.
#[derive(Debug, Clone)]
pub struct CommunityInput {
    pub name: String,
    pub description: String,
    pub territory: Territory,
    pub themes: Vec<String>,
    pub visibility: Visibility,
    pub rule: Rule,
}

pub(crate) fn push(errors: &mut FieldErrors, field: &str, key: &str) {
    errors.entry(field.into()).or_default().push(key.into());
}

/// Reads `scope` and the commune, department or region it needs.
pub fn parse_territory(
    errors: &mut FieldErrors,
    scope: &str,
    commune: &str,
    department: &str,
    region: &str,
) -> Option<Territory> {
    let Some(scope) = Scope::parse(scope) else {
        push(errors, "scope", "community-scope-invalid");
        return None;
    };
    let empty = Territory {
        scope,
        commune_insee: None,
        department_code: None,
        region_code: None,
        latitude: None,
        longitude: None,
    };
    match scope {
        Scope::France => Some(empty),
        Scope::Commune => match crate::board::form::find_commune(commune) {
            Ok(c) => Some(Territory {
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
        Scope::Department => match communes::index().department(department.trim()) {
            Some(d) => Some(Territory {
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
        },
        Scope::Region => {
            let code = region.trim();
            match communes::regions().iter().find(|(c, _)| *c == code) {
                Some((c, _)) => Some(Territory {
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

impl CommunityForm {
    /// The input, or every mistake by field. `themes` are the thesaurus's theme codes.
    pub fn parse(&self, themes: &[String]) -> Result<CommunityInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = check_length(&mut errors, "name", &self.name, 3, 160);
        let description = check_length(&mut errors, "description", &self.description, 20, 10_000);
        let territory = parse_territory(
            &mut errors,
            &self.scope,
            &self.commune,
            &self.department,
            &self.region,
        );
        let mut chosen = Vec::new();
        for code in &self.themes {
            if themes.contains(code) {
                if !chosen.contains(code) {
                    chosen.push(code.clone());
                }
            } else {
                push(&mut errors, "themes", "community-theme-unknown");
            }
        }
        if chosen.len() > 5 {
            push(&mut errors, "themes", "community-themes-too-many");
        }
        if territory.as_ref().is_some_and(|t| t.scope == Scope::France)
            && chosen.is_empty()
            && !errors.contains_key("themes")
        {
            push(&mut errors, "themes", "community-scope-required");
        }
        let visibility = Visibility::parse(&self.visibility);
        if visibility.is_none() {
            push(&mut errors, "visibility", "community-visibility-required");
        }
        let rule = Rule::parse(&self.membership_rule);
        if rule.is_none() {
            push(&mut errors, "membership_rule", "community-rule-required");
        }
        match (territory, visibility, rule) {
            (Some(territory), Some(visibility), Some(rule)) if errors.is_empty() => {
                Ok(CommunityInput {
                    name,
                    description,
                    territory,
                    themes: chosen,
                    visibility,
                    rule,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CommunityForm {
        CommunityForm {
            name: "Alimentation en Pays de Redon".into(),
            description: "Les acteurs de l'alimentation durable du pays de Redon.".into(),
            scope: "commune".into(),
            commune: "Redon".into(),
            themes: vec!["ALI".into()],
            visibility: "public".into(),
            membership_rule: "open".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let input = valid().parse(&["ALI".into()]).unwrap();
        assert_eq!(input.territory.commune_insee.as_deref(), Some("35236"));
        assert_eq!(input.territory.region_code.as_deref(), Some("53"));
        assert_eq!(input.rule, Rule::Open);
    }

    #[test]
    fn mistakes_are_named_by_field() {
        let mut form = valid();
        form.commune = "Nulle-Part-sur-Rien".into();
        form.themes = vec!["NOPE".into()];
        form.visibility = String::new();
        let errors = form.parse(&["ALI".into()]).unwrap_err();
        assert_eq!(errors["commune"], vec!["board-commune-unknown"]);
        assert_eq!(errors["themes"], vec!["community-theme-unknown"]);
        assert_eq!(errors["visibility"], vec!["community-visibility-required"]);
    }

    #[test]
    fn a_national_community_needs_a_theme() {
        let mut form = valid();
        form.scope = "france".into();
        form.themes.clear();
        let errors = form.parse(&["ALI".into()]).unwrap_err();
        assert_eq!(errors["themes"], vec!["community-scope-required"]);
    }
}
