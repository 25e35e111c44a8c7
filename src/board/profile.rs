//! Expertise profiles: what a person — or a partner through one of its members — can
//! help with: themes and publics of the shared taxonomy, a territory, the kinds of
//! requests answered, an availability and whether the help is pro bono or paid. The
//! form keeps its values and names each mistake next to its field; writes replace the
//! profile and its terms in one transaction.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use super::form::{Place, parse_place};
use super::model::{Kind, ProfileTerms};
use crate::entities::{board_profile, board_profile_term, membership, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::web::forms::check_length;

/// A profile shown to everyone, or kept to its owners.
pub const PUBLISHED: &str = "published";
pub const HIDDEN: &str = "hidden";

/// The address of a profile's page.
pub fn profile_path(id: i64) -> String {
    format!("/courtage/profils/{id}")
}

/// The fields as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub title: String,
    pub description: String,
    /// Empty (the person themselves) or `partner:{id}`.
    pub on_behalf: String,
    pub territory: String,
    pub commune: String,
    pub department: String,
    pub region: String,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
    pub kinds: Vec<String>,
    pub availability: String,
    pub terms: String,
    /// `1`: listed on the board.
    pub visible: String,
    /// Left empty by people; bots fill it.
    pub website: String,
}

/// A profile as the database keeps it.
#[derive(Debug, Clone)]
pub struct ProfileInput {
    pub title: String,
    pub description: String,
    pub partner_id: Option<i64>,
    pub place: Place,
    pub terms: Vec<String>,
    pub kinds: Vec<Kind>,
    pub availability: String,
    pub paid: ProfileTerms,
    pub visible: bool,
}

/// What the form's choices may be.
pub struct ProfileChoices {
    /// Partners the person belongs to.
    pub partners: Vec<i64>,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
}

fn push(errors: &mut FieldErrors, field: &str, key: &str) {
    errors.entry(field.into()).or_default().push(key.into());
}

impl ProfileForm {
    /// The input, or every mistake by field.
    pub fn parse(&self, choices: &ProfileChoices) -> Result<ProfileInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !self.website.trim().is_empty() {
            push(&mut errors, "form", "board-honeypot");
        }
        let title = check_length(&mut errors, "title", &self.title, 8, 160);
        let description = check_length(&mut errors, "description", &self.description, 30, 10_000);
        let partner_id = match self.on_behalf.trim() {
            "" => None,
            text => match text
                .strip_prefix("partner:")
                .and_then(|id| id.parse::<i64>().ok())
                .filter(|id| choices.partners.contains(id))
            {
                Some(id) => Some(id),
                None => {
                    push(&mut errors, "on_behalf", "board-profile-partner-not-yours");
                    None
                }
            },
        };
        let place = parse_place(
            &mut errors,
            &self.territory,
            &self.commune,
            &self.department,
            &self.region,
        );
        let mut terms = Vec::new();
        for (codes, known, field) in [
            (&self.themes, &choices.themes, "themes"),
            (&self.publics, &choices.publics, "publics"),
        ] {
            for code in codes {
                if known.contains(code) {
                    terms.push(code.clone());
                } else {
                    push(&mut errors, field, "board-term-unknown");
                }
            }
        }
        if self.themes.is_empty() {
            push(&mut errors, "themes", "board-themes-required");
        }
        let mut kinds = Vec::new();
        for code in &self.kinds {
            match Kind::parse(code) {
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => push(&mut errors, "kinds", "board-kind-required"),
            }
        }
        if kinds.is_empty() && !errors.contains_key("kinds") {
            push(&mut errors, "kinds", "board-profile-kinds-required");
        }
        let availability = check_length(&mut errors, "availability", &self.availability, 3, 200);
        let paid = ProfileTerms::parse(&self.terms);
        if paid.is_none() {
            push(&mut errors, "terms", "board-profile-terms-required");
        }
        match (place, paid) {
            (Some(place), Some(paid)) if errors.is_empty() => Ok(ProfileInput {
                title,
                description,
                partner_id,
                place,
                terms,
                kinds,
                availability,
                paid,
                visible: self.visible == "1",
            }),
            _ => Err(errors),
        }
    }

    /// The form of a saved profile.
    pub fn of(profile: &board_profile::Model, codes: Vec<String>, themes: &[String]) -> Self {
        let (themes, publics) = codes.into_iter().partition(|c| themes.contains(c));
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        ProfileForm {
            title: profile.title.clone(),
            description: profile.description.clone(),
            on_behalf: profile
                .partner_id
                .map(|id| format!("partner:{id}"))
                .unwrap_or_default(),
            territory: profile.territory.clone(),
            commune: text(&profile.commune_insee),
            department: text(&profile.department_code),
            region: text(&profile.region_code),
            themes,
            publics,
            kinds: kinds_of(profile)
                .iter()
                .map(|k| k.as_str().into())
                .collect(),
            availability: profile.availability.clone(),
            terms: profile.terms.clone(),
            visible: if profile.status == PUBLISHED {
                "1".into()
            } else {
                String::new()
            },
            website: String::new(),
        }
    }
}

/// The request kinds a profile answers.
pub fn kinds_of(profile: &board_profile::Model) -> Vec<Kind> {
    profile.kinds.split(',').filter_map(Kind::parse).collect()
}

fn fill(row: &mut board_profile::ActiveModel, input: &ProfileInput) {
    row.partner_id = Set(input.partner_id);
    row.title = Set(input.title.clone());
    row.description = Set(input.description.clone());
    row.description_html = Set(crate::web::markdown::to_safe_html(&input.description));
    row.territory = Set(input.place.reach.as_str().into());
    row.commune_insee = Set(input.place.commune_insee.clone());
    row.department_code = Set(input.place.department_code.clone());
    row.region_code = Set(input.place.region_code.clone());
    row.latitude = Set(input.place.latitude);
    row.longitude = Set(input.place.longitude);
    row.kinds = Set(input
        .kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(","));
    row.availability = Set(input.availability.clone());
    row.terms = Set(input.paid.as_str().into());
    row.status = Set(if input.visible { PUBLISHED } else { HIDDEN }.into());
    row.updated_at = Set(Utc::now());
}

async fn replace_terms<C: ConnectionTrait>(
    conn: &C,
    profile_id: i64,
    terms: &[String],
) -> Result<(), DbErr> {
    board_profile_term::Entity::delete_many()
        .filter(board_profile_term::Column::ProfileId.eq(profile_id))
        .exec(conn)
        .await?;
    if !terms.is_empty() {
        board_profile_term::Entity::insert_many(terms.iter().map(|code| {
            board_profile_term::ActiveModel {
                profile_id: Set(profile_id),
                term_code: Set(code.clone()),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Creates `owner`'s profile with its terms.
pub async fn create(
    db: &DatabaseConnection,
    owner: &user::Model,
    input: &ProfileInput,
) -> AppResult<board_profile::Model> {
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let mut row = board_profile::ActiveModel {
        user_id: Set(owner.id),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, input);
    let saved = row.insert(&txn).await?;
    replace_terms(&txn, saved.id, &input.terms).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Replaces a profile's content and terms.
pub async fn update(
    db: &DatabaseConnection,
    profile: &board_profile::Model,
    input: &ProfileInput,
) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let mut row: board_profile::ActiveModel = profile.clone().into();
    fill(&mut row, input);
    row.update(&txn).await?;
    replace_terms(&txn, profile.id, &input.terms).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether `person` may edit and delete `profile`: its author, or a member of the
/// partner it is offered for.
pub async fn manages<C: ConnectionTrait>(
    conn: &C,
    profile: &board_profile::Model,
    person: &user::Model,
) -> Result<bool, DbErr> {
    if profile.user_id == person.id {
        return Ok(true);
    }
    let Some(partner_id) = profile.partner_id else {
        return Ok(false);
    };
    Ok(membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner_id))
        .filter(membership::Column::UserId.eq(person.id))
        .one(conn)
        .await?
        .is_some())
}

/// The profile `id`, or 404.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<board_profile::Model> {
    board_profile::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("board-profile"))
}

/// Term codes of each profile of `ids`.
pub async fn terms_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<String>>, DbErr> {
    let mut out: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for row in board_profile_term::Entity::find()
        .filter(board_profile_term::Column::ProfileId.is_in(ids.to_vec()))
        .all(conn)
        .await?
    {
        out.entry(row.profile_id).or_default().push(row.term_code);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> ProfileChoices {
        ProfileChoices {
            partners: vec![7],
            themes: vec!["ECO".into()],
            publics: vec!["PUB-JEUNES".into()],
        }
    }

    fn valid() -> ProfileForm {
        ProfileForm {
            title: "Évaluation d'impact social".into(),
            description: "J'accompagne les associations dans l'évaluation de leur impact.".into(),
            territory: "region".into(),
            region: "32".into(),
            themes: vec!["ECO".into()],
            kinds: vec!["expertise".into(), "volunteer".into()],
            availability: "deux jours par mois".into(),
            terms: "both".into(),
            visible: "1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_profile_parses() {
        let input = valid().parse(&choices()).unwrap();
        assert_eq!(input.kinds, vec![Kind::Expertise, Kind::Volunteer]);
        assert_eq!(input.place.region_code.as_deref(), Some("32"));
        assert!(input.visible && input.partner_id.is_none());
    }

    #[test]
    fn mistakes_are_named_by_field() {
        let mut form = valid();
        form.on_behalf = "partner:8".into();
        form.kinds = Vec::new();
        form.terms = String::new();
        form.themes = Vec::new();
        let errors = form.parse(&choices()).unwrap_err();
        assert_eq!(errors["on_behalf"], vec!["board-profile-partner-not-yours"]);
        assert_eq!(errors["kinds"], vec!["board-profile-kinds-required"]);
        assert_eq!(errors["terms"], vec!["board-profile-terms-required"]);
        assert_eq!(errors["themes"], vec!["board-themes-required"]);
    }
}
