//! Local action communities over HTTP against the real app, every mail through the SMTP
//! sink: a proposal approved by a coordinator, membership by each rule, members-only
//! content kept from others, the communities of territory and project pages, and the
//! authorization matrix over every community route.
mod support;

use carrefour::communities::form::CommunityForm;
use carrefour::communities::model::{MemberStatus, Role, Status};
use carrefour::communities::service;
use carrefour::entities::{community, community_member, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
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

/// Posts `fields` with the browser's CSRF token.
async fn post(browser: &Browser, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = browser.csrf_token("/contact").await;
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    all.push(("_csrf", &csrf));
    browser
        .client
        .post(browser.url(path))
        .form(&all)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
}

fn community_form(name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_owned()),
        (
            "description",
            "Les acteurs de l'**alimentation durable** du pays de Redon se retrouvent ici."
                .to_owned(),
        ),
        ("scope", "commune".to_owned()),
        ("commune", "Redon".to_owned()),
        ("themes", "ALI".to_owned()),
        ("visibility", "public".to_owned()),
        ("membership_rule", "open".to_owned()),
    ]
}

fn borrowed<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A community written through the service: `scope` is `commune:{insee}`,
/// `department:{code}`, `region:{code}` or `france`.
pub async fn community_of(
    app: &TestApp,
    host: &user::Model,
    name: &str,
    scope: &str,
    themes: &[&str],
    (visibility, rule): (&str, &str),
    status: Status,
) -> community::Model {
    let (kind, code) = scope.split_once(':').unwrap_or((scope, ""));
    let form = CommunityForm {
        name: name.into(),
        description: format!("{name} : une communauté d'action locale pour les tests."),
        scope: kind.into(),
        commune: if kind == "commune" {
            code.into()
        } else {
            String::new()
        },
        department: if kind == "department" {
            code.into()
        } else {
            String::new()
        },
        region: if kind == "region" {
            code.into()
        } else {
            String::new()
        },
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        visibility: visibility.into(),
        membership_rule: rule.into(),
    };
    let all_themes: Vec<String> = ["ALI", "EDU", "HAB", "SAN", "MOB", "CUL", "ECO", "TER"]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let input = form.parse(&all_themes).expect("a valid community");
    service::create(&app.state.db, host, &input, status)
        .await
        .unwrap()
}

async fn member_row(
    app: &TestApp,
    community_id: i64,
    user_id: i64,
) -> Option<community_member::Model> {
    community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(community_id))
        .filter(community_member::Column::UserId.eq(user_id))
        .one(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_proposal_is_approved_and_people_join_by_each_rule() {
    let app = TestApp::spawn().await;
    let (proposer, founder) = person(&app, "fondatrice@redon.example.org", false).await;
    let (_, coordinator) = person(&app, "coordination@carrefour.example.org", true).await;
    let (joiner_user, joiner) = person(&app, "habitant@redon.example.org", false).await;

    // A form with mistakes keeps what was typed and names each mistake.
    let mut fields = community_form("Alimentation en Pays de Redon");
    fields[3].1 = "Nulle-Part-sur-Rien".into();
    fields.retain(|(k, _)| *k != "visibility");
    let refused = post(&founder, "/communautes/proposer", &borrowed(&fields)).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("Nulle-Part-sur-Rien"),
        "the commune typed is kept"
    );
    assert!(body.contains("Alimentation en Pays de Redon"));
    assert!(body.contains("id=\"error-commune\""));
    assert!(body.contains("id=\"error-visibility\""));

    let created = post(
        &founder,
        "/communautes/proposer",
        &borrowed(&community_form("Alimentation en Pays de Redon")),
    )
    .await;
    assert_eq!(created.status(), 303);
    let path = location(&created);
    assert_eq!(path, "/communautes/alimentation-en-pays-de-redon");
    // Proposed: only its proposer and the coordinators see it.
    let (status, body) = founder.page(&path).await;
    assert_eq!(status, 200);
    assert!(body.contains("data-testid=\"status-proposed\""));
    assert_eq!(joiner.page(&path).await.0, 404);
    let (_, list) = app.new_browser().page("/communautes").await;
    assert!(!list.contains("Alimentation en Pays de Redon"));

    let (_, queue) = coordinator.page("/communautes/moderation").await;
    assert!(queue.contains("Alimentation en Pays de Redon"));
    let approved = post(
        &coordinator,
        &format!("{path}/decision"),
        &[("decision", "approve")],
    )
    .await;
    assert_eq!(approved.status(), 303);
    // Deciding twice does nothing more.
    let again = post(
        &coordinator,
        &format!("{path}/decision"),
        &[("decision", "decline")],
    )
    .await;
    assert_eq!(again.status(), 409);
    let mail = app
        .wait_for_mail_to(&proposer.email, "est ouverte")
        .await
        .text();
    assert!(mail.contains(&path), "{mail}");

    // Listed and searchable by words (accents folded), territory and theme.
    for query in [
        "/communautes?q=alimentation+redon",
        "/communautes?q=ALIMENTATION",
        "/communautes?region=53",
        "/communautes?department=35",
        "/communautes?theme=ALI",
    ] {
        let (_, list) = app.new_browser().page(query).await;
        assert!(
            list.contains("Alimentation en Pays de Redon"),
            "{query} finds it"
        );
    }
    for query in [
        "/communautes?q=logement",
        "/communautes?region=11",
        "/communautes?theme=HAB",
    ] {
        let (_, list) = app.new_browser().page(query).await;
        assert!(!list.contains("Alimentation en Pays de Redon"), "{query}");
    }
    assert_eq!(app.get("/communities?q=redon").await.status(), 308);

    // Open: joining makes a member at once, with what they do.
    let joined = post(
        &joiner,
        &format!("{path}/rejoindre"),
        &[("what_they_do", "Maraîcher bio à Redon")],
    )
    .await;
    assert_eq!(joined.status(), 303);
    let (_, page) = app.new_browser().page(&path).await;
    let members = texts(&page, "[data-testid=member]");
    assert_eq!(members.len(), 2, "{members:?}");
    assert!(members.iter().any(|m| m.contains("Maraîcher bio à Redon")));
    // The last host cannot leave.
    let c = community::Entity::find()
        .filter(community::Column::Slug.eq("alimentation-en-pays-de-redon"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    post(&founder, &format!("{path}/quitter"), &[]).await;
    assert!(member_row(&app, c.id, proposer.id).await.is_some());
    // Made host, the joiner may let the founder go.
    let joiner_row = member_row(&app, c.id, joiner_user.id).await.unwrap();
    let role = post(
        &founder,
        &format!("{path}/membres/{}/role", joiner_row.id),
        &[("role", "host")],
    )
    .await;
    assert_eq!(role.status(), 303);
    post(&founder, &format!("{path}/quitter"), &[]).await;
    assert!(member_row(&app, c.id, proposer.id).await.is_none());

    // On request: the host accepts.
    let (host, host_browser) = person(&app, "hote@lille.example.org", false).await;
    let request_only = community_of(
        &app,
        &host,
        "Inclusion numérique à Lille",
        "commune:59350",
        &["EDU"],
        ("public", "request"),
        Status::Active,
    )
    .await;
    let rpath = format!("/communautes/{}", request_only.slug);
    post(&joiner, &format!("{rpath}/rejoindre"), &[]).await;
    let row = member_row(&app, request_only.id, joiner_user.id)
        .await
        .unwrap();
    assert_eq!(row.status, "requested");
    let (_, page) = joiner.page(&rpath).await;
    assert!(page.contains("attend la réponse"));
    let (_, page) = host_browser.page(&rpath).await;
    assert_eq!(texts(&page, "[data-testid=request]").len(), 1);
    // Another person cannot accept it.
    let denied = post(
        &joiner,
        &format!("{rpath}/membres/{}/accepter", row.id),
        &[],
    )
    .await;
    assert_eq!(denied.status(), 403);
    let accepted = post(
        &host_browser,
        &format!("{rpath}/membres/{}/accepter", row.id),
        &[],
    )
    .await;
    assert_eq!(accepted.status(), 303);
    assert_eq!(
        member_row(&app, request_only.id, joiner_user.id)
            .await
            .unwrap()
            .status,
        "active"
    );

    // By invitation: only the invited join, after a mail.
    let invitation_only = community_of(
        &app,
        &host,
        "Logement d'abord",
        "france",
        &["HAB"],
        ("public", "invitation"),
        Status::Active,
    )
    .await;
    let ipath = format!("/communautes/{}", invitation_only.slug);
    let (guest_user, guest) = person(&app, "invitee@logement.example.org", false).await;
    assert_eq!(
        post(&guest, &format!("{ipath}/rejoindre"), &[])
            .await
            .status(),
        403
    );
    let invited = post(
        &host_browser,
        &format!("{ipath}/inviter"),
        &[("email", "INVITEE@logement.example.org")],
    )
    .await;
    assert_eq!(invited.status(), 303);
    let mail = app
        .wait_for_mail_to(&guest_user.email, "Logement d'abord")
        .await
        .text();
    assert!(mail.contains(&ipath));
    assert_eq!(
        post(&guest, &format!("{ipath}/rejoindre"), &[])
            .await
            .status(),
        303
    );
    let row = member_row(&app, invitation_only.id, guest_user.id)
        .await
        .unwrap();
    assert_eq!(row.status, "active");
    // The host removes them.
    post(
        &host_browser,
        &format!("{ipath}/membres/{}/retirer", row.id),
        &[],
    )
    .await;
    assert!(
        member_row(&app, invitation_only.id, guest_user.id)
            .await
            .is_none()
    );
}

#[tokio::test]
async fn members_only_content_is_shown_to_members_only() {
    let app = TestApp::spawn().await;
    let (host, _) = person(&app, "hote@prive.example.org", false).await;
    let (member, member_browser) = person(&app, "membre@prive.example.org", false).await;
    let (_, other) = person(&app, "autre@prive.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Cercle des élus du Finistère",
        "department:29",
        &[],
        ("members", "request"),
        Status::Active,
    )
    .await;
    service::add_member(
        &app.state.db,
        c.id,
        member.id,
        Role::Member,
        MemberStatus::Active,
        None,
    )
    .await
    .unwrap();
    let path = format!("/communautes/{}", c.slug);
    for browser in [&other, &app.new_browser()] {
        let (status, body) = browser.page(&path).await;
        assert_eq!(status, 200, "the community itself is public");
        assert!(body.contains("Cercle des élus du Finistère"));
        assert!(body.contains("data-testid=\"members-only\""));
        assert!(!body.contains(&member.display_name), "members stay hidden");
    }
    let (_, body) = member_browser.page(&path).await;
    assert!(body.contains(&member.display_name));
}

#[tokio::test]
async fn territory_and_project_pages_list_the_communities_covering_them() {
    let app = TestApp::spawn().await;
    let (host, _) = person(&app, "hote@territoires.example.org", false).await;
    let brittany = community_of(
        &app,
        &host,
        "Bretagne solidaire",
        "region:53",
        &[],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let redon = community_of(
        &app,
        &host,
        "Redon en transition",
        "commune:35236",
        &["ALI"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let lille = community_of(
        &app,
        &host,
        "Lille numérique",
        "commune:59350",
        &[],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let housing = community_of(
        &app,
        &host,
        "Logement d'abord national",
        "france",
        &["HAB"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let food = community_of(
        &app,
        &host,
        "Cantines durables",
        "france",
        &["ALI"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let proposed = community_of(
        &app,
        &host,
        "Redon proposée",
        "commune:35236",
        &[],
        ("public", "open"),
        Status::Proposed,
    )
    .await;
    let names = |body: &str| {
        texts(
            body,
            "[data-testid=communities] [data-testid=community-result] h3",
        )
    };

    let (_, region) = app.new_browser().page("/territoires/regions/53").await;
    let listed = names(&region);
    assert!(
        listed.contains(&brittany.name) && listed.contains(&redon.name),
        "{listed:?}"
    );
    assert!(!listed.contains(&lille.name) && !listed.contains(&housing.name));
    assert!(!listed.contains(&proposed.name));
    let (_, commune) = app
        .new_browser()
        .page("/territoires/communes/35236-redon")
        .await;
    let listed = names(&commune);
    assert!(
        listed.contains(&brittany.name) && listed.contains(&redon.name),
        "{listed:?}"
    );
    assert!(!listed.contains(&lille.name));

    let project = ProjectBuilder::new("Épicerie solidaire de Redon")
        .commune("35236")
        .themes(&["ALI"])
        .insert(&app.state.db)
        .await;
    let (_, page) = app
        .new_browser()
        .page(&format!("/projets/{}-{}", project.id, project.slug))
        .await;
    let listed = names(&page);
    for name in [&brittany.name, &redon.name, &food.name] {
        assert!(listed.contains(name), "{name} in {listed:?}");
    }
    for name in [&lille.name, &housing.name, &proposed.name] {
        assert!(!listed.contains(name), "{name} not in {listed:?}");
    }
}

#[tokio::test]
async fn partners_create_communities_directly_when_the_hub_allows_it() {
    let app = TestApp::builder()
        .configure(|s| s.communities.partners_create_directly = true)
        .spawn()
        .await;
    let partner = fixtures::partner(&app.state.db, "redon", "active").await;
    let staff = app
        .member_browser(partner.id, "equipe@redon.example.org", "member")
        .await;
    let (_, citizen) = person(&app, "citoyenne@redon.example.org", false).await;
    let direct = post(
        &staff,
        "/communautes/proposer",
        &borrowed(&community_form("Circuits courts du pays de Redon")),
    )
    .await;
    assert_eq!(direct.status(), 303);
    let proposal = post(
        &citizen,
        "/communautes/proposer",
        &borrowed(&community_form("Jardins du pays de Redon")),
    )
    .await;
    assert_eq!(proposal.status(), 303);
    let statuses: Vec<(String, String)> = community::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.status))
        .collect();
    assert!(statuses.contains(&("Circuits courts du pays de Redon".into(), "active".into())));
    assert!(statuses.contains(&("Jardins du pays de Redon".into(), "proposed".into())));
}

// ---- authorization matrix -------------------------------------------------------------

use support::matrix::{Outcome, outcome};

struct Check {
    route: &'static str,
    method: &'static str,
    /// `{pub}`, `{priv}`, `{inv}`, `{prop}`, `{member}`, `{request}` are replaced.
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    allowed: &'static [&'static str],
    /// A visitor is refused (rather than asked to sign in).
    public: bool,
}

const ACTORS: &[&str] = &["host", "member", "other", "coordinator", "visitor"];
const SIGNED_IN: &[&str] = &["host", "member", "other", "coordinator"];
const MEMBERS: &[&str] = &["host", "member"];
const HOST: &[&str] = &["host"];
const VALID: &[(&str, &str)] = &[
    ("name", "Une communauté renommée"),
    (
        "description",
        "Une description assez longue pour être valable.",
    ),
    ("scope", "region"),
    ("region", "53"),
    ("visibility", "public"),
    ("membership_rule", "open"),
];

const EVENT: &[(&str, &str)] = &[
    ("title", "Rencontre de la matrice"),
    ("starts", "2030-01-10T10:00"),
    ("ends", "2030-01-10T12:00"),
    ("place", "online"),
    ("online_url", "https://visio.example.org/matrice"),
];

const CHECKS: &[Check] = &[
    Check {
        route: "/communautes",
        method: "GET",
        path: "/communautes",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communities",
        method: "GET",
        path: "/communities",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/proposer",
        method: "GET",
        path: "/communautes/proposer",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    // An empty proposal is refused with its mistakes (422).
    Check {
        route: "/communautes/proposer",
        method: "POST",
        path: "/communautes/proposer",
        form: &[],
        allowed: &[],
        public: false,
    },
    Check {
        route: "/communautes/moderation",
        method: "GET",
        path: "/communautes/moderation",
        form: &[],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/communautes/{slug}",
        method: "GET",
        path: "/communautes/{pub}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}",
        method: "GET",
        path: "/communautes/{priv}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}",
        method: "GET",
        path: "/communautes/{prop}",
        form: &[],
        allowed: &["host", "coordinator"],
        public: true,
    },
    // The live feed holds only what the hub shows everyone; a proposed community's
    // stays with its proposer and the coordinators, as its page.
    Check {
        route: "/communautes/{slug}/activite",
        method: "GET",
        path: "/communautes/{priv}/activite",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/activite",
        method: "GET",
        path: "/communautes/{prop}/activite",
        form: &[],
        allowed: &["host", "coordinator"],
        public: true,
    },
    Check {
        route: "/communautes/{slug}/modifier",
        method: "GET",
        path: "/communautes/{pub}/modifier",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/modifier",
        method: "POST",
        path: "/communautes/{pub}/modifier",
        form: VALID,
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/decision",
        method: "POST",
        path: "/communautes/{prop}/decision",
        form: &[("decision", "approve")],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/communautes/{slug}/rejoindre",
        method: "POST",
        path: "/communautes/{pub}/rejoindre",
        form: &[],
        allowed: SIGNED_IN,
        public: false,
    },
    // Members are told they are members already; the others are not invited.
    Check {
        route: "/communautes/{slug}/rejoindre",
        method: "POST",
        path: "/communautes/{inv}/rejoindre",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    // The last host is told to hand over first (a redirect with a message).
    Check {
        route: "/communautes/{slug}/quitter",
        method: "POST",
        path: "/communautes/{pub}/quitter",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/profil",
        method: "POST",
        path: "/communautes/{pub}/profil",
        form: &[("what_they_do", "Je teste")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/inviter",
        method: "POST",
        path: "/communautes/{priv}/inviter",
        form: &[("email", "personne@nulle-part.example.org")],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/membres/{id}/accepter",
        method: "POST",
        path: "/communautes/{priv}/membres/{request}/accepter",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/membres/{id}/retirer",
        method: "POST",
        path: "/communautes/{priv}/membres/{member}/retirer",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/membres/{id}/role",
        method: "POST",
        path: "/communautes/{priv}/membres/{member}/role",
        form: &[("role", "host")],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/agenda.ics",
        method: "GET",
        path: "/communautes/agenda.ics",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/agenda.ics",
        method: "GET",
        path: "/communautes/{pub}/agenda.ics",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    // A members-only calendar without a token: members signed in only.
    Check {
        route: "/communautes/{slug}/agenda.ics",
        method: "GET",
        path: "/communautes/{priv}/agenda.ics",
        form: &[],
        allowed: MEMBERS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/evenements/nouveau",
        method: "GET",
        path: "/communautes/{pub}/evenements/nouveau",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/nouveau",
        method: "POST",
        path: "/communautes/{pub}/evenements/nouveau",
        form: EVENT,
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}",
        method: "GET",
        path: "/communautes/{pub}/evenements/{pev}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}",
        method: "GET",
        path: "/communautes/{priv}/evenements/{vev}",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    // An event is found in its own community only.
    Check {
        route: "/communautes/{slug}/evenements/{id}",
        method: "GET",
        path: "/communautes/{pub}/evenements/{vev}",
        form: &[],
        allowed: &[],
        public: true,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}/modifier",
        method: "GET",
        path: "/communautes/{pub}/evenements/{pev}/modifier",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}/modifier",
        method: "POST",
        path: "/communautes/{pub}/evenements/{pev}/modifier",
        form: EVENT,
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}/annuler",
        method: "POST",
        path: "/communautes/{pub}/evenements/{pev}/annuler",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}/inscription",
        method: "POST",
        path: "/communautes/{priv}/evenements/{vev}/inscription",
        form: &[("answer", "going")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}/participants.csv",
        method: "GET",
        path: "/communautes/{priv}/evenements/{vev}/participants.csv",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/evenements/{id}/evenement.ics",
        method: "GET",
        path: "/communautes/{priv}/evenements/{vev}/evenement.ics",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/recherche",
        method: "GET",
        path: "/communautes/{pub}/recherche?q=jardin",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    // A members-only community's words are searched by its members only.
    Check {
        route: "/communautes/{slug}/recherche",
        method: "GET",
        path: "/communautes/{priv}/recherche?q=jardin",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/discussions/nouvelle",
        method: "GET",
        path: "/communautes/{pub}/discussions/nouvelle",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/discussions/nouvelle",
        method: "POST",
        path: "/communautes/{priv}/discussions/nouvelle",
        form: &[("title", "Un sujet"), ("body", "Un message")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/discussions/{id}",
        method: "GET",
        path: "/communautes/{pub}/discussions/{ptop}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/discussions/{id}",
        method: "GET",
        path: "/communautes/{priv}/discussions/{vtop}",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/discussions/{id}/repondre",
        method: "POST",
        path: "/communautes/{priv}/discussions/{vtop}/repondre",
        form: &[("body", "Une réponse")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/discussions/{id}/epingler",
        method: "POST",
        path: "/communautes/{pub}/discussions/{ptop}/epingler",
        form: &[],
        allowed: HOST,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/discussions/{id}/verrouiller",
        method: "POST",
        path: "/communautes/{pub}/discussions/{ptop}/verrouiller",
        form: &[],
        allowed: HOST,
        public: false,
    },
    // The member wrote the reply: they and the host may remove it.
    // Only its author edits a message; only the hosts read its versions.
    Check {
        route: "/communautes/{slug}/resume",
        method: "POST",
        path: "/communautes/{priv}/resume",
        form: &[("weekly", "1")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/modifier",
        method: "GET",
        path: "/communautes/{pub}/messages/{preply}/modifier",
        form: &[],
        allowed: &["member"],
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/modifier",
        method: "POST",
        path: "/communautes/{pub}/messages/{preply}/modifier",
        form: &[("body", "Réponse du membre, corrigée")],
        allowed: &["member"],
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/historique",
        method: "GET",
        path: "/communautes/{pub}/messages/{preply}/historique",
        form: &[],
        allowed: &["host"],
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/historique",
        method: "GET",
        path: "/communautes/{priv}/messages/{vpost}/historique",
        form: &[],
        allowed: &["host"],
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/reagir",
        method: "POST",
        path: "/communautes/{pub}/messages/{preply}/reagir",
        form: &[("reaction", "thanks")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/reagir",
        method: "POST",
        path: "/communautes/{priv}/messages/{vpost}/reagir",
        form: &[("reaction", "idea")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/retirer",
        method: "POST",
        path: "/communautes/{pub}/messages/{preply}/retirer",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/signaler",
        method: "POST",
        path: "/communautes/{pub}/messages/{preply}/signaler",
        form: &[("reason", "test")],
        allowed: SIGNED_IN,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/messages/{id}/signaler",
        method: "POST",
        path: "/communautes/{priv}/messages/{vpost}/signaler",
        form: &[("reason", "test")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/signalements",
        method: "GET",
        path: "/communautes/signalements",
        form: &[],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/communautes/signalements/{id}/clore",
        method: "POST",
        path: "/communautes/signalements/{report}/clore",
        form: &[],
        allowed: &["coordinator"],
        public: false,
    },
    Check {
        route: "/api/v1/communities",
        method: "GET",
        path: "/api/v1/communities",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/api/v1/events",
        method: "GET",
        path: "/api/v1/events?from=2030-01-01&to=2030-03-01",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/collections/nouvelle",
        method: "GET",
        path: "/communautes/{pub}/collections/nouvelle",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/collections/nouvelle",
        method: "POST",
        path: "/communautes/{priv}/collections/nouvelle",
        form: &[("title", "Une collection")],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/collections/{id}",
        method: "GET",
        path: "/communautes/{pub}/collections/{pcol}",
        form: &[],
        allowed: ACTORS,
        public: true,
    },
    Check {
        route: "/communautes/{slug}/collections/{id}",
        method: "GET",
        path: "/communautes/{priv}/collections/{vcol}",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/collections/{id}/projets",
        method: "POST",
        path: "/communautes/{priv}/collections/{vcol}/projets",
        form: &[("project", "{project}"), ("note", "À suivre")],
        allowed: MEMBERS,
        public: false,
    },
    // The member added the project: they and the host may take it out.
    Check {
        route: "/communautes/{slug}/collections/{id}/projets/{project}/retirer",
        method: "POST",
        path: "/communautes/{pub}/collections/{pcol}/projets/{project}/retirer",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
    Check {
        route: "/communautes/{slug}/collections/{id}/export.csv",
        method: "GET",
        path: "/communautes/{priv}/collections/{vcol}/export.csv",
        form: &[],
        allowed: MEMBERS,
        public: false,
    },
];

/// Fresh communities for one check and actor.
struct World {
    public: community::Model,
    private: community::Model,
    invitation: community::Model,
    proposed: community::Model,
    member: i64,
    request: i64,
    public_event: i64,
    private_event: i64,
    public_collection: i64,
    private_collection: i64,
    project: i64,
    public_topic: i64,
    private_topic: i64,
    public_reply: i64,
    private_post: i64,
    report: i64,
}

impl World {
    fn path(&self, template: &str) -> String {
        template
            .replace("{pub}", &self.public.slug)
            .replace("{priv}", &self.private.slug)
            .replace("{inv}", &self.invitation.slug)
            .replace("{prop}", &self.proposed.slug)
            .replace("{member}", &self.member.to_string())
            .replace("{request}", &self.request.to_string())
            .replace("{pev}", &self.public_event.to_string())
            .replace("{vev}", &self.private_event.to_string())
            .replace("{pcol}", &self.public_collection.to_string())
            .replace("{vcol}", &self.private_collection.to_string())
            .replace("{project}", &self.project.to_string())
            .replace("{ptop}", &self.public_topic.to_string())
            .replace("{vtop}", &self.private_topic.to_string())
            .replace("{preply}", &self.public_reply.to_string())
            .replace("{vpost}", &self.private_post.to_string())
            .replace("{report}", &self.report.to_string())
    }
}

struct People {
    host: user::Model,
    member: user::Model,
    asker: user::Model,
    project: i64,
}

async fn world(app: &TestApp, people: &People, n: usize) -> World {
    let make = |name: String, access: (&'static str, &'static str), status: Status| {
        let host = people.host.clone();
        async move { community_of(app, &host, &name, "region:53", &["ALI"], access, status).await }
    };
    let public = make(format!("Publique {n}"), ("public", "open"), Status::Active).await;
    let private = make(
        format!("Privée {n}"),
        ("members", "request"),
        Status::Active,
    )
    .await;
    let invitation = make(
        format!("Invitation {n}"),
        ("public", "invitation"),
        Status::Active,
    )
    .await;
    let proposed = make(
        format!("Proposée {n}"),
        ("public", "open"),
        Status::Proposed,
    )
    .await;
    let db = &app.state.db;
    let mut member = 0;
    for c in [&public, &private, &invitation] {
        let row = service::add_member(
            db,
            c.id,
            people.member.id,
            Role::Member,
            MemberStatus::Active,
            None,
        )
        .await
        .unwrap();
        if c.id == private.id {
            member = row.id;
        }
    }
    let request = service::add_member(
        db,
        private.id,
        people.asker.id,
        Role::Member,
        MemberStatus::Requested,
        None,
    )
    .await
    .unwrap()
    .id;
    let public_event = event_of(
        app,
        &public,
        people.host.id,
        &format!("Rencontre publique {n}"),
        ("2030-02-01T10:00", "2030-02-01T12:00"),
        "weekly",
        Some(30),
    )
    .await
    .id;
    let private_event = event_of(
        app,
        &private,
        people.host.id,
        &format!("Réunion secrète {n}"),
        ("2030-02-01T10:00", "2030-02-01T12:00"),
        "none",
        None,
    )
    .await
    .id;
    let (public_topic, _) = topic_of(
        app,
        public.id,
        &people.host,
        "Sujet public",
        "Premier message",
    )
    .await;
    let public_reply = post_of(app, public_topic, &people.member, "Réponse du membre").await;
    let (private_topic, private_post) = topic_of(
        app,
        private.id,
        &people.host,
        &format!("Réunion secrète sujet {n}"),
        "Réunion secrète : ordre du jour",
    )
    .await;
    let report = carrefour::entities::community_report::ActiveModel {
        post_id: Set(public_reply),
        reporter_id: Set(Some(people.host.id)),
        reason: Set("matrice".into()),
        status: Set("open".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let collection =
        |community_id: i64, title: String| carrefour::entities::community_collection::ActiveModel {
            community_id: Set(community_id),
            title: Set(title),
            description: Set(String::new()),
            created_by: Set(Some(people.host.id)),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
    let public_collection = collection(public.id, format!("À suivre {n}"))
        .insert(db)
        .await
        .unwrap()
        .id;
    let private_collection = collection(private.id, format!("Réunion secrète collection {n}"))
        .insert(db)
        .await
        .unwrap()
        .id;
    carrefour::entities::community_collection_item::ActiveModel {
        collection_id: Set(public_collection),
        project_id: Set(people.project),
        note: Set("Une note".into()),
        added_by: Set(Some(people.member.id)),
        added_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
    World {
        public_collection,
        private_collection,
        project: people.project,
        public_topic,
        private_topic,
        public_reply,
        private_post,
        report,
        public_event,
        private_event,
        public,
        private,
        invitation,
        proposed,
        member,
        request,
    }
}

/// A topic (id, first post id) written straight to the database.
async fn topic_of(
    app: &TestApp,
    community_id: i64,
    author: &user::Model,
    title: &str,
    body: &str,
) -> (i64, i64) {
    let now = Utc::now();
    let topic = carrefour::entities::community_topic::ActiveModel {
        community_id: Set(community_id),
        title: Set(title.into()),
        author_id: Set(Some(author.id)),
        pinned: Set(false),
        locked: Set(false),
        status: Set("visible".into()),
        removed_by: Set(None),
        removed_at: Set(None),
        last_post_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    (topic.id, post_of(app, topic.id, author, body).await)
}

async fn post_of(app: &TestApp, topic_id: i64, author: &user::Model, body: &str) -> i64 {
    carrefour::entities::community_post::ActiveModel {
        topic_id: Set(topic_id),
        author_id: Set(Some(author.id)),
        body: Set(body.into()),
        body_html: Set(carrefour::web::markdown::to_safe_html(body)),
        status: Set("visible".into()),
        removed_by: Set(None),
        removed_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn authorization_matrix_covers_every_community_route() {
    let declared: std::collections::BTreeSet<(String, String)> =
        regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*(get|post)\(([^)]*)\)(\.post\()?"#)
            .unwrap()
            .captures_iter(include_str!("../src/communities/mod.rs"))
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
        .map(|c| (c.route.to_owned(), c.method.to_owned()))
        .collect();
    assert_eq!(declared, covered, "matrix and router differ");

    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@matrice.example.org", false).await;
    let (member, member_browser) = person(&app, "membre@matrice.example.org", false).await;
    let (_, other) = person(&app, "autre@matrice.example.org", false).await;
    let (_, coordinator) = person(&app, "coordination@matrice.example.org", true).await;
    let asker = fixtures::user(&app.state.db, "demande@matrice.example.org", None, false).await;
    let visitor = app.new_browser();
    let project = ProjectBuilder::new("Jardin de la matrice")
        .commune("35236")
        .insert(&app.state.db)
        .await;
    let people = People {
        host,
        member: member.clone(),
        asker,
        project: project.id,
    };
    let actors: Vec<(&str, &Browser)> = vec![
        ("host", &host_browser),
        ("member", &member_browser),
        ("other", &other),
        ("coordinator", &coordinator),
        ("visitor", &visitor),
    ];
    let mut n = 0;
    for check in CHECKS {
        for (name, browser) in &actors {
            n += 1;
            let w = world(&app, &people, n).await;
            let path = w.path(check.path);
            let response = if check.method == "GET" {
                browser
                    .client
                    .get(browser.url(&path))
                    .header("accept", "text/html")
                    .send()
                    .await
                    .unwrap()
            } else {
                let values: Vec<(String, String)> = check
                    .form
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), w.path(v)))
                    .collect();
                let fields: Vec<(&str, &str)> = values
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                post(browser, &path, &fields).await
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
            let body = response.text().await.unwrap_or_default();
            // Reported messages reach the coordinators, members-only ones included.
            let moderating = *name == "coordinator" && path == "/communautes/signalements";
            if !["host", "member"].contains(name) && !moderating {
                assert!(
                    !body.contains("Réunion secrète") && !body.contains("salle-secrete"),
                    "{} {path} as {name} shows a members-only event",
                    check.method
                );
            }
            if path.contains(&w.private.slug) && !["host", "member"].contains(name) {
                assert!(
                    !body.contains(&member.display_name),
                    "{} {path} as {name} shows a members-only community's members",
                    check.method
                );
            }
        }
    }
}

// ---- events -----------------------------------------------------------------------------

use carrefour::communities::event_form::{EventForm, Limits};
use carrefour::communities::model::Answer;
use carrefour::communities::{events, registration};
use carrefour::entities::{community_event, community_registration};
use chrono::{TimeZone, Utc};

fn set_clock(app: &TestApp, y: i32, m: u32, d: u32, h: u32, min: u32) {
    app.state
        .clock
        .set(Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap());
}

/// An event written through the service (`starts`, `ends` as `YYYY-MM-DDTHH:MM`).
async fn event_of(
    app: &TestApp,
    c: &community::Model,
    creator: i64,
    title: &str,
    (starts, ends): (&str, &str),
    recurrence: &str,
    capacity: Option<i32>,
) -> community_event::Model {
    let form = EventForm {
        title: title.into(),
        description: format!("{title} : description de l'événement."),
        starts: starts.into(),
        ends: ends.into(),
        time_zone: "Europe/Paris".into(),
        recurrence: recurrence.into(),
        place: "online".into(),
        online_url: "https://visio.example.org/salle-secrete".into(),
        capacity: capacity.map(|n| n.to_string()).unwrap_or_default(),
        ..Default::default()
    };
    let limits = Limits {
        now: Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
        going: 0,
        is_new: true,
    };
    let input = form.parse(&limits).expect("a valid event");
    events::insert(&app.state, c.id, Some(creator), &input)
        .await
        .unwrap()
}

async fn answers(app: &TestApp, event_id: i64) -> Vec<community_registration::Model> {
    community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event_id))
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn sixty_people_registering_at_once_fill_twenty_seats_and_the_list_moves_in_order() {
    let app = TestApp::spawn().await;
    let host = fixtures::user(&app.state.db, "hote@atelier.example.org", None, false).await;
    let c = community_of(
        &app,
        &host,
        "Atelier réparation Lille",
        "commune:59350",
        &["ECO"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let event = event_of(
        &app,
        &c,
        host.id,
        "Repair café de décembre",
        ("2030-12-12T18:00", "2030-12-12T21:00"),
        "none",
        Some(20),
    )
    .await;
    let mut people = Vec::new();
    for i in 0..60 {
        people.push(
            fixtures::user(
                &app.state.db,
                &format!("p{i}@repair.example.org"),
                None,
                false,
            )
            .await,
        );
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(60));
    let mut tasks = Vec::new();
    for person in &people {
        let (state, event, barrier, id) =
            (app.state.clone(), event.clone(), barrier.clone(), person.id);
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            registration::answer(&state, &event, id, Answer::Going)
                .await
                .unwrap()
                .answer
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|a| **a == Answer::Going).count(), 20);
    assert_eq!(
        outcomes.iter().filter(|a| **a == Answer::Waiting).count(),
        40
    );
    let rows = answers(&app, event.id).await;
    assert_eq!(rows.iter().filter(|r| r.answer == "going").count(), 20);
    let mut waiting: Vec<_> = rows.iter().filter(|r| r.answer == "waiting").collect();
    waiting.sort_by_key(|r| r.waiting_rank);
    let ranks: Vec<i64> = waiting.iter().map(|r| r.waiting_rank.unwrap()).collect();
    assert_eq!(
        ranks,
        (1..=40).collect::<Vec<_>>(),
        "one place each, in order"
    );

    // Three people with a seat cancel: the first three waiting take them, in order.
    let leaving: Vec<i64> = rows
        .iter()
        .filter(|r| r.answer == "going")
        .take(3)
        .map(|r| r.user_id)
        .collect();
    for (i, id) in leaving.iter().enumerate() {
        let answer = if i == 0 {
            Answer::NotGoing
        } else {
            Answer::Maybe
        };
        let outcome = registration::answer(&app.state, &event, *id, answer)
            .await
            .unwrap();
        assert_eq!(outcome.promoted, 1);
    }
    let rows = answers(&app, event.id).await;
    assert_eq!(rows.iter().filter(|r| r.answer == "going").count(), 20);
    assert_eq!(rows.iter().filter(|r| r.answer == "waiting").count(), 37);
    for first in &waiting[..3] {
        let now = rows.iter().find(|r| r.id == first.id).unwrap();
        assert_eq!(now.answer, "going", "waiting #{:?}", first.waiting_rank);
        let person = people.iter().find(|p| p.id == first.user_id).unwrap();
        let mail = app
            .wait_for_mail_to(&person.email, "Une place s'est libérée")
            .await
            .text();
        assert!(mail.contains("Repair café de décembre"));
    }
    assert_eq!(
        rows.iter().find(|r| r.id == waiting[3].id).unwrap().answer,
        "waiting"
    );
    // Answering "going" again keeps one's place.
    let again = registration::answer(&app.state, &event, waiting[3].user_id, Answer::Going)
        .await
        .unwrap();
    assert_eq!(again.answer, Answer::Waiting);
    assert_eq!(
        answers(&app, event.id)
            .await
            .iter()
            .find(|r| r.id == waiting[3].id)
            .unwrap()
            .waiting_rank,
        Some(4)
    );
}

#[tokio::test]
async fn the_event_form_keeps_its_values_and_a_larger_room_seats_the_waiting_list() {
    let app = TestApp::spawn().await;
    set_clock(&app, 2026, 3, 1, 9, 0);
    let (host, host_browser) = person(&app, "hote@evenements.example.org", false).await;
    let (guest_user, guest) = person(&app, "invitee@evenements.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Mobilités rurales",
        "department:35",
        &["MOB"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let path = format!("/communautes/{}/evenements/nouveau", c.slug);
    let typed = [
        ("title", "Atelier covoiturage"),
        ("description", "On **organise** le covoiturage."),
        ("starts", "2026-03-19T10:00"),
        ("ends", "2026-03-19T09:00"),
        ("time_zone", "Europe/Paris"),
        ("recurrence", "none"),
        ("place", "commune"),
        ("commune", "Nulle-Part-sur-Rien"),
        ("capacity", "1"),
    ];
    let refused = post(&host_browser, &path, &typed).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Atelier covoiturage") && body.contains("Nulle-Part-sur-Rien"));
    assert!(body.contains("id=\"error-ends\"") && body.contains("id=\"error-commune\""));
    let mut good = typed.to_vec();
    good[3] = ("ends", "2026-03-19T12:00");
    good[7] = ("commune", "Redon");
    let created = post(&host_browser, &path, &good).await;
    assert_eq!(created.status(), 303);
    let event_path = location(&created);
    assert_eq!(
        post(
            &host_browser,
            &format!("{event_path}/inscription"),
            &[("answer", "going")]
        )
        .await
        .status(),
        303
    );
    post(
        &guest,
        &format!("{event_path}/inscription"),
        &[("answer", "going")],
    )
    .await;
    let (_, page) = guest.page(&event_path).await;
    assert_eq!(
        texts(&page, "[data-testid=my-answer]"),
        vec!["Liste d'attente (n° 1)"],
        "full: the guest waits"
    );
    // Below the seats taken: refused, values kept.
    let mut smaller = good.clone();
    smaller[8] = ("capacity", "0");
    let refused = post(&host_browser, &format!("{event_path}/modifier"), &smaller).await;
    assert_eq!(refused.status(), 422);
    // Two seats: the guest is in, and mailed.
    let mut larger = good.clone();
    larger[8] = ("capacity", "2");
    assert_eq!(
        post(&host_browser, &format!("{event_path}/modifier"), &larger)
            .await
            .status(),
        303
    );
    app.wait_for_mail_to(&guest_user.email, "Atelier covoiturage")
        .await;
    let (_, page) = guest.page(&event_path).await;
    assert!(page.contains("Vous participez"));
    // The participants' list, exported by the organiser only.
    let csv = host_browser
        .get(&format!("{event_path}/participants.csv"))
        .await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("name,answer,waiting_rank,answered_at"));
    assert!(csv.contains(&guest_user.display_name));
    assert_eq!(
        guest
            .get(&format!("{event_path}/participants.csv"))
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_online_link_is_for_registered_people_and_a_reminder_goes_the_day_before() {
    let app = TestApp::spawn().await;
    let (host, _) = person(&app, "hote@rappel.example.org", false).await;
    let (member, member_browser) = person(&app, "membre@rappel.example.org", false).await;
    let (_, other) = person(&app, "autre@rappel.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Tiers-lieux bretons",
        "region:53",
        &["TER"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let event = event_of(
        &app,
        &c,
        host.id,
        "Visio des tiers-lieux",
        ("2026-03-05T10:00", "2026-03-05T11:30"),
        "weekly",
        None,
    )
    .await;
    set_clock(&app, 2026, 3, 3, 12, 0);
    let path = format!("/communautes/{}/evenements/{}", c.slug, event.id);
    let (_, page) = other.page(&path).await;
    assert!(!page.contains("salle-secrete"), "not registered: no link");
    let (_, ics) = other.page(&format!("{path}/evenement.ics")).await;
    assert!(!ics.contains("salle-secrete"));
    post(
        &member_browser,
        &format!("{path}/inscription"),
        &[("answer", "going")],
    )
    .await;
    let (_, page) = member_browser.page(&path).await;
    assert!(page.contains("https://visio.example.org/salle-secrete"));
    let (_, ics) = member_browser.page(&format!("{path}/evenement.ics")).await;
    assert!(ics.contains("salle-secrete"));

    // Two days before: nothing; the day before: one reminder, once.
    assert_eq!(
        carrefour::communities::reminders::send_due(&app.state)
            .await
            .unwrap(),
        0
    );
    set_clock(&app, 2026, 3, 4, 10, 0);
    assert_eq!(
        carrefour::communities::reminders::send_due(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        carrefour::communities::reminders::send_due(&app.state)
            .await
            .unwrap(),
        0
    );
    let mail = app.wait_for_mail_to(&member.email, "Demain").await.text();
    assert!(mail.contains("05/03/2026 à 10:00"), "{mail}");
    assert!(mail.contains("salle-secrete"));
    // A week later, the next occurrence has its own reminder.
    set_clock(&app, 2026, 3, 11, 10, 0);
    assert_eq!(
        carrefour::communities::reminders::send_due(&app.state)
            .await
            .unwrap(),
        1
    );
}

/// Occurrences of `summary` in `ics` between two dates, as UTC instants, read by the
/// PyPI `icalendar` and `recurring-ical-events` packages (installed by scripts/test).
fn python_occurrences(ics: &str, from: &str, to: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agenda.ics");
    std::fs::write(&file, ics).unwrap();
    let script = r#"
import sys, datetime, icalendar, recurring_ical_events
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
start = datetime.date.fromisoformat(sys.argv[2]); end = datetime.date.fromisoformat(sys.argv[3])
for e in recurring_ical_events.of(cal).between(start, end):
    at = e['DTSTART'].dt.astimezone(datetime.timezone.utc)
    print(str(e['SUMMARY']) + '|' + at.strftime('%Y-%m-%dT%H:%M:%SZ'))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, file.to_str().unwrap(), from, to])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "icalendar + recurring-ical-events (installed by scripts/test): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[tokio::test]
async fn calendar_feeds_read_with_a_real_parser_keep_ten_oclock_across_summer_time() {
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@agenda.example.org", false).await;
    let public = community_of(
        &app,
        &host,
        "Habitat participatif",
        "region:53",
        &["HAB"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let private = community_of(
        &app,
        &host,
        "Cercle privé",
        "region:53",
        &["HAB"],
        ("members", "request"),
        Status::Active,
    )
    .await;
    event_of(
        &app,
        &public,
        host.id,
        "Permanence hebdomadaire, habitat; partagé",
        ("2026-03-05T10:00", "2026-03-05T11:00"),
        "weekly",
        None,
    )
    .await;
    event_of(
        &app,
        &public,
        host.id,
        "Assemblée mensuelle",
        ("2026-01-06T18:30", "2026-01-06T20:00"),
        "monthly",
        None,
    )
    .await;
    event_of(
        &app,
        &private,
        host.id,
        "Réunion secrète",
        ("2026-03-05T10:00", "2026-03-05T11:00"),
        "none",
        None,
    )
    .await;
    let feed = app
        .new_browser()
        .get(&format!("/communautes/{}/agenda.ics", public.slug))
        .await;
    assert_eq!(feed.status(), 200);
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let feed = feed.text().await.unwrap();
    assert!(feed.contains("RRULE:FREQ=WEEKLY;BYDAY=TH"));
    assert!(feed.contains("RRULE:FREQ=MONTHLY;BYDAY=1TU"));
    assert!(feed.contains("BEGIN:VTIMEZONE"));
    assert!(
        !feed.contains("salle-secrete"),
        "no online link for the public"
    );
    let weekly = "Permanence hebdomadaire, habitat; partagé";
    // Paris moves to summer time on 29 March and back on 25 October 2026.
    let march = python_occurrences(&feed, "2026-03-20", "2026-04-06");
    let weekly_march: Vec<_> = march.iter().filter(|l| l.starts_with(weekly)).collect();
    assert_eq!(
        weekly_march,
        vec![
            &format!("{weekly}|2026-03-26T09:00:00Z"),
            &format!("{weekly}|2026-04-02T08:00:00Z"),
        ]
    );
    let october = python_occurrences(&feed, "2026-10-20", "2026-11-01");
    let weekly_october: Vec<_> = october.iter().filter(|l| l.starts_with(weekly)).collect();
    assert_eq!(
        weekly_october,
        vec![
            &format!("{weekly}|2026-10-22T08:00:00Z"),
            &format!("{weekly}|2026-10-29T09:00:00Z"),
        ]
    );
    let monthly = python_occurrences(&feed, "2026-04-01", "2026-05-01");
    assert!(
        monthly.contains(&"Assemblée mensuelle|2026-04-07T16:30:00Z".to_owned()),
        "{monthly:?}"
    );

    // The hub's feed has the public events only.
    let (_, hub) = app.new_browser().page("/communautes/agenda.ics").await;
    let hub_events = python_occurrences(&hub, "2026-03-01", "2026-03-08");
    assert!(hub_events.iter().any(|l| l.starts_with(weekly)));
    assert!(!hub.contains("Réunion secrète"));

    // A members-only calendar: nothing without the member's token, even signed in.
    let private_feed = format!("/communautes/{}/agenda.ics", private.slug);
    let (_, outsider) = person(&app, "curieux@agenda.example.org", false).await;
    assert_eq!(outsider.page(&private_feed).await.0, 404);
    assert_eq!(app.new_browser().page(&private_feed).await.0, 404);
    assert_eq!(
        app.new_browser()
            .page(&format!("{private_feed}?jeton=faux"))
            .await
            .0,
        404
    );
    let (_, page) = host_browser
        .page(&format!("/communautes/{}", private.slug))
        .await;
    let address = support::attribute(&page, "[data-testid=calendar-feed]", "href");
    assert!(address.contains("jeton="), "{address}");
    let path = address.trim_start_matches(&app.base);
    let (status, body) = app.new_browser().page(path).await;
    assert_eq!(status, 200);
    assert!(body.contains("Réunion secrète"));
    // The token dies with the membership.
    let row = member_row(&app, private.id, host.id).await.unwrap();
    let (other_host, _) = person(&app, "cohote@agenda.example.org", false).await;
    service::add_member(
        &app.state.db,
        private.id,
        other_host.id,
        Role::Host,
        MemberStatus::Active,
        None,
    )
    .await
    .unwrap();
    assert!(service::remove_member(&app.state.db, &row).await.unwrap());
    assert_eq!(app.new_browser().page(path).await.0, 404);
}

// ---- discussions ------------------------------------------------------------------------

#[tokio::test]
async fn mentions_notify_by_preference_locked_topics_and_reports_reach_hosts_and_coordinators() {
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@discussions.example.org", false).await;
    let (_, member_browser) = person(&app, "membre@discussions.example.org", false).await;
    let (quiet, _) = person(&app, "discret@discussions.example.org", false).await;
    let (coordinator_user, coordinator) =
        person(&app, "coordination@discussions.example.org", true).await;
    let c = community_of(
        &app,
        &host,
        "Santé mentale à Lyon",
        "commune:69123",
        &["SAN"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let path = format!("/communautes/{}", c.slug);
    post(&member_browser, &format!("{path}/rejoindre"), &[]).await;
    service::add_member(
        &app.state.db,
        c.id,
        quiet.id,
        Role::Member,
        MemberStatus::Active,
        None,
    )
    .await
    .unwrap();
    carrefour::notifications::set(
        &app.state.db,
        quiet.id,
        "community_mention",
        carrefour::notifications::Delivery::Never,
    )
    .await
    .unwrap()
    .unwrap();

    // An empty message keeps the title typed.
    let refused = post(
        &member_browser,
        &format!("{path}/discussions/nouvelle"),
        &[("title", "Groupe de parole"), ("body", "")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Groupe de parole"));
    let body = format!(
        "Bonjour @{} et @{} : on se retrouve jeudi ? <script>alert(1)</script>",
        host.display_name, quiet.display_name
    );
    let created = post(
        &member_browser,
        &format!("{path}/discussions/nouvelle"),
        &[("title", "Groupe de parole"), ("body", &body)],
    )
    .await;
    assert_eq!(created.status(), 303);
    let topic = location(&created);
    let mail = app.wait_for_mail_to(&host.email, "vous cite").await.text();
    assert!(mail.contains("Groupe de parole") && mail.contains(&topic));
    let (_, page) = app.new_browser().page(&topic).await;
    assert!(page.contains("on se retrouve jeudi"));
    assert!(!page.contains("<script>alert"), "sanitised");

    // Locked: members cannot reply, hosts can.
    assert_eq!(
        post(&host_browser, &format!("{topic}/verrouiller"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        post(
            &member_browser,
            &format!("{topic}/repondre"),
            &[("body", "Encore moi")]
        )
        .await
        .status(),
        403
    );
    assert_eq!(
        post(
            &host_browser,
            &format!("{topic}/repondre"),
            &[("body", "Je clos ici.")]
        )
        .await
        .status(),
        303
    );

    // A report reaches the host and the coordinator; the host removes the message,
    // whose text the coordinator still reads with the report.
    let reply = carrefour::entities::community_post::Entity::find()
        .filter(carrefour::entities::community_post::Column::Body.eq("Je clos ici."))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let reported = post(
        &member_browser,
        &format!("{path}/messages/{}/signaler", reply.id),
        &[("reason", "Ton blessant")],
    )
    .await;
    assert_eq!(reported.status(), 303);
    app.wait_for_mail_to(&host.email, "Ton blessant").await;
    app.wait_for_mail_to(&coordinator_user.email, "Ton blessant")
        .await;
    assert_eq!(
        post(
            &host_browser,
            &format!("{path}/messages/{}/retirer", reply.id),
            &[]
        )
        .await
        .status(),
        303
    );
    let (_, page) = app.new_browser().page(&topic).await;
    assert!(!page.contains("Je clos ici."));
    let (_, reports) = coordinator.page("/communautes/signalements").await;
    assert!(reports.contains("Je clos ici.") && reports.contains("Ton blessant"));
    // The quiet member turned mentions off: no mail for them.
    assert!(
        !app.mails().iter().any(|m| m.is_to(&quiet.email)),
        "a mention turned off sends nothing"
    );
}

// ---- open data --------------------------------------------------------------------------

#[tokio::test]
async fn communities_and_events_are_open_data_without_members_only_events() {
    let app = TestApp::spawn().await;
    let host = fixtures::user(&app.state.db, "hote@api.example.org", None, false).await;
    let public = community_of(
        &app,
        &host,
        "Alimentation Bretagne",
        "region:53",
        &["ALI"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let private = community_of(
        &app,
        &host,
        "Cercle fermé breton",
        "region:53",
        &["ALI"],
        ("members", "invitation"),
        Status::Active,
    )
    .await;
    community_of(
        &app,
        &host,
        "Mobilité en Île-de-France",
        "region:11",
        &["MOB"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    event_of(
        &app,
        &public,
        host.id,
        "Marché paysan",
        ("2026-03-05T10:00", "2026-03-05T12:00"),
        "weekly",
        None,
    )
    .await;
    event_of(
        &app,
        &private,
        host.id,
        "Réunion secrète",
        ("2026-03-05T10:00", "2026-03-05T12:00"),
        "none",
        None,
    )
    .await;
    let json: serde_json::Value = app
        .get("/api/v1/communities?region=53")
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Alimentation Bretagne", "Cercle fermé breton"]);
    assert_eq!(json["items"][1]["visibility"], "members");
    assert!(json["items"][1]["calendar_url"].is_null());
    let json: serde_json::Value = app
        .get("/api/v1/communities?theme=MOB")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["total"], 1);

    let json: serde_json::Value = app
        .get("/api/v1/events?from=2026-03-20&to=2026-04-06&region=53&theme=ALI")
        .await
        .json()
        .await
        .unwrap();
    let starts: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        vec!["2026-03-26T09:00:00+00:00", "2026-04-02T08:00:00+00:00"],
        "10:00 in Paris before and after the change"
    );
    assert_eq!(json["items"][0]["rrule"], "FREQ=WEEKLY;BYDAY=TH");
    assert_eq!(json["items"][0]["local_start"], "2026-03-26T10:00:00");
    let all = app
        .get("/api/v1/events?from=2026-03-01&to=2026-03-10")
        .await
        .text()
        .await
        .unwrap();
    assert!(!all.contains("Réunion secrète") && !all.contains("salle-secrete"));
    let other_region: serde_json::Value = app
        .get("/api/v1/events?from=2026-03-01&to=2026-03-10&region=11")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(other_region["total"], 0);
    for bad in [
        "/api/v1/events?from=hier",
        "/api/v1/events?from=2026-03-10&to=2026-03-01",
        "/api/v1/events?from=2026-01-01&to=2028-01-01",
        "/api/v1/events?region=99",
        "/api/v1/communities?theme=NOPE",
        "/api/v1/communities?per_page=0",
    ] {
        assert_eq!(app.get(bad).await.status(), 422, "{bad}");
    }
}

#[tokio::test]
async fn the_demo_hub_has_lively_communities() {
    let app = TestApp::builder().demo_projects(30).spawn().await;
    let (_, list) = app.new_browser().page("/communautes").await;
    let total = texts(&list, "[data-testid=community-total]");
    let count: usize = total[0].split_whitespace().next().unwrap().parse().unwrap();
    assert!(count >= 20, "{total:?}");
    let rows = community::Entity::find().all(&app.state.db).await.unwrap();
    let regions: std::collections::BTreeSet<_> =
        rows.iter().filter_map(|c| c.region_code.clone()).collect();
    assert!(regions.len() >= 10, "{regions:?}");
    let public = rows
        .iter()
        .find(|c| c.visibility == "public" && c.scope == "commune")
        .unwrap();
    let (_, page) = app
        .new_browser()
        .page(&format!("/communautes/{}", public.slug))
        .await;
    assert!(texts(&page, "[data-testid=member]").len() >= 3);
    assert!(!texts(&page, "[data-testid=topic-card]").is_empty());
    assert!(!texts(&page, "[data-testid=events] [data-testid=event-card]").is_empty());
    assert!(page.contains("Événements passés"));
    let events: serde_json::Value = app.get("/api/v1/events").await.json().await.unwrap();
    assert!(events["total"].as_u64().unwrap() >= 10, "{events}");
    // Every community has a collection of projects once the demo projects exist.
    let collections = carrefour::entities::community_collection::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(collections.len(), rows.len());
    let cards = texts(&page, "[data-testid=collection-card]");
    assert_eq!(cards, vec!["À suivre sur notre territoire"]);
}

#[tokio::test]
async fn members_curate_collections_of_projects_exported_as_csv() {
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@collections.example.org", false).await;
    let (_, member_browser) = person(&app, "membre@collections.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Circuits courts de Redon",
        "commune:35236",
        &["ALI"],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let project = ProjectBuilder::new("=Épicerie solidaire de Redon")
        .commune("35236")
        .insert(&app.state.db)
        .await;
    let path = format!("/communautes/{}", c.slug);
    post(&member_browser, &format!("{path}/rejoindre"), &[]).await;
    let refused = post(
        &member_browser,
        &format!("{path}/collections/nouvelle"),
        &[("title", "x")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let created = post(
        &member_browser,
        &format!("{path}/collections/nouvelle"),
        &[("title", "À suivre sur notre territoire")],
    )
    .await;
    assert_eq!(created.status(), 303);
    let collection = location(&created);
    // An unknown project is named next to its field, the note kept.
    let refused = post(
        &member_browser,
        &format!("{collection}/projets"),
        &[("project", "999999"), ("note", "Très actif")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("id=\"error-project\"") && body.contains("Très actif"));
    let address = format!("{}/projets/{}-{}", app.base, project.id, project.slug);
    let added = post(
        &member_browser,
        &format!("{collection}/projets"),
        &[("project", &address), ("note", "Très actif")],
    )
    .await;
    assert_eq!(added.status(), 303);
    let (_, page) = app.new_browser().page(&collection).await;
    assert_eq!(texts(&page, "[data-testid=note]"), vec!["Très actif"]);
    // On the collection's map: the placed project, a link to its page.
    assert_eq!(texts(&page, "[data-testid=collection-map]").len(), 1);
    let points: serde_json::Value =
        serde_json::from_str(&texts(&page, "#community-points")[0]).unwrap();
    assert_eq!(points.as_array().unwrap().len(), 1);
    assert_eq!(points[0]["name"], "=Épicerie solidaire de Redon");
    assert_eq!(
        points[0]["url"],
        format!("/projets/{}-{}", project.id, project.slug)
    );
    assert!(
        (points[0]["lat"].as_f64().unwrap() - 47.65).abs() < 0.2,
        "Redon"
    );
    let nowhere = ProjectBuilder::new("Réseau sans adresse")
        .insert(&app.state.db)
        .await;
    let added = post(
        &member_browser,
        &format!("{collection}/projets"),
        &[("project", &nowhere.id.to_string())],
    )
    .await;
    assert_eq!(added.status(), 303);
    let (_, page) = app.new_browser().page(&collection).await;
    assert_eq!(
        texts(&page, "[data-testid=collection-unplaced]"),
        vec!["1 projet de la collection n'a pas de lieu connu et n'est pas sur la carte."]
    );
    let csv = app
        .new_browser()
        .page(&format!("{collection}/export.csv"))
        .await
        .1;
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "project_id,title,place,latitude,longitude,note,url"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!(
            "{},'=Épicerie solidaire de Redon,Redon (35),",
            project.id
        )),
        "{row}"
    );
    assert!(row.contains("Très actif"));
    let (_, page) = host_browser.page(&path).await;
    assert_eq!(
        texts(&page, "[data-testid=collection-card]"),
        vec!["À suivre sur notre territoire"]
    );
}

#[tokio::test]
async fn a_community_page_follows_what_happens_in_its_territory_and_themes() {
    use carrefour::entities::{board_request, proposal};
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let (host, browser) = person(&app, "hote@redon.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Alimentation au pays de Redon",
        "department:35",
        &["ALI"],
        ("members", "open"),
        Status::Active,
    )
    .await;
    let t0 = Utc::now() - chrono::Duration::hours(3);
    let in_scope = ProjectBuilder::new("Épicerie solidaire de Redon")
        .commune("35236")
        .themes(&["ALI"])
        .first_seen(t0)
        .insert(db)
        .await;
    ProjectBuilder::new("Recyclerie de Redon")
        .commune("35236")
        .themes(&["ECO"])
        .insert(db)
        .await;
    ProjectBuilder::new("Épicerie solidaire de Lille")
        .commune("59350")
        .themes(&["ALI"])
        .insert(db)
        .await;
    let partner = fixtures::partner(db, "jardins", "active").await;
    let request = board_request::ActiveModel {
        kind: Set("volunteer".into()),
        status: Set("published".into()),
        title: Set("Bénévoles pour la distribution".into()),
        description: Set("Deux heures par semaine.".into()),
        description_html: Set("<p>Deux heures par semaine.</p>".into()),
        partner_id: Set(Some(partner.id)),
        organisation: Set("Jardins".into()),
        territory: Set("commune".into()),
        commune_insee: Set(Some("35236".into())),
        department_code: Set(Some("35".into())),
        region_code: Set(Some("53".into())),
        deadline: Set((Utc::now() + chrono::Duration::days(30)).date_naive()),
        answer_mode: Set("carrefour".into()),
        published_at: Set(Some(t0 + chrono::Duration::hours(1))),
        created_at: Set(t0),
        updated_at: Set(t0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    carrefour::entities::board_request_term::ActiveModel {
        request_id: Set(request.id),
        term_code: Set("ALI".into()),
    }
    .insert(db)
    .await
    .unwrap();
    let decided = proposal::ActiveModel {
        kind: Set("roadmap".into()),
        method: Set("simple".into()),
        status: Set("closed".into()),
        title: Set("Feuille de route 2027".into()),
        summary: Set(String::new()),
        body: Set(String::new()),
        secret: Set(false),
        partner_id: Set(partner.id),
        outcome: Set(Some("adopted".into())),
        closed_at: Set(Some(t0 + chrono::Duration::hours(2))),
        created_at: Set(t0),
        updated_at: Set(t0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();

    // Everyone sees the feed, even of a members-only community: it is the hub's.
    let (status, page) = app
        .new_browser()
        .page(&format!("/communautes/{}", c.slug))
        .await;
    assert_eq!(status, 200);
    let feed = texts(&page, "[data-testid=activity-item] a");
    assert_eq!(
        feed,
        vec![
            "Feuille de route 2027 — Adoptée".to_owned(),
            "Bénévoles pour la distribution".to_owned(),
            "Épicerie solidaire de Redon".to_owned(),
        ],
        "newest first; out of its themes or territory, nothing"
    );
    assert_eq!(
        attribute(
            &page,
            "[data-testid=activity-item][data-kind=project] a",
            "href"
        ),
        format!("/projets/{}-{}", in_scope.id, in_scope.slug)
    );
    assert_eq!(
        attribute(
            &page,
            "[data-testid=activity-item][data-kind=decision] a",
            "href"
        ),
        format!("/gouvernance/propositions/{}", decided.id)
    );
    // The page asks for it again by itself; the fragment is the same list.
    let url = attribute(&page, "[data-testid=community-activity]", "hx-get");
    assert_eq!(url, format!("/communautes/{}/activite", c.slug));
    assert!(
        attribute(&page, "[data-testid=community-activity]", "hx-trigger").starts_with("every")
    );
    ProjectBuilder::new("Cantine solidaire de Vitré")
        .commune("35360")
        .themes(&["ALI"])
        .insert(db)
        .await;
    let (status, fragment) = browser.page(&url).await;
    assert_eq!(status, 200);
    assert!(!fragment.contains("<html"), "a fragment");
    assert_eq!(
        texts(&fragment, "[data-testid=activity-item] a")[0],
        "Cantine solidaire de Vitré",
        "what just arrived comes first"
    );
}

#[tokio::test]
async fn members_search_the_words_of_their_community_and_nobody_else_does() {
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@recherche.example.org", false).await;
    let (_, outsider) = person(&app, "dehors@recherche.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Jardiniers de Fives",
        "commune:59350",
        &[],
        ("members", "open"),
        Status::Active,
    )
    .await;
    let path = format!("/communautes/{}", c.slug);
    let created = post(
        &host_browser,
        &format!("{path}/discussions/nouvelle"),
        &[
            ("title", "Parcelles du printemps"),
            (
                "body",
                "Qui veut partager les **jardins** partagés de la rue Pierre-Legrand ?",
            ),
        ],
    )
    .await;
    assert_eq!(created.status(), 303);
    let topic = location(&created);
    let reply = post(
        &host_browser,
        &format!("{topic}/repondre"),
        &[("body", "Il reste du compost pour tout le monde.")],
    )
    .await;
    assert_eq!(reply.status(), 303);

    let search = |q: &str| format!("{path}/recherche?q={}", urlencoding(q));
    // Plurals, accents and the start of a word match; every word is needed.
    let (status, page) = host_browser.page(&search("jardin partage")).await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&page, "[data-testid=community-hit] h3"),
        vec!["Parcelles du printemps"]
    );
    assert!(
        attribute(&page, "[data-testid=community-hit] h3 a", "href")
            .starts_with(&format!("{topic}#message-"))
    );
    let (_, page) = host_browser.page(&search("compo")).await;
    assert_eq!(
        texts(&page, "[data-testid=community-hit]").len(),
        1,
        "the reply"
    );
    let (_, page) = host_browser.page(&search("jardin compost")).await;
    assert_eq!(
        texts(&page, "[data-testid=community-search-none]").len(),
        1,
        "not in one message"
    );
    let (_, page) = host_browser.page(&search("les des")).await;
    assert_eq!(
        texts(&page, "[data-testid=search-error]").len(),
        1,
        "stop words only"
    );
    let (status, _) = host_browser.page(&search(&"jardin ".repeat(50))).await;
    assert_eq!(status, 422);

    // Members-only: neither a stranger nor a visitor finds anything.
    let (status, page) = outsider.page(&search("jardin")).await;
    assert_eq!(status, 403);
    assert!(!page.contains("Parcelles du printemps"));
    let visitor = app.new_browser().get(&search("jardin")).await;
    assert!(
        matches!(visitor.status().as_u16(), 303 | 401),
        "{}",
        visitor.status()
    );
}

fn urlencoding(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn removed_content_stays_for_the_retention_period_then_goes_with_its_reports() {
    use carrefour::entities::{community_post, community_report, community_topic};
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let (host, host_browser) = person(&app, "hote@retention.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Mémoire courte",
        "commune:59350",
        &[],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let path = format!("/communautes/{}", c.slug);
    let mut topics = Vec::new();
    for title in ["Sujet gardé", "Sujet retiré"] {
        let created = post(
            &host_browser,
            &format!("{path}/discussions/nouvelle"),
            &[("title", title), ("body", "Premier message du sujet.")],
        )
        .await;
        let topic = location(&created);
        post(
            &host_browser,
            &format!("{topic}/repondre"),
            &[("body", "Une réponse.")],
        )
        .await;
        topics.push(topic.rsplit('/').next().unwrap().parse::<i64>().unwrap());
    }
    let posts = community_post::Entity::find()
        .filter(community_post::Column::TopicId.eq(topics[0]))
        .all(db)
        .await
        .unwrap();
    let reply = posts.iter().max_by_key(|p| p.id).unwrap();
    let reported = post(
        &host_browser,
        &format!("{path}/messages/{}/signaler", reply.id),
        &[("reason", "Hors sujet")],
    )
    .await;
    assert!(reported.status().is_redirection(), "{}", reported.status());
    for removal in [
        format!("{path}/messages/{}/retirer", reply.id),
        format!(
            "{path}/messages/{}/retirer",
            community_post::Entity::find()
                .filter(community_post::Column::TopicId.eq(topics[1]))
                .all(db)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .min()
                .unwrap()
        ),
    ] {
        assert!(
            post(&host_browser, &removal, &[])
                .await
                .status()
                .is_redirection()
        );
    }
    // Within the period nothing goes.
    assert_eq!(
        carrefour::communities::retention::purge(&app.state)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        community_report::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        1
    );
    // A year and a day later, the removed reply and the removed topic go, with the report.
    app.state
        .clock
        .set(Utc::now() + chrono::Duration::days(366));
    assert_eq!(
        carrefour::communities::retention::purge(&app.state)
            .await
            .unwrap(),
        3,
        "the reply, and the two messages of the removed topic"
    );
    assert!(
        community_report::Entity::find()
            .all(db)
            .await
            .unwrap()
            .is_empty()
    );
    let left = community_topic::Entity::find().all(db).await.unwrap();
    assert_eq!(
        left.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![topics[0]]
    );
    let kept = community_post::Entity::find().all(db).await.unwrap();
    assert_eq!(kept.len(), 1, "the first message of the kept topic");
}

#[tokio::test]
async fn members_edit_their_messages_hosts_read_the_versions_and_everyone_reacts_and_quotes() {
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@versions.example.org", false).await;
    let (_, member_browser) = person(&app, "membre@versions.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Vélos de Fives",
        "commune:59350",
        &[],
        ("public", "open"),
        Status::Active,
    )
    .await;
    let path = format!("/communautes/{}", c.slug);
    post(&member_browser, &format!("{path}/rejoindre"), &[]).await;
    let created = post(
        &host_browser,
        &format!("{path}/discussions/nouvelle"),
        &[
            ("title", "Atelier de réparation"),
            ("body", "Samedi à 10 h au local."),
        ],
    )
    .await;
    let topic = location(&created);
    let replied = post(
        &member_browser,
        &format!("{topic}/repondre"),
        &[("body", "Je viens avec des chambres à air.")],
    )
    .await;
    let reply: i64 = location(&replied)
        .rsplit("#message-")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let edit = format!("{path}/messages/{reply}/modifier");

    // The author edits; a mistake keeps what was typed; someone else may not edit.
    let (status, form) = member_browser.page(&edit).await;
    assert_eq!(status, 200);
    assert!(form.contains("Je viens avec des chambres à air."));
    let refused = post(&member_browser, &edit, &[("body", "x")]).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("id=\"error-body\""));
    assert_eq!(
        post(&host_browser, &edit, &[("body", "Pas à moi")])
            .await
            .status(),
        403
    );
    let saved = post(
        &member_browser,
        &edit,
        &[("body", "Je viens avec des chambres à air et une pompe.")],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let (_, page) = app.new_browser().page(&topic).await;
    assert!(page.contains("et une pompe"));
    assert_eq!(texts(&page, "[data-testid=edited]"), vec!["modifié"]);
    assert!(
        texts(&page, "[data-testid=history]").is_empty(),
        "not for visitors"
    );

    // The hosts read every version, newest first.
    let (_, page) = host_browser.page(&topic).await;
    let history = attribute(&page, "[data-testid=history]", "href");
    let (status, versions) = host_browser.page(&history).await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&versions, "[data-testid=version] .rich-text"),
        vec![
            "Je viens avec des chambres à air et une pompe.",
            "Je viens avec des chambres à air."
        ]
    );
    assert_eq!(member_browser.page(&history).await.0, 403);

    // Reactions toggle, one per person and kind; an unknown one is refused.
    let react = format!("{path}/messages/{reply}/reagir");
    for (browser, reaction) in [
        (&host_browser, "thanks"),
        (&member_browser, "thanks"),
        (&member_browser, "idea"),
        (&member_browser, "idea"),
    ] {
        assert_eq!(
            post(browser, &react, &[("reaction", reaction)])
                .await
                .status(),
            303
        );
    }
    assert_eq!(
        post(&host_browser, &react, &[("reaction", "colère")])
            .await
            .status(),
        422
    );
    let (_, page) = host_browser.page(&topic).await;
    let reply_card = format!("#message-{reply}");
    assert_eq!(
        texts(&page, &format!("{reply_card} [data-testid=count-thanks]")),
        vec!["2"]
    );
    assert_eq!(
        texts(&page, &format!("{reply_card} [data-testid=count-idea]")),
        vec!["0"]
    );
    assert_eq!(
        attribute(
            &page,
            &format!("{reply_card} [data-testid=react-thanks]"),
            "aria-pressed"
        ),
        "true"
    );
    let (_, visitor_page) = app.new_browser().page(&topic).await;
    assert!(
        texts(&visitor_page, "[data-testid=react-thanks]").is_empty(),
        "members react"
    );

    // Quoting starts the reply with the quoted message.
    let quote = attribute(&page, &format!("{reply_card} [data-testid=quote]"), "href");
    let (status, quoting) = host_browser.page(&quote).await;
    assert_eq!(status, 200);
    let body = texts(&quoting, "#field-body")[0].clone();
    assert!(body.starts_with("> **"), "{body}");
    assert!(
        body.contains("> Je viens avec des chambres à air et une pompe."),
        "{body}"
    );
    assert_eq!(
        host_browser.page(&format!("{topic}?citer=999999")).await.0,
        404
    );

    // A member newly mentioned by an edit is told, as for a new message.
    let mentioning = format!(
        "Je viens avec des chambres à air et une pompe. @{} as-tu des rustines ?",
        host.display_name
    );
    assert_eq!(
        post(&member_browser, &edit, &[("body", &mentioning)])
            .await
            .status(),
        303
    );
    let told = app.wait_for_mail_to(&host.email, "rustines").await.text();
    assert!(told.contains(&format!("#message-{reply}")), "{told}");
}

#[tokio::test]
async fn a_member_chooses_the_weekly_digest_and_gets_what_happened_by_mail() {
    use carrefour::communities::digest;
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@semaine.example.org", false).await;
    let (member, member_browser) = person(&app, "membre@semaine.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Habitat partagé de Lille",
        "commune:59350",
        &[],
        ("members", "open"),
        Status::Active,
    )
    .await;
    let path = format!("/communautes/{}", c.slug);
    post(&member_browser, &format!("{path}/rejoindre"), &[]).await;
    let t0 = Utc::now();
    app.state.clock.set(t0);
    let chosen = post(
        &member_browser,
        &format!("{path}/resume"),
        &[("weekly", "1")],
    )
    .await;
    assert_eq!(chosen.status(), 303);
    let (_, page) = member_browser.page(&path).await;
    assert_eq!(texts(&page, "[data-testid=digest-on]").len(), 1);
    let created = post(
        &host_browser,
        &format!("{path}/discussions/nouvelle"),
        &[
            ("title", "Réunion de copropriété"),
            ("body", "Le 12 à 18 h."),
        ],
    )
    .await;
    assert_eq!(created.status(), 303);

    // Not before a week; then once, with what is new; a week with nothing sends nothing.
    app.state.clock.set(t0 + chrono::Duration::days(6));
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 0);
    app.state.clock.set(t0 + chrono::Duration::days(7));
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 1);
    assert_eq!(
        digest::send_due(&app.state).await.unwrap(),
        0,
        "once a week"
    );
    let mail = app
        .wait_for_mail_to(&member.email, "Réunion de copropriété")
        .await
        .text();
    assert!(mail.contains("1 nouveau message"), "{mail}");
    assert!(mail.contains(&format!("{path}#digest")), "how to stop it");
    assert!(
        mail.contains("dans la communauté « Habitat partagé de Lille »"),
        "{mail}"
    );
    app.state.clock.set(t0 + chrono::Duration::days(14));
    assert_eq!(
        digest::send_due(&app.state).await.unwrap(),
        0,
        "nothing new"
    );

    // Stopped from the page; a member who leaves gets none either.
    let stopped = post(
        &member_browser,
        &format!("{path}/resume"),
        &[("weekly", "0")],
    )
    .await;
    assert_eq!(stopped.status(), 303);
    let (_, page) = member_browser.page(&path).await;
    assert!(texts(&page, "[data-testid=digest-on]").is_empty());
    post(&host_browser, &format!("{path}/resume"), &[("weekly", "1")]).await;
    post(&host_browser, &format!("{path}/quitter"), &[]).await;
    app.state.clock.set(t0 + chrono::Duration::days(30));
    assert_eq!(digest::send_due(&app.state).await.unwrap(), 0);
}

#[tokio::test]
async fn a_mention_chosen_for_the_daily_digest_waits_for_it() {
    use carrefour::entities::job;
    use sea_orm::PaginatorTrait;
    let app = TestApp::spawn().await;
    let (host, host_browser) = person(&app, "hote@quotidien.example.org", false).await;
    let (reader, _) = person(&app, "lectrice@quotidien.example.org", false).await;
    let c = community_of(
        &app,
        &host,
        "Cantines de Lille",
        "commune:59350",
        &[],
        ("public", "open"),
        Status::Active,
    )
    .await;
    service::add_member(
        &app.state.db,
        c.id,
        reader.id,
        Role::Member,
        MemberStatus::Active,
        None,
    )
    .await
    .unwrap();
    carrefour::notifications::set(
        &app.state.db,
        reader.id,
        "community_mention",
        carrefour::notifications::Delivery::Daily,
    )
    .await
    .unwrap()
    .unwrap();
    // The upkeep the scheduler queues at start-up sends the real day's digest: let it
    // pass before anything waits for a digest.
    for _ in 0..250 {
        let busy = job::Entity::find()
            .filter(job::Column::Kind.eq("messaging_upkeep"))
            .filter(job::Column::Status.is_in(["queued", "running"]))
            .count(&app.state.db)
            .await
            .unwrap();
        if busy == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let path = format!("/communautes/{}", c.slug);
    let created = post(
        &host_browser,
        &format!("{path}/discussions/nouvelle"),
        &[
            ("title", "Menus de la rentrée"),
            (
                "body",
                &format!("@{} peux-tu relire les menus ?", reader.display_name),
            ),
        ],
    )
    .await;
    assert_eq!(created.status(), 303);
    let topic = location(&created);
    // No mail at once; the next daily digest (a day long past: never the real day) has it.
    app.state
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2025, 6, 3, 7, 0, 0).unwrap());
    assert_eq!(
        carrefour::messaging::notify::send_digests(&app.state)
            .await
            .unwrap(),
        1
    );
    let digest = app
        .wait_for_mail_to(&reader.email, "relire les menus")
        .await
        .text();
    assert!(digest.contains("vous cite dans la discussion"), "{digest}");
    assert!(digest.contains(&topic), "{digest}");
    assert_eq!(
        app.mails()
            .iter()
            .filter(|m| m.text().contains("relire les menus"))
            .count(),
        1,
        "the digest only, no mail at once"
    );
    app.state
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2025, 6, 4, 7, 0, 0).unwrap());
    assert_eq!(
        carrefour::messaging::notify::send_digests(&app.state)
            .await
            .unwrap(),
        0,
        "told once"
    );
}
