//! Sign-in through a real OAuth2 / OpenID Connect provider (npm `oauth2-mock-server`,
//! started by `support::oauth_provider` on loopback): discovery, authorization code with
//! PKCE and state, token exchange, userinfo; account creation, reuse and linking.
mod support;

use carrefour::accounts::{password, users};
use carrefour::entities::{oauth_identity, user};
use carrefour::web::Lang;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::oauth_provider::{MockProvider, MockUser};
use support::{Browser, TestApp, texts};

const PROVIDER: &str = "mock";
const PASSWORD: &str = "une phrase de passe solide";

/// The French text of a message key; fails when the key has no translation.
fn fr(key: &str) -> String {
    let text = Lang::Fr.t(key);
    assert_ne!(text, key, "no French translation for {key}");
    text
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

/// The app with the mock provider offered as "Mock ID".
async fn app_with_provider() -> (TestApp, MockProvider) {
    let provider = MockProvider::start().await;
    let app = TestApp::builder()
        .oauth_provider(provider.provider(PROVIDER, "Mock ID"))
        .spawn()
        .await;
    (app, provider)
}

/// Presses the provider's button (on the sign-in page, or with `link` on the account
/// page); returns the provider's authorization URL the app redirected to.
async fn press_button(browser: &Browser, provider: &MockProvider, link: bool) -> String {
    let page = if link { "/compte" } else { "/connexion" };
    let (status, html) = browser.page(page).await;
    assert_eq!(status, 200, "{page}");
    if !link {
        assert_eq!(
            texts(&html, &format!("[data-testid=provider-{PROVIDER}]")).len(),
            1,
            "a provider button on {page}"
        );
    }
    let csrf = support::extract_csrf(&html).unwrap();
    let mut fields = vec![("_csrf", csrf.as_str()), ("next", "/compte")];
    if link {
        fields.push(("link", "1"));
    }
    let response = browser
        .post_form(&format!("/auth/{PROVIDER}"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    let authorize = location(&response);
    assert!(
        authorize.starts_with(&format!("{}/authorize?", provider.issuer)),
        "discovered authorization endpoint: {authorize}"
    );
    let url = url::Url::parse(&authorize).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["client_id"], "carrefour-tests");
    assert_eq!(query["code_challenge_method"], "S256", "PKCE");
    assert!(query["code_challenge"].len() >= 43);
    assert!(query["state"].len() >= 16);
    assert_eq!(
        query["redirect_uri"],
        browser.url(&format!("/auth/{PROVIDER}/retour"))
    );
    assert!(query["scope"].split(' ').any(|s| s == "openid"));
    authorize
}

/// The person approves at the provider (as `user`); returns the app callback URL.
async fn approve(browser: &Browser, authorize: &str, user: &MockUser) -> String {
    let response = browser.get_url(&user.choose_in(authorize)).await;
    assert_eq!(response.status(), 302, "the mock approves at once");
    let callback = location(&response);
    assert!(
        callback.starts_with(&browser.url(&format!("/auth/{PROVIDER}/retour?"))),
        "{callback}"
    );
    callback
}

/// The whole round trip; returns the app's answer to the callback.
async fn sign_in_through_provider(
    browser: &Browser,
    provider: &MockProvider,
    user: &MockUser,
    link: bool,
) -> reqwest::Response {
    let authorize = press_button(browser, provider, link).await;
    let callback = approve(browser, &authorize, user).await;
    browser.get_url(&callback).await
}

async fn flashes(browser: &Browser, path: &str) -> Vec<String> {
    texts(&browser.page(path).await.1, ".flash")
}

async fn identities_of(app: &TestApp, user_id: i64) -> Vec<oauth_identity::Model> {
    oauth_identity::Entity::find()
        .filter(oauth_identity::Column::UserId.eq(user_id))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn user_count(app: &TestApp) -> u64 {
    user::Entity::find().count(&app.state.db).await.unwrap()
}

async fn sign_out(browser: &Browser) {
    let csrf = browser.csrf_token("/").await;
    let response = browser.post_form("/deconnexion", &[("_csrf", &csrf)]).await;
    assert_eq!(response.status(), 303);
}

#[tokio::test]
async fn a_first_sign_in_creates_a_verified_account_and_the_next_reuses_it() {
    let (app, provider) = app_with_provider().await;
    let browser = app.browser();
    let lea = MockUser::verified("sub-lea-42", "Lea@idp-exemple.fr", "Léa Martin");
    let before = user_count(&app).await;

    let response = sign_in_through_provider(browser, &provider, &lea, false).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/compte", "back to `next`");
    let (status, html) = browser.page("/compte").await;
    assert_eq!(status, 200, "signed in");
    assert!(html.contains("Lea@idp-exemple.fr"));
    assert!(texts(&html, ".flash").contains(&fr("signin-welcome")));
    assert_eq!(
        texts(&html, &format!("[data-testid=identity-{PROVIDER}] strong")),
        vec!["Mock ID"]
    );

    let created = users::find_by_email(&app.state.db, "lea@idp-exemple.fr")
        .await
        .unwrap()
        .expect("an account was created");
    assert_eq!(user_count(&app).await, before + 1);
    assert!(created.verified_at.is_some(), "the provider vouched for it");
    assert!(created.password_hash.is_none());
    assert_eq!(created.display_name, "Léa Martin");
    let identities = identities_of(&app, created.id).await;
    assert_eq!(identities.len(), 1);
    assert_eq!(identities[0].provider, PROVIDER);
    assert_eq!(identities[0].subject, "sub-lea-42");
    assert!(app.mails().is_empty(), "no verification mail needed");

    // A second sign-in, even with another address at the provider, is the same account.
    sign_out(browser).await;
    let renamed = MockUser::verified("sub-lea-42", "lea.martin@ailleurs.fr", "Léa M.");
    let response = sign_in_through_provider(browser, &provider, &renamed, false).await;
    assert_eq!(response.status(), 303);
    let (status, html) = browser.page("/compte").await;
    assert_eq!(status, 200);
    assert!(html.contains("Lea@idp-exemple.fr"), "same account");
    assert_eq!(user_count(&app).await, before + 1, "no new account");
    assert_eq!(identities_of(&app, created.id).await.len(), 1);
}

#[tokio::test]
async fn a_verified_address_is_linked_to_the_existing_password_account() {
    let (app, provider) = app_with_provider().await;
    let hash = password::hash(PASSWORD.into()).await.unwrap();
    let marie = users::create(
        &app.state.db,
        users::NewUser {
            email: "marie@asso-exemple.fr",
            display_name: "Marie Curie",
            password_hash: Some(hash),
            verified: true,
            lang: Lang::Fr,
        },
    )
    .await
    .unwrap();
    let before = user_count(&app).await;
    let browser = app.browser();
    let response = sign_in_through_provider(
        browser,
        &provider,
        &MockUser::verified("sub-marie", "MARIE@asso-exemple.fr", "M. Curie"),
        false,
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(browser.get("/compte").await.status(), 200);
    assert_eq!(user_count(&app).await, before, "linked, not duplicated");
    let identities = identities_of(&app, marie.id).await;
    assert_eq!(identities.len(), 1);
    assert_eq!(identities[0].subject, "sub-marie");
    let marie = users::find_by_email(&app.state.db, "marie@asso-exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(marie.display_name, "Marie Curie", "the profile is kept");
    // The password still works too.
    let other = app.new_browser();
    let csrf = other.csrf_token("/connexion").await;
    let response = other
        .post_form(
            "/connexion",
            &[
                ("_csrf", &csrf),
                ("email", "marie@asso-exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(other.get("/compte").await.status(), 200);
}

#[tokio::test]
async fn an_unverified_account_is_taken_over_by_the_proven_owner_of_its_address() {
    let (app, provider) = app_with_provider().await;
    // Someone signs up with an address that is not theirs and never verifies it.
    let squatter = app.new_browser();
    let csrf = squatter.csrf_token("/inscription").await;
    let response = squatter
        .post_form(
            "/inscription",
            &[
                ("_csrf", &csrf),
                ("display_name", "Squatteur"),
                ("email", "victime@asso-exemple.fr"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let squatted = users::find_by_email(&app.state.db, "victime@asso-exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(squatted.verified_at.is_none());
    let before = user_count(&app).await;

    // The owner of the address signs in through a provider that vouches for it.
    let browser = app.browser();
    let response = sign_in_through_provider(
        browser,
        &provider,
        &MockUser::verified("sub-victime", "victime@asso-exemple.fr", "Victime"),
        false,
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(browser.get("/compte").await.status(), 200);
    assert_eq!(user_count(&app).await, before, "the same row, claimed");
    let claimed = users::find_by_email(&app.state.db, "victime@asso-exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.id, squatted.id);
    assert!(claimed.verified_at.is_some());
    assert!(
        claimed.password_hash.is_none(),
        "the squatter's password is gone"
    );
    assert_eq!(identities_of(&app, claimed.id).await.len(), 1);
    let csrf = squatter.csrf_token("/connexion").await;
    let response = squatter
        .post_form(
            "/connexion",
            &[
                ("_csrf", &csrf),
                ("email", "victime@asso-exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "the squatter cannot sign in");
    assert_eq!(squatter.get("/compte").await.status(), 303);
}

#[tokio::test]
async fn an_address_the_provider_does_not_vouch_for_is_refused() {
    let (app, provider) = app_with_provider().await;
    let before = user_count(&app).await;
    let browser = app.browser();
    let response = sign_in_through_provider(
        browser,
        &provider,
        &MockUser::unverified("sub-x", "x@idp-exemple.fr", "X"),
        false,
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("oauth-email-unverified"))
    );
    assert_eq!(browser.get("/compte").await.status(), 303, "not signed in");
    assert_eq!(user_count(&app).await, before, "no account created");
    assert_eq!(
        oauth_identity::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_callback_that_does_not_match_the_request_is_refused() {
    let (app, provider) = app_with_provider().await;
    let browser = app.browser();
    let lea = MockUser::verified("sub-lea", "lea@idp-exemple.fr", "Léa");

    // A wrong state.
    let authorize = press_button(browser, &provider, false).await;
    let callback = approve(browser, &authorize, &lea).await;
    let mut url = url::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            if k == "state" {
                (k, "forged-state".to_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let response = browser.get_url(url.as_str()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("oauth-failed"))
    );
    assert_eq!(browser.get("/compte").await.status(), 303, "not signed in");
    // The pending request is used up: replaying the genuine callback fails too.
    let response = browser.get_url(&callback).await;
    assert_eq!(location(&response), "/connexion");
    assert_eq!(browser.get("/compte").await.status(), 303);

    // A callback in another browser (no pending request in its session).
    let authorize = press_button(browser, &provider, false).await;
    let callback = approve(browser, &authorize, &lea).await;
    let stranger = app.new_browser();
    let response = stranger.get_url(&callback).await;
    assert_eq!(location(&response), "/connexion");
    assert_eq!(stranger.get("/compte").await.status(), 303);

    // The person cancels at the provider.
    let authorize = press_button(browser, &provider, false).await;
    let state = url::Url::parse(&authorize)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let response = browser
        .get(&format!(
            "/auth/{PROVIDER}/retour?error=access_denied&state={state}"
        ))
        .await;
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("oauth-cancelled"))
    );
    assert!(
        users::find_by_email(&app.state.db, "lea@idp-exemple.fr")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_provider_is_linked_and_unlinked_from_the_account_page() {
    let (app, provider) = app_with_provider().await;
    let hash = password::hash(PASSWORD.into()).await.unwrap();
    let marie = users::create(
        &app.state.db,
        users::NewUser {
            email: "marie@asso-exemple.fr",
            display_name: "Marie",
            password_hash: Some(hash),
            verified: true,
            lang: Lang::Fr,
        },
    )
    .await
    .unwrap();
    let browser = app.browser();
    let csrf = browser.csrf_token("/connexion").await;
    let response = browser
        .post_form(
            "/connexion",
            &[
                ("_csrf", &csrf),
                ("email", "marie@asso-exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, html) = browser.page("/compte").await;
    assert_eq!(
        texts(&html, &format!("[data-testid=link-{PROVIDER}]")).len(),
        1,
        "a link button on the account page"
    );

    // The provider's address differs: linking does not depend on it.
    let response = sign_in_through_provider(
        browser,
        &provider,
        &MockUser::verified("sub-marie-pro", "m.curie@idp-exemple.fr", "Marie"),
        true,
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/compte");
    let (_, html) = browser.page("/compte").await;
    assert!(texts(&html, ".flash").contains(&fr("identity-linked")));
    assert_eq!(
        texts(&html, &format!("[data-testid=identity-{PROVIDER}] .meta")),
        vec!["(m.curie@idp-exemple.fr)"]
    );
    assert!(
        texts(&html, &format!("[data-testid=link-{PROVIDER}]")).is_empty(),
        "no second link button"
    );
    let identities = identities_of(&app, marie.id).await;
    assert_eq!(identities.len(), 1);
    assert_eq!(identities[0].subject, "sub-marie-pro");

    // Now that identity signs Marie in, from another browser.
    let other = app.new_browser();
    let response = sign_in_through_provider(
        &other,
        &provider,
        &MockUser::verified("sub-marie-pro", "m.curie@idp-exemple.fr", "Marie"),
        false,
    )
    .await;
    assert_eq!(response.status(), 303);
    let (status, html) = other.page("/compte").await;
    assert_eq!(status, 200);
    assert!(html.contains("marie@asso-exemple.fr"));

    // Someone else's identity cannot be linked.
    let paul = app.new_browser();
    let response = sign_in_through_provider(
        &paul,
        &provider,
        &MockUser::verified("sub-paul", "paul@idp-exemple.fr", "Paul"),
        false,
    )
    .await;
    assert_eq!(response.status(), 303);
    let response = sign_in_through_provider(
        &paul,
        &provider,
        &MockUser::verified("sub-marie-pro", "m.curie@idp-exemple.fr", "Marie"),
        true,
    )
    .await;
    assert_eq!(location(&response), "/compte");
    assert!(
        flashes(&paul, "/compte")
            .await
            .contains(&fr("identity-taken"))
    );
    assert_eq!(identities_of(&app, marie.id).await.len(), 1);

    // Marie has a password, so she may unlink.
    let csrf = browser.csrf_token("/compte").await;
    let unlink = format!("/compte/identites/{}/supprimer", identities[0].id);
    let response = browser.post_form(&unlink, &[("_csrf", &csrf)]).await;
    assert_eq!(response.status(), 303);
    assert!(
        flashes(browser, "/compte")
            .await
            .contains(&fr("identity-unlinked"))
    );
    assert!(identities_of(&app, marie.id).await.is_empty());

    // Paul's account only has its provider: unlinking it is refused.
    let paul_user = users::find_by_email(&app.state.db, "paul@idp-exemple.fr")
        .await
        .unwrap()
        .unwrap();
    let paul_identity = identities_of(&app, paul_user.id).await.remove(0);
    let csrf = paul.csrf_token("/compte").await;
    let response = paul
        .post_form(
            &format!("/compte/identites/{}/supprimer", paul_identity.id),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(
        flashes(&paul, "/compte")
            .await
            .contains(&fr("identity-last-way-in"))
    );
    assert_eq!(identities_of(&app, paul_user.id).await.len(), 1);
    // And nobody unlinks someone else's identity.
    let response = browser
        .post_form(
            &format!("/compte/identites/{}/supprimer", paul_identity.id),
            &[("_csrf", &browser.csrf_token("/compte").await)],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(identities_of(&app, paul_user.id).await.len(), 1);
}
