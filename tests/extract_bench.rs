//! The bench's five synthetic partner sites, read offline from the files the vendored
//! generator writes (`benches/harness/gen_sites.py`): every field of every detail page
//! must come out exactly as its ground truth says, compared the way `score.py` compares
//! (NFC, whitespace collapsed, lists as sorted multisets, null == "" == [], `image` by
//! path). Also: list/next links lead to every detail page, s1's JSON-LD and s4's RSS feed
//! carry the same values as the pages.
mod support;

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

use carrefour::crawler::{extract, feed, jsonld};
use carrefour::sources::config::{FieldRules, Selector};
use scraper::Html;
use serde::Deserialize;
use serde_json::Value;
use support::score::norm;
use url::Url;

#[derive(Deserialize)]
struct SitesJson {
    sites: Vec<Site>,
}

#[derive(Deserialize)]
struct Site {
    id: String,
    root: String,
    port_offset: u16,
    entry: String,
    encoding: String,
    list: ListJson,
    fields: Value,
    #[serde(default)]
    server: Server,
}

#[derive(Deserialize)]
struct ListJson {
    item_link: Selector,
    next: Selector,
}

#[derive(Deserialize, Default)]
struct Server {
    #[serde(default)]
    query_rewrites: Vec<QueryRewrite>,
}

#[derive(Deserialize)]
struct QueryRewrite {
    path: String,
    param: String,
    target: String,
    default: Option<String>,
}

#[derive(Deserialize)]
struct GtRecord {
    site: String,
    url: String,
    fields: BTreeMap<String, Value>,
    meta: BTreeMap<String, Value>,
}

struct Bench {
    _dir: tempfile::TempDir,
    root: PathBuf,
    sites: Vec<Site>,
    records: Vec<GtRecord>,
}

/// 30, or `EXTRACT_BENCH_PROJECTS` for a larger run (`EXTRACT_BENCH_SEED`: another seed).
fn projects_per_site() -> usize {
    std::env::var("EXTRACT_BENCH_PROJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30)
}

fn generate() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/harness/gen_sites.py");
    let out = Command::new("python3")
        .arg("-B")
        .arg(&script)
        .arg("--out")
        .arg(dir.path())
        .args([
            "--sites",
            "5",
            "--projects-per-site",
            &projects_per_site().to_string(),
        ])
        .args([
            "--seed",
            &std::env::var("EXTRACT_BENCH_SEED").unwrap_or_else(|_| "1".into()),
        ])
        .output()
        .expect("python3 runs the bench generator (benches/harness/gen_sites.py)");
    assert!(
        out.status.success(),
        "gen_sites.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = dir.path().to_path_buf();
    let sites: SitesJson =
        serde_json::from_str(&std::fs::read_to_string(root.join("sites.json")).unwrap()).unwrap();
    let records = std::fs::read_to_string(root.join("ground_truth.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    Bench {
        _dir: dir,
        root,
        sites: sites.sites,
        records,
    }
}

impl Site {
    /// Where `serve.sh` serves the site.
    fn origin(&self) -> Url {
        Url::parse(&format!("http://127.0.0.1:{}/", 8100 + self.port_offset)).unwrap()
    }

    /// The file the server answers `url` with (query rewrites, `index.html` of folders).
    fn file(&self, bench_root: &Path, url: &Url) -> PathBuf {
        let mut path = url.path().to_owned();
        for q in &self.server.query_rewrites {
            if url.path() == q.path {
                let value = url
                    .query_pairs()
                    .find(|(k, _)| *k == q.param)
                    .map(|(_, v)| v.into_owned())
                    .or_else(|| q.default.clone())
                    .expect("query parameter");
                path = q.target.replace("{}", &value);
                break;
            }
        }
        if path.ends_with('/') {
            path.push_str("index.html");
        }
        bench_root
            .join(&self.root)
            .join(path.trim_start_matches('/'))
    }

    fn page(&self, bench_root: &Path, url: &Url) -> Html {
        let bytes = std::fs::read(self.file(bench_root, url)).unwrap();
        let encoding = encoding_rs::Encoding::for_label(self.encoding.as_bytes()).unwrap();
        let (text, _, malformed) = encoding.decode(&bytes);
        assert!(!malformed, "{url} is not {}", self.encoding);
        Html::parse_document(&text)
    }

    fn rules(&self) -> FieldRules {
        let rules: FieldRules = serde_json::from_value(self.fields.clone())
            .unwrap_or_else(|e| panic!("{}: fields do not deserialize: {e}", self.id));
        assert_eq!(
            serde_json::to_value(&rules).unwrap(),
            self.fields,
            "{}: fields change when written back",
            self.id
        );
        rules
    }
}

fn report(mismatches: &[String], per_field: &BTreeMap<String, (usize, usize)>) {
    if mismatches.is_empty() {
        return;
    }
    let mut summary = String::new();
    for (field, (ok, total)) in per_field {
        summary.push_str(&format!("  {field}: {ok}/{total}\n"));
    }
    panic!(
        "{} mismatches; exact per field:\n{summary}first ones:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn bench_sites_are_read_exactly() {
    let bench = generate();
    assert_eq!(bench.sites.len(), 5);
    assert_eq!(bench.records.len(), 5 * projects_per_site());
    let mut mismatches = Vec::new();
    let mut per_field: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut checked_sites = BTreeSet::new();
    for site in &bench.sites {
        let rules = extract::compile(&site.rules())
            .unwrap_or_else(|e| panic!("{}: rules do not compile: {e:?}", site.id));
        for gt in bench.records.iter().filter(|r| r.site == site.id) {
            let url = site.origin().join(&gt.url).unwrap();
            let doc = site.page(&bench.root, &url);
            let got = extract::extract_fields(&doc, &url, &rules);
            for (field, expected) in &gt.fields {
                let value = got.values.get(field).unwrap_or(&Value::Null);
                let counts = per_field.entry(format!("{}/{field}", site.id)).or_default();
                counts.1 += 1;
                if norm(value, field) == norm(expected, field) {
                    counts.0 += 1;
                } else {
                    mismatches.push(format!(
                        "{} {} {field}: expected {expected}, got {value} ({:?})",
                        site.id,
                        gt.url,
                        got.diagnostics.get(field)
                    ));
                }
            }
            checked_sites.insert(site.id.clone());
        }
    }
    assert_eq!(checked_sites.len(), 5);
    report(&mismatches, &per_field);
}

#[test]
fn list_and_next_links_lead_to_every_detail_page() {
    let bench = generate();
    for site in &bench.sites {
        let item = extract::compile_selector("item_link", &site.list.item_link).unwrap();
        let next = extract::compile_selector("next", &site.list.next).unwrap();
        let start = site.origin().join(&site.entry).unwrap();
        let mut queue = VecDeque::from([start.clone()]);
        let mut visited = HashSet::from([start]);
        let mut found = BTreeSet::new();
        while let Some(url) = queue.pop_front() {
            let doc = site.page(&bench.root, &url);
            for link in extract::links(&doc, &url, &item) {
                assert_eq!(link.origin(), site.origin().origin(), "{link}");
                let path = match link.query() {
                    Some(q) => format!("{}?{q}", link.path()),
                    None => link.path().to_owned(),
                };
                found.insert(path);
            }
            for link in extract::links(&doc, &url, &next) {
                if visited.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
        let expected: BTreeSet<String> = bench
            .records
            .iter()
            .filter(|r| r.site == site.id)
            .map(|r| r.url.clone())
            .collect();
        let missing: Vec<_> = expected.difference(&found).collect();
        assert!(missing.is_empty(), "{}: not linked: {missing:?}", site.id);
        // Only s5's robots-disallowed decoys are extra (the crawler's robots check drops them).
        let extra: Vec<_> = found.difference(&expected).collect();
        assert!(
            extra
                .iter()
                .all(|p| site.id.starts_with("s5") && p.starts_with("/prive/")),
            "{}: unexpected items {extra:?}",
            site.id
        );
    }
}

#[test]
fn s1_json_ld_carries_the_page_values() {
    let bench = generate();
    let site = bench.sites.iter().find(|s| s.id.starts_with("s1")).unwrap();
    let mut mismatches = Vec::new();
    let mut per_field: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let fields = [
        "title",
        "summary",
        "commune",
        "postcode",
        "themes",
        "publics",
        "org_name",
        "website",
        "email",
        "start_date",
    ];
    for gt in bench.records.iter().filter(|r| r.site == site.id) {
        let url = site.origin().join(&gt.url).unwrap();
        let records = jsonld::extract_jsonld(&site.page(&bench.root, &url), &url);
        assert_eq!(records.len(), 1, "{}", gt.url);
        let got = &records[0];
        for field in fields {
            let value = got.get(field).unwrap_or(&Value::Null);
            let counts = per_field.entry(field.to_owned()).or_default();
            counts.1 += 1;
            if norm(value, field) == norm(&gt.fields[field], field) {
                counts.0 += 1;
            } else {
                mismatches.push(format!(
                    "{} {field}: expected {}, got {value}",
                    gt.url, gt.fields[field]
                ));
            }
        }
        for (field, meta) in [("lat", "lat"), ("lon", "lon")] {
            let got: f64 = got[field].as_str().unwrap().parse().unwrap();
            assert!(
                (got - gt.meta[meta].as_f64().unwrap()).abs() < 1e-9,
                "{}",
                gt.url
            );
        }
    }
    report(&mismatches, &per_field);
}

#[test]
fn s4_rss_feed_carries_the_page_values() {
    let bench = generate();
    let site = bench.sites.iter().find(|s| s.id.starts_with("s4")).unwrap();
    let feed_url = site.origin().join("/feed.xml").unwrap();
    let index = site.page(&bench.root, &site.origin());
    assert_eq!(
        feed::discover(&index, &site.origin()),
        std::slice::from_ref(&feed_url)
    );
    let bytes = std::fs::read(site.file(&bench.root, &feed_url)).unwrap();
    let parsed = feed::parse_feed(&bytes, &feed_url).unwrap();
    assert_eq!(parsed.kind, feed::FeedKind::Rss);
    let gts: Vec<&GtRecord> = bench.records.iter().filter(|r| r.site == site.id).collect();
    assert_eq!(parsed.entries.len(), gts.len());
    for gt in gts {
        let url = site.origin().join(&gt.url).unwrap();
        let entry = parsed
            .entries
            .iter()
            .find(|e| e.link.as_ref() == Some(&url))
            .unwrap_or_else(|| panic!("no entry for {url}"));
        let fields = entry.fields();
        assert_eq!(fields["title"], gt.fields["title"], "{url}");
        assert_eq!(fields["summary"], gt.fields["summary"], "{url}");
        assert_eq!(fields["date"], gt.fields["start_date"], "{url}");
        assert_eq!(fields["categories"], gt.fields["themes"], "{url}");
        assert!(entry.id.as_deref().unwrap().starts_with("projet-"));
    }
}
