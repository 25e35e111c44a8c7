//! A real OAuth2 / OpenID Connect provider for tests: `scripts/oauth-mock/server.js`
//! (npm `oauth2-mock-server`) run by Node on a loopback port, killed on drop.
//!
//! `scripts/test` installs Node and the module and sets `OAUTH_MOCK_SCRIPT`; outside it the
//! script is looked up next to the sources, and a missing Node or module fails the test
//! with a message saying to run `scripts/test` (the tests are never skipped silently).
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use carrefour::config::OAuthProvider;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};

/// Who the provider says signs in at the next authorization.
#[derive(Debug, Clone)]
pub struct MockUser {
    pub sub: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

impl MockUser {
    /// A person with a verified address.
    pub fn verified(sub: &str, email: &str, name: &str) -> Self {
        Self {
            sub: sub.into(),
            email: Some(email.into()),
            email_verified: true,
            name: Some(name.into()),
        }
    }

    /// The same person whose address the provider does not vouch for.
    pub fn unverified(sub: &str, email: &str, name: &str) -> Self {
        Self {
            email_verified: false,
            ..Self::verified(sub, email, name)
        }
    }

    /// Appends the parameters that choose this person to an authorization URL.
    pub fn choose_in(&self, authorize_url: &str) -> String {
        let mut url = url::Url::parse(authorize_url)
            .unwrap_or_else(|e| panic!("not an authorization URL ({e}): {authorize_url}"));
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("mock_sub", &self.sub);
            query.append_pair("mock_email", self.email.as_deref().unwrap_or(""));
            query.append_pair(
                "mock_email_verified",
                if self.email_verified { "true" } else { "false" },
            );
            query.append_pair("mock_name", self.name.as_deref().unwrap_or(""));
        }
        url.into()
    }
}

/// The mock provider process.
pub struct MockProvider {
    pub issuer: String,
    child: Child,
    // Held open: the script exits when its standard input closes.
    _stdin: Option<ChildStdin>,
}

const HOW_TO: &str = "the OAuth tests need Node.js and the npm module in scripts/oauth-mock: \
                      run them through scripts/test (it installs both), or run \
                      `npm ci --prefix scripts/oauth-mock` and make sure `node` is on PATH";

fn script() -> PathBuf {
    let path = std::env::var_os("OAUTH_MOCK_SCRIPT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/oauth-mock/server.js")
        });
    assert!(
        path.is_file(),
        "{} does not exist; {HOW_TO}",
        path.display()
    );
    let module = path
        .parent()
        .unwrap()
        .join("node_modules/oauth2-mock-server/package.json");
    assert!(
        module.is_file(),
        "{} is missing; {HOW_TO}",
        module.display()
    );
    path
}

impl MockProvider {
    /// Starts the provider on a free loopback port and waits until it listens.
    pub async fn start() -> Self {
        let script = script();
        let node = std::env::var("NODE").unwrap_or_else(|_| "node".into());
        let mut child = Command::new(&node)
            .arg(&script)
            .arg("0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run `{node}` ({e}); {HOW_TO}"));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("the OAuth mock did not start within 30 s; {HOW_TO}"))
            .expect("cannot read the OAuth mock's output");
        let Some(first) = first else {
            let status = child.wait().await;
            panic!("the OAuth mock exited before listening ({status:?}); {HOW_TO}");
        };
        let announced: serde_json::Value = serde_json::from_str(&first)
            .unwrap_or_else(|e| panic!("unexpected first line from the OAuth mock ({e}): {first}"));
        let issuer = announced["issuer"]
            .as_str()
            .unwrap_or_else(|| panic!("no issuer in {first}"))
            .to_owned();
        assert!(
            issuer.starts_with("http://127.0.0.1:"),
            "the mock must listen on loopback: {issuer}"
        );
        // Keep draining stdout so the process never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            issuer,
            child,
            _stdin: stdin,
        }
    }

    /// Settings for the app: a provider `id` discovered from this issuer.
    pub fn provider(&self, id: &str, label: &str) -> OAuthProvider {
        OAuthProvider {
            id: id.into(),
            label: label.into(),
            issuer: Some(self.issuer.clone()),
            auth_url: None,
            token_url: None,
            userinfo_url: None,
            client_id: "carrefour-tests".into(),
            client_secret: None,
            scopes: vec!["openid".into(), "email".into(), "profile".into()],
            subject_claim: "sub".into(),
            email_always_verified: false,
        }
    }
}

impl Drop for MockProvider {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}
