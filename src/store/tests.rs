//! The store's inner steps that no public call can be made to take: a
//! save whose rename fails after the replaced version was linked.

#![allow(clippy::unwrap_used, clippy::panic)]

use super::backups;
use super::replaced::{Current, keep_current};
use std::fs;
use std::os::unix::fs::MetadataExt;

#[cfg(unix)]
#[test]
fn a_link_made_for_a_rename_that_failed_is_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::write(&path, b"{\"by\": \"hand\"}").unwrap();
    let kept = keep_current(&path).unwrap();
    let Current::Linked(link) = &kept else {
        panic!("a file with one name is linked, not copied");
    };
    assert_eq!(
        fs::metadata(link).unwrap().ino(),
        fs::metadata(&path).unwrap().ino()
    );
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
    kept.kept_in_place(&path);
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 1);
    assert!(backups(&path).is_empty());
    assert_eq!(fs::read(&path).unwrap(), b"{\"by\": \"hand\"}");
}

/// When the newest backup holds the data file's bytes, its name is given
/// to the data file itself (so that the copy's room is given back before
/// the rename); a rename that fails makes it a copy of its own again.
#[cfg(unix)]
#[test]
fn a_swapped_backup_becomes_a_copy_again_when_the_rename_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let text = b"{\"schema\": 1}\n";
    fs::write(&path, text).unwrap();
    let folder = super::backup_dir(&path);
    fs::create_dir(&folder).unwrap();
    let newest = folder.join("p.json.20261130T120000Z.json");
    fs::write(&newest, text).unwrap();
    let kept = keep_current(&path).unwrap();
    let Current::Swapped(swapped) = &kept else {
        panic!("a backup holding the same bytes is swapped");
    };
    assert_eq!(swapped, &newest);
    assert_eq!(
        fs::metadata(&newest).unwrap().ino(),
        fs::metadata(&path).unwrap().ino()
    );
    // Nothing else is left in the folder (the link was named by a rename).
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
    kept.kept_in_place(&path);
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 1);
    assert_ne!(
        fs::metadata(&newest).unwrap().ino(),
        fs::metadata(&path).unwrap().ino()
    );
    assert_eq!(fs::read(&newest).unwrap(), text);
    assert_eq!(fs::read(&path).unwrap(), text);
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
}
