//! What a request of an authorization matrix did, as the board's and the communities'
//! matrices classify it.

/// What a request of the matrix does.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Outcome {
    Allowed,
    SignInFirst,
    Denied,
}

pub fn outcome(response: &reqwest::Response) -> Outcome {
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
