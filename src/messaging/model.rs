//! The closed vocabularies of messaging and claims, stored as text.
use serde::Serialize;

use crate::partners::model::vocabulary;

vocabulary!(
    /// How someone takes part in a conversation.
    Role {
        /// Started it.
        Sender => "sender",
        /// Holds the project it is about (a claimed project).
        Holder => "holder",
        /// Holds the project and is reached by mail, without an account.
        Relay => "relay",
        /// Handles it for a shared inbox (a partner's, the coordinators').
        Inbox => "inbox",
    }
);

vocabulary!(
    /// Whose shared inbox a conversation is addressed to.
    InboxKind {
        Partner => "partner",
        Coordination => "coordination",
    }
);

vocabulary!(
    /// Where a conversation stands in a shared inbox.
    InboxStatus {
        Open => "open",
        Done => "done",
    }
);

vocabulary!(
    /// Whether a message is shown.
    MessageStatus {
        Visible => "visible",
        /// A new account's first message with links, waiting for a coordinator.
        Held => "held",
        /// Removed by a coordinator after review.
        Removed => "removed",
    }
);

vocabulary!(
    /// How a message reached the hub.
    Via {
        Web => "web",
        Relay => "relay",
        Mail => "mail",
    }
);

vocabulary!(
    /// How a message body is written.
    Format {
        Markdown => "markdown",
        Text => "text",
    }
);

vocabulary!(
    /// Where a claim to hold a project stands.
    ClaimStatus {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
        Revoked => "revoked",
    }
);

vocabulary!(
    /// How a holder proved the claim.
    ClaimMethod {
        /// Followed a link sent to the project's contact address.
        Email => "email",
        /// Answered a relayed message (the relay link was sent to that address).
        Relay => "relay",
        /// A partner that lists the project approved a request.
        Request => "request",
    }
);

/// The inbox key of a conversation's partner inbox (unique per conversation).
pub fn partner_inbox_key(partner_id: i64) -> String {
    format!("partner:{partner_id}")
}

/// The inbox key of the coordinators' inbox.
pub const COORDINATION_INBOX_KEY: &str = "coordination";
