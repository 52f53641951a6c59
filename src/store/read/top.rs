//! The records that are not in a list: the top level, the partnership's
//! names and domains, and the settings.

use super::Lists;
use super::fields::{Check, present};
use super::path::{At, Duplicates};
use super::people::PersonFields;
use super::problems::{Key, Name, Part, Problems};
use super::raw::{Fields, ListSeed, Raw, RawSeed, RecordSeed, Shaped, Strings, StringsSeed};
use super::{meetings::MeetingFields, ties::TieFields};
use crate::model::{Domains, Extra, Ids, Names, SCHEMA, Settings, known};
use crate::rules::Field;
use crate::store::Problem;
use serde::de::MapAccess;
use std::marker::PhantomData;

/// Reads a field's value as a [`Raw`] into `slots[k]`.
fn raw_into<'de, A: MapAccess<'de>>(
    slots: &mut [Option<Raw<'de>>],
    k: usize,
    access: &mut A,
    at: &At<'_>,
    dups: &mut Duplicates,
) -> Result<(), A::Error> {
    let value = access.next_value_seed(RawSeed { at, dups })?;
    if let Some(slot) = slots.get_mut(k) {
        *slot = Some(value);
    }
    Ok(())
}

/// The top level as read: its own fields; the lists' records go to
/// [`Lists`] as they are read.
pub struct TopFields<'s, 'de> {
    lists: &'s mut Lists,
    schema: Option<Raw<'de>>,
    names: Option<Shaped<'de, NamesFields<'de>>>,
    settings: Option<Shaped<'de, SettingsFields<'de>>>,
    /// `people`, `ties`, `meetings`: whether each was a list.
    read: [Option<Shaped<'de, ()>>; 3],
    extra: Extra,
}

impl<'s> TopFields<'s, '_> {
    pub fn new(lists: &'s mut Lists) -> Self {
        TopFields {
            lists,
            schema: None,
            names: None,
            settings: None,
            read: [None, None, None],
            extra: Extra::new(),
        }
    }
}

impl<'de> Fields<'de> for TopFields<'_, 'de> {
    const KNOWN: &'static [&'static str] = known::TOP;

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        let lists = &mut *self.lists;
        let read = match k {
            0 => {
                self.schema = Some(access.next_value_seed(RawSeed { at, dups })?);
                return Ok(());
            }
            1 => {
                let record = NamesFields::default();
                self.names = Some(access.next_value_seed(RecordSeed { at, dups, record })?);
                return Ok(());
            }
            2 => {
                let record = SettingsFields::default();
                self.settings = Some(access.next_value_seed(RecordSeed { at, dups, record })?);
                return Ok(());
            }
            3 => access.next_value_seed(ListSeed {
                at,
                dups,
                each: |i, v| lists.people.close(i, v, &mut lists.problems),
                record: PhantomData::<PersonFields>,
            })?,
            4 => access.next_value_seed(ListSeed {
                at,
                dups,
                each: |i, v| lists.ties.close(i, v, &mut lists.problems),
                record: PhantomData::<TieFields>,
            })?,
            _ => {
                // With every person read first (as in every file partnermap
                // writes), each attendee is looked up as it is read, while
                // its text is still in the processor's cache.
                let people_first = self.read.first().is_some_and(Option::is_some);
                let ids = people_first
                    .then(|| Ids::new(lists.people.people.iter().map(|x| x.id.as_str())));
                let mut lookups = ids.as_ref().map(Ids::lookups);
                let read = access.next_value_seed(ListSeed {
                    at,
                    dups,
                    each: |i, v| {
                        lists
                            .meetings
                            .close(i, v, &mut lists.problems, lookups.as_mut());
                    },
                    record: PhantomData::<MeetingFields>,
                })?;
                if let Some(lookups) = lookups {
                    lists.meetings.looked_up(lookups.finish());
                }
                read
            }
        };
        if let Some(slot) = self.read.get_mut(k - 3) {
            *slot = Some(read);
        }
        Ok(())
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// The top level's own fields, once the whole file is read.
pub struct Top<'de> {
    schema: Option<Raw<'de>>,
    names: Option<Shaped<'de, NamesFields<'de>>>,
    settings: Option<Shaped<'de, SettingsFields<'de>>>,
    read: [Option<Shaped<'de, ()>>; 3],
    pub extra: Extra,
}

impl<'de> TopFields<'_, 'de> {
    /// The fields read, letting go of the lists.
    pub fn done(self) -> Top<'de> {
        Top {
            schema: self.schema,
            names: self.names,
            settings: self.settings,
            read: self.read,
            extra: self.extra,
        }
    }
}

impl Top<'_> {
    /// Checks the top level, the names and the settings. `Err` with the
    /// one problem to list when the file is from a newer partnermap and
    /// nothing else should be said.
    pub fn check(self, problems: &mut Problems) -> Result<(Names, Settings, Extra), Problem> {
        let mut c = Check {
            problems,
            name: Name::Top("top level"),
            key: Key::of(Part::Top),
        };
        match present(self.schema) {
            Some(Raw::Number(n)) if n.as_u64() == Some(SCHEMA) => {}
            Some(Raw::Number(n)) if n.as_u64().is_some_and(|n| n > SCHEMA) => {
                return Err(Problem {
                    place: Name::Top("top level").field("schema"),
                    message: format!(
                        "schema {n} was written by a newer partnermap (this one reads schema {SCHEMA}); \
                         upgrade partnermap. The file was not changed"
                    ),
                });
            }
            Some(other) => c.problem(0, Field::Schema, || {
                format!("expected 1, got {}", other.describe())
            }),
            None => c.problem(0, Field::Schema, || "is required (1)".to_string()),
        }
        let names = c.shaped(0, Field::Partnership, self.names, false, true);
        let settings = c.shaped(0, Field::Settings, self.settings, false, false);
        let [people, ties, meetings] = self.read;
        c.shaped(0, Field::People, people, true, true);
        c.shaped(0, Field::Ties, ties, true, false);
        c.shaped(0, Field::Meetings, meetings, true, false);
        let names = names.map(|n| n.check(problems)).unwrap_or_default();
        let settings = settings.map(|s| s.check(problems)).unwrap_or_default();
        Ok((names, settings, self.extra))
    }
}

/// The partnership's names as read.
#[derive(Default)]
pub struct NamesFields<'de> {
    fields: [Option<Raw<'de>>; 3],
    domains: Option<Shaped<'de, DomainsFields<'de>>>,
    extra: Extra,
}

impl<'de> Fields<'de> for NamesFields<'de> {
    const KNOWN: &'static [&'static str] = known::NAMES;

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        if k == 3 {
            let record = DomainsFields::default();
            self.domains = Some(access.next_value_seed(RecordSeed { at, dups, record })?);
            return Ok(());
        }
        raw_into(&mut self.fields, k, access, at, dups)
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl NamesFields<'_> {
    fn check(self, problems: &mut Problems) -> Names {
        let mut c = Check {
            problems,
            name: Name::Top("partnership"),
            key: Key::of(Part::Names),
        };
        let [name, ours, partner] = self.fields;
        let name = c.owned(0, Field::Name, name, true).unwrap_or_default();
        let ours = c.owned(0, Field::Ours, ours, true).unwrap_or_default();
        let partner = c
            .owned(0, Field::Partner, partner, true)
            .unwrap_or_default();
        let domains = c.shaped(0, Field::Domains, self.domains, false, false);
        Names {
            name,
            ours,
            partner,
            domains: domains.map(|d| d.check(problems)),
            extra: self.extra,
        }
    }
}

/// The partnership's domains as read.
#[derive(Default)]
pub struct DomainsFields<'de> {
    lists: [Option<Shaped<'de, Strings>>; 2],
    extra: Extra,
}

impl<'de> Fields<'de> for DomainsFields<'de> {
    const KNOWN: &'static [&'static str] = known::DOMAINS;

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        let value = access.next_value_seed(StringsSeed { at, dups })?;
        if let Some(slot) = self.lists.get_mut(k) {
            *slot = Some(value);
        }
        Ok(())
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl DomainsFields<'_> {
    fn check(self, problems: &mut Problems) -> Domains {
        let mut c = Check {
            problems,
            name: Name::Top("partnership.domains"),
            key: Key::of(Part::Names),
        };
        let [ours, partner] = self.lists;
        let ours = c.domains(0, Field::Ours, ours);
        let partner = c.domains(0, Field::Partner, partner);
        Domains {
            ours,
            partner,
            extra: self.extra,
        }
    }
}

/// The settings as read.
#[derive(Default)]
pub struct SettingsFields<'de> {
    fields: [Option<Raw<'de>>; 3],
    extra: Extra,
}

impl<'de> Fields<'de> for SettingsFields<'de> {
    const KNOWN: &'static [&'static str] = known::SETTINGS;

    fn read<A: MapAccess<'de>>(
        &mut self,
        k: usize,
        access: &mut A,
        at: &At<'_>,
        dups: &mut Duplicates,
    ) -> Result<(), A::Error> {
        raw_into(&mut self.fields, k, access, at, dups)
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl SettingsFields<'_> {
    fn check(self, problems: &mut Problems) -> Settings {
        let mut c = Check {
            problems,
            name: Name::Top("settings"),
            key: Key::of(Part::Settings),
        };
        let defaults = Settings::default();
        let [stale, half_life, large] = self.fields;
        Settings {
            stale_after_days: c
                .setting(0, Field::StaleAfterDays, stale)
                .unwrap_or(defaults.stale_after_days),
            half_life_days: c
                .setting(0, Field::HalfLifeDays, half_life)
                .unwrap_or(defaults.half_life_days),
            large_meeting: c
                .setting(0, Field::LargeMeeting, large)
                .unwrap_or(defaults.large_meeting),
            extra: self.extra,
        }
    }
}
