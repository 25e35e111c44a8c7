//! French territories (regions, departments, communes) as reference data.
use std::collections::BTreeMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};

use crate::demo::communes::COMMUNES;
use crate::entities::{commune, department, region};

/// Inserts the bundled regions, departments and communes that are missing.
pub async fn seed(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let mut regions = BTreeMap::new();
    let mut departments = BTreeMap::new();
    for c in COMMUNES {
        regions.insert(c.region_code, c.region_name);
        departments.insert(c.department_code, (c.department_name, c.region_code));
    }
    region::Entity::insert_many(regions.into_iter().map(|(code, name)| region::ActiveModel {
        code: Set(code.into()),
        name: Set(name.into()),
    }))
    .on_conflict(
        OnConflict::column(region::Column::Code)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    department::Entity::insert_many(departments.into_iter().map(|(code, (name, region))| {
        department::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            region_code: Set(region.into()),
        }
    }))
    .on_conflict(
        OnConflict::column(department::Column::Code)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    commune::Entity::insert_many(COMMUNES.iter().map(|c| commune::ActiveModel {
        insee: Set(c.insee.into()),
        name: Set(c.name.into()),
        postcode: Set(c.postcode.into()),
        department_code: Set(c.department_code.into()),
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
