//! Replies by mail (`carrefour mail-in`, fed one RFC 5322 message on standard input by
//! the mail server): the reply address names a secret (`reponse+<secret>@…`) bound to
//! one participant of one conversation; the reply's own text, without the quoted mail
//! and the signature, is appended to that conversation. Unknown, expired or withdrawn
//! secrets, empty replies and refused senders are answered with a bounce that says why;
//! they never create a message. Automatic mail (auto-replies, bounces, lists) is dropped
//! without an answer, so two robots cannot answer each other forever.
use anyhow::Context as _;
use mail_parser::{Message, MessageParser, PartType};
use sea_orm::EntityTrait;
use serde::Serialize;

use super::model::{Format, Role, Via};
use super::tokens::{self, Problem, Purpose};
use crate::entities::{conversation, conversation_participant, user};
use crate::state::AppState;
use crate::web::Lang;

/// The largest message read from standard input.
pub const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;

/// Why a reply was not appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No reply address of the hub among the recipients.
    NoAddress,
    Token(Problem),
    /// Nothing left once the quoted mail and the signature are taken out.
    Empty,
    /// A participant blocked the sender, or the sender may no longer write there.
    Refused,
}

impl Refusal {
    fn message_key(self) -> &'static str {
        match self {
            Refusal::NoAddress => "mail-in-bounce-no-address",
            Refusal::Token(Problem::Expired) => "mail-in-bounce-expired",
            Refusal::Token(Problem::Revoked | Problem::Used) => "mail-in-bounce-revoked",
            Refusal::Token(Problem::Unknown) => "mail-in-bounce-unknown",
            Refusal::Empty => "mail-in-bounce-empty",
            Refusal::Refused => "mail-in-bounce-refused",
        }
    }
}

/// What became of one incoming mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Appended {
        conversation_id: i64,
        message_id: i64,
    },
    /// Answered with a bounce to `to`.
    Bounced { to: String, refusal: Refusal },
    /// Dropped without an answer (automatic mail, or nobody to answer).
    Ignored(&'static str),
}

/// Marks an error the mail server should retry later (the database or the mail queue
/// could not be reached), as opposed to a message that will never be accepted.
#[derive(Debug)]
pub struct TemporaryFailure;

impl std::fmt::Display for TemporaryFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("temporary failure, the mail should be retried later")
    }
}

/// Reads one message; `recipient` and `sender` are the envelope's when the mail server
/// gives them (Postfix: `${original_recipient}`, `${sender}`). Errors after the message
/// parsed carry [`TemporaryFailure`]: they come from the database.
pub async fn receive(
    state: &AppState,
    raw: &[u8],
    recipient: Option<&str>,
    sender: Option<&str>,
) -> anyhow::Result<Outcome> {
    let message = MessageParser::default()
        .parse(raw)
        .ok_or_else(|| anyhow::anyhow!("standard input is not a mail message"))?;
    if let Some(why) = automatic(&message) {
        return Ok(Outcome::Ignored(why));
    }
    let bounce_to = sender
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| message.return_address().map(str::to_owned));
    let subject = message.subject().unwrap_or_default().to_owned();
    let result = append(state, &message, recipient)
        .await
        .context(TemporaryFailure)?;
    match result {
        Ok((conversation_id, message_id)) => Ok(Outcome::Appended {
            conversation_id,
            message_id,
        }),
        Err((refusal, lang, web_url)) => {
            let Some(to) = bounce_to.filter(|t| t.contains('@')) else {
                return Ok(Outcome::Ignored("no address to answer"));
            };
            bounce(state, &to, refusal, lang, &subject, web_url)
                .await
                .context(TemporaryFailure)?;
            Ok(Outcome::Bounced { to, refusal })
        }
    }
}

/// Why a message is automatic (and must not be answered), if it is.
fn automatic(message: &Message<'_>) -> Option<&'static str> {
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    if header("Auto-Submitted").is_some_and(|v| v != "no") {
        return Some("auto-submitted");
    }
    if header("Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list")) {
        return Some("bulk");
    }
    if header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
        || header("List-Id").is_some()
    {
        return Some("auto-reply or list");
    }
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address.as_deref())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if from.starts_with("mailer-daemon@") || from.starts_with("postmaster@") {
        return Some("delivery report");
    }
    None
}

/// Every address the mail was sent to, the envelope's first.
fn recipients(message: &Message<'_>, envelope: Option<&str>) -> Vec<String> {
    let mut all: Vec<String> = envelope.into_iter().map(str::to_owned).collect();
    for name in ["Delivered-To", "X-Original-To", "Envelope-To"] {
        if let Some(value) = message.header_raw(name) {
            all.push(value.trim().trim_matches(['<', '>']).to_owned());
        }
    }
    for list in [message.to(), message.cc()].into_iter().flatten() {
        all.extend(
            list.iter()
                .filter_map(|a| a.address.as_deref().map(str::to_owned)),
        );
    }
    all
}

/// The secret of the first reply address of the hub among `addresses`.
pub fn secret_in(addresses: &[String], local_part: &str, domain: &str) -> Option<String> {
    let prefix = format!("{}+", local_part.to_ascii_lowercase());
    addresses.iter().find_map(|address| {
        let (local, host) = address.trim().rsplit_once('@')?;
        if !host.eq_ignore_ascii_case(domain) {
            return None;
        }
        let secret = local.to_ascii_lowercase().strip_prefix(&prefix)?.to_owned();
        tokens::well_formed(&secret).then_some(secret)
    })
}

type Refused = (Refusal, Lang, Option<String>);

async fn append(
    state: &AppState,
    message: &Message<'_>,
    envelope: Option<&str>,
) -> anyhow::Result<Result<(i64, i64), Refused>> {
    let db = &state.db;
    let settings = &state.settings;
    let addresses = recipients(message, envelope);
    let Some(secret) = secret_in(
        &addresses,
        &settings.messaging.reply_local_part,
        &settings.reply_domain(),
    ) else {
        return Ok(Err((Refusal::NoAddress, Lang::Fr, None)));
    };
    let token = match tokens::find(db, Purpose::Reply, &secret, state.clock.now()).await? {
        Ok(token) => token,
        Err(problem) => return Ok(Err((Refusal::Token(problem), Lang::Fr, None))),
    };
    let participant = match token.participant_id {
        Some(id) => {
            conversation_participant::Entity::find_by_id(id)
                .one(db)
                .await?
        }
        None => None,
    };
    let Some(participant) = participant.filter(|p| p.left_at.is_none()) else {
        return Ok(Err((Refusal::Token(Problem::Revoked), Lang::Fr, None)));
    };
    let Some(conversation) = conversation::Entity::find_by_id(participant.conversation_id)
        .one(db)
        .await?
    else {
        return Ok(Err((Refusal::Token(Problem::Unknown), Lang::Fr, None)));
    };
    let author = match participant.user_id {
        Some(id) => user::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|u| u.deleted_at.is_none() && !u.disabled),
        None => None,
    };
    let lang = author
        .as_ref()
        .and_then(|u| Lang::parse(&u.preferred_lang))
        .unwrap_or(Lang::Fr);
    let web_url = author.as_ref().map(|_| {
        format!(
            "{}/messages/{}",
            settings.server.public_url, conversation.id
        )
    });
    let inbox_id = match (&author, participant.role == Role::Relay.as_str()) {
        (Some(u), _) => {
            // They must still be allowed in (an inbox handler may have left the partner).
            let Some(access) = super::access::load(db, conversation.id, u).await? else {
                return Ok(Err((Refusal::Refused, lang, None)));
            };
            access.reply_inbox().map(|i| i.inbox.id)
        }
        (None, true) => None,
        (None, false) => return Ok(Err((Refusal::Token(Problem::Revoked), lang, None))),
    };
    let text = reply_text(message);
    let body: String = text.chars().take(super::render::MAX_BODY_CHARS).collect();
    if body.trim().is_empty() {
        return Ok(Err((Refusal::Empty, lang, web_url)));
    }
    let held = match &author {
        Some(u) => {
            if super::service::check_not_blocked(db, conversation.id, u.id)
                .await
                .is_err()
            {
                return Ok(Err((Refusal::Refused, lang, web_url)));
            }
            super::thread::held_for_review(db, state, u, &body).await?
        }
        None => false,
    };
    let msg = super::service::post(
        state,
        &conversation,
        &participant,
        inbox_id,
        &body,
        Format::Text,
        Via::Mail,
        held,
    )
    .await
    .map_err(|e| anyhow::anyhow!("appending the reply failed: {e}"))?;
    Ok(Ok((conversation.id, msg.id)))
}

/// The new text of a reply: its plain text part (or its HTML without the quoted mail),
/// cut where the quoted mail or the signature begins.
pub fn reply_text(message: &Message<'_>) -> String {
    let text = match message.text_part(0).map(|p| &p.body) {
        Some(PartType::Text(text)) => text.to_string(),
        Some(PartType::Html(html)) => {
            mail_parser::decoders::html::html_to_text(&without_quotes(html))
        }
        _ => match message.html_part(0).map(|p| &p.body) {
            Some(PartType::Html(html)) => {
                mail_parser::decoders::html::html_to_text(&without_quotes(html))
            }
            _ => String::new(),
        },
    };
    strip_quoted(&text)
}

/// HTML without the blocks mail programs put the quoted mail in.
fn without_quotes(html: &str) -> String {
    let mut document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(
        "blockquote, .gmail_quote, .moz-cite-prefix, #divRplyFwdMsg, #appendonsend, .yahoo_quoted",
    )
    .expect("a valid selector");
    let ids: Vec<_> = document.select(&selector).map(|e| e.id()).collect();
    for id in ids {
        if let Some(mut node) = document.tree.get_mut(id) {
            node.detach();
        }
    }
    document.html()
}

/// True when `line` introduces the quoted mail ("Le … a écrit :", "On … wrote:").
fn attribution(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    l.ends_with("a écrit :")
        || l.ends_with("a écrit:")
        || l.ends_with("wrote:")
        || l.ends_with("écrit :")
}

/// The reply's own lines: everything before the quoted mail, the signature, the hub's
/// "answer above" line or a phone's signature, without quoted (`>`) lines.
pub fn strip_quoted(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        let next = lines.get(i + 1).copied().unwrap_or_default();
        let ends_quote = trimmed == "--"
            || *line == "-- "
            || lower.contains("répondez au-dessus de cette ligne")
            || lower.contains("reply above this line")
            || lower.starts_with("-----original message")
            || lower.starts_with("-----message d'origine")
            || lower.starts_with("________________________________")
            || lower.starts_with("envoyé de mon ")
            || lower.starts_with("sent from my ")
            || attribution(trimmed)
            || ((lower.starts_with("le ") || lower.starts_with("on ")) && attribution(next))
            || ((lower.starts_with("de :") || lower.starts_with("from:"))
                && lines[i + 1..].iter().take(4).any(|l| {
                    l.to_lowercase().trim_start().starts_with("envoyé :")
                        || l.to_lowercase().trim_start().starts_with("sent:")
                        || l.to_lowercase().trim_start().starts_with("date:")
                }));
        if ends_quote {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        kept.push(line);
    }
    let mut out = String::new();
    let mut blank_run = 0;
    for line in kept {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim().to_owned()
}

#[derive(Serialize)]
struct BounceView {
    reason: String,
    subject: String,
    web_url: Option<String>,
}

async fn bounce(
    state: &AppState,
    to: &str,
    refusal: Refusal,
    lang: Lang,
    subject: &str,
    web_url: Option<String>,
) -> anyhow::Result<()> {
    let view = BounceView {
        reason: lang.t(refusal.message_key()),
        subject: subject.to_owned(),
        web_url,
    };
    crate::mail::queue(state, "mail_in_bounce", lang, to, None, &view)
        .await
        .map_err(|e| anyhow::anyhow!("queueing the bounce failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_mail_and_signatures_are_cut() {
        let text = "Merci pour votre message,\nje vous rappelle demain.\n\n-- \nLéa Martin\nAssociation Terre Vive\n";
        assert_eq!(
            strip_quoted(text),
            "Merci pour votre message,\nje vous rappelle demain."
        );
        let gmail = "Oui, volontiers.\n\nLe mar. 3 déc. 2026 à 10:00, Carrefour <\nreponse+abc@carrefour.localhost> a écrit :\n> Bonjour,\n> voici ma question\n";
        assert_eq!(strip_quoted(gmail), "Oui, volontiers.");
        let outlook = "D'accord.\n\nDe : Carrefour\nEnvoyé : mardi 3 décembre 2026 10:00\nÀ : Léa\nObjet : Re: jardin\n";
        assert_eq!(strip_quoted(outlook), "D'accord.");
        let inline = "> Pouvez-vous venir jeudi ?\nOui, jeudi 14 h.\n> Et vendredi ?\nNon.\n\nEnvoyé de mon iPhone";
        assert_eq!(strip_quoted(inline), "Oui, jeudi 14 h.\nNon.");
        let marker = "Parfait\n-- Répondez au-dessus de cette ligne / Reply above this line --\nNouveau message…";
        assert_eq!(strip_quoted(marker), "Parfait");
    }

    #[test]
    fn the_secret_is_found_in_the_hub_s_reply_address_only() {
        let secret = "0123456789abcdef0123456789abcdef01234567";
        let addresses = vec![
            "lea@exemple.fr".to_owned(),
            format!("Reponse+{}@Carrefour.Localhost", secret.to_uppercase()),
        ];
        assert_eq!(
            secret_in(&addresses, "reponse", "carrefour.localhost").as_deref(),
            Some(secret)
        );
        assert_eq!(secret_in(&addresses, "reponse", "autre.example"), None);
        assert_eq!(
            secret_in(
                &["reponse+court@carrefour.localhost".into()],
                "reponse",
                "carrefour.localhost"
            ),
            None
        );
    }

    #[test]
    fn html_replies_lose_their_quoted_block() {
        let raw = "From: Léa <lea@exemple.fr>\r\nTo: reponse+x@carrefour.localhost\r\nSubject: Re: jardin\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>Avec plaisir !</div><div class=\"gmail_quote\">Le 3 déc., Carrefour a écrit :<blockquote>Bonjour ?</blockquote></div>";
        let message = MessageParser::default().parse(raw.as_bytes()).unwrap();
        assert_eq!(reply_text(&message), "Avec plaisir !");
    }
}
