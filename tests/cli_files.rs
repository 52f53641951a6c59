//! Where the data file is (`--file`, `$PARTNERMAP_FILE`, the data
//! directory), saving keeps it where and what it is, and errors from the
//! operating system are readable.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{DEMO_AS_OF, copy_to_temp, demo_path, fails, meetings, ok, pm, pm_file};
use std::fs;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Where the data file is
// ---------------------------------------------------------------------------

#[test]
fn file_flag_beats_the_environment() {
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("not-here.json");
    let mut cmd = pm_file(&demo_path(), &["check"]);
    cmd.env("PARTNERMAP_FILE", &elsewhere);
    let out = ok(&mut cmd);
    assert!(out.contains("demo.json"), "{out}");
    assert!(!elsewhere.exists());

    // --file after the command works as well (it is a global option).
    let mut cmd = pm();
    cmd.args(["check", "--file"])
        .arg(demo_path())
        .env("PARTNERMAP_FILE", &elsewhere);
    ok(&mut cmd);
}

#[test]
fn environment_names_the_file_without_the_flag() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let mut cmd = pm();
    cmd.arg("check").env("PARTNERMAP_FILE", &file);
    let out = ok(&mut cmd);
    assert!(out.contains(&file.display().to_string()), "{out}");

    // And a missing file named by the environment is reported by its path.
    let missing = file.with_file_name("missing.json");
    let mut cmd = pm();
    cmd.args(["risks", "--as-of", DEMO_AS_OF])
        .env("PARTNERMAP_FILE", &missing);
    let r = fails(&mut cmd, 1);
    assert!(
        r.stderr.contains(&missing.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(!missing.exists());
}

#[test]
fn default_file_is_in_xdg_data_home() {
    let dir = TempDir::new().unwrap();
    let xdg = dir.path().join("xdg");
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let expected = xdg.join("partnermap/partnership.json");

    let mut cmd = pm();
    cmd.arg("demo")
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", &home);
    let out = ok(&mut cmd);
    assert!(expected.is_file(), "no file at {}", expected.display());
    assert!(out.contains(&expected.display().to_string()), "{out}");

    let mut cmd = pm();
    cmd.arg("check")
        .env("XDG_DATA_HOME", &xdg)
        .env("HOME", &home);
    ok(&mut cmd);
    // Nothing was written in HOME.
    assert_eq!(fs::read_dir(&home).unwrap().count(), 0);
}

#[test]
fn default_file_falls_back_to_home_local_share() {
    let dir = TempDir::new().unwrap();
    let mut cmd = pm();
    cmd.arg("demo")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", dir.path());
    ok(&mut cmd);
    assert!(
        dir.path()
            .join(".local/share/partnermap/partnership.json")
            .is_file()
    );
}

// ---------------------------------------------------------------------------
// Saving keeps the file where and what it is
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, file) = copy_to_temp(&demo_path());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o664)).unwrap();
    ok(pm_file(
        &file,
        &[
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana,li",
        ],
    ));
    let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "saving changed the file's mode to {mode:o}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_updates_its_target() {
    let (dir, file) = copy_to_temp(&demo_path());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    ok(pm_file(
        &link,
        &[
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana,li",
        ],
    ));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a copy"
    );
    assert_eq!(meetings(&file).len(), 36, "the target was not updated");
}

// ---------------------------------------------------------------------------
// Errors from the operating system are readable
// ---------------------------------------------------------------------------

#[test]
fn a_file_that_cannot_be_read_is_reported_once() {
    let dir = TempDir::new().unwrap();
    // A folder where the data file should be: said in plain words, once,
    // before anything is opened.
    let r = fails(pm_file(dir.path(), &["check"]), 1);
    assert!(
        r.stderr.contains(&dir.path().display().to_string()),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("is a directory").count(),
        1,
        "the reason is repeated: {}",
        r.stderr
    );
    assert!(!r.stderr.contains("os error"), "{}", r.stderr);
}

#[test]
fn a_report_that_cannot_be_written_is_reported_once() {
    let dir = TempDir::new().unwrap();
    // The output names an existing folder: it is refused, said once.
    let out = dir.path().join("a-folder");
    fs::create_dir(&out).unwrap();
    let r = fails(
        pm_file(&demo_path(), &["risks", "--as-of", DEMO_AS_OF])
            .arg("--output")
            .arg(&out),
        1,
    );
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains(&out.display().to_string()),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("is a directory").count(),
        1,
        "the reason is repeated: {}",
        r.stderr
    );
    assert!(out.is_dir());
}

#[test]
fn a_missing_data_file_says_how_to_create_one() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("no such.json");
    for args in [
        &["risks"][..],
        &["coverage"],
        &["check"],
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "X",
            "--with",
            "ana,li",
        ],
    ] {
        let r = fails(pm_file(&file, args), 1);
        assert_eq!(
            r.stderr,
            format!(
                "error: {}: no data file here (create one with `partnermap --file '{}' demo`, or pass --file)\n",
                file.display(),
                file.display()
            ),
            "{args:?}"
        );
        assert!(!file.exists(), "{args:?} created the file");
    }
}
