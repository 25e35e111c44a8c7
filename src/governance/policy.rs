//! Who may do what in governance. One partner, one vote: people act through a partner
//! they belong to; coordinators open and close votes but vote only through a partner.
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::accounts::session::CurrentUser;
use crate::entities::{membership, partner, user};
use crate::error::{AppError, AppResult};
use crate::partners::model::{Role, Status};
use crate::state::AppState;

/// A partner the person belongs to, with their role there.
#[derive(Debug, Clone)]
pub struct Membership {
    pub partner: partner::Model,
    pub role: Role,
}

impl Membership {
    fn active(&self) -> bool {
        Status::parse(&self.partner.status) == Some(Status::Active)
    }
}

/// The signed-in person and every partner they belong to.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: user::Model,
    pub memberships: Vec<Membership>,
}

/// Why an action is refused; each is the locale key `error-forbidden-<reason>`.
pub mod reason {
    pub const NOT_A_VOTER: &str = "vote-not-a-voter";
    pub const COORDINATOR_WITHOUT_PARTNER: &str = "vote-coordinator-without-partner";
    pub const PARTNER_NOT_ACTIVE: &str = "vote-partner-not-active";
    pub const NOT_IN_ELECTORATE: &str = "vote-not-in-electorate";
    pub const VOTE_NOT_OPEN: &str = "vote-not-open";
    pub const VOTE_CLOSED: &str = "vote-closed";
    pub const FROZEN: &str = "proposal-frozen";
    pub const NOT_AUTHOR: &str = "proposal-not-author";
    pub const CANNOT_DRAFT: &str = "proposal-cannot-draft";
    pub const CANNOT_COMMENT: &str = "proposal-cannot-comment";
    pub const COORDINATORS_ONLY: &str = "governance-coordinators-only";
}

impl Actor {
    pub async fn load<C: ConnectionTrait>(conn: &C, user: user::Model) -> Result<Self, DbErr> {
        let rows = membership::Entity::find()
            .filter(membership::Column::UserId.eq(user.id))
            .find_also_related(partner::Entity)
            .order_by_asc(membership::Column::Id)
            .all(conn)
            .await?;
        let memberships = rows
            .into_iter()
            .filter_map(|(m, p)| {
                Some(Membership {
                    role: Role::parse(&m.role)?,
                    partner: p?,
                })
            })
            .collect();
        Ok(Actor { user, memberships })
    }

    pub fn is_coordinator(&self) -> bool {
        self.user.is_coordinator
    }

    fn membership(&self, partner_id: i64) -> Option<&Membership> {
        self.memberships.iter().find(|m| m.partner.id == partner_id)
    }

    /// Partners for which this person may draft proposals.
    pub fn drafting_partners(&self) -> Vec<&partner::Model> {
        self.memberships
            .iter()
            .filter(|m| m.active() && matches!(m.role, Role::Admin | Role::Editor))
            .map(|m| &m.partner)
            .collect()
    }

    /// Refuses unless this person is an admin or editor of `partner_id`, an active partner.
    pub fn require_drafter(&self, partner_id: i64) -> AppResult<&partner::Model> {
        match self.membership(partner_id) {
            Some(m) if m.active() && matches!(m.role, Role::Admin | Role::Editor) => Ok(&m.partner),
            _ => Err(AppError::forbidden(reason::CANNOT_DRAFT)),
        }
    }

    /// Partners whose ballot this person may cast (voter or admin of an active partner).
    pub fn voting_partners(&self) -> Vec<&partner::Model> {
        self.memberships
            .iter()
            .filter(|m| m.active() && matches!(m.role, Role::Admin | Role::Voter))
            .map(|m| &m.partner)
            .collect()
    }

    /// Refuses, with the reason, unless this person may cast `partner_slug`'s ballot.
    pub fn require_voter(&self, partner_slug: &str) -> AppResult<&partner::Model> {
        let Some(m) = self
            .memberships
            .iter()
            .find(|m| m.partner.slug == partner_slug)
        else {
            return Err(AppError::forbidden(if self.is_coordinator() {
                reason::COORDINATOR_WITHOUT_PARTNER
            } else {
                reason::NOT_A_VOTER
            }));
        };
        if !matches!(m.role, Role::Admin | Role::Voter) {
            return Err(AppError::forbidden(reason::NOT_A_VOTER));
        }
        if !m.active() {
            return Err(AppError::forbidden(reason::PARTNER_NOT_ACTIVE));
        }
        Ok(&m.partner)
    }

    /// Partners this person may speak for in a deliberation (any role, active partner).
    pub fn commenting_partners(&self) -> Vec<&partner::Model> {
        self.memberships
            .iter()
            .filter(|m| m.active())
            .map(|m| &m.partner)
            .collect()
    }

    /// Refuses unless this person may comment, for `partner_id` when given.
    pub fn require_commenter(&self, partner_id: Option<i64>) -> AppResult<Option<i64>> {
        match partner_id {
            Some(id) => match self.membership(id) {
                Some(m) if m.active() => Ok(Some(id)),
                _ => Err(AppError::forbidden(reason::CANNOT_COMMENT)),
            },
            None if self.is_coordinator() => Ok(None),
            None => Err(AppError::forbidden(reason::CANNOT_COMMENT)),
        }
    }

    pub fn require_coordinator(&self) -> AppResult<()> {
        if self.is_coordinator() {
            Ok(())
        } else {
            Err(AppError::forbidden(reason::COORDINATORS_ONLY))
        }
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) =
            <CurrentUser as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        Ok(Actor::load(&state.db, user).await?)
    }
}

impl OptionalFromRequestParts<AppState> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, AppError> {
        let current =
            <CurrentUser as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state)
                .await?;
        match current {
            Some(CurrentUser(user)) => Ok(Some(Actor::load(&state.db, user).await?)),
            None => Ok(None),
        }
    }
}
