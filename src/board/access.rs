//! Who may do what with board requests. The *posting organisation* of a request is its
//! partner's members (for a request posted on behalf of a partner) or the holders of its
//! project (on behalf of a project), and always the poster while they belong to it: they
//! edit, close and reopen the request and read its answers. Coordinators unpublish and
//! review, but read no answers. A respondent reads their own answer.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::{board_request, membership, partner, project, project_claim, user};
use crate::partners::model::Status as PartnerStatus;

/// Partners (active) and held projects a person may post for.
#[derive(Debug, Clone, Default)]
pub struct PostingRights {
    pub partners: Vec<partner::Model>,
    pub projects: Vec<project::Model>,
}

impl PostingRights {
    pub fn is_empty(&self) -> bool {
        self.partners.is_empty() && self.projects.is_empty()
    }
}

/// What `person` may post on behalf of.
pub async fn posting_rights<C: ConnectionTrait>(
    conn: &C,
    person: &user::Model,
) -> Result<PostingRights, DbErr> {
    let partner_ids: Vec<i64> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(person.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.partner_id)
        .collect();
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(partner_ids))
        .filter(partner::Column::Status.eq(PartnerStatus::Active.as_str()))
        .all(conn)
        .await?;
    let project_ids: Vec<i64> = project_claim::Entity::find()
        .filter(project_claim::Column::UserId.eq(person.id))
        .filter(project_claim::Column::Status.eq("approved"))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.project_id)
        .collect();
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .filter(project::Column::MergedInto.is_null())
        .all(conn)
        .await?;
    Ok(PostingRights { partners, projects })
}

/// Whether `person` belongs to the posting organisation of `request`.
pub async fn manages<C: ConnectionTrait>(
    conn: &C,
    request: &board_request::Model,
    person: &user::Model,
) -> Result<bool, DbErr> {
    if let Some(partner_id) = request.partner_id {
        return Ok(membership::Entity::find()
            .filter(membership::Column::PartnerId.eq(partner_id))
            .filter(membership::Column::UserId.eq(person.id))
            .one(conn)
            .await?
            .is_some());
    }
    if let Some(project_id) = request.holder_project_id {
        return crate::projects::claim::is_holder(conn, project_id, person.id).await;
    }
    Ok(false)
}

/// Whether `person` may take `request` off the board: its organisation or a coordinator.
pub async fn may_unpublish<C: ConnectionTrait>(
    conn: &C,
    request: &board_request::Model,
    person: &user::Model,
) -> Result<bool, DbErr> {
    Ok(person.is_coordinator || manages(conn, request, person).await?)
}

/// The people of `request`'s posting organisation: its partner's members, or its
/// project's holders (approved claims).
pub async fn organisation_members<C: ConnectionTrait>(
    conn: &C,
    request: &board_request::Model,
) -> Result<Vec<user::Model>, DbErr> {
    let ids: Vec<i64> = if let Some(partner_id) = request.partner_id {
        membership::Entity::find()
            .filter(membership::Column::PartnerId.eq(partner_id))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect()
    } else if let Some(project_id) = request.holder_project_id {
        project_claim::Entity::find()
            .filter(project_claim::Column::ProjectId.eq(project_id))
            .filter(project_claim::Column::Status.eq("approved"))
            .all(conn)
            .await?
            .into_iter()
            .map(|c| c.user_id)
            .collect()
    } else {
        Vec::new()
    };
    user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await
}
