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
