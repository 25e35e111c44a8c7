//! Passwords: argon2id hashes, computed off the async threads.
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};

/// Shortest and longest accepted passwords, in characters.
pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 128;

/// Checks a new password; the error is a localisation key.
pub fn check_new(password: &str, email: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length == 0 {
        return Err("field-required");
    }
    if length < MIN_LEN {
        return Err("password-too-short");
    }
    if length > MAX_LEN {
        return Err("password-too-long");
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err("password-is-email");
    }
    Ok(())
}

/// Hashes a password with argon2id and a random salt.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// A valid hash of a password nobody knows, verified when an account does not exist so
/// that answers take the same time either way.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Ln0xE5dGrUC6TjQrJ4Iv5Nfq0Q8fnMDyBHz7ONKuqM8";

/// True when `password` matches `stored`; with no stored hash, spends the same time and fails.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let has_hash = stored.is_some();
    let stored = stored.unwrap_or_else(|| DECOY_HASH.to_owned());
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    has_hash && matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_decoys_fail() {
        let hashed = hash("correct horse battery".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(hashed.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(hashed)).await);
        assert!(!verify("anything at all".into(), None).await);
        assert!(
            PasswordHash::new(DECOY_HASH).is_ok(),
            "the decoy parses, so it costs a real verification"
        );
    }

    #[test]
    fn new_passwords_are_checked() {
        assert_eq!(check_new("", "a@b.fr"), Err("field-required"));
        assert_eq!(check_new("court", "a@b.fr"), Err("password-too-short"));
        assert_eq!(
            check_new(&"x".repeat(200), "a@b.fr"),
            Err("password-too-long")
        );
        assert_eq!(
            check_new("Marie@asso.fr", "marie@asso.fr"),
            Err("password-is-email")
        );
        assert!(check_new("une phrase de passe", "a@b.fr").is_ok());
    }
}
