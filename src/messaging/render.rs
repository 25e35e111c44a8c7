//! Message bodies as HTML: Markdown written on the web (a line break stays a line break,
//! as people type), plain text from mailed replies; everything sanitised, no images (they
//! would load from anywhere and tell who read what).
use pulldown_cmark::{Event, Options, Parser, html};

use super::model::Format;

/// The longest message accepted, in characters.
pub const MAX_BODY_CHARS: usize = 10_000;

/// Sanitised HTML of a body written in `format`.
pub fn body_html(body: &str, format: Format) -> String {
    match format {
        Format::Markdown => markdown_html(body),
        Format::Text => text_html(body),
    }
}

fn markdown_html(source: &str) -> String {
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::SoftBreak => Event::HardBreak,
        other => other,
    });
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    sanitize(&raw)
}

fn text_html(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 32);
    for paragraph in source
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        out.push_str("<p>");
        let lines: Vec<String> = paragraph
            .lines()
            .map(|line| escape(line.trim_end()))
            .collect();
        out.push_str(&lines.join("<br>\n"));
        out.push_str("</p>\n");
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img"])
        .link_rel(Some("nofollow ugc noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(html)
        .to_string()
}

/// True when the text carries a web link (what held messages of new accounts are about).
pub fn contains_link(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || lower.contains("](")
}

/// The first `max` characters of a body as plain text, for lists and mails.
pub fn excerpt(body: &str, max: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_line_breaks_and_loses_danger() {
        let html = body_html(
            "Bonjour,\nà bientôt **Léa**\n\n![x](https://t.example/p.png) [site](javascript:alert(2))\n\n<script>alert(1)</script>",
            Format::Markdown,
        );
        assert!(html.contains("Bonjour,<br>"), "{html}");
        assert!(html.contains("<strong>Léa</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn text_is_escaped_in_paragraphs() {
        let html = body_html("Un <b>texte</b>\nsur deux lignes\n\nFin", Format::Text);
        assert_eq!(
            html,
            "<p>Un &lt;b&gt;texte&lt;/b&gt;<br>\nsur deux lignes</p>\n<p>Fin</p>\n"
        );
    }

    #[test]
    fn links_and_excerpts() {
        assert!(contains_link("voir https://exemple.fr"));
        assert!(contains_link("voir WWW.exemple.fr"));
        assert!(contains_link("[ici](exemple)"));
        assert!(!contains_link("Bonjour, pouvons-nous échanger ?"));
        assert_eq!(excerpt("un  deux\ntrois", 50), "un deux trois");
        assert_eq!(excerpt("abcdef ghij", 6), "abcdef…");
    }
}
