//! How the bench harness's `score.py` compares values, for tests that score in Rust.
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use url::Url;

/// A value as the bench's `score.py` compares it.
#[derive(Debug, PartialEq)]
pub enum Norm {
    Text(String),
    List(Vec<String>),
}

pub fn collapse(s: &str) -> String {
    let s: String = s.nfc().collect();
    s.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `score.py`'s `norm`: NFC, whitespace collapsed, lists sorted, empty is `None`, an
/// image URL compared by path.
pub fn norm(v: &Value, field: &str) -> Option<Norm> {
    match v {
        Value::Null => None,
        Value::Array(items) => {
            let mut xs: Vec<String> = items
                .iter()
                .filter_map(|x| match norm(x, "") {
                    Some(Norm::Text(t)) => Some(t),
                    _ => None,
                })
                .collect();
            xs.sort();
            (!xs.is_empty()).then_some(Norm::List(xs))
        }
        Value::String(s) => {
            let mut t = collapse(s);
            if field == "image" && !t.is_empty() {
                t = match Url::parse(&t) {
                    Ok(u) => match u.query() {
                        Some(q) => format!("{}?{q}", u.path()),
                        None => u.path().to_owned(),
                    },
                    Err(_) => t.split('#').next().unwrap_or_default().to_owned(),
                };
            }
            (!t.is_empty()).then_some(Norm::Text(t))
        }
        other => norm(&Value::String(other.to_string()), field),
    }
}
