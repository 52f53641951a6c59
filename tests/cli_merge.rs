//! `merge BASE OURS THEIRS` from the built binary: as git's merge driver in
//! a real repository (two branches logging meetings with `meeting add`),
//! and on its own with versions that are missing, broken or cannot merge.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{demo_path, fails, ok_run, pm, pm_file};
use partnermap::model::Partnership;
use partnermap::store;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// In a git repository
// ---------------------------------------------------------------------------

/// A repository whose `partnership.json` (the demo) is merged by
/// partnermap, committed on `main`.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: TempDir::new().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo.git(&["config", "user.name", "Test"]);
        let driver = format!(
            "{} merge %O %A %B --name %P",
            env!("CARGO_BIN_EXE_partnermap")
        );
        repo.git(&["config", "merge.partnermap.driver", &driver]);
        fs::write(
            repo.path().join(".gitattributes"),
            "partnership.json merge=partnermap\n",
        )
        .unwrap();
        fs::write(
            repo.path().join(".gitignore"),
            ".partnermap-backups/\n.*.lock\n",
        )
        .unwrap();
        fs::copy(demo_path(), repo.file()).unwrap();
        repo.commit("the demo");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self) -> PathBuf {
        self.path().join("partnership.json")
    }

    /// Runs git; its exit code and what it said.
    fn try_git(&self, args: &[&str]) -> (i32, String) {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env_remove("PARTNERMAP_FILE")
            .output()
            .expect("git runs");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), said)
    }

    fn git(&self, args: &[&str]) -> String {
        let (code, said) = self.try_git(args);
        assert_eq!(code, 0, "git {args:?}:\n{said}");
        said
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `partnermap meeting add` on the repository's file.
    fn meeting(&self, title: &str, with: &str) -> String {
        let args = [
            "meeting",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            title,
            "--with",
            with,
        ];
        ok_run(pm_file(&self.file(), &args)).stdout
    }

    /// Changes one person in the file, written as partnermap writes it.
    fn edit(&self, id: &str, change: impl FnOnce(&mut partnermap::model::Person)) {
        let mut p = store::load(&self.file()).unwrap();
        change(p.people.iter_mut().find(|x| x.id == id).unwrap());
        fs::write(self.file(), store::to_text(&p)).unwrap();
    }

    fn load(&self) -> Partnership {
        store::load(&self.file()).unwrap()
    }
}

fn title_of(p: &Partnership, id: &str) -> Option<String> {
    p.person(id).unwrap().title.clone()
}

#[test]
fn two_branches_that_each_log_a_meeting_and_edit_someone_merge_cleanly() {
    let repo = Repo::new();
    let before = repo.load();
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    assert!(repo.meeting("Their meeting", "sam,li").contains("m-0036"));
    repo.edit("li", |li| li.title = Some("Group CFO".into()));
    repo.commit("theirs");
    repo.git(&["checkout", "-q", "main"]);
    assert!(repo.meeting("Our meeting", "ana,hana").contains("m-0036"));
    repo.edit("ana", |ana| ana.team = Some("Partnerships".into()));
    repo.commit("ours");

    let said = repo.git(&["merge", "-q", "--no-edit", "theirs"]);
    assert!(said.contains("merged cleanly"), "{said}");
    assert!(
        said.contains("their meeting \"m-0036\" is now \"m-0037\""),
        "{said}"
    );
    let merged = repo.load();
    assert_eq!(merged.meetings.len(), before.meetings.len() + 2);
    let last: Vec<(&str, Option<&str>)> = merged.meetings[merged.meetings.len() - 2..]
        .iter()
        .map(|m| (m.id.as_str(), m.title.as_deref()))
        .collect();
    assert_eq!(
        last,
        [
            ("m-0036", Some("Our meeting")),
            ("m-0037", Some("Their meeting"))
        ]
    );
    assert_eq!(title_of(&merged, "li").as_deref(), Some("Group CFO"));
    assert_eq!(
        merged.person("ana").unwrap().team.as_deref(),
        Some("Partnerships")
    );
    // Committed by git as merged: nothing left to resolve.
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    ok_run(pm_file(&repo.file(), &["check"]));
}

#[test]
fn the_same_field_edited_on_both_branches_is_a_conflict_that_keeps_ours() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    repo.edit("li", |li| li.title = Some("Group CFO".into()));
    repo.meeting("Their meeting", "sam,li");
    repo.commit("theirs");
    repo.git(&["checkout", "-q", "main"]);
    repo.edit("li", |li| li.title = Some("Chief Financial Officer".into()));
    repo.commit("ours");

    let (code, said) = repo.try_git(&["merge", "--no-edit", "theirs"]);
    assert_ne!(code, 0, "git reports the conflict:\n{said}");
    assert!(
        said.contains(
            "conflict: partnership.json: person \"li\" (Li Wei), field \"title\": ours \"Chief Financial Officer\", theirs \"Group CFO\"; ours kept"
        ),
        "{said}"
    );
    let unmerged = repo.git(&["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(unmerged.trim(), "partnership.json");
    // The file loads, with our value and their meeting.
    let merged = repo.load();
    assert_eq!(
        title_of(&merged, "li").as_deref(),
        Some("Chief Financial Officer")
    );
    assert!(
        merged
            .meetings
            .iter()
            .any(|m| m.title.as_deref() == Some("Their meeting"))
    );
    ok_run(pm_file(&repo.file(), &["check"]));
}

// ---------------------------------------------------------------------------
// On its own
// ---------------------------------------------------------------------------

/// Three copies of the demo in a fresh folder: base, ours, theirs.
fn three() -> (TempDir, [PathBuf; 3]) {
    let dir = TempDir::new().unwrap();
    let paths = ["base.json", "ours.json", "theirs.json"].map(|n| dir.path().join(n));
    for p in &paths {
        fs::copy(demo_path(), p).unwrap();
    }
    (dir, paths)
}

fn merge_cmd(paths: &[PathBuf; 3]) -> assert_cmd::Command {
    let mut cmd = pm();
    cmd.arg("merge").args(paths);
    cmd
}

#[test]
fn a_missing_or_broken_version_fails_naming_it_and_writes_nothing() {
    let (dir, paths) = three();
    let ours_before = fs::read(&paths[1]).unwrap();
    let missing = dir.path().join("gone.json");
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{\"schema\": 1, \"people\": [\n").unwrap();
    let cases = [
        (
            [missing.clone(), paths[1].clone(), paths[2].clone()],
            "gone.json: no such file",
        ),
        (
            [paths[0].clone(), paths[1].clone(), missing],
            "gone.json: no such file",
        ),
        (
            [paths[0].clone(), paths[1].clone(), broken.clone()],
            "broken.json: line 2",
        ),
        (
            [broken, paths[1].clone(), paths[2].clone()],
            "broken.json: line 2",
        ),
    ];
    for (args, expected) in cases {
        let r = fails(merge_cmd(&args), 1);
        assert!(r.stderr.contains(expected), "{expected}: {}", r.stderr);
        assert!(!r.stderr.contains("demo`"), "no advice to create a file");
        assert_eq!(fs::read(&paths[1]).unwrap(), ours_before, "OURS untouched");
    }
    // OURS itself broken: refused, left as it was.
    fs::write(&paths[1], "not json").unwrap();
    let r = fails(merge_cmd(&paths), 1);
    assert!(r.stderr.contains("ours.json: line 1"), "{}", r.stderr);
    assert_eq!(fs::read(&paths[1]).unwrap(), b"not json");
}

#[test]
fn a_merge_that_would_not_load_writes_nothing() {
    let (_dir, paths) = three();
    let edit = |path: &Path, change: &dyn Fn(&mut Partnership)| {
        let mut p = store::load(path).unwrap();
        change(&mut p);
        fs::write(path, store::to_text(&p)).unwrap();
    };
    // Ours moves Sam to the partner's side; theirs adds someone on ours
    // who reports to Sam: the reporting line would cross sides.
    edit(&paths[1], &|p| {
        let sam = p.people.iter_mut().find(|x| x.id == "sam").unwrap();
        sam.side = partnermap::model::Side::Partner;
        sam.reports_to = None;
        for x in &mut p.people {
            if x.reports_to.as_deref() == Some("sam") {
                x.reports_to = None;
            }
        }
    });
    edit(&paths[2], &|p| {
        let mut zed = partnermap::model::Person::new("zed", "Zed", partnermap::model::Side::Ours);
        zed.reports_to = Some("sam".into());
        p.people.push(zed);
    });
    let ours_before = fs::read(&paths[1]).unwrap();
    let r = fails(merge_cmd(&paths), 1);
    assert!(
        r.stderr.contains("would not load, so nothing was merged"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("person \"zed\""), "{}", r.stderr);
    assert_eq!(fs::read(&paths[1]).unwrap(), ours_before);
}

#[test]
fn an_empty_base_is_no_common_version() {
    let (_dir, paths) = three();
    fs::write(&paths[0], "").unwrap();
    let r = ok_run(merge_cmd(&paths));
    assert!(r.stderr.contains("merged cleanly"), "{}", r.stderr);
    let merged = store::load(&paths[1]).unwrap();
    assert_eq!(merged, store::load(&demo_path()).unwrap());
}

#[test]
fn merge_writes_partnermaps_own_layout_so_diffs_stay_small() {
    let (_dir, paths) = three();
    // Our version minified by some tool: the merge writes it back pretty.
    let minified: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&paths[1]).unwrap()).unwrap();
    fs::write(&paths[1], minified.to_string()).unwrap();
    ok_run(merge_cmd(&paths));
    assert_eq!(
        fs::read_to_string(&paths[1]).unwrap(),
        store::to_text(&store::load(&demo_path()).unwrap())
    );
}
