//! Charter versions in the database: version 1 is the bundled `CHARTER.md`; each adopted
//! amendment adds the next one. The current version's rules apply to votes opened after
//! its adoption.
use anyhow::Context as _;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryOrder,
};

use super::charter::{CHARTER_V1, Charter};
use crate::entities::charter_version;

/// Stores version 1 on a hub that has no charter yet.
pub async fn seed(db: &DatabaseConnection) -> anyhow::Result<()> {
    let bundled = Charter::bundled().context("the bundled CHARTER.md is invalid")?;
    if charter_version::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let row = charter_version::ActiveModel {
        version: Set(bundled.version as i32),
        document: Set(CHARTER_V1.to_owned()),
        adopted_on: Set(bundled.adopted_on),
        proposal_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    // Two nodes starting at once: the unique version keeps one.
    charter_version::Entity::insert(row)
        .on_conflict_do_nothing_on([charter_version::Column::Version])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A stored version with its parsed content.
#[derive(Debug, Clone)]
pub struct Version {
    pub row: charter_version::Model,
    pub charter: Charter,
}

fn parsed(row: charter_version::Model) -> Result<Version, DbErr> {
    let charter = Charter::parse(&row.document)
        .map_err(|e| DbErr::Custom(format!("charter version {} is invalid: {e}", row.version)))?;
    Ok(Version { row, charter })
}

/// The version in force.
pub async fn current<C: ConnectionTrait>(conn: &C) -> Result<Version, DbErr> {
    let row = charter_version::Entity::find()
        .order_by_desc(charter_version::Column::Version)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("charter_versions".into()))?;
    parsed(row)
}

/// Every version, newest first.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<charter_version::Model>, DbErr> {
    charter_version::Entity::find()
        .order_by_desc(charter_version::Column::Version)
        .all(conn)
        .await
}

/// Version `number`, if it exists.
pub async fn find<C: ConnectionTrait>(conn: &C, number: i32) -> Result<Option<Version>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    charter_version::Entity::find()
        .filter(charter_version::Column::Version.eq(number))
        .one(conn)
        .await?
        .map(parsed)
        .transpose()
}

/// `document` with its front matter's `version` and `adopted_on` set (added when
/// missing), as the charter's section 8 says adoption does.
pub fn stamped(document: &str, version: i32, adopted_on: NaiveDate) -> String {
    let Some(rest) = document.strip_prefix("+++") else {
        return document.to_owned();
    };
    let Some((front, body)) = rest.split_once("\n+++") else {
        return document.to_owned();
    };
    let version_line = format!("version = {version}");
    let date_line = format!("adopted_on = \"{}\"", adopted_on.format("%Y-%m-%d"));
    let mut lines: Vec<String> = Vec::new();
    let (mut has_version, mut has_date, mut in_table) = (false, false, false);
    for line in front.lines() {
        let key = line.split('=').next().unwrap_or_default().trim();
        if line.trim_start().starts_with('[') {
            in_table = true;
        }
        if !in_table && key == "version" {
            lines.push(version_line.clone());
            has_version = true;
        } else if !in_table && key == "adopted_on" {
            lines.push(date_line.clone());
            has_date = true;
        } else {
            lines.push(line.to_owned());
        }
    }
    let mut head = Vec::new();
    if !has_version {
        head.push(version_line);
    }
    if !has_date {
        head.push(date_line);
    }
    // The first line is the rest of the opening `+++` line (usually empty).
    let (first, others) = lines
        .split_first()
        .map_or((String::new(), &[][..]), |(f, o)| (f.clone(), o));
    let mut out = format!("+++{first}\n");
    for line in head.iter().chain(others.iter()) {
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end_matches('\n').len());
    format!("{out}\n+++{body}")
}

/// Adds the next version from an adopted amendment's text; returns its number.
pub async fn adopt<C: ConnectionTrait>(
    txn: &C,
    proposal_id: i64,
    document: &str,
) -> Result<i32, DbErr> {
    let next = current(txn).await?.row.version + 1;
    let today = Utc::now().date_naive();
    let document = stamped(document, next, today);
    Charter::parse(&document)
        .map_err(|e| DbErr::Custom(format!("the adopted charter is invalid: {e}")))?;
    charter_version::Entity::insert(charter_version::ActiveModel {
        version: Set(next),
        document: Set(document),
        adopted_on: Set(today),
        proposal_id: Set(Some(proposal_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamping_sets_number_and_date_only_in_the_top_table() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        let stamped = stamped(CHARTER_V1, 2, date);
        let charter = Charter::parse(&stamped).unwrap();
        assert_eq!(charter.version, 2);
        assert_eq!(charter.adopted_on, date);
        assert_eq!(charter.rules, Charter::bundled().unwrap().rules);
        assert_eq!(
            charter.body_markdown,
            Charter::bundled().unwrap().body_markdown
        );
        let bare = "+++\n[governance]\nquorum = 0.5\n+++\n# T";
        let added = super::stamped(bare, 3, date);
        assert!(added.starts_with("+++\nversion = 3\nadopted_on = \"2027-01-02\"\n[governance]"));
    }
}
