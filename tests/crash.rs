//! The real binary killed at random moments, and run by several processes
//! at once: the data file always loads, and holds every meeting whose
//! command reported success, each once, and nothing else.
//!
//! Run with `--nocapture` to see the counts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{demo_copy_as, pm_std};
use partnermap::model::Partnership;
use partnermap::store;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn demo_copy() -> (TempDir, PathBuf) {
    demo_copy_as("team.json")
}

fn meeting_add(file: &Path, title: &str) -> Command {
    let mut cmd = pm_std();
    cmd.arg("--file")
        .arg(file)
        .args(["meeting", "add", "--date", "2026-11-20", "--title", title])
        .args(["--with", "ana,li"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Whether a finished command reported logging its meeting, and the id.
fn reported(child: Child) -> Option<String> {
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let id = stdout
        .strip_prefix("Logged ")
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_string);
    match (out.status.success(), id) {
        (true, Some(id)) => Some(id),
        (true, None) => panic!("exit 0 without the Logged line: {stdout}"),
        (false, _) => None,
    }
}

/// The meetings this test logged (titles starting with `test:`), by title,
/// each with its id; every title once.
fn meetings_by_title(p: &Partnership) -> BTreeMap<String, String> {
    let mut by_title = BTreeMap::new();
    for m in &p.meetings {
        let title = m.title.clone().unwrap_or_default();
        if !title.starts_with("test:") {
            continue;
        }
        let again = by_title.insert(title.clone(), m.id.clone());
        assert!(
            again.is_none(),
            "the meeting {title:?} is in the file twice"
        );
    }
    let ids: BTreeSet<&str> = p.meetings.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), p.meetings.len(), "meeting ids repeat");
    by_title
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for d in [dir.to_path_buf(), dir.join(store::BACKUP_DIR)] {
        for e in fs::read_dir(d).into_iter().flatten() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                found.push(name);
            }
        }
    }
    found
}

/// A small random number generator (xorshift), seeded from the clock and
/// printed, so that a failure can be replayed with `PARTNERMAP_CRASH_SEED`.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("PARTNERMAP_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("crash test seed: {seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn killing_meeting_add_at_random_moments_loses_nothing_reported() {
    const RUNS: usize = 300;
    let (dir, file) = demo_copy();
    let base = store::load(&file).unwrap().meetings.len();

    // How long one run takes here, to spread the kills over its whole life.
    let mut took = Vec::new();
    for i in 0..5 {
        let start = Instant::now();
        let child = meeting_add(&file, &format!("test: warm-up {i}"))
            .spawn()
            .unwrap();
        assert!(reported(child).is_some());
        took.push(start.elapsed());
    }
    took.sort();
    let typical = took[2];

    let mut rng = Rng::new();
    let start = Instant::now();
    let mut expected = meetings_by_title(&store::load(&file).unwrap());
    let (mut reported_ok, mut killed, mut written_unreported) = (0, 0, 0);
    for i in 0..RUNS {
        let title = format!("test: crash {i}");
        let mut child = meeting_add(&file, &title).spawn().unwrap();
        // Anywhere from the start to a bit past a typical run's end.
        let micros = rng.below(typical.as_micros() as u64 * 3 / 2);
        std::thread::sleep(Duration::from_micros(micros));
        let _ = child.kill(); // SIGKILL; does nothing when it has exited.
        let outcome = reported(child);

        // After every run, killed or not, the file loads.
        let p = store::load(&file).unwrap_or_else(|e| panic!("run {i}: {e}"));
        let now = meetings_by_title(&p);
        match (&outcome, now.get(&title)) {
            (Some(id), Some(in_file)) => {
                assert_eq!(id, in_file, "run {i}: reported {id}, file has {in_file}");
                reported_ok += 1;
            }
            (Some(id), None) => panic!("run {i}: reported {id} but the meeting is not in the file"),
            // Killed after its rename, before it could say so.
            (None, Some(_)) => {
                killed += 1;
                written_unreported += 1;
            }
            (None, None) => killed += 1,
        }
        if let Some(id) = now.get(&title) {
            expected.insert(title.clone(), id.clone());
        }
        // Nothing else came or went.
        assert_eq!(now, expected, "run {i}");
    }
    let elapsed = start.elapsed();

    // One more writer removes what the killed ones left behind.
    let child = meeting_add(&file, "test: after").spawn().unwrap();
    assert!(reported(child).is_some());
    let left = temp_files(dir.path());
    assert!(left.is_empty(), "temporary files left: {left:?}");
    for b in store::backups(&file) {
        store::load(&b.path).unwrap_or_else(|e| panic!("backup: {e}"));
    }
    let p = store::load(&file).unwrap();
    assert_eq!(
        p.meetings.len(),
        base + 5 + reported_ok + written_unreported + 1
    );
    eprintln!(
        "crash test: {RUNS} runs in {elapsed:.1?} (a run takes {typical:.1?}): \
         {reported_ok} reported and in the file, {killed} killed \
         ({written_unreported} of them had written their meeting before the kill), \
         the file loaded after every one"
    );
}

#[test]
fn concurrent_meeting_adds_all_survive_with_unique_ids() {
    const ROUNDS: usize = 25;
    const AT_ONCE: usize = 4;
    let (_dir, file) = demo_copy();
    let before = store::load(&file).unwrap().meetings.len();
    let mut ids = BTreeSet::new();
    for round in 0..ROUNDS {
        let children: Vec<Child> = (0..AT_ONCE)
            .map(|k| {
                meeting_add(&file, &format!("test: round {round} writer {k}"))
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let id = reported(child).expect("every writer succeeds");
            assert!(ids.insert(id.clone()), "{id} was reported twice");
        }
    }
    let p = store::load(&file).unwrap();
    let by_title = meetings_by_title(&p);
    assert_eq!(p.meetings.len(), before + ROUNDS * AT_ONCE);
    for round in 0..ROUNDS {
        for k in 0..AT_ONCE {
            let id = &by_title[&format!("test: round {round} writer {k}")];
            assert!(ids.contains(id), "{id} is in the file but was not reported");
        }
    }
    eprintln!(
        "concurrency test: {} meeting adds, {AT_ONCE} at a time: all in the file, ids unique",
        ROUNDS * AT_ONCE
    );
}
