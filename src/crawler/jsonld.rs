//! schema.org JSON-LD read without selectors: every `<script type="application/ld+json">`
//! block of a page, the objects of the types that describe projects (Project, Event,
//! Organization, NGO, CreativeWork, Article and their common subtypes), mapped onto the
//! standard fields.
//!
//! Tolerated: several blocks, top-level arrays, `@graph`, `@id` references between objects
//! (an organisation referenced by an article is read as its author, not as a record of
//! its own), comments, HTML comment or CDATA wrappers, trailing commas, raw line breaks in
//! strings, several values in one block. The browser does not decode HTML entities inside
//! scripts; some CMSs escape them anyway (`L&#039;atelier`), so string values are read as
//! HTML text: entities decoded, tags dropped, whitespace collapsed, NFC.
//!
//! Fields of a record (only those found): `type` (the schema.org type), `title`,
//! `summary`, `description`, `address` (street), `postcode`, `commune`, `country`, `lat`,
//! `lon`, `themes` and `publics` (lists), `website`, `email`, `start_date` (ISO date),
//! `image` (absolute URL), `org_name`.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;
use serde_json::{Map, Value};
use url::Url;

use super::dates;
use super::extract::{html_to_text, normalize_email, resolve_url};

type Object = Map<String, Value>;

/// The records of every JSON-LD block of `doc` (the page at `page_url`), in page order.
pub fn extract_jsonld(doc: &Html, page_url: &Url) -> Vec<BTreeMap<String, Value>> {
    let blocks: Vec<Value> = scripts(doc).iter().flat_map(|s| parse_block(s)).collect();
    records(&blocks, page_url)
}

/// The raw text of every `<script type="application/ld+json">` of `doc`.
pub fn scripts(doc: &Html) -> Vec<String> {
    static SCRIPT: LazyLock<scraper::Selector> =
        LazyLock::new(|| scraper::Selector::parse("script[type]").unwrap());
    doc.select(&SCRIPT)
        .filter(|s| {
            s.value().attr("type").is_some_and(|t| {
                t.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .eq_ignore_ascii_case("application/ld+json")
            })
        })
        .map(|s| s.text().collect())
        .collect()
}

/// The JSON values of one block, read tolerantly; what cannot be read is skipped.
pub fn parse_block(text: &str) -> Vec<Value> {
    let cleaned = clean_json(text);
    serde_json::Deserializer::from_str(&cleaned)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// The records of parsed blocks (see [`extract_jsonld`]).
pub fn records(blocks: &[Value], page_url: &Url) -> Vec<BTreeMap<String, Value>> {
    let mut ids = HashMap::new();
    for b in blocks {
        index_ids(b, &mut ids);
    }
    let mut found = Vec::new();
    for b in blocks {
        collect(b, &ids, &mut found);
    }
    // Objects referenced from another record (publisher, organizer…) are not records.
    let mut referenced = HashSet::new();
    for o in &found {
        for v in o.values() {
            referenced_ids(v, &mut referenced);
        }
    }
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter(|o| match o.get("@id").and_then(Value::as_str) {
            Some(id) => !referenced.contains(id) && seen.insert(id),
            None => true,
        })
        .filter_map(|o| record(o, &ids, page_url))
        .collect()
}

/// The last segment of each `@type` (`schema:Project`, `https://schema.org/Event`).
fn types(o: &Object) -> Vec<&str> {
    match o.get("@type") {
        Some(Value::String(t)) => vec![last_segment(t)],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(last_segment)
            .collect(),
        _ => Vec::new(),
    }
}

fn last_segment(t: &str) -> &str {
    t.rsplit(['/', ':', '#']).next().unwrap_or(t)
}

/// Organization and the subtypes partners may use for themselves.
const ORGANIZATION_TYPES: &[&str] = &[
    "Organization",
    "NGO",
    "Corporation",
    "Consortium",
    "GovernmentOrganization",
    "EducationalOrganization",
    "ResearchOrganization",
    "SportsOrganization",
    "PerformingGroup",
    "WorkersUnion",
];

/// Projects and works (any type ending in `Event` is wanted too).
const WORK_TYPES: &[&str] = &[
    "Project",
    "ResearchProject",
    "CreativeWork",
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "Festival",
];

/// The wanted schema.org type of `o`, if it has one.
fn wanted_type(o: &Object) -> Option<String> {
    types(o)
        .into_iter()
        .find(|t| WORK_TYPES.contains(t) || ORGANIZATION_TYPES.contains(t) || t.ends_with("Event"))
        .map(str::to_owned)
}

fn is_organization(o: &Object) -> bool {
    types(o).iter().any(|t| ORGANIZATION_TYPES.contains(t))
}

fn index_ids<'a>(v: &'a Value, ids: &mut HashMap<&'a str, &'a Object>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| index_ids(x, ids)),
        Value::Object(o) => {
            if let Some(id) = o.get("@id").and_then(Value::as_str)
                && !is_reference(o)
            {
                ids.entry(id).or_insert(o);
            }
            o.values().for_each(|x| index_ids(x, ids));
        }
        _ => {}
    }
}

/// `{"@id": "…"}` (maybe with a `@type`) stands for an object described elsewhere.
fn is_reference(o: &Object) -> bool {
    o.contains_key("@id") && o.keys().all(|k| k == "@id" || k == "@type")
}

fn resolve<'a>(v: &'a Value, ids: &HashMap<&'a str, &'a Object>) -> Option<&'a Object> {
    let o = v.as_object()?;
    if is_reference(o) {
        let id = o.get("@id").and_then(Value::as_str)?;
        return ids.get(id).copied().or(Some(o));
    }
    Some(o)
}

fn collect<'a>(v: &'a Value, ids: &HashMap<&'a str, &'a Object>, out: &mut Vec<&'a Object>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect(x, ids, out)),
        Value::Object(_) => {
            let Some(o) = resolve(v, ids) else { return };
            if let Some(graph) = o.get("@graph") {
                collect(graph, ids, out);
            }
            if wanted_type(o).is_some() {
                out.push(o);
                return;
            }
            // A page or a list wrapping the objects.
            for key in ["mainEntity", "itemListElement", "item"] {
                if let Some(x) = o.get(key) {
                    collect(x, ids, out);
                }
            }
        }
        _ => {}
    }
}

fn referenced_ids<'a>(v: &'a Value, out: &mut HashSet<&'a str>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| referenced_ids(x, out)),
        Value::Object(o) => {
            if let Some(id) = o.get("@id").and_then(Value::as_str) {
                out.insert(id);
            }
            o.values().for_each(|x| referenced_ids(x, out));
        }
        _ => {}
    }
}

fn record(
    o: &Object,
    ids: &HashMap<&str, &Object>,
    page_url: &Url,
) -> Option<BTreeMap<String, Value>> {
    let mut r = BTreeMap::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            r.insert(key.to_owned(), v);
        }
    };
    let string = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Value::String);
    let first_text = |keys: &[&str]| keys.iter().find_map(|k| o.get(*k).and_then(text));

    let title =
        first_text(&["name", "headline", "alternativeHeadline"]).filter(|s| !s.is_empty())?;
    put("type", wanted_type(o).map(Value::String));
    put("title", Some(Value::String(title)));
    put("summary", string(first_text(&["description", "abstract"])));
    put("description", string(first_text(&["articleBody", "text"])));

    // "location": a Place (with an address and/or geo), a PostalAddress, or a string.
    let location_value = o.get("location").and_then(first);
    let location = location_value.and_then(|l| resolve(l, ids));
    let address = o
        .get("address")
        .and_then(first)
        .or_else(|| location.and_then(|l| l.get("address")).and_then(first))
        .or_else(|| {
            location_value.filter(|_| location.is_some_and(|l| types(l).contains(&"PostalAddress")))
        })
        .or_else(|| location_value.filter(|v| v.is_string()));
    match address.map(|a| (a, resolve(a, ids))) {
        Some((_, Some(a))) => {
            put("address", string(a.get("streetAddress").and_then(text)));
            put("postcode", string(a.get("postalCode").and_then(text)));
            put("commune", string(a.get("addressLocality").and_then(text)));
            put("country", string(a.get("addressCountry").and_then(text)));
        }
        Some((a, None)) => {
            if let Some(line) = text(a).filter(|s| !s.is_empty()) {
                let (postcode, commune) = split_address_line(&line);
                put("postcode", string(postcode));
                put("commune", string(commune));
                put("address", Some(Value::String(line)));
            }
        }
        None => {}
    }

    let geo = o
        .get("geo")
        .or_else(|| location.and_then(|l| l.get("geo")))
        .and_then(|g| resolve(g, ids));
    if let Some(g) = geo {
        put("lat", string(g.get("latitude").and_then(text)));
        put("lon", string(g.get("longitude").and_then(text)));
    }

    put("themes", list(o.get("keywords"), &[], ids));
    put(
        "publics",
        list(o.get("audience"), &["audienceType", "name"], ids),
    );

    put(
        "start_date",
        ["startDate", "foundingDate", "datePublished", "dateCreated"]
            .iter()
            .find_map(|k| o.get(*k).and_then(text).and_then(|t| dates::parse_any(&t)))
            .map(|d| Value::String(d.format("%Y-%m-%d").to_string())),
    );

    put(
        "image",
        o.get("image")
            .and_then(first)
            .and_then(|i| match resolve(i, ids) {
                Some(io) => io
                    .get("url")
                    .or_else(|| io.get("contentUrl"))
                    .and_then(text),
                None => text(i),
            })
            .and_then(|u| resolve_url(page_url, &u))
            .map(|u| Value::String(u.into())),
    );

    const HOLDERS: [&str; 5] = [
        "organizer",
        "author",
        "funder",
        "parentOrganization",
        "sponsor",
    ];
    let org = if is_organization(o) {
        Some(o)
    } else {
        HOLDERS
            .iter()
            .find_map(|k| o.get(*k).and_then(first).and_then(|v| resolve(v, ids)))
    };
    let org_name = match org {
        Some(org) => org.get("name").and_then(text),
        // "author": "Jean Dupont"
        None => HOLDERS
            .iter()
            .find_map(|k| o.get(*k).and_then(first).and_then(text)),
    };
    put("org_name", string(org_name));

    let website = |x: &Object| {
        ["url", "sameAs"]
            .iter()
            .filter_map(|k| x.get(*k).and_then(first).and_then(text))
            .filter_map(|u| resolve_url(page_url, &u))
            .find(|u| !same_page(u, page_url))
    };
    put(
        "website",
        website(o)
            .or_else(|| org.and_then(website))
            .map(|u| Value::String(u.into())),
    );
    let email = |x: &Object| {
        x.get("email")
            .or_else(|| {
                x.get("contactPoint")
                    .and_then(first)
                    .and_then(|c| resolve(c, ids))
                    .and_then(|c| c.get("email"))
            })
            .and_then(first)
            .and_then(text)
            .and_then(|e| normalize_email(&e))
    };
    put(
        "email",
        email(o).or_else(|| org.and_then(email)).map(Value::String),
    );
    Some(r)
}

/// The first element of an array, or the value itself.
fn first(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(a) => a.first(),
        Value::Null => None,
        v => Some(v),
    }
}

/// A string, number or `{"@value": …}` / `{"name": …}` as normalised text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(html_to_text(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(text),
        Value::Object(o) => o.get("@value").or_else(|| o.get("name")).and_then(text),
        _ => None,
    }
}

/// Keywords or audiences: an array of strings/objects (one item each), or a
/// comma-separated string (objects' `keys` too: `"audienceType": "Jeunes, Seniors"`).
fn list(v: Option<&Value>, keys: &[&str], ids: &HashMap<&str, &Object>) -> Option<Value> {
    let mut items: Vec<String> = Vec::new();
    let mut push = |s: String, split: bool| {
        let parts: Vec<&str> = if split {
            s.split(',').collect()
        } else {
            vec![&s]
        };
        for part in parts {
            let part = part.trim();
            if !part.is_empty() && !items.iter().any(|x| x == part) {
                items.push(part.to_owned());
            }
        }
    };
    let (values, in_array): (Vec<&Value>, bool) = match v? {
        Value::Array(a) => (a.iter().collect(), true),
        other => (vec![other], false),
    };
    for x in values {
        match resolve(x, ids) {
            Some(o) => {
                if let Some(s) = keys
                    .iter()
                    .chain(&["name"])
                    .find_map(|k| o.get(*k).and_then(text))
                {
                    push(s, true);
                }
            }
            None => {
                if let Some(s) = text(x) {
                    push(s, !in_array);
                }
            }
        }
    }
    (!items.is_empty()).then(|| Value::Array(items.into_iter().map(Value::String).collect()))
}

/// `12 rue Pasteur, 69003 Lyon` → (`69003`, `Lyon`).
fn split_address_line(line: &str) -> (Option<String>, Option<String>) {
    static POSTCODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^\d])(\d{5})\s+([^,\d][^,]*)").unwrap());
    match POSTCODE.captures(line) {
        Some(c) => (Some(c[1].to_owned()), Some(c[2].trim().to_owned())),
        None => (None, None),
    }
}

fn same_page(a: &Url, b: &Url) -> bool {
    let key = |u: &Url| {
        let mut u = u.clone();
        u.set_fragment(None);
        u.as_str().trim_end_matches('/').to_owned()
    };
    key(a) == key(b)
}

/// JSON as CMSs write it, made strict: comments, `<!-- -->` and CDATA wrappers, trailing
/// commas removed; raw control characters in strings escaped.
fn clean_json(text: &str) -> String {
    let t = text.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(t.len());
    let mut chars = t.char_indices().peekable();
    let mut in_string = false;
    let mut escaped = false;
    while let Some((i, c)) = chars.next() {
        if in_string {
            match c {
                _ if escaped => {
                    escaped = false;
                    out.push(c);
                }
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
            continue;
        }
        let rest = &t[i..];
        let skip = if rest.starts_with("//") {
            rest.find('\n').unwrap_or(rest.len())
        } else if rest.starts_with("/*") {
            rest.find("*/").map_or(rest.len(), |e| e + 2)
        } else if rest.starts_with("<!--") {
            4
        } else if rest.starts_with("-->") {
            3
        } else if rest.starts_with("<![CDATA[") {
            9
        } else if rest.starts_with("]]>") {
            3
        } else {
            0
        };
        if skip > 0 {
            while chars.peek().is_some_and(|(j, _)| *j < i + skip) {
                chars.next();
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ',' => {
                let next = rest[1..].trim_start();
                if !(next.starts_with('}') || next.starts_with(']')) {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn page() -> Url {
        Url::parse("https://partenaire.example.org/projets/fiche-1/").unwrap()
    }

    fn read(html: &str) -> Vec<BTreeMap<String, Value>> {
        extract_jsonld(&Html::parse_document(html), &page())
    }

    fn script(json: &str) -> String {
        format!(
            r#"<html><head><script type="application/ld+json">{json}</script></head><body></body></html>"#
        )
    }

    #[test]
    fn reads_everything_the_bench_cards_site_exposes() {
        let path = format!(
            "{}/tests/fixtures/extract/s1-detail.html",
            env!("CARGO_MANIFEST_DIR")
        );
        let doc = Html::parse_document(&std::fs::read_to_string(path).unwrap());
        let url =
            Url::parse("http://127.0.0.1:8101/projets/atelier-de-couture-bon-voisinage-100018/")
                .unwrap();
        let got = extract_jsonld(&doc, &url);
        assert_eq!(got.len(), 1);
        let expected: BTreeMap<String, Value> = serde_json::from_value(json!({
            "type": "Project",
            "title": "Atelier de couture « Bon Voisinage »",
            "summary": "Atelier de couture porté par Union Transitions Le Tampon qui relie la production d'énergie renouvelable citoyenne par des ateliers collectifs hebdomadaires.",
            "start_date": "2023-12-21",
            "themes": ["Insertion professionnelle", "Accès aux droits"],
            "publics": ["Tout public", "Familles monoparentales", "Jeunes"],
            "address": "150 chemin Jean Jaurès",
            "postcode": "97430",
            "commune": "Le Tampon",
            "country": "FR",
            "lat": "-21.2783",
            "lon": "55.5278",
            "org_name": "Union Transitions Le Tampon",
            "website": "https://www.union-transitions-le-tampon.example.org/",
            "email": "contact@union-transitions-le-tampon.example.org",
        }))
        .unwrap();
        assert_eq!(got[0], expected);
    }

    #[test]
    fn graph_references_and_organisations_referenced_are_not_records() {
        let html = script(
            r##"{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "@id": "https://p.example.org/#site", "name": "Le site"},
              {"@type": "Organization", "@id": "https://p.example.org/#org", "name": "Asso &amp; Co",
               "url": "https://asso.example.org", "contactPoint": {"@type": "ContactPoint", "email": "Contact@Asso.example.org"}},
              {"@type": ["BlogPosting"], "@id": "https://p.example.org/a#article", "headline": "L&#039;atelier <em>vélo</em>",
               "datePublished": "2021-06-01T08:00:00+02:00", "author": {"@id": "https://p.example.org/#org"},
               "image": {"@type": "ImageObject", "url": "/img/velo.jpg"}, "keywords": "vélo, réparation , ,mobilité",
               "articleBody": "<p>Un   atelier</p><p>participatif</p>", "url": "https://partenaire.example.org/projets/fiche-1/"},
              {"@type": "WebPage", "@id": "https://p.example.org/a", "name": "Page"}
            ]}"##,
        );
        let got = read(&html);
        assert_eq!(got.len(), 1, "{got:?}");
        let r = &got[0];
        assert_eq!(r["type"], json!("BlogPosting"));
        assert_eq!(r["title"], json!("L'atelier vélo"));
        assert_eq!(r["description"], json!("Un atelier participatif"));
        assert_eq!(r["start_date"], json!("2021-06-01"));
        assert_eq!(r["org_name"], json!("Asso & Co"));
        // Its own url is the page itself: the author's site is the website.
        assert_eq!(r["website"], json!("https://asso.example.org/"));
        assert_eq!(r["email"], json!("contact@asso.example.org"));
        assert_eq!(
            r["image"],
            json!("https://partenaire.example.org/img/velo.jpg")
        );
        assert_eq!(r["themes"], json!(["vélo", "réparation", "mobilité"]));
        let kept = read(&script(
            r#"{"@type": "Project", "name": "P", "keywords": ["Culture, sport et loisirs", "Santé", "Santé"]}"#,
        ));
        assert_eq!(
            kept[0]["themes"],
            json!(["Culture, sport et loisirs", "Santé"])
        );
    }

    #[test]
    fn arrays_several_blocks_comments_and_sloppy_json() {
        let html = format!(
            "{}{}{}",
            script(
                "<!--\n// généré par le CMS\n[{\"@type\": \"Event\", \"name\": \"Forum\", /* date */ \"startDate\": \"2024-05-04T09:00\",\n \"location\": [{\"@type\": \"Place\", \"address\": \"3 place du Marché, 35000 Rennes\"}],\n \"organizer\": {\"@type\": \"NGO\", \"name\": \"Réseau\"},},\n {\"@type\": \"schema:NGO\", \"name\": \"Les\tAmis\", \"foundingDate\": \"12/03/2019\", \"sameAs\": [\"https://amis.example.org\"]}]\n-->"
            ),
            script(
                "//<![CDATA[\n{\"@type\": \"http://schema.org/SocialEvent\", \"name\": \"Bal\", \"description\": \"Ligne 1\nLigne 2\"}\n//]]>"
            ),
            script("{ pas du json"),
        );
        let got = read(&html);
        let titles: Vec<&Value> = got.iter().map(|r| &r["title"]).collect();
        assert_eq!(titles, [&json!("Forum"), &json!("Les Amis"), &json!("Bal")]);
        assert_eq!(got[0]["start_date"], json!("2024-05-04"));
        assert_eq!(got[0]["postcode"], json!("35000"));
        assert_eq!(got[0]["commune"], json!("Rennes"));
        assert_eq!(got[0]["address"], json!("3 place du Marché, 35000 Rennes"));
        assert_eq!(got[0]["org_name"], json!("Réseau"));
        assert_eq!(got[1]["type"], json!("NGO"));
        assert_eq!(got[1]["org_name"], json!("Les Amis"));
        assert_eq!(got[1]["start_date"], json!("2019-03-12"));
        assert_eq!(got[1]["website"], json!("https://amis.example.org/"));
        assert_eq!(got[2]["type"], json!("SocialEvent"));
        assert_eq!(got[2]["summary"], json!("Ligne 1 Ligne 2"));
    }

    #[test]
    fn other_types_and_untitled_objects_are_skipped() {
        let html = script(
            r#"[{"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "name": "Accueil"}]},
                {"@type": "WebPage", "name": "x", "mainEntity": {"@type": "Project", "name": "Jardin partagé",
                  "location": {"@type": "Place", "geo": {"latitude": "48.1", "longitude": -1.68}}}},
                {"@type": "Article", "description": "sans titre"},
                {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": {"@type": "Project", "name": "Recyclerie",
                  "audience": {"@type": "Audience", "audienceType": "Jeunes, Seniors"}, "image": ["a.jpg", "b.jpg"]}}]}]"#,
        );
        let got = read(&html);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0]["title"], json!("Jardin partagé"));
        assert_eq!(got[0]["lat"], json!("48.1"));
        assert_eq!(got[0]["lon"], json!("-1.68"));
        assert_eq!(got[1]["title"], json!("Recyclerie"));
        assert_eq!(got[1]["publics"], json!(["Jeunes", "Seniors"]));
        assert_eq!(
            got[1]["image"],
            json!("https://partenaire.example.org/projets/fiche-1/a.jpg")
        );
        assert!(read("<p>rien</p>").is_empty());
    }

    #[test]
    fn addresses_in_their_various_places() {
        let got = read(&script(
            r#"[{"@type": "Event", "name": "A", "location": {"@type": "PostalAddress", "postalCode": "13001", "addressLocality": "Marseille"}},
                {"@type": "Event", "name": "B", "location": "Salle des fêtes, 29200 Brest"},
                {"@type": "Organization", "name": "C", "address": [{"@type": "PostalAddress", "addressLocality": "Lille", "addressCountry": {"@type": "Country", "name": "France"}}]},
                {"@type": "Event", "name": "D", "location": {"@type": "VirtualLocation", "url": "https://visio.example.org"}}]"#,
        ));
        assert_eq!(got.len(), 4);
        assert_eq!(
            (&got[0]["postcode"], &got[0]["commune"]),
            (&json!("13001"), &json!("Marseille"))
        );
        assert_eq!(
            (&got[1]["postcode"], &got[1]["commune"]),
            (&json!("29200"), &json!("Brest"))
        );
        assert_eq!(got[1]["address"], json!("Salle des fêtes, 29200 Brest"));
        assert_eq!(
            (&got[2]["commune"], &got[2]["country"]),
            (&json!("Lille"), &json!("France"))
        );
        assert!(!got[3].contains_key("commune") && !got[3].contains_key("address"));
    }

    #[test]
    fn script_type_variants() {
        let html = r#"<script type=" Application/LD+JSON; charset=utf-8">{"@type":"Project","name":"A"}</script>
            <script type="application/json">{"@type":"Project","name":"B"}</script>
            <script>{"@type":"Project","name":"C"}</script>"#;
        let got = read(html);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0]["title"], json!("A"));
    }

    #[test]
    fn clean_json_keeps_strings_intact() {
        assert_eq!(
            clean_json(
                r#"{"u": "http://x.org/a,b", "c": "/* pas un commentaire */", "l": [1, 2, ], }"#
            ),
            r#"{"u": "http://x.org/a,b", "c": "/* pas un commentaire */", "l": [1, 2 ] }"#
        );
        assert_eq!(
            clean_json("\u{feff}{\"a\": \"x\\\"y\"}"),
            "{\"a\": \"x\\\"y\"}"
        );
        assert_eq!(parse_block("{\"a\": 1} {\"b\": 2}").len(), 2);
    }
}
