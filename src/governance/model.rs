//! The closed vocabularies of governance: what a proposal is about and where it stands.
use serde::Serialize;

use super::charter::GovernanceRules;
use super::tally::{Method, Thresholds};

/// What a proposal decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    CharterAmendment,
    RoadmapDecision,
    PartnerAdmission,
    GeneralDecision,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::CharterAmendment,
        Kind::RoadmapDecision,
        Kind::PartnerAdmission,
        Kind::GeneralDecision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CharterAmendment => "charter_amendment",
            Kind::RoadmapDecision => "roadmap_decision",
            Kind::PartnerAdmission => "partner_admission",
            Kind::GeneralDecision => "general_decision",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The methods a proposal of this kind may use.
    pub fn methods(self) -> &'static [Method] {
        match self {
            Kind::CharterAmendment | Kind::PartnerAdmission => &[Method::YesNo],
            Kind::RoadmapDecision => &[Method::MajorityJudgment, Method::Approval],
            Kind::GeneralDecision => &[Method::YesNo, Method::MajorityJudgment, Method::Approval],
        }
    }

    /// Partners draft these; admissions come from applications (coordinators).
    pub fn drafted_by_partners(self) -> bool {
        self != Kind::PartnerAdmission
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Deliberation,
    Voting,
    Closed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Deliberation,
        Status::Voting,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Deliberation => "deliberation",
            Status::Voting => "voting",
            Status::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Text and options may still change (they freeze when the vote opens).
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Deliberation)
    }
}

/// The quorum and threshold a vote of `kind` is counted with under `rules`.
pub fn thresholds(rules: &GovernanceRules, kind: Kind) -> Thresholds {
    let qualified = rules
        .qualified_majority_for
        .kinds
        .iter()
        .any(|k| k == kind.as_str());
    Thresholds {
        quorum: rules.quorum,
        threshold: if qualified {
            rules.qualified_threshold
        } else {
            rules.majority_threshold
        },
        qualified,
    }
}
