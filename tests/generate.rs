//! The hidden `generate` command (benchmarks and load tests): its numbers are
//! checked before anything is generated, every allowed size finishes, and
//! it never writes over an existing file.
//!
//! Every run has a timeout, so that a generator that loops forever fails
//! the test instead of hanging the test run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// Long enough for a debug build on a busy machine, short enough to notice a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The binary, isolated (see `common::pm`), with a timeout.
fn pm(args: &[&str]) -> Command {
    let mut cmd = common::pm();
    cmd.timeout(TIMEOUT).args(args);
    cmd
}

/// Runs the command; the exit code (a timeout or a crash fails the test),
/// stdout and stderr.
fn run(mut cmd: Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let Some(code) = out.status.code() else {
        panic!(
            "killed (a timeout after {TIMEOUT:?}, or a crash): {:?}\nstderr:\n{stderr}",
            out.status
        );
    };
    (code, stdout, stderr)
}

fn generate(dir: &Path, people: &str, meetings: &str) -> Command {
    let out = dir.join("big.json");
    pm(&[
        "generate",
        "--people",
        people,
        "--meetings",
        meetings,
        "--seed",
        "7",
        "--output",
        out.to_str().unwrap(),
    ])
}

#[test]
fn generate_refuses_people_counts_out_of_range_with_exit_2() {
    let dir = TempDir::new().unwrap();
    // 2 and 3 looped forever; u64::MAX panicked (capacity overflow); four
    // billion aborted on memory; 0 and 1 were quietly turned into 2.
    for people in [
        "0",
        "1",
        "1000001",
        "4000000000",
        "18446744073709551615",
        "18446744073709551616",
        "-1",
    ] {
        let (code, stdout, stderr) = run(generate(dir.path(), people, "10"));
        assert_eq!(code, 2, "--people {people}\n{stdout}\n{stderr}");
        assert!(
            stderr.contains("--people") && stderr.contains("from 2 to 1000000"),
            "--people {people}: the message names the allowed range:\n{stderr}"
        );
        assert!(!dir.path().join("big.json").exists(), "--people {people}");
    }
}

#[test]
fn generate_refuses_meeting_counts_out_of_range_with_exit_2() {
    let dir = TempDir::new().unwrap();
    for meetings in ["10000001", "18446744073709551615", "-5"] {
        let (code, stdout, stderr) = run(generate(dir.path(), "10", meetings));
        assert_eq!(code, 2, "--meetings {meetings}\n{stdout}\n{stderr}");
        assert!(
            stderr.contains("--meetings") && stderr.contains("from 0 to 10000000"),
            "--meetings {meetings}: the message names the allowed range:\n{stderr}"
        );
        assert!(!dir.path().join("big.json").exists());
    }
}

#[test]
fn generate_finishes_for_the_smallest_people_counts() {
    for people in ["2", "3", "4"] {
        let dir = TempDir::new().unwrap();
        let (code, stdout, stderr) = run(generate(dir.path(), people, "200"));
        assert_eq!(code, 0, "--people {people}\n{stdout}\n{stderr}");
        let file = dir.path().join("big.json");
        let value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(
            value["people"].as_array().unwrap().len().to_string(),
            people
        );
        assert_eq!(value["meetings"].as_array().unwrap().len(), 200);
        // What it wrote loads.
        let check = pm(&["--file", file.to_str().unwrap(), "check"]);
        let (code, _, stderr) = run(check);
        assert_eq!(code, 0, "{stderr}");
        // The same seed gives the same file.
        let again = TempDir::new().unwrap();
        let (code, _, stderr) = run(generate(again.path(), people, "200"));
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            fs::read(&file).unwrap(),
            fs::read(again.path().join("big.json")).unwrap()
        );
    }
    // The ends of both ranges: no meetings at all.
    let dir = TempDir::new().unwrap();
    let (code, _, stderr) = run(generate(dir.path(), "2", "0"));
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(dir.path().join("big.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["people"].as_array().unwrap().len(), 2);
    assert!(value["meetings"].as_array().is_none_or(Vec::is_empty));
}

#[test]
fn generate_never_overwrites_an_existing_file() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("big.json");
    let before = b"{\"my\": \"real data, not JSON of a partnership\"}\n";
    fs::write(&file, before).unwrap();
    let (code, stdout, stderr) = run(generate(dir.path(), "10", "10"));
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("already exists") && stderr.contains("big.json"),
        "{stderr}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "the file was changed");
}
