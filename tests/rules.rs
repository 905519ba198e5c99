//! Every rule of the core, table-driven: a valid invite, one change, and the issue expected
//! at one path (or none).

use serde_json::{json, Value};
use smart_invite::{validate_json, validate_value, DataCenter, IssueKey, Validator};

fn base() -> Value {
    json!({
        "smart_invite_id": "interview-42",
        "recipient": {"email": "cronofy@example.com"},
        "callback_url": "https://yourapp.example.com/cronofy/smart_invite/notifications",
        "organizer": {"name": "Smart invite application"},
        "event": {
            "summary": "Board meeting",
            "description": "Discuss plans for the next quarter.",
            "start": "2026-04-29T09:30:00Z",
            "end": "2026-04-29T10:00:00Z",
            "tzid": "Europe/London",
            "location": {"description": "Board room"}
        }
    })
}

/// Sets (or with `None` removes) the value at a dotted path of `base()`.
fn with(path: &str, value: Option<Value>) -> Value {
    let mut doc = base();
    let (parents, last) = path.rsplit_once('.').map_or(("", path), |(p, l)| (p, l));
    let mut target = &mut doc;
    for part in parents.split('.').filter(|p| !p.is_empty()) {
        target = target.as_object_mut().unwrap().entry(part).or_insert(json!({}));
    }
    let map = target.as_object_mut().unwrap();
    match value {
        Some(v) => {
            map.insert(last.to_owned(), v);
        }
        None => {
            map.remove(last);
        }
    }
    doc
}

#[test]
fn the_base_payload_is_valid_without_warnings() {
    let v = validate_value(&base());
    assert!(v.is_valid(), "{:?}", v.errors);
    assert!(v.warnings.is_empty(), "{:?}", v.warnings);
}

/// `(field to change, new value or removal, path of the issue, expected key)`.
type Case = (&'static str, Option<Value>, &'static str, IssueKey);

fn check(cases: &[Case]) {
    for (field, value, path, key) in cases {
        let v = validate_value(&with(field, value.clone()));
        let list = if key.is_warning() { &v.warnings } else { &v.errors };
        assert!(
            list.has(path, *key),
            "setting {field} = {value:?}: expected {key} at {path}, got errors {:?} warnings {:?}",
            v.errors,
            v.warnings
        );
        assert_eq!(v.is_valid(), key.is_warning(), "{field} = {value:?}");
        let description = &list.get(path).unwrap().iter().find(|i| i.is(*key)).unwrap().description;
        assert!(description.ends_with(['.', '?']) && description.len() > 10, "not a sentence: {description}");
    }
}

#[test]
fn method() {
    check(&[
        ("method", Some(json!("invite")), "method", IssueKey::InvalidOption),
        ("method", Some(json!(1)), "method", IssueKey::InvalidType),
        ("method", Some(json!("REQUEST")), "method", IssueKey::InvalidOption),
    ]);
    let v = validate_value(&with("method", Some(json!("cancle"))));
    let description = &v.errors.get("method").unwrap()[0].description;
    assert!(description.contains("request, cancel, remove") && description.contains("\"cancel\""), "{description}");
}

#[test]
fn smart_invite_id() {
    check(&[
        ("smart_invite_id", None, "smart_invite_id", IssueKey::Required),
        ("smart_invite_id", Some(Value::Null), "smart_invite_id", IssueKey::Required),
        ("smart_invite_id", Some(json!("   ")), "smart_invite_id", IssueKey::Blank),
        ("smart_invite_id", Some(json!(42)), "smart_invite_id", IssueKey::InvalidType),
        ("smart_invite_id", Some(json!("a\nb")), "smart_invite_id", IssueKey::ControlCharacters),
        ("smart_invite_id", Some(json!("a\u{0}b")), "smart_invite_id", IssueKey::ControlCharacters),
    ]);
    let invite = validate_value(&with("smart_invite_id", Some(json!("  id-1  ")))).invite.unwrap();
    assert_eq!(invite.smart_invite_id, "id-1");
}

#[test]
fn recipients() {
    check(&[
        ("recipient", None, "recipient", IssueKey::Required),
        ("recipients", Some(json!([{"email": "b@example.com"}])), "recipients", IssueKey::Conflict),
        ("recipient", Some(json!("cronofy@example.com")), "recipient", IssueKey::InvalidType),
        ("recipient.email", None, "recipient.email", IssueKey::Required),
        ("recipient.email", Some(json!("not an email")), "recipient.email", IssueKey::InvalidEmail),
        ("recipient.email", Some(json!("Ann <ann@example.com>")), "recipient.email", IssueKey::InvalidEmail),
        ("recipient.emial", Some(json!("x")), "recipient.emial", IssueKey::UnknownField),
    ]);
    let many = |list: Value| {
        let mut doc = with("recipient", None);
        doc["recipients"] = list;
        validate_value(&doc)
    };
    let v = many(json!([]));
    assert!(v.errors.has("recipients", IssueKey::Empty));
    let v = many(json!({"email": "a@example.com"}));
    assert!(v.errors.has("recipients", IssueKey::InvalidType));
    let v = many(json!([{"email": "a@example.com"}, {"email": "b@example.com"}, {"email": "A@Example.com"}]));
    assert!(v.errors.has("recipients[2].email", IssueKey::Duplicate), "{:?}", v.errors);
    let v = many(json!([{"email": "a@example.com", "status": "maybe"}, {"email": "nope"}]));
    assert!(v.errors.has("recipients[0].status", IssueKey::InvalidOption));
    assert!(v.errors.has("recipients[1].email", IssueKey::InvalidEmail));
    let v = many(json!([{"email": "a@example.com", "status": "accepted"}, {"email": "b@example.com"}]));
    let invite = v.invite.unwrap();
    assert_eq!(invite.recipients.unwrap()[0].status, Some(smart_invite::RecipientStatus::Accepted));
}

#[test]
fn remove_names_one_recipient() {
    let ok = json!({"method": "remove", "smart_invite_id": "x", "recipient": {"email": "a@example.com"}});
    assert!(validate_value(&ok).is_valid());
    let bad = json!({"method": "remove", "smart_invite_id": "x", "recipients": [{"email": "a@example.com"}]});
    assert!(validate_value(&bad).errors.has("recipients", IssueKey::NotSupported));
}

#[test]
fn callback_url() {
    check(&[
        ("callback_url", Some(json!("ftp://example.com/x")), "callback_url", IssueKey::InvalidUrl),
        ("callback_url", Some(json!("/relative/path")), "callback_url", IssueKey::InvalidUrl),
        ("callback_url", Some(json!("https://exa mple.com")), "callback_url", IssueKey::InvalidUrl),
        ("callback_url", Some(json!(["https://example.com"])), "callback_url", IssueKey::InvalidType),
        ("callback_url", Some(json!("http://example.com/cb")), "callback_url", IssueKey::InsecureUrl),
    ]);
    for loopback in ["http://localhost:3000/cb", "http://127.0.0.1:8787/cb", "http://[::1]/cb"] {
        let v = validate_value(&with("callback_url", Some(json!(loopback))));
        assert!(v.is_valid() && v.warnings.is_empty(), "{loopback}: {:?}", v.warnings);
    }
    // PHP's SDK sends null for an omitted callback: that is no callback, not an error.
    assert!(validate_value(&with("callback_url", Some(Value::Null))).is_valid());
}

#[test]
fn organizer() {
    check(&[
        ("organizer", Some(json!("Acme")), "organizer", IssueKey::InvalidType),
        ("organizer.name", Some(json!(7)), "organizer.name", IssueKey::InvalidType),
        ("organizer.email", Some(json!("acme")), "organizer.email", IssueKey::InvalidEmail),
        ("organizer.email", Some(json!("me@acme.example")), "organizer.email", IssueKey::OrganizerForwarding),
    ]);
    for dc in DataCenter::ALL {
        let v = Validator::new(dc).value(&with("organizer.email", Some(json!("me@acme.example"))));
        let warning = &v.warnings.get("organizer.email").unwrap()[0].description;
        assert!(warning.contains(dc.forwarding_address()), "{dc}: {warning}");
    }
}

#[test]
fn event_presence_by_method() {
    check(&[
        ("event", None, "event", IssueKey::Required),
        ("event", Some(json!("Board meeting")), "event", IssueKey::InvalidType),
        ("event.attendees", Some(json!([{"email": "x@example.com"}])), "event.attendees", IssueKey::NotSupported),
        ("event.conferencing", Some(json!({"profile_id": "default"})), "event.conferencing", IssueKey::NotSupported),
    ]);
    for method in ["cancel", "remove"] {
        let v = validate_value(&with("method", Some(json!(method))));
        assert!(v.is_valid(), "{method}: {:?}", v.errors);
        assert!(v.warnings.has("event", IssueKey::Ignored));
        assert!(v.invite.unwrap().event.is_none(), "the ignored event is not sent");
    }
}

#[test]
fn summary_and_description() {
    check(&[
        ("event.summary", None, "event.summary", IssueKey::Required),
        ("event.summary", Some(json!("")), "event.summary", IssueKey::Blank),
        ("event.summary", Some(json!({"text": "x"})), "event.summary", IssueKey::InvalidType),
        ("event.summary", Some(json!("é".repeat(1025))), "event.summary", IssueKey::TooLong),
        ("event.description", Some(json!("x".repeat(4097))), "event.description", IssueKey::TooLong),
        ("event.description", Some(json!(false)), "event.description", IssueKey::InvalidType),
    ]);
    // The limits count characters, not bytes.
    assert!(validate_value(&with("event.summary", Some(json!("é".repeat(1024))))).is_valid());
    assert!(validate_value(&with("event.description", Some(json!("ü".repeat(4096))))).is_valid());
}

#[test]
fn times() {
    check(&[
        ("event.start", None, "event.start", IssueKey::Required),
        ("event.end", Some(Value::Null), "event.end", IssueKey::Required),
        ("event.start", Some(json!(1714383000)), "event.start", IssueKey::InvalidType),
        ("event.start", Some(json!("29/04/2026 09:30")), "event.start", IssueKey::InvalidTime),
        ("event.start", Some(json!("2026-04-29T09:30:00.500Z")), "event.start", IssueKey::FractionalSeconds),
        ("event.start", Some(json!("2026-03-29T01:30")), "event.start", IssueKey::NonexistentLocalTime),
        ("event.start", Some(json!("2026-10-25T01:30")), "event.start", IssueKey::AmbiguousLocalTime),
        ("event.end", Some(json!("2026-04-29T09:30:00Z")), "event.end", IssueKey::StartAfterEnd),
        ("event.end", Some(json!("2026-04-29T09:00:00Z")), "event.end", IssueKey::StartAfterEnd),
        ("event.end", Some(json!("2026-04-30")), "event.end", IssueKey::MixedTimeKinds),
        ("event.start", Some(json!({"tzid": "Europe/London"})), "event.start.time", IssueKey::Required),
        ("event.start", Some(json!({"time": 5, "tzid": "Europe/London"})), "event.start.time", IssueKey::InvalidType),
        (
            "event.start",
            Some(json!({"time": "2026-04-29T09:30:00Z", "tzid": "Mars/Base"})),
            "event.start.tzid",
            IssueKey::UnknownTimeZone,
        ),
        (
            "event.start",
            Some(json!({"time": "2026-04-29T09:30:00Z", "zone": "UTC"})),
            "event.start.zone",
            IssueKey::UnknownField,
        ),
        ("event.tzid", None, "event.tzid", IssueKey::DefaultTimeZone),
        ("event.tzid", Some(json!("Europe/Lodnon")), "event.tzid", IssueKey::UnknownTimeZone),
    ]);
}

/// A blank end, as a cleared `datetime-local` sends it, is reported as every blank required
/// text is: `errors.blank`, "start must not be empty.", at the path of the text.
#[test]
fn blank_times_are_blank_like_every_required_text() {
    let blanks = [json!(""), json!("   "), json!("\t\n")];
    for (end, other) in [("start", "end"), ("end", "start")] {
        for blank in &blanks {
            let cases = [
                (blank.clone(), format!("event.{end}")),
                (json!({"time": blank, "tzid": "Europe/London"}), format!("event.{end}.time")),
                (json!({"time": blank}), format!("event.{end}.time")),
            ];
            for (value, path) in cases {
                let v = validate_value(&with(&format!("event.{end}"), Some(value.clone())));
                let issues = v.errors.get(&path).unwrap_or_else(|| panic!("{end} = {value}: {:?}", v.errors));
                assert_eq!(issues.len(), 1, "{end} = {value}: {issues:?}");
                assert!(issues[0].is(IssueKey::Blank), "{end} = {value}: {issues:?}");
                assert_eq!(issues[0].description, format!("{end} must not be empty."));
                // Nothing else is said about it, nor about the other end.
                assert_eq!(v.errors.len(), 1, "{end} = {value}: {:?}", v.errors);
                assert!(v.errors.get(&format!("event.{other}")).is_none());
            }
        }
    }
    // Both cleared: one blank each.
    let mut doc = with("event.start", Some(json!("")));
    doc["event"]["end"] = json!("");
    let v = validate_value(&doc);
    assert!(v.errors.has("event.start", IssueKey::Blank) && v.errors.has("event.end", IssueKey::Blank));
}

#[test]
fn time_forms_normalize_to_utc_in_the_object_form() {
    // `(start as written, event tzid, expected start)`.
    let cases: &[(Value, &str, Value)] = &[
        (
            json!("2026-04-29T09:30:00Z"),
            "Europe/London",
            json!({"time": "2026-04-29T09:30:00Z", "tzid": "Europe/London"}),
        ),
        (json!("2026-04-29T09:30:00+00:00"), "Etc/UTC", json!({"time": "2026-04-29T09:30:00Z", "tzid": "Etc/UTC"})),
        (json!("2026-04-29 09:30:00Z"), "Etc/UTC", json!({"time": "2026-04-29T09:30:00Z", "tzid": "Etc/UTC"})),
        (
            json!("2026-04-29T11:30:00+02:00"),
            "Europe/Paris",
            json!({"time": "2026-04-29T09:30:00Z", "tzid": "Europe/Paris"}),
        ),
        (json!("2026-04-29T10:30"), "Europe/London", json!({"time": "2026-04-29T09:30:00Z", "tzid": "Europe/London"})),
        (
            json!("2026-04-29T05:30:00"),
            "America/New_York",
            json!({"time": "2026-04-29T09:30:00Z", "tzid": "America/New_York"}),
        ),
        (
            json!({"time": "2026-04-29T18:30", "tzid": "Asia/Tokyo"}),
            "Europe/London",
            json!({"time": "2026-04-29T09:30:00Z", "tzid": "Asia/Tokyo"}),
        ),
    ];
    for (start, tzid, expected) in cases {
        let mut doc = with("event.start", Some(start.clone()));
        doc["event"]["tzid"] = json!(tzid);
        doc["event"]["end"] = json!("2026-04-29T23:00:00Z");
        let v = validate_value(&doc);
        let invite = serde_json::to_value(v.invite.expect("valid")).unwrap();
        assert_eq!(&invite["event"]["start"], expected, "{start}");
        assert!(invite["event"].get("tzid").is_none(), "the event tzid is carried by each end");
    }
}

#[test]
fn all_day_events() {
    let mut doc = with("event.start", Some(json!("2026-04-29")));
    doc["event"]["end"] = json!("2026-04-30");
    let invite = serde_json::to_value(validate_value(&doc).invite.unwrap()).unwrap();
    assert_eq!(invite["event"]["start"], json!({"time": "2026-04-29", "tzid": "Europe/London"}));
    doc["event"]["end"] = json!("2026-04-29");
    assert!(validate_value(&doc).errors.has("event.end", IssueKey::StartAfterEnd));
}

#[test]
fn ends_compare_as_instants_across_zones() {
    // 10:00 in New York is 15:00 in London: an end at 14:00 London time is before it.
    let mut doc = base();
    doc["event"]["start"] = json!({"time": "2026-04-29T10:00", "tzid": "America/New_York"});
    doc["event"]["end"] = json!({"time": "2026-04-29T15:00", "tzid": "Europe/London"});
    assert!(validate_value(&doc).errors.has("event.end", IssueKey::StartAfterEnd));
    doc["event"]["end"] = json!({"time": "2026-04-29T16:00", "tzid": "Europe/London"});
    assert!(validate_value(&doc).is_valid());
}

#[test]
fn dst_messages_say_what_to_do() {
    let v = validate_value(&with("event.start", Some(json!("2026-10-25T01:30"))));
    let text = &v.errors.get("event.start").unwrap()[0].description;
    assert!(text.contains("2026-10-25T00:30:00Z") && text.contains("2026-10-25T01:30:00Z"), "{text}");
    assert!(text.contains("2026-10-25T01:30+01:00"), "{text}");
    let mut doc = with("event.start", Some(json!("2026-10-04T02:15")));
    doc["event"]["tzid"] = json!("Australia/Lord_Howe");
    doc["event"]["end"] = json!("2026-10-04T05:00");
    let v = validate_value(&doc);
    assert!(v.errors.has("event.start", IssueKey::NonexistentLocalTime), "{:?}", v.errors);
}

#[test]
fn unknown_zone_suggests_the_closest() {
    let v = validate_value(&with("event.tzid", Some(json!("Europe/Lodnon"))));
    let text = &v.errors.get("event.tzid").unwrap()[0].description;
    assert_eq!(text, "\"Europe/Lodnon\" is not an IANA time zone. Did you mean \"Europe/London\"?");
}

#[test]
fn location() {
    check(&[
        ("event.location", Some(json!("Board room")), "event.location", IssueKey::InvalidType),
        ("event.location.lat", Some(json!("91")), "event.location.lat", IssueKey::OutOfRange),
        ("event.location.lat", Some(json!(-90.5)), "event.location.lat", IssueKey::OutOfRange),
        ("event.location.long", Some(json!("180.01")), "event.location.long", IssueKey::OutOfRange),
        ("event.location.long", Some(json!("east")), "event.location.long", IssueKey::InvalidType),
        ("event.location.long", Some(json!("NaN")), "event.location.long", IssueKey::InvalidType),
        ("event.location.lat", Some(json!(true)), "event.location.lat", IssueKey::InvalidType),
    ]);
    let mut doc = with("event.location.lat", Some(json!(51.5074)));
    doc["event"]["location"]["long"] = json!("-0.1278");
    let invite = serde_json::to_value(validate_value(&doc).invite.unwrap()).unwrap();
    assert_eq!(invite["event"]["location"], json!({"description": "Board room", "lat": "51.5074", "long": "-0.1278"}));
}

#[test]
fn reminders() {
    let five = json!([{"minutes": 0}, {"minutes": 10}, {"minutes": 30}, {"minutes": 60}, {"minutes": 1440}]);
    assert!(validate_value(&with("event.reminders", Some(five))).is_valid());
    check(&[
        (
            "event.reminders",
            Some(
                json!([{"minutes": 1}, {"minutes": 2}, {"minutes": 3}, {"minutes": 4}, {"minutes": 5}, {"minutes": 6}]),
            ),
            "event.reminders",
            IssueKey::TooMany,
        ),
        ("event.reminders", Some(json!({"minutes": 10})), "event.reminders", IssueKey::InvalidType),
        ("event.reminders", Some(json!([{"minutes": -5}])), "event.reminders[0].minutes", IssueKey::OutOfRange),
        ("event.reminders", Some(json!([{"minutes": 2.5}])), "event.reminders[0].minutes", IssueKey::InvalidType),
        ("event.reminders", Some(json!([{"minutes": "10"}])), "event.reminders[0].minutes", IssueKey::InvalidType),
        ("event.reminders", Some(json!([{}])), "event.reminders[0].minutes", IssueKey::Required),
        ("event.reminders", Some(json!([10])), "event.reminders[0]", IssueKey::InvalidType),
    ]);
}

#[test]
fn transparency_color_url() {
    check(&[
        ("event.transparency", Some(json!("busy")), "event.transparency", IssueKey::InvalidOption),
        ("event.color", Some(json!("red")), "event.color", IssueKey::InvalidColor),
        ("event.color", Some(json!("#c6040")), "event.color", IssueKey::InvalidColor),
        ("event.url", Some(json!("not a url")), "event.url", IssueKey::InvalidUrl),
    ]);
    let mut doc = with("event.transparency", Some(json!("transparent")));
    doc["event"]["color"] = json!("#c6040f");
    doc["event"]["url"] = json!("https://example.com/meeting");
    assert!(validate_value(&doc).is_valid());
}

#[test]
fn unknown_fields_warn_with_a_suggestion_and_are_dropped() {
    let v = validate_value(&with("event.sumary", Some(json!("typo"))));
    assert!(v.is_valid());
    let text = &v.warnings.get("event.sumary").unwrap()[0].description;
    assert!(text.ends_with("Did you mean \"summary\"?"), "{text}");
    let v = validate_value(&with("event.event_id", Some(json!("test-1"))));
    assert!(v.warnings.has("event.event_id", IssueKey::UnknownField));
    let sent = serde_json::to_string(&v.invite.unwrap()).unwrap();
    assert!(!sent.contains("event_id"), "{sent}");
    let v = validate_value(&with("smart_event_id", Some(json!("x"))));
    assert!(v.warnings.get("smart_event_id").unwrap()[0].description.contains("\"smart_invite_id\""));
}

#[test]
fn every_error_is_reported_at_once() {
    let v = validate_json(
        r#"{"method":"request","smart_invite_id":"","recipients":[{"email":"x"}],
            "event":{"summary":"","start":"2026-03-29T01:30","end":"soon","tzid":"Europe/London","color":"red"}}"#,
    );
    let paths: Vec<&str> = v.errors.iter().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        ["smart_invite_id", "recipients[0].email", "event.summary", "event.start", "event.end", "event.color"]
    );
}

#[test]
fn whole_input_problems() {
    // `(input, key at the empty path)`.
    let cases: &[(&str, IssueKey)] = &[
        ("", IssueKey::InvalidJson),
        ("{\"a\": }", IssueKey::InvalidJson),
        ("[]", IssueKey::InvalidType),
        ("\"text\"", IssueKey::InvalidType),
        ("42", IssueKey::InvalidType),
        ("null", IssueKey::InvalidType),
    ];
    for (input, key) in cases {
        assert!(validate_json(input).errors.has("", *key), "{input:?}");
    }
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert!(validate_json(&deep).errors.has("", IssueKey::InvalidJson));
    let huge = format!("{{\"smart_invite_id\": \"{}\"}}", "x".repeat(smart_invite::MAX_INPUT_BYTES));
    assert!(validate_json(&huge).errors.has("", IssueKey::TooLarge));
    assert!(smart_invite::validate_bytes(b"{\"a\":\"\xc3\x28\"}").errors.has("", IssueKey::InvalidJson));
}

#[test]
fn an_empty_method_is_the_default_request_and_needs_an_event() {
    let v = validate_value(&with("method", Some(json!(""))));
    assert!(v.is_valid());
    let mut doc = with("method", Some(json!("  ")));
    doc.as_object_mut().unwrap().remove("event");
    assert!(validate_value(&doc).errors.has("event", IssueKey::Required));
}

#[test]
fn an_empty_tzid_is_no_zone() {
    let v = validate_value(&with("event.start", Some(json!({"time": "2026-04-29T09:30:00Z", "tzid": ""}))));
    assert!(v.is_valid(), "{:?}", v.errors);
    assert_eq!(v.invite.unwrap().event.unwrap().start.tzid.name(), "Europe/London");
    let v = validate_value(&with("event.tzid", Some(json!(""))));
    assert!(v.warnings.has("event.tzid", IssueKey::DefaultTimeZone));
}

#[test]
fn time_descriptions_are_single_sentences() {
    let v = validate_value(&with("event.start", Some(json!("2026-03-29T01:30"))));
    let text = &v.errors.get("event.start").unwrap()[0].description;
    assert!(text.starts_with("start 2026-03-29T01:30 does not exist in Europe/London"), "{text}");
    assert!(text.ends_with("(which is 2026-03-29T01:30:00Z)?"), "{text}");
    let v = validate_value(&with("event.start", Some(json!("tomorrow"))));
    assert!(v.errors.get("event.start").unwrap()[0].description.ends_with("2026-04-29T09:30."));
}

#[test]
fn every_time_description_ends_with_exactly_one_stop() {
    for start in ["2026-03-29T01:30", "2026-10-25T01:30", "tomorrow", "2026-04-29T09:30:00.5Z"] {
        let v = validate_value(&with("event.start", Some(json!(start))));
        let text = &v.errors.get("event.start").unwrap()[0].description;
        assert!(!text.ends_with("..") && !text.ends_with("?.") && text.ends_with(['.', '?']), "{start}: {text}");
    }
}

/// 127 levels (the invite object is level 1) are read, 128 refused, as text and as a `Value`,
/// with the same words either way.
#[test]
fn nesting_is_limited_to_127_levels_as_text_and_as_a_value() {
    let nested = |levels: usize| {
        let inner = "[".repeat(levels - 1) + &"]".repeat(levels - 1);
        format!(
            r#"{{"smart_invite_id":"x","method":"cancel","recipient":{{"email":"a@example.com"}},"extra":{inner}}}"#
        )
    };
    for (levels, valid) in [(127, true), (128, false)] {
        let text = nested(levels);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|_| {
            // serde_json refuses to parse it too: build the Value by hand.
            let mut deep = serde_json::json!([]);
            for _ in 0..levels - 2 {
                deep = serde_json::json!([deep]);
            }
            serde_json::json!({"smart_invite_id": "x", "method": "cancel",
                "recipient": {"email": "a@example.com"}, "extra": deep})
        });
        for v in [validate_json(&text), smart_invite::validate_value(&value)] {
            assert_eq!(v.is_valid(), valid, "{levels} levels: {:?}", v.errors);
            if !valid {
                let issue = &v.errors.get("").unwrap()[0];
                assert_eq!(issue.description, "The invite is nested more than 127 levels deep.");
            }
        }
    }
}

/// A value quoted in a description is cut to 60 characters: a 1 MiB zone id, address or key
/// gives a message a person can read, not one as long as the payload.
#[test]
fn long_values_are_quoted_in_part() {
    let zone = format!("Europe/Lond{}", "o".repeat(100_000));
    let key = "k".repeat(100_000);
    let text = format!(
        r#"{{"smart_invite_id":"x","{key}":1,"recipient":{{"email":"{}@"}},"event":{{"summary":"s","start":"2026-04-29T09:30","end":"2026-04-29T10:00","tzid":"{zone}"}}}}"#,
        "a".repeat(100_000)
    );
    let v = validate_json(&text);
    let zone_issue = &v.errors.get("event.tzid").unwrap()[0];
    assert_eq!(zone_issue.description, format!("\"Europe/Lond{}…\" is not an IANA time zone.", "o".repeat(49)));
    let email_issue = &v.errors.get("recipient.email").unwrap()[0];
    assert_eq!(email_issue.description, format!("\"{}…\" is not a valid email address.", "a".repeat(60)));
    let key_issue = &v.warnings.get(&key).unwrap()[0];
    assert!(key_issue.description.starts_with(&format!("\"{}…\" is not a Smart Invite field", "k".repeat(60))));
    let latitude = format!(
        r#"{{"smart_invite_id":"x","recipient":{{"email":"b@example.com"}},"event":{{"summary":"s","start":"2026-04-29T09:30:00Z","end":"2026-04-29T10:00:00Z","location":{{"description":"d","lat":"{}"}}}}}}"#,
        "n".repeat(100_000)
    );
    assert_eq!(
        validate_json(&latitude).errors.get("event.location.lat").unwrap()[0].description,
        format!("lat must be a number like 51.5074, not \"{}…\".", "n".repeat(60))
    );
    assert_eq!(
        validate_json(r#"{"smart_invite_id":"x","recipient":{"email":"bob@"}}"#).errors.get("recipient.email").unwrap()
            [0]
        .description,
        "\"bob@\" is not a valid email address."
    );
}
