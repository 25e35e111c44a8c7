//! Deterministic demo data: partner organisations and social-innovation projects.
//!
//! The generator embeds its own SplitMix64 PRNG so that a given `(count, seed)`
//! yields identical data forever, whatever the versions of external crates.

use super::communes::{COMMUNES, DemoCommune};
use crate::taxonomy::seed::THEMES;
use std::collections::HashSet;

/// A partner organisation of the collective, which lists projects on the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPartner {
    /// URL-safe identifier.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One of `network`, `foundation`, `local_authority`, `association`, `public_body`, `company`, `research`.
    pub kind: &'static str,
    /// One of `local`, `regional`, `national`.
    pub scale: &'static str,
    /// Public website, always under `example.org`.
    pub website: String,
    /// One or two sentences presenting the partner.
    pub description: String,
    /// INSEE region code for local and regional partners.
    pub region_code: Option<&'static str>,
}

/// An invented but plausible social-innovation project located in a real commune.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoProject {
    /// Title, unique within one generated batch even once turned into an 80-byte URL slug.
    pub title: String,
    /// One-sentence summary.
    pub summary: String,
    /// Two to four plain-text French paragraphs separated by a blank line.
    pub description: String,
    /// Organisation carrying the project.
    pub holder_name: String,
    /// A `STRUCTURE_TYPES` code matching the holder.
    pub structure_type: &'static str,
    /// One to three distinct sub-theme codes; the first is the main theme implied by the title.
    pub themes: Vec<&'static str>,
    /// One to three distinct `PUBLICS` codes.
    pub publics: Vec<&'static str>,
    /// Commune where the project takes place.
    pub commune: &'static DemoCommune,
    /// Street address within the commune.
    pub address: String,
    /// Latitude: the commune point plus a small jitter.
    pub lat: f64,
    /// Longitude: the commune point plus a small jitter.
    pub lon: f64,
    /// Website under `example.org`, for about 70 % of projects.
    pub website: Option<String>,
    /// Contact address under `example.org`, for about 80 % of projects.
    pub contact_email: Option<String>,
    /// Start date `(year, month, day)`, between 2005-01-01 and 2026-06-30.
    pub start_date: (i32, u32, u32),
    /// Indices into [`partners()`] of the partners listing the project (usually one).
    pub partners: Vec<usize>,
}

/// SplitMix64: tiny, fast and stable across platforms and crate versions.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform integer in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Uniform float in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Index drawn with probability proportional to `weights` (not all zero).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut target = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if target < *w {
                return i;
            }
            target -= w;
        }
        unreachable!("weights must not all be zero")
    }
}

/// Population class of a commune, used to weight draws and keep projects plausible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Size {
    /// Under 10,000 inhabitants.
    Village,
    /// 10,000 to 30,000 inhabitants.
    Town,
    /// 30,000 to 100,000 inhabitants.
    City,
    /// Over 100,000 inhabitants.
    Metropolis,
}

impl Size {
    fn weight(self) -> u32 {
        match self {
            Size::Village => 1,
            Size::Town => 2,
            Size::City => 3,
            Size::Metropolis => 5,
        }
    }
}

/// Communes of 10,000 inhabitants or more (INSEE population); all others are villages.
const SIZES: &[(&str, Size)] = &[
    ("75056", Size::Metropolis), // Paris
    ("93048", Size::Metropolis), // Montreuil
    ("93066", Size::Metropolis), // Saint-Denis
    ("93014", Size::Town),       // Clichy-sous-Bois
    ("95018", Size::Metropolis), // Argenteuil
    ("95127", Size::City),       // Cergy
    ("78646", Size::City),       // Versailles
    ("78361", Size::City),       // Mantes-la-Jolie
    ("78517", Size::Town),       // Rambouillet
    ("92050", Size::City),       // Nanterre
    ("94028", Size::City),       // Créteil
    ("94081", Size::City),       // Vitry-sur-Seine
    ("91228", Size::City),       // Évry-Courcouronnes
    ("91223", Size::Town),       // Étampes
    ("77288", Size::City),       // Melun
    ("77284", Size::City),       // Meaux
    ("77379", Size::Town),       // Provins
    ("69123", Size::Metropolis), // Lyon
    ("69266", Size::Metropolis), // Villeurbanne
    ("69259", Size::City),       // Vénissieux
    ("38185", Size::Metropolis), // Grenoble
    ("42218", Size::Metropolis), // Saint-Étienne
    ("63113", Size::Metropolis), // Clermont-Ferrand
    ("63430", Size::Town),       // Thiers
    ("74010", Size::Metropolis), // Annecy
    ("73065", Size::City),       // Chambéry
    ("26362", Size::City),       // Valence
    ("01053", Size::City),       // Bourg-en-Bresse
    ("15014", Size::Town),       // Aurillac
    ("43157", Size::Town),       // Le Puy-en-Velay
    ("03190", Size::Town),       // Moulins
    ("03310", Size::Town),       // Vichy
    ("07019", Size::Town),       // Aubenas
    ("21231", Size::Metropolis), // Dijon
    ("21054", Size::Town),       // Beaune
    ("25056", Size::Metropolis), // Besançon
    ("25388", Size::Town),       // Montbéliard
    ("71076", Size::City),       // Chalon-sur-Saône
    ("71270", Size::City),       // Mâcon
    ("71014", Size::Town),       // Autun
    ("58194", Size::City),       // Nevers
    ("89024", Size::City),       // Auxerre
    ("90010", Size::City),       // Belfort
    ("70550", Size::Town),       // Vesoul
    ("39300", Size::Town),       // Lons-le-Saunier
    ("35238", Size::Metropolis), // Rennes
    ("35288", Size::City),       // Saint-Malo
    ("35115", Size::Town),       // Fougères
    ("29019", Size::Metropolis), // Brest
    ("29232", Size::City),       // Quimper
    ("29151", Size::Town),       // Morlaix
    ("29046", Size::Town),       // Douarnenez
    ("56121", Size::City),       // Lorient
    ("56260", Size::City),       // Vannes
    ("56178", Size::Town),       // Pontivy
    ("22278", Size::City),       // Saint-Brieuc
    ("22113", Size::Town),       // Lannion
    ("45234", Size::Metropolis), // Orléans
    ("45208", Size::Town),       // Montargis
    ("37261", Size::Metropolis), // Tours
    ("18033", Size::City),       // Bourges
    ("18279", Size::Town),       // Vierzon
    ("41018", Size::City),       // Blois
    ("41194", Size::Town),       // Romorantin-Lanthenay
    ("28085", Size::City),       // Chartres
    ("28134", Size::City),       // Dreux
    ("36044", Size::City),       // Châteauroux
    ("36088", Size::Town),       // Issoudun
    ("2A004", Size::City),       // Ajaccio
    ("2A247", Size::Town),       // Porto-Vecchio
    ("2B033", Size::City),       // Bastia
    ("67482", Size::Metropolis), // Strasbourg
    ("67462", Size::Town),       // Sélestat
    ("51454", Size::Metropolis), // Reims
    ("51108", Size::City),       // Châlons-en-Champagne
    ("57463", Size::Metropolis), // Metz
    ("57227", Size::Town),       // Forbach
    ("68224", Size::Metropolis), // Mulhouse
    ("68066", Size::City),       // Colmar
    ("68166", Size::Town),       // Kingersheim
    ("54395", Size::Metropolis), // Nancy
    ("10387", Size::City),       // Troyes
    ("08105", Size::City),       // Charleville-Mézières
    ("08409", Size::Town),       // Sedan
    ("88160", Size::City),       // Épinal
    ("88413", Size::Town),       // Saint-Dié-des-Vosges
    ("52121", Size::Town),       // Chaumont
    ("55029", Size::Town),       // Bar-le-Duc
    ("55545", Size::Town),       // Verdun
    ("59350", Size::Metropolis), // Lille
    ("59512", Size::City),       // Roubaix
    ("59599", Size::City),       // Tourcoing
    ("59183", Size::City),       // Dunkerque
    ("59392", Size::Town),       // Maubeuge
    ("59172", Size::Town),       // Denain
    ("80021", Size::Metropolis), // Amiens
    ("80001", Size::Town),       // Abbeville
    ("62193", Size::City),       // Calais
    ("62041", Size::City),       // Arras
    ("62498", Size::City),       // Lens
    ("62160", Size::City),       // Boulogne-sur-Mer
    ("60057", Size::City),       // Beauvais
    ("60159", Size::City),       // Compiègne
    ("02691", Size::City),       // Saint-Quentin
    ("02408", Size::Town),       // Laon
    ("76540", Size::Metropolis), // Rouen
    ("76351", Size::Metropolis), // Le Havre
    ("76217", Size::Town),       // Dieppe
    ("76259", Size::Town),       // Fécamp
    ("76231", Size::Town),       // Elbeuf
    ("14118", Size::Metropolis), // Caen
    ("14366", Size::Town),       // Lisieux
    ("14047", Size::Town),       // Bayeux
    ("50129", Size::City),       // Cherbourg-en-Cotentin
    ("50502", Size::Town),       // Saint-Lô
    ("27229", Size::City),       // Évreux
    ("27681", Size::Town),       // Vernon
    ("61001", Size::Town),       // Alençon
    ("61006", Size::Town),       // Argentan
    ("61169", Size::Town),       // Flers
    ("33063", Size::Metropolis), // Bordeaux
    ("87085", Size::Metropolis), // Limoges
    ("87154", Size::Town),       // Saint-Junien
    ("86194", Size::City),       // Poitiers
    ("86066", Size::City),       // Châtellerault
    ("17300", Size::City),       // La Rochelle
    ("17299", Size::Town),       // Rochefort
    ("64445", Size::City),       // Pau
    ("64102", Size::City),       // Bayonne
    ("79191", Size::City),       // Niort
    ("79049", Size::Town),       // Bressuire
    ("16015", Size::City),       // Angoulême
    ("16102", Size::Town),       // Cognac
    ("24322", Size::Town),       // Périgueux
    ("24037", Size::Town),       // Bergerac
    ("40192", Size::City),       // Mont-de-Marsan
    ("40088", Size::Town),       // Dax
    ("47001", Size::City),       // Agen
    ("47157", Size::Town),       // Marmande
    ("19031", Size::City),       // Brive-la-Gaillarde
    ("19272", Size::Town),       // Tulle
    ("23096", Size::Town),       // Guéret
    ("31555", Size::Metropolis), // Toulouse
    ("31483", Size::Town),       // Saint-Gaudens
    ("34172", Size::Metropolis), // Montpellier
    ("34032", Size::City),       // Béziers
    ("34301", Size::City),       // Sète
    ("30189", Size::Metropolis), // Nîmes
    ("30007", Size::City),       // Alès
    ("66136", Size::Metropolis), // Perpignan
    ("11262", Size::City),       // Narbonne
    ("11069", Size::City),       // Carcassonne
    ("81004", Size::City),       // Albi
    ("81065", Size::City),       // Castres
    ("82121", Size::City),       // Montauban
    ("12202", Size::Town),       // Rodez
    ("12145", Size::Town),       // Millau
    ("65440", Size::City),       // Tarbes
    ("65286", Size::Town),       // Lourdes
    ("32013", Size::Town),       // Auch
    ("46042", Size::Town),       // Cahors
    ("48095", Size::Town),       // Mende
    ("44109", Size::Metropolis), // Nantes
    ("44184", Size::City),       // Saint-Nazaire
    ("44036", Size::Town),       // Châteaubriant
    ("49007", Size::Metropolis), // Angers
    ("49099", Size::City),       // Cholet
    ("49328", Size::Town),       // Saumur
    ("49331", Size::Town),       // Segré-en-Anjou Bleu
    ("72181", Size::Metropolis), // Le Mans
    ("72154", Size::Town),       // La Flèche
    ("85191", Size::City),       // La Roche-sur-Yon
    ("85194", Size::City),       // Les Sables-d'Olonne
    ("85092", Size::Town),       // Fontenay-le-Comte
    ("53130", Size::City),       // Laval
    ("53147", Size::Town),       // Mayenne
    ("53062", Size::Town),       // Château-Gontier-sur-Mayenne
    ("13055", Size::Metropolis), // Marseille
    ("13001", Size::Metropolis), // Aix-en-Provence
    ("13004", Size::City),       // Arles
    ("06088", Size::Metropolis), // Nice
    ("06029", Size::City),       // Cannes
    ("06069", Size::City),       // Grasse
    ("06084", Size::Town),       // Mouans-Sartoux
    ("83137", Size::Metropolis), // Toulon
    ("83050", Size::City),       // Draguignan
    ("83023", Size::Town),       // Brignoles
    ("84007", Size::City),       // Avignon
    ("84031", Size::City),       // Carpentras
    ("84003", Size::Town),       // Apt
    ("05061", Size::City),       // Gap
    ("05023", Size::Town),       // Briançon
    ("04070", Size::Town),       // Digne-les-Bains
    ("04112", Size::Town),       // Manosque
    ("97120", Size::Town),       // Pointe-à-Pitre
    ("97101", Size::City),       // Les Abymes
    ("97117", Size::Town),       // Le Moule
    ("97107", Size::Town),       // Capesterre-Belle-Eau
    ("97209", Size::City),       // Fort-de-France
    ("97213", Size::City),       // Le Lamentin
    ("97222", Size::Town),       // Le Robert
    ("97228", Size::Town),       // Sainte-Marie
    ("97302", Size::City),       // Cayenne
    ("97311", Size::City),       // Saint-Laurent-du-Maroni
    ("97304", Size::Town),       // Kourou
    ("97307", Size::City),       // Matoury
    ("97411", Size::Metropolis), // Saint-Denis
    ("97416", Size::City),       // Saint-Pierre
    ("97422", Size::City),       // Le Tampon
    ("97415", Size::Metropolis), // Saint-Paul
    ("97409", Size::City),       // Saint-André
    ("97611", Size::City),       // Mamoudzou
    ("97610", Size::City),       // Koungou
    ("97608", Size::Town),       // Dzaoudzi
    ("97616", Size::Town),       // Sada
];

fn size_of(commune: &DemoCommune) -> Size {
    SIZES
        .iter()
        .find(|(insee, _)| *insee == commune.insee)
        .map_or(Size::Village, |(_, size)| *size)
}

const ASSO: &str = "STR-ASSOCIATION";
const SCOP: &str = "STR-SCOP";
const SCIC: &str = "STR-SCIC";
const ESUS: &str = "STR-ESUS";
const COLL: &str = "STR-COLLECTIVITE";
const FOND: &str = "STR-FONDATION";
const ETAB: &str = "STR-ETABLISSEMENT-PUBLIC";
const CITO: &str = "STR-COLLECTIF";
const ENTR: &str = "STR-ENTREPRISE";
const SIAE: &str = "STR-SIAE";
const RES: &str = "STR-RESEAU";

const JEU: &str = "PUB-JEUNES";
const ENF: &str = "PUB-ENFANTS";
const SEN: &str = "PUB-SENIORS";
const HAN: &str = "PUB-HANDICAP";
const DEM: &str = "PUB-DEMANDEURS-EMPLOI";
const PRE: &str = "PUB-PRECAIRES";
const SDF: &str = "PUB-SANS-ABRI";
const EXI: &str = "PUB-EXILES";
const FEM: &str = "PUB-FEMMES";
const QPV: &str = "PUB-HABITANTS-QPV";
const RUR: &str = "PUB-RURAUX";
const AID: &str = "PUB-AIDANTS";
const TOUS: &str = "PUB-TOUT-PUBLIC";

/// Where a kind of project makes sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setting {
    Any,
    /// Towns and cities (10,000 inhabitants or more).
    Urban,
    /// Villages and small towns (under 30,000 inhabitants).
    Rural,
}

impl Setting {
    fn allows(self, size: Size) -> bool {
        match self {
            Setting::Any => true,
            Setting::Urban => size >= Size::Town,
            Setting::Rural => size <= Size::Town,
        }
    }
}

/// A kind of project: the head of its title and everything that must stay coherent with it.
struct Head {
    /// Start of the title, e.g. "Épicerie solidaire".
    head: &'static str,
    /// Main sub-theme implied by the head.
    theme: &'static str,
    /// Plausible secondary sub-themes.
    extra: &'static [&'static str],
    /// Plausible target publics.
    publics: &'static [&'static str],
    /// Plausible structure types for the holder.
    structures: &'static [&'static str],
    setting: Setting,
    /// Proper names usable in the title between guillemets.
    names: &'static [&'static str],
    /// Singular noun phrase with indefinite article.
    what: &'static str,
    /// Clause stating the local need (lowercase start, no final period).
    need: &'static str,
    /// Third-person verb phrase saying what the project does (no final period).
    action: &'static str,
}

const HEADS: &[Head] = &[
    // Solidarités et lutte contre l'exclusion
    Head {
        head: "Épicerie solidaire",
        theme: "SOL-AIDE-ALIMENTAIRE",
        extra: &[
            "ALI-ALIMENTATION-DURABLE",
            "CIT-ENGAGEMENT",
            "SAN-PREVENTION",
        ],
        publics: &[PRE, ENF, JEU],
        structures: &[ASSO, ASSO, ETAB, CITO],
        setting: Setting::Any,
        names: &["L'Épi", "Le Panier partagé", "Le Petit Marché"],
        what: "une épicerie solidaire",
        need: "de nombreux ménages renoncent à une alimentation équilibrée faute de moyens, en particulier en fin de mois",
        action: "propose des produits frais, d'épicerie et d'hygiène à 10 à 30\u{a0}% de leur prix habituel, en lien avec un accompagnement budgétaire",
    },
    Head {
        head: "Frigo solidaire",
        theme: "SOL-AIDE-ALIMENTAIRE",
        extra: &["ECO-DECHETS", "CIT-ENGAGEMENT"],
        publics: &[PRE, SDF, TOUS],
        structures: &[CITO, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un frigo solidaire en libre accès",
        need: "des invendus alimentaires encore consommables sont jetés chaque jour alors que des habitants peinent à se nourrir",
        action: "met à disposition un réfrigérateur en libre-service, alimenté par les commerçants et les habitants, où chacun peut déposer ou prendre des denrées",
    },
    Head {
        head: "Restaurant solidaire",
        theme: "SOL-AIDE-ALIMENTAIRE",
        extra: &["EMP-IAE", "AGE-ISOLEMENT", "ALI-ALIMENTATION-DURABLE"],
        publics: &[PRE, SDF, SEN],
        structures: &[ASSO, SIAE],
        setting: Setting::Urban,
        names: &["La Table ouverte", "Le Bon Accueil", "La Tablée"],
        what: "un restaurant solidaire",
        need: "l'isolement et la précarité privent une partie des habitants d'un repas chaud et convivial",
        action: "sert chaque midi des repas équilibrés à prix libre ou à tarif modulé selon les revenus, cuisinés à partir de produits locaux",
    },
    Head {
        head: "Halte de nuit",
        theme: "SOL-SANS-ABRI",
        extra: &["SAN-ACCES-SOINS", "HAB-ACCES-LOGEMENT"],
        publics: &[SDF, FEM, EXI],
        structures: &[ASSO, ETAB],
        setting: Setting::Urban,
        names: &[],
        what: "une halte de nuit",
        need: "les places d'hébergement d'urgence restent insuffisantes, notamment pendant l'hiver",
        action: "offre un accueil inconditionnel de nuit, une boisson chaude, un lieu de repos et une orientation vers les services sociaux et de santé",
    },
    Head {
        head: "Bagagerie solidaire",
        theme: "SOL-SANS-ABRI",
        extra: &["CIT-ENGAGEMENT"],
        publics: &[SDF, PRE],
        structures: &[ASSO, CITO],
        setting: Setting::Urban,
        names: &["Mon Casier", "La Consigne"],
        what: "une bagagerie solidaire",
        need: "les personnes à la rue doivent porter toutes leurs affaires, ce qui complique les démarches, la recherche d'emploi et l'accès aux soins",
        action: "met à disposition des casiers sécurisés et gratuits, tenus par des bénévoles, pour que chacun puisse se déplacer librement en journée",
    },
    Head {
        head: "Accueil de jour",
        theme: "SOL-SANS-ABRI",
        extra: &["SAN-PREVENTION", "HAB-ACCES-LOGEMENT"],
        publics: &[SDF, PRE, EXI],
        structures: &[ASSO, ETAB],
        setting: Setting::Urban,
        names: &["L'Abri", "Le Phare", "L'Étape"],
        what: "un accueil de jour",
        need: "les personnes sans domicile manquent de lieux où se poser, se doucher et faire valoir leurs droits",
        action: "ouvre ses portes chaque matin pour proposer douches, laverie, domiciliation postale et permanences d'accès aux droits",
    },
    Head {
        head: "Ateliers sociolinguistiques",
        theme: "SOL-MIGRANTS",
        extra: &["EDU-SOUTIEN", "EMP-FORMATION", "CIT-EGALITE"],
        publics: &[EXI, FEM],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &[],
        what: "un programme d'ateliers sociolinguistiques",
        need: "la maîtrise du français reste le premier obstacle à l'autonomie des personnes arrivées récemment en France",
        action: "propose des cours de français à visée pratique, centrés sur la vie quotidienne\u{a0}: santé, école, transports et démarches administratives",
    },
    Head {
        head: "Réseau d'hébergement citoyen",
        theme: "SOL-MIGRANTS",
        extra: &["HAB-ACCES-LOGEMENT", "CIT-ENGAGEMENT"],
        publics: &[EXI, JEU],
        structures: &[ASSO, CITO, RES],
        setting: Setting::Any,
        names: &[],
        what: "un réseau d'hébergement citoyen",
        need: "de jeunes exilés se retrouvent sans solution d'hébergement pendant l'examen de leur situation",
        action: "met en relation des familles volontaires et des personnes exilées pour des séjours de quelques semaines, avec un accompagnement social en parallèle",
    },
    // Emploi et insertion
    Head {
        head: "Chantier d'insertion maraîcher",
        theme: "EMP-IAE",
        extra: &["ALI-CIRCUITS-COURTS", "ENV-BIODIVERSITE"],
        publics: &[DEM, JEU, RUR],
        structures: &[SIAE, SIAE, ASSO],
        setting: Setting::Any,
        names: &[
            "Les Potagers de la Vallée",
            "Le Champ des possibles",
            "Graines d'avenir",
        ],
        what: "un chantier d'insertion maraîcher",
        need: "le chômage de longue durée touche durement le bassin d'emploi, alors que la demande de légumes locaux progresse",
        action: "emploie en contrat d'insertion des personnes éloignées de l'emploi pour cultiver des légumes biologiques vendus en paniers, avec un accompagnement socioprofessionnel individualisé",
    },
    Head {
        head: "Entreprise à but d'emploi",
        theme: "EMP-IAE",
        extra: &["TER-RURALITE", "ECO-REEMPLOI", "CIT-PARTICIPATION"],
        publics: &[DEM],
        structures: &[ESUS, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "une entreprise à but d'emploi",
        need: "des dizaines d'habitants sont privés durablement d'emploi alors que de nombreux travaux utiles au territoire ne sont pas réalisés",
        action: "embauche en CDI des personnes privées durablement d'emploi pour développer des activités utiles au territoire, de la conciergerie à l'entretien des espaces naturels",
    },
    Head {
        head: "Chantier d'insertion bâtiment",
        theme: "EMP-IAE",
        extra: &["HAB-RENOVATION", "CUL-PATRIMOINE", "EMP-FORMATION"],
        publics: &[DEM, JEU],
        structures: &[SIAE],
        setting: Setting::Any,
        names: &[],
        what: "un chantier d'insertion dans le bâtiment",
        need: "les entreprises du bâtiment peinent à recruter tandis que de nombreux jeunes restent sans qualification",
        action: "forme aux métiers du second œuvre des salariés en parcours d'insertion, sur des chantiers de rénovation de logements sociaux et de bâtiments communaux",
    },
    Head {
        head: "Coopérative d'activité et d'emploi",
        theme: "EMP-ENTREPRENEURIAT",
        extra: &["CIT-EGALITE", "TER-TIERS-LIEUX"],
        publics: &[DEM, FEM],
        structures: &[SCOP, SCIC],
        setting: Setting::Urban,
        names: &["Les Ouvrières", "Entreprendre ensemble", "Coop'Avenir"],
        what: "une coopérative d'activité et d'emploi",
        need: "de nombreux porteurs de projet hésitent à créer leur activité seuls, faute de statut protecteur et de réseau",
        action: "permet à des entrepreneurs de tester et développer leur activité dans un cadre salarié, en mutualisant la comptabilité, la formation et les outils",
    },
    Head {
        head: "Couveuse d'entreprises",
        theme: "EMP-ENTREPRENEURIAT",
        extra: &["TER-RURALITE", "EMP-FORMATION"],
        publics: &[DEM, JEU, FEM],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &[],
        what: "une couveuse d'entreprises",
        need: "les créateurs d'entreprise issus du chômage manquent souvent d'un cadre sécurisé pour se lancer",
        action: "héberge juridiquement des porteurs de projet pendant une période pouvant aller jusqu'à trois ans, le temps de tester leur marché avant l'immatriculation",
    },
    Head {
        head: "Incubateur d'innovation sociale",
        theme: "EMP-ENTREPRENEURIAT",
        extra: &["TER-TIERS-LIEUX", "CIT-ENGAGEMENT"],
        publics: &[JEU, TOUS],
        structures: &[ASSO, RES, FOND],
        setting: Setting::Urban,
        names: &[],
        what: "un incubateur d'innovation sociale",
        need: "les projets à impact social peinent à trouver un accompagnement adapté à leur modèle économique hybride",
        action: "accompagne chaque année une promotion d'entrepreneurs sociaux pendant dix-huit mois\u{a0}: formation, mentorat, mise en réseau et accès aux financements",
    },
    Head {
        head: "Parrainage vers l'emploi",
        theme: "EMP-FORMATION",
        extra: &["CIT-ENGAGEMENT", "CIT-EGALITE"],
        publics: &[JEU, DEM, QPV],
        structures: &[ASSO, RES],
        setting: Setting::Urban,
        names: &[],
        what: "un dispositif de parrainage vers l'emploi",
        need: "les jeunes diplômés des quartiers populaires disposent rarement du réseau professionnel qui facilite l'accès au premier emploi",
        action: "associe chaque filleul à un parrain ou une marraine en activité, qui l'accompagne pendant six mois dans sa recherche d'emploi",
    },
    Head {
        head: "École de production",
        theme: "EMP-FORMATION",
        extra: &["EDU-DECROCHAGE", "EMP-IAE"],
        publics: &[JEU],
        structures: &[ASSO, FOND],
        setting: Setting::Urban,
        names: &[],
        what: "une école de production",
        need: "une partie des jeunes sortis du système scolaire sans diplôme cherche une formation concrète, au plus près du monde du travail",
        action: "forme des jeunes de 15 à 18 ans à un métier technique en les faisant travailler sur de véritables commandes de clients, deux tiers du temps en atelier",
    },
    // Éducation et jeunesse
    Head {
        head: "Micro-lycée",
        theme: "EDU-DECROCHAGE",
        extra: &["EMP-FORMATION", "SAN-SANTE-MENTALE"],
        publics: &[JEU],
        structures: &[ETAB],
        setting: Setting::Urban,
        names: &[],
        what: "un micro-lycée",
        need: "chaque année, des centaines de jeunes du département quittent le lycée sans diplôme",
        action: "accueille des jeunes de 16 à 25 ans ayant décroché pour préparer à nouveau le baccalauréat, en petits groupes et avec un suivi individualisé",
    },
    Head {
        head: "Programme de raccrochage scolaire",
        theme: "EDU-DECROCHAGE",
        extra: &["SAN-SANTE-MENTALE", "SPO-INCLUSION"],
        publics: &[JEU, ENF, QPV],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "un programme de raccrochage scolaire",
        need: "les exclusions temporaires et l'absentéisme fragilisent durablement le parcours de nombreux collégiens",
        action: "propose aux collégiens exclus ou absentéistes un accueil de jour mêlant remise à niveau, activités sportives et rencontres avec des professionnels",
    },
    Head {
        head: "Accompagnement à la scolarité",
        theme: "EDU-SOUTIEN",
        extra: &["CIT-ENGAGEMENT", "CUL-MEDIATION"],
        publics: &[ENF, QPV],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &["Coup de pouce", "Les Petits Savants", "Cartable ouvert"],
        what: "un accompagnement à la scolarité",
        need: "beaucoup de familles ne peuvent pas aider leurs enfants dans leur travail scolaire ni financer des cours particuliers",
        action: "réunit chaque soir de semaine des bénévoles et des élèves du primaire et du collège pour l'aide aux devoirs et des activités culturelles",
    },
    Head {
        head: "Ludothèque itinérante",
        theme: "EDU-SOUTIEN",
        extra: &["CUL-MEDIATION", "TER-RURALITE"],
        publics: &[ENF, RUR],
        structures: &[ASSO, COLL],
        setting: Setting::Rural,
        names: &["Le Jeu d'à côté", "Ludambule", "La Boîte à jeux"],
        what: "une ludothèque itinérante",
        need: "les familles des petites communes sont éloignées des équipements culturels et éducatifs",
        action: "sillonne les villages avec un camion de plus de 800 jeux pour des temps de jeu libre et des animations dans les écoles",
    },
    Head {
        head: "Lieu d'accueil enfants-parents",
        theme: "EDU-PETITE-ENFANCE",
        extra: &["SAN-PREVENTION", "CIT-EGALITE"],
        publics: &[ENF, FEM],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &["Les Petits Pas", "La Cabane", "Premiers Pas"],
        what: "un lieu d'accueil enfants-parents",
        need: "de jeunes parents se sentent isolés face aux premières années de leur enfant",
        action: "accueille gratuitement et sans inscription les enfants de moins de six ans accompagnés d'un parent, autour du jeu et de l'échange avec des accueillants formés",
    },
    Head {
        head: "Crèche à vocation d'insertion professionnelle",
        theme: "EDU-PETITE-ENFANCE",
        extra: &["EMP-FORMATION", "CIT-EGALITE"],
        publics: &[FEM, DEM, ENF],
        structures: &[ASSO, ENTR],
        setting: Setting::Urban,
        names: &["Les Petites Canailles", "Les Lucioles"],
        what: "une crèche à vocation d'insertion professionnelle",
        need: "faute de solution de garde, de nombreux parents isolés, en majorité des mères, renoncent à chercher un emploi",
        action: "réserve une partie de ses places aux enfants de parents en recherche d'emploi, qui bénéficient en parallèle d'un accompagnement intensif vers l'emploi",
    },
    // Environnement et transition écologique
    Head {
        head: "Centrale solaire citoyenne",
        theme: "ENV-ENERGIE",
        extra: &["CIT-PARTICIPATION", "TER-RURALITE"],
        publics: &[TOUS],
        structures: &[SCIC, ESUS, CITO],
        setting: Setting::Any,
        names: &["Soleil partagé", "Les Toits solaires", "Énergie en commun"],
        what: "une centrale solaire citoyenne",
        need: "les habitants souhaitent s'approprier la transition énergétique et garder sur le territoire la valeur produite",
        action: "installe des panneaux photovoltaïques sur les toits des bâtiments publics grâce à l'épargne de centaines d'habitants réunis en société citoyenne",
    },
    Head {
        head: "Parc éolien participatif",
        theme: "ENV-ENERGIE",
        extra: &["CIT-PARTICIPATION", "TER-RURALITE"],
        publics: &[RUR, TOUS],
        structures: &[SCIC, COLL],
        setting: Setting::Rural,
        names: &[],
        what: "un parc éolien participatif",
        need: "les projets énergétiques imposés de l'extérieur suscitent souvent des oppositions locales",
        action: "associe habitants, collectivités et agriculteurs au capital et à la gouvernance de plusieurs éoliennes, dont les bénéfices financent des actions d'économie d'énergie",
    },
    Head {
        head: "Défi énergie des familles",
        theme: "ENV-SENSIBILISATION",
        extra: &["HAB-RENOVATION", "ENV-ENERGIE"],
        publics: &[ENF, PRE, TOUS],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "un défi énergie ouvert aux familles",
        need: "la hausse des prix de l'énergie pèse lourdement sur le budget des ménages",
        action: "réunit des équipes de familles qui se lancent pendant six mois le défi de réduire leurs consommations d'énergie et d'eau grâce à des gestes simples",
    },
    Head {
        head: "Atlas participatif de la biodiversité",
        theme: "ENV-BIODIVERSITE",
        extra: &["CIT-PARTICIPATION", "ENV-SENSIBILISATION", "NUM-COMMUNS"],
        publics: &[TOUS, ENF],
        structures: &[COLL, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un atlas participatif de la biodiversité",
        need: "la faune et la flore locales restent mal connues, ce qui limite leur prise en compte dans les projets d'aménagement",
        action: "mobilise habitants, écoles et naturalistes pour inventorier les espèces présentes sur la commune et publier une cartographie ouverte",
    },
    Head {
        head: "Verger conservatoire",
        theme: "ENV-BIODIVERSITE",
        extra: &["CUL-PATRIMOINE", "ALI-CIRCUITS-COURTS"],
        publics: &[TOUS, ENF, RUR],
        structures: &[ASSO, COLL],
        setting: Setting::Rural,
        names: &[
            "Le Verger d'antan",
            "Les Vieilles Variétés",
            "La Pomme d'or",
        ],
        what: "un verger conservatoire",
        need: "de nombreuses variétés fruitières anciennes disparaissent avec l'arrachage des vergers traditionnels",
        action: "replante et entretient des variétés fruitières locales menacées, avec des ateliers de greffe et de taille ouverts à tous",
    },
    Head {
        head: "École du dehors",
        theme: "ENV-SENSIBILISATION",
        extra: &["EDU-SOUTIEN", "SAN-PREVENTION"],
        publics: &[ENF],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "un programme d'école du dehors",
        need: "les enfants passent de moins en moins de temps dehors, au détriment de leur santé et de leur lien avec la nature",
        action: "accompagne les enseignants pour faire classe en plein air une demi-journée par semaine, dans les parcs, les bois et les jardins proches des écoles",
    },
    Head {
        head: "Maison de la nature",
        theme: "ENV-SENSIBILISATION",
        extra: &["ENV-BIODIVERSITE", "CIT-ENGAGEMENT"],
        publics: &[TOUS, ENF],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "une maison de la nature",
        need: "les habitants manquent de lieux pour découvrir et comprendre les milieux naturels qui les entourent",
        action: "propose sorties nature, expositions, chantiers bénévoles et animations scolaires autour des milieux naturels locaux",
    },
    // Santé et bien-être
    Head {
        head: "Centre de santé communautaire",
        theme: "SAN-ACCES-SOINS",
        extra: &["CIT-PARTICIPATION", "TER-QUARTIERS"],
        publics: &[PRE, QPV, EXI],
        structures: &[ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "un centre de santé communautaire",
        need: "le départ des médecins et le renoncement aux soins progressent dans les quartiers populaires",
        action: "réunit médecins, infirmiers, médiateurs en santé et travailleurs sociaux salariés, avec une gouvernance ouverte aux habitants du quartier",
    },
    Head {
        head: "Bus santé itinérant",
        theme: "SAN-ACCES-SOINS",
        extra: &["TER-RURALITE", "SAN-PREVENTION"],
        publics: &[RUR, SEN, PRE],
        structures: &[ASSO, ETAB],
        setting: Setting::Rural,
        names: &[],
        what: "un bus santé itinérant",
        need: "les déserts médicaux obligent de nombreux habitants à parcourir des dizaines de kilomètres pour consulter",
        action: "parcourt les communes rurales avec une équipe de soignants pour des consultations, des dépistages et des actions de prévention",
    },
    Head {
        head: "Maison de santé pluriprofessionnelle",
        theme: "SAN-ACCES-SOINS",
        extra: &["TER-RURALITE", "SAN-PREVENTION"],
        publics: &[TOUS, RUR, SEN],
        structures: &[COLL, ASSO],
        setting: Setting::Rural,
        names: &[],
        what: "une maison de santé pluriprofessionnelle",
        need: "plusieurs médecins partis à la retraite n'ont pas été remplacés, laissant de nombreux patients sans médecin traitant",
        action: "regroupe médecins, infirmiers, kinésithérapeutes et orthophonistes autour d'un projet de santé commun et d'horaires élargis",
    },
    Head {
        head: "Groupe d'entraide mutuelle",
        theme: "SAN-SANTE-MENTALE",
        extra: &["CIT-ENGAGEMENT", "AGE-HANDICAP"],
        publics: &[HAN, PRE],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &["L'Envol", "Le Bon Cap", "La Traverse"],
        what: "un groupe d'entraide mutuelle",
        need: "les personnes vivant avec des troubles psychiques souffrent d'isolement et de stigmatisation",
        action: "offre un lieu d'accueil géré par et pour ses adhérents, qui organisent ensemble activités, sorties et temps d'écoute",
    },
    Head {
        head: "Maison des adolescents",
        theme: "SAN-SANTE-MENTALE",
        extra: &["EDU-DECROCHAGE", "SAN-PREVENTION"],
        publics: &[JEU, ENF],
        structures: &[ETAB, ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "une maison des adolescents",
        need: "les délais d'attente en pédopsychiatrie laissent de nombreux adolescents en souffrance sans réponse",
        action: "accueille sans rendez-vous les jeunes de 11 à 25 ans et leurs parents pour une écoute, une évaluation et une orientation vers les professionnels adaptés",
    },
    Head {
        head: "Médiation en santé",
        theme: "SAN-PREVENTION",
        extra: &["SAN-ACCES-SOINS", "TER-QUARTIERS"],
        publics: &[QPV, EXI, PRE],
        structures: &[ASSO, ETAB],
        setting: Setting::Urban,
        names: &[],
        what: "un programme de médiation en santé",
        need: "la complexité du système de santé éloigne des soins les personnes les plus fragiles",
        action: "déploie des médiateurs qui vont à la rencontre des habitants pour les aider à ouvrir leurs droits, prendre rendez-vous et suivre les campagnes de dépistage",
    },
    Head {
        head: "Ateliers cuisine et santé",
        theme: "SAN-PREVENTION",
        extra: &["ALI-ALIMENTATION-DURABLE", "AGE-ISOLEMENT"],
        publics: &[PRE, ENF, SEN],
        structures: &[ASSO, ETAB],
        setting: Setting::Any,
        names: &["La Marmite", "Le Goût des autres"],
        what: "un cycle d'ateliers cuisine et santé",
        need: "le diabète et l'obésité progressent, en particulier chez les ménages modestes",
        action: "anime des ateliers de cuisine à petit budget, encadrés par une diététicienne, pour apprendre à préparer des repas équilibrés avec des produits de saison",
    },
    // Territoires et développement local
    Head {
        head: "Café associatif",
        theme: "TER-RURALITE",
        extra: &["CIT-ENGAGEMENT", "CUL-MEDIATION", "AGE-ISOLEMENT"],
        publics: &[TOUS, RUR],
        structures: &[ASSO, CITO],
        setting: Setting::Rural,
        names: &[
            "Le Bistrot d'ici",
            "La Cantoche",
            "Le Comptoir",
            "Chez Nous",
        ],
        what: "un café associatif",
        need: "la fermeture des derniers cafés a privé les habitants de leur principal lieu de rencontre",
        action: "fait vivre un lieu de convivialité tenu par des bénévoles, avec concerts, soirées jeux, point lecture et dépôt de produits locaux",
    },
    Head {
        head: "Commerce multiservice",
        theme: "TER-RURALITE",
        extra: &["ALI-CIRCUITS-COURTS", "AGE-ISOLEMENT", "NUM-INCLUSION"],
        publics: &[RUR, SEN],
        structures: &[SCIC, COLL],
        setting: Setting::Rural,
        names: &[],
        what: "un commerce multiservice",
        need: "sans commerce de proximité, les habitants âgés ou sans voiture dépendent entièrement de leurs voisins pour leurs courses",
        action: "réunit dans un même lieu épicerie, dépôt de pain, relais postal et point d'accès numérique, avec une gouvernance partagée entre habitants et commune",
    },
    Head {
        head: "Régie de quartier",
        theme: "TER-QUARTIERS",
        extra: &["EMP-IAE", "CIT-PARTICIPATION"],
        publics: &[QPV, DEM],
        structures: &[ASSO, SIAE],
        setting: Setting::Urban,
        names: &[],
        what: "une régie de quartier",
        need: "les habitants des grands ensembles souhaitent améliorer leur cadre de vie et accéder à des emplois de proximité",
        action: "confie à des habitants en insertion l'entretien des espaces communs, la médiation et les petits travaux, avec les bailleurs et la ville comme clients",
    },
    Head {
        head: "Conciergerie de quartier",
        theme: "TER-QUARTIERS",
        extra: &["EMP-IAE", "AGE-ISOLEMENT"],
        publics: &[QPV, SEN],
        structures: &[ASSO, SCIC],
        setting: Setting::Urban,
        names: &[],
        what: "une conciergerie de quartier",
        need: "les petits services du quotidien manquent dans le quartier alors que des habitants cherchent une activité",
        action: "propose aux habitants des services de proximité à prix solidaires, comme les petites réparations, le dépôt de colis ou l'accompagnement aux courses",
    },
    Head {
        head: "Tiers-lieu",
        theme: "TER-TIERS-LIEUX",
        extra: &[
            "EMP-ENTREPRENEURIAT",
            "CUL-PRATIQUES-ARTISTIQUES",
            "NUM-INCLUSION",
        ],
        publics: &[TOUS, JEU],
        structures: &[SCIC, ASSO],
        setting: Setting::Any,
        names: &["La Grange", "L'Usine", "La Fabrique", "La Gare"],
        what: "un tiers-lieu",
        need: "les habitants manquent d'un lieu ouvert où travailler, apprendre et monter des projets ensemble",
        action: "réhabilite un bâtiment vacant pour y accueillir un espace de travail partagé, un atelier de fabrication, un café et une programmation culturelle",
    },
    Head {
        head: "Fabrique de territoire",
        theme: "TER-TIERS-LIEUX",
        extra: &["TER-RURALITE", "EMP-FORMATION", "NUM-INCLUSION"],
        publics: &[TOUS, DEM, RUR],
        structures: &[ASSO, SCIC, COLL],
        setting: Setting::Any,
        names: &[],
        what: "une fabrique de territoire",
        need: "les acteurs locaux travaillent chacun de leur côté, sans lieu commun pour mutualiser moyens et compétences",
        action: "fédère associations, entreprises et habitants autour d'un lieu ressource qui accueille formations, permanences, ateliers partagés et projets collectifs",
    },
    // Alimentation et agriculture
    Head {
        head: "AMAP",
        theme: "ALI-CIRCUITS-COURTS",
        extra: &["TER-RURALITE", "ENV-BIODIVERSITE"],
        publics: &[TOUS],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &[
            "Les Paniers du marais",
            "Le Panier paysan",
            "La Carotte joyeuse",
        ],
        what: "une association pour le maintien d'une agriculture paysanne (AMAP)",
        need: "les petites fermes du territoire peinent à vivre de leur production face à la grande distribution",
        action: "relie des familles et des producteurs locaux par un engagement de saison, avec des paniers distribués chaque semaine et payés à l'avance",
    },
    Head {
        head: "Magasin de producteurs",
        theme: "ALI-CIRCUITS-COURTS",
        extra: &["TER-RURALITE", "EMP-ENTREPRENEURIAT"],
        publics: &[TOUS, RUR],
        structures: &[SCIC, ENTR],
        setting: Setting::Any,
        names: &["Au Bon Champ", "La Ferme en ville", "Le Goût d'ici"],
        what: "un magasin de producteurs",
        need: "les agriculteurs cherchent à mieux valoriser leur production tandis que les habitants demandent des produits locaux",
        action: "rassemble une vingtaine de fermes qui vendent directement leurs produits et assurent à tour de rôle la tenue de la boutique",
    },
    Head {
        head: "Légumerie solidaire",
        theme: "ALI-CIRCUITS-COURTS",
        extra: &["EMP-IAE", "ALI-ALIMENTATION-DURABLE"],
        publics: &[DEM, ENF],
        structures: &[SIAE, SCIC],
        setting: Setting::Any,
        names: &[],
        what: "une légumerie solidaire",
        need: "les cantines scolaires veulent servir des légumes locaux mais ne disposent pas des moyens de les préparer",
        action: "lave, épluche et découpe les légumes de producteurs locaux pour la restauration collective, en employant des salariés en insertion",
    },
    Head {
        head: "Jardins partagés",
        theme: "ALI-AGRICULTURE-URBAINE",
        extra: &["CIT-ENGAGEMENT", "ENV-BIODIVERSITE", "AGE-ISOLEMENT"],
        publics: &[TOUS, QPV, SEN],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &[
            "Les Mains vertes",
            "La Graine",
            "Le Potager des voisins",
            "Les Jardins du Levant",
        ],
        what: "un ensemble de jardins partagés",
        need: "les habitants des immeubles collectifs manquent d'espaces verts à cultiver et de lieux de rencontre",
        action: "met à disposition des parcelles collectives et individuelles, avec des ateliers de jardinage au naturel et des fêtes de saison",
    },
    Head {
        head: "Ferme urbaine",
        theme: "ALI-AGRICULTURE-URBAINE",
        extra: &["EMP-IAE", "ENV-SENSIBILISATION"],
        publics: &[TOUS, ENF, QPV],
        structures: &[ASSO, ESUS, SCIC],
        setting: Setting::Urban,
        names: &["La Ferme du Bitume", "Les Toits nourriciers"],
        what: "une ferme urbaine",
        need: "des friches urbaines restent inutilisées alors que les habitants demandent des produits frais et de la nature en ville",
        action: "cultive légumes, herbes aromatiques et champignons sur une friche et des toits, et accueille écoles et habitants pour des ateliers",
    },
    Head {
        head: "Tiers-lieu nourricier",
        theme: "ALI-ALIMENTATION-DURABLE",
        extra: &[
            "TER-TIERS-LIEUX",
            "ALI-AGRICULTURE-URBAINE",
            "SOL-AIDE-ALIMENTAIRE",
        ],
        publics: &[TOUS, PRE],
        structures: &[ASSO, SCIC],
        setting: Setting::Any,
        names: &["La Cuisine commune", "Le Garde-Manger", "Le Champ commun"],
        what: "un tiers-lieu nourricier",
        need: "l'accès à une alimentation saine et locale reste inégal selon les revenus et les quartiers",
        action: "associe jardin, cuisine partagée, marché de producteurs et ateliers pour rendre l'alimentation durable accessible à tous",
    },
    Head {
        head: "Caisse alimentaire commune",
        theme: "ALI-ALIMENTATION-DURABLE",
        extra: &["SOL-AIDE-ALIMENTAIRE", "CIT-PARTICIPATION"],
        publics: &[PRE, TOUS],
        structures: &[ASSO, CITO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "une caisse alimentaire commune",
        need: "l'aide alimentaire classique ne permet ni de choisir ce que l'on mange ni de soutenir l'agriculture locale",
        action: "expérimente une sécurité sociale de l'alimentation\u{a0}: chaque participant cotise selon ses moyens et reçoit chaque mois une allocation à dépenser dans des commerces conventionnés",
    },
    Head {
        head: "Restauration scolaire durable",
        theme: "ALI-ALIMENTATION-DURABLE",
        extra: &["ALI-CIRCUITS-COURTS", "ECO-DECHETS"],
        publics: &[ENF],
        structures: &[COLL],
        setting: Setting::Any,
        names: &[],
        what: "un projet de restauration scolaire durable",
        need: "la commune souhaite améliorer la qualité des repas servis aux élèves sans alourdir la facture des familles",
        action: "fait évoluer la cantine vers des produits bio et locaux, réduit le gaspillage et adapte les tarifs aux revenus des familles",
    },
    // Habitat et logement
    Head {
        head: "Plateforme de rénovation énergétique",
        theme: "HAB-RENOVATION",
        extra: &["ENV-ENERGIE", "HAB-ACCES-LOGEMENT"],
        publics: &[PRE, SEN, TOUS],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "une plateforme de rénovation énergétique",
        need: "de nombreux ménages vivent dans des logements mal isolés et renoncent à se chauffer correctement",
        action: "accompagne gratuitement les propriétaires modestes, du diagnostic thermique à la recherche d'artisans et au montage des aides financières",
    },
    Head {
        head: "Auto-réhabilitation accompagnée",
        theme: "HAB-RENOVATION",
        extra: &["EMP-FORMATION", "CIT-ENGAGEMENT"],
        publics: &[PRE, FEM, RUR],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un programme d'auto-réhabilitation accompagnée",
        need: "des familles modestes vivent dans des logements dégradés qu'elles n'ont pas les moyens de faire rénover",
        action: "aide les habitants à rénover eux-mêmes leur logement, encadrés par des animateurs techniques, avec du matériel prêté et des chantiers solidaires",
    },
    Head {
        head: "Habitat participatif",
        theme: "HAB-HABITAT-PARTICIPATIF",
        extra: &["CIT-PARTICIPATION", "AGE-ISOLEMENT", "ENV-ENERGIE"],
        publics: &[TOUS, SEN, ENF],
        structures: &[CITO, ASSO, SCIC],
        setting: Setting::Any,
        names: &[
            "La Maison commune",
            "Le Hameau partagé",
            "L'Îlot",
            "Les Tilleuls",
        ],
        what: "un projet d'habitat participatif",
        need: "les prix du logement éloignent les familles et les jeunes ménages du cœur de la commune",
        action: "réunit une quinzaine de foyers qui conçoivent ensemble leurs logements et partagent une salle commune, une buanderie et un jardin",
    },
    Head {
        head: "Coopérative d'habitants",
        theme: "HAB-HABITAT-PARTICIPATIF",
        extra: &["HAB-ACCES-LOGEMENT", "CIT-PARTICIPATION"],
        publics: &[TOUS, PRE],
        structures: &[CITO, ESUS],
        setting: Setting::Urban,
        names: &["Le Toit commun", "Les Voisins d'abord"],
        what: "une coopérative d'habitants",
        need: "la spéculation immobilière rend le logement inabordable pour les ménages aux revenus moyens",
        action: "retire un immeuble du marché spéculatif\u{a0}: les habitants en sont collectivement propriétaires et locataires de leur propre logement",
    },
    Head {
        head: "Cohabitation intergénérationnelle solidaire",
        theme: "HAB-INTERGENERATIONNEL",
        extra: &["AGE-ISOLEMENT", "HAB-ACCES-LOGEMENT"],
        publics: &[SEN, JEU],
        structures: &[ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "un service de cohabitation intergénérationnelle solidaire",
        need: "des étudiants et de jeunes actifs peinent à se loger tandis que des personnes âgées vivent seules dans de grands logements",
        action: "met en relation des seniors disposant d'une chambre libre et des jeunes en recherche de logement, contre une présence bienveillante et un loyer modéré",
    },
    Head {
        head: "Maison partagée intergénérationnelle",
        theme: "HAB-INTERGENERATIONNEL",
        extra: &["AGE-ISOLEMENT", "HAB-HABITAT-PARTICIPATIF"],
        publics: &[SEN, ENF, TOUS],
        structures: &[ASSO, COLL, SCIC],
        setting: Setting::Any,
        names: &["Les Générations", "La Maison des Âges"],
        what: "une maison partagée intergénérationnelle",
        need: "les personnes âgées souhaitent rester dans leur commune sans vivre seules, et les jeunes familles peinent à s'y loger",
        action: "réunit sous un même toit logements pour seniors et pour jeunes familles, autour d'une salle commune animée par une coordinatrice",
    },
    Head {
        head: "Intermédiation locative",
        theme: "HAB-ACCES-LOGEMENT",
        extra: &["SOL-SANS-ABRI", "CIT-EGALITE"],
        publics: &[PRE, FEM, SDF],
        structures: &[ASSO, ESUS],
        setting: Setting::Urban,
        names: &[],
        what: "un dispositif d'intermédiation locative",
        need: "les ménages aux revenus modestes se heurtent aux exigences de garanties des propriétaires privés",
        action: "loue des logements à des propriétaires privés en garantissant le paiement des loyers, puis les sous-loue à des ménages accompagnés vers un bail classique",
    },
    Head {
        head: "Agence immobilière à vocation sociale",
        theme: "HAB-ACCES-LOGEMENT",
        extra: &["HAB-RENOVATION", "SOL-SANS-ABRI"],
        publics: &[PRE, JEU, FEM],
        structures: &[ASSO, ESUS],
        setting: Setting::Any,
        names: &[],
        what: "une agence immobilière à vocation sociale",
        need: "des logements restent vacants alors que de nombreux ménages attendent un logement abordable",
        action: "gère pour des propriétaires privés des logements loués à loyer modéré à des ménages modestes, avec une gestion locative adaptée",
    },
    // Mobilité
    Head {
        head: "Garage solidaire",
        theme: "MOB-MOBILITE-SOLIDAIRE",
        extra: &["EMP-IAE", "ECO-REEMPLOI"],
        publics: &[PRE, DEM, RUR],
        structures: &[ASSO, SIAE, SCIC],
        setting: Setting::Any,
        names: &["Mécanique partagée", "Roue libre"],
        what: "un garage solidaire",
        need: "sans voiture en état de rouler, de nombreux habitants ne peuvent pas accepter un emploi ou une formation",
        action: "répare les véhicules des personnes à faibles revenus à prix coûtant et loue des voitures à petit prix pour la reprise d'un emploi",
    },
    Head {
        head: "Auto-école sociale",
        theme: "MOB-MOBILITE-SOLIDAIRE",
        extra: &["EMP-FORMATION", "CIT-EGALITE"],
        publics: &[JEU, DEM, FEM],
        structures: &[ASSO, SIAE],
        setting: Setting::Any,
        names: &[],
        what: "une auto-école sociale",
        need: "le coût du permis de conduire est un frein majeur à l'emploi pour les jeunes et les demandeurs d'emploi",
        action: "propose une formation au permis de conduire à tarif réduit, avec un accompagnement pédagogique renforcé pour les personnes en difficulté avec l'écrit",
    },
    Head {
        head: "Plateforme de mobilité solidaire",
        theme: "MOB-MOBILITE-SOLIDAIRE",
        extra: &["EMP-FORMATION", "TER-RURALITE"],
        publics: &[DEM, RUR, JEU],
        structures: &[ASSO, COLL, RES],
        setting: Setting::Any,
        names: &[],
        what: "une plateforme de mobilité solidaire",
        need: "l'absence de transports en commun enferme une partie des habitants dans leur commune",
        action: "réalise un diagnostic de mobilité pour chaque personne orientée, puis propose location de vélos électriques et de scooters, apprentissage et aide au permis",
    },
    Head {
        head: "Transport solidaire",
        theme: "MOB-MOBILITE-SOLIDAIRE",
        extra: &["AGE-ISOLEMENT", "SAN-ACCES-SOINS"],
        publics: &[SEN, RUR, HAN],
        structures: &[ASSO, COLL],
        setting: Setting::Rural,
        names: &[],
        what: "un service de transport solidaire",
        need: "les personnes âgées sans voiture ne peuvent plus se rendre seules à leurs rendez-vous médicaux ni faire leurs courses",
        action: "organise des trajets assurés par des conducteurs bénévoles, moyennant une participation aux frais kilométriques",
    },
    Head {
        head: "Atelier vélo participatif",
        theme: "MOB-VELO",
        extra: &["ECO-REEMPLOI", "CIT-ENGAGEMENT"],
        publics: &[TOUS, JEU],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &[
            "La Rustine",
            "Le Dérailleur",
            "La Petite Reine",
            "Roue libre",
        ],
        what: "un atelier vélo participatif",
        need: "de nombreux vélos dorment dans les caves faute de savoir les réparer",
        action: "apprend à chacun à entretenir et réparer son vélo, avec des outils partagés et des pièces de réemploi, et remet en circulation des vélos abandonnés",
    },
    Head {
        head: "Vélo-école",
        theme: "MOB-VELO",
        extra: &["MOB-MOBILITE-SOLIDAIRE", "CIT-EGALITE", "SPO-SPORT-SANTE"],
        publics: &[FEM, EXI, TOUS],
        structures: &[ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "une vélo-école pour adultes",
        need: "beaucoup d'adultes, notamment des femmes, n'ont jamais appris à faire du vélo et restent dépendants des transports",
        action: "enseigne la pratique du vélo aux adultes, de la prise en main à la circulation en ville, en petits groupes encadrés par des moniteurs diplômés",
    },
    Head {
        head: "Plateforme de covoiturage rural",
        theme: "MOB-PARTAGE",
        extra: &["TER-RURALITE", "ENV-ENERGIE"],
        publics: &[RUR, JEU, SEN],
        structures: &[ASSO, COLL],
        setting: Setting::Rural,
        names: &[],
        what: "une plateforme de covoiturage rural",
        need: "les bus sont rares et la voiture individuelle pèse lourdement sur le budget des ménages",
        action: "organise des lignes de covoiturage avec des arrêts matérialisés et une application simple, complétée par une permanence téléphonique pour les personnes peu à l'aise avec le numérique",
    },
    Head {
        head: "Autopartage citoyen",
        theme: "MOB-PARTAGE",
        extra: &["ENV-ENERGIE", "CIT-ENGAGEMENT"],
        publics: &[TOUS],
        structures: &[SCIC, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un service d'autopartage citoyen",
        need: "posséder une voiture coûte cher alors qu'elle reste stationnée la plupart du temps",
        action: "met en commun une flotte de véhicules, dont plusieurs électriques, réservables à l'heure par les habitants adhérents",
    },
    // Culture et patrimoine
    Head {
        head: "Chantier participatif de restauration",
        theme: "CUL-PATRIMOINE",
        extra: &["CIT-ENGAGEMENT", "EMP-FORMATION"],
        publics: &[JEU, TOUS],
        structures: &[ASSO, COLL],
        setting: Setting::Rural,
        names: &[],
        what: "un chantier participatif de restauration du patrimoine",
        need: "chapelles, lavoirs et murets en pierre sèche se dégradent faute d'entretien et de savoir-faire",
        action: "réunit bénévoles, jeunes volontaires et artisans pour restaurer le petit patrimoine bâti, en transmettant les techniques traditionnelles",
    },
    Head {
        head: "Collecte de mémoire",
        theme: "CUL-PATRIMOINE",
        extra: &["AGE-ISOLEMENT", "CIT-PARTICIPATION"],
        publics: &[SEN, JEU, TOUS],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &["Paroles d'habitants", "Mémoires vives", "Nos années"],
        what: "une collecte de mémoire",
        need: "les récits des anciens habitants disparaissent alors que la commune se transforme",
        action: "enregistre les témoignages des habitants, les croise avec des archives et les restitue sous forme d'expositions, de balades sonores et d'un site ouvert",
    },
    Head {
        head: "Fabrique artistique de quartier",
        theme: "CUL-PRATIQUES-ARTISTIQUES",
        extra: &["TER-QUARTIERS", "EDU-SOUTIEN"],
        publics: &[QPV, JEU, ENF],
        structures: &[ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "une fabrique artistique de quartier",
        need: "les jeunes du quartier ont peu accès aux pratiques artistiques et aux lieux culturels du centre-ville",
        action: "accueille des artistes en résidence qui créent avec les habitants\u{a0}: ateliers de danse, de musique et d'écriture, et spectacles de fin d'année",
    },
    Head {
        head: "Chorale inclusive",
        theme: "CUL-PRATIQUES-ARTISTIQUES",
        extra: &["AGE-HANDICAP", "AGE-ISOLEMENT"],
        publics: &[HAN, TOUS, SEN],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &["Les Voix mêlées", "Chœur battant", "À l'unisson"],
        what: "une chorale inclusive",
        need: "les personnes en situation de handicap trouvent rarement leur place dans les pratiques culturelles ordinaires",
        action: "réunit chaque semaine des choristes avec et sans handicap, accompagnés par un chef de chœur formé à l'adaptation des répertoires",
    },
    Head {
        head: "Cinéma itinérant",
        theme: "CUL-MEDIATION",
        extra: &["TER-RURALITE", "AGE-ISOLEMENT"],
        publics: &[RUR, TOUS],
        structures: &[ASSO],
        setting: Setting::Rural,
        names: &["Ciné des champs", "La Lanterne"],
        what: "un cinéma itinérant",
        need: "la salle de cinéma la plus proche se trouve à plus de quarante minutes de route",
        action: "projette chaque mois un film récent dans les salles des fêtes des villages, suivi d'un échange avec le public",
    },
    Head {
        head: "Bibliothèque hors les murs",
        theme: "CUL-MEDIATION",
        extra: &["EDU-SOUTIEN", "TER-QUARTIERS"],
        publics: &[ENF, QPV],
        structures: &[COLL, ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "une bibliothèque hors les murs",
        need: "de nombreuses familles ne fréquentent jamais la médiathèque",
        action: "installe des lectures et des prêts de livres au pied des immeubles, dans les parcs et à la sortie des écoles, tout l'été et chaque mercredi",
    },
    // Numérique
    Head {
        head: "Espace de médiation numérique",
        theme: "NUM-INCLUSION",
        extra: &["EMP-FORMATION", "AGE-ISOLEMENT"],
        publics: &[SEN, PRE, EXI],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &["Le Clic", "Connect'Âges"],
        what: "un espace de médiation numérique",
        need: "la dématérialisation des démarches administratives laisse de côté les personnes peu à l'aise avec le numérique",
        action: "propose ateliers collectifs, permanences individuelles et ordinateurs en libre accès pour réaliser ses démarches en ligne et gagner en autonomie",
    },
    Head {
        head: "Bus numérique itinérant",
        theme: "NUM-INCLUSION",
        extra: &["TER-RURALITE", "AGE-ISOLEMENT"],
        publics: &[SEN, RUR],
        structures: &[ASSO, COLL],
        setting: Setting::Rural,
        names: &[],
        what: "un bus numérique itinérant",
        need: "dans les villages, ni médiateur numérique ni connexion fiable ne sont à portée de main",
        action: "se déplace de village en village avec un médiateur et des tablettes pour initier les habitants aux usages numériques essentiels",
    },
    Head {
        head: "Fablab solidaire",
        theme: "NUM-COMMUNS",
        extra: &["EMP-FORMATION", "ECO-REEMPLOI"],
        publics: &[JEU, TOUS],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &["Les Bidouilleurs", "L'Atelier ouvert"],
        what: "un fablab solidaire",
        need: "les outils de fabrication numérique restent réservés à quelques initiés",
        action: "ouvre à tous un atelier équipé d'imprimantes 3D, d'une découpeuse laser et d'outils numériques, avec des sessions d'initiation gratuites",
    },
    Head {
        head: "Cartopartie citoyenne",
        theme: "NUM-COMMUNS",
        extra: &["CIT-PARTICIPATION", "AGE-HANDICAP"],
        publics: &[TOUS, HAN],
        structures: &[CITO, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "une cartopartie citoyenne",
        need: "les informations sur l'accessibilité des commerces et des équipements publics sont lacunaires",
        action: "réunit habitants et associations pour cartographier sur OpenStreetMap l'accessibilité des rues, commerces et services, en données ouvertes",
    },
    // Économie circulaire
    Head {
        head: "Repair café",
        theme: "ECO-REEMPLOI",
        extra: &["CIT-ENGAGEMENT", "ECO-DECHETS"],
        publics: &[TOUS, SEN],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &["Les Bricoleurs", "Les Réparateurs", "Tournevis et Cie"],
        what: "un repair café",
        need: "trop d'objets du quotidien sont jetés dès la première panne",
        action: "réunit chaque mois des bénévoles bricoleurs qui aident les habitants à réparer eux-mêmes leurs appareils, vêtements et vélos",
    },
    Head {
        head: "Ressourcerie",
        theme: "ECO-REEMPLOI",
        extra: &["EMP-IAE", "ECO-DECHETS"],
        publics: &[TOUS, DEM, PRE],
        structures: &[ASSO, SIAE, SCIC],
        setting: Setting::Any,
        names: &["La Trouvaille", "Le Grenier", "La Remise"],
        what: "une ressourcerie",
        need: "les déchetteries reçoivent chaque année des tonnes de meubles et d'objets encore réutilisables",
        action: "collecte, valorise et revend à petits prix meubles, vaisselle, livres et vêtements, tout en sensibilisant à la réduction des déchets",
    },
    Head {
        head: "Outilthèque",
        theme: "ECO-REEMPLOI",
        extra: &["CIT-ENGAGEMENT", "HAB-RENOVATION"],
        publics: &[TOUS],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &["La Caisse à outils", "L'Établi"],
        what: "une outilthèque",
        need: "une perceuse ne sert en moyenne que quelques minutes au cours de toute sa vie",
        action: "prête à ses adhérents plus de 300 outils de bricolage et de jardinage, avec des conseils d'utilisation et des ateliers d'initiation",
    },
    Head {
        head: "Atelier de reconditionnement informatique",
        theme: "ECO-REEMPLOI",
        extra: &["NUM-INCLUSION", "EMP-IAE"],
        publics: &[PRE, DEM, JEU],
        structures: &[SIAE, ASSO, ESUS],
        setting: Setting::Any,
        names: &[],
        what: "un atelier de reconditionnement informatique",
        need: "des milliers d'ordinateurs encore utilisables sont jetés alors que de nombreux foyers n'en ont pas",
        action: "collecte les ordinateurs réformés des entreprises et des collectivités, les reconditionne avec des salariés en insertion et les revend à prix solidaire",
    },
    Head {
        head: "Recyclerie sportive",
        theme: "ECO-REEMPLOI",
        extra: &["SPO-INCLUSION", "EMP-IAE"],
        publics: &[TOUS, JEU, PRE],
        structures: &[ASSO, SIAE],
        setting: Setting::Urban,
        names: &[],
        what: "une recyclerie sportive",
        need: "le coût de l'équipement sportif éloigne de nombreux enfants de la pratique d'un sport",
        action: "collecte le matériel de sport inutilisé, le remet en état et le revend à petits prix aux familles et aux clubs",
    },
    Head {
        head: "Compostage partagé",
        theme: "ECO-DECHETS",
        extra: &["ALI-AGRICULTURE-URBAINE", "CIT-ENGAGEMENT"],
        publics: &[TOUS],
        structures: &[ASSO, COLL, CITO],
        setting: Setting::Any,
        names: &[],
        what: "un réseau de compostage partagé",
        need: "les biodéchets représentent encore près d'un tiers du contenu des poubelles des ménages",
        action: "installe des composteurs collectifs au pied des immeubles et dans les écoles, animés par des guides composteurs bénévoles",
    },
    Head {
        head: "Défi familles zéro déchet",
        theme: "ECO-DECHETS",
        extra: &["ENV-SENSIBILISATION", "ECO-REEMPLOI"],
        publics: &[ENF, TOUS],
        structures: &[COLL, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un défi zéro déchet ouvert aux familles",
        need: "chaque habitant produit encore plusieurs centaines de kilos de déchets ménagers par an",
        action: "accompagne pendant un an des familles volontaires qui pèsent leurs déchets et testent des alternatives\u{a0}: vrac, couches lavables, compost et réparation",
    },
    Head {
        head: "Réseau de consigne",
        theme: "ECO-DECHETS",
        extra: &["ALI-CIRCUITS-COURTS", "EMP-IAE"],
        publics: &[TOUS],
        structures: &[SCIC, ESUS],
        setting: Setting::Any,
        names: &[],
        what: "un réseau de consigne des bouteilles en verre",
        need: "le verre est recyclé mais rarement réemployé, alors qu'une bouteille lavée consomme bien moins d'énergie qu'une bouteille neuve",
        action: "collecte les bouteilles en verre auprès des commerces, les lave et les remet en circulation auprès des producteurs de la région",
    },
    // Démocratie et citoyenneté
    Head {
        head: "Budget participatif",
        theme: "CIT-PARTICIPATION",
        extra: &["TER-QUARTIERS", "CIT-ENGAGEMENT"],
        publics: &[TOUS, JEU],
        structures: &[COLL],
        setting: Setting::Any,
        names: &[],
        what: "un budget participatif",
        need: "les habitants souhaitent peser davantage sur les choix d'investissement de leur commune",
        action: "consacre une part du budget d'investissement à des projets proposés puis votés par les habitants, dès l'âge de onze ans",
    },
    Head {
        head: "Assemblée citoyenne",
        theme: "CIT-PARTICIPATION",
        extra: &["ENV-SENSIBILISATION", "CIT-EGALITE"],
        publics: &[TOUS],
        structures: &[COLL, CITO],
        setting: Setting::Any,
        names: &[],
        what: "une assemblée citoyenne tirée au sort",
        need: "la défiance envers les institutions grandit et les décisions locales sont perçues comme lointaines",
        action: "réunit une trentaine d'habitants tirés au sort pour formuler des propositions sur la transition écologique, auxquelles les élus s'engagent à répondre publiquement",
    },
    Head {
        head: "Université populaire",
        theme: "CIT-PARTICIPATION",
        extra: &["EDU-SOUTIEN", "CUL-MEDIATION"],
        publics: &[TOUS, SEN],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &[],
        what: "une université populaire",
        need: "l'accès aux savoirs et au débat reste inégal, notamment pour les personnes qui ont quitté tôt l'école",
        action: "propose des cours gratuits et ouverts à tous, sans condition de diplôme, animés par des chercheurs, des professionnels et des habitants",
    },
    Head {
        head: "Système d'échange local",
        theme: "CIT-ENGAGEMENT",
        extra: &["AGE-ISOLEMENT", "ECO-REEMPLOI"],
        publics: &[TOUS],
        structures: &[ASSO, CITO],
        setting: Setting::Any,
        names: &["Le Troc'Temps", "Grain de SEL"],
        what: "un système d'échange local",
        need: "les habitants ont des savoir-faire à partager mais peu d'occasions de se rencontrer",
        action: "permet aux habitants d'échanger services, savoirs et objets sur la base du temps passé, sans argent, lors d'une bourse d'échanges mensuelle",
    },
    Head {
        head: "Plateforme de bénévolat de proximité",
        theme: "CIT-ENGAGEMENT",
        extra: &["AGE-ISOLEMENT", "NUM-INCLUSION"],
        publics: &[TOUS, JEU],
        structures: &[ASSO, COLL, RES],
        setting: Setting::Any,
        names: &[],
        what: "une plateforme de bénévolat de proximité",
        need: "les associations locales manquent de bénévoles alors que de nombreux habitants aimeraient s'engager ponctuellement",
        action: "met en relation les associations locales et les habitants prêts à donner quelques heures, avec des missions courtes adaptées à chaque emploi du temps",
    },
    Head {
        head: "Réseau de mentorat",
        theme: "CIT-EGALITE",
        extra: &["EDU-SOUTIEN", "EMP-FORMATION"],
        publics: &[JEU, QPV, RUR],
        structures: &[ASSO, RES],
        setting: Setting::Any,
        names: &[],
        what: "un réseau de mentorat",
        need: "l'origine sociale et géographique pèse encore lourdement sur l'orientation scolaire",
        action: "accompagne des lycéens et des étudiants grâce à des mentors bénévoles, pour ouvrir leurs horizons d'études et de métiers",
    },
    Head {
        head: "Lieu d'accueil pour les femmes",
        theme: "CIT-EGALITE",
        extra: &["SAN-ACCES-SOINS", "HAB-ACCES-LOGEMENT"],
        publics: &[FEM, ENF],
        structures: &[ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "un lieu d'accueil pour les femmes victimes de violences",
        need: "les femmes victimes de violences peinent à trouver un interlocuteur unique pour les accompagner",
        action: "réunit en un même lieu écoute, accompagnement juridique, consultations médicales et aide au relogement",
    },
    // Sport
    Head {
        head: "Maison sport-santé",
        theme: "SPO-SPORT-SANTE",
        extra: &["SAN-PREVENTION", "AGE-ISOLEMENT"],
        publics: &[SEN, TOUS, HAN],
        structures: &[ASSO, COLL],
        setting: Setting::Any,
        names: &[],
        what: "une maison sport-santé",
        need: "la sédentarité et les maladies chroniques progressent, mais reprendre seul une activité physique reste difficile",
        action: "propose des programmes d'activité physique adaptée, sur prescription médicale ou non, encadrés par des éducateurs spécialisés",
    },
    Head {
        head: "Marche nordique santé",
        theme: "SPO-SPORT-SANTE",
        extra: &["AGE-ISOLEMENT", "SAN-PREVENTION"],
        publics: &[SEN, TOUS],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un programme de marche nordique santé",
        need: "beaucoup de personnes atteintes de maladies chroniques n'osent pas reprendre une activité physique",
        action: "organise plusieurs fois par semaine des sorties de marche nordique encadrées, accessibles aux personnes atteintes de maladies chroniques",
    },
    Head {
        head: "Club de sport inclusif",
        theme: "SPO-INCLUSION",
        extra: &["AGE-HANDICAP", "CIT-EGALITE"],
        publics: &[HAN, JEU, ENF],
        structures: &[ASSO],
        setting: Setting::Any,
        names: &["Les Étoiles", "Tous en jeu"],
        what: "un club de sport inclusif",
        need: "les enfants et les adultes en situation de handicap trouvent peu de clubs prêts à les accueillir",
        action: "accueille ensemble des sportifs avec et sans handicap, avec des éducateurs formés et du matériel adapté",
    },
    Head {
        head: "Boxe éducative en pied d'immeuble",
        theme: "SPO-INCLUSION",
        extra: &["TER-QUARTIERS", "EDU-DECROCHAGE"],
        publics: &[JEU, QPV, FEM],
        structures: &[ASSO],
        setting: Setting::Urban,
        names: &[],
        what: "un programme de boxe éducative en pied d'immeuble",
        need: "les jeunes des quartiers fréquentent peu les clubs sportifs, souvent éloignés et coûteux",
        action: "installe un ring mobile au cœur des quartiers pour des séances gratuites de boxe éducative, prétexte à un suivi éducatif et à l'orientation des jeunes",
    },
    // Vieillissement et autonomie
    Head {
        head: "Visites de convivialité",
        theme: "AGE-ISOLEMENT",
        extra: &["CIT-ENGAGEMENT"],
        publics: &[SEN],
        structures: &[ASSO, ETAB],
        setting: Setting::Any,
        names: &[],
        what: "un réseau de visites de convivialité",
        need: "un nombre croissant de personnes âgées ne reçoivent presque jamais de visite",
        action: "organise des visites régulières de bénévoles à domicile, des appels téléphoniques et des sorties collectives pour rompre l'isolement des aînés",
    },
    Head {
        head: "Réseau de voisins solidaires",
        theme: "AGE-ISOLEMENT",
        extra: &["CIT-ENGAGEMENT", "TER-QUARTIERS"],
        publics: &[SEN, TOUS],
        structures: &[CITO, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "un réseau de voisins solidaires",
        need: "les voisins se croisent sans se connaître, et les plus âgés restent seuls face aux difficultés du quotidien",
        action: "aide les voisins à se connaître et à s'entraider\u{a0}: petits services, veille pendant les canicules et repas partagés",
    },
    Head {
        head: "Plateforme de répit",
        theme: "AGE-AIDANTS",
        extra: &["SAN-SANTE-MENTALE", "AGE-HANDICAP"],
        publics: &[AID, SEN],
        structures: &[ETAB, ASSO],
        setting: Setting::Any,
        names: &[],
        what: "une plateforme de répit pour les proches aidants",
        need: "les proches aidants s'épuisent, souvent sans s'autoriser le moindre temps pour eux",
        action: "propose aux proches aidants des temps de relais à domicile, des groupes de parole et des séjours de vacances adaptés",
    },
    Head {
        head: "Café des aidants",
        theme: "AGE-AIDANTS",
        extra: &["AGE-ISOLEMENT", "SAN-SANTE-MENTALE"],
        publics: &[AID],
        structures: &[ASSO, ETAB],
        setting: Setting::Any,
        names: &[],
        what: "un café des aidants",
        need: "les proches aidants se sentent isolés et manquent d'informations sur les aides existantes",
        action: "réunit chaque mois, dans un café, des proches aidants pour échanger autour d'un thème, avec un psychologue et un travailleur social",
    },
    Head {
        head: "Habitat inclusif",
        theme: "AGE-HANDICAP",
        extra: &["HAB-INTERGENERATIONNEL", "AGE-ISOLEMENT"],
        publics: &[HAN, SEN],
        structures: &[ASSO, ETAB],
        setting: Setting::Any,
        names: &["La Maison Soleil", "Les Jardins d'Hélène"],
        what: "un habitat inclusif",
        need: "beaucoup de personnes âgées ou en situation de handicap ne souhaitent ni vivre seules ni entrer en établissement",
        action: "propose des logements individuels regroupés autour d'un espace commun, avec un animateur qui favorise la vie sociale et l'autonomie",
    },
    Head {
        head: "Restaurant inclusif",
        theme: "AGE-HANDICAP",
        extra: &["EMP-IAE", "CIT-EGALITE"],
        publics: &[HAN, JEU],
        structures: &[ESUS, ASSO, ENTR],
        setting: Setting::Urban,
        names: &["Le Petit Grain", "Les Assiettes solidaires"],
        what: "un restaurant inclusif",
        need: "les personnes en situation de handicap mental restent très éloignées de l'emploi en milieu ordinaire",
        action: "emploie en cuisine et en salle des personnes en situation de handicap mental ou cognitif, formées et accompagnées par des encadrants",
    },
    Head {
        head: "Ferme inclusive",
        theme: "AGE-HANDICAP",
        extra: &["ALI-CIRCUITS-COURTS", "TER-RURALITE"],
        publics: &[HAN],
        structures: &[ASSO, FOND],
        setting: Setting::Rural,
        names: &[],
        what: "une ferme inclusive",
        need: "les adultes autistes ou en situation de handicap psychique trouvent peu de lieux de travail adaptés à leurs besoins",
        action: "accueille des adultes autistes ou en situation de handicap psychique pour travailler à la ferme, en maraîchage et en élevage, dans un cadre sécurisant",
    },
];

/// French phrasings of each public: after "à destination" and after "s'adresse".
const PUBLIC_PHRASES: &[(&str, &str, &str)] = &[
    (
        JEU,
        "des jeunes de 16 à 25 ans",
        "aux jeunes de 16 à 25 ans",
    ),
    (
        ENF,
        "des enfants et de leurs familles",
        "aux enfants et à leurs familles",
    ),
    (SEN, "des personnes âgées", "aux personnes âgées"),
    (
        HAN,
        "des personnes en situation de handicap",
        "aux personnes en situation de handicap",
    ),
    (DEM, "des demandeurs d'emploi", "aux demandeurs d'emploi"),
    (
        PRE,
        "des personnes en situation de précarité",
        "aux personnes en situation de précarité",
    ),
    (
        SDF,
        "des personnes sans domicile",
        "aux personnes sans domicile",
    ),
    (EXI, "des personnes exilées", "aux personnes exilées"),
    (FEM, "des femmes", "aux femmes"),
    (
        QPV,
        "des habitants des quartiers prioritaires",
        "aux habitants des quartiers prioritaires",
    ),
    (
        RUR,
        "des habitants des communes rurales",
        "aux habitants des communes rurales",
    ),
    (AID, "des proches aidants", "aux proches aidants"),
    (TOUS, "de tous les habitants", "à tous les habitants"),
];

/// Invented organisation names, combined with a legal form to name a holder.
const ORG_NAMES: &[&str] = &[
    "La Passerelle",
    "Le Relais",
    "L'Escale",
    "La Ruche",
    "Les Possibles",
    "Le Déclic",
    "La Boussole",
    "L'Élan",
    "Tremplin",
    "Horizons",
    "Le Fil",
    "Les Semeurs",
    "La Fabrique",
    "Entraide",
    "Le Pont",
    "La Courte Échelle",
    "L'Archipel",
    "La Clé",
    "Le Grain de sel",
    "La Main tendue",
    "Cap Avenir",
    "Les Ateliers du Lien",
    "Le Maillon",
    "Agir ensemble",
    "Terre et Lien",
    "La Source",
    "Les Racines",
    "Le Trait d'union",
    "La Bonne Étoile",
    "Les Chemins",
    "L'Arbre à palabres",
    "La Luciole",
    "Les Tisserands",
    "L'Étincelle",
    "La Belle Ouvrage",
    "Pas à pas",
    "Regain",
    "La Traversée",
    "La Cordée",
    "Vivre ensemble",
    "Les Bâtisseurs",
    "Le Lien",
    "Les Partageux",
    "La Grande Ourse",
    "L'Envolée",
    "Le Rebond",
    "Les Communs",
    "La Navette",
    "L'Ouvre-Boîte",
    "Le Vent se lève",
];

/// Lycée names for public schools carrying education projects.
const SCHOOL_NAMES: &[&str] = &[
    "Jean-Moulin",
    "Marie-Curie",
    "Jean-Jaurès",
    "Victor-Hugo",
    "Louise-Michel",
    "Condorcet",
];

/// Streets found in most French towns.
const URBAN_STREETS: &[&str] = &[
    "rue Jean Jaurès",
    "avenue de la République",
    "rue Victor Hugo",
    "boulevard Gambetta",
    "rue Pasteur",
    "rue de la Paix",
    "rue Émile Zola",
    "avenue Jean Moulin",
    "rue des Écoles",
    "place de la Liberté",
    "avenue du Général de Gaulle",
    "rue Voltaire",
    "rue Lamartine",
    "rue de la Gare",
    "allée des Tilleuls",
    "rue Louise Michel",
    "rue Jules Ferry",
    "rue Victor Schœlcher",
    "boulevard de la Libération",
    "rue du 8 Mai 1945",
    "rue Anatole France",
    "rue Aristide Briand",
];

/// Streets typical of villages.
const VILLAGE_STREETS: &[&str] = &[
    "place de l'Église",
    "rue Principale",
    "rue du Moulin",
    "chemin des Vignes",
    "place de la Mairie",
    "Grande Rue",
    "rue du Lavoir",
    "impasse des Vergers",
    "rue des Écoles",
    "route de la Gare",
    "rue du Stade",
    "place du Marché",
];

/// Local actors a project typically works with: setting, and theme families (empty: any).
const LOCAL_ACTORS: &[(&str, Setting, &[&str])] = &[
    ("le conseil départemental", Setting::Any, &[]),
    ("les associations du territoire", Setting::Any, &[]),
    ("les services municipaux", Setting::Any, &[]),
    (
        "la mission locale",
        Setting::Any,
        &["EMP", "MOB", "EDU", "NUM", "SPO"],
    ),
    ("France Travail", Setting::Any, &["EMP", "MOB", "NUM"]),
    (
        "la caisse d'allocations familiales",
        Setting::Any,
        &["SOL", "EDU", "HAB", "AGE"],
    ),
    (
        "les écoles du secteur",
        Setting::Any,
        &["EDU", "ENV", "ALI", "CUL", "SPO"],
    ),
    ("l'agence régionale de santé", Setting::Any, &["SAN", "AGE"]),
    (
        "les professionnels de santé",
        Setting::Any,
        &["SAN", "AGE", "SPO"],
    ),
    (
        "les établissements médico-sociaux",
        Setting::Any,
        &["SAN", "AGE"],
    ),
    (
        "les commerçants",
        Setting::Any,
        &["ALI", "ECO", "TER", "MOB"],
    ),
    (
        "le conseil régional",
        Setting::Any,
        &["ENV", "EMP", "ECO", "MOB", "ALI"],
    ),
    (
        "les médiathèques",
        Setting::Any,
        &["CUL", "NUM", "EDU", "CIT"],
    ),
    ("les clubs sportifs", Setting::Any, &["SPO"]),
    (
        "les bailleurs sociaux",
        Setting::Urban,
        &["HAB", "TER", "SOL", "ECO", "CIT"],
    ),
    (
        "les centres sociaux",
        Setting::Urban,
        &["SOL", "EDU", "AGE", "NUM", "CIT", "CUL", "SAN"],
    ),
    ("les conseils citoyens", Setting::Urban, &["TER", "CIT"]),
    ("la communauté de communes", Setting::Rural, &[]),
    (
        "les agriculteurs du territoire",
        Setting::Rural,
        &["ALI", "ENV", "TER"],
    ),
];

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const OUTLOOKS: &[&str] = &[
    "L'équipe souhaite désormais essaimer la démarche dans les communes voisines.",
    "Le projet cherche aujourd'hui à consolider son modèle économique en diversifiant ses financements.",
    "Prochaine étape\u{a0}: ouvrir un second lieu d'ici deux ans.",
    "Une évaluation de l'impact social est en cours avec une équipe de chercheurs.",
    "La démarche, présentée dans plusieurs réseaux régionaux, inspire déjà d'autres territoires.",
    "Les participants prennent une place croissante dans la gouvernance du projet.",
];

/// Titles stay unique even once turned into URL slugs of this many bytes.
const SLUG_KEY_LEN: usize = 80;

/// Start years span `FIRST_YEAR..=LAST_YEAR`; dates in the last year stop at June 30.
const FIRST_YEAR: i32 = 2005;
const LAST_YEAR: i32 = 2026;

/// The 12 invented partner organisations of the collective, always in the same order.
pub fn partners() -> Vec<DemoPartner> {
    vec![
        partner(
            "reseau-des-fabriques-solidaires",
            "Réseau des Fabriques solidaires",
            "network",
            "national",
            None,
            "Réseau national qui relie plus de deux cents lieux d'innovation sociale et diffuse leurs méthodes.",
        ),
        partner(
            "fondation-terres-d-avenir",
            "Fondation Terres d'Avenir",
            "foundation",
            "national",
            None,
            "Fondation qui finance depuis 2009 des projets d'alimentation durable et de revitalisation rurale.",
        ),
        partner(
            "institut-engagement-local",
            "Institut national de l'engagement local",
            "public_body",
            "national",
            None,
            "Établissement public chargé d'observer et d'outiller les politiques locales de participation et de bénévolat.",
        ),
        partner(
            "observatoire-innovations-citoyennes",
            "Observatoire des innovations citoyennes",
            "research",
            "national",
            None,
            "Équipe de recherche pluridisciplinaire qui documente et évalue les initiatives citoyennes en France.",
        ),
        partner(
            "le-sillon-finance-solidaire",
            "Le Sillon, coopérative de finance solidaire",
            "company",
            "national",
            None,
            "Coopérative financière qui accorde prêts et garanties aux entreprises de l'économie sociale et solidaire.",
        ),
        partner(
            "tiers-lieux-de-bretagne",
            "Union des tiers-lieux de Bretagne",
            "network",
            "regional",
            Some("53"),
            "Réseau régional des tiers-lieux bretons\u{a0}: partage de pratiques, formations et plaidoyer.",
        ),
        partner(
            "alliance-solidaire-hauts-de-france",
            "Alliance solidaire des Hauts-de-France",
            "association",
            "regional",
            Some("32"),
            "Regroupement d'associations de solidarité qui mutualise ressources et formations à l'échelle régionale.",
        ),
        partner(
            "labo-territoires-solidarites",
            "Laboratoire Territoires et Solidarités",
            "research",
            "regional",
            Some("76"),
            "Laboratoire universitaire consacré aux dynamiques sociales des territoires ruraux et urbains d'Occitanie.",
        ),
        partner(
            "cc-monts-et-vallees",
            "Communauté de communes des Monts et Vallées",
            "local_authority",
            "local",
            Some("84"),
            "Intercommunalité rurale qui recense les initiatives de ses communes et accompagne leur essaimage.",
        ),
        partner(
            "innovation-sociale-nouvelle-aquitaine",
            "Agence régionale pour l'innovation sociale en Nouvelle-Aquitaine",
            "public_body",
            "regional",
            Some("75"),
            "Agence publique qui détecte, accompagne et finance les projets d'innovation sociale de la région.",
        ),
        partner(
            "initiatives-val-de-loire",
            "Maison des initiatives citoyennes du Val de Loire",
            "association",
            "local",
            Some("24"),
            "Centre de ressources associatif qui accompagne les collectifs d'habitants de l'agglomération.",
        ),
        partner(
            "fondation-ocean-indien-solidarites",
            "Fondation Océan Indien Solidarités",
            "foundation",
            "regional",
            Some("04"),
            "Fondation réunionnaise qui soutient l'insertion, l'alimentation et l'accès aux droits dans l'océan Indien.",
        ),
    ]
}

fn partner(
    slug: &str,
    name: &str,
    kind: &'static str,
    scale: &'static str,
    region_code: Option<&'static str>,
    description: &str,
) -> DemoPartner {
    DemoPartner {
        slug: slug.to_owned(),
        name: name.to_owned(),
        kind,
        scale,
        website: format!("https://{slug}.example.org/"),
        description: description.to_owned(),
        region_code,
    }
}

/// `count` projects drawn deterministically from `seed`; a shorter run is a prefix of a longer one.
pub fn projects(count: usize, seed: u64) -> Vec<DemoProject> {
    let mut rng = Rng(seed);
    let partners = partners();
    let sized: Vec<(&'static DemoCommune, Size)> =
        COMMUNES.iter().map(|c| (c, size_of(c))).collect();
    let weights: Vec<u32> = sized.iter().map(|(_, s)| s.weight()).collect();
    let mut regions: Vec<&'static str> = Vec::new();
    for c in COMMUNES {
        if !regions.contains(&c.region_code) {
            regions.push(c.region_code);
        }
    }
    for i in (1..regions.len()).rev() {
        regions.swap(i, rng.below(i + 1));
    }
    // Slugs of the titles given so far: distinct slugs imply distinct titles.
    let mut used_titles = HashSet::new();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // Every 27th project among the first ones goes to the next region in turn,
        // so that all regions appear early whatever the seed.
        let (commune, size) = match regions.get(i / 27).filter(|_| i.is_multiple_of(27)) {
            Some(region) => {
                let candidates: Vec<usize> = (0..sized.len())
                    .filter(|&k| sized[k].0.region_code == *region)
                    .collect();
                sized[*rng.pick(&candidates)]
            }
            None => sized[rng.weighted(&weights)],
        };
        out.push(project(
            &mut rng,
            commune,
            size,
            &partners,
            &mut used_titles,
        ));
    }
    out
}

fn project(
    rng: &mut Rng,
    commune: &'static DemoCommune,
    size: Size,
    partners: &[DemoPartner],
    used_titles: &mut HashSet<String>,
) -> DemoProject {
    let heads: Vec<&Head> = HEADS.iter().filter(|h| h.setting.allows(size)).collect();
    let start_date = pick_date(rng);
    // On a title clash, prefer another kind of project over a numbered title.
    let mut attempt = 0;
    let (head, structure, title) = loop {
        let head = *rng.pick(&heads);
        let structure = *rng.pick(head.structures);
        attempt += 1;
        if attempt == 8 {
            break (
                head,
                structure,
                fallback_title(head, commune, start_date.0, used_titles),
            );
        }
        if let Some(title) = title(rng, head, commune, size, structure, used_titles) {
            break (head, structure, title);
        }
    };
    let (holder_name, holder_ref) = holder(rng, head, structure, commune, size);
    let themes = pick_themes(rng, head);
    let publics = pick_publics(rng, head, size);
    let summary = summary(rng, head, commune, &holder_ref, &publics);
    let description = description(
        rng,
        head,
        commune,
        size,
        structure,
        &holder_ref,
        &themes,
        &publics,
        start_date,
    );
    let streets = if size == Size::Village {
        VILLAGE_STREETS
    } else {
        URBAN_STREETS
    };
    let number = rng.range(1, if size == Size::Village { 40 } else { 160 });
    let bis = if rng.chance(6) { " bis" } else { "" };
    let address = format!("{number}{bis} {}", rng.pick(streets));
    let lat = round6(commune.lat + (rng.unit() * 2.0 - 1.0) * 0.015);
    let lon = round6(commune.lon + (rng.unit() * 2.0 - 1.0) * 0.015);
    let domain = format!("{}.example.org", slug(&title, 48));
    let website = rng.chance(70).then(|| format!("https://{domain}/"));
    let contact_email = rng.chance(80).then(|| format!("contact@{domain}"));
    let partners = pick_partners(rng, partners, commune.region_code);
    DemoProject {
        title,
        summary,
        description,
        holder_name,
        structure_type: structure,
        themes,
        publics,
        commune,
        address,
        lat,
        lon,
        website,
        contact_email,
        start_date,
        partners,
    }
}

fn pick_themes(rng: &mut Rng, head: &Head) -> Vec<&'static str> {
    let mut themes = vec![head.theme];
    let wanted = match rng.below(100) {
        0..30 => 0,
        30..75 => 1,
        _ => 2,
    };
    let mut extra: Vec<&'static str> = head
        .extra
        .iter()
        .copied()
        .filter(|t| *t != head.theme)
        .collect();
    while themes.len() < 1 + wanted && !extra.is_empty() {
        let t = extra.remove(rng.below(extra.len()));
        if !themes.contains(&t) {
            themes.push(t);
        }
    }
    themes
}

fn pick_publics(rng: &mut Rng, head: &Head, size: Size) -> Vec<&'static str> {
    let mut pool: Vec<&'static str> = head
        .publics
        .iter()
        .copied()
        .filter(|p| match *p {
            QPV => size >= Size::Town,
            RUR => size <= Size::Town,
            _ => true,
        })
        .collect();
    if pool.is_empty() {
        pool.push(TOUS);
    }
    let wanted = match rng.below(100) {
        0..40 => 1,
        40..80 => 2,
        _ => 3,
    };
    let mut publics = vec![pool.remove(0)];
    while publics.len() < wanted && !pool.is_empty() {
        publics.push(pool.remove(rng.below(pool.len())));
    }
    publics
}

fn pick_date(rng: &mut Rng) -> (i32, u32, u32) {
    let year = FIRST_YEAR + rng.below((LAST_YEAR - FIRST_YEAR + 1) as usize) as i32;
    let month = rng.range(1, if year == LAST_YEAR { 6 } else { 12 });
    let day = rng.range(1, days_in_month(year, month));
    (year, month, day)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn pick_partners(rng: &mut Rng, partners: &[DemoPartner], region: &str) -> Vec<usize> {
    let weights: Vec<u32> = partners
        .iter()
        .map(|p| match p.region_code {
            None => 3,
            Some(r) if r == region => 10,
            Some(_) => 0,
        })
        .collect();
    let first = rng.weighted(&weights);
    let mut chosen = vec![first];
    if rng.chance(5) {
        let mut rest = weights.clone();
        rest[first] = 0;
        if rest.iter().any(|w| *w > 0) {
            chosen.push(rng.weighted(&rest));
        }
    }
    chosen
}

/// Holder display name and the same with its article, for use inside a sentence.
fn holder(
    rng: &mut Rng,
    head: &Head,
    structure: &str,
    commune: &DemoCommune,
    size: Size,
) -> (String, String) {
    let de = de(commune.name);
    let name = *rng.pick(ORG_NAMES);
    let pair = |display: String, article: &str, rest: &str| {
        let reference = format!("{article}{rest}");
        (display, reference)
    };
    match structure {
        ASSO => match rng.below(5) {
            0 => pair(
                format!("Association {name} {de}"),
                "l'association ",
                &format!("{name} {de}"),
            ),
            1 if size >= Size::Town => {
                pair(format!("Centre social {name}"), "le centre social ", name)
            }
            2 if ["EDU", "CUL", "SPO", "NUM", "CIT"]
                .iter()
                .any(|t| head.theme.starts_with(t)) =>
            {
                pair(
                    format!("Maison des jeunes et de la culture {de}"),
                    "la maison des jeunes et de la culture ",
                    &de,
                )
            }
            _ => pair(format!("Association {name}"), "l'association ", name),
        },
        SCOP => pair(format!("SCOP {name}"), "la SCOP ", name),
        SCIC => pair(format!("SCIC {name}"), "la SCIC ", name),
        ESUS => pair(format!("{name} SAS"), "l'entreprise solidaire ", name),
        COLL if size == Size::Village => pair(format!("Mairie {de}"), "la mairie ", &de),
        COLL => match rng.below(2) {
            0 => pair(format!("Mairie {de}"), "la mairie ", &de),
            _ => pair(format!("Ville {de}"), "la ville ", &de),
        },
        FOND => pair(format!("Fondation {name}"), "la fondation ", name),
        ETAB if head.theme.starts_with("EDU") => {
            let school = rng.pick(SCHOOL_NAMES);
            pair(
                format!("Lycée {school} {de}"),
                "le lycée ",
                &format!("{school} {de}"),
            )
        }
        ETAB if head.theme.starts_with("SAN") && size >= Size::City => pair(
            format!("Centre hospitalier {de}"),
            "le centre hospitalier ",
            &de,
        ),
        ETAB => match rng.below(2) {
            0 => pair(format!("CCAS {de}"), "le CCAS ", &de),
            _ => pair(
                format!("Centre communal d'action sociale {de}"),
                "le centre communal d'action sociale ",
                &de,
            ),
        },
        CITO => match rng.below(2) {
            0 => pair(format!("Collectif {name}"), "le collectif ", name),
            _ => pair(
                format!("Collectif citoyen {de}"),
                "le collectif citoyen ",
                &de,
            ),
        },
        ENTR => pair(format!("{name} SARL"), "la société ", name),
        SIAE => match rng.below(3) {
            0 => pair(
                format!("Atelier chantier d'insertion {name}"),
                "l'atelier chantier d'insertion ",
                name,
            ),
            1 => pair(
                format!("Entreprise d'insertion {name}"),
                "l'entreprise d'insertion ",
                name,
            ),
            _ => pair(
                format!("Association intermédiaire {name}"),
                "l'association intermédiaire ",
                name,
            ),
        },
        _ if ["EMP", "ECO", "ALI", "TER"]
            .iter()
            .any(|t| head.theme.starts_with(t))
            && rng.chance(50) =>
        {
            pair(
                format!("Pôle territorial de coopération économique {name}"),
                "le pôle territorial de coopération économique ",
                name,
            )
        }
        _ => pair(format!("Réseau {name}"), "le réseau ", name),
    }
}

fn title(
    rng: &mut Rng,
    head: &Head,
    commune: &DemoCommune,
    size: Size,
    structure: &str,
    used: &mut HashSet<String>,
) -> Option<String> {
    let mut patterns = vec![0, 0, 0];
    if !head.names.is_empty() {
        patterns.extend([1, 2]);
    }
    let provincial = commune.region_code.len() == 2
        && commune.region_code.as_bytes()[0] != b'0'
        && commune.region_code != "11";
    if size <= Size::Town && structure != COLL && provincial {
        patterns.push(3);
    }
    for _ in 0..4 {
        let candidate = match rng.pick(&patterns) {
            0 => format!("{} {}", head.head, de(commune.name)),
            1 => format!("{} «\u{a0}{}\u{a0}»", head.head, rng.pick(head.names)),
            2 => format!(
                "{} «\u{a0}{}\u{a0}» {}",
                head.head,
                rng.pick(head.names),
                a(commune.name)
            ),
            _ => format!("{} du Pays {}", head.head, de(commune.name)),
        };
        if used.insert(slug(&candidate, SLUG_KEY_LEN)) {
            return Some(candidate);
        }
    }
    None
}

/// Title of last resort, unique by construction: "… de Lyon (2019)", then "… – antenne 2".
fn fallback_title(
    head: &Head,
    commune: &DemoCommune,
    year: i32,
    used: &mut HashSet<String>,
) -> String {
    let base = format!("{} {}", head.head, de(commune.name));
    let with_year = format!("{base} ({year})");
    if used.insert(slug(&with_year, SLUG_KEY_LEN)) {
        return with_year;
    }
    (2..)
        .map(|k| format!("{base} – antenne {k}"))
        .find(|t| used.insert(slug(t, SLUG_KEY_LEN)))
        .expect("an unused title always exists")
}

fn summary(
    rng: &mut Rng,
    head: &Head,
    commune: &DemoCommune,
    holder_ref: &str,
    publics: &[&str],
) -> String {
    let targets = audience(publics, 0);
    // Avoid "la mairie de Lyon porte à Lyon…": skip the place when the holder already names it.
    let patterns: &[u8] = if holder_ref.contains(bare(commune.name)) {
        &[1, 3]
    } else {
        &[0, 1, 2]
    };
    match rng.pick(patterns) {
        0 => format!(
            "{} porte {} {} à destination {targets}.",
            capitalize(holder_ref),
            a(commune.name),
            head.what
        ),
        1 => format!(
            "{} qui {}, {}.",
            capitalize(head.what),
            head.action,
            a(commune.name)
        ),
        2 => format!(
            "{}, {holder_ref} {}.",
            capitalize(&a(commune.name)),
            head.action
        ),
        _ => format!(
            "{} porte {} à destination {targets}.",
            capitalize(holder_ref),
            head.what
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn description(
    rng: &mut Rng,
    head: &Head,
    commune: &DemoCommune,
    size: Size,
    structure: &str,
    holder_ref: &str,
    themes: &[&str],
    publics: &[&str],
    (year, month, _): (i32, u32, u32),
) -> String {
    let mut paragraphs = Vec::new();

    let place = if commune.department_name == commune.name {
        capitalize(&a(commune.name))
    } else {
        format!(
            "{} ({})",
            capitalize(&a(commune.name)),
            commune.department_name
        )
    };
    let when = format!("{} {year}", MONTHS[month as usize - 1]);
    let launch = match rng.below(3) {
        0 => format!(
            "Face à ce constat, {holder_ref} a lancé {} en {when}.",
            head.what
        ),
        1 => format!(
            "C'est pour y répondre que {holder_ref} a créé {} en {when}.",
            head.what
        ),
        _ => format!(
            "En {when}, {holder_ref} a décidé d'agir en lançant {}.",
            head.what
        ),
    };
    paragraphs.push(format!("{place}, {}. {launch}", head.need));

    let intro = *rng.pick(&[
        "Concrètement, le projet",
        "Au quotidien, le projet",
        "Le projet",
    ]);
    let mut second = format!(
        "{intro} {}. Il s'adresse {}.",
        head.action,
        audience(publics, 1)
    );
    if themes.len() > 1 {
        let labels = join_fr(
            themes[1..]
                .iter()
                .map(|t| format!("«\u{a0}{}\u{a0}»", theme_label(t))),
        );
        let plural = if themes.len() > 2 {
            "des thématiques"
        } else {
            "de la thématique"
        };
        second.push_str(&format!(" Il relève aussi {plural} {labels}."));
    }
    paragraphs.push(second);

    if rng.chance(75) {
        let public_body = structure == COLL || structure == ETAB;
        let staff_word = if public_body { "agent" } else { "salarié" };
        let staff = match structure {
            CITO => 0,
            ASSO => rng.range(0, 8),
            SCOP | SCIC | ESUS | SIAE | ENTR => rng.range(3, 25),
            _ => rng.range(1, 12),
        };
        let volunteers = rng.range(3, 60);
        let team = match staff {
            0 => format!("une équipe de {volunteers} bénévoles"),
            1 => format!("un {staff_word} et {volunteers} bénévoles"),
            n => format!("{n} {staff_word}s et {volunteers} bénévoles"),
        };
        let mut pool: Vec<&str> = LOCAL_ACTORS
            .iter()
            .filter(|(name, setting, families)| {
                setting.allows(size)
                    && (families.is_empty() || families.iter().any(|f| head.theme.starts_with(f)))
                    && !(public_body && name.contains("municipaux"))
            })
            .map(|(name, _, _)| *name)
            .collect();
        let mut picked = Vec::new();
        while picked.len() < 3 && !pool.is_empty() {
            picked.push(pool.remove(rng.below(pool.len())));
        }
        paragraphs.push(format!(
            "Porté par {holder_ref}, le projet mobilise {team}. Il travaille en lien étroit avec {}.",
            join_fr(picked.iter().copied())
        ));
    }

    if rng.chance(55) {
        let results = if year >= LAST_YEAR - 1 {
            "Le projet en est encore à ses débuts, mais les premiers retours des participants sont très encourageants.".to_owned()
        } else {
            let raw = rng.range(3, 25) * 10 * (LAST_YEAR - year) as u32;
            let people = match raw {
                1000.. => raw / 100 * 100,
                200.. => raw / 50 * 50,
                _ => raw,
            };
            format!(
                "Depuis son lancement, plus de {} personnes ont été accueillies ou accompagnées.",
                fr_number(people)
            )
        };
        paragraphs.push(format!("{results} {}", rng.pick(OUTLOOKS)));
    }
    paragraphs.join("\n\n")
}

/// Publics as "des …" (`form` 0) or "aux …" (`form` 1), with "tous les habitants" first when present.
fn audience(publics: &[&str], form: usize) -> String {
    let phrase = |code: &str| {
        let (des, aux) = public_phrase(code);
        if form == 0 { des } else { aux }
    };
    let others: Vec<&str> = publics
        .iter()
        .filter(|p| **p != TOUS)
        .map(|p| phrase(p))
        .collect();
    let priority = if form == 0 { "" } else { "en priorité " };
    match (publics.contains(&TOUS), others.is_empty()) {
        (true, true) => phrase(TOUS).to_owned(),
        (true, false) => {
            format!(
                "{}, en particulier {}",
                phrase(TOUS),
                join_fr(others.into_iter())
            )
        }
        _ => format!("{priority}{}", join_fr(others.into_iter())),
    }
}

/// Commune name without its leading article, as it appears after "du", "aux"…
fn bare(name: &str) -> &str {
    ["Le ", "Les "]
        .iter()
        .find_map(|art| name.strip_prefix(art))
        .unwrap_or(name)
}

fn public_phrase(code: &str) -> (&'static str, &'static str) {
    PUBLIC_PHRASES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, des, aux)| (*des, *aux))
        .expect("every public has a phrase")
}

fn theme_label(code: &str) -> &'static str {
    THEMES
        .iter()
        .find(|t| t.code == code)
        .map(|t| t.label_fr)
        .expect("known theme")
}

/// "de Lyon", "d'Arles", "du Havre", "des Abymes".
fn de(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        format!("du {rest}")
    } else if let Some(rest) = name.strip_prefix("Les ") {
        format!("des {rest}")
    } else if starts_with_vowel(name) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// "à Lyon", "au Havre", "aux Abymes".
fn a(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        format!("au {rest}")
    } else if let Some(rest) = name.strip_prefix("Les ") {
        format!("aux {rest}")
    } else {
        format!("à {name}")
    }
}

fn starts_with_vowel(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÂÎÔÛH".contains(c))
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a", "a et b", "a, b et c".
fn join_fr<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let items: Vec<S> = items.collect();
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " et " } else { ", " });
        }
        out.push_str(item.as_ref());
    }
    out
}

/// French thousands grouping with a narrow no-break space: "12 340".
fn fr_number(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(ch);
    }
    out
}

/// Lowercase ASCII slug of at most `max` bytes, cut on a hyphen.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        let folded = match ch {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => "a",
            'ç' | 'Ç' => "c",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
            'î' | 'ï' | 'Î' | 'Ï' => "i",
            'ô' | 'ö' | 'Ô' | 'Ö' => "o",
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => "u",
            'ÿ' | 'Ÿ' => "y",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "-",
        };
        if folded == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(folded);
        }
    }
    while out.len() > max {
        match out.rfind('-') {
            Some(cut) => out.truncate(cut),
            None => out.truncate(max),
        }
    }
    // Do not end on a dangling article or preposition ("…-de", "…-a").
    const DANGLING: &[&str] = &[
        "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
    ];
    while let Some((rest, last)) = out.rsplit_once('-') {
        if !DANGLING.contains(&last) {
            break;
        }
        out.truncate(rest.len());
    }
    out.trim_end_matches('-').to_owned()
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::seed::{PUBLICS, STRUCTURE_TYPES, SeedTerm};
    use std::collections::{HashMap, HashSet};

    const METRO_REGIONS: [&str; 13] = [
        "84", "27", "53", "24", "94", "44", "32", "11", "28", "75", "76", "52", "93",
    ];
    const OVERSEAS_REGIONS: [&str; 5] = ["01", "02", "03", "04", "06"];

    fn term(list: &[SeedTerm], code: &str) -> Option<SeedTerm> {
        list.iter().find(|t| t.code == code).copied()
    }

    fn is_sub_theme(code: &str) -> bool {
        term(THEMES, code).is_some_and(|t| t.parent.is_some())
    }

    /// Head of a generated title: the longest head the title starts with.
    fn head_of(title: &str) -> &'static Head {
        HEADS
            .iter()
            .filter(|h| {
                title
                    .strip_prefix(h.head)
                    .is_some_and(|rest| rest.starts_with(' '))
            })
            .max_by_key(|h| h.head.len())
            .unwrap_or_else(|| panic!("no head for {title}"))
    }

    /// (lat min, lat max, lon min, lon max) of a region's territory.
    fn bounds(region: &str) -> (f64, f64, f64, f64) {
        match region {
            "01" => (15.8, 16.55, -61.85, -60.95),
            "02" => (14.35, 14.9, -61.25, -60.75),
            "03" => (2.1, 5.8, -54.6, -51.6),
            "04" => (-21.4, -20.85, 55.2, 55.85),
            "06" => (-13.05, -12.6, 45.0, 45.35),
            "94" => (41.3, 43.05, 8.5, 9.6),
            _ => (42.3, 51.1, -4.8, 8.25),
        }
    }

    #[test]
    fn same_seed_same_output() {
        assert_eq!(projects(400, 42), projects(400, 42));
        assert_ne!(projects(50, 42), projects(50, 43));
        assert_eq!(partners(), partners());
    }

    #[test]
    fn shorter_run_is_a_prefix() {
        let long = projects(600, 9);
        assert_eq!(projects(150, 9)[..], long[..150]);
        assert!(projects(0, 9).is_empty());
    }

    #[test]
    fn titles_unique_for_5000() {
        for seed in [0, 1, 2026] {
            let all = projects(5000, seed);
            let titles: HashSet<&str> = all.iter().map(|p| p.title.as_str()).collect();
            assert_eq!(titles.len(), all.len(), "seed {seed}");
            let slugs: HashSet<String> = all.iter().map(|p| slug(&p.title, 80)).collect();
            assert_eq!(slugs.len(), all.len(), "seed {seed}");
        }
    }

    #[test]
    fn every_region_in_first_500() {
        let all_regions: HashSet<&str> = COMMUNES.iter().map(|c| c.region_code).collect();
        assert_eq!(all_regions.len(), 18);
        for seed in 0..25 {
            let seen: HashSet<&str> = projects(500, seed)
                .iter()
                .map(|p| p.commune.region_code)
                .collect();
            assert_eq!(seen, all_regions, "seed {seed}");
        }
    }

    #[test]
    fn codes_are_valid_and_coherent() {
        for p in projects(3000, 5) {
            assert!((1..=3).contains(&p.themes.len()), "{}", p.title);
            assert!((1..=3).contains(&p.publics.len()), "{}", p.title);
            let distinct: HashSet<_> = p.themes.iter().collect();
            assert_eq!(distinct.len(), p.themes.len(), "{}", p.title);
            let distinct: HashSet<_> = p.publics.iter().collect();
            assert_eq!(distinct.len(), p.publics.len(), "{}", p.title);
            for t in &p.themes {
                assert!(is_sub_theme(t), "{t}");
            }
            for code in &p.publics {
                assert!(term(PUBLICS, code).is_some(), "{code}");
            }
            assert!(term(STRUCTURE_TYPES, p.structure_type).is_some());
            let head = head_of(&p.title);
            assert_eq!(p.themes[0], head.theme, "{}", p.title);
            assert!(head.structures.contains(&p.structure_type), "{}", p.title);
            if p.structure_type == COLL {
                assert!(
                    p.holder_name.starts_with("Mairie ") || p.holder_name.starts_with("Ville "),
                    "{}",
                    p.holder_name
                );
            }
        }
    }

    #[test]
    fn dates_are_valid() {
        for p in projects(3000, 11) {
            let (y, m, d) = p.start_date;
            assert!((2005..=2026).contains(&y), "{y}");
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert!((y, m, d) <= (2026, 6, 30));
        }
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
    }

    #[test]
    fn coordinates_stay_near_their_commune() {
        for c in COMMUNES {
            let (lat0, lat1, lon0, lon1) = bounds(c.region_code);
            let inside = (lat0..=lat1).contains(&c.lat) && (lon0..=lon1).contains(&c.lon);
            assert!(inside, "{} {} {}", c.name, c.lat, c.lon);
        }
        for p in projects(3000, 3) {
            assert!((p.lat - p.commune.lat).abs() < 0.02 && (p.lon - p.commune.lon).abs() < 0.02);
            let (lat0, lat1, lon0, lon1) = bounds(p.commune.region_code);
            assert!((lat0 - 0.02..=lat1 + 0.02).contains(&p.lat), "{}", p.title);
            assert!((lon0 - 0.02..=lon1 + 0.02).contains(&p.lon), "{}", p.title);
        }
    }

    #[test]
    fn partner_indices_are_valid() {
        let n = partners().len();
        let all = projects(5000, 8);
        let mut doubles = 0;
        let mut used = HashSet::new();
        for p in &all {
            assert!((1..=2).contains(&p.partners.len()));
            assert!(p.partners.iter().all(|&i| i < n));
            if p.partners.len() == 2 {
                doubles += 1;
                assert_ne!(p.partners[0], p.partners[1]);
            }
            used.extend(p.partners.iter().copied());
        }
        assert!((100..=400).contains(&doubles), "{doubles} cross-listed");
        assert_eq!(used.len(), n, "every partner lists projects");
    }

    #[test]
    fn partners_are_well_formed() {
        let list = partners();
        assert_eq!(list.len(), 12);
        let regions: HashSet<&str> = COMMUNES.iter().map(|c| c.region_code).collect();
        let slugs: HashSet<&str> = list.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs.len(), 12);
        let kinds: HashSet<&str> = list.iter().map(|p| p.kind).collect();
        assert_eq!(kinds.len(), 7, "all kinds used");
        for p in &list {
            assert!(
                [
                    "network",
                    "foundation",
                    "local_authority",
                    "association",
                    "public_body",
                    "company",
                    "research"
                ]
                .contains(&p.kind)
            );
            assert!(["local", "regional", "national"].contains(&p.scale));
            assert_eq!(p.region_code.is_none(), p.scale == "national", "{}", p.name);
            assert!(p.region_code.is_none_or(|r| regions.contains(r)));
            assert_eq!(p.website, format!("https://{}.example.org/", p.slug));
            assert_eq!(slug(&p.slug, 63), p.slug);
        }
    }

    #[test]
    fn texts_are_well_formed() {
        let all = projects(2000, 21);
        let (mut websites, mut emails) = (0, 0);
        for p in &all {
            assert!(
                p.summary.ends_with('.') && !p.summary.contains(". "),
                "{}",
                p.summary
            );
            let paragraphs = p.description.split("\n\n").count();
            assert!((2..=4).contains(&paragraphs), "{}", p.description);
            assert!(!p.description.contains("\n\n\n") && !p.description.contains("  "));
            assert!(p.description.contains(bare(p.commune.name)), "{}", p.title);
            assert!(
                p.address.starts_with(|c: char| c.is_ascii_digit()),
                "{}",
                p.address
            );
            assert!(!p.holder_name.is_empty() && !p.title.contains("  "));
            if let Some(url) = &p.website {
                websites += 1;
                let host = url
                    .strip_prefix("https://")
                    .and_then(|u| u.strip_suffix(".example.org/"));
                let host = host.unwrap_or_else(|| panic!("{url}"));
                assert!(!host.is_empty() && host.len() <= 63, "{url}");
                assert!(
                    host.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                );
                assert!(!host.starts_with('-') && !host.ends_with('-'), "{url}");
            }
            if let Some(email) = &p.contact_email {
                emails += 1;
                assert!(
                    email.starts_with("contact@") && email.ends_with(".example.org"),
                    "{email}"
                );
            }
        }
        assert!((1250..=1550).contains(&websites), "{websites} websites");
        assert!((1450..=1750).contains(&emails), "{emails} emails");
    }

    #[test]
    fn heads_are_coherent() {
        let heads: HashSet<&str> = HEADS.iter().map(|h| h.head).collect();
        assert_eq!(heads.len(), HEADS.len());
        assert!(HEADS.len() >= 60, "{} heads", HEADS.len());
        for h in HEADS {
            assert!(is_sub_theme(h.theme), "{}", h.head);
            assert!(
                h.extra.iter().all(|t| is_sub_theme(t) && *t != h.theme),
                "{}",
                h.head
            );
            assert!(
                !h.publics.is_empty() && !h.structures.is_empty(),
                "{}",
                h.head
            );
            assert!(
                h.publics.iter().all(|p| term(PUBLICS, p).is_some()),
                "{}",
                h.head
            );
            assert!(
                h.structures
                    .iter()
                    .all(|s| term(STRUCTURE_TYPES, s).is_some()),
                "{}",
                h.head
            );
            assert!(
                h.what.starts_with("un ") || h.what.starts_with("une "),
                "{}",
                h.head
            );
            for text in [h.need, h.action] {
                assert!(text.starts_with(|c: char| c.is_lowercase()) && !text.ends_with('.'));
            }
        }
        for t in THEMES.iter().filter(|t| t.parent.is_some()) {
            assert!(
                HEADS.iter().any(|h| h.theme == t.code),
                "no head for {}",
                t.code
            );
        }
        let phrased: HashSet<&str> = PUBLIC_PHRASES.iter().map(|(c, _, _)| *c).collect();
        let seeded: HashSet<&str> = PUBLICS.iter().map(|t| t.code).collect();
        assert_eq!(phrased, seeded);
    }

    #[test]
    fn communes_are_consistent() {
        assert!(COMMUNES.len() >= 180);
        let codes: HashSet<&str> = COMMUNES.iter().map(|c| c.insee).collect();
        assert_eq!(codes.len(), COMMUNES.len(), "duplicate INSEE code");
        let mut region_names = HashMap::new();
        let mut department_names = HashMap::new();
        for c in COMMUNES {
            assert_eq!(c.insee.len(), 5, "{}", c.name);
            assert!(c.insee.starts_with(c.department_code), "{}", c.name);
            assert!(c.postcode.len() == 5 && c.postcode.bytes().all(|b| b.is_ascii_digit()));
            let dep = c.department_code;
            let pc_prefix =
                if dep.starts_with('2') && dep.len() == 2 && !dep.ends_with(char::is_numeric) {
                    "20"
                } else {
                    dep
                };
            assert!(
                c.postcode.starts_with(pc_prefix),
                "{} {}",
                c.name,
                c.postcode
            );
            assert_eq!(
                *region_names.entry(c.region_code).or_insert(c.region_name),
                c.region_name
            );
            let entry = department_names
                .entry(dep)
                .or_insert((c.department_name, c.region_code));
            assert_eq!(*entry, (c.department_name, c.region_code), "{}", c.name);
        }
        assert!(department_names.len() >= 60);
        for region in METRO_REGIONS {
            let sizes: Vec<Size> = COMMUNES
                .iter()
                .filter(|c| c.region_code == region)
                .map(size_of)
                .collect();
            assert!(sizes.len() >= 8, "region {region}");
            assert!(
                sizes.contains(&Size::Village),
                "region {region} lacks a village"
            );
            assert!(
                sizes.iter().any(|s| *s >= Size::City),
                "region {region} lacks a city"
            );
        }
        for region in OVERSEAS_REGIONS {
            assert!(COMMUNES.iter().filter(|c| c.region_code == region).count() >= 2);
        }
        for (insee, name) in [
            ("75056", "Paris"),
            ("69123", "Lyon"),
            ("13055", "Marseille"),
        ] {
            assert!(COMMUNES.iter().any(|c| c.insee == insee && c.name == name));
        }
        for (insee, _) in SIZES {
            assert!(codes.contains(insee), "{insee}");
        }
    }

    #[test]
    fn french_helpers() {
        assert_eq!(de("Lyon"), "de Lyon");
        assert_eq!(de("Arles"), "d'Arles");
        assert_eq!(de("Évreux"), "d'Évreux");
        assert_eq!(de("Le Havre"), "du Havre");
        assert_eq!(de("Les Abymes"), "des Abymes");
        assert_eq!(de("La Rochelle"), "de La Rochelle");
        assert_eq!(a("Le Mans"), "au Mans");
        assert_eq!(a("Les Sables-d'Olonne"), "aux Sables-d'Olonne");
        assert_eq!(capitalize("à Lyon"), "À Lyon");
        assert_eq!(join_fr(["a", "b", "c"].iter()), "a, b et c");
        assert_eq!(fr_number(1234), "1\u{202f}234");
        assert_eq!(fr_number(987), "987");
        assert_eq!(
            slug(
                "Repair café «\u{a0}Les Bricoleurs\u{a0}» à L'Île-Rousse",
                63
            ),
            "repair-cafe-les-bricoleurs-a-l-ile-rousse"
        );
        assert!(
            slug(
                "Cœur de la Épicerie solidaire de Saint-Laurent-du-Maroni (2019)",
                48
            )
            .len()
                <= 48
        );
        let cut = slug(
            "Magasin de producteurs « La Ferme en ville » à Beauvais",
            42,
        );
        assert_eq!(cut, "magasin-de-producteurs-la-ferme-en-ville");
        assert_eq!(
            slug("Épicerie solidaire d'Arles", 63),
            "epicerie-solidaire-d-arles"
        );
    }
}
