//! The `new-rule` scaffold (`scripts/new-rule.sh`) adds a rule by writing its file, its fixtures and its
//! generated docs, and one line in the registry, and nothing else needs a hand edit: on a copy of the core, the
//! CLI and the docs, a throwaway rule is scaffolded; the files that changed are exactly those; the copy builds,
//! `fklint rules` lists the rule, the snapshot tests find its fixtures, and the docs test finds the docs current.
//!
//! Builds the copy in `target/new-rule-proof` (its own target directory, kept between runs).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CODE: &str = "FK799";
const NAME: &str = "throwaway-rule";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `root`, relative, with its contents.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The workspace's core, CLI, docs and scaffold, as a workspace of those two crates.
fn copy_workspace(to: &Path) {
    let from = workspace();
    for dir in [
        "crates/fklint/src",
        "crates/fklint/tests",
        "crates/fklint-cli/src",
        "docs",
        "scripts",
    ] {
        copy_tree(&from.join(dir), &to.join(dir));
    }
    for file in [
        "Cargo.lock",
        "crates/fklint/Cargo.toml",
        "crates/fklint-cli/Cargo.toml",
    ] {
        fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let manifest = fs::read_to_string(from.join("Cargo.toml")).unwrap();
    let members = "members = [\"crates/fklint\", \"crates/fklint-cli\"]";
    let manifest: String = manifest
        .lines()
        .map(|line| {
            if line.starts_with("members =") {
                members
            } else if line.starts_with("default-members =") {
                ""
            } else {
                line
            }
        })
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(to.join("Cargo.toml"), manifest).unwrap();
}

fn run(dir: &Path, target: &Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "{program} {args:?} failed:\n{text}"
    );
    text
}

#[test]
fn a_scaffolded_rule_needs_no_hand_edit_elsewhere() {
    let target = workspace().join("target/new-rule-proof");
    let copy = std::env::temp_dir().join(format!("fklint-new-rule-{}", std::process::id()));
    let _ = fs::remove_dir_all(&copy);
    copy_workspace(&copy);
    // The copy's lock file loses the packages the copy leaves out; let cargo write it before comparing.
    run(
        &copy,
        &target,
        "cargo",
        &["metadata", "--format-version", "1", "--quiet"],
    );
    let before = snapshot(&copy);

    run(
        &copy,
        &target,
        "bash",
        &[
            "scripts/new-rule.sh",
            CODE,
            NAME,
            "warning",
            "A throwaway rule for the scaffold's test.",
        ],
    );

    let after = snapshot(&copy);
    let mut changed: Vec<&str> = after
        .iter()
        .filter(|(path, text)| before.get(*path) != Some(*text))
        .map(|(path, _)| path.as_str())
        .collect();
    changed.extend(
        before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .map(String::as_str),
    );
    changed.sort_unstable();
    assert_eq!(
        changed,
        [
            "crates/fklint/src/rules/mod.rs",
            "crates/fklint/src/rules/throwaway_rule.rs",
            "crates/fklint/tests/fixtures/FK799/throwaway_rule.sql",
            "crates/fklint/tests/fixtures/FK799/valid/throwaway_rule.sql",
            "docs/rules/FK799.md",
            "docs/rules/README.md",
        ]
    );
    // The registry changed by one line, which the scaffold wrote.
    let registry = |files: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8(files["crates/fklint/src/rules/mod.rs"].clone()).unwrap()
    };
    let (old, new) = (registry(&before), registry(&after));
    let added: Vec<&str> = new
        .lines()
        .filter(|l| !old.lines().any(|o| o == *l))
        .collect();
    assert_eq!(added, ["    throwaway_rule,"]);
    assert_eq!(new.lines().count(), old.lines().count() + 1);

    let rules = run(
        &copy,
        &target,
        "cargo",
        &["run", "--quiet", "-p", "fklint-cli", "--", "rules"],
    );
    assert!(rules.contains(CODE) && rules.contains(NAME), "{rules}");
    // The snapshot tests find the rule's fixtures; the docs test finds its page current.
    for (package, target_kind, name, test) in [
        ("fklint", "--test", "snapshots", "every_rule_has_fixtures"),
        (
            "fklint-cli",
            "--bin",
            "fklint",
            "committed_rule_pages_are_up_to_date",
        ),
    ] {
        let args = ["test", "--quiet", "-p", package, target_kind, name, test];
        run(&copy, &target, "cargo", &args);
    }
    let _ = fs::remove_dir_all(&copy);
}
