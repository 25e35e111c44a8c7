//! `POST /gouvernance/propositions/{id}/bulletin`: a voter casts or changes their
//! partner's ballot. Refusals say why (not a voter, partner not active, not in the
//! electorate, vote closed); an incomplete ballot comes back with what was chosen.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use tower_sessions::Session;

use super::ballots;
use super::pages::{self, Extras};
use super::policy::Actor;
use super::proposals;
use super::tally::Method;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

#[derive(Serialize)]
struct ReceiptView {
    id: i64,
    title: String,
    partner: String,
    receipt: String,
}

/// `POST /gouvernance/propositions/{id}/bulletin`
pub async fn cast(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let p = pages::visible_proposal(&state, &id, Some(&actor)).await?;
    let method = Method::parse(&p.method)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("proposal {} has no method", p.id)))?;
    let option_count = proposals::options(&state.db, p.id).await?.len();
    let (echo, parsed, receipt) = pages::parse_ballot(method, option_count, &pairs);
    let partner = actor.require_voter(&echo.partner)?.clone();
    let choice = match parsed {
        Ok(choice) => choice,
        Err(errors) => {
            return pages::render_proposal(
                &state,
                &page,
                Some(&actor),
                &p,
                Extras {
                    ballot: Some(echo),
                    ballot_errors: errors,
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let cast = match ballots::cast(
        &state.db,
        p.id,
        &partner,
        actor.user.id,
        &choice,
        receipt.as_deref(),
    )
    .await
    {
        Ok(cast) => cast,
        Err(AppError::Invalid(errors)) => {
            return pages::render_proposal(
                &state,
                &page,
                Some(&actor),
                &p,
                Extras {
                    ballot: Some(echo),
                    ballot_errors: errors,
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(other) => return Err(other),
    };
    if let Some(receipt) = cast.receipt {
        // Shown once: the hub keeps only its hash, under no partner's name.
        return page.render(
            "governance/receipt.html",
            &ReceiptView {
                id: p.id,
                title: p.title,
                partner: partner.name,
                receipt,
            },
        );
    }
    flash(
        &session,
        "success",
        if cast.changed {
            "ballot-updated"
        } else {
            "ballot-recorded"
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/gouvernance/propositions/{}#bulletin", p.id)).into_response())
}
