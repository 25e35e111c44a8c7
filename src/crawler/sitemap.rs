//! sitemap.xml documents (sitemaps.org): the page URLs of a `<urlset>` and the child
//! sitemaps of a `<sitemapindex>`, read with `quick-xml`. Tolerated: namespaces and
//! prefixes, CDATA, entities, whitespace around the addresses, a document cut short (what
//! was read so far is kept).
use quick_xml::Reader;
use quick_xml::events::Event;

/// What a sitemap lists.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sitemap {
    /// `<urlset><url><loc>`, in document order.
    pub urls: Vec<String>,
    /// `<sitemapindex><sitemap><loc>`, in document order.
    pub sitemaps: Vec<String>,
}

/// Reads a sitemap or sitemap index.
pub fn parse_sitemap(text: &str) -> Sitemap {
    let mut reader = Reader::from_str(text);
    {
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
    }
    let mut out = Sitemap::default();
    // The parent (`url` or `sitemap`) of the `<loc>` being read, and its text.
    let mut parent: Option<String> = None;
    let mut loc: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name().into_inner().to_owned();
                match name.as_str() {
                    "url" | "sitemap" => parent = Some(name),
                    "loc" if parent.is_some() => loc = Some(String::new()),
                    _ => {}
                }
            }
            Ok(Event::End(e)) => match e.local_name().into_inner() {
                "loc" => {
                    if let (Some(text), Some(p)) = (loc.take(), parent.as_deref()) {
                        let text = text.trim().to_owned();
                        if !text.is_empty() {
                            if p == "url" {
                                out.urls.push(text);
                            } else {
                                out.sitemaps.push(text);
                            }
                        }
                    }
                }
                "url" | "sitemap" => parent = None,
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some(loc) = &mut loc {
                    loc.push_str(&t.xml10_content());
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(loc) = &mut loc {
                    loc.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(loc) = &mut loc {
                    match r.resolve_char_ref() {
                        Ok(Some(ch)) => loc.push(ch),
                        _ => {
                            if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                                loc.push_str(s);
                            }
                        }
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_sets_and_indexes_are_read() {
        let set = parse_sitemap(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://a.example/p/1?x=1&amp;y=2 </loc><lastmod>2024-01-01</lastmod></url>
  <url><loc><![CDATA[https://a.example/p/2]]></loc></url>
</urlset>"#,
        );
        assert_eq!(
            set.urls,
            ["https://a.example/p/1?x=1&y=2", "https://a.example/p/2"]
        );
        assert!(set.sitemaps.is_empty());
        let index = parse_sitemap(
            r#"<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
<sm:sitemap><sm:loc>https://a.example/s1.xml</sm:loc></sm:sitemap>
<sm:sitemap><sm:loc>https://a.example/s2.xml</sm:loc>"#,
        );
        assert_eq!(
            index.sitemaps,
            ["https://a.example/s1.xml", "https://a.example/s2.xml"]
        );
        assert!(index.urls.is_empty());
    }
}
