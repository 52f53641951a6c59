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
    kept.kept_in_place();
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 1);
    assert!(backups(&path).is_empty());
    assert_eq!(fs::read(&path).unwrap(), b"{\"by\": \"hand\"}");
}
