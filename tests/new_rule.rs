//! The `new-rule` scaffold (`scripts/new-rule.sh`) adds a rule by writing its file, its fixtures and its
//! generated docs, and one line in the registry, and nothing else needs a hand edit: on a copy of the core, the
//! CLI and the docs, a throwaway rule is scaffolded; the files that changed are exactly those; the copy builds,
//! `fklint rules` lists the rule, the snapshot tests find its fixtures, and the docs test finds the docs current.
//!
//! The copy builds in the workspace's own target directory, so the dependencies the test run already compiled
//! are reused and only the copy's two crates are compiled (a separate target directory compiled everything
//! again: minutes). The copy's packages live at another path, so their artifacts never replace the workspace's;
//! its command-line binary is renamed, so the workspace's `fklint` binary, which other tests run, is not
//! overwritten either.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CODE: &str = "FK799";
const NAME: &str = "throwaway-rule";
/// The copy's command-line binary: not `fklint`, which would overwrite the workspace's in the shared directory.
const COPY_BIN: &str = "fklint-new-rule-proof";

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
    let cli = to.join("crates/fklint-cli/Cargo.toml");
    let cli_manifest = fs::read_to_string(&cli).unwrap();
    let renamed = cli_manifest.replace("name = \"fklint\"\n", &format!("name = \"{COPY_BIN}\"\n"));
    assert_ne!(renamed, cli_manifest, "the CLI's [[bin]] is named `fklint`");
    fs::write(cli, renamed).unwrap();
}

/// The target directory this test binary was built in (`<target>/debug/deps/new_rule-*`), so the copy reuses
/// the dependencies compiled there; `CARGO_TARGET_DIR` when the binary is not where cargo puts it.
fn shared_target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let from_exe = exe
        .ancestors()
        .nth(3)
        .filter(|dir| dir.join("debug").is_dir() || dir.join("release").is_dir())
        .map(Path::to_path_buf);
    from_exe
        .or_else(|| std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from))
        .unwrap_or_else(|| workspace().join("target"))
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
    let target = shared_target_dir();
    // A fixed place, so that a second run finds the copy's crates at the same path and compiles incrementally.
    let copy = target.join("new-rule-copy");
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
        &[
            "run",
            "--quiet",
            "-p",
            "fklint-cli",
            "--bin",
            COPY_BIN,
            "--",
            "rules",
        ],
    );
    assert!(rules.contains(CODE) && rules.contains(NAME), "{rules}");
    // The snapshot tests find the rule's fixtures; the docs test finds its page current.
    for (package, target_kind, name, test) in [
        ("fklint", "--test", "snapshots", "every_rule_has_fixtures"),
        (
            "fklint-cli",
            "--bin",
            COPY_BIN,
            "committed_rule_pages_are_up_to_date",
        ),
    ] {
        let args = ["test", "--quiet", "-p", package, target_kind, name, test];
        run(&copy, &target, "cargo", &args);
    }
    let _ = fs::remove_dir_all(&copy);
}
