//! Demo conversations, written through the real messaging and claim services once the
//! demo projects exist: a visitor who wrote to a claimed project's holder (who answered),
//! to a demo partner (whose admin answered for it), to the coordinators and to an
//! unclaimed project (relayed by mail), and a holder with two claimed projects. A newcomer signed in as any of them, or as the partner's
//! demo admin or the demo coordinator, finds an inbox with content.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entities::{partner, project, settings_kv, user};
use crate::messaging::model::{ClaimMethod, Format, Via};
use crate::messaging::service::{self, Draft, Target};
use crate::state::AppState;

const SEEDED_KEY: &str = "demo_messaging";
/// The demo visitor's address (README).
pub const DEMO_VISITOR: &str = "visiteur@demo.carrefour.localhost";
/// The demo holder's address (README).
pub const DEMO_HOLDER: &str = "porteur@demo.carrefour.localhost";

pub(crate) async fn demo_user(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
) -> anyhow::Result<user::Model> {
    if let Some(existing) = crate::accounts::users::find_by_email(db, email).await? {
        return Ok(existing);
    }
    let hash = crate::accounts::password::hash(super::accounts::DEMO_PASSWORD.into()).await?;
    let now = Utc::now();
    Ok(user::ActiveModel {
        email: Set(email.into()),
        email_normalized: Set(email.to_lowercase()),
        display_name: Set(name.into()),
        password_hash: Set(Some(hash)),
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
    .await?)
}

/// The first active demo projects with a contact address.
async fn reachable_projects(
    db: &DatabaseConnection,
    count: u64,
) -> anyhow::Result<Vec<project::Model>> {
    Ok(project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .filter(project::Column::ContactEmail.is_not_null())
        .order_by_asc(project::Column::Id)
        .limit(count)
        .all(db)
        .await?)
}

/// Starts a conversation from `sender` to `target` with `first`, then adds `replies`
/// (author, text) in order; each author is a participant or handles the inbox.
async fn conversation(
    state: &AppState,
    sender: &user::Model,
    target: Target,
    subject: &str,
    first: &str,
    replies: &[(&user::Model, &str)],
) -> anyhow::Result<()> {
    let db = &state.db;
    let to = service::recipients(db, &target)
        .await?
        .map_err(|why| anyhow::anyhow!("demo conversation {subject:?}: {why:?}"))?;
    let draft = Draft::parse(subject, first).map_err(|e| anyhow::anyhow!("demo draft: {e:?}"))?;
    let started = service::start(state, sender, &target, &to, &draft, false)
        .await
        .map_err(|e| anyhow::anyhow!("demo conversation: {e}"))?;
    for (author, text) in replies {
        let access = crate::messaging::access::load(db, started.conversation_id, author)
            .await?
            .ok_or_else(|| {
                anyhow::anyhow!("{} may not write in the demo conversation", author.email)
            })?;
        let row = crate::messaging::thread::my_row(state, &access, author)
            .await
            .map_err(|e| anyhow::anyhow!("demo participant: {e}"))?;
        let inbox = access.reply_inbox().map(|i| i.inbox.id);
        service::post(
            state,
            &access.conversation,
            &row,
            inbox,
            text,
            Format::Markdown,
            Via::Web,
            false,
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo reply: {e}"))?;
    }
    Ok(())
}

/// Seeds the demo conversations unless done; returns whether it seeded now.
pub async fn seed(state: &AppState) -> anyhow::Result<bool> {
    let db = &state.db;
    if settings_kv::Entity::find_by_id(SEEDED_KEY.to_owned())
        .one(db)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let Some(first_partner) = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let projects = reachable_projects(db, 3).await?;
    if projects.len() < 3 {
        tracing::warn!("too few demo projects for the demo conversations");
        return Ok(false);
    }
    let visitor = demo_user(db, DEMO_VISITOR, "Léa (visiteuse)").await?;
    let holder = demo_user(db, DEMO_HOLDER, "Samir (porteur de projets)").await?;
    for p in &projects[..2] {
        let email = p.contact_email.clone().unwrap_or_default();
        crate::projects::claim::approve_by_proof(state, p.id, &holder, ClaimMethod::Email, &email)
            .await
            .map_err(|e| anyhow::anyhow!("demo claim: {e}"))?;
    }
    conversation(
        state,
        &visitor,
        Target::Project(projects[0].clone()),
        "Visite et bénévolat",
        "Bonjour,\nj'habite le quartier et je voudrais donner un coup de main. Peut-on passer vous voir ?",
        &[
            (&holder, "Bonjour Léa, avec plaisir ! Nous sommes là **tous les samedis de 10 h à 12 h**."),
            (&visitor, "Parfait, je passe samedi prochain. Merci !"),
        ],
    )
    .await?;
    let admin = crate::accounts::users::find_by_email(
        db,
        &super::accounts::admin_email(&first_partner.slug),
    )
    .await?;
    let partner_replies: Vec<(&user::Model, &str)> = match &admin {
        Some(admin) => vec![(
            admin,
            "Bonjour, merci pour votre intérêt. Nous vous envoyons la liste des projets de votre territoire cette semaine.",
        )],
        None => Vec::new(),
    };
    conversation(
        state,
        &visitor,
        Target::Partner(first_partner.clone(), None),
        "Projets près de chez moi",
        "Bonjour, quels projets repérez-vous dans ma commune ?",
        &partner_replies,
    )
    .await?;
    conversation(
        state,
        &visitor,
        Target::Coordination,
        "Une question sur le collectif",
        "Bonjour, comment une association peut-elle rejoindre le collectif ?",
        &[],
    )
    .await?;
    // An unclaimed project: relayed by mail (to the outbox of the embedded hub).
    conversation(
        state,
        &visitor,
        Target::Project(projects[2].clone()),
        "Votre projet m'intéresse",
        "Bonjour, votre projet est-il ouvert aux nouveaux bénévoles ?",
        &[],
    )
    .await?;
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(SEEDED_KEY.into()),
        value: Set(Utc::now().to_rfc3339()),
    })
    .exec(db)
    .await?;
    tracing::info!("demo conversations seeded");
    Ok(true)
}
