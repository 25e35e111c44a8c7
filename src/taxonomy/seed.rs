//! Initial content of the shared thesaurus, inserted on first start.
//!
//! Codes are stable identifiers shared by every partner: never rename one,
//! only add new terms (labels may be reworded freely).

/// One term of the shared thesaurus as seeded on first start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedTerm {
    /// Stable uppercase ASCII code, unique across all seed lists.
    pub code: &'static str,
    /// Code of the parent theme for a sub-theme, `None` for a top-level term.
    pub parent: Option<&'static str>,
    /// French label, as shown by default.
    pub label_fr: &'static str,
    /// English label.
    pub label_en: &'static str,
}

const fn top(code: &'static str, label_fr: &'static str, label_en: &'static str) -> SeedTerm {
    SeedTerm {
        code,
        parent: None,
        label_fr,
        label_en,
    }
}

const fn sub(
    parent: &'static str,
    code: &'static str,
    label_fr: &'static str,
    label_en: &'static str,
) -> SeedTerm {
    SeedTerm {
        code,
        parent: Some(parent),
        label_fr,
        label_en,
    }
}

/// Themes: 15 top-level fields of social innovation, each followed by its sub-themes.
pub const THEMES: &[SeedTerm] = &[
    top("EDU", "Éducation et jeunesse", "Education and youth"),
    sub(
        "EDU",
        "EDU-DECROCHAGE",
        "Décrochage scolaire",
        "Early school leaving",
    ),
    sub(
        "EDU",
        "EDU-SOUTIEN",
        "Soutien scolaire et accompagnement éducatif",
        "Tutoring and educational support",
    ),
    sub(
        "EDU",
        "EDU-PETITE-ENFANCE",
        "Petite enfance et parentalité",
        "Early childhood and parenting",
    ),
    top(
        "EMP",
        "Emploi et insertion",
        "Employment and work integration",
    ),
    sub(
        "EMP",
        "EMP-IAE",
        "Insertion par l'activité économique",
        "Work integration through economic activity",
    ),
    sub(
        "EMP",
        "EMP-ENTREPRENEURIAT",
        "Entrepreneuriat et création d'activité",
        "Entrepreneurship and business creation",
    ),
    sub(
        "EMP",
        "EMP-FORMATION",
        "Formation et qualification",
        "Training and qualifications",
    ),
    top(
        "ENV",
        "Environnement et transition écologique",
        "Environment and ecological transition",
    ),
    sub(
        "ENV",
        "ENV-ENERGIE",
        "Énergies renouvelables citoyennes",
        "Community renewable energy",
    ),
    sub(
        "ENV",
        "ENV-BIODIVERSITE",
        "Biodiversité et nature",
        "Biodiversity and nature",
    ),
    sub(
        "ENV",
        "ENV-SENSIBILISATION",
        "Éducation à l'environnement",
        "Environmental education",
    ),
    top("SAN", "Santé et bien-être", "Health and well-being"),
    sub(
        "SAN",
        "SAN-ACCES-SOINS",
        "Accès aux soins",
        "Access to healthcare",
    ),
    sub("SAN", "SAN-SANTE-MENTALE", "Santé mentale", "Mental health"),
    sub(
        "SAN",
        "SAN-PREVENTION",
        "Prévention et promotion de la santé",
        "Prevention and health promotion",
    ),
    top(
        "SOL",
        "Solidarités et lutte contre l'exclusion",
        "Solidarity and fight against exclusion",
    ),
    sub(
        "SOL",
        "SOL-AIDE-ALIMENTAIRE",
        "Aide alimentaire",
        "Food aid",
    ),
    sub(
        "SOL",
        "SOL-SANS-ABRI",
        "Accueil des personnes sans domicile",
        "Support for homeless people",
    ),
    sub(
        "SOL",
        "SOL-MIGRANTS",
        "Accueil des personnes exilées",
        "Welcoming refugees and migrants",
    ),
    top(
        "TER",
        "Territoires et développement local",
        "Territories and local development",
    ),
    sub(
        "TER",
        "TER-RURALITE",
        "Revitalisation rurale",
        "Rural revitalisation",
    ),
    sub(
        "TER",
        "TER-QUARTIERS",
        "Quartiers prioritaires",
        "Priority urban neighbourhoods",
    ),
    sub("TER", "TER-TIERS-LIEUX", "Tiers-lieux", "Third places"),
    top("ALI", "Alimentation et agriculture", "Food and agriculture"),
    sub(
        "ALI",
        "ALI-CIRCUITS-COURTS",
        "Circuits courts",
        "Short food supply chains",
    ),
    sub(
        "ALI",
        "ALI-AGRICULTURE-URBAINE",
        "Agriculture urbaine",
        "Urban agriculture",
    ),
    sub(
        "ALI",
        "ALI-ALIMENTATION-DURABLE",
        "Alimentation durable et accessible",
        "Sustainable and affordable food",
    ),
    top("HAB", "Habitat et logement", "Housing"),
    sub(
        "HAB",
        "HAB-RENOVATION",
        "Rénovation énergétique",
        "Energy retrofitting",
    ),
    sub(
        "HAB",
        "HAB-HABITAT-PARTICIPATIF",
        "Habitat participatif",
        "Cooperative and participatory housing",
    ),
    sub(
        "HAB",
        "HAB-INTERGENERATIONNEL",
        "Habitat intergénérationnel",
        "Intergenerational housing",
    ),
    sub(
        "HAB",
        "HAB-ACCES-LOGEMENT",
        "Accès au logement",
        "Access to housing",
    ),
    top("MOB", "Mobilité", "Mobility"),
    sub(
        "MOB",
        "MOB-MOBILITE-SOLIDAIRE",
        "Mobilité solidaire",
        "Inclusive mobility",
    ),
    sub(
        "MOB",
        "MOB-VELO",
        "Vélo et mobilités actives",
        "Cycling and active mobility",
    ),
    sub(
        "MOB",
        "MOB-PARTAGE",
        "Covoiturage et mobilité partagée",
        "Car-pooling and shared mobility",
    ),
    top("CUL", "Culture et patrimoine", "Culture and heritage"),
    sub(
        "CUL",
        "CUL-PATRIMOINE",
        "Patrimoine et mémoire",
        "Heritage and memory",
    ),
    sub(
        "CUL",
        "CUL-PRATIQUES-ARTISTIQUES",
        "Pratiques artistiques",
        "Participatory arts",
    ),
    sub(
        "CUL",
        "CUL-MEDIATION",
        "Médiation culturelle",
        "Cultural outreach",
    ),
    top(
        "NUM",
        "Numérique et inclusion numérique",
        "Digital technology and digital inclusion",
    ),
    sub(
        "NUM",
        "NUM-INCLUSION",
        "Médiation numérique",
        "Digital skills support",
    ),
    sub(
        "NUM",
        "NUM-COMMUNS",
        "Communs numériques et logiciels libres",
        "Digital commons and free software",
    ),
    top("ECO", "Économie circulaire", "Circular economy"),
    sub(
        "ECO",
        "ECO-REEMPLOI",
        "Réemploi et réparation",
        "Reuse and repair",
    ),
    sub(
        "ECO",
        "ECO-DECHETS",
        "Réduction des déchets",
        "Waste reduction",
    ),
    top(
        "CIT",
        "Démocratie et citoyenneté",
        "Democracy and citizenship",
    ),
    sub(
        "CIT",
        "CIT-PARTICIPATION",
        "Participation citoyenne",
        "Citizen participation",
    ),
    sub(
        "CIT",
        "CIT-ENGAGEMENT",
        "Engagement et bénévolat",
        "Volunteering and civic engagement",
    ),
    sub(
        "CIT",
        "CIT-EGALITE",
        "Égalité et lutte contre les discriminations",
        "Equality and anti-discrimination",
    ),
    top(
        "SPO",
        "Sport et activité physique",
        "Sport and physical activity",
    ),
    sub("SPO", "SPO-SPORT-SANTE", "Sport-santé", "Sport for health"),
    sub(
        "SPO",
        "SPO-INCLUSION",
        "Sport et inclusion",
        "Sport for inclusion",
    ),
    top("AGE", "Vieillissement et autonomie", "Ageing and autonomy"),
    sub(
        "AGE",
        "AGE-ISOLEMENT",
        "Lutte contre l'isolement des aînés",
        "Tackling loneliness among older people",
    ),
    sub(
        "AGE",
        "AGE-AIDANTS",
        "Soutien aux proches aidants",
        "Support for family carers",
    ),
    sub(
        "AGE",
        "AGE-HANDICAP",
        "Handicap et accessibilité",
        "Disability and accessibility",
    ),
];

/// Target publics a project can be aimed at (flat list).
pub const PUBLICS: &[SeedTerm] = &[
    top(
        "PUB-JEUNES",
        "Jeunes de 16 à 25 ans",
        "Young people aged 16 to 25",
    ),
    top(
        "PUB-ENFANTS",
        "Enfants et familles",
        "Children and families",
    ),
    top("PUB-SENIORS", "Personnes âgées", "Older people"),
    top(
        "PUB-HANDICAP",
        "Personnes en situation de handicap",
        "People with disabilities",
    ),
    top("PUB-DEMANDEURS-EMPLOI", "Demandeurs d'emploi", "Jobseekers"),
    top(
        "PUB-PRECAIRES",
        "Personnes en situation de précarité",
        "People facing poverty",
    ),
    top(
        "PUB-SANS-ABRI",
        "Personnes sans domicile",
        "Homeless people",
    ),
    top("PUB-EXILES", "Personnes exilées", "Refugees and migrants"),
    top("PUB-FEMMES", "Femmes", "Women"),
    top(
        "PUB-HABITANTS-QPV",
        "Habitants des quartiers prioritaires",
        "Residents of priority neighbourhoods",
    ),
    top(
        "PUB-RURAUX",
        "Habitants des territoires ruraux",
        "Rural residents",
    ),
    top("PUB-AIDANTS", "Proches aidants", "Family carers"),
    top("PUB-TOUT-PUBLIC", "Tout public", "General public"),
];

/// Legal or organisational forms of the structure carrying a project (flat list).
pub const STRUCTURE_TYPES: &[SeedTerm] = &[
    top("STR-ASSOCIATION", "Association", "Non-profit association"),
    top(
        "STR-SCOP",
        "Société coopérative et participative (SCOP)",
        "Worker cooperative (SCOP)",
    ),
    top(
        "STR-SCIC",
        "Société coopérative d'intérêt collectif (SCIC)",
        "Multi-stakeholder cooperative (SCIC)",
    ),
    top(
        "STR-ESUS",
        "Entreprise de l'ESS agréée ESUS",
        "Certified social and solidarity enterprise (ESUS)",
    ),
    top(
        "STR-COLLECTIVITE",
        "Collectivité territoriale",
        "Local authority",
    ),
    top("STR-FONDATION", "Fondation", "Foundation"),
    top(
        "STR-ETABLISSEMENT-PUBLIC",
        "Établissement public",
        "Public body",
    ),
    top("STR-COLLECTIF", "Collectif citoyen", "Citizens' collective"),
    top("STR-ENTREPRISE", "Entreprise", "Company"),
    top(
        "STR-SIAE",
        "Structure d'insertion par l'activité économique (SIAE)",
        "Work integration social enterprise (SIAE)",
    ),
    top(
        "STR-RESEAU",
        "Groupement ou réseau",
        "Consortium or network",
    ),
    top("STR-MUTUELLE", "Mutuelle", "Mutual society"),
    top(
        "STR-CAE",
        "Coopérative d'activité et d'emploi (CAE)",
        "Business and employment cooperative (CAE)",
    ),
    top(
        "STR-GROUPEMENT-EMPLOYEURS",
        "Groupement d'employeurs",
        "Employers' alliance",
    ),
];

/// Other names partners give to seeded terms, so that their tags match on their own
/// (`taxonomy::matching`). A synonym names one term only; labels need not be repeated,
/// nor a label's acronym in brackets.
pub const SYNONYMS: &[(&str, &[&str])] = &[
    ("EMP", &["Insertion professionnelle", "Emploi"]),
    (
        "EMP-ENTREPRENEURIAT",
        &["Finance solidaire", "Création d'entreprise"],
    ),
    ("EMP-IAE", &["Insertion par l'économique", "IAE"]),
    ("ENV", &["Transition écologique", "Environnement"]),
    (
        "ENV-ENERGIE",
        &["Énergie citoyenne", "Énergies renouvelables"],
    ),
    ("ALI", &["Alimentation", "Agriculture"]),
    ("ALI-ALIMENTATION-DURABLE", &["Alimentation durable"]),
    ("NUM", &["Numérique"]),
    (
        "NUM-INCLUSION",
        &["Numérique inclusif", "Inclusion numérique"],
    ),
    ("CUL", &["Culture et lien social", "Culture"]),
    (
        "SOL",
        &["Accès aux droits", "Solidarité", "Lutte contre l'exclusion"],
    ),
    ("HAB", &["Logement", "Habitat"]),
    ("SAN", &["Santé"]),
    ("SPO", &["Sport"]),
    ("CIT", &["Citoyenneté", "Démocratie participative"]),
    ("PUB-JEUNES", &["Jeunes", "Jeunesse", "Étudiants"]),
    ("PUB-SENIORS", &["Seniors", "Aînés"]),
    (
        "PUB-ENFANTS",
        &["Familles monoparentales", "Familles", "Enfants"],
    ),
    (
        "PUB-EXILES",
        &["Personnes réfugiées", "Réfugiés", "Migrants"],
    ),
    ("PUB-RURAUX", &["Agriculteurs", "Ruraux"]),
    ("PUB-PRECAIRES", &["Personnes précaires"]),
    (
        "STR-ESUS",
        &["Entreprise ESUS", "Entreprise solidaire d'utilité sociale"],
    ),
    ("STR-COLLECTIVITE", &["Collectivité", "Commune"]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn all() -> impl Iterator<Item = &'static SeedTerm> {
        THEMES.iter().chain(PUBLICS).chain(STRUCTURE_TYPES)
    }

    #[test]
    fn codes_are_unique_across_lists() {
        let mut seen = HashSet::new();
        for term in all() {
            assert!(seen.insert(term.code), "duplicate code {}", term.code);
        }
    }

    #[test]
    fn codes_are_uppercase_ascii() {
        for term in all() {
            let ok = !term.code.is_empty()
                && !term.code.starts_with('-')
                && !term.code.ends_with('-')
                && !term.code.contains("--")
                && term
                    .code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'-');
            assert!(ok, "bad code {}", term.code);
        }
    }

    #[test]
    fn theme_hierarchy_is_valid() {
        let tops: Vec<&str> = THEMES
            .iter()
            .filter(|t| t.parent.is_none())
            .map(|t| t.code)
            .collect();
        assert_eq!(tops.len(), 15);
        for code in &tops {
            assert!(code.len() == 3, "top-level code {code} must have 3 letters");
        }
        let subs: Vec<&SeedTerm> = THEMES.iter().filter(|t| t.parent.is_some()).collect();
        assert!(subs.len() >= 35, "only {} sub-themes", subs.len());
        for term in subs {
            let parent = term.parent.unwrap();
            assert!(
                tops.contains(&parent),
                "{}: unknown parent {parent}",
                term.code
            );
            assert!(
                term.code.starts_with(&format!("{parent}-")),
                "{} vs {parent}",
                term.code
            );
        }
        for code in &tops {
            let n = THEMES.iter().filter(|t| t.parent == Some(code)).count();
            assert!(n >= 2, "{code} has only {n} sub-themes");
        }
    }

    #[test]
    fn publics_and_structures_are_flat_and_prefixed() {
        assert!(PUBLICS.len() >= 10);
        assert!(STRUCTURE_TYPES.len() >= 10);
        for term in PUBLICS {
            assert!(
                term.parent.is_none() && term.code.starts_with("PUB-"),
                "{}",
                term.code
            );
        }
        for term in STRUCTURE_TYPES {
            assert!(
                term.parent.is_none() && term.code.starts_with("STR-"),
                "{}",
                term.code
            );
        }
    }

    #[test]
    fn labels_are_filled_and_trimmed() {
        let mut fr = HashSet::new();
        for term in all() {
            for label in [term.label_fr, term.label_en] {
                assert!(!label.is_empty() && label.trim() == label, "{}", term.code);
            }
            assert!(
                fr.insert(term.label_fr),
                "duplicate label {}",
                term.label_fr
            );
        }
    }
}
