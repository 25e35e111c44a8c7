//! Page numbers in lists, with links that keep the other query parameters.
use serde::Serialize;

use crate::error::{AppError, AppResult};

/// Parses a `page` query value: absent means 1, anything else must be a positive integer.
pub fn parse_page(raw: Option<&str>) -> AppResult<u64> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(text) => match text.parse::<u64>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(AppError::invalid("page", "page-invalid")),
        },
    }
}

/// What a pager shows.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub page: u64,
    pub pages: u64,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub first_item: u64,
    pub last_item: u64,
}

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

impl Pagination {
    pub fn new(
        page: u64,
        per_page: u64,
        total: u64,
        path: &str,
        params: &[(&str, Option<&str>)],
    ) -> Self {
        let pages = total.div_ceil(per_page).max(1);
        let url = |n: u64| {
            let mut query: Vec<String> = params
                .iter()
                .filter_map(|(k, v)| v.map(|v| format!("{k}={}", encode(v))))
                .collect();
            if n > 1 {
                query.push(format!("page={n}"));
            }
            if query.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{}", query.join("&"))
            }
        };
        Self {
            page,
            pages,
            prev_url: (page > 1).then(|| url(page - 1)),
            next_url: (page < pages).then(|| url(page + 1)),
            first_item: if total == 0 {
                0
            } else {
                (page - 1) * per_page + 1
            },
            last_item: (page * per_page).min(total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_filters() {
        let p = Pagination::new(
            2,
            24,
            100,
            "/projets",
            &[("theme", Some("ENV")), ("region", None)],
        );
        assert_eq!(p.pages, 5);
        assert_eq!(p.prev_url.as_deref(), Some("/projets?theme=ENV"));
        assert_eq!(p.next_url.as_deref(), Some("/projets?theme=ENV&page=3"));
        assert_eq!((p.first_item, p.last_item), (25, 48));
    }

    #[test]
    fn bad_page_numbers_are_refused() {
        assert_eq!(parse_page(None).unwrap(), 1);
        assert_eq!(parse_page(Some("3")).unwrap(), 3);
        assert!(parse_page(Some("0")).is_err());
        assert!(parse_page(Some("abc")).is_err());
    }
}
