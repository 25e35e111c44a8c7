//! Who may do what in a partner space. Every partner-space handler takes an
//! `ActingPartner` and asks it `require(Action::…)`; the rules live only here.
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::model::{Role, Status};
use crate::accounts::session::CurrentUser;
use crate::entities::{membership, partner, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Something a person may try in a partner space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ViewSpace,
    ViewMembers,
    EditProfile,
    ManageMembers,
    Leave,
    ViewSources,
    ManageSources,
    /// See how the partner's tags map to the thesaurus.
    ViewTags,
    /// Map the partner's tags to thesaurus terms.
    MapTags,
    /// Read, assign and close the conversations addressed to the partner.
    HandleInbox,
    /// Decide on requests to hold the projects the partner lists, revoke claims.
    DecideClaims,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::ViewSpace,
        Action::ViewMembers,
        Action::EditProfile,
        Action::ManageMembers,
        Action::Leave,
        Action::ViewSources,
        Action::ManageSources,
        Action::ViewTags,
        Action::MapTags,
        Action::HandleInbox,
        Action::DecideClaims,
    ];
}

/// The decision: `role` is the person's role in the partner (none for outsiders).
pub fn allows(role: Option<Role>, is_coordinator: bool, status: Status, action: Action) -> bool {
    // A partner that left the collective keeps its history; nobody changes it any more.
    let open = matches!(status, Status::Applicant | Status::Active);
    match action {
        Action::ViewSpace | Action::ViewMembers => role.is_some() || is_coordinator,
        Action::EditProfile | Action::ManageMembers => open && role == Some(Role::Admin),
        Action::Leave => role.is_some(),
        Action::ViewSources | Action::ViewTags => {
            matches!(role, Some(Role::Admin | Role::Editor)) || is_coordinator
        }
        Action::ManageSources | Action::MapTags | Action::DecideClaims => {
            open && matches!(role, Some(Role::Admin | Role::Editor))
        }
        // Its conversations stay readable after a partner leaves; coordinators only
        // read threads through their own inbox and the moderation queue.
        Action::HandleInbox => matches!(role, Some(Role::Admin | Role::Editor)),
    }
}

/// The signed-in person acting in the partner named by the `{partner}` path segment.
pub struct ActingPartner {
    pub partner: partner::Model,
    pub status: Status,
    pub user: user::Model,
    pub role: Option<Role>,
}

impl ActingPartner {
    pub fn can(&self, action: Action) -> bool {
        allows(self.role, self.user.is_coordinator, self.status, action)
    }

    /// Refuses with 403 unless the action is allowed.
    pub fn require(&self, action: Action) -> AppResult<()> {
        if self.can(action) {
            Ok(())
        } else {
            Err(AppError::forbidden("partner-role"))
        }
    }

    /// What the templates need to show or hide actions.
    pub fn abilities(&self) -> Abilities {
        Abilities {
            edit_profile: self.can(Action::EditProfile),
            manage_members: self.can(Action::ManageMembers),
            leave: self.can(Action::Leave),
            view_sources: self.can(Action::ViewSources),
            manage_sources: self.can(Action::ManageSources),
            view_tags: self.can(Action::ViewTags),
            map_tags: self.can(Action::MapTags),
            handle_inbox: self.can(Action::HandleInbox),
            decide_claims: self.can(Action::DecideClaims),
        }
    }
}

/// The actions a page offers, as booleans for templates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Abilities {
    pub edit_profile: bool,
    pub manage_members: bool,
    pub leave: bool,
    pub view_sources: bool,
    pub manage_sources: bool,
    pub view_tags: bool,
    pub map_tags: bool,
    pub handle_inbox: bool,
    pub decide_claims: bool,
}

impl FromRequestParts<AppState> for ActingPartner {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) =
            <CurrentUser as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::not_found("partner"))?;
        let slug = params
            .iter()
            .find(|(name, _)| *name == "partner")
            .map(|(_, value)| value.to_owned())
            .ok_or_else(|| AppError::not_found("partner"))?;
        let partner = partner::Entity::find()
            .filter(partner::Column::Slug.eq(slug))
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::not_found("partner"))?;
        let role = membership::Entity::find()
            .filter(membership::Column::PartnerId.eq(partner.id))
            .filter(membership::Column::UserId.eq(user.id))
            .one(&state.db)
            .await?
            .and_then(|m| Role::parse(&m.role));
        let status = Status::parse(&partner.status).unwrap_or(Status::Left);
        if role.is_none() && !user.is_coordinator {
            // Outsiders learn nothing about partners that are not public.
            return Err(if status == Status::Active {
                AppError::forbidden("partner-role")
            } else {
                AppError::not_found("partner")
            });
        }
        Ok(ActingPartner {
            partner,
            status,
            user,
            role,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_of_open_partners_manage() {
        for status in Status::ALL {
            for role in Role::ALL {
                let expected =
                    *role == Role::Admin && matches!(status, Status::Applicant | Status::Active);
                assert_eq!(
                    allows(Some(*role), false, *status, Action::ManageMembers),
                    expected
                );
            }
            assert!(!allows(None, true, *status, Action::ManageMembers));
            assert!(allows(None, true, *status, Action::ViewMembers));
            assert!(!allows(None, false, *status, Action::ViewSpace));
            assert!(!allows(None, true, *status, Action::Leave));
        }
    }
}
