//! Seeds the demo partners and projects into an empty database (embedded hub only).
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};

use super::generate::{self, DemoProject};
use crate::entities::{partner, project, project_attribution, project_term, settings_kv};
use crate::web::markdown::sanitize_html;
use crate::web::slug::slugify;

const SEEDED_KEY: &str = "demo_seeded";
const DEMO_SEED: u64 = 2026;

/// True when demo data was seeded earlier.
pub async fn already_seeded(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    Ok(settings_kv::Entity::find_by_id(SEEDED_KEY.to_owned())
        .one(db)
        .await?
        .is_some())
}

/// Seeds `count` demo projects unless demo data was seeded before or projects exist.
/// Returns the number of projects created.
pub async fn seed_if_empty(db: &DatabaseConnection, count: usize) -> anyhow::Result<usize> {
    if already_seeded(db).await? || project::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let partners = generate::partners();
    let projects = generate::projects(count, DEMO_SEED);
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut partner_ids = Vec::with_capacity(partners.len());
    for p in &partners {
        let inserted = partner::Entity::insert(partner::ActiveModel {
            slug: Set(p.slug.clone()),
            name: Set(p.name.clone()),
            kind: Set(p.kind.to_owned()),
            scale: Set(p.scale.to_owned()),
            website: Set(Some(p.website.clone())),
            description: Set(p.description.clone()),
            status: Set("active".into()),
            region_code: Set(p.region_code.map(str::to_owned)),
            admitted_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        partner_ids.push(inserted.last_insert_id);
    }
    for chunk in projects.chunks(200) {
        for demo in chunk {
            insert_project(&txn, demo, &partners, &partner_ids, now).await?;
        }
    }
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(SEEDED_KEY.into()),
        value: Set(now.to_rfc3339()),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(projects.len())
}

fn description_html(text: &str) -> String {
    let paragraphs: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", ammonia::clean_text(p.trim())))
        .collect();
    sanitize_html(&paragraphs)
}

async fn insert_project<C: sea_orm::ConnectionTrait>(
    conn: &C,
    demo: &DemoProject,
    partners: &[generate::DemoPartner],
    partner_ids: &[i64],
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    let slug = slugify(&demo.title, 80);
    let (y, m, d) = demo.start_date;
    let start = NaiveDate::from_ymd_opt(y, m, d);
    let inserted = project::Entity::insert(project::ActiveModel {
        slug: Set(slug.clone()),
        title: Set(demo.title.clone()),
        summary: Set(demo.summary.clone()),
        description_html: Set(description_html(&demo.description)),
        holder_name: Set(Some(demo.holder_name.clone())),
        structure_code: Set(Some(demo.structure_type.to_owned())),
        address: Set(Some(demo.address.clone())),
        commune_insee: Set(Some(demo.commune.insee.to_owned())),
        postcode: Set(Some(demo.commune.postcode.to_owned())),
        department_code: Set(Some(demo.commune.department_code.to_owned())),
        region_code: Set(Some(demo.commune.region_code.to_owned())),
        latitude: Set(Some(demo.lat)),
        longitude: Set(Some(demo.lon)),
        geo_precision: Set(Some("address".into())),
        website: Set(demo.website.clone()),
        contact_email: Set(demo.contact_email.clone()),
        image_url: Set(None),
        start_date: Set(start),
        start_year: Set(Some(y)),
        status: Set("active".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    let id = inserted.last_insert_id;
    let terms = demo
        .themes
        .iter()
        .chain(demo.publics.iter())
        .enumerate()
        .map(|(position, code)| project_term::ActiveModel {
            project_id: Set(id),
            term_code: Set((*code).to_owned()),
            position: Set(position as i32),
        });
    project_term::Entity::insert_many(terms)
        .exec_without_returning(conn)
        .await?;
    let tags = serde_json::to_string(&demo.themes)?;
    let credits = demo
        .partners
        .iter()
        .map(|&index| project_attribution::ActiveModel {
            project_id: Set(id),
            partner_id: Set(partner_ids[index]),
            original_url: Set(format!(
                "{}projets/{slug}",
                with_slash(&partners[index].website)
            )),
            partner_tags: Set(tags.clone()),
            first_seen_at: Set(now),
            last_seen_at: Set(now),
            ..Default::default()
        });
    let credits: Vec<_> = credits.collect();
    project_attribution::Entity::insert_many(credits)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}
