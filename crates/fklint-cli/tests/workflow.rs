//! End-to-end tests of how teams use the `fklint` binary: `fklint.toml` (discovery, precedence, errors,
//! exclude, order, rule settings), inline suppressions in the JSON summary, and `fklint fix`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const USERS: &str = "CREATE TABLE users (id uuid PRIMARY KEY);\n";
/// FK101 (`user` for `users`) and FK201 (integer → uuid) in one statement, and FK404 without the index.
const POSTS: &str = "CREATE TABLE posts (\n    id bigint PRIMARY KEY,\n    author_id integer REFERENCES \"user\" (id)\n);\n";
const POSTS_INDEX: &str = "CREATE INDEX posts_author_id_idx ON posts (author_id);\n";

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("fklint-wf-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.0.join(relative)).unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fklint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    assert_ne!(code(&output), 2, "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn severity_of(report: &Value, code: &str) -> String {
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code}"));
    finding["severity"].as_str().unwrap().to_string()
}

/// A project whose only findings are FK202 (integer → bigint) and FK404 (no index).
fn drift_project() -> TempDir {
    let dir = TempDir::new();
    dir.write(
        "db/migrations/001_users.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY);\n",
    );
    dir.write(
        "db/migrations/002_posts.sql",
        "CREATE TABLE posts (id bigint PRIMARY KEY, author_id integer REFERENCES users (id));\n",
    );
    dir
}

// --- configuration -----------------------------------------------------------------------------------

#[test]
fn config_is_discovered_above_the_checked_path_and_applies_rule_settings() {
    let dir = drift_project();
    let before = json(&dir.0, &["db/migrations"]);
    assert_eq!(codes(&before), ["FK202", "FK404"]);
    dir.write(
        "fklint.toml",
        "[rules]\nunindexed-foreign-key = \"off\"\nFK202 = \"error\"\n",
    );
    let after = json(
        &dir.0.join("db"),
        &["migrations/001_users.sql", "migrations"],
    );
    assert_eq!(codes(&after), ["FK202"]);
    assert_eq!(severity_of(&after, "FK202"), "error");
    let output = run_in(&dir.0, &["check", "db/migrations"]);
    assert_eq!(code(&output), 1, "FK202 is an error now");
}

#[test]
fn explicit_config_wins_and_no_config_ignores_it() {
    let dir = drift_project();
    dir.write("fklint.toml", "[rules]\nFK202 = \"off\"\n");
    dir.write("other.toml", "[rules]\nFK404 = \"off\"\n");
    let discovered = json(&dir.0, &["db/migrations"]);
    assert_eq!(codes(&discovered), ["FK404"]);
    let explicit = json(&dir.0, &["--config", "other.toml", "db/migrations"]);
    assert_eq!(codes(&explicit), ["FK202"]);
    let none = json(&dir.0, &["--no-config", "db/migrations"]);
    assert_eq!(codes(&none), ["FK202", "FK404"]);
}

#[test]
fn config_errors_exit_2_naming_the_file_and_the_key() {
    let dir = drift_project();
    for (text, expected) in [
        ("[rules]\nFK999 = \"off\"\n", "FK999"),
        ("[rules]\nFK404 = \"quiet\"\n", "quiet"),
        ("unknown_key = 1\n", "unknown_key"),
        ("exclude = [\"/abs\"]\n", "/abs"),
        ("not toml at all [\n", "fklint.toml"),
    ] {
        dir.write("fklint.toml", text);
        let output = run_in(&dir.0, &["check", "db/migrations"]);
        assert_eq!(code(&output), 2, "{text}");
        let message = stderr(&output);
        assert!(
            message.contains(expected) && message.contains("fklint.toml"),
            "{text}: {message}"
        );
    }
    let missing = run_in(&dir.0, &["check", "--config", "nope.toml", "db/migrations"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("nope.toml"));
}

#[test]
fn exclude_and_order_shape_the_file_list() {
    let dir = TempDir::new();
    dir.write("m/a_posts.sql", POSTS_INDEX);
    dir.write("m/b_users.sql", USERS);
    dir.write("m/legacy/0_old.sql", "CREATE TABLE old (id int);\n");
    dir.write("m/c.down.sql", "DROP TABLE users;\n");
    dir.write(
        "fklint.toml",
        "exclude = [\"legacy\", \"*.down.sql\"]\norder = [\"m/b_users.sql\", \"m/*.sql\", \"m/missing.sql\"]\n",
    );
    let output = run_in(&dir.0, &["check", "--show-files", "m"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "m/b_users.sql\nm/a_posts.sql\n");
    assert!(
        stderr(&output).contains("`m/missing.sql` matches no file"),
        "{}",
        stderr(&output)
    );
    // Explicitly named files are read even when excluded.
    let explicit = run_in(
        &dir.0,
        &["check", "--show-files", "m/legacy/0_old.sql", "m"],
    );
    assert!(stdout(&explicit).starts_with("m/b_users.sql\n"));
    assert!(stdout(&explicit).contains("m/legacy/0_old.sql"));
}

#[test]
fn search_path_from_the_config() {
    let dir = TempDir::new();
    dir.write(
        "m/1.sql",
        "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (author_id int REFERENCES app.users (id));\n",
    );
    let default = json(&dir.0, &["m"]);
    assert!(codes(&default).contains(&"FK101".to_string()));
    dir.write("fklint.toml", "search_path = [\"app\", \"public\"]\n");
    let configured = json(&dir.0, &["m"]);
    assert!(!codes(&configured).contains(&"FK101".to_string()));
}

// --- suppressions ------------------------------------------------------------------------------------

#[test]
fn suppressed_findings_are_counted_in_the_json_summary() {
    let dir = drift_project();
    dir.write(
        "db/migrations/002_posts.sql",
        "-- fklint-ignore FK202, FK404: posts.author_id is migrated to bigint in 010\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id integer REFERENCES users (id));\n",
    );
    let report = json(&dir.0, &["db/migrations"]);
    assert_eq!(codes(&report), Vec::<String>::new());
    assert_eq!(report["summary"]["suppressed"], 2);
    let text = run_in(&dir.0, &["check", "db/migrations"]);
    assert!(stdout(&text).contains("2 suppressed"), "{}", stdout(&text));
}

// --- fix ---------------------------------------------------------------------------------------------

fn broken_project() -> TempDir {
    let dir = TempDir::new();
    dir.write("m/001_users.sql", USERS);
    dir.write("m/002_posts.sql", &format!("{POSTS}{POSTS_INDEX}"));
    dir
}

#[test]
fn fix_prints_a_diff_by_default_and_writes_nothing() {
    let dir = broken_project();
    for args in [&["fix", "m"][..], &["fix", "--diff", "m"]] {
        let output = run_in(&dir.0, args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let diff = stdout(&output);
        assert!(
            diff.starts_with("--- m/002_posts.sql\n+++ m/002_posts.sql\n@@"),
            "{diff}"
        );
        assert!(diff.contains("-    author_id integer REFERENCES \"user\" (id)\n"));
        assert!(diff.contains("+    author_id uuid REFERENCES users (id)\n"));
        assert_eq!(dir.read("m/002_posts.sql"), format!("{POSTS}{POSTS_INDEX}"));
    }
}

#[test]
fn fix_write_applies_the_edits_and_the_result_checks_clean() {
    let dir = broken_project();
    let output = run_in(&dir.0, &["fix", "--write", "m"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("in 1 file; 0 findings remain"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        dir.read("m/002_posts.sql"),
        format!("CREATE TABLE posts (\n    id bigint PRIMARY KEY,\n    author_id uuid REFERENCES users (id)\n);\n{POSTS_INDEX}")
    );
    let leftovers: Vec<String> = fs::read_dir(dir.0.join("m"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let check = run_in(&dir.0, &["check", "--fail-on", "info", "m"]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    let again = run_in(&dir.0, &["fix", "m"]);
    assert_eq!(stdout(&again), "", "nothing left to fix");
}

#[test]
fn fix_write_deletes_unused_suppressions() {
    let dir = TempDir::new();
    dir.write(
        "m/1.sql",
        "CREATE TABLE users (id int PRIMARY KEY);\n-- fklint-ignore FK404: obsolete\nCREATE TABLE posts (id int PRIMARY KEY);\n",
    );
    let output = run_in(&dir.0, &["fix", "--write", "m"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        dir.read("m/1.sql"),
        "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (id int PRIMARY KEY);\n"
    );
}

#[test]
fn fix_forward_prints_the_migration_for_databases_that_ran_the_old_one() {
    let dir = TempDir::new();
    dir.write("m/1.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    dir.write(
        "m/2.sql",
        "CREATE TABLE posts (id bigint PRIMARY KEY, author_id integer REFERENCES users (id));\n",
    );
    let output = run_in(&dir.0, &["fix", "--forward", "m"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let sql = stdout(&output);
    assert!(sql.starts_with("-- FK202: "), "{sql}");
    assert!(
        sql.contains("\nALTER TABLE posts ALTER COLUMN author_id TYPE bigint;\n"),
        "{sql}"
    );
    assert!(sql.contains("\n-- FK404: "), "{sql}");
    assert!(sql.contains("CREATE INDEX"), "{sql}");
    assert_eq!(
        dir.read("m/2.sql").matches("integer").count(),
        1,
        "unchanged"
    );
}

#[test]
fn fix_write_refuses_standard_input() {
    let dir = TempDir::new();
    let output = Command::new(env!("CARGO_BIN_EXE_fklint"))
        .args(["fix", "--write", "-"])
        .current_dir(&dir.0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{USERS}{POSTS}").as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("standard input"),
        "{}",
        stderr(&output)
    );
}

const SUPABASE_PROFILES: &str =
    "CREATE TABLE public.profiles (\n    id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE\n);\n";

#[test]
fn the_platform_is_detected_configured_or_turned_off() {
    let dir = TempDir::new();
    dir.write("0001_profiles.sql", SUPABASE_PROFILES);
    let detected = json(&dir.0, &["."]);
    assert_eq!(detected["summary"]["platform"], "supabase");
    assert!(!codes(&detected).contains(&"FK101".to_string()));
    let off = json(&dir.0, &["--platform", "none", "."]);
    assert!(off["summary"].get("platform").is_none());
    assert!(
        codes(&off).contains(&"FK101".to_string()),
        "auth.users is missing without the preset"
    );
    dir.write("fklint.toml", "platform = \"none\"\n");
    let configured_off = json(&dir.0, &["."]);
    assert!(codes(&configured_off).contains(&"FK101".to_string()));
    let flag_wins = json(&dir.0, &["--platform", "supabase", "."]);
    assert_eq!(flag_wins["summary"]["platform"], "supabase");
    dir.write("fklint.toml", "platform = \"heroku\"\n");
    let bad = run_in(&dir.0, &["check", "."]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("unknown platform `heroku`"),
        "{}",
        stderr(&bad)
    );
}
