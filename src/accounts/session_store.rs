//! tower-sessions store over sea-orm, so sessions live in the same database as the rest
//! (no published store supports sea-orm 2; see docs/architecture.md).
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use crate::entities::session;

/// Sessions stored in the `sessions` table.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn expiry(record: &Record) -> Result<DateTime<Utc>, session_store::Error> {
    DateTime::<Utc>::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| session_store::Error::Encode("expiry out of range".into()))
}

fn row(record: &Record) -> Result<session::ActiveModel, session_store::Error> {
    Ok(session::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(serde_json::to_string(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?),
        expires_at: Set(expiry(record)?),
        user_id: Set(record
            .data
            .get(super::session::USER_ID_KEY)
            .and_then(|v| v.as_i64())),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits; on the rare collision draw a new one.
        loop {
            let inserted = session::Entity::insert(row(record)?)
                .on_conflict(
                    OnConflict::column(session::Column::Id)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        // Update only: a session ended elsewhere (sign-out everywhere, password reset,
        // account deletion) must not be written back by a request still holding it.
        // New sessions, including after `cycle_id`, always go through `create`.
        let row = row(record)?;
        session::Entity::update_many()
            .set(session::ActiveModel {
                data: row.data,
                expires_at: row.expires_at,
                user_id: row.user_id,
                ..Default::default()
            })
            .filter(session::Column::Id.eq(record.id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let found = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(found) = found else { return Ok(None) };
        let data = serde_json::from_str(&found.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(found.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of `user_id` except `keep` (the current one, when it should stay).
pub async fn end_sessions_of<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    keep: Option<&Id>,
) -> Result<(), sea_orm::DbErr> {
    let mut delete = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        delete = delete.filter(session::Column::Id.ne(keep.to_string()));
    }
    delete.exec(db).await?;
    Ok(())
}
