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
    let Current::Linked { kept: link, .. } = &kept else {
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

/// A data file and a newest backup of the same bytes, in a fresh folder.
fn saved_once(text: &[u8]) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::write(&path, text).unwrap();
    let folder = super::backup_dir(&path);
    fs::create_dir(&folder).unwrap();
    let newest = folder.join("p.json.20261130T120000Z.json");
    fs::write(&newest, text).unwrap();
    (dir, path, newest)
}

fn ino(path: &std::path::Path) -> u64 {
    fs::metadata(path).unwrap().ino()
}

/// The names in the backup folder.
fn in_folder(path: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(super::backup_dir(path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// While the new version is written, the data file gets a temporary name
/// (not a backup); just before the rename, it takes the name of a newest
/// backup of the same bytes (whose room is given back then).
#[cfg(unix)]
#[test]
fn the_old_file_takes_the_name_of_a_backup_of_the_same_bytes_before_the_rename() {
    let text = b"{\"schema\": 1}\n";
    let (_dir, path, newest) = saved_once(text);
    let early = super::replaced::early(&path).unwrap();
    assert_eq!(fs::read(&newest).unwrap(), text, "kept until the rename");
    let names = in_folder(&path);
    let [temp, name] = names.as_slice() else {
        panic!("two names: {names:?}");
    };
    assert_eq!(name, "p.json.20261130T120000Z.json");
    assert!(
        temp.starts_with(".p.json.") && temp.ends_with(".tmp"),
        "{temp}"
    );
    let kept = early.name(&path).unwrap();
    let Current::Linked {
        kept: name,
        replaces,
    } = &kept
    else {
        panic!("linked");
    };
    assert!(replaces);
    assert_eq!(name, &newest);
    assert_eq!(ino(&newest), ino(&path));
    assert_eq!(in_folder(&path), ["p.json.20261130T120000Z.json"]);
    // Had the rename failed, the backup would be a copy of its own again.
    kept.kept_in_place(&path);
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 1);
    assert_ne!(ino(&newest), ino(&path));
    assert_eq!(fs::read(&newest).unwrap(), text);
    assert_eq!(in_folder(&path), ["p.json.20261130T120000Z.json"]);
}

/// A save whose writing failed drops the temporary name: the backups are
/// as they were.
#[cfg(unix)]
#[test]
fn a_write_that_failed_leaves_the_backups_as_they_were() {
    let text = b"{\"schema\": 1}\n";
    let (_dir, path, newest) = saved_once(text);
    let early = super::replaced::early(&path).unwrap();
    drop(early);
    assert_eq!(in_folder(&path), ["p.json.20261130T120000Z.json"]);
    assert_eq!(fs::read(&newest).unwrap(), text);
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 1);
}

/// When someone replaces the data file while the new version is written,
/// the newest backup still holds the file it was, and the newer one is
/// kept as a backup too (it is someone's version, which the save replaces).
#[cfg(unix)]
#[test]
fn a_data_file_replaced_meanwhile_is_kept_and_so_is_the_one_before() {
    let text = b"{\"schema\": 1}\n";
    let (_dir, path, newest) = saved_once(text);
    let early = super::replaced::early(&path).unwrap();
    let theirs = path.with_extension("theirs");
    fs::write(&theirs, b"{\"schema\": 1, \"theirs\": true}\n").unwrap();
    fs::rename(&theirs, &path).unwrap();
    let kept = early.name(&path).unwrap();
    assert_eq!(fs::read(&newest).unwrap(), text);
    assert_eq!(fs::metadata(&newest).unwrap().nlink(), 1);
    let Current::Linked {
        kept: name,
        replaces,
    } = &kept
    else {
        panic!("the newer file is linked");
    };
    assert!(!replaces);
    assert_eq!(ino(name), ino(&path));
    assert_eq!(in_folder(&path).len(), 2);
}

/// When someone writes the data file in place while the new version is
/// written (the same file, new bytes), the newest backup still holds the
/// bytes it had, and theirs are kept under a name of their own.
#[cfg(unix)]
#[test]
fn a_data_file_written_in_place_meanwhile_is_kept_and_so_is_the_one_before() {
    let text = b"{\"schema\": 1}\n";
    let (_dir, path, newest) = saved_once(text);
    let early = super::replaced::early(&path).unwrap();
    let theirs = b"{\"schema\": 1, \"in place\": true}\n";
    fs::write(&path, theirs).unwrap();
    let kept = early.name(&path).unwrap();
    assert_eq!(fs::read(&newest).unwrap(), text);
    let names = in_folder(&path);
    assert_eq!(names.len(), 2, "{names:?}");
    let folder = super::backup_dir(&path);
    let held: Vec<Vec<u8>> = names
        .iter()
        .map(|n| fs::read(folder.join(n)).unwrap())
        .collect();
    assert!(held.contains(&theirs.to_vec()), "theirs is kept");
    assert!(
        matches!(kept, Current::Held),
        "the newest backup holds theirs"
    );
}
