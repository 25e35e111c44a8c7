//! Expertise profile pages: creating (`/courtage/profils/nouveau`), editing and deleting
//! one's profiles or those of a partner one belongs to, one's list
//! (`/courtage/mes-profils`), and a profile's page with the open requests it matches.
//! A hidden profile is seen only by those who manage it.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use tower_sessions::Session;

use super::access;
use super::matching::{self, MatchedRequest, ProfileCard, profile_cards};
use super::model::{Kind, ProfileTerms, Reach};
use super::post::{Choice, one_error};
use super::profile::{self, PUBLISHED, ProfileChoices, ProfileForm, profile_path};
use crate::accounts::rate_limit;
use crate::accounts::session::CurrentUser;
use crate::entities::{board_profile, membership, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Lang, Page, flash};

#[derive(Serialize)]
struct FormView {
    mode: &'static str,
    action: String,
    profile_id: Option<i64>,
    refused: Option<&'static str>,
    form: ProfileForm,
    errors: FieldErrors,
    kinds: Vec<&'static str>,
    paid: Vec<&'static str>,
    reaches: Vec<&'static str>,
    on_behalf: Vec<Choice>,
    departments: Vec<Choice>,
    regions: Vec<Choice>,
    themes: Vec<Choice>,
    publics: Vec<Choice>,
}

fn term_choices(terms: &Terms, vocabulary: &str, lang: Lang) -> Vec<Choice> {
    terms
        .tree(vocabulary, lang)
        .into_iter()
        .map(|(t, depth)| Choice {
            value: t.code,
            label: t.label,
            depth,
        })
        .collect()
}

async fn view(
    state: &AppState,
    lang: Lang,
    me: &user::Model,
    existing: Option<&board_profile::Model>,
    form: ProfileForm,
    errors: FieldErrors,
) -> AppResult<FormView> {
    let terms = Terms::load(&state.db).await?;
    let rights = access::posting_rights(&state.db, me).await?;
    let index = crate::geo::communes::index();
    Ok(FormView {
        mode: if existing.is_some() { "edit" } else { "new" },
        action: match existing {
            Some(p) => format!("{}/modifier", profile_path(p.id)),
            None => "/courtage/profils/nouveau".into(),
        },
        profile_id: existing.map(|p| p.id),
        refused: me.verified_at.is_none().then_some("board-verify-first"),
        form,
        errors,
        kinds: Kind::codes(),
        paid: ProfileTerms::codes(),
        reaches: Reach::codes(),
        on_behalf: rights
            .partners
            .iter()
            .map(|p| Choice {
                value: format!("partner:{}", p.id),
                label: p.name.clone(),
                depth: 0,
            })
            .collect(),
        departments: index
            .departments
            .iter()
            .map(|d| Choice {
                value: d.code.into(),
                label: format!("{} – {}", d.code, d.name),
                depth: 0,
            })
            .collect(),
        regions: crate::geo::communes::regions()
            .into_iter()
            .map(|(code, name)| Choice {
                value: code.into(),
                label: name.into(),
                depth: 0,
            })
            .collect(),
        themes: term_choices(&terms, "theme", lang),
        publics: term_choices(&terms, "public", lang),
    })
}

async fn choices(state: &AppState, me: &user::Model) -> AppResult<ProfileChoices> {
    let terms = Terms::load(&state.db).await?;
    let codes = |vocabulary: &str| {
        terms
            .tree(vocabulary, Lang::Fr)
            .into_iter()
            .map(|(t, _)| t.code)
            .collect::<Vec<_>>()
    };
    let rights = access::posting_rights(&state.db, me).await?;
    Ok(ProfileChoices {
        partners: rights.partners.iter().map(|p| p.id).collect(),
        themes: codes("theme"),
        publics: codes("public"),
    })
}

/// `GET /courtage/profils/nouveau`
pub async fn new_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let form = ProfileForm {
        visible: "1".into(),
        ..Default::default()
    };
    let v = view(&state, page.lang(), &me, None, form, FieldErrors::new()).await?;
    page.render("board/profile_form.html", &v)
}

/// `POST /courtage/profils/nouveau`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let lang = page.lang();
    if me.verified_at.is_none() {
        let v = view(&state, lang, &me, None, form, FieldErrors::new()).await?;
        return page.render_with_status(StatusCode::FORBIDDEN, "board/profile_form.html", &v);
    }
    let input = match form.parse(&choices(&state, &me).await?) {
        Ok(input) => input,
        Err(errors) => {
            let v = view(&state, lang, &me, None, form, errors).await?;
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "board/profile_form.html",
                &v,
            );
        }
    };
    let key = format!("board-profile:{}", me.id);
    if rate_limit::hit(
        &state.db,
        &key,
        state.settings.board.requests_per_day,
        Duration::days(1),
    )
    .await
    .is_err()
    {
        let v = view(
            &state,
            lang,
            &me,
            None,
            form,
            one_error("form", "board-limit-profiles"),
        )
        .await?;
        return page.render_with_status(
            StatusCode::TOO_MANY_REQUESTS,
            "board/profile_form.html",
            &v,
        );
    }
    let saved = profile::create(&state.db, &me, &input).await?;
    flash(&session, "success", "board-profile-saved").await?;
    Ok(Redirect::to(&profile_path(saved.id)).into_response())
}

/// The profile `id` if `me` manages it; 403 on a published one, 404 on a hidden one.
async fn managed(state: &AppState, me: &user::Model, id: i64) -> AppResult<board_profile::Model> {
    let found = profile::find(&state.db, id).await?;
    if profile::manages(&state.db, &found, me).await? {
        Ok(found)
    } else if found.status == PUBLISHED {
        Err(AppError::forbidden("board-profile-not-yours"))
    } else {
        Err(AppError::not_found("board-profile"))
    }
}

async fn theme_codes(state: &AppState) -> AppResult<Vec<String>> {
    let terms = Terms::load(&state.db).await?;
    Ok(terms
        .tree("theme", Lang::Fr)
        .into_iter()
        .map(|(t, _)| t.code)
        .collect())
}

/// `GET /courtage/profils/{id}/modifier`
pub async fn edit_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let found = managed(&state, &me, id).await?;
    let codes = profile::terms_of(&state.db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let form = ProfileForm::of(&found, codes, &theme_codes(&state).await?);
    let v = view(
        &state,
        page.lang(),
        &me,
        Some(&found),
        form,
        FieldErrors::new(),
    )
    .await?;
    page.render("board/profile_form.html", &v)
}

/// `POST /courtage/profils/{id}/modifier`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let found = managed(&state, &me, id).await?;
    let mut choices = choices(&state, &me).await?;
    // A colleague editing a partner's profile keeps it on the partner's behalf.
    choices.partners.extend(found.partner_id);
    let input = match form.parse(&choices) {
        Ok(input) => input,
        Err(errors) => {
            let v = view(&state, page.lang(), &me, Some(&found), form, errors).await?;
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "board/profile_form.html",
                &v,
            );
        }
    };
    profile::update(&state.db, &found, &input).await?;
    flash(&session, "success", "board-profile-saved").await?;
    Ok(Redirect::to(&profile_path(id)).into_response())
}

/// `POST /courtage/profils/{id}/supprimer`
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    managed(&state, &me, id).await?;
    board_profile::Entity::delete_by_id(id)
        .exec(&state.db)
        .await?;
    flash(&session, "success", "board-profile-deleted").await?;
    Ok(Redirect::to("/courtage/mes-profils").into_response())
}

#[derive(Serialize)]
struct ShowView {
    card: ProfileCard,
    description_html: String,
    publics: Vec<crate::taxonomy::Term>,
    manages: bool,
    matches: Vec<MatchedRequest>,
}

/// `GET /courtage/profils/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let lang = page.lang();
    let found = profile::find(&state.db, id).await?;
    let manages = match &me {
        Some(CurrentUser(me)) => profile::manages(&state.db, &found, me).await?,
        None => false,
    };
    if found.status != PUBLISHED && !manages {
        return Err(AppError::not_found("board-profile"));
    }
    let terms = Terms::load(&state.db).await?;
    let codes = profile::terms_of(&state.db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let matches = matching::requests_for(&state.db, &found, &codes, &terms, lang).await?;
    let card = profile_cards(&state.db, std::slice::from_ref(&found), &terms, lang)
        .await?
        .remove(0);
    let view = ShowView {
        card,
        description_html: found.description_html.clone(),
        publics: codes
            .iter()
            .filter_map(|c| terms.get(c, lang))
            .filter(|t| t.vocabulary == "public")
            .collect(),
        manages,
        matches,
    };
    page.render("board/profile_show.html", &view)
}

/// `GET /courtage/mes-profils`: one's profiles and those of one's partners.
pub async fn mine(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let partners: Vec<i64> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(me.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| m.partner_id)
        .collect();
    let rows = board_profile::Entity::find()
        .filter(
            Condition::any()
                .add(board_profile::Column::UserId.eq(me.id))
                .add(board_profile::Column::PartnerId.is_in(partners)),
        )
        .order_by_desc(board_profile::Column::UpdatedAt)
        .all(&state.db)
        .await?;
    let terms = Terms::load(&state.db).await?;
    let cards = profile_cards(&state.db, &rows, &terms, page.lang()).await?;
    page.render(
        "board/my_profiles.html",
        &serde_json::json!({ "profiles": cards }),
    )
}
