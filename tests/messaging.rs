//! Messaging over HTTP against the real app, with every mail through the SMTP sink: the
//! relay journey (contact an unclaimed project, the holder answers by the signed link,
//! the sender sees it and is mailed, the holder claims the project), replies by mail
//! (`carrefour mail-in`), grouping of notifications with the state's clock, shared
//! inboxes, claims, trust limits, personal data, the API, and the authorization matrix
//! over every messaging route.
mod support;

use std::io::Write as _;
use std::process::{Command, Stdio};

use carrefour::entities::{
    conversation, conversation_participant, message, partner, project, project_attribution,
    project_claim, user,
};
use carrefour::web::Lang;
use chrono::{Duration, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use support::{Browser, Mail, TestApp, extract_csrf, fixtures, link_in_mail, texts};

const PASSWORD: &str = "mot de passe solide";
const HOLDER_ADDRESS: &str = "porteur@jardin-partage.example.org";

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

/// The path (and query) of an absolute link to the app.
fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

/// A verified account `email` and a browser signed in as it.
async fn person(app: &TestApp, email: &str, coordinator: bool) -> (user::Model, Browser) {
    let user = fixtures::user(&app.state.db, email, Some(PASSWORD), coordinator).await;
    // Named without the address, so that tests see where addresses would leak.
    let mut named: user::ActiveModel = user.into();
    named.display_name = Set(format!("Personne {}", email.split('@').next().unwrap()));
    let user = named.update(&app.state.db).await.unwrap();
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

/// Posts `fields` with the CSRF token of the form on `page`.
async fn submit(
    browser: &Browser,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = browser.csrf_token(page).await;
    let mut all = fields.to_vec();
    all.push(("_csrf", &csrf));
    browser.post_form(action, &all).await
}

/// A project listed by `partner_id` (an attribution without a source, as demo data has).
async fn listed_project(
    app: &TestApp,
    partner_id: i64,
    title: &str,
    contact: Option<&str>,
) -> project::Model {
    let db = &app.state.db;
    let now = Utc::now();
    let slug = carrefour::web::slug::slugify(title, 80);
    let p = project::ActiveModel {
        slug: Set(slug.clone()),
        title: Set(title.into()),
        summary: Set("Un jardin ouvert au quartier.".into()),
        description_html: Set("<p>La description des partenaires.</p>".into()),
        holder_name: Set(Some("Association Terre Vive".into())),
        contact_email: Set(contact.map(str::to_owned)),
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
        project_id: Set(p.id),
        partner_id: Set(partner_id),
        original_url: Set(format!("https://partenaire.example.org/projets/{slug}")),
        partner_tags: Set("[]".into()),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    p
}

fn project_page(p: &project::Model) -> String {
    format!("/projets/{}-{}", p.id, p.slug)
}

/// Makes `user_id` an approved holder of `project_id`.
async fn holder_of(app: &TestApp, project_id: i64, user_id: i64) {
    fixtures::holder(&app.state.db, project_id, user_id).await;
}

/// Starts a conversation through the web form; returns its id.
async fn start(browser: &Browser, form_path: &str, subject: &str, body: &str) -> i64 {
    let response = submit(
        browser,
        form_path,
        form_path,
        &[("subject", subject), ("body", body)],
    )
    .await;
    assert_eq!(
        response.status(),
        303,
        "conversation started from {form_path}"
    );
    let to = location(&response);
    to.trim_start_matches("/messages/").parse().unwrap()
}

async fn reply(browser: &Browser, id: i64, body: &str) -> reqwest::Response {
    let thread = format!("/messages/{id}");
    submit(
        browser,
        &thread,
        &format!("{thread}/repondre"),
        &[("body", body)],
    )
    .await
}

/// The bodies of a thread's messages as `browser` sees them.
async fn bodies(browser: &Browser, path: &str) -> Vec<String> {
    let (status, html) = browser.page(path).await;
    assert_eq!(status, 200, "{path}");
    texts(&html, "[data-testid=message-body]")
}

/// The text a person reads on a page (entities decoded, whitespace collapsed).
fn visible(html: &str) -> String {
    texts(html, "body").join(" ")
}

/// The header `name` of a raw mail (unfolded).
fn header(mail: &Mail, name: &str) -> String {
    let prefix = format!("{name}: ");
    let head = mail.data.split("\r\n\r\n").next().unwrap_or_default();
    head.split("\r\n")
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {name} header in {}", mail.data))
        .trim()
        .to_owned()
}

fn mails_to(app: &TestApp, address: &str) -> Vec<Mail> {
    app.mails()
        .into_iter()
        .filter(|m| m.is_to(address))
        .collect()
}

/// Waits for the mail jobs of the moment to be delivered.
async fn settle(app: &TestApp) {
    use carrefour::entities::job;
    for _ in 0..250 {
        let busy = job::Entity::find()
            .filter(job::Column::Status.is_in(["queued", "running"]))
            .filter(job::Column::Kind.is_in(["send_mail", "notify_participant"]))
            .filter(job::Column::RunAt.lte(Utc::now()))
            .count(&app.state.db)
            .await
            .unwrap();
        if busy == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("mail jobs did not settle");
}

#[tokio::test]
async fn an_unclaimed_project_s_holder_answers_by_the_relay_link_and_claims_it() {
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let garden = listed_project(
        &app,
        alpha.id,
        "Jardin partagé des Lilas",
        Some(HOLDER_ADDRESS),
    )
    .await;
    let (visitor, browser) = person(&app, "lea@exemple.fr", false).await;

    // The project page offers to contact its holder, whose address it never shows.
    let (_, html) = browser.page(&project_page(&garden)).await;
    assert!(!html.contains(HOLDER_ADDRESS));
    assert_eq!(
        support::attribute(&html, "[data-testid=project-contact]", "data-reach"),
        "relay"
    );
    let form = format!("/messages/nouveau/projet/{}", garden.id);
    let (_, html) = browser.page(&form).await;
    assert_eq!(
        support::attribute(&html, "[data-testid=reach]", "data-reach"),
        "relay"
    );
    let id = start(
        &browser,
        &form,
        "Visite du jardin",
        "Bonjour, pouvons-nous visiter le jardin samedi ?",
    )
    .await;

    // The relayed mail says who listed the project and why, hides the sender's address
    // and carries a link valid for this thread only.
    let relayed = app
        .wait_for_mail_to(HOLDER_ADDRESS, "pouvons-nous visiter")
        .await;
    let text = relayed.text();
    assert!(text.contains("Partenaire alpha"), "{text}");
    assert!(
        text.contains("https://partenaire.example.org/projets/jardin-partage-des-lilas"),
        "{text}"
    );
    assert!(text.contains(&fr("mail-relay-why")), "{text}");
    assert!(
        !text.contains(&visitor.email),
        "the sender's address leaked: {text}"
    );
    let relay = path_of(&link_in_mail(&text, "/relais/"));
    assert!(header(&relayed, "Reply-To").starts_with("reponse+"));

    // The holder opens it with no account: the thread, and nobody signed in.
    let holder = app.new_browser();
    let page = holder.get(&relay).await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let html = page.text().await.unwrap();
    assert!(html.contains("pouvons-nous visiter le jardin samedi"));
    assert!(
        html.contains("data-testid=\"sign-in\""),
        "a relay link never signs in"
    );
    assert_eq!(
        holder.get(&format!("/messages/{id}")).await.status(),
        303,
        "sign-in asked"
    );
    let csrf = extract_csrf(&html).unwrap();
    let answered = holder
        .post_form(
            &format!("{relay}/repondre"),
            &[("_csrf", &csrf), ("body", "Avec plaisir, venez à 10 h.")],
        )
        .await;
    assert_eq!(answered.status(), 303);

    // The sender is mailed, sees the answer, and the header counted it unread first.
    app.wait_for_mail_to(&visitor.email, "Avec plaisir, venez à 10 h.")
        .await;
    let (_, home) = browser.page("/").await;
    assert_eq!(texts(&home, "[data-testid=unread-count]"), ["1"]);
    let seen = bodies(&browser, &format!("/messages/{id}")).await;
    assert_eq!(
        seen,
        [
            "Bonjour, pouvons-nous visiter le jardin samedi ?",
            "Avec plaisir, venez à 10 h."
        ]
    );
    let (_, home) = browser.page("/").await;
    assert!(
        texts(&home, "[data-testid=unread-count]").is_empty(),
        "read now"
    );

    // The holder claims the project from the relay link, once signed in.
    let (owner, holder) = person(&app, "camille@terre-vive.example.org", false).await;
    let claim_page = format!("{relay}/revendiquer");
    let claimed = submit(&holder, &claim_page, &claim_page, &[]).await;
    assert_eq!(claimed.status(), 303);
    assert_eq!(location(&claimed), format!("/messages/{id}"));
    let (_, html) = holder.page(&project_page(&garden)).await;
    assert_eq!(
        texts(&html, "[data-testid=claimed]"),
        [fr("project-claimed")]
    );
    assert_eq!(
        bodies(&holder, &format!("/messages/{id}")).await.len(),
        2,
        "the relayed thread is now the holder's own"
    );
    assert_eq!(
        app.get(&relay).await.status(),
        410,
        "the relay link stopped working"
    );

    // From now on the sender's messages go to the holder's inbox, mailed to the account
    // (once the quarter of an hour since the relayed mail is over).
    assert_eq!(reply(&browser, id, "Merci, à samedi !").await.status(), 303);
    app.state.clock.set(Utc::now() + Duration::minutes(16));
    carrefour::messaging::notify::deliver_due(&app.state)
        .await
        .unwrap();
    app.wait_for_mail_to(&owner.email, "Merci, à samedi !")
        .await;
    settle(&app).await;
    assert_eq!(
        mails_to(&app, HOLDER_ADDRESS).len(),
        1,
        "nothing more is relayed"
    );
}

/// Runs `carrefour mail-in` on `raw` against the app's database.
fn mail_in(app: &TestApp, raw: &str) -> String {
    let database = app
        .settings
        .database
        .url
        .as_ref()
        .map(|url| url.expose().to_owned());
    let (status, stderr) = run_mail_in(app, database.as_deref(), raw);
    assert!(status.success(), "mail-in failed: {stderr}");
    stderr
}

/// Runs `carrefour mail-in` with the app's settings but the database at `database`
/// (the app's SQLite file when `None`); returns its exit status and standard error.
fn run_mail_in(
    app: &TestApp,
    database: Option<&str>,
    raw: &str,
) -> (std::process::ExitStatus, String) {
    let dir = tempfile::tempdir().unwrap();
    let database = match database {
        Some(url) => format!("[database]\nurl = \"{url}\"\n"),
        None => String::new(),
    };
    let config = dir.path().join("carrefour.toml");
    std::fs::write(
        &config,
        format!(
            "{database}[server]\ndata_dir = \"{}\"\npublic_url = \"{}\"\n[demo]\nenabled = false\n",
            app.settings.server.data_dir.display(),
            app.settings.server.public_url
        ),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_carrefour"))
        .arg("--config")
        .arg(&config)
        .arg("mail-in")
        .env_remove("DATABASE_URL")
        .env_remove("ORIGINAL_RECIPIENT")
        .env_remove("SENDER")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(raw.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn mail_in_asks_the_mail_server_to_retry_when_the_database_is_down() {
    let app = TestApp::spawn().await;
    let reply = multipart_reply(
        HOLDER_ADDRESS,
        "reponse+inconnu@carrefour.localhost",
        "Oui, samedi.",
    );
    // Nothing listens on port 1 of the loopback: the database cannot be reached.
    let (status, stderr) = run_mail_in(&app, Some("postgres://carrefour@127.0.0.1:1/hub"), &reply);
    assert_eq!(status.code(), Some(75), "EX_TEMPFAIL: {stderr}");
    assert!(stderr.contains("temporary failure"), "{stderr}");
    // Input that is no mail will never be accepted: a permanent failure.
    let database = app
        .settings
        .database
        .url
        .as_ref()
        .map(|url| url.expose().to_owned());
    let (status, stderr) = run_mail_in(&app, database.as_deref(), "");
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not a mail message"), "{stderr}");
}

/// A reply as a mail program writes it: text and HTML alternatives, both quoting the
/// notification under an attribution line, and a signature.
fn multipart_reply(from: &str, to: &str, text: &str) -> String {
    format!(
        "Return-Path: <{from}>\r\n\
         From: Camille <{from}>\r\n\
         To: Carrefour <{to}>\r\n\
         Subject: Re: [Carrefour] Message au sujet de votre projet\r\n\
         Date: Thu, 03 Dec 2026 10:12:00 +0100\r\n\
         Message-ID: <reply-1@terre-vive.example.org>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
         \r\n\
         --b1\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         \r\n\
         {text}\r\n\
         \r\n\
         --=20\r\n\
         Camille, Terre Vive\r\n\
         \r\n\
         Le jeu. 3 d=C3=A9c. 2026 =C3=A0 09:00, Carrefour <{to}> a =C3=A9crit :\r\n\
         > Bonjour, pouvons-nous visiter le jardin samedi ?\r\n\
         --b1\r\n\
         Content-Type: text/html; charset=utf-8\r\n\
         \r\n\
         <div>{text}</div><div class=\"gmail_quote\">Le jeu. 3 d&eacute;c. 2026, Carrefour a &eacute;crit :<blockquote>Bonjour, pouvons-nous visiter le jardin samedi ?</blockquote></div>\r\n\
         --b1--\r\n"
    )
}

#[tokio::test]
async fn a_mailed_reply_joins_the_thread_and_a_forged_address_bounces() {
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let garden = listed_project(
        &app,
        alpha.id,
        "Jardin partagé des Lilas",
        Some(HOLDER_ADDRESS),
    )
    .await;
    let (visitor, browser) = person(&app, "lea@exemple.fr", false).await;
    let id = start(
        &browser,
        &format!("/messages/nouveau/projet/{}", garden.id),
        "Visite du jardin",
        "Bonjour, pouvons-nous visiter le jardin samedi ?",
    )
    .await;
    let relayed = app
        .wait_for_mail_to(HOLDER_ADDRESS, "pouvons-nous visiter")
        .await;
    let reply_to = header(&relayed, "Reply-To");

    let said = mail_in(
        &app,
        &multipart_reply(
            HOLDER_ADDRESS,
            &reply_to,
            "Oui, samedi =C3=A0 10 h, avec plaisir.",
        ),
    );
    assert!(said.contains("reply added"), "{said}");
    let stored = message::Entity::find()
        .filter(message::Column::ConversationId.eq(id))
        .order_by_desc(message::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.body, "Oui, samedi à 10 h, avec plaisir.",
        "quoted text and signature cut"
    );
    assert_eq!(
        (stored.via.as_str(), stored.format.as_str()),
        ("mail", "text")
    );
    app.wait_for_mail_to(&visitor.email, "Oui, samedi à 10 h, avec plaisir.")
        .await;
    assert_eq!(
        bodies(&browser, &format!("/messages/{id}"))
            .await
            .last()
            .unwrap(),
        "Oui, samedi à 10 h, avec plaisir."
    );

    // A forged address: a clear bounce to the sender, and no message.
    let forged = format!(
        "reponse+{}@carrefour.localhost",
        "0123456789abcdef".repeat(3).get(..40).unwrap()
    );
    let said = mail_in(
        &app,
        &multipart_reply("intrus@exemple.fr", &forged, "Je m'invite."),
    );
    assert!(said.contains("bounce sent to intrus@exemple.fr"), "{said}");
    let bounce = app
        .wait_for_mail_to("intrus@exemple.fr", &fr("mail-in-bounce-unknown"))
        .await;
    assert!(bounce.text().contains(&fr("mail-bounce-nothing-sent")));
    // An expired one says so.
    carrefour::entities::messaging_token::Entity::update_many()
        .col_expr(
            carrefour::entities::messaging_token::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::days(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    let said = mail_in(
        &app,
        &multipart_reply(HOLDER_ADDRESS, &reply_to, "Encore moi."),
    );
    assert!(said.contains("bounce sent"), "{said}");
    app.wait_for_mail_to(HOLDER_ADDRESS, &fr("mail-in-bounce-expired"))
        .await;
    let count = message::Entity::find()
        .filter(message::Column::ConversationId.eq(id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(count, 2, "refused replies never create a message");
    // An automatic answer is dropped without a bounce (no mail loop).
    let auto = multipart_reply(HOLDER_ADDRESS, &reply_to, "Je suis absent.").replace(
        "MIME-Version: 1.0\r\n",
        "MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\n",
    );
    assert!(mail_in(&app, &auto).contains("ignored"));
}

#[tokio::test]
async fn notifications_are_grouped_by_quarter_hour_and_held_while_reading() {
    use carrefour::messaging::notify;
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let garden = listed_project(
        &app,
        alpha.id,
        "Jardin partagé des Lilas",
        Some(HOLDER_ADDRESS),
    )
    .await;
    let (owner, holder) = person(&app, "camille@terre-vive.example.org", false).await;
    holder_of(&app, garden.id, owner.id).await;
    let (_, visitor) = person(&app, "lea@exemple.fr", false).await;
    // A day long past: the upkeep the scheduler queues at start-up runs on the real clock
    // and takes the real day's digest, so the test's days must never be today.
    let t0 = Utc.with_ymd_and_hms(2025, 6, 2, 10, 0, 0).unwrap();
    app.state.clock.set(t0);

    let id = start(
        &visitor,
        &format!("/messages/nouveau/projet/{}", garden.id),
        "Visite",
        "Premier message",
    )
    .await;
    app.wait_for_mail_to(&owner.email, "Premier message").await;

    // Five minutes later: no second mail within the quarter of an hour.
    app.state.clock.set(t0 + Duration::minutes(5));
    assert_eq!(reply(&visitor, id, "Deuxième message").await.status(), 303);
    settle(&app).await;
    assert_eq!(notify::deliver_due(&app.state).await.unwrap(), 0);
    assert_eq!(mails_to(&app, &owner.email).len(), 1);

    // Once the quarter is over, the waiting message goes out.
    app.state.clock.set(t0 + Duration::minutes(15));
    assert_eq!(notify::deliver_due(&app.state).await.unwrap(), 1);
    let grouped = app.wait_for_mails("Deuxième message", 1).await;
    assert!(
        !grouped[0].text().contains("Premier message"),
        "only what is new"
    );

    // While the holder has the thread open (it polls), nothing is mailed; what they read
    // there is never mailed afterwards.
    app.state.clock.set(t0 + Duration::minutes(40));
    let poll = format!("/messages/{id}/nouveaux?apres=0");
    assert_eq!(holder.get(&poll).await.status(), 200);
    assert_eq!(reply(&visitor, id, "Troisième message").await.status(), 303);
    settle(&app).await;
    assert_eq!(notify::deliver_due(&app.state).await.unwrap(), 0, "reading");
    let (_, fragment) = holder.page(&poll).await;
    assert!(
        fragment.contains("Troisième message"),
        "the open thread gets it"
    );
    app.state.clock.set(t0 + Duration::minutes(42));
    assert_eq!(
        notify::deliver_due(&app.state).await.unwrap(),
        0,
        "read on the page"
    );

    // Two minutes after the page last asked, the holder is no longer reading: mailed.
    assert_eq!(reply(&visitor, id, "Quatrième message").await.status(), 303);
    app.wait_for_mails("Quatrième message", 1).await;
    let row = holder_row(&app, id, owner.id).await;
    assert_eq!(
        notify::deliver(&app.state, row).await.unwrap(),
        notify::Outcome::Nothing
    );
    assert_eq!(mails_to(&app, &owner.email).len(), 3);

    // The daily digest: chosen on the preferences page, sent once a day from 06:00 UTC.
    let choices: Vec<(&str, &str)> = carrefour::notifications::KINDS
        .iter()
        .map(|k| {
            (
                k.code,
                if k.code == notify::KIND_MESSAGE {
                    "daily"
                } else {
                    "immediate"
                },
            )
        })
        .collect();
    let saved = submit(
        &holder,
        "/compte/notifications",
        "/compte/notifications",
        &choices,
    )
    .await;
    assert_eq!(saved.status(), 303);
    app.state.clock.set(t0 + Duration::hours(2));
    assert_eq!(reply(&visitor, id, "Cinquième message").await.status(), 303);
    settle(&app).await;
    assert_eq!(
        notify::deliver_due(&app.state).await.unwrap(),
        0,
        "kept for the digest"
    );
    app.state.clock.set(t0 + Duration::hours(20));
    assert_eq!(notify::send_digests(&app.state).await.unwrap(), 1);
    assert_eq!(
        notify::send_digests(&app.state).await.unwrap(),
        0,
        "once a day"
    );
    let digest = app
        .wait_for_mail_to(&owner.email, "Cinquième message")
        .await;
    assert!(support::subject(&digest.text()).contains("[Carrefour]"));
    assert_eq!(mails_to(&app, &owner.email).len(), 4);
}

async fn holder_row(app: &TestApp, conversation_id: i64, user_id: i64) -> i64 {
    conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(conversation_id))
        .filter(conversation_participant::Column::UserId.eq(user_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_partner_inbox_assigns_a_conversation_to_a_member_and_closes_it() {
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let without_address = listed_project(&app, alpha.id, "Épicerie solidaire du Port", None).await;
    let (admin, admin_browser) = person(&app, "admin@alpha.fr", false).await;
    let (editor, _) = person(&app, "editor@alpha.fr", false).await;
    let (member, member_browser) = person(&app, "member@alpha.fr", false).await;
    for (u, role) in [(&admin, "admin"), (&editor, "editor"), (&member, "member")] {
        fixtures::member(&app.state.db, alpha.id, u.id, role).await;
    }
    let (visitor, browser) = person(&app, "lea@exemple.fr", false).await;

    // No address known: the project's partners receive it, their admins and editors mailed.
    let form = format!("/messages/nouveau/projet/{}", without_address.id);
    let (_, html) = browser.page(&form).await;
    assert_eq!(
        support::attribute(&html, "[data-testid=reach]", "data-reach"),
        "partners"
    );
    let id = start(
        &browser,
        &form,
        "Bénévolat",
        "Je voudrais aider à l'épicerie.",
    )
    .await;
    app.wait_for_mail_to(&admin.email, "aider à l'épicerie")
        .await;
    app.wait_for_mail_to(&editor.email, "aider à l'épicerie")
        .await;
    settle(&app).await;
    assert!(mails_to(&app, &member.email).is_empty());
    assert_eq!(
        member_browser
            .get(&format!("/messages/{id}"))
            .await
            .status(),
        404
    );

    let (status, html) = admin_browser.page("/p/alpha/messages").await;
    assert_eq!(status, 200);
    assert_eq!(
        support::attribute(&html, "[data-testid=inbox-row]", "data-conversation"),
        id.to_string()
    );
    let assign = format!("/p/alpha/messages/{id}/attribuer");
    let user_id = member.id.to_string();
    let assigned = submit(
        &admin_browser,
        &format!("/messages/{id}"),
        &assign,
        &[("user_id", &user_id)],
    )
    .await;
    assert_eq!(assigned.status(), 303);
    app.wait_for_mail_to(&member.email, "Bénévolat").await;

    // The member reads and answers for the partner; the sender sees who answered for whom.
    assert_eq!(
        reply(&member_browser, id, "Bienvenue ! Passez mardi.")
            .await
            .status(),
        303
    );
    app.wait_for_mail_to(&visitor.email, "Bienvenue ! Passez mardi.")
        .await;
    let (_, html) = browser.page(&format!("/messages/{id}")).await;
    assert!(texts(&html, ".message-meta .meta").contains(&"pour Partenaire alpha".to_owned()));

    // Assigned: the sender's next message goes to the member only.
    let admin_mails = mails_to(&app, &admin.email).len();
    assert_eq!(reply(&browser, id, "Mardi, parfait.").await.status(), 303);
    app.state.clock.set(Utc::now() + Duration::minutes(16));
    carrefour::messaging::notify::deliver_due(&app.state)
        .await
        .unwrap();
    app.wait_for_mail_to(&member.email, "Mardi, parfait.").await;
    settle(&app).await;
    assert_eq!(
        mails_to(&app, &admin.email).len(),
        admin_mails,
        "the admin is not mailed"
    );

    // The member marks it done; a new message from the sender opens it again.
    let done = submit(
        &member_browser,
        &format!("/messages/{id}"),
        &format!("/p/alpha/messages/{id}/traiter"),
        &[],
    )
    .await;
    assert_eq!(done.status(), 303);
    let (_, html) = admin_browser
        .page("/p/alpha/messages?statut=traitees")
        .await;
    assert!(html.contains("Bénévolat"));
    assert_eq!(
        reply(&browser, id, "Une dernière question.").await.status(),
        303
    );
    let (_, html) = admin_browser.page("/p/alpha/messages").await;
    assert!(html.contains("Bénévolat"), "open again");
    // A plain member who is not assigned cannot assign or close.
    let (other, other_browser) = person(&app, "autre@alpha.fr", false).await;
    fixtures::member(&app.state.db, alpha.id, other.id, "member").await;
    let refused = submit(
        &other_browser,
        "/messages",
        &format!("/p/alpha/messages/{id}/traiter"),
        &[],
    )
    .await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn a_claim_is_requested_approved_used_and_revoked() {
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let garden = listed_project(
        &app,
        alpha.id,
        "Jardin partagé des Lilas",
        Some(HOLDER_ADDRESS),
    )
    .await;
    let (admin, admin_browser) = person(&app, "admin@alpha.fr", false).await;
    fixtures::member(&app.state.db, alpha.id, admin.id, "admin").await;
    let (claimant, browser) = person(&app, "camille@terre-vive.example.org", false).await;
    let claim_page = format!("/projets/{}/revendiquer", garden.id);

    // A request: the partner's admin is told and approves it.
    let short = submit(
        &browser,
        &claim_page,
        &format!("{claim_page}/demande"),
        &[("message", "Moi")],
    )
    .await;
    assert_eq!(short.status(), 422);
    let asked = submit(
        &browser,
        &claim_page,
        &format!("{claim_page}/demande"),
        &[("message", "Je coordonne le jardin depuis 2019.")],
    )
    .await;
    assert_eq!(asked.status(), 303);
    app.wait_for_mail_to(&admin.email, "Je coordonne le jardin depuis 2019.")
        .await;
    let (_, html) = admin_browser.page("/p/alpha/revendications").await;
    let claim_id = support::attribute(&html, "[data-testid=pending-claim]", "data-claim");
    let decided = submit(
        &admin_browser,
        "/p/alpha/revendications",
        &format!("/p/alpha/revendications/{claim_id}"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(decided.status(), 303);
    app.wait_for_mail_to(&claimant.email, "Jardin partagé des Lilas")
        .await;

    // The holder corrects the page; the partners' listing stays as it was.
    let (_, html) = browser.page(&project_page(&garden)).await;
    assert_eq!(
        texts(&html, "[data-testid=claimed]"),
        [fr("project-claimed")]
    );
    let edit = format!("/projets/{}/porteur", garden.id);
    let bad = submit(
        &browser,
        &edit,
        &edit,
        &[
            ("summary", "Nouveau résumé"),
            ("description", ""),
            ("website", "pas une adresse"),
            ("contactable", "1"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(html.contains("Nouveau résumé"), "the typed values are kept");
    let saved = submit(
        &browser,
        &edit,
        &edit,
        &[
            ("summary", "Le jardin des voisins, ouvert le samedi."),
            ("description", "**Nouveau** : des ateliers chaque mois."),
            ("website", "https://jardin.example.org"),
            ("contactable", "1"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let (_, html) = app.page(&project_page(&garden)).await;
    assert!(html.contains("Le jardin des voisins, ouvert le samedi."));
    assert!(html.contains("<strong>Nouveau</strong>"));
    assert!(visible(&html).contains(&fr("project-contact-corrected")));
    let stored = project::Entity::find_by_id(garden.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.description_html, "<p>La description des partenaires.</p>",
        "the partners' record is kept"
    );
    // Search, the API and the project's history give what the holders wrote.
    support::wait_indexed(&app.state).await;
    let found: serde_json::Value = app
        .get("/api/v1/projects?q=ateliers")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["items"][0]["id"], garden.id);
    assert_eq!(
        found["items"][0]["summary"],
        "Le jardin des voisins, ouvert le samedi."
    );
    assert_eq!(found["items"][0]["website"], "https://jardin.example.org");
    let (_, html) = app.page(&project_page(&garden)).await;
    assert!(
        html.contains("data-cause=\"corrected\""),
        "the history shows the correction"
    );

    // Messages now reach the holder's inbox; holders can decline being contacted.
    let (_, visitor) = person(&app, "lea@exemple.fr", false).await;
    let (_, html) = visitor
        .page(&format!("/messages/nouveau/projet/{}", garden.id))
        .await;
    assert_eq!(
        support::attribute(&html, "[data-testid=reach]", "data-reach"),
        "holders"
    );
    let declined = submit(
        &browser,
        &edit,
        &edit,
        &[
            ("summary", ""),
            ("description", ""),
            ("website", ""),
            ("contactable", ""),
        ],
    )
    .await;
    assert_eq!(declined.status(), 303);
    let (_, html) = visitor.page(&project_page(&garden)).await;
    assert!(visible(&html).contains(&fr("project-contact-declined")));
    let refused = submit(
        &visitor,
        &format!("/messages/nouveau/projet/{}", garden.id),
        &format!("/messages/nouveau/projet/{}", garden.id),
        &[("subject", "Bonjour"), ("body", "Une question")],
    )
    .await;
    assert_eq!(refused.status(), 403);
    assert!(visible(&refused.text().await.unwrap()).contains(&fr("messaging-holders-declined")));

    // The partner revokes the claim, with a reason the holder is told.
    let (_, html) = admin_browser.page("/p/alpha/revendications").await;
    assert!(html.contains("camille@terre-vive.example.org"));
    let revoke = format!("/p/alpha/revendications/{claim_id}/retirer");
    let no_reason = submit(
        &admin_browser,
        "/p/alpha/revendications",
        &revoke,
        &[("reason", "")],
    )
    .await;
    assert_eq!(no_reason.status(), 422);
    let revoked = submit(
        &admin_browser,
        "/p/alpha/revendications",
        &revoke,
        &[("reason", "Ce compte n'est pas celui du jardin.")],
    )
    .await;
    assert_eq!(revoked.status(), 303);
    app.wait_for_mail_to(&claimant.email, "Ce compte n'est pas celui du jardin.")
        .await;
    let (_, html) = app.page(&project_page(&garden)).await;
    assert!(texts(&html, "[data-testid=claimed]").is_empty());
    // Nobody holds the project any more: the holder's choices and text are withdrawn.
    assert!(
        !visible(&html).contains(&fr("project-contact-declined")),
        "the holder's refusal to be contacted went with the claim"
    );
    let corrections = carrefour::entities::project_revision::Entity::find()
        .filter(carrefour::entities::project_revision::Column::ProjectId.eq(garden.id))
        .filter(carrefour::entities::project_revision::Column::Cause.eq("corrected"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(corrections, 2, "corrected, then emptied by the holder");

    // Claiming again by the contact address: only the account that asked may confirm.
    let sent = submit(&browser, &claim_page, &format!("{claim_page}/adresse"), &[]).await;
    assert_eq!(sent.status(), 303);
    let mail = app
        .wait_for_mail_to(HOLDER_ADDRESS, "/revendication/")
        .await;
    let link = path_of(&link_in_mail(&mail.text(), "/revendication/"));
    let (_, html) = visitor.page(&link).await;
    assert!(html.contains("data-testid=\"other-account\""));
    let stolen = submit(&visitor, &link, &link, &[]).await;
    assert_eq!(stolen.status(), 403);
    let confirmed = submit(&browser, &link, &link, &[]).await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(
        app.get(&link).await.status(),
        303,
        "signed out: sign in first"
    );
    assert_eq!(browser.get(&link).await.status(), 410, "used once");
    let holders = project_claim::Entity::find()
        .filter(project_claim::Column::ProjectId.eq(garden.id))
        .filter(project_claim::Column::Status.eq("approved"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(holders, 1);
}

#[tokio::test]
async fn limits_review_reports_and_blocks_answer_clearly() {
    let app = TestApp::builder()
        .configure(|s| {
            s.messaging.conversations_per_day = 3;
            s.messaging.conversations_per_recipient_per_week = 2;
        })
        .spawn()
        .await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let beta = fixtures::partner(&app.state.db, "beta", "active").await;
    let (admin, admin_browser) = person(&app, "admin@alpha.fr", false).await;
    fixtures::member(&app.state.db, alpha.id, admin.id, "admin").await;
    let (_, coordinator) = person(&app, "coord@collectif.fr", true).await;
    let to_alpha = "/messages/nouveau/partenaire/alpha";

    // Unverified (an account whose address must be proven again): told to verify, with
    // a new link on request, and nothing is sent.
    let (unverified, fresh) = person(&app, "nouveau@exemple.fr", false).await;
    let mut row: user::ActiveModel = unverified.clone().into();
    row.verified_at = Set(None);
    row.update(&app.state.db).await.unwrap();
    let (_, html) = fresh.page(to_alpha).await;
    assert!(html.contains("data-testid=\"verify-first\""));
    let refused = submit(
        &fresh,
        to_alpha,
        to_alpha,
        &[("subject", "Bonjour"), ("body", "Un message")],
    )
    .await;
    assert_eq!(refused.status(), 403);
    let resent = submit(
        &fresh,
        to_alpha,
        "/messages/verification",
        &[("back", to_alpha)],
    )
    .await;
    assert_eq!(location(&resent), to_alpha);
    app.wait_for_mail_to(&unverified.email, "/inscription/verifier/")
        .await;

    // Per recipient, then per day: a clear message and the typed text kept.
    let (sender, browser) = person(&app, "lea@exemple.fr", false).await;
    start(&browser, to_alpha, "Première", "Un premier message").await;
    start(&browser, to_alpha, "Deuxième", "Un deuxième message").await;
    let third = submit(
        &browser,
        to_alpha,
        to_alpha,
        &[("subject", "Troisième"), ("body", "Encore un message")],
    )
    .await;
    assert_eq!(third.status(), 429);
    let html = third.text().await.unwrap();
    assert!(visible(&html).contains(&fr("messaging-limit-recipient")));
    assert!(html.contains("Encore un message"));
    start(
        &browser,
        "/messages/nouveau/partenaire/beta",
        "À beta",
        "Bonjour beta",
    )
    .await;
    let fourth = submit(
        &browser,
        "/messages/nouveau/coordination",
        "/messages/nouveau/coordination",
        &[("subject", "Aux coordinateurs"), ("body", "Bonjour")],
    )
    .await;
    assert_eq!(fourth.status(), 429);
    assert!(visible(&fourth.text().await.unwrap()).contains(&fr("messaging-limit-day")));
    let _ = beta;

    // A new account's first message with a link waits for a coordinator.
    let (_, newcomer) = person(&app, "toutneuf@exemple.fr", false).await;
    let held = start(
        &newcomer,
        to_alpha,
        "Offre",
        "Voyez https://promo.example.com",
    )
    .await;
    settle(&app).await;
    assert!(
        mails_to(&app, &admin.email)
            .iter()
            .all(|m| !m.text().contains("promo.example.com"))
    );
    assert_eq!(
        admin_browser
            .get(&format!("/messages/{held}"))
            .await
            .status(),
        200
    );
    assert!(
        bodies(&admin_browser, &format!("/messages/{held}"))
            .await
            .is_empty(),
        "not shown yet"
    );
    let (_, html) = newcomer.page(&format!("/messages/{held}")).await;
    assert!(
        visible(&html).contains(&fr("messaging-held-note")),
        "its author sees it waits"
    );
    let (_, queue) = coordinator.page("/coordination/moderation").await;
    let held_message = support::attribute(&queue, "[data-testid=moderation-item]", "data-message");
    let published = submit(
        &coordinator,
        "/coordination/moderation",
        &format!("/coordination/moderation/messages/{held_message}"),
        &[("decision", "publish")],
    )
    .await;
    assert_eq!(published.status(), 303);
    // The admin looked at the thread a moment ago: mailed once they are not reading it.
    app.state.clock.set(Utc::now() + Duration::minutes(1));
    settle(&app).await;
    carrefour::messaging::notify::deliver_due(&app.state)
        .await
        .unwrap();
    app.wait_for_mail_to(&admin.email, "promo.example.com")
        .await;

    // A report reaches the queue with its context; the coordinator removes the message.
    let thread = format!("/messages/{held}");
    let reported = submit(
        &admin_browser,
        &thread,
        &format!("{thread}/signaler"),
        &[("message_id", &held_message), ("reason", "Publicité")],
    )
    .await;
    assert_eq!(reported.status(), 303);
    let (_, queue) = coordinator.page("/coordination/moderation").await;
    assert!(queue.contains("Publicité") && queue.contains("promo.example.com"));
    let removed = submit(
        &coordinator,
        "/coordination/moderation",
        &format!("/coordination/moderation/messages/{held_message}"),
        &[("decision", "remove")],
    )
    .await;
    assert_eq!(removed.status(), 303);
    let (_, html) = admin_browser.page(&thread).await;
    assert!(
        visible(&html).contains(&fr("messaging-removed")) && !html.contains("promo.example.com")
    );
    let (_, queue) = coordinator.page("/coordination/moderation").await;
    assert!(queue.contains("data-testid=\"moderation-empty\""));

    // Blocking: the sender's reply is refused politely, and so is a new conversation.
    let garden = listed_project(&app, alpha.id, "Jardin partagé des Lilas", None).await;
    let (owner, holder) = person(&app, "camille@terre-vive.example.org", false).await;
    holder_of(&app, garden.id, owner.id).await;
    let (other, other_browser) = person(&app, "paul@exemple.fr", false).await;
    let form = format!("/messages/nouveau/projet/{}", garden.id);
    let id = start(&other_browser, &form, "Question", "Bonjour !").await;
    let row = holder_row(&app, id, other.id).await.to_string();
    let blocked = submit(
        &holder,
        &format!("/messages/{id}"),
        &format!("/messages/{id}/bloquer"),
        &[("participant_id", &row)],
    )
    .await;
    assert_eq!(blocked.status(), 303);
    let refused = reply(&other_browser, id, "Vous êtes là ?").await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(visible(&html).contains(&fr("messaging-blocked")) && html.contains("Vous êtes là ?"));
    let again = submit(
        &other_browser,
        &form,
        &form,
        &[("subject", "Encore"), ("body", "Bonjour ?")],
    )
    .await;
    assert_eq!(again.status(), 403);
    let (_, html) = holder.page("/messages/bloques").await;
    assert!(html.contains("Personne paul"));
    let unblock = submit(
        &holder,
        "/messages/bloques",
        &format!("/messages/bloques/{}/retirer", other.id),
        &[],
    )
    .await;
    assert_eq!(unblock.status(), 303);
    assert_eq!(
        reply(&other_browser, id, "Vous êtes là ?").await.status(),
        303
    );
    let _ = sender;
}

#[tokio::test]
async fn conversations_are_exported_kept_for_the_other_side_and_expire() {
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let garden = listed_project(&app, alpha.id, "Jardin partagé des Lilas", None).await;
    let (owner, holder) = person(&app, "camille@terre-vive.example.org", false).await;
    holder_of(&app, garden.id, owner.id).await;
    let (leaver, browser) = person(&app, "lea@exemple.fr", false).await;
    let id = start(
        &browser,
        &format!("/messages/nouveau/projet/{}", garden.id),
        "Visite",
        "Bonjour, je passe samedi.",
    )
    .await;

    // The export: every conversation with its messages, as a download.
    let export = browser.get("/messages/export.json").await;
    assert_eq!(export.status(), 200);
    assert!(
        export.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let json: serde_json::Value = export.json().await.unwrap();
    assert_eq!(json["conversations"][0]["subject"], "Visite");
    assert_eq!(
        json["conversations"][0]["messages"][0]["body"],
        "Bonjour, je passe samedi."
    );
    assert_eq!(json["conversations"][0]["messages"][0]["mine"], true);

    // Deleting the account keeps the message for the holder, signed "deleted account".
    let deleted = submit(
        &browser,
        "/compte",
        "/compte/supprimer",
        &[("confirmation", &leaver.email)],
    )
    .await;
    assert_eq!(deleted.status(), 303);
    let (_, html) = holder.page(&format!("/messages/{id}")).await;
    assert!(texts(&html, "[data-testid=message-author]").contains(&fr("messaging-deleted-user")));
    assert!(html.contains("Bonjour, je passe samedi."));
    assert_eq!(reply(&holder, id, "Bien reçu.").await.status(), 303);
    settle(&app).await;
    let gone = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::UserId.eq(leaver.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        gone.left_at.is_some() && !gone.notify_pending,
        "nobody mails a deleted account"
    );

    // Past the retention period, the scheduled task deletes the conversation.
    app.state.clock.set(Utc::now() + Duration::days(731));
    assert_eq!(
        carrefour::messaging::retention::purge(&app.state)
            .await
            .unwrap(),
        1
    );
    assert!(
        conversation::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        message::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn the_api_lists_one_s_conversations_with_a_session_or_a_personal_token() {
    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let (_, browser) = person(&app, "lea@exemple.fr", false).await;
    let id = start(
        &browser,
        "/messages/nouveau/partenaire/alpha",
        "Adhésion",
        "Comment rejoindre le réseau ?",
    )
    .await;
    let (_, stranger) = person(&app, "paul@exemple.fr", false).await;

    let by_session: serde_json::Value = browser
        .get("/api/v1/me/conversations")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_session["total"], 1);
    assert_eq!(by_session["conversations"][0]["subject"], "Adhésion");
    assert_eq!(
        by_session["conversations"][0]["with"][0],
        "Partenaire alpha"
    );

    // A personal token, created (shown once) and revoked on /compte/jetons.
    let created = submit(
        &browser,
        "/compte/jetons",
        "/compte/jetons",
        &[("name", "Mon script"), ("validity", "30")],
    )
    .await;
    assert_eq!(created.status(), 200);
    let html = created.text().await.unwrap();
    let token = texts(&html, "[data-testid=token-value]").remove(0);
    assert!(token.starts_with("crf_"));
    let (_, list) = browser.page("/compte/jetons").await;
    assert!(!list.contains(&token), "shown once only");
    let client = reqwest::Client::new();
    let api = |path: &str| client.get(app.url(path)).bearer_auth(&token);
    let listed: serde_json::Value = api("/api/v1/me/conversations")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["conversations"][0]["id"], id);
    assert!(listed["next"].is_null());
    let detail: serde_json::Value = api(&format!("/api/v1/me/conversations/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        detail["messages"][0]["body"],
        "Comment rejoindre le réseau ?"
    );
    assert_eq!(detail["inboxes"][0]["name"], "Partenaire alpha");
    assert_eq!(detail["inboxes"][0]["status"], "open");
    let bad = api("/api/v1/me/conversations?per_page=1000")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);

    // Others' conversations stay unknown; a wrong or revoked token is refused.
    assert_eq!(
        stranger
            .get(&format!("/api/v1/me/conversations/{id}"))
            .await
            .status(),
        404
    );
    let forged = client
        .get(app.url("/api/v1/me/conversations"))
        .bearer_auth("crf_nope")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    assert_eq!(forged.headers()["content-type"], "application/json");
    let (_, list) = browser.page("/compte/jetons").await;
    let revoke = support::attribute(&list, "[data-testid=token-row] form", "action");
    assert_eq!(
        submit(&browser, "/compte/jetons", &revoke, &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        api("/api/v1/me/conversations")
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let _ = alpha;
}

#[tokio::test]
async fn the_preferences_page_lists_every_declared_kind() {
    let app = TestApp::spawn().await;
    let (me, browser) = person(&app, "lea@exemple.fr", false).await;
    let (status, html) = browser.page("/compte/notifications").await;
    assert_eq!(status, 200);
    for kind in carrefour::notifications::KINDS {
        assert!(
            html.contains(&format!("data-kind=\"{}\"", kind.code)),
            "{} listed",
            kind.code
        );
        assert!(visible(&html).contains(&fr(&format!("notification-kind-{}", kind.code))));
        assert!(visible(&html).contains(&fr(&format!("notification-kind-{}-help", kind.code))));
        assert_ne!(
            Lang::En.t(&format!("notification-kind-{}", kind.code)),
            format!("notification-kind-{}", kind.code)
        );
    }
    // A digest where the kind has none is refused next to its field, choices kept.
    let mut choices: Vec<(&str, &str)> = carrefour::notifications::KINDS
        .iter()
        .map(|k| (k.code, "never"))
        .collect();
    let with_digest = carrefour::notifications::KINDS
        .iter()
        .position(|k| k.digest)
        .unwrap();
    choices[with_digest].1 = "daily";
    let without_digest = carrefour::notifications::KINDS
        .iter()
        .position(|k| !k.digest)
        .unwrap();
    choices[without_digest].1 = "daily";
    let refused = submit(
        &browser,
        "/compte/notifications",
        "/compte/notifications",
        &choices,
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(visible(&html).contains(&fr("notification-no-digest")));
    choices[without_digest].1 = "never";
    let saved = submit(
        &browser,
        "/compte/notifications",
        "/compte/notifications",
        &choices,
    )
    .await;
    assert_eq!(saved.status(), 303);
    let digested = carrefour::notifications::KINDS[with_digest].code;
    assert_eq!(
        carrefour::notifications::delivery(&app.state.db, me.id, digested)
            .await
            .unwrap(),
        carrefour::notifications::Delivery::Daily
    );
}

/// Everything the authorization matrix needs, made through the real services.
struct World {
    values: Vec<(&'static str, String)>,
}

impl World {
    fn path(&self, template: &str) -> String {
        let mut out = template.to_owned();
        for (key, value) in &self.values {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        out
    }
}

struct Actors {
    sender: user::Model,
    holder: user::Model,
    stranger: user::Model,
    admin: user::Model,
}

async fn first_message(app: &TestApp, conversation_id: i64) -> message::Model {
    message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .order_by_asc(message::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn build_world(
    app: &TestApp,
    alpha: &partner::Model,
    actors: &Actors,
    round: usize,
) -> World {
    use carrefour::messaging::service::{self, Draft, Target};
    use carrefour::messaging::tokens::{self, Binding, Purpose};
    let db = &app.state.db;
    let draft = |subject: &str| Draft::parse(subject, "Bonjour, voici ma question.").unwrap();
    let begin = |target: Target, subject: &'static str| {
        let draft = draft(subject);
        async move {
            let to = service::recipients(db, &target).await.unwrap().unwrap();
            service::start(&app.state, &actors.sender, &target, &to, &draft, false)
                .await
                .unwrap()
                .conversation_id
        }
    };
    let claimed = listed_project(app, alpha.id, &format!("Projet porté {round}"), None).await;
    holder_of(app, claimed.id, actors.holder.id).await;
    let relayed = listed_project(
        app,
        alpha.id,
        &format!("Projet relayé {round}"),
        Some(HOLDER_ADDRESS),
    )
    .await;
    let claimable = listed_project(
        app,
        alpha.id,
        &format!("Projet à revendiquer {round}"),
        Some(HOLDER_ADDRESS),
    )
    .await;
    let a = begin(Target::Project(claimed.clone()), "Sujet confidentiel A").await;
    let b = begin(Target::Partner(alpha.clone(), None), "Sujet confidentiel B").await;
    let c = begin(Target::Coordination, "Sujet confidentiel C").await;
    let r = begin(Target::Project(relayed.clone()), "Sujet confidentiel R").await;
    let m_b = first_message(app, b).await;
    let m_r = first_message(app, r).await;
    let p_b = holder_row(app, b, actors.sender.id).await;
    let relay_row = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(r))
        .filter(conversation_participant::Column::Role.eq("relay"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let secret = tokens::issue(
        db,
        Purpose::Relay,
        Binding {
            participant_id: Some(relay_row.id),
            ..Default::default()
        },
        now,
        Duration::days(30),
    )
    .await
    .unwrap();
    let claim_secret = tokens::issue(
        db,
        Purpose::Claim,
        Binding {
            project_id: Some(claimable.id),
            user_id: Some(actors.stranger.id),
            ..Default::default()
        },
        now,
        Duration::hours(48),
    )
    .await
    .unwrap();
    let pending = project_claim::ActiveModel {
        project_id: Set(claimable.id),
        user_id: Set(actors.admin.id),
        status: Set("pending".into()),
        method: Set("request".into()),
        message: Set("Je porte ce projet.".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let admin_row =
        carrefour::messaging::service::handler_row(db, b, actors.admin.id, 0, now).await;
    let report = match admin_row {
        Ok(row) => {
            carrefour::entities::message_report::ActiveModel {
                message_id: Set(m_b.id),
                reporter_id: Set(row.id),
                reason: Set("À vérifier".into()),
                status: Set("open".into()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap()
            .id
        }
        Err(err) => panic!("{err}"),
    };
    World {
        values: vec![
            ("A", a.to_string()),
            ("B", b.to_string()),
            ("C", c.to_string()),
            ("R", r.to_string()),
            ("mB", m_b.id.to_string()),
            ("mR", m_r.id.to_string()),
            ("pB", p_b.to_string()),
            ("pR", holder_row(app, r, actors.sender.id).await.to_string()),
            ("secret", secret),
            ("forged", "0".repeat(40)),
            ("claim_secret", claim_secret),
            ("claimed", claimed.id.to_string()),
            ("claimable", claimable.id.to_string()),
            ("pending", pending.id.to_string()),
            ("report", report.to_string()),
            ("stranger", actors.stranger.id.to_string()),
        ],
    }
}

/// One request of the messaging matrix.
struct Check {
    /// The route as declared in the router.
    route: &'static str,
    method: &'static str,
    /// With `{…}` values of the world.
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    allowed: &'static [&'static str],
    /// Reachable without an account (a relay secret is the key); a visitor is then
    /// judged like anyone else instead of being sent to sign in.
    public: bool,
    /// Changes the world for good: a new world before each actor's request.
    fresh: bool,
}

const SIGNED_IN: &[&str] = &[
    "sender",
    "holder",
    "admin",
    "editor",
    "member",
    "other",
    "coordinator",
    "stranger",
];
const EVERYONE: &[&str] = &[
    "sender",
    "holder",
    "admin",
    "editor",
    "member",
    "other",
    "coordinator",
    "stranger",
    "visitor",
];
const B_READERS: &[&str] = &["sender", "admin", "editor"];
const COORDINATOR: &[&str] = &["coordinator"];

const fn check(
    route: &'static str,
    method: &'static str,
    path: &'static str,
    allowed: &'static [&'static str],
) -> Check {
    Check {
        route,
        method,
        path,
        form: &[],
        allowed,
        public: false,
        fresh: false,
    }
}

const CHECKS: &[Check] = &[
    check("/messages", "GET", "/messages", SIGNED_IN),
    check(
        "/messages/export.json",
        "GET",
        "/messages/export.json",
        SIGNED_IN,
    ),
    check("/messages/bloques", "GET", "/messages/bloques", SIGNED_IN),
    check(
        "/messages/bloques/{user}/retirer",
        "POST",
        "/messages/bloques/{stranger}/retirer",
        &["sender"],
    ),
    Check {
        form: &[("back", "/messages")],
        ..check(
            "/messages/verification",
            "POST",
            "/messages/verification",
            SIGNED_IN,
        )
    },
    check(
        "/messages/nouveau/projet/{id}",
        "GET",
        "/messages/nouveau/projet/{claimed}",
        SIGNED_IN,
    ),
    Check {
        form: &[("subject", "Une question"), ("body", "Bonjour !")],
        ..check(
            "/messages/nouveau/projet/{id}",
            "POST",
            "/messages/nouveau/projet/{claimed}",
            &[
                "sender",
                "admin",
                "editor",
                "member",
                "other",
                "coordinator",
                "stranger",
            ],
        )
    },
    check(
        "/messages/nouveau/partenaire/{slug}",
        "GET",
        "/messages/nouveau/partenaire/alpha",
        SIGNED_IN,
    ),
    Check {
        form: &[("subject", "Une question"), ("body", "Bonjour !")],
        ..check(
            "/messages/nouveau/partenaire/{slug}",
            "POST",
            "/messages/nouveau/partenaire/alpha",
            &["sender", "holder", "other", "coordinator", "stranger"],
        )
    },
    check(
        "/messages/nouveau/coordination",
        "GET",
        "/messages/nouveau/coordination",
        SIGNED_IN,
    ),
    Check {
        form: &[("subject", "Une question"), ("body", "Bonjour !")],
        ..check(
            "/messages/nouveau/coordination",
            "POST",
            "/messages/nouveau/coordination",
            &[
                "sender", "holder", "admin", "editor", "member", "other", "stranger",
            ],
        )
    },
    check("/messages/{id}", "GET", "/messages/{B}", B_READERS),
    check(
        "/messages/{id}",
        "GET",
        "/messages/{A}",
        &["sender", "holder"],
    ),
    check(
        "/messages/{id}",
        "GET",
        "/messages/{C}",
        &["sender", "coordinator"],
    ),
    check(
        "/messages/{id}/nouveaux",
        "GET",
        "/messages/{B}/nouveaux?apres=0",
        B_READERS,
    ),
    Check {
        form: &[("body", "Une réponse")],
        ..check(
            "/messages/{id}/repondre",
            "POST",
            "/messages/{B}/repondre",
            B_READERS,
        )
    },
    Check {
        form: &[("body", "Une réponse")],
        ..check(
            "/messages/{id}/repondre",
            "POST",
            "/messages/{A}/repondre",
            &["sender", "holder"],
        )
    },
    Check {
        form: &[("on", "1")],
        ..check(
            "/messages/{id}/archiver",
            "POST",
            "/messages/{B}/archiver",
            B_READERS,
        )
    },
    Check {
        form: &[("on", "1")],
        ..check(
            "/messages/{id}/sourdine",
            "POST",
            "/messages/{B}/sourdine",
            B_READERS,
        )
    },
    Check {
        form: &[("participant_id", "{pB}")],
        ..check(
            "/messages/{id}/bloquer",
            "POST",
            "/messages/{B}/bloquer",
            &["admin", "editor"],
        )
    },
    Check {
        form: &[("message_id", "{mB}"), ("reason", "")],
        ..check(
            "/messages/{id}/signaler",
            "POST",
            "/messages/{B}/signaler",
            &["admin", "editor"],
        )
    },
    Check {
        public: true,
        ..check("/relais/{secret}", "GET", "/relais/{secret}", EVERYONE)
    },
    Check {
        public: true,
        ..check("/relais/{secret}", "GET", "/relais/{forged}", &[])
    },
    Check {
        public: true,
        ..check(
            "/relais/{secret}/nouveaux",
            "GET",
            "/relais/{secret}/nouveaux?apres=0",
            EVERYONE,
        )
    },
    Check {
        public: true,
        form: &[("body", "Réponse relayée")],
        ..check(
            "/relais/{secret}/repondre",
            "POST",
            "/relais/{secret}/repondre",
            EVERYONE,
        )
    },
    Check {
        public: true,
        form: &[("body", "Réponse relayée")],
        ..check(
            "/relais/{secret}/repondre",
            "POST",
            "/relais/{forged}/repondre",
            &[],
        )
    },
    Check {
        public: true,
        form: &[("message_id", "{mR}"), ("reason", "")],
        ..check(
            "/relais/{secret}/signaler",
            "POST",
            "/relais/{secret}/signaler",
            EVERYONE,
        )
    },
    Check {
        public: true,
        fresh: true,
        ..check(
            "/relais/{secret}/desactiver",
            "POST",
            "/relais/{secret}/desactiver",
            EVERYONE,
        )
    },
    Check {
        public: true,
        fresh: true,
        form: &[("participant_id", "{pR}")],
        ..check(
            "/relais/{secret}/bloquer",
            "POST",
            "/relais/{secret}/bloquer",
            EVERYONE,
        )
    },
    check(
        "/relais/{secret}/revendiquer",
        "GET",
        "/relais/{secret}/revendiquer",
        SIGNED_IN,
    ),
    Check {
        fresh: true,
        ..check(
            "/relais/{secret}/revendiquer",
            "POST",
            "/relais/{secret}/revendiquer",
            SIGNED_IN,
        )
    },
    check(
        "/coordination/messages",
        "GET",
        "/coordination/messages",
        COORDINATOR,
    ),
    Check {
        form: &[("user_id", "")],
        ..check(
            "/coordination/messages/{id}/attribuer",
            "POST",
            "/coordination/messages/{C}/attribuer",
            COORDINATOR,
        )
    },
    check(
        "/coordination/messages/{id}/traiter",
        "POST",
        "/coordination/messages/{C}/traiter",
        COORDINATOR,
    ),
    check(
        "/coordination/messages/{id}/rouvrir",
        "POST",
        "/coordination/messages/{C}/rouvrir",
        COORDINATOR,
    ),
    check(
        "/coordination/moderation",
        "GET",
        "/coordination/moderation",
        COORDINATOR,
    ),
    Check {
        form: &[("decision", "publish")],
        ..check(
            "/coordination/moderation/messages/{id}",
            "POST",
            "/coordination/moderation/messages/{mB}",
            COORDINATOR,
        )
    },
    Check {
        fresh: true,
        ..check(
            "/coordination/moderation/signalements/{id}",
            "POST",
            "/coordination/moderation/signalements/{report}",
            COORDINATOR,
        )
    },
    Check {
        fresh: true,
        ..check(
            "/coordination/moderation/conversations/{id}/relais",
            "POST",
            "/coordination/moderation/conversations/{R}/relais",
            COORDINATOR,
        )
    },
    check(
        "/api/v1/me/conversations",
        "GET",
        "/api/v1/me/conversations",
        SIGNED_IN,
    ),
    check(
        "/api/v1/me/conversations/{id}",
        "GET",
        "/api/v1/me/conversations/{B}",
        B_READERS,
    ),
    check(
        "/api/v1/me/conversations/{id}",
        "GET",
        "/api/v1/me/conversations/{A}",
        &["sender", "holder"],
    ),
    check(
        "/projets/{id}/revendiquer",
        "GET",
        "/projets/{claimable}/revendiquer",
        SIGNED_IN,
    ),
    check(
        "/projets/{id}/revendiquer/adresse",
        "POST",
        "/projets/{claimable}/revendiquer/adresse",
        SIGNED_IN,
    ),
    Check {
        form: &[("message", "Je porte ce projet depuis 2020.")],
        ..check(
            "/projets/{id}/revendiquer/demande",
            "POST",
            "/projets/{claimable}/revendiquer/demande",
            &[
                "sender",
                "holder",
                "editor",
                "member",
                "other",
                "coordinator",
                "stranger",
            ],
        )
    },
    check(
        "/revendication/{secret}",
        "GET",
        "/revendication/{claim_secret}",
        SIGNED_IN,
    ),
    Check {
        fresh: true,
        ..check(
            "/revendication/{secret}",
            "POST",
            "/revendication/{claim_secret}",
            &["stranger"],
        )
    },
    check(
        "/coordination/revendications",
        "GET",
        "/coordination/revendications",
        COORDINATOR,
    ),
    Check {
        fresh: true,
        form: &[("reason", "Ce n'est pas la bonne personne.")],
        ..check(
            "/coordination/revendications/{id}/retirer",
            "POST",
            "/coordination/revendications/{pending}/retirer",
            COORDINATOR,
        )
    },
    check(
        "/projets/{id}/porteur",
        "GET",
        "/projets/{claimed}/porteur",
        &["holder"],
    ),
    Check {
        form: &[
            ("summary", "Résumé"),
            ("description", ""),
            ("website", ""),
            ("contactable", "1"),
        ],
        ..check(
            "/projets/{id}/porteur",
            "POST",
            "/projets/{claimed}/porteur",
            &["holder"],
        )
    },
    Check {
        fresh: true,
        ..check(
            "/projets/{id}/porteur/renoncer",
            "POST",
            "/projets/{claimed}/porteur/renoncer",
            &["holder"],
        )
    },
];

#[derive(Debug, PartialEq, Eq)]
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
        200 => Outcome::Allowed,
        303 if location.starts_with("/connexion") => Outcome::SignInFirst,
        303 => Outcome::Allowed,
        401 => Outcome::SignInFirst,
        403 | 404 | 410 | 422 => Outcome::Denied,
        other => panic!("unexpected status {other} (location {location:?})"),
    }
}

#[tokio::test]
async fn authorization_matrix_covers_every_messaging_route() {
    // Every route of the messaging and claim routers, but the partner space's (in
    // tests/partners.rs), is in the matrix.
    let declared: std::collections::BTreeSet<String> = [
        include_str!("../src/messaging/mod.rs"),
        include_str!("../src/projects/claim.rs"),
        include_str!("../src/projects/holder.rs"),
    ]
    .iter()
    .flat_map(|source| {
        regex::Regex::new(r#"\.route\(\s*"([^"]+)""#)
            .unwrap()
            .captures_iter(source)
            .map(|c| c[1].to_owned())
            .collect::<Vec<_>>()
    })
    .filter(|path| !path.starts_with("/p/{partner}"))
    .collect();
    let covered: std::collections::BTreeSet<String> =
        CHECKS.iter().map(|c| c.route.to_owned()).collect();
    assert_eq!(declared, covered, "matrix and routers differ");

    let app = TestApp::spawn().await;
    let alpha = fixtures::partner(&app.state.db, "alpha", "active").await;
    let beta = fixtures::partner(&app.state.db, "beta", "active").await;
    let mut browsers: Vec<(&str, Option<Browser>)> = Vec::new();
    let mut users = std::collections::HashMap::new();
    for name in SIGNED_IN {
        let (u, b) = person(
            &app,
            &format!("{name}@matrice.example.org"),
            *name == "coordinator",
        )
        .await;
        users.insert(*name, u);
        browsers.push((name, Some(b)));
    }
    browsers.push(("visitor", None));
    for (name, role) in [
        ("admin", "admin"),
        ("editor", "editor"),
        ("member", "member"),
    ] {
        fixtures::member(&app.state.db, alpha.id, users[name].id, role).await;
    }
    fixtures::member(&app.state.db, beta.id, users["other"].id, "admin").await;
    let actors = Actors {
        sender: users["sender"].clone(),
        holder: users["holder"].clone(),
        stranger: users["stranger"].clone(),
        admin: users["admin"].clone(),
    };
    let visitor = app.new_browser();
    let mut round = 0;
    let mut world = build_world(&app, &alpha, &actors, round).await;
    for c in CHECKS {
        for (name, browser) in &browsers {
            if c.fresh {
                round += 1;
                world = build_world(&app, &alpha, &actors, round).await;
            }
            carrefour::entities::user_block::Entity::delete_many()
                .exec(&app.state.db)
                .await
                .unwrap();
            carrefour::messaging::blocks::block(
                &app.state.db,
                carrefour::messaging::blocks::Blocker::User(actors.sender.id),
                actors.stranger.id,
                Utc::now(),
            )
            .await
            .unwrap();
            let client = browser.as_ref().unwrap_or(&visitor);
            let path = world.path(c.path);
            let response = match c.method {
                "GET" => client
                    .client
                    .get(client.url(&path))
                    .header("accept", "text/html")
                    .send()
                    .await
                    .unwrap(),
                _ => {
                    let csrf = client.csrf_token("/contact").await;
                    let mut fields: Vec<(String, String)> = c
                        .form
                        .iter()
                        .map(|(k, v)| (k.to_string(), world.path(v)))
                        .collect();
                    fields.push(("_csrf".into(), csrf));
                    client
                        .client
                        .post(client.url(&path))
                        .form(&fields)
                        .header("accept", "text/html")
                        .send()
                        .await
                        .unwrap()
                }
            };
            let got = outcome(&response);
            let expected = if c.allowed.contains(name) {
                Outcome::Allowed
            } else if *name == "visitor" && !c.public {
                Outcome::SignInFirst
            } else {
                Outcome::Denied
            };
            assert_eq!(
                got,
                expected,
                "{} {} as {name} ({})",
                c.method,
                path,
                support::backend_name()
            );
            if got == Outcome::Denied {
                let body = response.text().await.unwrap();
                assert!(
                    !body.contains("Sujet confidentiel"),
                    "{} {path} as {name} leaks a thread",
                    c.method
                );
            }
        }
        if c.fresh {
            // The last request changed the world for good.
            round += 1;
            world = build_world(&app, &alpha, &actors, round).await;
        }
    }
}
