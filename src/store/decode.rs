//! Turns parsed JSON into a [`Partnership`], checking every rule of the file
//! format and collecting every problem (up to a cap) with its place.

use super::error::Problem;
use super::strict::{Duplicates, Extras, Parsed, RecordAt, Step};
use crate::date::parse_date;
use crate::model::{
    Extra, Level, MAX_ATTENDEES, Meeting, Names, Partnership, Person, SCHEMA, Settings, Side, Tie,
    too_long,
};
use crate::text::{clip, printable};
use jiff::civil::Date;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// Problems found so far.
#[derive(Default)]
pub struct Problems {
    pub listed: Vec<Problem>,
    pub more: usize,
}

impl Problems {
    fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(Problem {
                place: place.into(),
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.listed.is_empty() && self.more == 0
    }
}

/// Names the record a field belongs to: `people[3] (id "li")`.
#[derive(Clone)]
struct Record {
    name: String,
}

impl Record {
    fn new(list: &str, index: usize, id: Option<&str>) -> Record {
        let name = match id {
            Some(id) => format!("{list}[{index}] (id {:?})", clip(id)),
            None => format!("{list}[{index}]"),
        };
        Record { name }
    }

    fn top(name: &str) -> Record {
        Record {
            name: name.to_string(),
        }
    }

    fn field(&self, field: &str) -> String {
        format!("{}, field {field:?}", self.name)
    }
}

/// A value as a message shows it: numbers and short strings as they are,
/// anything else by its kind, so that a huge value is never echoed.
fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("{:?}", clip(s)),
        other => kind_of(other).to_string(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads one record's known fields; its unknown fields were kept as text
/// by the parser and come along in `extra`.
struct Fields<'p> {
    map: Map<String, Value>,
    extra: Extra,
    record: Record,
    problems: &'p mut Problems,
}

impl<'p> Fields<'p> {
    fn new(
        map: Map<String, Value>,
        extra: Option<Extra>,
        record: Record,
        problems: &'p mut Problems,
    ) -> Self {
        Fields {
            map,
            extra: extra.unwrap_or_default(),
            record,
            problems,
        }
    }

    fn problem(&mut self, field: &str, message: impl Into<String>) {
        let place = self.record.field(field);
        self.problems.add(place, message);
    }

    /// The field's value; `null` counts as absent.
    fn take(&mut self, field: &str) -> Option<Value> {
        match self.map.shift_remove(field) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    fn string(&mut self, field: &str, required: bool) -> Option<String> {
        match self.take(field) {
            Some(Value::String(s)) => match too_long(field, &s) {
                None => Some(s),
                Some(message) => {
                    self.problem(field, message);
                    None
                }
            },
            Some(other) => {
                let message = format!("expected a string, got {}", kind_of(&other));
                self.problem(field, message);
                None
            }
            None => {
                if required {
                    self.problem(field, "is required");
                }
                None
            }
        }
    }

    fn id(&mut self, field: &str) -> Option<String> {
        let id = self.string(field, true)?;
        if id.trim().is_empty() {
            self.problem(field, "must not be empty");
            None
        } else if id.trim() != id {
            self.problem(
                field,
                format!("{:?} has spaces at its start or end", clip(&id)),
            );
            None
        } else {
            Some(id)
        }
    }

    fn date(&mut self, field: &str, required: bool) -> Option<Date> {
        let text = self.string(field, required)?;
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                self.problem(field, e.to_string());
                None
            }
        }
    }

    fn bool(&mut self, field: &str) -> bool {
        match self.take(field) {
            Some(Value::Bool(b)) => b,
            Some(other) => {
                let message = format!("expected true or false, got {}", kind_of(&other));
                self.problem(field, message);
                false
            }
            None => false,
        }
    }

    /// A whole number ≥ `min`; `what` names its unit in messages.
    fn whole(&mut self, field: &str, min: u32, what: &str) -> Option<u32> {
        let value = self.take(field)?;
        match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= min => Some(n),
            _ => {
                let message = format!(
                    "expected a whole number of {what} ≥ {min}, got {}",
                    describe(&value)
                );
                self.problem(field, message);
                None
            }
        }
    }

    fn list(&mut self, field: &str, required: bool) -> Vec<Value> {
        match self.take(field) {
            Some(Value::Array(items)) => items,
            Some(other) => {
                let message = format!("expected a list, got {}", kind_of(&other));
                self.problem(field, message);
                Vec::new()
            }
            None => {
                if required {
                    self.problem(field, "is required (a list, possibly empty)");
                }
                Vec::new()
            }
        }
    }

    fn object(&mut self, field: &str, required: bool) -> Option<Map<String, Value>> {
        match self.take(field) {
            Some(Value::Object(map)) => Some(map),
            Some(other) => {
                let message = format!("expected an object, got {}", kind_of(&other));
                self.problem(field, message);
                None
            }
            None => {
                if required {
                    self.problem(field, "is required");
                }
                None
            }
        }
    }

    fn rest(self) -> Extra {
        self.extra
    }
}

/// Reports each key that appears twice in one object, at the record it is in.
fn report_duplicates(duplicates: &Duplicates, problems: &mut Problems) {
    for d in &duplicates.noted {
        let (record, rest) = match d.object.as_slice() {
            [] => (Record::top("top level"), &[] as &[Step]),
            [Step::Key(k), rest @ ..] if k == "partnership" || k == "settings" => {
                (Record::top(k), rest)
            }
            [Step::Key(list), Step::Index(i), rest @ ..]
                if matches!(list.as_str(), "people" | "ties" | "meetings") =>
            {
                (Record::new(list, *i, d.record_id.as_deref()), rest)
            }
            other => (Record::top("top level"), other),
        };
        let (place, message) = match rest {
            [] => (
                record.field(&clip(&d.key)),
                "appears twice; remove one (only one value can be kept, the other would be lost)"
                    .to_string(),
            ),
            [Step::Key(field), inner @ ..] => {
                let mut inside = String::new();
                for step in inner {
                    match step {
                        Step::Key(k) => inside.push_str(&format!(".{}", printable(&clip(k)))),
                        Step::Index(i) => inside.push_str(&format!("[{i}]")),
                    }
                }
                (
                    record.field(&clip(field)),
                    format!(
                        "the key {:?} appears twice in {}; remove one (only one value can be kept, the other would be lost)",
                        clip(&d.key),
                        if inside.is_empty() {
                            "its object".to_string()
                        } else {
                            format!("the object at {inside}")
                        }
                    ),
                )
            }
            [Step::Index(_), ..] => (
                record.name.clone(),
                format!(
                    "the key {:?} appears twice in one object; remove one",
                    clip(&d.key)
                ),
            ),
        };
        problems.add(place, message);
    }
    if duplicates.more > 0 {
        problems.add(
            "the file",
            format!("{} more keys appear twice in one object", duplicates.more),
        );
    }
}

/// Every problem in `root`, or the partnership it describes.
/// `duplicates` are the keys that appear twice in one object of the text.
pub fn decode(parsed: Parsed) -> Result<Partnership, Problems> {
    let Parsed {
        value: root,
        duplicates,
        mut extras,
    } = parsed;
    let mut problems = Problems::default();
    // With a key twice, what the file means is unclear (and one value would
    // be lost): say so, and nothing else, which might only follow from it.
    report_duplicates(&duplicates, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let Value::Object(map) = root else {
        problems.add(
            "the file",
            format!("expected a JSON object, got {}", kind_of(&root)),
        );
        return Err(problems);
    };
    let mut top = Fields::new(
        map,
        extras.remove(&RecordAt::Top),
        Record::top("top level"),
        &mut problems,
    );
    match top.take("schema") {
        Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n > SCHEMA) => {
            top.problem(
                "schema",
                format!(
                    "schema {n} was written by a newer partnermap (this one reads schema {SCHEMA}); \
                     upgrade partnermap. The file was not changed"
                ),
            );
            return Err(problems);
        }
        Some(other) => top.problem("schema", format!("expected 1, got {}", describe(&other))),
        None => top.problem("schema", "is required (1)"),
    }
    let names = top.object("partnership", true);
    let settings = top.object("settings", false);
    let people = top.list("people", true);
    let ties = top.list("ties", false);
    let meetings = top.list("meetings", false);
    let extra = top.rest();

    let names = names
        .map(|map| {
            let extra = extras.remove(&RecordAt::Names);
            let mut f = Fields::new(map, extra, Record::top("partnership"), &mut problems);
            let name = f.string("name", true).unwrap_or_default();
            let ours = f.string("ours", true).unwrap_or_default();
            let partner = f.string("partner", true).unwrap_or_default();
            Names {
                name,
                ours,
                partner,
                extra: f.rest(),
            }
        })
        .unwrap_or_default();
    let settings = settings
        .map(|map| {
            let extra = extras.remove(&RecordAt::Settings);
            let mut f = Fields::new(map, extra, Record::top("settings"), &mut problems);
            let defaults = Settings::default();
            let stale_after_days = f.whole("stale_after_days", 1, "days");
            let half_life_days = f.whole("half_life_days", 1, "days");
            let large_meeting = f.whole("large_meeting", 2, "attendees");
            Settings {
                stale_after_days: stale_after_days.unwrap_or(defaults.stale_after_days),
                half_life_days: half_life_days.unwrap_or(defaults.half_life_days),
                large_meeting: large_meeting.unwrap_or(defaults.large_meeting),
                extra: f.rest(),
            }
        })
        .unwrap_or_default();

    let decoded = decode_people(people, &mut extras, &mut problems);
    // With a duplicated id, references go to its first holder.
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(decoded.people.len());
    for (i, person) in decoded.people.iter().enumerate() {
        ids.entry(person.id.as_str()).or_insert(i);
    }
    check_reports_to(&decoded, &ids, &mut problems);
    let ties = decode_ties(ties, &ids, &mut extras, &mut problems);
    let meetings = decode_meetings(meetings, &ids, &mut extras, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Partnership {
        names,
        settings,
        people: decoded.people,
        ties,
        meetings,
        extra,
    })
}

/// The record at `list[index]` as an object, or a problem.
fn object_record(
    item: Value,
    list: &str,
    index: usize,
    problems: &mut Problems,
) -> Option<Map<String, Value>> {
    match item {
        Value::Object(map) => Some(map),
        other => {
            problems.add(
                format!("{list}[{index}]"),
                format!("expected an object, got {}", kind_of(&other)),
            );
            None
        }
    }
}

/// Reports an id already used by an earlier record of the same list.
fn check_unique(
    f: &mut Fields<'_>,
    seen: &mut HashMap<String, usize>,
    id: Option<&str>,
    list: &str,
    index: usize,
) {
    let Some(id) = id else { return };
    match seen.get(id) {
        Some(first) => f.problem(
            "id",
            format!("{:?} is already the id of {list}[{first}]", clip(id)),
        ),
        None => {
            seen.insert(id.to_string(), index);
        }
    }
}

/// The `id` of a record, read without taking it, to name the record in messages.
fn peek_id(map: &Map<String, Value>, field: &str) -> Option<String> {
    map.get(field).and_then(Value::as_str).map(str::to_string)
}

/// The people read from the file, with where each came from.
struct People {
    people: Vec<Person>,
    /// Per person: index in the file's `people` list.
    file_index: Vec<usize>,
    /// Per person: whether `side` was valid (else a placeholder is stored).
    side_known: Vec<bool>,
}

fn decode_people(items: Vec<Value>, extras: &mut Extras, problems: &mut Problems) -> People {
    let mut people = Vec::with_capacity(items.len());
    let mut file_index = Vec::with_capacity(items.len());
    let mut side_known = Vec::with_capacity(items.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let Some(map) = object_record(item, "people", index, problems) else {
            continue;
        };
        let record = Record::new("people", index, peek_id(&map, "id").as_deref());
        let extra = extras.remove(&RecordAt::Person(index));
        let mut f = Fields::new(map, extra, record, problems);
        let id = f.id("id");
        let name = f.string("name", true).unwrap_or_default();
        let side = match f.string("side", true) {
            Some(text) => Side::parse(&text).or_else(|| {
                f.problem(
                    "side",
                    format!("unknown side {:?} (expected ours or partner)", clip(&text)),
                );
                None
            }),
            None => None,
        };
        let title = f.string("title", false);
        let level = match f.string("level", false) {
            Some(text) => Level::parse(&text).unwrap_or_else(|| {
                f.problem(
                    "level",
                    format!(
                        "unknown level {:?} (expected executive, senior, manager or staff){}",
                        clip(&text),
                        Level::suggest(&text)
                            .map(|l| format!("; did you mean {l}?"))
                            .unwrap_or_default()
                    ),
                );
                Level::Staff
            }),
            None => Level::Staff,
        };
        let team = f.string("team", false);
        let email = f.string("email", false);
        let key = f.bool("key");
        let left = f.date("left", false);
        let reports_to = f.string("reports_to", false);
        let notes = f.string("notes", false);
        check_unique(&mut f, &mut seen, id.as_deref(), "people", index);
        let extra = f.rest();
        // A record without a usable id cannot be referred to: it is left out.
        // One with a broken side is kept, so that ties and meetings naming it
        // are not reported as naming nobody.
        if let Some(id) = id {
            file_index.push(index);
            side_known.push(side.is_some());
            people.push(Person {
                id,
                name,
                side: side.unwrap_or(Side::Ours),
                title,
                level,
                team,
                email,
                key,
                left,
                reports_to,
                notes,
                extra,
            });
        }
    }
    People {
        people,
        file_index,
        side_known,
    }
}

fn check_reports_to(decoded: &People, ids: &HashMap<&str, usize>, problems: &mut Problems) {
    let people = &decoded.people;
    let id = |i: usize| people.get(i).map_or("", |x| x.id.as_str());
    let side_known = |i: usize| decoded.side_known.get(i).copied().unwrap_or(false);
    let place = |i: usize| {
        format!(
            "people[{}] (id {:?}), field \"reports_to\"",
            decoded.file_index.get(i).copied().unwrap_or(i),
            clip(id(i))
        )
    };
    let mut manager: Vec<Option<usize>> = vec![None; people.len()];
    for ((i, person), slot) in people.iter().enumerate().zip(manager.iter_mut()) {
        let Some(boss) = &person.reports_to else {
            continue;
        };
        let place = place(i);
        let Some(&j) = ids.get(boss.as_str()) else {
            problems.add(place, format!("no person has the id {:?}", clip(boss)));
            continue;
        };
        let Some(boss_person) = people.get(j) else {
            continue;
        };
        if j == i {
            problems.add(place, "a person cannot report to themselves");
        } else if !side_known(i) || !side_known(j) {
            // The side is reported already; the line is not checked further.
        } else if boss_person.side != person.side {
            problems.add(
                place,
                format!(
                    "{:?} is on the {} side; reports_to must stay on the {} side",
                    clip(boss),
                    boss_person.side,
                    person.side
                ),
            );
        } else {
            *slot = Some(j);
        }
    }
    // Each person has at most one manager, so a loop is found by walking up.
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        NotSeen,
        OnWalk,
        Done,
    }
    let mut state = vec![State::NotSeen; people.len()];
    for start in 0..people.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                None | Some(State::Done) => break,
                Some(State::OnWalk) => {
                    let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let chain: Vec<std::borrow::Cow<'_, str>> = walk
                        .get(from..)
                        .unwrap_or_default()
                        .iter()
                        .chain(std::iter::once(&i))
                        .map(|&w| clip(id(w)))
                        .collect();
                    problems.add(
                        place(i),
                        format!("reporting lines loop: {}", chain.join(" → ")),
                    );
                    break;
                }
                Some(State::NotSeen) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = State::OnWalk;
                    }
                    walk.push(i);
                    at = manager.get(i).copied().flatten();
                }
            }
        }
        for w in walk {
            if let Some(s) = state.get_mut(w) {
                *s = State::Done;
            }
        }
    }
}

fn person_ref(f: &mut Fields<'_>, field: &str, ids: &HashMap<&str, usize>) -> Option<String> {
    let id = f.string(field, true)?;
    if ids.contains_key(id.as_str()) {
        Some(id)
    } else {
        f.problem(field, format!("no person has the id {:?}", clip(&id)));
        None
    }
}

fn decode_ties(
    items: Vec<Value>,
    ids: &HashMap<&str, usize>,
    extras: &mut Extras,
    problems: &mut Problems,
) -> Vec<Tie> {
    let mut ties = Vec::with_capacity(items.len());
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let Some(map) = object_record(item, "ties", index, problems) else {
            continue;
        };
        let extra = extras.remove(&RecordAt::Tie(index));
        let mut f = Fields::new(map, extra, Record::new("ties", index, None), problems);
        let a = person_ref(&mut f, "a", ids);
        let b = person_ref(&mut f, "b", ids);
        let last_contact = f.date("last_contact", false);
        let note = f.string("note", false);
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if a == b {
            f.problem(
                "b",
                format!(
                    "a tie joins two different people; both ends are {:?}",
                    clip(&a)
                ),
            );
            continue;
        }
        let (Some(&ia), Some(&ib)) = (ids.get(a.as_str()), ids.get(b.as_str())) else {
            continue;
        };
        let pair = (ia.min(ib), ia.max(ib));
        if let Some(first) = pairs.get(&pair) {
            f.problem(
                "b",
                format!(
                    "{:?} and {:?} are already tied by ties[{first}]; declare a pair once",
                    clip(&a),
                    clip(&b)
                ),
            );
            continue;
        }
        pairs.insert(pair, index);
        let extra = f.rest();
        ties.push(Tie {
            a,
            b,
            last_contact,
            note,
            extra,
        });
    }
    ties
}

fn decode_meetings(
    items: Vec<Value>,
    ids: &HashMap<&str, usize>,
    extras: &mut Extras,
    problems: &mut Problems,
) -> Vec<Meeting> {
    let mut meetings = Vec::with_capacity(items.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let Some(map) = object_record(item, "meetings", index, problems) else {
            continue;
        };
        let record = Record::new("meetings", index, peek_id(&map, "id").as_deref());
        let extra = extras.remove(&RecordAt::Meeting(index));
        let mut f = Fields::new(map, extra, record, problems);
        let id = f.id("id");
        let date = f.date("date", true);
        let title = f.string("title", false);
        let notes = f.string("notes", false);
        let raw = f.list("attendees", true);
        if raw.len() > MAX_ATTENDEES {
            f.problem(
                "attendees",
                format!(
                    "lists {} people; a meeting has at most {MAX_ATTENDEES} attendees",
                    raw.len()
                ),
            );
            continue;
        }
        let mut attendees = Vec::with_capacity(raw.len());
        let mut unique = HashSet::with_capacity(raw.len());
        for value in raw {
            match value {
                Value::String(a) if !ids.contains_key(a.as_str()) => {
                    f.problem("attendees", format!("no person has the id {:?}", clip(&a)));
                }
                Value::String(a) if !unique.insert(a.clone()) => {
                    f.problem("attendees", format!("{:?} is listed twice", clip(&a)));
                }
                Value::String(a) => attendees.push(a),
                other => f.problem(
                    "attendees",
                    format!("expected person ids (strings), got {}", kind_of(&other)),
                ),
            }
        }
        if attendees.is_empty() && unique.is_empty() {
            f.problem("attendees", "a meeting needs at least one attendee");
        }
        check_unique(&mut f, &mut seen, id.as_deref(), "meetings", index);
        let extra = f.rest();
        if let (Some(id), Some(date)) = (id, date) {
            meetings.push(Meeting {
                id,
                date,
                title,
                attendees,
                notes,
                extra,
            });
        }
    }
    meetings
}
