//! robots.txt (RFC 9309): a small parser for the group that applies to our product token,
//! and a per-origin cache with a time to live.
//!
//! - The groups naming our token (`carrefour`, case-insensitive, matched against the
//!   leading `[A-Za-z_-]` characters of the `User-agent` value) are merged; only when
//!   there are none do the `*` groups apply (merged too). No group → everything allowed.
//! - `Allow`/`Disallow` patterns support `*` and a final `$`; the longest matching pattern
//!   wins and, between equally long ones, `Allow` wins. An empty `Disallow` allows all.
//! - `Crawl-delay` (seconds, fractions allowed) of the applicable groups is kept (the
//!   largest one); the fetcher caps it.
//! - `/robots.txt` itself is always allowed; only the first [`MAX_ROBOTS_BYTES`] count.
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;
use tokio::time::Instant;
use url::Url;

/// Parsers must read at least 500 KiB (RFC 9309 §2.5); the rest is ignored.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;

/// Where the rules came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobotsSource {
    /// A robots.txt was read.
    Parsed,
    /// None is published (4xx, or too many redirects): everything is allowed.
    Unavailable,
    /// The server failed (5xx) or could not be reached: nothing is allowed for now.
    Unreachable,
    /// Robots are not obeyed by this fetcher.
    Ignored,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: Vec<u8>,
}

/// The rules of one origin that apply to our product token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RobotsRules {
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
    sitemaps: Vec<String>,
    source: RobotsSource,
}

impl RobotsRules {
    /// Everything allowed, no delay.
    pub fn allow_all(source: RobotsSource) -> Self {
        Self {
            rules: Vec::new(),
            crawl_delay: None,
            sitemaps: Vec::new(),
            source,
        }
    }

    /// Nothing allowed (but `/robots.txt`).
    pub fn disallow_all() -> Self {
        Self {
            rules: vec![Rule {
                allow: false,
                pattern: b"/".to_vec(),
            }],
            crawl_delay: None,
            sitemaps: Vec::new(),
            source: RobotsSource::Unreachable,
        }
    }

    /// Parses `text` for the product token `agent` (e.g. `carrefour`).
    pub fn parse(text: &str, agent: &str) -> Self {
        struct Group {
            agents: Vec<String>,
            rules: Vec<Rule>,
            crawl_delay: Option<f64>,
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.len() <= MAX_ROBOTS_BYTES {
            text
        } else {
            let mut end = MAX_ROBOTS_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            &text[..end]
        };
        let mut groups: Vec<Group> = Vec::new();
        let mut sitemaps = Vec::new();
        let mut reading_agents = false;
        for line in text.split(['\n', '\r']) {
            let line = line.split('#').next().unwrap_or("");
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" | "useragent" | "user agent" => {
                    if !reading_agents {
                        groups.push(Group {
                            agents: Vec::new(),
                            rules: Vec::new(),
                            crawl_delay: None,
                        });
                        reading_agents = true;
                    }
                    if let Some(group) = groups.last_mut() {
                        group.agents.push(value.to_string());
                    }
                }
                "allow" | "disallow" | "crawl-delay" | "crawl delay" => {
                    reading_agents = false;
                    let Some(group) = groups.last_mut() else {
                        continue;
                    };
                    if key.starts_with("crawl") {
                        if let Ok(secs) = value.parse::<f64>()
                            && secs.is_finite()
                            && secs >= 0.0
                        {
                            group.crawl_delay = Some(group.crawl_delay.unwrap_or(0.0).max(secs));
                        }
                    } else if !value.is_empty() {
                        group.rules.push(Rule {
                            allow: key == "allow",
                            pattern: normalize(value),
                        });
                    }
                }
                "sitemap" | "site-map" if !value.is_empty() => {
                    sitemaps.push(value.to_string());
                }
                _ => {}
            }
        }
        let ours = |a: &str| {
            let token: String = a
                .chars()
                .take_while(|c| c.is_ascii_alphabetic() || *c == '_' || *c == '-')
                .collect();
            !token.is_empty() && token.eq_ignore_ascii_case(agent)
        };
        let mut selected: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.iter().any(|a| ours(a)))
            .collect();
        if selected.is_empty() {
            selected = groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect();
        }
        let rules = selected.iter().flat_map(|g| g.rules.clone()).collect();
        let crawl_delay = selected
            .iter()
            .filter_map(|g| g.crawl_delay)
            .reduce(f64::max)
            .map(|secs| Duration::from_secs_f64(secs.min(86_400.0)));
        Self {
            rules,
            crawl_delay,
            sitemaps,
            source: RobotsSource::Parsed,
        }
    }

    /// Whether a URL's path and query may be fetched.
    pub fn allows(&self, url: &Url) -> bool {
        let mut target = url.path().to_string();
        if let Some(q) = url.query() {
            target.push('?');
            target.push_str(q);
        }
        self.allows_path(&target)
    }

    /// Whether a path (with its query, starting with `/`) may be fetched.
    pub fn allows_path(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let path = normalize(path);
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if pattern_matches(&rule.pattern, &path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The `Crawl-delay` that applies to us, uncapped.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }

    /// `Sitemap:` URLs, as written.
    pub fn sitemaps(&self) -> &[String] {
        &self.sitemaps
    }

    pub fn source(&self) -> RobotsSource {
        self.source
    }
}

/// Percent-encodes what is not printable ASCII and upper-cases existing escapes, so a
/// pattern and a URL path compare byte for byte.
fn normalize(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            out.push(b'%');
            out.push(bytes[i + 1].to_ascii_uppercase());
            out.push(bytes[i + 2].to_ascii_uppercase());
            i += 3;
            continue;
        }
        if b <= 0x20 || b >= 0x7f {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        } else {
            out.push(b);
        }
        i += 1;
    }
    out
}

/// `*` matches any run of bytes; a final `$` anchors at the end; otherwise a prefix match.
fn pattern_matches(pattern: &[u8], path: &[u8]) -> bool {
    // Sorted, deduplicated positions in `path` reachable after the pattern so far.
    let mut positions: Vec<usize> = vec![0];
    for (i, &c) in pattern.iter().enumerate() {
        if c == b'$' && i + 1 == pattern.len() {
            return positions.last() == Some(&path.len());
        }
        if c == b'*' {
            let from = positions[0];
            positions = (from..=path.len()).collect();
        } else {
            positions = positions
                .into_iter()
                .filter(|&p| p < path.len() && path[p] == c)
                .map(|p| p + 1)
                .collect();
            if positions.is_empty() {
                return false;
            }
        }
    }
    true
}

struct Cached {
    rules: Arc<RobotsRules>,
    expires: Instant,
}

#[derive(Default)]
struct Slot {
    cell: OnceCell<Cached>,
}

/// Rules per origin, fetched once (concurrent callers wait for the same fetch) and kept
/// for the time to live the fetch returned.
#[derive(Default)]
pub struct RobotsCache {
    slots: Mutex<HashMap<String, Arc<Slot>>>,
}

impl RobotsCache {
    /// The cached rules of `origin`, or those `fetch` returns (with their time to live).
    pub async fn get<F, Fut>(&self, origin: &str, fetch: F) -> Arc<RobotsRules>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = (RobotsRules, Duration)>,
    {
        let slot = {
            let now = Instant::now();
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            let expired = |s: &Slot| s.cell.get().is_some_and(|c| c.expires <= now);
            match slots.get(origin) {
                Some(slot) if !expired(slot) => slot.clone(),
                _ => {
                    if slots.len() >= 4096 {
                        slots.retain(|_, s| !expired(s));
                    }
                    let slot = Arc::new(Slot::default());
                    slots.insert(origin.to_string(), slot.clone());
                    slot
                }
            }
        };
        slot.cell
            .get_or_init(|| async {
                let (rules, ttl) = fetch().await;
                Cached {
                    rules: Arc::new(rules),
                    expires: Instant::now() + ttl,
                }
            })
            .await
            .rules
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> RobotsRules {
        RobotsRules::parse(text, "carrefour")
    }

    #[test]
    fn our_group_wins_over_star() {
        let r = rules(
            "User-agent: *\nDisallow: /private\nCrawl-delay: 5\n\n\
             User-agent: Carrefour/1.0\nDisallow: /secret\nCrawl-delay: 2.5\n",
        );
        assert!(!r.allows_path("/secret/x"));
        assert!(r.allows_path("/private/x"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_millis(2500)));
    }

    #[test]
    fn star_applies_without_our_group() {
        let r = rules("User-agent: googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /private\n");
        assert!(!r.allows_path("/private"));
        assert!(r.allows_path("/public"));
        assert_eq!(r.crawl_delay(), None);
    }

    #[test]
    fn groups_with_several_agents_and_merging() {
        let r = rules(
            "User-agent: a\nUser-agent: carrefour\nDisallow: /x\n\n\
             User-agent: b\nDisallow: /y\n\n\
             User-agent: CARREFOUR\nDisallow: /z\n",
        );
        assert!(!r.allows_path("/x"));
        assert!(r.allows_path("/y"));
        assert!(!r.allows_path("/z1"));
        // A token that merely starts like ours is someone else.
        let other = rules("User-agent: carrefourbot\nDisallow: /\n");
        assert!(other.allows_path("/a"));
    }

    #[test]
    fn longest_match_and_allow_on_ties() {
        let r = rules(
            "User-agent: *\nDisallow: /dir\nAllow: /dir/page\nDisallow: /dir/page/private\n\
             Allow: /tie\nDisallow: /tie\n",
        );
        assert!(!r.allows_path("/dir/other"));
        assert!(r.allows_path("/dir/page.html"));
        assert!(!r.allows_path("/dir/page/private/x"));
        assert!(r.allows_path("/tie"));
    }

    #[test]
    fn wildcards_and_anchor() {
        let r = rules("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?session=\nDisallow: /a*b\n");
        assert!(!r.allows_path("/docs/file.pdf"));
        assert!(r.allows_path("/docs/file.pdf.html"));
        assert!(!r.allows_path("/list?session=1"));
        assert!(r.allows_path("/list?page=1"));
        assert!(!r.allows_path("/axxb"));
        assert!(r.allows_path("/ax"));
    }

    #[test]
    fn empty_disallow_comments_and_oddities() {
        let r = rules(
            "\u{feff}# comment\nDisallow: /before-any-group\nUser-agent: * # all\nDisallow:\n\r\nsitemap: https://x.example/sitemap.xml\n",
        );
        assert!(r.allows_path("/anything"));
        assert!(r.allows_path("/before-any-group"));
        assert_eq!(r.sitemaps(), ["https://x.example/sitemap.xml"]);
        assert!(RobotsRules::disallow_all().allows_path("/robots.txt"));
        assert!(!RobotsRules::disallow_all().allows_path("/"));
        assert!(rules("").allows_path("/"));
    }

    #[test]
    fn percent_encoding_is_normalised() {
        let r = rules("User-agent: *\nDisallow: /café\nDisallow: /a%2fb\n");
        let url = Url::parse("https://x.example/caf%c3%a9/menu").unwrap();
        assert!(!r.allows(&url));
        let url = Url::parse("https://x.example/café").unwrap();
        assert!(!r.allows(&url));
        assert!(!r.allows_path("/a%2Fb"));
    }

    #[test]
    fn query_is_part_of_the_target() {
        let r = rules("User-agent: *\nDisallow: /search?\n");
        assert!(!r.allows(&Url::parse("https://x.example/search?q=1").unwrap()));
        assert!(r.allows(&Url::parse("https://x.example/search").unwrap()));
    }

    #[tokio::test]
    async fn cache_fetches_once_until_expiry() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache = RobotsCache::default();
        let calls = AtomicUsize::new(0);
        let fetch = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            (
                RobotsRules::allow_all(RobotsSource::Unavailable),
                Duration::from_millis(50),
            )
        };
        cache.get("http://a", fetch).await;
        cache.get("http://a", fetch).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        cache.get("http://b", fetch).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        tokio::time::sleep(Duration::from_millis(80)).await;
        cache.get("http://a", fetch).await;
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
