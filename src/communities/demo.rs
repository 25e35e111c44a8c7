//! Communities of the demo hub: twenty-two spaces across regions (overseas included)
//! and themes, each with hosts (the demo accounts), members, a discussion with replies,
//! a past event and an upcoming one (some weekly or monthly), and a collection of
//! projects once the demo projects are collected. Written through the domain's parsers
//! and services; only in demo mode, once.
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::event_form::{EventForm, Limits};
use super::form::CommunityForm;
use super::model::{Answer, MemberStatus, Role, Status};
use crate::entities::{community, community_post, community_topic, user};
use crate::state::AppState;

/// (name, scope `kind:code`, themes, visibility, rule, time zone, what it does)
type Spec = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const SPECS: &[Spec] = &[
    (
        "Alimentation durable en Pays de Redon",
        "commune:35236",
        &["ALI"],
        "public",
        "open",
        "Europe/Paris",
        "Producteurs, épiceries solidaires et cantines du pays de Redon relient leurs circuits courts.",
    ),
    (
        "Inclusion numérique à Lille",
        "commune:59350",
        &["EDU"],
        "public",
        "open",
        "Europe/Paris",
        "Médiateurs numériques, bibliothèques et associations de quartier partagent leurs ateliers.",
    ),
    (
        "Logement d'abord",
        "france",
        &["HAB"],
        "public",
        "request",
        "Europe/Paris",
        "Une communauté nationale des acteurs du logement d'abord : retours d'expérience et plaidoyer.",
    ),
    (
        "Tiers-lieux de Bretagne",
        "region:53",
        &["TER"],
        "public",
        "open",
        "Europe/Paris",
        "Les tiers-lieux bretons mutualisent outils, formations et modèles économiques.",
    ),
    (
        "Mobilités rurales en Occitanie",
        "region:76",
        &["MOB"],
        "public",
        "open",
        "Europe/Paris",
        "Transport solidaire, covoiturage de proximité et garages associatifs en milieu rural.",
    ),
    (
        "Santé mentale à Lyon",
        "commune:69123",
        &["SAN"],
        "members",
        "request",
        "Europe/Paris",
        "Professionnels et pairs-aidants lyonnais échangent sur les dispositifs de soutien.",
    ),
    (
        "Économie circulaire à Marseille",
        "commune:13055",
        &["ECO"],
        "public",
        "open",
        "Europe/Paris",
        "Ressourceries, repair cafés et entreprises du réemploi marseillaises.",
    ),
    (
        "Culture en partage en Normandie",
        "region:28",
        &["CUL"],
        "public",
        "open",
        "Europe/Paris",
        "Lieux culturels et associations d'éducation populaire de Normandie.",
    ),
    (
        "Jeunesse engagée à Toulouse",
        "commune:31555",
        &["EDU"],
        "public",
        "open",
        "Europe/Paris",
        "Service civique, junior associations et projets portés par des jeunes.",
    ),
    (
        "Habitat participatif en Loire-Atlantique",
        "department:44",
        &["HAB"],
        "public",
        "request",
        "Europe/Paris",
        "Groupes d'habitants, coopératives et collectivités du département.",
    ),
    (
        "Cantines bio et locales",
        "france",
        &["ALI", "EDU"],
        "public",
        "open",
        "Europe/Paris",
        "Élus et gestionnaires de restauration collective avancent vers une alimentation de qualité.",
    ),
    (
        "Réemploi en Grand Est",
        "region:44",
        &["ECO"],
        "public",
        "open",
        "Europe/Paris",
        "Les acteurs du réemploi et de la réparation du Grand Est.",
    ),
    (
        "Vélo solidaire à Strasbourg",
        "commune:67482",
        &["MOB"],
        "public",
        "open",
        "Europe/Paris",
        "Ateliers vélo, vélo-écoles et livraisons à vélo solidaires.",
    ),
    (
        "Aidants en Auvergne-Rhône-Alpes",
        "region:84",
        &["SAN"],
        "members",
        "invitation",
        "Europe/Paris",
        "Un cercle fermé de structures qui soutiennent les proches aidants.",
    ),
    (
        "Jardins partagés de Bordeaux",
        "commune:33063",
        &["ALI"],
        "public",
        "open",
        "Europe/Paris",
        "Jardins partagés, composteurs et fermes urbaines de la métropole.",
    ),
    (
        "Innovation sociale à La Réunion",
        "department:974",
        &["TER", "ECO"],
        "public",
        "open",
        "Indian/Reunion",
        "Porteurs de projets et réseaux réunionnais de l'économie sociale et solidaire.",
    ),
    (
        "Guyane solidaire",
        "department:973",
        &["EDU", "SAN"],
        "public",
        "open",
        "America/Cayenne",
        "Associations guyanaises de santé communautaire et d'éducation.",
    ),
    (
        "Tiers-lieux d'Île-de-France",
        "region:11",
        &["TER"],
        "public",
        "open",
        "Europe/Paris",
        "Fabriques de territoire et lieux hybrides franciliens.",
    ),
    (
        "Précarité alimentaire à Montpellier",
        "commune:34172",
        &["ALI", "SAN"],
        "public",
        "request",
        "Europe/Paris",
        "Épiceries sociales, paniers solidaires et accès digne à l'alimentation.",
    ),
    (
        "Patrimoine vivant en Bourgogne-Franche-Comté",
        "region:27",
        &["CUL"],
        "public",
        "open",
        "Europe/Paris",
        "Chantiers de bénévoles et savoir-faire du patrimoine régional.",
    ),
    (
        "Transition énergétique citoyenne à Grenoble",
        "commune:38185",
        &["ECO"],
        "public",
        "open",
        "Europe/Paris",
        "Centrales villageoises, rénovation et sobriété énergétique.",
    ),
    (
        "Accueil des personnes exilées en Hauts-de-France",
        "region:32",
        &["HAB", "EDU"],
        "members",
        "request",
        "Europe/Paris",
        "Hébergement citoyen, apprentissage du français et accès aux droits.",
    ),
];

const PEOPLE: &[(&str, &str)] = &[
    ("Maëlle Le Goff", "Maraîchère et membre d'une AMAP"),
    ("Karim Benali", "Médiateur numérique en centre social"),
    (
        "Sophie Martin",
        "Chargée de mission à la communauté de communes",
    ),
    ("Jean-Pierre Roux", "Bénévole dans un repair café"),
    ("Aïcha Diallo", "Coordinatrice d'un tiers-lieu"),
    ("Thomas Lefèvre", "Élu municipal délégué à la transition"),
    ("Léa Moreau", "Étudiante en service civique"),
    ("Nicolas Fabre", "Directeur d'une ressourcerie"),
    ("Inès Payet", "Animatrice d'un réseau ESS"),
    ("Hugo Bernard", "Habitant engagé dans son quartier"),
    ("Clara Nguyen", "Diététicienne en restauration collective"),
    ("Marc Lopez", "Président d'une association de mobilité"),
];

/// Seeds the demo's communities unless any exists. Returns how many it created.
pub async fn seed_if_empty(state: &AppState) -> anyhow::Result<usize> {
    let db = &state.db;
    if community::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let hosts = user::Entity::find()
        .filter(user::Column::IsDemo.eq(true))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    if hosts.is_empty() {
        return Ok(0);
    }
    let now = Utc::now();
    let mut people = Vec::new();
    for (i, (name, _)) in PEOPLE.iter().enumerate() {
        let email = format!("habitant{}@demo.carrefour.localhost", i + 1);
        people.push(
            user::ActiveModel {
                email_normalized: Set(email.clone()),
                email: Set(email),
                display_name: Set((*name).into()),
                // They exist to be seen as members; nobody signs in as them.
                password_hash: Set(None),
                verified_at: Set(Some(now)),
                preferred_lang: Set("fr".into()),
                disabled: Set(false),
                is_coordinator: Set(false),
                is_demo: Set(true),
                deleted_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?,
        );
    }
    let themes: Vec<String> = crate::taxonomy::Terms::load(db)
        .await?
        .tree("theme", crate::web::Lang::Fr)
        .into_iter()
        .map(|(t, _)| t.code)
        .collect();
    for (i, spec) in SPECS.iter().enumerate() {
        let host = &hosts[i % hosts.len()];
        let c = create(state, host, spec, &themes).await?;
        let mut members = Vec::new();
        for k in 0..(3 + i % 4) {
            let person = &people[(i * 3 + k) % people.len()];
            let row = super::service::add_member(
                db,
                c.id,
                person.id,
                Role::Member,
                MemberStatus::Active,
                None,
            )
            .await?;
            let mut row: crate::entities::community_member::ActiveModel = row.into();
            row.what_they_do = Set(PEOPLE[(i * 3 + k) % PEOPLE.len()].1.into());
            row.update(db).await?;
            members.push(person.clone());
        }
        discussion(state, &c, host, &members, i).await?;
        events(state, &c, spec.5, host, &members, i).await?;
    }
    Ok(SPECS.len())
}

async fn create(
    state: &AppState,
    host: &user::Model,
    spec: &Spec,
    themes: &[String],
) -> anyhow::Result<community::Model> {
    let (name, scope, chosen, visibility, rule, _, what) = *spec;
    let (kind, code) = scope.split_once(':').unwrap_or((scope, ""));
    let form = CommunityForm {
        name: name.into(),
        description: format!(
            "{what}\n\nRejoignez-nous pour **partager** vos expériences, vos questions et vos rendez-vous."
        ),
        scope: kind.into(),
        commune: if kind == "commune" {
            code.into()
        } else {
            String::new()
        },
        department: if kind == "department" {
            code.into()
        } else {
            String::new()
        },
        region: if kind == "region" {
            code.into()
        } else {
            String::new()
        },
        themes: chosen.iter().map(|t| (*t).to_owned()).collect(),
        visibility: visibility.into(),
        membership_rule: rule.into(),
    };
    let input = form
        .parse(themes)
        .map_err(|e| anyhow::anyhow!("demo community {name}: {e:?}"))?;
    Ok(super::service::create(&state.db, host, &input, Status::Active).await?)
}

async fn discussion(
    state: &AppState,
    c: &community::Model,
    host: &user::Model,
    members: &[user::Model],
    i: usize,
) -> anyhow::Result<()> {
    let now = Utc::now() - Duration::days(6) + Duration::hours(i as i64);
    let topic = community_topic::ActiveModel {
        community_id: Set(c.id),
        title: Set([
            "Présentez-vous !",
            "Nos prochaines actions",
            "Ressources utiles",
        ][i % 3]
            .into()),
        author_id: Set(Some(host.id)),
        pinned: Set(i.is_multiple_of(3)),
        locked: Set(false),
        status: Set("visible".into()),
        removed_by: Set(None),
        removed_at: Set(None),
        last_post_at: Set(now + Duration::hours(members.len() as i64)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let mut messages = vec![(
        host.id,
        format!(
            "Bienvenue dans « {} » ! Dites-nous ce que vous faites et ce que vous cherchez.",
            c.name
        ),
    )];
    for (k, m) in members.iter().enumerate() {
        messages.push((
            m.id,
            [
                "Bonjour à toutes et à tous, ravi·e de vous rejoindre.",
                "Je peux partager nos **fiches pratiques** si cela intéresse.",
                "> Dites-nous ce que vous cherchez\n\nDes contacts d'élus du territoire !",
                "Merci pour l'accueil, à bientôt lors de la prochaine rencontre.",
            ][k % 4]
                .into(),
        ));
    }
    for (k, (author, body)) in messages.into_iter().enumerate() {
        community_post::ActiveModel {
            topic_id: Set(topic.id),
            author_id: Set(Some(author)),
            body_html: Set(crate::web::markdown::to_safe_html(&body)),
            body: Set(body),
            status: Set("visible".into()),
            removed_by: Set(None),
            removed_at: Set(None),
            created_at: Set(now + Duration::hours(k as i64)),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
    }
    Ok(())
}

async fn events(
    state: &AppState,
    c: &community::Model,
    zone: &str,
    host: &user::Model,
    members: &[user::Model],
    i: usize,
) -> anyhow::Result<()> {
    let today = Utc::now().date_naive();
    let past = today - Duration::days(7 + i as i64);
    let upcoming = today + Duration::days(3 + i as i64);
    let place = |online: bool| {
        if online {
            (
                "online",
                String::new(),
                "https://visio.demo.carrefour.localhost/rencontre".to_owned(),
            )
        } else {
            // The community's commune, else the first of its department or region.
            let index = crate::geo::communes::index();
            let commune = c
                .commune_insee
                .clone()
                .or_else(|| {
                    index
                        .communes
                        .iter()
                        .find(|x| match (&c.department_code, &c.region_code) {
                            (Some(d), _) => x.department == d,
                            (None, Some(r)) => x.region == r,
                            (None, None) => x.insee == "75056",
                        })
                        .map(|x| x.insee.to_owned())
                })
                .unwrap_or_else(|| "75056".into());
            ("commune", commune, String::new())
        }
    };
    let runs = [
        (
            "Rencontre de lancement",
            past,
            "none",
            i.is_multiple_of(2),
            None,
        ),
        (
            [
                "Atelier mensuel",
                "Permanence hebdomadaire",
                "Réunion d'échange",
            ][i % 3],
            upcoming,
            ["monthly", "weekly", "none"][i % 3],
            i % 3 == 1,
            Some(12 + (i % 4) as i32 * 4),
        ),
    ];
    for (title, day, recurrence, online, capacity) in runs {
        let (kind, commune, url) = place(online);
        let form = EventForm {
            title: title.into(),
            description: format!(
                "{title} de la communauté « {} ». Ouvert à tous les membres.",
                c.name
            ),
            starts: format!("{day}T18:00"),
            ends: format!("{day}T20:00"),
            time_zone: zone.into(),
            recurrence: recurrence.into(),
            place: kind.into(),
            commune,
            online_url: url,
            capacity: capacity.map(|n| n.to_string()).unwrap_or_default(),
            ..Default::default()
        };
        let limits = Limits {
            now: Utc::now(),
            going: 0,
            is_new: false,
        };
        let input = form
            .parse(&limits)
            .map_err(|e| anyhow::anyhow!("demo event of {}: {e:?}", c.name))?;
        let event = super::events::insert(state, c.id, Some(host.id), &input).await?;
        for (k, m) in members.iter().enumerate() {
            let answer = if k % 3 == 2 {
                Answer::Maybe
            } else {
                Answer::Going
            };
            super::registration::answer(state, &event, m.id, answer).await?;
        }
    }
    Ok(())
}

/// A collection for each community once the demo projects exist (they are collected
/// after the server starts): up to four projects of its territory (or of the hub for a
/// national community) with a note. Does nothing if any collection exists.
pub async fn seed_collections(state: &AppState) -> anyhow::Result<usize> {
    use crate::entities::{community_collection, community_collection_item, project};
    let db = &state.db;
    if community_collection::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let communities = community::Entity::find()
        .order_by_asc(community::Column::Id)
        .all(db)
        .await?;
    let total = project::Entity::find()
        .filter(project::Column::MergedInto.is_null())
        .count(db)
        .await?;
    if total == 0 {
        return Ok(0);
    }
    let mut created = 0;
    for (i, c) in communities.iter().enumerate() {
        let mut select = project::Entity::find()
            .filter(project::Column::MergedInto.is_null())
            .filter(project::Column::Status.eq("active"));
        select = match (&c.department_code, &c.region_code) {
            (Some(d), _) => select.filter(project::Column::DepartmentCode.eq(d.clone())),
            (None, Some(r)) => select.filter(project::Column::RegionCode.eq(r.clone())),
            (None, None) => select,
        };
        let mut projects = select
            .order_by_asc(project::Column::Id)
            .limit(4)
            .all(db)
            .await?;
        if projects.is_empty() {
            // Few demo projects in this territory: a hub-wide selection.
            projects = project::Entity::find()
                .filter(project::Column::MergedInto.is_null())
                .order_by_asc(project::Column::Id)
                .offset((i as u64 * 2) % total)
                .limit(3)
                .all(db)
                .await?;
        }
        if projects.is_empty() {
            continue;
        }
        let collection = community_collection::ActiveModel {
            community_id: Set(c.id),
            title: Set("À suivre sur notre territoire".into()),
            description: Set(format!(
                "Les projets que les membres de « {} » suivent de près.",
                c.name
            )),
            created_by: Set(c.proposed_by),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (k, p) in projects.iter().enumerate() {
            community_collection_item::ActiveModel {
                collection_id: Set(collection.id),
                project_id: Set(p.id),
                note: Set([
                    "À rencontrer lors de notre prochaine réunion.",
                    "Une démarche qui pourrait essaimer chez nous.",
                    "Cherche des bénévoles.",
                    "Partenaire possible pour un projet commun.",
                ][k % 4]
                    .into()),
                added_by: Set(c.proposed_by),
                added_at: Set(Utc::now()),
            }
            .insert(db)
            .await?;
        }
        created += 1;
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_community_parses() {
        let themes: Vec<String> = ["ALI", "EDU", "HAB", "TER", "MOB", "SAN", "ECO", "CUL"]
            .iter()
            .map(|t| (*t).to_owned())
            .collect();
        assert!(SPECS.len() >= 20);
        for (name, scope, chosen, visibility, rule, zone, what) in SPECS {
            let (kind, code) = scope.split_once(':').unwrap_or((scope, ""));
            let form = CommunityForm {
                name: (*name).into(),
                description: (*what).into(),
                scope: kind.into(),
                commune: if kind == "commune" {
                    code.into()
                } else {
                    String::new()
                },
                department: if kind == "department" {
                    code.into()
                } else {
                    String::new()
                },
                region: if kind == "region" {
                    code.into()
                } else {
                    String::new()
                },
                themes: chosen.iter().map(|t| (*t).to_owned()).collect(),
                visibility: (*visibility).into(),
                membership_rule: (*rule).into(),
            };
            assert!(
                form.parse(&themes).is_ok(),
                "{name}: {:?}",
                form.parse(&themes).err()
            );
            assert!(zone.parse::<chrono_tz::Tz>().is_ok());
        }
    }
}
