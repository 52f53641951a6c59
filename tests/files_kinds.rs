//! The binary against what a path can be besides a regular file: FIFOs,
//! devices, folders, planted symbolic links, read-only and huge files, a
//! folder it cannot write, `ulimit -f`, and a lock held by another writer.
//!
//! Every run goes through [`bounded`], which kills the binary after
//! [`HANG`] and fails the test: a FIFO that is opened for reading waits for
//! a writer forever, and a regression must not hang the test run.
//! Cases that need root (`mknod`, `chown`) or a tool (`mkfifo`, `setpriv`,
//! `bash`) are skipped, saying so, where these are missing; CI runs as root.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{demo_copy_as, pm_std};
use std::borrow::BorrowMut;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long a run may take before it counts as hung.
const HANG: Duration = Duration::from_secs(10);

struct Run {
    /// None when killed by a signal.
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// `partnermap --file FILE ARGS...` as a plain process, to be run [`bounded`].
fn pm_file(file: &Path, args: &[&str]) -> Command {
    let mut cmd = pm_std();
    cmd.arg("--file").arg(file).args(args);
    cmd
}

/// Runs `cmd` with no input, killing it and failing the test after [`HANG`].
fn bounded(mut cmd: impl BorrowMut<Command>) -> Run {
    let cmd = cmd.borrow_mut();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = r.read_to_string(&mut text);
            text
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hung: {cmd:?} was killed after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        took: start.elapsed(),
    }
}

fn ok(cmd: impl BorrowMut<Command>) -> Run {
    let r = bounded(cmd);
    assert_eq!(
        r.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    r
}

fn fails(cmd: impl BorrowMut<Command>) -> Run {
    let r = bounded(cmd);
    assert_eq!(
        r.code,
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    r
}

/// A copy of the shipped demo in a fresh folder.
fn demo_file() -> (TempDir, PathBuf) {
    demo_copy_as("d.json")
}

fn add_meeting(file: &Path) -> Command {
    pm_file(
        file,
        &[
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "QBR",
            "--with",
            "ana,li",
        ],
    )
}

/// Runs a tool (`mkfifo`, `mknod`); false when it is missing or refused.
fn tool(name: &str, args: &[&str]) -> bool {
    Command::new(name)
        .args(args)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn mkfifo(path: &Path) -> bool {
    let made = tool("mkfifo", &[path.to_str().unwrap()]);
    if !made {
        eprintln!("skipped: mkfifo is not available");
    }
    made
}

/// A character device like /dev/null (1, 3) at `path`; needs root.
fn mknod_null(path: &Path) -> bool {
    let made = tool("mknod", &[path.to_str().unwrap(), "c", "1", "3"]);
    if !made {
        eprintln!("skipped: mknod needs root");
    }
    made
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let dir = TempDir::new().unwrap();
    let probe = dir.path().join("probe");
    fs::write(&probe, "").unwrap();
    fs::metadata(&probe).unwrap().uid() == 0
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

// ---------------------------------------------------------------------------
// FIFOs: never opened for reading, never a hang
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_fifo_as_the_data_file_is_refused_at_once_by_every_command() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("d.json");
    if !mkfifo(&fifo) {
        return;
    }
    let commands: [&[&str]; 8] = [
        &["risks"],
        &["coverage"],
        &["check"],
        &[
            "meeting", "add", "--date", "today", "--title", "X", "--with", "ana,li",
        ],
        &["restore"],
        &["demo"],
        &["generate", "--people", "5", "--meetings", "1", "--output"],
        // No command: the terminal UI, which loads the file first.
        &[],
    ];
    for args in commands {
        let mut cmd = pm_file(&fifo, args);
        if args.first() == Some(&"generate") {
            cmd.arg(&fifo);
        }
        let r = fails(cmd);
        assert!(
            r.stderr.contains("is a FIFO (named pipe), not a data file"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&fifo.display().to_string()),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.took < Duration::from_secs(2),
            "{args:?} took {:?}",
            r.took
        );
    }
    let still = fs::symlink_metadata(&fifo).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&still.file_type()));
    // Nothing was created beside it: no lock file, no backups.
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_backup_folder_is_never_read_nor_removed() {
    let (_dir, file) = demo_file();
    ok(add_meeting(&file));
    let backups = partnermap::store::backup_dir(&file);
    // Named like the newest backup, so that it is the first one looked at.
    let fifo = backups.join("d.json.29991231T235959Z.json");
    if !mkfifo(&fifo) {
        return;
    }
    // A save compares the newest backup with the file, with the lock held.
    ok(add_meeting(&file));
    // The hint on a broken file, `check`'s list and `restore` read backups.
    let good = fs::read(&file).unwrap();
    fs::write(&file, "{").unwrap();
    let r = fails(pm_file(&file, &["risks"]));
    assert!(r.stderr.contains("restore"), "{}", r.stderr);
    let r = fails(pm_file(&file, &["check"]));
    assert!(r.stderr.contains("restore puts back"), "{}", r.stderr);
    ok(pm_file(&file, &["restore"]));
    assert_eq!(fs::read(&file).unwrap(), good);
    // Named as the backup to restore, it is refused.
    let r = fails(pm_file(&file, &["restore"]).arg(&fifo));
    assert!(r.stderr.contains("FIFO"), "{}", r.stderr);
    // Rotation of many saves never removes it.
    for _ in 0..6 {
        ok(add_meeting(&file));
    }
    assert!(fs::symlink_metadata(&fifo).is_ok(), "the FIFO was removed");
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_through() {
    let (dir, file) = demo_file();
    let fifo = dir.path().join("report.pipe");
    if !mkfifo(&fifo) {
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let r = ok(pm_file(&file, &["risks", "--format", "csv", "--output"]).arg(&fifo));
    assert!(r.stderr.contains("Wrote the risks"), "{}", r.stderr);
    let still = fs::symlink_metadata(&fifo).unwrap();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&still.file_type()),
        "the FIFO was replaced"
    );
    let start = Instant::now();
    while !reader.is_finished() {
        assert!(start.elapsed() < HANG, "nothing was written to the FIFO");
        std::thread::sleep(Duration::from_millis(10));
    }
    let text = reader.join().unwrap();
    assert!(text.starts_with("severity,kind,"), "{text}");
}

// ---------------------------------------------------------------------------
// Devices: written through, never replaced; never a data file
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn output_to_a_device_through_a_link_writes_through_and_keeps_the_device() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let (dir, file) = demo_file();
    let device = dir.path().join("null");
    if !mknod_null(&device) {
        return;
    }
    fs::set_permissions(&device, std::os::unix::fs::PermissionsExt::from_mode(0o666)).unwrap();
    let link = dir.path().join("risks.csv");
    std::os::unix::fs::symlink(&device, &link).unwrap();
    let before = fs::metadata(&device).unwrap();
    for out in [&link, &device] {
        for command in ["risks", "coverage"] {
            ok(pm_file(&file, &[command, "--format", "csv", "--output"]).arg(out));
        }
    }
    let after = fs::symlink_metadata(&device).unwrap();
    assert!(
        after.file_type().is_char_device(),
        "the device was replaced"
    );
    assert_eq!(after.rdev(), before.rdev());
    assert_eq!(after.ino(), before.ino());
    assert_eq!(mode(&device), 0o666);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // No data landed in a stray regular file either.
    for entry in fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        assert!(
            !name.to_string_lossy().ends_with(".tmp"),
            "left behind: {name:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_device_or_a_folder_as_the_data_file_is_refused_and_left_alone() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, good) = demo_file();
    ok(add_meeting(&good));
    let backup = partnermap::store::backups(&good)[0].path.clone();
    let folder = dir.path().join("folder.json");
    fs::create_dir(&folder).unwrap();
    let device = dir.path().join("dev.json");
    let mut cases = vec![(folder.clone(), "a directory")];
    if mknod_null(&device) {
        cases.push((device.clone(), "a character device"));
    }
    for (path, kind) in &cases {
        let mut restore = pm_file(path, &["restore"]);
        restore.arg(&backup);
        for cmd in [
            pm_file(path, &["check"]),
            pm_file(path, &["risks"]),
            add_meeting(path),
            restore,
        ] {
            let r = fails(cmd);
            assert!(r.stderr.contains(kind), "{}", r.stderr);
            assert!(r.stderr.contains("not a data file"), "{}", r.stderr);
        }
    }
    if cases.len() > 1 {
        assert!(
            fs::symlink_metadata(&device)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    assert!(folder.is_dir());
}

#[test]
fn output_dash_is_standard_output() {
    let (dir, file) = demo_file();
    let mut cmd = pm_file(&file, &["risks", "--format", "csv", "--output", "-"]);
    cmd.current_dir(dir.path());
    let r = ok(cmd);
    assert!(r.stdout.starts_with("severity,kind,"), "{}", r.stdout);
    assert!(!dir.path().join("-").exists());
}

// ---------------------------------------------------------------------------
// Planted links and the files partnermap keeps
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_planted_lock_link_is_refused_and_its_target_never_created() {
    let (dir, file) = demo_file();
    let before = fs::read(&file).unwrap();
    let target = dir.path().join("nologin");
    std::os::unix::fs::symlink(&target, dir.path().join(".d.json.lock")).unwrap();
    let r = fails(add_meeting(&file));
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert!(r.stderr.contains(".d.json.lock"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was saved"), "{}", r.stderr);
    assert!(!target.exists(), "the link's target was created");
    assert_eq!(fs::read(&file).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_symlinked_backup_folder_is_not_written_through() {
    let (dir, file) = demo_file();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join(".partnermap-backups")).unwrap();
    let r = ok(add_meeting(&file));
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert!(r.stderr.contains("without a backup"), "{}", r.stderr);
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(fs::read_to_string(&file).unwrap().contains("QBR"));
}

#[test]
fn output_naming_the_data_file_its_lock_or_a_backup_is_refused() {
    let (dir, file) = demo_file();
    ok(add_meeting(&file));
    let backup = partnermap::store::backups(&file)[0].path.clone();
    let saved = fs::read(&backup).unwrap();
    let data = fs::read(&file).unwrap();
    let cases = [
        (file.clone(), "the data file"),
        (dir.path().join(".d.json.lock"), "its lock file"),
        (backup.clone(), "a backup of it"),
        (
            dir.path().join(".partnermap-backups/new.csv"),
            "a backup of it",
        ),
    ];
    for (out, role) in cases {
        let r = fails(pm_file(&file, &["risks", "--format", "csv", "--output"]).arg(&out));
        assert!(r.stderr.contains(role), "{}", r.stderr);
        assert!(r.stderr.contains("refusing"), "{}", r.stderr);
    }
    assert_eq!(fs::read(&backup).unwrap(), saved);
    assert_eq!(fs::read(&file).unwrap(), data);
    assert_eq!(
        fs::metadata(dir.path().join(".d.json.lock")).unwrap().len(),
        0
    );
    assert!(!dir.path().join(".partnermap-backups/new.csv").exists());
}

// ---------------------------------------------------------------------------
// Modes, owners, read-only files and folders
// ---------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_read_only_data_file_is_never_saved_over() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, file) = demo_file();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&file).unwrap();
    let r = fails(add_meeting(&file));
    assert!(
        r.stderr
            .contains("is read-only (mode 0444); nothing was saved"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&file.display().to_string()),
        "{}",
        r.stderr
    );
    let mut restore = pm_file(&file, &["restore"]);
    restore.arg(&file);
    fails(restore);
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(mode(&file), 0o444);
    // Reading it is fine.
    ok(pm_file(&file, &["check"]));
}

#[cfg(unix)]
#[test]
fn a_shared_data_file_keeps_its_mode_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if !is_root() {
        eprintln!("skipped: giving a file to another owner needs root");
        return;
    }
    let (_dir, file) = demo_file();
    std::os::unix::fs::chown(&file, Some(65534), Some(65533)).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o660)).unwrap();
    ok(add_meeting(&file));
    let meta = fs::metadata(&file).unwrap();
    assert!(fs::read_to_string(&file).unwrap().contains("QBR"));
    assert_eq!((meta.uid(), meta.gid()), (65534, 65533));
    assert_eq!(mode(&file), 0o660);
    // Its backups stay private to whoever saved.
    for b in partnermap::store::backups(&file) {
        assert_eq!(mode(&b.path), 0o600);
    }
    // An export over an existing report keeps that report's mode, and a
    // new one is private.
    let out = file.with_file_name("r.csv");
    ok(pm_file(&file, &["risks", "--output"]).arg(&out));
    assert_eq!(mode(&out), 0o600);
    fs::set_permissions(&out, fs::Permissions::from_mode(0o4640)).unwrap();
    ok(pm_file(&file, &["risks", "--output"]).arg(&out));
    assert_eq!(mode(&out), 0o640, "set-id bits are never copied");
}

#[cfg(unix)]
#[test]
fn a_folder_the_user_cannot_write_is_named_in_the_error() {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        eprintln!("skipped: needs root to run the binary as another user");
        return;
    }
    // A folder of root's that `nobody` can read but not write.
    let (dir, file) = demo_file();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o666)).unwrap();
    let before = fs::read(&file).unwrap();
    let mut cmd = Command::new("setpriv");
    cmd.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        env!("CARGO_BIN_EXE_partnermap"),
        "--file",
    ])
    .arg(&file)
    .args([
        "meeting",
        "add",
        "--date",
        "2026-11-20",
        "--title",
        "QBR",
        "--with",
        "ana,li",
    ])
    .env("NO_COLOR", "1");
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: setpriv is not available");
        return;
    }
    let r = fails(cmd);
    let expected = format!("the folder {} is not writable", dir.path().display());
    assert!(r.stderr.contains(&expected), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was saved"), "{}", r.stderr);
    assert_eq!(fs::read(&file).unwrap(), before);
}

// ---------------------------------------------------------------------------
// Sizes: files over 2 GiB, and `ulimit -f`
// ---------------------------------------------------------------------------

#[test]
fn a_data_file_over_2_gib_is_refused_without_reading_it() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("huge.json");
    // Sparse: takes no disk.
    fs::File::create(&file).unwrap().set_len(3 << 30).unwrap();
    for args in [&["check"][..], &["risks"], &["coverage"]] {
        let r = fails(pm_file(&file, args));
        assert!(r.stderr.contains("3221225472 bytes"), "{}", r.stderr);
        assert!(r.stderr.contains("the limit is 2 GiB"), "{}", r.stderr);
        assert!(r.took < Duration::from_secs(2), "took {:?}", r.took);
    }
    let r = fails(add_meeting(&file));
    assert!(r.stderr.contains("too large"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn over_ulimit_f_a_save_says_so_and_keeps_the_file() {
    let (dir, file) = demo_file();
    // Saved once, so that the newest backup holds the file as it is.
    ok(add_meeting(&file));
    let before = fs::read(&file).unwrap();
    assert!(before.len() > 4096, "the demo must exceed the limit");
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(r#"ulimit -f 1 && exec "$0" --file "$1" meeting add --date 2026-11-20 --title QBR --with ana,li"#)
        .arg(env!("CARGO_BIN_EXE_partnermap"))
        .arg(&file)
        .env("NO_COLOR", "1");
    if Command::new("bash").arg("--version").output().is_err() {
        eprintln!("skipped: bash is not available");
        return;
    }
    let r = bounded(cmd);
    assert_eq!(
        r.code,
        Some(1),
        "killed by a signal?\nstdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stderr
            .contains("too large for this process's limit (ulimit -f)"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    // No temporary file is left beside it.
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The backups are as they were: the newest still holds the file (it
    // gave its room back while the save was written, and was put back when
    // the save failed: as a second name of the data file, since this
    // process may write no file big enough to copy it), and nothing
    // half-written is left among them.
    let backups = partnermap::store::backups(&file);
    assert_eq!(backups.len(), 2, "{backups:?}");
    assert_eq!(fs::read(&backups[0].path).unwrap(), before);
    let folder = partnermap::store::backup_dir(&file);
    let left: Vec<_> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_temporary_file_left_by_a_killed_save_is_removed_by_restore() {
    let (dir, file) = demo_file();
    ok(add_meeting(&file));
    let stray = dir.path().join(".d.json.Ab3dE5gH.tmp");
    fs::write(&stray, "half a file").unwrap();
    fs::write(&file, "{").unwrap();
    ok(pm_file(&file, &["restore"]));
    assert!(!stray.exists(), "restore left the stray temporary file");
}

// ---------------------------------------------------------------------------
// The lock: a slow writer is waited for, and the wait is said
// ---------------------------------------------------------------------------

#[test]
fn meeting_add_waits_for_a_slow_writer_and_says_so_once() {
    let (_dir, file) = demo_file();
    let held = partnermap::store::lock(&file, partnermap::store::LOCK_TIMEOUT).unwrap();
    // Longer than the old 5 s limit.
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(6500));
        drop(held);
    });
    let r = ok(add_meeting(&file));
    release.join().unwrap();
    assert!(r.took >= Duration::from_secs(6), "{:?}", r.took);
    let notice = format!(
        "waiting for another partnermap to finish saving {}…",
        file.display()
    );
    assert_eq!(r.stderr.matches(&notice).count(), 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("Logged"), "{}", r.stdout);
}
