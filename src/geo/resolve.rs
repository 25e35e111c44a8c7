//! Resolution of postcode / commune name / address text to a commune.

use std::sync::OnceLock;

use regex::Regex;

use super::communes::{Commune, Index, Precision, index};
use super::normalise::tokens;

/// Outcome of a resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// One commune. For Paris, Lyon and Marseille `insee` is the commune (75056, 69123,
    /// 13055) and `arrondissement` the municipal arrondissement when the postcode or the name
    /// identifies one; `lat`/`lon`/`precision` are then those of the arrondissement.
    Found {
        insee: &'static str,
        arrondissement: Option<&'static str>,
        precision: Precision,
        lat: f64,
        lon: f64,
    },
    /// Several communes match and nothing decides between them (INSEE codes, sorted).
    Ambiguous {
        candidates: Vec<&'static str>,
    },
    NotFound,
}

impl Resolution {
    /// INSEE code of the commune when found.
    pub fn insee(&self) -> Option<&'static str> {
        match self {
            Resolution::Found { insee, .. } => Some(insee),
            _ => None,
        }
    }

    fn commune(c: &Commune) -> Resolution {
        Resolution::Found {
            insee: c.insee,
            arrondissement: None,
            precision: c.precision,
            lat: c.lat,
            lon: c.lon,
        }
    }

    fn from_candidates(mut found: Vec<&Commune>) -> Resolution {
        found.sort_by_key(|c| c.insee);
        found.dedup_by_key(|c| c.insee);
        match found.as_slice() {
            [] => Resolution::NotFound,
            [one] => Resolution::commune(one),
            many => Resolution::Ambiguous {
                candidates: many.iter().map(|c| c.insee).collect(),
            },
        }
    }
}

/// A commune name split into its normalised key and, for "Paris 11e" / "Lyon 3e
/// arrondissement" / "Marseille 8ème", the arrondissement number. "CEDEX" and what follows it
/// are dropped.
struct Name {
    key: String,
    arrondissement: Option<u32>,
}

fn parse_name(raw: &str) -> Name {
    let mut toks = tokens(raw);
    if let Some(pos) = toks.iter().position(|t| t == "cedex") {
        toks.truncate(pos);
    }
    let mut arrondissement = None;
    while let Some(last) = toks.last() {
        if matches!(
            last.as_str(),
            "arrondissement" | "arr" | "arrdt" | "e" | "er" | "eme" | "ieme"
        ) {
            toks.pop();
        } else if let Some(n) = ordinal(last) {
            arrondissement = Some(n);
            toks.pop();
        } else {
            break;
        }
    }
    if toks.len() > 1 && matches!(toks[0].as_str(), "le" | "la" | "les" | "l") {
        toks.remove(0);
    }
    Name {
        key: toks.join(" "),
        arrondissement,
    }
}

/// "11", "11e", "1er", "8eme", "3ieme" → the number.
fn ordinal(t: &str) -> Option<u32> {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "" | "e" | "er" | "eme" | "ieme" | "em") {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=20).contains(n))
}

/// Departments a postcode usually belongs to (its first digits; Corsica: 2A and 2B).
fn postcode_departments(postcode: &str) -> Vec<String> {
    if postcode.starts_with("97") {
        vec![postcode[..3].to_string()]
    } else if postcode.starts_with("20") {
        vec!["2A".to_string(), "2B".to_string()]
    } else {
        vec![postcode[..2].to_string()]
    }
}

fn clean_postcode(p: &str) -> Option<String> {
    let digits: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Whether a commune's normalised name matches `key`: equal, or one a whole-word prefix of
/// the other ("Cherbourg" for "Cherbourg-en-Cotentin").
fn loosely_matches(commune_key: &str, key: &str) -> bool {
    let starts = |long: &str, short: &str| {
        long.len() > short.len() && long.starts_with(short) && long.as_bytes()[short.len()] == b' '
    };
    starts(commune_key, key) || starts(key, commune_key)
}

fn with_arrondissement(
    idx: &Index,
    c: &Commune,
    number: Option<u32>,
    postcode: Option<&str>,
) -> Resolution {
    let arr = number
        .and_then(|n| idx.arrondissement(c.insee, n))
        .or_else(|| postcode.and_then(|p| idx.arrondissement_by_postcode(p)))
        .filter(|a| a.commune == c.insee);
    match arr {
        Some(a) => Resolution::Found {
            insee: c.insee,
            arrondissement: Some(a.insee),
            precision: a.precision,
            lat: a.lat,
            lon: a.lon,
        },
        None => Resolution::commune(c),
    }
}

fn finish(
    idx: &Index,
    found: Vec<&Commune>,
    name: Option<&Name>,
    postcode: Option<&str>,
) -> Resolution {
    match Resolution::from_candidates(found) {
        Resolution::Found { insee, .. } => {
            let c = idx.commune(insee).expect("indexed commune");
            with_arrondissement(idx, c, name.and_then(|n| n.arrondissement), postcode)
        }
        other => other,
    }
}

/// Resolve a commune from a postcode and/or a commune name, with an optional department hint
/// (code "93", "2A", "974" or name "Seine-Saint-Denis").
///
/// * postcode + name: the communes of that postcode whose name matches (accents, case,
///   "St"/"Saint", hyphens, leading article, arrondissement suffix and CEDEX ignored); a
///   postcode unknown as such (a CEDEX postcode) or matching no commune of that name falls
///   back to the name restricted to the postcode's department;
/// * postcode alone: found when the postcode serves a single commune, else ambiguous;
/// * name alone: found when unique, or unique in the hinted department, else ambiguous.
pub fn resolve(
    postcode: Option<&str>,
    commune: Option<&str>,
    department_hint: Option<&str>,
) -> Resolution {
    let idx = index();
    let postcode = postcode.and_then(clean_postcode);
    let name = commune.map(parse_name).filter(|n| !n.key.is_empty());
    let hint = department_hint
        .and_then(|h| idx.department(h))
        .map(|d| d.code);

    if let Some(pc) = postcode.as_deref() {
        let by_pc = idx.by_postcode(pc);
        match &name {
            None => {
                if by_pc.is_empty() {
                    return Resolution::NotFound;
                }
                let narrowed: Vec<&Commune> = by_pc
                    .iter()
                    .copied()
                    .filter(|c| hint.is_none_or(|h| c.department == h))
                    .collect();
                let pool = if narrowed.is_empty() { by_pc } else { narrowed };
                return finish(idx, pool, None, Some(pc));
            }
            Some(n) => {
                let exact: Vec<&Commune> = by_pc
                    .iter()
                    .copied()
                    .filter(|c| crate::geo::normalise(c.name) == n.key)
                    .collect();
                if !exact.is_empty() {
                    return finish(idx, exact, Some(n), Some(pc));
                }
                let loose: Vec<&Commune> = by_pc
                    .iter()
                    .copied()
                    .filter(|c| loosely_matches(&crate::geo::normalise(c.name), &n.key))
                    .collect();
                if loose.len() == 1 {
                    return finish(idx, loose, Some(n), Some(pc));
                }
                // CEDEX or mistyped postcode: the name within the postcode's department.
                let deps = postcode_departments(pc);
                let by_name: Vec<&Commune> = idx
                    .by_name_key(&n.key)
                    .into_iter()
                    .filter(|c| deps.iter().any(|d| d == c.department))
                    .collect();
                if !by_name.is_empty() {
                    return finish(idx, by_name, Some(n), None);
                }
                return Resolution::NotFound;
            }
        }
    }

    let Some(n) = name else {
        return Resolution::NotFound;
    };
    let all = idx.by_name_key(&n.key);
    if let Some(h) = hint {
        let in_dep: Vec<&Commune> = all.iter().copied().filter(|c| c.department == h).collect();
        if !in_dep.is_empty() {
            return finish(idx, in_dep, Some(&n), None);
        }
    }
    finish(idx, all, Some(&n), None)
}

/// Resolve a free-text address: the last 5-digit postcode ("75002", also "75 002") and the
/// town name after it (up to a comma or line end, CEDEX stripped), or the text before it when
/// nothing follows ("Paris 75002"); without a postcode, the last comma-separated part as a
/// commune name.
pub fn resolve_address(text: &str) -> Resolution {
    static POSTCODE: OnceLock<Regex> = OnceLock::new();
    let re = POSTCODE
        .get_or_init(|| Regex::new(r"(?:^|[^\d])(\d{2} ?\d{3})(?:[^\d]|$)").expect("valid regex"));
    let Some(m) = re.captures_iter(text).filter_map(|c| c.get(1)).last() else {
        let last = text
            .rsplit([',', '\n'])
            .map(str::trim)
            .find(|s| !s.is_empty());
        return last.map_or(Resolution::NotFound, |name| resolve(None, Some(name), None));
    };
    let after = text[m.end()..]
        .split([',', '\n', ';'])
        .next()
        .unwrap_or("")
        .trim();
    let town = if after.chars().any(char::is_alphabetic) {
        after
    } else {
        text[..m.start()]
            .rsplit([',', '\n', ';'])
            .next()
            .unwrap_or("")
            .trim()
    };
    let town = (!town.is_empty()).then_some(town);
    resolve(Some(m.as_str()), town, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insee(r: &Resolution) -> &'static str {
        r.insee().unwrap_or_else(|| panic!("not found: {r:?}"))
    }

    fn arrondissement(r: &Resolution) -> Option<&'static str> {
        match r {
            Resolution::Found { arrondissement, .. } => *arrondissement,
            _ => panic!("not found: {r:?}"),
        }
    }

    #[test]
    fn saint_etienne_spellings() {
        for name in ["Saint-Étienne", "St Etienne", "SAINT ETIENNE", "st-etienne"] {
            assert_eq!(
                insee(&resolve(Some("42000"), Some(name), None)),
                "42218",
                "{name}"
            );
            assert_eq!(
                insee(&resolve(None, Some(name), Some("42"))),
                "42218",
                "{name}"
            );
        }
    }

    #[test]
    fn hay_les_roses() {
        assert_eq!(
            insee(&resolve(Some("94240"), Some("L'Haÿ-les-Roses"), None)),
            "94038"
        );
        assert_eq!(
            insee(&resolve(None, Some("l hay les roses"), None)),
            "94038"
        );
    }

    #[test]
    fn le_havre_with_or_without_article() {
        assert_eq!(insee(&resolve(None, Some("Le Havre"), None)), "76351");
        assert_eq!(insee(&resolve(None, Some("Havre"), None)), "76351");
        assert_eq!(
            insee(&resolve(Some("76600"), Some("LE HAVRE"), None)),
            "76351"
        );
    }

    #[test]
    fn shared_postcode_decided_by_name() {
        // 76640 serves several communes.
        assert!(matches!(
            resolve(Some("76640"), None, None),
            Resolution::Ambiguous { .. }
        ));
        assert_eq!(
            insee(&resolve(Some("76640"), Some("Terres-de-Caux"), None)),
            "76258"
        );
        assert_eq!(
            resolve(Some("76640"), Some("Nulle-Part-sur-Mer"), None),
            Resolution::NotFound
        );
    }

    #[test]
    fn shared_name_needs_a_department() {
        match resolve(None, Some("Saint-Denis"), None) {
            Resolution::Ambiguous { candidates } => {
                assert!(candidates.contains(&"93066") && candidates.contains(&"97411"));
            }
            other => panic!("expected ambiguous, got {other:?}"),
        }
        assert_eq!(
            insee(&resolve(None, Some("Saint-Denis"), Some("93"))),
            "93066"
        );
        assert_eq!(
            insee(&resolve(None, Some("Saint-Denis"), Some("974"))),
            "97411"
        );
        assert_eq!(
            insee(&resolve(None, Some("Saint-Denis"), Some("La Réunion"))),
            "97411"
        );
        assert_eq!(
            insee(&resolve(Some("93200"), Some("Saint-Denis"), None)),
            "93066"
        );
        assert_eq!(
            insee(&resolve(Some("97400"), Some("St Denis"), None)),
            "97411"
        );
    }

    #[test]
    fn paris_arrondissements() {
        let r = resolve(Some("75011"), Some("Paris"), None);
        assert_eq!((insee(&r), arrondissement(&r)), ("75056", Some("75111")));
        let r = resolve(None, Some("Paris 11e"), None);
        assert_eq!((insee(&r), arrondissement(&r)), ("75056", Some("75111")));
        let r = resolve(Some("75116"), None, None);
        assert_eq!((insee(&r), arrondissement(&r)), ("75056", Some("75116")));
        let r = resolve(None, Some("Paris"), None);
        assert_eq!((insee(&r), arrondissement(&r)), ("75056", None));
    }

    #[test]
    fn lyon_and_marseille_arrondissements() {
        let r = resolve(None, Some("Lyon 3e"), None);
        assert_eq!((insee(&r), arrondissement(&r)), ("69123", Some("69383")));
        let r = resolve(None, Some("Lyon 3ème arrondissement"), None);
        assert_eq!(arrondissement(&r), Some("69383"));
        let r = resolve(Some("13008"), Some("Marseille"), None);
        assert_eq!((insee(&r), arrondissement(&r)), ("13055", Some("13208")));
    }

    #[test]
    fn cedex() {
        let r = resolve(Some("69361"), Some("Lyon Cedex 07"), None);
        assert_eq!(insee(&r), "69123");
        let r = resolve_address("69361 Lyon Cedex 07");
        assert_eq!(insee(&r), "69123");
        let r = resolve_address("Hôtel de Ville, Quai du Port, 13233 Marseille Cedex 20");
        assert_eq!(insee(&r), "13055");
    }

    #[test]
    fn address_strings() {
        let r = resolve_address("12 rue de la Paix, 75002 Paris");
        assert_eq!((insee(&r), arrondissement(&r)), ("75056", Some("75102")));
        assert_eq!(
            insee(&resolve_address(
                "1 place de l'Hôtel de Ville\n42000 St-Étienne"
            )),
            "42218"
        );
        assert_eq!(insee(&resolve_address("Le Havre 76600")), "76351");
        assert_eq!(insee(&resolve_address("3 rue X, Le Havre")), "76351");
        assert_eq!(resolve_address("nowhere at all"), Resolution::NotFound);
    }

    #[test]
    fn commune_without_point_falls_back_to_department() {
        match resolve(Some("15170"), Some("Celles"), None) {
            Resolution::Found {
                insee,
                precision,
                lat,
                lon,
                ..
            } => {
                assert_eq!(insee, "15031");
                assert_eq!(precision, Precision::Department);
                let dep = index().department("15").unwrap();
                assert_eq!((lat, lon), (dep.lat, dep.lon));
            }
            other => panic!("{other:?}"),
        }
        let r = resolve(None, Some("Paris"), None);
        assert!(matches!(
            r,
            Resolution::Found {
                precision: Precision::Outline,
                ..
            }
        ));
    }

    #[test]
    fn unknown_name_is_not_found() {
        assert_eq!(
            resolve(None, Some("Xyzzyville-les-Bains"), None),
            Resolution::NotFound
        );
        assert_eq!(resolve(Some("00000"), None, None), Resolution::NotFound);
        assert_eq!(resolve(None, None, None), Resolution::NotFound);
        assert_eq!(resolve(None, Some("   "), Some("93")), Resolution::NotFound);
    }
}
