//! `json` sources: an API answering JSON documents, read with dotted paths.
//!
//! A path is a dot-separated list of object keys and array indexes (`data.items`,
//! `address.city`, `links.0.href`); the empty path is the document itself. A field whose
//! path leads nowhere is `null`. Strings are trimmed; other values are kept as they are
//! (numbers, booleans, arrays, objects), consolidation reads them.
use std::collections::BTreeMap;

use serde_json::Value;

use super::problem::Problem;

/// The value at `path` in `value`, if any.
pub fn at_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let path = path.trim();
    if path.is_empty() {
        return Some(value);
    }
    path.split('.')
        .try_fold(value, |current, segment| match current {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

/// The items of a page: the array at `items_path`. The problem says what was found
/// instead.
pub fn items<'a>(doc: &'a Value, items_path: &str) -> Result<&'a [Value], Problem> {
    match at_path(doc, items_path) {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(Problem::new("items-path-not-list")
            .with("path", items_path)
            .with("found", kind_of(other))),
        None => Err(Problem::new("items-path-nowhere").with("path", items_path)),
    }
}

/// The JSON type of a value, as the messages name it.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null | Value::Array(_) => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "text",
        Value::Object(_) => "object",
    }
}

/// The fields of one item (field name → path).
pub fn item_fields(item: &Value, fields: &BTreeMap<String, String>) -> BTreeMap<String, Value> {
    fields
        .iter()
        .map(|(name, path)| {
            let value = match at_path(item, path) {
                Some(Value::String(s)) if s.trim().is_empty() => Value::Null,
                Some(Value::String(s)) => Value::String(s.trim().to_owned()),
                Some(value) => value.clone(),
                None => Value::Null,
            };
            (name.clone(), value)
        })
        .collect()
}

/// The item's own id at `id_path` (a non-empty text or a number), as text.
pub fn item_id(item: &Value, id_path: &str) -> Option<String> {
    match at_path(item, id_path)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_walk_objects_and_arrays() {
        let doc = json!({"data": {"items": [{"id": 7, "adresse": {"ville": " Lyon "}, "tags": ["a", "b"]}]}});
        let items = items(&doc, "data.items").unwrap();
        assert_eq!(items.len(), 1);
        let fields: BTreeMap<String, String> = [
            ("commune", "adresse.ville"),
            ("themes", "tags"),
            ("first", "tags.0"),
            ("absent", "nope.x"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let values = item_fields(&items[0], &fields);
        assert_eq!(values["commune"], "Lyon");
        assert_eq!(values["themes"], json!(["a", "b"]));
        assert_eq!(values["first"], "a");
        assert_eq!(values["absent"], Value::Null);
        assert_eq!(item_id(&items[0], "id").as_deref(), Some("7"));
        assert_eq!(at_path(&doc, "").unwrap(), &doc);
    }

    #[test]
    fn a_wrong_items_path_says_what_it_found() {
        let doc = json!({"data": {"total": 3}});
        assert!(
            items(&doc, "data.total")
                .unwrap_err()
                .english()
                .contains("leads to a number instead of a list")
        );
        assert_eq!(
            items(&doc, "data.items").unwrap_err().code,
            "items-path-nowhere"
        );
        assert_eq!(items(&json!([1, 2]), "").unwrap().len(), 2);
    }
}
