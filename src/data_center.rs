//! Cronofy's data centers: the API host of each and the address organizer mail must be
//! forwarded to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A Cronofy data center. `us` is the default.
///
/// ```
/// use smart_invite::DataCenter;
/// let uk: DataCenter = "uk".parse().unwrap();
/// assert_eq!(uk.api_url(), "https://api-uk.cronofy.com");
/// assert_eq!(uk.forwarding_address(), "organizer@invite-uk.cronofy.com");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataCenter {
    /// United States (`api.cronofy.com`), the default.
    #[default]
    Us,
    /// United Kingdom.
    Uk,
    /// Germany.
    De,
    /// Australia.
    Au,
    /// Canada.
    Ca,
    /// Singapore.
    Sg,
}

/// `(data center, id, API base URL, organizer forwarding address)`, one row each.
const TABLE: [(DataCenter, &str, &str, &str); 6] = [
    (DataCenter::Us, "us", "https://api.cronofy.com", "organizer@invite.cronofy.com"),
    (DataCenter::Uk, "uk", "https://api-uk.cronofy.com", "organizer@invite-uk.cronofy.com"),
    (DataCenter::De, "de", "https://api-de.cronofy.com", "organizer@invite-de.cronofy.com"),
    (DataCenter::Au, "au", "https://api-au.cronofy.com", "organizer@invite-au.cronofy.com"),
    (DataCenter::Ca, "ca", "https://api-ca.cronofy.com", "organizer@invite-ca.cronofy.com"),
    (DataCenter::Sg, "sg", "https://api-sg.cronofy.com", "organizer@invite-sg.cronofy.com"),
];

impl DataCenter {
    /// Every data center, the default first.
    ///
    /// ```
    /// assert_eq!(smart_invite::DataCenter::ALL.len(), 6);
    /// ```
    pub const ALL: [DataCenter; 6] = [Self::Us, Self::Uk, Self::De, Self::Au, Self::Ca, Self::Sg];

    fn row(self) -> &'static (DataCenter, &'static str, &'static str, &'static str) {
        &TABLE[self as usize]
    }

    /// The short id (`us`, `uk`, ...).
    ///
    /// ```
    /// assert_eq!(smart_invite::DataCenter::De.id(), "de");
    /// ```
    pub fn id(self) -> &'static str {
        self.row().1
    }

    /// The API base URL, without a trailing slash.
    ///
    /// ```
    /// assert_eq!(smart_invite::DataCenter::Us.api_url(), "https://api.cronofy.com");
    /// ```
    pub fn api_url(self) -> &'static str {
        self.row().2
    }

    /// The address that mail to a custom organizer email must be forwarded to.
    ///
    /// ```
    /// assert_eq!(smart_invite::DataCenter::Sg.forwarding_address(), "organizer@invite-sg.cronofy.com");
    /// ```
    pub fn forwarding_address(self) -> &'static str {
        self.row().3
    }
}

impl fmt::Display for DataCenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The error for an id that names no data center.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDataCenter(pub String);

impl fmt::Display for UnknownDataCenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = TABLE.iter().map(|row| row.1).collect();
        write!(f, "\"{}\" is not a data center; use one of {}.", self.0, ids.join(", "))
    }
}

impl std::error::Error for UnknownDataCenter {}

impl FromStr for DataCenter {
    type Err = UnknownDataCenter;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        TABLE
            .iter()
            .find(|row| row.1.eq_ignore_ascii_case(id.trim()))
            .map(|row| row.0)
            .ok_or_else(|| UnknownDataCenter(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_match_their_variant() {
        for dc in DataCenter::ALL {
            assert_eq!(dc.row().0, dc);
            assert_eq!(dc.id().parse::<DataCenter>().unwrap(), dc);
            assert!(dc.api_url().starts_with("https://api"));
        }
    }

    #[test]
    fn unknown_id_names_the_choices() {
        let err = "eu".parse::<DataCenter>().unwrap_err();
        assert_eq!(err.to_string(), "\"eu\" is not a data center; use one of us, uk, de, au, ca, sg.");
    }
}
