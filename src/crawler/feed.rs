//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds read into entries: id, link, title, summary,
//! date, categories. The kind is detected from the document's root element.
//!
//! Read with `quick-xml` rather than a feed crate so that dates keep the day the feed
//! wrote (`Tue, 12 Mar 2019 00:30:00 +0100` is the 12th, not the 11th in UTC) and ids are
//! the feed's own (no generated hashes). Tolerated: any encoding declared by a BOM or the
//! XML declaration, HTML entities (`&eacute;`), HTML in titles and summaries (read as
//! text), CDATA, mismatched end tags, a document cut short (the entries read so far are
//! kept and [`Feed::error`] says what went wrong).
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use encoding_rs::Encoding;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use regex::Regex;
use scraper::Html;
use serde_json::Value;
use url::Url;

use super::dates;
use super::extract::{html_to_text, resolve_url};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 0.9x / 2.0 (`<rss>`).
    Rss,
    /// RSS 1.0 (`<rdf:RDF>`).
    Rdf,
    /// Atom (`<feed>`).
    Atom,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub kind: FeedKind,
    pub title: Option<String>,
    pub entries: Vec<FeedEntry>,
    /// Set when the document is broken after some entries were read.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedEntry {
    /// RSS `guid`, Atom `id`.
    pub id: Option<String>,
    /// Resolved against the feed's URL.
    pub link: Option<Url>,
    pub title: Option<String>,
    /// Plain text of the description, summary or (without them) content.
    pub summary: Option<String>,
    /// Publication date as written (`pubDate`, `published`, `dc:date`, else `updated`).
    pub date: Option<NaiveDate>,
    /// RSS `category` / `dc:subject`, Atom `category` terms.
    pub categories: Vec<String>,
}

impl FeedEntry {
    /// The entry as a record: `id`, `link`, `title`, `summary`, `date` (ISO), `categories`
    /// (null when absent).
    pub fn fields(&self) -> BTreeMap<String, Value> {
        let s = |v: Option<String>| v.map_or(Value::Null, Value::String);
        BTreeMap::from([
            ("id".to_owned(), s(self.id.clone())),
            ("link".to_owned(), s(self.link.as_ref().map(Url::to_string))),
            ("title".to_owned(), s(self.title.clone())),
            ("summary".to_owned(), s(self.summary.clone())),
            (
                "date".to_owned(),
                s(self.date.map(|d| d.format("%Y-%m-%d").to_string())),
            ),
            (
                "categories".to_owned(),
                if self.categories.is_empty() {
                    Value::Null
                } else {
                    Value::Array(self.categories.iter().cloned().map(Value::String).collect())
                },
            ),
        ])
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// The document is not RSS or Atom (its root element is named).
    NotAFeed { root: Option<String> },
    /// Broken XML before any entry could be read.
    Xml(String),
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::NotAFeed { root: Some(root) } => {
                write!(f, "not an RSS or Atom feed (root element <{root}>)")
            }
            FeedError::NotAFeed { root: None } => write!(f, "not an RSS or Atom feed (empty)"),
            FeedError::Xml(e) => write!(f, "broken XML: {e}"),
        }
    }
}

impl std::error::Error for FeedError {}

/// Feeds announced by a page (`<link rel="alternate" type="application/rss+xml">`).
pub fn discover(doc: &Html, page_url: &Url) -> Vec<Url> {
    static LINK: LazyLock<scraper::Selector> =
        LazyLock::new(|| scraper::Selector::parse("link[href][type]").unwrap());
    let mut out: Vec<Url> = Vec::new();
    for l in doc.select(&LINK) {
        let rel = l
            .value()
            .attr("rel")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let kind = l
            .value()
            .attr("type")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if rel.split_ascii_whitespace().any(|r| r == "alternate")
            && matches!(
                kind.as_str(),
                "application/rss+xml" | "application/atom+xml" | "application/rdf+xml"
            )
            && let Some(url) = resolve_url(page_url, l.value().attr("href").unwrap_or_default())
            && !out.contains(&url)
        {
            out.push(url);
        }
    }
    out
}

/// Reads a feed document fetched from `feed_url`.
pub fn parse_feed(bytes: &[u8], feed_url: &Url) -> Result<Feed, FeedError> {
    let text = decode(bytes);
    let mut reader = Reader::from_str(&text);
    {
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.check_comments = false;
    }
    let mut kind = None;
    let mut state = State {
        feed_url,
        depth: 0,
        title: None,
        entries: Vec::new(),
        entry: None,
        capture: None,
    };
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let message = format!("{e} (at byte {})", reader.error_position());
                return match kind {
                    Some(kind) if !state.entries.is_empty() => Ok(Feed {
                        kind,
                        title: state.title,
                        entries: state.entries,
                        error: Some(message),
                    }),
                    _ => Err(FeedError::Xml(message)),
                };
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name().into_inner().to_owned();
                if kind.is_none() {
                    kind = Some(match name.as_str() {
                        "rss" => FeedKind::Rss,
                        "RDF" => FeedKind::Rdf,
                        "feed" => FeedKind::Atom,
                        _ => return Err(FeedError::NotAFeed { root: Some(name) }),
                    });
                }
                state.open(name, e);
                if matches!(event, Event::Empty(_)) {
                    state.close();
                }
            }
            Event::End(_) => state.close(),
            Event::Text(t) => state.push_text(&t.xml10_content()),
            Event::CData(t) => state.push_text(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(ch)) => state.push_text(ch.encode_utf8(&mut [0; 4])),
                _ => match quick_xml::escape::resolve_xml_entity(&r) {
                    Some(s) => state.push_text(s),
                    // An HTML entity: left for the HTML reading of the text.
                    None => state.push_text(&format!("&{};", &*r)),
                },
            },
            Event::Eof => break,
            _ => {}
        }
    }
    match kind {
        Some(kind) => Ok(Feed {
            kind,
            title: state.title,
            entries: state.entries,
            error: None,
        }),
        None => Err(FeedError::NotAFeed { root: None }),
    }
}

/// Where the reading is.
struct State<'u> {
    feed_url: &'u Url,
    /// Depth of the element being read (the root is 1).
    depth: usize,
    title: Option<String>,
    entries: Vec<FeedEntry>,
    /// The entry being read, with its element's depth.
    entry: Option<(usize, EntryBuilder)>,
    /// The element being read as text: a child of the entry, or the feed's title.
    capture: Option<Capture>,
}

impl State<'_> {
    fn open(&mut self, name: String, e: &BytesStart) {
        self.depth += 1;
        match &self.entry {
            None if name == "item" || name == "entry" => {
                self.entry = Some((self.depth, EntryBuilder::default()));
            }
            Some((d, _)) if self.depth == d + 1 => {
                self.capture = Some(Capture::new(name, self.depth, e));
            }
            None if name == "title" && self.title.is_none() && self.capture.is_none() => {
                self.capture = Some(Capture::new(name, self.depth, e));
            }
            _ => {}
        }
    }

    /// Closes the current element: a captured field, an entry, or anything else.
    fn close(&mut self) {
        if let Some(c) = self.capture.take_if(|c| c.depth == self.depth) {
            match &mut self.entry {
                Some((_, b)) => read_field(b, c),
                None => self.title = Some(html_to_text(&c.text)).filter(|t| !t.is_empty()),
            }
        } else if let Some((_, b)) = self.entry.take_if(|(d, _)| *d == self.depth) {
            self.entries.push(b.build(self.feed_url));
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn push_text(&mut self, text: &str) {
        if let Some(c) = &mut self.capture {
            c.text.push_str(text);
        }
    }
}

struct Capture {
    /// Local name (`encoded` for `content:encoded`).
    name: String,
    depth: usize,
    attrs: BTreeMap<String, String>,
    text: String,
}

impl Capture {
    fn new(name: String, depth: usize, e: &BytesStart) -> Self {
        let attrs = e
            .html_attributes()
            .filter_map(Result::ok)
            .map(|a| {
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.clone().into_owned());
                (a.key.local_name().into_inner().to_owned(), value)
            })
            .collect();
        Capture {
            name,
            depth,
            attrs,
            text: String::new(),
        }
    }
}

#[derive(Default)]
struct EntryBuilder {
    entry: FeedEntry,
    /// `guid` when it is a permalink: the link when there is no `<link>`.
    permalink: Option<String>,
    /// Atom links by preference: alternate (or no rel) first.
    alternate: Option<String>,
    other_link: Option<String>,
    updated: Option<NaiveDate>,
    content: Option<String>,
}

fn read_field(b: &mut EntryBuilder, c: Capture) {
    let text = c.text.trim();
    let e = &mut b.entry;
    let plain = || Some(html_to_text(text)).filter(|s| !s.is_empty());
    match c.name.as_str() {
        "title" if e.title.is_none() => e.title = plain(),
        "link" => {
            if let Some(href) = c.attrs.get("href") {
                let rel = c.attrs.get("rel").map_or("alternate", String::as_str);
                let slot = if rel == "alternate" {
                    &mut b.alternate
                } else {
                    &mut b.other_link
                };
                if slot.is_none() {
                    *slot = Some(href.trim().to_owned());
                }
            } else if !text.is_empty() && b.alternate.is_none() {
                b.alternate = Some(text.to_owned());
            }
        }
        "guid" | "id" if e.id.is_none() && !text.is_empty() => {
            e.id = Some(text.to_owned());
            let permalink = c
                .attrs
                .get("isPermaLink")
                .is_none_or(|p| p.trim() != "false");
            if c.name == "guid" && permalink {
                b.permalink = Some(text.to_owned());
            }
        }
        "description" | "summary" if e.summary.is_none() => e.summary = plain(),
        "content" | "encoded" if b.content.is_none() => b.content = plain(),
        "pubDate" | "published" | "date" | "issued" | "created" if e.date.is_none() => {
            e.date = dates::parse_any(text);
        }
        "updated" | "modified" if b.updated.is_none() => b.updated = dates::parse_any(text),
        "category" | "subject" => {
            let value = c
                .attrs
                .get("term")
                .or_else(|| c.attrs.get("label"))
                .map(|t| html_to_text(t))
                .or_else(plain)
                .filter(|s| !s.is_empty());
            if let Some(v) = value
                && !e.categories.contains(&v)
            {
                e.categories.push(v);
            }
        }
        _ => {}
    }
}

impl EntryBuilder {
    fn build(mut self, feed_url: &Url) -> FeedEntry {
        let link = [self.alternate, self.permalink, self.other_link]
            .into_iter()
            .flatten()
            .find_map(|l| resolve_url(feed_url, &l));
        self.entry.link = link;
        self.entry.date = self.entry.date.or(self.updated);
        if self.entry.summary.is_none() {
            self.entry.summary = self.content;
        }
        self.entry
    }
}

/// The document as UTF-8: BOM, else the XML declaration's encoding, else UTF-8.
fn decode(bytes: &[u8]) -> String {
    static DECL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']"#).unwrap()
    });
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    let encoding = DECL
        .captures(&head)
        .and_then(|c| Encoding::for_label(c[1].as_bytes()))
        .filter(|e| e.is_ascii_compatible())
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn url() -> Url {
        Url::parse("http://127.0.0.1:8104/feed.xml").unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_rss_feed_of_the_bench_blog() {
        let path = format!(
            "{}/tests/fixtures/extract/s4-feed.xml",
            env!("CARGO_MANIFEST_DIR")
        );
        let feed = parse_feed(&std::fs::read(path).unwrap(), &url()).unwrap();
        assert_eq!(feed.kind, FeedKind::Rss);
        assert_eq!(feed.title.as_deref(), Some("Blog Transition — projets"));
        assert_eq!(feed.error, None);
        assert_eq!(feed.entries.len(), 40);
        let first = &feed.entries[0];
        assert_eq!(first.id.as_deref(), Some("projet-400000"));
        assert_eq!(
            first.link.as_ref().map(Url::as_str),
            Some("http://127.0.0.1:8104/projet/espace-numerique-la-cle-400000.html")
        );
        assert_eq!(first.title.as_deref(), Some("Espace numérique « La Clé »"));
        assert_eq!(first.date, d(2011, 1, 9));
        assert_eq!(
            first.categories,
            ["Numérique inclusif", "Mobilité solidaire"]
        );
        assert_eq!(
            first.fields()["summary"],
            json!(
                "Espace numérique porté par Association Transitions Montpellier qui outille la pratique sportive des personnes en situation de handicap par des ateliers collectifs hebdomadaires."
            )
        );
        let second = &feed.entries[1];
        assert!(
            second
                .summary
                .as_deref()
                .unwrap()
                .contains("mobilise l'accès aux droits")
        );
        assert_eq!(second.fields()["date"], json!("2014-04-25"));
        assert!(feed.entries.iter().all(|e| e.id.is_some()
            && e.link.is_some()
            && e.title.is_some()
            && e.date.is_some()
            && !e.categories.is_empty()));
        // The blog's pages announce it.
        let index = format!(
            "{}/tests/fixtures/extract/s4-index.html",
            env!("CARGO_MANIFEST_DIR")
        );
        let doc = Html::parse_document(&std::fs::read_to_string(index).unwrap());
        let page = Url::parse("http://127.0.0.1:8104/").unwrap();
        assert_eq!(discover(&doc, &page), [url()]);
    }

    #[test]
    fn atom_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Agenda &amp; projets</title>
  <link rel="self" href="https://p.example.org/atom.xml"/>
  <entry>
    <title type="html">Le &lt;em&gt;jardin&lt;/em&gt; partagé</title>
    <link rel="edit" href="/api/1"/>
    <link rel="alternate" type="text/html" href="/projets/jardin#top"/>
    <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
    <updated>2020-02-10T18:30:02Z</updated>
    <published>2020-02-03T00:30:00+01:00</published>
    <summary>Un jardin</summary>
    <category term="Alimentation durable"/>
    <category term="Alimentation durable" label="dup"/>
  </entry>
  <entry>
    <title>Sans date de publication</title>
    <link href="https://ailleurs.example.org/x"/>
    <id>tag:p.example.org,2020:2</id>
    <updated>2021-07-14T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Contenu <b>riche</b></p></div></content>
  </entry>
</feed>"#;
        let feed = parse_feed(
            atom.as_bytes(),
            &Url::parse("https://p.example.org/atom.xml").unwrap(),
        )
        .unwrap();
        assert_eq!(feed.kind, FeedKind::Atom);
        assert_eq!(feed.title.as_deref(), Some("Agenda & projets"));
        let [a, b] = &feed.entries[..] else {
            panic!("{:?}", feed.entries)
        };
        assert_eq!(a.title.as_deref(), Some("Le jardin partagé"));
        assert_eq!(
            a.link.as_ref().map(Url::as_str),
            Some("https://p.example.org/projets/jardin#top")
        );
        assert_eq!(
            a.id.as_deref(),
            Some("urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6")
        );
        assert_eq!(a.date, d(2020, 2, 3), "published wins, the day as written");
        assert_eq!(a.categories, ["Alimentation durable"]);
        assert_eq!(b.date, d(2021, 7, 14));
        assert_eq!(b.summary.as_deref(), Some("Contenu riche"));
        assert_eq!(
            b.link.as_ref().map(Url::as_str),
            Some("https://ailleurs.example.org/x")
        );
    }

    #[test]
    fn rss_variants_cdata_entities_and_encodings() {
        let rss = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Caf\u{e9}</title>\
            <item><title>Caf&eacute; &amp; th\u{e9}</title><guid>https://p.example.org/cafe</guid>\
            <description><![CDATA[<p>Un <b>caf\u{e9}</b></p><p>solidaire</p>]]></description>\
            <dc:date>2019-03-12T00:30:00+01:00</dc:date><dc:subject>Lien social</dc:subject></item>\
            <item><title>Sans lien</title><guid isPermaLink=\"false\">42</guid><content:encoded>&lt;p&gt;Texte&lt;/p&gt;</content:encoded>\
            <pubDate>Tue, 12 Mar 2019 00:30:00 +0100</pubDate></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(rss);
        let feed = parse_feed(&bytes, &Url::parse("https://p.example.org/rss").unwrap()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Café"));
        let [a, b] = &feed.entries[..] else {
            panic!("{:?}", feed.entries)
        };
        assert_eq!(a.title.as_deref(), Some("Café & thé"));
        assert_eq!(
            a.link.as_ref().map(Url::as_str),
            Some("https://p.example.org/cafe")
        );
        assert_eq!(a.summary.as_deref(), Some("Un café solidaire"));
        assert_eq!(a.date, d(2019, 3, 12));
        assert_eq!(a.categories, ["Lien social"]);
        assert_eq!(b.id.as_deref(), Some("42"));
        assert_eq!(b.link, None);
        assert_eq!(b.summary.as_deref(), Some("Texte"));
        assert_eq!(b.date, d(2019, 3, 12));
        assert_eq!(
            b.fields(),
            BTreeMap::from([
                ("id".to_owned(), json!("42")),
                ("link".to_owned(), Value::Null),
                ("title".to_owned(), json!("Sans lien")),
                ("summary".to_owned(), json!("Texte")),
                ("date".to_owned(), json!("2019-03-12")),
                ("categories".to_owned(), Value::Null),
            ])
        );
    }

    #[test]
    fn rss_1_0_rdf() {
        let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://p.example.org/"><title>Ancien</title><link>https://p.example.org/</link></channel>
  <item rdf:about="https://p.example.org/1"><title>Un</title><link>https://p.example.org/1</link><dc:date>2005-01-02</dc:date></item>
</rdf:RDF>"#;
        let feed = parse_feed(rdf.as_bytes(), &url()).unwrap();
        assert_eq!(feed.kind, FeedKind::Rdf);
        assert_eq!(feed.title.as_deref(), Some("Ancien"));
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].title.as_deref(), Some("Un"));
        assert_eq!(feed.entries[0].date, d(2005, 1, 2));
    }

    #[test]
    fn not_feeds_and_broken_ones() {
        assert_eq!(
            parse_feed(b"<!DOCTYPE html><html><body>x</body></html>", &url()),
            Err(FeedError::NotAFeed {
                root: Some("html".into())
            })
        );
        assert_eq!(
            parse_feed(b"", &url()),
            Err(FeedError::NotAFeed { root: None })
        );
        assert!(matches!(
            parse_feed(b"<rss><channel><title>x</title><!-- jamais ferm", &url()),
            Err(FeedError::Xml(_))
        ));
        // Cut short after one entry: that entry is kept.
        let cut =
            b"<rss><channel><item><title>Un</title></item><item><title>Deux</title><![CDATA[ coup";
        let feed = parse_feed(cut, &url()).unwrap();
        assert_eq!(feed.entries.len(), 1);
        assert!(feed.error.is_some());
    }
}
