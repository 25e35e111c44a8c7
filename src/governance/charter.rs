//! The collective's charter: `CHARTER.md` is version 1. Its front-matter block holds the
//! governance numbers that votes read.
use serde::{Deserialize, Serialize};

/// The charter text shipped with the code.
pub const CHARTER_V1: &str = include_str!("../../CHARTER.md");

/// Machine-readable governance rules of a charter version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernanceRules {
    /// Share of the electorate that must cast a ballot.
    pub quorum: f64,
    /// Share of `for` among `for + against` that must be exceeded for ordinary decisions.
    pub majority_threshold: f64,
    /// Share of `for` among `for + against` needed for the kinds listed below.
    pub qualified_threshold: f64,
    pub deliberation_days: u32,
    pub voting_days: u32,
    pub default_secret_ballot: bool,
    pub communities_need_approval: bool,
    /// Admissions only by the partners' vote (coordinators no longer accept directly).
    /// Absent from version 1's block, where coordinators may still decide.
    #[serde(default)]
    pub admission_by_vote: bool,
    pub qualified_majority_for: QualifiedKinds,
}

/// Proposal kinds decided by the qualified majority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifiedKinds {
    pub kinds: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct FrontMatter {
    version: u32,
    adopted_on: chrono::NaiveDate,
    governance: GovernanceRules,
}

/// A parsed charter version.
#[derive(Debug, Clone, Serialize)]
pub struct Charter {
    pub version: u32,
    pub adopted_on: chrono::NaiveDate,
    pub rules: GovernanceRules,
    /// The Markdown body without its front matter.
    pub body_markdown: String,
}

impl Charter {
    /// Parses a charter document: a `+++` TOML front matter, then Markdown.
    pub fn parse(document: &str) -> anyhow::Result<Self> {
        let rest = document
            .strip_prefix("+++")
            .ok_or_else(|| anyhow::anyhow!("the charter must start with a +++ front matter"))?;
        let (front, body) = rest
            .split_once("\n+++")
            .ok_or_else(|| anyhow::anyhow!("the charter front matter is not closed by +++"))?;
        let front: FrontMatter = toml::from_str(front)?;
        let rules = front.governance;
        for (name, value) in [
            ("quorum", rules.quorum),
            ("majority_threshold", rules.majority_threshold),
            ("qualified_threshold", rules.qualified_threshold),
        ] {
            if !(0.0..=1.0).contains(&value) {
                anyhow::bail!("governance.{name} must be between 0 and 1");
            }
        }
        Ok(Charter {
            version: front.version,
            adopted_on: front.adopted_on,
            rules,
            body_markdown: body.trim_start_matches(['\r', '\n']).to_owned(),
        })
    }

    /// The shipped version 1.
    pub fn bundled() -> anyhow::Result<Self> {
        Self::parse(CHARTER_V1)
    }

    /// The body as sanitised HTML.
    pub fn body_html(&self) -> String {
        crate::web::markdown::to_safe_html(&self.body_markdown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_charter_has_its_numbers() {
        let charter = Charter::bundled().unwrap();
        assert_eq!(charter.version, 1);
        assert_eq!(charter.rules.quorum, 0.5);
        assert!(charter.rules.qualified_threshold > 0.66);
        assert!(
            charter
                .rules
                .qualified_majority_for
                .kinds
                .contains(&"charter_amendment".to_owned())
        );
        assert!(charter.body_markdown.starts_with("# Charte"));
        assert!(charter.body_html().contains("<h1>"));
    }

    #[test]
    fn bad_front_matter_is_refused() {
        assert!(Charter::parse("# no front matter").is_err());
        assert!(Charter::parse("+++\nversion = 1\n").is_err());
        let bad = Charter::bundled().unwrap();
        let doc = CHARTER_V1.replace(&format!("quorum = {}", bad.rules.quorum), "quorum = 3");
        assert!(Charter::parse(&doc).is_err());
    }
}
