//! The brokerage board over HTTP against the real app, every mail through the SMTP sink:
//! a request from draft to answers (with a PDF) and a mailed status, forms that keep
//! their values, documents checked by content and size, expiry at the deadline by the
//! state's clock, search counts and filters, JobPosting JSON-LD, account deletion, and
//! the authorization matrix over every board route.
mod support;

use carrefour::entities::{
    board_answer, board_answer_file, board_report, board_request, project, project_claim, user,
};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use support::projects::ProjectBuilder;
use support::{Browser, TestApp, attribute, fixtures, texts};

const PASSWORD: &str = "mot de passe solide";

/// A verified account `email` and a browser signed in as it.
async fn person(app: &TestApp, email: &str, coordinator: bool) -> (user::Model, Browser) {
    let user = fixtures::user(&app.state.db, email, Some(PASSWORD), coordinator).await;
    let browser = app.new_browser();
    let csrf = browser.csrf_token("/connexion").await;
    let signed = browser
        .post_form(
            "/connexion",
            &[("_csrf", &csrf), ("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status(), 303, "{email} signs in");
    (user, browser)
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location on a {} answer", response.status()))
        .to_str()
        .unwrap()
        .to_owned()
}

fn set_clock(app: &TestApp) {
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap());
}

/// A complete job offer form on behalf of `partner_id`.
fn job_form(partner_id: i64, project_id: i64) -> Vec<(String, String)> {
    [
        ("kind", "job".to_owned()),
        ("title", "Chargé·e d'évaluation d'impact social".to_owned()),
        (
            "description",
            "Nous cherchons une personne pour **évaluer l'impact** de nos jardins partagés à Lille.".to_owned(),
        ),
        ("on_behalf", format!("partner:{partner_id}")),
        ("projects", project_id.to_string()),
        ("territory", "commune".to_owned()),
        ("commune", "Lille (59)".to_owned()),
        ("themes", "ECO".to_owned()),
        ("publics", "PUB-TOUT-PUBLIC".to_owned()),
        ("contract", "cdd".to_owned()),
        ("pay_min", "2200".to_owned()),
        ("pay_max", "2600".to_owned()),
        ("pay_period", "month".to_owned()),
        ("workload", "temps plein".to_owned()),
        ("deadline", "2026-12-20".to_owned()),
        ("answer_mode", "carrefour".to_owned()),
        ("website", String::new()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

async fn post_fields(
    browser: &Browser,
    page: &str,
    action: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let csrf = browser.csrf_token(page).await;
    let mut all = fields.to_vec();
    all.push(("_csrf".into(), csrf));
    browser
        .client
        .post(browser.url(action))
        .form(&all)
        .send()
        .await
        .unwrap()
}

/// Creates and publishes a job offer as `browser`; returns its id.
async fn publish_job(browser: &Browser, partner_id: i64, project_id: i64) -> i64 {
    publish_form(browser, &job_form(partner_id, project_id)).await
}

/// The job offer form with some fields changed.
fn job_form_with(
    partner_id: i64,
    project_id: i64,
    changes: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut form = job_form(partner_id, project_id);
    for (key, value) in &mut form {
        if let Some((_, new)) = changes.iter().find(|(k, _)| k == key) {
            *value = (*new).to_owned();
        }
    }
    form
}

/// Saves the request of `form` as a draft as `browser`; returns its id and page.
async fn save_draft(browser: &Browser, form: &[(String, String)]) -> (i64, String) {
    let created = post_fields(browser, "/courtage/nouvelle", "/courtage/nouvelle", form).await;
    assert_eq!(created.status(), 303, "the draft is saved");
    let page = location(&created);
    (page.rsplit('/').next().unwrap().parse().unwrap(), page)
}

/// Creates and publishes the request of `form` as `browser`; returns its id.
async fn publish_form(browser: &Browser, form: &[(String, String)]) -> i64 {
    let (id, page) = save_draft(browser, form).await;
    let published = post_fields(browser, &page, &format!("{page}/publier"), &[]).await;
    assert_eq!(published.status(), 303);
    id
}

/// A complete expertise profile form.
fn profile_form(
    title: &str,
    kinds: &[&str],
    themes: &[&str],
    region: &str,
) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = vec![
        ("title".into(), title.to_owned()),
        (
            "description".into(),
            "J'accompagne les associations et les porteurs de projets depuis dix ans.".into(),
        ),
        ("territory".into(), "region".into()),
        ("region".into(), region.to_owned()),
        ("availability".into(), "deux jours par mois".into()),
        ("terms".into(), "both".into()),
        ("visible".into(), "1".into()),
        ("website".into(), String::new()),
    ];
    for kind in kinds {
        fields.push(("kinds".into(), (*kind).to_owned()));
    }
    for theme in themes {
        fields.push(("themes".into(), (*theme).to_owned()));
    }
    fields
}

/// Creates a profile as `browser`; returns its id.
async fn create_profile(browser: &Browser, fields: &[(String, String)]) -> i64 {
    let created = post_fields(
        browser,
        "/courtage/profils/nouveau",
        "/courtage/profils/nouveau",
        fields,
    )
    .await;
    assert_eq!(created.status(), 303, "the profile is saved");
    location(&created)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The `data-id` of every element `selector` picks.
fn ids(html: &str, selector: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .filter_map(|e| e.value().attr("data-id").map(str::to_owned))
        .collect()
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

async fn answer(
    browser: &Browser,
    request_id: i64,
    body: &str,
    documents: Vec<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let page = format!("/courtage/demandes/{request_id}");
    let csrf = browser.csrf_token(&page).await;
    let mut form = reqwest::multipart::Form::new()
        .text("_csrf", csrf)
        .text("body", body.to_owned())
        .text("website", "");
    for (name, bytes) in documents {
        form = form.part(
            "documents",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    }
    browser
        .client
        .post(browser.url(&format!("{page}/repondre")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

struct Board {
    app: TestApp,
    partner: carrefour::entities::partner::Model,
    project: project::Model,
    poster: Browser,
    colleague: Browser,
    expert: (user::Model, Browser),
}

/// Saves a board search as `browser`; returns the alert's id.
async fn save_alert(browser: &Browser, label: &str, frequency: &str, query: &str) -> i64 {
    let csrf = browser.csrf_token("/courtage").await;
    let saved = browser
        .post_form(
            "/courtage/alertes",
            &[
                ("_csrf", &csrf),
                ("label", label),
                ("frequency", frequency),
                ("query", query),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303, "the alert is saved");
    assert_eq!(location(&saved), "/courtage/mes-alertes");
    let (_, html) = browser.page("/courtage/mes-alertes").await;
    ids(&html, "[data-testid=alerts] > li")
        .iter()
        .filter_map(|id| id.parse().ok())
        .max()
        .expect("the alert is listed")
}

async fn board() -> Board {
    board_with(TestApp::builder()).await
}

/// A board whose posters and respondents have no daily limits (the matrix makes many).
async fn unlimited_board() -> Board {
    board_with(TestApp::builder().configure(|s| {
        s.board.requests_per_day = 100_000;
        s.board.answers_per_day = 100_000;
        s.board.alerts_per_person = 100_000;
    }))
    .await
}

async fn board_with(builder: support::TestAppBuilder) -> Board {
    let app = builder.spawn().await;
    set_clock(&app);
    let partner = fixtures::partner(&app.state.db, "jardins", "active").await;
    let project = ProjectBuilder::new("Jardins partagés de Fives")
        .commune("59350")
        .listed_by(partner.id)
        .insert(&app.state.db)
        .await;
    let poster = app
        .member_browser(partner.id, "poster@jardins.example.org", "editor")
        .await;
    let colleague = app
        .member_browser(partner.id, "colleague@jardins.example.org", "member")
        .await;
    let expert = person(&app, "experte@conseil.example.org", false).await;
    Board {
        app,
        partner,
        project,
        poster,
        colleague,
        expert,
    }
}

#[tokio::test]
async fn a_request_goes_from_draft_to_a_shortlisted_answer_and_a_mailed_status() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let row = board_request::Entity::find_by_id(id)
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "published");
    assert_eq!(row.commune_insee.as_deref(), Some("59350"));
    assert_eq!(row.organisation, "Partenaire jardins");

    // Anyone finds it by words, stemmed and without accents.
    let (status, html) = b
        .app
        .new_browser()
        .page("/courtage?q=evaluations+impact")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&html, "[data-testid=board-result] .card-title"),
        vec!["Chargé·e d'évaluation d'impact social"]
    );
    let (_, page) = b
        .app
        .new_browser()
        .page(&format!("/courtage/demandes/{id}"))
        .await;
    assert!(
        page.contains("Jardins partagés de Fives"),
        "the project is linked"
    );
    assert!(
        page.contains("sign-in-to-answer"),
        "a visitor is asked to sign in"
    );

    // The expert answers with a PDF (named as a PDF) and sees their answer.
    let (_, expert) = &b.expert;
    let sent = answer(
        expert,
        id,
        "Bonjour, j'ai mené douze évaluations d'impact social.",
        vec![("références.pdf", pdf())],
    )
    .await;
    assert_eq!(sent.status(), 303, "{}", sent.text().await.unwrap());
    let (_, mine) = expert.page("/courtage/mes-reponses").await;
    assert_eq!(
        texts(&mine, "[data-testid=my-answer-status]"),
        vec!["Nouvelle"]
    );
    let again = answer(
        expert,
        id,
        "Une deuxième réponse à la même demande.",
        vec![],
    )
    .await;
    assert_eq!(again.status(), 409, "one answer per person");

    // The colleague (another member of the partner) reads it in the inbox.
    let (status, inbox) = b
        .colleague
        .page(&format!("/courtage/demandes/{id}/reponses"))
        .await;
    assert_eq!(status, 200);
    assert!(inbox.contains("douze évaluations"));
    let document = attribute(&inbox, "[data-testid=document]", "href");
    let download = b.colleague.get(&document).await;
    assert_eq!(download.status(), 200);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''r%C3%A9f%C3%A9rences%2Epdf"),
        "{disposition}"
    );
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf());
    // Nobody else downloads it.
    let (_, stranger) = person(&b.app, "curieux@ailleurs.example.org", false).await;
    assert_eq!(stranger.get(&document).await.status(), 404);
    assert_eq!(
        expert.get(&document).await.status(),
        200,
        "the respondent has their own copy"
    );

    // Shortlisted without telling, then accepted and told by mail.
    let answer_id = board_answer::Entity::find()
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = format!("/courtage/demandes/{id}/reponses");
    let quiet = post_fields(
        &b.poster,
        &page,
        &format!("/courtage/reponses/{answer_id}/statut"),
        &[
            ("status".into(), "shortlisted".into()),
            ("note".into(), "Très bon profil".into()),
        ],
    )
    .await;
    assert_eq!(quiet.status(), 303);
    let told = post_fields(
        &b.poster,
        &page,
        &format!("/courtage/reponses/{answer_id}/statut"),
        &[
            ("status".into(), "accepted".into()),
            ("note".into(), "Très bon profil".into()),
            ("notify".into(), "1".into()),
        ],
    )
    .await;
    assert_eq!(told.status(), 303);
    let mail = b
        .app
        .wait_for_mail_to("experte@conseil.example.org", "accept")
        .await;
    assert!(
        mail.text().contains("a accepté votre réponse"),
        "{}",
        mail.text()
    );
    let mails = b.app.mails();
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.is_to("experte@conseil.example.org"))
            .count(),
        1,
        "the quiet change sent nothing"
    );
    let (_, mine) = expert.page("/courtage/mes-reponses").await;
    assert_eq!(
        texts(&mine, "[data-testid=my-answer-status]"),
        vec!["Acceptée"]
    );
    assert!(!mine.contains("Très bon profil"), "the note stays private");

    // Filled: closed to new answers, answers kept, a draft-only delete refused.
    let closed = post_fields(
        &b.poster,
        &format!("/courtage/demandes/{id}"),
        &format!("/courtage/demandes/{id}/cloturer"),
        &[("outcome".into(), "filled".into())],
    )
    .await;
    assert_eq!(closed.status(), 303);
    let (_, shown) = b
        .app
        .new_browser()
        .page(&format!("/courtage/demandes/{id}"))
        .await;
    assert!(shown.contains("data-status=\"filled\""));
    let (_, default_search) = b.app.new_browser().page("/courtage").await;
    assert!(
        !default_search.contains(&format!("data-id=\"{id}\"")),
        "open requests only by default"
    );
    let (_, ended) = b.app.new_browser().page("/courtage?ended=1").await;
    assert!(ended.contains(&format!("data-id=\"{id}\"")));
    let deleted = post_fields(
        &b.poster,
        &format!("/courtage/demandes/{id}"),
        &format!("/courtage/demandes/{id}/supprimer"),
        &[],
    )
    .await;
    assert_eq!(deleted.status(), 409);
    assert_eq!(
        board_answer::Entity::find()
            .count(&b.app.state.db)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn the_request_form_keeps_its_values_and_names_each_mistake() {
    let b = board().await;
    let mut fields = job_form(b.partner.id, b.project.id);
    for (key, value) in &mut fields {
        match key.as_str() {
            "deadline" => *value = "2026-11-30".into(),
            "pay_min" => *value = "3000".into(),
            "commune" => *value = "Nulle-Part-sur-Rien".into(),
            _ => {}
        }
    }
    let refused = post_fields(
        &b.poster,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &fields,
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-deadline"),
        vec!["La date limite est déjà passée."]
    );
    assert_eq!(
        texts(&html, "#error-pay_max"),
        vec!["La rémunération maximale est inférieure à la minimale."]
    );
    assert_eq!(
        texts(&html, "#error-commune"),
        vec!["Cette commune est inconnue."]
    );
    assert_eq!(
        attribute(&html, "#field-title", "value"),
        "Chargé·e d'évaluation d'impact social"
    );
    assert_eq!(attribute(&html, "#field-pay_min", "value"), "3000");
    assert!(
        html.contains("data-testid=\"theme-ECO\" checked")
            || html.contains("value=\"ECO\" checked"),
        "themes stay ticked"
    );
    assert_eq!(
        board_request::Entity::find()
            .count(&b.app.state.db)
            .await
            .unwrap(),
        0
    );

    // A project neither held nor listed by the partner is refused.
    let elsewhere = ProjectBuilder::new("Un projet d'ailleurs")
        .insert(&b.app.state.db)
        .await;
    let foreign = job_form(b.partner.id, elsewhere.id);
    let refused = post_fields(
        &b.poster,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &foreign,
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("error-projects"));

    // A person without a partner or a project cannot post.
    let (_, nobody) = person(&b.app, "personne@nulle.example.org", false).await;
    let (_, page) = nobody.page("/courtage/nouvelle").await;
    assert!(page.contains("data-testid=\"refused\""));
    let refused = post_fields(
        &nobody,
        "/courtage",
        "/courtage/nouvelle",
        &job_form(b.partner.id, b.project.id),
    )
    .await;
    assert_eq!(refused.status(), 403);

    // A holder posts on behalf of the project they claimed.
    let (holder, holder_browser) = person(&b.app, "porteuse@jardins.example.org", false).await;
    project_claim::ActiveModel {
        project_id: Set(b.project.id),
        user_id: Set(holder.id),
        status: Set("approved".into()),
        method: Set("email".into()),
        message: Set(String::new()),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&b.app.state.db)
    .await
    .unwrap();
    let mut as_holder = job_form(b.partner.id, b.project.id);
    for (key, value) in &mut as_holder {
        if key == "on_behalf" {
            *value = format!("project:{}", b.project.id);
        }
        if key == "kind" {
            *value = "volunteer".into();
        }
    }
    let created = post_fields(
        &holder_browser,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &as_holder,
    )
    .await;
    assert_eq!(created.status(), 303);
    let row = board_request::Entity::find()
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.holder_project_id, Some(b.project.id));
    assert_eq!(row.contract, None, "only job offers keep a contract");
}

#[tokio::test]
async fn documents_are_checked_by_their_content_and_size() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let (_, expert) = &b.expert;
    let body = "Voici mon dossier complet, avec mes références.";
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".repeat(100);
    let refused = answer(expert, id, body, vec![("cv.pdf", exe)]).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        texts(&html, "#error-documents")[0].contains("ni un PDF"),
        "{html}"
    );
    assert_eq!(attribute(&html, "#field-body", "id"), "field-body");
    assert!(html.contains(body), "the message is kept");

    let mut big = pdf();
    big.resize(6 * 1024 * 1024, b' ');
    let refused = answer(expert, id, body, vec![("gros.pdf", big)]).await;
    assert_eq!(refused.status(), 422);
    assert!(texts(&refused.text().await.unwrap(), "#error-documents")[0].contains("5 Mo"));

    let four = (0..4)
        .map(|i| (["a.pdf", "b.pdf", "c.pdf", "d.pdf"][i], pdf()))
        .collect();
    let refused = answer(expert, id, body, four).await;
    assert_eq!(refused.status(), 422);
    assert!(
        texts(&refused.text().await.unwrap(), "#error-documents")[0].contains("Trois documents")
    );
    assert_eq!(
        board_answer::Entity::find()
            .count(&b.app.state.db)
            .await
            .unwrap(),
        0
    );

    // An ODT named .txt is an ODT.
    let mut odt = b"PK\x03\x04".to_vec();
    odt.resize(30, 0);
    odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
    let sent = answer(expert, id, body, vec![("lettre.txt", odt)]).await;
    assert_eq!(sent.status(), 303);
    let stored = board_answer_file::Entity::find()
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    let file = carrefour::entities::file::Entity::find_by_id(stored.file_id)
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.content_type, "application/vnd.oasis.opendocument.text");
}

#[tokio::test]
async fn requests_expire_at_their_deadline_by_the_clock_and_reopen() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    // On the deadline day it is still open.
    b.app
        .state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 20, 22, 0, 0).unwrap());
    assert_eq!(
        carrefour::board::lifecycle::expire(&b.app.state)
            .await
            .unwrap(),
        0
    );
    // The day after, the scheduled job closes it (run through the worker's queue).
    b.app
        .state
        .clock
        .set(Utc.with_ymd_and_hms(2026, 12, 21, 0, 5, 0).unwrap());
    carrefour::worker::enqueue(&b.app.state, &carrefour::board::lifecycle::ExpireRequests)
        .await
        .unwrap();
    let mut status = String::new();
    for _ in 0..200 {
        status = board_request::Entity::find_by_id(id)
            .one(&b.app.state.db)
            .await
            .unwrap()
            .unwrap()
            .status;
        if status == "expired" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(status, "expired");
    let (_, page) = b
        .app
        .new_browser()
        .page(&format!("/courtage/demandes/{id}"))
        .await;
    assert!(texts(&page, "[data-testid=not-open]")[0].contains("date limite est passée"));
    let (_, expert) = &b.expert;
    let late = answer(
        expert,
        id,
        "Une réponse arrivée après la date limite.",
        vec![],
    )
    .await;
    assert_eq!(late.status(), 409);

    // A deadline in the past is refused; a new one reopens it.
    let page = format!("/courtage/demandes/{id}");
    let past = post_fields(
        &b.poster,
        &page,
        &format!("{page}/rouvrir"),
        &[("deadline".into(), "2026-12-10".into())],
    )
    .await;
    assert_eq!(past.status(), 422);
    let reopened = post_fields(
        &b.poster,
        &page,
        &format!("{page}/rouvrir"),
        &[("deadline".into(), "2027-01-15".into())],
    )
    .await;
    assert_eq!(reopened.status(), 303);
    let row = board_request::Entity::find_by_id(id)
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.status.as_str(), row.deadline),
        ("published", NaiveDate::from_ymd_opt(2027, 1, 15).unwrap())
    );
    let on_time = answer(
        expert,
        id,
        "Une réponse dans les temps, cette fois.",
        vec![],
    )
    .await;
    assert_eq!(on_time.status(), 303);
}

#[tokio::test]
async fn search_counts_each_criterion_without_its_own_choice_and_sorts_by_deadline() {
    let b = board().await;
    let job = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let mut volunteer = job_form(b.partner.id, b.project.id);
    for (key, value) in &mut volunteer {
        match key.as_str() {
            "kind" => *value = "volunteer".into(),
            "title" => *value = "Bénévoles pour l'atelier vélo".into(),
            "territory" => *value = "remote".into(),
            "themes" => *value = "MOB".into(),
            "deadline" => *value = "2026-12-10".into(),
            "contract" | "pay_min" | "pay_max" | "pay_period" => value.clear(),
            _ => {}
        }
    }
    let created = post_fields(
        &b.poster,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &volunteer,
    )
    .await;
    assert_eq!(created.status(), 303);
    let page = location(&created);
    post_fields(&b.poster, &page, &format!("{page}/publier"), &[]).await;

    let visitor = b.app.new_browser();
    let (_, all) = visitor.page("/courtage").await;
    assert_eq!(texts(&all, "[data-testid=board-total]"), vec!["2 demandes"]);
    assert_eq!(texts(&all, "[data-testid=count-kind-job]"), vec!["1"]);
    assert_eq!(texts(&all, "[data-testid=count-reach-remote]"), vec!["1"]);
    assert_eq!(
        texts(&all, "[data-testid=count-region-32]"),
        vec!["1"],
        "Lille is in Hauts-de-France"
    );
    let (_, jobs) = visitor.page("/courtage?kind=job").await;
    assert_eq!(texts(&jobs, "[data-testid=board-total]"), vec!["1 demande"]);
    assert_eq!(
        texts(&jobs, "[data-testid=count-kind-volunteer]"),
        vec!["1"],
        "a chosen criterion still counts its other values"
    );
    assert_eq!(
        texts(&jobs, "[data-testid=count-reach-remote]"),
        Vec::<String>::new(),
        "other criteria obey the choice"
    );
    let (_, closing) = visitor.page("/courtage?sort=closing").await;
    let order: Vec<String> = texts(&closing, "[data-testid=board-result] .card-title");
    assert_eq!(
        order,
        vec![
            "Bénévoles pour l'atelier vélo",
            "Chargé·e d'évaluation d'impact social"
        ]
    );
    let redirect = visitor.get("/brokerage?kind=job").await;
    assert_eq!(redirect.status(), 308);
    assert_eq!(location(&redirect), "/courtage?kind=job");
    assert!(all.contains(&format!("data-id=\"{job}\"")));
}

#[tokio::test]
async fn job_offers_embed_job_posting_json_ld() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let (_, html) = b
        .app
        .new_browser()
        .page(&format!("/courtage/demandes/{id}"))
        .await;
    let document = scraper::Html::parse_document(&html);
    let selector = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let script = document.select(&selector).next().expect("JSON-LD present");
    let posting: serde_json::Value =
        serde_json::from_str(&script.text().collect::<String>()).unwrap();
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["@context"], "https://schema.org/");
    for required in [
        "title",
        "description",
        "datePosted",
        "validThrough",
        "hiringOrganization",
        "jobLocation",
    ] {
        assert!(
            !posting[required].is_null(),
            "{required} missing: {posting}"
        );
    }
    assert_eq!(posting["hiringOrganization"]["name"], "Partenaire jardins");
    assert_eq!(
        posting["jobLocation"]["address"]["addressLocality"],
        "Lille"
    );
    assert_eq!(posting["jobLocation"]["address"]["addressCountry"], "FR");
    assert_eq!(posting["validThrough"], "2026-12-20T23:59:59+00:00");
    assert_eq!(posting["employmentType"], "TEMPORARY");
    assert_eq!(posting["baseSalary"]["value"]["minValue"], 2200);
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "MONTH");
    assert!(
        chrono::NaiveDate::parse_from_str(posting["datePosted"].as_str().unwrap(), "%Y-%m-%d")
            .is_ok()
    );
}

#[tokio::test]
async fn a_deleted_account_leaves_no_personal_data_in_its_answers() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let (expert, browser) = &b.expert;
    answer(
        browser,
        id,
        "Mon téléphone est le 06 00 00 00 00.",
        vec![("cv.pdf", pdf())],
    )
    .await;
    carrefour::accounts::users::anonymise(&b.app.state.db, expert.id)
        .await
        .unwrap();
    let row = board_answer::Entity::find()
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.user_id, row.body.as_str(), row.respondent_name.as_str()),
        (None, "", "")
    );
    assert_eq!(
        board_answer_file::Entity::find()
            .count(&b.app.state.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        board_request::Entity::find_by_id(id)
            .one(&b.app.state.db)
            .await
            .unwrap()
            .unwrap()
            .status,
        "published",
        "the organisation keeps its request"
    );
    let (_, inbox) = b
        .poster
        .page(&format!("/courtage/demandes/{id}/reponses"))
        .await;
    assert!(inbox.contains("Compte supprimé"));
}

#[tokio::test]
async fn expertise_profiles_are_searchable_and_match_requests_both_ways_with_reasons() {
    let b = board().await;
    let db = &b.app.state.db;
    let (_, expert) = &b.expert;
    // A mistaken form keeps what was typed and names each mistake.
    let mut wrong = profile_form(
        "Réemploi et ateliers de réparation",
        &[],
        &["ECO-REEMPLOI"],
        "32",
    );
    wrong.retain(|(k, _)| k != "terms");
    let refused = post_fields(
        expert,
        "/courtage/profils/nouveau",
        "/courtage/profils/nouveau",
        &wrong,
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("value=\"Réemploi et ateliers de réparation\""),
        "the title is kept"
    );
    assert!(page.contains("Cochez au moins un type de demande."));
    assert!(page.contains("Dites si votre aide est bénévole"));

    let matching = create_profile(
        expert,
        &profile_form(
            "Réemploi et ateliers de réparation",
            &["job", "expertise"],
            &["ECO-REEMPLOI"],
            "32",
        ),
    )
    .await;
    let other_kind = create_profile(
        expert,
        &profile_form(
            "Conseil en réemploi pour collectivités",
            &["expertise"],
            &["ECO"],
            "32",
        ),
    )
    .await;
    let elsewhere = create_profile(
        expert,
        &profile_form("Réemploi en Bretagne et ailleurs", &["job"], &["ECO"], "53"),
    )
    .await;
    let mut hidden_form = profile_form(
        "Réemploi, profil masqué pour l'instant",
        &["job"],
        &["ECO"],
        "32",
    );
    hidden_form.retain(|(k, _)| k != "visible");
    let hidden = create_profile(expert, &hidden_form).await;
    let partner_profile = create_profile(
        &b.colleague,
        &[
            profile_form(
                "Accompagnement des jardins partagés",
                &["partnership"],
                &["ALI"],
                "32",
            ),
            vec![("on_behalf".into(), format!("partner:{}", b.partner.id))],
        ]
        .concat(),
    )
    .await;

    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let (status, page) = b.app.page(&format!("/courtage/demandes/{id}")).await;
    assert_eq!(status, 200);
    let section = texts(
        &page,
        "[data-testid=matching-profiles] [data-testid=profile-result] .card-title",
    );
    assert_eq!(
        section,
        vec!["Réemploi et ateliers de réparation"],
        "only the profile of the kind, place and theme"
    );
    let reasons = texts(
        &page,
        "[data-testid=matching-profiles] [data-testid=match-reasons]",
    );
    assert_eq!(
        reasons,
        vec!["correspond : Réemploi et réparation, Hauts-de-France"]
    );

    let (status, page) = b.app.page(&format!("/courtage/profils/{matching}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        ids(&page, "[data-testid=matching-request]"),
        vec![id.to_string()]
    );
    assert_eq!(
        texts(
            &page,
            "[data-testid=matching-request] [data-testid=match-reasons]"
        ),
        vec!["correspond : Réemploi et réparation, Hauts-de-France"]
    );
    let (_, page) = b.app.page(&format!("/courtage/profils/{elsewhere}")).await;
    assert!(
        texts(&page, "[data-testid=matching-request]").is_empty(),
        "Bretagne does not meet Lille"
    );

    // The profiles tab: words analysed in French, counts per criterion.
    let (_, page) = b.app.page("/courtage/profils?q=r%C3%A9parations").await;
    assert_eq!(
        ids(&page, "[data-testid=profile-result]"),
        vec![matching.to_string()]
    );
    let (_, page) = b
        .app
        .page("/courtage/profils?q=r%C3%A9emploi&kind=job")
        .await;
    let mut found = ids(&page, "[data-testid=profile-result]");
    found.sort();
    let mut expected = vec![matching.to_string(), elsewhere.to_string()];
    expected.sort();
    assert_eq!(found, expected, "the hidden profile is left out");
    assert_eq!(
        texts(&page, "[data-testid=profile-count-kind-expertise]"),
        vec!["2"]
    );
    assert_eq!(
        texts(&page, "[data-testid=profile-count-region-53]"),
        vec!["1"]
    );
    let (_, page) = b.app.page("/courtage").await;
    assert_eq!(
        attribute(&page, "[data-testid=tab-profiles]", "href"),
        "/courtage/profils"
    );

    // A hidden profile is its owner's; a partner's profile is its members'.
    assert_eq!(
        b.app.page(&format!("/courtage/profils/{hidden}")).await.0,
        404
    );
    assert_eq!(
        expert.page(&format!("/courtage/profils/{hidden}")).await.0,
        200
    );
    assert_eq!(
        b.poster
            .page(&format!("/courtage/profils/{partner_profile}/modifier"))
            .await
            .0,
        200
    );
    assert_eq!(
        expert
            .page(&format!("/courtage/profils/{partner_profile}/modifier"))
            .await
            .0,
        403
    );
    let (_, mine) = b.poster.page("/courtage/mes-profils").await;
    assert_eq!(
        ids(&mine, "[data-testid=profile-result]"),
        vec![partner_profile.to_string()]
    );

    // Editing keeps the form's values; deleting removes the profile and its terms.
    let edit = format!("/courtage/profils/{other_kind}/modifier");
    let (_, form) = expert.page(&edit).await;
    assert!(form.contains("value=\"Conseil en réemploi pour collectivités\""));
    let updated = post_fields(
        expert,
        &edit,
        &edit,
        &profile_form(
            "Conseil en réemploi pour les communes",
            &["expertise", "job"],
            &["ECO"],
            "32",
        ),
    )
    .await;
    assert_eq!(updated.status(), 303);
    let (_, page) = b.app.page(&format!("/courtage/demandes/{id}")).await;
    assert_eq!(
        texts(
            &page,
            "[data-testid=matching-profiles] [data-testid=profile-result] .card-title"
        )
        .len(),
        2,
        "the edited profile answers jobs now"
    );
    let deleted = post_fields(
        expert,
        &format!("/courtage/profils/{other_kind}"),
        &format!("/courtage/profils/{other_kind}/supprimer"),
        &[],
    )
    .await;
    assert_eq!(deleted.status(), 303);
    assert!(
        carrefour::entities::board_profile::Entity::find_by_id(other_kind)
            .one(db)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        carrefour::entities::board_profile_term::Entity::find()
            .filter(carrefour::entities::board_profile_term::Column::ProfileId.eq(other_kind))
            .count(db)
            .await
            .unwrap(),
        0
    );
}

use support::matrix::{Outcome, outcome};

struct Check {
    route: &'static str,
    method: &'static str,
    /// `{open}`, `{draft}`, `{review}`, `{answer}`, `{document}` are replaced.
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    allowed: &'static [&'static str],
    public: bool,
}

const ACTORS: &[&str] = &[
    "poster",
    "colleague",
    "respondent",
    "other",
    "coordinator",
    "visitor",
];
const SIGNED_IN: &[&str] = &["poster", "colleague", "respondent", "other", "coordinator"];
const ORGANISATION: &[&str] = &["poster", "colleague"];

const CHECKS: &[Check] = &[
    Check {
        route: "/courtage",
        method: "GET",
        path: "/courtage",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage.atom",
        method: "GET",
        path: "/courtage.atom?kind=job",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/api/v1/offers",
        method: "GET",
        path: "/api/v1/offers",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/api/v1/offers/{id}",
        method: "GET",
        path: "/api/v1/offers/{open}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    // A draft is nobody's open data.
    Check {
        route: "/api/v1/offers/{id}",
        method: "GET",
        path: "/api/v1/offers/{draft}",
        form: &[],
        allowed: &[],
        public: true,
    },
    Check {
        route: "/courtage/carte",
        method: "GET",
        path: "/courtage/carte?kind=job",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/carte/points",
        method: "GET",
        path: "/courtage/carte/points?zoom=6",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/demandes/{id}/apercu",
        method: "GET",
        path: "/courtage/demandes/{open}/apercu",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    // A draft is nobody's map card, not even its organisation's.
    Check {
        route: "/courtage/demandes/{id}/apercu",
        method: "GET",
        path: "/courtage/demandes/{draft}/apercu",
        form: &[],
        allowed: &[],
        public: true,
    },
    Check {
        route: "/brokerage",
        method: "GET",
        path: "/brokerage",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/nouvelle",
        method: "GET",
        path: "/courtage/nouvelle",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    // Only people of a partner or a project may post: the others are refused (403).
    Check {
        route: "/courtage/nouvelle",
        method: "POST",
        path: "/courtage/nouvelle",
        form: &[],
        allowed: &[],
        public: false,
    },
    Check {
        route: "/courtage/mes-demandes",
        method: "GET",
        path: "/courtage/mes-demandes",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/courtage/mes-reponses",
        method: "GET",
        path: "/courtage/mes-reponses",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/courtage/moderation",
        method: "GET",
        path: "/courtage/moderation",
        form: &[],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/courtage/moderation/reponses/{id}",
        method: "POST",
        path: "/courtage/moderation/reponses/{held}",
        form: &[("decision", "release")],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}",
        method: "GET",
        path: "/courtage/demandes/{open}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/demandes/{id}",
        method: "GET",
        path: "/courtage/demandes/{draft}",
        form: &[],
        allowed: &["poster", "colleague", "coordinator"],
        public: true,
    },
    Check {
        route: "/courtage/demandes/{id}/modifier",
        method: "GET",
        path: "/courtage/demandes/{open}/modifier",
        form: &[],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/modifier",
        method: "POST",
        path: "/courtage/demandes/{open}/modifier",
        form: &[("title", "x")],
        allowed: &[],
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/publier",
        method: "POST",
        path: "/courtage/demandes/{draft}/publier",
        form: &[],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/cloturer",
        method: "POST",
        path: "/courtage/demandes/{open}/cloturer",
        form: &[("outcome", "closed")],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/rouvrir",
        method: "POST",
        path: "/courtage/demandes/{open}/rouvrir",
        form: &[("deadline", "2026-12-28")],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/supprimer",
        method: "POST",
        path: "/courtage/demandes/{draft}/supprimer",
        form: &[],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/retirer",
        method: "POST",
        path: "/courtage/demandes/{open}/retirer",
        form: &[("reason", "test")],
        allowed: &["poster", "colleague", "coordinator"],
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/valider",
        method: "POST",
        path: "/courtage/demandes/{review}/valider",
        form: &[],
        allowed: &["coordinator"],
        public: false,
    },
    // Sent as multipart; the respondent and "other" already answered in every world.
    Check {
        route: "/courtage/demandes/{id}/repondre",
        method: "MULTIPART",
        path: "/courtage/demandes/{open}/repondre",
        form: &[("body", "Une réponse envoyée par la matrice.")],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/reponses",
        method: "GET",
        path: "/courtage/demandes/{open}/reponses",
        form: &[],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/reponses/{id}/statut",
        method: "POST",
        path: "/courtage/reponses/{answer}/statut",
        form: &[("status", "shortlisted")],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/reponses/{id}/pieces/{document}",
        method: "GET",
        path: "/courtage/reponses/{answer}/pieces/{document}",
        form: &[],
        allowed: &["poster", "colleague", "respondent"],
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/signaler",
        method: "GET",
        path: "/courtage/demandes/{open}/signaler",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/courtage/demandes/{id}/signaler",
        method: "POST",
        path: "/courtage/demandes/{open}/signaler",
        form: &[("reason", "Cette annonce semble trompeuse.")],
        allowed: SIGNED_IN,
        public: false,
    },
    // A draft is reported by nobody: it is not on the board.
    Check {
        route: "/courtage/demandes/{id}/signaler",
        method: "GET",
        path: "/courtage/demandes/{draft}/signaler",
        form: &[],
        allowed: &[],
        public: false,
    },
    // Only those who read an answer (its request's organisation) report it.
    Check {
        route: "/courtage/reponses/{id}/signaler",
        method: "GET",
        path: "/courtage/reponses/{answer}/signaler",
        form: &[],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/reponses/{id}/signaler",
        method: "POST",
        path: "/courtage/reponses/{answer}/signaler",
        form: &[("reason", "Cette réponse est un démarchage.")],
        allowed: ORGANISATION,
        public: false,
    },
    Check {
        route: "/courtage/moderation/signalements/{id}",
        method: "POST",
        path: "/courtage/moderation/signalements/{report}",
        form: &[("decision", "dismiss")],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/courtage/profils",
        method: "GET",
        path: "/courtage/profils?q=r%C3%A9emploi",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/mes-profils",
        method: "GET",
        path: "/courtage/mes-profils",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/courtage/profils/nouveau",
        method: "GET",
        path: "/courtage/profils/nouveau",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    // An empty profile is refused with its mistakes (422).
    Check {
        route: "/courtage/profils/nouveau",
        method: "POST",
        path: "/courtage/profils/nouveau",
        form: &[],
        allowed: &[],
        public: false,
    },
    Check {
        route: "/courtage/profils/{id}",
        method: "GET",
        path: "/courtage/profils/{profile}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/profils/{id}",
        method: "GET",
        path: "/courtage/profils/{hidden_profile}",
        form: &[],
        allowed: &["respondent"],
        public: true,
    },
    Check {
        route: "/courtage/profils/{id}/modifier",
        method: "GET",
        path: "/courtage/profils/{profile}/modifier",
        form: &[],
        allowed: &["respondent"],
        public: false,
    },
    Check {
        route: "/courtage/profils/{id}/modifier",
        method: "POST",
        path: "/courtage/profils/{profile}/modifier",
        form: &[("title", "x")],
        allowed: &[],
        public: false,
    },
    Check {
        route: "/courtage/profils/{id}/supprimer",
        method: "POST",
        path: "/courtage/profils/{profile}/supprimer",
        form: &[],
        allowed: &["respondent"],
        public: false,
    },
    Check {
        route: "/courtage/mes-alertes",
        method: "GET",
        path: "/courtage/mes-alertes",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/courtage/alertes",
        method: "POST",
        path: "/courtage/alertes",
        form: &[
            ("label", "Alerte de la matrice"),
            ("frequency", "daily"),
            ("query", "kind=job"),
        ],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/courtage/alertes/{id}",
        method: "POST",
        path: "/courtage/alertes/{alert}",
        form: &[("frequency", "weekly")],
        allowed: &["respondent"],
        public: false,
    },
    Check {
        route: "/courtage/alertes/{id}/supprimer",
        method: "POST",
        path: "/courtage/alertes/{alert}/supprimer",
        form: &[],
        allowed: &["respondent"],
        public: false,
    },
    // The unsubscribe token is the credential: whoever holds the mail may use it.
    Check {
        route: "/courtage/alertes/desabonnement/{token}",
        method: "GET",
        path: "{unsubscribe}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/courtage/alertes/desabonnement/{token}",
        method: "POST",
        path: "{unsubscribe}",
        form: &[("List-Unsubscribe", "One-Click")],
        allowed: ACTORS,
        public: true,
    },
];

/// A fresh set of requests for one actor: open (with an answer and a document), a
/// draft, one held for review, and a held answer.
struct World {
    open: i64,
    draft: i64,
    review: i64,
    answer: i64,
    document: i64,
    held: i64,
    /// An open report on the open request.
    report: i64,
    /// The respondent's published and hidden expertise profiles.
    profile: i64,
    hidden_profile: i64,
    /// The respondent's saved search and the path of its unsubscribe link.
    alert: i64,
    unsubscribe: String,
}

impl World {
    fn path(&self, template: &str) -> String {
        template
            .replace("{open}", &self.open.to_string())
            .replace("{draft}", &self.draft.to_string())
            .replace("{review}", &self.review.to_string())
            .replace("{answer}", &self.answer.to_string())
            .replace("{document}", &self.document.to_string())
            .replace("{held}", &self.held.to_string())
            .replace("{report}", &self.report.to_string())
            .replace("{hidden_profile}", &self.hidden_profile.to_string())
            .replace("{profile}", &self.profile.to_string())
            .replace("{alert}", &self.alert.to_string())
            .replace("{unsubscribe}", &self.unsubscribe)
    }
}

async fn world(b: &Board, respondent: &Browser, other: &Browser) -> World {
    let open = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let sent = answer(
        respondent,
        open,
        "Ma réponse pour la matrice des droits.",
        vec![("cv.pdf", pdf())],
    )
    .await;
    assert_eq!(sent.status(), 303);
    let (draft, _) = save_draft(&b.poster, &job_form(b.partner.id, b.project.id)).await;
    let created = post_fields(
        &b.poster,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &job_form(b.partner.id, b.project.id),
    )
    .await;
    let review: i64 = location(&created)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    board_request::Entity::update_many()
        .col_expr(
            board_request::Column::Status,
            sea_orm::sea_query::Expr::value("review"),
        )
        .filter(board_request::Column::Id.eq(review))
        .exec(&b.app.state.db)
        .await
        .unwrap();
    let held_answer = answer(other, open, "Une réponse retenue pour relecture.", vec![]).await;
    assert_eq!(held_answer.status(), 303);
    let answers = board_answer::Entity::find()
        .filter(board_answer::Column::RequestId.eq(open))
        .all(&b.app.state.db)
        .await
        .unwrap();
    let (held, visible): (Vec<_>, Vec<_>) = answers
        .into_iter()
        .partition(|a| a.body.contains("retenue"));
    board_answer::Entity::update_many()
        .col_expr(
            board_answer::Column::Held,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(board_answer::Column::Id.eq(held[0].id))
        .exec(&b.app.state.db)
        .await
        .unwrap();
    let document = board_answer_file::Entity::find()
        .filter(board_answer_file::Column::AnswerId.eq(visible[0].id))
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let report = board_report::Entity::insert(board_report::ActiveModel {
        request_id: Set(Some(open)),
        reason: Set("Un signalement de la matrice.".into()),
        status: Set("open".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&b.app.state.db)
    .await
    .unwrap()
    .last_insert_id;
    let profile = create_profile(
        respondent,
        &profile_form("Réemploi et réparation", &["job"], &["ECO"], "32"),
    )
    .await;
    let mut hidden = profile_form("Réemploi, profil masqué", &["job"], &["ECO"], "32");
    hidden.retain(|(k, _)| k != "visible");
    let hidden_profile = create_profile(respondent, &hidden).await;
    let alert = save_alert(respondent, "Réemploi", "daily", "q=réemploi").await;
    let unsubscribe = carrefour::board::alerts::unsubscribe_url(&b.app.state, alert)
        .await
        .unwrap();
    World {
        alert,
        unsubscribe: url::Url::parse(&unsubscribe).unwrap().path().to_owned(),
        profile,
        hidden_profile,
        open,
        draft,
        review,
        answer: visible[0].id,
        document,
        held: held[0].id,
        report,
    }
}

#[tokio::test]
async fn authorization_matrix_covers_every_board_route() {
    let declared: std::collections::BTreeSet<(String, String)> =
        regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*(get|post)\(([^)]*)\)(\.post\()?"#)
            .unwrap()
            .captures_iter(include_str!("../src/board/mod.rs"))
            .flat_map(|c| {
                let mut methods = vec![(c[1].to_owned(), c[2].to_uppercase())];
                if c.get(4).is_some() {
                    methods.push((c[1].to_owned(), "POST".to_owned()));
                }
                methods
            })
            .collect();
    let covered: std::collections::BTreeSet<(String, String)> = CHECKS
        .iter()
        .map(|c| (c.route.to_owned(), c.method.replace("MULTIPART", "POST")))
        .collect();
    assert_eq!(declared, covered, "matrix and router differ");

    let b = unlimited_board().await;
    let (_, respondent) = person(&b.app, "repondante@matrice.example.org", false).await;
    let (_, other) = person(&b.app, "autre@matrice.example.org", false).await;
    let (_, coordinator) = person(&b.app, "coordination@matrice.example.org", true).await;
    let visitor = b.app.new_browser();
    let actors: Vec<(&str, &Browser)> = vec![
        ("poster", &b.poster),
        ("colleague", &b.colleague),
        ("respondent", &respondent),
        ("other", &other),
        ("coordinator", &coordinator),
        ("visitor", &visitor),
    ];
    for check in CHECKS {
        for (name, browser) in &actors {
            let w = world(&b, &respondent, &other).await;
            let path = w.path(check.path);
            let response = if check.method == "GET" {
                browser
                    .client
                    .get(browser.url(&path))
                    .header("accept", "text/html")
                    .send()
                    .await
                    .unwrap()
            } else if check.method == "MULTIPART" {
                let csrf = browser.csrf_token("/contact").await;
                let mut form = reqwest::multipart::Form::new().text("_csrf", csrf);
                for (k, v) in check.form {
                    form = form.text(*k, *v);
                }
                browser
                    .client
                    .post(browser.url(&path))
                    .multipart(form)
                    .header("accept", "text/html")
                    .send()
                    .await
                    .unwrap()
            } else {
                let csrf = browser.csrf_token("/contact").await;
                let mut fields: Vec<(String, String)> = check
                    .form
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                fields.push(("_csrf".into(), csrf));
                browser
                    .client
                    .post(browser.url(&path))
                    .form(&fields)
                    .header("accept", "text/html")
                    .send()
                    .await
                    .unwrap()
            };
            let got = outcome(&response);
            let expected = if check.allowed.contains(name) {
                Outcome::Allowed
            } else if *name == "visitor" && !check.public {
                Outcome::SignInFirst
            } else {
                Outcome::Denied
            };
            assert_eq!(
                got,
                expected,
                "{} {path} as {name} ({})",
                check.method,
                support::backend_name()
            );
            if got != Outcome::Allowed {
                let body = response.text().await.unwrap_or_default();
                assert!(
                    !body.contains("Ma réponse pour la matrice"),
                    "{} {path} as {name} leaks an answer",
                    check.method
                );
            }
        }
    }
}

#[tokio::test]
async fn the_atom_feed_of_a_search_reads_with_a_real_feed_parser() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let response = b
        .app
        .new_browser()
        .get("/courtage.atom?q=evaluation&kind=job")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let body = response.bytes().await.unwrap();
    let feed = feed_rs::parser::parse(&body[..]).expect("a valid feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.entries.len(), 1);
    let entry = &feed.entries[0];
    assert_eq!(
        entry.title.as_ref().unwrap().content,
        "Chargé·e d'évaluation d'impact social"
    );
    assert!(
        entry.links[0]
            .href
            .ends_with(&format!("/courtage/demandes/{id}"))
    );
    assert_eq!(entry.authors[0].name.as_deref(), Some("Partenaire jardins"));
    assert!(entry.published.is_some() && entry.updated.is_some());
    assert!(entry.summary.as_ref().unwrap().content.contains("Lille"));
    let none = b
        .app
        .new_browser()
        .get("/courtage.atom?kind=volunteer")
        .await
        .bytes()
        .await
        .unwrap();
    assert!(
        feed_rs::parser::parse(&none[..])
            .unwrap()
            .entries
            .is_empty()
    );
}

#[tokio::test]
async fn offers_are_open_data_with_the_board_filters() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let created = post_fields(
        &b.poster,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &job_form(b.partner.id, b.project.id),
    )
    .await;
    assert_eq!(created.status(), 303, "a draft is never served");
    let client = support::client();
    let page: serde_json::Value = client
        .get(b.app.url("/api/v1/offers?kind=job&region=32"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 1);
    let item = &page["items"][0];
    assert_eq!(item["id"], id);
    assert_eq!(item["kind"], "job");
    assert_eq!(item["organisation"], "Partenaire jardins");
    assert_eq!(item["projects"], serde_json::json!([b.project.id]));
    assert_eq!(item["territory"]["commune"], "59350");
    assert_eq!(item["themes"][0]["code"], "ECO");
    assert_eq!(item["deadline"], "2026-12-20");
    assert_eq!(item["status"], "published");
    assert!(
        item["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/courtage/demandes/{id}"))
    );
    assert_eq!(page["facets"]["kind"][0]["value"], "job");
    let one: serde_json::Value = client
        .get(b.app.url(&format!("/api/v1/offers/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["title"], item["title"]);
    let draft: i64 = location(&created)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        client
            .get(b.app.url(&format!("/api/v1/offers/{draft}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let refused = client
        .get(b.app.url("/api/v1/offers?kind=poney&per_page=500"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert!(
        error["error"]["fields"]["kind"].is_array()
            && error["error"]["fields"]["per_page"].is_array(),
        "{error}"
    );
}

#[tokio::test]
async fn project_and_territory_pages_list_their_open_requests() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let visitor = b.app.new_browser();
    let project_page = format!("/projets/{}-{}", b.project.id, b.project.slug);
    for path in [
        project_page.as_str(),
        "/territoires/regions/32",
        "/territoires/departements/59",
        "/territoires/communes/59350-lille",
    ] {
        let (status, html) = visitor.page(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains(&format!("href=\"/courtage/demandes/{id}\"")),
            "{path} lists the request"
        );
    }
    let (_, elsewhere) = visitor.page("/territoires/regions/11").await;
    assert!(!elsewhere.contains("data-testid=\"open-requests\""));
    // Closed, it leaves the lists.
    let page = format!("/courtage/demandes/{id}");
    post_fields(
        &b.poster,
        &page,
        &format!("{page}/cloturer"),
        &[("outcome".into(), "closed".into())],
    )
    .await;
    let (_, html) = visitor.page(&project_page).await;
    assert!(!html.contains("data-testid=\"open-requests\""));
}

/// The id of the only answer to `request_id`.
async fn only_answer(app: &TestApp, request_id: i64) -> board_answer::Model {
    board_answer::Entity::find()
        .filter(board_answer::Column::RequestId.eq(request_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn reports_with(app: &TestApp, status: &str) -> Vec<board_report::Model> {
    board_report::Entity::find()
        .filter(board_report::Column::Status.eq(status))
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn reports_reach_the_coordinators_who_dismiss_hide_or_take_off_and_tell_the_organisation() {
    let b = board().await;
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let (_, expert) = &b.expert;
    assert_eq!(
        answer(expert, id, "Je peux évaluer vos jardins.", vec![])
            .await
            .status(),
        303
    );
    let answer_id = only_answer(&b.app, id).await.id;
    let (_, coordinator) = person(&b.app, "coordination@hub.example.org", true).await;
    let (_, other) = person(&b.app, "curieux@ailleurs.example.org", false).await;
    let page = format!("/courtage/demandes/{id}");
    let form_page = format!("{page}/signaler");

    // The request page offers the report; the form names each mistake and keeps the text.
    let (_, shown) = expert.page(&page).await;
    assert!(shown.contains(&format!("href=\"{form_page}\"")));
    let empty = post_fields(
        expert,
        &form_page,
        &form_page,
        &[("reason".into(), " ".into())],
    )
    .await;
    assert_eq!(empty.status(), 422);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("Indiquez le motif du signalement.")
    );
    let short = post_fields(
        expert,
        &form_page,
        &form_page,
        &[("reason".into(), "Arnaque".into())],
    )
    .await;
    assert_eq!(short.status(), 422);
    let short = short.text().await.unwrap();
    assert!(short.contains("trop court"), "{short}");
    assert!(short.contains(">Arnaque</textarea>"), "the reason is kept");
    assert!(reports_with(&b.app, "open").await.is_empty());

    // A valid report reaches the coordinators; a second one changes nothing.
    let reason = "Cette offre demande un paiement aux candidats.";
    let sent = post_fields(
        expert,
        &form_page,
        &form_page,
        &[("reason".into(), reason.into())],
    )
    .await;
    assert_eq!(sent.status(), 303);
    assert_eq!(location(&sent), page);
    let alert = b
        .app
        .wait_for_mail_to("coordination@hub.example.org", "a été signalée")
        .await;
    assert!(alert.text().contains(reason));
    assert!(alert.text().contains("/courtage/moderation"));
    let again = post_fields(
        expert,
        &form_page,
        &form_page,
        &[("reason".into(), reason.into())],
    )
    .await;
    assert_eq!(again.status(), 303);
    assert_eq!(
        reports_with(&b.app, "open").await.len(),
        1,
        "one report a person"
    );

    // The organisation reports the answer from its inbox.
    let inbox = format!("{page}/reponses");
    let (_, answers) = b.poster.page(&inbox).await;
    let answer_form = format!("/courtage/reponses/{answer_id}/signaler");
    assert!(answers.contains(&answer_form));
    let reported = post_fields(
        &b.poster,
        &answer_form,
        &answer_form,
        &[(
            "reason".into(),
            "Démarchage commercial sans rapport.".into(),
        )],
    )
    .await;
    assert_eq!(reported.status(), 303);
    // Someone else dismissed: a third report, on the request.
    let dismissed_one = post_fields(
        &other,
        &form_page,
        &form_page,
        &[("reason".into(), "Je ne comprends pas cette offre.".into())],
    )
    .await;
    assert_eq!(dismissed_one.status(), 303);

    let (status, queue) = coordinator.page("/courtage/moderation").await;
    assert_eq!(status, 200);
    let listed = ids(&queue, "[data-testid=board-report]");
    assert_eq!(listed.len(), 3, "{queue}");
    assert!(queue.contains("Démarchage commercial"));
    assert!(
        queue.contains("Je peux évaluer vos jardins."),
        "the reported answer is shown"
    );

    let open = reports_with(&b.app, "open").await;
    let by_other = open
        .iter()
        .find(|r| r.reason.contains("comprends"))
        .unwrap();
    let on_answer = open.iter().find(|r| r.answer_id.is_some()).unwrap();
    let on_request = open.iter().find(|r| r.reason == reason).unwrap();

    // Dismissed: the request stays on the board.
    let decided = post_fields(
        &coordinator,
        "/courtage/moderation",
        &format!("/courtage/moderation/signalements/{}", by_other.id),
        &[("decision".into(), "dismiss".into())],
    )
    .await;
    assert_eq!(decided.status(), 303);
    assert_eq!(reports_with(&b.app, "dismissed").await.len(), 1);
    let row = board_request::Entity::find_by_id(id)
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "published");

    // Hidden answer: out of the inbox, marked for its respondent, the organisation told.
    let hide = post_fields(
        &coordinator,
        "/courtage/moderation",
        &format!("/courtage/moderation/signalements/{}", on_answer.id),
        &[
            ("decision".into(), "act".into()),
            ("note".into(), String::new()),
        ],
    )
    .await;
    assert_eq!(hide.status(), 303);
    let (_, answers) = b.poster.page(&inbox).await;
    assert!(ids(&answers, "[data-testid=answer]").is_empty());
    assert!(!answers.contains("Je peux évaluer vos jardins."));
    let status_change = post_fields(
        &b.poster,
        &inbox,
        &format!("/courtage/reponses/{answer_id}/statut"),
        &[("status".into(), "accepted".into())],
    )
    .await;
    assert_eq!(
        status_change.status(),
        404,
        "a hidden answer is no longer theirs to decide"
    );
    let (_, mine) = expert.page("/courtage/mes-reponses").await;
    assert_eq!(
        texts(&mine, "[data-testid=my-answer-status]"),
        vec!["Masquée par la coordination"]
    );
    let told = b
        .app
        .wait_for_mail_to("colleague@jardins.example.org", "a masqué la réponse")
        .await;
    assert!(
        told.text().contains("Démarchage commercial"),
        "the report's reason by default"
    );

    // Taken off the board with the coordinator's note; both members are told.
    let take_off = post_fields(
        &coordinator,
        "/courtage/moderation",
        &format!("/courtage/moderation/signalements/{}", on_request.id),
        &[
            ("decision".into(), "act".into()),
            ("note".into(), "Offre payante pour les candidats".into()),
        ],
    )
    .await;
    assert_eq!(take_off.status(), 303);
    let row = board_request::Entity::find_by_id(id)
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "unpublished");
    assert_eq!(
        row.moderation_reason.as_deref(),
        Some("Offre payante pour les candidats")
    );
    for member in [
        "poster@jardins.example.org",
        "colleague@jardins.example.org",
    ] {
        let mail = b.app.wait_for_mail_to(member, "retiré votre demande").await;
        assert!(mail.text().contains("Offre payante pour les candidats"));
    }
    assert_eq!(b.app.new_browser().page(&page).await.0, 404);
    assert!(reports_with(&b.app, "open").await.is_empty());
    assert_eq!(reports_with(&b.app, "acted").await.len(), 2);
    let (_, queue) = coordinator.page("/courtage/moderation").await;
    assert!(ids(&queue, "[data-testid=board-report]").is_empty());
    // A settled report is gone from the queue and cannot be decided again.
    assert_eq!(
        post_fields(
            &coordinator,
            "/courtage/moderation",
            &format!("/courtage/moderation/signalements/{}", on_request.id),
            &[("decision".into(), "dismiss".into())],
        )
        .await
        .status(),
        404,
        "a settled report is not decided twice"
    );
}

#[tokio::test]
async fn a_saved_search_mails_new_requests_with_a_one_click_unsubscribe() {
    let b = board().await;
    let (_, expert) = &b.expert;
    // A mistaken form keeps its values and names each mistake.
    let csrf = expert.csrf_token("/courtage?kind=job").await;
    let refused = expert
        .post_form(
            "/courtage/alertes",
            &[
                ("_csrf", &csrf),
                ("label", "   "),
                ("frequency", "hourly"),
                ("query", "kind=job&q=évaluation"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Choisissez une fréquence de la liste."),
        "{html}"
    );
    assert!(html.contains("id=\"error-label\""), "{html}");
    assert_eq!(
        attribute(&html, "[data-testid=alert-form] input[name=query]", "value"),
        "kind=job&q=évaluation"
    );
    let alert = save_alert(
        expert,
        "Emplois en évaluation",
        "immediate",
        "kind=job&q=%C3%A9valuation&page=3",
    )
    .await;
    let saved = carrefour::entities::board_saved_search::Entity::find_by_id(alert)
        .one(&b.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        saved.query, "q=%C3%A9valuation&kind=job",
        "kept without its page"
    );

    // A job offer published after the alert is mailed once, after the settling minute.
    b.app.state.clock.advance(chrono::Duration::minutes(5));
    let id = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let send = || carrefour::board::alerts::send_due(&b.app.state);
    assert_eq!(
        send().await.unwrap(),
        0,
        "too fresh to be sure it is indexed"
    );
    b.app.state.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(send().await.unwrap(), 1);
    assert_eq!(send().await.unwrap(), 0, "nothing new since");
    let mail = b
        .app
        .wait_for_mail_to("experte@conseil.example.org", "correspond à votre alerte")
        .await;
    let text = mail.text();
    assert!(
        text.contains("Chargé·e d'évaluation d'impact social"),
        "{text}"
    );
    assert!(text.contains(&format!("/courtage/demandes/{id}")), "{text}");
    let header = mail
        .data
        .lines()
        .find_map(|l| l.strip_prefix("List-Unsubscribe: "))
        .unwrap_or_else(|| panic!("no List-Unsubscribe in\n{}", mail.data));
    assert!(
        mail.data
            .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
    );
    let link = header.trim().trim_start_matches('<').trim_end_matches('>');
    assert_eq!(
        support::link_in_mail(&text, "/courtage/alertes/desabonnement/"),
        link
    );

    // A request of another kind does not match; a matching one in a weekly alert waits.
    b.app.state.clock.advance(chrono::Duration::minutes(10));
    let mut volunteer = job_form(b.partner.id, b.project.id);
    for (k, v) in volunteer.iter_mut() {
        if k == "kind" {
            *v = "volunteer".into();
        }
    }
    let created = post_fields(
        &b.poster,
        "/courtage/nouvelle",
        "/courtage/nouvelle",
        &volunteer,
    )
    .await;
    assert_eq!(created.status(), 303);
    let page = location(&created);
    post_fields(&b.poster, &page, &format!("{page}/publier"), &[]).await;
    b.app.state.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(send().await.unwrap(), 0, "a volunteer mission is not a job");

    // One click: the mail provider posts without cookies.
    let anonymous = support::client();
    let done = anonymous
        .post(link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("vous ne recevrez plus"));
    assert_eq!(
        carrefour::entities::board_saved_search::Entity::find()
            .count(&b.app.state.db)
            .await
            .unwrap(),
        0
    );
    let again = anonymous.get(link).send().await.unwrap();
    assert_eq!(again.status(), 404, "the link says the alert is gone");
}

#[tokio::test]
async fn the_board_map_places_the_search_in_view_opens_cards_and_limits_the_list_to_an_area() {
    let b = board().await;
    let lille = publish_job(&b.poster, b.partner.id, b.project.id).await;
    let no_pay = [
        ("contract", ""),
        ("pay_min", ""),
        ("pay_max", ""),
        ("pay_period", ""),
    ];
    let bordeaux = publish_form(
        &b.poster,
        &job_form_with(
            b.partner.id,
            b.project.id,
            &[
                ("kind", "expertise"),
                ("title", "Regard d'expert sur notre modèle économique"),
                ("commune", "Bordeaux (33)"),
                no_pay[0],
                no_pay[1],
                no_pay[2],
                no_pay[3],
            ],
        ),
    )
    .await;
    publish_form(
        &b.poster,
        &job_form_with(
            b.partner.id,
            b.project.id,
            &[
                ("kind", "volunteer"),
                ("title", "Bénévoles à distance"),
                ("territory", "remote"),
                no_pay[0],
                no_pay[1],
                no_pay[2],
                no_pay[3],
            ],
        ),
    )
    .await;
    let (draft, _) = save_draft(&b.poster, &job_form(b.partner.id, b.project.id)).await;

    let client = support::client();
    let points = |query: &str| {
        let url = b.app.url(&format!("/courtage/carte/points?{query}"));
        let client = client.clone();
        async move { client.get(url).send().await.unwrap() }
    };
    let json = |response: reqwest::Response| async move {
        assert_eq!(response.status(), 200);
        response.json::<serde_json::Value>().await.unwrap()
    };
    let ids = |answer: &serde_json::Value| -> Vec<i64> {
        let mut ids: Vec<i64> = answer["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        ids.sort();
        ids
    };
    let all = json(points("").await).await;
    assert_eq!(all["total"], 3, "the remote request is found…");
    assert_eq!(all["located"], 2, "…but has no place");
    assert_eq!(ids(&all), vec![lille, bordeaux], "the draft is nobody's");
    assert!(
        all["message"]
            .as_str()
            .unwrap()
            .starts_with("2 demandes situées")
    );
    let extent = all["extent"].as_array().unwrap();
    assert!(extent[0].as_f64().unwrap() < 45.0 && extent[2].as_f64().unwrap() > 50.5);

    let jobs = json(points("kind=job").await).await;
    assert_eq!((jobs["total"].clone(), ids(&jobs)), (1.into(), vec![lille]));
    let around_lille = "2.9,50.5,3.2,50.8";
    let in_view = json(points(&format!("view={around_lille}&zoom=10")).await).await;
    assert_eq!(in_view["total"], 3, "the total ignores the view");
    assert_eq!(ids(&in_view), vec![lille]);
    for bad in ["zoom=21", "view=nord", "bbox=1,2,3", "kind=bogus"] {
        assert_eq!(points(bad).await.status(), 422, "{bad}");
    }
    let api = |query: &str| {
        client
            .get(b.app.url(&format!("/api/v1/offers?{query}")))
            .send()
    };
    let placed: serde_json::Value = api(&format!("bbox={around_lille}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(placed["total"], 1, "the API takes the same area");
    assert_eq!(api("bbox=nord").await.unwrap().status(), 422);

    let visitor = b.app.new_browser();
    let (status, card) = visitor
        .page(&format!("/courtage/demandes/{lille}/apercu"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&card, "h3 a"),
        vec!["Chargé·e d'évaluation d'impact social"]
    );
    assert_eq!(
        attribute(&card, "h3 a", "href"),
        format!("/courtage/demandes/{lille}")
    );
    for hidden in [draft.to_string(), "page".into(), "999999".into()] {
        let (status, _) = visitor
            .page(&format!("/courtage/demandes/{hidden}/apercu"))
            .await;
        assert_eq!(status, 404, "{hidden}");
    }

    let (_, list) = visitor.page("/courtage?kind=job").await;
    let map_link = attribute(&list, "[data-testid=board-map-link]", "href");
    assert_eq!(map_link, "/courtage/carte?kind=job");
    let (status, map) = visitor.page(&map_link).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&map, "[data-testid=board-total]"), vec!["1 demande"]);
    assert_eq!(attribute(&map, "#map", "data-params"), "kind=job");
    assert_eq!(
        attribute(&map, "#map", "data-points"),
        "/courtage/carte/points"
    );
    assert_eq!(
        attribute(&map, "[data-testid=board-list-link]", "href"),
        "/courtage?kind=job"
    );

    // The map's "search here" lists the requests of an area; the list says so.
    let (_, area) = visitor
        .page(&format!("/courtage?bbox={around_lille}"))
        .await;
    assert_eq!(texts(&area, "[data-testid=board-total]"), vec!["1 demande"]);
    assert!(area.contains(&format!("data-id=\"{lille}\"")));
    assert_eq!(
        attribute(&area, "[data-testid=board-area-clear]", "href"),
        "/courtage"
    );
    assert_eq!(
        attribute(&area, "input[name=bbox]", "value"),
        around_lille,
        "kept on submit"
    );
    let (_, beyond) = visitor.page("/courtage?page=99").await;
    assert_eq!(texts(&beyond, "[data-testid=board-beyond]").len(), 1);
    assert!(texts(&beyond, "[data-testid=board-empty]").is_empty());
    let (status, unreadable) = visitor.page("/courtage?bbox=nord").await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&unreadable, "[data-testid=board-area-unreadable]").len(),
        1
    );
    assert_eq!(
        texts(&unreadable, "[data-testid=board-total]"),
        vec!["3 demandes"]
    );
}

#[tokio::test]
async fn the_board_benchmark_fills_the_board_from_the_projects_and_times_its_queries() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let partner = fixtures::partner(db, "jardins", "active").await;
    for (title, commune) in [
        ("Jardin partagé des Lilas", "59350"),
        ("Recyclerie du quartier", "33063"),
        ("Épicerie solidaire", "75056"),
    ] {
        ProjectBuilder::new(title)
            .commune(commune)
            .themes(&["ECO"])
            .listed_by(partner.id)
            .insert(db)
            .await;
    }
    // Five requests from three projects: the projects are taken again in another kind.
    assert_eq!(carrefour::board::bench::fill(db, 5).await.unwrap(), 5);
    assert_eq!(
        carrefour::board::bench::fill(db, 5).await.unwrap(),
        0,
        "full"
    );
    let rows = board_request::Entity::find().all(db).await.unwrap();
    assert_eq!(rows.len(), 5);
    assert!(
        rows.iter()
            .all(|r| r.status == "published" && r.latitude.is_some())
    );
    assert!(
        rows.iter()
            .any(|r| r.title.ends_with(": Recyclerie du quartier"))
    );
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("queries.txt");
    std::fs::write(
        &queries,
        "recyclerie\njardin\tregion=Hauts-de-France\nvélo\n",
    )
    .unwrap();
    let queries = carrefour::search::bench::read_queries(db, &queries)
        .await
        .unwrap();
    let (_, report) = carrefour::board::bench::run(db, &queries, 2).await.unwrap();
    assert_eq!(report.documents, 5);
    assert_eq!((report.queries, report.repeat), (3, 2));
    assert_eq!(report.empty, 1, "nothing about bikes");
    assert!(report.p50_ms <= report.p95_ms && report.p95_ms <= report.max_ms);
}
