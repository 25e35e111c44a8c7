//! Governance of the demo hub, so that a newcomer finds it alive: a roadmap ranked by a
//! past majority-judgment vote, a past adopted decision, a charter amendment being voted
//! on and a decision in deliberation. Everything goes through the real services (drafts,
//! submission, opening, ballots, closing); only in demo mode, once.
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::charter::CHARTER_V1;
use super::close::{self, When};
use super::model::Kind;
use super::proposals::{self, Draft, NewOption, Opening};
use super::tally::{Choice, Grade, Method, YesNo};
use super::{ballots, versions};
use crate::entities::{
    membership, partner, proposal, proposal_comment, roadmap_event, roadmap_item, user,
};
use crate::partners::model::Role;
use crate::state::AppState;

/// Seeds the demo's governance unless any proposal exists. Returns whether it did.
pub async fn seed_if_empty(state: &AppState) -> anyhow::Result<bool> {
    let db = &state.db;
    if proposal::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let partners = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Id)
        .all(db)
        .await?;
    if partners.len() < VOTING_PARTNERS {
        return Ok(false);
    }
    let voters = voters(state, &partners).await?;
    let author = (&voters[0].0, voters[0].1);
    let now = Utc::now();

    // The roadmap, ranked by a past vote.
    let mut items = Vec::new();
    for (title, description) in [
        (
            "Carte des lieux d'innovation sociale",
            "Situer sur la carte les tiers-lieux, incubateurs et fabriques de territoire.",
        ),
        (
            "Annuaire des financeurs",
            "Relier les porteurs de projets aux fondations et collectivités qui financent.",
        ),
        (
            "Version anglaise des fiches",
            "Traduire les fiches les plus consultées.",
        ),
    ] {
        let item = roadmap_item::ActiveModel {
            title: Set(title.into()),
            description: Set(description.into()),
            status: Set("proposed".into()),
            rank: Set(None),
            partner_id: Set(Some(partners[1].id)),
            created_by: Set(Some(voters[1].1)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        roadmap_event::ActiveModel {
            item_id: Set(item.id),
            status: Set("proposed".into()),
            rank: Set(None),
            proposal_id: Set(None),
            user_id: Set(Some(voters[1].1)),
            at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        items.push(item);
    }
    let roadmap = Draft {
        kind: Kind::RoadmapDecision,
        method: Method::MajorityJudgment,
        title: "Priorités de la feuille de route 2027".into(),
        summary: "Classer les trois chantiers proposés pour l'année.".into(),
        body: String::new(),
        options: items
            .iter()
            .map(|i| NewOption {
                label: i.title.clone(),
                description: i.description.clone(),
                roadmap_item_id: Some(i.id),
            })
            .collect(),
    };
    let roadmap_id = submitted(state, author, &roadmap).await?;
    open_now(state, roadmap_id).await?;
    let profiles = [
        [Grade::VeryGood, Grade::Good, Grade::Passable],
        [Grade::Excellent, Grade::FairlyGood, Grade::Insufficient],
        [Grade::Good, Grade::Good, Grade::ToReject],
    ];
    for (i, (partner, user_id)) in voters.iter().enumerate() {
        let grades = profiles[i % profiles.len()].to_vec();
        ballots::cast(
            db,
            roadmap_id,
            partner,
            *user_id,
            &Choice::Grades(grades),
            None,
        )
        .await?;
    }
    close_now(state, roadmap_id).await?;

    // A past decision, adopted.
    let meetings = Draft {
        kind: Kind::GeneralDecision,
        method: Method::YesNo,
        title: "Une rencontre des partenaires chaque trimestre".into(),
        summary: "Se voir régulièrement, en visio ou en région, pour faire vivre le collectif."
            .into(),
        body: "Le collectif organise **une rencontre des partenaires par trimestre**, à tour de rôle dans une région différente, avec une participation à distance possible.".into(),
        options: Vec::new(),
    };
    let meetings_id = submitted(state, author, &meetings).await?;
    open_now(state, meetings_id).await?;
    let votes = [
        YesNo::For,
        YesNo::For,
        YesNo::Against,
        YesNo::For,
        YesNo::Abstain,
        YesNo::For,
    ];
    for ((partner, user_id), vote) in voters.iter().zip(votes) {
        ballots::cast(
            db,
            meetings_id,
            partner,
            *user_id,
            &Choice::YesNo(vote),
            None,
        )
        .await?;
    }
    close_now(state, meetings_id).await?;

    // A charter amendment being voted on: a shorter deliberation.
    let amended = CHARTER_V1
        .replace("deliberation_days = 14", "deliberation_days = 10")
        .replace(
            "**période de délibération de 14 jours**",
            "**période de délibération de 10 jours**",
        )
        .replace(
            "discutées pendant **14 jours**",
            "discutées pendant **10 jours**",
        );
    let amendment = Draft {
        kind: Kind::CharterAmendment,
        method: Method::YesNo,
        title: "Ramener la délibération à 10 jours".into(),
        summary: "Quatorze jours de délibération retardent des décisions simples ; dix jours laissent le temps de discuter.".into(),
        body: amended,
        options: Vec::new(),
    };
    let amendment_id = submitted(state, author, &amendment).await?;
    open_now(state, amendment_id).await?;
    for (partner, user_id) in voters.iter().take(2) {
        ballots::cast(
            db,
            amendment_id,
            partner,
            *user_id,
            &Choice::YesNo(YesNo::For),
            None,
        )
        .await?;
    }

    // A decision in deliberation, with a discussion.
    let newsletter = Draft {
        kind: Kind::GeneralDecision,
        method: Method::Approval,
        title: "Le nom de la lettre d'information du collectif".into(),
        summary: "Choisir le nom de la lettre mensuelle qui présentera les nouveaux projets."
            .into(),
        body: String::new(),
        options: [
            "Carrefour des initiatives",
            "La Lettre des communs",
            "Relier",
        ]
        .iter()
        .map(|label| NewOption {
            label: (*label).into(),
            description: String::new(),
            roadmap_item_id: None,
        })
        .collect(),
    };
    let newsletter_id = submitted(state, (&voters[1].0, voters[1].1), &newsletter).await?;
    let first = proposal_comment::ActiveModel {
        proposal_id: Set(newsletter_id),
        parent_id: Set(None),
        author_id: Set(Some(voters[2].1)),
        partner_id: Set(Some(voters[2].0.id)),
        body: Set("« Relier » dit bien l'objet de la charte, mais se cherche mal en ligne.".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    proposal_comment::ActiveModel {
        proposal_id: Set(newsletter_id),
        parent_id: Set(Some(first.id)),
        author_id: Set(Some(voters[1].1)),
        partner_id: Set(Some(voters[1].0.id)),
        body: Set(
            "On peut garder *Relier* en titre et préciser « la lettre de Carrefour » dessous."
                .into(),
        ),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// How many demo partners vote in the demo's ballots: half of the twelve demo partners,
/// the quorum.
const VOTING_PARTNERS: usize = 6;

/// The address of the demo voter of the partner `slug`.
pub fn voter_email(slug: &str) -> String {
    format!("votant.{slug}@demo.carrefour.localhost")
}

/// The first demo partners with one person who may cast each one's ballot: its demo
/// admin, or a demo voter made here with the demo password (demo accounts are removed
/// when the hub leaves demo mode; the README lists them).
async fn voters(
    state: &AppState,
    partners: &[partner::Model],
) -> anyhow::Result<Vec<(partner::Model, i64)>> {
    let db = &state.db;
    let hash = crate::accounts::password::hash(crate::demo::accounts::DEMO_PASSWORD.into()).await?;
    let mut out = Vec::new();
    for p in partners.iter().take(VOTING_PARTNERS) {
        let existing = membership::Entity::find()
            .filter(membership::Column::PartnerId.eq(p.id))
            .filter(membership::Column::Role.is_in([Role::Admin.as_str(), Role::Voter.as_str()]))
            .one(db)
            .await?;
        let user_id = match existing {
            Some(m) => m.user_id,
            None => {
                let now = Utc::now();
                let person = user::ActiveModel {
                    email: Set(voter_email(&p.slug)),
                    email_normalized: Set(voter_email(&p.slug)),
                    display_name: Set(format!("Votant·e {}", p.name)),
                    password_hash: Set(Some(hash.clone())),
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
                .await?;
                membership::ActiveModel {
                    user_id: Set(person.id),
                    partner_id: Set(p.id),
                    role: Set(Role::Voter.as_str().into()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                person.id
            }
        };
        out.push((p.clone(), user_id));
    }
    Ok(out)
}

async fn submitted(
    state: &AppState,
    (partner, user_id): (&partner::Model, i64),
    draft: &Draft,
) -> anyhow::Result<i64> {
    let base = (draft.kind == Kind::CharterAmendment)
        .then_some(versions::current(&state.db).await?.row.version);
    let id = proposals::create(&state.db, partner.id, user_id, draft, base, None).await?;
    proposals::submit(&state.db, id, user_id).await?;
    Ok(id)
}

async fn open_now(state: &AppState, id: i64) -> anyhow::Result<()> {
    let coordinator = user::Entity::find()
        .filter(user::Column::Email.eq(crate::demo::accounts::DEMO_COORDINATOR))
        .one(&state.db)
        .await?
        .map(|u| u.id);
    let opening = Opening {
        closes_at: Utc::now() + Duration::days(14),
        secret: false,
    };
    proposals::open(state, id, coordinator, opening).await?;
    Ok(())
}

/// Ends a demo vote as if its closing date had come: half of the partners voted.
async fn close_now(state: &AppState, id: i64) -> anyhow::Result<()> {
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::ClosesAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(proposal::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    close::close(state, id, When::Due).await?;
    Ok(())
}
