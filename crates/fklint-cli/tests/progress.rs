//! The progress line on stderr: shown on a terminal (stdout and stderr both a pseudo-terminal, run through
//! util-linux `script`), never when the output is piped and never in a machine format. The line's first wait is
//! set to 0 ms (`FKLINT_PROGRESS_AFTER_MS`), so a check of a few hundred KB shows it without a timed test.

use std::path::PathBuf;
use std::process::{Command, Output};

const LINE: &str = "fklint: checking 1 file";
/// What the line ends with: back to the start of the line and erase it.
const ERASE: &str = "\r\x1b[2K";

/// A migration long enough that a debug build checks it for a while: tables each with a broken foreign key.
fn big_migration(test: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("fklint-progress-{}-{test}.sql", std::process::id()));
    let text: String = (0..3000)
        .map(|i| format!("CREATE TABLE t{i} (id int PRIMARY KEY, parent_id int REFERENCES missing_{i} (id));\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

/// `script` runs the command under a pseudo-terminal (stdin, stdout and stderr) and copies what it printed.
fn script_available() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The big migration, or `None` (the test is skipped) where `script` is missing.
fn input_for_terminal(test: &str) -> Option<PathBuf> {
    if !script_available() {
        eprintln!("skipped: util-linux `script` is not installed");
        return None;
    }
    Some(big_migration(test))
}

fn under_terminal(args: &str) -> Output {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_fklint"));
    Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env("FKLINT_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_terminal_sees_the_progress_line_erased_at_the_end() {
    let Some(input) = input_for_terminal("terminal") else {
        return;
    };
    let output = under_terminal(&format!("check {}", input.display()));
    let seen = String::from_utf8_lossy(&output.stdout);
    let at = seen
        .find(LINE)
        .unwrap_or_else(|| panic!("no progress line in:\n{seen}"));
    let line_end = at + seen[at..].find(ERASE).expect("the line is erased");
    assert!(
        seen[line_end..].contains("error[FK101]"),
        "the report follows the erased line: {seen}"
    );
    assert!(seen.contains("Found 3000 errors"), "{seen}");
    let _ = std::fs::remove_file(input);
}

#[test]
fn machine_formats_on_a_terminal_get_no_progress_line() {
    let Some(input) = input_for_terminal("machine") else {
        return;
    };
    for format in ["json", "sarif", "github"] {
        let output = under_terminal(&format!("check --format {format} {}", input.display()));
        let seen = String::from_utf8_lossy(&output.stdout);
        assert!(seen.contains("FK101"), "{format}: {seen}");
        assert!(!seen.contains("fklint: checking"), "{format}: {seen}");
        assert!(!seen.contains(ERASE), "{format}");
    }
    let _ = std::fs::remove_file(input);
}

#[test]
fn piped_output_gets_no_progress_line() {
    let input = big_migration("piped");
    for format in ["text", "json"] {
        let output = Command::new(env!("CARGO_BIN_EXE_fklint"))
            .args(["check", "--format", format])
            .arg(&input)
            .env("FKLINT_PROGRESS_AFTER_MS", "0")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.is_empty(), "{format}: {stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("FK101"));
    }
    let _ = std::fs::remove_file(input);
}
