//! How alike two listings are, and the blocking keys that find the pairs worth comparing.
//!
//! Listings of one initiative by two partners are reworded: articles added or dropped,
//! "– porté par <structure>" appended, "Asso" for "Association", word order changed,
//! typos; summaries rewritten; a postcode missing. So titles are compared as sets of
//! folded, singularised words (a word with one typo still counts), with and without what
//! follows "porté par" or sits in brackets; texts as sets of words; contacts by exact mail
//! address or web site; places by commune. Two projects in different communes are never
//! merged automatically: same generic title elsewhere is another initiative.
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// Score from which a pair is merged without review.
pub const MERGE_FROM: f64 = 0.75;
/// Score from which a pair is shown to people as a suspected duplicate.
pub const SUGGEST_FROM: f64 = 0.55;

const TITLE_WEIGHT: f64 = 0.45;
const TEXT_WEIGHT: f64 = 0.15;
const CONTACT_WEIGHT: f64 = 0.25;
const PLACE_WEIGHT: f64 = 0.15;

/// Words that say nothing about which initiative a title names.
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les",
    "par", "pour", "sur", "un", "une", "the", "of", "and", "for",
];

/// Hosts and mail domains shared by unrelated structures (platforms, mail providers).
const SHARED_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "instagram.com",
    "linkedin.com",
    "twitter.com",
    "x.com",
    "youtube.com",
    "helloasso.com",
    "wordpress.com",
    "blogspot.com",
    "over-blog.com",
    "wixsite.com",
    "sites.google.com",
    "google.com",
    "canalblog.com",
    "jimdo.com",
    "free.fr",
    "orange.fr",
    "wanadoo.fr",
    "gmail.com",
    "hotmail.com",
    "hotmail.fr",
    "outlook.com",
    "outlook.fr",
    "live.fr",
    "yahoo.fr",
    "yahoo.com",
    "laposte.net",
    "sfr.fr",
    "neuf.fr",
    "icloud.com",
    "protonmail.com",
    "proton.me",
];

/// What is compared of a listing or a project.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub title: String,
    /// Summary and description as plain text.
    pub text: String,
    pub email: Option<String>,
    pub website: Option<String>,
    /// INSEE code of the commune (Paris, Lyon, Marseille as a whole).
    pub commune: Option<String>,
    pub department: Option<String>,
}

/// How alike two profiles are, part by part (each in 0..=1, `None` when unknown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Similarity {
    pub title: f64,
    pub text: Option<f64>,
    pub contact: Option<f64>,
    pub place: Option<f64>,
    /// Weighted mean of the known parts.
    pub score: f64,
    /// Both communes are known and differ.
    pub other_commune: bool,
}

impl Similarity {
    /// Whether the pair is merged without review.
    pub fn merges(&self) -> bool {
        self.score >= MERGE_FROM && !self.other_commune
    }

    /// Whether the pair is worth showing to people.
    pub fn suspected(&self) -> bool {
        self.score >= SUGGEST_FROM
    }
}

/// Compares two profiles.
pub fn compare(a: &Profile, b: &Profile) -> Similarity {
    let text = (!a.text.trim().is_empty() && !b.text.trim().is_empty())
        .then(|| jaccard(&text_words(&a.text), &text_words(&b.text)));
    Parts::of(a, b).with_text(text)
}

/// Compares `a` with `b` when they may be suspected duplicates, `None` otherwise. `b`'s
/// text is not read from `b` but made by `b_text`, and only when it could matter: most
/// pairs are told apart by their titles, contacts and places alone.
pub fn compare_if_alike(
    a: &Profile,
    b: &Profile,
    b_text: impl FnOnce() -> String,
) -> Option<Similarity> {
    let parts = Parts::of(a, b);
    let a_has_text = !a.text.trim().is_empty();
    // The score grows with the texts' agreement: at best they agree fully, or one is
    // empty and they do not count.
    let reachable =
        parts.with_text(None).suspected() || (a_has_text && parts.with_text(Some(1.0)).suspected());
    if !reachable {
        return None;
    }
    let b_text = if a_has_text { b_text() } else { String::new() };
    let text = (a_has_text && !b_text.trim().is_empty())
        .then(|| jaccard(&text_words(&a.text), &text_words(&b_text)));
    Some(parts.with_text(text)).filter(Similarity::suspected)
}

/// The parts of a comparison that do not read the texts.
struct Parts {
    title: f64,
    contact: Option<f64>,
    place: Option<f64>,
    other_commune: bool,
}

impl Parts {
    fn of(a: &Profile, b: &Profile) -> Self {
        let (place, other_commune) = match (&a.commune, &b.commune) {
            (Some(x), Some(y)) if x == y => (Some(1.0), false),
            (Some(_), Some(_)) => (
                Some(if a.department == b.department {
                    0.3
                } else {
                    0.0
                }),
                true,
            ),
            _ => match (&a.department, &b.department) {
                (Some(x), Some(y)) => (Some(if x == y { 0.6 } else { 0.0 }), x != y),
                _ => (None, false),
            },
        };
        Parts {
            title: title_similarity(&a.title, &b.title),
            contact: contact_similarity(a, b),
            place,
            other_commune,
        }
    }

    /// The similarity, the texts agreeing by `text` (`None`: one is empty).
    fn with_text(&self, text: Option<f64>) -> Similarity {
        let parts = [
            (Some(self.title), TITLE_WEIGHT),
            (text, TEXT_WEIGHT),
            (self.contact, CONTACT_WEIGHT),
            (self.place, PLACE_WEIGHT),
        ];
        let (sum, weights) = parts
            .iter()
            .filter_map(|(value, weight)| value.map(|v| (v * weight, *weight)))
            .fold((0.0, 0.0), |(s, w), (v, weight)| (s + v, w + weight));
        let score = if weights > 0.0 { sum / weights } else { 0.0 };
        Similarity {
            title: self.title,
            text,
            contact: self.contact,
            place: self.place,
            score: (score * 1000.0).round() / 1000.0,
            other_commune: self.other_commune,
        }
    }
}

/// Lower-case ASCII words of a text (accents folded, apostrophes and punctuation split).
pub fn folded_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A French word reduced to its singular ("locaux" → "local", "jardins" → "jardin").
fn singular(word: &str) -> String {
    if word.len() > 4 && word.ends_with("aux") {
        format!("{}al", &word[..word.len() - 3])
    } else if word.len() > 3 && (word.ends_with('s') || word.ends_with('x')) {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// The words that name an initiative: folded, singular, without stop words.
pub fn title_words(title: &str) -> Vec<String> {
    folded_words(title)
        .into_iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| match w.as_str() {
            "asso" => "association".to_owned(),
            "st" => "saint".to_owned(),
            "ste" => "sainte".to_owned(),
            _ => singular(&w),
        })
        .collect()
}

/// The title without what names its holder: "(…)" and what follows "porté(e) par" or
/// "animé(e) par".
fn title_core(title: &str) -> String {
    let mut core = String::with_capacity(title.len());
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => core.push(c),
            _ => {}
        }
    }
    let lower = core.to_lowercase();
    let cut = [
        "porté par",
        "portée par",
        "porte par",
        "animé par",
        "animée par",
    ]
    .iter()
    .filter_map(|marker| lower.find(marker))
    .min();
    match cut {
        // `lower` may differ in length from `core` only for exotic characters; cut safely.
        Some(at) if core.is_char_boundary(at) => core[..at].to_owned(),
        _ => core,
    }
}

/// Whether two words are the same up to one typo (for words of 5 letters or more).
fn near(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && strsim::damerau_levenshtein(a, b) <= 1)
}

/// Jaccard index of two word lists where words one typo apart count as equal.
fn soft_jaccard(a: &[String], b: &[String]) -> f64 {
    let a: Vec<&String> = unique(a);
    let b: Vec<&String> = unique(b);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; b.len()];
    let mut matched = 0usize;
    for word in &a {
        if let Some(i) = (0..b.len()).find(|&i| !used[i] && near(word, b[i])) {
            used[i] = true;
            matched += 1;
        }
    }
    matched as f64 / (a.len() + b.len() - matched) as f64
}

fn unique(words: &[String]) -> Vec<&String> {
    let mut seen = HashSet::new();
    words.iter().filter(|w| seen.insert(w.as_str())).collect()
}

/// How alike two titles are: whole titles or their cores, whichever agree more.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let whole = soft_jaccard(&title_words(a), &title_words(b));
    let core = soft_jaccard(&title_words(&title_core(a)), &title_words(&title_core(b)));
    whole.max(core)
}

fn text_words(text: &str) -> HashSet<String> {
    folded_words(text)
        .into_iter()
        .filter(|w| w.len() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// The host of a web address without `www.`, lower-case.
pub fn web_host(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

fn shared_host(host: &str) -> bool {
    SHARED_HOSTS
        .iter()
        .any(|shared| host == *shared || host.ends_with(&format!(".{shared}")))
}

/// 1 for the same mail address or own web site, 0 when both are known and differ.
fn contact_similarity(a: &Profile, b: &Profile) -> Option<f64> {
    let email = match (&a.email, &b.email) {
        (Some(x), Some(y)) => Some(x.eq_ignore_ascii_case(y)),
        _ => None,
    };
    let own_host = |p: &Profile| {
        p.website
            .as_deref()
            .and_then(web_host)
            .filter(|h| !shared_host(h))
    };
    let site = match (own_host(a), own_host(b)) {
        (Some(x), Some(y)) => Some(x == y),
        _ => None,
    };
    match (email, site) {
        (None, None) => None,
        (Some(true), _) | (_, Some(true)) => Some(1.0),
        _ => Some(0.0),
    }
}

/// Blocking keys of a profile: its mail address, its own web site, and each title word
/// with the commune (or, without one, the department). Duplicate candidates share a key.
pub fn blocking_keys(profile: &Profile) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(email) = &profile.email {
        keys.push(format!("m:{}", email.to_lowercase()));
    }
    if let Some(host) = profile
        .website
        .as_deref()
        .and_then(web_host)
        .filter(|h| !shared_host(h))
    {
        keys.push(format!("w:{host}"));
    }
    let place = match (&profile.commune, &profile.department) {
        (Some(commune), _) => Some(format!("c{commune}")),
        (None, Some(department)) => Some(format!("d{department}")),
        (None, None) => None,
    };
    if let Some(place) = place {
        for word in unique(&title_words(&profile.title)) {
            if word.len() >= 3 {
                keys.push(format!("t:{place}:{word}"));
            }
        }
    }
    for key in &mut keys {
        // Keys are an index, not data: a long address is cut at a character boundary.
        if key.len() > 200 {
            let mut end = 200;
            while !key.is_char_boundary(end) {
                end -= 1;
            }
            key.truncate(end);
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Plain text of sanitised HTML (tags dropped, entities of the sanitiser decoded).
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(title: &str, commune: &str, email: Option<&str>) -> Profile {
        Profile {
            title: title.into(),
            text: "Un jardin partagé où les habitants cultivent ensemble et apprennent.".into(),
            email: email.map(str::to_owned),
            website: None,
            commune: Some(commune.into()),
            department: Some(commune[..2].into()),
        }
    }

    #[test]
    fn reworded_titles_stay_alike() {
        let base = "Jardin partagé « Les Lilas »";
        for variant in [
            "JARDIN PARTAGÉ LES LILAS !",
            "Le jardin partagé « Les Lilas »",
            "Jardin partagé « Les Lilas » – porté par Association Terre Vive Lyon",
            "Jardin partagé « Les Lilas » (Asso Terre Vive)",
            "Les Lilas (jardin partagé)",
            "Jardin partgé « Les Lilas »",
            "Jardins partagés « Lilas »",
        ] {
            let s = title_similarity(base, variant);
            assert!(s >= 0.99, "{variant}: {s}");
        }
        assert!(title_similarity("Épicerie solidaire", "Garage solidaire") < 0.5);
    }

    #[test]
    fn same_initiative_merges_and_generic_title_elsewhere_does_not() {
        let a = profile("Repair café de Lyon", "69123", Some("contact@rc.org"));
        let mut b = profile("Lyon : repair café", "69123", Some("CONTACT@rc.org"));
        b.text = "En bref : un jardin partagé où les publics cultivent ensemble.".into();
        let same = compare(&a, &b);
        assert!(same.merges(), "{same:?}");

        let c = profile("Épicerie solidaire", "69123", Some("a@x.org"));
        let d = profile("Épicerie solidaire", "69266", Some("b@y.org"));
        let other = compare(&c, &d);
        assert!(!other.merges(), "{other:?}");
        assert!(other.other_commune);

        // Without contacts either, another commune is never merged automatically.
        let e = profile("Épicerie solidaire", "69123", None);
        let f = profile("Épicerie solidaire", "69266", None);
        assert!(!compare(&e, &f).merges());
    }

    #[test]
    fn unrelated_projects_of_one_commune_stay_apart() {
        let a = profile("Atelier vélo solidaire", "69123", Some("velo@a.org"));
        let b = profile("Épicerie solidaire", "69123", Some("epicerie@b.org"));
        let s = compare(&a, &b);
        assert!(!s.suspected(), "{s:?}");
    }

    #[test]
    fn texts_are_read_only_when_they_could_make_a_suspect() {
        let titles = [
            "Repair café de Lyon",
            "Lyon : repair café",
            "Épicerie solidaire",
            "Garage solidaire",
            "Jardin partagé",
        ];
        let texts = [
            "",
            "Un jardin partagé où les habitants cultivent.",
            "Réparer ensemble.",
        ];
        let mut profiles = Vec::new();
        for (i, title) in titles.iter().enumerate() {
            for (j, text) in texts.iter().enumerate() {
                let commune = if (i + j) % 3 == 0 { "69266" } else { "69123" };
                let email = (j == 1).then_some("contact@rc.org");
                let mut p = profile(title, commune, email);
                p.text = (*text).to_owned();
                profiles.push(p);
            }
        }
        let mut read = 0;
        let mut suspects = 0;
        for a in &profiles {
            for b in &profiles {
                let without_text = Profile {
                    text: String::new(),
                    ..b.clone()
                };
                let mut asked = false;
                let lazy = compare_if_alike(a, &without_text, || {
                    asked = true;
                    b.text.clone()
                });
                read += usize::from(asked);
                let full = compare(a, b);
                suspects += usize::from(full.suspected());
                assert_eq!(lazy, full.suspected().then_some(full), "{a:?} {b:?}");
            }
        }
        assert!(
            suspects > 0 && read < profiles.len() * profiles.len(),
            "{read}"
        );
    }

    #[test]
    fn keys_use_commune_else_department_and_skip_shared_hosts() {
        let mut p = profile("Le jardin des Lilas", "69123", Some("Contact@Lilas.org"));
        p.website = Some("https://www.facebook.com/lilas".into());
        assert_eq!(
            blocking_keys(&p),
            ["m:contact@lilas.org", "t:c69123:jardin", "t:c69123:lila"]
        );
        p.commune = None;
        p.website = Some("https://www.lilas.org/".into());
        assert_eq!(
            blocking_keys(&p),
            [
                "m:contact@lilas.org",
                "t:d69:jardin",
                "t:d69:lila",
                "w:lilas.org"
            ]
        );
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            html_text("<p>Un &amp; deux</p><p>trois</p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Un", "&", "deux", "trois"]
        );
    }
}
