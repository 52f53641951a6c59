//! `init`: a new, empty partnership file with the names and domains given;
//! bad names or domains are bad usage (exit 2), an existing file is never
//! written over (exit 1), and nothing is half written either way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{copy_to_temp, demo_path, fails, ok, pm_file, read_json};
use serde_json::json;
use std::fs;
use tempfile::TempDir;

#[test]
fn init_writes_an_empty_partnership_that_loads() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("mine.json");
    let out = ok(pm_file(
        &file,
        &[
            "init",
            "--ours",
            "Acme",
            "--partner",
            "Globex",
            "--ours-domain",
            "ACME.example,acme.co.uk",
            "--ours-domain",
            "acme.example",
            "--partner-domain",
            "globex.example",
        ],
    ));
    assert!(
        out.contains("Started the partnership Acme × Globex"),
        "{out}"
    );
    assert!(
        out.contains(&format!("partnermap --file {}", file.display())),
        "{out}"
    );
    let saved = read_json(&file);
    assert_eq!(
        saved["partnership"],
        json!({
            "name": "Acme × Globex",
            "ours": "Acme",
            "partner": "Globex",
            "domains": { "ours": ["acme.example", "acme.co.uk"], "partner": ["globex.example"] }
        })
    );
    assert_eq!(saved["people"], json!([]));
    assert_eq!(saved["schema"], 1);
    // It loads, and the reports work on it.
    let checked = ok(pm_file(&file, &["check"]));
    assert!(checked.contains("0 people"), "{checked}");
    let risks = ok(pm_file(&file, &["risks", "--format", "csv"]));
    assert!(risks.starts_with("severity,"), "{risks}");
    // Private, as every new data file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_name_given_is_used_and_no_domains_means_none_in_the_file() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("sub").join("p.json");
    ok(pm_file(
        &file,
        &[
            "init",
            "--ours",
            " Acme ",
            "--partner",
            "Globex",
            "--name",
            "Cloud alliance",
        ],
    ));
    let saved = read_json(&file);
    assert_eq!(saved["partnership"]["name"], "Cloud alliance");
    assert_eq!(saved["partnership"]["ours"], "Acme");
    assert!(saved["partnership"].get("domains").is_none());
}

#[test]
fn an_existing_file_is_never_written_over() {
    let (_dir, file) = copy_to_temp(&demo_path());
    let before = fs::read(&file).unwrap();
    let r = fails(
        pm_file(&file, &["init", "--ours", "Acme", "--partner", "Globex"]),
        1,
    );
    assert!(
        r.stderr.contains("already exists, so nothing was written"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&file.display().to_string()),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    // Nor a file that does not load, nor a link to one.
    let broken = file.with_file_name("broken.json");
    fs::write(&broken, "{").unwrap();
    fails(
        pm_file(&broken, &["init", "--ours", "Acme", "--partner", "Globex"]),
        1,
    );
    assert_eq!(fs::read(&broken).unwrap(), b"{");
    #[cfg(unix)]
    {
        let link = file.with_file_name("link.json");
        std::os::unix::fs::symlink(file.with_file_name("nowhere.json"), &link).unwrap();
        fails(
            pm_file(&link, &["init", "--ours", "Acme", "--partner", "Globex"]),
            1,
        );
        assert!(!file.with_file_name("nowhere.json").exists());
    }
}

#[test]
fn bad_names_and_domains_are_bad_usage_and_write_nothing() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("p.json");
    let long = "x".repeat(1001);
    let cases: [(&[&str], &str); 6] = [
        (
            &["--ours", "  ", "--partner", "Globex"],
            "--ours: our organisation needs a name",
        ),
        (
            &["--ours", "Acme", "--partner", &long],
            "--partner: the name is 1001 characters long",
        ),
        (
            &["--ours", "Acme", "--partner", "acme"],
            "--partner: the partner needs a name other than ours",
        ),
        (
            &[
                "--ours",
                "Acme",
                "--partner",
                "Globex",
                "--ours-domain",
                "ana@acme.example",
            ],
            "--ours-domain: \"ana@acme.example\" is not an e-mail domain; write the part after @ alone: acme.example",
        ),
        (
            &[
                "--ours",
                "Acme",
                "--partner",
                "Globex",
                "--partner-domain",
                "globex example",
            ],
            "--partner-domain: \"globex example\" is not an e-mail domain",
        ),
        (
            &[
                "--ours",
                "Acme",
                "--partner",
                "Globex",
                "--ours-domain",
                "x.example",
                "--partner-domain",
                "X.example",
            ],
            "--partner-domain: x.example is also given as our domain",
        ),
    ];
    for (args, said) in cases {
        let mut all = vec!["init"];
        all.extend_from_slice(args);
        let r = fails(pm_file(&file, &all), 2);
        assert!(r.stderr.contains(said), "{args:?}: {}", r.stderr);
        assert!(!file.exists(), "{args:?} wrote a file");
    }
    // A missing required option is clap's usage error.
    fails(pm_file(&file, &["init", "--ours", "Acme"]), 2);
    assert!(!file.exists());
}
