//! What went wrong with a page, a row or a whole run, in words partners read in their
//! language: a message code (`crawl-error-<code>` in `locales/*/crawl.ftl`) and its
//! arguments. The English text is kept beside them for logs and the command line.
use fluent_bundle::FluentValue;

use super::fetch::FetchError;
use crate::web::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn new(code: &'static str) -> Self {
        Problem {
            code,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        message(
            lang,
            self.code,
            self.args.iter().map(|(name, value)| (*name, value.clone())),
        )
    }

    pub fn english(&self) -> String {
        self.text(Lang::En)
    }

    /// The arguments as a JSON object (stored beside the code).
    pub fn args_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(map).to_string()
    }

    /// A stored message in `lang`: from its code and arguments when it has them, else
    /// the stored text (rows written before codes existed).
    pub fn stored_text(
        lang: Lang,
        code: Option<&str>,
        args: Option<&str>,
        fallback: &str,
    ) -> String {
        let Some(code) = code else {
            return fallback.to_owned();
        };
        let args: serde_json::Map<String, serde_json::Value> = args
            .and_then(|a| serde_json::from_str(a).ok())
            .unwrap_or_default();
        let text = message(
            lang,
            code,
            args.iter().map(|(k, v)| {
                let value = v
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| v.to_string());
                (k.as_str(), value)
            }),
        );
        // An unknown code comes back as its key: the stored text says more.
        if text == format!("crawl-error-{code}") {
            fallback.to_owned()
        } else {
            text
        }
    }
}

/// The message `crawl-error-<code>` in `lang` with these arguments.
fn message<'a>(lang: Lang, code: &str, args: impl Iterator<Item = (&'a str, String)>) -> String {
    let args: Vec<(&str, FluentValue<'static>)> = args
        .map(|(name, value)| (name, FluentValue::from(value)))
        .collect();
    lang.t_args(&format!("crawl-error-{code}"), &args)
}

impl From<&FetchError> for Problem {
    fn from(err: &FetchError) -> Self {
        let problem = Problem::new(err.code());
        match err {
            FetchError::Blocked { reason } => problem.with("detail", reason),
            FetchError::TooLarge { limit } => problem.with("limit", limit),
            FetchError::TooManyRedirects { max } => problem.with("max", max),
            FetchError::RedirectLoop { url } => problem.with("url", url),
            FetchError::Http { status } => match reqwest::StatusCode::from_u16(*status)
                .ok()
                .and_then(|s| s.canonical_reason())
            {
                Some(reason) => problem.with("status", status).with("reason", reason),
                None => Problem::new("http-bare").with("status", status),
            },
            FetchError::Network(detail) | FetchError::InvalidUrl(detail) => {
                problem.with("detail", detail)
            }
            FetchError::RateLimited {
                retry_after: Some(after),
            } => Problem::new("rate-limited-after").with("secs", after.as_secs()),
            FetchError::RateLimited { retry_after: None } => problem,
            FetchError::DisallowedByRobots | FetchError::SiteUnreachable | FetchError::Timeout => {
                problem
            }
        }
    }
}

impl From<FetchError> for Problem {
    fn from(err: FetchError) -> Self {
        Problem::from(&err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_in_both_languages() {
        let problem = Problem::from(FetchError::Http { status: 503 });
        assert_eq!(
            problem.text(Lang::Fr),
            "le serveur a répondu 503 (Service Unavailable)"
        );
        assert_eq!(
            problem.english(),
            "the server answered 503 (Service Unavailable)"
        );
        let stored = Problem::stored_text(
            Lang::Fr,
            Some(problem.code),
            Some(&problem.args_json()),
            "x",
        );
        assert_eq!(stored, "le serveur a répondu 503 (Service Unavailable)");
        assert_eq!(
            Problem::stored_text(Lang::Fr, None, None, "ancien"),
            "ancien"
        );
    }

    #[test]
    fn every_fetch_error_has_its_message() {
        use std::time::Duration;
        for err in [
            FetchError::Blocked {
                reason: "10.0.0.1".into(),
            },
            FetchError::DisallowedByRobots,
            FetchError::SiteUnreachable,
            FetchError::TooLarge { limit: 5 },
            FetchError::TooManyRedirects { max: 5 },
            FetchError::RedirectLoop {
                url: "http://a/".into(),
            },
            FetchError::Http { status: 404 },
            FetchError::Timeout,
            FetchError::Network("reset".into()),
            FetchError::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
            },
            FetchError::RateLimited { retry_after: None },
            FetchError::InvalidUrl("x".into()),
        ] {
            for lang in [Lang::Fr, Lang::En] {
                let text = Problem::from(&err).text(lang);
                assert!(!text.starts_with("crawl-error-"), "{err:?}: {text}");
                assert!(!text.contains('{'), "{text}");
            }
        }
    }
}
