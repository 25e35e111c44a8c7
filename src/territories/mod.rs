//! French territories (regions, departments, communes): the reference data and the
//! territory pages.
pub mod atlas;
pub mod routes;

pub use routes::router;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::entities::{commune, department, region};

/// Rows written per insert statement (SQLite and PostgreSQL bind limits).
const CHUNK: usize = 1000;

/// Inserts the bundled regions, departments and communes (all current French communes,
/// `crate::geo`) that are missing.
pub async fn seed(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    // Every command seeds: a count tells that nothing is missing, without building the
    // index of all communes (several MiB kept for the life of the process).
    if commune::Entity::find().count(db).await? as usize >= crate::geo::COMMUNES {
        return Ok(());
    }
    let geo = crate::geo::index();
    region::Entity::insert_many(crate::geo::regions().into_iter().map(|(code, name)| {
        region::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
        }
    }))
    .on_conflict(
        OnConflict::column(region::Column::Code)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    department::Entity::insert_many(geo.departments.iter().map(|d| department::ActiveModel {
        code: Set(d.code.into()),
        name: Set(d.name.into()),
        region_code: Set(d.region.into()),
    }))
    .on_conflict(
        OnConflict::column(department::Column::Code)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    for chunk in geo.communes.chunks(CHUNK) {
        commune::Entity::insert_many(chunk.iter().map(|c| commune::ActiveModel {
            insee: Set(c.insee.into()),
            name: Set(c.name.into()),
            postcode: Set(c.postcodes.first().copied().unwrap_or_default().into()),
            department_code: Set(c.department.into()),
            latitude: Set(Some(c.lat)),
            longitude: Set(Some(c.lon)),
        }))
        .on_conflict(
            OnConflict::column(commune::Column::Insee)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// `(code, name)` of every region, by name.
pub async fn region_names(
    db: &DatabaseConnection,
) -> Result<Vec<(String, String)>, sea_orm::DbErr> {
    use sea_orm::QueryOrder;
    Ok(region::Entity::find()
        .order_by_asc(region::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}
