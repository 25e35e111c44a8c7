//! `/coordination/thesaurus`: coordinators add terms to the shared thesaurus and reword
//! labels and synonyms. Codes never change once given: partners' mappings and projects
//! refer to them. Tags waiting in partners' queues are matched again after each change.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::client::ClientIp;
use crate::accounts::session::Coordinator;
use crate::entities::taxonomy_term;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::taxonomy::matching::synonyms;
use crate::taxonomy::{Terms, VOCABULARIES};
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Lang, Page, flash};

const MAX_CODE_CHARS: usize = 48;
const MAX_LABEL_CHARS: usize = 160;
const MAX_SYNONYMS_CHARS: usize = 4000;

/// A new term as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct NewTermForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    vocabulary: String,
    #[serde(default)]
    parent_code: String,
    #[serde(default)]
    label_fr: String,
    #[serde(default)]
    label_en: String,
    #[serde(default)]
    synonyms: String,
}

/// A term's wording as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct EditTermForm {
    #[serde(default)]
    label_fr: String,
    #[serde(default)]
    label_en: String,
    #[serde(default)]
    synonyms: String,
}

#[derive(Serialize)]
struct TermRow {
    code: String,
    parent_code: Option<String>,
    depth: u8,
    /// The wording shown in the edit form (as typed after a refused change).
    form: EditTermForm,
    /// The stored synonyms, for reading.
    synonyms: Vec<String>,
    /// The edit form was refused: open it with its errors.
    editing: bool,
    /// What was wrong with the refused edit, by field.
    errors: FieldErrors,
}

#[derive(Serialize)]
struct VocabularyView {
    name: &'static str,
    terms: Vec<TermRow>,
}

#[derive(Serialize)]
struct ParentChoice {
    code: String,
    label: String,
}

#[derive(Serialize)]
struct ThesaurusView {
    vocabularies: Vec<VocabularyView>,
    parents: Vec<ParentChoice>,
    new_term: NewTermForm,
    /// Errors of the add form.
    errors: FieldErrors,
}

/// The term being edited when a change was refused.
struct Editing {
    code: String,
    form: EditTermForm,
    errors: FieldErrors,
}

async fn view(
    state: &AppState,
    lang: Lang,
    new_term: NewTermForm,
    editing: Option<Editing>,
    errors: FieldErrors,
) -> AppResult<ThesaurusView> {
    let terms = Terms::load(&state.db).await?;
    let vocabularies = VOCABULARIES
        .into_iter()
        .map(|name| VocabularyView {
            name,
            terms: terms
                .tree(name, lang)
                .into_iter()
                .filter_map(|(term, depth)| {
                    let row = terms.row(&term.code)?;
                    let edited = editing.as_ref().filter(|e| e.code == term.code);
                    Some(TermRow {
                        code: term.code,
                        parent_code: term.parent_code,
                        depth,
                        form: edited.map(|e| e.form.clone()).unwrap_or(EditTermForm {
                            label_fr: row.label_fr.clone(),
                            label_en: row.label_en.clone(),
                            synonyms: row.synonyms.clone(),
                        }),
                        synonyms: synonyms(&row.synonyms).map(str::to_owned).collect(),
                        editing: edited.is_some(),
                        errors: edited.map(|e| e.errors.clone()).unwrap_or_default(),
                    })
                })
                .collect(),
        })
        .collect();
    let parents = terms
        .roots("theme", lang)
        .into_iter()
        .map(|t| ParentChoice {
            code: t.code,
            label: t.label,
        })
        .collect();
    Ok(ThesaurusView {
        vocabularies,
        parents,
        new_term,
        errors,
    })
}

/// `GET /coordination/thesaurus`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
) -> AppResult<Response> {
    let view = view(
        &state,
        page.lang(),
        NewTermForm::default(),
        None,
        FieldErrors::new(),
    )
    .await?;
    page.render("coordination/thesaurus.html", &view)
}

/// A code: uppercase ASCII letters, digits and single inner hyphens.
fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_CODE_CHARS
        && !code.starts_with('-')
        && !code.ends_with('-')
        && !code.contains("--")
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// Synonyms one per line, trimmed, blank lines dropped.
fn clean_synonyms(errors: &mut FieldErrors, field: &str, raw: &str) -> String {
    let cleaned = synonyms(raw).collect::<Vec<_>>().join("\n");
    if cleaned.chars().count() > MAX_SYNONYMS_CHARS
        || synonyms(&cleaned).any(|s| s.chars().count() > MAX_LABEL_CHARS)
    {
        errors
            .entry(field.into())
            .or_default()
            .push("field-too-long".into());
    }
    cleaned
}

/// A term's labels and synonyms, checked.
fn check_wording(errors: &mut FieldErrors, form: &EditTermForm) -> EditTermForm {
    EditTermForm {
        label_fr: check_length(errors, "label_fr", &form.label_fr, 1, MAX_LABEL_CHARS),
        label_en: check_length(errors, "label_en", &form.label_en, 1, MAX_LABEL_CHARS),
        synonyms: clean_synonyms(errors, "synonyms", &form.synonyms),
    }
}

/// Matches partners' queued tags again and has the projects concerned refreshed.
async fn rematch(state: &AppState) -> AppResult<()> {
    let txn = crate::db::begin_write(&state.db).await?;
    let matched = crate::taxonomy::tags::rematch_queue(&txn).await?;
    txn.commit().await?;
    for (partner_id, tags) in matched {
        let job = crate::taxonomy::tags::RefreshTaggedProjects {
            partner_id,
            tags: tags.into_iter().collect(),
        };
        crate::worker::enqueue(state, &job).await?;
    }
    Ok(())
}

/// `POST /coordination/thesaurus`: adds a term.
pub async fn add(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    ClientIp(ip): ClientIp,
    Coordinator(coordinator): Coordinator,
    CsrfForm(form): CsrfForm<NewTermForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let code = form.code.trim().to_owned();
    let mut error = |field: &str, key: &str| {
        errors.entry(field.into()).or_default().push(key.into());
    };
    if !valid_code(&code) {
        error("code", "thesaurus-code-invalid");
    } else if taxonomy_term::Entity::find_by_id(code.clone())
        .one(&state.db)
        .await?
        .is_some()
    {
        error("code", "thesaurus-code-taken");
    }
    let vocabulary = form.vocabulary.trim();
    if !VOCABULARIES.contains(&vocabulary) {
        error("vocabulary", "choice-invalid");
    }
    let parent = Some(form.parent_code.trim())
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    if let Some(parent) = &parent {
        let top_theme = taxonomy_term::Entity::find_by_id(parent.clone())
            .one(&state.db)
            .await?
            .is_some_and(|t| t.vocabulary == "theme" && t.parent_code.is_none());
        if vocabulary != "theme" || !top_theme {
            error("parent_code", "thesaurus-parent-invalid");
        }
    }
    let wording = check_wording(
        &mut errors,
        &EditTermForm {
            label_fr: form.label_fr.clone(),
            label_en: form.label_en.clone(),
            synonyms: form.synonyms.clone(),
        },
    );
    let refused = |errors: FieldErrors| async {
        let view = view(&state, page.lang(), form.clone(), None, errors).await?;
        page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "coordination/thesaurus.html",
            &view,
        )
    };
    if !errors.is_empty() {
        return refused(errors).await;
    }
    // Last of its vocabulary; sub-themes are shown under their theme whatever the number.
    let last: Option<i32> = taxonomy_term::Entity::find()
        .select_only()
        .column_as(taxonomy_term::Column::Position.max(), "position")
        .filter(taxonomy_term::Column::Vocabulary.eq(vocabulary))
        .into_tuple::<Option<i32>>()
        .one(&state.db)
        .await?
        .flatten();
    let inserted = taxonomy_term::Entity::insert(taxonomy_term::ActiveModel {
        code: Set(code.clone()),
        vocabulary: Set(vocabulary.to_owned()),
        parent_code: Set(parent),
        label_fr: Set(wording.label_fr),
        label_en: Set(wording.label_en),
        position: Set(last.map_or(0, |p| p + 1)),
        synonyms: Set(wording.synonyms),
    })
    .on_conflict(
        OnConflict::column(taxonomy_term::Column::Code)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    // Another coordinator took the code meanwhile: the key decides.
    if inserted == 0 {
        let mut errors = FieldErrors::new();
        errors.insert("code".into(), vec!["thesaurus-code-taken".into()]);
        return refused(errors).await;
    }
    audit::record(
        &state.db,
        AuditEntry {
            actor: Some(coordinator.id),
            action: "term_added",
            target_kind: "term",
            target_id: None,
            details: serde_json::json!({"code": code}),
            ip: Some(&ip),
        },
    )
    .await?;
    rematch(&state).await?;
    flash(&session, "success", "thesaurus-term-added").await?;
    Ok(Redirect::to("/coordination/thesaurus").into_response())
}

/// `POST /coordination/thesaurus/{code}`: rewords a term (its code stays).
pub async fn edit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    ClientIp(ip): ClientIp,
    Coordinator(coordinator): Coordinator,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<EditTermForm>,
) -> AppResult<Response> {
    let exists = taxonomy_term::Entity::find_by_id(code.clone())
        .count(&state.db)
        .await?
        > 0;
    if !exists {
        return Err(AppError::not_found("term"));
    }
    let mut errors = FieldErrors::new();
    let wording = check_wording(&mut errors, &form);
    if !errors.is_empty() {
        let editing = Editing { code, form, errors };
        let view = view(
            &state,
            page.lang(),
            NewTermForm::default(),
            Some(editing),
            FieldErrors::new(),
        )
        .await?;
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "coordination/thesaurus.html",
            &view,
        );
    }
    taxonomy_term::Entity::update_many()
        .col_expr(
            taxonomy_term::Column::LabelFr,
            Expr::value(wording.label_fr),
        )
        .col_expr(
            taxonomy_term::Column::LabelEn,
            Expr::value(wording.label_en),
        )
        .col_expr(
            taxonomy_term::Column::Synonyms,
            Expr::value(wording.synonyms),
        )
        .filter(taxonomy_term::Column::Code.eq(code.clone()))
        .exec(&state.db)
        .await?;
    audit::record(
        &state.db,
        AuditEntry {
            actor: Some(coordinator.id),
            action: "term_edited",
            target_kind: "term",
            target_id: None,
            details: serde_json::json!({"code": code}),
            ip: Some(&ip),
        },
    )
    .await?;
    rematch(&state).await?;
    flash(&session, "success", "thesaurus-term-saved").await?;
    Ok(Redirect::to("/coordination/thesaurus").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_uppercase_ascii_with_inner_hyphens() {
        for good in ["ECO", "ECO-REEMPLOI", "PUB-16-25"] {
            assert!(valid_code(good), "{good}");
        }
        for bad in [
            "",
            "eco",
            "ÉCO",
            "ECO-",
            "-ECO",
            "ECO--X",
            "ECO X",
            &"A".repeat(49),
        ] {
            assert!(!valid_code(bad), "{bad}");
        }
    }
}
