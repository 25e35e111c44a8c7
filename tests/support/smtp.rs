//! A real SMTP server on loopback for tests: it speaks enough of RFC 5321 (greeting,
//! EHLO/HELO, MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT) for lettre's
//! plain (no TLS, no AUTH) submissions, and keeps every accepted message in memory.
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope sender (`MAIL FROM`), without angle brackets.
    pub from: String,
    /// The envelope recipients (`RCPT TO`), in order.
    pub to: Vec<String>,
    /// The message as sent after `DATA`, dot-unstuffed, lines ending in CRLF.
    pub data: String,
}

impl Mail {
    /// The message with quoted-printable escapes undone, for searching.
    pub fn text(&self) -> String {
        super::decoded(&self.data)
    }

    /// True when `address` is one of the envelope recipients (any case).
    pub fn is_to(&self, address: &str) -> bool {
        self.to.iter().any(|r| r.eq_ignore_ascii_case(address))
    }
}

#[derive(Default)]
struct Inbox {
    mails: Mutex<Vec<Mail>>,
    arrived: Notify,
}

/// The server; it stops when dropped.
pub struct SmtpSink {
    addr: SocketAddr,
    inbox: Arc<Inbox>,
    tasks: JoinSet<()>,
}

impl SmtpSink {
    /// Starts a server on `127.0.0.1` on a port the system picks.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("cannot bind the SMTP sink");
        let addr = listener.local_addr().unwrap();
        let inbox = Arc::new(Inbox::default());
        let mut tasks = JoinSet::new();
        let accepting = inbox.clone();
        tasks.spawn(async move {
            // Each connection lives as long as this task: aborting it aborts them all.
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        let inbox = accepting.clone();
                        connections.spawn(async move {
                            if let Err(err) = session(stream, &inbox).await {
                                eprintln!("SMTP sink: connection ended: {err}");
                            }
                        });
                    }
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            }
        });
        Self { addr, inbox, tasks }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every message received so far, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        self.inbox.mails.lock().unwrap().clone()
    }

    /// Waits until `enough` says the messages received so far suffice, up to `timeout`;
    /// returns them, or `None` on timeout.
    pub async fn wait_until(
        &self,
        timeout: std::time::Duration,
        mut enough: impl FnMut(&[Mail]) -> bool,
    ) -> Option<Vec<Mail>> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register interest before looking, so an arrival in between is not missed.
            let arrived = self.inbox.arrived.notified();
            {
                let mails = self.inbox.mails.lock().unwrap();
                if enough(&mails) {
                    return Some(mails.clone());
                }
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return None;
            }
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.tasks.abort_all();
    }
}

/// What the client has said so far in the current transaction.
#[derive(Default)]
struct Transaction {
    from: Option<String>,
    to: Vec<String>,
}

/// `<addr> PARAMS` after `MAIL FROM:` or `RCPT TO:` → `addr`.
fn path_argument(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        return Some(inner[..end].to_owned());
    }
    rest.split_whitespace().next().map(str::to_owned)
}

/// Case-insensitive `prefix` at the start of `line`; returns what follows it.
fn after<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &line[prefix.len()..])
}

async fn session(stream: TcpStream, inbox: &Inbox) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut reply = async |text: &str| -> std::io::Result<()> {
        write.write_all(text.as_bytes()).await?;
        write.write_all(b"\r\n").await?;
        write.flush().await
    };
    reply("220 127.0.0.1 ESMTP carrefour test sink").await?;
    let mut transaction = Transaction::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line);
        let command = command.trim_end_matches(['\r', '\n']);
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => {
                transaction = Transaction::default();
                reply("250-127.0.0.1 hello\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760")
                    .await?
            }
            "HELO" => {
                transaction = Transaction::default();
                reply("250 127.0.0.1 hello").await?
            }
            "MAIL" => match after(command, "MAIL FROM:").and_then(path_argument) {
                Some(from) => {
                    transaction = Transaction {
                        from: Some(from),
                        to: Vec::new(),
                    };
                    reply("250 2.1.0 sender ok").await?
                }
                None => reply("501 5.5.4 syntax: MAIL FROM:<address>").await?,
            },
            "RCPT" => match (
                &transaction.from,
                after(command, "RCPT TO:").and_then(path_argument),
            ) {
                (None, _) => reply("503 5.5.1 MAIL first").await?,
                (Some(_), Some(to)) => {
                    transaction.to.push(to);
                    reply("250 2.1.5 recipient ok").await?
                }
                (Some(_), None) => reply("501 5.5.4 syntax: RCPT TO:<address>").await?,
            },
            "DATA" => {
                if transaction.from.is_none() || transaction.to.is_empty() {
                    reply("503 5.5.1 MAIL and RCPT first").await?;
                    continue;
                }
                reply("354 end data with <CR><LF>.<CR><LF>").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if reader.read_until(b'\n', &mut line).await? == 0 {
                        return Ok(());
                    }
                    let text = String::from_utf8_lossy(&line);
                    let text = text.trim_end_matches(['\r', '\n']);
                    if text == "." {
                        break;
                    }
                    // Dot-unstuffing (RFC 5321 §4.5.2).
                    data.push_str(text.strip_prefix('.').unwrap_or(text));
                    data.push_str("\r\n");
                }
                let finished = std::mem::take(&mut transaction);
                inbox.mails.lock().unwrap().push(Mail {
                    from: finished.from.unwrap_or_default(),
                    to: finished.to,
                    data,
                });
                inbox.arrived.notify_waiters();
                reply("250 2.0.0 queued").await?
            }
            "RSET" => {
                transaction = Transaction::default();
                reply("250 2.0.0 reset").await?
            }
            "NOOP" => reply("250 2.0.0 ok").await?,
            "QUIT" => {
                reply("221 2.0.0 bye").await?;
                return Ok(());
            }
            _ => reply("502 5.5.2 command not implemented").await?,
        }
    }
}
