//! `init`: start a new, empty partnership file — ours, the partner, a name
//! and each side's e-mail domains — never over a file that is there.

use super::args::{Cli, InitArgs};
use super::demo::next_command;
use super::{CliError, data_path, warn};
use partnermap::edit::{NewPartnership, StartField, new_partnership};
use partnermap::model::Side;
use partnermap::store::{self, SaveError};
use partnermap::text::{path as shown, printable};
use std::path::Path;

/// Checks what was typed (bad usage, exit 2), then writes the new file
/// atomically; a file already there is left as it is (exit 1).
pub fn run(cli: &Cli, args: &InitArgs) -> Result<(), CliError> {
    let path = data_path(cli)?;
    let new = NewPartnership {
        ours: args.ours.clone(),
        partner: args.partner.clone(),
        name: args.name.clone().unwrap_or_default(),
        ours_domains: args.ours_domains.clone(),
        partner_domains: args.partner_domains.clone(),
    };
    let p = new_partnership(&new)
        .map_err(|e| CliError::usage(format!("{}: {}", flag(e.field), e.message)))?;
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(exists(cli, &path));
    }
    let saved = match store::save_new(&path, &p) {
        Ok(saved) => saved,
        Err(SaveError::Exists { .. }) => return Err(exists(cli, &path)),
        Err(e) => return Err(e.into()),
    };
    warn(saved.warning.as_deref());
    let names = &p.names;
    println!(
        "Started the partnership {} ({} with {}) in {}, with nobody in it yet",
        printable(&names.name),
        printable(&names.ours),
        printable(&names.partner),
        shown(&path)
    );
    if let Some(domains) = &names.domains {
        for side in Side::ALL {
            let list = domains.of(side);
            if !list.is_empty() {
                println!(
                    "E-mail domains of {}: {}",
                    printable(names.of(side)),
                    printable(&list.join(", "))
                );
            }
        }
    }
    println!(
        "Next: {}   (the terminal UI: a adds a person)",
        next_command(cli.file.as_deref(), "").trim_end()
    );
    Ok(())
}

/// The option a refusal is about.
fn flag(field: StartField) -> &'static str {
    match field {
        StartField::Ours => "--ours",
        StartField::Partner => "--partner",
        StartField::Name => "--name",
        StartField::Domains(Side::Ours) => "--ours-domain",
        StartField::Domains(Side::Partner) => "--partner-domain",
    }
}

/// A file is there already: it is left as it is, and the message says how
/// to open it or where else to start.
fn exists(cli: &Cli, path: &Path) -> CliError {
    CliError::failed(format!(
        "{} already exists, so nothing was written: init never writes over a file \
         (to open it: {}; to start another partnership, name a new file with --file)",
        shown(path),
        next_command(cli.file.as_deref(), "").trim_end()
    ))
}
