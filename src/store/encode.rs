//! Turns a [`Partnership`] into the JSON it is stored as: fields in a fixed
//! order, records in file order, unknown fields after the known ones.

use crate::model::{Extra, Meeting, Partnership, Person, SCHEMA, Tie};
use serde_json::{Map, Value};

fn object(fields: Vec<(&str, Value)>, extra: &Extra) -> Value {
    let mut map = Map::with_capacity(fields.len() + extra.len());
    for (name, value) in fields {
        map.insert(name.to_string(), value);
    }
    for (name, value) in extra {
        map.entry(name.clone()).or_insert_with(|| value.clone());
    }
    Value::Object(map)
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

fn optional(s: &Option<String>) -> Option<Value> {
    s.as_deref().map(text)
}

fn date(d: jiff::civil::Date) -> Value {
    Value::String(d.to_string())
}

fn person(p: &Person) -> Value {
    let mut fields = vec![
        ("id", text(&p.id)),
        ("name", text(&p.name)),
        ("side", text(p.side.as_str())),
    ];
    if let Some(title) = optional(&p.title) {
        fields.push(("title", title));
    }
    fields.push(("level", text(p.level.as_str())));
    if let Some(team) = optional(&p.team) {
        fields.push(("team", team));
    }
    if let Some(email) = optional(&p.email) {
        fields.push(("email", email));
    }
    fields.push(("key", Value::Bool(p.key)));
    fields.push(("left", p.left.map_or(Value::Null, date)));
    fields.push(("reports_to", optional(&p.reports_to).unwrap_or(Value::Null)));
    if let Some(notes) = optional(&p.notes) {
        fields.push(("notes", notes));
    }
    object(fields, &p.extra)
}

fn tie(t: &Tie) -> Value {
    let mut fields = vec![("a", text(&t.a)), ("b", text(&t.b))];
    if let Some(d) = t.last_contact {
        fields.push(("last_contact", date(d)));
    }
    if let Some(note) = optional(&t.note) {
        fields.push(("note", note));
    }
    object(fields, &t.extra)
}

fn meeting(m: &Meeting) -> Value {
    let mut fields = vec![("id", text(&m.id)), ("date", date(m.date))];
    if let Some(title) = optional(&m.title) {
        fields.push(("title", title));
    }
    fields.push((
        "attendees",
        Value::Array(m.attendees.iter().map(|a| text(a)).collect()),
    ));
    if let Some(notes) = optional(&m.notes) {
        fields.push(("notes", notes));
    }
    object(fields, &m.extra)
}

/// The whole file as a JSON value.
pub fn encode(p: &Partnership) -> Value {
    let names = object(
        vec![
            ("name", text(&p.names.name)),
            ("ours", text(&p.names.ours)),
            ("partner", text(&p.names.partner)),
        ],
        &p.names.extra,
    );
    let settings = object(
        vec![
            ("stale_after_days", Value::from(p.settings.stale_after_days)),
            ("half_life_days", Value::from(p.settings.half_life_days)),
        ],
        &p.settings.extra,
    );
    object(
        vec![
            ("schema", Value::from(SCHEMA)),
            ("partnership", names),
            ("settings", settings),
            (
                "people",
                Value::Array(p.people.iter().map(person).collect()),
            ),
            ("ties", Value::Array(p.ties.iter().map(tie).collect())),
            (
                "meetings",
                Value::Array(p.meetings.iter().map(meeting).collect()),
            ),
        ],
        &p.extra,
    )
}

/// The file's text: pretty-printed JSON with a final newline.
pub fn to_text(p: &Partnership) -> String {
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(&encode(p)).unwrap_or_default();
    text.push('\n');
    text
}
