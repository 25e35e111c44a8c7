//! Governance through the real app: drafting, deliberation, votes (open and secret,
//! for/against, majority judgment, approval), the rules that refuse a ballot, closing
//! once with several workers, charter versions, roadmap ranks, admissions, mails, the
//! API and the hash-chained log.
mod support;

use carrefour::entities::{ballot, governance_log, partner, proposal, roadmap_item, secret_choice};
use carrefour::governance::{log, schedule};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use support::{Browser, TestApp, fixtures};

/// A partner with one voter browser.
struct Voter {
    partner: partner::Model,
    browser: Browser,
}

async fn voter(app: &TestApp, slug: &str, role: &str) -> Voter {
    let partner = fixtures::partner(&app.state.db, slug, "active").await;
    let browser = app
        .member_browser(partner.id, &format!("{role}@{slug}.fr"), role)
        .await;
    Voter { partner, browser }
}

fn id_from(response: &reqwest::Response) -> i64 {
    let location = response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect ({})", response.status()))
        .to_str()
        .unwrap();
    location
        .trim_start_matches("/gouvernance/propositions/")
        .split(['/', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("not a proposal address: {location}"))
}

async fn post(browser: &Browser, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    // The contact form is on a page everyone, signed in or not, may open.
    let csrf = browser.csrf_token("/contact").await;
    let mut all = vec![("_csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    browser.post_form(path, &all).await
}

/// Drafts and submits a proposal; returns its id.
async fn propose(author: &Voter, fields: &[(&str, &str)]) -> i64 {
    let mut all = vec![
        ("partner", author.partner.slug.as_str()),
        ("action", "save"),
    ];
    all.extend_from_slice(fields);
    let created = post(&author.browser, "/gouvernance/propositions/nouvelle", &all).await;
    assert_eq!(created.status(), 303, "the draft is saved");
    let id = id_from(&created);
    let submitted = post(
        &author.browser,
        &format!("/gouvernance/propositions/{id}/soumettre"),
        &[],
    )
    .await;
    assert_eq!(submitted.status(), 303, "the draft is submitted");
    id
}

async fn general_decision(author: &Voter, title: &str) -> i64 {
    propose(
        author,
        &[
            ("kind", "general_decision"),
            ("method", "yes_no"),
            ("title", title),
            ("summary", "Parce que."),
            ("body", "Le collectif décide de **se réunir**."),
        ],
    )
    .await
}

fn in_days(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

async fn open(coordinator: &Browser, id: i64, secret: bool) {
    let closes = in_days(10);
    let mut fields = vec![("closes_at", closes.as_str()), ("opens_at", "")];
    if secret {
        fields.push(("secret", "on"));
    }
    let opened = post(
        coordinator,
        &format!("/gouvernance/propositions/{id}/ouvrir"),
        &fields,
    )
    .await;
    assert_eq!(opened.status(), 303, "the coordinator opens the vote");
}

async fn cast(v: &Voter, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = vec![("partner", v.partner.slug.as_str())];
    all.extend_from_slice(fields);
    post(
        &v.browser,
        &format!("/gouvernance/propositions/{id}/bulletin"),
        &all,
    )
    .await
}

async fn expect_cast(v: &Voter, id: i64, vote: &str) {
    let response = cast(v, id, &[("vote", vote)]).await;
    assert_eq!(response.status(), 303, "{} votes {vote}", v.partner.slug);
}

async fn refused(response: reqwest::Response, status: u16, message: &str) {
    assert_eq!(response.status().as_u16(), status);
    let body = response.text().await.unwrap().replace("&#39;", "'");
    assert!(body.contains(message), "expected {message:?} in:\n{body}");
}

async fn api(app: &TestApp, id: i64) -> serde_json::Value {
    let response = app.get(&format!("/api/v1/proposals/{id}")).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn set_closes_at(app: &TestApp, id: i64, at: chrono::DateTime<Utc>) {
    proposal::Entity::update_many()
        .col_expr(proposal::Column::ClosesAt, Expr::value(at))
        .filter(proposal::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .unwrap();
}

async fn log_events(app: &TestApp, id: i64, event: &str) -> u64 {
    governance_log::Entity::find()
        .filter(governance_log::Column::ProposalId.eq(id))
        .filter(governance_log::Column::Event.eq(event))
        .count(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_amendment_is_drafted_deliberated_voted_and_becomes_charter_version_2() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let beta = voter(&app, "beta", "voter").await;
    let gamma = voter(&app, "gamma", "admin").await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;

    // The form starts from the charter in force; the preview shows the word diff.
    let (status, form) = alpha
        .browser
        .page("/gouvernance/propositions/nouvelle?partenaire=alpha&type=charter_amendment")
        .await;
    assert_eq!(status, 200);
    assert!(form.contains("quorum = 0.5"), "the current text is offered");
    let current = carrefour::governance::charter::CHARTER_V1;
    let amended = current.replace("quorum = 0.5", "quorum = 0.4").replace(
        "Une petite association de quartier",
        "Une petite <script>association</script> de quartier",
    );
    let preview = post(
        &alpha.browser,
        "/gouvernance/propositions/nouvelle",
        &[
            ("partner", "alpha"),
            ("kind", "charter_amendment"),
            ("method", "yes_no"),
            ("title", "Quorum à 40 %"),
            ("summary", "Pour faciliter les votes."),
            ("body", &amended),
            ("action", "preview"),
        ],
    )
    .await;
    assert_eq!(preview.status(), 200);
    let preview = preview.text().await.unwrap();
    assert!(
        preview.contains("<del>0.5</del>") && preview.contains("<ins>0.4</ins>"),
        "{preview}"
    );
    assert!(
        !preview.contains("<script>association"),
        "the diff is escaped"
    );
    assert!(
        preview.contains("Quorum à 40 %"),
        "the form keeps its values"
    );

    // An invalid charter text is refused next to the field, with the text kept.
    let bad = post(
        &alpha.browser,
        "/gouvernance/propositions/nouvelle",
        &[
            ("partner", "alpha"),
            ("kind", "charter_amendment"),
            ("method", "yes_no"),
            ("title", "Sans bloc"),
            ("body", "# Charte sans règles"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let bad = bad.text().await.unwrap();
    assert!(bad.contains("bloc de règles") && bad.contains("# Charte sans règles"));

    let id = propose(
        &alpha,
        &[
            ("kind", "charter_amendment"),
            ("method", "yes_no"),
            ("title", "Quorum à 40 %"),
            ("summary", "Pour faciliter les votes."),
            ("body", &amended),
        ],
    )
    .await;

    // Deliberation: a threaded discussion in sanitised Markdown.
    let comment = post(
        &beta.browser,
        &format!("/gouvernance/propositions/{id}/commentaires"),
        &[
            ("body", "D'accord, **mais** <script>x()</script>"),
            ("parent", ""),
            ("partner", "beta"),
        ],
    )
    .await;
    assert_eq!(comment.status(), 303);
    let (_, page) = app.page(&format!("/gouvernance/propositions/{id}")).await;
    assert!(page.contains("<strong>mais</strong>") && !page.contains("<script>x()"));
    let first = carrefour::entities::proposal_comment::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let answer = post(
        &alpha.browser,
        &format!("/gouvernance/propositions/{id}/commentaires"),
        &[
            ("body", "Merci, précisons."),
            ("parent", &first.id.to_string()),
            ("partner", "alpha"),
        ],
    )
    .await;
    assert_eq!(answer.status(), 303);
    let (_, page) = app.page(&format!("/gouvernance/propositions/{id}")).await;
    assert!(
        page.contains("comment depth-1"),
        "the answer sits under the comment"
    );
    let empty = post(
        &alpha.browser,
        &format!("/gouvernance/propositions/{id}/commentaires"),
        &[("body", "  "), ("parent", ""), ("partner", "alpha")],
    )
    .await;
    assert_eq!(
        empty.status(),
        422,
        "an empty comment is refused next to the field"
    );
    assert!(
        page.contains("<ins>0.4</ins>"),
        "the proposal shows its diff"
    );

    open(&coordinator, id, false).await;
    // Frozen: the author can no longer change the text.
    let edit = post(
        &alpha.browser,
        &format!("/gouvernance/propositions/{id}/modifier"),
        &[("title", "Autre"), ("body", &amended), ("method", "yes_no")],
    )
    .await;
    refused(
        edit,
        403,
        "le texte et les options ne peuvent plus être modifiés",
    )
    .await;

    // Before closing nobody sees choices, only who voted.
    expect_cast(&alpha, id, "for").await;
    let before = api(&app, id).await;
    assert_eq!(before["ballots_cast"], 1);
    assert_eq!(before["ballots"], serde_json::json!([]));
    assert_eq!(before["result"], serde_json::Value::Null);
    expect_cast(&beta, id, "against").await;
    // Changed until closing, with the history.
    expect_cast(&beta, id, "for").await;
    expect_cast(&gamma, id, "for").await;
    assert_eq!(log_events(&app, id, "ballot_changed").await, 1);

    let closed = post(
        &coordinator,
        &format!("/gouvernance/propositions/{id}/clore"),
        &[],
    )
    .await;
    assert_eq!(closed.status(), 303);
    let (_, result) = app
        .page(&format!("/gouvernance/propositions/{id}/resultat"))
        .await;
    assert!(result.contains(r#"data-outcome="adopted""#), "{result}");

    // Version 2 is in force, with its diff; the new quorum applies to the next votes.
    let (_, charter) = app.page("/charte").await;
    assert!(charter.contains(r#"data-version="2""#));
    assert_eq!(
        support::texts(&charter, "[data-testid=rule-quorum]"),
        ["40 %"]
    );
    assert!(charter.contains("<ins>0.4</ins>"));
    let (status, v1) = app.page("/charte/versions/1").await;
    assert_eq!(status, 200);
    assert_eq!(support::texts(&v1, "[data-testid=rule-quorum]"), ["50 %"]);
    let next = general_decision(&alpha, "Se réunir").await;
    open(&coordinator, next, false).await;
    let next_api = api(&app, next).await;
    assert_eq!(next_api["charter_version"], 2);
    assert_eq!(next_api["thresholds"]["quorum"], 0.4);

    // Anyone can recount: ballots with salts, commitments in the log.
    let after = api(&app, id).await;
    assert_eq!(after["result"]["yes_no"]["for"], 3);
    assert_eq!(after["result"]["outcome"], "adopted");
    let ballots = after["ballots"].as_array().unwrap();
    assert_eq!(ballots.len(), 3);
    let commitments: Vec<String> = governance_log::Entity::find()
        .filter(governance_log::Column::ProposalId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .filter_map(|e| {
            let payload: serde_json::Value = serde_json::from_str(&e.payload).unwrap();
            payload["commitment"].as_str().map(str::to_owned)
        })
        .collect();
    for b in ballots {
        let recomputed = carrefour::governance::ballots::open_commitment(
            id,
            b["partner"].as_str().unwrap(),
            b["salt"].as_str().unwrap(),
            &b["choice"].to_string(),
        );
        assert_eq!(b["commitment"].as_str().unwrap(), recomputed);
        assert!(
            commitments.contains(&recomputed),
            "the last ballot is in the log"
        );
    }
    assert!(log::verify(&app.state.db).await.unwrap().is_intact());
    let (_, journal) = app.page("/gouvernance/journal").await;
    assert!(journal.contains(r#"data-intact="true""#));
}

#[tokio::test]
async fn ballots_are_refused_with_a_reason() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let beta = voter(&app, "beta", "voter").await;
    let member = app
        .member_browser(alpha.partner.id, "membre@alpha.fr", "member")
        .await;
    let suspended = fixtures::partner(&app.state.db, "sus", "suspended").await;
    let suspended_voter = app
        .member_browser(suspended.id, "voter@sus.fr", "voter")
        .await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let id = general_decision(&alpha, "Se réunir").await;

    // Not open yet.
    refused(
        cast(&beta, id, &[("vote", "for")]).await,
        403,
        "Le vote n'est pas ouvert",
    )
    .await;
    open(&coordinator, id, false).await;

    // A partner admitted after the opening is not in the electorate.
    let late = voter(&app, "tardif", "voter").await;
    refused(
        cast(&late, id, &[("vote", "for")]).await,
        403,
        "ne fait pas partie du corps électoral",
    )
    .await;
    // A member without the voter role.
    let member = Voter {
        partner: alpha.partner.clone(),
        browser: member,
    };
    refused(
        cast(&member, id, &[("vote", "for")]).await,
        403,
        "Seuls les votants",
    )
    .await;
    // A suspended partner.
    let suspended = Voter {
        partner: suspended,
        browser: suspended_voter,
    };
    refused(
        cast(&suspended, id, &[("vote", "for")]).await,
        403,
        "n'est pas actif",
    )
    .await;
    // A coordinator has no vote of their own.
    let coordinator_as_alpha = Voter {
        partner: alpha.partner.clone(),
        browser: coordinator.clone(),
    };
    refused(
        cast(&coordinator_as_alpha, id, &[("vote", "for")]).await,
        403,
        "n'a pas de voix propre",
    )
    .await;
    // An incomplete ballot comes back to the form.
    let empty = cast(&beta, id, &[]).await;
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.unwrap().contains("Choisissez « pour »"));
    // After the closing date, nothing more.
    set_closes_at(&app, id, Utc::now() - Duration::minutes(1)).await;
    refused(
        cast(&beta, id, &[("vote", "for")]).await,
        403,
        "Le vote est clos",
    )
    .await;
    assert_eq!(
        ballot::Entity::find().count(&app.state.db).await.unwrap(),
        0,
        "no refused ballot was kept"
    );
    // The electorate is the snapshot: 2 partners, whatever happened since.
    let done = schedule::run_due(&app.state).await.unwrap();
    assert_eq!(done.closed, 1);
    let result = api(&app, id).await;
    assert_eq!(result["electorate_size"], 2);
    assert_eq!(result["outcome"], "no_quorum");
}

#[tokio::test]
async fn fifty_partners_with_three_voters_each_cast_exactly_fifty_ballots() {
    let app = TestApp::spawn().await;
    let author = voter(&app, "p00", "admin").await;
    let mut voters = Vec::new();
    for p in 0..50 {
        let slug = format!("p{p:02}");
        let partner = if p == 0 {
            author.partner.clone()
        } else {
            fixtures::partner(&app.state.db, &slug, "active").await
        };
        for v in 0..3 {
            let browser = app
                .member_browser(partner.id, &format!("v{v}@{slug}.fr"), "voter")
                .await;
            let csrf = browser.csrf_token("/gouvernance").await;
            voters.push((partner.slug.clone(), browser, csrf));
        }
    }
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let id = general_decision(&author, "Tous ensemble").await;
    open(&coordinator, id, false).await;
    let path = format!("/gouvernance/propositions/{id}/bulletin");
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(voters.len()));
    let mut tasks = Vec::new();
    for (i, (slug, browser, csrf)) in voters.into_iter().enumerate() {
        let barrier = barrier.clone();
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            let vote = ["for", "against", "abstain"][i % 3];
            barrier.wait().await;
            browser
                .post_form(
                    &path,
                    &[("_csrf", &csrf), ("partner", &slug), ("vote", vote)],
                )
                .await
                .status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 303, "every voter's ballot is taken");
    }
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::ProposalId.eq(id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        ballots,
        50,
        "one ballot per partner ({})",
        support::backend_name()
    );
    assert_eq!(log_events(&app, id, "ballot_cast").await, 50);
    assert_eq!(log_events(&app, id, "ballot_changed").await, 100);
    assert!(log::verify(&app.state.db).await.unwrap().is_intact());
}

#[tokio::test]
async fn a_secret_ballot_cannot_be_traced_to_its_partner() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let beta = voter(&app, "beta", "voter").await;
    let beta_colleague = app
        .member_browser(beta.partner.id, "autre@beta.fr", "voter")
        .await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let id = general_decision(&alpha, "Vote à bulletin secret").await;
    open(&coordinator, id, true).await;

    let first = cast(&beta, id, &[("vote", "against")]).await;
    assert_eq!(first.status(), 200, "the receipt page");
    let receipt = support::texts(&first.text().await.unwrap(), "[data-testid=receipt]").remove(0);
    assert!(receipt.len() >= 40);
    // A colleague cannot overwrite the ballot without the receipt…
    let colleague = Voter {
        partner: beta.partner.clone(),
        browser: beta_colleague,
    };
    let again = cast(&colleague, id, &[("vote", "for")]).await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("indiquez le reçu"));
    let wrong = cast(&colleague, id, &[("vote", "for"), ("receipt", "nope")]).await;
    assert_eq!(wrong.status(), 422);
    // …and changes it with it.
    let changed = cast(&colleague, id, &[("vote", "for"), ("receipt", &receipt)]).await;
    assert_eq!(changed.status(), 303);
    let alpha_cast = cast(&alpha, id, &[("vote", "for")]).await;
    assert_eq!(alpha_cast.status(), 200);

    // Participation is public, choices are nowhere near a partner.
    let (_, page) = app.page("/gouvernance").await;
    assert!(page.contains(r#"data-partner="beta" data-voted="true""#));
    let participation = ballot::Entity::find().all(&app.state.db).await.unwrap();
    assert!(
        participation
            .iter()
            .all(|b| b.choice.is_none() && b.salt.is_none())
    );
    let choices = secret_choice::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(choices.len(), 2);
    // The log holds commitments only.
    for entry in governance_log::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
    {
        assert!(!entry.payload.contains("\"for\"") && !entry.payload.contains("against"));
    }

    set_closes_at(&app, id, Utc::now() - Duration::seconds(1)).await;
    schedule::run_due(&app.state).await.unwrap();
    let result = api(&app, id).await;
    assert_eq!(result["result"]["yes_no"]["for"], 2);
    let ballots = result["ballots"].as_array().unwrap();
    assert_eq!(ballots.len(), 2);
    assert!(
        ballots
            .iter()
            .all(|b| b["partner"].is_null() && b["ballot_key"].is_string())
    );
    let key = carrefour::governance::ballots::ballot_key(id, &receipt);
    assert!(
        ballots.iter().any(|b| b["ballot_key"] == key.as_str()),
        "the voter finds their ballot"
    );
    let mut keys: Vec<&str> = ballots
        .iter()
        .map(|b| b["ballot_key"].as_str().unwrap())
        .collect();
    let published = keys.clone();
    keys.sort_unstable();
    assert_eq!(keys, published, "published in key order, not casting order");
}

#[tokio::test]
async fn a_majority_judgment_vote_ranks_the_roadmap() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let beta = voter(&app, "beta", "admin").await;
    let gamma = voter(&app, "gamma", "voter").await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    for title in [
        "Carte des communs",
        "Annuaire des financeurs",
        "Traduction anglaise",
    ] {
        let added = post(
            &alpha.browser,
            "/gouvernance/feuille-de-route",
            &[("partner", "alpha"), ("title", title), ("description", "")],
        )
        .await;
        assert_eq!(added.status(), 303);
    }
    let items = roadmap_item::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    let ids: Vec<String> = items.iter().map(|i| i.id.to_string()).collect();
    let id = propose(
        &alpha,
        &[
            ("kind", "roadmap_decision"),
            ("method", "majority_judgment"),
            ("title", "Priorités 2027"),
            ("roadmap_items", &ids[0]),
            ("roadmap_items", &ids[1]),
            ("roadmap_items", &ids[2]),
        ],
    )
    .await;
    open(&coordinator, id, false).await;
    // An incomplete ballot keeps what was chosen.
    let partial = cast(&alpha, id, &[("grade-0", "excellent")]).await;
    assert_eq!(partial.status(), 422);
    let partial = partial.text().await.unwrap();
    assert!(partial.contains("Donnez une mention à chaque option"));
    assert!(
        partial.contains(r#"name="grade-0" value="excellent" aria-label"#)
            && partial.contains("checked")
    );
    // Grades: option 0 Very good/Good/Good, option 1 Excellent/Passable/Insufficient,
    // option 2 To reject everywhere.
    for (v, grades) in [
        (&alpha, ["very_good", "excellent", "to_reject"]),
        (&beta, ["good", "passable", "to_reject"]),
        (&gamma, ["good", "insufficient", "to_reject"]),
    ] {
        let response = cast(
            v,
            id,
            &[
                ("grade-0", grades[0]),
                ("grade-1", grades[1]),
                ("grade-2", grades[2]),
            ],
        )
        .await;
        assert_eq!(response.status(), 303);
    }
    post(
        &coordinator,
        &format!("/gouvernance/propositions/{id}/clore"),
        &[],
    )
    .await;
    let result = api(&app, id).await;
    let options = result["result"]["options"].as_array().unwrap();
    assert_eq!(options[0]["label"], "Carte des communs");
    assert_eq!(options[0]["majority_grade"], "good");
    assert_eq!(
        options[0]["merit_profile"],
        serde_json::json!([0, 1, 2, 0, 0, 0, 0])
    );
    assert_eq!(options[1]["majority_grade"], "passable");
    assert_eq!(options[2]["majority_grade"], "to_reject");
    let ranks: Vec<i64> = options
        .iter()
        .map(|o| o["rank"].as_i64().unwrap())
        .collect();
    assert_eq!(ranks, [1, 2, 3]);
    let ranked = roadmap_item::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    let by_title = |t: &str| ranked.iter().find(|i| i.title == t).unwrap().clone();
    assert_eq!(by_title("Carte des communs").rank, Some(1));
    assert_eq!(by_title("Carte des communs").status, "prioritised");
    assert_eq!(by_title("Traduction anglaise").status, "proposed");
    let (_, roadmap) = app.page("/gouvernance/feuille-de-route").await;
    assert!(roadmap.contains("Priorités 2027"));
    let (_, page) = app
        .page(&format!("/gouvernance/propositions/{id}/resultat"))
        .await;
    assert!(page.contains("Profil de mérite de Carte des communs"));

    // Approval: any set of options, an empty one included.
    let approval = propose(
        &beta,
        &[
            ("kind", "general_decision"),
            ("method", "approval"),
            ("title", "Jour de la rencontre"),
            ("options", "Lundi\r\nMardi\r\n\r\nJeudi"),
        ],
    )
    .await;
    open(&coordinator, approval, false).await;
    for (v, approved) in [
        (&alpha, vec!["0", "1"]),
        (&beta, vec!["1"]),
        (&gamma, vec![]),
    ] {
        let fields: Vec<(&str, &str)> = approved.iter().map(|a| ("approve", *a)).collect();
        assert_eq!(cast(v, approval, &fields).await.status(), 303);
    }
    post(
        &coordinator,
        &format!("/gouvernance/propositions/{approval}/clore"),
        &[],
    )
    .await;
    let result = api(&app, approval).await;
    let standings: Vec<(String, i64, i64)> = result["result"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["label"].as_str().unwrap().to_owned(),
                o["approvals"].as_i64().unwrap(),
                o["rank"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        standings,
        [
            ("Mardi".to_owned(), 2, 1),
            ("Lundi".to_owned(), 1, 2),
            ("Jeudi".to_owned(), 0, 3)
        ]
    );
}

#[tokio::test]
async fn an_admission_vote_admits_the_applicant_through_the_admission_service() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let beta = voter(&app, "beta", "voter").await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let applicant = fixtures::partner(&app.state.db, "nouveau", "applicant").await;
    let person = fixtures::user(&app.state.db, "candidat@nouveau.fr", None, false).await;
    let application = carrefour::entities::partner_application::ActiveModel {
        partner_id: sea_orm::ActiveValue::Set(applicant.id),
        applicant_user_id: sea_orm::ActiveValue::Set(Some(person.id)),
        message: sea_orm::ActiveValue::Set("Nous partageons l'objet de la charte.".into()),
        status: sea_orm::ActiveValue::Set("pending".into()),
        created_at: sea_orm::ActiveValue::Set(Utc::now()),
        ..Default::default()
    };
    let application = application.insert(&app.state.db).await.unwrap();
    // A charter that leaves admissions to the vote: the coordinators' accept is refused.
    let by_vote = carrefour::governance::charter::CHARTER_V1
        .replace("admission_by_vote = false", "admission_by_vote = true");
    assert_ne!(by_vote, carrefour::governance::charter::CHARTER_V1);
    carrefour::entities::charter_version::ActiveModel {
        version: sea_orm::ActiveValue::Set(2),
        document: sea_orm::ActiveValue::Set(by_vote),
        adopted_on: sea_orm::ActiveValue::Set(Utc::now().date_naive()),
        proposal_id: sea_orm::ActiveValue::Set(None),
        created_at: sea_orm::ActiveValue::Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let accept = post(
        &coordinator,
        &format!("/coordination/candidatures/{}/decision", application.id),
        &[("decision", "accept"), ("message", "")],
    )
    .await;
    assert_eq!(accept.status(), 422);
    assert!(
        accept
            .text()
            .await
            .unwrap()
            .replace("&#39;", "'")
            .contains("La charte confie l'admission au vote des partenaires")
    );
    // The coordinators put the application to the partners' vote.
    let (_, list) = coordinator.page("/coordination/candidatures").await;
    assert!(list.contains(&format!("/gouvernance/admissions/{}", application.id)));
    let to_vote = post(
        &coordinator,
        &format!("/gouvernance/admissions/{}", application.id),
        &[],
    )
    .await;
    assert_eq!(to_vote.status(), 303);
    let id = id_from(&to_vote);
    open(&coordinator, id, false).await;
    expect_cast(&alpha, id, "for").await;
    expect_cast(&beta, id, "for").await;
    post(
        &coordinator,
        &format!("/gouvernance/propositions/{id}/clore"),
        &[],
    )
    .await;
    let admitted = partner::Entity::find_by_id(applicant.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(admitted.status, "active");
    app.wait_for_mail_to("candidat@nouveau.fr", "nouveau").await;
    let found = proposal::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(found.effect_applied_at.is_some());
    // Running the scheduled work again changes nothing.
    assert_eq!(schedule::run_due(&app.state).await.unwrap().admissions, 0);
}

#[tokio::test]
async fn scheduled_work_opens_reminds_and_closes_exactly_once() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let beta = voter(&app, "beta", "voter").await;
    let muted = app
        .member_browser(beta.partner.id, "silence@beta.fr", "voter")
        .await;
    // One voter of beta mutes the vote-opened mails.
    let saved = post(
        &muted,
        "/gouvernance/notifications",
        &[
            ("governance_vote_opened", "never"),
            ("governance_vote_closing", "immediate"),
            ("governance_vote_result", "immediate"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let id = general_decision(&alpha, "Ouverture automatique").await;
    // The deliberation period is over: the scheduler opens the vote.
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::DeliberationEndsAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .filter(proposal::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .unwrap();
    // The scheduled work (here, or the hub's own worker if it got there first) opens it once.
    schedule::run_due(&app.state).await.unwrap();
    assert_eq!(log_events(&app, id, "vote_opened").await, 1);
    app.wait_for_mails("Ouverture automatique", 2).await;
    let opened_to: Vec<String> = app
        .mails()
        .iter()
        .filter(|m| m.text().contains("Vote ouvert"))
        .flat_map(|m| m.to.clone())
        .collect();
    assert!(opened_to.iter().any(|t| t.contains("voter@beta.fr")));
    assert!(
        !opened_to.iter().any(|t| t.contains("silence@beta.fr")),
        "muted"
    );

    // 47 hours before closing: a reminder to the partners that did not vote, once.
    expect_cast(&alpha, id, "for").await;
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::OpenedAt,
            Expr::value(Utc::now() - Duration::days(12)),
        )
        .filter(proposal::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .unwrap();
    set_closes_at(&app, id, Utc::now() + Duration::hours(47)).await;
    let runs = futures_util::future::join_all((0..4).map(|_| schedule::run_due(&app.state))).await;
    let reminded: usize = runs.iter().map(|r| r.as_ref().unwrap().reminded).sum();
    assert!(reminded <= 1);
    let reminders = app.wait_for_mails("Plus que 48 heures", 2).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.mails()
            .iter()
            .filter(|m| m.text().contains("Plus que 48 heures"))
            .count(),
        2,
        "one reminder to each of beta's voters, once"
    );
    assert!(
        reminders.iter().all(|m| !m.is_to("admin@alpha.fr")),
        "alpha voted"
    );

    // Closing date passed: four workers at once close it once.
    set_closes_at(&app, id, Utc::now() - Duration::seconds(1)).await;
    let states: Vec<_> = (0..4).map(|_| app.state.clone()).collect();
    let closes = futures_util::future::join_all(states.iter().map(|s| {
        carrefour::governance::close::close(s, id, carrefour::governance::close::When::Due)
    }))
    .await;
    assert_eq!(
        closes.iter().filter(|c| matches!(c, Ok(Some(_)))).count(),
        1
    );
    assert_eq!(log_events(&app, id, "vote_closed").await, 1);
    assert_eq!(log_events(&app, id, "result").await, 1);
    app.wait_for_mails("/resultat", 3).await;
    assert_eq!(schedule::run_due(&app.state).await.unwrap().closed, 0);

    // A coordinator schedules an opening, with a secret ballot and a closing date.
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let later = general_decision(&alpha, "Ouverture programmée").await;
    let opens = in_days(1);
    let closes = in_days(6);
    let scheduled = post(
        &coordinator,
        &format!("/gouvernance/propositions/{later}/ouvrir"),
        &[
            ("opens_at", &opens),
            ("closes_at", &closes),
            ("secret", "on"),
        ],
    )
    .await;
    assert_eq!(scheduled.status(), 303);
    schedule::run_due(&app.state).await.unwrap();
    let waiting = proposal::Entity::find_by_id(later)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(waiting.status, "deliberation", "not before its date");
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::VoteOpensAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .filter(proposal::Column::Id.eq(later))
        .exec(&app.state.db)
        .await
        .unwrap();
    schedule::run_due(&app.state).await.unwrap();
    let opened = proposal::Entity::find_by_id(later)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened.status, "voting");
    assert!(opened.secret);
    assert_eq!(
        opened
            .closes_at
            .unwrap()
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        closes
    );
}

#[tokio::test]
async fn a_tampered_log_is_detected_by_the_page_and_the_command() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let id = general_decision(&alpha, "Journal").await;
    open(&coordinator, id, false).await;
    expect_cast(&alpha, id, "for").await;
    let config = support::cli::settings_file(&app.settings.server.data_dir, &app.settings, "");
    let ok = support::cli::run(&config, &["governance", "verify"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));

    // Someone rewrites who cast the ballot.
    app.state
        .db
        .execute_unprepared(
            "UPDATE governance_log SET payload = REPLACE(payload, '\"alpha\"', '\"beta\"') WHERE event = 'ballot_cast'",
        )
        .await
        .unwrap();
    let report = log::verify(&app.state.db).await.unwrap();
    assert_eq!(report.broken.as_ref().map(|b| b.reason), Some("hash"));
    let (_, page) = app.page("/gouvernance/journal").await;
    assert!(page.contains(r#"data-intact="false""#));
    let broken = support::cli::run(&config, &["governance", "verify"]);
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("broken"));
}

/// A form post: path, fields, and the status an outsider gets.
type Action<'a> = (String, Vec<(&'a str, &'a str)>, u16);

#[tokio::test]
async fn every_governance_action_checks_who_may_do_it() {
    let app = TestApp::spawn().await;
    let alpha = voter(&app, "alpha", "admin").await;
    let outsider = voter(&app, "beta", "member").await;
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let draft_created = post(
        &alpha.browser,
        "/gouvernance/propositions/nouvelle",
        &[
            ("partner", "alpha"),
            ("action", "save"),
            ("kind", "general_decision"),
            ("method", "yes_no"),
            ("title", "Brouillon d'alpha"),
            ("body", "Texte."),
        ],
    )
    .await;
    let draft = id_from(&draft_created);
    let id = general_decision(&alpha, "Se réunir").await;
    let item = roadmap_item::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap();
    assert!(item.is_none());

    // Drafts are seen by their partner and the coordinators only.
    let visitor = app.new_browser();
    for (who, browser, status) in [
        ("visitor", &visitor, 404),
        ("outsider", &outsider.browser, 404),
        ("coordinator", &coordinator, 200),
        ("author", &alpha.browser, 200),
    ] {
        let (got, _) = browser
            .page(&format!("/gouvernance/propositions/{draft}"))
            .await;
        assert_eq!(got, status, "{who} reads the draft");
        let api = browser.get(&format!("/api/v1/proposals/{draft}")).await;
        assert_eq!(
            api.status().as_u16(),
            status,
            "{who} reads the draft's JSON"
        );
    }
    // Public pages.
    for path in [
        "/gouvernance".to_owned(),
        format!("/gouvernance/propositions/{id}"),
        "/gouvernance/journal".to_owned(),
        "/gouvernance/journal.json".to_owned(),
        "/gouvernance/feuille-de-route".to_owned(),
        format!("/api/v1/proposals/{id}"),
        "/charte/versions/1".to_owned(),
    ] {
        assert_eq!(visitor.page(&path).await.0, 200, "{path} is public");
    }
    assert_eq!(visitor.page("/charte/versions/9").await.0, 404);
    assert_eq!(
        visitor.get("/api/v1/proposals/999").await.status().as_u16(),
        404
    );

    // Every action needs a signed-in person with the right role.
    let actions: Vec<Action> = vec![
        (
            "/gouvernance/propositions/nouvelle".into(),
            vec![
                ("partner", "alpha"),
                ("kind", "general_decision"),
                ("method", "yes_no"),
                ("title", "Intrus"),
                ("body", "x"),
            ],
            403,
        ),
        (
            format!("/gouvernance/propositions/{id}/modifier"),
            vec![("title", "Intrus"), ("method", "yes_no"), ("body", "x")],
            403,
        ),
        (
            format!("/gouvernance/propositions/{draft}/soumettre"),
            vec![],
            404,
        ),
        (
            format!("/gouvernance/propositions/{id}/ouvrir"),
            vec![("closes_at", "2030-01-01T10:00")],
            403,
        ),
        (format!("/gouvernance/propositions/{id}/clore"), vec![], 403),
        (
            format!("/gouvernance/propositions/{id}/bulletin"),
            vec![("partner", "alpha"), ("vote", "for")],
            403,
        ),
        ("/gouvernance/admissions/1".into(), vec![], 403),
        (
            "/gouvernance/feuille-de-route".into(),
            vec![("partner", "alpha"), ("title", "Intrus")],
            403,
        ),
        (
            "/gouvernance/feuille-de-route/1/statut".into(),
            vec![("status", "done")],
            403,
        ),
    ];
    for (path, fields, outsider_status) in &actions {
        let as_visitor = post(&visitor, path, fields).await;
        assert_eq!(as_visitor.status(), 303, "{path}: visitors sign in first");
        assert!(
            as_visitor.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/connexion"),
            "{path}"
        );
        let as_outsider = post(&outsider.browser, path, fields).await;
        assert_eq!(
            as_outsider.status().as_u16(),
            *outsider_status,
            "{path}: outsider"
        );
    }
    // Without the form's token, nothing happens even for the author.
    let forged = alpha
        .browser
        .post_form(&format!("/gouvernance/propositions/{draft}/soumettre"), &[])
        .await;
    assert_eq!(forged.status(), 403);
    let still = proposal::Entity::find_by_id(draft)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, "draft");
    // Its partner may delete a draft; outsiders cannot even see it.
    let path = format!("/gouvernance/propositions/{draft}/supprimer");
    assert_eq!(post(&outsider.browser, &path, &[]).await.status(), 404);
    assert_eq!(post(&alpha.browser, &path, &[]).await.status(), 303);
    assert!(
        proposal::Entity::find_by_id(draft)
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
    let submitted = format!("/gouvernance/propositions/{id}/supprimer");
    assert_eq!(post(&alpha.browser, &submitted, &[]).await.status(), 403);
    assert!(
        roadmap_item::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
}
