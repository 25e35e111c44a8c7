//! Partner spaces: who may do what (the authorization matrix), applications and their
//! decision, invitations, the last-admin rule, suspension, and demo accounts.
mod support;

use carrefour::entities::{membership, partner, partner_application, user, user_token};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use support::{TestApp, extract_csrf, fixtures};

const PASSWORD: &str = "mot de passe solide";

/// A person with their own browser (cookie jar).
struct Person {
    id: i64,
    email: String,
    client: reqwest::Client,
}

async fn create_user(app: &TestApp, email: &str, coordinator: bool) -> user::Model {
    fixtures::user(&app.state.db, email, Some(PASSWORD), coordinator).await
}

async fn csrf_of(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let html = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    extract_csrf(&html).unwrap_or_else(|| panic!("no CSRF token on {path}"))
}

/// Signs `email` in through the real sign-in form.
async fn sign_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = support::client();
    let csrf = csrf_of(&client, app, "/connexion").await;
    let response = client
        .post(app.url("/connexion"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("email", email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "sign-in of {email} failed"
    );
    client
}

async fn person(app: &TestApp, email: &str, coordinator: bool) -> Person {
    let user = create_user(app, email, coordinator).await;
    Person {
        id: user.id,
        email: email.into(),
        client: sign_in(app, email).await,
    }
}

async fn create_partner(app: &TestApp, slug: &str, status: &str) -> partner::Model {
    fixtures::partner(&app.state.db, slug, status).await
}

/// Makes `user_id` a member of `partner_id` with exactly `role`.
async fn set_member(app: &TestApp, partner_id: i64, user_id: i64, role: &str) {
    membership::Entity::delete_many()
        .filter(membership::Column::PartnerId.eq(partner_id))
        .filter(membership::Column::UserId.eq(user_id))
        .exec(&app.state.db)
        .await
        .unwrap();
    fixtures::member(&app.state.db, partner_id, user_id, role).await;
}

async fn role_of(app: &TestApp, partner_id: i64, user_id: i64) -> Option<String> {
    membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .map(|m| m.role)
}

/// Leaves the partner with exactly one source, "Site"; returns its id.
async fn fixture_source(app: &TestApp, partner_id: i64) -> i64 {
    use carrefour::entities::source;
    source::Entity::delete_many()
        .filter(source::Column::PartnerId.eq(partner_id))
        .exec(&app.state.db)
        .await
        .unwrap();
    // Loopback without an allowlist: a crawl of it is refused by the SSRF guard, so a
    // "collect now" in the matrix never leaves the machine.
    let config = r#"{"kind":"feed","url":"http://127.0.0.1:9/rss"}"#;
    fixtures::source(&app.state.db, partner_id, "Site", config)
        .await
        .id
}

/// A suspected duplicate awaiting review: a record of the source, its project, and the
/// project it looks like (the source and its records are replaced at each reset).
async fn fixture_suspect(app: &TestApp, source_id: i64) -> i64 {
    use carrefour::entities::{duplicate_link, project, project_attribution, raw_record};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let db = &app.state.db;
    let now = chrono::Utc::now();
    let new_project = |title: &str| project::ActiveModel {
        slug: Set("epicerie".into()),
        title: Set(title.into()),
        summary: Set(String::new()),
        description_html: Set(String::new()),
        status: Set("active".into()),
        provenance: Set("{}".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let listed = new_project("Épicerie").insert(db).await.unwrap();
    let alike = new_project("Épicerie solidaire").insert(db).await.unwrap();
    let src = carrefour::entities::source::Entity::find_by_id(source_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let record = raw_record::ActiveModel {
        source_id: Set(source_id),
        identity: Set("epicerie".into()),
        url: Set(None),
        fields: Set(r#"{"title":"Épicerie"}"#.into()),
        content_hash: Set("h".into()),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
        changed_at: Set(now),
        missed_runs: Set(0),
        consolidated_hash: Set(Some("h".into())),
        consolidated_gone: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    project_attribution::ActiveModel {
        project_id: Set(listed.id),
        partner_id: Set(src.partner_id),
        original_url: Set(String::new()),
        partner_tags: Set("[]".into()),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
        source_id: Set(Some(source_id)),
        raw_record_id: Set(Some(record.id)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    duplicate_link::ActiveModel {
        raw_record_id: Set(record.id),
        project_id: Set(alike.id),
        score: Set(0.6),
        details: Set(
            r#"{"title":0.8,"text":null,"contact":null,"place":null,"score":0.6,"other_commune":false}"#
                .into(),
        ),
        status: Set("suggested".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

/// A conversation addressed to the partner's inbox and a pending request to hold a
/// project it lists (both remade before each request of the matrix).
async fn fixture_messaging(app: &TestApp, partner_id: i64, sender: &user::Model) -> (i64, i64) {
    use carrefour::entities::{project, project_attribution, project_claim};
    use carrefour::messaging::service::{self, Draft, Target};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let db = &app.state.db;
    let now = chrono::Utc::now();
    let alpha = partner::Entity::find_by_id(partner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let target = Target::Partner(alpha, None);
    let to = service::recipients(db, &target).await.unwrap().unwrap();
    let draft = Draft::parse("Une question", "Bonjour, une question pour vous.").unwrap();
    let started = service::start(&app.state, sender, &target, &to, &draft, false)
        .await
        .unwrap();
    let listed = project::ActiveModel {
        slug: Set("revendique".into()),
        title: Set("Projet revendiqué".into()),
        summary: Set(String::new()),
        description_html: Set(String::new()),
        status: Set("active".into()),
        provenance: Set("{}".into()),
        social_links: Set("[]".into()),
        distinctions: Set("[]".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    project_attribution::ActiveModel {
        project_id: Set(listed.id),
        partner_id: Set(partner_id),
        original_url: Set(String::new()),
        partner_tags: Set("[]".into()),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let claim = project_claim::ActiveModel {
        project_id: Set(listed.id),
        user_id: Set(sender.id),
        status: Set("pending".into()),
        method: Set("request".into()),
        message: Set("Je porte ce projet depuis 2020.".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    (started.conversation_id, claim.id)
}

/// Waits until no crawl job is queued or running.
async fn crawls_settled(app: &TestApp) {
    use carrefour::entities::job;
    for _ in 0..200 {
        let busy = job::Entity::find()
            .filter(job::Column::Kind.eq("crawl_source"))
            .filter(job::Column::Status.is_in(["queued", "running"]))
            .count(&app.state.db)
            .await
            .unwrap();
        if busy == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("a crawl job did not finish");
}

/// What happened to a request, as far as authorization goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Allowed,
    SignInFirst,
    Denied,
}

fn outcome(response: &reqwest::Response) -> Outcome {
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match status.as_u16() {
        200 => Outcome::Allowed,
        303 if location.starts_with("/connexion") => Outcome::SignInFirst,
        303 => Outcome::Allowed,
        403 | 404 => Outcome::Denied,
        other => panic!("unexpected status {other} (location {location:?})"),
    }
}

const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// One partner-space request of the matrix.
struct Route {
    method: &'static str,
    /// With `{target}` for the target member and `{invitation}` for a fresh invitation.
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    /// Roles allowed, plus `coordinator`.
    allowed: &'static [&'static str],
}

const MEMBERS: &[&str] = &["admin", "editor", "voter", "member"];

const ROUTES: &[Route] = &[
    Route {
        method: "GET",
        path: "/p/alpha",
        form: &[],
        allowed: &["admin", "editor", "voter", "member", "coordinator"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/profil",
        form: &[],
        allowed: &["admin"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/profil",
        form: &[
            ("name", "Partenaire alpha"),
            ("kind", "network"),
            ("scale", "regional"),
            ("website", "https://alpha.example.org"),
            ("description", "Un réseau."),
        ],
        allowed: &["admin"],
    },
    Route {
        method: "MULTIPART",
        path: "/p/alpha/logo",
        form: &[],
        allowed: &["admin"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/logo/supprimer",
        form: &[],
        allowed: &["admin"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/membres",
        form: &[],
        allowed: &["admin", "editor", "voter", "member", "coordinator"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/membres/inviter",
        form: &[("email", "nouvelle@exemple.fr"), ("role", "editor")],
        allowed: &["admin"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/membres/{target}/role",
        form: &[("role", "voter")],
        allowed: &["admin"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/membres/{target}/retirer",
        form: &[],
        allowed: &["admin"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/invitations/{invitation}/annuler",
        form: &[],
        allowed: &["admin"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/quitter",
        form: &[],
        allowed: &["admin", "editor", "voter", "member"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/sources",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/sources/nouvelle",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/sources/nouvelle",
        form: &[
            ("name", "Flux"),
            (
                "config",
                r#"{"kind": "feed", "url": "https://alpha.example.org/feed"}"#,
            ),
            ("interval_hours", "24"),
            ("per_host_delay_ms", "1000"),
            ("per_host_connections", "2"),
            ("max_pages", "100"),
            ("max_depth", "10"),
        ],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/sources/essai",
        form: &[
            ("name", "Flux"),
            (
                "config",
                r#"{"kind": "feed", "url": "https://alpha.example.org/feed"}"#,
            ),
            ("interval_hours", "24"),
            ("per_host_delay_ms", "1000"),
            ("per_host_connections", "2"),
            ("max_pages", "100"),
            ("max_depth", "10"),
        ],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/sources/{source}",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/sources/{source}",
        form: &[
            ("name", "Site"),
            (
                "config",
                r#"{"kind": "feed", "url": "https://alpha.example.org/rss"}"#,
            ),
            ("interval_hours", "12"),
            ("per_host_delay_ms", "1000"),
            ("per_host_connections", "2"),
            ("max_pages", "100"),
            ("max_depth", "10"),
        ],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/sources/{source}/erreurs.csv",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/sources/{source}/collecter",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/sources/{source}/supprimer",
        form: &[("confirm", "1")],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/sources/{source}/correspondances",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/sources/{source}/correspondances",
        form: &[
            ("rule_to", "title"),
            ("rule_from", "nom"),
            ("action", "preview"),
        ],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/doublons",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/doublons/{link}",
        form: &[("decision", "different")],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/etiquettes",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/etiquettes",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/qualite",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/sources/{source}/qualite",
        form: &[],
        allowed: &["admin", "editor", "coordinator"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/messages",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/messages/{conversation}/attribuer",
        form: &[("user_id", "")],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/messages/{conversation}/traiter",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/messages/{conversation}/rouvrir",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "GET",
        path: "/p/alpha/revendications",
        form: &[],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/revendications/{claim}",
        form: &[("decision", "approve"), ("reason", "")],
        allowed: &["admin", "editor"],
    },
    Route {
        method: "POST",
        path: "/p/alpha/revendications/{claim}/retirer",
        form: &[("reason", "Ce n'est pas le bon projet.")],
        allowed: &["admin", "editor"],
    },
];

#[tokio::test]
async fn authorization_matrix_covers_every_partner_space_route() {
    // Every route declared in the partner-space routers is in the matrix.
    let source = [
        include_str!("../src/partners/mod.rs"),
        include_str!("../src/consolidation/routes.rs"),
        include_str!("../src/messaging/mod.rs"),
        include_str!("../src/projects/claim.rs"),
    ]
    .concat();
    let declared: std::collections::BTreeSet<String> = source
        .split('"')
        .filter(|piece| piece.starts_with("/p/{partner}"))
        .map(|piece| {
            piece
                .replace("{partner}", "alpha")
                .replace("{user}", "{target}")
                .replace("/invitations/{id}", "/invitations/{invitation}")
                .replace("/sources/{id}", "/sources/{source}")
                .replace("/messages/{id}", "/messages/{conversation}")
                .replace("/revendications/{id}", "/revendications/{claim}")
        })
        .collect();
    let covered: std::collections::BTreeSet<String> =
        ROUTES.iter().map(|r| r.path.to_string()).collect();
    assert_eq!(declared, covered, "matrix and router differ");

    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let beta = create_partner(&app, "beta", "active").await;
    let mut actors: Vec<(&str, Option<Person>)> = Vec::new();
    for role in MEMBERS {
        let p = person(&app, &format!("{role}@alpha.fr"), false).await;
        actors.push((role, Some(p)));
    }
    let outsider = person(&app, "admin@beta.fr", false).await;
    set_member(&app, beta.id, outsider.id, "admin").await;
    actors.push(("other-partner-admin", Some(outsider)));
    actors.push((
        "coordinator",
        Some(person(&app, "coord@collectif.fr", true).await),
    ));
    actors.push(("visitor", None));
    let target = create_user(&app, "cible@alpha.fr", false).await;
    let writer = create_user(&app, "ecrit@ailleurs.fr", false).await;
    // The matrix's conversations would queue a mail per request ahead of its crawls.
    for (_, p) in actors.iter().take(MEMBERS.len()) {
        carrefour::notifications::set(
            &app.state.db,
            p.as_ref().unwrap().id,
            carrefour::messaging::notify::KIND_INBOX,
            carrefour::notifications::Delivery::Never,
        )
        .await
        .unwrap()
        .unwrap();
    }
    let visitor = support::client();

    for route in ROUTES {
        for (name, actor) in &actors {
            // Reset the partner before each request: requests change memberships.
            for (role, p) in actors.iter().take(MEMBERS.len()) {
                set_member(&app, alpha.id, p.as_ref().unwrap().id, role).await;
            }
            set_member(&app, alpha.id, target.id, "member").await;
            let source_id = fixture_source(&app, alpha.id).await;
            let link = fixture_suspect(&app, source_id).await;
            let (conversation, claim) = fixture_messaging(&app, alpha.id, &writer).await;
            let invitation = carrefour::accounts::tokens::issue(
                &app.state.db,
                carrefour::accounts::tokens::NewToken {
                    purpose: carrefour::accounts::tokens::Purpose::Invite,
                    user_id: None,
                    email: "invitee@exemple.fr",
                    partner_id: Some(alpha.id),
                    role: Some("member"),
                    created_by: None,
                },
            )
            .await
            .unwrap();
            let invitation_id = user_token::Entity::find()
                .filter(
                    user_token::Column::TokenHash
                        .eq(carrefour::accounts::tokens::digest(&invitation)),
                )
                .one(&app.state.db)
                .await
                .unwrap()
                .unwrap()
                .id;
            let client = actor.as_ref().map(|p| &p.client).unwrap_or(&visitor);
            let path = route
                .path
                .replace("{target}", &target.id.to_string())
                .replace("{invitation}", &invitation_id.to_string())
                .replace("{source}", &source_id.to_string())
                .replace("{link}", &link.to_string())
                .replace("{conversation}", &conversation.to_string())
                .replace("{claim}", &claim.to_string());
            let csrf = csrf_of(client, &app, "/contact").await;
            let request = match route.method {
                "GET" => client.get(app.url(&path)),
                "POST" => {
                    let mut fields: Vec<(&str, &str)> = route.form.to_vec();
                    fields.push(("_csrf", &csrf));
                    client.post(app.url(&path)).form(&fields)
                }
                _ => {
                    let form = reqwest::multipart::Form::new()
                        .text("_csrf", csrf.clone())
                        .part(
                            "logo",
                            reqwest::multipart::Part::bytes(PNG.to_vec())
                                .file_name("logo.png")
                                .mime_str("image/png")
                                .unwrap(),
                        );
                    client.post(app.url(&path)).multipart(form)
                }
            };
            let response = request.header("accept", "text/html").send().await.unwrap();
            // A queued crawl must end before the next reset deletes its source.
            crawls_settled(&app).await;
            let got = outcome(&response);
            let expected = if *name == "visitor" {
                Outcome::SignInFirst
            } else if route.allowed.contains(name) {
                Outcome::Allowed
            } else {
                Outcome::Denied
            };
            assert_eq!(
                got,
                expected,
                "{} {} as {name} ({})",
                route.method,
                route.path,
                support::backend_name()
            );
            if got == Outcome::Denied {
                let body = response.text().await.unwrap();
                assert!(
                    !body.contains("cible@alpha.fr"),
                    "a denied page leaks member data"
                );
            }
        }
    }
}

#[tokio::test]
async fn outsiders_do_not_learn_about_applicants() {
    let app = TestApp::spawn().await;
    create_partner(&app, "en-attente", "applicant").await;
    let outsider = person(&app, "curieux@exemple.fr", false).await;
    let response = outsider
        .client
        .get(app.url("/p/en-attente"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (status, html) = app.page("/partenaires").await;
    assert_eq!(status, 200);
    assert!(!html.contains("Partenaire en-attente"));
}

async fn apply(app: &TestApp, applicant: &Person, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = csrf_of(&applicant.client, app, "/rejoindre").await;
    let mut form = fields.to_vec();
    form.push(("_csrf", &csrf));
    applicant
        .client
        .post(app.url("/rejoindre"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

const APPLICATION: &[(&str, &str)] = &[
    ("name", "Tiers-Lieu des Coteaux"),
    ("slug", ""),
    ("kind", "association"),
    ("scale", "local"),
    ("website", "https://coteaux.example.org"),
    ("description", "Un tiers-lieu rural."),
    (
        "message",
        "Nous repérons des projets en milieu rural depuis 2019.",
    ),
];

#[tokio::test]
async fn an_application_is_accepted_by_a_coordinator_and_the_applicant_is_told() {
    let app = TestApp::spawn().await;
    let applicant = person(&app, "lea@coteaux.example.org", false).await;
    let coordinator = person(&app, "coord@collectif.fr", true).await;

    let response = apply(&app, &applicant, APPLICATION).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/p/tiers-lieu-des-coteaux");
    let created = partner::Entity::find()
        .filter(partner::Column::Slug.eq("tiers-lieu-des-coteaux"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(created.status, "applicant");
    assert_eq!(
        role_of(&app, created.id, applicant.id).await.as_deref(),
        Some("admin")
    );
    app.wait_for_mail("Nous repérons des projets en milieu rural")
        .await;
    let (_, directory) = app.page("/partenaires").await;
    assert!(
        !directory.contains("Tiers-Lieu des Coteaux"),
        "not public yet"
    );

    // Declining needs a message; the form says so.
    let application = partner_application::Entity::find()
        .filter(partner_application::Column::PartnerId.eq(created.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let path = format!("/coordination/candidatures/{}/decision", application.id);
    let csrf = csrf_of(&coordinator.client, &app, "/coordination/candidatures").await;
    let refused = coordinator
        .client
        .post(app.url(&path))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("decision", "decline"),
            ("message", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // An applicant cannot decide on their own application.
    let csrf_applicant = csrf_of(&applicant.client, &app, "/contact").await;
    let forbidden = applicant
        .client
        .post(app.url(&path))
        .header("accept", "text/html")
        .form(&[("_csrf", csrf_applicant.as_str()), ("decision", "accept")])
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    let accepted = coordinator
        .client
        .post(app.url(&path))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("decision", "accept"),
            ("message", "Bienvenue dans le collectif !"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let admitted = partner::Entity::find_by_id(created.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(admitted.status, "active");
    assert!(admitted.admitted_at.is_some());
    let mail = app.wait_for_mail("Bienvenue dans le collectif !").await;
    assert!(mail.contains("lea@coteaux.example.org"));
    let (_, directory) = app.page("/partenaires").await;
    assert!(directory.contains("Tiers-Lieu des Coteaux"));

    // Deciding twice changes nothing; the audit log has the admission.
    let again = coordinator
        .client
        .post(app.url(&path))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("decision", "decline"),
            ("message", "Trop tard pour refuser."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let still = partner::Entity::find_by_id(created.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, "active");
    let journal = coordinator
        .client
        .get(app.url("/coordination/journal"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(journal.contains("partner_admitted") || journal.contains("admis"));
}

#[tokio::test]
async fn bad_applications_are_explained_and_keep_what_was_typed() {
    let app = TestApp::spawn().await;
    create_partner(&app, "deja-pris", "active").await;
    let applicant = person(&app, "sam@exemple.fr", false).await;
    let long_name = "N".repeat(200);
    let response = apply(
        &app,
        &applicant,
        &[
            ("name", long_name.as_str()),
            ("slug", "deja-pris"),
            ("kind", "club-de-golf"),
            ("scale", "local"),
            ("website", "pas une adresse"),
            ("description", "Texte gardé"),
            ("message", "Un message suffisamment long."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for field in ["name", "slug", "kind", "website"] {
        assert!(
            html.contains(&format!("id=\"error-{field}\"")),
            "no message next to {field}"
        );
    }
    assert!(html.contains("Texte gardé"));
    assert!(html.contains("Un message suffisamment long."));
    assert_eq!(
        partner::Entity::find()
            .filter(partner::Column::Status.eq("applicant"))
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_invitation_creates_the_account_of_a_newcomer() {
    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let admin = person(&app, "admin@alpha.fr", false).await;
    set_member(&app, alpha.id, admin.id, "admin").await;

    let csrf = csrf_of(&admin.client, &app, "/p/alpha/membres").await;
    let bad = admin
        .client
        .post(app.url("/p/alpha/membres/inviter"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("email", "nadia@exemple.fr"),
            ("role", "superuser"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("nadia@exemple.fr"));

    let sent = admin
        .client
        .post(app.url("/p/alpha/membres/inviter"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("email", "nadia@exemple.fr"),
            ("role", "editor"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let mail = app.wait_for_mail("/invitation/").await;
    let link = mail
        .split_whitespace()
        .find(|w| w.contains("/invitation/"))
        .unwrap()
        .trim_end_matches(['.', '>', ')'])
        .to_owned();
    let path = link.split_once(&app.base).unwrap().1.to_owned();

    let newcomer = support::client();
    let page = newcomer.get(app.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Partenaire alpha"));
    let csrf = extract_csrf(&html).unwrap();
    let short = newcomer
        .post(app.url(&path))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("display_name", "Nadia"),
            ("password", "court"),
            ("password_confirm", "court"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let joined = newcomer
        .post(app.url(&path))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("display_name", "Nadia"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    assert_eq!(joined.headers()["location"], "/p/alpha");
    let nadia = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq("nadia@exemple.fr"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(nadia.verified_at.is_some(), "the mail proved the address");
    assert_eq!(
        role_of(&app, alpha.id, nadia.id).await.as_deref(),
        Some("editor")
    );
    let space = newcomer.get(app.url("/p/alpha")).send().await.unwrap();
    assert_eq!(space.status(), StatusCode::OK, "signed in after joining");

    // The link works once.
    let reused = support::client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(reused.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_partner_always_keeps_an_admin() {
    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let admin = person(&app, "admin@alpha.fr", false).await;
    set_member(&app, alpha.id, admin.id, "admin").await;
    let csrf = csrf_of(&admin.client, &app, "/p/alpha/membres").await;
    let post = |path: String, fields: Vec<(&'static str, String)>| {
        let client = admin.client.clone();
        let url = app.url(&path);
        async move { client.post(url).form(&fields).send().await.unwrap() }
    };
    let demote = post(
        format!("/p/alpha/membres/{}/role", admin.id),
        vec![("_csrf", csrf.clone()), ("role", "member".into())],
    )
    .await;
    assert_eq!(demote.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        role_of(&app, alpha.id, admin.id).await.as_deref(),
        Some("admin")
    );
    let leave = post("/p/alpha/quitter".into(), vec![("_csrf", csrf.clone())]).await;
    assert_eq!(leave.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        role_of(&app, alpha.id, admin.id).await.as_deref(),
        Some("admin")
    );
    let (_, html) = {
        let r = admin
            .client
            .get(app.url("/p/alpha/membres"))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert!(html.contains("flash-error"), "the refusal is explained");

    // With a second admin, the first may step down.
    let second = create_user(&app, "second@alpha.fr", false).await;
    set_member(&app, alpha.id, second.id, "admin").await;
    let demote = post(
        format!("/p/alpha/membres/{}/role", admin.id),
        vec![("_csrf", csrf.clone()), ("role", "member".into())],
    )
    .await;
    assert_eq!(demote.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        role_of(&app, alpha.id, admin.id).await.as_deref(),
        Some("member")
    );
    let unknown = post(
        format!("/p/alpha/membres/{}/role", second.id),
        vec![("_csrf", csrf.clone()), ("role", "emperor".into())],
    )
    .await;
    assert_eq!(
        unknown.status(),
        StatusCode::FORBIDDEN,
        "members cannot manage"
    );
}

#[tokio::test]
async fn a_suspended_partner_is_read_only_and_hidden() {
    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let admin = person(&app, "admin@alpha.fr", false).await;
    set_member(&app, alpha.id, admin.id, "admin").await;
    let coordinator = person(&app, "coord@collectif.fr", true).await;
    let csrf = csrf_of(&coordinator.client, &app, "/coordination/partenaires").await;
    let suspended = coordinator
        .client
        .post(app.url(&format!("/coordination/partenaires/{}/statut", alpha.id)))
        .form(&[("_csrf", csrf.as_str()), ("status", "suspended")])
        .send()
        .await
        .unwrap();
    assert_eq!(suspended.status(), StatusCode::SEE_OTHER);
    let profile = admin
        .client
        .get(app.url("/p/alpha/profil"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(profile.status(), StatusCode::FORBIDDEN);
    let space = admin.client.get(app.url("/p/alpha")).send().await.unwrap();
    assert_eq!(space.status(), StatusCode::OK);
    let (_, directory) = app.page("/partenaires").await;
    assert!(!directory.contains("Partenaire alpha"));
    let logged = carrefour::entities::audit_log::Entity::find()
        .filter(carrefour::entities::audit_log::Column::Action.eq("partner_status_changed"))
        .select_only()
        .column(carrefour::entities::audit_log::Column::Id)
        .into_tuple::<i64>()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
    // A coordinator cannot lock themselves out.
    let csrf = csrf_of(&coordinator.client, &app, "/coordination/utilisateurs").await;
    coordinator
        .client
        .post(app.url(&format!(
            "/coordination/utilisateurs/{}/acces",
            coordinator.id
        )))
        .form(&[("_csrf", csrf.as_str()), ("change", "disable")])
        .send()
        .await
        .unwrap();
    let me = user::Entity::find_by_id(coordinator.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!me.disabled);
    let _ = &coordinator.email;
}

#[tokio::test]
async fn demo_accounts_exist_only_in_demo_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = support::test_settings(dir.path()).await;
    settings.demo.projects = 20;
    let state = carrefour::app::prepare(settings.clone(), true)
        .await
        .unwrap();
    let coordinator = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(carrefour::demo::accounts::DEMO_COORDINATOR))
        .one(&state.db)
        .await
        .unwrap()
        .expect("demo coordinator");
    assert!(coordinator.is_coordinator && coordinator.is_demo);
    let admins = membership::Entity::find()
        .filter(membership::Column::Role.eq("admin"))
        .all(&state.db)
        .await
        .unwrap();
    assert_eq!(admins.len(), 3);
    // The README gives every demo account one signs in with, and its password.
    let readme = include_str!("../README.md");
    assert!(readme.contains(carrefour::demo::accounts::DEMO_PASSWORD));
    for account in user::Entity::find()
        .filter(user::Column::IsDemo.eq(true))
        .filter(user::Column::PasswordHash.is_not_null())
        .all(&state.db)
        .await
        .unwrap()
    {
        assert!(readme.contains(&account.email), "{} missing", account.email);
    }
    drop(state);
    let state = carrefour::app::prepare(settings, false).await.unwrap();
    let left = user::Entity::find()
        .filter(user::Column::IsDemo.eq(true))
        .all(&state.db)
        .await
        .unwrap();
    assert!(left.is_empty(), "demo accounts removed outside demo mode");
}

async fn upload_logo(
    app: &TestApp,
    admin: &Person,
    bytes: Vec<u8>,
    name: &str,
) -> reqwest::Response {
    let csrf = csrf_of(&admin.client, app, "/p/alpha/profil").await;
    let form = reqwest::multipart::Form::new().text("_csrf", csrf).part(
        "logo",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    admin
        .client
        .post(app.url("/p/alpha/logo"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_logo_is_checked_stored_and_shown_publicly() {
    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let admin = person(&app, "admin@alpha.fr", false).await;
    set_member(&app, alpha.id, admin.id, "admin").await;

    let svg = upload_logo(
        &app,
        &admin,
        b"<svg onload=alert(1)></svg>".to_vec(),
        "x.svg",
    )
    .await;
    assert_eq!(svg.status(), StatusCode::SEE_OTHER);
    let (_, html) = {
        let r = admin
            .client
            .get(app.url("/p/alpha/profil"))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert!(html.contains("flash-error"), "a refused file is explained");
    assert_eq!(app.get("/partenaires/alpha/logo").await.status(), 404);

    let mut big = PNG.to_vec();
    big.resize(carrefour::partners::profile::MAX_LOGO_BYTES + 1, 0);
    upload_logo(&app, &admin, big, "big.png").await;
    assert_eq!(app.get("/partenaires/alpha/logo").await.status(), 404);

    let ok = upload_logo(&app, &admin, PNG.to_vec(), "logo.png").await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let served = app.get("/partenaires/alpha/logo").await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);
    let (_, page) = app.page("/partenaires/alpha").await;
    assert!(page.contains("/partenaires/alpha/logo"));
}

#[tokio::test]
async fn a_declined_application_closes_the_partner_and_coordinators_find_people() {
    let app = TestApp::spawn().await;
    let applicant = person(&app, "Sam.Martin@exemple.fr", false).await;
    let coordinator = person(&app, "coord@collectif.fr", true).await;
    apply(&app, &applicant, APPLICATION).await;
    let application = partner_application::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let csrf = csrf_of(&coordinator.client, &app, "/coordination/candidatures").await;
    let declined = coordinator
        .client
        .post(app.url(&format!(
            "/coordination/candidatures/{}/decision",
            application.id
        )))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("decision", "decline"),
            (
                "message",
                "Votre action ne porte pas sur l'innovation sociale.",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), StatusCode::SEE_OTHER);
    let closed = partner::Entity::find_by_id(application.partner_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.status, "left");
    let mail = app
        .wait_for_mail("ne porte pas sur l'innovation sociale")
        .await;
    assert!(mail.contains("Sam.Martin@exemple.fr") || mail.contains("sam.martin@exemple.fr"));
    // The applicant still sees the decision but can no longer change the partner.
    let space = applicant
        .client
        .get(app.url("/p/tiers-lieu-des-coteaux"))
        .send()
        .await
        .unwrap();
    assert_eq!(space.status(), StatusCode::OK);
    assert!(space.text().await.unwrap().contains("ne porte pas sur"));
    let profile = applicant
        .client
        .get(app.url("/p/tiers-lieu-des-coteaux/profil"))
        .send()
        .await
        .unwrap();
    assert_eq!(profile.status(), StatusCode::FORBIDDEN);

    // The same applicant may apply again under the same address; the space reopens.
    let again = apply(&app, &applicant, APPLICATION).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let reopened = partner::Entity::find_by_id(application.partner_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reopened.status, "applicant");
    assert_eq!(
        partner_application::Entity::find()
            .filter(partner_application::Column::PartnerId.eq(reopened.id))
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );
    // Someone else cannot take over that address.
    let stranger = person(&app, "autre@exemple.fr", false).await;
    let taken = apply(&app, &stranger, APPLICATION).await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.text().await.unwrap().contains("id=\"error-name\""));

    // Search is case-insensitive on both databases, by address or name.
    for q in ["SAM.MARTIN", "personne sam"] {
        let html = coordinator
            .client
            .get(app.url(&format!(
                "/coordination/utilisateurs?q={}",
                q.replace(' ', "+")
            )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("data-email=\"Sam.Martin@exemple.fr\""),
            "search {q:?}"
        );
        assert!(
            !html.contains("data-email=\"coord@collectif.fr\""),
            "search {q:?} filters"
        );
    }
}

#[tokio::test]
async fn editors_declare_sources_and_other_tenants_cannot_reach_them() {
    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let beta = create_partner(&app, "beta", "active").await;
    let editor = person(&app, "editor@alpha.fr", false).await;
    set_member(&app, alpha.id, editor.id, "editor").await;
    let other = person(&app, "admin@beta.fr", false).await;
    set_member(&app, beta.id, other.id, "admin").await;

    let csrf = csrf_of(&editor.client, &app, "/p/alpha/sources/nouvelle").await;
    let mut fields = vec![
        ("_csrf", csrf.as_str()),
        ("name", "Notre site"),
        (
            "config",
            r#"{"kind": "html", "entry_urls": ["https://alpha.example.org/projets/"]"#,
        ),
        ("interval_hours", "0"),
        ("per_host_delay_ms", "1000"),
        ("per_host_connections", "2"),
        ("max_pages", "100"),
        ("max_depth", "10"),
    ];
    let refused = editor
        .client
        .post(app.url("/p/alpha/sources/nouvelle"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"error-config\""), "config error shown");
    assert!(
        html.contains("id=\"error-interval_hours\""),
        "bound error shown"
    );
    assert!(html.contains("Notre site"), "typed values kept");

    let config = r#"{"kind": "html", "entry_urls": ["https://alpha.example.org/projets/"],
        "list": {"item_link": {"css": "h3 a", "attr": "href"},
                 "next": {"by": "link", "css": "a.next", "attr": "href"}},
        "fields": {"title": {"css": "h1", "type": "text"}}}"#;
    fields[2] = ("config", config);
    fields[3] = ("interval_hours", "12");
    let saved = editor
        .client
        .post(app.url("/p/alpha/sources/nouvelle"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
    let stored = carrefour::entities::source::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.kind.as_str(), stored.interval_hours), ("html", 12));
    assert!(stored.next_run_at.is_some(), "a new source is due at once");
    let list = editor
        .client
        .get(app.url("/p/alpha/sources"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Notre site"));

    // Same name twice is refused next to the name.
    let again = editor
        .client
        .post(app.url("/p/alpha/sources/nouvelle"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("id=\"error-name\""));

    // Beta's admin cannot reach it, not even through beta's own space.
    for path in [
        format!("/p/alpha/sources/{id}"),
        format!("/p/beta/sources/{id}"),
    ] {
        let response = other.client.get(app.url(&path)).send().await.unwrap();
        assert!(
            matches!(response.status().as_u16(), 403 | 404),
            "{path}: {}",
            response.status()
        );
        assert!(!response.text().await.unwrap().contains("alpha.example.org"));
    }
}

#[tokio::test]
async fn one_pending_invitation_per_address_and_none_after_removal() {
    let app = TestApp::spawn().await;
    let alpha = create_partner(&app, "alpha", "active").await;
    let admin = person(&app, "admin@alpha.fr", false).await;
    set_member(&app, alpha.id, admin.id, "admin").await;
    let pending = || async {
        user_token::Entity::find()
            .filter(user_token::Column::PartnerId.eq(alpha.id))
            .filter(user_token::Column::UsedAt.is_null())
            .all(&app.state.db)
            .await
            .unwrap()
    };
    let csrf = csrf_of(&admin.client, &app, "/p/alpha/membres").await;
    for email in ["Dominique@Exemple.org", "dominique@exemple.org"] {
        let sent = admin
            .client
            .post(app.url("/p/alpha/membres/inviter"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("email", email),
                ("role", "voter"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    }
    let tokens = pending().await;
    assert_eq!(tokens.len(), 1, "a new invitation replaces the old one");
    assert_eq!(tokens[0].email, "dominique@exemple.org");

    // A member removed while an invitation is pending cannot use it to come back.
    let dominique = create_user(&app, "dominique@exemple.org", false).await;
    set_member(&app, alpha.id, dominique.id, "voter").await;
    let removed = admin
        .client
        .post(app.url(&format!("/p/alpha/membres/{}/retirer", dominique.id)))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    assert!(pending().await.is_empty());
}
