//! Event times: the forms the API and HTML forms write, local times resolved in an IANA zone
//! (where daylight saving time can skip or repeat an hour), and the zones themselves.
//!
//! ```
//! use smart_invite::time::{suggest_time_zones, EventTime, Moment};
//! let start: Moment = "2026-04-29T10:30:00+01:00".parse().unwrap();
//! assert_eq!(start.to_string(), "2026-04-29T09:30:00Z");
//! assert_eq!(suggest_time_zones("Europe/Londn"), ["Europe/London"]);
//! let shown: EventTime = serde_json::from_str(r#"{"time":"2026-04-29","tzid":"Asia/Tokyo"}"#).unwrap();
//! assert!(matches!(shown.time, Moment::Date(_)));
//! ```

mod moment;
pub(crate) mod parse;
pub(crate) mod strftime;
mod zone;

pub use moment::{EventTime, Moment};
pub use parse::TimeError;
pub use zone::{suggest_time_zones, time_zones, Zone, ZoneOffset};
