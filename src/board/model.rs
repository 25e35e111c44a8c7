//! The board's vocabularies: kinds of requests, their statuses, contracts, places,
//! answer statuses. Each is stored by its code and named in the interface by the locale
//! key `board-<vocabulary>-<code>`.

use serde::Serialize;

use crate::partners::model::vocabulary;

vocabulary!(
    /// What a request asks for.
    Kind {
        Expertise => "expertise",
        Job => "job",
        Volunteer => "volunteer",
        Sponsorship => "sponsorship",
        Partnership => "partnership",
        Call => "call",
    }
);

vocabulary!(
    /// Where a request stands. Only `published` requests take answers; `filled`,
    /// `closed` and `expired` ones stay readable with their answers.
    Status {
        Draft => "draft",
        Review => "review",
        Published => "published",
        Filled => "filled",
        Closed => "closed",
        Expired => "expired",
        Unpublished => "unpublished",
    }
);

impl Status {
    /// Seen by everyone (the others only by the posting organisation).
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Status::Published | Status::Filled | Status::Closed | Status::Expired
        )
    }

    /// Ended, and so reopenable by its organisation.
    pub fn is_ended(self) -> bool {
        matches!(self, Status::Filled | Status::Closed | Status::Expired)
    }
}

vocabulary!(
    /// The contract of a job offer.
    Contract {
        Cdi => "cdi",
        Cdd => "cdd",
        Apprenticeship => "alternance",
        Internship => "stage",
        CivicService => "service_civique",
        Freelance => "freelance",
    }
);

impl Contract {
    /// schema.org `employmentType` of the contract.
    pub fn employment_type(self) -> &'static str {
        match self {
            Contract::Cdi => "FULL_TIME",
            Contract::Cdd => "TEMPORARY",
            Contract::Apprenticeship | Contract::Internship => "INTERN",
            Contract::CivicService => "VOLUNTEER",
            Contract::Freelance => "CONTRACTOR",
        }
    }
}

vocabulary!(
    /// What a pay range is counted per.
    PayPeriod {
        Hour => "hour",
        Day => "day",
        Month => "month",
        Year => "year",
    }
);

impl PayPeriod {
    /// schema.org `unitText` of the period.
    pub fn unit_text(self) -> &'static str {
        match self {
            PayPeriod::Hour => "HOUR",
            PayPeriod::Day => "DAY",
            PayPeriod::Month => "MONTH",
            PayPeriod::Year => "YEAR",
        }
    }
}

vocabulary!(
    /// The reach of a request or a profile.
    Reach {
        Commune => "commune",
        Department => "department",
        Region => "region",
        France => "france",
        Remote => "remote",
    }
);

vocabulary!(
    /// How people answer a request.
    AnswerMode {
        Carrefour => "carrefour",
        Link => "link",
        Email => "email",
    }
);

vocabulary!(
    /// Where an answer stands for the posting organisation.
    AnswerStatus {
        New => "new",
        Shortlisted => "shortlisted",
        Declined => "declined",
        Accepted => "accepted",
    }
);

vocabulary!(
    /// Whether a profile's help is paid.
    ProfileTerms {
        ProBono => "pro_bono",
        Paid => "paid",
        Both => "both",
    }
);

vocabulary!(
    /// How often a saved search mails its new requests.
    Frequency {
        Immediate => "immediate",
        Daily => "daily",
        Weekly => "weekly",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(*kind));
        }
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(*status));
        }
        assert_eq!(
            Contract::parse("service_civique"),
            Some(Contract::CivicService)
        );
        assert_eq!(Kind::parse("Job"), None);
    }

    #[test]
    fn public_and_ended_statuses() {
        assert!(Status::Expired.is_public() && Status::Expired.is_ended());
        assert!(!Status::Draft.is_public() && !Status::Review.is_public());
        assert!(Status::Published.is_public() && !Status::Published.is_ended());
    }
}
