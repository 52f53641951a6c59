//! `demo` and `restore`: the demo written once (or afresh), backups
//! listed and put back, and the writers' lock.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{
    add_meeting, copy_to_temp, date, demo_path, demo_report, fails, ok, parse_json, pm_file,
    read_json, run, today_local,
};
use jiff::civil::Date;
use partnermap::date::days_between;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// demo
// ---------------------------------------------------------------------------

#[test]
fn demo_writes_a_valid_file_told_from_today() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("new folder/acme.json");
    let out = ok(pm_file(&file, &["demo"]));
    assert!(out.contains(&file.display().to_string()), "{out}");
    ok(pm_file(&file, &["check"]));

    let today = today_local();
    let written = read_json(&file);
    assert!(
        written.get("demo_reference_date").is_none(),
        "the reference date is for the shipped file only"
    );
    let held: Vec<Date> = written["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| date(m["date"].as_str().unwrap()))
        .filter(|d| *d <= today)
        .collect();
    let newest = held.into_iter().max().expect("the demo has held meetings");
    let age = days_between(newest, today);
    assert!(
        (0..=31).contains(&age),
        "the newest held meeting ({newest}) is {age} days before today ({today})"
    );
}

#[test]
fn demo_tells_the_same_story_today_as_the_shipped_file_on_its_reference_date() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("demo.json");
    ok(pm_file(&file, &["demo"]));
    let now = parse_json(&ok(pm_file(&file, &["risks", "--format", "json"])));
    let shipped = parse_json(&demo_report("risks", "json"));
    assert_eq!(now["as_of"], today_local().to_string());
    assert_eq!(now["summary"], shipped["summary"]);
    assert_eq!(now["risks"], shipped["risks"]);
}

#[test]
fn demo_never_overwrites_without_fresh() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("acme.json");
    ok(pm_file(&file, &["demo"]));
    let before = fs::read(&file).unwrap();
    // Run again (the README's quick start, twice): left as it is, exit 0.
    let r = run(pm_file(&file, &["demo"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&file.display().to_string()) && r.stdout.contains("already exists"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read(&file).unwrap(), before);

    // Nor any other file that happens to be there: it does not load, so
    // it is said as `check` says it, and left alone.
    let other = dir.path().join("notes.txt");
    fs::write(&other, "not a partnership").unwrap();
    fails(pm_file(&other, &["demo"]), 1);
    assert_eq!(fs::read_to_string(&other).unwrap(), "not a partnership");
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    // The first demo's lock file and backup stay; the refusals add nothing.
    assert_eq!(
        names,
        [
            ".acme.json.lock",
            ".partnermap-backups",
            "acme.json",
            "notes.txt"
        ]
    );
}

// ---------------------------------------------------------------------------
// Backups, restore and the writers' lock
// ---------------------------------------------------------------------------

/// A demo file with a few saves behind it, then broken by hand.
fn broken_after_saves() -> (TempDir, PathBuf, Vec<u8>) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("team file.json");
    ok(pm_file(&file, &["demo"]));
    add_meeting(&file, "One");
    add_meeting(&file, "Two");
    let good = fs::read(&file).unwrap();
    let mut broken = good.clone();
    broken.truncate(good.len() / 2);
    fs::write(&file, &broken).unwrap();
    (dir, file, good)
}

#[test]
fn check_on_a_broken_file_lists_its_backups_and_how_to_restore() {
    let (_dir, file, good) = broken_after_saves();
    let before = fs::read(&file).unwrap();
    let r = fails(pm_file(&file, &["check"]), 1);
    let backups = partnermap::store::backups(&file);
    let newest = &backups[0];
    assert_eq!(fs::read(&newest.path).unwrap(), good);
    let e = &r.stderr;
    assert!(e.contains("invalid JSON"), "{e}");
    assert!(e.contains("Backups of this file, newest first"), "{e}");
    for b in &backups {
        let name = b.path.file_name().unwrap().to_str().unwrap();
        assert!(
            e.contains(&format!("{}  {name}", b.local_time())),
            "{name}: {e}"
        );
    }
    assert!(e.contains("← restore puts back this one"), "{e}");
    let quoted = format!("'{}'", file.display());
    assert!(
        e.contains(&format!("partnermap --file {quoted} restore")),
        "{e}"
    );
    assert!(
        e.contains(&format!("cp '{}' {quoted}", newest.path.display())),
        "{e}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "check never writes");
}

#[test]
fn commands_that_cannot_load_the_file_give_a_one_line_restore_hint() {
    let (dir, file, _good) = broken_after_saves();
    let before = fs::read(&file).unwrap();
    let out = dir.path().join("r.csv");
    let cases: [Vec<&str>; 3] = [
        vec!["risks"],
        vec!["coverage", "--output", out.to_str().unwrap()],
        vec![
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana",
        ],
    ];
    for args in cases {
        let r = fails(pm_file(&file, &args), 1);
        let hints: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| l.starts_with("hint: "))
            .collect();
        assert_eq!(hints.len(), 1, "{args:?}: {}", r.stderr);
        assert!(hints[0].contains("restore"), "{}", hints[0]);
        assert_eq!(fs::read(&file).unwrap(), before, "{args:?}");
    }
    assert!(!out.exists());
}

#[test]
fn restore_puts_back_the_last_good_version_and_can_be_undone() {
    let (_dir, file, good) = broken_after_saves();
    let broken = fs::read(&file).unwrap();
    let out = ok(pm_file(&file, &["restore"]));
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(fs::read(&file).unwrap(), good);
    ok(pm_file(&file, &["check"]));
    // The broken version was kept: it can be put back by name.
    let kept = partnermap::store::backups(&file)
        .into_iter()
        .find(|b| fs::read(&b.path).unwrap() == broken)
        .expect("the replaced version is kept");
    let r = fails(pm_file(&file, &["restore"]).arg(&kept.path), 1);
    assert!(r.stderr.contains("does not load"), "{}", r.stderr);
    assert_eq!(fs::read(&file).unwrap(), good);
}

#[test]
fn restore_without_backups_says_so() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert!(r.stderr.contains("no backups"), "{}", r.stderr);
    fs::write(&file, "{").unwrap();
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert!(r.stderr.contains("no backups"), "{}", r.stderr);
}

#[test]
fn restore_leaves_a_file_that_loads_alone_unless_a_backup_is_named() {
    let (_dir, file) = copy_to_temp(&demo_path());
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "One",
            "--with",
            "ana,li",
        ],
    ));
    ok(pm_file(
        &file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-21",
            "--title",
            "Two",
            "--with",
            "ana,li",
        ],
    ));
    let now = fs::read(&file).unwrap();
    // Running restore "to be sure" must not take back the last meeting.
    let r = fails(pm_file(&file, &["restore"]), 1);
    assert!(
        r.stderr.contains("loads fine, so nothing was restored"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("restore"), "{}", r.stderr);
    assert_eq!(fs::read(&file).unwrap(), now);
    // Named, an older version is put back (and the current one kept).
    let older = partnermap::store::backups(&file)
        .into_iter()
        .find(|b| fs::read(&b.path).unwrap() != now)
        .expect("an older backup");
    ok(pm_file(&file, &["restore"]).arg(&older.path));
    assert_ne!(fs::read(&file).unwrap(), now);
}

#[cfg(unix)]
#[test]
fn data_file_lock_file_backups_and_exports_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("new folder/acme.json");
    ok(pm_file(&file, &["demo"]));
    add_meeting(&file, "One");
    let out = dir.path().join("new folder/risks.csv");
    ok(pm_file(&file, &["risks"]).arg("--output").arg(&out));
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&partnermap::store::lock_path(&file)), 0o600);
    assert_eq!(mode(&partnermap::store::backup_dir(&file)), 0o700);
    let backups = partnermap::store::backups(&file);
    assert_eq!(backups.len(), 2);
    for b in backups {
        assert_eq!(mode(&b.path), 0o600);
    }
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn restore_takes_a_backup_by_the_bare_name_check_lists() {
    let (_dir, file, good) = broken_after_saves();
    let newest = partnermap::store::backups(&file)
        .into_iter()
        .find(|b| fs::read(&b.path).unwrap() == good)
        .expect("the last good version is kept");
    let bare = newest.path.file_name().unwrap().to_owned();
    // Run from elsewhere: the bare name is found in the backup folder.
    let out = ok(pm_file(&file, &["restore"]).arg(&bare));
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(fs::read(&file).unwrap(), good);
}
