//! Communities where other pages list them: a territory's page (the communities whose
//! territory is, contains or lies in it; national ones would be on every page and are
//! left to the search) and a project's page (those whose territory covers the project's
//! place, national ones included, and whose themes, if any, meet the project's).
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;

use super::model::{Scope, Status};
use super::views::{CommunityCard, cards, themes_of};
use crate::entities::{community, project, project_term};
use crate::taxonomy::Terms;
use crate::web::Lang;

/// Communities a page lists.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Communities {
    pub cards: Vec<CommunityCard>,
    /// `/communautes?…` with all of them, for territory pages.
    pub all_url: Option<String>,
}

pub use crate::board::lists::Territory;

/// The active communities whose scope covers `territory`.
pub async fn in_territory(
    db: &DatabaseConnection,
    lang: Lang,
    territory: Territory<'_>,
) -> Result<Communities, DbErr> {
    let index = crate::geo::communes::index();
    let covering = |scope: Scope, column: community::Column, code: &str| {
        Condition::all()
            .add(community::Column::Scope.eq(scope.as_str()))
            .add(column.eq(code.to_owned()))
    };
    let (condition, all_url) = match territory {
        Territory::Region(code) => (
            Condition::all().add(community::Column::RegionCode.eq(code)),
            Some(format!("/communautes?region={code}")),
        ),
        Territory::Department(code) => {
            let region = index.department(code).map(|d| d.region).unwrap_or_default();
            (
                Condition::any()
                    .add(community::Column::DepartmentCode.eq(code))
                    .add(covering(
                        Scope::Region,
                        community::Column::RegionCode,
                        region,
                    )),
                Some(format!("/communautes?department={code}")),
            )
        }
        Territory::Commune(insee) => {
            let commune = index.commune(insee);
            let department = commune.map(|c| c.department).unwrap_or_default();
            let region = commune.map(|c| c.region).unwrap_or_default();
            (
                Condition::any()
                    .add(community::Column::CommuneInsee.eq(insee))
                    .add(covering(
                        Scope::Department,
                        community::Column::DepartmentCode,
                        department,
                    ))
                    .add(covering(
                        Scope::Region,
                        community::Column::RegionCode,
                        region,
                    )),
                None,
            )
        }
    };
    let rows = community::Entity::find()
        .filter(community::Column::Status.eq(Status::Active.as_str()))
        .filter(condition)
        .order_by_asc(community::Column::Name)
        .all(db)
        .await?;
    let terms = Terms::load(db).await?;
    Ok(Communities {
        cards: cards(db, &rows, &terms, lang).await?,
        all_url,
    })
}

/// The active communities whose scope covers the project `project_id`.
pub async fn for_project(
    db: &DatabaseConnection,
    lang: Lang,
    project_id: i64,
) -> Result<Communities, DbErr> {
    let Some(p) = project::Entity::find_by_id(project_id).one(db).await? else {
        return Ok(Communities::default());
    };
    let mut place = Condition::any().add(community::Column::Scope.eq(Scope::France.as_str()));
    if let Some(insee) = &p.commune_insee {
        place = place.add(community::Column::CommuneInsee.eq(insee.clone()));
    }
    if let Some(d) = &p.department_code {
        place = place.add(
            Condition::all()
                .add(community::Column::Scope.eq(Scope::Department.as_str()))
                .add(community::Column::DepartmentCode.eq(d.clone())),
        );
    }
    if let Some(r) = &p.region_code {
        place = place.add(
            Condition::all()
                .add(community::Column::Scope.eq(Scope::Region.as_str()))
                .add(community::Column::RegionCode.eq(r.clone())),
        );
    }
    let mut rows = community::Entity::find()
        .filter(community::Column::Status.eq(Status::Active.as_str()))
        .filter(place)
        .order_by_asc(community::Column::Name)
        .all(db)
        .await?;
    let terms = Terms::load(db).await?;
    let mut project_themes: Vec<String> = project_term::Entity::find()
        .filter(project_term::Column::ProjectId.eq(project_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.term_code)
        .collect();
    // A sub-theme of the project meets its parent theme.
    let parents: Vec<String> = project_themes
        .iter()
        .filter_map(|c| terms.row(c).and_then(|r| r.parent_code.clone()))
        .collect();
    project_themes.extend(parents);
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let themes = themes_of(db, &ids).await?;
    rows.retain(|r| {
        let own = themes.get(&r.id);
        let national = r.scope == Scope::France.as_str();
        match own {
            Some(codes) if !codes.is_empty() => codes.iter().any(|c| project_themes.contains(c)),
            // A national community always has themes; a placed one without themes
            // covers every project of its territory.
            _ => !national,
        }
    });
    Ok(Communities {
        cards: cards(db, &rows, &terms, lang).await?,
        all_url: None,
    })
}
