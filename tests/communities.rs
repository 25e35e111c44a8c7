//! Local action communities over HTTP against the real app, every mail through the SMTP
//! sink: a proposal approved by a coordinator, membership by each rule, members-only
//! content kept from others, the communities of territory and project pages, and the
//! authorization matrix over every community route.
mod support;

use carrefour::communities::form::CommunityForm;
use carrefour::communities::model::{MemberStatus, Role, Status};
use carrefour::communities::service;
use carrefour::entities::{community, community_member, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::projects::ProjectBuilder;
use support::{Browser, TestApp, fixtures, texts};

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

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Outcome {
    Allowed,
    SignInFirst,
    Denied,
}

fn outcome(response: &reqwest::Response) -> Outcome {
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match response.status().as_u16() {
        200 | 308 => Outcome::Allowed,
        303 if location.starts_with("/connexion") => Outcome::SignInFirst,
        303 => Outcome::Allowed,
        401 => Outcome::SignInFirst,
        403 | 404 | 409 | 422 => Outcome::Denied,
        other => panic!("unexpected status {other} (location {location:?})"),
    }
}

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
];

/// Fresh communities for one check and actor.
struct World {
    public: community::Model,
    private: community::Model,
    invitation: community::Model,
    proposed: community::Model,
    member: i64,
    request: i64,
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
    }
}

struct People {
    host: user::Model,
    member: user::Model,
    asker: user::Model,
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
    World {
        public,
        private,
        invitation,
        proposed,
        member,
        request,
    }
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
    let people = People {
        host,
        member: member.clone(),
        asker,
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
                post(browser, &path, check.form).await
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
