//! How participants are named: their account's name, "deleted account" once it is gone,
//! the holder's name from the project for a holder reached by mail, and the inbox an
//! answer speaks for.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::model::Role;
use crate::entities::{conversation_inbox, conversation_participant, partner, user};
use crate::web::Lang;

/// A person's name as conversations show it.
pub fn user_name(u: &user::Model, lang: Lang) -> String {
    if u.deleted_at.is_some() {
        lang.t("messaging-deleted-user")
    } else {
        u.display_name.clone()
    }
}

/// Everything needed to name the participants of some conversations.
#[derive(Default)]
pub struct Names {
    users: HashMap<i64, user::Model>,
    inboxes: HashMap<i64, conversation_inbox::Model>,
    partners: HashMap<i64, partner::Model>,
}

impl Names {
    /// Loads the accounts behind `rows` and the inboxes `inbox_ids` with their partners.
    pub async fn load<C: ConnectionTrait>(
        conn: &C,
        rows: &[conversation_participant::Model],
        inbox_ids: &[i64],
    ) -> Result<Self, DbErr> {
        let user_ids: Vec<i64> = rows.iter().filter_map(|r| r.user_id).collect();
        let users = user::Entity::find()
            .filter(user::Column::Id.is_in(user_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let inboxes: HashMap<i64, conversation_inbox::Model> = conversation_inbox::Entity::find()
            .filter(conversation_inbox::Column::Id.is_in(inbox_ids.to_vec()))
            .all(conn)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
        let partner_ids: Vec<i64> = inboxes.values().filter_map(|i| i.partner_id).collect();
        let partners = partner::Entity::find()
            .filter(partner::Column::Id.is_in(partner_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        Ok(Self {
            users,
            inboxes,
            partners,
        })
    }

    /// The account of `user_id`, when loaded.
    pub fn user(&self, user_id: i64) -> Option<&user::Model> {
        self.users.get(&user_id)
    }

    /// The participant's own name.
    pub fn of(&self, row: &conversation_participant::Model, lang: Lang) -> String {
        match (
            Role::parse(&row.role),
            row.user_id.and_then(|id| self.users.get(&id)),
        ) {
            (_, Some(u)) => user_name(u, lang),
            (Some(Role::Relay), None) => row
                .display_name
                .clone()
                .unwrap_or_else(|| lang.t("messaging-holder")),
            _ => lang.t("messaging-deleted-user"),
        }
    }

    /// The name of inbox `id`: the partner's, or the coordination's.
    pub fn inbox(&self, id: i64, lang: Lang) -> String {
        let partner = self
            .inboxes
            .get(&id)
            .and_then(|i| i.partner_id)
            .and_then(|p| self.partners.get(&p));
        match partner {
            Some(p) => p.name.clone(),
            None => lang.t("messaging-coordination"),
        }
    }
}
