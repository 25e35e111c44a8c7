//! The communities' vocabularies. Each is stored by its code and named in the interface
//! by the locale key `community-<vocabulary>-<code>`.
use serde::Serialize;

use crate::partners::model::vocabulary;

vocabulary!(
    /// The territory a community acts on (`france` for a theme-only community).
    Scope {
        France => "france",
        Region => "region",
        Department => "department",
        Commune => "commune",
    }
);

vocabulary!(
    /// Who sees a community's members, discussions and events.
    Visibility {
        Public => "public",
        Members => "members",
    }
);

vocabulary!(
    /// How people become members.
    Rule {
        Open => "open",
        Request => "request",
        Invitation => "invitation",
    }
);

vocabulary!(
    /// Where a proposed community stands.
    Status {
        Proposed => "proposed",
        Active => "active",
        Declined => "declined",
    }
);

vocabulary!(
    /// A member's role.
    Role {
        Host => "host",
        Member => "member",
    }
);

vocabulary!(
    /// A membership's state: a member, someone who asked to join, someone invited.
    MemberStatus {
        Active => "active",
        Requested => "requested",
        Invited => "invited",
    }
);

vocabulary!(
    /// A person's answer to an event; `waiting` when they wanted to go and it was full.
    Answer {
        Going => "going",
        Waiting => "waiting",
        Maybe => "maybe",
        NotGoing => "not_going",
    }
);

vocabulary!(
    /// How an event repeats.
    Recurrence {
        None => "none",
        Weekly => "weekly",
        Monthly => "monthly",
    }
);

vocabulary!(
    /// Where an event takes place.
    Place {
        Commune => "commune",
        Online => "online",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.as_str()), Some(*rule));
        }
        assert_eq!(Answer::parse("not_going"), Some(Answer::NotGoing));
        assert_eq!(Scope::parse("Region"), None);
    }
}
