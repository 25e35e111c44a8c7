//! A source's mapping from its own field names to the project schema, with small
//! transforms. Fields already named like the schema map themselves; a rule for a schema
//! field replaces that automatic mapping.
//!
//! Stored as JSON in `sources.field_mapping`, and in sources files under `"mapping"`:
//! `{"rules": [{"to": "themes", "from": "categorie", "transform": "split",
//! "separator": ";"}, {"to": "structure_type", "default": "Association"}]}`.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sources::config::STANDARD_FIELDS;

/// What is done to a value on its way to the schema.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// The value as it is.
    #[default]
    AsIs,
    /// The first item of a list.
    First,
    /// The items of a list joined with the separator.
    Join,
    /// A text split on the separator into a list.
    Split,
}

impl Transform {
    pub const ALL: [Transform; 4] = [
        Transform::AsIs,
        Transform::First,
        Transform::Join,
        Transform::Split,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Transform::AsIs => "as_is",
            Transform::First => "first",
            Transform::Join => "join",
            Transform::Split => "split",
        }
    }
}

/// One schema field and where its value comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The schema field (one of `STANDARD_FIELDS`).
    pub to: String,
    /// The source's field; none for a constant (`default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "is_as_is")]
    pub transform: Transform,
    /// For `join` and `split` (", " and "," when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
    /// A label removed from the start of texts, e.g. "Thématique :".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip_label: Option<String>,
    /// The value when the source's is missing or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

fn is_as_is(t: &Transform) -> bool {
    *t == Transform::AsIs
}

/// A source's rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldMapping {
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// What is wrong with a rule: its position and the message key (`mapping-error-*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub index: usize,
    pub key: &'static str,
}

impl FieldMapping {
    /// Reads a stored mapping; `None` or empty text is no rule.
    pub fn parse(stored: Option<&str>) -> Result<Self, serde_json::Error> {
        match stored.map(str::trim).filter(|s| !s.is_empty()) {
            Some(json) => serde_json::from_str(json),
            None => Ok(Self::default()),
        }
    }

    /// The problems of the rules, each with its position.
    pub fn problems(&self) -> Vec<RuleProblem> {
        let mut problems = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            let from = rule.from.as_deref().map(str::trim).unwrap_or_default();
            let default = rule.default.as_deref().map(str::trim).unwrap_or_default();
            if !STANDARD_FIELDS.contains(&rule.to.as_str()) {
                problems.push(RuleProblem {
                    index,
                    key: "mapping-error-target",
                });
            } else if from.is_empty() && default.is_empty() {
                problems.push(RuleProblem {
                    index,
                    key: "mapping-error-empty",
                });
            } else if rule.separator.as_deref() == Some("")
                && matches!(rule.transform, Transform::Join | Transform::Split)
            {
                problems.push(RuleProblem {
                    index,
                    key: "mapping-error-separator",
                });
            }
        }
        problems
    }

    /// Stored form; `None` when there is no rule.
    pub fn to_stored(&self) -> Option<String> {
        (!self.rules.is_empty()).then(|| serde_json::to_string(self).unwrap_or_default())
    }

    /// The record's fields under schema names: fields named like the schema, replaced by
    /// the rules' values for the fields they target.
    pub fn apply(&self, fields: &BTreeMap<String, Value>) -> BTreeMap<String, Value> {
        let mut out: BTreeMap<String, Value> = fields
            .iter()
            .filter(|(name, _)| {
                STANDARD_FIELDS.contains(&name.as_str()) || name.as_str() == "categories"
            })
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        let mut ruled: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for rule in &self.rules {
            let value = rule
                .from
                .as_deref()
                .and_then(|from| fields.get(from))
                .map(|value| rule.transformed(value))
                .filter(|value| !is_empty(value))
                .or_else(|| {
                    rule.default
                        .as_deref()
                        .map(str::trim)
                        .filter(|d| !d.is_empty())
                        .map(|d| Value::String(d.to_owned()))
                });
            let slot = ruled.entry(rule.to.as_str()).or_default();
            if let Some(value) = value {
                slot.push(value);
            }
        }
        for (to, values) in ruled {
            out.remove(to);
            let value = match values.len() {
                0 => continue,
                1 => values.into_iter().next().unwrap_or(Value::Null),
                // Several rules for one field: lists are concatenated, else the first wins.
                _ if values.iter().any(Value::is_array) => Value::Array(
                    values
                        .into_iter()
                        .flat_map(|v| match v {
                            Value::Array(items) => items,
                            other => vec![other],
                        })
                        .collect(),
                ),
                _ => values.into_iter().next().unwrap_or(Value::Null),
            };
            out.insert(to.to_owned(), value);
        }
        out
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_empty),
        _ => false,
    }
}

impl Rule {
    fn strip(&self, text: &str) -> String {
        let text = text.trim();
        match self
            .strip_label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            Some(label) => {
                let folded = text.to_lowercase();
                if folded.starts_with(&label.to_lowercase()) {
                    text.get(label.len()..)
                        .unwrap_or(text)
                        .trim_start_matches([' ', ':'])
                        .trim()
                        .to_owned()
                } else {
                    text.to_owned()
                }
            }
            None => text.to_owned(),
        }
    }

    fn transformed(&self, value: &Value) -> Value {
        let texts: Vec<String> = match value {
            Value::Array(items) => items.iter().filter_map(scalar_text).collect(),
            other => scalar_text(other).into_iter().collect(),
        };
        let texts: Vec<String> = texts.iter().map(|t| self.strip(t)).collect();
        match self.transform {
            Transform::AsIs if value.is_array() => {
                Value::Array(texts.into_iter().map(Value::String).collect())
            }
            Transform::AsIs | Transform::First => texts
                .into_iter()
                .find(|t| !t.is_empty())
                .map_or(Value::Null, Value::String),
            Transform::Join => {
                let separator = self.separator.as_deref().unwrap_or(", ");
                Value::String(
                    texts
                        .into_iter()
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(separator),
                )
            }
            Transform::Split => {
                let separator = self.separator.as_deref().unwrap_or(",");
                Value::Array(
                    texts
                        .iter()
                        .flat_map(|t| t.split(separator))
                        .map(|part| self.strip(part))
                        .filter(|part| !part.is_empty())
                        .map(Value::String)
                        .collect(),
                )
            }
        }
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> BTreeMap<String, Value> {
        serde_json::from_value(value).unwrap()
    }

    fn mapping(value: Value) -> FieldMapping {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn schema_names_map_themselves_and_rules_rename_and_transform() {
        let mapping = mapping(json!({"rules": [
            {"to": "title", "from": "nom"},
            {"to": "themes", "from": "categorie", "transform": "split", "separator": ";", "strip_label": "Thématique :"},
            {"to": "commune", "from": "villes", "transform": "first"},
            {"to": "publics", "from": "publics_list", "transform": "join", "separator": " / "},
            {"to": "structure_type", "from": "statut", "default": "Association"},
        ]}));
        assert!(mapping.problems().is_empty());
        let out = mapping.apply(&fields(json!({
            "nom": "Jardin des Lilas",
            "title": "ignored: a rule targets title",
            "summary": "Un jardin.",
            "categorie": "Thématique : Environnement; Alimentation ;",
            "villes": ["Lyon", "Villeurbanne"],
            "publics_list": ["Jeunes", "Seniors"],
            "statut": "  ",
            "interne": "not a schema field",
        })));
        assert_eq!(
            out,
            fields(json!({
                "title": "Jardin des Lilas",
                "summary": "Un jardin.",
                "themes": ["Environnement", "Alimentation"],
                "commune": "Lyon",
                "publics": "Jeunes / Seniors",
                "structure_type": "Association",
            }))
        );
    }

    #[test]
    fn bad_rules_are_named() {
        let mapping = mapping(json!({"rules": [
            {"to": "nowhere", "from": "x"},
            {"to": "title"},
            {"to": "themes", "from": "t", "transform": "split", "separator": ""},
        ]}));
        let keys: Vec<_> = mapping
            .problems()
            .into_iter()
            .map(|p| (p.index, p.key))
            .collect();
        assert_eq!(
            keys,
            [
                (0, "mapping-error-target"),
                (1, "mapping-error-empty"),
                (2, "mapping-error-separator")
            ]
        );
        assert!(FieldMapping::parse(Some(r#"{"rules": [{"to": "title", "form": "x"}]}"#)).is_err());
        assert_eq!(FieldMapping::parse(None).unwrap(), FieldMapping::default());
    }
}
