//! How a save keeps the version it replaces without reading it: as a second
//! name of the old file when nobody else names it, else as a copy; either
//! way a backup that no later edit of the data file (or of another name of
//! it) can change, private (0600), and the data file keeps its own mode.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use partnermap::model::{Partnership, Person, Side};
use partnermap::store;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn sample(people: usize) -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Us × Them".into();
    p.names.ours = "Us".into();
    p.names.partner = "Them".into();
    for i in 0..people {
        let side = if i % 2 == 0 {
            Side::Ours
        } else {
            Side::Partner
        };
        p.people
            .push(Person::new(format!("p{i}"), format!("Person {i}"), side));
    }
    p
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every backup's bytes, newest first.
fn kept(path: &Path) -> Vec<Vec<u8>> {
    store::backups(path)
        .iter()
        .map(|b| fs::read(&b.path).unwrap())
        .collect()
}

/// A data file saved once by partnermap, then written by someone else
/// (`by_hand`), with mode 0640.
fn edited_by_hand(by_hand: &[u8]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("p.json");
    store::save_new(&path, &sample(2)).unwrap();
    // Replaced by a new file (as editors and git do), or written in place.
    let other = dir.path().join("p.json.new");
    fs::write(&other, by_hand).unwrap();
    fs::set_permissions(&other, fs::Permissions::from_mode(0o640)).unwrap();
    fs::rename(&other, &path).unwrap();
    (dir, path)
}

#[test]
fn the_replaced_version_is_kept_as_its_own_private_file() {
    let by_hand = store::to_text(&sample(3)).into_bytes();
    let (_dir, path) = edited_by_hand(&by_hand);
    let old_inode = fs::metadata(&path).unwrap().ino();
    let saved = store::save(&path, &sample(4)).unwrap();
    assert_eq!(saved.warning, None);
    let written = store::to_text(&sample(4)).into_bytes();
    assert_eq!(fs::read(&path).unwrap(), written);
    // The data file keeps its mode; the backups are private.
    assert_eq!(mode(&path), 0o640);
    let backups = store::backups(&path);
    assert_eq!(kept(&path)[..2], [written.clone(), by_hand.clone()]);
    for b in &backups {
        assert_eq!(mode(&b.path), 0o600, "{}", b.path.display());
        assert_eq!(fs::metadata(&b.path).unwrap().nlink(), 1);
    }
    // The replaced version was not copied: its backup is the old file.
    assert_eq!(fs::metadata(&backups[1].path).unwrap().ino(), old_inode);
    // An edit in place of the data file now changes no backup.
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .write_all(b"garbage")
        .unwrap();
    assert_eq!(kept(&path)[..2], [written, by_hand]);
}

#[test]
fn a_data_file_with_another_name_is_copied_not_linked() {
    let by_hand = store::to_text(&sample(3)).into_bytes();
    let (dir, path) = edited_by_hand(&by_hand);
    let other_name = dir.path().join("also.json");
    fs::hard_link(&path, &other_name).unwrap();
    store::save(&path, &sample(4)).unwrap();
    let backups = store::backups(&path);
    assert_eq!(fs::read(&backups[1].path).unwrap(), by_hand);
    assert_ne!(
        fs::metadata(&backups[1].path).unwrap().ino(),
        fs::metadata(&other_name).unwrap().ino()
    );
    // Writing through the other name leaves the backup alone.
    fs::write(&other_name, b"changed elsewhere").unwrap();
    assert_eq!(fs::read(&backups[1].path).unwrap(), by_hand);
    assert_eq!(mode(&backups[1].path), 0o600);
}

#[test]
fn a_version_the_newest_backup_holds_is_not_kept_twice() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("p.json");
    store::save_new(&path, &sample(2)).unwrap();
    for n in 3..6 {
        store::save(&path, &sample(n)).unwrap();
    }
    // One backup per version, newest first, though each save saw the file
    // the previous one wrote.
    let versions: Vec<Vec<u8>> = (2..6)
        .rev()
        .map(|n| store::to_text(&sample(n)).into_bytes())
        .collect();
    assert_eq!(kept(&path), versions);
    // The same version saved again adds nothing.
    store::save(&path, &sample(5)).unwrap();
    assert_eq!(kept(&path), versions);
}

#[test]
fn the_stamp_read_from_the_file_is_the_stamp_of_its_bytes() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("p.json");
    assert_eq!(store::Stamp::read(&path).unwrap(), store::Stamp::Absent);
    let saved = store::save_new(&path, &sample(40)).unwrap();
    let bytes = fs::read(&path).unwrap();
    assert_eq!(store::Stamp::read(&path).unwrap(), store::Stamp::of(&bytes));
    assert_eq!(saved.stamp, store::Stamp::of(&bytes));
    assert_ne!(store::Stamp::of(&bytes), store::Stamp::of(b"{}"));
}
