//! Saving safely in the library: backups and their rotation, restoring,
//! the writers' lock, two writers from the same base, leftovers of killed
//! writers, and private permissions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::date;
use partnermap::change::Change;
use partnermap::edit::{NewMeeting, new_meeting};
use partnermap::model::{Meeting, Partnership, Person, Side};
use partnermap::store::{self, CommitError, Loaded, SaveError};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn sample() -> Partnership {
    let mut p = Partnership::default();
    p.names.name = "Us × Them".into();
    p.names.ours = "Us".into();
    p.names.partner = "Them".into();
    p.people.push(Person::new("ana", "Ana Ruiz", Side::Ours));
    p.people.push(Person::new("li", "Li Wei", Side::Partner));
    p
}

/// A fresh data file holding `sample()`.
fn data_file() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("p.json");
    store::save_new(&path, &sample()).unwrap();
    (dir, path)
}

fn meeting_on(p: &Partnership, title: &str) -> Meeting {
    new_meeting(
        p,
        NewMeeting {
            date: Some(date(2026, 11, 20)),
            title: title.into(),
            attendees: vec!["ana".into(), "li".into()],
            notes: String::new(),
        },
    )
    .unwrap()
}

/// Logs one meeting titled `title` through `commit`, from the file as it is.
fn log(path: &Path, title: &str) -> store::Committed {
    let base = store::load_stamped(path).unwrap();
    let m = meeting_on(&base.partnership, title);
    store::commit(path, &base, &Change::AddMeeting(m)).unwrap()
}

fn titles(p: &Partnership) -> Vec<String> {
    p.meetings
        .iter()
        .map(|m| m.title.clone().unwrap_or_default())
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn backups_rotate_keeping_the_newest_five() {
    let (_dir, path) = data_file();
    let mut versions = vec![fs::read(&path).unwrap()];
    for i in 0..8 {
        let committed = log(&path, &format!("T{i}"));
        assert_eq!(committed.warning, None);
        versions.push(fs::read(&path).unwrap());
        // The newest backup is the version just written.
        assert_eq!(
            fs::read(committed.backup.unwrap()).unwrap(),
            versions[i + 1]
        );
    }
    let backups = store::backups(&path);
    assert_eq!(backups.len(), store::KEEP_BACKUPS);
    // Newest first: the last five versions written, in order.
    let kept: Vec<Vec<u8>> = backups.iter().map(|b| fs::read(&b.path).unwrap()).collect();
    let expected: Vec<Vec<u8>> = versions.iter().rev().take(5).cloned().collect();
    assert_eq!(kept, expected);
    for pair in backups.windows(2) {
        assert!((pair[0].time, pair[0].seq) > (pair[1].time, pair[1].seq));
    }
    for b in &backups {
        let name = b.path.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("p.json.") && name.ends_with(".json"),
            "{name}"
        );
        assert_eq!(b.path.parent().unwrap(), store::backup_dir(&path));
        #[cfg(unix)]
        assert_eq!(mode(&b.path), 0o600, "{name}");
    }
    #[cfg(unix)]
    {
        assert_eq!(mode(&store::backup_dir(&path)), 0o700);
        assert_eq!(mode(&store::lock_path(&path)), 0o600);
        assert_eq!(mode(&path), 0o600);
    }
}

#[test]
fn a_version_someone_else_wrote_is_kept_before_it_is_replaced() {
    let (_dir, path) = data_file();
    let base = store::load_stamped(&path).unwrap();
    // Someone edits the file by hand: a valid version partnermap never wrote.
    let mut theirs = sample();
    theirs
        .people
        .push(Person::new("sam", "Sam Lee", Side::Ours));
    let by_hand = format!(" {}", store::to_text(&theirs));
    fs::write(&path, &by_hand).unwrap();
    let m = meeting_on(&base.partnership, "Ours");
    let committed = store::commit(&path, &base, &Change::AddMeeting(m)).unwrap();
    assert!(committed.merged);
    assert!(committed.partnership.person("sam").is_some());
    let kept: Vec<String> = store::backups(&path)
        .iter()
        .map(|b| fs::read_to_string(&b.path).unwrap())
        .collect();
    assert!(
        kept.contains(&by_hand),
        "the hand-edited version was not kept"
    );
}

#[test]
fn a_backup_that_cannot_be_written_does_not_stop_the_save() {
    let (_dir, path) = data_file();
    // A file where the backup folder should be: no backup can be written.
    let backups = store::backup_dir(&path);
    fs::remove_dir_all(&backups).unwrap();
    fs::write(&backups, "in the way").unwrap();
    let committed = log(&path, "Saved anyway");
    let warning = committed.warning.expect("a warning");
    assert!(warning.contains("without a backup"), "{warning}");
    assert!(warning.contains(".partnermap-backups"), "{warning}");
    assert_eq!(committed.backup, None);
    assert_eq!(titles(&store::load(&path).unwrap()), ["Saved anyway"]);
}

#[test]
fn restore_puts_back_the_newest_backup_that_loads_and_keeps_the_broken_file() {
    let (_dir, path) = data_file();
    log(&path, "One");
    let one = fs::read(&path).unwrap();
    log(&path, "Two");
    let good = fs::read(&path).unwrap();
    // On a good file, the backup to restore is the version before the last
    // save (the newest backup is the file itself).
    let previous = store::restorable(&path).unwrap();
    assert_eq!(fs::read(&previous.path).unwrap(), one);

    let broken = b"{\"schema\": 1, \"people\": [".to_vec();
    fs::write(&path, &broken).unwrap();
    assert!(store::load(&path).is_err());
    let newest = store::restorable(&path).expect("a backup to restore");
    assert_eq!(fs::read(&newest.path).unwrap(), good);
    let hint = partnermap::advice::restore_hint(&path).unwrap();
    assert!(hint.contains(&newest.local_time()), "{hint}");
    assert!(hint.contains(&newest.path.display().to_string()), "{hint}");
    assert!(hint.contains("restore"), "{hint}");
    assert!(!hint.contains('\n'), "one line: {hint}");

    store::restore(&path, &newest.path).unwrap();
    assert_eq!(fs::read(&path).unwrap(), good, "restored byte for byte");
    let kept: Vec<Vec<u8>> = store::backups(&path)
        .iter()
        .map(|b| fs::read(&b.path).unwrap())
        .collect();
    assert!(kept.contains(&broken), "the broken version is kept too");
}

#[test]
fn a_backup_that_does_not_load_is_not_restored() {
    let (dir, path) = data_file();
    let before = fs::read(&path).unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{").unwrap();
    let err = store::restore(&path, &bad).unwrap_err();
    assert!(matches!(err, store::RestoreError::Backup(_)), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn the_lock_is_waited_for_and_its_timeout_is_a_clear_error() {
    let (_dir, path) = data_file();
    let held = store::lock(&path, store::LOCK_TIMEOUT).unwrap();
    let start = Instant::now();
    let err = store::lock(&path, Duration::from_millis(300)).unwrap_err();
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    assert!(matches!(err, SaveError::Locked { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("another partnermap is saving"), "{text}");
    assert!(text.contains("nothing was saved"), "{text}");
    assert!(text.contains(&path.display().to_string()), "{text}");

    // A commit waits for the writer (up to a minute), telling its caller
    // once after a second, then goes through.
    assert!(store::LOCK_TIMEOUT >= Duration::from_secs(60));
    let base = store::load_stamped(&path).unwrap();
    let m = meeting_on(&base.partnership, "Waited");
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        drop(held);
    });
    let mut told = Vec::new();
    let start = Instant::now();
    let committed =
        store::commit_noticing(&path, &base, &Change::AddMeeting(m), &mut |p: &Path| {
            told.push((p.to_path_buf(), start.elapsed()));
        })
        .unwrap();
    release.join().unwrap();
    assert!(start.elapsed() >= Duration::from_millis(1500));
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, path);
    assert!(told[0].1 >= store::NOTICE_AFTER, "{told:?}");
    assert!(!committed.merged);
    assert_eq!(titles(&store::load(&path).unwrap()), ["Waited"]);

    // Without a wait, nobody is told.
    let mut told = 0;
    store::lock_noticing(&path, store::LOCK_TIMEOUT, &mut |_| told += 1).unwrap();
    assert_eq!(told, 0);
}

#[test]
fn two_commits_from_the_same_base_both_survive() {
    let (_dir, path) = data_file();
    // The UI and `meeting add` both loaded the file as it is now.
    let base: Loaded = store::load_stamped(&path).unwrap();
    let ui = meeting_on(&base.partnership, "From the UI");
    let cli = meeting_on(&base.partnership, "From the command line");
    assert_eq!(ui.id, cli.id, "both picked the same next id");
    let first = store::commit(&path, &base, &Change::AddMeeting(ui)).unwrap();
    assert!(!first.merged);
    let second = store::commit(&path, &base, &Change::AddMeeting(cli)).unwrap();
    assert!(second.merged, "the second writer saw the first one's file");
    let Change::AddMeeting(made) = &second.change else {
        panic!("not a meeting")
    };
    assert_eq!(made.id, "m-0002", "renumbered");
    let p = store::load(&path).unwrap();
    assert_eq!(titles(&p), ["From the UI", "From the command line"]);
    assert_eq!(second.stamp, store::Stamp::read(&path).unwrap());
}

#[test]
fn a_change_already_made_is_written_as_made_or_made_again_on_a_newer_file() {
    let (_dir, path) = data_file();
    let base: Loaded = store::load_stamped(&path).unwrap();
    // The UI's meeting form leaves the id to the change: it is numbered
    // when made.
    let mut unnumbered = meeting_on(&base.partnership, "Made first");
    unnumbered.id = String::new();
    let change = Change::AddMeeting(unnumbered);
    let (applied, made) = change.applied(&base.partnership).unwrap();
    let Change::AddMeeting(first) = &made else {
        panic!("not a meeting")
    };
    assert_eq!(first.id, "m-0001");
    // The file is as `base` says: `applied` is what is written.
    let written = store::commit_applied(&path, base.stamp, &change, &applied, &mut |_| {}).unwrap();
    assert!(written.merged.is_none());
    assert_eq!(store::load(&path).unwrap(), applied);
    assert_eq!(written.stamp, store::Stamp::read(&path).unwrap());
    // From the same stale base again: the file has changed since, so the
    // change is made again on it, and what was made there is written.
    let again = store::commit_applied(&path, base.stamp, &change, &applied, &mut |_| {}).unwrap();
    let Some((merged, Change::AddMeeting(second))) = again.merged else {
        panic!("made again on the newer file")
    };
    assert_eq!(second.id, "m-0002");
    assert_eq!(store::load(&path).unwrap(), merged);
    assert_eq!(titles(&merged), ["Made first", "Made first"]);
}

#[test]
fn many_threads_committing_from_one_stale_base_lose_nothing() {
    let (_dir, path) = data_file();
    let base = store::load_stamped(&path).unwrap();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (path, base) = (path.clone(), base.clone());
            std::thread::spawn(move || {
                for i in 0..10 {
                    let m = meeting_on(&base.partnership, &format!("t{t}-{i}"));
                    store::commit(&path, &base, &Change::AddMeeting(m)).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let p = store::load(&path).unwrap();
    let mut got = titles(&p);
    got.sort();
    let mut expected: Vec<String> = (0..8)
        .flat_map(|t| (0..10).map(move |i| format!("t{t}-{i}")))
        .collect();
    expected.sort();
    assert_eq!(got, expected);
    let mut ids: Vec<&str> = p.meetings.iter().map(|m| m.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 80, "ids are unique");
}

#[test]
fn temporary_files_of_killed_writers_are_removed_and_nothing_else() {
    let (dir, path) = data_file();
    let backups = store::backup_dir(&path);
    let stale = [
        dir.path().join(".p.json.a1B2c3D4.tmp"),
        backups.join(".p.json.ZZZZ9999.tmp"),
    ];
    let others = [
        dir.path().join(".p.json.notes.tmp"),
        dir.path().join(".other.json.a1B2c3D4.tmp"),
        dir.path().join(".partnermap-a1B2c3.tmp"),
        backups.join("p.json.notes.json"),
        backups.join("other.json.20261124T101502Z.json"),
    ];
    for f in stale.iter().chain(&others) {
        fs::write(f, "x").unwrap();
    }
    log(&path, "Cleans up");
    for f in &stale {
        assert!(!f.exists(), "{} was left", f.display());
    }
    for f in &others {
        assert!(f.exists(), "{} was removed", f.display());
    }
    assert!(store::backups(&path).iter().all(|b| {
        b.path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("p.json.2")
    }));
}

#[test]
fn save_new_never_replaces_a_file_and_a_save_keeps_the_old_version() {
    let (_dir, path) = data_file();
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        store::save_new(&path, &Partnership::default()),
        Err(SaveError::Exists { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
    let mut p = sample();
    p.people.push(Person::new("sam", "Sam", Side::Ours));
    let saved = store::save(&path, &p).unwrap();
    assert_eq!(saved.warning, None);
    let kept: Vec<Vec<u8>> = store::backups(&path)
        .iter()
        .map(|b| fs::read(&b.path).unwrap())
        .collect();
    assert_eq!(kept, [fs::read(&path).unwrap(), before]);
}

#[cfg(unix)]
#[test]
fn through_a_symbolic_link_the_target_is_locked_and_backed_up() {
    let (dir, path) = data_file();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    assert_eq!(store::backup_dir(&link), store::backup_dir(&path));
    let _held = store::lock(&path, store::LOCK_TIMEOUT).unwrap();
    let err = store::lock(&link, Duration::from_millis(50)).unwrap_err();
    assert!(matches!(err, SaveError::Locked { .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_file_is_refused_by_every_save() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = data_file();
    let base = store::load_stamped(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let m = meeting_on(&base.partnership, "Refused");
    let err = store::commit(&path, &base, &Change::AddMeeting(m)).unwrap_err();
    assert!(
        matches!(err, CommitError::Save(SaveError::ReadOnly { .. })),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.contains("is read-only (mode 0444); nothing was saved"),
        "{text}"
    );
    let err = store::save(&path, &sample()).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    let backup = store::backups(&path)[0].path.clone();
    let err = store::restore(&path, &backup).unwrap_err();
    assert!(
        matches!(err, store::RestoreError::Save(SaveError::ReadOnly { .. })),
        "{err}"
    );
    let err = store::write_atomic(&path, b"x", true).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_planted_lock_that_is_not_a_regular_file_is_refused() {
    let (dir, path) = data_file();
    let lock = store::lock_path(&path);
    fs::remove_file(&lock).unwrap();
    // A link to a file that does not exist yet: following it would create it.
    let target = dir.path().join("created-through-the-link");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let err = store::lock(&path, store::LOCK_TIMEOUT).unwrap_err();
    assert!(matches!(err, SaveError::LockNotAFile { .. }), "{err}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(!target.exists());
    // A folder in its place.
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    let err = store::save(&path, &sample()).unwrap_err();
    assert!(matches!(err, SaveError::LockNotAFile { .. }), "{err}");
    assert!(err.to_string().contains("a directory"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_backup_folder_that_is_a_link_is_neither_written_nor_listed() {
    let (dir, path) = data_file();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let backups = store::backup_dir(&path);
    fs::rename(&backups, elsewhere.join("old")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("old"), &backups).unwrap();
    let before: Vec<_> = fs::read_dir(elsewhere.join("old")).unwrap().collect();
    let committed = log(&path, "No backup through a link");
    let warning = committed.warning.expect("a warning");
    assert!(warning.contains("symbolic link"), "{warning}");
    assert!(warning.contains("without a backup"), "{warning}");
    assert_eq!(committed.backup, None);
    assert!(store::backups(&path).is_empty());
    let after: Vec<_> = fs::read_dir(elsewhere.join("old")).unwrap().collect();
    assert_eq!(after.len(), before.len());
}

#[test]
fn an_export_by_a_new_name_never_replaces_anything() {
    let dir = TempDir::new().unwrap();
    let existing = dir.path().join("report.csv");
    fs::write(&existing, "mine").unwrap();
    let err = store::write_new(&existing, b"theirs").unwrap_err();
    assert!(matches!(err, SaveError::Exists { .. }), "{err}");
    assert_eq!(fs::read(&existing).unwrap(), b"mine");
    #[cfg(unix)]
    {
        // A dangling link is not followed: its target is not created.
        let link = dir.path().join("planted.csv");
        let target = dir.path().join("target");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = store::write_new(&link, b"theirs").unwrap_err();
        assert!(matches!(err, SaveError::Exists { .. }), "{err}");
        assert!(!target.exists());
    }
    let new = dir.path().join("sub/new.csv");
    store::write_new(&new, b"fresh").unwrap();
    assert_eq!(fs::read(&new).unwrap(), b"fresh");
    #[cfg(unix)]
    assert_eq!(mode(&new), 0o600);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("huge.json");
    fs::File::create(&path)
        .unwrap()
        .set_len(store::MAX_FILE_BYTES + 1)
        .unwrap();
    let start = Instant::now();
    let err = store::load(&path).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(matches!(err, store::LoadError::TooLarge { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("2147483649 bytes"), "{text}");
    assert!(text.contains("the limit is 2 GiB"), "{text}");
    // A save will not read it either (to keep it as a backup).
    let err = store::save(&path, &sample()).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
    assert_eq!(
        fs::metadata(&path).unwrap().len(),
        store::MAX_FILE_BYTES + 1
    );
}
