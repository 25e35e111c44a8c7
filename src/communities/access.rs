//! Who may do what in a community. A community that is not active yet is seen only by
//! the person who proposed it and the coordinators; an active one by everyone, but the
//! content of a members-only community (members, discussions, events, calendars) only by
//! its active members. Hosts are active members with the `host` role.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::model::{MemberStatus, Role, Status, Visibility};
use crate::entities::{community, community_member, user};
use crate::error::{AppError, AppResult};

/// A community as one person (or a visitor) may use it.
#[derive(Debug, Clone)]
pub struct Access {
    pub community: community::Model,
    pub me: Option<user::Model>,
    /// Their row, whatever its status (active, requested, invited).
    pub membership: Option<community_member::Model>,
}

impl Access {
    pub fn is_member(&self) -> bool {
        self.membership
            .as_ref()
            .is_some_and(|m| m.status == MemberStatus::Active.as_str())
    }

    pub fn is_host(&self) -> bool {
        self.is_member()
            && self
                .membership
                .as_ref()
                .is_some_and(|m| m.role == Role::Host.as_str())
    }

    pub fn is_coordinator(&self) -> bool {
        self.me.as_ref().is_some_and(|u| u.is_coordinator)
    }

    pub fn is_active(&self) -> bool {
        self.community.status == Status::Active.as_str()
    }

    /// Members, discussions and events are shown to this person.
    pub fn sees_content(&self) -> bool {
        self.is_active()
            && (self.community.visibility == Visibility::Public.as_str() || self.is_member())
    }

    /// 404 unless the person sees the content (a members-only community's content does
    /// not exist for others); 401 for a visitor, so they can sign in.
    pub fn require_content(&self) -> AppResult<()> {
        if self.sees_content() {
            Ok(())
        } else if self.me.is_none() && self.is_active() {
            Err(AppError::Unauthorized)
        } else {
            Err(AppError::forbidden("community-members-only"))
        }
    }

    /// 403 unless an active member.
    pub fn require_member(&self) -> AppResult<()> {
        if self.is_active() && self.is_member() {
            Ok(())
        } else {
            Err(AppError::forbidden("community-members-only"))
        }
    }

    /// 403 unless a host.
    pub fn require_host(&self) -> AppResult<()> {
        if self.is_active() && self.is_host() {
            Ok(())
        } else {
            Err(AppError::forbidden("community-hosts-only"))
        }
    }

    pub fn user(&self) -> AppResult<&user::Model> {
        self.me.as_ref().ok_or(AppError::Unauthorized)
    }
}

/// The community `slug` as `me` may see it; 404 when it does not exist for them.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    me: Option<user::Model>,
) -> AppResult<Access> {
    let community = community::Entity::find()
        .filter(community::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("community"))?;
    let membership = match &me {
        Some(u) => {
            community_member::Entity::find()
                .filter(community_member::Column::CommunityId.eq(community.id))
                .filter(community_member::Column::UserId.eq(u.id))
                .one(conn)
                .await?
        }
        None => None,
    };
    if community.status != Status::Active.as_str() {
        let proposer = me
            .as_ref()
            .is_some_and(|u| community.proposed_by == Some(u.id));
        let coordinator = me.as_ref().is_some_and(|u| u.is_coordinator);
        if !proposer && !coordinator {
            return Err(AppError::not_found("community"));
        }
    }
    Ok(Access {
        community,
        me,
        membership,
    })
}
