//! The closed vocabularies of partners: kinds, scales, statuses and member roles.
use serde::Serialize;

/// Declares a closed list of values stored as text.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value stored as `text`, if it is one.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            pub fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }
    };
}
/// Other domains declare their vocabularies the same way.
pub(crate) use vocabulary;

vocabulary!(
    /// What sort of organisation a partner is.
    Kind {
        Network => "network",
        Foundation => "foundation",
        LocalAuthority => "local_authority",
        Association => "association",
        PublicBody => "public_body",
        Company => "company",
        Research => "research",
    }
);

vocabulary!(
    /// The territory a partner works at.
    Scale {
        Local => "local",
        Regional => "regional",
        National => "national",
    }
);

vocabulary!(
    /// Where a partner stands in the collective.
    Status {
        Applicant => "applicant",
        Active => "active",
        Suspended => "suspended",
        Left => "left",
    }
);

vocabulary!(
    /// A member's role in a partner, from most to least powerful.
    Role {
        Admin => "admin",
        Editor => "editor",
        Voter => "voter",
        Member => "member",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(*role));
        }
        assert_eq!(Kind::parse("local_authority"), Some(Kind::LocalAuthority));
        assert_eq!(Scale::parse("galactic"), None);
        assert_eq!(
            Status::codes(),
            ["applicant", "active", "suspended", "left"]
        );
    }
}
