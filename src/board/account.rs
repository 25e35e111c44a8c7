//! What the board keeps and drops when an account goes: the person's answers lose their
//! message, name and documents (the posting organisation keeps a trace that someone
//! answered, and its own status and note); their profiles and saved searches go. The
//! requests they posted stay with the posting organisation.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::{board_answer, board_answer_file, board_profile, board_saved_search, file};

/// Detaches `user_id` from the board (before their account is anonymised or deleted).
pub async fn detach<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<(), DbErr> {
    let answers: Vec<i64> = board_answer::Entity::find()
        .filter(board_answer::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let files: Vec<i64> = board_answer_file::Entity::find()
        .filter(board_answer_file::Column::AnswerId.is_in(answers.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|f| f.file_id)
        .collect();
    // Deleting the stored files deletes their links (foreign key cascade).
    file::Entity::delete_many()
        .filter(file::Column::Id.is_in(files))
        .exec(conn)
        .await?;
    board_answer::Entity::update_many()
        .col_expr(
            board_answer::Column::UserId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(board_answer::Column::RespondentName, Expr::value(""))
        .col_expr(board_answer::Column::Body, Expr::value(""))
        .col_expr(board_answer::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(board_answer::Column::Id.is_in(answers))
        .exec(conn)
        .await?;
    board_profile::Entity::delete_many()
        .filter(board_profile::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    board_saved_search::Entity::delete_many()
        .filter(board_saved_search::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}
