//! Markdown to HTML with every dangerous construct removed (scripts, event handlers,
//! styles, `javascript:` links); links get `rel="nofollow ugc noopener"`.
use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and sanitises the result with ammonia.
pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitize_html(&raw)
}

/// Keeps safe formatting tags only.
pub fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("nofollow ugc noopener"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out = to_safe_html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
        );
        assert!(!out.contains("<script"));
        assert!(!out.contains("onerror"));
        assert!(!out.contains("javascript:"));
    }

    #[test]
    fn links_are_marked_user_generated() {
        let out = to_safe_html("[site](https://example.org)");
        assert!(out.contains("rel=\"nofollow ugc noopener\""), "{out}");
    }
}
