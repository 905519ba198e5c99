//! The ids the validator accepts (all of chrono-tz's database) and suggestions for ids that
//! are not among them.

use super::Zone;

/// Every IANA time zone id the validator accepts, sorted, for a select box.
///
/// ```
/// let zones = smart_invite::time::time_zones();
/// assert!(zones.contains(&"Europe/London"));
/// assert!(zones.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn time_zones() -> Vec<&'static str> {
    // build.rs writes the ids in chrono-tz's order, which is sorted (this function's example checks it).
    Zone::all().map(Zone::name).collect()
}

/// The known zone ids closest to an unknown one, best first (at most three).
///
/// ```
/// assert_eq!(smart_invite::time::suggest_time_zones("Europe/Lodnon"), vec!["Europe/London"]);
/// assert_eq!(smart_invite::time::suggest_time_zones("Paris")[0], "Europe/Paris");
/// ```
pub fn suggest_time_zones(id: &str) -> Vec<&'static str> {
    let city = |name: &'static str| name.rsplit('/').next().unwrap_or(name);
    crate::suggest::closest(id, Zone::all().map(Zone::name), |name| [name, city(name)], 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_typos() {
        let cases: &[(&str, &str)] = &[
            ("Europe/Lodnon", "Europe/London"),
            ("america/new_york", "America/New_York"),
            ("America/NewYork", "America/New_York"),
            ("Australia/Lord_Howe ", "Australia/Lord_Howe"),
            ("Tokyo", "Asia/Tokyo"),
        ];
        for (typo, expected) in cases {
            assert_eq!(suggest_time_zones(typo).first(), Some(expected), "{typo}");
        }
        assert!(suggest_time_zones("Mars/Olympus_Mons_Base").is_empty());
    }

    #[test]
    fn every_listed_zone_is_found() {
        for name in time_zones() {
            assert_eq!(Zone::find(name).map(Zone::name), Some(name));
            assert!(name.is_ascii(), "suggestions compare ASCII names: {name}");
        }
        assert!(Zone::find("Europe/Lodnon").is_none());
    }
}
