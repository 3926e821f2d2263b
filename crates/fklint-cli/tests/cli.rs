//! End-to-end tests of the `fklint` binary: exit codes, argument errors, input reading and ordering, and the
//! shape of each output format. Rendering of findings is tested on hand-built reports in the unit tests, since
//! the core does not report findings yet.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const CLEAN_SQL: &str = "CREATE TABLE tenants (id uuid PRIMARY KEY);\n";

/// A directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("fklint-cli-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    /// Writes `contents` to `relative` (creating parent directories) and returns the full path.
    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn fklint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fklint"));
    command.env_remove("NO_COLOR");
    command
}

/// Runs fklint in `dir` with `args` and the given standard input.
fn run_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = fklint()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_in(&std::env::temp_dir(), args, "")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

// --- exit codes and argument errors ---------------------------------------------------------------------

#[test]
fn help_and_version_exit_0() {
    let help = run(&["--help"]);
    assert_eq!(code(&help), 0);
    assert!(stdout(&help).contains("check"));
    let check_help = run(&["check", "--help"]);
    assert_eq!(code(&check_help), 0);
    assert!(stdout(&check_help).contains("--fail-on"));
    let version = run(&["--version"]);
    assert_eq!(code(&version), 0);
    assert!(stdout(&version).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["check"],
        &["check", "--bogus", "a.sql"],
        &["check", "--format", "xml", "a.sql"],
        &["check", "--fail-on", "never", "a.sql"],
        &["check", "--dialect", "oracle", "a.sql"],
        &["check", "--target", "oracle-19", "a.sql"],
        &["schema", "--target", "mysql", "a.sql"],
        &["schema", "--format", "text", "a.sql"],
        &["frobnicate"],
    ] {
        let output = run(args);
        assert_eq!(code(&output), 2, "fklint {args:?}");
        assert!(
            !stderr(&output).is_empty(),
            "fklint {args:?} explains the error"
        );
    }
}

#[test]
fn missing_file_exits_2_naming_it() {
    let dir = TempDir::new();
    let output = run_in(dir.path(), &["check", "nope.sql"], "");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("nope.sql"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn clean_input_exits_0_with_a_summary() {
    let dir = TempDir::new();
    dir.write("0001_init.sql", CLEAN_SQL);
    for fail_on in ["error", "warning", "info"] {
        let output = run_in(
            dir.path(),
            &["check", "--fail-on", fail_on, "0001_init.sql"],
            "",
        );
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.starts_with("No problems found in 1 file ("), "{text}");
        assert!(text.ends_with(").\n"), "{text}");
    }
}

// --- inputs ----------------------------------------------------------------------------------------------

#[test]
fn stdin_is_read_for_dash() {
    let dir = TempDir::new();
    let output = run_in(dir.path(), &["check", "--format", "json", "-"], CLEAN_SQL);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["files"], 1);
    let listed = run_in(dir.path(), &["check", "--show-files", "-"], CLEAN_SQL);
    assert_eq!(stdout(&listed), "<stdin>\n");
}

#[test]
fn directories_are_read_in_natural_order() {
    let dir = TempDir::new();
    for name in [
        "m/10_c.sql",
        "m/2_b.sql",
        "m/1_a.sql",
        "m/00010-e.sql",
        "m/0002-d.sql",
        "m/sub/3_x.sql",
        "m/sub/20_y.sql",
        "m/notes.txt",
        "m/README.md",
    ] {
        dir.write(name, CLEAN_SQL);
    }
    let output = run_in(dir.path(), &["check", "--show-files", "m"], "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    // Equal numbers order by the length of their digit run: `2_b` before `0002-d`.
    let expected = [
        "m/1_a.sql",
        "m/2_b.sql",
        "m/0002-d.sql",
        "m/10_c.sql",
        "m/00010-e.sql",
        "m/sub/3_x.sql",
        "m/sub/20_y.sql",
    ];
    assert_eq!(stdout(&output).lines().collect::<Vec<_>>(), expected);
}

#[test]
fn explicit_files_are_read_whatever_their_extension_and_only_once() {
    let dir = TempDir::new();
    dir.write("m/1_a.sql", CLEAN_SQL);
    dir.write("m/2_b.sql", CLEAN_SQL);
    dir.write("schema.txt", CLEAN_SQL);
    let args = ["check", "--show-files", "schema.txt", "./m/2_b.sql", "m"];
    let output = run_in(dir.path(), &args, "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "schema.txt\nm/2_b.sql\nm/1_a.sql\n");
}

#[test]
fn non_utf8_files_are_read_with_a_warning() {
    let dir = TempDir::new();
    dir.write(
        "latin1.sql",
        b"-- caf\xe9\nCREATE TABLE t (id int PRIMARY KEY);\n",
    );
    let output = run_in(dir.path(), &["check", "latin1.sql"], "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let warning = stderr(&output);
    assert!(
        warning.contains("warning") && warning.contains("latin1.sql"),
        "{warning}"
    );
    assert!(stdout(&output).contains("in 1 file"));
}

#[test]
fn a_path_without_migrations_is_an_error_that_says_what_was_looked_for() {
    let dir = TempDir::new();
    fs::create_dir_all(dir.path().join("empty")).unwrap();
    dir.write("docs/README.md", b"# not a migration\n");
    for folder in ["empty", "docs"] {
        let output = run_in(dir.path(), &["check", folder], "");
        assert_eq!(code(&output), 2, "{}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains("no migration to check") && message.contains("goose"),
            "{message}"
        );
        assert!(stdout(&output).is_empty());
    }
}

// --- formats ---------------------------------------------------------------------------------------------

#[test]
fn json_format_is_the_report() {
    let dir = TempDir::new();
    let file = dir.write("a.sql", CLEAN_SQL);
    let output = run(&["check", "--format", "json", path_str(&file)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["version"], 1);
    assert!(report["findings"].as_array().unwrap().is_empty());
    for key in ["files", "statements", "unparsed", "tables", "foreign_keys"] {
        assert!(report["summary"][key].is_u64(), "summary.{key}");
    }
}

#[test]
fn sarif_format_is_valid_sarif() {
    let dir = TempDir::new();
    let file = dir.write("a.sql", CLEAN_SQL);
    let output = run(&["check", "--format", "sarif", path_str(&file)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let log: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "fklint");
    validate_sarif(&log);
}

fn validate_sarif(log: &Value) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    );
    let schema: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("file:///sarif.json", schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler
        .compile("file:///sarif.json", &mut schemas)
        .unwrap();
    if let Err(error) = schemas.validate(log, index) {
        panic!("invalid SARIF: {error:#}");
    }
}

#[test]
fn github_format_prints_nothing_without_findings() {
    let dir = TempDir::new();
    let file = dir.write("a.sql", CLEAN_SQL);
    let output = run(&["check", "--format", "github", path_str(&file)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn schema_prints_json() {
    let dir = TempDir::new();
    let file = dir.write("a.sql", CLEAN_SQL);
    let output = run(&["schema", "--format", "json", path_str(&file)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let schema: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(schema["version"], 1);
    assert!(schema["tables"].is_array());
    assert!(schema["foreign_keys"].is_array());
    let missing = run(&["schema", "/nonexistent/fklint.sql"]);
    assert_eq!(code(&missing), 2);
}

// --- dialects ---------------------------------------------------------------------------------------------

const MYSQL_SQL: &str =
    "CREATE TABLE `users` (\n  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n  \
     PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";

#[test]
fn the_dialect_is_detected_and_the_summary_says_why() {
    let dir = TempDir::new();
    dir.write("0001_users.sql", MYSQL_SQL);
    let output = run_in(dir.path(), &["check", "0001_users.sql"], "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "dialect mysql (detected: AUTO_INCREMENT ×1, ENGINE= ×1, backtick identifier ×3)"
        ),
        "{text}"
    );
    let output = run_in(
        dir.path(),
        &["check", "--format", "json", "0001_users.sql"],
        "",
    );
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let summary = &report["summary"];
    assert_eq!(summary["dialect"], "mysql");
    assert_eq!(summary["detected"]["dialect"], "mysql");
    assert_eq!(summary["detected"]["confident"], true);
    assert_eq!(
        summary["detected"]["evidence"][0],
        serde_json::json!({ "dialect": "mysql", "marker": "AUTO_INCREMENT", "count": 1 })
    );
    let output = run_in(
        dir.path(),
        &["check", "--format", "sarif", "0001_users.sql"],
        "",
    );
    let log: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(log["runs"][0]["properties"]["dialect"], "mysql");
    assert_eq!(
        log["runs"][0]["properties"]["dialectDetected"]["dialect"],
        "mysql"
    );
    validate_sarif(&log);
}

#[test]
fn a_given_dialect_wins_and_is_not_explained() {
    let dir = TempDir::new();
    dir.write("0001_users.sql", MYSQL_SQL);
    let output = run_in(
        dir.path(),
        &[
            "check",
            "--dialect",
            "sqlite",
            "--format",
            "json",
            "0001_users.sql",
        ],
        "",
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["dialect"], "sqlite");
    assert!(report["summary"].get("detected").is_none());
    let output = run_in(
        dir.path(),
        &["check", "--dialect", "mariadb", "0001_users.sql"],
        "",
    );
    let text = stdout(&output);
    assert!(text.contains(", dialect mysql)."), "{text}");
}

#[test]
fn the_configuration_gives_dialect_and_target() {
    let dir = TempDir::new();
    dir.write("0001_users.sql", MYSQL_SQL);
    dir.write("fklint.toml", "dialect = \"sqlite\"\n");
    let json = |args: &[&str]| -> Value {
        let output = run_in(dir.path(), args, "");
        assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
        serde_json::from_str(&stdout(&output)).unwrap()
    };
    let report = json(&["check", "--format", "json", "0001_users.sql"]);
    assert_eq!(report["summary"]["dialect"], "sqlite");
    // The command line wins over the file, `auto` included.
    let report = json(&[
        "check",
        "--dialect",
        "auto",
        "--format",
        "json",
        "0001_users.sql",
    ]);
    assert_eq!(report["summary"]["dialect"], "mysql");
    // A MySQL/MariaDB target decides `auto`, and contradicts another dialect.
    dir.write(
        "fklint.toml",
        "dialect = \"auto\"\ntarget = \"mariadb-10.11\"\n",
    );
    let report = json(&["check", "--format", "json", "0001_users.sql"]);
    assert_eq!(report["summary"]["dialect"], "mysql");
    assert!(report["summary"].get("detected").is_none());
    let schema = json(&["schema", "0001_users.sql"]);
    assert!(schema["tables"].is_array());
    let output = run_in(
        dir.path(),
        &["schema", "--dialect", "postgres", "0001_users.sql"],
        "",
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("target `mariadb-10.11` is a MySQL/MariaDB server"),
        "{}",
        stderr(&output)
    );
    for (config, expected) in [
        (
            "dialect = \"oracle\"\n",
            "accepted: auto, postgres, mysql, sqlite",
        ),
        (
            "target = \"mysql\"\n",
            "accepted: mysql-MAJOR.MINOR, mariadb-MAJOR.MINOR or postgres-MAJOR",
        ),
    ] {
        dir.write("fklint.toml", config);
        let output = run_in(dir.path(), &["check", "0001_users.sql"], "");
        assert_eq!(code(&output), 2, "{config}");
        assert!(
            stderr(&output).contains(expected),
            "{config}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn python_sources_do_not_move_detection_off_postgres() {
    let dir = TempDir::new();
    dir.write(
        "models.py",
        "# ENGINE=InnoDB AUTO_INCREMENT PRAGMA\nfrom sqlalchemy import Column\nNAMES = [Users]\n",
    );
    let output = run_in(dir.path(), &["check", "--format", "json", "models.py"], "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["dialect"], "postgres");
    assert_eq!(
        report["summary"]["detected"]["evidence"],
        serde_json::json!([])
    );
}

// --- rules -----------------------------------------------------------------------------------------------

#[test]
fn every_listed_rule_can_be_explained() {
    let rules = run(&["rules"]);
    assert_eq!(code(&rules), 0);
    for line in stdout(&rules).lines() {
        let code_column = line.split_whitespace().next().unwrap();
        assert!(code_column.starts_with("FK"), "{line}");
        let explained = run(&["explain", code_column]);
        assert_eq!(code(&explained), 0, "explain {code_column}");
        assert!(stdout(&explained).starts_with(code_column));
    }
}

#[test]
fn explaining_an_unknown_rule_exits_2() {
    let output = run(&["explain", "FK999"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("FK999"));
}

// --- Python sources ---------------------------------------------------------------------------------------

/// The write-up's models checked against the SQL of the real database: a directory mixes `.py` and `.sql`, the
/// seven foreign keys each get FK101 and FK201, and every edit is Python (in `models.py`).
#[test]
fn models_are_checked_against_sql_migrations() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dotmac-models");
    let output = run_in(&example, &["check", "--format", "json", "."], "");
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let count = |code: &str| findings.iter().filter(|f| f["code"] == code).count();
    assert_eq!((count("FK101"), count("FK201")), (7, 7), "{findings:#?}");
    assert_eq!(report["summary"]["files"], 2);
    let replacements: Vec<&str> = findings
        .iter()
        .flat_map(|f| f["fix"]["edits"].as_array().unwrap())
        .inspect(|e| assert_eq!(e["file"], "models.py"))
        .map(|e| e["replacement"].as_str().unwrap())
        .collect();
    for expected in ["tenants", "users", "String(255)", "UUID(as_uuid=True)"] {
        assert!(replacements.contains(&expected), "{replacements:?}");
    }
}

// --- migration tools ---------------------------------------------------------------------------------------

const GOOSE_USERS: &str =
    "-- +goose Up\nCREATE TABLE users (id int PRIMARY KEY);\n-- +goose Down\nDROP TABLE users;\n";
const GOOSE_POSTS: &str = "-- +goose Up\nCREATE TABLE posts (author_id bigint REFERENCES users (id));\n-- +goose Down\nDROP TABLE posts;\n";

#[test]
fn a_goose_folder_runs_its_up_sections_in_version_order_and_says_so() {
    let dir = TempDir::new();
    dir.write("m/10_posts.sql", GOOSE_POSTS);
    dir.write("m/9_users.sql", GOOSE_USERS);
    dir.write("m/migrations.go", "package m\n");
    let listed = run_in(dir.path(), &["check", "--show-files", "m"], "");
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    assert_eq!(stdout(&listed), "m/9_users.sql\nm/10_posts.sql\n");
    let notes = stderr(&listed);
    assert!(
        notes.contains("tool goose (detected: 2 files with `-- +goose Up`)"),
        "{notes}"
    );
    assert!(
        notes.contains("skipped m/migrations.go: Go migration"),
        "{notes}"
    );
    // The Down sections never run: no FK105 for dropping users, and the findings are the Up's.
    let output = run_in(dir.path(), &["check", "--format", "json", "m"], "");
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["tool"]["tool"], "goose");
    assert_eq!(report["summary"]["tool"]["detected"], true);
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"FK202"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.starts_with("FK1")), "{codes:?}");
    let text = run_in(dir.path(), &["check", "m"], "");
    assert!(
        stdout(&text).contains("tool goose (detected"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn down_checks_each_down_after_the_ups_up_to_its_migration() {
    let dir = TempDir::new();
    // 1's down drops users while posts (created by 2, not yet reverted when 1 is) is not there: fine. 2's down
    // leaves the key it added.
    dir.write("m/1_users.sql", GOOSE_USERS);
    dir.write(
        "m/2_posts.sql",
        "-- +goose Up\nCREATE TABLE posts (id int PRIMARY KEY);\nALTER TABLE posts ADD COLUMN author_id int REFERENCES users (id);\n-- +goose Down\nDROP INDEX IF EXISTS posts_author_idx;\n",
    );
    dir.write(
        "m/3_drop.sql",
        "-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP TABLE users;\n",
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let output = run_in(dir.path(), args, "");
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] != "FK404")
            .map(|f| {
                format!(
                    "{} {}:{}",
                    f["code"].as_str().unwrap(),
                    f["file"].as_str().unwrap(),
                    f["line"]
                )
            })
            .collect()
    };
    assert!(codes(&["check", "--format", "json", "m"]).is_empty());
    assert_eq!(
        codes(&["check", "--down", "--format", "json", "m"]),
        ["FK602 m/2_posts.sql:5", "FK106 m/3_drop.sql:4"]
    );
    let text = run_in(dir.path(), &["check", "--down", "m"], "");
    assert_eq!(code(&text), 1);
    assert!(
        stdout(&text).contains("m/3_drop.sql:4"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn tool_flag_overrides_the_detection() {
    let dir = TempDir::new();
    dir.write("m/10_posts.sql", GOOSE_POSTS);
    dir.write("m/9_users.sql", GOOSE_USERS);
    let output = run_in(
        dir.path(),
        &["check", "--tool", "plain", "--show-files", "m"],
        "",
    );
    assert_eq!(stdout(&output), "m/9_users.sql\nm/10_posts.sql\n");
    assert!(
        stderr(&output).contains("tool plain (given"),
        "{}",
        stderr(&output)
    );
    let bad = run_in(dir.path(), &["check", "--tool", "hibernate", "m"], "");
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("unknown tool `hibernate`"),
        "{}",
        stderr(&bad)
    );
    dir.write("fklint.toml", "tool = \"plain\"\n");
    let configured = run_in(dir.path(), &["check", "--show-files", "m"], "");
    assert!(
        stderr(&configured).contains("tool plain (given"),
        "{}",
        stderr(&configured)
    );
}

#[test]
fn fix_write_edits_the_whole_file_and_keeps_its_down_section() {
    let dir = TempDir::new();
    dir.write("m/1_users.sql", GOOSE_USERS);
    let posts = dir.write("m/2_posts.sql", GOOSE_POSTS);
    let output = run_in(dir.path(), &["fix", "--write", "m"], "");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = fs::read_to_string(&posts).unwrap();
    assert!(
        written.contains("-- +goose Down\nDROP TABLE posts;"),
        "{written}"
    );
    assert!(written.contains("-- +goose Up\n"), "{written}");
    assert_ne!(written, GOOSE_POSTS, "the FK202 edit was applied");
}

#[test]
fn a_runner_that_turns_foreign_key_checks_off_is_said_once() {
    let dir = TempDir::new();
    // The first migration references a table that only the second creates: MySQL accepts it only with
    // FOREIGN_KEY_CHECKS=0, which this runner sets before every migration.
    dir.write(
        "m/1_posts.sql",
        "CREATE TABLE posts (id INT PRIMARY KEY, author_id INT, FOREIGN KEY (author_id) REFERENCES users (id)) ENGINE=InnoDB;\n",
    );
    dir.write(
        "m/2_users.sql",
        "SET FOREIGN_KEY_CHECKS=1;\nCREATE TABLE users (id INT PRIMARY KEY) ENGINE=InnoDB;\n",
    );
    let errors = |args: &[&str]| -> Vec<String> {
        let output = run_in(dir.path(), args, "");
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!errors(&["check", "--format", "json", "m"]).is_empty());
    assert_eq!(
        errors(&[
            "check",
            "--format",
            "json",
            "--foreign-key-checks",
            "off",
            "m"
        ]),
        Vec::<String>::new()
    );
    dir.write("fklint.toml", "foreign_key_checks = false\n");
    assert_eq!(
        errors(&["check", "--format", "json", "m"]),
        Vec::<String>::new()
    );
}
