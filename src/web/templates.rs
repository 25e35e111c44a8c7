//! Tera templates compiled into the binary (read from disk in debug builds), with the
//! `t(key=…)` translation function that uses the page's `lang`.
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use anyhow::Context as _;
use fluent_bundle::FluentValue;
use fluent_templates::Loader;
use rust_embed::RustEmbed;
use serde::Serialize;
use tera::{Kwargs, State, Tera};

use super::i18n::{LOCALES, Lang};

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

/// The compiled set of templates: at start-up ([`Templates::load`]), or at first use
/// ([`Templates::on_demand`], for commands that rarely render anything).
pub struct Templates {
    tera: OnceLock<Tera>,
}

impl Templates {
    /// Loads every template and registers the hub's functions and filters.
    pub fn load() -> anyhow::Result<Self> {
        let templates = Self::on_demand();
        templates.tera()?;
        Ok(templates)
    }

    /// The same templates, compiled when first rendered: `carrefour crawl` renders one
    /// only when a run warns by mail, and compiled templates take ~2 MiB
    /// (docs/benchmarks.md).
    pub fn on_demand() -> Self {
        Self {
            tera: OnceLock::new(),
        }
    }

    fn tera(&self) -> anyhow::Result<&Tera> {
        if let Some(tera) = self.tera.get() {
            return Ok(tera);
        }
        let tera = compile()?;
        // Two first uses at once compile twice; one of them is kept.
        Ok(self.tera.get_or_init(|| tera))
    }

    /// True when a template of that name exists (false when they cannot be compiled:
    /// rendering then reports why).
    pub fn has(&self, name: &str) -> bool {
        self.tera().is_ok_and(|tera| tera.contains_template(name))
    }

    /// Renders `template` with the serialised `context`.
    pub fn render(&self, template: &str, context: &tera::Context) -> anyhow::Result<String> {
        self.tera()?
            .render(template, context)
            .map_err(|e| anyhow::anyhow!("rendering {template} failed: {e:?}"))
    }
}

/// Every embedded template, with the hub's functions and filters.
fn compile() -> anyhow::Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    // Tera 2 checks references when templates are added: register first.
    tera.register_function("t", translate);
    let mut sources = Vec::new();
    for name in TemplateFiles::iter() {
        let file = TemplateFiles::get(&name).context("embedded template vanished")?;
        let text = String::from_utf8(file.data.into_owned())
            .with_context(|| format!("template {name} is not UTF-8"))?;
        sources.push((name.into_owned(), text));
    }
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| anyhow::anyhow!("template error: {e}"))?;
    Ok(tera)
}

/// `t(key="…", any=args)`: the message `key` in the page's language (`lang` in the context).
fn translate(kwargs: Kwargs, state: &State) -> tera::TeraResult<String> {
    let key: &str = kwargs.must_get("key")?;
    let lang = state
        .get::<String>("lang")?
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(Lang::Fr);
    let mut args: HashMap<Cow<'static, str>, FluentValue<'static>> = HashMap::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str() else { continue };
        if name == "key" {
            continue;
        }
        let fluent = if let Some(n) = value.as_i128() {
            FluentValue::from(n as f64)
        } else if let Some(f) = value.as_f64() {
            FluentValue::from(f)
        } else if let Some(s) = value.as_str() {
            FluentValue::from(s.to_owned())
        } else {
            FluentValue::from(value.to_string())
        };
        args.insert(Cow::Owned(name.replace('_', "-")), fluent);
    }
    Ok(LOCALES
        .try_lookup_with_args(&lang.id(), key, &args)
        .unwrap_or_else(|| key.to_owned()))
}

/// Serialises a view model into a Tera context.
pub fn context_of<T: Serialize>(value: &T) -> anyhow::Result<tera::Context> {
    tera::Context::from_serialize(value).map_err(|e| anyhow::anyhow!("view model: {e}"))
}

/// Every template file name, for tests that check translations.
pub fn template_sources() -> Vec<(String, String)> {
    TemplateFiles::iter()
        .filter_map(|name| {
            let file = TemplateFiles::get(&name)?;
            Some((
                name.into_owned(),
                String::from_utf8_lossy(&file.data).into_owned(),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Message ids defined in `locales/<lang>/*.ftl`.
    fn message_ids(lang: Lang) -> std::collections::HashSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.code());
        let mut ids = std::collections::HashSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    ids.insert(id.to_owned());
                }
            }
        }
        ids
    }

    /// Every `t(key="…")` used by a template exists in both languages; keys built from a
    /// prefix (`"partner-kind-" ~ kind`) are checked by the tests of their domain.
    #[test]
    fn every_template_key_is_translated() {
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let ids = message_ids(lang);
            for (name, source) in template_sources() {
                for piece in source.split("t(key=\"").skip(1) {
                    let key = piece.split('"').next().unwrap_or_default();
                    if !key.ends_with('-') && !ids.contains(key) {
                        missing.push(format!("{name}: {key} ({})", lang.code()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "untranslated keys: {missing:#?}");
    }

    /// Both languages define the same messages.
    #[test]
    fn languages_have_the_same_messages() {
        let fr = message_ids(Lang::Fr);
        let en = message_ids(Lang::En);
        let mut only_fr: Vec<_> = fr.difference(&en).collect();
        let mut only_en: Vec<_> = en.difference(&fr).collect();
        only_fr.sort();
        only_en.sort();
        assert!(
            only_fr.is_empty() && only_en.is_empty(),
            "fr only: {only_fr:?}, en only: {only_en:?}"
        );
    }

    #[test]
    fn all_templates_compile() {
        Templates::load().unwrap();
    }
}
