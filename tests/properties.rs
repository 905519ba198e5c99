//! Any input gives a result, never a panic: arbitrary JSON values, arbitrary bytes and text,
//! and mutations of valid invites. Valid results normalize idempotently.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use smart_invite::{validate_bytes, validate_json, validate_value, Validation};

/// Strings that look like what the rules read: field names, times, zones, emails, and noise.
fn interesting_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("".to_owned()),
        Just("2026-04-29T09:30:00Z".to_owned()),
        Just("2026-03-29T01:30".to_owned()),
        Just("2026-10-25T01:30".to_owned()),
        Just("2026-04-29".to_owned()),
        Just("Europe/London".to_owned()),
        Just("cronofy@example.com".to_owned()),
        Just("https://example.com/cb".to_owned()),
        Just("request".to_owned()),
        Just("cancel".to_owned()),
        "[0-9:TZ+. -]{0,30}",
        "\\PC{0,40}",
        any::<String>(),
    ]
}

const KEYS: &[&str] = &[
    "method",
    "smart_invite_id",
    "recipient",
    "recipients",
    "email",
    "status",
    "callback_url",
    "organizer",
    "name",
    "event",
    "summary",
    "description",
    "start",
    "end",
    "tzid",
    "time",
    "location",
    "lat",
    "long",
    "reminders",
    "minutes",
    "transparency",
    "color",
    "url",
    "attendees",
    "conferencing",
    "__proto__",
    "",
];

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        interesting_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn valid_invite() -> Value {
    json!({
        "smart_invite_id": "interview-42",
        "recipients": [{"email": "a@example.com", "status": "accepted"}, {"email": "b@example.com"}],
        "callback_url": "https://yourapp.example.com/cb",
        "organizer": {"name": "Acme", "email": "me@acme.example"},
        "event": {
            "summary": "Board meeting", "description": "Plans.",
            "start": {"time": "2026-04-29T10:30", "tzid": "Europe/London"}, "end": "2026-04-29T10:00:00Z",
            "tzid": "America/New_York",
            "location": {"description": "Room", "lat": 51.5, "long": "-0.12"},
            "reminders": [{"minutes": 10}], "transparency": "opaque", "color": "#c6040f",
            "url": "https://example.com"
        }
    })
}

/// Every path to a value inside `doc` (object keys and array indices).
fn paths(doc: &Value, prefix: Vec<PathPart>, out: &mut Vec<Vec<PathPart>>) {
    match doc {
        Value::Object(map) => {
            for (k, v) in map {
                let mut p = prefix.clone();
                p.push(PathPart::Key(k.clone()));
                out.push(p.clone());
                paths(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(PathPart::Index(i));
                out.push(p.clone());
                paths(v, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathPart {
    Key(String),
    Index(usize),
}

fn slot<'a>(doc: &'a mut Value, path: &[PathPart]) -> &'a mut Value {
    path.iter().fold(doc, |v, part| match part {
        PathPart::Key(k) => &mut v[k.as_str()],
        PathPart::Index(i) => &mut v[*i],
    })
}

fn consistent(v: &Validation) {
    assert_eq!(v.is_valid(), v.errors.is_empty());
    for (path, issues) in v.errors.iter().chain(v.warnings.iter()) {
        assert!(!issues.is_empty(), "{path}");
        for issue in issues {
            assert!(!issue.description.is_empty() && issue.key.contains('.'), "{path}: {issue:?}");
        }
    }
    if let Some(invite) = &v.invite {
        let text = serde_json::to_string(invite).unwrap();
        let again = validate_json(&text);
        assert_eq!(again.invite.as_ref(), Some(invite), "normalizing twice changed {text}: {:?}", again.errors);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_json_value_gives_a_result(value in arbitrary_json()) {
        consistent(&validate_value(&value));
        consistent(&validate_json(&value.to_string()));
    }

    #[test]
    fn any_text_gives_a_result(text in any::<String>()) {
        consistent(&validate_json(&text));
    }

    #[test]
    fn any_bytes_give_a_result(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        consistent(&validate_bytes(&bytes));
    }

    #[test]
    fn mutations_of_a_valid_invite_give_a_result(
        pick in any::<prop::sample::Index>(),
        replacement in arbitrary_json(),
        remove in any::<bool>(),
    ) {
        let mut doc = valid_invite();
        let mut all = Vec::new();
        paths(&doc, Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        if remove {
            let (last, parent) = path.split_last().unwrap();
            match (slot(&mut doc, parent), last) {
                (Value::Object(map), PathPart::Key(k)) => { map.remove(k); }
                (Value::Array(items), PathPart::Index(i)) => { items.remove(*i); }
                _ => {}
            }
        } else {
            *slot(&mut doc, &path) = replacement;
        }
        consistent(&validate_value(&doc));
    }

    #[test]
    fn top_level_objects_with_any_keys(entries in prop::collection::vec(("\\PC{0,12}", arbitrary_json()), 0..12)) {
        let map: Map<String, Value> = entries.into_iter().collect();
        consistent(&validate_value(&Value::Object(map)));
    }
}

#[test]
fn the_valid_invite_used_for_mutations_is_valid() {
    let v = validate_value(&valid_invite());
    assert!(v.is_valid(), "{:?}", v.errors);
}

/// What one list of a result holds: at most `MAX_LISTED` issues, plus the one summary that
/// counts the rest exactly when some were left out.
fn bounded(issues: &smart_invite::Issues, summary: smart_invite::IssueKey) {
    let listed: usize = issues.iter().map(|(_, list)| list.len()).sum();
    let truncated = issues.has("", summary);
    assert_eq!(truncated, issues.found() > smart_invite::MAX_LISTED, "found {}", issues.found());
    assert_eq!(listed, issues.found().min(smart_invite::MAX_LISTED) + usize::from(truncated));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Large payloads: thousands of recipients and unknown fields drawn from the shapes that
    /// used to cost quadratic time. Every one is decided, the lists stay bounded, and the count
    /// of what was found is exact for the parts whose issues are known in advance.
    #[test]
    fn large_payloads_give_bounded_results(
        recipients in prop::collection::vec(prop_oneof![
            Just(json!({"email": "same@example.com"})),
            (0u32..1_000_000).prop_map(|i| json!({"email": format!("p{i}@example.com")})),
            (0u32..1_000_000).prop_map(|i| json!({"email": i, "status": [i]})),
            arbitrary_json(),
        ], 1..3_000),
        unknown in prop::collection::vec("[a-z_]{1,12}", 0..2_000),
    ) {
        let mut doc = valid_invite();
        doc["recipients"] = Value::Array(recipients);
        for key in &unknown {
            doc["event"][format!("x_{key}")] = json!(1);
        }
        let v = validate_value(&doc);
        consistent(&v);
        bounded(&v.errors, smart_invite::IssueKey::ErrorsTruncated);
        bounded(&v.warnings, smart_invite::IssueKey::WarningsTruncated);
        let distinct_unknown: std::collections::BTreeSet<&String> = unknown.iter().collect();
        prop_assert!(v.warnings.found() >= distinct_unknown.len());
    }
}
