//! `--database`, `--ids-from`, `[ids_from]` and the tripwire example end to end through the binary (FK303).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fklint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fklint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("fklint runs")
}

/// `(code, severity, file:line)` of every finding of a JSON report.
fn findings(output: &Output) -> Vec<(String, String, String)> {
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    report["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|f| {
                    let file = f["file"].as_str().unwrap_or("");
                    let file = Path::new(file)
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    (
                        f["code"].as_str().unwrap_or("").to_string(),
                        f["severity"].as_str().unwrap_or("").to_string(),
                        format!("{file}:{}", f["line"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn fk303(output: &Output) -> Vec<(String, String, String)> {
    findings(output)
        .into_iter()
        .filter(|(code, _, _)| code == "FK303")
        .collect()
}

fn warning(at: &str) -> (String, String, String) {
    ("FK303".into(), "warning".into(), at.into())
}

const EXAMPLE: &str = "examples/tripwire-cross-database";
const GRANTED_BY: &str = "20251128100000_tripwire_users.sql:21";
const MANAGER_ID: &str = "20251129120000_sales_analytics.sql:12";

#[test]
fn the_tripwire_example_gives_exactly_the_two_cross_database_warnings() {
    for config in [&[][..], &["--no-config"][..]] {
        let args: Vec<&str> = ["check", "--format", "json"]
            .iter()
            .chain(config)
            .chain(&[EXAMPLE])
            .copied()
            .collect();
        let output = fklint(&repo(), &args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(
            fk303(&output),
            [warning(GRANTED_BY), warning(MANAGER_ID)],
            "{args:?}"
        );
    }
}

/// A scratch copy of the example, without its inline directives.
fn example_without_directives(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fklint-dbs-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(repo().join(EXAMPLE)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sql") {
            let text = fs::read_to_string(&path)
                .unwrap()
                .replace("fklint: ids-from", "was");
            fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    dir
}

#[test]
fn ids_from_comes_from_the_configuration_or_the_command_line() {
    let dir = example_without_directives("ids");
    let bare = fklint(&dir, &["check", "--format", "json", "--no-config", "."]);
    assert!(fk303(&bare).is_empty());
    let flags = fklint(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--no-config",
            "--ids-from",
            "tripwire_users.granted_by=main",
            "--ids-from",
            "public.sales_analytics.manager_id=main",
            ".",
        ],
    );
    assert_eq!(fk303(&flags), [warning(GRANTED_BY), warning(MANAGER_ID)]);
    fs::copy(
        repo().join(EXAMPLE).join("fklint.toml"),
        dir.join("fklint.toml"),
    )
    .unwrap();
    let configured = fklint(&dir, &["check", "--format", "json", "."]);
    assert_eq!(
        fk303(&configured),
        [warning(GRANTED_BY), warning(MANAGER_ID)]
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn databases_on_the_command_line_split_the_replay() {
    let dir = example_without_directives("split");
    let args = [
        "check",
        "--format",
        "json",
        "--no-config",
        "--database",
        "auth=00000000000000_supabase_auth_stub.sql",
        "--database",
        "tripwire=20251128100000_tripwire_users.sql,20251129120000_sales_analytics.sql",
        ".",
    ];
    let output = fklint(&dir, &args);
    assert_eq!(output.status.code(), Some(1));
    let found = findings(&output);
    // auth.users is only in database `auth`: every reference to it from `tripwire` is rejected.
    let errors: Vec<&str> = found
        .iter()
        .filter(|(code, severity, _)| code == "FK303" && severity == "error")
        .map(|(_, _, at)| at.as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "20251128100000_tripwire_users.sql:19",
            "20251128100000_tripwire_users.sql:21",
            "20251129120000_sales_analytics.sql:3"
        ]
    );
    // A table whose CREATE is rejected does not exist: a later reference to it fails too, as a consequence
    // that names its root (never as a problem of its own).
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let fk101 = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == "FK101");
    for finding in fk101 {
        assert_eq!(
            finding["caused_by"]["line"], 2,
            "an FK101 that is not the consequence of the rejected CREATE TABLE users: {finding}"
        );
    }

    let schema = fklint(&dir, &[&["schema"][..], &args[3..]].concat());
    let schema: Value = serde_json::from_slice(&schema.stdout).unwrap_or(Value::Null);
    let tables: Vec<String> = schema["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            format!(
                "{}:{}.{}",
                t["database"].as_str().unwrap_or("-"),
                t["schema"].as_str().unwrap_or(""),
                t["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    // Every `tripwire` table references `auth.users` (or a table that does): PostgreSQL rejects each CREATE
    // TABLE, so the schema those migrations build there has none of them.
    assert_eq!(tables, ["auth:auth.users"]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn database_paths_are_the_inputs_when_no_path_is_given() {
    let dir = example_without_directives("paths");
    let databases = [
        "--database",
        "auth=00000000000000_supabase_auth_stub.sql",
        "--database",
        "tripwire=20251128100000_tripwire_users.sql,20251129120000_sales_analytics.sql",
    ];
    let with_paths = fklint(
        &dir,
        &[
            &["check", "--format", "json", "--no-config"][..],
            &databases,
            &["."],
        ]
        .concat(),
    );
    let without = fklint(
        &dir,
        &[
            &["check", "--format", "json", "--no-config"][..],
            &databases,
        ]
        .concat(),
    );
    assert_eq!(
        without.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
    assert_eq!(findings(&without), findings(&with_paths));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_database_path_that_matches_no_file_is_a_warning() {
    let dir = example_without_directives("unmatched");
    let output = fklint(
        &dir,
        &[
            "check",
            "--no-config",
            "--database",
            "main=elsewhere.sql",
            ".",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`--database main`: `elsewhere.sql` is none of the files checked"),
        "{stderr}"
    );
    let _ = fs::remove_dir_all(&dir);
}
