//! Outgoing mail through lettre: SMTP when configured, else `.eml` files in the outbox.
//! Mails are rendered when queued and delivered by the `send_mail` job, so a failing
//! server delays mail without losing it.
use anyhow::Context as _;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Lang;
use crate::worker::{self, Job};

const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");

/// Where mail goes.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    /// Builds the transport the settings ask for.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let mail = &settings.mail;
        let Some(host) = &mail.smtp_host else {
            let dir = settings.outbox_dir();
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create mail outbox {}", dir.display()))?;
            return Ok(Mailer::Outbox(AsyncFileTransport::new(dir)));
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
            .port(mail.smtp_port);
        builder = match mail.smtp_security.as_str() {
            "tls" => builder.tls(Tls::Wrapper(TlsParameters::new(host.clone())?)),
            "starttls" => builder.tls(Tls::Required(TlsParameters::new(host.clone())?)),
            _ => builder.tls(Tls::None),
        };
        if let (Some(user), Some(password)) = (&mail.smtp_username, &mail.smtp_password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    async fn send(&self, message: Message) -> anyhow::Result<()> {
        match self {
            Mailer::Smtp(smtp) => {
                smtp.send(message).await.context("SMTP delivery failed")?;
            }
            Mailer::Outbox(files) => {
                files
                    .send(message)
                    .await
                    .context("writing to the outbox failed")?;
            }
        }
        Ok(())
    }
}

/// A rendered mail waiting for delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendMail {
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// One-click unsubscribe address (RFC 8058) of mails sent on a subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_unsubscribe: Option<String>,
}

impl Job for SendMail {
    const KIND: &'static str = "send_mail";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let from: Mailbox = state.settings.mail.from.parse()?;
        let mut builder = Message::builder()
            .from(from)
            .to(self.to.parse().context("bad recipient")?)
            .subject(self.subject);
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.parse().context("bad reply-to")?);
        }
        if let Some(url) = &self.list_unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{url}>")))
                .raw_header(HeaderValue::new(
                    LIST_UNSUBSCRIBE_POST,
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let message = match self.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(self.text, html))?,
            None => builder.header(ContentType::TEXT_PLAIN).body(self.text)?,
        };
        state.mailer.send(message).await
    }
}

/// Renders the mail templates in `templates/mail/<name>/` in `lang` and queues delivery.
pub async fn queue<T: Serialize>(
    state: &AppState,
    name: &str,
    lang: Lang,
    to: &str,
    reply_to: Option<&str>,
    view: &T,
) -> AppResult<()> {
    let mail = render(state, name, lang, to, reply_to, view)?;
    worker::enqueue(state, &mail).await?;
    Ok(())
}

/// Renders the mail templates in `templates/mail/<name>/` in `lang`, for callers that
/// queue the delivery job themselves (inside their own transaction).
pub fn render<T: Serialize>(
    state: &AppState,
    name: &str,
    lang: Lang,
    to: &str,
    reply_to: Option<&str>,
    view: &T,
) -> AppResult<SendMail> {
    let mut context = tera::Context::new();
    context.insert("lang", lang.code());
    context.insert("page", view);
    context.insert("public_url", &state.settings.server.public_url);
    let render = |part: &str| {
        state
            .templates
            .render(&format!("mail/{name}/{part}"), &context)
    };
    let subject = render("subject.txt")?.trim().to_owned();
    let text = render("body.txt")?;
    let html_name = format!("mail/{name}/body.html");
    let html = if state.templates.has(&html_name) {
        Some(render("body.html")?)
    } else {
        None
    };
    Ok(SendMail {
        to: to.to_owned(),
        reply_to: reply_to.map(str::to_owned),
        subject,
        text,
        html,
        list_unsubscribe: None,
    })
}
