//! Accounts over HTTP against the real app: sign-up with a verification mail sent through
//! SMTP, sign-in and its rate limits, forgotten passwords, account settings, deletion,
//! CSRF and the session cookie.
mod support;

use carrefour::accounts::{password, users};
use carrefour::entities::{job, membership, partner, session, user, user_token};
use carrefour::web::Lang;
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::{Browser, TestApp, fixtures, link_in_mail, texts};

const PASSWORD: &str = "une phrase de passe solide";
const NEW_PASSWORD: &str = "une autre phrase, plus longue";

/// The French text of a message key; fails when the key has no translation.
fn fr(key: &str) -> String {
    let text = Lang::Fr.t(key);
    assert_ne!(text, key, "no French translation for {key}");
    text
}

/// The `Location` of a redirect.
fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location on a {} answer", response.status()))
        .to_str()
        .unwrap()
        .to_owned()
}

/// The path of an absolute link to the app.
fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

/// Texts of the flash messages on a page (which consumes them).
async fn flashes(browser: &Browser, path: &str) -> Vec<String> {
    let (_, html) = browser.page(path).await;
    texts(&html, ".flash")
}

async fn sign_up(browser: &Browser, name: &str, email: &str, pass: &str) -> reqwest::Response {
    let csrf = browser.csrf_token("/inscription").await;
    browser
        .post_form(
            "/inscription",
            &[
                ("_csrf", &csrf),
                ("display_name", name),
                ("email", email),
                ("password", pass),
                ("password_confirm", pass),
            ],
        )
        .await
}

async fn sign_in(browser: &Browser, email: &str, pass: &str) -> reqwest::Response {
    let csrf = browser.csrf_token("/connexion").await;
    browser
        .post_form(
            "/connexion",
            &[("_csrf", &csrf), ("email", email), ("password", pass)],
        )
        .await
}

/// Signs in and checks it worked.
async fn signed_in(browser: &Browser, email: &str, pass: &str) {
    let response = sign_in(browser, email, pass).await;
    assert_eq!(response.status(), 303, "sign-in of {email} failed");
}

/// True when the browser reaches `/compte` rather than being sent to sign in.
async fn is_signed_in(browser: &Browser) -> bool {
    let response = browser.get("/compte").await;
    match response.status().as_u16() {
        200 => true,
        303 => {
            assert!(location(&response).starts_with("/connexion"));
            false
        }
        other => panic!("/compte answered {other}"),
    }
}

/// A verified account with a password, created directly in the database.
async fn account(app: &TestApp, email: &str, name: &str) -> user::Model {
    let hash = password::hash(PASSWORD.into()).await.unwrap();
    users::create(
        &app.state.db,
        users::NewUser {
            email,
            display_name: name,
            password_hash: Some(hash),
            verified: true,
            lang: Lang::Fr,
        },
    )
    .await
    .unwrap()
}

async fn find_user(app: &TestApp, id: i64) -> user::Model {
    user::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// A POST of a form whose CSRF token comes from the page at `form_page`.
async fn submit(
    browser: &Browser,
    form_page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = browser.csrf_token(form_page).await;
    let mut all = vec![("_csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    browser.post_form(action, &all).await
}

#[tokio::test]
async fn sign_up_then_verify_through_the_mailed_link_then_sign_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = sign_up(
        browser,
        "Léa Martin",
        "Lea.Martin@asso-exemple.fr",
        PASSWORD,
    )
    .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(texts(&html, "[data-testid=signup-done]").len(), 1);

    let created = users::find_by_email(&app.state.db, "lea.martin@asso-exemple.fr")
        .await
        .unwrap()
        .expect("account created");
    assert_eq!(created.display_name, "Léa Martin");
    assert!(created.verified_at.is_none());
    assert!(
        created
            .password_hash
            .as_deref()
            .unwrap()
            .starts_with("$argon2id$")
    );

    let mail = app
        .wait_for_mail_to("Lea.Martin@asso-exemple.fr", "/inscription/verifier/")
        .await;
    assert_eq!(
        mail.to,
        ["Lea.Martin@asso-exemple.fr"],
        "envelope recipient"
    );
    assert!(mail.from.contains("carrefour.localhost"), "{}", mail.from);
    let link = link_in_mail(&mail.text(), "/inscription/verifier/");
    assert!(link.starts_with(&app.base), "{link}");

    // Until the link is followed, signing in is refused (see the unverified test).
    let response = browser.get(&path_of(&link)).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("verify-done"))
    );
    assert!(find_user(&app, created.id).await.verified_at.is_some());
    // The link works once.
    let response = browser.get(&path_of(&link)).await;
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("token-used"))
    );

    // /compte asks to sign in first, and comes back after.
    let response = browser.get("/compte").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion?suivant=%2Fcompte");
    let (_, html) = browser.page("/connexion?suivant=%2Fcompte").await;
    let csrf = support::extract_csrf(&html).unwrap();
    assert!(html.contains("value=\"/compte\""), "next kept in the form");
    let response = browser
        .post_form(
            "/connexion",
            &[
                ("_csrf", &csrf),
                ("email", "LEA.MARTIN@asso-exemple.fr"),
                ("password", PASSWORD),
                ("next", "/compte"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/compte");
    let (status, html) = browser.page("/compte").await;
    assert_eq!(status, 200);
    assert!(html.contains("Lea.Martin@asso-exemple.fr"));
    assert!(texts(&html, ".flash").contains(&fr("signin-welcome")));

    // Signing out ends the session.
    let csrf = browser.csrf_token("/compte").await;
    let response = browser.post_form("/deconnexion", &[("_csrf", &csrf)]).await;
    assert_eq!(response.status(), 303);
    assert!(!is_signed_in(browser).await);
}

#[tokio::test]
async fn signing_up_with_a_taken_address_answers_the_same_and_warns_the_owner() {
    let app = TestApp::spawn().await;
    let owner = account(&app, "marie@asso-exemple.fr", "Marie").await;
    let stranger = app.new_browser();
    let response = sign_up(&stranger, "Imposteur", "MARIE@asso-exemple.fr", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(texts(&html, "[data-testid=signup-done]").len(), 1);
    let mail = app
        .wait_for_mail_to("marie@asso-exemple.fr", "/mot-de-passe-oublie")
        .await;
    assert!(!mail.text().contains("/inscription/verifier/"));
    let unchanged = find_user(&app, owner.id).await;
    assert_eq!(unchanged.display_name, "Marie");
    assert_eq!(unchanged.password_hash, owner.password_hash);
}

#[tokio::test]
async fn wrong_password_and_unknown_address_get_the_same_answer() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    let browser = app.browser();
    let wrong = sign_in(browser, "marie@asso-exemple.fr", "pas le bon mot de passe").await;
    let unknown = sign_in(browser, "personne@asso-exemple.fr", PASSWORD).await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(unknown.status(), 422);
    let wrong = wrong.text().await.unwrap();
    let unknown = unknown.text().await.unwrap();
    assert_eq!(texts(&wrong, "#error-form"), vec![fr("signin-failed")]);
    assert_eq!(texts(&unknown, "#error-form"), vec![fr("signin-failed")]);
    assert!(
        wrong.contains("value=\"marie@asso-exemple.fr\""),
        "address kept"
    );
    assert!(
        !wrong.contains("pas le bon mot de passe"),
        "password not echoed"
    );
    assert!(!is_signed_in(browser).await);
}

#[tokio::test]
async fn unverified_accounts_cannot_sign_in_and_get_a_new_link() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    sign_up(browser, "Paul Durand", "paul@asso-exemple.fr", PASSWORD).await;
    let first = app.wait_for_mails("/inscription/verifier/", 1).await;
    let response = sign_in(browser, "paul@asso-exemple.fr", PASSWORD).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(texts(&html, "#error-form"), vec![fr("signin-unverified")]);
    assert!(!is_signed_in(browser).await);
    let both = app.wait_for_mails("/inscription/verifier/", 2).await;
    assert!(both.iter().all(|m| m.is_to("paul@asso-exemple.fr")));
    let old_link = link_in_mail(&first[0].text(), "/inscription/verifier/");
    let new_link = link_in_mail(&both[1].text(), "/inscription/verifier/");
    assert_ne!(old_link, new_link, "a fresh link");
    // At most three new links an hour; past that the message stays, without a mail.
    for _ in 2..=4 {
        let response = sign_in(browser, "paul@asso-exemple.fr", PASSWORD).await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert_eq!(texts(&html, "#error-form"), vec![fr("signin-unverified")]);
    }
    let queued = job::Entity::find()
        .filter(job::Column::Kind.eq("send_mail"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(queued, 4, "the sign-up mail and three new links");
    assert_eq!(
        app.wait_for_mails("/inscription/verifier/", 4).await.len(),
        4
    );
    let response = browser.get(&path_of(&new_link)).await;
    assert_eq!(response.status(), 303);
    signed_in(browser, "paul@asso-exemple.fr", PASSWORD).await;
    assert!(is_signed_in(browser).await);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_through_the_mailed_link() {
    let app = TestApp::spawn().await;
    let user = account(&app, "marie@asso-exemple.fr", "Marie").await;
    // Another browser where Marie is signed in: a reset ends every session.
    let elsewhere = app.new_browser();
    signed_in(&elsewhere, "marie@asso-exemple.fr", PASSWORD).await;

    let browser = app.browser();
    let response = submit(
        browser,
        "/mot-de-passe-oublie",
        "/mot-de-passe-oublie",
        &[("email", "Marie@asso-exemple.fr")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("reset-sent"))
    );
    let mail = app
        .wait_for_mail_to("marie@asso-exemple.fr", "/mot-de-passe/")
        .await;
    let link = path_of(&link_in_mail(&mail.text(), "/mot-de-passe/"));

    // An unknown address gets the same answer and no mail.
    let response = submit(
        browser,
        "/mot-de-passe-oublie",
        "/mot-de-passe-oublie",
        &[("email", "personne@asso-exemple.fr")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("reset-sent"))
    );

    // A typo does not burn the link.
    let response = submit(
        browser,
        &link,
        &link,
        &[
            ("password", NEW_PASSWORD),
            ("password_confirm", "autre chose encore"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-password_confirm"),
        vec![fr("password-mismatch")]
    );
    let response = submit(
        browser,
        &link,
        &link,
        &[
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/connexion");
    assert!(
        flashes(browser, "/connexion")
            .await
            .contains(&fr("reset-done"))
    );
    assert!(!is_signed_in(&elsewhere).await, "other sessions ended");
    assert_eq!(
        sign_in(browser, "marie@asso-exemple.fr", PASSWORD)
            .await
            .status(),
        422,
        "the old password is gone"
    );
    signed_in(browser, "marie@asso-exemple.fr", NEW_PASSWORD).await;

    // Second use of the link: refused, both to show the form and to submit it.
    let response = browser.get(&link).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/mot-de-passe-oublie");
    assert!(
        flashes(browser, "/mot-de-passe-oublie")
            .await
            .contains(&fr("token-used"))
    );
    let csrf = browser.csrf_token("/mot-de-passe-oublie").await;
    let response = browser
        .post_form(
            &link,
            &[
                ("_csrf", &csrf),
                ("password", "encore un autre mot de passe"),
                ("password_confirm", "encore un autre mot de passe"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/mot-de-passe-oublie");
    signed_in(&app.new_browser(), "marie@asso-exemple.fr", NEW_PASSWORD).await;

    // An expired link is refused.
    submit(
        browser,
        "/mot-de-passe-oublie",
        "/mot-de-passe-oublie",
        &[("email", "marie@asso-exemple.fr")],
    )
    .await;
    let mails = app.wait_for_mails("/mot-de-passe/", 2).await;
    let expired = path_of(&link_in_mail(&mails[1].text(), "/mot-de-passe/"));
    assert_ne!(expired, link);
    user_token::Entity::update_many()
        .col_expr(
            user_token::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .filter(user_token::Column::UserId.eq(user.id))
        .filter(user_token::Column::Purpose.eq("reset_password"))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(&app.state.db)
        .await
        .unwrap();
    let response = browser.get(&expired).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/mot-de-passe-oublie");
    assert!(
        flashes(browser, "/mot-de-passe-oublie")
            .await
            .contains(&fr("token-expired"))
    );
    let csrf = browser.csrf_token("/mot-de-passe-oublie").await;
    let response = browser
        .post_form(
            &expired,
            &[
                ("_csrf", &csrf),
                ("password", "encore un autre mot de passe"),
                ("password_confirm", "encore un autre mot de passe"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/mot-de-passe-oublie");
    signed_in(&app.new_browser(), "marie@asso-exemple.fr", NEW_PASSWORD).await;
}

#[tokio::test]
async fn changing_the_password_signs_out_the_other_sessions() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    let browser = app.browser();
    let other = app.new_browser();
    signed_in(browser, "marie@asso-exemple.fr", PASSWORD).await;
    signed_in(&other, "marie@asso-exemple.fr", PASSWORD).await;

    let response = submit(
        browser,
        "/compte",
        "/compte/mot-de-passe",
        &[
            ("current_password", "pas le bon mot de passe"),
            ("new_password", NEW_PASSWORD),
            ("new_password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-current_password"),
        vec![fr("password-wrong")]
    );
    assert!(is_signed_in(&other).await, "a refused change ends nothing");

    let response = submit(
        browser,
        "/compte",
        "/compte/mot-de-passe",
        &[
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("new_password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/compte");
    assert!(
        flashes(browser, "/compte")
            .await
            .contains(&fr("password-changed"))
    );
    assert!(is_signed_in(browser).await, "this browser stays signed in");
    assert!(!is_signed_in(&other).await, "the other one is signed out");
    assert_eq!(
        sign_in(&other, "marie@asso-exemple.fr", PASSWORD)
            .await
            .status(),
        422
    );
    signed_in(&other, "marie@asso-exemple.fr", NEW_PASSWORD).await;
}

#[tokio::test]
async fn a_new_address_takes_effect_once_confirmed_from_its_mailbox() {
    let app = TestApp::spawn().await;
    let user = account(&app, "marie@asso-exemple.fr", "Marie").await;
    account(&app, "paul@asso-exemple.fr", "Paul").await;
    let browser = app.browser();
    signed_in(browser, "marie@asso-exemple.fr", PASSWORD).await;

    // A wrong password: the message is next to it, the typed address is kept, and
    // nothing is said about whether that address has an account.
    let response = submit(
        browser,
        "/compte",
        "/compte/email",
        &[
            ("new_email", "paul@asso-exemple.fr"),
            ("current_password", "pas le bon mot de passe"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(texts(&html, "#error-new_email").is_empty());
    assert_eq!(
        texts(&html, "#error-email_password"),
        vec![fr("password-wrong")]
    );
    assert!(html.contains("value=\"paul@asso-exemple.fr\""));
    // With the right password, a taken address is refused next to the field; one's own
    // address is told apart.
    for (address, key) in [
        ("paul@asso-exemple.fr", "email-taken"),
        ("Marie@asso-exemple.fr", "email-same"),
    ] {
        let response = submit(
            browser,
            "/compte",
            "/compte/email",
            &[("new_email", address), ("current_password", PASSWORD)],
        )
        .await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert_eq!(texts(&html, "#error-new_email"), vec![fr(key)]);
    }

    let response = submit(
        browser,
        "/compte",
        "/compte/email",
        &[
            ("new_email", "marie.curie@nouvelle-asso.fr"),
            ("current_password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert!(
        flashes(browser, "/compte")
            .await
            .contains(&fr("email-change-sent"))
    );
    let mail = app
        .wait_for_mail_to("marie.curie@nouvelle-asso.fr", "/compte/email/")
        .await;
    assert_eq!(mail.to, ["marie.curie@nouvelle-asso.fr"]);
    assert_eq!(
        find_user(&app, user.id).await.email,
        "marie@asso-exemple.fr",
        "nothing changes before the link is followed"
    );
    let link = path_of(&link_in_mail(&mail.text(), "/compte/email/"));
    let response = browser.get(&link).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/compte");
    let (_, html) = browser.page("/compte").await;
    assert!(texts(&html, ".flash").contains(&fr("email-changed")));
    assert!(html.contains("marie.curie@nouvelle-asso.fr"));
    let changed = find_user(&app, user.id).await;
    assert_eq!(changed.email, "marie.curie@nouvelle-asso.fr");
    assert_eq!(changed.email_normalized, "marie.curie@nouvelle-asso.fr");

    let fresh = app.new_browser();
    assert_eq!(
        sign_in(&fresh, "marie@asso-exemple.fr", PASSWORD)
            .await
            .status(),
        422,
        "the old address no longer signs in"
    );
    signed_in(&fresh, "marie.curie@nouvelle-asso.fr", PASSWORD).await;
    // The link is single-use.
    let response = browser.get(&link).await;
    assert_eq!(location(&response), "/compte");
    assert!(
        flashes(browser, "/compte")
            .await
            .contains(&fr("token-used"))
    );
}

#[tokio::test]
async fn deleting_an_account_anonymises_it_and_ends_its_sessions() {
    let app = TestApp::spawn().await;
    let user = account(&app, "marie@asso-exemple.fr", "Marie Curie").await;
    let browser = app.browser();
    let other = app.new_browser();
    signed_in(browser, "marie@asso-exemple.fr", PASSWORD).await;
    signed_in(&other, "marie@asso-exemple.fr", PASSWORD).await;
    let sessions_of = || {
        session::Entity::find()
            .filter(session::Column::UserId.eq(user.id))
            .count(&app.state.db)
    };
    assert_eq!(sessions_of().await.unwrap(), 2);

    let response = submit(
        browser,
        "/compte",
        "/compte/supprimer",
        &[("confirmation", "quelqu-un@asso-exemple.fr")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-confirmation"),
        vec![fr("delete-confirmation-mismatch")]
    );

    let response = submit(
        browser,
        "/compte",
        "/compte/supprimer",
        &[("confirmation", "Marie@asso-exemple.fr")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
    assert!(flashes(browser, "/").await.contains(&fr("account-deleted")));
    let gone = find_user(&app, user.id).await;
    assert!(gone.deleted_at.is_some());
    assert!(gone.disabled);
    assert!(!gone.email.contains("marie"), "{}", gone.email);
    assert!(!gone.email_normalized.contains("marie"));
    assert!(
        !gone.display_name.contains("Marie"),
        "{}",
        gone.display_name
    );
    assert!(gone.password_hash.is_none());
    assert_eq!(sessions_of().await.unwrap(), 0, "sessions removed");
    assert!(!is_signed_in(browser).await);
    assert!(!is_signed_in(&other).await);
    assert_eq!(
        sign_in(&app.new_browser(), "marie@asso-exemple.fr", PASSWORD)
            .await
            .status(),
        422
    );
    assert!(
        users::find_by_email(&app.state.db, "marie@asso-exemple.fr")
            .await
            .unwrap()
            .is_none()
    );
}

async fn partner_with_admins(app: &TestApp, admins: &[i64]) -> partner::Model {
    let created = fixtures::partner(&app.state.db, "reseau-entraide", "active").await;
    for user_id in admins {
        add_member(app, created.id, *user_id, "admin").await;
    }
    created
}

async fn add_member(app: &TestApp, partner_id: i64, user_id: i64, role: &str) {
    fixtures::member(&app.state.db, partner_id, user_id, role).await;
}

#[tokio::test]
async fn the_last_admin_of_a_partner_cannot_delete_their_account() {
    let app = TestApp::spawn().await;
    let marie = account(&app, "marie@asso-exemple.fr", "Marie").await;
    let paul = account(&app, "paul@asso-exemple.fr", "Paul").await;
    let partner = partner_with_admins(&app, &[marie.id]).await;
    add_member(&app, partner.id, paul.id, "editor").await;
    let browser = app.browser();
    signed_in(browser, "marie@asso-exemple.fr", PASSWORD).await;
    let delete = || {
        submit(
            browser,
            "/compte",
            "/compte/supprimer",
            &[("confirmation", "marie@asso-exemple.fr")],
        )
    };
    let response = delete().await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-confirmation"),
        vec![fr("delete-last-admin")]
    );
    assert!(find_user(&app, marie.id).await.deleted_at.is_none());
    assert!(is_signed_in(browser).await);

    // Once someone else is admin too, Marie may leave.
    membership::Entity::update_many()
        .col_expr(
            membership::Column::Role,
            sea_orm::sea_query::Expr::value("admin"),
        )
        .filter(membership::Column::UserId.eq(paul.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    let response = delete().await;
    assert_eq!(response.status(), 303);
    assert!(find_user(&app, marie.id).await.deleted_at.is_some());
    let left = membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner.id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(left.len(), 1, "Marie's membership is gone");
    assert_eq!(left[0].user_id, paul.id);
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "/connexion",
            &[("email", "marie@asso-exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 403);
    let html = response.text().await.unwrap();
    assert!(
        texts(&html, "body")
            .join(" ")
            .contains(&fr("error-forbidden-csrf"))
    );
    let _ = browser.csrf_token("/connexion").await;
    for (path, fields) in [
        (
            "/connexion",
            vec![("email", "marie@asso-exemple.fr"), ("password", PASSWORD)],
        ),
        (
            "/inscription",
            vec![
                ("display_name", "Marie"),
                ("email", "autre@asso-exemple.fr"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        ),
        (
            "/mot-de-passe-oublie",
            vec![("email", "marie@asso-exemple.fr")],
        ),
    ] {
        let response = browser.post_form(path, &fields).await;
        assert_eq!(response.status(), 403, "{path} without a token");
        let mut forged = fields.clone();
        forged.push(("_csrf", "forged"));
        let response = browser.post_form(path, &forged).await;
        assert_eq!(response.status(), 403, "{path} with a forged token");
    }
    assert!(!is_signed_in(browser).await);
    // Signed in, the account forms want the token too.
    signed_in(browser, "marie@asso-exemple.fr", PASSWORD).await;
    let response = browser
        .post_form(
            "/compte/supprimer",
            &[("confirmation", "marie@asso-exemple.fr")],
        )
        .await;
    assert_eq!(response.status(), 403);
    let response = browser.post_form("/deconnexion", &[]).await;
    assert_eq!(response.status(), 403);
    assert!(is_signed_in(browser).await);
    assert!(
        users::find_by_email(&app.state.db, "autre@asso-exemple.fr")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn the_session_cookie_is_protected_and_renewed_at_sign_in() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    let browser = app.browser();
    let response = browser.get("/connexion").await;
    let set_cookie: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session_cookie = set_cookie
        .iter()
        .find(|c| c.starts_with("carrefour_session="))
        .expect("a session cookie");
    assert!(session_cookie.contains("HttpOnly"), "{session_cookie}");
    assert!(session_cookie.contains("SameSite=Lax"), "{session_cookie}");
    assert!(
        !session_cookie.contains("Secure"),
        "plain HTTP: {session_cookie}"
    );
    let csrf = support::extract_csrf(&response.text().await.unwrap()).unwrap();
    let before = browser.cookie("carrefour_session").expect("session id");

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
    let renewed = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("carrefour_session="))
        .expect("the session cookie is set again at sign-in");
    assert!(renewed.contains("HttpOnly") && renewed.contains("SameSite=Lax"));
    assert!(!renewed.contains("Secure"));
    let after = browser.cookie("carrefour_session").unwrap();
    assert_ne!(before, after, "a new session id at sign-in");
    assert!(is_signed_in(browser).await);

    // The id from before sign-in gives nothing to whoever planted or saw it.
    let planted = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = planted
        .get(app.url("/compte"))
        .header("cookie", format!("carrefour_session={before}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/connexion"));
    let response = planted
        .get(app.url("/compte"))
        .header("cookie", format!("carrefour_session={after}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "the new id is the signed-in session"
    );
}

#[tokio::test]
async fn the_eleventh_failed_sign_in_in_the_window_is_refused_with_429() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    account(&app, "paul@asso-exemple.fr", "Paul").await;
    let browser = app.browser();
    let csrf = browser.csrf_token("/connexion").await;
    let attempt = |email: &'static str, pass: &'static str| {
        let csrf = csrf.clone();
        async move {
            browser
                .post_form(
                    "/connexion",
                    &[("_csrf", &csrf), ("email", email), ("password", pass)],
                )
                .await
        }
    };
    for n in 1..=10 {
        let response = attempt("marie@asso-exemple.fr", "pas le bon mot de passe").await;
        assert_eq!(response.status(), 422, "attempt {n}");
    }
    let response = attempt("Marie@asso-exemple.fr", "pas le bon mot de passe").await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let html = response.text().await.unwrap();
    assert!(
        texts(&html, "body")
            .join(" ")
            .contains(&fr("error-too-many-requests-message")),
        "localised message"
    );
    // Even the right password waits for the window to pass.
    let response = attempt("marie@asso-exemple.fr", PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert!(!is_signed_in(browser).await);
    // Other accounts are not locked out.
    let response = attempt("paul@asso-exemple.fr", PASSWORD).await;
    assert_eq!(response.status(), 303);
}

#[tokio::test]
async fn forgotten_password_requests_are_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    let browser = app.browser();
    let csrf = browser.csrf_token("/mot-de-passe-oublie").await;
    for n in 1..=5 {
        let response = browser
            .post_form(
                "/mot-de-passe-oublie",
                &[("_csrf", &csrf), ("email", "marie@asso-exemple.fr")],
            )
            .await;
        assert_eq!(response.status(), 303, "request {n}");
    }
    let response = browser
        .post_form(
            "/mot-de-passe-oublie",
            &[("_csrf", &csrf), ("email", "MARIE@asso-exemple.fr")],
        )
        .await;
    assert_eq!(response.status(), 429);
    let html = response.text().await.unwrap();
    assert!(
        texts(&html, "body")
            .join(" ")
            .contains(&fr("error-too-many-requests-message"))
    );
    assert_eq!(app.wait_for_mails("/mot-de-passe/", 5).await.len(), 5);
    // Unknown addresses are limited the same way: nothing tells them apart.
    for _ in 1..=5 {
        let response = browser
            .post_form(
                "/mot-de-passe-oublie",
                &[("_csrf", &csrf), ("email", "personne@asso-exemple.fr")],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let response = browser
        .post_form(
            "/mot-de-passe-oublie",
            &[("_csrf", &csrf), ("email", "personne@asso-exemple.fr")],
        )
        .await;
    assert_eq!(response.status(), 429);
}

#[tokio::test]
async fn invalid_sign_up_input_is_explained_next_to_each_field_and_kept() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let csrf = browser.csrf_token("/inscription").await;
    let long_name = "N".repeat(121);
    let response = browser
        .post_form(
            "/inscription",
            &[
                ("_csrf", &csrf),
                ("display_name", &long_name),
                ("email", "pas-une-adresse"),
                ("password", "court"),
                ("password_confirm", "court"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-display_name"),
        vec![fr("field-too-long")]
    );
    assert_eq!(texts(&html, "#error-email"), vec![fr("email-invalid")]);
    assert_eq!(
        texts(&html, "#error-password"),
        vec![fr("password-too-short")]
    );
    assert!(
        html.contains(&format!("value=\"{long_name}\"")),
        "name kept"
    );
    assert!(html.contains("value=\"pas-une-adresse\""), "address kept");
    assert!(
        !html.contains("value=\"court\""),
        "passwords are not echoed"
    );

    let response = browser
        .post_form(
            "/inscription",
            &[
                ("_csrf", &csrf),
                ("display_name", "Léa Martin"),
                ("email", "lea@asso-exemple.fr"),
                ("password", PASSWORD),
                ("password_confirm", "une phrase de passe différente"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-password_confirm"),
        vec![fr("password-mismatch")]
    );
    assert!(texts(&html, "#error-display_name").is_empty());
    assert!(texts(&html, "#error-email").is_empty());
    assert!(html.contains("value=\"Léa Martin\""));
    assert!(html.contains("value=\"lea@asso-exemple.fr\""));
    assert!(
        users::find_by_email(&app.state.db, "lea@asso-exemple.fr")
            .await
            .unwrap()
            .is_none(),
        "nothing created"
    );
    assert!(app.mails().is_empty(), "no mail sent");
}

#[tokio::test]
async fn without_smtp_the_verification_mail_lands_in_the_outbox() {
    let app = TestApp::builder().file_outbox().spawn().await;
    assert!(app.smtp.is_none());
    let browser = app.browser();
    let response = sign_up(browser, "Léa Martin", "lea@asso-exemple.fr", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let mail = app.wait_for_mail("/inscription/verifier/").await;
    assert!(mail.contains("lea@asso-exemple.fr"));
    let written: Vec<_> = std::fs::read_dir(app.outbox())
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(written.len(), 1, "one .eml file in the outbox");
    let link = link_in_mail(&mail, "/inscription/verifier/");
    assert_eq!(browser.get(&path_of(&link)).await.status(), 303);
    signed_in(browser, "lea@asso-exemple.fr", PASSWORD).await;
}

#[tokio::test]
async fn reset_links_die_when_the_password_changes_and_ended_sessions_stay_ended() {
    let app = TestApp::spawn().await;
    account(&app, "marie@asso-exemple.fr", "Marie").await;
    let browser = app.browser();
    let response = submit(
        browser,
        "/mot-de-passe-oublie",
        "/mot-de-passe-oublie",
        &[("email", "marie@asso-exemple.fr")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let mail = app
        .wait_for_mail_to("marie@asso-exemple.fr", "/mot-de-passe/")
        .await;
    let link = path_of(&link_in_mail(&mail.text(), "/mot-de-passe/"));

    // Marie remembers her password and changes it from her account instead.
    signed_in(browser, "marie@asso-exemple.fr", PASSWORD).await;
    let response = submit(
        browser,
        "/compte",
        "/compte/mot-de-passe",
        &[
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("new_password_confirm", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let stale = app.new_browser().get(&link).await;
    assert_eq!(stale.status(), 303, "the old reset link no longer opens");

    // A session ended by the store is not written back by its next request.
    let other = app.new_browser();
    signed_in(&other, "marie@asso-exemple.fr", NEW_PASSWORD).await;
    carrefour::accounts::session_store::end_sessions_of(
        &app.state.db,
        find_user_id(&app).await,
        None,
    )
    .await
    .unwrap();
    other.page("/").await;
    assert!(!is_signed_in(&other).await);
    assert!(!is_signed_in(browser).await);
}

async fn find_user_id(app: &TestApp) -> i64 {
    users::find_by_email(&app.state.db, "marie@asso-exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn cookies_are_secure_when_the_hub_is_served_over_https() {
    let app = TestApp::builder()
        .configure(|s| s.server.public_url = "https://carrefour.example.org".into())
        .spawn()
        .await;
    let response = app.browser().get("/connexion").await;
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("carrefour_session="))
        .expect("a session cookie is set");
    assert!(session.contains("Secure"), "{session}");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
}
