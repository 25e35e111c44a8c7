//! Who may read and write which conversation. A person reads a thread when they take part
//! in it (they started it, or hold the project it is about), or when it is addressed to
//! a shared inbox they handle: a partner's (its admins and editors, and the member it is
//! assigned to) or the coordinators'. Nobody else, coordinators included: they see other
//! threads only through the moderation queue, for the messages reported to them.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::model::{InboxKind, Role};
use crate::entities::{
    conversation, conversation_inbox, conversation_participant, membership, partner, user,
};
use crate::partners::model::Role as MemberRole;

/// An inbox of the conversation that the person handles.
#[derive(Debug, Clone)]
pub struct InboxRight {
    pub inbox: conversation_inbox::Model,
    /// Admins and editors of the partner, or coordinators: they also assign.
    pub manage: bool,
    /// The partner's name, or none for the coordinators' inbox.
    pub partner: Option<partner::Model>,
}

/// What a person may do with one conversation.
#[derive(Debug, Clone)]
pub struct ThreadAccess {
    pub conversation: conversation::Model,
    /// Their own row, whatever its role (created when an inbox handler first opens it).
    pub me: Option<conversation_participant::Model>,
    /// They take part in their own name (sender or holder).
    pub direct: bool,
    pub inboxes: Vec<InboxRight>,
}

impl ThreadAccess {
    /// The inbox a reply of theirs speaks for: none when they take part themselves.
    pub fn reply_inbox(&self) -> Option<&InboxRight> {
        if self.direct {
            None
        } else {
            self.inboxes.first()
        }
    }
}

/// True when a participant row speaks for the person themselves.
pub fn is_direct(row: &conversation_participant::Model) -> bool {
    row.left_at.is_none() && matches!(Role::parse(&row.role), Some(Role::Sender | Role::Holder))
}

/// Whether `user` handles `inbox` (and manages it), given the partner of the inbox.
pub async fn inbox_right<C: ConnectionTrait>(
    conn: &C,
    inbox: &conversation_inbox::Model,
    user: &user::Model,
) -> Result<Option<bool>, DbErr> {
    match InboxKind::parse(&inbox.kind) {
        Some(InboxKind::Coordination) => Ok(user.is_coordinator.then_some(true)),
        Some(InboxKind::Partner) => {
            let Some(partner_id) = inbox.partner_id else {
                return Ok(None);
            };
            let role = membership::Entity::find()
                .filter(membership::Column::PartnerId.eq(partner_id))
                .filter(membership::Column::UserId.eq(user.id))
                .one(conn)
                .await?
                .and_then(|m| MemberRole::parse(&m.role));
            Ok(match role {
                Some(MemberRole::Admin | MemberRole::Editor) => Some(true),
                Some(_) if inbox.assigned_user_id == Some(user.id) => Some(false),
                _ => None,
            })
        }
        None => Ok(None),
    }
}

/// What `user` may do with conversation `id`; `None` when they may not read it.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    user: &user::Model,
) -> Result<Option<ThreadAccess>, DbErr> {
    let Some(conversation) = conversation::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let me = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(id))
        .filter(conversation_participant::Column::UserId.eq(user.id))
        .one(conn)
        .await?;
    let direct = me.as_ref().is_some_and(is_direct);
    let mut inboxes = Vec::new();
    for inbox in conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::ConversationId.eq(id))
        .all(conn)
        .await?
    {
        if let Some(manage) = inbox_right(conn, &inbox, user).await? {
            let partner = match inbox.partner_id {
                Some(pid) => partner::Entity::find_by_id(pid).one(conn).await?,
                None => None,
            };
            inboxes.push(InboxRight {
                inbox,
                manage,
                partner,
            });
        }
    }
    if !direct && inboxes.is_empty() {
        return Ok(None);
    }
    Ok(Some(ThreadAccess {
        conversation,
        me,
        direct,
        inboxes,
    }))
}

/// SQL condition (on `conversation_participants p`) for the rows that still give
/// `$1` (the person) access; `$2` is whether they are a coordinator. Shared by the
/// unread count and the inbox list, so both agree with [`load`].
pub const LIVE_ROW_SQL: &str = "p.user_id = $1 AND p.left_at IS NULL AND (\
     p.role IN ('sender', 'holder') \
     OR (p.role = 'inbox' AND EXISTS (SELECT 1 FROM conversation_inboxes i WHERE i.id = p.inbox_id AND (\
         (i.kind = 'coordination' AND $2) \
         OR (i.kind = 'partner' AND EXISTS (SELECT 1 FROM memberships m WHERE m.partner_id = i.partner_id \
             AND m.user_id = p.user_id AND (m.role IN ('admin', 'editor') OR i.assigned_user_id = p.user_id)))))))";
