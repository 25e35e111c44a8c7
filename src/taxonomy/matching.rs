//! Partners' own tags compared with the thesaurus. A tag and every name of every term
//! (French and English labels, synonyms, code, acronym in brackets) are normalised the
//! same way; a tag is matched only when exactly one term answers to it.
use std::collections::{BTreeSet, HashMap};

use crate::entities::taxonomy_term;

/// Articles dropped at the start of a tag ("Les tiers-lieux" is "tiers-lieux").
const LEADING_ARTICLES: &[&str] = &["l", "le", "la", "les", "des"];

/// Words that do not tell terms apart when word order is ignored (after `singular`).
const FILLER_WORDS: &[&str] = &[
    "a", "au", "d", "de", "du", "en", "et", "l", "la", "le", "ou", "pour", "un", "une", "and",
    "for", "of", "or", "the",
];

/// Longest tag kept, in characters (the column's size).
pub const MAX_TAG_CHARS: usize = 200;

/// A French word in the singular, roughly: `-aux` → `-al` (but `-eaux` → `-eau`), else
/// a final `s` or `x` dropped. Tags and names go through the same rule, so rough is enough.
fn singular(word: &str) -> String {
    if word.len() > 4
        && !word.ends_with("eaux")
        && let Some(stem) = word.strip_suffix("aux")
    {
        return format!("{stem}al");
    }
    if word.len() > 2
        && let Some(stem) = word.strip_suffix(['s', 'x'])
    {
        return stem.to_owned();
    }
    word.to_owned()
}

/// The form tags are compared by: ASCII lower case, punctuation as spaces, no leading
/// article, each word in the singular. Empty when the tag has no letter or digit.
pub fn normalise(raw: &str) -> String {
    let folded = deunicode::deunicode(raw).to_lowercase();
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if words.len() > 1 && LEADING_ARTICLES.contains(&words[0]) {
        words.remove(0);
    }
    let normalised = words
        .into_iter()
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ");
    normalised.chars().take(MAX_TAG_CHARS).collect()
}

/// A normalised form with filler words dropped and words sorted, so that "Logement et
/// habitat" meets "Habitat et logement".
fn loose(normalised: &str) -> String {
    let words: BTreeSet<&str> = normalised
        .split(' ')
        .filter(|w| !w.is_empty() && !FILLER_WORDS.contains(w))
        .collect();
    words.into_iter().collect::<Vec<_>>().join(" ")
}

/// A term's synonyms, one per line.
pub fn synonyms(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|s| !s.is_empty())
}

/// The names a label gives: itself, itself without what is in brackets, and what is in
/// brackets ("Société coopérative … (SCOP)" also answers to "SCOP").
fn label_names(label: &str) -> Vec<String> {
    let mut names = vec![label.to_owned()];
    let mut outside = String::new();
    let mut rest = label;
    while let Some(open) = rest.find('(') {
        outside.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else {
            rest = "";
            break;
        };
        names.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    outside.push_str(rest);
    if outside != label {
        names.push(outside);
    }
    names
}

/// Every term's names, normalised, for matching tags.
#[derive(Debug, Default)]
pub struct Matcher {
    /// Normalised name → codes of the terms that have it.
    exact: HashMap<String, BTreeSet<String>>,
    /// Same, by `loose` form.
    loose: HashMap<String, BTreeSet<String>>,
}

impl Matcher {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a taxonomy_term::Model>) -> Self {
        let mut matcher = Self::default();
        for term in terms {
            let mut names = vec![term.code.clone()];
            names.extend(label_names(&term.label_fr));
            names.extend(label_names(&term.label_en));
            names.extend(synonyms(&term.synonyms).map(str::to_owned));
            for name in names {
                let key = normalise(&name);
                if key.is_empty() {
                    continue;
                }
                matcher
                    .loose
                    .entry(loose(&key))
                    .or_default()
                    .insert(term.code.clone());
                matcher
                    .exact
                    .entry(key)
                    .or_default()
                    .insert(term.code.clone());
            }
        }
        matcher
    }

    /// The one term a normalised tag names, if exactly one does (an exact name first,
    /// then the same words in another order).
    pub fn find(&self, normalised: &str) -> Option<&str> {
        if normalised.is_empty() {
            return None;
        }
        fn only(codes: &BTreeSet<String>) -> Option<&str> {
            match codes.len() {
                1 => codes.first().map(String::as_str),
                _ => None,
            }
        }
        match self.exact.get(normalised) {
            Some(codes) => only(codes),
            None => self.loose.get(&loose(normalised)).and_then(only),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::seed::{PUBLICS, STRUCTURE_TYPES, SYNONYMS, SeedTerm, THEMES};

    fn model(vocabulary: &str, term: &SeedTerm) -> taxonomy_term::Model {
        let synonyms = SYNONYMS
            .iter()
            .find(|(code, _)| *code == term.code)
            .map(|(_, names)| names.join("\n"))
            .unwrap_or_default();
        taxonomy_term::Model {
            code: term.code.into(),
            vocabulary: vocabulary.into(),
            parent_code: term.parent.map(str::to_owned),
            label_fr: term.label_fr.into(),
            label_en: term.label_en.into(),
            position: 0,
            synonyms,
        }
    }

    fn seeded() -> Vec<taxonomy_term::Model> {
        let mut terms: Vec<_> = THEMES.iter().map(|t| model("theme", t)).collect();
        terms.extend(PUBLICS.iter().map(|t| model("public", t)));
        terms.extend(STRUCTURE_TYPES.iter().map(|t| model("structure", t)));
        terms
    }

    fn matched(matcher: &Matcher, tag: &str) -> Option<String> {
        matcher.find(&normalise(tag)).map(str::to_owned)
    }

    #[test]
    fn normalisation_folds_case_accents_articles_and_plurals() {
        assert_eq!(normalise("  ÉCONOMIE   Circulaire "), "economie circulaire");
        assert_eq!(normalise("Tiers-lieu"), normalise("tiers lieux"));
        assert_eq!(normalise("Les Tiers-Lieux"), "tier lieu");
        assert_eq!(normalise("L’habitat"), "habitat");
        assert_eq!(normalise("l'habitat"), "habitat");
        assert_eq!(normalise("Réseaux sociaux"), "reseau social");
        assert_eq!(normalise("Demandeurs d'emploi"), "demandeur d emploi");
        assert_eq!(normalise("Œuvres"), "oeuvre");
        // An article alone is the tag itself.
        assert_eq!(normalise("Les"), "le");
        assert_eq!(normalise("!!"), "");
    }

    #[test]
    fn tags_match_labels_synonyms_codes_and_acronyms() {
        let matcher = Matcher::new(&seeded());
        let cases = [
            ("économie circulaire", "ECO"),
            ("ECONOMIE-CIRCULAIRE", "ECO"),
            ("tiers lieux", "TER-TIERS-LIEUX"),
            ("Tiers-lieu", "TER-TIERS-LIEUX"),
            ("Third places", "TER-TIERS-LIEUX"),
            ("Circular economy", "ECO"),
            ("Habitat et logement", "HAB"),
            ("Logement et habitat", "HAB"),
            ("Réfugiés", "PUB-EXILES"),
            ("SCOP", "STR-SCOP"),
            ("scic", "STR-SCIC"),
            ("emp-iae", "EMP-IAE"),
            ("Les jeunes", "PUB-JEUNES"),
        ];
        for (tag, code) in cases {
            assert_eq!(matched(&matcher, tag).as_deref(), Some(code), "{tag}");
        }
    }

    #[test]
    fn ambiguous_or_unknown_tags_are_not_matched() {
        let mut terms = seeded();
        // Two terms answering to the same name: neither is chosen.
        terms[0].synonyms = "Mobilité".into();
        let matcher = Matcher::new(&terms);
        assert_eq!(matched(&matcher, "Mobilités"), None);
        assert_eq!(matched(&matcher, "Astronomie amateur"), None);
        assert_eq!(matched(&matcher, "…"), None);
        // Same words as two different terms once order is ignored.
        let mut terms = seeded();
        terms[0].synonyms = "Numérique et inclusion".into();
        assert_eq!(
            matched(&Matcher::new(&terms), "Inclusion et numérique"),
            None
        );
    }

    /// Every tag the benchmark generator (benches/harness/frdata.py) writes finds a
    /// sensible term.
    #[test]
    fn every_benchmark_tag_is_matched() {
        let matcher = Matcher::new(&seeded());
        let expected = [
            ("Insertion professionnelle", "EMP"),
            ("Mobilité solidaire", "MOB-MOBILITE-SOLIDAIRE"),
            ("Logement et habitat", "HAB"),
            ("Alimentation durable", "ALI-ALIMENTATION-DURABLE"),
            ("Numérique inclusif", "NUM-INCLUSION"),
            ("Tiers-lieu", "TER-TIERS-LIEUX"),
            ("Économie circulaire", "ECO"),
            ("Santé et bien-être", "SAN"),
            ("Éducation et jeunesse", "EDU"),
            ("Culture et lien social", "CUL"),
            ("Transition écologique", "ENV"),
            ("Agriculture urbaine", "ALI-AGRICULTURE-URBAINE"),
            ("Énergie citoyenne", "ENV-ENERGIE"),
            ("Accès aux droits", "SOL"),
            ("Sport et inclusion", "SPO-INCLUSION"),
            ("Finance solidaire", "EMP-ENTREPRENEURIAT"),
            ("Jeunes", "PUB-JEUNES"),
            ("Seniors", "PUB-SENIORS"),
            ("Personnes en situation de handicap", "PUB-HANDICAP"),
            ("Demandeurs d'emploi", "PUB-DEMANDEURS-EMPLOI"),
            ("Familles monoparentales", "PUB-ENFANTS"),
            ("Personnes réfugiées", "PUB-EXILES"),
            ("Habitants des quartiers prioritaires", "PUB-HABITANTS-QPV"),
            ("Étudiants", "PUB-JEUNES"),
            ("Agriculteurs", "PUB-RURAUX"),
            ("Personnes sans domicile", "PUB-SANS-ABRI"),
            ("Tout public", "PUB-TOUT-PUBLIC"),
            ("Femmes", "PUB-FEMMES"),
            ("Association", "STR-ASSOCIATION"),
            ("SCOP", "STR-SCOP"),
            ("SCIC", "STR-SCIC"),
            ("Collectivité territoriale", "STR-COLLECTIVITE"),
            ("Entreprise ESUS", "STR-ESUS"),
            ("Fondation", "STR-FONDATION"),
            ("Mutuelle", "STR-MUTUELLE"),
            ("Coopérative d'activités et d'emploi", "STR-CAE"),
            ("Groupement d'employeurs", "STR-GROUPEMENT-EMPLOYEURS"),
            ("Établissement public", "STR-ETABLISSEMENT-PUBLIC"),
        ];
        for (tag, code) in expected {
            assert_eq!(matched(&matcher, tag).as_deref(), Some(code), "{tag}");
        }
    }

    /// A seeded synonym names one term only and is not already a name of another.
    #[test]
    fn seeded_synonyms_are_unambiguous() {
        let terms = seeded();
        let matcher = Matcher::new(&terms);
        for (code, names) in SYNONYMS {
            assert!(terms.iter().any(|t| t.code == *code), "unknown {code}");
            for name in *names {
                assert_eq!(matched(&matcher, name).as_deref(), Some(*code), "{name}");
            }
        }
    }
}
