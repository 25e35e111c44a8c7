//! Web plumbing shared by every domain: languages, templates, pages, CSRF, error pages,
//! static files and health checks.
pub mod assets;
pub mod csrf;
pub mod errors;
pub mod forms;
pub mod health;
pub mod i18n;
pub mod markdown;
pub mod page;
pub mod pagination;
pub mod slug;
pub mod templates;

pub use csrf::CsrfForm;
pub use i18n::Lang;
pub use page::{Page, flash};

/// `value` as JSON to embed in a `<script>` element (JSON-LD, map points): no `</` may
/// close the element early.
pub fn script_json<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string(value)?.replace("</", "<\\/"))
}
