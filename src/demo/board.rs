//! Demo brokerage board: every demo partner's admin posts requests of every kind across
//! regions and themes (through the board's own form checks and services), a share of
//! them get answers from demo people, and demo experts offer profiles — so that a
//! newcomer finds a living board at `/courtage`.
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use crate::board::form::{Choices, RequestForm};
use crate::board::model::{Kind, Status};
use crate::board::profile::{ProfileChoices, ProfileForm};
use crate::board::{profile, service};
use crate::entities::{board_answer, partner, settings_kv, user};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::Lang;

const SEEDED_KEY: &str = "demo_board";
/// Requests the demo partners post between them.
const REQUESTS: usize = 120;
/// Demo experts, each with one profile.
const EXPERTS: usize = 36;

/// Communes across the regions (INSEE codes).
const COMMUNES: &[&str] = &[
    "59350", "69123", "13055", "31555", "44109", "67482", "33063", "35238", "34172", "21231",
    "76540", "45234", "63113", "2A004", "57463", "80021", "87085", "25056", "29019", "38185",
    "06088", "37261", "14118", "86194", "93048",
];

/// What the requests ask for, by kind: a title and the sentence that opens the text.
const NEEDS: &[(Kind, &str, &str)] = &[
    (
        Kind::Expertise,
        "Évaluation d'impact social",
        "Nous cherchons une personne experte pour mesurer l'impact de notre action et en rendre compte à nos financeurs.",
    ),
    (
        Kind::Expertise,
        "Accompagnement juridique d'une SCIC",
        "Nous passons en société coopérative d'intérêt collectif et cherchons un appui juridique sur les statuts et la gouvernance.",
    ),
    (
        Kind::Expertise,
        "Stratégie numérique et site web",
        "Nous voulons refaire notre site et mieux outiller nos bénévoles : qui peut nous conseiller quelques jours ?",
    ),
    (
        Kind::Job,
        "Coordinateur·rice de tiers-lieu",
        "Nous recrutons une personne pour animer le tiers-lieu, sa communauté et sa programmation.",
    ),
    (
        Kind::Job,
        "Chargé·e de recherche de fonds",
        "Nous recrutons pour diversifier nos financements : mécénat, fondations, appels à projets.",
    ),
    (
        Kind::Volunteer,
        "Bénévoles pour l'aide aux devoirs",
        "Deux soirs par semaine, nous accompagnons des collégiens : rejoignez l'équipe de bénévoles.",
    ),
    (
        Kind::Volunteer,
        "Bénévoles pour la recyclerie",
        "Tri, réparation, accueil : la recyclerie cherche des bénévoles le samedi.",
    ),
    (
        Kind::Sponsorship,
        "Mécénat de compétences en comptabilité",
        "Une entreprise peut-elle nous prêter un·e comptable quelques demi-journées pour la clôture ?",
    ),
    (
        Kind::Partnership,
        "Partenaire pour essaimer une épicerie solidaire",
        "Notre épicerie solidaire veut essaimer : nous cherchons une structure partenaire dans un autre territoire.",
    ),
    (
        Kind::Call,
        "Appel à projets alimentation durable",
        "Nous soutenons des projets d'alimentation durable portés par des associations et des collectifs d'habitants.",
    ),
];

/// Demo experts' skills: title and description opening.
const SKILLS: &[(&str, &str)] = &[
    (
        "Évaluation d'impact et mesure sociale",
        "J'accompagne les structures de l'ESS dans la mesure de leur impact social, des indicateurs au rapport.",
    ),
    (
        "Droit des associations et des coopératives",
        "Juriste, j'aide les associations et les SCIC sur leurs statuts, leur gouvernance et leurs contrats.",
    ),
    (
        "Communication et outils numériques",
        "Je conseille sur les sites, les réseaux sociaux et les outils libres pour les petites structures.",
    ),
    (
        "Recherche de fonds et mécénat",
        "J'aide à construire une stratégie de financement : fondations, mécénat, appels à projets publics.",
    ),
    (
        "Animation de communautés et de tiers-lieux",
        "J'anime des communautés d'habitants et de bénévoles, et j'accompagne l'ouverture de tiers-lieux.",
    ),
    (
        "Gestion financière et comptabilité",
        "Expert-comptable, je donne des journées de mécénat de compétences aux associations.",
    ),
];

/// Seeds the demo board once the demo partners and their admins exist; true if seeded.
pub async fn seed(state: &AppState) -> anyhow::Result<bool> {
    let db = &state.db;
    if settings_kv::Entity::find_by_id(SEEDED_KEY.to_owned())
        .one(db)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let partners = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Id)
        .all(db)
        .await?;
    let terms = Terms::load(db).await?;
    let codes = |vocabulary: &str| -> Vec<String> {
        terms
            .tree(vocabulary, Lang::Fr)
            .into_iter()
            .map(|(t, _)| t.code)
            .collect()
    };
    let (themes, publics) = (codes("theme"), codes("public"));
    if themes.is_empty() || publics.is_empty() {
        return Ok(false);
    }
    let experts = experts(db).await?;
    let today = state.clock.now().date_naive();
    let mut posters = Vec::new();
    for partner in &partners {
        let email = super::accounts::admin_email(&partner.slug);
        if let Some(admin) = crate::accounts::users::find_by_email(db, &email).await? {
            posters.push((partner, admin));
        }
    }
    if posters.is_empty() {
        return Ok(false);
    }
    for i in 0..REQUESTS {
        let p = i % posters.len();
        let (partner, admin) = &posters[p];
        let choices = Choices {
            partners: vec![partner.id],
            held_projects: Vec::new(),
            themes: themes.clone(),
            publics: publics.clone(),
            today,
        };
        let (kind, title, opening) = NEEDS[i % NEEDS.len()];
        let commune = COMMUNES[(i * 7 + p) % COMMUNES.len()];
        let place = crate::board::form::find_commune(commune)
            .map(|c| c.name.to_string())
            .unwrap_or_default();
        let territory = match i % 9 {
            0 => "france",
            1 => "remote",
            _ => "commune",
        };
        let form = RequestForm {
            kind: kind.as_str().into(),
            title: if territory == "commune" {
                format!("{title} à {place}")
            } else {
                title.to_owned()
            },
            description: format!(
                "{opening}\n\nPosté par **{}** pour la démonstration de Carrefour.",
                partner.name
            ),
            on_behalf: format!("partner:{}", partner.id),
            territory: territory.into(),
            commune: commune.into(),
            themes: vec![themes[i % themes.len()].clone()],
            publics: vec![publics[(i / 3) % publics.len()].clone()],
            contract: if kind == Kind::Job {
                ["cdi", "cdd", "alternance", "service_civique"][i % 4].into()
            } else {
                String::new()
            },
            deadline: (today + Duration::days(10 + (i as i64 * 5) % 120)).to_string(),
            answer_mode: "carrefour".into(),
            ..Default::default()
        };
        let input = form
            .parse(&choices)
            .map_err(|e| anyhow::anyhow!("demo request {i} refused: {e:?}"))?;
        let request = service::create(db, admin, &input, &[])
            .await
            .map_err(|e| anyhow::anyhow!("demo board: {e}"))?;
        let published = state.clock.now() - Duration::hours(i as i64 * 5);
        service::transition(
            db,
            request.id,
            &[Status::Draft],
            Status::Published,
            published,
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo publication: {e}"))?;
        if i % 3 == 0 {
            answer(db, request.id, &experts[i % experts.len()], i).await?;
        }
    }
    let profile_choices = ProfileChoices {
        partners: Vec::new(),
        themes: themes.clone(),
        publics: publics.clone(),
    };
    for (e, expert) in experts.iter().enumerate() {
        let (title, opening) = SKILLS[e % SKILLS.len()];
        let form = ProfileForm {
            title: title.into(),
            description: format!(
                "{opening}\n\nProfil de démonstration de {}.",
                expert.display_name
            ),
            territory: if e % 4 == 0 { "remote" } else { "commune" }.into(),
            commune: COMMUNES[(e * 5) % COMMUNES.len()].into(),
            themes: vec![themes[e % themes.len()].clone()],
            publics: vec![publics[e % publics.len()].clone()],
            kinds: vec![NEEDS[e % NEEDS.len()].0.as_str().into()],
            availability: [
                "deux jours par mois",
                "une demi-journée par semaine",
                "ponctuellement",
            ][e % 3]
                .into(),
            terms: ["pro_bono", "paid", "both"][e % 3].into(),
            visible: "1".into(),
            ..Default::default()
        };
        let input = form
            .parse(&profile_choices)
            .map_err(|err| anyhow::anyhow!("demo profile {e} refused: {err:?}"))?;
        profile::create(db, expert, &input)
            .await
            .map_err(|e| anyhow::anyhow!("demo profile: {e}"))?;
    }
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(SEEDED_KEY.into()),
        value: Set(Utc::now().to_rfc3339()),
    })
    .exec(db)
    .await?;
    tracing::info!(
        requests = REQUESTS,
        profiles = experts.len(),
        "demo board seeded"
    );
    Ok(true)
}

/// The demo experts (`experte1@demo…` …), made once.
async fn experts(db: &DatabaseConnection) -> anyhow::Result<Vec<user::Model>> {
    let mut out = Vec::with_capacity(EXPERTS);
    for n in 1..=EXPERTS {
        let email = format!("experte{n}@demo.carrefour.localhost");
        let name = format!("Experte de démonstration {n}");
        out.push(super::messaging::demo_user(db, &email, &name).await?);
    }
    Ok(out)
}

async fn answer(
    db: &DatabaseConnection,
    request_id: i64,
    expert: &user::Model,
    i: usize,
) -> anyhow::Result<()> {
    let now = Utc::now();
    board_answer::Entity::insert(board_answer::ActiveModel {
        request_id: Set(request_id),
        user_id: Set(Some(expert.id)),
        respondent_name: Set(expert.display_name.clone()),
        body: Set("Bonjour, votre demande correspond à mon expérience : je suis disponible pour en parler cette semaine.".into()),
        status: Set(["new", "shortlisted", "declined", "accepted"][i % 4].into()),
        note: Set(String::new()),
        held: Set(false),
        hidden_at: Set(None),
        status_changed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
