//! Domain types parsed at the edge of forms, and small validation helpers whose errors are
//! localisation keys.
use crate::error::FieldErrors;

/// A form whose only field is the CSRF token (a button that posts an action).
#[derive(Debug, serde::Deserialize)]
pub struct NoFields {}

/// A syntactically valid mail address, trimmed, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses an address; the error is a localisation key.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err("field-required");
        }
        if trimmed.chars().count() > 254 {
            return Err("email-too-long");
        }
        let address: lettre::Address = trimmed.parse().map_err(|_| "email-invalid")?;
        if !address.domain().contains('.') {
            return Err("email-invalid");
        }
        Ok(Email(address.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A web address people can follow: http or https, with a host.
pub fn http_url(raw: &str) -> Option<url::Url> {
    url::Url::parse(raw)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// Trims `value` and records `field-required`, `field-too-short` or `field-too-long`
/// under `field` when its length (in characters) is outside `min..=max`.
pub fn check_length(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    let problem = if length == 0 && min > 0 {
        Some("field-required")
    } else if length < min {
        Some("field-too-short")
    } else if length > max {
        Some("field-too-long")
    } else {
        None
    };
    if let Some(key) = problem {
        errors.entry(field.into()).or_default().push(key.into());
    }
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" marie@asso.fr ").unwrap().as_str(),
            "marie@asso.fr"
        );
        assert_eq!(Email::parse(""), Err("field-required"));
        assert_eq!(Email::parse("marie"), Err("email-invalid"));
        assert_eq!(Email::parse("marie@localhost"), Err("email-invalid"));
        assert_eq!(
            Email::parse(&format!("{}@x.fr", "a".repeat(260))),
            Err("email-too-long")
        );
    }

    #[test]
    fn lengths() {
        let mut errors = FieldErrors::new();
        assert_eq!(check_length(&mut errors, "a", "  ok  ", 1, 5), "ok");
        check_length(&mut errors, "b", "   ", 1, 5);
        check_length(&mut errors, "c", "toolong", 1, 5);
        check_length(&mut errors, "d", "x", 3, 5);
        assert_eq!(errors["b"], vec!["field-required"]);
        assert_eq!(errors["c"], vec!["field-too-long"]);
        assert_eq!(errors["d"], vec!["field-too-short"]);
        assert!(!errors.contains_key("a"));
    }
}
