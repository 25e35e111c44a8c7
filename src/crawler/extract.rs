//! Reading a detail page with a source's field rules (the semantics of the bench's
//! `sites.json`, see `benches/harness/gen_sites.py`), and following list/next links.
//!
//! Pure functions: a parsed page and its URL in, values and explanations out. Rules are
//! compiled once per source ([`compile`]) so every CSS selector and regex is parsed once
//! and a broken one is reported, per field, before any page is fetched.
//!
//! How one field is read:
//! 1. the CSS selector is evaluated on the page;
//! 2. each matched element gives its `attr` value, or its text: all descendant text;
//! 3. whitespace is collapsed to single spaces and trimmed, the text is NFC-normalised;
//! 4. `strip_prefix` is removed when the value starts with it (then trimmed again);
//! 5. `regex` keeps capture group 1 (the whole match when the regex has no group);
//! 6. the value is typed: `text` as is, `list` (`all`: one item per element, else the
//!    first element's value split on `split`, `,` by default), `date` (ISO `YYYY-MM-DD`),
//!    `url` (absolute, resolved against the page and its `<base href>`), `email`
//!    (lower-case, from text or a `mailto:` link), `number` (French notation read,
//!    written with a `.` decimal point), `rich_text` (sanitised inner HTML of the first
//!    element; steps 3–5 do not apply).
//!
//! A field that yields nothing is `null`, and its [`FieldDiagnostic`] says why.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use regex::Regex;
use scraper::{ElementRef, Html};
use serde::Serialize;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use url::Url;

use super::dates;
use crate::sources::config::{FieldRule, FieldRules, FieldType, Selector};

/// A rule that cannot be used, with the parser's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleError {
    /// The field's name (or `item_link` / `next` for list rules).
    pub field: String,
    /// `css`, `regex` or `split`.
    pub what: &'static str,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.field, self.what, self.message)
    }
}

impl std::error::Error for RuleError {}

/// Field rules with their selectors and regexes parsed.
#[derive(Debug, Clone)]
pub struct CompiledRules {
    fields: Vec<CompiledField>,
}

#[derive(Debug, Clone)]
struct CompiledField {
    name: String,
    rule: FieldRule,
    selector: scraper::Selector,
    /// Lower-case: HTML attribute names are.
    attr: Option<String>,
    /// Whitespace-normalised.
    prefix: Option<String>,
    regex: Option<Regex>,
}

impl CompiledRules {
    /// Field names, in order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.name.as_str())
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Parses every selector and regex of `fields`; all the broken ones are reported.
pub fn compile(fields: &FieldRules) -> Result<CompiledRules, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut compiled = Vec::with_capacity(fields.len());
    for (name, rule) in fields {
        let error = |what, message| RuleError {
            field: name.clone(),
            what,
            message,
        };
        let selector = parse_css(&rule.css).map_err(|m| errors.push(error("css", m)));
        let regex = match rule.regex.as_deref() {
            None => Ok(None),
            Some(re) => Regex::new(re)
                .map(Some)
                .map_err(|e| errors.push(error("regex", e.to_string()))),
        };
        if rule.split.as_deref() == Some("") {
            errors.push(error("split", "the separator is empty".into()));
        }
        if let (Ok(selector), Ok(regex)) = (selector, regex) {
            compiled.push(CompiledField {
                name: name.clone(),
                rule: rule.clone(),
                selector,
                attr: rule.attr.as_deref().map(|a| a.trim().to_ascii_lowercase()),
                prefix: rule
                    .strip_prefix
                    .as_deref()
                    .map(normalize_text)
                    .filter(|p| !p.is_empty()),
                regex,
            });
        }
    }
    if errors.is_empty() {
        Ok(CompiledRules { fields: compiled })
    } else {
        Err(errors)
    }
}

/// A list-page selector (`item_link`, `next`) ready to use.
#[derive(Debug, Clone)]
pub struct CompiledSelector {
    selector: scraper::Selector,
    /// `href` unless the rule names another attribute.
    attr: String,
}

/// Parses a list-page selector; `name` labels the error (`item_link`, `next`).
pub fn compile_selector(name: &str, selector: &Selector) -> Result<CompiledSelector, RuleError> {
    Ok(CompiledSelector {
        selector: parse_css(&selector.css).map_err(|message| RuleError {
            field: name.to_owned(),
            what: "css",
            message,
        })?,
        attr: selector
            .attr
            .as_deref()
            .map(|a| a.trim().to_ascii_lowercase())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| "href".to_owned()),
    })
}

fn parse_css(css: &str) -> Result<scraper::Selector, String> {
    if css.trim().is_empty() {
        return Err("the selector is empty".into());
    }
    scraper::Selector::parse(css).map_err(|e| match e {
        scraper::error::SelectorErrorKind::UnexpectedSelectorParseError(kind) => {
            format!("invalid selector ({kind:?})")
        }
        other => other.to_string(),
    })
}

/// The values read on one page, and how each field was read.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Field name → string, list of strings, or null.
    pub values: BTreeMap<String, Value>,
    pub diagnostics: BTreeMap<String, FieldDiagnostic>,
}

/// How one field was read (for the "test a source" preview).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldDiagnostic {
    /// Elements the selector matched.
    pub matched: usize,
    /// Why the value is null; `None` when there is a value.
    pub empty: Option<EmptyReason>,
    /// The first matched element's text or attribute, whitespace-normalised, before
    /// `strip_prefix`/`regex`/typing (cut at 200 characters).
    pub sample: Option<String>,
}

/// Why a field has no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum EmptyReason {
    SelectorMatchedNothing,
    /// The first matched element has no such attribute.
    AttributeMissing {
        attr: String,
    },
    /// The text (after `strip_prefix`) does not match the regex, or group 1 is empty.
    RegexNoMatch {
        text: String,
    },
    DateUnparsable {
        text: String,
    },
    /// Not an http(s) URL once resolved.
    UrlInvalid {
        text: String,
    },
    EmailInvalid {
        text: String,
    },
    NumberUnparsable {
        text: String,
    },
    /// Only whitespace (or only the prefix).
    EmptyText,
}

/// Reads every field of `rules` on `doc`, the page at `page_url`.
pub fn extract_fields(doc: &Html, page_url: &Url, rules: &CompiledRules) -> Extraction {
    let base = base_url(doc, page_url);
    let mut out = Extraction::default();
    for field in &rules.fields {
        let nodes: Vec<ElementRef> = doc.select(&field.selector).collect();
        let sample = nodes
            .first()
            .and_then(|n| raw_value(field, *n))
            .map(|s| cut(&s, 200));
        let result = if nodes.is_empty() {
            Err(EmptyReason::SelectorMatchedNothing)
        } else {
            read_field(field, &nodes, &base)
        };
        let (value, empty) = match result {
            Ok(value) => (value, None),
            Err(reason) => (Value::Null, Some(reason)),
        };
        out.values.insert(field.name.clone(), value);
        out.diagnostics.insert(
            field.name.clone(),
            FieldDiagnostic {
                matched: nodes.len(),
                empty,
                sample,
            },
        );
    }
    out
}

fn read_field(
    field: &CompiledField,
    nodes: &[ElementRef],
    base: &Url,
) -> Result<Value, EmptyReason> {
    let first = nodes[0];
    match field.rule.field_type {
        FieldType::List => {
            let split = |v: &str, items: &mut Vec<String>| match field.rule.split.as_deref() {
                Some(sep) => items.extend(split_items(v, sep)),
                None => items.push(v.to_owned()),
            };
            let mut items = Vec::new();
            let mut first_failure = None;
            if field.rule.all {
                for node in nodes {
                    match node_value(field, *node) {
                        Ok(v) => split(&v, &mut items),
                        Err(e) => {
                            first_failure.get_or_insert(e);
                        }
                    }
                }
            } else {
                let v = node_value(field, first)?;
                let sep = field.rule.split.as_deref().unwrap_or(",");
                items.extend(split_items(&v, sep));
            }
            if items.is_empty() {
                return Err(first_failure.unwrap_or(EmptyReason::EmptyText));
            }
            Ok(Value::Array(items.into_iter().map(Value::String).collect()))
        }
        FieldType::RichText => {
            let html = match field.attr.as_deref() {
                Some(attr) => first
                    .value()
                    .attr(attr)
                    .ok_or_else(|| EmptyReason::AttributeMissing {
                        attr: attr.to_owned(),
                    })?
                    .to_owned(),
                None => first.inner_html(),
            };
            sanitize_html(&html, base)
                .map(Value::String)
                .ok_or(EmptyReason::EmptyText)
        }
        FieldType::Text => node_value(field, first).map(Value::String),
        FieldType::Date => {
            let text = node_value(field, first)?;
            let date = match field.rule.date_format {
                Some(format) => dates::parse(format, &text),
                None => dates::parse_any(&text),
            };
            date.map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
                .ok_or(EmptyReason::DateUnparsable { text })
        }
        FieldType::Url => {
            let text = node_value(field, first)?;
            resolve_url(base, &text)
                .map(|u| Value::String(u.into()))
                .ok_or(EmptyReason::UrlInvalid { text })
        }
        FieldType::Email => {
            let text = node_value(field, first)?;
            normalize_email(&text)
                .map(Value::String)
                .ok_or(EmptyReason::EmailInvalid { text })
        }
        FieldType::Number => {
            let text = node_value(field, first)?;
            parse_number(&text)
                .map(Value::String)
                .ok_or(EmptyReason::NumberUnparsable { text })
        }
    }
}

/// The element's attribute or text, whitespace-normalised; `None` when the attribute is
/// missing.
fn raw_value(field: &CompiledField, node: ElementRef) -> Option<String> {
    match field.attr.as_deref() {
        Some(attr) => node.value().attr(attr).map(normalize_text),
        None => Some(element_text(node)),
    }
}

/// Steps 2–5: attribute or text, whitespace, prefix, regex.
fn node_value(field: &CompiledField, node: ElementRef) -> Result<String, EmptyReason> {
    let mut value = raw_value(field, node).ok_or_else(|| EmptyReason::AttributeMissing {
        attr: field.attr.clone().unwrap_or_default(),
    })?;
    if let Some(prefix) = field.prefix.as_deref()
        && let Some(rest) = value.strip_prefix(prefix)
    {
        value = rest.trim().to_owned();
    }
    if let Some(re) = &field.regex {
        let kept = re.captures(&value).and_then(|c| {
            let m = if c.len() > 1 { c.get(1) } else { c.get(0) };
            m.map(|m| m.as_str().trim().to_owned())
        });
        match kept {
            Some(k) if !k.is_empty() => value = k,
            _ => return Err(EmptyReason::RegexNoMatch { text: value }),
        }
    }
    if value.is_empty() {
        return Err(EmptyReason::EmptyText);
    }
    Ok(value)
}

fn split_items(value: &str, sep: &str) -> Vec<String> {
    value
        .split(sep)
        .map(normalize_text)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Links matched by a list-page selector: resolved against the page (and its
/// `<base href>`), http(s) only, fragment removed, deduplicated in page order.
pub fn links(doc: &Html, page_url: &Url, selector: &CompiledSelector) -> Vec<Url> {
    let base = base_url(doc, page_url);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for el in doc.select(&selector.selector) {
        let Some(href) = el.value().attr(&selector.attr) else {
            continue;
        };
        let Some(mut url) = resolve_url(&base, href) else {
            continue;
        };
        url.set_fragment(None);
        if seen.insert(url.clone()) {
            out.push(url);
        }
    }
    out
}

/// The URL relative links of the page resolve against: its `<base href>` if any.
pub fn base_url(doc: &Html, page_url: &Url) -> Url {
    static BASE: LazyLock<scraper::Selector> =
        LazyLock::new(|| scraper::Selector::parse("base[href]").unwrap());
    doc.select(&BASE)
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|href| page_url.join(href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .unwrap_or_else(|| page_url.clone())
}

/// Resolves `text` against `base`; only http(s) URLs with a host are kept. A bare
/// `www.example.org` is read as `http://www.example.org`.
pub fn resolve_url(base: &Url, text: &str) -> Option<Url> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let url = if text
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        Url::parse(&format!("http://{text}")).ok()?
    } else {
        base.join(text).ok()?
    };
    (matches!(url.scheme(), "http" | "https") && url.host().is_some()).then_some(url)
}

/// All descendant text of `el`, whitespace collapsed, trimmed, NFC.
pub fn element_text(el: ElementRef) -> String {
    collapse(el.text())
}

/// Whitespace collapsed to single spaces, trimmed, NFC (the bench's `ws` + NFC).
pub fn normalize_text(s: &str) -> String {
    collapse([s])
}

/// Python's `str.isspace` (what the bench's `\s` matches).
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn collapse<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut space = false;
    for piece in pieces {
        for c in piece.chars() {
            if is_space(c) {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
    }
    nfc(out)
}

fn nfc(s: String) -> String {
    if unicode_normalization::is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// The text of an HTML fragment (entities decoded, tags dropped, blocks and `<br>`
/// separated by a space, scripts and styles left out), normalised.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return normalize_text(html);
    }
    let fragment = Html::parse_fragment(html);
    let mut text = String::with_capacity(html.len());
    block_text(fragment.root_element(), &mut text);
    normalize_text(&text)
}

fn block_text(el: ElementRef, out: &mut String) {
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ];
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            out.push_str(t);
        } else if let Some(child) = ElementRef::wrap(child) {
            let name = child.value().name();
            if matches!(name, "script" | "style" | "template") {
                continue;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push(' ');
            }
            block_text(child, out);
            if block {
                out.push(' ');
            }
        }
    }
}

/// HTML reduced to p, ul, ol, li, a[href], strong, em, br; relative links made absolute.
/// `None` when nothing readable is left.
pub fn sanitize_html(html: &str, base: &Url) -> Option<String> {
    let tags: HashSet<&str> = ["p", "ul", "ol", "li", "a", "strong", "em", "br"].into();
    let attributes: HashMap<&str, HashSet<&str>> = [("a", ["href"].into())].into();
    let clean = ammonia::Builder::new()
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(attributes)
        .url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()))
        .clean(html)
        .to_string();
    let clean = nfc(clean.trim().to_owned());
    (!html_to_text(&clean).is_empty()).then_some(clean)
}

/// A loosely valid address found in `text` (`mailto:` links, `[at]`/`(at)` spellings),
/// lower-case.
pub fn normalize_email(text: &str) -> Option<String> {
    static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"[^\s@<>()\[\]{},;:"'«»]+@[^\s@<>()\[\]{},;:"'«»]+\.[^\s@<>()\[\]{},;:"'«».]{2,}"#,
        )
        .unwrap()
    });
    static AT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*").unwrap());
    static DOT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*[\[(]\s*(?:dot|point)\s*[\])]\s*").unwrap());
    let mut t = text.trim();
    if t.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        t = &t[7..];
        t = t.split('?').next().unwrap_or_default();
    }
    let decoded = percent_decode_str(t).decode_utf8_lossy();
    let deobfuscated = DOT
        .replace_all(&AT.replace_all(&decoded, "@"), ".")
        .to_lowercase();
    EMAIL
        .find(&deobfuscated)
        .map(|m| m.as_str().trim_end_matches('.').to_owned())
}

/// The first number of `text`, French or English notation (`1 234,5`, `1.234,5`,
/// `1,234.5`, `45.7640`, `-3`), written with a `.` decimal point and the decimals as
/// given (`1234.5`, `45.7640`).
pub fn parse_number(text: &str) -> Option<String> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[-+−]?(?:\d{1,3}(?:[ \u{a0}\u{202f}'’]\d{3})+|\d+)(?:[.,]\d+)*").unwrap()
    });
    let m = NUMBER.find(text)?.as_str();
    let negative = m.starts_with(['-', '−']);
    let body: String = m
        .trim_start_matches(['-', '+', '−'])
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’'))
        .collect();
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let decimal = match (commas, dots) {
        (0, 0) => None,
        (c, d) if c > 0 && d > 0 => {
            // The last separator is the decimal one, the other groups thousands.
            body.rfind([',', '.']).map(|i| body.as_bytes()[i] as char)
        }
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        _ => None, // several of one kind: thousands
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    match decimal.and_then(|sep| body.rfind(sep)) {
        Some(i) => {
            out.extend(body[..i].chars().filter(char::is_ascii_digit));
            out.push('.');
            out.push_str(&body[i + 1..]);
        }
        None => out.extend(body.chars().filter(char::is_ascii_digit)),
    }
    out.parse::<f64>().ok().map(|_| out)
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::config::DateFormat;
    use serde_json::json;

    fn rule(css: &str) -> FieldRule {
        FieldRule {
            css: css.into(),
            attr: None,
            field_type: FieldType::Text,
            all: false,
            split: None,
            strip_prefix: None,
            regex: None,
            date_format: None,
        }
    }

    fn rules(list: Vec<(&str, FieldRule)>) -> CompiledRules {
        compile(&list.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()).unwrap()
    }

    fn page() -> Url {
        Url::parse("https://partenaire.example.org/projets/ma-fiche/").unwrap()
    }

    fn run(html: &str, list: Vec<(&str, FieldRule)>) -> Extraction {
        extract_fields(&Html::parse_document(html), &page(), &rules(list))
    }

    fn fixture_page(name: &str) -> Html {
        let path = format!(
            "{}/tests/fixtures/extract/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        Html::parse_document(&std::fs::read_to_string(path).unwrap())
    }

    #[test]
    fn compile_reports_every_broken_rule() {
        let mut fields = FieldRules::new();
        fields.insert("ok".into(), rule("h1.titre"));
        fields.insert("bad_css".into(), rule("div..x"));
        fields.insert("bad_attr_sel".into(), rule("div >"));
        fields.insert(
            "bad_regex".into(),
            FieldRule {
                regex: Some("(\\d{4".into()),
                ..rule("p")
            },
        );
        fields.insert(
            "both".into(),
            FieldRule {
                regex: Some("(?<=x)y".into()),
                ..rule("")
            },
        );
        let errors = compile(&fields).unwrap_err();
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.what)).collect();
        assert_eq!(
            got,
            [
                ("bad_attr_sel", "css"),
                ("bad_css", "css"),
                ("bad_regex", "regex"),
                ("both", "css"),
                ("both", "regex"),
            ]
        );
        assert!(errors.iter().all(|e| !e.message.is_empty()), "{errors:?}");
        assert!(
            errors[2].message.contains("regex parse error"),
            "{}",
            errors[2].message
        );
        assert_eq!(errors[3].message, "the selector is empty");
    }

    #[test]
    fn text_is_all_descendant_text_collapsed_and_nfc() {
        let e = run(
            "<h1 class=t>  Atelier\n <em>de   couture</em>\t« La&nbsp;Clé »  </h1>\
             <p class=d>Cafe\u{301} solidaire</p>",
            vec![("title", rule("h1.t")), ("nfc", rule("p.d"))],
        );
        assert_eq!(e.values["title"], json!("Atelier de couture « La Clé »"));
        assert_eq!(e.values["nfc"], json!("Café solidaire"));
        assert_eq!(e.diagnostics["title"].matched, 1);
        assert_eq!(e.diagnostics["title"].empty, None);
    }

    #[test]
    fn first_match_only_for_text_and_null_when_nothing_matches() {
        let e = run(
            "<p class=a>un</p><p class=a>deux</p><p class=vide>   </p><a class=l>x</a>",
            vec![
                ("a", rule("p.a")),
                ("none", rule("p.absent")),
                ("blank", rule("p.vide")),
                (
                    "noattr",
                    FieldRule {
                        attr: Some("HREF".into()),
                        ..rule("a.l")
                    },
                ),
            ],
        );
        assert_eq!(e.values["a"], json!("un"));
        assert_eq!(e.diagnostics["a"].matched, 2);
        assert_eq!(e.values["none"], Value::Null);
        assert_eq!(
            e.diagnostics["none"],
            FieldDiagnostic {
                matched: 0,
                empty: Some(EmptyReason::SelectorMatchedNothing),
                sample: None
            }
        );
        assert_eq!(e.diagnostics["blank"].empty, Some(EmptyReason::EmptyText));
        assert_eq!(
            e.diagnostics["noattr"].empty,
            Some(EmptyReason::AttributeMissing {
                attr: "href".into()
            })
        );
    }

    #[test]
    fn strip_prefix_then_regex_group_one() {
        let html = r#"<p class="info cp"><b>Code   postal :</b> 69003</p>
            <p class=adr>12 rue Pasteur, 69003 Lyon</p><p class=an>Année : vers 2019</p>"#;
        let e = run(
            html,
            vec![
                (
                    "postcode",
                    FieldRule {
                        strip_prefix: Some("Code postal :".into()),
                        ..rule("p.cp")
                    },
                ),
                (
                    "commune",
                    FieldRule {
                        regex: Some(r",\s*(?:\d{5}\s+)?(.+)$".into()),
                        ..rule("p.adr")
                    },
                ),
                (
                    "cp_regex",
                    FieldRule {
                        regex: Some(r"(\d{5})".into()),
                        ..rule("p.adr")
                    },
                ),
                (
                    "no_group",
                    FieldRule {
                        regex: Some(r"\d{4}".into()),
                        ..rule("p.an")
                    },
                ),
                (
                    "prefix_then_regex",
                    FieldRule {
                        strip_prefix: Some("Année :".into()),
                        regex: Some(r"^(\d{4})$".into()),
                        ..rule("p.an")
                    },
                ),
                (
                    "missing_prefix_is_fine",
                    FieldRule {
                        strip_prefix: Some("Ville :".into()),
                        ..rule("p.an")
                    },
                ),
            ],
        );
        assert_eq!(e.values["postcode"], json!("69003"));
        assert_eq!(e.values["commune"], json!("Lyon"));
        assert_eq!(e.values["cp_regex"], json!("69003"));
        assert_eq!(e.values["no_group"], json!("2019"));
        assert_eq!(e.values["prefix_then_regex"], Value::Null);
        assert_eq!(
            e.diagnostics["prefix_then_regex"].empty,
            Some(EmptyReason::RegexNoMatch {
                text: "vers 2019".into()
            })
        );
        assert_eq!(
            e.diagnostics["prefix_then_regex"].sample.as_deref(),
            Some("Année : vers 2019")
        );
        assert_eq!(
            e.values["missing_prefix_is_fine"],
            json!("Année : vers 2019")
        );
    }

    #[test]
    fn lists_all_and_split() {
        let html = r#"<ul class=t><li> Alimentation
            durable </li><li></li><li>Énergie citoyenne</li></ul>
            <p class=th><b>Thématique :</b> Sport,  Culture , ,Santé</p>
            <p class=pub>Jeunes / Seniors</p><p class=multi>a; b</p><p class=multi>c</p>"#;
        let list = |css: &str| FieldRule {
            field_type: FieldType::List,
            ..rule(css)
        };
        let e = run(
            html,
            vec![
                (
                    "all",
                    FieldRule {
                        all: true,
                        ..list("ul.t li")
                    },
                ),
                (
                    "split",
                    FieldRule {
                        split: Some(",".into()),
                        strip_prefix: Some("Thématique :".into()),
                        ..list("p.th")
                    },
                ),
                (
                    "slash",
                    FieldRule {
                        split: Some("/".into()),
                        ..list("p.pub")
                    },
                ),
                ("default_comma", list("p.th")),
                (
                    "all_and_split",
                    FieldRule {
                        all: true,
                        split: Some(";".into()),
                        ..list("p.multi")
                    },
                ),
                ("none", list("ol")),
            ],
        );
        assert_eq!(
            e.values["all"],
            json!(["Alimentation durable", "Énergie citoyenne"])
        );
        assert_eq!(e.values["split"], json!(["Sport", "Culture", "Santé"]));
        assert_eq!(e.values["slash"], json!(["Jeunes", "Seniors"]));
        assert_eq!(
            e.values["default_comma"],
            json!(["Thématique : Sport", "Culture", "Santé"])
        );
        assert_eq!(e.values["all_and_split"], json!(["a", "b", "c"]));
        assert_eq!(e.values["none"], Value::Null);
        assert_eq!(e.diagnostics["all"].matched, 3);
    }

    #[test]
    fn dates_by_format() {
        let html = r#"<time class=a>21/12/2023</time><p class=b>Date de lancement : 1er mars 2019</p>
            <time class=c datetime="2009-11-04T10:00:00+01:00">4 novembre 2009</time><p class=d>bientôt</p>"#;
        let date = |css: &str, f: Option<DateFormat>| FieldRule {
            field_type: FieldType::Date,
            date_format: f,
            ..rule(css)
        };
        let e = run(
            html,
            vec![
                ("dmy", date("time.a", Some(DateFormat::DmySlash))),
                ("fr", date("p.b", Some(DateFormat::FrLong))),
                (
                    "iso",
                    FieldRule {
                        attr: Some("datetime".into()),
                        ..date("time.c", Some(DateFormat::Iso))
                    },
                ),
                ("any", date("time.c", None)),
                ("bad", date("p.d", Some(DateFormat::FrLong))),
                ("wrong_format", date("time.a", Some(DateFormat::Iso))),
            ],
        );
        assert_eq!(e.values["dmy"], json!("2023-12-21"));
        assert_eq!(e.values["fr"], json!("2019-03-01"));
        assert_eq!(e.values["iso"], json!("2009-11-04"));
        assert_eq!(e.values["any"], json!("2009-11-04"));
        assert_eq!(e.values["bad"], Value::Null);
        assert_eq!(
            e.diagnostics["bad"].empty,
            Some(EmptyReason::DateUnparsable {
                text: "bientôt".into()
            })
        );
        assert_eq!(e.values["wrong_format"], Value::Null);
    }

    #[test]
    fn urls_are_absolute_against_page_and_base() {
        let html = r#"<img class=a src="../../images/ill1.gif"><img class=b src="/media/2.jpg">
            <a class=c href="https://www.asso.example.org/">site</a><a class=d href="mailto:x@y.org">m</a>
            <span class=e>www.asso.example.org</span><a class=f href="">vide</a>"#;
        let url = |css: &str, attr: Option<&str>| FieldRule {
            field_type: FieldType::Url,
            attr: attr.map(Into::into),
            ..rule(css)
        };
        let e = run(
            html,
            vec![
                ("rel", url("img.a", Some("src"))),
                ("abs_path", url("img.b", Some("src"))),
                ("external", url("a.c", Some("href"))),
                ("mailto", url("a.d", Some("href"))),
                ("www", url("span.e", None)),
                ("empty", url("a.f", Some("href"))),
            ],
        );
        assert_eq!(
            e.values["rel"],
            json!("https://partenaire.example.org/images/ill1.gif")
        );
        assert_eq!(
            e.values["abs_path"],
            json!("https://partenaire.example.org/media/2.jpg")
        );
        assert_eq!(e.values["external"], json!("https://www.asso.example.org/"));
        assert_eq!(e.values["mailto"], Value::Null);
        assert_eq!(
            e.diagnostics["mailto"].empty,
            Some(EmptyReason::UrlInvalid {
                text: "mailto:x@y.org".into()
            })
        );
        assert_eq!(e.values["www"], json!("http://www.asso.example.org/"));
        assert_eq!(
            resolve_url(&page(), "ééé"),
            Url::parse("https://partenaire.example.org/projets/ma-fiche/%C3%A9%C3%A9%C3%A9").ok()
        );
        assert_eq!(e.diagnostics["empty"].empty, Some(EmptyReason::EmptyText));

        let with_base = extract_fields(
            &Html::parse_document(
                r#"<head><base href="https://cdn.example.org/site/"></head><img src="img/1.png">"#,
            ),
            &page(),
            &rules(vec![("image", url("img", Some("src")))]),
        );
        assert_eq!(
            with_base.values["image"],
            json!("https://cdn.example.org/site/img/1.png")
        );
    }

    #[test]
    fn emails_from_text_or_mailto() {
        assert_eq!(
            normalize_email("  Contact@Asso.Example.ORG "),
            Some("contact@asso.example.org".into())
        );
        assert_eq!(
            normalize_email("mailto:contact@asso.fr?subject=Bonjour"),
            Some("contact@asso.fr".into())
        );
        assert_eq!(
            normalize_email("MAILTO:contact%40asso.fr"),
            Some("contact@asso.fr".into())
        );
        assert_eq!(
            normalize_email("Écrire à contact@asso.fr."),
            Some("contact@asso.fr".into())
        );
        assert_eq!(
            normalize_email("contact [at] asso (dot) fr"),
            Some("contact@asso.fr".into())
        );
        assert_eq!(normalize_email("écrire"), None);
        assert_eq!(normalize_email("éé"), None);
        assert_eq!(normalize_email("a@b"), None);
        assert_eq!(normalize_email("@asso.fr"), None);

        let e = run(
            r#"<a class=m href="mailto:Jean.Dupont@Asso.fr">écrire</a><span class=t>pas d'adresse</span>"#,
            vec![
                (
                    "email",
                    FieldRule {
                        field_type: FieldType::Email,
                        attr: Some("href".into()),
                        ..rule("a.m")
                    },
                ),
                (
                    "bad",
                    FieldRule {
                        field_type: FieldType::Email,
                        ..rule("span.t")
                    },
                ),
            ],
        );
        assert_eq!(e.values["email"], json!("jean.dupont@asso.fr"));
        assert_eq!(
            e.diagnostics["bad"].empty,
            Some(EmptyReason::EmailInvalid {
                text: "pas d'adresse".into()
            })
        );
    }

    #[test]
    fn french_numbers() {
        let n = |s: &str| parse_number(s);
        assert_eq!(n("1 234,5"), Some("1234.5".into()));
        assert_eq!(n("1\u{a0}234\u{202f}567 €"), Some("1234567".into()));
        assert_eq!(n("Budget : 12 500,00 euros"), Some("12500.00".into()));
        assert_eq!(n("1.234.567,89"), Some("1234567.89".into()));
        assert_eq!(n("1,234,567.89"), Some("1234567.89".into()));
        assert_eq!(n("45.7640"), Some("45.7640".into()));
        assert_eq!(n("-3,5"), Some("-3.5".into()));
        assert_eq!(n("−21,2783"), Some("-21.2783".into()));
        assert_eq!(n("42 personnes"), Some("42".into()));
        assert_eq!(n("en 2019 3 ateliers"), Some("2019".into()));
        assert_eq!(n("1 000 000"), Some("1000000".into()));
        assert_eq!(n("aucun"), None);
        let e = run(
            "<p class=b>Budget : 1 234,5 €</p><p class=x>n.c.</p>",
            vec![
                (
                    "budget",
                    FieldRule {
                        field_type: FieldType::Number,
                        ..rule("p.b")
                    },
                ),
                (
                    "none",
                    FieldRule {
                        field_type: FieldType::Number,
                        ..rule("p.x")
                    },
                ),
            ],
        );
        assert_eq!(e.values["budget"], json!("1234.5"));
        assert_eq!(
            e.diagnostics["none"].empty,
            Some(EmptyReason::NumberUnparsable {
                text: "n.c.".into()
            })
        );
    }

    #[test]
    fn rich_text_is_sanitised_inner_html() {
        let html = r#"<div class=d><h3>Titre</h3><p class="x" style="color:red">Un <b>gras</b> <strong>fort</strong>
            <em>et</em> <a href="/plus" onclick="evil()">lien</a><br><img src=x.png></p>
            <script>alert(1)</script><ul><li>un<li>deux</ul><table><tr><td>cellule</td></tr></table></div>
            <div class=vide><img src=a.png></div>"#;
        let rich = |css: &str| FieldRule {
            field_type: FieldType::RichText,
            ..rule(css)
        };
        let e = run(
            html,
            vec![("description", rich("div.d")), ("empty", rich("div.vide"))],
        );
        let v = e.values["description"].as_str().unwrap();
        assert!(
            v.starts_with("Titre<p>Un gras <strong>fort</strong>"),
            "{v}"
        );
        assert!(
            v.contains(r#"<em>et</em> <a href="https://partenaire.example.org/plus" rel="noopener noreferrer">lien</a><br>"#),
            "{v}"
        );
        assert!(v.contains("<ul><li>un</li><li>deux</li></ul>"), "{v}");
        assert!(v.contains("cellule"), "{v}");
        for banned in [
            "script", "alert", "onclick", "style", "<img", "<h3", "<table", "class=",
        ] {
            assert!(!v.contains(banned), "{banned} in {v}");
        }
        assert_eq!(e.values["empty"], Value::Null);
        assert_eq!(e.diagnostics["empty"].empty, Some(EmptyReason::EmptyText));
    }

    #[test]
    fn links_resolved_deduplicated_without_fragments() {
        let doc = Html::parse_document(
            r##"<ul class=l><li><a href="fiches/fiche1.htm">1</a><li><a href="/fiches/fiche1.htm#haut">1 bis</a>
            <li><a href="https://autre.example.org/x?a=1">2</a><li><a href="javascript:void(0)">js</a>
            <li><a>sans lien</a><li><a href="  fiches/fiche3.htm ">3</a></ul>
            <p class=p><a data-url="liste_2.html">2</a></p>"##,
        );
        let base = Url::parse("http://127.0.0.1:8103/liste_1.html").unwrap();
        let sel = compile_selector(
            "item_link",
            &Selector {
                css: "ul.l a".into(),
                attr: None,
            },
        )
        .unwrap();
        let got: Vec<String> = links(&doc, &base, &sel)
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            got,
            [
                "http://127.0.0.1:8103/fiches/fiche1.htm",
                "https://autre.example.org/x?a=1",
                "http://127.0.0.1:8103/fiches/fiche3.htm",
            ]
        );
        let next = compile_selector(
            "next",
            &Selector {
                css: "p.p a".into(),
                attr: Some("data-url".into()),
            },
        )
        .unwrap();
        assert_eq!(
            links(&doc, &base, &next),
            [Url::parse("http://127.0.0.1:8103/liste_2.html").unwrap()]
        );
        let err = compile_selector(
            "next",
            &Selector {
                css: "a[".into(),
                attr: None,
            },
        )
        .unwrap_err();
        assert_eq!((err.field.as_str(), err.what), ("next", "css"));
    }

    #[test]
    fn malformed_blog_page_of_the_bench() {
        // s4: unclosed <p>, <li>, <div>, no </body></html>.
        let doc = fixture_page("s4-detail.html");
        let url =
            Url::parse("http://127.0.0.1:8104/projet/atelier-de-couture-la-passerelle-400023.html")
                .unwrap();
        let fields: FieldRules = serde_json::from_value(json!({
            "summary": {"css": "p.chapo", "type": "text"},
            "description": {"css": "div.corps", "type": "text"},
            "postcode": {"css": "li.meta-lieu span.cp", "type": "text"},
            "themes": {"css": "li.meta-themes a.tag-theme", "type": "list", "all": true},
            "email": {"css": "li.meta-contact a.mail", "attr": "href", "type": "text", "regex": "^mailto:(.+)$"},
            "start_date": {"css": "time.entry-date", "attr": "datetime", "type": "date", "date_format": "iso"},
        }))
        .unwrap();
        let e = extract_fields(&doc, &url, &compile(&fields).unwrap());
        assert_eq!(
            e.values["summary"],
            json!(
                "Atelier de couture porté par SCOP Le Chemin qui accompagne la pratique sportive des personnes en situation de handicap en mutualisant locaux et compétences."
            )
        );
        let description = e.values["description"].as_str().unwrap();
        assert!(description.starts_with("À Valenciennes, les acteurs locaux"));
        assert!(
            description.ends_with("dans d'autres communes."),
            "{description}"
        );
        assert_eq!(e.values["postcode"], json!("59300"));
        assert_eq!(
            e.values["themes"],
            json!([
                "Insertion professionnelle",
                "Agriculture urbaine",
                "Sport et inclusion"
            ])
        );
        assert_eq!(
            e.values["email"],
            json!("contact@scop-le-chemin.example.org")
        );
        assert_eq!(e.values["start_date"], json!("2009-11-04"));
    }

    #[test]
    fn table_and_bem_pages_of_the_bench() {
        // s2: detail sheet behind a query URL, address split with regexes, missing image.
        let url = Url::parse("http://127.0.0.1:8102/fiche?id=200000").unwrap();
        let fields: FieldRules = serde_json::from_value(json!({
            "description": {"css": "tr.l-desc td", "type": "text"},
            "commune": {"css": "tr.l-adresse td", "type": "text", "regex": r",\s*(?:\d{5}\s+)?(.+)$"},
            "postcode": {"css": "tr.l-adresse td", "type": "text", "regex": r"(\d{5})"},
            "publics": {"css": "tr.l-public td", "type": "list", "split": ";"},
            "start_date": {"css": "tr.l-date td", "type": "date", "date_format": "fr_long"},
            "image": {"css": "div#fiche img.photo", "attr": "src", "type": "url"},
        }))
        .unwrap();
        let e = extract_fields(
            &fixture_page("s2-detail.html"),
            &url,
            &compile(&fields).unwrap(),
        );
        assert!(
            e.values["description"]
                .as_str()
                .unwrap()
                .contains("administratives. Le projet accompagne")
        );
        assert_eq!(e.values["commune"], json!("Toulon"));
        assert_eq!(e.values["postcode"], json!("83000"));
        assert_eq!(e.values["publics"], json!(["Personnes réfugiées"]));
        assert_eq!(e.values["start_date"], json!("2010-08-11"));
        assert_eq!(e.values["image"], Value::Null);
        assert_eq!(
            e.diagnostics["image"].empty,
            Some(EmptyReason::SelectorMatchedNothing)
        );

        // s5: data attributes, mailto regex, ISO datetime attribute.
        let url = Url::parse(
            "http://127.0.0.1:8105/initiatives/500000-couveuse-d-activites-de-montargis/",
        )
        .unwrap();
        let fields: FieldRules = serde_json::from_value(json!({
            "commune": {"css": "div.fact--place span.locality", "type": "text"},
            "email": {"css": "a.btn--mail", "attr": "href", "type": "text", "regex": "^mailto:(.+)$"},
            "website": {"css": "a.btn--web", "attr": "href", "type": "url"},
            "start_year": {"css": "div.fact--since time", "attr": "datetime", "type": "text", "regex": r"^(\d{4})"},
            "lat": {"css": "div.project-detail__map", "attr": "data-lat", "type": "text"},
            "lon": {"css": "div.project-detail__map", "attr": "data-lon", "type": "number"},
        }))
        .unwrap();
        let e = extract_fields(
            &fixture_page("s5-detail.html"),
            &url,
            &compile(&fields).unwrap(),
        );
        assert_eq!(e.values["commune"], json!("Montargis"));
        assert_eq!(
            e.values["email"],
            json!("contact@reseau-avenir-montargis.example.org")
        );
        assert_eq!(
            e.values["website"],
            json!("https://www.reseau-avenir-montargis.example.org/")
        );
        assert_eq!(e.values["start_year"], json!("2018"));
        assert_eq!(e.values["lat"], json!("47.9813"));
        assert_eq!(e.values["lon"], json!("2.7394"));
    }

    #[test]
    fn windows_1252_page_decoded_then_read() {
        let path = format!(
            "{}/tests/fixtures/extract/s3-detail-cp1252.htm",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the fixture is not UTF-8"
        );
        let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&bytes);
        assert!(!bad);
        let doc = Html::parse_document(&text);
        let url = Url::parse("http://127.0.0.1:8103/fiches/fiche300000.htm").unwrap();
        let fields: FieldRules = serde_json::from_value(json!({
            "title": {"css": "div#contenu h2.nom", "type": "text"},
            "commune": {"css": "p.info.commune", "type": "text", "strip_prefix": "Commune :"},
            "themes": {"css": "p.info.thematique", "type": "list", "strip_prefix": "Thématique :", "split": ","},
            "image": {"css": "div#contenu img.illus", "attr": "src", "type": "url"},
        }))
        .unwrap();
        let e = extract_fields(&doc, &url, &compile(&fields).unwrap());
        assert_eq!(
            e.values["title"],
            json!("Ludothèque itinérante « Le Lien »")
        );
        assert_eq!(e.values["commune"], json!("Montluçon"));
        assert_eq!(
            e.values["themes"],
            json!(["Éducation et jeunesse", "Mobilité solidaire"])
        );
        assert_eq!(
            e.values["image"],
            json!("http://127.0.0.1:8103/images/ill300000.gif")
        );
    }

    #[test]
    fn compiled_rules_can_be_shared_between_tasks() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<CompiledRules>();
        send_sync::<CompiledSelector>();
        send_sync::<Extraction>();
    }

    #[test]
    fn text_helpers() {
        assert_eq!(normalize_text("  a \u{a0}\u{202f} b\n\tc  "), "a b c");
        assert_eq!(normalize_text("a\u{1f}b"), "a b");
        assert_eq!(normalize_text(""), "");
        assert_eq!(
            html_to_text("L&#039;atelier <b>du</b>&nbsp;quartier"),
            "L'atelier du quartier"
        );
        assert_eq!(
            html_to_text("<p>Un</p><p>deux<br>trois</p><script>x()</script><li>quatre"),
            "Un deux trois quatre"
        );
        assert_eq!(cut("abcdef", 3), "abc…");
        assert_eq!(cut("abc", 3), "abc");
    }
}
